"""Error classes of issue 21, tenth MedQA/MedMCQA probe (probe10): emergency recall.

Found on ``eval/data/triage_real/probe10_dev.tsv`` (46 vignettes drawn by ``probe.py --draw10``,
seed ``20261205-probe10``, labelled and committed in 7f3d8b5 before the triage path ran; untuned:
accuracy 0.761, emergencies 7/14, under-triage 0.174). Every class was an emergency read as
routine (acuity 4); every change raises a level (no entry is narrowed):

1. an asthma attack whose reliever or nebuliser "didn't improve" it, or "no improvement with"
   it: ``asthma_severe`` reads those wordings (BTS/SIGN; NHS Asthma attack: reliever not
   helping -> 999);
2. a pulse under 60 with low blood pressure, shock, chest pain or heart failure:
   ``bradycardia_adverse`` (Resuscitation Council UK adverse features);
3. jaundice "on the first day of life": ``jaundice_first_24_hours`` (NICE CG98);
4. blood / brown urine with oliguria, a fit or a severe headache in a child:
   ``nephritic_child_oliguria`` (NICE NG148 AKI; NHS Blood in urine);
5. hydrophobia (clinical rabies): ``rabies_clinical`` (CDC Rabies; WHO);
6. labour pains at 20-42 weeks (``pregnancy_late_emergency``, NICE NG25 preterm labour) and an
   obstructed / arrested labour, a prolapsed cord or shoulder dystocia (``labour_obstructed``).

Each positive failed on main 3fec2f7 (acuity 4); each expected level is pinned by hand.

Safety review of these entries (h-tp10fix): several over-fired (a spirometry report, a stable
heart-failure review, "fit and well", a fear of water after nearly drowning, a question about
labour pains, a baby born after a prolonged labour) and some lay emergencies were missed. The
entries were narrowed or split (``asthma_attack_reliever_failed``, ``bradycardia_low_bp``,
``nephritic_child_swelling``, ``rabies_lay``, ``preterm_labour``); every reviewer near-miss is
pinned at its 3fec2f7 level in three settings, every caught emergency at acuity <= 2.
"""

from __future__ import annotations

import pytest
from kb_entry import entry_fires, triage_record  # same folder


# ---- 1. an asthma attack the reliever did not help ----
@pytest.mark.parametrize("text", [
    "A patient presented with acute exacerbation of bronchial asthma. Salbutamol inhalation "
    "didn't improve the condition of the patient.",
    "Known asthmatic, wheezing, no improvement with repeated salbutamol nebulisers.",
    "My son has asthma and his blue inhaler didn't help at all, he is wheezing.",
])
def test_asthma_reliever_failed_is_emergency(triager, text: str) -> None:
    assert entry_fires("asthma_attack_reliever_failed", text)
    assert triage_record(triager, text).acuity == 2


@pytest.mark.parametrize("text", [
    "Asthma with a mild wheeze for a day; the salbutamol inhaler helps within minutes.",
    "Asthma review: her inhaler did not cause any side effects and she has no symptoms.",
])
def test_asthma_reliever_helping_is_not_severe(text: str) -> None:
    assert not entry_fires("asthma_severe", text)
    assert not entry_fires("asthma_attack_reliever_failed", text)


# ---- 2. bradycardia with an adverse feature ----
@pytest.mark.parametrize(("entry", "text"), [
    ("bradycardia_low_bp", "A patient with history of coronary artery disease presents with pulse "
     "rate of 48/min and low BP."),
    ("bradycardia_adverse", "On beta blockers, pulse 50, BP 80/50, cold and clammy."),
])
def test_bradycardia_with_shock_is_emergency(triager, entry: str, text: str) -> None:
    assert entry_fires(entry, text)
    assert triage_record(triager, text).acuity == 2


@pytest.mark.parametrize("text", [
    "A 60-year-old on bisoprolol with a pulse of 52, blood pressure 128/76, feeling well.",
    "A 25-year-old marathon runner with a resting pulse of 48 and no symptoms.",
    # a vasovagal faint often has a pulse in the 50s: left to the simple-faint entry
    "I fainted at the sight of blood, pulse 56 now, feel fine.",
])
def test_slow_pulse_without_adverse_feature_is_not_this_entry(text: str) -> None:
    assert not entry_fires("bradycardia_adverse", text)


# ---- 3. jaundice on the first day of life ----
def test_jaundice_on_first_day_of_life_is_emergency(triager) -> None:
    text = "A neonate presented with jaundice on first day of life."
    assert entry_fires("jaundice_first_24_hours", text)
    assert triage_record(triager, text).acuity == 2


def test_jaundice_on_fifth_day_is_not_first_24_hours(triager) -> None:
    text = "A neonate presented with jaundice on the fifth day of life, feeding well."
    assert not entry_fires("jaundice_first_24_hours", text)
    assert triage_record(triager, text).acuity == 3


# ---- 4. a child with blood in the urine and little urine ----
@pytest.mark.parametrize("text", [
    "A 5 year child is brought with brown coloured urine and oliguria since 3 days with mild "
    "facial puffiness and pedal edema.",
    "My 7 year old has cola coloured pee and has hardly passed any urine since yesterday.",
])
def test_child_haematuria_with_oliguria_is_emergency(triager, text: str) -> None:
    assert entry_fires("nephritic_child_oliguria", text)
    assert triage_record(triager, text).acuity == 2


@pytest.mark.parametrize("text", [
    "A 5-year-old had red urine once after eating beetroot, passing plenty of urine and well.",
    "A 40-year-old with brown urine and oliguria after a marathon.",
])
def test_red_urine_without_oliguria_or_adult_is_not_this_entry(text: str) -> None:
    assert not entry_fires("nephritic_child_oliguria", text)


# ---- 5. hydrophobia ----
@pytest.mark.parametrize(("entry", "text"), [
    ("rabies_clinical",
     "A patient presented to the hospital with severe hydrophobia. You suspect rabies."),
    ("rabies_lay",
     "Bitten by a stray dog a month ago, now agitated with spasms when trying to drink water."),
])
def test_hydrophobia_is_emergency(triager, entry: str, text: str) -> None:
    assert entry_fires(entry, text)
    assert triage_record(triager, text).acuity == 2


def test_hydrophobic_dressing_is_not_rabies() -> None:
    assert not entry_fires("rabies_clinical",
                           "A hydrophobic dressing was applied to the graze from a dog bite.")


# ---- 6. labour before term and obstructed labour ----
@pytest.mark.parametrize(("entry", "text"), [
    ("preterm_labour",
     "A 32 weeks pregnant female presented with labor pains and minimal vaginal discharge."),
    ("labour_obstructed", "A woman comes with obstructed labour and is grossly dehydrated."),
    ("labour_obstructed", "At 40 weeks, the baby's cord has prolapsed out of the vagina."),
])
def test_labour_complications_are_emergency(triager, entry: str, text: str) -> None:
    assert entry_fires(entry, text)
    assert triage_record(triager, text).acuity == 2


@pytest.mark.parametrize("text", [
    "A woman at her booking visit says her first labour 3 years ago was prolonged.",
    "A 30-year-old at 12 weeks with a history of obstructed labour in her previous pregnancy.",
])
def test_past_labour_is_not_obstructed_labour(text: str) -> None:
    assert not entry_fires("labour_obstructed", text)


# ---- safety review (h-tp10fix): near-misses stay at their 3fec2f7 level ----
SETTINGS = ("primary_care", "self", "ed")


@pytest.mark.parametrize(("text", "levels"), [
    # asthma: no attack or distress word, or a spirometry / preventer wording
    ("Spirometry for suspected asthma: no improvement with bronchodilator, FEV1/FVC 0.62, likely "
     "COPD.", (4, 4, 3)),
    ("I have asthma and my inhaler didn't help my cough much, otherwise fine", (4, 4, 3)),
    ("Mild asthma, the new inhaler didn't work for my hay fever sneezing.", (5, 5, 4)),
    ("Asthma well controlled, but the brown preventer inhaler didn't improve my night cough over "
     "the last month.", (4, 4, 3)),
    # bradycardia: stable / historic heart failure, a lay "low BP" with a pulse in the 50s
    ("Stable heart failure on bisoprolol, pulse 56, BP 112/70, annual review, feels well.",
     (4, 4, 2)),
    ("Young woman with low BP and a pulse of 58, wants advice on feeling cold in winter.",
     (4, 4, 2)),
    ("Sinus bradycardia 54 on ECG, asymptomatic, history of heart failure.", (4, 4, 2)),
    ("My resting heart rate is 48, I'm a runner, and my blood pressure is usually low, feel great.",
     (4, 4, 2)),
    # a child with red or brown urine who can still pee (NHS Blood in urine: urgent GP, not A&E)
    ("A 10 year old boy, fit and well, with blood in his urine after football.", (4, 4, 4)),
    ("My 6 year old has had a tummy bug, her wee is brown and she's weeing less.", (4, 4, 4)),
    ("My 8 year old has blood in his pee and is peeing less than usual.", (4, 4, 3)),
    ("A 4 year old with blood in his pee; he has had febrile fits in the past.", (4, 4, 4)),
    # fear of water without a bite, an animal or rabies
    ("I have a severe fear of water since nearly drowning as a child.", (4, 4, 3)),
    ("My child is afraid of drinking because her throat hurts, she has a fever.", (4, 4, 4)),
    ("Hydrophobia in the sense of a swimming phobia, severe, wants CBT.", (4, 4, 3)),
    # labour pains asked about, planned, in the history or counselled; labour at term
    ("I'm 32 weeks pregnant, what can I take for labour pains when the time comes?", (4, 4, 3)),
    ("History of preterm labour in her last pregnancy, now 24 weeks and well, booking consultant "
     "review.", (4, 4, 3)),
    ("We discussed the signs of preterm labor. She is 20 weeks pregnant.", (4, 4, 3)),
    ("At 39 weeks I think I'm getting early labour pains 20 minutes apart, waters intact, baby "
     "moving.", (4, 4, 4)),
    # a labour complication in the past (a baby born after it, a postnatal day)
    ("3-week-old baby, born after a prolonged labour, feeding well with a mild nappy rash.",
     (4, 4, 4)),
    ("Day 2 after delivery with ventouse following shoulder dystocia, perineal pain.", (4, 4, 4)),
    ("My mother had a prolonged labour with me and I now have back pain.", (4, 4, 3)),
])
def test_review_near_misses_keep_their_level(triager, text: str,
                                             levels: tuple[int, int, int]) -> None:
    got = tuple(triage_record(triager, text, s).acuity for s in SETTINGS)
    assert got == levels


# ---- safety review: lay and terse emergencies now caught (acuity <= 2 in every setting) ----
@pytest.mark.parametrize(("entry", "text"), [
    # NHS Asthma attack / BTS-SIGN: the reliever not helping during an attack
    ("asthma_attack_reliever_failed", "my asthma is really bad and the ventolin is doing nothing"),
    ("asthma_attack_reliever_failed", "Acute asthma, salbutamol ineffective."),
    ("asthma_attack_reliever_failed", "Asthma attack; the reliever gave no relief."),
    # NICE CG98: visible jaundice under 24 hours of age
    ("jaundice_first_24_hours", "jaundiced within hours of birth"),
    ("jaundice_first_24_hours", "Newborn looks yellow at 20 hours old."),
    ("jaundice_first_24_hours", "Neonate jaundiced at 12 hrs."),
    # WHO Rabies: hydrophobia, aerophobia; fear of water after a mammal bite
    ("rabies_clinical", "Patient presents with hydrophobia and aerophobia."),
    ("rabies_lay", "Scared of water after a monkey bite in Bali, agitated."),
    # RCOG GTG 50 cord prolapse, GTG 42 shoulder dystocia; NICE NG25 preterm labour
    ("labour_obstructed", "Home birth: the cord is hanging out of the vagina."),
    ("labour_obstructed", "Baby's head is out but the shoulders are stuck."),
    ("preterm_labour", "I'm in labour at 34 weeks."),
    # the nephritic picture in lay words (NICE NG148; NHS Blood in urine)
    ("nephritic_child_swelling",
     "My son's wee is the colour of coke, his face is puffy and he's barely weeing."),
    # Resuscitation Council UK bradycardia: shock signs (grey, sweaty)
    ("bradycardia_adverse", "My dad's heart is beating really slowly and he's grey and sweaty."),
])
def test_review_emergencies_are_caught(triager, entry: str, text: str) -> None:
    assert entry_fires(entry, text)
    assert all(triage_record(triager, text, s).acuity <= 2 for s in SETTINGS)


@pytest.mark.parametrize(("entry", "text"), [
    ("asthma_attack_reliever_failed", "Asthma; salbutamol doesn't help my exercise-induced wheeze "
     "as much as before, talking normally."),
    ("jaundice_first_24_hours", "Adult with hepatitis, jaundiced; bilirubin repeated at 12 hours."),
    ("rabies_lay", "My toddler is afraid of water at bath time and drools a lot because he's "
     "teething."),
    ("nephritic_child_swelling", "My 9 year old had beetroot, red pee, and is weeing less because "
     "it's hot."),
    ("labour_obstructed", "6-week-old baby, born after shoulder dystocia, reviewed for Erb's palsy "
     "follow-up; moving arm better."),
    ("preterm_labour", "Birth plan at 34 weeks: would like an epidural for labour pain."),
    ("bradycardia_low_bp", "I'm on bisoprolol, pulse 46, low blood pressure sometimes when I stand "
     "up, feel fine."),
])
def test_review_entries_do_not_fire_on_near_misses(entry: str, text: str) -> None:
    assert not entry_fires(entry, text)
