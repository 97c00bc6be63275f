"""Reading notes for the batch CLI: files and folders -> ordered ``BatchItem``s.

Supported: ``.txt``/``.md`` (one note each; note_id = file name without extension),
``.json`` (an object with ``text``, or a list of them), ``.jsonl`` (one object per line),
``.csv`` (a ``text`` or ``transcription`` column; id from ``id``/``note_id``), ``.parquet``
(the same columns, one note per row; needs pyarrow, the ``scale`` extra). Folders are
recursed in sorted order (symlinked folders are followed once; a link back into a folder
already read is a symlink loop). Whatever cannot be read gets an item with ``error`` set, so
it still gets its output line: an unreadable, undecodable, binary, empty or too large file, a
FIFO/socket/device or a directory named like a note, a broken symlink, a symlink loop, a PDF
(not supported: convert it to text first), a bad JSON/JSONL record, an over-long CSV field.

Zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF, and the soft hyphen U+00AD)
can hide a word from the rules ("metf\u200bormin"). ``strip_invisible`` and ``map_spans_back``
here let ``Extractor.extract`` work on the text without them and map every span back, so
spans stay offsets into the note text *as read* (CONTRACT.md) on every path (CLI, chat,
batch tab); the span of an item then covers any invisible characters inside it.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.batch import BatchItem, check_key, parse_jsonl_line
from assistant.errors import InputError

NOTE_SUFFIXES = {".txt", ".md", ".json", ".jsonl", ".csv", ".parquet"}
#: Files a folder scan reports with an error record instead of ignoring them.
REJECTED_SUFFIXES = {".pdf": "PDF is not supported: convert it to text first "
                             "(e.g. pdftotext note.pdf note.txt)"}
_ID_FIELDS = ("id", "note_id")
_TEXT_FIELDS = ("text", "transcription", "note")
#: Invisible characters removed before extraction (spans are mapped back).
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
#: any INVISIBLE character (speed: one C-level scan instead of a Python loop per character)
_INVISIBLE_RE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")


@dataclass(frozen=True)
class ParquetRef:
    """A Parquet note table found among the inputs, not yet read.

    The local engine reads it whole (``parquet_items``); the Ray engine plans shards from its
    row groups and lets the workers read them, so the driver never holds the notes.
    """

    path: Path


def parquet_row_groups(path: Path) -> list[int]:
    """Row counts of the row groups of a Parquet file; InputError when it cannot be read."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError("reading Parquet needs pyarrow: pip install 'clinassist[scale]'") from exc
    try:
        meta = pq.ParquetFile(path).metadata
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"cannot read Parquet file ({type(exc).__name__}: "
                         f"{str(exc)[:160]})") from exc
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


def read_parquet_rows(path: Path, row_groups: list[int]) -> list[dict[str, Any]]:
    """The rows of the given row groups as dicts (only the id and text columns are read)."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    wanted = {*_ID_FIELDS, *_TEXT_FIELDS}
    columns = [c for c in pf.schema_arrow.names if c.lower() in wanted]
    table = pf.read_row_groups(row_groups, columns=columns)
    return [{k.lower(): v for k, v in row.items()} for row in table.to_pylist()]


def parquet_row_item(row: dict[str, Any], stem: str, n: int, max_chars: int) -> BatchItem:
    """The item of row ``n`` (1-based) of Parquet file ``stem``: like a JSONL record."""
    return _record_item(row, f"{stem}:{n}", max_chars)


def parquet_items(path: Path, max_chars: int) -> list[BatchItem]:
    """Every row of a Parquet note table as an item (the local engine's reader)."""
    try:
        sizes = parquet_row_groups(path)
        rows = read_parquet_rows(path, list(range(len(sizes))))
    except InputError as exc:
        return [BatchItem(path.stem, None, str(exc))]
    if not rows:
        return [BatchItem(path.stem, None, "Parquet file holds no rows, no notes")]
    return [parquet_row_item(r, path.stem, n, max_chars) for n, r in enumerate(rows, 1)]


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file (never opens a FIFO or device); InputError otherwise."""
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("symlink loop: the link never reaches a file") from exc
        if os.path.islink(path):
            raise InputError("broken symlink: its target does not exist") from exc
        raise InputError(f"cannot read file: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a folder named like a note file, not a note")
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file (a FIFO, socket or device); give a text file")
    if st.st_size > max_bytes:  # UTF-8 is at most 4 bytes a character: surely too large
        raise InputError(f"file is {st.st_size} bytes, over the note size limit")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise InputError(f"file is over {max_bytes} bytes, over the note size limit")
    if data.startswith(b"%PDF-"):
        raise InputError(REJECTED_SUFFIXES[".pdf"])
    return data


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("file looks binary (NUL bytes), not a text note")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"file is not valid UTF-8 (byte {exc.start})") from exc


def _note_id(rec: dict[str, Any], default_id: str) -> tuple[str, str | None]:
    """(note id, None) or (default id, why the record's id is unusable)."""
    for f in _ID_FIELDS:
        key, err = check_key(rec.get(f), f)
        if err is not None:
            return default_id, err
        if key is not None:
            return key, None
    return default_id, None


def _record_item(rec: object, default_id: str, max_chars: int) -> BatchItem:
    if not isinstance(rec, dict):
        return BatchItem(default_id, None, "expected a JSON object")
    nid, err = _note_id(rec, default_id)
    if err is not None:
        return BatchItem(nid, None, err)
    text = next((rec[f] for f in _TEXT_FIELDS if isinstance(rec.get(f), str)), None)
    if text is None:
        wrong = next((f for f in _TEXT_FIELDS if rec.get(f) is not None), None)
        if wrong is not None:
            return BatchItem(nid, None, f"record has no 'text' string ('{wrong}' is "
                                        f"{type(rec[wrong]).__name__}, not a string)")
        return BatchItem(nid, None, "record has no 'text' field")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return BatchItem(nid, None, "'text' is not valid Unicode (a lone surrogate escape such "
                                    "as \\ud800); fix the encoding of the input")
    if len(text) > max_chars:
        return BatchItem(nid, None, f"note has {len(text)} characters, over the note size "
                                    f"limit of {max_chars} (max_note_chars)")
    return BatchItem(nid, (nid, text))


def _jsonl_items(data: bytes, stem: str, max_chars: int) -> Iterator[BatchItem]:
    """One item per non-blank line; each line decoded on its own (one bad byte, one line)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for n, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        rec, err = parse_jsonl_line(raw, n)
        if err is not None:
            yield BatchItem(f"{stem}:{n}", None, err)
            continue
        yield _record_item(rec, f"{stem}:{n}", max_chars)


def _csv_items(text: str, stem: str, max_chars: int) -> list[BatchItem]:
    """Rows of a CSV note table; a row the csv module cannot read gets an error item.

    The csv field limit is raised to the note size limit only while reading (it is global).
    """
    old = csv.field_size_limit()
    csv.field_size_limit(max_chars)
    items: list[BatchItem] = []
    try:
        reader = csv.DictReader(text.splitlines(keepends=True))
        try:
            fields = [(f or "").lower() for f in reader.fieldnames or []]
        except csv.Error as exc:
            return [BatchItem(stem, None, f"CSV header cannot be read ({exc})")]
        if not any(f in fields for f in _TEXT_FIELDS):
            return [BatchItem(stem, None, "CSV has no 'text' or 'transcription' column")]
        n = 0
        rows = iter(reader)
        while True:
            n += 1
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as exc:
                msg = str(exc)
                if "field larger than field limit" in msg:
                    msg = (f"a field is over the note size limit of {max_chars} "
                           "characters (max_note_chars)")
                items.append(BatchItem(f"{stem}:{n}", None, f"CSV row {n}: {msg}"))
                continue
            lowered = {(k or "").lower(): v for k, v in row.items()}
            items.append(_record_item(lowered, f"{stem}:{n}", max_chars))
    finally:
        csv.field_size_limit(old)
    return items


def _items_from_file(path: Path, max_chars: int) -> list[BatchItem]:
    suffix = path.suffix.lower()
    stem = path.stem
    if suffix in REJECTED_SUFFIXES:
        return [BatchItem(stem, None, REJECTED_SUFFIXES[suffix])]
    single = suffix in (".txt", ".md", "")
    try:
        data = _read_bytes(path, max_chars * 4 if single else max_chars * 4000)
        if suffix == ".jsonl":
            return list(_jsonl_items(data, stem, max_chars))
        text = _decode(data)
    except InputError as exc:
        return [BatchItem(stem, None, str(exc))]
    if suffix == ".json":
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            return [BatchItem(stem, None, f"not valid JSON ({exc.msg})")]
        except RecursionError:
            return [BatchItem(stem, None, "JSON nested too deeply to read")]
        except ValueError as exc:  # e.g. an integer over the 4300-digit conversion limit
            return [BatchItem(stem, None, f"unreadable JSON value ({str(exc)[:120]})")]
        records = parsed if isinstance(parsed, list) else [parsed]
        if not records:
            return [BatchItem(stem, None, "JSON file holds an empty list, no notes")]
        return [_record_item(rec, stem if len(records) == 1 else f"{stem}:{n}", max_chars)
                for n, rec in enumerate(records, 1)]
    if suffix == ".csv":
        return _csv_items(text, stem, max_chars)
    return [BatchItem(stem, (stem, text))]


def _dir_key(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _file_sources(path: Path, max_chars: int) -> list[BatchItem | ParquetRef]:
    if path.suffix.lower() == ".parquet":
        return [ParquetRef(path)]
    return list(_items_from_file(path, max_chars))


def _scan(folder: Path, max_chars: int,
          seen: set[tuple[int, int]]) -> Iterator[BatchItem | ParquetRef]:
    """Items of every note under ``folder`` (sorted, depth first, like ``sorted(rglob)``)."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield BatchItem(folder.name, None, f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        path = Path(entry.path)
        suffix = path.suffix.lower()
        is_link = entry.is_symlink()
        try:
            st = path.stat()  # follows links
        except OSError as exc:
            noteish = suffix in NOTE_SUFFIXES or suffix in REJECTED_SUFFIXES
            if not entry.name.startswith(".") and (noteish or is_link):
                reason = ("symlink loop: the link never reaches a file"
                          if exc.errno == errno.ELOOP else
                          "broken symlink: its target does not exist" if is_link else
                          f"cannot read file: {exc.strerror or exc}")
                yield BatchItem(path.stem, None, reason)
            continue
        if stat.S_ISDIR(st.st_mode):
            if _dir_key(st) in seen:
                yield BatchItem(path.stem, None, "symlink loop: this link leads back to a "
                                                 "folder already read; not followed")
                continue
            seen.add(_dir_key(st))
            yield from _scan(path, max_chars, seen)
            continue
        if entry.name.startswith("."):
            continue  # hidden files are skipped (hidden folders are read, as before)
        if suffix in NOTE_SUFFIXES or suffix in REJECTED_SUFFIXES:
            yield from _file_sources(path, max_chars)


def iter_note_sources(paths: list[str | Path],
                      max_chars: int = 200_000) -> list[BatchItem | ParquetRef]:
    """Notes under ``paths`` in output order: items, and Parquet tables left unread.

    Raises InputError only for a path that does not exist at all; everything else that
    cannot be read becomes an item with ``error`` (it keeps its place in the output).
    """
    sources: list[BatchItem | ParquetRef] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            seen = {_dir_key(p.stat())}
            sources.extend(_scan(p, max_chars, seen))
        elif p.exists() or os.path.lexists(p):
            sources.extend(_file_sources(p, max_chars))
        else:
            raise InputError(f"{p} does not exist (give note files or folders)")
    return sources


def iter_note_items(paths: list[str | Path], max_chars: int = 200_000) -> list[BatchItem]:
    """All notes under ``paths`` (files or folders), in the order given, folders sorted.

    Parquet tables are read here in full (the Ray engine reads them in its workers).
    Raises InputError only for a path that does not exist at all.
    """
    items: list[BatchItem] = []
    for src in iter_note_sources(paths, max_chars):
        if isinstance(src, ParquetRef):
            items.extend(parquet_items(src.path, max_chars))
        else:
            items.append(src)
    return items


def strip_invisible(text: str) -> tuple[str, list[int] | None]:
    """``text`` without INVISIBLE characters, and the original offset of each kept character.

    The offsets list is None when nothing was removed (the common case: no copy is made).
    """
    if _INVISIBLE_RE.search(text) is None:
        return text, None
    kept = [i for i, c in enumerate(text) if c not in INVISIBLE]
    return "".join(text[i] for i in kept), kept


def _map_span(span: Any, offsets: list[int]) -> tuple[int, int]:
    start, end = int(span[0]), int(span[1])
    return offsets[start], offsets[end - 1] + 1


def map_spans_back(record: Any, offsets: list[int] | None) -> Any:
    """Rewrite every ``span`` of an ExtractionRecord from clean-text to original offsets."""
    if offsets is None:
        return record
    for field in ("problems", "medications", "allergies", "vitals", "labs"):
        for item in getattr(record, field, None) or []:
            item.span = _map_span(item.span, offsets)
            if getattr(item, "sig_span", None) is not None:
                item.sig_span = _map_span(item.sig_span, offsets)
    return record

