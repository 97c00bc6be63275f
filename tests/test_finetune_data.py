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

# The repository's bundled data (data/README.md): KTAS and PubMedQA dev sets.
DATA = Path(__file__).resolve().parent.parent / "data"
KTAS = DATA / "ktas" / "ktas_dev.csv"


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
        n_items += sum(len(n.gold[k]) for k in D.EXTRACT_CATEGORIES)
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


def test_llm_answer_is_the_pipeline_schema_in_text_order() -> None:
    gold = {"problems": [{"text": "b", "status": "absent", "icd10": None, "span": [9, 10]},
                         {"text": "a", "status": "present", "icd10": "I10", "span": [1, 2]}],
            "medications": [{"name": "aspirin", "dose": "81 mg", "route": "po",
                             "frequency": "daily", "status": "active", "span": [20, 35]}],
            "allergies": [], "vitals": [{"name": "heart_rate", "span": [40, 45]}], "labs": []}
    out = json.loads(D.llm_answer(gold))
    assert out == {"problems": [{"text": "a", "status": "present"},
                                {"text": "b", "status": "absent"}],
                   "medications": [{"name": "aspirin", "dose": "81 mg", "route": "po",
                                    "frequency": "daily", "status": "active"}],
                   "allergies": []}
    # what the rules found (overlapping spans) is left out
    out = json.loads(D.llm_answer(gold, {"problems": [(0, 3)], "medications": [(22, 25)]}))
    assert out == {"problems": [{"text": "b", "status": "absent"}], "medications": [],
                   "allergies": []}


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


def test_ktas_findings_are_read_from_the_row() -> None:
    row = {"Sex": "2", "Age": "81", "Arrival mode": "2", "Injury": "1",
           "Chief_complain": "dyspnea", "Mental": "2", "NRS_pain": "8", "SBP": "85",
           "DBP": "50", "HR": "124", "RR": "28", "BT": "38,4", "Saturation": "??"}
    findings = D.ktas_findings(row)
    assert findings == ["chief complaint dyspnea", "altered mental status (responds to voice)",
                        "hypotension (SBP 85)", "tachycardia (HR 124)",
                        "abnormal respiratory rate (RR 28)", "fever (T 38.4 C)",
                        "severe pain (8/10)", "older age (81)"]
    assert D.triage_summary(findings).startswith("Chief complaint dyspnea with altered mental")
    # severe pain is the product's threshold (floors.SEVERE_PAIN = 8), not 7
    assert "severe pain (7/10)" not in D.ktas_findings({**row, "NRS_pain": "7"})
    assert D.triage_summary(["chief complaint cough"]) == (
        "Chief complaint cough with no abnormal vital signs recorded.")


@pytest.mark.skipif(not KTAS.is_file(), reason="no bundled data/ktas (data/README.md)")
def test_build_is_deterministic_and_heldout_is_disjoint(tmp_path: Path) -> None:
    def digest(d: Path) -> str:
        return hashlib.sha256((d / "train.jsonl").read_bytes()
                              + (d / "heldout.jsonl").read_bytes()).hexdigest()

    s1 = D.build(tmp_path / "a", data_dir=DATA, n_synthetic=60, seed=3)
    D.build(tmp_path / "b", data_dir=DATA, n_synthetic=60, seed=3)
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
            assert e["messages"][2]["content"].endswith(f"[PMID:{pmid}].")
        if e["task"] == "triage":  # the narrative never states the acuity
            assert set(json.loads(e["messages"][2]["content"])) == {"summary", "advice"}
            assert "cuity" not in e["messages"][2]["content"]


@pytest.fixture(scope="module")
def requests() -> D.ExtractionRequests:
    from assistant.config import load_settings

    return D.ExtractionRequests(load_settings(None))


def test_extraction_prompts_are_what_the_pipeline_sends(requests: D.ExtractionRequests) -> None:
    from assistant.config import load_settings
    from assistant.extract.pipeline import Extractor

    runtime = Extractor(load_settings(None, {"use_llm": False}))
    n_answered = 0
    for note in generate_notes(30, seed=9):
        ex = D.extraction_example(note.note_id, note.text, note.gold, "synthetic", requests)
        assert ex["messages"][:-1] == runtime.llm_messages(
            note.text, ExtractionRecord(note_id=note.note_id))
        assert "Already found by rules (do not repeat): nothing" in ex["messages"][1]["content"]
        answer = json.loads(ex["messages"][-1]["content"])
        assert len(answer["problems"]) == len(note.gold["problems"])
        assist = D.assist_example(note, requests)
        rules = runtime.extract_rules(note.text, note.note_id)
        assert assist["messages"][:-1] == runtime.llm_messages(note.text, rules)
        answer = json.loads(assist["messages"][-1]["content"])
        assert set(answer) == {"problems", "medications", "allergies"}
        found = [p.span for p in rules.problems]
        missed = [{"text": p["text"], "status": p["status"]} for p in note.gold["problems"]
                  if not any(s < p["span"][1] and p["span"][0] < e for s, e in found)]
        assert sorted(answer["problems"], key=str) == sorted(missed, key=str)
        for p in answer["problems"]:
            assert p["text"] in note.text  # copied as written
        for m in answer["medications"]:
            for k in ("name", "dose", "route", "frequency"):
                assert m[k] is None or m[k] in note.text
        n_answered += len(answer["problems"]) + len(answer["medications"])
    assert n_answered > 0


def _fixed_estimator(acuity: int):
    from assistant.triage.model import Estimate

    def estimate(ps: list) -> list:
        probs = tuple(1.0 if i + 1 == acuity else 0.0 for i in range(5))
        return [Estimate(acuity, probs) for _ in ps]

    return estimate


class _Recorder:
    """A backend that records the messages it is sent and returns a fixed narrative."""

    def __init__(self) -> None:
        self.sent: list = []

    def generate_json(self, messages: list, schema: type, params: object) -> object:
        self.sent.append(messages)
        return schema(summary="Findings as listed.", advice="Seek care as advised.")


@pytest.mark.skipif(not KTAS.is_file(), reason="no bundled data/ktas (data/README.md)")
def test_triage_prompts_are_what_the_triager_sends(tmp_path: Path) -> None:
    from assistant.config import load_settings
    from assistant.triage import Triager
    from assistant.triage.data import labelled_rows, row_to_case

    lines = KTAS.read_text(encoding="utf-8").splitlines(keepends=True)
    small = tmp_path / "ktas.csv"
    small.write_text("".join(lines[:41]), encoding="utf-8")
    settings = load_settings(None)
    sft = D.ktas_examples(small, triager=Triager(
        settings.model_copy(update={"use_llm": False}), estimator=_fixed_estimator(4)))
    recorder = _Recorder()
    runtime = Triager(settings.model_copy(update={"use_llm": True}), backend=recorder,
                      estimator=_fixed_estimator(4))
    cases = {f"triage:ktas-{i}": row_to_case(row, i) for i, row, _ in labelled_rows(small)}
    assert len(sft) >= 35
    for ex in sft:
        recorder.sent.clear()
        rec = runtime.triage(cases[ex["id"]])
        assert ex["messages"][:-1] == recorder.sent[0]
        answer = json.loads(ex["messages"][-1]["content"])
        assert set(answer) == {"summary", "advice"}
        assert ex["meta"]["acuity"] == rec.acuity
        assert f"Final acuity: {rec.acuity} " in ex["messages"][1]["content"]
        assert "acuity" not in answer["summary"].lower() + answer["advice"].lower()
        assert str(rec.level) not in answer["summary"].lower()


def test_literature_prompts_are_what_the_rephrase_sends() -> None:
    from assistant.config import load_settings
    from assistant.evidence import document_sentences
    from assistant.literature import LiteratureConfig, LiteratureQA

    class Stream:
        sent: list = []

        def stream(self, messages: list, params: object):
            self.sent.append(messages)
            yield "Aspirin lowered pain [PMID:1]."

    question = "Does aspirin reduce pain after surgery?"
    text = ("Background: Pain after surgery is common. Methods: We gave aspirin to 40 "
            "patients after knee surgery. Results: Aspirin reduced pain scores after surgery "
            "compared with placebo. Conclusions: Aspirin helps.")
    chosen = D.literature_evidence(question, "1", text, LiteratureConfig().sentences)
    assert chosen and chosen[0].relevance >= chosen[-1].relevance
    assert {s.text for s in chosen} <= {s.text for s in document_sentences(question, "1", text)}
    backend = Stream()
    qa = LiteratureQA(load_settings(None), searcher=object(), backend=backend)
    assert list(qa._llm_body(question, [(s, s.relevance) for s in chosen], ["1"]))
    assert backend.sent[0] == D.literature_messages(question, chosen)
    answer = D.literature_answer(chosen)
    assert answer.count("[PMID:1].") == len(chosen)


def test_silver_fails_clearly_without_the_pipeline(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from assistant.errors import ConfigError

    monkeypatch.setitem(sys.modules, "assistant.extract.pipeline", None)  # import fails
    with pytest.raises(ConfigError, match="finetune.data build"):
        D.build_silver(tmp_path, tmp_path / "silver.jsonl", limit=1, seed=0, max_chars=4000,
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
