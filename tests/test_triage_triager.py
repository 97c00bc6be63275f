"""The Triager: floors can only raise urgency; the LLM cannot change or contradict the level."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from assistant.config import Settings, TriageConfig
from assistant.errors import StructuredOutputError
from assistant.schema import level_for_acuity
from assistant.triage import Triager
from assistant.triage.advice import SAFETY_NET, contradicts
from assistant.triage.floors import apply_floor
from assistant.triage.model import Estimate, cost_matrix, decide
from assistant.triage.parse import Presentation


def _fixed(acuity: int):
    """An estimator that always says ``acuity`` (stands in for the learned model)."""
    def estimate(ps: Sequence[Presentation]) -> list[Estimate]:
        probs = tuple(1.0 if i + 1 == acuity else 0.0 for i in range(5))
        return [Estimate(acuity, probs) for _ in ps]
    return estimate


@pytest.fixture
def settings_tmp(settings_tmp: Settings) -> Settings:
    # These tests pin the ED path (learned model + floors): free text without vitals would
    # otherwise be triaged in primary care on the knowledge base (issue 21).
    return settings_tmp.model_copy(update={"triage": TriageConfig(setting="ed")})


@pytest.fixture
def no_llm(settings_tmp: Settings) -> Settings:
    return settings_tmp.model_copy(update={"use_llm": False})


def test_red_flag_is_never_lowered_by_the_model(no_llm: Settings) -> None:
    # Model says 5 (non-urgent); the chest-pain red flag says 2 -> final 2.
    rec = Triager(no_llm, estimator=_fixed(5)).triage(
        {"id": "c1", "text": "crushing chest pain radiating to the left arm, sweaty"})
    assert (rec.acuity, rec.level) == (2, "emergency")
    assert rec.red_flags == ["chest pain with cardiac features"]
    assert any("crushing chest pain" in r for r in rec.reasons)


def test_score_floor_is_never_lowered(no_llm: Settings) -> None:
    rec = Triager(no_llm, estimator=_fixed(5)).triage(
        {"id": "c2", "text": "feels unwell", "vitals": {"respiratory_rate": 24, "spo2": 93,
         "systolic_bp": 105, "heart_rate": 115, "temperature": 38.5, "avpu": "A"}})
    assert rec.scores["news2"] == 8 and rec.acuity == 2  # 2+2+1+2+0+1, NEWS2 >= 7


def test_model_more_urgent_than_floor_wins(no_llm: Settings) -> None:
    rec = Triager(no_llm, estimator=_fixed(1)).triage({"id": "c3", "text": "sore toe"})
    assert rec.acuity == 1 and rec.red_flags == []


@pytest.mark.parametrize("estimate", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("floor", [1, 2, 3, 4, 5])
def test_apply_floor_is_min(estimate: int, floor: int) -> None:
    assert apply_floor(estimate, floor) == min(estimate, floor)


def test_level_follows_acuity_and_self_care_says_when_to_seek_care(no_llm: Settings) -> None:
    for acuity in (1, 2, 3, 4, 5):
        rec = Triager(no_llm, estimator=_fixed(acuity)).triage(
            {"id": "x", "text": "runny nose for two days"})
        assert rec.level == level_for_acuity(rec.acuity)
    assert rec.acuity == 5 and rec.level == "self_care"
    assert "When to seek care" in rec.advice


def test_cost_sensitive_decision_prefers_urgent_when_uncertain() -> None:
    probs = [[0.0, 0.3, 0.0, 0.7, 0.0]]
    assert decide(probs, cost_matrix(1.0, 0.0))[0] == 4  # plain: expected cost 0.9 vs 1.4
    assert decide(probs, cost_matrix(4.0, 0.0))[0] == 2  # 4-2=2 levels under at w=4 -> 2.4


class _FakeBackend:
    """Returns a fixed narrative (stands in for the LLM to test the guard around it)."""

    name = "fake"

    def __init__(self, summary: str, advice: str, fail: bool = False) -> None:
        self.summary, self.advice, self.fail, self.calls = summary, advice, fail, 0

    def generate_json(self, messages, schema, params=None):
        self.calls += 1
        assert "Final level:" in messages[-1]["content"]
        if self.fail:
            raise StructuredOutputError("bad json", "{")
        return schema(summary=self.summary, advice=self.advice)


def test_llm_text_used_when_consistent(settings_tmp: Settings) -> None:
    be = _FakeBackend("Sore throat without red flags.", "Rest and drink fluids.")
    rec = Triager(settings_tmp, be, estimator=_fixed(5)).triage({"id": "l1", "text": "sore throat"})
    assert be.calls == 1 and rec.acuity == 5
    assert rec.reasons[0] == "Summary: Sore throat without red flags."
    assert rec.advice.startswith("Rest and drink fluids.") and SAFETY_NET[5] in rec.advice


@pytest.mark.parametrize(("summary", "advice"), [
    ("Chest pain.", "This is not serious; self-care at home is fine."),
    ("Level 4 case.", "See your GP."),
    ("Chest pain, routine.", "Book a routine appointment in the next few days."),
])
def test_llm_cannot_contradict_or_lower_the_level(settings_tmp: Settings, summary: str,
                                                  advice: str) -> None:
    be = _FakeBackend(summary, advice)
    rec = Triager(settings_tmp, be, estimator=_fixed(5)).triage(
        {"id": "l2", "text": "crushing chest pain radiating to the left arm"})
    assert rec.acuity == 2 and rec.level == "emergency"
    assert not any(r.startswith("Summary:") for r in rec.reasons)
    assert rec.advice.startswith("Emergency:")


def test_narrative_false_gives_the_rules_record_without_calling_the_model(
        settings_tmp: Settings) -> None:
    """``narrative=False`` (the chat's rules-first partial) skips the model on a triager whose
    settings turn the narrative on; ``None`` follows the settings, and ``True`` cannot turn on
    a narrative that the settings turned off."""
    be = _FakeBackend("Sore throat without red flags.", "Rest and drink fluids.")
    t = Triager(settings_tmp, be, estimator=_fixed(5))
    case = {"id": "n1", "text": "sore throat"}
    rules = t.triage(case, narrative=False)
    assert be.calls == 0 and rules.acuity == 5 and rules.narrative_check is None
    assert not any(r.startswith("Summary:") for r in rules.reasons)
    worded = t.triage_many([case], narrative=None)[0]
    assert be.calls == 1 and worded.reasons[0] == "Summary: Sore throat without red flags."
    off = settings_tmp.model_copy(update={"use_llm": False})
    forced = Triager(off, be, estimator=_fixed(5)).triage(case, narrative=True)
    assert be.calls == 1 and forced.reasons == rules.reasons


def test_llm_failure_falls_back_to_rules(settings_tmp: Settings) -> None:
    be = _FakeBackend("", "", fail=True)
    rec = Triager(settings_tmp, be, estimator=_fixed(3)).triage({"id": "l3", "text": "abd pain"})
    assert rec.acuity == 3 and rec.advice.startswith("Urgent:")


def test_contradiction_check() -> None:
    assert contradicts("Go to the emergency department now.", "emergency", 2) is None
    assert contradicts("Rest at home.", "emergency", 2) is not None
    assert contradicts("Call the emergency number if worse.", "self_care", 5) is None
    assert contradicts("This is acuity 3.", "emergency", 2) is not None


@pytest.mark.slow  # ~15 s of generation on a busy 2-core machine
def test_real_local_backend_path_keeps_level(tiny_llm_dir, settings_tmp: Settings) -> None:
    """The real LocalBackend (tiny random llama) through the prompt: whatever it writes, the
    level stays the floor's and the output is a valid record."""
    from assistant.llm import get_backend

    s = settings_tmp.model_copy(update={"model_path": tiny_llm_dir, "use_llm": True})
    s.generation.json_max_new_tokens = 48
    rec = Triager(s, get_backend(s), estimator=_fixed(5)).triage(
        {"id": "t1", "text": "sudden slurred speech and facial droop"})
    assert rec.acuity == 2 and rec.level == "emergency"
    assert rec.reasons and rec.advice
    assert contradicts(rec.advice, "emergency", 2) is None
