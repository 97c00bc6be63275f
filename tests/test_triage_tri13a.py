"""Lay triage, tri13a (issue 21): four under-triaged lay classes, read by
``assistant/triage/red_flags_lay2.py``.

Levels are (primary_care, self, ed), hand-computed from the rules: a level-2 red flag sets 2 in
every setting; the passed-TIA flag is level 3 in every setting; a near-miss fires none of the
new flags and keeps the level the rules gave before this round (checked with /tmp/t8.py on the
base: 4 = routine care, 3 in ED is the ED's floor for an undifferentiated walk-in, 2 in ED where
the ED's chest or breath floor already reads it).

1. A fit told with epilepsy or earlier fits denied (NHS "What to do if someone has a seizure":
   call 999 if it is the first time someone has had a seizure): "first seizure (no known
   epilepsy)" (2). Before (4, 4, 3). Not a denial alone, a fit idiom or tantrum, a dated fit, a
   known epilepsy, a non-epileptic attack disorder.
2. Face and one arm numb or weak together (NHS "TIA": FAST, call 999; even if the symptoms go
   away hospital assessment is needed): "stroke signs (FAST)" (2) today or just over; an episode
   on an earlier day that has passed is level 3 (Stroke Association "What if symptoms pass": see
   your GP urgently; NICE NG128: specialist assessment within 24 hours). Before (4, 4, 4). Not
   an arm slept on, fingers alone, a dental anaesthetic, both arms tingling, a migraine aura,
   months of numbness, a known MS.
3. Crushing-chest similes with the weight "on" the chest (NHS "Heart attack": pressure,
   heaviness, squeezing): "chest pain with cardiac features" (2). Before (4, 4, 2). Not a weight
   off the chest, the elephant in the room, a baby sitting on the chest, a worry's weight.
4. Speech cut to a few words by the pause for breath (NHS "Asthma attack": too breathless to
   speak; BTS/SIGN 158: cannot complete sentences): "respiratory distress" (2). Before (4, 4, 3)
   or (4, 4, 2). Not a few words said to someone, shyness, a stammer, word-finding, a toddler's
   words, a sore throat, a denial of the pause.
"""

from __future__ import annotations

import pytest
from triage_readers import levels_and_flags

from assistant.triage.red_flags_lay2 import TIA_PASSED

_run = levels_and_flags
FIT = "first seizure (no known epilepsy)"
FAST = "stroke signs (FAST)"
CARDIAC = "chest pain with cardiac features"
RESP = "respiratory distress"
NEW_FLAGS = {FIT, FAST, CARDIAC, RESP, TIA_PASSED}


# ---- 1. a fit with epilepsy or earlier fits denied ----
@pytest.mark.parametrize("text", [
    "I've never had a seizure before and I just had one",
    "he had a fit, he isn't epileptic",
    "first ever fit",
    "she's not epileptic but she just had a seizure",
    "she has never had a fit before and just had one",
    "he doesn't have epilepsy and just had a fit",
    "she's never had a fit before and she's fitting now",
    "my dad had a seizure, no history of epilepsy",
    "he fitted for two minutes, he isn't epileptic",
    "no seizures before, he's had one today",
    "he hasn't had a fit before and has just had a seizure",
    "he had a seizure at school today, he doesn't have epilepsy",
    "he's never been epileptic and had a seizure just now",
])
def test_fit_with_epilepsy_denied(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert FIT in flags


@pytest.mark.parametrize("text,expected", [
    ("I've never had a seizure", (4, 4, 3)),
    ("he's not epileptic", (4, 4, 2)),
    ("he hasn't had a fit before", (4, 4, 2)),
    ("my toddler has tantrum fits", (4, 4, 3)),
    ("he had a tantrum fit, he isn't epileptic", (4, 4, 3)),
    ("fits of coughing", (4, 4, 3)),
    ("fits of laughter", (4, 4, 3)),
    ("I had a fit of giggles, I'm not epileptic", (4, 4, 3)),
    ("he had a fit of rage, he's not epileptic", (4, 4, 2)),
    ("the dress fits", (4, 4, 3)),
    ("she is not epileptic and the shoes are fitting well", (4, 4, 3)),
    ("he was fitted for a cast, he's not epileptic", (4, 4, 2)),
    ("I have epilepsy, had a fit this morning, I'm fine now", (4, 4, 3)),
    ("my son is epileptic, had a fit, he isn't on his meds", (4, 4, 3)),
    ("the doctor said he's not epileptic, he had a fit 2 years ago", (4, 4, 2)),
    ("I'm not epileptic, just had one drink", (4, 4, 3)),
    ("I've never had a seizure, just had one of my headaches", (4, 4, 3)),
])
def test_fit_near_misses(triager, text: str, expected: tuple[int, ...]) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert FIT not in flags


def test_known_epilepsy_usual_seizure_stays_as_before(triager) -> None:
    # the base's "altered mental status" reads it (2); the new rule adds nothing
    levels, flags = _run(triager, "I have epilepsy and had my usual seizure, back to normal now")
    assert levels == (2, 2, 2)
    assert FIT not in flags


def test_non_epileptic_attack_not_first_seizure_flag(triager) -> None:
    _, flags = _run(triager, "she has non-epileptic seizures and had one today, she's not epileptic")
    assert FIT not in flags


# ---- 2. face and arm numb or weak (TIA) ----
@pytest.mark.parametrize("text", [
    "my face and arm went numb for 10 minutes and now I'm back to normal",
    "face drooped and arm went weak but it passed",
    "my face dropped on one side and my arm went weak for a few minutes, now fine",
    "my face went numb and my arm went weak, it's gone now",
    "numbness in my face and arm for 5 minutes this morning",
    "my arm and face went numb",
    "half my face and my arm went numb",
    "the left side of my face and my left arm went dead for a few minutes",
    "I lost feeling in my face and arm for about 5 minutes",
    "my mouth drooped and my arm went weak",
    "his face and right arm went weak then got better",
    "mum's face and arm went numb earlier, she's fine now",
    "my face feels numb and my arm is weak",
    "my face and arm went numb last night and they're still numb",
    "my face and arm went numb yesterday and again this morning",
])
def test_face_and_arm_today(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert FAST in flags


@pytest.mark.parametrize("text", [
    "my face and arm were numb for a minute yesterday but fine now",
    "my face and arm went numb 3 days ago for 5 minutes",
])
def test_face_and_arm_earlier_day_passed(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (3, 3, 3)
    assert flags == [TIA_PASSED]


def test_passed_flag_subsumed_by_fast(triager) -> None:
    # the base's FAST rule reads a dropped face with a weak arm (2); the level-3 flag is not
    # reported beside it
    levels, flags = _run(triager, "my face drooped and my arm went weak yesterday, it passed")
    assert levels == (2, 2, 2)
    assert flags == [FAST]


@pytest.mark.parametrize("text,expected", [
    ("my arm was numb from sleeping on it", (4, 4, 4)),
    ("pins and needles in my fingers", (4, 4, 4)),
    ("my face is numb after the dentist", (4, 4, 3)),
    ("my face and arm went numb after the dentist", (4, 4, 4)),
    ("my face and arms tingle when I panic", (4, 4, 4)),
    ("I get migraines with aura and my face and arm go numb", (4, 4, 4)),
    ("I slept on my arm and my face and arm went numb", (4, 4, 4)),
    ("my face and arm went numb after I slept on it", (4, 4, 4)),
    ("my face and arm went numb from the cold", (4, 4, 4)),
    ("my face and arm have been numb for 3 months", (4, 4, 4)),
    ("my face and arm went numb last year", (4, 4, 4)),
    ("I have MS and my face and arm are numb again", (4, 4, 4)),
])
def test_face_and_arm_near_misses(triager, text: str, expected: tuple[int, ...]) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert not NEW_FLAGS & set(flags)


# ---- 3. crushing-chest similes ----
@pytest.mark.parametrize("text", [
    "my chest feels like an elephant is sitting on it",
    "it feels like a weight on my chest",
    "like a ton of bricks on my chest",
    "it feels like someone is sitting on my chest",
    "like having an elephant on my chest",
    "it feels like there's a heavy weight on my chest and I feel sick",
    "my chest feels like someone is standing on it",
    "as if a ton of bricks is on my chest",
    "it's like a tonne of bricks sitting on my chest",
    "like a big weight on my chest and it's going down my arm",
    "it feels like something heavy on my chest",
    "my chest feels like there's a weight on it",
    "my chest feels like a weight is on it",
])
def test_chest_weight_simile(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert CARDIAC in flags


@pytest.mark.parametrize("text,expected", [
    ("what a weight off my chest", (4, 4, 2)),
    ("it's the elephant in the room", (4, 4, 3)),
    ("my baby was sitting on my chest", (4, 4, 2)),
    ("it was like a weight had been lifted off my chest", (4, 4, 2)),
    ("all this stress feels like a weight on my chest", (4, 4, 2)),
])
def test_chest_simile_near_misses(triager, text: str, expected: tuple[int, ...]) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert CARDIAC not in flags


# ---- 4. speech cut to a few words by breathlessness ----
@pytest.mark.parametrize("text", [
    "I can only say a few words at a time",
    "can't get more than a couple of words out without stopping for breath",
    "I have to stop for breath every few words",
    "I can only get a couple of words out between breaths",
    "he can only manage a word or two at a time",
    "I have to stop to catch my breath after every couple of words",
    "I can't get more than two words out at a time",
    "I'm only able to say a few words at a time",
    "I can barely get a couple of words out without stopping for breath",
    "she's stopping for breath between every couple of words",
    "can only say one or two words before I have to catch my breath",
    "I have asthma and can't get more than a few words out without stopping for breath",
])
def test_few_words_breathless(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert RESP in flags


@pytest.mark.parametrize("text,expected", [
    ("I can only say a few words to him", (4, 4, 2)),
    ("I only say a few words at a time to him", (4, 4, 2)),
    ("I have trouble finding words", (4, 4, 3)),
    ("I'm shy and only say a few words", (4, 4, 3)),
    ("I stammer and can't get words out", (4, 4, 3)),
    ("I stammer and can only say a few words at a time", (4, 4, 3)),
    ("I don't have to stop for breath every few words", (4, 4, 2)),
    ("my 2 year old can only say a few words at a time", (4, 4, 4)),
    ("my son is 3 and can only say a few words at a time", (4, 4, 4)),
    ("my throat is so sore I can only say a few words at a time", (4, 4, 3)),
    ("I can't say a few words at a time", (4, 4, 3)),
])
def test_few_words_near_misses(triager, text: str, expected: tuple[int, ...]) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert RESP not in flags
