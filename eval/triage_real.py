"""Triage on real exam vignettes: 3-level disposition against a hand-labelled gold.

    python -m eval.run --suite triage_real --no-llm --out DIR

Examples: ``eval/data/triage_real/labels.jsonl``, patient presentations drawn from MedQA-USMLE
and MedMCQA (both MIT) by ``eval/data/triage_real/draw.py`` and labelled by hand with the
disposition the case needs (``emergency`` / ``non_emergency`` / ``self_care``) from the
diagnosis -> disposition table ``dispositions.tsv``. The triage input is the presentation only
(the exam question sentence and the options are cut off by :func:`presentation`), sent as
``{"id", "text"}`` with nothing else, as the CLI would receive it.

The project's acuity (1-5) is mapped to the three levels by :data:`ACUITY_TO_DISPOSITION`.
Metrics per split (``dev``, ``heldout``, ``all``): 3-level accuracy, emergency sensitivity,
self-care recall, under-triage (predicted less urgent than gold), over-triage and a
confusion matrix. The ``heldout`` third was frozen before any tuning: tune on ``dev`` only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.runtime import Runtime
from eval.common import eval_data_dir
from eval.metrics import confusion_matrix, safe_div, seeded_subset

NAME = "triage_real"
HEADLINE = ["all.accuracy", "all.emergency_sensitivity", "all.self_care_recall",
            "all.under_triage", "dev.accuracy", "heldout.accuracy"]
DATA_SUBDIR = "triage_real"
LABELS_FILE = "labels.jsonl"
DISPOSITIONS = ["emergency", "non_emergency", "self_care"]
SPLITS = ["dev", "heldout", "all"]
# Urgency rank of each disposition (lower = more urgent), for under/over-triage.
RANK = {d: i for i, d in enumerate(DISPOSITIONS)}

# Acuity (CONTRACT.md, 1 resuscitation .. 5 non-urgent) -> the 3-level disposition of the
# labelled set. 1-2 are the contract's "emergency" level (ED now). 3 ("urgent") and 4
# ("routine") both mean a clinician within hours to days, which is the set's "non_emergency"
# (urgent care or primary care). 5 ("self_care") is home care with advice.
ACUITY_TO_DISPOSITION: dict[int, str] = {
    1: "emergency",
    2: "emergency",
    3: "non_emergency",
    4: "non_emergency",
    5: "self_care",
}

# A trailing sentence that asks the exam question (it is not part of the presentation).
_QUESTION = re.compile(
    r"\b(which of the following|which one of the following|what is the|what are the|"
    r"what would be|what should|what will|most likely|most appropriate|most probable|"
    r"next (best )?step|best (next|initial|treatment|management|advice|line)|"
    r"likely diagnosis|probable diagnosis|diagnosis (is|would be|of this)|"
    r"treatment of choice|investigation of choice|is indicated|should be (done|given)|"
    r"is the cause|this patient|the patient (has|is) (most )?likely)\b",
    re.I)
# A stem that stops on a function word ("The child is suffering from.", "Treatment is:").
_DANGLING = re.compile(r"\b(is|are|from|of|to|by|with|for|the|due to|except|include|includes)"
                       r"\s*[.:?]?\s*$", re.I)
# An exam stem glued to the end of the last sentence ("... after an URTI diagnosis is -").
_STEM_TAIL = re.compile(
    r"[\s,;:]*\b(the\s+)?((most\s+)?(likely|probable)\s+)?(diagnosis|treatment|management|"
    r"cause)\s+(is|would be)\s*[-\u2013\u2014:;.?]*\s*$", re.I)
# Sentence boundary: end punctuation followed by space and a capital letter, digit or quote.
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9\"'(])")
# Clause boundary inside a one-sentence item ("..., the diagnosis is").
_CLAUSE = re.compile(r"[,;:]\s+")


def _asks(text: str) -> bool:
    """Exam phrasing: a question word pattern or a dangling function word at the end."""
    return bool(_QUESTION.search(text)) or bool(_DANGLING.search(text))


def _is_question(sentence: str) -> bool:
    s = sentence.strip()
    return s.endswith(("?", ":")) or not s.endswith((".", "!", '"')) or _asks(s)


def presentation(question: str) -> str:
    """The presentation part of an exam item: the question sentence(s) at the end removed.

    Deterministic: the text is split into sentences; trailing sentences that ask the question
    (end with ``?`` or ``:``, lack end punctuation, use exam phrasing such as "Which of the
    following", "most likely", "next step", or stop on a function word such as "is" or
    "from") are dropped. A one-sentence item keeps its sentence but loses the trailing
    clauses (split at ``,`` ``;`` ``:``) that use exam phrasing ("A 20-year-old with X and Y,
    the diagnosis is" -> "A 20-year-old with X and Y."). Whitespace is normalised to single spaces.
    """
    text = " ".join(question.split())
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    while len(sentences) > 1 and _is_question(sentences[-1]):
        sentences.pop()
    if len(sentences) == 1 and _is_question(sentences[0]):
        clauses = _CLAUSE.split(sentences[0].rstrip("?:. "))
        while len(clauses) > 1 and _asks(clauses[-1]):
            clauses.pop()
        sentences = [", ".join(clauses)]
    sentences[-1] = _STEM_TAIL.sub("", sentences[-1]).strip()
    out = " ".join(s for s in sentences if s).strip()
    return out + "." if out and not out.endswith((".", "!", "?", '"')) else out


def labels_path() -> Path:
    """``eval/data/triage_real/labels.jsonl``."""
    return eval_data_dir() / DATA_SUBDIR / LABELS_FILE


def read_labels(path: Path | None = None) -> list[dict[str, Any]]:
    """The labelled rows (one JSON object per line)."""
    path = path or labels_path()
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_examples(data_dir: Path, *, limit: int | None = None, seed: int = 0) -> list[dict]:
    """Labelled vignettes as triage cases (``data_dir`` unused: the text ships with the set)."""
    del data_dir  # the presentation text is shipped in labels.jsonl (MIT)
    examples = [{"id": r["id"], "source": r["source"], "split": r["split"],
                 "case": {"id": r["id"], "text": r["text"]}, "gold": r["disposition"],
                 "diagnosis": r["diagnosis"], "rule": r["rule"]}
                for r in read_labels()]
    if not examples:
        raise FileNotFoundError(f"no labelled vignettes in {labels_path()}")
    return seeded_subset(examples, limit, seed)


def make_runner(runtime: Runtime) -> Callable[[dict], dict]:
    """Triage each presentation as the CLI would (LLM off: it never changes the acuity)."""
    triager = Runtime(runtime.settings.model_copy(update={"use_llm": False})).triager

    def run(example: dict) -> dict:
        rec = triager.triage(example["case"])
        pred = ACUITY_TO_DISPOSITION.get(rec.acuity) if rec.acuity is not None else None
        return {"id": example["id"], "split": example["split"], "gold": example["gold"],
                "pred": pred, "acuity": rec.acuity, "diagnosis": example["diagnosis"],
                "red_flags": rec.red_flags, "error": rec.error}

    return run


def disposition_rates(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    """3-level accuracy, emergency sensitivity, self-care recall, under/over-triage rates."""
    pairs = list(zip(gold, pred, strict=True))
    n = len(pairs)
    emerg = [p for g, p in pairs if g == "emergency"]
    selfc = [p for g, p in pairs if g == "self_care"]
    return {
        "n": n,
        "accuracy": safe_div(sum(g == p for g, p in pairs), n),
        "emergency_sensitivity": safe_div(sum(p == "emergency" for p in emerg), len(emerg)),
        "emergency_n": len(emerg),
        "self_care_recall": safe_div(sum(p == "self_care" for p in selfc), len(selfc)),
        "self_care_n": len(selfc),
        "under_triage": safe_div(sum(RANK[p] > RANK[g] for g, p in pairs), n),
        "over_triage": safe_div(sum(RANK[p] < RANK[g] for g, p in pairs), n),
    }


def aggregate(results: list[dict]) -> dict:
    """Per-split rates and confusion matrices, plus the list of mis-triaged cases."""
    metrics: dict[str, Any] = {}
    tables: dict[str, Any] = {}
    ok = [r for r in results if not r.get("error") and r.get("pred") in RANK]
    metrics["n_unscored"] = len(results) - len(ok)
    for split in SPLITS:
        rows = ok if split == "all" else [r for r in ok if r.get("split") == split]
        gold = [r["gold"] for r in rows]
        pred = [r["pred"] for r in rows]
        for k, v in disposition_rates(gold, pred).items():
            metrics[f"{split}.{k}"] = v
        cm = confusion_matrix(gold, pred, DISPOSITIONS)
        tables[f"{split}_confusion"] = [
            {"gold": g, **{f"pred {p}": c for p, c in zip(DISPOSITIONS, row, strict=True)}}
            for g, row in zip(DISPOSITIONS, cm, strict=True)]
    tables["misses"] = [
        {"id": r["id"], "split": r["split"], "diagnosis": r.get("diagnosis"),
         "gold": r["gold"], "predicted": r["pred"], "acuity": r.get("acuity"),
         "red_flags": ", ".join(r.get("red_flags") or [])}
        for r in ok if r["pred"] != r["gold"]]
    return {"metrics": metrics, "tables": tables}
