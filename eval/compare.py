"""Compare two evaluation runs: every metric and every per-example result, timing aside.

    python -m eval.compare runs/eval-before runs/eval-after [--tolerance 0]

A refactor that must not change behaviour is checked with this: it walks each suite folder
present in either run, compares ``report.json``'s ``metrics`` (and ``n_examples``,
``n_errors``, ``status``) and then ``results.jsonl`` line by line, leaving out what
legitimately differs between two runs (latencies, timestamps, machine and timing blocks,
paths). Exit status 0 when both runs agree, 1 when anything differs (each difference is
printed, at most ``--show`` per suite), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

#: Keys that differ between two honest runs of the same code (when and where it ran, how long
#: it took); they are dropped at any depth before comparing.
VOLATILE_KEYS = frozenset({"_latency_s", "latency_s", "started_at", "timing", "machine",
                           "data_dir", "plots", "elapsed_s", "seconds"})


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in VOLATILE_KEYS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def diff_values(a: Any, b: Any, path: str = "", tolerance: float = 0.0) -> list[str]:
    """Human-readable differences between two JSON values (``path: a != b``)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for key in sorted(set(a) | set(b), key=str):
            sub = f"{path}.{key}" if path else str(key)
            if key not in a or key not in b:
                out.append(f"{sub}: only in {'after' if key not in a else 'before'}")
            else:
                out += diff_values(a[key], b[key], sub, tolerance)
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)} items"]
        out = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            out += diff_values(x, y, f"{path}[{i}]", tolerance)
        return out
    numbers = (int, float)
    if (isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool)
            and not isinstance(b, bool)):
        both_nan = isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)
        if both_nan or abs(a - b) <= tolerance:
            return []
    elif a == b:
        return []
    return [f"{path}: {a!r} != {b!r}"]


def _read_jsonl(path: Path) -> list[Any]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def compare_suite(before: Path, after: Path, tolerance: float = 0.0) -> list[str]:
    """Differences between one suite's two run folders (report.json, results.jsonl)."""
    diffs: list[str] = []
    reports = []
    for folder in (before, after):
        path = folder / "report.json"
        reports.append(json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None)
    if None in reports:
        return [f"report.json missing in {'before' if reports[0] is None else 'after'}"]
    for key in ("status", "n_examples", "n_errors", "metrics"):
        diffs += diff_values(_strip(reports[0].get(key)), _strip(reports[1].get(key)),
                             key, tolerance)
    rows_a, rows_b = _read_jsonl(before / "results.jsonl"), _read_jsonl(after / "results.jsonl")
    diffs += diff_values(_strip(rows_a), _strip(rows_b), "results", tolerance)
    return diffs


def compare_runs(before: Path, after: Path, tolerance: float = 0.0) -> dict[str, list[str]]:
    """``{suite: [differences]}`` for every suite folder found in either run."""
    suites = sorted({p.name for run in (before, after) for p in run.iterdir() if p.is_dir()})
    return {s: compare_suite(before / s, after / s, tolerance) for s in suites}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.compare", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path, help="the reference run folder (eval.run --out)")
    parser.add_argument("after", type=Path, help="the run to check against it")
    parser.add_argument("--tolerance", type=float, default=0.0,
                        help="absolute tolerance for numbers (default 0: identical)")
    parser.add_argument("--show", type=int, default=10, help="differences printed per suite")
    args = parser.parse_args(argv)
    for run in (args.before, args.after):
        if not run.is_dir():
            parser.error(f"{run} is not a run folder")
    result = compare_runs(args.before, args.after, args.tolerance)
    for suite, diffs in result.items():
        print(f"{suite}: {'identical' if not diffs else f'{len(diffs)} differences'}")
        for line in diffs[:args.show]:
            print(f"  {line}")
    return 1 if any(result.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
