"""Review 4 of the triage self-care additions (issue 21): under-triage to self-care (5).

Every text below is one the review reproduced (``review4_triage.md``): each MUST case gave 5 in
primary care, self and urgent care on main; each is pinned here with the acuity expected by
hand. Classes fixed in the shared self-care safety net (``knowledge.self_care_blockers``), not
per entry: lay fever, fainting, blood, unintended weight loss, swallowing, noisy breathing,
limb weakness, pregnancy and a recent birth, vision and light, blisters, bowel obstruction,
change in bowel habit at 60+, babies under 3 months and their danger signs; the negation of a
blocker stops at a comma. Sources: NHS condition pages (Sore throat, Heartburn, Cystitis,
Constipation, Conjunctivitis, Sunburn, Colic, Baby teething, Migraine, Stroke), NHS England
Pharmacy First (UTI: women 16-64), NICE NG143 (fever under 5s), NICE NG12 (suspected cancer:
weight loss, dysphagia, change in bowel habit at 60+), NICE CG141 (upper GI bleeding), NICE
CKS Conjunctivitis (ophthalmia neonatorum).
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.triage import Triager
from assistant.triage.knowledge import blocker_negated, is_negated


@pytest.fixture(scope="module")
def triager() -> Triager:
    return Triager(load_settings(None, {"use_llm": False}, environ={}))


def _acuity(t: Triager, text: str, setting: str = "primary_care") -> int:
    return t.triage({"id": "r4", "text": text, "setting": setting}, narrative=False).acuity


# ---- MUST-FIX: every reproduced text (5 on main) is now routine review (4) ----
MUST = [
    "I get a burning feeling in my chest after meals and a sour taste, it's worse when I walk up hills. What can I take?",
    "I get a burning feeling in my chest after meals and a sour taste, and I've lost a stone without trying. What can I take?",
    'I get a burning feeling in my chest after meals and a sour taste, and food feels like it sticks going down. What can I take?',
    'I get a burning feeling in my chest after eating and a sour taste, I threw up twice today. What can I take?',
    "I get migraines a few times a year, I've got one now, same as usual with the zigzag lights first. I had a baby 2 weeks ago. What can I take?",
    'I keep needing to wee and it burns. What can I take?',
    "I'm 30, I keep needing to wee and it burns. What can I take? My wife says it's cystitis.",
    "I'm a 25 year old woman, I keep needing to wee and it burns and I'm expecting. What can I take?",
    "I'm a 25 year old woman, I keep needing to wee and it burns, my pee looks like cola. What can I take?",
    "I'm a 25 year old woman, I keep needing to wee and it burns, and my kidneys ache. What can I take?",
    "My throat has been really sore for 2 days and my breathing sounds squeaky. Any lozenges you'd recommend?",
    "My throat has been really sore for 2 days and I can barely swallow my own spit. Any lozenges you'd recommend?",
    "My throat has been really sore for 2 days and I can hardly open my mouth. Any lozenges you'd recommend?",
    "My throat has been really sore for 2 days, no fever, drooling. Any lozenges you'd recommend?",
    "I've got a gunky red eye and it's really uncomfortable and I can't stand bright lights. What can I use?",
    "I've got a gunky red eye and things look fuzzy out of it. What can I use?",
    'My 7 week old screams every evening for hours, draws his knees up, and feels really hot. Is there anything I can buy?',
    "My 7 week old screams every evening for hours, draws his knees up, and he's only taking half his bottles. Is there anything I can buy?",
    "My 7 week old screams every evening for hours, draws his knees up, and he's been bringing up his milk everywhere, shooting across the room. Is there anything I can buy?",
    'My 10 week old screams for hours in the evenings and draws his knees up; his soft spot looks sunken. Is there anything I can buy?',
    "My baby is 2 months, cries for hours in the evenings and draws her knees up, and she's gone quiet and limp. Is there anything I can buy?",
    'My 7 week old screams every evening for hours, draws his knees up, no fever, vomiting blood. Is there anything I can buy?',
    "My 4 month old is teething and chewing everything and won't settle, she feels hot. What can I give her?",
    "My baby has a red sore bottom from his nappy and he's really hot and not himself. What cream should I use?",
    "I haven't been able to poo for 5 days and it's hard, my tummy is massive and tight and I'm not farting. What can I take?",
    "I haven't been able to poo for 3 days and it's hard when I do, and there's red on the tissue. What can I take?",
    "I haven't been able to poo for 3 days and it's hard, I've dropped two dress sizes without trying. What can I take?",
    "I haven't been able to poo for 3 days and it's hard; I'm 60 and my bowels have changed recently. What can I take?",
    "My shoulders went red after a day at the beach, they've come up in big bubbles. What can I put on them?",
]


# Issue 21 (negation scope, tests/test_triage_negation_scope.py): the danger feature after "no
# fever," was read as denied, so these stopped at routine review; the red flag now fires
# (drooling with a sore throat: airway compromise, 1; vomiting blood: severe bleeding, 2).
_NOW_EMERGENCY = {
    "My throat has been really sore for 2 days, no fever, drooling. Any lozenges you'd recommend?": 1,
    "My 7 week old screams every evening for hours, draws his knees up, no fever, vomiting blood. "
    "Is there anything I can buy?": 2,
    # Issue 21 lay emergencies (h-layemerg): a baby under 3 months who "feels really hot" has a
    # reported fever (NICE NG143 1.1.1.3; fever under 3 months is red): the infant fever flag, 2.
    "My 7 week old screams every evening for hours, draws his knees up, and feels really hot. "
    "Is there anything I can buy?": 2,
    # (thirteenth round) a usual migraine's aura after a birth 2 weeks ago is possible
    # pre-eclampsia, same day (NHS Pre-eclampsia / Headaches in pregnancy: call your midwife, GP
    # surgery or 111 immediately): 3, not the routine 4 this review pinned
    "I get migraines a few times a year, I've got one now, same as usual with the zigzag lights first. I had a baby 2 weeks ago. What can I take?": 3,
}


@pytest.mark.parametrize("setting", ["primary_care", "self", "urgent_care"])
@pytest.mark.parametrize("text", MUST)
def test_must_cases_are_not_self_care(triager: Triager, text: str, setting: str) -> None:
    assert _acuity(triager, text, setting) == _NOW_EMERGENCY.get(text, 4)


# ---- emergencies in lay words (stroke sign, GI bleed, bilious vomiting, collapse) ----
EMERGENCIES = [
    # NHS Stroke (FAST): an arm that cannot be lifted, whatever the usual migraine
    "I get migraines a few times a year, I've got one now, same as usual with the zigzag lights "
    "first, but I can't lift my left arm. What can I take?",
    "I get migraines now and then, got one now, as usual, but I can't lift my left arm. What can "
    "I take?",
    # NICE CKS Headache: a collapse with a headache
    "I get migraines a few times a year, I've got one now, same as usual with the zigzag lights, "
    "I collapsed earlier. What can I take?",
    # NICE NG143 / NHS: a child vomiting green (bile)
    "My 3 year old hasn't done a poo for 4 days and it's hard, and he's throwing up green. What "
    "can I give him?",
    # NICE CG141 / NHS: vomiting blood, black poo
    "I get a burning feeling in my chest after meals and a sour taste, and I brought up some "
    "blood. What can I take?",
    "I get a burning feeling in my chest after meals and a sour taste, and my poo has been black. "
    "What can I take?",
    # NHS Heart attack: a burning chest with near-fainting
    "I have a burning feeling in the middle of my chest since lunch with a sour taste and I feel "
    "like I'm going to pass out.",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_lay_emergencies_are_emergencies(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) == 2


# ---- SHOULD-FIX and NOTE cases: not self-care ----
NOT_SELF_CARE = [
    ("Period cramps are bad today, I feel like I'm going to pass out, what's the best thing to "
     "take?", 4),
    ("My 18 month old has a gunky pink eye. What can I use?", 4),
    ("My 14 year old son gets migraines now and then, he has one now as usual after a rugby "
     "tackle. What can he take?", 4),
    ("I get migraines a few times a year, I've got one now, same as usual with the zigzag lights, "
     "I've had it for 4 days now. What can I take?", 4),
    ("My 8 month old is teething and chewing everything, has the runs. What can I give her?", 4),
    # (thirteenth round) 3: NHS Pre-eclampsia / Headaches in pregnancy (same day), as above
    ("I get migraines a few times a year, I've got one now, same as usual with the zigzag lights, "
     "I'm 8 months gone. What can I take?", 3),
    # NICE CKS Conjunctivitis: a sticky eye under 28 days is urgent (ophthalmia neonatorum)
    ("My son is 3 weeks and has a sticky red eye. What can I use?", 3),
    # the heartburn entry needs a stated age under 55 (NHS Heartburn)
    ("I get a burning feeling in my chest after big meals and a sour taste in my mouth. What can "
     "I take?", 4),
    # a self-care entry's own "see a GP if" feature keeps the general minor-illness rule off
    ("I haven't been able to poo for 3 days and it's hard, I'm being sick. What can I take?", 4),
    ("I've got a red watery eye with a rash on my forehead on the same side. What can I use?", 4),
]


@pytest.mark.parametrize(("text", "expected"), NOT_SELF_CARE)
def test_should_and_note_cases(triager: Triager, text: str, expected: int) -> None:
    assert _acuity(triager, text) == expected


# ---- false fires (emergency on main) ----
FALSE_FIRES = [
    "What are the signs of a thyroid storm? I have an overactive thyroid and I'm worried.",
    "I fell down the stairs last year and hit my head; now I'm 70 and want to check my memory.",
    "I'm 30, I get a burning sensation in my chest after a big dinner, especially if I lie down, "
    "and feel sick. Gaviscon?",
]


@pytest.mark.parametrize("text", FALSE_FIRES)
def test_false_fires_are_routine(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) == 4


# ---- near misses: the plain self-care cases still give 5 ----
SELF_CARE = [
    "I've had a sore throat for 2 days, no fever, what can I take?",
    "my period pains are bad this month, what can I take?",
    "Period cramps are bad today, what's the best thing to take?",
    "I've got itchy peeling skin between my toes, what cream can I use?",
    "I'm 35 and I get a burning feeling in my chest after big meals and a sour taste in my "
    "mouth. What can I take?",
    "I'm a 25 year old woman, I keep needing to wee and it burns. No fever. What can I take?",
    "I keep needing to wee and it burns, I'm a woman, no fever, no back pain. What can I take?",
    "My 8 month old is teething, red cheeks, chewing everything and dribbling. What can I give "
    "her?",
    "My baby has a red sore bottom from his nappy. What cream should I use?",
    "My shoulders went red after a day at the beach and they feel hot. What can I put on them?",
    "My daughter is 4 and woke up with a gunky pink eye, she's fine otherwise. Do we need to see "
    "a doctor?",
    "I get migraines a few times a year, I've got one now, same as usual with the zigzag lights "
    "first. What can I take?",
    "I haven't been able to poo for 3 days and it's hard when I do. What can I take?",
    "My throat has been really sore for 2 days, no fever, no trouble swallowing. Any lozenges "
    "you'd recommend?",
    "My 7 week old screams every evening for hours, draws his knees up, but feeds and grows "
    "well. Is there anything I can buy?",
    "I've got a cold, no fever, what can I take?",
]


@pytest.mark.parametrize("text", SELF_CARE)
def test_plain_self_care_still_five(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) == 5


# ---- the blocker negation stops at a comma (a list closed by "and"/"or" stays denied) ----
@pytest.mark.parametrize(("text", "word", "negated"), [
    ("no fever, drooling", "drooling", False),
    ("no fever, vomiting blood", "vomiting blood", False),
    ("no fever, no back pain", "back pain", True),
    ("no history of infections, urgency, frequency, or hesitancy", "frequency", True),
    ("He denies numbness in his legs, and any problems with his bladder", "bladder", True),
])
def test_blocker_negation(text: str, word: str, negated: bool) -> None:
    i = text.index(word)
    assert blocker_negated(text, i, i + len(word)) is negated


def test_finding_negation_unchanged() -> None:
    # the matcher's own negation (which makes entries fire) still reads the denied list
    text = "no fever, drooling"
    i = text.index("drooling")
    assert is_negated(text, i, i + len("drooling"))


# ---- the three false-fire fixes lower a level: lay-worded emergencies stay emergencies ----
@pytest.mark.parametrize("setting", ["primary_care", "ed"])
@pytest.mark.parametrize("text", [
    "Two days after a thyroidectomy for hyperthyroidism he presented with features of thyroid "
    "storm.",
    "I have Graves disease and I think I'm going into a thyroid storm, my heart is racing and I "
    "have a fever.",
    "My 70 year old mum fell down the stairs this morning and hit her head.",
    "I'm 72 and I fell down the stairs yesterday and hit my head.",
    "I've had a burning feeling in my chest for an hour and I feel sick.",
    "I'm 50, I've got a burning feeling in my chest after dinner and I'm sweating and feel sick.",
    "I have a burning feeling in my chest and I've been vomiting, I'm 60.",
])
def test_emergencies_kept_after_false_fire_fixes(triager: Triager, text: str,
                                                 setting: str) -> None:
    assert _acuity(triager, text, setting) == 2


# ---- the same classes through the general minor-illness rule (no entry of its own) ----
@pytest.mark.parametrize(("text", "expected"), [
    ("I've had diarrhoea since yesterday and there's red on the tissue, what can I take?", 4),
    ("I've had a cold for 2 days and my breathing sounds squeaky, what can I take?", 4),
    ("I've got a cough since Tuesday and I've lost a stone without trying, what can I take?", 4),
    ("I've got a cold since yesterday and I feel like I'm going to pass out, what can I take?", 4),
    ("I've got an itchy rash since yesterday, it's come up in big bubbles, what cream can I use?",
     4),
    # (2 since the negation-scope fix: "no fever," no longer denies the blood; issue 21)
    ("I've had a cough for 2 days, no fever, coughing up blood, what can I take?", 2),
    ("My 2 year old has had a cold since yesterday and is throwing up green, what can I give him?",
     2),
])
def test_general_rule_classes(triager: Triager, text: str, expected: int) -> None:
    assert _acuity(triager, text) == expected
