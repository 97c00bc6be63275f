"""mts9 (draw_mts9.py: untuned first score, then fixed): the committed draw, exclusion and label files."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "eval" / "data" / "triage_real"


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (HERE / name).read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _manifest(name: str) -> list[dict[str, object]]:
    return [json.loads(ln) for ln in (HERE / name).read_text(encoding="utf-8").splitlines() if ln]


def test_mts9_manifest_ids_only_and_excluded_before_the_draw() -> None:
    """27 stratum-A rows (the whole remaining A pool; P was empty), no note text, none of them in
    the frozen exclusion, which holds every earlier triage manifest and mts8's frozen exclusion."""
    man = _manifest("mts9_manifest.jsonl")
    assert len(man) == 27 and {r["split"] for r in man} == {"dev"}
    assert Counter(r["stratum"] for r in man) == {"A": 27}
    for r in man:  # no note text is shipped (MTSamples licence)
        assert set(r) == {"id", "source_id", "stratum", "split", "spans", "sha256", "sha256_input"}
    excluded = set((HERE / "mts9_excluded_at_draw.txt").read_text(encoding="utf-8").split())
    assert len(excluded) == 1526 and not excluded & {str(r["source_id"]) for r in man}
    for n in ("", "2", "3", "4", "5", "6", "7", "8"):
        assert {str(r["source_id"]) for r in _manifest(f"mts{n}_manifest.jsonl")} <= excluded
    assert set((HERE / "mts8_excluded_at_draw.txt").read_text(encoding="utf-8").split()) <= excluded


def test_mts9_every_drawn_note_labelled_or_skipped_with_a_table_rule() -> None:
    man_ids = {str(r["id"]) for r in _manifest("mts9_manifest.jsonl")}
    labels, skipped = _rows("mts9_dev.tsv"), _rows("mts9_skipped.tsv")
    assert {r["id"] for r in labels} | {r["id"] for r in skipped} == man_ids
    assert not {r["id"] for r in labels} & {r["id"] for r in skipped}
    assert all(r["reason"].strip() for r in skipped)
    assert Counter(r["disposition"] for r in labels) == {"emergency": 5, "non_emergency": 9, "self_care": 1}
    table = {r["condition"]: r for r in _rows("dispositions.tsv")}
    for r in labels:
        assert r["batch"] == "A" and r["rule"] in table, r["id"]
        assert table[r["rule"]]["disposition"] in (r["disposition"], "depends") or r["note"], r["id"]

