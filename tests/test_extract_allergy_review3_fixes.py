"""Review 3 of the allergy6 round (must-fix 1-5): each case is the reviewer's synthetic
snippet, its expected allergens, medications (with status), ``no_known_allergies`` and spans
pinned by hand. Every case that is no ``_guard`` fails on main at b035545."""

from __future__ import annotations

import pytest


def _allergies(text: str, rec) -> list[tuple[str, str | None, str]]:  # noqa: ANN001
    # (substance, reaction, the words its span covers): never an item without its source
    return [(a.substance, a.reaction, text[a.span[0]:a.span[1]]) for a in rec.allergies]


def _meds(text: str, rec) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return [(m.name, m.status, text[m.span[0]:m.span[1]]) for m in rec.medications]


# ---------------------------------------------- 1. "but"/"however" before a drug that is taken
@pytest.mark.parametrize(("text", "meds"), [
    ("No known allergies, but Coumadin 5 mg daily.",
     [("warfarin", "active", "Coumadin 5 mg daily")]),
    ("No allergies; however, metformin was started.", [("metformin", "new", "metformin")]),
    ("NKDA but recently started lisinopril.", [("lisinopril", "new", "lisinopril")]),
    ("NKDA but currently taking metformin.", [("metformin", "active", "metformin")]),
    ("NKDA but received ceftriaxone.", [("ceftriaxone", "given", "ceftriaxone")]),
    ("NKDA but requires warfarin.", [("warfarin", "active", "warfarin")]),
    ("No allergies; however, she takes aspirin daily.", [("aspirin", "active", "aspirin daily")]),
])
def test_but_however_before_a_taken_drug_is_no_exception(extractor, text, meds) -> None:  # noqa: ANN001
    rec = extractor.extract(text, "r3-1")
    assert _allergies(text, rec) == []
    assert _meds(text, rec) == meds
    assert rec.no_known_allergies is True


def test_none_however_she_takes_is_no_allergen(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES: None; however, she takes aspirin daily.\n"
    rec = extractor.extract(text, "r3-1h")
    assert _allergies(text, rec) == []


@pytest.mark.parametrize(("text", "allergies", "nka"), [
    ("ALLERGIES: NKDA but sulfa causes hives.\n", [("sulfa", "hives", "sulfa causes hives")],
     False),
    ("NKDA, but she is allergic to latex.", [("latex", None, "latex")], False),
    ("No allergies; however, she does get tachycardic with Sudafed.",
     [("pseudoephedrine", "tachycardic", "Sudafed")], False),
])
def test_but_however_before_an_allergen_guard(extractor, text, allergies, nka) -> None:  # noqa: ANN001
    rec = extractor.extract(text, "r3-1g")
    assert _allergies(text, rec) == allergies
    assert _meds(text, rec) == []
    assert rec.no_known_allergies is nka


def test_nkda_but_takes_penicillin_guard(extractor) -> None:  # noqa: ANN001
    text = "NKDA but takes penicillin daily."
    rec = extractor.extract(text, "r3-1g2")
    assert _allergies(text, rec) == []
    assert _meds(text, rec) == [("penicillin", "active", "penicillin daily")]
    assert rec.no_known_allergies is True


# ------------------------------------------- 2. a contrast item ends the list only on tolerance
@pytest.mark.parametrize(("text", "allergies"), [
    ("ALLERGIES: Penicillin; however, sulfa causes hives.\n",
     [("penicillin", None, "Penicillin"), ("sulfa", "hives", "sulfa causes hives")]),
    ("ALLERGIES: Codeine (nausea), but also morphine (itching).\n",
     [("codeine", "nausea", "Codeine (nausea)"), ("morphine", "itching", "morphine (itching)")]),
    ("ALLERGIES: Penicillin - rash, though sulfa - hives.\n",
     [("penicillin", "rash", "Penicillin - rash"), ("sulfa", "hives", "sulfa - hives")]),
])
def test_contrast_item_lists_another_allergen(extractor, text, allergies) -> None:  # noqa: ANN001
    rec = extractor.extract(text, "r3-2")
    assert _allergies(text, rec) == allergies
    assert rec.no_known_allergies is False


def test_contrast_tolerance_ends_the_list_guard(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES: Penicillin (hives), but takes ibuprofen.\n"
    rec = extractor.extract(text, "r3-2g")
    assert _allergies(text, rec) == [("penicillin", "hives", "Penicillin (hives)")]


# ------------------------------------- 3. a lower-case allergy heading under a medication line
def test_lower_case_allergies_colon_under_meds_is_a_header(extractor) -> None:  # noqa: ANN001
    text = "Meds: metformin\nallergies: penicillin"
    rec = extractor.extract(text, "r3-3a")
    assert _allergies(text, rec) == [("penicillin", None, "penicillin")]
    assert _meds(text, rec) == [("metformin", "active", "metformin")]
    assert rec.no_known_allergies is False


def test_lower_case_allergies_dash_none_under_meds_says_nka(extractor) -> None:  # noqa: ANN001
    text = "Home meds: lisinopril\nallergies - none"
    rec = extractor.extract(text, "r3-3b")
    assert _allergies(text, rec) == []
    assert rec.no_known_allergies is True


def test_lower_case_allergy_dash_allergen_under_plan(extractor) -> None:  # noqa: ANN001
    text = "Plan: continue metoprolol\nallergy - sulfa"
    rec = extractor.extract(text, "r3-3c")
    assert _allergies(text, rec) == [("sulfa", None, "sulfa")]
    assert rec.no_known_allergies is False


def test_wrapped_allergy_with_reaction_guard(extractor) -> None:  # noqa: ANN001
    text = "HPI: She has sulfa\nallergy - rash."
    rec = extractor.extract(text, "r3-3g")
    assert _allergies(text, rec) == [("sulfa", "rash", "sulfa\nallergy - rash")]


# ------------------------------------------------------ 4. denied lists that set NKA wrongly
@pytest.mark.parametrize("text", [
    "ROS: No new medications, allergies.",
    "Interval: no new problems, medications, allergies",
    "Interval: no med changes, allergies.",
    "FH: no diabetes, cancer, allergies.",
    "FAMILY HISTORY:\nNo diabetes, cancer, allergies.\n",
])
def test_denied_list_of_new_items_or_family_is_no_nka(extractor, text) -> None:  # noqa: ANN001
    rec = extractor.extract(text, "r3-4")
    assert rec.allergies == []
    assert rec.no_known_allergies is None


def test_denied_history_list_nka_guard(extractor) -> None:  # noqa: ANN001
    rec = extractor.extract("PMH: No hospitalization, surgeries, allergies.", "r3-4g")
    assert rec.allergies == []
    assert rec.no_known_allergies is True


# ------------------------------------------------------- 5. lines under "ALLERGIES: <text>"
@pytest.mark.parametrize(("text", "nka"), [
    ("ALLERGIES: reviewed\nmetformin\nlisinopril", None),
    ("ALLERGIES: See EHR\nAspirin", None),
    ("ALLERGIES: Not on file\nAtorvastatin", None),
])
def test_drug_run_under_a_non_allergen_header_text(extractor, text, nka) -> None:  # noqa: ANN001
    rec = extractor.extract(text, "r3-5a")
    assert _allergies(text, rec) == []
    assert rec.no_known_allergies is nka


@pytest.mark.parametrize("tail", ["\nMedications\nmetoprolol",
                                  "\nCurrent Outpatient Prescriptions\nmetoprolol",
                                  "\nlisinopril 10 mg"])
def test_med_title_or_dose_line_ends_the_allergy_lines(extractor, tail) -> None:  # noqa: ANN001
    text = "ALLERGIES: Penicillin" + tail
    rec = extractor.extract(text, "r3-5b")
    assert _allergies(text, rec) == [("penicillin", None, "Penicillin")]


def test_allergen_run_never_an_active_medication(extractor) -> None:  # noqa: ANN001
    text = ("ALLERGIES: Penicillin.\nMetoprolol\nLisinopril\nAspirin\n\n"
            "MEDICATIONS: aspirin 81 mg daily.")
    rec = extractor.extract(text, "r3-5c")
    allergens = _allergies(text, rec)
    meds = _meds(text, rec)
    assert meds == [("aspirin", "active", "aspirin 81 mg daily")]
    assert ("aspirin", None, "Aspirin") not in allergens
    assert ("penicillin", None, "Penicillin") in allergens
    assert not {a[0] for a in allergens} & {m[0] for m in meds}


def test_allergen_lines_under_an_allergen_guard(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES: Latex.\nCodeine."
    rec = extractor.extract(text, "r3-5g")
    # (review 6 must-fix 1) a bare drug line under an allergen line is no allergen (base
    # reading); a class or non-drug allergen line ("Sulfa.") or one with a reaction goes on
    assert _allergies(text, rec) == [("latex", None, "Latex")]
    text = "ALLERGIES: Latex.\nSulfa.\nCodeine - nausea."
    rec = extractor.extract(text, "r3-5g2")
    assert _allergies(text, rec) == [("latex", None, "Latex"), ("sulfa", None, "Sulfa"),
                                     ("codeine", "nausea", "Codeine - nausea")]


# ------------------------------------------------------------------------------ should-fix
@pytest.mark.parametrize(("text", "allergies"), [
    ("PMH: No allergies, surgeries or hospitalizations except an allergy to sulfa.",
     [("sulfa", None, "sulfa")]),
    ("PMH: No hospitalization, surgeries, allergies except penicillin.",
     [("penicillin", None, "penicillin")]),
])
def test_denied_history_list_with_an_allergy_exception(extractor, text, allergies) -> None:  # noqa: ANN001
    rec = extractor.extract(text, "r3-s1")
    assert _allergies(text, rec) == allergies
    assert _meds(text, rec) == []
    assert rec.no_known_allergies is False


def test_denied_list_exception_of_another_item_guard(extractor) -> None:  # noqa: ANN001
    # the exception is the medication's ("except aspirin daily"), no allergy
    text = "No allergies, medications except aspirin daily."
    rec = extractor.extract(text, "r3-s1g")
    assert _allergies(text, rec) == []
    assert rec.no_known_allergies is True


@pytest.mark.parametrize(("text", "allergies"), [
    ("ALLERGIES: Morphine with codeine.\n",
     [("morphine", None, "Morphine"), ("codeine", None, "codeine")]),
    ("ALLERGIES: Penicillin with amoxicillin (hives).\n",
     [("penicillin", None, "Penicillin"), ("amoxicillin", "hives", "amoxicillin")]),
])
def test_two_drugs_joined_by_with_are_two_allergens(extractor, text, allergies) -> None:  # noqa: ANN001
    rec = extractor.extract(text, "r3-s2")
    assert _allergies(text, rec) == allergies


def test_dictionary_combination_product_guard(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES: Tylenol with codeine.\n"
    rec = extractor.extract(text, "r3-s2g")
    assert _allergies(text, rec) == [("acetaminophen/codeine", None, "Tylenol with codeine")]
