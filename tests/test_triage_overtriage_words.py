"""Over-triage found by the probe8 round (issue 21): a woman who has never been pregnant is
not pregnant, and a person's own "I find it hard to wake up in the mornings" is a sleep
complaint, not a reduced level of consciousness. Both gave acuity 2 before; the carer's
"very hard to wake" and a stated pregnancy with severe hypertension stay emergencies."""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.triage import Triager


@pytest.fixture(scope="module")
def triager() -> Triager:
    return Triager(load_settings(None, {"use_llm": False}, environ={}))


def _acuity(t: Triager, text: str) -> int:
    return t.triage({"id": "o", "text": text, "setting": "primary_care"}, narrative=False).acuity


@pytest.mark.parametrize("text", [
    "28-year-old woman who has never been pregnant, BP 165/100, headache for a week.",
    "I find it hard to wake up in the mornings and feel tired all day.",
])
def test_not_an_emergency(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) == 4


@pytest.mark.parametrize("text", [
    "My dad is very hard to wake and breathing oddly.",
    "She is pregnant, BP 165/110.",
    "She is 30 weeks pregnant with BP 170/112 and a headache.",
])
def test_still_an_emergency(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) == 2
