"""The safety reviews of the mts3, mts4, mts5 and mts6 rounds (issue 21): what their fixes lowered,
missed or over-read.

The mts3 round's poison ivy / oak / sumac exclusion read only "ate ... poison ivy" within three
words and "smoke from poison ivy", so a toddler who "ate some leaves from a poison ivy plant" fell
from 2 to 4. Three more review rounds found each narrower reading (word distances, denials, doubt
words) lowering some wording of a child who ate the plant, so the final design is broad and blind
to negation: the plant stays a poisoning (as before mts3) unless the text is a rash and names no
word of swallowing, smoke, the mouth, the eyes or the airway anywhere (CDC NIOSH "Poisonous
Plants"; NHS Poisoning); over-triage of some rashes is the accepted cost. Also: "throat are
swelling", threats of harm in more wordings, the wound-bleeding entry, the respiratory-failure
and fever-on-immunosuppressant flags read in their own sentence."""

from __future__ import annotations

import pytest
from kb_entry import triage_record

PLANT_POISONING = [
    "My toddler ate some leaves from a poison ivy plant",
    "He ate the berries of a poison ivy plant",
    "He was chewing on poison oak leaves and now his mouth is swollen",
    "The baby put poison ivy leaves in his mouth",
    "Inhaled smoke from a bonfire with poison oak in it, chest tight",
    "Poison ivy smoke inhalation, difficulty breathing",
    "We were burning brush that had poison ivy in it and now he is short of breath and wheezing",
    "Got poison ivy sap in his eyes and can't open them",
]


@pytest.mark.parametrize("setting", ["primary_care", "self"])
@pytest.mark.parametrize("text", PLANT_POISONING)
def test_poisonous_plant_eaten_smoked_or_in_the_eyes_is_a_poisoning(triager, text: str, setting: str) -> None:
    rec = triage_record(triager, text, setting)
    assert rec.acuity == 2
    assert "overdose or poisoning" in rec.red_flags


@pytest.mark.parametrize(("text", "acuity"), [
    # mts3's contact rashes keep the round's reading: no poisoning flag
    ("Poison ivy rash over the chest, legs, arms and back, several times in the past.", 4),
    ("Poison oak rash on my legs for 3 days, very itchy, blisters.", 5),
    ("Itchy burning rash on both arms after pulling weeds, I think it was poison ivy.", 5),
])
def test_poisonous_plant_contact_rash_is_not_a_poisoning(triager, text: str, acuity: int) -> None:
    rec = triage_record(triager, text)
    assert rec.acuity == acuity
    assert "overdose or poisoning" not in rec.red_flags


@pytest.mark.parametrize("text", [
    "After touching poison ivy my face and throat are swelling up",
    "My face and throat are swelling up",
    "His lips and throat were swollen within minutes.",
])
def test_throat_are_swelling_is_the_throat_flag(triager, text: str) -> None:
    rec = triage_record(triager, text)
    assert rec.acuity == 2
    assert "tongue or throat swelling" in rec.red_flags


@pytest.mark.parametrize("text", [
    "He is going to kill his ex-girlfriend.",
    "Making threats to kill his father.",
    "He wants to shoot up his school.",
    "Urges to hurt people.",
    "Thoughts of harming her.",
])
def test_threats_of_harm_in_more_wordings(triager, text: str) -> None:
    rec = triage_record(triager, "Low mood for 2 months, poor sleep. " + text)
    assert rec.acuity == 2
    assert "risk of harm to others" in rec.red_flags


@pytest.mark.parametrize("text", [
    "He wants to hurt her back muscles less, so he stopped lifting.",
    "Low mood for 2 months, poor sleep. Denies homicidal ideation.",
])
def test_harm_to_others_near_misses(triager, text: str) -> None:
    rec = triage_record(triager, text)
    assert "risk of harm to others" not in rec.red_flags


# --- the review of mts4: what the fixes above then over-read ---
@pytest.mark.parametrize("text", [
    # the final design (after three review rounds): any such word keeps the poisoning reading,
    # denied or not; over-triage of these rashes is the accepted, safe cost
    "Poison ivy rash on my arms, no trouble breathing, no swelling of lips or tongue",
    "Poison ivy rash on both legs. I'm eating and drinking fine.",
    "Poison oak rash on his arms, he didn't eat any",
    "Poison ivy rash on my hands, I smoke 10 a day",
])
def test_plant_rash_with_any_danger_word_keeps_the_poisoning_reading(triager, text: str) -> None:
    rec = triage_record(triager, text, "self")
    assert "overdose or poisoning" in rec.red_flags
    assert rec.acuity == 2


@pytest.mark.parametrize("text", [
    "The lymph nodes in my throat are swollen, sore throat for 3 days",
    "The glands in my throat are swollen",
])
def test_glands_in_the_throat_are_not_throat_swelling(triager, text: str) -> None:
    assert "tongue or throat swelling" not in triage_record(triager, text, "self").red_flags


@pytest.mark.parametrize("text", [
    "Is the vaccine going to hurt him?",
    "Is this injection going to hurt my son?",
    "Is the x-ray going to harm the baby?",
    "Will breastfeeding on amoxicillin harm her baby?",
    "She is worried it will hurt her feelings.",
    "Could ibuprofen harm her kidneys?",
])
def test_everyday_questions_are_not_harm_to_others(triager, text: str) -> None:
    assert "risk of harm to others" not in triage_record(triager, text).red_flags


@pytest.mark.parametrize(("text", "acuity"), [
    ("Paper cut still bleeding slightly", 5),
    # the entry's own emergencies stay, whatever else the text says has stopped, happened days
    # ago or is an ulcer (review of mts5: wider stand-down words hid these)
    ("Deep cut on my arm, I've pressed on it for 20 minutes and it is still bleeding", 2),
    ("Cut his head, bleeding through the bandage", 2),
    ("He cut his hand on a knife, it has not stopped, still bleeding through the tea towel", 2),
    ("Cut his hand, still bleeding through the bandage; the vomiting has stopped", 2),
    ("Chainsaw gash to his thigh, still bleeding through the towel, he has a leg ulcer on the "
     "other leg", 2),
])
def test_wound_bleeding_entry_not_on_paper_cuts(triager, text: str, acuity: int) -> None:
    assert triage_record(triager, text, "self").acuity == acuity


# --- the review of mts5 ---
@pytest.mark.parametrize("text", [
    "I'm going to kill her with the knife",
    "I want to strangle her right now",
    "Urges to harm her in her sleep",
    "Thoughts of stabbing her with a knife",
    "Going to kill my husband tonight",
])
def test_threats_against_her_or_without_a_subject_stay_emergencies(triager, text: str) -> None:
    rec = triage_record(triager, text)
    assert rec.acuity == 2
    assert "risk of harm to others" in rec.red_flags


@pytest.mark.parametrize("text", [
    "My toddler was playing in poison ivy, not sure if he swallowed any",
    "I don't know whether he ate any poison oak",
    "Poison ivy rash near my eye, eye swollen shut",
])
def test_plant_doubt_or_a_shut_eye_is_a_poisoning(triager, text: str) -> None:
    rec = triage_record(triager, text, "self")
    assert rec.acuity == 2
    assert "overdose or poisoning" in rec.red_flags


def test_eyes_and_throat_swelling_is_the_throat_flag(triager) -> None:
    rec = triage_record(triager, "My eyes and throat are swelling after the cashew", "self")
    assert rec.acuity == 2
    assert "tongue or throat swelling" in rec.red_flags


@pytest.mark.parametrize("text", [
    "At risk of respiratory failure, worried about his breathing",
    "Type 2 respiratory failure on home oxygen, stable, review",
    "Family history of respiratory failure",
])
def test_respiratory_failure_as_risk_relative_or_baseline_is_not_the_flag(triager, text: str) -> None:
    rec = triage_record(triager, text)
    assert "respiratory or multi-organ failure" not in rec.red_flags
    assert rec.acuity == 4


@pytest.mark.parametrize("text", [
    "Acute respiratory failure, on 15 L oxygen",
    "He was transferred with acute on chronic respiratory failure",
])
def test_respiratory_failure_now_stays_the_flag(triager, text: str) -> None:
    rec = triage_record(triager, text)
    assert rec.acuity == 2
    assert "respiratory or multi-organ failure" in rec.red_flags


# --- the review of the mts5 fixes and mts6 ---
@pytest.mark.parametrize("text", [
    "Stable on the ward until today, now respiratory failure",
    "Acute respiratory failure, pH 7.18, vitals otherwise stable",
    "I'm worried, my dad is in respiratory failure and turning blue",
    "Acute respiratory failure secondary to pneumonia; discharged home 5 days ago after a fall",
    "Acute respiratory failure in a 3 week old baby, family history of asthma",
])
def test_respiratory_failure_now_is_not_vetoed_by_other_sentences(triager, text: str) -> None:
    rec = triage_record(triager, text)
    assert rec.acuity == 2
    assert "respiratory or multi-organ failure" in rec.red_flags


@pytest.mark.parametrize("text", [
    "Respiratory failure unlikely. Mild cough.",
    "His father died of respiratory failure. He has a cough.",
])
def test_respiratory_failure_doubted_or_a_relatives_death_is_not_the_flag(triager, text: str) -> None:
    assert "respiratory or multi-organ failure" not in triage_record(triager, text).red_flags


@pytest.mark.parametrize(("text", "flag"), [
    ("I am on methotrexate, my daughter has a fever", False),
    ("My wife has a fever; I am on methotrexate", False),
    ("My daughter is on methotrexate and has a fever of 39", True),
    ("I am on methotrexate and have a fever of 38.5", True),
])
def test_fever_on_immunosuppressant_is_the_patients_own(triager, text: str, flag: bool) -> None:
    assert ("fever on immunosuppressant" in triage_record(triager, text).red_flags) is flag


@pytest.mark.parametrize(("text", "setting", "flag"), [
    ("The dentist said it was going to hurt her a bit", "primary_care", "risk of harm to others"),
    ("The glands in my neck and throat are swollen with tonsillitis", "self", "tongue or throat swelling"),
])
def test_questions_and_glands_raise_no_flag(triager, text: str, setting: str, flag: str) -> None:
    assert flag not in triage_record(triager, text, setting).red_flags


# --- the session's final triage review ---
@pytest.mark.parametrize("text", [
    "My 2-year-old was caught eating poison ivy leaves",
    "He licked poison oak leaves",
    "He drank tea made from poison ivy",
    "He put poison ivy leaves into his mouth",
    "I smoked poison ivy by accident, my throat is burning",
    "Poison oak sap splashed into her eyes, she can't open them",
    "He rubbed poison ivy into his eye",
    "My toddler who never listens ate some poison ivy leaves",
    "I couldn't stop him swallowing poison oak leaves",
])
def test_plant_ingestion_smoke_and_eyes_in_more_wordings(triager, text: str) -> None:
    rec = triage_record(triager, text, "self")
    assert rec.acuity == 2
    assert "overdose or poisoning" in rec.red_flags


@pytest.mark.parametrize("text", [
    "Patient with a history of COPD admitted with acute hypercapnic respiratory failure",
    "History of asthma, now in respiratory failure",
])
def test_respiratory_failure_after_an_unrelated_history_is_the_flag(triager, text: str) -> None:
    assert "respiratory or multi-organ failure" in triage_record(triager, text).red_flags


def test_plant_rash_a_little_bit_better_is_not_a_poisoning(triager) -> None:
    # mts-1341's shape: "a little bit of improvement" is no bite of the plant
    text = "Poison ivy rash on his arms; cortisone cream gave a little bit of improvement."
    assert "overdose or poisoning" not in triage_record(triager, text).red_flags


@pytest.mark.parametrize("text", [
    "Hx of COPD, last year had type 2 respiratory failure on the ward, now here for a repeat prescription",
    "h/o COPD with multiple admissions for respiratory failure, today stable",
    "Family history of heart disease and of respiratory failure",
    "Patient at risk, could develop respiratory failure",
])
def test_past_or_possible_respiratory_failure_is_not_the_flag(triager, text: str) -> None:
    assert "respiratory or multi-organ failure" not in triage_record(triager, text).red_flags
