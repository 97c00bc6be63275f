"""Draw the fifth allergy probe set: allergy statements outside the "ALLERGIES:" header form.

    python eval/data/extraction/allergy5/draw.py [--data DIR]

allergy (36/36), allergy2 (45/45), allergy3 (9/9) and allergy4 (22/23) were tuned on, and the
frozen held-out split of ../real/ still misses its one gold allergy. Most of the earlier notes
state allergies under an "ALLERGIES:" header; this set is fresh text where the statement is
written elsewhere or otherwise: "allergic to" in the history, plan or social prose;
"intolerant of", "reaction to", "sensitivity to" in prose; an allergy section naming a drug
class or non-drug allergen with its reaction ("ALLERGIES: Sulfa causes rash."); an allergy
section of several lines (one allergen a line, which the comma-for-newline CSV form runs
together: "ALLERGIES:,Penicillin,Sulfa,MEDICATIONS:"); a drug class or non-drug allergen
(sulfa, NSAIDs, contrast, latex, iodine, shellfish ...) near an allergy word. It is tuned on,
it is not a held-out split.

The pool and the allergy section test are allergy2's (imported from ``../allergy2/draw.py``):
MTSamples transcriptions of 300..6000 characters, duplicate texts merged, none of the notes
(by id or by raw-text checksum, both read from the manifests: no earlier note's text is read)
of the sets drawn before it (every set so far, the real set's held-out split included:
``eval.extraction_real.DRAWN_BEFORE``). Each candidate takes the FIRST stratum of STRATA whose
test holds on its restored text; COUNTS (default PER_STRATUM) notes per stratum are drawn with
random.Random(SEED) from the candidates sorted by note id. ACI-bench: every reference note of
ACI_FILES with an allergy word that no earlier set used and whose encounter
eval/data/triage_real/ does not name (its lay presentations are those notes' HPIs), drawn with
random.Random(SEED + 1) up to ACI_COUNT; those rows carry ``"raw_form": "commas"``, so the
suite scores them as written (restored) and with every line break a comma (raw), the
MTSamples CSV convention. Only ids, checksums and strata are written, never note text.
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

#: allergy2's and allergy4's draw modules (not a package: run as a path)
_A2 = runpy.run_path(str(HERE.parent / "allergy2" / "draw.py"))
_A4 = runpy.run_path(str(HERE.parent / "allergy4" / "draw.py"))

SEED = 20261205
PER_STRATUM = 4
#: pools at draw time: allergic_to_prose 5, intolerance_reaction_prose 17,
#: class_reaction_in_block 3, multiline_block 7, class_near_allergy 20 (21 MTSamples notes)
COUNTS = {"allergic_to_prose": 5, "intolerance_reaction_prose": 5}
ACI_COUNT = 10
#: every ACI-bench file; train + valid + the test files hold 4 unused notes with an allergy
#: word outside triage_real's encounters at draw time
ACI_FILES = ("train", "valid", "clinicalnlp_taskB_test1", "clinicalnlp_taskC_test2",
             "clef_taskC_test3")
_I = re.IGNORECASE
_BLOCK = _A2["_BLOCK"]
#: drug classes and non-drug allergens (the issue's list plus the commonest classes)
_CLASS = re.compile(r"\b(?:sulfa\w*|NSAIDs?|nonsteroidals?|contrast|latex|iodine|iodinated|"
                    r"shellfish|penicillins|cephalosporins?|codeine|narcotics?|opiates?)\b", _I)
#: a reaction told beside the allergen ("causes rash", "- hives", "(anaphylaxis)")
_REACTION = re.compile(r"\b(?:caus\w+|gives?|rash|hives|swelling|anaphyla\w*|itch\w*|nausea|"
                       r"vomiting|GI\s+upset|upset\s+stomach|throat|breath)\b|\s[-–]\s|\(", _I)
_NONE = re.compile(r"\bno\s+known|\bNKDA\b|\bnone\b", _I)


def _outside_blocks(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A test: ``pattern`` somewhere outside every allergy section (header and block)."""
    def test(text: str) -> bool:
        spans = [m.span() for m in _BLOCK.finditer(text)]
        return any(not any(a <= m.start() < b for a, b in spans)
                   for m in pattern.finditer(text))
    return test


def _class_reaction_in_block(text: str) -> bool:
    """An allergy section naming a class / non-drug allergen with a reaction."""
    return any(_CLASS.search(b) and _REACTION.search(b) for _, b in _A2["_blocks"](text))


def _multiline_block(text: str) -> bool:
    """An allergy section of two or more non-empty lines that is not a 'none' statement."""
    return any(len([ln for ln in b.strip().split("\n") if ln.strip()]) >= 2
               and not _NONE.search(b) for _, b in _A2["_blocks"](text))


#: (stratum, test on the restored text), rarer forms first: a note takes the first that holds.
STRATA: list[tuple[str, Callable[[str], object]]] = [
    ("allergic_to_prose", _outside_blocks(re.compile(r"\ballerg(?:ic|y|ies)\s+to\b", _I))),
    ("intolerance_reaction_prose", _outside_blocks(re.compile(
        r"\bintoleran(?:t|ce)\s+(?:of|to)\b|\b(?:reactions?|sensitivity|sensitive)\s+to\s+"
        r"(?!the\s+procedure)\w", _I))),
    ("class_reaction_in_block", _class_reaction_in_block),
    ("multiline_block", _multiline_block),
    ("class_near_allergy", _A2["_near"](_CLASS, 60)),
]
#: an allergy word in an ACI-bench reference note
_ACI_ALLERGY = re.compile(r"\ballerg\w*|\bintoleran\w*|\bNKDA\b|\breaction\s+to\b|"
                          r"\bsensitiv\w+\s+to\b", _I)


def draw(data_dir: Path) -> list[dict]:
    """The manifest rows: MTSamples by stratum (stratum order, then note id), then ACI-bench."""
    used_ids, used_sha = used_before("allergy5")
    by_stratum = _A2["pools"](data_dir, STRATA, (used_ids, used_sha))
    rng = random.Random(SEED)
    out = []
    for stratum, _ in STRATA:
        pool = sorted(by_stratum[stratum], key=lambda c: c[0])
        for note_id, text, row in sorted(rng.sample(
                pool, min(COUNTS.get(stratum, PER_STRATUM), len(pool))), key=lambda c: c[0]):
            out.append(mts_manifest_row(note_id, text, row, stratum, "allergy5"))
    aci = aci_texts(data_dir, ACI_FILES)
    triage = _A4["_triage_encounters"]()
    seen: set[str] = set()
    cands = []
    for key in sorted(aci):
        text_sha = sha256(aci[key])
        if (key not in used_ids and text_sha not in used_sha and text_sha not in seen
                and key.split("-", 1)[1] not in triage and _ACI_ALLERGY.search(aci[key])):
            seen.add(text_sha)  # the same note in two test files is one candidate
            cands.append(key)
    for key in sorted(random.Random(SEED + 1).sample(cands, min(ACI_COUNT, len(cands)))):
        out.append({**aci_manifest_row(key, aci[key], "allergy5"), "raw_form": "commas"})
    return out


def main() -> int:
    """Write manifest.jsonl (refuses to change an existing one unless --force)."""
    return manifest_main(draw, HERE / "manifest.jsonl", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
