"""Exam functions stated reduced or lost -> the deficit finding the normal-exam table names
(issue 16, negation status: double negatives on exam findings).

"Decreased sensation", "loss of sensation", "diminished pedal pulses", "decreased grip
strength" name a deficit of a normal function: sensory deficit, diminished pulses, weakness
(the concepts ``findings_normal`` rules out from "sensation intact", "2+ pulses", "strength
5/5"; the labelling guideline's names). The reading carries no status of its own, so the
context rules decide it from the cue before the wording: "No decreased sensation", "without
diminished pulses", "denies any loss of sensation" are the deficit absent (the negated term is
the finding named after the cue), "Decreased sensation in the left foot" present.

A cue before the bare function is not read: the negated term there is the function, not a
finding. "She had no perirectal sensation", "no sensation in the left foot" name the function
lost (the deficit present), but "The patient had no back sensation" during a neuromodulator's
test stimulation names no deficit at all (MTSamples 83), so no reading is made rather than a
wrong one; above all the deficit is never read absent from it.
"""

from __future__ import annotations

import re

from assistant.clinical.findings_base import ExamFinding
from assistant.clinical.vocabulary import Concept

SENSORY_DEFICIT = Concept("sensory deficit", "R20.9")
DIMINISHED_PULSES = Concept("diminished pulses", None)
WEAKNESS = Concept("weakness", "R53.1")

#: Words of reduction or loss before the function's noun
_REDUCED = (r"(?:decreased|diminished|reduced|impaired|absent|weak|weakened|poor|"
            r"loss\s+of|lack\s+of|decrease\s+in|reduction\s+in|diminution\s+of)")
#: At most two qualifiers between the reduction and the noun ("decreased light touch
#: sensation", "absent dorsalis pedis pulses", "decreased grip strength"); a conjunction,
#: preposition or article ends the wording ("decreased swelling and sensation intact")
_QUALIFIER = r"(?:(?!(?:and|or|but|with|in|of|to|the|a|an|is|are|was|were|not|no)\b)[a-z][a-z-]*\s+)"
#: Arteries a single pulse is named by ("weak ulnar artery pulse", "absent pedal pulse")
_PULSE_SITE = (r"(?:artery|arterial|pedal|radial|femoral|pedis|tibial|popliteal|ulnar|"
               r"brachial|carotid|distal|peripheral)")
_WORDING = re.compile(
    rf"\b{_REDUCED}\s+{_QUALIFIER}{{0,2}}?(?:(?P<sens>sensations?)|(?P<puls>pulses|"
    rf"{_PULSE_SITE}\s+pulse)|(?P<str>strength))\b"
    # "decreased sensation of pressure" is a feeling, not the exam's sensation
    r"(?!\s+of\b)", re.I)
#: "<function> is/are (markedly) decreased": the predicate form; "... is not decreased" is
#: the deficit absent (the cue is inside the wording, so it is read here)
_PREDICATE = re.compile(
    r"\b(?:(?P<sens>sensation)|(?P<puls>pulses)|(?P<str>strength))\s+(?:is|are|was|were)\s+"
    r"(?P<neg>not\s+)?(?:(?:markedly|mildly|slightly|significantly|severely|moderately|"
    r"somewhat|greatly)\s+)?(?:decreased|diminished|reduced|impaired|absent|weak|weakened)\b",
    re.I)
_KEY = re.compile(r"sensation|pulse|strength", re.I)
#: A word right before the wording that narrows it to a focal deficit: "diffusely weak but no
#: lateralizing loss of strength" (MTSamples 2562) denies a focal weakness only, so the
#: wording is not read (its negation would deny the weakness the note states)
_NARROWED = re.compile(r"\b(?:lateraliz(?:ing|ed)|focal(?:ly)?|new|further|additional|"
                       r"asymmetric(?:al)?|unilateral)\s+$", re.I)


def _concept(m: re.Match[str]) -> Concept:
    return SENSORY_DEFICIT if m.group("sens") else DIMINISHED_PULSES if m.group("puls") \
        else WEAKNESS


def deficit_findings(text: str) -> list[ExamFinding]:
    """Reduced or lost exam functions -> their deficit (module docstring): the reduction
    wording with no status of its own (the context rules read the cue before it) and the
    predicate form ("not" read here)."""
    if not _KEY.search(text):
        return []
    out = [ExamFinding(_concept(m), m.start(), m.end(), "") for m in _WORDING.finditer(text)
           if not _NARROWED.search(text, max(0, m.start() - 20), m.start())]
    out += [ExamFinding(_concept(m), m.start(), m.end(), "absent" if m.group("neg") else "")
            for m in _PREDICATE.finditer(text)]
    out.sort(key=lambda f: (f.start, -f.end))
    kept: list[ExamFinding] = []
    for f in out:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept
