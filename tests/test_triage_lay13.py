"""Lay triage, thirteenth round (issue 21, lay13): lay emergency wordings an independent safety
review found missed, each read as a class, and one over-fire narrowed.

Levels are (primary_care, self, ed), hand-computed from the rules (level 2 = emergency red flag
or emergency knowledge-base condition in every setting; 1 = AVPU "U"):

1. A crushing chest in similes (NHS "Heart attack": pressure, heaviness, tightness or squeezing;
   the textbook "as if someone is sitting on my chest"): ``red_flags_lay.CRUSHED_CHEST_SIMILE``
   fires "chest pain with cardiac features" (2) alone, as "crushing chest pain" does; a band
   "round" the chest with spread to the arm / jaw or sweating or sickness:
   ``CHEST_BAND_LAY``. Before (4, 4, 2). Not a literal sitting, a chest of drawers, a figure of
   speech, or a strain told alone (NHS "Chest pain": worse when pressing is probably a muscle).
2. "I'm late" in its menstrual sense with one-sided pain, dizziness or fainting (NHS "Ectopic
   pregnancy"): the knowledge base's ectopic_pregnancy (2). Before (4, 4, 3-4). Not "late for
   work", "running late", "sorry I'm late", nor two days late.
3. A person who cannot be woken with no subject noun ("he's asleep and won't respond when I
   shake him", "I can't wake my dad up"): already AVPU "U" (1) at the base; pinned with near
   misses (messages, settling, a cream, school).
4. A family member's fit or a first fit (NHS "What to do if someone has a seizure": call 999 if
   it is the first time someone has had a seizure; NHS Healthier Together febrile convulsion:
   the first time your child has a seizure, call an ambulance): "first seizure (no known
   epilepsy)" (2). Before (4, 4, 3). Not with epilepsy, a usual seizure, an anticonvulsant or
   earlier fits named, a date in the past, or an idiom (a fit of laughter, a coughing fit, "had
   a fit when he saw the bill"). A known epilepsy's usual brief seizure stays 2 (the base's
   "altered mental status"; NHS says no 999 is needed, but this round only raises: noted).
5. Grey said of oneself with a sign of the circulation, breathing or mind ("I feel grey and
   clammy"; NHS "When to call 999", "Heart attack", "Sepsis"): "blue or grey colour
   (cyanosis)" (2). Before (4, 4, 3). Not a mood ("I feel a bit grey today"), hair, an idiom.
6. Reduced fetal movements with the doubt before the finding ("I don't think I've felt the
   baby move today"; NHS "Your baby's movements", RCOG GTG 57): reduced_fetal_movements_lay
   (2). Before (4, 4, 3). Not before 24 weeks ("yet, I'm 16 weeks"), not a baby that moved.
7. Narrowed (the only level lowered): "pregnancy with bleeding or pain" read the bleeding of
   the gums, the nose or piles ("8 weeks pregnant and my gums are bleeding": 2). A bleed whose
   own clause names a non-genital site, in a sentence with no genital site, is set aside:
   (4, 4, 3-4). "Pregnant and bleeding", "spotting", "bleeding down below", "bleeding from my
   gums and down below" keep 2, and "passing clots" (NHS "Miscarriage") now reaches 2 (was 4).
"""

from __future__ import annotations

import pytest
from triage_readers import levels as _levels  # same folder
from triage_readers import levels_and_flags

_run = levels_and_flags
CARDIAC = "chest pain with cardiac features"
FIT = "first seizure (no known epilepsy)"
GREY = "blue or grey colour (cyanosis)"
PREG = "pregnancy with bleeding or pain"




# ---- 1. crushing chest in similes ----
@pytest.mark.parametrize("text", [
    "my chest feels like it's being crushed",
    "it feels like someone is sitting on my chest",
    "feels like an elephant is sitting on my chest",
    "like an elephant on my chest and I'm sweaty",
    "my chest feels like it's in a vice",
    "it feels like a weight pressing on my chest",
    "it feels like someone is sitting on my chest and I'm sweating",
    "a tight band round my chest and pain going down my left arm",
    "I have a tight band around my chest and I feel sick",
])
def test_crushing_chest_simile_fires(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert CARDIAC in flags


@pytest.mark.parametrize("text,expected", [
    ("I crushed my finger in the door", (4, 4, 4)),
    ("I was sitting on my chest of drawers", (4, 4, 2)),
    ("my baby was sitting on my chest", (4, 4, 2)),
    ("the dog was sitting on my chest this morning", (4, 4, 2)),
    ("my chest feels like it's being crushed with worry", (4, 4, 2)),
    ("I pulled a muscle lifting weights and my chest hurts when I press on it", (4, 4, 2)),
    ("my chest is sore after lifting and hurts when I press on it, feels like it's being crushed",
     (4, 4, 2)),
    # a band alone, with no spread or sweating: not read (the brief: with other cardiac signs)
    ("a tight band round my chest", (4, 4, 2)),
    ("my chest is tight round the band of my bra", (4, 4, 2)),
])
def test_crushing_chest_near_misses(triager, text: str, expected) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert CARDIAC not in flags


def test_crushing_chest_pain_unchanged(triager) -> None:
    assert _levels(triager, "crushing chest pain") == (2, 2, 2)


# ---- 2. "I'm late" (menstrual) with ectopic signs ----
@pytest.mark.parametrize("text", [
    # (layfix12 review) a bare "I'm late" is no missed period: a duration or a tied period or
    # pregnancy word is required (tests/test_triage_layfix12.py pins the bare forms)
    "I'm two weeks late and have pain in my right side and feel dizzy",
    "I'm late with my period and have pain on one side",
    "I'm two weeks late and feel faint",
    "I'm 10 days late, sharp pain low down on the left side",
    "I'm late and might be pregnant, I feel dizzy",
    "my period is late and I have pain on one side",
    "I've missed my period and I fainted",
    "I missed a period and have shoulder tip pain",
])
def test_late_period_ectopic(triager, text: str) -> None:
    assert triager.triage({"id": "t", "text": text, "setting": "self"},
                          narrative=False).condition.startswith("ectopic pregnancy")
    assert _levels(triager, text) == (2, 2, 2)


@pytest.mark.parametrize("text,expected", [
    ("I'm late for work and have a pain in my side", (4, 4, 4)),
    ("running late and feel dizzy", (4, 4, 3)),
    ("sorry I'm late, I have pain in my right side and feel dizzy", (4, 4, 3)),
    ("I'm late for my appointment and have pain on one side and feel dizzy", (4, 4, 3)),
    ("I'm 2 days late and have period pain", (4, 4, 3)),
    ("I'm late and my boobs are sore", (4, 4, 3)),
])
def test_late_near_misses(triager, text: str, expected) -> None:
    assert _levels(triager, text) == expected


# ---- 3. cannot be woken, no subject noun (already read at the base: pinned) ----
@pytest.mark.parametrize("text", [
    "he's asleep and won't respond when I shake him",
    "I can't wake him",
    "she won't wake up when I shake her",
    "I can't wake my dad up",
    "I can't wake her up",
    "my dad won't wake up when I shake him",
])
def test_cannot_wake(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (1, 1, 1)
    assert "unresponsive" in flags


@pytest.mark.parametrize("text,expected", [
    ("he won't respond to messages", (4, 4, 2)),
    ("he won't respond to my texts", (4, 4, 2)),
    ("the baby won't settle", (4, 4, 3)),
    ("the rash won't respond to cream", (4, 4, 4)),
    ("he won't wake up early for school", (4, 4, 2)),
])
def test_cannot_wake_near_misses(triager, text: str, expected) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert "unresponsive" not in flags


# ---- 4. a family member's fit / a first fit ----
@pytest.mark.parametrize("text", [
    "my son had a fit",
    "my daughter has just had a seizure",
    "my dad had a convulsion and is now talking",
    "I had my first fit last night",
    "she had her first ever seizure this morning",
    "my daughter had a seizure for the first time",
])
def test_first_fit(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert FIT in flags


@pytest.mark.parametrize("text,expected", [
    ("my son had a fit when he saw the bill", (4, 4, 2)),
    ("my son had a fit about his homework", (4, 4, 2)),
    ("my mum had a fit of laughter", (4, 4, 3)),
    ("had a fit of laughter", (4, 4, 3)),
    ("my son had a coughing fit", (4, 4, 3)),
    ("I had a coughing fit", (4, 4, 3)),
    ("I'm fit and well", (4, 4, 3)),
    ("the shoes don't fit", (4, 4, 4)),
    ("my son had a fit as a baby and now has a cold", (4, 4, 3)),
    ("my son had a fit, he has epilepsy and is on keppra, back to normal now", (4, 4, 3)),
])
def test_first_fit_near_misses(triager, text: str, expected) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert FIT not in flags


def test_usual_epilepsy_seizure_not_this_flag(triager) -> None:
    # NHS: no 999 for a known epilepsy's usual seizure; the base's "altered mental status"
    # keeps 2 (this round only raises; left as it was and noted)
    levels, flags = _run(triager,
                         "she has epilepsy and had her usual brief seizure and is back to normal")
    assert FIT not in flags
    assert levels == (2, 2, 2)


# ---- 5. grey said of oneself ----
@pytest.mark.parametrize("text", [
    "I feel grey and clammy",
    "I've gone grey and sweaty and my chest hurts",
    "I look grey and I can't catch my breath",
    "I'm grey and clammy",
    "he looks grey and clammy",
    "he's gone grey and sweaty",
])
def test_grey_with_illness(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert GREY in flags


@pytest.mark.parametrize("text,expected", [
    ("he looks grey", (4, 4, 2)),
    ("he has grey hair", (4, 4, 2)),
    ("he looks grey haired", (4, 4, 2)),
    ("I've gone grey", (4, 4, 3)),
    ("I look grey haired these days", (4, 4, 3)),
    ("the sky looks grey", (4, 4, 3)),
    ("feeling a bit grey today", (4, 4, 3)),
    ("I feel a bit grey today", (4, 4, 3)),
    ("I feel grey and low", (4, 4, 3)),
    ("I went grey with shock at the news", (4, 4, 3)),
])
def test_grey_near_misses(triager, text: str, expected) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert GREY not in flags


# ---- 6. reduced fetal movements with a doubt ----
@pytest.mark.parametrize("text", [
    "I don't think I've felt the baby move today",
    "I'm not sure I've felt the baby kick since last night",
    "I can't remember when I last felt the baby move, I'm 34 weeks",
    "I don't think the baby moved much today",
    "baby hasn't moved since yesterday",
    "I'm 30 weeks pregnant and I can't feel the baby kicking",
])
def test_reduced_movements(triager, text: str) -> None:
    r = triager.triage({"id": "t", "text": text, "setting": "self"}, narrative=False)
    assert r.condition == "reduced or absent fetal movements (lay wording)"
    assert _levels(triager, text) == (2, 2, 2)


@pytest.mark.parametrize("text,expected", [
    ("I don't think I've felt the baby move yet, I'm 16 weeks", (4, 4, 3)),
    ("I felt the baby move loads today", (4, 4, 3)),
])
def test_reduced_movements_near_misses(triager, text: str, expected) -> None:
    assert _levels(triager, text) == expected


# ---- 7. pregnancy bleeding: the site told ----
@pytest.mark.parametrize("text,expected", [
    ("I'm 8 weeks pregnant and my gums are bleeding", (4, 4, 3)),
    ("I'm 10 weeks pregnant with bleeding gums", (4, 4, 3)),
    ("I'm pregnant and my nose keeps bleeding", (4, 4, 4)),
    ("pregnant and my piles are bleeding", (4, 4, 3)),
    ("I'm 12 weeks pregnant and had a nosebleed", (4, 4, 4)),
])
def test_pregnancy_non_genital_bleeding_narrowed(triager, text: str, expected) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert PREG not in flags


@pytest.mark.parametrize("text", [
    "I'm pregnant and bleeding",
    "pregnant and spotting",
    "pregnant and bleeding down below",
    "pregnant and passing clots",
    "I'm 9 weeks pregnant and passing blood clots",
    "I'm pregnant and bleeding from my gums and down below",
    "I'm pregnant and I'm bleeding, my gums are fine",
    "I'm pregnant, my gums bleed and I have tummy pain",
    # a cut with no site word in the bleed's own clause: kept (over-triage, the safe side)
    "I'm pregnant and cut my finger, it's bleeding a lot",
])
def test_pregnancy_bleeding_kept(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert PREG in flags


@pytest.mark.parametrize("text", [
    "Her first seizure was at age 3.",
    "He had his first seizure in 2015 and has been seizure free since.",
    "My daughter had her first seizure when she was 2, she is now 10 and has earache.",
    "My son had a fit 3 years ago and is now here for a sore throat.",
])
def test_first_fit_dated_not_this_flag(triager, text: str) -> None:
    # a fit dated by an age, a year or "ago" is history, not this flag (the knowledge base's
    # first-seizure entry reads some of these at the base; left as it was)
    assert FIT not in _run(triager, text)[1]
