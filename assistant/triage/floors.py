"""The deterministic floors of one presentation: red flags, vital-sign modifiers and pain.

``apply_floor`` is the only place the final acuity is formed: min(estimate, floors), so
a floor can only make a case more urgent, never less.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.triage.complaints import UNREADABLE
from assistant.triage.parse import Presentation
from assistant.triage.red_flags import RedFlagHit, find_red_flags
from assistant.triage.scores import Floor, ScoreResult, compute_scores, score_floors


@dataclass(frozen=True)
class FloorReport:
    scores: ScoreResult
    red_flags: list[RedFlagHit]
    floors: list[Floor]  # red flags and score floors together

    @property
    def acuity(self) -> int:
        """The most urgent floor (5 = no floor)."""
        return min((f.acuity for f in self.floors), default=5)


def collect_floors(p: Presentation) -> FloorReport:
    """Scores, red flags and every floor they imply for ``p``."""
    scores = compute_scores(p.vitals)
    flags = find_red_flags(p)
    floors = [Floor(h.acuity, h.name, h.evidence) for h in flags]
    floors.extend(score_floors(p.vitals, scores, p.age))
    floors.extend(pain_floors(p))
    if UNREADABLE.match(p.complaint):
        # Nothing of the complaint survived (e.g. '??', characters lost to an encoding): it
        # cannot be triaged on its content, so a clinician must see the patient now.
        floors.append(Floor(2, "complaint unreadable", repr(p.text[:40])))
    return FloorReport(scores, flags, floors)


SEVERE_PAIN = 8


def pain_floors(p: Presentation) -> list[Floor]:
    """KTAS/CTAS pain modifier: severe pain (NRS 8-10) is at least urgent (3) wherever it is.

    (KTAS puts severe acute *central* pain at 2; that finer grading is left to the model,
    which sees pain by region, so that the floor stays one that experts never grade below.)
    """
    if p.pain is not None and p.pain >= SEVERE_PAIN:
        return [Floor(3, "severe pain (NRS >= 8)", f"pain {p.pain:g}/10")]
    return []


def apply_floor(estimate: int, floor: int) -> int:
    """Final acuity: the more urgent (smaller) of the estimate and the floor."""
    if estimate not in (1, 2, 3, 4, 5) or floor not in (1, 2, 3, 4, 5):
        raise ValueError(f"acuity must be 1..5 (estimate={estimate}, floor={floor})")
    return min(estimate, floor)
