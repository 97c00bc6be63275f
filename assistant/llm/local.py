"""Local backend: a Hugging Face causal LM in this process (transformers, optional peft adapter).

Loads safetensors only (``use_safetensors=True``, ``trust_remote_code=False``), applies the
tokenizer's chat template, generates greedily by default, batches with left padding, streams
through ``TextIteratorStreamer`` and constrains JSON with xgrammar. bf16 on CUDA, fp32 on CPU.
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
from assistant.errors import BackendError, InputError, ModelNotFoundError, StructuredOutputError
from assistant.llm.base import GenerationParams, Message, parse_json_output
from assistant.llm.grammar import JsonGrammar
from index.device import pick_device

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)


def pick_dtype(requested: str, device: str) -> Any:
    """bf16 on GPUs that support it, fp32 elsewhere (CPU bf16 matmuls are slow here)."""
    import torch

    if requested != "auto":
        return getattr(torch, requested)
    if device == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return torch.float32


class LocalBackend:
    """An in-process transformers model behind the LLMBackend interface."""

    name = "local"

    def __init__(self, model: Any, tokenizer: Any, settings: Settings, *,
                 model_path: Path | None = None, adapter_path: Path | None = None) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.settings = settings
        self.model_path = model_path
        self.adapter_path = adapter_path
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        # Left padding keeps every row's last prompt token adjacent to its first new token.
        tokenizer.padding_side = "left"
        self._grammar: JsonGrammar | None = None
        # One generation at a time: concurrent CPU generations only thrash the cores, and
        # the UI's queue is what gives fairness between users.
        self._lock = threading.Lock()

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_settings(cls, settings: Settings) -> LocalBackend:
        """Load the configured (or embedded) model and optional adapter."""
        from assistant.models import resolve_llm_path

        return cls.from_path(resolve_llm_path(settings), settings,
                             adapter_path=settings.adapter_path)

    @classmethod
    def from_path(cls, path: Path, settings: Settings, *,
                  adapter_path: Path | None = None) -> LocalBackend:
        """Load a local HF model folder (safetensors) and optionally a peft adapter."""
        from index.ml_imports import ml_import_lock

        with ml_import_lock():  # another thread may be importing transformers
            from transformers import AutoModelForCausalLM, AutoTokenizer

        t0 = time.perf_counter()
        device = pick_device(settings.device)
        dtype = pick_dtype(settings.dtype, device)
        try:
            tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=False)
            model = AutoModelForCausalLM.from_pretrained(
                path, dtype=dtype, trust_remote_code=False, use_safetensors=True)
        except OSError as exc:
            raise ModelNotFoundError(f"cannot load a model from {path}: {exc}. The folder needs "
                                     "config.json, tokenizer files and *.safetensors") from exc
        if adapter_path is not None:
            model = _apply_adapter(model, Path(adapter_path))
        model.to(device)
        model.eval()
        log.info("loaded %s on %s (%s) in %.1f s", path.name, device, dtype,
                 time.perf_counter() - t0)
        return cls(model, tokenizer, settings, model_path=path, adapter_path=adapter_path)

    # -- helpers ------------------------------------------------------------------------
    @property
    def device(self) -> Any:
        return next(self.model.parameters()).device

    def _prompt_text(self, messages: list[Message]) -> str:
        if not messages:
            raise InputError("no messages to generate from")
        if getattr(self.tokenizer, "chat_template", None):
            return self.tokenizer.apply_chat_template(messages, tokenize=False,
                                                      add_generation_prompt=True)
        # Base models without a chat template get a plain transcript.
        return "".join(f"{m['role']}: {m['content']}\n" for m in messages) + "assistant: "

    def _encode(self, prompts: list[str]) -> Any:
        enc = self.tokenizer(prompts, return_tensors="pt", padding=True,
                             add_special_tokens=False)
        limit = self.settings.generation.max_input_tokens
        longest = int(enc["attention_mask"].sum(dim=1).max())
        if longest > limit:
            raise InputError(f"prompt is {longest} tokens, over generation.max_input_tokens="
                             f"{limit}; shorten the input or raise the limit")
        return enc.to(self.device)

    def _gen_kwargs(self, params: GenerationParams | None, json_mode: bool = False) -> dict:
        g = self.settings.generation
        p = params or GenerationParams()
        default_max = g.json_max_new_tokens if json_mode else g.max_new_tokens
        temperature = g.temperature if p.temperature is None else p.temperature
        kwargs: dict[str, Any] = {
            "max_new_tokens": p.max_new_tokens or default_max,
            "pad_token_id": self.tokenizer.pad_token_id,
            "repetition_penalty": 1.0 if json_mode else g.repetition_penalty,
        }
        if temperature > 0:
            kwargs.update(do_sample=True, temperature=temperature,
                          top_p=g.top_p if p.top_p is None else p.top_p)
        else:
            kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        if p.stop:
            kwargs.update(stop_strings=list(p.stop), tokenizer=self.tokenizer)
        return kwargs

    def _decode_new(self, output: Any, prompt_len: int) -> str:
        return self.tokenizer.decode(output[prompt_len:], skip_special_tokens=True)

    def _run(self, prompts: list[str], kwargs: dict) -> list[str]:
        import torch

        enc = self._encode(prompts)
        with self._lock, torch.inference_mode():
            out = self.model.generate(**enc, **kwargs)
        width = enc["input_ids"].shape[1]
        return [_strip_stop(self._decode_new(row, width), kwargs.get("stop_strings"))
                for row in out]

    # -- LLMBackend ---------------------------------------------------------------------
    def generate(self, messages: list[Message], params: GenerationParams | None = None) -> str:
        """The assistant's reply to ``messages``."""
        return self._run([self._prompt_text(messages)], self._gen_kwargs(params))[0]

    def generate_batch(self, batch: list[list[Message]],
                       params: GenerationParams | None = None) -> list[str]:
        """Replies for several conversations, in batches of ``generation.batch_size``."""
        prompts = [self._prompt_text(m) for m in batch]
        return self._batched(prompts, self._gen_kwargs(params))

    def _batched(self, prompts: list[str], kwargs: dict) -> list[str]:
        # Similar lengths together waste less padding; results go back in input order.
        order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
        size = self.settings.generation.batch_size
        results: list[str] = [""] * len(prompts)
        for start in range(0, len(order), size):
            chunk = order[start:start + size]
            for i, text in zip(chunk, self._run([prompts[i] for i in chunk], kwargs),
                               strict=True):
                results[i] = text
        return results

    def stream(self, messages: list[Message],
               params: GenerationParams | None = None) -> Iterator[str]:
        """Yield text pieces as they are generated (generation runs in a worker thread)."""
        import torch
        from transformers import TextIteratorStreamer

        enc = self._encode([self._prompt_text(messages)])
        kwargs = self._gen_kwargs(params)
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True,
                                        skip_special_tokens=True, timeout=600)
        failure: list[BaseException] = []

        def work() -> None:
            try:
                with self._lock, torch.inference_mode():
                    self.model.generate(**enc, **kwargs, streamer=streamer)
            except BaseException as exc:  # re-raised in the caller's thread below
                failure.append(exc)
                streamer.end()

        thread = threading.Thread(target=work, name="llm-stream", daemon=True)
        thread.start()
        for piece in streamer:
            if piece:
                yield piece
        thread.join()
        if failure:
            raise BackendError(f"generation failed: {failure[0]}") from failure[0]

    def _grammar_for(self) -> JsonGrammar:
        if self._grammar is None:
            vocab = max(self.model.config.vocab_size, len(self.tokenizer))
            self._grammar = JsonGrammar(self.tokenizer, vocab)
        return self._grammar

    def generate_json(self, messages: list[Message], schema: type[T],
                      params: GenerationParams | None = None) -> T:
        """An instance of ``schema``; decoding is constrained to its JSON schema."""
        return self.generate_json_batch([messages], schema, params)[0]  # type: ignore[return-value]

    def generate_json_batch(self, batch: list[list[Message]], schema: type[T],
                            params: GenerationParams | None = None,
                            ) -> list[T | StructuredOutputError]:
        """Constrained JSON for several conversations; failures come back as errors in place.

        A single request (``len(batch) == 1``) raises instead of returning the error.
        """
        from transformers import LogitsProcessorList

        kwargs = self._gen_kwargs(params, json_mode=True)
        grammar = self._grammar_for()
        prompts = [self._prompt_text(m) for m in batch]
        order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
        size = self.settings.generation.batch_size
        raws: list[str] = [""] * len(prompts)
        for start in range(0, len(order), size):
            chunk = order[start:start + size]
            kw = dict(kwargs, logits_processor=LogitsProcessorList(
                [grammar.logits_processor(schema)]))
            for i, text in zip(chunk, self._run([prompts[i] for i in chunk], kw), strict=True):
                raws[i] = text
        out: list[T | StructuredOutputError] = []
        for raw in raws:
            try:
                out.append(parse_json_output(raw, schema))
            except StructuredOutputError as exc:
                if len(batch) == 1:
                    raise
                out.append(exc)
        return out

    def describe(self) -> dict[str, object]:
        """Model, adapter, device and dtype (for status panels and the audit log)."""
        n_params = sum(p.numel() for p in self.model.parameters())
        return {"backend": self.name,
                "model": str(self.model_path) if self.model_path else type(self.model).__name__,
                "adapter": str(self.adapter_path) if self.adapter_path else None,
                "device": str(self.device), "dtype": str(next(self.model.parameters()).dtype),
                "parameters_m": round(n_params / 1e6, 1)}


def _apply_adapter(model: Any, adapter_path: Path) -> Any:
    """Apply a peft LoRA adapter and merge it (merged weights generate as fast as the base)."""
    if not (adapter_path / "adapter_config.json").is_file():
        raise ModelNotFoundError(f"adapter_path {adapter_path} has no adapter_config.json; point "
                                 "it at a folder written by `python -m finetune.export`")
    from peft import PeftModel

    peft_model = PeftModel.from_pretrained(model, adapter_path, is_trainable=False)
    return peft_model.merge_and_unload()


def _strip_stop(text: str, stops: list[str] | None) -> str:
    # transformers stops *after* the stop string; callers expect it removed.
    for stop in stops or []:
        idx = text.find(stop)
        if idx != -1:
            text = text[:idx]
    return text
