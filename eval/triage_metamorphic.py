"""Metamorphic test of the triage path on the dev sets (issue 21): same meaning, other wording.

    PYTHONPATH=$PWD python eval/triage_metamorphic.py \
        --data ../shared/data [--limit 40] [--seed 21] [--sets lay2,probe4_dev.tsv] \
        [--transforms lower,upper|none] [--out /tmp/met] [--baseline-save F | --baseline-compare F]

Takes the DEV cases of the labelled triage sets (``labels.jsonl`` split dev, ``probe*_dev.tsv``,
``mts*_dev.tsv``, ``selfcare_lay.jsonl`` dev rows, ``probe_selfcare2_dev.tsv`` and its lay rows,
lay2, lay3; never a held-out row), rewrites each with every meaning-preserving transform of
:mod:`eval.metamorphic_transforms` (case, punctuation, line breaks, contractions, British /
American spelling, number words, person, missing apostrophes), triages the original and the
rewrite in the case's setting (``primary_care``, what a text-only case resolves to; lay cases
also in ``self``) with the LLM off, and counts the 3-level disposition changes per transform:
up (more urgent), down, emergencies that stop being emergencies, self-care that changes. No
label is needed: the original's own level is the reference. ``--limit`` caps the cases per set
(a seeded sample, ``--seed``). ``--out`` writes every change as JSONL (``changes.jsonl``: set,
id, setting, transform, levels, the conditions and red flags of both runs).
``--baseline-save`` stores the untransformed acuities; ``--baseline-compare`` prints every
original case whose acuity differs from a stored run (the before/after check of a fix).
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TR = HERE / "data" / "triage_real"
sys.path.insert(0, str(TR))

from eval.metamorphic_transforms import LAY_ONLY, TRANSFORMS  # noqa: E402

RANK = {"self_care": 0, "non_emergency": 1, "emergency": 2}
PROBES = ["probe_dev.tsv", *(f"probe{i}_dev.tsv" for i in range(2, 11))]
MTS = ["mts_dev.tsv", *(f"mts{i}_dev.tsv" for i in range(2, 9))]


@dataclass
class Case:
    """One dev case: its set, id, text and whether it is lay text (also triaged in ``self``)."""

    set: str
    id: str
    text: str
    lay: bool


def load_cases(data: Path) -> list[Case]:
    """Every dev case of the labelled sets (held-out rows are never loaded)."""
    import draw
    import draw_lay2
    import draw_selfcare2 as d2
    from probe import read_probe

    from eval.triage_real import presentation

    items = {it["id"]: it for it in draw.load_items(data)}
    out = [Case("labels.jsonl", r["id"], presentation(items[r["id"]]["question"]), False)
           for r in draw.read_jsonl(draw.LABELS) if r["split"] == "dev"]
    for name in [*PROBES, d2.PROBE]:
        out += [Case(name, r["id"], presentation(items[r["id"]]["question"]), False)
                for r in read_probe(name)]
    for name in MTS:
        mod = importlib.import_module("draw_" + name.split("_")[0])
        recs = mod.load(data, "dev") if name == "mts_dev.tsv" else mod.load(data)
        wanted = {r["id"] for r in read_probe(name)}
        out += [Case(name, rec["id"], inp, False) for rec, _f, inp in recs if rec["id"] in wanted]
    out += [Case("selfcare_lay.jsonl", r["id"], r["text"], True)
            for r in draw.read_jsonl(TR / "selfcare_lay.jsonl") if r["split"] == "dev"]
    wanted = {r["id"] for r in d2.read_tsv(d2.LAY_PROBE)}
    out += [Case(d2.LAY_PROBE, k, t, True) for k, _s, t in d2.lay_candidates(data) if k in wanted]
    for which in ("lay2", "lay3"):
        wanted = {r["id"] for r in d2.read_tsv(draw_lay2.SETS[which][1])}
        out += [Case(which, k, t, True) for k, _s, t in draw_lay2.candidates(data, which)
                if k in wanted]
    return out


def sample(cases: list[Case], limit: int | None, seed: int) -> list[Case]:
    """At most ``limit`` cases per set, a seeded sample, in load order."""
    if not limit:
        return cases
    by_set: dict[str, list[int]] = {}
    for i, c in enumerate(cases):
        by_set.setdefault(c.set, []).append(i)
    rng = random.Random(seed)
    keep = {i for idx in by_set.values() for i in rng.sample(idx, min(limit, len(idx)))}
    return [c for i, c in enumerate(cases) if i in keep]


def main() -> None:
    """CLI: triage every dev case and its rewrites, print the transform x change table."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--limit", type=int, default=None, help="cases per set (seeded sample)")
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--sets", default="", help="comma-separated set names (default all)")
    ap.add_argument("--transforms", default="", help="comma-separated (default all)")
    ap.add_argument("--out", type=Path, default=None, help="folder for changes.jsonl")
    ap.add_argument("--baseline-save", type=Path, default=None)
    ap.add_argument("--baseline-compare", type=Path, default=None)
    a = ap.parse_args()

    from assistant.config import load_settings
    from assistant.runtime import Runtime
    from eval.triage_real import ACUITY_TO_DISPOSITION

    cases = load_cases(a.data)
    if a.sets:
        cases = [c for c in cases if c.set in set(a.sets.split(","))]
    cases = sample(cases, a.limit, a.seed)
    # "none": only the untransformed cases (the before/after check with --baseline-*)
    names = ([] if a.transforms == "none" else a.transforms.split(",")) if a.transforms \
        else list(TRANSFORMS)
    triager = Runtime(load_settings(None, {"use_llm": False})).triager

    def run(c: Case, text: str, setting: str) -> tuple[int, str, str | None, list[str]]:
        rec = triager.triage({"id": c.id, "text": text, "setting": setting}, narrative=False)
        acuity = rec.acuity if rec.acuity is not None else 4
        return acuity, ACUITY_TO_DISPOSITION[acuity], rec.condition, list(rec.red_flags)

    stats: dict[str, Counter[str]] = {n: Counter() for n in names}
    changes: list[dict[str, object]] = []
    base: dict[str, int] = {}
    for c in cases:
        for setting in ("primary_care", "self") if c.lay else ("primary_care",):
            orig = run(c, c.text, setting)
            base[f"{c.set}|{c.id}|{setting}"] = orig[0]
            for n in names:
                if n in LAY_ONLY and not c.lay:
                    continue
                text = TRANSFORMS[n](c.text)
                if text == c.text:
                    continue
                new = run(c, text, setting)
                st = stats[n]
                st["applied"] += 1
                st["acuity_changed"] += new[0] != orig[0]
                if new[1] == orig[1]:
                    continue
                st["changed"] += 1
                st["up" if RANK[new[1]] > RANK[orig[1]] else "down"] += 1
                st["emergency_lost"] += orig[1] == "emergency"
                st["self_care_lost"] += orig[1] == "self_care"
                st["self_care_gained"] += new[1] == "self_care"
                changes.append({"set": c.set, "id": c.id, "setting": setting, "transform": n,
                                "from": orig[1], "to": new[1], "acuity": [orig[0], new[0]],
                                "condition": [orig[2], new[2]], "red_flags": [orig[3], new[3]]})
    cols = ["applied", "changed", "up", "down", "emergency_lost", "self_care_lost",
            "self_care_gained", "acuity_changed"]
    print(f"{len(cases)} cases ({sum(c.lay for c in cases)} lay, also in self)")
    print(f"{'transform':20}" + "".join(f"{k:>17}" for k in cols))
    for n in names:
        print(f"{n:20}" + "".join(f"{stats[n][k]:>17}" for k in cols))
    print(f"{'total':20}" + "".join(f"{sum(s[k] for s in stats.values()):>17}" for k in cols))
    if a.out:
        a.out.mkdir(parents=True, exist_ok=True)
        with (a.out / "changes.jsonl").open("w", encoding="utf-8") as fh:
            for ch in changes:
                fh.write(json.dumps(ch) + "\n")
    if a.baseline_save:
        a.baseline_save.write_text(json.dumps(base, indent=0, sort_keys=True), encoding="utf-8")
    if a.baseline_compare:
        old = json.loads(a.baseline_compare.read_text(encoding="utf-8"))
        diff = [(k, old[k], v) for k, v in base.items() if k in old and old[k] != v]
        print(f"original cases compared with {a.baseline_compare}: {len(diff)} changed")
        for k, was, now in diff:
            print(f"  {k}: acuity {was} -> {now}{'  DOWN' if now > was else ''}")


if __name__ == "__main__":
    main()
