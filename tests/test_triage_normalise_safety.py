"""Safety review of the triage text normalisation (``assistant/triage/normalise.py``).

Two under-triage faults of the normalisation on main (base 834210a, self and primary_care):

1. The full stop it inserted before a capitalised "sentence opener" split emergency phrases
   typed with a stray capital ("I cant wake Her up" 1 -> 4, "sudden weakness In my left arm
   and leg" 2 -> 4): the insertion is reverted (no stop is inserted, as on the base).
2. Lower-casing a shouted text lowered the note items "SI" / "HI", which red_flags and
   negation read case-sensitively ("SI: POSITIVE" 2 -> 4): they stay capitals.

And an older gap (the same on the base): a person who does not respond, said with a verb
("she doesn't respond when i talk to her", "she isn't responding"), was no unresponsiveness
(4); only "she is not responding" gave 1 -> ``parse._AVPU_TEXT``.

Expected levels pinned by hand (level 1: unresponsive or unrousable person; level 2: stroke
sign, head injury with vomiting, anaphylaxis sign, overdose, threat to kill, chest pain).
"""

from __future__ import annotations

import pytest

from assistant.triage.parse import parse_case


def _acuity(triager, text: str, setting: str) -> int:
    return triager.triage({"id": "t", "text": text, "setting": setting}, narrative=False).acuity


STRAY_CAPITAL = [
    ("I cant wake Her up", 1),
    ("can't wake His up", 1),
    ("sudden weakness In my left arm and leg", 2),
    ("he cant move His arm suddenly", 2),
    ("he fell On his head and is vomiting", 2),
    ("swelling In her throat after peanuts", 2),
    ("I can't feel My legs", 2),
    ("I am going to kill My wife", 2),
    ("tightness In my chest and sweating", 2),
    ("he hit His head and is vomiting", 2),
    ("he took all of His tablets", 2),
    ("he is going to kill Her tonight", 2),
    ("sudden crushing pain In my chest", 2),
]


@pytest.mark.parametrize("setting", ["self", "primary_care"])
@pytest.mark.parametrize(("text", "level"), STRAY_CAPITAL)
def test_stray_capital_keeps_emergency(triager, text: str, level: int, setting: str) -> None:
    assert _acuity(triager, text, setting) == level


@pytest.mark.parametrize("setting", ["self", "primary_care"])
@pytest.mark.parametrize("text", [
    "FOLLOW UP VISIT FOR DEPRESSION, SI: POSITIVE",
    "PSYCHIATRY FOLLOW UP NOTE. MOOD LOW. SI: NO. HI: YES",
])
def test_shouted_note_item_keeps_harm_flag(triager, text: str, setting: str) -> None:
    assert _acuity(triager, text, setting) == 2


@pytest.mark.parametrize("setting", ["self", "primary_care"])
@pytest.mark.parametrize("text", [
    "she doesn't respond when i talk to her",
    "she does not respond to me",
    "she won't respond to me",
    "she isn't responding",
    "my husband didn't respond when I shook him",
])
def test_person_not_responding_is_unresponsive(triager, text: str, setting: str) -> None:
    assert _acuity(triager, text, setting) == 1


@pytest.mark.parametrize("text", [
    "her cough doesn't respond to antibiotics",
    "his rash does not respond to treatment",
    "her fever doesn't respond to paracetamol",
    # (respond guard taken back: level 1 now, tests/test_triage_respond_revert.py) "his wheeze isn't responding to the inhaler",
    # (respond guard taken back: level 1 now, tests/test_triage_respond_revert.py) "the app isn't responding",
    "she doesn't respond to her medication",
    # a non-response that comes and goes, or a crying child (probe / probe4 dev reviews)
    "On occasion, she has noticed that he does not respond when called by name.",
    "They try to ask her what is wrong, but she does not respond and persists crying for 20 "
    "minutes, after which she goes back to sleeping comfortably.",
])
def test_treatment_or_thing_not_responding_is_not_unresponsive(triager, text: str) -> None:
    assert parse_case({"id": "t", "text": text, "setting": "primary_care"}).vitals.avpu != "U"
    assert _acuity(triager, text, "primary_care") > 1
