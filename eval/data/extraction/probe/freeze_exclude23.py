"""Freeze the round-23 exclusion list (``exclude23.json``) so that a re-draw reproduces.

    python eval/data/extraction/probe/freeze_exclude23.py [--data DIR]

Round 23 excludes, as round 22 did (``freeze_exclude16.freeze``), every MTSamples note of every
extraction manifest of the repository (``eval/data/extraction/**/manifest.jsonl``: real dev and
held-out by id and checksum only, probe..probe22, allergy..allergy11, allergyrx, told), of every
triage manifest (``eval/data/triage_real/mts*_manifest.jsonl``) and every id a triage draw set
aside at its draw (``eval/data/triage_real/*_excluded_at_draw.txt``), and besides every note of
the sentence sets that have no manifest (``../medstat/``, ``../midneg/``, ``../negscope/``
``sentences.jsonl``), by id and by text. A selfcare3 triage draw (MTSamples outpatient notes,
seed 20261213-mts10) was under way in another helper's worktree and had written no manifest at
freeze time. See the probe README, round 23.
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

OUT = HERE / "exclude23.json"
SENTENCE_SETS = [HERE.parent / d / "sentences.jsonl" for d in ("medstat", "midneg", "negscope")]


def freeze(data_dir: Path) -> dict[str, list[str]]:
    """Every manifest's notes (``freeze_exclude16.freeze``) plus the sentence sets' notes, by id
    and text."""
    base = freeze_exclude16.freeze(data_dir)
    ids = set(base["source_ids"])
    for path in SENTENCE_SETS:
        ids |= {json.loads(x)["note"].removeprefix("mts-")
                for x in path.read_text(encoding="utf-8").splitlines() if x.strip()}
    rows = list(_read_csv(data_dir / MTS_CSV))
    texts = {r["transcription"] or "" for r in rows if r["note_id"] in ids}
    ids |= {r["note_id"] for r in rows if (r["transcription"] or "") in texts}
    return {"manifests": base["manifests"]
            + [str(p.relative_to(HERE.parents[3])) for p in SENTENCE_SETS],
            "source_ids": sorted(ids, key=int), "sha256_raw": sorted(sha256(t) for t in texts)}


def main() -> int:
    """Write exclude23.json (refuses to change an existing one unless --force)."""
    return freeze_exclude13.cli(__doc__, OUT, freeze)


if __name__ == "__main__":
    raise SystemExit(main())
