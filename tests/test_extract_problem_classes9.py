"""Issue 16 problem round 7 (split ``probe9``), rules path: ICD-10-CM / HPO concepts written
another way, normal exam shorthand, words that name no finding, bare negated words under an
exam region label.

Each case is a short synthetic snippet written for the class (not note text); expected values
are pinned by hand. The positive cases fail on the code before this change (main at d85648e);
the guards pass before and after.
"""

from __future__ import annotations

import pytest

from assistant.extract.pipeline import Extractor


def _problems(extractor: Extractor, text: str) -> dict[str, str]:
    return {p.text: p.status for p in extractor.extract(text, "t").problems}


# ------------------------------------------------------------------ (1) vocabulary rows
@pytest.mark.parametrize(("text", "name", "status"), [
    ("CT showed an intracranial bleed.", "intracranial hemorrhage", "present"),
    ("Sent in with intracerebral bleeding.", "intracranial hemorrhage", "present"),
    ("ECG: sinus tachycardia at 115.", "tachycardia", "present"),
    ("3. Tobacco smoking disorder. Counseled.", "tobacco use disorder", "present"),
    ("Probable mild withdrawal from alcohol.", "alcohol withdrawal", "possible"),
    ("Postop pain was controlled with oral agents.", "postoperative pain", "present"),
    ("MRI: AVN of the left femoral head.", "avascular necrosis", "present"),
    ("She denies painful swallowing.", "odynophagia", "absent"),
    ("No excessive urination.", "polyuria", "absent"),
    ("No excessive fatigability.", "fatigue", "absent"),
    ("There is no blurring of the vision.", "blurred vision", "absent"),
    ("Exam reveals restriction in the range of motion of the neck.",
     "decreased range of motion", "present"),
    ("Tenderness and spasms of the paraspinal musculature.", "muscle spasm", "present"),
    ("She has ongoing myofascitis.", "myofascial pain syndrome", "present"),
    ("Joint exam: no tenosynovitis.", "tenosynovitis", "absent"),
    ("Pathology: grade 2 endometrial adenocarcinoma.", "endometrial cancer", "present"),
    ("Ultrasound showed an enlarged uterus.", "uterine enlargement", "present"),
])
def test_vocabulary_wordings(extractor: Extractor, text: str, name: str, status: str) -> None:
    assert _problems(extractor, text).get(name) == status


def test_intracranial_bleeding_is_not_bare_bleeding(extractor: Extractor) -> None:
    probs = _problems(extractor, "Transferred with the diagnosis of intracranial bleeding.")
    assert probs.get("intracranial hemorrhage") == "present" and "bleeding" not in probs


# ------------------------------------------------------------------ (2) normal exam shorthand
@pytest.mark.parametrize(("text", "name"), [
    ("Distal pulses were present.", "diminished pulses"),
    ("Pupils are 3 mm reactive to light.", "pupillary abnormality"),
    ("NEUROLOGIC: Alert. Examination is nonfocal.", "neurological deficit"),
    ("Nonfocal neurologic exam.", "neurological deficit"),
    ("Neck: Supple. Carotids are silent.", "carotid bruit"),
])
def test_normal_shorthand(extractor: Extractor, text: str, name: str) -> None:
    assert _problems(extractor, text).get(name) == "absent"


def test_shorthand_guards(extractor: Extractor) -> None:
    # "2+ and equal" still read (the word boundary after "+" is not required)
    assert _problems(extractor, "Pulses 2+ and equal.").get("diminished pulses") == "absent"
    # sluggish pupils are no normal shorthand
    assert "pupillary abnormality" not in _problems(
        extractor, "Pupils are 4 mm sluggishly reactive.")
    # a stated bruit stays present
    assert _problems(extractor, "Right carotid bruit.").get("carotid bruit") == "present"


# ------------------------------------------------------------------ (3) not findings
def test_sternal_rub_is_a_stimulus(extractor: Extractor) -> None:
    assert "rub" not in _problems(extractor, "He had to be stimulated via sternal rub to wake.")
    assert _problems(extractor, "A pericardial rub is heard.").get("rub") == "present"


def test_acute_pain_team_is_a_service(extractor: Extractor) -> None:
    assert "acute pain" not in _problems(extractor, "CONSULTS: Acute pain team consult.")


# ------------------------------------------------------------------ (4) region labels
def test_extremities_no_swelling_is_edema_absent(extractor: Extractor) -> None:
    probs = _problems(extractor, "EXTREMITIES: There is no swelling. No clubbing.")
    assert probs.get("edema") == "absent"


def test_rectal_exam_no_masses(extractor: Extractor) -> None:
    probs = _problems(extractor, "Rectal Exam: Normal rectal tone. No masses are appreciated.")
    assert probs.get("rectal mass") == "absent"
