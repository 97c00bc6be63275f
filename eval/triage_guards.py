"""Audit of the over-triage guards of the triage path (issue 21): which guard held, where, and
what switching it off would do.

    python -m eval.triage_guards [--data ../shared/data] [--sets dev,probe,...] [--cases]

A guard is a rule that keeps a red flag or a knowledge-base pattern from firing so as not to
over-triage (a past-history sentence, a long denied list, a chronic course, an entry's
``not`` phrases, ...; each one is named through ``red_flags.guard``). For every case of every
dev set with a gold label, the case is triaged once with every guard on (logging the guards
that held), then once per guard that held with that one guard switched off. Per guard:
``fired`` (cases where it held), ``on_emerg`` (of those, gold emergencies), ``harmful``
(gold emergency, predicted below emergency, and switching the guard off makes it an
emergency), ``useful`` (gold below emergency, predicted below emergency, and switching it off
makes it an emergency: the over-triage the guard prevents) and ``raises`` (any case whose
level switching it off raises). Dev data only: the frozen held-out split is never read here.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from assistant.config import load_settings
from assistant.runtime import Runtime
from assistant.triage import knowledge, red_flags
from eval.common import default_data_dir
from eval.triage_real import ACUITY_TO_DISPOSITION, presentation

HERE = Path(__file__).resolve().parent
REAL = HERE / "data" / "triage_real"
TSV_SETS = ("probe_dev.tsv", "probe2_dev.tsv", "probe3_dev.tsv", "probe4_dev.tsv",
            "probe5_dev.tsv", "probe6_dev.tsv", "probe_selfcare2_dev.tsv")


def draw_data_default() -> Path:
    """The developers' shared data folder beside the checkout (``../shared/data``, as
    ``draw.DATA``), else ``$CLINASSIST_EVAL_DATA`` / the bundled ``data/``."""
    shared = HERE.parents[1] / "shared" / "data"
    return shared if shared.is_dir() else default_data_dir()


def _read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def load_cases(data: Path, sets: list[str]) -> list[dict[str, Any]]:
    """(set, id, case, gold_emergency, gold label) for every dev case of ``sets``."""
    sys.path.insert(0, str(REAL))
    import draw  # noqa: PLC0415 (the MedQA/MedMCQA reader of the labelled set)

    items: dict[str, Any] | None = None
    out: list[dict[str, Any]] = []

    def item_text(i: str) -> str:
        nonlocal items
        if items is None:
            items = {it["id"]: it for it in draw.load_items(data)}
        return presentation(items[i]["question"])

    for s in sets:
        if s == "dev":
            for r in _jsonl(REAL / "labels.jsonl"):
                if r["split"] == "dev":  # the held-out split is never read
                    out.append({"set": s, "id": r["id"], "case": {"id": r["id"],
                                "text": item_text(r["id"])}, "gold": r["disposition"]})
        elif s == "lay":
            for r in _jsonl(REAL / "selfcare_lay.jsonl"):
                if r["split"] == "dev":
                    out.append({"set": s, "id": r["id"], "case": {"id": r["id"], "text": r["text"]},
                                "gold": r["disposition"]})
        elif s == "vignettes":
            for v in _jsonl(HERE / "data" / "triage_vignettes.jsonl"):
                case = {k: v[k] for k in ("id", "text", "age", "sex", "vitals", "arrival",
                                          "injury") if k in v}
                gold = int(v["expected_acuity"])
                out.append({"set": s, "id": v["id"], "case": case,
                            "gold": ACUITY_TO_DISPOSITION[gold]})
        elif s == "ktas":
            from assistant.triage.data import load_dataset  # noqa: PLC0415

            cases, gold_k = load_dataset(data / "ktas" / "ktas_dev.csv")
            for c, g in zip(cases, gold_k, strict=True):
                out.append({"set": s, "id": str(c["id"]), "case": c,
                            "gold": ACUITY_TO_DISPOSITION[int(g)]})
        else:
            path = REAL / (s if s.endswith(".tsv") else f"{s}_dev.tsv")
            if not path.is_file():
                continue
            for r in _read_tsv(path):
                out.append({"set": s, "id": r["id"], "case": {"id": r["id"],
                            "text": item_text(r["id"])}, "gold": r["disposition"]})
    return out


def _run(triager: Any, case: dict[str, Any], off: set[str]) -> tuple[int, set[str]]:
    red_flags.GUARDS_OFF = off
    red_flags.GUARD_LOG = set()
    knowledge.negation_view.cache_clear()
    try:
        rec = triager.triage(dict(case))
        return (rec.acuity or 4), set(red_flags.GUARD_LOG)
    finally:
        red_flags.GUARDS_OFF = set()
        red_flags.GUARD_LOG = None
        knowledge.negation_view.cache_clear()


def audit(triager: Any, cases: list[dict[str, Any]]) -> dict[str, Any]:
    """Per guard: fired, on_emerg, harmful, useful, raises (with the case ids)."""
    table: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for c in cases:
        base, fired = _run(triager, c["case"], set())
        emerg = c["gold"] == "emergency"
        key = f"{c['set']}:{c['id']}"
        for g in sorted(fired):
            row = table[g]
            row["fired"].append(key)
            if emerg:
                row["on_emerg"].append(key)
            new, _ = _run(triager, c["case"], {g})
            if new < base:
                row["raises"].append(key)
                if base > 2 >= new:
                    row["harmful" if emerg else "useful"].append(key)
    return {g: dict(v) for g, v in sorted(table.items())}


def all_off(triager: Any, cases: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Every guard off at once: gold emergencies it would newly catch, and the cases below
    emergency it would newly make emergencies (over-triage)."""
    out: dict[str, list[str]] = {"emergencies caught": [], "over-triage added": []}
    for c in cases:
        base, fired = _run(triager, c["case"], set())
        if not fired or base <= 2:
            continue
        new, _ = _run(triager, c["case"], {"*"})
        if new <= 2:
            key = f"{c['set']}:{c['id']}"
            out["emergencies caught" if c["gold"] == "emergency" else "over-triage added"].append(key)
    return out


def main() -> None:
    """CLI."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=draw_data_default())
    ap.add_argument("--sets", default="dev,probe,probe2,probe3,probe4,probe5,probe6,"
                                      "probe_selfcare2,lay,vignettes,ktas")
    ap.add_argument("--cases", action="store_true", help="list the case ids per cell")
    ap.add_argument("--all-off", action="store_true",
                    help="also switch every guard off at once and count what changes")
    args = ap.parse_args()
    sets = args.sets.split(",")
    cases = load_cases(args.data, sets)
    triager = Runtime(load_settings(None, {"use_llm": False})).triager
    table = audit(triager, cases)
    cols = ("fired", "on_emerg", "harmful", "useful", "raises")
    print(f"{len(cases)} cases ({', '.join(sets)})")
    print(f"{'guard':45s} " + " ".join(f"{c:>8s}" for c in cols))
    for g, row in table.items():
        print(f"{g:45s} " + " ".join(f"{len(row.get(c, [])):8d}" for c in cols))
        if args.cases:
            for c in ("harmful", "useful"):
                if row.get(c):
                    print(f"    {c}: {' '.join(row[c])}")
    if args.all_off:
        for k, v in all_off(triager, cases).items():
            print(f"all guards off: {k} {len(v)}" + (f" ({' '.join(v)})" if args.cases else ""))


if __name__ == "__main__":
    main()
