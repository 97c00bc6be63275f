"""Whether one condition-KB entry fires on a text, and one rules-only triage record: shared
by the probe error-class tests.

The probe class files each pin that a finding reaches *its* entry (not merely some entry), so
they test one entry in isolation, through the same parser and matcher the triager uses.
"""

from __future__ import annotations

from typing import Any

from assistant.triage.knowledge import load_conditions, match_conditions
from assistant.triage.parse import parse_case


def entry_fires(entry_id: str, text: str) -> bool:
    """True when the KB entry ``entry_id`` matches ``text`` (StopIteration if no such entry)."""
    entry = next(e for e in load_conditions() if e.id == entry_id)
    return bool(match_conditions(parse_case({"id": "c", "text": text}), (entry,)))


def triage_record(triager: Any, text: str, setting: str = "primary_care") -> Any:
    """The rules-only triage record of ``text`` in ``setting`` (no narrative)."""
    return triager.triage({"id": "x", "text": text, "setting": setting}, narrative=False)
