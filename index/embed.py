"""Sentence-transformers embedding: batched, normalised (cosine = inner product), GPU when present.

The model's identity (a name plus a fingerprint of its config files) goes into the index
manifest so that an index is never searched with vectors from another model.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.models import resolve_embedding_path
from index.device import pick_device

log = logging.getLogger(__name__)

EMBEDDED_NAME = "sentence-transformers/all-MiniLM-L6-v2 (embedded)"
_FINGERPRINT_FILES = ("modules.json", "config.json", "config_sentence_transformers.json",
                      "sentence_bert_config.json", "1_Pooling/config.json", "2_Dense/config.json",
                      "2_Normalize/config.json", "tokenizer.json", "vocab.txt")


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


class Embedder:
    """A loaded sentence-transformers model that returns float32 unit vectors."""

    def __init__(self, settings: Settings) -> None:
        from sentence_transformers import SentenceTransformer

        self.identity = model_identity(settings)
        self.device = pick_device(settings.device, check=False)
        self.model = SentenceTransformer(self.identity["path"], device=self.device,
                                         local_files_only=True)
        self.dimension = int(self.model.get_embedding_dimension()
                             if hasattr(self.model, "get_embedding_dimension")
                             else self.model.get_sentence_embedding_dimension())
        self.last_rate: float = 0.0

    def encode(self, texts: list[str], *, batch_size: int = 64, show_progress: bool = False,
               report: bool = False) -> np.ndarray:
        """Embed ``texts`` (n x dim float32, L2-normalised); prints throughput when ``report``."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        t0 = time.perf_counter()
        vecs = self.model.encode(texts, batch_size=batch_size, show_progress_bar=show_progress,
                                 convert_to_numpy=True, normalize_embeddings=True)
        seconds = time.perf_counter() - t0
        self.last_rate = len(texts) / seconds if seconds > 0 else 0.0
        if report:
            print(f"embedded {len(texts)} chunks in {seconds:.1f} s "
                  f"({self.last_rate:.1f} chunks/s, device {self.device}, batch {batch_size})",
                  file=sys.stderr, flush=True)
        return np.ascontiguousarray(vecs, dtype=np.float32)

    def encode_queries(self, queries: list[str]) -> np.ndarray:
        """Embed search queries (no progress bar)."""
        return self.encode(queries, batch_size=max(1, min(64, len(queries))))
