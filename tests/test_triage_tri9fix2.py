"""Safety re-review of tri9fix (the collapse red flag narrowed by an allow-list of persons):
CRITICAL under-triage. Every case below was 4 (or 3 / 2 where noted) in primary care and self
on main 807ccbe; expected levels pinned by hand: a collapse is an emergency (2), a person who
does not wake is level 1 (NHS ambulance services' "when to call 999": collapse /
unconsciousness; ESI v4 high risk; NICE NG143 does not wake).

Lead decisions: any subject is a person unless its head noun is a thing, a body part, an animal
or an abstraction; a hypothetical or doubt word counts only when it directly governs the verb;
a recovery (level 3) only when told after the collapse, present-tense, and not followed by a
"but" or a danger sign in its sentence.
"""

from __future__ import annotations

import pytest


def _levels(triager, text: str) -> tuple[int | None, ...]:  # type: ignore[no-untyped-def]
    return tuple(triager.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in ("primary_care", "self"))


# 1. subjects that were not on the person list (all 4 / 4; "with chest pain" 3 / 3)
@pytest.mark.parametrize("text", [
    "dave collapsed", "john collapsed at work", "bob keeled over",
    "Found dave collapsed on the floor", "my flatmate collapsed", "my boss collapsed",
    "my nephew collapsed", "my niece collapsed", "my cousin collapsed", "my grandson collapsed",
    "my stepdad collapsed", "my mate collapsed", "my hubby collapsed", "my other half collapsed",
    "my missus collapsed", "my mother-in-law collapsed", "my 5yo collapsed",
    "a customer collapsed", "a cyclist collapsed", "the lad collapsed on the pitch",
    "my nephew collapsed playing football", "my hubby collapsed with chest pain",
    # a person placed by a thing (pinned on this branch: the thing is not the subject)
    "a lady on the bridge collapsed", "the old man at the market collapsed",
    "I think my dad might have collapsed",
])
def test_any_subject_but_a_thing_is_a_person(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2)


# 2. doubt words that do not govern the verb: the collapse is still an event
@pytest.mark.parametrize("text", [
    "I don't know if it's serious but my dad collapsed",
    "What should I do my wife just collapsed",
    "Should I call an ambulance my husband just collapsed",
    "could you help my dad collapsed",
    "May has collapsed",
    "my dad who is diabetic collapsed",
])
def test_doubt_words_away_from_the_verb_keep_the_event(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2)


# 3. a "recovery" told of before the collapse, of a vital sign, or cancelled by "but" (the last
# two were 3 / 3)
@pytest.mark.parametrize("text", [
    "she collapsed, I thought she was fine this morning",
    "he collapsed, he was fine yesterday",
    "she collapsed and her breathing is normal but she looks grey",
    "my dad collapsed in the garden and is now ok but has chest pain",
])
def test_no_recovery_before_the_collapse_or_cancelled(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2)


# 4. not waking: any person (4 / 4; "someone collapsed and isn't waking up" 2 / 2)
@pytest.mark.parametrize("text", [
    "dave collapsed and isn't waking up",
    "toddler isn't waking up", "toddler isn't waking up properly", "my kid isn't waking up",
    "my little one isn't waking up", "my boyfriend isn't waking up",
    "the patient isn't waking up", "Dave isn't waking up",
    "someone collapsed and isn't waking up",
])
def test_anyone_not_waking_is_level_1(triager, text: str) -> None:
    assert _levels(triager, text) == (1, 1)


# the inverted reading keeps things, hypotheticals and recoveries out (pinned on this branch)
@pytest.mark.parametrize(("text", "levels"), [
    ("The building collapsed", (4, 4)),
    ("The shelf that held my books collapsed", (4, 4)),
    ("The bridge collapsed in the storm", (4, 4)),
    ("The economy collapsed", (4, 4)),
    ("Our pony collapsed", (4, 4)),
    ("What do I do if my dad collapses?", (4, 4)),
    ("In case he collapses, what should I do?", (4, 4)),
    ("I felt like I could collapse", (4, 4)),
    ("My phone isn't waking up", (4, 4)),
    ("The app isn't waking me up", (4, 4)),
])
def test_things_and_hypotheticals_stay_out(triager, text: str,
                                           levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


@pytest.mark.parametrize("text", [
    "dave collapsed and is fine now",
    "my mate collapsed but is back to normal now",
    "He collapsed, felt fine after a sit down",
])
def test_a_recovery_told_after_the_collapse_is_level_3(triager, text: str) -> None:
    assert _levels(triager, text) == (3, 3)
