"""NHS "When to call 999" items in lay words (issue 21, h-trilay): the wordings no red flag read.

Sources: NHS "When to call 999"; NHS "Blue or grey skin or lips (cyanosis)" (lips, tongue, face
or skin suddenly turn blue or grey -> 999; fingers, toes, hands or feet blue -> urgent GP / 111);
NHS "Is your baby or toddler seriously ill?" and NICE NG143 red features (floppy, weak or
high-pitched cry); NHS "Sepsis" (blotchy skin); NHS "What to do if someone has a seizure" (999
when it lasts more than 5 minutes); NHS "When to call 999" heavy bleeding ("spraying, pouring
or enough to make a puddle") and sudden confusion (not sure of their own name or age).

Expected levels (self, primary_care, ed; 1 = most urgent) are set by hand: every new rule has
acuity 2 (an emergency), so a positive with no other red flag is (2, 2, 2). Near-misses were
written from the task (inhalers, moods, eye colour, bruises, Raynaud's, floppy things, idioms)
and taken from real text (ACI-bench: "a blue one" inhaler, "gray hair", "a little floppy valve";
MTSamples: "Tympanic membranes are gray", a "gray" discharge, a hallux "floppy tail"): none may
fire a new rule, and none may be an emergency in self or primary care.
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.runtime import Runtime
from assistant.triage.parse import parse_case
from assistant.triage.red_flags import find_red_flags

SETTINGS = ("self", "primary_care", "ed")
NEW = {"blue or grey colour (cyanosis)", "floppy or limp", "seizure now or prolonged"}


@pytest.fixture(scope="module")
def triager():
    return Runtime(load_settings(None, {"use_llm": False}, environ={})).triager


def _levels(t, text: str) -> tuple[int | None, ...]:
    return tuple(t.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in SETTINGS)


def _flags(text: str) -> set[str]:
    return {h.name for h in find_red_flags(parse_case({"id": "x", "text": text}))}


# (text, the red flag that must fire, levels)
POSITIVE = [
    # blue or grey: a person, the face or the skin (NHS cyanosis page: 999)
    ("he's gone blue", "blue or grey colour (cyanosis)", (2, 2, 2)),
    ("my dad has gone blue", "blue or grey colour (cyanosis)", (2, 2, 2)),
    ("she's turned blue", "blue or grey colour (cyanosis)", (2, 2, 2)),
    ("the baby is going blue", "blue or grey colour (cyanosis)", (2, 2, 2)),
    ("the baby turned blue while coughing", "blue or grey colour (cyanosis)", (2, 2, 2)),
    ("his face has gone blue", "blue or grey colour (cyanosis)", (2, 2, 2)),
    ("her face has gone grey and she's clammy", "blue or grey colour (cyanosis)", (2, 2, 2)),
    ("his skin has gone grey and he's sweating", "blue or grey colour (cyanosis)", (2, 2, 2)),
    ("my son's skin looks blue", "blue or grey colour (cyanosis)", (2, 2, 2)),
    ("he's gone a funny grey colour", "blue or grey colour (cyanosis)", (2, 2, 2)),
    ("my dad has gone grey and is sweating", "blue or grey colour (cyanosis)", (2, 2, 2)),
    ("my husband has gone a grey colour and is breathing funny",
     "blue or grey colour (cyanosis)", (2, 2, 2)),
    # lips and tongue were read before (respiratory distress); still 2
    ("her lips have gone blue", "respiratory distress", (2, 2, 2)),
    ("her lips have gone grey", "respiratory distress", (2, 2, 2)),
    # floppy or gone limp, said of a person (NHS: a floppy child -> 999)
    ("she's gone floppy", "floppy or limp", (2, 2, 2)),
    ("he's gone all floppy", "floppy or limp", (2, 2, 2)),
    ("my mum went limp in her chair and collapsed", "floppy or limp", (2, 2, 2)),
    # won't wake was level 1 before and stays 1
    ("baby is floppy and won't wake", "unresponsive", (1, 1, 1)),
    # NICE NG143 red: a weak or high-pitched cry in a baby with no stated age
    ("my baby has a weak high pitched cry", "floppy infant or weak cry", (2, 2, 2)),
    # NHS Bronchiolitis: pauses when the baby breathes (a possessive before "breathing")
    ("there are pauses in my baby's breathing", "respiratory distress", (2, 2, 2)),
    # NHS: a fit now, one that will not stop or lasts over 5 minutes
    ("she is having a fit", "seizure now or prolonged", (2, 2, 2)),
    ("she's having a fit and it won't stop", "seizure now or prolonged", (2, 2, 2)),
    ("my son is jerking and won't respond", "seizure now or prolonged", (2, 2, 2)),
    ("she is shaking all over and her eyes rolled back", "seizure now or prolonged", (2, 2, 2)),
    ("his seizure has been going for 10 minutes", "seizure now or prolonged", (2, 2, 2)),
    # NHS: heavy bleeding, "enough to make a puddle"
    ("there's a puddle of blood", "severe bleeding", (2, 2, 2)),
    ("blood is gushing out of his leg", "severe bleeding", (2, 2, 2)),
    # NHS Sepsis (children): blotchy skin with a baby who feels hot
    ("my baby's skin is blotchy and he feels hot", "sepsis", (2, 2, 2)),
    # NHS: sudden confusion, not sure where they are
    ("my grandad doesn't know where he is", "altered mental status", (2, 2, 2)),
]


@pytest.mark.parametrize(("text", "flag", "levels"), POSITIVE)
# layfix (lead decisions 4 and 5): a grey face or skin needs a sign of illness beside it, and
# floppy or limp said of an adult named as such needs unresponsiveness: the pins "her face went
# grey", "his skin has gone grey" and "my mum went limp in her chair" became the wordings above (tests/test_triage_layfix.py holds the old ones at pre-merge levels).
def test_lay_999_wording_fires(triager, text: str, flag: str, levels: tuple[int, ...]) -> None:
    assert flag in _flags(text)
    assert _levels(triager, text) == levels


NEAR_MISS = [
    # the task's near-misses
    "I use my blue inhaler twice a day",
    "I've been feeling blue lately",
    "my daughter has blue eyes and a cough",
    "the bruise has gone blue",
    "my fingers go white then blue in the cold",  # Raynaud's: GP (NHS cyanosis page)
    "my dog has floppy ears",
    "I have floppy eyelid syndrome",
    "I have a floppy disc in my back",
    # decided: "blue in the face" beside laughing is the idiom, not a cyanosis
    "he went blue in the face laughing",
    "the veins on my hands look blue",
    # more idioms, hair, dye, resolved cold, birthmark, medicine, jeans
    "I've told him until I'm blue in the face to use his inhaler",
    "my hair has gone grey and I feel tired",
    "he's gone grey at the temples",
    "he's turned grey over the years",
    "my son had a blue slushie and his tongue has gone blue",
    "he has Mongolian blue spots on his back",
    "my skin is blue from my new jeans",
    "the baby has floppy ears",
    "her ankle is floppy after the sprain",
    "the lettuce has gone floppy",
    "he is limping on his left leg",
    "my toddler walks with a limp",
    # seizure idioms and a known epilepsy's usual seizure, tremor, rigors, a hypnic jerk
    "my mum is having a fit about the mess",
    "he had a fit of coughing",
    "she was having a fit of giggles",
    "my hands are shaking and won't stop",
    "he jerks in his sleep as he falls asleep",
    # a dementia is no sudden confusion; blood that is not bleeding
    "my mum has dementia and doesn't know where she is",
    "my nan doesn't recognise me anymore",
    "the nurse was pouring blood into tubes",
    # real text (ACI-bench patient speech; MTSamples)
    "i keep saying i earned this gray hair and i'm gon na keep it",
    "it's a blue one that seems like the only inhaler that helps me",
    "you do have mild mitral regurgitation which is just you know a little floppy valve",
    "the hallux may be a floppy tail after the surgery",
    "Tympanic membranes are gray, translucent with normal light reflex.",
    "thin vaginal discharge which she states is gray in coloration",
]


@pytest.mark.parametrize("text", NEAR_MISS)
def test_near_miss_fires_no_new_rule(triager, text: str) -> None:
    assert not (_flags(text) & NEW)
    self_level, pc_level, _ed = _levels(triager, text)
    assert self_level >= 3 and pc_level >= 3


# Over-triage that was there before this change (level 2 from other readings: the lips rule's
# "now ... warm" does not read "now he's warm"; the bleeding entry reads "pumping" beside
# "blood"): left as they were, only no new rule may fire.
OLD_OVER_TRIAGE = ["my son's lips went blue in the pool but now he's warm and pink",
                   "the heart isn't pumping blood properly"]


@pytest.mark.parametrize("text", OLD_OVER_TRIAGE)
def test_old_over_triage_fires_no_new_rule(text: str) -> None:
    assert not (_flags(text) & NEW)


# MTSamples histories: an old convulsion of exactly 5 minutes (NHS: more than 5), and jerking in
# sleep with "unconscious" only two sentences on, about a later fall
MTS_SEIZURE_NEAR_MISS = [
    "He had an EEG when he was sleep deprived and was off medication. That was a convulsion "
    "lasting 5 minutes. He has done well otherwise.",
    "Her ex-husband stated that she frequently jerked and would shake in her sleep. She reported "
    "that upon awakening, she would feel off balanced. When making dinner, she suddenly dropped "
    "and hit her head. She reported that she was unconscious for five to six minutes.",
]


@pytest.mark.parametrize("text", MTS_SEIZURE_NEAR_MISS)
def test_mts_seizure_history_fires_no_seizure_now(text: str) -> None:
    assert "seizure now or prolonged" not in _flags(text)


def test_negated_colour_and_floppy_do_not_fire() -> None:
    for text in ("he hasn't gone blue at all", "no, she has not gone floppy",
                 "denies any seizure, he is not having a fit"):
        assert not (_flags(text) & NEW), text


# ---- knowledge-base patterns across a lost comma or a line break (metamorphic rewrites) ----
# The rewrite "commas to line breaks" ("fast, shallow breathing" -> "fast\nshallow breathing")
# and "strip punctuation" ("90,000" -> "90 000") lost these emergencies (eval/triage_metamorphic.py).
KB_REWRITES = [
    ("dka_hhs", "Type 2 diabetes on metformin. On presentation he has fast\nshallow breathing and "
     "abdominal pain that is poorly localized."),
    ("dka_hhs", "Type 2 diabetes on metformin. On presentation he has fast, shallow breathing and "
     "abdominal pain that is poorly localized."),
    ("septic_arthritis", "A 23-year-old man presents with swelling of the left knee He has had 10 "
     "sexual partners Synovial fluid tap shows a WBC count of 90 000 cells/mm3"),
    ("septic_arthritis", "65-year-old with a hot,\nswollen,\npainful right knee, temperature 38.6."),
]


@pytest.mark.parametrize(("entry_id", "text"), KB_REWRITES)
def test_kb_pattern_survives_rewrite(entry_id: str, text: str) -> None:
    from assistant.triage.knowledge import match_conditions
    ids = [m.entry.id for m in match_conditions(parse_case({"id": "x", "text": text}))]
    assert entry_id in ids


KB_REWRITE_NEAR_MISS = [
    # a line break is no licence to read across a list of other findings
    ("dka_hhs", "Type 2 diabetes, well controlled. Breathing is not fast\nno shallow breathing."),
    # a synovial count under 50 000 stays out
    ("septic_arthritis", "Swelling of the left knee. Synovial fluid WBC count of 20 000 cells/mm3"),
]


@pytest.mark.parametrize(("entry_id", "text"), KB_REWRITE_NEAR_MISS)
def test_kb_pattern_rewrite_near_miss(entry_id: str, text: str) -> None:
    from assistant.triage.knowledge import match_conditions
    ids = [m.entry.id for m in match_conditions(parse_case({"id": "x", "text": text}))]
    assert entry_id not in ids
