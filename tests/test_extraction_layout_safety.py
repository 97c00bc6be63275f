"""Safety review of the issue 16 layout change: a procedure title that names no procedure, or
a colon-less one, makes no procedure report (home drugs stay active, not "given"); a
colon-less inline title over prose opens no section (the drugs in it stay)."""

from __future__ import annotations

import pytest


def _meds(extractor, text: str) -> list[tuple[str, str]]:
    return [(m.name, m.status) for m in extractor.extract(text, "safety").medications]


@pytest.mark.parametrize("text", [
    # a lone colon-less procedure title is no procedure report
    "CURRENT MEDICATIONS: Warfarin 5 mg daily.\nPLAN: Follow up in clinic.\nPROCEDURES\nNone.",
    # a procedure title whose content says none was done, with its colon
    "CURRENT MEDICATIONS: Warfarin 5 mg daily.\nPLAN: Follow up in clinic.\nPROCEDURE: None.",
    "CURRENT MEDICATIONS: Warfarin 5 mg daily.\nPROCEDURE: N/A\nPLAN: Follow up.",
    "CURRENT MEDICATIONS: Warfarin 5 mg daily.\nPROCEDURE:\nNot done.\nPLAN: Follow up.",
    # a flattened note: ".," is the replaced line break that exposes "PROCEDURE:"
    "Pt here for f/u., MEDICATIONS: Warfarin 5 mg daily., ALLERGIES: NKDA., PROCEDURE: None.",
])
def test_no_procedure_named_keeps_warfarin_active(extractor, text: str) -> None:
    assert _meds(extractor, text) == [("warfarin", "active")]


def test_operations_none_planned_keeps_home_drugs_active(extractor) -> None:
    text = ("MEDICATIONS: Warfarin 5 mg daily, metoprolol 25 mg twice daily.\n"
            "IMPRESSION: Atrial fibrillation.\nOPERATIONS\nNone planned.")
    assert [s for _, s in _meds(extractor, text)] == ["active", "active"]


def test_procedure_named_with_colon_still_gives_drugs(extractor) -> None:
    # the base rule is kept: a procedure report's drugs were given in it
    text = ("PREOPERATIVE DIAGNOSIS: Post infarct angina.\nPROCEDURE: Left heart "
            "catheterization.\nCOMPLICATIONS: None.\nMEDICATIONS: Reglan 10 mg p.o. and "
            "heparin 3,000 units IV push.\n")
    assert _meds(extractor, text) == [("metoclopramide", "given"), ("heparin", "given")]


def test_caps_title_over_prose_opens_no_section(extractor) -> None:
    rec = extractor.extract("ALLERGIES Patient takes aspirin daily without problems.", "s")
    assert [m.name for m in rec.medications] == ["aspirin"]
    assert [a.substance for a in rec.allergies] == []


@pytest.mark.parametrize("text", [
    "ALLERGIES The patient takes aspirin daily without problems.",
    "ALLERGIES She takes aspirin daily without problems.",
])
def test_caps_title_over_sentence_keeps_drug(extractor, text: str) -> None:
    assert [m.name for m in extractor.extract(text, "s").medications] == ["aspirin"]


def test_caps_inline_titles_still_open_sections(extractor) -> None:
    from assistant.clinical.sections import find_sections
    assert [a.substance for a in extractor.extract("ALLERGIES Penicillin.", "s").allergies] \
        == ["penicillin"]
    names = [s.name for s in find_sections("REVIEW OF SYSTEMS Negative for chest pain.")]
    assert names == ["ros"]
