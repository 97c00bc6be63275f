"""Draw the third allergy probe set: fresh real notes, allergy forms the first two lacked.

    python eval/data/extraction/allergy3/draw.py [--data DIR]

allergy (36/36) and allergy2 (45/45) were tuned on; this set is fresh text in forms and places
neither held: named-allergen headers ("DRUG ALLERGIES:", "MEDICATION ALLERGIES:",
"ALLERGIES/ADVERSE REACTIONS:"), "sensitive to", "reaction to", "does not tolerate",
"allergic to X and Y", and allergy statements in HPI / assessment prose and in discharge
summaries, consults, pediatrics, dental, ophthalmology and dermatology notes. It is tuned on,
it is not a held-out split.

The pool and the allergy section test are allergy2's (imported from ``../allergy2/draw.py``);
only the strata, the seed and the counts are new. It excludes (by id and by text) the sets
drawn before it: real, probe rounds 1-7, allergy, allergy2
(``eval.extraction_real.DRAWN_BEFORE``). Each candidate takes the FIRST stratum of STRATA whose
test holds on its restored text; COUNTS notes per stratum are drawn with random.Random(SEED)
from the candidates sorted by note id; ACI_COUNT ACI-bench reference notes (train + valid, in
no earlier set) with an allergy statement are drawn with random.Random(SEED + 1). Only ids,
checksums and strata are written, never note text.
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

SEED = 20261214
PER_STRATUM = 3
#: the largest pools give a few more (prose statements, the specialties asked for)
COUNTS = {"prose_hpi_assessment": 4, "specialty_note": 4, "allergic_to_and": 3}
ACI_COUNT = 4
ACI_FILES = ("train", "valid")
_I = re.IGNORECASE
_BLOCK = _A2["_BLOCK"]


def _outside_sections(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A test: ``pattern`` outside every allergy section (prose)."""
    def test(text: str) -> bool:
        spans = [m.span("b") for m in _BLOCK.finditer(text)]
        return any(not any(a <= m.start() < b for a, b in spans) for m in pattern.finditer(text))
    return test


_SPECIALTY = re.compile(r"Discharge|Consult|Pediatric|Dentistry|Ophthalmology|Dermatology", _I)

#: (stratum, test on the restored text), rarer forms first: a note takes the first that holds.
STRATA: list[tuple[str, Callable[[str], object]]] = [
    ("adverse_reactions_header", re.compile(r"ALLERG\w*\s*(?:/|AND|&)\s*ADVERSE|ADVERSE\s+"
                                            r"(?:DRUG\s+)?REACTIONS?\s*:", _I).search),
    ("drug_allergies_header", re.compile(r"(?m:^)[ \t]*(?:DRUG|MEDICATION)\s+ALLERG\w*\s*:",
                                         _I).search),
    ("does_not_tolerate", re.compile(r"\b(?:does\s+not|doesn't|did\s+not|cannot|can't|unable"
                                     r"\s+to)\s+tolerate\b", _I).search),
    ("sensitive_to", re.compile(r"\bsensitiv(?:e|ity|ities)\s+to\s+(?!light|touch|palpation|"
                                r"pressure)\w", _I).search),
    ("reaction_to", re.compile(r"\breactions?\s+to\s+(?!the\s+procedure)\w", _I).search),
    ("allergic_to_and", re.compile(r"\ballergic\s+to\s+\w+(?:\s+\w+)?\s+and\s+\w", _I).search),
    ("prose_hpi_assessment", _outside_sections(re.compile(r"\ballerg(?:ic|y|ies)\s+to\b", _I))),
    ("paren_reactions", lambda t: any(re.search(r"\w\s*\([a-z ]{3,30}\)[^()]{0,40}\w\s*\(",
                                                b, _I) for _, b in _A2["_blocks"](t))),
]
#: a note of a specialty asked for, with any allergy statement (checked after the forms)
_SPECIALTY_STRATUM = "specialty_note"


def draw(data_dir: Path) -> list[dict]:
    """The manifest rows: MTSamples by stratum (stratum order, then note id), then ACI-bench."""
    strata = STRATA + [(_SPECIALTY_STRATUM, _A2["_ALLERGY"].search)]
    used_ids, used_sha = used_before("allergy3")
    by_stratum = _A2["pools"](data_dir, strata, (used_ids, used_sha))
    rng = random.Random(SEED)
    out = []
    for stratum, _ in strata:
        pool = sorted(by_stratum[stratum], key=lambda c: c[0])
        if stratum == _SPECIALTY_STRATUM:
            pool = [c for c in pool if _SPECIALTY.search(c[2]["medical_specialty"] or "")]
        for note_id, text, row in sorted(rng.sample(
                pool, min(COUNTS.get(stratum, PER_STRATUM), len(pool))), key=lambda c: c[0]):
            out.append(mts_manifest_row(note_id, text, row, stratum, "allergy3"))
    aci = aci_texts(data_dir, ACI_FILES)
    cands = sorted(k for k, t in aci.items() if k not in used_ids and sha256(t) not in used_sha
                   and _A2["_ACI_ALLERGY"].search(t))
    for key in sorted(random.Random(SEED + 1).sample(cands, min(ACI_COUNT, len(cands)))):
        out.append(aci_manifest_row(key, aci[key], "allergy3"))
    return out


def main() -> int:
    """Write manifest.jsonl (refuses to change an existing one unless --force)."""
    return manifest_main(draw, HERE / "manifest.jsonl", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
