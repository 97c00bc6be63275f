"""Lay 999 red flags, second re-review (issue 21, ninth round).

The over / past guard of the NHS "When to call 999" lay rules switched off real emergencies: a
baseline with its onset time ("he was fine an hour ago") read as "it's over", a negated stop
("it hasn't stopped") as a stopped bleed, an earlier fit dated a fit happening now, "started
yesterday" as a weak cry's ordinary cause, and "I think I'm having a heart attack" was switched
off by any later past date or "always". Each now fires; the near misses stay off. Levels are
(primary_care, self, ed), checked by hand against the NHS pages named in red_flags.py.
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.runtime import Runtime

SETTINGS = ("primary_care", "self", "ed")


@pytest.fixture(scope="module")
def triager():
    return Runtime(load_settings(None, {"use_llm": False}, environ={})).triager


@pytest.mark.parametrize(("text", "expected"), [
    ('my son is jerking all over and his eyes rolled back, he was fine this morning', (2, 2, 2)),
    ("he is jerking all over and won't respond, he was fine a minute ago", (2, 2, 2)),
    ('my baby has gone grey, he was fine an hour ago', (2, 2, 2)),
    ("he's gone grey and clammy, he was fine an hour ago", (2, 2, 2)),
    ('my baby has gone blue, she was fine yesterday but', (2, 2, 2)),
    ("he doesn't know where he is, he was fine an hour ago", (2, 2, 2)),
    ('my baby feels hot and has blotchy skin, she was fine this morning', (2, 2, 2)),
    ("my mum doesn't know who I am, she was fine this morning", (2, 2, 2)),
    ("blood is pouring out of the wound and it hasn't stopped", (2, 2, 2)),
    ("blood is pouring from his head and the bleeding hasn't stopped", (2, 2, 2)),
    ("there's a puddle of blood and the bleeding has not stopped", (2, 2, 2)),
    ("I've lost a lot of blood, it hasn't stopped since the fall", (2, 2, 2)),
    ("I think I'm having a heart attack, I had one last year", (2, 2, 2)),
    ("I think I'm having a heart attack, my arm went numb for a second", (2, 2, 2)),
    ("I think I'm having a heart attack, I always get chest pain but this is different", (2, 2, 2)),
    ("he's having a fit and it won't stop, he had one a few weeks ago", (2, 2, 2)),
    ("my baby's cry is weak, it started yesterday and she won't feed", (2, 2, 2)),
    ("my baby has a weak cry and won't feed, it started yesterday", (2, 2, 2)),
    ('he went blue last week during a cold but is fine now', (5, 5, 4)),
    ('he was floppy yesterday but fine now', (4, 4, 2)),
    ('I had a fit 10 years ago that lasted 20 minutes', (4, 4, 3)),
    ('my baby had a high pitched cry when she had her jabs yesterday', (4, 4, 4)),
    ("every time I get anxious I think I'm having a heart attack", (4, 4, 2)),
    ("I cut my finger and there was a puddle of blood but it's stopped now", (5, 5, 4)),
    ('blood was pouring from my knee after I fell off my bike but it stopped with a plaster', (4, 4, 4)),
])
def test_levels(triager, text: str, expected: tuple[int, int, int]) -> None:
    assert tuple(triager.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in SETTINGS) == expected
