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



# ---- safety review of issue 21 (helper trfix) ----
# Levels are (primary_care, self, ed), pinned by hand; "old" ones are the 3fec2f7 levels the lead
# decided to restore.
TRIPLE = ("primary_care", "self", "ed")


def _levels(triager, text: str) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    return tuple(_triage(triager, text, s).acuity for s in TRIPLE)


# 1. The issue-21 breaks (an "and" before a new statement, an onset comma after a history cue)
# were laid in before ``_list_commas`` read the clause, and changed which commas it took for a
# list: the danger items after them were read as denied (levels went DOWN). All 18 inputs of the
# review's down set, with their 3fec2f7 levels: the new levels must never be less urgent.
DOWN_SET = [
    ("No prior heart problems, chest pain, sweating, now short of breath.", (2, 2, 2)),
    ("No history of heart disease, crushing chest pain, sweating, now breathless.", (2, 2, 2)),
    ("No previous heart problems, chest pain, sweating, started an hour ago.", (2, 2, 2)),
    ("no diarrhoea, chest pain, shortness of breath and started an hour ago", (2, 2, 2)),
    ("No fever, chest pain, shortness of breath and says it started an hour ago.", (2, 2, 2)),
    ("no fever, crushing chest pain, sweating and says he feels awful", (2, 2, 2)),
    ("My baby has no fever, a purple rash, stiff neck and now very sleepy", (2, 2, 2)),
    ("No cough, purple rash, neck stiffness and started vomiting today.", (2, 2, 2)),
    ("no history of asthma, wheeze, chest tightness, now can't breathe", (2, 2, 2)),
    ("no known allergies, lip swelling, throat tightness, now wheezy", (2, 2, 2)),
    ("No prior problems, blood in vomit, black stools, since this morning dizzy.", (2, 2, 2)),
    ("no vomiting, severe headache, neck stiffness and now confused", (2, 2, 2)),
    ("denies trauma, worst headache of life, neck stiffness and says it came on suddenly", (2, 2, 2)),
    ("no cough, chest pain, coughing blood and now breathless", (3, 3, 3)),
    ("no fever, blood in vomit, tummy pain and started this morning", (4, 4, 3)),
    ("No previous seizures, headache, vomiting, now drowsy", (4, 4, 2)),
    ("No fever. Chest pain, sweating, shortness of breath and started an hour ago.", (2, 2, 2)),
    ("No history of clots, calf swelling, chest pain, today breathless", (2, 2, 2)),
]


@pytest.mark.parametrize(("text", "old"), DOWN_SET)
def test_new_breaks_never_less_urgent_than_before(triager, text: str,
                                                  old: tuple[int, ...]) -> None:
    new = _levels(triager, text)
    assert all(n <= o for n, o in zip(new, old, strict=True)), (new, old)


@pytest.mark.parametrize(("text", "levels"), [
    ("No previous heart problems, chest pain, sweating, started an hour ago.", (2, 2, 2)),
    ("no diarrhoea, chest pain, shortness of breath and started an hour ago", (2, 2, 2)),
    ("No cough, purple rash, neck stiffness and started vomiting today.", (2, 2, 2)),
    ("denies trauma, worst headache of life, neck stiffness and says it came on suddenly", (2, 2, 2)),
    ("No prior problems, blood in vomit, black stools, since this morning dizzy.", (2, 2, 2)),
    ("No prior heart problems, chest pain, sweating, now short of breath.", (2, 2, 2)),
    ("no known allergies, lip swelling, throat tightness, now wheezy", (2, 2, 2)),
])
def test_danger_items_after_a_history_cue_stay_affirmed(triager, text: str,
                                                        levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


def test_scope_view_new_breaks_only_narrow() -> None:
    from assistant.triage.negation import scope_view

    # the list commas are read without the issue-21 breaks: "chest pain" is no denied item
    assert (scope_view("No previous heart problems, chest pain, sweating, started an hour ago.")
            == "No previous heart problems; chest pain; sweating; started an hour ago.")


# 2. "and new/sudden/acute/recent" ends a negation unless it closes a comma list after the cue
# ("A, B, and new C" in a review of systems stays denied); a bare "No A and sudden B" is a new
# complaint (safety re-review: lead decision, safety first).
@pytest.mark.parametrize(("text", "levels"), [
    ("Denies headache, visual change, and new arm weakness.", (4, 4, 3)),
    # over-triage accepted (re-review): a bare "and sudden" after one denied item ends the denial
    ("Patient denies headache and sudden vision loss.", (2, 2, 2)),
    ("No history of stroke and new right arm weakness", (2, 2, 2)),
])
def test_and_onset_adjective_needs_a_history_cue(triager, text: str,
                                                 levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


# 3. Over-firing of the issue-21 rules, back to their 3fec2f7 levels.
@pytest.mark.parametrize(("text", "levels"), [
    ("My toddler climbs everything, I'm scared he'll hurt himself.", (4, 4, 3)),
    ("The pharmacist said I would harm the baby if I took ibuprofen, is paracetamol ok? "
     "I'm 20 weeks pregnant.", (4, 4, 3)),
    ("I'll take all my antibiotic tablets as prescribed, can I drink alcohol?", (4, 4, 4)),
    ("We are planning to jump off a cliff into the sea on holiday, can I go with my ear "
     "infection?", (4, 4, 4)),
    ("I've had new hand numbness at night for 3 weeks, tingling in my thumb, worse when typing.",
     (4, 4, 4)),
    ("New facial numbness after my dental injection this morning, lip still numb.", (4, 4, 4)),
    ("My calf muscle keeps seizing when I run.", (4, 4, 3)),
    ("My lower back keeps seizing when I bend over.", (4, 4, 3)),
    ("My toddler stops breathing when he has a tantrum, then he's fine.", (4, 4, 2)),
    ("My 5 year old has pauses in her breathing at night, her tonsils are huge.", (4, 4, 3)),
    ("My newborn has short pauses between breaths when asleep, otherwise feeding well.",
     (4, 4, 3)),
    ("After swimming in the cold sea his lips went blue, now warm and pink and fine.", (4, 4, 2)),
    ("His tongue is blue, he had a blue slushie at the fair.", (4, 4, 2)),
    ("I'm 28 weeks pregnant and worried about going into premature labour.", (4, 4, 3)),
    ("What are the signs I'm going into labour? I'm 36 weeks.", (4, 4, 3)),
    ("I'm 38 weeks and worried about shoulder dystocia because my baby is big.", (4, 4, 4)),
    ("Is it true a big baby causes shoulder dystocia? I'm 30 weeks pregnant.", (4, 4, 4)),
    ("My son is afraid of water at swimming lessons since he had a dog bite last year.",
     (3, 3, 4)),
])
def test_issue21_rules_do_not_overfire(triager, text: str, levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


# 3/4. Lay emergencies that must stay (or now are) emergencies.
@pytest.mark.parametrize("text", [
    "I'm scared I will hurt myself tonight.",
    "My 1 year old's chest caves in when he breathes.",
    "her tummy is sucking in every time she breathes, she's 9 months",
    "Having an asthma attack, ventolin's doing nothing.",
    "I have asthma, my puffer's not helping and I can't breathe.",
    "He says he will take all his insulin.",
    "I wish I could go to sleep and never wake up.",
    "My heart rate is 45 and my blood pressure is really low, I feel faint.",
    "My 7 year old's wee is like cola and his eyes are puffy, he's hardly weeing.",
    "Hydrophobia.",
    "Cord prolapse.",
    "My 6 week old baby keeps stopping breathing for a few seconds and going floppy.",
    "There is a pause in his breathing, he is 2 and has a cold.",
])
def test_lay_emergencies_from_the_review(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)


@pytest.mark.parametrize(("text", "level"), [
    ("Hydrophobia in the sense of a swimming phobia, severe, wants CBT.", 4),
    ("I'm 30 weeks pregnant, what are the signs of cord prolapse?", 4),
])
def test_term_rules_near_misses(triager, text: str, level: int) -> None:
    assert _triage(triager, text, "primary_care").acuity == level


@pytest.mark.parametrize(("text", "levels"), [
    # a figure of speech over a trifle (3fec2f7 level) ...
    ("I'll kill him if he eats my chocolate again. I have a headache.", (4, 4, 2)),
    # ... but a conditional threat about a person stays a threat
    ("I'll kill him if he touches my daughter again.", (2, 2, 2)),
])
def test_threat_over_a_trifle(triager, text: str, levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


# 4. Safety re-review of the issue-21 guards: each clear emergency below came out 3-4 on
# ffd68ff (2 on 713b5ff); the guards now hold only in their narrow form.
@pytest.mark.parametrize("text", [
    # negation: "and" + new/sudden with no comma list ends the negation
    "No cough and sudden severe headache.",
    "No pain and new weakness in his arm.",
    "Not sleeping and sudden chest pain crushing.",
    "Not feeling himself and sudden slurred speech.",
    "Not eating and sudden confusion.",
    "No fever and new stiff neck and purple rash.",
    # pauses in breathing: crying is no breath-holding spell beside a danger sign
    "My baby keeps stopping breathing and she is crying.",
    "My baby keeps stopping breathing, she is upset and crying weakly.",
    # fear of him hurting himself: self-harm words
    "I'm scared he'll hurt himself - he has been cutting his arms.",
    "I'm worried he will hurt himself tonight, he has the pills lined up.",
    # jump into water: a bridge and "tonight"
    "She is planning to jump off the bridge into the river tonight.",
    # a body part seizing beside a fit
    "His hands are seizing and he's frothing at the mouth.",
    "My son's legs keep seizing, he is jerking and his eyes rolled back.",
    "Her leg started seizing then she collapsed and is twitching.",
    # "I would harm X if I ..." with no reporter or no medicine
    "I will hurt him if I have the chance, I have a knife.",
    "I'd hurt the baby if I have to be alone with her.",
    "I will hurt them if I take my gun to school.",
    # a threat over a phone or a car, or with past violence
    "He says he'll murder her if she uses the phone, he has hit her before.",
    "I'll kill him if he touches my car again.",
    # blue lips: blue again after "fine"; a breathing sign beside a dye
    "His lips were blue, then he seemed fine, now they are blue again.",
    "Her lips are purple and she is wheezing, she drew on herself with a pen.",
    # a "new" numbness beside another FAST sign
    "New facial numbness and drooping.",
    "His lips are turning blue.",
    "Her lips are going blue.",
    # all her tablets "to the bridge" with "end it" (2 on 713b5ff)
    "she says she will take all her tablets to the bridge and end it",
])
def test_rereview_guards_keep_emergencies(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)


# Final review of the round (2e79d1a gave 4/4/3 or 4/4/4 for each, as 3fec2f7 did): a list of
# items each with their own "no", or one item before ", and", is no list the "and" closes;
# hopelessness words cancel the accident and cliff-jump guards ("fell out with" is no fall);
# sudden numbness of face and arm or of one side in other word orders; a lopsided smile is a
# FAST sign beside a new numbness.
@pytest.mark.parametrize("text", [
    "No fever, no rash, and sudden severe headache.",
    "Denies headache, and new weakness on one side.",
    "No cough, no cold, and sudden right arm weakness and face drooping.",
    "No fever, no rash, and new crushing chest pain.",
    "Scared she will hurt herself - she plays on her bike but has been saying life is pointless.",
    "Scared she will hurt herself - she fell off her scooter and has been very low and hopeless.",
    "Scared he will hurt himself - he fell out with his girlfriend and has stopped eating.",
    "She wants to jump off the pier into the water and never come back.",
    "He wants to jump off the rocks into the sea because he can't cope anymore.",
    "He wants to jump off the rocks into the sea, he says nobody would miss him.",
    "Sudden numbness in her face and arm.",
    "His face and arm went numb suddenly on the left.",
    "Sudden numbness down one side of my body.",
    "New face numbness and her smile is lopsided.",
])
def test_final_review_emergencies(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)


@pytest.mark.parametrize(("text", "levels"), [
    # a comma list the "and" closes stays denied
    ("Denies headache, visual change, and new arm weakness.", (4, 4, 3)),
    # the guards still hold with no hopelessness word
    ("My toddler climbs everything, I'm scared he'll hurt himself.", (4, 4, 3)),
    ("Planning to jump off a cliff into the sea on holiday with friends.", (4, 4, 3)),
    ("I've had new hand numbness at night for 3 weeks.", (4, 4, 4)),
])
def test_final_review_near_misses(triager, text: str, levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels
