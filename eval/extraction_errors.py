"""Error listing for the real-note DEV split (never the held-out split): what the rules
missed, what they reported that the gold lacks, and medication attribute mismatches, each
with a short context from the note so an error can be put in a class.

    python -m eval.extraction_errors --data ../shared/data [--form restored|raw] [--cat problems]

The held-out notes are refused on purpose: tuning must not see their labels.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from eval.extraction import _drug_key, _match, _problem_key, score
from eval.extraction_real import load_gold_file, load_notes


def _context(text: str, phrase: str, width: int = 60) -> str:
    words = [w for w in re.findall(r"[a-z]{3,}", phrase.lower())][:2]
    low = text.lower()
    for w in words:
        i = low.find(w)
        if i >= 0:
            return " ".join(text[max(0, i - width): i + width].split())
    return "-"


def dev_errors(data_dir: Path, form: str = "restored") -> tuple[list[dict], dict]:
    """(one row per error, pooled score) over the dev split with the rules-only extractor."""
    from assistant.config import Settings
    from assistant.extract.pipeline import Extractor

    ex = Extractor(Settings(use_llm=False))
    rows: list[dict] = []
    preds, golds = [], []
    for note in load_notes(data_dir):
        # dev and every probe round (probe, probe2 ..); never the held-out split
        if note["split"] != "dev" and not re.fullmatch(r"probe\d*", note["split"]):
            continue  # held-out labels stay unseen
        text = note[form]
        gold = load_gold_file(note["id"])
        pred = ex.extract(text, note["id"]).model_dump(mode="json")
        preds.append(pred)
        golds.append(gold)
        gp, pp = gold.get("problems", []), pred.get("problems", [])
        pairs = _match(gp, pp, key=lambda x: _problem_key(x["text"]),
                       same=lambda g, p: (g["status"] == "family") == (p["status"] == "family"))
        mg, mp = {g for g, _ in pairs}, {p for _, p in pairs}
        for gi, g in enumerate(gp):
            if gi not in mg:
                rows.append({"note": note["id"], "cat": "problems", "kind": "FN",
                             "item": f"{g['text']} [{g['status']}]",
                             "ctx": _context(text, g["text"])})
        for pi, p in enumerate(pp):
            if pi not in mp:
                s, e = p["span"]
                rows.append({"note": note["id"], "cat": "problems", "kind": "FP",
                             "item": f"{p['text']} [{p['status']}]",
                             "ctx": " ".join(text[max(0, s - 50): e + 30].split())})
        for gi, pi in pairs:
            if gp[gi]["status"] != pp[pi]["status"]:
                s, e = pp[pi]["span"]
                rows.append({"note": note["id"], "cat": "problems", "kind": "STATUS",
                             "item": f"{gp[gi]['text']} gold {gp[gi]['status']} pred "
                                     f"{pp[pi]['status']}",
                             "ctx": " ".join(text[max(0, s - 60): e + 30].split())})
        gm, pm = gold.get("medications", []), pred.get("medications", [])
        pairs = _match(gm, pm, key=lambda x: _drug_key(x["name"]))
        mg, mp = {g for g, _ in pairs}, {p for _, p in pairs}
        for gi, g in enumerate(gm):
            if gi not in mg:
                rows.append({"note": note["id"], "cat": "medications", "kind": "FN",
                             "item": str({k: g.get(k) for k in ("name", "dose", "route",
                                                                "frequency", "status")}),
                             "ctx": _context(text, g["name"])})
        for pi, p in enumerate(pm):
            if pi not in mp:
                s, e = p["span"]
                rows.append({"note": note["id"], "cat": "medications", "kind": "FP",
                             "item": p["name"], "ctx": " ".join(text[max(0, s - 40): e + 30].split())})
        for gi, pi in pairs:
            g, p = gm[gi], pm[pi]
            diffs = [f"{a}: {g.get(a)!r} vs {p.get(a)!r}" for a in ("dose", "route",
                     "frequency", "status") if (g.get(a) or None) != (p.get(a) or None)]
            if diffs:
                s, e = p["span"]
                rows.append({"note": note["id"], "cat": "medications", "kind": "ATTR",
                             "item": f"{g['name']}: " + "; ".join(diffs),
                             "ctx": " ".join(text[max(0, s - 40): e + 40].split())})
        for cat, key in (("allergies", "substance"), ("vitals", "name"), ("labs", "name")):
            gx, px = gold.get(cat, []), pred.get(cat, [])
            gk = sorted(f"{x[key]}={x.get('value', x.get('reaction'))}" for x in gx)
            pk = sorted(f"{x[key]}={x.get('value', x.get('reaction'))}" for x in px)
            if gk != pk:
                rows.append({"note": note["id"], "cat": cat, "kind": "DIFF",
                             "item": f"gold {gk} pred {pk}", "ctx": ""})
    return rows, score(preds, golds)


def main() -> None:
    """Print the dev errors grouped by category and kind, then the pooled dev score."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--form", default="restored", choices=("restored", "raw"))
    ap.add_argument("--cat", default=None)
    args = ap.parse_args()
    rows, s = dev_errors(Path(args.data), args.form)
    for r in rows:
        if args.cat in (None, r["cat"]):
            print(f"{r['cat'][:4]} {r['kind']:6} {r['note']:18} {r['item']}  || {r['ctx']}")
    keys = ["entity_micro_f1", "problems.precision", "problems.recall",
            "problems.status_accuracy", "medications.precision", "medications.recall",
            "medications.attribute_accuracy", "allergies.f1", "vitals.f1", "labs.f1"]
    print(" ".join(f"{k}={s[k]:.3f}" for k in keys))


if __name__ == "__main__":
    main()
