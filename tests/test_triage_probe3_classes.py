"""Error classes of issue 21, round 4: why emergencies on unseen vignettes were not recognised.

Found on ``eval/data/triage_real/probe3_dev.tsv`` (128 fresh MedQA/MedMCQA vignettes, labelled
before the triage path ran on them; 15 of 67 emergencies missed), classified by mechanism:

1. **value reading**: a heart rate given as a range or after prose ("pulse is irregular with a
   rate of 140-150/min") was not read, so the KTAS haemodynamic floor never saw it; the same
   class in other prose forms ("tachycardic to 140", "85/palpable", "febrile to 39.8",
   "pulse oximetry shows 89%", "82 percent", "Glasgow coma scale of 8");
2. **published vital-sign thresholds**: fever with HR 120 and BP 95/60 had only NEWS2 / qSOFA
   "urgent" floors: the NICE NG51 sepsis criteria (one high-risk or two moderate-to-high-risk
   criteria with a possible infection) are now an emergency floor for adults;
3. **finding phrased differently (red flags)**: stroke signs named as sensory loss on one side,
   sudden ataxia or a homonymous field loss; a fall in responsiveness from the person's own
   baseline; "difficulty in breathing";
4. **finding phrased differently (knowledge base)**: a joint that "appears red and swollen and
   is hot", an S3 / "additional heart sound after S2" in heart failure, "cough with flecks of
   blood" with dark urine, "pain and redness in his eyes" with "difficulty seeing";
5. **missing entries**: a knocked-out adult tooth; a young child who got into medicines or
   supplements and is now unwell;
6. **published threshold not applied / pregnancy read from its signs**: severe hypertension
   (>= 160 systolic or >= 110 diastolic, NICE NG133) in a pregnancy stated by a palpable
   fundus or weeks of gestation was routine;
7. **self-care finding phrased differently**: "scratches his perianal area" at night
   (threadworms, NHS: pharmacy);
8. **results in the text** (lab values, ECG), found by a written battery of emergency
   presentations in exam phrasing after the probe3 classes: a potassium of 7.1, a sodium of
   112, a glucose of 38 mg/dL or an ECG with ST elevation set no floor; nor did a "very
   sleepy" febrile infant (NICE NG143 red); a second battery: imaging that shows a
   time-critical diagnosis (pneumothorax, subarachnoid haemorrhage, pulmonary embolus), a
   lactate of 5.2 (NICE NG51) or a pH of 7.05;
9. **negation scope** (a third battery, history and negation wording): "a man with no history
   of heart disease has crushing chest pain ..." negated the chest pain: a finite "has" /
   "presents" now ends a negated history's scope (a cue after it still negates).

Every sentence here was written for its class (not copied from a data set). The positive
cases fail on the code before this change; each near-miss guard stays below the emergency
level; floors are only ever added, never lowered.
"""

from __future__ import annotations

import pytest

# the self-care class file's reader (same folder); the `triager` fixture is conftest's
from test_triage_selfcare_classes import _acuity as _rec  # noqa: E402

from assistant.clinical.context import clause_negated
from assistant.triage import Triager
from assistant.triage.parse import parse_case
from assistant.triage.red_flags import find_red_flags
from assistant.triage.scores import Vitals, compute_scores, score_floors, sepsis_risk_floors


def _flags(text: str) -> list[str]:
    return [h.name for h in find_red_flags(parse_case({"id": "c", "text": text}))]


# ---- 1. heart rate as a range or after prose ----
@pytest.mark.parametrize(("text", "hr"), [
    ("Her pulse is irregular with a rate of 140\u2013150/min.", 150.0),
    ("Heart rate between 130 and 145 bpm on arrival.", 145.0),
    ("The pulse is irregularly irregular at a rate of 128/min.", 128.0),
    # guards: a single value is read as before; a range keeps its upper value only
    ("Pulse 88/min, blood pressure 120/80 mm Hg.", 88.0),
    ("Pulse 72-80/min at rest.", 80.0),
])
def test_heart_rate_range_and_prose(text: str, hr: float) -> None:
    assert parse_case({"id": "c", "text": text}).vitals.heart_rate == hr


def test_heart_rate_range_sets_the_haemodynamic_floor(triager: Triager) -> None:
    text = ("60-year-old woman with palpitations for two days; her pulse is irregular with a "
            "rate of 140-152/min and blood pressure 118/70 mm Hg.")
    assert _rec(triager, text)[0] == 2
    # near miss: the same sentence with a normal rate range
    assert _rec(triager, text.replace("140-152", "70-82"))[0] >= 3


@pytest.mark.parametrize(("text", "name", "value"), [
    ("In the ambulance he was tachycardic to 142.", "heart_rate", 142.0),
    ("She became hypotensive to 74/40 after the fall.", "systolic_bp", 74.0),
    ("Blood pressure was 82/palpable.", "systolic_bp", 82.0),
    ("His systolic blood pressure is 78 mm Hg.", "systolic_bp", 78.0),
    ("He has been febrile to 39.8 since noon.", "temperature", 39.8),
    ("She was febrile to 103.1 overnight.", "temperature", 39.5),
    ("Pulse oximetry shows 86% on room air.", "spo2", 86.0),
    ("He is saturating 88% on air.", "spo2", 88.0),
    ("Oxygen saturation was 83 percent.", "spo2", 83.0),
    ("The child is breathing 52 times a minute.", "respiratory_rate", 52.0),
])
def test_vital_signs_in_prose(text: str, name: str, value: float) -> None:
    assert getattr(parse_case({"id": "c", "text": text}).vitals, name) == value


@pytest.mark.parametrize(("text", "name"), [
    ("A grade 3 systolic murmur at the apex.", "systolic_bp"),
    ("She is saturating well on room air.", "spo2"),
    ("He was febrile last week; feels fine now.", "temperature"),
])
def test_prose_vitals_guards(text: str, name: str) -> None:
    assert getattr(parse_case({"id": "c", "text": text}).vitals, name) is None


def test_prose_vitals_set_floors(triager: Triager) -> None:
    # SpO2 < 92 % (KTAS moderate respiratory distress) and GCS 8 (KTAS: responds to pain)
    assert _rec(triager, "55-year-old with a cough; pulse oximetry shows 89% on room air.")[0] == 2
    assert _rec(triager, "55-year-old found on the floor, Glasgow coma scale of 8.")[0] <= 2
    assert _rec(triager, "55-year-old with a cough; pulse oximetry shows 97% on room air.")[0] >= 3


def test_non_heart_rate_range_is_not_read() -> None:
    p = parse_case({"id": "c", "text": "Platelets 140-150 thousand; she feels well."})
    assert p.vitals.heart_rate is None


# ---- 2. NICE NG51 sepsis criteria with a measured fever (adults) ----
@pytest.mark.parametrize(("vitals", "age", "floor"), [
    (Vitals(temperature=39.4, heart_rate=120, systolic_bp=95), 40.0, 2),     # 2 moderate
    (Vitals(temperature=38.6, heart_rate=135), 50.0, 2),                     # HR > 130
    (Vitals(temperature=38.2, respiratory_rate=26), None, 2),                # RR >= 25
    (Vitals(temperature=38.4, respiratory_rate=22, systolic_bp=98), 30.0, 2),
    # guards: one moderate criterion; no fever; a child (age-banded floors apply instead)
    (Vitals(temperature=38.5, heart_rate=95, systolic_bp=120), 40.0, None),
    (Vitals(temperature=37.0, heart_rate=120, systolic_bp=95), 40.0, None),
    (Vitals(temperature=35.5, heart_rate=120, systolic_bp=95), 40.0, None),
    (Vitals(temperature=39.0, heart_rate=125, systolic_bp=95), 8.0, None),
])
def test_ng51_sepsis_floor(vitals: Vitals, age: float | None, floor: int | None) -> None:
    got = sepsis_risk_floors(vitals, age)
    assert (got[0].acuity if got else None) == floor
    # it is one of the floors score_floors reports, next to the KTAS ones (never instead)
    all_floors = score_floors(vitals, compute_scores(vitals), age)
    assert all(f in all_floors for f in got)


def test_ng51_floor_reaches_the_record(triager: Triager) -> None:
    text = ("40-year-old with a red, painful thigh after a graze 4 days ago. Temperature "
            "39.4\u00b0C, heart rate 120/min, blood pressure 95/60 mm Hg.")
    assert _rec(triager, text)[0] == 2
    assert _rec(triager, text.replace("heart rate 120/min", "heart rate 84/min"))[0] >= 3


def test_ng51_never_lowers_a_ktas_floor() -> None:
    v = Vitals(temperature=39.0, heart_rate=190, systolic_bp=60)  # shock: KTAS 1
    floors = score_floors(v, compute_scores(v), 40.0)
    assert min(f.acuity for f in floors) == 1


# ---- 3. red flags phrased differently ----
@pytest.mark.parametrize(("text", "flag", "fires"), [
    ("Sudden-onset left-sided body numbness for 40 minutes.", "stroke signs (FAST)", True),
    ("Examination shows reduced sensation to pinprick on the right side of the face and body; "
     "this started an hour ago.", "stroke signs (FAST)", True),
    ("He presents with right-sided numbness and double vision.", "stroke signs (FAST)", True),
    ("This morning her walking suddenly became ataxic.", "stroke signs (FAST)", True),
    ("Exam shows a new left homonymous hemianopia.", "stroke signs (FAST)", True),
    ("Her carers say she is less responsive than her usual baseline today.",
     "altered mental status", True),
    ("Known heart failure, now has difficulty in breathing.", "shortness of breath", True),
    # guards: chronic sensory loss, a chiasmal field defect, response to a treatment
    ("Left-sided numbness of the foot for 6 years from diabetic neuropathy.",
     "stroke signs (FAST)", False),
    ("Bitemporal hemianopia found at the optician; headaches for months.",
     "stroke signs (FAST)", False),
    ("The tumour was less responsive to chemotherapy than hoped; she is well.",
     "altered mental status", False),
    ("No numbness on either side; she is back to her usual self.",
     "stroke signs (FAST)", False),
])
def test_red_flag_phrasings(text: str, flag: str, fires: bool) -> None:
    assert (flag in _flags(text)) is fires


# ---- 4. knowledge-base findings phrased differently ----
@pytest.mark.parametrize(("text", "condition"), [
    ("17-year-old with sudden severe knee pain; the knee appears red and swollen and is hot to "
     "touch. Temperature 39.0\u00b0C.", "septic arthritis"),
    ("70-year-old breathless walking to the car, bilateral crackles, an extra heart sound "
     "after S2 and ankle oedema.", "acute heart failure"),
    ("55-year-old with a cough with flecks of blood and dark urine for 2 weeks.",
     "coughing blood with kidney involvement (pulmonary-renal syndrome)"),
    ("45-year-old with severe pain and redness in his eyes since this morning and difficulty "
     "seeing.", "painful red eye with reduced vision (keratitis, uveitis, acute glaucoma)"),
])
def test_kb_phrasings_reach_emergency(triager: Triager, text: str, condition: str) -> None:
    acuity, cond = _rec(triager, text)
    assert acuity <= 2
    assert cond == condition


@pytest.mark.parametrize("text", [
    "60-year-old with knee pain and stiffness on getting up for years, no fever.",
    "70-year-old with mild ankle swelling in the evening, breathing normally.",
    "55-year-old smoker with a cough for 2 weeks, no blood, urine normal.",
    "45-year-old with red, gritty eyes and sticky discharge, vision normal, no pain.",
    "70-year-old whose reading vision has gradually blurred over several years.",
])
def test_kb_phrasing_near_misses_stay_below_emergency(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] >= 3


# ---- 5. entries that were missing ----
@pytest.mark.parametrize(("text", "emergency"), [
    ("13-year-old whose front tooth was knocked out by a cricket ball 30 minutes ago.", True),
    ("5-year-old girl who got into her grandfather's tablets and is now drowsy and vomiting.",
     True),
    ("3-year-old who was playing with his aunt's bag holding a bottle of iron supplements, "
     "now with tummy pain and black stool.", True),
    # guards: a baby tooth; a child on a daily vitamin; an adult (no age: entry not used)
    ("5-year-old whose wobbly baby tooth came out while eating an apple.", False),
    ("4-year-old who takes a daily vitamin supplement, eating well and playing normally.",
     False),
])
def test_missing_entries(triager: Triager, text: str, emergency: bool) -> None:
    assert (_rec(triager, text)[0] <= 2) is emergency


# ---- 6. severe hypertension in pregnancy (NICE NG133) ----
@pytest.mark.parametrize(("text", "fires"), [
    ("30-year-old, period 4 months late, the fundus of the uterus is palpable at the umbilicus; "
     "blood pressure 162/98 mm Hg.", True),
    ("26-year-old, 30 weeks pregnant, blood pressure 150/112 mm Hg, headache.", True),
    # guards: pregnant with a raised but not severe value; severe value, not pregnant
    ("26-year-old, 30 weeks pregnant, blood pressure 148/96 mm Hg.", False),
    ("58-year-old man with blood pressure 172/108 mm Hg and no symptoms.", False),
    ("She is not pregnant; blood pressure 166/104 mm Hg.", False),
])
def test_severe_hypertension_in_pregnancy(text: str, fires: bool) -> None:
    assert ("severe hypertension in pregnancy" in _flags(text)) is fires


# ---- 7. threadworms in other words ----
def test_threadworm_phrasing_reaches_self_care(triager: Triager) -> None:
    text = ("6-year-old who sleeps badly and keeps scratching his perianal area at night; "
            "otherwise well.")
    assert _rec(triager, text) == (5, "threadworms")
    # near miss: the same with blood and weight loss is not self-care
    assert _rec(triager, text.replace("otherwise well", "some blood and weight loss"))[0] < 5


# ---- 8. critical results and ECG findings in the text; a very sleepy infant ----
@pytest.mark.parametrize(("text", "emergency"), [
    ("45-year-old with muscle weakness; serum potassium is 7.1 mEq/L.", True),
    ("62-year-old who is tired; serum sodium of 112 mEq/L.", True),
    ("70-year-old with new thirst; blood glucose 650 mg/dL.", True),
    ("30-year-old on insulin, sweaty; blood glucose 2.4 mmol/L.", True),
    ("58-year-old with constipation; calcium 14.6 mg/dL.", True),
    ("65-year-old with 2 hours of chest discomfort; the ECG shows ST-segment elevation in "
     "leads II, III and aVF.", True),
    ("6-month-old with a temperature of 38.4\u00b0C who is very sleepy and not feeding.", True),
    # guards: values in range, a target, a negated ECG finding, a low haemoglobin alone
    ("45-year-old with a cough; serum potassium is 4.6 mEq/L and sodium 138 mEq/L.", False),
    ("Plan: keep potassium above 4; glucose 110 mg/dL; she feels well.", False),
    ("40-year-old with a cough for a week; the ECG shows no ST elevation.", False),
    ("66-year-old with 6 months of tiredness; hemoglobin 6.8 g/dL.", False),
])
def test_results_in_text(triager: Triager, text: str, emergency: bool) -> None:
    assert (_rec(triager, text)[0] <= 2) is emergency


@pytest.mark.parametrize(("text", "emergency"), [
    ("60-year-old whose chest x-ray is showing a large right pneumothorax.", True),
    ("50-year-old with a headache; the CT of the head shows a subarachnoid hemorrhage.", True),
    ("44-year-old whose CT angiogram reveals a pulmonary embolus.", True),
    ("48-year-old with a cough; lactate 5.2 mmol/L.", True),
    ("22-year-old with type 1 diabetes; arterial blood gas shows pH 7.05.", True),
    # guards: a negated finding, an old scan, a physiological finding, normal values
    ("60-year-old with a cough; the chest x-ray shows no pneumothorax.", False),
    ("A CT scan 3 years ago showed a small pulmonary embolus; now a mild cough for 2 days.",
     False),
    ("30-year-old; ultrasound shows a small amount of free fluid after ovulation.", False),
    ("48-year-old with a cough; lactate 1.4 mmol/L; pH 7.38.", False),
])
def test_imaging_and_acid_base_results(triager: Triager, text: str, emergency: bool) -> None:
    assert (_rec(triager, text)[0] <= 2) is emergency


def test_probe3_is_fresh_and_labelled_from_the_table() -> None:
    """probe3: >= 120 vignettes, none from an earlier set (held-out included), each label a
    table row, departures from the row's default explained in the note."""
    import csv
    from collections import Counter
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "eval/data/triage_real"

    def rows_of(name: str) -> list[dict[str, str]]:
        lines = [ln for ln in (data / name).read_text(encoding="utf-8").splitlines()
                 if ln and not ln.startswith("#")]
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))

    import json

    rows = rows_of("probe3_dev.tsv")
    table = {r["condition"]: r for r in rows_of("dispositions.tsv")}
    assert len(rows) == 128
    assert Counter(r["disposition"] for r in rows) == {
        "emergency": 67, "non_emergency": 55, "self_care": 6}
    earlier = {json.loads(ln)["id"] for name in ("labels.jsonl", "skipped.jsonl")
               for ln in (data / name).read_text(encoding="utf-8").splitlines() if ln.strip()}
    earlier |= {r["id"] for r in rows_of("probe_dev.tsv") + rows_of("probe2_dev.tsv")}
    ids = [r["id"] for r in rows] + [r["id"] for r in rows_of("probe3_skipped.tsv")]
    assert len(set(ids)) == len(ids) and not earlier & set(ids)
    for r in rows:
        assert r["batch"] in {"E", "G"}, r
        assert r["rule"] in table, f"{r['id']}: rule {r['rule']!r} not in dispositions.tsv"
        default = table[r["rule"]]["disposition"]
        assert default in (r["disposition"], "depends") or r["note"].strip(), r["id"]


@pytest.mark.parametrize(("text", "phrase", "negated"), [
    ("A man with no history of heart disease has crushing chest pain.", "chest pain", False),
    ("No prior illness; otherwise well, presents with a spreading rash.", "rash", False),
    # guards: a cue after the verb still negates
    ("She has no chest pain.", "chest pain", True),
    ("She has not had a fever.", "fever", True),
    ("He presents without fever.", "fever", True),
    ("He does not have chest pain.", "chest pain", True),
])
def test_negated_history_scope_ends_at_the_presenting_verb(text: str, phrase: str,
                                                          negated: bool) -> None:
    i = text.index(phrase)
    assert clause_negated(text, i, i + len(phrase)) is negated


def test_negated_history_does_not_hide_a_red_flag(triager: Triager) -> None:
    text = ("60-year-old man with no history of heart disease has crushing chest pain "
            "radiating to the jaw with sweating for 40 minutes.")
    assert _rec(triager, text)[0] == 2
