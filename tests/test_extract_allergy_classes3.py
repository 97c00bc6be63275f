"""Issue 16, third allergy round: error classes found on the third allergy probe set (22 fresh
notes, eval/data/extraction/allergy3/, labelled before the extractor ran). Each class is
pinned on a short synthetic snippet written for this test (no real note text). Cases named
``..._guard`` pin what must not change; the others fail on the code before this round (main
at fd886da)."""

from __future__ import annotations

from assistant.clinical.allergies import find_prose_allergies, parse_allergy_list


def _allergies(rec) -> list[tuple[str, str | None]]:  # noqa: ANN001
    return [(a.substance, a.reaction) for a in rec.allergies]


# ------------------------------------------------------------------ an item of a list
def test_allergy_to_as_an_item_of_a_numbered_history_list(extractor) -> None:  # noqa: ANN001
    """"4)allergy to sulfa drugs" inside a numbered past history: no subject, no sentence
    start before it, so no prose trigger held (0 allergies, no_known_allergies unset)."""
    text = ("HPI: Forgetful for a year.\nMEDS:\nNone.\nPMH:\n1)appendectomy, 2)cholecystectomy, "
            "3)childhood asthma, 4)allergy to sulfa drugs.\nFHX:\nNoncontributory.\n")
    rec = extractor.extract(text, "c1")
    assert _allergies(rec) == [("sulfa", None)]
    assert [text[a.span[0]:a.span[1]] for a in rec.allergies] == ["sulfa drugs"]
    assert rec.no_known_allergies is False


def test_and_allergy_to_at_the_end_of_a_history_list(extractor) -> None:  # noqa: ANN001
    rec = extractor.extract("PAST MEDICAL HISTORY: Hypertension, gout, and allergy to "
                            "penicillin.\nSOCIAL HISTORY: Nonsmoker.\n", "c2")
    assert _allergies(rec) == [("penicillin", None)]


def test_no_allergy_to_in_a_list_guard(extractor) -> None:  # noqa: ANN001
    rec = extractor.extract("PAST MEDICAL HISTORY: Hypertension, gout, no allergy to "
                            "penicillin.\nSOCIAL HISTORY: Nonsmoker.\n", "c3")
    assert rec.allergies == []


def test_allergic_reaction_among_consent_risks_guard(extractor) -> None:  # noqa: ANN001
    """Found on the corpus check of the list-item form: a consent's risk list names no
    allergen (it gave the allergen "the")."""
    rec = extractor.extract("PROCEDURE: Risks included bleeding, infection, perforation, and "
                            "allergic reaction to the medications. Consent obtained.\n", "c8")
    assert rec.allergies == [] and rec.no_known_allergies is None


# ------------------------------------------------------------------ reactions
def test_bracketed_reaction_is_the_last_substance_s_only() -> None:
    """"allergic to codeine and aspirin (angioedema)": the bracket follows aspirin; it was
    given to codeine as well."""
    text = "He is allergic to morphine and aspirin (angioedema). He exercises."
    assert [(a.substance, a.reaction) for a in find_prose_allergies(text)] == [
        ("morphine", None), ("aspirin", "angioedema")]
    assert [(a.substance, a.reaction) for a in parse_allergy_list(
        "Codeine and aspirin (angioedema).")] == [("codeine", None), ("aspirin", "angioedema")]


def test_verb_reaction_is_each_substance_s_guard() -> None:
    assert [(a.substance, a.reaction) for a in parse_allergy_list(
        "Aspirin and lisinopril caused cough.")] == [("aspirin", "cough"),
                                                     ("lisinopril", "cough")]


# ------------------------------------------------------------------ no known allergies
def test_no_allergic_reactions_to_medication_is_no_known_allergies(extractor) -> None:  # noqa: ANN001
    """"She remembers no allergic reactions to medication." says she has no drug allergy
    (no_known_allergies was unset)."""
    rec = extractor.extract("HISTORY: A cold sore for two days. She remembers no allergic "
                            "reactions to medication. She has no fever.\n", "c4")
    assert rec.allergies == [] and rec.no_known_allergies is True


def test_no_allergic_reaction_to_the_contrast_guard(extractor) -> None:  # noqa: ANN001
    rec = extractor.extract("FINDINGS: Contrast was given. There was no allergic reaction to "
                            "the contrast.\n", "c5")
    assert rec.allergies == [] and rec.no_known_allergies is None


# ------------------------------------------------------------------ denials
def test_review_of_systems_denial_with_the_patient_as_subject(extractor) -> None:  # noqa: ANN001
    """"The patient denies rhinitis, asthma, skin sensitivity, latex allergies or
    sensitivity.": the sentence denies its list (it gave the allergen latex)."""
    text = ("REVIEW OF SYSTEMS:\nSKIN: Denies rash.\nALLERGIC/IMMUNOLOGIC: The patient denies "
            "rhinitis, asthma, skin sensitivity, latex allergies or sensitivity.\n"
            "EXAM: Normal.\n")
    rec = extractor.extract(text, "c6")
    assert rec.allergies == [] and rec.no_known_allergies is None


def test_named_allergy_after_the_patient_guard(extractor) -> None:  # noqa: ANN001
    rec = extractor.extract("HPI: Cough. The patient has a latex allergy.\nEXAM: Clear.\n",
                            "c7")
    assert _allergies(rec) == [("latex", None)]
