"""Index benchmark: build throughput, and ANN latency/recall at 100k and 1M realistic vectors.

    python -m eval.bench index [--sizes 100000,1000000] [--build-docs 100] [--skip-build]
                               [--out runs/bench/index.json]
    python -m eval.bench index --scale [...]   # 1M / 5M sharded IVF-PQ (bench_index_scale)

1. Build throughput: ``build_index`` on the first ``--build-docs`` bundled PubMedQA abstracts
   (load + chunk + embed + FAISS + BM25), in chunks/s, and its ratio to the embedding model's
   raw ``encode`` rate on the very same chunk texts (1.0 = no overhead beyond the model).
2. Vector search at each size: base vectors that look like real embeddings - all-MiniLM-L6-v2
   vectors of real text (the default index's PubMedQA chunks, plus PubMedQA and MTSamples
   sentences), grown to size by mixing each seed with one of its 10 nearest seeds and adding
   small noise (then re-normalising), so neighbourhoods keep their structure (pure Gaussian
   vectors have none). Queries are the real PubMedQA dev questions, embedded. For exact
   (flat), HNSW and IVF-PQ (+ exact re-ranking): build time, single-query latency p50/p99
   and recall@10 against exact search.
3. End-to-end hybrid ``search`` latency (query embedding + BM25 + FAISS + fusion) on the
   default index.

MTSamples is read from the shared data folder at run time only (it is not shipped).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from assistant.config import REPO_ROOT, Settings, load_settings
from eval.common import default_data_dir, describe_machine, percentile, write_json_atomic

SEED = 0


LATENCY_THREADS = 1


def _latency(fn: Any, queries: np.ndarray) -> tuple[dict[str, float], np.ndarray]:
    """Run ``fn`` on each query alone; p50/p99/mean in ms, and the stacked results.

    Single-query latency is measured with ``LATENCY_THREADS`` OpenMP threads: on a shared
    machine, OpenMP threads spin-waiting for busy cores inflate per-query times many-fold.
    """
    times, outs = [], []
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(LATENCY_THREADS)
    try:
        for q in queries:
            t0 = time.perf_counter()
            outs.append(fn(q.reshape(1, -1)))
            times.append(time.perf_counter() - t0)
    finally:
        faiss.omp_set_num_threads(threads)
    ms = [t * 1000 for t in times]
    return ({"p50_ms": round(percentile(ms, 50), 3), "p99_ms": round(percentile(ms, 99), 3),
             "mean_ms": round(sum(ms) / len(ms), 3)}, np.vstack(outs))


def _recall_at_10(found: np.ndarray, truth: np.ndarray) -> float:
    hits = sum(len(set(f[:10].tolist()) & set(t[:10].tolist())) for f, t in zip(found, truth,
                                                                               strict=True))
    return round(hits / (10 * len(truth)), 4)


# ---------------------------------------------------------------------------- build speed

def bench_build(settings: Settings, n_docs: int) -> dict[str, Any]:
    """Build an index of ``n_docs`` bundled abstracts; compare to raw encode on the same texts."""
    import sentence_transformers  # noqa: F401  (a one-time import is not build throughput)

    from index.build import build_index
    from index.chunking import embedding_text
    from index.embed import Embedder
    from index.store import CHUNKS_DB, ChunkStore

    corpus = settings.data_dir / "pubmedqa" / "corpus.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        sub = Path(tmp) / "corpus.jsonl"
        with corpus.open(encoding="utf-8") as src, sub.open("w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= n_docs:
                    break
                dst.write(line)
        manifest = build_index([sub], Path(tmp) / "idx", settings, show_progress=False)
        store = ChunkStore(Path(tmp) / "idx" / CHUNKS_DB, readonly=True)
        texts = [embedding_text(t, c) for t, c in store.conn.execute(
            "SELECT d.title, c.text FROM chunks c JOIN documents d USING (doc_id) ORDER BY row")]
        store.close()
    batch = manifest["config"]["batch_size"]
    embedder = Embedder(settings)
    embedder.encode(texts[:batch], batch_size=batch)  # warm-up, as the build's first batch is
    t0 = time.perf_counter()
    embedder.encode(texts, batch_size=batch)
    raw_s = time.perf_counter() - t0
    n = manifest["counts"]["chunks"]
    tm = manifest["timings"]
    raw_rate = n / raw_s
    return {
        "documents": manifest["counts"]["documents"], "chunks": n, "batch_size": batch,
        "device": embedder.device,
        "build_total_s": tm["total_s"], "build_embed_s": tm["embed_s"],
        "build_chunks_per_s": round(n / tm["total_s"], 2),
        "build_embed_chunks_per_s": tm["embed_chunks_per_s"],
        "raw_encode_s": round(raw_s, 3), "raw_encode_chunks_per_s": round(raw_rate, 2),
        "ratio_build_to_raw": round((n / tm["total_s"]) / raw_rate, 3),
        "ratio_embed_phase_to_raw": round(tm["embed_chunks_per_s"] / raw_rate, 3),
    }


# -------------------------------------------------------------------------- seed vectors

def _sentences(data_dir: Path, settings: Settings, n_each: int) -> list[str]:
    split = re.compile(r"(?<=[.!?])\s+")
    rng = np.random.default_rng(SEED)
    pubmed: list[str] = []
    with (settings.data_dir / "pubmedqa" / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            for ctx in json.loads(line)["contexts"]:
                pubmed += [s for s in split.split(ctx) if len(s) > 40]
    mts: list[str] = []
    mt_path = data_dir / "mtsamples" / "mtsamples.csv"
    if mt_path.is_file():
        csv.field_size_limit(10_000_000)
        with mt_path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                text = re.sub(r"\s+", " ", row.get("transcription") or "").replace(",  ", " ")
                mts += [s for s in split.split(text) if len(s) > 40]
    pick = [pubmed[i] for i in rng.choice(len(pubmed), min(n_each, len(pubmed)), replace=False)]
    if mts:
        pick += [mts[i] for i in rng.choice(len(mts), min(n_each, len(mts)), replace=False)]
    return pick


def seed_vectors(settings: Settings, data_dir: Path, n_sentences: int) -> tuple[np.ndarray, dict]:
    """Real MiniLM vectors (default index chunks + sentences), cached between runs."""
    from index.build import ensure_default_index
    from index.embed import Embedder
    from index.store import VECTORS

    cache = settings.cache_dir / "bench" / f"seed_sentences_{n_sentences}.npy"
    index = faiss.read_index(str(ensure_default_index(settings) / VECTORS))
    chunks = index.reconstruct_n(0, index.ntotal)
    if cache.is_file():
        sent = np.load(cache)
    else:
        texts = _sentences(data_dir, settings, n_sentences // 2)
        t0 = time.perf_counter()
        sent = Embedder(settings).encode(texts, batch_size=64, show_progress=True)
        print(f"embedded {len(texts)} seed sentences in {time.perf_counter() - t0:.0f} s",
              file=sys.stderr)
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.save(cache, sent)
    seeds = np.vstack([chunks, sent]).astype(np.float32)
    return seeds, {"index_chunks": int(len(chunks)), "sentences": int(len(sent))}


def query_vectors(settings: Settings, data_dir: Path) -> np.ndarray:
    """The PubMedQA dev questions, embedded (cached)."""
    from index.embed import Embedder

    cache = settings.cache_dir / "bench" / "dev_question_vectors.npy"
    if cache.is_file():
        return np.load(cache)
    path = data_dir / "pubmedqa" / "dev_questions.jsonl"
    qs = [json.loads(x)["question"] for x in path.read_text(encoding="utf-8").splitlines()
          if x.strip()]
    vecs = Embedder(settings).encode(qs, batch_size=64)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.save(cache, vecs)
    return vecs


def grow_blocks(seeds: np.ndarray, n: int, noise: float = 0.12, max_mix: float = 0.4,
                seed: int = SEED, block: int = 200_000) -> Iterator[np.ndarray]:
    """``n`` unit vectors in blocks: the seeds, then seed/neighbour mixtures plus small noise.

    A new vector is ``(1-a) x_i + a x_j + e`` with x_j one of x_i's 10 nearest seeds,
    ``a ~ U(0, max_mix)`` and ``|e| ~ noise``; it stays on the real embeddings' manifold.
    Blocks keep memory bounded for callers that stream them to disk.
    """
    rng = np.random.default_rng(seed)
    d = seeds.shape[1]
    flat = faiss.IndexFlatIP(d)
    flat.add(seeds)
    _, nn = flat.search(seeds, 11)
    m = min(n, len(seeds))
    yield seeds[:m].astype(np.float32)
    for start in range(m, n, block):
        cnt = min(block, n - start)
        i = rng.integers(0, len(seeds), cnt)
        j = nn[i, rng.integers(1, 11, cnt)]
        a = rng.uniform(0, max_mix, (cnt, 1)).astype(np.float32)
        v = (1 - a) * seeds[i] + a * seeds[j]
        v += rng.standard_normal((cnt, d)).astype(np.float32) * (noise / np.sqrt(d))
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        yield v.astype(np.float32)


def grow(seeds: np.ndarray, n: int, noise: float = 0.12, max_mix: float = 0.4,
         seed: int = SEED) -> np.ndarray:
    """``n`` unit vectors in one array (``grow_blocks`` collected)."""
    out = np.empty((n, seeds.shape[1]), dtype=np.float32)
    pos = 0
    for blk in grow_blocks(seeds, n, noise, max_mix, seed):
        out[pos:pos + len(blk)] = blk
        pos += len(blk)
    return out


# ------------------------------------------------------------------------------ ANN

def bench_size(base: np.ndarray, queries: np.ndarray, hnsw_m: int, ef_construction: int,
               ef_searches: list[int], nprobes: list[int], pq_m: int,
               train_per_list: int = 50, norefine: bool = True) -> dict[str, Any]:
    """Exact vs HNSW vs IVF-PQ(+refine) on ``base``; recall@10 against exact."""
    n, d = base.shape
    res: dict[str, Any] = {"vectors": n, "dim": d, "queries": len(queries)}
    t0 = time.perf_counter()
    flat = faiss.IndexFlatIP(d)
    flat.add(base)
    res["flat_build_s"] = round(time.perf_counter() - t0, 2)
    _, truth = flat.search(queries, 10)  # batched ground truth
    lat, _ = _latency(lambda q: flat.search(q, 10)[1], queries)
    res["flat"] = lat | {"recall@10": 1.0}
    res["nn1_cosine_mean"] = round(float(flat.search(queries, 1)[0].mean()), 4)
    flat.reset()  # free the memory before the next index

    t0 = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(d, hnsw_m, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = ef_construction
    hnsw.add(base)
    res["hnsw_build_s"] = round(time.perf_counter() - t0, 1)
    print(f"  {n}: hnsw built in {res['hnsw_build_s']} s", file=sys.stderr, flush=True)
    res["hnsw_params"] = {"M": hnsw_m, "efConstruction": ef_construction}
    for ef in ef_searches:
        hnsw.hnsw.efSearch = ef
        lat, found = _latency(lambda q: hnsw.search(q, 10)[1], queries)
        res[f"hnsw_ef{ef}"] = lat | {"recall@10": _recall_at_10(found, truth)}
        print(f"  {n}: hnsw ef{ef} {res[f'hnsw_ef{ef}']}", file=sys.stderr, flush=True)
    hnsw.reset()

    nlist = max(64, int(2 * np.sqrt(n)))
    t0 = time.perf_counter()
    ivf = faiss.index_factory(d, f"IVF{nlist},PQ{pq_m}x8,RFlat", faiss.METRIC_INNER_PRODUCT)
    rng = np.random.default_rng(SEED)
    train = base[rng.choice(n, min(n, max(train_per_list * nlist, 20_000)), replace=False)]
    ivf.train(train)
    ivf.add(base)
    res["ivfpq_build_s"] = round(time.perf_counter() - t0, 1)
    print(f"  {n}: ivfpq built in {res['ivfpq_build_s']} s", file=sys.stderr, flush=True)
    res["ivfpq_params"] = {"nlist": nlist, "pq": f"{pq_m}x8", "refine": "flat, k_factor 4",
                           "train_vectors": len(train)}
    inner = faiss.extract_index_ivf(ivf.base_index)
    for npb in nprobes:
        inner.nprobe = npb
        for refine in ((1, 4) if norefine else (4,)):
            ivf.k_factor = float(refine)
            lat, found = _latency(lambda q: ivf.search(q, 10)[1], queries)
            key = f"ivfpq_nprobe{npb}" + ("_refine4" if refine > 1 else "_norefine")
            res[key] = lat | {"recall@10": _recall_at_10(found, truth)}
            print(f"  {n}: {key} {res[key]}", file=sys.stderr, flush=True)
    return res


def bench_search_e2e(settings: Settings, data_dir: Path, n: int = 100) -> dict[str, Any]:
    """Hybrid/bm25/dense ``search`` latency on the default index (query embedding included)."""
    from index.build import ensure_default_index
    from index.search import open_index

    searcher = open_index(ensure_default_index(settings), settings)
    path = data_dir / "pubmedqa" / "dev_questions.jsonl"
    qs = [json.loads(x)["question"] for x in path.read_text(encoding="utf-8").splitlines()
          if x.strip()][:n]
    searcher.search("warm up the embedder", k=10)
    out: dict[str, Any] = {"queries": len(qs), "documents": searcher.n_docs}
    for mode in ("hybrid", "bm25", "dense"):
        times = []
        for q in qs:
            searcher._qcache.clear()  # measure the query embedding too
            t0 = time.perf_counter()
            searcher.search(q, k=10, mode=mode)  # type: ignore[arg-type]
            times.append((time.perf_counter() - t0) * 1000)
        out[mode] = {"p50_ms": round(percentile(times, 50), 2),
                     "p99_ms": round(percentile(times, 99), 2)}
    return out


def run(args: list[str]) -> dict[str, Any]:
    """Entry point for ``python -m eval.bench index``; prints figures, returns the results.

    ``--scale`` hands the rest of the arguments to the PubMed-scale (sharded IVF-PQ)
    benchmark, ``eval.bench_index_scale``.
    """
    if args[:1] == ["--scale"]:
        from eval.bench_index_scale import run as run_scale

        return run_scale(args[1:])
    p = argparse.ArgumentParser(prog="python -m eval.bench index", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="100000,1000000")
    p.add_argument("--build-docs", type=int, default=100)
    p.add_argument("--skip-build", action="store_true")
    p.add_argument("--skip-e2e", action="store_true", help="skip the default-index search timing")
    p.add_argument("--seed-sentences", type=int, default=1500)
    p.add_argument("--hnsw-m", type=int, default=32)
    p.add_argument("--ef-construction", type=int, default=80)
    p.add_argument("--ef-search", default="64,128")
    p.add_argument("--nprobe", default="16,64")
    p.add_argument("--pq-m", type=int, default=48)
    p.add_argument("--train-per-list", type=int, default=50,
                   help="IVF k-means training vectors per list (faiss wants >= 39)")
    p.add_argument("--queries", type=int, default=500, help="how many dev questions to use")
    p.add_argument("--refine-only", action="store_true", help="skip IVF-PQ without re-ranking")
    p.add_argument("--data", type=Path, default=None)
    p.add_argument("--out", type=Path, default=REPO_ROOT / "runs" / "bench" / "index.json")
    a = p.parse_args(args)
    settings = load_settings()
    data_dir = a.data or default_data_dir()
    results: dict[str, Any] = {"machine": describe_machine(settings.device),
                               "faiss": faiss.__version__, "omp_threads": faiss.omp_get_max_threads(),
                               "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                               "load_average_at_start": os.getloadavg()}
    print(json.dumps(results["machine"]), file=sys.stderr)
    if not a.skip_build:
        results["build"] = bench_build(settings, a.build_docs)
        print("build:", json.dumps(results["build"]), flush=True)
    if not a.skip_e2e:
        results["search_e2e_default_index"] = bench_search_e2e(settings, data_dir)
        print("search e2e:", json.dumps(results["search_e2e_default_index"]), flush=True)
    seeds, seed_info = seed_vectors(settings, data_dir, a.seed_sentences)
    queries = query_vectors(settings, data_dir)[:a.queries]
    results["vectors"] = {"seeds": seed_info, "queries": "PubMedQA dev questions (MiniLM)",
                          "growth": "seed/10-NN mixture a~U(0,0.4) + noise 0.12, normalised"}
    for size in [int(s) for s in a.sizes.split(",") if s]:
        base = grow(seeds, size)
        print(f"size {size}: grown", file=sys.stderr, flush=True)
        results[f"ann_{size}"] = bench_size(
            base, queries, a.hnsw_m, a.ef_construction,
            [int(x) for x in a.ef_search.split(",")], [int(x) for x in a.nprobe.split(",")],
            a.pq_m, a.train_per_list, not a.refine_only)
        print(f"ann {size}:", json.dumps(results[f"ann_{size}"]), flush=True)
        del base
        write_json_atomic(a.out, results)
    results["load_average_at_end"] = os.getloadavg()
    write_json_atomic(a.out, results)
    print(f"wrote {a.out}")
    return results



if __name__ == "__main__":
    run(sys.argv[1:])
