"""Lay triage, the safety review of lay13 / selfcare3 (layfix12): faults of the merged rules
fixed as classes, the reviewer's inputs pinned with near misses.

Levels are (primary_care, self, ed); lower is more urgent. Expected values are hand-computed
from the rules (2 = an emergency red flag or emergency knowledge-base row in every setting) and,
where a fault is undone, are the levels before the merges (the reviewer's base run).

1. (unsafe) Pregnancy bleeding: a bleed is set aside only when the bleed itself names a
   non-genital site (``red_flags.NON_GENITAL_BLEED``: gums, nose, piles, lip, finger, cut),
   not denied, with no genital site in its sentence; one definition for the red flag and every
   ``@pregnant`` knowledge-base row. Body words that are no bleeding site (skin, hands, face,
   head, cough, front bottom, "cut down") keep the bleed (2). Passing a clot or tissue in the
   past tense is NHS "Miscarriage" (2).
2. "I'm late" is a missed period only with a duration or a tied period / pregnancy word.
3. A denial of earlier fits fires the first-fit flag only with a current fit.
4. A tantrum fit told with its cause (because / over / about / when I said ...) is no seizure.
5. Grey said of oneself needs its own sign list (sweaty, clammy, breathless, chest pain, faint
   ...): a cold, "always cold", pale skin, the heart alone are not.
6. A worn strap or belt, a chest squashed by a bra, a squeeze on coughing with fever or phlegm
   (NHS "Chest pain"), a band in the past and over: no cardiac band / simile.
7. "Cannot complete sentences": not word-finding, memory or exertion-bounded; the breath-linked
   or at-rest forms (BTS/SIGN: not in one breath) are 2 whatever else is told.
8. Stroke row: the one-sided arm-and-leg alternatives need their onset in the clause; a TIA that
   went back to normal (NICE NG128) and an onset clock time are read.
9. Reduced fetal movements told by a partner (RCOG GTG 57).
"""

from __future__ import annotations

import pytest
from triage_readers import levels as _levels  # same folder
from triage_readers import levels_and_flags

_run = levels_and_flags
PREG = "pregnancy with bleeding or pain"
FIT = "first seizure (no known epilepsy)"
GREY = "blue or grey colour (cyanosis)"
CARDIAC = "chest pain with cardiac features"
E = (2, 2, 2)




# ---- 1. pregnancy bleeding (unsafe fault first) ----
@pytest.mark.parametrize("text", [
    "I'm 30 weeks pregnant and bleeding from my front bottom",
    "I'm 30 weeks pregnant and bleeding with pain at the bottom of my tummy",
    "I'm 8 weeks pregnant and bleeding with pain at the bottom of my tummy",
    "I'm 32 weeks pregnant and bleeding with pale clammy skin",
    "I'm 26 weeks pregnant and bleeding bright red with a white face",
    "I'm 35 weeks pregnant and bleeding quite a lot with shaking hands",
    "I'm 36 weeks pregnant and I've been bleeding every time I cough",
    "I'm 28 weeks pregnant and have been bleeding since I had a cough",
    "I'm 33 weeks pregnant with bleeding that isn't from my piles",
    "I'm 30 weeks pregnant and bleeding a lot not from my nose",
    "I'm 30 weeks pregnant and bleeding from my lady bits with a sore head",
    "I'm 24 weeks pregnant and bleeding since I cut down on work",
    "I'm 33 weeks pregnant and bleeding with itchy skin on my hands and feet",
    "I'm 34 weeks pregnant and bleeding with swollen hands and a headache",
    "I'm 38 weeks pregnant and bleeding from my bottom",
    "I'm 31 weeks pregnant and bleeding after I scratched my bump",
    "i'm pregnant and bleeding after sex",
    "8/40 pregnant, bleeding and feeling faint",
    # a non-genital bleed beside a genital one keeps the flag
    "bleeding from down below and my gums, I'm 8 weeks pregnant",
    "I'm 9 weeks pregnant and bleeding, also had a nosebleed",
    "I'm 10 weeks pregnant, bleeding heavily and my gums bleed too",
    "Pregnant 9 weeks, bleeding from nose and vaginal spotting",
    # a denied site is no site
    "I'm 8 weeks pregnant and bleeding, it's not a nosebleed",
    # NHS Miscarriage: passing clots or tissue
    "I'm 8 weeks pregnant and I passed a clot the size of my fist",
    "I'm 8 weeks pregnant and passed something that looked like tissue",
    "I'm pregnant and passing clots",
])
def test_pregnancy_bleeding_is_emergency(triager, text: str) -> None:
    assert _levels(triager, text) == E


@pytest.mark.parametrize(("text", "levels"), [
    # the intended narrowing: the bleed itself names the gums, the nose, piles or a lip
    ("I'm 8 weeks pregnant and my gums are bleeding", (4, 4, 3)),
    ("I'm pregnant and my nose keeps bleeding", (4, 4, 4)),
    ("I'm pregnant and my piles are bleeding", (4, 4, 3)),
    ("I'm 14 weeks pregnant and bleeding from my lip", (4, 4, 3)),
])
def test_non_genital_bleed_in_pregnancy_not_emergency(triager, text, levels) -> None:
    lv, flags = _run(triager, text)
    assert lv == levels
    assert PREG not in flags


def test_bleed_mask_is_linear_and_keeps_offsets() -> None:
    from assistant.triage.red_flags import mask_non_genital_bleeds
    text = "my gums are bleeding and bleeding and " * 2000 + "my nose keeps bleeding"
    out = mask_non_genital_bleeds(text)
    assert len(out) == len(text)
    assert out.endswith("my nose keeps ________")
    assert mask_non_genital_bleeds("pregnant and bleeding") == "pregnant and bleeding"


# ---- 2. "I'm late" ----
@pytest.mark.parametrize(("text", "levels"), [
    ("I'm late, the bus didn't come and I've got stomach ache", (4, 4, 3)),
    ("I'm late and I have a tummy ache, I'm 11 and missed the school bus", (4, 4, 4)),
    ("I'm a man, 30, I'm late and have tummy pain", (4, 4, 4)),
    ("I'm late now and feel dizzy, I have to rush to work", (4, 4, 3)),
    ("I've been late and I am dizzy", (4, 4, 3)),
    ("I'm late this month and have cramps like my period is coming", (4, 4, 4)),
    ("I'm 2 weeks late but had a negative test and have mild cramps", (4, 4, 4)),
    # ambiguous without a period or pregnancy word (decided: the context is required)
    ("I'm late and have pain in my right side and feel dizzy", (4, 4, 3)),
])
def test_bare_late_is_no_missed_period(triager, text, levels) -> None:
    assert _levels(triager, text) == levels


@pytest.mark.parametrize("text", [
    "I'm two weeks late and have pain in my right side and feel dizzy",
    "I'm two weeks late and have pain low down on one side",
    "I'm 10 days late, stomach cramps and dizzy",
    "I'm late with my period and have pain in my right side and feel dizzy",
    "I'm late and could be pregnant, pain in my right side and dizzy",
    # a negative test does not set aside the danger features (NHS Ectopic pregnancy)
    "I'm 2 weeks late but had a negative test and have severe pain and feel faint",
])
def test_late_with_duration_or_context_is_ectopic(triager, text: str) -> None:
    assert _levels(triager, text) == E


# ---- 3 and 4. first fit ----
@pytest.mark.parametrize(("text", "levels"), [
    ("I get migraines, never had a seizure before, headache today", (5, 5, 3)),
    ("I feel dizzy but I've never had a fit before", (4, 4, 3)),
    ("my toddler had a massive fit in the supermarket because I wouldn't buy sweets", (4, 4, 3)),
    ("my mum had a fit in the shop because they'd run out of bread", (4, 4, 3)),
    ("my husband had a big fit at the dinner table over the mess", (4, 4, 3)),
])
def test_fit_denial_and_tantrum_not_first_fit(triager, text, levels) -> None:
    lv, flags = _run(triager, text)
    assert lv == levels
    assert FIT not in flags


@pytest.mark.parametrize("text", [
    "my son had a fit",
    "I've never had a fit before but today I shook all over for a minute",
    "she collapsed and was jerking, never had a seizure before",
    "never had a seizure before today, he is drowsy",
    # a fever, a time or an illness after the fit is no tantrum cause
    "my son had a fit because of his high temperature",
    "my daughter had a fit over an hour ago and is still sleepy",
    "my dad had a fit about an hour ago",
])
def test_first_fit_still_fires(triager, text: str) -> None:
    # the flag, or the knowledge base's first seizure / febrile convulsion rows
    assert _levels(triager, text) == E


# ---- 5. grey said of oneself ----
@pytest.mark.parametrize(("text", "levels"), [
    ("I feel a bit grey today, tired and a cold coming on", (5, 5, 3)),
    ("I'm turning grey and my heart races when I think about my age", (4, 4, 3)),
    ("I'm going grey early and my skin is pale, should I take vitamins", (4, 4, 3)),
    ("I look grey in photos and I'm always cold", (4, 4, 3)),
    ("I feel grey and cold, I've been out in the snow, just a cold", (4, 4, 3)),
])
def test_self_grey_without_circulation_sign(triager, text, levels) -> None:
    lv, flags = _run(triager, text)
    assert lv == levels
    assert GREY not in flags


@pytest.mark.parametrize("text", [
    "I feel grey and clammy",
    "I've gone grey and sweaty",
    "I'm feeling grey and faint",
    "I feel grey and breathless",
    "I look grey and have chest pain",
    "I feel grey and I've got a cold sweat",
])
def test_self_grey_with_circulation_sign(triager, text: str) -> None:
    assert _levels(triager, text) == E


# ---- 6. chest band / simile ----
@pytest.mark.parametrize(("text", "levels"), [
    ("my heart rate strap across my chest is rubbing and I'm sweating a lot in the gym", (4, 4, 2)),
    ("sports bra strap across my chest left a rash, I sweat a lot", (4, 4, 2)),
    ("the baby carrier strap across my chest makes my back ache, pain in my back", (4, 4, 2)),
    ("my chest feels squashed in this tight bra", (4, 4, 2)),
    ("my chest feels like it's being squeezed when I cough up green phlegm", (4, 4, 2)),
    ("my chest feels like it's being crushed when I cough, fever and green phlegm", (4, 4, 2)),
    ("I had a tight band round my chest last week with sweating, fine now", (4, 4, 2)),
])
def test_chest_band_simile_near_misses(triager, text, levels) -> None:
    lv, flags = _run(triager, text)
    assert lv == levels
    assert CARDIAC not in flags


@pytest.mark.parametrize("text", [
    "since the break up my chest feels like it's being crushed",
    "anxiety attacks, feels like someone is sitting on my chest, I know it's panic",
    "it feels like a tight strap round my chest and pain down my left arm",
    "I have a tight band around my chest and pain down my left arm",
    "my chest feels like it's being crushed when I cough and the pain goes down my left arm",
    "my chest feels squashed and I'm sweating and the pain goes into my jaw",
])
def test_chest_band_simile_still_fires(triager, text: str) -> None:
    assert _levels(triager, text) == E


# ---- 7. cannot complete sentences ----
@pytest.mark.parametrize("text", [
    "Long covid, breathless on the stairs, brain fog, I struggle to finish my sentences",
    "I get breathless walking and have trouble finishing sentences because I lose my words",
    "My mum has dementia, is a bit breathless today and can't finish her sentences",
    "breathless after running and couldn't complete a sentence for a minute",
])
def test_sentences_word_finding_or_exertion(triager, text: str) -> None:
    assert _levels(triager, text) == (3, 3, 2)


@pytest.mark.parametrize("text", [
    "Short of breath, she cannot finish a sentence in one breath.",
    "My mum has dementia and is so breathless she can't finish a sentence in one breath",
    "I'm too breathless to talk",
    "brain fog and short of breath at rest, can't complete sentences",
    "She is short of breath at rest and was having difficulty completing her sentences",
])
def test_sentences_breath_link_is_emergency(triager, text: str) -> None:
    assert _levels(triager, text) == E


# ---- 8. stroke: one-sided arm and leg ----
@pytest.mark.parametrize(("text", "levels"), [
    ("Known MS with chronic right arm and leg weakness, now has a UTI this morning", (4, 4, 4)),
    ("right arm and leg weakness for 6 months gradually getting worse", (4, 4, 4)),
])
def test_arm_leg_weakness_without_local_onset(triager, text, levels) -> None:
    assert _levels(triager, text) == levels


@pytest.mark.parametrize("text", [
    "my left arm and leg went numb for 5 minutes an hour ago then went back to normal",
    "LUE and LLE weakness since 10am",
    "sudden onset of left arm and leg weakness",
    "woke up with right arm and leg numbness",
    "my dad suddenly has left leg and arm weakness",
])
def test_arm_leg_weakness_with_onset_is_stroke(triager, text: str) -> None:
    assert _levels(triager, text) == E


# ---- 9. fetal movements told by a partner ----
@pytest.mark.parametrize("text", [
    "My wife is 37 weeks and doesn't think she has felt the baby move today",
    "I don't think I've felt the baby move today, I'm 32 weeks",
    # the doubt cases stay on the safe side
    "I'm 29 weeks, not sure the baby has moved as much today but she's kicking now",
])
def test_reduced_fetal_movements_doubt(triager, text: str) -> None:
    assert _levels(triager, text) == E


@pytest.mark.parametrize(("text", "levels"), [
    ("my wife is 20 weeks and doesn't think she has felt the baby move yet", (4, 4, 3)),
    ("my wife doesn't think she has felt sick today, 37 weeks", (4, 4, 3)),
])
def test_partner_doubt_near_misses(triager, text, levels) -> None:
    assert _levels(triager, text) == levels
