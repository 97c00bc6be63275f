"""ext14a (issue 16, extraction on real clinical notes): five error classes, each fixed in
general form, with hand-computed pins and near misses.

1. a relative's allergy beside the patient's NKDA is not the patient's: a relative opening a
   later sentence ("NKDA. Mother is allergic to codeine.": the "^" of the relative-subject
   pattern never matched after a sentence end) or named before "who is allergic" ("Lives
   with wife who is allergic to sulfa. NKDA.");
2. a family history under a same-line header ends at the patient's presentation ("FH:
   mother with diabetes. Patient presents with chest pain."), and the abbreviation "FH of"
   opens a family scope as "family history of" does;
3. "s/p <condition> <repair>, <condition>": the cue heads its own list item; a condition
   listed after the repaired one keeps its own status;
4. a population's condition ("Patients with sepsis must be excluded", "In patients with
   renal failure, ...") is guideline or protocol language, no problem of this patient;
5. the abdominal exam's letters "NT" / "ND" (nontender / nondistended; Wikipedia, "Abdominal
   examination") read as a pair beside a named abdomen.
"""

from __future__ import annotations

import pytest
from extract_readers import allergies, meds, problems, problems_with_spans  # same folder


def _nka(extractor, text: str) -> bool | None:  # noqa: ANN001
    return extractor.extract(text, "t").no_known_allergies


# ----- 1. a relative's allergy beside the patient's NKDA
@pytest.mark.parametrize("text", [
    "Mother is allergic to penicillin. NKDA.",
    "Family history: brother allergic to sulfa. Allergies: none.",
    "Allergies: NKDA. Mother is allergic to codeine.",
    "NKDA. The mother is allergic to codeine.",
    "Lives with wife who is allergic to sulfa. NKDA.",
    "Lives with her husband, who is allergic to penicillin. No known drug allergies.",
])
def test_relatives_allergy_is_not_the_patients(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert _nka(extractor, text) is True
    assert meds(extractor, text) == {}  # never an active medication either


@pytest.mark.parametrize(("text", "want"), [
    # near misses: a relative who reports, or the patient as "she", keeps the patient's
    ("NKDA, mother reports rash to amoxicillin", [("amoxicillin", "rash", "amoxicillin")]),
    ("Allergies: penicillin (per mother)", [("penicillin", None, "penicillin (per mother)")]),
    ("Mother states she is allergic to penicillin", [("penicillin", None, "penicillin")]),
    ("NKDA. Mother states he is allergic to eggs.", [("eggs", None, "eggs")]),
    # the patient's allergy, then a relative's: only the patient's
    ("Patient is allergic to penicillin. Mother is allergic to sulfa.",
     [("penicillin", None, "penicillin")]),
])
def test_patients_allergy_kept_guard(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
    assert _nka(extractor, text) is False
    assert meds(extractor, text) == {}


# ----- 2. family scope ends at the patient's presentation
@pytest.mark.parametrize(("text", "want"), [
    ("FH: mother with diabetes. Patient presents with chest pain.",
     {"diabetes mellitus": ("family", "diabetes"), "chest pain": ("present", "chest pain")}),
    ("FAMILY HISTORY: Father had MI. She presents today with chest pain.",
     {"myocardial infarction": ("family", "MI"), "chest pain": ("present", "chest pain")}),
    ("FH: father with CAD. Pt presents for follow-up of hypertension.",
     {"coronary artery disease": ("family", "CAD"), "hypertension": ("present", "hypertension")}),
    ("FH of colon cancer, presents for colonoscopy",
     {"colon cancer": ("family", "colon cancer")}),
    ("FHx significant for breast cancer. She has a breast lump.",
     {"breast cancer": ("family", "breast cancer"), "breast lump": ("present", "breast lump")}),
])
def test_family_scope_ends_at_presentation(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems_with_spans(extractor, text) == want


@pytest.mark.parametrize(("text", "want"), [
    # near misses: a relative's own past presentation stays the family's; the relative as
    # subject after the header; no presentation verb (the section goes on)
    ("FAMILY HISTORY: Sister had breast cancer. She presented with a breast mass at 35.",
     {"breast cancer": "family", "breast lump": "family"}),
    ("FAMILY HISTORY: Mother with breast cancer. Father had a stroke.",
     {"breast cancer": "family", "stroke": "family"}),
    ("FAMILY HISTORY: Mother with diabetes. Patient's father had MI.",
     {"diabetes mellitus": "family", "myocardial infarction": "family"}),
])
def test_family_scope_kept_guard(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


# ----- 3. a condition listed after another condition's repair keeps its own status
@pytest.mark.parametrize(("text", "want"), [
    ("PMH: s/p ASD repair, pulmonary hypertension",
     {"atrial septal defect": ("historical", "ASD"),
      "pulmonary hypertension": ("present", "pulmonary hypertension")}),
    ("He is s/p ASD repair, pulmonary hypertension.",
     {"atrial septal defect": ("historical", "ASD"),
      "pulmonary hypertension": ("present", "pulmonary hypertension")}),
    ("PMH: s/p hernia repair, GERD, pulmonary fibrosis",
     {"hernia": ("historical", "hernia"),
      "gastroesophageal reflux disease": ("present", "GERD"),
      "pulmonary fibrosis": ("present", "pulmonary fibrosis")}),
])
def test_condition_after_a_repair_keeps_its_status(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems_with_spans(extractor, text) == want


@pytest.mark.parametrize(("text", "want"), [
    # near misses: no condition repaired in the s/p item (an event list goes on), an
    # operated target's own item, the cue's own condition
    ("PMH: s/p MI, stroke", {"myocardial infarction": "historical", "stroke": "historical"}),
    ("PMH: s/p appendectomy, hernia repair", {"hernia": "historical"}),
    ("PMH: s/p ASD repair", {"atrial septal defect": "historical"}),
    ("history of ASD repair and pulmonary hypertension",
     {"atrial septal defect": "historical", "pulmonary hypertension": "present"}),
    ("s/p appendectomy for appendicitis", {}),
    # mts-1797 (p18fix): a CABG is no condition's repair, so the scope goes on
    ("PAST MEDICAL HISTORY: Includes coronary artery disease, status post CABG in 1991, "
     "radical prostate cancer, status post radical prostatectomy, hypertension.",
     {"coronary artery disease": "present", "prostate cancer": "historical",
      "hypertension": "present", "presence of aortocoronary bypass graft": "historical"}),
])
def test_status_post_scope_guard(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


# ----- 4. a population's condition is no problem of this patient
@pytest.mark.parametrize("text", [
    "Patients with sepsis must be excluded",
    "In patients with renal failure, dose should be reduced.",
    "Exclude patients with active bleeding.",
    "Patients who have diabetes should have annual eye exams.",
    "She is a nurse who cares for patients with COVID.",
])
def test_population_statement_is_no_problem(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text) == {}


@pytest.mark.parametrize(("text", "want"), [
    ("The patient with sepsis was admitted", {"sepsis": ("present", "sepsis")}),
    ("this patient with COPD",
     {"chronic obstructive pulmonary disease": ("present", "COPD")}),
    ("Patient with diabetes presents with foot ulcer.",
     {"diabetes mellitus": ("present", "diabetes"), "ulcer": ("present", "ulcer")}),
    # the population's sentence, then the patient's own
    ("In patients with renal failure, dose should be reduced. She has renal failure.",
     {"renal failure": ("present", "renal failure")}),
])
def test_the_patient_with_x_guard(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    got = problems_with_spans(extractor, text)
    assert got == want
    if "She has" in text:  # the span is the patient's sentence's
        p = extractor.extract(text, "t").problems[0]
        assert p.span[0] > text.index("She has")


# ----- 5. "NT" / "ND" in an abdominal exam
@pytest.mark.parametrize(("text", "want"), [
    ("abd soft NT ND", {"abdominal tenderness": ("absent", "NT"),
                        "abdominal distension": ("absent", "ND")}),
    ("Abd: S/NT/ND", {"abdominal tenderness": ("absent", "NT"),
                      "abdominal distension": ("absent", "ND")}),
    ("Abd soft, ND NT", {"abdominal tenderness": ("absent", "NT"),
                         "abdominal distension": ("absent", "ND")}),
    ("Abd: soft, nt/nd, no HSM", {"abdominal tenderness": ("absent", "nt"),
                                  "abdominal distension": ("absent", "nd"),
                                  "hepatosplenomegaly": ("absent", "HSM")}),
])
def test_nt_nd_abdominal_shorthand(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems_with_spans(extractor, text) == want


def test_nt_nd_beside_soft_and_bowel_sounds(extractor) -> None:  # noqa: ANN001
    got = problems_with_spans(extractor, "Abdomen: soft, NT/ND, +BS")
    assert got["abdominal tenderness"] == ("absent", "NT")
    assert got["abdominal distension"] == ("absent", "ND")
    assert all(status != "present" for status, _ in got.values())


@pytest.mark.parametrize("text", [
    "Address: Fargo, ND 58102",  # the state
    "NT-proBNP 450",  # the lab
    "Abd: ND",  # a lone letter pair half ("not done" too)
    "BNP and NT-proBNP ND",  # no abdomen named
])
def test_nt_nd_near_misses(extractor, text: str) -> None:  # noqa: ANN001
    got = problems(extractor, text)
    assert "abdominal tenderness" not in got
    assert "abdominal distension" not in got
