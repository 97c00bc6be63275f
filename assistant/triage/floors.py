"""The deterministic floors of one presentation: red flags, vital-sign modifiers and pain.

``apply_floor`` is the only place the final acuity is formed: min(estimate, floors), so
a floor can only make a case more urgent, never less.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.clinical.labs import find_labs
from assistant.triage.complaints import UNREADABLE
from assistant.triage.parse import Presentation
from assistant.triage.readings import glucose_readings
from assistant.triage.red_flags import RedFlagHit, find_red_flags
from assistant.triage.scores import Floor, ScoreResult, compute_scores, score_floors


@dataclass(frozen=True)
class FloorReport:
    scores: ScoreResult
    red_flags: list[RedFlagHit]
    floors: list[Floor]  # red flags and score floors together

    @property
    def acuity(self) -> int:
        """The most urgent floor (5 = no floor)."""
        return min((f.acuity for f in self.floors), default=5)


def collect_floors(p: Presentation) -> FloorReport:
    """Scores, red flags and every floor they imply for ``p``."""
    scores = compute_scores(p.vitals)
    flags = find_red_flags(p)
    floors = [Floor(h.acuity, h.name, h.evidence) for h in flags]
    floors.extend(score_floors(p.vitals, scores, p.age))
    floors.extend(pain_floors(p))
    floors.extend(lab_floors(p))
    floors.extend(lay_sugar_floors(p))
    floors.extend(hypothermia_floors(p))
    if UNREADABLE.match(p.complaint):
        # Nothing of the complaint survived (e.g. '??', characters lost to an encoding): it
        # cannot be triaged on its content, so a clinician must see the patient now.
        floors.append(Floor(2, "complaint unreadable", repr(p.text[:40])))
    return FloorReport(scores, flags, floors)


SEVERE_PAIN = 8


def pain_floors(p: Presentation) -> list[Floor]:
    """KTAS/CTAS pain modifier: severe pain (NRS 8-10) is at least urgent (3) wherever it is.

    (KTAS puts severe acute *central* pain at 2; that finer grading is left to the model,
    which sees pain by region, so that the floor stays one that experts never grade below.)
    """
    if p.pain is not None and p.pain >= SEVERE_PAIN:
        return [Floor(3, "severe pain (NRS >= 8)", f"pain {p.pain:g}/10")]
    return []


def apply_floor(estimate: int, floor: int) -> int:
    """Final acuity: the more urgent (smaller) of the estimate and the floor."""
    if estimate not in (1, 2, 3, 4, 5) or floor not in (1, 2, 3, 4, 5):
        raise ValueError(f"acuity must be 1..5 (estimate={estimate}, floor={floor})")
    return min(estimate, floor)


def _glucose_mmol(value: float, unit: str | None) -> float:
    """A glucose value in mmol/L (mg/dL when so labelled or when above 35)."""
    if (unit or "").lower() == "mg/dl" or (unit is None and value > 35):
        return value / 18.0
    return value


_CONCENTRATION = re.compile(r"\bconcentration\b", re.I)


def lab_floors(p: Presentation) -> list[Floor]:
    """Results in the text that need emergency treatment whatever the complaint -> 2.

    Published action thresholds (the result alone sends the patient to hospital):

    - potassium >= 6.5 mmol/L (severe hyperkalaemia) or < 2.5 mmol/L: UK Kidney Association,
      Treatment of acute hyperkalaemia in adults (2020); severe hypokalaemia, NICE CKS;
    - sodium < 120 or > 160 mmol/L: European clinical practice guideline on hyponatraemia
      (Spasovski et al. 2014: profound < 125, here the stricter 120); Society for
      Endocrinology emergency guidance;
    - glucose < 3.0 mmol/L (54 mg/dL, ADA level 2 hypoglycaemia) or >= 33.3 mmol/L (600 mg/dL,
      the ADA hyperosmolar hyperglycaemic state criterion);
    - calcium > 3.5 mmol/L (14 mg/dL): Society for Endocrinology emergency guidance, acute
      hypercalcaemia;
    - lactate >= 4 mmol/L: NICE NG51 high-risk criterion (sepsis);
    - blood pH < 7.1: JBDS-IP severe diabetic ketoacidosis criterion (severe acidaemia).

    A low haemoglobin is not here: NICE NG24's 70 g/L is a transfusion threshold, not a
    disposition one (chronic anaemia at that level is often assessed the same day in clinic;
    the knowledge base grades symptomatic severe anaemia).

    Values are read by the shared lab grammar (``assistant.clinical.labs``); a target ("keep
    K > 4") is not a result and is skipped there.
    """
    out: list[Floor] = []
    # "serum calcium concentration is 15.1 mg/dL": the shared grammar reads "<name> level is
    # <value>" but not "concentration" between the name and the value (the same word, a
    # value-reading class of issue 21 round 5); it is read as "level" here.
    for lab in find_labs(_CONCENTRATION.sub("level", p.text)):
        v, unit, name = lab.value, lab.unit, lab.name
        if v is None:
            continue
        why: str | None = None
        if name == "potassium" and (v >= 6.5 or v < 2.5) and v < 15:
            why = "potassium >= 6.5 or < 2.5 mmol/L (UK Kidney Association / NICE CKS)"
        elif name == "sodium" and (v < 120 or v > 160) and v > 80:
            why = "sodium < 120 or > 160 mmol/L (European hyponatraemia guideline 2014)"
        elif name == "glucose":
            g = _glucose_mmol(v, unit)
            if g < 3.0 or g >= 33.3:
                why = "glucose < 3.0 or >= 33.3 mmol/L (ADA level 2 hypoglycaemia / HHS)"
        elif name == "lactate":
            lac = v / 9.0 if (unit or "").lower() == "mg/dl" else v
            if lac >= 4:
                why = "lactate >= 4 mmol/L (NICE NG51 sepsis high-risk criterion)"
        elif name == "pH" and 6.5 <= v < 7.1:
            why = "pH < 7.1 (JBDS-IP severe diabetic ketoacidosis criterion; severe acidaemia)"
        elif name == "calcium":
            ca = v / 4.0 if (unit or "").lower() == "mg/dl" or (unit is None and v > 5) else v
            if ca > 3.5:
                why = "calcium > 3.5 mmol/L (Society for Endocrinology, acute hypercalcaemia)"
        if why is not None:
            out.append(Floor(2, f"critical result: {why}", (lab.raw or "").strip()[:60]))
    return out


# (trifix14d, issue 21) A temperature read from the text that is the weather or a room, not
# the patient ("temperature 35 degrees outside", "room temperature 30", "35 in the room").
_AMBIENT_AFTER = re.compile(r"^[^.;,\n]{0,25}?\b(?:outside|outdoors|indoors|in the (?:room|house|"
                            r"flat|home|car|office)|weather|in here|out there)\b", re.I)
_AMBIENT_BEFORE = re.compile(r"\b(?:room|outside|outdoor|indoor|water|bath|fridge|freezer|"
                             r"weather|air|oven|house)\s*$", re.I)


def hypothermia_floors(p: Presentation) -> list[Floor]:
    """A measured temperature of 35.0 C or less -> 3 (RCP NEWS2: a temperature <= 35.0 C
    scores 3, a red score in one parameter that needs an urgent clinical review; NICE CKS
    hypothermia). Below 32 C the KTAS floor (2) already applies. A weather or room
    temperature is no patient's reading."""
    t = p.vitals.temperature
    if t is None or not 25 <= t <= 35.0:
        return []
    ev = p.evidence.get("temperature", "")
    i = p.text.find(ev) if ev and not ev.endswith("(given)") else -1
    if i >= 0 and (_AMBIENT_AFTER.search(p.text[i + len(ev):])
                   or _AMBIENT_BEFORE.search(p.text[max(0, i - 12):i])):
        return []
    return [Floor(3, "temperature <= 35.0 C (NEWS2 red score 3: hypothermia)", ev or f"T {t:g}")]


# (trifix14d) blood ketones as a lay or ward reading ("ketones 3.5", "blood ketones are 4.2
# mmol/L"); a urine dipstick ("urine ketones 3+", "ketones ++") is graded, not in mmol/L.
_KETONES = re.compile(r"\bketones?\b(?:\s*(?:[:=]|\b(?:is|are|was|were|of|at|reading|level|"
                      r"levels|now|up to|high at)\b))*\s*(\d{1,2}(?:\.\d+)?)(?!\d|\.\d|\s*\+)"
                      r"(?!\s*(?:days?|hours?|times?|x\b))", re.I)
_URINE_BEFORE = re.compile(r"\b(?:urine|dip\w*|wee|pee|ua)\b[^.;]{0,15}$", re.I)
# NHS Diabetic ketoacidosis: with high blood sugar, being sick, deep or fast breathing or
# tummy pain need A&E
_DKA_SIGN = re.compile(r"\b(?:vomit\w*|being sick|been sick|throwing up|threw up|deep\s+breath\w*|"
                       r"breathing\s+(?:deep|deeply|fast)|tummy (?:pain|ache)|stomach (?:pain|ache)|"
                       r"abdominal pain|belly (?:pain|ache)|fruity breath|pear drops?)\b", re.I)
_DKA_SIGN_DENIED = re.compile(r"\b(?:no|not|without|denies|never|isn't|hasn't|haven't|"
                              r"not been)\s+(?:\w+\s+){0,2}$", re.I)
HIGH_SUGAR_MMOL = 11.1  # JBDS-IP DKA: blood glucose > 11.0 mmol/L (or known diabetes)


def lay_sugar_floors(p: Presentation) -> list[Floor]:
    """Blood sugars and ketones told in lay or ward words, which the shared lab grammar does
    not read ("sugar 2.1", "my sugar is 2.1", "BM 1.9"), judged like a lab result:

    - glucose < 3.0 mmol/L or >= 33.3 mmol/L -> 2 (as ``lab_floors``: ADA level 2
      hypoglycaemia / HHS; NHS Low blood sugar, Diabetes UK: under 3 needs treatment now);
    - blood ketones >= 3.0 mmol/L -> 2 (NHS Diabetic ketoacidosis: high ketones, go to A&E;
      JBDS-IP DKA criterion ketonaemia >= 3.0 mmol/L);
    - a sugar > 11.0 mmol/L with vomiting, deep breathing or tummy pain -> 2 (NHS Diabetic
      ketoacidosis symptoms with a high sugar: A&E).
    """
    out: list[Floor] = []
    text = p.text
    high = None
    for value, unit, raw in glucose_readings(text):
        g = _glucose_mmol(value, unit)
        if g < 3.0 or g >= 33.3:
            out.append(Floor(2, "critical result: glucose < 3.0 or >= 33.3 mmol/L (NHS Low "
                                "blood sugar / ADA level 2 hypoglycaemia / HHS)", raw.strip()[:60]))
            break
        if g >= HIGH_SUGAR_MMOL and high is None:
            high = raw
    for m in _KETONES.finditer(text):
        if _URINE_BEFORE.search(text[max(0, m.start() - 25):m.start()]):
            continue
        if 3.0 <= float(m.group(1)) <= 20:
            out.append(Floor(2, "blood ketones >= 3.0 mmol/L (NHS Diabetic ketoacidosis; "
                                "JBDS-IP)", m.group(0).strip()[:60]))
            break
    if high is not None:
        for m in _DKA_SIGN.finditer(text):
            if not _DKA_SIGN_DENIED.search(text[max(0, m.start() - 30):m.start()]):
                out.append(Floor(2, "high blood sugar with vomiting, deep breathing or tummy pain "
                                    "(NHS Diabetic ketoacidosis)", f"{high.strip()[:40]}; {m.group(0)}"))
                break
    return out
