"""Crash-safe, order-preserving batch runner shared by every batch CLI.

Guarantees (CONTRACT.md and the project standards):
- one output line per input item, in input order, also for items that failed;
- output is written to ``<out>.partial`` and renamed to ``<out>`` only when the run is
  complete, so a file that looks complete is complete;
- ``resume=True`` keeps the lines already in ``<out>.partial`` (checked against the input's
  keys, a torn last line dropped) and processes only the rest;
- no input record can stop the run: reading, processing, building the error line and
  serialising the output line are each guarded, so whatever a record holds (JSON nested
  200,000 deep, a 5,000-digit number, a lone surrogate, a wrong type) it gets its own line
  with a specific ``error``;
- every output line is strict JSON (no ``NaN``/``Infinity``) and valid UTF-8: normal
  non-ASCII text stays readable; a line holding a lone surrogate is written with ``\\uXXXX``
  escapes instead;
- ``--out`` is checked (a regular, creatable file) before any work is done;
- worker processes die with the parent (``kill -9`` of the parent leaves no orphans).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import logging
import multiprocessing as mp
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from tqdm import tqdm

from assistant.errors import ClinAssistError, InputError

log = logging.getLogger(__name__)

#: Fewer items than this get no progress bar ("more than a handful" in CONTRACT.md).
PROGRESS_MIN_ITEMS = 6
#: One input line longer than this is not parsed (it gets an error line); bounds memory.
MAX_LINE_BYTES = 16 * 1024 * 1024
#: Longest accepted record id (ids name output lines; a longer one is a broken record).
MAX_KEY_CHARS = 1000
#: Seconds between checks that the parent is alive (workers' portable fallback).
PARENT_POLL_S = 0.5


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
    out = record.model_dump(mode="json") if isinstance(record, BaseModel) else record
    if not isinstance(out, dict):
        raise TypeError(f"a record must be a JSON object, got {type(out).__name__}")
    return out


def key_hash(key: str) -> str:
    """A short, stable hash of an item key, for logs (ids are never logged in clear)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]



def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists (signal 0 probes it; another user's process counts).

    Stale-folder and stale-lock recovery use it to tell a crashed owner from a live one.
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


# JSON allows these raw inside strings, but line splitters (str.splitlines, some JSONL
# readers) break lines on them; json.dumps never emits them outside a string.
_LINE_BREAKERS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def dumps_line(record: dict[str, Any]) -> bytes:
    """One output line: strict JSON (``NaN``/``Infinity`` refused), valid UTF-8, ``\\n``-ended.

    Readable non-ASCII by default; a record holding text that cannot be encoded as UTF-8 (a
    lone surrogate) is written with ASCII escapes instead, which is still valid JSON.
    Raises ValueError (non-finite number), TypeError (not JSON-serialisable) or
    RecursionError (nested too deeply).
    """
    text = json.dumps(record, ensure_ascii=False, allow_nan=False)
    for raw, escaped in _LINE_BREAKERS.items():
        if raw in text:
            text = text.replace(raw, escaped)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = json.dumps(record, ensure_ascii=True, allow_nan=False).encode("ascii")
    return data + b"\n"


def _describe_write_error(exc: BaseException) -> str:
    if isinstance(exc, ValueError) and "JSON compliant" in str(exc):
        return ("output record holds a non-finite number (NaN or Infinity), which JSON cannot "
                "carry; check the record's numeric fields")
    if isinstance(exc, RecursionError):
        return "output record is nested too deeply to write"
    return f"output record could not be written ({type(exc).__name__}: {_short(str(exc))})"


def _safe_text(key: str) -> str:
    """``key`` with anything UTF-8 cannot encode escaped (a lone surrogate -> ``\\udc80``)."""
    return key.encode("utf-8", "backslashreplace").decode("utf-8")


def _render(item: BatchItem, record: dict | None, err: str | None,
            error_record: Callable[[str, str], BaseModel | dict[str, Any]]) -> tuple[bytes, bool]:
    """The output line for one item and whether it carries an error; never raises.

    Guards the error-record builder and serialisation: a record that cannot be written
    becomes the item's error line; if even that fails (e.g. a key UTF-8 cannot encode),
    the key is escaped; the last resort is a minimal ``{"id", "error"}`` line.
    """
    if record is not None:
        try:
            return dumps_line(record), bool(record.get("error"))
        except Exception as exc:  # RecursionError, ValueError (NaN), TypeError, ...
            err = _describe_write_error(exc)
            log.warning("item %s: %s", key_hash(item.key), err)
    message = err or "unknown error"
    for key in (item.key, _safe_text(item.key)):
        try:
            return dumps_line(_to_dict(error_record(key, message))), True
        except Exception as exc:
            log.warning("item %s: error line failed (%s)", key_hash(item.key),
                        type(exc).__name__)
    fallback = {"id": _safe_text(item.key), "error": _safe_text(message)}
    return json.dumps(fallback, ensure_ascii=True).encode("ascii") + b"\n", True


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
                if not isinstance(rec, dict) or key_of(rec) != items[done].key:
                    break
            except Exception:  # an unreadable line ends the kept prefix; it is redone
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
    except RecursionError:
        log.warning("item %s failed: RecursionError", key_hash(item.key))
        return None, "record is nested too deeply to process (RecursionError)"
    except Exception as exc:  # one bad item must not sink the batch; the reason is recorded
        log.warning("item %s failed: %s", key_hash(item.key), type(exc).__name__)
        return None, f"{type(exc).__name__}: {_short(str(exc))}"


_WORKER_PROCESS: Callable[[Any], Any] | None = None
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _die_with_parent(parent_pid: int) -> None:
    """Make this (worker) process exit when ``parent_pid`` dies, even by ``kill -9``.

    Linux: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``, so the kernel kills us with the parent.
    Everywhere (and as a backstop): a daemon thread that polls ``os.getppid()``; once the
    parent is gone we are re-parented and exit at once.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
                log.warning("prctl(PR_SET_PDEATHSIG) failed (errno %d); polling the parent",
                            ctypes.get_errno())
        except (OSError, AttributeError) as exc:
            log.warning("prctl unavailable (%s); polling the parent", type(exc).__name__)
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_S)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker_init(factory: Callable[[], Callable[[Any], Any]], parent_pid: int | None = None) -> None:
    global _WORKER_PROCESS
    if parent_pid is not None:
        _die_with_parent(parent_pid)
    _WORKER_PROCESS = factory()


def _worker_call(item: BatchItem) -> tuple[dict | None, str | None]:
    assert _WORKER_PROCESS is not None
    return _call(_WORKER_PROCESS, item)


def check_output_path(out: str | Path) -> Path:
    """Check that ``out`` can be written as a file, before any work is done.

    Creates the parent folder. Raises InputError with a one-line reason when ``out`` is a
    folder, exists and is not a regular file (a device such as ``/dev/null`` would be
    replaced), or when its folder cannot be created or written.
    """
    out = Path(out)
    try:
        st = out.stat()
    except FileNotFoundError:
        st = None
    except NotADirectoryError as exc:
        raise InputError(f"--out {out}: part of its path is a file, not a folder; give a "
                         "writable file path") from exc
    except OSError as exc:
        raise InputError(f"--out {out}: cannot check it ({exc.strerror or exc}); "
                         "give a writable file path") from exc
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError(f"--out {out} is a folder; give a file path such as {out}/out.jsonl")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise InputError(f"--out {out} exists and is not a regular file; give a file path")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"--out {out}: cannot create its folder ({exc.strerror or exc}); "
                         "give a writable file path") from exc
    if not out.parent.is_dir():
        raise InputError(f"--out {out}: {out.parent} is not a folder; give a writable path")
    if not os.access(out.parent, os.W_OK | os.X_OK):
        raise InputError(f"--out {out}: the folder {out.parent} is not writable; "
                         "give a writable file path")
    return out


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
    Raises InputError, before processing anything, when ``out`` cannot be written.
    """
    out = check_output_path(out)
    partial = out.with_name(out.name + ".partial")
    summary = BatchSummary(total=len(items))
    try:
        if partial.exists() and not partial.is_file():
            raise InputError(f"{partial} exists and is not a regular file; remove it")
        if resume and out.exists() and not partial.exists():
            os.replace(out, partial)  # a finished file resumes as all-done
        start = 0
        if resume and partial.exists():
            start = _resume_prefix(partial, items, key_of)
        else:
            partial.write_bytes(b"")
    except OSError as exc:
        raise InputError(f"--out {out}: cannot write {partial.name} "
                         f"({exc.strerror or exc}); give a writable file path") from exc
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
                                   initializer=_worker_init,
                                   initargs=(make_process, os.getpid()))
        results = pool.map(_worker_call, todo, chunksize=4)
    else:
        process = make_process() if todo else None
        results = (_call(process, it) for it in todo) if process else iter(())
    try:
        with partial.open("ab") as fh:
            for item, (record, err) in zip(todo, results, strict=True):
                line, failed = _render(item, record, err, error_record)
                summary.errors += failed
                fh.write(line)
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


def _iter_lines(fh: Any, max_bytes: int) -> Iterable[tuple[int, bytes | None]]:
    """(line number, raw bytes) for each line; ``None`` for a line over ``max_bytes``.

    An over-long line is skipped to its end without being held in memory.
    """
    n = 0
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        n += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = fh.readline(1 << 20)
            yield n, None
            continue
        yield n, raw


def parse_jsonl_line(raw: bytes, n: int) -> tuple[Any, str | None]:
    """Decode and parse line ``n`` of a JSONL file: (value, None) or (None, why it is unusable).

    A blank line gives (None, None). Never raises: invalid UTF-8, invalid JSON, nesting too
    deep for the parser and integers over Python's conversion limit are all reasons.
    """
    if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte order mark (Windows editors write one)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, (f"line {n}: not valid UTF-8 (byte {exc.start + 1} of the line); "
                      "save the file as UTF-8")
    if not line.strip():
        return None, None
    try:
        return json.loads(line), None
    except json.JSONDecodeError as exc:
        return None, f"line {n}: not valid JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return None, f"line {n}: JSON nested too deeply to read"
    except ValueError as exc:  # e.g. an integer over Python's 4300-digit conversion limit
        return None, f"line {n}: unreadable JSON value ({_short(str(exc), 120)})"


def check_key(raw: Any, field: str = "id") -> tuple[str | None, str | None]:
    """An id value as an item key: (key, None), (None, None) when absent, or (None, reason).

    An id must be a string or an integer of at most MAX_KEY_CHARS characters that UTF-8 can
    encode; null and "" count as absent.
    """
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        kind = {dict: "an object", list: "an array", bool: "a boolean", float: "a number with "
                "a fraction or exponent"}.get(type(raw), type(raw).__name__)
        return None, f"'{field}' must be a string or an integer, got {kind}"
    try:
        key = str(raw)
    except ValueError:  # an integer too long to convert
        return None, f"'{field}' is an integer with too many digits"
    if len(key) > MAX_KEY_CHARS:
        return None, f"'{field}' has {len(key)} characters; at most {MAX_KEY_CHARS} are allowed"
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return None, f"'{field}' is not valid Unicode (a lone surrogate escape such as \\ud800)"
    return key, None


def record_key(rec: dict[str, Any], key_field: str, n: int) -> tuple[str, str | None]:
    """The item key of record ``rec`` on line ``n``: (key, None) or (``line<N>``, reason).

    A missing, null or empty id gives ``line<N>`` (see check_key for what an id may be).
    """
    key, err = check_key(rec.get(key_field), key_field)
    if err is not None:
        return f"line{n}", f"line {n}: {err}"
    return (key if key is not None else f"line{n}"), None


def _bad_unicode_field(rec: dict[str, Any]) -> str | None:
    """The first top-level field of ``rec`` holding a lone surrogate (not valid Unicode)."""
    for field, value in rec.items():
        stack: list[Any] = [field, value]
        while stack:
            v = stack.pop()
            if isinstance(v, str):
                try:
                    v.encode("utf-8")
                except UnicodeEncodeError:
                    return field.encode("utf-8", "backslashreplace").decode("utf-8")
            elif isinstance(v, dict):
                stack.extend(v.keys())
                stack.extend(v.values())
            elif isinstance(v, list):
                stack.extend(v)
    return None


def read_jsonl_items(path: str | Path, key_field: str = "id", *,
                     max_line_bytes: int = MAX_LINE_BYTES) -> list[BatchItem]:
    """Read a JSONL input file into items; a malformed line becomes an item with ``error``.

    Blank lines are skipped. A record without ``key_field`` is keyed ``line<N>`` (and its
    payload gets ``key_field: "line<N>"``, so every output line names its record). Each line
    is decoded on its own (one bad byte costs one line), a leading BOM is dropped, and
    nothing a line holds (deep nesting, huge numbers, bad ids, invalid UTF-8, an over-long
    line) raises: it becomes an item whose ``error`` says what is wrong.
    """
    p = Path(path)
    if not p.is_file():
        if p.exists():
            raise InputError(f"input file {p} is not a regular file (a folder, FIFO or "
                             "device); give a JSONL file")
        raise InputError(f"input file {p} does not exist")
    items: list[BatchItem] = []
    try:
        with p.open("rb") as fh:
            for n, raw in _iter_lines(fh, max_line_bytes):
                if raw is None:
                    items.append(BatchItem(f"line{n}", None, (
                        f"line {n}: longer than {max_line_bytes} bytes; one record must be "
                        "smaller")))
                    continue
                rec, err = parse_jsonl_line(raw, n)
                if err is not None:
                    items.append(BatchItem(f"line{n}", None, err))
                    continue
                if rec is None and not raw.strip(b" \t\r\n\xef\xbb\xbf"):
                    continue  # blank line
                if not isinstance(rec, dict):
                    items.append(BatchItem(f"line{n}", None,
                                           f"line {n}: expected a JSON object"))
                    continue
                key, err = record_key(rec, key_field, n)
                bad = _bad_unicode_field(rec) if err is None else None
                if bad is not None:
                    key, err = (key if bad != key_field else f"line{n}"), (
                        f"line {n}: '{bad}' is not valid Unicode (a lone surrogate escape such "
                        "as \\ud800); fix the encoding of the input")
                if err is None and check_key(rec.get(key_field))[0] is None:
                    rec = {**rec, key_field: key}  # so the output line carries the key too
                items.append(BatchItem(key, None if err else rec, err))
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror or exc}") from exc
    return items


# ------------------------------------------------------------------ Ray start-up
#
# Shared by the Ray engines (``assistant.batch_ray`` for extract/triage, ``index.embed_ray`` for
# the index build); Ray itself is imported only when one of them runs.

class EngineError(ClinAssistError):
    """The Ray engine could not run (Ray missing, cluster unreachable, a job that died)."""


def worker_runtime_env(local: bool = True) -> dict[str, Any]:
    """Ray ``runtime_env`` for the workers: offline model loading; for a local Ray also the
    driver's checkout on ``PYTHONPATH`` (an editable install elsewhere would otherwise win).
    Cluster nodes need the package installed (``pip install 'clinassist[scale]'``)."""
    env = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    if local:
        root = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
    return {"env_vars": env}


def init_ray(address: str | None, workers: int) -> bool:
    """Connect to ``address`` or start a local Ray; returns True when this call started it."""
    try:
        import ray
    except ImportError as exc:
        raise EngineError("the Ray engine needs ray[data]: pip install 'clinassist[scale]'") from exc
    if ray.is_initialized():
        return False
    try:
        ray.init(address=address, num_cpus=None if address else max(workers, os.cpu_count() or 1),
                 include_dashboard=False, logging_level=logging.WARNING,
                 runtime_env=worker_runtime_env(local=address is None))
    except Exception as exc:  # ConnectionError, RuntimeError, ...: one actionable line
        raise EngineError(f"cannot start or reach Ray ({type(exc).__name__}: {str(exc)[:200]}); "
                          "for a cluster give --address HOST:PORT or 'auto' on a node") from exc
    return True


@contextmanager
def ray_session(address: str | None, workers: int, what: str,
            advice: Callable[[], str]) -> Iterator[None]:
    """One Ray job: start or join Ray, turn Ray's own failures into one ``EngineError`` and shut
    down a Ray this call started.

    The message reads "``what`` stopped (<exception>); ``advice()``"; ``advice`` is called at
    failure time so it can say how much was done (shards written, index unchanged). Project
    errors (``ClinAssistError``, e.g. an EngineError raised inside) pass through unchanged.
    Both Ray engines (the batch runner and the index's embedding actors) use it, so a failure
    reads the same way and a started Ray is never left running.
    """
    started = init_ray(address, workers)
    try:
        yield
    except ClinAssistError:
        raise
    except Exception as exc:  # Ray's own failures (actor died, cluster lost, ...)
        raise EngineError(f"{what} stopped ({type(exc).__name__}: {str(exc)[:300]}); "
                          f"{advice()}") from exc
    finally:
        if started:
            import ray

            ray.shutdown()
