"""Lay wordings of existing red flags (issue 21, laygaps2): rules in red_flags_lay.py.

Levels are (primary_care, self, ed). Before the change each positive here was routine or
urgent only ((4, 4, 2) to (4, 4, 4)); every one is an emergency on the named source, so the
hand-computed level is (2, 2, 2) in all three settings (red-flag floor 2):

- A. a crushing chest in lay words ("my chest is crushing", "a crushing feeling in my chest"):
  NHS Heart attack (chest pain like pressure, heaviness, tightness, squeezing, crushing) ->
  "chest pain with cardiac features"; not a figure of speech ("crushing me with worry");
- B. arm and jaw ache together (plural verb, either order) with sweating or sickness: NHS Heart
  attack (pain spreading to the arms, jaw, neck, back with sweating) -> "possible heart attack";
  not an arm after the gym, a jaw when chewing, arm and jaw ache without sweating or sickness;
- C. a stiff neck with the dislike of light in lay words ("can't look at the light", "the light
  hurts her eyes"): NHS Meningitis -> "meningism"; not the light alone, not a known migraine
  "as usual" (decided: its usual light sensitivity is left to the headache rules);
- D. cold / pale and mottled with the person told apart from "mottled" ("baby is 2 months old
  and very cold and mottled"): NICE NG51 / NHS Sepsis -> "mottled skin"; the mottled guard
  (when cold, after a bath, over) still holds;
- E. a head injury with repeated vomiting or a severe / persistent / worsening headache: NICE
  NG232 (more than one vomit; a headache since the injury that will not go away -> ED) ->
  "head injury with repeated vomiting or persistent headache"; not one vomit, not a plain
  headache, not denied, not an injury weeks or a month ago.
"""

from __future__ import annotations

import pytest
from triage_readers import levels_and_flags  # same folder

CARDIAC = "chest pain with cardiac features"
ARMJAW = "possible heart attack (arm, jaw or back pain with sweating or sickness)"
MENING = "meningism"
MOTTLED = "mottled skin (possible sepsis or shock)"
HEAD = "head injury with repeated vomiting or persistent headache"


# the rules-only ``triager`` fixture is conftest's; _run is triage_readers.levels_and_flags
_run = levels_and_flags


POSITIVES = [
    # A
    ("my chest is crushing", CARDIAC),
    ("I've had a crushing feeling in my chest", CARDIAC),
    ("my chest feels like it is being crushed", CARDIAC),
    ("there's a crushing pressure across my chest", CARDIAC),
    ("crushing sensation in his chest for the last 20 minutes", CARDIAC),
    ("it feels like something is crushing my chest", CARDIAC),
    ("my dad says his chest is crushing and he feels awful", CARDIAC),
    ("crushing chest, started an hour ago", CARDIAC),
    ("my chest feels crushed", CARDIAC),
    ("a crushing weight on my chest since this morning", CARDIAC),
    ("my husband's chest is crushing him, he can't move", CARDIAC),
    # B
    ("my arm and jaw ache and I'm sweating", ARMJAW),
    ("my jaw and left arm are aching and I feel sick", ARMJAW),
    ("pain in my arm and jaw and I'm all clammy", ARMJAW),
    ("his arms and jaw hurt and he's sweaty", ARMJAW),
    ("my left arm and jaw both ache and I'm sweating a lot", ARMJAW),
    ("aching in my jaw and arm, feel sick and dizzy", ARMJAW),
    ("my jaw and arms feel heavy and I'm breathless", ARMJAW),
    # C
    ("she has a stiff neck and cant look at the light", MENING),
    ("stiff neck and the light hurts her eyes", MENING),
    ("my son's neck is stiff and he can't stand the light", MENING),
    ("stiff neck, sensitive to light, feels awful", MENING),
    ("neck feels stiff and bright lights hurt", MENING),
    ("he can't bear the light and his neck is really stiff", MENING),
    ("my daughter has a stiff neck and keeps covering her eyes from the light", MENING),
    ("stiff neck and she hates the light", MENING),
    # D
    ("baby is 2 months old and very cold and mottled", MOTTLED),
    ("my baby is pale and mottled", MOTTLED),
    ("he's 3 and mottled and cold", MOTTLED),
    ("the toddler is cold, floppy and mottled", MOTTLED),
    ("my 6 week old is so sleepy and cold and mottled", MOTTLED),
    # E
    ("he's been vomiting repeatedly after hitting his head", HEAD),
    ("I have a severe headache after hitting my head", HEAD),
    ("she banged her head and has been sick three times", HEAD),
    ("he bumped his head and keeps being sick", HEAD),
    ("headache that won't go away since I hit my head on the cupboard", HEAD),
    ("he fell and hit his head and has a headache getting worse", HEAD),
    ("my son fell off the trampoline onto his head and has thrown up twice", HEAD),
    ("I knocked my head on a shelf and now have a terrible headache", HEAD),
    ("after a bump on the head she has vomited more than once", HEAD),
]


@pytest.mark.parametrize(("text", "flag"), POSITIVES)
def test_lay_gap_positive(triager, text, flag):
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert flag in flags


# near misses: the new reading must not fire (levels are what they were before the change)
NEAR_MISSES = [
    ("my chest is crushing me with worry about exams", CARDIAC, None),
    ("the weight of it all is crushing me", CARDIAC, (4, 4, 3)),
    ("I had a crushing feeling in my chest last year, fine now", CARDIAC, (4, 4, 2)),
    ("my arm aches after the gym", ARMJAW, None),
    ("jaw ache when chewing", ARMJAW, None),
    ("my arm and jaw ache", ARMJAW, (4, 4, 4)),
    ("my arm aches and I'm sweating after a run", ARMJAW, (4, 4, 4)),
    ("I can't look at the light because of my migraine, as usual", MENING, None),
    ("stiff neck from sleeping funny", MENING, (4, 4, 4)),
    ("she has a stiff neck and her usual migraine, cant look at the light as usual", MENING,
     (4, 4, 4)),
    ("the light hurts my eyes", MENING, (4, 4, 4)),
    ("her legs go cold and mottled when she's cold", MOTTLED, (4, 4, 3)),
    ("baby is cold and mottled after her bath", MOTTLED, (4, 4, 3)),
    ("baby was cold and mottled last week, fine now", MOTTLED, (4, 4, 3)),
    ("I hit my head yesterday, no vomiting, no headache", HEAD, (4, 4, 3)),
    ("I vomited once after a bump, now fine", HEAD, (4, 4, 4)),
    ("I hit my head last month and still have a severe headache", HEAD, (4, 4, 3)),
    ("I have a headache after hitting my head", HEAD, (4, 4, 3)),
    ("I've been vomiting repeatedly since yesterday", HEAD, (4, 4, 4)),
    ("I have a severe headache", HEAD, (4, 4, 3)),
    # a simile of the pain is no head injury (the thunderclap flag still gives 2)
    ("this is the worst headache of my life, it came on suddenly like being hit on the head", HEAD,
     (2, 2, 2)),
    ("a severe headache like a blow to the head", HEAD, None),
]


@pytest.mark.parametrize(("text", "flag", "levels"), NEAR_MISSES)
def test_lay_gap_near_miss(triager, text, flag, levels):
    got, flags = _run(triager, text)
    assert flag not in flags
    if levels is not None:
        assert got == levels
