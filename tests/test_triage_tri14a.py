"""Obstetric lay wordings (issue 21, tri14a).

Levels are (primary_care, self, ed), hand-computed from the rules: the 'possible pre-eclampsia'
red flag of acuity 2 is an emergency in every setting (2, 2, 2), of acuity 3 is (3, 3, 3); the
'pregnancy with bleeding or pain' flag is acuity 2 (2, 2, 2). The near misses keep the level
they had before this round (no red flag: 4 in primary care and self, 3-4 in the ED by the ED
reader).

1. A recent birth told as "delivered 10 days ago", "baby born 3 weeks ago", "c-section 10
   days ago", "my twins were born 2 weeks ago" is a birth within 6 weeks (NHS "Pre-eclampsia":
   "up to 6 weeks after the birth"; NICE NG133 postnatal hypertension). Before: (4, 4, 3).
2. A bare "26+3" (weeks + days, RCOG Green-top Guideline notation) is a current gestation when
   an obstetric word (G2P1, pregnant, midwife, antenatal, ...) is in the same stretch of text,
   not only right beside it; never a score, result, dose or count.
3. The plural "my periods are 10 weeks late" is the missed period the singular already is
   (NHS "Stopping or missing periods", NHS "Ectopic pregnancy", NICE NG126), and the long-gap
   explanations (menopause, HRT, back-to-back pill, implant, injection) apply to it.
4. The vomiting-only grade (3) of the pre-eclampsia class is for her own vomiting (NHS
   "Pre-eclampsia"), not a son's, husband's, child's or pet's: "I'm 30 weeks pregnant, my son is
   vomiting" is (4, 4, 3), as "I'm 30 weeks pregnant" alone (a LOWERING from (3, 3, 3)).
"""

from __future__ import annotations

import pytest
from triage_readers import levels_and_flags  # same folder

PE = "possible pre-eclampsia"
PREG = "pregnancy with bleeding or pain"


# ---- 1. a recent birth in other words ----
@pytest.mark.parametrize("text", [
    # the case (before (4, 4, 3))
    "delivered 10 days ago, severe headache",
    "I delivered 10 days ago, severe headache",
    "Delivered 10 days ago. Now severe headache and swollen face",
    "delivered by c-section 2 weeks ago, blurred vision",
    "I delivered my son 4 weeks ago, pain under my ribs on the right",
    "c-section 10 days ago, severe headache",
    "LSCS 9 days ago, severe headache",
    "baby born 3 weeks ago, I have flashing lights and a headache",
    "my twins were born 2 weeks ago and I have a terrible headache",
    "had a baby girl 10 days ago, severe headache",
    "she delivered 10 days ago, now severe headache and blurred vision",
    # (before (4, 4, 4)) a partner told of, with her own symptoms
    "my wife delivered 10 days ago, she has a severe headache and blurred vision",
    # a day count after a caesarean or the birth (NHS "Caesarean section - recovery")
    "I'm 10 days post c-section with a severe headache",
    "day 5 after my c-section, severe headache",
    "2 weeks after my caesarean, blurred vision",
    "day 5 postnatal, severe headache",
    "my baby arrived 10 days ago and I have a severe headache",
    # already 2 before: stays 2
    "gave birth 2 weeks ago, severe headache and blurred vision",
    "had my baby 5 days ago, severe headache",
    "had a c-section last week, blurred vision and bad headache",
    "my baby was born 3 weeks ago and I have a severe headache",
])
def test_recent_birth_wordings_pre_eclampsia(triager, text: str) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == (2, 2, 2)
    assert PE in flags


@pytest.mark.parametrize("text,expected", [
    # not a birth: a parcel delivered (the level it had)
    ("delivered the parcel 10 days ago, severe headache", (4, 4, 3)),
    ("parcel delivered 10 days ago, severe headache", (4, 4, 3)),
    ("I delivered pizzas 10 days ago, severe headache", (4, 4, 3)),
    ("I delivered my son to school 10 days ago, severe headache", (4, 4, 3)),
    ("my son arrived 10 days ago from Australia, severe headache", (4, 4, 3)),
    # more than 6 weeks back
    ("delivered 10 weeks ago, severe headache", (4, 4, 3)),
    ("gave birth 8 weeks ago, severe headache", (4, 4, 3)),
    # another woman's birth, the symptoms the writer's own (_PE_OTHERS_BIRTH)
    ("my sister delivered 10 days ago and I have a severe headache", (4, 4, 3)),
    ("she delivered 10 days ago and I have a severe headache", (4, 4, 3)),
    ("my wife delivered 10 days ago and I have a severe headache", (4, 4, 3)),
    ("our baby was born 3 weeks ago and I have a severe headache", (4, 4, 3)),
    ("my friend's baby was born 2 weeks ago and I have a bad headache", (4, 4, 3)),
    # a baby's age alone, with the baby's symptoms
    ("my baby is 10 days old and vomiting", (4, 4, 4)),
    ("day 50 postnatal, severe headache", (4, 4, 3)),
    ("I'm 8 weeks post c-section with a severe headache", (4, 4, 3)),
    ("my dog had puppies 10 days ago and I have a severe headache", (4, 4, 3)),
])
def test_recent_birth_near_misses(triager, text: str, expected) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert PE not in flags


# NICE NG133: severe hypertension (>= 160/110) after the birth is admitted; the flag of the
# older NG133 rule, now in these wordings (before (4, 4, 2))
@pytest.mark.parametrize("text,expected", [
    ("delivered 10 days ago, BP 170/115", (2, 2, 2)),
    ("10 days after the birth, BP 165/100", (2, 2, 2)),
])
def test_recent_birth_severe_hypertension(triager, text: str, expected) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert "severe hypertension in pregnancy" in flags


def test_old_birth_severe_hypertension_not_pregnancy(triager) -> None:
    levels, flags = levels_and_flags(triager, "delivered 3 months ago, BP 170/115")
    assert levels == (4, 4, 2)
    assert "severe hypertension in pregnancy" not in flags


# ---- 2. a bare NN+N gestation with an obstetric word in the same stretch ----
@pytest.mark.parametrize("text,expected,flag", [
    # already read beside G/P (unchanged): 2
    ("G2P1, currently 26+3, headache and blurred vision", (2, 2, 2), PE),
    # the word further off (before (4, 4, 3) / (4, 4, 4))
    ("G2P1 seen by the midwife this morning, now 26+3, severe headache", (2, 2, 2), PE),
    ("26+3 today, pregnant with my second, severe headache", (2, 2, 2), PE),
    ("26+3 and the midwife says my blood pressure is up, I have a headache", (3, 3, 3), PE),
    ("26+3, pregnant with my second, headache", (3, 3, 3), PE),
    # a G/P notation with its own "+" (the P1+1) before the gestation: 30 weeks, not 1
    ("G2P1+1 at 30+2 severe headache", (2, 2, 2), PE),
])
def test_bare_gestation_with_obstetric_word(triager, text: str, expected, flag) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert flag in flags


@pytest.mark.parametrize("text,expected", [
    # a score, a result, a dose, a count: no gestation
    ("GCS 14+1 headache", (2, 2, 2)),  # the GCS itself (as before)
    ("3+1 proteinuria, severe headache", (4, 4, 3)),
    ("pregnant, gleason 4+3, severe headache", None),
    # an early gestation: pregnant, but not in the pre-eclampsia window
    ("pregnant, 14+2, headache", (4, 4, 3)),
    # no obstetric word: "26+3" alone is no gestation
    ("26+3 severe headache", (4, 4, 3)),
    # a past pregnancy's gestation
    ("G2P1, delivered at 39+1 in 2019, severe headache", (4, 4, 3)),
])
def test_bare_gestation_near_misses(triager, text: str, expected) -> None:
    levels, flags = levels_and_flags(triager, text)
    if expected is not None:
        assert levels == expected
    assert PE not in flags


def test_bare_gestation_not_a_score_or_dose() -> None:
    from assistant.triage.red_flags import OBSTETRIC_GESTATION
    for text in ["pregnant, gleason 4+3", "pregnant, 10+2 units insulin", "G5P4+1 headache",
                 "pregnant 3+1 proteinuria", "pregnant protein 4+1", "midwife, apgar 9+1",
                 "miscarriage at 8+2 weeks G2P1", "G2P1, took 12+2 tablets", "26+3 headache"]:
        assert OBSTETRIC_GESTATION.search(text) is None, text
    for text in ["G2P1 seen by the midwife, now 26+3", "26+3, pregnant with my second",
                 "antenatal clinic today, 31+4, BP high"]:
        assert OBSTETRIC_GESTATION.search(text) is not None, text


# ---- 3. the plural late periods ----
@pytest.mark.parametrize("text,expected,flag", [
    # (before (4, 4, 4))
    ("my periods are 10 weeks late, lower tummy pain", (2, 2, 2), PREG),
    ("periods are 3 months late, lower tummy pain", (2, 2, 2), PREG),
    ("my periods are 2 weeks late and I have lower tummy pain", (2, 2, 2), PREG),
    # the singular, as before
    ("my period is 10 weeks late, lower tummy pain", (2, 2, 2), PREG),
])
def test_plural_late_periods(triager, text: str, expected, flag) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert flag in flags


@pytest.mark.parametrize("text,expected", [
    # a named cause of the long gap (the long-gap class): as before
    ("my periods are 10 weeks late, I'm on the depo injection, lower tummy pain", (4, 4, 4)),
    ("my periods are 3 months late, I'm going through the menopause, tummy pain", (4, 4, 4)),
    ("my periods are 12 weeks late since I started the implant, lower tummy pain", (4, 4, 4)),
    # no count: an irregular cycle, not a missed period
    ("my periods are always late", (4, 4, 3)),
    ("my periods are 10 weeks late", (4, 4, 3)),
])
def test_plural_late_periods_near_misses(triager, text: str, expected) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert PREG not in flags


# ---- 4. someone else's vomiting ----
@pytest.mark.parametrize("text,expected", [
    # a LOWERING from (3, 3, 3): the son's / husband's / dog's vomiting is not hers
    ("I'm 30 weeks pregnant, my son is vomiting", (4, 4, 3)),
    ("I'm 30 weeks pregnant and my husband and toddler have been throwing up", (4, 4, 3)),
    ("I'm 30 weeks pregnant and the dog threw up", (4, 4, 3)),
])
def test_others_vomiting_not_pre_eclampsia(triager, text: str, expected) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert PE not in flags


@pytest.mark.parametrize("text,expected", [
    # her own vomiting, or a headache / severe sign: kept
    ("I'm 30 weeks pregnant and vomiting", (3, 3, 3)),
    ("I'm 30 weeks pregnant, my son has a bug and now I'm being sick too", (3, 3, 3)),
    ("I'm 30 weeks pregnant, my son is vomiting and so am I", (3, 3, 3)),
    ("I'm 30 weeks pregnant, my husband and I have been vomiting", (3, 3, 3)),
    ("I'm 30 weeks pregnant, my son is vomiting, we've all got it", (3, 3, 3)),
    ("I'm 30 weeks pregnant, my son was sick and I've been vomiting since last night", (3, 3, 3)),
    ("I'm 30 weeks pregnant, my son is vomiting and I have a headache", (3, 3, 3)),
    ("I'm 30 weeks pregnant, my son is vomiting, severe headache", (2, 2, 2)),
    # a daughter may be the pregnant one
    ("my daughter is 30 weeks pregnant and vomiting", (3, 3, 3)),
])
def test_own_vomiting_kept(triager, text: str, expected) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert PE in flags


# Run time of these patterns on 20,000-character unpunctuated input is measured by
# `python -m eval.bench longtext` (speed is checked in benchmarks, not timed unit tests).


# ---- proteinuria with a raised blood pressure after 20 weeks or after the birth ----
# NICE NG133: new hypertension (>= 140/90) with proteinuria is pre-eclampsia, assessed in
# secondary care the same day: 'possible pre-eclampsia' at 3 (before (4, 4, 3) / (4, 4, 2))
@pytest.mark.parametrize("text,expected", [
    ("I'm 34 weeks pregnant, BP 150/100, 3+ proteinuria", (3, 3, 3)),
    ("34 weeks pregnant, midwife says my blood pressure is high and there is protein in my urine",
     (3, 3, 3)),
    ("gave birth 10 days ago, BP 150/95, protein in my urine", (3, 3, 3)),
    # the ED reader keeps its own higher level
    ("G2P1 at 32+1, BP 145/95, protein ++ on dip", (3, 3, 2)),
])
def test_proteinuria_with_raised_bp(triager, text: str, expected) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert PE in flags


@pytest.mark.parametrize("text,expected", [
    ("I'm 34 weeks pregnant, BP 150/100, no proteinuria", (4, 4, 3)),
    ("I'm 34 weeks pregnant, BP 120/80, 2+ proteinuria", (4, 4, 3)),
    ("34 weeks pregnant, my blood pressure is normal and there is protein in my urine", (4, 4, 4)),
    # before 20 weeks; no pregnancy
    ("I'm 12 weeks pregnant, BP 150/100, 3+ proteinuria", (4, 4, 3)),
    ("BP 150/100, 3+ proteinuria", (4, 4, 2)),
])
def test_proteinuria_near_misses(triager, text: str, expected) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert PE not in flags
