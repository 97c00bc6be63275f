"""The NegEx end-to-end misses of the tuning split only (``dev``), for error analysis.

    python -m eval.negex_dev_misses --data /work/shared/data [--json OUT] [--all]

Runs only the ``dev`` sentences of ``eval.negex_e2e`` (the held-out third of reports is not
even extracted) through the rules extractor, prints the dev metrics and each miss: not
extracted, or extracted with the wrong status. ``--all`` also runs every sentence and prints
the all-sentences headline numbers only (no held-out sentence, error or split figure is
printed). No plotting dependency: usable where ``eval.run`` cannot draw its PNGs.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import SimpleNamespace

from eval.negex_e2e import _metrics, load_examples, make_runner

_SHOWN = ("n", "extracted", "extracted_rate", "accuracy", "negated.precision",
          "negated.recall")


def _fmt(metrics: dict) -> str:
    return ", ".join(f"{k} {metrics[k]:.3f}" if isinstance(metrics[k], float)
                     else f"{k} {metrics[k]}" for k in _SHOWN)


def main() -> int:
    """CLI entry point: dev metrics and misses (optionally the all-sentences headline)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--json", type=Path, default=None, help="write the dev misses here")
    ap.add_argument("--all", action="store_true",
                    help="also print the all-sentences headline (numbers only)")
    args = ap.parse_args()
    from assistant.config import Settings
    from assistant.extract.pipeline import Extractor

    run = make_runner(SimpleNamespace(extractor=Extractor(Settings(use_llm=False))))
    rows = load_examples(args.data)
    dev = [run(r) for r in rows if r["split"] == "dev"]
    print("dev:", _fmt(_metrics(dev)))
    if args.all:
        held = [run(r) for r in rows if r["split"] != "dev"]
        print("all:", _fmt(_metrics(dev + held)))
    misses = [{k: r[k] for k in ("id", "concept", "gold", "pred_status", "pred_name",
                                 "sentence")} for r in dev if not r["correct"]]
    if args.json:
        args.json.write_text(json.dumps(misses, indent=1), encoding="utf-8")
    for m in misses:
        print(f"{m['id']}\t{m['gold']}\t{m['concept']}\t{m['pred_status']}:{m['pred_name']}\t"
              f"{m['sentence']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
