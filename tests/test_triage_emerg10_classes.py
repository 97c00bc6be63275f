"""Issue 21 (emerg10): emergency classes the rules did not know, and over-triage false fires.

Untuned, probe9 (``eval/data/triage_real/probe9_dev.tsv``) caught 10/15 emergencies; the five
misses had no knowledge-base entry. Classes fixed here, each with lay and clinical wording:

1. new sourced entries: invasive fungal sinusitis / mucormycosis (CDC; ESCMID/ECMM 2019), toxic
   megacolon / acute severe colitis (NICE NG130, NG199), HELLP / thrombotic microangiopathy in
   pregnancy (NICE NG133; BSH TTP 2023), fever after surgery with a deep collection (NICE
   NG125, NG51); a newborn with a named serious infection (NICE NG195) joins ``unwell_neonate``;
2. a rash that does not fade on pressure (lay glass test, "non-blanching", a purple rash that
   "doesn't fade") is a 999 red flag even without a fever (NHS Meningitis / Sepsis; NICE NG240);
3. the shared self-care net: a cough for 3 weeks or more (NHS Cough) and a stiff neck (NHS
   Meningitis) block every self-care entry, not only the named cold;
4. relaxations, each with its emergencies pinned: teething dribble is no airway sign (NHS
   Baby teething) unless an airway, infection or allergy feature is beside it (NHS
   Epiglottitis / Sore throat); a breath-holding spell is no arrest unless prolonged (NHS
   Breath-holding); a thriving colicky baby crying inconsolably in the evenings is no
   emergency (NHS Colic), while a danger feature keeps it one; an ear infection with an
   ordinary fever is home care when the carer asks what to give (NHS Ear infections: see a GP
   for a very high temperature, feeling hot and shivery, or no improvement after 3 days); a
   clinician's note of the same stays routine (eval vignette v27, pinned by the project).

Each positive failed on the code before (98b5623); expected levels set by hand.
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.triage import Triager


@pytest.fixture(scope="module")
def triager() -> Triager:
    return Triager(load_settings(None, {"use_llm": False}, environ={}))


def _acuity(t: Triager, text: str) -> int:
    rec = t.triage({"id": "e10", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity is not None
    return rec.acuity


# ---- 1. emergencies with no entry before ----
@pytest.mark.parametrize("text", [
    # invasive fungal sinusitis / mucormycosis
    "An elderly diabetic woman has facial swelling and blackish discharge from the nasal cavity "
    "with necrosis of the nasal mucosa and palate.",
    "I'm diabetic and my face is swollen, there's a black crust inside my nose and I'm seeing "
    "double.",
    # toxic megacolon / acute severe colitis
    "A middle aged man has had fever and diarrhoea for a week and acute onset abdominal pain "
    "for 6 hours.",
    "I have ulcerative colitis and bloody diarrhoea for a week, now my tummy is really swollen, "
    "I have a fever and my heart is racing.",
    # HELLP / thrombotic microangiopathy in pregnancy
    "A pregnant woman has fever; haemoglobin is decreased, platelet count is decreased and the "
    "smear shows fragmented red cells.",
    "I'm 34 weeks pregnant and the midwife said my red cells are breaking down and I have low "
    "platelets.",
    # a newborn with a named serious infection
    "A neonate develops encephalitis without any skin lesions.",
    # fever after surgery with a deep collection
    "On postoperative day 3 after a laparoscopic cholecystectomy he has a fever; ultrasound "
    "shows a 5 cm subdiaphragmatic collection.",
    "I had my appendix out 5 days ago and now I have a high temperature and the scan showed an "
    "abscess.",
])
def test_new_emergency_classes(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) <= 2


@pytest.mark.parametrize("text", [
    "30-year-old with a blocked nose and thick green nasal discharge for 5 days after a cold.",
    "35-year-old with two days of diarrhoea and mild crampy abdominal pain after a takeaway, "
    "no fever.",
    # probe3 medqa4-514: a soft non-tender distended abdomen of malabsorption
    "A 3-year-old with fever and recurrent foul-smelling greasy diarrhoea; the abdomen is "
    "distended, nontender and tympanitic.",
    "28-year-old, 30 weeks pregnant and well, routine blood count shows platelets of 130,000, "
    "no other abnormality.",
    "45-year-old three days after a laparoscopic cholecystectomy with mild port-site soreness, "
    "no fever, eating normally.",
])
def test_new_entry_near_misses_are_not_emergencies(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) >= 3


# ---- 2. a non-blanching rash without fever ----
@pytest.mark.parametrize("text", [
    "purple rash that doesn't fade",
    "purple spots that don't go away when pressed",
    "My daughter has tiny red spots that don't fade when I press a glass on them",
    "Non-blanching purpuric rash on the legs",
    "6-year-old with a non-blanching petechial rash",
])
def test_non_blanching_rash_is_an_emergency_without_fever(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) <= 2


@pytest.mark.parametrize("text", [
    "My son has a fever and a rash that fades when I press a glass on it",
    "red itchy rash that won't go away for 3 weeks",
    "Fever and headache, no non-blanching rash",
])
def test_blanching_or_persistent_rash_is_not(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) >= 3


# ---- 3. the shared self-care net ----
@pytest.mark.parametrize("text", [
    "I have a cold, cough for 5 weeks, what can I take?",
    "I've got a cold, stiff neck, what can I take?",
    "I've had a chesty cough for 6 weeks since my cold, what can I take?",
    "I've got hay fever and a cough for three weeks, what can I take?",
    "My sore throat started 2 days ago and my neck is stiff, what can I take?",
])
def test_long_cough_and_stiff_neck_block_self_care(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) <= 4


@pytest.mark.parametrize("text", [
    "I have a cold and a cough for 4 days, what can I take?",
    "I slept awkwardly and woke up with a stiff neck, what can I take?",
    "My 4 year old has earache since yesterday after a cold and a temperature of 38, what can I "
    "give him?",
])
def test_short_cough_cricked_neck_and_earache_stay_self_care(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) == 5


# ---- 4. relaxations, with the real emergencies pinned ----
@pytest.mark.parametrize(("text", "lo", "hi"), [
    # safety review of trneg: a teething drool is exempt from the airway flag only at a stated
    # age of 4 months to under 4 years, with no fever and no other red flag, and then comes out
    # at 3 (never self-care); with no stated age it stays an airway sign
    ("My baby is teething and drooling a lot", 1, 1),
    ("10 month old teething, drooling a lot and chewing everything, what can I give?", 3, 3),
    ("My daughter had a breath holding spell, she stopped breathing and went blue for a few "
     "seconds, then was fine", 1, 1),
    ("18-month-old with breath-holding spells: when upset he cries, stops breathing, turns blue "
     "and briefly goes limp, then recovers within a minute", 1, 2),
    ("My 6 week old baby has colic, inconsolable crying in the evenings but feeding well", 2, 2),
    ("My son has earache since last night and a fever, what can I give him?", 4, 4),
    ("My 3 year old has an ear infection, earache for 2 days with a temperature of 38.2, what "
     "can I give her?", 5, 5),
])
# review 6 (fix6): the teething, breath-holding and colic relaxations were reverted to base
# (each let lay emergencies through) and ear-infection home care needs a stated age >= 6 months;
# the first six pins above now encode that over-triage, accepted for safety (the second teething
# pin is 3 since the safety review of trneg: stated age 4 months to 4 years, no fever, nothing else).
def test_over_triage_relaxed(triager: Triager, text: str, lo: int, hi: int) -> None:
    assert lo <= _acuity(triager, text) <= hi


@pytest.mark.parametrize(("text", "hi"), [
    # epiglottitis / airway: drooling with an airway or infection feature, teething or not
    ("2-year-old with drooling, fever, muffled voice and stridor, sitting forward", 1),
    ("My 2 year old is teething but now drooling, can't swallow and has noisy breathing", 1),
    ("My 8 month old is teething and drooling, with a high temperature and not feeding", 1),
    ("Adult with sore throat, drooling and can't swallow his saliva", 1),
    # arrest: a prolonged or ongoing apnoea stays one, breath-holding or not
    ("My son held his breath crying and stopped breathing, it has been more than a minute and "
     "he is still not breathing", 1),
    ("My baby stopped breathing and is blue", 1),
    # an infant crying with a danger feature (sepsis, intussusception) stays an emergency
    ("4-month-old who has not stopped crying for 5 hours and has refused all feeds.", 2),
    ("My 2 month old baby is inconsolable and won't feed", 2),
    ("My 3 month old is crying inconsolably with a high-pitched cry and a fever", 2),
    ("8-month-old with inconsolable crying episodes, drawing up his legs, and red currant jelly "
     "stools", 2),
    # ear infection: meningitis, mastoiditis and a fever under 3 months stay emergencies
    ("My 5 year old has earache since yesterday with a fever, a stiff neck and is very sleepy", 2),
    ("6-year-old with earache, fever and a red, tender swelling behind the ear.", 2),
    ("My 2 month old has earache since last night and a fever", 2),
])
def test_real_emergencies_stay_emergencies(triager: Triager, text: str, hi: int) -> None:
    assert _acuity(triager, text) <= hi


@pytest.mark.parametrize("text", [
    "My 3 year old has ear pain since last night and a fever of 40, what can I give her?",
    "My 2 year old has had earache and a fever for 6 days",
    "My 4 year old has ear pain since last night, fever, and is hot and shivery",
    "5-month-old who has been screaming for 4 hours and nothing will console him.",
    "My 9 month old has earache and a temperature, what can I give?",
    # a clinician's note of an ear infection with fever stays routine review (eval vignette v27)
    "8-year-old with ear pain and a temperature of 38.2 C since last night, eating and drinking "
    "normally.",
])
def test_still_not_self_care(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) <= 4
