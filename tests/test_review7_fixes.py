"""Review 7 of the last issue-21/16 round: a fever still vetoes the general minor-illness rule
outside the cough entries, a carer's "hard to wake" stays altered mental status, a lay positive
pregnancy test is a pregnancy even after "never been pregnant before", and a bare "spasm" is
not coded as muscle spasm. Expected levels by hand (NICE NG143: fever >= 5 days amber; NHS
pages: see a GP for earache/period pain/constipation with a high temperature; ESI: new altered
level of consciousness is level 2)."""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.triage import Triager


@pytest.fixture(scope="module")
def triager() -> Triager:
    return Triager(load_settings(None, {"use_llm": False}, environ={}))


def _acuity(t: Triager, text: str) -> int:
    return t.triage({"id": "r7", "text": text, "setting": "primary_care"}, narrative=False).acuity


@pytest.mark.parametrize("text", [
    "My 3 year old has ear pain since last night and a fever of 40, what can I give her?",
    "My 2 year old has had earache and a fever for 6 days",
    "I have period pain since yesterday and a fever",
    "I've been constipated for 3 days with tummy pain and a fever",
    "I have a mild headache since this morning and a fever of 38.5",
])
def test_fever_still_keeps_these_from_self_care(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) <= 4


def test_flu_like_cough_with_fever_is_still_self_care(triager: Triager) -> None:
    assert _acuity(triager, "I'm 34 and have a fever of 38.5 and a cough today, what can I "
                            "take?") == 5


@pytest.mark.parametrize("text", [
    "I found it hard to rouse her this morning and she has a fever.",
    "we found it hard to wake him up this morning",
    "Mum finds it hard to wake my brother",
    "She is hard to wake up in the morning and has a temperature of 39.",
    "He's been hard to wake up for school since he got a fever",
])
def test_a_carers_hard_to_wake_is_altered_mental_status(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) <= 2


def test_own_sleep_complaint_is_not(triager: Triager) -> None:
    assert _acuity(triager, "I find it hard to wake up in the mornings and feel tired all "
                            "day.") == 4


def test_lay_positive_test_after_never_pregnant_is_a_pregnancy(triager: Triager) -> None:
    assert _acuity(triager, "I've never been pregnant before but I did a test and it's "
                            "positive; pain on one side and spotting") <= 2


def test_bare_spasm_is_not_muscle_spasm(extractor) -> None:  # noqa: ANN001
    names = [p.text for p in extractor.extract("Esophageal spasm on the barium swallow.",
                                                "s").problems]
    assert "muscle spasm" not in names
    names = [p.text for p in extractor.extract("Paraspinal muscle spasm on exam.", "s").problems]
    assert "muscle spasm" in names
