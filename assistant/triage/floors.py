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
