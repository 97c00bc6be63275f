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

from assistant.batch import run_batch
from assistant.cli import add_settings_args, run_cli, settings_from_args, setup_logging
from assistant.extract.runner import error_record, key_of, make_process

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
    summary = run_batch(items, partial(make_process, settings.model_dump_json(), args.format),
                        partial(error_record, args.format), args.out, key_of=key_of,
                        resume=args.resume, workers=args.workers, desc="notes")
    print(summary.line("notes"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    run_cli(main)
