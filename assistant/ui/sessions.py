"""Per-user files of the chat UI: private folders, per-session state, owner-only downloads.

Uploads and batch outputs hold patient text, so none of them goes to a shared temporary
folder. The app keeps everything it writes for users under one private folder::

    <private_dir>/app-<pid>-<random>/       mode 0700, removed at shutdown (SIGTERM, exit)
        gradio/                              GRADIO_TEMP_DIR: Gradio's uploads and cache
        sessions/<random>/                   one per browser session, removed when it ends
            batch-<random>/extractions.jsonl
            index/<name>/                    a user's private literature index

``<private_dir>`` is ``app.private_dir`` (default ``<cache_dir>/private``); folders of app
processes that died without cleaning up (``kill -9``) are removed at the next start. The app
runs with umask 077, so every file in there is 0600.

Gradio serves any file under its temporary folder to any logged-in user who has the URL.
``PrivateFilesMiddleware`` closes that: it records who uploaded each file and answers a
request for a file under the private folder only for its owner (403 otherwise); batch
results are not handed to Gradio at all but served from ``/clinassist/download/<token>``
(a random 256-bit token, per session), again only to the session's user.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from assistant.batch import pid_alive
from assistant.errors import ClinAssistError

log = logging.getLogger(__name__)

DOWNLOAD_PREFIX = "/clinassist/download/"
#: Markers of Gradio's file routes (``/gradio_api/file=PATH``, ``/file=PATH``,
#: ``/gradio_api/file/PATH``...), looked for anywhere in the path so that a root path or
#: prefix cannot get around the check (a false match only checks a path outside the folder).
_FILE_MARKERS = ("/file=", "/file/")
_UPLOAD_ROUTES = ("/gradio_api/upload", "/upload")


class SessionAccessError(ClinAssistError):
    """A request named a session or file that belongs to another user."""


def _private_mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


class PrivateFiles:
    """This app process's private folder (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = _private_mkdir(Path(root))
        self.remove_stale(self.root)
        self.base = Path(tempfile.mkdtemp(prefix=f"app-{os.getpid()}-", dir=self.root))
        os.chmod(self.base, 0o700)
        self.gradio_dir = _private_mkdir(self.base / "gradio")
        self.sessions_dir = _private_mkdir(self.base / "sessions")
        self._removed = False

    @staticmethod
    def remove_stale(root: Path) -> list[Path]:
        """Remove the folders of app processes that are gone (killed without cleaning up)."""
        removed = []
        for p in root.glob("app-*-*"):
            pid = p.name.split("-")[1]
            if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p)
        if removed:
            log.info("removed %d private folder(s) left by app processes that died",
                     len(removed))
        return removed

    def contains(self, path: Path) -> bool:
        """Whether ``path`` (resolved) lies inside this app's private folder."""
        try:
            return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(self.base))
        except (OSError, ValueError):
            return False

    def remove(self) -> None:
        """Delete everything users left (shutdown). Safe to call twice."""
        if self._removed:
            return
        self._removed = True
        shutil.rmtree(self.base, ignore_errors=True)
        if self.base.exists():
            log.error("could not remove the private folder %s; delete it by hand", self.base)


@dataclass
class Session:
    """One browser session: its user, private folder, files and (optional) private index."""

    key: str
    user: str
    dir: Path
    holder: Any = None                      # AssistantHolder over a private/chosen index
    index_dir: Path | None = None
    index_label: str | None = None
    files: set[Path] = field(default_factory=set)
    last_seen: float = field(default_factory=time.monotonic)


class SessionStore:
    """Sessions by Gradio session hash, each bound to the user who opened it, plus the file
    ownership the middleware checks. Thread-safe."""

    def __init__(self, files: PrivateFiles, user_of: Callable[[Any], str],
                 idle_timeout_s: float = 12 * 3600) -> None:
        self.files = files
        self.user_of = user_of
        self.idle_timeout_s = idle_timeout_s
        self._sessions: dict[str, Session] = {}
        # resolved file path -> users (Gradio names an upload by its content: two users
        # uploading the same file get the same path)
        self._owners: dict[str, set[str]] = {}
        self._downloads: dict[str, tuple[str, Path]] = {}   # token -> (user, path)
        self._lock = threading.Lock()

    # -- sessions -------------------------------------------------------------------------
    def session(self, request: Any) -> Session:
        """The request's session (created on first use); refuses another user's session."""
        user = self.user_of(request)
        key = str(getattr(request, "session_hash", None) or f"user:{user}")
        self._expire()
        with self._lock:
            found = self._sessions.get(key)
            if found is not None:
                if found.user != user:
                    raise SessionAccessError("this session belongs to another user; reload "
                                             "the page to start your own")
                found.last_seen = time.monotonic()
                return found
            folder = Path(tempfile.mkdtemp(prefix="s-", dir=self.files.sessions_dir))
            os.chmod(folder, 0o700)
            found = self._sessions[key] = Session(key=key, user=user, dir=folder)
            return found

    def end(self, request: Any) -> None:
        """End the request's session: its folder, files and private index go (``unload``)."""
        key = str(getattr(request, "session_hash", None) or "")
        with self._lock:
            found = self._sessions.get(key)
            if found is None or found.user != self.user_of(request):
                return
            del self._sessions[key]
        self._drop(found)

    def end_all(self) -> None:
        with self._lock:
            sessions = list(self._sessions.values())
            self._sessions.clear()
        for s in sessions:
            self._drop(s)

    def _expire(self) -> None:
        now = time.monotonic()
        with self._lock:
            old = [s for s in self._sessions.values() if now - s.last_seen > self.idle_timeout_s]
            for s in old:
                del self._sessions[s.key]
        for s in old:
            self._drop(s)

    def _drop(self, session: Session) -> None:
        with self._lock:
            for token, (_, path) in list(self._downloads.items()):
                if path.is_relative_to(session.dir):
                    del self._downloads[token]
            for p in session.files:
                self._owners.pop(str(p), None)  # gone from disk below, for everyone
        for p in session.files:
            try:
                p.unlink(missing_ok=True)
                if p.parent != self.files.gradio_dir and p.parent.is_relative_to(
                        self.files.gradio_dir) and not any(p.parent.iterdir()):
                    p.parent.rmdir()
            except OSError as exc:
                log.warning("could not remove an uploaded file: %s", type(exc).__name__)
        shutil.rmtree(session.dir, ignore_errors=True)
        if session.holder is not None:
            session.holder = None

    def holder(self, request: Any, shared: Any) -> Any:
        """The AssistantHolder this request is answered from: the session's own when it
        chose or built another index, else the shared one."""
        if request is None:
            return shared
        found = self.session(request)
        return found.holder if found.holder is not None else shared

    # -- file ownership -------------------------------------------------------------------
    def own(self, user: str, path: str | Path, session: Session | None = None) -> None:
        """Record ``user`` as the owner of an uploaded or written file."""
        resolved = Path(os.path.realpath(path))
        with self._lock:
            self._owners.setdefault(str(resolved), set()).add(user)
            if session is not None:
                session.files.add(resolved)

    def track(self, request: Any, paths: list[str]) -> None:
        """Files a handler received: deleted with the session (and owned by its user)."""
        found = self.session(request)
        for p in paths:
            if self.files.contains(Path(p)):
                self.own(found.user, p, found)

    def owns(self, user: str | None, path: str | Path) -> bool:
        """Whether ``user`` uploaded or was given the file ``path``."""
        if user is None:
            return False
        with self._lock:
            return user in self._owners.get(str(Path(os.path.realpath(path))), set())

    def offer(self, request: Any, path: Path) -> str:
        """A download URL (relative, unguessable) for a file in the session's folder."""
        found = self.session(request)
        if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(found.dir)):
            raise SessionAccessError("only files in the session's own folder can be offered")
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._downloads[token] = (found.user, Path(path))
        return DOWNLOAD_PREFIX.lstrip("/") + token

    def download(self, token: str, user: str | None) -> Path | None:
        """The file behind ``token`` when ``user`` owns it (None otherwise, or if gone)."""
        with self._lock:
            entry = self._downloads.get(token)
        if entry is None or user is None or not secrets.compare_digest(entry[0], user):
            return None
        return entry[1] if entry[1].is_file() else None


def _requester(scope: dict) -> str | None:
    """Who sends this request, as ``user_of`` names them: the logged-in user (Gradio's
    session cookie), or ``ip:<address>`` when the app runs without logins."""
    app = scope.get("app")
    if app is None:
        return None
    if getattr(app, "auth", None) is None and getattr(app, "auth_dependency", None) is None:
        client = scope.get("client")
        return f"ip:{client[0] if client else 'unknown'}"
    from starlette.requests import Request

    cookies = Request(scope).cookies
    cookie_id = getattr(app, "cookie_id", "")
    token = cookies.get(f"access-token-{cookie_id}") or cookies.get(
        f"access-token-unsecure-{cookie_id}")
    user = getattr(app, "tokens", {}).get(token) if token else None
    return str(user) if user else None


class PrivateFilesMiddleware:
    """Pure ASGI middleware: owner-only access to the files under the private folder.

    - ``POST .../upload``: the paths Gradio answers with are recorded as the uploader's.
    - ``GET/HEAD .../file=PATH``: a path inside the private folder is served only to its
      owner (403 for anyone else, and for files nobody owns); other paths go to Gradio.
    - ``GET /clinassist/download/TOKEN``: a batch result, only to the session's user.
    """

    def __init__(self, app: Callable, store: SessionStore | None = None) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        """Check or record ownership, then hand the request to Gradio (or answer it)."""
        if scope.get("type") != "http" or self.store is None:
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        method: str = scope.get("method", "GET")
        if path.startswith(DOWNLOAD_PREFIX) and method in ("GET", "HEAD"):
            await self._download(scope, receive, send, path[len(DOWNLOAD_PREFIX):])
            return
        for marker in _FILE_MARKERS:
            at = path.find(marker)
            if at < 0:
                continue
            target = unquote(path[at + len(marker):])
            if self.store.files.contains(Path(target)) and not self.store.owns(
                    _requester(scope), target):
                await _plain(send, 403, "File not allowed.")
                return
        if method == "POST" and path.rstrip("/") in _UPLOAD_ROUTES:
            await self._record_upload(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _download(self, scope: dict, receive: Callable, send: Callable,
                        token: str) -> None:
        assert self.store is not None
        found = self.store.download(token, _requester(scope))
        if found is None:
            await _plain(send, 404, "Not found (downloads are for their owner and end "
                                    "with the session).")
            return
        from starlette.responses import FileResponse

        response = FileResponse(found, filename=found.name, media_type="application/octet-stream",
                                headers={"Cache-Control": "no-store"})
        await response(scope, receive, send)

    async def _record_upload(self, scope: dict, receive: Callable, send: Callable) -> None:
        assert self.store is not None
        user = _requester(scope)
        start: dict | None = None
        body = bytearray()

        async def capture(message: dict) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                if message.get("more_body"):
                    return
                if start is not None and start.get("status") == 200 and user is not None:
                    try:
                        paths = json.loads(bytes(body))
                    except ValueError:
                        paths = []
                    for p in paths if isinstance(paths, list) else []:
                        if isinstance(p, str):
                            self.store.own(user, p)
                if start is not None:
                    await send(start)
                await send({"type": "http.response.body", "body": bytes(body)})
                return
            await send(message)

        await self.app(scope, receive, capture)


async def _plain(send: Callable, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})
