"""Issue 16, probe17 (fresh untuned measurement of the rules path): the error classes fixed
after the untuned score (eval/data/extraction/probe/README.md, round 17). Each positive case
fails on main at 3fec2f7; the guards pass before and after. Values pinned by hand.
"""

from __future__ import annotations

import pytest
from extract_readers import meds, problems


# 1. imaging negation "clear of (any) X, Y, or Z"; not the "lungs clear" auscultation shorthand
def test_clear_of_negates_its_list(extractor) -> None:  # noqa: ANN001
    text = ("FINDINGS:\nThe lungs are clear of any abnormal airspace consolidation, pleural "
            "effusion, or pneumothorax.\n")
    got = problems(extractor, text)
    assert got == {"lung consolidation": "absent", "pleural effusion": "absent",
                   "pneumothorax": "absent"}


def test_lungs_clear_shorthand_guard(extractor) -> None:  # noqa: ANN001
    got = problems(extractor, "LUNGS: Clear to auscultation. Small pleural effusion.\n")
    assert got == {"abnormal breath sounds": "absent", "pleural effusion": "present"}


# 2. an imaging finding's differential "as can be seen with X" -> possible
def test_as_can_be_seen_with_is_a_hedge(extractor) -> None:  # noqa: ANN001
    text = ("IMPRESSION:\nEnlargement of the main pulmonary artery as can be seen with "
            "pulmonary hypertension.\n")
    assert problems(extractor, text)["pulmonary hypertension"] == "possible"


# 3. a suspected diagnosis (the exam's reason) settled by the impression's negation
def test_impression_negation_settles_a_suspected_diagnosis(extractor) -> None:  # noqa: ANN001
    text = ("REASON FOR EXAM:\nChest pain, evaluate for pulmonary embolism.\n"
            "IMPRESSION:\nNegative for pulmonary embolism.\n")
    assert problems(extractor, text)["pulmonary embolism"] == "absent"


def test_suspected_diagnosis_guard(extractor) -> None:  # noqa: ANN001
    # a negation outside the assessment/results does not settle it
    text = "HPI:\nConcern for pneumonia.\nPHYSICAL EXAM:\nNo pneumonia.\n"
    assert problems(extractor, text)["pneumonia"] == "possible"


# 4. ICD-10-CM terms the vocabulary did not reach
@pytest.mark.parametrize(("text", "name", "status"), [
    ("FINDINGS:\nThere is no evidence of any acute pulmonary arterial embolism.\n",
     "pulmonary embolism", "absent"),
    ("DIAGNOSES:\n1. Pneumothorax secondary to barometric trauma.\n", "barotrauma", "present"),
    ("FINDINGS:\nThere is no acute intracranial hemorrhage, mass effect, or midline shift.\n",
     "mass effect", "absent"),
    ("FINDINGS:\nNo fracture or subluxation is seen.\n", "subluxation", "absent"),
    ("FINDINGS:\nNo destructive osseous lesion is detected.\n", "bone lesion", "absent"),
    ("FINDINGS:\nNo suspicious osteolytic lesions.\n", "osteolytic lesion", "absent"),
    ("EKG:\nThere were occasional PVCs.\n", "premature ventricular contractions", "present"),
    ("FINDINGS:\nCardiomegaly is seen with mitral valvular calcifications.\n",
     "mitral valve calcification", "present"),
    ("PAST MEDICAL HISTORY:\n1. Prostatic hypertrophy.\n", "benign prostatic hyperplasia",
     "present"),
])
def test_vocabulary_rows(extractor, text: str, name: str, status: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get(name) == status


def test_barometric_trauma_is_not_trauma(extractor) -> None:  # noqa: ANN001
    got = problems(extractor, "DIAGNOSES:\n1. Pneumothorax secondary to barometric trauma.\n")
    assert "trauma" not in got


# 5. structure states: "appeared normal in size", "normal wall motion", "normal lordosis",
# an organ stated (not) enlarged
@pytest.mark.parametrize(("text", "name", "status"), [
    ("FINDINGS:\nThe left ventricle appeared normal in size.\n", "abnormal left ventricle size",
     "absent"),
    ("FINDINGS:\nGated SPECT images revealed normal wall motion.\n", "wall motion abnormality",
     "absent"),
    ("FINDINGS:\nThere is a normal lordosis of the cervical spine.\n", "lordosis", "absent"),
    ("NECK:\nThe thyroid gland was not enlarged by palpation.\n", "thyroid gland enlargement",
     "absent"),
])
def test_structure_states(extractor, text: str, name: str, status: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get(name) == status


def test_structure_state_guards(extractor) -> None:  # noqa: ANN001
    got = problems(extractor, "FINDINGS:\nExaggerated lumbar lordosis. The left atrium is "
                              "enlarged.\n")
    assert got == {"lordosis": "present", "left atrium enlargement": "present"}


# 6. normal exam shorthand: "hearing grossly intact", a singular "pupil ... equal and reactive"
@pytest.mark.parametrize(("text", "name"), [
    ("EARS:\nHearing was grossly intact.\n", "hearing loss"),
    ("EYES:\nThe pupil was equal and reactive.\n", "pupillary abnormality"),
])
def test_normal_shorthand(extractor, text: str, name: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get(name) == "absent"


def test_hearing_guard(extractor) -> None:  # noqa: ANN001
    assert problems(extractor, "EARS:\nHearing is decreased on the left.\n") == \
        {"hearing loss": "present"}


# 7. a stopped habit told after the history ("reports quitting"), not a planned quit
def test_quitting_after_the_history(extractor) -> None:  # noqa: ANN001
    text = ("SOCIAL HISTORY:\nHe does have a smoking history, about a 20 pack-year history and "
            "he reports quitting on July 27.\n")
    assert problems(extractor, text) == {"tobacco use": "historical"}


def test_planned_quit_guard(extractor) -> None:  # noqa: ANN001
    text = ("SOCIAL HISTORY:\nHe has a smoking history, 20 pack-years, and is thinking about "
            "quitting.\n")
    assert problems(extractor, text) == {"tobacco use": "present"}


# 8. a condition named by its past operation "cataract surgery" (round 8 of the guideline)
def test_past_cataract_surgery(extractor) -> None:  # noqa: ANN001
    text = "PAST MEDICAL HISTORY:\nHypertension. He has had cataract surgery.\n"
    assert problems(extractor, text) == {"hypertension": "present", "cataract": "historical"}


def test_planned_cataract_surgery_guard(extractor) -> None:  # noqa: ANN001
    text = "HPI:\nShe is scheduled for cataract surgery next month.\n"
    assert problems(extractor, text) == {"cataract": "present"}


# 9. not medications: contrast, radiotracers, "without epinephrine", skin prep, the thyroid organ
@pytest.mark.parametrize("text", [
    "TECHNIQUE:\nImages were acquired after injection of 125 cc of Omnipaque IV.\n",
    "PROCEDURE:\nAt rest 10.5 mCi of Cardiolite technetium-99 m sestamibi was injected.\n",
    "PROCEDURE:\nThe area was prepared with povidone iodine solution.\n",
    "NECK:\nThe thyroid gland was not enlarged by palpation.\n",
])
def test_not_medications(extractor, text: str) -> None:  # noqa: ANN001
    assert meds(extractor, text) == {}


def test_without_epinephrine(extractor) -> None:  # noqa: ANN001
    text = ("PROCEDURE:\nLidocaine 1% 4 mL without epinephrine was instilled into the base of "
            "the penis.\n")
    assert set(meds(extractor, text)) == {"lidocaine"}


def test_not_medications_guards(extractor) -> None:  # noqa: ANN001
    text = "MEDICATIONS:\nArmour Thyroid 60 mg daily.\nLidocaine with epinephrine.\n"
    assert set(meds(extractor, text)) == {"thyroid", "lidocaine", "epinephrine"}


# 10. a bare human-insulin brand (DailyMed: Humulin / Novolin products are insulin human)
def test_bare_insulin_brand(extractor) -> None:  # noqa: ANN001
    text = "CURRENT MEDICATIONS:\nPrevacid, Humulin, and Proventil.\n"
    assert meds(extractor, text) == {"lansoprazole": "active", "insulin": "active",
                                     "albuterol": "active"}
