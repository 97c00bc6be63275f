"""Index tab: see which literature index the chat uses, build one (with a progress bar), or
switch to another.

Who may change what (issue 20):

- The *shared* index is what every user is answered from. Only an admin (``role=admin`` in
  the auth file; the local user when the app runs without logins on loopback) may build,
  rebuild or choose it, and only indexes under the index root ``<cache_dir>/index/``, named
  by a plain name (no paths: traversal, absolute paths and links out of the root are
  refused after resolving). Every change is audited (who, what, when, which index).
- Anyone may build a *private* index from uploaded files, or choose another index for their
  own session: it lives in the session's private folder and only that session is answered
  from it (a per-session ``Runtime.with_index`` that shares every other component). It is
  deleted when the session ends.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import InputError
from assistant.ui.audit import Action, AuditLog
from assistant.ui.chat import user_of
from assistant.ui.sessions import Session, SessionStore
from assistant.ui.state import AssistantHolder, IndexJob, manifest_docs, read_manifest

CORPUS_SUFFIXES = [".jsonl", ".xml", ".gz", ".txt", ".md"]
#: Gradio injects a progress tracker (following tqdm bars) into a parameter with this default.
_PROGRESS = gr.Progress(track_tqdm=True)
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
PRIVATE_PREFIX = "private:"
_NOT_ADMIN = ("⚠ Only an admin can change the index everyone is answered from. Untick "
              "*Share with everyone* to build or use an index for your own session.")


class IndexAccessError(InputError):
    """An index choice outside what this user may use (a path, a link out of the root...)."""


def index_root(holder: AssistantHolder) -> Path:
    """The folder shared indexes live in (``<cache_dir>/index``)."""
    return holder.settings.cache_dir / "index"


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def shared_index_path(root: Path, name: str) -> Path:
    """``root/name`` for a plain index name whose resolved folder stays inside ``root``.

    Raises IndexAccessError for anything else: paths, ``..``, absolute paths, and names
    that are links leading out of the root.
    """
    name = (name or "").strip()
    if not _NAME_RE.match(name):
        raise IndexAccessError(
            "name an index by a plain name of letters, digits, `.`, `_` or `-` (up to 64 "
            "characters); paths are not accepted")
    candidate = root / name
    if not _inside(candidate, root):
        raise IndexAccessError(f"`{name}` leads outside the index root; choose an index built "
                               "here")
    return candidate


def _private_root(session: Session) -> Path:
    return session.dir / "index"


def available_indexes(holder: AssistantHolder, session: Session | None = None) -> list[str]:
    """Choices for the dropdown: shared index names under the root (and the configured index
    when it lies elsewhere), then ``private:NAME`` for the session's own indexes."""
    found: set[str] = set()
    root = index_root(holder)
    if root.is_dir():
        found.update(p.name for p in root.iterdir()
                     if not p.name.startswith(".") and _NAME_RE.match(p.name)
                     and _inside(p, root) and read_manifest(p) is not None)
    current = holder.settings.resolved_index_dir
    if read_manifest(current) is not None:
        found.add(shared_label(holder, current))
    private: list[str] = []
    if session is not None and _private_root(session).is_dir():
        private = sorted(PRIVATE_PREFIX + p.name for p in _private_root(session).iterdir()
                         if read_manifest(p) is not None)
    return sorted(found) + private


def shared_label(holder: AssistantHolder, folder: Path) -> str:
    """How the dropdown names a shared index: its name under the root, else its path (the
    index the app was started with, ``--set index_dir=...``)."""
    root = index_root(holder)
    if folder.parent == root and _NAME_RE.match(folder.name):
        return folder.name
    return str(folder)


def describe_folder(folder: Path, state: str, scope: str) -> str:
    """Markdown summary of an index: whose, folder, state, counts, embedding model."""
    manifest = read_manifest(folder)
    lines = [f"**Used by:** {scope}", f"**Folder:** `{folder}`", f"**State:** {state}"]
    if manifest:
        emb = manifest.get("embedding", {})
        lines += [f"**Documents:** {manifest_docs(manifest)}",
                  f"**Chunks:** {manifest.get('counts', {}).get('chunks', '?')}",
                  f"**Embedding model:** {emb.get('name', '?')} ({emb.get('dimension', '?')}-d)",
                  f"**FAISS index:** {manifest.get('faiss', {}).get('index_type', '?')}",
                  f"**Updated:** {manifest.get('updated_at', '?')}"]
    return "  \n".join(lines)


def describe_index(job: IndexJob) -> str:
    """Markdown summary of the shared index: folder, state, counts, embedding model."""
    text = describe_folder(job.index_dir, job.state, "everyone (the shared index)")
    lines = [text]
    if job.error:
        lines.append(f"**Last build error:** {job.error}")
    notice = job.notice()
    if notice:
        lines.append(notice)
    return "  \n".join(lines)


class IndexHandler:
    """Build-or-choose actions of the Index tab, with the access rules above."""

    def __init__(self, holder: AssistantHolder, job: IndexJob, audit: AuditLog, *,
                 is_admin: Callable[[gr.Request | None], bool],
                 sessions: SessionStore | None = None) -> None:
        """``is_admin(request)``: may this request change the shared index.
        ``sessions``: per-session folders and runtimes (private indexes need it)."""
        self.holder, self.job, self.audit = holder, job, audit
        self.is_admin = is_admin
        self.sessions = sessions

    # -- helpers --------------------------------------------------------------------------
    def _session(self, request: gr.Request | None) -> Session | None:
        if self.sessions is None or request is None:
            return None
        return self.sessions.session(request)

    def _audit(self, request: gr.Request | None, action: Action, status: str, t0: float,
               index: str | None = None) -> None:
        self.audit.record(user=user_of(request), kind="index", route="index", request_chars=0,
                          latency_s=time.perf_counter() - t0, status=status,  # type: ignore[arg-type]
                          action=action, index=index)

    def _deny(self, request: gr.Request | None, t0: float, message: str = _NOT_ADMIN) -> str:
        self._audit(request, "index_denied", "refused", t0)
        return message

    def describe(self, request: gr.Request | None) -> str:
        """What this session is answered from."""
        session = self._session(request)
        if session is not None and session.index_dir is not None:
            return describe_folder(session.index_dir, "ready" if read_manifest(
                session.index_dir) else "missing", "this session only") + \
                f"  \n*The shared index is `{shared_label(self.holder, self.job.index_dir)}`.*"
        return describe_index(self.job)

    def _dropdown(self, request: gr.Request | None, value: str | None = None) -> Any:
        session = self._session(request)
        if value is None:
            if session is not None and session.index_label is not None:
                value = session.index_label
            else:
                value = shared_label(self.holder, self.job.index_dir)
        return gr.Dropdown(choices=available_indexes(self.holder, session), value=value)

    def _use_private(self, session: Session, folder: Path, label: str) -> None:
        """Answer this session (only) from ``folder``; other components stay shared."""
        session.holder = AssistantHolder(self.holder.runtime.with_index(folder))
        session.index_dir, session.index_label = folder, label

    # -- events ---------------------------------------------------------------------------
    def build_default(self, request: gr.Request,
                      progress: gr.Progress = _PROGRESS) -> tuple[str, Any]:
        """(Re)use or build the default index from the bundled corpus (admins only)."""
        t0 = time.perf_counter()
        if not self.is_admin(request):
            return self._deny(request, t0), gr.skip()
        from index.build import ensure_default_index

        settings = self.holder.settings.model_copy(update={"index_dir": None})
        out = settings.resolved_index_dir
        return self._build_shared(lambda: ensure_default_index(settings), out, request,
                                  progress, "index_build_default")

    def build_uploaded(self, files: list[str] | None, name: str, share: bool,
                       request: gr.Request,
                       progress: gr.Progress = _PROGRESS) -> tuple[str, Any]:
        """Build an index named ``name`` from uploaded corpus files: a private one for this
        session, or (admins, ``share``) a shared one that everyone is then answered from."""
        t0 = time.perf_counter()
        if self.sessions is not None and files:
            self.sessions.track(request, list(files))
        if not files:
            return "Upload corpus files first (`.jsonl`, PubMed `.xml`/`.xml.gz`, `.txt`).", gr.skip()
        name = (name or "").strip()
        if not _NAME_RE.match(name):
            return ("Give the index a name of letters, digits, `.`, `_` or `-` "
                    "(up to 64 characters)."), gr.skip()
        from index.build import build_index

        paths = [Path(f) for f in files]
        if share:
            if not self.is_admin(request):
                return self._deny(request, t0), gr.skip()
            try:
                out = shared_index_path(index_root(self.holder), name)
            except IndexAccessError as exc:
                return self._deny(request, t0, f"⚠ {exc}"), gr.skip()
            default = self.holder.settings.model_copy(update={"index_dir": None})
            if _inside(out, default.resolved_index_dir) or out == default.resolved_index_dir:
                return self._deny(request, t0, (
                    f"⚠ `{name}` is the default index; rebuild it with the default button, or "
                    "choose another name.")), gr.skip()
            return self._build_shared(lambda: build_index(paths, out, self.holder.settings),
                                      out, request, progress, "index_build_shared", name)
        session = self._session(request)
        if session is None:
            return "⚠ Private indexes need a browser session; reload the page.", gr.skip()
        out = _private_root(session) / name
        status = "error"
        progress(0, desc="Loading the embedding model and reading the corpus")
        try:
            build_index(paths, out, self.holder.settings)
            self._use_private(session, out, PRIVATE_PREFIX + name)
            status = "ok"
            return self.describe(request), self._dropdown(request)
        except Exception as exc:  # shown in the tab; the type only in the audit
            return f"⚠ Build failed: {type(exc).__name__}: {exc}", gr.skip()
        finally:
            self._audit(request, "index_build_private", status, t0)

    def _build_shared(self, build: Callable[[], Any], out: Path, request: gr.Request,
                      progress: gr.Progress, action: Action,
                      name: str | None = None) -> tuple[str, Any]:
        t0, status = time.perf_counter(), "error"
        progress(0, desc="Loading the embedding model and reading the corpus")
        try:
            self.job.run(build, index_dir=out)
            self.holder.use_index(out)
            session = self._session(request)
            if session is not None:  # the admin now sees the shared index too
                session.holder = session.index_dir = session.index_label = None
            status = "ok"
            return describe_index(self.job), self._dropdown(request, shared_label(
                self.holder, out))
        except RuntimeError as exc:  # another build is running
            return f"{exc}", gr.skip()
        except Exception as exc:  # shown in the tab; the job keeps the reason
            return f"⚠ Build failed: {type(exc).__name__}: {exc}", gr.skip()
        finally:
            self._audit(request, action, status, t0, name or shared_label(self.holder, out))

    def choose(self, folder: str | None, share: bool = False,
               request: gr.Request | None = None) -> str:
        """Answer from ``folder`` from now on: this session only, or (admins, ``share``)
        everyone. ``folder`` is a dropdown choice (a name, ``private:NAME``, or the index
        the app was started with), never an arbitrary path."""
        t0 = time.perf_counter()
        if not folder:
            return self.describe(request)
        if self.job.state == "building":
            return "Wait for the running index build to finish before switching."
        session = self._session(request)
        try:
            target, label, private = self._resolve_choice(folder, session)
        except IndexAccessError as exc:
            return self._deny(request, t0, f"⚠ {exc}")
        if read_manifest(target) is None:
            return f"⚠ `{label}` holds no finished index."
        if share:
            if not self.is_admin(request):
                return self._deny(request, t0)
            if private:
                return self._deny(request, t0, "⚠ A private index cannot become the shared "
                                               "one; build it again with *Share with everyone*.")
            self.job.index_dir = target
            self.holder.use_index(target)
            if session is not None:
                session.holder = session.index_dir = session.index_label = None
            self._audit(request, "index_use_shared", "ok", t0, label)
            return describe_index(self.job)
        if session is None:
            # No per-session state (tests, or no sessions): only an admin may switch.
            if not self.is_admin(request):
                return self._deny(request, t0)
            self.job.index_dir = target
            self.holder.use_index(target)
            self._audit(request, "index_use_shared", "ok", t0, label)
            return describe_index(self.job)
        self._use_private(session, target, label)
        self._audit(request, "index_use_private", "ok", t0)
        return self.describe(request)

    def _resolve_choice(self, value: str, session: Session | None) -> tuple[Path, str, bool]:
        """(folder, label, private) for a dropdown value; IndexAccessError when not allowed."""
        value = value.strip()
        if value.startswith(PRIVATE_PREFIX):
            if session is None:
                raise IndexAccessError("private indexes need a browser session")
            name = value[len(PRIVATE_PREFIX):]
            if not _NAME_RE.match(name):
                raise IndexAccessError("not an index of this session")
            folder = _private_root(session) / name
            if not _inside(folder, _private_root(session)):
                raise IndexAccessError("not an index of this session")
            return folder, value, True
        configured = self.holder.settings.resolved_index_dir
        for known in {configured, self.job.index_dir}:
            if value == str(known):
                return known, shared_label(self.holder, known), False
        folder = shared_index_path(index_root(self.holder), value)
        return folder, folder.name, False

    def refresh(self, request: gr.Request | None = None) -> tuple[str, Any]:
        return self.describe(request), self._dropdown(request)


def build_index_tab(handler: IndexHandler) -> tuple[gr.Markdown, gr.Dropdown]:
    """The tab's components and events (call inside ``gr.Tab``)."""
    gr.Markdown("### Literature index\nThe chat answers literature questions from this index. "
                "An index you build or choose is for your session only; admins can tick "
                "*Share with everyone* to change the index all users are answered from.")
    info = gr.Markdown(describe_index(handler.job), elem_id="index-info")
    with gr.Row():
        with gr.Column():
            choice = gr.Dropdown(available_indexes(handler.holder), label="Available indexes",
                                 value=shared_label(handler.holder, handler.job.index_dir),
                                 allow_custom_value=True, elem_id="index-choice")
            share = gr.Checkbox(False, label="Share with everyone (admins only)",
                                elem_id="index-share")
            use = gr.Button("Use this index", elem_id="index-use")
            default = gr.Button("Build / check the default index (bundled PubMedQA abstracts; "
                                "admins only)", variant="secondary", elem_id="index-default")
        with gr.Column():
            corpus = gr.File(label="Corpus files", file_count="multiple",
                             file_types=CORPUS_SUFFIXES, elem_id="index-corpus")
            name = gr.Textbox(label="New index name", placeholder="e.g. cardiology-2025",
                              elem_id="index-name")
            build = gr.Button("Build from the uploaded corpus", variant="primary",
                              elem_id="index-build")
    use.click(handler.choose, [choice, share], [info], api_visibility="private")
    default.click(handler.build_default, None, [info, choice], concurrency_limit=1,
                  concurrency_id="index-build", api_visibility="private")
    build.click(handler.build_uploaded, [corpus, name, share], [info, choice],
                concurrency_limit=1, concurrency_id="index-build", api_visibility="private")
    return info, choice
