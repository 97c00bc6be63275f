"""eval.compare: two runs agree unless a metric or a per-example result differs."""

from __future__ import annotations

import json
from pathlib import Path

from eval.compare import compare_runs, diff_values, main


def _run(root: Path, metrics: dict, rows: list[dict], latency: float = 0.1) -> Path:
    suite = root / "triage"
    suite.mkdir(parents=True)
    (suite / "report.json").write_text(json.dumps({
        "status": "ok", "n_examples": len(rows), "n_errors": 0, "metrics": metrics,
        "started_at": str(latency), "timing": {"total_s": latency}}))
    (suite / "results.jsonl").write_text(
        "".join(json.dumps({**r, "_latency_s": latency}) + "\n" for r in rows))
    return root


def test_timing_differences_are_not_differences(tmp_path: Path) -> None:
    a = _run(tmp_path / "a", {"accuracy": 0.524}, [{"id": "c1", "pred": 2}], latency=0.1)
    b = _run(tmp_path / "b", {"accuracy": 0.524}, [{"id": "c1", "pred": 2}], latency=9.0)
    assert compare_runs(a, b) == {"triage": []}
    assert main([str(a), str(b)]) == 0


def test_a_changed_prediction_is_reported_with_its_path(tmp_path: Path) -> None:
    a = _run(tmp_path / "a", {"accuracy": 0.524}, [{"id": "c1", "pred": 2}, {"id": "c2", "pred": 3}])
    b = _run(tmp_path / "b", {"accuracy": 0.525}, [{"id": "c1", "pred": 2}, {"id": "c2", "pred": 4}])
    assert compare_runs(a, b)["triage"] == ["metrics.accuracy: 0.524 != 0.525",
                                            "results[1].pred: 3 != 4"]
    assert main([str(a), str(b)]) == 1


def test_tolerance_and_missing_keys() -> None:
    assert diff_values({"x": 1.0}, {"x": 1.0004}, tolerance=0.001) == []
    assert diff_values({"x": 1.0}, {"x": 1.01}, tolerance=0.001) == ["x: 1.0 != 1.01"]
    assert diff_values({"x": 1}, {"y": 1}) == ["x: only in before", "y: only in after"]
    assert diff_values([1, 2], [1]) == [": 2 items != 1 items"]
