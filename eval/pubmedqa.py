"""PubMedQA suite: cited literature answers on ``pubmedqa/dev_questions.jsonl``.

    python -m eval.run --suite pubmedqa [--limit N] --out DIR

Each question goes through the real pipeline (``LiteratureQA``: hybrid retrieval over the
bundled 1000-abstract index, evidence selection, verdict, citation check). Metrics:
- ``verdict_accuracy``: yes/no/maybe against the gold answer over ALL questions (abstained or
  no verdict counts as wrong); ``verdict_accuracy_answered`` over questions with a verdict;
- cross-validated, honestly: the shipped verdict model was trained on these dev questions, so
  each question is answered with the fold model of the 5-fold split that did not see it
  (``assistant/artifacts/verdict_cv.json``; each fold model was built by the whole training
  procedure, its C choice included, without that fold: nested CV); questions not in the split
  use the shipped model;
- ``citation_precision_source``: cited documents that are the question's source abstract;
  ``citation_precision_support``: cited documents that are the source or whose quoted sentence
  contains at least half of the question's content terms;
- ``abstention_rate``, ``source_in_retrieved`` (recall@10), ``source_top1``,
  ``citations_valid_rate`` (answers whose every citation was retrieved: must be 1.0);
- ``quote_section_share``: the answers' quoted findings (one per listed study) that come from
  a RESULTS or CONCLUSIONS paragraph (target >= 0.9; never OBJECTIVE/BACKGROUND);
- ``studies_per_answer_mean`` over answered questions, and
  ``studies_per_answer_median_multi``: the median number of listed studies over the answers
  where two or more documents pass the relevance gate (``multi_study_answers`` of them);
  ``design_stated_rate`` / ``size_stated_rate``: listed studies with a design / a size;
- ``abstention_source_removed``: each question is asked again of the same index with its source
  abstract hidden from retrieval, where the right behaviour is to abstain (the rest of the
  corpus holds related but different studies); the share that abstains. Together with
  ``abstention_rate`` it shows both sides of the evidence-strength threshold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.runtime import Runtime
from eval.metrics import accuracy, confusion_matrix, seeded_subset
from index.base import DocHit, Mode, Searcher
from index.search import rrf_score

NAME = "pubmedqa"
HEADLINE = ["verdict_accuracy", "citation_precision_source", "abstention_rate",
            "abstention_source_removed",
            "citations_valid_rate", "quote_section_share", "studies_per_answer_median_multi"]
LABELS = ["yes", "no", "maybe"]


def load_examples(data_dir: Path, *, limit: int | None = None, seed: int = 0) -> list[dict]:
    """Dev questions: id (= source PMID), question, gold answer."""
    path = Path(data_dir) / "pubmedqa" / "dev_questions.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    ex = [{"id": r["pmid"], "question": r["question"], "gold": r["answer"],
           "source": r["pmid"]} for r in rows]
    return seeded_subset(ex, limit, seed)


class HidingSearcher:
    """A searcher that never returns the document ``hidden`` (as if it were not indexed).

    ``hidden`` is set per question; the suite runs its examples one at a time.
    """

    def __init__(self, inner: Searcher) -> None:
        self.inner = inner
        self.hidden: str | None = None

    def search(self, query: str, k: int = 10, mode: Mode = "hybrid") -> list[DocHit]:
        """The inner searcher's hits without ``hidden``, re-ranked as if it were not indexed."""
        hits = self.inner.search(query, k=k + 1, mode=mode)
        gone = next((h for h in hits if h.doc_id == self.hidden), None)
        kept = [h for h in hits if h is not gone][:k]
        if gone is not None:
            # Per-retriever ranks as the index would give them without the hidden document, and
            # in hybrid mode the fused score from those ranks (the same reciprocal rank fusion).
            search_cfg = getattr(getattr(self.inner, "config", None), "search", None)
            for h in kept:
                h.ranks = {name: r - (r > gone.ranks.get(name, r)) for name, r in h.ranks.items()}
                if mode == "hybrid" and search_cfg is not None:
                    weight = {"bm25": search_cfg.bm25_weight, "dense": search_cfg.dense_weight}
                    h.score = sum(rrf_score(r, weight[name], search_cfg.rrf_k)
                                  for name, r in h.ranks.items())
        return kept

    def coverage(self, query: str, text: str) -> float:
        """The inner searcher's coverage (hiding a document does not change term weights)."""
        return self.inner.coverage(query, text)


def make_runner(runtime: Runtime) -> Callable[[dict], dict]:
    """A runner answering each question with the fold model that did not train on it."""
    from assistant.citations import all_cited_allowed, cited_ids
    from assistant.evidence import VerdictModel, key_terms, relevance
    from assistant.linear import ARTIFACTS_DIR

    cv = json.loads((ARTIFACTS_DIR / "verdict_cv.json").read_text())
    folds: dict[str, int] = cv["folds"]
    base = runtime.literature
    qas = [runtime.literature_with(verdict_model=VerdictModel.from_json(m))
           for m in cv["models"]]
    hiding = HidingSearcher(runtime.searcher)
    without_source = runtime.literature_with(searcher=hiding)

    def run(ex: dict) -> dict:
        fold = folds.get(ex["source"])
        qa = qas[fold] if fold is not None else base
        answer = qa.answer_with_docs(ex["question"], ex["id"])
        rec = answer.record
        cited = cited_ids(rec.answer)
        terms = key_terms(ex["question"])
        support = [c.doc_id == ex["source"] or (bool(c.quote) and relevance(terms, c.quote) >= 0.5)
                   for c in rec.citations if c.doc_id in cited]
        hiding.hidden = ex["source"]
        rec_hidden = without_source.answer(ex["question"], ex["id"])
        return {"id": ex["id"], "gold": ex["gold"], "verdict": rec.verdict,
                "abstained_source_removed": rec_hidden.abstained,
                "abstained": rec.abstained, "fold": fold, "strength": round(answer.strength, 4),
                "retrieved": rec.retrieved[:10], "cited": cited,
                "source_cited": ex["source"] in cited, "support": support,
                "relevant_docs": answer.relevant_docs,
                "studies": [{"doc_id": e.doc_id, "section": e.section, "design": e.design,
                             "n": e.n, "direction": e.direction} for e in rec.evidence],
                "valid": all_cited_allowed(rec.answer, rec.retrieved) and all_cited_allowed(
                    rec.answer, [c.doc_id for c in rec.citations]),
                "error": rec.error}
    return run


def aggregate(results: list[dict]) -> dict:
    """Verdict accuracy (CV), citation precision, abstention, retrieval of the source."""
    ok = [r for r in results if not r.get("error")]
    n = max(1, len(ok))
    y_true = [r["gold"] for r in ok]
    y_pred = [r["verdict"] or "none" for r in ok]
    answered = [r for r in ok if r["verdict"]]
    n_cited = sum(len(r["cited"]) for r in ok)
    metrics: dict[str, Any] = {
        "n": len(results), "errors": len(results) - len(ok),
        "verdict_accuracy": accuracy(y_true, y_pred) if ok else 0.0,
        "verdict_accuracy_answered": accuracy([r["gold"] for r in answered],
                                              [r["verdict"] for r in answered]) if answered
        else 0.0,
        "always_yes_baseline": sum(g == "yes" for g in y_true) / n,
        "abstention_rate": sum(r["abstained"] for r in ok) / n,
        "abstention_source_removed": sum(r.get("abstained_source_removed", False)
                                         for r in ok) / n,
        "citation_precision_source": sum(r["cited"].count(r["id"]) for r in ok) / max(1, n_cited),
        "citation_precision_support": sum(sum(r["support"]) for r in ok) / max(1, n_cited),
        "source_cited_rate": sum(r["source_cited"] for r in ok) / n,
        "source_in_retrieved": sum(r["id"] in r["retrieved"] for r in ok) / n,
        "source_top1": sum(bool(r["retrieved"]) and r["retrieved"][0] == r["id"] for r in ok) / n,
        "citations_valid_rate": sum(r["valid"] for r in ok) / n,
        "cross_validated": all(r.get("fold") is not None for r in ok),
        **_study_metrics([r for r in ok if not r["abstained"]]),
    }
    labels = LABELS + (["none"] if "none" in y_pred else [])
    cm = confusion_matrix(y_true, y_pred, labels)
    return {"metrics": metrics, "tables": {"confusion": {"labels": labels, "matrix": cm}}}


def _study_metrics(answered: list[dict]) -> dict[str, Any]:
    """Quote-section share, studies per answer, designs and sizes stated (answered only)."""
    import statistics

    rows = [st for r in answered for st in r.get("studies", [])]
    multi = [len(r.get("studies", [])) for r in answered if r.get("relevant_docs", 0) >= 2]
    finding = sum(bool(re.search(r"RESULT|CONCLU", st["section"])) for st in rows)
    return {
        "quote_section_share": finding / len(rows) if rows else 0.0,
        "studies_per_answer_mean": len(rows) / len(answered) if answered else 0.0,
        "studies_per_answer_median_multi": float(statistics.median(multi)) if multi else 0.0,
        "multi_study_answers": len(multi),
        "design_stated_rate": sum(st["design"] is not None for st in rows) / max(1, len(rows)),
        "size_stated_rate": sum(st["n"] is not None for st in rows) / max(1, len(rows)),
    }


def plot(results: list[dict], summary: dict, out_dir: Path) -> list[Path]:
    """Confusion matrix of verdicts and the evidence-strength histogram."""
    from eval.plots import confusion_png, hist_png

    t = summary["tables"]["confusion"]
    return [confusion_png(t["matrix"], t["labels"], out_dir / "pubmedqa_confusion.png",
                          "PubMedQA dev verdicts (5-fold CV models)"),
            hist_png([r["strength"] for r in results if "strength" in r],
                     out_dir / "pubmedqa_strength.png", "Best-evidence strength")]
