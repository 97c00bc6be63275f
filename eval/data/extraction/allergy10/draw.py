"""Draw the tenth allergy probe set: MTSamples notes whose allergy information is NOT only a
clean "ALLERGIES:" header line first, then (to fill TOTAL) notes with a plain one.

    python eval/data/extraction/allergy10/draw.py [--data DIR]
    python eval/data/extraction/allergy10/draw.py --freeze   # rewrite excluded_at_draw.tsv
    python eval/data/extraction/allergy10/draw.py --pools    # pool sizes per stratum

allergy10 is allergy9's draw (same strata and tests, its docstring below) with three changes:
the exclusions are every set at this draw (``DRAWN_BEFORE['allergy10']``: allergy9 and probe18
added); a note also enters the pool when it has a prose allergy / intolerance statement
(``_PROSE``: "cannot take", "had a reaction to", ...) and no allergy word, as allergy9's pool
word list missed those; and a last stratum ``plain_nka`` (only a plain NKA statement) fills the
set up to TOTAL notes after every other stratum has been drawn in full (the corpus is nearly
used up: the other strata's pools are small).

allergy9's docstring follows.

allergy .. allergy8 were tuned on (allergy8 scores 1.000 / 1.000), so the remaining risk is
allergy wordings no probe sampled: allergy statements in HPI / history / plan prose ("she is
allergic to", "intolerant of", "had a reaction to", "cannot take", "developed a rash with",
"sensitivity to"), allergy lines under unusual headers ("DRUG ALLERGIES", "ALLERGIES/ADVERSE
REACTIONS", "MEDICATION ALLERGIES"), all-caps notes, multi-item allergy lists (the CSV's
comma-for-newline form makes their commas ambiguous), and near misses (a relative's allergies,
seasonal / environmental allergies, "allergy" as a clinic or service name). It is tuned on; it
is not a held-out split.

Excluded (frozen in ``excluded_at_draw.tsv`` by ``--freeze``): every note of every extraction
manifest at draw time (``eval.extraction_real.DRAWN_BEFORE['allergy9']``: real dev + held-out,
probe .. probe17, allergy .. allergy8) by id and raw-text checksum; every note of the triage
manifests ``eval/data/triage_real/mts*_manifest.jsonl`` by id and restored-text checksum; every
id of their ``*_excluded_at_draw.txt`` lists. No ACI-bench note (allergy8 drew every unused
ACI reference note with an allergy word).

Pool: MTSamples transcriptions of MIN_CHARS..MAX_CHARS characters, duplicate texts merged (a
text filed under several ids is out when any of them is), with an allergy word left after
every plain NKA statement is blanked (allergy8's ``_PLAIN``). Each candidate takes the FIRST
stratum of STRATA whose test holds on its restored text; COUNTS notes per stratum are drawn
with random.Random(SEED) from the candidates sorted by note id. Only ids, checksums and strata
are written, never note text.
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
    load_manifest,
    mts_manifest_row,
    restore_breaks,
    sha256,
    used_before,
)

SEED = "20261205-allergy10"
SPLIT = "allergy10"
MIN_CHARS, MAX_CHARS = 300, 12000
#: notes per stratum; pools at draw time: unusual_header 0, prose_reaction 4, all_caps 0,
#: multi_item_list 0, near_miss 3, other_mention 11, plain_nka 55 (every non-plain note is
#: drawn; plain_nka fills up to TOTAL)
COUNTS: dict[str, int] = {"unusual_header": 4, "prose_reaction": 8, "all_caps": 3,
                          "multi_item_list": 4, "near_miss": 4, "other_mention": 12,
                          "plain_nka": 20}
TOTAL = 20
EXCLUDED = HERE / "excluded_at_draw.tsv"
TRIAGE = HERE.parents[1] / "triage_real"
_I = re.IGNORECASE

#: an allergy word
_ALLERGY = re.compile(r"\ballerg\w*|\bNKDA\b|\bNKA\b|\bintoleran\w*", _I)
#: plain NKA statements (allergy8's): a header line "ALLERGIES: NKDA/None/No known (drug)
#: allergies" and the bare phrases anywhere
_PLAIN = re.compile(
    r"(?:^|\n)[ \t]*(?:drug\s+)?allerg(?:ies|y)\s*:?\s*(?:NKDA|NKA|none|no\s+known\s+(?:drug\s+)?"
    r"allergies|no\s+known\s+drug\s+allergy|no\s+drug\s+allergies|denied|denies)\.?[ \t]*(?=\n|$)"
    r"|\bno\s+known\s+(?:drug\s+|medication\s+)?allerg(?:ies|y)\b|\bNKDA\b|\bNKA\b"
    r"|\bno\s+(?:drug\s+)?allergies\b|\bdenies\s+(?:any\s+)?(?:drug\s+)?allergies\b", _I)
_EMPTY_HEADER = re.compile(r"^[ \t]*ALLERG(?:IES|Y)\s*:?[ \t]*$", re.M | _I)


def _left(text: str) -> str:
    """The text with every plain NKA statement and empty allergy header blanked."""
    return _EMPTY_HEADER.sub("", _PLAIN.sub(" ", text))


#: an allergy header other than a bare "ALLERGIES:" ("DRUG ALLERGIES:", "ALLERGIES/ADVERSE
#: REACTIONS:", "MEDICATION ALLERGIES:", "ADVERSE DRUG REACTIONS:", "ALLERGIES AND
#: SENSITIVITIES:", "KNOWN ALLERGIES:", "ALLERGY HISTORY:")
_UNUSUAL_HEADER = re.compile(
    r"^[ \t]*(?:(?:drug|medication|medicine|known|food|environmental)\s+allerg(?:ies|y)"
    r"|allerg(?:ies|y)\s*(?:/|and|&)\s*(?:adverse\s+(?:drug\s+)?reactions?|sensitivit(?:y|ies)|"
    r"intoleran\w+|reactions?)|adverse\s+(?:drug\s+)?reactions?|sensitivit(?:y|ies)|"
    r"allerg(?:ies|y)\s+history|intolerances?)\s*:", re.M | _I)
#: an allergy-like statement in prose: "allergic to", "intolerant of/to", "(had/has/developed) a
#: (bad/severe...) reaction to/with/from", "cannot/can't/unable to take", "developed a rash/hives
#: with/after/from/to", "sensitivity/sensitive to", "reacts/reacted to"
_PROSE = re.compile(
    r"\ballergic\s+to\b|\bintolerant\s+(?:of|to)\b|"
    r"\b(?:had|has|have|developed|develops|experienced)\s+(?:an?\s+)?(?:\w+\s+){0,2}"
    r"reactions?\s+(?:to|with|from|after)\b|\b(?:cannot|can't|can\s+not|unable\s+to|could\s+not)"
    r"\s+take\b|\b(?:developed|develops|broke\s+out\s+in|gets?|got)\s+(?:an?\s+)?(?:\w+\s+)?"
    r"(?:rash|hives|itching|swelling)\s+(?:with|after|from|to|when)\b|"
    r"\bsensitiv(?:e|ity|ities)\s+to\b|\breact(?:s|ed)?\s+to\b", _I)
_HEADER_LINE = re.compile(r"^[ \t]*[A-Z][A-Z /&]*ALLERG[A-Z /&]*:.*$", re.M)
#: a relative's allergies, seasonal / environmental allergies, "allergy" naming a clinic,
#: service, test or treatment
_NEAR_MISS = re.compile(
    r"\b(?:mother|father|sister|brother|sibling|son|daughter|family|parent|grandmother|"
    r"grandfather|aunt|uncle|cousin|wife|husband)\b[^.\n]{0,40}\ballerg\w*|"
    r"\b(?:seasonal|environmental|hay\s+fever)\b[^.\n]{0,20}\ballerg\w*|\ballerg\w*\s+"
    r"(?:clinic|service|department|and\s+immunology|testing|tests?|shots?|injections?|"
    r"specialist|consult\w*|season|doctor|physician|symptoms?|drainage)\b|\ballergist\b|"
    r"\ballergy/immunology\b|\ballergic\s+(?:rhinitis|conjunctivitis|enteritis|asthma)\b|"
    r"\ballergens?\b", _I)
#: an allergy header line naming two or more items ("ALLERGIES: Penicillin, sulfa, codeine.")
_MULTI = re.compile(r"^[ \t]*(?:[A-Z]+\s+)?ALLERG(?:IES|Y)\s*:[ \t]*([^\n]+)$", re.M | _I)


def _prose_outside_header(text: str) -> bool:
    """An allergy-like prose statement outside every "...ALLERGIES:" header line."""
    return bool(_PROSE.search(_HEADER_LINE.sub("", text)))


def _all_caps(text: str) -> bool:
    """Most letters upper case (the pool already holds an allergy word, plain NKA or not)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 200 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _multi_item(text: str) -> bool:
    """An allergy header line with two or more listed items (a comma or "and" between)."""
    for m in _MULTI.finditer(text):
        body = m.group(1)
        if not _PLAIN.fullmatch(body.strip()) and re.search(r",|\band\b", body):
            return True
    return False


STRATA: list[tuple[str, Callable[[str], object]]] = [
    ("unusual_header", lambda t: _UNUSUAL_HEADER.search(_left(t))),
    ("prose_reaction", lambda t: _prose_outside_header(_left(t))),
    ("all_caps", _all_caps),
    ("multi_item_list", _multi_item),
    ("near_miss", lambda t: _NEAR_MISS.search(_left(t))),
    ("other_mention", lambda t: _ALLERGY.search(_left(t))),
    ("plain_nka", lambda t: True),
]


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
    head = ("# allergy10 draw exclusions, frozen at draw time: set, source id, checksum\n"
            "# (raw CSV text for extraction sets, restored text for triage manifests; '-' none)\n")
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


def pools(data_dir: Path) -> dict[str, list[tuple[int, str, dict[str, str]]]]:
    """The MTSamples candidates per stratum (each in its first stratum only), none excluded."""
    ids, shas = frozen_exclusions()
    ext_ids, ext_shas = used_before(SPLIT)
    assert ext_ids <= ids and ext_shas <= shas, "excluded_at_draw.tsv lacks an earlier set"
    by_text: dict[str, list[dict[str, str]]] = {}
    for row in _read_csv(data_dir / MTS_CSV):
        text = row["transcription"] or ""
        if MIN_CHARS <= len(text) <= MAX_CHARS:
            by_text.setdefault(text, []).append(row)
    out: dict[str, list[tuple[int, str, dict[str, str]]]] = {s: [] for s, _ in STRATA}
    for text, rows in by_text.items():
        restored = restore_breaks(text)
        if (sha256(text) in shas or sha256(restored) in shas
                or any(r["note_id"] in ids for r in rows)
                or not (_ALLERGY.search(restored) or _PROSE.search(restored))):
            continue
        first = min(rows, key=lambda r: int(r["note_id"]))
        for stratum, test in STRATA:
            if test(restored):
                out[stratum].append((int(first["note_id"]), text, first))
                break
    return out


def draw(data_dir: Path) -> list[dict]:
    """The manifest rows: MTSamples by stratum (stratum order, then note id)."""
    by_stratum = pools(data_dir)
    rng = random.Random(SEED)
    out = []
    for stratum, _ in STRATA:
        pool = sorted(by_stratum[stratum], key=lambda c: c[0])
        k = min(COUNTS[stratum], len(pool), TOTAL - len(out))
        for note_id, text, row in sorted(rng.sample(pool, k),
                                         key=lambda c: c[0]):
            out.append(mts_manifest_row(note_id, text, row, stratum, SPLIT))
    return out


def main() -> int:
    """Write manifest.jsonl (refuses to change an existing one unless --force); ``--freeze``
    rewrites the exclusion list, ``--pools`` prints the pool sizes."""
    if "--freeze" in sys.argv[1:]:
        return freeze()
    if "--pools" in sys.argv[1:]:
        for s, p in pools(default_data_dir()).items():
            print(s, len(p))
        return 0
    return manifest_main(draw, HERE / "manifest.jsonl", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
