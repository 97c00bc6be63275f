"""Draw the medication-status probe (issue 16, medication status): sentences of MTSamples notes
with a status verb and at least one drug name, with the sentence before as context.

    PYTHONPATH=. python eval/data/extraction/medstat/draw.py [--data DIR] > sentences.jsonl

Notes: MTSamples transcriptions not in any eval/data/extraction/*/manifest.jsonl (by id or by
normalised text; the real set's held-out ids are never read beyond their id). Candidate
sentences: a status verb (STATUS_RX) and a drug name (the project's drug dictionary,
``assistant.clinical.drug_names.find_names``; selection only). N sentences, at most one per
note, drawn with random.Random(SEED) from candidates sorted by (note id, offset).
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

from assistant.clinical.drug_names import find_names

SEED = "20261206-medstat"
N = 80
STATUS_RX = re.compile(r"\b(?:stopped|discontinued|held|hold|switched|changed\s+to|started|"
                       r"resumed|avoid|instead|taper\w*|continue[ds]?)\b", re.I)


def _norm(t: str) -> str:
    return hashlib.sha256(re.sub(r"\s+", " ", t).strip().lower().encode()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    a = ap.parse_args()
    used_ids, used_sha = set(), set()
    for man in glob.glob("eval/data/extraction/*/manifest.jsonl"):
        for line in pathlib.Path(man).read_text().splitlines():
            row = json.loads(line)
            used_ids.add(row.get("source_id"))
            for k in ("sha256", "sha256_raw"):
                if row.get(k):
                    used_sha.add(row[k])
    with open(f"{a.data}/mtsamples/mtsamples.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    used_text = {_norm(r["transcription"]) for r in rows if r["note_id"] in used_ids}
    cands = []
    seen = set()
    for r in sorted(rows, key=lambda r: int(r["note_id"])):
        t = r["transcription"]
        if r["note_id"] in used_ids or _norm(t) in used_text or _norm(t) in seen:
            continue
        seen.add(_norm(t))
        sents = [m for m in re.finditer(r"[^.;!?]+(?:[.!?](?=\s|$)|$)", t)]
        for i, m in enumerate(sents):
            s = m.group(0).strip()
            if len(s) < 15 or len(s) > 400 or not STATUS_RX.search(s) or not find_names(s):
                continue
            ctx = sents[i - 1].group(0).strip() if i else ""
            cands.append({"note": f"mts-{r['note_id']}", "offset": m.start(), "context": ctx,
                          "sentence": s})
    rng = random.Random(SEED)
    rng.shuffle(cands)
    out, notes = [], set()
    for c in cands:
        if c["note"] in notes:
            continue
        notes.add(c["note"])
        out.append(c)
        if len(out) == N:
            break
    out.sort(key=lambda c: (int(c["note"][4:]), c["offset"]))
    for i, c in enumerate(out):
        c["sid"] = f"ms{i:02d}"
        sys.stdout.write(json.dumps(c) + "\n")


if __name__ == "__main__":
    main()
