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

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw_mts  # noqa: E402
import draw_mts2  # noqa: E402
from draw_mts import cut_at, sections, sha, triage_text  # noqa: E402

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


def _manifest_ids(path: Path) -> set[str]:
    """MTSamples ids of every row (dev and held-out) of a triage manifest."""
    return {json.loads(line)["source_id"]
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def excluded_ids() -> set[str]:
    """The draw's exclusion: the frozen file, else the live union (see the module docstring)."""
    if EXCLUDED_AT_DRAW.exists():
        return set(EXCLUDED_AT_DRAW.read_text(encoding="utf-8").split())
    return (_manifest_ids(draw_mts.MANIFEST) | _manifest_ids(draw_mts2.MANIFEST)
            | draw_mts.excluded_ids() | draw_mts2.excluded_ids() | draw_mts.extraction_ids())


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
