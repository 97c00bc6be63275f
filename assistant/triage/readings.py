"""Blood pressure, blood sugar and temperature readings in a case text, judged by their value.

Two users (safety review 2 of the NHS self-care round 8):

- a self-care entry's ``not`` list reads "blood" (blood seen) or "temperature" (a lay "I've got
  a temperature"); the measurement sentence of an exam vignette ("blood pressure is 118/74 mm
  Hg", "temperature is 37.0 C") is no such feature. :func:`normal_reading_spans` gives the
  spans of the readings the vital-sign parser (``assistant.clinical.vitals.find_vitals``)
  captured with a value in the normal range: only a ``not``-list match inside one of these
  spans is set aside. A reading the parser did not capture ("is high at 190", "160-180/110",
  "210 over 130"), a value out of range, and any blood sugar (whatever its value: a sugar reading
  tells of diabetes, which the new entries' ``not`` lists name; safety review 5) keep blocking.
- :func:`abnormal_reading` is a safety-net blocker for every self-care match: a blood pressure
  or blood sugar stated with a number that is not a normal reading (NICE NG136 stage 2
  hypertension 160/100 or a systolic of 90 or less; NICE NG28 / NG17 blood glucose targets),
  hypos, raised ketones or a meter reading "HI"/"LO", and a temperature of 38 C / 100.4 F or more
  whether the parser read it or not ("I measured 39 degrees", "feels like 40"; NICE NG143,
  NHS High temperature; safety review 5).
"""

from __future__ import annotations

import functools
import re

from assistant.clinical.vitals import Vital, find_vitals
from assistant.spans import SpanSet

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

# "blood sugar is 5.6 mmol/L", "glucose of 95 mg/dL", "sugar has been 22", "sugar is over 30",
# "sugars are running at 25", "BG 28", "BM 2.1", "CBG 1.9", "glucometer says 2.4" (safety review 5:
# the lay and ward names of a finger-prick sugar)
_FILLER = (r"(?:\s*(?:[:=,]|-(?=\s)|\b(?:is|was|were|are|of|at|to|has|have|had|been|came|back|"
           r"today|now|this|morning|reading|readings|level|levels|measured|checked|usually|"
           r"about|around|very|really|quite|high|low|up|down|went|gone|dropped|fell|rose|"
           r"over|above|under|below|more|less|than|just|only|still|running|says|said|shows|"
           r"showed|reads|read|sitting|staying|hovering|a|me)\b))*\s*")
_GLUCOSE_LABEL = (r"\b(?:blood\s+(?:sugars?|glucose)|(?:my|his|her|their)\s+sugars?|"
                  r"sugars?(?:\s+levels?)?|glucose|cbg|bg|bms?|glucometer|glucose\s+meter)")
_UNIT = r"(mmol\s*/?\s*l\b|mmol\b|mg\s*/?\s*dl\b)"
# a number that counts a time, a dose or a stool, never a sugar ("BM was 3 days ago",
# "2 teaspoons of sugar")
_NOT_SUGAR_AFTER = (r"(?!\s*(?:days?|weeks?|months?|years?|hours?|hrs?|mins?|minutes?|times?|x\b|"
                    r"per\b|a (?:day|week)|ago|episodes?|teaspoons?|tsp|spoons?|cubes?|lumps?|"
                    r"grams?|g\b|kg|am\b|pm\b|o.?clock|:\d))")
_GLUCOSE = re.compile(_GLUCOSE_LABEL + _FILLER + r"(\d{1,3}(?:\.\d+)?)(?!\d|\.\d)"
                      + _NOT_SUGAR_AFTER + r"\s*" + _UNIT + "?", re.I)
# a number with a sugar unit and no label ("5.6 mmol/L this morning and 28 mmol/L tonight"),
# read as a sugar only when the text names no other blood test measured in these units
_UNIT_READING = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*" + _UNIT, re.I)
_OTHER_ANALYTE = re.compile(
    r"\b(?:sodium|potassium|chloride|bicarb\w*|hco3|urea|bun|creatinine|calcium|magnesium|"
    r"phosphate|lactate|cholesterol|ldl|hdl|triglycerides?|albumin|bilirubin|ammonia|urate|"
    r"uric|ketones?|osmol\w*|na\+?|k\+?|cl-?|ca|mg|iron|ferritin|haemoglobin|hemoglobin)\b",
    re.I)
# a sugar told without a number: hypos, raised ketones, a meter that reads HI or LO
_SUGAR_WORDS = re.compile(
    r"\b(?:hypos\b|(?:a|had|having|have|keep having|another|getting|get) hypo\b|"
    r"(?:glucometer|(?:glucose|sugar|bm|blood)\s+(?:meter|monitor)|meter|monitor)\b[^.;]{0,30}?"
    r"\b(?:hi|lo|high|low|error)\b|ketones?\b[^.;\d]{0,20}?(?:positive|high|raised|\+|"
    r"(?:[1-9]\d*|0?\.[6-9]|0?\.\d{2,})))", re.I)
_BP_LABEL = re.compile(r"\b(?:blood\s+pressures?|b\.?p\.?|b/p)\b", re.I)
# "Systolic 210": a systolic named alone is judged by its value (safety review 5)
_SYSTOLIC = re.compile(r"\bsystolic(?:\s+(?:blood\s+pressures?|bp|pressures?))?" + _FILLER
                       + r"(\d{2,3})(?!\d|\.\d)", re.I)
_RANGE_AFTER = re.compile(r"\s*(?:-|–|to)\s*\d")
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
# a bare whole number told as a temperature ("feels like 40", "thermometer said 39", "temp
# 102"): a fever whatever the parser read (safety review 5)
_FEVER_BARE = re.compile(
    r"\b(?:feels?\s+like|felt\s+like|temp\w*|thermometer\w*|fever\w*|febrile|hit|reached|"
    r"spik\w*|measured|t\s*max|tmax)\b(?:\s+(?:\w+|[:=]))?(?:\s+(?:\w+|[:=]))?\s*[:=]?\s*"
    r"(?<![\d.])(3[89]|4[0-2]|10[1-7])(?!\d|\.\d|\s*(?:%|years?|yrs?|y\b|kg|lbs?|cm|mm|mins?|"
    r"minutes?|bpm|beats|breaths|weeks?|days?|hours?|hrs?|mg|ml|times?|x\b|-?year|/))", re.I)
# a decimal or unit fever number that is some other measurement ("BMI 38.5", "38.5 weeks",
# "haematocrit 40.2%", "weight 39.5 kg")
_NOT_TEMP_AFTER = re.compile(r"\s*(?:%|kg|lbs?|cm|mm|weeks?|wks?|g\b|ml|/|years?|yrs?)", re.I)
_NOT_TEMP_BEFORE = re.compile(
    r"(?:bmi|body mass index|h(?:a)?ematocrit|hct|weight|weighs|height|length|circumference|"
    r"gestation\w*|albumin|paco2|pco2|hco3)\W*(?:\w+\W+)?$", re.I)


@functools.lru_cache(maxsize=256)
def _vitals(text: str) -> tuple[Vital, ...]:
    """The parser's readings of ``text``, read once for both users below (the second
    ``find_vitals`` call made ``abnormal_reading`` twice as slow: safety review 5)."""
    return tuple(find_vitals(text))


def fever_number(text: str) -> str | None:
    """The first temperature of 38 C / 100.4 F or more in ``text``, read by the parser or not
    ("I measured 39 degrees", "now 39.2", "feels like 40", "Temp 101.8F"), else None. A number
    inside another captured reading, or with another unit or label, is no temperature."""
    vitals = _vitals(text)
    for v in vitals:
        if v.name == "temperature" and v.value >= FEVER_C:
            return v.raw
    other = SpanSet([v.span for v in vitals if v.name != "temperature"])
    for rx in (_FEVER_NUMBER, _FEVER_BARE):
        for m in rx.finditer(text):
            start = m.start(1) if rx is _FEVER_BARE else m.start()
            end = m.end(1) if rx is _FEVER_BARE else m.end()
            if other.covers(start) or _NOT_TEMP_AFTER.match(text, end) or _NOT_TEMP_BEFORE.search(
                    text[max(0, start - 40):start]):
                continue
            return m.group(0)
    return None


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
    text is 38 or more (read or not). A blood sugar is never set aside, whatever its value
    (safety review 5: "blood sugar is 6.2 mmol/L" with thrush tells of diabetes)."""
    vitals = _vitals(text)
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
    if temps and fever_number(text) is None:
        spans.extend(v.span for v in temps)
    return tuple(spans)


@functools.lru_cache(maxsize=256)
def normal_sugar_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of blood sugars stated with a unit and a normal value ("blood glucose is 5.2
    mmol/L"). Kept apart from :func:`normal_reading_spans`: only the bare word "blood" of such a
    reading may be set aside, and only for an entry whose ``not`` list does not name a sugar or
    diabetes (``knowledge.names_sugar``; safety review 5)."""
    return tuple(m.span() for m in _GLUCOSE.finditer(text)
                 if _glucose_normal(float(m.group(1)), m.group(2))
                 and not _ABOVE.search(text[m.start():m.start(1)]))


def _sugar_abnormal(value: float, unit: str | None) -> bool:
    normal = _glucose_normal(value, unit)
    if normal is None:
        normal = (GLUCOSE_MMOL[0] <= value <= GLUCOSE_MMOL[1]
                  or GLUCOSE_MGDL[0] <= value <= GLUCOSE_MGDL[1])
    return not normal


@functools.lru_cache(maxsize=256)
def abnormal_reading(text: str, fever: bool = True) -> str | None:
    """The first reading that is not normal (a self-care safety-net blocker), else None: a
    captured pressure of 160/100 or more or a systolic of 90 or less, a pressure the parser did
    not read ("is high at 190", "160-180/110", "Systolic 210"), a lay pair ("210 over 130") out
    of range; a sugar whose value is not normal under its unit (without a unit: normal neither
    as mmol/L nor as mg/dL), hypos, raised ketones or a meter reading HI/LO; a temperature of
    38 C / 100.4 F or more (:func:`fever_number`) when ``fever`` (the caller's entry counts a
    fever against itself: chickenpox or a child's cold with a fever stays self-care)."""
    vitals = _vitals(text)
    captured = [v for v in vitals if v.name in ("systolic_bp", "diastolic_bp")]
    for v in captured:
        if (v.name == "systolic_bp" and (v.value >= HIGH_SBP or v.value <= LOW_SBP)) or (
                v.name == "diastolic_bp" and v.value >= HIGH_DBP):
            return v.raw
    for m in _SYSTOLIC.finditer(text):
        # (a range, "systolic 120-180", is a reading not read: it blocks as before)
        if not HIGH_SBP > float(m.group(1)) > LOW_SBP or _RANGE_AFTER.match(text, m.end()):
            return m.group(0)
    starts = {v.span[0] for v in captured}
    inside = SpanSet([v.span for v in captured])
    for m in _BP_STATED.finditer(text):
        if m.start() not in starts and not text[max(0, m.start() - 9):m.start()].lower(
                ).rstrip().endswith("systolic"):
            return m.group(0)
    for m in _BP_PAIR.finditer(text):
        if inside.covers(m.start()):
            continue
        sbp, dbp = float(m.group(1)), float(m.group(2))
        if sbp <= dbp:
            continue  # a score or a fraction ("15/20"), not a pressure
        if sbp >= HIGH_SBP or dbp >= HIGH_DBP or (m.group(0).lower().find("over") >= 0
                                                   and sbp <= LOW_SBP):
            return m.group(0)
    for m in _GLUCOSE.finditer(text):
        if _ABOVE.search(text[m.start():m.start(1)]) or _sugar_abnormal(float(m.group(1)),
                                                                         m.group(2)):
            return m.group(0)
    if not _OTHER_ANALYTE.search(text):
        for m in _UNIT_READING.finditer(text):
            if _sugar_abnormal(float(m.group(1)), m.group(2)):
                return m.group(0)
    m = _SUGAR_WORDS.search(text)
    if m is not None:
        return m.group(0)
    return fever_number(text) if fever else None


# (trifix14d) "BM" is also a bowel movement ("BM 2 today"): read as a sugar only with a
# decimal value, a sugar unit, or a word of diabetes / sugar in the text
_BM_LABEL = re.compile(r"^bms?\b", re.I)
_SUGAR_CONTEXT = re.compile(r"\b(?:diabet\w*|insulin|hypo\w*|sugars?|glucose|mmol|metformin|"
                            r"gliclazide|glucometer|finger[- ]?prick|libre|cgm)\b", re.I)


def glucose_readings(text: str) -> list[tuple[float, str | None, str]]:
    """Blood sugars stated with a number in ``text`` (lay, ward and lab names: "sugar 2.1",
    "my sugar is 2.1", "BM 1.9", "glucose of 40 mg/dL"): (value, unit or None, raw text).
    A count, a dose or a time ("2 spoons of sugar", "BM 3 days ago") is no sugar."""
    out: list[tuple[float, str | None, str]] = []
    for m in _GLUCOSE.finditer(text):
        unit = m.group(2)
        if _BM_LABEL.match(m.group(0)) and not (unit or "." in m.group(1)
                                                or _SUGAR_CONTEXT.search(text)):
            continue
        if unit is not None:
            unit = "mg/dL" if unit.lower().startswith("mg") else "mmol/L"
        out.append((float(m.group(1)), unit, m.group(0)))
    return out
