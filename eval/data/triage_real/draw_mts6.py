"""Sixth MTSamples triage draw (issue 21, mts6): fresh notes, ids only, all dev.

    python eval/data/triage_real/draw_mts6.py freeze [--data ../shared/data]  # writes mts6_manifest.jsonl
    python eval/data/triage_real/draw_mts6.py show START N                    # rows, for labelling
    python eval/data/triage_real/probe.py --file mts6_dev.tsv [--misses]      # triage (primary care)

Why: the out-of-sample measure of the mts3, mts4 and mts5 fixes (mts5 scored untuned 0.600,
emergencies 4/6, under-triage 0.200, and its classes were then fixed). Same strata, section rule,
cut rule, triage input and stratum weights as ``draw_mts5.py`` (whose :func:`draw_mts5.freeze`
logic is reused with this module's seed and exclusion); seed :data:`SEED`. EXCLUDED by id and by
normalised text: everything ``mts5_excluded_at_draw.txt`` froze, every id of
``mts5_manifest.jsonl``, the live :func:`draw_mts.extraction_ids` (every extraction manifest on
this branch) and the extraction draws on other branches at draw time (:data:`OTHER_DRAWS`), when
present. The union used is frozen into :data:`EXCLUDED_AT_DRAW` before the draw so a re-freeze
reproduces it. No held-out split. Only ids, offsets and checksums are stored (MTSamples licence).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw_mts  # noqa: E402
import draw_mts5  # noqa: E402
import mts_draw  # noqa: E402

SEED = "20261210-mts6"
MANIFEST = HERE / "mts6_manifest.jsonl"
EXCLUDED_AT_DRAW = HERE / "mts6_excluded_at_draw.txt"
STRATA = draw_mts5.STRATA
COUNTS = dict(draw_mts5.COUNTS)  # A 30, P 10: stratum A weighted as mts4 / mts5 did
# Extraction draws on other branches at draw time (2026-12-05 ~08:45 UTC): read from their helpers' worktrees
# then, merged since, so read from the repository; the frozen exclusion file holds what was read.
OTHER_DRAWS = (
    draw_mts.ROOT / "eval/data/extraction/probe/manifest.jsonl",
    draw_mts.ROOT / "eval/data/extraction/probe/exclude14.json",
    draw_mts.ROOT / "eval/data/extraction/probe/exclude13.json",
)


def _other_draw_ids() -> set[str]:
    """MTSamples ids named in :data:`OTHER_DRAWS` (``mts-N`` ids, ``source_id`` fields, id lists)."""
    return mts_draw.other_draw_ids(OTHER_DRAWS)


def excluded_ids() -> set[str]:
    """The draw's exclusion: the frozen file, else the live union (see the module docstring)."""
    return mts_draw.frozen_or_live(EXCLUDED_AT_DRAW, _live_excluded_ids)


def _live_excluded_ids() -> set[str]:
    """The live union of the module docstring."""
    return (draw_mts5.excluded_ids() | mts_draw.manifest_ids(draw_mts5.MANIFEST)
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
