"""Issue 16 (a8c): an allergy-list item "<allergen> makes/gave her <object>" whose object is
outside the reaction words lost the allergy altogether (main at 7ad9ca5). Each snippet was
written for this test (no real note text); expected values pinned by hand; the cases marked
FAILS fail on 7ad9ca5. The benefit words, the "but she takes it" rule and prose outside an
allergy section are guarded as they were."""

from __future__ import annotations

from extract_readers import allergies, meds  # same folder


def _nka(extractor, text: str) -> bool | None:  # noqa: ANN001
    return extractor.extract(text, "t").no_known_allergies


# ----- a known allergen, a causative verb, an object outside the reaction vocabulary
def test_causative_object_outside_the_vocabulary_keeps_the_allergy(extractor) -> None:  # noqa: ANN001
    # FAILS: no allergy at all (NKA unset)
    text = "ALLERGIES: Shellfish makes her throat swell."
    assert allergies(extractor, text) == [("shellfish", "throat swell",
                                           "Shellfish makes her throat swell")]
    assert _nka(extractor, text) is False
    # FAILS: no allergy at all (the class name as the file's class handling gives it)
    text = "ALLERGIES: Statins gave her muscle aches."
    assert allergies(extractor, text) == [("statins", "muscle aches",
                                           "Statins gave her muscle aches")]
    # FAILS: no allergy at all
    text = "ALLERGIES: Ibuprofen makes her stomach hurt."
    assert allergies(extractor, text) == [("ibuprofen", "stomach hurt",
                                           "Ibuprofen makes her stomach hurt")]
    assert meds(extractor, text) == {}


def test_causative_object_ends_at_a_conjunction(extractor) -> None:  # noqa: ANN001
    # FAILS: morphine was lost (only codeine read)
    text = "ALLERGIES: Morphine makes her stomach hurt; codeine causes hives."
    assert allergies(extractor, text) == [
        ("morphine", "stomach hurt", "Morphine makes her stomach hurt"),
        ("codeine", "hives", "codeine causes hives")]
    # FAILS: "her tongue swell" was the allergen, shellfish lost
    text = "ALLERGIES: Shellfish makes her lips tingle and her tongue swell."
    assert allergies(extractor, text) == [("shellfish", "lips tingle",
                                           "Shellfish makes her lips tingle")]


# ----- guards: as before
def test_benefit_words_and_taken_drug_stay_no_allergy(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES: NKDA. Tylenol does help her headaches."
    assert allergies(extractor, text) == []
    assert _nka(extractor, text) is True
    assert allergies(extractor, "ALLERGIES: Tylenol makes her feel better.") == []
    text = "ALLERGIES: Aspirin makes her stomach upset but she takes 81 mg daily."
    assert allergies(extractor, text) == []
    assert _nka(extractor, text) is None


def test_known_reaction_words_and_prose_unchanged(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES: Codeine makes her nauseated and morphine makes her itch."
    assert allergies(extractor, text) == [("codeine", "nauseated", "Codeine makes her nauseated"),
                                          ("morphine", "itch", "morphine makes her itch")]
    text = "Codeine makes her nauseated and morphine makes her itch"
    # (toldfix, lead decision) nausea and itch are no hypersensitivity and no avoidance cue is
    # told: no allergy, both drugs active (the pin before h-allergy, restored)
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == {"codeine": "active", "morphine": "active"}
    # prose outside an allergy section is no allergy list
    text = "HPI: Ibuprofen makes her stomach hurt."
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == {"ibuprofen": "active"}
