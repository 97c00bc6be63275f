"""Fourth MTSamples triage draw (issue 21, mts4): fresh notes, ids only, all dev.

    python eval/data/triage_real/draw_mts4.py freeze [--data ../shared/data]  # writes mts4_manifest.jsonl
    python eval/data/triage_real/draw_mts4.py show START N                    # rows, for labelling
    python eval/data/triage_real/probe.py --file mts4_dev.tsv [--misses]      # triage (primary care)

Why: the out-of-sample measure of the mts3 fixes. The frozen MTSamples held-out split
under-triages and may not be read; ``mts3`` scored untuned 0.591 (emergencies 2/7) and its classes
were then fixed, so a fourth untuned measurement on notes no earlier set used shows whether those
fixes generalise. Same strata, section rule, cut rule and triage input as ``draw_mts3.py`` (its
:data:`draw_mts3.STRATA` and ``draw_mts.py``'s functions are reused); seed :data:`SEED`; stratum
``A`` (admission H&P / consult notes, whose HPI tells how the patient came in) weighted more to
reach more emergencies. EXCLUDED by id and by normalised text: every id of ``mts_manifest.jsonl``,
``mts2_manifest.jsonl`` and ``mts3_manifest.jsonl`` (dev AND held-out), the frozen
``mts*_excluded_at_draw.txt``, the live :func:`draw_mts.extraction_ids` and the two extraction
draws made the same hour on other branches (:data:`OTHER_DRAWS`: allergy7's manifest, probe13's
manifest and ``exclude13.json``), when present. The union used is frozen into
:data:`EXCLUDED_AT_DRAW` before the draw so a re-freeze reproduces it. No held-out split.
Only ids, offsets and checksums are stored (MTSamples licence).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw_mts  # noqa: E402
import draw_mts2  # noqa: E402
import draw_mts3  # noqa: E402
import mts_draw  # noqa: E402

SEED = "20261208-mts4"
MANIFEST = HERE / "mts4_manifest.jsonl"
EXCLUDED_AT_DRAW = HERE / "mts4_excluded_at_draw.txt"
STRATA = draw_mts3.STRATA
COUNTS = {"A": 30, "P": 10}
# Extraction draws on other branches at draw time (2026-12-05 ~08:15 UTC): read from their helpers' worktrees
# then, merged since, so read from the repository; the frozen exclusion file holds what was read.
OTHER_DRAWS = (
    draw_mts.ROOT / "eval/data/extraction/allergy7/manifest.jsonl",
    draw_mts.ROOT / "eval/data/extraction/probe/manifest.jsonl",
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
    man = mts_draw.manifest_ids
    return (man(draw_mts.MANIFEST) | man(draw_mts2.MANIFEST) | man(draw_mts3.MANIFEST)
            | draw_mts.excluded_ids() | draw_mts2.excluded_ids() | draw_mts3.excluded_ids()
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
