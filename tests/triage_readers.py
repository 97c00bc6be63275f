"""Small readers shared by the lay triage test modules (one definition, as extract_readers)."""
from __future__ import annotations

from typing import Any

#: the settings each lay test reads, in this order
SETTINGS = ("primary_care", "self", "ed")


def levels_and_flags(triager: Any, text: str) -> tuple[tuple[int, ...], list[str]]:
    """The acuity of ``text`` in each of :data:`SETTINGS`, and its red flags (self setting)."""
    levels = tuple(triager.triage({"id": "t", "text": text, "setting": s}, narrative=False).acuity
                   for s in SETTINGS)
    flags = triager.triage({"id": "t", "text": text, "setting": "self"}, narrative=False).red_flags
    return levels, list(flags)


def levels(triager: Any, text: str) -> tuple[int, ...]:
    """The acuity of ``text`` in each of :data:`SETTINGS`."""
    return levels_and_flags(triager, text)[0]
