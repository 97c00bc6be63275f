"""Error classes of issue 21, round 6: the self-care safety net on exam-style vignettes.

On clinician-worded vignettes ("A 24-year-old woman comes to the physician because of ...;
vital signs ...; examination shows ...") the self-care entries matched, but the safety net
(``knowledge.self_care_blockers``) blocked them on features that are incidental or explained by
the matched condition (measured before any change on the dev probes: tinea blocked by a "1/6
systolic murmur", mild morning sickness blocked by "fatigue"; morning sickness was blocked by
its own pregnancy on every case). Classes, each pinned here:

1. **a feature the matched condition explains**: an entry may declare ``explains`` (phrases
   from its own NHS page's symptom list): pregnancy and tiredness for morning sickness (NHS
   Vomiting and morning sickness; Signs and symptoms of pregnancy), tiredness for flu (NHS
   Flu), swollen neck glands for a cold or flu (NHS Swollen glands: usually a sign of an
   infection such as a cold or flu). Only risk-factor and systemic-feature blockers can be
   explained (never a warning feature or a vital sign); the same feature
   still blocks every other entry, and glands elsewhere or generalised still block;
2. **an innocent murmur**: a grade 1-2/6, soft, flow or functional systolic murmur in a person
   without fever or a cardiac symptom is not a reason to see a GP for a skin or minor
   condition (ACC/AHA valvular guideline: no echocardiogram for an asymptomatic grade 2 or
   softer midsystolic murmur judged innocent); a loud (3/6+), diastolic, holosystolic, harsh
   or new murmur, or one with fever or breathlessness, still blocks;
3. **a risk factor that is not the person's now**: obstetric history ("two uncomplicated
   pregnancies"), contraception or plans ("uses condoms to prevent pregnancy"), a relative's
   illness ("her mother had a kidney transplant"), a negative test ("HIV antibody test is
   negative"), sickle cell trait (a carrier: NHS Sickle cell disease) and chemotherapy
   finished years ago; a
   current pregnancy ("10 weeks pregnant", "her first pregnancy"), chemotherapy within months
   and the person's own permanent risks still block;
4. **a finding stated as normal**: "appropriate weight gain" in a baby who brings up milk is
   the reassurance NHS Reflux in babies asks for (see a GP if not gaining weight), not the
   unexplained weight gain the net looks for; unqualified, poor or excessive weight gain still
   blocks.

Every sentence was written for its class (not copied from a data set). The positives fail on
the code before this change (acuity 4, the self-care pattern blocked); each near-miss must stay
above self-care (floors are never lowered).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.triage import Triager
from assistant.triage.floors import collect_floors
from assistant.triage.knowledge import load_conditions, parse_entry, self_care_blockers
from assistant.triage.parse import parse_case

TINEA = "fungal skin infection (tinea, ringworm, athlete's foot, jock itch)"
MORNING = "nausea and vomiting of early pregnancy, mild"
FLU = "influenza-like illness in a well adult"
COMMON_COLD = "common cold (viral upper respiratory infection)"
COLD = "A 4-year-old boy has had a runny nose, sneezing and a mild cough for 3 days. "
RASH = ("A 24-year-old woman comes to the physician because of an itchy red ring-shaped patch "
        "with a scaly edge on her forearm for 1 week. ")


def _triage(t: Triager, text: str) -> tuple[int, str | None]:
    rec = t.triage({"id": "c", "text": text, "setting": "primary_care"})
    assert rec.acuity is not None
    return rec.acuity, rec.condition


def _blockers(text: str, entry_id: str) -> list[str]:
    p = parse_case({"id": "c", "text": text})
    fr = collect_floors(p)
    entry = next(e for e in load_conditions() if e.id == entry_id)
    return self_care_blockers(p, entry, fr.acuity, fr.scores)


# ---- 1. a feature the matched condition explains ----
@pytest.mark.parametrize("text,condition", [
    ("A 26-year-old woman who is 7 weeks pregnant has mild nausea in the mornings; she is "
     "eating and drinking normally.", MORNING),
    ("A 26-year-old woman comes to the physician because of nausea for 2 weeks and fatigue. "
     "A urine pregnancy test is positive. The examination shows no abnormalities.", MORNING),
    ("A 30-year-old man has had flu with body aches, a dry cough and fatigue for 2 days.", FLU),
    (COLD + "Examination shows mild cervical lymphadenopathy.", COMMON_COLD),
    (COLD + "He has swollen glands in his neck.", COMMON_COLD),
])
def test_feature_the_condition_explains_does_not_block(triager: Triager, text: str,
                                                       condition: str) -> None:
    assert _triage(triager, text) == (5, condition)


@pytest.mark.parametrize("text,entry_id,why", [
    # fatigue is explained by pregnancy, not by a fungal rash
    (RASH + "She also reports fatigue.", "tinea", '("fatigue")'),
    # pregnancy explains itself for morning sickness only
    (RASH + "She is 10 weeks pregnant.", "tinea", 'risk factor "10 weeks pregnant"'),
    # another risk factor is not explained by the pregnancy
    ("A 26-year-old woman who is 7 weeks pregnant has mild nausea in the mornings; she has HIV.",
     "morning_sickness", 'risk factor "HIV"'),
    # a systemic feature the flu page does not list
    ("A 30-year-old man has had flu with body aches and a dry cough for 2 days and swollen "
     "lymph nodes.", "influenza_like", '("swollen lymph nodes")'),
    # glands generalised or elsewhere are not the neck glands of a cold
    (COLD + "Examination shows generalized lymphadenopathy.", "common_cold",
     '("lymphadenopathy")'),
    (COLD + "Examination shows axillary lymphadenopathy.", "common_cold", '("lymphadenopathy")'),
    # neck glands are not explained by a fungal rash
    (RASH + "Examination shows cervical lymphadenopathy.", "tinea", '("lymphadenopathy")'),
])
def test_feature_not_explained_still_blocks(triager: Triager, text: str, entry_id: str,
                                            why: str) -> None:
    assert _triage(triager, text)[0] <= 4
    assert any(why in b for b in _blockers(text, entry_id))


def test_explains_is_checked_when_loaded() -> None:
    base = {"id": "x", "condition": "c", "why": "w", "source": "s", "example": "e",
            "near_miss": "n", "all": [["aaa"], ["bbb"]]}
    with pytest.raises(ConfigError, match="self-care entries only"):
        parse_entry({**base, "disposition": "routine", "explains": ["fatigue"]}, {})
    with pytest.raises(ConfigError, match="not vital signs"):
        parse_entry({**base, "disposition": "self_care", "explains": ["vital:heart_rate>=100"]},
                    {})
    e = parse_entry({**base, "disposition": "self_care", "explains": ["fatigue"]}, {})
    assert e.explains is not None and e.explains.pattern is not None
    # the shipped entries that declare it
    declared = {e.id for e in load_conditions(Path(__file__).resolve().parents[1] / "assistant"
                                              / "triage" / "data" / "conditions")
                if e.explains is not None}
    assert declared == {"morning_sickness", "influenza_like", "common_cold",
                        "chickenpox_unwell_mild", "insomnia_short_term",
                        "flu_exam_wording",  # round 6
                        "travel_sickness",  # round 7: NHS lists pallor and sweating
                        # review 4: sunburnt skin feels hot; teething babies dribble (NHS)
                        "sunburn_described", "teething_infant",
                        # probe9 round: an innocent murmur is the murmur the net blocks on;
                        # engorgement is after a birth by definition (its own not-list keeps
                        # the postnatal danger signs: bleeding, clots, calf, headache, fever)
                        "innocent_murmur_child", "breast_engorgement"}


# ---- 2. an innocent murmur ----
@pytest.mark.parametrize("exam", [
    "Auscultation of the heart shows a grade 1/6 systolic murmur at the left sternal border.",
    "A soft systolic flow murmur is heard.",
])
def test_innocent_murmur_does_not_block(triager: Triager, exam: str) -> None:
    assert _triage(triager, RASH + exam) == (5, TINEA)


@pytest.mark.parametrize("text", [
    RASH + "Auscultation of the heart shows a grade 3/6 holosystolic murmur at the apex.",
    RASH + "A soft early diastolic murmur is heard.",
    RASH + "She has had shortness of breath on exertion. A soft systolic murmur is heard.",
])
def test_worrying_murmur_still_blocks(triager: Triager, text: str) -> None:
    assert _triage(triager, text)[0] <= 4


def test_soft_murmur_with_fever_blocks() -> None:
    # endocarditis: a murmur with fever is never incidental (checked on the net itself)
    text = RASH + "Her temperature is 38.4°C. A soft systolic murmur is heard."
    assert any('"murmur"' in b for b in _blockers(text, "tinea"))
    assert not any('"murmur"' in b for b in _blockers(
        RASH + "Her temperature is 36.8°C. A soft systolic murmur is heard.", "tinea"))


# ---- 3. a risk factor that is not the person's now ----
@pytest.mark.parametrize("history", [
    "She has had two uncomplicated pregnancies.",
    "She uses condoms to prevent pregnancy.",
    "Her mother had a kidney transplant.",
    "She had chemotherapy for Hodgkin lymphoma 12 years ago.",
    "Her serum HIV antibody test is negative.",
    "She has sickle cell trait.",
])
def test_risk_factor_not_current_does_not_block(triager: Triager, history: str) -> None:
    assert _triage(triager, RASH + history) == (5, TINEA)


@pytest.mark.parametrize("history,why", [
    ("She is 10 weeks pregnant.", '"10 weeks pregnant"'),
    ("This is her first pregnancy.", '"pregnancy"'),
    ("She finished chemotherapy 2 months ago.", '"chemotherapy"'),
    ("She lives with her husband and is on dialysis.", '"dialysis"'),
    ("She has HIV and her partner's test is negative.", '"HIV"'),
    ("She has sickle cell disease.", '"sickle cell"'),
])
def test_current_risk_factor_still_blocks(triager: Triager, history: str, why: str) -> None:
    assert _triage(triager, RASH + history)[0] <= 4
    assert any(why in b for b in _blockers(RASH + history, "tinea"))


# ---- 4. weight gain stated as normal ----
REFLUX = ("A 2-month-old boy is brought to the physician because of regurgitation of milk after "
          "most feeds. ")


@pytest.mark.parametrize("growth", [
    "He has had appropriate weight gain and is at the 50th percentile for weight.",
    "His weight gain has been normal.",
])
def test_normal_weight_gain_does_not_block(triager: Triager, growth: str) -> None:
    assert _triage(triager, REFLUX + growth) == (5, "infant reflux (physiological regurgitation)")


@pytest.mark.parametrize("growth", ["He has had excessive weight gain.", "He has had weight gain."])
def test_weight_gain_not_stated_normal_still_blocks(triager: Triager, growth: str) -> None:
    assert _triage(triager, REFLUX + growth)[0] <= 4
    assert any('"weight gain"' in b for b in _blockers(REFLUX + growth, "infant_reflux"))
