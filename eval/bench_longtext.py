"""Worst-case inputs: seconds per long, unpunctuated text through triage and extraction.

    python -m eval.bench longtext [--chars 19990] [--only triage|extract] [--out FILE]

Rule engines built from regular expressions can turn quadratic (or worse) on long text with
no sentence breaks: each rejected match re-reads the whole "sentence". Real inputs are like
that more often than one would hope (pasted notes with the line breaks lost, dictated text).
This benchmark builds one input per phrase by repeating it, without punctuation, up to
``--chars`` characters (the free-text limit is 20,000), and times one rules-only triage
(every setting's rules run; ``primary_care``) or one rules-only extraction of it. The phrases
are the ones that were slow before a fix (fit rule's pet check, face-and-arm explanation,
chest similes, lips still blue, obstetric notation, bounded denials, ...), so a regression
shows up here, by name, instead of as a flaky timed unit test. Each figure is checked
against ``LIMIT_S`` and reported met / NOT met; figures depend on the machine's load (the
1-minute load average is printed with them).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from eval.common import load_average

LIMIT_S = 10.0  # seconds for one 20,000-character input; real inputs take well under 1 s

TRIAGE_PHRASES = (
    "my dog had a fit", "my dad had a PET scan and had a fit", "my face and arm went numb",
    "face and arm numb yesterday", "my face went numb and my arm went weak after the dentist",
    "my chest is like a weight",
    "it feels like a weight on my chest when I think about the exam",
    "lips still blue lolly", "chest like a tight band",
    "delivered baby born pregnant g2p1 26+3 periods are 10 weeks late midwife c-section days ago",
    "pregnant 26", "midwife 1+1", "my son is vomiting",
    "twisted my ankle never lost consciousness", "haven't had chest pain headache",
    "he hasn't been breathing he didn't wake",
)
EXTRACT_PHRASES = (
    "mother notes hives with amoxicillin took amoxicillin and got hives",
    "patients with sepsis must be excluded FH of colon cancer presents for colonoscopy",
    "PMH s/p ASD repair pulmonary hypertension abd soft NT ND",
    "no suggestion of malignancy non-small cell lung cancer breast CA OA presentation",
)


def _repeat(phrase: str, chars: int) -> str:
    unit = phrase + " "
    return (unit * (chars // len(unit) + 1))[:chars]


def _time(fn: Any, text: str) -> float:
    t0 = time.perf_counter()
    fn(text)
    return time.perf_counter() - t0


def run(args: list[str]) -> dict[str, Any]:
    """Time each worst-case input; print and return the figures."""
    p = argparse.ArgumentParser(prog="python -m eval.bench longtext")
    p.add_argument("--chars", type=int, default=19_990, help="length of each input")
    p.add_argument("--only", choices=("triage", "extract"), default=None)
    p.add_argument("--out", default=None)
    a = p.parse_args(args)

    from assistant.config import load_settings
    from assistant.runtime import Runtime

    settings = load_settings(None, {"use_llm": False})
    runtime = Runtime(settings)
    jobs: list[tuple[str, str, Any]] = []
    if a.only in (None, "triage"):
        triager = runtime.triager
        triager.triage({"id": "warm", "text": "cough", "setting": "primary_care"},
                       narrative=False)

        def _triage(text: str) -> None:
            triager.triage({"id": "long", "text": text, "setting": "primary_care"},
                           narrative=False)

        jobs += [("triage", ph, _triage) for ph in TRIAGE_PHRASES]
    if a.only in (None, "extract"):
        from assistant.extract.pipeline import Extractor

        extractor = Extractor(settings)
        extractor.extract("cough", "warm")
        jobs += [("extract", ph, lambda text: extractor.extract(text, "long"))
                 for ph in EXTRACT_PHRASES]

    rows: list[dict[str, Any]] = []
    for task, phrase, fn in jobs:
        seconds = _time(fn, _repeat(phrase, a.chars))
        met = seconds < LIMIT_S
        rows.append({"task": task, "phrase": phrase, "seconds": round(seconds, 3), "met": met})
        print(f"{task:8s} {seconds:7.2f} s  {'met' if met else 'NOT met'}  {phrase[:60]!r}")
    worst = max(rows, key=lambda r: r["seconds"]) if rows else None
    out = {"chars": a.chars, "limit_s": LIMIT_S, "load_1min": load_average(), "rows": rows,
           "worst": worst, "all_met": all(r["met"] for r in rows)}
    if worst:
        print(f"longtext: {len(rows)} inputs of {a.chars} chars, worst {worst['seconds']:.2f} s "
              f"({worst['task']}: {worst['phrase'][:40]!r}); limit {LIMIT_S:g} s: "
              f"{'met' if out['all_met'] else 'NOT met'}; load {out['load_1min']}")
    return out
