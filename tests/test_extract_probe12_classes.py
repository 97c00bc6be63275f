"""Issue 16 probe12 round (rules path): error classes found on the probe12 split (10 unseen
MTSamples office/consult notes): "PE tubes", a denied past habit, a dose given ("a second dose
of", "status post"), RxNorm brands and ICD-10-CM surface forms the vocabulary lacked.

Short synthetic snippets; expected values pinned by hand. Every case marked MUST fails on
68fcbfd (main before this round); the guards pass before and after.
"""

from __future__ import annotations

import pytest
from extract_readers import meds as _meds  # same folder
from extract_readers import problems as _problems

from assistant.extract.pipeline import Extractor


# ------------------------------------------------ MUST: "PE tubes" are ear tubes, not an embolus
def test_pe_tubes_are_no_pulmonary_embolism(extractor: Extractor) -> None:
    text = "PLAN: Adenoidectomy and bilateral myringotomy and insertion of PE tubes."
    assert "pulmonary embolism" not in _problems(extractor, text)


@pytest.mark.parametrize(("text", "status"), [
    ("CT angiogram shows a PE in the right lower lobe.", "present"),
    ("History of PE in 2010.", "historical"),
])
def test_pe_guard(extractor: Extractor, text: str, status: str) -> None:
    assert _problems(extractor, text).get("pulmonary embolism") == status


# ------------------------------------------------------ MUST: a denied past is never-used
@pytest.mark.parametrize(("text", "expected"), [
    ("SOCIAL HISTORY: Denies the past history of alcohol.", {"alcohol use": "absent"}),
    ("SOCIAL HISTORY: Denies past / present illegal drug use of any kind.",
     {"drug use": "absent"}),
    ("He denies past or present tobacco use.", {"tobacco use": "absent"}),
    ("No past history of drug use.", {"drug use": "absent"}),
    ("He denies any prior smoking history but drinks socially.",
     {"tobacco use": "absent", "alcohol use": "present"}),
])
def test_denied_past_habit_is_absent(extractor: Extractor, text: str,
                                     expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(("text", "expected"), [
    # guards: a past use that stopped stays historical
    ("Past history of alcohol use, quit in 2001.", {"alcohol use": "historical"}),
    ("Former smoker.", {"tobacco use": "historical"}),
])
def test_denied_past_habit_near_miss(extractor: Extractor, text: str,
                                     expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got.get(k) for k in expected} == expected


# ------------------------------------------- MUST: a dose had, or "status post" a drug: given
@pytest.mark.parametrize(("text", "expected"), [
    ("At the emergency room, the patient had a second dose of clindamycin.",
     {"clindamycin": "given"}),
    ("He is status post Rocephin and Cleocin.", {"ceftriaxone": "given", "clindamycin": "given"}),
])
def test_dose_had_is_given(extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    assert _meds(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # guards: a dose changed is the drug taken on
    ("Increase the dose of lisinopril to 20 mg.", {"lisinopril": "active"}),
    ("Her dose of metoprolol was increased.", {"metoprolol": "active"}),
    # "status post" an operation, not the drug; a dose tolerated names no administration cue
    ("Status post aortic valve implantation in 2002 and is on chronic Coumadin therapy.",
     {"warfarin": "active"}),
])
def test_dose_changed_near_miss(extractor: Extractor, text: str,
                                expected: dict[str, str]) -> None:
    assert _meds(extractor, text) == expected


# --------------------------------------------- MUST: RxNorm brands the dictionary lacked
def test_brands(extractor: Extractor) -> None:
    text = "CURRENT MEDICATIONS: Avandamet, Micro-K."
    assert _meds(extractor, text) == {"rosiglitazone/metformin": "active",
                                      "potassium chloride": "active"}


# -------------------------------------- MUST: ICD-10-CM surface forms the vocabulary lacked
@pytest.mark.parametrize(("text", "name"), [
    ("A large bezoar of undigested food was seen in the fundus.", "bezoar"),
    ("He had thrombocytosis and an elevated CRP.", "elevated c-reactive protein"),
    ("Labs showed an elevated ESR.", "elevated sedimentation rate"),
    ("Recurrent TIAs with facial drooping.", "facial droop"),
    ("She has some impairment of recent memory.", "memory problems"),
])
def test_vocabulary_forms(extractor: Extractor, text: str, name: str) -> None:
    assert _problems(extractor, text).get(name) == "present"


# ------------------------------- MUST: a negative test result after a condition rules it out
@pytest.mark.parametrize(("text", "expected"), [
    ("LABS: hepatitis surface antigen negative, RPR nonreactive, HIV negative.",
     {"hepatitis": "absent", "hiv": "absent"}),
    ("Hepatitis C antibody negative.", {"hepatitis c": "absent"}),
    ("Pregnancy test was negative.", {"pregnancy": "absent"}),
])
def test_negative_result_after_condition(extractor: Extractor, text: str,
                                         expected: dict[str, str]) -> None:
    assert _problems(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # guards: a positive result, a template "X - negative for Y", a result of another test
    ("HIV positive.", {"hiv": "present"}),
    ("ROS: headache - negative for vision changes.",
     {"headache": "present", "visual changes": "absent"}),
    ("She has hepatitis C. Viral load undetectable.", {"hepatitis c": "present"}),
])
def test_negative_result_near_miss(extractor: Extractor, text: str,
                                   expected: dict[str, str]) -> None:
    assert _problems(extractor, text) == expected


@pytest.mark.parametrize(("text", "name"), [
    ("There is no history of STD's.", "sexually transmitted disease"),
    ("Motor examination shows no drift of the outstretched arms.", "pronator drift"),
])
def test_vocabulary_forms_absent(extractor: Extractor, text: str, name: str) -> None:
    assert _problems(extractor, text).get(name) == "absent"
