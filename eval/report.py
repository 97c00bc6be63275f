"""Render eval reports (report.json -> report.md, summary table) and compare runs.

    python -m eval.report runs/eval/negation                 # re-render report.md from report.json
    python -m eval.report runs/old/summary.json runs/new/summary.json   # metric diff table

Writing is atomic (temp file + rename) so a killed run never leaves half a report.
"""

from __future__ import annotations

import argparse
import json
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from assistant.errors import InputError

__all__ = [
    "compare_markdown",
    "fmt",
    "headline",
    "load_report",
    "render_report_md",
    "render_summary_md",
    "write_json",
    "write_text",
]



def write_text(path: Path, text: str) -> Path:
    """Write ``text`` atomically (``path.tmp`` then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def write_json(path: Path, data: Any) -> Path:
    """Write ``data`` as indented JSON atomically; non-JSON values (paths, sets) become strings."""
    return write_text(path, json.dumps(data, indent=2, sort_keys=False, default=_json_default)
                      + "\n")


def _json_default(obj: Any) -> Any:
    if isinstance(obj, set | frozenset | tuple):
        return list(obj)
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if hasattr(obj, "item"):  # numpy scalars
        return obj.item()
    return str(obj)


def fmt(value: Any) -> str:
    """Format a metric for a Markdown table: rates with 3 decimals, ints as ints."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if value.is_integer() and abs(value) >= 10:
            return str(int(value))
        return f"{value:.3f}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def _is_count(name: str) -> bool:
    """Counts (``n``, ``n_errors``, ``gold_count``...) are shown but not picked as headlines."""
    parts = name.replace("/", ".").split(".")
    return any(p == "n" or p.startswith(("n_", "count", "num_"))
               or p.endswith(("_n", "_count", "_total")) for p in parts)


def headline(metrics: Mapping[str, Any], preferred: Sequence[str] | None = None,
             max_items: int = 5) -> dict[str, Any]:
    """The few metrics a summary row shows: ``preferred`` names that exist, else the first
    non-count numeric metrics in the suite's own order."""
    if preferred:
        picked = {k: metrics[k] for k in preferred if k in metrics}
        if picked:
            return picked
    picked = {}
    for key, value in metrics.items():
        if isinstance(value, int | float) and not isinstance(value, bool) and not _is_count(key):
            picked[key] = value
        if len(picked) >= max_items:
            break
    return picked


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for row in rows:
        cells = [fmt(c).replace("|", "\\|").replace("\n", " ") for c in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _render_tables(tables: Mapping[str, Any]) -> list[str]:
    """Suites' ``tables``: {name: list of row dicts} or {name: {row: {col: value}}} or scalars."""
    out: list[str] = []
    for name, table in tables.items():
        out.append(f"\n### {name}\n")
        if table in ([], {}, None):
            out.append("(none)")
        elif isinstance(table, list) and table and all(isinstance(r, Mapping) for r in table):
            headers = list(dict.fromkeys(k for r in table for k in r))
            out.append(_table(headers, [[r.get(h) for h in headers] for r in table]))
        elif isinstance(table, Mapping) and table and all(isinstance(v, Mapping)
                                                          for v in table.values()):
            cols = list(dict.fromkeys(k for v in table.values() for k in v))
            out.append(_table(["", *cols], [[k, *(v.get(c) for c in cols)]
                                            for k, v in table.items()]))
        elif isinstance(table, Mapping):
            out.append(_table(["key", "value"], list(table.items())))
        else:
            out.append("```\n" + json.dumps(table, indent=1, default=str)[:4000] + "\n```")
    return out


def render_report_md(report: Mapping[str, Any]) -> str:
    """One suite's report.json as Markdown: run facts, metrics, tables, plots, errors."""
    t = report.get("timing", {})
    lines = [
        f"# Eval: {report.get('suite')}",
        "",
        f"- status: **{report.get('status', 'ok')}**; examples: {report.get('n_examples')}, "
        f"failed examples: {report.get('n_errors', 0)}",
        f"- data: `{report.get('data_dir')}`; limit: {report.get('limit')}; "
        f"seed: {report.get('seed')}",
        f"- started: {report.get('started_at')}; run time: {fmt(t.get('total_s'))} s "
        f"(setup {fmt(t.get('setup_s'))} s; per example mean {fmt(t.get('mean_s'))} s, "
        f"p50 {fmt(t.get('p50_s'))} s, p95 {fmt(t.get('p95_s'))} s)",
    ]
    model = report.get("model")
    if model:
        lines.append(f"- model: {', '.join(f'{k}={v}' for k, v in model.items())}")
    machine = report.get("machine") or {}
    if machine:
        lines.append(f"- machine: {machine.get('cpu_model')}, {machine.get('cpu_count')} cores, "
                     f"{machine.get('ram_gb')} GB RAM, torch {machine.get('torch')}, "
                     f"device {machine.get('device')}, load {machine.get('loadavg_1m')}")
    if report.get("note"):
        lines.append(f"- note: {report['note']}")
    lines += ["", "## Metrics", ""]
    metrics = report.get("metrics") or {}
    lines.append(_table(["metric", "value"], list(metrics.items())) if metrics else "(none)")
    lines += _render_tables(report.get("tables") or {})
    plots = report.get("plots") or []
    if plots:
        lines += ["", "## Plots", ""]
        lines += [f"![{Path(p).stem}]({Path(p).name})" for p in plots]
    errors = report.get("errors") or []
    if errors:
        lines += ["", "## Failed examples (first 10)", ""]
        lines += [f"- `{e.get('id')}`: {e.get('error')}" for e in errors[:10]]
    if report.get("traceback"):
        lines += ["", "## Suite failure", "", "```", str(report["traceback"]).rstrip(), "```"]
    return "\n".join(lines) + "\n"


def render_summary_md(rows: Sequence[Mapping[str, Any]], *, title: str = "Evaluation summary",
                      command: str | None = None, created_at: str | None = None,
                      machine: Mapping[str, Any] | None = None) -> str:
    """The ``--suite all`` table: one row per suite with status, size, headline metrics, time."""
    lines = [f"## {title}", ""]
    if command:
        lines += [f"Command: `{command}`", ""]
    if machine:
        m = machine
        lines += [f"Run {created_at or ''} on {m.get('cpu_model')}, {m.get('cpu_count')} cores, "
                  f"torch {m.get('torch')}, device {m.get('device')} "
                  f"(load average {m.get('loadavg_1m')}: times are wall seconds on a shared "
                  "machine).", ""]
    elif created_at:
        lines += [f"Run {created_at}.", ""]
    table_rows = []
    for r in rows:
        figures = ", ".join(f"{k} {fmt(v)}" for k, v in (r.get("headline") or {}).items())
        if r.get("status") != "ok":
            figures = r.get("reason") or figures
        table_rows.append([r.get("suite"), r.get("status"), r.get("n_examples"),
                           r.get("n_errors"), figures or "-",
                           None if r.get("total_s") is None else f"{r['total_s']:.0f}"])
    lines.append(_table(["suite", "status", "n", "failed", "headline metrics", "time (s)"],
                        table_rows))
    return "\n".join(lines) + "\n"


def load_report(path: Path) -> dict[str, Any]:
    """Read a report.json / summary.json (a directory means its report.json or summary.json)."""
    path = Path(path)
    if path.is_dir():
        for name in ("report.json", "summary.json"):
            if (path / name).is_file():
                path = path / name
                break
    if not path.is_file():
        raise InputError(f"no report at {path}: pass a report.json, summary.json or their folder")
    return json.loads(path.read_text(encoding="utf-8"))


def _flat_metrics(report: Mapping[str, Any]) -> dict[str, Any]:
    if "suites" in report:  # a summary.json
        return {f"{s['suite']}.{k}": v for s in report["suites"]
                for k, v in (s.get("metrics") or {}).items()}
    return {f"{report.get('suite')}.{k}": v for k, v in (report.get("metrics") or {}).items()}


def compare_markdown(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """A Markdown table of every numeric metric in either run with old, new and the change."""
    a, b = _flat_metrics(old), _flat_metrics(new)
    rows = []
    for key in dict.fromkeys([*a, *b]):
        va, vb = a.get(key), b.get(key)
        delta = vb - va if isinstance(va, int | float) and isinstance(vb, int | float) else None
        rows.append([key, va, vb, delta])
    return _table(["metric", "old", "new", "change"], rows) + "\n"


def main() -> int:
    """CLI: re-render a report, or compare two runs."""
    from assistant.cli import setup_logging

    parser = argparse.ArgumentParser(prog="python -m eval.report", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reports", nargs="+", type=Path,
                        help="one report (re-render its Markdown) or two (old, new: compare)")
    args = parser.parse_args()
    setup_logging(False)
    if len(args.reports) == 1:
        report = load_report(args.reports[0])
        folder = args.reports[0] if args.reports[0].is_dir() else args.reports[0].parent
        if "suites" in report:
            text = render_summary_md(report["suites"], command=report.get("command"),
                                     created_at=report.get("created_at"),
                                     machine=report.get("machine"))
            path = write_text(folder / "summary.md", text)
        else:
            text = render_report_md(report)
            path = write_text(folder / "report.md", text)
        print(text)
        print(f"wrote {path}")
    elif len(args.reports) == 2:
        print(compare_markdown(load_report(args.reports[0]), load_report(args.reports[1])))
    else:
        parser.error("pass one report to re-render or two to compare")
    return 0


if __name__ == "__main__":
    from assistant.cli import run_cli

    run_cli(main)
