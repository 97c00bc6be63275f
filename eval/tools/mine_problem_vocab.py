"""Mine the unlabelled MTSamples corpus for diagnosis phrases the rules extractor misses.

Issue 16 (vocab16): the problems lexicon grew one probe miss at a time. This tool reads the
diagnosis-bearing sections of every MTSamples note (ASSESSMENT, IMPRESSION, DIAGNOSIS /
DIAGNOSES, PRE-/POSTOPERATIVE DIAGNOSIS, FINAL / DISCHARGE / ADMITTING DIAGNOSIS), skips
every note id whose manifest row is split "heldout" (by id only: no gold or label file is
read), splits each section into list items and clauses, runs the rules extractor on each
short item under a "DIAGNOSIS:" header and keeps the items where no problem came out. The
unrecognised phrases are ranked by document frequency (how many distinct note texts wrote them).

    PYTHONPATH=$PWD python eval/tools/mine_problem_vocab.py --data ../shared/data \
        --min-df 3 --out /tmp/unrecognised.tsv
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from assistant.clinical.sections import normalise_layout

MANIFEST = Path("eval/data/extraction/real/manifest.jsonl")

#: Header titles whose body is a list of diagnoses.
DIAGNOSIS_TITLE = re.compile(
    r"(?:(?:pre|post)-?operative|pre-?op|post-?op|final|discharge|admi(?:tting|ssion)|working|"
    r"principal|primary|secondary|clinical|provisional)?\s*"
    r"(?:diagnos[ie]s|impressions?|assessments?|dx)(?:\s+(?:and|&|/)\s+plan)?", re.I)

_ITEM_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z][.)]|[-*\u2022])\s*", re.I)
#: clause bounds: sentence ends, semicolons, line breaks, list numbers run on in a line
_CLAUSE = re.compile(r"(?<!\b[A-Za-z])\.(?:\s+|$)|;|\n|\s(?=\d{1,2}[.)]\s)")
_TRIM = re.compile(r"^[\s,.:;\-]+|[\s,.:;\-]+$")
_MAX_WORDS = 8
#: the header's status words, not part of the phrase ("No acute distress", "Status post")
_NON_DIAGNOSIS = re.compile(
    r"^(?:same|see above|as above|none|n/a|deferred|pending|normal|negative|unremarkable|"
    r"stable|improved|resolved|plan|discussed)\b", re.I)


def heldout_ids(manifest: Path = MANIFEST) -> set[str]:
    """Note ids (MTSamples note_id) of the held-out split: by id only."""
    out = set()
    for line in manifest.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("split") == "heldout" and row.get("source") == "mtsamples":
            out.add(str(row["source_id"]))
    return out


#: an MTSamples header: a capitalised title and its colon, at a line start or after the
#: ".," / ", ," that stand for line breaks in the flattened corpus
_HEADER = re.compile(r"(?:^|(?<=\n))[ \t]*(?P<title>[A-Z][A-Z0-9 /&()'-]{1,60}?)\s*:", re.M)


def _unflatten(text: str) -> str:
    text = re.sub(r",\s*,", "\n", text)
    text = re.sub(r"(?<=[.:]),(?=\S)", "\n", text)
    text = re.sub(r",(?=\s*(?:[A-Z][A-Z0-9 /&()'-]{2,60}:|\d{1,2}\.\s))", "\n", text)
    return normalise_layout(text)


def diagnosis_items(text: str) -> list[str]:
    """Short clauses of a note's diagnosis sections."""
    text = _unflatten(text)
    heads = list(_HEADER.finditer(text))
    items = []
    for i, m in enumerate(heads):
        if not DIAGNOSIS_TITLE.fullmatch(" ".join(m.group("title").split())):
            continue
        body = text[m.end():heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        for clause in _CLAUSE.split(body):
            clause = _TRIM.sub("", _ITEM_MARK.sub("", clause or ""))
            words = clause.split()
            if not words or len(words) > _MAX_WORDS or _NON_DIAGNOSIS.match(clause):
                continue
            if not re.search(r"[A-Za-z]{3}", clause):
                continue
            items.append(clause)
    return items


#: words that vary between notes writing one diagnosis: side, severity, spinal level
_VARIANT_WORDS = re.compile(
    r"\b(?:left|right|bilateral(?:ly)?|mild(?:ly)?|moderate(?:ly)?|severe(?:ly)?|small|large|"
    r"[cltsCLTS]\d(?:\s*-\s*[cltsCLTS]?\d)?|x\s*\d|\d+)\b", re.I)


def key(phrase: str) -> str:
    """Phrase grouping key: lower case, side / severity / level words dropped, inner spaces
    collapsed, dangling punctuation dropped ("Hallux abductovalgus, right foot" and "right
    hallux abductovalgus" both count for "hallux abductovalgus foot")."""
    k = _VARIANT_WORDS.sub(" ", phrase.lower())
    k = re.sub(r"\s*,\s*(?=,|$)|^\s*,", "", re.sub(r"\s+", " ", k)).strip(" ,.:;-")
    return re.sub(r"\s+,", ",", k)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="notes to read (0: all)")
    ap.add_argument("--out", default="-")
    args = ap.parse_args(argv)

    from assistant.config import Settings
    from assistant.extract.pipeline import Extractor
    extractor = Extractor(Settings(use_llm=False))
    csv.field_size_limit(sys.maxsize)
    skip = heldout_ids()
    path = Path(args.data) / "mtsamples" / "mtsamples.csv"
    df: Counter[str] = Counter()
    notes_of: dict[str, list[str]] = defaultdict(list)
    memo: dict[str, bool] = {}
    texts_seen: set[str] = set()
    n_notes = n_items = n_miss = 0  # n_notes: distinct note texts read
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["note_id"] in skip or not (row["transcription"] or "").strip():
                continue
            # MTSamples files one note under several specialties: count a text once
            text_key = " ".join(row["transcription"].split())
            if text_key in texts_seen:
                continue
            texts_seen.add(text_key)
            n_notes += 1
            if args.limit and n_notes > args.limit:
                break
            seen = set()
            for item in diagnosis_items(row["transcription"]):
                n_items += 1
                k = key(item)
                if k not in memo:
                    rec = extractor.extract(f"DIAGNOSIS:\n1. {item}\n", "mine")
                    memo[k] = bool(rec.problems)
                if memo[k] or k in seen:
                    continue
                n_miss += 1
                seen.add(k)
                df[k] += 1
                notes_of[k].append(row["note_id"])
    lines = [f"# distinct note texts {n_notes - (1 if args.limit and n_notes > args.limit else 0)}, "
             f"diagnosis items {n_items}, unrecognised items {n_miss}, "
             f"distinct unrecognised phrases {len(df)}, "
             f"with df >= {args.min_df}: {sum(1 for c in df.values() if c >= args.min_df)}",
             "df\tphrase\tnote_ids"]
    lines += [f"{c}\t{k}\t{','.join(notes_of[k][:8])}" for k, c in df.most_common()
              if c >= args.min_df]
    # the same miss written with other modifiers: rank the phrases' last two words too
    heads: Counter[str] = Counter()
    for k, ids in notes_of.items():
        words = re.sub(r",.*$", "", k).split()
        if len(words) >= 2:
            heads[" ".join(words[-2:])] += len(ids)
    lines.append("# head bigrams (last two words before a comma), summed df")
    lines += [f"{c}\thead: {h}" for h, c in heads.most_common() if c >= args.min_df]
    report = "\n".join(lines) + "\n"
    if args.out == "-":
        sys.stdout.write(report)
    else:
        Path(args.out).write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
