"""Safety review of the triage robustness change (trirob, cb5cdcc / 23aedfe / 1f45e8e): the
under-triage it brought in, fixed as the lead decided, and its over-triage.

Expected acuities (self / primary_care / ed; 1 = most urgent) are set by hand from the
decisions, and equal the 09ab0f7 levels wherever the decision restores them.

U1 "not responding to X" is a person who does not respond (NHS When to call 999: someone
   unconscious or not responding; AVPU "U") unless the subject is a condition, a symptom or a
   body system, or X is a routine treatment with no person as the subject; a rescue treatment
   (naloxone, CPR, an inhaler; Resuscitation Council UK / NHS first aid) that a person does not
   respond to is never a treatment failure (``collapse_subject.respond_is_treatment_failure``).
O1 the same reading keeps a condition that does not respond to its treatment off level 1.
U2 the device guard reads only the verb forms ("is not responding", "isn't responding",
   "stopped responding"), a device as the grammatical subject (no preposition before it) and
   only in a sentence naming no person; "unresponsive" is read as in 09ab0f7.
U3 the space-grouped thousands join is reverted ("RR 32 100 per cent" is a rate of 32 and a
   saturation of 100%, not 32100).
O2 a bare "doesn't fade" is no non-blanching rash in a sentence (or the one before) with a
   chronic course or a mark that never blanches (acne, scars, a tan, a mole, a bruise...).
O3 an answer "No" before a finding that has gone ("no his chest pain has gone now") keeps its
   negation.
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.runtime import Runtime
from assistant.triage.negation import danger_view
from assistant.triage.parse import parse_case

SETTINGS = ("self", "primary_care", "ed")


@pytest.fixture(scope="module")
def triager():
    return Runtime(load_settings(None, {"use_llm": False}, environ={})).triager


def _levels(t, text: str) -> tuple[int | None, ...]:
    return tuple(t.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in SETTINGS)


CASES = [
    # ---- U1: a person not responding to a stimulus, a person or a rescue treatment (1/1/1) ----
    ("my dad is not responding to the sound of my voice", (1, 1, 1)),
    ("she is not responding to mum", (1, 1, 1)),
    ("he's not responding to you", (1, 1, 1)),
    ("he's not responding to being shaken", (1, 1, 1)),
    ("patient not responding to sternal rub", (1, 1, 1)),
    ("she is not responding to loud noises", (1, 1, 1)),
    ("he is not responding to the paramedics", (1, 1, 1)),
    ("the baby is not responding to the stimulation", (1, 1, 1)),
    ("my husband took heroin and is not responding to the naloxone", (1, 1, 1)),
    ("he overdosed, not responding to narcan", (1, 1, 1)),
    ("my dad collapsed and is not responding to CPR", (1, 1, 1)),
    ("my son is having an asthma attack and is not responding to the inhaler", (1, 1, 1)),
    ("the baby isn't responding to the touch", (1, 1, 1)),
    ("not responding to his inhaler", (1, 1, 1)),
    # ---- O1: a condition not responding to its treatment is no unresponsive person ----
    # (respond guard taken back: level 1 now, tests/test_triage_respond_revert.py) ("my acne isn't responding to anything", (4, 4, 4)),
    # (respond guard taken back: level 1 now, tests/test_triage_respond_revert.py) ("my rash isn't responding to my creams", (4, 4, 4)),
    # (respond guard taken back: level 1 now, tests/test_triage_respond_revert.py) ("her UTI isn't responding to her antibiotics", (4, 4, 3)),
    # (respond guard taken back: level 1 now, tests/test_triage_respond_revert.py) ("the pain isn't responding to my painkillers", (4, 4, 4)),
    # an organisation (WordNet noun.group) as the subject, no person named
    # (respond guard taken back: level 1 now, tests/test_triage_respond_revert.py) ("my GP surgery isn't responding to my emails", (4, 4, 4)),
    # a person as the subject: level 1 is the accepted over-triage (lead's decision)
    ("my son isn't responding to my texts or calls and I'm a bit anxious", (1, 1, 1)),
    # was 1/1/1 at 09ab0f7: not worse than base
    # (respond guard taken back: level 1 now, tests/test_triage_respond_revert.py) ("his eczema is not responding to any treatment", (4, 4, 2)),
    # ---- U2: a person with a device nearby, or "unresponsive" (1/1/1 as at 09ab0f7) ----
    ("the driver of the other car is unresponsive", (1, 1, 1)),
    ("the driver of the car is not responding", (1, 1, 1)),
    ("someone in a car is unresponsive", (1, 1, 1)),
    ("man slumped in his car unresponsive", (1, 1, 1)),
    ("my dad is in the car not responding", (1, 1, 1)),
    ("patient on the cardiac monitor became unresponsive", (1, 1, 1)),
    ("pt on monitor became unresponsive, BP 80/40", (1, 1, 1)),
    ("patient unresponsive monitor shows sinus tachycardia", (1, 1, 1)),
    ("grandpa in front of the tv not responding", (1, 1, 1)),
    ("my mum on the phone is not responding, she was talking then went quiet", (1, 1, 1)),
    ("dad on the dialysis machine not responding", (1, 1, 1)),
    ("found my son at his computer unresponsive", (1, 1, 1)),
    ("the apnoea monitor alarmed and the baby went pale and it is not responding", (1, 1, 1)),
    # near misses: a device as the subject, no person named (not emergencies)
    # (respond guard taken back: level 1 now, tests/test_triage_respond_revert.py) ("my laptop is not responding", (4, 4, 2)),
    # (respond guard taken back: level 1 now, tests/test_triage_respond_revert.py) ("I opened the app but it is not responding", (4, 4, 2)),
    # (respond guard taken back: level 1 now, tests/test_triage_respond_revert.py) ("my phone isn't responding", (4, 4, 3)),
    # (respond guard taken back: level 1 now, tests/test_triage_respond_revert.py) ("the website stopped responding", (4, 4, 3)),
    # ---- U3: no thousands join across two readings (as at 09ab0f7) ----
    ("RR 32 100 per cent on oxygen", (2, 2, 2)),
    ("obs HR 135 RR 34 100 per cent on 15 litres", (2, 2, 2)),
    ("pulse 48 100 per minute", (4, 4, 2)),
    # ---- O2: a chronic mark that doesn't fade (4, as at 09ab0f7) ----
    ("the rash doesn't fade, it's been there for months, no fever, itchy", (4, 4, 4)),
    ("I have acne and the spots don't fade", (4, 4, 4)),
    ("the red marks from my acne spots don't fade", (4, 4, 4)),
    # kept: a rash that doesn't fade, told bare or by a pronoun (2)
    ("my baby has a rash and it doesn't fade", (2, 2, 2)),
    ("she has a rash like this. It doesn't fade", (2, 2, 2)),
    # ---- O3: an answer "No" before a finding that has gone keeps its negation ----
    ("no his chest pain has gone now", (4, 4, 2)),
    ("No my chest pain went away yesterday and I feel fine", (4, 4, 3)),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_levels(triager, text: str, expected: tuple[int, int, int]) -> None:
    assert _levels(triager, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # near misses of O3: the finding stays ("has not gone", "is getting worse")
    ("no his chest pain has not gone", (3, 3, 2)),
    ("No my chest pain is getting worse", (3, 3, 3)),
    # near misses of O2: a recent rash that doesn't fade stays an emergency, even when an old
    # complaint is named in the sentence (a new event: NHS Meningitis)
    ("she has a rash that doesn't fade, it came on today, she's had eczema for years",
     (2, 2, 2)),
    # the glass test told stays read whatever the sentence holds (as at 09ab0f7)
    ("she has had a rash for months and it doesn't fade when I press a glass on it",
     (2, 2, 2)),
])
def test_near_misses(triager, text: str, expected: tuple[int, int, int]) -> None:
    assert _levels(triager, text) == expected


# ---- the readers ----
# (tristop, issue 21) The device / treatment-failure readers (``respond_is_treatment_failure``,
# ``respond_subject_is_a_thing``) were taken back with the red flag's guard (57a90c4) and then
# removed; the texts they were pinned on are pinned here as AVPU and red flag reading alike:
# every verb form of a non-response is AVPU "U" and the ``unresponsive`` red flag, whatever
# the subject or the "to X" (a record never carries the flag without AVPU "U").
@pytest.mark.parametrize("text", [
    "his infection is not responding to antibiotics",
    "an infection that isn't responding to antibiotics",
    "her headache today is severe and not responding to ibuprofen",
    "Not responding to antibiotics.",
    "he isn't responding well to antibiotics",
    "his wheeze isn't responding to the inhaler",
    "she states that her headache today is severe, worse lying down, and not responding to "
        "ibuprofen",
    "my son's asthma isn't responding to his inhaler",
    "my dad collapsed and is not responding to CPR",
    "he is not responding to the naloxone",
    "patient with chest pain not responding to sternal rub",
    "she is not responding to mum",
    "she is not responding",
    "he is not responding to strong painkillers and is grey",
    "the app is not responding",
    "my laptop isn't responding",
    "the app froze and isn't responding",
    "my GP surgery isn't responding to my emails",
    "I opened the app but it is not responding",
    "my dad is in the car not responding",
    "the driver of the car is not responding",
    "grandpa in front of the tv not responding",
    "the apnoea monitor alarmed and the baby went pale and it is not responding",
    "the screen is unresponsive",
    "the screen is not responsive",
    "not responding to his inhaler",
])
def test_avpu_reads_as_the_red_flag(triager, text: str) -> None:
    assert parse_case({"id": "a", "text": text}).vitals.avpu == "U", text
    r = triager.triage({"id": "a", "text": text, "setting": "self"}, narrative=False)
    assert "unresponsive" in r.red_flags and r.acuity == 1, text


def test_avpu_reads_the_same_way() -> None:
    for text in ("my dad is not responding to the sound of my voice",
                 "the baby isn't responding to the touch",
                 "no response to the sternal rub",
                 "the driver of the other car is unresponsive",
                 # (tristop) as the red flag reads them: AVPU "U" (was None with the guard)
                 "his infection is not responding to antibiotics",
                 "the app is not responding", "not responding to his inhaler"):
        assert parse_case({"id": "a", "text": text}).vitals.avpu == "U", text
    # a failed treatment in "no response to X" is no non-response of a person (no red flag
    # reads it either)
    for text in ("no response to omeprazole",):
        assert parse_case({"id": "b", "text": text}).vitals.avpu is None, text


def test_answer_no_before_a_finding_gone_is_kept() -> None:
    assert danger_view("no his chest pain has gone now").startswith("no his")
    assert danger_view("No my chest pain went away yesterday").startswith("No my")
    assert danger_view("No my chest pain is crushing").startswith("   my")
