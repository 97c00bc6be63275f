"""Freeze the round-16 exclusion list (``exclude16.json``) so that a re-draw reproduces.

    python eval/data/extraction/probe/freeze_exclude16.py [--data DIR]

Round 16 excludes every MTSamples note of every extraction manifest of the repository
(``eval/data/extraction/**/manifest.jsonl``: real dev and held-out by id and checksum only,
probe..probe15, allergy..allergy7), of every triage manifest
(``eval/data/triage_real/mts*_manifest.jsonl``) and every id a triage draw set aside at its draw
(``eval/data/triage_real/*_excluded_at_draw.txt``, one id a line), by id and by text (the
``sha256_raw`` of the CSV field of every such id and of every row with the same text). An
allergy8 draw was under way in another helper's worktree at the same time and had written no
manifest at freeze time (see the probe README, round 16, for the overlap check).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import freeze_exclude13  # noqa: E402

from eval.extraction_real import MTS_CSV, _read_csv, sha256  # noqa: E402

OUT = HERE / "exclude16.json"
TRIAGE = ROOT / "eval" / "data" / "triage_real"


def manifests() -> list[Path]:
    """The manifests whose MTSamples notes round 16 must not draw."""
    ext = sorted((ROOT / "eval" / "data" / "extraction").glob("**/manifest.jsonl"))
    tri = sorted(TRIAGE.glob("mts*_manifest.jsonl"))
    return ext + tri


def id_lists() -> list[Path]:
    """The triage draws' set-aside id lists (ids only, no manifest row)."""
    return sorted(TRIAGE.glob("*_excluded_at_draw.txt"))


def freeze(data_dir: Path) -> dict[str, list[str]]:
    """The ids and raw-text checksums to exclude, sorted: the manifests' notes and the listed
    ids, each widened to every row with the same text."""
    base = freeze_exclude13.freeze_manifests(data_dir, manifests())
    ids = set(base["source_ids"])
    for path in id_lists():
        ids |= {ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
                if ln.strip().isdigit()}
    rows = list(_read_csv(data_dir / MTS_CSV))
    texts = {r["transcription"] or "" for r in rows if r["note_id"] in ids}
    ids |= {r["note_id"] for r in rows if (r["transcription"] or "") in texts}
    return {"manifests": base["manifests"]
            + [str(p.relative_to(ROOT)) for p in id_lists()],
            "source_ids": sorted(ids, key=int), "sha256_raw": sorted(sha256(t) for t in texts)}


def main() -> int:
    """Write exclude16.json (refuses to change an existing one unless --force)."""
    return freeze_exclude13.cli(__doc__, OUT, freeze)


if __name__ == "__main__":
    raise SystemExit(main())
