"""On-disk index pieces: FAISS vectors, the SQLite chunk/document store, and the manifest.

Layout of an index folder::

    manifest.json     what built it (embedding model, dimension, chunking, checksums, counts)
    vectors.faiss     FAISS index; vector i is chunk row i in chunks.sqlite
    chunks.sqlite     documents (text, title, metadata) and chunks (text, doc id, order)
    bm25/             bm25s index over the chunks (same row order)

Vectors are L2-normalised and searched by inner product, i.e. cosine similarity. The folder a
user names is a link to the current version (``.NAME.versions/v<n>``; see ``index.build``).

Document metadata lives in the ``documents.metadata`` JSON column (journal, year, mesh,
publication_types, source, ...), so a new field needs no schema change and an index built
before it still opens (readers treat a missing key as absent: the study design then falls back
from publication types to MeSH and text cues). ``FORMAT_VERSION`` changes only with the table
layout; the default bundled index is rebuilt when it does (``index.build.ensure_default_index``).
"""

from __future__ import annotations

import json
import logging
import math
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.chunking import Chunk, embedding_text
from index.config import IndexConfig
from index.loaders import Document

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
CHUNKS_DB = "chunks.sqlite"
BM25_DIR = "bm25"
FORMAT_VERSION = 1


# ----------------------------------------------------------------------------- manifest

def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write JSON to ``path`` through a temporary file and rename (never half-written)."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def resolve_index_dir(index_dir: Path) -> Path:
    """The folder holding the index's files right now: ``index_dir`` is a link to its current
    version (``index.build`` publishes by swapping it), so a reader resolves it once and
    opens every file from the result, never mixing two versions."""
    return Path(os.path.realpath(index_dir))


def read_manifest(index_dir: Path, *, strict: bool = True) -> dict[str, Any] | None:
    """The manifest of ``index_dir``, or None when the folder holds no complete index.

    The one reader of ``manifest.json``. ``strict`` (the build and the searcher) lets a
    corrupt manifest raise, since writing over or searching a broken index must stop;
    ``strict=False`` (status displays) reads an unreadable or non-object manifest as None.
    """
    p = Path(index_dir) / MANIFEST
    if strict:
        if not p.is_file():
            return None
        return json.loads(p.read_text(encoding="utf-8"))
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def manifest_documents(manifest: dict[str, Any] | None) -> int | None:
    """The document count a manifest reports (``counts.documents`` as written by the build;
    a few other keys are accepted for manifests from older or hand-made indexes)."""
    if not manifest:
        return None
    for key in ("n_docs", "documents", "num_docs", "doc_count", "docs"):
        value = manifest.get(key)
        if isinstance(value, int):
            return value
    counts = manifest.get("counts")
    if isinstance(counts, dict):
        for key in ("documents", "docs", "n_docs"):
            if isinstance(counts.get(key), int):
                return counts[key]
    return None


# ------------------------------------------------------------------------------ FAISS

def gpu_available() -> bool:
    """True when this faiss build has GPU support and sees a GPU."""
    return hasattr(faiss, "StandardGpuResources") and faiss.get_num_gpus() > 0


def choose_index_type(n_vectors: int, cfg: IndexConfig) -> str:
    """``flat`` (exact) below ``exact_threshold`` vectors, else ``cfg.large_index``."""
    if cfg.index_type != "auto":
        return cfg.index_type
    return "flat" if n_vectors < cfg.exact_threshold else cfg.large_index


def _pq_m(dim: int, wanted: int) -> int:
    # PQ needs m to divide the dimension: take the largest divisor not above the wish.
    for m in range(min(wanted, dim), 0, -1):
        if dim % m == 0:
            return m
    return 1


def new_faiss_index(kind: str, dim: int, n_train_hint: int, cfg: IndexConfig) -> faiss.Index:
    """An empty (untrained for IVF-PQ) inner-product index of the given kind."""
    if kind == "flat":
        return faiss.IndexFlatIP(dim)
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, cfg.hnsw.m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = cfg.hnsw.ef_construction
        index.hnsw.efSearch = cfg.hnsw.ef_search
        return index
    if kind == "ivfpq":
        nlist = cfg.ivfpq.nlist or max(16, int(4 * math.sqrt(max(n_train_hint, 1))))
        m = _pq_m(dim, cfg.ivfpq.m)
        spec = f"IVF{nlist},PQ{m}x8" + (",RFlat" if cfg.ivfpq.refine else "")
        return faiss.index_factory(dim, spec, faiss.METRIC_INNER_PRODUCT)
    raise ValueError(f"unknown index type {kind!r} (use flat, hnsw or ivfpq)")


def set_search_params(index: faiss.Index, cfg: IndexConfig) -> None:
    """Apply the query-time knobs (efSearch, nprobe, refine factor) to a loaded index."""
    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = cfg.hnsw.ef_search
        return
    if isinstance(index, faiss.IndexRefine):
        index.k_factor = float(cfg.ivfpq.refine_factor)
        inner = faiss.extract_index_ivf(index.base_index)
    else:
        try:
            inner = faiss.extract_index_ivf(index)
        except RuntimeError:
            return
    inner.nprobe = cfg.ivfpq.nprobe


def train_and_add(index: faiss.Index, vectors: np.ndarray, cfg: IndexConfig,
                  seed: int = 0) -> faiss.Index:
    """Train (IVF-PQ, on a sample) and add ``vectors``; uses the GPU for IVF when available."""
    if not index.is_trained:
        rng = np.random.default_rng(seed)
        n_train = min(len(vectors), max(100_000, 64 * getattr(
            faiss.extract_index_ivf(index.base_index if isinstance(index, faiss.IndexRefine)
                                    else index), "nlist", 256)))
        sample = vectors[rng.choice(len(vectors), n_train, replace=False)] \
            if n_train < len(vectors) else vectors
        index.train(sample)
    index.add(vectors)
    set_search_params(index, cfg)
    return index


def to_search_device(index: faiss.Index, cfg: IndexConfig) -> faiss.Index:
    """Move flat/IVF indexes to the GPU when possible (HNSW stays on CPU: no GPU version)."""
    if not (cfg.use_gpu and gpu_available()) or isinstance(index, faiss.IndexHNSW):
        return index
    try:
        res = faiss.StandardGpuResources()
        return faiss.index_cpu_to_gpu(res, 0, index)
    except Exception as exc:  # an unsupported index type on GPU: CPU is correct, just slower
        log.warning("FAISS GPU transfer failed (%s); searching on CPU", type(exc).__name__)
        return index


def open_vectors(data_dir: Path, cfg: IndexConfig) -> Any:
    """The vector index of an index version: ``vectors.faiss``, or the sharded IVF-PQ
    (``ivf/``, see ``index.ivf``); either has ``search(q, k)`` and ``ntotal``."""
    from index.ivf import IVF_DIR, ShardedIVFPQ

    if (data_dir / IVF_DIR).is_dir() and not (data_dir / VECTORS).is_file():
        return ShardedIVFPQ(data_dir / IVF_DIR, cfg.ivfpq.nprobe, cfg.ivfpq.refine_factor)
    index = faiss.read_index(str(data_dir / VECTORS))
    set_search_params(index, cfg)
    return to_search_device(index, cfg)


def save_faiss(index: faiss.Index, path: Path) -> None:
    """Write the index (moved back to CPU if needed) via a temporary file and rename."""
    if hasattr(faiss, "index_gpu_to_cpu") and "Gpu" in type(index).__name__:
        index = faiss.index_gpu_to_cpu(index)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    faiss.write_index(index, str(tmp))
    os.replace(tmp, path)


def faiss_kind(index: faiss.Index) -> str:
    """The kind name (flat/hnsw/ivfpq) of a loaded index."""
    if isinstance(index, faiss.IndexHNSW):
        return "hnsw"
    if isinstance(index, faiss.IndexFlat):
        return "flat"
    return "ivfpq"


# ------------------------------------------------------------------------------ SQLite

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL, metadata TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    row INTEGER PRIMARY KEY, chunk_id TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL,
    ord INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class ChunkStore:
    """SQLite store of documents and chunks; chunk ``row`` is its FAISS/BM25 position."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly:
            self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                        check_same_thread=False)
        else:
            self.conn = sqlite3.connect(self.path, check_same_thread=False)
            self.conn.executescript(_SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def add(self, docs: Sequence[Document], chunks: Sequence[Chunk], first_row: int) -> None:
        """Insert documents and their chunks; chunk i gets row ``first_row + i``."""
        with self.conn:
            self.conn.executemany(
                "INSERT INTO documents VALUES (?, ?, ?, ?)",
                [(d.doc_id, d.title, d.text, json.dumps(d.metadata, ensure_ascii=False))
                 for d in docs])
            self.conn.executemany(
                "INSERT INTO chunks VALUES (?, ?, ?, ?, ?)",
                [(first_row + i, c.chunk_id, c.doc_id, c.ord, c.text)
                 for i, c in enumerate(chunks)])

    def count_chunks(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])

    def count_documents(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def doc_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT doc_id FROM documents")}

    def iter_chunk_texts(self, batch: int = 10_000) -> Iterable[tuple[int, str, str]]:
        """(row, doc_id, text) of every chunk in row order (deleted rows are absent)."""
        cur = self.conn.execute("SELECT row, doc_id, text FROM chunks ORDER BY row")
        while rows := cur.fetchmany(batch):
            yield from rows

    def embedding_inputs(self, start: int, stop: int | None = None,
                         size: int = 1024) -> Iterator[list[tuple[int, str]]]:
        """Lists of up to ``size`` (row, text to embed) for the live chunk rows in
        [start, stop), in row order; the text is the title + chunk (``embedding_text``).
        The one reader of what gets embedded, for the local and the Ray engine alike."""
        sql = ("SELECT c.row, d.title, c.text FROM chunks c JOIN documents d "
               "ON c.doc_id = d.doc_id WHERE c.row >= ?"
               + (" AND c.row < ?" if stop is not None else "") + " ORDER BY c.row")
        cur = self.conn.execute(sql, (start,) if stop is None else (start, stop))
        while rows := cur.fetchmany(size):
            yield [(int(row), embedding_text(title, text)) for row, title, text in rows]

    def chunk_doc_ids(self) -> list[str | None]:
        """doc_id of every chunk, indexed by row; None for a deleted chunk's row (a MEDLINE
        revision or deletion leaves its vector in FAISS as a tombstone that searches skip)."""
        rows = self.conn.execute("SELECT row, doc_id FROM chunks ORDER BY row").fetchall()
        if not rows or rows[-1][0] == len(rows) - 1:
            return [r[1] for r in rows]
        out: list[str | None] = [None] * (rows[-1][0] + 1)
        for row, doc_id in rows:
            out[row] = doc_id
        return out

    def next_row(self) -> int:
        """The row the next chunk gets (one past the highest ever used, deleted ones too)."""
        value = self.conn.execute("SELECT MAX(row) FROM chunks").fetchone()[0]
        stored = self.conn.execute("SELECT value FROM meta WHERE key = 'next_row'").fetchone()
        return max(int(value) + 1 if value is not None else 0,
                   int(stored[0]) if stored else 0)

    def delete_documents(self, doc_ids: Sequence[str]) -> int:
        """Remove documents and their chunks; returns the chunks removed. Their rows are
        never reused (``next_row`` remembers the highest), so FAISS row i stays chunk i."""
        ids = list(doc_ids)
        removed = 0
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('next_row', ?)",
                              (self.next_row(),))
            for i in range(0, len(ids), 500):
                part = ids[i:i + 500]
                marks = ",".join("?" * len(part))
                removed += self.conn.execute(
                    f"DELETE FROM chunks WHERE doc_id IN ({marks})", part).rowcount
                self.conn.execute(f"DELETE FROM documents WHERE doc_id IN ({marks})", part)
        return removed

    def live_rows(self) -> list[int]:
        """Rows of the chunks still in the store (ascending; the gaps are tombstones)."""
        return [r[0] for r in self.conn.execute("SELECT row FROM chunks ORDER BY row")]

    def renumber(self) -> int:
        """Close the gaps left by deleted chunks: the i-th live chunk becomes row i (order
        kept), and ``next_row`` restarts after the last. Returns the live row count. The
        caller rewrites the vectors in the same order (``index.ivf.compact``)."""
        rows = self.live_rows()
        with self.conn:
            # Ascending, each row moves down to a free number (every smaller one has moved).
            self.conn.executemany("UPDATE chunks SET row = ? WHERE row = ?",
                                  [(i, r) for i, r in enumerate(rows) if i != r])
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('next_row', ?)",
                              (len(rows),))
        return len(rows)

    def titles(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT doc_id, title FROM documents"))

    def chunks_by_rows(self, rows: Sequence[int]) -> dict[int, tuple[str, str]]:
        """row -> (doc_id, text) for the given rows."""
        out: dict[int, tuple[str, str]] = {}
        rows = [int(r) for r in rows]
        for i in range(0, len(rows), 500):
            part = rows[i:i + 500]
            q = f"SELECT row, doc_id, text FROM chunks WHERE row IN ({','.join('?' * len(part))})"
            for row, doc_id, text in self.conn.execute(q, part):
                out[row] = (doc_id, text)
        return out

    def documents(self, doc_ids: Sequence[str]) -> dict[str, tuple[str, str, dict[str, Any]]]:
        """doc_id -> (title, text, metadata)."""
        out: dict[str, tuple[str, str, dict[str, Any]]] = {}
        ids = list(doc_ids)
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            q = ("SELECT doc_id, title, text, metadata FROM documents WHERE doc_id IN "
                 f"({','.join('?' * len(part))})")
            for doc_id, title, text, meta in self.conn.execute(q, part):
                out[doc_id] = (title, text, json.loads(meta))
        return out
