"""False fires of existing entries on probe6, and two lay emergencies missed (issue 21).

Found on ``eval/data/triage_real/probe6_dev.tsv`` (dev; README section "probe6") and the fourth
lay battery. Each is fixed as a class with the guidance named in the knowledge-base entry:

1. a toddler's bowed legs "since he started walking" matched a fracture with deformity; the
   toddler was also read as 6 (his sister's age): physiological genu varum is self-care under 3
   (NHS Bow legs; AAP), the patient's age is the earliest stated, and "born at 38 weeks'
   gestation" is the child's birth history, not a pregnancy now;
2. an infant's "pregnancy and delivery were uncomplicated" made jaundice "jaundice in
   pregnancy" (acute liver failure); prolonged jaundice with pale stools is an urgent referral
   (NICE CG98), jaundice in a pregnant woman stays an emergency in its own entry;
3. multiple sclerosis features (internuclear ophthalmoplegia, a past visual episode that
   recovered) matched acute neuromuscular weakness (NICE NG220: MS service / neurologist);
4. weeks of loose stools with right lower pain (Crohn's) matched appendicitis (NICE NG129);
5. "necrotizing granulomas" in a lymph node (cat-scratch disease) counted as skin necrosis;
6. left lower abdominal pain in a 27-year-old matched diverticulitis (NICE CKS Diverticular
   disease: uncommon under 40);
7. a dog bite "bleeding a lot" and a swollen painful eye with fever that "he can't move
   properly" matched nothing (NHS Animal and human bites: A&E; NICE CKS orbital cellulitis).

Left on purpose: the resolved panic attack with chest pain stays an emergency (the chest-pain
red flag fires on it; that floor is not lowered here). Every change that lowers a level has a
test that lay- and clinician-worded emergencies of the same area stay emergencies. Sentences are
mine (not copied from a data set); each "was" acuity was checked on the code before.
"""

from __future__ import annotations

import re

import pytest
from test_triage_selfcare_classes import _acuity

from assistant.triage import Triager
from assistant.triage.knowledge import _SELF_CARE_RISK, _not_current_risk
from assistant.triage.parse import parse_age

# ---- 1. bow legs, the patient's age, birth gestation ----


def test_patient_age_is_the_earliest_stated() -> None:
    # was 6.0 (the year pattern was tried first over the whole text)
    text = ("A 21-month-old boy is brought in by his mother. His 6-year-old sister is well. "
            "He was born to a 33-year-old woman.")
    assert parse_age(text)[0] == 1.75
    assert parse_age("A 2-day-old boy born to a 36-year-old woman has jaundice.")[0] == 0.005


def test_birth_gestation_is_not_a_current_pregnancy() -> None:
    text = "He was born at 38 weeks' gestation. She is at 30 weeks' gestation."
    hits = list(_SELF_CARE_RISK.finditer(text))
    assert [_not_current_risk(text, m) for m in hits] == [True, False]


BOW_LEGS = ("A 22-month-old girl is brought in because her legs have looked bowed since she "
            "started walking. She was born at 39 weeks' gestation. Her 5-year-old brother is "
            "healthy. Both legs look the same, she walks normally and she is well.")
BOW_LEGS_DEFORMITY = ("A 20-month-old boy's mother noticed deformities in both of his legs since "
                      "he started walking; his sister was treated for dysplasia of the hip. The "
                      "gait is unremarkable.")


def test_toddler_bow_legs_is_self_care(triager: Triager) -> None:
    assert _acuity(triager, BOW_LEGS) == (5, "bow legs in a toddler (physiological genu varum)")
    # was 2 (fracture with deformity: "deformities" + "hip")
    assert _acuity(triager, BOW_LEGS_DEFORMITY)[0] == 5


@pytest.mark.parametrize("text", [
    "A 2-year-old has bowing of only the left leg that is getting worse and he limps.",
    "A 4-year-old still has bowed legs since he started walking.",
    "My 2 year old's legs are bowed and she is short for her age and has wide wrists.",
])
def test_bow_legs_needing_a_gp_are_not_self_care(triager: Triager, text: str) -> None:
    assert _acuity(triager, text)[0] <= 4


@pytest.mark.parametrize("text", [
    "My 2-year-old fell off the slide and his leg is bent at a strange angle.",
    "A 20-month-old boy fell down the stairs; his left leg is deformed and he will not walk.",
    "A 30-year-old fell on an outstretched hand; the wrist is visibly deformed.",
    "My toddler has bowed legs and fell off a wall today, now his arm is bent in a weird shape.",
])
def test_deformity_after_injury_stays_emergency(triager: Triager, text: str) -> None:
    assert _acuity(triager, text)[0] <= 2


# ---- 2. prolonged infant jaundice vs jaundice in pregnancy ----

BILIARY = ("A 5-week-old boy has had yellow eyes and skin for 3 weeks and his stools have become "
           "pale. Pregnancy and delivery were uncomplicated. He is feeding well.")


def test_prolonged_infant_jaundice_with_pale_stools_is_urgent(triager: Triager) -> None:
    assert _acuity(triager, BILIARY) == (3, "jaundice in a newborn")  # was 2 (liver failure)
    assert _acuity(triager, "My 3 week old baby is yellow and has pale poo.")[0] == 3  # was 4


@pytest.mark.parametrize("text", [
    "I am 30 weeks pregnant and my eyes have turned yellow and I feel sick.",
    "A 32-year-old at 34 weeks' gestation has new scleral icterus, nausea and epigastric pain.",
    "My newborn has yellow skin and is only 12 hours old.",
    "A 4-week-old girl with yellow eyes for 2 weeks and pale stools is very sleepy and not "
    "feeding.",
    "A 2-month-old with jaundice, lethargy and bleeding from the umbilicus.",
    "A 55-year-old with cirrhosis and jaundice is confused with a flapping tremor.",
])
def test_jaundice_emergencies_stay(triager: Triager, text: str) -> None:
    assert _acuity(triager, text)[0] <= 2


# ---- 3. multiple sclerosis features ----

MS = ("A 29-year-old woman has numbness in her legs, difficulty walking and bladder urgency. "
      "Two years ago she had blurred vision in one eye that recovered in a few days. "
      "Examination shows an internuclear ophthalmoplegia and brisk reflexes.")


def test_ms_features_are_not_acute_neuromuscular_weakness(triager: Triager) -> None:
    acuity, condition = _acuity(triager, MS)  # was 2 (acute neuromuscular weakness)
    assert acuity >= 3 and condition != "acute neuromuscular weakness / spinal cord compression"


@pytest.mark.parametrize("text", [
    "Since yesterday my legs are weak and tingly, it is spreading up and now I can't walk.",
    "A 35-year-old has ascending weakness of both legs over 3 days after diarrhoea, with "
    "absent reflexes.",
    "A 40-year-old with known multiple sclerosis has sudden weakness of the right arm, a "
    "facial droop and slurred speech.",
    "A 60-year-old with prostate cancer has back pain and weakness in both legs since this "
    "morning and urinary retention.",
    # a person who says they have MS is not excluded (only the examination picture is)
    "I have MS and since this morning I can't pass urine and my legs are numb.",
    "My wife has MS and since yesterday her legs are weak, it is spreading up and she can't "
    "walk.",
    "A 45-year-old with known multiple sclerosis has back pain, numbness around the anus and "
    "new urinary retention.",
    "A 24-year-old with a 6-week history of loose stools now has sudden severe right lower "
    "quadrant pain with guarding and fever.",
])
def test_weakness_emergencies_stay(triager: Triager, text: str) -> None:
    assert _acuity(triager, text)[0] <= 2


# ---- 4. weeks of diarrhoea with right lower pain ----

CROHN = ("A 24-year-old man has a 2-month history of loose stools, crampy right lower abdominal "
         "pain and a low-grade fever.")


def test_weeks_of_diarrhoea_with_right_lower_pain_is_not_appendicitis(triager: Triager) -> None:
    assert _acuity(triager, CROHN)[0] >= 3  # was 2 (appendicitis)


@pytest.mark.parametrize("text", [
    "A 19-year-old with pain that started around the navel and moved to the right lower "
    "abdomen, vomiting and a temperature of 38.1.",
    "My son's tummy pain started by his belly button and moved to the lower right, he has been "
    "sick and has a fever.",
    "A 24-year-old with a 6-week history of loose stools now has sudden severe right lower "
    "quadrant pain with guarding and fever.",
])
def test_appendicitis_emergencies_stay(triager: Triager, text: str) -> None:
    assert _acuity(triager, text)[0] <= 2


# ---- 5. necrosis in a lymph node is not skin necrosis ----

CAT_SCRATCH = ("A 7-year-old boy has a tender swollen node in the left armpit and a temperature "
               "of 38.4 two weeks after a kitten scratched his hand; the hand shows red, "
               "erythematous crusted scratches. A node biopsy shows necrotizing granulomas.")


def test_cat_scratch_node_is_not_systemic_cellulitis(triager: Triager) -> None:
    assert _acuity(triager, CAT_SCRATCH)[0] >= 3  # was 2 (cellulitis with systemic illness)


@pytest.mark.parametrize("text", [
    "My dad's leg is red, hot and swollen, he has a fever and the skin is turning purple.",
    "A 55-year-old has an erythematous swollen thigh, temperature 38.9 and necrotic skin with "
    "crepitus.",
    "A 60-year-old with spreading erythema of the leg, fever and a heart rate of 124.",
])
def test_skin_infection_emergencies_stay(triager: Triager, text: str) -> None:
    assert _acuity(triager, text)[0] <= 2


# ---- 6. left lower abdominal pain under 40 ----

MITTELSCHMERZ = ("A 27-year-old woman has mild left lower abdominal pain that started this "
                 "morning, in the middle of her cycle; a urine pregnancy test is negative.")


def test_left_lower_pain_under_40_is_not_diverticulitis(triager: Triager) -> None:
    # was (3, "uncomplicated diverticulitis"); the ovulation-pain entry now answers
    assert _acuity(triager, MITTELSCHMERZ)[0] == 5


@pytest.mark.parametrize("text,most", [
    ("A 27-year-old woman has left lower abdominal pain and a positive pregnancy test.", 2),
    ("I'm 26, I have bad pain low down on the left of my tummy, I missed my period and I feel "
     "faint.", 2),
    ("A 30-year-old with left lower quadrant pain, a temperature of 39.4 and rebound "
     "tenderness.", 2),
    ("A 60-year-old with 2 days of left lower abdominal pain and tenderness and a temperature "
     "of 37.9.", 3),
    ("A 35-year-old with known diverticular disease has 2 days of lower abdominal pain and a "
     "temperature of 37.9.", 3),
])
def test_left_lower_pain_emergencies_and_diverticulitis_stay(triager: Triager, text: str,
                                                             most: int) -> None:
    assert _acuity(triager, text)[0] <= most


# ---- 7. lay emergencies missed ----

@pytest.mark.parametrize("text", [
    "My dog bit my son's arm and it's bleeding a lot.",  # was 4
    "A 40-year-old man was bitten by a dog on the forearm and has a deep gaping wound.",
    "A 45-year-old was bitten on the hand by a dog 20 minutes ago; the bleeding won't stop.",
])
def test_serious_animal_bite_is_emergency(triager: Triager, text: str) -> None:
    assert _acuity(triager, text)[0] <= 2


@pytest.mark.parametrize("text", [
    "My gums are bleeding a lot when I brush my teeth.",
    "A cat bit my hand this morning, two small puncture marks, not bleeding now.",
])
def test_bleeding_gums_and_small_bites_are_not_emergency(triager: Triager, text: str) -> None:
    assert _acuity(triager, text)[0] >= 3


@pytest.mark.parametrize("text", [
    "My son's eye is swollen and painful, he has a fever and he can't move it properly.",  # was 4
    "My daughter's eye is really swollen and red, she has a temperature and it hurts when she "
    "moves her eye.",  # was 4
    "A 7-year-old with a swollen left eye, fever, proptosis and painful eye movements.",  # was 4
    "8-year-old with a red, swollen eyelid, fever and pain on moving the eye.",
])
def test_orbital_cellulitis_is_emergency(triager: Triager, text: str) -> None:
    assert _acuity(triager, text)[0] <= 2


def test_sticky_red_eye_with_a_cold_is_not_orbital_cellulitis(triager: Triager) -> None:
    assert _acuity(triager, "My son has a red sticky eye and a mild fever from a cold.")[0] >= 3


def test_lay_urinary_symptoms_without_a_question_stay_routine(triager: Triager) -> None:
    # pinned (already so): dysuria and frequency described, no question asked -> routine review
    assert _acuity(triager, "I have burning when I pee and need to go all the time.")[0] == 4


def test_resolved_panic_like_chest_pain_stays_emergency(triager: Triager) -> None:
    # left on purpose: the chest-pain red flag fires and no floor is lowered here
    text = ("A 30-year-old woman had an episode of chest pain with a racing heart, sweating and "
            "a feeling that she was going to die; it settled on its own and her ECG and "
            "troponin are normal.")
    assert _acuity(triager, text)[0] <= 2
    assert re.search("chest", " ".join(triager.triage({"id": "c", "text": text}).red_flags))
