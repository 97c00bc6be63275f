"""Append-only audit trail of who asked which kind of request, when, and how it went.

One JSON line per request: ``ts`` (UTC ISO-8601), ``user``, ``kind`` (chat|batch|index),
``route``, ``request_chars``, ``latency_ms``, ``status``, and optionally ``first_token_ms``
(time to the first streamed token) and ``items`` (batch size). By design the
record has no free-text field: no note text, prompt, answer or error message can reach it.
"""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

Status = Literal["ok", "error", "refused", "rejected_size", "rejected_busy", "cancelled"]
Kind = Literal["chat", "batch", "index"]
_ROUTES = {"extraction", "literature", "triage", "general", "refused", "batch", "index", None}


class AuditLog:
    """Thread-safe appender; each line is written with one ``O_APPEND`` write and fsync'd."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def record(self, *, user: str, kind: Kind, route: str | None, request_chars: int,
               latency_s: float, status: Status, items: int | None = None,
               first_token_s: float | None = None) -> dict:
        """Append one line and return it. Only enumerated values and numbers are accepted."""
        if route not in _ROUTES:
            route = "other"  # an unexpected value must never smuggle text into the log
        entry: dict[str, object] = {
            "ts": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "user": _safe_user(user),
            "kind": kind,
            "route": route,
            "request_chars": int(request_chars),
            "latency_ms": round(float(latency_s) * 1000.0, 1),
            "status": status,
        }
        if first_token_s is not None:
            entry["first_token_ms"] = round(float(first_token_s) * 1000.0, 1)
        if items is not None:
            entry["items"] = int(items)
        line = (json.dumps(entry, ensure_ascii=True) + "\n").encode("ascii")
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        return entry


def _safe_user(user: str) -> str:
    """User names come from the auth file or the client address: keep them short and plain."""
    cleaned = "".join(c for c in str(user) if c.isalnum() or c in "._-@:")
    return cleaned[:64] or "anonymous"
