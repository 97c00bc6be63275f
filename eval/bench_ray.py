"""Batch extraction throughput: the local engine (1 process) against Ray with 1 and 2 workers.

    python -m eval.bench ray [--data DIR] [--limit N] [--shard-size S] [--workers 1,2]
    python -m eval.bench ray --embed [--docs N] [--workers 1,2]   # index embedding (below)

Rules-only extraction (no LLM) of the first ``--limit`` MTSamples notes, read from the shared
data folder into a temporary JSONL (never copied into the project). Each run is end to end:
pipeline load included (once for the local process, once per Ray actor), Ray's own start-up
timed separately. Also checks that every Ray run wrote the local engine's bytes.

``--embed``: the embedding pass of ``python -m index.build`` on the first ``--docs`` bundled
PubMedQA abstracts with the embedded MiniLM: the local engine against ``--engine ray`` with
1 and 2 CPU actors (one local Ray, started once and timed apart). Vectors/s is new chunks /
the build's ``embed_s``, which for Ray includes the actors' start-up and model load; each
Ray index's vectors are compared with the local one's (max |difference|).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from eval.common import default_data_dir, load_average


def _load() -> str:
    la = load_average()
    return "?" if la is None else f"{la:.2f}"


def run(args: list[str]) -> dict[str, Any]:
    """Time the engines; print and return the figures."""
    if "--embed" in args:
        return run_embed([a for a in args if a != "--embed"])
    p = argparse.ArgumentParser(prog="python -m eval.bench ray")
    p.add_argument("--data", type=Path, default=default_data_dir())
    p.add_argument("--limit", type=int, default=1000, help="MTSamples notes (default 1000)")
    p.add_argument("--shard-size", type=int, default=100)
    p.add_argument("--workers", default="1,2", help="Ray actor counts to time (default 1,2)")
    p.add_argument("--out", type=Path, default=None)
    a = p.parse_args(args)

    import ray

    from assistant.batch import run_batch
    from assistant.batch_ray import plan_shards, read_output, run_ray_batch, worker_runtime_env
    from assistant.config import load_settings
    from assistant.extract.io import iter_note_items
    from assistant.extract.runner import error_record, key_of, make_process, ray_job
    from eval.bench_extract import _notes

    notes = _notes(a.data, a.limit)
    results: dict[str, Any] = {"notes": len(notes), "shard_size": a.shard_size, "runs": []}
    with tempfile.TemporaryDirectory(prefix="bench-ray-") as tmp:
        src = Path(tmp) / "notes.jsonl"
        src.write_text("".join(json.dumps({"id": f"mt{i}", "text": text}) + "\n"
                               for i, (_, text) in enumerate(notes)))
        settings_json = load_settings(None, {"use_llm": False}).model_dump_json()
        items = iter_note_items([src])

        load0 = _load()
        t0 = time.perf_counter()
        process = make_process(settings_json, "jsonl")
        pipeline_load = time.perf_counter() - t0
        del process
        t0 = time.perf_counter()
        run_batch(items, partial(make_process, settings_json, "jsonl"),
                  partial(error_record, "jsonl"), Path(tmp) / "local.jsonl", key_of=key_of,
                  show_progress=False)
        wall = time.perf_counter() - t0
        local_lines = (Path(tmp) / "local.jsonl").read_bytes().splitlines(keepends=True)
        results["pipeline_load_s"] = round(pipeline_load, 2)
        results["runs"].append(_row("local, 1 process", len(notes), wall, pipeline_load,
                                    load0, _load(), True))

        t0 = time.perf_counter()
        ray.init(num_cpus=os.cpu_count(), include_dashboard=False, logging_level=logging.WARNING,
                 runtime_env=worker_runtime_env(local=True))
        results["ray_startup_s"] = round(time.perf_counter() - t0, 2)
        print(f"Ray start-up: {results['ray_startup_s']} s")
        job = ray_job(settings_json, "jsonl", load_settings(None, {}).max_note_chars)
        shards = plan_shards(items, job, a.shard_size)
        try:
            for w in (int(x) for x in a.workers.split(",")):
                out = Path(tmp) / f"ray-{w}"
                load0 = _load()
                t0 = time.perf_counter()
                run_ray_batch(shards, job, out, workers=w, show_progress=False)
                wall = time.perf_counter() - t0
                same = read_output(out) == local_lines
                results["runs"].append(_row(f"ray, {w} worker{'s' * (w > 1)}", len(notes), wall,
                                            pipeline_load, load0, _load(), same))
        finally:
            ray.shutdown()
    print(f"{len(notes)} MTSamples notes, rules only, shards of {a.shard_size}; pipeline load "
          f"{results['pipeline_load_s']} s (per process/actor)")
    print("| engine | wall s | notes/s | notes/s after pipeline load (est.) | load avg "
          "before/after | output == local |")
    print("|---|---|---|---|---|---|")
    for r in results["runs"]:
        print(f"| {r['engine']} | {r['wall_s']} | {r['notes_per_s']} | "
              f"{r['notes_per_s_after_load']} | {r['load_before']}/{r['load_after']} | "
              f"{r['same_as_local']} |")
    return results


def _row(engine: str, n: int, wall: float, load_s: float, before: str, after: str,
         same: bool) -> dict[str, Any]:
    busy = max(wall - load_s, 1e-9)
    return {"engine": engine, "wall_s": round(wall, 2), "notes_per_s": round(n / wall, 1),
            "notes_per_s_after_load": round(n / busy, 1), "load_before": before,
            "load_after": after, "same_as_local": same}


def run_embed(args: list[str]) -> dict[str, Any]:
    """Index embedding rate: local engine vs Ray with 1 and 2 CPU actors (vectors/s)."""
    p = argparse.ArgumentParser(prog="python -m eval.bench ray --embed")
    p.add_argument("--docs", type=int, default=150, help="PubMedQA abstracts (default 150)")
    p.add_argument("--workers", default="1,2", help="Ray actor counts to time (default 1,2)")
    p.add_argument("--out", type=Path, default=None)
    a = p.parse_args(args)

    import faiss
    import numpy as np
    import ray

    from assistant.batch_ray import worker_runtime_env
    from assistant.config import load_settings
    from assistant.config_sections import EmbedEngineConfig
    from index.build import build_index

    corpus_src = Path(__file__).resolve().parents[1] / "data" / "pubmedqa" / "corpus.jsonl"
    results: dict[str, Any] = {"docs": a.docs, "runs": []}
    with tempfile.TemporaryDirectory(prefix="bench-ray-embed-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus_src.open(encoding="utf-8") as fh:
            corpus.write_text("".join(line for _, line in zip(range(a.docs), fh, strict=False)))
        settings = load_settings(None, {"cache_dir": str(Path(tmp) / "cache"), "device": "cpu",
                                        "use_llm": False})
        t0 = time.perf_counter()
        ray.init(num_cpus=os.cpu_count(), include_dashboard=False, logging_level=logging.WARNING,
                 runtime_env=worker_runtime_env(local=True))
        results["ray_startup_s"] = round(time.perf_counter() - t0, 2)
        print(f"Ray start-up: {results['ray_startup_s']} s")
        engines = [("local, 1 process", None)] + [
            (f"ray, {w} cpu actor{'s' * (w > 1)}", EmbedEngineConfig(engine="ray", workers=w))
            for w in (int(x) for x in a.workers.split(","))]
        ref = None
        try:
            for i, (name, engine) in enumerate(engines):
                out = Path(tmp) / f"idx{i}"
                load0 = _load()
                m = build_index([corpus], out, settings, show_progress=False, engine=engine)
                index = faiss.read_index(str(out / "vectors.faiss"))
                vecs = index.reconstruct_n(0, index.ntotal)
                ref = vecs if ref is None else ref
                n, secs = m["counts"]["new_chunks"], m["timings"]["embed_s"]
                results["runs"].append({
                    "engine": name, "chunks": n, "embed_s": secs,
                    "vectors_per_s": round(n / secs, 1) if secs else None,
                    "actors": m["embed_engine"].get("actors"),
                    "load_before": load0, "load_after": _load(),
                    "max_abs_diff_vs_local": float(np.abs(vecs - ref).max())})
        finally:
            ray.shutdown()
    print(f"{results['runs'][0]['chunks']} chunks of {a.docs} PubMedQA abstracts, "
          "all-MiniLM-L6-v2 on CPU; Ray embed_s includes actor start-up and model load")
    print("| engine | embed s | vectors/s | load avg before/after | max abs diff vs local |")
    print("|---|---|---|---|---|")
    for r in results["runs"]:
        print(f"| {r['engine']} | {r['embed_s']} | {r['vectors_per_s']} | "
              f"{r['load_before']}/{r['load_after']} | {r['max_abs_diff_vs_local']:.1e} |")
    return results
