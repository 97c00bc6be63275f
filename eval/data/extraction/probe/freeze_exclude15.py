"""Freeze the round-15 exclusion list (``exclude15.json``) so that a re-draw reproduces.

    python eval/data/extraction/probe/freeze_exclude15.py [--data DIR]

Round 15 excludes every MTSamples note of every extraction manifest of the repository
(``eval/data/extraction/**/manifest.jsonl``: real dev and held-out, probe..probe14,
allergy..allergy7) and of the triage probes (every ``eval/data/triage_real/mts*_manifest.jsonl``:
mts .. mts6, and mts7 if its helper's worktree had written one), by id and by text (the
``sha256_raw`` of the CSV field of every such id and of every row with the same text). The mts7
triage draw was under way at the same time; see the probe README for the overlap check.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import freeze_exclude13  # noqa: E402

OUT = HERE / "exclude15.json"


def manifests() -> list[Path]:
    """The manifests whose MTSamples notes round 15 must not draw."""
    ext = sorted((ROOT / "eval" / "data" / "extraction").glob("**/manifest.jsonl"))
    tri = sorted((ROOT / "eval" / "data" / "triage_real").glob("mts*_manifest.jsonl"))
    # mts7 was being drawn by another helper in its own worktree at freeze time: included if
    # its manifest exists (merged since; the frozen list holds what was read).
    mts7 = ROOT / "eval/data/triage_real/mts7_manifest.jsonl"
    return ext + tri + ([mts7] if mts7.is_file() and mts7 not in tri else [])


def freeze(data_dir: Path) -> dict[str, list[str]]:
    """The ids and raw-text checksums to exclude, sorted."""
    return freeze_exclude13.freeze_manifests(data_dir, manifests())


def main() -> int:
    """Write exclude15.json (refuses to change an existing one unless --force)."""
    return freeze_exclude13.cli(__doc__, OUT, freeze)


if __name__ == "__main__":
    raise SystemExit(main())
