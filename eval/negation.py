"""Negation suite: NegEx-style sentences with a concept, gold Negated/Affirmed.

    python -m eval.run --suite negation --out DIR

Data: ``<data>/negex/*.tsv`` (columns Report No., Concept, Sentence, Negation). Each sentence
is classified twice: with the project's ConText rules (``assistant.clinical.context``) and with
medspaCy's default ConText rules, so the report shows both side by side. A concept is
"negated" when ConText marks it negated (family/uncertain findings count as affirmed).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

from assistant.runtime import Runtime
from eval.metrics import accuracy, confusion_matrix, prf1, seeded_subset

NAME = "negation"
HEADLINE = ["accuracy", "negated.precision", "negated.recall", "default.accuracy",
            "default.negated.precision", "default.negated.recall"]
LABELS = ["Negated", "Affirmed"]


def load_examples(data_dir: Path, *, limit: int | None = None, seed: int = 0) -> list[dict]:
    """Rows of every TSV under ``<data_dir>/negex``."""
    folder = Path(data_dir) / "negex"
    files = sorted(folder.glob("*.tsv")) if folder.is_dir() else []
    if not files:
        raise FileNotFoundError(f"no NegEx TSV under {folder}")
    examples = []
    for path in files:
        with path.open(encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh, delimiter="\t"), 1):
                examples.append({"id": f"{path.stem}:{n}", "report": row.get("Report No."),
                                 "concept": row["Concept"].strip(),
                                 "sentence": row["Sentence"].strip().strip('"'),
                                 "gold": row["Negation"].strip()})
    return seeded_subset(examples, limit, seed)


def concept_span(sentence: str, concept: str) -> tuple[int, int] | None:
    """Where the concept is in the sentence (the data writes it in capitals there)."""
    words = [re.escape(w) for w in concept.split()]
    if not words:
        return None
    pattern = r"\s+".join(words)
    m = re.search(pattern.upper(), sentence) or re.search(pattern, sentence, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def make_runner(runtime: Runtime) -> Callable[[dict], dict]:
    """Classify each example with the project rules and with medspaCy's defaults."""
    from assistant.clinical.context import AssertionEngine, get_engine

    ours = get_engine()
    default = AssertionEngine(extended=False)

    def run(ex: dict) -> dict:
        span = concept_span(ex["sentence"], ex["concept"])
        out = {"id": ex["id"], "gold": ex["gold"], "found": span is not None}
        for key, engine in (("pred", ours), ("pred_default", default)):
            status = engine.classify(ex["sentence"], [span])[0] if span else "present"
            out[key] = "Negated" if status == "absent" else "Affirmed"
        return out

    return run


def _scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    tp = sum(g == p == "Negated" for g, p in zip(gold, pred, strict=True))
    fp = sum(p == "Negated" != g for g, p in zip(gold, pred, strict=True))
    fn = sum(g == "Negated" != p for g, p in zip(gold, pred, strict=True))
    p, r, f = prf1(tp, fp, fn)
    return {"accuracy": accuracy(gold, pred), "negated.precision": p, "negated.recall": r,
            "negated.f1": f}


def aggregate(results: list[dict]) -> dict:
    """Accuracy and negated-class P/R/F1 for the project rules and medspaCy defaults."""
    gold = [r["gold"] for r in results]
    ours = _scores(gold, [r["pred"] for r in results])
    base = _scores(gold, [r["pred_default"] for r in results])
    metrics: dict[str, float | int] = dict(ours)
    metrics.update({f"default.{k}": v for k, v in base.items()})
    metrics["examples"] = len(results)
    metrics["concept_not_found"] = sum(not r["found"] for r in results)
    cm = confusion_matrix(gold, [r["pred"] for r in results], LABELS)
    errors = [{"id": r["id"], "gold": r["gold"], "pred": r["pred"]}
              for r in results if r["gold"] != r["pred"]]
    return {"metrics": metrics, "tables": {"confusion (rows gold, cols pred)": cm,
                                           "errors": errors[:50]}}


def plot(results: list[dict], summary: dict, out_dir: Path) -> list[Path]:
    """Confusion matrix of the project rules."""
    from eval.plots import confusion_png

    gold = [r["gold"] for r in results]
    cm = confusion_matrix(gold, [r["pred"] for r in results], LABELS)
    path = Path(out_dir) / "negation_confusion.png"
    confusion_png(cm, LABELS, path, "Negation (project ConText rules)")
    return [path]
