"""Crash-safe, order-preserving batch runner shared by every batch CLI.

Guarantees (CONTRACT.md and the project standards):
- one output line per input item, in input order, also for items that failed;
- output is written to ``<out>.partial`` and renamed to ``<out>`` only when the run is
  complete, so a file that looks complete is complete;
- ``resume=True`` keeps the lines already in ``<out>.partial`` (checked against the input's
  keys, a torn last line dropped) and processes only the rest.
"""

from __future__ import annotations

import json
import logging
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from tqdm import tqdm

from assistant.errors import InputError

log = logging.getLogger(__name__)

#: Fewer items than this get no progress bar ("more than a handful" in CONTRACT.md).
PROGRESS_MIN_ITEMS = 6


@dataclass(frozen=True)
class BatchItem:
    """One unit of work: ``key`` names it in the output, ``error`` is set when reading it failed."""

    key: str
    payload: Any = None
    error: str | None = None


@dataclass
class BatchSummary:
    total: int = 0
    processed: int = 0
    skipped: int = 0
    errors: int = 0
    seconds: float = 0.0

    def line(self, what: str = "items") -> str:
        rate = self.processed / self.seconds if self.seconds > 0 else 0.0
        return (f"{self.total} {what}: {self.processed} processed ({rate:.2f}/s), "
                f"{self.skipped} resumed, {self.errors} with errors")


def _to_dict(record: BaseModel | dict[str, Any]) -> dict[str, Any]:
    return record.model_dump(mode="json") if isinstance(record, BaseModel) else record


def _resume_prefix(partial: Path, items: Sequence[BatchItem], key_of: Callable[[dict], str]) -> int:
    """How many leading input items already have a complete, matching line in ``partial``.

    Truncates the file to exactly those lines (drops a torn or mismatching tail).
    """
    kept_bytes = 0
    done = 0
    with partial.open("rb") as fh:
        for raw in fh:
            if done >= len(items) or not raw.endswith(b"\n"):
                break
            try:
                rec = json.loads(raw)
            except json.JSONDecodeError:
                break
            if not isinstance(rec, dict) or key_of(rec) != items[done].key:
                break
            kept_bytes += len(raw)
            done += 1
    with partial.open("r+b") as fh:
        fh.truncate(kept_bytes)
    return done


def _call(process: Callable[[Any], Any], item: BatchItem) -> tuple[dict | None, str | None]:
    """Run ``process`` on one item; return (record, None) or (None, error message)."""
    if item.error is not None:
        return None, item.error
    try:
        return _to_dict(process(item.payload)), None
    except InputError as exc:
        return None, str(exc)
    except Exception as exc:  # one bad item must not sink the batch; the reason is recorded
        log.warning("item %s failed: %s", item.key, type(exc).__name__)
        return None, f"{type(exc).__name__}: {exc}"


_WORKER_PROCESS: Callable[[Any], Any] | None = None


def _worker_init(factory: Callable[[], Callable[[Any], Any]]) -> None:
    global _WORKER_PROCESS
    _WORKER_PROCESS = factory()


def _worker_call(item: BatchItem) -> tuple[dict | None, str | None]:
    assert _WORKER_PROCESS is not None
    return _call(_WORKER_PROCESS, item)


def run_batch(
    items: Sequence[BatchItem],
    make_process: Callable[[], Callable[[Any], BaseModel | dict[str, Any]]],
    error_record: Callable[[str, str], BaseModel | dict[str, Any]],
    out: str | Path,
    *,
    key_of: Callable[[dict], str],
    resume: bool = False,
    workers: int = 1,
    desc: str = "items",
    show_progress: bool | None = None,
) -> BatchSummary:
    """Process ``items`` in order and write one JSON line per item to ``out``.

    ``make_process`` builds the per-item function (once per worker process, so heavy state
    such as models is loaded once); it must be picklable when ``workers > 1``.
    ``error_record(key, message)`` builds the line for an item that failed.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    summary = BatchSummary(total=len(items))
    if resume and out.exists() and not partial.exists():
        os.replace(out, partial)  # a finished file resumes as all-done
    start = 0
    if resume and partial.exists():
        start = _resume_prefix(partial, items, key_of)
    else:
        partial.write_bytes(b"")
    summary.skipped = start
    todo = list(items[start:])
    if show_progress is None:
        show_progress = len(items) >= PROGRESS_MIN_ITEMS
    t0 = time.perf_counter()
    bar = tqdm(total=len(items), initial=start, desc=desc, unit="it", file=sys.stderr,
               disable=not show_progress, dynamic_ncols=True)
    results: Iterator[tuple[dict | None, str | None]]
    pool: ProcessPoolExecutor | None = None
    if workers > 1 and len(todo) > 1:
        # spawn, not fork: the parent may hold torch/tokenizer threads that fork would corrupt.
        pool = ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"),
                                   initializer=_worker_init, initargs=(make_process,))
        results = pool.map(_worker_call, todo, chunksize=4)
    else:
        process = make_process() if todo else None
        results = (_call(process, it) for it in todo) if process else iter(())
    try:
        with partial.open("ab") as fh:
            for item, (record, err) in zip(todo, results, strict=True):
                if record is None:
                    record = _to_dict(error_record(item.key, err or "unknown error"))
                    summary.errors += 1
                elif record.get("error"):
                    summary.errors += 1
                fh.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
                fh.flush()
                summary.processed += 1
                bar.update(1)
            os.fsync(fh.fileno())
    finally:
        bar.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    os.replace(partial, out)
    summary.seconds = time.perf_counter() - t0
    return summary


def read_jsonl_items(path: str | Path, key_field: str = "id") -> list[BatchItem]:
    """Read a JSONL input file into items; a malformed line becomes an item with ``error``.

    Blank lines are skipped. A record without ``key_field`` is keyed ``line<N>``.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"input file {p} does not exist")
    items: list[BatchItem] = []
    with p.open("r", encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                items.append(BatchItem(f"line{n}", None, f"line {n}: not valid JSON ({exc.msg})"))
                continue
            if not isinstance(rec, dict):
                items.append(BatchItem(f"line{n}", None, f"line {n}: expected a JSON object"))
                continue
            key = rec.get(key_field)
            items.append(BatchItem(str(key) if key is not None else f"line{n}", rec))
    return items
