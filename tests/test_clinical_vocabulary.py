"""Problem vocabulary: curated abbreviations, ICD-10-CM codes, longest match."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.clinical.vocabulary import ProblemVocabulary, get_vocabulary, validate_curated_codes


@pytest.fixture(scope="module")
def vocab(tmp_path_factory: pytest.TempPathFactory) -> ProblemVocabulary:
    # one cache dir for the whole session (the ICD lexicon is built once, ~7 s)
    return get_vocabulary(str(Path(tmp_path_factory.getbasetemp()) / "clinassist-cache"))


def test_curated_codes_are_valid_icd10cm() -> None:
    assert validate_curated_codes() == []


def test_abbreviations_and_codes(vocab: ProblemVocabulary) -> None:
    text = "PMH: HTN, DM2, CKD stage 3, AFib; c/o SOB. Hx of MI."
    got = [(m.concept.name, m.concept.icd10, text[m.start:m.end]) for m in vocab.find(text)]
    assert got == [
        ("hypertension", "I10", "HTN"), ("type 2 diabetes mellitus", "E11.9", "DM2"),
        ("chronic kidney disease", "N18.9", "CKD stage 3"),
        ("atrial fibrillation", "I48.91", "AFib"), ("shortness of breath", "R06.02", "SOB"),
        ("myocardial infarction", "I21.9", "MI"),
    ]


def test_abbreviations_are_case_sensitive(vocab: ProblemVocabulary) -> None:
    assert [m.concept.name for m in vocab.find("mi casa, sob story, as af")] == []


def test_icd_descriptions_are_matched(vocab: ProblemVocabulary) -> None:
    names = {m.concept.name: m.concept.icd10 for m in vocab.find("Known sarcoidosis and gout.")}
    assert names["sarcoidosis"].startswith("D86")
    assert names["gout"] == "M10.9"


def test_lookup_canonicalises(vocab: ProblemVocabulary) -> None:
    assert vocab.lookup("HTN").name == "hypertension"
    assert vocab.lookup("Atrial Fibrillation").icd10 == "I48.91"
    assert vocab.lookup("not a disease") is None
