"""Eighth MTSamples triage draw (issue 21, mts8): fresh notes, ids only, all dev.

    python eval/data/triage_real/draw_mts8.py freeze [--data ../shared/data]  # writes mts8_manifest.jsonl
    python eval/data/triage_real/draw_mts8.py show START N                    # rows, for labelling
    python eval/data/triage_real/probe.py --file mts8_dev.tsv [--misses]      # triage (primary care)

Why: a second untuned measurement of how main generalises (mts7, the first, scored 0.833 with
emergencies 6/7); no tuning on this draw. Same strata, section rule, cut rule and triage input as
``draw_mts7.py`` (``draw_mts5``'s strata); seed :data:`SEED`. The outpatient stratum P was already
empty for mts7, so the draw is stratum A (admission / consult / discharge notes) only. A 30 was
drawn first (mts7's count); 20 of those 30 were reports, follow-ups or inputs of an age or a
diagnosis only, so before any label was written down or committed and before the triage path
ran, the count was raised to A 50: the seeded order is the same, so the first 30 rows are
unchanged and the next 20 of the order were added. EXCLUDED by id and by normalised text: everything
``mts7_excluded_at_draw.txt`` froze, every id of ``mts7_manifest.jsonl``, the live
:func:`draw_mts.extraction_ids` (every extraction manifest and named ``mts-N`` on this branch)
and the extraction draws other branches were making at draw time (:data:`OTHER_DRAWS`, read
under this checkout and under each worktree root named in the environment variable
:data:`OTHER_ROOTS_ENV`, so no machine path is written here). At freeze time (2026-12-05 10:42
UTC) those were the extraction probe16 worktree (``probe/manifest.jsonl`` with its 12 new notes,
``exclude16.json``) and the allergy8 worktree (``allergy8/manifest.jsonl``, 13 MTSamples notes,
and ``allergy8/excluded_at_draw.tsv``). The union (1,460 ids) is frozen into
:data:`EXCLUDED_AT_DRAW`, committed before the draw, so a re-freeze reproduces it.
No held-out split. Only ids, offsets and checksums are stored (MTSamples licence).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw_mts  # noqa: E402
import draw_mts5  # noqa: E402
import draw_mts7  # noqa: E402
import mts_draw  # noqa: E402

SEED = "20261212-mts8"
MANIFEST = HERE / "mts8_manifest.jsonl"
EXCLUDED_AT_DRAW = HERE / "mts8_excluded_at_draw.txt"
STRATA = draw_mts5.STRATA
# A 50 asked (see the module docstring: first 30, extended before labelling), P 10 (empty)
COUNTS = {"A": 50, "P": 10}
# Extraction draw files (repository-relative globs): manifests and frozen exclusion lists.
OTHER_DRAWS = (
    "eval/data/extraction/**/manifest.jsonl",
    "eval/data/extraction/**/exclude*.json",
    "eval/data/extraction/**/excluded_at_draw.tsv",
)
# Worktree roots of other branches drawing at the same time (os.pathsep-separated), read only
# at freeze time when the frozen exclusion file does not exist yet.
OTHER_ROOTS_ENV = "MTS8_OTHER_ROOTS"


def _other_draw_ids() -> set[str]:
    """MTSamples ids named in :data:`OTHER_DRAWS` under this checkout and the other roots."""
    roots = [draw_mts.ROOT] + [Path(p) for p in os.environ.get(OTHER_ROOTS_ENV, "").split(os.pathsep)
                               if p]
    files = [f for root in roots for pattern in OTHER_DRAWS for f in sorted(root.glob(pattern))]
    return mts_draw.other_draw_ids(files)


def excluded_ids() -> set[str]:
    """The draw's exclusion: the frozen file, else the live union (see the module docstring)."""
    return mts_draw.frozen_or_live(EXCLUDED_AT_DRAW, _live_excluded_ids)


def _live_excluded_ids() -> set[str]:
    """The live union of the module docstring."""
    return (draw_mts7.excluded_ids() | mts_draw.manifest_ids(draw_mts7.MANIFEST)
            | draw_mts.extraction_ids() | _other_draw_ids())


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
