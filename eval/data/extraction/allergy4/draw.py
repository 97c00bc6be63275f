"""Draw the fourth allergy probe set: fresh real notes, allergy forms the first three lacked.

    python eval/data/extraction/allergy4/draw.py [--data DIR]

allergy (36/36), allergy2 (45/45) and allergy3 (9/9) were tuned on; this set is fresh text in
forms they held few of: an allergy stated inside a medication list, a reaction told in the
history ("broke out in hives after ...", "had a reaction to ..."), drug intolerances ("intolerant
of", "does not tolerate", "gets a rash with", "side effects from"), allergy lists with severity
words (severe, mild, anaphylaxis), food / latex / contrast / tape allergies, and NKDA variants
("no drug allergies", "denies allergies", "NKMA", "none known"). It is tuned on, it is not a
held-out split.

The pool and the allergy section test are allergy2's (imported from ``../allergy2/draw.py``):
MTSamples transcriptions of 300..6000 characters, duplicate texts merged, none of the notes (by
id or by text) of the sets drawn before it (real, probe rounds 1-7, allergy, allergy2,
allergy3: ``eval.extraction_real.DRAWN_BEFORE``). Each candidate takes the FIRST stratum of
STRATA whose test holds on its restored text; COUNTS (default PER_STRATUM) notes per stratum
are drawn with random.Random(SEED) from the candidates sorted by note id; ACI_COUNT ACI-bench
reference notes (the test files: train + valid have none left; in no earlier set nor in
eval/data/triage_real/) with an allergy statement are drawn with
random.Random(SEED + 1). Only ids, checksums and strata are written, never note text.
"""

from __future__ import annotations

import random
import re
import runpy
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))  # the repository root, for eval.*

from eval.common import manifest_main  # noqa: E402
from eval.extraction_real import (  # noqa: E402
    aci_manifest_row,
    aci_texts,
    mts_manifest_row,
    sha256,
    used_before,
)

#: allergy2's draw module (not a package: run as a path)
_A2 = runpy.run_path(str(HERE.parent / "allergy2" / "draw.py"))

SEED = 20261221
PER_STRATUM = 4
#: pools at draw time: med list 2, history 2, intolerance 18, severity 4, non-drug 8, NKDA 23;
#: the two larger form pools give one more (22 MTSamples notes)
COUNTS = {"intolerance": 5, "non_drug": 5}
ACI_COUNT = 3
#: train + valid hold no unused note with an allergy statement (0 candidates), so the three
#: ACI-bench test files; encounters that eval/data/triage_real/ uses (its lay presentations are
#: those notes' HPIs) are excluded too, so no triage split's text is read here
ACI_FILES = ("clinicalnlp_taskB_test1", "clinicalnlp_taskC_test2", "clef_taskC_test3")
_I = re.IGNORECASE
_ALLERGY = _A2["_ALLERGY"]
#: A medication section header and its block (up to the next "HEADER:" line, 600 chars).
_MED_BLOCK = re.compile(r"(?m:^)[ \t]*(?:CURRENT\s+|HOME\s+|DISCHARGE\s+|ADMISSION\s+)?"
                        r"MEDICATIONS?(?:\s+ON\s+ADMISSION|\s+AT\s+HOME)?\s*:"
                        r"(?P<b>(?:(?!\n[ \t]*[A-Z][A-Za-z /]{2,40}:)[\s\S]){0,600})", _I)


def _allergy_in_med_list(text: str) -> bool:
    """An allergy word inside a medication section ("MEDICATIONS: ..., allergic to X")."""
    return any(_ALLERGY.search(m.group("b")) for m in _MED_BLOCK.finditer(text))


def _near_allergy(pattern: re.Pattern[str], width: int = 120) -> Callable[[str], bool]:
    """``pattern`` in an allergy section or within ``width`` characters after an allergy word."""
    def test(text: str) -> bool:
        if any(pattern.search(b) for _, b in _A2["_blocks"](text)):
            return True
        return any(pattern.search(text, m.end(), m.end() + width)
                   for m in _ALLERGY.finditer(text))
    return test


_SEVERITY = re.compile(r"\b(?:severe|severely|mild|moderate|life[- ]threatening|anaphyla\w*|"
                       r"serious)\b", _I)
_NON_DRUG = re.compile(r"\b(?:latex|contrast|iodine|dye|tape|adhesive|betadine|shellfish|"
                       r"seafood|shrimp|peanuts?|nuts?|eggs?|milk|strawberr(?:y|ies)|bees?|"
                       r"wasps?|stings?)\b", _I)

#: (stratum, test on the restored text), rarer forms first: a note takes the first that holds.
STRATA: list[tuple[str, Callable[[str], object]]] = [
    ("allergy_in_med_list", _allergy_in_med_list),
    ("reaction_in_history", re.compile(
        r"\b(?:broke\s+out|develop(?:ed|s)|gets?|got|had|has\s+had|experienced)\s+(?:a\s+|an\s+)?"
        r"(?:\w+\s+)?(?:rash|hives|urticaria|itching|swelling|reaction|anaphylaxis)\s+"
        r"(?:\w+\s+)?(?:after|with|from|to|when|on)\b", _I).search),
    ("intolerance", re.compile(
        r"\bintoleran(?:t|ce)\s+(?:of|to)\b|\b(?:does\s+not|doesn't|did\s+not|didn't|could\s+"
        r"not|couldn't|cannot|can't)\s+tolerate\s+(?!the\s+procedure)\w|\bside\s+effects?\s+"
        r"(?:from|to|with|of)\s+\w", _I).search),
    ("severity_words", _near_allergy(_SEVERITY, 80)),
    ("non_drug", _near_allergy(_NON_DRUG, 80)),
    ("nkda_variant", re.compile(
        r"\bN\.?K\.?M\.?A\b|\bN\.K\.D\.A\b|\bno\s+(?:drug\s+|medication\s+)?allergies\b|"
        r"\bdenies\s+(?:any\s+)?(?:drug\s+|medication\s+)?allergies|\bnone\s+known\b|"
        r"\bno\s+known\s+(?:medication|medicine)\s+allerg", _I).search),
]


#: the eval/data/triage_real/ files that named ACI-bench encounters when this draw and
#: allergy5's were made; a later triage set (lay3's probe_lay3_dev.tsv) names encounters of its
#: own, and reading it would change these frozen draws (tests/test_allergy_draws.py)
TRIAGE_FILES_AT_DRAW = (
    "draw_lay2.py", "draw_selfcare2.py", "lay.py", "probe_selfcare2_lay.tsv",
    "selfcare_lay.jsonl", "selfcare_lay2_dev.tsv",
)


def _triage_encounters() -> set[str]:
    """ACI-bench encounter ids ("D2N088") that eval/data/triage_real/ named at draw time."""
    out: set[str] = set()
    for path in sorted((HERE.parents[1] / "triage_real").rglob("*")):
        if path.is_file() and path.name in TRIAGE_FILES_AT_DRAW:
            out |= set(re.findall(r"D2N\d+", path.read_text(encoding="utf-8", errors="ignore")))
    return out


def draw(data_dir: Path) -> list[dict]:
    """The manifest rows: MTSamples by stratum (stratum order, then note id), then ACI-bench."""
    used_ids, used_sha = used_before("allergy4")
    by_stratum = _A2["pools"](data_dir, STRATA, (used_ids, used_sha))
    rng = random.Random(SEED)
    out = []
    for stratum, _ in STRATA:
        pool = sorted(by_stratum[stratum], key=lambda c: c[0])
        for note_id, text, row in sorted(rng.sample(
                pool, min(COUNTS.get(stratum, PER_STRATUM), len(pool))), key=lambda c: c[0]):
            out.append(mts_manifest_row(note_id, text, row, stratum, "allergy4"))
    aci = aci_texts(data_dir, ACI_FILES)
    triage = _triage_encounters()
    cands = sorted(k for k, t in aci.items() if k not in used_ids and sha256(t) not in used_sha
                   and k.split("-", 1)[1] not in triage and _A2["_ACI_ALLERGY"].search(t))
    for key in sorted(random.Random(SEED + 1).sample(cands, min(ACI_COUNT, len(cands)))):
        out.append(aci_manifest_row(key, aci[key], "allergy4"))
    return out


def main() -> int:
    """Write manifest.jsonl (refuses to change an existing one unless --force)."""
    return manifest_main(draw, HERE / "manifest.jsonl", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
