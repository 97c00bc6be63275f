"""Error classes of issue 21, round 5: self-care on clinician-worded notes (self-care probe 2).

Mechanisms found on ``probe_selfcare2_dev.tsv`` / ``probe_selfcare2_lay.tsv`` (scored once
before any change: accuracy 0.722, self-care 1/11) and the lay dev split, each pinned here:

1. **a sprain, strain or overuse pain of a limb matched no entry** and fell to the front
   door's routine default: "presents to the clinic today for the evaluation of right knee
   pain ... twisted her knee ... ice and ibuprofen". The named ``sprain`` entry needs a second
   finding ("can bear weight", "mild swelling") that a clinic note rarely writes, and the
   general minor-illness rule excludes injuries. New: a general limb-pain rule
   (``minor.minor_musculoskeletal``; NHS Sprains and strains, Knee / Shoulder / Elbow pain,
   Bursitis): one limb region, a low-energy or overuse cause, a course under 2 weeks, no NHS
   "see a GP / urgent treatment centre" feature, under the self-care safety net;
2. **the safety net's "joint pain"** (an unexplained systemic feature) blocked a knee pain
   whose cause is stated; it no longer blocks the limb rule when no spread to many joints is
   named;
3. **a negated pain score**: "without medication her pain is 7-8/10" negated the score; a
   pain score is a reading and is never negated for the limb rule;
4. **a condition read from the past history**: "a past medical history significant for
   epilepsy, depression ... who presents with elbow pain" fired the routine depression entry
   (and "a history of atopic eczema" the minor-illness rule's rash), so no general rule ran;
   a routine or self-care pattern whose first finding is only in a past-history span is not
   applied, and the general rules read the complaint kinds outside those spans (urgent and
   emergency patterns may rest on a risk factor from the history and are kept);
5. **a clinic visit read as a need for a clinician**: the minor-illness rule needed a
   self-care question; a clinician's note that documents a well appearance or observations
   all in range (NEWS2 0) now stands in for it, and "blood pressure" no longer reads as
   blood seen (a worrying feature).

Every sentence was written for its class (not copied from a data set). The positives fail on
the code before this change (routine, acuity 4); each near-miss must stay above self-care
(and an emergency must stay an emergency: floors are never lowered).
"""

from __future__ import annotations

import pytest

from assistant.triage import Triager
from assistant.triage.minor import minor_musculoskeletal, msk_course
from assistant.triage.parse import parse_case


def _triage(t: Triager, text: str, setting: str = "primary_care") -> tuple[int, str | None]:
    rec = t.triage({"id": "c", "text": text, "setting": setting})
    assert rec.acuity is not None
    return rec.acuity, rec.condition


LIMB = "sprain, strain or overuse pain of a limb"


# ---- 1. a minor limb pain in a clinician's note is self-care ----
@pytest.mark.parametrize("text", [
    "Mr. Lane is a 38-year-old male who presents to the clinic today for the evaluation of "
    "left ankle pain. He twisted his ankle stepping off a curb yesterday. He has been using "
    "ice and ibuprofen.",
    "A 29-year-old woman comes to the physician because of pain on the outer side of her "
    "right elbow for 5 days since she began painting her house. She denies any injury.",
    "The patient is a 47-year-old man who presents for an evaluation of the right shoulder. "
    "He started a new gym routine last week and has had pain with overhead lifting since "
    "then. Tylenol helps a little.",
    "Ms. Ford is a 35-year-old female presenting with bilateral knee pain after she started "
    "doing stair workouts 4 days ago. She denies swelling, fever or any injury.",
    "52-year-old man with a sore calf muscle since a 10 km run on Sunday, walking normally, "
    "no swelling of the calf.",
])
def test_minor_limb_pain_note_is_self_care(triager: Triager, text: str) -> None:
    acuity, condition = _triage(triager, text)
    assert (acuity, condition) == (5, LIMB + " (general rule: one region, low-energy or "
                                   "overuse cause, short course, no warning feature)")


# ---- near-misses: NHS "see a GP / urgent treatment centre / A&E" features ----
@pytest.mark.parametrize(("text", "why"), [
    ("A 38-year-old presents for evaluation of left knee pain after he felt a pop while "
     "playing basketball yesterday.", "pop"),
    ("A 38-year-old twisted his ankle yesterday playing football and is unable to bear "
     "weight.", "unable to bear"),
    ("A 44-year-old presents for evaluation of right shoulder pain that began a few weeks "
     "ago while gardening.", "longer than 14 days"),
    ("A 30-year-old with right elbow pain for 5 days after tennis, with numbness in the "
     "little finger.", "numbness"),
    ("A 30-year-old with left wrist pain since she fell while jogging yesterday; without "
     "painkillers the pain is 8/10.", "8/10"),
    ("A 41-year-old presents with right knee pain since yesterday after kneeling to garden; "
     "the knee is hot and red.", "hot"),
    ("A 36-year-old with right ankle pain after a twisting injury yesterday; the pain stops "
     "her from doing her daily activities.", "daily activities"),
    ("A 26-year-old with right knee pain since playing soccer yesterday; another player fell "
     "onto her foot and she needed help to get off the field.", "help"),
    # a fall onto the hand (scaphoid), pain with sweating (referred cardiac pain), a clot risk
    ("A 25-year-old presents with right wrist pain since she fell on her outstretched hand "
     "while jogging yesterday.", "outstretched"),
    ("A 40-year-old man with left shoulder pain since this morning after gardening, sweating "
     "and nauseated.", "sweating"),
    ("A 35-year-old with right calf muscle pain after a run 2 days ago, the day after a "
     "long-haul flight.", "long-haul flight"),
])
def test_limb_pain_with_a_see_a_gp_feature_is_not_self_care(triager: Triager, text: str,
                                                            why: str) -> None:
    acuity, _ = _triage(triager, text)
    assert acuity <= 4
    match, reasons = minor_musculoskeletal(parse_case({"id": "c", "text": text}), 5,
                                           _scores(text))
    assert match is None
    assert any(why in r for r in reasons), reasons


@pytest.mark.parametrize("text", [
    # older people after a fall: fragility fracture (NICE CG161)
    "A 72-year-old woman presents with right wrist pain since she tripped on the stairs "
    "yesterday.",
    # a child: growth-plate injuries (and a slipped epiphysis felt in the knee) are left to a
    # clinician
    "A 9-year-old with left ankle pain since he twisted it playing football yesterday.",
    "A 13-year-old boy with left knee pain for 5 days after football practice.",
    # immunosuppressed (the safety net)
    "A 45-year-old kidney transplant recipient with knee pain for 3 days after moving boxes.",
])
def test_limb_pain_in_a_high_risk_group_is_not_self_care(triager: Triager, text: str) -> None:
    assert _triage(triager, text)[0] <= 4


@pytest.mark.parametrize("text", [
    # cardiac chest pain with arm pain stays an emergency
    "A 52-year-old man presents for evaluation of left arm pain since yesterday after mowing "
    "the lawn; he also reports chest pain that radiates to his neck and had to stop mowing.",
    # a high-energy mechanism stays at its floor
    "A 30-year-old presents with right hand pain after a motorcycle crash at high speed "
    "this morning.",
])
def test_limb_pain_floors_are_kept(triager: Triager, text: str) -> None:
    assert _triage(triager, text)[0] <= 2


# ---- 2. the safety net's "joint pain" and a spread to many joints ----
def test_joint_pain_of_one_region_is_the_complaint_not_a_systemic_feature(
        triager: Triager) -> None:
    text = ("Ms. Ford is a 35-year-old female who presents for evaluation of joint pain. She "
            "localizes the joint pain to her knees, which began after stair workouts 3 days "
            "ago. She denies swelling or fever.")
    assert _triage(triager, text)[0] == 5
    many = ("Ms. Ford is a 35-year-old female who presents for evaluation of joint pain in "
            "several joints of her hands and her knees for 3 days after stair workouts.")
    assert _triage(triager, many)[0] <= 4


# ---- 3. the course of a limb pain ----
@pytest.mark.parametrize(("text", "days"), [
    ("The onset of his pain began a few weeks ago when he was gardening.", 21.0),
    ("Her pain began 4 days ago.", 4.0),
    ("He had a similar injury 2 years ago; the pain now started yesterday.", None),
    ("knee pain for 3 days", 3.0),
    ("shoulder pain for a while", 30.0),
])
def test_msk_course(text: str, days: float | None) -> None:
    got = msk_course(text)
    assert (got[0] if got else None) == days


def _scores(text: str):  # type: ignore[no-untyped-def]
    from assistant.triage.floors import collect_floors

    return collect_floors(parse_case({"id": "c", "text": text})).scores


# ---- 4. a condition read from the past history only ----
@pytest.mark.parametrize("text", [
    "Ms. Hale is a 31-year-old female with a past medical history significant for migraine, "
    "depression and peptic ulcer disease who presents with right wrist pain since she began "
    "typing at a new job 3 days ago. She denies numbness or injury.",
    "Mr. Day is a 40-year-old male who presents with left calf muscle soreness since a long "
    "hike on Saturday, walking normally. He has a history of atopic eczema and uses a steroid "
    "cream for it.",
])
def test_history_only_pattern_does_not_set_the_level(triager: Triager, text: str) -> None:
    acuity, condition = _triage(triager, text)
    assert acuity == 5 and condition is not None and condition.startswith(LIMB)


@pytest.mark.parametrize(("text", "phrase", "past"), [
    ("a 26-year-old with a past medical history significant for epilepsy, depression, and "
     "asthma who presents with elbow pain", "depression", True),
    ("a 26-year-old with a past medical history significant for asthma who presents with "
     "depression", "depression", False),
    ("She has a history of atopic eczema and takes a cream for it. Her eczema is worse "
     "today.", "eczema", False),
    ("PMH: hypertension. Presents with a cough.", "hypertension", True),
])
def test_history_only(text: str, phrase: str, past: bool) -> None:
    from assistant.triage.minor import history_only

    assert history_only(text, phrase) is past


@pytest.mark.parametrize(("text", "most"), [
    # a risk factor from the history still counts for an urgent or emergency pattern
    ("A 50-year-old with a history of deep vein thrombosis presents with sudden "
     "breathlessness and sharp chest pain on breathing in.", 2),
    # a past gout diagnosis keeps a toe pain with a clinician
    ("A 50-year-old man with a history of gout presents with right big toe pain since "
     "yesterday after a long walk.", 4),
])
def test_history_keeps_the_higher_level(triager: Triager, text: str, most: int) -> None:
    assert _triage(triager, text)[0] <= most


# ---- 5. a clinician's note of reassuring findings stands in for the self-care question ----
@pytest.mark.parametrize(("text", "chosen"), [
    ("A 27-year-old man comes to the physician because of a scratchy throat and a hoarse "
     "voice since yesterday. He appears well.", "minor self-limiting"),
    # (also: "blood pressure" is an observation, not blood seen; since the NHS audit round 8
    # the reading no longer vetoes the ``acute_bronchitis`` entry either, and a specific entry
    # is preferred to the general rule)
    ("A 30-year-old man presents with a runny nose and a dry cough since yesterday. "
     "Temperature 36.9 C, pulse 72/min, respirations 14/min, blood pressure 122/78 mm Hg.",
     "acute bronchitis"),
])
def test_reassuring_clinical_note_is_self_care(triager: Triager, text: str, chosen: str) -> None:
    acuity, condition = _triage(triager, text)
    assert acuity == 5 and condition is not None and condition.startswith(chosen)


@pytest.mark.parametrize("text", [
    # the same complaint with no documented reassurance: the routine default stands (the
    # project's written vignettes pin a clinician's rash or earache note as routine)
    "A 27-year-old man comes to the physician because of a scratchy throat and a hoarse "
    "voice since yesterday.",
    # a rash in a clinician's note stays with the clinician (often systemic disease in exams)
    "A 34-year-old woman comes to the physician because of an itchy rash on both forearms "
    "since yesterday after gardening. She appears well.",
    # abnormal observations are not reassuring
    "A 30-year-old man presents with a runny nose and a dry cough since yesterday. "
    "Temperature 38.9 C, pulse 112/min, respirations 24/min.",
    # a long course
    "A 34-year-old woman comes to the physician because of an itchy rash on both forearms "
    "for 3 weeks. She appears well.",
    # blood seen is a warning feature
    "A 30-year-old man presents with a runny nose since yesterday and blood in his phlegm. "
    "He appears well.",
])
def test_clinical_note_without_reassurance_is_not_self_care(triager: Triager, text: str) -> None:
    assert _triage(triager, text)[0] <= 4


# ---- 6. a measured normal temperature is not a fever complaint; a joint pain is not minor illness
def test_measured_normal_temperature_and_hip_pain_is_not_minor_illness(triager: Triager) -> None:
    text = ("A 41-year-old woman presents with left hip pain that started 10 days ago. Her "
            "temperature is 36.8 C, blood pressure is 118/76 mm Hg, pulse is 76/min and "
            "respirations are 14/min.")
    acuity, condition = _triage(triager, text)
    assert acuity <= 4 and condition is None


@pytest.mark.parametrize(("text", "kind"), [
    ("The cough started 10 days ago.", "long"),
    ("She had a cold 10 days ago; the rash is since yesterday.", "short"),
])
def test_course_reads_an_onset_ago(text: str, kind: str) -> None:
    from assistant.triage.minor import course

    assert course(text)[0] == kind


# ---- 7. everyday concerns about a well young child (fussy eating, sleep) ----
@pytest.mark.parametrize(("text", "cid"), [
    ("My 3-year-old daughter is a really picky eater, she refuses vegetables. Is a kids "
     "multivitamin a good idea?", "fussy eating in a well toddler or young child"),
    ("Our toddler won't go to sleep at bedtime and keeps getting up. Any tips?",
     "sleep trouble in a well toddler or young child"),
])
def test_well_child_everyday_concern_is_self_care(triager: Triager, text: str, cid: str) -> None:
    assert _triage(triager, text) == (5, cid)


@pytest.mark.parametrize("text", [
    "My 3-year-old is a picky eater and has lost weight and seems tired all the time.",
    "My 2-year-old refuses vegetables and has had diarrhoea for weeks.",
    "Our toddler has trouble sleeping because he snores and stops breathing for a few seconds.",
    "My 4-year-old has trouble sleeping because of a cough and a fever.",
    # an infant: feeding and sleep concerns go to the health visitor / GP
    "My 4-month-old baby won't settle and has trouble sleeping.",
])
def test_child_concern_with_a_warning_feature_is_not_self_care(triager: Triager,
                                                               text: str) -> None:
    assert _triage(triager, text)[0] <= 4


# ---- advice: the limb-pain self-care answer carries the NHS sprain safety net ----
def test_limb_pain_self_care_advice_names_the_nhs_safety_net(triager: Triager) -> None:
    text = ("Mr. Lane is a 38-year-old male who presents for evaluation of left ankle pain. He "
            "twisted his ankle stepping off a curb yesterday.")
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"})
    assert rec.acuity == 5
    assert "not better after 2 weeks" in rec.advice and "cannot put weight on it" in rec.advice
    mine = triager.triage({"id": "c", "text": text, "setting": "self"})
    assert "if you cannot put weight on it" in mine.advice
    # another self-care answer keeps the generic advice only
    cold = triager.triage({"id": "c", "text": "I've had a runny nose and a sore throat since "
                           "Tuesday, what can I take?", "setting": "self"})
    assert cold.acuity == 5 and "limb pain" not in cold.advice
