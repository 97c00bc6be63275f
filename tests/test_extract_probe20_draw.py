"""The probe20 draw's committed files are consistent (issue 16, fresh untuned measurement of
problems and medications on unseen notes).

No MTSamples text is read: only the manifest, the frozen exclusion list, labels and gold of
``eval/data/extraction/probe/``. See that directory's README, round 20.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from extract_readers import probe_rounds_from  # same folder

ROOT = Path(__file__).resolve().parents[1]
PROBE = ROOT / "eval" / "data" / "extraction" / "probe"


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_probe20_manifest_shape() -> None:
    rows = [r for r in _rows(PROBE / "manifest.jsonl") if r["split"] == "probe20"]
    assert len(rows) == 12
    assert all(500 <= r["chars"] <= 3500 for r in rows)
    assert sorted(r["type"] for r in rows) == sorted(
        ["ed"] * 2 + ["office"] * 2 + ["discharge"] * 2 + ["progress"] * 2
        + ["hp_consult"] * 2 + ["operative", "radiology"])


def test_probe20_excludes_every_earlier_manifest() -> None:
    frozen = json.loads((PROBE / "exclude20.json").read_text(encoding="utf-8"))
    excluded, shas = set(frozen["source_ids"]), set(frozen["sha256_raw"])
    rows = _rows(PROBE / "manifest.jsonl")
    new = [r for r in rows if r["split"] == "probe20"]
    assert not {r["source_id"] for r in new} & excluded
    assert not {r["sha256_raw"] for r in new} & shas
    assert {r["source_id"] for r in rows if r["split"] not in probe_rounds_from(rows, 20)} <= excluded  # later rounds: drawn later
    names = {ROOT.joinpath(rel).parent.name for rel in frozen["manifests"]}
    assert {"real", "allergy10", "probe", "triage_real"} <= names
    # the real set's held-out ids are excluded by id (their text is never opened)
    real = _rows(ROOT / "eval" / "data" / "extraction" / "real" / "manifest.jsonl")
    assert {r["source_id"] for r in real if r["source"] == "mtsamples"} <= excluded


def test_probe20_labels_and_gold_cover_the_manifest() -> None:
    ids = {r["id"] for r in _rows(PROBE / "manifest.jsonl") if r["split"] == "probe20"}
    text = (PROBE / "labels.txt").read_text(encoding="utf-8")
    block = text[text.index("# ---- probe20"):]
    block = block.split("# ---- probe21")[0]  # the next round's block
    labelled = {ln.split()[1] for ln in block.splitlines() if ln.startswith("== ")}
    assert labelled == ids
    for nid in ids:  # mts-1626 is a procedure description: no item
        gold = json.loads((PROBE / "gold" / f"{nid}.json").read_text(encoding="utf-8"))
        assert gold["problems"] or nid == "mts-1626"


def test_probe20_set_selects_its_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    from eval.extraction_real import SET_ENV, load_manifest

    monkeypatch.setitem(os.environ, SET_ENV, "probe20")
    rows = load_manifest()
    assert len(rows) == 12 and {r["split"] for r in rows} == {"probe20"}
