"""Username/password login for the chat UI: PBKDF2-hashed password files or an env variable.

An auth file holds one ``user:pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>`` line per
user (``#`` comments and blank lines allowed). Create or update an entry with::

    python -m assistant.ui.auth add USER [--file auth.txt]

(the password is asked twice on the terminal, or read from stdin with ``--password-stdin``).
``CLINASSIST_AUTH`` may instead hold ``user:password`` or ``user:<pbkdf2 hash>`` entries
separated by commas or newlines (for containers; the app removes it from its environment).
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import hmac
import os
import secrets
import sys
from collections.abc import Mapping
from pathlib import Path

from assistant.cli import run_cli
from assistant.errors import ConfigError, InputError

ENV_VAR = "CLINASSIST_AUTH"
SCHEME = "pbkdf2_sha256"
ITERATIONS = 240_000
MIN_PASSWORD_CHARS = 8


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


def parse_auth_file(path: Path) -> dict[str, str]:
    """Read ``user:hash`` lines; plain-text passwords are refused in files (hash them)."""
    if not path.is_file():
        raise ConfigError(f"auth file {path} does not exist; create it with "
                          f"'python -m assistant.ui.auth add USER --file {path}'")
    users: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        user, secret = _split_entry(line, f"{path}:{n}")
        if not secret.startswith(SCHEME + "$"):
            raise ConfigError(f"{path}:{n}: password of {user!r} is not a {SCHEME} hash; "
                              "use 'python -m assistant.ui.auth add USER' to write entries")
        users[user] = secret
    return users


def parse_env(value: str) -> dict[str, str]:
    """``user:secret`` entries separated by commas or newlines (secret: password or hash)."""
    users: dict[str, str] = {}
    for entry in value.replace("\n", ",").split(","):
        if entry.strip():
            user, secret = _split_entry(entry, ENV_VAR)
            users[user] = secret
    return users


class Authenticator:
    """The callable Gradio's ``launch(auth=...)`` takes: ``(username, password) -> bool``."""

    def __init__(self, users: Mapping[str, str]) -> None:
        if not users:
            raise ConfigError("auth is enabled but no users are configured")
        self._users = dict(users)
        # An unknown user still costs one hash, so timing does not reveal which names exist.
        self._dummy = hash_password(secrets.token_hex(8), iterations=ITERATIONS)

    @property
    def users(self) -> list[str]:
        return sorted(self._users)

    def __call__(self, username: str, password: str) -> bool:
        stored = self._users.get(username)
        ok = verify_password(password, stored if stored is not None else self._dummy)
        return ok and stored is not None


def load_authenticator(auth_file: Path | None,
                       environ: Mapping[str, str] | None = None) -> Authenticator | None:
    """The login check from ``--auth FILE`` or ``CLINASSIST_AUTH``; None when neither is set.

    Both may be given: the users are merged, the file winning on a name clash.
    """
    env = os.environ if environ is None else environ
    users: dict[str, str] = {}
    if env.get(ENV_VAR, "").strip():
        users.update(parse_env(env[ENV_VAR]))
    if auth_file is not None:
        users.update(parse_auth_file(auth_file))
    return Authenticator(users) if (users or auth_file is not None) else None


def add_user(path: Path, user: str, password: str) -> None:
    """Add or replace ``user`` in the auth file (created with mode 600), atomically."""
    if not user or ":" in user or any(c.isspace() for c in user):
        raise InputError(f"user name {user!r} must be non-empty without ':' or spaces")
    if len(password) < MIN_PASSWORD_CHARS:
        raise InputError(f"password must have at least {MIN_PASSWORD_CHARS} characters")
    lines: list[str] = []
    if path.exists():
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
                 if ln.partition(":")[0].strip() != user]
    lines.append(f"{user}:{hash_password(password)}")
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
    args = parser.parse_args()
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"password for {args.user}: ")
        if getpass.getpass("repeat: ") != password:
            raise InputError("the passwords differ; nothing written")
    add_user(args.file, args.user, password)
    print(f"{args.user} written to {args.file}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    run_cli(main)
