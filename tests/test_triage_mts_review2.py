"""Second safety review of the triage fix round (``git diff 9487990..cb3fd61 -- assistant``).

The reviewer's own inputs, each level pinned by hand (1 resuscitation, 2 emergency, 3 urgent,
4 routine, 5 self-care). Primary-care setting, rules only. Every case marked as a fault failed on
main 93c2072 (checked in a scratch detached worktree); near misses stay where they were.

1. The speaker-age rule in ``parse_age`` (a relative's "my mum is 80" gave way to the speaker's
   "I'm 50") lowered elderly and infant patients to routine: REVERTED. A carer's text names the
   patient in too many ways ("Mum fell", "I have been looking after him", "I have noticed mum")
   to pick the speaker safely; the earliest stated age is the patient's again.
2. ``sting_large_local_reaction``'s ``not`` list vetoed danger words that
   ``sting_anaphylaxis_features`` did not read for a mosquito, midge, horsefly, gnat or bare
   "bite" (puffy lips, faintness went to self-care). NHS Insect bites and stings gives the same
   999 signs for bites and stings: the anaphylaxis entry reads every trigger of the large-local
   entry and every non-infection item of its ``not`` list (checked structurally below), plus
   hives covering the whole body and vomiting (NHS Anaphylaxis; NHS Insect bites and stings).
3. ``stoma_ischaemia`` (gi.yaml) fired on a colour word anywhere ("black stoma bag", "a black
   eye", "feeling blue", "Dead tired"): the colour must describe the stoma (same clause).
4. ``animal_bite`` (skin.yaml) missed "bit my hand", a child bitten by another child and rodent
   bites (NHS Animal and human bites: a bite that breaks the skin needs same-day help).
5. The 65+ abdominal pain entry was blocked by bare "weight loss", "diarrhoea last year" and
   "chronic abdominal pain, now much worse today": the exclusions are anchored.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from kb_entry import triage_record as _rec  # same folder

from assistant.triage import Triager

_SKIN = Path(__file__).resolve().parents[1] / "assistant/triage/data/conditions/skin.yaml"




# ---- 1. a relative's stated age is the patient's (speaker-age rule reverted) ----
@pytest.mark.parametrize(("text", "level"), [
    ("My mum is 80. I'm 50 and I feel terrible. Mum fell down the stairs and hit her head.", 2),
    ("My mum is 80. I'm 50 and I have been with her; she fell down the stairs and hit her head", 2),
    ("My nan is 92. I'm 55 and I have been with nan all day, fell, hip pain, cannot weight bear", 2),
    ("My mum is 80. I'm 50 and I have been looking after mum. Abdominal pain and vomiting since "
     "this morning.", 2),
    ("My mum is 72. I'm 40 and I have noticed mum: headache at the temple, jaw pain when chewing, "
     "vision blurred", 3),
    ("My grandson is 6 weeks old. I'm 60 and I have been looking after him all day: temperature "
     "38.5, not feeding", 2),
    ("My baby sister is 6 weeks old. I'm 16 and I have been looking after her all day: temperature "
     "38.5, not feeding", 2),
    ("My granddaughter is 2 months old. I'm 58 and I have been looking after her today: "
     "temperature 38.3 and sleepy", 2),
])
def test_relative_age_is_not_replaced_by_the_speakers(triager: Triager, text: str,
                                                      level: int) -> None:
    assert _rec(triager, text).acuity == level


@pytest.mark.parametrize(("text", "level"), [
    # near misses: already right on main, stay right
    ("My granddaughter is 2 months old. I'm 58 and I have been looking after her, she has a fever "
     "of 38.2", 2),
    ("My mum is 80. I'm 50 and she has tummy pain and has been vomiting since this morning.", 2),
])
def test_relative_age_near_misses(triager: Triager, text: str, level: int) -> None:
    assert _rec(triager, text).acuity == level


# ---- 2. insect bites with anaphylaxis features are emergencies ----
@pytest.mark.parametrize("text", [
    "Horsefly bite, whole arm swollen, my lips are puffy",
    "Mosquito bite, whole leg swollen, feel faint and lightheaded",
    "Horsefly bite, whole arm swollen, I feel dizzy and my heart is racing",
    "Midge bites, whole leg swollen, my tongue feels swollen",
    "Gnat bite on my hand, whole arm swollen and I am wheezing",
    "A bite on my leg, whole leg swollen, my lips are puffy",
    "Horsefly bite, whole arm swollen, itching all over my body",
    # hives over the whole body and vomiting after a sting or bite (NHS: 999)
    "Stung by a wasp, whole arm swollen and my whole body is covered in hives",
    "Stung by a bee, whole arm swollen, I feel sick and I'm vomiting",
    "Mosquito bite, whole leg swollen and I've been sick twice",
])
def test_bite_with_anaphylaxis_features_is_an_emergency(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert (rec.acuity, rec.condition) == (2, "anaphylaxis")


@pytest.mark.parametrize(("text", "level"), [
    ("Horsefly bite, whole arm swollen, no other symptoms", 4),
    ("Mosquito bite, whole leg swollen and itchy, breathing fine", 4),
    ("Stung by a bee on the hand, whole arm swollen, breathing fine, no other symptoms.", 4),
    ("Horsefly bite on my leg yesterday, small itchy lump", 5),
    ("Midge bites on my ankles, itchy red lumps", 5),
])
def test_bite_near_misses_stay_where_they_were(triager: Triager, text: str, level: int) -> None:
    assert _rec(triager, text).acuity == level


def test_large_local_veto_is_read_by_a_higher_entry() -> None:
    """Every trigger of the large-local entry is a trigger of the anaphylaxis and infected-bite
    entries, and every ``not`` item is a feature of one of them: the veto never leaves a danger
    feature to a lower entry."""
    entries = {e["id"]: e for e in yaml.safe_load(_SKIN.read_text(encoding="utf-8"))["conditions"]}
    large = entries["sting_large_local_reaction"]
    ana = entries["sting_anaphylaxis_features"]
    # third review (h-trifix3): bare "bite"/"bitten" moved to ``bite_anaphylaxis_features``
    # (same features, dog/cat/tick/snake/person bites excluded), so the two entries together
    # read every large-local trigger
    bare = entries["bite_anaphylaxis_features"]
    infected = entries["bite_sting_infected"]
    assert bare["all"][1] == ana["all"][1]
    assert set(large["all"][0]) <= set(ana["all"][0]) | set(bare["all"][0])
    assert set(large["all"][0]) <= set(infected["all"][0])
    higher = set(ana["all"][1]) | set(infected["all"][1])
    assert [item for item in large["not"] if item not in higher] == []


# ---- 3. a stoma colour word must describe the stoma ----
@pytest.mark.parametrize(("text", "level"), [
    ("I need a new black stoma bag, mine is fine.", 4),
    ("I have a grey bag cover for my stoma, all fine.", 4),
    ("I have a colostomy and I walked into a door and have a black eye.", 4),
    ("I've been feeling blue since my colostomy, it works fine.", 4),
    ("Dead tired, I have an ileostomy and it's working normally.", 4),
    ("My prolapsed stoma has gone dark.", 2),
])
def test_stoma_colour_describes_the_stoma(triager: Triager, text: str, level: int) -> None:
    assert _rec(triager, text).acuity == level


@pytest.mark.parametrize("text", [
    # near misses: ischaemic stomas stay emergencies, in either order and with words between
    "My stoma has gone dark purple and black.",
    "My stoma looks dusky today.",
    "My ileostomy has turned black.",
    "The stoma's gone grey and cold.",
    "Dusky stoma this morning.",
])
def test_ischaemic_stoma_stays_an_emergency(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert rec.acuity == 2
    assert rec.condition is not None and rec.condition.startswith("stoma turning dark or black")


@pytest.mark.parametrize("text", [
    "My stoma is pink and moist and working well.",
    "Stoma output is dark brown, otherwise fine.",
])
def test_stoma_colour_near_misses(triager: Triager, text: str) -> None:
    assert _rec(triager, text).acuity == 4


# ---- 4. bites that break the skin are urgent ----
@pytest.mark.parametrize("text", [
    "My cat bit my hand and broke the skin.",
    "Cat bit me, teeth went in, small puncture wounds.",
    "My son was bitten by another child at school and the skin is broken.",
    "A rat bit my finger yesterday and I feel hot and shivery.",
])
def test_bite_that_breaks_the_skin_is_urgent(triager: Triager, text: str) -> None:
    assert _rec(triager, text).acuity == 3


@pytest.mark.parametrize(("text", "level"), [
    ("A cat bite on my finger, the skin is broken.", 3),
    ("Human bite on my knuckle from a fight.", 3),
    ("Bitten by a rat, now I have a fever.", 3),
    ("My dog nipped me, didn't break the skin, just a red mark.", 4),
    ("I bit my tongue eating, it is sore.", 4),
    ("My child has an itchy mosquito bite on her arm.", 5),
])
def test_bite_near_misses(triager: Triager, text: str, level: int) -> None:
    assert _rec(triager, text).acuity == level


# ---- 5. 65+ abdominal pain: anchored exclusions ----
@pytest.mark.parametrize("text", [
    "A 70-year-old with weight loss now has abdominal pain and vomiting since this morning.",
    "I'm 75, I had diarrhoea last year; now abdominal pain and vomiting since this morning.",
    "I'm 78 with chronic abdominal pain, now much worse today and vomiting.",
])
def test_older_adult_entry_not_blocked_by_past_or_chronic_words(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert rec.acuity == 2
    assert rec.condition == "acute abdominal pain with vomiting in an older adult"


@pytest.mark.parametrize("text", [
    "An 86-year-old woman with intermittent abdominal pain and occasional vomiting for 3 months.",
    "A 75-year-old with diarrhoea and vomiting since yesterday and stomach cramps.",
    "A 70-year-old with unexplained weight loss over 6 months and abdominal pain, vomited once.",
    "I'm 78 with chronic abdominal pain, same as usual, and I vomited this morning.",
])
def test_older_adult_entry_exclusions_still_hold(triager: Triager, text: str) -> None:
    rec = _rec(triager, text)
    assert rec.condition != "acute abdominal pain with vomiting in an older adult"
    assert rec.acuity == 4
