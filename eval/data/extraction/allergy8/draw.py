"""Draw the eighth allergy probe set: ACI-bench prose allergy statements and MTSamples
allergy wordings other than a plain "NKDA" / "None" / "No known drug allergies" line.

    python eval/data/extraction/allergy8/draw.py [--data DIR]
    python eval/data/extraction/allergy8/draw.py --freeze   # rewrite excluded_at_draw.tsv
    python eval/data/extraction/allergy8/draw.py --pools    # pool sizes per stratum

allergy .. allergy7 were tuned on; the frozen held-out split still misses its one gold
allergy (never read). This set is fresh real text with allergy wordings the earlier sets
covered little: ACI-bench prose ("Patient reports that he has an allergy to PENICILLIN",
"known peanut and tree nut allergies", seasonal allergies, denials) and MTSamples reaction
clauses ("Morphine makes her itch"), prose "allergic to", food / environmental / seasonal
allergies, "intolerance" and NKA variants. It is tuned on; it is not a held-out split.

Excluded (frozen in ``excluded_at_draw.tsv`` by ``--freeze``, so that a later set never
changes this draw): every note of every extraction manifest at draw time (real dev +
held-out, probe .. probe15, allergy .. allergy7: ``eval.extraction_real.DRAWN_BEFORE
['allergy8']``) by id and raw-text checksum; every note of the triage manifests
``eval/data/triage_real/mts*_manifest.jsonl`` by id and restored-text checksum; every id of
their ``*_excluded_at_draw.txt`` lists; and every ACI-bench encounter on a triage_real row
of a held-out split (``selfcare_lay.jsonl``), so no held-out triage item is read. ACI-bench
encounters that triage_real's lay sets named in their dev or probe files are NOT excluded
(allergy4/5 excluded them and so had drawn every other ACI note with an allergy word): the
lay presentations are paraphrased HPIs scored for triage, not allergy labels.

MTSamples pool: transcriptions of MIN_CHARS..MAX_CHARS characters with an allergy word left
after every plain NKA statement is removed (:data:`_PLAIN`), duplicate texts merged (a text
filed under several ids is out when any of them is). Each candidate takes the FIRST stratum
of STRATA whose test holds on its restored text; COUNTS notes per stratum are drawn with
random.Random(SEED) from the candidates sorted by note id. ACI-bench: the reference note
(``note``) of every file (train, valid, the three test files) with an allergy word, one per
distinct text, drawn with random.Random(SEED + 1) up to ACI_COUNT; those rows carry
``"raw_form": "commas"`` (scored as written and with every line break a comma). Only ids,
checksums and strata are written, never note text.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))  # the repository root, for eval.*

from eval.common import default_data_dir, manifest_main  # noqa: E402
from eval.extraction_real import (  # noqa: E402
    DRAWN_BEFORE,
    MTS_CSV,
    _read_csv,
    aci_manifest_row,
    aci_texts,
    load_manifest,
    mts_manifest_row,
    restore_breaks,
    sha256,
    used_before,
)

SEED = 20261208
SPLIT = "allergy8"
MIN_CHARS, MAX_CHARS = 300, 12000
#: notes per MTSamples stratum; pools at draw time: food_environmental_seasonal 5,
#: reaction_clause 2, prose_allergic_to 7, intolerance 3, nka_variant 7,
#: substance_allergy_prose 1, other_mention 27 (13 notes); ACI-bench 12 (all drawn)
COUNTS: dict[str, int] = {"food_environmental_seasonal": 2, "reaction_clause": 2,
                          "prose_allergic_to": 3, "intolerance": 2, "nka_variant": 2,
                          "substance_allergy_prose": 1, "other_mention": 1}
ACI_COUNT = 12
ACI_FILES = ("train", "valid", "clinicalnlp_taskB_test1", "clinicalnlp_taskC_test2",
             "clef_taskC_test3")
EXCLUDED = HERE / "excluded_at_draw.tsv"
TRIAGE = HERE.parents[1] / "triage_real"
_I = re.IGNORECASE

#: an allergy word
_ALLERGY = re.compile(r"\ballerg\w*|\bNKDA\b|\bNKA\b|\bintoleran\w*", _I)
#: plain NKA statements: a header line "ALLERGIES: NKDA/None/No known (drug) allergies" and the
#: bare phrases anywhere
_PLAIN = re.compile(
    r"(?:^|\n)[ \t]*(?:drug\s+)?allerg(?:ies|y)\s*:?\s*(?:NKDA|NKA|none|no\s+known\s+(?:drug\s+)?"
    r"allergies|no\s+known\s+drug\s+allergy|no\s+drug\s+allergies|denied|denies)\.?[ \t]*(?=\n|$)"
    r"|\bno\s+known\s+(?:drug\s+|medication\s+)?allerg(?:ies|y)\b|\bNKDA\b|\bNKA\b"
    r"|\bno\s+(?:drug\s+)?allergies\b|\bdenies\s+(?:any\s+)?(?:drug\s+)?allergies\b", _I)
_EMPTY_HEADER = re.compile(r"^[ \t]*ALLERG(?:IES|Y)\s*:?[ \t]*$", re.M | _I)


def _left(text: str) -> str:
    """The text with every plain NKA statement and empty allergy header blanked."""
    return _EMPTY_HEADER.sub("", _PLAIN.sub(" ", text))


def _near(pattern: re.Pattern[str], width: int, before: int = 0) -> Callable[[str], bool]:
    """A test: ``pattern`` within ``width`` characters after (or ``before`` characters before)
    a non-plain allergy word."""
    def test(text: str) -> bool:
        left = _left(text)
        return any(pattern.search(left, m.end(), m.end() + width)
                   or pattern.search(left[max(0, m.start() - before):m.start()])
                   for m in _ALLERGY.finditer(left))
    return test


#: a reaction clause or a parenthesised reaction after the allergen ("Morphine makes her itch",
#: "codeine gives him nausea", "RELAFEN (ITCHING)", "Medifast does fatigue")
_REACTION = re.compile(r"\b(?:makes?|made|gives?|gave|caus(?:es|ed|ing)|"
                       r"do(?:es)?(?!\s+(?:not|have|has)\b)|produces?|results?\s+in|"
                       r"resulted\s+in)\b|\((?!\s*see\b)[A-Za-z][^)]{1,30}\)", _I)
#: prose: "(is|are) allergic to", "an allergy to", a quoted "allergy"
_PROSE = re.compile(r"\b(?:is|are|was|were|am|being|be|probably|reports?|states?)\s+"
                    r"(?:\w+\s+)?allergic\s+to\b|\ballerg(?:y|ies)\s+to\b|[\"']allerg", _I)
#: foods, environmental allergens and seasonal allergies (allergy2's _FOOD / _ENV word lists:
#: FDA major food allergens, AAAAI indoor/outdoor allergens)
_FOOD_ENV = re.compile(
    r"\b(?:seasonal|environmental|food|peanuts?|tree\s+nuts?|nuts?|eggs?|milk|dairy|shellfish|"
    r"seafood|fish|lobster|shrimp|wheat|soy|strawberr(?:y|ies)|pollens?|cats?|dogs?|dust|molds?|"
    r"bees?|wasps?|venom|ragweed|grass(?:es)?|trees?|dander|hay|latex|tape|adhesive)\b", _I)
_INTOLERANCE = re.compile(r"(?<!heat )(?<!cold )(?<!glucose )(?<!exercise )(?<!activity )"
                          r"\bintoleran(?:ce|ces|t)\b", _I)
#: an NKA statement in other words ("no known medical allergies", "no medication allergies",
#: "no history of allergy", "no known drug intolerance", "negative allergies")
_NKA_VARIANT = re.compile(r"\bno\s+(?:known\s+)?(?:medical|medication|medicine)\s+allerg\w*|"
                          r"\bno\s+history\s+of\s+allerg\w*|\bno\s+known\s+drug\s+intoleran\w*|"
                          r"\bnegative\s+allerg\w*|\bno\s+known\s+drug\s+hypersensitiv\w*", _I)
#: "<substance> allergy" ("his sulfa allergy"), allergy7's exclusions of non-substances
_NOUN_ALLERGY = re.compile(
    r"\b(?!(?:drug|drugs|known|food|foods|seasonal|environmental|medication|medications|"
    r"medicine|medical|nasal|sinus|the|no|any|an|a|of|for|allergic|his|her|their|and|or|with|"
    r"negative|had|has|have|some|true|other|possible|denies|multiple|skin)\b)[A-Za-z]{3,}\s+"
    r"allerg(?:y|ies)\b", _I)

STRATA: list[tuple[str, Callable[[str], object]]] = [
    ("food_environmental_seasonal", _near(_FOOD_ENV, 40, 40)),
    ("reaction_clause", _near(_REACTION, 60)),
    ("prose_allergic_to", lambda t: _PROSE.search(_left(t))),
    ("intolerance", lambda t: _INTOLERANCE.search(_left(t))),
    ("nka_variant", _NKA_VARIANT.search),
    ("substance_allergy_prose", lambda t: _NOUN_ALLERGY.search(_left(t))),
    ("other_mention", lambda t: _ALLERGY.search(_left(t))),
]


def _triage_heldout_encounters() -> set[str]:
    """ACI-bench encounter ids ("D2N107") on a held-out row of a triage_real JSON-lines file."""
    out: set[str] = set()
    for path in sorted(TRIAGE.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and json.loads(line).get("split") == "heldout":
                out |= set(re.findall(r"D2N\d+", line))
    return out


def freeze() -> int:
    """Write excluded_at_draw.tsv from the manifests as they are now (run once, at draw)."""
    rows: list[tuple[str, str, str]] = []
    wanted = set(DRAWN_BEFORE[SPLIT])
    for path in sorted((HERE.parent).glob("*/manifest.jsonl")):
        for r in load_manifest(path.parent):
            if r["split"] in wanted:
                rows.append((f"extraction:{r['split']}", r["source_id"], r["sha256_raw"]))
    for path in sorted(TRIAGE.glob("mts*_manifest.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                rows.append((f"triage:{path.name}:{r['split']}", r["source_id"], r["sha256"]))
    for path in sorted(TRIAGE.glob("*_excluded_at_draw.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                rows.append((f"triage:{path.name}", line.strip(), "-"))
    for enc in sorted(_triage_heldout_encounters()):
        rows.append(("triage:heldout_aci", f"aci:{enc}", "-"))
    head = ("# allergy8 draw exclusions, frozen at draw time: set, source id, checksum\n"
            "# (raw CSV text for extraction sets, restored text for triage manifests; '-' none;\n"
            "# aci:<encounter> an ACI-bench encounter in every file)\n")
    EXCLUDED.write_text(head + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} exclusions to {EXCLUDED}")
    return 0


def frozen_exclusions() -> tuple[set[str], set[str]]:
    """Source ids and checksums read from ``excluded_at_draw.tsv``."""
    ids: set[str] = set()
    shas: set[str] = set()
    for line in EXCLUDED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            _, source_id, sha = line.split("\t")
            ids.add(source_id)
            if sha != "-":
                shas.add(sha)
    return ids, shas


def _checked_exclusions() -> tuple[set[str], set[str]]:
    ids, shas = frozen_exclusions()
    ext_ids, ext_shas = used_before(SPLIT)
    assert ext_ids <= ids and ext_shas <= shas, "excluded_at_draw.tsv lacks an earlier set"
    return ids, shas


def pools(data_dir: Path) -> dict[str, list[tuple[int, str, dict[str, str]]]]:
    """The MTSamples candidates per stratum (each in its first stratum only), none excluded."""
    ids, shas = _checked_exclusions()
    by_text: dict[str, list[dict[str, str]]] = {}
    for row in _read_csv(data_dir / MTS_CSV):
        text = row["transcription"] or ""
        if MIN_CHARS <= len(text) <= MAX_CHARS:
            by_text.setdefault(text, []).append(row)
    out: dict[str, list[tuple[int, str, dict[str, str]]]] = {s: [] for s, _ in STRATA}
    for text, rows in by_text.items():
        restored = restore_breaks(text)
        if (sha256(text) in shas or sha256(restored) in shas
                or any(r["note_id"] in ids for r in rows)):
            continue
        first = min(rows, key=lambda r: int(r["note_id"]))
        for stratum, test in STRATA:
            if test(restored):
                out[stratum].append((int(first["note_id"]), text, first))
                break
    return out


def aci_candidates(data_dir: Path) -> tuple[dict[str, str], list[str]]:
    """The ACI-bench texts and the candidate keys ("<file>-<encounter>"), one per text."""
    ids, shas = _checked_exclusions()
    aci = aci_texts(data_dir, ACI_FILES)
    seen: set[str] = set()
    cands = []
    for key in sorted(aci):
        text_sha = sha256(aci[key])
        if (key not in ids and f"aci:{key.split('-', 1)[1]}" not in ids
                and text_sha not in shas and text_sha not in seen
                and _ALLERGY.search(aci[key])):
            seen.add(text_sha)  # the same note in two test files is one candidate
            cands.append(key)
    return aci, cands


def draw(data_dir: Path) -> list[dict]:
    """The manifest rows: MTSamples by stratum (stratum order, then note id), then ACI-bench."""
    by_stratum = pools(data_dir)
    rng = random.Random(SEED)
    out = []
    for stratum, _ in STRATA:
        pool = sorted(by_stratum[stratum], key=lambda c: c[0])
        for note_id, text, row in sorted(rng.sample(pool, min(COUNTS[stratum], len(pool))),
                                         key=lambda c: c[0]):
            out.append(mts_manifest_row(note_id, text, row, stratum, SPLIT))
    aci, cands = aci_candidates(data_dir)
    for key in sorted(random.Random(SEED + 1).sample(cands, min(ACI_COUNT, len(cands)))):
        out.append({**aci_manifest_row(key, aci[key], SPLIT), "raw_form": "commas"})
    return out


def main() -> int:
    """Write manifest.jsonl (refuses to change an existing one unless --force); ``--freeze``
    rewrites the exclusion list, ``--pools`` prints the pool sizes."""
    if "--freeze" in sys.argv[1:]:
        return freeze()
    if "--pools" in sys.argv[1:]:
        for s, p in pools(default_data_dir()).items():
            print(s, len(p))
        print("aci", len(aci_candidates(default_data_dir())[1]))
        return 0
    return manifest_main(draw, HERE / "manifest.jsonl", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
