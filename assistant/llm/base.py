"""The small interface every language-model backend implements.

Backends: ``local.py`` (transformers, optional peft adapter) and ``openai_compat.py`` (any
OpenAI-compatible server such as vLLM). Callers depend on this interface only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel, ValidationError

from assistant.errors import StructuredOutputError

Message = dict[str, str]
T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class GenerationParams:
    """Per-call generation limits; None fields fall back to the backend's settings."""

    max_new_tokens: int | None = None
    temperature: float | None = None
    top_p: float | None = None
    stop: tuple[str, ...] = field(default_factory=tuple)


@runtime_checkable
class LLMBackend(Protocol):
    """Chat-style text generation plus schema-constrained JSON."""

    name: str

    def generate(self, messages: list[Message], params: GenerationParams | None = None) -> str:
        """Return the assistant's reply to ``messages``."""
        ...

    def generate_batch(self, batch: list[list[Message]],
                       params: GenerationParams | None = None) -> list[str]:
        """Replies for several conversations, batched where the backend can."""
        ...

    def stream(self, messages: list[Message],
               params: GenerationParams | None = None) -> Iterator[str]:
        """Yield the reply in text pieces as they are generated."""
        ...

    def generate_json(self, messages: list[Message], schema: type[T],
                      params: GenerationParams | None = None) -> T:
        """Return an instance of ``schema``; decoding is constrained to its JSON schema.

        Raises StructuredOutputError when the output still fails validation.
        """
        ...

    def describe(self) -> dict[str, object]:
        """What is loaded: model, adapter, device, dtype (for status panels and audit)."""
        ...


def parse_json_output(raw: str, schema: type[T]) -> T:
    """Validate ``raw`` model output against ``schema`` or raise StructuredOutputError."""
    text = raw.strip()
    # Servers without guided decoding sometimes wrap JSON in a fenced block.
    if text.startswith("```"):
        text = text.strip("`")
        text = text.split("\n", 1)[1] if "\n" in text else text
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StructuredOutputError(
            f"model output is not valid JSON ({exc.msg} at char {exc.pos} of {len(text)}); "
            "raise generation.json_max_new_tokens if the output was cut", raw) from exc
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise StructuredOutputError(
            f"model output does not match {schema.__name__}: {exc.error_count()} errors, "
            f"first: {exc.errors()[0]['msg']}", raw) from exc
