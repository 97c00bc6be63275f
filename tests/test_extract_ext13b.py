"""ext13b (issue 16): problem and medication status classes, each with near misses.

1. a screen's negative result named after the screening test ("Screening for colon cancer:
   colonoscopy negative") negates the screened condition; a positive finding or a score
   value does not;
2. a diagnosis still to be settled: "should be considered in this patient", "must / needs to
   be excluded", "need to exclude X" -> possible ("was excluded" stays absent; "in dosing",
   "in this patient's dosing", "in the setting of" stay present);
3. a state resolved during the stay, told in the same sentence ("confused initially, which
   cleared by day 2", "hypotensive on admission which resolved", "initially febrile, now
   afebrile") -> historical (guideline: a past, resolved event; probe labels: "a symptom that
   resolved in hospital is historical"); "has not cleared", "still" stay present;
4. a discharge medication list introduced in a sentence ("So her discharge meds are as
   follows:", "Discharge medications include ...", "On discharge included:") follows the
   probe-3 discharge-list rule (new unless on a home list or continued); a review sentence
   ("Discharge medications were reviewed") opens no list, and problems after the list stay;
5. "A&Ox3" / "AAOx3" and "NAD" (no acute distress) in a run-on "O:" paragraph -> confusion
   and distress absent; "NAD+", "NADH", "Urine dip: NAD" give nothing.
"""

from __future__ import annotations

import pytest
from extract_readers import meds, problems  # same folder


# ----- 1. screening with the test named before its result
@pytest.mark.parametrize(("text", "want"), [
    ("Screening for colon cancer: colonoscopy negative", {"colon cancer": "absent"}),
    ("Screening for colon cancer: colonoscopy negative.", {"colon cancer": "absent"}),
    ("Screening for breast cancer: mammogram negative.", {"breast cancer": "absent"}),
    ("Screening for cervical cancer: Pap smear normal.", {"cervical cancer": "absent"}),
    ("Screening for colon cancer: colonoscopy negative for malignancy.",
     {"colon cancer": "absent", "cancer": "absent"}),
    # near misses: a positive result, a score, a result for something else
    ("Screening for colon cancer: colonoscopy showed adenocarcinoma.",
     {"colon cancer": "present", "adenocarcinoma": "present"}),
    ("Screening for colon cancer: colonoscopy 2019 showed a mass.", {"colon cancer": "present"}),
    ("Depression screening: PHQ-9 15", {}),
    ("PHQ-9 15, negative for suicidal ideation.", {"suicidal ideation": "absent"}),
])
def test_screen_negative_after_test_name(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


# ----- 2. a diagnosis to be considered / excluded
@pytest.mark.parametrize(("text", "want"), [
    ("Sepsis should be considered in this patient.", {"sepsis": "possible"}),
    ("Pulmonary embolism should be considered in this patient.",
     {"pulmonary embolism": "possible"}),
    ("Meningitis should be considered in this case.", {"meningitis": "possible"}),
    ("Sepsis must be excluded.", {"sepsis": "possible"}),
    ("Sepsis needs to be excluded.", {"sepsis": "possible"}),
    ("Pulmonary embolism has to be excluded.", {"pulmonary embolism": "possible"}),
    ("Need to exclude pulmonary embolism.", {"pulmonary embolism": "possible"}),
    ("Pulmonary embolism must be ruled out.", {"pulmonary embolism": "possible"}),
    ("We cannot exclude pneumonia.", {"pneumonia": "possible"}),
    # near misses: a verdict, the patient's own condition, a plan
    ("Sepsis was excluded.", {"sepsis": "absent"}),
    ("Pulmonary embolism was excluded by CT.", {"pulmonary embolism": "absent"}),
    ("Renal failure should be considered in dosing.", {"renal failure": "present"}),
    ("Renal failure should be considered in this patient's dosing.",
     {"renal failure": "present"}),
    ("Her renal failure should be considered in this patient.", {"renal failure": "present"}),
    ("Assessment: Pneumonia should be considered in the setting of fever and cough.",
     {"pneumonia": "present", "fever": "present", "cough": "present"}),
    ("He has diabetes and stroke must be excluded.",
     {"diabetes mellitus": "present", "stroke": "possible"}),
])
def test_to_be_considered_or_excluded(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


def test_consider_stopping_drug_is_no_problem(extractor) -> None:  # noqa: ANN001
    assert problems(extractor, "Consider stopping metformin.") == {}


# ----- 3. resolved during the stay, same sentence
@pytest.mark.parametrize(("text", "want"), [
    ("She was confused initially, which cleared by day 2.", {"confusion": "historical"}),
    ("He was hypotensive on admission which resolved with IV fluids.",
     {"hypotension": "historical"}),
    ("Hypotension on admission, resolved with fluids.", {"hypotension": "historical"}),
    ("Initially febrile, now afebrile.", {"fever": "historical"}),
    ("He was initially febrile, now afebrile.", {"fever": "historical"}),
    # near misses: not ended, still, another finding's state word, a later new finding
    ("Her confusion has not cleared.", {"confusion": "present"}),
    ("She was confused initially, which has not cleared.", {"confusion": "present"}),
    ("She is still hypotensive.", {"hypotension": "present"}),
    ("He was initially hypotensive and still hypotensive.", {"hypotension": "present"}),
    ("Initially febrile and hypotensive, now afebrile.",
     {"fever": "historical", "hypotension": "present"}),
    ("Initially febrile, now afebrile, with a new cough.",
     {"fever": "historical", "cough": "present"}),
    ("On admission he had pneumonia, now afebrile.",
     {"pneumonia": "present", "fever": "absent"}),
    # an exam finding cleared by a manoeuvre on the same exam (probe5 mts-1906); a bracketed
    # note on a history-list item (probe18 mts-1701: the concept is current again)
    ("On exam today, he had some scattered rhonchi which cleared with coughing.",
     {"rhonchi": "present", "cough": "present"}),
    ("PMH: 1)transient fluent aphasia 2/92 (which resolved), 2) hypertension.",
     {"aphasia": "present", "hypertension": "present"}),
    ("He had chest pain, which has since resolved.", {"chest pain": "historical"}),
    # an episode told in the history does not override the chief complaint (mts-1589 form)
    ("CC: Left hemiplegia.\nHX: A 58 y/o RHF awoke at 1:00AM on 10/23/92 with left "
     "hemiplegia and dysarthria which cleared within 15 minutes.",
     {"hemiplegia": "present", "dysarthria": "present"}),
])
def test_resolved_during_stay(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


# ----- 4. discharge lists introduced in a sentence
@pytest.mark.parametrize(("text", "want"), [
    ("Discharge medications include lisinopril 10 mg daily and atorvastatin 40 mg nightly.",
     {"lisinopril": "new", "atorvastatin": "new"}),
    ("HOSPITAL COURSE: She did well.\nSo her discharge meds are as follows:\n"
     "1.  Coreg 6.25 mg b.i.d.\n2.  Simvastatin 40 mg nightly.\nI will see her in a month.",
     {"carvedilol": "new", "simvastatin": "new"}),
    ("She was discharged on the following medications: aspirin 81 mg daily, metoprolol 25 mg "
     "twice daily.", {"aspirin": "new", "metoprolol": "new"}),
    ("MEDICATIONS: \n On discharge included:\n1.  Ferrous sulfate 325 mg t.i.d.\n"
     "2.  Multivitamin 1 daily.\nThe patient was told to follow up.",
     {"ferrous sulfate": "new", "multivitamin": "new"}),
    # near misses: a home drug continued; a review sentence; the home list itself
    ("MEDICATIONS: Lisinopril 10 mg daily.\nHOSPITAL COURSE: Discharge medications include "
     "lisinopril 10 mg daily and atorvastatin 40 mg nightly.",
     {"lisinopril": "active", "atorvastatin": "new"}),
    ("Discharge medications were reviewed with the patient. She takes lisinopril 10 mg daily.",
     {"lisinopril": "active"}),
    ("Her discharge medications are unchanged: lisinopril 10 mg daily.",
     {"lisinopril": "active"}),
    ("MEDICATIONS: Lisinopril 10 mg daily, metformin 500 mg twice daily.",
     {"lisinopril": "active", "metformin": "active"}),
])
def test_prose_discharge_list(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


def test_problems_after_prose_discharge_list_kept(extractor) -> None:  # noqa: ANN001
    text = ("HOSPITAL COURSE: She did well.\nSo her discharge meds are as follows:\n"
            "1.  Coreg 6.25 mg b.i.d.\n2.  Simvastatin 40 mg nightly.\n"
            "I will see her in a month. She has a cough.")
    assert problems(extractor, text) == {"cough": "present"}
    text = ("HOSPITAL COURSE: She did well. Discharge medications include metformin 500 mg "
            "twice daily for diabetes. She has chest pain.")
    assert problems(extractor, text) == {"diabetes mellitus": "present",
                                         "chest pain": "present"}


def test_indications_in_prose_discharge_list_kept(extractor) -> None:  # noqa: ANN001
    # an acute indication inside a list told in prose is still the patient's problem (a list
    # section drops the problems it holds; the "for ..." words stay in the prose's section)
    text = ("HOSPITAL COURSE: She improved. Discharge medications include ciprofloxacin 500 mg "
            "twice daily for pneumonia and lisinopril 10 mg daily.")
    assert problems(extractor, text) == {"pneumonia": "present"}
    assert meds(extractor, text) == {"ciprofloxacin": "new", "lisinopril": "new"}
    text = ("HOSPITAL COURSE: She did well.\nSo her discharge meds are as follows:\n"
            "1.  Coreg 6.25 mg b.i.d. for hypertension\n2.  Ativan 1 mg b.i.d. for anxiety.\n"
            "3.  Simvastatin 40 mg nightly.\nI will see her in a month.")
    assert problems(extractor, text) == {"hypertension": "present", "anxiety": "present"}
    assert meds(extractor, text) == {"carvedilol": "new", "lorazepam": "new",
                                     "simvastatin": "new"}


# ----- 5. normal exam shorthand in a run-on objective paragraph
@pytest.mark.parametrize(("text", "want"), [
    ("O: Vitals stable. A&Ox3, NAD. Lungs clear. Heart RRR.",
     {"confusion": "absent", "distress": "absent", "abnormal breath sounds": "absent",
      "arrhythmia": "absent"}),
    ("O: T 98.6, BP 120/80. Pt A&Ox3, NAD, lungs CTA bilaterally.",
     {"confusion": "absent", "distress": "absent", "abnormal breath sounds": "absent"}),
    ("General: A&Ox3, NAD.", {"confusion": "absent", "distress": "absent"}),
    ("Patient is AAOx3 and in NAD.", {"confusion": "absent", "distress": "absent"}),
    # near misses: not the exam's NAD; distress stated
    ("Urine dip: NAD.", {}),
    ("Supplementation with NAD+ and NADH levels.", {}),
    ("The patient is in mild distress.", {"distress": "present"}),
])
def test_run_on_objective_shorthand(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want
