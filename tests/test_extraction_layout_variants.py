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


@pytest.mark.parametrize(("body", "want"), [
    ("1. Include penicillin.", ["penicillin"]),   # was "include penicillin"
    ("1. Refer to chart.", []),                    # was "refer to chart"
])
def test_numbered_allergy_item_lead_words(extractor, body: str, want: list[str]) -> None:
    text = f"HPI: cough.\nALLERGIES:\n {body}\nSOCIAL HISTORY: Married."
    assert _record(extractor, text)[0] == want


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
    ("Lisinopril., ALLERGIES:, Penicillin", "Lisinopril.\n ALLERGIES:\n Penicillin"),
    ("daily ALLERGIES: none", "daily\nALLERGIES: none"),
    # an unknown capitalised word before a colon stays inline
    ("ratio of 2 MAP: 65, ALLERGIES: none", "ratio of 2 MAP: 65\n ALLERGIES: none"),
    # the longest known title of a capitalised run, broken once before its first word
    ("outlined., ALLERGIES TO MEDICATIONS:, Erythromycin.",
     "outlined.\n ALLERGIES TO MEDICATIONS:\n Erythromycin."),
    # a known tail of an unknown title is no header of its own
    ("Angina PREOPERATIVE DIAGNOSIS: Angina", "Angina PREOPERATIVE DIAGNOSIS: Angina"),
    # an abbreviation's dot before a comma is no sentence end
    ("Reglan 10 mg p.o., 5 mg p.o.  Valium", "Reglan 10 mg p.o., 5 mg p.o.  Valium"),
    # a comma right after a sentence's or a header's end is the replaced line break
    ("aspirin., Family history, social history.", "aspirin.\n Family history, social history."),
    ("ALLERGIES: ,  PENICILLIN., 2.  Sulfa", "ALLERGIES: \n  PENICILLIN.\n 2.  Sulfa"),
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


def test_comma_space_allergy_list_ends_at_its_line(extractor) -> None:
    # the list's line ran on over the next sentence: "family history" read as an allergen
    text = ("HPI:, Rash., MEDICATIONS: ,  Lipitor and Rhinocort., ALLERGIES: ,  Penicillin and "
            "aspirin., Family history, social history, and review of systems are discussed "
            "above., PLAN: ,  Return in 2 weeks.")
    assert _record(extractor, text) == (["penicillin", "aspirin"],
                                        [("atorvastatin", "active"), ("budesonide", "active")],
                                        False)


def test_double_spaced_allergy_list(extractor) -> None:
    # a blank line after every line: the list went on past its first item only
    lines = ["HPI: Knee pain for two weeks.", "She uses ice and heat.", "ALLERGIES", "1.  PENICILLIN.",
             "2.  KEFLEX.", "3.  SULFA.", "MEDICATIONS", "1.  Toprol.", "2.  Xanax.",
             "PLAN: Rest."]
    got = _record(extractor, "\n\n".join(lines))
    assert got[0] == ["penicillin", "cephalexin", "sulfa"]
    assert "penicillin" not in [name for name, _ in got[1]]


def test_procedure_report_titles_without_colons(extractor) -> None:
    # a procedure report's drugs were given in it; its titles written without colons
    text = ("PREOPERATIVE DIAGNOSIS\nPost infarct angina.\nPROCEDURE\nLeft heart "
            "catheterization.\nCOMPLICATIONS\nNone.\nMEDICATIONS\nReglan 10 mg p.o. and "
            "heparin 3,000 units IV push.\n")
    assert _record(extractor, text)[1] == [("metoclopramide", "given"), ("heparin", "given")]


@pytest.mark.parametrize("text", [
    # line breaks given as single spaces, titles without their colons
    ("He has had a dry cough and more words to make a long flattened line of a note. "
     "CURRENT MEDICATIONS Lisinopril 10 mg daily. ALLERGIES Penicillin. REVIEW OF SYSTEMS "
     "Negative for pain. PLAN Rest and more words so that the note reads as one long line."),
    # the same with the line breaks kept
    "HPI: cough.\nCURRENT MEDICATIONS Lisinopril 10 mg daily.\nALLERGIES Penicillin.\nPLAN Rest.",
])
def test_titles_without_colons_inline(extractor, text: str) -> None:
    assert _record(extractor, text) == (["penicillin"], [("lisinopril", "active")], False)


def test_all_capitals_lab_with_words_before_value(extractor) -> None:
    rec = extractor.extract("LABORATORY DATA: POTASSIUM ON A HEEL STICK WAS 6.3, K WAS 4.1.",
                            "labs")
    assert [(lab.name, lab.value) for lab in rec.labs] == [("potassium", 6.3),
                                                          ("potassium", 4.1)]
