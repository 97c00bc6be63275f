"""One shared sentence embedder per process (the index's ``Embedder``), loaded on first use."""

from __future__ import annotations

import threading

from assistant.config import Settings

_EMBEDDERS: dict[str, object] = {}
_LOCK = threading.Lock()


def get_embedder(settings: Settings):  # -> index.embed.Embedder
    """The configured sentence-transformers model (all-MiniLM-L6-v2 by default), cached."""
    from index.embed import Embedder

    key = f"{settings.embedding_model_path}|{settings.device}"
    with _LOCK:
        if key not in _EMBEDDERS:
            _EMBEDDERS[key] = Embedder(settings)
        return _EMBEDDERS[key]
