"""Draw the mid-list negation probe (issue 16: a "no"/"without"/"negative for" in the MIDDLE
of a comma list, after an affirmed item, with more comma items after it): real MTSamples
sentences, with the sentence before as context.

    PYTHONPATH=. python eval/data/extraction/midneg/draw.py [--data DIR] > sentences.jsonl

Selection (regular expression below, selection only): a sentence whose text before the cue
holds no negation cue, the cue opening a comma item right after an affirmed comma item
("Abdomen soft, no tenderness, guarding, or rebound", "GEN EXAM: Bilateral Carotid Bruits,
No lymphadenopathy, right inguinal hernia, ..."), and at least one more comma after the
cue's item (the items whose reading is in question).

Notes: MTSamples transcriptions not in any eval/data/extraction/*/manifest.jsonl (by id or
by normalised text; so never a held-out note). Candidates sorted by (note id, offset) are
shuffled with random.Random(SEED) and taken at most PER_NOTE per note, N of them.
Sentences are split at . ! ? followed by a space, a line end or MTSamples' "," line joiner.
"""
import argparse
import csv
import glob
import hashlib
import json
import pathlib
import random
import re
import sys

SEED = "20261207-midneg"
N = 60
PER_NOTE = 2  # the corpus holds few such sentences (59 in 46 notes)
_CUE = r"(?:no|without|negative\s+for)"
_NEG = re.compile(r"\b(?:no|not|without|negative|neg|denies|denied|deny|none|never|nor|"
                  r"free\s+of|absent|non)\b|n't", re.I)
MIDNEG = re.compile(r"(?:^|[:,]\s*)(?P<aff>[^,.;:]*[A-Za-z][^,.;:]*),\s*(?P<cue>" + _CUE +
                    r")\s+[^,.;:]+,[^.;:]*[A-Za-z]", re.I)


def _norm(t: str) -> str:
    return hashlib.sha256(re.sub(r"\s+", " ", t).strip().lower().encode()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    a = ap.parse_args()
    used_ids = set()
    for man in glob.glob("eval/data/extraction/*/manifest.jsonl"):
        for line in pathlib.Path(man).read_text().splitlines():
            row = json.loads(line)
            used_ids.add(row.get("source_id"))
    with open(f"{a.data}/mtsamples/mtsamples.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    used_text = {_norm(r["transcription"]) for r in rows if r["note_id"] in used_ids}
    cands: list[dict] = []
    seen = set()
    for r in sorted(rows, key=lambda r: int(r["note_id"])):
        t = r["transcription"]
        if r["note_id"] in used_ids or _norm(t) in used_text or _norm(t) in seen:
            continue
        seen.add(_norm(t))
        sents = list(re.finditer(r"[^.;!?]+(?:[.!?](?=\s|$|,)|$)", t))
        for i, m in enumerate(sents):
            s = m.group(0).strip().lstrip(",").strip()
            if len(s) < 15 or len(s) > 400:
                continue
            hit = MIDNEG.search(s)
            if hit is None or _NEG.search(s[:hit.start("cue")]):
                continue
            ctx = sents[i - 1].group(0).strip() if i else ""
            cands.append({"note": f"mts-{r['note_id']}", "offset": m.start(), "context": ctx,
                          "sentence": s})
    rng = random.Random(SEED)
    rng.shuffle(cands)
    per_note: dict[str, int] = {}
    out = []
    for c in cands:
        if per_note.get(c["note"], 0) == PER_NOTE:
            continue
        per_note[c["note"]] = per_note.get(c["note"], 0) + 1
        out.append(c)
        if len(out) == N:
            break
    out.sort(key=lambda c: (int(c["note"][4:]), c["offset"]))
    for i, c in enumerate(out):
        c["sid"] = f"mn{i:02d}"
        sys.stdout.write(json.dumps(c) + "\n")
    print(f"# candidates {len(cands)} in {len({c['note'] for c in cands})} notes",
          file=sys.stderr)


if __name__ == "__main__":
    main()
