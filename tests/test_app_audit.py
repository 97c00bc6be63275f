"""The audit log: one line per request, only enumerated values and numbers, never text."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from assistant.ui.audit import AuditLog

SECRET = "Patient John Smith, MRN 1234567, HIV positive"


def test_fields_and_append_only(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit" / "audit.jsonl")
    a = log.record(user="alice", kind="chat", route="extraction", request_chars=len(SECRET),
                   latency_s=1.23456, status="ok", first_token_s=0.5)
    log.record(user="alice", kind="batch", route="batch", request_chars=10, latency_s=2,
               status="error", items=3)
    lines = (tmp_path / "audit" / "audit.jsonl").read_text().splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first == a
    assert set(first) == {"ts", "user", "kind", "route", "request_chars", "latency_ms", "status",
                          "first_token_ms"}
    assert first["request_chars"] == 45 and first["latency_ms"] == 1234.6
    assert first["first_token_ms"] == 500.0 and first["ts"].endswith("+00:00")
    assert json.loads(lines[1])["items"] == 3
    # Reopening appends, never truncates.
    AuditLog(tmp_path / "audit" / "audit.jsonl").record(
        user="bob", kind="index", route="index", request_chars=0, latency_s=0, status="ok")
    assert len((tmp_path / "audit" / "audit.jsonl").read_text().splitlines()) == 3


def test_no_text_can_reach_the_log(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    log = AuditLog(path)
    entry = log.record(user=SECRET, kind="chat", route=SECRET, request_chars=1, latency_s=0,
                       status="ok")
    raw = path.read_text()
    assert "John Smith" not in raw and "HIV positive" not in raw
    assert entry["route"] == "other"
    assert entry["user"] == "PatientJohnSmithMRN1234567HIVpositive"[:64]  # letters only, capped
    assert all(c.isalnum() or c in "._-@:" for c in entry["user"])


def test_concurrent_writes_do_not_interleave(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.jsonl")

    def work(i: int) -> None:
        for _ in range(25):
            log.record(user=f"u{i}", kind="chat", route="triage", request_chars=i,
                       latency_s=0.01, status="ok")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = (tmp_path / "audit.jsonl").read_text().splitlines()
    assert len(lines) == 100
    assert all(json.loads(ln)["route"] == "triage" for ln in lines)


def test_login_lines_hash_the_address_with_a_kept_key(tmp_path: Path) -> None:
    import os

    path = tmp_path / "audit.jsonl"
    log = AuditLog(path)
    a = log.login(user="alice", ip="192.0.2.44", status="locked")
    b = log.login(user="alice", ip=None, status="bogus")  # type: ignore[arg-type]
    assert set(a) == {"ts", "user", "kind", "ip", "status"}
    assert (a["kind"], a["status"], b["status"], b["ip"]) == ("login", "locked", "other", None)
    assert isinstance(a["ip"], str) and len(a["ip"]) == 16 and "192.0.2.44" not in path.read_text()
    key = tmp_path / "audit.jsonl.key"
    assert oct(os.stat(key).st_mode & 0o777) == "0o600"
    again = AuditLog(path).login(user="alice", ip="192.0.2.44", status="ok")
    assert again["ip"] == a["ip"]  # same key after a restart: attempts can be correlated
    assert AuditLog(tmp_path / "other.jsonl").hash_ip("192.0.2.44") != a["ip"]
