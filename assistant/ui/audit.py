"""Append-only audit trail of who asked which kind of request, when, and how it went.

One JSON line per request: ``ts`` (UTC ISO-8601), ``user``, ``kind`` (chat|batch|index),
``route``, ``request_chars``, ``latency_ms``, ``status``, and optionally ``first_token_ms``
(time to the first streamed token) and ``items`` (batch size). By design the
record has no free-text field: no note text, prompt, answer or error message can reach it.

Changes of what users are answered from add ``action`` (``index_build_shared``,
``index_build_default``, ``index_use_shared``, ``index_build_private``, ``index_use_private``,
``index_denied``) and, for shared indexes only, ``index`` (the index's name under the index
root; a private index's name is never written, it is the user's own text).

Login attempts get their own lines: ``ts``, ``kind`` "login", ``user``, ``ip`` (an HMAC of
the client address with a random key kept next to the log in ``<log>.key``, mode 600: the
same address gives the same value across restarts, but the address cannot be read back)
and ``status`` (ok|fail|locked|busy). Never the password.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

Status = Literal["ok", "error", "refused", "rejected_size", "rejected_busy", "cancelled"]
Kind = Literal["chat", "batch", "index"]
LoginStatus = Literal["ok", "fail", "locked", "busy"]
_LOGIN_STATUSES = {"ok", "fail", "locked", "busy"}
_ROUTES = {"extraction", "literature", "triage", "general", "refused", "batch", "index", None}
Action = Literal["index_build_shared", "index_build_default", "index_use_shared",
                 "index_build_private", "index_use_private", "index_denied"]
_ACTIONS = {"index_build_shared", "index_build_default", "index_use_shared",
            "index_build_private", "index_use_private", "index_denied"}
_INDEX_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class AuditLog:
    """Thread-safe appender; each line is written with one ``O_APPEND`` write and fsync'd."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._key: bytes | None = None

    def record(self, *, user: str, kind: Kind, route: str | None, request_chars: int,
               latency_s: float, status: Status, items: int | None = None,
               first_token_s: float | None = None, action: Action | None = None,
               index: str | None = None) -> dict:
        """Append one line and return it. Only enumerated values and numbers are accepted
        (``index``: a shared index's name, kept only when it is a plain index name)."""
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
        if action is not None:
            entry["action"] = action if action in _ACTIONS else "other"
        if index is not None:
            entry["index"] = index if _INDEX_NAME.match(str(index)) else "other"
        self._append(entry)
        return entry

    def login(self, *, user: str, ip: str | None, status: LoginStatus) -> dict:
        """Append one login attempt (user, hashed client address, outcome) and return it."""
        entry: dict[str, object] = {
            "ts": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "user": _safe_user(user),
            "kind": "login",
            "ip": self.hash_ip(ip),
            "status": status if status in _LOGIN_STATUSES else "other",
        }
        self._append(entry)
        return entry

    def hash_ip(self, ip: str | None) -> str | None:
        """HMAC-SHA256 of a client address with this log's key (16 hex digits); None stays."""
        if not ip:
            return None
        key = self._ip_key()
        return hmac.new(key, str(ip).encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:16]

    def _ip_key(self) -> bytes:
        with self._lock:
            if self._key is None:
                path = self.path.with_name(self.path.name + ".key")
                try:
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                except FileExistsError:
                    self._key = bytes.fromhex(path.read_text(encoding="ascii").strip())
                else:
                    key = secrets.token_bytes(32)
                    with os.fdopen(fd, "w", encoding="ascii") as fh:
                        fh.write(key.hex() + "\n")
                    self._key = key
            return self._key

    def _append(self, entry: dict[str, object]) -> None:
        line = (json.dumps(entry, ensure_ascii=True) + "\n").encode("ascii")
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)


def _safe_user(user: str) -> str:
    """User names come from the auth file or the client address: keep them short and plain."""
    cleaned = "".join(c for c in str(user) if c.isalnum() or c in "._-@:")
    return cleaned[:64] or "anonymous"
