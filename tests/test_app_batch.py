"""The Batch tab: uploaded notes -> one JSONL record (or FHIR bundle) per note, in order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.ui.audit import AuditLog
from assistant.ui.batch_tab import FORMATS, BatchHandler, read_notes
from assistant.ui.config import AppConfig
from assistant.ui.limits import FairLimiter
from assistant.ui.state import AssistantHolder

NOTE = "Vitals: BP 148/92, HR 104, SpO2 93%."


def _no_progress(*args, **kwargs) -> None:
    return None


@pytest.fixture
def notes(tmp_path: Path) -> list[str]:
    a = tmp_path / "a.txt"
    a.write_text(NOTE)
    b = tmp_path / "b.jsonl"
    b.write_text(json.dumps({"id": "b1", "text": "HR 130, RR 30."}) + "\n" + "{not json\n")
    big = tmp_path / "big.txt"
    big.write_text("x" * 300)
    return [str(a), str(b), str(big)]


def test_read_notes_orders_and_flags(notes: list[str]) -> None:
    items = read_notes(notes, max_chars=200)
    assert [i.key for i in items] == ["a", "b1", "b:2", "big"]
    assert items[0].payload == ("a", NOTE)
    assert items[2].error.startswith("line 2: not valid JSON")
    assert items[3].error.startswith("the note has 300 characters; the limit is 200")


@pytest.fixture(scope="module")
def holder(tmp_path_factory: pytest.TempPathFactory) -> AssistantHolder:
    """One rules-only Assistant for the module (its extractor loads once)."""
    from assistant.config import load_settings

    cache = tmp_path_factory.mktemp("cache")
    return AssistantHolder(load_settings(None, {"cache_dir": str(cache), "use_llm": False},
                                         environ={}))


@pytest.mark.parametrize("label", list(FORMATS))
def test_batch_run(label: str, notes: list[str], tmp_path: Path, holder: AssistantHolder) -> None:
    config = AppConfig(max_request_chars=200, audit_log=tmp_path / "audit.jsonl")
    handler = BatchHandler(holder, FairLimiter(), AuditLog(config.audit_log), config)
    path, summary = handler.run(notes, label, None, progress=_no_progress)
    assert summary.startswith("✓ 4 notes: 4 processed") and "2 with errors" in summary
    lines = [json.loads(x) for x in Path(path).read_text().splitlines()]
    assert len(lines) == 4
    if FORMATS[label] == "jsonl":
        assert [x["note_id"] for x in lines] == ["a", "b1", "b:2", "big"]
        hr = [v for v in lines[0]["vitals"] if v["name"] == "heart_rate"]
        assert hr[0]["value"] == 104 and NOTE[slice(*hr[0]["span"])] == "HR 104"
        assert lines[2]["error"] and lines[3]["error"]
    else:
        assert all(x["resourceType"] == "Bundle" for x in lines)
        assert lines[3]["entry"][0]["resource"]["resourceType"] == "OperationOutcome"
    [audit] = [json.loads(x) for x in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert audit["kind"] == "batch" and audit["items"] == 4 and audit["status"] == "ok"
    assert "SpO2" not in (tmp_path / "audit.jsonl").read_text()


def test_batch_limits(tmp_path: Path, settings_tmp: Settings) -> None:
    config = AppConfig(max_batch_files=1, audit_log=tmp_path / "audit.jsonl")
    handler = BatchHandler(AssistantHolder(settings_tmp), FairLimiter(),
                           AuditLog(config.audit_log), config)
    assert handler.run(None, "x", None, progress=_no_progress) == (
        None, "Upload one or more note files first.")
    path, msg = handler.run(["a", "b"], "x", None, progress=_no_progress)
    assert path is None and msg.startswith("⚠ 2 files; the limit is 1 per batch")
