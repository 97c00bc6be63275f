"""Review 6 of emerg10 (2dd29c6): the relaxed rules routed emergencies to self-care or routine.

Each text is the reviewer's reproducing case (elided ones completed in the same words); each
failed on 2dd29c6/f339bf3. Expected levels set by hand (1 resuscitation, 2 emergency,
3 urgent, 4 routine, 5 self-care), in both the ``self`` and ``primary_care`` settings.

Fixes: the teething-drool and breath-holding exemptions are reverted to base (64ec6d5): any
drooling is an airway sign and any "stopped breathing" an arrest (over-triage accepted); the
bronchiolitis breath-holding ``not`` is removed; a crying baby with a stated age is an emergency
again (base), with the lay danger words of NHS Colic / NICE NG143 added; the ear-infection
home-care entry needs a stated age of 6 months or more and knows more NHS see-a-GP features;
four new emergency entries lose their false fires; the glass test is read in more word orders.
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.triage import Triager

SETTINGS = ("self", "primary_care")


@pytest.fixture(scope="module")
def triager() -> Triager:
    return Triager(load_settings(None, {"use_llm": False}, environ={}))


def _acuity(t: Triager, text: str, setting: str) -> int:
    rec = t.triage({"id": "r6", "text": text, "setting": setting}, narrative=False)
    assert rec.acuity is not None
    return rec.acuity


# (text, the least urgent acceptable level)
CASES: list[tuple[str, int]] = [
    # MUST-FIX 1: drooling beside teething is still an airway sign
    ("My baby is teething and drooling and breathing fast", 1),
    ("My toddler is teething and drooling after swallowing a button battery", 1),
    ("My baby is teething and drooling and has hives after eating egg", 1),
    ("My baby is teething, drooling and her voice sounds croaky", 1),
    ("My baby has sore gums and is drooling and making a squeaky noise when breathing in", 1),
    # MUST-FIX 2: breath-holding with a young age, a stated duration or an ongoing arrest
    ("My 6 week old had a breath holding spell, stopped breathing and went blue", 1),
    ("My son held his breath, went blue, stopped breathing for about 2 minutes", 1),
    ("My son held his breath, went blue, stopped breathing for 90 seconds", 1),
    ("My son held his breath, went blue, stopped breathing and now he's not breathing", 1),
    ("My 3 month old has bronchiolitis, coughing fits where he holds his breath and stops "
     "breathing and goes blue", 2),
    # MUST-FIX 3: a colicky baby with a long spell or a fever
    ("My 6 week old has colic and has been inconsolable for 5 hours today", 2),
    ("My 5 week old cries inconsolably every evening and has a temperature", 2),
    ("My 6 week old has colic and has been screaming for 5 hours and never settles", 2),
    # MUST-FIX 4: lay danger words with a crying baby (NHS Colic; NICE NG143)
    ("My 2 month old is inconsolable and has mottled skin", 2),
    ("My 2 month old is inconsolable and the soft spot on his head is raised", 2),
    ("My 2 month old is inconsolable and his tummy is swollen", 2),
    ("My 2 month old is inconsolable and keeps pulling his knees up", 2),
    ("My 2 month old is inconsolable and there's jelly-like stuff in his nappy", 2),
    ("My 2 month old is inconsolable and hasn't had a wet nappy today", 2),
    ("My inconsolable 2 week old", 2),
    # MUST-FIX 5 / SHOULD-FIX 6: ear infection home care needs an age of 6 months or more and
    # none of the NHS see-a-GP features
    ("My baby has earache and a temperature of 38, what can I give her?", 4),
    ("My 4 year old has earache and a temperature of 38 and his eye is a bit swollen, what can "
     "I give him?", 4),
    ("My 4 year old has earache and a temperature of 38 and a lump behind his ear, what can I "
     "give him?", 4),
    ("My 4 year old has earache and a 39 degree temperature, what can I give him?", 4),
    ("My 4 year old has earache and a temperature of 38 and pus coming out of his ear, what can "
     "I give him?", 4),
    ("My 4 year old has earache and a temperature of 38 and a rash, what can I give him?", 4),
    ("My 4 year old has earache and a temperature of 38 and is dizzy, what can I give him?", 4),
    ("My 4 year old has earache and a temperature of 38 and a bad headache, what can I give "
     "him?", 4),
    ("I have earache and a temperature of 38 and I'm diabetic, what can I take?", 4),
    ("My 4 year old has earache and a temperature of 38, it's his 5th this year, what can I give "
     "him?", 4),
    # SHOULD-FIX 8: the glass test in the reviewer's word order
    ("I pressed a glass on my baby's rash and it didn't fade", 2),
]

# SHOULD-FIX 7 / 8: false emergencies (the least urgent acceptable is urgent, 3)
NOT_EMERGENCY: list[str] = [
    "Wound check 5 days after my operation, temperature 37.1, small seroma collection, afebrile",
    "I had my wisdom teeth out a week ago and now have a gum abscess and a temperature, what can "
    "I do?",
    "I have a black scab inside my nose after a nosebleed",
    "I have IBS with diarrhoea, my tummy is swollen and bloated and my heart is racing",
    "12-day-old for routine check; mother asks about meningitis vaccine; baby well",
    "My baby has a birthmark, a red patch that doesn't go away when pressed",
]


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize(("text", "worst"), CASES)
def test_review6_emergencies_stay_urgent(triager: Triager, text: str, worst: int,
                                         setting: str) -> None:
    assert _acuity(triager, text, setting) <= worst


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("text", NOT_EMERGENCY)
def test_review6_false_emergencies(triager: Triager, text: str, setting: str) -> None:
    assert _acuity(triager, text, setting) >= 3
