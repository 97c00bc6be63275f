"""Second MTSamples triage draw (issue 21, mts2): fresh notes, ids only, all dev.

    python eval/data/triage_real/draw_mts2.py freeze [--data ../shared/data]  # writes mts2_manifest.jsonl
    python eval/data/triage_real/draw_mts2.py show START N                    # rows, for labelling
    python eval/data/triage_real/probe.py --file mts2_dev.tsv [--misses]      # triage (primary care)

Why: a second untuned measurement on notes no earlier set used, to see whether the fixes of the
first MTSamples round (``draw_mts.py``) generalise. Same strata, specialties, section rule and
triage input as ``draw_mts.py`` (its functions are reused); seed :data:`SEED`. EXCLUDED by id and
by normalised text (duplicates filed under other specialties): every id of ``mts_manifest.jsonl``
(dev AND held-out), the frozen first-draw exclusion ``mts_excluded_at_draw.txt`` and the live
:func:`draw_mts.extraction_ids` (every MTSamples id of any extraction manifest or named in any
extraction file). The union used is frozen into :data:`EXCLUDED_AT_DRAW` so a re-freeze
reproduces this draw. No held-out split: every row is ``dev``. Only ids, offsets and checksums
are stored (MTSamples licence).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw_mts  # noqa: E402
import mts_draw  # noqa: E402

SEED = "20261205-mts2"
MANIFEST = HERE / "mts2_manifest.jsonl"
EXCLUDED_AT_DRAW = HERE / "mts2_excluded_at_draw.txt"
# E has few notes left after the first draw (6 after this exclusion): every one is taken.
COUNTS = {"E": 10, "O": 20, "H": 14}


def excluded_ids() -> set[str]:
    """The draw's exclusion: the frozen file, else the live union (see the module docstring)."""
    return mts_draw.frozen_or_live(EXCLUDED_AT_DRAW, _live_excluded_ids)


def _live_excluded_ids() -> set[str]:
    """The live union of the module docstring."""
    first = mts_draw.manifest_ids(draw_mts.MANIFEST)
    return first | draw_mts.excluded_ids() | draw_mts.extraction_ids()


def freeze(data: Path) -> list[dict[str, Any]]:
    """The manifest rows: a seeded draw per stratum, all ``dev``."""
    return mts_draw.draw(data, SEED, excluded_ids(), COUNTS, None)


def load(data: Path) -> list[tuple[dict[str, Any], str, str]]:
    """(manifest row, full restored text, triage input), checksums verified (all dev)."""
    return draw_mts.load(data, "dev", MANIFEST)


def main() -> None:
    """CLI: freeze (writes the exclusion file first, when absent) or show rows."""
    mts_draw.cli(__doc__, MANIFEST, EXCLUDED_AT_DRAW, excluded_ids, freeze, load, COUNTS,
                 None)


if __name__ == "__main__":
    main()
