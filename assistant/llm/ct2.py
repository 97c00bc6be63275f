"""CTranslate2 backend: the local model in int8 on the CPU, behind the LLMBackend interface.

The transformers fp32 path decodes SmolLM2-135M at about a third of the memory-bandwidth
bound; CTranslate2 with int8 weights reads a quarter of the bytes per token and has less
per-token overhead (``python -m eval.bench llm`` measures both in one run). The model folder
the transformers path would load (the embedded SmolLM2 conversion, or ``model_path``) is
converted once (``ct2_convert.prepare_ct2``) and cached.

Text generation (``generate``, ``generate_batch``, ``stream``) runs on CTranslate2.
Grammar-constrained JSON (``generate_json``) needs a logits processor on every step, which
CTranslate2 does not offer; those requests go to the transformers backend with xgrammar,
built from the same folder on first JSON request.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from assistant.config import Settings
from assistant.errors import BackendError, InputError, StructuredOutputError
from assistant.llm.base import GenerationParams, Message

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)


def _cpu_threads() -> int:
    import os

    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


#: Below this many bytes of converted weights one thread decodes fastest: a token's matmuls
#: are too small to amortise the threads' synchronisation. Measured 2026-12-04 on 2 idle
#: cores with SmolLM2-135M int8 (135 MB): 44.9 tok/s on 1 thread, 32.5 tok/s on 2.
SMALL_MODEL_BYTES = 500_000_000


def auto_threads(ct2_path: Path) -> int:
    """Intra-op threads for ``ct2_path`` when ``llm.ct2_threads`` is 0 (auto)."""
    size = sum(f.stat().st_size for f in Path(ct2_path).glob("*.bin"))
    return 1 if size < SMALL_MODEL_BYTES else _cpu_threads()


class CT2Backend:
    """A CTranslate2 ``Generator`` plus the model's HF tokenizer."""

    # "local": an in-process model (the triage narrative policy and the status panel tell
    # the embedded model from a server by this name); ``describe()`` names the engine.
    name = "local"
    engine = "ct2"

    def __init__(self, generator: Any, tokenizer: Any, settings: Settings, *,
                 model_path: Path, ct2_path: Path, compute_type: str) -> None:
        self.generator = generator
        self.tokenizer = tokenizer
        self.settings = settings
        self.model_path = model_path
        self.ct2_path = ct2_path
        self.compute_type = compute_type
        ends = {tokenizer.eos_token} | ({"<|im_end|>"} & set(tokenizer.get_vocab()))
        self._end_tokens = sorted(t for t in ends if t)
        self._json_backend: Any = None
        self._json_lock = threading.Lock()
        # One generation at a time, as on the transformers path: two CPU generations at
        # once only thrash the cores.
        self._lock = threading.Lock()

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_settings(cls, settings: Settings) -> CT2Backend:
        """Convert (once) and load the configured or embedded model."""
        from assistant.models import resolve_llm_path

        return cls.from_path(resolve_llm_path(settings), settings)

    @classmethod
    def from_path(cls, path: Path, settings: Settings, *,
                  compute_type: str | None = None) -> CT2Backend:
        """Load ``path`` (an HF folder) through its cached CTranslate2 conversion."""
        import ctranslate2

        from index.ml_imports import ml_import_lock

        with ml_import_lock():  # another thread may be importing transformers
            from transformers import AutoTokenizer

        from assistant.llm.ct2_convert import prepare_ct2

        t0 = time.perf_counter()
        compute = compute_type or settings.llm.ct2_compute_type
        # int8 weights are stored once and computed as int8; float32 needs its own copy.
        quant = "float32" if compute == "float32" else "int8"
        ct2_path = prepare_ct2(Path(path), settings.cache_dir, quant)
        generator = ctranslate2.Generator(str(ct2_path), device="cpu", compute_type=compute,
                                          intra_threads=settings.llm.ct2_threads or
                                          auto_threads(ct2_path))
        tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=False)
        log.info("loaded %s (CTranslate2 %s) in %.1f s", Path(path).name, compute,
                 time.perf_counter() - t0)
        return cls(generator, tokenizer, settings, model_path=Path(path), ct2_path=ct2_path,
                   compute_type=compute)

    # -- helpers ------------------------------------------------------------------------
    def _prompt_tokens(self, messages: list[Message]) -> list[str]:
        if not messages:
            raise InputError("no messages to generate from")
        if getattr(self.tokenizer, "chat_template", None):
            text = self.tokenizer.apply_chat_template(messages, tokenize=False,
                                                      add_generation_prompt=True)
        else:
            text = "".join(f"{m['role']}: {m['content']}\n" for m in messages) + "assistant: "
        ids = self.tokenizer.encode(text, add_special_tokens=False)
        limit = self.settings.generation.max_input_tokens
        if len(ids) > limit:
            raise InputError(f"prompt is {len(ids)} tokens, over generation.max_input_tokens="
                             f"{limit}; shorten the input or raise the limit")
        return self.tokenizer.convert_ids_to_tokens(ids)

    def _options(self, params: GenerationParams | None) -> dict[str, Any]:
        g = self.settings.generation
        p = params or GenerationParams()
        temperature = g.temperature if p.temperature is None else p.temperature
        opts: dict[str, Any] = {
            "max_length": p.max_new_tokens or g.max_new_tokens,
            "end_token": self._end_tokens,
            "repetition_penalty": g.repetition_penalty,
        }
        if temperature > 0:
            opts.update(sampling_topk=0, sampling_temperature=temperature,
                        sampling_topp=g.top_p if p.top_p is None else p.top_p)
        else:
            opts.update(sampling_topk=1)  # greedy
        return opts

    def _decode(self, ids: list[int]) -> str:
        return self.tokenizer.decode(ids, skip_special_tokens=True)

    # -- LLMBackend ---------------------------------------------------------------------
    def generate(self, messages: list[Message], params: GenerationParams | None = None) -> str:
        """The assistant's reply to ``messages``."""
        return self.generate_batch([messages], params)[0]

    def generate_batch(self, batch: list[list[Message]],
                       params: GenerationParams | None = None) -> list[str]:
        """Replies for several conversations (CTranslate2 batches them itself)."""
        prompts = [self._prompt_tokens(m) for m in batch]
        opts = self._options(params)
        size = self.settings.generation.batch_size
        out: list[str] = []
        for start in range(0, len(prompts), size):
            with self._lock:
                results = self.generator.generate_batch(
                    prompts[start:start + size], include_prompt_in_result=False, **opts)
            out += [self._decode(r.sequences_ids[0]) for r in results]
        stops = (params or GenerationParams()).stop
        return [_strip_stop(text, stops) for text in out]

    def stream(self, messages: list[Message],
               params: GenerationParams | None = None) -> Iterator[str]:
        """Yield text pieces as tokens are generated (whole words where the tokenizer
        splits a character across tokens)."""
        tokens = self._prompt_tokens(messages)
        opts = self._options(params)
        stops = (params or GenerationParams()).stop
        ids: list[int] = []
        sent = ""
        with self._lock:
            try:
                for step in self.generator.generate_tokens(tokens, **opts):
                    if step.is_last and step.token in self._end_tokens:
                        break
                    ids.append(step.token_id)
                    text = self._decode(ids)
                    if text.endswith("\ufffd"):  # an incomplete UTF-8 character: wait
                        continue
                    cut = _strip_stop(text, stops)
                    if len(cut) > len(sent):
                        yield cut[len(sent):]
                        sent = cut
                    if cut != text:  # a stop string appeared
                        return
                # The end: whatever was held back (a dangling partial character) goes out.
                tail = _strip_stop(self._decode(ids), stops)[len(sent):]
                if tail:
                    yield tail
            except (RuntimeError, ValueError) as exc:
                raise BackendError(f"generation failed: {exc}") from exc

    def _json(self) -> Any:
        with self._json_lock:
            if self._json_backend is None:
                from assistant.llm.local import LocalBackend

                self._json_backend = LocalBackend.from_path(self.model_path, self.settings,
                                                            adapter_path=None)
            return self._json_backend

    @property
    def model(self) -> Any:
        """The transformers model of the same folder (loaded on first use), for callers that
        read logits directly (``eval.medqa`` scores options from them): their figures stay
        those of the fp32 model."""
        return self._json().model

    def generate_json(self, messages: list[Message], schema: type[T],
                      params: GenerationParams | None = None) -> T:
        """An instance of ``schema``, decoded by transformers + xgrammar (see module doc)."""
        return self._json().generate_json(messages, schema, params)

    def generate_json_batch(self, batch: list[list[Message]], schema: type[T],
                            params: GenerationParams | None = None,
                            ) -> list[T | StructuredOutputError]:
        """Constrained JSON for several conversations (transformers + xgrammar)."""
        return self._json().generate_json_batch(batch, schema, params)

    def describe(self) -> dict[str, object]:
        """Model, engine, compute type and device (for status panels and the audit log)."""
        return {"backend": self.name, "engine": self.engine, "model": str(self.model_path),
                "ct2_model": str(self.ct2_path), "adapter": None, "device": "cpu",
                "dtype": self.compute_type,
                "json_engine": "transformers+xgrammar"}


def _strip_stop(text: str, stops: tuple[str, ...] | list[str] | None) -> str:
    for stop in stops or ():
        idx = text.find(stop)
        if idx != -1:
            text = text[:idx]
    return text
