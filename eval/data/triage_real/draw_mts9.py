"""Ninth MTSamples triage draw (issue 21, mts9): fresh notes, ids only, all dev.

    python eval/data/triage_real/draw_mts9.py freeze [--data ../shared/data]  # writes mts9_manifest.jsonl
    python eval/data/triage_real/draw_mts9.py show START N                    # rows, for labelling
    python eval/data/triage_real/probe.py --file mts9_dev.tsv [--misses]      # triage (primary care)

Why: a third untuned measurement of how main generalises (mts7 untuned 0.833, mts8 untuned
0.556), then error classes fixed (issue 21, branch h-tri9). Same strata, section rule, cut rule
and triage input as ``draw_mts8.py`` (``draw_mts5``'s strata); seed :data:`SEED`. The outpatient
stratum P is empty, and about 28 stratum-A notes were left after mts8, so A 50 is asked and the
whole remaining A pool is drawn (in seeded order). EXCLUDED by id and by normalised text:
everything ``mts9_excluded_at_draw.txt`` froze, every id of ``mts9_manifest.jsonl``, the live
:func:`draw_mts.extraction_ids` (every extraction manifest and named ``mts-N`` on this branch)
the extraction draws other branches were making at draw time (:data:`OTHER_DRAWS`, read under
this checkout and under each worktree root named in :data:`OTHER_ROOTS_ENV`) and every ``mts-N``
named in a text file under ``eval/``, ``tests/`` or ``docs/``. The union is
frozen into :data:`EXCLUDED_AT_DRAW`, committed before the draw, so a re-freeze reproduces it.
No held-out split. Only ids, offsets and checksums are stored (MTSamples licence).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw_mts  # noqa: E402
import draw_mts5  # noqa: E402
import draw_mts8  # noqa: E402
import mts_draw  # noqa: E402

SEED = "20261213-mts9"
MANIFEST = HERE / "mts9_manifest.jsonl"
EXCLUDED_AT_DRAW = HERE / "mts9_excluded_at_draw.txt"
STRATA = draw_mts5.STRATA
# A 50 asked (more than the ~28 left: the whole A pool), P 10 (empty)
COUNTS = {"A": 50, "P": 10}
# Extraction draw files (repository-relative globs): manifests and frozen exclusion lists.
OTHER_DRAWS = (
    "eval/data/extraction/**/manifest.jsonl",
    "eval/data/extraction/**/exclude*.json",
    "eval/data/extraction/**/excluded_at_draw.tsv",
)
# Worktree roots of other branches drawing at the same time (os.pathsep-separated), read only
# at freeze time when the frozen exclusion file does not exist yet.
OTHER_ROOTS_ENV = "MTS9_OTHER_ROOTS"


def _other_draw_ids() -> set[str]:
    """MTSamples ids named in :data:`OTHER_DRAWS` under this checkout and the other roots."""
    roots = [draw_mts.ROOT] + [Path(p) for p in os.environ.get(OTHER_ROOTS_ENV, "").split(os.pathsep)
                               if p]
    files = [f for root in roots for pattern in OTHER_DRAWS for f in sorted(root.glob(pattern))]
    return {m for f in files for m in re.findall(r"\bmts-(\d+)\b", f.read_text(encoding="utf-8"))}


def excluded_ids() -> set[str]:
    """The draw's exclusion: the frozen file, else the live union (see the module docstring)."""
    return mts_draw.frozen_or_live(EXCLUDED_AT_DRAW, _live_excluded_ids)


def _live_excluded_ids() -> set[str]:
    """The live union of the module docstring."""
    return (draw_mts8.excluded_ids() | mts_draw.manifest_ids(draw_mts8.MANIFEST)
            | draw_mts.extraction_ids() | _other_draw_ids() | _named_anywhere())


def _named_anywhere() -> set[str]:
    """Every ``mts-N`` any tracked text file under ``eval/``, ``tests/`` or ``docs/`` names
    (belt and braces: a note some earlier round read and named outside a manifest)."""
    files = [f for sub in ("eval", "tests", "docs") for f in sorted((draw_mts.ROOT / sub).rglob("*"))
             if f.is_file() and f.suffix in {".py", ".md", ".tsv", ".jsonl", ".json", ".txt", ".yaml"}
             and "mts9_" not in f.name]
    return {m for f in files for m in re.findall(r"\bmts-(\d+)\b", f.read_text(encoding="utf-8"))}


def freeze(data: Path) -> list[dict[str, Any]]:
    """The manifest rows: a seeded draw per stratum, all ``dev``."""
    return mts_draw.draw(data, SEED, excluded_ids(), COUNTS, STRATA)


def load(data: Path) -> list[tuple[dict[str, Any], str, str]]:
    """(manifest row, full restored text, triage input), checksums verified (all dev)."""
    return draw_mts.load(data, "dev", MANIFEST)


def main() -> None:
    """CLI: freeze (writes the exclusion file first, when absent) or show rows."""
    mts_draw.cli(__doc__, MANIFEST, EXCLUDED_AT_DRAW, excluded_ids, freeze, load, COUNTS,
                 STRATA)


if __name__ == "__main__":
    main()
