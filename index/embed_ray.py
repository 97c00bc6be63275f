"""Embedding in Ray Data actors: the ``--engine ray`` of ``python -m index.build``.

The build's pass 1 (load, chunk, store the text in the staging ``chunks.sqlite``) is the
same for both engines; only pass 2, the embedding, moves to Ray. The pipeline streams:

1. the driver cuts the new chunk rows into groups of at most ``GROUP`` live rows (row
   numbers only, a few bytes per group; a small build into at least 4 groups per actor);
2. ``_read_groups`` tasks, kept on the driver's node (the staging store is a file there),
   read each group's title + chunk text (``ChunkStore.embedding_inputs``, the local
   engine's own reader);
3. ``EmbedWorker`` actors (``map_batches`` with an actor pool; one model load per actor)
   embed them: one GPU per actor (``device='cuda'``) when the cluster reports GPUs, else
   CPU actors that share the cluster's CPUs evenly;
4. the driver receives the vectors in row order (``preserve_order``) and writes them into
   the same place the local engine does (the in-memory FAISS input, or the sharded
   index's ``vectors.f32``), one block at a time: Ray's streaming executor bounds what is
   in flight, so the driver holds no more vectors than the local engine does.

Guarantees of the build are unchanged: everything is written into the staging version,
published atomically only when complete; a failed Ray job raises ``EngineError`` and the
staging folder is removed (the published index is untouched; rerun the build).

``EmbedWorker`` needs neither Ray nor the project's settings: ``check_device`` (``python -m
index.embed_ray --check``) runs the actor's own embed path on one device (e.g. a GPU box
without Ray) and compares it with the CPU::

    python -m index.embed_ray --pack runs/gpu_model          # here: MiniLM, float16, 44 MB
    python -m index.embed_ray --check --model runs/gpu_model --device cuda --n 65536
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.embed import encode_normalized, load_sentence_model

log = logging.getLogger(__name__)

#: Live chunk rows per read task and per actor call (the local engine's group size).
GROUP = 1024


@dataclass(frozen=True)
class ActorPlan:
    """How many embedding actors run, on what, with which resources each."""

    actors: int
    device: str
    cpus_per_actor: int
    gpus_per_actor: int

    def describe(self) -> str:
        """One line for the build log, e.g. ``ray: 2 cpu actors (1 CPU each)``."""
        res = (f"1 GPU + {self.cpus_per_actor} CPU" if self.gpus_per_actor
               else f"{self.cpus_per_actor} CPU")
        return f"ray: {self.actors} {self.device} actor{'s' * (self.actors > 1)} ({res} each)"


def plan_actors(resources: dict[str, float], workers: int | None,
                device_setting: str = "auto") -> ActorPlan:
    """The actor pool for a cluster with ``resources`` (``ray.cluster_resources()``).

    GPUs (and ``device_setting`` auto or cuda): one actor per GPU (``workers`` caps it), one
    GPU and one CPU each. Otherwise CPU actors, ``workers`` of them (default one per CPU),
    each with an equal whole share of the CPUs (torch uses that many threads). More workers
    than the cluster can hold are cut to what it holds (the pool would wait forever).
    """
    cpus = max(1, int(resources.get("CPU", 1)))
    gpus = int(resources.get("GPU", 0))
    if gpus >= 1 and device_setting in ("auto", "cuda"):
        n = min(workers or gpus, gpus, cpus)
        return ActorPlan(n, "cuda", 1, 1)
    n = min(workers or cpus, cpus)
    return ActorPlan(n, "cpu", max(1, cpus // n), 0)


class EmbedWorker:
    """A Ray Data actor (also usable without Ray): loads the model once, embeds batches.

    A batch is ``{"row": int64[n], "text": str[n]}``; the result is ``{"row": the same rows,
    "vector": float32[n, dim]}`` (L2-normalised, as ``index.embed.Embedder`` returns them).
    """

    def __init__(self, model_path: str, device: str, batch_size: int,
                 threads: int | None = None) -> None:
        if threads:
            import torch

            torch.set_num_threads(threads)
        self.device = device
        self.batch_size = batch_size
        self.model, self.dimension = load_sentence_model(model_path, device)

    def __call__(self, batch: dict[str, Any]) -> dict[str, np.ndarray]:
        rows = np.asarray(batch["row"], dtype=np.int64)
        texts = [str(t) for t in batch["text"]]
        vecs = (encode_normalized(self.model, texts, self.batch_size) if texts
                else np.zeros((0, self.dimension), dtype=np.float32))
        return {"row": rows, "vector": vecs}


def _read_groups(batch: dict[str, np.ndarray], db_path: str) -> dict[str, np.ndarray]:
    """Ray task: the embedding inputs (row, title + chunk text) of row ranges [start, stop)."""
    from index.store import ChunkStore

    store = ChunkStore(Path(db_path), readonly=True)
    rows: list[int] = []
    texts: list[str] = []
    try:
        for start, stop in zip(batch["start"].tolist(), batch["stop"].tolist(), strict=True):
            for part in store.embedding_inputs(int(start), int(stop), GROUP):
                rows.extend(r for r, _ in part)
                texts.extend(t for _, t in part)
    finally:
        store.close()
    return {"row": np.array(rows, dtype=np.int64), "text": np.array(texts, dtype=object)}


def _live_rows(db_path: Path, first_row: int) -> int:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM chunks WHERE row >= ?",
                                (first_row,)).fetchone()[0])
    finally:
        conn.close()


def row_groups(db_path: Path, first_row: int, size: int | None = None) -> list[dict[str, int]]:
    """[start, stop) row ranges from ``first_row`` on, each holding 1..``size`` (default
    ``GROUP``) live chunk rows (deleted rows fall in the gaps; no range is empty)."""
    size = size or GROUP
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        cur = conn.execute("SELECT row FROM chunks WHERE row >= ? ORDER BY row", (first_row,))
        groups: list[dict[str, int]] = []
        while rows := cur.fetchmany(size):
            groups.append({"start": int(rows[0][0]), "stop": int(rows[-1][0]) + 1})
        return groups
    finally:
        conn.close()


def _driver_node_resources() -> dict[str, float]:
    """A sliver of the driver node's own ``node:<ip>`` resource: tasks asking for it run
    where the staging store is. Empty when the driver is on no node of the cluster (a Ray
    client): the store must then be on a file system every node shares."""
    import ray

    try:
        key = f"node:{ray.util.get_node_ip_address()}"
    except Exception as exc:  # read tasks may then run on any node: say so
        log.warning("Ray: no node address for this driver (%s: %s); the chunk store must be "
                    "on a file system every node shares", type(exc).__name__, exc)
        return {}
    return {key: 0.001} if key in ray.cluster_resources() else {}


def iter_ray_vectors(db_path: Path, first_row: int, model_path: str, batch_size: int, *,
                     address: str | None = None, workers: int | None = None,
                     device_setting: str = "auto",
                     info: dict[str, Any] | None = None,
                     ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(rows, vectors) blocks of the chunk rows from ``first_row`` on, embedded by Ray actors,
    in ascending row order. ``info`` (a dict) receives the engine's description (actors,
    device, Ray start-up seconds). Raises ``EngineError`` when Ray cannot run the job."""
    from assistant.batch import EngineError, ray_session

    n_live = _live_rows(db_path, first_row)
    if not n_live:
        return
    t0 = time.perf_counter()
    # A failure leaves the published index as it was: the build removes its staging folder.
    with ray_session(address, workers or 1, "the Ray embedding job",
                 lambda: "the published index is unchanged, rerun the build"):
        import ray
        import ray.data

        plan = plan_actors(ray.cluster_resources(), workers, device_setting)
        # Groups of GROUP rows; a small build is cut finer so every actor gets work.
        groups = row_groups(db_path, first_row,
                            max(1, min(GROUP, -(-n_live // (4 * plan.actors)))))
        if plan.actors > len(groups):  # no idle actor loads a model; the few get more CPUs
            plan = plan_actors(ray.cluster_resources(), len(groups), device_setting)
        if device_setting == "cuda" and plan.device != "cuda":
            raise EngineError("device=cuda was requested but the Ray cluster reports no GPUs; "
                              "use --device auto (CPU actors) or join a cluster with GPU nodes")
        if info is not None:
            info.update({"engine": "ray", "ray_start_s": round(time.perf_counter() - t0, 3),
                         "address": address, **asdict(plan)})
        ctx = ray.data.DataContext.get_current()
        keep_order, keep_bars = ctx.execution_options.preserve_order, ctx.enable_progress_bars
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False  # the build's own bar reports progress
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        try:
            yield from _embed_blocks(ray, db_path, groups, plan, model_path, batch_size, n_live)
        finally:
            ctx.execution_options.preserve_order = keep_order
            ctx.enable_progress_bars = keep_bars


def _embed_blocks(ray: Any, db_path: Path, groups: list[dict[str, int]], plan: ActorPlan,
                  model_path: str, batch_size: int, n_live: int,
                  ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The Ray Data pipeline (read groups -> embedding actors) as ordered (rows, vectors)
    blocks; checks that every live row came back once, in order."""
    from assistant.batch import EngineError

    # Input blocks of ~16 groups: small read tasks, so a retried one redoes little.
    n_blocks = min(len(groups), max(4 * plan.actors, len(groups) // 16))
    ds: Any = ray.data.from_items(groups, override_num_blocks=n_blocks)
    ds = ds.map_batches(_read_groups, fn_kwargs={"db_path": str(db_path)}, batch_size=1,
                        batch_format="numpy", num_cpus=0, concurrency=2,
                        resources=_driver_node_resources() or None)
    ds = ds.map_batches(EmbedWorker, fn_constructor_kwargs={
        "model_path": model_path, "device": plan.device, "batch_size": batch_size,
        "threads": plan.cpus_per_actor if plan.device == "cpu" else None},
        batch_size=GROUP, batch_format="numpy", num_cpus=plan.cpus_per_actor,
        num_gpus=plan.gpus_per_actor,
        compute=ray.data.ActorPoolStrategy(size=plan.actors))
    last, got = -1, 0
    for block in ds.iter_batches(batch_size=None, batch_format="numpy"):
        rows = np.asarray(block["row"], dtype=np.int64)
        if not len(rows):
            continue
        vecs = np.ascontiguousarray(np.stack(list(block["vector"]))
                                    if block["vector"].dtype == object
                                    else block["vector"], dtype=np.float32)
        if rows[0] <= last or np.any(np.diff(rows) <= 0):
            raise EngineError("internal error: Ray returned embedding rows out of order")
        last = int(rows[-1])
        got += len(rows)
        yield rows, vecs
    if got != n_live:  # a lost row would stay a zero vector, i.e. silently unsearchable
        raise EngineError(f"internal error: Ray returned {got} embedding rows for {n_live} "
                          "chunks; the published index is unchanged, rerun the build")


# --------------------------------------------------------------- device check (no Ray)

def check_device(texts: list[str], model_path: str | Path, device: str = "cuda",
                 batch_size: int = 256,
                 reference: Callable[[list[str]], np.ndarray] | None = None) -> dict[str, Any]:
    """Run the Ray actor's embed path (``EmbedWorker``) on ``device`` without Ray.

    Returns the rate (vectors/s, model load excluded, after one warm-up batch), the model
    load seconds, and the largest absolute difference from the same texts embedded on the
    CPU by a second ``EmbedWorker`` (or by ``reference``): the check that a GPU actor
    writes the vectors a CPU build would.
    """
    t0 = time.perf_counter()
    worker = EmbedWorker(str(model_path), device, batch_size)
    load_s = time.perf_counter() - t0
    rows = np.arange(len(texts), dtype=np.int64)
    worker({"row": rows[:batch_size], "text": texts[:batch_size]})  # warm-up (CUDA kernels)
    if device.startswith("cuda"):
        import torch

        torch.cuda.synchronize()
    t0 = time.perf_counter()
    got = worker({"row": rows, "text": texts})
    seconds = time.perf_counter() - t0
    n_ref = min(len(texts), 512)
    ref = (reference(texts[:n_ref]) if reference is not None
           else EmbedWorker(str(model_path), "cpu", 64)({"row": rows[:n_ref],
                                                         "text": texts[:n_ref]})["vector"])
    diff = float(np.abs(got["vector"][:n_ref] - ref).max()) if n_ref else 0.0
    return {"device": device, "vectors": len(texts), "dimension": int(got["vector"].shape[1]),
            "batch_size": batch_size, "model_load_s": round(load_s, 2),
            "seconds": round(seconds, 3),
            "vectors_per_s": round(len(texts) / seconds, 1) if seconds > 0 else None,
            "rows_in_order": bool(np.array_equal(got["row"], rows)),
            "max_abs_diff_vs_cpu": diff, "compared_rows": n_ref,
            "unit_norm": bool(np.allclose(np.linalg.norm(got["vector"], axis=1), 1, atol=1e-4))}


def _corpus_texts(path: Path, n: int) -> list[str]:
    """Title + abstract passages of a JSONL corpus (``title``, ``text`` or ``contexts``),
    repeated up to ``n`` texts."""
    texts: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            body = rec.get("text") or " ".join(rec.get("contexts") or [])
            texts.append(f"{rec.get('title', '')}\n{body}"[:1000])
            if len(texts) >= n:
                break
    if not texts:
        raise ValueError(f"{path} holds no records")
    return (texts * (n // len(texts) + 1))[:n]


FP16_WEIGHTS = "model.fp16.safetensors"


def pack_half(model_dir: Path, out: Path) -> Path:
    """Copy a sentence-transformers folder with its weights stored as float16 (MiniLM: 87 MB
    -> 44 MB), small enough to carry to a machine without the model package; ``unpack_half``
    restores float32 weights there (the values rounded to float16 once)."""
    import shutil

    from safetensors.torch import load_file, save_file

    shutil.copytree(model_dir, out, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("model.safetensors", "*.bin", "README.md"))
    state = load_file(str(Path(model_dir) / "model.safetensors"))
    save_file({k: v.half().contiguous() for k, v in state.items()}, str(out / FP16_WEIGHTS),
              metadata={"format": "pt"})
    return out


def unpack_half(packed: Path, out: Path) -> Path:
    """A loadable float32 folder from ``pack_half``'s output."""
    import shutil

    from safetensors.torch import load_file, save_file

    shutil.copytree(packed, out, dirs_exist_ok=True, ignore=shutil.ignore_patterns(FP16_WEIGHTS))
    state = load_file(str(Path(packed) / FP16_WEIGHTS))
    save_file({k: v.float().contiguous() for k, v in state.items()},
              str(out / "model.safetensors"), metadata={"format": "pt"})
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m index.embed_ray --check``: the GPU actor's embed path, without Ray."""
    root = Path(__file__).resolve().parents[1]
    p = argparse.ArgumentParser(prog="python -m index.embed_ray", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--check", action="store_true", help="run the device check")
    p.add_argument("--pack", type=Path, metavar="DIR",
                   help="write the model with float16 weights into DIR (to carry it) and stop")
    p.add_argument("--model", type=Path, default=None,
                   help="sentence-transformers folder (default: the embedded MiniLM)")
    p.add_argument("--device", default="cuda")
    p.add_argument("--n", type=int, default=8192, help="texts to embed (default 8192)")
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--corpus", type=Path, default=root / "data" / "pubmedqa" / "corpus.jsonl")
    a = p.parse_args(argv)
    if a.model is None:
        from index.embed import embedded_embedding_dir

        a.model = embedded_embedding_dir()
    if a.pack is not None:
        print(f"packed {pack_half(a.model, a.pack)}")
        return 0
    if not a.check:
        p.print_help()
        return 2
    import tempfile

    with tempfile.TemporaryDirectory(prefix="embed-check-") as tmp:
        model = (unpack_half(a.model, Path(tmp) / "model")
                 if (a.model / FP16_WEIGHTS).is_file() else a.model)
        result = check_device(_corpus_texts(a.corpus, a.n), model, a.device, a.batch_size)
    print(json.dumps(result, indent=1))
    # 1e-3: float16 weights on a GPU against float32 on the CPU differ by ~1e-4 at most
    ok = (result["rows_in_order"] and result["unit_norm"]
          and result["max_abs_diff_vs_cpu"] <= 1e-3)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
