"""Shared eval machinery: data paths, suite discovery, the per-example runner, timing, reports.

A suite is a module ``eval/<name>.py`` with ``NAME``, ``load_examples(data_dir, *, limit, seed)``,
``make_runner(runtime) -> fn(example) -> result``, ``aggregate(results) -> {"metrics", "tables"}``
and optionally ``plot(results, summary, out_dir) -> [png paths]`` and ``HEADLINE`` (the metric
names the ``--suite all`` summary shows). ``runtime`` is an ``assistant.runtime.Runtime``: the
run's settings (``runtime.settings``) and the components built from them, shared rather than
built by each suite. ``run_suite`` runs one and writes into ``out_dir``: ``report.json``,
``report.md``, ``results.jsonl`` (one line per example) and PNG plots."""

from __future__ import annotations

import importlib
import json
import logging
import os
import platform
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from assistant.config import REPO_ROOT, Settings
from assistant.errors import ClinAssistError, InputError
from assistant.runtime import Runtime
from eval.metrics import seeded_subset
from eval.report import _is_count, headline, render_report_md, write_json, write_text

log = logging.getLogger(__name__)

REQUIRED_ATTRS = ("load_examples", "make_runner", "aggregate")
DATA_ENV = "CLINASSIST_EVAL_DATA"

# Summary-row metrics for suites that do not name their own ``HEADLINE`` (names that exist win).
HEADLINES: dict[str, list[str]] = {
    "medqa": ["accuracy", "invalid_rate"],
}


class SuiteError(ClinAssistError):
    """A suite module is missing, incomplete, or failed before it produced results."""


class SuiteMissing(SuiteError):
    """``eval/<name>.py`` does not exist (yet)."""


class SuiteSkipped(SuiteError):
    """The suite does not apply to these settings (e.g. an LM-only suite under ``--no-llm``)."""


def default_data_dir() -> Path:
    """``$CLINASSIST_EVAL_DATA``, else the repository's bundled ``data/`` (``--data DIR`` wins
    over both; see data/README.md for what is bundled)."""
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else REPO_ROOT / "data"


def eval_data_dir() -> Path:
    """Project-written eval data (``eval/data/``), shipped with the package."""
    return Path(__file__).resolve().parent / "data"


def load_average() -> float | None:
    """The 1-minute load average, printed beside timings (None where the OS has none)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def write_json_atomic(path: Path, data: Any) -> None:
    """Write ``data`` as indented JSON through a temp file and a rename (never half-written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    tmp.write_text(json.dumps(data, indent=2))
    os.replace(tmp, path)


def utc_now() -> str:
    """The current UTC time as ISO 8601 (seconds)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@contextmanager
def timer() -> Iterator[dict[str, float]]:
    """``with timer() as t: ...`` then ``t["s"]`` holds the elapsed wall seconds."""
    box: dict[str, float] = {}
    start = time.perf_counter()
    try:
        yield box
    finally:
        box["s"] = time.perf_counter() - start


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) with linear interpolation; 0.0 for no values."""
    xs = sorted(values)
    if not xs:
        return 0.0
    pos = (len(xs) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def latency_summary(latencies: Sequence[float]) -> dict[str, float]:
    """Mean, p50, p95 and max of per-item latencies in seconds."""
    n = len(latencies)
    return {
        "mean_s": sum(latencies) / n if n else 0.0,
        "p50_s": percentile(latencies, 50),
        "p95_s": percentile(latencies, 95),
        "max_s": max(latencies) if n else 0.0,
    }


def describe_machine(device: str | None = None) -> dict[str, Any]:
    """CPU model, cores, RAM, Python/torch versions and the accelerator, for reports/benches."""
    info: dict[str, Any] = {"platform": platform.platform(), "python": platform.python_version()}
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info["cpu_model"] = cpu
    try:
        info["cpu_count"] = len(os.sched_getaffinity(0))
    except AttributeError:
        info["cpu_count"] = os.cpu_count()
    try:
        pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        info["ram_gb"] = round(pages * page_size / 1e9, 1)
    except (ValueError, OSError, AttributeError):
        info["ram_gb"] = None
    try:
        # Shared machines: a load far above the core count slows every figure measured.
        info["loadavg_1m"] = round(os.getloadavg()[0], 2)
    except (OSError, AttributeError):
        info["loadavg_1m"] = None
    try:
        import torch

        info["torch"] = torch.__version__
        info["torch_threads"] = torch.get_num_threads()
        if torch.cuda.is_available():
            info["device"] = f"cuda ({torch.cuda.get_device_name(0)})"
        elif getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            info["device"] = "mps"
        else:
            info["device"] = "cpu"
    except ImportError:
        info["torch"] = None
        info["device"] = "cpu"
    if device and device != "auto":
        info["device_setting"] = device
    return info


def load_suite(name: str) -> ModuleType:
    """Import ``eval.<name>`` and check it has the suite API; raises SuiteMissing/SuiteError."""
    if not name.isidentifier():
        raise SuiteError(f"suite name {name!r} is not a module name")
    try:
        module = importlib.import_module(f"eval.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"eval.{name}":
            raise SuiteMissing(f"suite {name!r} has no module eval/{name}.py yet") from exc
        raise
    missing = [a for a in REQUIRED_ATTRS if not callable(getattr(module, a, None))]
    if missing:
        raise SuiteError(f"eval/{name}.py is not a suite: it lacks {', '.join(missing)}")
    return module


def example_id(example: Any, index: int) -> str:
    """The example's ``id`` (or ``note_id``/``realidx``), else its position."""
    if isinstance(example, dict):
        for key in ("id", "note_id", "realidx", "qid"):
            if example.get(key) is not None:
                return str(example[key])
    return str(index)


def run_examples(fn: Callable[[dict], dict], examples: Sequence[dict], *,
                 desc: str = "eval") -> tuple[list[dict], list[float], list[dict]]:
    """Run ``fn`` on each example; a raising example becomes ``{"id", "error"}`` (never a crash).

    Returns (results in input order, per-example latencies in seconds, error entries).
    """
    from tqdm import tqdm

    results: list[dict] = []
    latencies: list[float] = []
    errors: list[dict] = []
    bar = tqdm(examples, desc=desc, unit="ex", disable=len(examples) <= 3, leave=False)
    for i, example in enumerate(bar):
        eid = example_id(example, i)
        start = time.perf_counter()
        try:
            result = fn(example)
            if not isinstance(result, dict):
                raise TypeError(f"runner returned {type(result).__name__}, not dict")
        except Exception as exc:  # one bad example must not end the run
            log.warning("example %s failed: %s", eid, type(exc).__name__)
            result = {"id": eid, "error": f"{type(exc).__name__}: {exc}"}
        latencies.append(time.perf_counter() - start)
        if result.get("error"):
            errors.append({"id": eid, "error": str(result["error"])[:500]})
        results.append(result)
    return results, latencies, errors


def _aggregate(module: ModuleType, results: list[dict], errors: list[dict]) -> tuple[dict, str]:
    """Aggregate all results; if the suite's aggregate cannot take failed ones, drop them."""
    try:
        return module.aggregate(results), ""
    except Exception:
        if not errors:
            raise
        ok = [r for r in results if not r.get("error")]
        note = f"aggregate left out {len(results) - len(ok)} failed examples"
        log.warning(note)
        return module.aggregate(ok), note


def _default_plots(results: list[dict], metrics: dict[str, Any], latencies: list[float],
                   name: str, out_dir: Path) -> list[Path]:
    from eval.plots import bars_png, hist_png

    paths = [hist_png(latencies, out_dir / "latency.png", f"{name}: latency per example",
                      xlabel="seconds")]
    rates = {k: float(v) for k, v in metrics.items()
             if isinstance(v, int | float) and not isinstance(v, bool) and not _is_count(k)
             and 0.0 <= v <= 1.0}
    if rates:
        paths.append(bars_png(dict(list(rates.items())[:30]), out_dir / "metrics.png",
                              f"{name}: metrics"))
    return paths


def model_info(settings: Settings) -> dict[str, Any]:
    """What model settings were in force (not loaded: a rules-only suite must stay light)."""
    return {"backend": settings.backend, "model": str(settings.model_path or "embedded"),
            "adapter": str(settings.adapter_path) if settings.adapter_path else None,
            "use_llm": settings.use_llm, "device": settings.device}


def run_suite(name: str, settings: Settings, *, data_dir: Path | None = None,
              limit: int | None = None, seed: int = 0, out_dir: Path,
              runtime: Runtime | None = None) -> dict[str, Any]:
    """Run suite ``name`` end to end and write its report into ``out_dir``; return the report.

    ``runtime``: components to share with other suites run in this process (its settings must
    be ``settings``); by default the suite gets a runtime of its own.
    Raises SuiteMissing/SuiteError when the suite cannot start (import, data loading, runner
    setup); failing examples are recorded in the report instead.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    module = load_suite(name)
    started = utc_now()
    wall = time.perf_counter()
    with timer() as t_load:
        try:
            examples = list(module.load_examples(data_dir, limit=limit, seed=seed))
        except FileNotFoundError as exc:
            raise InputError(f"suite {name!r}: data not found ({exc}); pass --data DIR with the "
                             "shared data layout") from exc
    if limit is not None and len(examples) > limit:  # a suite that ignored limit
        examples = seeded_subset(examples, limit, seed)
    if not examples:
        raise SuiteError(f"suite {name!r} found no examples under {data_dir}")
    with timer() as t_setup:
        fn = module.make_runner(runtime if runtime is not None else Runtime(settings))
    results, latencies, errors = run_examples(fn, examples, desc=name)
    summary, note = _aggregate(module, results, errors)
    metrics = dict(summary.get("metrics") or {})
    tables = dict(summary.get("tables") or {})
    plots: list[Path] = []
    plot_fn = getattr(module, "plot", None)
    if callable(plot_fn):
        try:
            plots += [Path(p) for p in plot_fn(results, summary, out_dir) or []]
        except Exception as exc:  # a broken plot must not lose the numbers
            log.warning("suite %s plot failed: %s", name, exc)
            note = (note + "; " if note else "") + f"plot failed: {type(exc).__name__}: {exc}"
    plots += _default_plots(results, metrics, latencies, name, out_dir)
    report: dict[str, Any] = {
        "suite": getattr(module, "NAME", name),
        "status": "ok",
        "started_at": started,
        "data_dir": str(data_dir),
        "limit": limit,
        "seed": seed,
        "n_examples": len(examples),
        "n_errors": len(errors),
        "metrics": metrics,
        "headline": headline(metrics, getattr(module, "HEADLINE", None) or HEADLINES.get(name)),
        "tables": tables,
        "timing": {"load_s": t_load["s"], "setup_s": t_setup["s"],
                   "total_s": time.perf_counter() - wall, **latency_summary(latencies)},
        "model": model_info(settings),
        "machine": describe_machine(settings.device),
        "plots": [p.name for p in plots],
        "errors": errors[:50],
    }
    if note:
        report["note"] = note
    if summary.get("status") == "failed":  # a suite's own pass/fail check (eval.sourcing)
        report["status"] = "failed"
        report["reason"] = str(summary.get("reason") or "the suite's check failed")
    write_results(out_dir / "results.jsonl", results, latencies)
    write_json(out_dir / "report.json", report)
    write_text(out_dir / "report.md", render_report_md(report))
    return report


def write_results(path: Path, results: list[dict], latencies: list[float]) -> Path:
    """One JSON line per example (the suite's result plus ``_latency_s``), atomically."""
    import json

    from eval.report import _json_default

    lines = [json.dumps({**r, "_latency_s": round(s, 4)}, default=_json_default)
             for r, s in zip(results, latencies, strict=True)]
    return write_text(path, "\n".join(lines) + ("\n" if lines else ""))


def failure_report(name: str, exc: BaseException, *, status: str, data_dir: Path | None,
                   limit: int | None, seed: int) -> dict[str, Any]:
    """The report of a suite that could not run: status missing|failed and the reason."""
    return {
        "suite": name, "status": status, "started_at": utc_now(),
        "data_dir": str(data_dir or default_data_dir()), "limit": limit, "seed": seed,
        "n_examples": 0, "n_errors": 0, "metrics": {}, "headline": {}, "tables": {},
        "reason": f"{type(exc).__name__}: {exc}"[:500],
        "traceback": None if status == "missing" else "".join(
            traceback.format_exception(type(exc), exc, exc.__traceback__))[-6000:],
    }


def manifest_main(draw: Callable[[Path], list[dict[str, Any]]], path: Path,
                  description: str | None) -> int:
    """The command line of a labelled set's ``draw.py``: draw with ``--data`` and write
    ``path`` (JSON lines); an existing manifest that differs is a frozen split and is kept
    unless ``--force``."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(description=description,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None, help="shared data root")
    ap.add_argument("--force", action="store_true", help="overwrite a different manifest")
    args = ap.parse_args()
    manifest = draw(args.data or default_data_dir())
    text = "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in manifest)
    if path.is_file() and path.read_text(encoding="utf-8") != text and not args.force:
        print(f"{path} exists and differs: the split is frozen (use --force to overwrite)",
              file=sys.stderr)
        return 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {len(manifest)} notes to {path}")
    return 0
