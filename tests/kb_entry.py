"""Whether one condition-KB entry fires on a text: shared by the probe error-class tests.

The probe class files each pin that a finding reaches *its* entry (not merely some entry), so
they test one entry in isolation, through the same parser and matcher the triager uses.
"""

from __future__ import annotations

from assistant.triage.knowledge import load_conditions, match_conditions
from assistant.triage.parse import parse_case


def entry_fires(entry_id: str, text: str) -> bool:
    """True when the KB entry ``entry_id`` matches ``text`` (StopIteration if no such entry)."""
    entry = next(e for e in load_conditions() if e.id == entry_id)
    return bool(match_conditions(parse_case({"id": "c", "text": text}), (entry,)))
