"""Safety review of the probe21 round (p21fix): each reading the review found wrong is pinned
here with its hand-computed problems (name -> status), with the review's near misses (the
readings that were right and must stay). Lead decisions U1-U6, W1-W7.
"""

from __future__ import annotations

import pytest
from extract_readers import problems

CDI = "clostridium difficile infection"


# U1: "came back negative" negates only the concept its test names right before it
@pytest.mark.parametrize(("text", "expected"), [
    ("He has diarrhea, C. diff came back negative.", {"diarrhea": "present", CDI: "absent"}),
    ("Patient with pneumonia whose blood cultures came back negative.",
     {"pneumonia": "present"}),
    ("Large pleural effusion, tap came back negative.", {"pleural effusion": "present"}),
    ("Chest pain with troponin that came back negative.", {"chest pain": "present"}),
    ("Acute kidney injury with urine studies that came back negative.",
     {"acute kidney injury": "present"}),
    ("He has diarrhea, stool studies came back negative.", {"diarrhea": "present"}),
    ("She has a UTI, her blood cultures came back negative.",
     {"urinary tract infection": "present"}),
    ("Known lung cancer, repeat biopsy came back negative.", {"lung cancer": "present"}),
    ("Abdominal pain, lipase came back negative.", {"abdominal pain": "present"}),
    ("Severe headache and the CT head came back negative.", {"headache": "present"}),
    ("Persistent hematuria, cystoscopy came back negative.", {"hematuria": "present"}),
    ("Syncope, Holter came back negative.", {"syncope": "present"}),
    ("He has cellulitis but cultures came back negative.", {"cellulitis": "present"}),
    # the test's own concept right before it (W4: also at the end of a line, no period)
    ("C. diff toxin came back negative", {CDI: "absent"}),
    ("C. diff toxin came back negative.", {CDI: "absent"}),
    ("Stool for C. diff came back negative x2.", {CDI: "absent"}),
    ("HIV test came back negative.", {"hiv": "absent"}),
    ("Hepatitis C antibody came back negative.", {"hepatitis c": "absent"}),
    # "came back negative for X" negates X, and only X
    ("Pleural effusion tapped and cytology came back negative for malignancy.",
     {"pleural effusion": "present", "cancer": "absent"}),
    ("CT came back negative for PE but showed a large pleural effusion.",
     {"pulmonary embolism": "absent", "pleural effusion": "present"}),
])
def test_came_back_negative_own_test(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# U2: the CVA answer negates only when it ends the item
@pytest.mark.parametrize(("text", "status"), [
    ("CVA tenderness: negative left, positive right.", "present"),
    ("CVA tenderness: absent left, present right.", "present"),
    ("CVA tenderness: no left, yes right.", "present"),
    ("CVA tenderness: not present initially, now present on the right.", "present"),
    ("CVA tenderness: negative/positive right.", "present"),
    ("CVA tenderness: negative on the left, positive on the right.", "present"),
    # near misses: the answer ends the item
    ("CVA tenderness: negative.", "absent"),
    ("CVA tenderness: negative", "absent"),
    ("CVA tenderness: none. Right flank tenderness noted.", "absent"),
])
def test_cva_answer_ends_item(extractor, text: str, status: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("costovertebral angle tenderness") == status


# U3: "urgency, incontinence" is two symptoms, not urge incontinence
@pytest.mark.parametrize(("text", "expected"), [
    ("She reports urgency, incontinence and nocturia.",
     {"urinary urgency": "present", "urinary incontinence": "present", "nocturia": "present"}),
    ("Frequency, urgency, incontinence.",
     {"urinary frequency": "present", "urinary urgency": "present",
      "urinary incontinence": "present"}),
    ("GU: Positive for urgency, incontinence, nocturia.",
     {"urinary urgency": "present", "urinary incontinence": "present", "nocturia": "present"}),
    # near misses: the row itself
    ("Urgency incontinence with nocturia.",
     {"urge incontinence": "present", "nocturia": "present"}),
    ("Urge incontinence, no stress incontinence.",
     {"urge incontinence": "present", "stress incontinence": "absent"}),
])
def test_urge_incontinence_not_across_comma(extractor, text: str,  # noqa: ANN001
                                            expected: dict) -> None:
    assert problems(extractor, text) == expected


# U4: a pulse lost later in the line: no diminished pulses ruled out
@pytest.mark.parametrize("text", [
    "Palpable bilateral femoral pulses; dorsalis pedis and posterior tibial pulses not "
    "palpable on the right.",
    "Palpable femoral pulses, nonpalpable pedal pulses bilaterally.",
    "Palpable femoral pulses, dopplerable pedal pulses.",
])
def test_pulses_lost_later(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("diminished pulses") != "absent"


@pytest.mark.parametrize("text", [
    "Palpable bilateral femoral pulses.",
    # corpus (mts-1549, mts-1845): a later sentence of the same line is not the pulses'
    "Peripheral pulses were intact and capillary refill was brisk. Rectal: decreased rectal "
    "tone and absent anal reflex.",
    "Distal pulses are intact.  The left foot notes superficial avulsion lacerations. Range "
    "of motion is decreased.",
])
def test_pulses_near_miss(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("diminished pulses") == "absent"


# U5: only a shape word before "soft"; never "soft tissue" / "soft bowel sounds"
@pytest.mark.parametrize("text", [
    "ABDOMEN: Rigid, soft tissue swelling over the umbilicus.",
    "Abdomen tense, soft bowel sounds.",
    "Abdomen firm, soft in places.",
    "Abdomen rigid, soft?",
])
def test_abdomen_soft_not_after_rigid(extractor, text: str) -> None:  # noqa: ANN001
    assert "abdominal rigidity" not in problems(extractor, text)


@pytest.mark.parametrize("text", [
    "Abdomen is flat, soft, nontender.",
    "ABDOMEN: Scaphoid, soft, nontender.",
    "Abdomen soft, nontender.",
])
def test_abdomen_soft_near_miss(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("abdominal rigidity") == "absent"


# U6 / W1: a region's negation does not spread past a comma onto a new positive noun, nor
# over an exception
@pytest.mark.parametrize(("text", "name"), [
    ("SKIN: No significant rash, lesions on both shins are weeping.", "skin lesion"),
    ("SKIN:\nNo obvious erythema, lesions present on the back.", "skin lesion"),
    ("NECK:\nNo obvious JVD, masses noted bilaterally.", "neck mass"),
    ("SKIN: No lesions except a 2 cm ulcer on the heel.", "skin lesion"),
    ("SKIN: Warm and dry, no significant lesions other than a 1 cm melanoma-suspicious mole "
     "on the back.", "skin lesion"),
    ("SKIN: 3 cm ulcer over the sacrum, otherwise no lesions.", "skin lesion"),
    ("SKIN: No lesions apart from a scar on the knee.", "skin lesion"),
])
def test_region_negation_stops(extractor, text: str, name: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get(name) != "absent"


@pytest.mark.parametrize(("text", "name"), [
    ("SKIN: Essentially clear with no significant rash or lesions.", "skin lesion"),
    ("NECK: Supple, no masses.", "neck mass"),
    ("Neck, no nodes, masses or thyromegaly.", "neck mass"),
    ("NECK: Supple. No LAD.", "lymphadenopathy"),
])
def test_region_negation_near_miss(extractor, text: str, name: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get(name) == "absent"


# W2: the EKG-normal reader
@pytest.mark.parametrize("text", [
    "EKG unremarkable; QTc 520.",
    "EKG normal\nST elevation in V2-V4 on repeat.",
    "EKG was within normal limits last year. Today there is new LBBB.",
    "EKG within normal limits per the prior cardiologist; today shows atrial fibrillation.",
    "Normal EKG, sinus tachycardia at 120.",
    "EKG within normal limits, heart rate 140.",
    "Previously normal EKG.",
])
def test_ekg_normal_qualified(extractor, text: str) -> None:  # noqa: ANN001
    assert "abnormal electrocardiogram" not in problems(extractor, text)


@pytest.mark.parametrize("text", ["EKG within normal limits.", "EKG normal. Chest pain ongoing.",
                                  "EKG within normal limits, troponin elevated.",
                                  # an earlier sentence's past time is not the EKG's
                                  "He had an MI in the past. EKG within normal limits."])
def test_ekg_normal_near_miss(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("abnormal electrocardiogram") == "absent"


# W3: the carotid grade
@pytest.mark.parametrize(("text", "expected"), [
    ("Stenosis of the left carotid artery 45% on prior, now 75%.",
     {"carotid stenosis": "present"}),
    ("Mild stenosis of the left carotid, less than 50%.", {}),
    ("Stenosis of the right internal carotid artery of 60%.", {"carotid stenosis": "present"}),
    ("Stenosis of the right carotid artery measured at 40-59%.",
     {"carotid stenosis": "present"}),
    ("Stenosis of the left carotid artery 75% on prior, now 40%.", {}),
    # optional item: the internal carotid artery written "ICA" (capitals only)
    ("Carotid duplex: 70% stenosis of the right ICA.", {"carotid stenosis": "present"}),
    ("Occlusion of the right ICA.", {"carotid artery occlusion": "present"}),
    ("Stenosis of the left ICA of 40%.", {}),
    ("No stenosis of the ICA.", {"carotid stenosis": "absent"}),
])
def test_carotid_grade(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# W5: the "felt weak" / "felt unwell" rows taken back
@pytest.mark.parametrize("text", [
    "He never felt unwell during the trip.", "Mother felt unwell after eating the same food.",
    "His wife felt weak and dizzy last week; he is asymptomatic.",
    "I felt weak in the knees when I heard the news.", "Feels weak? No.",
])
def test_felt_rows_taken_back(extractor, text: str) -> None:  # noqa: ANN001
    got = problems(extractor, text)
    assert "malaise" not in got and "weakness" not in got


# W6: "blackout" is not renamed syncope; a power cut or a blind is no blackout
@pytest.mark.parametrize(("text", "expected"), [
    ("He blacked out after drinking a fifth of vodka.", {}),
    ("Power blackout at home; his oxygen concentrator stopped.", {}),
    ("Blackout curtains help her migraines.", {"migraine": "present"}),
    ("No blackouts or seizures.", {"blackout": "absent", "seizure": "absent"}),
    ("He had a blackout and woke up on the floor.", {"blackout": "present"}),
])
def test_blackout(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# W7: neglect of a duty is no hemispatial neglect
@pytest.mark.parametrize(("text", "expected"), [
    ("He has left neglect of his medications.", {}),
    ("Left neglect on exam.", {"hemispatial neglect": "present"}),
    ("No left neglect.", {"hemispatial neglect": "absent"}),
])
def test_neglect(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected
