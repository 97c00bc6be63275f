"""Sourcing check: no answer to a clinical question is unsourced and unlabelled (issue 23).

    python -m eval.run --suite sourcing --no-llm [--limit N] --out DIR

Every PubMedQA dev question and every MedQA (US, 4 options) question stem in the shared data
goes through the chat's own path (``Assistant.ask``: safety screen, routing, then the route's
pipeline over the configured index). Each answer is classified by its provenance and checked:
- ``sourced``: must cite at least one [PMID:...] that the request retrieved;
- ``unverified_model``: must carry the label "not sourced: unverified model text";
- ``abstained`` (the sources do not cover it) and ``refused``: fine, they state no facts;
- ``rules`` (extraction, triage, the help text): fine, built by the project's rules from the
  input; on the literature route it would be a violation (literature answers come from
  sources or abstain).
Anything else is ``unsourced``: a violation. The suite's ``violations`` must be 0; the
report's ``check`` says PASS or FAIL and ``eval.run`` exits non-zero on FAIL (the status is
``failed``). MedQA answer options are not sent: a user asks the question, not the exam.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.runtime import Runtime
from assistant.synthesis import UNVERIFIED_LABEL
from eval.metrics import seeded_subset

NAME = "sourcing"
HEADLINE = ["violations", "n", "share_sourced", "share_abstained"]
PROVENANCES = ["sourced", "abstained", "rules", "refused", "unverified_model"]
_CITE = re.compile(r"\[PMID:\s*([0-9A-Za-z_.-]+)\]")


def load_examples(data_dir: Path, *, limit: int | None = None, seed: int = 0) -> list[dict]:
    """PubMedQA dev questions and MedQA question stems as ``{"id", "set", "prompt"}``."""
    from eval.medqa import load_examples as medqa_examples
    from eval.pubmedqa import load_examples as pubmedqa_examples

    rows = [{"id": f"pubmedqa:{e['id']}", "set": "pubmedqa", "prompt": e["question"]}
            for e in pubmedqa_examples(data_dir)]
    rows += [{"id": f"medqa:{e['id']}", "set": "medqa", "prompt": e["question"]}
             for e in medqa_examples(data_dir)]
    return seeded_subset(rows, limit, seed)


def check_answer(route: str | None, provenance: str | None, answer: str,
                 retrieved: list[str], error: str | None) -> str:
    """``ok``, ``error`` (the request failed: no clinical text shown) or ``unsourced``."""
    if error and provenance is None:
        return "error"
    if provenance == "sourced":
        cited = set(_CITE.findall(answer))
        return "ok" if cited and cited <= set(retrieved) else "unsourced"
    if provenance == "unverified_model":
        return "ok" if UNVERIFIED_LABEL in answer else "unsourced"
    if provenance in ("abstained", "refused"):
        return "ok"
    if provenance == "rules" and route in ("extraction", "triage", "general"):
        return "ok"
    return "unsourced"


def make_runner(runtime: Runtime) -> Callable[[dict], dict]:
    """Ask each question through the chat's path and classify the answer."""
    from assistant.ask import Assistant

    assistant = Assistant(runtime)

    def run(ex: dict) -> dict:
        res = assistant.ask(ex["prompt"], id=ex["id"])
        retrieved = res.literature.retrieved if res.literature is not None else []
        verdict = check_answer(res.route, res.provenance, res.answer, retrieved, res.error)
        return {"id": ex["id"], "set": ex["set"], "route": res.route,
                "provenance": res.provenance or "none", "check": verdict,
                "cited": len(set(_CITE.findall(res.answer))), "error": res.error}
    return run


def aggregate(results: list[dict]) -> dict[str, Any]:
    """Counts per provenance, route and set; the violations (must be 0) and their ids."""
    n = len(results)
    prov = Counter(r["provenance"] for r in results)
    bad = [r for r in results if r["check"] == "unsourced"]
    metrics: dict[str, float | int] = {
        "n": n, "violations": len(bad), "errors": sum(r["check"] == "error" for r in results),
        **{f"n_{p}": prov.get(p, 0) for p in PROVENANCES},
        "share_sourced": prov.get("sourced", 0) / n if n else 0.0,
        "share_abstained": prov.get("abstained", 0) / n if n else 0.0,
    }
    for name in ("pubmedqa", "medqa"):
        sub = [r for r in results if r["set"] == name]
        metrics[f"{name}.n"] = len(sub)
        for p, c in Counter(r["provenance"] for r in sub).items():
            metrics[f"{name}.{p}"] = c
    routes = Counter(r["route"] for r in results)
    failed = {"status": "failed", "reason": f"{len(bad)} answers to clinical questions carry "
              "neither a citation nor the unverified label"} if bad else {}
    return {**failed, "metrics": metrics, "tables": {
        "check": "PASS" if not bad else "FAIL",
        "routes": dict(routes),
        "violations": [{k: r[k] for k in ("id", "route", "provenance", "cited")}
                       for r in bad[:50]]}}
