"""Batch extraction: notes -> one CONTRACT record (or FHIR Bundle) per line, in input order.

    python -m assistant.extract NOTES... --out FILE.jsonl [--format jsonl|fhir] [--workers N]
                                [--resume] [--no-llm] [--config FILE] [--set key=value]

NOTES are files or folders (recursed): .txt/.md, .json/.jsonl with a ``text`` field, .csv
with a ``text``/``transcription`` column. Bad notes (empty, binary, undecodable, too large,
unreadable) get a line with ``error`` set; the run continues. Output is written to
``FILE.partial`` and renamed when complete; ``--resume`` continues a crashed run.
"""

from __future__ import annotations

import argparse
import logging
import sys
from functools import partial
from typing import Any

from assistant.batch import run_batch
from assistant.cli import add_settings_args, run_cli, settings_from_args, setup_logging
from assistant.config import Settings
from assistant.schema import ExtractionRecord

log = logging.getLogger("assistant.extract")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m assistant.extract",
                                description="Extract grounded problems, medications, "
                                "allergies, vitals and labs from clinical notes.")
    p.add_argument("notes", nargs="+", metavar="NOTES", help="note files or folders")
    p.add_argument("--out", required=True, help="output JSONL file")
    p.add_argument("--format", choices=["jsonl", "fhir"], default="jsonl",
                   help="CONTRACT records (default) or one FHIR R4 Bundle per line")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--resume", action="store_true",
                   help="keep the lines already written by a crashed run and continue")
    add_settings_args(p)
    return p


def _make_process(settings_json: str, fmt: str) -> Any:
    """Per-worker processor (module level so it pickles for spawn workers)."""
    settings = Settings.model_validate_json(settings_json)
    setup_logging(False)
    from assistant.extract.pipeline import Extractor

    extractor = Extractor(settings)

    def process(payload: tuple[str, str]) -> dict[str, Any]:
        note_id, text = payload
        record = extractor.extract(text, note_id)
        if fmt == "fhir":
            from assistant.extract.fhir import to_fhir_bundle

            return to_fhir_bundle(record, text)
        return record.model_dump(mode="json")

    return process


def _error_record(fmt: str, key: str, message: str) -> dict[str, Any]:
    if fmt == "fhir":
        from assistant.extract.fhir import error_bundle

        return error_bundle(key, message)
    return ExtractionRecord(note_id=key, error=message).model_dump(mode="json")


def key_of(record: dict[str, Any]) -> str:
    """The note id of an output line (CONTRACT record or FHIR Bundle)."""
    if "note_id" in record:
        return str(record["note_id"])
    return str(record.get("identifier", {}).get("value", ""))


def main() -> int:
    args = build_parser().parse_args()
    setup_logging(args.verbose)
    settings = settings_from_args(args)
    if args.workers < 1:
        print("error: --workers must be >= 1", file=sys.stderr)
        return 2
    from assistant.extract.io import iter_note_items

    items = iter_note_items(args.notes, settings.max_note_chars)
    if not items:
        print("error: no notes found in the given paths", file=sys.stderr)
        return 2
    summary = run_batch(items, partial(_make_process, settings.model_dump_json(), args.format),
                        partial(_error_record, args.format), args.out, key_of=key_of,
                        resume=args.resume, workers=args.workers, desc="notes")
    print(summary.line("notes"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    run_cli(main)
