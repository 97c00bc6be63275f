"""Contracted negative auxiliaries in triage's clause NegEx (issue 21, lay free text).

``clause_negated`` read "does not have chest pain" but not "doesn't have chest pain", so a red
flag the writer denied in everyday words stayed affirmed ("He doesn't have chest pain, just a
cough for 3 days" was (3, 3, 2) with a chest-pain flag; "She isn't having any suicidal
ideation, just feels low" was (2, 2, 2) with suicidality). NegEx (Chapman et al. 2001) lists
"not"; the contraction is its written form. Reading it lowers levels, so it is read narrowly
(``context.contraction_negated``): a do/have/be auxiliary + n't before a verb of having,
experiencing or noticing, or a copula right before the finding; never can't / won't, never a
hedge ("don't think", "doesn't know why"), never past a new subject, verb or conjunction, never
a negative finding whose absence is the danger (no wee, no period, no feeling in an arm, no
pulse, not feeling the baby move), and never a denial the sentence limits (a first episode, "at
the moment", "anymore", "until today", "only when", "for long").

Expected values are hand-computed: a denied finding reads as if it were not written (the level
equals the text without the denied clause), a near miss keeps its finding affirmed (its level
equals the affirmed wording's, and the flag still fires).
"""

from __future__ import annotations

import pytest

from assistant.clinical.context import clause_negated
from assistant.config import load_settings
from assistant.runtime import Runtime
from assistant.triage.knowledge import danger_negated
from assistant.triage.negation import aux_negated

SETTINGS = ("primary_care", "self", "ed")


@pytest.fixture(scope="module")
def triager():
    return Runtime(load_settings(None, {"use_llm": False}, environ={})).triager


def _levels(triager, text: str) -> tuple[int, ...]:
    return tuple(triager.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in SETTINGS)


def _flags(triager, text: str) -> list[str]:
    return list(triager.triage({"id": "x", "text": text, "setting": "self"},
                               narrative=False).red_flags)


def _neg(text: str, phrase: str) -> tuple[bool, bool]:
    """(clause NegEx on the raw text, the knowledge base's danger reading) for ``phrase``."""
    start = text.index(phrase)
    end = start + len(phrase)
    return clause_negated(text, start, end), danger_negated(text, start, end)


# ---- the contraction denies the finding (both readers) ----
DENIED = [
    ("He doesn't have chest pain, just a cough for 3 days.", "chest pain"),
    ("She isn't having any suicidal ideation, just feels low.", "suicidal ideation"),
    ("I don't have a fever, just a sore throat for 2 days.", "fever"),
    ("I haven't got a temperature, just a blocked nose.", "temperature"),
    ("She hasn't had any vomiting since yesterday.", "vomiting"),
    ("My son hasn't had any diarrhoea.", "diarrhoea"),
    ("I don't have any shortness of breath.", "shortness of breath"),
    ("He hasn't got a rash.", "rash"),
    ("She doesn't get headaches.", "headaches"),
    ("He isn't short of breath, just a runny nose.", "short of breath"),
    ("She wasn't unconscious, she got straight back up.", "unconscious"),
    ("He hasn't been confused at all.", "confused"),
    ("I haven't noticed any blood in my stool.", "blood"),
    ("I didn't notice any swelling after the fall.", "swelling"),
    ("She doesn't complain of chest pain.", "chest pain"),
    ("He isn't showing any signs of dehydration.", "dehydration"),
    ("I don\u2019t have chest pain, just a sore arm.", "chest pain"),  # curly apostrophe
    ("I dont have chest pain, just a sore arm.", "chest pain"),  # no apostrophe
    ("They aren't having any trouble breathing.", "trouble breathing"),
    ("I haven't been having headaches.", "headaches"),
    ("He doesn't even have a cough.", "cough"),
    ("I wasn't feeling dizzy.", "dizzy"),
    ("She isn't feeling sick.", "sick"),
    ("He hasn't had a fit.", "fit"),
    ("I haven't been sick.", "sick"),
    ("I don't have chest pain or shortness of breath.", "shortness of breath"),
    ("No, I don't have chest pain.", "chest pain"),
    ("He doesn't have a fever, a rash or a stiff neck.", "stiff neck"),
    ("My daughter didn't have a seizure, she was just shivering.", "seizure"),
    ("I hadn't had any bleeding.", "bleeding"),
    ("There isn't any blood in his vomit.", "blood"),
    ("There hasn't been any bleeding since the fall.", "bleeding"),
    # the nearest cue counts: a stopped earlier cue does not hide a later denial
    ("I don't have my inhaler with me but I don't have any wheeze.", "wheeze"),
    ("I don't have a fever and he isn't confused.", "confused"),
]


@pytest.mark.parametrize(("text", "phrase"), DENIED)
def test_contraction_denies(text: str, phrase: str) -> None:
    assert _neg(text, phrase) == (True, True), text


# ---- near misses: the finding stays affirmed (both readers) ----
AFFIRMED = [
    # no auxiliary of having / being: a modal or another verb
    ("I can't breathe", "breathe"),
    ("I can\u2019t breathe", "breathe"),
    ("it won't stop bleeding", "bleeding"),
    ("I can't stop vomiting and I have chest pain", "chest pain"),
    ("He couldn't breathe properly.", "breathe"),
    ("She won't wake up.", "wake up"),
    ("I can't feel my legs.", "legs"),
    ("he doesn't wake up", "wake up"),
    ("the pain doesn't go away", "go away"),
    ("It hasn't stopped bleeding.", "bleeding"),
    # a hedge or a verb of knowing / thinking: scope past a finite verb
    ("he doesn't know why he has chest pain", "chest pain"),
    ("he doesn't know why he gets chest pain", "chest pain"),
    ("I don't think it's a heart attack but the pain goes to my jaw", "heart attack"),
    ("it doesn't feel like normal indigestion, it's crushing", "indigestion"),
    ("I don't really have pain, it's more of a pressure in my chest", "pain"),
    ("She doesn't seem to be breathing properly.", "breathing"),
    # a new subject, verb, possessive or conjunction ends the reach
    ("I don't have my inhaler and I can't breathe", "breathe"),
    ("she doesn't have a history of heart problems but has crushing chest pain", "chest pain"),
    ("I don't have time to see a GP, I have chest pain", "chest pain"),
    ("I don't have a fever and I'm vomiting blood", "vomiting blood"),
    ("I don't have a fever and vomiting blood", "vomiting blood"),
    ("She doesn't have chest pain, she has pain in her jaw", "pain in her jaw"),
    ("He doesn't have a fever but he is very drowsy", "drowsy"),
    ("She doesn't have her EpiPen and her lips are swelling", "lips are swelling"),
    ("He hasn't got better and now has a stiff neck", "stiff neck"),
    ("He hasn't had a poo for a week and is vomiting", "vomiting"),
    ("I didn't have any symptoms before collapsing", "collapsing"),
    ("There isn't any warning before she collapses", "collapses"),
    ("There wasn't a pulse", "pulse"),
    # a copula before an -ing form or a normal state: the denial is the danger
    ("he isn't responding", "responding"),
    ("he isn't breathing", "breathing"),
    ("she isn't making sense", "making sense"),
    ("She isn't conscious.", "conscious"),
    ("He isn't himself.", "himself"),
    ("She isn't able to stand.", "able to stand"),
    ("He hasn't been eating or drinking.", "eating"),
    ("My baby isn't feeding.", "feeding"),
    # a negative finding whose absence is the danger
    ("He doesn't have any feeling in his left arm.", "feeling in his left arm"),
    ("She doesn't have any strength in her arm.", "strength in her arm"),
    ("I don't feel the baby moving.", "baby moving"),
    ("My 2 year old hasn't had a wet nappy since yesterday.", "wet nappy"),
    ("I haven't had a period for 8 weeks.", "period"),
    ("He doesn't have a pulse.", "pulse"),
    ("He hasn't been able to keep fluids down.", "keep fluids down"),
    # a denial the sentence limits: a first episode, a moment, a circumstance, a duration
    ("I haven't had a headache like this before, it's the worst ever.", "headache"),
    ("I didn't have chest pain until this morning.", "chest pain"),
    ("I didn't have chest pain before today.", "chest pain"),
    ("I don't get chest pain at rest, only when I walk up hills.", "chest pain"),
    ("I don't have chest pain at the moment but had it this morning.", "chest pain"),
    ("I don't have chest pain anymore.", "chest pain"),
    ("He wasn't unconscious for long.", "unconscious"),
    ("I haven't had chest pain for 2 weeks.", "chest pain"),
    ("I don't usually get headaches like this.", "headaches"),
    ("I don't currently have chest pain.", "chest pain"),
    ("I don't get breathless unless I climb stairs.", "breathless"),
    ("I don't have a headache normally but this one came on suddenly and is the worst ever.",
     "headache"),
]


@pytest.mark.parametrize(("text", "phrase"), AFFIRMED)
def test_near_miss_stays_affirmed(text: str, phrase: str) -> None:
    assert _neg(text, phrase) == (False, False), text


# "does not" and "doesn't" read alike where the contraction applies (same finding, same cue).
@pytest.mark.parametrize(("contracted", "spelt", "phrase"), [
    ("He doesn't have chest pain.", "He does not have chest pain.", "chest pain"),
    ("She isn't having suicidal thoughts.", "She is not having suicidal thoughts.",
     "suicidal thoughts"),
    ("I haven't got a fever.", "I have not got a fever.", "fever"),
    ("He isn't short of breath.", "He is not short of breath.", "short of breath"),
])
def test_contraction_reads_as_not(contracted: str, spelt: str, phrase: str) -> None:
    for text in (contracted, spelt):
        assert _neg(text, phrase) == (True, True), text


def test_aux_negated_shares_the_contraction_list() -> None:
    """``negation.aux_negated`` reads the same contracted auxiliaries (one source of truth):
    curly, straight and typed without the apostrophe; never "can't"."""
    for text in ("He doesn't have a temperature.", "He doesn\u2019t have a temperature.",
                 "He doesnt have a temperature."):
        start = text.index("have a temperature")
        assert aux_negated(text, start, start + len("have a temperature")), text
    text = "He can't have a temperature check."
    start = text.index("have a temperature")
    assert not aux_negated(text, start, start + len("have a temperature"))


# ---- end to end: levels (primary_care, self, ed) ----
# The two cases of the issue, hand-computed: the denied flag is gone and the level is that of
# the text without the denied clause ("Just a cough for 3 days." (5, 5, 3), acute bronchitis
# self-care, NHS Cough; "She just feels low." (4, 4, 3), routine).
@pytest.mark.parametrize(("text", "expected", "gone"), [
    ("He doesn't have chest pain, just a cough for 3 days.", (5, 5, 3), "chest pain"),
    ("She isn't having any suicidal ideation, just feels low.", (4, 4, 3),
     "suicidality or self-harm"),
])
def test_issue_cases(triager, text: str, expected: tuple[int, ...], gone: str) -> None:
    assert _levels(triager, text) == expected
    assert gone not in _flags(triager, text)


# A denied finding reads as if it were not written: the level equals the rest of the text's.
@pytest.mark.parametrize(("text", "rest"), [
    ("He doesn't have chest pain, just a cough for 3 days.", "Just a cough for 3 days."),
    ("I don't have a fever, just a sore throat for 2 days.", "I've had a sore throat for 2 days."),
    ("I haven't got a temperature, just a blocked nose and sneezing for 2 days.",
     "A blocked nose and sneezing for 2 days."),
    ("I haven't noticed any blood, just loose stools since yesterday.",
     "Loose stools since yesterday."),
    ("She doesn't have a rash or a stiff neck, just a runny nose and a mild temperature.",
     "A runny nose and a mild temperature."),
    ("I've got a headache behind my eyes, I don't have a stiff neck or a rash.",
     "I've got a headache behind my eyes."),
    ("I have back pain after lifting, I haven't got any numbness in my legs and I can wee "
     "normally.", "I have back pain after lifting and I can wee normally."),
    ("I feel really low lately, I'm not sleeping well, I don't have any thoughts of harming "
     "myself.", "I feel really low lately, I'm not sleeping well."),
    ("I twisted my ankle playing football, it's swollen but I haven't got any numbness.",
     "I twisted my ankle playing football, it's swollen."),
    # (NHS Heart attack: breathlessness and sweating without chest pain are read on their own;
    # the denied chest pain adds nothing)
    ("My husband doesn't have chest pain, he just feels breathless and sweaty.",
     "My husband, he just feels breathless and sweaty."),
])
def test_denied_reads_as_unwritten(triager, text: str, rest: str) -> None:
    assert _levels(triager, text) == _levels(triager, rest)


# Near misses end to end: the emergency stays (hand-checked: each is level 2 or 1 with its flag).
@pytest.mark.parametrize(("text", "expected", "flag"), [
    ("I can't breathe", (2, 2, 2), "respiratory distress"),
    ("it won't stop bleeding", (2, 2, 2), "severe bleeding"),
    ("I can't stop vomiting and I have chest pain", (2, 2, 2), "chest pain with cardiac features"),
    ("I don't have my inhaler and I can't breathe", (2, 2, 2), "respiratory distress"),
    ("she doesn't have a history of heart problems but has crushing chest pain", (2, 2, 2),
     "chest pain with cardiac features"),
    ("he isn't responding", (1, 1, 1), "unresponsive"),
    ("he isn't breathing", (1, 1, 1), "cardiac or respiratory arrest"),
    ("she isn't making sense", (2, 2, 2), "altered mental status"),
    ("he doesn't know why he has chest pain", (3, 3, 2), "chest pain"),
    ("I don't have time to see a GP, I have chest pain", (3, 3, 2), "chest pain"),
    ("I don't have chest pain at the moment but had it this morning.", (3, 3, 2), "chest pain"),
    ("I don't have chest pain now but it was crushing an hour ago.", (2, 2, 2),
     "chest pain with cardiac features"),
    ("I haven't got my inhaler and I'm really wheezy and can't speak in full sentences.",
     (2, 2, 2), "respiratory distress"),
    ("She isn't breathing properly and her lips are going blue.", (1, 1, 1),
     "cardiac or respiratory arrest"),
    ("My daughter doesn't have any suicidal thoughts but she's self harming.", (2, 2, 2),
     "suicidality or self-harm"),
    ("She doesn't have a rash, just a high temperature and she's floppy.", (2, 2, 2),
     "floppy or limp"),
    ("My baby doesn't have a temperature but she's grunting and breathing fast.", (2, 2, 2),
     "grunting or fast breathing in a child"),
    ("I wasn't unconscious for long after hitting my head, maybe a minute.", (2, 2, 2),
     "altered mental status"),
])
def test_near_miss_levels(triager, text: str, expected: tuple[int, ...], flag: str) -> None:
    assert _levels(triager, text) == expected
    assert flag in _flags(triager, text)


# A sudden worst-ever headache after a habit's denial stays an emergency (NHS Subarachnoid
# haemorrhage: a sudden, very severe headache -> 999).
def test_habit_denial_keeps_the_thunderclap(triager) -> None:
    text = "I don't have a headache normally but this one came on suddenly and is the worst ever."
    assert _levels(triager, text) == (2, 2, 2)
