"""A condition word before a past-tense collapse tells an event (lead, after tri9fix2): "is it
serious if my dad collapsed?" was 4 in primary care and self on f6e2650 (the "if <subject>"
reading took it for a hypothetical). A collapse is an emergency, 2 (NHS ambulance services'
"when to call 999": collapse). A condition before the present tense ("if someone collapses",
"in case he collapses") or a conditional mood ("what would happen if he collapsed") stays a
hypothetical, 4 as before. Levels pinned by hand."""

from __future__ import annotations

import pytest


def _levels(triager, text: str) -> tuple[int | None, ...]:  # type: ignore[no-untyped-def]
    return tuple(triager.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in ("primary_care", "self"))


@pytest.mark.parametrize("text", [
    "Is it serious if my dad collapsed?",
    "what do I do if my wife has collapsed",
    "not sure what to do if my husband just keeled over like that",
])
def test_condition_before_past_collapse_is_an_event(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2)


@pytest.mark.parametrize("text", [
    "What should I do if someone collapses?",
    "I'll collapse if I don't sleep",
    "in case he collapses",
    "what would happen if he collapsed",
])
def test_condition_before_present_or_conditional_stays_hypothetical(triager, text: str) -> None:
    assert _levels(triager, text) == (4, 4)
