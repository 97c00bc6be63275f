"""Batch triage throughput on the KTAS cases with default settings: cases/s.

    python -m eval.bench triage [--data DIR] [--limit N] [--batch N] [--out FILE]

The cases are the KTAS rows of the shared data folder (``data/ktas/*.csv``, 760 in the
bundled dev set), triaged with the settings a user gets by default (``use_llm`` on,
``triage.narrative: auto``, ``triage.setting: auto``), as ``python -m assistant.triage --in``
would: one ``Triager.triage`` call per case in one process. The benchmark also counts the
calls that reach the LLM backend (a counting stand-in replaces it), which must be zero with
the embedded model: the narrative is off by default for it (issue 21). ``--batch N`` also
times ``triage_many`` in batches of N (the learned model embeds a batch at once).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from eval.common import default_data_dir

TARGET_S = 60.0  # issue 21: the 760 KTAS cases in under a minute with default settings


class _CountingBackend:
    """Stands in for the LLM backend: counts calls and fails them (nothing should call it)."""

    name = "local"

    def __init__(self) -> None:
        self.calls = 0

    def generate_json(self, *args: Any, **kwargs: Any) -> Any:
        from assistant.errors import ClinAssistError

        self.calls += 1
        raise ClinAssistError("benchmark: the LLM is not expected to be called")


def _cases(data_dir: Path, limit: int | None) -> list[dict[str, Any]]:
    from assistant.triage.data import load_dataset

    cases: list[dict[str, Any]] = []
    for path in sorted((data_dir / "ktas").glob("*.csv")):
        rows, _ = load_dataset(path)
        cases.extend(rows)
    return cases[:limit] if limit else cases


def run(args: list[str]) -> dict[str, Any]:
    """Time batch triage; print and return the figures."""
    p = argparse.ArgumentParser(prog="python -m eval.bench triage")
    p.add_argument("--data", type=Path, default=default_data_dir())
    p.add_argument("--limit", type=int, default=None, help="cases (default all)")
    p.add_argument("--batch", type=int, default=0, help="also time triage_many in batches")
    p.add_argument("--out", type=Path, default=None)
    a = p.parse_args(args)

    from assistant.config import load_settings
    from assistant.triage import Triager

    cases = _cases(a.data, a.limit)
    if not cases:
        raise SystemExit(f"no KTAS cases under {a.data / 'ktas'}")
    settings = load_settings(None, {})  # the defaults: use_llm on, narrative auto
    backend = _CountingBackend()
    t0 = time.perf_counter()
    triager = Triager(settings, backend)
    triager.triage(cases[0])  # first call loads the learned model and the embedder
    startup = time.perf_counter() - t0
    t0 = time.perf_counter()
    settings_seen: dict[str, int] = {}
    for case in cases:
        rec = triager.triage(case)
        settings_seen[rec.setting or "?"] = settings_seen.get(rec.setting or "?", 0) + 1
    elapsed = time.perf_counter() - t0
    out: dict[str, Any] = {
        "cases": len(cases), "startup_s": round(startup, 3), "elapsed_s": round(elapsed, 3),
        "cases_per_s": round(len(cases) / elapsed, 1) if elapsed else None,
        "total_s": round(startup + elapsed, 3), "target_s": TARGET_S,
        "under_target": startup + elapsed < TARGET_S, "llm_calls": backend.calls,
        "narrative_on": triager.narrative_on, "settings": settings_seen}
    print(f"triage: {len(cases)} cases in {elapsed:.2f} s ({out['cases_per_s']} cases/s) "
          f"after {startup:.2f} s start-up; total {startup + elapsed:.2f} s "
          f"(target < {TARGET_S:g} s: {'met' if out['under_target'] else 'NOT met'}); "
          f"LLM calls {backend.calls}; settings {settings_seen}")
    if a.batch > 0:
        t0 = time.perf_counter()
        for i in range(0, len(cases), a.batch):
            triager.triage_many(cases[i:i + a.batch])
        b = time.perf_counter() - t0
        out["batch"] = {"size": a.batch, "elapsed_s": round(b, 3),
                        "cases_per_s": round(len(cases) / b, 1) if b else None}
        print(f"triage_many (batches of {a.batch}): {len(cases) / b:.1f} cases/s")
    return out
