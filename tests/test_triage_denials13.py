"""selfcare13 (issue 21): contracted and informal denials read as NegEx "not" (Chapman et al.
2001) within their own phrase (ConText termination, Harkema et al. 2009), and the AVPU test
"won't respond to voice or pain" with an elided subject (NHS "When to call 999").

Expected levels are (primary_care, self, ed). A denial of a symptom the minor complaint does
not have gives the level of the complaint alone (its self-care entry fires: 5 in primary care
and self); the near-misses keep the level of their danger finding (1 or 2)."""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.runtime import Runtime
from assistant.triage.negation import aux_negated, contracted_denials, denial_view, scope_view

SETTINGS = ("primary_care", "self", "ed")


@pytest.fixture(scope="module")
def triager():
    return Runtime(load_settings(None, {"use_llm": False}, environ={})).triager


def _levels(t, text: str) -> tuple[int | None, ...]:
    return tuple(t.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in SETTINGS)


def _flags(t, text: str) -> list[str]:
    return list(t.triage({"id": "x", "text": text, "setting": "self"}, narrative=False).red_flags)


# ---- the reader itself ----
@pytest.mark.parametrize(("text", "phrase"), [
    ("I haven't got a fever", "a fever"),
    ("didn't pass out or hit my head", " or hit my head"),
    ("I wasn't sick", ""),
    ("there isn't any blood", " blood"),
    ("he hasn't vomited", ""),
    ("I can't say I've had chest pain", " chest pain"),
    ("never lost consciousness", " consciousness"),
    ("nothing like chest pain", "chest pain"),
    ("i dont have a temperature", " a temperature"),
    ("I don't feel feverish", ""),
    ("she hasn\u2019t had a temperature", " a temperature"),
])
def test_denial_found_with_its_phrase(text: str, phrase: str) -> None:
    (found,) = contracted_denials(text)
    assert text[found[2]:found[3]].strip() == phrase.strip()


@pytest.mark.parametrize("text", [
    "I haven't stopped vomiting",          # a lasting course (pseudo-negation)
    "can't stop bleeding",                  # a modal opens a danger phrase
    "he won't wake up",
    "he isn't breathing",                   # a progressive of a vital function
    "she isn't waking up",
    "he hasn't passed urine since yesterday",  # the absence is the finding (NHS Dehydration)
    "she hasn't had a wet nappy all day",
    "he hasn't been able to keep fluids down",
    "I haven't felt the baby move today",
    "I haven't had a period for 8 weeks",
    "I don't have any feeling in my legs",
    "he hasn't got a pulse",
    "I haven't had my insulin",
    "I haven't had chest pain before",       # a denied history, not a denial of now
    "never had chest pain like this",        # a first episode (NegEx pseudo-negation)
    "he hasn't got any better",
    "I don't think it's a stroke",           # a guess, no denial of a finding
    "I don't feel my legs",                  # numbness, not a denial
    "I haven't felt anything in my feet",
    "I don't see anything out of my left eye",  # a loss of sight
])
def test_no_denial_for_near_misses(text: str) -> None:
    assert contracted_denials(text) == ()


def test_denial_reaches_only_its_phrase() -> None:
    t = "I haven't had a fever and she's floppy"
    s = t.index("floppy")
    assert not aux_negated(t, s, s + 6)
    f = t.index("fever")
    assert aux_negated(t, f, f + 5)
    v = scope_view(t)
    assert len(v) == len(t) and " not " in v and v[t.index(" and")] == ";"
    # the word that holds the cue keeps no cue before a trigger that starts inside it
    assert denial_view("he hasn't had a fever") == "he    not had a fever"


# ---- levels: the denial no longer reads as a positive ----
@pytest.mark.parametrize(("text", "levels"), [
    ("I've got a cold and a runny nose, I haven't got a fever", (5, 5, 4)),
    ("sprained my ankle playing football, didn't pass out or hit my head", (5, 5, 4)),
    ("mild diarrhoea since yesterday, I wasn't sick and there's no blood", (5, 5, 3)),
    ("twisted my ankle, never lost consciousness", (5, 5, 4)),       # was 2 (altered mental status)
    ("sprained ankle, didn't black out", (5, 5, 4)),                 # was 2
    ("sprained ankle, never passed out", (5, 5, 4)),                 # was 2
    ("sprained ankle, I didn't faint", (5, 5, 4)),                   # was 4 (syncope blocked)
    ("a cold, haven't had any chest pain", (5, 5, 3)),               # was 3 (chest pain flag)
    ("I've got a cold, nothing like chest pain", (5, 5, 3)),         # was 3
    ("a cold, I can't say I've been breathless", (5, 5, 3)),         # was 3
    ("a cold, I don't think I've got a fever", (5, 5, 3)),
])
def test_denials_reach_self_care(triager, text: str, levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


@pytest.mark.parametrize(("text", "flag"), [
    ("I've had a cold for a few days, I can't say I've had chest pain", "chest pain"),
    ("cold, I haven't got chest pain", "chest pain"),
    ("twisted my ankle, never lost consciousness", "altered mental status"),
])
def test_denied_flag_does_not_fire(triager, text: str, flag: str) -> None:
    assert flag not in _flags(triager, text)


# ---- near-misses: the danger stays ----
@pytest.mark.parametrize(("text", "levels"), [
    ("can't stop bleeding from a cut on my hand", (2, 2, 2)),
    ("I didn't think it was serious but now I can't breathe", (2, 2, 2)),
    ("no fever but she's floppy and won't wake", (1, 1, 1)),
    ("not breathing properly", (1, 1, 1)),
    ("he isn't breathing", (1, 1, 1)),
    ("I haven't had a fever and she's floppy", (2, 2, 2)),
    ("I haven't got a fever, my chest pain is crushing", (2, 2, 2)),
    ("I haven't had chest pain before but now it's crushing", (2, 2, 2)),
    ("I didn't black out but I'm vomiting blood", (2, 2, 2)),
    ("she didn't pass out, she's having a fit now", (2, 2, 2)),
    ("my son hasn't been sick but he is drowsy and floppy", (2, 2, 2)),
    ("I haven't felt the baby move today", (2, 2, 2)),
    ("I haven't had a period for 8 weeks and have pain on one side", (2, 2, 2)),
    ("I dont have a temperature but my neck is stiff and light hurts my eyes", (2, 2, 2)),
    ("I haven't been sick, I've been vomiting blood", (2, 2, 2)),
])
def test_near_misses_keep_their_level(triager, text: str, levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


# ---- "won't respond": a consciousness statement vs a sulk ----
@pytest.mark.parametrize("text", [
    "won't respond to voice or pain",            # AVPU "U", subject elided (was 2, no flag)
    "Won't respond to pain.",
    "he won't respond when I shake him",
    "he won't respond to his name and is floppy",
    "my dad collapsed and won't respond",
])
def test_unresponsive_is_level_1(triager, text: str) -> None:
    assert _levels(triager, text) == (1, 1, 1)


@pytest.mark.parametrize("text", [
    "she's sulking and won't respond to me",
    "he won't respond to my texts",
    "won't answer me since the argument",
    "she won't respond to painkillers",          # a treatment, not a pain stimulus
    "my thrush won't respond to treatment",
])
def test_sulk_or_treatment_is_not_unresponsive(triager, text: str) -> None:
    assert "unresponsive" not in _flags(triager, text)
    assert _levels(triager, text)[1] >= 3
