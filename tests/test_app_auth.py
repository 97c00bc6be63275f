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
    LoginThrottle,
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
    with pytest.raises(InputError, match="at least 12"):
        add_user(tmp_path / "a.txt", "alice", "short")
    with pytest.raises(InputError, match="user name"):
        add_user(tmp_path / "a.txt", "al:ice", "long enough")


def test_env_and_merge(tmp_path: Path) -> None:
    assert parse_env("a:pw1, b:pw2\nc:pw3") == {"a": "pw1", "b": "pw2", "c": "pw3"}
    assert load_authenticator(None, {}) is None
    auth = load_authenticator(None, {"CLINASSIST_AUTH": "nurse:ward-7-passphrase"})
    assert auth is not None and auth("nurse", "ward-7-passphrase") and not auth("nurse", "x")
    f = tmp_path / "auth.txt"
    add_user(f, "nurse", "file-password")
    merged = load_authenticator(f, {"CLINASSIST_AUTH": "nurse:env-passphrase,doc:doc-passphrase"})
    assert merged is not None
    assert merged("nurse", "file-password") and not merged("nurse", "env-passphrase")
    assert merged("doc", "doc-passphrase")
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


# --------------------------------------------------------------------- issue 20: hardening
class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class MemoryAudit:
    def __init__(self) -> None:
        self.lines: list[dict] = []

    def login(self, *, user: str, ip: str | None, status: str) -> dict:
        self.lines.append({"user": user, "ip": ip, "status": status})
        return self.lines[-1]


def _fast_users() -> dict[str, str]:
    return {"alice": hash_password("alice-passphrase", iterations=1000),
            "bob": hash_password("bob-passphrase!", iterations=1000)}


def test_min_password_length_is_12(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="at least 12 characters \\(got 11\\)"):
        add_user(tmp_path / "a.txt", "alice", "elevenchars")
    add_user(tmp_path / "a.txt", "alice", "twelve chars")  # exactly 12: accepted
    with pytest.raises(ConfigError, match="password of 'nurse' has 1 characters; at least 12"):
        load_authenticator(None, {"CLINASSIST_AUTH": "nurse:x"})
    # A stored hash cannot be checked for length, and is accepted.
    auth = load_authenticator(None, {"CLINASSIST_AUTH": "nurse:" + hash_password("x", iterations=1)})
    assert auth is not None and auth("nurse", "x")


def test_thirty_wrong_passwords_then_the_right_one_is_refused() -> None:
    clock = FakeClock()
    audit = MemoryAudit()
    auth = Authenticator(_fast_users(), throttle=LoginThrottle(clock=clock), audit=audit)
    for _ in range(30):
        assert not auth("alice", "guess-guess-guess")
        clock.now += 1
    assert not auth("alice", "alice-passphrase")  # locked out: even the right password
    statuses = [x["status"] for x in audit.lines]
    assert statuses[:5] == ["fail"] * 5 and statuses[-1] == "locked"
    assert "fail" not in statuses[6:]  # attempts during the lockout are refused unhashed
    assert auth("bob", "bob-passphrase!")  # another user is not affected
    clock.now += 31  # the first lockout was 30 s; attempts while locked did not extend it
    assert auth("alice", "alice-passphrase")
    assert audit.lines[-1] == {"user": "alice", "ip": None, "status": "ok"}


def test_lockouts_grow_exponentially_and_success_resets() -> None:
    clock = FakeClock()
    throttle = LoginThrottle(clock=clock, free=3, base_s=10, max_s=35)
    assert [throttle.failure("u") for _ in range(3)] == [0.0, 0.0, 10.0]
    assert throttle.locked_for("u") == 10.0
    clock.now += 10
    assert throttle.locked_for("u") == 0.0
    assert throttle.failure("u") == 20.0
    clock.now += 20
    assert throttle.failure("u") == 35.0  # 40 capped at max_s
    throttle.success("u")
    assert throttle.locked_for("u") == 0.0 and throttle.failure("u") == 0.0
    clock.now += 901  # outside the window the count starts again
    assert throttle.failure("u") == 0.0


def test_per_ip_lockout_covers_every_user_name() -> None:
    clock = FakeClock()
    auth = Authenticator(_fast_users(), throttle=LoginThrottle(clock=clock, free_ip=4))
    for name in ("x1", "x2", "x3", "x4"):  # spraying names from one address
        assert not auth(name, "whatever-password", ip="203.0.113.9")
    assert not auth("alice", "alice-passphrase", ip="203.0.113.9")
    assert auth("alice", "alice-passphrase", ip="198.51.100.1")


def test_locked_out_attempts_cost_no_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.ui.auth as auth_mod

    calls: list[str] = []
    real = auth_mod.verify_password
    monkeypatch.setattr(auth_mod, "verify_password", lambda pw, st: calls.append(pw) or real(
        pw, st))
    auth = Authenticator(_fast_users(), throttle=LoginThrottle(clock=FakeClock()))
    for _ in range(50):
        auth("alice", "wrong-password-x")
    assert len(calls) == 5


def test_unknown_names_are_audited_only_as_a_hash(tmp_path: Path) -> None:
    from assistant.ui.audit import AuditLog

    log = AuditLog(tmp_path / "audit.jsonl")
    auth = Authenticator(_fast_users(), audit=log)
    assert not auth("my-secret-password", "alice-passphrase", ip="10.0.0.7")
    assert auth("alice", "alice-passphrase", ip="10.0.0.7")
    raw = (tmp_path / "audit.jsonl").read_text()
    assert "my-secret-password" not in raw and "alice-passphrase" not in raw
    assert "10.0.0.7" not in raw
    import json

    first, second = (json.loads(x) for x in raw.splitlines())
    assert first["kind"] == "login" and first["status"] == "fail"
    assert first["user"].startswith("unknown:") and len(first["user"]) == len("unknown:") + 12
    assert second["user"] == "alice" and second["status"] == "ok"
    assert first["ip"] == second["ip"] and len(first["ip"]) == 16


def test_a_flood_of_wrong_logins_does_not_block_the_event_loop(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """100 concurrent wrong logins: at most 4 hash at once, off the loop; the loop stays free."""
    import asyncio
    import threading
    import time as _time

    auth = Authenticator(_fast_users(), throttle=LoginThrottle(clock=FakeClock()))
    active, peak = [0], [0]
    lock = threading.Lock()

    def slow_verify(username: str, password: str) -> bool:  # a 50 ms PBKDF2 stand-in
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        _time.sleep(0.05)
        with lock:
            active[0] -= 1
        return False

    monkeypatch.setattr(auth, "_verify", slow_verify)

    async def scenario() -> tuple[list[bool], list[float]]:
        gaps: list[float] = []
        stop = asyncio.Event()

        async def ticker() -> None:
            last = _time.perf_counter()
            while not stop.is_set():
                await asyncio.sleep(0.01)
                now = _time.perf_counter()
                gaps.append(now - last)
                last = now

        tick = asyncio.create_task(ticker())
        results = await asyncio.gather(*(auth.acheck(f"user{i}", "wrong-password-x")
                                         for i in range(100)))
        stop.set()
        await tick
        return list(results), gaps

    results, gaps = asyncio.run(scenario())
    assert results == [False] * 100
    assert peak[0] == 4
    # 100 x 50 ms of hashing on the loop would freeze it for 5 s (one or two ticks); off the
    # loop it keeps ticking every ~10 ms (a loaded CI box may add the odd hiccup).
    assert len(gaps) >= 30 and sorted(gaps)[len(gaps) // 2] < 0.05 and max(gaps) < 2.5


def test_gradio_sees_acheck_as_a_coroutine_function() -> None:
    """Gradio awaits auth only if inspect says so; a truthy un-awaited coroutine would log in."""
    import inspect

    auth = Authenticator(_fast_users())
    assert inspect.iscoroutinefunction(auth.acheck)
    assert not inspect.iscoroutinefunction(auth)  # the sync path stays a plain call


def test_acheck_takes_the_client_address_from_the_middleware() -> None:
    # The app installs ClientAddressMiddleware; Gradio then awaits acheck inside the request's
    # task, so the per-address throttle sees each client's address without Gradio passing it.
    import asyncio

    from assistant.ui.auth import CLIENT_ADDRESS, ClientAddressMiddleware

    seen: list[str | None] = []

    async def inner(scope: dict, receive: object, send: object) -> None:
        seen.append(CLIENT_ADDRESS.get())

    mw = ClientAddressMiddleware(inner)
    asyncio.run(mw({"type": "http", "client": ("203.0.113.7", 5555)}, None, None))
    asyncio.run(mw({"type": "websocket", "client": ("203.0.113.8", 1)}, None, None))
    assert seen == ["203.0.113.7", None]
    assert CLIENT_ADDRESS.get() is None  # reset after the request


def test_roles_in_the_auth_file(tmp_path: Path) -> None:
    """``USER:HASH[:role=ROLE]``; old entries (no role) are users; ``add`` keeps a role."""
    from assistant.ui.auth import read_auth_file

    f = tmp_path / "auth.txt"
    add_user(f, "alice", "correct horse", role="admin")
    add_user(f, "bob", "battery staple")
    assert f.read_text().splitlines()[0].endswith(":role=admin")
    assert ":role=" not in f.read_text().splitlines()[1]       # written as before roles
    add_user(f, "alice", "a new password")                       # keeps admin
    assert read_auth_file(f)["alice"][1] == "admin"
    auth = load_authenticator(f, {})
    assert auth("alice", "a new password") and auth("bob", "battery staple")
    assert auth.is_admin("alice") and not auth.is_admin("bob")
    assert auth.role_of("mallory") == "user" and not auth.is_admin(None)
    add_user(f, "alice", "a new password", role="user")          # demoted explicitly
    assert not load_authenticator(f, {}).is_admin("alice")
    f.write_text(f.read_text() + "carol:" + hash_password("carol-password", iterations=1000)
                 + ":role=root\n")
    with pytest.raises(ConfigError, match="unknown role 'root'"):
        load_authenticator(f, {})
    env_auth = load_authenticator(None, {"CLINASSIST_AUTH": "dan:long-enough-pass:role=admin"})
    assert env_auth("dan", "long-enough-pass") and env_auth.is_admin("dan")


def test_cli_add_with_role(tmp_path: Path) -> None:
    f = tmp_path / "auth.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLINASSIST_")}
    run = subprocess.run([sys.executable, "-m", "assistant.ui.auth", "add", "erin", "--file",
                          str(f), "--password-stdin", "--role", "admin"],
                         input="erin-password-1\n", text=True, capture_output=True, cwd=REPO,
                         env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "erin (admin)" in run.stderr
    assert load_authenticator(f, {}).is_admin("erin")
