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
    assert entry_fires("asthma_severe", text)
    assert triage_record(triager, text).acuity == 2


@pytest.mark.parametrize("text", [
    "Asthma with a mild wheeze for a day; the salbutamol inhaler helps within minutes.",
    "Asthma review: her inhaler did not cause any side effects and she has no symptoms.",
])
def test_asthma_reliever_helping_is_not_severe(text: str) -> None:
    assert not entry_fires("asthma_severe", text)


# ---- 2. bradycardia with an adverse feature ----
@pytest.mark.parametrize("text", [
    "A patient with history of coronary artery disease presents with pulse rate of 48/min and "
    "low BP.",
    "On beta blockers, pulse 50, BP 80/50, cold and clammy.",
])
def test_bradycardia_with_shock_is_emergency(triager, text: str) -> None:
    assert entry_fires("bradycardia_adverse", text)
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
    "My 8 year old has blood in his pee and is peeing less than usual.",
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
@pytest.mark.parametrize("text", [
    "A patient presented to the hospital with severe hydrophobia. You suspect rabies.",
    "Bitten by a stray dog a month ago, now agitated with spasms when trying to drink water.",
])
def test_hydrophobia_is_emergency(triager, text: str) -> None:
    assert entry_fires("rabies_clinical", text)
    assert triage_record(triager, text).acuity == 2


def test_hydrophobic_dressing_is_not_rabies() -> None:
    assert not entry_fires("rabies_clinical",
                           "A hydrophobic dressing was applied to the graze from a dog bite.")


# ---- 6. labour before term and obstructed labour ----
@pytest.mark.parametrize(("entry", "text"), [
    ("pregnancy_late_emergency",
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
