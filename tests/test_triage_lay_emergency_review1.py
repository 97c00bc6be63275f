"""Review 1 of the lay emergency words (84ec872..9b8a060): ages without "old", contracted
negation of the lay fever words, and false fires of the new lay words.

Every expected value is pinned by hand; each case failed on main before this round (74cc131, b035545):
the ages gave acuity 4, the negated and false-fire cases gave 1 or 2. Sources: NICE NG143
(a parent's report of fever is valid; under 3 months with a fever is red), NHS Fever in children,
NHS Sepsis, NHS When to call 999, NHS Aortic dissection, NHS Back pain.
"""

from __future__ import annotations

import pytest

from assistant.triage import Triager
from assistant.triage.parse import parse_age


def _rec(t: Triager, text: str):  # noqa: ANN202 - the triage record
    return t.triage({"id": "x", "text": text, "setting": "primary_care"}, narrative=False)


# --- MUST-FIX 2: an age without "old" (a person subject right before the number) ---
AGES = [
    ("My baby is 2 months and has a temperature of 38.5.", 0.167),
    ("My baby is 12 weeks and feels hot.", 0.231),
    ("Baby 7 weeks feels hot.", 0.135),
    ("My son's 6 weeks, he feels hot.", 0.115),
    ("He's 6 weeks and not feeding, feels hot.", 0.115),
]
NOT_AGES = [
    "My daughter has had a cough for 2 weeks.",
    "She is 12 weeks pregnant.",
    "I'm 12 weeks pregnant and bleeding.",
    "I had a baby 2 months ago.",
    "My baby is 2 months overdue.",
    "He is 2 weeks into his antibiotics.",
    "She's 6 weeks postnatal.",
    "He was 3 months premature.",
    "He's 2 weeks off work.",
    "I'm pregnant and the baby is 12 weeks.",
    # he/she with no child named: may be a pregnancy ("she's 8 weeks and bleeding")
    "She's 8 weeks and bleeding.",
]


@pytest.mark.parametrize(("text", "age"), AGES)
def test_age_without_old_is_read(text: str, age: float) -> None:
    assert parse_age(text)[0] == age


@pytest.mark.parametrize("text", NOT_AGES)
def test_duration_or_pregnancy_is_not_an_age(text: str) -> None:
    assert parse_age(text)[0] is None


@pytest.mark.parametrize("text", [a for a, _ in AGES])
def test_infant_fever_without_old_is_emergency(triager: Triager, text: str) -> None:
    """Under 3 months with a (reported) fever: acuity 2 (NICE NG143 red)."""
    assert _rec(triager, text).acuity == 2


# --- SHOULD-FIX: contracted negation of the lay fever words; false fires ---
NOT_EMERGENCY = [
    # contracted negation ("doesn't", "don't")
    "My 8 week old doesn't have a temperature but is crying.",
    "My 8 week old doesn't feel hot but is crying.",
    "I don't have a temperature, I'm breathing really fast.",
    # "temp"/"temperature" as a modifier, a past temperature, cold not fever
    "I have a temp job and I've been breathing really fast since my panic attack.",
    "I have temperature sensitivity in my teeth and I'm breathing really fast.",
    "I had a temperature last month, now I'm breathing really fast.",
    "I'm shivery because the heating is broken and I'm breathing really fast.",
    # "feels hot" about a room, the nursery or a rash, not the baby
    "My 8 week old's room feels hot.",
    "It feels hot in the nursery, my 8 week old is fine.",
    "My 8 week old has nappy rash that feels hot.",
    # "won't wake" with no person who will not wake
    "My alarm won't wake me up.",
    "My laptop won't wake up.",
    "My foot has gone to sleep and won't wake up.",
    "We won't wake her, she is sleeping peacefully.",
    "The noise won't wake the baby.",
    # sleepiness at a time of day, a treatment that fails, things that make no sense to me
    "I'm barely awake in the mornings.",
    "My symptoms are barely responding to ibuprofen.",
    "They aren't making sense to me.",
    # a lower-back strain after lifting (NHS Back pain), not aortic dissection
    "I had sudden tearing pain in my lower back after lifting a box.",
]


@pytest.mark.parametrize("text", NOT_EMERGENCY)
def test_lay_word_false_fire_is_not_emergency(triager: Triager, text: str) -> None:
    """Acuity 4 (pinned by hand); each was 1 or 2 on 74cc131."""
    assert _rec(triager, text).acuity == 4, text


# ... and the same words stay emergencies when a person is the subject / the fever is current
EMERGENCY = [
    ("My 8 week old son is really hot.", 2),
    ("My 8 week old feels warm.", 2),
    ("Her forehead feels hot, she is 6 weeks old.", 2),
    ("My 7 week old is crying and feels hot.", 2),
    ("My 2 year old has a fever and won't wake up.", 1),
    ("My baby won't wake for feeds and is floppy.", 1),
    ("I can't wake my baby, she is floppy.", 1),
    ("My 8 week old doesn't want to feed and has a temperature.", 2),
    ("I had a temperature yesterday and now I'm breathing really fast.", 2),
    ("I've felt hot and shivery since last night and I'm breathing really fast.", 2),
    ("She is barely responding to me.", 2),
    ("He is barely awake and very pale.", 2),
    ("My husband has a temperature and isn't making sense.", 2),
    ("My dad isn't making sense to me.", 2),
    ("He's barely awake after the fall.", 2),
    ("She's breathing but won't wake up.", 1),
    ("My partner collapsed and won't wake.", 1),
    ("Worst pain ever, like something ripping in my tummy going through to my back.", 2),
    # a chest tear on coughing stays an emergency (NHS Aortic dissection; decided in review 1)
    ("I had a sudden tearing feeling in my chest when I coughed.", 2),
]


@pytest.mark.parametrize(("text", "acuity"), EMERGENCY)
def test_lay_emergency_kept(triager: Triager, text: str, acuity: int) -> None:
    assert _rec(triager, text).acuity == acuity, text
