"""Vital signs in common clinical notations, normalised to canonical units (CONTRACT.md).

``find_vitals("BP 162/94, P 68, T 98.4 F, O2 sat 99% RA")`` returns systolic_bp 162 mmHg,
diastolic_bp 94 mmHg, heart_rate 68 bpm, temperature 36.9 C and spo2 99 %.
Canonical units: mmHg, bpm, breaths/min, C, %, kg, cm, kg/m2. Every item carries the span of
the text it was read from; implausible values are dropped rather than reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.fold_re import folded
from assistant.schema import Vital

_NUM = r"(\d{1,3}(?:\.\d+)?)(?!\d)"  # not the start of a longer number ("T1122")
# "BP: 120/80", "BP is 120/80", "HR-88"; single-letter labels (P, R, T) are upper-case only.
_SEP = r"\s*(?:[:=]|is|was|of|-)?\s*"
# Prose between a label and its value: "Temperature currently is 96.3", "blood pressure today
# is 182/78", "temperature maximum of 101.4", "respirations by the nurse at 64".
_FILL = (r"(?:\s*[:=]|\s*-(?=\s)|\s+(?:is|was|were|are|of|at|to|max(?:imum)?|currently|today|"
         r"now|initially|on\s+arrival|in\s+the\s+(?:er|ed|office|clinic)|by\s+the\s+nurse|"
         r"measured|recorded|noted|reading|readings|here|"
         # a vital stated in words with its value: "BP low at 80/50", "heart rate fast at
         # 130", "temperature elevated to 101.2" (issue 16); the value must still follow
         r"(?:very\s+|slightly\s+|mildly\s+|quite\s+)?(?:low|high|fast|slow|rapid|elevated|"
         r"decreased|increased|normal|stable)(?=\s+(?:at|of|to)\b))){0,4}\s*")

_BP = folded(re.compile(
    r"\b(?:blood\s+pressures?|b\.?p\.?|b/p|nibp|sbp/dbp)" + _FILL
    + r"(?:of\s+)?(\d{2,3})\s*/\s*(\d{2,3})(?:\s*(?:mm\s*hg|mmhg))?",
    re.IGNORECASE,
))
# A bare "162/94 mmHg" without a label still reads as blood pressure.
_BP_BARE = folded(re.compile(r"(?<![\d/.])(\d{2,3})\s*/\s*(\d{2,3})\s*mm\s*hg", re.IGNORECASE))
# A value with a dose unit after it is a dose, not a reading ("heart rate increased to 100 mg of
# metoprolol"; review 6): the unit check for the rate readings.
_NOT_DOSE = r"(?!\.?\d*\s*(?:mg|mcg|µg|micrograms?|milligrams?|grams?|g|units?|iu|ml|cc|meq|mmol)\b)"
_HR = folded(re.compile(
    r"\b(?:heart\s+rate|pulse(?:\s+rate)?|h\.?r\.?|(?<![/\w])(?-i:P)|hr\s*\(bpm\))" + _FILL + _NUM
    + _NOT_DOSE
    + r"(?:\s*(?:bpm|beats\s*(?:per|/)\s*min(?:ute)?|/min))?",
    re.IGNORECASE,
))
_RR = folded(re.compile(
    r"\b(?:resp(?:iratory|irations|\.)?(?:\s+rate)?|r\.?r\.?|(?<![/\w])(?-i:R))" + _FILL + _NUM
    + _NOT_DOSE
    + r"(?:\s*(?:breaths\s*(?:per|/)\s*min(?:ute)?|/min|bpm))?",
    re.IGNORECASE,
))
_TEMP = folded(re.compile(
    r"\b(?:temp(?:erature)?|t\.?\s?max|(?<![/\w])(?-i:T))" + _FILL + r"(\d{2,3}(?:\.\d+)?)(?!\d)\s*(?:°|deg(?:rees)?)?\s*"
    r"(fahrenheit|celsius|[FC])?(?![A-Za-z])",
    re.IGNORECASE,
))
_SPO2_LABEL = (r"\b(?:o2\s*sat(?:uration)?s?|sp\s*o2|sao2|o2\s*saturations?|"
               r"oxygen\s+saturations?|pulse\s+ox(?:imetry)?|sats?|pox)")
_SPO2_VALUE = (r"(\d{2,3})(?:\s*%|\s*percent|(?=\s+on\s+(?:room\s+air|RA\b|\d+\s*L)))"
               r"(?:\s*(?:on\s+)?(?:room\s+air|RA|\d+\s*L(?:\s*(?:NC|nasal\s+cannula))?))?")
_SPO2 = folded(re.compile(_SPO2_LABEL + _FILL + _SPO2_VALUE, re.IGNORECASE))
# An oxygen saturation told as a fall: "sats dropped to 85%", "saturation went down to 88%"
# (extcls). Read only when the caller asks (``find_vitals(falls=True)``, the extraction
# pipeline): triage takes a vital's first reading, and a fall told before a worse reading
# ("sats dropped to 92% ..., SpO2 80% on arrival") would hide that one.
_SPO2_FALL = folded(re.compile(
    _SPO2_LABEL + r"\s+(?:dropped|fell|went\s+down|declined|dipped)\s+to\s*" + _SPO2_VALUE,
    re.IGNORECASE))
#: An instruction or a goal, not a reading: "Call MD if sats fell to 85%", "Notify if O2 sat
#: dropped to 85% or less", "Titrate oxygen to keep sats 88-92%", "Goal SpO2 92%" (review 3).
#: Read in the clause before the value's label (back to a sentence, ";" or "," break), so
#: "When he walked, his sats fell to 85%" stays a reading; past forms ("titrated",
#: "maintained") are readings too.
_INSTRUCTION = re.compile(r"\b(?:if|unless|call|notify|page|contact|alert|goal|goals|target|"
                          r"targets|targeting|keep|titrate|maintain|aim|parameters?)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[.;,\n](?!\d)")


def in_instruction(text: str, pos: int) -> bool:
    """True when the clause before ``pos`` (up to 60 characters) is an instruction or a goal
    (``_INSTRUCTION``): a value there is a threshold to act on, not a reading."""
    head = text[max(0, pos - 60):pos]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    if breaks:
        head = head[breaks[-1].end():]
    return _INSTRUCTION.search(head) is not None


_WEIGHT = re.compile(
    r"\b(?:weight|wt\.?|weighs)" + _FILL + r"(\d{1,3}(?:,\d{3})?(?:\.\d+)?)\s*"
    r"(kg|kilograms?|lbs?|pounds?|g|grams?)\b\.?",
    re.IGNORECASE,
)
_HEIGHT = re.compile(
    r"\b(?:height|ht\.?)" + _FILL
    + r"(?:(\d)\s*(?:'|ft\.?|feet|foot)\s*(?:and\s+)?(\d{1,2}(?:\.\d+)?)\s*(?:\"|''|in(?:ches)?)?"
    r"|(\d{1,3}(?:\.\d+)?)\s*(cm|centimeters?|m|meters?|in(?:ches)?|\"))",
    re.IGNORECASE,
)
# "is 5 feet and 10 inches": feet-and-inches stated without the word height.
_HEIGHT_FT = re.compile(r"\b(?:is|stands)\s+(\d)\s*(?:feet|foot|ft\.?)\s*(?:and\s+)?"
                        r"(\d{1,2}(?:\.\d+)?)\s*(?:inches|in\b\.?|\")", re.IGNORECASE)
# "95% O2 saturation on room air": the value before its label.
_SPO2_BEFORE = folded(re.compile(
    r"(?<![\d.\-])(\d{2,3})\s*%\s*(?:o2|oxygen)?\s*sat(?:uration)?s?\b", re.IGNORECASE))
# A bare temperature with its unit: "34.7C", "101.2 F" (no label needed with a decimal).
_TEMP_BARE = re.compile(r"(?<![\d.])((?:3[0-9]|4[0-2])\.\d|(?:9[0-9]|10[0-7])\.\d)\s*°?\s*"
                        r"((?-i:[CF]))\b")
# Past or reference measurements, not today's vital: "birth weight", "highest weight".
_NOT_CURRENT = re.compile(r"\b(?:highest|lowest|usual|previous|prior|ideal|goal|target|"
                          r"dry|last)\s*$", re.IGNORECASE)
# A birth weight is today's weight in a newborn's note, a past one under a BIRTH HISTORY header
_BIRTH_HISTORY = re.compile(r"\b(?:birth|perinatal|neonatal)\s+history\b", re.IGNORECASE)
_BMI = re.compile(r"\b(?:bmi|body\s+mass\s+index)" + _SEP + r"(\d{1,2}(?:\.\d+)?)",
                  re.IGNORECASE)

#: Plausible ranges in canonical units; values outside are misreads (dates, doses, ages).
_RANGES: dict[str, tuple[float, float]] = {
    "systolic_bp": (40, 300), "diastolic_bp": (20, 200), "heart_rate": (20, 300),
    "respiratory_rate": (4, 80), "temperature": (25, 45), "spo2": (40, 100),
    "weight": (0.3, 400), "height": (30, 250), "bmi": (8, 90),
}
_UNITS = {"systolic_bp": "mmHg", "diastolic_bp": "mmHg", "heart_rate": "bpm",
          "respiratory_rate": "breaths/min", "temperature": "C", "spo2": "%",
          "weight": "kg", "height": "cm", "bmi": "kg/m2"}


def _vital(name: str, value: float, text: str, start: int, end: int) -> Vital | None:
    lo, hi = _RANGES[name]
    if not lo <= value <= hi:
        return None
    raw = text[start:end].rstrip(" .,;")
    end = start + len(raw)
    return Vital(name=name, value=round(value, 1), unit=_UNITS[name], raw=raw, span=(start, end))


def _temperature_c(value: float, unit: str | None) -> float:
    u = (unit or "").lower()
    if u.startswith("f") or (not u and value > 50):
        return (value - 32.0) * 5.0 / 9.0
    return value


def _weight_kg(value: float, unit: str) -> float:
    u = unit.lower()
    if u.startswith(("lb", "pound")):
        return value * 0.45359237
    if u.startswith(("g", "gram")):
        return value / 1000.0
    return value


def _iter_vitals(text: str, falls: bool = False) -> Iterator[Vital | None]:
    for m in _BP.finditer(text):
        yield _vital("systolic_bp", float(m.group(1)), text, m.start(), m.end())
        yield _vital("diastolic_bp", float(m.group(2)), text, m.start(), m.end())
    for m in _BP_BARE.finditer(text):
        yield _vital("systolic_bp", float(m.group(1)), text, m.start(), m.end())
        yield _vital("diastolic_bp", float(m.group(2)), text, m.start(), m.end())
    for m in _HR.finditer(text):
        yield _vital("heart_rate", float(m.group(1)), text, m.start(), m.end())
    for m in _RR.finditer(text):
        yield _vital("respiratory_rate", float(m.group(1)), text, m.start(), m.end())
    for m in _TEMP.finditer(text):
        yield _vital("temperature", _temperature_c(float(m.group(1)), m.group(2)),
                     text, m.start(), m.end())
    for m in _TEMP_BARE.finditer(text):
        yield _vital("temperature", _temperature_c(float(m.group(1)), m.group(2)),
                     text, m.start(), m.end())
    for m in _SPO2.finditer(text):
        yield _vital("spo2", float(m.group(1)), text, m.start(), m.end())
    if falls:
        for m in _SPO2_FALL.finditer(text):
            yield _vital("spo2", float(m.group(1)), text, m.start(), m.end())
    for m in _SPO2_BEFORE.finditer(text):
        yield _vital("spo2", float(m.group(1)), text, m.start(), m.end())
    for m in _WEIGHT.finditer(text):
        if _NOT_CURRENT.search(text[max(0, m.start() - 20):m.start()]):
            continue  # "highest weight 250 lb": a past or reference measurement
        if re.search(r"\bbirth\s*$", text[max(0, m.start() - 8):m.start()], re.I) and \
                _BIRTH_HISTORY.search(text[max(0, m.start() - 200):m.start()]):
            continue  # "BIRTH HISTORY: ... Birth weight 4 pounds": not the current weight
        value = float(m.group(1).replace(",", ""))
        yield _vital("weight", _weight_kg(value, m.group(2)), text, m.start(), m.end())
    for m in _HEIGHT.finditer(text):
        if m.group(1):
            cm = (float(m.group(1)) * 12 + float(m.group(2))) * 2.54
        else:
            value, unit = float(m.group(3)), m.group(4).lower()
            cm = (value * 2.54 if unit.startswith("in") or unit == '"'
                  else value * 100 if unit in ("m", "meter", "meters") else value)
        yield _vital("height", cm, text, m.start(), m.end())
    for m in _HEIGHT_FT.finditer(text):
        cm = (float(m.group(1)) * 12 + float(m.group(2))) * 2.54
        yield _vital("height", cm, text, m.start(), m.end())
    for m in _BMI.finditer(text):
        yield _vital("bmi", float(m.group(1)), text, m.start(), m.end())


def find_vitals(text: str, falls: bool = False, readings_only: bool = False) -> list[Vital]:
    """All vital signs in ``text``, in text order, canonical units, one per (name, span start).

    ``falls``: also an oxygen saturation told as a fall ("sats dropped to 85%"; the
    extraction pipeline asks for it, triage does not: see ``_SPO2_FALL``).
    ``readings_only``: not a value in an instruction or goal ("Call MD if sats 85%",
    ``in_instruction``; the extraction pipeline asks for it; triage keeps such values, the
    side that can only raise a level).

    Overlapping readings of the same vital (a labelled and a bare blood pressure on the same
    characters) are reported once.
    """
    found: list[Vital] = []
    taken: dict[str, list[tuple[int, int]]] = {}
    for v in _iter_vitals(text, falls):
        if v is None or (readings_only and in_instruction(text, v.span[0])):
            continue
        spans = taken.setdefault(v.name, [])
        if any(v.span[0] < e and s < v.span[1] for s, e in spans):
            continue
        spans.append(v.span)
        found.append(v)
    found.sort(key=lambda v: (v.span[0], list(_UNITS).index(v.name)))
    return found
