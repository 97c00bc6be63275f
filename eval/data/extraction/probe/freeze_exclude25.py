"""Freeze the round-25 exclusion list (``exclude25.json``) so that a re-draw reproduces.

    python eval/data/extraction/probe/freeze_exclude25.py [--data DIR]

Round 25 excludes what round 24 did (``freeze_exclude23.freeze``): every MTSamples note of every
extraction manifest of the repository (``eval/data/extraction/**/manifest.jsonl``: real dev and
held-out by id and checksum only, probe..probe24, allergy..allergy11, allergyrx, told), of every
triage manifest (``eval/data/triage_real/mts*_manifest.jsonl``, mts..mts10) and every id a triage
draw set aside at its draw (``eval/data/triage_real/*_excluded_at_draw.txt``), and every note of
the sentence sets that have no manifest (``../medstat/``, ``../midneg/``, ``../negscope/``
``sentences.jsonl``), by id and by text. No other helper's worktree had an unmerged manifest at
freeze time. See the probe README, round 25.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))
sys.path.insert(0, str(HERE))

import freeze_exclude13  # noqa: E402
import freeze_exclude23  # noqa: E402

OUT = HERE / "exclude25.json"


def freeze(data_dir: Path) -> dict[str, list[str]]:
    """Round 23's sources as they stand now (probe24 included)."""
    return freeze_exclude23.freeze(data_dir)


def main() -> int:
    """Write exclude25.json (refuses to change an existing one unless --force)."""
    return freeze_exclude13.cli(__doc__, OUT, freeze)


if __name__ == "__main__":
    raise SystemExit(main())
