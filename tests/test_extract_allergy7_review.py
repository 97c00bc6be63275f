"""The safety review of the seventh allergy round (issue 16): what its rules got wrong.

- An allergen kept as a medication for an action word alone became ``discontinued`` whenever
  its allergy came later in the note, so normal note order ("She continues losartan.
  ALLERGIES: Losartan - dizziness") and a drug named again after the statement ("currently
  takes atorvastatin") lost their status. Now only a prose intolerance statement, with the drug
  never named after it and not already read as active, ends the course.
- "never developed / to avoid developing / at risk of developing intolerance to X" made X an
  allergy.
- "These are listed as allergies" read the sentence before from the last full stop, so
  "b.i.d." cut it; "..., which is an error" still made allergies.
- The next sentence's reaction was taken even when it named its own cause ("a rash from
  poison ivy").
Each case fails on 100156c (the round as merged); the ``_guard`` ones pin what must not change.
"""

from __future__ import annotations

import pytest
from extract_readers import allergies, meds  # same folder


@pytest.mark.parametrize(("text", "drug", "status"), [
    ("Started on losartan last month. She continues losartan. ALLERGIES: Losartan - dizziness.",
     "losartan", "active"),
    ("She was started on lisinopril in May. She continues lisinopril.\nALLERGIES: Lisinopril - cough",
     "lisinopril", "active"),
    # (ext13a) ", currently takes X" ends the intolerance statement: the mention after it is
    # read with its own cue, "currently takes" (was "new", from "Started on")
    ("Started on atorvastatin. She is intolerant to atorvastatin at high doses, currently takes "
     "atorvastatin 10 mg.", "atorvastatin", "active"),
    ("Patient was started on prednisone. Allergies: Prednisone - insomnia. Prednisone taper to "
     "continue.", "prednisone", "new"),
    ("Received a trial of prednisone. ALLERGIES: Prednisone - insomnia. CURRENT MEDICATIONS: "
     "Prednisone.", "prednisone", "new"),
])
def test_a_drug_still_taken_keeps_its_status(extractor, text: str, drug: str, status: str) -> None:  # noqa: ANN001
    assert meds(extractor, text)[drug] == status


def test_a_course_ended_by_intolerance_guard(extractor) -> None:  # noqa: ANN001
    text = ("He received a trial of lenalidomide for myeloma. Subsequently, he developed "
            "intolerance to lenalidomide. He complained of severe fatigue and diarrhea.")
    assert meds(extractor, text) == {"lenalidomide": "discontinued"}
    assert allergies(extractor, text) == [
        ("lenalidomide", "severe fatigue and diarrhea", "lenalidomide")]


@pytest.mark.parametrize("text", [
    "She has never developed intolerance to metformin.",
    "The goal is to avoid developing intolerance to opioids.",
    "At risk of developing intolerance to opioids.",
])
def test_an_intolerance_that_did_not_happen_is_no_allergy(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []


def test_listed_as_allergies_reads_past_abbreviation_dots(extractor) -> None:  # noqa: ANN001
    text = "She takes Keppra 500 mg b.i.d. and Lamictal 100 mg daily. These are listed as allergies."
    assert [a[0] for a in allergies(extractor, text)] == ["levetiracetam", "lamotrigine"]


def test_listed_as_allergies_in_error_is_no_allergy(extractor) -> None:  # noqa: ANN001
    text = ("She is on aspirin and Plavix. These are all listed as allergies on the old chart, "
            "which is an error.")
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == {"aspirin": "active", "clopidogrel": "active"}


def test_next_sentence_with_its_own_cause_is_not_the_reaction(extractor) -> None:  # noqa: ANN001
    text = "He developed intolerance to lisinopril. He developed a rash from poison ivy."
    assert [(a[0], a[1]) for a in allergies(extractor, text)] == [("lisinopril", None)]


# --- left by the reviews of allergy7 and probe13: an allergy line that names no substance ---
@pytest.mark.parametrize("text", [
    "ALLERGIES: ENVIRONMENTAL.\nMEDICATIONS: Lisinopril 10 mg daily.",
    "ALLERGIES: See meds.\nMEDICATIONS: Lisinopril 10 mg daily.",
    "ALLERGIES: Meds.\n",
    "ALLERGIES: Seasonal.\n",
])
def test_an_allergy_line_naming_no_substance_gives_no_allergen(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []


def test_pointer_words_beside_real_allergens_guard(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "ALLERGIES: Environmental, penicillin (rash).\n") == [
        ("penicillin", "rash", "penicillin (rash)")]
    assert allergies(extractor, "ALLERGIES: Sulfa, environmental.\n") == [("sulfa", None, "Sulfa")]


@pytest.mark.parametrize("text", [
    "ALLERGIES: Codeine, which may have caused hallucinations.\n",
    "ALLERGIES: Codeine that may have caused hallucinations.\n",
])
def test_which_may_have_caused_is_the_reaction(extractor, text: str) -> None:  # noqa: ANN001
    assert [(a[0], a[1]) for a in allergies(extractor, text)] == [("codeine", "hallucinations")]
