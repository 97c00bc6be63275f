"""Draw the seventh allergy probe set: allergy wordings the earlier sets covered little.

    python eval/data/extraction/allergy7/draw.py [--data DIR]
    python eval/data/extraction/allergy7/draw.py --freeze   # rewrite excluded_at_draw.tsv

allergy .. allergy6 were tuned on; the frozen held-out split still misses its one gold
allergy. This set is fresh real text with wordings the earlier strata drew few of: an
allergy statement inline with another section on one line ("Medications: X. Allergies: Y."),
allergen abbreviations (PCN, ASA, IVP dye, sulfa), "intolerance" / "adverse reaction" /
"side effect" phrasing, reactions in parentheses or after dashes, "allergic to" in the HPI or
assessment prose, multi-line allergy blocks, and the specialties the earlier draws took few
notes from (pediatrics, dentistry, orthopedics, podiatry). It is tuned on, it is not a
held-out split.

The pool and the allergy section test are allergy2's (imported from ``../allergy2/draw.py``):
MTSamples transcriptions of 300..6000 characters, duplicate texts merged. Excluded (frozen in
``excluded_at_draw.tsv``, so that a later set never changes this draw): every note of every
extraction manifest when drawn (real dev + held-out, probe .. probe12, allergy .. allergy6:
``eval.extraction_real.DRAWN_BEFORE['allergy7']``) by id and raw-text checksum, and every note
of the triage manifests ``eval/data/triage_real/mts_manifest.jsonl`` and
``mts2_manifest.jsonl`` by id and restored-text checksum (a text filed under several ids is
excluded when any of its ids is). Each candidate takes the FIRST stratum of STRATA whose test
holds on its restored text; COUNTS (default PER_STRATUM) notes per stratum are drawn with
random.Random(SEED) from the candidates sorted by note id. No ACI-bench note: allergy5 drew the
last unused ones with an allergy word. Only ids, checksums and strata are written, never note
text.
"""

from __future__ import annotations

import json
import random
import re
import runpy
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))  # the repository root, for eval.*

from eval.common import default_data_dir, manifest_main  # noqa: E402
from eval.extraction_real import (  # noqa: E402
    MTS_CSV,
    _read_csv,
    load_manifest,
    mts_manifest_row,
    restore_breaks,
    sha256,
    used_before,
)

#: allergy2's draw module (not a package: run as a path)
_A2 = runpy.run_path(str(HERE.parent / "allergy2" / "draw.py"))

SEED = 20261207
SPLIT = "allergy7"
PER_STRATUM = 3
#: notes per stratum where not PER_STRATUM
COUNTS: dict[str, int] = {}
EXCLUDED = HERE / "excluded_at_draw.tsv"
TRIAGE_MANIFESTS = ("mts_manifest.jsonl", "mts2_manifest.jsonl")
_I = re.IGNORECASE
_BLOCK = _A2["_BLOCK"]
_ALLERGY = _A2["_ALLERGY"]


#: a section header at a line's start ("MEDS:", "PAST MEDICAL HISTORY:")
_HEADER = re.compile(r"(?m)^[ \t]*([A-Z][A-Za-z ,/&]{1,45}):")
#: the sections an allergy statement is told inside when it has no section of its own
_HOST = re.compile(r"\b(?:MEDICATIONS?|MEDS|PMH|PAST\s+MEDICAL|HISTORY|SOCIAL|FAMILY|HX)\b", _I)
#: an allergy statement (not "allergic rhinitis", a ROS line or a consent risk)
_STATEMENT = re.compile(r"\b(?:no\s+known\s+(?:\w+\s+)?allerg\w*|NKDA|NKA|(?:no|denies(?:\s+any)?)"
                        r"\s+(?:\w+\s+)?allerg(?:y|ies)|allerg(?:ic|y|ies)\s+to\s+\w+)", _I)


def _in_other_section(text: str) -> bool:
    """An allergy statement inside another section (a medication line, the PMH or social
    history run: "MEDS: Tylenol 500 mg. No known allergies."), not under an allergy header."""
    for m in _STATEMENT.finditer(text):
        heads = [h for h in _HEADER.finditer(text, 0, m.start())]
        if heads and not re.search(r"allerg", heads[-1].group(1), _I) \
                and _HOST.search(heads[-1].group(1)):
            return True
    return False


#: allergen abbreviations (PCN, ASA, IVP dye, MSO4, ABX, sulfa, NSAIDs, HCTZ, TMP-SMX, ACEI)
_ABBREV = re.compile(r"\b(?:PCN|PCNs|ASA|IVP|MSO4|MS04|ABX|sulfa|NSAIDs?|HCTZ|TMP|SMX|ACEI?s?|"
                     r"ACE-?I|Pen\s*VK|PEN|TCN|CPZ|APAP)\b")
#: "<substance> allergy" in prose ("due to his sulfa allergy", "a severe iodine allergy")
_NOUN_ALLERGY = re.compile(
    r"\b(?!(?:drug|drugs|known|food|foods|seasonal|environmental|medication|medications|"
    r"medicine|medical|nasal|sinus|the|no|any|an|a|of|for|RAST|allergic|his|her|their|inhalant|"
    r"and|or|with|negative|had|has|have|some|true|systemic|other|possible|probable|denies|"
    r"deny|denied|multiple|several|status|skin|immunology|cow)\b)[A-Za-z]{3,}\s+allerg(?:y|ies)\b",
    _I)
#: an allergen named after an allergy word, in any section ("admits allergies to aspirin")
_NAMED = re.compile(r"\ballerg(?:ic|y|ies)\s+(?:reactions?\s+)?to\s+(?!(?:any|the|medications?|"
                    r"drugs?|medicines?|anything)\b)[A-Za-z]", _I)


def _near(pattern: re.Pattern[str], width: int) -> Callable[[str], bool]:
    return _A2["_near"](pattern, width)


def _outside_blocks(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A test: ``pattern`` somewhere outside every allergy section (header and block)."""
    def test(text: str) -> bool:
        spans = [m.span() for m in _BLOCK.finditer(text)]
        return any(not any(a <= m.start() < b for a, b in spans)
                   for m in pattern.finditer(text))
    return test


def _reaction_block(text: str) -> bool:
    """An allergy block holding a reaction in parentheses, after a dash, or after "resulting
    in" / "causes" / "leads to"."""
    return any(re.search(r"\w\s*\((?!\s*see\b)[a-z][^)]{1,40}\)|\w\s+[-\u2013]{1,2}\s*[a-z]|"
                         r"\b(?:resulting|results|resulted)\s+in\b|\bcaus(?:es|ed|ing)\b|"
                         r"\blead(?:s|ing)?\s+to\b", b, _I)
               for _, b in _A2["_blocks"](text))


_SPECIALTY = re.compile(r"pediatric|dentistry|orthopedic|podiatry", _I)

#: (stratum, test on the restored text (and the CSV row)), rarer forms first: a note takes
#: the first that holds.
STRATA: list[tuple[str, Callable[[str], object]]] = [
    ("abbreviation", _near(_ABBREV, 60)),
    # "intolerance" (not heat/cold/glucose/exercise intolerance, symptoms), "adverse
    # reaction(s) to", "side effect(s) from/to/with", "did not tolerate"
    ("intolerance_adverse_side_effect", re.compile(
        r"(?<!heat )(?<!cold )(?<!glucose )(?<!exercise )(?<!activity )\bintoleran(?:ce|t)\b|"
        r"\badverse\s+(?:drug\s+)?(?:reactions?|effects?)\s+"
        r"(?:to|from|with|of)\b|\bside\s+effects?\s+(?:to|from|with)\b|"
        r"\b(?:did|could|can)\s*(?:not|n't)\s+(?:really\s+)?tolerate\b(?!\s+the\s+procedure)",
        _I).search),
    ("reaction_in_block", _reaction_block),
    ("substance_allergy_prose", _outside_blocks(_NOUN_ALLERGY)),
    ("allergy_in_other_section", _in_other_section),
    ("named_allergen", _NAMED.search),
]
#: the specialty stratum: tested on the CSV row, after the wording strata
SPECIALTY_STRATUM = "specialty_peds_dental_ortho"


def frozen_exclusions(data_dir: Path | None = None) -> tuple[set[str], set[str]]:
    """Source ids and checksums (raw for the extraction sets, restored for triage) read from
    ``excluded_at_draw.tsv``."""
    ids: set[str] = set()
    shas: set[str] = set()
    for line in EXCLUDED.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        _, source_id, sha = line.split("\t")
        ids.add(source_id)
        if sha != "-":
            shas.add(sha)
    return ids, shas


def freeze() -> int:
    """Write excluded_at_draw.tsv from the manifests as they are now (run once, at draw)."""
    root = HERE.parents[1]
    rows: list[tuple[str, str, str]] = []
    wanted = set(__import__("eval.extraction_real", fromlist=["DRAWN_BEFORE"])
                 .DRAWN_BEFORE[SPLIT])
    for path in sorted((root / "extraction").glob("*/manifest.jsonl")):
        for r in load_manifest(path.parent):
            if r["split"] in wanted:
                rows.append((f"extraction:{r['split']}", r["source_id"], r["sha256_raw"]))
    for name in TRIAGE_MANIFESTS:
        for line in (root / "triage_real" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                rows.append((f"triage:{name}:{r['split']}", r["source_id"], r["sha256"]))
    head = ("# allergy7 draw exclusions, frozen at draw time: set, source id, checksum\n"
            "# (raw CSV text for extraction sets, restored text for triage manifests)\n")
    EXCLUDED.write_text(head + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} exclusions to {EXCLUDED}")
    return 0


def pools(data_dir: Path) -> dict[str, list[tuple[int, str, dict[str, str]]]]:
    """The MTSamples candidates per stratum (each in its first stratum only), none excluded."""
    ids, shas = frozen_exclusions()
    ext_ids, ext_shas = used_before(SPLIT)
    assert ext_ids <= ids and ext_shas <= shas, "excluded_at_draw.tsv lacks an earlier set"
    by_text: dict[str, list[dict[str, str]]] = {}
    for row in _read_csv(data_dir / MTS_CSV):
        text = row["transcription"] or ""
        if _A2["MIN_CHARS"] <= len(text) <= _A2["MAX_CHARS"]:
            by_text.setdefault(text, []).append(row)
    names = [s for s, _ in STRATA] + [SPECIALTY_STRATUM]
    out: dict[str, list[tuple[int, str, dict[str, str]]]] = {s: [] for s in names}
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
        else:
            if (_ALLERGY.search(restored)
                    and any(_SPECIALTY.search(r["medical_specialty"] or "") for r in rows)):
                out[SPECIALTY_STRATUM].append((int(first["note_id"]), text, first))
    return out


def draw(data_dir: Path) -> list[dict]:
    """The manifest rows: MTSamples by stratum (stratum order, then note id)."""
    by_stratum = pools(data_dir)
    rng = random.Random(SEED)
    out = []
    for stratum in [s for s, _ in STRATA] + [SPECIALTY_STRATUM]:
        pool = sorted(by_stratum[stratum], key=lambda c: c[0])
        n = COUNTS.get(stratum, PER_STRATUM)
        for note_id, text, row in sorted(rng.sample(pool, min(n, len(pool))),
                                         key=lambda c: c[0]):
            out.append(mts_manifest_row(note_id, text, row, stratum, SPLIT))
    return out


def main() -> int:
    """Write manifest.jsonl (refuses to change an existing one unless --force); ``--freeze``
    rewrites the exclusion list instead."""
    if "--freeze" in sys.argv[1:]:
        return freeze()
    if "--pools" in sys.argv[1:]:
        for s, p in pools(default_data_dir()).items():
            print(s, len(p))
        return 0
    return manifest_main(draw, HERE / "manifest.jsonl", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
