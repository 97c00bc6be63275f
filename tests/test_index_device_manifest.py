"""The one device picker and the one manifest reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import BackendError
from index.device import pick_device
from index.store import manifest_documents, read_manifest


def test_pick_device_passes_explicit_devices_and_checks_cuda(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert pick_device("cpu") == "cpu"
    assert pick_device("cuda", check=False) == "cuda"  # the embedder lets its loader fail
    with pytest.raises(BackendError, match="no CUDA device is visible"):
        pick_device("cuda")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert pick_device("auto") == "cuda" and pick_device("cuda") == "cuda"


def test_manifest_strict_and_lenient(tmp_path: Path) -> None:
    assert read_manifest(tmp_path) is None and read_manifest(tmp_path, strict=False) is None
    (tmp_path / "manifest.json").write_text("{not json")
    assert read_manifest(tmp_path, strict=False) is None
    with pytest.raises(ValueError):
        read_manifest(tmp_path)
    (tmp_path / "manifest.json").write_text(json.dumps({"counts": {"documents": 41}}))
    assert manifest_documents(read_manifest(tmp_path)) == 41
    assert manifest_documents({"n_docs": 3}) == 3
    assert manifest_documents({"counts": {"chunks": 9}}) is None
    assert manifest_documents(None) is None
