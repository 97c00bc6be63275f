"""A typographic apostrophe (U+2019, what word processors write) reads like the straight one.

MTSamples writes "Down’s syndrome", "Bell’s palsy" in 5 notes (found by the vocab16 miner):
the vocabulary tokenised "Down’s" as "Down" + "s" and grounding could not read the span back,
so these eponymous diagnoses were lost while "Down's syndrome" was read. Expected values are
the straight-apostrophe readings, pinned by hand; the span holds the words as written.
"""

from __future__ import annotations

import pytest


def _read(extractor, text: str) -> dict[str, tuple[str, str]]:  # noqa: ANN001
    """Problem text -> (status, the words of its source span)."""
    return {p.text: (p.status, text[p.span[0]:p.span[1]])
            for p in extractor.extract(text, "t").problems}


@pytest.mark.parametrize(("text", "expected"), [
    ("DIAGNOSIS:  Down’s syndrome.", {"down syndrome": ("present", "Down’s syndrome")}),
    ("ASSESSMENT:  Bell’s palsy, left.", {"bell's palsy": ("present", "Bell’s palsy")}),
    ("He has Crohn’s disease and Parkinson’s disease.",
     {"crohn disease": ("present", "Crohn’s disease"),
      "parkinson disease": ("present", "Parkinson’s disease")}),
    # near misses: the status rules read the curly form as the straight one
    ("No Crohn’s disease.", {"crohn disease": ("absent", "Crohn’s disease")}),
    ("Mother has Alzheimer’s disease.",
     {"alzheimer's disease": ("family", "Alzheimer’s disease")}),
])
def test_curly_apostrophe_reads_like_straight(extractor, text: str,  # noqa: ANN001
                                              expected: dict[str, tuple[str, str]]) -> None:
    assert _read(extractor, text) == expected
    assert _read(extractor, text.replace("’", "'")) == {
        k: (st, sp.replace("’", "'")) for k, (st, sp) in expected.items()}


def test_patient_possessive_is_no_problem(extractor) -> None:  # noqa: ANN001
    # the possessive of a person word names nothing (same as "The patient's")
    got = _read(extractor, "The patient’s knee is fine.")
    assert got == _read(extractor, "The patient's knee is fine.")
