"""Mental status examination (MSE) findings told as a predicate or with their own noun
(issue 16, probe18): a psychiatric discharge summary's "Affect was restricted", "speech was
pressured", "Thoughts remained tangential", "insight into her illness remained impaired",
"Mood remained anxious", "increasing mood lability" were no problems at all.

The findings are the standard MSE terms (affect, speech, thought process, insight, mood);
codes where a maintained source has the concept: ICD-10-CM R45.86 "Emotional lability" (HPO
HP:0000712), F41.9 anxiety, F32.A depression (the vocabulary's rows), HPO HP:5200265
"Pressured speech"; restricted affect, tangential thinking, impaired insight and impaired
judgment have no ICD-10-CM code of their own and are named by their MSE words.
"""

from __future__ import annotations

import re

from assistant.clinical.findings_base import ExamFinding
from assistant.clinical.vocabulary import Concept

_LABILE = Concept("emotional lability", "R45.86", ("HP:0000712",))
#: (MSE noun, state word) -> the finding it names
_MSE: dict[tuple[str, str], Concept] = {
    ("affect", "restricted"): Concept("restricted affect", None),
    ("affect", "constricted"): Concept("restricted affect", None),
    ("affect", "labile"): _LABILE,
    ("mood", "labile"): _LABILE,
    ("mood", "anxious"): Concept("anxiety", "F41.9"),
    ("mood", "depressed"): Concept("depression", "F32.A"),
    ("speech", "pressured"): Concept("pressured speech", None, ("HP:5200265",)),
    ("thought", "tangential"): Concept("tangential thinking", None),
    ("insight", "impaired"): Concept("impaired insight", None),
    ("insight", "poor"): Concept("impaired insight", None),
    ("insight", "limited"): Concept("impaired insight", None),
    ("judgment", "impaired"): Concept("impaired judgment", None),
    ("judgment", "poor"): Concept("impaired judgment", None),
}
_NOUNS = r"affect|mood|speech|thoughts?|thought\s+process(?:es)?|insight|judge?ment"
_STATES = r"restricted|constricted|labile|anxious|depressed|pressured|tangential|impaired|poor|limited"
#: "Affect was restricted", "insight into her illness remained impaired", "Thoughts remained
#: tangential" (the noun at its clause start, a copula or "remained", at most two words before
#: the state: "remained very tangential")
_PREDICATE = re.compile(
    rf"\b(?P<noun>{_NOUNS})(?:\s+into\s+(?:his|her|their|the)\s+\w+(?:\s+\w+)?)?\s+"
    rf"(?:is|was|were|are|remained|remains|appeared|appears|seemed|seems)\s+"
    rf"(?P<not>not\s+)?(?:(?:very|quite|somewhat|mildly|markedly|still|also)\s+)?"
    rf"(?P<state>{_STATES})\b", re.I)
#: (speed, issue 16) every match of ``_PREDICATE`` / ``_NOMINAL`` holds one of these words (its
#: noun, lower case; "judg" for "judgment" / "judgement"): an ASCII note with none of them has
#: no MSE finding and is not scanned
_NOUN_WORDS = ("affect", "mood", "speech", "thought", "insight", "judg", "emotional")
#: nominal forms: "restricted affect", "pressured speech" (the vocabulary's), "tangential
#: thoughts", "poor insight", "mood lability", "labile mood"; p18fix2 (safety review): on one
#: line, and not a template label's noun ("Gait: impaired Insight: intact", "BP labile\nMood:
#: euthymic": the value belongs to its own label only)
_NOMINAL = re.compile(
    rf"\b(?P<state>{_STATES})[ \t]+(?P<noun>{_NOUNS})\b(?!\s*:)|"
    rf"\b(?P<noun2>mood|affective|emotional)[ \t]+(?P<lab>lability|instability)\b(?!\s*:)",
    re.I)


def _noun(word: str) -> str:
    w = word.lower().split()[0]
    return {"thoughts": "thought", "judgement": "judgment"}.get(w, w)


def mse_findings(text: str) -> list[ExamFinding]:
    """MSE predicates and nominal forms -> findings (status left to the context rules, or
    absent for "was not restricted")."""
    out: list[ExamFinding] = []
    # (Unicode case folding can match a pattern's letter with a character whose lower case is
    # another one: a non-ASCII note is always scanned)
    if text.isascii() and not any(w in text.lower() for w in _NOUN_WORDS):
        return out
    for m in _PREDICATE.finditer(text):
        concept = _MSE.get((_noun(m.group("noun")), m.group("state").lower()))
        if concept is not None:
            out.append(ExamFinding(concept, m.start(), m.end(),
                                   "absent" if m.group("not") else ""))
    for m in _NOMINAL.finditer(text):
        if any(f.start < m.end() and m.start() < f.end for f in out):
            continue
        if m.group("lab"):
            concept: Concept | None = _LABILE
        else:
            concept = _MSE.get((_noun(m.group("noun")), m.group("state").lower()))
        if concept is not None:
            out.append(ExamFinding(concept, m.start(), m.end(), ""))
    return out


def mse_supports(span_text: str, name: str) -> bool:
    """Whether an ``mse_findings`` span ("Affect was restricted") grounds ``name``."""
    return any(f.concept.name == name for f in mse_findings(span_text.strip()))
