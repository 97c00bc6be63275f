"""Re-review of the trifix round (trifix2): rescue treatments, the device guard's subject,
routine treatments with a person as the subject, the answer "No" before a finding that has
"gone" or a vital function that "stopped", and the "doesn't fade" exclusions. Expected
acuities hand-set from the lead's decisions (1 = resuscitation ... 4/5 = routine)."""
import pytest

from assistant.config import load_settings
from assistant.runtime import Runtime

SETTINGS = ("self", "primary_care", "ed")


@pytest.fixture(scope="module")
def triager():
    return Runtime(load_settings(None, {"use_llm": False})).triager


def _acuity(triager, text, setting):
    return triager.triage({"id": "x", "text": text, "setting": setting},
                          narrative=False).acuity


LEVEL_1 = [
    # R1: a rescue treatment that fails is an emergency whatever the subject
    "her sugar is low and not responding to glucose",
    "his sugar is 2 and not responding to the glucose tablets",
    "her asthma is not responding to her inhaler",
    "wheezing and not responding to salbutamol inhaler",
    "her throat swelling is not responding to the epipen",
    # R4: seizure rescue medicines
    "his seizure is not responding to his rescue medication",
    "the fitting is not responding to his rescue medication",
    # R2: the device must stand right before the verb
    "the clinic phoned, Ellie had a fit and is not responding",
    "the school called, Jo fainted and is not responding",
    "the phone is not responding and neither is my hubby",
    "the clinic phoned Ellie had a fit and is not responding",   # the comma left out
    "the phone rang and she is not responding",
    # R3: a person as the subject of a routine treatment
    "my hubby is not responding to the meds and won't wake up",
    "my missus is not responding to the medication",
    "my hubby is not responding to his tablets",
    "mam is not responding to the antibiotics",
    "they are not responding to the meds",
    # R5: well / much with a person as the subject
    "the baby is not responding well to the antibiotics",
    # A1: "stopped" before a vital function
    "no he stopped breathing",
]


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("text", LEVEL_1)
def test_level_1(triager, text, setting):
    assert _acuity(triager, text, setting) == 1


# The R2 / R3 near misses (devices, organisations, conditions and the writer as the subject of
# "not responding") were taken back with the guard: level 1 now, pinned in
# tests/test_triage_respond_revert.py.


@pytest.mark.parametrize("setting", SETTINGS)
def test_answer_no_lips_blue(triager, setting):
    # A1: "gone" before a colour is a finding, not the finding gone
    assert _acuity(triager, "No his lips have gone blue", setting) == 2
    assert _acuity(triager, "his lips have gone blue", setting) == 2


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("text", ["No she's gone blue and floppy", "no she has gone floppy"])
def test_answer_no_not_worse(triager, text, setting):
    bare = text.split(" ", 1)[1]
    assert _acuity(triager, text, setting) <= _acuity(triager, bare, setting)


@pytest.mark.parametrize(("text", "expected"), [
    # as trifix pinned: the "No" answers that the finding is no more
    ("no his chest pain has gone now", (4, 4, 2)),
    ("No my chest pain went away yesterday and I feel fine", (4, 4, 3)),
    ("no the swelling has gone down", (4, 4, 3)),
    ("no the bleeding has stopped", (4, 4, 3)),
])
def test_answer_no_finding_gone_stays_denied(triager, text, expected):
    assert tuple(_acuity(triager, text, s) for s in SETTINGS) == expected


FADE_EMERGENCY = [
    # A2: the nearest mark before the verb is a rash; a fever / new / today overrides
    "she has a birthmark on her arm and a new rash on her legs that doesn't fade",
    "a new rash today with dark marks that don't fade and a fever",
    "the bruise-like marks on his legs don't fade and he has a high temperature",
    "the bruise-like marks on his legs don't fade",
    "the rash doesn't fade, I also have a tattoo",
]


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("text", FADE_EMERGENCY)
def test_no_fade_emergency(triager, text, setting):
    assert _acuity(triager, text, setting) == 2


FADE_NOT_EMERGENCY = [
    "I have acne and the spots don't fade",
    "the red marks from my acne spots don't fade",
    "my tan doesn't fade",
    "she has a bruise on her leg that doesn't fade",
    "I have a bruise and the spots don't fade",
    "I have acne and the spots don't fade, it's been like this for years",
]


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("text", FADE_NOT_EMERGENCY)
def test_no_fade_not_emergency(triager, text, setting):
    assert _acuity(triager, text, setting) > 2
