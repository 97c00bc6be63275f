"""Login: PBKDF2 hashes, auth files, the env variable and the `add` command."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import ConfigError, InputError
from assistant.ui.auth import (
    Authenticator,
    add_user,
    hash_password,
    load_authenticator,
    parse_auth_file,
    parse_env,
    verify_password,
)

REPO = Path(__file__).resolve().parent.parent


def test_hash_format_and_known_vector() -> None:
    salt = bytes(range(16))
    h = hash_password("s3cret-pass", iterations=1000, salt=salt)
    expected = hashlib.pbkdf2_hmac("sha256", b"s3cret-pass", salt, 1000).hex()
    assert h == f"pbkdf2_sha256$1000${salt.hex()}${expected}"
    assert verify_password("s3cret-pass", h)
    assert not verify_password("s3cret-pasS", h)
    assert not verify_password("x", "pbkdf2_sha256$notanumber$00$00")


def test_auth_file_roundtrip(tmp_path: Path) -> None:
    f = tmp_path / "auth.txt"
    add_user(f, "alice", "correct horse")
    add_user(f, "bob", "battery staple")
    add_user(f, "alice", "new password!")  # replaces, does not duplicate
    lines = f.read_text().splitlines()
    assert [ln.split(":")[0] for ln in lines] == ["bob", "alice"]
    assert oct(f.stat().st_mode & 0o777) == "0o600"
    users = parse_auth_file(f)
    auth = Authenticator(users)
    assert auth("alice", "new password!")
    assert not auth("alice", "correct horse")
    assert auth("bob", "battery staple")
    assert not auth("mallory", "battery staple")
    assert auth.users == ["alice", "bob"]


def test_auth_file_rejects_plaintext_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "auth.txt"
    f.write_text("# comment\n\nalice:plaintext\n")
    with pytest.raises(ConfigError, match="not a pbkdf2_sha256 hash"):
        parse_auth_file(f)
    f.write_text("justaname\n")
    with pytest.raises(ConfigError, match="user:secret"):
        parse_auth_file(f)
    with pytest.raises(ConfigError, match="does not exist"):
        parse_auth_file(tmp_path / "missing.txt")


def test_add_user_validates(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="at least 8"):
        add_user(tmp_path / "a.txt", "alice", "short")
    with pytest.raises(InputError, match="user name"):
        add_user(tmp_path / "a.txt", "al:ice", "long enough")


def test_env_and_merge(tmp_path: Path) -> None:
    assert parse_env("a:pw1, b:pw2\nc:pw3") == {"a": "pw1", "b": "pw2", "c": "pw3"}
    assert load_authenticator(None, {}) is None
    auth = load_authenticator(None, {"CLINASSIST_AUTH": "nurse:ward-7-pass"})
    assert auth is not None and auth("nurse", "ward-7-pass") and not auth("nurse", "x")
    f = tmp_path / "auth.txt"
    add_user(f, "nurse", "file-password")
    merged = load_authenticator(f, {"CLINASSIST_AUTH": "nurse:env-pass,doc:doc-pass"})
    assert merged is not None
    assert merged("nurse", "file-password") and not merged("nurse", "env-pass")
    assert merged("doc", "doc-pass")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(ConfigError, match="no users"):
        load_authenticator(empty, {})


def test_cli_add(tmp_path: Path) -> None:
    f = tmp_path / "auth.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLINASSIST_")}
    run = subprocess.run([sys.executable, "-m", "assistant.ui.auth", "add", "carol", "--file",
                          str(f), "--password-stdin"], input="carol-password\n", text=True,
                         capture_output=True, cwd=REPO, env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    assert Authenticator(parse_auth_file(f))("carol", "carol-password")
    bad = subprocess.run([sys.executable, "-m", "assistant.ui.auth", "add", "dave", "--file",
                          str(f), "--password-stdin"], input="short\n", text=True,
                         capture_output=True, cwd=REPO, env=env, timeout=60)
    assert bad.returncode == 2 and bad.stderr.startswith("error: password must have")
