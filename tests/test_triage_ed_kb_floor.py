"""Issue 21 (safety): in the ``ed`` setting a knowledge-base emergency or urgent match is a
floor, as red flags are: the learned model cannot grade it less urgent than the front door
would, and the reasons name the condition that set the floor."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from assistant.config import Settings
from assistant.triage import Triager
from assistant.triage.model import Estimate
from assistant.triage.parse import Presentation


def _fixed(acuity: int):
    """An estimator that always says ``acuity`` (stands in for the KTAS-trained model)."""
    def estimate(ps: Sequence[Presentation]) -> list[Estimate]:
        probs = tuple(1.0 if i + 1 == acuity else 0.0 for i in range(5))
        return [Estimate(acuity, probs) for _ in ps]
    return estimate


@pytest.fixture
def no_llm(settings_tmp: Settings) -> Settings:
    return settings_tmp.model_copy(update={"use_llm": False})


def _ed(settings: Settings, text: str, model_says: int):
    return Triager(settings, estimator=_fixed(model_says)).triage(
        {"id": "e", "text": text, "setting": "ed"}, narrative=False)


@pytest.mark.parametrize("model_says", [3, 4, 5])
def test_appendicitis_with_guarding_is_an_emergency_in_the_ed(no_llm: Settings,
                                                              model_says: int) -> None:
    # No red flag fires on this wording; before the fix the ED answered the model's level.
    rec = _ed(no_llm, "right lower quadrant pain with guarding and rebound", model_says)
    assert rec.red_flags == []
    assert (rec.acuity, rec.level, rec.condition) == (2, "emergency", "appendicitis")
    assert any(r.startswith("Knowledge-base floor:") and "possible appendicitis" in r
               and r.endswith("acuity at most 2") for r in rec.reasons)
    assert "knowledge-base floor: possible appendicitis" in rec.reasons[-1]


def test_ed_and_primary_care_agree_on_a_kb_emergency(no_llm: Settings) -> None:
    text = "right lower quadrant pain with guarding and rebound"
    pc = Triager(no_llm, estimator=_fixed(5)).triage(
        {"id": "p", "text": text, "setting": "primary_care"}, narrative=False)
    assert _ed(no_llm, text, 4).acuity <= pc.acuity == 2


def test_kb_urgent_is_at_most_3_in_the_ed(no_llm: Settings) -> None:
    rec = _ed(no_llm, "40-year-old with a swollen, painful left calf 5 days after a "
                      "long-haul flight.", 5)
    assert rec.red_flags == []
    assert (rec.acuity, rec.level, rec.condition) == (3, "urgent", "deep vein thrombosis")
    assert any("possible deep vein thrombosis" in r and r.endswith("acuity at most 3")
               for r in rec.reasons)


def test_more_urgent_model_estimate_still_wins(no_llm: Settings) -> None:
    rec = _ed(no_llm, "40-year-old with a swollen, painful left calf after a long-haul "
                      "flight.", 1)
    assert rec.acuity == 1


@pytest.mark.parametrize("model_says", [3, 4, 5])
def test_no_kb_match_leaves_the_ed_level_unchanged(no_llm: Settings, model_says: int) -> None:
    rec = _ed(no_llm, "sore toe", model_says)
    assert (rec.acuity, rec.condition) == (model_says, None)
    assert not any(r.startswith("Knowledge-base floor") for r in rec.reasons)


def test_routine_kb_match_is_not_an_ed_floor(no_llm: Settings) -> None:
    # A routine (or self-care) pattern does not raise the ED level: the model grades those.
    rec = _ed(no_llm, "60-year-old with blood pressure 150/95 at a pharmacy check, "
                      "no symptoms.", 5)
    assert rec.acuity == 5
    assert not any(r.startswith("Knowledge-base floor") for r in rec.reasons)
