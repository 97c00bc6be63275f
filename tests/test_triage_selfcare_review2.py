"""Safety review 2 of the NHS self-care round 8 (``not_list_negated``, new entries).

The round let a self-care entry's ``not`` list ignore any blood pressure or blood sugar
reading, whatever its value, and the date of the last period or a centile together with the
rest of its sentence; the new entries' ``not`` lists missed infection, diabetes and
recurrence wordings. Each case below reached self-care (acuity 5) on the code before this fix
(checked) and must stay above it now; expected values pinned by hand.
"""

from __future__ import annotations

import pytest

from assistant.triage import Triager

_V = ("Her temperature is 37.0°C (98.6°F), pulse is 76/min, respirations are 14/min, and blood "
      "pressure is 118/74 mm Hg.")
_THRUSH = ("I'm 29 and have itching down below with a thick white discharge like cottage cheese "
           "after antibiotics.")
_BLISTER = "I've got a blister on my heel from new shoes."
_NAIL = "I've got a thick yellow toenail that's crumbly, I think it's a fungal nail infection."
_FUSSY = ("A 3-year-old boy is brought to the physician because he refuses vegetables and will "
          "only eat pasta and fruit.")
_TOES = ("A 23-year-old man comes to the physician because of a 2-week history of itching "
         "between his toes. Examination shows white macerated scaling between the toes")

NOT_SELF_CARE = [
    # MUST-FIX 1: a reading is set aside only when captured and normal
    "I've been constipated for 5 days. My blood sugar is 25 mmol/L.",
    ("A 30-year-old woman has been constipated for 5 days. Her blood glucose is 30 mmol/L and "
     "she is very thirsty."),
    f"{_BLISTER} My blood glucose is 24 mmol/L. Should I pop it?",
    f"{_THRUSH} My blood sugar has been 22. What can I buy?",
    f"{_BLISTER} My blood pressure is high at 190. Should I pop it?",
    "I've been constipated for 5 days. My blood pressure is high at 190.",
    "I've had heartburn after big meals for 5 days. Blood pressure 160-180/110.",
    f"{_BLISTER} My blood pressure is 210 over 130. Should I pop it?",
    "I've been constipated for 5 days. My blood pressure is 200 over 120.",
    "I've been constipated for 5 days. My blood sugar is over 30.",
    # hyperhidrosis's own blocker ("blood pressure is 1[6-9]\d") works again
    "I sweat a lot from my armpits and hands, it's embarrassing. My blood pressure is 165/95.",
    # a fever read after a normal temperature
    ("I've had a cold with a blocked nose for 3 days. Temperature 37.1 C this morning, "
     "temperature of 39.4 C tonight."),
    # MUST-FIX 2: boilerplate covers only its own phrase; a centile out of band or falling
    (f"{_THRUSH} My last menstrual period was 9 weeks ago and a urine pregnancy test is "
     "positive. What can I buy?"),
    ("A 29-year-old woman has vulvar itching and thick white vaginal discharge after "
     "antibiotics. Her last menstrual period was 2 weeks ago and this is her fourth episode "
     "this year."),
    ("A 29-year-old woman has vulvar itching and thick white vaginal discharge after "
     "antibiotics. Her last menstrual period was 2 weeks ago and she is breastfeeding."),
    (f"{_FUSSY} He was at the 50th percentile for weight a year ago and is now at the 5th "
     "percentile. Should I give a multivitamin?"),
    (f"{_FUSSY} He is at the 90th percentile for height and the 1st percentile for weight. "
     "Should I give a multivitamin?"),
    # MUST-FIX 3: infection, diabetes and recurrence in the new entries
    f"{_BLISTER[:-1]} and it's now infected and throbbing. Should I pop it?",
    f"{_BLISTER} I'm on insulin. Should I pop it?",
    ("I've got a thick yellow toenail that's crumbly and the skin around it is inflamed and "
     "throbbing. What can I buy for it?"),
    f"{_NAIL} I'm on insulin. What can I buy for it?",
    f"{_THRUSH} I take metformin. What can I buy?",
    f"{_THRUSH} I had the same thing in March and in May. What can I buy?",
    f"{_THRUSH} The skin is inflamed with spreading redness and warmth. What can I buy?",
    # MUST-FIX 4: threadworm exam widening with a painful lump
    ("A 30-year-old woman has itching around her anus at night with scratching; she has a lump "
     "at the anus that is very painful."),
    # SHOULD-FIX: athlete's foot with cellulitis; thrush outside 16-60 via the general rule
    f"{_TOES} with erythema extending to the ankle.",
    f"{_TOES} with warmth and tenderness on the dorsum.",
    _THRUSH.replace("29", "15") + " What can I buy?",
    _THRUSH.replace("29", "65") + " What can I buy?",
]


@pytest.mark.parametrize("text", NOT_SELF_CARE)
def test_review2_case_stays_above_self_care(triager: Triager, text: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity is not None and rec.acuity <= 4, rec.reasons


def test_red_cells_in_stool_are_blood(triager: Triager) -> None:
    """"Stool microscopy shows numerous red blood cells": bloody diarrhoea (urgent, 3); a
    white cell count is not blood seen."""
    rec = triager.triage({"id": "c", "text": "A 30-year-old man has diarrhoea for 3 days. Stool "
                          "microscopy shows numerous red blood cells.",
                          "setting": "primary_care"}, narrative=False)
    assert rec.acuity == 3 and any("[bloody_diarrhoea;" in r for r in rec.reasons), rec.reasons
    rec = triager.triage({"id": "c", "text": "A 30-year-old man has diarrhoea for 3 days. His "
                          "white blood cells are 9,000/mm3.",
                          "setting": "primary_care"}, narrative=False)
    assert not any("[bloody_diarrhoea;" in r for r in rec.reasons), rec.reasons


# the round's gains that must stand: a captured normal reading does not veto
STILL_SELF_CARE = [
    (f"A 34-year-old woman comes to the physician because of a 5-day history of infrequent, "
     f"hard bowel movements. {_V} Her blood glucose is 5.2 mmol/L.", "constipation_lay"),
    (f"A 34-year-old woman comes to the physician because of a 5-day history of infrequent, "
     f"hard bowel movements. {_V} Her blood glucose is 95 mg/dL.", "constipation_lay"),
    (f"{_FUSSY} He is at the 50th percentile for height and weight. Should I give a "
     "multivitamin?", "child_fussy_eating"),
]


@pytest.mark.parametrize(("text", "entry_id"), STILL_SELF_CARE)
def test_review2_normal_reading_keeps_self_care(triager: Triager, text: str,
                                                entry_id: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity == 5, rec.reasons
    assert any(f"[{entry_id};" in r for r in rec.reasons), rec.reasons


def test_not_list_negation_needs_a_captured_normal_value() -> None:
    """Only a captured, normal reading is set aside; a unitless sugar, a high or unread
    pressure and a temperature beside a fever value stay features."""
    from assistant.triage.knowledge import not_list_negated
    from assistant.triage.parse import parse_case

    def neg_at(text: str, word: str) -> bool:
        i = text.index(word)
        return not_list_negated(parse_case({"id": "x", "text": text}))(text, i, i + len(word))

    assert neg_at("Blood pressure is 118/74 mm Hg.", "Blood")
    assert neg_at("Her blood sugar is 5.6 mmol/L.", "blood")
    assert not neg_at("Her blood sugar is 5.6.", "blood")  # no unit: unknown
    assert not neg_at("Her blood sugar is 25 mmol/L.", "blood")
    assert not neg_at("Her blood glucose is 300 mg/dL.", "blood")
    assert not neg_at("Blood pressure is 165/95 mm Hg.", "Blood")
    assert not neg_at("Blood pressure 160-180/110.", "Blood")
    assert not neg_at("My blood pressure is high at 190.", "blood")
    assert not neg_at("My temperature is 37.2 now but it was 39.5 last night.", "temperature")
    assert not neg_at("Temperature 37.1 C this morning, temperature of 39.4 C tonight.",
                      "temperature")
    assert neg_at("Her temperature is 37.0 C.", "temperature")


def test_boilerplate_covers_only_its_phrase() -> None:
    from assistant.triage.knowledge import boilerplate_spans

    t = "Her last menstrual period was 9 weeks ago and a urine pregnancy test is positive."
    assert [t[a:b] for a, b in boilerplate_spans(t)] == ["last menstrual period was 9 weeks ago"]
    t = "He is at the 50th percentile for height and weight. He eats well."
    assert [t[a:b] for a, b in boilerplate_spans(t)] == [
        "is at the 50th percentile for height and weight"]
    # a centile out of the band, or a change of centile, sets none aside
    assert boilerplate_spans("He is at the 90th percentile for height and the 1st percentile "
                             "for weight.") == ()
    assert boilerplate_spans("He was at the 50th percentile a year ago and is now at the 25th "
                             "percentile.") == ()


def test_abnormal_reading_blocker() -> None:
    from assistant.triage.readings import abnormal_reading

    assert abnormal_reading("Blood pressure is 118/74 mm Hg; glucose 5.2 mmol/L.") is None
    assert abnormal_reading("My blood pressure is 210 over 130.") is not None
    assert abnormal_reading("She said it was 210 over 130 at the chemist.") is not None
    assert abnormal_reading("Blood pressure 160-180/110.") is not None
    assert abnormal_reading("My blood sugar has been 22.") is not None
    assert abnormal_reading("My blood sugar is over 30.") is not None
    assert abnormal_reading("BP 172/104 mm Hg.") is not None
    assert abnormal_reading("I take blood pressure tablets.") is None


LAY_EMERGENCIES = [
    "My lips and tongue have suddenly swollen up and I'm finding it hard to breathe.",
    "I've got a blister on my heel and now I've got crushing chest pain and I'm sweating.",
    "I've got thrush and now I'm 30 weeks pregnant with a bad headache and blurred vision.",
]


@pytest.mark.parametrize("text", LAY_EMERGENCIES)
def test_review2_lay_emergencies_stay_emergencies(triager: Triager, text: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity is not None and rec.acuity <= 2, rec.reasons
