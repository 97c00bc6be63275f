"""The triage eval suite's aggregation, pinned on a hand-made result list."""

from __future__ import annotations

import json

import pytest

from eval.common import eval_data_dir
from eval.triage import aggregate


def test_aggregate_rates_and_confusion() -> None:
    # gold/pred: (2,2) exact, (2,3) under, (4,3) over, (5,5) exact
    results = [{"source": "vignettes", "id": str(i), "gold": g, "pred": p, "red_flags": []}
               for i, (g, p) in enumerate([(2, 2), (2, 3), (4, 3), (5, 5)])]
    out = aggregate(results)
    m = out["metrics"]
    assert m["vignettes.accuracy"] == pytest.approx(0.5)
    assert m["vignettes.under_triage"] == pytest.approx(0.25)
    assert m["vignettes.over_triage"] == pytest.approx(0.25)
    assert m["vignettes.high_acuity_sensitivity"] == pytest.approx(0.5)
    cm = out["tables"]["vignettes_confusion"]
    assert cm[1] == {"gold": 2, "pred 1": 0, "pred 2": 1, "pred 3": 1, "pred 4": 0, "pred 5": 0}
    assert [r["id"] for r in out["tables"]["vignette_misses"]] == ["1", "2"]


def test_vignettes_are_well_formed() -> None:
    rows = [json.loads(line) for line in
            (eval_data_dir() / "triage_vignettes.jsonl").read_text().splitlines() if line.strip()]
    assert len(rows) >= 30
    levels = {1: "emergency", 2: "emergency", 3: "urgent", 4: "routine", 5: "self_care"}
    for r in rows:
        assert r["text"] and r["why"]
        assert levels[r["expected_acuity"]] == r["expected_level"]
    assert {r["expected_level"] for r in rows} == set(levels.values())
