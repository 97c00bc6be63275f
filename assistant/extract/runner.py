"""Batch plumbing for extraction, importable by spawn workers (``__main__`` is not).

``make_process(settings_json, fmt)`` builds the per-worker note processor;
``error_record(fmt, key, message)`` the line of a note that failed; ``key_of(line)`` the note
id of an output line (CONTRACT record or FHIR Bundle).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from assistant.batch import BatchItem
from assistant.batch_ray import RayJob
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


def read_note_rows(path: Path, row_groups: list[int]) -> list[dict[str, Any]]:
    """Parquet rows for the Ray workers (only the id and text columns)."""
    from assistant.extract.io import read_parquet_rows

    return read_parquet_rows(path, row_groups)


def ray_job(settings_json: str, fmt: str, max_chars: int) -> RayJob:
    """The extraction job for ``--engine ray`` (the same processor and records as locally)."""
    return RayJob(name="notes", make_process=partial(make_process, settings_json, fmt),
                  error_record=partial(error_record, fmt), key_of=key_of,
                  read_rows=read_note_rows,
                  row_item=partial(_row_item, max_chars=max_chars),
                  empty_error="Parquet file holds no rows, no notes")


def _row_item(row: dict[str, Any], stem: str, n: int, *, max_chars: int) -> BatchItem:
    from assistant.extract.io import parquet_row_item

    return parquet_row_item(row, stem, n, max_chars)
