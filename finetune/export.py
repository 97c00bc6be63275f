"""Package or merge a trained LoRA adapter; refuse to write non-finite weights.

Commands::

    python -m finetune.export --adapter runs/finetune/smollm2-135m-cpu/adapter \\
        --out outputs/adapters/clinassist-lora            # package the adapter
    python -m finetune.export --adapter ... --out outputs/models/merged --merge

Packaging copies the adapter (``adapter_config.json`` + ``adapter_model.safetensors``), the
tokenizer and the training config into ``--out`` with an ``export_manifest.json`` (base model,
checksums), after checking every tensor is finite and that the adapter loads onto its base
model. The assistant then applies it by config: ``adapter_path: <out>`` in the settings YAML
or ``--adapter <out>`` on any command (peft ``PeftModel.from_pretrained`` in the local backend).

``--merge`` folds the adapter into the base weights and writes a plain HF model folder
(safetensors) to use as ``model_path`` (faster generation, no peft at run time; also what
vLLM/TGI serve). The output is written to a temporary folder and renamed, so a failed export
never leaves a half-written folder behind.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

from assistant.errors import ClinAssistError, ModelNotFoundError

ADAPTER_FILES = ("adapter_config.json", "adapter_model.safetensors")
EXTRA_FILES = ("tokenizer.json", "tokenizer_config.json", "chat_template.jinja",
               "special_tokens_map.json", "training_config.yaml", "README.md")


class NonFiniteWeightsError(ClinAssistError):
    """Weights hold NaN or inf values (a diverged run); they are never saved."""


def non_finite(state: dict[str, Any]) -> list[str]:
    """Names of the tensors in ``state`` holding a NaN or an infinity."""
    import torch

    return [name for name, t in state.items()
            if torch.is_tensor(t) and t.is_floating_point() and not bool(torch.isfinite(t).all())]


def check_finite(state: dict[str, Any], what: str) -> None:
    """Raise NonFiniteWeightsError naming the bad tensors (and what to do)."""
    bad = non_finite(state)
    if bad:
        raise NonFiniteWeightsError(
            f"{what}: {len(bad)} tensor(s) hold NaN/inf (e.g. {bad[:3]}); refusing to save. "
            "The run diverged: retrain with a lower learning_rate or precision: fp32, "
            "or export an earlier checkpoint (runs/.../checkpoints/step-N/adapter)")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def base_model_of(adapter_dir: Path, override: Path | None = None) -> Path:
    """The base model folder: ``override``, else the path recorded in adapter_config.json."""
    if override is not None:
        path = Path(override)
    else:
        cfg = json.loads((adapter_dir / "adapter_config.json").read_text())
        path = Path(cfg.get("base_model_name_or_path") or "")
    if not (path / "config.json").is_file():
        raise ModelNotFoundError(
            f"base model {path} of adapter {adapter_dir} is not a local model folder; pass "
            "--model <folder> (the model the adapter was trained on)")
    return path


def _check_adapter_dir(adapter_dir: Path) -> None:
    missing = [f for f in ADAPTER_FILES if not (adapter_dir / f).is_file()]
    if missing:
        raise ModelNotFoundError(f"{adapter_dir} is not a peft adapter folder (missing "
                                 f"{missing}); point --adapter at <output_dir>/adapter")


def _finish(tmp: Path, out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    return out


def package_adapter(adapter_dir: Path, out: Path, *, base_model: Path | None = None,
                    verify: bool = True) -> Path:
    """Copy a finite, loadable adapter with its tokenizer and a manifest into ``out``."""
    from safetensors.torch import load_file

    adapter_dir = Path(adapter_dir)
    _check_adapter_dir(adapter_dir)
    check_finite(load_file(adapter_dir / "adapter_model.safetensors"), str(adapter_dir))
    base = base_model_of(adapter_dir, base_model)
    if verify:  # a wrong base (shapes, module names) fails here, not in the assistant later
        load_with_adapter(base, adapter_dir)
    out = Path(out)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name in ADAPTER_FILES + EXTRA_FILES:
        if (adapter_dir / name).is_file():
            shutil.copy2(adapter_dir / name, tmp / name)
    cfg_path = tmp / "adapter_config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg["base_model_name_or_path"] = str(base.resolve())
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n")
    manifest = {"kind": "lora_adapter", "base_model": str(base.resolve()),
                "source": str(adapter_dir.resolve()),
                "sha256": {n: _sha256(tmp / n) for n in ADAPTER_FILES},
                "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "use": f"adapter_path: {out}  (or --adapter {out})"}
    (tmp / "export_manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return _finish(tmp, out)


def load_with_adapter(base: Path, adapter_dir: Path, *, dtype: Any = None) -> Any:
    """Base model + adapter (peft), in eval mode, the way the assistant's backend loads it."""
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(base, dtype=dtype or torch.float32)
    return PeftModel.from_pretrained(model, adapter_dir, is_trainable=False).eval()


def merge_adapter(adapter_dir: Path, out: Path, *, base_model: Path | None = None) -> Path:
    """Fold the adapter into the base weights; write a plain HF model folder to ``out``."""
    from safetensors.torch import load_file
    from transformers import AutoTokenizer

    adapter_dir = Path(adapter_dir)
    _check_adapter_dir(adapter_dir)
    check_finite(load_file(adapter_dir / "adapter_model.safetensors"), str(adapter_dir))
    base = base_model_of(adapter_dir, base_model)
    merged = load_with_adapter(base, adapter_dir).merge_and_unload()
    check_finite(merged.state_dict(), "merged model")
    out = Path(out)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    merged.save_pretrained(tmp, safe_serialization=True)
    tok_src = adapter_dir if (adapter_dir / "tokenizer_config.json").is_file() else base
    AutoTokenizer.from_pretrained(tok_src).save_pretrained(tmp)
    (tmp / "export_manifest.json").write_text(json.dumps({
        "kind": "merged_model", "base_model": str(base.resolve()),
        "adapter": str(adapter_dir.resolve()),
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "use": f"model_path: {out}  (or --model {out})"}, indent=2) + "\n")
    return _finish(tmp, out)


def main() -> int:
    from assistant.cli import setup_logging

    parser = argparse.ArgumentParser(prog="python -m finetune.export", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--adapter", type=Path, required=True,
                        help="adapter folder (<output_dir>/adapter or a checkpoint's adapter)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write")
    parser.add_argument("--merge", action="store_true", help="write a merged model folder")
    parser.add_argument("--model", type=Path, help="base model folder (default: from the "
                                                   "adapter's config)")
    parser.add_argument("--no-verify", action="store_true",
                        help="package without test-loading the adapter onto its base")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    setup_logging(args.verbose)
    if args.merge:
        path = merge_adapter(args.adapter, args.out, base_model=args.model)
    else:
        path = package_adapter(args.adapter, args.out, base_model=args.model,
                               verify=not args.no_verify)
    print(path)
    return 0


if __name__ == "__main__":
    from assistant.cli import run_cli

    run_cli(main)
