"""The real-vignette triage suite: presentation(), the labelled set's schema, the mapping."""

from __future__ import annotations

import csv
import hashlib
from collections import Counter

import pytest

from eval.common import eval_data_dir
from eval.triage_real import (
    ACUITY_TO_DISPOSITION,
    DISPOSITIONS,
    aggregate,
    disposition_rates,
    presentation,
    read_labels,
)

DATA = eval_data_dir() / "triage_real"


@pytest.mark.parametrize(("question", "expected"), [
    # MedQA style: the final "Which of the following ..." sentence goes.
    ("A 30-year-old man has cough and fever. X-ray shows consolidation. "
     "Which of the following is the most likely diagnosis?",
     "A 30-year-old man has cough and fever. X-ray shows consolidation."),
    # Lab block then a blank line then the question (and a stray closing quote).
    ("A man has pain. His BP is 120/80 mm Hg.\n\nWhich of the following is the best next "
     "step in management?\"",
     "A man has pain. His BP is 120/80 mm Hg."),
    # Two trailing question sentences.
    ("A 4-year-old has a barking cough. She has stridor at rest. An x-ray is obtained. "
     "It is shown below. What is the most appropriate next step?",
     "A 4-year-old has a barking cough. She has stridor at rest. An x-ray is obtained. "
     "It is shown below."),
    # MedMCQA: a trailing stem without a question mark.
    ("A 10 year old child presented with headache and vomiting. The most probable "
     "diagnosis is \u2013",
     "A 10 year old child presented with headache and vomiting."),
    ("A 9 year old child has fever and oral ulcers. The child is suffering from.",
     "A 9 year old child has fever and oral ulcers."),
    # One sentence: the clause that asks is cut, the findings stay.
    ("A 5-year-old with sore throat and fever, the most likely diagnosis is",
     "A 5-year-old with sore throat and fever."),
    ("A 22 year old female presents with sore throat, headache and vomiting, blood "
     "pressure 90/50, tiny red spots distal to the cuff",
     "A 22 year old female presents with sore throat, headache and vomiting, blood "
     "pressure 90/50, tiny red spots distal to the cuff."),
    ("A boy had an upper respiratory infection 2 days ago and now gross hematuria "
     "diagnosis is -",
     "A boy had an upper respiratory infection 2 days ago and now gross hematuria."),
])
def test_presentation_cuts_the_exam_question(question: str, expected: str) -> None:
    assert presentation(question) == expected


def test_presentation_keeps_a_presentation_without_question() -> None:
    text = "A 60-year-old woman has sudden painless loss of vision in her right eye."
    assert presentation(text) == text


def test_acuity_mapping_is_pinned() -> None:
    assert ACUITY_TO_DISPOSITION == {1: "emergency", 2: "emergency", 3: "non_emergency",
                                     4: "non_emergency", 5: "self_care"}


def _table() -> dict[str, dict[str, str]]:
    lines = [ln for ln in (DATA / "dispositions.tsv").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return {r["condition"]: r for r in csv.DictReader(lines, delimiter="\t")}


def test_disposition_table_is_well_formed() -> None:
    head = (DATA / "dispositions.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("#") and "Sources" in (DATA / "dispositions.tsv").read_text()
    table = _table()
    assert len(table) >= 100
    for name, row in table.items():
        assert name == name.lower().strip(), name
        assert row["disposition"] in {*DISPOSITIONS, "depends"}, name
        assert row["source"].strip(), name
        if row["disposition"] == "depends":
            assert row["rule"].strip(), f"{name}: 'depends' needs a rule"


def test_labels_schema() -> None:
    rows = read_labels()
    table = _table()
    assert len(rows) >= 200
    assert len({r["id"] for r in rows}) == len(rows)
    keys = {"id", "source", "pool", "diagnosis", "disposition", "rule", "note", "split",
            "sha256", "text"}
    for r in rows:
        assert set(r) == keys, r["id"]
        assert r["id"].startswith(("medqa4-", "medmcqa-")), r["id"]
        assert r["disposition"] in DISPOSITIONS, r["id"]
        assert r["rule"] in table, f"{r['id']}: rule {r['rule']!r} not in dispositions.tsv"
        default = table[r["rule"]]["disposition"]
        # A label that departs from the table's default says why.
        assert default in (r["disposition"], "depends") or r["note"].strip(), r["id"]
        assert r["split"] in ("dev", "heldout"), r["id"]
        assert len(r["sha256"]) == 64 and int(r["sha256"], 16) >= 0
        assert r["text"] and r["diagnosis"]
        # The exam question is not part of the triage input.
        assert "which of the following" not in r["text"].lower(), r["id"]
        assert not r["text"].rstrip().endswith("?"), r["id"]


def test_every_disposition_is_represented() -> None:
    counts = Counter(r["disposition"] for r in read_labels())
    assert all(counts[d] >= 10 for d in DISPOSITIONS), counts


def test_heldout_is_a_stratified_third() -> None:
    rows = read_labels()
    for disp in DISPOSITIONS:
        group = [r for r in rows if r["disposition"] == disp]
        held = sum(r["split"] == "heldout" for r in group)
        assert abs(held - len(group) / 3) <= 1, (disp, held, len(group))


def test_text_matches_source_when_shared_data_is_present() -> None:
    """Spot-check: the stored text is presentation() of the source item with that sha256."""
    import json

    from eval.common import default_data_dir

    path = default_data_dir() / "medqa" / "medqa_us_4opt_test.jsonl"
    if not path.is_file():
        pytest.skip("shared MedQA data not present")
    by_id = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            by_id[f"medqa4-{item['realidx']}"] = item["question"]
    rows = [r for r in read_labels() if r["id"] in by_id][:25]
    assert rows
    for r in rows:
        q = by_id[r["id"]]
        assert hashlib.sha256(q.encode("utf-8")).hexdigest() == r["sha256"], r["id"]
        assert presentation(q) == r["text"], r["id"]


def test_rates_and_aggregate_on_a_hand_made_list() -> None:
    gold = ["emergency", "emergency", "non_emergency", "self_care", "self_care"]
    pred = ["emergency", "non_emergency", "emergency", "self_care", "non_emergency"]
    m = disposition_rates(gold, pred)
    assert m["accuracy"] == pytest.approx(2 / 5)
    assert m["emergency_sensitivity"] == pytest.approx(0.5)
    assert m["self_care_recall"] == pytest.approx(0.5)
    assert m["under_triage"] == pytest.approx(1 / 5)  # emergency -> non_emergency
    assert m["over_triage"] == pytest.approx(2 / 5)
    results = [{"id": str(i), "split": "dev" if i < 3 else "heldout", "gold": g, "pred": p}
               for i, (g, p) in enumerate(zip(gold, pred, strict=True))]
    out = aggregate(results)
    assert out["metrics"]["all.n"] == 5
    assert out["metrics"]["dev.n"] == 3 and out["metrics"]["heldout.n"] == 2
    assert out["metrics"]["dev.accuracy"] == pytest.approx(1 / 3)
    cm = out["tables"]["all_confusion"]
    assert cm[0] == {"gold": "emergency", "pred emergency": 1, "pred non_emergency": 1,
                     "pred self_care": 0}
    assert len(out["tables"]["misses"]) == 3


def _probe(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (DATA / name).read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_probe2_is_fresh_and_labelled_from_the_table() -> None:
    """probe2 (issue 21): >= 120 vignettes, none from an earlier set, each label a table row
    (or a note saying why it departs from the row's default)."""
    rows = _probe("probe2_dev.tsv")
    table = _table()
    assert len(rows) == 124
    assert Counter(r["disposition"] for r in rows) == {
        "emergency": 54, "non_emergency": 67, "self_care": 3}
    earlier = {r["id"] for r in read_labels()} | {r["id"] for r in _probe("probe_dev.tsv")}
    assert len({r["id"] for r in rows}) == len(rows) and not earlier & {r["id"] for r in rows}
    for r in rows:
        assert r["batch"] in {"E", "G", "M"} and r["disposition"] in DISPOSITIONS, r
        if r["rule"]:
            assert r["rule"] in table, f"{r['id']}: rule {r['rule']!r} not in dispositions.tsv"
            default = table[r["rule"]]["disposition"]
            assert default in (r["disposition"], "depends") or r["note"].strip(), r["id"]


def test_lay_selfcare_set_schema_and_frozen_split() -> None:
    """The lay self-care set: text hashed as written, a pinned seeded third held out."""
    import json

    rows = [json.loads(ln) for ln in (DATA / "selfcare_lay.jsonl").read_text(
        encoding="utf-8").splitlines() if ln.strip()]
    # 80 rows of the first build (the frozen third among them) + 33 dev rows of round 3
    assert len(rows) == 113 and len({r["id"] for r in rows}) == 113
    for r in rows:
        assert r["id"].startswith(("hb-", "aci-")) and r["disposition"] in DISPOSITIONS
        assert r["rule"].strip() and r["text"].strip()
        assert r["sha256"] == hashlib.sha256(r["text"].encode()).hexdigest(), r["id"]
    split = Counter((r["disposition"], r["split"]) for r in rows)
    assert split == {("self_care", "dev"): 26, ("self_care", "heldout"): 10,
                     ("non_emergency", "dev"): 60, ("non_emergency", "heldout"): 17}
    # the held-out third is the first build's, untouched by the rows added later
    first = Counter((r["disposition"], r["split"]) for r in rows[:80])
    assert first == {("self_care", "dev"): 19, ("self_care", "heldout"): 10,
                     ("non_emergency", "dev"): 34, ("non_emergency", "heldout"): 17}
    assert all(r["split"] == "dev" for r in rows[80:])
