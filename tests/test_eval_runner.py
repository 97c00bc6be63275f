"""The eval runner end to end: a toy suite, the medqa suite on 3 items with a tiny model,
``--suite a,b`` with a missing suite, and report rendering."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.config import Settings
from eval import common, report
from eval.metrics import accuracy, seeded_subset

MEDQA_ROWS = [
    {"realidx": 10, "question": "Which vitamin deficiency causes scurvy?", "answer_idx": "B",
     "options": {"A": "Vitamin A", "B": "Vitamin C", "C": "Vitamin D", "D": "Vitamin K"},
     "meta_info": "step1"},
    {"realidx": 11, "question": "Which organ produces insulin?", "answer_idx": "A",
     "options": {"A": "Pancreas", "B": "Liver", "C": "Kidney", "D": "Spleen"},
     "meta_info": "step1"},
    {"realidx": 12, "question": "First-line drug for anaphylaxis?", "answer_idx": "D",
     "options": {"A": "Cetirizine", "B": "Prednisone", "C": "Salbutamol", "D": "Adrenaline"},
     "meta_info": "step2&3"},
    {"realidx": 13, "question": "Normal adult resting heart rate range?", "answer_idx": "C",
     "options": {"A": "20-40", "B": "40-50", "C": "60-100", "D": "120-160"},
     "meta_info": "step1"},
]


def _toy_module() -> types.ModuleType:
    """A suite whose runner fails on one example and whose aggregate cannot take failures."""
    mod = types.ModuleType("eval.toy_suite")
    mod.NAME = "toy_suite"

    def load_examples(data_dir: Path, *, limit: int | None = None, seed: int = 0) -> list[dict]:
        items = [{"id": f"t{i}", "x": i, "gold": i % 2} for i in range(6)]
        return seeded_subset(items, limit, seed)

    def make_runner(settings: Settings):
        def fn(ex: dict) -> dict:
            if ex["x"] == 5:
                raise RuntimeError("boom")
            return {"id": ex["id"], "gold": ex["gold"], "pred": 0}
        return fn

    def aggregate(results: list[dict]) -> dict:
        return {"metrics": {"accuracy": accuracy([r["gold"] for r in results],
                                                 [r["pred"] for r in results]),
                            "n": len(results)},
                "tables": {"rows": [{"id": r["id"], "pred": r["pred"]} for r in results]}}

    mod.load_examples, mod.make_runner, mod.aggregate = load_examples, make_runner, aggregate
    return mod


@pytest.fixture
def toy_suite(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(sys.modules, "eval.toy_suite", _toy_module())
    return "toy_suite"


def test_run_suite_records_failures_and_writes_reports(toy_suite: str, tmp_path: Path,
                                                       settings_tmp: Settings) -> None:
    # seed 0, limit 4 of 6 -> indices [0, 1, 3, 5]; x=5 raises; golds 0,1,1 -> accuracy 1/3
    rep = common.run_suite(toy_suite, settings_tmp, data_dir=tmp_path, limit=4, seed=0,
                           out_dir=tmp_path / "out")
    assert rep["status"] == "ok"
    assert rep["n_examples"] == 4 and rep["n_errors"] == 1
    assert rep["errors"] == [{"id": "t5", "error": "RuntimeError: boom"}]
    assert rep["metrics"] == {"accuracy": pytest.approx(1 / 3), "n": 3}
    assert "left out 1 failed" in rep["note"]
    assert rep["headline"] == {"accuracy": pytest.approx(1 / 3)}  # counts are not headlines
    out = tmp_path / "out"
    saved = json.loads((out / "report.json").read_text())
    assert saved["metrics"]["n"] == 3 and saved["timing"]["total_s"] >= 0
    lines = (out / "results.jsonl").read_text().splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["t0", "t1", "t3", "t5"]
    md = (out / "report.md").read_text()
    assert "| accuracy | 0.333 |" in md and "RuntimeError: boom" in md
    assert (out / "latency.png").stat().st_size > 0 and (out / "metrics.png").is_file()


def test_missing_suite_is_reported(tmp_path: Path, settings_tmp: Settings) -> None:
    with pytest.raises(common.SuiteMissing):
        common.load_suite("no_such_suite")
    with pytest.raises(common.SuiteError):
        common.load_suite("metrics")  # a module, but not a suite


def _write_medqa(tmp_path: Path) -> Path:
    path = tmp_path / "medqa.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in MEDQA_ROWS))
    return path


def test_medqa_suite_three_items_end_to_end(tmp_path: Path, tiny_llm_dir: Path,
                                            settings_tmp: Settings) -> None:
    from eval import medqa

    data = _write_medqa(tmp_path)
    settings = settings_tmp.model_copy(update={"model_path": tiny_llm_dir})
    rep = common.run_suite("medqa", settings, data_dir=data, limit=3, seed=0,
                           out_dir=tmp_path / "medqa")
    assert rep["n_examples"] == 3 and rep["n_errors"] == 0
    m = rep["metrics"]
    assert m["chance"] == 0.25 and m["invalid_rate"] == 0.0 and m["n"] == 3
    assert m["accuracy"] in (0.0, 1 / 3, 2 / 3, 1.0)
    rows = [json.loads(x) for x in (tmp_path / "medqa" / "results.jsonl").read_text().split("\n")
            if x]
    assert all(r["pred"] in "ABCD" and set(r["scores"]) == set("ABCD") for r in rows)
    # the predicted letter is the arg-max of the letter scores
    assert all(max(r["scores"], key=r["scores"].get) == r["pred"] for r in rows)
    assert (tmp_path / "medqa" / "confusion.png").is_file()
    assert medqa.parse_letter("The answer is (C).", list("ABCD")) == "C"
    assert medqa.parse_letter("no idea", list("ABCD")) is None


def test_run_cli_several_suites_with_a_missing_one(tmp_path: Path, tiny_llm_dir: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from eval import run

    data = _write_medqa(tmp_path)
    out = tmp_path / "all"
    monkeypatch.setattr(sys, "argv", [
        "eval.run", "--suite", "medqa,no_such_suite", "--data", str(data), "--limit", "2",
        "--out", str(out), "--in-process", "--model", str(tiny_llm_dir), "--device", "cpu",
        "--set", f"cache_dir={tmp_path / 'cache'}"])
    assert run.main() == 1  # one suite is missing
    summary = json.loads((out / "summary.json").read_text())
    status = {r["suite"]: r["status"] for r in summary["suites"]}
    assert status == {"medqa": "ok", "no_such_suite": "missing"}
    assert summary["suites"][0]["n_examples"] == 2
    md = (out / "summary.md").read_text()
    assert "| medqa | ok | 2 | 0 |" in md and "no module eval/no_such_suite.py" in md
    assert (out / "medqa" / "report.md").is_file()


def test_report_helpers() -> None:
    assert report.fmt(0.12345) == "0.123" and report.fmt(12) == "12" and report.fmt(None) == "-"
    metrics = {"n": 10, "micro_f1": 0.5, "gold_count": 4, "recall@5": 0.9}
    assert report.headline(metrics) == {"micro_f1": 0.5, "recall@5": 0.9}
    assert report.headline(metrics, ["recall@5", "absent"]) == {"recall@5": 0.9}
    old = {"suite": "s", "metrics": {"acc": 0.5}}
    new = {"suite": "s", "metrics": {"acc": 0.75, "f1": 0.1}}
    table = report.compare_markdown(old, new)
    assert "| s.acc | 0.500 | 0.750 | 0.250 |" in table and "| s.f1 | - | 0.100 | - |" in table
    assert common.percentile([1, 2, 3, 4], 50) == 2.5
    assert common.percentile([], 95) == 0.0


def test_merge_into_summary_and_skip_lm_suite_without_llm(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from eval import run

    out = tmp_path / "quick"
    out.mkdir()
    old_row = {"suite": "triage", "status": "ok", "n_examples": 20, "n_errors": 0,
               "headline": {"ktas.accuracy": 0.5}, "metrics": {"ktas.accuracy": 0.5},
               "total_s": 3.0}
    (out / "summary.json").write_text(json.dumps({"command": "python -m eval.run --suite all",
                                                  "suites": [old_row]}))
    monkeypatch.setattr(sys, "argv", [
        "eval.run", "--suite", "medqa", "--merge", "--no-llm", "--in-process",
        "--data", str(_write_medqa(tmp_path)), "--out", str(out),
        "--set", f"cache_dir={tmp_path / 'cache'}"])
    assert run.main() == 0  # skipped is not a failure
    summary = json.loads((out / "summary.json").read_text())
    assert [(r["suite"], r["status"]) for r in summary["suites"]] == [("triage", "ok"),
                                                                       ("medqa", "skipped")]
    assert summary["command"].startswith("python -m eval.run --suite all; then ")
    assert "| triage | ok | 20 | 0 | ktas.accuracy 0.500 |" in (out / "summary.md").read_text()


def test_hiding_searcher_removes_the_source_and_reranks() -> None:
    from eval.pubmedqa import HidingSearcher
    from index.search import DocHit

    class Fixed:
        def search(self, query: str, k: int = 10, mode: str = "hybrid") -> list[DocHit]:
            ranks = {"a": {"bm25": 2, "dense": 1}, "src": {"bm25": 1, "dense": 2},
                     "b": {"dense": 3}}
            return [DocHit(d, "", 1.0, d, d, {}, dict(r)) for d, r in ranks.items()][:k]

    hiding = HidingSearcher(Fixed())
    assert [h.doc_id for h in hiding.search("q", k=2)] == ["a", "src"]  # nothing hidden
    hiding.hidden = "src"
    hits = hiding.search("q", k=2)
    # without "src", "a" is first under both retrievers and "b" moves up one dense place
    assert [(h.doc_id, h.ranks) for h in hits] == [("a", {"bm25": 1, "dense": 1}),
                                                   ("b", {"dense": 2})]
    assert [h.score for h in hits] == [1.0, 1.0]  # no fusion settings: scores left alone

    class Fused(Fixed):
        config = SimpleNamespace(search=SimpleNamespace(rrf_k=60.0, bm25_weight=1.0,
                                                        dense_weight=0.5))

    hiding = HidingSearcher(Fused())
    hiding.hidden = "src"
    # RRF from the shifted ranks: a = 1/61 + 0.5/61, b = 0.5/62
    assert [h.score for h in hiding.search("q", k=2)] == [1 / 61 + 0.5 / 61, 0.5 / 62]
