"""Issue 16 (negscope): negation scope in comma lists and graded exam findings. Statuses are
hand-computed from the rules (assistant/clinical/context.py ``_affirmed_own_item``,
findings_normal.py ``_pulse_graded_low`` / ``_rhythm_qualified``); each positive failed on
the code before the change; near-misses keep the list's negation or the normal reading.
Snippets written for this test (the real sentences are in eval/data/extraction/negscope)."""

from __future__ import annotations

import pytest

from assistant.extract.pipeline import Extractor


def _problems(extractor: Extractor, text: str) -> dict[str, tuple[str, str]]:
    rec = extractor.extract(text, "t")
    return {p.text: (p.status, text[p.span[0]:p.span[1]]) for p in rec.problems}


# ---------------------------------------------- a later comma item affirmed by its own words
@pytest.mark.parametrize("text, expected", [
    # the item's own grade or severity, whatever its place in the list
    ("EXTREMITIES: No clubbing, cyanosis, 1+ pitting edema bilaterally.",
     {"clubbing": "absent", "cyanosis": "absent", "edema": "present"}),
    ("No fever, mild headache since this morning.", {"fever": "absent", "headache": "present"}),
])
def test_affirmed_list_item(extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got[k][0] for k in expected} == expected


@pytest.mark.parametrize("text, expected", [
    # the list's own verb at its end: every item stays negated, two items included (a shared
    # verb in templates; taken back by the lead)
    ("HEENT: No scleral icterus, oral ulcers present.",
     {"scleral icterus": "absent", "oral ulcer": "absent"}),
    ("NECK: No JVD, thyromegaly present.",
     {"jugular venous distension": "absent", "goiter": "absent"}),
    ("No murmurs, gallops noted.", {"murmur": "absent", "gallop": "absent"}),
    ("No rash, edema, or cyanosis present.",
     {"rash": "absent", "edema": "absent", "cyanosis": "absent"}),
    ("No murmurs, rubs, gallops noted.", {"murmur": "absent", "rub": "absent",
                                          "gallop": "absent"}),
    ("No JVD, thyromegaly, or lymphadenopathy present.",
     {"jugular venous distension": "absent", "goiter": "absent", "lymphadenopathy": "absent"}),
    ("No JVD, thyromegaly and lymphadenopathy present.",
     {"goiter": "absent", "lymphadenopathy": "absent"}),
    ("No JVD, no thyromegaly present.", {"goiter": "absent"}),
    ("Negative for fever, chills.", {"fever": "absent", "chills": "absent"}),
    ("The patient denies chest pain, shortness of breath, palpitations noted.",
     {"chest pain": "absent", "shortness of breath": "absent", "palpitations": "absent"}),
    # a study named only in the item, or the same study as the negation's: the list's
    ("Negative for PE, DVT on ultrasound.", {"deep vein thrombosis": "absent"}),
    ("CT negative for PE, pneumonia on CT.", {"pneumonia": "absent"}),
    # a severity word of an item inside a longer negated list
    ("No fever, chills, severe headache.", {"headache": "absent"}),
    ("No fever, severe headache, or neck stiffness.", {"headache": "absent"}),
    # a grade of another finding in another sentence
    ("No edema, cyanosis. Pulses 2+.", {"cyanosis": "absent"}),
])
def test_negated_list_near_misses(extractor: Extractor, text: str,
                                  expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got[k][0] for k in expected} == expected


# ---------------------------------------------- pulses graded below 2+ in the same item
@pytest.mark.parametrize("text", [
    "EXTREMITIES: Pulses 2+ femoral, 1+ dorsalis pedis bilaterally.",
    "He has 2+ pedal pulse on the left and 1+ on the right.",
    "Pulses 2+ radial, trace dorsalis pedis.",
    "DP 0/4 on the left, radial pulses 2+.",
])
def test_low_pulse_grade_rules_out_nothing(extractor: Extractor, text: str) -> None:
    assert _problems(extractor, text).get("diminished pulses", ("",))[0] != "absent"


@pytest.mark.parametrize("text", [
    "Pulses 2+ and equal.",
    "Pulses 2+ bilaterally. 1+ pretibial edema.",
    "Radial pulses 2+ bilaterally, 1+ pitting edema of the ankles.",
])
def test_normal_pulse_grade_kept(extractor: Extractor, text: str) -> None:
    assert _problems(extractor, text)["diminished pulses"][0] == "absent"


# ---------------------------------------------- sinus rhythm with a rate
def test_sinus_rhythm_over_100_is_tachycardia(extractor: Extractor) -> None:
    text = "EKG: Normal sinus rhythm, rate 110."
    got = _problems(extractor, text)
    assert got["tachycardia"] == ("present", "Normal sinus rhythm, rate 110")
    assert "arrhythmia" not in got


@pytest.mark.parametrize("text", [
    "Heart rate 110, normal sinus rhythm.",
    "ECG showed sinus rhythm at 48 beats per minute.",
    "EKG: Normal sinus rhythm with occasional PVCs.",
    "Intermittent sinus bradycardia alternating with a normal sinus rhythm.",
])
def test_sinus_rhythm_qualified_rules_out_nothing(extractor: Extractor, text: str) -> None:
    got = _problems(extractor, text)
    assert got.get("arrhythmia", ("",))[0] != "absent"
    assert "tachycardia" not in got or got["tachycardia"][0] == "present"


@pytest.mark.parametrize("text", [
    "Normal sinus rhythm at a rate of 72.",
    "Currently in normal sinus rhythm at the rate of 60 beats per minute.",
    "EKG: NSR, rate 88, normal axis.",
    # a rhythm word denied, a conduction block with the rhythm itself sinus (corpus check)
    "EKG: Normal sinus rhythm, mean rate 76, no ectopics noted.",
    "EKG at rest showed normal sinus rhythm with a right-bundle branch block.",
])
def test_sinus_rhythm_normal_rate_kept(extractor: Extractor, text: str) -> None:
    got = _problems(extractor, text)
    assert got["arrhythmia"][0] == "absent"
    assert "tachycardia" not in got


# ---------------------------------------------- review of 2026-12-06 (lead fixes, pinned)
@pytest.mark.parametrize("text, expected", [
    # a size after a comparative is the denial's cut-off; a zero size measures nothing
    ("CT chest: No mediastinal, hilar, axillary lymphadenopathy greater than 1 cm.",
     {"axillary lymphadenopathy": "absent"}),
    ("No cervical, axillary, inguinal lymphadenopathy > 1 cm.",
     {"inguinal lymphadenopathy": "absent"}),
    ("No evidence of metastatic disease, lymphadenopathy greater than 1 cm.",
     {"lymphadenopathy": "absent"}),
    ("No acute intracranial hemorrhage, mass effect, midline shift 0 mm.",
     {"midline shift": "absent"}),
    # a grade that belongs to the next, comma-less pulse item
    ("Extremities: No clubbing, cyanosis, edema 2+ pulses bilaterally.", {"edema": "absent"}),
    ("Neck: No JVD, bruits 2+ carotids.", {"bruit": "absent"}),
    # another study after "negative for": taken back, both stay ruled out
    ("CTA came back negative for PE, DVT on ultrasound.",
     {"pulmonary embolism": "absent", "deep vein thrombosis": "absent"}),
    ("CTA negative for PE, DVT on duplex, negative.", {"deep vein thrombosis": "absent"}),
])
def test_review_cutoffs_stay_negated(extractor: Extractor, text: str,
                                     expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got[k][0] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "EKG done July 16, 2009 at 7:31:15, shows sinus rhythm, which showed PR interval of about "
    "118 milliseconds, nonspecific T wave changes.",
    "EKG: Normal sinus rhythm with QTc of 460.",
    "EKG: Normal sinus rhythm with first-degree AV block, PR interval of 220.",
    "EKG: Normal sinus rhythm with a QRS duration of 110.",
    "EKG: Normal sinus rhythm, axis of 120.",
    "VITAL SIGNS: Pulse 88 with a regular sinus rhythm, temperature of 102, respiratory rate 18.",
    "Telemetry: normal sinus rhythm with IV fluids at 125 mL/h.",
    "Heart: Normal sinus rhythm, respiratory rate 24.",
    "Normal sinus rhythm at rest, rate of 110 on exertion.",
])
def test_review_no_tachycardia_from_other_numbers(extractor: Extractor, text: str) -> None:
    assert "tachycardia" not in _problems(extractor, text)


@pytest.mark.parametrize("text, expected", [
    # only numbers that are not a rate: the normal rhythm still rules out an arrhythmia
    ("EKG: Normal sinus rhythm with QTc of 460.", "absent"),
    ("Heart: Normal sinus rhythm, respiratory rate 24.", "absent"),
    ("EKG shows normal sinus rhythm, no bradycardia or tachycardia.", "absent"),
])
def test_review_rhythm_absent_kept(extractor: Extractor, text: str, expected: str) -> None:
    assert _problems(extractor, text)["arrhythmia"][0] == expected


@pytest.mark.parametrize("text", [
    "Neuro: Pulses normal, reflexes 1+ at the right ankle.",
    "Pulses 2+ and symmetric, trace pedal edema bilaterally.",
])
def test_review_other_grades_keep_normal_pulses(extractor: Extractor, text: str) -> None:
    assert _problems(extractor, text)["diminished pulses"][0] == "absent"
