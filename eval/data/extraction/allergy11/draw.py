"""Draw the eleventh allergy probe (issue 16): real allergy-bearing SNIPPETS (an allergy
section, a sentence, or a dialogue turn with the turn before it) from ACI-bench dialogues and
reference notes and from MTSamples notes that no earlier extraction set used.

    python eval/data/extraction/allergy11/draw.py [--data DIR]          # writes manifest.jsonl
    python eval/data/extraction/allergy11/draw.py --pools [--data DIR]  # pool sizes per stratum

allergy .. allergy10 drew whole notes and used up the MTSamples notes with non-plain allergy
wording; told drew snippets with a drug and a reaction cue. This probe follows told's units
(``../told/draw.py``) with an ALLERGY cue instead: the wordings real notes and visits use for
allergies (sentence-form ACI sections "Patient reports history of seasonal allergies.", first
person "i'm allergic to ...", lower-case dialogue, environmental / food / latex allergens,
negations "no allergies to medications"). Units:
- ACI-bench dialogue: a turn holding the cue, with the turn before it (the question it answers);
- ACI-bench reference note: an allergy section (a title line "ALLERGIES" alone, and its body up
  to the next blank line after the body), else a sentence holding the cue;
- MTSamples (restored line breaks): an allergy section (a title naming allergies and the lines
  up to the next title), else a sentence holding the cue; a section whose body is only a plain
  NKA statement is in the last stratum (``mts_plain``).

Excluded, by id, before any text is read: every MTSamples note of every extraction manifest
(``../*/manifest*.jsonl``: real dev + held-out, probe*, allergy .. allergy10, told; by id and
raw checksum); every ACI-bench encounter of a held-out row, whole (dialogue and note); the
reference NOTE of every ACI encounter an earlier whole-note set labelled (its dialogue, never
labelled by any set, may be drawn: the ACI notes with allergy wording are used up, and the
dialogues hold the first-person, lower-case wordings this probe is for); every span a snippet
set (told) used (a unit overlapping it is out); every MTSamples id of the
triage manifests ``../../triage_real/mts*_manifest.jsonl`` (all splits) and of their
``*_excluded_at_draw.txt`` lists; every ACI encounter of a held-out row of
``../../triage_real/*.jsonl``. COUNTS units per stratum are drawn with random.Random(SEED) from
the candidates sorted by id; one unit per encounter / note (the first of the candidate list
drawn, so a patient is not counted twice). Only ids, offsets, checksums and strata are
written, never text.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))  # the repository root, for eval.*

from eval.common import default_data_dir  # noqa: E402
from eval.extraction_real import ACI_DIR, MTS_CSV, _read_csv, restore_breaks, sha256  # noqa: E402

SEED = "20261206-allergy11"
#: the folders of the extraction manifests that existed at this draw (``real`` holds dev,
#: held-out and probe2 .. probe20; read for the exclusions; a set drawn later changes nothing
#: of this draw)
DRAWN_BEFORE = frozenset({
    "real", "probe", "allergy", "allergy2", "allergy3", "allergy4", "allergy5", "allergy6",
    "allergy7", "allergy8", "allergy9", "allergy10", "told"})
#: splits written into a DRAWN_BEFORE folder's manifest after this draw
DRAWN_AFTER = frozenset({"probe21", "probe22", "probe23", "probe24", "probe25"})
#: triage MTSamples sets drawn after this draw (their manifests and exclusion lists)
TRIAGE_DRAWN_AFTER = ("mts10_",)
SPLIT = "allergy11"
ACI_FILES = ("train", "valid", "clef_taskC_test3", "clinicalnlp_taskB_test1",
             "clinicalnlp_taskC_test2")
TRIAGE = HERE.parents[1] / "triage_real"
_I = re.IGNORECASE
#: an allergy cue: an allergy / intolerance / hypersensitivity word, NKDA / NKA, "sensitive /
#: sensitivity to", "reaction to"
_CUE = re.compile(r"\ballerg\w*|\bNKDA\b|\bNKA\b|\bintoleran\w*|\bhypersensitiv\w*|"
                  r"\bsensitiv\w*\s+to\b|\breactions?\s+to\b", _I)
#: a plain NKA line ("ALLERGIES: NKDA.", "ALLERGIES: No known drug allergies.", "NKDA.")
_PLAIN = re.compile(r"[ \t]*(?:(?:drug\s+|medication\s+)?allerg(?:ies|y)\s*:?\s*)?(?:NKDA|NKA|none|"
                    r"no\s+known\s+(?:drug\s+|medication\s+)?allerg(?:ies|y)|no\s+drug\s+"
                    r"allerg(?:ies|y))\s*\.?[ \t]*", _I)
_SECTION_TITLE = re.compile(r"^[ \t]*(?:drug\s+|medication\s+)?allerg(?:ies|y)[ \t]*:?[ \t]*$",
                            re.M | _I)
STRATA = [("aci_dialogue", lambda r: r["field"] == "dialogue"),
          ("aci_section", lambda r: r["field"] == "note" and r["kind"] == "section"),
          ("aci_sentence", lambda r: r["field"] == "note"),
          ("mts_other", lambda r: r["source"] == "mtsamples" and not _PLAIN.fullmatch(
              _MTS_TITLE.sub("", r["text"]).strip())),
          ("mts_plain", lambda r: r["source"] == "mtsamples")]
#: pools at draw time (units / encounters or notes): aci_dialogue 45 / 36, aci_section 0,
#: aci_sentence 1 / 1, mts_other 54 / 50, mts_plain 35 / 35 (``--pools``)
COUNTS = {"aci_dialogue": 26, "aci_section": 14, "aci_sentence": 4, "mts_other": 20,
          "mts_plain": 6}
_SENT_END = re.compile(r"(?<![A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\d)[.!?](?=\s+[A-Z\[])|"
                       r"\n")


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line of ``text``, spaces trimmed."""
    out, pos = [], 0
    for m in [*_SENT_END.finditer(text), None]:
        end = m.end() if m else len(text)
        seg = text[pos:end]
        a = pos + len(seg) - len(seg.lstrip())
        b = pos + len(seg.rstrip())
        if b > a:
            out.append((a, b))
        pos = end
    return out


def _turns(text: str) -> list[tuple[int, int]]:
    """(start, end) of each dialogue turn WITH the turn before it; the cue is tested on the
    turn itself (its own start is the third item)."""
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line.rstrip())))
        pos += len(line) + 1
    return [(lines[k - 1][0] if k else a, b, a) for k, (a, b) in enumerate(lines)]


def _sections(text: str) -> list[tuple[int, int]]:
    """(start, end) of each allergy section: its title line and the body after it, up to the
    first blank line after a non-blank body line (or the text's end)."""
    out = []
    for m in _SECTION_TITLE.finditer(text):
        body = re.search(r"\S[^\n]*(?:\n[ \t]*\S[^\n]*)*", text[m.end():])
        if body:
            out.append((m.start() + len(m.group()) - len(m.group().lstrip()),
                        m.end() + body.end()))
    return out


def _excluded() -> tuple[set[str], set[str], set[str], set[str], set[tuple[str, str, int, int]]]:
    """What is excluded (module docstring): MTSamples ids and raw checksums; ACI encounters
    excluded whole (held-out); ACI encounters whose reference note an earlier set labelled;
    the (encounter, field, start, end) spans of earlier snippet sets (told)."""
    ids, shas, aci_all, aci_note, spans = set(), set(), set(), set(), set()
    for path in sorted(HERE.parent.glob("*/manifest*.jsonl")):
        if path.parent.name not in DRAWN_BEFORE:
            continue  # this set, or one drawn after it: the frozen draw reads neither
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("split") in DRAWN_AFTER:
                continue  # a probe round drawn after this draw (probe21 .. probe23)
            if r["source"] == "mtsamples":
                ids.add(r["source_id"])
                if "sha256_raw" in r:
                    shas.add(r["sha256_raw"])
                continue
            enc = r["source_id"].split("-", 1)[1]
            if r["split"] == "heldout":
                aci_all.add(enc)
            elif "field" in r:  # a snippet set: only its own span is used
                spans.add((enc, r["field"], r["start"], r["end"]))
            else:  # a whole reference note was labelled
                aci_note.add(enc)
    for path in sorted(TRIAGE.glob("mts*_manifest.jsonl")):
        if path.name.startswith(TRIAGE_DRAWN_AFTER):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["source_id"])
    for path in sorted(TRIAGE.glob("*_excluded_at_draw.txt")):
        if path.name.startswith(TRIAGE_DRAWN_AFTER):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                ids.add(line.strip().removeprefix("mts-"))
    for path in sorted(TRIAGE.glob("*.jsonl")):
        if "heldout" in path.name:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and json.loads(line).get("split") == "heldout":
                aci_all |= set(re.findall(r"D2N\d+", line))
    return ids, shas, aci_all, aci_note, spans


def _units(data_dir: Path):
    """Every candidate unit (a dict, its text under "text")."""
    ids, shas, aci_all, aci_note, spans = _excluded()

    def overlaps(enc: str, field: str, a: int, b: int) -> bool:
        return any(e == enc and f == field and a < y and x < b for e, f, x, y in spans)

    for name in ACI_FILES:
        for row in _read_csv(data_dir / ACI_DIR / f"{name}.csv"):
            enc = row["encounter_id"]
            if enc in aci_all:
                continue
            base = {"source": "aci_bench", "source_id": f"{name}-{enc}"}
            text = row["dialogue"]
            for a, b, own in _turns(text):
                if _CUE.search(text[own:b]) and not overlaps(enc, "dialogue", a, b):
                    yield {**base, "id": f"aci-{name}-{enc}-d{a}", "field": "dialogue",
                           "kind": "turn", "start": a, "end": b, "text": text[a:b]}
            if enc in aci_note:
                continue
            text = row["note"]
            secs = _sections(text)
            for a, b in secs:
                if not overlaps(enc, "note", a, b):
                    yield {**base, "id": f"aci-{name}-{enc}-n{a}", "field": "note",
                           "kind": "section", "start": a, "end": b, "text": text[a:b]}
            for a, b in _sentences(text):
                if (_CUE.search(text[a:b]) and not any(s <= a < e for s, e in secs)
                        and not overlaps(enc, "note", a, b)):
                    yield {**base, "id": f"aci-{name}-{enc}-n{a}", "field": "note",
                           "kind": "sentence", "start": a, "end": b, "text": text[a:b]}
    seen: set[str] = set()
    for row in _read_csv(data_dir / MTS_CSV):
        raw = row["transcription"] or ""
        if row["note_id"] in ids or sha256(raw) in shas or raw in seen:
            continue
        seen.add(raw)
        text = restore_breaks(raw)
        secs = _mts_sections(text)
        for a, b in secs:
            yield {"id": f"mts-{row['note_id']}-{a}", "source": "mtsamples",
                   "source_id": row["note_id"], "field": "restored", "kind": "section",
                   "start": a, "end": b, "text": text[a:b]}
        for a, b in _sentences(text):
            if _CUE.search(text[a:b]) and not any(s <= a < e for s, e in secs):
                yield {"id": f"mts-{row['note_id']}-{a}", "source": "mtsamples",
                       "source_id": row["note_id"], "field": "restored", "kind": "sentence",
                       "start": a, "end": b, "text": text[a:b]}


#: an MTSamples section title naming allergies ("ALLERGIES:", "FAMILY, SOCIAL, AND ALLERGY
#: HISTORY:"), restored to its own line
_MTS_TITLE = re.compile(r"^[ \t]*(?:[A-Z][A-Z ,/&]*)?ALLERG[A-Z ,/&]*:", re.M)
_MTS_ANY_TITLE = re.compile(r"^[ \t]*[A-Z][A-Z ,/&()]+:", re.M)


def _mts_sections(text: str) -> list[tuple[int, int]]:
    """(start, end) of each allergy section of a restored MTSamples note: its title and the
    lines after it up to the next title line."""
    out = []
    for m in _MTS_TITLE.finditer(text):
        nxt = _MTS_ANY_TITLE.search(text, m.end())
        end = nxt.start() if nxt else len(text)
        a = m.start() + len(m.group()) - len(m.group().lstrip())
        out.append((a, a + len(text[a:end].rstrip())))
    return out


def pools(data_dir: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {s: [] for s, _ in STRATA}
    for u in _units(data_dir):
        if len(u["text"]) > 700:
            continue
        for stratum, test in STRATA:
            if test(u):
                out[stratum].append(u)
                break
    return out


def draw(data_dir: Path) -> list[dict]:
    by = pools(data_dir)
    rng = random.Random(SEED)
    out, used = [], set()
    for stratum, _ in STRATA:
        pool = sorted(by[stratum], key=lambda r: r["id"])
        picked = []
        for u in rng.sample(pool, len(pool)):
            if len(picked) == COUNTS[stratum]:
                break
            if u["source_id"] in used:
                continue
            used.add(u["source_id"])
            picked.append({"id": u["id"], "source": u["source"], "source_id": u["source_id"],
                           "field": u["field"], "kind": u["kind"], "start": u["start"],
                           "end": u["end"], "sha256": sha256(u["text"]), "type": stratum,
                           "split": SPLIT})
        out += sorted(picked, key=lambda r: r["id"])
    return out


def unit_text(row: dict, data_dir: Path) -> str:
    """The text of a manifest row, its checksum verified."""
    if row["source"] == "aci_bench":
        name, enc = row["source_id"].split("-", 1)
        text = next(r[row["field"]] for r in _read_csv(data_dir / ACI_DIR / f"{name}.csv")
                    if r["encounter_id"] == enc)
    else:
        text = restore_breaks(next(r["transcription"] for r in _read_csv(data_dir / MTS_CSV)
                                   if r["note_id"] == row["source_id"]))
    unit = text[row["start"]:row["end"]]
    if sha256(unit) != row["sha256"]:
        raise ValueError(f"{row['id']}: the source text has changed")
    return unit


def main() -> int:
    args = sys.argv[1:]
    data_dir = Path(args[args.index("--data") + 1]) if "--data" in args else default_data_dir()
    if "--pools" in args:
        for s, p in pools(data_dir).items():
            print(s, len(p), len({u["source_id"] for u in p}))
        return 0
    path = HERE / "manifest.jsonl"
    if path.exists() and "--force" not in args:
        print(f"{path} exists (--force to redraw)")
        return 1
    rows = draw(data_dir)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} rows to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
