"""Urinary symptom words ("frequency", "urgency") in a voiding context (split out of
``assistant.clinical.findings``; behaviour unchanged)."""

from __future__ import annotations

import re

from assistant.clinical.findings_base import ExamFinding, _sentence_before
from assistant.clinical.vocabulary import Concept

#: "frequency" and "urgency" alone name urinary symptoms when the sentence is about voiding:
#: "No urological symptoms such as dysuria, frequency, incomplete bladder emptying", "GU:
#: denies dysuria, urgency or frequency".
#: probe21: "urgency incontinence" is urge incontinence (ICD-10-CM N39.41, the vocabulary's
#: row), not urgency plus incontinence.
_URINARY_WORD = re.compile(r"\b(?P<w>frequency|urgency)\b(?!\s+of\s+(?!urination|micturition))"
                           r"(?!\s+(?:urinary\s+)?incontinence)", re.I)
_URINARY_CUE = re.compile(r"\b(?:dysuria|hematuria|nocturia|urinary|urination|urinate|"
                          r"urolog\w*|voiding|void|bladder|incontinence|genitourinary|GU|"
                          r"micturition|hesitancy)\b", re.I)
_URINARY = {"frequency": Concept("urinary frequency", "R35.0"),
            "urgency": Concept("urinary urgency", None, ("HP:0000012",))}


def urinary_findings(text: str) -> list[ExamFinding]:
    """Bare "frequency"/"urgency" in a sentence about voiding -> urinary frequency/urgency
    (status left to the context rules)."""
    out: list[ExamFinding] = []
    for m in _URINARY_WORD.finditer(text):
        before = _sentence_before(text, m.start(), 150)
        after = text[m.end():m.end() + 80].split(".")[0]
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if _URINARY_CUE.search(before) or _URINARY_CUE.search(after) or \
                _URINARY_CUE.match(line.strip()):
            out.append(ExamFinding(_URINARY[m.group("w").lower()], m.start(), m.end(), ""))
    return out
