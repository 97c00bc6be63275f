"""Lay triage, tri14b (issue 21): five known-missed lay classes of the free-text triage, read by
``assistant/triage/red_flags_lay2.py`` and ``red_flags_lay3.py``; only raises.

Levels are (primary_care, self, ed), hand-computed from the rules: a level-2 red flag sets 2 in
every setting; the passed-chest flag is level 3 (ED keeps its own chest floor of 2); a near miss
fires none of the new flags and keeps the level the rules gave at the session's base commit
(checked with /tmp/t8.py on the base: 4 = routine care, ED 3 for an undifferentiated walk-in,
ED 2 where its chest or breath floor already reads the text).

1. Crushing-chest similes with no verb and no "on it" (NHS "Heart attack": pressure,
   heaviness, tightness or squeezing -> 999): "chest like a weight", "my chest is like a
   vice", "like a vice round my chest" -> "chest pain with cardiac features" (2); "chest like a
   tight band" with spread or sweating (as the band round the chest) -> 2; passed on an
   earlier day -> 3. Before (4, 4, 2).
2. Lips or tongue still blue or grey (NHS "When to call 999", "Blue or grey skin or lips":
   call 999) -> "respiratory distress" (2), the blue-lips rule's name (its acuity-1 twin with
   hypoxia or shock applies). Before (4, 4, 3) / (4, 4, 2).
3. An adult unable to pass urine since a stated time, or none since yesterday / all day / for
   8 hours or more (NHS "Urinary retention": A&E if you suddenly cannot pee; NHS
   "Dehydration": not peed for 8 hours / all day) -> "unable to pass urine (possible acute
   urinary retention)" (2), as the knowledge base reads "not passed urine for 24 hours".
   Before (3, 3, 3) or (4, 4, 3). A child keeps the dehydration reading.
4. A PET scan / PET-CT and a computer mouse are no animal for the fit rule's pet guard.
5. The fit, TIA, chest and lips rules are linear on 20,000-character unpunctuated text.
"""

from __future__ import annotations

import dataclasses

import pytest
from triage_readers import levels_and_flags

from assistant.triage import red_flags as rf
from assistant.triage.red_flags_lay2 import (
    _ANIMAL,
    _LIPS_STILL,
    CHEST_PASSED,
    LAY2_RULES,
    TIA_PASSED,
)
from assistant.triage.red_flags_lay3 import RETENTION_FLAG

_run = levels_and_flags
CARDIAC = "chest pain with cardiac features"
RESP = "respiratory distress"
FIT = "first seizure (no known epilepsy)"
NEW_FLAGS = {CARDIAC, CHEST_PASSED, RESP, RETENTION_FLAG}


# ---- 1. crushing-chest similes with no verb ----
@pytest.mark.parametrize("text", [
    "chest like a weight, sweating and arm pain",
    "chest like a vice",
    "my chest is like a vice",
    "my chest feels like a heavy weight",
    "chest like a ton of bricks",
    "like a vice round my chest",
    "chest like a band, sweating",
])
def test_chest_simile_without_verb(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)  # before (4, 4, 2)
    assert CARDIAC in flags


@pytest.mark.parametrize("text", [
    "my chest is like an elephant sitting on it",
    "like someone sitting on my chest",
    "my chest is like a tight band and the pain goes down my left arm",
])
def test_chest_simile_already_read_stays(triager, text: str) -> None:
    assert _run(triager, text)[0] == (2, 2, 2)


@pytest.mark.parametrize("text,expected", [
    ("it's a weight off my chest", (4, 4, 2)),
    ("I need to get it off my chest", (4, 4, 2)),
    ("he has a chest like a barrel", (4, 4, 2)),
    ("I want to talk about weight loss", (4, 4, 3)),
    ("my baby sleeps like a log on my chest", (4, 4, 2)),
    ("my chest feels like a weight has been lifted off it", (4, 4, 2)),
    ("the worry is like a weight on my chest", (4, 4, 2)),
    ("my chest is like a weight when I think about my exams", (4, 4, 2)),
    ("the bar felt like a ton of bricks on my chest when I was benching", (4, 4, 2)),
    # a band alone is also asthma's tightness: it needs spread or sweating (as lay13's band)
    ("my chest feels like a tight band", (4, 4, 2)),
    ("my chest is like a rock after feeding the baby", (4, 4, 2)),
    ("my chest feels like the elephant in the room", (4, 4, 2)),
    ("my chest is like a weight lifter's", (4, 4, 2)),
    ("chest like a weight loss journey", (4, 4, 2)),
])
def test_chest_simile_near_misses(triager, text: str, expected: tuple[int, ...]) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert not NEW_FLAGS & set(flags)


def test_chest_simile_worry_with_companion_fires(triager) -> None:
    levels, flags = _run(triager, "my chest is like a weight with all the stress and I'm "
                                  "sweating and my arm aches")
    assert levels == (2, 2, 2)
    assert CARDIAC in flags


@pytest.mark.parametrize("text", [
    "my chest felt like a weight last week but it's gone now",
    "chest like a tight band yesterday with pain down my left arm, gone now",
])
def test_chest_simile_passed_is_urgent(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (3, 3, 2)  # before (4, 4, 2); ED keeps its chest floor
    assert CHEST_PASSED in flags and CARDIAC not in flags


# ---- 2. lips still blue or grey ----
@pytest.mark.parametrize("text", [
    "better now but lips still blue",
    "his lips are still grey",
    "her lips still look a bit blue",
    "his tongue is still blue",
    "his lips have stayed blue since the fit",
])
def test_lips_still_blue(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)  # before (4, 4, 3) or (4, 4, 2)
    assert RESP in flags


def test_blue_round_mouth_already_read(triager) -> None:
    assert _run(triager, "still blue around the mouth")[0] == (2, 2, 2)


@pytest.mark.parametrize("text,expected", [
    ("her lips are still blue from the ice lolly", (4, 4, 3)),
    ("his lips are still blue from eating blueberries", (4, 4, 2)),
    ("my hands go blue in the cold and warm up again", (4, 4, 3)),
    ("his lips were still blue after swimming but now warm and pink", (4, 4, 2)),
    ("his lips are always a bit blue, that's normal for him with his heart condition", (4, 4, 2)),
    ("my lips are still dry and cracked", (5, 5, 4)),
    ("my lips are still blue with the blue lip gloss", (4, 4, 3)),
])
def test_lips_still_near_misses(triager, text: str, expected: tuple[int, ...]) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert RESP not in flags


@pytest.mark.parametrize("text", [
    # the existing lips rule reads these (2); the new rule does not (no "still")
    "his lips were blue but are pink now",
    "I'm wearing blue lipstick",
])
def test_lips_existing_reading_not_lowered(triager, text: str) -> None:
    assert _run(triager, text)[0] == (2, 2, 2)
    assert _LIPS_STILL.search(text) is None


@pytest.mark.parametrize("text,expected", [
    ("his lips are still blue, sats 84%", (1, 1, 1)),
    ("his lips are still blue, BP 80/40 HR 130", (1, 1, 1)),
])
def test_lips_still_blue_with_shock_or_hypoxia(triager, text: str,
                                               expected: tuple[int, ...]) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert "respiratory distress with hypoxia or shock" in flags


# ---- 3. unable to pass urine since a stated time (an adult) ----
@pytest.mark.parametrize("text", [
    "hasn't passed urine since yesterday",
    "haven't been able to pee since this morning",
    "I haven't been able to wee since last night",
    "he has not been able to pass urine since 6am",
    "my husband hasn't passed urine all day",
    "I haven't had a wee for 12 hours",
    "I haven't been able to pee since my operation this morning",
    "has not passed urine for 24 hours",
    "can't pee at all since last night",
    "75 year old man unable to void since last night",
    # a catheter taken out and no urine since: a failed trial without catheter (retention)
    "he has not been able to pee since the catheter was taken out this morning",
])
def test_retention_since(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)  # before (3, 3, 3), (4, 4, 3) or (4, 4, 2); 2 kept where 2
    assert RETENTION_FLAG in flags


@pytest.mark.parametrize("text,expected", [
    # a child keeps the dehydration reading (NICE NG143 amber)
    ("my son hasn't been able to pee since this morning", (4, 4, 3)),
    ("my baby hasn't had a wet nappy since yesterday", (3, 3, 3)),
    # a few hours with no wee and no inability told
    ("I haven't peed since this morning", (3, 3, 3)),
    ("I haven't peed for 3 hours", (4, 4, 3)),
    ("I can't pee properly since yesterday, the stream is weak", (4, 4, 3)),
    ("it stings when I pee and I haven't been able to wee since this morning", (4, 4, 3)),
    ("I'm on dialysis and haven't passed urine since yesterday", (3, 3, 3)),
    ("I haven't been able to pee since this morning because the toilets are closed", (4, 4, 3)),
    ("I couldn't pee for a day after my operation 2 years ago", (4, 4, 3)),
    ("I can pee fine, I haven't been to the toilet since this morning", (4, 4, 3)),
    ("I can't pee in public toilets since I was a child", (4, 4, 3)),
    ("I haven't been able to wee since last week", (4, 4, 3)),
    # a catheter in place: the dehydration reading only
    ("I have a catheter and haven't passed urine since yesterday", (3, 3, 3)),
])
def test_retention_near_misses(triager, text: str, expected: tuple[int, ...]) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert RETENTION_FLAG not in flags


# ---- 4. a PET scan and a computer mouse are no animal ----
@pytest.mark.parametrize("text", [
    "my dad had a PET scan and then had a fit, he isn't epileptic",
    "I was clicking the mouse and then I had a fit, I'm not epileptic",
])
def test_fit_beside_pet_scan_or_mouse(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)  # before (4, 4, 3)
    assert FIT in flags


@pytest.mark.parametrize("text", [
    "had a PET-CT and then had a seizure, never had one before",
    "I was using my computer mouse and had a seizure, I'm not epileptic",
])
def test_fit_already_read_stays(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert FIT in flags


@pytest.mark.parametrize("text,expected", [
    ("my dog had a fit, he isn't epileptic", (4, 4, 3)),
    ("my pet mouse had a fit, he isn't epileptic", (4, 4, 3)),
])
def test_animal_fit_near_misses(triager, text: str, expected: tuple[int, ...]) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert FIT not in flags


@pytest.mark.parametrize("text,animal", [
    ("a PET scan", False), ("the PET-CT", False), ("PET/CT", False), ("pet scans", False),
    ("a PET MRI", False), ("my computer mouse", False), ("a mouse click", False),
    ("clicking the mouse", False), ("the mouse pad", False),
    ("my pet", True), ("our pet rabbit", True), ("a mouse ran past", True),
    ("my pet mouse", True), ("the pets", False), ("a dog", True),
])
def test_animal_lexicon(text: str, animal: bool) -> None:
    assert (_ANIMAL.search(text) is not None) is animal


# ---- 5. linear on long unpunctuated text, same match ----
def _mk(unit: str, n: int = 20000) -> str:
    return (unit * (n // len(unit) + 1))[:n]


# Their run time is measured by `python -m eval.bench longtext` (benchmarks, not timed
# unit tests, check speed); the tests below pin that the faster path finds the same match.


_SAME_TEXTS = [
    "my dog had a fit. he had a fit, he isn't epileptic",
    "I've never had a seizure before. Today he had a seizure, he isn't epileptic",
    "my face and arm went numb yesterday. my face and arm went numb",
    "my face and arm went numb yesterday, fine now",
    "it felt like a weight on my chest last week. it feels like a weight on my chest now",
    "like a weight on my chest when I think about exams. chest like a weight, sweating",
    "lips still blue from the lolly. his lips are still blue",
    "better now but lips still blue, he was swimming, now warm and pink",
    _mk("my dog had a fit "), _mk("face and arm numb yesterday "),
]


@pytest.mark.parametrize("text", _SAME_TEXTS)
def test_prefilter_gives_the_same_match(text: str) -> None:
    """The prefiltered trigger finds the same match as the plain pattern under the same checks
    (every check is a pure filter of the match)."""
    for rule in LAY2_RULES:
        plain = getattr(rule.trigger, "_pattern", rule.trigger)
        a = rf._find_trigger(rule, text)
        b = rf._find_trigger(dataclasses.replace(rule, trigger=plain), text)
        assert (a.span() if a else None) == (b.span() if b else None), rule.name


def test_prefilter_off_during_guard_audit() -> None:
    """During the guard audit the trigger is scanned whole (the audit logs what it logged)."""
    rule = next(r for r in LAY2_RULES if r.name == TIA_PASSED)
    text = "my face and arm went numb and my face and arm went numb"
    assert len(list(rule.trigger.finditer(text))) == 0
    old = rf.GUARD_LOG
    rf.GUARD_LOG = set()
    try:
        assert len(list(rule.trigger.finditer(text))) == 2
    finally:
        rf.GUARD_LOG = old
