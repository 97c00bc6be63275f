"""Error classes of issue 21, second MTSamples probe (mts2): real transcribed presentations.

Found on ``eval/data/triage_real/mts2_dev.tsv`` (17 MTSamples notes drawn by ``draw_mts2.py``,
labelled from each note's own diagnosis and committed in 4b20a9a before the triage path ran on
them; untuned: accuracy 0.824, emergencies 5/6, under-triage 0.059, over-triage 0.118). Class:

1. palpitations with presyncope worded as notes and people word it ("felt like passing out",
   "nearly passed out", "presyncopal"; "my heart has been pounding") was routine: the red flag "palpitations with
   fainting or feeling faint" read only "passed out", "blacked out", "fainted" and "feel faint"
   (NHS Heart palpitations: call 999 with palpitations and feeling faint or fainting; ESI
   Handbook v4: palpitations with presyncope are high risk). Only adds raising wordings.

Each positive below failed on the code before (4b20a9a: acuity 4); each near miss stays where it
was (pinned by hand).
"""

from __future__ import annotations

import pytest

from assistant.triage import Triager


def _acuity(t: Triager, text: str) -> int:
    rec = t.triage({"id": "c", "text": text, "setting": "primary_care"})
    assert rec.acuity is not None
    return rec.acuity


@pytest.mark.parametrize("text", [
    # exam / clinical wording
    "Palpitations. A 50-year-old woman who this morning had an episode of racing heart with "
    "dizziness; she felt like passing out, but there was no actual syncope.",
    "A 58-year-old man with palpitations for two hours and presyncopal.",
    "A 45-year-old woman with sudden palpitations and presyncope an hour ago.",
    # lay wording
    "My heart started racing out of nowhere an hour ago and I felt like I was going to pass out.",
    "I'm 40, my heart has been racing for an hour and it feels like I'm going to pass out.",
    "My heart was fluttering this morning and I felt like passing out.",
])
def test_palpitations_with_presyncope_is_an_emergency(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) <= 2


@pytest.mark.parametrize("text,acuity", [
    # a brief palpitation after coffee, no faintness: routine, as before
    ("28-year-old with occasional brief palpitations after coffee, no dizziness, not lightheaded "
     "and no chest pain.", 4),
    # faintness denied in lay words
    ("My heart flutters for a few seconds sometimes after coffee. I don't feel like passing out.",
     4),
    # lightheaded without any palpitation: not this rule (the fainting table decides)
    ("I'm 30 and felt a bit lightheaded after standing up quickly, fine now.", 4),
])
def test_near_misses_stay(triager: Triager, text: str, acuity: int) -> None:
    assert _acuity(triager, text) == acuity
