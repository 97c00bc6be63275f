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
#: midnegfix (review 1, 7): a word after a bare artery or a "trace" grade that names another
#: finding of the artery or limb ("trace carotid bruit", "carotid: trace plaque", "trace ulnar
#: deviation", "Pulses +1 edema"): no pulse
_OTHER_NOUN = (r"(?:bruits?|plaques?|deviation|stenos[ie]s|arter(?:y|ies)|bulbs?|sheaths?|"
               r"nerves?|reflex\w*|(?:pitting\s+)?edema)\b")
#: a side word between a grade and its artery ("1+ left DP", "1+ right PT pulse")
_SIDE = r"(?:(?:right|left|bilateral)\s+)?"
_GRADED = re.compile(
    # "1+ dorsalis pedis pulses", "trace pedal pulses", "1+ radial", "1+ left DP"
    rf"{_LOW}\s*(?:{_PLACE}{{0,2}}{_PULSES}|{_SIDE}{_ARTERY}\b(?!\s*{_OTHER_NOUN})"
    rf"(?:\s+{_PULSES})?)|"
    # "Dorsalis pedis pulses 1+", "Pulses are 1+", "DP 1+", "femoral pulses 0/4", "pulses:
    # trace"
    rf"\b(?:{_PLACE}{{0,2}}(?:{_ARTERY}\s+)?{_PULSES}|{_ARTERY}\b)\s*(?::\s*)?"
    rf"(?:(?:are|is|were|was)\s+)?(?:(?:only|about|approximately)\s+)?{_LOW}"
    rf"(?!\s*{_OTHER_NOUN})", re.I)
_NONPALPABLE = re.compile(
    rf"\b(?:non-?palpable|impalpable)\s+{_PLACE}{{0,2}}(?:{_ARTERY}\s+)?{_PULSES}|"
    rf"\b(?:{_ARTERY}\s+)?{_PULSES}\s*(?:(?:are|is|were|was)\s+)?(?:(?:still|also)\s+)?"
    r"(?:non-?palpable|impalpable|not\s+(?:palpable|palpated|felt)|barely\s+palpable|"
    r"(?:could\s+not|cannot|can\s*not|couldn't)\s+be\s+(?:palpated|felt))\b|"
    # "barely palpable pedal pulses"
    rf"\bbarely\s+palpable\s+{_PLACE}{{0,2}}(?:{_ARTERY}\s+)?{_PULSES}|"
    # "no palpable pulses in the right foot": the limb named after the pulses
    rf"\bno\s+palpable\s+{_PULSES}\s+(?:in|of|at)\s+(?:the\s+|both\s+)?{_SIDE}"
    r"(?:foot|feet|lower\s+extremit(?:y|ies)|legs?|ankles?|toes?)\b|"
    # a peripheral site named: "No palpable pulses" under an abdominal exam is no pulsatile
    # mass felt (MTSamples 4130), not the limb pulses
    rf"\bno\s+palpable\s+(?:{_PLACE}{{1,2}}(?:{_ARTERY}\s+)?|{_ARTERY}\s+){_PULSES}|"
    rf"\b(?:unable\s+to|could\s+not|cannot|can\s*not|couldn't)\s+(?:palpate|feel)\s+(?:the\s+|any\s+)?"
    rf"{_PLACE}{{0,2}}(?:{_ARTERY}\s+)?{_PULSES}", re.I)
#: an earlier exam ("were 1+ on admission"), the findings_normal past-grade words; midnegfix
#: (review 5): before a procedure or by history ("nonpalpable before the bypass",
#: "Preoperatively, the pulses were nonpalpable"); "same as before" is the current grade
_PAST = re.compile(r"\b(?:previously|formerly|initially|earlier|prior|on\s+admission|"
                   r"at\s+admission|last\s+(?:visit|exam\w*|time)|"
                   r"before\s+(?:the\s+|his\s+|her\s+)?(?:surgery|bypass|procedure|operation|"
                   r"revasculari\w+|angioplasty|stent\w*|intervention|amputation)|"
                   r"pre-?operatively|pre-?procedurally|by\s+history)\b", re.I)
#: re-review (2026-12-06): the past words are read in the pulse's own item (to the nearest
#: comma / "and" / "but" / "with" each side) or opening its clause ("Preoperatively, the
#: pulses were nonpalpable"), not anywhere in the clause ("Patient seen before lunch, DP
#: pulses 1+", "Pulses 1+ bilaterally, preoperative evaluation requested")
_ITEM_BREAK = re.compile(r",|;|\band\b|\bbut\b|\bwith\b", re.I)
_PAST_OPENING = re.compile(r"^\s*(?:previously|formerly|initially|earlier|prior\s+to\s+\w+|"
                           r"on\s+admission|at\s+admission|pre-?operatively|"
                           r"before\s+(?:the\s+)?(?:surgery|bypass|procedure|operation))\b", re.I)
#: midnegfix (review 5): a low grade that has since come back to normal ("1+ improved to 2+",
#: "nonpalpable ... and are now 2+")
_NOW_NORMAL = re.compile(r"\b(?:(?:improved|increased|returned|came\s+back)\s+to|now)\s+"
                         r"(?:(?:are|is)\s+)?[2-4]\s*\+", re.I)
#: midnegfix (review 6): a plan or a watch ("If pulses are not palpable, obtain Doppler",
#: "monitor for nonpalpable pulses"): nothing stated
_HYPOTHETICAL = re.compile(r"\b(?:if|should|unless|in\s+case|monitor\s+(?:for|if)|"
                           r"watch\s+for|assess\s+for|check\s+for)\b", re.I)
#: a cue denying the nonpalpable wording right before it ("No history of nonpalpable
#: pulses", "denies ... nonpalpable"): nothing stated (no comma between: "No edema,
#: nonpalpable pulses" is stated)
_DENIED_BEFORE = re.compile(r"\b(?:no|not|denies|denied|without|never|negative\s+for)"
                            r"(?:\s+[\w-]+){0,3}\s*$", re.I)
#: midnegfix (review 1): a bare-artery grade in a reflex list ("biceps 2+, triceps 2+,
#: radial 1+"): the brachioradialis reflex, no pulse
_REFLEX_CLAUSE = re.compile(r"\b(?:reflex\w*|DTRs?|deep\s+tendon|biceps|triceps|"
                            r"brachioradialis|patellar|achilles|knees?\s*:?\s*[0-4]\s*\+|"
                            r"ankle\s+jerks?|jerks?)\b", re.I)


def _clause_start(text: str, start: int) -> int:
    return max(text.rfind(ch, 0, start) for ch in ("\n", ". ", ";")) + 1


def _clause(text: str, start: int, end: int) -> str:
    lo = _clause_start(text, start)
    ends = [e for e in (text.find(ch, end) for ch in ("\n", ". ", ";")) if e >= 0]
    return text[lo:min(ends, default=len(text))]


def _item(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of a pulse finding's own item before and after it: to the nearest comma,
    semicolon, "and", "but" or "with" on each side, within its clause."""
    lo = _clause_start(text, start)
    before = text[lo:start]
    cut = [m.end() for m in _ITEM_BREAK.finditer(before)]
    clause = _clause(text, start, end)
    after = clause[end - lo:]
    stop = _ITEM_BREAK.search(after)
    return before[cut[-1] if cut else 0:], after[:stop.start() if stop else len(after)]


def _back_to_normal(text: str, start: int, end: int) -> bool:
    """A grade that later in its clause came back to normal for the same pulse ("1+ improved
    to 2+", "nonpalpable ... and are now 2+"): not when another artery is named between
    ("DP 1+ on the left, PT now 2+": re-review, 2026-12-06)."""
    clause = _clause(text, start, end)
    tail = clause[end - _clause_start(text, start):]
    m = _NOW_NORMAL.search(tail)
    return m is not None and not re.search(rf"\b{_ARTERY}\b", tail[:m.start()], re.I)


#: gaps16: the current grade after an earlier one, "now" before it ("Previously pulses were
#: 2+, now 1+", "DP pulses 2+ on admission, now trace", "pedal pulses were 2+ but are now
#: 1+"): the grade after "now" is today's exam (Bates' 0-4+ scale: 0-1+ diminished); the
#: earlier grade is not read (``_PAST``). The pulse is named before it in the clause, with
#: no other graded finding (reflex, edema, strength) nearer to it
_NOW_LOW = re.compile(rf"\bnow\s+(?:(?:are|is)\s+)?(?:(?:only|about|approximately)\s+)?{_LOW}"
                      rf"(?!\s*{_OTHER_NOUN})", re.I)
_NOW_SUBJECT = re.compile(rf"\b(?:{_PULSES}|{_ARTERY}\b)|\b(?P<other>reflex\w*|DTRs?|jerks?|"
                          r"edema|oedema|swelling|strength|power|motor)\b", re.I)


def _now_low(text: str) -> list[ExamFinding]:
    """gaps16: ``_NOW_LOW`` grades after their pulse's words in the clause; the span runs
    from the pulse's words to the grade (its own words read it again in grounding)."""
    out: list[ExamFinding] = []
    for m in _NOW_LOW.finditer(text):
        lo = _clause_start(text, m.start())
        subjects = list(_NOW_SUBJECT.finditer(text, lo, m.start()))
        if not subjects or subjects[-1].group("other"):
            continue
        # the first pulse word of the run of pulse words before it ("DP and PT pulses")
        first = subjects[-1]
        for s in reversed(subjects):
            if s.group("other"):
                break
            first = s
        if _HYPOTHETICAL.search(text[lo:first.start()]):
            continue
        out.append(ExamFinding(DIMINISHED_PULSES, first.start(), m.end(), "present"))
    return out


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
            before, after = _item(text, m.start(), m.end())
            if _PAST.search(before + m.group() + after) or _PAST_OPENING.match(clause) or \
                    _back_to_normal(text, m.start(), m.end()) or _HYPOTHETICAL.search(before):
                continue
            if rx is _NONPALPABLE and _DENIED_BEFORE.search(before):
                continue
            if not re.search(r"pulse", m.group(), re.I) and _REFLEX_CLAUSE.search(clause):
                continue
            out.append(ExamFinding(DIMINISHED_PULSES, m.start(), m.end(), "present"))
    out += [f for f in _now_low(text) if not any(x.start < f.end and f.start < x.end
                                                 for x in out)]
    out.sort(key=lambda f: f.start)
    return out
