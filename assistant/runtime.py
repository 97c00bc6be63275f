"""The process's shared components, built once per ``Settings`` and on first use.

    runtime = Runtime(settings)
    runtime.literature.answer("Does metformin reduce cancer risk?")
    Assistant(runtime).ask("...")

The chat app, the command-line tools and the evals each hold one ``Runtime`` (a batch worker
process holds its own) instead of building their own models, index searcher and rule
components. Nothing heavy happens at construction or import: each component is built when it
is first asked for, under its own lock, so that concurrent chat requests never build one twice
while a slow build (the index, the language model) does not hold up the others. A triage-only
command therefore never loads the retrieval stack, and the app starts in seconds.

Components can be injected (tests, evals that wrap the searcher); an injected one is used as is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from assistant.config import Settings

if TYPE_CHECKING:  # type-only: the real imports happen inside the builders (lazy loading)
    from assistant.evidence import VerdictModel
    from assistant.extract.pipeline import Extractor
    from assistant.literature import LiteratureConfig, LiteratureQA
    from assistant.llm.base import LLMBackend
    from assistant.safety import SafetyScreen
    from assistant.triage import Triager
    from index.base import Searcher
    from index.embed import Embedder

T = TypeVar("T")
_COMPONENTS = ("backend", "searcher", "embedder", "extractor", "triager", "literature", "screen")


def open_searcher(settings: Settings) -> Searcher:
    """The searcher ``settings`` name: ``index_dir`` when set, else the default index (built
    from the bundled PubMedQA corpus on first use)."""
    from index.build import ensure_default_index
    from index.search import open_index

    index_dir = settings.index_dir
    if index_dir is None:
        index_dir = ensure_default_index(settings)
    return open_index(Path(index_dir), settings)


class Runtime:
    """Lazily built, thread-safe components for one ``Settings``.

    ``backend`` and ``embedder`` come from the process-wide caches (``get_backend``,
    ``get_embedder``), so components that load them on their own (the extractor's and
    triager's LLM, the searcher's query embedder, the safety screen) share the same objects.
    """

    def __init__(self, settings: Settings, *, backend: LLMBackend | None = None,
                 searcher: Searcher | None = None, embedder: Embedder | None = None,
                 extractor: Extractor | None = None, triager: Triager | None = None,
                 literature: LiteratureQA | None = None,
                 screen: SafetyScreen | None = None) -> None:
        self.settings = settings
        self._backend = backend
        self._searcher = searcher
        self._embedder = embedder
        self._extractor = extractor
        self._triager = triager
        self._literature = literature
        self._screen = screen
        # One lock per component: opening the index (minutes on a first run) must not block a
        # triage request that only needs the triager.
        self._locks = {name: threading.Lock() for name in _COMPONENTS}

    def _get(self, name: str, build: Callable[[], T]) -> T:
        attr = f"_{name}"
        value = getattr(self, attr)
        if value is not None:  # built already: no lock on the hot path
            return value
        with self._locks[name]:
            value = getattr(self, attr)
            if value is None:
                value = build()
                setattr(self, attr, value)
            return value

    # -- components -------------------------------------------------------------------------
    @property
    def backend(self) -> LLMBackend:
        """The language model backend (``settings.backend``), loaded on first use."""
        def build() -> LLMBackend:
            from assistant.llm import get_backend

            return get_backend(self.settings)
        return self._get("backend", build)

    def uses_llm(self, task: str) -> bool:
        """Whether ``task`` uses the language model (the per-task policy, ``Settings.llm_for``:
        off for the embedded 135M model unless turned on). Never loads the model."""
        return self.settings.llm_for(task)

    @property
    def loaded_backend(self) -> LLMBackend | None:
        """The backend if this runtime has loaded (or was given) one; never loads it."""
        return self._backend

    @property
    def searcher(self) -> Searcher:
        """The literature index searcher (see ``open_searcher``)."""
        return self._get("searcher", lambda: open_searcher(self.settings))

    @property
    def embedder(self) -> Embedder:
        """The sentence embedder (all-MiniLM-L6-v2 by default)."""
        def build() -> Embedder:
            from index.embed import get_embedder

            return get_embedder(self.settings)
        return self._get("embedder", build)

    @property
    def extractor(self) -> Extractor:
        """The note extractor (rules, plus the LLM when ``settings.use_llm``)."""
        def build() -> Extractor:
            from assistant.extract.pipeline import Extractor

            # The backend only when already at hand: the extractor loads it itself on first
            # LLM use (through the same process cache), so a rules-only run never loads it.
            return Extractor(self.settings, backend=self._backend)
        return self._get("extractor", build)

    @property
    def triager(self) -> Triager:
        """The triager (rules + learned model; the LLM only words the advice)."""
        def build() -> Triager:
            from assistant.triage import Triager

            return Triager(self.settings, backend=self._backend)
        return self._get("triager", build)

    @property
    def literature(self) -> LiteratureQA:
        """The literature pipeline over this runtime's searcher, backend and embedder."""
        return self._get("literature", lambda: self.literature_with())

    @property
    def screen(self) -> SafetyScreen:
        """The safety screen (rules + embedding classifier)."""
        def build() -> SafetyScreen:
            from assistant.safety import SafetyScreen, get_screen

            if self._embedder is not None:  # an injected embedder: a screen of its own
                return SafetyScreen(self.settings, embedder=self._embedder)
            return get_screen(self.settings)
        return self._get("screen", build)

    # -- variants ---------------------------------------------------------------------------
    def literature_with(self, *, searcher: Searcher | None = None,
                        verdict_model: VerdictModel | None = None,
                        config: LiteratureConfig | None = None) -> LiteratureQA:
        """A new LiteratureQA on this runtime's components, with some replaced (the evals use
        it for cross-validated verdict models and a searcher that hides a document).

        Nothing is loaded here: the LiteratureQA takes each component from the runtime when
        it first needs it.
        """
        from assistant.literature import LiteratureQA

        return LiteratureQA(self.settings, searcher=searcher, verdict_model=verdict_model,
                            config=config, runtime=self)

    def with_index(self, index_dir: Path) -> Runtime:
        """A runtime answering literature questions from ``index_dir``: the searcher and the
        literature pipeline are new, every other component built so far is shared."""
        return Runtime(self.settings.model_copy(update={"index_dir": Path(index_dir)}),
                       backend=self._backend, embedder=self._embedder,
                       extractor=self._extractor, triager=self._triager, screen=self._screen)
