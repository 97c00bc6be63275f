"""Draw the MTSamples triage probe (issue 21, mts): real transcribed presentations, ids only.

    python eval/data/triage_real/draw_mts.py freeze [--data ../shared/data]   # writes mts_manifest.jsonl
    python eval/data/triage_real/draw_mts.py show START N                     # dev rows, for labelling
    python eval/data/triage_real/probe.py --file mts_dev.tsv [--misses]       # triage on the dev rows

Why: the exam-vignette pools (MedQA/MedMCQA) and ACI-bench are used up; MTSamples was never used
for triage. Candidates: every distinct transcription (texts compared after lower-casing and
collapsing white space, since MTSamples files one text under several specialties) filed under
one of :data:`SPECIALTIES`, with a chief-complaint / HPI / subjective section and a documented
diagnosis (an impression / assessment / diagnosis header). EXCLUDED by id and by normalised text:
every MTSamples note of any ``eval/data/extraction/**/manifest.jsonl`` and every ``mts-N`` any
file under ``eval/data/extraction/`` names (held-out ids included;
their text is compared by checksum only and never shown). Strata: ``E`` Emergency Room Reports,
``O`` office / SOAP / General Medicine / Pediatrics notes, ``H`` Consult - History and Phy. /
Discharge Summary (a text filed under several takes the first of E, O, H). Each stratum is
sorted by note id and shuffled with ``random.Random(SEED)``; the first :data:`COUNTS` are drawn;
within each stratum the drawn rows are shuffled again with ``SEED + "-split"`` and the first
third is ``heldout`` (never read or scored by the tuner: the lead scores it once), the rest ``dev``.

Triage input (mechanical): the restored text (``assistant.clinical.sections.restore_breaks``,
length-preserving, so offsets equal the CSV form's) of the CHIEF COMPLAINT section and the
HISTORY OF PRESENT ILLNESS section (else SUBJECTIVE / HPI / HISTORY), each verbatim from after
its header to the next upper-case ``HEADER:``, the HPI cut before the first sentence that
matches :data:`CUT` (a result of a test or treatment of this encounter, or the clinician's
diagnosis); when neither section states an age, the first "N-year-old <sex word>" of the note
is prepended ("A 45-year-old male."). Only ids, offsets and checksums are stored (MTSamples
licence): ``mts_manifest.jsonl``; labels are in ``mts_dev.tsv``.
"""

from __future__ import annotations

import argparse
import csv
import glob
import hashlib
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from assistant.clinical.sections import restore_breaks  # noqa: E402

SEED = "20261205-mts"
DATA = ROOT.parent.parent / "shared" / "data"
MTS_CSV = Path("mtsamples") / "mtsamples.csv"
MANIFEST = HERE / "mts_manifest.jsonl"
PROBE = "mts_dev.tsv"
# Drawn notes that an extraction probe read AFTER this draw (probe12, drawn the same hour from
# the extraction manifests only): a held-out one is not scored, since the project has read it
# (ids only; no triage work was done on it).
READ_AFTER_DRAW = {"3275": "heldout; extraction probe12", "2303": "dev; extraction probe12"}
# The exclusion as it stood at the draw (commit 4a3597d), one MTSamples id per line: later
# extraction rounds name more notes, and a re-freeze must reproduce this draw.
EXCLUDED_AT_DRAW = HERE / "mts_excluded_at_draw.txt"
STRATA = {
    "E": ("Emergency Room Reports",),
    "O": ("Office Notes", "SOAP / Chart / Progress Notes", "General Medicine", "Pediatrics - Neonatal"),
    "H": ("Consult - History and Phy.", "Discharge Summary"),
}
SPECIALTIES = tuple(s for v in STRATA.values() for s in v)
COUNTS = {"E": 27, "O": 24, "H": 9}
_HEAD = re.compile(r"^[ \t]*(?P<h>[A-Z][A-Z /&()'-]{1,60}?)[ \t]*:", re.M)
_CC = re.compile(r"^(CHIEF COMPLAINTS?|REASON FOR (VISIT|CONSULTATION|ADMISSION|EVALUATION))$")
_HPI = re.compile(r"^(HISTORY OF (THE )?PRESENT ILLNESS|HPI|SUBJECTIVE|HISTORY)$")
_DX = re.compile(r"IMPRESSION|ASSESSMENT|DIAGNOS", re.M)
# A sentence that reports what this encounter found or did, or names the clinician's diagnosis.
CUT = re.compile(
    r"\b(showed|shows|revealed|reveals|demonstrated|demonstrates|found to have|was (negative|positive|"
    r"normal|unremarkable)|were (negative|positive|normal|unremarkable)|x-rays?|ct scan|\bct\b|mri|ekg|"
    r"ecg|ultrasound|troponin|urinalysis|cbc|labs?\b|laboratory|white (blood )?count|hemoglobin|"
    r"h and h|bun|creatinine|amylase|lipase|(emergency (room|department)|\ber|\bed)\b[^.]*\b(given|"
    r"received|treated|started|placed|performed|diagnosed)|was (given|started on|treated with|"
    r"diagnosed with)|(here|today) .*\b(given|diagnosed)|diagnosed (here|today|in the))", re.I)
_SENT = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")
_AGE = re.compile(r"\b\d{1,3}[- ](year|month|week|day)s?[- ]old\b|\bage[ds]? \d{1,3}\b", re.I)
_AGE_SEX = re.compile(r"\b(\d{1,3})[- ](year|month|week|day)s?[- ]old[- ](\w+)", re.I)


def norm(text: str) -> str:
    """Lower-case, white space collapsed: duplicate texts filed under several specialties."""
    return " ".join(text.lower().split())


def sha(text: str) -> str:
    """SHA-256 hex digest of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_rows(data: Path) -> list[dict[str, str]]:
    """The MTSamples CSV rows."""
    csv.field_size_limit(sys.maxsize)
    with (data / MTS_CSV).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def excluded_ids() -> set[str]:
    """The draw's exclusion: :data:`EXCLUDED_AT_DRAW` (frozen), else :func:`extraction_ids`."""
    if EXCLUDED_AT_DRAW.exists():
        return set(EXCLUDED_AT_DRAW.read_text(encoding="utf-8").split())
    return extraction_ids()


def extraction_ids() -> set[str]:
    """MTSamples note ids of every extraction manifest, held-out included (ids only)."""
    ids: set[str] = set()
    for man in glob.glob(str(HERE.parent / "extraction" / "**" / "manifest.jsonl"), recursive=True):
        for line in Path(man).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if str(row.get("source", "mtsamples")) == "mtsamples" or str(row.get("id", "")).startswith("mts-"):
                sid = str(row.get("source_id") or row.get("id", "")).removeprefix("mts-")
                if sid.isdigit():
                    ids.add(sid)
    # ids an extraction set only names (read-not-kept lists in READMEs, labels): excluded too
    for f in (HERE.parent / "extraction").rglob("*"):
        if f.is_file() and f.suffix in (".md", ".txt", ".jsonl", ".json", ".py", ".tsv"):
            ids |= set(re.findall(r"\bmts-(\d+)\b", f.read_text(encoding="utf-8", errors="replace")))
    return ids


def sections(text: str) -> dict[str, tuple[int, int]]:
    """Offsets of the chief complaint and HPI bodies in the restored text (first of each)."""
    heads = list(_HEAD.finditer(text))
    out: dict[str, tuple[int, int]] = {}
    for i, m in enumerate(heads):
        h = " ".join(m.group("h").split())
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        key = "cc" if _CC.match(h) else "hpi" if _HPI.match(h) else ""
        if key and key not in out:
            out[key] = (m.end(), end)
    return out


def cut_at(text: str, start: int, end: int) -> int:
    """End of the HPI before the first sentence matching :data:`CUT` (offset in ``text``)."""
    body = text[start:end]
    pos = 0
    for part in _SENT.split(body):
        at = body.find(part, pos)
        if CUT.search(part):
            return start + at
        pos = at + len(part)
    return end


def triage_text(text: str, rec: dict[str, Any]) -> str:
    """The triage input of one note from its manifest offsets (see the module docstring)."""
    parts = [text[a:b].strip(" ,\n\t") for a, b in rec["spans"]]
    out = "\n".join(p for p in parts if p)
    if not _AGE.search(out):
        m = _AGE_SEX.search(text)
        if m:
            out = f"A {m.group(1)}-{m.group(2).lower()}-old {m.group(3).lower()}.\n{out}"
    return out


def candidates(data: Path, ex: set[str] | None = None,
               strata: dict[str, tuple[str, ...]] | None = None) -> dict[str, list[tuple[str, str]]]:
    """(note id, restored text) per stratum, excluded notes and their duplicates removed.

    ``ex`` (MTSamples ids) defaults to :func:`excluded_ids`; the second draw (``draw_mts2.py``)
    passes its own, wider exclusion. ``strata`` (stratum -> specialties, a text filed under
    several taking the first stratum that names one) defaults to :data:`STRATA`; the third
    draw (``draw_mts3.py``) passes its own.
    """
    strata = STRATA if strata is None else strata
    rows = read_rows(data)
    ex = excluded_ids() if ex is None else ex
    ex_norm = {norm(r["transcription"] or "") for r in rows if r["note_id"] in ex}
    by_text: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        t = r["transcription"] or ""
        if t.strip():
            by_text.setdefault(norm(t), []).append(r)
    out: dict[str, list[tuple[str, str]]] = {k: [] for k in strata}
    for key, group in by_text.items():
        if key in ex_norm or any(r["note_id"] in ex for r in group):
            continue
        specs = {(r["medical_specialty"] or "").strip() for r in group}
        stratum = next((s for s, names in strata.items() if specs & set(names)), None)
        if stratum is None:
            continue
        first = min(group, key=lambda r: int(r["note_id"]))
        text = restore_breaks(first["transcription"])
        sec = sections(text)
        if "hpi" not in sec or not _DX.search(text[sec["hpi"][1]:]):
            continue
        out[stratum].append((first["note_id"], text))
    for v in out.values():
        v.sort(key=lambda it: int(it[0]))
    return out


def freeze(data: Path) -> list[dict[str, Any]]:
    """The manifest rows: seeded draw per stratum, then a seeded third held out."""
    rows: list[dict[str, Any]] = []
    for stratum, pool in candidates(data).items():
        rng = random.Random(f"{SEED}-{stratum}")
        rng.shuffle(pool)
        drawn = pool[:COUNTS[stratum]]
        order = list(range(len(drawn)))
        random.Random(f"{SEED}-split-{stratum}").shuffle(order)
        held = set(order[:round(len(drawn) / 3)])
        for i, (nid, text) in enumerate(drawn):
            sec = sections(text)
            spans = []
            if "cc" in sec:
                spans.append(list(sec["cc"]))
            a, b = sec["hpi"]
            spans.append([a, cut_at(text, a, b)])
            rec = {"id": f"mts-{nid}", "source_id": nid, "stratum": stratum,
                   "split": "heldout" if i in held else "dev", "spans": spans,
                   "sha256": sha(text)}
            rec["sha256_input"] = sha(triage_text(text, rec))
            rows.append(rec)
    return rows


def load(data: Path, split: str = "dev",
         manifest: Path = MANIFEST) -> list[tuple[dict[str, Any], str, str]]:
    """(manifest row, full restored text, triage input) of one split of ``manifest`` (this
    draw's, or a later draw's such as mts2), checksums verified."""
    texts = {r["note_id"]: r["transcription"] for r in read_rows(data)}
    out = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["split"] != split or (split == "heldout" and rec["source_id"] in READ_AFTER_DRAW):
            continue
        full = restore_breaks(texts[rec["source_id"]])
        inp = triage_text(full, rec)
        if sha(full) != rec["sha256"] or sha(inp) != rec["sha256_input"]:
            raise ValueError(f"{rec['id']}: MTSamples text changed since the draw")
        out.append((rec, full, inp))
    return out


def main() -> None:
    """CLI: freeze, or show the dev rows (never the held-out ones)."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=["freeze", "show"])
    ap.add_argument("start", nargs="?", type=int, default=0)
    ap.add_argument("n", nargs="?", type=int, default=1000)
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    if args.cmd == "freeze":
        rows = freeze(args.data)
        MANIFEST.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print({s: sum(r["stratum"] == s for r in rows) for s in STRATA},
              {sp: sum(r["split"] == sp for r in rows) for sp in ("dev", "heldout")})
        return
    dev = load(args.data)
    for i, (rec, full, inp) in enumerate(dev[args.start:args.start + args.n], start=args.start):
        print(f"===== #{i} {rec['stratum']} {rec['id']}\n--- INPUT:\n{inp}\n--- FULL NOTE:\n{full}\n")


if __name__ == "__main__":
    main()
