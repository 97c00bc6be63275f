"""Draw the "told reaction" snippet probe (issue 16): real sentences in which a drug is named
with a reaction, an intolerance or an allergy word, in prose or dialogue.

    python eval/data/extraction/told/draw.py [--data DIR]          # writes manifest.jsonl
    python eval/data/extraction/told/draw.py --pools [--data DIR]  # pool sizes per stratum

The allergy .. allergy10 draws used up the MTSamples notes with allergy wording and every ACI
reference note with an allergy word; this probe samples SNIPPETS instead of whole notes, so a
told reaction with no allergy word ("penicillin gives me hives", "broke out from amoxicillin")
can be drawn. Unit: in an ACI-bench dialogue a turn (with the turn before it, the question it
answers); in an ACI-bench reference note or an MTSamples note a sentence (the text between
sentence ends or line breaks). A unit enters the pool when it names a drug of the project's
drug dictionary (``assistant.clinical.drug_names.find_names``) and a reaction cue
(``_CUE``); each candidate takes the first stratum of STRATA whose test holds.

Excluded: every note of every extraction manifest (``eval/data/extraction/*/manifest.jsonl``,
the held-out split's included: by source id, and for MTSamples by raw-text checksum too) and,
for ACI-bench, every encounter id of those manifests in any ACI file (a dialogue and its
reference note are one encounter). Nothing of a held-out note is read: its texts are skipped
before any matching. Only ids, offsets, checksums and strata are written, never text.
COUNTS units per stratum are drawn with random.Random(SEED) from the candidates sorted by id.
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

SEED = "20261205-told"
SPLIT = "told"
ACI_FILES = ("train", "valid", "clef_taskC_test3", "clinicalnlp_taskB_test1",
             "clinicalnlp_taskC_test2")
_I = re.IGNORECASE
#: a reaction told with a drug (verb forms), an allergy / intolerance word, or a reaction noun
_TOLD = re.compile(
    r"\b(?:gives?|gave|giving|caus(?:es|ed|e|ing)|makes?|made|broke\s+out|breaks?\s+out|"
    r"gets?\s+(?:an?\s+)?(?:hives|rash|itch\w*|swell\w*|sick|nause\w*|sores?)|"
    r"got\s+(?:an?\s+)?(?:hives|rash|itch\w*|swell\w*|sick|nause\w*)|\w+-induced|"
    r"react(?:s|ed|ion|ions)?|side[\s-]+effects?)\b", _I)
_ALLERGY = re.compile(r"\ballerg\w*|\bintoleran\w*|\bsensitiv\w+\s+to\b", _I)
_REACTION_NOUN = re.compile(
    r"\b(?:hives|rash\w*|itch\w*|swell\w*|anaphyla\w*|angioedema|nause\w*|vomit\w*|diarrh\w*|"
    r"throw(?:s|ing)?\s+up|wheez\w*|short(?:ness)?\s+of\s+breath|welts|blisters?|"
    r"upset\s+stomach|stomach\s+upset|dizz\w*|headaches?|cough\w*|myalgia\w*|muscle\s+aches?)\b",
    _I)
_CUE = re.compile(_TOLD.pattern + "|" + _ALLERGY.pattern + "|" + _REACTION_NOUN.pattern, _I)
STRATA = [("told_verb", lambda u: _TOLD.search(u) and _REACTION_NOUN.search(u)),
          ("allergy_word", lambda u: _ALLERGY.search(u)),
          ("reaction_noun", lambda u: _REACTION_NOUN.search(u)),
          ("other_cue", lambda u: _TOLD.search(u))]
COUNTS = {"told_verb": 24, "allergy_word": 14, "reaction_noun": 8, "other_cue": 4}
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


def _turns(text: str) -> list[tuple[int, int]]:
    """(start, end) of each dialogue turn WITH the turn before it (the question it answers)."""
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line.rstrip())))
        pos += len(line) + 1
    return [(lines[k - 1][0] if k else a, b) for k, (a, b) in enumerate(lines)]


def _excluded() -> tuple[set[str], set[str], set[str]]:
    """MTSamples ids, raw checksums and ACI encounter ids of every extraction manifest."""
    ids, shas, aci = set(), set(), set()
    for path in sorted(HERE.parent.glob("*/manifest*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if r["source"] == "mtsamples":
                ids.add(r["source_id"])
                shas.add(r["sha256_raw"])
            else:
                aci.add(r["source_id"].split("-", 1)[1])
    return ids, shas, aci


def _units(data_dir: Path):
    """(id, source, source_id, field, start, end, unit text) of every unit of the pool."""
    ids, shas, aci = _excluded()
    for name in ACI_FILES:
        for row in _read_csv(data_dir / ACI_DIR / f"{name}.csv"):
            enc = row["encounter_id"]
            if enc in aci:
                continue
            for field, cut in (("dialogue", _turns), ("note", _sentences)):
                text = row[field]
                for a, b in cut(text):
                    yield (f"aci-{name}-{enc}-{field[0]}{a}", "aci_bench", f"{name}-{enc}", field,
                           a, b, text[a:b])
    seen: set[str] = set()
    for row in _read_csv(data_dir / MTS_CSV):
        raw = row["transcription"] or ""
        if row["note_id"] in ids or sha256(raw) in shas or raw in seen:
            continue
        seen.add(raw)
        text = restore_breaks(raw)
        for a, b in _sentences(text):
            yield (f"mts-{row['note_id']}-{a}", "mtsamples", row["note_id"], "restored", a, b,
                   text[a:b])


def pools(data_dir: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {s: [] for s, _ in STRATA}
    for uid, source, source_id, field, a, b, unit in _units(data_dir):
        if len(unit) > 600 or not _CUE.search(unit) or not find_names(unit):
            continue
        for stratum, test in STRATA:
            if test(unit):
                out[stratum].append({"id": uid, "source": source, "source_id": source_id,
                                     "field": field, "start": a, "end": b,
                                     "sha256": sha256(unit), "type": stratum, "split": SPLIT})
                break
    return out


def draw(data_dir: Path) -> list[dict]:
    by = pools(data_dir)
    rng = random.Random(SEED)
    out = []
    for stratum, _ in STRATA:
        pool = sorted(by[stratum], key=lambda r: r["id"])
        out += sorted(rng.sample(pool, min(COUNTS[stratum], len(pool))), key=lambda r: r["id"])
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
            print(s, len(p))
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
