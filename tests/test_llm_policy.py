"""The per-task LLM policy (issue 17): auto is off for the embedded model, on for a chosen one."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings, load_settings
from assistant.errors import ConfigError
from assistant.llm.policy import LLM_TASKS, policy_table

ALL_OFF = dict.fromkeys(LLM_TASKS, False)
ALL_ON = dict.fromkeys(LLM_TASKS, True)


def test_embedded_model_uses_the_llm_nowhere() -> None:
    assert policy_table(Settings()) == ALL_OFF


def test_a_chosen_model_or_server_turns_every_task_on(tmp_path: Path) -> None:
    assert policy_table(Settings(model_path=tmp_path)) == ALL_ON
    assert policy_table(Settings(backend="openai")) == ALL_ON
    assert policy_table(Settings(backend="openai", use_llm=False)) == ALL_OFF


def test_explicit_settings_win() -> None:
    s = load_settings(None, {"llm": {"extraction": "on", "general": "on"}}, environ={})
    assert policy_table(s) == {"extraction": True, "triage_narrative": False,
                               "literature_rephrase": False, "general": True}
    served = load_settings(None, {"backend": "openai", "llm": {"triage_narrative": "off"}},
                           environ={})
    assert served.llm_for("triage_narrative") is False and served.llm_for("extraction")


def test_older_switches_still_count() -> None:
    s = load_settings(None, {"triage": {"narrative": "on"}, "literature": {"rephrase": True}},
                      environ={})
    assert s.llm_for("triage_narrative") and s.llm_for("literature_rephrase")
    served = load_settings(None, {"backend": "openai", "triage": {"narrative": "off"}},
                           environ={})
    assert served.llm_for("triage_narrative") is False


def test_unknown_task_and_value_are_errors() -> None:
    with pytest.raises(ValueError, match="unknown LLM task"):
        Settings().llm_for("summaries")
    with pytest.raises(ConfigError, match="llm.extraction"):
        load_settings(None, {"llm": {"extraction": "maybe"}}, environ={})
    with pytest.raises(ConfigError, match="llm.engin"):
        load_settings(None, {"llm": {"engin": "ct2"}}, environ={})


def test_triager_and_extractor_ask_the_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.extract.pipeline import Extractor
    from assistant.triage import Triager

    assert Triager(Settings()).narrative_on is False
    on = load_settings(None, {"llm": {"triage_narrative": "on"}}, environ={})
    assert Triager(on).narrative_on is True
    # Extraction: the LLM merge runs only when the policy says so (here: never loaded).
    calls: list[str] = []
    monkeypatch.setattr(Extractor, "_merge_llm", lambda self, text, rec: calls.append(text))
    note = "Metformin 500 mg PO BID for type 2 diabetes."
    Extractor(Settings()).extract(note, "n")
    assert calls == []
    Extractor(load_settings(None, {"llm": {"extraction": "on"}}, environ={})).extract(note, "n")
    assert calls == [note]
