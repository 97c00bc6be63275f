"""Draw the negation-scope probe (issue 16: negation scope in comma lists and graded exam
findings): real MTSamples sentences of four kinds, with the sentence before as context.

    PYTHONPATH=. python eval/data/extraction/negscope/draw.py [--data DIR] > sentences.jsonl

Kinds (regular expressions below, selection only):
  list    "No X, Y present/noted/seen/..." (a negation at a comma list's head, an affirming
          word later in the sentence)
  negfor  "negative for X, Y ..." (a list after "negative for")
  pulse   a pulse statement with a grade below normal (0, 1+, trace, absent, diminished,
          weak, nonpalpable, doppler) in the same sentence as a pulse word
  rhythm  "sinus rhythm" with a rate or "tachy"/"brady" in the sentence

Notes: MTSamples transcriptions not in any eval/data/extraction/*/manifest.jsonl (by id or by
normalised text; so never a held-out note). Per kind, candidates sorted by (note id, offset)
are shuffled with random.Random(SEED + kind) and taken at most one per note, N[kind] of them.
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

SEED = "20261207-negscope"
N = {"list": 16, "negfor": 8, "pulse": 10, "rhythm": 6}
_AFFIRM = r"(?:present|noted|seen|identified|persists?|persistent|positive|appreciated|found)"
KINDS = {
    "list": re.compile(r"\bno\s+[^.;:]{1,80},[^.;:]{1,80}\b" + _AFFIRM + r"\b", re.I),
    "negfor": re.compile(r"\bnegative\s+for\s+[^.;:]{1,80},[^.;:]{1,80}", re.I),
    "pulse": re.compile(r"\bpulses?\b[^.;]{0,80}(?:(?<![\d.])[01]\s*\+|\+\s*[01]\b|\btrace\b|"
                        r"\babsent\b|\bdiminished\b|\bdecreased\b|\bweak\b|\bnon-?palpable\b|"
                        r"\bdoppler)|(?:(?<![\d.])[01]\s*\+|\btrace\b|\babsent\b|"
                        r"\bdiminished\b|\bdecreased\b|\bweak\b|\bnon-?palpable\b)[^.;]{0,40}"
                        r"\bpulses?\b", re.I),
    "rhythm": re.compile(r"\bsinus\s+rhythm\b[^.;]{0,60}(?:\brate\b|\d{2,3}|tachy|brady)|"
                         r"(?:\brate\b|tachy|brady)[^.;]{0,40}\bsinus\s+rhythm\b", re.I),
}


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
    cands: dict[str, list[dict]] = {k: [] for k in KINDS}
    seen = set()
    for r in sorted(rows, key=lambda r: int(r["note_id"])):
        t = r["transcription"]
        if r["note_id"] in used_ids or _norm(t) in used_text or _norm(t) in seen:
            continue
        seen.add(_norm(t))
        sents = list(re.finditer(r"[^.;!?]+(?:[.!?](?=\s|$)|$)", t))
        for i, m in enumerate(sents):
            s = m.group(0).strip()
            if len(s) < 15 or len(s) > 400:
                continue
            for kind, rx in KINDS.items():
                if rx.search(s):
                    ctx = sents[i - 1].group(0).strip() if i else ""
                    cands[kind].append({"note": f"mts-{r['note_id']}", "offset": m.start(),
                                        "kind": kind, "context": ctx, "sentence": s})
                    break
    out = []
    for kind, cs in cands.items():
        rng = random.Random(SEED + kind)
        rng.shuffle(cs)
        notes: set[str] = set()
        got = 0
        for c in cs:
            if c["note"] in notes:
                continue
            notes.add(c["note"])
            out.append(c)
            got += 1
            if got == N[kind]:
                break
    out.sort(key=lambda c: (list(KINDS).index(c["kind"]), int(c["note"][4:]), c["offset"]))
    for i, c in enumerate(out):
        c["sid"] = f"ns{i:02d}"
        sys.stdout.write(json.dumps(c) + "\n")


if __name__ == "__main__":
    main()
