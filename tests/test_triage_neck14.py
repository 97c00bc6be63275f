"""Neck injury with limb symptoms or after diving into shallow water (lead, rerev14t; NICE NG41
spinal injury, Canadian C-spine rule's axial load; NHS "Spinal injury": call 999) -> 2 in
every setting; near misses keep the level they had (hand-checked at the session start)."""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.runtime import Runtime

LIMB = "neck injury with arm or leg symptoms (possible spinal injury)"
DIVE = "neck pain after diving into shallow water (possible spinal injury)"


@pytest.fixture(scope="module")
def triager():
    return Runtime(load_settings(None, {"use_llm": False})).triager


def _levels(triager, text: str) -> tuple[tuple[int, ...], set[str]]:
    recs = [triager.triage({"id": "x", "text": text, "setting": s}, narrative=False)
            for s in ("primary_care", "self", "ed")]
    return tuple(r.acuity for r in recs), set(recs[1].red_flags)


@pytest.mark.parametrize("text,flag", [
    ("dived into the shallow end, never lost consciousness, neck pain and tingling in both "
     "hands", LIMB),
    ("dived into the pool and hit my head on the bottom, neck pain", DIVE),
    ("dived into the shallow end of the pool, my neck really hurts", DIVE),
    ("rugby tackle, neck pain and tingling arms", LIMB),
    ("fell off a horse, neck pain and my arms are tingling", LIMB),
])
def test_neck_injury_signs_are_2(triager, text: str, flag: str) -> None:
    levels, flags = _levels(triager, text)
    assert levels == (2, 2, 2)
    assert flag in flags


@pytest.mark.parametrize("text", [
    "neck pain and tingling in my hand for months",
    "stiff neck and tingling fingers, no injury",
    "fell over last year, neck pain and numb hands for years",
    "went diving on holiday, ear pain",
    "neck pain after the rugby match, arms fine",
    "dived into the shallow end 3 years ago, neck pain since",
    "fell asleep on the sofa, stiff neck and my arm is numb",
])
def test_neck_near_misses_do_not_fire(triager, text: str) -> None:
    levels, flags = _levels(triager, text)
    assert LIMB not in flags and DIVE not in flags
    assert levels == (4, 4, 4)
