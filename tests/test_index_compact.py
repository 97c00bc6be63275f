"""Tombstone compaction of the sharded IVF-PQ index: after a MEDLINE update that revises and
deletes records, the build drops the dead vector rows (automatically above
``index.compact_tombstones``, or with ``--compact``), renumbers the chunk rows in the same
order and re-encodes the shards, without re-embedding and without touching the previous
version. Real index: tiny embedder, FAISS, bm25s, SQLite."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from test_index_medline import _article, _write

from assistant.config import Settings
from index import ivf
from index.build import build_index
from index.config import IndexConfig
from index.embed import Embedder
from index.search import open_index
from index.store import CHUNKS_DB, ChunkStore

WORDS = ["statin", "aspirin", "sepsis", "knee", "asthma", "insulin", "warfarin", "stroke"]
N = 300


def _abstract(i: int, tag: str = "") -> tuple[str, str, str]:
    return (str(i), f"Study {i}{tag}",
            f"{WORDS[i % 8]} {WORDS[(i // 8) % 8]} trial number {i}{tag} outcome")


@pytest.fixture
def medline(tmp_path: Path) -> Path:
    """A 300-record baseline; the update revises 0..9 and deletes 10..99 (100 tombstones
    of 310 rows = 0.32, above the default 0.2)."""
    folder = tmp_path / "medline"
    folder.mkdir()
    _write(folder / "pubmed25n0001.xml.gz", "".join(_article(*_abstract(i)) for i in range(N)))
    deletes = "".join(f'<PMID Version="1">{i}</PMID>' for i in range(10, 100))
    _write(folder / "pubmed25n0002.xml.gz",
           "".join(_article(*_abstract(i, " revised"), "2") for i in range(10))
           + f"<DeleteCitation>{deletes}</DeleteCitation>")
    return folder


def _cfg(**extra: object) -> IndexConfig:
    return IndexConfig.model_validate({"index_type": "sharded", "shard_size": 1000, **extra,
                                       "ivfpq": {"nlist": 8, "m": 4, "nprobe": 8,
                                                 "refine_factor": 50, "min_train": 256}})


def _rows(index_dir: Path) -> list[tuple[int, str, str]]:
    store = ChunkStore(index_dir / CHUNKS_DB, readonly=True)
    try:
        return [(r, t, d) for part in store.embedding_inputs(0) for r, t in part
                for d in [store.chunks_by_rows([r])[r][0]]]
    finally:
        store.close()


def test_update_above_threshold_compacts(tmp_path: Path, medline: Path,
                                         settings_tmp: Settings, tiny_model: Path) -> None:
    settings = settings_tmp.model_copy(update={"embedding_model_path": tiny_model})
    out = tmp_path / "idx"
    m1 = build_index([medline / "pubmed25n0001.xml.gz"], out, settings, show_progress=False,
                     config=_cfg())
    v1 = os.path.realpath(out)
    raw1 = np.fromfile(Path(v1) / "ivf" / ivf.RAW, dtype=np.float32).reshape(-1, 16)
    assert m1["faiss"]["vectors"] == N and raw1.shape == (N, 16)

    m2 = build_index([medline], out, settings, append=True, show_progress=False)
    # 300 + 10 revised rows - 10 old revised - 90 deleted = 210 live rows, no tombstones.
    assert m2["updates"] | {"chunks": m2["counts"]["chunks"], "vectors": m2["faiss"]["vectors"]} \
        == {"replaced_documents": 10, "deleted_documents": 90, "files_already_applied": 1,
            "tombstones": 0, "compacted_rows": 100, "chunks": 210, "vectors": 210}
    rows = _rows(out)
    assert [r for r, _, _ in rows] == list(range(210))  # renumbered without gaps, in order
    # Order kept: the untouched records 100..299, then the 10 revisions appended last.
    assert [d for _, _, d in rows] == [str(i) for i in range(100, N)] + [str(i) for i in
                                                                         range(10)]
    raw = np.fromfile(out / "ivf" / ivf.RAW, dtype=np.float32).reshape(-1, 16)
    assert raw.shape == (210, 16)
    np.testing.assert_allclose(raw[:200], raw1[100:], atol=0)  # moved, not re-embedded
    expected = Embedder(settings).encode([t for _, t, _ in rows[200:]])
    np.testing.assert_allclose(raw[200:], expected, atol=1e-5)
    meta = ivf.read_meta(out / "ivf")
    assert meta["n"] == 210 and sum(s["count"] for s in meta["shards"]) == 210

    # Searches map the renumbered rows to the right records: with every list probed and
    # more candidates than vectors, the dense top 5 are the exact top 5 over the new file.
    s = open_index(out, settings)
    doc_of = [d for _, _, d in rows]
    for text in (_abstract(150)[2], _abstract(3, " revised")[2], "statin trial number 42"):
        qv = s.embedder.encode_queries([text])[0]
        exact = [doc_of[r] for r in np.argsort(-(raw @ qv), kind="stable")[:5]]
        hits = [h.doc_id for h in s.search(text, k=5, mode="dense")]
        assert hits == exact and not set(hits) & {str(i) for i in range(10, 100)}

    # The previous version reads what it did (its first N rows; the compacted file and
    # shards replaced this version's hard links, never wrote through them).
    assert np.array_equal(
        np.fromfile(Path(v1) / "ivf" / ivf.RAW, dtype=np.float32).reshape(-1, 16)[:N], raw1)
    assert ivf.read_meta(Path(v1) / "ivf")["n"] == N


def test_below_threshold_keeps_tombstones_until_forced(tmp_path: Path, medline: Path,
                                                       settings_tmp: Settings,
                                                       tiny_model: Path) -> None:
    settings = settings_tmp.model_copy(update={"embedding_model_path": tiny_model})
    out = tmp_path / "idx"
    cfg = _cfg(compact_tombstones=0.5)  # 100 of 310 rows: below
    build_index([medline / "pubmed25n0001.xml.gz"], out, settings, show_progress=False,
                config=cfg)
    m2 = build_index([medline], out, settings, append=True, show_progress=False, config=cfg)
    assert m2["updates"]["tombstones"] == 100 and "compacted_rows" not in m2["updates"]
    assert m2["faiss"]["vectors"] == 310
    m3 = build_index([medline], out, settings, append=True, show_progress=False, config=cfg,
                     compact=True)
    assert m3["updates"]["tombstones"] == 0 and m3["updates"]["compacted_rows"] == 100
    assert m3["faiss"]["vectors"] == m3["counts"]["chunks"] == 210
    assert m3["counts"]["documents"] == 210
    rows = _rows(out)
    assert [r for r, _, _ in rows] == list(range(210))
    raw = np.fromfile(out / "ivf" / ivf.RAW, dtype=np.float32).reshape(-1, 16)
    s = open_index(out, settings)
    qv = s.embedder.encode_queries([_abstract(7, " revised")[2]])[0]
    exact = [rows[r][2] for r in np.argsort(-(raw @ qv), kind="stable")[:5]]
    assert [h.doc_id for h in s.search(_abstract(7, " revised")[2], k=5, mode="dense")] == exact
