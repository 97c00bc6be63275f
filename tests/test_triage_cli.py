"""The triage batch CLI: one output line per input line, bad records get `error`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from assistant.config import REPO_ROOT


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant.triage", *args, "--no-llm"],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(cwd),
                               "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})


def test_batch_with_bad_records(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join([
        json.dumps({"id": "ok1", "text": "crushing chest pain radiating to the left arm",
                    "vitals": {"heart_rate": 104, "systolic_bp": 150}, "ward": "ignored"}),
        "{not json",
        json.dumps({"id": "bad2", "text": ""}),
        json.dumps({"id": "bad3", "text": "cough", "vitals": {"heart_rate": "fast"}}),
        json.dumps({"id": "ok2", "text": "runny nose and sneezing for two days, no fever"}),
    ]) + "\n")
    out = tmp_path / "out.jsonl"
    proc = _run("--in", str(cases), "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in recs] == ["ok1", "line2", "bad2", "bad3", "ok2"]
    assert [bool(r["error"]) for r in recs] == [False, True, True, True, False]
    assert recs[0]["acuity"] <= 2 and recs[0]["level"] == "emergency"
    assert recs[0]["red_flags"] == ["chest pain with cardiac features"]
    assert recs[4]["acuity"] >= 3 and recs[4]["advice"]
    assert "text" in recs[2]["error"]
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_usage_error_exits_nonzero(tmp_path: Path) -> None:
    proc = _run(cwd=tmp_path)
    assert proc.returncode == 2 and "free-text case" in proc.stderr
