"""Safety review of the lay10 round (l10fix): what was taken back and what was fixed.

Levels are (primary_care, self, ed), hand-computed: a red flag of acuity 2 gives (2, 2, 2); a
text no red flag fires on keeps its level from before lay10 (the review's *_base.out).

A. Taken back: the lay10 narrowing of "severe bleeding" for a cut finger, thumb or toe or a
   shaving nick (rf:bleed_minor_cut). It looked at the whole sentence for a finger / toe /
   shaving word and for a short list of A&E signs, so ~50 real or possible emergencies fell
   from 2 to 4/5 ("he's bleeding a lot from his head and his toes are cold", part of a
   fingertip cut off, Eliquis / Xarelto / heparin, low platelets, "light headed", "for 15
   mins", "pulsing"). Every review input that was level 2 before lay10 is level 2 again, and
   "I cut my finger and it's bleeding a lot from the tip" is level 2 again (a false raise the
   lead accepts).
B. Mottled skin (NHS "Sepsis": mottled or blotchy skin; "marbled" is the same sign, cutis
   marmorata): the near-miss guard (cold, bath, always, for years, scan, liver, lungs ...) and a
   past date are looked for only in the clause of "mottled" (red_flags._clause_around), so "he's
   always been healthy", "she had a scan last week" or "liver cancer" told of something else no
   longer cancel the flag; "his knees look mottled when he's cold" and "her skin is mottled,
   it's been like that for years" (a clause that points back: it / that / like that) still do.
C. Birth now (NHS "Giving birth" / "Signs that labour has begun": the head can be seen, the urge
   to push): a due date, a scan, a video call, "not booked" or "I arrived" elsewhere no longer
   cancel the head seen; "I arrived" cancels only in a clinician's delivery report (delivered,
   placenta, Apgars, "pushed well" in the text); "babys head", "the baby is crowning", "having
   the baby right now", "the baby is coming" with pregnancy or labour, "39 weeks" / "I'm due" as
   pregnancy words now fire; "push" must be the birth push (clause end or a birth word after it),
   so "I need to push this meeting, I'm 20 weeks pregnant" does not fire.
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.runtime import Runtime

SETTINGS = ("primary_care", "self", "ed")
MOTTLED = "mottled skin (possible sepsis or shock)"
BIRTH = "birth imminent (baby coming now)"
BLEED = "severe bleeding"


@pytest.fixture(scope="module")
def triager():
    return Runtime(load_settings(None, {"use_llm": False}, environ={})).triager


def _levels(triager, text: str) -> tuple[int, ...]:
    return tuple(triager.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in SETTINGS)


def _flags(triager, text: str) -> list[str]:
    return list(triager.triage({"id": "x", "text": text, "setting": "self"}, narrative=False).red_flags)


# A. the review's bleeding inputs that were level 2 before lay10 (bleed.txt, m2.txt, m3.txt)
BLEED_WERE_2 = [
    "I cut my finger and it's bleeding a lot from the tip",
    "I sliced the tip of my finger off and it's bleeding a lot from it",
    'I sliced the top of my finger off, blood everywhere',
    "I cut the end of my thumb off and there's blood everywhere",
    "part of my fingertip is missing and it's bleeding a lot from the tip",
    "I've lost the end of my finger, it's bleeding a lot from it",
    "bleeding a lot from the tip of my finger and I'm on warfarin",
    "bleeding a lot from the tip of my finger and I'm on blood thinners",
    'bleeding a lot from the tip of my finger and I take Eliquis',
    'bleeding a lot from the tip of my finger and I take Xarelto',
    "I'm on apixaban and cut my finger, it's bleeding a lot from the cut",
    "cut my thumb, bleeding a lot from it, I'm on blood-thinning tablets",
    "cut my thumb, bleeding a lot from it, I'm on thinners",
    "cut my finger, bleeding a lot from it, I'm on heparin injections",
    "cut my finger, bleeding a lot from it, I'm on clexane",
    'cut my finger, bleeding a lot from it, I take aspirin and clopidogrel',
    "cut my finger, bleeding a lot from it, I'm on chemo and my platelets are low",
    'cut my finger, bleeding a lot from it, I have low platelets',
    'cut my finger and blood is everywhere, I have von Willebrand',
    'my son has hemophilia and cut his finger, blood everywhere',
    "I'm a haemophiliac and I cut my finger, it's bleeding a lot from it",
    "my toddler cut his finger and it's bleeding a lot from it and he's pale",
    "my toddler cut his finger and it's bleeding a lot from it and he's gone white",
    "my toddler cut his finger, blood everywhere, and he's gone grey and sleepy",
    "cut my finger on a tin can, bleeding a lot from it, it's spurting",
    "cut my finger on a tin can, bleeding a lot from it, it's pulsing out",
    'cut my finger on a tin can, bleeding a lot from it',
    "bleeding a lot from my finger and it's been going for half an hour",
    "bleeding a lot from my finger and it's been going for 20 mins",
    "bleeding a lot from my finger for ages and I can't get it to stop",
    'bleeding a lot from my finger, it just keeps going',
    "bleeding a lot from my finger, it won't clot",
    'bleeding a lot from my finger, I feel lightheaded',
    'bleeding a lot from my finger, I feel light headed',
    "bleeding a lot from my finger, I feel like I'm going to pass out",
    'bleeding a lot from my finger, I feel woozy and sweaty',
    'bleeding a lot from my finger and I blacked out',
    'I cut my finger and the cut is really deep, blood everywhere',
    "I cut my finger, it's split open and bleeding a lot from it",
    "I cut my finger, there's a flap of skin and it's bleeding a lot from it",
    'I cut my finger, I can see yellow fat, bleeding a lot from it',
    "I cut my finger and I can't feel the tip, blood everywhere",
    "I cut my finger and it's tingling, blood everywhere",
    'I cut my finger on a broken bottle, blood everywhere',
    "I cut my finger with scissors and it's bleeding a lot from it",
    "I cut my finger on the meat slicer and it's bleeding a lot from it",
    "I cut my thumb with the strimmer and it's bleeding a lot from it",
    'I cut my finger with a chisel, bleeding a lot from it',
    'I cut my finger on the food processor, blood everywhere',
    "my finger got crushed in the car door and it's bleeding a lot from the tip",
    'I trapped my finger in the door and the nail came off, bleeding a lot from it',
    "I cut my finger on a razor and it's bleeding a lot from it",
    'blood everywhere after I cut myself shaving',
    "I cut my leg shaving and it's bleeding a lot from a varicose vein",
    'I nicked a varicose vein on my leg while shaving and blood is everywhere',
    "cut myself shaving my legs, blood is everywhere, it's coming from a vein behind my knee",
    "my son fell and hit his head, it's bleeding a lot from his forehead and he hurt his finger",
    "he's bleeding a lot from his head and his toes are cold",
    'blood everywhere, my toddler pulled the TV over on her fingers and head',
    "she stubbed her toe and fell, now she's bleeding a lot from her mouth",
    'I hurt my toe and then fell down the stairs, blood everywhere',
    "he's bleeding a lot from his ear after falling, and his finger is swollen",
    "I cut my finger and it's been bleeding a lot from it for 15 mins",
    "I cut my finger and it's been bleeding a lot from it for ten min",
    'my 2 year old bit through his finger, blood everywhere',
    "I got bitten by a man on my finger and it's bleeding a lot from it",
    "my finger was bit by a rat and it's bleeding a lot from it",
    "I got my finger caught in a drill and it's bleeding a lot from it",
    "my finger is bleeding a lot from it and it's gone cold and white",
    "my thumb is bleeding a lot from the cut and I'm shaking and sweaty",
    "I cut my finger and blood is everywhere and I'm on dialysis",
    'I cut my finger and blood is everywhere, I have liver cirrhosis',
    'I cut my finger and blood is everywhere, I have leukaemia',
    "my baby's finger is bleeding a lot from where I cut the nail",
    "I cut my finger and it's bleeding a lot from the tip and he's floppy",
    "my son fell and hit his head. He's bleeding a lot from his forehead. He also hurt his finger.",
    "I was shaving and cut my ear, it's bleeding a lot from it",
    "I was shaving and cut my face, it's bleeding a lot from it and I'm on rivaroxaban",
    "he stood on a nail near his toes and it's bleeding a lot from his foot",
    'blood everywhere, he fell through the patio door and hurt his finger',
    'blood everywhere, he fell off the ladder and hurt his thumb and leg',
    "he's bleeding a lot from a cut on his leg and a cut on his finger",
    'my friend was stabbed, blood everywhere, fingers crossed the ambulance is coming',
    "I cut my finger with the bread knife and it's bleeding a lot from it",
    "he's bleeding a lot from a cut on his leg",
    "he's bleeding a lot from his foot",
    "I was shaving and cut my ear. It's bleeding a lot from it",
]


@pytest.mark.parametrize("text", BLEED_WERE_2)
def test_bleed_back_to_level_2(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)


@pytest.mark.parametrize("text", [
    "I cut my finger and it's bleeding a lot from the tip",
    "part of my fingertip is missing and it's bleeding a lot from the tip",
    "bleeding a lot from the tip of my finger and I take Eliquis",
    "cut my finger, bleeding a lot from it, I have low platelets",
    "he's bleeding a lot from his head and his toes are cold",
    "I cut my finger and it's been bleeding a lot from it for 15 mins",
    "cut my finger on a tin can, bleeding a lot from it, it's pulsing out",
    "bleeding a lot from my finger, I feel light headed",
])
def test_bleed_flag_named_again(triager, text: str) -> None:
    assert BLEED in _flags(triager, text)


# B. mottled: the words next to "mottled" decide, not the whole sentence
@pytest.mark.parametrize(("text", "expected"), [
    ("my baby is mottled and breathing fast, he's always been healthy", (2, 2, 2)),
    ("her legs are mottled and she's not feeding, she had a scan last week", (2, 2, 2)),
    ("my dad has liver cancer and his knees are mottled and his breathing is funny", (2, 2, 2)),
    ("my baby is mottled and breathing fast", (2, 2, 2)),
    ("her legs are mottled and she's not feeding", (2, 2, 2)),
    ("my dad's knees are mottled and his breathing is funny", (2, 2, 2)),
    ("my mum's knees are mottled and she's breathing fast", (2, 2, 2)),
    ("he has a chest infection and his skin is mottled, his lungs sound crackly", (2, 2, 2)),
    ("my baby is very mottled and her hands and feet are cold", (2, 2, 2)),
    ("She's gone all mottled", (2, 2, 2)),
    ("his skin is mottled. He is breathing fast.", (2, 2, 2)),
    ("he's gone mottled and grey", (2, 2, 2)),
    ("my baby is mottled and cold to touch and won't wake", (1, 1, 1)),
    # the NHS wording "blotchy or mottled", and "marbled" (cutis marmorata) for the same sign
    ("he's all blotchy and mottled looking", (2, 2, 2)),
    ("his skin looks marbled and he has a fever", (2, 2, 2)),
])
def test_mottled_fires(triager, text: str, expected: tuple[int, int, int]) -> None:
    assert _levels(triager, text) == expected
    assert MOTTLED in _flags(triager, text)


@pytest.mark.parametrize(("text", "expected"), [
    # near misses kept: the cold, a skin always so, a past date of the mottling itself
    ("his knees look mottled when he's cold", (4, 4, 4)),
    ("her skin is mottled, it's been like that for years", (4, 4, 3)),
    ("her skin is mottled, she's always like that", (4, 4, 3)),
    ("when he's cold, his knees go mottled", (4, 4, 4)),
    ("her legs go mottled and blotchy when she's cold", (4, 4, 3)),
    ("her skin was mottled last week but she is fine now", (4, 4, 3)),
    ("her skin was mottled but it's fine now", (4, 4, 3)),
])
def test_mottled_near_misses(triager, text: str, expected: tuple[int, int, int]) -> None:
    assert _levels(triager, text) == expected
    assert MOTTLED not in _flags(triager, text)


# C. birth now
@pytest.mark.parametrize("text", [
    # a due date, a scan, a video call, no booking or "I arrived" elsewhere
    "I'm due in a week and the baby's head is coming out",
    "my waters broke and I've got the urge to push, I'm due next week",
    "my waters broke and I've got the urge to push, I'm due on monday",
    "I'm due next week and I can feel the baby's head between my legs",
    "I'm due next week and I feel the urge to push",
    "I'm due on friday and my waters broke and I need to push",
    "I'm in labour and I can see the baby's head, I had a scan yesterday",
    "the baby was head down at the scan and now I can see the head, she's in labour",
    "the midwife is on a video call and I can see the baby's head",
    "my wife is in labour, we haven't booked a midwife, I can see the head",
    "my wife is in labour, we haven't got a midwife, I can see the head",
    "I arrived home and my wife is in labour and I can see the baby's head",
    "I got home and my wife is in labour, I can see the baby's head",
    "we just arrived at the hospital car park and the baby's head is coming",
    "I'm in labour and I can see the baby's head",
    # pattern misses
    "i can see the babys head",
    "the baby is crowning",
    "the baby is coming and I can see the head",
    "I'm 39 weeks and I feel like I need to push",
    "I'm 39 weeks and I need to push",
    "I'm 39 weeks pregnant and I feel like I need to push",
    "my wife is having the baby right now in the car",
    "I'm pregnant and the baby is coming, I can't get to hospital",
    # kept from lay10
    "my waters broke and I can feel the head",
    "my contractions are every 2 minutes and I need to push",
    "my wife's waters went and the baby is coming out",
    "she's pushing and the midwife isn't here",
    "my wife is in labour, the head is out",
    "the baby's head is out but the body isn't",
    "I'm 30 weeks pregnant and I feel the urge to push",
])
def test_birth_fires(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)
    assert BIRTH in _flags(triager, text)


@pytest.mark.parametrize(("text", "expected"), [
    # "push" with a direct object is not the birth push
    ("I need to push this meeting, I'm 20 weeks pregnant", (4, 4, 3)),
    ("she's pushing the pram and she's 30 weeks pregnant", (4, 4, 3)),
    ("the bill is due next week and I need to push", (4, 4, 4)),
    # a birth later, an animal, a dream, a video watched, a delivery report
    ("the baby is coming next week, I'm 38 weeks", (4, 4, 3)),
    ("my cat is in labour and I can see the head", (4, 4, 3)),
    ("I had a dream the baby's head was crowning", (4, 4, 3)),
    ("I watched a film where the baby's head is crowning", (4, 4, 3)),
    ("my dog is giving birth, I can see a puppy's head", (4, 4, 3)),
    ("I can see the head of the nail in my foot", (4, 4, 4)),
    ("I'm pushing through the pain of my back", (4, 4, 3)),
    ("her skin has always been mottled", (4, 4, 3)),
    ("the scan showed a mottled liver", (4, 4, 3)),
    ("the midwife delivered the placenta and I arrived at 10", (4, 4, 3)),
    ("She pushed well and brought the head down crowning, at which time I arrived and the head "
     "delivered.", (4, 4, 3)),
])
def test_birth_near_misses(triager, text: str, expected: tuple[int, int, int]) -> None:
    assert _levels(triager, text) == expected
    assert BIRTH not in _flags(triager, text)


# ---- re-review (lead): guard words elsewhere must not hide a birth now or mottled skin ----
# "I'm watching a video and the baby's head is crowning" is read as a birth now since the
# re-review (a video cancels only in the clause of the match): over-triage accepted.
@pytest.mark.parametrize("text", [
    "the baby's head is out, I watched a video on what to do",
    "the baby's head is out, the midwife is on video",
    "the baby's head is coming out, my husband is filming",
    "I'm in labour, I need to push, the midwife is reading a book",
    "the baby's head is out, my toddler is watching TV next door",
    "the baby's head is out, my dog is barking",
    "I'm in labour, I need to push, there's no midwife and my cat is here",
    "I'm in labour and the head is out, I've got cramp in my calf",
    "I'm in labour and the head is out, we're on Cowley Road",
    "I'm in labour and the head is out, we're in Lambeth",
    "she's pushing, I can see the head, we're in the car",
    "she's pushing and I can see the head",
    "I can see the head, she's pushing hard",
    "the head is out and the cord is round the neck",
    "I'm watching a video and the baby's head is crowning",
    "she's mottled and not always responding to me",
    "he's mottled and always sleepy today",
    "mottled skin and liver failure, he's confused",
    "mottled legs and a broken bone sticking out",
])
def test_rereview_emergencies_raised(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2), text
