"""Cold starts (issue 17): a free-text triage loads no model library; the cold benchmark's
subprocess probes and the LLM-gain report's table."""

from __future__ import annotations

from eval import bench_cold
from eval.llm_gain import render_md


def test_config_probe_imports_nothing_heavy() -> None:
    r = bench_cold.probe("config")
    assert "error" not in r, r
    assert r["heavy"] == [] and r["wall_s"] >= r["import_s"] + r["load_s"]


def test_free_text_triage_loads_no_model_library() -> None:
    # A free-text case is triaged for primary care: knowledge base, red flags and floors only,
    # so torch, transformers, sentence-transformers and medspaCy must stay unloaded.
    r = bench_cold.probe("triager_free_text")
    assert "error" not in r, r
    assert r["heavy"] == []


def test_time_command_reports_failure() -> None:
    ok = bench_cold.time_command(["-c", "pass"])
    assert ok["rc"] == 0 and "error" not in ok
    bad = bench_cold.time_command(["-c", "raise SystemExit('no such model')"])
    assert bad["rc"] == 1 and bad["error"] == "no such model"


def test_gain_table_marks_policy_against_measurement() -> None:
    report = {"model": "m", "created_at": "t", "loadavg": "1.0", "tasks": {
        "extraction": {"metric": "entity_micro_f1", "items": 4, "rules": 0.9, "llm": 0.9,
                       "gain": 0.0, "rules_s_per_item": 0.1, "llm_s_per_item": 14.0,
                       "policy_uses_llm": False, "policy_follows_measurement": True},
        "general": {"error": "SuiteSkipped: x", "policy_uses_llm": False}}}
    md = render_md(report)
    assert "| extraction | entity_micro_f1 | 4 | 0.900 | 0.900 | +0.000 | 0.10 | 14.00 | " \
           "False | True |" in md
    assert "| general | error: SuiteSkipped: x |" in md
