"""Draw the allergy probe set: fresh real notes that state allergies in varied forms.

    python eval/data/extraction/allergy/draw.py [--data DIR]

Issue 16's allergy acceptance item (recall >= 0.95, no allergen reported as an active
medication) rests on one gold allergy in the frozen held-out split of ``../real/``, and an
independent evaluation found 0 of 8 allergies when the line breaks are commas. This set is
fresh text to find allergy error classes on; it is tuned on, it is not a held-out split.

MTSamples: transcriptions of 300..6000 characters, duplicate texts merged, none of the notes
(by id or by text) of ``../real/`` or of ``../probe/``'s rounds 1-3 (the sets that existed
when it was drawn; ``eval.extraction_real.DRAWN_BEFORE``). Each candidate takes the FIRST stratum of
STRATA whose pattern matches its restored text (the comma-for-newline substitution undone), so
the rarer written forms are filled first; COUNTS (default PER_STRATUM) notes per stratum are drawn with
random.Random(SEED) from the candidates sorted by note id. ACI-bench: ACI_COUNT reference
notes (train + valid, not in ``../real/``) that mention an allergy, drawn with
random.Random(SEED + 1). Every note has split ``allergy``. Only ids, checksums and strata are
written, never note text.
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

SEED = 20261206
MIN_CHARS, MAX_CHARS = 300, 6000
#: notes per stratum (3; one more for the forms the issue names: comma-for-newline lists,
#: reactions, plain section lists)
COUNTS = {"list_lines": 4, "reaction": 4, "plain": 4}
PER_STRATUM = 3
ACI_COUNT = 4
ACI_FILES = ("train", "valid")
_I = re.IGNORECASE
#: An allergy section header ("ALLERGIES:", "Drug Allergies:", "ALLERGY:", "ALLERGIES TO
#: MEDICATIONS:") and its block: the text after it up to the next "HEADER:" line (300 chars).
_BLOCK = re.compile(r"(?m:^)[ \t]*(?P<h>(?:DRUG\s+|MEDICATION\s+)?ALLERG(?:IES|Y)[^:\n]{0,30}):"
                    r"(?P<b>(?:(?!\n[ \t]*[A-Z][A-Za-z /]{2,40}:)[\s\S]){0,300})", _I)
_NON_DRUG = re.compile(r"\b(?:latex|shellfish|iodine|contrast|tape|peanuts?|eggs?|seafood|bees?|"
                       r"adhesive|dye|nuts?|strawberr(?:y|ies)|cats?|dust)\b", _I)


def _blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group("h"), m.group("b")) for m in _BLOCK.finditer(text)]


def _any_block(text: str, test: Callable[[str, str], object]) -> bool:
    return any(bool(test(h, b)) for h, b in _blocks(text))


def _items(body: str) -> int:
    return sum(1 for line in body.split("\n")[1:] if re.match(r"[ \t]*(?:\d+\.\s*)?[A-Za-z]",
                                                              line))


#: (stratum, test on the restored text), in priority order: a note takes the first that holds.
STRATA: list[tuple[str, Callable[[str], object]]] = [
    ("intolerant", re.compile(r"\bintoleran(?:t|ce)\s+(?:of|to)\b", _I).search),
    ("sensitivity", re.compile(r"\bsensitiv(?:e|ity|ities)\s+to\b", _I).search),
    ("non_drug", lambda t: _any_block(t, lambda h, b: _NON_DRUG.search(b)) or re.search(
        r"\ballergic\s+to\s+(?:\w+\s+){0,3}?" + _NON_DRUG.pattern, t, _I)),
    ("list_lines", lambda t: _any_block(t, lambda h, b: not b.split("\n")[0].strip()
                                        and _items(b) >= 2)),
    ("reaction", lambda t: _any_block(t, lambda h, b: re.search(
        r"\(|\s[-–]\s|\bcaus|\brash|\bhives|\bswell|\banaphyla", b, _I))),
    ("header_variant", lambda t: _any_block(t, lambda h, b: h.strip() != "ALLERGIES")),
    ("prose", re.compile(r"\ballergic\s+to\b", _I).search),
    ("no_known", re.compile(r"\b(?:NKDA|NKA|no\s+known\s+(?:drug\s+)?allergies)\b", _I).search),
    ("plain", lambda t: bool(_blocks(t))),
]
_ACI_ALLERGY = re.compile(r"\ballerg(?:ic|y|ies)\b(?!\s+rhinitis)", _I)


def _used() -> tuple[set[str], set[str]]:
    """Ids and raw checksums of the sets drawn before this one (real dev/held-out, probe
    rounds 1-3; ``eval.extraction_real.DRAWN_BEFORE``), never a later set."""
    return used_before("allergy")


def draw(data_dir: Path) -> list[dict]:
    """The manifest rows: MTSamples by stratum (stratum order, then note id), then ACI-bench."""
    used_ids, used_sha = _used()
    by_text: dict[str, list[dict[str, str]]] = {}
    for row in _read_csv(data_dir / MTS_CSV):
        text = row["transcription"] or ""
        if MIN_CHARS <= len(text) <= MAX_CHARS:
            by_text.setdefault(text, []).append(row)
    pools: dict[str, list[tuple[int, str, dict[str, str]]]] = {s: [] for s, _ in STRATA}
    for text, rows in by_text.items():
        if sha256(text) in used_sha or any(r["note_id"] in used_ids for r in rows):
            continue
        restored = restore_breaks(text)
        for stratum, test in STRATA:
            if test(restored):
                first = min(rows, key=lambda r: int(r["note_id"]))
                pools[stratum].append((int(first["note_id"]), text, first))
                break
    rng = random.Random(SEED)
    out = []
    for stratum, _ in STRATA:
        pool = sorted(pools[stratum], key=lambda c: c[0])
        for note_id, text, row in sorted(rng.sample(
                pool, min(COUNTS.get(stratum, PER_STRATUM), len(pool))),
                                         key=lambda c: c[0]):
            out.append(mts_manifest_row(note_id, text, row, stratum, "allergy"))
    aci = aci_texts(data_dir, ACI_FILES)
    cands = sorted(k for k, t in aci.items()
                   if k not in used_ids and sha256(t) not in used_sha and _ACI_ALLERGY.search(t))
    for key in sorted(random.Random(SEED + 1).sample(cands, min(ACI_COUNT, len(cands)))):
        out.append(aci_manifest_row(key, aci[key], "allergy"))
    return out


def main() -> int:
    """Write manifest.jsonl (refuses to change an existing one unless --force)."""
    return manifest_main(draw, HERE / "manifest.jsonl", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
