"""Palpable organs: "liver not palpable", "no hepatosplenomegaly" (split out of
``assistant.clinical.findings``; behaviour unchanged)."""

from __future__ import annotations

import re

from assistant.clinical.findings_base import ExamFinding
from assistant.clinical.vocabulary import Concept
from assistant.fold_re import folded

#: An organ felt on examination that normally is not (or not below the costal margin): the
#: enlargement finding. "The liver edge is palpable 4 cm below the costal margin", "spleen
#: tip palpable" -> hepatomegaly / splenomegaly; "no cervical or axillary nodes palpable",
#: "nonpalpable lymph nodes" -> lymphadenopathy absent; "palpable nodes" present.
_ORGANS = {"liver": Concept("hepatomegaly", "R16.0"), "spleen": Concept("splenomegaly", "R16.1"),
           "node": Concept("lymphadenopathy", "R59.9")}
_PALPABLE = re.compile(
    r"\b(?P<neg1>no\s+(?:[a-z]+\s+(?:or\s+|and\s+|,\s*)?){0,4})?"
    r"(?P<organ>liver|spleen|(?:lymph\s+)?nodes?)(?:\s+(?:edge|tip))?\s+(?:is\s+|are\s+|was\s+|"
    r"were\s+)?(?:(?:also|easily|barely|just|readily)\s+)?(?P<neg2>not\s+|non-?)?palpable\b(?P<measure>\s+\d+(?:\.\d+)?\s*(?:cm|"
    r"fingerbreadths?|finger\s*breadths?))?|"
    r"\b(?P<neg3>non-?|no\s+)?palpable\s+(?:(?:cervical|axillary|inguinal|supraclavicular|"
    r"submandibular)\s+)?(?P<organ2>(?:lymph\s+)?nodes?|lymphadenopathy|liver|spleen)\b", re.I)


#: The examiner's verb, negated: "The thyroid is not palpated", "No nodes were palpated in
#: the neck", "I did not palpate the liver", "could not feel the spleen" -> the enlargement
#: absent (issue 16 problem probe). Only the negated verb: "the liver was palpated" says nothing.
_ORGANS_VERB = {**_ORGANS, "thyroid": Concept("goiter", "E04.9")}
_NOT_PALPATED = folded(re.compile(
    r"\b(?:(?P<neg1>no)\s+(?:(?:cervical|axillary|inguinal|supraclavicular|submandibular|"
    r"lymph)\s+)?(?P<organ>nodes?)\s+(?:is|are|was|were)\s+|"
    r"(?:the\s+)?(?P<organ2>liver|spleen|thyroid)(?:\s+(?:gland|edge|tip))?\s+(?:is|was)\s+"
    r"(?P<neg2>not|non-?)\s*)(?:palpated|felt|palpable)\b|"
    r"\b(?:did|could|do|can)\s*(?:not|n't)\s+(?:palpate|feel)\s+(?:the\s+|a\s+|an\s+|any\s+)?"
    r"(?:(?:cervical|axillary|inguinal|lymph)\s+)?(?P<organ3>liver|spleen|thyroid|nodes?)\b", re.I))


def palpable_findings(text: str) -> list[ExamFinding]:
    """Organs felt on examination -> their enlargement finding, with the status the words
    carry (a liver edge counts only with a measure below the margin, or negated)."""
    out: list[ExamFinding] = []
    for m in _NOT_PALPATED.finditer(text):
        organ = (m.group("organ") or m.group("organ2") or m.group("organ3")).lower()
        organ = "node" if organ.startswith("node") else organ
        out.append(ExamFinding(_ORGANS_VERB[organ], m.start(), m.end(), "absent"))
    taken = [(f.start, f.end) for f in out]
    for m in _PALPABLE.finditer(text):
        organ = (m.group("organ") or m.group("organ2")).lower().split()[-1].rstrip("s")
        organ = "node" if organ in ("node", "lymphadenopathy") else organ
        neg = bool(m.group("neg1") or m.group("neg2") or m.group("neg3"))
        if organ == "liver" and not neg and m.group("organ") and not m.group("measure"):
            continue  # "liver edge palpable at the costal margin": not an enlargement
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue  # already read as "is not palpable" above
        out.append(ExamFinding(_ORGANS[organ], m.start(), m.end(), "absent" if neg else ""))
    return out


def palpable_supports(span_text: str, name: str) -> bool:
    """Whether a ``palpable_findings`` span grounds ``name``."""
    return any(f.concept.name == name for f in palpable_findings(span_text.strip()))
