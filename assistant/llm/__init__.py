"""Language-model backends behind one small interface (see ``base.py``).

``get_backend(settings)`` returns the configured backend, loading it once per process and
settings, so the CLIs, the chat and the evals share one loaded model. The local backend runs
on CTranslate2 int8 (``ct2.py``) or transformers (``local.py``), see ``local_engine``.
"""

from __future__ import annotations

import logging
import threading

from assistant.config import Settings
from assistant.llm.base import GenerationParams, LLMBackend, Message, parse_json_output

__all__ = ["GenerationParams", "LLMBackend", "Message", "get_backend", "local_engine",
           "parse_json_output"]

log = logging.getLogger(__name__)

_CACHE: dict[str, LLMBackend] = {}
_LOCK = threading.Lock()


def _cache_key(settings: Settings) -> str:
    return settings.model_dump_json(include={"backend", "model_path", "adapter_path", "device",
                                             "dtype", "openai", "cache_dir"}) + settings.llm.model_dump_json(
        include={"engine", "ct2_compute_type", "ct2_threads"})


def local_engine(settings: Settings) -> str:
    """``ct2`` or ``transformers``: ``llm.engine``, where ``auto`` is ct2 on the CPU for a
    model without an adapter (an adapter is merged by peft, on the transformers path)."""
    engine = settings.llm.engine
    if engine != "auto":
        return engine
    if settings.adapter_path is not None:
        return "transformers"
    from index.device import pick_device

    return "ct2" if pick_device(settings.device) == "cpu" else "transformers"


def _load_local(settings: Settings) -> LLMBackend:
    from assistant.llm.local import LocalBackend

    if local_engine(settings) == "ct2":
        from assistant.llm.ct2 import CT2Backend
        from assistant.llm.ct2_convert import CT2ConversionError

        try:
            return CT2Backend.from_settings(settings)
        except CT2ConversionError as exc:
            if settings.llm.engine == "ct2":
                raise
            log.warning("CTranslate2 cannot run this model (%s); using transformers", exc)
    return LocalBackend.from_settings(settings)


def get_backend(settings: Settings) -> LLMBackend:
    """The backend ``settings`` name (``local`` or ``openai``), created on first use."""
    key = _cache_key(settings)
    with _LOCK:
        if key not in _CACHE:
            if settings.backend == "openai":
                from assistant.llm.openai_compat import OpenAIBackend

                _CACHE[key] = OpenAIBackend(settings)
            else:
                _CACHE[key] = _load_local(settings)
        return _CACHE[key]
