"""Issue 21, code review: true emergencies routed too low by the rules path (primary care).

Each class below was found by review, not on a data set; every sentence was written for its
class. The positives fail on the code before this change (acuity 3 or 4 where an emergency,
<= 2, is due); the near misses keep the over-triage guards they touch.

1. acute airway/breathing/circulation signs hidden by the past-medical-history guard
   (Resuscitation Council UK ABCDE; NHS: call 999);
2. a denial extended over a long unpunctuated run (its scope is uncertain: safe side);
3. "stable" angina with the features that end stability (NICE CG95 / NHS Angina);
4. an acute change on a chronic course (NICE CG187 acute heart failure; NICE NG158 PE);
5. "my son is 20 days old fever" read as an illness's age (NICE NG143: fever under 3 months);
6. cauda equina in lay words (NHS Cauda equina syndrome).
"""

from __future__ import annotations

import pytest
from test_triage_selfcare_classes import _acuity as _rec  # noqa: E402

from assistant.triage.parse import parse_age
from assistant.triage.red_flags import in_denied_list, in_history_sentence


@pytest.mark.parametrize("text", [
    # 1. ABC signs in a PMH sentence that runs on into the complaint
    "Past medical history of anaphylaxis, stridor and throat swelling after a bee sting",
    "Past medical history significant for asthma, wheezing and unable to speak in full sentences",
    "History significant for COPD, lips turning blue and cyanosis",
    # 2. unpunctuated denial run
    "Patient denies fever chills nausea vomiting diarrhea constipation crushing chest pain "
    "radiating to left arm with diaphoresis",
    # 3. stable angina no longer stable
    "Known stable angina for 2 years, central chest pain with vomiting and breathlessness for "
    "25 minutes, relieved by GTN spray",
    "Known stable angina for 3 years, chest tightness unchanged for 3 years, this time it lasted "
    "40 minutes, relieved by GTN spray",
    # 4. acute-on-chronic
    "Known heart failure, breathless on exertion for months, tonight woke with pink frothy "
    "sputum and bilateral crackles",
    "Cough for 3 weeks; today sudden pleuritic chest pain and haemoptysis, on the oral "
    "contraceptive pill",
    # 5. infant age by a copula
    "My son is 20 days old fever 38.3 since this morning",
    "She's 15 days old and has a fever of 38.5",
    # 6. cauda equina, lay words
    "low back pain after lifting, numbness around the anus, difficulty passing urine",
    "Back pain for a week, now can't pee and numb between my buttocks",
])
def test_review_emergencies_reach_level_2(triager, text: str) -> None:
    acuity, _ = _rec(triager, text)
    assert acuity <= 2, text


def test_abc_signs_in_pmh_sentence_keep_resuscitation_level(triager) -> None:
    # stridor is an airway compromise (acuity 1), not only an emergency
    assert _rec(triager, "Past medical history of anaphylaxis, stridor and throat swelling "
                "after a bee sting")[0] == 1


@pytest.mark.parametrize(("text", "acuity_min"), [
    # history sentences that name no ABC sign stay history (guard kept)
    ("Past medical history of asthma and eczema, here for a repeat prescription of her "
     "inhaler", 3),
    # a punctuated denied list still negates its last item
    ("Denies fever, chills, nausea, vomiting, diarrhoea, constipation, chest pain or shortness "
     "of breath; here for a sore toe", 3),
    # stable angina, unchanged, relieved by rest, no changed feature: not an emergency
    ("Known stable angina for 3 years, chest tightness unchanged for 3 years, relieved by GTN "
     "spray within 2 minutes", 3),
    # months of breathlessness with no acute change: not acute heart failure
    ("Breathless on exertion for months, ankles a bit puffy, no chest pain", 3),
    # urinary difficulty without back pain: the prostate, not cauda equina
    ("72-year-old man with difficulty passing urine and a weak stream for months", 3),
])
def test_review_near_misses_stay_below_emergency(triager, text: str, acuity_min: int) -> None:
    assert _rec(triager, text)[0] >= acuity_min, text


def test_history_sentence_guard_unit() -> None:
    t = "Past medical history of anaphylaxis, stridor and throat swelling after a bee sting"
    # the guard itself still says "history sentence"; the ABC exemption is in the rule finder
    assert in_history_sentence(t, t.index("stridor"))


@pytest.mark.parametrize(("text", "phrase", "denied"), [
    ("Patient denies fever chills nausea vomiting diarrhea constipation crushing chest pain",
     "chest pain", False),
    ("Patient denies fever, chills, nausea, vomiting, diarrhea, constipation or chest pain",
     "chest pain", True),
    # an item of six words is no list item: the run has no clear scope
    ("Denies fever, chills nausea vomiting diarrhea constipation crushing chest pain",
     "chest pain", False),
])
def test_denied_list_needs_punctuation(text: str, phrase: str, denied: bool) -> None:
    assert in_denied_list(text, text.index(phrase)) is denied


@pytest.mark.parametrize(("text", "age"), [
    ("My son is 20 days old fever 38.3 since this morning", round(20 / 365, 3)),
    ("a 12-day-old baby with poor feeding", round(12 / 365, 3)),
    ("She's 15 days old and has a fever", round(15 / 365, 3)),
    # the age of an illness is still not the patient's
    ("a 3 day old rash on the arm", None),
])
def test_days_old_age(text: str, age: float | None) -> None:
    assert parse_age(text)[0] == age
