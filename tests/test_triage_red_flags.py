"""Red-flag rules: each fires on its presentation, with evidence, and not when negated."""

from __future__ import annotations

import pytest

from assistant.clinical.context import clause_negated as is_negated
from assistant.triage.parse import parse_case
from assistant.triage.red_flags import find_red_flags


def _flags(text: str, **extra: object) -> dict[str, tuple[int, str]]:
    return {h.name: (h.acuity, h.evidence)
            for h in find_red_flags(parse_case({"id": "t", "text": text, **extra}))}


@pytest.mark.parametrize(("text", "name", "acuity"), [
    ("55M chest pain radiating to the jaw, sweaty", "chest pain with cardiac features", 2),
    ("sudden facial droop and slurred speech", "stroke signs (FAST)", 2),
    ("bee sting, now tongue swelling and wheezing", "anaphylaxis", 2),
    ("fever and rigors, on chemotherapy", "sepsis", 2),
    ("struggling to breathe, lips turning blue", "respiratory distress", 2),
    ("new confusion since this morning", "altered mental status", 2),
    ("deep cut, bleeding heavily, won't stop bleeding", "severe bleeding", 2),
    ("says he wants to kill himself", "suicidality or self-harm", 2),
    ("12 weeks pregnant with vaginal bleeding", "pregnancy with bleeding or pain", 2),
    ("headache, fever and neck stiffness", "meningism", 2),
    ("14-year-old boy with sudden testicular pain", "possible testicular torsion", 2),
    ("took 20 sleeping tablets an hour ago", "overdose or poisoning", 2),
    ("pedestrian struck by a car at speed", "major trauma mechanism", 2),
    ("abdominal pain with guarding and rebound", "severe abdominal pain with peritonism", 2),
    ("not breathing, no pulse", "cardiac or respiratory arrest", 1),
    ("new weakness of both legs and saddle numbness", "possible spinal cord compression", 2),
    ("splashed a chemical in his eye at work", "chemical burn or eye exposure", 2),
    ("painful erection for 5 hours", "priapism", 2),
    ("left chest pain since this morning", "chest pain", 3),
    ("pain, chest", "chest pain", 3),
    ("short of breath for two days", "shortness of breath", 3),
])
def test_rule_fires(text: str, name: str, acuity: int) -> None:
    flags = _flags(text)
    assert name in flags, flags
    assert flags[name][0] == acuity
    assert flags[name][1] and flags[name][1].lower() in text.lower()


def test_specific_rule_subsumes_generic() -> None:
    flags = _flags("chest pain radiating to the jaw")
    assert "chest pain with cardiac features" in flags and "chest pain" not in flags


def test_infant_fever_needs_infant_age() -> None:
    assert "fever in an infant under 3 months" in _flags("fever since last night", age=0.1)
    assert "fever in an infant under 3 months" not in _flags("fever since last night", age=4)


def test_escalation_with_hypoxia() -> None:
    flags = _flags("severe shortness of breath, SpO2 84% on room air")
    assert flags["respiratory distress with hypoxia or shock"][0] == 1
    assert "respiratory distress" not in flags  # reported once, at the more urgent level


@pytest.mark.parametrize("text", [
    "denies chest pain, cough for 3 days",
    "no chest pain or shortness of breath; sore throat",
    "headache without fever, no neck stiffness",
    "no suicidal thoughts, feels low",
    "chest pain: none. Sore knee.",
    "not pregnant, no vaginal bleeding, back ache",
])
def test_negated_findings_do_not_fire(text: str) -> None:
    assert _flags(text) == {}


def test_negation_scope_ends_at_but() -> None:
    text = "no fever but chest pain radiating to the left arm"
    start = text.index("chest pain")
    assert not is_negated(text, start, start + len("chest pain"))
    assert "chest pain with cardiac features" in _flags(text)


def test_seizure_now_alert_is_urgent_not_emergent() -> None:
    flags = _flags("had a seizure at home, now back to normal", vitals={"avpu": "A"})
    assert flags == {"seizure or loss of consciousness, now alert": (3, "seizure")}
    assert "altered mental status" in _flags("had a seizure at home")
