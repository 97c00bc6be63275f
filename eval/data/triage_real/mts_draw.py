"""Shared logic of the seeded MTSamples triage draws ``draw_mts2.py`` .. ``draw_mts7.py``.

Each ``draw_mtsN.py`` keeps its own docstring, constants (seed, manifest, frozen exclusion file,
strata, counts, earlier draws) and live exclusion union; the draw itself (a seeded shuffle per
stratum, ``draw_mts.py``'s section, cut and triage-input rules), the frozen-or-live exclusion
and the ``freeze`` / ``show`` command line live here once so that every draw stays reproducible
by the same code.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw_mts  # noqa: E402
from draw_mts import cut_at, sections, sha, triage_text  # noqa: E402

Strata = dict[str, tuple[str, ...]]


def manifest_ids(path: Path) -> set[str]:
    """MTSamples ids of every row (dev and held-out) of a triage manifest."""
    return {json.loads(line)["source_id"]
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def other_draw_ids(paths: Iterable[Path]) -> set[str]:
    """MTSamples ids named in other branches' draw files (``mts-N`` ids, ``source_id`` fields,
    ``source_ids`` lists of ``.json`` files); a file that does not exist names none."""
    ids: set[str] = set()
    for f in paths:
        if not f.exists():
            continue
        raw = f.read_text(encoding="utf-8")
        ids |= set(re.findall(r"\bmts-(\d+)\b", raw))
        ids |= set(re.findall(r'"source_id":\s*"(\d+)"', raw))
        if f.suffix == ".json":
            ids |= {str(i) for i in json.loads(raw).get("source_ids", []) if str(i).isdigit()}
    return ids


def frozen_or_live(frozen: Path, live: Callable[[], set[str]]) -> set[str]:
    """The ids of the frozen exclusion file when it exists, else the live union ``live()``
    (the frozen file wins so that a re-freeze reproduces the draw)."""
    if frozen.exists():
        return set(frozen.read_text(encoding="utf-8").split())
    return live()


def draw(data: Path, seed: str, excluded: set[str], counts: dict[str, int],
         strata: Strata | None = None) -> list[dict[str, Any]]:
    """The manifest rows: a draw per stratum seeded by ``f"{seed}-{stratum}"``, all ``dev``.

    ``strata`` None means ``draw_mts.STRATA`` (the first two draws' strata).
    """
    rows: list[dict[str, Any]] = []
    for stratum, pool in draw_mts.candidates(data, excluded, strata).items():
        random.Random(f"{seed}-{stratum}").shuffle(pool)
        for nid, text in pool[:counts[stratum]]:
            sec = sections(text)
            spans = [list(sec["cc"])] if "cc" in sec else []
            a, b = sec["hpi"]
            spans.append([a, cut_at(text, a, b)])
            rec = {"id": f"mts-{nid}", "source_id": nid, "stratum": stratum, "split": "dev",
                   "spans": spans, "sha256": sha(text)}
            rec["sha256_input"] = sha(triage_text(text, rec))
            rows.append(rec)
    return rows


def cli(doc: str | None, manifest: Path, excluded_at_draw: Path,
        excluded_ids: Callable[[], set[str]],
        freeze: Callable[[Path], list[dict[str, Any]]],
        load: Callable[[Path], list[tuple[dict[str, Any], str, str]]],
        counts: dict[str, int], strata: Strata | None = None) -> None:
    """CLI of a draw: freeze (writes the exclusion file first, when absent) or show rows."""
    ap = argparse.ArgumentParser(description=doc,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=["freeze", "show"])
    ap.add_argument("start", nargs="?", type=int, default=0)
    ap.add_argument("n", nargs="?", type=int, default=1000)
    ap.add_argument("--data", type=Path, default=draw_mts.DATA)
    args = ap.parse_args()
    if args.cmd == "freeze":
        if not excluded_at_draw.exists():
            ex = excluded_ids()
            excluded_at_draw.write_text("".join(f"{i}\n" for i in sorted(ex, key=int)),
                                        encoding="utf-8")
        rows = freeze(args.data)
        manifest.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        pools = {s: len(v) for s, v in
                 draw_mts.candidates(args.data, excluded_ids(), strata).items()}
        print("pools", pools, "drawn", {s: sum(r["stratum"] == s for r in rows) for s in counts})
        return
    for i, (rec, full, inp) in enumerate(load(args.data)[args.start:args.start + args.n],
                                         start=args.start):
        print(f"===== #{i} {rec['stratum']} {rec['id']}\n--- INPUT:\n{inp}\n--- FULL NOTE:\n{full}\n")
