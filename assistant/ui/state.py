"""Process-wide state of the app: the lazily built Assistant and the literature index job.

The UI must come up in seconds, so nothing heavy happens at import or construction: the
Assistant (and through it the models) is created on first use, and a missing default index
is built in a background thread while extraction and triage already work.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from assistant.config import Settings
from assistant.runtime import Runtime

if TYPE_CHECKING:
    from assistant.ask import Assistant

log = logging.getLogger(__name__)

IndexState = Literal["ready", "missing", "building", "failed"]


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The index's manifest, or None when ``index_dir`` holds no (readable) index.

    ``index.store.read_manifest`` in its lenient mode (imported here, not at module load,
    so the UI does not load FAISS before an index is used).
    """
    from index.store import read_manifest as store_read_manifest

    return store_read_manifest(index_dir, strict=False)


def manifest_docs(manifest: dict[str, Any] | None) -> int | None:
    """The document count a manifest reports (``index.store.manifest_documents``)."""
    from index.store import manifest_documents

    return manifest_documents(manifest)


class IndexJob:
    """Which index the chat uses, and whether it is being built (one build at a time)."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self.error: str | None = None
        self.started: float | None = None
        self.finished: float | None = None
        self._building = threading.Event()
        self._lock = threading.Lock()

    @property
    def state(self) -> IndexState:
        if self._building.is_set():
            return "building"
        if self.error:
            return "failed"
        return "ready" if read_manifest(self.index_dir) else "missing"

    def run(self, build: Callable[[], Any], *, index_dir: Path | None = None) -> Any:
        """Run ``build`` (in the caller's thread) as the one index build; returns its result."""
        if not self._lock.acquire(blocking=False):
            raise RuntimeError("an index build is already running; wait for it to finish")
        try:
            if index_dir is not None:
                self.index_dir = Path(index_dir)
            self._building.set()
            self.error, self.started, self.finished = None, time.monotonic(), None
            try:
                return build()
            except Exception as exc:
                self.error = f"{type(exc).__name__}: {exc}"
                raise
            finally:
                self.finished = time.monotonic()
                self._building.clear()
        finally:
            self._lock.release()

    def start_background(self, build: Callable[[], Any]) -> threading.Thread:
        """Run ``build`` in a daemon thread (the first-run default index)."""
        def target() -> None:
            try:
                self.run(build)
            except Exception:  # recorded in self.error and shown in the UI
                log.warning("background index build failed: %s", self.error)
        thread = threading.Thread(target=target, name="index-build", daemon=True)
        thread.start()
        return thread

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no build runs; True when it finished within ``timeout``."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self._building.is_set():
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.2)
        return True

    def elapsed(self) -> float:
        if self.started is None:
            return 0.0
        return (self.finished or time.monotonic()) - self.started

    def notice(self) -> str:
        """One Markdown line for the chat's banner (empty when the index is ready)."""
        state = self.state
        if state == "building":
            return (f"Building the literature index ({self.elapsed():.0f} s so far; the first "
                    "run takes a few minutes). Extraction and triage work meanwhile.")
        if state == "failed":
            return f"⚠ Literature index build failed: {self.error}. See the **Index** tab."
        if state == "missing":
            return "No literature index yet: build one in the **Index** tab."
        return ""


class AssistantHolder:
    """The app's one ``Runtime`` and the ``Assistant`` over it (created on first use; swapped
    when another index is chosen). Every chat slot shares them: they keep no request state."""

    def __init__(self, runtime: Runtime | Settings,
                 factory: Callable[[Settings], Assistant] | None = None) -> None:
        """``factory``: builds the Assistant from the settings instead (tests)."""
        self.runtime = runtime if isinstance(runtime, Runtime) else Runtime(runtime)
        self._factory = factory
        self._assistant: Assistant | None = None
        self._lock = threading.Lock()

    @property
    def settings(self) -> Settings:
        """The settings in force (``index_dir`` follows ``use_index``)."""
        return self.runtime.settings

    def _make(self) -> Assistant:
        if self._factory is not None:
            return self._factory(self.runtime.settings)
        from assistant.ask import Assistant  # heavy imports: only when first needed

        return Assistant(self.runtime)

    def get(self) -> Assistant:
        """The current Assistant (built now if needed)."""
        with self._lock:
            if self._assistant is None:
                self._assistant = self._make()
            return self._assistant

    def use_index(self, index_dir: Path) -> None:
        """Answer literature questions from ``index_dir`` from now on.

        Only the searcher and the literature pipeline are rebuilt; the models and the rule
        components already loaded are kept (``Runtime.with_index``).
        """
        with self._lock:
            self.runtime = self.runtime.with_index(Path(index_dir))
            self._assistant = None
