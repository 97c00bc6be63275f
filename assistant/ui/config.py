"""The chat UI's own settings (server, auth, audit, limits), separate from ``Settings``.

Precedence: defaults < YAML file (``--app-config``) < CLI flags. Unknown keys are errors.
Example YAML::

    host: 0.0.0.0          # behind a TLS reverse proxy only
    port: 7860
    auth_file: /etc/clinassist/auth.txt
    audit_log: /var/log/clinassist/audit.jsonl
    max_request_chars: 50000
    slots: 1               # requests the model serves at once (raise for a vLLM backend)
    per_user: 1
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import ConfigError


class AppConfig(BaseModel):
    """Server, login, audit and limit settings of ``python -m assistant.app``."""

    model_config = ConfigDict(extra="forbid")

    host: str = "127.0.0.1"
    """Bind address. Loopback by default; expose it only behind TLS and with auth."""
    port: int = Field(7860, ge=1, le=65535)
    auth_file: Path | None = None
    """``user:pbkdf2`` lines (``python -m assistant.ui.auth add USER``); or env CLINASSIST_AUTH."""
    audit_log: Path | None = None
    """Append-only JSONL audit trail; None means ``<cache_dir>/audit/audit.jsonl``."""
    max_request_chars: int = Field(50_000, ge=100)
    """Longest chat message (prompt plus attached note), in characters."""
    max_upload_mb: float = Field(10.0, gt=0)
    max_batch_files: int = Field(100, ge=1)
    slots: int = Field(1, ge=1, le=256)
    """Requests the model works on at once; the rest wait in a fair queue."""
    per_user: int = Field(1, ge=1, le=64)
    """Requests one user may have running or waiting."""
    max_waiting: int = Field(32, ge=0)
    build_index_on_start: bool = True
    """Build the default literature index in the background when it is missing."""
    title: str = "ClinAssist"


def load_app_config(path: str | Path | None = None,
                    overrides: Mapping[str, Any] | None = None) -> AppConfig:
    """Defaults < YAML ``path`` < ``overrides`` (None values are ignored)."""
    data: dict[str, Any] = {}
    if path:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"app config file {p} does not exist")
        try:
            loaded = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"app config file {p} is not valid YAML: {exc}") from exc
        if not isinstance(loaded, dict):
            raise ConfigError(f"app config file {p} must hold a mapping")
        data.update(loaded)
    data.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        return AppConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}"
                             for e in exc.errors())
        raise ConfigError(f"invalid app config ({problems})") from exc
