"""Freeze the round-21 exclusion list (``exclude21.json``) so that a re-draw reproduces.

    python eval/data/extraction/probe/freeze_exclude21.py [--data DIR]

Round 21 excludes, as rounds 16-20 did (``freeze_exclude16.freeze``), every MTSamples note of
every extraction manifest of the repository (``eval/data/extraction/**/manifest.jsonl``: real
dev and held-out by id and checksum only, probe..probe20, allergy..allergy10), of every triage
manifest (``eval/data/triage_real/mts*_manifest.jsonl``, mts..mts9) and every id a triage draw
set aside at its draw (``eval/data/triage_real/*_excluded_at_draw.txt``), by id and by text.
No other helper had written a new manifest at freeze time (worktrees checked); see
the probe README, round 21.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))
sys.path.insert(0, str(HERE))

import freeze_exclude13  # noqa: E402
import freeze_exclude16  # noqa: E402

OUT = HERE / "exclude21.json"


def main() -> int:
    """Write exclude21.json (refuses to change an existing one unless --force)."""
    return freeze_exclude13.cli(__doc__, OUT, freeze_exclude16.freeze)


if __name__ == "__main__":
    raise SystemExit(main())
