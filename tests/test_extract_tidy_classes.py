"""Issue 16 tidy round: a later "resolved" sets a concept's final status, and bronchospasm.

- ``_dedupe_problems`` let "present" beat "historical" whatever the order, so a fever stated
  present on admission and "resolved" in a later sentence stayed present; the guideline
  (eval/data/extraction/real/README.md: "A concept with two statuses in one note gets the
  final/current one") takes the final status. Only the resolved -> historical case changed:
  a present statement after the resolution wins again, and a later negation ("no fever
  today") never erases a present problem stated elsewhere (guards).
- "bronchospasm" was not in the vocabulary ("history of bronchospasm" gave nothing):
  problems.tsv row, ICD-10-CM J98.01 "Acute bronchospasm".
"""

from __future__ import annotations

import pytest

from assistant.clinical.vocabulary import ProblemVocabulary
from assistant.extract.pipeline import Extractor, _dedupe_problems
from assistant.schema import Problem


def _problems(extractor: Extractor, text: str) -> dict[str, str]:
    return {p.text: p.status for p in extractor.extract(text, "t").problems}


# ----------------------------------------------------------------- later "resolved" wins
@pytest.mark.parametrize("text", [
    "He was admitted with a fever. He was given acetaminophen. His fever resolved.",
    "She presented with fever. Blood cultures were drawn. The fever resolved by day 2.",
])
def test_later_resolved_sets_final_status(extractor: Extractor, text: str) -> None:
    assert _problems(extractor, text).get("fever") == "historical"


def test_dedupe_resolved_after_present_unit() -> None:
    found = [Problem(text="fever", status="present", span=(20, 25)),
             Problem(text="fever", status="historical", span=(60, 65))]
    assert [p.status for p in _dedupe_problems(found, {1})] == ["historical"]


# ----------------------------------------------------------------------------- guards
@pytest.mark.parametrize(("text", "status"), [
    # a present statement after the resolution wins again
    ("His fever resolved on day 2. On day 4 he developed a fever again.", "present"),
    # a later negation does not erase an earlier present statement
    ("He was admitted with a fever. Today he has no fever.", "present"),
    # a "history of" (not "resolved") stays below a present statement
    ("He has a history of fever. He now has a fever.", "present"),
])
def test_resolved_guards(extractor: Extractor, text: str, status: str) -> None:
    assert _problems(extractor, text).get("fever") == status


def test_dedupe_without_resolved_keeps_present_unit() -> None:
    found = [Problem(text="fever", status="present", span=(20, 25)),
             Problem(text="fever", status="historical", span=(60, 65))]
    assert [p.status for p in _dedupe_problems(found)] == ["present"]


# ----------------------------------------------------------------------- bronchospasm
def test_bronchospasm_row() -> None:
    concept = ProblemVocabulary().lookup("bronchospasm")
    assert concept is not None and concept.icd10 == "J98.01"


@pytest.mark.parametrize(("text", "status"), [
    ("She developed bronchospasm after extubation.", "present"),
    ("There was no bronchospasm.", "absent"),
])
def test_bronchospasm_in_text(extractor: Extractor, text: str, status: str) -> None:
    assert _problems(extractor, text).get("bronchospasm") == status
