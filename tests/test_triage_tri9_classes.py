"""Issue 21 (h-tri9): a collapse in lay words, a first episode told with "never had X like
this", and mts9's acute kidney injury. Levels (primary_care, self, ed) pinned by hand; every
positive below was routine (4 / 4 / 3 or 4 / 4 / 4) on main 834210a.

1. A person who has collapsed is an emergency (NHS ambulance services' "when to call 999":
   collapse / unconsciousness; ESI v4 high risk); a collapsed structure, a feeling of
   collapsing, collapsing into bed and a dated collapse are not.
2. "Never had chest pain like this / this bad / until today" is a first episode (NegEx
   pseudo-negation), not a denial; a bare "never had X" still denies.
3. Little or no urine with new swelling in an adult (acute kidney injury with fluid overload;
   NICE NG148, NHS Acute kidney injury), not the baseline of a person on dialysis.
4. "Denies palpitations, syncope, and new crushing chest pain" stays a review-of-systems denial
   (left as the final review pinned it); every lay-worded or timed variant stays an emergency.
"""

from __future__ import annotations

import pytest


def _levels(triager, text: str) -> tuple[int | None, ...]:  # type: ignore[no-untyped-def]
    return tuple(triager.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in ("primary_care", "self", "ed"))


# 1. collapse
@pytest.mark.parametrize("text", [
    "Sudden collapse.",
    "She suddenly collapsed.",
    "My dad collapsed at home.",
    "Collapsed at home.",
    "She collapsed.",
    "collapsed at work today",
    "She keeps collapsing.",
    "He keeled over.",
    "She suddenly dropped to the floor.",
    "Grandad suddenly fell to the ground and went limp.",
    "He went limp and fell.",
    "She collapsed the other day and has felt dizzy since.",
])
def test_collapse_is_an_emergency(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)


@pytest.mark.parametrize("text", [
    "He just collapsed and is not waking up properly.",
    # the contracted form was routine (4 / 4 / 3) on main 834210a
    "she fainted and isn't waking up",
    "She isn't waking up.",
])
def test_collapse_not_waking_is_level_1(triager, text: str) -> None:
    assert _levels(triager, text) == (1, 1, 1)


def test_collapse_now_alert_is_urgent(triager) -> None:
    # as "passed out, now alert" (AVPU A read): the transient rule's level 3
    assert _levels(triager, "She collapsed earlier, now alert, GCS 15.") == (3, 3, 3)


@pytest.mark.parametrize(("text", "levels"), [
    ("History of collapsed lung.", (4, 4, 3)),
    ("collapsed lung history", (4, 4, 3)),
    ("Feels like collapsing after a long day.", (4, 4, 3)),
    ("I feel like I'm about to collapse after a long day.", (4, 4, 3)),
    ("Vertebral collapse on x-ray.", (4, 4, 3)),
    ("Collapse of L1 vertebra.", (4, 4, 3)),
    ("No collapse.", (4, 4, 3)),
    ("Denies collapse or fainting.", (4, 4, 3)),
    ("She collapsed in 2015.", (4, 4, 3)),
    ("I collapsed into bed exhausted.", (4, 4, 3)),
    ("IVC collapses with inspiration.", (4, 4, 3)),
    ("Partially collapsed lung.", (4, 4, 3)),
    ("I tripped and suddenly fell to the ground, grazed knee.", (4, 4, 4)),
    ("My baby isn't waking up at night any more.", (4, 4, 3)),
    # operative and imaging wording (an MTSamples scan)
    ("Right middle lobe infiltrate and collapse on the chest radiograph.", (4, 4, 2)),
    ("Then we collapsed the tumor on itself and removed it.", (4, 4, 3)),
])
def test_collapse_near_misses(triager, text: str, levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


# 2. a first episode told with "never had"
@pytest.mark.parametrize("text", [
    "I have never had chest pain this bad, it's crushing and going down my arm.",
    "never had chest pain like this before, crushing",
    "never had a seizure until today",
    "never had a seizure before today, he is drowsy now",
])
def test_never_had_like_this_is_a_first_episode(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)


@pytest.mark.parametrize(("text", "levels"), [
    ("He has never had angina.", (4, 4, 2)),
    ("He has never had any chest pain.", (4, 4, 2)),
    ("I've never had a cold this bad, what can I take?", (4, 4, 3)),
])
def test_never_had_still_denies(triager, text: str, levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


# 3. acute kidney injury (mts9 mts-2988 shape)
@pytest.mark.parametrize("text", [
    "A 47-year-old man, 4 days of swelling of both legs up to the thighs, he could not make "
    "much urine.",
    "I'm 60, hardly peeing for 2 days and my legs are swollen.",
])
def test_oliguria_with_new_swelling_is_an_emergency(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)


@pytest.mark.parametrize(("text", "levels"), [
    ("67-year-old on haemodialysis, makes very little urine, ankles a bit swollen before his "
     "next session.", (4, 4, 4)),
    ("My ankles are a bit swollen in the heat.", (4, 4, 4)),
])
def test_oliguria_near_misses(triager, text: str, levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


# 4. the "and new" denial list: left as pinned; lay-worded emergencies stay emergencies
def test_denied_ros_list_closed_by_and_new_stays_denied(triager) -> None:
    assert _levels(triager, "Denies palpitations, syncope, and new crushing chest pain.") == (4, 4, 3)


@pytest.mark.parametrize("text", [
    "Denies palpitations and syncope. New crushing chest pain.",
    "Denies palpitations and syncope but has new crushing chest pain.",
    "No palpitations, no fainting, and new crushing chest pain.",
    "No palpitations or fainting, and sudden crushing chest pain an hour ago.",
    "He denies palpitations, syncope, and now has new crushing chest pain.",
    "Denies palpitations, syncope, and new crushing chest pain since this morning.",
    "no palpitations and sudden crushing chest pain",
])
def test_lay_worded_chest_pain_after_a_denial_stays_an_emergency(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)
