"""The real-text extraction suite: line-break restoration, the frozen manifest and gold files,
checksum verification and the per-form/per-split aggregate (fast; no extraction runs)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from eval import extraction_real as er

REAL = er.real_dir()
CATEGORIES = ("problems", "medications", "allergies", "vitals", "labs")


# ----------------------------------------------------------------------------- restore_breaks
@pytest.mark.parametrize(("raw", "restored"), [
    ("SUBJECTIVE:, This 23-year-old man.,PLAN:,1.  Rest.,2.  Fluids.",
     "SUBJECTIVE:\n This 23-year-old man.\nPLAN:\n1.  Rest.\n2.  Fluids."),
    ("2-D M-MODE: , ,1.  Normal LV size.", "2-D M-MODE: \n \n1.  Normal LV size."),
    ("ALLERGIES: , She has no known allergies.,MEDICATIONS:,  None.",
     "ALLERGIES: \n She has no known allergies.\nMEDICATIONS:\n  None."),
    ("Roux-en-Y gastric bypass. ,2.  Hypertension.", "Roux-en-Y gastric bypass. \n2.  Hypertension."),
    ("SUMMARY,1. Normal left ventricle.", "SUMMARY\n1. Normal left ventricle."),
    ("PSA 32.1,PROCEDURES:", "PSA 32.1\nPROCEDURES:"),
    ('CHIEF COMPLAINT: , "Bloody bump.",HISTORY:', 'CHIEF COMPLAINT: \n "Bloody bump."\nHISTORY:'),
])
def test_restore_breaks_pinned(raw: str, restored: str) -> None:
    assert er.restore_breaks(raw) == restored


@pytest.mark.parametrize("prose", [
    "Negative for head, neck, heart, lungs.",
    "1% lidocaine with 1:100,000 epinephrine, and saline.",
    'with the characteristic "pop," indicating entry.',
    "Tylenol 500 mg p.o., as needed.",
    "Vitals: BP 120/80, HR 70.",
    "Lorcet 10/650 mg, dispense 24 tablets.",
    "HISTORY:\nAlready has line breaks, and commas.",
])
def test_restore_breaks_leaves_prose_commas(prose: str) -> None:
    assert er.restore_breaks(prose) == prose


def test_restore_breaks_is_length_preserving_and_idempotent() -> None:
    raw = "HPI:, Cough.,EXAM:, Lungs: clear, no rales.,PLAN:,1.  Rest.,"
    out = er.restore_breaks(raw)
    assert len(out) == len(raw)
    assert [i for i, (a, b) in enumerate(zip(raw, out, strict=True)) if a != b] == \
        [i for i, c in enumerate(out) if c == "\n"]
    assert er.restore_breaks(out) == out


# ----------------------------------------------------------------------------- manifest + gold
def _manifest() -> list[dict]:
    return er.load_manifest()


def test_manifest_counts_and_frozen_split() -> None:
    rows = _manifest()
    assert len(rows) == 50
    assert len({r["id"] for r in rows}) == 50
    types = Counter(r["type"] for r in rows)
    assert types == {"pediatrics": 6, "discharge": 6, "ed": 6, "operative": 5, "radiology": 5,
                     "progress": 6, "hp_consult": 6, "aci_visit": 10}
    held = [r for r in rows if r["split"] == "heldout"]
    assert len(held) == 17  # a third, stratified: round(n / 3) per type
    for typ, n in types.items():
        assert sum(r["type"] == typ for r in held) == round(n / 3)
    assert {r["split"] for r in rows} == {"dev", "heldout"}
    # the frozen split itself (changing it needs draw.py --force and a reason)
    assert sorted(r["id"] for r in held)[:5] == [
        "aci-train-D2N011", "aci-train-D2N025", "aci-valid-D2N078", "mts-1395", "mts-1423"]


def test_every_manifest_id_has_valid_gold() -> None:
    for row in _manifest():
        gold = er.load_gold_file(row["id"])
        assert set(gold) == {*CATEGORIES, "no_known_allergies"}, row["id"]
        assert gold["no_known_allergies"] in (True, False, None)
        for p in gold["problems"]:
            assert p["status"] in {"present", "absent", "possible", "historical", "family"}
            assert p["text"] == p["text"].strip() and p["text"]
        for m in gold["medications"]:
            assert m["status"] in {"active", "new", "discontinued", "held", "given"}
        for v in gold["vitals"]:
            assert isinstance(v["value"], int | float)
        assert sum(len(gold[c]) for c in CATEGORIES) > 0, row["id"]
    assert sorted(p.stem for p in (REAL / "gold").glob("*.json")) == \
        sorted(r["id"] for r in _manifest())


def test_gold_files_match_labels_txt() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("real_make_gold", REAL / "make_gold.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    parsed = mod.parse((REAL / "labels.txt").read_text(encoding="utf-8"))
    for nid, gold in parsed.items():
        assert er.load_gold_file(nid) == gold, nid


def test_no_note_text_stored_under_real() -> None:
    for row in _manifest():
        assert not {"transcription", "text", "note", "raw", "restored"} & set(row), row["id"]
        assert len(row["sha256"]) == 64 and len(row["sha256_raw"]) == 64
    for path in REAL.rglob("*"):
        if path.suffix in (".json", ".jsonl"):
            assert '"transcription"' not in path.read_text(encoding="utf-8"), path


# ----------------------------------------------------------------------------- loader
def _fake_data(tmp: Path, text: str) -> tuple[Path, Path]:
    data, root = tmp / "data", tmp / "real"
    (data / "mtsamples").mkdir(parents=True)
    (data / "aci_bench").mkdir()
    root.mkdir()
    with (data / "mtsamples" / "mtsamples.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["note_id", "description", "medical_specialty", "sample_name",
                    "transcription", "keywords"])
        w.writerow(["7", "d", "Office Notes", "s", text, "k"])
    original = "HISTORY:, Cough for 3 days.,PLAN:, Rest."
    row = {"id": "mts-7", "source": "mtsamples", "source_id": "7", "type": "progress",
           "split": "dev", "sha256": er.sha256(er.restore_breaks(original)),
           "sha256_raw": er.sha256(original)}
    (root / "manifest.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    return data, root


def test_loader_verifies_checksums(tmp_path: Path) -> None:
    data, root = _fake_data(tmp_path, "HISTORY:, Cough for 3 days.,PLAN:, Rest.")
    (note,) = er.load_notes(data, root)
    assert note["restored"] == "HISTORY:\n Cough for 3 days.\nPLAN:\n Rest."
    assert note["raw"] == "HISTORY:, Cough for 3 days.,PLAN:, Rest."


def test_loader_scores_an_aci_note_with_commas_for_breaks_when_asked(tmp_path: Path) -> None:
    # (allergy5) a manifest row with raw_form "commas": the raw form is the note with every
    # line break a comma (the MTSamples CSV convention), same length; restored as written
    data, root = _fake_data(tmp_path, "x")
    note = "ALLERGIES\n\nPenicillin.\n"
    with (data / "aci_bench" / "train.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["encounter_id", "dialogue", "note"])
        w.writerow(["D2N001", "d", note])
    base = {"source": "aci_bench", "source_id": "train-D2N001", "type": "aci_visit",
            "split": "dev", "sha256": er.sha256(note), "sha256_raw": er.sha256(note)}
    rows = [{"id": "aci-a", **base, "raw_form": "commas"}, {"id": "aci-b", **base}]
    (root / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows),
                                         encoding="utf-8")
    first, second = er.load_notes(data, root)
    assert first["restored"] == note and first["raw"] == "ALLERGIES,,Penicillin.,"
    assert second["raw"] == second["restored"] == note


def test_loader_rejects_changed_source(tmp_path: Path) -> None:
    data, root = _fake_data(tmp_path, "HISTORY:, Cough for 4 days.,PLAN:, Rest.")
    with pytest.raises(er.SourceChangedError, match="mts-7: the mtsamples text .* has changed"):
        er.load_notes(data, root)


def test_loader_missing_csv_names_data_flag(tmp_path: Path) -> None:
    _, root = _fake_data(tmp_path, "x")
    with pytest.raises(FileNotFoundError, match="--data"):
        er.load_notes(tmp_path / "nowhere", root)


def test_forms_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(er.FORM_ENV, "raw")
    assert er._forms_from_env() == ("raw",)
    monkeypatch.setenv(er.FORM_ENV, "both")
    assert er._forms_from_env() == ("restored", "raw")
    monkeypatch.setenv(er.FORM_ENV, "comma")
    with pytest.raises(er.InputError):
        er._forms_from_env()


# ----------------------------------------------------------------------------- aggregate
def test_aggregate_reports_form_and_split() -> None:
    gold = {"problems": [], "medications": [], "allergies": [], "labs": [],
            "vitals": [{"name": "heart_rate", "value": 80}, {"name": "spo2", "value": 95}]}
    hit = {**gold, "vitals": [{"name": "heart_rate", "value": 80}]}
    results = []
    for form, pred in (("restored", gold), ("raw", hit)):
        for nid, split in (("a", "dev"), ("b", "heldout")):
            results.append({"id": f"{nid}@{form}", "note_id": nid, "form": form, "split": split,
                            "type": "ed", "pred": pred, "gold": gold,
                            "score": er.score([pred], [gold])})
    m = er.aggregate(results)["metrics"]
    assert m["form"] == "restored" and m["notes"] == 2
    assert m["entity_micro_f1"] == pytest.approx(1.0)
    assert m["heldout.entity_micro_f1"] == pytest.approx(1.0)
    # raw: 1 of 2 vitals found per note, no false positives -> P 1, R 0.5, F1 2/3
    assert m["raw.entity_micro_f1"] == pytest.approx(2 / 3)
    assert m["raw.dev.vitals.f1"] == pytest.approx(2 / 3)
    assert m["raw.heldout.notes"] == 1


# MTSamples is not shipped in data/: the developers' shared data folder beside the checkout.
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.skipif(not (SHARED / er.MTS_CSV).is_file(),
                    reason="shared data (MTSamples) not present beside the checkout")
def test_load_examples_on_shared_data() -> None:
    ex = er.load_examples(SHARED, forms=("restored", "raw"))
    assert len(ex) == 100
    assert {e["form"] for e in ex} == {"restored", "raw"}
    by = {(e["note_id"], e["form"]): e["text"] for e in ex}
    assert by[("mts-3", "restored")] != by[("mts-3", "raw")]
    assert by[("aci-train-D2N003", "restored")] == by[("aci-train-D2N003", "raw")]


def test_suite_skips_with_the_reason_when_mtsamples_is_absent(tmp_path: Path) -> None:
    # A fresh clone has no MTSamples text (it may not be shipped): skipped, not failed.
    from eval.common import SuiteSkipped

    with pytest.raises(SuiteSkipped, match="MTSamples text is not shipped"):
        er.load_examples(tmp_path)
