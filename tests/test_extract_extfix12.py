"""extfix12: the safety review of the gaps16 / probe23 extraction changes (reviewer's inputs,
hand-computed expected values, near misses).

1. a speaker's later allergy-list item is an allergen only when it names a known allergen and
   tells no drug taken or tolerated ("she also reports taking lisinopril daily" was an
   allergen);
2. a non-immune reaction told as a habit follows the told-reaction convention (allergy_told's
   ``_verdict``): outside an allergy section the drug stays a medication and NKA stands; a
   hypersensitivity reaction stays an allergy; "skipping doses" is a continuation cue;
3. a watched sign's explanation is hypothetical only after an imperative / a condition opening
   its clause ("She reports jaundice, which is a sign of liver disease" keeps liver disease);
4. "should be considered" hedges only "in the differential", "as a cause / diagnosis" or at the
   sentence's end, never over the patient's own condition;
5. Moro: "brisk" is normal wording; only the patient's age (not a mother's) makes an absent
   Moro expected;
6. bare "dribbling" is urinary only near a urinary word; another joint's impingement is not
   the shoulder's; a screen's negative result negates the screened condition;
7. ``_conditionals`` is linear on long unpunctuated text;
8. a relative as the reporter of a conditional reaction (or "as a child") does not block it.
"""

from __future__ import annotations

import time

import pytest
from extract_readers import allergies, meds, problems  # same folder


def _nka(extractor, text: str) -> bool | None:  # noqa: ANN001
    return extractor.extract(text, "t").no_known_allergies


def _subs(extractor, text: str) -> list[str]:  # noqa: ANN001
    return [a[0] for a in allergies(extractor, text)]


def _no_allergen_active(extractor, text: str) -> None:  # noqa: ANN001
    rec = extractor.extract(text, "t")
    active = {m.name for m in rec.medications if m.status in ("active", "new")}
    assert not active & {a.substance for a in rec.allergies}


# ----- 1. a speaker's later item
@pytest.mark.parametrize("text", [
    "Allergies: penicillin, she also reports taking lisinopril daily.",
    "Allergies: penicillin and she also reports that she is on aspirin.",
    "Allergies: penicillin, patient reports amoxicillin is fine.",
    "Allergies: penicillin, she reports that she tolerates amoxicillin.",
    "Allergies: penicillin, he states he takes aspirin without problems.",
])
def test_speaker_item_not_allergen(extractor, text: str) -> None:  # noqa: ANN001
    assert _subs(extractor, text) == ["penicillin"]
    _no_allergen_active(extractor, text)


@pytest.mark.parametrize(("text", "want"), [
    # near misses: a known allergen after the speaker is still read (gaps16)
    ("Allergies: Penicillin, she also reports sulfa.",
     [("penicillin", None, "Penicillin"), ("sulfa", None, "sulfa")]),
    ("Allergies: penicillin and she also reports sulfa.",
     [("penicillin", None, "penicillin"), ("sulfa", None, "sulfa")]),
    ("Allergies: penicillin, she also reports sulfa causing hives.",
     [("penicillin", None, "penicillin"), ("sulfa", "hives", "sulfa causing hives")]),
    # a reaction "on" a body part is no "is on" (a drug taken)
    ("Allergies: penicillin, she also reports sulfa causes a rash on her arms.",
     [("penicillin", None, "penicillin"),
      ("sulfa", "rash on her arms", "sulfa causes a rash on her arms")]),
])
def test_speaker_item_allergen_kept(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want


# ----- 2. a non-immune habitual reaction: the drug stays a medication (base status)
@pytest.mark.parametrize(("text", "want_meds"), [
    ("When he takes metformin he gets diarrhea, so he has been skipping doses.",
     {"metformin": "active"}),
    ("He gets diarrhea when he takes metformin.", {"metformin": "active"}),
    ("When he takes atorvastatin he gets muscle aches.", {"atorvastatin": "active"}),
    ("Whenever he takes codeine he vomits", {"codeine": "active"}),
    ("He vomits every time he takes codeine.", {"codeine": "active"}),
    ("[patient] whenever i take codeine i throw up.", {"codeine": "active"}),
    # dyspnea alone is no hypersensitivity-type reaction in the convention (wheezing is)
    ("When she takes aspirin she gets short of breath", {"aspirin": "active"}),
])
def test_habitual_side_effect_keeps_medication(extractor, text: str,  # noqa: ANN001
                                               want_meds: dict) -> None:
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == want_meds
    assert _nka(extractor, text) is None


@pytest.mark.parametrize("text", [
    "NKDA. When he takes metformin he gets diarrhea.",
    "No known allergies. Whenever he takes codeine he vomits.",
])
def test_habitual_side_effect_keeps_nka(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert _nka(extractor, text) is True
    assert len(meds(extractor, text)) == 1


@pytest.mark.parametrize(("text", "want", "want_meds"), [
    # near misses: an allergy section, an avoidance cue bound to the drug (the convention)
    ("Allergies: When he takes metformin he gets diarrhea.",
     [("metformin", "diarrhea", "metformin")], {}),
    ("Allergies: Whenever he takes codeine he vomits.",
     [("codeine", "vomiting", "codeine")], {}),
    ("When he takes metformin he gets diarrhea, so he stopped it.",
     [("metformin", "diarrhea", "metformin")], {}),
    # hypersensitivity-type reactions keep gaps16's reading: an allergy, not active
    ("If she takes penicillin she gets hives.", [("penicillin", "hives", "penicillin")], {}),
    ("She gets hives whenever she takes penicillin.",
     [("penicillin", "hives", "penicillin")], {}),
    ("NKDA. Whenever she takes sulfa she breaks out in hives.",
     [("sulfa", "hives", "sulfa")], {}),
    ("Every time she takes sulfa she breaks out in a rash.", [("sulfa", "rash", "sulfa")], {}),
    # a hypersensitivity reaction with doses skipped: both visible
    ("When she takes her penicillin she gets hives, so she has been skipping doses.",
     [("penicillin", "hives", "penicillin")], {"penicillin": "active"}),
])
def test_habitual_reaction_near_misses(extractor, text: str, want: list,  # noqa: ANN001
                                       want_meds: dict) -> None:
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == want_meds


def test_allergic_habitual_reaction_flips_nka(extractor) -> None:  # noqa: ANN001
    assert _nka(extractor, "NKDA. Whenever she takes sulfa she breaks out in hives.") is False


# ----- 3. the watch cue opens the clause
@pytest.mark.parametrize(("text", "want"), [
    ("She reports jaundice, which is a sign of liver disease.",
     {"scleral icterus": "present", "liver disease": "present"}),
    ("Patient reports productive cough and fever, which may indicate pneumonia.",
     {"cough": "present", "fever": "present", "pneumonia": "possible"}),
    ("He should continue lasix for edema, which is a sign of heart failure.",
     {"edema": "present", "heart failure": "present"}),
    ("Called by nursing for hypotension. Lactate 4, which is a sign of sepsis.",
     {"hypotension": "present", "sepsis": "present"}),
])
def test_explanation_without_clause_cue_kept(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


@pytest.mark.parametrize("text", [
    # near misses: an imperative / return instruction / condition opening the clause
    "Monitor for fever, which is a sign of infection.",
    "Watch for jaundice that may indicate hepatitis.",
    "Seek care if he has swelling, which may indicate heart failure.",
    "Come back if jaundice, which is a sign of hepatitis.",
    "Call if she has fever, which may mean pneumonia.",
    "Patient was told to return if she has fever, which may indicate pneumonia.",
    "If his creatinine rises, which is a sign of acute kidney injury, hold lisinopril.",
])
def test_explanation_after_clause_cue_not_present(extractor, text: str) -> None:  # noqa: ANN001
    found = problems(extractor, text)
    assert not {"infection", "hepatitis", "heart failure", "pneumonia",
                "acute kidney injury"} & {k for k, v in found.items() if v == "present"}


def test_explanation_cue_in_other_clause(extractor) -> None:  # noqa: ANN001
    text = "Return if fever, which is a sign of infection; she has cellulitis today."
    assert problems(extractor, text) == {"cellulitis": "present"}


# ----- 4. "should be considered"
@pytest.mark.parametrize(("text", "want"), [
    ("Her renal failure should be considered in dosing of antibiotics.",
     {"renal failure": "present"}),
    ("Chronic kidney disease should be considered in medication dosing.",
     {"chronic kidney disease": "present"}),
    ("Renal failure should be considered in dosing of antibiotics.",
     {"renal failure": "present"}),
    ("Known hypertension should be considered.", {"hypertension": "present"}),
    ("Assessment: Pneumonia should be considered in the setting of fever and cough.",
     {"pneumonia": "present", "fever": "present", "cough": "present"}),
    # near misses: the hedge kept
    ("Diabetes should be considered as a cause of her neuropathy.",
     {"diabetes mellitus": "possible", "peripheral neuropathy": "present"}),
    ("Pneumonia should be considered as the possible diagnosis.", {"pneumonia": "possible"}),
    ("IMPRESSION: Hemangioma should be considered in the differential diagnosis.",
     {"hemangioma": "possible"}),
    ("Lymphoma and leukemia should be considered.",
     {"lymphoma": "present", "leukemia": "possible"}),
    # the forward "differential" rule still reads what follows it
    ("Penicillin should be considered in the differential for the rash.",
     {"rash": "possible"}),
    ("Her renal failure should be considered in the differential.",
     {"renal failure": "present"}),
])
def test_should_be_considered(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


# ----- 5. Moro
@pytest.mark.parametrize("text", [
    "Reflexes: Moro brisk and symmetric, suck strong, grasp present.",
    "Moro complete and symmetric.",
    "A 9-month-old boy. Moro reflex absent.",
    "Infant, age 8 months. Moro absent.",
])
def test_moro_not_abnormal(extractor, text: str) -> None:  # noqa: ANN001
    assert "abnormal Moro reflex" not in problems(extractor, text)


@pytest.mark.parametrize("text", [
    "Newborn born to a 32-year-old G2P1 mother. Moro absent on the left with clavicle "
    "crepitus.",
    "Newborn born to a 32-year-old G2P1 mother. Moro reflex asymmetric, decreased on the left.",
    "Mother is a 25 year old. Moro absent.",
    "2-day-old infant. Moro reflex absent.",
    "Moro reflex exaggerated.",
])
def test_moro_abnormal_newborn(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("abnormal Moro reflex") == "present"


# ----- 6. dribbling, impingement, screening
@pytest.mark.parametrize(("text", "want"), [
    ("He is dribbling saliva; teething.", {}),
    ("Infant with dribbling and drooling.", {"drooling": "present"}),
    # near misses
    ("Post-void dribbling.", {"urinary dribbling": "present"}),
    ("Terminal dribbling and weak stream.", {"urinary dribbling": "present"}),
    ("He reports dribbling after voiding.", {"urinary dribbling": "present"}),
    ("GU:  No urinary hesitancy or dribbling.",
     {"urinary hesitancy": "absent", "urinary dribbling": "absent"}),
])
def test_bare_dribbling(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


@pytest.mark.parametrize(("text", "shoulder"), [
    ("Hip impingement syndrome. Left shoulder pain resolved.", False),
    ("Right shoulder pain. Impingement syndrome of the left hip.", False),
    # near misses
    ("Impingement syndrome of the right shoulder.", True),
    ("2.  Subacromial spur with impingement syndrome, right shoulder.", True),
])
def test_other_joint_impingement(extractor, text: str, shoulder: bool) -> None:  # noqa: ANN001
    assert ("shoulder impingement" in problems(extractor, text)) is shoulder


@pytest.mark.parametrize(("text", "want"), [
    ("Screening for mood disorder with PHQ-9 negative.", {"mood disorder": "absent"}),
    ("Screening for depression, PHQ-9 negative.", {"depression": "absent"}),
    # near misses: no negative result
    ("Screening for depression with PHQ-9 positive.", {"depression": "present"}),
    ("Mood disorder, unspecified, stable on sertraline.", {"mood disorder": "present"}),
])
def test_screen_negative(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


# ----- 7. linear conditionals
def test_conditionals_long_unpunctuated_note_fast() -> None:
    from assistant.clinical.allergy_told import _conditionals

    text = "when she takes aspirin and then goes out for a walk with her dog " * 3000
    t0 = time.perf_counter()
    _conditionals(text)
    assert time.perf_counter() - t0 < 5.0


# ----- 8. a relative as the reporter
@pytest.mark.parametrize(("text", "want"), [
    ("Mom reports that whenever he takes amoxicillin he breaks out in hives.",
     [("amoxicillin", "hives", "amoxicillin")]),
    ("Per mother, when he takes amoxicillin he gets hives.",
     [("amoxicillin", "hives", "amoxicillin")]),
    ("Dad states if she takes penicillin she gets a rash.",
     [("penicillin", "rash", "penicillin")]),
    ("As a child, whenever she took penicillin she broke out in hives.",
     [("penicillin", "hives", "penicillin")]),
])
def test_relative_reporter_allergy(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == {}


@pytest.mark.parametrize("text", [
    # near misses: the relative's own reaction is not the patient's allergy
    "His mother gets hives when she takes penicillin.",
    "Her mother gets hives whenever she takes penicillin.",
])
def test_relative_subject_not_patients(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
