"""The LLM's measured gain over the rules path, per task, for the configured model (issue 17).

    python -m eval.llm_gain [--data ../shared/data] [--notes 4] [--cases 5] [--questions 5]
                            [--medqa 20] [--tasks extraction,triage_narrative,...]
                            [--model DIR | --backend openai ...] [--out runs/llm_gain]

Each task runs twice on the same small sample of real text, rules only and with the LLM
turned on for that task (``llm.<task>=on``), and reports the task's metric both ways, the gain
and the seconds per item:

- ``extraction``: entity micro-F1 on real dev notes (``eval/data/extraction/real``, MTSamples
  and ACI-bench text from ``--data``), rules vs rules + LLM proposals.
- ``triage_narrative``: share of cases whose LLM narrative passes validation (the rules text
  is always valid, 1.0), on the project's written vignettes; the acuity must not change.
- ``literature_rephrase``: share of PubMedQA dev answers where the LLM rewrite kept at least
  one citation-checked sentence (the extractive answer is always cited, 1.0).
- ``general``: MedQA (US, 4 options) accuracy of the model against chance (0.25): the rules
  path answers no medical question, so the model helps only if it beats guessing.

A task gains when its LLM figure beats the rules figure by more than ``--margin``. The report
says, per task, whether the policy (``llm_for``, ``auto`` by default) uses the LLM, and
whether that matches the measurement. Writes ``llm_gain.json`` and ``llm_gain.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.cli import add_settings_args, run_cli, settings_from_args, setup_logging
from assistant.config import Settings, apply_overrides
from assistant.llm.policy import LLM_TASKS, llm_for
from eval.common import default_data_dir, eval_data_dir, load_average
from eval.metrics import seeded_subset
from eval.report import write_json, write_text

CHANCE_4OPT = 0.25


def _with(settings: Settings, **llm: str) -> Settings:
    return apply_overrides(settings, {"llm": llm})


def _rules(settings: Settings, task: str) -> Settings:
    return _with(settings, **{task: "off"})


def _llm(settings: Settings, task: str) -> Settings:
    return _with(settings, **{task: "on"})


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def gain_extraction(settings: Settings, data_dir: Path, n: int, seed: int) -> dict[str, Any]:
    """Entity micro-F1, rules vs rules + LLM, on ``n`` real dev notes (restored form)."""
    from assistant.extract.pipeline import Extractor
    from eval.extraction import score
    from eval.extraction_real import load_examples

    notes = [e for e in load_examples(data_dir, forms=("restored",)) if e["split"] == "dev"]
    notes = seeded_subset(notes, n, seed)
    out: dict[str, Any] = {"metric": "entity_micro_f1", "items": len(notes),
                           "sample": [e["note_id"] for e in notes]}
    for mode, s in (("rules", _rules(settings, "extraction")),
                    ("llm", _llm(settings, "extraction"))):
        ex = Extractor(s)
        preds, secs = _timed(lambda ex=ex: [ex.extract(e["text"], e["note_id"])
                                            .model_dump(mode="json") for e in notes])
        out[mode] = round(score(preds, [e["gold"] for e in notes])["entity_micro_f1"], 4)
        out[f"{mode}_s_per_item"] = round(secs / max(1, len(notes)), 2)
    return out


def gain_triage_narrative(settings: Settings, n: int, seed: int) -> dict[str, Any]:
    """Share of LLM narratives that pass validation on ``n`` written vignettes."""
    from assistant.triage import Triager

    rows = [json.loads(line) for line in (eval_data_dir() / "triage_vignettes.jsonl")
            .read_text(encoding="utf-8").splitlines() if line.strip()]
    cases = [{k: v[k] for k in ("id", "text", "age", "sex", "vitals", "arrival", "injury")
              if k in v} for v in seeded_subset(rows, n, seed)]
    out: dict[str, Any] = {"metric": "narratives_valid", "items": len(cases)}
    acuity: dict[str, list[int | None]] = {}
    for mode, s in (("rules", _rules(settings, "triage_narrative")),
                    ("llm", _llm(settings, "triage_narrative"))):
        tri = Triager(s)
        recs, secs = _timed(lambda tri=tri: [tri.triage(c) for c in cases])
        acuity[mode] = [r.acuity for r in recs]
        valid = sum(1 for r in recs if r.reasons and r.reasons[0].startswith("Summary:")) \
            if mode == "llm" else len(recs)  # the rule text is always there and valid
        out[mode] = round(valid / max(1, len(recs)), 4)
        out[f"{mode}_s_per_item"] = round(secs / max(1, len(cases)), 2)
    out["acuity_unchanged"] = acuity["rules"] == acuity["llm"]
    return out


def gain_literature_rephrase(settings: Settings, data_dir: Path, n: int,
                             seed: int) -> dict[str, Any]:
    """Share of PubMedQA answers where the LLM rewrite kept a citation-checked sentence."""
    from assistant.runtime import Runtime
    from eval.pubmedqa import load_examples

    questions = load_examples(data_dir, limit=n, seed=seed)
    out: dict[str, Any] = {"metric": "rewrites_kept", "items": len(questions)}
    answers: dict[str, list[str]] = {}
    for mode, s in (("rules", _rules(settings, "literature_rephrase")),
                    ("llm", _llm(settings, "literature_rephrase"))):
        # The literature pipeline reads its own switch; the policy turns it on for the LLM run.
        s = apply_overrides(s, {"literature": {"rephrase": llm_for(s, "literature_rephrase")}})
        lit = Runtime(s).literature
        recs, secs = _timed(lambda lit=lit: [lit.answer(q["question"], q["id"])
                                             for q in questions])
        answers[mode] = [r.answer for r in recs]
        out[f"{mode}_s_per_item"] = round(secs / max(1, len(questions)), 2)
    kept = sum(1 for a, b in zip(answers["rules"], answers["llm"], strict=True) if a != b)
    out["rules"] = 1.0
    out["llm"] = round(kept / max(1, len(questions)), 4)
    return out


def gain_general(settings: Settings, data_dir: Path, n: int, seed: int) -> dict[str, Any]:
    """MedQA accuracy of the model (letter logits on the transformers path) against chance."""
    from assistant.runtime import Runtime
    from eval.medqa import load_examples, make_runner

    examples = load_examples(data_dir, limit=n, seed=seed)
    if settings.backend == "local":
        settings = apply_overrides(settings, {"llm": {"engine": "transformers"}})
    runner = make_runner(Runtime(settings))
    results, secs = _timed(lambda: [runner(e) for e in examples])
    acc = sum(1 for r in results if r["correct"]) / max(1, len(results))
    return {"metric": "medqa_accuracy_vs_chance", "items": len(results), "rules": CHANCE_4OPT,
            "llm": round(acc, 4), "rules_s_per_item": 0.0,
            "llm_s_per_item": round(secs / max(1, len(results)), 2)}


def measure(settings: Settings, data_dir: Path, tasks: list[str], args: Any) -> dict[str, Any]:
    """Run the chosen tasks; one record per task (``error`` set when a task failed)."""
    runs: dict[str, Callable[[], dict[str, Any]]] = {
        "extraction": lambda: gain_extraction(settings, data_dir, args.notes, args.seed),
        "triage_narrative": lambda: gain_triage_narrative(settings, args.cases, args.seed),
        "literature_rephrase": lambda: gain_literature_rephrase(settings, data_dir,
                                                                args.questions, args.seed),
        "general": lambda: gain_general(settings, data_dir, args.medqa, args.seed),
    }
    out: dict[str, Any] = {}
    for task in tasks:
        print(f"measuring {task} ...", file=sys.stderr, flush=True)
        try:
            r = runs[task]()
            r["gain"] = round(r["llm"] - r["rules"], 4)
            r["llm_helps"] = r["gain"] > args.margin
        except Exception as exc:  # every task gets a record, with what went wrong
            r = {"error": f"{type(exc).__name__}: {exc}"}
        r["policy_uses_llm"] = llm_for(settings, task)
        if "llm_helps" in r:
            r["policy_follows_measurement"] = r["policy_uses_llm"] == r["llm_helps"]
        out[task] = r
    return out


def render_md(report: dict[str, Any]) -> str:
    """The Markdown table of ``report``."""
    lines = [f"# LLM gain over the rules path ({report['model']})", "",
             f"{report['created_at']}, load average {report['loadavg']}", "",
             "| task | metric | n | rules | LLM | gain | s/item rules | s/item LLM | "
             "policy uses LLM | follows measurement |", "|---|---|---|---|---|---|---|---|---|---|"]
    for task, r in report["tasks"].items():
        if "error" in r:
            lines.append(f"| {task} | error: {r['error']} | | | | | | | "
                         f"{r['policy_uses_llm']} | |")
            continue
        lines.append(f"| {task} | {r['metric']} | {r['items']} | {r['rules']:.3f} | "
                     f"{r['llm']:.3f} | {r['gain']:+.3f} | {r['rules_s_per_item']:.2f} | "
                     f"{r['llm_s_per_item']:.2f} | {r['policy_uses_llm']} | "
                     f"{r['policy_follows_measurement']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    p = argparse.ArgumentParser(prog="python -m eval.llm_gain", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, help="data root (default: the bundled data/)")
    p.add_argument("--tasks", default=",".join(LLM_TASKS), help="comma-separated tasks")
    p.add_argument("--notes", type=int, default=4, help="real notes for extraction")
    p.add_argument("--cases", type=int, default=5, help="vignettes for the triage narrative")
    p.add_argument("--questions", type=int, default=5, help="PubMedQA questions to rephrase")
    p.add_argument("--medqa", type=int, default=20, help="MedQA questions (general)")
    p.add_argument("--margin", type=float, default=0.01, help="smallest gain that counts")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, default=Path("runs/llm_gain"))
    add_settings_args(p)
    args = p.parse_args(argv)
    setup_logging(args.verbose)
    settings = settings_from_args(args)
    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    unknown = [t for t in tasks if t not in LLM_TASKS]
    if unknown:
        p.error(f"unknown task(s) {unknown}; choose from {', '.join(LLM_TASKS)}")
    from eval.common import utc_now

    data_dir = args.data or default_data_dir()
    report = {"created_at": utc_now(), "loadavg": f"{load_average():.2f}",
              "model": str(settings.model_path or (settings.openai.model if
                                                   settings.backend == "openai" else
                                                   "embedded SmolLM2-135M")),
              "backend": settings.backend, "data_dir": str(data_dir),
              "tasks": measure(settings, data_dir, tasks, args)}
    report["loadavg_end"] = f"{load_average():.2f}"
    write_json(args.out / "llm_gain.json", report)
    md = render_md(report)
    write_text(args.out / "llm_gain.md", md)
    print(md)
    return 0


if __name__ == "__main__":
    run_cli(main)
