"""One reader of a missing full stop for both negation views (tristop, issue 21).

``negation.lost_stops`` is the only reader of a sentence whose full stop was not typed: the
red-flag views (``scope_view`` / ``danger_view``) and the knowledge base's ``negation_view``
and ``clause_past`` all read it (they had two lists with different words and rules:
``negation._LOST_STOP`` and ``knowledge._MISSING_STOP``). NegEx / ConText end a cue's scope at
a sentence boundary (Chapman et al. 2001; Harkema et al. 2009). A capitalised presenting
complaint after a lower-case word (KTAS / CTAS complaint lexicon, ``complaints.CATEGORIES``)
opens a sentence too. The knowledge base's ``danger_negated`` reads ``danger_view`` (an
answer "No" before a subject negates nothing). Offsets and levels are computed by hand;
levels are (self, primary_care, ed).
"""

from __future__ import annotations

import pytest

from assistant.clinical.context import clause_negated
from assistant.config import load_settings
from assistant.runtime import Runtime
from assistant.triage import knowledge
from assistant.triage.negation import danger_view, lost_stops, scope_view

SETTINGS = ("self", "primary_care", "ed")


@pytest.fixture(scope="module")
def triager():
    return Runtime(load_settings(None, {"use_llm": False}, environ={})).triager


def _levels(t, text: str) -> tuple[int | None, ...]:
    return tuple(t.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in SETTINGS)


# ---- the reader: offsets of the space before the new sentence ----
@pytest.mark.parametrize(("text", "expected"), [
    # a capitalised complaint after a lower-case word: "no vomiting" is 11 characters
    ("no vomiting Chest pain started an hour ago", (11,)),
    ("no vomiting Severe headache came on suddenly", (11,)),
    # a closed-list opener: after a noun, after a cue ("fever no" is 8 characters), after a
    # number ("3 months" ends at 31)
    ("no rash He is floppy", (7,)),
    ("fever no He has a stiff neck", (8,)),
    # after a conjunction, a subject or a possessive ("no cough and" is 12 characters)
    ("no cough and His lips are blue", (12,)),
    ("he has had a cough for 3 months She now has a sore throat", (31,)),
    # the knowledge base's former words are read by the red-flag views too ("Patient",
    # "Allergies"), and the red flags' former words by the knowledge base ("Its", "Those")
    ("no chest pain Patient is sweating", (13,)),
    ("no rash Its edges are spreading", (7,)),
])
def test_lost_stops(text: str, expected: tuple[int, ...]) -> None:
    assert lost_stops(text) == expected


@pytest.mark.parametrize("text", [
    # near misses: a cue, a conjunction, a verb of having or a determiner before the complaint
    "No Chest pain today",
    "no fever or Chest pain",
    "denies having Chest pain",
    "no fever and Back pain",
    "no Severe headache",
    # a title, a letter grade, an eponym, a proper name, a lower-case word, "I"
    "history of The Lancet",
    "no type A dissection",
    "no hepatitis A or B",
    "no fever Parkinson's disease",
    "no neck stiffness Kernig's sign negative",
    "no vomiting chest pain started an hour ago",
    "no vomiting I have chest pain",
    # after a cue or a conjunction, an opener that is no subject continues the phrase
    "denies The",
    "no fever or The",
    "no contact with Sarah today",
])
def test_no_lost_stop(text: str) -> None:
    assert lost_stops(text) == ()


@pytest.mark.parametrize("text", [
    "no vomiting Chest pain started an hour ago",
    "no fever He has a stiff neck and she says Her rash does not fade",
    "he denies fever The pain is crushing",
])
def test_every_view_breaks_at_the_same_place(text: str) -> None:
    stops = lost_stops(text)
    assert stops
    for view in (scope_view(text), danger_view(text), knowledge.negation_view(text)):
        assert len(view) == len(text)
        assert all(view[i] == ";" for i in stops), view


# ---- the views ----
def test_a_capitalised_complaint_ends_the_denial() -> None:
    t = "no vomiting Chest pain started an hour ago"
    s = t.index("Chest")
    assert not clause_negated(danger_view(t), s, s + 10)
    assert not knowledge.danger_negated(t, s, s + 10)
    assert not knowledge.is_negated(t, s, s + 10)
    # near miss: the same words with no capital keep the denial (one noun phrase)
    t = "no vomiting chest pain started an hour ago"
    assert knowledge.danger_negated(t, s, s + 10)


def test_clause_past_ends_at_a_capitalised_complaint() -> None:
    t = "she had a rash 3 months ago Sore throat since yesterday"
    s = t.index("Sore")
    assert not knowledge.clause_past(t, s, s + 11)
    assert knowledge.clause_past(t, t.index("rash"), t.index("rash") + 4)
    # near miss: no capital, one clause, read as past (as before)
    t = t.replace("Sore", "sore")
    assert knowledge.clause_past(t, s, s + 11)


@pytest.mark.parametrize(("text", "word"), [
    ("no he is floppy", "floppy"),
    ("no my baby is floppy and not feeding", "floppy"),
    ("no my son is vomiting blood", "vomiting"),
    ("No his lips have gone blue", "blue"),
])
def test_danger_negated_reads_an_answer_no_as_the_red_flags(text: str, word: str) -> None:
    s = text.index(word)
    assert not knowledge.danger_negated(text, s, s + len(word))


@pytest.mark.parametrize(("text", "word"), [
    ("no floppiness", "floppiness"),
    ("he is not floppy", "floppy"),
    ("no he's not breathing fast", "breathing fast"),
    ("No his chest pain has gone now", "chest pain"),
])
def test_danger_negated_keeps_real_denials(text: str, word: str) -> None:
    s = text.index(word)
    assert knowledge.danger_negated(text, s, s + len(word))


# ---- levels ----
@pytest.mark.parametrize(("text", "expected"), [
    ("no vomiting Chest pain started an hour ago", (3, 3, 3)),      # was (4, 4, 3)
    # near misses: the complaint is denied
    ("No Chest pain today", (4, 4, 3)),
    ("no fever or Chest pain", (4, 4, 3)),
    ("denies having Chest pain", (4, 4, 3)),
])
def test_levels(triager, text: str, expected: tuple[int, int, int]) -> None:
    assert _levels(triager, text) == expected


# ---- an emergency entry's ``not`` phrase across a missing full stop ----
@pytest.mark.parametrize(("text", "expected"), [
    # the heart failure's course is no breathlessness course (was (3, 3, 2): the "not" phrase
    # "shortness of breath He has had heart failure for 5 years" vetoed the entry)
    ("78 year old man with shortness of breath He has had heart failure for 5 years", (2, 2, 2)),
    # the same with the full stop typed (unchanged)
    ("78 year old man with shortness of breath. He has had heart failure for 5 years.",
     (2, 2, 2)),
    # near misses: the breathlessness course in its own sentence still rules the entry out
    ("78 year old man with shortness of breath for 5 years He has heart failure", (3, 3, 2)),
    ("78 year old man with heart failure and shortness of breath for 5 years", (3, 3, 2)),
])
def test_not_phrase_within_one_sentence(triager, text: str, expected: tuple[int, int, int]) -> None:
    assert _levels(triager, text) == expected
