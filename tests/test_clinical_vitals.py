"""Vital-sign grammar: pinned values on hand-written notations."""

from __future__ import annotations

import pytest

from assistant.clinical.vitals import find_vitals


def _vals(text: str) -> dict[str, float]:
    return {v.name: v.value for v in find_vitals(text)}


def test_classic_triage_line() -> None:
    text = "BP 162/94, P 68, T 98.4 F, O2 sat 99% RA"
    got = find_vitals(text)
    assert [(v.name, v.value, v.unit) for v in got] == [
        ("systolic_bp", 162.0, "mmHg"), ("diastolic_bp", 94.0, "mmHg"),
        ("heart_rate", 68.0, "bpm"), ("temperature", 36.9, "C"), ("spo2", 99.0, "%"),
    ]
    for v in got:
        assert text[v.span[0]:v.span[1]] == v.raw
    assert got[4].raw == "O2 sat 99% RA"


@pytest.mark.parametrize(("text", "expected"), [
    ("HR 104, RR 22, Temp 38.5 C, SpO2 92% on 2L NC",
     {"heart_rate": 104, "respiratory_rate": 22, "temperature": 38.5, "spo2": 92}),
    ("Wt 180 lbs, Ht 5'10\", BMI 25.8", {"weight": 81.6, "height": 177.8, "bmi": 25.8}),
    ("Blood pressure was 130/85 mmHg, pulse 72, respirations 16, temperature 37.1",
     {"systolic_bp": 130, "diastolic_bp": 85, "heart_rate": 72, "respiratory_rate": 16,
      "temperature": 37.1}),
    ("T 101.2 P 110 R 24 BP 90/60", {"temperature": 38.4, "heart_rate": 110,
                                     "respiratory_rate": 24, "systolic_bp": 90,
                                     "diastolic_bp": 60}),
    ("heart rate of 120 beats per minute, Temp 102.1F, pulse ox 95% on room air",
     {"heart_rate": 120, "temperature": 38.9, "spo2": 95}),
    ("Birth weight 3,200 g, length 50 cm", {"weight": 3.2}),
    ("Weight 70 kg, height 1.75 m", {"weight": 70, "height": 175}),
    ("Her BP is 118/76 mmHg today.", {"systolic_bp": 118, "diastolic_bp": 76}),
    ("T max 39.2 C, HR 96", {"temperature": 39.2, "heart_rate": 96}),
])
def test_notations(text: str, expected: dict[str, float]) -> None:
    assert _vals(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", [
    "G3 P2 at 39 weeks", "Pain 5/10. A&O x3.", "dated 12/15, 2 of 3 pills", "t 99 lowercase",
    "T2DM on metformin", "HR 400",
])
def test_no_false_vitals(text: str) -> None:
    assert find_vitals(text) == []
