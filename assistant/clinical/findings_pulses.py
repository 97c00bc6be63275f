"""Pulses graded or felt below normal -> diminished pulses, present (issue 16).

The peripheral pulse amplitude scale (Bates' Guide to Physical Examination; StatPearls
"Physiology, Pulse"): 0 absent, 1+ diminished (barely palpable), 2+ normal (expected), 3+
full/increased, 4+ bounding; written "1+", "+1", "1/4", "0/4", and "trace" for a barely
palpable pulse. A pulse graded 0 or 1+ ("1+ dorsalis pedis pulses", "Pulses are 1+ in the
lower extremities", "DP 1+ bilaterally", "femoral pulses 0/4"), or stated nonpalpable
("Pedal pulses are nonpalpable", "nonpalpable dorsalis pedis pulses", "pulses not palpable",
"no palpable pedal pulses" (a site named), "unable to palpate pedal pulses"), is a diminished pulse, present:
the grade is a measurement, not a negation's target ("no edema, 1+ pedal pulses").

The "reduced" wordings ("absent femoral pulses", "diminished pedal pulses", "weak ulnar
pulse") are ``findings_deficit``'s. Not read: 2+ and above ("pulses 2+"), a grade of another
finding ("reflexes 1+", "1+ pedal edema"), a rate ("pulse 110"), pulse oximetry ("pulse ox
98%"), a range reaching normal ("1-2+"), nor a grade said of an earlier exam ("pulses were
1+ on admission").
"""

from __future__ import annotations

import re

from assistant.clinical.findings_base import ExamFinding
from assistant.clinical.vocabulary import Concept

DIMINISHED_PULSES = Concept("diminished pulses", None)

#: Arteries a pulse is named by (without "pulse" after them only these; "pedal" / "distal"
#: need "pulse": "1+ pedal edema" is an edema)
_ARTERY = (r"(?:dorsalis\s+pedis|DPs?|PTs?|posterior\s+tibials?|tibialis\s+posterior|radials?|"
           r"femorals?|popliteals?|ulnars?|brachials?|carotids?)")
_PLACE = r"(?:(?:bilateral|right|left|peripheral|distal|pedal|foot|pedis|lower\s+extremity)\s+)"
#: 0, 1+, +1, 0/4, 1/4, trace; not part of a range reaching 2+ ("1-2+", "1+ to 2+") or of
#: a larger number ("11+", "1.5+")
_LOW = (r"(?:(?<![\d.+/-])(?:1\s*\+|\+\s*1(?![\d.])|[01]\s*/\s*4\b)(?!\s*(?:-|to)\s*[2-4])|"
        r"\btrace\b)")
_PULSES = r"pulses?\b"
_GRADED = re.compile(
    # "1+ dorsalis pedis pulses", "trace pedal pulses", "1+ radial"
    rf"{_LOW}\s*(?:{_PLACE}{{0,2}}{_PULSES}|{_ARTERY}\b(?:\s+{_PULSES})?)|"
    # "Dorsalis pedis pulses 1+", "Pulses are 1+", "DP 1+", "femoral pulses 0/4", "pulses:
    # trace"
    rf"\b(?:{_PLACE}{{0,2}}(?:{_ARTERY}\s+)?{_PULSES}|{_ARTERY}\b)\s*(?::\s*)?"
    rf"(?:(?:are|is|were|was)\s+)?(?:(?:only|about|approximately)\s+)?{_LOW}", re.I)
_NONPALPABLE = re.compile(
    rf"\b(?:non-?palpable|impalpable)\s+{_PLACE}{{0,2}}(?:{_ARTERY}\s+)?{_PULSES}|"
    rf"\b(?:{_ARTERY}\s+)?{_PULSES}\s*(?:(?:are|is|were|was)\s+)?(?:(?:still|also)\s+)?"
    r"(?:non-?palpable|impalpable|not\s+(?:palpable|palpated|felt))\b|"
    # a peripheral site named: "No palpable pulses" under an abdominal exam is no pulsatile
    # mass felt (MTSamples 4130), not the limb pulses
    rf"\bno\s+palpable\s+(?:{_PLACE}{{1,2}}(?:{_ARTERY}\s+)?|{_ARTERY}\s+){_PULSES}|"
    rf"\b(?:unable\s+to|could\s+not|cannot|can\s*not|couldn't)\s+(?:palpate|feel)\s+(?:the\s+|any\s+)?"
    rf"{_PLACE}{{0,2}}(?:{_ARTERY}\s+)?{_PULSES}", re.I)
#: an earlier exam ("were 1+ on admission"), the findings_normal past-grade words
_PAST = re.compile(r"\b(?:previously|formerly|initially|earlier|prior|on\s+admission|"
                   r"at\s+admission|last\s+(?:visit|exam\w*|time))\b", re.I)


def _clause(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(ch, 0, start) for ch in ("\n", ". ", ";")) + 1
    ends = [e for e in (text.find(ch, end) for ch in ("\n", ". ", ";")) if e >= 0]
    return text[lo:min(ends, default=len(text))]


def pulse_findings(text: str) -> list[ExamFinding]:
    """Pulses graded 0-1+ or stated nonpalpable -> diminished pulses, present."""
    if not re.search(r"pulse|\bDPs?\b|\bPTs?\b|dorsalis|tibial", text, re.I):
        return []
    out: list[ExamFinding] = []
    for rx in (_NONPALPABLE, _GRADED):
        for m in rx.finditer(text):
            if any(f.start < m.end() and m.start() < f.end for f in out):
                continue
            clause = _clause(text, m.start(), m.end())
            if _PAST.search(clause):
                continue
            out.append(ExamFinding(DIMINISHED_PULSES, m.start(), m.end(), "present"))
    out.sort(key=lambda f: f.start)
    return out
