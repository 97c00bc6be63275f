"""Draw the second allergy probe set: fresh real notes, allergy forms the first probe lacked.

    python eval/data/extraction/allergy2/draw.py [--data DIR]

The first allergy probe (``../allergy/``) was tuned to 36/36; the frozen held-out split still
misses its one gold allergy, so unseen written forms remain. This set is fresh text to find
them; it is tuned on, it is not a held-out split.

MTSamples: transcriptions of 300..6000 characters, duplicate texts merged, none of the notes
(by id or by text) of the sets drawn before it (real, probe rounds 1-5, allergy;
``eval.extraction_real.DRAWN_BEFORE``; it read every ``../*/manifest.jsonl`` when drawn, which
later sets broke). Each candidate takes the FIRST stratum of STRATA whose test holds on its restored text (the
comma-for-newline substitution undone), so the rarer written forms are filled first; COUNTS
(default PER_STRATUM) notes per stratum are drawn with random.Random(SEED) from the candidates
sorted by note id. ACI-bench: ACI_COUNT reference notes (train + valid, in no earlier set)
with an allergy statement, drawn with random.Random(SEED + 1). Every note has split
``allergy2``. Only ids, checksums and strata are written, never note text.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))  # the repository root, for eval.*

from eval.common import manifest_main  # noqa: E402
from eval.extraction_real import (  # noqa: E402
    MTS_CSV,
    _read_csv,
    aci_manifest_row,
    aci_texts,
    mts_manifest_row,
    restore_breaks,
    sha256,
    used_before,
)

SEED = 20261207
MIN_CHARS, MAX_CHARS = 300, 6000
PER_STRATUM = 3
#: two more for the forms with the largest pools (drug classes; allergy statements in HPI,
#: history or plan prose); the four rarest strata hold 1-2 candidates and give all they have
COUNTS = {"drug_class": 5, "prose_elsewhere": 5}
ACI_COUNT = 6
ACI_FILES = ("train", "valid")
_I = re.IGNORECASE
#: An allergy section header and its block: the text after it up to the next "HEADER:" line.
_BLOCK = re.compile(r"(?m:^)[ \t]*(?P<h>[A-Z /&]{0,25}ALLERG(?:IES|Y|IC)[^:\n]{0,30}):"
                    r"(?P<b>(?:(?!\n[ \t]*[A-Z][A-Za-z /]{2,40}:)[\s\S]){0,400})", _I)
#: An allergy word (an allergy statement's anchor), not "allergic rhinitis" / "seasonal".
_ALLERGY = re.compile(r"\b(?:allerg(?:y|ies|ic)|NKDA|NKA|intoleran(?:t|ce)|sensitiv(?:e|ity))\b"
                      r"(?!\s+rhinitis)", _I)
#: environmental allergens (AAAAI's "indoor/outdoor allergens" and insect stings)
_ENV = re.compile(r"\b(?:pollens?|cats?|dogs?|dust(?:\s+mites?)?|molds?|mildew|bees?|wasps?|"
                  r"venom|insect\s+stings?|ragweed|grass(?:es)?|trees?|dander|hay)\b", _I)
#: foods (FDA's major food allergens plus common others)
_FOOD = re.compile(r"\b(?:peanuts?|tree\s+nuts?|nuts?|eggs?|milk|dairy|shellfish|seafood|fish|"
                   r"shrimp|wheat|soy|strawberr(?:y|ies)|tomato(?:es)?|chocolate|fruits?)\b", _I)
_CONTACT = re.compile(r"\b(?:latex|contrast|iodine|dye|betadine|tape|adhesive|nickel)\b", _I)
#: drug classes (class names, not one drug)
_CLASS = re.compile(r"\b(?:sulfa|sulfas|sulfonamides?|penicillins|cephalosporins?|NSAIDs?|"
                    r"nonsteroidals?|opiates?|opioids?|narcotics?|quinolones?|"
                    r"fluoroquinolones?|macrolides?|statins?|ACE\s+inhibitors?|antibiotics?|"
                    r"tetracyclines?|sulfonylureas?|beta[- ]blockers?|steroids?)\b", _I)


def _blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group("h"), m.group("b")) for m in _BLOCK.finditer(text)]


def _near(pattern: re.Pattern[str], width: int = 80) -> Callable[[str], bool]:
    """A test: ``pattern`` within ``width`` characters after an allergy word, or inside an
    allergy section."""
    def test(text: str) -> bool:
        if any(pattern.search(b) for _, b in _blocks(text)):
            return True
        return any(pattern.search(text, m.end(), m.end() + width)
                   for m in _ALLERGY.finditer(text))
    return test


def _prose_elsewhere(text: str) -> bool:
    """'allergic to' / 'allergy to' outside every allergy section."""
    spans = [m.span("b") for m in _BLOCK.finditer(text)]
    return any(not any(a <= m.start() < b for a, b in spans)
               for m in re.finditer(r"\ballerg(?:ic|y|ies)\s+to\b", text, _I))


#: (stratum, test on the restored text), in priority order: a note takes the first that holds.
STRATA: list[tuple[str, Callable[[str], object]]] = [
    # "ALLERGIES: Reviewed", "allergies were reviewed"
    ("reviewed", re.compile(r"\ballerg(?:y|ies)\s*(?::\s*|\s+(?:were|have\s+been|was)\s+)"
                            r"reviewed", _I).search),
    # NKA (not NKDA); "no known allergies to medications, but ..."
    ("nka_but", re.compile(r"\bNKA\b|\bno\s+known\s+(?:drug\s+)?allerg\w*[^.\n]{0,60}"
                           r"\b(?:but|except|however|other\s+than)\b", _I).search),
    # a named allergy denied ("denied any allergy to iodine", "no allergy to latex")
    ("denied_named", re.compile(r"\b(?:den(?:y|ies|ied)|no)\s+(?:any\s+|known\s+)?"
                                r"allerg(?:y|ies|ic)\s+to\s+(?!(?:any\s+)?(?:medications?|"
                                r"drugs?|medicines?)\b)\w", _I).search),
    ("environmental", _near(_ENV, 60)),
    ("food", _near(_FOOD, 60)),
    ("contact_contrast", _near(_CONTACT, 60)),
    ("intolerance_sensitivity", re.compile(r"\b(?:intoleran(?:t|ce)|sensitiv(?:e|ity|ities))"
                                           r"\s+(?:of|to|with)\b", _I).search),
    # a combined header ("MEDICATIONS/ALLERGIES:") or an allergy inside a medication section
    ("with_medications", re.compile(r"MEDICATIONS?\s*(?:AND|/|&)\s*ALLERG|ALLERG\w*\s*(?:AND|/|&)"
                                    r"\s*MEDICATIONS?", _I).search),
    ("drug_class", _near(_CLASS, 60)),
    ("prose_elsewhere", _prose_elsewhere),
    ("reaction", lambda t: any(re.search(r"\(|\s[-–]\s|\bcaus|\brash|\bhives|\bswell|"
                                         r"\banaphyla|\bitch|\bnausea|\bupset", b, _I)
                               for _, b in _blocks(t))),
]
_ACI_ALLERGY = re.compile(r"\ballerg(?:ic|y|ies)\s+to\b|\b(?:intoleran(?:t|ce)|sensitiv(?:e|ity)"
                          r")\s+to\b|\bALLERGIES\b", re.I)


def _used() -> tuple[set[str], set[str]]:
    """Source ids and raw checksums of the sets drawn before this one (real, probe rounds 1-5,
    allergy; ``eval.extraction_real.DRAWN_BEFORE``), never a later set."""
    return used_before("allergy2")


Strata = list[tuple[str, Callable[[str], object]]]


def pools(data_dir: Path, strata: Strata | None = None,
          used: tuple[set[str], set[str]] | None = None,
          ) -> dict[str, list[tuple[int, str, dict[str, str]]]]:
    """The MTSamples candidates per stratum of ``strata`` (default STRATA; each note in its
    first stratum only), none of ``used`` (ids, raw checksums; default :func:`_used`)."""
    strata = STRATA if strata is None else strata
    used_ids, used_sha = _used() if used is None else used
    by_text: dict[str, list[dict[str, str]]] = {}
    for row in _read_csv(data_dir / MTS_CSV):
        text = row["transcription"] or ""
        if MIN_CHARS <= len(text) <= MAX_CHARS:
            by_text.setdefault(text, []).append(row)
    out: dict[str, list[tuple[int, str, dict[str, str]]]] = {s: [] for s, _ in strata}
    for text, rows in by_text.items():
        if sha256(text) in used_sha or any(r["note_id"] in used_ids for r in rows):
            continue
        restored = restore_breaks(text)
        for stratum, test in strata:
            if test(restored):
                first = min(rows, key=lambda r: int(r["note_id"]))
                out[stratum].append((int(first["note_id"]), text, first))
                break
    return out


def draw(data_dir: Path) -> list[dict]:
    """The manifest rows: MTSamples by stratum (stratum order, then note id), then ACI-bench."""
    used_ids, used_sha = _used()
    rng = random.Random(SEED)
    out = []
    by_stratum = pools(data_dir)
    for stratum, _ in STRATA:
        pool = sorted(by_stratum[stratum], key=lambda c: c[0])
        for note_id, text, row in sorted(rng.sample(
                pool, min(COUNTS.get(stratum, PER_STRATUM), len(pool))),
                                         key=lambda c: c[0]):
            out.append(mts_manifest_row(note_id, text, row, stratum, "allergy2"))
    aci = aci_texts(data_dir, ACI_FILES)
    cands = sorted(k for k, t in aci.items()
                   if k not in used_ids and sha256(t) not in used_sha and _ACI_ALLERGY.search(t))
    for key in sorted(random.Random(SEED + 1).sample(cands, min(ACI_COUNT, len(cands)))):
        out.append(aci_manifest_row(key, aci[key], "allergy2"))
    return out


def main() -> int:
    """Write manifest.jsonl (refuses to change an existing one unless --force)."""
    return manifest_main(draw, HERE / "manifest.jsonl", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
