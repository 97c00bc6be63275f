"""The allergy9 draw's committed files are consistent (issue 16, fresh untuned measurement).

No MTSamples text is read: only the manifest, the frozen exclusion list, labels and gold of
``eval/data/extraction/allergy9/``. See that directory's README.
"""

from __future__ import annotations

import json
from pathlib import Path

import eval.extraction_real as er

HERE = Path(__file__).resolve().parents[1] / "eval" / "data" / "extraction" / "allergy9"


def _rows() -> list[dict]:
    return [json.loads(x) for x in (HERE / "manifest.jsonl").read_text(encoding="utf-8")
            .splitlines() if x.strip()]


def test_allergy9_manifest_shape() -> None:
    rows = _rows()
    assert len(rows) == 20 and {r["split"] for r in rows} == {"allergy9"}
    assert all(r["source"] == "mtsamples" for r in rows)


def test_allergy9_excludes_every_earlier_set() -> None:
    ids: set[str] = set()
    shas: set[str] = set()
    for line in (HERE / "excluded_at_draw.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            _, source_id, sha = line.split("\t")
            ids.add(source_id)
            shas.add(sha)
    earlier_ids, earlier_shas = er.used_before("allergy9")
    assert earlier_ids <= ids and earlier_shas <= shas
    assert not {r["source_id"] for r in _rows()} & ids
    assert not {r["sha256_raw"] for r in _rows()} & shas
    # every extraction set that existed at the draw, the held-out split included (probe18 was
    # drawn on another branch at the same time: neither draw excludes the other); probe19 and
    # allergy10 were drawn after it
    assert set(er.SPLITS) - {"allergy9", "probe18", "probe19", "allergy10", "probe20", "probe21", "probe22", "probe23", "probe24", "probe25"} == set(
        er.DRAWN_BEFORE["allergy9"])


def test_allergy9_labels_and_gold_cover_the_manifest() -> None:
    ids = {r["id"] for r in _rows()}
    text = (HERE / "labels.txt").read_text(encoding="utf-8")
    labelled = {ln.split()[1] for ln in text.splitlines() if ln.startswith("== ")}
    assert labelled == ids
    golds = [json.loads((HERE / "gold" / f"{i}.json").read_text(encoding="utf-8")) for i in ids]
    assert sum(len(g["allergies"]) for g in golds) == 5
    assert sum(g["no_known_allergies"] is True for g in golds) == 7
