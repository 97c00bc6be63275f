"""Missing full stops in triage: what stays of the tristop round (issue 21).

The round first made ``negation.lost_stops`` the one reader of a sentence whose full stop was
not typed, for the red-flag views and the knowledge base alike. A review found that one
reader cannot serve both: danger findings want more breaks, an emergency entry's ``not``
phrase and a self-care entry's past reading want fewer; 34 unpunctuated presentations became
less urgent ("no blood She had a fit and is not waking up" 1 -> 4). The shared reader was
taken back: ``negation._LOST_STOP`` serves the red-flag views and ``knowledge._MISSING_STOP``
the knowledge base, as before. What stays: the knowledge base's ``danger_negated`` reads
``danger_view`` (an answer "No" before a subject negates nothing), and an emergency or urgent
entry's ``not`` phrase holds only within one sentence. Levels are (self, primary_care, ed),
computed by hand or, for the review's probes, by the code before the round.
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.runtime import Runtime
from assistant.triage import knowledge

SETTINGS = ("self", "primary_care", "ed")


@pytest.fixture(scope="module")
def triager():
    return Runtime(load_settings(None, {"use_llm": False}, environ={})).triager


def _levels(t, text: str) -> tuple[int | None, ...]:
    return tuple(t.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in SETTINGS)


# ---- the knowledge base's danger_negated reads danger_view ----
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
    # the complaint is denied
    ("No Chest pain today", (4, 4, 3)),
    ("no fever or Chest pain", (4, 4, 3)),
    ("denies having Chest pain", (4, 4, 3)),
])
def test_levels(triager, text: str, expected: tuple[int, int, int]) -> None:
    assert _levels(triager, text) == expected


# (lay11) passes again: the red flags alone read a capitalised clause after a missing full stop
# as a new sentence (``red_flags._rf_view``, laid on danger_view; it only ends a negation sooner
# and never reaches the knowledge base's not phrases, the review's reason for the take-back);
# the strict xfail marker that said it went with the shared reader is dropped.
def test_capitalised_complaint_after_a_denial() -> None:
    t = Runtime(load_settings(None, {"use_llm": False})).triager
    assert _levels(t, "no vomiting Chest pain started an hour ago") == (3, 3, 3)


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


# ---- the review's probes: each as urgent as before the shared reader (levels from 3c2e9f9) ----
@pytest.mark.parametrize(("text", "expected"), [
    # a denied word listed as a letter-grade noun ("blood", "flu", "vitamins") blocked the break
    ("no blood She had a fit and is not waking up", (1, 1, 1)),
    ("no flu She is floppy and wont wake up", (1, 1, 1)),
    ("minor cut no blood Its still bleeding heavily", (2, 2, 2)),
    ("not vomiting blood It is the worst headache of my life came on suddenly", (2, 2, 2)),
    ("no blood She is floppy and not feeding", (2, 2, 2)),
    ("denies blood Her baby is floppy", (2, 2, 2)),
    ("vomiting no Blood She is floppy", (2, 2, 2)),
    ("no blood My baby is floppy", (2, 2, 2)),
    ("no vitamins She is floppy and not feeding", (2, 2, 2)),
    ("no fever no blood She is very drowsy and hard to wake", (2, 2, 2)),
    ("no blood Those spots dont fade when i press a glass on them", (2, 2, 2)),
    ("not pooing blood Her face has dropped on one side", (2, 2, 2)),
    ("no flu He is struggling to breathe and his lips are blue", (2, 2, 2)),
    ("no vomiting blood His lips are blue", (2, 2, 2)),
    ("no blood His lips are blue", (2, 2, 2)),
    ("no flu He is floppy", (2, 2, 2)),
    ("cold for 3 days no flu She is wheezing and struggling to breathe", (2, 2, 2)),
    ("cough no blood The baby is grunting and not feeding", (2, 2, 2)),
    ("sore throat no blood The cough is bad and i'm short of breath", (3, 3, 3)),
    ("had a fit 2 years ago after the flu She had a fit today not known epileptic", (2, 2, 2)),
    # "and" / "or" before The / This
    ("no rash and The baby is floppy and not feeding", (2, 2, 2)),
    ("runny nose no fever and The baby is floppy", (2, 2, 2)),
    ("no fever and The child is very drowsy and floppy", (2, 2, 2)),
    ("no rash and The pain is the worst headache ever", (2, 2, 2)),
    ("no injury and The leg is cold pale and numb", (2, 2, 2)),
    ("no fever or This morning he had a fit", (2, 2, 2)),
    # a capitalised complaint ended the denial of an emergency entry's not phrase
    ("high fever bad headache and vomiting no cough Sore throat or ear pain", (2, 2, 2)),
    ("fever headache vomiting no cough Runny nose or diarrhoea", (2, 2, 2)),
    ("fever with severe headache and vomiting not coughing Abdominal pain no", (2, 2, 2)),
    ("fever headache and vomiting no diarrhoea Sore throat no", (2, 2, 2)),
    ("sudden severe tummy pain no period Diarrhoea no", (2, 2, 2)),
    ("sudden severe belly pain not colicky Diarrhoea none", (2, 2, 2)),
    ("had a fit today no previous Epilepsy not on tablets", (2, 2, 2)),
])
def test_review_probes_as_urgent_as_before(triager, text: str, expected: tuple[int, int, int]) -> None:
    assert _levels(triager, text) == expected
