"""Retrieval suite: PubMedQA question -> its source abstract among the 1000 indexed abstracts.

    python -m eval.run --suite retrieval [--limit N] --out DIR

Examples: ``<data>/pubmedqa/dev_questions.jsonl`` (question, source PMID). The index is the
default one (``ensure_default_index``: built once from the bundled ``data/pubmedqa`` corpus,
the same 1000 abstracts). Every question is searched in three modes - hybrid (RRF), BM25 only,
dense only - and scored with recall@1/5/10, MRR and nDCG@10 of the source abstract.
Acceptance (issue 9): hybrid recall@1 >= 0.98 and recall@10 >= 0.995.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from assistant.runtime import Runtime
from eval.metrics import ndcg_at_k, recall_at_k, reciprocal_rank, seeded_subset
from index.base import Searcher

NAME = "retrieval"
MODES = ("hybrid", "bm25", "dense")
K = 10
HEADLINE = ["hybrid.recall@1", "hybrid.recall@10", "hybrid.mrr", "bm25.recall@1",
            "dense.recall@1"]


def load_examples(data_dir: Path, *, limit: int | None = None, seed: int = 0) -> list[dict]:
    """One example per dev question: ``{"id", "question", "gold"}`` (gold = source PMID)."""
    path = Path(data_dir) / "pubmedqa" / "dev_questions.jsonl"
    examples = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                examples.append({"id": str(rec["pmid"]), "question": rec["question"],
                                 "gold": str(rec["pmid"])})
    return seeded_subset(examples, limit, seed)


def make_runner(runtime: Runtime, index_dir: Path | None = None,
                searcher: Searcher | None = None) -> Callable[[dict], dict]:
    """A function that searches one question in every mode and returns the rankings.

    The searcher: ``searcher``, else the index in ``index_dir``, else the runtime's.
    """
    if searcher is None:
        if index_dir is not None:
            from index.search import open_index

            searcher = open_index(index_dir, runtime.settings)
        else:
            searcher = runtime.searcher

    def run(example: dict) -> dict:
        ranked = {mode: [h.doc_id for h in searcher.search(example["question"], k=K, mode=mode)]
                  for mode in MODES}
        gold = example["gold"]
        rank = {mode: (ids.index(gold) + 1 if gold in ids else None)
                for mode, ids in ranked.items()}
        return {"id": example["id"], "gold": gold, "ranked": ranked, "rank": rank}

    return run


def aggregate(results: list[dict]) -> dict:
    """Per mode: recall@1/5/10, MRR, nDCG@10; plus how often the modes fail on different items."""
    metrics: dict[str, float] = {}
    table = []
    ok = [r for r in results if not r.get("error") and "ranked" in r]
    for mode in MODES:
        runs = [(r["ranked"][mode], r["gold"]) for r in ok]
        n = max(1, len(runs))
        row = {
            "recall@1": sum(recall_at_k(ids, g, 1) for ids, g in runs) / n,
            "recall@5": sum(recall_at_k(ids, g, 5) for ids, g in runs) / n,
            "recall@10": sum(recall_at_k(ids, g, 10) for ids, g in runs) / n,
            "mrr": sum(reciprocal_rank(ids, g) for ids, g in runs) / n,
            "ndcg@10": sum(ndcg_at_k(ids, g, 10) for ids, g in runs) / n,
        }
        metrics.update({f"{mode}.{k}": round(v, 4) for k, v in row.items()})
        table.append({"mode": mode} | {k: round(v, 4) for k, v in row.items()})
    miss1 = {m: {r["id"] for r in ok if r["rank"][m] != 1} for m in MODES}
    metrics["n"] = len(ok)
    metrics["bm25_and_dense_both_miss@1"] = len(miss1["bm25"] & miss1["dense"])
    metrics["acceptance_met"] = float(metrics.get("hybrid.recall@1", 0) >= 0.98
                                      and metrics.get("hybrid.recall@10", 0) >= 0.995)
    failures = [{"id": r["id"], "rank": r["rank"]} for r in ok if r["rank"]["hybrid"] != 1]
    return {"metrics": metrics, "tables": {"by_mode": table, "hybrid_misses@1": failures}}


def plot(results: list[dict], summary: dict, out_dir: Path) -> list[Path]:
    """Recall@1 per mode as bars."""
    from eval.plots import bars_png

    m = summary["metrics"]
    values = {mode: m.get(f"{mode}.recall@1", 0.0) for mode in MODES}
    return [bars_png(values, Path(out_dir) / "retrieval_recall_at_1.png",
                     "PubMedQA question -> source abstract, recall@1")]
