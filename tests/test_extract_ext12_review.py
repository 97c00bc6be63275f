"""Safety review of the ext12 extraction round (rules path): a group's passive stop, exam tests
with their own result, a treated infection's undetectable viral load, "status post" an event
before a drug, a planned dose, bare drug names under an allergy line, drug names under "NKDA",
and a "Per PCP records:" attribution.

Every reviewer input is pinned with its expected value by hand. Cases under a MUST heading fail
on main at e792af3 (ext12 merged); the guards (near misses) pass before and after.
"""

from __future__ import annotations

import pytest
from extract_readers import allergies as _allergies  # same folder
from extract_readers import meds as _meds
from extract_readers import problems as _problems
from extract_readers import signs as _signs

from assistant.extract.pipeline import Extractor


# ------------------------- MUST (review 1): a group's passive stop/hold names the listed drugs
@pytest.mark.parametrize(("text", "expected"), [
    ("All home medications were held, including metformin and lisinopril.",
     {"metformin": "held", "lisinopril": "held"}),
    ("Home antihypertensives were held: lisinopril and amlodipine.",
     {"lisinopril": "held", "amlodipine": "held"}),
    ("Blood thinners were held (warfarin, aspirin).", {"warfarin": "held", "aspirin": "held"}),
    ("The following were stopped: metformin, glipizide.",
     {"metformin": "discontinued", "glipizide": "discontinued"}),
    ("Nephrotoxic agents were discontinued including ibuprofen.", {"ibuprofen": "discontinued"}),
])
def test_group_passive_stop(extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    assert _meds(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # guards: a passive stop with another drug for its subject stays that drug's
    ("Metformin did not work and was stopped, still on insulin",
     {"metformin": "discontinued", "insulin": "discontinued"}),  # passive-stop rule removed, see probe README
    ("Lisinopril was stopped and metoprolol started",
     {"lisinopril": "discontinued", "metoprolol": "new"}),
])
def test_group_passive_stop_near_miss(extractor: Extractor, text: str,
                                      expected: dict[str, str]) -> None:
    assert _meds(extractor, text) == expected


# ------------------------------- MUST (review 2): a test with its own result is not joined
@pytest.mark.parametrize(("text", "expected"), [
    ("Negative Tinel, Phalen positive at the wrist",
     {"tinel sign": ("absent", "Negative Tinel"), "phalen sign": ("present", "Phalen positive")}),
    ("negative Lachman, McMurray positive medially",
     {"lachman sign": ("absent", "negative Lachman"),
      "mcmurray sign": ("present", "McMurray positive")}),
    ("Negative anterior drawer, Lachman positive.",
     {"drawer sign": ("absent", "Negative anterior drawer"),
      "lachman sign": ("present", "Lachman positive")}),
    ("Tinel positive, Phalen negative.",
     {"tinel sign": ("present", "Tinel positive"), "phalen sign": ("absent", "Phalen negative")}),
])
def test_exam_test_own_result(extractor: Extractor, text: str,
                              expected: dict[str, tuple[str, str]]) -> None:
    assert _signs(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # guards: names without their own result share the one written (ext12)
    ("Negative Barlow and Ortolani.",
     {"barlow sign": ("absent", "Negative Barlow"),
      "ortolani sign": ("absent", "Negative Barlow and Ortolani")}),
    ("Tinel and Phalen tests are negative.",
     {"tinel sign": ("absent", "Tinel and Phalen tests are negative"),
      "phalen sign": ("absent", "Phalen tests are negative")}),
    ("Babinski negative on the right, positive on the left.", {}),
])
def test_exam_test_own_result_near_miss(extractor: Extractor, text: str,
                                        expected: dict[str, tuple[str, str]]) -> None:
    assert _signs(extractor, text) == expected


# ------------------- MUST (review 3): a suppressed viral load does not rule the infection out
@pytest.mark.parametrize(("text", "expected"), [
    ("HIV viral load undetectable on Biktarvy.", {"hiv": "present"}),
    ("HIV RNA not detected. Continue Genvoya.", {"hiv": "present"}),
    ("Hepatitis B DNA undetectable on tenofovir.", {"hepatitis b": "present"}),
    ("1. HIV - undetectable viral load", {"hiv": "present"}),
])
def test_viral_load_keeps_disease(extractor: Extractor, text: str,
                                  expected: dict[str, str]) -> None:
    assert _problems(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # guards: a diagnostic test's negative still rules the condition out
    ("HIV negative", {"hiv": "absent"}),
    ("Hepatitis C antibody negative", {"hepatitis c": "absent"}),
    # review 3: "not detected" in the clause never rules out (68fcbfd output), see probe README
    ("HIV antibody not detected.", {"hiv": "present"}),
])
def test_viral_load_near_miss(extractor: Extractor, text: str,
                              expected: dict[str, str]) -> None:
    assert _problems(extractor, text) == expected


# ------------------- MUST (review 4): "status post" an event, then a drug taken: not given
@pytest.mark.parametrize(("text", "expected"), [
    ("Status post PCI, on Plavix and aspirin", {"clopidogrel": "active", "aspirin": "active"}),
    ("Status post MI on metoprolol", {"metoprolol": "active"}),
    ("Status post stent, aspirin", {"aspirin": "active"}),
])
def test_status_post_event(extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    assert _meds(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # guards: the drug (or "N doses of" it) straight after "status post" is given
    ("He is status post Rocephin and Cleocin.", {"ceftriaxone": "given", "clindamycin": "given"}),
    ("Status post IV Rocephin.", {"ceftriaxone": "given"}),
])
def test_status_post_near_miss(extractor: Extractor, text: str,
                               expected: dict[str, str]) -> None:
    assert _meds(extractor, text) == expected


def test_status_post_n_doses(extractor: Extractor) -> None:
    # the review's "N doses of" form, read here first (fails on e792af3: no status cue)
    assert _meds(extractor, "He is status post two doses of Rocephin.") == {
        "ceftriaxone": "given"}


# ----------------------------- SHOULD (review 5): a planned dose is no dose given (as 68fcbfd)
@pytest.mark.parametrize(("text", "expected"), [
    ("Plan: give a second dose of ceftriaxone tomorrow", {"ceftriaxone": "new"}),
    ("Will need another dose of methotrexate", {"methotrexate": "active"}),
])
def test_planned_dose(extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    assert _meds(extractor, text) == expected


def test_planned_dose_near_miss(extractor: Extractor) -> None:
    # guard (probe12): a dose had is given
    assert _meds(extractor, "He had a second dose of clindamycin in the ED.") == {
        "clindamycin": "given"}


# ------------- SHOULD (review 6): bare drug names under an allergy line are not allergens
@pytest.mark.parametrize(("text", "expected"), [
    ("ALLERGIES: Codeine\nAspirin\nAtorvastatin\nMetformin\n\nASSESSMENT AND PLAN: Diabetes, "
     "continue current regimen.", [("codeine", None, "Codeine")]),
    ("ALLERGIES: Penicillin\nMetoprolol\nLisinopril\n\nPLAN: continue.",
     [("penicillin", None, "Penicillin")]),
])
def test_bare_name_run_not_allergens(extractor: Extractor, text: str, expected: list) -> None:
    assert _allergies(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # guards: the header line's list goes on ("," / "and"), or each line has its reaction
    ("ALLERGIES: Aspirin,\nIbuprofen\n\nPLAN: continue.",
     [("aspirin", None, "Aspirin"), ("ibuprofen", None, "Ibuprofen")]),
    ("ALLERGIES: Codeine (nausea)\nAspirin (hives)\nSulfa - rash\n\nPLAN: continue.",
     [("codeine", "nausea", "Codeine (nausea)"), ("aspirin", "hives", "Aspirin (hives)"),
      ("sulfa", "rash", "Sulfa - rash")]),
])
def test_bare_name_run_near_miss(extractor: Extractor, text: str, expected: list) -> None:
    assert _allergies(extractor, text) == expected


# ------------------------ SHOULD (review 7): drug names under "NKDA"; a "Per PCP records:" lead
def test_names_under_nkda_not_allergens(extractor: Extractor) -> None:
    rec = extractor.extract("ALLERGIES: NKDA\nAspirin\nMetoprolol\n\nPLAN: continue.", "t")
    # review 3: NKDA-lines rule removed, the lines are read as at b254cc5 / 68fcbfd (a
    # medication list under NKDA is read as allergens again), see probe README
    assert [a.substance for a in rec.allergies] == ["aspirin", "metoprolol"]
    assert rec.no_known_allergies is False


def test_non_drug_allergen_under_none_kept(extractor: Extractor) -> None:
    # guard (review 5 of the allergy rounds): a non-drug allergen under "None known."
    assert _allergies(extractor, "ALLERGIES:  None known.\n  Latex.\n\nPLAN: ok") == [
        ("latex", None, "Latex")]


def test_per_pcp_records_lead(extractor: Extractor) -> None:
    assert _allergies(extractor, "ALLERGIES: Per PCP records: latex") == [
        ("latex", None, "latex")]


# ------------- older fault (read-on block): an indication in brackets is no reaction
def test_indication_in_brackets_not_reaction(extractor: Extractor) -> None:
    text = "ALLERGIES: Codeine\nMetformin (for diabetes)\n\nPLAN: continue."
    assert _allergies(extractor, text) == [("codeine", None, "Codeine")]


def test_reaction_in_brackets_still_read_on(extractor: Extractor) -> None:
    # guard: a reaction in brackets on the line under the allergen line goes on with the list
    text = "ALLERGIES: Codeine\nAspirin (hives)\n\nPLAN: continue."
    assert _allergies(extractor, text) == [("codeine", None, "Codeine"),
                                           ("aspirin", "hives", "Aspirin (hives)")]
