"""Runtime: lazy, shared, injectable components."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from assistant.ask import Assistant
from assistant.config import Settings
from assistant.literature import LiteratureConfig, LiteratureQA
from assistant.runtime import Runtime
from index.search import rrf_fuse, rrf_score

REPO = Path(__file__).resolve().parent.parent


def test_building_the_runtime_and_the_triager_loads_no_model(settings_tmp: Settings) -> None:
    # A fresh interpreter: which heavy modules do Runtime, Assistant and the triager import?
    code = (
        "import json, sys\n"
        "from assistant.config import load_settings\n"
        "from assistant.runtime import Runtime\n"
        "from assistant.ask import Assistant\n"
        f"rt = Runtime(load_settings(None, {{'cache_dir': {str(settings_tmp.cache_dir)!r}}},"
        " environ={}))\n"
        "Assistant(rt); rt.triager; rt.literature\n"
        "print(json.dumps([m for m in ('torch', 'faiss', 'sentence_transformers',"
        " 'transformers') if m in sys.modules]))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, timeout=120, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_components_are_built_once_and_shared(settings_tmp: Settings) -> None:
    runtime = Runtime(settings_tmp, searcher=object())  # type: ignore[arg-type]
    assert runtime.literature is runtime.literature
    assert runtime.literature.searcher is runtime.searcher  # taken from the runtime
    assert runtime.loaded_backend is None  # nothing asked for the language model
    assistant = Assistant(runtime)
    assert assistant.literature is runtime.literature and assistant.runtime is runtime
    assert Assistant(settings_tmp).runtime.settings is settings_tmp  # Settings: its own runtime


def test_literature_with_replaces_only_what_it_is_given(settings_tmp: Settings) -> None:
    searcher, other = object(), object()
    settings = settings_tmp.model_copy(update={"literature": LiteratureConfig(k=20)})
    runtime = Runtime(settings, searcher=searcher)  # type: ignore[arg-type]
    variant = runtime.literature_with(searcher=other)  # type: ignore[arg-type]
    assert isinstance(variant, LiteratureQA) and variant is not runtime.literature
    assert variant.searcher is other and runtime.literature.searcher is searcher
    assert variant.config.k == 20 and runtime.literature.config.k == 20


def test_with_index_keeps_built_components_and_opens_a_new_searcher(settings_tmp: Settings,
                                                                    tmp_path: Path) -> None:
    triager, screen, searcher = object(), object(), object()
    runtime = Runtime(settings_tmp, triager=triager, screen=screen,  # type: ignore[arg-type]
                      searcher=searcher)  # type: ignore[arg-type]
    moved = runtime.with_index(tmp_path / "idx2")
    assert moved.settings.index_dir == tmp_path / "idx2"
    assert moved.triager is triager and moved.screen is screen
    assert moved._searcher is None and moved.literature is not runtime.literature


def test_rrf_score_is_the_term_rrf_fuse_sums() -> None:
    assert rrf_score(1, 1.0, 60.0) == 1 / 61
    assert rrf_score(3, 0.5, 10.0) == 0.5 / 13
    fused = dict(rrf_fuse([["a", "b"], ["b", "c"]], k=60.0, weights=[1.0, 0.5]))
    assert fused == {"a": rrf_score(1, 1.0, 60.0),
                     "b": rrf_score(2, 1.0, 60.0) + rrf_score(1, 0.5, 60.0),
                     "c": rrf_score(2, 0.5, 60.0)}
