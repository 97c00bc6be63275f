"""Safety review of the eighth allergy round (issue 16): five faults of the allergy8 rules
found on synthetic snippets (main at a82e1be). Each is pinned on a short snippet written for
this test (no real note text); every case here fails on that commit. What it must still do
(the allergy8 forms) stays pinned in test_extract_allergy_classes8.py."""

from __future__ import annotations

from extract_readers import allergies, meds  # same folder


# ----- (1) coordinated allergens: only a noun phrase right before the allergy word
def test_coordination_never_takes_drugs_the_patient_takes(extractor) -> None:  # noqa: ANN001
    text = "She takes Zyrtec and Flonase and dust mite allergy is controlled."
    assert allergies(extractor, text) == [("dust mite", None, "dust mite allergy")]
    assert meds(extractor, text) == {"cetirizine": "active", "fluticasone": "active"}
    text = "Continue aspirin and Plavix and penicillin allergy noted on chart."
    assert allergies(extractor, text) == [("penicillin", None, "penicillin allergy")]
    assert meds(extractor, text) == {"aspirin": "active", "clopidogrel": "active"}
    text = "Patient is on amoxicillin and latex allergy precautions."
    assert allergies(extractor, text) == [("latex", None, "latex allergy")]
    assert meds(extractor, text) == {"amoxicillin": "active"}
    text = "Start Keflex and cephalosporin allergy ruled out."
    assert [a[0] for a in allergies(extractor, text)] == ["cephalosporins"]
    assert meds(extractor, text) == {"cephalexin": "new"}
    # a joined drug the note lists as taken is never an allergen (never both)
    text = "MEDICATIONS: Zyrtec 10 mg daily.\nHe has Zyrtec and penicillin allergy."
    assert allergies(extractor, text) == [("penicillin", None, "penicillin allergy")]
    assert meds(extractor, text) == {"cetirizine": "active"}


def test_coordination_not_across_hedges_or_relatives(extractor) -> None:  # noqa: ANN001
    # the base reading stays (the allergen named before the word); "peanut" is never joined
    # ("Possible peanut and egg allergy." moved: review a8b reads a hedged run as allergies,
    # as "Possible penicillin allergy" is one; see test_extract_allergy_review_a8b.py)
    for text in ("Rule out peanut and egg allergy.",
                 "She was tested for peanut and egg allergy.",
                 "Her kids have peanut and egg allergies."):
        assert "peanut" not in [a[0] for a in allergies(extractor, text)], text


# ----- (2) "<kind> reaction" after an allergen: only a closed list of reaction kinds
def test_allergen_reaction_item_stays_an_allergen(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "ALLERGIES: Penicillin, latex reaction.\n") == [
        ("penicillin", None, "Penicillin"), ("latex reaction", None, "latex reaction")]
    for item in ("iodine reaction", "shellfish reaction", "IV dye reaction", "NSAID reaction",
                 "bee sting reaction", "sulfa allergic reaction"):
        found = allergies(extractor, f"ALLERGIES: Codeine, {item}.\n")
        assert found[0] == ("codeine", None, "Codeine") and len(found) == 2, item
    assert allergies(extractor, "ALLERGIES: Penicillin, tolerated Keflex without reaction.\n") \
        == [("penicillin", None, "Penicillin")]


def test_reaction_kind_item_guard(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "ALLERGIES: Penicillin, anaphylactic reaction.\n") == [
        ("penicillin", "anaphylactic reaction", "Penicillin")]


# ----- (3) "makes/gave/does": a reaction after the verb, one clause each, no benefit
def test_causative_clauses_each_their_own(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES: Codeine makes her nauseated and morphine makes her itch.\n"
    assert allergies(extractor, text) == [("codeine", "nauseated", "Codeine makes her nauseated"),
                                          ("morphine", "itch", "morphine makes her itch")]
    text = "ALLERGIES: Sulfa drugs give him a rash and penicillin gives him hives.\n"
    assert [(a[0], a[1]) for a in allergies(extractor, text)] == [("sulfa", "rash"),
                                                                  ("penicillin", "hives")]


def test_benefit_is_no_allergy(extractor) -> None:  # noqa: ANN001
    rec = extractor.extract("ALLERGIES: NKDA. Tylenol does help her headaches.\n", "t")
    assert rec.allergies == [] and rec.no_known_allergies is True
    assert allergies(extractor, "ALLERGIES: Penicillin. Tylenol makes her feel better.\n") == [
        ("penicillin", None, "Penicillin")]
    assert allergies(extractor, "ALLERGIES: Sulfa. Codeine does better than morphine.\n") == [
        ("sulfa", None, "Sulfa")]
    assert allergies(extractor, "ALLERGIES: Penicillin does nothing for her.\n") == []


# ----- (4) a verb after a comma is no part of the allergy
def test_drug_given_after_an_allergy_stays_given(extractor) -> None:  # noqa: ANN001
    text = "He has a penicillin allergy, gave him azithromycin instead."
    assert allergies(extractor, text) == [("penicillin", None, "penicillin allergy")]
    assert meds(extractor, text) == {"azithromycin": "given"}
    assert meds(extractor, "She has a sulfa allergy, gave her nitrofurantoin.") == {
        "nitrofurantoin": "given"}


# ----- (5) "allergy to be determined" names no allergen
def test_allergy_to_be_determined_is_none(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "She has history of allergy to be determined.") == []
