"""Lay wordings of conditions the knowledge base holds (issue 21, laygaps): four error classes.

Levels are (primary_care, self, ed). Before the change every positive below was routine with no
condition (4, 4, 3 or 4, 4, 4). Hand-checked against the sources named in the YAML entries:

- A. reduced or absent fetal movements (``reduced_fetal_movements_lay``, emergency, 2/2/2):
  NHS Your baby's movements / RCOG Green-top 57: movements that slowed down, changed or stopped
  -> contact the maternity unit immediately, do not wait until the next day. The cue inside the
  finding ("I've not felt the baby kick", "the baby is not moving as much") ends with it in the
  KB's negation view (``knowledge._NEGATIVE_MOVEMENT``), so the time frame after it counts.
  Near misses: a baby that moved a lot or normally, first movements not felt "yet" before 24
  weeks, a born baby's bowels, a dog.
- B. a missed period told in lay words (``ectopic_pregnancy``, emergency, 2/2/2): NHS Ectopic
  pregnancy (a missed period with tummy pain low down on one side, vaginal bleeding or brown
  discharge, shoulder-tip pain) and the 3-level table ("abdominal pain with possible pregnancy
  needs ED now"). "I haven't had a period for 7 weeks" (5 weeks or more, or 2 months), "my period
  is late / overdue / hasn't come", "late for my period", "positive test"; pain "on one side",
  "in my right side", cramps, bleeding and brown discharge. The cue of "haven't had a period"
  ends with it (``knowledge._NO_PERIOD``). Near misses: a period 2 days late without pain, leg
  cramps, bleeding gums, a nosebleed, pain on one side of the head.
- C. angina felt in the jaw, neck, throat, arms or shoulders on exertion
  (``stable_angina_equivalent_lay``, urgent, 3/3/4 (the ED floor of an urgent entry is 4)):
  NICE CG95 typical angina features; NHS Angina (see a GP as soon as possible). Near misses: the
  jaw on chewing, an arm after the gym, moving the limb itself, tennis, a fall, asthma, legs
  (claudication, its own entry).
- D. the same discomfort at rest, lasting over 15 minutes or getting worse, with an exertional
  pattern, sweating, sickness, breathlessness or a cardiac risk (``acs_equivalent_lay``,
  emergency, 2/2/2): NICE CG95 1.1.1.1; NHS Heart attack.
"""

from __future__ import annotations

import pytest
from kb_entry import entry_fires  # same folder

from assistant.triage.knowledge import negation_view

SETTINGS = ("primary_care", "self", "ed")


def _levels(triager, text: str) -> tuple[int, ...]:
    return tuple(triager.triage({"id": "t", "text": text, "setting": s}, narrative=False).acuity
                 for s in SETTINGS)


# ---- A. reduced or absent fetal movements ----
FETAL = "reduced_fetal_movements_lay"
FETAL_POS = [
    "I haven't felt the baby move since yesterday",
    "I'm 34 weeks pregnant and the baby has been moving less than usual today",
    "I haven't felt my baby move today",
    "The baby hasn't moved since last night",
    "Baby hasn't kicked all day, I'm 36 weeks",
    "I can't feel the baby moving this morning",
    "I haven't felt any movements from the baby today",
    "No movements from the baby since this morning, I'm 30 weeks",
    "The baby's movements have slowed down over the last 2 days, I'm 32 weeks pregnant",
    "My baby seems quieter than usual today, I'm 38 weeks",
    "I'm 29 weeks and the baby has stopped moving",
    "I'm pregnant and baby is kicking less than normal",
    "fewer kicks than usual today at 33 weeks",
    "I've not felt the baby kick since yesterday morning",
    "the bump has been really quiet today, hardly any kicks",
    "baby movements have changed today",
    "reduced baby movements since yesterday",
    "I'm 35 weeks and I've hardly felt the baby move today",
    "Haven't felt the baby move for 12 hours",
    "The baby isn't moving as much as usual",
    "My baby is not moving as much as normal today",
    "Baby has been less active today 37 weeks pregnant",
    "Barely any movement from baby since last night",
    "I'm 40 weeks and the baby hasn't been moving much today",
    "I'm 31 weeks, the baby is not kicking like she usually does",
    "Not felt baby move since lunchtime yesterday",
    "I'm 28 weeks and I have not felt any kicks today",
    "The baby has stopped kicking since this morning",
]
FETAL_NEG = [
    "the baby moved a lot today",
    "baby movements are normal",
    "my dog hasn't moved since yesterday",
    "I'm 18 weeks pregnant and haven't felt the baby move yet",
    "When will I feel the baby move? I'm 16 weeks",
    "I'm 20 weeks pregnant and haven't felt the baby kick yet, is that normal?",
    "My 3 month old baby hasn't moved his bowels since yesterday",
    "The baby is moving lots and kicking normally, 30 weeks",
    "the baby kicked me so hard today",
    "baby movements normal, no bleeding, 32 weeks",
    "I felt the baby move this morning and she is kicking normally now",
    "I'm 36 weeks and the baby is moving normally, no pain",
    "I'm pregnant and I haven't felt sick today",
    "He is not moving his left arm since yesterday",
]


@pytest.mark.parametrize("text", FETAL_POS)
def test_fetal_movements_fire(text: str) -> None:
    assert entry_fires(FETAL, text)


@pytest.mark.parametrize("text", FETAL_NEG)
def test_fetal_movements_near_misses(text: str) -> None:
    assert not entry_fires(FETAL, text)


# ---- B. a missed period in lay words (ectopic pregnancy) ----
ECTOPIC = "ectopic_pregnancy"
ECTOPIC_POS = [
    "I haven't had a period for 7 weeks and I have pain on one side and spotting",
    "I missed my period and have pain on one side and spotting",
    "My period is 2 weeks late and I have pain low down on my left side",
    "My period is late and I've got sharp pain on my right side and brown discharge",
    "I think I might be pregnant, I have pain on one side of my tummy and some bleeding",
    "I've not had a period in 6 weeks and now I have cramps and some bleeding",
    "No period for 8 weeks, one sided pain and bleeding",
    "I'm late for my period by a week and have one-sided pelvic pain",
    "I could be pregnant and have pain in my lower right side and spotting",
    "My period hasn't come this month and I have bad pain on one side and feel dizzy",
    "I haven't had my period for 2 months and have stomach cramps and light bleeding",
    "period is overdue and I have brown discharge and pain on my left side",
    "I'm 6 weeks pregnant with pain on my right side",
    "positive pregnancy test last week and now pain in my shoulder tip and bleeding",
    "I'm 7 weeks pregnant and started bleeding with cramps",
]
ECTOPIC_NEG = [
    "I'm not pregnant, my period is late by 2 days, no pain",
    "My period is late, no pain or bleeding, should I take a test?",
    "I have period pain and my period started today",
    "I have pain on one side during my period every month",
    "I missed my pill and have spotting",
    "I'm pregnant and get leg cramps at night",
    "I'm 8 weeks pregnant and my gums are bleeding when I brush",
    "I'm pregnant and have pain on the left side of my head",
    "I'm 9 weeks pregnant and have a nosebleed",
    "I haven't had a period for 2 weeks and I have some cramps",
    # triage sweep (clinical vignettes): a positive stool test in a man, obstetric history
    # ("gravida 1") with groin pain, irregular menstrual bleeding
    "A 41-year-old man has abdominal pain; his stool test is positive for blood.",
    "A 59-year-old gravida 1, para 0-0-1-0 with pain in her left groin.",
    "A 25-year-old woman with irregular menstrual bleeding; her last menstrual period was 6 "
    "weeks ago.",
]


@pytest.mark.parametrize("text", ECTOPIC_POS)
def test_ectopic_lay_fires(text: str) -> None:
    assert entry_fires(ECTOPIC, text)


@pytest.mark.parametrize("text", ECTOPIC_NEG)
def test_ectopic_lay_near_misses(text: str) -> None:
    assert not entry_fires(ECTOPIC, text)


# ---- C. stable angina felt outside the chest; D. the same as an acute coronary syndrome ----
ANGINA, ACS = "stable_angina_equivalent_lay", "acs_equivalent_lay"
ANGINA_POS = [
    "My jaw and left arm ache when I walk and it goes when I rest",
    "I get a tight feeling in my throat and left arm when I climb stairs",
    "My left arm aches when I walk up hills and it goes away when I stop",
    "I get an ache in my jaw when I walk in the cold and it goes when I stop",
    "My neck feels tight when I go up the stairs and it settles after a rest",
    "Pain in my left arm when I exercise that goes when I sit down",
    "A heavy feeling in both arms when I walk fast, better when I rest",
    "I'm a smoker and my jaw aches when I hurry for the bus",
    "My throat gets tight when I walk uphill and goes when I stand still",
    "I get a pressure in my neck and jaw when I climb the stairs, it passes after a couple of "
    "minutes of rest",
    "tightness in my throat when walking up a hill, goes off when I stop, I'm diabetic",
    "My shoulders ache when I walk and it eases when I rest",
]
ACS_POS = [
    "The ache in my jaw and left arm that I used to get when walking now comes on at rest and "
    "has lasted 20 minutes",
    "My left arm has been aching for 30 minutes and I feel sweaty and sick",
    "My jaw and left arm started aching while I was watching TV, I'm diabetic",
    "My jaw aches when I climb stairs and it's getting worse, now it comes with less effort",
    "I've had a pain in my jaw for the last hour and I'm sweating",
]
ARM_JAW_NEG = [
    "my jaw aches when I chew",
    "my arm aches after the gym",
    "my shoulder hurts when I lift my arm",
    "my neck aches when I turn my head",
    "I have a sore throat and it hurts when I swallow",
    "my legs ache when I walk and it goes when I rest",
    "my throat feels tight when I run, I have asthma",
    "my arm hurts when I play tennis",
    "I fell and my arm hurts when I walk",
    "my jaw aches in the morning from grinding my teeth",
    "my left arm has been aching for an hour after carrying boxes, I strained it",
]


@pytest.mark.parametrize("text", ANGINA_POS)
def test_angina_equivalent_fires(text: str) -> None:
    assert entry_fires(ANGINA, text)


@pytest.mark.parametrize("text", ACS_POS)
def test_acs_equivalent_fires(text: str) -> None:
    assert entry_fires(ACS, text)


@pytest.mark.parametrize("text", ANGINA_POS)
def test_exertional_relieved_by_rest_is_not_acs(text: str) -> None:
    assert not entry_fires(ACS, text)


@pytest.mark.parametrize("text", ARM_JAW_NEG)
def test_angina_near_misses(text: str) -> None:
    assert not entry_fires(ANGINA, text)
    assert not entry_fires(ACS, text)


# ---- the negation view: a cue inside the finding ends with it ----
@pytest.mark.parametrize(("text", "broken_after"), [
    ("I've not felt the baby kick since yesterday", "not felt the baby kick"),
    ("My baby is not moving as much as normal today", "not moving as much"),
    ("I haven't had a period for 7 weeks and I have pain", "had a period for 7 weeks"),
    ("My period hasn't come and I have pain on one side", "hasn't come"),
])
def test_negation_view_ends_the_cue(text: str, broken_after: str) -> None:
    i = text.index(broken_after) + len(broken_after)
    assert negation_view(text)[i] == ";"


@pytest.mark.parametrize("text", ["He is not moving his left arm", "no fever or pain"])
def test_negation_view_untouched(text: str) -> None:
    assert negation_view(text) == text


# ---- levels end to end (hand-computed: emergency 2; urgent 3, ED floor 4) ----
@pytest.mark.parametrize(("text", "want"), [
    ("I haven't felt the baby move since yesterday", (2, 2, 2)),
    ("I'm 34 weeks pregnant and the baby has been moving less than usual today", (2, 2, 2)),
    ("I haven't had a period for 7 weeks and I have pain on one side and spotting", (2, 2, 2)),
    ("My jaw and left arm ache when I walk and it goes when I rest", (3, 3, 4)),
    ("I get a tight feeling in my throat and left arm when I climb stairs", (3, 3, 4)),
    ("My jaw and left arm started aching while I was watching TV, I'm diabetic", (2, 2, 2)),
    # near misses keep the levels they had before the change
    ("the baby moved a lot today", (4, 4, 3)),
    ("baby movements are normal", (4, 4, 3)),
    ("I'm not pregnant, my period is late by 2 days, no pain", (4, 4, 4)),
    ("my jaw aches when I chew", (4, 4, 4)),
    ("my arm aches after the gym", (5, 5, 4)),
    ("my dog hasn't moved since yesterday", (4, 4, 3)),
])
def test_levels(triager, text: str, want: tuple[int, ...]) -> None:
    assert _levels(triager, text) == want


# ---- review of 2026-12-06 (lead fixes, pinned): a stated early gestation, a missed period
# with its cause, a lay light-and-neck pair with its everyday cause
@pytest.mark.parametrize("text, want", [
    ("I'm 8 weeks pregnant and haven't felt the baby move", (4, 4, 3)),
    ("I'm pregnant and can't feel the baby move, I'm 6 weeks", (4, 4, 3)),
    ("I'm 34 weeks and haven't felt the baby move since yesterday", (2, 2, 2)),
    # (second re-review) a contraceptive injection explains nothing: the ectopic reading stays
    ("I haven't had a period for 6 months since I went on the injection and I have pain on "
     "my left side", (2, 2, 2)),
    ("my periods haven't come since the menopause and I have left sided pain", (4, 4, 4)),
    ("I haven't had a period for 7 weeks and I have pain on one side and spotting", (2, 2, 2)),
    ("the light is too bright on my phone and my neck is stiff from sleeping funny", (4, 4, 4)),
    ("my neck is stiff and I can't look at the light, I've been on my phone all night",
     (4, 4, 4)),
    ("stiff neck and the light hurts, I have a hangover", (4, 4, 4)),
    ("she has a stiff neck and cant look at the light", (2, 2, 2)),
])
def test_review_narrowings(triager, text: str, want: tuple[int, ...]) -> None:
    assert _levels(triager, text) == want


# ---- re-review of 2026-12-06 (lead fixes, pinned): weeks to the due date or at a past scan are
# no early gestation; a contraceptive implant or injection does not explain a missed period; a
# fever-ish sign keeps the lay light-and-neck pair whatever cause is told
@pytest.mark.parametrize("text, want", [
    ("I'm 2 weeks from my due date and the baby hasn't moved since yesterday", (2, 2, 2)),
    ("she's 2 weeks late and hasn't felt the baby move all day", (2, 2, 2)),
    ("I'm 37 weeks, baby hasn't moved today, I'm 3 weeks from my due date", (2, 2, 2)),
    ("I'm 38 weeks and baby's movements have reduced, I had a scan at 8 weeks along", (2, 2, 2)),
    ("no period since I had the implant out, positive pregnancy test and bad pain on my right "
     "side", (2, 2, 2)),
    ("my neck is stiff and the light hurts my eyes, I'm hot and shivery, I slept funny",
     (2, 2, 2)),
])
def test_rereview_narrowings(triager, text: str, want: tuple[int, ...]) -> None:
    assert _levels(triager, text) == want
