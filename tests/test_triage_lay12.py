"""Lay triage, twelfth round (issue 21, lay12): a usual-health reassurance after a collapse and
the bare "won't / doesn't respond" of ``parse``'s AVPU "U".

Levels are (primary_care, self, ed), hand-computed from the rules:

- A (under-triage). A collapse is level 2 (the ``collapse`` red flag: NHS ambulance services'
  "when to call 999", collapse / unconsciousness); only a stated recovery after it ("is fine
  now", "back to normal", "alert now") makes it the level-3 "collapse, now alert" (NHS
  Fainting). A statement of the person's USUAL health ("normally he's fine", "she's fine most of
  the time", "fine in himself usually", "he's normally fully alert") or of someone else's ("his
  brother's fine") is no recovery: ``lay_words.usual_health``, the one reading red_flags'
  "it's over" uses (lay11). Before: 3 for 14 of the 31 wordings (the others were 2 already).
  Near misses (a real recovery): 3 with "collapse, now alert".
- B (over-triage). ``parse._NO_RESPONSE_VERB`` set AVPU "U" (level 1) for a sulk, an unanswered
  message, a development or hearing question and a habit ("my toddler doesn't respond to his
  name, could it be autism?", "my son won't respond to me since we had an argument"), and for a
  past non-response after which the person came round ("she didn't respond for a few seconds
  then came round": a transient episode, for the collapse / blackout rules). With no red flag
  and no AVPU they are routine: (4, 4, 2-4); before: (1, 1, 1).
- B must-stay (NHS "When to call 999": unconscious or not responding, not breathing properly,
  blue or grey, floppy, a fit, an overdose or poisoning, a head injury): a stimulus or a danger
  sign in the sentence keeps "U" whatever the guard word ("my teenager won't respond and he's
  breathing funny", "we argued and now she won't respond when I shake her"); a frequency word
  counts only in the non-response's own clause and not after a copula ("my mum won't respond to
  me, she's usually really chatty" was 4, is 1: her usual self, not a habit); "never", sleep, a
  fit, talking ("my wife says ...") and a treatment ("he took some tablets") are red_flags-only
  guard words and keep "U"; a past non-response with no recovery, or one cancelled ("came round
  but is still confused"), or "came round to his house" (a visit) keeps "U". (1, 1, 1).
"""

from __future__ import annotations

import pytest
from triage_readers import levels_and_flags  # same folder

from assistant.triage import collapse_subject, lay_words, parse, red_flags
from assistant.triage.parse import parse_case

# the rules-only ``triager`` fixture is conftest's; _run is triage_readers.levels_and_flags
_run = levels_and_flags


def _avpu(text: str):
    return parse_case({"id": "t", "text": text}).vitals.avpu


# ---- one definition: the readers share lay_words ----
def test_one_shared_definition() -> None:
    assert red_flags._usual_health is lay_words.usual_health
    assert collapse_subject.usual_health is lay_words.usual_health
    assert parse.usual_health is lay_words.usual_health
    for group in (lay_words.RESPOND_SULK, lay_words.RESPOND_MESSAGE,
                  lay_words.RESPOND_DEVELOPMENT, lay_words.RESPOND_HABIT):
        for word in group:
            assert word in red_flags._RESPOND_NOT_NOW.pattern


# ---- A. a collapse with a usual-health reassurance stays level 2 ----
@pytest.mark.parametrize("text", [
    "my dad collapsed, normally he's fine",
    "my dad collapsed, he's usually fine",
    "my mum collapsed in the kitchen, she is generally fine",
    "my husband collapsed, he's always fine",
    "my dad collapsed, otherwise fine",
    "my wife collapsed, she's fine most of the time",
    "grandad collapsed, he's fit and well normally",
    "my nan collapsed at the shops, she's normally fine",
    "my son collapsed at football, usually he's fine",
    "my partner just collapsed, she's typically fine",
    "my brother collapsed, he is normally perfectly fine",
    "my dad collapsed, he's fine in himself usually",
    "my mum collapsed, she's ok most of the time",
    "my dad collapsed, generally he's ok",
    "my husband collapsed, he's always been fine",
    "my wife collapsed, she's usually alright",
    "my dad collapsed this morning, he's normally fine",
    "my dad collapsed, his brother is fine",
    "my dad collapsed, his brother's fine",
    "my dad collapsed and normally he's fine",
    "my dad collapsed, as a rule he's fine",
    "my dad collapsed, he's normally fully alert",
    "my gran collapsed, she's usually fully alert",
    "my dad collapsed, he's fine usually",
    "my son collapsed, he's mostly fine",
    "my dad collapsed, normally he is fine",
    "my mum collapsed, she's generally ok",
    "my uncle collapsed, he's normally ok",
    "my dad collapsed, he's ordinarily fine",
    "my dad collapsed, he's usually absolutely fine",
    "my girlfriend collapsed, she's normally fine, no health problems",
])
def test_collapse_with_usual_health_is_level_2(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert "collapse" in flags and "collapse, now alert" not in flags


@pytest.mark.parametrize("text", [
    "my dad collapsed, he's fine now",
    "my dad collapsed and is now fine",
    "my dad collapsed but is back to normal now",
    "my mum collapsed, she's fully recovered",
    "my dad collapsed, he felt fine after a drink",
    "my wife collapsed, she's alert now",
    "my dad collapsed, he is ok now",
    "my dad collapsed, he's normally fine and he's fine now",
])
def test_collapse_recovered_near_misses_are_level_3(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels[:2] == (3, 3)
    assert "collapse, now alert" in flags


def test_usual_alert_is_not_avpu_a() -> None:
    assert _avpu("my dad collapsed, he's normally fully alert") != "A"
    assert _avpu("my dad collapsed, he's usually fully alert") != "A"
    # near misses: alert now
    assert _avpu("my dad collapsed, he is fully alert now") == "A"
    assert _avpu("Collapsed at home, now fully alert.") == "A"


# ---- B. a sulk, a message, a development question, a habit, a past episode: no "U" ----
@pytest.mark.parametrize("text", [
    "my son sometimes won't respond when he's on his iPad",
    "my husband often doesn't respond to me when he's watching TV",
    "my daughter always won't respond when she's reading",
    "she usually doesn't respond to her name when she's busy",
    # a fronted frequency word reaches across a comma (normalise_safety pins the probe's
    # "On occasion, she has noticed that he does not respond when called by name.")
])
def test_not_an_unconscious_person(triager, text: str) -> None:
    assert _avpu(text) != "U"
    levels, flags = _run(triager, text)
    assert levels[:2] == (4, 4)
    assert "unresponsive" not in flags


# ---- B must-stay: a stimulus, a danger sign, a usual-self statement: level 1 ----
@pytest.mark.parametrize("text", [
    "he won't respond to me and he's breathing funny",
    "she doesn't respond when I shake her",
    "my son won't respond, he took some pills",
    "the baby won't respond to anything and is floppy",
    "my husband didn't respond for a few seconds and is still confused",
    "my teenager won't respond and he's breathing funny",
    "we argued and now she won't respond when I shake her",
    "my autistic son won't respond, he took some pills",
    "my teenage son won't respond, he's gone grey",
    "my mum won't respond to me, she's usually really chatty",
    "she doesn't respond when I shake her, I've never seen her like this",
    "my son won't respond, he took some tablets",
    "my wife says he doesn't respond when she shakes him",
    "she didn't respond for a few seconds then came round but is still confused",
    "he didn't respond and hasn't come round",
    "my dad won't respond, he's usually fine",
    "she doesn't respond to me, normally she's always chatty",
    "my daughter won't respond to us, she's deaf in one ear but she's floppy now",
    "my son doesn't respond to his name and he's having trouble breathing",
    "my husband didn't respond and then came round but he's breathing strangely",
    "my son won't respond after we argued, he's drunk a bottle of vodka",
    "he won't respond, he hit his head",
    "my grandad won't respond to us, his lips are blue",
    "my dad didn't respond when I came round to his house",
    "she didn't respond, then I came round",
    "she doesn't respond when I pinch her",
    "my son doesn't respond to us, he fell down the stairs",
    "he won't respond, I think he had a fit",
    "my wife won't respond to me, she's always fit and healthy",
    "the baby isn't responding to anything",
    # a frequency word across a conjunction or after the non-response's clause: his usual self
    "he usually answers but now he won't respond",
    "he won't respond, he always answers me",
    "my dad won't respond to me, he's not usually like this",
    "my son won't respond, he's been sulking but now he's really pale and cold",
])
def test_unresponsive_person_stays_level_1(triager, text: str) -> None:
    levels, _ = _run(triager, text)
    assert levels == (1, 1, 1)


# ---- B taken back after review (2026-12-06): parse's sulk / message / development words and
# the past "then came round" read anywhere in the sentence made real emergencies self-care
# ("my teenage daughter won't respond, she's been drinking vodka", "my dad didn't respond for
# about 20 minutes then came round": SECAmb / NICE CG109). These stay AVPU "U" (level 1): the
# over-triage is the safe side.
@pytest.mark.parametrize("text", [
    "my son won't respond to me since we had an argument",
    "my daughter won't respond to me, she's sulking",
    "my teenager won't respond to me",
    "my husband won't respond to me, we fell out last night",
    "she won't respond to me, she's in a huff",
    "my girlfriend won't respond to me, I think she's ignoring me",
    "my son doesn't respond to me when he's in a mood",
    "he won't respond to me, he's giving me the silent treatment",
    "my wife won't respond to me after our argument",
    "my teenage daughter doesn't respond to us, she's so moody",
    "my son won't respond to me, I've sent him loads of texts",
    "my dad won't respond, I've left him voicemails",
    "my mum doesn't respond to me on whatsapp",
    "my brother won't respond to me, his phone is off",
    "my toddler doesn't respond to his name, could it be autism?",
    "my son doesn't respond to his name, is he deaf?",
    "my baby doesn't respond to sounds, I'm worried about her hearing",
    "my toddler won't respond to us, he has speech delay",
    "my son doesn't respond to his name, he has ADHD",
    "my daughter doesn't respond to her name, she has glue ear",
    "my boy doesn't respond to his name, worried about his development",
    "my boy doesn't respond when we call him, we're waiting for an autism assessment",
    "he doesn't respond when he's playing his games",
    "she didn't respond for a few seconds then came round",
    "my mum didn't respond to me for a minute then she came round",
    "he didn't respond for a moment and then woke up",
    "my dad didn't respond for about ten seconds but came round quickly",
    "she didn't respond for a few seconds, then she was fine",
])
def test_taken_back_non_response_stays_level_1(triager, text: str) -> None:
    assert _avpu(text) == "U"
    levels, _ = _run(triager, text)
    assert levels == (1, 1, 1)


def test_fronted_habit_is_no_avpu_u_but_flag_stays(triager) -> None:
    # parse's old habit word keeps AVPU off; the red flag reads habits in their own clause only
    # (laytrifix, review 1a), so the level stays 1: accepted over-triage
    text = "Sometimes, when he's gaming, he won't respond"
    assert _avpu(text) != "U"
    assert _run(triager, text)[0] == (1, 1, 1)
