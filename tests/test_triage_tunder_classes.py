"""Issue 21 under-triage classes (helper tunder): each emergency snippet below was routine
(acuity 4) in primary care on the old rules; expected levels pinned by hand.

1. An explicit intent to kill or harm (self or another person) in its future / conditional
   forms keeps the flag, with or without an SI/HI denial in the text (ESI Handbook v4: a
   suicidal or homicidal patient is level 2).
2. A negation or a denied history does not reach a later clause that carries its own current
   marker ("no prior stroke, new arm weakness"; "Denies HI and threatened to kill his wife").
3. Chest-wall recession and the other NHS "Bronchiolitis" / "Croup" 999 signs in parents' words.
"""

from __future__ import annotations

import pytest

SETTINGS = ("ed", "urgent_care", "primary_care", "self")


def _triage(triager, text: str, setting: str):  # type: ignore[no-untyped-def]
    return triager.triage({"id": "x", "text": text, "setting": setting}, narrative=False)


HARM_OTHERS = [
    "HI is denied. Says he will kill his wife.",
    "Denies SI/HI. He will stab his brother.",
    "HI denied. Told police he would kill his ex-wife.",
    "denies HI. says he'll kill his wife",
    "HI denied. said she'd hurt the baby",
    "Denies HI. threatened his wife with a knife",
    "Denies HI. gonna kill him",
    "Denies HI and threatened to kill his wife",
    "He says he will kill his wife. Denies HI.",
    # (already flagged on the old rules; kept as guards of the class)
    "Denies HI. Plans to hurt her.",
    "HI is denied. threatened to shoot his neighbour.",
]
SELF_HARM = [
    "SI denied. wishes he were dead",
    "Denies SI. wants to jump off a bridge",
    "Denies SI. says he will take all his pills",
    "denies SI and wants to die",
    "Denies SI and says she will kill herself",
]


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("text", HARM_OTHERS)
def test_intent_to_harm_others_keeps_flag_past_denial(triager, text: str, setting: str) -> None:
    r = _triage(triager, text, setting)
    assert "risk of harm to others" in r.red_flags
    assert r.acuity == 2


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("text", SELF_HARM)
def test_intent_to_self_harm_keeps_flag_past_denial(triager, text: str, setting: str) -> None:
    r = _triage(triager, text, setting)
    assert "suicidality or self-harm" in r.red_flags
    assert r.acuity == 2


@pytest.mark.parametrize("text", [
    "Denies SI/HI.",
    # a fear of dying is no intent to die or to kill (no harm verb, no wish)
    "afraid he will die",
    "he is afraid he will die",
    "he will die without treatment",
    "I'd kill for a coffee",
    # a carer's fear of harming by accident is no threat
    "I'm afraid I'll hurt him when I change his nappy, he has eczema",
])
def test_denial_and_fear_stay_unflagged(triager, text: str) -> None:
    r = _triage(triager, text, "primary_care")
    assert not {"risk of harm to others", "suicidality or self-harm"} & set(r.red_flags)
    assert r.acuity == 4


NEW_AFTER_HISTORY = [
    ("no prior stroke, new arm weakness", "stroke signs (FAST)"),
    ("no previous strokes and new left sided weakness", "stroke signs (FAST)"),
    ("no history of stroke, TIA, new left arm weakness", "stroke signs (FAST)"),
    ("no prior stroke and sudden facial droop", "stroke signs (FAST)"),
    ("no history of seizures, now seizing", "altered mental status"),
    ("no history of epilepsy and new seizure today", "altered mental status"),
    ("denies previous chest pain, now crushing chest pain", "chest pain with cardiac features"),
    ("never had asthma before but now can't breathe", "respiratory distress"),
    ("no fever and suddenly floppy, 6 month old", "floppy infant or weak cry"),
]


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize(("text", "flag"), NEW_AFTER_HISTORY)
def test_negation_stops_at_new_current_statement(triager, text: str, flag: str,
                                                 setting: str) -> None:
    r = _triage(triager, text, setting)
    assert flag in r.red_flags
    assert r.acuity == 2


@pytest.mark.parametrize("text", [
    "no new arm weakness",
    "no chest pain and no new weakness",
    "my back is seizing up",
    "arm weakness after shoulder injury for 3 months",
])
def test_denied_or_old_weakness_stays_unflagged(triager, text: str) -> None:
    r = _triage(triager, text, "primary_care")
    assert "stroke signs (FAST)" not in r.red_flags
    assert "altered mental status" not in r.red_flags
    assert r.acuity == 4


def test_scope_view_breaks_only_new_statements() -> None:
    from assistant.triage.negation import scope_view

    assert scope_view("no prior stroke, new arm weakness") == "no prior stroke; new arm weakness"
    assert scope_view("no previous strokes and new weakness") == "no previous strokes;and new weakness"
    # a review of systems keeps its "new" item denied (no history cue)
    assert scope_view("denies fever, chills, new rash") == "denies fever, chills, new rash"


LAY_RECESSION = [
    "child 3 years, breathing fast, sucking in under ribs",
    "child 3 years, sucking in under ribs, no fever",
    "baby 6 months, skin pulling in between the ribs when breathing",
    "toddler 2 years, the muscles under his ribs sucking in",
    "baby 4 months, tummy sucking in under the ribcage",
    "my baby's tummy is sucking in with each breath",
    "baby 5 months, pauses when she breathes",
    "there are pauses when your baby breathes",
    "baby 3 months, stops breathing for a few seconds",
    "baby 5 months, lips look grey",
    "baby 5 months, tongue is blue",
    "baby 5 months, blue around the lips",
]


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("text", LAY_RECESSION)
def test_lay_recession_is_respiratory_distress(triager, text: str, setting: str) -> None:
    r = _triage(triager, text, setting)
    assert "respiratory distress" in r.red_flags
    assert r.acuity == 2


def test_nostrils_flaring_is_amber(triager) -> None:
    # NICE NG143 amber (nasal flaring): urgent, the level of "flaring nostrils"
    r = _triage(triager, "baby 5 months, nostrils flaring", "primary_care")
    assert "fast breathing in a child" in r.red_flags
    assert r.acuity == 3


@pytest.mark.parametrize(("text", "level"), [
    ("baby 5 months, sucking in his tummy for the photo", 4),
    ("child 3, sucking on his fingers", 4),
    ("child 4, ribs hurt", 4),
    ("man 30, breathing fast after running", 4),
    ("man 50, stops breathing in his sleep and snores", 4),
    ("My toddler has trouble sleeping, snores loudly and has pauses in her breathing at night.", 4),
    ("child 4, tongue is blue from the slushie", 4),
    ("Baby 4 months. No sucking in under the ribs, no grunting.", 4),
])
def test_recession_near_misses(triager, text: str, level: int) -> None:
    r = _triage(triager, text, "primary_care")
    assert "respiratory distress" not in r.red_flags
    assert r.acuity == level

