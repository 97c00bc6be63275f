"""Safety review of tri13a / tri13b (trifix13): over-reads taken back to the session-start
baseline, and under-reads added, each as a class.

Levels are (primary_care, self, ed), hand-computed from the rules: a red flag of acuity 2 is
an emergency in every setting (2, 2, 2); the level-3 "earlier day, passed" flags give (3, 3, 3)
or keep a more urgent ED level; with no red flag the level is the one the text had before
tri13a / tri13b (no entry: 4 in primary care and self, 3 or 4 or 2 in the ED by its reader).

P1. Obstetric notation of a PAST pregnancy or an interval ("miscarriage at 8+2 weeks in 2019",
    "TOP at 9+3 weeks", "born at 34+2 weeks", "6+2 weeks postnatal", "Hb 8+2 weeks after
    surgery") is no current pregnancy (RCOG GTG 63 is about a current pregnancy).
P2. A 10-39 week gap since the last period with another named cause (menopause, age >= 50,
    HRT, back-to-back pill, implant / coil / injection: NHS "Stopping or missing periods",
    FSRH) is no pregnancy.
P3. ``_SO_AM_I`` is linear on runs of spaces.
P4. Reduced fetal movements (NHS "Your baby's movements": 2) when the gestation is told of
    someone else ("she's 36 weeks" parses as an infant's age) or a man asks for a woman he
    names; not when told settled since or of a born child's milestones.
P5. Crushing-chest similes: not a sleep simile, a gym bar, a worry or bad news in the sentence;
    passed on an earlier day: level 3 (NHS "Chest pain").
P6. Face and arm numb dated last month: the level-3 TIA flag; a nerve block, a jab, lying on
    that side explain it.
P7. A pet's fit; few-words speech passed and better (level 3, NHS "Shortness of breath"),
    "used to", a named language; another person's bleed in pregnancy.
P8. Under-reads: a third person's gestation from 24 weeks, "im", "seizre", "face & arm".
"""

from __future__ import annotations

import re
import time

import pytest
from triage_readers import levels_and_flags  # same folder

from assistant.triage.red_flags import _SO_AM_I, PREGNANT

PREG = "pregnancy with bleeding or pain"
RFM = "reduced fetal movements"


@pytest.mark.parametrize("text,expected", [
    # P1: past obstetric history / postnatal / an interval (baseline levels)
    ("G3P2+1 (miscarriage at 8+2 weeks in 2019), now postmenopausal PV bleeding", (4, 4, 3)),
    ("past history: TOP at 9+3 weeks in 2010. Now PV bleeding between periods", (4, 4, 3)),
    ("G2P2, 6+2 weeks postnatal, light PV bleeding", (4, 4, 3)),
    ("34+2 weeks postnatal, bleeding", (4, 4, 3)),
    ("the baby was born at 34+2 weeks, now she's 3 weeks old, bleeding from umbilical stump",
     (4, 4, 3)),
    ("Hb 8+2 weeks after surgery, PV bleed", (4, 4, 3)),
    # P2: a long gap with another named cause
    ("I'm 51, it's been 20 weeks since my last period and now I'm bleeding, I think it's the "
     "menopause", (4, 4, 3)),
    ("51F, LMP 20 weeks ago, now heavy PV bleeding, perimenopausal", (4, 4, 3)),
    ("I'm 50 and had amenorrhoea for 16 weeks, now spotting, on HRT", (4, 4, 3)),
    ("I'm on the pill and it's been 12 weeks since my period, I run back to back packs, now "
     "spotting", (4, 4, 4)),
    ("it's been 10 weeks since my last period, I had the implant fitted, now spotting", (4, 4, 3)),
    # P4: settled movements, a born child
    ("reduced fetal movements 2 weeks ago, scan fine, moving normally now", (4, 4, 3)),
    ("the baby is moving less than my first but that's normal for me, midwife said fine",
     (4, 4, 3)),
    ("the baby is not kicking as much since she started walking", (4, 4, 3)),
    # P5: chest similes of something else
    ("my baby sleeps like a rock on my chest", (4, 4, 2)),
    ("I'm learning to bench, the bar feels like a ton of bricks on my chest", (4, 4, 2)),
    ("it feels like a weight on my chest when I think about the exam", (4, 4, 2)),
    ("it's like having a weight on my chest since I got the bills", (4, 4, 2)),
    ("it's like a ton of bricks on my chest after I heard the news", (4, 4, 2)),
    # P6: explained face-and-arm numbness
    ("my face and arm went numb after the nerve block", (4, 4, 4)),
    ("my face and arm went numb after I had my COVID jab in that arm", (4, 4, 4)),
    ("my face and arm went numb while lying on my side", (4, 4, 4)),
    # P7
    ("my dog had a fit, he isn't epileptic", (4, 4, 3)),
    ("I used to stop for breath every few words before my inhaler", (4, 4, 2)),
    ("i can only say a few words at a time in french", (4, 4, 3)),
    ("I'm 34 weeks, my toddler is bleeding from his knee", (4, 4, 4)),
    # near misses of the new readings
    ("she's 10 weeks and bleeding from her umbilicus", (4, 4, 3)),
    ("im late for work, pain on one side, feel faint", (4, 4, 3)),
])
def test_taken_back_to_baseline(triager, text: str, expected: tuple[int, int, int]) -> None:
    levels, _ = levels_and_flags(triager, text)
    assert levels == expected


@pytest.mark.parametrize("text,flag", [
    # P4: another person's pregnancy (NHS "Your baby's movements")
    ("my wife says the baby hasn't been moving as much, she's 36 weeks", RFM),
    ("my sister's baby has stopped moving, she's 35 weeks", RFM),
    ("the baby has stopped moving, I'm a man asking for my wife", RFM),
    ("I started walking more and the baby isn't moving as much", RFM),
    # P8: lay gestation, "im late", misspelt seizure, "&"
    ("she's 30 weeks and bleeding", PREG),
    ("my daughter is 34 weeks and bleeding", PREG),
    ("im 34 weeks and bleeding", PREG),
    ("im late, pain on one side, feel faint", "possible ectopic pregnancy or intra-abdominal bleeding"),
    ("my husband had a seizre, he isnt epileptic", "first seizure (no known epilepsy)"),
    ("face & arm went numb", "stroke signs (FAST)"),
    # kept at 2
    ("my chest feels like an elephant is sitting on it", "chest pain with cardiac features"),
    ("it felt like a weight on my chest yesterday and it's still there",
     "chest pain with cardiac features"),
    ("G2P1 at 30/40 with PV bleeding", PREG),
    ("it's been 12 weeks since my last period and now I'm bleeding", PREG),
    ("I'm 30, LMP 14 weeks ago, now PV bleeding, not menopausal", PREG),
    ("I'm on the pill, LMP 12 weeks ago, now bleeding and cramping", PREG),
    ("I'm 34 weeks, my toddler is bleeding and I'm bleeding too", PREG),
    ("I can only say a few words at a time", "respiratory distress"),
    ("I could only say a few words at a time yesterday and it's worse today", "respiratory distress"),
    ("my face and arm went numb an hour ago", "stroke signs (FAST)"),
])
def test_emergency(triager, text: str, flag: str) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == (2, 2, 2)
    assert flag in flags


@pytest.mark.parametrize("text,expected,flag", [
    ("it felt like a weight on my chest last week but it's gone now", (3, 3, 2),
     "cardiac-type chest pain on an earlier day (passed: urgent assessment)"),
    ("my face and arm went numb last month", (3, 3, 3),
     "possible TIA on an earlier day (symptoms passed: urgent assessment)"),
    ("I could only say a few words at a time yesterday but I'm better now", (3, 3, 3),
     "severe breathlessness on an earlier day (passed: urgent assessment)"),
])
def test_passed_level_three(triager, text: str, expected: tuple[int, int, int], flag: str) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert flag in flags


@pytest.mark.parametrize("text", [
    "miscarriage at 8+2 weeks", "TOP at 9+3 weeks", "born at 34+2 weeks", "delivered at 39+1 weeks",
    "6+2 weeks postnatal", "Hb 8+2 weeks after surgery", "8+2 weeks in 2019"])
def test_past_gestation_not_pregnant(text: str) -> None:
    assert PREGNANT.search(text) is None


@pytest.mark.parametrize("text", ["34+2 weeks", "G2P1 at 30/40", "30/40 primip", "PV bleeding at 30/40"])
def test_current_gestation_pregnant(text: str) -> None:
    assert PREGNANT.search(text) is not None


def test_so_am_i_linear_on_spaces() -> None:
    text = "bleeding" + " " * 4000 + "x"
    start = time.perf_counter()
    assert _SO_AM_I.match(text, len("bleeding")) is None
    assert time.perf_counter() - start < 0.05
    assert _SO_AM_I.match("my nose is bleeding , and so am I", 19) is not None
    assert re.search(r"\\s\*,\?\\s\*", _SO_AM_I.pattern) is None


# Lead's follow-up (hand-computed, [primary_care, self, ed]):
# a coil is no other cause of a long gap since the last period (NHS "Ectopic pregnancy": a
# pregnancy with a coil in place is more likely to be ectopic), so the gap keeps its pregnancy
# reading; and a worry or bad news told beside the chest weight no longer explains it away when
# a heart attack's companion is in the sentence (NHS "Heart attack": sweating, feeling sick,
# pain spreading to the arm / jaw). Both were (4, 4, 3) and (4, 4, 2) after trifix13.
@pytest.mark.parametrize("text,expected", [
    ("I have a coil and it's been 10 weeks since my last period, now sharp pain on one side and "
     "I feel faint", (2, 2, 2)),
    ("I have a coil and it's been 12 weeks since my last period, now spotting", (2, 2, 2)),
    ("it's like a ton of bricks on my chest after I heard the news and I'm sweating and feel sick",
     (2, 2, 2)),
    # near misses: the implant still explains the gap; a worry alone still explains the weight
    ("it's been 10 weeks since my last period, I had the implant fitted, now spotting", (4, 4, 3)),
    ("it's like a ton of bricks on my chest after I heard the news", (4, 4, 2)),
    ("it feels like a weight on my chest when I think about the exam", (4, 4, 2)),
])
def test_lead_follow_up(triager, text: str, expected: tuple[int, int, int]) -> None:
    levels, _ = levels_and_flags(triager, text)
    assert levels == expected
