"""Run eval suites and write reports (report.json, report.md, results.jsonl, PNG plots).

    python -m eval.run --suite negation --limit 50 --out runs/eval/negation
    python -m eval.run --suite all --limit 20 --out runs/eval-quick      # + summary.md/.json
    python -m eval.run --suite triage,safety --no-llm --data ../shared/data

``--suite all`` runs every registered suite, each in its own process (a crash or a missing
module marks that suite failed/missing in the summary; the others still run).
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from assistant.cli import add_settings_args, run_cli, settings_from_args, setup_logging
from assistant.errors import InputError
from eval.common import (
    SuiteMissing,
    SuiteSkipped,
    default_data_dir,
    describe_machine,
    failure_report,
    run_suite,
    utc_now,
)
from eval.report import fmt, render_report_md, render_summary_md, write_json, write_text

# The registry: every suite `--suite all` runs, in this order (eval/<name>.py).
SUITES = ["extraction", "extraction_real", "negation", "negex_e2e", "retrieval", "pubmedqa",
          "triage", "triage_real", "safety", "routing", "medqa", "sourcing"]


def build_parser() -> argparse.ArgumentParser:
    """The CLI parser (settings flags shared with every assistant command)."""
    parser = argparse.ArgumentParser(prog="python -m eval.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suite", required=True,
                        help=f"suite name, comma list, or 'all' ({', '.join(SUITES)})")
    parser.add_argument("--data", type=Path, default=None,
                        help=f"shared data root (default {default_data_dir()})")
    parser.add_argument("--limit", type=int, default=None,
                        help="evaluate a seeded random subset of N examples per suite")
    parser.add_argument("--seed", type=int, default=0, help="subset seed (default 0)")
    parser.add_argument("--out", type=Path, default=None,
                        help="output folder (default runs/eval/<suite>-<UTC time>)")
    parser.add_argument("--timeout", type=float, default=3600.0,
                        help="seconds per suite when several run (default 3600)")
    parser.add_argument("--merge", action="store_true",
                        help="keep the other suites' rows of an existing OUT/summary.json "
                             "(rerun a few suites into an earlier --suite all folder)")
    parser.add_argument("--in-process", action="store_true",
                        help="run several suites in this process instead of one process each")
    add_settings_args(parser)
    return parser


def _forward_args(args: argparse.Namespace) -> list[str]:
    """The flags a child `eval.run` needs to reproduce this run's data and settings."""
    out: list[str] = ["--seed", str(args.seed)]
    if args.data:
        out += ["--data", str(args.data)]
    if args.limit is not None:
        out += ["--limit", str(args.limit)]
    if args.config:
        out += ["--config", str(args.config)]
    for pair in args.overrides or []:
        out += ["--set", pair]
    for flag, name in (("--backend", "backend"), ("--model", "model_path"),
                       ("--adapter", "adapter_path"), ("--device", "device")):
        if getattr(args, name, None):
            out += [flag, str(getattr(args, name))]
    if args.no_llm:
        out.append("--no-llm")
    if args.verbose:
        out.append("-v")
    return out


def run_one(name: str, args: argparse.Namespace, out_dir: Path) -> dict[str, Any]:
    """Run one suite in this process; a failure becomes a report with status missing|failed."""
    try:
        settings = settings_from_args(args)
        return run_suite(name, settings, data_dir=args.data, limit=args.limit, seed=args.seed,
                         out_dir=out_dir)
    except Exception as exc:
        status = ("missing" if isinstance(exc, SuiteMissing)
                  else "skipped" if isinstance(exc, SuiteSkipped) else "failed")
        report = failure_report(name, exc, status=status, data_dir=args.data, limit=args.limit,
                                seed=args.seed)
        out_dir.mkdir(parents=True, exist_ok=True)
        write_json(out_dir / "report.json", report)
        write_text(out_dir / "report.md", render_report_md(report))
        return report


def run_child(name: str, args: argparse.Namespace, out_dir: Path) -> dict[str, Any]:
    """Run one suite as `python -m eval.run` in a subprocess and read back its report."""
    out_dir.mkdir(parents=True, exist_ok=True)
    report_path = out_dir / "report.json"
    report_path.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "eval.run", "--suite", name, "--out", str(out_dir),
           *_forward_args(args)]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout,
                              check=False)
        stderr, code = proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as exc:
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else ""
        stderr, code = err + f"\ntimed out after {args.timeout:.0f} s", 124
    (out_dir / "stderr.txt").write_text(stderr or "", encoding="utf-8")
    if report_path.is_file():
        report = json.loads(report_path.read_text(encoding="utf-8"))
    else:
        report = {"suite": name, "status": "failed", "n_examples": 0, "n_errors": 0,
                  "metrics": {}, "headline": {}, "reason": _crash_reason(stderr, code)}
        write_json(report_path, report)
    report.setdefault("timing", {})["process_s"] = time.perf_counter() - start
    return report


def _crash_reason(stderr: str, code: int) -> str:
    """Why a child died: a signal, or the last error-looking line of its stderr."""
    lines = [ln.strip() for ln in (stderr or "").splitlines() if ln.strip()]
    errors = [ln for ln in lines if "error" in ln.lower() or "timed out" in ln]
    last = errors[-1] if errors else (lines[-1] if lines else "no output")
    how = f"killed by signal {-code}" if code < 0 else f"exit {code}"
    return f"{how}: {last}"[:500]


def summary_row(report: dict[str, Any], out_dir: Path) -> dict[str, Any]:
    """One row of summary.json: status, size, headline and all metrics, time, report path."""
    timing = report.get("timing") or {}
    total = timing.get("total_s", timing.get("process_s"))
    return {"suite": report.get("suite"), "status": report.get("status", "failed"),
            "n_examples": report.get("n_examples", 0), "n_errors": report.get("n_errors", 0),
            "headline": report.get("headline") or {}, "metrics": report.get("metrics") or {},
            "total_s": round(total, 1) if isinstance(total, int | float) else None,
            "reason": report.get("reason"), "report": str(out_dir / "report.md")}


def main() -> int:
    """CLI entry point."""
    args = build_parser().parse_args()
    setup_logging(args.verbose)
    names = SUITES if args.suite == "all" else [s.strip() for s in args.suite.split(",")
                                                if s.strip()]
    if not names:
        raise InputError("--suite is empty: name a suite or 'all'")
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = args.out or Path("runs/eval") / f"{args.suite.replace(',', '+')}-{stamp}"
    if len(names) == 1 and not args.merge:
        report = run_one(names[0], args, out)
        _print_report(report, out)
        return 0 if report.get("status") == "ok" else 1
    rows = []
    for name in names:
        print(f"== {name}", file=sys.stderr, flush=True)
        sub = out / name
        report = run_one(name, args, sub) if args.in_process else run_child(name, args, sub)
        rows.append(summary_row(report, sub))
        print(f"   {report.get('status')}: " + (", ".join(
            f"{k} {fmt(v)}" for k, v in (report.get("headline") or {}).items())
            or str(report.get("reason"))), file=sys.stderr, flush=True)
    command = "python -m eval.run " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    if args.merge and (out / "summary.json").is_file():
        rows, command = _merge_rows(out / "summary.json", rows, command)
    created, machine = utc_now(), describe_machine(args.device)
    write_json(out / "summary.json", {"created_at": created, "command": command,
                                      "machine": machine, "suites": rows})
    text = render_summary_md(rows, command=command, created_at=created, machine=machine)
    write_text(out / "summary.md", text)
    print(text)
    print(f"wrote {out / 'summary.md'}")
    return 0 if all(r["status"] in ("ok", "skipped") for r in rows) else 1


def _merge_rows(path: Path, new_rows: list[dict[str, Any]],
                command: str) -> tuple[list[dict[str, Any]], str]:
    """Old summary rows with the rerun suites replaced (registry order), and both commands."""
    old = json.loads(path.read_text(encoding="utf-8"))
    by_name = {r["suite"]: r for r in old.get("suites", [])}
    by_name.update({r["suite"]: r for r in new_rows})
    order = [*SUITES, *(n for n in by_name if n not in SUITES)]
    merged = [by_name[n] for n in order if n in by_name]
    return merged, f"{old.get('command')}; then {command}"


def _print_report(report: dict[str, Any], out: Path) -> None:
    if report.get("status") != "ok":
        print(f"suite {report.get('suite')}: {report.get('status')}: {report.get('reason')}",
              file=sys.stderr)
        return
    print(f"suite {report['suite']}: {report['n_examples']} examples, "
          f"{report['n_errors']} failed, {fmt(report['timing']['total_s'])} s")
    for key, value in report["metrics"].items():
        print(f"  {key:40s} {fmt(value)}")
    print(f"wrote {out / 'report.md'}")


if __name__ == "__main__":
    run_cli(main)
