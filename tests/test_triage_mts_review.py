"""Safety review of the MTSamples triage round (9487990, ``git diff 68fcbfd..9487990``).

The reviewer's own inputs, each level pinned by hand (1 resuscitation, 2 emergency, 3 urgent,
4 routine, 5 self-care). Primary-care setting, rules only.

1+2. The "(has|had|with) a vague / remote / distant / old history of" past-history lead hid every
     red flag to the end of the sentence (stroke, asthma, chest pain, trauma), and the
     ``major_trauma`` ``not`` (an old injury anywhere) blocked the entry: both REVERTED. Each input
     is pinned at its 68fcbfd level; the MTSamples flank-pain consult (mts-129, "a vague history
     of a bruised left kidney in a motor vehicle accident") is an over-triage again (safe).
3.   ``sting_large_local_reaction`` (routine) fired on stings with anaphylaxis or airway features
     (NHS Insect bites and stings, NHS Anaphylaxis, Resuscitation Council UK 2021): it now has a
     ``not`` list, and ``sting_anaphylaxis_features`` (skin.yaml) makes each an emergency named
     "anaphylaxis". An infected sting (spreading redness, fever) is urgent (``bite_sting_infected``).
4.   The 65+ abdominal pain entry: exclusions name the abdominal pain itself; vomiting must be
     current. (A speaker-age rule, "My grandmother is 80. I'm 25 ...", was reverted after the
     second review: it lowered elderly and infant patients; see test_triage_mts_review2.py.)
5.   Stoma lay wordings ("No output from my stoma", "Stoma output stopped", "hasn't worked",
     "tummy hurts") and an ischaemic stoma ("dark purple and black").

Every case marked as a fault failed on 9487990 (checked in a scratch detached worktree).
"""

from __future__ import annotations

import pytest
from kb_entry import triage_record as _rec  # same folder

from assistant.triage import Triager


# ---- 1+2. the remote-history lead and the major_trauma `not`: reverted (68fcbfd levels) ----
@pytest.mark.parametrize(("text", "level"), [
    ("A 60-year-old man with old history of stroke, slurred speech and facial droop.", 2),
    ("My mum has an old history of a stroke and her face has dropped and she can't lift her arm.", 2),
    ("She has an old history of asthma, severe wheeze, can't speak.", 2),
    # 3 at 68fcbfd (the chest pain); 2 since h-tri9's collapse rule (the collapse is read, a raise)
    ("She has a vague history of heart problems, chest pain and collapsed.", 2),
    ("A 30-year-old man with a remote history of trauma was stabbed in the chest and is bleeding.", 2),
    ("I have an old history of a back injury and I was in a car crash, my neck hurts.", 2),
    ("He has an old history of a fall, fell from a ladder, back pain.", 2),
    ("A 40-year-old with a distant history of trauma fell 20 feet from scaffolding.", 2),
    ("A 25-year-old with a vague history of head injury, motorcycle crash, chest pain, BP 80/50.", 1),
    ("A 30-year-old with an old history of a knee injury. Today he has a knife wound to the "
     "abdomen.", 2),
    ("I had a remote history of a fall. Today I came off my motorcycle and have chest pain.", 2),
])
def test_remote_history_lead_hides_no_red_flag(triager: Triager, text: str, level: int) -> None:
    assert _rec(triager, text).acuity == level


# ---- 3. stings with anaphylaxis / airway features are emergencies, not a local reaction ----
@pytest.mark.parametrize("text", [
    "Stung by a bee, whole arm swollen, breathing is difficult.",
    "Stung by a bee, whole arm swollen and my lips are puffy.",
    "Stung by a bee, whole arm swollen and my tongue feels swollen.",
    "Stung in the throat by a bee, very swollen.",
    "Stung by a wasp in the mouth, a lot of swelling.",
    "Stung by a bee, whole arm swollen and generalised urticaria.",
    "Stung by a bee, whole arm swollen and a rash all over my body.",
    "Stung by a bee, whole arm swollen, I feel lightheaded and my heart is racing.",
    "Stung by a bee, whole arm swollen, I feel like I'm going to pass out.",
    "A 6-year-old stung by a wasp, whole arm swollen and he is drowsy.",
    "Stung by a wasp, a lot of swelling on my face and lips.",
])
def test_sting_with_anaphylaxis_features_is_an_emergency(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert rec.acuity == 2
    assert rec.condition == "anaphylaxis"


def test_infected_sting_is_urgent(triager: Triager) -> None:
    rec = _rec(triager, "Wasp sting yesterday, a lot of swelling, now the redness is spreading up "
                        "the arm and I have a fever.")
    assert rec.acuity == 3
    assert rec.condition == "infected bite or sting (possible cellulitis)"


@pytest.mark.parametrize(("text", "level", "condition"), [
    ("Stung by a bee on the hand, whole arm swollen, breathing fine, no other symptoms.", 4,
     "bite or sting with a large local reaction"),
    ("I got stung by a bee on my hand yesterday and now my whole arm is swollen up to the elbow, "
     "I can breathe fine.", 4, "bite or sting with a large local reaction"),
    ("Wasp sting yesterday, small red lump that is not spreading, no fever.", 5,
     "insect bite or sting, local reaction"),
    # the `not` list vetoes only what a higher entry reads: these stay a large local reaction
    ("Stung by a wasp, whole arm swollen, worried about infection.", 4,
     "bite or sting with a large local reaction"),
    ("Stung by a bee on the leg, whole leg swollen, my throat is fine.", 4,
     "bite or sting with a large local reaction"),
    # a question about infection is not an infected bite (selfcare_lay hb-e6474429 class)
    ("Small red bites on my ankles from the dog's fleas, can I catch an infection from them?", 5,
     "insect bite or sting, local reaction"),
])
def test_sting_near_misses_stay_where_they_were(triager: Triager, text: str, level: int,
                                               condition: str) -> None:
    rec = _rec(triager, text)
    assert (rec.acuity, rec.condition) == (level, condition)


# ---- 4. abdominal pain with vomiting at 65+ ----
@pytest.mark.parametrize("text", [
    # an exclusion word about something else must not block the entry
    "An 80-year-old man with chronic kidney disease has abdominal pain and vomiting since this "
    "morning.",
    "An 80-year-old man with chronic obstructive pulmonary disease has abdominal pain and vomiting "
    "since this morning.",
    "A 70-year-old with on and off back pain for years now has abdominal pain and vomiting since "
    "yesterday.",
    "My 82 year old dad had a stomach bug last month and now has tummy pain and is vomiting today.",
    "A 78-year-old with a history of weight loss after bariatric surgery has abdominal pain and "
    "vomiting since this morning.",
])
def test_older_adult_entry_not_blocked_by_other_courses(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert rec.acuity == 2
    assert rec.condition == "acute abdominal pain with vomiting in an older adult"


@pytest.mark.parametrize("text", [
    # vomiting must be current
    "A 70-year-old man has had abdominal pain since this morning; he vomited once last year.",
])
def test_older_adult_entry_over_fires_no_more(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert rec.acuity == 4
    assert rec.condition != "acute abdominal pain with vomiting in an older adult"


@pytest.mark.parametrize("text", [
    # The speaker-age rule (a relative's stated age is not the speaker's) was REVERTED after the
    # second safety review (tests/test_triage_mts_review2.py): a carer's text names the patient in
    # too many ways ("Mum fell", "I have been looking after him", "I have noticed mum") to pick
    # the speaker safely, and it lowered 80-year-olds and 6-week-olds to routine. These go back
    # to an over-triage (the earliest stated age, 65+: emergency), the safe direction.
    "My grandmother is 80. I'm 25 and I have tummy pain and I've been vomiting since this morning.",
    "My grandad is 82 and lives with us. I am 30 and have abdominal pain and vomiting since last "
    "night.",
])
def test_relative_age_is_read_as_the_patients_again(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert rec.acuity == 2
    assert rec.condition == "acute abdominal pain with vomiting in an older adult"


@pytest.mark.parametrize("text", [
    # the relative is the patient, or the speaker is 65+ too: the entry still fires
    "My mum is 80. I'm 50 and she has tummy pain and has been vomiting since this morning.",
    "My husband is 70. I am 68 and I have had abdominal pain and vomiting since last night.",
])
def test_relative_age_rule_keeps_older_patients(triager: Triager, text: str) -> None:
    assert _rec(triager, text).acuity == 2


@pytest.mark.parametrize("text", [
    # vomiting must be current: lay-worded current vomiting at 65+ stays an emergency
    "My 80 year old mum has been vomiting since last night and has tummy pain.",
    "My 78 year old dad vomited three times yesterday and still has bad tummy pain.",
    "An 81-year-old woman vomited twice last night and has abdominal pain today.",
    # "was sick twice" is the NHS lay word for vomiting (was 4 on 9487990)
    "I'm 72, I was sick twice this morning and have stomach pain.",
])
def test_current_vomiting_at_65_stays_an_emergency(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert rec.acuity == 2
    assert rec.condition == "acute abdominal pain with vomiting in an older adult"


# ---- 5. stoma lay wordings ----
@pytest.mark.parametrize(("text", "condition"), [
    ("No output from my stoma since yesterday and I keep vomiting.", "stoma not working"),
    ("Stoma output stopped this morning and I feel sick.", "stoma not working"),
    ("My stoma hasn't worked since yesterday and I'm being sick.", "stoma not working"),
    ("My stoma has not worked since last night and my tummy hurts.", "stoma not working"),
    ("My stoma has gone dark purple and black.", "stoma turning dark or black"),
])
def test_stoma_lay_wordings_are_emergencies(triager: Triager, text: str, condition: str) -> None:
    rec = _rec(triager, text)
    assert rec.acuity == 2
    assert rec.condition is not None and rec.condition.startswith(condition)


@pytest.mark.parametrize("text", [
    "No problems with my stoma, output normal, I feel fine.",
    "My stoma is pink and moist and working well.",
])
def test_stoma_near_misses(triager: Triager, text: str) -> None:
    assert _rec(triager, text).acuity == 4


def test_stoma_chain_does_not_read_a_denied_symptom(triager: Triager) -> None:
    # "... and no pain or sickness": the joined symptom is denied, so it is no finding
    rec = _rec(triager, "My stoma hasn't worked since yesterday and no pain or sickness.")
    assert rec.condition is None or not rec.condition.startswith("stoma not working")
