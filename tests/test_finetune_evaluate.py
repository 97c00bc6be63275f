"""finetune.evaluate: model JSON is parsed leniently and every kept item is grounded."""

from __future__ import annotations

from finetune.evaluate import ground, parse_json_object, to_markdown


def test_parse_json_object_skips_text_around_it() -> None:
    assert parse_json_object('Sure: {"a": {"b": 1}} done') == {"a": {"b": 1}}
    assert parse_json_object('{bad} then {"ok": true}') == {"ok": True}
    assert parse_json_object("no json") is None
    assert parse_json_object('["list"]') is None


def test_ground_keeps_only_items_found_in_the_note() -> None:
    note = "HTN. Denies chest pain. Metformin 500 mg PO BID. BP 120/80. Na 131."
    obj = {"problems": [{"text": "HTN", "status": "present"},
                        {"text": "chest pain", "status": "absent"},
                        {"text": "asthma", "status": "present"},        # not in the note
                        {"text": "htn", "status": "bogus"}],             # invalid status
           "medications": [{"name": "metformin", "dose": "500 mg", "route": "PO",
                            "frequency": "BID", "status": "active"}],
           "vitals": [{"name": "systolic_bp", "value": 120, "unit": "mmHg", "raw": "BP 120/80"},
                      {"name": "diastolic_bp", "value": 80, "unit": "mmHg", "raw": "BP 120/80"}],
           "labs": [{"name": "sodium", "value": 131, "unit": None, "flag": "low",
                     "raw": "Na 131"}],
           "allergies": "none"}
    rec = ground(note, obj, "n1")
    assert [(p.text, p.status, p.span) for p in rec.problems] == [
        ("HTN", "present", (0, 3)), ("chest pain", "absent", (12, 22))]
    assert rec.medications[0].span == (24, 33)  # the name as written (case-insensitive)
    # systolic and diastolic share the reading's span; a repeated item gets no second span
    assert [(v.name, v.span) for v in rec.vitals] == [("systolic_bp", (49, 58)),
                                                      ("diastolic_bp", (49, 58))]
    assert rec.labs[0].span == (60, 66) and rec.allergies == []
    twice = ground(note, {"problems": [{"text": "HTN", "status": "present"}] * 2}, "n3")
    assert len(twice.problems) == 1
    for item in rec.problems + rec.medications + rec.vitals + rec.labs:
        s, e = item.span
        assert note[s:e]
    assert ground(note, None, "n2").problems == []


def test_markdown_table_has_one_column_per_mode() -> None:
    report = {"n_notes": 2, "notes": "heldout", "base_model": "b", "adapter": "a",
              "modes": {"llm:base": {"entity_micro_f1": 0.1},
                        "llm:adapter": {"entity_micro_f1": 0.5}},
              "run_info": {"llm:base": {"json_parsed": 1, "seconds": 1.0},
                           "llm:adapter": {"json_parsed": 2, "seconds": 2.0}}}
    md = to_markdown(report)
    assert "| metric | llm:base | llm:adapter |" in md
    assert "| entity_micro_f1 | 0.100 | 0.500 |" in md


def test_heldout_requests_are_the_pipelines_own_requests(tmp_path) -> None:
    from finetune.data import ExtractionRequests, _write_jsonl, synthetic_examples
    from finetune.evaluate import heldout_requests

    rows = synthetic_examples(3, seed=4)
    _write_jsonl(tmp_path / "heldout.jsonl", rows)
    got = heldout_requests(tmp_path / "heldout.jsonl")
    built = ExtractionRequests()
    assert len(got) == 3
    for row in rows:
        nid = row["meta"]["note_id"]
        assert got[nid] == built.empty(nid, row["meta"]["note"])
