"""Metric functions shared by every eval suite (pure Python, no heavy imports).

Conventions, so that suites agree:
- A ratio with an empty denominator is 0.0 (never NaN: reports are JSON).
- Labels are compared with ``==``; pass the label order explicitly where it matters.
- Ranked lists hold document ids best first; ``gold`` is one id or a collection of ids
  (``ndcg_at_k`` also takes ``{id: graded relevance}``).
- Triage acuity runs 1 (most urgent) .. 5 (least urgent): predicting a larger number than the
  gold is under-triage (the unsafe direction), a smaller number is over-triage.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

T = TypeVar("T")

__all__ = [
    "PRF1",
    "accuracy",
    "confusion_matrix",
    "ndcg_at_k",
    "prf1",
    "quadratic_weighted_kappa",
    "recall_at_k",
    "reciprocal_rank",
    "safe_div",
    "seeded_subset",
    "triage_rates",
]


def safe_div(num: float, den: float) -> float:
    """``num / den``, or 0.0 when ``den`` is 0."""
    return float(num) / float(den) if den else 0.0


class PRF1(NamedTuple):
    """Precision, recall, F1: unpacks as a tuple and also reads like a dict.

    ``p, r, f = prf1(...)``, ``res.f1``, ``res["f1"]`` and ``dict(res)`` all work.
    """

    precision: float
    recall: float
    f1: float

    def keys(self) -> tuple[str, ...]:
        """The field names, so ``dict(res)`` and ``**res`` give a plain dict."""
        return self._fields

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return getattr(self, key)
        return tuple.__getitem__(self, key)


def prf1(tp: int, fp: int, fn: int) -> PRF1:
    """Precision, recall and F1 from true positive, false positive and false negative counts."""
    if min(tp, fp, fn) < 0:
        raise ValueError(f"counts must be >= 0, got tp={tp} fp={fp} fn={fn}")
    p = safe_div(tp, tp + fp)
    r = safe_div(tp, tp + fn)
    return PRF1(p, r, safe_div(2 * p * r, p + r))


def _check_same_length(y_true: Sequence[Any], y_pred: Sequence[Any]) -> None:
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} items but y_pred has {len(y_pred)}")


def accuracy(y_true: Sequence[Any], y_pred: Sequence[Any]) -> float:
    """Fraction of positions where prediction equals gold (0.0 for empty input)."""
    y_true, y_pred = list(y_true), list(y_pred)
    _check_same_length(y_true, y_pred)
    return safe_div(sum(t == p for t, p in zip(y_true, y_pred, strict=True)), len(y_true))


def confusion_matrix(y_true: Sequence[Any], y_pred: Sequence[Any],
                     labels: Sequence[Hashable]) -> list[list[int]]:
    """Counts ``cm[i][j]`` of gold ``labels[i]`` predicted as ``labels[j]``.

    Pairs whose gold or prediction is not in ``labels`` (e.g. a failed prediction ``None``)
    are left out; suites report those separately.
    """
    y_true, y_pred = list(y_true), list(y_pred)
    _check_same_length(y_true, y_pred)
    index = {label: i for i, label in enumerate(labels)}
    cm = [[0] * len(labels) for _ in labels]
    for t, p in zip(y_true, y_pred, strict=True):
        if t in index and p in index:
            cm[index[t]][index[p]] += 1
    return cm


def quadratic_weighted_kappa(y_true: Sequence[Any], y_pred: Sequence[Any],
                             labels: Sequence[Hashable]) -> float:
    """Cohen's kappa with quadratic weights over the ordered ``labels``.

    ``1 - sum(w*O) / sum(w*E)`` with ``w[i][j] = (i-j)^2 / (n-1)^2``, O the observed confusion
    matrix and E the outer product of its marginals scaled to the same total. When E carries no
    weighted disagreement (one class only) it returns 1.0 for perfect agreement, else 0.0.
    """
    n = len(labels)
    cm = confusion_matrix(y_true, y_pred, labels)
    total = sum(map(sum, cm))
    if n < 2 or total == 0:
        return 0.0
    rows = [sum(r) for r in cm]
    cols = [sum(cm[i][j] for i in range(n)) for j in range(n)]
    num = den = 0.0
    for i in range(n):
        for j in range(n):
            w = (i - j) ** 2 / (n - 1) ** 2
            num += w * cm[i][j]
            den += w * rows[i] * cols[j] / total
    if den == 0:
        return 1.0 if num == 0 else 0.0
    return 1.0 - num / den


def _gold_set(gold: Any) -> set[Any]:
    if isinstance(gold, str | int):
        return {gold}
    return set(gold)


def recall_at_k(ranked: Sequence[Any], gold: Any, k: int) -> float:
    """Fraction of the gold ids found among the first ``k`` ranked ids (0.0 if no gold)."""
    gold_ids = _gold_set(gold)
    found = gold_ids.intersection(list(ranked)[:k])
    return safe_div(len(found), len(gold_ids))


def reciprocal_rank(ranked: Sequence[Any], gold: Any) -> float:
    """1 / (1-based rank of the first gold id in ``ranked``), 0.0 when none is ranked."""
    gold_ids = _gold_set(gold)
    for rank, doc_id in enumerate(ranked, start=1):
        if doc_id in gold_ids:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[Any], gold: Any, k: int) -> float:
    """Normalised discounted cumulative gain at ``k``: ``sum rel_i / log2(i + 1)`` over ideal.

    ``gold`` is one id, a collection of ids (relevance 1 each) or ``{id: relevance}``.
    A document counts once, at its first position.
    """
    rel: Mapping[Any, float]
    rel = dict(gold) if isinstance(gold, Mapping) else dict.fromkeys(_gold_set(gold), 1.0)
    seen: set[Any] = set()
    dcg = 0.0
    for i, doc_id in enumerate(list(ranked)[:k], start=1):
        if doc_id in rel and doc_id not in seen:
            dcg += rel[doc_id] / math.log2(i + 1)
        seen.add(doc_id)
    ideal = sorted((r for r in rel.values() if r > 0), reverse=True)[:k]
    idcg = sum(r / math.log2(i + 1) for i, r in enumerate(ideal, start=1))
    return safe_div(dcg, idcg)


def triage_rates(y_true: Sequence[int | None], y_pred: Sequence[int | None]) -> dict[str, float]:
    """Safety-oriented rates for acuity predictions (1 most urgent .. 5 least).

    Returns ``n`` (pairs scored), ``n_missing`` (pairs with no gold or no prediction, left out),
    ``accuracy``, ``under_triage`` (pred less urgent than gold), ``over_triage`` (pred more urgent),
    ``within_one`` (|pred - gold| <= 1), ``high_acuity_sensitivity`` (gold 1-2 predicted 1-2)
    and ``high_acuity_n``. Rates are fractions of ``n``.
    """
    y_true, y_pred = list(y_true), list(y_pred)
    _check_same_length(y_true, y_pred)
    pairs = [(int(t), int(p)) for t, p in zip(y_true, y_pred, strict=True)
             if t is not None and p is not None]
    n = len(pairs)
    high = [(t, p) for t, p in pairs if t <= 2]
    return {
        "n": n,
        "n_missing": len(y_true) - n,
        "accuracy": safe_div(sum(t == p for t, p in pairs), n),
        "under_triage": safe_div(sum(p > t for t, p in pairs), n),
        "over_triage": safe_div(sum(p < t for t, p in pairs), n),
        "within_one": safe_div(sum(abs(p - t) <= 1 for t, p in pairs), n),
        "high_acuity_sensitivity": safe_div(sum(p <= 2 for _, p in high), len(high)),
        "high_acuity_n": len(high),
    }


def seeded_subset(examples: Iterable[T], limit: int | None, seed: int = 0) -> list[T]:
    """A reproducible random subset of ``limit`` examples, kept in their original order.

    ``limit`` None (or >= the number of examples) returns all of them. The same
    (examples, limit, seed) always gives the same subset, on any machine.
    """
    items = list(examples)
    if limit is None or limit >= len(items):
        return items
    if limit < 0:
        raise ValueError(f"limit must be >= 0, got {limit}")
    chosen = sorted(random.Random(seed).sample(range(len(items)), limit))
    return [items[i] for i in chosen]
