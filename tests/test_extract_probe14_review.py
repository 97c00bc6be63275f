"""The safety review of the probe13 fix round and probe14 (issue 16): two regressions against
the session's start.

- "(-)fever,(+)cough": the glued "(+)" after a comma stayed inside one token, so the "(-)"
  marker negated the cough too (present at a6c303f).
- "Neck veins are not distended": the "named abnormal elsewhere" check read the denied
  wording as abnormal and dropped jugular venous distension's absent reading.
Both fail on 8971171.
"""

from __future__ import annotations

import pytest
from extract_readers import meds, problems


@pytest.mark.parametrize(("text", "want"), [
    ("ROS: (-)fever,(+)cough", {"fever": "absent", "cough": "present"}),
    ("ROS: (-)fever,chills,(+)cough", {"fever": "absent", "chills": "absent", "cough": "present"}),
])
def test_a_glued_plus_marker_stops_the_minus_marker(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


def test_a_denied_abnormal_wording_keeps_the_absent_reading(extractor) -> None:  # noqa: ANN001
    text = "PHYSICAL EXAM: Neck veins are not distended. Lungs clear."
    assert problems(extractor, text).get("jugular venous distension") == "absent"


def test_an_abnormal_wording_elsewhere_still_wins_guard(extractor) -> None:  # noqa: ANN001
    text = "PHYSICAL EXAM: Jugular veins are flat. Neck veins are distended."
    assert problems(extractor, text).get("jugular venous distension") != "absent"


@pytest.mark.parametrize(("text", "want"), [
    # the "no longer taken" check read the whole line: another item's "previously" or "as a
    # child" hid the current drugs' conditions
    ("MEDICATIONS:\n1. Lisinopril for hypertension, metformin for diabetes, previously on atenolol\n",
     {"hypertension": "present", "diabetes mellitus": "present"}),
    ("MEDICATIONS:\n1. Albuterol for asthma as a child.\n2. Lisinopril 10 mg for hypertension\n",
     {"hypertension": "present"}),
])
def test_a_stopped_item_does_not_hide_its_neighbours_indication(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


# --- the session's final extraction review ---
@pytest.mark.parametrize("text", [
    # a thousands comma is no item break, and a trailing status part belongs to its item
    "MEDICATIONS:\n1. Was on metformin 1,000 mg for diabetes.\n",
    "MEDICATIONS:\n1. Albuterol for asthma, as a child.\n",
    "MEDICATIONS:\n1. Lisinopril 10 mg daily for hypertension, stopped.\n",
    "MEDICATIONS:\n1. Metformin 1,000 mg for diabetes, discontinued last year.\n",
])
def test_a_stopped_drugs_indication_is_no_problem(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text) == {}


@pytest.mark.parametrize(("text", "concept"), [
    # a denial in the clause before ("No bruits.") does not deny the abnormal wording after it
    ("PHYSICAL EXAM: Neck veins flat. No bruits. JVP elevated to 10 cm.", "jugular venous distension"),
    ("PHYSICAL EXAM: Strength 5/5 throughout. No atrophy, grip 4/5 on left.", "weakness"),
])
def test_an_abnormal_wording_after_another_denial_still_wins(extractor, text: str, concept: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get(concept) != "absent"


@pytest.mark.parametrize("text", [
    "VITAL SIGNS: BP 120/80.\nANESTHESIA: General. Patient takes warfarin 5 mg daily at home.",
    "VITAL SIGNS: BP 120/80.\nFINDINGS: Patient is on metoprolol 25 mg bid.",
])
def test_a_home_drug_under_a_procedure_title_is_not_given(extractor, text: str) -> None:  # noqa: ANN001
    assert "given" not in meds(extractor, text).values()


def test_minus_marker_after_a_glued_plus_marker(extractor) -> None:  # noqa: ANN001
    assert problems(extractor, "ROS: (-)fever,(+)cough,(-)dyspnea") == {
        "fever": "absent", "cough": "present", "dyspnea": "absent"}


def test_a_trailing_part_without_a_status_word_keeps_the_indication(extractor) -> None:  # noqa: ANN001
    text = "MEDICATIONS:\n1. Metformin 500 mg for diabetes, started 5 years ago.\n"
    assert problems(extractor, text) == {"diabetes mellitus": "present"}


def test_home_wording_in_the_next_sentence_keeps_a_procedure_drug(extractor) -> None:  # noqa: ANN001
    text = ("VITAL SIGNS: Stable.\nDETAILS OF PROCEDURE: Heparin 5000 units was given. He takes "
            "aspirin daily at home.\n")
    assert meds(extractor, text).get("heparin") == "given"
