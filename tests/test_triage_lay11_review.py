"""Safety review of lay11 (issue 21, laytrifix): the faults found in the bare non-response,
grey copula and capital-break rules of red_flags.py.

Levels are (primary_care, self, ed). A person who does not respond now is level 1 everywhere
(NHS "When to call 999": someone unconscious or not responding; AVPU "U"). The "base" levels of
the near misses are the levels before lay11 (5d34106): the false flags are gone, nothing lower.

1. real emergencies the guards hid: a usual-health remark taken for a habit (a), a sleeper
   shaken or picked up (b, NICE NG143: does not wake when roused), a fit that is over (c, NHS
   Epilepsy: 999 if they do not regain consciousness), a baby NOT crying (d), a teenager or a
   person on tablets after drink, drugs, an overdose or a fall (e, h), a phone in another
   clause (f), "to" a person, the paramedics, shouting or a voice (g);
2. a non-person subject (an animal, a limb, a condition, an ex), "respond well to", and a
   hearing question with nothing acute are no unresponsive person;
3. a person who merely IS grey needs a sign of the circulation, breathing or mind ("back pain",
   "sick of being ill" are none);
4. a capital after a degree word, an adverb, "feeling" or a severity adjective is no new
   sentence ("I'm not feeling Suicidal", "no crushing Chest pain").
"""

from __future__ import annotations

import pytest
from triage_readers import levels_and_flags  # same folder

from assistant.triage import parse, red_flags

UNRESP = "unresponsive"
CYAN = "blue or grey colour (cyanosis)"


# the rules-only ``triager`` fixture is conftest's; _run is triage_readers.levels_and_flags
_run = levels_and_flags


# ---- 1. real emergencies: level 1 with the unresponsive flag ----
@pytest.mark.parametrize("text", [
    # a. a usual-health remark is no habit; a habit word only in the clause of "respond"
    "he's lying on the floor and doesn't respond when I shake him, he's usually fine",
    "my dad won't respond, he's usually fine",
    "he's usually fine but today he won't respond",
    "my husband is diabetic and won't respond, he's usually fine",
    "my mum has dementia, she's usually chatty but today she won't respond",
    "she won't respond, she's usually fine but her breathing is funny",
    # b. asleep but roused by touch
    "he's sleeping and won't respond when I shake him",
    "my baby is asleep and won't respond when I pick him up",
    # c. a fit that is over, or shaking that no seizure rule reads
    "he's stopped shaking but still won't respond",
    "he was shaking and now won't respond",
    "she's breathing but won't respond, she was shaking earlier",
    "he's not shaking anymore but won't respond",
    "she had a fit and won't respond",
    "he's shaking and won't respond",
    # d. not crying, stopped crying, screaming that is past
    "my baby won't respond, she's not crying at all",
    "my baby stopped crying and won't respond",
    "my baby is really quiet, not crying, and won't respond when I touch her",
    "she's not crying and won't respond when I touch her",
    "she was screaming with a headache and now won't respond",
    # e. a teenager after drink, pills or a fall
    "my teenager drank a lot and won't respond",
    "my teenage son drank vodka and won't respond",
    "my teenage daughter took pills and won't respond",
    "my teen fell off his bike and won't respond",
    # f. the phone in another clause
    "I was on the phone with my mum and she stopped talking and won't respond",
    # g. "to" a person, the paramedics, shouting, a voice
    "he won't respond to the paramedics",
    "she won't respond to her dad",
    "he won't respond to his mum",
    "my son won't respond to shouting",
    "he doesn't respond to the sound of my voice",
    # h. tablets taken in an overdose
    "she took all her tablets and won't respond",
    "my husband took an overdose of his medication and won't respond",
    "my daughter took something and won't respond",
    # the subject: a name, a relative parse does not list, a relative clause, a child's age
    "Tom collapsed and won't respond",
    "my grandson won't respond",
    "my mum who has dementia won't respond",
    "my 2 year old fell and won't respond",
    "my baby doesn't respond to noises and is floppy",
])
def test_unresponsive_now_is_level_1(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert UNRESP in flags
    assert levels == (1, 1, 1)


# ---- near misses the guards still hold (no unresponsive flag from red_flags) ----
@pytest.mark.parametrize("text, levels_want", [
    ("he sometimes won't respond when he's on his iPad", (4, 4, 2)),
    ("he usually won't respond when he's gaming", (4, 4, 2)),
    ("my son won't respond when he's playing, he's usually fine", (4, 4, 2)),
    ("she's asleep and won't respond when I call her name", (4, 4, 3)),
    ("she does not respond and keeps crying", (4, 4, 3)),
    ("my baby is screaming and won't respond to me", (4, 4, 3)),
    ("he won't respond to the treatment", (4, 4, 2)),
    ("his blood pressure won't respond to the tablets", (4, 4, 2)),
    ("my teenager won't respond to my texts", (4, 4, 3)),
    ("the baby doesn't respond to loud noises, is he deaf?", (4, 4, 2)),
    ("my dog collapsed and won't respond", (4, 4, 3)),
    ("my husband's legs won't respond", (4, 4, 3)),
])
def test_guards_that_hold(triager, text: str, levels_want: tuple[int, ...]) -> None:
    levels, flags = _run(triager, text)
    assert UNRESP not in flags
    assert levels == levels_want


# a fit going on now stays the seizure rules' level 2 (lay10 / trilay pins)
@pytest.mark.parametrize("text", [
    "my son is jerking and won't respond",
    "she's twitching and won't respond",
    "he jerks in his sleep and won't respond when I say his name",
])
def test_fit_now_stays_seizure(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert UNRESP not in flags
    assert "seizure now or prolonged" in flags
    assert levels == (2, 2, 2)


# ---- 2. no false level 1: not a person, a temperament, a hearing question (base levels) ----
@pytest.mark.parametrize("text, levels_want", [
    ("my dog won't respond", (4, 4, 3)),
    ("my cat doesn't respond", (4, 4, 3)),
    ("my ex won't respond", (4, 4, 3)),
    ("my thrush won't respond", (4, 4, 3)),
    ("my acid reflux won't respond", (5, 5, 3)),
    ("my blood sugar won't respond", (4, 4, 2)),
    ("my legs won't respond", (4, 4, 3)),
    ("my hand won't respond properly", (4, 4, 4)),
    ("he doesn't respond well to change", (4, 4, 2)),
    ("my son doesn't respond well to strangers", (4, 4, 3)),
    ("my baby doesn't respond to noises", (4, 4, 3)),
    ("my 2 year old doesn't respond when I call him", (4, 4, 4)),
    ("my GP won't respond", (4, 4, 4)),
])
def test_not_an_unresponsive_person(triager, text: str, levels_want: tuple[int, ...]) -> None:
    levels, flags = _run(triager, text)
    assert UNRESP not in flags
    assert levels == levels_want


@pytest.mark.parametrize("text, subject_ok", [
    ("my wife collapsed and won't respond", True),
    ("he won't respond", True),
    ("my grandson won't respond", True),
    ("Tom won't respond", True),
    ("my dog won't respond", False),
    ("my thrush won't respond", False),
    ("my blood sugar won't respond", False),
    ("my GP won't respond", False),
    ("my ex won't respond", False),
    ("I can't respond", False),
])
def test_respond_subject(text: str, subject_ok: bool) -> None:
    m = red_flags.RESPOND_BARE.search(text)
    assert m is not None
    sent_m = red_flags._sentence_match(text, m.start())
    assert red_flags._respond_subject_ok(text, sent_m, m) is subject_ok


def test_person_words_are_parses() -> None:
    """The person list is parse's AVPU reader's (one list)."""
    assert set(parse.NO_RESPONSE_PERSONS) <= red_flags.RESPOND_PERSON
    assert {"he", "she", "husband", "wife", "baby", "mum", "dad"} <= red_flags.RESPOND_PERSON


# ---- 3. a bare "is grey" needs a circulation, breathing or mind sign ----
@pytest.mark.parametrize("text, levels_want, flagged", [
    # (review, 2026-12-06) grey with pain: a shock / aneurysm picture (NHS), level 2
    ("my dad is grey and has back pain", (2, 2, 2), True),
    ("my dad is grey and has severe pain in his back and stomach", (2, 2, 2), True),
    ("my dad is grey and in a lot of pain", (2, 2, 2), True),
    ("my husband is grey and sick of being ill", (4, 4, 3), False),
    ("my dad is grey and unwell", (4, 4, 3), False),
    ("my wife is grey and poorly", (4, 4, 3), False),
    ("he is grey and has a headache", (4, 4, 2), False),
    ("my dad is grey and clammy", (2, 2, 2), True),
    ("my dad is grey and breathless", (2, 2, 2), True),
    ("my dad is grey and has chest pain", (2, 2, 2), True),
    ("my dad is grey and sick", (2, 2, 2), True),
    ("grandma is grey and not herself", (2, 2, 2), True),
])
def test_grey_copula(triager, text: str, levels_want: tuple[int, ...], flagged: bool) -> None:
    levels, flags = _run(triager, text)
    assert (CYAN in flags) is flagged
    assert levels == levels_want


# ---- 4. no sentence break inside a denied phrase ----
@pytest.mark.parametrize("text, levels_want", [
    ("I'm not feeling Suicidal", (4, 4, 3)),
    ("I'm not really Suicidal", (4, 4, 3)),
    ("I'm not feeling Suicidal but I'm very low", (4, 4, 3)),
    ("no crushing Chest pain", (4, 4, 3)),
    ("no bad Chest pain", (4, 4, 3)),
    ("not really Chest pain more like Heartburn", (4, 4, 3)),
    ("no really bad Headache today", (4, 4, 3)),
    ("not especially Breathless", (4, 4, 3)),
    ("denies any Chest pain", (4, 4, 3)),
])
def test_denied_phrase_not_broken(triager, text: str, levels_want: tuple[int, ...]) -> None:
    levels, flags = _run(triager, text)
    assert flags == []
    assert levels == levels_want


@pytest.mark.parametrize("text, levels_want, flag", [
    ("no fever Crushing chest pain and sweating", (2, 2, 2), "chest pain with cardiac features"),
    ("no fever Severe headache and stiff neck", (2, 2, 2), "meningism"),
    ("I feel really Suicidal", (2, 2, 2), "suicidality or self-harm"),
])
def test_lost_stop_still_breaks(triager, text: str, levels_want: tuple[int, ...], flag: str) -> None:
    levels, flags = _run(triager, text)
    assert flag in flags
    assert levels == levels_want


def test_teen_sulk_is_avpu_u_after_lay12_take_back(triager) -> None:
    # parse's AVPU "U" now names teenagers (lay12) and its sulk guard was taken back after
    # review: "my teenager won't respond, he's sulking" is level 1 (accepted over-triage)
    assert _run(triager, "my teenager won't respond, he's sulking")[0] == (1, 1, 1)
