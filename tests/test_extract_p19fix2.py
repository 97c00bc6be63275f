"""Second review of the probe19 extraction fix (p19fix, main b15c59a..5a8db5b): each input
below still hid a real diagnosis after p19fix. The lead's decisions: narrow "was ruled out
for" to its direct object, revert the "call for any" return-precaution class and the new
normal breath-sound / regular-rhythm wordings to 09ab0f7, guard the older "HEART: Regular
rhythm" label reading with rhythm-abnormality words, keep the lungs' own "sounds like" as a
finding, and keep oxygen's "nasal cannula" and cardiac sentences away from the nasal septum.
Expected statuses are pinned by hand from the snippet's words (a diagnosis the sentence states
as present stays present).
"""

from __future__ import annotations

import pytest
from extract_readers import problems


# ----------------------------------------------------------------------------- 1. ruled out for
# the cue rules out its direct object only; the second diagnosis of each sentence is stated
# as present (diagnosed, noted, found, treated, got, persisted, present, confirmed, seen)
@pytest.mark.parametrize(("text", "expected"), [
    ("He was ruled out for MI and pneumonia was diagnosed on chest x-ray.\n",
     {"myocardial infarction": "absent", "pneumonia": "present"}),
    ("He was ruled out for MI and atrial fibrillation was noted.\n",
     {"myocardial infarction": "absent", "atrial fibrillation": "present"}),
    ("He was ruled out for MI and a GI bleed was found.\n",
     {"myocardial infarction": "absent", "gastrointestinal hemorrhage": "present"}),
    ("He was ruled out for sepsis and cellulitis was treated with vancomycin.\n",
     {"sepsis": "absent", "cellulitis": "present"}),
    ("He was ruled out for MI and got pneumonia.\n",
     {"myocardial infarction": "absent", "pneumonia": "present"}),
    ("He was ruled out for MI and now pneumonia.\n",
     {"myocardial infarction": "absent", "pneumonia": "present"}),
    ("He was ruled out for MI while hypotension persisted.\n",
     {"myocardial infarction": "absent", "hypotension": "present"}),
    ("She was ruled out for PE although pneumonia was present.\n",
     {"pulmonary embolism": "absent", "pneumonia": "present"}),
    ("He was ruled out for MI though CHF was present.\n",
     {"myocardial infarction": "absent", "heart failure": "present"}),  # the name of CHF
    ("She was ruled out for MI whereas pneumonia was confirmed.\n",
     {"myocardial infarction": "absent", "pneumonia": "present"}),
    ("He was ruled out for PE however pneumonia was seen on CT.\n",
     {"pulmonary embolism": "absent", "pneumonia": "present"}),
    ("He was ruled out for stroke instead TIA was diagnosed.\n",
     {"stroke": "absent", "transient ischemic attack": "present"}),
    ("She was ruled out for DVT rather cellulitis was diagnosed.\n",
     {"deep vein thrombosis": "absent", "cellulitis": "present"}),
    # a listed second diagnosis is not the direct object: present (accepted, as at 09ab0f7)
    ("He was ruled out for MI and PE.\n",
     {"myocardial infarction": "absent", "pulmonary embolism": "present"}),
])
def test_ruled_out_for_reaches_its_direct_object_only(extractor, text: str,  # noqa: ANN001
                                                      expected: dict[str, str]) -> None:
    assert problems(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # near misses: the direct object itself, with an article or "acute", stays ruled out
    ("He was ruled out for MI.\n", {"myocardial infarction": "absent"}),
    ("He was ruled out for an MI.\n", {"myocardial infarction": "absent"}),
    ("He was ruled out for acute MI.\n", {"myocardial infarction": "absent"}),
    ("He was ruled out for myocardial infarction with troponin x2.\n",
     {"myocardial infarction": "absent"}),
    # "to rule out" stays a hedge
    ("He was admitted to rule out myocardial infarction.\n",
     {"myocardial infarction": "possible"}),
])
def test_ruled_out_for_direct_object_near_misses(extractor, text: str,  # noqa: ANN001
                                                 expected: dict[str, str]) -> None:
    assert problems(extractor, text) == expected


# ----------------------------------------------------------------------------- 2. call for any
# the return-precaution class is reverted: a finding stated after the instruction is present
@pytest.mark.parametrize(("text", "expected"), [
    ("Call for any chest pain as she had chest pain this morning.\n", {"chest pain": "present"}),
    ("Call for any fever, she has had a fever for 2 days.\n", {"fever": "present"}),
    # (the precaution list itself is read as at 09ab0f7)
    ("Please call for any fever or chills.\n", {"fever": "present", "chills": "present"}),
])
def test_call_for_any_is_read_as_at_base(extractor, text: str,  # noqa: ANN001
                                         expected: dict[str, str]) -> None:
    assert problems(extractor, text) == expected


# ----------------------------------------------------------------------------- 3. normal wordings
@pytest.mark.parametrize(("text", "expected"), [
    # the probe19 wordings give no normal reading (as at 09ab0f7)
    ("Lungs: Breath sounds are normal.\n", {}),
    ("Chest: Normal breath sounds heard bilaterally without rales.\n", {"rales": "absent"}),
    ("Heart: Rhythm is regular. No murmurs.\n", {"murmur": "absent"}),
    ("Cardiovascular: Regular heart rate and rhythm without murmur.\n", {"murmur": "absent"}),
])
def test_probe19_normal_wordings_reverted(extractor, text: str,  # noqa: ANN001
                                          expected: dict[str, str]) -> None:
    assert problems(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "Heart: regular rhythm with 2:1 AV block\n",
    "HEART: Regular rhythm.\nAtrial flutter on telemetry.\n",
    "HEART: Regular rhythm, occasional PVCs.\n",
    "CV: Regular rhythm, paced.\n",
])
def test_heart_label_regular_rhythm_with_an_abnormal_rhythm(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("arrhythmia") != "absent"


@pytest.mark.parametrize(("text", "expected"), [
    # near misses: the label reading stays where no rhythm abnormality is stated
    ("HEART: Regular rhythm. No murmurs.\n", {"arrhythmia": "absent", "murmur": "absent"}),
    ("HEART: Regular rhythm without ectopy.\n", {"arrhythmia": "absent"}),
    ("Heart: Regular rhythm, no tachycardia.\n",
     {"arrhythmia": "absent", "tachycardia": "absent"}),
    # the next line opens a new label: not the heart line's
    ("HEART: Regular rhythm.\nABDOMEN: Soft.\n",
     {"arrhythmia": "absent", "abdominal rigidity": "absent"}),
])
def test_heart_label_regular_rhythm_still_reads(extractor, text: str,  # noqa: ANN001
                                                expected: dict[str, str]) -> None:
    assert problems(extractor, text) == expected


# ----------------------------------------------------------------------------- 4. sounds like
@pytest.mark.parametrize(("text", "expected"), [
    ("Lungs: right base sounds like rales.\n", {"rales": "present"}),
    ("Lung sounds like crackles at the bases.\n", {"crackles": "present"}),
    ("Chest sounds like rhonchi bilaterally.\n", {"rhonchi": "present"}),
    ("Breathing sounds like wheezing.\n", {"wheezing": "present"}),
    # near misses: the clinician's impression stays a hedge
    ("This sounds like a viral syndrome.\n", {"viral syndrome": "possible"}),
    ("There is a murmur that sounds like aortic stenosis.\n",
     {"murmur": "present", "aortic stenosis": "possible"}),
])
def test_lung_sounds_like_is_the_exam_finding(extractor, text: str,  # noqa: ANN001
                                              expected: dict[str, str]) -> None:
    assert problems(extractor, text) == expected


# ----------------------------------------------------------------------------- 5. septal perforation
@pytest.mark.parametrize("text", [
    "On 2 L nasal cannula. Echo revealed a septal perforation after the anterior MI.\n",
    "On 2 L nasal cannula. He has a septal perforation.\n",
    "On nasal prongs, a septal perforation was seen on echo.\n",
])
def test_oxygen_or_cardiac_septal_perforation_is_not_nasal(extractor, text: str) -> None:  # noqa: ANN001
    assert "perforation of nasal septum" not in problems(extractor, text)


@pytest.mark.parametrize("text", [
    # near misses: nasal words keep the nasal reading
    "Nose: septal perforation from cocaine use.\n",
    "He has a nasal septal perforation.\n",
    "Epistaxis from a septal perforation.\n",
    "Septal perforation, likely from intranasal cocaine use.\n",
])
def test_nasal_septal_perforation_still_reads(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("perforation of nasal septum") == "present"
