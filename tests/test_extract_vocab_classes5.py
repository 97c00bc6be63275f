"""Issue 16, NegEx vocabulary round 5: vocabulary classes among the NegEx tuning-split misses,
each pinned on a short synthetic snippet written for this test (no report text): a site's
discomfort read as that site's pain, and ICD-10-CM rows with their report and lay surface
forms (D75.839 thrombocytosis in lab words, Z95.2 prosthetic heart valve in echo wording,
R19.4 change in bowel habit, E87.70 fluid overload). Each positive gave no problem before
this round; the near misses must stay unread."""

from __future__ import annotations

import pytest

from assistant.clinical.vocabulary import get_vocabulary, validate_curated_codes
from assistant.extract.pipeline import Extractor


def _problems(extractor: Extractor, text: str) -> dict[str, tuple[str, str]]:
    rec = extractor.extract(text, "t")
    return {p.text: (p.status, text[p.span[0]:p.span[1]]) for p in rec.problems}


@pytest.mark.parametrize("text, expected", [
    # a site's discomfort is the site's pain (ICD-10-CM Index: Discomfort, chest R07.89)
    ("He reports mild periumbilical discomfort.",
     {"periumbilical pain": ("present", "periumbilical discomfort")}),
    ("Chest discomfort radiating to the left arm.",
     {"chest pain": ("present", "Chest discomfort")}),
    # near miss: a bare "discomfort" names no site
    ("She denies any discomfort.", {}),
])
def test_site_discomfort_is_site_pain(extractor: Extractor, text: str, expected: dict) -> None:
    assert _problems(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Labs showed an elevated platelet count.",
     {"thrombocytosis": ("present", "elevated platelet count")}),
    ("Echo: a bioprosthetic valve is in the mitral position.",
     {"prosthetic heart valve": ("present", "bioprosthetic valve")}),
    ("Mitral valve prosthesis is well seated.",
     {"prosthetic heart valve": ("present", "Mitral valve prosthesis")}),
    ("She denies change in bowel or bladder habits.",
     {"change in bowel habit": ("absent", "change in bowel or bladder habits")}),
    ("Findings consistent with right ventricular volume overload.",
     {"fluid overload": ("present", "volume overload")}),
    ("He appears volume overloaded on exam.",
     {"fluid overload": ("present", "volume overloaded")}),
    # near misses: a native valve, a bare platelet number (bare numbers are not problems)
    ("The aortic valve is trileaflet.", {}),
    ("Platelets 184,000.", {}),
])
def test_round5_icd_rows(extractor: Extractor, text: str, expected: dict) -> None:
    assert _problems(extractor, text) == expected


def test_round5_codes() -> None:
    vocab = get_vocabulary()
    assert vocab.lookup("bioprosthesis").icd10 == "Z95.2"
    assert vocab.lookup("elevated platelets").icd10 == "D75.839"
    assert vocab.lookup("changes in bowel habits").icd10 == "R19.4"
    assert vocab.lookup("volume overload").icd10 == "E87.70"
    assert vocab.lookup("epigastric discomfort") == vocab.lookup("epigastric pain")
    assert vocab.lookup("discomfort") is None
    assert validate_curated_codes() == []


@pytest.mark.parametrize("text, expected", [
    ("There is a nodular opacity over the left lung base.",
     {"lung opacity": ("present", "nodular opacity")}),
    ("Ground-glass opacities in the right upper lobe.",
     {"lung opacity": ("present", "Ground-glass opacities")}),
    ("Lungs show no airspace opacities.", {"lung opacity": ("absent", "airspace opacities")}),
    # near miss: an opacity with no lung or pattern qualifier (the lens's) is not read
    ("There is a lens opacity.", {}),
])
def test_lung_opacity_wording(extractor: Extractor, text: str, expected: dict) -> None:
    assert _problems(extractor, text) == expected
