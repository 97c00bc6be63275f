"""Issue 21 (helper trifix14d): vital signs, sugars and ketones told in lay words were not read,
so the vital-sign floors did not apply. Expected levels are hand-computed from the floors:

- SpO2 < 92 % -> 2 (KTAS first-order modifier, moderate respiratory distress);
- heart rate >= 150 -> 2 (KTAS haemodynamic compromise), > 180 -> 1;
- temperature <= 35.0 C -> 3 (RCP NEWS2: a red score of 3 in one parameter);
- glucose < 3.0 mmol/L -> 2 (NHS Low blood sugar / ADA level 2 hypoglycaemia);
- blood ketones >= 3.0 mmol/L -> 2 and a sugar > 11.0 with vomiting -> 2 (NHS Diabetic
  ketoacidosis: A&E).

A leading denial ("not dizzy,") never negates a measured value. Near misses (a tank, an age,
an outdoor temperature, spoons of sugar, a bowel movement, a dose, a delivered oxygen) keep the
old levels.
"""

from __future__ import annotations

import pytest

from assistant.triage.floors import collect_floors
from assistant.triage.parse import parse_case


def _triage(triager, text: str, setting: str):  # type: ignore[no-untyped-def]
    return triager.triage({"id": "x", "text": text, "setting": setting}, narrative=False)


def _p(text: str):  # type: ignore[no-untyped-def]
    return parse_case({"id": "x", "text": text})


@pytest.mark.parametrize(("text", "spo2"), [
    ("sats 89", 89), ("oxygen 88%", 88), ("my oxygen level is 88", 88),
    ("sats 89 on air", 89), ("oxygen sats 86", 86), ("saturations are 90%", 90),
    ("not confused, sats 89", 89),
])
def test_lay_spo2_read(text: str, spo2: float) -> None:
    assert _p(text).vitals.spo2 == spo2


@pytest.mark.parametrize(("text", "hr"), [
    ("fast heartbeat 180", 180), ("heart beat is 150 and I feel faint", 150),
    ("pulse is at 160", 160),
])
def test_lay_heart_rate_read(text: str, hr: float) -> None:
    assert _p(text).vitals.heart_rate == hr


@pytest.mark.parametrize("text", [
    "sats fine", "oxygen tank 88 litres", "my son is 88", "heart rate app says I am fine",
    "on oxygen 60% at home", "pulse 2 days of cough", "aspirin 81 daily, mild cough",
    "blood pressure 180/100",
])
def test_lay_vitals_near_misses_not_read(text: str) -> None:
    v = _p(text).vitals
    assert v.spo2 is None
    assert v.heart_rate is None


@pytest.mark.parametrize(("text", "level"), [
    ("sats 89", 2), ("oxygen 88%", 2), ("my oxygen level is 88", 2), ("sats 89 on air", 2),
    ("fast heartbeat 180", 2), ("heart beat is 150 and I feel faint", 2),
    ("temperature 35 and shivering", 3), ("temp 34.5", 3), ("temp 95 F and shivering", 3),
    ("sugar 2.1", 2), ("my sugar is 2.1", 2), ("BM 1.9 and sweaty", 2),
    ("not dizzy, sugar 2.1", 2), ("not confused, sats 89", 2),
    ("blood sugar 30, ketones 3.5, vomiting", 2), ("blood sugar 14 and vomiting", 2),
])
@pytest.mark.parametrize("setting", ["primary_care", "self", "ed"])
def test_lay_readings_floor(triager, text: str, level: int, setting: str) -> None:  # type: ignore[no-untyped-def]
    assert _triage(triager, text, setting).acuity <= level


@pytest.mark.parametrize("text", [
    "temperature 35 degrees outside and I have a headache",
    "temperature in the room is 30 and I feel fine",
    "sugar 2 spoons in my tea, mild cough",
    "BM 2 today, mild tummy ache",
    "blood sugar 14, no vomiting, thirsty",
    "urine ketones 3+, thirsty",
    "sats 97 and a cough",
    "sats fine", "oxygen tank 88 litres", "my son is 88", "heart rate app says I am fine",
    "aspirin 81 daily, mild cough", "on oxygen 60% at home",
])
def test_near_misses_raise_no_new_floor(text: str) -> None:
    names = [f.name for f in collect_floors(_p(text)).floors]
    assert not any("ketone" in n or "glucose" in n or "temperature <= 35" in n
                   or "blood sugar" in n for n in names), names
    assert collect_floors(_p(text)).acuity >= 3


@pytest.mark.parametrize(("text", "setting", "level"), [
    ("temperature 35 degrees outside and I have a headache", "primary_care", 4),
    ("sugar 2 spoons in my tea, mild cough", "primary_care", 4),
    ("BM 2 today, mild tummy ache", "primary_care", 4),
    ("blood sugar 14, no vomiting, thirsty", "primary_care", 4),
    ("oxygen tank 88 litres", "primary_care", 4),
    ("my son is 88", "primary_care", 4),
])
def test_near_miss_levels_unchanged(triager, text: str, setting: str, level: int) -> None:  # type: ignore[no-untyped-def]
    assert _triage(triager, text, setting).acuity == level
