"""Sharded IVF-PQ for indexes too large for one in-memory FAISS index (PubMed: ~54M chunks).

Layout (the folder ``ivf/`` inside an index version)::

    ivf/meta.json         dimension, nlist, PQ size, shards (file, first id, count), n
    ivf/trained.faiss     the empty trained IVF-PQ (coarse centroids + PQ codebooks)
    ivf/shard-0000.faiss  IVF-PQ codes of ids [first, first + count); one per ``shard_size``
    ivf/vectors.f32       raw float32 vectors, row i = id i (exact re-ranking reads it by memmap)

Build memory stays bounded: the vectors are written to ``vectors.f32`` as they are embedded,
the quantizers are trained on a uniform random sample of at most ``ivfpq.train_size`` rows
(read from the file), and shards are filled one at a time from blocks of the file, written,
and freed. Peak memory ~ sample + one shard's codes (56 bytes per vector) + one block.

Search: the coarse quantizer ranks the lists once per query; every shard scans the same
``nprobe`` lists (``search_preassigned``), the PQ candidates of all shards are merged, and the
best ``k * refine_factor`` are re-ranked exactly from the float vectors (a few hundred rows
read from ``vectors.f32``), so recall is limited only by the lists visited and the candidate
count, not by PQ's coarse scores. All shards share one trained quantizer, so ``n`` vectors in
any number of shards cost what one index costs per query.

Appending (MEDLINE update files) adds to the last shard or new ones with the same trained
quantizer; shards and the vector file of the previous version are hard-linked, not copied
(readers of the old version read only its first ``n`` rows).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.config import IndexConfig

IVF_DIR = "ivf"
META = "meta.json"
TRAINED = "trained.faiss"
RAW = "vectors.f32"
BLOCK = 65_536


def nlist_for(n: int, cfg: IndexConfig) -> int:
    """Configured ``ivfpq.nlist``, else ~4*sqrt(n) lists (at least 64)."""
    return cfg.ivfpq.nlist or max(64, int(4 * math.sqrt(max(n, 1))))


def pq_m(dim: int, wanted: int) -> int:
    """The largest PQ sub-quantizer count not above ``wanted`` that divides ``dim``."""
    for m in range(min(wanted, dim), 0, -1):
        if dim % m == 0:
            return m
    return 1


# --------------------------------------------------------------------- raw vector file

def raw_rows(path: Path, dim: int) -> int:
    """Whole rows in a raw float32 vector file."""
    return path.stat().st_size // (4 * dim) if path.is_file() else 0


def read_rows(path: Path, dim: int, start: int, count: int) -> np.ndarray:
    """Rows ``start..start+count`` of a raw float32 file, read (not mapped: bounded RSS)."""
    with path.open("rb") as fh:
        fh.seek(start * dim * 4)
        buf = fh.read(count * dim * 4)
    return np.frombuffer(buf, dtype=np.float32).reshape(-1, dim).copy()


def append_rows(path: Path, vectors: np.ndarray) -> None:
    """Append float32 rows to a raw vector file (created when missing)."""
    with path.open("ab") as fh:
        fh.write(np.ascontiguousarray(vectors, dtype=np.float32).tobytes())


def iter_blocks(path: Path, dim: int, start: int, stop: int,
                block: int = BLOCK) -> Iterator[tuple[int, np.ndarray]]:
    """(first row, rows) blocks of ``[start, stop)`` of a raw vector file."""
    for s in range(start, stop, block):
        yield s, read_rows(path, dim, s, min(block, stop - s))


def sample_rows(path: Path, dim: int, n: int, size: int, seed: int = 0) -> np.ndarray:
    """A uniform random sample of ``size`` rows (sorted row order, read block by block)."""
    rng = np.random.default_rng(seed)
    if size >= n:
        return read_rows(path, dim, 0, n)
    pick = np.sort(rng.choice(n, size, replace=False))
    # pread row by row, not a memmap: mapped pages around scattered rows (readahead) count as
    # resident, and at 5M rows that was the whole 7.7 GB file in the build's peak RSS.
    out = np.empty((size, dim), dtype=np.float32)
    row_bytes = 4 * dim
    fd = os.open(path, os.O_RDONLY)
    try:
        for j, r in enumerate(pick.tolist()):
            out[j] = np.frombuffer(os.pread(fd, row_bytes, r * row_bytes), dtype=np.float32)
    finally:
        os.close(fd)
    return out


# ---------------------------------------------------------------------------- build

def _write_index(index: faiss.Index, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    faiss.write_index(index, str(tmp))
    os.replace(tmp, path)


def _write_meta(folder: Path, meta: dict[str, Any]) -> None:
    tmp = folder / f".{META}.tmp-{os.getpid()}"
    tmp.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    os.replace(tmp, folder / META)


def train(folder: Path, dim: int, n: int, cfg: IndexConfig, seed: int = 0) -> dict[str, Any]:
    """Train the coarse quantizer and PQ on a sample of ``folder/vectors.f32``; write
    ``trained.faiss`` and an empty ``meta.json``. Returns the meta."""
    nlist = nlist_for(n, cfg)
    m = pq_m(dim, cfg.ivfpq.m)
    # faiss wants >= 39 training points per list; 48 gives steadier lists, bounded by
    # train_size (k-means time and memory grow with it).
    size = min(n, max(48 * nlist, 100_000), cfg.ivfpq.train_size)
    t0 = time.perf_counter()
    sample = sample_rows(folder / RAW, dim, n, size, seed)
    # The coarse centroids are trained by flat k-means, then searched through an HNSW graph:
    # assigning millions of vectors (build) and ranking lists (query) then costs a graph walk
    # instead of a scan of all nlist centroids (nlist grows with sqrt(n)).
    index = faiss.index_factory(dim, f"IVF{nlist}_HNSW32,PQ{m}x8", faiss.METRIC_INNER_PRODUCT)
    faiss.extract_index_ivf(index).cp.niter = 10
    index.train(sample)
    del sample
    _write_index(index, folder / TRAINED)
    meta = {"kind": "ivfpq-sharded", "dim": dim, "nlist": nlist, "pq": f"{m}x8",
            "train_size": int(size), "train_s": round(time.perf_counter() - t0, 2),
            "shard_size": cfg.shard_size, "n": 0, "shards": []}
    _write_meta(folder, meta)
    return meta


def add(folder: Path, stop: int, cfg: IndexConfig) -> dict[str, Any]:
    """Encode rows ``meta.n .. stop`` of ``vectors.f32`` into shards (filling the last one
    first, as a new file: published shard files are never modified). Returns the new meta."""
    meta = read_meta(folder)
    dim, shard_size = int(meta["dim"]), int(meta["shard_size"])
    shards: list[dict[str, Any]] = list(meta["shards"])
    t0 = time.perf_counter()
    n = int(meta["n"])
    while n < stop:
        if shards and shards[-1]["count"] < shard_size:
            last = shards.pop()
            index = faiss.read_index(str(folder / last["file"]))
            first, count = int(last["first"]), int(last["count"])
            old_file = last["file"]
        else:
            index = faiss.read_index(str(folder / TRAINED))
            first, count, old_file = n, 0, None
        end = min(stop, first + shard_size)
        for s, block in iter_blocks(folder / RAW, dim, n, end):
            index.add_with_ids(block, np.arange(s, s + len(block), dtype=np.int64))
        count += end - n
        name = f"shard-{len(shards):04d}-{first}-{count}.faiss"
        _write_index(index, folder / name)
        del index
        if old_file and old_file != name and (folder / old_file).exists():
            (folder / old_file).unlink()  # this version's own copy; older versions link theirs
        shards.append({"file": name, "first": first, "count": count})
        n = end
        meta.update(n=n, shards=shards)
        _write_meta(folder, meta)
    meta["add_s"] = round(time.perf_counter() - t0, 2)
    _write_meta(folder, meta)
    return meta


def build(folder: Path, dim: int, cfg: IndexConfig, seed: int = 0) -> dict[str, Any]:
    """Train on and encode every row of ``folder/vectors.f32`` (written by the caller)."""
    n = raw_rows(folder / RAW, dim)
    if n < cfg.ivfpq.min_train:
        raise ValueError(f"{n} vectors are too few to train IVF-PQ (needs "
                         f"{cfg.ivfpq.min_train})")
    train(folder, dim, n, cfg, seed)
    return add(folder, n, cfg)


def compact_raw(folder: Path, dim: int, n_rows: int, live: np.ndarray) -> None:
    """Keep rows ``live`` (ascending) of the first ``n_rows`` of ``vectors.f32`` as rows
    ``0..len(live)``: a new file replaces this folder's entry (the previous version's
    hard-linked file is never written), one block in memory at a time."""
    tmp = folder / f".{RAW}.compact-{os.getpid()}"
    live = np.asarray(live, dtype=np.int64)
    with tmp.open("wb") as out:
        for s, block in iter_blocks(folder / RAW, dim, 0, n_rows):
            keep = live[(live >= s) & (live < s + len(block))] - s
            out.write(np.ascontiguousarray(block[keep]).tobytes())
    os.replace(tmp, folder / RAW)


def reset_shards(folder: Path) -> dict[str, Any]:
    """Forget the encoded shards (this folder's links to them go; the trained quantizer
    stays), so that ``add`` re-encodes every row of ``vectors.f32``."""
    meta = read_meta(folder)
    for shard in meta["shards"]:
        (folder / shard["file"]).unlink(missing_ok=True)
    meta.update(n=0, shards=[])
    _write_meta(folder, meta)
    return meta


def link_previous(old: Path, new: Path) -> dict[str, Any]:
    """Start ``new`` (a staging ``ivf/`` folder) from ``old`` by hard links (copies where
    links are not possible); the vector file is cut back to the rows ``old`` published."""
    new.mkdir(parents=True, exist_ok=True)
    meta = read_meta(old)
    for p in old.iterdir():
        if p.name.startswith("."):
            continue
        try:
            os.link(p, new / p.name)
        except OSError:
            shutil.copy2(p, new / p.name)
    # A hard-linked file is shared: appending past the old row count never changes what the
    # old version reads, but a failed earlier build may have left rows beyond it.
    with (new / RAW).open("r+b") as fh:
        fh.truncate(int(meta["n"]) * int(meta["dim"]) * 4)
    return meta


def read_meta(folder: Path) -> dict[str, Any]:
    """The ``meta.json`` of a sharded folder."""
    return json.loads((folder / META).read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------- search

class ShardedIVFPQ:
    """Search over a sharded folder; ``search(q, k)`` returns (scores, ids) like FAISS."""

    def __init__(self, folder: Path, nprobe: int, refine_factor: int) -> None:
        self.folder = Path(folder)
        self.meta = read_meta(self.folder)
        self.dim = int(self.meta["dim"])
        self.ntotal = int(self.meta["n"])
        trained = faiss.read_index(str(self.folder / TRAINED))
        self.quantizer = faiss.downcast_index(faiss.extract_index_ivf(trained).quantizer)
        self._keep = trained  # owns the quantizer
        # read_index gives the IndexIVFPQ itself (keep that object: it owns the lists).
        self.shards = [faiss.read_index(str(self.folder / s["file"]))
                       for s in self.meta["shards"]]
        self.vectors = np.memmap(self.folder / RAW, dtype=np.float32, mode="r",
                                 shape=(self.ntotal, self.dim)) if self.ntotal else None
        self.nprobe = nprobe
        self.refine_factor = refine_factor

    def search(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (inner product scores, ids) per query row; -1 ids pad short results."""
        q = np.ascontiguousarray(q, dtype=np.float32)
        nq = len(q)
        out_d = np.full((nq, k), -np.inf, dtype=np.float32)
        out_i = np.full((nq, k), -1, dtype=np.int64)
        if self.vectors is None or not self.shards:
            return out_d, out_i
        nprobe = min(self.nprobe, int(self.meta["nlist"]))
        if isinstance(self.quantizer, faiss.IndexHNSW):
            self.quantizer.hnsw.efSearch = max(2 * nprobe, 64)
        cd, ci = self.quantizer.search(q, nprobe)
        kc = max(k, k * self.refine_factor)
        parts_d, parts_i = [], []
        for shard in self.shards:
            shard.nprobe = nprobe
            d, i = shard.search_preassigned(q, kc, ci, cd)
            parts_d.append(d)
            parts_i.append(i)
        all_d, all_i = np.hstack(parts_d), np.hstack(parts_i)
        for r in range(nq):
            ids = all_i[r]
            ok = ids >= 0
            ids, pq_scores = ids[ok], all_d[r][ok]
            if len(ids) > kc:
                ids = ids[np.argpartition(-pq_scores, kc - 1)[:kc]]
            if not len(ids):
                continue
            ids = np.sort(ids)  # sequential reads of the float rows
            exact = self.vectors[ids] @ q[r]
            top = np.argsort(-exact, kind="stable")[:k]
            out_d[r, :len(top)] = exact[top]
            out_i[r, :len(top)] = ids[top]
        return out_d, out_i
