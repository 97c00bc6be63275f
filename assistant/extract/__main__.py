"""Batch extraction: notes -> one CONTRACT record (or FHIR Bundle) per line, in input order.

    python -m assistant.extract NOTES... --out FILE.jsonl [--format jsonl|fhir] [--workers N]
                                [--resume] [--no-llm] [--config FILE] [--set key=value]
    python -m assistant.extract NOTES... --out DIR --engine ray [--address auto] [--workers N]
                                [--shard-size N] [--shard-format jsonl|parquet] [--resume]

NOTES are files or folders (recursed): .txt/.md, .json/.jsonl with a ``text`` field, .csv
with a ``text``/``transcription`` column, .parquet (same columns). Bad notes (empty, binary, undecodable, too large,
unreadable) get a line with ``error`` set; the run continues. Output is written to
``FILE.partial`` and renamed when complete; ``--resume`` continues a crashed run.
With ``--engine ray`` the same records go into ``DIR/part-NNNNN.jsonl`` shards (see
``assistant.batch_ray``); ``--resume`` then skips the shards already written.
"""

from __future__ import annotations

import argparse
import logging
import sys
from functools import partial

from assistant.batch import run_batch
from assistant.batch_ray import add_engine_args
from assistant.cli import add_settings_args, run_cli, settings_from_args, setup_logging
from assistant.config import Settings
from assistant.extract.runner import error_record, key_of, make_process

log = logging.getLogger("assistant.extract")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m assistant.extract",
                                description="Extract grounded problems, medications, "
                                "allergies, vitals and labs from clinical notes.")
    p.add_argument("notes", nargs="+", metavar="NOTES", help="note files or folders")
    p.add_argument("--out", required=True,
                   help="output JSONL file (--engine ray: output folder of shards)")
    p.add_argument("--format", choices=["jsonl", "fhir"], default="jsonl",
                   help="CONTRACT records (default) or one FHIR R4 Bundle per line")
    p.add_argument("--workers", type=int, default=None,
                   help="worker processes (default 1), or Ray actors (default: one per CPU)")
    p.add_argument("--resume", action="store_true",
                   help="keep the lines (Ray: shards) already written by a crashed run")
    add_engine_args(p)
    add_settings_args(p)
    return p


def main() -> int:
    args = build_parser().parse_args()
    setup_logging(args.verbose)
    settings = settings_from_args(args)
    if args.workers is not None and args.workers < 1:
        print("error: --workers must be >= 1", file=sys.stderr)
        return 2
    if args.engine == "ray":
        return _run_ray(args, settings)
    from assistant.extract.io import iter_note_items

    items = iter_note_items(args.notes, settings.max_note_chars)
    if not items:
        print("error: no notes found in the given paths", file=sys.stderr)
        return 2
    summary = run_batch(items, partial(make_process, settings.model_dump_json(), args.format),
                        partial(error_record, args.format), args.out, key_of=key_of,
                        resume=args.resume, workers=args.workers or 1, desc="notes")
    print(summary.line("notes"), file=sys.stderr)
    return 0


def _run_ray(args: argparse.Namespace, settings: Settings) -> int:
    """``--engine ray``: plan shards from the inputs, run them on Ray, report."""
    from assistant.batch_ray import plan_shards, run_ray_batch
    from assistant.extract.io import iter_note_sources
    from assistant.extract.runner import ray_job

    settings_json = settings.model_dump_json()
    job = ray_job(settings_json, args.format, settings.max_note_chars)
    shards = plan_shards(iter_note_sources(args.notes, settings.max_note_chars), job,
                         args.shard_size)
    if not shards:
        print("error: no notes found in the given paths", file=sys.stderr)
        return 2
    summary = run_ray_batch(shards, job, args.out, address=args.address, workers=args.workers,
                            resume=args.resume, shard_format=args.shard_format,
                            fingerprint_extra=f"{args.format}\0{settings_json}")
    print(summary.line("notes") + f" -> {len(shards)} shards in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    run_cli(main)
