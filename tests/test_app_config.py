"""The app's own config (YAML + flags, unknown keys rejected) and its safe defaults."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.app import (
    app_config_from_args,
    build_parser,
    is_loopback,
    settings_and_app_config,
)
from assistant.config import load_settings
from assistant.errors import ConfigError
from assistant.ui.config import AppConfig

REPO = Path(__file__).resolve().parent.parent


def test_defaults_are_safe() -> None:
    c = AppConfig()
    assert c.host == "127.0.0.1" and c.port == 7860 and c.auth_file is None
    assert c.slots == 1 and c.per_user == 1


def _app(path: Path | None, overrides: dict | None = None) -> AppConfig:
    """What --app-config FILE plus flags resolve to (the app section of the one loader)."""
    return load_settings(None, {"app": overrides or {}}, environ={},
                         section_files={"app": path}).app


def test_yaml_then_overrides(tmp_path: Path) -> None:
    f = tmp_path / "app.yaml"
    f.write_text("port: 9000\nslots: 2\nmax_request_chars: 2000\n")
    c = _app(f, {"port": 9001})
    assert (c.port, c.slots, c.max_request_chars) == (9001, 2, 2000)
    f.write_text("prot: 9000\n")
    with pytest.raises(ConfigError, match="prot: Extra inputs are not permitted"):
        _app(f)
    with pytest.raises(ConfigError, match="port"):
        _app(None, {"port": 70000})
    with pytest.raises(ConfigError, match="does not exist"):
        _app(tmp_path / "nope.yaml")


def test_app_config_file_set_and_flags_precedence(tmp_path: Path) -> None:
    f = tmp_path / "app.yaml"
    f.write_text("port: 9000\nslots: 2\ntitle: Ward 3\n")
    args = build_parser().parse_args(["--app-config", str(f), "--set", "app.slots=3",
                                      "--set", "app.port=8080", "--port", "8081",
                                      "--set", f"cache_dir={tmp_path}"])
    settings, c = settings_and_app_config(args)
    # file < --set < the app's own flag; untouched keys keep the file's value
    assert (c.title, c.slots, c.port) == ("Ward 3", 3, 8081)
    assert settings.app.port == 8081
    assert c.audit_log == tmp_path / "audit" / "audit.jsonl"


def test_flags_and_default_audit_path(tmp_path: Path) -> None:
    settings = load_settings(None, {"cache_dir": str(tmp_path)}, environ={})
    args = build_parser().parse_args(["--port", "7999", "--per-user", "2", "--no-index-build"])
    c = app_config_from_args(args, settings)
    assert (c.port, c.per_user, c.build_index_on_start) == (7999, 2, False)
    assert c.audit_log == tmp_path / "audit" / "audit.jsonl"
    assert c.host == "127.0.0.1"


@pytest.mark.parametrize("host,expected", [("127.0.0.1", True), ("localhost", True),
                                           ("::1", True), ("0.0.0.0", False),
                                           ("192.168.1.4", False), ("example.org", False)])
def test_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


def test_network_bind_without_login_is_refused(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLINASSIST_")}
    run = subprocess.run([sys.executable, "-m", "assistant.app", "--host", "0.0.0.0",
                          "--set", f"cache_dir={tmp_path}"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr.startswith("error: binding to 0.0.0.0 exposes the app to the network")
