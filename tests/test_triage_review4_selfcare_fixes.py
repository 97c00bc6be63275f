"""Review 4 of the self-care round (probe9, eeb5a5e): real abnormalities routed to self-care.

MUST-FIX 1: ``knowledge.stated_normal`` hid an exclusion behind a neighbouring normal statement
("photophobia and the examination is otherwise normal", "calf swelling and breathing is
normal", "vision normal but painful", "normal except photophobia"): a self-care entry's
``not`` list now counts a finding as normal only by its own normal statement (``strict``), a
negated or mixed statement ("not normal", "normal in the left eye but reduced in the right")
is never normal, and a routine finding is not hidden by another subject's normal statement
("breathless on exertion and growth is normal").
MUST-FIX 2: Mongolian blue spots need "since/at/from birth" or "birthmark"; an unsure history,
a mobile baby or a fall blocks it (NICE CG89: bruising in a non-mobile infant).
SHOULD-FIX 1-3: reduced vision written as a statement ("vision is reduced") is reduced vision
for the painful red eye and for conjunctivitis; neck stiffness blocks every self-care entry
(the shared net) but the neck-pain entry that names it.

Each reviewer text below was acuity 5 (self-care) on the code before (98b5623); expected
acuities are pinned by hand: routine review (4) at the least, an emergency (2) for a painful
red eye with reduced vision (NHS Red eye: A&E for a red eye with changes to the sight).
"""

from __future__ import annotations

import pytest
from test_triage_selfcare_classes import _acuity as _rec  # noqa: E402

from assistant.triage import Triager
from assistant.triage.knowledge import stated_normal

_EYE = "A 35-year-old with red sticky eyes and discharge; "


# ---- MUST-FIX 1: the reviewer's reproducing texts (each 5 before) ----
@pytest.mark.parametrize("text", [
    _EYE + "vision normal but painful.",
    _EYE + "he has photophobia and the examination is otherwise normal.",
    "A 35-year-old with conjunctival injection and discharge; examination normal except "
    "photophobia.",
    "A 30-year-old has a red eye with sticky discharge; pupils are equal and reactive. Vision "
    "is reduced.",
    "A 30-year-old has a red eye with sticky discharge; visual acuity is reduced; pupils are "
    "equal and reactive.",
    "A 30-year-old with a cold and runny nose; he has neck stiffness and the rest of the "
    "examination is normal.",
    "A 6-year-old has slapped cheek and a lacy rash; she is pale and the rest of the "
    "examination is normal.",
    "A 28-year-old breastfeeding woman has engorged breasts after birth; calf swelling and "
    "breathing is normal.",
    "A 28-year-old breastfeeding woman has engorged breasts after birth; a red area and the "
    "temperature is normal.",
    "A 3-month-old has bluish marks on the lower back; the baby was dropped and feeding is "
    "normal.",
    "A 40-year-old has tennis elbow after painting; the elbow is swollen and the x-ray was "
    "normal.",
])
def test_neighbouring_normal_statement_does_not_hide_an_exclusion(triager: Triager,
                                                                  text: str) -> None:
    assert _rec(triager, text)[0] <= 4


@pytest.mark.parametrize(("text", "word", "normal"), [
    # the finding's own normal statement (kept from probe9)
    ("Vision is normal.", "Vision", True),
    ("He has normal vision.", "vision", True),
    ("Pupils are equal and reactive to light.", "Pupils", True),
    ("Visual acuity is 20/20.", "Visual acuity", True),
    # a neighbour's normal statement, across and / but / except / otherwise / rest of
    ("vision normal but painful.", "painful", False),
    ("he has photophobia and the examination is otherwise normal.", "photophobia", False),
    ("examination normal except photophobia.", "photophobia", False),
    ("calf swelling and breathing is normal.", "calf", False),
    ("the baby was dropped and feeding is normal.", "dropped", False),
    ("she is pale and the rest of the examination is normal.", "pale", False),
    # negated or mixed statements are not normal
    ("Vision is not normal.", "Vision", False),
    ("Vision is no longer normal.", "Vision", False),
    ("Vision is otherwise normal.", "Vision", False),
    ("Vision is normal in the left eye but reduced in the right.", "Vision", False),
    ("Normal vision in the left eye but reduced in the right.", "vision", False),
    ("He has not normal pupils.", "pupils", False),
    ("He has not normal vision.", "vision", False),
])
def test_stated_normal_strict(text: str, word: str, normal: bool) -> None:
    i = text.index(word)
    assert stated_normal(text, i, i + len(word), strict=True) is normal


@pytest.mark.parametrize(("text", "word", "normal"), [
    # a longer subject of one normal statement (probe9, kept)
    ("Growth and development of the child were normal.", "Growth", True),
    ("Testicular examination is normal.", "Testicular", True),
    # two statements: the routine finding stays (review 4 SHOULD-FIX 4)
    ("She gets breathless on exertion and growth is normal.", "breathless on exertion", False),
    ("She gets breathless on exertion and her growth and weight are normal.",
     "breathless on exertion", False),
    ("Growth is normal but she is breathless.", "Growth", False),
])
def test_stated_normal_firing_findings(text: str, word: str, normal: bool) -> None:
    i = text.index(word)
    assert stated_normal(text, i, i + len(word)) is normal


def test_routine_finding_not_hidden_by_growth_normal(triager: Triager) -> None:
    text = ("A 4-year-old girl has a grade 2/6 vibratory systolic murmur; she gets breathless on "
            "exertion and growth is normal.")
    acuity, condition = _rec(triager, text)
    assert acuity <= 3
    # third review (h-trifix3): the routine (4) breathlessness entry still fires (its reason line),
    # but the record's condition names an entry only when its level is the final one (here the
    # shortness-of-breath red flag sets 3), so the finding is checked in the reasons
    assert condition is None or "breathless" in condition
    rec = triager.triage({"id": "x", "text": text, "setting": "primary_care"}, narrative=False)
    assert any("[chronic_breathlessness;" in r for r in rec.reasons)


# ---- MUST-FIX 2: Mongolian blue spots ----
@pytest.mark.parametrize("text", [
    "A 4-month-old non-mobile baby has bluish marks on the lower back and buttocks.",
    "A 4-month-old non-mobile baby has bluish marks on the lower back and buttocks; mum is not "
    "sure when they came; feeding is normal.",
    "A 5-month-old has blue-grey marks on the lower back since birth; he has started to crawl "
    "and fell yesterday.",
    "A 6-month-old has flat blue-grey patches on the buttocks that mum noticed last week.",
])
def test_blue_marks_without_a_birth_history_are_not_self_care(triager: Triager,
                                                              text: str) -> None:
    assert _rec(triager, text)[0] <= 4


@pytest.mark.parametrize("text", [
    "A 3-month-old girl has flat blue-grey patches over the sacrum and lower back that have "
    "been present since birth; she is feeding well.",
    "A 2-month-old has a bluish birthmark on his lower back; he is feeding well.",
])
def test_mongolian_spots_since_birth_stay_self_care(triager: Triager, text: str) -> None:
    assert _rec(triager, text) == (5, "Mongolian blue spots (congenital dermal melanocytosis)")


# ---- SHOULD-FIX 1-2: reduced vision as a statement ----
def test_painful_red_eye_with_vision_reduced_is_emergency(triager: Triager) -> None:
    assert _rec(triager, "A 30-year-old has a red eye that is painful and vision is reduced.")[0] == 2


@pytest.mark.parametrize("tail", [
    "vision is reduced.", "vision is not normal.", "vision is abnormal.",
    "vision is no longer normal.", "vision is normal in the left eye but reduced in the right.",
])
def test_conjunctivitis_with_vision_problem_is_not_self_care(triager: Triager, tail: str) -> None:
    assert _rec(triager, _EYE + tail)[0] <= 4


@pytest.mark.parametrize("text", [
    "A 30-year-old with red, gritty eyes with sticky yellow discharge for 2 days; vision is "
    "normal.",
    "A 30-year-old with red, gritty eyes with sticky yellow discharge for 2 days; vision is not "
    "reduced.",
])
def test_conjunctivitis_with_normal_vision_stays_self_care(triager: Triager, text: str) -> None:
    assert _rec(triager, text) == (5, "conjunctivitis")


# ---- SHOULD-FIX 3: neck stiffness blocks self-care (shared net) ----
@pytest.mark.parametrize("text", [
    "A 30-year-old has a cold, sore throat and runny nose; exam normal except for neck "
    "stiffness.",
    # the same in lay words (the entries' "stiff neck" through its lay equivalents)
    "I have a cold and sore throat and my neck is a bit stiff",
    "I've had a runny nose and sneezing for 2 days and my neck feels stiff",
])
def test_neck_stiffness_blocks_cold_and_sore_throat(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 4


def test_neck_pain_entry_keeps_its_own_stiff_neck(triager: Triager) -> None:
    text = ("35-year-old who woke up with a stiff neck after sleeping awkwardly, painful turning "
            "the head, no other symptoms.")
    assert _rec(triager, text)[0] == 5


@pytest.mark.parametrize("text", [
    # lay and clinician-worded emergencies next to the changed wording stay emergencies
    "My eye is red and really painful and my vision is not normal since this morning",
    "A 25-year-old with a cold has a fever, severe headache and neck stiffness; the rest of "
    "the examination is normal.",
    "My 3 month old has blue marks on her back and she is floppy and not feeding",
])
def test_emergencies_stay_emergency(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 2
