"""Issue 21 (triage generalisation): meaning-preserving rewrites that moved a level, fixed as classes.

After the safety review, mechanisms 1 (line-list join) and 3 (burn simile) were TAKEN BACK:
both made real emergencies less urgent; their sections below pin the review's emergencies.

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


# ---- 1. a list typed one item a line: TAKEN BACK ----
# ``normalise._join_list_lines`` (rewrite such a run as its comma list) was taken back after
# the safety review: the first line's "no" then denied every later line ("no vomiting\ncrushing
# chest pain\nand sweating" 2 -> 4, "no rash\nthroat closing\nand lips swelling" 1 -> 4). A line
# typed on its own keeps its own negation again; the review's emergencies are pinned here.

@pytest.mark.parametrize("text, level", [
    ("no vomiting\ncrushing chest pain\nand sweating", 2),
    ("no fever or cough\nchest pain\nand sweating", 2),
    ("no fever\nno cough\nand crushing chest pain", 2),
    ("no rash\nthroat closing\nand lips swelling", 1),
    ("no pain\nsudden weakness in left arm\nand slurred speech", 2),
    ("denies headache\nslurred speech\nand face drooping on one side", 2),
    ("no warning\nsudden severe headache\nand neck stiffness", 2),
    ("no diarrhoea\nvomiting blood\nand black stools", 2),
    ("no cough\nvery breathless\nand lips blue", 2),
    ("no vomiting\nvery drowsy\nand hard to wake", 2),
    ("no fever\nand vomiting blood", 2),
    ("no headache\nand slurred speech", 2),
    ("no pain\nand face drooping", 2),
    # unchanged by the take-back
    ("no fever\nstiff neck\nand a rash that doesn't fade", 2),
    ("not eating\ndrowsy\nand floppy", 2),
])
def test_line_list_emergencies_keep_their_level(triager, text: str, level: int) -> None:
    assert normalise(text) == text  # no join
    assert _acuity(triager, text) == level
    assert _acuity(triager, text, "self") == level


# The self-care answers the join had restored stay lost (metamorphic commas_to_lines): a denied
# item on its own line is read as affirmed, the less harmful direction. Strict xfail: if a later
# reader restores them without the emergencies above, this flags it.
# (meta12) Restored by ``normalise.rejoin_wrapped_lists`` with the red flags, floors and urgent
# knowledge-base entries of the text as written kept (``triager._with_written_floors``): the
# emergencies above keep their level; the strict xfail is lifted as this note asked.
def test_line_list_denial_self_care_not_restored(triager) -> None:
    text = ("My 7-year-old son wets the bed most nights but is dry during the day. He has no pain "
            "when he pees\nurgency\nfrequency\nor daytime accidents. What can we do?")
    assert _acuity(triager, text) == 5


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


# ---- 3. a pain like a burn: TAKEN BACK ----
# The serious-burn entry's "feels / it's like a burn" look-behinds were taken back after the
# safety review: they removed the only burn word of real burns whose cause the entry does not
# list ("feels like a burn, the skin is blistered and peeling off a large area" 2 -> 4, "my
# toddler pulled the kettle over, his chest feels like a burn"). A month of burning chest pain
# typed "it's like a burn" is over-triaged to 2 again (the less harmful direction).

@pytest.mark.parametrize("text, level", [
    ("feels like a burn, the skin is blistered and peeling off a large area", 2),
    ("my toddler pulled the kettle over, his chest feels like a burn", 2),
    ("it's like a burn, a large area on my leg from hot oil", 2),
    ("it was like a burn all over his face from the fire", 2),
    ("over the last month i've been having a bit of chest pain, it's like a burn", 2),
    ("my baby has a red mark on his chest that looks like a burn", 2),
    ("I spilled boiling water on my chest, it feels like a burn and there are big blisters", 2),
])
def test_burn_simile_taken_back(triager, text: str, level: int) -> None:
    assert _acuity(triager, text) == level
    assert _acuity(triager, text, "self") == level


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
