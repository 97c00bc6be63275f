"""Review 3 of the ED knowledge-base floor (issue 21): an entry's ED level 3 (a closed
deformed fracture, a dislocation) must never hide a high-risk sign that comes with it, in
any wording, and the seizure change must not lose eclampsia or hypertensive emergencies.
Each case was graded 3 (urgent) by cfdcc6c; expected levels by hand from ESI Handbook v4 /
NICE NG37 (neurovascular compromise, open and femoral fractures), NICE CG124 (hip fracture),
NICE NG133 (severe hypertension after birth) and NICE NG136 (BP >= 180/120 with visual
change)."""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.errors import ConfigError
from assistant.triage import Triager
from assistant.triage.knowledge import parse_entry


@pytest.fixture(scope="module")
def triager() -> Triager:
    return Triager(load_settings(None, {"use_llm": False}, environ={}))


EMERGENCIES = [
    "Fell off a bike, deformed lower leg, his toes are numb.",
    "Fell, ankle at a funny angle, foot is pale and cold.",
    "Fell, deformed ankle, weak pulse in the foot.",
    "Fell on his arm, elbow dislocated, he can't feel his fingers.",
    "Dislocated knee after a fall, absent foot pulses.",
    "Knee dislocated in a rugby tackle, foot is cold, pale.",
    "85-year-old fell at home, cannot weight bear, hip at a strange angle.",
    "79-year-old slipped in the bathroom, hip looks deformed, cannot get off the floor.",
    "32-year-old with epilepsy, gave birth 3 days ago, had a seizure, now alert and oriented, "
    "BP 185/115.",
    "Had a seizure, now alert and oriented, BP 190/110, says vision is blurry.",
    "Fell, the bone is sticking through the skin of his shin.",
    "Fell, tibia fracture, skin broken over the fracture with bone showing.",
    "Fell, femur fracture, thigh deformed and swollen.",
]


@pytest.mark.parametrize("setting", ["ed", "primary_care"])
@pytest.mark.parametrize("text", EMERGENCIES)
def test_high_risk_sign_with_a_deformity_stays_an_emergency(triager: Triager, text: str,
                                                            setting: str) -> None:
    rec = triager.triage({"id": "r", "text": text, "setting": setting}, narrative=False)
    assert rec.acuity <= 2, (setting, text, rec.acuity, rec.condition)


@pytest.mark.parametrize("text", [
    # carpal tunnel: a numb hand with no injury is not a neurovascular emergency
    "45-year-old with a numb hand at night for 3 months, worse typing.",
    # a birth ten years ago is history, not the postpartum period
    "40-year-old gave birth to her second child 10 years ago, now mild tummy ache after curry.",
])
def test_near_misses_stay_routine(triager: Triager, text: str) -> None:
    rec = triager.triage({"id": "n", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity == 4, (text, rec.acuity, rec.condition, rec.red_flags)


def test_closed_deformity_reason_says_why_level_3(triager: Triager) -> None:
    rec = triager.triage({"id": "d", "text": "30-year-old fell on an outstretched hand; the "
                          "wrist is visibly deformed and very painful.", "setting": "ed"},
                         narrative=False)
    assert rec.acuity == 3
    assert any("acuity at most 3 in the emergency department" in r and "ESI level 3" in r
               for r in rec.reasons)


@pytest.mark.parametrize("value", [True, 4])
def test_ed_acuity_rejects_bool_and_non_urgent_emergency(value: object) -> None:
    raw = {"id": "x", "condition": "x", "disposition": "emergency", "why": "w", "source": "s",
           "all": [["alpha"], ["beta"]], "example": "alpha beta", "near_miss": "alpha",
           "ed_acuity": value}
    with pytest.raises(ConfigError, match="ed_acuity"):
        parse_entry(raw, {})
