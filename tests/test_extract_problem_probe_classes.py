"""Issue 16, problem-recall round: error classes found on the 42 probe notes
(eval/data/extraction/probe/, problems labelled by hand before the extractor's problem output
was read), each pinned on a short synthetic snippet written for this test (no note text).
Expected items are hand-pinned (name and status); each class has precision guards:
look-alike text that must give no item, or another one."""

from __future__ import annotations

import pytest

from assistant.clinical.vocabulary import validate_curated_codes
from assistant.extract.pipeline import Extractor


def _problems(extractor: Extractor, text: str) -> dict[str, str]:
    return {p.text: p.status for p in extractor.extract(text, "t").problems}


# ------------------------------------------------ class 1: diagnoses whose ICD-10-CM title
# is bracketed, "Unspecified ..." or longer than the short-title lexicon keeps; and symptoms
# and findings written in another word form than the ICD-10-CM / HPO name
@pytest.mark.parametrize("text, name, status", [
    ("PMH: Crohn disease.", "crohn disease", "present"),
    ("History of Crohn's disease.", "crohn disease", "present"),
    ("4. Diabetic nephropathy and renal failure.", "renal failure", "present"),
    ("PMH: hypertension, SIADH, and asthma.", "siadh", "present"),
    ("3. Sweet syndrome.", "sweet syndrome", "present"),
    ("2. Reactive airways disease.", "reactive airways disease", "present"),
    ("PMH: depression and substance abuse.", "substance abuse", "present"),
    ("Hysterectomy for uterine fibroids in 2001.", "uterine fibroids", "present"),
    ("Assessment: ingrown toenail.", "ingrown toenail", "present"),
    ("HEENT: She had arcus cornealis.", "arcus senilis", "present"),
    ("No history of thyroid problems.", "thyroid disease", "absent"),
    ("Workup for autonomic dysfunction is planned.", "autonomic dysfunction", "present"),
    ("He needs followup for his elevated PSA.", "elevated prostate specific antigen",
     "present"),
    ("She is not having painful urination.", "dysuria", "absent"),
    ("Somnolent during the interview.", "somnolence", "present"),
    ("Sensorium stuporous.", "stupor", "present"),
    ("He presented with classic anginal symptoms.", "angina", "present"),
    ("She had no twitching or myoclonic jerks.", "myoclonus", "absent"),
    ("Reports poor concentration.", "poor concentration", "present"),
    ("She has excessive daytime sleepiness.", "excessive daytime sleepiness", "present"),
    ("Admitted for dizziness and disequilibrium.", "disequilibrium", "present"),
    ("She walks with a limp.", "limp", "present"),
    ("Some dryness of her skin.", "dry skin", "present"),
    ("Cough and increased work of breathing.", "increased work of breathing", "present"),
    ("Lungs: Decreased breath sounds.", "decreased breath sounds", "present"),
    ("Cardiovascular: Distant heart tones.", "distant heart sounds", "present"),
    ("Neck: No carotid bruits.", "carotid bruit", "absent"),
    ("Mouth: No oral mucosal lesions.", "oral lesion", "absent"),
    ("He returned with a large hematoma of the neck.", "hematoma", "present"),
    ("No evidence of hematoma formation.", "hematoma", "absent"),
    ("No deformity or crepitus.", "crepitus", "absent"),
    ("There was some induration around the wound.", "induration", "present"),
    ("Exophthalmos, but no lid lag.", "lid lag", "absent"),
    ("JVP is normal without HJR.", "hepatojugular reflux", "absent"),
])
def test_other_word_forms(extractor: Extractor, text: str, name: str, status: str) -> None:
    assert _problems(extractor, text).get(name) == status


@pytest.mark.parametrize("text, name", [
    ("Sweet potatoes and a sweet tea.", "sweet syndrome"),
    ("Gait normal, walks without assistance.", "limp"),
    ("She was referred to the thyroid clinic.", "thyroid disease"),
    ("Carotid pulses 2+ bilaterally.", "carotid bruit"),
    ("PSA 2.1 last year.", "elevated prostate specific antigen"),
])
def test_other_word_forms_guards(extractor: Extractor, text: str, name: str) -> None:
    assert name not in _problems(extractor, text)


def test_curated_codes_valid() -> None:
    assert validate_curated_codes() == []


# ------------------------------------------------ class 2: an organ not felt by the examiner
# (verb forms): the enlargement finding, absent
@pytest.mark.parametrize("text, expected", [
    ("NECK: The thyroid is not palpated.", {"goiter": "absent"}),
    ("No nodes were palpated in the neck.", {"lymphadenopathy": "absent"}),
    ("Abdomen: soft. I did not palpate the liver.", {"hepatomegaly": "absent"}),
    ("Could not feel the spleen.", {"splenomegaly": "absent"}),
])
def test_not_palpated(extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize("text, name", [
    ("The liver was palpated carefully.", "hepatomegaly"),  # not negated: says nothing
    ("The thyroid was palpated.", "goiter"),
    ("Nodes were palpated bilaterally.", "lymphadenopathy"),
])
def test_not_palpated_guards(extractor: Extractor, text: str, name: str) -> None:
    assert name not in _problems(extractor, text)


# ------------------------------------------------ class 3: "(non)tender" under the exam label
# of a region other than the abdomen names that region's tenderness
@pytest.mark.parametrize("text, expected", [
    ("NECK:  Nontender.\nLUNGS:  Clear.", {"neck tenderness": "absent"}),
    ("CHEST:  Atraumatic, nontender.", {"chest tenderness": "absent"}),
    ("BACK:  Atraumatic, nontender.", {"back tenderness": "absent"}),
    ("BACK: tender over the lower lumbar area.", {"back tenderness": "present"}),
    ("NECK:  Nontender.,CHEST:  Nontender.",  # the comma-for-newline form
     {"neck tenderness": "absent", "chest tenderness": "absent"}),
])
def test_region_tenderness(extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize("text, absent_names", [
    ("ABDOMEN: Soft, nontender.", {"neck tenderness", "chest tenderness", "back tenderness"}),
    ("NECK: Supple. EXTREMITIES: Nontender.", {"neck tenderness"}),  # another label between
    ("CHEST: Clear. Heart regular.", {"chest tenderness"}),  # no tenderness word
])
def test_region_tenderness_guards(extractor: Extractor, text: str,
                                  absent_names: set[str]) -> None:
    assert not absent_names & set(_problems(extractor, text))


def test_abdominal_shorthand_unchanged(extractor: Extractor) -> None:
    assert _problems(extractor, "ABDOMEN: Soft, nontender, nondistended.") == {
        "abdominal tenderness": "absent", "abdominal distension": "absent",
        "abdominal rigidity": "absent"}  # "Soft": guideline round 5 (issue 16 NegEx round)


# ------------------------------------------------ class 4: pain of a part named by an
# adjective or a limb word: "scapular pain", "supraorbital pain", "lower extremity pain"
@pytest.mark.parametrize("text, name", [
    ("3. Left scapular pain.", "scapular pain"),
    ("He developed right supraorbital pain.", "supraorbital pain"),
    ("10. Chronic left lower extremity pain.", "leg pain"),
    ("Right upper extremity pain after the fall.", "arm pain"),
])
def test_part_pain(extractor: Extractor, text: str, name: str) -> None:
    assert _problems(extractor, text).get(name) == "present"


def test_part_pain_guard(extractor: Extractor) -> None:
    got = _problems(extractor, "Lower extremity edema without pain.")
    assert "leg pain" not in got or got["leg pain"] == "absent"


# ------------------------------------------------ class 5: an unrecognised capitalised
# "TITLE:" ends a list section: the findings after it are not the drug list's
LIST_THEN_FINDINGS = ("MEDICATIONS:\n1.  Aspirin - 81 mg daily.\n2.  Lisinopril - 40 mg daily.\n"
                      "MAJOR FINDINGS:\n  Aortic murmur unchanged. Extremities: No edema.\n"
                      "ASSESSMENTS:\n1.  Congestive heart failure, stable.\n2.  Hyperlipidemia.\n"
                      "PLANS:\n  Followup in 3 months.")


def test_unknown_header_ends_list(extractor: Extractor) -> None:
    got = _problems(extractor, LIST_THEN_FINDINGS)
    assert {k: got.get(k) for k in ("murmur", "edema", "heart failure",
                                    "hyperlipidemia")} == {
        "murmur": "present", "edema": "absent", "heart failure": "present",
        "hyperlipidemia": "present"}
    meds = [m.name for m in extractor.extract(LIST_THEN_FINDINGS, "t").medications]
    assert meds == ["aspirin", "lisinopril"]


def test_unknown_header_guards() -> None:
    from assistant.clinical.sections import find_sections
    # inside an exam or ROS, organ labels do not split the section
    exam = "PHYSICAL EXAMINATION:\nHEENT: Normal.\nCARDIAC: No murmur.\n"
    assert [s.name for s in find_sections(exam)] == ["physical_exam"]
    ros = "REVIEW OF SYSTEMS:\nCARDIAC: No chest pain.\nGI: No nausea.\n"
    assert [s.name for s in find_sections(ros)] == ["ros"]
    # a combined title keeps its first known part
    fh = "ALLERGIES: None.\nFAMILY HISTORY/SOCIAL HISTORY: Lives with parents.\n"
    assert [s.name for s in find_sections(fh)] == ["allergies", "family_history"]



# ------------------------------------------------ class 7 (precision): ICD-10-CM-derived
# names that are note-structure words or cut titles: ROS and multiaxial labels, a score's
# name, a title cut before its site ("Aneurysm of unspecified site" -> "aneurysm of")
@pytest.mark.parametrize("text, name", [
    ("ROS: Endocrine: Negative. Hematology: Negative.", "endocrine"),
    ("He should attend endocrine review.", "endocrine"),
    ("AXIS I: Psychosis. AXIS II: Deferred.", "axis"),
    ("NEUROLOGIC: Glasgow coma scale 15.", "coma scale"),
    ("MRI showed a 3 mm aneurysm of the left carotid artery.", "aneurysm of"),
])
def test_structure_words_not_problems(extractor: Extractor, text: str, name: str) -> None:
    assert name not in _problems(extractor, text)


@pytest.mark.parametrize("text, name, status", [
    ("AXIS I: Psychosis.", "psychosis", "present"),  # the diagnosis after the label stays
    ("He was found in a coma.", "coma", "present"),
    ("He has a thoracic aortic aneurysm.", "thoracic aortic aneurysm", "present"),
])
def test_structure_words_guards(extractor: Extractor, text: str, name: str, status: str) -> None:
    assert _problems(extractor, text).get(name) == status


# ------------------------------------------------ class 8: an eponymous exam sign stated with
# its result ("Babinski is negative", "Romberg is positive"); eponyms from HPO sign names
@pytest.mark.parametrize("text, name, status", [
    ("Reflexes symmetric. Babinski is negative.", "babinski sign", "absent"),
    ("Her Babinski is hyperactive on the left.", "babinski sign", "present"),
    ("Romberg is positive to the left.", "romberg sign", "present"),
    ("Abdomen: negative Murphy sign.", "murphy sign", "absent"),
    ("Chvostek sign was present.", "chvostek sign", "present"),
])
def test_eponymous_signs(extractor: Extractor, text: str, name: str, status: str) -> None:
    assert _problems(extractor, text).get(name) == status


@pytest.mark.parametrize("text", [
    "Dr. Babinski is here.",            # no result word
    "Wrist is normal. Thumb: normal.",  # HPO eponyms that are common words, no "sign"
    "Romberg testing deferred.",
])
def test_eponymous_signs_guards(extractor: Extractor, text: str) -> None:
    assert not any(k.endswith(" sign") for k in _problems(extractor, text))


# ------------------------------------------------ class 9: "Negative as far as A, B, or C"
def test_negative_as_far_as(extractor: Extractor) -> None:
    got = _problems(extractor, "He is negative as far as sore throat, earache, or cough.")
    assert got.get("sore throat") == "absent" and got.get("cough") == "absent"
    got = _problems(extractor, "As far as symptoms go, she has a cough.")
    assert got.get("cough") == "present"  # guard: "as far as" alone negates nothing


# ------------------------------------------------ class 10: normal neck-vein and lung
# shorthand not in the round-4 table: "JVP is normal/flat" -> jugular venous distension
# absent; "CTAP" (clear to auscultation and percussion) -> abnormal breath sounds absent
@pytest.mark.parametrize("text, name", [
    ("JVP is normal without HJR.", "jugular venous distension"),
    ("NECK: Supple. JVP is flat.", "jugular venous distension"),
    ("Lungs: CTAP.", "abnormal breath sounds"),
])
def test_more_normal_shorthand(extractor: Extractor, text: str, name: str) -> None:
    assert _problems(extractor, text).get(name) == "absent"


def test_more_normal_shorthand_guard(extractor: Extractor) -> None:
    got = _problems(extractor, "JVP is not normal, elevated to 10 cm.")
    assert got.get("jugular venous distension") != "absent"
