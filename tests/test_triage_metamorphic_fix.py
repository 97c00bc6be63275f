"""Issue 21 (triage generalisation): meaning-preserving rewrites that moved a level, fixed as classes.

``eval/triage_metamorphic.py`` (1,308 dev cases x 17 rewrites) found 50 level changes, 4 of
them emergencies lost and 11 self-care answers lost. Three mechanisms are fixed here:

1. A list typed one item a line (``commas_to_lines``: "She denies any fever\\nsick contacts\\n
   cough\\nor diarrhea"): each line after the first was read as a statement of its own, so a
   denied item was affirmed (a denied "hematochezia" fired the GI-bleed entry of a thriving
   baby, a denied "urgency" vetoed the bedwetting entry, a denied "chest pain" fired its red
   flag, "torso\\nback\\nand buttocks" missed the acne entry's exclusion).
   ``normalise._join_list_lines`` writes the run back as its comma list when (and only when)
   its last line opens with "or" / "nor" / "and" and the middle lines are short items; the
   comma list is then read by the usual negation scope (``negation.scope_view``).
2. A missing full stop before a capitalised subject stated as normal ("... only at night
   Growth and development of the child were normal"): the "X and Y were normal" reading
   required a clause head (punctuation) before X, so the faltering-growth entry fired over a
   bedwetting case -> ``knowledge._unstopped_head``.
3. A pain described as like a burn ("it's like a burn", "it feels like a burn") fired the
   serious-burn entry, an emergency that a missing full stop then lost (lay3: a month of burning
   chest pain, labelled routine; NHS Chest pain: "a burning pain"; NHS Burns and scalds is about
   a burn injury). The pain still meets the chest-pain red flag (3).
4. A reply "No" whose comma was not typed ("sinus infection\nNo looking for the right
   antibiotics"): the "No" denied the request, so the named-sinusitis entry found no question
   (``clause_negated`` already reads "No, looking for ..." as an answer). An answer "No" at a
   line or sentence start (or capitalised after a lower-case word) before a verb of asking
   ends its negation (``knowledge._ANSWER_NO_REQUEST``), and a named entry reads its question
   on the matcher's negation view like its findings.

"old" is the level on main 6d9c5cf (run there before this change); every expected level was
worked out by hand from the rules named and then checked.
"""

from __future__ import annotations

import pytest

from assistant.triage.normalise import normalise


def _acuity(triager, text: str, setting: str = "primary_care") -> int:
    return triager.triage({"id": "t", "text": text, "setting": setting}, narrative=False).acuity


# ---- 1. a list typed one item a line ----

def test_list_lines_joined_only_when_a_coordinator_closes_them() -> None:
    assert normalise("She denies any fever\nsick contacts\ncough\nor diarrhea. She is well") == (
        "She denies any fever, sick contacts, cough, or diarrhea. She is well")
    assert normalise("cover her torso\nback\nand buttocks. The rash") == (
        "cover her torso, back, and buttocks. The rash")
    assert normalise("He denies numbness in his legs\nand any problems with his bladder or bowels.") == (
        "He denies numbness in his legs, and any problems with his bladder or bowels.")
    # near misses: no coordinator line, or the run broken by a capitalised line, a bullet or a
    # long middle line: the first line's denial does not reach the lines after it
    for text in ("no fever\nstiff neck\nhigh temperature",
                 "no fever.\nand a cough",
                 "no fever\nand then this morning he started being sick again and again and "
                 "again."):
        assert normalise(text) == text, text
    for text, want in (("no fever\nChest pain\nor cough", "no fever\nChest pain, or cough"),
                       ("no fever\n- chest pain\nor cough", "no fever\n- chest pain, or cough"),
                       ("no fever\nchest pain that started this morning at work\nor cough",
                        "no fever\nchest pain that started this morning at work, or cough")):
        assert normalise(text) == want, text


@pytest.mark.parametrize("text, old, new", [
    # a denied list on lines, closed by "or": bedwetting stays self-care (NHS Bedwetting)
    ("My 7-year-old son wets the bed most nights but is dry during the day. He has no pain when "
     "he pees\nurgency\nfrequency\nor daytime accidents. What can we do?", 4, 5),
    # ... the same list typed with commas (the reference: unchanged)
    ("My 7-year-old son wets the bed most nights but is dry during the day. He has no pain when "
     "he pees, urgency, frequency, or daytime accidents. What can we do?", 5, 5),
    # a denied chest pain in a line list closed by "or": the hay fever answer stands
    ("I have hay fever, sneezing and itchy eyes. No fever\ncough\nchest pain\nor wheeze. What "
     "can I take?", 3, 5),
    # a denied "blood in the stool" of a thriving refluxing baby, as its comma list (NHS Reflux
    # in babies)
    ("A 2-month-old boy brings up milk after feeds and is thriving. He feeds well. There is no "
     "diarrhoea\nblood in the stool\nor vomiting of blood.", 2, 5),
])
def test_list_lines_read_as_their_comma_list(triager, text: str, old: int, new: int) -> None:
    assert _acuity(triager, text) == new
    assert _acuity(triager, text, "self") == new


@pytest.mark.parametrize("text, level", [
    # near misses: the same layout must not become self-care or less urgent
    # (no coordinator line: each line is read on its own; the chest-pain red flag stands)
    ("I have hay fever, sneezing and itchy eyes. No fever\ncough\nchest pain\nwheeze. What can I "
     "take?", 3),
    # a statement after the break is no list item: chest pain "since this morning" and short of
    # breath stay affirmed (red flags: cardiac features, breathlessness)
    ("I have hay fever, sneezing and itchy eyes. No fever\nchest pain since this morning\nand short "
     "of breath. What can I take?", 2),
    # a state word after the "and" line starts a new statement: floppy child (NHS 999)
    ("my baby has no fever\nand she is floppy and not feeding", 2),
    # an infant with a fever, its cold listed on lines: fever under 3 months (NICE NG143)
    ("my 2 month old has a runny nose\nsneezing\nand a temperature of 38.5. what can I give her?", 2),
    # the items affirmed: the bleeding baby stays an emergency
    ("A 2-month-old boy brings up milk after feeds and is thriving. He feeds well. There is "
     "diarrhoea\nblood in the stool\nand vomiting of blood.", 2),
    # a denied list before the emergency: the heart attack stays one
    ("Denies fever\nchills\nor cough. Crushing chest pain spreading to the left arm and sweating "
     "for 30 minutes.", 2),
    # positive items on lines: pain on peeing keeps the bedwetting case at routine
    ("My 7-year-old son wets the bed most nights but is dry during the day. He has pain when he "
     "pees\nurgency\nand frequency. What can we do?", 4),
])
def test_list_lines_near_misses(triager, text: str, level: int) -> None:
    assert _acuity(triager, text) == level
    assert _acuity(triager, text, "self") == level


# ---- 2. a subject stated normal after a missing full stop ----

_BED = ("A 6 years male child comes with complaints of bedwetting The child is continent during "
        "the day and problem is only at night ")


@pytest.mark.parametrize("tail, old, new", [
    ("Growth and development of the child were normal", 4, 5),
    ("The growth and development of the child were normal", 4, 5),
    # near misses: not normal, or the lower-case "and growth ..." that may be a second
    # statement (review 4): the faltering-growth entry stays (routine)
    ("Growth and development of the child were poor", 4, 4),
    ("and growth and development of the child were normal", 4, 4),
    ("Growth and development were not normal", 4, 4),
])
def test_unstopped_normal_subject(triager, tail: str, old: int, new: int) -> None:
    assert _acuity(triager, _BED + tail) == new


# ---- 3. a pain like a burn is no burn injury ----

@pytest.mark.parametrize("text, old, new", [
    ("over the last month i've been having a bit of chest pain. it feels like a burn.", 2, 3),
    ("over the last month i've been having a bit of chest pain, it's like a burn", 2, 3),
    ("over the last month ive been having a bit of chest pain, its like a burn", 2, 3),
    # near misses: a mark that looks like a burn, a scald that also feels like one
    ("my baby has a red mark on his chest that looks like a burn", 2, 2),
    ("I spilled boiling water on my chest, it feels like a burn and there are big blisters", 2, 2),
    ("my toddler pulled the kettle over and has a burn on his chest", 2, 2),
])
def test_burn_simile(triager, text: str, old: int, new: int) -> None:
    assert _acuity(triager, text) == new
    assert _acuity(triager, text, "self") == new


# ---- 4. a reply "No" without its comma ----

@pytest.mark.parametrize("text, old, new", [
    ("I was diagnosed with a sinus infection\nNo looking for the right antibiotics I'm allergic "
     "to penicillin", 4, 5),
    ("I was diagnosed with a sinus infection No looking for the right antibiotics", 4, 5),
    # the reference with its comma (unchanged)
    ("I was diagnosed with a sinus infection.\nNo, looking for the right antibiotics.", 5, 5),
    # the reply's "No" no longer denies a danger after it either: the floppy baby is an
    # emergency (NHS: a floppy child, call 999); it was routine
    ("my baby has a cold. No looking for advice she is floppy and not feeding", 4, 2),
    # near misses: a "no" inside a sentence is a denial; a danger stays
    ("i was diagnosed with a sinus infection no looking for the right antibiotics", 4, 4),
    ("I was diagnosed with a sinus infection. No looking for the right antibiotics. My face is "
     "swollen around the eye and I have double vision", 2, 2),
])
def test_answer_no_without_comma(triager, text: str, old: int, new: int) -> None:
    assert _acuity(triager, text) == new
    assert _acuity(triager, text, "self") == new
