"""Physiologic plausibility ranges: beyond them a vital sign is a data error, not a patient state.

These are *not* normal or alarm ranges (NEWS2 and the triage floors handle abnormal values);
they are the limits of what can be measured on a living patient who is being triaged. A
value outside them is a typo, a wrong unit (98.6 given as degrees C, SpO2 as a fraction) or
a probe artefact, and scoring it would be worse than not having it: a NaN heart rate once
produced acuity 1, an SpO2 of 150 % scored as normal.

Sources for the limits (inclusive, canonical units as in CONTRACT.md):
- temperature 13-47 degrees C: lowest core temperature with survival 13.7 C (Gilbert M et
  al., Lancet 2000;355:375-6); highest recorded with survival 46.5 C (heat stroke, Atlanta
  1980; Guinness record). Anything outside is not a measured body temperature (a Fahrenheit
  value such as 98.6 lands here too).
- spo2 30-100 %: a saturation is a percentage, so > 100 is impossible by definition; pulse
  oximeters are calibrated only down to 70 % (ISO 80601-2-61) and readings below ~30 % are
  probe failure rather than a value to score.
- heart_rate 20-350 /min: covers extreme bradycardia (complete heart block escape rhythms,
  ~20-40) and the fastest conducted rhythms (infant SVT up to ~300, pre-excited AF above
  300); 0 or negative is a data error (an arrest is resuscitated, not triaged on numbers).
- respiratory_rate 2-100 /min: agonal/opioid bradypnoea down to a few breaths a minute,
  neonatal tachypnoea up to ~100.
- systolic_bp 20-300 mmHg and diastolic_bp 5-250 mmHg: the span that non-invasive and
  arterial-line devices report (hypertensive emergencies rarely exceed 300 systolic); 0 is
  "not recordable", which is a free-text finding, not a number.
- weight 0.2-650 kg, height 20-280 cm, bmi 5-250 kg/m2: extreme premature newborns to the
  heaviest and tallest recorded adults.

The same idea is used to clean ICU data sets (e.g. the outlier limits of the MIMIC-III
benchmark, Harutyunyan et al., Sci Data 2019;6:96), where values beyond such limits are
dropped as errors, not scored.
"""

from __future__ import annotations

import math
from typing import Any

from assistant.errors import InputError

#: name -> (lowest plausible, highest plausible, unit), inclusive.
PLAUSIBLE: dict[str, tuple[float, float, str]] = {
    "systolic_bp": (20.0, 300.0, "mmHg"),
    "diastolic_bp": (5.0, 250.0, "mmHg"),
    "heart_rate": (20.0, 350.0, "/min"),
    "respiratory_rate": (2.0, 100.0, "/min"),
    "temperature": (13.0, 47.0, "degrees C"),
    "spo2": (30.0, 100.0, "%"),
    "weight": (0.2, 650.0, "kg"),
    "height": (20.0, 280.0, "cm"),
    "bmi": (5.0, 250.0, "kg/m2"),
}


def implausible_reason(name: str, value: Any) -> str | None:
    """Why ``value`` cannot be a measured ``name`` (None when it can, or the name is unknown).

    Non-numbers, booleans, NaN and infinities are always implausible.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"vitals.{name} must be a number, got {type(value).__name__}"
    try:
        x = float(value)
    except OverflowError:  # an int too large for a float
        return f"vitals.{name} = {str(value)[:20]}... is not a finite number"
    if not math.isfinite(x):
        return f"vitals.{name} = {x} is not a finite number"
    limits = PLAUSIBLE.get(name)
    if limits is None:
        return None
    lo, hi, unit = limits
    if not lo <= x <= hi:
        return (f"vitals.{name} = {x:g} {unit} is outside the plausible range {lo:g}-{hi:g} "
                f"{unit}: a data error (typo, wrong unit or probe artefact), not a patient "
                "state; correct or remove it")
    return None


def check_vital(name: str, value: float | None) -> float | None:
    """``value`` when it is a plausible measurement of vital ``name``; None passes through.

    Raises InputError (naming the vital, the value and the plausible range) for NaN,
    infinities and values outside PLAUSIBLE, so they never reach scoring or the output.
    """
    if value is None:
        return None
    reason = implausible_reason(name, value)
    if reason is not None:
        raise InputError(reason)
    return float(value)


def is_finite_number(value: Any) -> bool:
    """True for an int or float (not bool) that is neither NaN nor infinite."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False
