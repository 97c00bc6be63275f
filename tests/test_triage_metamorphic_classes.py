"""Issue 21 (metamorphic test): the same presentation written another way keeps its level.

``eval/triage_metamorphic.py`` rewrote every dev case of the triage sets with meaning-preserving
transforms (no new labels: the original's own level is the reference) and found these classes
changing the level, each fixed in general form:

1. Apostrophes: a phone's curly one ("can\u2019t") or none ("cant", "didnt", "im") hid the lay
   respiratory-distress red flag and the reliever-failed asthma entry -> ``normalise``.
2. Number words before a unit ("a three-day-old boy", "a four-hour history") hid the unwell
   newborn entry, which reads "3-day-old" -> ``normalise``.
3. A lower-case temperature unit ("38.3c") was no temperature -> ``normalise``.
4. An all-capitals note lost a lab value (the lab grammar's "is" / "level" are lower case):
   "CALCIUM CONCENTRATION IS 15.1 MG/DL" set no critical-result floor -> ``normalise``
   lower-cases a shouted text's words.
5. (withdrawn) A missing full stop before a new sentence ("no one understands him Physical
   examination ...") let one sentence's "no" deny the next sentence's stroke sign; the stop
   that ``normalise`` restored before a capitalised opener split emergency phrases typed with
   a stray capital ("I cant wake Her up" 1 -> 4), so it was reverted (safety review) and its
   pins removed; the stray-capital emergencies are pinned below instead.
6. Knowledge-base findings spelled with "not" ("not oriented", "not urinated") missed the
   contraction ("isn't oriented", "hasn't urinated"): delirium and urinary retention lost
   their emergency -> ``knowledge._contracted_not``.
7. The limb-pain rule compared its own complaint "joint pain" case-sensitively, so "Joint
   pain ..." at a sentence start blocked self-care -> case-insensitive.
8. A transcript-split contraction with a curly apostrophe ("i ca n\u2019t catch my breath") was
   not rejoined -> ``parse.rejoin_contractions`` takes either apostrophe.
9. A message typed one sentence a line: ``knowledge.clause_past`` ended a clause only at "." or
   ";", so "Four months ago ..." on its own line made the hives of the line before past -> a
   line break (and "!" "?") ends the clause, as in the sentence and negation scopes.

Each expected level was pinned by hand; "old" is the level of the code before this change
(main 834210a, run on a scratch worktree).
"""

from __future__ import annotations

import pytest

from assistant.triage.knowledge import _contracted_not
from assistant.triage.normalise import normalise


def _acuity(triager, text: str, setting: str = "primary_care") -> int:
    return triager.triage({"id": "t", "text": text, "setting": setting}, narrative=False).acuity


def test_normalise_pinned() -> None:
    assert normalise("I cant breathe, im scared and ive been coughing") == (
        "I can't breathe, I'm scared and I've been coughing")
    assert normalise("it didn\u2019t help") == "it didn't help"
    assert normalise("5yo cough 38.3c and 101.5 f") == "5yo cough 38.3C and 101.5 F"
    assert normalise("A three-day-old boy with a four-hour history") == (
        "A 3-day-old boy with a 4-hour history")
    # no full stop is inserted before a capitalised word (safety review)
    assert normalise("no one understands him Physical examination shows weakness") == (
        "no one understands him Physical examination shows weakness")
    assert normalise("HIS SERUM CALCIUM IS 15.1 MG/DL, 45 M") == "his serum calcium is 15.1 mg/dl, 45 M"
    # the article "A" of a shouted text is lower-cased too: it is no restored sentence opener
    assert normalise("A MAN WITH A FEVER AND A RASH, 45 M") == "a man with a fever and a rash, 45 M"
    assert normalise("I cant wake Her up") == "I can't wake Her up"
    # the capital note items a case-sensitive pattern reads stay capitals in a shouted text
    assert normalise("PSYCHIATRY FOLLOW UP NOTE. MOOD LOW. SI: NO. HI: YES") == (
        "psychiatry follow up note. mood low. SI: no. HI: yes")


def test_normalise_near_misses() -> None:
    # an intramuscular route, a count that is no temperature, a mixed-case text, a name
    # mid-sentence, words that only look like a typed contraction, a number word before no unit
    for text in ("given ceftriaxone 1 g IM in clinic", "2 c of water", "BP 90/60 in A&E",
                 "back from a trip to Utah last week", "I want to pant", "one of them is sore",
                 "she is on Tylenol The pain is better"):
        assert normalise(text) == text or text.endswith("better")
    # a capital opener after a name: only the listed openers split
    assert normalise("she takes Tylenol daily") == "she takes Tylenol daily"
    for text in ("hepatitis A virus and vitamin A deficiency", "blood group A positive",
                 "type A dissection"):
        assert normalise(text) == text


def test_contracted_not_pinned() -> None:
    assert _contracted_not("not oriented") == r"(?:not|\w+n't) oriented"
    assert _contracted_not("knees do not (?:stay|meet)") == "knees (?:do not|don't) (?:stay|meet)"
    # a fixed-width lookbehind cannot take the alternative: kept as written
    lb = r"(?<!not been )pregnan\w*"
    assert _contracted_not(lb) == lb
    assert _contracted_not("nothing|cannot walk") == "nothing|cannot walk"


# emergencies (acuity 2) that a rewrite lost on the old code
EMERGENCY = [
    # old 3: curly apostrophe hid "can't catch my breath" (respiratory distress)
    ("self", "when i try to be active i feel like i can\u2019t catch my breath and i feel "
             "like i\u2019m wheezing"),
    # old 3: no apostrophe
    ("self", "when i try to be active i feel like i cant catch my breath and i feel like im "
             "wheezing"),
    # old 3: "didnt improve" (asthma, reliever failed)
    ("primary_care", "Severe wheeze. Salbutamol inhalation didnt improve the breathing in this "
                     "acute exacerbation of asthma."),
    # old 4: number words (unwell newborn)
    ("primary_care", "A three-day-old boy is brought in with somnolence and poor feeding."),
    # old 4: all capitals (calcium 15.1 mg/dL, a critical result)
    ("primary_care", "A 55-YEAR-OLD MAN WITH WEIGHT LOSS. HIS SERUM CALCIUM CONCENTRATION IS "
                     "15.1 MG/DL."),
    # old 4: "isn't oriented" (delirium)
    ("primary_care", "A 19-year-old man is brought in with unusual behavior that started 3 "
                     "hours ago. He isn't oriented to place or time."),
    # old 4: transcript-split contraction with a curly apostrophe (respiratory distress)
    ("self", "i ca n\u2019t catch my breath when i walk to the door"),
    # old 4: "hasn't urinated" (acute urinary retention)
    ("primary_care", "A 70-year-old man hasn't urinated since yesterday and has suprapubic "
                     "pain with a palpable bladder."),
]


@pytest.mark.parametrize(("setting", "text"), EMERGENCY)
def test_rewritten_emergency_stays_emergency(triager, setting: str, text: str) -> None:
    assert _acuity(triager, text, setting) <= 2


# self-care (acuity 5) lost under a rewrite on the old code
SELF_CARE = [
    # old 4: "38.3c" (NICE NG143 green child with a cough and a moderate temperature)
    ("self", "5yo cough 1wk 38.3c normal appetite normal activity"),
    # old 4: "Joint pain" at a sentence start blocked the limb-pain rule
    ("primary_care", "Joint pain in both knees for 4 days after stair workouts, no swelling, "
                     "walking normally. What can I take?"),
    # old 4: one sentence a line; "Four months ago" made the hives past
    ("primary_care", "A 52-year-old man has generalized pruritus and raised, erythematous "
                     "plaques on the skin over his hands, chest, and legs for 6 hours\nThe "
                     "symptoms began suddenly the previous night after he had dinner at a seafood "
                     "restaurant\nFour months ago, he had an episode of narrow-angle glaucoma\n"
                     "His vital signs are within normal limits"),
    ("self", "Itchy raised wheals on my arms and chest since last night after eating at a "
             "seafood restaurant\n2 years ago I had glaucoma\nNo lip or tongue swelling, "
             "breathing fine"),
]


@pytest.mark.parametrize(("setting", "text"), SELF_CARE)
def test_rewritten_self_care_stays_self_care(triager, setting: str, text: str) -> None:
    assert _acuity(triager, text, setting) == 5


# Safety: the normalisation makes a typed negation visible ("dont" -> "don't"); lay-worded
# emergencies typed without apostrophes or in capitals stay emergencies (levels pinned by hand,
# the same on the old code).
LAY_EMERGENCIES_TYPED = [
    ("self", "i cant breathe properly and my lips are going blue", 2),
    ("self", "he isnt breathing properly and his lips are blue", 1),
    ("self", "my son wont wake up and hes floppy", 1),
    ("self", "im having crushing chest pain going down my left arm and im sweaty", 2),
    ("self", "ive been vomiting blood since this morning", 2),
    ("self", "MY BABY IS 5 WEEKS OLD AND HAS A TEMPERATURE OF 38.5", 2),
    ("self", "my dad cant lift his left arm and his face has dropped on one side", 2),
]


@pytest.mark.parametrize(("setting", "text", "worst"), LAY_EMERGENCIES_TYPED)
def test_typed_lay_emergencies_stay(triager, setting: str, text: str, worst: int) -> None:
    assert _acuity(triager, text, setting) <= worst


# near misses: the rewrites do not raise a mild presentation
NEAR_MISS = [
    ("primary_care", "A three-year-old boy has had a runny nose for two days, eating and "
                     "playing normally.", 4),
    ("self", "I\u2019ve had a blocked nose and sneezing for 2 days, no fever, what can I take?", 5),
    ("self", "i dont have a fever and i can breathe fine, just a blocked nose for 2 days, "
             "what can i take", 5),
    ("primary_care", "A 70-year-old man hasn't had any trouble passing urine; he has had knee "
                     "pain since gardening 3 days ago.", 4),
]


@pytest.mark.parametrize(("setting", "text", "level"), NEAR_MISS)
def test_near_misses_keep_their_level(triager, setting: str, text: str, level: int) -> None:
    assert _acuity(triager, text, setting) == level
