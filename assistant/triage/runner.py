"""Batch plumbing for triage, importable by spawn and Ray workers (``__main__`` is not).

``make_process(settings)`` builds the per-worker triager call; ``error_record(key, message)``
the line of a case that failed; ``key_of(line)`` the case id of an output line;
``parquet_case_items`` / ``parquet_row_item`` turn Parquet rows into cases exactly as JSONL
lines are (``assistant.batch.read_jsonl_items``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from assistant.batch import BatchItem, check_key, record_key
from assistant.batch_ray import RayJob
from assistant.config import Settings
from assistant.errors import InputError
from assistant.schema import TriageRecord


def make_process(settings: Settings) -> Callable[[Any], TriageRecord]:
    """One Runtime per worker process; only its triager is built (no retrieval models)."""
    from assistant.cli import setup_logging
    from assistant.runtime import Runtime

    setup_logging(False)
    return Runtime(settings).triager.triage


def error_record(key: str, message: str) -> TriageRecord:
    """The output line for a case that could not be triaged."""
    return TriageRecord(id=key, error=message)


def key_of(record: dict[str, Any]) -> str:
    """The case id of an output line."""
    return str(record.get("id"))


def with_key(item: BatchItem) -> BatchItem:
    """The item with its key also in the payload's ``id`` (every output line names its case)."""
    if isinstance(item.payload, dict):
        return BatchItem(item.key, {**item.payload, "id": item.key}, item.error)
    return item


def parquet_row_item(row: dict[str, Any], stem: str, n: int) -> BatchItem:
    """Row ``n`` (1-based) of a Parquet case table; keyed like JSONL line ``n`` (``line<N>``
    when the row has no id)."""
    key, err = record_key(row, "id", n)
    if err is not None:
        return BatchItem(key, None, err)
    for field, value in row.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return BatchItem(key, None, f"row {n}: '{field}' is not valid Unicode")
    if check_key(row.get("id"))[0] is None:
        row = {**row, "id": key}
    return with_key(BatchItem(key, row))


def read_case_rows(path: Path, row_groups: list[int]) -> list[dict[str, Any]]:
    """All columns of the given row groups of a Parquet case table, as dicts."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).read_row_groups(row_groups).to_pylist()


def parquet_case_items(path: Path) -> list[BatchItem]:
    """Every row of a Parquet case table as an item (the local engine's reader)."""
    from assistant.extract.io import parquet_row_groups

    try:
        sizes = parquet_row_groups(path)
    except InputError as exc:
        return [BatchItem(path.stem, None, str(exc))]
    rows = read_case_rows(path, list(range(len(sizes))))
    return [parquet_row_item(r, path.stem, n) for n, r in enumerate(rows, 1)]


def ray_job(settings: Settings) -> RayJob:
    """The triage job for ``--engine ray`` (the same triager and records as locally)."""
    return RayJob(name="triage", make_process=partial(make_process, settings),
                  error_record=error_record, key_of=key_of, read_rows=read_case_rows,
                  row_item=parquet_row_item)
