"""Reading notes for the batch CLI: files and folders -> ordered ``BatchItem``s.

Supported: ``.txt``/``.md`` (one note each; note_id = file name without extension),
``.json`` (an object with ``text``, or a list of them), ``.jsonl`` (one object per line),
``.csv`` (a ``text`` or ``transcription`` column; id from ``id``/``note_id``). Folders are
recursed in sorted order. A note that cannot be read (unreadable, undecodable, binary, empty,
too large) becomes an item with ``error`` set, so it still gets its output line.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path

from assistant.batch import BatchItem
from assistant.errors import InputError

NOTE_SUFFIXES = {".txt", ".md", ".json", ".jsonl", ".csv"}
_ID_FIELDS = ("id", "note_id")
_TEXT_FIELDS = ("text", "transcription", "note")


def _read_text(path: Path, max_chars: int) -> str:
    """Decoded file text; raises InputError with the reason a note cannot be read."""
    try:
        size = path.stat().st_size
        if size > max_chars * 4:  # UTF-8 is at most 4 bytes a character: surely too large
            raise InputError(f"file is {size} bytes, over the note size limit")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from exc
    if b"\x00" in data[:8192]:
        raise InputError("file looks binary (NUL bytes), not a text note")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"file is not valid UTF-8 (byte {exc.start})") from exc


def _record_item(rec: object, default_id: str) -> BatchItem:
    if not isinstance(rec, dict):
        return BatchItem(default_id, None, "record is not a JSON object")
    nid = next((str(rec[f]) for f in _ID_FIELDS if rec.get(f) not in (None, "")), default_id)
    text = next((rec[f] for f in _TEXT_FIELDS if isinstance(rec.get(f), str)), None)
    if text is None:
        return BatchItem(nid, None, "record has no 'text' field")
    return BatchItem(nid, (nid, text))


def _items_from_file(path: Path, max_chars: int) -> Iterator[BatchItem]:
    suffix = path.suffix.lower()
    stem = path.stem
    try:
        text = _read_text(path, max_chars if suffix in (".txt", ".md", "") else max_chars * 1000)
    except InputError as exc:
        yield BatchItem(stem, None, str(exc))
        return
    if suffix == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield BatchItem(f"{stem}:{n}", None, f"line {n}: not valid JSON ({exc.msg})")
                continue
            yield _record_item(rec, f"{stem}:{n}")
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield BatchItem(stem, None, f"not valid JSON ({exc.msg})")
            return
        records = data if isinstance(data, list) else [data]
        for n, rec in enumerate(records, 1):
            yield _record_item(rec, stem if len(records) == 1 else f"{stem}:{n}")
    elif suffix == ".csv":
        csv.field_size_limit(max(max_chars * 4, 1 << 20))
        reader = csv.DictReader(text.splitlines(keepends=True))
        fields = [f.lower() for f in reader.fieldnames or []]
        if not any(f in fields for f in _TEXT_FIELDS):
            yield BatchItem(stem, None, "CSV has no 'text' or 'transcription' column")
            return
        for n, row in enumerate(reader, 1):
            lowered = {(k or "").lower(): v for k, v in row.items()}
            yield _record_item(lowered, f"{stem}:{n}")
    else:
        yield BatchItem(stem, (stem, text))


def iter_note_items(paths: list[str | Path], max_chars: int = 200_000) -> list[BatchItem]:
    """All notes under ``paths`` (files or folders), in the order given, folders sorted."""
    items: list[BatchItem] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file()
                           and f.suffix.lower() in NOTE_SUFFIXES and not f.name.startswith("."))
            for f in files:
                items.extend(_items_from_file(f, max_chars))
        elif p.exists() or os.path.lexists(p):
            items.extend(_items_from_file(p, max_chars))
        else:
            raise InputError(f"{p} does not exist (give note files or folders)")
    return items
