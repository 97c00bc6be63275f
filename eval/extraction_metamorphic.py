"""Metamorphic test of the rules extractor on the DEV and probe gold notes: each note is
rewritten by meaning-preserving layout transforms (all capitals, line breaks as ", " or " ",
header colons and line breaks moved, extra white space, list markers added or removed,
dotted abbreviations undotted and back, Windows line ends) and scored against the same
concept-level gold (the scorer compares names, statuses and attributes, never spans, so the
gold holds for every form). A drop against the untransformed note is a fragility class.

    PYTHONPATH=$PWD python eval/extraction_metamorphic.py --data /work/shared/data \\
        [--limit N] [--seed 0] [--transforms upper,commas] [--out DIR] [--diffs 5]

Sets read: the real set's ``dev`` split, the probe set (probe .. probe17) and the allergy
sets (allergy .. allergy10). The real set's ``heldout`` split is skipped in code before its
labels are read (tuning must not see them; ``eval/data/extraction/heldout/`` is never read).
No labels are added: the same gold scores every form. ``--limit`` draws a seeded subset of
the notes (``eval.metrics.seeded_subset``). Output: a per-transform table (micro-F1, per-
category recall and precision, problem status accuracy, allergens read as medications, with
the change against the untransformed notes) on stdout, and with ``--out`` a JSON of the
table plus the items each transform lost or added against the untransformed note's record.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval.extraction import CATEGORIES, _drug_key, _norm, concept_key, score
from eval.metrics import seeded_subset

#: gold sets read (folder under eval/data/extraction, manifest splits kept)
SETS: tuple[tuple[str, str], ...] = (
    ("real", r"dev"),
    ("probe", r"probe\d*"),
    *((f"allergy{n}", rf"allergy{n}") for n in ("", "2", "3", "4", "5", "6", "7", "8", "9",
                                                 "10")),
)
#: never read, whatever the folder (the frozen held-out split)
HELD_OUT = "heldout"


# ----------------------------------------------------------------------------- transforms
_HEADER_LINE = re.compile(r"^([ \t]*[A-Z][A-Za-z /&()-]{1,50}?):[ \t]*(?=\S)", re.MULTILINE)
_HEADER_ALONE = re.compile(r"^([ \t]*[A-Z][A-Za-z /&()-]{1,50}?):[ \t]*\n(?=[ \t]*\S)",
                           re.MULTILINE)
#: a line that starts with a "Title:" or is a capitalised title alone (a header: never
#: given a list marker)
_TITLE_START = re.compile(r"^[ \t]*(?:[A-Z][A-Za-z /&()-]{1,50}:|[A-Z][A-Z /&]{2,40}[ \t]*$)")
_MARKER = re.compile(r"^([ \t]*)(?:\d{1,2}[.)]|[-*\u2022])[ \t]+(?=\S)", re.MULTILINE)
#: (dotted, undotted) abbreviation pairs (sig abbreviations; ISMP lists the dotted forms)
_ABBREV = (("p.o.", "po"), ("b.i.d.", "bid"), ("t.i.d.", "tid"), ("q.i.d.", "qid"),
           ("q.d.", "qd"), ("p.r.n.", "prn"), ("q.h.s.", "qhs"), ("h.s.", "hs"),
           ("q.a.m.", "qam"), ("q.p.m.", "qpm"), ("i.v.", "iv"), ("i.m.", "im"),
           ("s.c.", "sc"), ("q.o.d.", "qod"))


def _undot(text: str) -> str:
    for dotted, bare in _ABBREV:
        text = re.sub(rf"(?<![\w.]){re.escape(dotted)}(?!\w)", bare, text, flags=re.I)
    return text


def _dot(text: str) -> str:
    for dotted, bare in _ABBREV:
        if bare in ("im", "hs", "sc", "iv"):
            continue  # ordinary words or too ambiguous to dot blindly ("IV" roman numeral)
        text = re.sub(rf"(?<![\w.]){bare}(?![\w.])", dotted, text)
        text = re.sub(rf"(?<![\w.]){bare.upper()}(?![\w.])", dotted.upper(), text)
    return text


def _list_lines(text: str, marker: Callable[[int], str]) -> str:
    """Each line of a run of two or more short lines (a list) given ``marker(k)``."""
    lines = text.split("\n")
    out = []
    k = 0
    for i, line in enumerate(lines):
        short = 0 < len(line.strip()) <= 80 and not line.rstrip().endswith(":") \
            and not _MARKER.match(line) and not _TITLE_START.match(line)
        near = any(0 < len(lines[j].strip()) <= 80 for j in (i - 1, i + 1)
                   if 0 <= j < len(lines))
        if short and near:
            k += 1
            out.append(marker(k) + line.lstrip())
        else:
            k = 0
            out.append(line)
    return "\n".join(out)


def _whitespace(text: str) -> str:
    text = re.sub(r"\n", "\n\n", text)            # blank line after every line
    text = re.sub(r"(?<=\S) (?=\S)", "  ", text)  # double spaces between words
    return re.sub(r":[ \t]+", ":\t", text)        # a tab after each colon


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "upper": str.upper,
    "lower": str.lower,
    "commas": lambda t: t.replace("\n", ","),           # the MTSamples CSV form (",X")
    "comma_space": lambda t: re.sub(r"\n+", ", ", t),   # the comma-for-newline form
    "spaces": lambda t: re.sub(r"\s*\n\s*", " ", t),
    "header_inline": lambda t: _HEADER_ALONE.sub(r"\1: ", t),
    "header_newline": lambda t: _HEADER_LINE.sub(r"\1:\n", t),
    "header_nocolon": lambda t: re.sub(r"^([ \t]*[A-Z][A-Z /&]{2,40}):[ \t]*$", r"\1", t,
                                       flags=re.MULTILINE),
    "header_nocolon_inline": lambda t: _HEADER_LINE.sub(r"\1 ", t),
    "whitespace": _whitespace,
    "blank_lines": lambda t: t.replace("\n", "\n\n"),
    "double_spaces": lambda t: re.sub(r"(?<=\S) (?=\S)", "  ", t),
    "tabs": lambda t: re.sub(r":[ \t]+", ":\t", t),
    "bullets_num": lambda t: _list_lines(t, lambda k: f"{k}. "),
    "bullets_paren": lambda t: _list_lines(t, lambda k: f"{k}) "),
    "bullets_dash": lambda t: _list_lines(t, lambda k: "- "),
    "bullets_star": lambda t: _list_lines(t, lambda k: "* "),
    "bullets_removed": lambda t: _MARKER.sub(r"\1", t),
    "undotted": _undot,
    "dotted": _dot,
    "crlf": lambda t: t.replace("\n", "\r\n"),
}


# ----------------------------------------------------------------------------- data
def load_dev_notes(data_dir: Path) -> list[dict[str, Any]]:
    """Every dev/probe/allergy note with its restored text and gold; held-out rows dropped
    before any label is read."""
    from eval import extraction_real as er

    root = Path(er.__file__).resolve().parent / "data" / "extraction"
    out = []
    for folder, keep in SETS:
        notes = [n for n in er.load_notes(data_dir, root / folder)
                 if n["split"] != HELD_OUT and re.fullmatch(keep, n["split"])]
        for n in notes:
            gold = er.load_gold_file(n["id"], root / folder)
            out.append({"id": n["id"], "set": folder, "split": n["split"],
                        "text": n["restored"], "gold": gold})
    return out


# ----------------------------------------------------------------------------- scoring
def _keys(rec: dict) -> set[str]:
    """Concept keys of a record's items (category, name, status) for base-vs-form diffs."""
    out = set()
    for p in rec.get("problems", []):
        out.add(f"problem|{concept_key(_norm(p['text']))}|{p['status']}")
    for m in rec.get("medications", []):
        out.add(f"med|{_drug_key(m['name'])}|{m.get('status')}")
    for a in rec.get("allergies", []):
        out.add(f"allergy|{concept_key(_norm(a['substance']))}")
    for v in rec.get("vitals", []):
        out.add(f"vital|{v['name']}|{v['value']}")
    for lab in rec.get("labs", []):
        out.add(f"lab|{lab['name'].lower()}|{lab.get('value')}")
    return out


def _allergens_as_meds(preds: list[dict], golds: list[dict]) -> int:
    from eval.extraction_real import allergens_as_medications

    return allergens_as_medications([{"pred": p, "gold": g} for p, g in zip(preds, golds,
                                                                           strict=True)])


def _row(name: str, preds: list[dict], golds: list[dict]) -> dict[str, Any]:
    s = score(preds, golds)
    row: dict[str, Any] = {"transform": name, "micro_f1": s["entity_micro_f1"]}
    for c in CATEGORIES:
        row[f"{c}.recall"] = s[f"{c}.recall"]
        row[f"{c}.precision"] = s[f"{c}.precision"]
    row["status_acc"] = s["problems.status_accuracy"]
    row["med_attr_acc"] = s["medications.attribute_accuracy"]
    row["allergens_as_meds"] = _allergens_as_meds(preds, golds)
    return row


def run(data_dir: Path, *, limit: int | None = None, seed: int = 0,
        transforms: list[str] | None = None) -> dict[str, Any]:
    """Score the base notes and each transform; the items each transform lost or added."""
    from assistant.config import Settings
    from assistant.extract.pipeline import Extractor

    ex = Extractor(Settings(use_llm=False))
    notes = seeded_subset(load_dev_notes(data_dir), limit, seed)
    golds = [n["gold"] for n in notes]
    base = [ex.extract(n["text"], n["id"]).model_dump(mode="json") for n in notes]
    rows = [_row("base", base, golds)]
    diffs: dict[str, list[dict[str, Any]]] = {}
    for name in transforms or list(TRANSFORMS):
        fn = TRANSFORMS[name]
        preds = []
        diffs[name] = []
        for n, b in zip(notes, base, strict=True):
            p = ex.extract(fn(n["text"]), n["id"]).model_dump(mode="json")
            preds.append(p)
            kb, kp = _keys(b), _keys(p)
            if kb != kp:
                diffs[name].append({"note": n["id"], "lost": sorted(kb - kp),
                                    "added": sorted(kp - kb)})
        row = _row(name, preds, golds)
        row["notes_changed"] = len(diffs[name])
        rows.append(row)
    return {"notes": len(notes), "rows": rows, "diffs": diffs}


def _table(rows: list[dict[str, Any]]) -> str:
    cols = ["micro_f1", *(f"{c}.recall" for c in CATEGORIES), "allergies.precision",
            "medications.precision", "problems.precision", "status_acc", "allergens_as_meds",
            "notes_changed"]
    short = {"micro_f1": "F1", "problems.recall": "prR", "medications.recall": "medR",
             "allergies.recall": "algR", "vitals.recall": "vitR", "labs.recall": "labR",
             "allergies.precision": "algP", "medications.precision": "medP",
             "problems.precision": "prP", "status_acc": "stat", "allergens_as_meds": "a->m",
             "notes_changed": "chg"}
    base = rows[0]
    lines = ["| transform | " + " | ".join(short[c] for c in cols) + " |",
             "|---" * (len(cols) + 1) + "|"]
    for r in rows:
        cells = []
        for c in cols:
            v = r.get(c, "")
            if isinstance(v, float):
                d = v - base[c]
                cells.append(f"{v:.3f}" + (f" ({d:+.3f})" if r is not base and abs(d) >= 5e-4
                                           else ""))
            else:
                cells.append(str(v))
        lines.append(f"| {r['transform']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """CLI: print the per-transform table; ``--out`` writes it and the diffs as JSON."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=None, help="shared data root (mtsamples/)")
    ap.add_argument("--limit", type=int, default=None, help="a seeded subset of N notes")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--transforms", default="", help="comma list (default: all): "
                    + ",".join(TRANSFORMS))
    ap.add_argument("--out", type=Path, default=None, help="folder for metamorphic.json")
    ap.add_argument("--diffs", type=int, default=0, help="print N lost/added rows per form")
    args = ap.parse_args(argv)
    if args.data is None:
        from eval.common import default_data_dir

        args.data = default_data_dir()
    names = [t.strip() for t in args.transforms.split(",") if t.strip()] or None
    bad = [t for t in names or [] if t not in TRANSFORMS]
    if bad:
        ap.error(f"unknown transform(s) {bad}; known: {','.join(TRANSFORMS)}")
    res = run(args.data, limit=args.limit, seed=args.seed, transforms=names)
    print(f"{res['notes']} dev/probe notes (held-out split skipped)")
    print(_table(res["rows"]))
    for name, rows in res["diffs"].items():
        for d in rows[: args.diffs]:
            print(f"{name} {d['note']} lost={d['lost'][:6]} added={d['added'][:6]}")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "metamorphic.json").write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
