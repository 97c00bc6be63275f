"""Tenth MTSamples triage draw (issue 21, mts10): minor presentations, ids only, dev + held-out.

    python eval/data/triage_real/draw_mts10.py freeze [--data ../shared/data]  # writes mts10_manifest.jsonl
    python eval/data/triage_real/draw_mts10.py show START N                    # rows, for labelling
    python eval/data/triage_real/probe.py --file mts10_dev.tsv [--misses]      # triage (primary care), dev rows
    python eval/data/triage_real/probe.py --file mts10_dev.tsv --heldout       # the frozen third: once, at the end

Why: the frozen held-out third of the vignette set scores self-care 0/5 while its dev part is
9/9, so the self-care rules did not generalise; the exam and lay pools are used up. A fresh
probe of office / SOAP / chart / consult notes, weighted to outpatient specialties that hold
minor complaints. Seed :data:`SEED`.

Pool (after every earlier draw, the header-and-diagnosis rule of ``draw_mts.py`` leaves almost
no outpatient notes, so this draw reads the presentation more widely): a distinct
transcription (``draw_mts.norm``) filed under one of :data:`STRATA` (stratum ``M``: the minor-
complaint specialties; ``W``: other outpatient specialties, read after M), not an operative,
procedure, test or discharge report (:data:`NOT_VISIT`), whose presentation is a chief-complaint
/ reason-for-visit / HPI / subjective / history section (:data:`PRESENTATION`, any upper-case
``HEADER:``) or a SOAP ``S -`` / ``S:`` opening. The label source is the note's own assessment /
impression / diagnosis (never part of the input); many remaining MTSamples office notes are
stored cut after the history, and for those the note's own title and description fields (which
name the diagnosis: "Consultation for FCR tendinitis") are the label source, said per row. Only
11 outpatient notes with an assessment header were left after the earlier draws, so every
candidate is drawn (in seeded order) and the read-and-not-kept ones are listed with the reason
in ``mts10_skipped.tsv``. The triage input is the
presentation only (chief complaint + HPI / subjective), cut by ``draw_mts.cut_at`` before the
first sentence that reports a test, a treatment of this encounter or a diagnosis, and ending
before the objective / examination / assessment part; an age is prepended as ``draw_mts``
does.

EXCLUDED by id and by normalised text (frozen in :data:`EXCLUDED_AT_DRAW` before the draw): every
id of every ``mts*_manifest.jsonl``, every ``*_excluded_at_draw.txt`` of this folder, every
MTSamples id of ``eval/data/extraction/**/manifest.jsonl`` (``real/manifest.jsonl``
included, by id only: its gold files and labels are never read) and every ``mts-N`` any text
file under ``eval/``, ``tests/`` or ``docs/`` names. A seeded third per stratum
(``SEED-split-<stratum>``) is ``heldout``: labelled with the rest before the triage path ran,
scored once at the end and reported apart. Only ids, offsets and checksums are stored
(MTSamples licence).
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
import mts_draw  # noqa: E402
from draw_mts import cut_at, sha, triage_text  # noqa: E402

SEED = "20261213-mts10"
MANIFEST = HERE / "mts10_manifest.jsonl"
EXCLUDED_AT_DRAW = HERE / "mts10_excluded_at_draw.txt"
STRATA: dict[str, tuple[str, ...]] = {
    "M": ("Dermatology", "ENT - Otolaryngology", "Allergy / Immunology", "General Medicine",
          "SOAP / Chart / Progress Notes", "Office Notes", "Pediatrics - Neonatal"),
    "W": ("Orthopedic", "Podiatry", "Ophthalmology", "Chiropractic", "Pain Management",
          "Consult - History and Phy.", "Urology", "Obstetrics / Gynecology", "Gastroenterology",
          "Neurology", "Rheumatology", "Endocrinology", "Sleep Medicine"),
}
COUNTS = {"M": 40, "W": 30}
# an operative / procedure / test / delivery / discharge / template / teaching text: no visit
NOT_VISIT = re.compile(
    r"PRE-?OPERATIVE|POST-?OPERATIVE|PRE-?OP\b|POST-?OP\b|PROCEDURES? (PERFORMED|IN DETAIL)|"
    r"OPERATION|OPERATIVE NOTE|DISCHARGE DIAGNOS|HOSPITAL COURSE|ADMI(T|SS)(ING|ION) DIAGNOS|"
    r"^\s*PROCEDURES?:|FINDINGS:|TECHNIQUE:|^\s*EXAM:|DELIVERY NOTE|GROSS DESCRIPTION|SPECIMENS?:|"
    r"ALLOWED CONDITIONS?:|DATE OF INJURY|INDICATIONS?:|DESCRIPTION:", re.M)
PRESENTATION = re.compile(
    r"^(CHIEF COMPLAINTS?|CC|REASON FOR (THE )?(VISIT|CONSULTATION|CONSULT|REFERRAL|EVALUATION)|"
    r"HISTORY OF (THE )?PRESENT(ING)? (ILLNESS|COMPLAINT|PROBLEM)|PRESENT ILLNESS|HPI|HX|SUBJECTIVE|"
    r"HISTORY|BRIEF HISTORY|INTERVAL HISTORY)$")
_CCH = re.compile(r"^(CHIEF COMPLAINTS?|CC|REASON FOR)")
_SOAP_S = re.compile(r"^\s*S\s*[-:]\s*")
# the SOAP objective / assessment marker ("O:", "O -", "O -,", "A -,") that ends the subjective part
_SOAP_O = re.compile(r"(?:^|\s)[OA]\s*[-:][\s,]")


def presentation_spans(text: str) -> list[list[int]]:
    """Offsets of the chief complaint and HPI / subjective bodies (or a SOAP ``S -`` part), empty
    when the note has none."""
    m = _SOAP_S.match(text)
    if m:
        o = _SOAP_O.search(text, m.end())
        end = o.start() if o else len(text)
        spans = [[m.end(), cut_at(text, m.end(), end)]]
    else:
        heads = list(draw_mts._HEAD.finditer(text))
        cc: list[int] | None = None
        hpi: list[int] | None = None
        for i, h in enumerate(heads):
            name = " ".join(h.group("h").split())
            end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
            if not PRESENTATION.match(name):
                continue
            if _CCH.match(name):
                cc = cc or [h.end(), end]
            elif hpi is None:
                hpi = [h.end(), cut_at(text, h.end(), end)]
        spans = [s for s in (cc, hpi) if s]
    spans = [s for s in spans if text[s[0]:s[1]].strip(" ,\n\t")]
    return spans


def excluded_ids() -> set[str]:
    """The draw's exclusion: the frozen file, else the live union (see the module docstring)."""
    return mts_draw.frozen_or_live(EXCLUDED_AT_DRAW, _live_excluded_ids)


def _live_excluded_ids() -> set[str]:
    """The live union of the module docstring."""
    ids: set[str] = set()
    for man in sorted(HERE.glob("mts*_manifest.jsonl")):
        if man != MANIFEST:
            ids |= mts_draw.manifest_ids(man)
    for frozen in sorted(HERE.glob("*excluded_at_draw.txt")):
        if frozen != EXCLUDED_AT_DRAW:
            ids |= set(frozen.read_text(encoding="utf-8").split())
    for man in sorted((HERE.parent / "extraction").glob("**/manifest.jsonl")):
        for line in man.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                sid = str(row.get("source_id") or row.get("id", "")).removeprefix("mts-")
                if sid.isdigit():
                    ids.add(sid)
    files = [f for sub in ("eval", "tests", "docs") for f in sorted((draw_mts.ROOT / sub).rglob("*"))
             if f.is_file() and f.suffix in {".py", ".md", ".tsv", ".jsonl", ".json", ".txt", ".yaml"}
             and "mts10_" not in f.name and not _never_read(f)]
    for f in files:
        ids |= set(re.findall(r"\bmts-(\d+)\b", f.read_text(encoding="utf-8", errors="replace")))
    return ids


def _never_read(f: Path) -> bool:
    """The extraction gold set's text files (dev and held-out together): never opened here."""
    rel = f.resolve().relative_to(draw_mts.ROOT).as_posix()
    return rel.startswith("eval/data/extraction/real/gold") or rel == "eval/data/extraction/real/labels.txt"


def candidates(data: Path, ex: set[str]) -> dict[str, list[tuple[str, str, list[list[int]]]]]:
    """(note id, restored text, spans) per stratum, excluded notes and their duplicates removed."""
    rows = draw_mts.read_rows(data)
    ex_norm = {draw_mts.norm(r["transcription"] or "") for r in rows if r["note_id"] in ex}
    by_text: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        t = r["transcription"] or ""
        if t.strip():
            by_text.setdefault(draw_mts.norm(t), []).append(r)
    out: dict[str, list[tuple[str, str, list[list[int]]]]] = {k: [] for k in STRATA}
    for key, group in by_text.items():
        if key in ex_norm or any(r["note_id"] in ex for r in group):
            continue
        specs = {(r["medical_specialty"] or "").strip() for r in group}
        stratum = next((s for s, names in STRATA.items() if specs & set(names)), None)
        if stratum is None:
            continue
        first = min(group, key=lambda r: int(r["note_id"]))
        text = draw_mts.restore_breaks(first["transcription"])
        if NOT_VISIT.search(text):
            continue
        spans = presentation_spans(text)
        if spans:
            out[stratum].append((first["note_id"], text, spans))
    for v in out.values():
        v.sort(key=lambda it: int(it[0]))
    return out


def freeze(data: Path) -> list[dict[str, Any]]:
    """The manifest rows: a seeded draw per stratum, then a seeded third per stratum held out."""
    rows: list[dict[str, Any]] = []
    for stratum, pool in candidates(data, excluded_ids()).items():
        random.Random(f"{SEED}-{stratum}").shuffle(pool)
        drawn = pool[:COUNTS[stratum]]
        order = list(range(len(drawn)))
        random.Random(f"{SEED}-split-{stratum}").shuffle(order)
        held = set(order[:round(len(drawn) / 3)])
        for i, (nid, text, spans) in enumerate(drawn):
            rec = {"id": f"mts-{nid}", "source_id": nid, "stratum": stratum,
                   "split": "heldout" if i in held else "dev", "spans": spans, "sha256": sha(text)}
            rec["sha256_input"] = sha(triage_text(text, rec))
            rows.append(rec)
    return rows


def load(data: Path, split: str = "dev") -> list[tuple[dict[str, Any], str, str]]:
    """(manifest row, full restored text, triage input) of one split, checksums verified."""
    return draw_mts.load(data, split, MANIFEST)


def main() -> None:
    """CLI: freeze (writes the exclusion file first, when absent) or show rows of both splits
    (for labelling, before the triage path runs)."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=["freeze", "show"])
    ap.add_argument("start", nargs="?", type=int, default=0)
    ap.add_argument("n", nargs="?", type=int, default=1000)
    ap.add_argument("--data", type=Path, default=draw_mts.DATA)
    args = ap.parse_args()
    if args.cmd == "freeze":
        if not EXCLUDED_AT_DRAW.exists():
            EXCLUDED_AT_DRAW.write_text("".join(f"{i}\n" for i in sorted(excluded_ids(), key=int)),
                                        encoding="utf-8")
        rows = freeze(args.data)
        MANIFEST.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        pools = {s: len(v) for s, v in candidates(args.data, excluded_ids()).items()}
        print("pools", pools, "drawn", {s: sum(r["stratum"] == s for r in rows) for s in STRATA},
              {sp: sum(r["split"] == sp for r in rows) for sp in ("dev", "heldout")})
        return
    both = load(args.data, "dev") + load(args.data, "heldout")
    for i, (rec, full, inp) in enumerate(both[args.start:args.start + args.n], start=args.start):
        print(f"===== #{i} {rec['stratum']} {rec['id']} {rec['split']}\n--- INPUT:\n{inp}\n"
              f"--- FULL NOTE:\n{full}\n")


if __name__ == "__main__":
    main()
