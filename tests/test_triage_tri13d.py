"""Lay triage, tri13d (issue 21): wordings where the ABSENCE of something is the emergency
finding, read by ``assistant/triage/red_flags_lay3.py``, and a denied confusion that
``parse`` read as AVPU "C".

Levels are (primary_care, self, ed), hand-computed from the rules: a level-1 red flag sets 1
in every setting, a level-2 flag 2, the new no-urine flag (level 3) 3; a near-miss fires none
of the new flags and keeps the level the rules gave before this round (checked with /tmp/t8.py
on the base: 4 = routine care; in ED 3 is the floor for an undifferentiated walk-in and 2 where
the ED reader already reads it).

1. No consciousness / pulse / waking (NHS "When to call 999": unconscious, not breathing, no
   pulse; AVPU "U"): "unresponsive" / "cardiac or respiratory arrest" (1), as "won't wake up"
   and "no pulse" are today. A past or partial state ("wasn't conscious", "not fully
   conscious") is read as "unconscious" / "barely conscious" are today: "altered mental
   status" (2). Before (4, 4, 2) or (4, 4, 3).
2. No feeling in the legs (as "I can't feel my legs" is read), with a bladder change or not, no feeling around the bottom (NHS "Cauda
   equina syndrome": A&E): "possible spinal cord compression" (2); no strength in one arm
   (NHS "Stroke"): "stroke signs (FAST)" (2). Before (4, 4, 4) or (4, 4, 3).
3. No urine / no wet nappy for a stated time, fewer wet nappies (NHS "Dehydration": urgent GP
   appointment or 111 if you have not peed all day or a baby has fewer wet nappies; NICE
   NG143: reduced urine output is amber): a new flag at 3 (urgent, the source's own level).
   Before (4, 4, 4) or (4, 4, 3). A retention reading that already gives 2 keeps it.
4. "He's not confused" is (2, 2, 2): parse reads AVPU "C" from "confused" and ignores the
   "not". Not changed here: the safety review reverted the same reading (2dca7b4) and pinned
   "alert and not confused" / "Not confused but drowsy" at <= 2
   (tests/test_triage_postneg_classes.py); the change is offered on branch
   h-tri13d-confusion instead. The affirmed confusions are pinned below.
"""

from __future__ import annotations

import pytest
from triage_readers import levels_and_flags

from assistant.triage.red_flags_lay3 import NO_URINE_FLAG

_run = levels_and_flags
UNRESP = "unresponsive"
ARREST = "cardiac or respiratory arrest"
AMS = "altered mental status"
CORD = "possible spinal cord compression"
FAST = "stroke signs (FAST)"
NEW_FLAGS = {UNRESP, ARREST, AMS, CORD, FAST, NO_URINE_FLAG}


@pytest.mark.parametrize("text,expected,flag", [
    ("he isn't conscious", (1, 1, 1), UNRESP),
    ("she's not conscious", (1, 1, 1), UNRESP),
    ("patient not conscious", (1, 1, 1), UNRESP),
    ("he hasn't come round", (1, 1, 1), UNRESP),
    ("he hasn't got a pulse", (1, 1, 1), ARREST),
    ("I can't feel a pulse", (1, 1, 1), ARREST),
    ("she doesn't have a pulse", (1, 1, 1), ARREST),
    ("he didn't wake up when I shook him", (1, 1, 1), UNRESP),
    ("she wouldn't wake even when we shouted", (1, 1, 1), UNRESP),
    ("she hasn't woken up since she hit her head", (1, 1, 1), UNRESP),
    ("she hasn't woken up since she took the pills", (1, 1, 1), UNRESP),
    ("he won't wake up properly", (1, 1, 1), UNRESP),  # already 1 before: pinned
    ("he wasn't conscious when I found him", (2, 2, 2), AMS),
    ("he's not fully conscious", (2, 2, 2), AMS),
    ("I don't have any feeling in my legs and can't control my bladder", (2, 2, 2), CORD),
    ("I have no feeling in my legs and I can't control my bladder", (2, 2, 2), CORD),
    ("no feeling in my bottom", (2, 2, 2), CORD),
    # as "I can't feel my legs" (2 before this round)
    ("I don't have any feeling in my legs", (2, 2, 2), CORD),
    ("I haven't got any strength in my left arm since this morning", (2, 2, 2), FAST),
    # (tri14b) an adult with no urine since yesterday / in 24 hours is read as the knowledge
    # base reads "not passed urine for 24 hours" (retention, 2: NHS "Urinary retention",
    # NHS "Dehydration" adults not peed for 8 hours): a raise from 3, the no-urine flag stays
    ("he hasn't passed urine since yesterday", (2, 2, 2), NO_URINE_FLAG),
    ("she hasn't had a wet nappy all day", (3, 3, 3), NO_URINE_FLAG),
    ("I haven't peed in 24 hours", (2, 2, 2), NO_URINE_FLAG),  # (tri14b) raise from 3
    ("my baby hasn't had a wet nappy since this morning", (3, 3, 3), NO_URINE_FLAG),
    ("no wet nappies all day", (3, 3, 3), NO_URINE_FLAG),
    ("my baby has fewer wet nappies", (3, 3, 3), NO_URINE_FLAG),
    ("I haven't had a wee today", (3, 3, 3), NO_URINE_FLAG),
])
def test_absence_is_the_finding(triager, text: str, expected: tuple[int, ...], flag: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert flag in flags


def test_retention_reading_keeps_its_level(triager) -> None:
    # the acute urinary retention condition already gave 2: the level-3 flag does not lower it
    levels, flags = _run(triager, "he has not passed urine for 24 hours")
    assert levels == (2, 2, 2)
    assert NO_URINE_FLAG in flags


@pytest.mark.parametrize("text,expected", [
    ("he isn't conscious of his weight", (4, 4, 2)),
    ("not conscious of any change", (4, 4, 3)),
    ("she isn't conscious of doing it", (4, 4, 3)),
    ("he's not self-conscious about it", (4, 4, 2)),
    ("it was not a conscious decision", (4, 4, 3)),
    ("he hasn't come round for dinner yet", (4, 4, 2)),
    # the speaker's own pulse: a person who talks and is fine has a circulation (NHS "When to
    # call 999" means someone collapsed with no pulse), so no arrest
    ("I can't feel my pulse in my neck when I try but I'm fine", (4, 4, 4)),
    ("I can't feel a pulse in his foot", (4, 4, 4)),
    ("I can't find a pulse on my watch", (4, 4, 3)),
    ("didn't wake up until 10 because he was tired", (4, 4, 2)),
    ("he didn't wake up when I shook him but then woke and is fine now", (4, 4, 2)),
    ("she hasn't woken up since her nap", (4, 4, 3)),
    ("hasn't passed urine in front of me", (4, 4, 4)),
    ("I haven't peed since I got up, I'm fine", (4, 4, 3)),
    ("she didn't pee in the potty today", (4, 4, 3)),
    # (sweep) a short stretch, or a child told well and drinking
    ("I haven't had a wee for 3 hours and my tummy hurts a bit.", (4, 4, 3)),
    ("My 2 year old hasn't had a wee yet this morning, he's fine and drinking well.", (4, 4, 4)),
    ("My 2-year-old has had fewer wet nappies today with a cold, drinking well and playing.",
     (4, 4, 3)),
    ("hasn't passed wind since yesterday", (4, 4, 3)),
    ("no feeling of sickness", (4, 4, 3)),
    ("I have no feeling in my fingers", (4, 4, 4)),
    ("I haven't got any strength in my arms", (4, 4, 3)),
    ("I haven't got any strength in my left arm since I broke my wrist", (4, 4, 4)),
    ("I've had no strength in my left arm for 3 years", (4, 4, 4)),
    ("no strength in my legs after the gym", (4, 4, 3)),
])
def test_near_misses(triager, text: str, expected: tuple[int, ...]) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert not NEW_FLAGS & set(flags)


# ---- 4. confusion: the AVPU "C" floor (a denied confusion is left as the safety review
# reverted it, 2dca7b4: see tests/test_triage_postneg_classes.py) ----
@pytest.mark.parametrize("text", [
    "he's confused",
    "she's confused and drowsy",
    "new confusion",
    "he was not confused before, now very confused",
    "he's not just confused, also drowsy",
    "not only confused but drowsy",
])
def test_affirmed_confusion_stays(triager, text: str) -> None:
    levels, _ = _run(triager, text)
    assert levels == (2, 2, 2)


def test_denied_confusion_keeps_other_floors(triager) -> None:
    levels, flags = _run(triager, "he's not confused but he is unresponsive")
    assert levels == (1, 1, 1)
    assert UNRESP in flags
