"""Issue 21 (triage safety): a negation read across a comma onto a new affirmative statement.

"my 3 month old baby has no fever, vomiting blood" was acuity 4: clause NegEx scopes "no" over
its whole clause and a comma ends no clause, so the blood was read as denied. The rule now
(``assistant.triage.negation.scope_view``): a comma continues a negation only when the items
after it form a coordinated list the clause closes ("denies fever, chills, or chest pain"; "no
cough, fever, sputum or wheeze"; "without nausea, vomiting, or diarrhea"; an asyndetic run of
three or more noun items to the clause end, a review-of-systems list); anything else starts a
new statement, and a danger feature there is affirmed (over-triage is the safe side).

Every positive below fails on the code before this change (acuity 4 or self-care where an
emergency or urgent level is due); the negated lists keep their negation so that clinical
review-of-systems lists do not raise levels. All sentences were written for their class.
"""

from __future__ import annotations

import pytest
from test_triage_selfcare_classes import _acuity as _rec  # noqa: E402

from assistant.clinical.context import clause_negated
from assistant.triage.knowledge import blocker_negated, danger_negated
from assistant.triage.negation import scope_view


def _negated(text: str, phrase: str) -> bool:
    i = text.index(phrase)
    return clause_negated(scope_view(text), i, i + len(phrase))


# ---- 1. red-flag triggers after a comma that starts a new statement (lay and clinical) ----
@pytest.mark.parametrize("text", [
    "my 3 month old baby has no fever, vomiting blood",
    "no fever, coughing up blood",
    "He has no fever, vomited blood twice this morning",
    "No headache, sudden weakness of the left arm and face drooping",
    "Sore throat and runny nose for 2 days, no fever, stiff neck and rash",
    "58-year-old man, no cough, coughing up blood since this morning",
    "sore throat, no fever, coughing up blood, what can I take?",
    "I have a cold, no fever, wheezing and struggling to breathe, what can I take?",
    "without fever, coughing up blood",
    "Patient denies fever, reports hematemesis this morning",
    "No vomiting, black tarry stools since yesterday",
    "no cough, lips turning blue",
    "No chest pain, sudden severe shortness of breath",
    "no diarrhoea, severe abdominal pain and rigid abdomen",
    "she has no allergies, throat swelling after eating peanuts",
    "no fever, very drowsy and hard to wake",
    "runny nose, no fever, headache and stiff neck, what can I take?",
])
def test_red_flag_after_new_statement_comma_is_emergency(triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 2, text


# ---- 2. a knowledge-base emergency entry (floppy child, lay words) ----
@pytest.mark.parametrize("text", [
    "no rash, floppy and not feeding",
    "my toddler has a runny nose, no fever, floppy and not feeding, what can I give?",
    "No temperature, he's floppy and won't feed",
])
def test_kb_emergency_after_new_statement_comma(triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 2, text


def test_kb_danger_negation_unit() -> None:
    t = "no rash, floppy and not feeding"
    assert not danger_negated(t, t.index("floppy"), t.index("floppy") + 6)
    t2 = "no rash, fever or floppiness"
    assert danger_negated(t2, t2.index("floppiness"), len(t2))


# ---- 3. safety-net blockers of self-care (a see-a-GP feature or a long course) ----
@pytest.mark.parametrize("text", [
    "I twisted my ankle yesterday, no swelling, can't put any weight on it. What can I take?",
    "I twisted my ankle yesterday, no bruising, unable to walk on it. What can I take?",
    "runny nose and cough, no fever, for 5 weeks now, what can I take?",
])
def test_self_care_blocker_after_comma_blocks(triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 4, text


@pytest.mark.parametrize(("text", "phrase", "negated"), [
    # the blocker view kept a comma of an "or" list, whatever the items were
    ("my son has a cold, no rash, floppy or very sleepy", "floppy", False),
    ("I have a sore throat, no fever, drooling or can't swallow", "drooling", False),
    # ... a true list stays negated for the blockers too
    ("no history of infections, urgency, frequency, or hesitancy", "hesitancy", True),
    ("He denies numbness in his legs, and any problems with his bladder", "bladder", True),
])
def test_blocker_negation_stops_at_new_statement(text: str, phrase: str, negated: bool) -> None:
    i = text.index(phrase)
    assert blocker_negated(text, i, i + len(phrase)) is negated, (text, phrase)


# ---- 4. true negated lists stay negated (clinical review of systems, lay "or" lists) ----
@pytest.mark.parametrize(("text", "phrase"), [
    ("denies fever, chills, or chest pain", "chest pain"),
    ("no cough, fever, sputum or wheeze", "fever"),
    ("no cough, fever, sputum or wheeze", "wheeze"),
    ("without nausea, vomiting, or diarrhea", "diarrhea"),
    ("No fever, chills, night sweats, chest pain.", "chest pain"),
    ("Denies fever, chills, nausea, vomiting, chest pain, shortness of breath.",
     "shortness of breath"),
    ("no nausea, vomiting, and diarrhea", "diarrhea"),
    ("no nausea, vomiting, diarrhoea and abdominal pain", "abdominal pain"),
    ("He denies smoking, drinking alcohol, and using illicit drugs.", "drinking alcohol"),
    ("no fever, vomiting blood or diarrhoea", "vomiting blood"),
])
def test_coordinated_lists_stay_negated(text: str, phrase: str) -> None:
    assert _negated(text, phrase), (text, phrase)


@pytest.mark.parametrize(("text", "phrase"), [
    ("my 3 month old baby has no fever, vomiting blood", "vomiting blood"),
    ("no fever, coughing up blood", "coughing up blood"),
    ("no rash, floppy and not feeding", "floppy"),
    ("no chest pain, breathless since this morning", "breathless"),
    ("no fever, rash", "rash"),  # two items: not visibly one list
    ("no fever, stiff neck and rash", "stiff neck"),  # "and" after one comma: a new statement
    ("no fever, cough, coughing up blood", "coughing up blood"),
    ("no rash, floppy or sleepy", "floppy"),  # a lay state word describes the patient
])
def test_new_statement_after_comma_is_affirmed(text: str, phrase: str) -> None:
    assert not _negated(text, phrase), (text, phrase)


@pytest.mark.parametrize("text", [
    "Denies fever, chills, nausea, vomiting, chest pain, shortness of breath. Here for a "
    "repeat prescription of her inhaler.",
    "No fever, chills, night sweats, chest pain or haemoptysis; here for a sore toe",
    "denies fever, chills, or chest pain; wants advice about a verruca",
    "No nausea, vomiting, diarrhea, chest pain. Here for a repeat prescription.",
    "ROS: negative for fever, chills, chest pain, or shortness of breath. Here for a repeat "
    "prescription.",
])
def test_review_of_systems_lists_do_not_raise_levels(triager, text: str) -> None:
    assert _rec(triager, text)[0] >= 3, text


def test_scope_view_keeps_offsets() -> None:
    t = "my baby has no fever, vomiting blood, what do I do?"
    v = scope_view(t)
    assert len(v) == len(t)
    assert v == "my baby has no fever; vomiting blood; what do I do?"
