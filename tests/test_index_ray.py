"""``index.build --engine ray``: embedding in Ray Data actors (a real local Ray, 2 CPUs) must
write the index the local engine writes: the same vectors (within 1e-5), the same search
results, the same MEDLINE update with a DeleteCitation, the same sharded vector file.

The embedder is the tiny real sentence-transformers model of ``test_index_build`` (16-d);
``GROUP`` is lowered so that a small corpus spans many Ray blocks and both actors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import faiss
import numpy as np
import pytest

pytest.importorskip("ray.data")

from test_index_medline import BASELINE, _article, _write  # noqa: E402
from tiny_index import CORPUS  # noqa: E402

from assistant.batch import EngineError  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.config_sections import EmbedEngineConfig  # noqa: E402
from index import embed_ray  # noqa: E402
from index import ivf as ivf_mod  # noqa: E402
from index.build import build_index  # noqa: E402
from index.build import main as build_main  # noqa: E402
from index.config import IndexConfig  # noqa: E402
from index.embed_ray import ActorPlan, EmbedWorker, check_device, plan_actors  # noqa: E402
from index.search import open_index  # noqa: E402
from index.store import CHUNKS_DB, VECTORS, ChunkStore  # noqa: E402

RAY2 = EmbedEngineConfig(engine="ray", workers=2)
RAY1 = EmbedEngineConfig(engine="ray", workers=1)  # one actor start-up: CI time
WORDS = ["statin", "aspirin", "sepsis", "knee", "asthma", "insulin", "warfarin", "stroke"]


@pytest.fixture
def settings(settings_tmp: Settings, tiny_model: Path) -> Settings:
    return settings_tmp.model_copy(update={"embedding_model_path": tiny_model})


@pytest.fixture
def small_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    """16 rows per Ray group: a corpus of ~100 chunks becomes many blocks over 2 actors."""
    monkeypatch.setattr(embed_ray, "GROUP", 16)


def _corpus(path: Path, n_extra: int = 100) -> Path:
    rows = list(CORPUS) + [
        {"id": str(1000 + i), "title": f"Study {i}",
         "text": f"{WORDS[i % 8]} {WORDS[(i // 8) % 8]} trial number {i} outcome"}
        for i in range(n_extra)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _vectors(index_dir: Path) -> np.ndarray:
    index = faiss.read_index(str(index_dir / VECTORS))
    return index.reconstruct_n(0, index.ntotal)


def _docs(index_dir: Path) -> dict[str, str]:
    store = ChunkStore(index_dir / CHUNKS_DB, readonly=True)
    try:
        return {d: t for d, (t, _, _) in store.documents(["1", "2", "3", "4"]).items()}
    finally:
        store.close()


# ------------------------------------------------------------------ no Ray needed

def test_plan_actors() -> None:
    # GPUs: one actor per GPU (workers caps it), cuda inside; CPUs: equal whole shares.
    assert plan_actors({"CPU": 16.0, "GPU": 2.0}, None) == ActorPlan(2, "cuda", 1, 1)
    assert plan_actors({"CPU": 16.0, "GPU": 2.0}, 5) == ActorPlan(2, "cuda", 1, 1)
    assert plan_actors({"CPU": 16.0, "GPU": 2.0}, None, "cpu") == ActorPlan(16, "cpu", 1, 0)
    assert plan_actors({"CPU": 2.0}, 1) == ActorPlan(1, "cpu", 2, 0)
    assert plan_actors({"CPU": 2.0}, None) == ActorPlan(2, "cpu", 1, 0)
    assert plan_actors({"CPU": 8.0}, 3) == ActorPlan(3, "cpu", 2, 0)
    assert plan_actors({"CPU": 2.0}, 4) == ActorPlan(2, "cpu", 1, 0)
    assert plan_actors({"CPU": 8.0}, 3).describe() == "ray: 3 cpu actors (2 CPU each)"


def test_worker_and_device_check_without_ray(tiny_model: Path) -> None:
    texts = ["statin use and dementia", "aspirin in pregnancy", ""]
    got = EmbedWorker(str(tiny_model), "cpu", 2)({"row": np.array([7, 8, 9]), "text": texts})
    assert got["row"].tolist() == [7, 8, 9] and got["vector"].shape == (3, 16)
    assert np.allclose(np.linalg.norm(got["vector"], axis=1), 1, atol=1e-5)
    r = check_device(texts * 4, tiny_model, "cpu", batch_size=4)
    assert r["rows_in_order"] and r["unit_norm"] and r["vectors"] == 12
    assert r["max_abs_diff_vs_cpu"] < 1e-5


# ------------------------------------------------------------------ local Ray, 2 CPUs

def test_ray_build_equals_local(tmp_path: Path, settings: Settings, ray_local,
                                small_groups) -> None:
    corpus = _corpus(tmp_path / "c.jsonl")
    m_local = build_index([corpus], tmp_path / "local", settings, show_progress=False)
    m_ray = build_index([corpus], tmp_path / "ray", settings, show_progress=False, engine=RAY2)
    assert m_ray["counts"] == m_local["counts"] and m_ray["counts"]["chunks"] == 108
    assert m_ray["config"] == m_local["config"] and "embed" not in m_ray["config"]
    assert m_local["embed_engine"] == {"engine": "local", "device": "cpu"}
    assert {k: m_ray["embed_engine"][k] for k in ("engine", "actors", "device")} == {
        "engine": "ray", "actors": 2, "device": "cpu"}
    a, b = _vectors(tmp_path / "local"), _vectors(tmp_path / "ray")
    assert a.shape == b.shape == (108, 16)
    np.testing.assert_allclose(b, a, atol=1e-5)
    s_local, s_ray = open_index(tmp_path / "local", settings), open_index(tmp_path / "ray",
                                                                          settings)
    for q in ("statins and dementia", "aspirin pre-eclampsia prophylaxis", "sepsis knee trial"):
        for mode in ("dense", "hybrid"):
            want = [(h.doc_id, h.text) for h in s_local.search(q, k=10, mode=mode)]
            assert [(h.doc_id, h.text) for h in s_ray.search(q, k=10, mode=mode)] == want
            assert len(want) == 10


def _medline(tmp_path: Path) -> Path:
    """The baseline of ``test_index_medline`` and an update that revises PMID 2, adds 4 and
    deletes 3 (``DeleteCitation``)."""
    folder = tmp_path / "medline"
    folder.mkdir()
    _write(folder / "pubmed25n0001.xml.gz", "".join(_article(*a) for a in BASELINE))
    _write(folder / "pubmed25n0002.xml.gz",
           _article("2", "Aspirin revised", "Revised: aspirin prophylaxis and bleeding.", "2")
           + _article("4", "Knee osteoarthritis", "Exercise improved knee pain.")
           + '<DeleteCitation><PMID Version="1">3</PMID></DeleteCitation>')
    return folder


def test_medline_update_with_deletion_on_ray(tmp_path: Path, settings: Settings,
                                             ray_local) -> None:
    # The baseline built here, the update (revision + DeleteCitation) embedded on Ray: the
    # same index as baseline and update both built here.
    folder = _medline(tmp_path)
    manifests = {}
    for name, engine in (("local", None), ("ray", RAY1)):
        out = tmp_path / name
        build_index([folder / "pubmed25n0001.xml.gz"], out, settings, show_progress=False)
        manifests[name] = build_index([folder], out, settings, append=True,
                                      show_progress=False, engine=engine)
    m, want = manifests["ray"], manifests["local"]
    assert m["embed_engine"]["engine"] == "ray" and want["embed_engine"]["engine"] == "local"
    assert m["counts"] | m["updates"] == want["counts"] | want["updates"]
    assert m["counts"] | m["updates"] == {
        "documents": 3, "chunks": 5, "new_documents": 2, "new_chunks": 2,
        "already_indexed": 0, "skipped": 0, "replaced_documents": 1, "deleted_documents": 1,
        "files_already_applied": 1, "tombstones": 2}
    assert _docs(tmp_path / "ray") == _docs(tmp_path / "local") == {
        "1": "Statins and dementia", "2": "Aspirin revised", "4": "Knee osteoarthritis"}
    a, b = _vectors(tmp_path / "local"), _vectors(tmp_path / "ray")
    assert a.shape == b.shape == (5, 16)
    np.testing.assert_allclose(b, a, atol=1e-5)
    query = "Each hour of antibiotic delay raised sepsis mortality."
    hits = {n: [h.doc_id for h in open_index(tmp_path / n, settings).search(query, k=5,
                                                                             mode="dense")]
            for n in ("local", "ray")}
    assert hits["ray"] == hits["local"] and sorted(hits["ray"]) == ["1", "2", "4"]


@pytest.mark.slow
def test_medline_in_one_ray_build_leaves_zero_tombstones(tmp_path: Path, settings: Settings,
                                                         ray_local) -> None:
    # Baseline and update in one build: the revised and deleted records' rows (1, 2) fall
    # between the embedded rows and must stay zero, the others must not shift.
    folder = _medline(tmp_path)
    build_index([folder], tmp_path / "local", settings, show_progress=False)
    m = build_index([folder], tmp_path / "ray", settings, show_progress=False, engine=RAY2)
    assert m["updates"]["tombstones"] == 2 and m["counts"]["chunks"] == 5
    a, b = _vectors(tmp_path / "local"), _vectors(tmp_path / "ray")
    np.testing.assert_allclose(b, a, atol=1e-5)
    assert not b[[1, 2]].any() and np.abs(b[[0, 3, 4]]).sum(axis=1).min() > 0


@pytest.mark.slow
def test_sharded_vector_file_equals_local(tmp_path: Path, settings: Settings, ray_local,
                                          small_groups) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 292)  # 300 chunks
    cfg = IndexConfig.model_validate({"index_type": "sharded", "ivfpq": {
        "nlist": 8, "m": 4, "nprobe": 8, "refine_factor": 50, "min_train": 256}})
    for name, engine in (("local", None), ("ray", RAY2)):
        m = build_index([corpus], tmp_path / name, settings, show_progress=False, config=cfg,
                        engine=engine)
        assert m["faiss"]["index_type"] == "ivfpq-sharded" and m["faiss"]["vectors"] == 300
    a, b = (np.fromfile(tmp_path / n / "ivf" / ivf_mod.RAW, dtype=np.float32).reshape(-1, 16)
            for n in ("local", "ray"))
    assert a.shape == b.shape == (300, 16)
    np.testing.assert_allclose(b, a, atol=1e-5)


@pytest.mark.slow
def test_cli_engine_flags_keep_the_index_config(tmp_path: Path, settings: Settings, ray_local,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 10)
    out = tmp_path / "idx"
    common = ["--set", f"embedding_model_path={settings.embedding_model_path}",
              "--set", f"cache_dir={settings.cache_dir}", "--device", "cpu", "-q"]
    monkeypatch.setattr(sys, "argv", ["index.build", str(corpus), "--out", str(out),
                                      "--chunk-size", "300", "--engine", "ray",
                                      "--workers", "1", *common])
    assert build_main() == 0
    first = json.loads((out / "manifest.json").read_text())["embed_engine"]
    assert (first["actors"], first["cpus_per_actor"]) == (1, 2)  # one actor, both CPUs
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"id": "x1", "title": "Extra", "text": "insulin stroke"}) + "\n")
    monkeypatch.setattr(sys, "argv", ["index.build", str(more), "--out", str(out), "--append",
                                      "--engine", "ray", *common])
    assert build_main() == 0
    m = json.loads((out / "manifest.json").read_text())
    # --engine on an append is not an index setting: the index's chunk size stays.
    assert m["config"]["chunk_size"] == 300
    # No --workers: one actor per CPU, but never more actors than row groups (one here).
    assert m["embed_engine"]["engine"] == "ray" and m["embed_engine"]["actors"] == 1
    assert m["counts"]["new_chunks"] == 1 and m["counts"]["documents"] == 19


def test_cuda_requested_without_gpus_is_a_clear_error(tmp_path: Path, settings: Settings,
                                                      ray_local) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 0)
    out = tmp_path / "idx"
    build_index([corpus], out, settings, show_progress=False)
    before = (out / "manifest.json").read_bytes()
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"id": "x1", "title": "Extra", "text": "insulin stroke"}) + "\n")
    cuda = settings.model_copy(update={"device": "cuda"})
    with pytest.raises(EngineError, match="no GPUs"):
        build_index([more], out, cuda, append=True, show_progress=False, engine=RAY2)
    assert (out / "manifest.json").read_bytes() == before  # the published index is untouched
    assert not list((out.parent / ".idx.versions").glob(".stage-*"))
