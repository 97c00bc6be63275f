"""trifix14b: faults the safety review found in the session's triage changes (tri14a/b/c).

Levels are (primary_care, self, ed). Every "kept" case is the level the session-start code gave
(the baseline before tri14a/b/c, checked with /tmp/t8.py on it); the others are hand-computed
from the rules: a red flag's own level in all three settings; with no flag and no condition a
lay complaint is routine (4) in primary care and self care and 3 (a walk-in) in ED.

A1: a lay denial ("isn't confused", "never lost consciousness", "haven't had chest pain") no
longer lowers when a state sign follows anywhere later in the text (across sentence ends), in
the lay words of confusion, drowsiness or amnesia (NHS "Confusion" / "Delirium"; NEWS2 new
confusion; NICE CG103; NICE NG232), or when the text holds a head injury or a fall (other than
a limb injury with no head involvement), an anticoagulant, a fever of 38 or more, fast
breathing, or a fall in someone of 65 or over.
A3: the writer's own sickness in other words keeps the pre-eclampsia vomiting grade (3).
B5: the verbless "chest like a weight" only for an adult with no cold, cough, asthma eased by
the inhaler or chest injury (unless a heart attack companion is told); stable angina's pattern
3 (NICE CG95); "yesterday, fine today" the passed twin (3).
B6: still-blue lips with the cold or the usual colour keep the old level (NHS "Blue or grey
skin or lips"). B7: retention not for an animal, "feel fine" with no pain, a sample pot or
urine passed since; cystitis 3 (NICE CKS UTI). B8: plural late periods with a negative test;
"+2 protein"; a blood sugar "26+3" is no gestation.
"""

from __future__ import annotations

import pytest
from triage_readers import levels_and_flags

from assistant.triage.negation import lay_denied

AMS = "altered mental status"
CPC = "chest pain with cardiac features"
PE = "possible pre-eclampsia"
RD = "respiratory distress"
RET = "unable to pass urine (possible acute urinary retention)"
RET_UTI = "difficulty passing urine with stinging or burning (possible urine infection)"
PASSED = "cardiac-type chest pain on an earlier day (passed: urgent assessment)"
STABLE = "exertional chest heaviness relieved by rest (possible angina: urgent assessment)"


# ---- A1: the denial does not lower (the session-start level 2 is kept) ----
@pytest.mark.parametrize("text", [
    "he isn't confused. he is drowsy",
    "she's not confused. Can't stay awake",
    "she isn't confused. She keeps falling asleep mid sentence",
    "mum isn't confused. She's hallucinating",
    "mum isn't confused. She's seeing things that aren't there",
    "grandad isn't confused, he is talking rubbish and seeing things",
    "my dad is 84, she isn't confused, she's seeing things",
    "dad is 82, he's not confused, he keeps asking the same questions",
    "he's not confused, he keeps asking the same questions after hitting his head",
    "never lost consciousness. Woke up on the floor",
    "never lost consciousness. Was found on the floor, can't remember anything",
    "knocked my head on a shelf, never lost consciousness, blood coming out of his ear",
    "knocked my head on a shelf, never passed out, clear fluid coming from his nose",
    "hit my head on the door, didn't black out, blood coming out of his ear",
    "fell down the stairs, never lost consciousness, pupils different sizes",
    "I'm on blood thinners, fell and banged my head, never lost consciousness.",
    "knocked my head on a shelf, hasn't blacked out, on warfarin.",
    "my husband had a fall, he's not confused, breathing fast, temp 39",
    "dad is 82, he's not confused. temperature 39.5, breathing fast",
    "she didn't black out or hit her head. Hip very painful and leg turned out",
    "I haven't had chest pain, heavy feeling in my chest going to my arm",
    "I didn't black out, I fell and couldn't get up, lay on the floor all night, I'm 85",
    "twisted my ankle, never lost consciousness, on apixaban",
    # (were pinned at (4, 4, 3) / (4, 4, 2) in test_triage_tri14c.py: the fault itself)
    "banged my head, never lost consciousness",
    "banged my head, wasn't unconscious",
    "I'm 80, slipped and hurt my wrist, never passed out.",
])
def test_denial_void_keeps_level(triager, text: str) -> None:
    levels, _ = levels_and_flags(triager, text)
    assert levels == (2, 2, 2)


# near misses: the intended lowering stays (a limb injury, no head, no other context; a
# state word told before the denial only; a plain cough)
@pytest.mark.parametrize("text,expected", [
    ("twisted my ankle, never lost consciousness", (5, 5, 4)),
    ("twisted my ankle, never lost consciousness.", (5, 5, 4)),
    ("Cough for 3 days. He is alert and not confused.", (5, 5, 3)),
])
def test_denial_still_lowers(triager, text: str, expected: tuple[int, ...]) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert AMS not in flags


def test_lay_denied_unit() -> None:
    t = "twisted my ankle, never lost consciousness."
    s = t.index("lost")
    assert lay_denied(t, s, s + len("lost consciousness"))
    for t in ("he isn't confused. he is drowsy", "he isn't confused. Later he was seeing things",
              "hit his head, isn't confused.", "he isn't confused, temp 38.5",
              "he isn't confused, on rivaroxaban.", "he isn't confused. she's 70 and had a fall"):
        s = t.index("confused")
        assert not lay_denied(t, s, s + len("confused"), bare_not=True), t
    # a fever below 38 and an age below 65 are no context
    for t in ("he isn't confused, temp 37.2", "he's 40, tripped on the kerb and grazed his knee, "
              "isn't confused."):
        s = t.index("confused")
        assert lay_denied(t, s, s + len("confused"), bare_not=True), t


# ---- A3: her own sickness in other words ----
@pytest.mark.parametrize("text,expected,fires", [
    ("I'm 33 weeks pregnant, my son is vomiting and I feel really sick and can't keep anything down",
     (3, 3, 3), True),
    ("I'm 36 weeks pregnant, my son is vomiting and I'm nauseous and retching", (3, 3, 3), True),
    ("I'm 36 weeks pregnant, my son is vomiting and I keep heaving", (3, 3, 3), True),
    # near misses: the son's sickness only; "sick of it"
    ("I'm 36 weeks pregnant, my son is vomiting and he feels sick", (4, 4, 3), False),
    ("I'm 36 weeks pregnant, my son is vomiting, I'm sick of it", (4, 4, 3), False),
    ("I'm 36 weeks pregnant, my son is vomiting", (4, 4, 3), False),
])
def test_own_sickness(triager, text: str, expected: tuple[int, ...], fires: bool) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert (PE in flags) is fires


# ---- B5: the verbless chest simile ----
@pytest.mark.parametrize("text,expected,flag", [
    # kept at the session-start level
    ("chest feels like a weight from all the coughing with my cold", (5, 5, 2), None),
    ("chest like a weight when I lie down, I've got a bad cold", (4, 4, 2), None),
    ("my chest feels like a weight because of all the phlegm, chesty cough for a week", (4, 4, 2), None),
    ("chest like a weight when I breathe in, after a chest infection, coughing green", (4, 4, 2), None),
    ("chest like a weight on it after the rugby tackle, sore to touch", (4, 4, 2), None),
    ("chest like a weight, 8 years old with a cough", (4, 4, 2), None),
    ("she's 12, says her chest is like a weight when she coughs", (4, 4, 2), None),
    ("chest like a weight on it, with cold and phlegm, 25 year old", (4, 4, 2), None),
    # stable angina's pattern (NICE CG95 rapid access): 3; the passed twin: 3
    ("chest like a weight pressing down, comes on walking up hill and goes with rest, for 3 months",
     (3, 3, 2), STABLE),
    ("he said chest like a weight yesterday, fine today", (3, 3, 2), PASSED),
    # near misses: the flag stays (no guard; a companion beside a cold; a change at rest; a verb)
    ("chest like a weight", (2, 2, 2), CPC),
    ("chest like a weight, sweaty and sick", (2, 2, 2), CPC),
    ("chest like a weight, I have a cold, and the pain goes down my left arm", (2, 2, 2), CPC),
    ("chest like a weight, comes on walking up hill and goes with rest, for 3 months, now at rest too",
     (2, 2, 2), CPC),
    ("like an elephant sitting on my chest, I have a cold", (2, 2, 2), CPC),
])
def test_verbless_chest_simile(triager, text: str, expected: tuple[int, ...], flag: str | None) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    if flag is None:
        assert CPC not in flags and STABLE not in flags
    else:
        assert flag in flags


# ---- B6: still-blue lips ----
@pytest.mark.parametrize("text,expected,fires", [
    ("he has a heart condition, lips still blue as always", (4, 4, 2), False),
    ("he has a heart condition, as always his lips are still blue", (4, 4, 2), False),
    ("lips still blue, she's cold, been out in the garden", (4, 4, 3), False),
    ("her lips are still blue, she's just come in from the snow, she's warm now and chatting",
     (4, 4, 3), False),
    # near misses: a breathing or shock sign beside the cold; no cold; warm now
    ("lips still blue, she's cold, breathing very fast", (2, 2, 2), True),
    ("lips still blue, she's cold and clammy", (2, 2, 2), True),
    ("better now but lips still blue", (2, 2, 2), True),
    ("lips still blue even though he's warm now", (2, 2, 2), True),
])
def test_lips_still(triager, text: str, expected: tuple[int, ...], fires: bool) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert (RD in flags) is fires


# ---- B7: unable to pass urine ----
@pytest.mark.parametrize("text,expected,flag", [
    ("my dog hasn't been able to pee since this morning", (4, 4, 3), None),
    ("the dog hasn't been able to pee since this morning, I'm worried", (4, 4, 3), None),
    ("my cat can't pee since yesterday and keeps straining", (4, 4, 3), None),
    ("haven't had a wee all day, been at work, feel fine", (3, 3, 3), None),
    ("haven't peed for 10 hours, drinking lots, feel fine", (4, 4, 3), None),
    ("haven't done a wee all day, had a drink now and went, fine", (3, 3, 3), None),
    ("I couldn't pee since this morning because the sample pot was too small", (4, 4, 3), None),
    ("can't pee since this morning, stinging when I try", (3, 3, 3), RET_UTI),
    ("can't pee since this morning only dribbles and burning", (3, 3, 3), RET_UTI),
    # near misses: the person's own retention, pain or swelling told
    ("my grandad can't pee since yesterday", (2, 2, 2), RET),
    ("can't pee since this morning, feel fine but my belly is bulging", (2, 2, 2), RET),
    ("can't pee since this morning, stinging when I try, lower tummy swollen", (2, 2, 2), RET),
    ("my dog hasn't been able to pee since this morning and my tummy hurts", (2, 2, 2), None),
])
def test_retention(triager, text: str, expected: tuple[int, ...], flag: str | None) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    if flag is None:
        assert RET not in flags and RET_UTI not in flags
    else:
        assert flag in flags


# ---- B8 ----
@pytest.mark.parametrize("text,expected,flag", [
    ("my periods are 2 weeks late, I'm on the pill, took a test, negative, tummy pain", (4, 4, 3), None),
    ("my periods are 2 weeks late, negative pregnancy test, tummy pain", (4, 4, 3), None),
    ("I'm 34 weeks pregnant, BP 145/92 and +2 protein, feel fine", (3, 3, 3), PE),
    ("I'm 34 weeks pregnant, BP 145/92 and protein +2, feel fine", (3, 3, 3), PE),
    ("pregnant, blood sugar 26+3 hmm headache", (4, 4, 2), None),
    # near misses
    ("my periods are 2 weeks late, I'm on the pill, lower tummy pain on one side", (2, 2, 2),
     "pregnancy with bleeding or pain"),
    ("my periods are 2 weeks late, the test was not negative, tummy pain", (2, 2, 2),
     "pregnancy with bleeding or pain"),
    ("I'm 34 weeks pregnant, BP 120/80 and +2 protein, feel fine", (4, 4, 3), None),
    ("I'm 26+3, midwife says BP high, headache", (3, 3, 3), PE),
])
def test_b8(triager, text: str, expected: tuple[int, ...], flag: str | None) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    if flag is not None:
        assert flag in flags
    else:
        assert PE not in flags and "pregnancy with bleeding or pain" not in flags
