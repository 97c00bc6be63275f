"""Issue 16, second allergy round: error classes found on the second allergy probe set (36
fresh notes, eval/data/extraction/allergy2/, labelled before the extractor ran). Each class is
pinned on a short synthetic snippet written for this test (no real note text). Cases named
``..._guard`` (or in a guard table) pin what must not change; the others fail on the code
before this round (main at e5003d7)."""

from __future__ import annotations

import pytest

from assistant.clinical.allergies import (
    find_prose_allergies,
    parse_allergy_list,
    substance_name,
)
from assistant.clinical.medications import find_medication_mentions


def _list(text: str) -> list[tuple[str, str | None]]:
    return [(a.substance, a.reaction) for a in parse_allergy_list(text)]


def _prose(text: str) -> list[tuple[str, str | None]]:
    return [(a.substance, a.reaction) for a in find_prose_allergies(text)]


def _allergies(rec) -> list[tuple[str, str | None]]:  # noqa: ANN001
    return [(a.substance, a.reaction) for a in rec.allergies]


# ------------------------------------------------------------------ section layout
def test_bare_header_then_blank_line_then_list(extractor) -> None:  # noqa: ANN001
    """ACI-bench notes put a blank line between a bare "ALLERGIES" header and its list: the
    blank line ended the list before it started (0 allergies, no_known_allergies unset)."""
    text = ("CURRENT MEDICATIONS\n\nLisinopril 10 mg daily.\n\nALLERGIES\n\nCeftriaxone.\n"
            "Hydrocodone causes itching.\n\nREVIEW OF SYSTEMS\n\nNegative.\n")
    rec = extractor.extract(text, "a1")
    assert _allergies(rec) == [("ceftriaxone", None), ("hydrocodone", "itching")]
    assert [text[a.span[0]:a.span[1]] for a in rec.allergies] == [
        "Ceftriaxone", "Hydrocodone causes itching"]
    assert rec.no_known_allergies is False
    assert [m.name for m in rec.medications] == ["lisinopril"]


def test_bare_header_blank_line_no_known_allergies_guard(extractor) -> None:  # noqa: ANN001
    rec = extractor.extract("ALLERGIES\n\nNo known allergies.\n\nRESULTS\n\nNormal.\n", "a2")
    assert rec.allergies == [] and rec.no_known_allergies is True


# ------------------------------------------------------------------ denials
def test_denied_named_allergens_in_the_section(extractor) -> None:  # noqa: ANN001
    """A section that only denies named allergens names no allergy and says nothing of the
    rest (it gave "lidocaine or codeine" as an allergen, no_known_allergies False)."""
    text = ("PROCEDURE: Skin biopsy.\nALLERGIES:\n The patient denied any allergy to latex, "
            "lidocaine or morphine.\nPROCEDURE IN DETAIL:\nThe site was cleaned.\n")
    rec = extractor.extract(text, "a3")
    assert rec.allergies == []
    assert rec.no_known_allergies is None


def test_denied_list_body() -> None:
    assert _list("No shrimp, seafood, or dye allergy.") == []


def test_denied_list_body_guard() -> None:
    assert _list("Patient denies an allergy to anesthesia.") == []


# ------------------------------------------------------------------ list forms
def test_reactions_continued_after_commas() -> None:
    """A second reaction after a comma was read as an allergen ("severe rash")."""
    assert _list("Latex resulting in wheezing, hives, pollen resulting in sneezing.") == [
        ("latex", "wheezing, hives"), ("pollen", "sneezing")]


def test_bare_reaction_is_never_an_allergen() -> None:
    assert _list("Codeine, nausea.") == [("codeine", None)]


def test_kinds_after_a_dash() -> None:
    """"venom - bee/wasp resulting in ...": the words after the dash say which venoms."""
    assert _list("Patient admits allergies to venom - bee/wasp resulting in throat swelling.") \
        == [("bee venom", "throat swelling"), ("wasp venom", "throat swelling")]


def test_dash_reaction_guard() -> None:
    assert _list("Sulfa - rash.") == [("sulfa", "rash")]
    assert _list("Penicillin - hives and swelling.") == [("penicillin", "hives and swelling")]


def test_when_it_happened_is_no_part_of_the_reaction() -> None:
    assert _list("PENICILLIN, WHICH CAUSED HIVES WHEN SHE WAS A CHILD.") == [
        ("penicillin", "hives")]
    assert _list("Codeine causes vomiting as a child.") == [("codeine", "vomiting")]


def test_antiseptic_brand_by_ingredient() -> None:
    # RxNorm: Betadine (brand) -> povidone-iodine (ingredient)
    assert substance_name("Betadine") == "povidone-iodine"
    assert _list("Sulfa, Betadine, and IV contrast.") == [
        ("sulfa", None), ("povidone-iodine", None), ("iv contrast", None)]


def test_antiseptic_skin_prep_is_no_medication_guard() -> None:
    # the allergen synonym is not a drug-dictionary row: a skin prep stays no medication
    text = "The abdomen was prepped with Betadine and draped. Cefazolin 1 g IV was given."
    assert [m.name for m in find_medication_mentions(text)] == ["cefazolin"]


# ------------------------------------------------------------------ prose forms
@pytest.mark.parametrize("text, expected", [
    # "allergies including X": a named allergen (FDA food / AAAAI environmental lists)
    ("He does have significant allergies including ragweed.", [("ragweed", None)]),
    ("She has allergies such as cat dander and dust mites.",
     [("cat dander", None), ("dust mites", None)]),
    # the subject left out after "and"
    ("Stress test done with regadenoson as he was unable to exercise, and allergic to "
     "adenosine.", [("adenosine", None)]),
    # an adverb before "allergic"
    ("It is unclear whether she is actually allergic to penicillin.", [("penicillin", None)]),
    # "a reaction to X" (a known drug, class or allergen)
    ("He declined the injection due to a reaction to prednisone that makes him anxious.",
     [("prednisone", None)]),
    # a drug that caused a reaction, beside an allergy word
    ("Morphine caused him to be confused, but it was not an allergic reaction.",
     [("morphine", "confused")]),
])
def test_prose_forms(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _prose(text) == expected


@pytest.mark.parametrize("text", [
    "He had a dramatic and painful reaction to the introduction of the needle.",
    "She has seasonal allergies including hay fever.",
    "Lasix causes him to urinate often.",             # no allergy word: a drug's effect
    "She did not have any reaction to penicillin.",
    "Her mother has allergies including ragweed.",
    "Tetracycline is not related to penicillin and an allergy to it is unusual.",
])
def test_prose_guards(text: str) -> None:
    assert _prose(text) == []


def test_cannot_take_on_the_allergy_line() -> None:
    text = ("ALLERGIES:\n THE PATIENT DOES HAVE ALLERGY TO MEDICATION.  SHE SAID SHE CANNOT "
            "TAKE IBUPROFEN BECAUSE OF PAIN IN HER STOMACH AND NAUSEA.\nSOCIAL HISTORY: None.\n")
    assert _prose(text) == [("ibuprofen", "nausea")]


# ------------------------------------------------------------------ allergens as medications
def test_allergen_named_in_prose_is_no_medication(extractor) -> None:  # noqa: ANN001
    """The drug of an adverse-reaction statement came out as an active medication."""
    text = ("HISTORY OF PRESENT ILLNESS: He did not want a steroid injection due to a reaction "
            "to dexamethasone that causes palpitations. He takes amlodipine 5 mg daily.\n"
            "ALLERGIES:\nDexamethasone causes palpitations.\n")
    rec = extractor.extract(text, "a4")
    assert [m.name for m in rec.medications] == ["amlodipine"]
    assert _allergies(rec) == [("dexamethasone", "palpitations")]


def test_denied_reaction_to_an_allergen_is_no_medication(extractor) -> None:  # noqa: ANN001
    text = ("OPERATIVE NOTE: Her allergies were reviewed. Codeine caused her to be excitable, but "
            "she did not actually have an allergic reaction to codeine. She received cefazolin "
            "1 g IV.\n")
    rec = extractor.extract(text, "a5")
    assert _allergies(rec) == [("codeine", "excitable")]
    assert [m.name for m in rec.medications] == ["cefazolin"]


def test_allergen_on_the_medication_list_stays_guard(extractor) -> None:  # noqa: ANN001
    # the note lists the drug as taken, with a dose: both are reported, as the note says
    text = ("MEDICATIONS:\n1.  Aspirin 81 mg daily.\nALLERGIES:\n Aspirin causes stomach upset.\n")
    rec = extractor.extract(text, "a6")
    assert [m.name for m in rec.medications] == ["aspirin"]
    assert _allergies(rec) == [("aspirin", "stomach upset")]


def test_comma_for_newline_form(extractor) -> None:  # noqa: ANN001
    restored = ("MEDICATIONS:\nMetformin 500 mg daily.\nALLERGIES:\nPatient admits allergies to "
                "venom - bee/wasp resulting in hives, severe rash.\nSOCIAL HISTORY:\nNone.")
    for text in (restored, restored.replace("\n", ",")):
        rec = extractor.extract(text, "a7")
        assert _allergies(rec) == [("bee venom", "hives, severe rash"),
                                   ("wasp venom", "hives, severe rash")]
        assert [m.name for m in rec.medications] == ["metformin"]


# ------------------------------------------------------------------ found on the corpus check
@pytest.mark.parametrize("body, expected", [
    # the speaker before the list, a reaction after "cause(s)" / "has caused"
    ("He states that Imuran caused him to develop tachycardia.",
     [("azathioprine", "tachycardia")]),
    ("HE SAYS THAT VITAMIN D HAS CAUSED HEADACHES.", [("vitamin d", "headaches")]),
    ("Zithromax and amoxicillin cause him to feel itchy.",
     [("azithromycin", "itchy"), ("amoxicillin", "itchy")]),
    # "had some adverse reactions to" leads the list; a hedge word is no part of a name
    ("She had some adverse reactions to penicillin, sulfa, perhaps contrast medium.",
     [("penicillin", None), ("sulfa", None), ("contrast medium", None)]),
    # "X-based products": the substance X
    ("Egg-based products cause hives.", [("egg", "hives")]),
])
def test_list_leads_and_reactions(body: str, expected: list[tuple[str, str | None]]) -> None:
    assert _list(body) == expected


def test_seasonal_allergies_body_guard() -> None:
    assert _list("Patient reports history of seasonal allergies.") == []


def test_denied_body_is_no_known_allergies(extractor) -> None:  # noqa: ANN001
    """"ALLERGIES:  Denied." gave the allergen "denied"."""
    rec = extractor.extract("MEDICATIONS:\n Nystatin.\nALLERGIES: \n Denied.\nPAST SURGICAL "
                            "HISTORY:\n None.\n", "a8")
    assert rec.allergies == [] and rec.no_known_allergies is True


# ------------------------------------------------------------------ found on synthetic checks
@pytest.mark.parametrize("body, expected", [
    # a table: column names, then a reaction column
    ("Drug          Reaction\nPenicillin    Hives\nCodeine       Nausea\n",
     [("penicillin", "hives"), ("codeine", "nausea")]),
    # the reaction written first
    ("Hives with penicillin; rash from sulfa.", [("penicillin", "hives"), ("sulfa", "rash")]),
    # the common abbreviation
    ("Sulfa (rash), PCN (anaphylaxis).", [("sulfa", "rash"), ("penicillin", "anaphylaxis")]),
    # "ALLERGIES: Reviewed." says that they were, not which
    ("Reviewed.", []),
    ("Reviewed and updated.", []),
])
def test_more_list_forms(body: str, expected: list[tuple[str, str | None]]) -> None:
    assert _list(body) == expected


def test_and_joined_reaction_is_no_table_guard() -> None:
    assert _list("Sulfa caused blisters and rash.") == [("sulfa", "blisters and rash")]


@pytest.mark.parametrize("text, expected", [
    # a sentence of its own, without a subject
    ("PAST MEDICAL HISTORY: Asthma. Allergic to sulfa drugs.", [("sulfa", None)]),
    # the reaction in a clause after the comma
    ("She is allergic to sulfa, it gives her hives.", [("sulfa", "hives")]),
    # "and has been ..." ends the statement (not a reaction "prednisone 50 mg")
    ("He is allergic to iodinated contrast and has been premedicated with prednisone 50 mg.",
     [("iodinated contrast", None)]),
])
def test_more_prose_forms(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _prose(text) == expected


def test_sentence_initial_allergic_guard() -> None:
    assert _prose("Allergic rhinitis.  Allergic reactions were discussed.") == []


def test_allergen_taken_with_a_sig_stays_guard(extractor) -> None:  # noqa: ANN001
    text = ("HISTORY OF PRESENT ILLNESS: She takes aspirin daily for her heart.\n"
            "ALLERGIES:\n Aspirin causes stomach upset.\n")
    rec = extractor.extract(text, "a9")
    assert [m.name for m in rec.medications] == ["aspirin"]
