"""Error classes of issue 21, eighth MTSamples probe (mts8): real transcribed presentations.

Found on ``eval/data/triage_real/mts8_dev.tsv`` (18 MTSamples admission / consult notes drawn
by ``draw_mts8.py``, labelled from each note's own diagnosis and committed in cb9a3f4 before the
triage path ran; untuned: accuracy 0.556, emergencies 6/8, under-triage 0.167). The classes:

1. a pneumothorax with air under the skin (subcutaneous emphysema), scapular pain and a voice
   change reached no entry: ``pneumothorax_named`` now reads those, and a new
   ``subcutaneous_emphysema`` entry reads air under the skin of the chest or neck after an
   injury or with breathlessness, pain or a voice change (ESI v4 high-risk; NHS Collapsed lung);
2. a GI bleed named clinically ("GI bleed", "GIB", "BRBPR", "hematochezia", "melena",
   "coffee-ground emesis") with an anticoagulant, faintness, fatigue, pallor or shock reached
   no entry: ``gi_bleed_named`` (NICE CG141 Blatchford items; NHS Blood in poo);
3. a respiratory or ear self-care pattern whose symptom lasts beyond its NHS / NICE self-care
   window, or that has never resolved, is no longer self-care (routine: see a GP);
4. a stroke named only in the past history ("has sinus and CVA", "possible stroke" in a list
   of past problems, "history of stroke") no longer fires ``stroke signs (FAST)`` when no
   current stroke sign is written anywhere; any current sign keeps the emergency.

Each positive failed on the code before; each expected level is pinned by hand.
"""

from __future__ import annotations

import pytest
from kb_entry import entry_fires, triage_record  # same folder


# ---- 1. pneumothorax / air under the skin ----
@pytest.mark.parametrize("text", [
    # mts-4180's shape (a consult note's heading and history)
    "Pneumothorax and subcutaneous emphysema. The patient is a 48-year-old man seen yesterday with "
    "scapular pain; today he has subcutaneous emphysema, pain and a change in his voice.",
    "Subcutaneous emphysema of the chest wall and neck with a hoarse voice, seen the day after a "
    "fall.",
    "A 30-year-old with a right pneumothorax on the X-ray and pain between the shoulder blades.",
    # the spontaneous pattern in lay and note words (NHS Collapsed lung)
    "I'm 22 and tall, I suddenly got a sharp stabbing pain in the side of my chest and it hurts "
    "to breathe in and I feel short of breath.",
    "A 19-year-old with sudden sharp pain in the right shoulder and chest and shortness of breath "
    "after coughing.",
])
def test_pneumothorax_or_air_under_the_skin_is_emergency(triager, text: str) -> None:
    assert triage_record(triager, text).acuity == 2


@pytest.mark.parametrize("text", [
    "She had a pneumothorax 3 years ago and now has a sprained ankle.",
    "A 70-year-old with emphysema and COPD, cough worse for a week.",
    "Knee crepitus and pain on stairs for months.",
])
def test_past_pneumothorax_emphysema_and_joint_crepitus_are_not_this_entry(text: str) -> None:
    assert not entry_fires("subcutaneous_emphysema", text)
    assert not entry_fires("pneumothorax_named", text)


# ---- 2. GI bleeding named clinically ----
@pytest.mark.parametrize("text", [
    # mts-3529's shape
    "GI bleed. An 80-year-old woman with atrial fibrillation, on Coumadin, complaining of "
    "increasing fatigue.",
    "A 67-year-old on apixaban with melena since yesterday.",
    "A 55-year-old with BRBPR and dizziness since this morning.",
    "Upper GI bleed in a 72-year-old on warfarin.",
    "Hematochezia x2 today in a 78-year-old on Eliquis.",
    "A 70-year-old with a lower GIB on rivaroxaban, feels lightheaded.",
])
def test_gi_bleed_named_clinically_is_emergency(triager, text: str) -> None:
    r = triage_record(triager, text)
    assert r.acuity == 2


@pytest.mark.parametrize("text", [
    "A 45-year-old with a history of GI bleed on aspirin comes for a flu vaccine.",
    "He has a prior GI bleed in 2010 and is on warfarin for atrial fibrillation; today he has a "
    "sore throat.",
    "On omeprazole to reduce the risk of GI bleed while on aspirin; he presents with knee pain.",
    "No melena or hematochezia; on warfarin, INR check.",
])
def test_past_risk_or_denied_gi_bleed_is_not_this_entry(text: str) -> None:
    assert not entry_fires("gi_bleed_named", text)


# ---- 3. a self-care illness past its window, or never settling ----
@pytest.mark.parametrize("text", [
    # mts-3363's shape: ear pain again today, congestion purulent and never resolved
    "A 5-year-old with left ear pain today after a cold. The congestion has continued to be thick "
    "and purulent. It has never really resolved. A loose cough, no fever.",
    "I've had a runny nose and sneezing for 5 weeks now.",
    "My sore throat has lasted 2 weeks and it still hurts to swallow.",
    "My cold has never really cleared up, runny nose and sneezing.",
    "Dry cough after a cold that has not got better since the antibiotics, no fever.",
])
def test_self_care_illness_beyond_its_window_goes_to_a_gp(triager, text: str) -> None:
    r = triage_record(triager, text)
    assert r.acuity == 4, (r.acuity, r.condition, r.reasons)


@pytest.mark.parametrize("text", [
    "I've had a runny nose and sneezing for 4 days.",
    "Sore throat for 3 days, otherwise well, what can I take?",
    "4-year-old with ear pain since last night after a cold, eating and drinking, playing.",
    "Dry cough for 5 days after a cold, no fever.",
    # a duration in another sentence is another symptom's (the knee), not the cold's
    "My knee has ached for 2 months. Now I have a runny nose and sneezing since yesterday.",
])
def test_self_care_within_its_window_stays_self_care(triager, text: str) -> None:
    assert triage_record(triager, text).acuity == 5


def test_window_is_for_self_care_entries_only() -> None:
    from assistant.errors import ConfigError
    from assistant.triage.knowledge import parse_entry

    raw = {"id": "x", "condition": "c", "disposition": "routine", "why": "w", "source": "s",
           "all": [["cough"], ["cold"]], "example": "cough, cold", "near_miss": "cough",
           "window_days": 7}
    with pytest.raises(ConfigError, match="window_days"):
        parse_entry(raw, {})


# ---- 4. a stroke named only as past history ----
FAST = "stroke signs (FAST)"


@pytest.mark.parametrize("text", [
    # mts-4009's shape: the name under a history heading
    "A 49-year-old comes in today for a patch of hyperesthesia on his right abdomen.\n"
    "FAMILY, SOCIAL, AND ALLERGY HISTORY:\n  The patient has sinus and CVA. He is a nonsmoker.",
    # mts-2906's shape: an item of a list of standing problems, then "who presents with"
    "A 77-year-old with multiple medical problems including CHF, atrial fibrillation, "
    "hypothyroidism, possible stroke, gout, who presents with one month of positional dizziness. "
    "She denies diplopia or dysarthria.",
    "History of stroke in 2015. He has a sore throat.",
    "Past medical history: hypertension, TIA, diabetes. He presents with a cough for 3 days.",
    "My dad had a stroke before; he has a sore knee.",
    # mts6 mts-1369's shape: the indication of a standing anticoagulant
    "He is being treated with Coumadin because of atrial fibrillation and stroke. He fell a week "
    "ago and has buttock pain.",
])
def test_stroke_named_only_as_past_history_is_not_a_red_flag(triager, text: str) -> None:
    r = triage_record(triager, text)
    assert FAST not in r.red_flags and r.acuity >= 3, (r.acuity, r.red_flags)


@pytest.mark.parametrize("text", [
    # a current sign anywhere keeps the emergency, whatever the history says
    "History of stroke, now new right arm weakness since this morning.",
    "My dad had a stroke before and now his face is drooping.",
    "My dad had a stroke before and now he can't get his words out.",
    "Past medical history: hypertension, stroke, diabetes. His speech is slurred.",
    "History of TIA. Sudden numbness of the left hand an hour ago.",
    # the name as this presentation (no past marker, or a present-tense verb before it)
    "A 70-year-old with a history of diabetes presents with a stroke.",
    "A 75-year-old having a stroke.",
    "He has had a stroke.",
    "I think my mum is having a stroke.",
    "Possible stroke, brought in by ambulance.",
    "Previous TIA, and another TIA today.",
    # lay signs after a past stroke (NHS Stroke)
    "He had a TIA in the past. This morning his vision went blurry in one eye.",
    "History of stroke. Since this morning he's been talking nonsense.",
    "Previous stroke, his left side has gone all heavy.",
    "PMH: CVA. Today his wife noticed his mouth is lopsided.",
    "Mum had a mini stroke last year and today she can't lift her arm.",
    "He is on warfarin because of atrial fibrillation and a stroke, and this morning his face "
    "drooped.",
])
def test_current_stroke_signs_or_a_current_stroke_stay_emergency(triager, text: str) -> None:
    r = triage_record(triager, text)
    assert r.acuity <= 2, (r.acuity, r.red_flags)
