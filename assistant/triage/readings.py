"""Blood pressure, blood sugar and temperature readings in a case text, judged by their value.

Two users (safety review 2 of the NHS self-care round 8):

- a self-care entry's ``not`` list reads "blood" (blood seen) or "temperature" (a lay "I've got
  a temperature"); the measurement sentence of an exam vignette ("blood pressure is 118/74 mm
  Hg", "temperature is 37.0 C") is no such feature. :func:`normal_reading_spans` gives the
  spans of the readings the vital-sign parser (``assistant.clinical.vitals.find_vitals``)
  captured with a value in the normal range, and of blood sugars stated with a unit and a
  normal value: only a ``not``-list match inside one of these spans is set aside. A reading the
  parser did not capture ("is high at 190", "160-180/110", "210 over 130"), a value out of
  range, or a sugar without its unit keeps blocking.
- :func:`abnormal_reading` is a safety-net blocker for every self-care match: a blood pressure
  or blood sugar stated with a number that is not a normal reading (NICE NG136 stage 2
  hypertension 160/100 or a systolic of 90 or less; NICE NG28 / NG17 blood glucose targets).
"""

from __future__ import annotations

import functools
import re

from assistant.clinical.vitals import find_vitals

# NICE NG136: clinic blood pressure under 140/90 is normal; a systolic of 90 or less is low
# (NEWS2 scores it 3). Used for the ``not`` list (the strict side: only a normal reading is
# set aside).
NORMAL_SBP = (91.0, 139.0)
NORMAL_DBP = (40.0, 89.0)
# NICE NG136 stage 2 hypertension (clinic >= 160/100) or a low systolic: the general blocker.
HIGH_SBP, HIGH_DBP, LOW_SBP = 160.0, 100.0, 90.0
# A normal blood glucose (NICE NG28 / NG17 targets, fasting 4-7 and after meals up to 8.5;
# 4.0-7.8 mmol/L taken; 1 mmol/L = 18 mg/dL).
GLUCOSE_MMOL = (4.0, 7.8)
GLUCOSE_MGDL = (72.0, 140.0)
FEVER_C = 38.0

# "blood sugar is 5.6 mmol/L", "glucose of 95 mg/dL", "sugar has been 22", "sugar is over 30"
_FILLER = (r"(?:\s*(?:[:=,]|-(?=\s)|\b(?:is|was|were|are|of|at|to|has|have|had|been|came|back|"
           r"today|now|this|morning|reading|readings|level|levels|measured|checked|usually|"
           r"about|around|very|really|quite|high|low|up|down|went|gone|dropped|fell|rose|"
           r"over|above|under|below|more|less|than|just|only|still)\b))*\s*")
_GLUCOSE = re.compile(r"\b(?:blood\s+(?:sugars?|glucose)|(?:my|his|her|their)\s+sugars?|"
                      r"sugar\s+levels?|glucose|cbg)"
                      + _FILLER + r"(\d{1,3}(?:\.\d+)?)(?!\d|\.\d)\s*(mmol\s*/?\s*l|mg\s*/?\s*dl)?",
                      re.I)
_BP_LABEL = re.compile(r"\b(?:blood\s+pressures?|b\.?p\.?|b/p)\b", re.I)
# a BP label followed by a number (a reading), as the parser may or may not have read it
_BP_STATED = re.compile(_BP_LABEL.pattern + _FILLER + r"\d", re.I)
# a lay reading: "210 over 130", "200/120"
_BP_PAIR = re.compile(r"(?<![\d./])(\d{2,3})\s*(?:/|over)\s*(\d{2,3})(?!\d|[./]\d)", re.I)
_ABOVE = re.compile(r"\b(?:over|above|more than|higher than|under|below|less than)\s*$", re.I)
# a temperature value that could be a fever, read or not by the parser ("it was 39.5 last
# night", "temperature of 104"): any such number keeps a temperature mention a feature
_FEVER_NUMBER = re.compile(r"(?<![\d.])(?:(?:3[89]|4[0-2])\.\d|(?:3[89]|4[0-2])\s*(?:°|deg\w*|"
                           r"c\b)|10[0-7](?:\.\d)?\s*(?:°|deg\w*|f\b)|(?:100\.[4-9]|10[1-7]\.\d))",
                           re.I)


def _glucose_normal(value: float, unit: str | None) -> bool | None:
    """True/False for a sugar with its unit; None without one (unknown: never normal)."""
    if unit is None:
        return None
    lo, hi = GLUCOSE_MGDL if unit.lower().startswith("mg") else GLUCOSE_MMOL
    return lo <= value <= hi


def _bp_normal(sbp: float, dbp: float) -> bool:
    return NORMAL_SBP[0] <= sbp <= NORMAL_SBP[1] and NORMAL_DBP[0] <= dbp <= NORMAL_DBP[1]


@functools.lru_cache(maxsize=256)
def normal_reading_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the readings a ``not`` list may set aside: blood pressures the parser captured
    with both values normal; temperatures it captured below 38 C when no temperature in the
    text is 38 or more (read or not); blood sugars with a unit and a normal value."""
    vitals = find_vitals(text)
    spans: list[tuple[int, int]] = []
    bp: dict[tuple[int, int], dict[str, float]] = {}
    for v in vitals:
        if v.name in ("systolic_bp", "diastolic_bp"):
            bp.setdefault(v.span, {})[v.name] = v.value
    for span, vals in bp.items():
        sbp, dbp = vals.get("systolic_bp"), vals.get("diastolic_bp")
        if sbp is not None and dbp is not None and _bp_normal(sbp, dbp):
            spans.append(span)
    temps = [v for v in vitals if v.name == "temperature"]
    if temps and all(v.value < FEVER_C for v in temps) and not _FEVER_NUMBER.search(text):
        spans.extend(v.span for v in temps)
    for m in _GLUCOSE.finditer(text):
        if _glucose_normal(float(m.group(1)), m.group(2)) and not _ABOVE.search(
                text[m.start():m.start(1)]):
            spans.append(m.span())
    return tuple(spans)


@functools.lru_cache(maxsize=256)
def abnormal_reading(text: str) -> str | None:
    """The first blood pressure or blood sugar stated with a number that is not a normal
    reading (a self-care safety-net blocker), else None: a captured pressure of 160/100 or
    more or a systolic of 90 or less, a pressure the parser did not read ("is high at 190",
    "160-180/110"), a lay pair ("210 over 130") out of range, or a sugar whose value is not
    normal under its unit (without a unit: normal neither as mmol/L nor as mg/dL)."""
    captured = [v for v in find_vitals(text) if v.name in ("systolic_bp", "diastolic_bp")]
    for v in captured:
        if (v.name == "systolic_bp" and (v.value >= HIGH_SBP or v.value <= LOW_SBP)) or (
                v.name == "diastolic_bp" and v.value >= HIGH_DBP):
            return v.raw
    starts = {v.span[0] for v in captured}
    spans = [v.span for v in captured]
    for m in _BP_STATED.finditer(text):
        if m.start() not in starts:
            return m.group(0)
    for m in _BP_PAIR.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        sbp, dbp = float(m.group(1)), float(m.group(2))
        if sbp <= dbp:
            continue  # a score or a fraction ("15/20"), not a pressure
        if sbp >= HIGH_SBP or dbp >= HIGH_DBP or (m.group(0).lower().find("over") >= 0
                                                   and sbp <= LOW_SBP):
            return m.group(0)
    for m in _GLUCOSE.finditer(text):
        value, unit = float(m.group(1)), m.group(2)
        if _ABOVE.search(text[m.start():m.start(1)]):
            return m.group(0)
        normal = _glucose_normal(value, unit)
        if normal is None:
            normal = (GLUCOSE_MMOL[0] <= value <= GLUCOSE_MMOL[1]
                      or GLUCOSE_MGDL[0] <= value <= GLUCOSE_MGDL[1])
        if not normal:
            return m.group(0)
    return None
