"""The probe16 draw's committed files are consistent (issue 16, medication recall and status).

No MTSamples text is read: only the manifest, the frozen exclusion list, labels and gold of
``eval/data/extraction/probe/``. See that directory's README, round 16.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = ROOT / "eval" / "data" / "extraction" / "probe"


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_probe16_manifest_shape() -> None:
    rows = [r for r in _rows(PROBE / "manifest.jsonl") if r["split"] == "probe16"]
    assert len(rows) == 12
    assert all(500 <= r["chars"] <= 5000 for r in rows)
    assert sorted(r["type"] for r in rows) == sorted(["discharge"] * 4 + ["hp_consult"] * 4
                                                     + ["progress"] * 4)


def test_probe16_excludes_every_earlier_manifest() -> None:
    frozen = json.loads((PROBE / "exclude16.json").read_text(encoding="utf-8"))
    excluded, shas = set(frozen["source_ids"]), set(frozen["sha256_raw"])
    rows = _rows(PROBE / "manifest.jsonl")
    new = [r for r in rows if r["split"] == "probe16"]
    assert not {r["source_id"] for r in new} & excluded
    assert not {r["sha256_raw"] for r in new} & shas
    # the probe rounds before it (the manifest is in draw order) and every manifest and id list
    # the freeze read (sets drawn later, allergy8 and mts8, exclude probe16 themselves)
    first = next(k for k, r in enumerate(rows) if r["split"] == "probe16")
    earlier = {r["source_id"] for r in rows[:first]}
    for rel in frozen["manifests"]:
        path = ROOT / rel
        if path.suffix == ".txt":
            earlier |= {x.strip() for x in path.read_text(encoding="utf-8").splitlines()
                        if x.strip().isdigit()}
        elif path.name != "manifest.jsonl" or path.parent.name != "probe":
            earlier |= {str(r["source_id"]) for r in _rows(path)
                        if r.get("source", "mtsamples") == "mtsamples"}
    assert earlier <= excluded
    names = {ROOT.joinpath(rel).parent.name for rel in frozen["manifests"]}
    assert {"real", "allergy", "allergy7", "probe"} <= names
    assert sum(rel.endswith("_excluded_at_draw.txt") for rel in frozen["manifests"]) == 7


def test_probe16_labels_and_gold_cover_the_manifest() -> None:
    ids = {r["id"] for r in _rows(PROBE / "manifest.jsonl") if r["split"] == "probe16"}
    text = (PROBE / "labels.txt").read_text(encoding="utf-8")
    block = text[text.index("# ---- probe16"):]
    block = block.split("\n# ---- ", 1)[0]  # the next round's block (probe17) is not probe16's
    labelled = {ln.split()[1] for ln in block.splitlines() if ln.startswith("== ")}
    assert labelled == ids
    n_meds = 0
    for nid in ids:
        gold = json.loads((PROBE / "gold" / f"{nid}.json").read_text(encoding="utf-8"))
        assert gold["problems"]
        n_meds += len(gold["medications"])
    assert n_meds >= 40
