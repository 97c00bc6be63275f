"""Draw the sixth allergy probe set: allergy wordings the earlier sets did not cover.

    python eval/data/extraction/allergy6/draw.py [--data DIR]

allergy .. allergy5 were tuned on (36/36, 45/45, 9/9, 22/23, 23/23). This set is fresh real
text with allergy wordings they hold few of: "sensitive to", "reacts/reacted to", "does not
tolerate", "cannot take" told as an intolerance; a drug class named by what its drugs treat or
a class word ("pain medications", "antibiotics", "-mycins", "narcotics"); food, latex, contrast,
tape and insect allergens; an allergy statement inside the history or social prose; an
allergy section with an exception ("except", "other than", "but") or a long line. It is tuned
on, it is not a held-out split.

The pool and the allergy section test are allergy2's (imported from ``../allergy2/draw.py``):
MTSamples transcriptions of 300..6000 characters, duplicate texts merged, none of the notes
(by id or by raw-text checksum, both read from the manifests: no earlier note's text is read)
of the sets drawn before it (every set so far, the real set's held-out split included:
``eval.extraction_real.DRAWN_BEFORE``). Each candidate takes the FIRST stratum of STRATA whose
test holds on its restored text; PER_STRATUM notes per stratum are drawn with
random.Random(SEED) from the candidates sorted by note id. No ACI-bench note: allergy5 drew
the last unused ones with an allergy word. Only ids, checksums and strata are written, never
note text.
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
from eval.extraction_real import mts_manifest_row, used_before  # noqa: E402

#: allergy2's draw module (not a package: run as a path)
_A2 = runpy.run_path(str(HERE.parent / "allergy2" / "draw.py"))

SEED = 20261206
PER_STRATUM = 4
_I = re.IGNORECASE
_BLOCK = _A2["_BLOCK"]


def _outside_blocks(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A test: ``pattern`` somewhere outside every allergy section (header and block)."""
    def test(text: str) -> bool:
        spans = [m.span() for m in _BLOCK.finditer(text)]
        return any(not any(a <= m.start() < b for a, b in spans)
                   for m in pattern.finditer(text))
    return test


def _block_test(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A test: ``pattern`` inside an allergy section's block."""
    return lambda text: any(pattern.search(b) for _, b in _A2["_blocks"](text))


def _long_line_block(text: str) -> bool:
    """An allergy block with a line of more than 8 words that is not a 'none' statement."""
    return any(len(ln.split()) > 8 and not re.search(r"\bno\s+known|\bNKDA\b|\bnone\b", ln, _I)
               for _, b in _A2["_blocks"](text) for ln in b.strip().split("\n")[:3])


#: (stratum, test on the restored text), rarer forms first: a note takes the first that holds.
STRATA: list[tuple[str, Callable[[str], object]]] = [
    # "sensitive to", "reacts to", "does not tolerate", "cannot take" in prose
    ("sensitive_reacts_prose", _outside_blocks(re.compile(
        r"\b(?:sensitive\s+to|react(?:s|ed)?\s+(?:badly\s+)?to|(?:does|did|could|can)\s*(?:not|n't)"
        r"\s+tolerate|cannot\s+(?:take|tolerate)|intolerant\s+(?:of|to))\s+(?!the\s+procedure)"
        r"[A-Za-z]", _I))),
    # an exception after a none statement, in or out of the section
    ("exception", re.compile(r"\b(?:NKDA|NKA|no\s+known\s+(?:\w+\s+)?allerg\w*|none)\s*,?\s*"
                             r"(?:except|excepting|other\s+than|apart\s+from|besides|but)\b",
                             _I).search),
    # a drug class by a class word in the block ("pain medications", "antibiotics", "mycins")
    ("class_word_block", _block_test(re.compile(
        r"\b\w+\s+(?:medications?|medicines?|meds|drugs)\b|\bantibiotics?\b|\bmycins?\b|"
        r"\bnarcotics?\b|\banesthe\w+\b|\bsteroids?\b", _I))),
    # food, latex, contrast, tape, insects near an allergy word
    ("food_contact_insect", _A2["_near"](re.compile(
        r"\b(?:peanuts?|nuts?|eggs?|milk|shellfish|seafood|fish|shrimp|strawberr\w+|latex|"
        r"contrast|dye|iodine|tape|adhesive|bees?|wasps?|stings?)\b", _I), 60)),
    ("long_line_block", _long_line_block),
    # an allergy word in prose outside every allergy section (history, social history)
    ("allergy_in_prose", _outside_blocks(re.compile(r"\ballerg(?:ic|y|ies)\b(?!\s+rhinitis)",
                                                    _I))),
]


def draw(data_dir: Path) -> list[dict]:
    """The manifest rows: MTSamples by stratum (stratum order, then note id)."""
    by_stratum = _A2["pools"](data_dir, STRATA, used_before("allergy6"))
    rng = random.Random(SEED)
    out = []
    for stratum, _ in STRATA:
        pool = sorted(by_stratum[stratum], key=lambda c: c[0])
        for note_id, text, row in sorted(rng.sample(pool, min(PER_STRATUM, len(pool))),
                                         key=lambda c: c[0]):
            out.append(mts_manifest_row(note_id, text, row, stratum, "allergy6"))
    return out


def main() -> int:
    """Write manifest.jsonl (refuses to change an existing one unless --force)."""
    return manifest_main(draw, HERE / "manifest.jsonl", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
