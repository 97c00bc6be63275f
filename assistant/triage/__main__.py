"""Triage cases from the command line (CONTRACT.md).

    python -m assistant.triage --in CASES.jsonl --out FILE.jsonl [--resume] [--workers N]
    python -m assistant.triage "58-year-old man, crushing chest pain radiating to the left arm"
    python -m assistant.triage --setting self "runny nose and sneezing for 2 days, otherwise well"

Input lines: {"id", "text", "age", "sex", "vitals": {...}, "arrival", "injury", "setting"};
only ``id`` and ``text`` are needed and unknown fields are ignored. ``setting`` (``auto`` |
``ed`` | ``urgent_care`` | ``primary_care`` | ``self``) is the care setting the case is triaged
for; without it ``--setting`` (default: the ``triage.setting`` setting, ``auto``) applies:
``ed`` for a case with structured vitals or an arrival mode, else ``primary_care``. One output line per input
line, in order; a case that cannot be triaged gets ``error``. Add ``--no-llm`` for the
deterministic wording only (the acuity never depends on the LLM).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from typing import Any

from assistant.batch import BatchItem, read_jsonl_items, run_batch
from assistant.cli import add_settings_args, run_cli, settings_from_args, setup_logging
from assistant.config import Settings
from assistant.schema import TriageRecord
from assistant.triage.setting import SETTINGS


def _make_process(settings: Settings) -> Callable[[Any], TriageRecord]:
    # One Runtime per worker process; only its triager is built (no retrieval models).
    from assistant.runtime import Runtime

    return Runtime(settings).triager.triage


def _error_record(key: str, message: str) -> TriageRecord:
    return TriageRecord(id=key, error=message)


def main() -> int:
    """Parse arguments and run one case or a batch."""
    parser = argparse.ArgumentParser(prog="python -m assistant.triage", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("text", nargs="?", help="one free-text presentation to triage")
    parser.add_argument("--in", dest="inp", metavar="CASES.jsonl", help="input JSONL of cases")
    parser.add_argument("--out", metavar="FILE.jsonl", help="output JSONL (with --in)")
    parser.add_argument("--resume", action="store_true", help="continue an interrupted run")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--setting", choices=list(SETTINGS),
                        help="care setting for cases that do not name one (triage.setting)")
    add_settings_args(parser)
    args = parser.parse_args()
    if args.text and args.inp:
        parser.error("give either a free-text case or --in CASES.jsonl, not both")
    if not args.text and not args.inp:
        parser.error("give a free-text case or --in CASES.jsonl --out FILE.jsonl")
    if args.inp and not args.out:
        parser.error("--in needs --out FILE.jsonl")
    if args.workers < 1:
        parser.error("--workers must be >= 1")
    setup_logging(args.verbose)
    settings = settings_from_args(args)
    if args.setting:
        settings = settings.model_copy(update={
            "triage": settings.triage.model_copy(update={"setting": args.setting})})

    if args.text:
        from assistant.runtime import Runtime

        record = Runtime(settings).triager.triage({"id": "case", "text": args.text})
        print(json.dumps(record.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0

    items = [BatchItem(it.key, {**it.payload, "id": it.key}, it.error)
             if isinstance(it.payload, dict) else it for it in read_jsonl_items(args.inp)]
    summary = run_batch(items, functools.partial(_make_process, settings), _error_record,
                        args.out, key_of=lambda rec: str(rec.get("id")), resume=args.resume,
                        workers=args.workers, desc="triage")
    print(summary.line("cases"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    run_cli(main)
