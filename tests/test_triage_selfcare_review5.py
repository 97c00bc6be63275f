"""Safety review 5 of the self-care fix round (readings, boilerplate, new entries' not lists).

Each case in ``NOT_SELF_CARE`` reached self-care (acuity 5) on main 250c377 (checked) and must
stay above it now (``HELD``: above it on main too, kept as guards); expected values pinned
by hand. ``STILL_SELF_CARE`` guards that a plain,
normal case still reaches self-care.
"""

from __future__ import annotations

import pytest

from assistant.triage import Triager

_THRUSH = ("I'm 29 and have itching down below with a thick white discharge like cottage cheese "
           "after antibiotics.")
_THRUSH_EXAM = ("A 29-year-old woman has vulvar itching and thick white vaginal discharge after "
                "antibiotics.")
_BLISTER = "I've got a blister on my heel from new shoes."
_NAIL = "I've got a thick yellow toenail that's crumbly, I think it's a fungal nail infection."
_WORM = "My son is 6 and keeps scratching his bottom at night and I saw tiny white worms in his poo."
_TOES = ("A 23-year-old man comes to the physician because of a 2-week history of itching "
         "between his toes. Examination shows white macerated scaling between the toes.")
_ATHLETE = "I've got athlete's foot, what cream can I use?"
_FUSSY = ("A 3-year-old boy is brought to the physician because he refuses vegetables and will "
          "only eat pasta and fruit.")
_FIFTY = "He is at the 50th percentile for height and weight."
_ANUS = "A 30-year-old woman has itching around her anus at night with scratching."

NOT_SELF_CARE = [
    # MUST-FIX 1: a normal sugar is never set aside for an entry that names diabetes
    f"{_THRUSH} Her blood sugar is 6.2 mmol/L.",
    f"{_BLISTER} My blood sugar was 7 mmol/L.",
    f"{_NAIL} Blood glucose 5.9 mmol/L.",
    # MUST-FIX 2: sugar wordings
    f"{_BLISTER} Sugar 2.5.",
    f"{_THRUSH} BG 28.",
    f"{_NAIL} BM 2.1.",
    f"{_WORM} His sugars are running at 25.",
    f"{_BLISTER} 5.6 mmol/L this morning and 28 mmol/L tonight.",
    f"{_THRUSH} I keep having hypos.",
    f"{_NAIL} Ketones 3.2.",
    f"{_WORM} The glucometer says HI.",
    # MUST-FIX 3: fever numbers the parser misses
    f"{_BLISTER} I measured 39 degrees.",
    f"{_THRUSH} Feels like 40.",
    f"{_NAIL} No fever until today, now 39.2.",
    f"{_WORM} Not feverish, though the thermometer said 38.9.",
    f"{_TOES} 37.1 this morning, 38.9 tonight.",
    # MUST-FIX 4: a last period over 4 weeks back
    f"{_THRUSH_EXAM} Her last menstrual period was 6 weeks ago.",
    f"{_THRUSH_EXAM} Her last menstrual period was 10 weeks ago.",
    f"{_THRUSH_EXAM} Her last menstrual period was 3 months ago.",
    # MUST-FIX 5: thrush not list
    f"{_THRUSH} Her urine hCG is positive.",
    f"{_THRUSH} Serum beta hCG 1500.",
    f"{_THRUSH} I had a positive home test.",
    f"{_THRUSH} I'm in my second trimester.",
    f"{_THRUSH} She is a primigravida.",
    f"{_THRUSH} I have type 1 DM.",
    f"{_THRUSH} I have T2DM.",
    f"{_THRUSH} I take empagliflozin.",
    f"{_THRUSH} I'm on dapagliflozin.",
    f"{_THRUSH} I take canagliflozin.",
    # MUST-FIX 6: foot entries, diabetes and circulation
    f"{_BLISTER} I'm type 2.",
    f"{_BLISTER} I have T1DM.",
    f"{_BLISTER} I have peripheral arterial disease.",
    f"{_BLISTER} I can't feel my feet.",
    f"{_BLISTER} Systolic 210.",
    f"{_NAIL} I have T2DM.",
    f"{_NAIL} My feet are numb.",
    f"{_TOES} I have type 1 DM.",
    f"{_TOES} I have neuropathy.",
    f"{_ATHLETE} I'm T2DM.",
    f"{_ATHLETE} I'm type 2.",
    f"{_ATHLETE} Systolic 210.",
    # MUST-FIX 7: centiles, ordinals, z-scores, thin words, a low BMI
    f"{_FUSSY} Height is at the 75th centile, weight at the 9th.",
    f"{_FUSSY} He is at the 50th percentile for height; his weight is at the 2nd.",
    f"{_FUSSY} {_FIFTY} Last year he was on the 91st.",
    f"{_FUSSY} {_FIFTY[:-1]}; he was at the 90th in March.",
    f"{_FUSSY} {_FIFTY} His z-score is -2.5.",
    f"{_FUSSY} {_FIFTY[:-1]}; weight 2 SD below the mean.",
    f"{_FUSSY} {_FIFTY} He is very thin.",
    f"{_FUSSY} {_FIFTY} BMI 12.",
    # MUST-FIX 8: threadworm with breastfeeding or pregnancy (NHS Threadworms: see a GP)
    f"{_ANUS} She is breastfeeding.",
    f"{_ANUS} Breastfeeding my baby.",
]
# held on main too (guards for the same classes)
HELD = [
    f"{_BLISTER} CBG 25.",
    f"{_ATHLETE} I measured 39 degrees.",
    f"{_ANUS} She is pregnant.",
]


@pytest.mark.parametrize("text", NOT_SELF_CARE + HELD)
def test_review5_case_stays_above_self_care(triager: Triager, text: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity is not None and rec.acuity != 5 and rec.acuity <= 4, rec.reasons


_V = ("Her temperature is 37.0°C (98.6°F), pulse is 76/min, respirations are 14/min, and blood "
      "pressure is 118/74 mm Hg.")
STILL_SELF_CARE = [
    f"{_THRUSH} What can I buy?",
    f"{_BLISTER} Should I pop it?",
    f"{_NAIL} What can I buy?",
    _WORM,
    _TOES,
    f"{_TOES} {_V}",
    f"{_ATHLETE}",
    f"{_FUSSY} {_FIFTY} Should I give a multivitamin?",
    f"{_THRUSH_EXAM} Her last menstrual period was 2 weeks ago.",
    f"{_THRUSH_EXAM} Her last menstrual period was 4 weeks ago.",
    _ANUS,
    # a normal sugar with its unit beside an entry that does not name diabetes (review 2 gain)
    (f"A 34-year-old woman comes to the physician because of a 5-day history of infrequent, "
     f"hard bowel movements. {_V} Her blood glucose is 5.2 mmol/L."),
]


@pytest.mark.parametrize("text", STILL_SELF_CARE)
def test_review5_plain_case_keeps_self_care(triager: Triager, text: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity == 5, rec.reasons


def test_abnormal_reading_sugar_fever_systolic() -> None:
    from assistant.triage.readings import abnormal_reading

    for text in ("My sugar 2.5.", "BG 28.", "BM 2.1.", "sugars are running at 25",
                 "5.6 mmol/L this morning and 28 mmol/L tonight", "I keep having hypos.",
                 "Ketones 3.2.", "The glucometer says HI.", "I measured 39 degrees.",
                 "Feels like 40.", "now 39.2", "the thermometer said 38.9", "Temp 101.8F",
                 "temp 102", "Systolic 210."):
        assert abnormal_reading(text) is not None, text
    # a fever only for an entry that counts one (chickenpox with a fever stays self-care)
    assert abnormal_reading("I measured 39 degrees.", fever=False) is None
    for text in ("Blood glucose 5.9 mmol/L.", "Her last BM was 3 days ago.",
                 "a hypopigmented rash", "I am 40 and feel fine.", "BMI 38.5",
                 "weight 39.5 kg", "She is 39 weeks pregnant.", "Urine ketones negative.",
                 "systolic blood pressure 120 mm Hg", "sodium 140 mmol/L, potassium 3.5 mmol/L",
                 "Her temperature is 37.0°C (98.6°F)."):
        assert abnormal_reading(text) is None, text


def test_no_sugar_span_is_a_normal_reading() -> None:
    """MUST-FIX 1: ``normal_reading_spans`` holds no sugar, whatever its value."""
    from assistant.triage.readings import normal_reading_spans

    assert normal_reading_spans("Her blood sugar is 6.2 mmol/L.") == ()
    assert normal_reading_spans("Blood pressure is 118/74 mm Hg.") != ()


def test_boilerplate_lmp_window_and_growth_values() -> None:
    from assistant.triage.knowledge import boilerplate_spans

    assert boilerplate_spans("Her last menstrual period was 3 weeks ago.") != ()
    assert boilerplate_spans("Her last menstrual period was 20 days ago.") != ()
    for weeks in ("5 weeks", "six weeks", "2 months", "35 days", "several weeks"):
        assert boilerplate_spans(f"Her last menstrual period was {weeks} ago.") == (), weeks
    assert boilerplate_spans(_FIFTY) != ()
    for extra in ("Weight at the 9th.", "Last year he was on the 91st.", "His z-score is -2.5.",
                  "He is underweight.", "BMI 12.", "He was at the 90th in March."):
        assert boilerplate_spans(f"{_FIFTY} {extra}") == (), extra


def test_span_index_matches_the_scan() -> None:
    from assistant.spans import SpanSet

    spans = [(10, 20), (5, 8), (12, 40), (50, 51)]
    index = SpanSet(spans)
    for pos in range(0, 60):
        assert index.covers(pos) == any(a <= pos < b for a, b in spans), pos
    assert not SpanSet([]).covers(0)


LAY_EMERGENCIES = [
    "I've got a blister on my heel and now I've got crushing chest pain and I'm sweating.",
    "I've got thrush and now I'm 30 weeks pregnant with a bad headache and blurred vision.",
    "My son has threadworms and now he is floppy, hard to wake and has a rash that won't fade.",
]


@pytest.mark.parametrize("text", LAY_EMERGENCIES)
def test_review5_lay_emergencies_stay_emergencies(triager: Triager, text: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity is not None and rec.acuity <= 2, rec.reasons


# (the first, third and fourth reach self-care on main f9fc342, checked; the second is a guard)
SHOULD_FIX = [
    "I've had heartburn after big meals for 5 days. Temp 101.8F.",
    "I've had heartburn after big meals for 5 days. I measured 39 degrees.",
    f"{_FUSSY} His weight z-score is -2.5.",
    f"{_FUSSY} He is very thin.",
]


@pytest.mark.parametrize("text", SHOULD_FIX)
def test_review5_should_fix_stays_above_self_care(triager: Triager, text: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity is not None and rec.acuity <= 4, rec.reasons


def test_review5_named_heartburn_still_self_care(triager: Triager) -> None:
    rec = triager.triage({"id": "c", "text": "Heartburn after big meals, what can I take?",
                          "setting": "primary_care"}, narrative=False)
    assert rec.acuity == 5, rec.reasons
