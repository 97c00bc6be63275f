"""Lay 999 gaps and lay false raises, tenth lay round (issue 21, lay10).

Fixed as classes in red_flags.py (levels are (primary_care, self, ed), hand-checked against the
NHS pages named in red_flags.py; before the change the gap rows were (4, 4, 3) and the false
raises (2, 2, 2)):

- mottled skin on its own (NHS "Sepsis", adults and children, and NHS "When to call 999": blue,
  grey, pale or blotchy skin; mottled skin) is now a level-2 flag; the skin or the person must
  be the one mottled (not an X-ray, bone or tooth), not when cold or after a bath, not for
  years, not over;
- a birth happening now (NHS "Giving birth" / "Signs that labour has begun": call 999 if the
  baby is coming, the head can be seen or there is the urge to push) is now a level-2 flag; a
  head engaged or coming down before labour, a due date, a scan or a doll is not it;
- (taken back in l10fix, see tests/test_triage_lay10_review.py) the narrowing of "severe
  bleeding" for a cut finger, thumb or toe or a shaving nick: it let real emergencies fall to
  4/5 (a fingertip cut off, Eliquis / heparin, low platelets, a head wound with cold toes). "I cut
  my finger and it's bleeding a lot from the tip" is level 2 again (a false raise accepted).

Left at level 2 on purpose (the emergency reading is not clearly absent): a baby who "looks blue
in this photo" (the colour may be real; NHS: blue skin, lips or tongue -> 999) and "he jerks in
his sleep and won't respond when I say his name" (a fit in sleep is not ruled out).
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.runtime import Runtime

SETTINGS = ("primary_care", "self", "ed")
MOTTLED = "mottled skin (possible sepsis or shock)"
BIRTH = "birth imminent (baby coming now)"


@pytest.fixture(scope="module")
def triager():
    return Runtime(load_settings(None, {"use_llm": False}, environ={})).triager


def _levels(triager, text: str) -> tuple[int, ...]:
    return tuple(triager.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in SETTINGS)


def _flags(triager, text: str) -> list[str]:
    return list(triager.triage({"id": "x", "text": text, "setting": "self"}, narrative=False).red_flags)


@pytest.mark.parametrize(("text", "expected"), [
    # gaps: now level 2
    ("her skin is mottled", (2, 2, 2)),
    ("she looks mottled all over", (2, 2, 2)),
    ("my baby's legs have gone mottled and she won't feed", (2, 2, 2)),
    ("his skin looks mottled and he is floppy", (2, 2, 2)),
    ("my daughter has a fever and her skin is mottled", (2, 2, 2)),
    ("she's in labour and the baby's head is coming", (2, 2, 2)),
    ("my wife is in labour and I can see the baby's head", (2, 2, 2)),
    ("she is in labour and has the urge to push", (2, 2, 2)),
    ("my wife's waters broke and I can see the head", (2, 2, 2)),
    ("the baby's head is crowning", (2, 2, 2)),
    # near misses: the new rules must not fire
    ("her legs look mottled when she gets cold after her bath", (4, 4, 3)),
    ("my baby's skin goes mottled in the cold but it goes away when warm", (4, 4, 3)),
    ("the x-ray shows a mottled appearance of the bone", (4, 4, 3)),
    ("she has mottled teeth", (4, 4, 4)),
    ("she has mottled nails", (4, 4, 3)),
    ("he's got mottled legs and feels cold", (2, 2, 2)),
    ("her knees have gone mottled", (2, 2, 2)),
    ("her skin was mottled last week but she is fine now", (4, 4, 3)),
    ("there is no mottling of the skin", (4, 4, 3)),
    ("she's 38 weeks pregnant and the baby's head is engaged", (4, 4, 3)),
    ("my baby is coming in June", (4, 4, 3)),
    ("I can see the baby's head on the scan", (4, 4, 3)),
    ("the baby's head is coming down but she has no contractions yet", (4, 4, 3)),
    ("I'm having mild contractions every 20 minutes", (4, 4, 3)),
    ("the head is coming off my daughter's doll", (4, 4, 3)),
    # a clinician's delivery narrative (the birth already told), as MTSamples notes word it
    ("She pushed well and brought the head down crowning, at which time I arrived and the head "
     "delivered.", (4, 4, 3)),
    ("she pushed well and the head is crowning, the midwife is not here yet", (2, 2, 2)),
    ("the baby's head is crowning, we need help with the delivery", (2, 2, 2)),
    # the minor-cut narrowing is taken back (l10fix): "bleeding a lot" from a finger or toe is
    # the "severe bleeding" flag again, level 2
    ("I cut my finger and it's bleeding a lot from the tip", (2, 2, 2)),
    ("I cut my toe on a shell and it's bleeding a lot from the toe", (2, 2, 2)),
    # and an A&E sign keeps level 2
    ("my finger is bleeding and won't stop even with pressure for 10 minutes", (2, 2, 2)),
    ("I cut my finger and it's bleeding a lot from the tip and it won't stop", (2, 2, 2)),
    ("I cut my finger with a kitchen knife and it's bleeding a lot from the tip", (2, 2, 2)),
    ("I cut my finger and it's bleeding a lot from the tip, I'm on warfarin", (2, 2, 2)),
    ("I cut my finger and blood is spurting from the tip", (2, 2, 2)),
    ("I cut my finger and it's bleeding a lot from the tip and I can see the bone", (2, 2, 2)),
    ("I cut my finger and it's bleeding a lot from the tip and I feel dizzy", (2, 2, 2)),
    ("blood everywhere after I cut myself shaving and it won't stop", (2, 2, 2)),
    ("my leg is bleeding a lot from a cut", (2, 2, 2)),
    ("blood everywhere after I cut my wrist", (2, 2, 2)),
    # left at level 2 on purpose (see the module docstring)
    ("the baby looks blue in this photo", (2, 2, 2)),
    ("he jerks in his sleep and won't respond when I say his name", (2, 2, 2)),
])
def test_levels(triager, text: str, expected: tuple[int, int, int]) -> None:
    assert _levels(triager, text) == expected


@pytest.mark.parametrize(("text", "flag"), [
    ("her skin is mottled", MOTTLED),
    ("his skin looks mottled and he is floppy", MOTTLED),
    ("she's in labour and the baby's head is coming", BIRTH),
    ("she is in labour and has the urge to push", BIRTH),
])
def test_flag_named(triager, text: str, flag: str) -> None:
    assert flag in _flags(triager, text)


@pytest.mark.parametrize("text", [
    "I cut my finger and it's bleeding a lot from the tip",
    "blood everywhere after I cut myself shaving",
    "I cut my toe on a shell and it's bleeding a lot from the toe",
])
def test_minor_cut_keeps_severe_bleeding_flag(triager, text: str) -> None:
    # l10fix: the minor-cut narrowing (rf:bleed_minor_cut) is taken back; the flag stands
    assert "severe bleeding" in _flags(triager, text)


@pytest.mark.parametrize("text", [
    "my finger is bleeding and won't stop even with pressure for 10 minutes",
    "I cut my finger and it's bleeding a lot from the tip and it won't stop",
    "I cut my finger with a kitchen knife and it's bleeding a lot from the tip",
    "I cut my finger and it's bleeding a lot from the tip, I'm on warfarin",
    "blood everywhere after I cut myself shaving and it won't stop",
])
def test_cut_with_ae_sign_keeps_level_2(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)
