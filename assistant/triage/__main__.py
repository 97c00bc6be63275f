"""Triage cases from the command line (CONTRACT.md).

    python -m assistant.triage --in CASES.jsonl --out FILE.jsonl [--resume] [--workers N]
    python -m assistant.triage --in CASES.jsonl|.parquet --out DIR --engine ray [--address auto]
    python -m assistant.triage "58-year-old man, crushing chest pain radiating to the left arm"
    python -m assistant.triage --setting self "runny nose and sneezing for 2 days, otherwise well"

Input lines: {"id", "text", "age", "sex", "vitals": {...}, "arrival", "injury", "setting"};
only ``id`` and ``text`` are needed and unknown fields are ignored. ``setting`` (``auto`` |
``ed`` | ``urgent_care`` | ``primary_care`` | ``self``) is the care setting the case is triaged
for; without it ``--setting`` (default: the ``triage.setting`` setting, ``auto``) applies:
``ed`` for a case with structured vitals or an arrival mode, else ``primary_care``. One output line per input
line, in order; a case that cannot be triaged gets ``error``. Add ``--no-llm`` for the
deterministic wording only (the acuity never depends on the LLM). ``--in`` may also be a
Parquet table (or a folder of them) with the same columns. ``--engine ray`` writes the same
records as ``DIR/part-NNNNN.jsonl`` shards (``assistant.batch_ray``).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path

from assistant.batch import BatchItem, read_jsonl_items, run_batch
from assistant.batch_ray import add_engine_args
from assistant.cli import add_settings_args, run_cli, settings_from_args, setup_logging
from assistant.config import Settings
from assistant.extract.io import ParquetRef
from assistant.triage.runner import (
    error_record,
    key_of,
    make_process,
    parquet_case_items,
    ray_job,
    with_key,
)
from assistant.triage.setting import SETTINGS


def _sources(inp: str) -> list[BatchItem | ParquetRef]:
    """Cases of ``--in``: a JSONL file's items, or Parquet table(s) left unread."""
    p = Path(inp)
    if p.is_dir():
        return [ParquetRef(f) for f in sorted(p.rglob("*.parquet"))]
    if p.suffix.lower() == ".parquet":
        return [ParquetRef(p)]
    return [with_key(it) for it in read_jsonl_items(inp)]


def _run_ray(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.batch_ray import plan_shards, run_ray_batch

    job = ray_job(settings)
    shards = plan_shards(_sources(args.inp), job, args.shard_size)
    summary = run_ray_batch(shards, job, args.out, address=args.address, workers=args.workers,
                            resume=args.resume, shard_format=args.shard_format,
                            fingerprint_extra=settings.model_dump_json())
    print(summary.line("cases") + f" -> {len(shards)} shards in {args.out}", file=sys.stderr)
    return 0


def main() -> int:
    """Parse arguments and run one case or a batch."""
    parser = argparse.ArgumentParser(prog="python -m assistant.triage", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("text", nargs="?", help="one free-text presentation to triage")
    parser.add_argument("--in", dest="inp", metavar="CASES.jsonl", help="input JSONL of cases")
    parser.add_argument("--out", metavar="FILE.jsonl", help="output JSONL (with --in)")
    parser.add_argument("--resume", action="store_true", help="continue an interrupted run")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes (default 1), or Ray actors (default: per CPU)")
    parser.add_argument("--setting", choices=list(SETTINGS),
                        help="care setting for cases that do not name one (triage.setting)")
    add_engine_args(parser)
    add_settings_args(parser)
    args = parser.parse_args()
    if args.text and args.inp:
        parser.error("give either a free-text case or --in CASES.jsonl, not both")
    if not args.text and not args.inp:
        parser.error("give a free-text case or --in CASES.jsonl --out FILE.jsonl")
    if args.inp and not args.out:
        parser.error("--in needs --out FILE.jsonl")
    if args.workers is not None and args.workers < 1:
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
    if args.engine == "ray":
        return _run_ray(args, settings)

    items: list[BatchItem] = []
    for src in _sources(args.inp):
        items.extend(parquet_case_items(src.path) if isinstance(src, ParquetRef) else [src])
    summary = run_batch(items, functools.partial(make_process, settings), error_record,
                        args.out, key_of=key_of, resume=args.resume,
                        workers=args.workers or 1, desc="triage")
    print(summary.line("cases"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    run_cli(main)
