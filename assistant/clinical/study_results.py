"""Vocabulary hits that a study's wording shows are no problem to report (p18fix).

* A carotid stenosis graded below 50% as a duplex/Doppler result ("Carotid doppler study
  revealed 0-15% BICA stenosis", "ICA stenosis of 40%", "<50% stenosis"): the lowest grading
  bands of the Society of Radiologists in Ultrasound consensus (Grant et al., Radiology 2003:
  "normal", "<50% stenosis"), below the 50% at which NASCET/NICE NG128 speak of a
  (symptomatic) carotid stenosis to treat. The row that names the ICA abbreviations (probe18)
  read every such normal study as a present carotid stenosis.
* A right-to-left shunt across a Fontan fenestration: the fenestration is made by the
  operation (a surgical shunt, like a Glenn or central shunt), not an intracardiac shunt.
"""

from __future__ import annotations

import re

#: a grade right before the stenosis: "0-15% BICA stenosis", "<50% bilateral ICA stenosis"
_GRADE_BEFORE = re.compile(
    r"(<\s*)?(\d{1,3})(?:\s*(?:-|to)\s*(\d{1,3}))?\s*%\s*(?:[A-Za-z]+\s+){0,2}$")
#: a grade right after it: "ICA stenosis of 40%", "ICA stenosis, 0-15%"
_GRADE_AFTER = re.compile(
    r"^\s*(?:of|at|,|:|was|is|measuring|estimated at)?\s*(?:about|approximately|~)?\s*"
    r"(<\s*)?(\d{1,3})(?:\s*(?:-|to)\s*(\d{1,3}))?\s*%")
#: a shunt the operation made: "right to left shunt across the Fontan fenestration"
_SURGICAL_SHUNT_AFTER = re.compile(
    r"^\s*(?:across|through|via|at)\s+(?:the\s+|a\s+|his\s+|her\s+)?(?:[A-Za-z]+\s+){0,2}"
    r"fenestration", re.I)


def _below_half(match: re.Match[str]) -> bool:
    """Whether a grade match (``<``, first, optional second number) is below 50%."""
    less, first, second = match.group(1), int(match.group(2)), match.group(3)
    top = int(second) if second else first
    return top < 50 or (bool(less) and top <= 50)


def not_a_problem(text: str, name: str, start: int, end: int) -> bool:
    """Whether the vocabulary hit ``name`` at ``start:end`` of ``text`` is a study result or
    a surgical shunt that names no problem (see the module docstring)."""
    if name == "carotid stenosis":
        before = _GRADE_BEFORE.search(text[max(0, start - 40):start])
        if before:
            return _below_half(before)
        after = _GRADE_AFTER.match(text[end:end + 40])
        return bool(after) and _below_half(after)
    if name == "intracardiac shunt":
        return bool(_SURGICAL_SHUNT_AFTER.match(text[end:end + 60]))
    return False
