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


DVT = "40-year-old with a swollen, painful left calf 5 days after a long-haul flight."


def test_kb_urgent_is_never_non_urgent_in_the_ed(no_llm: Settings) -> None:
    # A same-day need is met at ED level 4; it may never be 5 (setting.ED_FLOOR_ACUITY).
    rec = _ed(no_llm, DVT, 5)
    assert rec.red_flags == []
    assert (rec.acuity, rec.condition) == (4, "deep vein thrombosis")
    assert any("possible deep vein thrombosis" in r and "acuity at most 4" in r
               for r in rec.reasons)
    assert "knowledge-base floor: possible deep vein thrombosis" in rec.reasons[-1]


@pytest.mark.parametrize("model_says", [2, 3, 4])
def test_kb_urgent_keeps_the_model_level_up_to_4(no_llm: Settings, model_says: int) -> None:
    assert _ed(no_llm, DVT, model_says).acuity == model_says


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


# ---- hypertensive_emergency: a seizure is not the end-organ sign (KTAS dev ktas-18) ----

@pytest.mark.parametrize("setting", ["ed", "primary_care"])
def test_seizure_now_alert_with_raised_systolic_is_not_a_hypertensive_emergency(
        no_llm: Settings, setting: str) -> None:
    # A seizure raises the blood pressure itself (post-ictal); the seizure red flag grades it.
    rec = Triager(no_llm, estimator=_fixed(3)).triage(
        {"id": "s", "text": "seizure", "setting": setting, "vitals": {
            "systolic_bp": 185, "diastolic_bp": 95, "heart_rate": 100, "avpu": "A"}},
        narrative=False)
    assert rec.condition is None and rec.acuity == 3
    assert rec.red_flags == ["seizure or loss of consciousness, now alert"]


@pytest.mark.parametrize("setting", ["ed", "primary_care"])
@pytest.mark.parametrize("text", [
    "my BP is 210/125 and I've had a fit and I'm confused",
    "34 weeks pregnant, had a fit, blood pressure 170/115",
    "had a seizure, blood pressure 220/130",
    "severe headache and blurred vision, blood pressure 220/130",
    "I've got a banging headache and my blood pressure is 200/120",
])
def test_hypertensive_and_seizure_emergencies_stay_emergencies(no_llm: Settings, text: str,
                                                               setting: str) -> None:
    rec = Triager(no_llm, estimator=_fixed(4)).triage(
        {"id": "h", "text": text, "setting": setting}, narrative=False)
    assert rec.acuity <= 2


# An entry's own ``ed_acuity``: A&E is the place of care for a closed deformed fracture or a
# dislocation (reduction), but in the ED they are ESI level 3, not high-risk (ESI Handbook v4);
# open or pulseless injuries stay level 2 (fracture_open_or_ischaemic).
DEFORMED = "30-year-old fell on an outstretched hand; the wrist is visibly deformed and very painful."
OPEN = "30-year-old fell off a ladder; the bone is sticking out of the skin of his shin."
PULSELESS = "25-year-old fell skiing; the knee is deformed, the foot is cold, pale and has no pulse."


@pytest.mark.parametrize("model_says", [4, 5])
def test_deformed_closed_fracture_is_level_3_in_the_ed(no_llm: Settings, model_says: int) -> None:
    rec = _ed(no_llm, DEFORMED, model_says)
    assert (rec.acuity, rec.condition) == (3, "fracture with deformity")
    assert any(r.startswith("Knowledge-base floor:") and "acuity at most 3 in the emergency "
               "department" in r for r in rec.reasons)


def test_ed_acuity_is_a_floor_not_a_cap(no_llm: Settings) -> None:
    # the model (or a red flag) may still grade it more urgent
    assert _ed(no_llm, DEFORMED, 2).acuity == 2


@pytest.mark.parametrize("text", [OPEN, PULSELESS])
def test_open_or_pulseless_injury_is_level_2_in_the_ed(no_llm: Settings, text: str) -> None:
    rec = _ed(no_llm, text, 4)
    assert rec.acuity <= 2
    # third review (h-trifix3): the record names the entry only when it explains the level;
    # "no pulse" also fires the arrest red flag (acuity 1), which the level-2 entry does not explain
    expected = ("open fracture, femoral shaft fracture, or injured limb with "
                "neurovascular compromise") if rec.acuity == 2 else None
    assert rec.condition == expected


def test_deformed_fracture_stays_an_emergency_at_the_front_door(no_llm: Settings) -> None:
    # ed_acuity changes the ED floor only: in primary care A&E is still the disposition
    rec = Triager(no_llm, estimator=_fixed(5)).triage(
        {"id": "p", "text": DEFORMED, "setting": "primary_care"}, narrative=False)
    assert (rec.acuity, rec.level) == (2, "emergency")


def test_dislocation_is_level_3_in_the_ed(no_llm: Settings) -> None:
    rec = _ed(no_llm, "19-year-old who fell while climbing; the shoulder has lost its rounded "
              "contour and he cannot move it.", 5)
    assert (rec.acuity, rec.condition) == (3, "joint dislocation")


@pytest.mark.parametrize("disposition,value", [("routine", 3), ("emergency", 5),
                                               ("emergency", "3"), ("urgent", 0)])
def test_ed_acuity_is_checked_on_load(disposition: str, value: object) -> None:
    from assistant.errors import ConfigError
    from assistant.triage.knowledge import parse_entry
    raw = {"id": "x", "condition": "x", "disposition": disposition, "why": "w", "source": "s",
           "all": [["alpha"], ["beta"]], "example": "alpha beta", "near_miss": "alpha",
           "ed_acuity": value}
    with pytest.raises(ConfigError, match="ed_acuity"):
        parse_entry(raw, {})
