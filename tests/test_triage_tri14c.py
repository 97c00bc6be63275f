"""tri14c (issue 21): a contracted or lay denial negates its own closed direct object only.

``negation.lay_denied`` (read by ``red_flags._find_trigger`` and ``find_affirmed_danger``):
"never lost consciousness", "didn't black out", "wasn't unconscious", "haven't had chest pain",
"haven't been short of breath" no longer fire the red flag they name, when the red-flag phrase
comes right after the denial (an article, a possessive or "any" between; a verb of having,
feeling or being from the medspaCy ConText trigger "not" / "n't" + have / had / feel, and
"never had", extended with got / been / experienced / noticed), is closed (punctuation or the end
of the text right after it, or "and / or" + another denial or a short plain item), and nothing
voids it.

Levels are (primary_care, self, ed), hand-computed from the rules: with the denied flag gone
and no other flag, a lay complaint with no condition is routine (4) in primary care and self
care; a twisted ankle matches the limb sprain self-care rule (5, ED 4); in ED an
undifferentiated walk-in is 3 and a head or collapse mention keeps the ED reader's 2. Every
near miss keeps the level main gave (checked on main with /tmp/t8.py before the change): the
safety review's counterexamples of the broad reading (10ee8bb) first, then duration and
quantity qualifiers, comparatives, hedges and modals, questions, reversals, a finding handed to
another person, absence findings and a denial run on into a real red flag.
"""

from __future__ import annotations

import time

import pytest
from triage_readers import levels_and_flags

from assistant.triage.negation import lay_denied

_run = levels_and_flags
AMS = "altered mental status"
SOB = "shortness of breath"
CP = "chest pain"


# ---- the bounded denials (each was 2 or 3 on main) ----
@pytest.mark.parametrize("text,expected,flag", [
    ("twisted my ankle, never lost consciousness", (5, 5, 4), AMS),  # main (2, 2, 2)
    ("twisted my ankle, never passed out", (4, 4, 4), AMS),  # main (2, 2, 2)
    ("twisted my ankle, never blacked out", (4, 4, 4), AMS),  # main (2, 2, 2)
    ("twisted my ankle, didn't black out", (4, 4, 4), AMS),  # main (2, 2, 2)
    # (trifix14b: "banged my head, never lost consciousness" / "..., wasn't unconscious" were
    # pinned here at (4, 4, 3) / (4, 4, 2): the safety review found that lowering the fault (a
    # head injury voids the denial, NICE NG232); they are pinned at (2, 2, 2) in
    # test_triage_trifix14b.py)
    ("cough for a week, haven't been short of breath", (4, 4, 3), SOB),  # main (3, 3, 3)
    ("cough for a week, haven't been breathless", (4, 4, 3), SOB),  # main (3, 3, 3)
    ("headache, haven't had chest pain", (4, 4, 2), CP),  # main (3, 3, 2)
    ("headache, didn't have chest pain", (4, 4, 2), CP),  # main (3, 3, 2)
    # "or anything" is a plain item that closes the denial; "and" + another denial closes it
    ("he hasn't blacked out or anything", (4, 4, 2), AMS),  # main (2, 2, 2)
    ("never lost consciousness and no vomiting.", (4, 4, 3), AMS),  # main (2, 2, 2)
    ("never lost consciousness and hasn't vomited.", (4, 4, 3), AMS),  # main (2, 2, 2)
    ("never lost consciousness or vomited.", (4, 4, 3), AMS),  # main (2, 2, 2)
])
def test_bounded_denial(triager, text: str, expected: tuple[int, ...], flag: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == expected
    assert flag not in flags


# ---- near misses: each keeps main's level (and its flag where it has one) ----
@pytest.mark.parametrize("text,expected", [
    # the safety review's counterexamples of the broad reading (10ee8bb)
    ("didn't faint chest pain crushing", (2, 2, 2)),
    ("hasn't got a fever purple rash doesn't fade", (2, 2, 2)),
    ("haven't got a fever purple rash doesn't fade", (2, 2, 2)),
    ("hasn't got a fever, purple rash doesn't fade", (2, 2, 2)),
    ("he wasn't unconscious for more than a minute after the fall", (2, 2, 2)),
    ("wasn't unconscious for more than a minute", (2, 2, 2)),
    ("she wasn't unconscious for long, maybe 30 seconds", (2, 2, 2)),
    ("didn't black out for more than a few seconds after hitting my head", (2, 2, 2)),
    ("I've never felt this short of breath", (3, 3, 2)),
    ("I've never felt this breathless", (3, 3, 2)),
    ("never felt so short of breath can't finish a sentence", (2, 2, 2)),
    ("my foot doesn't respond to pain, diabetic", (2, 2, 2)),
    ("he doesn't respond to pain in his feet, neuropathy", (1, 1, 1)),
    ("hasn't had a fit like this it's lasted 10 minutes", (2, 2, 2)),
    ("I can't say I haven't had chest pain", (3, 3, 2)),
    ("I can't say I haven't had chest pain today", (3, 3, 2)),
    ("haven't a clue what happened passed out on the floor", (2, 2, 2)),
    ("never lost consciousness fully but was very drowsy and vomiting", (2, 2, 2)),
    ("never lost consciousness before today but collapsed this morning", (2, 2, 2)),
    ("he isn't confused arm weak and face drooping", (2, 2, 2)),
    ("he says he didn't black out but his wife says he was unconscious for a minute", (2, 2, 2)),
    ("wasn't he unconscious for a minute?", (2, 2, 2)),
    # a denial run on into a second symptom (no punctuation)
    ("didn't black out chest pain crushing", (2, 2, 2)),
    ("never blacked out crushing chest pain.", (2, 2, 2)),
    ("he didn't black out and he's fitting", (2, 2, 2)),
    ("he didn't black out and isn't breathing", (1, 1, 1)),
    ("he didn't black out and not breathing", (1, 1, 1)),
    ("didn't black out or stop breathing", (2, 2, 2)),
    ("he didn't black out or breathe", (2, 2, 2)),
    # reversals and current markers after the closing comma, anywhere in the sentence
    ("he didn't black out, but he was out for a minute", (2, 2, 2)),
    ("never lost consciousness, now I keep passing out", (2, 2, 2)),
    ("he never lost consciousness, then collapsed", (2, 2, 2)),
    ("haven't had chest pain, now it's crushing", (2, 2, 2)),
    ("haven't had chest pain, until today", (3, 3, 2)),
    ("haven't had chest pain, suddenly crushing", (2, 2, 2)),
    ("haven't had chest pain, crushing chest pain now", (2, 2, 2)),
    ("haven't had chest pain \u2013 it's crushing", (2, 2, 2)),
    ("haven't had chest pain - crushing", (2, 2, 2)),
    ("haven't had chest pain; crushing now", (2, 2, 2)),
    ("didn't black out, didn't vomit, now drowsy", (2, 2, 2)),
    ("haven't had chest pain and it's crushing", (2, 2, 2)),
    ("haven't had chest pain or sweating crushing", (2, 2, 2)),
    # duration / quantity qualifiers
    ("didn't black out, maybe 30 seconds", (2, 2, 2)),
    ("didn't black out, just for a few seconds", (2, 2, 2)),
    ("he wasn't unconscious long", (2, 2, 2)),
    ("he wasn't unconscious at first.", (2, 2, 2)),
    ("he hasn't been unconscious since", (2, 2, 2)),
    ("hasn't been breathless much", (3, 3, 2)),
    ("hasn't been breathless yet.", (3, 3, 2)),
    ("hasn't been breathless for long", (3, 3, 2)),
    ("I haven't been breathless until now", (3, 3, 2)),
    # comparatives and first episodes
    ("never blacked out before.", (2, 2, 2)),
    ("never blacked out before today", (2, 2, 2)),
    ("never blacked out like this", (2, 2, 2)),
    ("haven't been this short of breath", (3, 3, 2)),
    ("haven't been so breathless.", (3, 3, 2)),
    ("never been breathless like this.", (3, 3, 2)),
    ("I've never had chest pain this bad.", (3, 3, 3)),
    # another person has the finding
    ("I didn't black out, he did", (2, 2, 2)),
    ("I never lost consciousness, my son did", (2, 2, 2)),
    ("I didn't black out, my husband was", (2, 2, 2)),
    # hedges, modals, conditions and questions
    ("I'm not sure I didn't black out", (2, 2, 2)),
    ("don't think I didn't black out", (2, 2, 2)),
    ("I think he didn't black out", (2, 2, 2)),
    ("if he hasn't been short of breath", (3, 3, 2)),
    ("haven't had chest pain?", (3, 3, 2)),
    ("hasn't he lost consciousness?", (2, 2, 2)),
    # absence findings (the absence is the emergency)
    ("he isn't breathing.", (1, 1, 1)),
    ("she wasn't conscious.", (2, 2, 2)),
])
def test_near_miss_keeps_main_level(triager, text: str, expected: tuple[int, ...]) -> None:
    levels, _ = _run(triager, text)
    assert levels == expected


# ---- the reader itself, on spans (hand-placed) ----
def _span(text: str, phrase: str) -> tuple[int, int]:
    i = text.index(phrase)
    return i, i + len(phrase)


@pytest.mark.parametrize("text,phrase,denied", [
    ("twisted my ankle, never lost consciousness", "lost consciousness", True),
    ("never lost consciousness.", "lost consciousness", True),
    ("never lost consciousness at all.", "lost consciousness", True),
    ("I haven\u2019t had any chest pain, just a cough.", "chest pain", False),  # "just"
    ("I haven\u2019t had any chest pain, a cough for a week", "chest pain", True),
    ("havent had chest pain.", "chest pain", True),
    ("didn't faint chest pain crushing", "faint", False),
    ("he wasn't unconscious for more than a minute", "unconscious", False),
    ("never felt this short of breath", "short of breath", False),
    ("haven't had a severe chest pain.", "chest pain", False),  # an adjective between
    ("he isn't breathing.", "breathing", False),  # an absence finding
    ("she hasn't been conscious.", "conscious", False),
    ("my foot doesn't respond to pain, diabetic", "pain", False),
    ("he isn't confused.", "confused", True),
    ("he isn't confused but drowsy.", "confused", False),
    ("can't say I haven't had chest pain.", "chest pain", False),
    ("haven't had chest pain?", "chest pain", False),
    ("I didn't black out, he did.", "black out", False),
])
def test_lay_denied_spans(text: str, phrase: str, denied: bool) -> None:
    assert lay_denied(text, *_span(text, phrase)) is denied


def test_linear_on_a_long_unpunctuated_text() -> None:
    """The look-around is bounded: every span of a 20,000-character run of denials is read in
    a constant number of steps (the broad reading took 95 s on such text)."""
    unit = "never lost consciousness didn't black out haven't had chest pain "
    text = (unit * (20000 // len(unit) + 1))[:20000]
    t0 = time.perf_counter()
    pos = 0
    while True:
        i = text.find("chest pain", pos)
        if i < 0:
            break
        lay_denied(text, i, i + len("chest pain"))
        pos = i + 1
    assert time.perf_counter() - t0 < 2.0


# ---- the AVPU "C" word with a closed denial (branch h-tri14c-confusion only) ----
# ``parse`` read AVPU "C" (NEWS2 ACVPU: new confusion, floor 2) from "confused" whatever came
# before it. The bounded reading (``lay_denied(..., bare_not=True)``) leaves a closed, denied
# confusion unread; the safety review's pins (tests/test_triage_postneg_classes.py: "Not confused
# but drowsy", "He is not confused but very drowsy.", "He was not eating and is confused.",
# "She denies chest pain and is confused.", "No fever, confused since this morning.") and
# tri13d's affirmed confusions keep 2.
@pytest.mark.parametrize("text,expected", [
    ("he's not confused", (4, 4, 2)),  # main (2, 2, 2)
    ("he's not confused.", (4, 4, 2)),  # main (2, 2, 2)
    ("she isn't confused", (4, 4, 2)),  # main (2, 2, 2), AMS flag too
    ("headache, he wasn't confused", (4, 4, 2)),  # main (2, 2, 2)
    ("twisted my ankle, he's not confused", (5, 5, 4)),  # main (2, 2, 2)
    ("he's not confused at all.", (4, 4, 2)),  # main (2, 2, 2)
    ("he's not confused or drowsy.", (4, 4, 2)),  # main (2, 2, 2)
    ("Cough for 3 days. He is alert and not confused.", (5, 5, 3)),  # main (2, 2, 2)
])
def test_denied_confusion_is_no_avpu_c(triager, text: str, expected: tuple[int, ...]) -> None:
    levels, _ = _run(triager, text)
    assert levels == expected


@pytest.mark.parametrize("text,expected", [
    ("Not confused but drowsy", (2, 2, 2)),
    ("He is not confused but very drowsy.", (2, 2, 2)),
    ("He was not eating and is confused.", (2, 2, 2)),
    ("She denies chest pain and is confused.", (2, 2, 2)),
    ("he was not confused before, now very confused", (2, 2, 2)),
    ("he's not just confused, also drowsy", (2, 2, 2)),
    ("not only confused but drowsy", (2, 2, 2)),
    ("he's not confused but he is unresponsive", (1, 1, 1)),
    ("he isn't confused arm weak and face drooping", (2, 2, 2)),
    ("he's not confused, just sleepy", (2, 2, 2)),
    ("he's not confused, he's drowsy", (2, 2, 2)),
    ("he's not confused now", (2, 2, 2)),
    ("he's not confused?", (2, 2, 2)),
    ("isn't he confused?", (2, 2, 2)),
    ("she's not confused, she's disoriented", (2, 2, 2)),
    ("he's not confused, his wife is", (2, 2, 2)),
    ("I'm not sure he's not confused", (2, 2, 2)),
    ("he's not confused for long", (2, 2, 2)),
    ("he wasn't confused at first, now he is", (2, 2, 2)),
    ("he's not confused and drowsy", (2, 2, 2)),
    ("he is not confused anymore", (2, 2, 2)),
    ("never seen him so confused", (2, 2, 2)),
])
def test_confusion_near_miss_keeps_c(triager, text: str, expected: tuple[int, ...]) -> None:
    levels, _ = _run(triager, text)
    assert levels == expected
