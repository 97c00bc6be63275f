"""Freeze the round-14 exclusion list (``exclude14.json``) so that a re-draw reproduces.

    python eval/data/extraction/probe/freeze_exclude14.py [--data DIR]

Round 14 excludes every MTSamples note of every extraction manifest of the repository
(``eval/data/extraction/**/manifest.jsonl``: real dev and held-out, probe..probe13,
allergy..allergy7) and of the triage probes (``eval/data/triage_real/mts_manifest.jsonl``,
``mts2`` .. ``mts4_manifest.jsonl``, and mts5 if its helper's worktree had written one), by id
and by text (the ``sha256_raw`` of the CSV field of every such
id and of every row with the same text). The mts5 triage draw was under way at the same
time; see the probe README for the overlap check.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import freeze_exclude13  # noqa: E402

OUT = HERE / "exclude14.json"


def manifests() -> list[Path]:
    """The manifests whose MTSamples notes round 14 must not draw."""
    ext = sorted((ROOT / "eval" / "data" / "extraction").glob("**/manifest.jsonl"))
    tri = [ROOT / "eval" / "data" / "triage_real" / n
           for n in ("mts_manifest.jsonl", "mts2_manifest.jsonl", "mts3_manifest.jsonl",
                     "mts4_manifest.jsonl")]
    # mts5 was being drawn by another helper in its own worktree at freeze time: included if
    # its manifest exists (merged since; the frozen list holds what was read).
    mts5 = ROOT / "eval/data/triage_real/mts5_manifest.jsonl"
    return ext + tri + ([mts5] if mts5.is_file() else [])


def freeze(data_dir: Path) -> dict[str, list[str]]:
    """The ids and raw-text checksums to exclude, sorted."""
    return freeze_exclude13.freeze_manifests(data_dir, manifests())


def main() -> int:
    """Write exclude14.json (refuses to change an existing one unless --force)."""
    return freeze_exclude13.cli(__doc__, OUT, freeze)


if __name__ == "__main__":
    raise SystemExit(main())
