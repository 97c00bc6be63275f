"""finetune.synth / finetune.data: exact gold labels, determinism, split, dedup, KTAS, tokens."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import simple_icd_10_cm as icd

from assistant.schema import ExtractionRecord
from finetune import data as D
from finetune.synth import DIAGNOSES, PROBLEMS, SYMPTOMS, generate_notes

SHARED = Path("/work/shared/data")


def _span(text: str, item: dict) -> str:
    s, e = item["span"]
    return text[s:e]


def test_generated_gold_spans_match_note_text() -> None:
    notes = generate_notes(400, seed=11)
    n_items = 0
    for n in notes:
        ExtractionRecord.model_validate(n.gold)  # the gold is a valid CONTRACT record
        t = n.text
        for p in n.gold["problems"]:
            assert _span(t, p) == p["text"]
        for m in n.gold["medications"]:
            assert m["name"] in _span(t, m).lower()
            assert m["dose"].split()[0] in _span(t, m).replace(",", "")
        for a in n.gold["allergies"]:
            assert _span(t, a).startswith(a["substance"])
            if a["reaction"]:
                assert a["reaction"] in _span(t, a)
        for v in n.gold["vitals"] + n.gold["labs"]:
            assert _span(t, v) == v["raw"]
            if v.get("unit") and v in n.gold["labs"]:
                assert v["unit"] in v["raw"]  # lab units are labelled only when written
        n_items += sum(len(n.gold[k]) for k in D.EXTRACT_KEYS)
    assert n_items > 400 * 5


def test_generator_covers_the_label_space() -> None:
    notes = generate_notes(400, seed=2)
    statuses = {p["status"] for n in notes for p in n.gold["problems"]}
    assert statuses == {"present", "absent", "possible", "historical", "family"}
    # one item per concept and per drug (as the pipeline and the project gold report them)
    for n in notes:
        codes = [(p["icd10"], p["status"] == "family") for p in n.gold["problems"]]
        assert len(codes) == len(set(codes))
        names = [m["name"] for m in n.gold["medications"]]
        assert len(names) == len(set(names))
    med_status = {m["status"] for n in notes for m in n.gold["medications"]}
    assert med_status == {"active", "new", "discontinued", "held", "given"}
    vitals = {v["name"] for n in notes for v in n.gold["vitals"]}
    assert {"systolic_bp", "diastolic_bp", "heart_rate", "temperature", "spo2"} <= vitals
    assert sum(n.meta["typos"] for n in notes) > 50
    lengths = [len(n.text) for n in notes]
    assert min(lengths) < 250 and max(lengths) > 900
    assert any("HTN" in n.text or "DM2" in n.text for n in notes)  # abbreviations


def test_fahrenheit_is_converted_to_canonical_celsius() -> None:
    for n in generate_notes(200, seed=5):
        for v in n.gold["vitals"]:
            if v["name"] == "temperature" and v["raw"].rstrip().endswith("F"):
                f = float(v["raw"].split()[1].rstrip("F"))
                assert v["value"] == round((f - 32) * 5 / 9, 1)
                assert 35 <= v["value"] <= 41


def test_icd10_codes_in_vocabulary_are_valid() -> None:
    for _variants, code in PROBLEMS + SYMPTOMS + DIAGNOSES:
        assert icd.is_valid_item(code), code


def test_generator_is_deterministic() -> None:
    a = generate_notes(30, seed=7)
    b = generate_notes(30, seed=7)
    c = generate_notes(30, seed=8)
    assert [(x.text, x.gold) for x in a] == [(x.text, x.gold) for x in b]
    assert [x.text for x in a] != [x.text for x in c]


def test_extraction_target_drops_spans_and_keeps_text_order() -> None:
    gold = {"problems": [{"text": "b", "status": "absent", "icd10": None, "span": [9, 10]},
                         {"text": "a", "status": "present", "icd10": "I10", "span": [1, 2]}],
            "medications": [], "allergies": [], "vitals": [], "labs": []}
    out = json.loads(D.extraction_target(gold))
    assert out["problems"] == [{"text": "a", "status": "present", "icd10": "I10"},
                               {"text": "b", "status": "absent", "icd10": None}]
    assert set(out) == set(D.EXTRACT_KEYS)


def test_dedup_and_split_by_group() -> None:
    ex = [{"group": f"g{i % 5}", "messages": [{"role": "user", "content": f"Note {i % 7}"}]}
          for i in range(20)]
    kept, dropped = D.dedup(ex)
    assert (len(kept), dropped) == (7, 13)
    many = [{"group": f"g{i}", "messages": []} for i in range(1000)]
    train, held = D.split(many, 10.0, seed=0)
    assert 60 < len(held) < 140 and len(train) + len(held) == 1000
    # the same group always lands on the same side
    assert D.is_heldout("g3", 10.0, 0) == D.is_heldout("g3", 10.0, 0)


def test_ktas_case_findings_are_read_from_the_row() -> None:
    row = {"Sex": "2", "Age": "81", "Arrival mode": "2", "Injury": "1",
           "Chief_complain": "dyspnea", "Mental": "2", "NRS_pain": "8", "SBP": "85",
           "DBP": "50", "HR": "124", "RR": "28", "BT": "38,4", "Saturation": "??"}
    text, findings = D.ktas_case(row)
    assert text.splitlines()[0] == "81-year-old male, arrived by public ambulance."
    assert "Vitals: BP 85/50, HR 124, RR 28, T 38.4 C." in text
    assert findings == ["chief complaint dyspnea", "altered mental status (responds to voice)",
                        "hypotension (SBP 85)", "tachycardia (HR 124)",
                        "abnormal respiratory rate (RR 28)", "fever (T 38.4 C)",
                        "severe pain (8/10)", "older age (81)"]


@pytest.mark.skipif(not (SHARED / "ktas" / "ktas_dev.csv").is_file(), reason="no shared data")
def test_build_is_deterministic_and_heldout_is_disjoint(tmp_path: Path) -> None:
    def digest(d: Path) -> str:
        return hashlib.sha256((d / "train.jsonl").read_bytes()
                              + (d / "heldout.jsonl").read_bytes()).hexdigest()

    s1 = D.build(tmp_path / "a", data_dir=SHARED, n_synthetic=60, seed=3)
    D.build(tmp_path / "b", data_dir=SHARED, n_synthetic=60, seed=3)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    train = D.read_sft(tmp_path / "a" / "train.jsonl")
    held = D.read_sft(tmp_path / "a" / "heldout.jsonl")
    assert not {e["group"] for e in train} & {e["group"] for e in held}
    assert {e["task"] for e in train} == set(D.TASKS)
    assert s1["heldout"]["extraction/synthetic"] >= 1
    for e in held:
        assert [m["role"] for m in e["messages"]] == ["system", "user", "assistant"]
        if e["task"] == "extraction":  # eval needs the note and its gold on held-out lines
            assert e["meta"]["note"] in e["messages"][1]["content"]
            assert json.loads(e["messages"][2]["content"])["problems"] is not None
        if e["task"] == "literature":
            pmid = e["id"].split(":")[1]
            assert e["messages"][2]["content"].endswith(f"[PMID:{pmid}]")


def test_assist_examples_answer_what_the_rules_did_not_find() -> None:
    import random

    from assistant.prompts import load_prompt

    if load_prompt("extraction").placeholders != {"note", "known"}:
        pytest.skip("the pipeline prompt changed its placeholders")
    rng = random.Random(0)
    n_checked = 0
    for note in generate_notes(60, seed=9):
        ex = D.assist_example(note, rng)
        known = set(ex["meta"]["known"])
        answer = json.loads(ex["messages"][-1]["content"])
        assert set(answer) == {"problems", "medications", "allergies"}
        user = ex["messages"][1]["content"]
        assert user.startswith("Already found by rules (do not repeat): ")
        assert note.text in user
        gold_meds = {m["name"] for m in note.gold["medications"]}
        assert {m["name"].lower() for m in answer["medications"]} == gold_meds - known
        for p in answer["problems"]:
            assert p["text"] in note.text  # copied as written
        for m in answer["medications"]:
            for k in ("name", "dose", "route", "frequency"):
                assert m[k] is None or m[k] in note.text
        n_checked += len(answer["problems"]) + len(answer["medications"])
    assert n_checked > 100


def test_silver_fails_clearly_without_the_pipeline(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from assistant.errors import ConfigError

    monkeypatch.setitem(sys.modules, "assistant.extract.pipeline", None)  # import fails
    with pytest.raises(ConfigError, match="finetune.data build"):
        D.build_silver(SHARED, tmp_path / "silver.jsonl", limit=1, seed=0, max_chars=4000,
                       resume=False)
    assert not (tmp_path / "silver.jsonl").exists()


def test_tokenize_masks_everything_but_the_assistant_turn(tiny_llm_dir: Path) -> None:
    from transformers import AutoTokenizer

    from finetune.train import tokenize_example

    tok = AutoTokenizer.from_pretrained(tiny_llm_dir)
    msgs = [{"role": "system", "content": "Extract."}, {"role": "user", "content": "BP 120/80"},
            {"role": "assistant", "content": '{"vitals":[]}'}]
    ids, labels = tokenize_example(tok, msgs, 512)
    assert len(ids) == len(labels)
    target = tok.decode([t for t in labels if t != -100])
    assert target == '{"vitals":[]}<|im_end|>\n'
    first = next(i for i, t in enumerate(labels) if t != -100)
    assert tok.decode(ids[:first]).endswith("<|im_start|>assistant\n")
    assert tokenize_example(tok, msgs, 5) is None  # too long: dropped, never truncated


def test_length_bucketed_batches_cover_each_index_once() -> None:
    from finetune.train import make_batches

    lengths = [(i * 37) % 101 for i in range(50)]
    b1 = make_batches(lengths, 4, seed=1, epoch=0, bucket_size=4)
    assert b1 == make_batches(lengths, 4, seed=1, epoch=0, bucket_size=4)
    assert b1 != make_batches(lengths, 4, seed=1, epoch=1, bucket_size=4)
    assert sorted(i for b in b1 for i in b) == list(range(50))
    spread = sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in b1)
    rand = make_batches(lengths, 4, seed=1, epoch=0, mode="random")
    assert spread < sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in rand)
