"""Parsing a triage case: free text and explicit fields."""

from __future__ import annotations

import pytest

from assistant.errors import InputError
from assistant.triage.parse import parse_age, parse_case


def test_free_text_age_sex_vitals_onset_mental_status() -> None:
    text = ("67-year-old woman with cough for 3 days, confused. BP 92/58, HR 118, RR 24, "
            "SpO2 93% on room air, temp 39.1 C, pain 6/10, brought in by ambulance")
    p = parse_case({"id": "a", "text": text})
    assert p.age == 67 and p.sex == "F"
    v = p.vitals
    assert (v.systolic_bp, v.diastolic_bp, v.heart_rate, v.respiratory_rate) == (92, 58, 118, 24)
    assert v.spo2 == 93 and v.temperature == pytest.approx(39.1)
    assert v.avpu == "C" and v.on_oxygen is False
    assert p.onset == "3 days" and p.pain == 6 and p.arrival == "public ambulance"
    assert "BP 92/58" not in p.complaint and "cough" in p.complaint


def test_infant_age_gcs_and_fahrenheit() -> None:
    p = parse_case({"id": "b", "text": "6-week-old boy, T 101.2F, GCS 14, sudden onset"})
    assert p.age == pytest.approx(6 / 52, abs=1e-3) and p.sex == "M"
    assert p.vitals.temperature == pytest.approx(38.4, abs=0.05)
    assert p.vitals.avpu == "C" and p.sudden


def test_explicit_fields_override_text_and_unknown_fields_ignored() -> None:
    p = parse_case({"id": "c", "text": "45 yo man, HR 80", "age": 50, "sex": "female",
                    "vitals": {"heart_rate": 130, "avpu": "V", "spo2": "95"},
                    "arrival": "walk-in", "injury": True, "favourite_colour": "blue"})
    assert p.age == 50 and p.sex == "F" and p.vitals.heart_rate == 130
    assert p.vitals.avpu == "V" and p.vitals.spo2 == 95
    assert p.arrival == "walk-in" and p.injury is True


@pytest.mark.parametrize("case", [{"id": "x"}, {"id": "x", "text": "  "},
                                  {"id": "x", "text": "pain", "vitals": [1, 2]},
                                  {"id": "x", "text": "pain", "vitals": {"heart_rate": "fast"}},
                                  {"id": "x", "text": "pain", "age": 400},
                                  {"id": "x", "text": "pain", "vitals": {"avpu": "Q"}}])
def test_bad_cases_raise_input_error(case: dict) -> None:
    with pytest.raises(InputError):
        parse_case(case)


@pytest.mark.parametrize(("text", "age", "sex"), [
    ("Woman with cough", None, "F"),
    ("T 98.6F, cough", None, None),  # a Fahrenheit temperature is not "6-year-old female"
    ("T 101 F, man", None, "M"),
    ("45M chest pain", 45, "M"),
    ("She is 30 years old", 30, "F"),
    ("3-month-old girl", 0.25, "F"),
])
def test_age_and_sex_not_confused_with_temperature(text: str, age: float | None,
                                                   sex: str | None) -> None:
    p = parse_case({"id": "s", "text": text})
    assert p.age == (pytest.approx(age) if age is not None else None) and p.sex == sex


@pytest.mark.parametrize(("text", "age", "age_ev", "sex", "sex_ev"), [
    ("68M crushing chest pain, no diaphoresis", 68, "68M", "M", "68M"),
    ("45-year-old woman, T 101 F", 45, "45-year-old", "F", "woman"),
    ("T 101 F, cough", None, None, None, None),  # a Fahrenheit temperature, not age or sex
    ("3 months old boy with fever", 0.25, "3 months old", "M", "boy"),
    ("newborn, poor feeding; mother worried", 0.02, "newborn", "F", "mother"),
    ("aged 80, he fell", 80, "aged 80", "M", "he"),
])
def test_shared_age_sex_parser(text: str, age: float | None, age_ev: str | None,
                               sex: str | None, sex_ev: str | None) -> None:
    from assistant.triage.parse import parse_age, parse_sex

    assert parse_age(text) == (age, age_ev)
    assert parse_sex(text) == (sex, sex_ev)


@pytest.mark.parametrize(("text", "age"), [
    # a carer who brings the patient: the child's age, written second, is the patient's
    ("A 32-year-old woman brings her 2-week-old son because he is feeding poorly.", 0.038),
    ("A 28-year-old woman brings in her 4-year-old son with a fever.", 4.0),
    ("A 30-year-old man comes in with his 3-month-old daughter who has a fever.", 0.25),
    ("A 40-year-old woman brings her 70-year-old mother who is confused.", 70.0),
    # no carer wording: the first age stated
    ("A 45-year-old man is brought by his wife.", 45.0),
    ("A 21-month-old boy is brought in. His 6-year-old sister had a cold.", 1.75),
])
def test_parse_age_reads_the_brought_patient(text: str, age: float) -> None:
    assert parse_age(text)[0] == age
