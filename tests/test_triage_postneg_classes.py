"""Issue 21 (trneg): note-style post-negation and the mts7 misses, as classes.

1. post-negation in note-style text (ConText "following" triggers, Harkema et al. 2009):
   "Suicidal ideation: no", "Homicidal ideation: denied", "Suicidal/homicidal ideation is
   denied", "Suicidal thoughts - none" fired the red flag, because the trigger ("Suicidal") is
   only the first word of the label the answer follows. Read within the mention's own label and
   line only; an answer of another item, a qualified answer ("no plan"), "no longer denies" and
   lay text stay affirmed (ESI Handbook v4: suicidal or homicidal patients are level 2);
2. a negated denial affirms ("no longer denies suicidal ideation": was routine);
3. increased work of breathing, chest-wall recession and retractions in a child (NICE NG143 red:
   chest indrawing; ESI v4 respiratory distress), tachypnoea and nasal flaring in a child (NICE
   NG143 amber): mts7 mts-1911, a 10-month-old with fever and "increased workup of breathing",
   was routine;
4. drooling put down to teething in its own sentence, in a child of a stated age from 4
   months to under 4 years with no fever or temperature >= 38 anywhere, no airway, poison,
   allergy or toxicity companion and no other red flag, is a same-day review (3), never
   routine or self-care (NHS Baby teething symptoms; mts7 mts-3365 has a fever: stays 1);
5. (reverted by the safety review of the triage rounds) "a confusing history" keeps the
   altered-mental-status flag, as every "confused about ..." does;
6. (reverted by the safety review of trneg) hypothetical collapse, medicine-worry and AVPU
   "not confused" exemptions: those texts keep their flags (over-triage accepted);
7. the post-negation stand-down is vetoed by any self-harm, violence or intent word anywhere in
   the text, and never reaches past ", / and / but" before an affirmed clause; retractions at
   another site and tachypnoea while crying are no respiratory signs.

Each "fixed" case failed on main (checked); expected levels pinned by hand (1 resuscitation,
2 emergency, 3 urgent, 4 routine, 5 self-care).
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.triage import Triager
from assistant.triage.negation import post_negated
from assistant.triage.red_flags import TEETHING_DROOL


@pytest.fixture(scope="module")
def triager() -> Triager:
    return Triager(load_settings(None, {"use_llm": False}, environ={}))


def _rec(t: Triager, text: str, setting: str = "primary_care"):
    rec = t.triage({"id": "pn", "text": text, "setting": setting}, narrative=False)
    assert rec.acuity is not None
    return rec


# ---- 1. post-negation ----
@pytest.mark.parametrize("text", [
    "28-year-old with low mood for 2 months. Suicidal ideation: no. Homicidal ideation: no.",
    "Low mood for 2 months. Homicidal ideation: denied.",
    "Depressed mood for 6 weeks. Suicidal/homicidal ideation is denied.",
    "Low mood. Suicidal thoughts: none.",
    "Low mood. Suicidal ideation - no.",
    "Low mood for a month. Suicidal or homicidal ideation: negative.",
])
def test_note_post_negation_stands_the_flag_down(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert "suicidality or self-harm" not in rec.red_flags
    assert "risk of harm to others" not in rec.red_flags
    assert rec.acuity >= 3


@pytest.mark.parametrize(("text", "flag"), [
    # the answer belongs to another item
    ("Low mood. Suicidal ideation: yes. Fever: no.", "suicidality or self-harm"),
    # a qualified answer: ideation present without a plan
    ("Mood low. Suicidal ideation: no plan.", "suicidality or self-harm"),
    ("Low mood. Suicidal ideation: no longer denied.", "suicidality or self-harm"),
    # a negated denial affirms (was routine on main)
    ("Low mood. She no longer denies suicidal ideation.", "suicidality or self-harm"),
    ("He does not deny thoughts of killing his wife.", "risk of harm to others"),
    ("She no longer denies suicidal ideation, self-harm or a plan.", "suicidality or self-harm"),
    # the denial is overruled in the same sentence
    ("She denies suicidal ideation but states she wants to die.", "suicidality or self-harm"),
    # lay words
    ("I want to kill myself, no one can help", "suicidality or self-harm"),
    ("I want to die - nobody cares", "suicidality or self-harm"),
    ("Suicidal thoughts: no one knows, I have saved up my tablets.", "suicidality or self-harm"),
    ("Wants to kill himself and access to weapons is denied.", "suicidality or self-harm"),
    ("Suicidal ideation: positive. Homicidal ideation: denied.", "suicidality or self-harm"),
])
def test_affirmed_risk_stays_an_emergency(triager: Triager, text: str, flag: str) -> None:
    for setting in ("self", "primary_care"):
        rec = _rec(triager, text, setting)
        assert flag in rec.red_flags
        assert rec.acuity <= 2


@pytest.mark.parametrize(("text", "word", "negated"), [
    ("Chest pain: none.", "Chest pain", True),
    ("SI: no HI: no", "SI", True),
    ("Chest pain: none at rest but on exertion", "Chest pain", False),
    ("Suicidal and it is denied", "Suicidal", False),
    # the answer is about another thing than the trigger's finding (a pulse, a test)
    ("Left leg pulses are absent.", "leg", False),
    ("Pregnancy test is negative.", "Pregnancy", False),
])
def test_post_negated_reads_only_its_own_label(text: str, word: str, negated: bool) -> None:
    i = text.index(word)
    assert post_negated(text, i, i + len(word)) is negated


@pytest.mark.parametrize("text", [
    # a colon or dash answer that does not end its item is no denial (main: routine)
    "I've got chest pain: no idea why, it's crushing and I'm sweaty.",
    "Crushing chest pain - none of the painkillers help, I'm sweating and feel sick.",
])
def test_lay_chest_pain_with_an_answer_word_stays_an_emergency(triager: Triager, text: str) -> None:
    for setting in ("self", "primary_care"):
        rec = _rec(triager, text, setting)
        assert "chest pain with cardiac features" in rec.red_flags
        assert rec.acuity <= 2


# ---- 3. work of breathing in an infant ----
@pytest.mark.parametrize(("text", "hi"), [
    ("10-month-old with a 2-day history of fever up to 103.6 and cough. He was noted to have "
     "some increased workup of breathing.", 2),
    ("6-month-old with fever and subcostal retractions.", 2),
    ("My 4 month old has a cold and her chest is sucking in when she breathes.", 2),
    ("9-month-old with cough and fever, retractions noted.", 2),
    ("Adult with cough and increased work of breathing.", 2),
    ("6-month-old with fever and nasal flaring.", 3),
    ("6-month-old with fever and tachypnoea.", 3),
])
def test_work_of_breathing_is_distress(triager: Triager, text: str, hi: int) -> None:
    assert _rec(triager, text).acuity <= hi


@pytest.mark.parametrize("text", [
    "8-month-old with a cough, no retractions, no nasal flaring, feeding well.",
    "45-year-old woman with nipple retraction for 2 months.",
])
def test_no_distress_without_the_sign(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert "respiratory distress" not in rec.red_flags
    assert "fast breathing in a child" not in rec.red_flags


# ---- 4. teething drool ----
@pytest.mark.parametrize("text", [
    "10 month old teething, drooling a lot and chewing everything, what can I give?",
    "My 9 month old is teething and drooling a lot, otherwise fine.",
    "18-month-old. He is cutting an eye tooth that causes him to be drooling and sometimes "
    "fussy. Appetite is fine. Temperature 37.2.",
])
def test_teething_drool_is_a_same_day_review(triager: Triager, text: str) -> None:
    for setting in ("self", "primary_care"):
        rec = _rec(triager, text, setting)
        assert "airway compromise" not in rec.red_flags
        assert TEETHING_DROOL in rec.red_flags
        assert rec.acuity == 3  # never routine or self-care


@pytest.mark.parametrize(("text", "hi"), [
    # safety review of trneg: each came out 4-5 on the trneg merge
    ("Teething and drooling. Fever.", 2),
    ("Teething, drooling, 3 weeks old", 2),
    ("teething, drooling, ate some drain unblocker", 2),
    ("teething, drooling, difficult to wake", 2),
    ("My 9 month old is teething and drooling, temperature 39.2. Otherwise fine", 2),
    ("My 9 month old is teething and drooling. Temp 101.2 F", 2),
    ("My 9 month old is teething and drooling, no fever", 2),
    ("My 9 month old is teething and drooling. She drank some bleach.", 2),
    ("My 5 year old is teething and drooling", 2),
    ("My baby is teething and drooling a lot", 2),  # no stated age: not exempt
    # mts7 mts-3365: a fever in the text keeps the airway flag (a miss against gold, accepted)
    ("18-month-old with intermittent fever for five days, temperature 102.6 two days ago, "
     "much better today. He is cutting an eye tooth that causes him to be drooling and "
     "sometimes fussy. Appetite is fine.", 1),
])
def test_teething_drool_with_a_fever_age_or_danger_stays_an_emergency(
        triager: Triager, text: str, hi: int) -> None:
    for setting in ("self", "primary_care"):
        assert _rec(triager, text, setting).acuity <= hi


@pytest.mark.parametrize("text", [
    "My baby is teething and drooling and breathing fast",
    "My toddler is teething and drooling after swallowing a button battery",
    "My baby is teething and drooling and has hives after eating egg",
    "My baby is teething, drooling and her voice sounds croaky",
    "My 2 year old is teething but now drooling, can't swallow and has noisy breathing",
    "My 8 month old is teething and drooling with a high temperature",
    "My 2 year old is teething and drooling, sitting forward and can't swallow",
    "My 1 year old is teething and drooling. He is floppy.",
    "2-year-old with drooling, fever, muffled voice and stridor, sitting forward",
    "My son is 30 and his wisdom tooth is coming through, he is drooling with a swollen jaw",
])
def test_drool_with_a_companion_stays_resuscitation(triager: Triager, text: str) -> None:
    for setting in ("self", "primary_care"):
        assert _rec(triager, text, setting).acuity == 1


# ---- 5. confusing history (exemption reverted by the safety review of the triage rounds) ----
@pytest.mark.parametrize("text", [
    "5-year-old with nasal obstruction. The mother gives a very confusing sleep history. He "
    "snores loudly.",
    "Mum gives a confusing story about the cough, which started 3 days ago.",
    # the review's probe: 2 at 9445fc6, 4 on main 2599a3b
    "confusing history, drowsy",
])
def test_confusing_account_keeps_its_flag(triager: Triager, text: str) -> None:
    for setting in ("self", "primary_care"):
        rec = _rec(triager, text, setting)
        assert "altered mental status" in rec.red_flags, (setting, rec.red_flags)
        assert rec.acuity <= 2, (setting, rec.acuity)


@pytest.mark.parametrize("text", [
    "80-year-old woman, confused about where she is since this morning.",
    "My dad is confused about the date and keeps asking the same questions.",
    "Grandma is confusing her daughter with her sister since yesterday.",
    "He is confused and drowsy.",
    "My mum is suddenly confused.",
    # safety review of trneg: "confused about ..." is confusion again (each was 4 on trneg)
    "80 year old confused about which day it is",
    "Confused about how many tablets he took, drowsy",
    "She is confused about the dates of her last period, otherwise well.",
    "Grandad is confused about which tablets to take this morning.",
])
def test_real_confusion_stays_an_emergency(triager: Triager, text: str) -> None:
    for setting in ("self", "primary_care"):
        assert _rec(triager, text, setting).acuity <= 2


# ---- 6. reverted: hypotheticals, medicine worries, a denied confusion ----
@pytest.mark.parametrize(("text", "flag"), [
    # the safety review of trneg reverted these exemptions (over-triage accepted)
    ("Mum has dementia and lives alone. If she is found collapsed, call 999? What should the "
     "care plan say?", "found collapsed"),
    ("I'm pregnant and have a headache, I'm worried I'm going to hurt the baby if I take "
     "ibuprofen.", "risk of harm to others"),
    ("My mum was found collapsed on the kitchen floor this morning.", "found collapsed"),
    ("I just found my dad collapsed on the floor.", "found collapsed"),
    ("I'm going to hurt the baby if she doesn't stop crying.", "risk of harm to others"),
])
def test_collapse_or_threat_keeps_its_flag(triager: Triager, text: str, flag: str) -> None:
    rec = _rec(triager, text, "self")
    assert flag in rec.red_flags
    assert rec.acuity <= 2


@pytest.mark.parametrize("text", [
    "Not confused but drowsy",
    # (h-tri14c-confusion) "Cough for 3 days. He is alert and not confused." is no longer pinned
    # here: a closed, denied confusion is no AVPU "C" (NEWS2 ACVPU: C is new confusion); its
    # level (5, 5, 3) and this list's other texts are pinned in tests/test_triage_tri14c.py
    "He was not eating and is confused.",
    "She denies chest pain and is confused.",
    "No fever, confused since this morning.",
    "My mum is confused and not making sense.",
    "He is not confused but very drowsy.",
])
def test_confusion_stays_an_emergency(triager: Triager, text: str) -> None:
    for setting in ("self", "primary_care"):
        assert _rec(triager, text, setting).acuity <= 2


# ---- 7. the post-negation veto (safety review of trneg) ----
@pytest.mark.parametrize(("text", "flag"), [
    ("Suicidal ideation is denied but has a plan to jump off a bridge", "suicidality or self-harm"),
    ("Suicidal ideation is denied now but attempted this morning", "suicidality or self-harm"),
    ("Suicidal ideation: denied and plan to overdose", "suicidality or self-harm"),
    ("Suicidal ideation: no. Plan: jump from the bridge tonight.", "suicidality or self-harm"),
    ("Suicidal ideation: denied. Intent: yes. Plan: hanging.", "suicidality or self-harm"),
    ("Homicidal ideation: denied, but told staff he will kill his wife", "risk of harm to others"),
    ("Suicidal ideation: no, HI: yes", "risk of harm to others"),
    ("SI -- none\nHI -- plans to kill neighbour tonight", "risk of harm to others"),
    ("Low mood. Suicidal ideation: no, feels hopeless and took 20 tablets last night.",
     "suicidality or self-harm"),
    ("Low mood. Homicidal ideation: denied. Has a knife at home and is angry with his brother.",
     "risk of harm to others"),
])
def test_post_negation_veto_keeps_the_flag(triager: Triager, text: str, flag: str) -> None:
    for setting in ("self", "primary_care"):
        rec = _rec(triager, text, setting)
        assert flag in rec.red_flags
        assert rec.acuity <= 2


@pytest.mark.parametrize(("text", "word", "negated"), [
    ("Suicidal ideation: no, homicidal ideation: no.", "Suicidal", True),
    ("Suicidal ideation: no, HI: yes", "Suicidal", False),
    ("Suicidal ideation: denied but low mood", "Suicidal", False),
    ("Suicidal ideation: no. Plan: review in 2 weeks.", "Suicidal", False),  # negation-blind
])
def test_post_negation_stops_at_an_affirmed_clause(text: str, word: str, negated: bool) -> None:
    i = text.index(word)
    assert post_negated(text, i, i + len(word)) is negated


# ---- 8. retractions at another site, fast breathing while crying ----
@pytest.mark.parametrize("text", [
    "6 month old with nipple retraction",
    "2 year old, eardrum retraction on otoscopy",
    "Tympanic membrane retraction noted in a 5 year old",
    "3 year old with foreskin retraction pain",
    "Gum recession in a 10 year old",
    "6 month old, tachypneic from crying, otherwise well",
    "9 month old with tachypnoea when crying",
])
def test_non_respiratory_retraction_is_no_distress(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert "respiratory distress" not in rec.red_flags
    assert "fast breathing in a child" not in rec.red_flags
    assert rec.acuity >= 4


# ---- 9. the veto reads the warning signs of suicide (safety review of the triage rounds) ----
@pytest.mark.parametrize("text", [
    # the review's three probes: each 4 on main 2599a3b, 2 at 9445fc6
    "Suicidal ideation: no. Says life isn't worth living.",
    "Suicidal ideation: no. Gave away belongings.",
    "Suicidal ideation: no. Slit wrists last week.",
    # the same class in other words (NHS 'Help for suicidal thoughts')
    "Suicidal ideation: no. Says life is not worth it anymore.",
    "Suicidal ideation: no. Feels it is not worth living.",
    "Suicidal ideation: no. Has been giving away her possessions.",
])
def test_post_negation_veto_reads_warning_signs(triager: Triager, text: str) -> None:
    for setting in ("primary_care", "self", "ed"):
        rec = _rec(triager, text, setting)
        assert "suicidality or self-harm" in rec.red_flags, (setting, rec.red_flags)
        assert rec.acuity == 2, (setting, rec.acuity)


@pytest.mark.parametrize("text", [
    "Suicidal ideation: no. Says life isn't worth living.",
    "Suicidal ideation: no. Gave away belongings.",
    "Suicidal ideation: no. Slit wrists last week.",
    "Suicidal ideation: no. Cut her wrists last night.",
    "Suicidal ideation: no. History of self harm.",
    "Suicidal ideation: no. Harmed himself yesterday.",
    "Suicidal ideation: no. Says family would be better off dead without him.",
    "Suicidal ideation: no. Wants to end it all.",
    "Suicidal ideation: no. Talked about ending his life.",
    "Suicidal ideation: no. Says there is no reason to live.",
])
def test_post_negation_veto_words(text: str) -> None:
    i = text.index("Suicidal")
    assert post_negated(text, i, i + len("Suicidal")) is False


def test_post_negation_without_a_warning_sign_still_stands_down() -> None:
    text = "Suicidal ideation: no. Sleeping well, eating well."
    assert post_negated(text, 0, len("Suicidal")) is True
