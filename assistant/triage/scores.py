"""Vital-sign scores exactly as published, and the acuity floors they imply.

- NEWS2: Royal College of Physicians, *National Early Warning Score (NEWS) 2*, 2017, chart 1
  (SpO2 scale 1 by default; scale 2 only when the patient has a prescribed 88-92 % target,
  i.e. hypercapnic respiratory failure).
- qSOFA: Singer et al., JAMA 2016 (Sepsis-3): respiratory rate >= 22/min, altered mentation,
  systolic BP <= 100 mmHg; one point each.
- Shock index: heart rate / systolic BP (>= 1.0 is abnormal).

A parameter that was not measured adds nothing, so a NEWS2 from incomplete vitals is a lower
bound of the full score; that keeps it safe to use as a floor. ``news2_params`` says how many
of the seven parameters were measured.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# AVPU as the project uses it: A alert, V responds to voice, P to pain, U unresponsive;
# "C" (new confusion) scores like V/P/U in NEWS2 (ACVPU).
AVPU_LEVELS = ("A", "C", "V", "P", "U")


@dataclass
class Vitals:
    """Observations at triage, canonical units (mmHg, /min, degrees C, %)."""

    systolic_bp: float | None = None
    diastolic_bp: float | None = None
    heart_rate: float | None = None
    respiratory_rate: float | None = None
    temperature: float | None = None
    spo2: float | None = None
    avpu: str | None = None  # A|C|V|P|U
    on_oxygen: bool | None = None
    hypercapnic: bool = False  # SpO2 scale 2 (target 88-92 %)

    def measured(self) -> dict[str, float | str | bool]:
        """The observations that are present (for reasons and logs)."""
        return {k: v for k, v in self.__dict__.items() if v is not None and k != "hypercapnic"}


@dataclass
class ScoreResult:
    news2: int | None
    news2_params: int
    news2_parts: dict[str, int] = field(default_factory=dict)
    qsofa: int | None = None
    shock_index: float | None = None

    def as_dict(self) -> dict[str, float | int | None]:
        """The ``scores`` field of a TriageRecord."""
        return {"news2": self.news2, "news2_params": self.news2_params, "qsofa": self.qsofa,
                "shock_index": None if self.shock_index is None else round(self.shock_index, 2)}


def news2_respiratory_rate(rr: float) -> int:
    if rr <= 8:
        return 3
    if rr <= 11:
        return 1
    if rr <= 20:
        return 0
    if rr <= 24:
        return 2
    return 3


def news2_spo2_scale1(spo2: float) -> int:
    if spo2 <= 91:
        return 3
    if spo2 <= 93:
        return 2
    if spo2 <= 95:
        return 1
    return 0


def news2_spo2_scale2(spo2: float, on_oxygen: bool) -> int:
    """Scale 2 (hypercapnic respiratory failure, target 88-92 %)."""
    if spo2 <= 83:
        return 3
    if spo2 <= 85:
        return 2
    if spo2 <= 87:
        return 1
    if spo2 <= 92 or not on_oxygen:
        return 0  # 88-92, or >= 93 on air
    if spo2 <= 94:
        return 1
    if spo2 <= 96:
        return 2
    return 3


def news2_systolic_bp(sbp: float) -> int:
    if sbp <= 90:
        return 3
    if sbp <= 100:
        return 2
    if sbp <= 110:
        return 1
    if sbp <= 219:
        return 0
    return 3


def news2_pulse(hr: float) -> int:
    if hr <= 40:
        return 3
    if hr <= 50:
        return 1
    if hr <= 90:
        return 0
    if hr <= 110:
        return 1
    if hr <= 130:
        return 2
    return 3


def news2_temperature(t: float) -> int:
    if t <= 35.0:
        return 3
    if t <= 36.0:
        return 1
    if t <= 38.0:
        return 0
    if t <= 39.0:
        return 1
    return 2


def news2_consciousness(avpu: str) -> int:
    return 0 if avpu.upper() == "A" else 3


def news2(v: Vitals) -> tuple[int | None, dict[str, int]]:
    """NEWS2 aggregate and its parts; None when no parameter was measured."""
    parts: dict[str, int] = {}
    if v.respiratory_rate is not None:
        parts["respiratory_rate"] = news2_respiratory_rate(v.respiratory_rate)
    if v.spo2 is not None:
        parts["spo2"] = (news2_spo2_scale2(v.spo2, bool(v.on_oxygen)) if v.hypercapnic
                         else news2_spo2_scale1(v.spo2))
    if v.on_oxygen is not None:
        parts["air_or_oxygen"] = 2 if v.on_oxygen else 0
    if v.systolic_bp is not None:
        parts["systolic_bp"] = news2_systolic_bp(v.systolic_bp)
    if v.heart_rate is not None:
        parts["heart_rate"] = news2_pulse(v.heart_rate)
    if v.avpu is not None:
        parts["consciousness"] = news2_consciousness(v.avpu)
    if v.temperature is not None:
        parts["temperature"] = news2_temperature(v.temperature)
    if not parts:
        return None, parts
    return sum(parts.values()), parts


def qsofa(v: Vitals) -> int | None:
    """qSOFA 0-3; None when none of its three parameters is known."""
    if v.respiratory_rate is None and v.systolic_bp is None and v.avpu is None:
        return None
    score = 0
    if v.respiratory_rate is not None and v.respiratory_rate >= 22:
        score += 1
    if v.avpu is not None and v.avpu.upper() != "A":
        score += 1
    if v.systolic_bp is not None and v.systolic_bp <= 100:
        score += 1
    return score


def shock_index(v: Vitals) -> float | None:
    """Heart rate / systolic BP; None unless both are known and SBP is positive."""
    if v.heart_rate is None or not v.systolic_bp:
        return None
    return v.heart_rate / v.systolic_bp


def compute_scores(v: Vitals) -> ScoreResult:
    """NEWS2, qSOFA and shock index for one set of vitals."""
    total, parts = news2(v)
    return ScoreResult(news2=total, news2_params=len(parts), news2_parts=parts,
                       qsofa=qsofa(v), shock_index=shock_index(v))


@dataclass(frozen=True)
class Floor:
    """A minimum acuity (1 most urgent) and why."""

    acuity: int
    name: str
    evidence: str


# Upper limits of normal heart and respiratory rate by age (years) for children, where the adult
# limits (NEWS2 bands, the SIRS HR > 90 / RR > 20 of the fever modifier) do not apply (RCP:
# NEWS2 is not for under-16s): NICE NG143 fever in under 5s (amber: RR > 50 at 6-12 months, > 40
# over 12 months; HR > 160 under 12 months, > 150 at 12-24 months, > 140 at 2-5 years) and APLS
# normal ranges above 5 (HR 5-12 y <= 120, 12-16 y <= 100; RR 5-12 y <= 25, 12-16 y <= 20).
# Under 6 months NG143 names no amber breathing rate and its red one is RR > 60 at any age
# (a newborn breathes 30-60 a minute), so the limit there is 60, not the 50 of 6-12 months.
# The one source of truth for both the fever floor here and the self-care safety net
# (``knowledge.child_vitals_out_of_range``).
CHILD_LIMITS: tuple[tuple[float, float, float], ...] = (  # (age below, max HR, max RR)
    (0.5, 160, 60), (1.0, 160, 50), (2.0, 150, 40), (5.0, 140, 40), (12.0, 120, 25), (16.0, 100, 20))
NEWS2_ADULT_AGE = 16.0
ADULT_FEVER_HR, ADULT_FEVER_RR = 90.0, 20.0  # SIRS limits (adults)


def rate_limits(age: float | None) -> tuple[float, float]:
    """(max normal heart rate, max normal respiratory rate) for ``age`` in years: the child's
    range for age under 16 (CHILD_LIMITS), else the adult SIRS limits (also when age is
    unknown, as the KTAS data are adults)."""
    if age is not None and 0 <= age < NEWS2_ADULT_AGE:
        return next((h, r) for below, h, r in CHILD_LIMITS if age < below)
    return ADULT_FEVER_HR, ADULT_FEVER_RR


# Children's vital signs: the normal range for age (scores.CHILD_LIMITS: NICE NG143 / APLS, one
# source of truth with the fever floor). SpO2 below 95 % is out of range at any age (NG143);
# systolic BP below 70 + 2 x age (1-10 years) or 90 (over 10) is hypotension (APLS/PALS).
CHILD_MIN_SPO2 = 95.0


def child_min_sbp(age: float) -> float:
    """Lowest normal systolic BP for a child (APLS/PALS): 70 + 2 x age (1-10 years), 90 over 10."""
    return 90.0 if age > 10 else 70.0 + 2 * max(age, 0.0)


def child_vitals_out_of_range(age: float, vitals: Vitals) -> str | None:
    """Why a child's vital signs are out of the normal range for age (None when they are not
    or none were given); ``age`` must be under 16."""
    hr_max, rr_max = rate_limits(age)
    if vitals.heart_rate is not None and vitals.heart_rate > hr_max:
        return f"heart rate {vitals.heart_rate:g} > {hr_max:g} for age {age:g}"
    if vitals.respiratory_rate is not None and vitals.respiratory_rate > rr_max:
        return f"respiratory rate {vitals.respiratory_rate:g} > {rr_max:g} for age {age:g}"
    sbp_min = child_min_sbp(age)
    if vitals.systolic_bp is not None and vitals.systolic_bp < sbp_min:
        return f"systolic BP {vitals.systolic_bp:g} < {sbp_min:g} for age {age:g}"
    if vitals.spo2 is not None and vitals.spo2 < CHILD_MIN_SPO2:
        return f"SpO2 {vitals.spo2:g} < {CHILD_MIN_SPO2:g}"
    if (vitals.avpu or "A").upper() != "A":
        return f"AVPU {vitals.avpu}"
    return None


def score_floors(v: Vitals, s: ScoreResult, age: float | None = None) -> list[Floor]:
    """Acuity floors from the vital signs: KTAS first-order modifiers plus NEWS2/qSOFA.

    KTAS (Korean Triage and Acuity Scale, adapted from CTAS) grades a complaint and then
    applies *first-order modifiers*; the floors follow them (adult values):

    - level of consciousness: unresponsive (GCS 3-8) -> 1; responds only to voice or pain,
      or new confusion (GCS 9-13) -> 2;
    - respiratory distress by SpO2: < 85 % -> 1, < 92 % -> 2 (moderate), 92-94 % -> 3 (mild);
      respiratory rate < 6 or > 40 -> 1, <= 8 or >= 30 -> 2;
    - haemodynamics: shock (SBP < 70, HR < 30 or > 180) -> 1; haemodynamic compromise
      (SBP < 90, HR <= 40 or >= 150) -> 2; SBP >= 220 -> 2;
    - temperature: < 32 or >= 41 C -> 2; fever >= 38 C with HR > 90 and RR > 20 (looks
      septic: all three SIRS vital signs) -> 2; fever with HR > 90 or RR > 20 (unwell) -> 3.
      For a child (``age`` under 16) the heart and breathing rates are judged against the
      normal range for age (``rate_limits``: NICE NG143 / APLS), not the adult 90 and 20, and
      the fast-HR/RR and low-SBP bands count only when also out of the range for age.

    NEWS2 and qSOFA stay computed and reported; since KTAS experts do not grade by them,
    they only mark a case urgent: NEWS2 >= 5 (RCP urgent-response band) or qSOFA >= 2 -> 3.
    NEWS2 is not for under-16s (RCP) and qSOFA is an adult score (Sepsis-3): for a child
    (``age`` under 16) the floor is instead a vital sign out of the normal range for age
    (``child_vitals_out_of_range``) -> 3.
    The SpO2 bands do not apply on SpO2 scale 2 (a prescribed 88-92 % target).
    """
    out: list[Floor] = []
    if age is not None and 0 <= age < NEWS2_ADULT_AGE:
        # NEWS2 is not for under-16s (RCP), qSOFA is an adult score (Sepsis-3; its RR >= 22 and
        # SBP <= 100 are normal in young children): a child's vital signs out of the range for
        # age (NICE NG143 amber / APLS, the same table as the self-care safety net) -> 3.
        why = child_vitals_out_of_range(age, v)
        if why is not None:
            out.append(Floor(3, "vital signs out of range for age (NICE NG143 / APLS)", why))
    else:
        if s.news2 is not None and s.news2 >= 5:
            out.append(Floor(3, "NEWS2 >= 5 (urgent response)", f"NEWS2 {s.news2}"))
        if s.qsofa is not None and s.qsofa >= 2:
            out.append(Floor(3, "qSOFA >= 2 (sepsis risk)", f"qSOFA {s.qsofa}"))
    out.extend(ktas_modifier_floors(v, age))
    out.extend(sepsis_risk_floors(v, age))
    return out


def sepsis_risk_floors(v: Vitals, age: float | None = None) -> list[Floor]:
    """NICE NG51 (Sepsis: recognition, diagnosis and early management) for adults: with a
    measured fever (>= 38 C), i.e. a possible infection, one
    *high-risk* criterion (HR > 130, RR >= 25, SBP <= 90) or two *moderate-to-high-risk*
    criteria (HR 91-130, RR 21-24, SBP 91-100) need an emergency assessment (NG51: senior
    review and blood tests within the hour) -> 2.

    The KTAS fever modifier above already gives 2 for fever with HR > 90 and RR > 20; this
    adds the blood-pressure criterion (fever, HR 120, BP 95/60: septic shock in the making)
    and the single high-risk ones. Adults only (NG51 uses other bands under 18; the child
    floors are the age-banded ones above); a missing value is not counted.
    """
    if age is not None and age < NEWS2_ADULT_AGE:
        return []
    t = v.temperature
    if t is None or t < 38:
        return []
    hr, rr, sbp = v.heart_rate, v.respiratory_rate, v.systolic_bp
    high = [f"{k} {x:g}" for k, x, hit in (
        ("HR", hr, hr is not None and hr > 130), ("RR", rr, rr is not None and rr >= 25),
        ("SBP", sbp, sbp is not None and sbp <= 90)) if hit and x is not None]
    moderate = [f"{k} {x:g}" for k, x, hit in (
        ("HR", hr, hr is not None and 90 < hr <= 130),
        ("RR", rr, rr is not None and 21 <= rr < 25),
        ("SBP", sbp, sbp is not None and 90 < sbp <= 100)) if hit and x is not None]
    ev = ", ".join([f"T {t:g}", *high, *moderate])
    if high:
        return [Floor(2, "NICE NG51 sepsis high-risk criterion with fever",
                      ev)]
    if len(moderate) >= 2:
        return [Floor(2, "NICE NG51 sepsis: two moderate-to-high-risk criteria with fever", ev)]
    return []


def ktas_modifier_floors(v: Vitals, age: float | None = None) -> list[Floor]:
    """The KTAS/CTAS first-order vital-sign modifiers that apply to ``v`` (see score_floors)."""
    out: list[Floor] = []
    avpu = (v.avpu or "").upper()
    if avpu == "U":
        out.append(Floor(1, "unresponsive", "AVPU U"))
    elif avpu in ("V", "C", "P"):
        out.append(Floor(2, "altered consciousness", f"AVPU {avpu}"))
    checks: list[tuple[bool, int, str, str]] = []
    # A child's fast heart or breathing rate, or low blood pressure, counts only when it is also
    # out of the normal range for age (CHILD_LIMITS, NICE NG143 / APLS): the adult bands
    # (HR >= 150, RR >= 30, SBP < 90) are normal values for an infant. Adults: no change.
    child = age is not None and 0 <= age < NEWS2_ADULT_AGE
    hr_max, rr_max = rate_limits(age) if child else (0.0, 0.0)
    sbp_min = child_min_sbp(age) if child and age is not None else 1000.0
    fast_hr = v.heart_rate is not None and v.heart_rate > hr_max
    fast_rr = v.respiratory_rate is not None and v.respiratory_rate > rr_max
    low_sbp = v.systolic_bp is not None and v.systolic_bp < sbp_min
    if v.spo2 is not None and not v.hypercapnic:
        sp = f"SpO2 {v.spo2:g}"
        checks += [(v.spo2 < 85, 1, "SpO2 < 85 % (severe respiratory distress)", sp),
                   (85 <= v.spo2 < 92, 2, "SpO2 < 92 % (moderate respiratory distress)", sp),
                   (92 <= v.spo2 < 95, 3, "SpO2 92-94 % (mild respiratory distress)", sp)]
    if v.systolic_bp is not None:
        bp = f"SBP {v.systolic_bp:g}"
        checks += [(v.systolic_bp < 70 and low_sbp, 1, "systolic BP < 70 (shock)", bp),
                   (70 <= v.systolic_bp < 90 and low_sbp, 2,
                    "systolic BP < 90 (haemodynamic compromise)", bp),
                   (v.systolic_bp >= 220, 2, "systolic BP >= 220", bp)]
    if v.heart_rate is not None:
        hr = f"HR {v.heart_rate:g}"
        checks += [(v.heart_rate < 30 or (v.heart_rate > 180 and fast_hr), 1,
                    "heart rate < 30 or > 180", hr),
                   (30 <= v.heart_rate <= 40 or (150 <= v.heart_rate <= 180 and fast_hr), 2,
                    "heart rate <= 40 or >= 150", hr)]
    if v.respiratory_rate is not None:
        rr = f"RR {v.respiratory_rate:g}"
        checks += [(v.respiratory_rate < 6 or (v.respiratory_rate > 40 and fast_rr), 1,
                    "respiratory rate < 6 or > 40", rr),
                   (6 <= v.respiratory_rate <= 8 or (30 <= v.respiratory_rate <= 40 and fast_rr),
                    2,
                    "respiratory rate <= 8 or >= 30", rr)]
    if v.temperature is not None:
        t = v.temperature
        checks.append((t < 32 or t >= 41, 2, "temperature < 32 or >= 41 C", f"T {t:g}"))
        if 38 <= t < 41:
            hr_max, rr_max = rate_limits(age)
            tachy = v.heart_rate is not None and v.heart_rate > hr_max
            tachyp = v.respiratory_rate is not None and v.respiratory_rate > rr_max
            lim = "" if (hr_max, rr_max) == (ADULT_FEVER_HR, ADULT_FEVER_RR) else (
                f" for age {age:g}")
            # Only the values that were measured: a missing one is left out, never "None".
            ev = ", ".join([f"T {t:g}"] + [f"{k} {x:g}" for k, x in
                                           (("HR", v.heart_rate), ("RR", v.respiratory_rate))
                                           if x is not None])
            checks += [(tachy and tachyp, 2,
                        f"fever with HR > {hr_max:g} and RR > {rr_max:g}{lim} (looks septic)", ev),
                       (tachy != tachyp, 3,
                        f"fever with HR > {hr_max:g} or RR > {rr_max:g}{lim} (unwell)", ev)]
    out.extend(Floor(a, name, ev) for hit, a, name, ev in checks if hit)
    return out
