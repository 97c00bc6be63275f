"""Safety review of h-tri9 (issue 21): the collapse rule, "isn't waking up", the AKI entry and
the "never had X like this" first-episode reading over-fired on everyday lay wording. Each
case below was an emergency (2) or level 1 on main 7827ff4; the levels (primary_care, self, ed)
are pinned by hand and equal those of 834210a (before h-tri9), except the stated recoveries
(level 3: NHS Fainting, GP / 111) and the optional AKI positive (2).
"""

from __future__ import annotations

import pytest


def _levels(triager, text: str) -> tuple[int | None, ...]:  # type: ignore[no-untyped-def]
    return tuple(triager.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in ("primary_care", "self", "ed"))


# 1. collapse: only a person's collapse told as an event (lead decision 1)
@pytest.mark.parametrize(("text", "levels"), [
    ("I nearly collapsed laughing", (4, 4, 3)),
    ("I almost collapsed when I saw the bill", (4, 4, 3)),
    ("I'm on the verge of collapse from exhaustion", (4, 4, 3)),
    ("I think I'll collapse if I don't get some sleep", (4, 4, 3)),
    ("My knee collapsed under me", (4, 4, 4)),
    ("My ankle collapsed on the kerb", (4, 4, 4)),
    ("My flat arches have collapsed", (4, 4, 3)),
    ("My nostrils collapse", (4, 4, 3)),
    ("The chair collapsed under me", (4, 4, 3)),
    ("The ladder collapsed", (4, 4, 3)),
    ("Our ceiling collapsed", (4, 4, 3)),
    ("My dog collapsed", (4, 4, 3)),
    ("I collapsed crying", (4, 4, 3)),
    ("I'm emotionally collapsing", (4, 4, 3)),
    ("I collapsed in front of the telly", (4, 4, 3)),
    ("What should I do if someone collapses?", (4, 4, 3)),
    ("My phone just fell on the floor", (4, 4, 4)),
    ("I just dropped to the floor to do press ups", (4, 4, 3)),
    ("My dog was sick this morning then collapsed", (4, 4, 3)),
    ("The chair my dad sat on collapsed", (4, 4, 3)),
    ("My dad's dog collapsed", (4, 4, 3)),
    ("The struts were replaced to prevent the table from collapsing.", (4, 4, 3)),
])
def test_collapse_not_of_a_person_or_not_an_event(triager, text: str,
                                                  levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


@pytest.mark.parametrize("text", [
    "I collapsed after giving blood, felt fine after a drink",
    "She collapsed, back to normal now",
    "Mum collapsed, alert now",
])
def test_collapse_with_stated_recovery_is_level_3(triager, text: str) -> None:
    assert _levels(triager, text) == (3, 3, 3)


@pytest.mark.parametrize("text", [
    # a person, in lay and clinical words: still an emergency
    "My 80 year old dad collapsed at home",
    "A man collapsed in the street",
    "My friend Dave collapsed at work",
    "a 70 year old man who collapsed at home",
    "He was found collapsed",
    "His wife found him collapsed in the field",
    "Brought in after collapsing at home",
    "She had chest pain and collapsed",
    "Chest pain and collapsed at home",
    "He felt fine this morning, then suddenly collapsed.",
    "I've collapsed twice today",
    "He collapsed and isn't fine",
    "She collapsed from exhaustion after the marathon",
    "My dad just fell to the floor",
    "The man at the bus stop collapsed",
    "the old man next door collapsed",
    "My grandmother, who is 90, collapsed",
])
def test_a_person_who_collapsed_stays_an_emergency(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)


def test_recovery_stated_before_the_collapse_is_no_recovery(triager) -> None:
    assert _levels(triager, "He felt fine this morning then collapsed") == (2, 2, 2)


# 2. "isn't waking up": a person, not a sleep complaint (lead decision 2)
@pytest.mark.parametrize(("text", "levels"), [
    ("My alarm isn't waking me up", (4, 4, 3)),
    ("I wasn't waking up feeling rested", (4, 4, 3)),
    ("She isn't waking up easily", (4, 4, 3)),
    ("She isn't waking up at 3am", (4, 4, 3)),
    ("He isn't waking up when the baby cries", (4, 4, 2)),
    ("She isn't waking up with headaches any more", (4, 4, 3)),
    # a past spell that ended: 3 at most in primary care and self (ed: the learned estimate)
    ("He wasn't waking up so I gave him a shake and he woke, now fine", (4, 4, 2)),
])
def test_isnt_waking_sleep_complaints_are_not_unresponsive(triager, text: str,
                                                           levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


@pytest.mark.parametrize("text", [
    "she fainted and isn't waking up",
    "She isn't waking up.",
    "He isn't waking up at all",
    "My husband is not waking up",
    # NICE NG143: a baby who does not wake (red): kept
    "My baby isn't waking up for feeds",
])
def test_a_person_not_waking_stays_level_1(triager, text: str) -> None:
    assert _levels(triager, text) == (1, 1, 1)


# 3. AKI: not a weak stream, not swelling elsewhere, no puffs (lead decision 3)
@pytest.mark.parametrize(("text", "levels"), [
    ("I have a poor urine stream and swollen ankles, 70 year old man", (4, 4, 4)),
    ("Reduced urine flow and a swollen prostate", (4, 4, 4)),
    ("Hardly peeing and I take 2 puffs of my inhaler", (4, 4, 3)),
    ("I'm 60, hardly peeing and puffed out after stairs", (4, 4, 3)),
    ("I'm 50, reduced urine and swollen glands in my neck", (4, 4, 4)),
    ("I'm 50, reduced urine and swelling in my gums", (4, 4, 4)),
    ("I'm 40, hardly peeing, puffy eyes from hay fever", (4, 4, 4)),
])
def test_aki_near_misses(triager, text: str, levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


@pytest.mark.parametrize("text", [
    # the optional positive (3 on main 7827ff4)
    "Haven't peed all day and my legs have swollen up, breathless",
    "I'm 70, passing very little urine and my ankles are swollen",
    "Reduced urine output and bilateral leg oedema, 65 year old",
])
def test_oliguria_with_leg_swelling_is_an_emergency(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)


# 4. "never had ... in my life" is a denial; the comparison must be in the same clause
@pytest.mark.parametrize("text", [
    "I've never had a seizure in my life, I just have a sore throat",
    "Never had chest pain in my life, I just have a cough",
    "I've never had a stroke, my mum had one like that years ago",
])
def test_never_had_in_my_life_still_denies(triager, text: str) -> None:
    assert _levels(triager, text) == (4, 4, 3)


@pytest.mark.parametrize("text", [
    "Never had chest pain like this in my life, it's crushing",
    "I've never had pain this bad in my life, crushing chest pain",
])
def test_never_had_like_this_in_my_life_is_a_first_episode(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)
