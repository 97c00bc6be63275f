"""The probe17 draw's committed files are consistent (issue 16, fresh untuned measurement).

No MTSamples text is read: only the manifest, the frozen exclusion list, labels and gold of
``eval/data/extraction/probe/``. See that directory's README, round 17.
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


def test_probe17_manifest_shape() -> None:
    rows = [r for r in _rows(PROBE / "manifest.jsonl") if r["split"] == "probe17"]
    assert len(rows) == 12
    assert all(500 <= r["chars"] <= 3500 for r in rows)
    assert sorted(r["type"] for r in rows) == sorted(
        ["ed"] * 2 + ["pediatrics"] * 2 + ["nephrology"] * 2 + ["cardiology"] * 3
        + ["hp_consult"] * 3)


def test_probe17_excludes_every_earlier_manifest() -> None:
    frozen = json.loads((PROBE / "exclude17.json").read_text(encoding="utf-8"))
    excluded, shas = set(frozen["source_ids"]), set(frozen["sha256_raw"])
    rows = _rows(PROBE / "manifest.jsonl")
    new = [r for r in rows if r["split"] == "probe17"]
    assert not {r["source_id"] for r in new} & excluded
    assert not {r["sha256_raw"] for r in new} & shas
    later = probe_rounds_from(rows, 18)  # drawn after probe17 (their own draw tests)
    assert {r["source_id"] for r in rows if r["split"] not in {"probe17"} | later} <= excluded
    names = {ROOT.joinpath(rel).parent.name for rel in frozen["manifests"]}
    assert {"real", "allergy8", "probe"} <= names


def test_probe17_labels_and_gold_cover_the_manifest() -> None:
    ids = {r["id"] for r in _rows(PROBE / "manifest.jsonl") if r["split"] == "probe17"}
    text = (PROBE / "labels.txt").read_text(encoding="utf-8")
    block = text[text.index("# ---- probe17"):]
    block = block.split("# ---- probe18")[0]  # the next round's block
    labelled = {ln.split()[1] for ln in block.splitlines() if ln.startswith("== ")}
    assert labelled == ids
    for nid in ids:
        gold = json.loads((PROBE / "gold" / f"{nid}.json").read_text(encoding="utf-8"))
        assert gold["problems"]


def test_probe_round_set_selects_its_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    from eval.extraction_real import SET_ENV, load_manifest

    monkeypatch.setitem(os.environ, SET_ENV, "probe17")
    rows = load_manifest()
    assert len(rows) == 12 and {r["split"] for r in rows} == {"probe17"}
