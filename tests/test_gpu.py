"""GPU paths at tiny size (`pytest -m gpu`): bf16 LoRA, resume, batched generation, the
embedder on cuda vs cpu, and an FSDP launch. Skipped without a CUDA device (CI has none);
``GPU_TESTS_ON_CPU=1`` runs the same checks on the CPU (the CUDA-only assertions relaxed), to
check the tests themselves where no GPU is lent.

Models: a tiny random llama with the real SmolLM2 tokenizer (``$GPU_PROOF_WORK/models/tiny-llm``
when ``eval.gpu_proof assets`` built one, else ``conftest.build_tiny_llama``) and the embedding
model ``eval.gpu_proof`` prepared (else the embedded all-MiniLM-L6-v2).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gpu
REPO = Path(__file__).resolve().parent.parent
ON_CPU = os.environ.get("GPU_TESTS_ON_CPU", "") not in ("", "0")


@pytest.fixture(scope="module")
def device() -> str:
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if ON_CPU:
        return "cpu"
    pytest.skip("needs a CUDA device (GPU_TESTS_ON_CPU=1 runs these checks on the CPU)")


@pytest.fixture(autouse=True)
def _fresh_accelerate_state():
    """accelerate keeps process-wide singletons; each training run starts from scratch."""
    yield
    from accelerate.state import AcceleratorState, GradientState, PartialState

    AcceleratorState._reset_state(True)
    GradientState._reset_state()
    PartialState._reset_state()


def _work_assets() -> dict:
    work = os.environ.get("GPU_PROOF_WORK")
    path = Path(work) / "assets.json" if work else None
    return json.loads(path.read_text()) if path and path.is_file() else {}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory, device: str) -> Path:
    prepared = _work_assets().get("tiny_llm")
    if prepared and (Path(prepared) / "config.json").is_file():
        return Path(prepared)
    from conftest import build_tiny_llama  # same folder (pytest puts it on sys.path)

    return build_tiny_llama(tmp_path_factory.mktemp("tiny-llm-gpu"))


@pytest.fixture(scope="module")
def sft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight short chats in the SFT format (hand-written: no rules pipeline needed)."""
    d = tmp_path_factory.mktemp("sft-gpu")
    drugs = ["aspirin", "metformin", "lisinopril", "atorvastatin"]
    rows = []
    for i in range(10):
        drug = drugs[i % 4]
        answer = json.dumps({"problems": [], "medications": [{"name": drug, "dose": f"{i + 1} mg"}],
                             "allergies": []})
        rows.append({"id": f"r{i}", "task": "extraction", "source": "test", "group": f"g{i}",
                     "messages": [{"role": "system", "content": "Return the medications as JSON."},
                                  {"role": "user", "content": f"Note: {drug} {i + 1} mg daily."},
                                  {"role": "assistant", "content": answer}], "meta": {}})
    for name, part in (("train.jsonl", rows[:8]), ("heldout.jsonl", rows[8:])):
        (d / name).write_text("".join(json.dumps(r) + "\n" for r in part))
    return d


def _cfg(tiny: Path, sft: Path, out: Path, **extra: object):
    from finetune import train as T

    base = {"model_path": str(tiny), "output_dir": str(out), "seed": 0,
            "data": {"train_file": str(sft / "train.jsonl"),
                     "eval_file": str(sft / "heldout.jsonl"), "build_if_missing": False,
                     "max_eval_examples": 2},
            "lora": {"r": 4, "alpha": 8, "dropout": 0.0},
            "max_seq_len": 256, "batch_size": 4, "learning_rate": 1e-2, "warmup_steps": 0,
            "lr_schedule": "constant", "max_steps": 6, "eval_every": 6, "save_every": 3,
            "precision": "auto"}
    base.update(extra)
    return T.TrainConfig.model_validate(base)


def test_lora_trains_in_bf16_and_resumes(tiny: Path, sft: Path, tmp_path: Path,
                                         device: str) -> None:
    import torch
    from safetensors.torch import load_file

    from finetune import train as T

    out = tmp_path / "run"
    summary = T.train(_cfg(tiny, sft, out, max_steps=3), show_progress=False)
    assert summary["precision"] == ("bf16" if device == "cuda" else "no")
    if device == "cuda":
        assert 0 < summary["peak_gpu_mem_gb"] < 10
    assert summary["steps"] == 3 and [c.name for c in T.list_checkpoints(out)] == ["step-3"]
    # resume to step 6 on the same device: the loss curve continues, the held-out loss falls
    summary = T.train(_cfg(tiny, sft, out), resume=True, show_progress=False)
    history = [json.loads(x) for x in (out / "history.jsonl").read_text().splitlines()]
    assert [h["step"] for h in history if "loss" in h] == [1, 2, 3, 4, 5, 6]
    assert all(math.isfinite(h["loss"]) for h in history if "loss" in h)
    first_eval, last_eval = summary["eval_losses"][0], summary["eval_losses"][-1]
    assert last_eval < first_eval - 0.05, summary["eval_losses"]
    weights = load_file(str(out / "adapter" / "adapter_model.safetensors"))
    assert weights and all(torch.isfinite(w).all() for w in weights.values())
    assert all(w.dtype == torch.float32 for w in weights.values())  # LoRA weights stay fp32


def test_batched_generation_matches_single_on_device(tiny: Path, device: str) -> None:
    from assistant.config import Settings
    from assistant.llm.local import LocalBackend

    settings = Settings(device=device, dtype="float32",
                        generation={"max_new_tokens": 12, "batch_size": 4})
    backend = LocalBackend.from_path(tiny, settings)
    assert backend.describe()["device"].startswith(device)
    prompts = [[{"role": "user", "content": text}] for text in
               ("Summarise: BP 150/90, on amlodipine.", "Hi", "A much longer request " * 8,
                "Allergic to penicillin (rash).")]
    singles = [backend.generate(m) for m in prompts]
    assert backend.generate_batch(prompts) == singles  # left padding is exact in fp32
    bf16 = LocalBackend.from_path(tiny, Settings(device=device))
    want = "torch.bfloat16" if device == "cuda" else "torch.float32"
    assert bf16.describe()["dtype"] == want


def test_embedder_on_device_matches_cpu(device: str) -> None:
    import numpy as np

    from assistant.config import Settings
    from index.embed import Embedder

    path = _work_assets().get("embedding", {}).get("model_path")
    texts = [f"Patient {i} reports chest pain radiating to the left arm." for i in range(12)]
    vecs = {}
    for dev in (device, "cpu"):
        embedder = Embedder(Settings(device=dev, embedding_model_path=path))
        assert embedder.device == dev
        vecs[dev] = embedder.encode(texts, batch_size=5)
    assert vecs[device].shape == (12, 384)
    assert np.allclose(np.linalg.norm(vecs[device], axis=1), 1.0, atol=1e-5)
    assert np.abs(vecs[device] - vecs["cpu"]).max() < 1e-4


def test_fsdp_launch_checkpoints_and_resumes(tiny: Path, sft: Path, tmp_path: Path,
                                             device: str) -> None:
    if device != "cuda":
        pytest.skip("FSDP needs the NCCL backend of a CUDA device here")
    out = tmp_path / "fsdp"
    base = [sys.executable, "-m", "accelerate.commands.launch", "--config_file",
            str(REPO / "finetune" / "configs" / "accelerate" / "fsdp.yaml"),
            "--num_processes", "1", "-m", "finetune.train", "--config",
            str(REPO / "finetune" / "configs" / "smollm2-135m-gpu.yaml"), "--no-progress"]
    sets = [f"model_path={tiny}", f"output_dir={out}", f"data.train_file={sft / 'train.jsonl'}",
            f"data.eval_file={sft / 'heldout.jsonl'}", "data.build_if_missing=false",
            "max_seq_len=256", "batch_size=4", "save_every=2", "eval_every=2", "warmup_steps=0"]
    args = [a for s in sets for a in ("--set", s)]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get(
        "PYTHONPATH", "")]))
    first = subprocess.run([*base, *args, "--set", "max_steps=2"], cwd=REPO, env=env,
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    second = subprocess.run([*base, *args, "--set", "max_steps=3", "--resume"], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stdout[-2000:] + second.stderr[-2000:]
    assert "resumed from" in second.stdout + second.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["steps"] == 3 and summary["precision"] == "bf16"
    assert (out / "adapter" / "adapter_config.json").is_file()
