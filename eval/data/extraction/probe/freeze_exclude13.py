"""Freeze the round-13 exclusion list (``exclude13.json``) so that a re-draw reproduces.

    python eval/data/extraction/probe/freeze_exclude13.py [--data DIR]

Round 13 excludes every MTSamples note of every extraction manifest of the repository
(``eval/data/extraction/**/manifest.jsonl``: real dev and held-out, probe..probe12,
allergy..allergy6) and of the triage probes (``eval/data/triage_real/mts_manifest.jsonl``,
``mts2_manifest.jsonl``), by id and by text (the ``sha256_raw`` of the CSV field of every such
id and of every row with the same text). Helpers drawing at the same time (allergy7, mts3) had
written no manifest when this list was frozen; see the probe README for the overlap check.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(ROOT))

from eval.common import default_data_dir  # noqa: E402
from eval.extraction_real import MTS_CSV, _read_csv, sha256  # noqa: E402

OUT = HERE / "exclude13.json"


def manifests() -> list[Path]:
    """The manifests whose MTSamples notes round 13 must not draw."""
    ext = sorted((ROOT / "eval" / "data" / "extraction").glob("**/manifest.jsonl"))
    tri = [ROOT / "eval" / "data" / "triage_real" / n
           for n in ("mts_manifest.jsonl", "mts2_manifest.jsonl")]
    return ext + tri


def freeze_manifests(data_dir: Path, paths: list[Path]) -> dict[str, list[str]]:
    """The ids and raw-text checksums to exclude, sorted: every MTSamples note of ``paths``, by
    id and by text. Shared by ``freeze_exclude13.py`` .. ``freeze_exclude15.py``; a path outside
    the repository (another helper's worktree) is recorded as it is."""
    ids: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("source", "mtsamples") == "mtsamples":
                    ids.add(str(row["source_id"]))
    rows = list(_read_csv(data_dir / MTS_CSV))
    texts = {r["transcription"] or "" for r in rows if r["note_id"] in ids}
    ids |= {r["note_id"] for r in rows if (r["transcription"] or "") in texts}
    return {"manifests": [str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p)
                          for p in paths],
            "source_ids": sorted(ids, key=int), "sha256_raw": sorted(sha256(t) for t in texts)}


def cli(doc: str | None, out: Path, freeze_fn: Callable[[Path], dict[str, list[str]]]) -> int:
    """Write ``out`` from ``freeze_fn(data dir)`` (refuses to change an existing one unless
    --force, so a frozen list is never silently redrawn)."""
    ap = argparse.ArgumentParser(description=doc,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args()
    text = json.dumps(freeze_fn(args.data or default_data_dir()), indent=0) + "\n"
    if out.is_file() and out.read_text(encoding="utf-8") != text and not args.force:
        print(f"{out} exists and differs (use --force)", file=sys.stderr)
        return 1
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


def freeze(data_dir: Path) -> dict[str, list[str]]:
    """The ids and raw-text checksums to exclude, sorted."""
    return freeze_manifests(data_dir, manifests())


def main() -> int:
    """Write exclude13.json (refuses to change an existing one unless --force)."""
    return cli(__doc__, OUT, freeze)


if __name__ == "__main__":
    raise SystemExit(main())
