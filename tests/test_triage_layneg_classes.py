"""Lay-worded emergencies that main triaged routine (acuity 4; checked before the change).

Three classes, each from a published "call 999 / go to A&E" list:

1. dehydration with no urine and fluids not kept down, worded as negative findings ("hasn't had
   a wet nappy", "hasn't been able to keep any fluids down", "has not had a wee all day"):
   NHS Dehydration (no wee or wet nappy for 12 hours: 999 / A&E); NICE CG84 red flags;
2. a floppy and drowsy person with no stated age, or an adult: NHS "Is your baby or toddler
   seriously ill?" and When to call 999 (floppy, drowsy, hard to wake);
3. acute urinary retention in lay words ("I can't wee", "haven't been able to pass urine"):
   NHS Urinary retention (A&E).

Part of the dehydration class was the negation, not a missing pattern: the cue of a negative
finding ("has not had a wee") reached the findings after it ("and is very sleepy").
``knowledge.negation_view`` now ends a negative finding's cue with the finding. Each positive
below got acuity 4 on main; each near miss stays where it was.
"""

from __future__ import annotations

import pytest
from kb_entry import entry_fires as _entry_fires  # same folder
from test_triage_selfcare_classes import _acuity as _rec  # noqa: E402

from assistant.triage import Triager
from assistant.triage.knowledge import negation_view

# (entry, exam-worded positive, lay-worded positive)
POSITIVES = [
    ("dehydration_no_urine_lay",
     "A 2-year-old has been unable to keep fluids down for 24 hours and has had no wet nappies.",
     "My 2 year old hasn't been able to keep any fluids down since yesterday and hasn't had a "
     "wet nappy."),
    ("dehydration_signs",
     "A 3-year-old has not passed urine all day and is lethargic with cold hands.",
     "My son has not had a wee all day and is very sleepy."),
    ("floppy_child_lay",
     "The child is drowsy and floppy according to his mother.",
     "He hasn't been himself, he's been really drowsy and floppy."),
    ("floppy_drowsy_lay",
     "An 80-year-old man has become floppy and drowsy over the morning.",
     "My 80 year old dad is really drowsy and floppy."),
    ("urinary_retention_lay",
     "A 70-year-old man has not been able to pass urine since last night and his lower abdomen "
     "is distended.",
     "I haven't been able to pass urine for 12 hours and my belly is swollen."),
]


@pytest.mark.parametrize(("entry", "exam", "lay"), POSITIVES, ids=[c[0] for c in POSITIVES])
def test_lay_negative_finding_emergency(triager: Triager, entry: str, exam: str,
                                        lay: str) -> None:
    for text in (exam, lay):
        assert _entry_fires(entry, text), f"{entry} should fire on {text!r}"
        assert _rec(triager, text)[0] <= 2, text


@pytest.mark.parametrize("text", [
    "I can't wee and my tummy really hurts.",
    "I haven't had a wee since this morning and it's really painful.",
    "I can't wee at all since last night.",
    "My baby is floppy and not himself.",
    "My 2 year old hasn't been able to keep anything down since last night and hasn't had a wet "
    "nappy since.",
])
def test_lay_variants_are_emergencies(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 2, text


# Near misses: none of these moves (acuity 4 on main and after; an emergency entry never fires).
@pytest.mark.parametrize("text", [
    # NHS Dehydration: no wee for 12 hours; "yet this morning" and "drinking well" is neither
    "My 2 year old hasn't had a wee yet this morning, he's fine and drinking well.",
    "My rabbit has floppy ears and is drowsy.",
    "I'm drowsy after taking my antihistamine.",
    "He hasn't been himself.",
    "I can pass urine fine and my belly is a bit bloated.",
    "I haven't had a wee for 3 hours and my tummy hurts a bit.",
    "It stings when I wee and my tummy hurts.",
    "I can't wee properly and my tummy aches.",
])
def test_lay_near_misses_do_not_become_emergencies(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] >= 3, text
    for entry in ("dehydration_no_urine_lay", "dehydration_signs", "floppy_child_lay",
                  "floppy_drowsy_lay", "urinary_retention_lay", "urinary_retention"):
        assert not _entry_fires(entry, text), f"{entry} fired on {text!r}"


# The negative finding ends its own cue; a plain denial still negates its list.
@pytest.mark.parametrize(("text", "phrase", "negated"), [
    ("My son has not had a wee all day and is very sleepy.", "very sleepy", False),
    ("I can't wee and my tummy really hurts.", "tummy really hurts", False),
    ("No fever, vomiting or diarrhoea.", "diarrhoea", True),
])
def test_negative_finding_ends_its_cue(text: str, phrase: str, negated: bool) -> None:
    from assistant.triage.knowledge import danger_negated

    start = text.index(phrase)
    assert danger_negated(text, start, start + len(phrase)) is negated
    assert len(negation_view(text)) == len(text)
