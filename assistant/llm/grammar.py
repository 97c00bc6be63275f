"""Grammar-constrained JSON decoding for the local backend (xgrammar).

xgrammar is the maintained engine vLLM also uses, so the same pydantic schema constrains the
local model and a served one. Grammars are compiled once per (tokenizer, schema) and cached.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from pydantic import BaseModel

from assistant.errors import BackendError


class JsonGrammar:
    """Compiles pydantic schemas into xgrammar grammars for one tokenizer."""

    def __init__(self, tokenizer: Any, vocab_size: int) -> None:
        try:
            import xgrammar as xgr
        except ImportError as exc:  # a core dependency; only a broken install lacks it
            raise BackendError("xgrammar is not installed; reinstall the project "
                               "(`pip install -e .`) to get constrained JSON decoding") from exc
        self._xgr = xgr
        info = xgr.TokenizerInfo.from_huggingface(tokenizer, vocab_size=vocab_size)
        self._compiler = xgr.GrammarCompiler(info)
        self._cache: dict[str, Any] = {}
        self._lock = threading.Lock()

    def compiled(self, schema: type[BaseModel]) -> Any:
        """The compiled grammar for ``schema`` (compiled on first use)."""
        key = json.dumps(schema.model_json_schema(), sort_keys=True)
        with self._lock:
            if key not in self._cache:
                # No free whitespace: a small model otherwise spends its token budget on
                # newlines and indentation and the JSON gets cut off.
                self._cache[key] = self._compiler.compile_json_schema(
                    key, any_whitespace=False, strict_mode=True)
            return self._cache[key]

    def logits_processor(self, schema: type[BaseModel]) -> Any:
        """A fresh logits processor (xgrammar's processors are single-use)."""
        return self._xgr.contrib.hf.LogitsProcessor(self.compiled(schema))
