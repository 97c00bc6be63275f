"""Vocabulary hits whose wording shows they name no problem to report (p18fix).

* A carotid stenosis graded below 50% as a duplex/Doppler result ("Carotid doppler study
  revealed 0-15% BICA stenosis", "ICA stenosis of 40%", "<50% stenosis"): the lowest grading
  bands of the Society of Radiologists in Ultrasound consensus (Grant et al., Radiology 2003:
  "normal", "<50% stenosis"), below the 50% at which NASCET/NICE NG128 speak of a
  (symptomatic) carotid stenosis to treat. The row that names the ICA abbreviations (probe18)
  read every such normal study as a present carotid stenosis.
* A right-to-left shunt across a Fontan fenestration: the fenestration is made by the
  operation (a surgical shunt, like a Glenn or central shunt), not an intracardiac shunt.
* The pneumoperitoneum a laparoscopy makes, keeps or ends (probe18, p18fix): an operative
  step, not the finding (free air, K66.8).
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

#: probe18: the pneumoperitoneum a laparoscopy makes ("Satisfactory pneumoperitoneum was
#: achieved by insufflation of CO2") is an operative step, not the finding (free air, K66.8)
# (p18fix: and the verbs of keeping or ending it: "maintain pneumoperitoneum", "the
# pneumoperitoneum was released / evacuated / desufflated / deflated / allowed to escape",
# "reinsufflated", "CO2 was instilled to attain an adequate pneumoperitoneum")
_INDUCED_WORDS = re.compile(r"\b(?:achiev|establish|creat|obtain|(?:re)?insufflat|desufflat|"
                            r"induc|maintain|attain|instill|releas|evacuat|deflat|escape|"
                            r"Veress|trocar|CO2|carbon\s+dioxide)", re.I)
_PNEUMOPERITONEUM = re.compile(r"pneumoperitoneum", re.I)
_BACK_REFERENCE = re.compile(r"\b(?:the|any)\s+$", re.I)


def _induced_in_sentence(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``start:end`` holds a word of :data:`_INDUCED_WORDS`."""
    lo = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
    return bool(_INDUCED_WORDS.search(text, lo, min(stops) if stops else len(text)))


def _induced_pneumoperitoneum(text: str, name: str, start: int, end: int) -> bool:
    """Whether "pneumoperitoneum" at ``start:end`` is the one an operation induces: a verb of
    making, keeping or ending it, or the insufflation gas, in its sentence; or "the / any
    pneumoperitoneum" in a note that induces one (p18fix: "the pneumoperitoneum was closed",
    "visualized for 30 minutes without any pneumoperitoneum" after "Pneumoperitoneum was
    obtained" refer back to the operative one; a diagnosis "Pneumoperitoneum." or "free air
    consistent with pneumoperitoneum" in the same note stays a finding)."""
    if name != "pneumoperitoneum" or "pneumoperitoneum" not in text[start:end].lower():
        return False
    return _induced_in_sentence(text, start, end) or bool(
        _BACK_REFERENCE.search(text, max(0, start - 8), start)) and any(
        _induced_in_sentence(text, m.start(), m.end()) for m in _PNEUMOPERITONEUM.finditer(text))


def _below_half(match: re.Match[str]) -> bool:
    """Whether a grade match (``<``, first, optional second number) is below 50%."""
    less, first, second = match.group(1), int(match.group(2)), match.group(3)
    top = int(second) if second else first
    return top < 50 or (bool(less) and top <= 50)


def not_a_problem(text: str, name: str, start: int, end: int) -> bool:
    """Whether the vocabulary hit ``name`` at ``start:end`` of ``text`` is a study result, a
    surgical shunt or an operative pneumoperitoneum that names no problem (see the module
    docstring)."""
    if name == "carotid stenosis":
        before = _GRADE_BEFORE.search(text[max(0, start - 40):start])
        if before:
            return _below_half(before)
        after = _GRADE_AFTER.match(text[end:end + 40])
        return bool(after) and _below_half(after)
    if name == "intracardiac shunt":
        return bool(_SURGICAL_SHUNT_AFTER.match(text[end:end + 60]))
    return _induced_pneumoperitoneum(text, name, start, end)
