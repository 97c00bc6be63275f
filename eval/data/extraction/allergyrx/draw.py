"""Draw the allergy-and-medication clause probe (``allergyrx``, issue 16): real SNIPPETS in
which an allergy statement is conditional, an allergen list runs into a new clause, or a held
medication is restarted / resumed in the next sentence.

    python eval/data/extraction/allergyrx/draw.py [--data DIR]          # writes manifest.jsonl
    python eval/data/extraction/allergyrx/draw.py --pools [--data DIR]  # pool sizes per stratum

Units (as ``../allergy11/draw.py``): an ACI-bench dialogue turn with the turn before it (the cue
tested on the turn itself), an ACI-bench reference-note sentence, an MTSamples sentence
(restored line breaks); for the ``hold_restart`` stratum a unit is a sentence that holds /
stops a drug TOGETHER with the sentence after it (the restart cue tested on that pair).
Strata (each candidate takes the first whose test holds):
- ``cond_allergy``: an allergy word and a conditional ("if", "unless", "whether", "in case",
  "should", "as long as") in the same unit;
- ``allergy_clause``: "allergic / allergy to ..." followed, after a comma or semicolon, by a
  subject pronoun or "the patient" and another word (a new clause after the allergen list);
- ``hold_restart``: a drug of the drug dictionary held / stopped / discontinued, and a restart
  / resume cue in the same or the next sentence;
- ``allergy_with_med``: an allergy word followed by a medication verb ("takes", "on",
  "started", "given", ...) in a unit naming a drug of the drug dictionary (an allergy and a
  medication in one sentence / turn);
- ``restart_any``: a sentence with a restart / resume cue and a drug name or a pronoun, WITH
  the sentence before it (the unit starts there);
- ``allergy_drug``: any other unit with an allergy word and a drug name.

Excluded before any cue is matched: every note / encounter of a held-out row of the extraction
manifests that existed at this draw (``DRAWN_BEFORE``; MTSamples by id and raw checksum, ACI
encounters whole, dialogue and note); every note / encounter a snippet set (told, allergy11)
drew from, whole; every MTSamples note of the medication-status probe
(``../medstat/sentences.jsonl``). The whole-note sets' other (dev / probe) notes are NOT
excluded: the notes with allergy wording are used up by allergy .. allergy10, and this probe
samples sentences of a kind none of them labelled separately; every MTSamples id and ACI held-out encounter of the triage
manifests (as allergy11). One unit per note / encounter. COUNTS units per stratum drawn with
random.Random(SEED) from the candidates sorted by id. Only ids, offsets, checksums and strata
are written, never text.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))  # the repository root, for eval.* and assistant.*

from assistant.clinical.drug_names import find_names  # noqa: E402
from eval.common import default_data_dir  # noqa: E402
from eval.extraction_real import ACI_DIR, MTS_CSV, _read_csv, restore_breaks, sha256  # noqa: E402

SEED = "20261207-allergyrx"
SPLIT = "allergyrx"
#: the extraction manifest folders that existed at this draw (a later set changes nothing)
DRAWN_BEFORE = frozenset({
    "real", "probe", "allergy", "allergy2", "allergy3", "allergy4", "allergy5", "allergy6",
    "allergy7", "allergy8", "allergy9", "allergy10", "allergy11", "told"})
ACI_FILES = ("train", "valid", "clef_taskC_test3", "clinicalnlp_taskB_test1",
             "clinicalnlp_taskC_test2")
TRIAGE = HERE.parents[1] / "triage_real"
_I = re.IGNORECASE
_ALLERGY = re.compile(r"\ballerg\w*", _I)
_COND = re.compile(r"\b(?:if|unless|whether|in\s+case|should|as\s+long\s+as)\b", _I)
_CLAUSE = re.compile(r"\ballerg\w*\s+to\b[^.\n]*?[,;]\s*(?:and\s+|but\s+|so\s+)?"
                     r"(?:she|he|they|i|we|the\s+patient|patient)\s+\w+", _I)
_HOLD = re.compile(r"\b(?:held|hold|holding|stopped|discontinued|d/c'?d)\b", _I)
_RESTART = re.compile(r"\b(?:re-?start\w*|resum\w*|reinstitut\w*|re-?initiat\w*|"
                      r"back\s+on)\b", _I)
#: a medication verb after the allergy word: the same unit names a drug taken / given
_MED_AFTER = re.compile(r"\ballerg\w*\b.*\b(?:takes?|taking|took|on|uses?|using|started|given|"
                        r"prescribed|continues?|continued|receiv\w+|treated\s+with)\b", _I | re.S)
_PRONOUN = re.compile(r"\b(?:it|them|this|these|those|both)\b", _I)
STRATA = ("cond_allergy", "allergy_clause", "hold_restart", "allergy_with_med", "restart_any",
          "allergy_drug")
#: every unit of the first four strata (pools at draw time 2 / 0 / 5 / 6 units; restart_any 29,
#: allergy_drug 21),
#: then the broader strata to about 40
COUNTS = {"cond_allergy": 12, "allergy_clause": 6, "hold_restart": 10, "allergy_with_med": 12,
          "restart_any": 15, "allergy_drug": 14}
_SENT_END = re.compile(r"(?<![A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\d)[.!?](?=\s+[A-Z\[])|"
                       r"\n")


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line of ``text``, spaces trimmed."""
    out, pos = [], 0
    for m in [*_SENT_END.finditer(text), None]:
        end = m.end() if m else len(text)
        seg = text[pos:end]
        a = pos + len(seg) - len(seg.lstrip())
        b = pos + len(seg.rstrip())
        if b > a:
            out.append((a, b))
        pos = end
    return out


def _turns(text: str) -> list[tuple[int, int, int]]:
    """(start, end, own start) of each dialogue turn WITH the turn before it."""
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line.rstrip())))
        pos += len(line) + 1
    return [(lines[k - 1][0] if k else a, b, a) for k, (a, b) in enumerate(lines)]


def _excluded() -> tuple[set[str], set[str], set[str], set[tuple[str, str, int, int]]]:
    """MTSamples ids and raw checksums, ACI encounter ids excluded whole, and the (encounter
    or note, field, start, end) spans of the snippet sets (module docstring)."""
    ids, shas, aci, spans = set(), set(), set(), set()
    for path in sorted(HERE.parent.glob("*/manifest*.jsonl")):
        if path.parent.name not in DRAWN_BEFORE:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if r["source"] == "mtsamples" and "field" in r:
                spans.add((str(r["source_id"]), r["field"], r["start"], r["end"]))
            elif r["source"] == "mtsamples":
                if r["split"] == "heldout":
                    ids.add(str(r["source_id"]))
                    if "sha256_raw" in r:
                        shas.add(r["sha256_raw"])
            elif r["split"] == "heldout":
                aci.add(r["source_id"].split("-", 1)[1])
            elif "field" in r:  # a snippet set: only its own span is used
                spans.add((r["source_id"].split("-", 1)[1], r["field"], r["start"], r["end"]))
    for line in (HERE.parent / "medstat" / "sentences.jsonl").read_text(
            encoding="utf-8").splitlines():
        if line.strip():
            ids.add(json.loads(line)["note"].removeprefix("mts-"))
    for path in sorted(TRIAGE.glob("mts*_manifest.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(str(json.loads(line)["source_id"]))
    for path in sorted(TRIAGE.glob("*_excluded_at_draw.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                ids.add(line.strip().removeprefix("mts-"))
    for path in sorted(TRIAGE.glob("*.jsonl")):
        if "heldout" in path.name:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and json.loads(line).get("split") == "heldout":
                aci |= set(re.findall(r"D2N\d+", line))
    return ids, shas, aci, spans


def _stratum(own: str, pair: str | None, prev: str | None = None) -> str | None:
    if _ALLERGY.search(own) and _COND.search(own):
        return "cond_allergy"
    if _CLAUSE.search(own):
        return "allergy_clause"
    if pair is not None and _HOLD.search(own) and find_names(own) and _RESTART.search(pair):
        return "hold_restart"
    if _MED_AFTER.search(own) and find_names(own):
        return "allergy_with_med"
    if prev is not None and _RESTART.search(own) and (find_names(own) or _PRONOUN.search(own)):
        return "restart_any"
    if _ALLERGY.search(own) and find_names(own):
        return "allergy_drug"
    return None


def _units(data_dir: Path):
    ids, shas, aci, spans = _excluded()

    def overlaps(key: str, field: str, a: int, b: int) -> bool:
        return any(e == key and f == field and a < y and x < b for e, f, x, y in spans)

    def sentence_units(base: dict, field: str, text: str):
        sents = _sentences(text)
        for k, (a, b) in enumerate(sents):
            own = text[a:b]
            nxt = sents[k + 1][1] if k + 1 < len(sents) else b
            before = sents[k - 1][0] if k else a
            s = _stratum(own, text[a:nxt], text[before:a])
            if s == "hold_restart":
                b = nxt
            elif s == "restart_any":
                a = before
            if s and not overlaps(base["source_id"].split("-", 1)[-1], field, a, b):
                yield {**base, "id": f"{base['pfx']}{a}", "field": field, "start": a, "end": b,
                       "type": s, "text": text[a:b]}

    for name in ACI_FILES:
        for row in _read_csv(data_dir / ACI_DIR / f"{name}.csv"):
            enc = row["encounter_id"]
            if enc in aci:
                continue
            base = {"source": "aci_bench", "source_id": f"{name}-{enc}"}
            text = row["dialogue"]
            for a, b, own in _turns(text):
                s = _stratum(text[own:b], None)
                if s and not overlaps(enc, "dialogue", a, b):
                    yield {**base, "pfx": "", "id": f"aci-{name}-{enc}-d{a}", "field": "dialogue",
                           "start": a, "end": b, "type": s, "text": text[a:b]}
            yield from sentence_units({**base, "pfx": f"aci-{name}-{enc}-n"}, "note", row["note"])
    seen: set[str] = set()
    for row in _read_csv(data_dir / MTS_CSV):
        raw = row["transcription"] or ""
        if str(row["note_id"]) in ids or sha256(raw) in shas or raw in seen:
            continue
        seen.add(raw)
        yield from sentence_units({"source": "mtsamples", "source_id": row["note_id"],
                                   "pfx": f"mts-{row['note_id']}-"}, "restored",
                                  restore_breaks(raw))


def pools(data_dir: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {s: [] for s in STRATA}
    for u in _units(data_dir):
        if len(u["text"]) <= 700:
            out[u["type"]].append(u)
    return out


def draw(data_dir: Path) -> list[dict]:
    by = pools(data_dir)
    rng = random.Random(SEED)
    out, used = [], set()
    for stratum in STRATA:
        pool = sorted(by[stratum], key=lambda r: r["id"])
        picked = []
        for u in rng.sample(pool, len(pool)):
            if len(picked) == COUNTS[stratum]:
                break
            if u["source_id"] in used:
                continue
            used.add(u["source_id"])
            picked.append({"id": u["id"], "source": u["source"], "source_id": u["source_id"],
                           "field": u["field"], "start": u["start"], "end": u["end"],
                           "sha256": sha256(u["text"]), "type": stratum, "split": SPLIT})
        out += sorted(picked, key=lambda r: r["id"])
    return out


def unit_text(row: dict, data_dir: Path) -> str:
    """The text of a manifest row, its checksum verified."""
    if row["source"] == "aci_bench":
        name, enc = row["source_id"].split("-", 1)
        text = next(r[row["field"]] for r in _read_csv(data_dir / ACI_DIR / f"{name}.csv")
                    if r["encounter_id"] == enc)
    else:
        text = restore_breaks(next(r["transcription"] for r in _read_csv(data_dir / MTS_CSV)
                                   if r["note_id"] == row["source_id"]))
    unit = text[row["start"]:row["end"]]
    if sha256(unit) != row["sha256"]:
        raise ValueError(f"{row['id']}: the source text has changed")
    return unit


def main() -> int:
    args = sys.argv[1:]
    data_dir = Path(args[args.index("--data") + 1]) if "--data" in args else default_data_dir()
    if "--pools" in args:
        for s, p in pools(data_dir).items():
            print(s, len(p), len({u["source_id"] for u in p}))
        return 0
    path = HERE / "manifest.jsonl"
    if path.exists() and "--force" not in args:
        print(f"{path} exists (--force to redraw)")
        return 1
    rows = draw(data_dir)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} rows to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
