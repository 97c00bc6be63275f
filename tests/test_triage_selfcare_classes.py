"""Error classes of issue 21, round 3: why self-care did not generalise on lay text.

Mechanisms found on the dev data (lay set dev split, probes, dev 144), each pinned here:

1. a reply opening "No, ..." negated the whole clause after it, and so did a hedge ("not
   sure if", "no idea if", "not too bad") (clause NegEx);
2. nothing matched -> the front door's ``routine`` default, for a benign, short, red-flag-free
   minor illness about which the person asks what to do: the general minor-illness rule
   (``assistant.triage.minor``);
3. durations in lay words ("since Tuesday", "half a day", "a couple of days", "2-week");
4. a routine back-pain entry whose features (lifting, twisting, days) are the ones of
   self-care back pain: it now needs an NHS "see a GP" feature, and back pain that the
   person is managing at home (painkillers, heat) is self-care;
5. "a history significant for X, who presents today with Y" made Y a past finding;
6. a sprain with instability reached self-care;
7. lay words for NHS warning features: the glass test (a red flag), fluids not kept down,
   blood brought up, stopped drinking (block every self-care pattern).

Every sentence was written for its class (not copied from a data set). The positive cases fail
on the code before this change; each near-miss guard must stay non-self-care, and a floor
is never lowered.
"""

from __future__ import annotations

import pytest

from assistant.clinical.context import clause_negated
from assistant.triage import Triager
from assistant.triage.minor import course
from assistant.triage.parse import parse_case
from assistant.triage.red_flags import find_red_flags


def _acuity(t: Triager, text: str, setting: str = "primary_care") -> tuple[int, str | None]:
    rec = t.triage({"id": "c", "text": text, "setting": setting})
    assert rec.acuity is not None
    return rec.acuity, rec.condition


# ---- 1. an answer "No," negates nothing ----
@pytest.mark.parametrize(("text", "phrase", "negated"), [
    ("I was told it is a sinus infection.\nNo, looking for the right antibiotics.",
     "right antibiotics", False),
    ("No, she has had a cough since Monday", "cough", False),
    ("Nope, I still have chest pain", "chest pain", False),
    # a hedge is not a negation (pseudo-negation): the finding is possible, so it counts
    ("not sure whether this is chest pain or heartburn", "chest pain", False),
    ("I have no idea if this is a sore throat", "sore throat", False),
    ("not too bad, just a runny nose", "runny nose", False),
    # guards: a real negation cue stays one
    ("No chest pain", "chest pain", True),
    ("not sure, no fever", "fever", True),
    ("No, no fever at all", "fever", True),
    ("She has no cough and no fever", "fever", True),
])
def test_answer_no_is_not_a_negation_cue(text: str, phrase: str, negated: bool) -> None:
    i = text.index(phrase)
    assert clause_negated(text, i, i + len(phrase)) is negated


@pytest.mark.parametrize(("text", "flag"), [
    ("not sure if this is crushing chest pain or heartburn", "chest pain with cardiac features"),
    ("no idea if this is the worst headache of my life, it came on suddenly",
     "thunderclap headache"),
])
def test_hedge_does_not_hide_a_red_flag(text: str, flag: str) -> None:
    assert flag in {h.name for h in find_red_flags(parse_case({"id": "c", "text": text}))}


def test_answer_no_does_not_hide_a_red_flag() -> None:
    p = parse_case({"id": "c", "text": "Any heart problems?\nNo, but since an hour ago crushing "
                                       "chest pain spreading to my left arm and sweating"})
    assert "chest pain with cardiac features" in {h.name for h in find_red_flags(p)}
    p2 = parse_case({"id": "c", "text": "No, crushing chest pain spreading to my left arm, "
                                        "sweating"})
    assert "chest pain with cardiac features" in {h.name for h in find_red_flags(p2)}


def test_named_condition_after_an_answer_no(triager: Triager) -> None:
    acuity, cond = _acuity(triager, "I'm 30 and was diagnosed with a sinus infection.\nNo, "
                                    "looking for the right antibiotics.")
    assert (acuity, cond) == (5, "sinusitis (named)")


# ---- 3. lay durations ----
@pytest.mark.parametrize(("text", "kind", "evidence"), [
    ("sore throat since Tuesday", "short", "since Tuesday"),
    ("my kid has had a fever for half a day", "short", "half a day"),
    ("a runny nose for a couple of days", "short", "a couple of days"),
    ("cough for 48 hours", "short", "48 hours"),
    ("a 2-week history of a cough", "long", "2-week"),
    ("a cough for 10 days", "long", "10 days"),
    ("my throat has been sore for ages", "long", "for ages"),
    # a duration placed in the past is not the course of this complaint
    ("I had covid two weeks ago and now a runny nose since yesterday", "short",
     "since yesterday"),
    ("a runny nose", "unknown", None),
])
def test_course(text: str, kind: str, evidence: str | None) -> None:
    assert course(text) == (kind, evidence)


# ---- 2. the general minor-illness rule ----
GENERAL = "minor self-limiting illness (general rule: complaint kind, short course, no " \
          "warning feature)"


@pytest.mark.parametrize("text", [
    "Had a scratchy throat and sniffles since Tuesday, anything I can take?",
    "my 6 year old has had a temperature since yesterday, should I give her something from "
    "the pharmacy?",
    "Been throwing up since last night, no blood, keeping water down. Can I just ride it out?",
    "Itchy spots on my arm for 2 days, what cream should I use?",
    "My 8 year old has had a rash on her arm for 2 days, no fever, is it ok to treat it at "
    "home?",
])
def test_general_rule_gives_self_care(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) == (5, GENERAL)
    assert _acuity(triager, text, "self") == (5, GENERAL)


@pytest.mark.parametrize("text", [
    # long or worrying course
    "I've had a sore throat for three weeks and it won't go away, what can I take?",
    "Itchy spots on my arm for 2 days and getting worse, what cream should I use?",
    "Diarrhoea since yesterday and I can't keep fluids down, what can I do?",
    "A rash on my arm since yesterday after I started a new antibiotic, what cream?",
    "A persistent itchy rash, what cream should I use?",
    # not only a minor complaint
    "A cough since yesterday and chest pain when I breathe, what can I take?",
    "Vomiting since last night with stomach pain on the right side, what can I take?",
    "A temperature since yesterday and a headache, what can I take?",
    # high-risk group, extremes of age, infant
    "I'm pregnant and have had a cold for 2 days, what can I take?",
    "I'm 80 and have had a cough for 2 days, what can I take?",
    "My 2-month-old baby has had a temperature since yesterday, what can I give?",
    "My baby has had a runny nose since yesterday, what can I give?",
    # no self-care question: a clinician's note of a minor complaint stays routine review
    "runny nose",
    "40-year-old with a rash on both arms for 3 days, itchy, no swelling of lips or tongue.",
    "8-year-old with ear pain and a temperature of 38.2 C since last night, eating normally.",
    # a wound is not a minor illness
    "Fever for 2 days and pus coming from a wound on my foot, what can I take?",
])
def test_general_rule_near_misses_stay_clinician(triager: Triager, text: str) -> None:
    acuity, cond = _acuity(triager, text)
    assert acuity <= 4 and cond != GENERAL, (text, acuity, cond)


def test_general_rule_leaves_injuries_to_their_patterns(triager: Triager) -> None:
    # an injury is judged by its own pattern (sprain: Ottawa-style features), not the rule
    assert _acuity(triager, "Twisted my ankle yesterday and it is swollen, anything I can "
                            "take?")[1] == "sprain or strain (soft-tissue injury)"
    acuity, cond = _acuity(triager, "Twisted my ankle yesterday, it is swollen and feels "
                                    "unstable, anything I can take?")
    assert acuity <= 4 and cond != GENERAL


def test_general_rule_never_lowers_a_floor(triager: Triager) -> None:
    # abnormal vital signs: the floor stands, the rule does not apply
    acuity, cond = _acuity(triager, "Runny nose since yesterday, heart rate 135, RR 30, what "
                                    "can I take?")
    assert acuity <= 3 and cond != GENERAL
    # a red flag in a minor-sounding case
    acuity, cond = _acuity(triager, "Fever since yesterday and a rash that doesn't fade when "
                                    "I press a glass on it, what can I give?")
    assert acuity <= 2 and cond != GENERAL


# ---- the glass test in lay words is the meningism red flag; a rash that fades is not ----
@pytest.mark.parametrize(("text", "fires"), [
    ("My son has a fever and a rash that doesn't fade when I press a glass on it", True),
    ("Temperature since last night and spots, I did the glass test and they are still there",
     True),
    ("My son has a fever and a rash that fades when I press a glass on it", False),
    ("My son has a fever and a rash, no stiff neck", False),
])
def test_glass_test_red_flag(text: str, fires: bool) -> None:
    names = {h.name for h in find_red_flags(parse_case({"id": "c", "text": text}))}
    assert ("meningism" in names) is fires


# ---- every self-care pattern: an NHS "get urgent advice" feature blocks it ----
@pytest.mark.parametrize("text", [
    "A cough since yesterday and I can't keep fluids down, what can I do?",
    "A cold for 2 days and now coughing up blood, what can I take?",
    "My 3 year old has had a runny nose for 2 days and has stopped drinking, what can I give?",
])
def test_danger_feature_blocks_any_self_care_pattern(triager: Triager, text: str) -> None:
    acuity, _ = _acuity(triager, text)
    assert acuity <= 4, (text, acuity)


def test_general_rule_is_not_used_when_a_pattern_matched(triager: Triager) -> None:
    # a specific pattern (here a routine one) wins over the general rule
    acuity, cond = _acuity(triager, "I'm 30 with a sore throat for 2 days, white spots on my "
                                    "tonsils, a fever and swollen glands in my neck, what can I "
                                    "take?")
    assert acuity <= 4 and cond != GENERAL


# ---- 4. back pain: lifting or twisting alone is self-care; NHS "see a GP" features are not
@pytest.mark.parametrize(("text", "self_care"), [
    ("34-year-old with back pain after lifting boxes 3 days ago, taking ibuprofen.", True),
    ("40-year-old with back pain since a spasm while gardening 4 days ago, still stiff, "
     "using heat and ibuprofen.", True),
    # a clinician's note of back pain after lifting with nothing about home care: routine
    # review, as the project's vignette v26 pins
    ("50-year-old with lower back pain for 5 days after lifting, no leg weakness, no "
     "numbness, no bladder problems.", False),
    ("40-year-old with back pain after lifting 5 days ago, now shooting down the left leg.",
     False),
    ("40-year-old with low back pain after lifting, getting worse, cannot work.", False),
    ("40-year-old with back pain for three weeks after lifting, not improving.", False),
    ("40-year-old with back pain after lifting, pain 8/10.", False),
    ("40-year-old with back pain after a fall from a ladder yesterday.", False),
])
def test_back_pain_requirement_structure(triager: Triager, text: str, self_care: bool) -> None:
    acuity, _ = _acuity(triager, text)
    assert (acuity == 5) is self_care, (text, acuity)


def test_back_pain_red_flags_still_emergency(triager: Triager) -> None:
    acuity, _ = _acuity(triager, "40-year-old with back pain after lifting 3 days ago, now "
                                 "numbness around the bottom and unable to pass urine.")
    assert acuity <= 2


# ---- 5. history phrase then the presenting complaint in one sentence ----
def test_presenting_complaint_after_a_history_phrase_is_current(triager: Triager) -> None:
    acuity, cond = _acuity(triager, "Ms. A is a 34-year-old female with a past medical history "
                                    "significant for hypertension, who presents today with back "
                                    "pain after lifting boxes 4 days ago. She is taking "
                                    "ibuprofen.")
    assert (acuity, cond) == (5, "mild non-specific low back pain or sciatica without red flags")
    # guard: the finding named in the history list stays history
    acuity, cond = _acuity(triager, "Mr. B is a 50-year-old male with a past medical history "
                                    "significant for back pain after lifting, who presents "
                                    "today for a blood pressure check.")
    assert acuity <= 4


# ---- 6. a sprain with instability is not self-care ----
def test_sprain_with_instability(triager: Triager) -> None:
    acuity, _ = _acuity(triager, "30-year-old who twisted an ankle yesterday, mild swelling, "
                                 "bearing weight but the ankle feels unstable when walking.")
    assert acuity <= 4
    acuity, _ = _acuity(triager, "30-year-old who twisted an ankle yesterday, mild swelling, "
                                 "walking normally.")
    assert acuity == 5


# ---- 8. self-harm in plain words is the self-harm red flag (an emergency caught before only
# through an unrelated mention of a car accident) ----
@pytest.mark.parametrize(("text", "fires"), [
    ("10-year-old who has been violent and trying to hurt himself today", True),
    ("My daughter keeps cutting herself and says she wants to hurt herself", True),
    ("He hurt himself playing football yesterday, twisted knee", False),
    ("She is worried about hurting her back when lifting", False),
])
def test_self_harm_in_plain_words(text: str, fires: bool) -> None:
    names = {h.name for h in find_red_flags(parse_case({"id": "c", "text": text}))}
    assert ("suicidality or self-harm" in names) is fires
