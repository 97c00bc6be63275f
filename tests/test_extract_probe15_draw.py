"""The probe15 draw's committed files are consistent (issue 16, a measurement-only round).

No MTSamples text is read: only the manifest, the frozen exclusion list, labels and gold of
``eval/data/extraction/probe/``. See that directory's README, round 15.
"""

from __future__ import annotations

import json
from pathlib import Path

from eval.extraction_real import DRAWN_BEFORE

ROOT = Path(__file__).resolve().parents[1]
PROBE = ROOT / "eval" / "data" / "extraction" / "probe"


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_probe15_manifest_shape() -> None:
    rows = [r for r in _rows(PROBE / "manifest.jsonl") if r["split"] == "probe15"]
    assert len(rows) == 8
    assert all(500 <= r["chars"] <= 4000 for r in rows)
    types = sorted(r["type"] for r in rows)
    # one per note type of the independent set, two discharge summaries (COUNTS15)
    assert types == sorted(["discharge", "discharge", "hp_consult", "ed", "progress",
                            "operative", "radiology", "pediatrics"])


def test_probe15_excludes_every_earlier_manifest() -> None:
    frozen = json.loads((PROBE / "exclude15.json").read_text(encoding="utf-8"))
    excluded, shas = set(frozen["source_ids"]), set(frozen["sha256_raw"])
    rows = _rows(PROBE / "manifest.jsonl")
    new = [r for r in rows if r["split"] == "probe15"]
    assert not {r["source_id"] for r in new} & excluded
    assert not {r["sha256_raw"] for r in new} & shas
    # every earlier probe round and every allergy set's MTSamples notes, by id (the allergy sets
    # also hold ACI-bench dialogues, which MTSamples ids cannot collide with)
    # the rounds drawn before probe15 (the manifest is in draw order; later rounds, probe16 on,
    # were drawn after it and are excluded by their own frozen lists)
    first = next(k for k, r in enumerate(rows) if r["split"] == "probe15")
    earlier = {r["source_id"] for r in rows[:first]}
    for d in sorted((ROOT / "eval" / "data" / "extraction").glob("allergy*/manifest.jsonl")):
        if d.parent.name not in DRAWN_BEFORE or "probe15" in DRAWN_BEFORE[d.parent.name]:
            # drawn after probe15 (allergy8 excludes probe15, not the reverse; allergy11 has
            # its own scorer and is not an extraction_real split)
            continue
        earlier |= {str(r["source_id"]) for r in _rows(d) if r["source"] == "mtsamples"}
    assert earlier <= excluded
    # the triage draws that existed at freeze time (mts .. mts6, and mts7 from its worktree)
    tri = ROOT / "eval" / "data" / "triage_real"
    for name in ("mts", "mts2", "mts3", "mts4", "mts5", "mts6", "mts7"):
        ids = {str(r["source_id"]) for r in _rows(tri / f"{name}_manifest.jsonl")
               if r.get("source", "mtsamples") == "mtsamples"}
        assert ids <= excluded, name


def test_probe15_labels_and_gold_cover_the_manifest() -> None:
    ids = {r["id"] for r in _rows(PROBE / "manifest.jsonl") if r["split"] == "probe15"}
    text = (PROBE / "labels.txt").read_text(encoding="utf-8")
    block = text[text.index("# ---- probe15"):]
    block = block.split("# ---- probe16")[0]  # the next round's block follows (probe16)
    labelled = {ln.split()[1] for ln in block.splitlines() if ln.startswith("== ")}
    assert labelled == ids
    for nid in ids:
        gold = json.loads((PROBE / "gold" / f"{nid}.json").read_text(encoding="utf-8"))
        assert gold["problems"] or gold["medications"]
