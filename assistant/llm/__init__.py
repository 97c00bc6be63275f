"""Language-model backends behind one small interface (see ``base.py``).

``get_backend(settings)`` returns the configured backend, loading it once per process and
settings, so the CLIs, the chat and the evals share one loaded model.
"""

from __future__ import annotations

import threading

from assistant.config import Settings
from assistant.llm.base import GenerationParams, LLMBackend, Message, parse_json_output

__all__ = ["GenerationParams", "LLMBackend", "Message", "get_backend", "parse_json_output"]

_CACHE: dict[str, LLMBackend] = {}
_LOCK = threading.Lock()


def _cache_key(settings: Settings) -> str:
    return settings.model_dump_json(include={"backend", "model_path", "adapter_path", "device",
                                             "dtype", "openai", "cache_dir"})


def get_backend(settings: Settings) -> LLMBackend:
    """The backend ``settings`` name (``local`` or ``openai``), created on first use."""
    key = _cache_key(settings)
    with _LOCK:
        if key not in _CACHE:
            if settings.backend == "openai":
                from assistant.llm.openai_compat import OpenAIBackend

                _CACHE[key] = OpenAIBackend(settings)
            else:
                from assistant.llm.local import LocalBackend

                _CACHE[key] = LocalBackend.from_settings(settings)
        return _CACHE[key]
