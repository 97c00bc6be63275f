"""The deterministic floors of one presentation: red flags plus vital-sign scores.

``apply_floor`` is the only place the final acuity is formed: min(estimate, floors), so
a floor can only make a case more urgent, never less.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    floors.extend(score_floors(p.vitals, scores))
    return FloorReport(scores, flags, floors)


def apply_floor(estimate: int, floor: int) -> int:
    """Final acuity: the more urgent (smaller) of the estimate and the floor."""
    if estimate not in (1, 2, 3, 4, 5) or floor not in (1, 2, 3, 4, 5):
        raise ValueError(f"acuity must be 1..5 (estimate={estimate}, floor={floor})")
    return min(estimate, floor)
