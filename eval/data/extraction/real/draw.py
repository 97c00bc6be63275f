"""Draw the real-text extraction set and freeze its split; writes manifest.jsonl here.

    python eval/data/extraction/real/draw.py [--data DIR]

MTSamples: transcriptions of 500..6000 characters, duplicates (the same text filed under
several specialties) dropped, each classified into one note type (first rule that applies, in
TYPE_RULES order), then COUNTS[type] notes drawn per type with random.Random(SEED) from the
candidates sorted by note_id. ACI-bench: ACI_COUNT reference notes from train+valid, same
generator. Split: within each stratum (the 7 MTSamples types and ACI-bench) the drawn notes are
shuffled with random.Random(SEED + 1) and the first round(n / 3) become ``heldout``, the rest
``dev``. Only ids, types, checksums and the split are written, never note text.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))  # the repository root, for eval.*

from eval.common import manifest_main  # noqa: E402
from eval.extraction_real import (  # noqa: E402
    MTS_CSV,
    _read_csv,
    aci_texts,
    restore_breaks,
    sha256,
)

SEED = 20261204
MIN_CHARS, MAX_CHARS = 500, 6000
COUNTS = {"pediatrics": 6, "discharge": 6, "ed": 6, "operative": 5, "radiology": 5,
          "progress": 6, "hp_consult": 6}
ACI_COUNT = 10
ACI_FILES = ("train", "valid")


def _has(row: dict[str, str], *words: str) -> bool:
    hay = f"{row['sample_name']} {row['description']}".lower()
    return any(w in hay for w in words)


def _spec(row: dict[str, str]) -> str:
    return (row["medical_specialty"] or "").strip()


# (type, rule) in priority order: a note takes the first type whose rule holds.
TYPE_RULES: list[tuple[str, Callable[[dict[str, str]], bool]]] = [
    ("pediatrics", lambda r: _spec(r) == "Pediatrics - Neonatal"),
    ("discharge", lambda r: _spec(r) == "Discharge Summary" or _has(r, "discharge summary")),
    ("ed", lambda r: _spec(r) == "Emergency Room Reports"),
    ("operative", lambda r: "PREOPERATIVE DIAGNOS" in r["transcription"].upper()
     and "POSTOPERATIVE DIAGNOS" in r["transcription"].upper()),
    ("radiology", lambda r: _spec(r) == "Radiology"),
    ("progress", lambda r: _spec(r) in ("SOAP / Chart / Progress Notes", "Office Notes")
     or _has(r, "follow-up", "followup", "progress note", "soap")),
    ("hp_consult", lambda r: _spec(r) == "Consult - History and Phy."),
]


def classify(rows: list[dict[str, str]]) -> str | None:
    """The note type of one text (all CSV rows carrying it), or None when no rule applies."""
    for typ, rule in TYPE_RULES:
        if any(rule(r) for r in rows):
            return typ
    return None


def draw(data_dir: Path) -> list[dict]:
    """The manifest rows, MTSamples by type then ACI-bench, with their frozen split."""
    by_text: dict[str, list[dict[str, str]]] = {}
    for row in _read_csv(data_dir / MTS_CSV):
        text = row["transcription"] or ""
        if MIN_CHARS <= len(text) <= MAX_CHARS:
            by_text.setdefault(text, []).append(row)
    candidates: dict[str, list[tuple[int, str, dict[str, str]]]] = {t: [] for t in COUNTS}
    specs: dict[int, str] = {}
    for text, rows in by_text.items():
        typ = classify(rows)
        if typ is not None:
            first = min(rows, key=lambda r: int(r["note_id"]))
            candidates[typ].append((int(first["note_id"]), text, first))
            specs[int(first["note_id"])] = "; ".join(sorted({_spec(r) for r in rows}))
    rng = random.Random(SEED)
    manifest: list[dict] = []
    for typ, k in COUNTS.items():
        pool = sorted(candidates[typ], key=lambda c: c[0])
        for note_id, text, row in sorted(rng.sample(pool, k), key=lambda c: c[0]):
            manifest.append({"id": f"mts-{note_id}", "source": "mtsamples",
                             "source_id": str(note_id), "type": typ,
                             "specialty": specs[note_id], "sample_name": row["sample_name"].strip(),
                             "chars": len(text), "sha256": sha256(restore_breaks(text)),
                             "sha256_raw": sha256(text)})
    aci = aci_texts(data_dir, ACI_FILES)
    for key in sorted(rng.sample(sorted(aci), ACI_COUNT)):
        text = aci[key]
        manifest.append({"id": f"aci-{key}", "source": "aci_bench", "source_id": key,
                         "type": "aci_visit", "specialty": "primary/specialty visit",
                         "sample_name": key, "chars": len(text), "sha256": sha256(text),
                         "sha256_raw": sha256(text)})
    split_rng = random.Random(SEED + 1)
    for typ in [*COUNTS, "aci_visit"]:
        ids = [m["id"] for m in manifest if m["type"] == typ]
        split_rng.shuffle(ids)
        held = set(ids[:round(len(ids) / 3)])
        for m in manifest:
            if m["type"] == typ:
                m["split"] = "heldout" if m["id"] in held else "dev"
    return manifest


def main() -> int:
    """Write manifest.jsonl (refuses to change an existing one unless --force)."""
    return manifest_main(draw, HERE / "manifest.jsonl", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
