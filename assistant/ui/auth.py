"""Username/password login for the chat UI: PBKDF2-hashed password files or an env variable.

An auth file holds one ``user:pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>[:role=ROLE]``
line per user (``#`` comments and blank lines allowed). ROLE is ``admin`` or ``user``; an
entry without it is a ``user`` (files written before roles existed keep working). Admins may
change what every user is answered from (the shared literature index); users get private
indexes for their own session. Create or update an entry with::

    python -m assistant.ui.auth add USER [--file auth.txt] [--role admin|user]

(``--role`` left out keeps an existing user's role; a new user is a ``user``).

(the password is asked twice on the terminal, or read from stdin with ``--password-stdin``).
``CLINASSIST_AUTH`` may instead hold ``user:password`` or ``user:<pbkdf2 hash>`` entries
separated by commas or newlines (for containers; the app removes it from its environment).
A plain-text password there must have at least MIN_PASSWORD_CHARS characters; a
``:role=admin`` suffix works there too.

Logins are throttled (``LoginThrottle``): repeated failures for a user name, or from a client
address, lock it out for exponentially growing periods, and during a lockout even the right
password is refused. A locked-out attempt is refused before any hashing, and at most
MAX_CONCURRENT_VERIFY PBKDF2 checks run at once, so a flood of wrong passwords cannot starve
other requests. Every attempt can be written to the audit log (user, hashed address,
ok/fail/locked/busy, time; never the password).

Gradio calls ``auth(username, password)`` (no request, so no client address) and awaits it
only when it is a coroutine function: the app wires ``auth=authenticator.acheck`` to run the
hashing off the event loop, sets ``authenticator.audit`` to its AuditLog, and installs
``ClientAddressMiddleware`` so that ``acheck`` learns the client address of the login request
(a context variable set for the request's task) for the per-address throttle.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import getpass
import hashlib
import hmac
import logging
import os
import secrets
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from assistant.cli import run_cli
from assistant.errors import ConfigError, InputError

ENV_VAR = "CLINASSIST_AUTH"
SCHEME = "pbkdf2_sha256"
ITERATIONS = 240_000
MIN_PASSWORD_CHARS = 12
#: PBKDF2 checks allowed at once; more wait (async path) or are refused as busy (sync path).
MAX_CONCURRENT_VERIFY = 4
#: Sync path: how long a login may wait for a hashing slot before it is refused as busy.
VERIFY_WAIT_S = 2.0

log = logging.getLogger(__name__)

LoginStatus = Literal["ok", "fail", "locked", "busy"]
Role = Literal["admin", "user"]
ROLES: tuple[Role, ...] = ("admin", "user")
_ROLE_SUFFIX = ":role="


def hash_password(password: str, *, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    """A ``pbkdf2_sha256$iterations$salt$hash`` string for ``password`` (random 16-byte salt)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a stored hash (or, for env entries, a plain password).

    Constant-time comparison either way; a malformed hash never matches.
    """
    if stored.startswith(SCHEME + "$"):
        try:
            _, iters, salt_hex, digest_hex = stored.split("$")
            digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"),
                                         bytes.fromhex(salt_hex), int(iters))
        except ValueError:
            return False
        return hmac.compare_digest(digest.hex(), digest_hex)
    return hmac.compare_digest(password.encode("utf-8"), stored.encode("utf-8"))


def _split_entry(entry: str, where: str) -> tuple[str, str]:
    user, sep, secret = entry.partition(":")
    user, secret = user.strip(), secret.strip()
    if not sep or not user or not secret:
        raise ConfigError(f"{where}: expected 'user:secret', got an entry without both parts")
    return user, secret


def _split_role(secret: str, where: str) -> tuple[str, Role]:
    """``secret[:role=ROLE]`` -> (secret, role); no suffix means ``user``."""
    if _ROLE_SUFFIX not in secret:
        return secret, "user"
    secret, _, role = secret.rpartition(_ROLE_SUFFIX)
    role = role.strip()
    if role not in ROLES:
        raise ConfigError(f"{where}: unknown role {role!r}; use one of {', '.join(ROLES)} "
                          "(python -m assistant.ui.auth add USER --role admin)")
    return secret.strip(), role  # type: ignore[return-value]


def read_auth_file(path: Path) -> dict[str, tuple[str, Role]]:
    """``user -> (hash, role)`` from an auth file; plain-text passwords are refused."""
    if not path.is_file():
        raise ConfigError(f"auth file {path} does not exist; create it with "
                          f"'python -m assistant.ui.auth add USER --file {path}'")
    users: dict[str, tuple[str, Role]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        user, secret = _split_entry(line, f"{path}:{n}")
        secret, role = _split_role(secret, f"{path}:{n}")
        if not secret.startswith(SCHEME + "$"):
            raise ConfigError(f"{path}:{n}: password of {user!r} is not a {SCHEME} hash; "
                              "use 'python -m assistant.ui.auth add USER' to write entries")
        users[user] = (secret, role)
    return users


def parse_auth_file(path: Path) -> dict[str, str]:
    """Read ``user:hash[:role=ROLE]`` lines into ``user -> hash`` (see ``read_auth_file``)."""
    return {user: secret for user, (secret, _) in read_auth_file(path).items()}


def read_env(value: str) -> dict[str, tuple[str, Role]]:
    """``user:secret[:role=ROLE]`` entries separated by commas or newlines -> ``user ->
    (secret, role)`` (secret: a password or a hash)."""
    users: dict[str, tuple[str, Role]] = {}
    for entry in value.replace("\n", ",").split(","):
        if entry.strip():
            user, secret = _split_entry(entry, ENV_VAR)
            users[user] = _split_role(secret, ENV_VAR)
    return users


def parse_env(value: str) -> dict[str, str]:
    """``user:secret`` entries separated by commas or newlines (secret: password or hash)."""
    return {user: secret for user, (secret, _) in read_env(value).items()}


#: The client address of the request being handled (set by ClientAddressMiddleware).
CLIENT_ADDRESS: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "clinassist_client_address", default=None)


class ClientAddressMiddleware:
    """Pure ASGI middleware: puts each HTTP request's client address into CLIENT_ADDRESS.

    Gradio's login route awaits the auth callable inside the request's own task, so the
    variable set here is what ``Authenticator.acheck`` sees. Behind a reverse proxy this is
    the proxy's address (the throttle then acts per proxy); the per-user throttle still holds.
    """

    def __init__(self, app: Callable) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        """Serve the request with its client address in the context."""
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        token = CLIENT_ADDRESS.set(str(client[0]) if client else None)
        try:
            await self.app(scope, receive, send)
        finally:
            CLIENT_ADDRESS.reset(token)


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0
    locked_until: float = 0.0


class LoginThrottle:
    """Exponential backoff per user name and per client address.

    ``free`` failures within ``window_s`` seconds are allowed; each further failure locks
    the key for ``base_s * 2**(failures - free)`` seconds (at most ``max_s``). Attempts
    during a lockout are refused without being counted (so they cost nothing and cannot
    extend someone else's lockout); a success clears the user's record (never the
    address's, or one valid account could reset an address that guesses at others).
    Unknown user names are tracked like real ones, so lockouts reveal nothing.
    """

    def __init__(self, *, free: int = 5, free_ip: int = 20, window_s: float = 900.0,
                 base_s: float = 30.0, max_s: float = 3600.0, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.free, self.free_ip, self.window_s = free, free_ip, window_s
        self.base_s, self.max_s, self.max_keys, self.clock = base_s, max_s, max_keys, clock
        self._state: dict[tuple[str, str], _Failures] = {}
        self._lock = threading.Lock()

    def _keys(self, user: str, ip: str | None) -> list[tuple[str, str]]:
        return [("user", user)] + ([("ip", ip)] if ip else [])

    def locked_for(self, user: str, ip: str | None = None) -> float:
        """Seconds until ``user`` (and ``ip``) may try again; 0.0 when not locked out."""
        now = self.clock()
        with self._lock:
            waits = [f.locked_until - now for k in self._keys(user, ip)
                     if (f := self._state.get(k)) is not None]
        return max([0.0, *waits])

    def failure(self, user: str, ip: str | None = None) -> float:
        """Record a wrong password; returns the lockout it started (0.0 for none)."""
        now = self.clock()
        longest = 0.0
        with self._lock:
            for key in self._keys(user, ip):
                f = self._state.get(key)
                if f is None:
                    self._make_room(now)
                    f = self._state[key] = _Failures()
                if now - f.last > self.window_s:
                    f.count = 0
                f.count += 1
                f.last = now
                free = self.free if key[0] == "user" else self.free_ip
                if f.count >= free:
                    lock = min(self.max_s, self.base_s * 2.0 ** (f.count - free))
                    f.locked_until = now + lock
                    longest = max(longest, lock)
        return longest

    def success(self, user: str) -> None:
        """A correct password (outside any lockout): forget the user's failures."""
        with self._lock:
            self._state.pop(("user", user), None)

    def _make_room(self, now: float) -> None:
        if len(self._state) < self.max_keys:
            return
        for key in [k for k, f in self._state.items()
                    if now - f.last > self.window_s and now >= f.locked_until]:
            del self._state[key]
        while len(self._state) >= self.max_keys:  # still full: forget the oldest
            del self._state[next(iter(self._state))]


class LoginAudit(Protocol):
    """Where login attempts go (``assistant.ui.audit.AuditLog`` has this method)."""

    def login(self, *, user: str, ip: str | None, status: LoginStatus) -> Any: ...


class Authenticator:
    """The callable Gradio's ``launch(auth=...)`` takes: ``(username, password) -> bool``.

    ``acheck`` is the same check as a coroutine (hashing in a thread, bounded), for
    ``launch(auth=authenticator.acheck)``. Both accept an optional client ``ip``.
    """

    def __init__(self, users: Mapping[str, str], *, throttle: LoginThrottle | None = None,
                 audit: LoginAudit | None = None,
                 max_concurrent: int = MAX_CONCURRENT_VERIFY,
                 roles: Mapping[str, Role] | None = None) -> None:
        """``roles``: user -> ``admin``/``user``; a user not in it is a ``user``."""
        if not users:
            raise ConfigError("auth is enabled but no users are configured")
        self._users = dict(users)
        self._roles = {u: r for u, r in (roles or {}).items() if u in self._users}
        self.throttle = throttle or LoginThrottle()
        self.audit = audit
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._max_concurrent = max_concurrent
        self._aslots: asyncio.Semaphore | None = None
        # An unknown user still costs one hash, so timing does not reveal which names exist.
        self._dummy = hash_password(secrets.token_hex(8), iterations=ITERATIONS)

    @property
    def users(self) -> list[str]:
        return sorted(self._users)

    def role_of(self, username: str | None) -> Role:
        """The role of a logged-in user (``user`` for anyone not configured as ``admin``)."""
        if not username or username not in self._users:
            return "user"
        return self._roles.get(username, "user")

    def is_admin(self, username: str | None) -> bool:
        return self.role_of(username) == "admin"

    def _verify(self, username: str, password: str) -> bool:
        stored = self._users.get(username)
        ok = verify_password(password, stored if stored is not None else self._dummy)
        return ok and stored is not None

    def _before(self, username: str, ip: str | None) -> bool:
        """False (and audited as locked) when the user or address is locked out."""
        if self.throttle.locked_for(username, ip) > 0:
            self._record(username, ip, "locked")
            return False
        return True

    def _after(self, username: str, ip: str | None, ok: bool) -> bool:
        if ok:
            self.throttle.success(username)
        else:
            self.throttle.failure(username, ip)
        self._record(username, ip, "ok" if ok else "fail")
        return ok

    def __call__(self, username: str, password: str, ip: str | None = None) -> bool:
        """Check a login; refused at once while locked out, or as busy when hashing is full."""
        username, password = str(username), str(password)
        if not self._before(username, ip):
            return False
        if not self._slots.acquire(timeout=VERIFY_WAIT_S):
            self._record(username, ip, "busy")
            return False
        try:
            ok = self._verify(username, password)
        finally:
            self._slots.release()
        return self._after(username, ip, ok)

    async def acheck(self, username: str, password: str, ip: str | None = None) -> bool:
        """``__call__`` for an event loop: the hashing runs in a thread, a few at a time.

        Waiting logins wait on a semaphore, not on the loop, so a flood of wrong passwords
        cannot slow other requests; locked-out ones are refused before any hashing.
        """
        username, password = str(username), str(password)
        ip = ip if ip is not None else CLIENT_ADDRESS.get()
        if not self._before(username, ip):
            return False
        if self._aslots is None:
            self._aslots = asyncio.Semaphore(self._max_concurrent)
        async with self._aslots:
            ok = await asyncio.to_thread(self._verify, username, password)
        return self._after(username, ip, ok)

    def _record(self, username: str, ip: str | None, status: LoginStatus) -> None:
        # A name that is not a user is often a password typed into the wrong field: only
        # its hash is kept.
        digest = hashlib.sha256(username.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        shown = username if username in self._users else f"unknown:{digest}"
        if self.audit is not None:
            try:
                self.audit.login(user=shown, ip=ip, status=status)
                return
            except Exception as exc:  # a full disk or bad key file must not change the answer
                log.error("login audit failed (%s)", type(exc).__name__)
        log.info("login %s (user %s)", status, digest)


def load_authenticator(auth_file: Path | None,
                       environ: Mapping[str, str] | None = None) -> Authenticator | None:
    """The login check from ``--auth FILE`` or ``CLINASSIST_AUTH``; None when neither is set.

    Both may be given: the users are merged, the file winning on a name clash.
    """
    env = os.environ if environ is None else environ
    entries: dict[str, tuple[str, Role]] = {}
    if env.get(ENV_VAR, "").strip():
        from_env = read_env(env[ENV_VAR])
        for user, (secret, _) in from_env.items():
            if not secret.startswith(SCHEME + "$") and len(secret) < MIN_PASSWORD_CHARS:
                raise ConfigError(
                    f"{ENV_VAR}: the password of {user!r} has {len(secret)} characters; at "
                    f"least {MIN_PASSWORD_CHARS} are required (or give a {SCHEME} hash from "
                    "'python -m assistant.ui.auth add USER')")
        entries.update(from_env)
    if auth_file is not None:
        entries.update(read_auth_file(auth_file))
    if not entries and auth_file is None:
        return None
    return Authenticator({u: s for u, (s, _) in entries.items()},
                         roles={u: r for u, (_, r) in entries.items()})


def add_user(path: Path, user: str, password: str, role: Role | None = None) -> None:
    """Add or replace ``user`` in the auth file (created with mode 600), atomically.

    ``role`` None keeps the role an existing entry has (``user`` for a new one).
    """
    if not user or ":" in user or any(c.isspace() for c in user):
        raise InputError(f"user name {user!r} must be non-empty without ':' or spaces")
    if role is not None and role not in ROLES:
        raise InputError(f"role {role!r} must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_CHARS:
        raise InputError(f"password must have at least {MIN_PASSWORD_CHARS} characters "
                         f"(got {len(password)}); a passphrase of several words is easiest")
    lines: list[str] = []
    if path.exists():
        old = read_auth_file(path).get(user)
        if role is None and old is not None:
            role = old[1]
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
                 if ln.partition(":")[0].strip() != user]
    suffix = f"{_ROLE_SUFFIX}{role}" if role == "admin" else ""
    lines.append(f"{user}:{hash_password(password)}{suffix}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    os.replace(tmp, path)


def main() -> int:
    """``python -m assistant.ui.auth add USER [--file FILE] [--password-stdin]``."""
    parser = argparse.ArgumentParser(prog="python -m assistant.ui.auth",
                                     description="Manage the chat UI's login file.")
    sub = parser.add_subparsers(dest="cmd", required=True)
    add = sub.add_parser("add", help="add a user or change a user's password")
    add.add_argument("user")
    add.add_argument("--file", type=Path, default=Path("auth.txt"),
                     help="auth file to write (default: ./auth.txt)")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of stdin")
    add.add_argument("--role", choices=ROLES,
                     help="admin (may change the shared index) or user (default for a new "
                          "user; an existing user keeps their role)")
    args = parser.parse_args()
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"password for {args.user}: ")
        if getpass.getpass("repeat: ") != password:
            raise InputError("the passwords differ; nothing written")
    add_user(args.file, args.user, password, args.role)
    role = read_auth_file(args.file)[args.user][1]
    print(f"{args.user} ({role}) written to {args.file}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    run_cli(main)
