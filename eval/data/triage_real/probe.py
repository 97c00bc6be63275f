"""Run the triage path (LLM off, default setting) on the fresh dev probe (``probe_dev.tsv``).

    python eval/data/triage_real/probe.py [--data ../shared/data]

Needs the MedQA/MedMCQA files (``draw.py`` reads them); prints one line per case (gold,
predicted, the condition pattern that set the level) and the number right per batch.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw  # noqa: E402

from assistant.config import load_settings  # noqa: E402
from assistant.runtime import Runtime  # noqa: E402
from eval.triage_real import ACUITY_TO_DISPOSITION, presentation  # noqa: E402


def main() -> None:
    """CLI."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=draw.DATA)
    args = ap.parse_args()
    items = {it["id"]: it for it in draw.load_items(args.data)}
    lines = [ln for ln in (HERE / "probe_dev.tsv").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    triager = Runtime(load_settings(None, {"use_llm": False})).triager
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for r in rows:
        rec = triager.triage({"id": r["id"], "text": presentation(items[r["id"]]["question"])})
        pred = ACUITY_TO_DISPOSITION[rec.acuity] if rec.acuity is not None else None
        total[r["batch"]] += 1
        right[r["batch"]] += pred == r["disposition"]
        flag = "" if pred == r["disposition"] else "  <- miss"
        print(f"{r['batch']} {r['id']}: gold {r['disposition']}, predicted {pred} "
              f"({rec.condition or '-'}; red flags {rec.red_flags}){flag}")
    for b in sorted(total):
        print(f"batch {b}: {right[b]}/{total[b]}")


if __name__ == "__main__":
    main()
