"""The "not responding" subject guards taken back (issue 21, eighth round of 2026-12-05).

Three review rounds of a device / treatment-failure guard on the unresponsive red flag ("the
app is not responding", "his infection is not responding to antibiotics" read as no person)
each left real people read as things or treatments: "we found grandad on the floor, not
responding to the medicine", "Baby found in cot. Not responding to meds." and "Dave is not
responding well to treatment" fell from level 1 to 4. The red flag reads every verb form
("not / isn't / stopped responding") again, as 09ab0f7 read "not responding": over-triage of
a device or a failing treatment is the accepted cost. Levels are (self, primary_care, ed).
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.runtime import Runtime

SETTINGS = ("self", "primary_care", "ed")


@pytest.fixture(scope="module")
def triager():
    return Runtime(load_settings(None, {"use_llm": False})).triager


def _levels(triager, text: str) -> tuple[int, ...]:
    return tuple(triager.triage({"id": "t", "text": text, "setting": s}, narrative=False).acuity
                 for s in SETTINGS)


# the last review's under-triage (4/4/2 or 2/2/2 with the guard; 1/1/1 at 09ab0f7)
@pytest.mark.parametrize("text", [
    "we found grandad on the floor, not responding to the medicine",
    "we found mum in bed, not responding to her tablets",
    "I found him, not responding to treatment",
    "I'm here with grandad, not responding to his meds",
    "Baby found in cot. Not responding to meds.",
    "we found her in her cot. not responding to the medicine",
    "Not responding to treatment. GCS 6.",
    "Dave is not responding well to treatment",
    "my 3yo is not responding well to the medicine",
    "the little one is not responding well to the meds and is floppy",
    "her sugar is low and not responding to glucose",
    "the clinic phoned, Ellie had a fit and is not responding",
    "my dad is not responding to the sound of my voice",
    "dave isn't responding",
])
def test_people_not_responding_are_level_1(triager, text: str) -> None:
    assert _levels(triager, text) == (1, 1, 1)


# the accepted over-triage: the guard's former non-emergencies are level 1 again
@pytest.mark.parametrize("text", [
    "the app is not responding",
    "my laptop isn't responding",
    "the website stopped responding",
    "his infection is not responding to antibiotics",
    "I am not responding to the antibiotics",
    "my GP surgery isn't responding to my emails",
])
def test_devices_and_treatments_are_level_1_again(triager, text: str) -> None:
    assert _levels(triager, text) == (1, 1, 1)


# near misses: no verb form of a non-response, no red flag from it
@pytest.mark.parametrize("text", [
    "the app is slow today",
    "he is responding well to the antibiotics",
    "she responded to my voice straight away",
])
def test_no_non_response_no_flag(triager, text: str) -> None:
    r = triager.triage({"id": "t", "text": text, "setting": "self"}, narrative=False)
    assert "unresponsive" not in r.red_flags


# (tristop, issue 21) AVPU reads "not responding" as the red flag reads it: every verb form is
# AVPU "U" whatever the subject or the "to X" (the device / treatment-failure guard of
# ``parse`` was taken back too), so a record never carries the ``unresponsive`` flag without
# AVPU "U" (NHS When to call 999: someone unconscious or not responding; AVPU "U")
@pytest.mark.parametrize("text", [
    "the app is not responding",
    "my laptop isn't responding",
    "the website stopped responding",
    "his infection is not responding to antibiotics",
    "I am not responding to the antibiotics",
    "my GP surgery isn't responding to my emails",
    "we found grandad on the floor, not responding to the medicine",
    "Dave is not responding well to treatment",
    "her sugar is low and not responding to glucose",
    "dave isn't responding",
    "he is not really responsive",
    "she is non-responsive",
])
def test_avpu_u_with_the_flag(triager, text: str) -> None:
    from assistant.triage.parse import parse_case
    assert parse_case({"id": "t", "text": text}).vitals.avpu == "U"
    r = triager.triage({"id": "t", "text": text, "setting": "self"}, narrative=False)
    assert "unresponsive" in r.red_flags


# near misses: no non-response, no "U" (and no flag)
@pytest.mark.parametrize("text", [
    "the app is slow today",
    "he is responding well to the antibiotics",
    "she responded to my voice straight away",
    "no response to omeprazole",
    "her cough doesn't respond to antibiotics",
])
def test_no_non_response_no_avpu_u(triager, text: str) -> None:
    from assistant.triage.parse import parse_case
    assert parse_case({"id": "t", "text": text}).vitals.avpu != "U"
    r = triager.triage({"id": "t", "text": text, "setting": "self"}, narrative=False)
    assert "unresponsive" not in r.red_flags
