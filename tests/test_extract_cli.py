"""The batch CLI: good and bad notes in order, one line each, resume after a crash, FHIR."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from assistant.extract import __main__ as cli
from assistant.extract.pipeline import Extractor


def _notes(folder: Path) -> list[str]:
    """A folder of good and bad notes; returns the expected note ids in output order."""
    folder.mkdir()
    (folder / "a_good.txt").write_text("HPI: HTN. Meds: lisinopril 10 mg PO daily.\n")
    (folder / "b_empty.txt").write_text("")
    (folder / "c_binary.txt").write_bytes(b"\x89PNG\x00\x00\x01binary")
    (folder / "d_latin1.txt").write_bytes("caf\xe9 au lait, no fever".encode("latin-1"))
    (folder / "e_big.txt").write_text("word " * 300_000)
    (folder / "f_records.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Denies chest pain. BP 120/80."}) + "\n"
        + "not json\n" + json.dumps({"id": "j3", "note": 5}) + "\n")
    (folder / "g_table.csv").write_text('id,transcription\nc1,"Asthma; albuterol 2 puffs q4h PRN"\n')
    (folder / "h_good.md").write_text("Allergies: sulfa (rash)\n")
    (folder / "ignored.png").write_bytes(b"\x89PNG")
    return ["a_good", "b_empty", "c_binary", "d_latin1", "e_big", "j1", "f_records:2", "j3",
            "c1", "h_good"]


def _run(monkeypatch: pytest.MonkeyPatch, args: list[str], cache: Path) -> int:
    monkeypatch.setattr(sys, "argv", ["extract", *args, "--no-llm", "--set",
                                      f"cache_dir={cache}"])
    return cli.main()


@pytest.fixture
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(tmp_path_factory.getbasetemp()) / "clinassist-cache"


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_folder_of_good_and_bad_notes(tmp_path: Path, cache: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _notes(tmp_path / "notes")
    out = tmp_path / "out.jsonl"
    assert _run(monkeypatch, [str(tmp_path / "notes"), "--out", str(out)], cache) == 0
    recs = _lines(out)
    assert [r["note_id"] for r in recs] == ids
    errors = {r["note_id"]: r["error"] for r in recs}
    assert errors["a_good"] is None and errors["j1"] is None and errors["c1"] is None
    assert errors["b_empty"] == "empty note"
    assert "binary" in errors["c_binary"]
    assert "UTF-8" in errors["d_latin1"]
    assert "limit" in errors["e_big"]
    assert "JSON" in errors["f_records:2"] and "text" in errors["j3"]
    good = recs[0]
    assert good["problems"][0]["text"] == "hypertension"
    med = dict(good["medications"][0])
    # codes: the drug dictionary's ids (optional field added by issue 16)
    assert "DRUGBANK:DB00722" in med.pop("codes")
    assert med == {"name": "lisinopril", "dose": "10 mg", "route": "PO",
                   "frequency": "daily", "status": "active",
                   "span": [16, 41], "source": "rules"}
    assert recs[-1]["allergies"][0]["substance"] == "sulfa"
    for r in recs:
        if r["error"]:
            assert r["problems"] == r["medications"] == r["vitals"] == [] == r["labs"]
    assert not out.with_name("out.jsonl.partial").exists()


def test_resume_after_a_crash(tmp_path: Path, cache: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(6):
        (notes / f"n{i}.txt").write_text(f"Note {i}: HTN, on amlodipine {i + 1} mg daily.\n")
    out = tmp_path / "out.jsonl"
    real = Extractor.extract
    calls: list[str] = []

    def crashing(self: Extractor, text: str, note_id: str):  # noqa: ANN202
        calls.append(note_id)
        if note_id == "n3":
            raise KeyboardInterrupt  # the process dies mid-run
        return real(self, text, note_id)

    monkeypatch.setattr(Extractor, "extract", crashing)
    with pytest.raises(KeyboardInterrupt):
        _run(monkeypatch, [str(notes), "--out", str(out)], cache)
    partial = out.with_name("out.jsonl.partial")
    assert not out.exists() and len(_lines(partial)) == 3
    with partial.open("a") as fh:
        fh.write('{"note_id": "n3", "probl')  # a torn last line
    monkeypatch.setattr(Extractor, "extract", real)
    calls.clear()
    monkeypatch.setattr(Extractor, "extract", lambda self, t, n: calls.append(n) or real(
        self, t, n))
    assert _run(monkeypatch, [str(notes), "--out", str(out), "--resume"], cache) == 0
    assert calls == ["n3", "n4", "n5"]  # only the notes not yet written
    recs = _lines(out)
    assert [r["note_id"] for r in recs] == [f"n{i}" for i in range(6)]
    assert [r["medications"][0]["dose"] for r in recs] == [f"{i + 1} mg" for i in range(6)]


def test_fhir_format_validates(tmp_path: Path, cache: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    from fhir.resources.R4B.bundle import Bundle

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text("Denies fever. HR 88. Meds: aspirin 81 mg PO daily.\n")
    (notes / "b.txt").write_text("")
    out = tmp_path / "out.jsonl"
    assert _run(monkeypatch, [str(notes), "--out", str(out), "--format", "fhir"], cache) == 0
    a, b = _lines(out)
    assert a["identifier"]["value"] == "a" and b["identifier"]["value"] == "b"
    Bundle.model_validate(a)
    Bundle.model_validate(b)
    kinds = [e["resource"]["resourceType"] for e in a["entry"]]
    assert kinds == ["Patient", "Condition", "MedicationStatement", "Observation"]
    assert b["entry"][0]["resource"]["issue"][0]["diagnostics"] == "empty note"


def test_usage_errors(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.errors import InputError

    with pytest.raises(InputError, match="does not exist"):
        _run(monkeypatch, [str(tmp_path / "missing"), "--out", str(tmp_path / "o")], cache)
    with pytest.raises(SystemExit):
        _run(monkeypatch, ["--out", str(tmp_path / "o")], cache)  # no NOTES


@pytest.mark.slow
def test_workers_keep_order(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Spawned workers (each loads the rules once) give the same lines, in input order."""
    ids = _notes(tmp_path / "notes")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert _run(monkeypatch, [str(tmp_path / "notes"), "--out", str(one)], cache) == 0
    assert _run(monkeypatch, [str(tmp_path / "notes"), "--out", str(two), "--workers", "2"],
                cache) == 0
    assert [r["note_id"] for r in _lines(two)] == ids
    assert _lines(one) == _lines(two)
