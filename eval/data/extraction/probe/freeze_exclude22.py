"""Freeze the round-22 exclusion list (``exclude22.json``) so that a re-draw reproduces.

    python eval/data/extraction/probe/freeze_exclude22.py [--data DIR]

Round 22 excludes, as rounds 16-21 did (``freeze_exclude16.freeze``), every MTSamples note of
every extraction manifest of the repository (``eval/data/extraction/**/manifest.jsonl``: real
dev and held-out by id and checksum only, probe..probe21, allergy..allergy11, told), of every
triage manifest (``eval/data/triage_real/mts*_manifest.jsonl``) and every id a triage draw set
aside at its draw (``eval/data/triage_real/*_excluded_at_draw.txt``), and besides every note
of the medication-status sentence set (``../medstat/sentences.jsonl``, which has no manifest),
by id and by text. See the probe README, round 22.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))
sys.path.insert(0, str(HERE))

import freeze_exclude13  # noqa: E402
import freeze_exclude16  # noqa: E402

from eval.extraction_real import MTS_CSV, _read_csv, sha256  # noqa: E402

OUT = HERE / "exclude22.json"
MEDSTAT = HERE.parent / "medstat" / "sentences.jsonl"


def freeze(data_dir: Path) -> dict[str, list[str]]:
    """Round 21's list (``freeze_exclude16.freeze``) plus the medstat notes, by id and text."""
    base = freeze_exclude16.freeze(data_dir)
    ids = set(base["source_ids"])
    ids |= {json.loads(x)["note"].removeprefix("mts-")
            for x in MEDSTAT.read_text(encoding="utf-8").splitlines() if x.strip()}
    rows = list(_read_csv(data_dir / MTS_CSV))
    texts = {r["transcription"] or "" for r in rows if r["note_id"] in ids}
    ids |= {r["note_id"] for r in rows if (r["transcription"] or "") in texts}
    return {"manifests": base["manifests"] + [str(MEDSTAT.relative_to(HERE.parents[3]))],
            "source_ids": sorted(ids, key=int), "sha256_raw": sorted(sha256(t) for t in texts)}


def main() -> int:
    """Write exclude22.json (refuses to change an existing one unless --force)."""
    return freeze_exclude13.cli(__doc__, OUT, freeze)


if __name__ == "__main__":
    raise SystemExit(main())
