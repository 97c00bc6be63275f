"""Safety review of probe round 13 (issue 16): the faults a review found in the rules of
8acd2ee, each pinned on a short synthetic snippet (values by hand). Every case fails on
8acd2ee; see the commit messages for which rules were narrowed and which reverted.
"""

from __future__ import annotations

import pytest
from extract_readers import meds, problems


def _status(extractor, text: str, name: str) -> str | None:
    return problems(extractor, text).get(name)


# 1. "(-)" after a lab or receptor name is the result, not a review-of-systems marker
@pytest.mark.parametrize("text, name", [
    ("ER (-), PR (-), HER2 (-) invasive ductal carcinoma of the left breast.",
     "invasive ductal carcinoma"),
    ("She is Rh (-) with preeclampsia.", "preeclampsia"),
])
def test_minus_after_a_word_negates_nothing(extractor, text, name):
    got = problems(extractor, text)
    assert any(k.startswith(name.split()[-1]) or k == name for k in got), got
    assert all(v == "present" for k, v in got.items() if name.split()[-1] in k), got


# 2. "(-)" stops at a clause change
@pytest.mark.parametrize("text, name", [
    ("ROS: (-) headache but has had blurred vision.", "blurred vision"),
    ("ROS: (-) chest pain, has palpitations and syncope.", "palpitations"),
])
def test_minus_stops_at_clause_change(extractor, text, name):
    assert _status(extractor, text, name) == "present"


def test_minus_marker_guards(extractor):
    assert problems(extractor, "ROS: (-) fever; reports cough.") == {"fever": "absent",
                                                                      "cough": "present"}


# 3. "(-)" glued to its word
def test_minus_glued_to_word(extractor):
    assert _status(extractor, "Respiratory: (-)breathing difficulties", "dyspnea") == "absent"


# 4. a relative after a condition takes only the condition right before it
@pytest.mark.parametrize("text, name", [
    ("She has depression following the diagnosis of breast cancer in her mother.",
     "depression"),
    ("He has anxiety related to the illness in her mother.", "anxiety"),
    ("She has migraine headaches since age 12, similar to those in her mother.", "migraine"),
    ("Chest pain started while visiting in her mother's home.", "chest pain"),
    ("She has hypertension and discussed this in her mother's presence.", "hypertension"),
])
def test_relative_after_takes_only_adjacent_condition(extractor, text, name):
    got = problems(extractor, text)
    hits = {k: v for k, v in got.items() if name in k}
    assert hits and all(v == "present" for v in hits.values()), got


def test_relative_after_adjacent_guard(extractor):
    assert _status(extractor, "Diabetes in his brother.", "diabetes mellitus") == "family"


# 5. a normal-exam wording does not hide the abnormal words after it
@pytest.mark.parametrize("text, name", [
    ("Neck veins are normal in appearance but JVP is elevated at 10 cm.",
     "jugular venous distension"),
    ("Jugular veins are flat. Neck veins are distended.", "jugular venous distension"),
    ("Good sensation to light touch but decreased to pinprick.", "sensory deficit"),
    ("Sensation is normal on the right, absent on the left.", "sensory deficit"),
    ("Motor strength 5 out of 5 throughout except left hip flexion 4 out of 5.", "weakness"),
])
def test_normal_wording_does_not_hide_abnormal(extractor, text, name):
    assert problems(extractor, text).get(name) != "absent"


# 6. "a test to evaluate X" hedges no present symptom
@pytest.mark.parametrize("text, name", [
    # probe14: "rectal bleeding" is now the hematochezia concept (was bare "bleeding")
    ("Colonoscopy to evaluate the rectal bleeding.", "hematochezia"),
    ("CT to evaluate the abdominal pain.", "abdominal pain"),
    ("Labs to assess anemia. Hemoglobin 7.2.", "anemia"),
])
def test_test_to_evaluate_does_not_hedge(extractor, text, name):
    assert _status(extractor, text, name) == "present"


# 7. a past year: reverted (the result must not depend on the clock or ignore "still")
def test_past_year_does_not_make_ongoing_historical(extractor):
    assert _status(extractor, "She had a fracture in 2019 and it is still painful.",
                   "fracture") != "historical"


# 8. a discontinued or past drug's indication is no current problem
@pytest.mark.parametrize("text, name", [
    ("MEDICATIONS: Discontinued: metformin for diabetes.", "diabetes mellitus"),
    ("MEDICATIONS: Lisinopril. Albuterol for asthma as a child.", "asthma"),
])
def test_past_drug_indication_is_no_problem(extractor, text, name):
    assert _status(extractor, text, name) is None


# 9. pneumonitis is no pneumonia
def test_pneumonitis_code(extractor):
    ps = extractor.extract("CT of the chest reveals a pneumonitis.", "t").problems
    codes = {p.text: p.icd10 for p in ps}
    assert codes.get("pneumonitis") == "J84.9", codes


def test_current_indication_guard(extractor):
    assert problems(extractor, "MEDICATIONS: Warfarin for atrial fibrillation.") == {
        "atrial fibrillation": "present"}


def test_meds_unchanged_guard(extractor):
    assert "warfarin" in meds(extractor, "MEDICATIONS: Warfarin for atrial fibrillation.")
