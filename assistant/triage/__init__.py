"""Triage: a free-text presentation (plus optional vitals) -> acuity 1-5 with reasons.

``from assistant.triage import Triager``; ``Triager(settings, backend=None).triage(case)``
returns a ``TriageRecord`` (CONTRACT.md). The final acuity is never less urgent than a
red-flag or vital-sign floor.
"""

from assistant.triage.triager import Triager

__all__ = ["Triager"]
