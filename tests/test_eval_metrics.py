"""Eval metric functions on hand-computed examples (values worked out on paper, pinned)."""

from __future__ import annotations

import math

import pytest

from eval.metrics import (
    accuracy,
    confusion_matrix,
    ndcg_at_k,
    prf1,
    quadratic_weighted_kappa,
    recall_at_k,
    reciprocal_rank,
    seeded_subset,
    triage_rates,
)


def test_prf1_counts_and_access_styles() -> None:
    res = prf1(3, 1, 2)  # P = 3/4, R = 3/5, F1 = 2PR/(P+R) = 0.9/1.35 = 2/3
    assert res.precision == pytest.approx(0.75)
    assert res["recall"] == pytest.approx(0.6)
    p, r, f = res
    assert f == pytest.approx(2 / 3)
    assert dict(res) == {"precision": 0.75, "recall": 0.6, "f1": pytest.approx(2 / 3)}
    assert tuple(prf1(0, 0, 0)) == (0.0, 0.0, 0.0)  # empty denominators are 0, never NaN
    assert tuple(prf1(0, 2, 0)) == (0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        prf1(-1, 0, 0)


def test_accuracy() -> None:
    assert accuracy([1, 2, 3, 4], [1, 2, 4, 4]) == 0.75
    assert accuracy([], []) == 0.0
    assert accuracy(["yes", "no"], ["yes", None]) == 0.5
    with pytest.raises(ValueError):
        accuracy([1, 2], [1])


def test_confusion_matrix_rows_gold_cols_pred_and_unknown_left_out() -> None:
    cm = confusion_matrix(["a", "b", "a", "c"], ["a", "a", "b", None], ["a", "b", "c"])
    assert cm == [[1, 1, 0], [1, 0, 0], [0, 0, 0]]


def test_quadratic_weighted_kappa_pinned() -> None:
    # O has one off-by-one cell (3->4): sum(w*O) = 1/16; sum(w*E) = 48/16/4 = 0.75 on paper.
    assert quadratic_weighted_kappa([1, 2, 3, 4], [1, 2, 4, 4], [1, 2, 3, 4, 5]) == \
        pytest.approx(1 - 0.0625 / 0.75)
    assert quadratic_weighted_kappa([1, 2, 3], [1, 2, 3], [1, 2, 3]) == pytest.approx(1.0)
    # A constant prediction carries no information: expected == observed disagreement.
    assert quadratic_weighted_kappa([1, 2, 3], [2, 2, 2], [1, 2, 3]) == pytest.approx(0.0)
    # Fully reversed order is worse than chance.
    assert quadratic_weighted_kappa([1, 3], [3, 1], [1, 2, 3]) == pytest.approx(-1.0)


def test_ranking_metrics() -> None:
    ranked = ["a", "b", "c"]
    assert recall_at_k(ranked, "b", 1) == 0.0
    assert recall_at_k(ranked, "b", 2) == 1.0
    assert recall_at_k(ranked, {"c", "d"}, 2) == 0.0
    assert recall_at_k(ranked, {"c", "d"}, 3) == 0.5
    assert reciprocal_rank(ranked, "c") == pytest.approx(1 / 3)
    assert reciprocal_rank(ranked, ["x", "b"]) == 0.5
    assert reciprocal_rank(ranked, "x") == 0.0
    assert ndcg_at_k(ranked, "a", 10) == 1.0
    assert ndcg_at_k(ranked, "b", 10) == pytest.approx(1 / math.log2(3))  # 0.6309
    assert ndcg_at_k(ranked, "b", 1) == 0.0
    # graded: DCG = 3/log2(2) + 1/log2(4) = 3.5; ideal = 3 + 1/log2(3) = 3.6309
    assert ndcg_at_k(ranked, {"a": 3, "c": 1}, 3) == pytest.approx(0.963940, abs=1e-6)
    # a repeated id counts once
    assert ndcg_at_k(["b", "b"], "b", 2) == 1.0


def test_triage_rates_directions() -> None:
    rates = triage_rates([1, 2, 3, 4, 5, None], [2, 2, 3, 5, 4, 3])
    assert rates == {
        "n": 5, "n_missing": 1,
        "accuracy": pytest.approx(0.4),
        "under_triage": pytest.approx(0.4),   # 1->2 and 4->5: less urgent than gold
        "over_triage": pytest.approx(0.2),    # 5->4
        "within_one": 1.0,
        "high_acuity_sensitivity": 1.0,        # gold 1 and 2 both predicted 1-2
        "high_acuity_n": 2,
    }
    assert triage_rates([1, 2], [3, 2])["high_acuity_sensitivity"] == 0.5


def test_seeded_subset_reproducible_and_ordered() -> None:
    items = list(range(10))
    assert seeded_subset(items, 3, 0) == [0, 6, 9]
    assert seeded_subset(items, 3, 0) == seeded_subset(items, 3, 0)
    assert seeded_subset(items, 3, 1) != seeded_subset(items, 3, 0)
    assert seeded_subset(items, None, 0) == items
    assert seeded_subset(items, 50, 0) == items
    sub = seeded_subset(items, 5, 7)
    assert sub == sorted(sub) and len(set(sub)) == 5
