"""Issue 16, seventh allergy round: the error classes found on the seventh allergy probe set
(eval/data/extraction/allergy7/, labelled and committed before the extractor ran). Each class
is pinned on a short synthetic snippet written for this test (no real note text). Cases named
``..._guard`` pin what must not change; the others fail on the code before this round (main
at a6c303f)."""

from __future__ import annotations

from extract_readers import allergies, meds  # same folder


# ------------------------------------------------ (1) "A/ B": two allergens joined by a slash
def test_slash_joined_allergens_are_each_an_allergy(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES:\n ASA/ PCN both cause hives.\nPMH:\n Asthma.\n"
    assert allergies(extractor, text) == [("aspirin", "hives", "ASA"),
                                          ("penicillin", "hives", "PCN")]
    text = "ALLERGIES:\n Codeine/morphine - nausea.\n"
    assert allergies(extractor, text) == [("codeine", "nausea", "Codeine"),
                                          ("morphine", "nausea", "morphine")]


def test_slash_two_brands_of_one_drug_is_one_allergy(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "ALLERGIES:\n Bactrim/Septra.\n") == [
        ("sulfamethoxazole/trimethoprim", None, "Bactrim")]


def test_slash_combination_product_stays_one_guard(extractor) -> None:  # noqa: ANN001
    # a combination product's ingredients (drug lexicon / dictionary) are one allergen
    for text, want in (("ALLERGIES:\n Tylenol/codeine.\n", "acetaminophen/codeine"),
                       ("ALLERGIES:\n amoxicillin/clavulanate.\n", "amoxicillin/clavulanic acid"),
                       ("ALLERGIES:\n sulfamethoxazole/trimethoprim.\n",
                        "sulfamethoxazole/trimethoprim"),
                       ("ALLERGIES:\n latex/tape.\n", "latex")):
        assert allergies(extractor, text)[0][0] == want, text


# ------------------------------------- (2) a hedged cause after NKDA in the allergy section
def test_nkda_then_a_hedged_cause_is_an_allergy_not_nka(extractor) -> None:  # noqa: ANN001
    text = ("ALLERGIES:\n NO KNOWN DRUG ALLERGIES.  ATENOLOL MAY HAVE CAUSED WHEEZING.\n"
            "DIET:\n Regular.\n")
    rec = extractor.extract(text, "t")
    assert allergies(extractor, text) == [("atenolol", "wheezing",
                                           "ATENOLOL MAY HAVE CAUSED WHEEZING")]
    assert rec.no_known_allergies is False
    text = "ALLERGIES:\n No known drug allergies.  Lisinopril might have caused a cough.\n"
    assert allergies(extractor, text) == [("lisinopril", "cough",
                                           "Lisinopril might have caused a cough")]
    assert extractor.extract(text, "t").no_known_allergies is False


def test_nkda_then_medication_list_stays_nka_guard(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES:\n NKDA.\nMEDICATIONS:\n Lisinopril 10 mg daily.\n"
    assert allergies(extractor, text) == []
    assert extractor.extract(text, "t").no_known_allergies is True
    assert meds(extractor, text) == {"lisinopril": "active"}


# --------------------------------------------------- (3) "developed (an) intolerance to X"
def test_developed_intolerance_in_prose_with_next_sentence_reaction(extractor) -> None:  # noqa: ANN001
    text = ("HISTORY OF PRESENT ILLNESS:\n He was given a trial of thalidomide.  Later he "
            "developed intolerance to thalidomide.  He complained of severe nausea.  It was "
            "stopped.\n")
    assert allergies(extractor, text) == [("thalidomide", "severe nausea", "thalidomide")]
    # the drug given before the intolerance: never an active or new medication
    assert meds(extractor, text).get("thalidomide") not in (None, "active", "new")


def test_developed_intolerance_to_non_allergen_guard(extractor) -> None:  # noqa: ANN001
    for text in ("HPI: She developed an intolerance to heat.\n",
                 "HPI: The fetus developed intolerance to labor.\n"):
        assert allergies(extractor, text) == [], text


def test_continue_after_allergy_statement_keeps_the_order_guard(extractor) -> None:  # noqa: ANN001
    # review 1: the note orders the drug after the allergy statement; it stays as ordered
    text = "HPI: She is allergic to vancomycin.\nPLAN: Continue vancomycin, infuse slowly.\n"
    assert meds(extractor, text) == {"vancomycin": "active"}


# --------------------------------- (4) "These are listed as allergies": the sentence before
def test_drugs_listed_as_allergies_by_the_next_sentence(extractor) -> None:  # noqa: ANN001
    text = ("HISTORY:\n He failed two seizure drugs.  These include Keppra and Dilantin.  "
            "These are listed as allergies, but he had no true allergic reaction.\n")
    assert allergies(extractor, text) == [("levetiracetam", None, "Keppra"),
                                          ("phenytoin", None, "Dilantin")]
    assert "levetiracetam" not in meds(extractor, text)


def test_drugs_not_listed_as_allergies_guard(extractor) -> None:  # noqa: ANN001
    text = "HPI: She takes Keppra and Dilantin.  These are not listed as allergies.\n"
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == {"levetiracetam": "active", "phenytoin": "active"}


# ------------------------------------------------- (5) Darvon's ingredient as RxNorm names it
def test_darvon_is_propoxyphene(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "ALLERGIES:\n Darvon.\n") == [("propoxyphene", None, "Darvon")]


def test_medication_for_allergies_after_family_history_guard(extractor) -> None:  # noqa: ANN001
    # a relative named earlier does not make "for allergies" a relative's allergy sentence
    text = ("FAMILY HISTORY\n\nPaternal Aunt: Diabetes.\n\nNo family history of kidney "
            "disease.\n\nCURRENT MEDICATIONS\n\nPepcid 40 mg once daily.\nClaritin as needed "
            "for allergies.\n")
    assert meds(extractor, text) == {"famotidine": "active", "loratadine": "active"}
