"""Typed exceptions. Each message says what went wrong and what to do about it."""

from __future__ import annotations


class ClinAssistError(Exception):
    """Base class for every error this project raises on purpose."""


class ConfigError(ClinAssistError):
    """A settings file, environment variable or CLI override is invalid."""


class ModelNotFoundError(ClinAssistError):
    """A model (embedded default or configured path) cannot be found on disk."""


class BackendError(ClinAssistError):
    """The language-model backend failed (server unreachable, bad response, ...)."""


class StructuredOutputError(BackendError):
    """The model's output did not validate against the requested schema.

    ``raw`` keeps what the model produced so callers can log its length or retry,
    never its content when it may hold note text.
    """

    def __init__(self, message: str, raw: str = "") -> None:
        super().__init__(message)
        self.raw = raw


class PromptError(ClinAssistError):
    """A prompt template is missing, or its placeholders do not match what was given."""


class InputError(ClinAssistError):
    """An input record or file cannot be processed (empty, binary, too large, malformed)."""


class IndexMismatchError(ClinAssistError):
    """An index was built with another embedding model or dimension than the one configured."""
