"""Danger signs no rule read (issue 21, trifix14c): ``red_flags_lay4``.

Levels are (primary_care, self, ed), hand-computed from the rules: a red flag of acuity 2 is an
emergency in every setting (2, 2, 2); a flag of acuity 3 gives (3, 3, 3) unless another reader
already gives the ED more. Near misses keep the level the text had before this module (the
session-start baseline, read with /tmp/t8.py before the rules were added).

1. Head injury with a high-risk sign or on an anticoagulant (NICE NG232; NHS "Head injury and
   concussion") -> 2.
2. Suspected hip fracture after a fall (NICE CG124; NHS "Hip fracture") -> 2.
3. Chest heaviness / tightness / pressure spreading to the arm, jaw, neck or back (NHS "Heart
   attack"; NICE CG95) -> 2.
4. Fever with fast breathing (NHS "Sepsis"; NICE NG51) -> 2; a baby or child under 5 -> 3
   (NICE NG143 amber).
5. Long lie after a fall in an older person (NICE NG249; NHS "Falls") -> 3.
6. Caesarean wound opened, leaking or red (NHS "Caesarean section - recovery") -> 3; a swollen
   calf in pregnancy or within 6 weeks of a birth (NICE NG158) -> 2.
7. Sudden "can't move her left arm" (NHS "Stroke": arm weakness) -> 2.
"""

from __future__ import annotations

import pytest
from triage_readers import levels_and_flags  # same folder

from assistant.triage.red_flags_lay4 import (
    CANT_MOVE_LIMB,
    CHEST_HEAVY_SPREAD,
    FAST_BREATHING,
    HEAD_SIGNS,
    HIP_PAIN,
    LONG_LIE,
)

HEAD = "head injury with high-risk features"
ANTICOAG = "head injury on an anticoagulant"
HIP = "possible hip fracture"
CARDIAC = "chest pain with cardiac features"
SEPSIS = "fever with fast breathing (possible sepsis)"
LIE = "long lie after a fall (older person)"
CS = "caesarean wound problem"
DVT = "swollen calf in pregnancy or after birth (possible DVT)"
FAST = "stroke signs (FAST)"


@pytest.mark.parametrize("text,expected,flag", [
    # 1. head injury
    ("knocked my head on a shelf, blood coming out of his ear", (2, 2, 2), HEAD),
    ("he hit his head and there is clear fluid coming from his nose", (2, 2, 2), HEAD),
    ("fell and hit her head, pupils different sizes", (2, 2, 2), HEAD),
    ("my son hit his head, bleeding from his ear", (2, 2, 2), HEAD),
    ("banged my head, bruising behind the ear", (2, 2, 2), HEAD),
    ("she banged her head and keeps asking the same questions", (2, 2, 2), HEAD),
    ("I'm on blood thinners, fell and banged my head", (2, 2, 2), ANTICOAG),
    ("on apixaban, fell and hit my head", (2, 2, 2), ANTICOAG),
    # 2. hip fracture
    ("my mum fell and her hip is very painful and leg turned out", (2, 2, 2), HIP),
    ("my nan fell and can't put weight on her leg, hip hurts", (2, 2, 2), HIP),
    # 3. chest heaviness spreading
    ("heavy feeling in my chest going to my arm", (2, 2, 2), CARDIAC),
    ("my chest feels tight and the pain is going down my left arm", (2, 2, 2), CARDIAC),
    # 4. fever with fast breathing
    ("my husband had a fall, breathing fast, temp 39", (2, 2, 2), SEPSIS),
    ("temperature 39.5, breathing fast", (2, 2, 2), SEPSIS),
    ("temperature 39, breathing fast, I'm 30", (2, 2, 2), SEPSIS),
    ("temp 101.5 and breathing really quick", (2, 2, 2), SEPSIS),
    ("my baby is breathing fast, temperature 38.5", (3, 3, 2), SEPSIS),
    ("my 8 year old has a fever of 39 and is breathing fast", (3, 3, 2), SEPSIS),
    # 5. long lie
    ("I fell and couldn't get up, lay on the floor all night, I'm 85", (3, 3, 3), LIE),
    ("my nan fell and was on the floor for 3 hours before anyone found her", (3, 3, 3), LIE),
    # 6. caesarean wound, calf after a birth
    ("had a caesarean 10 days ago, wound has opened up and it's bleeding", (3, 3, 3), CS),
    ("the wound has come apart after my c-section", (3, 3, 3), CS),
    ("c-section wound has opened and it's oozing", (3, 3, 3), CS),
    ("my c-section wound is red and oozing, 10 days post op", (3, 3, 3), CS),
    ("c-section 6 days ago, calf swollen and painful", (2, 2, 2), DVT),
    ("had a baby 2 weeks ago, left calf swollen and painful", (2, 2, 2), DVT),
    # 7. sudden arm / leg weakness
    ("she can't move her left arm since this morning", (2, 2, 2), FAST),
    ("he woke up and can't move his right leg", (2, 2, 2), FAST),
])
def test_danger_sign_read(triager, text, expected, flag):
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert flag in flags


@pytest.mark.parametrize("text,expected", [
    # 1. no head injury, a nosebleed, a scalp cut only, a stopped anticoagulant
    ("nosebleed, no injury", (4, 4, 4)),
    ("I take blood thinners for my heart", (4, 4, 2)),
    ("ear wax blocking my ear", (5, 5, 4)),
    ("cold, clear fluid from his nose", (4, 4, 4)),
    ("hit my head, small cut on my scalp", (5, 5, 3)),
    ("I hit my head and now my nose is bleeding", (4, 4, 4)),
    ("I'm not on blood thinners, banged my head, feel fine", (4, 4, 3)),
    # 2. long-standing hip pain, a young athlete's strain
    ("hip pain for months", (4, 4, 4)),
    ("arthritis in my hip", (4, 4, 4)),
    ("pulled my hip at football training, sore but walking", (5, 5, 4)),
    # 3. heaviness without spread: left to the other rules
    ("chest feels heavy with a cold", (5, 5, 2)),
    ("heavy chest and my arm aches from the gym", (4, 4, 2)),
    # 4. fast breathing without fever, after exertion, in panic
    ("breathing fast after running", (4, 4, 2)),
    ("panic attack breathing fast", (4, 4, 3)),
    ("I don't have a temperature, I'm breathing really fast.", (4, 4, 2)),
    ("I had a temperature last month, now I'm breathing really fast.", (4, 4, 2)),
    ("temperature 37.2, breathing fast", (4, 4, 2)),
    # 5. a younger faller, an older one who got up
    ("my grandad fell yesterday, bruised his knee, got up fine", (4, 4, 4)),
    ("I'm 40, fell and couldn't get up for a minute", (4, 4, 4)),
    # 6. an old scar, a calf after running
    ("c-section 10 years ago, scar is fine", (4, 4, 3)),
    ("my c section scar itches", (4, 4, 4)),
    ("calf swollen after a long run", (4, 4, 4)),
    # 7. a local cause, pain, weeks, no onset word
    ("can't move my arm because it hurts", (4, 4, 4)),
    ("frozen shoulder for weeks, can't move my arm", (4, 4, 4)),
    ("can't move her left arm", (4, 4, 4)),
])
def test_near_miss_level_kept(triager, text, expected):
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert not {HEAD, ANTICOAG, HIP, SEPSIS, LIE, CS, DVT} & set(flags)


@pytest.mark.parametrize("text", [
    "can't move my arm since the shoulder dislocated",
    "my arm feels heavy after the gym, can't lift my left arm now",
    "can't move my right arm now, I broke it last week",
])
def test_limb_local_cause_no_fast_from_lay4(text):
    from assistant.triage.red_flags_lay4 import _limb_ok
    m = CANT_MOVE_LIMB.search(text)
    assert m is not None and not _limb_ok(text, m)


@pytest.mark.parametrize("pattern", [HEAD_SIGNS, HIP_PAIN, CHEST_HEAVY_SPREAD, FAST_BREATHING,
                                     LONG_LIE, CANT_MOVE_LIMB])
def test_patterns_same_match_on_long_input(pattern):
    # no timing: the search ends and finds nothing in 20,000 unpunctuated filler words
    text = ("chest feels heavy going on the floor for my hip " * 420)[:20000]
    assert isinstance(pattern.findall(text), list)
