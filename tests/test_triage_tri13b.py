"""Pregnancy wordings under-triaged (issue 21, tri13b), each read as a class.

Levels are (primary_care, self, ed), hand-computed from the rules: a red flag of acuity 2 is
an emergency in every setting (2, 2, 2); the near misses keep the level they had before this
round (no red flag, no entry: 4 in primary care and self, 3 or 4 in the ED by the ED reader).

1. Obstetric gestation notation (RCOG Green-top Guideline 63, antepartum haemorrhage; NHS
   "Vaginal bleeding in pregnancy": bleeding in later pregnancy needs urgent maternity
   assessment). "NN/40" and "NN+N" are a gestation only beside an obstetric word (G/P
   notation, primip / multip, "weeks", "gestation", "PV" within three words); the lay "I'm 34
   weeks" is first person and ends there. ``red_flags.OBSTETRIC_GESTATION`` is part of
   ``PREGNANT``, so "pregnancy with bleeding or pain" fires (2). Before (4, 4, 3).
2. Reduced fetal movements told as a change, by someone else or with no gestation or time
   frame (NHS "Your baby's movements", RCOG GTG 57: contact the maternity unit immediately):
   "reduced fetal movements" (2). Before (4, 4, 3). A born baby's limb ("kicking his legs as
   much since the fall"), a born baby's age or care words, a pet, "yet", under 24 weeks, an
   earlier pregnancy, or a baby that kicks a lot are left alone.
3. A non-genital bleed whose predicate the sentence also gives to the person ("my nose is
   bleeding and so am I"): the masking no longer hides the second, unsited bleed (2). Before
   (4, 4, 4). "I'm pregnant and my nose is bleeding" and "pregnant with bleeding gums" keep
   their level.
4. "I'm late" (a missed period) only with BOTH one-sided lower tummy pain ("on one side",
   "one-sided", the lower tummy forms; not a bare body side, as layfix12 decided) AND faint /
   dizzy / shoulder-tip pain, in a woman of reproductive age (NHS "Ectopic pregnancy": A&E / 999): "possible
   ectopic pregnancy or intra-abdominal bleeding" (2). Before (4, 4, 3-4). Not late for work,
   a man, an 11-year-old, "late" without pain, or with only one companion.
5. (noticed on the way) ``PREGNANT``'s missed-period forms wrote "[1-3]\\d" in raw strings (a
   literal backslash), so 10-39 weeks since the last period, of amenorrhoea or since the LMP
   were never read (NICE NG126: a missed period with pain or bleeding). Before (4, 4, 3); 4
   weeks stays a cycle.
"""

from __future__ import annotations

import re

import pytest
from triage_readers import levels_and_flags  # same folder

from assistant.triage.red_flags import OBSTETRIC_GESTATION, mask_non_genital_bleeds

PREG = "pregnancy with bleeding or pain"
RFM = "reduced fetal movements"
ECTOPIC = "possible ectopic pregnancy or intra-abdominal bleeding"


# ---- 1. obstetric gestation notation ----
@pytest.mark.parametrize("text", [
    "G2P1 at 30/40 with PV bleeding",
    "28/40 primip with vaginal bleeding",
    "34+2 weeks, bleeding PV",
    "at 32 weeks gestation bleeding",
    "G1P0 at 34+2 with PV bleeding",
    "Primigravida 29/40 PV bleed",
    "32/40 multip, PV bleeding since this morning",
    "PV bleeding at 30/40",
    "primip at 32 weeks, bleeding",
    "I'm 34 weeks and bleeding",
    "my wife is 30 weeks, she's bleeding",
])
def test_gestation_notation_bleeding(triager, text: str) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == (2, 2, 2)
    assert PREG in flags


@pytest.mark.parametrize("text,expected", [
    ("BP 130/40", (4, 4, 3)),
    ("vision 6/40", (4, 4, 4)),
    ("30/40 mg of something", (4, 4, 3)),
    ("I scored 30/40 on the test", (4, 4, 3)),
    ("G2 tyre puncture", (4, 4, 4)),
    ("man aged 50 with PR bleeding", (4, 4, 3)),
    # a gynaecology note's gravidity-parity alone is no pregnancy; an acuity is no gestation
    ("45 year old G3P3 with heavy PV bleeding", (4, 4, 3)),
    ("Visual acuity 20/40 in the left eye, G2P2, PV bleeding for 3 weeks", (4, 4, 4)),
])
def test_gestation_notation_near_misses(triager, text: str, expected) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert PREG not in flags


@pytest.mark.parametrize("text,hit", [
    ("G2P1 at 30/40 with PV bleeding", "G2P1 at 30/40"),
    ("28/40 primip", "28/40 primip"),
    ("34+2 weeks, bleeding PV", "34+2 weeks"),
    ("PV bleeding at 30/40", "PV bleeding at 30/40"),
    ("I'm 8 weeks and bleeding", "I'm 8 weeks"),
    ("BP 130/40", None), ("BP 82/40 with PV bleeding", None), ("vision 6/40", None),
    ("30/40 mg", None), ("scored 30/40 on the test with PV bleeding", None),
    ("VA 20/40 OU, PV spotting", None), ("I'm 6 weeks post-op", None),
    ("she's 6 weeks old", None), ("I'm 3 weeks late", None),
    ("I'm 10 weeks into my antibiotics", None), ("G2 tyre", None),
])
def test_obstetric_gestation_pattern(text: str, hit) -> None:
    m = OBSTETRIC_GESTATION.search(text)
    assert (m.group(0) if m else None) == hit


# ---- 2. reduced fetal movements told as a change ----
@pytest.mark.parametrize("text", [
    "my partner says the baby isn't kicking as much",
    "my wife says the baby hasn't been moving as much",
    "my partner thinks the baby is moving less",
    "she says the baby's been quieter",
    "the baby isn't moving as much as it used to",
    "baby not kicking as much",
    "the baby hasn't moved",
    "the baby has stopped moving",
    "absent fetal movements",
])
def test_fetal_movements_changed(triager, text: str) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == (2, 2, 2)
    assert RFM in flags


def test_fetal_movements_doubt_today_kept(triager) -> None:
    # the knowledge base's reduced_fetal_movements_lay (2) already read it; pinned
    levels, _ = levels_and_flags(triager, "I don't think the baby has moved today")
    assert levels == (2, 2, 2)


@pytest.mark.parametrize("text,expected", [
    # a born baby's limb after an injury: a limb object is not fetal movement (left at 4)
    ("my baby isn't kicking his legs as much since the fall", (4, 4, 4)),
    ("the baby kicks a lot", (4, 4, 3)),
    ("my dog isn't moving as much", (4, 4, 3)),
    ("no fetal movement concerns, contractions every 5 minutes", (4, 4, 3)),
    # not a change, only a state (left as it was)
    ("my partner says the baby isn't kicking", (4, 4, 3)),
])
def test_fetal_movements_near_misses(triager, text: str, expected) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert RFM not in flags


@pytest.mark.parametrize("text", [
    "my 3 month old baby isn't moving as much",
    "the baby isn't moving as much and isn't feeding",
    "the baby hasn't moved yet, I'm 16 weeks",
    "history of reduced fetal movements in her last pregnancy, now here with a cough",
    "the baby hasn't moved to his cot",
])
def test_fetal_movements_rule_not_fired(triager, text: str) -> None:
    _, flags = levels_and_flags(triager, text)
    assert RFM not in flags


# ---- 3. a second, unsited bleed after a non-genital one ----
@pytest.mark.parametrize("text", [
    "I'm pregnant, my nose is bleeding and so am I",
    "I'm pregnant, my nose is bleeding, as am I",
    "I'm pregnant and my gums are bleeding and I am too",
    "I'm pregnant, my nose is bleeding and I'm bleeding down below too",
    "I'm pregnant, nose bleed and also bleeding",
    "I'm pregnant, my nose is bleeding and I'm bleeding too",
])
def test_second_bleed_not_masked(triager, text: str) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == (2, 2, 2)
    assert PREG in flags


@pytest.mark.parametrize("text,expected", [
    ("I'm pregnant and my nose is bleeding", (4, 4, 4)),
    ("pregnant with bleeding gums", (4, 4, 3)),
    ("I'm pregnant, my nose is bleeding and so is my gum", (4, 4, 4)),
])
def test_second_bleed_near_misses(triager, text: str, expected) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert PREG not in flags


def test_mask_keeps_bleed_before_so_am_i() -> None:
    text = "my nose is bleeding and so am I"
    assert mask_non_genital_bleeds(text) == text
    masked = mask_non_genital_bleeds("my nose is bleeding and so is my lip")
    assert re.search(r"bleed", masked) is None


# ---- 4. "I'm late" with both ectopic companions ----
@pytest.mark.parametrize("text", [
    "I'm late and have sharp pain on one side and feel faint",
    "I'm late and have sharp pain on one side and shoulder tip pain",
    "I'm late, I have left-sided pain and feel faint",
    "I am late and have a sharp pain low down on the right and feel dizzy",
    "I'm late. Sharp pain on one side. Feel faint.",
    "I'm 35 years old and I'm late and have sharp pain on one side and feel faint",
])
def test_late_with_ectopic_companions(triager, text: str) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == (2, 2, 2)
    assert ECTOPIC in flags


@pytest.mark.parametrize("text,expected", [
    ("I'm late for work and my side hurts", (4, 4, 4)),
    ("I'm late for the bus", (4, 4, 3)),
    ("I'm late", (4, 4, 3)),
    ("I'm late and have sharp pain on one side", (4, 4, 4)),
    ("I'm late and feel faint", (4, 4, 3)),
    ("He's late and has sharp pain on one side and feels faint", (4, 4, 3)),
    ("I'm an 11 year old girl, I'm late and have sharp pain on one side and feel faint",
     (4, 4, 3)),
    ("sorry I'm late, I have pain on one side and feel dizzy", (4, 4, 3)),
    ("I'm late with the rent and my side hurts and I feel dizzy", (4, 4, 3)),
    # a body side alone is no lower tummy pain (layfix12 decided the context is required)
    ("I'm late, sharp pain on the left side and dizzy", (4, 4, 3)),
    ("I'm late and have sharp pain in my side and shoulder tip pain", (4, 4, 4)),
    ("I'm late and have pain in my right side and feel dizzy", (4, 4, 3)),
    ("I'm late. Sharp pain on my left side. Feel faint.", (4, 4, 3)),
])
def test_late_near_misses(triager, text: str, expected) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert ECTOPIC not in flags


def test_late_man_not_fired(triager) -> None:
    _, flags = levels_and_flags(
        triager, "45 year old man. I'm late and have sharp pain on one side and feel faint")
    assert ECTOPIC not in flags


# ---- 5. a missed period of 10-39 weeks (the raw strings' "[1-3]\\d" read a backslash) ----
@pytest.mark.parametrize("text", [
    "It's been 10 weeks since my last period and I'm bleeding with cramps",
    "LMP 12 weeks ago, now vaginal bleeding",
    "amenorrhoea of 10 weeks with lower abdominal pain",
])
def test_missed_period_two_digit_weeks(triager, text: str) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == (2, 2, 2)
    assert PREG in flags


def test_missed_period_four_weeks_is_a_cycle(triager) -> None:
    levels, flags = levels_and_flags(triager, "LMP 4 weeks ago, now vaginal bleeding")
    assert levels == (4, 4, 3)
    assert PREG not in flags
