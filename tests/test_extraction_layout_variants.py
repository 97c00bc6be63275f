"""Layout variants of one note give the same record (issue 16, metamorphic test:
eval/extraction_metamorphic.py). Each case is a fragility class the test found on the dev and
probe notes: the plain form of every snippet already gave the pinned items."""

from __future__ import annotations

import pytest

from assistant.clinical.sections import normalise_layout, restore_inline_headers


def _record(extractor, text: str):
    rec = extractor.extract(text, "layout")
    return ([a.substance for a in rec.allergies], [(m.name, m.status) for m in rec.medications],
            rec.no_known_allergies)


def test_crlf_caps_header_alone_on_its_line(extractor) -> None:
    # "ALLERGIES\r\n": the header rule's line end stopped at \n, so the allergens were drugs
    text = ("HPI: knee pain.\r\nALLERGIES\r\n1.  PENICILLIN.\r\n2.  KEFLEX.\r\n"
            "MEDICATIONS\r\n1.  Toprol.\r\n")
    assert _record(extractor, text) == (["penicillin", "cephalexin"],
                                        [("metoprolol succinate", "active")], False)


def test_normalise_layout_is_one_character_for_one() -> None:
    assert normalise_layout("A\r\nB\rC") == "A \nB\nC"
    assert normalise_layout("plain\ntext") == "plain\ntext"


def test_numbered_no_known_allergies_is_no_allergen(extractor) -> None:
    text = "HPI: cough.\nALLERGIES:\n  1. No known drug allergies.\nDIET: Formula."
    assert _record(extractor, text) == ([], [], True)


def test_comma_for_newline_with_space_headers(extractor) -> None:
    # the comma-for-line-break form with a space after each comma: the allergy header ran
    # on inside the medication list and penicillin was read as a drug the patient takes
    text = ("HPI:, Cough., MEDICATIONS:, Lisinopril 10 mg daily., ALLERGIES:, Penicillin., "
            "PLAN:, Follow up.")
    assert _record(extractor, text) == (["penicillin"], [("lisinopril", "active")], False)


def test_line_breaks_as_spaces_headers(extractor) -> None:
    text = "HPI: Cough MEDICATIONS: Lisinopril 10 mg daily ALLERGIES: Penicillin PLAN: Follow up"
    assert _record(extractor, text) == (["penicillin"], [("lisinopril", "active")], False)


@pytest.mark.parametrize(("text", "want"), [
    ("Lisinopril., ALLERGIES:, Penicillin", "Lisinopril.\n ALLERGIES:, Penicillin"),
    ("daily ALLERGIES: none", "daily\nALLERGIES: none"),
    # an unknown capitalised word before a colon stays inline
    ("ratio of 2 MAP: 65, ALLERGIES: none", "ratio of 2 MAP: 65\n ALLERGIES: none"),
    # the longest known title of a capitalised run, broken once before its first word
    ("outlined., ALLERGIES TO MEDICATIONS:, Erythromycin.",
     "outlined.\n ALLERGIES TO MEDICATIONS:, Erythromycin."),
    ("ASPIRIN DAILY CURRENT MEDICATIONS: NONE", "ASPIRIN DAILY\nCURRENT MEDICATIONS: NONE"),
    # a note with its own line breaks is left as it is
    ("Lisinopril.\nALLERGIES: none, PLAN: rest", "Lisinopril.\nALLERGIES: none, PLAN: rest"),
])
def test_restore_inline_headers(text: str, want: str) -> None:
    assert restore_inline_headers(text) == want
    assert len(restore_inline_headers(text)) == len(text)


def test_double_spaced_reaction_stays_with_its_allergen(extractor) -> None:
    text = ("HPI:  Hand  pain.\nALLERGIES:\n  Patient  admits  allergies  to  aspirin  "
            "resulting  in  GI  upset.\nPLAN:  Rest.")
    rec = extractor.extract(text, "double")
    assert [(a.substance, a.reaction) for a in rec.allergies] == [("aspirin", "gi  upset")]  # as written


def test_double_spaced_header_title(extractor) -> None:
    text = "HPI: Cough.\nALLERGIES  TO  MEDICATIONS:\n  Erythromycin.\nREVIEW OF SYSTEMS: ok"
    assert _record(extractor, text) == (["erythromycin"], [], False)


def test_all_capitals_lab_with_words_before_value(extractor) -> None:
    rec = extractor.extract("LABORATORY DATA: POTASSIUM ON A HEEL STICK WAS 6.3, K WAS 4.1.",
                            "labs")
    assert [(lab.name, lab.value) for lab in rec.labs] == [("potassium", 6.3),
                                                          ("potassium", 4.1)]
