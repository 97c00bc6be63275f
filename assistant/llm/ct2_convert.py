"""Convert a local Llama-family model folder to CTranslate2, once, cached, with no network.

The cache lives in ``<cache_dir>/models/ct2/<name>-<quantization>-<hash>``; the hash covers
the source folder's ``config.json``, the names, sizes and modification times of its weight
files, the quantization and the ctranslate2 version, so a changed model or engine release
converts again. The conversion writes to a temporary folder, writes its marker file last
and renames the folder into place, so a crash or a concurrent converter never leaves a
half-written model that looks complete.

CTranslate2's own ``TransformersConverter`` reads ``config.rope_scaling`` and
``config.rope_theta``, which transformers 5 moved into ``config.rope_parameters``; reading
the old names silently gave the wrong RoPE base. ``_CompatConfig`` hands the loader the
values under the names it expects.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

from assistant.errors import ModelNotFoundError

log = logging.getLogger(__name__)

MARKER = "clinassist_ct2.json"
QUANTIZATIONS = ("int8", "int8_float32", "float32")


class CT2ConversionError(ModelNotFoundError):
    """The model cannot be converted to CTranslate2 (architecture or RoPE type unsupported)."""


def source_fingerprint(model_dir: Path, quantization: str) -> str:
    """A short hash naming one (model folder, quantization, ctranslate2 version) conversion."""
    import ctranslate2

    h = hashlib.sha256()
    h.update((model_dir / "config.json").read_bytes())
    for f in sorted(model_dir.glob("*.safetensors")):
        st = f.stat()
        h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    h.update(f"{quantization}:{ctranslate2.__version__}".encode())
    return h.hexdigest()[:16]


def ct2_cache_dir(model_dir: Path, cache_dir: Path, quantization: str) -> Path:
    """Where the conversion of ``model_dir`` at ``quantization`` is (or will be) cached."""
    name = model_dir.resolve().name
    return cache_dir / "models" / "ct2" / \
        f"{name}-{quantization}-{source_fingerprint(model_dir, quantization)}"


def is_converted(path: Path) -> bool:
    """True when ``path`` holds a complete conversion (marker written last)."""
    return (path / MARKER).is_file() and (path / "model.bin").is_file()


class _CompatConfig:
    """A transformers config seen with the attribute names ctranslate2's loader reads."""

    def __init__(self, config: Any) -> None:
        params = dict(getattr(config, "rope_parameters", None) or {})
        rope_type = params.get("rope_type") or params.get("type") or "default"
        if rope_type != "default":
            # Scaled RoPE variants (linear, llama3, yarn) need the loader's own handling,
            # which reads fields transformers 5 renamed; refuse rather than convert wrongly.
            raise CT2ConversionError(
                f"RoPE type {rope_type!r} is not supported by the CTranslate2 engine here; "
                "use --set llm.engine=transformers")
        theta = params.get("rope_theta", getattr(config, "rope_theta", None))
        self._over = {"rope_scaling": None, "rope_theta": float(theta or 10000.0),
                      "quantization_config": None}
        self._config = config

    def __getattr__(self, name: str) -> Any:
        if name in self._over:
            return self._over[name]
        return getattr(self._config, name)


class _CompatModel:
    """The model as the loader sees it: its own modules, the compatible config."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self.config = _CompatConfig(model.config)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)


def convert_model(model_dir: Path, out_dir: Path, quantization: str) -> None:
    """Convert the HF folder ``model_dir`` (safetensors, Llama family) into ``out_dir``."""
    import torch
    from ctranslate2.converters.transformers import _MODEL_LOADERS
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    config = AutoConfig.from_pretrained(model_dir, trust_remote_code=False)
    loader = _MODEL_LOADERS.get(type(config).__name__)
    if loader is None or type(config).__name__ != "LlamaConfig":
        # Only the Llama loader is checked against transformers 5 here (SmolLM2, Llama 3).
        raise CT2ConversionError(
            f"{type(config).__name__} models are not converted to CTranslate2 here; use "
            "--set llm.engine=transformers")
    with torch.no_grad():
        model = AutoModelForCausalLM.from_pretrained(
            model_dir, dtype=torch.float32, trust_remote_code=False, use_safetensors=True)
        tokenizer = AutoTokenizer.from_pretrained(model_dir, trust_remote_code=False)
        spec = loader(_CompatModel(model), tokenizer)
        spec.validate()
        spec.optimize(quantization=quantization)
        out_dir.mkdir(parents=True)
        spec.save(str(out_dir))


def prepare_ct2(model_dir: Path, cache_dir: Path, quantization: str = "int8") -> Path:
    """The cached CTranslate2 conversion of ``model_dir``, converting it on first use."""
    if quantization not in QUANTIZATIONS:
        raise ValueError(f"quantization {quantization!r}; one of {', '.join(QUANTIZATIONS)}")
    target = ct2_cache_dir(model_dir, cache_dir, quantization)
    if is_converted(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    t0 = time.perf_counter()
    try:
        convert_model(model_dir, tmp, quantization)
        (tmp / MARKER).write_text(json.dumps({
            "source": str(model_dir), "quantization": quantization,
            "converted_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}, indent=2))
        os.replace(tmp, target)
    except OSError:
        # Another process renamed its conversion into place first: use theirs.
        shutil.rmtree(tmp, ignore_errors=True)
        if not is_converted(target):
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("converted %s to CTranslate2 %s in %.1f s", model_dir.name, quantization,
             time.perf_counter() - t0)
    return target
