"""Issue 16, eighth allergy round: the error classes found on the eighth allergy probe set
(eval/data/extraction/allergy8/, labelled and committed before the extractor ran). Each class
is pinned on a short synthetic snippet written for this test (no real note text). Cases named
``..._guard`` pin what must not change; the others fail on the code before this round (main
at 9445fc6)."""

from __future__ import annotations

from extract_readers import allergies, meds  # same folder


# --------------------- (1) allergens coordinated before one allergy word each an allergy
def test_coordinated_allergens_before_allergies_are_each_one(extractor) -> None:  # noqa: ANN001
    text = "She has known peanut and tree nut allergies, and carries an EpiPen."
    assert allergies(extractor, text) == [("peanut", None, "peanut"),
                                          ("tree nut", None, "tree nut allergies")]
    text = "He reports latex, egg, or soy allergy."
    assert allergies(extractor, text) == [("latex", None, "latex"), ("egg", None, "egg"),
                                          ("soy", None, "soy allergy")]


def test_coordinated_allergens_denied_or_a_relatives_guard(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "She denies peanut or tree nut allergies.") == []
    assert allergies(extractor, "Her brother has peanut and tree nut allergies.") == []
    # a condition before "and" is no allergen
    assert allergies(extractor, "History of hypertension, GERD and penicillin allergy.") == [
        ("penicillin", None, "penicillin allergy")]


# ---------------- (2) a reaction clause with a causative verb is split from the substance
def test_causative_reaction_clause_is_the_reaction(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "ALLERGIES: Morphine makes her itch.\n") == [
        ("morphine", "itch", "Morphine makes her itch")]
    assert allergies(extractor, "ALLERGIES: Codeine gave him nausea.\n") == [
        ("codeine", "nausea", "Codeine gave him nausea")]
    # a dictated "X does <reaction>"
    assert allergies(extractor, "ALLERGIES: Metformin does diarrhea.\n") == [
        ("metformin", "diarrhea", "Metformin does diarrhea")]


def test_causative_reaction_allergen_is_no_medication_guard(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES: Morphine makes her itch.\nMEDICATIONS: Tylenol 500 mg daily.\n"
    assert meds(extractor, text) == {"acetaminophen": "active"}


def test_does_not_is_no_reaction_guard(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES: Penicillin.  Ibuprofen does not cause problems.\n"
    assert allergies(extractor, text) == [("penicillin", None, "Penicillin")]


def test_article_after_the_person_is_no_part_of_the_reaction(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "Sulfa allergy gives her a rash.") == [
        ("sulfa", "rash", "Sulfa allergy gives her a rash")]


# ----------------- (3) a named allergy with its insect and the reaction its verb tells
def test_named_sting_allergy_keeps_its_insect_and_reaction(extractor) -> None:  # noqa: ANN001
    text = "She notes a bee sting allergy causes throat swelling."
    assert allergies(extractor, text) == [
        ("bee sting", "throat swelling", "bee sting allergy causes throat swelling")]


# ------------- (4) prose: a hedge, a severity word or "history of" before the allergy words
def test_hedged_or_qualified_prose_allergy(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "He is probably allergic to iodine.") == [
        ("iodine", None, "iodine")]
    assert allergies(extractor, "She has severe allergy to penicillin and wasp stings.") == [
        ("penicillin", None, "penicillin"), ("wasp stings", None, "wasp stings")]
    assert allergies(extractor, "ALLERGIES:\nHe has known history of allergy to clonidine.\n"
                                "LABS: pending") == [("clonidine", None, "clonidine")]


def test_denied_history_of_allergy_guard(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "He has no history of allergy to penicillin.") == []


# ----------------- (5) "Seasonal environmental allergies" under the header: a condition
def test_seasonal_environmental_allergies_name_no_allergen(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES\nSeasonal environmental allergies.\nPLAN\nRest and fluids.\n"
    assert allergies(extractor, text) == []
    assert extractor.extract(text, "t").no_known_allergies is None


# ---------------------------------------- (6) a drug's salt word is no part of the allergen
def test_salt_word_is_dropped_from_the_allergen(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "ALLERGIES: Montelukast sodium (rash).\n") == [
        ("montelukast", "rash", "Montelukast sodium (rash)")]


def test_salt_name_the_dictionary_knows_guard(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "ALLERGIES: Diclofenac potassium (hives).\n") == [
        ("diclofenac", "hives", "Diclofenac potassium (hives)")]


# ------------- (7) "<allergen>, <kind> reaction": the item after it is its reaction
def test_kind_of_reaction_item_is_the_reaction_before(extractor) -> None:  # noqa: ANN001
    text = 'ALLERGIES:\nMontelukast sodium, "seizure-like" reaction.\nRESULTS\nNormal.\n'
    assert allergies(extractor, text) == [
        ("montelukast", "seizure-like reaction", "Montelukast sodium")]


def test_unknown_reaction_item_stays_none_guard(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "ALLERGIES: codeine, unknown reaction.\n") == [
        ("codeine", None, "codeine")]


# ------------- (8) a colon-less capitalised header in the comma-for-line-break form
def test_colonless_header_with_blank_line_comma(extractor) -> None:  # noqa: ANN001
    text = ("MEDICATIONS,,Lisinopril 10 mg daily.,,ALLERGIES,,Sulfa, causes rash.,,"
            "PLAN,,Rest and fluids.")
    assert allergies(extractor, text) == [("sulfa", "rash", "Sulfa, causes rash")]
    assert extractor.extract(text, "t").no_known_allergies is False
