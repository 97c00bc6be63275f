"""Freeze the round-15 exclusion list (``exclude15.json``) so that a re-draw reproduces.

    /work/main/.venv/bin/python eval/data/extraction/probe/freeze_exclude15.py [--data DIR]

Round 15 excludes every MTSamples note of every extraction manifest of the repository
(``eval/data/extraction/**/manifest.jsonl``: real dev and held-out, probe..probe14,
allergy..allergy7) and of the triage probes (every ``eval/data/triage_real/mts*_manifest.jsonl``:
mts .. mts6, and mts7 if its helper's worktree had written one), by id and by text (the
``sha256_raw`` of the CSV field of every such id and of every row with the same text). The mts7
triage draw was under way at the same time; see the probe README for the overlap check.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(ROOT))

from eval.common import default_data_dir  # noqa: E402
from eval.extraction_real import MTS_CSV, _read_csv, sha256  # noqa: E402

OUT = HERE / "exclude15.json"


def manifests() -> list[Path]:
    """The manifests whose MTSamples notes round 15 must not draw."""
    ext = sorted((ROOT / "eval" / "data" / "extraction").glob("**/manifest.jsonl"))
    tri = sorted((ROOT / "eval" / "data" / "triage_real").glob("mts*_manifest.jsonl"))
    # mts7 was being drawn by another helper in its own worktree at freeze time: included if
    # its manifest exists there (the path is recorded in the frozen list).
    mts7 = Path("/work/wt/mts7/eval/data/triage_real/mts7_manifest.jsonl")
    return ext + tri + ([mts7] if mts7.is_file() and mts7 not in tri else [])


def freeze(data_dir: Path) -> dict[str, list[str]]:
    """The ids and raw-text checksums to exclude, sorted."""
    ids: set[str] = set()
    for path in manifests():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("source", "mtsamples") == "mtsamples":
                    ids.add(str(row["source_id"]))
    rows = list(_read_csv(data_dir / MTS_CSV))
    texts = {r["transcription"] or "" for r in rows if r["note_id"] in ids}
    ids |= {r["note_id"] for r in rows if (r["transcription"] or "") in texts}
    return {"manifests": [str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p)
                  for p in manifests()],
            "source_ids": sorted(ids, key=int), "sha256_raw": sorted(sha256(t) for t in texts)}


def main() -> int:
    """Write exclude15.json (refuses to change an existing one unless --force)."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args()
    text = json.dumps(freeze(args.data or default_data_dir()), indent=0) + "\n"
    if OUT.is_file() and OUT.read_text(encoding="utf-8") != text and not args.force:
        print(f"{OUT} exists and differs (use --force)", file=sys.stderr)
        return 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
