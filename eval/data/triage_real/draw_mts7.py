"""Seventh MTSamples triage draw (issue 21, mts7): fresh notes, ids only, all dev.

    python eval/data/triage_real/draw_mts7.py freeze [--data ../shared/data]  # writes mts7_manifest.jsonl
    python eval/data/triage_real/draw_mts7.py show START N                    # rows, for labelling
    python eval/data/triage_real/probe.py --file mts7_dev.tsv [--misses]      # triage (primary care)

Why: an untuned measurement of how main generalises after the mts3..mts6 fixes (untuned
scores 0.591, 0.706, 0.600, 0.667); no tuning on this draw. Same strata, section rule, cut rule,
triage input and stratum weights as ``draw_mts6.py`` (``draw_mts5``'s strata and counts: A 30,
P 10); seed :data:`SEED`. EXCLUDED by id and by normalised text: everything
``mts6_excluded_at_draw.txt`` froze, every id of ``mts6_manifest.jsonl``, the live
:func:`draw_mts.extraction_ids` (every extraction manifest and named ``mts-N`` on this branch)
and the extraction draw on another branch at draw time (:data:`OTHER_DRAWS`), when present.
The union used is frozen into :data:`EXCLUDED_AT_DRAW` before the draw so a re-freeze
reproduces it. No held-out split. Only ids, offsets and checksums are stored (MTSamples licence).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw_mts  # noqa: E402
import draw_mts3  # noqa: E402
import draw_mts5  # noqa: E402
import draw_mts6  # noqa: E402
from draw_mts import cut_at, sections, sha, triage_text  # noqa: E402

SEED = "20261211-mts7"
MANIFEST = HERE / "mts7_manifest.jsonl"
EXCLUDED_AT_DRAW = HERE / "mts7_excluded_at_draw.txt"
STRATA = draw_mts5.STRATA
COUNTS = dict(draw_mts5.COUNTS)  # A 30, P 10: stratum A weighted as mts4 / mts5 / mts6 did
# The extraction draw on another branch at draw time (2026-12-05 ~09:15 UTC).
OTHER_DRAWS = (
    Path("/work/wt/probe15/eval/data/extraction/probe/manifest.jsonl"),
    Path("/work/wt/probe15/eval/data/extraction/probe/exclude14.json"),
    Path("/work/wt/probe15/eval/data/extraction/probe/exclude15.json"),
)


def _other_draw_ids() -> set[str]:
    """MTSamples ids named in :data:`OTHER_DRAWS` (``mts-N`` ids, ``source_id`` fields, id lists)."""
    ids: set[str] = set()
    for f in OTHER_DRAWS:
        if not f.exists():
            continue
        raw = f.read_text(encoding="utf-8")
        ids |= set(re.findall(r"\bmts-(\d+)\b", raw))
        ids |= set(re.findall(r'"source_id":\s*"(\d+)"', raw))
        if f.suffix == ".json":
            ids |= {str(i) for i in json.loads(raw).get("source_ids", []) if str(i).isdigit()}
    return ids


def excluded_ids() -> set[str]:
    """The draw's exclusion: the frozen file, else the live union (see the module docstring)."""
    if EXCLUDED_AT_DRAW.exists():
        return set(EXCLUDED_AT_DRAW.read_text(encoding="utf-8").split())
    return (draw_mts6.excluded_ids() | draw_mts3._manifest_ids(draw_mts6.MANIFEST)
            | draw_mts.extraction_ids() | _other_draw_ids())


def freeze(data: Path) -> list[dict[str, Any]]:
    """The manifest rows: a seeded draw per stratum, all ``dev``."""
    rows: list[dict[str, Any]] = []
    for stratum, pool in draw_mts.candidates(data, excluded_ids(), STRATA).items():
        random.Random(f"{SEED}-{stratum}").shuffle(pool)
        for nid, text in pool[:COUNTS[stratum]]:
            sec = sections(text)
            spans = [list(sec["cc"])] if "cc" in sec else []
            a, b = sec["hpi"]
            spans.append([a, cut_at(text, a, b)])
            rec = {"id": f"mts-{nid}", "source_id": nid, "stratum": stratum, "split": "dev",
                   "spans": spans, "sha256": sha(text)}
            rec["sha256_input"] = sha(triage_text(text, rec))
            rows.append(rec)
    return rows


def load(data: Path) -> list[tuple[dict[str, Any], str, str]]:
    """(manifest row, full restored text, triage input), checksums verified (all dev)."""
    return draw_mts.load(data, "dev", MANIFEST)


def main() -> None:
    """CLI: freeze (writes the exclusion file first, when absent) or show rows."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=["freeze", "show"])
    ap.add_argument("start", nargs="?", type=int, default=0)
    ap.add_argument("n", nargs="?", type=int, default=1000)
    ap.add_argument("--data", type=Path, default=draw_mts.DATA)
    args = ap.parse_args()
    if args.cmd == "freeze":
        if not EXCLUDED_AT_DRAW.exists():
            ex = excluded_ids()
            EXCLUDED_AT_DRAW.write_text("".join(f"{i}\n" for i in sorted(ex, key=int)),
                                        encoding="utf-8")
        rows = freeze(args.data)
        MANIFEST.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        pools = {s: len(v) for s, v in
                 draw_mts.candidates(args.data, excluded_ids(), STRATA).items()}
        print("pools", pools, "drawn", {s: sum(r["stratum"] == s for r in rows) for s in COUNTS})
        return
    for i, (rec, full, inp) in enumerate(load(args.data)[args.start:args.start + args.n],
                                         start=args.start):
        print(f"===== #{i} {rec['stratum']} {rec['id']}\n--- INPUT:\n{inp}\n--- FULL NOTE:\n{full}\n")


if __name__ == "__main__":
    main()
