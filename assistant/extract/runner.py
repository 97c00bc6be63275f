"""Batch plumbing for extraction, importable by spawn workers (``__main__`` is not).

``make_process(settings_json, fmt)`` builds the per-worker note processor;
``error_record(fmt, key, message)`` the line of a note that failed; ``key_of(line)`` the note
id of an output line (CONTRACT record or FHIR Bundle).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.config import Settings
from assistant.schema import ExtractionRecord


def make_process(settings_json: str, fmt: str) -> Callable[[tuple[str, str]], dict[str, Any]]:
    """Per-worker processor: one Runtime per worker process, whose extractor loads the models
    and rules once."""
    from assistant.cli import setup_logging
    from assistant.runtime import Runtime

    settings = Settings.model_validate_json(settings_json)
    setup_logging(False)
    extractor = Runtime(settings).extractor

    def process(payload: tuple[str, str]) -> dict[str, Any]:
        note_id, text = payload
        record = extractor.extract(text, note_id)
        if fmt == "fhir":
            from assistant.extract.fhir import to_fhir_bundle

            return to_fhir_bundle(record, text)
        return record.model_dump(mode="json")

    return process


def error_record(fmt: str, key: str, message: str) -> dict[str, Any]:
    """The output line for a note that could not be processed."""
    if fmt == "fhir":
        from assistant.extract.fhir import error_bundle

        return error_bundle(key, message)
    return ExtractionRecord(note_id=key, error=message).model_dump(mode="json")


def key_of(record: dict[str, Any]) -> str:
    """The note id of an output line (CONTRACT record or FHIR Bundle)."""
    if "note_id" in record:
        return str(record["note_id"])
    return str(record.get("identifier", {}).get("value", ""))
