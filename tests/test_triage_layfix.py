"""Review of h-trilay (layfix): the new NHS "When to call 999" lay rules, their false raises and
their misses.

Sources: NHS "When to call 999"; NHS "Blue or grey skin or lips (cyanosis)" (blue, grey or
purple lips; a blue tinge); NHS "Is your baby or toddler seriously ill?" and NICE NG143 (floppy
child, weak or high-pitched cry); NHS "Breath-holding in babies and children" (usually
harmless); NHS "What to do if someone has a seizure" (999 when a fit lasts more than 5 minutes
or one follows another without waking); NHS "When to call 999" heavy bleeding; NHS "Sepsis"
(babies and young children: blotchy or mottled skin); NHS "Heart attack" / "Stroke" (call 999
if you think someone is having one).

FALSE_FIRES: every false raise the review found. None may be raised by a layfix/trilay rule; the
expected levels (primary_care, self, ed) are the pre-merge tree's (3c2e9f9^1), computed by
running it, not by this tree. MISSES: every miss of the review: acuity 2 (emergency) in every
setting (hand-set: one acuity-2 red flag and no other). KEEP: near misses of the new guards
that must still fire (an event named as over before a new one, "hasn't come round", "has
stopped breathing", "still blue now").
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.runtime import Runtime
from assistant.triage.parse import parse_case
from assistant.triage.red_flags import find_red_flags

SETTINGS = ("primary_care", "self", "ed")
NEW = {"blue or grey colour (cyanosis)", "floppy or limp", "seizure now or prolonged",
       "floppy infant or weak cry", "suspected heart attack or stroke"}


@pytest.fixture(scope="module")
def triager():
    return Runtime(load_settings(None, {"use_llm": False}, environ={})).triager


def _levels(t, text: str) -> tuple[int | None, ...]:
    return tuple(t.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in SETTINGS)


def _flags(text: str) -> set[str]:
    return {h.name for h in find_red_flags(parse_case({"id": "x", "text": text}))}


# (text, pre-merge levels)
FALSE_FIRES = [
    ("he's looking a bit blue lately, I think he's depressed", (4, 4, 4)),
    ("my son looks blue after losing his match and won't talk", (4, 4, 2)),
    ('he went blue last week during a cold but is fine now', (5, 5, 4)),
    ('she has gone blue twice in the past month with breath-holding spells', (4, 4, 2)),
    ("he turned blue for a second after coughing and now he's pink and playing", (4, 4, 3)),
    ('my baby went blue in the bath when the water got cold but pinked up straight away', (4, 4, 3)),
    ("she's gone grey suddenly after all the stress", (4, 4, 3)),
    ('my mum has gone grey in the cold weather', (4, 4, 3)),
    ("my husband's face went grey with shock when he heard the news", (4, 4, 2)),
    ('my face went grey when I saw the bill', (4, 4, 3)),
    ('my face looks grey in photos', (4, 4, 3)),
    ("he's a smoker and his complexion is grey", (4, 4, 2)),
    ('my skin looks grey and dull in winter', (4, 4, 3)),
    ('his skin is going grey from the fake tan wearing off', (4, 4, 2)),
    ('he was floppy yesterday but fine now', (4, 4, 2)),
    ('my toddler went limp when I tried to put him in the car seat, a tantrum', (4, 4, 2)),
    ('my dad feels floppy and weak after the flu', (4, 4, 3)),
    ('my wife is floppy and tired after her night shift', (4, 4, 3)),
    ('he is floppy at the end of the day with his myasthenia', (4, 4, 2)),
    ('she goes limp and falls asleep after a long day', (4, 4, 3)),
    ('my 8 year old went limp and fainted at the sight of blood then came round', (4, 4, 3)),
    ("my baby's cry sounds high pitched when she's excited", (4, 4, 4)),
    ("the baby has a high-pitched cry when she's hungry", (4, 4, 4)),
    ('my baby had a high pitched cry when she had her jabs yesterday', (4, 4, 4)),
    ("the baby's cry is squeaky because she has a cold", (4, 4, 3)),
    ("he's been shaking for 10 minutes with a fever and chills", (4, 4, 2)),
    ('my legs are shaking for 10 minutes after the gym', (4, 4, 3)),
    ('I had a fit 10 years ago that lasted 20 minutes', (4, 4, 3)),
    ("the fit went on for 10 minutes last time, I'm worried it will happen again", (4, 4, 4)),
    ('my son had a fit last year that lasted 6 minutes', (4, 4, 3)),
    ('she keeps having fits since the dose was reduced', (4, 4, 3)),
    ('blood was pouring out of my finger for a minute after I cut it on a can', (5, 5, 4)),
    ("I cut my finger and there was a puddle of blood but it's stopped now", (5, 5, 4)),
    ('blood was pouring from my knee after I fell off my bike but it stopped with a plaster', (4, 4, 4)),
    ('I get blood pouring from my nose every time I pick it', (4, 4, 4)),
    ('there was a puddle of blood in the toilet after my period', (4, 4, 3)),
    ("my period blood is pouring out and I'm soaking a pad every hour", (4, 4, 4)),
    ("my dog is bleeding and there's a puddle of blood", (4, 4, 3)),
    ('blood spraying from a burst water blister', (4, 4, 3)),
    ('my baby feels hot and has blotchy cheeks from teething', (5, 5, 4)),
    ('my baby feels hot after her bath and has a blotchy rash from the towel', (4, 4, 4)),
    ('my baby feels hot and his hands and feet are cold', (4, 4, 4)),
    ("my husband doesn't know where he is going in life", (4, 4, 2)),
    ("my newborn doesn't know who I am yet", (4, 4, 4)),
    ("on holiday she doesn't know what day it is", (4, 4, 3)),
    ("he didn't know where he was for a few seconds after waking from a nap", (4, 4, 2)),
    ("after the concussion last year he didn't know who I was", (4, 4, 2)),
]
# trilay pins taken back by lead decisions 4 and 5 (grey face or skin alone; floppy adult)
TAKEN_BACK = [
    ('her face went grey', (4, 4, 3)),
    ('his skin has gone grey', (4, 4, 2)),
    ('my mum went limp in her chair', (4, 4, 3)),
]
# near misses of the new wordings (a habit, a denial, a haircut, a drink, a blanket, the nose)
NEAR_MISS = [
    ("my baby is blotchy from crying and feels hot", (4, 4, 3)),
    ("every time I get anxious I think I'm having a heart attack", (4, 4, 2)),
    ("I don't think I'm having a heart attack", (4, 4, 2)),
    ("my dad doesn't recognise me after my haircut", (4, 4, 3)),
    ('his lips are purple from the blackcurrant juice', (4, 4, 2)),
    ('the baby is wearing a blue romper', (4, 4, 3)),
    ("my baby's blue blanket is in the wash", (4, 4, 3)),
    ('my nose is bleeding a lot from the left side', (4, 4, 4)),
    ('my son holds his breath and goes blue when he has a tantrum', (4, 4, 2)),
    ('he went blue in the face shouting at the telly', (4, 4, 2)),
]


@pytest.mark.parametrize(("text", "levels"), FALSE_FIRES + TAKEN_BACK + NEAR_MISS)
def test_review_false_fire_back_to_pre_merge(triager, text: str, levels: tuple[int, ...]) -> None:
    assert not (_flags(text) & NEW), text
    assert _levels(triager, text) == levels, text


# (text, the red flag that must fire, levels)
MISSES = [
    ('my baby keeps pausing in her breathing', 'respiratory distress', (2, 2, 2)),
    ("my baby's breathing keeps stopping", 'respiratory distress', (2, 2, 2)),
    ('my babys gone floppy', 'floppy or limp', (2, 2, 2)),
    ('my dads gone blue', 'blue or grey colour (cyanosis)', (2, 2, 2)),
    ("the baby's gone grey", 'blue or grey colour (cyanosis)', (2, 2, 2)),
    ('the baby is dusky', 'blue or grey colour (cyanosis)', (2, 2, 2)),
    ('the baby is limp', 'floppy or limp', (2, 2, 2)),
    ('baby is pale and limp', 'floppy or limp', (2, 2, 2)),
    ("he's gone really pale and floppy", 'floppy or limp', (2, 2, 2)),
    ("she won't stop shaking and her eyes rolled back", 'seizure now or prolonged', (2, 2, 2)),
    ("she's twitching and not answering me", 'seizure now or prolonged', (2, 2, 2)),
    ("my daughter's had 3 fits in a row and hasn't woken up between them", 'seizure now or prolonged', (2, 2, 2)),
    ("mum looks grey and isn't herself", 'blue or grey colour (cyanosis)', (2, 2, 2)),
    ('his lips have gone a purple colour', 'blue or grey colour (cyanosis)', (2, 2, 2)),
    ("she's got a blue tinge around her lips", 'blue or grey colour (cyanosis)', (2, 2, 2)),
    ('my toddler feels hot and has blotchy skin', 'sepsis', (2, 2, 2)),
    ("my dad suddenly doesn't recognise me", 'altered mental status', (2, 2, 2)),
    ("I'm bleeding a lot from my leg", 'severe bleeding', (2, 2, 2)),
    ("he's lost a lot of blood", 'severe bleeding', (2, 2, 2)),
    ('the blood is coming through the bandage', 'severe bleeding', (2, 2, 2)),
    ("there's blood everywhere and he's going pale", 'severe bleeding', (2, 2, 2)),
    ("I can't stop the bleeding, it's everywhere", 'severe bleeding', (2, 2, 2)),
    ("I think I'm having a heart attack", 'suspected heart attack or stroke', (2, 2, 2)),
]
KEEP = [
    ("she went limp in my arms", 'floppy or limp', (2, 2, 2)),
    ("my baby is blotchy and feels hot", 'sepsis', (2, 2, 2)),
    ("my baby was fine yesterday but now she's gone floppy", 'floppy or limp', (2, 2, 2)),
    # (thirteenth round, tri13d) "hasn't come round" is unresponsive now (NHS When to call 999;
    # AVPU U): 1, a raise from 2; the floppy flag still fires
    ("my son went floppy and hasn't come round", 'floppy or limp', (1, 1, 1)),
    ("my daughter went blue last night and she's still blue now", 'blue or grey colour (cyanosis)', (2, 2, 2)),
    ('my baby went blue and has stopped breathing', 'cardiac or respiratory arrest', (1, 1, 1)),
    ("he's had a fit for 10 minutes and it's still going", 'seizure now or prolonged', (2, 2, 2)),
    ("I'm losing a lot of blood from a cut on my leg", 'severe bleeding', (2, 2, 2)),
    ('my 2 year old feels hot and has mottled skin', 'sepsis', (2, 2, 2)),
    ("she doesn't know where she is and is confused", 'altered mental status', (2, 2, 2)),
    ("her face has gone grey and she's clammy", 'blue or grey colour (cyanosis)', (2, 2, 2)),
    # the guards' own near misses: a cause or time that is not over, a worry, a baby's floppiness
    ('my baby went floppy when I picked her up', 'floppy or limp', (2, 2, 2)),
    ('she keeps having fits since this morning', 'seizure now or prolonged', (2, 2, 2)),
    ("when he woke up he didn't know where he was", 'altered mental status', (2, 2, 2)),
    ('the baby went blue and is not fine', 'blue or grey colour (cyanosis)', (2, 2, 2)),
    ("my dad has gone grey and I'm worried, he's not himself", 'blue or grey colour (cyanosis)', (2, 2, 2)),
    ('my baby has a weak cry with cold hands and feet', 'floppy infant or weak cry', (2, 2, 2)),
    ('my baby has had a weak cry since yesterday', 'floppy infant or weak cry', (2, 2, 2)),
    ('the blood is coming through the pad on his wound', 'severe bleeding', (2, 2, 2)),
    ('my nose is pouring with blood', 'severe bleeding', (2, 2, 2)),
    ("my baby was fine yesterday but now she's gone floppy", 'floppy or limp', (2, 2, 2)),
]


@pytest.mark.parametrize(("text", "flag", "levels"), MISSES + KEEP)
def test_review_miss_fires(triager, text: str, flag: str, levels: tuple[int, ...]) -> None:
    assert flag in _flags(text), text
    assert _levels(triager, text) == levels, text
