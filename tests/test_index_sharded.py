"""The sharded IVF-PQ (``index.ivf``): shards, exact re-ranking, appends that never modify a
published version, and ``index.build`` choosing it above ``sharded_threshold``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.config import IndexConfig, Settings
from index import ivf
from index.build import build_index
from index.search import open_index
from index.store import VECTORS


def _clustered(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((40, dim)).astype(np.float32)
    x = centres[rng.integers(0, 40, n)] + 0.3 * rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _cfg() -> IndexConfig:
    return IndexConfig.model_validate({"shard_size": 5000, "ivfpq": {
        "nlist": 32, "m": 4, "nprobe": 32, "refine_factor": 50, "min_train": 256}})


def test_shards_search_and_append(tmp_path: Path) -> None:
    x = _clustered(15_000)
    q = _clustered(20, seed=1)
    v1 = tmp_path / "v1"
    v1.mkdir()
    ivf.append_rows(v1 / ivf.RAW, x[:12_000])
    sample = ivf.sample_rows(v1 / ivf.RAW, 16, 12_000, 500, seed=3)
    pick = np.sort(np.random.default_rng(3).choice(12_000, 500, replace=False))
    np.testing.assert_array_equal(sample, x[pick])
    meta = ivf.build(v1, 16, _cfg())
    assert meta["nlist"] == 32 and meta["pq"] == "4x8" and meta["n"] == 12_000
    assert [(s["first"], s["count"]) for s in meta["shards"]] == [(0, 5000), (5000, 5000),
                                                                 (10000, 2000)]
    # nprobe = nlist and 500 candidates re-ranked exactly: the exact top 10.
    s1 = ivf.ShardedIVFPQ(v1, 32, 50)
    d, i = s1.search(q, 10)
    exact = np.argsort(-(q @ x[:12_000].T), axis=1, kind="stable")[:, :10]
    assert (np.sort(i, axis=1) == np.sort(exact, axis=1)).all()
    np.testing.assert_allclose(d, np.take_along_axis(q @ x[:12_000].T, i, 1), rtol=1e-5)

    # Append 3000 rows in a new version: the last shard fills up (a new file), the first two
    # are shared by hard link, and the old version still reads exactly what it published.
    v2 = tmp_path / "v2"
    ivf.link_previous(v1, v2)
    ivf.append_rows(v2 / ivf.RAW, x[12_000:])
    meta2 = ivf.add(v2, 15_000, _cfg())
    assert [(s["first"], s["count"]) for s in meta2["shards"]] == [(0, 5000), (5000, 5000),
                                                                  (10000, 5000)]
    assert (v2 / meta2["shards"][0]["file"]).stat().st_ino == \
        (v1 / meta["shards"][0]["file"]).stat().st_ino
    assert (v1 / meta["shards"][2]["file"]).is_file()  # v1's last shard untouched
    assert ivf.read_meta(v1)["n"] == 12_000
    d1, i1 = ivf.ShardedIVFPQ(v1, 32, 50).search(q, 10)
    assert (i1 == i).all()
    _, i2 = ivf.ShardedIVFPQ(v2, 32, 50).search(q, 10)
    exact2 = np.argsort(-(q @ x.T), axis=1, kind="stable")[:, :10]
    assert (np.sort(i2, axis=1) == np.sort(exact2, axis=1)).all()


def test_too_few_vectors_to_train(tmp_path: Path) -> None:
    ivf.append_rows(tmp_path / ivf.RAW, _clustered(100))
    with pytest.raises(ValueError, match="100 vectors are too few"):
        ivf.build(tmp_path, 16, _cfg())


def test_build_switches_to_sharded_and_appends(tmp_path: Path, settings_tmp: Settings,
                                               tiny_model: Path) -> None:
    settings = settings_tmp.model_copy(update={"embedding_model_path": tiny_model})
    words = ["statin", "aspirin", "sepsis", "knee", "asthma", "insulin", "warfarin", "stroke"]
    rows = [{"id": str(i), "title": f"Study {i}",
             "text": f"{words[i % 8]} {words[(i // 8) % 8]} trial number {i} outcome"}
            for i in range(400)]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows[:300]) + "\n", encoding="utf-8")
    cfg = IndexConfig.model_validate({"sharded_threshold": 250, "shard_size": 1000, "ivfpq": {
        "nlist": 8, "m": 4, "nprobe": 8, "refine_factor": 50, "min_train": 256}})
    out = tmp_path / "idx"
    m = build_index([corpus], out, settings, show_progress=False, config=cfg)
    assert m["faiss"]["index_type"] == "ivfpq-sharded" and m["faiss"]["vectors"] == 300
    assert not (out / VECTORS).exists() and (out / "ivf" / "meta.json").is_file()
    s = open_index(out, settings)
    assert s.search(rows[7]["text"], k=1, mode="dense")[0].doc_id == "7"

    more = tmp_path / "more.jsonl"
    more.write_text("\n".join(json.dumps(r) for r in rows[300:]) + "\n", encoding="utf-8")
    m2 = build_index([more], out, settings, append=True, show_progress=False)
    assert m2["faiss"]["vectors"] == 400 and m2["counts"]["new_chunks"] == 100
    assert ivf.read_meta(out / "ivf")["shards"] == [
        {"file": "shard-0000-0-400.faiss", "first": 0, "count": 400}]
    s2 = open_index(out, settings)
    # The appended rows are searched: with every list probed and more candidates than
    # vectors, the dense top 5 are the exact top 5 over the 400 stored float vectors.
    vecs = np.fromfile(out / "ivf" / ivf.RAW, dtype=np.float32).reshape(400, 16)
    for text in (rows[350]["text"], "insulin stroke trial"):
        qv = s2.embedder.encode_queries([text])[0]
        exact = [str(r) for r in np.argsort(-(vecs @ qv), kind="stable")[:5]]
        assert [h.doc_id for h in s2.search(text, k=5, mode="dense")] == exact
