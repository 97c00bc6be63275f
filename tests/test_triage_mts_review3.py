"""Third safety review of the bite / sting / stoma work (h-trifix3).

The reviewer's inputs (and near misses), each level pinned by hand (1 resuscitation, 2 emergency,
3 urgent, 4 routine, 5 self-care). Primary-care setting, rules only. Every case marked as a fault
failed on main 216a259 (checked in a scratch detached worktree); near misses stay where they were.

1. ``sting_anaphylaxis_features`` (skin.yaml) missed lay anaphylaxis features that NHS
   Anaphylaxis / NHS Insect bites and stings / Resuscitation Council UK 2021 list: "can hardly
   breathe", noisy breathing, a tight chest, feeling sick or nauseous, cold clammy pale skin, a
   tingling tongue or itchy throat, an adrenaline auto-injector used. An auto-injector used is
   also an anaphylaxis red flag whatever the trigger.
2. The same entry read a bare "bite", so a dog, cat or tick bite with vomiting, faintness or
   confusion was named anaphylaxis: its bite triggers are insects and spiders now; a bare bite
   with no animal or person named keeps the features in ``bite_anaphylaxis_features``.
   ``snake_bite`` reads "a snake bit me", "an adder bit my dog and me".
3. The record's ``condition`` named a less urgent entry when a red flag or vital floor set a more
   urgent level ("sting, a lot of swelling, sats 90%" -> 2 "large local reaction"): it names the
   chosen entry only when its level is the final one (as ``advice_for`` does), else the ED
   knowledge floor's entry when that is the final level, else nothing.
4. 65+ abdominal pain with vomiting (zz_generic_presentations.yaml): "thrown up", "abdo pain",
   "Mum (83)", "elderly", someone else's stomach bug, chronic pain "much worse".
5. Stoma (gi.yaml): "It has not worked" after "I have a colostomy.", an empty bag, "darker than
   usual, a bit purple"; a stoma bleeding a lot (3) and a high-output stoma with dehydration (3).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from kb_entry import triage_record as _rec  # same folder

from assistant.triage import Triager
from assistant.triage.triager import _condition_label

_KB = Path(__file__).resolve().parents[1] / "assistant/triage/data/conditions"
_ANA = "anaphylaxis"
_OLDER = "acute abdominal pain with vomiting in an older adult"
_STOMA_BLOCKED = "stoma not working with nausea, vomiting or pain (possible bowel obstruction)"
_STOMA_DARK = "stoma turning dark or black (possible loss of blood supply)"




def _entries(name: str) -> dict[str, dict]:
    doc = yaml.safe_load((_KB / name).read_text(encoding="utf-8"))
    return {e["id"]: e for e in doc["conditions"]}


# ---- 1. lay anaphylaxis features after a sting (faults) ----
@pytest.mark.parametrize("text", [
    "Stung by a bee, a lot of swelling, I can hardly breathe.",
    "Stung by a bee, a lot of swelling, my breathing is a bit noisy.",
    "Stung by a bee, a lot of swelling, my chest feels tight.",
    "Stung by a bee, I have a tight chest.",
    "Wasp sting, a lot of swelling, and I feel sick",
    "Wasp sting, a lot of swelling, I'm nauseous",
    "Wasp sting, a lot of swelling, my skin is cold and clammy and pale",
    "Wasp sting, my tongue tingling and itchy throat",
    "Stung by a wasp and I used my EpiPen, arm very swollen.",
    "Stung by a wasp, a lot of swelling, chest tightness",
    "Spider bite on my arm, now I feel sick and dizzy",
    "Mosquito bite, a lot of swelling, I feel sick",
    "Something bit me in the garden, big swelling, and now my lips are puffy and I feel faint.",
])
def test_sting_anaphylaxis_lay_features(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert (rec.acuity, rec.condition) == (2, _ANA), (text, rec.acuity, rec.condition)


@pytest.mark.parametrize("text", [
    "I ate peanuts and had to use my EpiPen, feel better now",
    "My son used his adrenaline pen after eating a cake at a party",
])
def test_auto_injector_used_is_an_emergency(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert rec.acuity == 2 and "anaphylaxis" in rec.red_flags


# ---- near misses: a large local reaction, or an auto-injector carried but not used ----
@pytest.mark.parametrize(("text", "level"), [
    ("Stung by a bee, a lot of swelling around the sting", 4),
    ("Stung by a bee on the hand, whole arm swollen, breathing fine, no other symptoms.", 4),
    ("Wasp sting on my arm, a lot of swelling, I feel fine otherwise", 4),
    ("Stung by a wasp, I carry an EpiPen but did not need it, small red lump", 4),
    ("I carry an EpiPen for my nut allergy, I need a repeat prescription", 5),
    ("I didn't use my EpiPen, mild itchy rash after a new cream", 4),
    ("Mosquito bite, small itchy lump", 5),
])
def test_sting_near_misses(triager: Triager, text: str, level: int) -> None:
    assert _rec(triager, text).acuity == level


# ---- 2. an animal or tick bite is not named anaphylaxis; snake bites ----
@pytest.mark.parametrize(("text", "level", "condition"), [
    ("Tick bite, now fever and vomiting and confused", 2, "sepsis"),
    ("Bitten by a dog, now vomiting", 3, "animal or human bite"),
    ("Bitten by a cat, now feeling faint", 3, "animal or human bite"),
    ("Bitten by a dog, now feeling faint", 3, "animal or human bite"),
    ("A snake bit me on the ankle, my leg is swelling", 2, "snake bite"),
    ("An adder bit my dog and me", 2, "snake bite"),
])
def test_bites_name_their_own_condition(triager: Triager, text: str, level: int,
                                        condition: str) -> None:
    rec = _rec(triager, text)
    assert (rec.acuity, rec.condition) == (level, condition)


def test_animal_bite_with_airway_feature_stays_an_emergency(triager: Triager) -> None:
    rec = _rec(triager, "Bitten by a dog, now my lips are swelling")
    assert rec.acuity == 2 and rec.red_flags  # the swelling red flag, not the bite entry


def test_spider_angiomata_are_not_a_spider_bite(triager: Triager) -> None:
    # probe4 medqa4-447 (haematemesis with shock): "multiple spider angiomata" with vomiting
    # and pallor was named anaphylaxis when "spider" alone was a trigger
    rec = _rec(triager, "Multiple spider angiomata, vomiting, pale.")
    assert rec.condition != _ANA


def test_snake_near_miss(triager: Triager) -> None:
    assert _rec(triager, "Snake bite prevention tips for a hike").acuity == 4


def test_bare_bite_entry_reads_the_sting_entry_features() -> None:
    skin = _entries("skin.yaml")
    ana, bare = skin["sting_anaphylaxis_features"], skin["bite_anaphylaxis_features"]
    assert bare["all"][1] == ana["all"][1]
    assert "bites?" not in ana["all"][0] and "bitten" not in ana["all"][0]
    assert {"dog", "cat", "ticks?", "snake"} <= set(bare["not"])


# ---- 3. the condition label names only the entry that explains the level ----
@pytest.mark.parametrize("text", [
    "Stung by a wasp, a lot of swelling, sats 90%",
    "Stung by a wasp, a lot of swelling, she is very sleepy",
])
def test_condition_not_named_below_the_final_level(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert rec.acuity == 2
    assert rec.condition is None
    # the entry still fired and is named in the reasons, with its own disposition
    assert any("[sting_large_local_reaction;" in r for r in rec.reasons)


def test_condition_named_when_it_is_the_level(triager: Triager) -> None:
    rec = _rec(triager, "Stung by a bee, a lot of swelling around the sting")
    assert (rec.acuity, rec.condition) == (4, "bite or sting with a large local reaction")


def test_condition_label_rule() -> None:
    entry = SimpleNamespace(acuity=4, condition="routine thing")
    floor_entry = SimpleNamespace(acuity=2, condition="ed thing")
    kb = SimpleNamespace(acuity=2, chosen=SimpleNamespace(entry=floor_entry))
    assert _condition_label(entry, None, 4) == "routine thing"
    assert _condition_label(entry, None, 2) is None
    assert _condition_label(None, kb, 2) == "ed thing"
    assert _condition_label(None, kb, 1) is None
    assert _condition_label(entry, kb, 2) == "ed thing"


# ---- 4. 65+ abdominal pain with vomiting ----
@pytest.mark.parametrize("text", [
    "I'm 78 and I have bad tummy pain and I've thrown up twice.",
    "I'm 70, abdo pain since this morning and vomiting.",
    "Mum (83) has abdominal pain and is vomiting since this morning.",
    "My elderly mother has tummy pain and is vomiting.",
    "My elderly neighbour has stomach pain and has been sick twice today.",
    "My nan is 85, she has abdominal pain and vomiting; her grandson had a stomach bug.",
    "I am 82 and my grandson had a tummy bug; I have stomach pain and vomiting today.",
    "I'm 75 with chronic abdominal pain, now vomiting and the pain is much worse.",
])
def test_older_adult_abdominal_pain_vomiting(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert (rec.acuity, rec.condition) == (2, _OLDER), (text, rec.acuity, rec.condition)


@pytest.mark.parametrize(("text", "level"), [
    ("Mum (53) has abdominal pain and is vomiting since this morning.", 4),
    ("I'm 40, my elderly mother is fine; I have tummy pain and vomiting.", 4),
    ("My elderly mother has tummy pain on and off for months, no vomiting.", 4),
    ("I'm 75 with chronic abdominal pain, it is not much worse, I vomited once last year.", 4),
    ("I'm 80, I had a stomach bug, now stomach pain and vomiting.", 4),
    ("My husband is 79, he has a stomach bug, tummy pain and vomiting.", 4),
    ("An 86-year-old woman with intermittent abdominal pain and occasional vomiting for 3 "
     "months.", 4),
    ("I'm 70 and I've thrown up twice, no pain.", 4),
])
def test_older_adult_near_misses(triager: Triager, text: str, level: int) -> None:
    assert _rec(triager, text).acuity == level


def test_unaged_older_adult_entry_keeps_the_same_exclusions() -> None:
    gen = _entries("zz_generic_presentations.yaml")
    aged = gen["abdominal_pain_vomiting_older_adult"]
    unaged = gen["abdominal_pain_vomiting_older_adult_unaged"]
    assert unaged["not"] == aged["not"]
    assert unaged["all"][:2] == aged["all"]
    assert unaged["age"] == aged["age"] == [65, None]


# ---- 5. stoma ----
@pytest.mark.parametrize(("text", "level", "condition"), [
    ("I have a colostomy. It has not worked since yesterday and my tummy is swollen and I'm "
     "being sick.", 2, _STOMA_BLOCKED),
    ("I have a colostomy, it has not worked since yesterday and I'm being sick.", 2,
     _STOMA_BLOCKED),
    ("I have a stoma, nothing in the bag since last night, and I've been throwing up.", 2,
     _STOMA_BLOCKED),
    ("No output from my stoma since yesterday and I'm being sick.", 2, _STOMA_BLOCKED),
    ("My stoma looks darker than usual, a bit purple.", 2, _STOMA_DARK),
    ("My stoma is bleeding a lot into the bag.", 3, "stoma bleeding heavily or not stopping"),
    ("I have a high-output ileostomy, I'm dizzy and I've hardly passed any urine today.", 3,
     "high-output stoma with signs of dehydration"),
    ("My ileostomy output is very high and watery, I feel dizzy and I'm not weeing much.", 3,
     "high-output stoma with signs of dehydration"),
])
def test_stoma_faults(triager: Triager, text: str, level: int, condition: str) -> None:
    rec = _rec(triager, text)
    assert (rec.acuity, rec.condition) == (level, condition)


def test_stoma_bleeding_heavily_stays_at_least_urgent(triager: Triager) -> None:
    assert _rec(triager, "My stoma is bleeding heavily into the bag.").acuity <= 3


@pytest.mark.parametrize(("text", "level"), [
    ("I have a colostomy. It has not been a problem, but I have a cold and feel sick.", 4),
    ("I have a colostomy. It has not worked, the tablet for my cough.", 4),
    ("No output from my stoma since yesterday and I'm not being sick.", 4),
    ("I have a stoma, nothing in the bag since last night, no sickness, no pain.", 4),
    ("My stoma looks darker than usual.", 4),
    ("My stoma output is darker than usual, a bit green.", 4),
    ("My stoma bled a tiny spot when I cleaned it this morning, it stopped straight away.", 4),
    ("I have an ileostomy, output a bit looser after curry last night, I feel fine and I'm "
     "drinking well.", 4),
    ("I have an ileostomy, output is high, no dizziness, passing plenty of urine.", 4),
])
def test_stoma_near_misses(triager: Triager, text: str, level: int) -> None:
    assert _rec(triager, text).acuity == level
