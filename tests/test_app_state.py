"""App state: the index job (one build at a time, notices) and the lazily built Assistant."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.ui.state import AssistantHolder, IndexJob, manifest_docs, read_manifest


def _manifest(d: Path, docs: int) -> None:
    d.mkdir(parents=True, exist_ok=True)
    (d / "manifest.json").write_text(json.dumps({"counts": {"documents": docs, "chunks": 9}}))


def test_manifest_reading(tmp_path: Path) -> None:
    assert read_manifest(tmp_path) is None
    _manifest(tmp_path, 41)
    assert manifest_docs(read_manifest(tmp_path)) == 41
    assert manifest_docs({"n_docs": 3}) == 3 and manifest_docs(None) is None


def test_index_job_states_and_single_build(tmp_path: Path) -> None:
    job = IndexJob(tmp_path / "idx")
    assert job.state == "missing" and "No literature index yet" in job.notice()
    started, release = threading.Event(), threading.Event()

    def slow_build() -> str:
        started.set()
        release.wait(5)
        _manifest(tmp_path / "idx", 5)
        return "built"

    thread = job.start_background(slow_build)
    assert started.wait(5)
    assert job.state == "building" and job.notice().startswith("Building the literature index")
    with pytest.raises(RuntimeError, match="already running"):
        job.run(lambda: None)
    assert not job.wait(0.05)
    release.set()
    thread.join(5)
    assert job.wait(1) and job.state == "ready" and job.notice() == ""

    def broken() -> None:
        raise ValueError("corpus missing")

    with pytest.raises(ValueError):
        job.run(broken, index_dir=tmp_path / "other")
    assert job.state == "failed" and "ValueError: corpus missing" in job.notice()
    assert job.index_dir == tmp_path / "other"


def test_holder_is_lazy_and_switches_index(tmp_path: Path, settings_tmp: Settings) -> None:
    made: list[Settings] = []

    def factory(s: Settings) -> object:
        made.append(s)
        return object()

    holder = AssistantHolder(settings_tmp, factory=factory)
    assert made == []                      # nothing built at construction
    first = holder.get()
    assert holder.get() is first and len(made) == 1
    holder.use_index(tmp_path / "idx2")
    assert holder.settings.resolved_index_dir == tmp_path / "idx2"
    assert holder.get() is not first and made[-1].index_dir == tmp_path / "idx2"
    assert settings_tmp.index_dir is None  # the original settings are not mutated
