"""Batch jobs on Ray Data: the ``--engine ray`` of ``assistant.extract`` and ``assistant.triage``.

The input is cut into shards in the driver, deterministically, before anything runs: a run
of consecutive notes read by the driver (folders, JSONL, CSV), or consecutive row groups of
a Parquet table, which the workers read themselves (the driver only reads its metadata, so
archives larger than the driver's memory go in as Parquet). ``map_batches`` sends one shard
at a time to an actor; each actor builds the pipeline once (one model load per actor) and
renders every record with the local engine's own code (``assistant.batch``), so both
engines write the same bytes. The driver writes each finished shard atomically as
``part-NNNNN.jsonl`` (or ``.parquet``), then ``_manifest.json`` and ``_SUCCESS``.

Guarantees kept from the local engine: one output record per input record, in input order
within and across shards, errors as records; ``resume`` keeps the shards already written
(checked against the plan) and runs only the rest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

# The local engine's own per-record call and rendering (both engines must write the same
# bytes), and the one Ray start-up of every Ray engine (here and ``index.embed_ray``;
# ``worker_runtime_env`` is re-exported for the tests and the benchmark).
from assistant.batch import (
    BatchItem,
    BatchSummary,
    EngineError,
    _call,
    _render,
    init_ray,
    ray_session,
    worker_runtime_env,
)
from assistant.errors import InputError
from assistant.extract.io import ParquetRef, parquet_row_groups

log = logging.getLogger(__name__)

__all__ = ["EngineError", "init_ray", "plan_shards", "read_output", "run_ray_batch",
           "worker_runtime_env"]

#: Notes per output shard unless told otherwise (also the unit of resume).
DEFAULT_SHARD_SIZE = 1000
PLAN_FILE = "_plan.json"
MANIFEST_FILE = "_manifest.json"
SUCCESS_FILE = "_SUCCESS"
SHARD_FORMATS = ("jsonl", "parquet")


@dataclass(frozen=True)
class RayJob:
    """What a batch command runs; every field must pickle (it travels to the actors).

    ``make_process()`` builds the per-record function (once per actor), ``error_record``
    and ``key_of`` are the local engine's, ``read_rows(path, row_groups)`` reads Parquet
    rows and ``row_item(row, file_stem, n)`` turns row ``n`` (1-based) into an item.
    ``empty_error`` is the error record's message for a Parquet file without rows (None:
    such a file yields no records).
    """

    name: str
    make_process: Callable[[], Callable[[Any], Any]]
    error_record: Callable[[str, str], Any]
    key_of: Callable[[dict[str, Any]], str]
    read_rows: Callable[[Path, list[int]], list[dict[str, Any]]]
    row_item: Callable[[dict[str, Any], str, int], BatchItem]
    empty_error: str | None = None


@dataclass(frozen=True)
class Shard:
    """One unit of work and of resume: driver-read items, or row groups of a Parquet file."""

    index: int
    items: tuple[BatchItem, ...] = ()
    parquet: str | None = None
    row_groups: tuple[int, ...] = ()
    first_row: int = 1
    rows: int = 0

    @property
    def size(self) -> int:
        """Records this shard yields."""
        return self.rows if self.parquet is not None else len(self.items)

    @property
    def name(self) -> str:
        """The shard's file name without suffix."""
        return f"part-{self.index:05d}"

    def load(self, job: RayJob) -> list[BatchItem]:
        """The shard's items (a worker reads Parquet rows here); never raises."""
        if self.parquet is None:
            return list(self.items)
        path = Path(self.parquet)
        try:
            rows = job.read_rows(path, list(self.row_groups))
        except Exception as exc:  # a file changed or broke after planning: error records
            msg = f"cannot read Parquet rows ({type(exc).__name__}: {str(exc)[:160]})"
            return [BatchItem(f"{path.stem}:{self.first_row + i}", None, msg)
                    for i in range(self.rows)]
        return [job.row_item(r, path.stem, self.first_row + i) for i, r in enumerate(rows)]


def plan_shards(sources: Iterable[BatchItem | ParquetRef], job: RayJob,
                shard_size: int = DEFAULT_SHARD_SIZE) -> list[Shard]:
    """Cut the inputs into shards of about ``shard_size`` records, in input order.

    Parquet shards are whole row groups (a row group larger than ``shard_size`` is one
    shard); a Parquet file that cannot be opened becomes one error item, as locally.
    """
    if shard_size < 1:
        raise InputError("--shard-size must be >= 1")
    shards: list[Shard] = []
    pending: list[BatchItem] = []

    def flush() -> None:
        while pending:
            shards.append(Shard(len(shards), items=tuple(pending[:shard_size])))
            del pending[:shard_size]

    for src in sources:
        if isinstance(src, BatchItem):
            pending.append(src)
            if len(pending) >= shard_size:
                flush()
            continue
        try:
            sizes = parquet_row_groups(src.path)
        except InputError as exc:
            pending.append(BatchItem(src.path.stem, None, str(exc)))
            continue
        if sum(sizes) == 0:
            if job.empty_error:
                pending.append(BatchItem(src.path.stem, None, job.empty_error))
            continue
        flush()
        group: list[int] = []
        rows, first = 0, 1
        for i, n in enumerate(sizes):
            group.append(i)
            rows += n
            if rows >= shard_size or i == len(sizes) - 1:
                shards.append(Shard(len(shards), parquet=str(src.path), row_groups=tuple(group),
                                    first_row=first, rows=rows))
                first += rows
                group, rows = [], 0
    flush()
    return shards


def plan_fingerprint(shards: Sequence[Shard], job: RayJob, shard_format: str,
                     extra: str = "") -> str:
    """A hash of what the plan would write; resume refuses a folder from another plan."""
    h = hashlib.sha256(f"{job.name}\0{shard_format}\0{extra}\0".encode())
    for s in shards:
        if s.parquet is not None:
            st = Path(s.parquet).stat()
            h.update(f"P{s.parquet}\0{st.st_size}\0{st.st_mtime_ns}\0{s.row_groups}\0".encode())
            continue
        for it in s.items:
            payload = json.dumps(it.payload, default=str, sort_keys=True)
            h.update(f"I{it.key}\0{it.error}\0{payload}\0".encode("utf-8", "surrogatepass"))
        h.update(b"|")
    return h.hexdigest()


class _ShardWorker:
    """A Ray Data actor: builds the pipeline once, then renders whole shards."""

    def __init__(self, job: RayJob) -> None:
        self._job = job
        self._process = job.make_process()

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        index, data, errors = [], [], []
        for idx, blob in zip(batch.column("index").to_pylist(),
                             batch.column("spec").to_pylist(), strict=True):
            shard: Shard = pickle.loads(blob)  # written by our own driver
            lines, failed = [], 0
            for item in shard.load(self._job):
                record, err = _call(self._process, item)
                line, bad = _render(item, record, err, self._job.error_record)
                lines.append(line)
                failed += bad
            index.append(idx)
            data.append(b"".join(lines))
            errors.append(failed)
        return pa.table({"index": pa.array(index, pa.int64()), "data": pa.array(data, pa.binary()),
                         "errors": pa.array(errors, pa.int64())})


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _shard_path(out_dir: Path, shard: Shard, shard_format: str) -> Path:
    return out_dir / f"{shard.name}.{shard_format}"


def _write_shard(path: Path, data: bytes, shard_format: str, key_of: Callable[[dict], str]) -> None:
    """Write one shard atomically: the JSONL lines, or a Parquet table (id, error, record)."""
    if shard_format == "jsonl":
        _atomic_write(path, data)
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    lines = [ln for ln in data.split(b"\n") if ln]
    recs = [json.loads(ln) for ln in lines]
    table = pa.table({"id": pa.array([key_of(r) for r in recs], pa.string()),
                      "error": pa.array([_error_of(r) for r in recs], pa.string()),
                      "record": pa.array([ln.decode("utf-8") for ln in lines], pa.string())})
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def read_shard_keys(path: Path, shard_format: str, key_of: Callable[[dict], str]) -> list[str]:
    """The record keys of a written shard, in order (raises on an unreadable file)."""
    if shard_format == "parquet":
        import pyarrow.parquet as pq

        return [str(k) for k in pq.read_table(path, columns=["id"]).column("id").to_pylist()]
    with path.open("rb") as fh:
        return [key_of(json.loads(raw)) for raw in fh if raw.strip()]


def _finished(out_dir: Path, shard: Shard, shard_format: str,
              key_of: Callable[[dict], str]) -> bool:
    """Whether the shard's file is there and holds exactly the planned records."""
    path = _shard_path(out_dir, shard, shard_format)
    if not path.is_file():
        return False
    try:
        keys = read_shard_keys(path, shard_format, key_of)
    except Exception:  # unreadable: it is redone
        return False
    if shard.parquet is not None:
        return len(keys) == shard.rows
    return keys == [it.key for it in shard.items]


def _prepare_out_dir(out_dir: Path, fingerprint: str, resume: bool) -> None:
    """Create ``out_dir``; without resume (or for another plan) clear this engine's files."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"--out {out_dir} is a file; the Ray engine writes a folder of shards "
                         "(give a folder path)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"--out {out_dir}: cannot create the folder ({exc.strerror or exc})") from exc
    plan_path = out_dir / PLAN_FILE
    if resume and plan_path.is_file():
        try:
            old = json.loads(plan_path.read_text()).get("fingerprint")
        except (OSError, ValueError):
            old = None
        if old != fingerprint:
            raise InputError(f"--out {out_dir} holds shards of a different input or settings; "
                             "give a new folder or rerun without --resume to overwrite it")
    if not resume:
        for p in out_dir.iterdir():  # only this engine's own files are removed
            if p.name.startswith(("part-", ".part-")) or p.name in (PLAN_FILE, MANIFEST_FILE,
                                                                   SUCCESS_FILE):
                p.unlink()
    (out_dir / SUCCESS_FILE).unlink(missing_ok=True)
    _atomic_write(plan_path, json.dumps({"fingerprint": fingerprint}).encode())


def add_engine_args(parser: Any) -> None:
    """The ``--engine`` flags the batch commands share (argparse)."""
    g = parser.add_argument_group("engine")
    g.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="local process pool (default) or Ray Data (--out is then a folder "
                        "of shards)")
    g.add_argument("--address", default=None,
                   help="Ray cluster to join ('auto' on a cluster node, or HOST:PORT); "
                        "default: start a local Ray")
    g.add_argument("--shard-size", type=int, default=DEFAULT_SHARD_SIZE,
                   help=f"records per output shard and unit of resume (default "
                        f"{DEFAULT_SHARD_SIZE})")
    g.add_argument("--shard-format", choices=list(SHARD_FORMATS), default="jsonl",
                   help="Ray output shards: JSONL lines, or Parquet (id, error, record)")


def _cluster_cpus() -> int:
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def run_ray_batch(shards: Sequence[Shard], job: RayJob, out_dir: str | Path, *,
                  address: str | None = None, workers: int | None = None, resume: bool = False,
                  shard_format: str = "jsonl", fingerprint_extra: str = "",
                  show_progress: bool | None = None) -> BatchSummary:
    """Run ``shards`` on Ray with ``workers`` actors and write them into ``out_dir``.

    ``workers`` None: one actor per CPU of the cluster. Raises InputError for a bad
    ``out_dir`` and EngineError when Ray cannot run the job (finished shards are kept; rerun
    with ``resume=True``).
    """
    if shard_format not in SHARD_FORMATS:
        raise InputError(f"shard format must be one of {', '.join(SHARD_FORMATS)}")
    out = Path(out_dir)
    fingerprint = plan_fingerprint(shards, job, shard_format, fingerprint_extra)
    _prepare_out_dir(out, fingerprint, resume)
    done = {s.index for s in shards if resume and _finished(out, s, shard_format, job.key_of)}
    todo = [s for s in shards if s.index not in done]
    errors = _count_errors(out, [s for s in shards if s.index in done], shard_format)
    summary = BatchSummary(total=sum(s.size for s in shards),
                           skipped=sum(s.size for s in shards if s.index in done))
    t0 = time.perf_counter()
    if todo:
        errors.update(_execute(todo, job, out, address, workers, shard_format, show_progress,
                               summary))
    summary.errors = sum(errors.values())
    summary.seconds = time.perf_counter() - t0
    _write_manifest(out, shards, job, shard_format, errors)
    return summary


def _execute(todo: list[Shard], job: RayJob, out: Path, address: str | None,
             workers: int | None, shard_format: str, show_progress: bool | None,
             summary: BatchSummary) -> dict[int, int]:
    """Run the pending shards and write each as it arrives; {shard index: error records}."""
    errors: dict[int, int] = {}
    by_index = {s.index: s for s in todo}
    if show_progress is None:
        show_progress = summary.total >= 6
    bar = tqdm(total=summary.total, initial=summary.skipped, desc=job.name, unit="it",
               file=sys.stderr, disable=not show_progress, dynamic_ncols=True)
    # The finished shards are on disk whatever stops the job: say how many and how to finish.
    def advice() -> str:
        return f"{len(errors)} of {len(todo)} shards were written; rerun with --resume to finish"

    try:
        with ray_session(address, workers or 1, "the Ray job", advice):
            import ray
            import ray.data

            logging.getLogger("ray.data").setLevel(logging.ERROR)  # our own bar reports progress
            ray.data.DataContext.get_current().enable_progress_bars = False
            n_workers = workers or _cluster_cpus()
            ds = ray.data.from_items([{"index": s.index, "spec": pickle.dumps(s)} for s in todo],
                                     override_num_blocks=len(todo))
            ds = ds.map_batches(_ShardWorker, fn_constructor_kwargs={"job": job}, batch_size=1,
                                batch_format="pyarrow", num_cpus=1,
                                compute=ray.data.ActorPoolStrategy(size=min(n_workers, len(todo))))
            for row in ds.iter_rows():
                shard = by_index[int(row["index"])]
                _write_shard(_shard_path(out, shard, shard_format), row["data"], shard_format,
                             job.key_of)
                errors[shard.index] = int(row["errors"])
                summary.processed += shard.size
                bar.update(shard.size)
    finally:
        bar.close()
    return errors


def _count_errors(out: Path, shards: list[Shard], shard_format: str) -> dict[int, int]:
    """Error records in shards kept by resume (from their files)."""
    counts: dict[int, int] = {}
    for s in shards:
        path = _shard_path(out, s, shard_format)
        if shard_format == "parquet":
            import pyarrow.parquet as pq

            col = pq.read_table(path, columns=["error"]).column("error").to_pylist()
            counts[s.index] = sum(1 for e in col if e)
        else:
            with path.open("rb") as fh:
                counts[s.index] = sum(1 for raw in fh if raw.strip()
                                      and _line_failed(json.loads(raw)))
    return counts


def _error_of(record: dict[str, Any]) -> str | None:
    """The error of an output record: its ``error`` field, or a FHIR error bundle's
    OperationOutcome diagnostics."""
    if record.get("error"):
        return str(record["error"])
    for entry in record.get("entry") or []:
        res = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(res, dict) and res.get("resourceType") == "OperationOutcome":
            issues = res.get("issue") or [{}]
            return str(issues[0].get("diagnostics") or "error")
    return None


def _line_failed(record: dict[str, Any]) -> bool:
    return _error_of(record) is not None


def _write_manifest(out: Path, shards: Sequence[Shard], job: RayJob, shard_format: str,
                    errors: dict[int, int]) -> None:
    """``_manifest.json`` (shards, record and error counts), then ``_SUCCESS``; both atomic."""
    manifest = {
        "engine": "ray", "job": job.name, "shard_format": shard_format,
        "records": sum(s.size for s in shards), "errors": sum(errors.values()),
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "shards": [{"file": _shard_path(out, s, shard_format).name, "records": s.size,
                    "errors": errors.get(s.index, 0)} for s in shards],
    }
    _atomic_write(out / MANIFEST_FILE, json.dumps(manifest, indent=1).encode())
    _atomic_write(out / SUCCESS_FILE, b"")


def read_output(out_dir: str | Path) -> list[bytes]:
    """All output lines of a finished Ray run, in input order (JSONL or the Parquet
    ``record`` column); InputError when the run has not finished."""
    out = Path(out_dir)
    if not (out / SUCCESS_FILE).is_file():
        raise InputError(f"{out} has no {SUCCESS_FILE}: the run did not finish; rerun it "
                         "with --resume")
    manifest = json.loads((out / MANIFEST_FILE).read_text())
    lines: list[bytes] = []
    for s in manifest["shards"]:
        path = out / s["file"]
        if manifest["shard_format"] == "parquet":
            import pyarrow.parquet as pq

            col = pq.read_table(path, columns=["record"]).column("record").to_pylist()
            lines.extend(v.encode("utf-8") + b"\n" for v in col)
        else:
            lines.extend(path.read_bytes().splitlines(keepends=True))
    return lines
