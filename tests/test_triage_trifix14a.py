"""Lay triage, trifix14a (issue 21): the absence told with a perfect or past auxiliary, read by
``assistant/triage/red_flags_lay3.py`` (class 5); only raises.

Levels are (primary_care, self, ed), hand-computed from the rules: an acuity-1 red flag sets 1
in every setting; "shortness of breath" (3) sets 3 in primary care and self and ED keeps its
own breath floor of 2. A near miss fires none of the new flags and keeps the level the rules
gave at the base commit (aa7f6ae, checked with /tmp/t8.py): 4 = routine care, ED 2 or 3.

Sources: NHS "When to call 999" (someone unconscious, not breathing or has stopped breathing),
Resuscitation Council UK (unresponsive and not breathing normally), NHS "Fainting" (call 999 if
someone does not wake up), NHS "Shortness of breath".
"""

from __future__ import annotations

import pytest
from triage_readers import levels_and_flags

ARREST = "cardiac or respiratory arrest"
UNRESP = "unresponsive"
SOB = "shortness of breath"
NEW = {ARREST, UNRESP}


@pytest.mark.parametrize("text", [
    "he hasn't been breathing.",                      # before (4, 4, 2)
    "he has not been breathing",                      # before (4, 4, 2)
    "she hadn't been breathing when I found her",     # before (4, 4, 2)
    "dad hasn't been breathing for two minutes",      # before (4, 4, 2)
    "there's no breathing",                           # before (4, 4, 3)
])
def test_absent_breathing_aux_is_arrest(triager, text: str) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == (1, 1, 1)
    assert ARREST in flags


@pytest.mark.parametrize("text", [
    "she hasn't been conscious.",                     # before (4, 4, 3)
    "he hasn't responded.",                           # before (4, 4, 2)
    "he didn't wake.",                                # before (4, 4, 2)
    "he hasn't been responding",                      # before (4, 4, 2)
    "she hasn't been responsive",                     # before (4, 4, 3)
    "she hasn't been awake",                          # before (4, 4, 3)
    "she can't wake up",                              # before (4, 4, 3)
    "she hasn't opened her eyes",                     # before (4, 4, 4)
    "he won't open his eyes",                         # before (4, 4, 4)
    "she fainted and won't come round",
    "he hasn't opened his eyes since the fall",
    "he had a fit and hasn't woken",
    "my husband didn't respond to his name",
])
def test_absent_response_aux_is_unresponsive(triager, text: str) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == (1, 1, 1)
    assert UNRESP in flags


def test_collapsed_and_has_not_responded(triager) -> None:
    levels, flags = levels_and_flags(triager, "my husband collapsed and hasn't responded")
    assert levels == (1, 1, 1)  # before (2, 2, 2): collapse only
    assert UNRESP in flags


def test_already_read_forms_stay(triager) -> None:
    for text, flag in (("my baby isn't breathing", ARREST), ("he stopped breathing", ARREST),
                       ("she won't wake up", UNRESP), ("he's not breathing properly", ARREST),
                       ("he's not responding to me", UNRESP)):
        levels, flags = levels_and_flags(triager, text)
        assert levels == (1, 1, 1), text
        assert flag in flags, text


def test_breathing_not_right_is_breathlessness(triager) -> None:
    levels, flags = levels_and_flags(triager, "he hasn't been breathing properly")
    assert levels == (3, 3, 2)  # before (4, 4, 2)
    assert SOB in flags and ARREST not in flags


# near misses: none of the new acuity-1 flags; the base commit's level kept
@pytest.mark.parametrize("text,base", [
    ("he didn't wake for a minute but is fine now", (4, 4, 2)),
    ("he didn't wake up at night", (4, 4, 2)),
    ("my baby hasn't woken for his feed", (4, 4, 2)),
    ("he hasn't responded to paracetamol", (4, 4, 2)),
    ("she hasn't responded to antibiotics", (4, 4, 3)),
    ("he hasn't responded to treatment", (4, 4, 2)),
    ("he hasn't been breathing through his nose", (4, 4, 2)),
    ("he didn't wake me", (4, 4, 2)),
    ("she hasn't responded to my text", (4, 4, 3)),
    ("he hasn't responded to my email", (4, 4, 2)),
    ("he hasn't responded since I texted him this morning", (4, 4, 2)),
    ("she hasn't been conscious of time", (4, 4, 3)),
    ("he's not moving his arm", (4, 4, 2)),
    ("the dog hasn't been breathing right", (4, 4, 2)),
    ("my cat won't wake up", (4, 4, 3)),
    ("no breathing problems", (4, 4, 3)),
    ("I can't wake up in the mornings", (4, 4, 3)),
    ("they haven't responded", (4, 4, 3)),
    ("my baby's eyes are sticky and he won't open his eyes", (4, 4, 4)),
    ("my mum won't come round tonight", (4, 4, 3)),
    ("he didn't wake up this morning until 10", (4, 4, 2)),
    ("she hasn't been fully conscious", (4, 4, 3)),
    ("I messaged my son and he hasn't responded yet", (4, 4, 2)),
    ("I emailed my GP and he hasn't responded", (4, 4, 2)),
    ("he hasn't responded yet", (4, 4, 2)),
    ("my baby hasn't woken up yet", (4, 4, 3)),
    ("he hasn't been awake much today", (4, 4, 2)),
    ("my brother hasn't responded to my calls", (4, 4, 3)),
    # a note's treatment failure (the MTSamples sweep's one UP before this guard)
    ("He has been on Clozaril 1200 mg combined with Risperdal. However, he has not responded.",
     (4, 4, 2)),
    ("she's been on antibiotics for 3 days. she hasn't responded.", (4, 4, 3)),
])
def test_near_misses(triager, text: str, base: tuple[int, int, int]) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert not NEW & set(flags), text
    assert levels == base, text


def test_tablets_with_collapse_still_unresponsive(triager) -> None:
    levels, flags = levels_and_flags(
        triager, "He took a load of tablets and collapsed and hasn't responded.")
    assert levels == (1, 1, 1)  # before (2, 2, 2): overdose, collapse
    assert UNRESP in flags
