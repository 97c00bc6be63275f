"""ext13a (issue 16): four classes of allergy / medication extraction, with hand-computed
expected values and near misses.

1. a drug taken, told in an allergy line, is a medication (not lost): by a speaker ("and she
   also reports that she is on aspirin"), after "and" with its subject, with an adverb ("she
   is currently taking"), and in prose after a comma with no subject ("allergic to aspirin,
   takes Tylenol instead");
2. a relative's drug ("His mother gets hives when she takes penicillin", "Her father is on
   warfarin") is neither the patient's allergy nor the patient's medication (the schema has
   no family field for either);
3. a drug taken or given only in a condition whose consequence is an instruction ("If she
   takes penicillin, monitor for hives") is no medication and no allergy;
4. a relative or carer reporting an allergy-list item ("mom also reports peanuts", "per
   mother, eggs") is no part of the allergen.
"""

from __future__ import annotations

import pytest
from extract_readers import allergies, meds  # same folder


def _no_allergen_active(extractor, text: str) -> None:  # noqa: ANN001
    rec = extractor.extract(text, "t")
    active = {m.name for m in rec.medications if m.status in ("active", "new")}
    assert not active & {a.substance for a in rec.allergies}


# ----- 1. a drug taken, told in an allergy line
@pytest.mark.parametrize(("text", "want", "want_meds"), [
    ("Allergies: penicillin and she also reports that she is on aspirin",
     [("penicillin", None, "penicillin")], {"aspirin": "active"}),
    ("Allergies: penicillin and she also reports that she is on aspirin.",
     [("penicillin", None, "penicillin")], {"aspirin": "active"}),
    ("Allergies: penicillin, she also reports taking lisinopril daily.",
     [("penicillin", None, "penicillin")], {"lisinopril": "active"}),
    ("Allergies: penicillin, he states he takes aspirin without problems.",
     [("penicillin", None, "penicillin")], {"aspirin": "active"}),
    ("Allergies: codeine; she is currently taking ibuprofen for pain.",
     [("codeine", None, "codeine")], {"ibuprofen": "active"}),
    ("Allergies: sulfa, mom reports he takes cetirizine daily.",
     [("sulfa", None, "sulfa")], {"cetirizine": "active"}),
    ("ALLERGIES: Sulfa. She takes metformin daily.",
     [("sulfa", None, "Sulfa")], {"metformin": "active"}),
    # prose: a comma and a verb of taking with no subject written
    ("allergic to aspirin, takes Tylenol instead",
     [("aspirin", None, "aspirin")], {"acetaminophen": "active"}),
    ("She is allergic to aspirin, takes Tylenol instead, and she is on metoprolol.",
     [("aspirin", None, "aspirin")], {"acetaminophen": "active", "metoprolol": "active"}),
    ("Allergic to codeine, now uses ibuprofen as needed.",
     [("codeine", None, "codeine")], {"ibuprofen": "active"}),
])
def test_taken_in_allergy_line(extractor, text: str, want: list,  # noqa: ANN001
                               want_meds: dict) -> None:
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == want_meds
    _no_allergen_active(extractor, text)


@pytest.mark.parametrize(("text", "want", "want_meds"), [
    # near misses: both allergens; a drug tolerated is not said to be taken now
    ("Allergies: penicillin and aspirin",
     [("penicillin", None, "penicillin"), ("aspirin", None, "aspirin")], {}),
    ("She is allergic to aspirin and Tylenol.",
     [("aspirin", None, "aspirin"), ("acetaminophen", None, "Tylenol")], {}),
    ("Allergies: penicillin, she reports that she tolerates amoxicillin.",
     [("penicillin", None, "penicillin")], {}),
    ("Allergies: penicillin, patient reports amoxicillin is fine.",
     [("penicillin", None, "penicillin")], {}),
    # the speaker tells an allergen, not a drug taken
    ("Allergies: penicillin and she also reports sulfa.",
     [("penicillin", None, "penicillin"), ("sulfa", None, "sulfa")], {}),
    # the drug taken goes on with a reaction: an allergy, not a medication
    ("Allergies: sulfa, she reports she takes codeine and gets hives.",
     [("sulfa", None, "sulfa"), ("codeine", "hives", "codeine and gets hives")], {}),
    ("She is allergic to penicillin and gets hives.",
     [("penicillin", None, "penicillin")], {}),
    # prose: the drug after the comma goes on with a reaction (kept in the statement)
    ("She is allergic to penicillin, takes amoxicillin and gets hives.",
     [("penicillin", None, "penicillin"),
      ("amoxicillin", "hives", "amoxicillin and gets hives")], {}),
    ("allergic to sulfa, takes Bactrim with a rash", [("sulfa", None, "sulfa")], {}),
])
def test_taken_in_allergy_line_near_misses(extractor, text: str, want: list,  # noqa: ANN001
                                           want_meds: dict) -> None:
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == want_meds
    _no_allergen_active(extractor, text)


def test_taken_allergen_never_active(extractor) -> None:  # noqa: ANN001
    # the allergen itself said to be taken in its own allergy line: never an active medication
    text = "Allergies: aspirin, she reports that she is on aspirin."
    _no_allergen_active(extractor, text)
    assert [a[0] for a in allergies(extractor, text)] == ["aspirin"]
    assert meds(extractor, text) == {}


# ----- 2. a relative's drug
@pytest.mark.parametrize("text", [
    "His mother gets hives when she takes penicillin",
    "Her mother gets hives whenever she takes penicillin.",
    "When his mother takes penicillin she gets hives.",
    "His mother had hives after taking penicillin.",
    "Her mother takes warfarin.",
    "His father is on lisinopril.",
    "Mom gets hives when she takes amoxicillin; he has never taken it.",
])
def test_relatives_drug_neither_list(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == {}


@pytest.mark.parametrize(("text", "want", "want_meds"), [
    # near misses: the relative reports, gives or brings; the patient is the subject
    ("His mother says he gets hives when he takes penicillin",
     [("penicillin", "hives", "penicillin")], {}),
    ("Mother reports she gets hives when she takes penicillin.",
     [("penicillin", "hives", "penicillin")], {}),
    ("His mother gives him Tylenol.", [], {"acetaminophen": "active"}),
    ("Mom has been giving him ibuprofen.", [], {"ibuprofen": "active"}),
    ("His mother reports he takes amoxicillin.", [], {"amoxicillin": "active"}),
    ("She lives with her mother and when she takes her Xanax she sleeps well.", [],
     {"alprazolam": "active"}),
    ("He was with his mother after taking ibuprofen.", [], {"ibuprofen": "active"}),
    ("The patient's mother is on warfarin and he takes aspirin.", [], {"aspirin": "active"}),
])
def test_relatives_drug_near_misses(extractor, text: str, want: list,  # noqa: ANN001
                                    want_meds: dict) -> None:
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == want_meds


# ----- 3. a hypothetical administration in an instruction
@pytest.mark.parametrize("text", [
    "If she takes penicillin, monitor for hives",
    "if he is given codeine, watch for itching",
    "Should she receive morphine, observe for respiratory depression.",
    "If given ibuprofen, watch for GI upset.",
    "If amoxicillin is given, monitor for rash.",
])
def test_hypothetical_instruction_no_medication(extractor, text: str) -> None:  # noqa: ANN001
    assert meds(extractor, text) == {}
    assert allergies(extractor, text) == []


@pytest.mark.parametrize(("text", "want", "want_meds"), [
    # near misses: taken as a fact; the reaction told as the consequence (an allergy); the
    # patient's own drug or one still taken in the condition; the drug in the consequence
    ("She takes penicillin; monitor for hives", [], {"penicillin": "active"}),
    ("If she takes penicillin she gets hives.", [("penicillin", "hives", "penicillin")], {}),
    ("If she takes her metformin, monitor her sugars.", [], {"metformin": "active"}),
    ("If he is still taking warfarin, check INR.", [], {"warfarin": "active"}),
    ("If pain persists, she takes ibuprofen.", [], {"ibuprofen": "active"}),
    ("If he takes aspirin daily, he should continue.", [], {"aspirin": "active"}),
    # (extfix13a review, fault 4) a consequence that checks a lab ("monitor kidney
    # function", as "check INR weekly") is no watch for a reaction: the drug stays as read
    ("She is on lisinopril. If she takes ibuprofen, monitor kidney function.", [],
     {"lisinopril": "active", "ibuprofen": "active"}),
])
def test_hypothetical_instruction_near_misses(extractor, text: str, want: list,  # noqa: ANN001
                                              want_meds: dict) -> None:
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == want_meds


# ----- 4. a relative or carer as the reporter of an allergy-list item
@pytest.mark.parametrize(("text", "want"), [
    ("Allergies: sulfa, mom also reports peanuts",
     [("sulfa", None, "sulfa"), ("peanuts", None, "peanuts")]),
    ("Allergies: sulfa and mom also reports peanuts",
     [("sulfa", None, "sulfa"), ("peanuts", None, "peanuts")]),
    ("Allergies: sulfa, mother states peanuts.",
     [("sulfa", None, "sulfa"), ("peanuts", None, "peanuts")]),
    ("Allergies: penicillin; his wife reports latex.",
     [("penicillin", None, "penicillin"), ("latex", None, "latex")]),
    ("Allergies: amoxicillin, dad says codeine causes rash.",
     [("amoxicillin", None, "amoxicillin"), ("codeine", "rash", "codeine causes rash")]),
    ("Allergies: sulfa, per mom peanuts.",
     [("sulfa", None, "sulfa"), ("peanuts", None, "peanuts")]),
    ("Allergies: sulfa, per mother, eggs.",
     [("sulfa", None, "sulfa"), ("eggs", None, "eggs")]),
])
def test_reporter_not_allergen(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want


@pytest.mark.parametrize(("text", "want", "want_meds"), [
    # near misses: the reporter tells a reaction or a drug taken (no allergen); the patient
    # as the speaker (gaps16 / extfix12, unchanged)
    # (extfix13a review, fault 1) the reaction a relative reports is the item's before it
    ("Allergies: sulfa, mom also reports rash.", [("sulfa", "rash", "sulfa")], {}),
    ("Allergies: sulfa, mom also reports he takes amoxicillin without problems.",
     [("sulfa", None, "sulfa")], {"amoxicillin": "active"}),
    ("ALLERGIES: Penicillin, she also reports sulfa.",
     [("penicillin", None, "Penicillin"), ("sulfa", None, "sulfa")], {}),
    ("Allergies: penicillin, patient reports amoxicillin is fine.",
     [("penicillin", None, "penicillin")], {}),
])
def test_reporter_near_misses(extractor, text: str, want: list,  # noqa: ANN001
                              want_meds: dict) -> None:
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == want_meds


# ----- 2b. a relative opening a clause after a comma is the subject of its allergy
@pytest.mark.parametrize(("text", "want"), [
    ("Allergies: sulfa, mom is allergic to peanuts.", [("sulfa", None, "sulfa")]),
    ("He is allergic to sulfa; his mother is allergic to penicillin.",
     [("sulfa", None, "sulfa")]),
    # near misses: the relative only reports the patient's allergy
    ("Allergies: sulfa, per mom she is allergic to peanuts.",
     [("sulfa", None, "sulfa"), ("peanuts", None, "peanuts")]),
    ("Allergies: sulfa, mom reports he is allergic to peanuts.",
     [("sulfa", None, "sulfa"), ("peanuts", None, "peanuts")]),
])
def test_relative_clause_allergy(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
