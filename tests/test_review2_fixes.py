"""Second review of 2026-12-04's rounds (issues 16 and 21), pinned: each case failed on the
code the review read."""

from __future__ import annotations

import pytest

from assistant.triage.parse import parse_case


@pytest.mark.parametrize("text, expected", [
    # "no residual" negates an "or" list, and stops at "and" (a new list item)
    ("History of CVA with no residual right-sided hemiparesis or aphasia.",
     [("stroke", "historical"), ("hemiparesis", "absent"), ("aphasia", "absent")]),
    ("History of stroke with no residual weakness or numbness.",
     [("stroke", "historical"), ("weakness", "absent"), ("numbness", "absent")]),
    ("History of CVA with no residual hemiparesis and uterine cancer.",
     [("stroke", "historical"), ("hemiparesis", "absent"), ("uterine cancer", "present")]),
    # smoke detectors are not smoking; the denial after them stands
    ("Social history: Smoke detectors in the home. No tobacco.", [("tobacco use", "absent")]),
])
def test_extraction_review_cases(extractor, text: str,  # noqa: ANN001
                                 expected: list[tuple[str, str]]) -> None:
    assert [(p.text, p.status) for p in extractor.extract(text, "n").problems] == expected


@pytest.mark.parametrize("text, age", [
    ("I'm 34 and had heart surgery when I was 10 days old, now chest pain", 34.0),
    ("My son, who was 12 days old at surgery, is now 6 and has a cough", None),
    ("My son is 20 days old fever 38.3 since this morning", 20 / 365),  # guard: age now
])
def test_a_past_age_in_days_is_not_the_age_now(text: str, age: float | None) -> None:
    got = parse_case({"id": "x", "text": text}).age
    assert got == (pytest.approx(age, abs=1e-3) if age is not None else None)


@pytest.mark.parametrize("text, acuity", [
    # a long-term heart condition blocks self-care for a fever and cough (NHS Flu / Cough)
    ("I'm 34 and had heart surgery when I was 10 days old; I have a fever of 38.5 and a cough "
     "today, what can I take?", 4),
    ("I'm 34 and have a fever of 38.5 and a cough today, what can I take?", 5),  # guard
])
def test_long_term_heart_condition_blocks_self_care(triager, text: str,  # noqa: ANN001
                                                     acuity: int) -> None:
    rec = triager.triage({"id": "x", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity == acuity
