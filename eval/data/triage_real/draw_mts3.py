"""Third MTSamples triage draw (issue 21, mts3): fresh notes, ids only, all dev.

    python eval/data/triage_real/draw_mts3.py freeze [--data ../shared/data]  # writes mts3_manifest.jsonl
    python eval/data/triage_real/draw_mts3.py show START N                    # rows, for labelling
    python eval/data/triage_real/probe.py --file mts3_dev.tsv [--misses]      # triage (primary care)

Why: the frozen MTSamples held-out split under-triaged (emergencies 5/7) and its errors may not be
read; a third untuned measurement on notes no earlier set used, aimed at emergencies presented in
real text, shows which error classes generalise. New strata (:data:`STRATA`): ``A`` admission
H&P, consult and discharge notes of the hospital specialties, whose HPI tells how the patient came
in; ``P`` outpatient presentations (clinic, office and progress notes). The section rule, triage
input and candidate filter are ``draw_mts.py``'s (its functions are reused); seed :data:`SEED`.
EXCLUDED by id and by normalised text (duplicates filed under other specialties): every id of
``mts_manifest.jsonl`` and ``mts2_manifest.jsonl`` (dev AND held-out), the frozen exclusions
``mts_excluded_at_draw.txt`` and ``mts2_excluded_at_draw.txt`` and the live
:func:`draw_mts.extraction_ids` (every MTSamples id of any extraction manifest or named in any
extraction file, a later ``extraction/allergy7`` included once it exists). The union used is
frozen into :data:`EXCLUDED_AT_DRAW` so a re-freeze reproduces this draw. No held-out split:
every row is ``dev``. Only ids, offsets and checksums are stored (MTSamples licence).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw_mts  # noqa: E402
import draw_mts2  # noqa: E402
import mts_draw  # noqa: E402

SEED = "20261207-mts3"
MANIFEST = HERE / "mts3_manifest.jsonl"
EXCLUDED_AT_DRAW = HERE / "mts3_excluded_at_draw.txt"
# A text filed under several specialties takes the first stratum naming one (A before P).
STRATA: dict[str, tuple[str, ...]] = {
    "A": ("Consult - History and Phy.", "Discharge Summary", "Cardiovascular / Pulmonary",
          "Neurology", "Gastroenterology", "Urology", "Nephrology", "Obstetrics / Gynecology",
          "Hematology - Oncology"),
    "P": ("Orthopedic", "ENT - Otolaryngology", "Dermatology", "Ophthalmology", "Podiatry",
          "Pediatrics - Neonatal", "Office Notes", "SOAP / Chart / Progress Notes",
          "General Medicine"),
}
COUNTS = {"A": 24, "P": 16}


def excluded_ids() -> set[str]:
    """The draw's exclusion: the frozen file, else the live union (see the module docstring)."""
    return mts_draw.frozen_or_live(EXCLUDED_AT_DRAW, _live_excluded_ids)


def _live_excluded_ids() -> set[str]:
    """The live union of the module docstring."""
    man = mts_draw.manifest_ids
    return (man(draw_mts.MANIFEST) | man(draw_mts2.MANIFEST)
            | draw_mts.excluded_ids() | draw_mts2.excluded_ids() | draw_mts.extraction_ids())


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
