"""PubMed-scale index benchmark: the sharded IVF-PQ (``index.ivf``) at millions of vectors.

    python -m eval.bench index --scale [--sizes 1000000,5000000] [--nprobe 48,64,96]
        [--refine 10,20] [--repeats 3] [--work DIR] [--out runs/bench/index_scale.json]
    (same as ``python -m eval.bench index_scale ...``)

Vectors look like real embeddings: all-MiniLM-L6-v2 vectors of MTSamples sentences (the
seeds), grown to size by mixing each seed with one of its 10 nearest seeds and adding small
noise, re-normalised (``eval.bench_index.grow``'s recipe, written block by block to disk so a
5M set never sits in memory). Queries are other MTSamples sentences (not seeds), embedded.

Per size: build rate (train + encode into shards, vectors/s) and the build's peak RSS (the
build runs in a child process, so the figure is the build's alone), exact top-10 by a
blocked brute-force scan, then for each (nprobe, refine) recall@10 and single-query latency
p50/p99 with FAISS on one OpenMP thread (``--repeats`` passes; the median of their p50s is
reported, as other processes share the machine). The load average is recorded alongside.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import os
import queue
import re
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from assistant.config import REPO_ROOT, Settings, load_settings
from eval.bench_index import grow_blocks
from eval.common import default_data_dir, describe_machine, percentile, write_json_atomic

SEED = 0
_SPLIT = re.compile(r"(?<=[.!?])\s+")


def mtsamples_vectors(settings: Settings, data_dir: Path, n_seeds: int,
                      n_queries: int) -> tuple[np.ndarray, np.ndarray]:
    """MiniLM vectors of ``n_seeds`` + ``n_queries`` distinct MTSamples sentences (cached)."""
    cache = settings.cache_dir / "bench" / f"scale_mtsamples_{n_seeds}_{n_queries}.npz"
    if cache.is_file():
        z = np.load(cache)
        return z["seeds"], z["queries"]
    from index.embed import Embedder

    path = data_dir / "mtsamples" / "mtsamples.csv"
    csv.field_size_limit(10_000_000)
    sents: dict[str, None] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = re.sub(r"\s+", " ", row.get("transcription") or "").replace(",  ", " ")
            sents.update((s, None) for s in _SPLIT.split(text) if len(s) > 40)
    pool = list(sents)
    rng = np.random.default_rng(SEED)
    pick = rng.permutation(len(pool))[:n_seeds + n_queries]
    texts = [pool[i] for i in pick]
    t0 = time.perf_counter()
    vecs = Embedder(settings).encode(texts, batch_size=64, show_progress=True)
    print(f"embedded {len(texts)} MTSamples sentences in {time.perf_counter() - t0:.0f} s",
          file=sys.stderr)
    seeds, queries = vecs[:n_seeds].astype(np.float32), vecs[n_seeds:].astype(np.float32)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, seeds=seeds, queries=queries)
    return seeds, queries


def grow_to_file(seeds: np.ndarray, n: int, path: Path, noise: float = 0.12,
                 max_mix: float = 0.4, block: int = 200_000) -> None:
    """Write ``n`` unit vectors (seeds, then seed/neighbour mixtures + noise) to ``path``."""
    with path.open("wb") as fh:
        for blk in grow_blocks(seeds, n, noise, max_mix, SEED, block):
            fh.write(blk.tobytes())


def exact_top10(path: Path, dim: int, n: int, queries: np.ndarray) -> np.ndarray:
    """Exact top-10 ids per query by a blocked brute-force scan of the raw file."""
    from index.ivf import iter_blocks

    best_d = np.full((len(queries), 10), -np.inf, dtype=np.float32)
    best_i = np.full((len(queries), 10), -1, dtype=np.int64)
    for start, block in iter_blocks(path, dim, 0, n, 262_144):
        flat = faiss.IndexFlatIP(dim)
        flat.add(block)
        d, i = flat.search(queries, 10)
        all_d, all_i = np.hstack([best_d, d]), np.hstack([best_i, i + start])
        top = np.argsort(-all_d, axis=1, kind="stable")[:, :10]
        best_d = np.take_along_axis(all_d, top, 1)
        best_i = np.take_along_axis(all_i, top, 1)
    return best_i


def _build_child(folder: str, dim: int, cfg_json: str, q: Any, threads: int) -> None:
    from index.config import IndexConfig
    from index.ivf import build

    if threads:
        faiss.omp_set_num_threads(threads)

    cfg = IndexConfig.model_validate_json(cfg_json)
    t0 = time.perf_counter()
    meta = build(Path(folder), dim, cfg)
    q.put({"meta": meta, "build_s": time.perf_counter() - t0,
           "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def build_in_child(folder: Path, dim: int, cfg: Any, threads: int = 0) -> dict[str, Any]:
    """Run ``index.ivf.build`` in a spawned process; its meta, seconds and peak RSS."""
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_build_child, args=(str(folder), dim, cfg.model_dump_json(), q,
                                               threads))
    p.start()
    while True:  # a child that dies (error, OOM kill) must not leave us waiting forever
        try:
            out = q.get(timeout=5)
            break
        except queue.Empty:
            if not p.is_alive():
                raise RuntimeError(f"the build process exited with code {p.exitcode}") from None
    p.join()
    return out


def _recall(found: np.ndarray, truth: np.ndarray) -> float:
    hits = sum(len(set(f[:10].tolist()) & set(t.tolist())) for f, t in zip(found, truth,
                                                                           strict=True))
    return round(hits / truth.size, 4)


def measure(searcher: Any, queries: np.ndarray, truth: np.ndarray,
            repeats: int) -> dict[str, Any]:
    """recall@10, and latency p50/p99 (one query at a time, one OpenMP thread)."""
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    p50s, p99s, found = [], [], None
    try:
        for _ in range(repeats):
            times, outs = [], []
            for q in queries:
                t0 = time.perf_counter()
                outs.append(searcher.search(q.reshape(1, -1), 10)[1])
                times.append((time.perf_counter() - t0) * 1000)
            found = np.vstack(outs)
            p50s.append(percentile(times, 50))
            p99s.append(percentile(times, 99))
    finally:
        faiss.omp_set_num_threads(threads)
    assert found is not None
    return {"recall@10": _recall(found, truth), "p50_ms": round(float(np.median(p50s)), 3),
            "p99_ms": round(float(np.median(p99s)), 3),
            "p50_ms_each": [round(x, 3) for x in p50s], "load": os.getloadavg()[0]}


def bench_size(n: int, seeds: np.ndarray, queries: np.ndarray, work: Path, cfg: Any,
               nprobes: list[int], refines: list[int], repeats: int,
               threads: int = 0) -> dict[str, Any]:
    """Grow, build (child process), ground truth and the (nprobe, refine) sweep at ``n``."""
    from index.ivf import RAW, ShardedIVFPQ

    dim = seeds.shape[1]
    folder = work / f"ivf_{n}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    t0 = time.perf_counter()
    grow_to_file(seeds, n, folder / RAW)
    res: dict[str, Any] = {"vectors": n, "dim": dim, "queries": len(queries),
                           "grow_s": round(time.perf_counter() - t0, 1)}
    load0 = os.getloadavg()[0]
    built = build_in_child(folder, dim, cfg, threads)
    meta = built["meta"]
    res["build"] = {"nlist": meta["nlist"], "pq": meta["pq"], "train_size": meta["train_size"],
                    "shards": len(meta["shards"]), "shard_size": meta["shard_size"],
                    "train_s": meta["train_s"], "add_s": meta["add_s"],
                    "total_s": round(built["build_s"], 1), "threads": threads or "all",
                    "vectors_per_s": round(n / built["build_s"]),
                    "peak_rss_mb": round(built["peak_rss_mb"]),
                    "load_start": load0, "load_end": os.getloadavg()[0],
                    "disk_mb": round(sum(p.stat().st_size for p in folder.iterdir()) / 2**20)}
    print(f"  {n}: built {json.dumps(res['build'])}", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    truth = exact_top10(folder / RAW, dim, n, queries)
    res["exact_s"] = round(time.perf_counter() - t0, 1)
    searcher = ShardedIVFPQ(folder, 1, 1)
    searcher.search(queries[:50], 10)  # touch the files once
    for npb in nprobes:
        for rf in refines:
            searcher.nprobe, searcher.refine_factor = npb, rf
            key = f"nprobe{npb}_refine{rf}"
            res[key] = measure(searcher, queries, truth, repeats)
            print(f"  {n}: {key} {json.dumps(res[key])}", file=sys.stderr, flush=True)
    del searcher
    return res


def run(args: list[str]) -> dict[str, Any]:
    """Entry point (``python -m eval.bench index --scale`` / ``index_scale``)."""
    from index.config import IndexConfig

    p = argparse.ArgumentParser(prog="python -m eval.bench index --scale", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000000,5000000")
    p.add_argument("--nprobe", default="")
    p.add_argument("--refine", default="", help="refine factors (candidates = 10 * factor)")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--seeds", type=int, default=30_000, help="MTSamples seed sentences")
    p.add_argument("--queries", type=int, default=1000, help="MTSamples query sentences")
    p.add_argument("--index-set", action="append", default=[], metavar="KEY=VALUE",
                   help="index setting for the build, e.g. ivfpq.nlist=8192")
    p.add_argument("--build-threads", type=int, default=0,
                   help="OpenMP threads for the build (0: all; 1 on a shared, busy machine, "
                        "where spinning OpenMP threads slow k-means many-fold)")
    p.add_argument("--work", type=Path, default=None, help="scratch folder (vectors on disk)")
    p.add_argument("--keep", action="store_true", help="keep the scratch folder")
    p.add_argument("--data", type=Path, default=None)
    p.add_argument("--out", type=Path, default=REPO_ROOT / "runs" / "bench" /
                   "index_scale.json")
    a = p.parse_args(args)
    from assistant.config import apply_overrides, parse_overrides

    settings = load_settings()
    if a.index_set:
        settings = apply_overrides(settings, parse_overrides(a.index_set, prefix="index"))
    cfg: IndexConfig = settings.index
    nprobes = [int(x) for x in a.nprobe.split(",") if x] or [cfg.ivfpq.nprobe]
    refines = [int(x) for x in a.refine.split(",") if x] or [cfg.ivfpq.refine_factor]
    data_dir = a.data or default_data_dir()
    work = a.work or settings.cache_dir / "bench" / "index_scale"
    results: dict[str, Any] = {"machine": describe_machine(settings.device),
                               "faiss": faiss.__version__,
                               "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                               "load_average_at_start": os.getloadavg(),
                               "config": cfg.ivfpq.model_dump() | {
                                   "shard_size": cfg.shard_size}}
    seeds, queries = mtsamples_vectors(settings, data_dir, a.seeds, a.queries)
    results["vectors"] = {"seeds": len(seeds), "queries": f"{len(queries)} other MTSamples "
                          "sentences (MiniLM)", "growth": "seed/10-NN mixture a~U(0,0.4) + "
                          "noise 0.12, normalised"}
    try:
        for size in [int(s) for s in a.sizes.split(",") if s]:
            results[f"ivf_{size}"] = bench_size(size, seeds, queries, work, cfg, nprobes,
                                                refines, a.repeats, a.build_threads)
            write_json_atomic(a.out, results)
            if not a.keep:
                shutil.rmtree(work / f"ivf_{size}", ignore_errors=True)
    finally:
        results["load_average_at_end"] = os.getloadavg()
        write_json_atomic(a.out, results)
    print(f"wrote {a.out}")
    return results

