"""Pre-eclampsia as a class (issue 21, tri13c).

Levels are (primary_care, self, ed), hand-computed from the rules: a red flag of acuity 2 is an
emergency in every setting (2, 2, 2), one of acuity 3 is (3, 3, 3); the near misses keep the
level they had before this round (no red flag, no entry: 4 in primary care and self, 2-4 in
the ED by the ED reader).

NHS "Pre-eclampsia": severe headache; problems with vision, such as blurring or flashing lights;
pain just below the ribs; vomiting; sudden swelling of the face, hands or feet -- "call your
midwife, GP surgery or NHS 111 immediately"; from around 20 weeks of pregnancy and up to 6 weeks
after the birth. NICE NG133: suspected pre-eclampsia is assessed the same day in secondary care.
Level 2, as the knowledge base's pregnancy_late_emergency row and "pregnancy with bleeding or
pain" already grade severe headache / blurred vision / facial swelling in pregnancy; the plain
"headache" of the older 'possible pre-eclampsia' rule stays 3, now in every pregnancy wording.
Before this round every positive below was (4, 4, 3) or (4, 4, 4) except where noted.
"""

from __future__ import annotations

import pytest
from triage_readers import levels_and_flags  # same folder

PE = "possible pre-eclampsia"


@pytest.mark.parametrize("text", [
    # the issue's own case (before (4, 4, 3))
    "pregnant 28 weeks, swollen face and hands and flashing lights",
    # already 2 before (by other flags): stays 2
    "I'm 34 weeks pregnant with a bad headache and blurred vision",
    # vision problems in lay words
    "I'm 30 weeks pregnant and seeing stars",
    "I'm 32 weeks pregnant and I keep seeing sparkles and zigzags",
    "I'm 34 weeks pregnant and my vision has gone blurry",
    "I'm 34 weeks, bad headache and flashing lights",
    # swelling of the face or hands
    "I'm 29 weeks pregnant and my face is really puffy",
    "I'm 33 weeks pregnant and my rings don't fit anymore, my fingers are swollen",
    "I'm 7 months pregnant and my hands and face are puffy",
    # sudden swelling of the feet
    "I'm 36 weeks pregnant and my feet suddenly swelled up",
    # pain just below the ribs
    "I'm 31 weeks pregnant with pain under my ribs on the right",
    "36 weeks pregnant, pain at the top of my tummy and vomiting",
    "28/40 primip with epigastric pain",
    # up to 6 weeks after the birth
    "I had my baby 2 weeks ago and I've got a terrible headache and blurred vision",
    "10 days postpartum with a severe headache",
    "I gave birth 5 days ago and I'm seeing flashing lights",
    "just had a baby, 3 weeks ago, and my face has gone puffy",
    # told by someone else (before (3, 3, 3))
    "my wife is 34 weeks pregnant and seeing flashing lights",
])
def test_pre_eclampsia_symptoms_are_an_emergency(triager, text: str) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == (2, 2, 2)
    assert PE in flags


@pytest.mark.parametrize("text", [
    # the older rule's plain headache (3), unchanged ...
    "I'm 34 weeks pregnant with a headache",
    "I'm 30 weeks pregnant and I have a headache and a runny nose",
    # ... and now read in the other wordings of a late pregnancy or a recent birth (before 4, 4, 3)
    "pregnant 28 weeks with a headache",
    "I had my baby 2 weeks ago and I have a headache",
    # a known migraine told as the usual one: its aura in the second half of pregnancy or after a
    # birth is graded with the plain headache (NHS Headaches in pregnancy: call the midwife / 111
    # immediately); before 4, 4, 4 (the lead's change after the re-review; tri13c had 2)
    "I get migraines a few times a year, I've got one now, same as usual with the zigzag lights, "
    "I'm 8 months gone. What can I take?",
    "I get migraines a few times a year, I've got one now, same as usual with the zigzag lights "
    "first. I had a baby 2 weeks ago. What can I take?",
    # vomiting alone (NHS lists it; the NHS action is "call your midwife, GP surgery or NHS 111
    # immediately", same day): graded with the plain headache, since a stomach bug is the usual
    # cause (before 4, 4, 3); with a severe sign it stays 2 (the positives above)
    "I'm 30 weeks pregnant and I vomited once this morning",
    "I'm 24 weeks pregnant and I've been vomiting since eating a dodgy curry last night, my "
    "husband has it too",
    "34 weeks pregnant, diarrhoea and vomiting, whole family has a tummy bug",
])
def test_plain_headache_late_pregnancy_same_day(triager, text: str) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == (3, 3, 3)
    assert PE in flags


@pytest.mark.parametrize("text,expected", [
    # swollen ankles through a long day: common (NHS "Swollen ankles, feet and fingers in
    # pregnancy"), not sudden -- the level it had
    ("I'm 35 weeks pregnant and my ankles are swollen at the end of the day", (4, 4, 4)),
    ("I'm 37 weeks pregnant and my ankles are a bit swollen after a long day on my feet", (4, 4, 4)),
    ("I'm 35 weeks pregnant and my ankles swell by the evening", (4, 4, 4)),
    # before 20 weeks
    ("I'm 8 weeks pregnant with a headache", (4, 4, 3)),
    ("I'm 8 weeks pregnant and I keep seeing flashing lights", (4, 4, 3)),
    ("I'm 12 weeks pregnant and my face is puffy", (4, 4, 3)),
    # no pregnancy
    ("man aged 40 with a headache and flashing lights", (4, 4, 2)),
    ("man aged 40 with swollen hands and vomiting", (4, 4, 2)),
    ("I saw flashing lights at a concert last night and now have a headache", (4, 4, 3)),
    ("swollen face after dental work yesterday", (4, 4, 4)),
    # a birth more than 6 weeks back
    ("I had my baby 3 months ago and I get headaches", (4, 4, 3)),
    ("I had my baby 3 months ago and my face is swollen", (4, 4, 3)),
    ("I had my baby 8 weeks ago and I have a bad headache", (4, 4, 3)),
    ("8 weeks postpartum with flashing lights", (4, 4, 3)),
    ("history of postpartum depression, now vomiting", (4, 4, 4)),
    ("I'm 3 months gone and seeing flashing lights", (4, 4, 3)),
    # the gestation a child was born at is no pregnancy now; a child is not the patient of it
    ("A 1-month-old girl is brought in with persistent vomiting. She was born at 39 weeks "
     "gestation via spontaneous vaginal delivery.", (4, 4, 3)),
    ("A 6-week-old male infant has recurrent vomiting. He was born at 37 weeks' gestation and "
     "weighed 3300 g.", (4, 4, 4)),
    ("My 3 week old baby keeps vomiting, he was born at 38 weeks", (4, 4, 4)),
    # denied symptoms; nausea is not vomiting
    ("I'm 34 weeks pregnant, no headache, no vision problems", (4, 4, 3)),
    ("I'm 32 weeks pregnant and feel a bit sick in the mornings", (4, 4, 3)),
    ("I'm 30 weeks pregnant and my baby is moving well", (4, 4, 3)),
])
def test_pre_eclampsia_near_misses(triager, text: str, expected) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert PE not in flags


# Lead's follow-up to the re-review (hand-computed, [primary_care, self, ed]): "third trimester"
# of something other than a pregnancy is none; a birth told of a partner or relative, with the
# symptoms then told of the writer ("I have") or of the baby ("he has"), is no pre-eclampsia
# reading (both were 2 or 3 after tri13c; the session-start levels); a relative's birth with
# her own symptoms still is.
@pytest.mark.parametrize("text,expected", [
    ("third trimester of my degree, severe headache and vision problems", (4, 4, 4)),
    ("in my third trimester of university exams, migraine with zigzag lines as usual", (5, 5, 4)),
    ("my wife gave birth 2 weeks ago, I have a severe headache", (4, 4, 3)),
    ("our baby was delivered 2 weeks ago, he has sticky eyes and is being sick", (4, 4, 4)),
    ("I'm in my third trimester and have a severe headache", (2, 2, 2)),
    ("my daughter had her baby 5 days ago and now has a terrible headache and swollen face",
     (2, 2, 2)),
    ("my wife gave birth 10 days ago and now she has a severe headache and blurred vision",
     (2, 2, 2)),
])
def test_lead_follow_up(triager, text: str, expected) -> None:
    levels, _ = levels_and_flags(triager, text)
    assert levels == expected
