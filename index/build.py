"""Build (or extend) a literature index.

    python -m index.build CORPUS... --out DIR [--append] [--index-config FILE.yaml]
        [--chunk-size N] [--chunk-overlap N] [--batch-size N] [--index-type auto|flat|hnsw|ivfpq]
        [--index-set key=value ...] [--engine local|ray [--address auto] [--workers N]]

CORPUS: ``.jsonl`` (``id``/``pmid``, ``title``, ``text`` or ``contexts``), PubMed/MEDLINE XML
(``.xml``, ``.xml.gz``; streamed) or a folder of ``.txt``/``.md`` files. Malformed records are
reported (file, line/record, reason) and skipped. ``--append`` embeds only documents whose id
is not in the index yet. ``--engine ray`` embeds in Ray Data actors (``index.embed_ray``; one
GPU per actor where the cluster has GPUs); everything else is the same build.

DIR is a link to the current version (``.DIR.versions/v<n>``, next to it). A build stages a
new version and swaps the link atomically only when it is complete (the manifest is written
last), so a killed build never looks like a finished index and never removes the previous
one; the next build cleans up what it left (``recover_index``).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import logging
import os
import shutil
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np
from tqdm import tqdm

from assistant.batch import pid_alive
from assistant.config import Settings
from assistant.config_sections import EmbedEngineConfig
from assistant.errors import IndexMismatchError, InputError
from index import ivf
from index.bm25 import TOKENIZER_NAME, BM25Index
from index.chunking import Chunker
from index.config import IndexConfig
from index.embed import Embedder, model_identity
from index.ivf import IVF_DIR, RAW
from index.loaders import Document, LoadIssue, corpus_kind, iter_documents
from index.medline import is_medline_path, iter_medline_events, medline_files
from index.store import (
    BM25_DIR,
    CHUNKS_DB,
    FORMAT_VERSION,
    MANIFEST,
    VECTORS,
    ChunkStore,
    choose_index_type,
    faiss_kind,
    gpu_available,
    new_faiss_index,
    read_manifest,
    save_faiss,
    train_and_add,
    write_json_atomic,
)

log = logging.getLogger(__name__)

DEFAULT_CORPUS = Path("pubmedqa") / "corpus.jsonl"
_MAX_ISSUES_SHOWN = 50
_INSERT_BATCH = 2000
_EMBED_GROUP = 1024


def check_compatible(manifest: dict[str, Any], identity: dict[str, Any], index_dir: Path) -> None:
    """Raise IndexMismatchError when ``index_dir`` was built with another embedding model."""
    built = manifest.get("embedding", {})
    same_model = built.get("fingerprint") == identity["fingerprint"]
    dim_now = identity.get("dimension")
    same_dim = dim_now is None or built.get("dimension") == dim_now
    if same_model and same_dim:
        return
    raise IndexMismatchError(
        f"index {index_dir} was built with embedding model {built.get('name')!r} "
        f"({built.get('dimension')}-d, fingerprint {built.get('fingerprint')}), but the configured "
        f"model is {identity['name']!r} ({dim_now}-d, fingerprint {identity['fingerprint']}). "
        f"Rebuild it with `python -m index.build CORPUS... --out {index_dir}` using the configured "
        f"model, or set embedding_model_path to {built.get('path')!r}.")


def corpus_checksum(path: Path) -> str:
    """sha256 of a corpus file, or of a folder's .txt/.md files (relative names + bytes)."""
    h = hashlib.sha256()
    files = (sorted(p for p in path.rglob("*") if p.is_file()
                    and p.suffix.lower() in (".txt", ".md")) if path.is_dir() else [path])
    for f in files:
        if path.is_dir():
            h.update(f.relative_to(path).as_posix().encode())
        with f.open("rb") as fh:
            for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def _batched(docs: Iterator[Document], n: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for d in docs:
        batch.append(d)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def _report_issues(issues: Sequence[LoadIssue]) -> None:
    for issue in issues[:_MAX_ISSUES_SHOWN]:
        print(f"skipped {issue}", file=sys.stderr)
    if len(issues) > _MAX_ISSUES_SHOWN:
        print(f"... and {len(issues) - _MAX_ISSUES_SHOWN} more skipped records",
              file=sys.stderr)


# ------------------------------------------------------------------ versioned, atomic publish
#
# ``out`` is a symbolic link to ``.<name>.versions/v<n>`` (relative, next to it). A build
# stages into ``.<name>.versions/.stage-<pid>``, renames the finished folder to ``v<n+1>`` and
# then swaps the link with ``os.replace`` of a new link: at every instant ``out`` resolves to
# a complete index, and every reader (``read_manifest``, ``open_index``) follows the link
# without knowing about versions. An index folder of the older layout (the files directly in
# ``out``) is exchanged for the link in one ``renameat2(RENAME_EXCHANGE)`` where the system
# has it. ``recover_index`` (called before every build) removes what an interrupted build left
# behind and re-points a missing link at the newest complete version.

#: Tests only: ``INDEX_BUILD_FAULT=<step>`` kills the build with SIGKILL at that step.
FAULT_ENV = "INDEX_BUILD_FAULT"
FAULT_STEPS = ("staged", "versioned", "linked-tmp", "published", "cleaning")
KEEP_VERSIONS = 2  # the current version and the one before (a reader may be opening it)


def _fault(step: str) -> None:
    """Die like ``kill -9`` at ``step`` when the tests ask for it (never otherwise)."""
    if os.environ.get(FAULT_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def versions_dir(out_dir: Path) -> Path:
    """Where the versions of the index ``out_dir`` live (a hidden sibling folder)."""
    return out_dir.parent / f".{out_dir.name}.versions"


def _version_number(p: Path) -> int | None:
    name = p.name
    return int(name[1:]) if name.startswith("v") and name[1:].isdigit() else None


def _versions(out_dir: Path) -> list[tuple[int, Path]]:
    vdir = versions_dir(out_dir)
    if not vdir.is_dir():
        return []
    found = [(n, p) for p in vdir.iterdir() if (n := _version_number(p)) is not None]
    return sorted(found)


def _current_version(out_dir: Path) -> Path | None:
    """The version folder ``out_dir`` links to, or None (no link, or a legacy folder)."""
    if not out_dir.is_symlink():
        return None
    target = Path(os.readlink(out_dir))
    return (out_dir.parent / target) if not target.is_absolute() else target


def _stale(p: Path, marker: str) -> bool:
    """Whether a ``<marker><pid>`` leftover belongs to a process that is gone."""
    tail = p.name.rsplit(marker, 1)[-1]
    return not tail.isdigit() or int(tail) == os.getpid() or not pid_alive(int(tail))


def _remove(p: Path) -> None:
    if p.is_symlink() or p.is_file():
        p.unlink(missing_ok=True)
    elif p.is_dir():
        shutil.rmtree(p)


def recover_index(out_dir: Path) -> None:
    """Clean up after an interrupted build or publish of ``out_dir`` (call under its lock).

    Stale staging folders, temporary links and unpublished versions are removed; a missing
    ``out_dir`` is pointed at the newest complete version (or, after a crash of the older
    two-rename publish, the previous folder is put back); old versions beyond KEEP_VERSIONS
    are removed. The published index is never touched.
    """
    out_dir = Path(out_dir)
    parent, name = out_dir.parent, out_dir.name
    if not parent.is_dir():
        return
    # Leftovers of the older layout: a staging copy, and the previous index moved aside.
    for p in parent.glob(f".{name}.build-*"):
        if _stale(p, ".build-"):
            _remove(p)
    for p in parent.glob(f".{name}.link-*"):
        if _stale(p, ".link-"):
            _remove(p)
    olds = sorted(parent.glob(f".{name}.old-*"))
    if not out_dir.exists() and not out_dir.is_symlink():
        for p in olds:
            if (p / MANIFEST).is_file():
                log.warning("index %s: restoring the previous index after an interrupted "
                            "publish", out_dir)
                os.replace(p, out_dir)
                break
    for p in parent.glob(f".{name}.old-*"):
        if out_dir.exists() and _stale(p, ".old-"):
            _remove(p)
    vdir = versions_dir(out_dir)
    if not vdir.is_dir():
        return
    for p in vdir.glob(".stage-*"):
        if _stale(p, ".stage-"):
            _remove(p)
    current = _current_version(out_dir)
    complete = [(n, p) for n, p in _versions(out_dir) if (p / MANIFEST).is_file()]
    if (current is None or not current.exists()) and not out_dir.exists() and complete:
        newest = complete[-1][1]
        log.warning("index %s: pointing it at %s after an interrupted publish", out_dir,
                    newest.name)
        _link(out_dir, newest)
        current = newest
    _prune(out_dir, current)


def _prune(out_dir: Path, current: Path | None) -> None:
    """Remove versions newer than ``current`` (never published) and all but the newest
    KEEP_VERSIONS up to it; a broken (incomplete) version is always removed."""
    cur_n = _version_number(current) if current is not None else None
    kept = 0
    for n, p in reversed(_versions(out_dir)):
        if cur_n is not None and n == cur_n:
            kept += 1
            continue
        if cur_n is None or n > cur_n or kept >= KEEP_VERSIONS or not (p / MANIFEST).is_file():
            _remove(p)
            _fault("cleaning")
        else:
            kept += 1


def _link(out_dir: Path, version: Path) -> None:
    """Point ``out_dir`` at ``version`` atomically (a new link renamed over the old one)."""
    tmp = out_dir.parent / f".{out_dir.name}.link-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(os.path.relpath(version, out_dir.parent), tmp)
    _fault("linked-tmp")
    if out_dir.is_dir() and not out_dir.is_symlink():
        _exchange(tmp, out_dir)  # a folder of the older layout: swap it for the link
        _remove(tmp)  # now the old folder
    else:
        os.replace(tmp, out_dir)
    _fsync_dir(out_dir.parent)


def _exchange(a: Path, b: Path) -> None:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); elsewhere move
    ``b`` aside first (``recover_index`` puts it back if the process dies in between)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_fdcwd, rename_exchange = -100, 2
        if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
            return
        err = ctypes.get_errno()
        log.debug("renameat2 failed (%s); falling back to two renames", os.strerror(err))
    aside = b.parent / f".{b.name}.old-{os.getpid()}"
    os.replace(b, aside)
    os.replace(a, b)
    os.replace(aside, a)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the rename is still atomic
    finally:
        os.close(fd)


def _staging_dir(out_dir: Path) -> Path:
    stage = versions_dir(out_dir) / f".stage-{os.getpid()}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    return stage


def _publish(stage: Path, out_dir: Path) -> Path:
    """Make the finished staging folder the next version and point ``out_dir`` at it.

    Returns the version folder. The previous version stays until the next publish prunes it.
    """
    _fault("staged")
    numbers = [n for n, _ in _versions(out_dir)]
    version = versions_dir(out_dir) / f"v{(max(numbers) + 1) if numbers else 1}"
    os.replace(stage, version)
    _fsync_dir(version.parent)
    _fault("versioned")
    _link(out_dir, version)
    _fault("published")
    _prune(out_dir, version)
    return version


@contextlib.contextmanager
def _index_lock(out_dir: Path) -> Iterator[None]:
    """One build of ``out_dir`` at a time (an append must see the previous one's documents)."""
    vdir = versions_dir(out_dir)
    vdir.mkdir(parents=True, exist_ok=True)
    with (vdir / ".lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class _RowWriter:
    """Puts embedded blocks (ascending rows) in row order: into an array of ``n_new`` rows,
    or appended to ``sink`` (a binary file) with zero rows for the gaps. Rows deleted in this
    build (a revised or deleted MEDLINE record) stay zero vectors: tombstones that searches
    skip."""

    def __init__(self, first_row: int, n_new: int, dim: int, sink: Any = None) -> None:
        self.first_row, self.n_new, self.dim, self.sink = first_row, n_new, dim, sink
        self.out = np.zeros((0 if sink is not None else n_new, dim), dtype=np.float32)
        self.written = 0  # rows handed to the sink so far

    def put(self, rows: np.ndarray, vecs: np.ndarray) -> None:
        idx = np.asarray(rows, dtype=np.int64) - self.first_row
        if self.sink is None:
            self.out[idx] = vecs
            return
        block = np.zeros((int(idx[-1]) + 1 - self.written, self.dim), dtype=np.float32)
        block[idx - self.written] = vecs
        self.sink.write(block.tobytes())
        self.written += len(block)

    def finish(self) -> np.ndarray:
        if self.sink is not None and self.written < self.n_new:
            self.sink.write(np.zeros((self.n_new - self.written, self.dim),
                                     dtype=np.float32).tobytes())
        return self.out


def _embed_new_rows(store: ChunkStore, first_row: int, n_new: int, embedder: Embedder | None,
                    cfg: IndexConfig, show_progress: bool, sink: Any = None, *,
                    dim: int | None = None, settings: Settings | None = None,
                    engine: EmbedEngineConfig | None = None,
                    info: dict[str, Any] | None = None) -> tuple[np.ndarray, float]:
    """Vectors for chunk rows ``first_row..first_row+n_new`` (title + chunk text), and the
    seconds it took. With ``sink`` (a binary file) the vectors are appended to it in row
    order instead of returned (bounded memory at any size). ``engine.engine == "ray"``
    embeds in Ray actors (``index.embed_ray``; ``settings`` names the model and device),
    else ``embedder`` does it here; both write the same rows."""
    dim = embedder.dimension if embedder is not None else int(dim or 0)
    writer = _RowWriter(first_row, n_new, dim, sink)
    bar = tqdm(total=n_new, desc="embedding", unit="chunk", file=sys.stderr,
               disable=not show_progress, dynamic_ncols=True)
    t0 = time.perf_counter()
    if engine is not None and engine.engine == "ray":
        from index.embed_ray import iter_ray_vectors

        assert settings is not None
        for rows, vecs in iter_ray_vectors(
                store.path, first_row, model_identity(settings)["path"], cfg.batch_size,
                address=engine.address, workers=engine.workers,
                device_setting=settings.device, info=info):
            writer.put(rows, vecs)
            bar.update(len(rows))
    else:
        assert embedder is not None
        for part in store.embedding_inputs(first_row, size=_EMBED_GROUP):
            vecs = embedder.encode([t for _, t in part], batch_size=cfg.batch_size)
            writer.put(np.array([r for r, _ in part], dtype=np.int64), vecs)
            bar.update(len(part))
        if info is not None:
            info.update({"engine": "local", "device": embedder.device})
    out = writer.finish()
    bar.close()
    return out, time.perf_counter() - t0


SHARDED = "ivfpq-sharded"


def _flat_or_ann(stage: Path, old: dict[str, Any] | None, cfg: IndexConfig, total: int,
                 dim: int, new_vecs: np.ndarray) -> faiss.Index:
    """The in-memory FAISS index (flat, HNSW or IVF-PQ) with the new vectors added."""
    kind = choose_index_type(total, cfg)
    if kind == "ivfpq" and total < cfg.ivfpq.min_train:
        # k-means for the coarse lists and PQ codebooks needs thousands of training vectors.
        print(f"{total} vectors are too few for IVF-PQ (needs {cfg.ivfpq.min_train}); using "
              "exact search", file=sys.stderr)
        kind = "flat"
    if old is not None:
        index = faiss.read_index(str(stage / VECTORS))
        if faiss_kind(index) != kind and cfg.index_type == "auto" and \
                faiss_kind(index) == "flat":
            # Outgrew exact search: flat indexes keep raw vectors, so no re-embedding.
            old_vecs = index.reconstruct_n(0, index.ntotal)
            index = new_faiss_index(kind, dim, total, cfg)
            train_and_add(index, np.vstack([old_vecs, new_vecs]), cfg)
        elif len(new_vecs):
            index.add(new_vecs)
        return index
    index = new_faiss_index(kind, dim, total, cfg)
    if len(new_vecs) or index.is_trained:
        train_and_add(index, new_vecs, cfg)
    return index


def _start_sharded(ivf_dir: Path, out_dir: Path, stage: Path, old_sharded: bool,
                   dim: int) -> None:
    """Prepare ``stage/ivf``: linked from the previous sharded version, or seeded with the
    vectors of a previous in-memory index (the index outgrew it: no re-embedding)."""
    if old_sharded:
        ivf.link_previous(out_dir / IVF_DIR, ivf_dir)
        return
    ivf_dir.mkdir(parents=True, exist_ok=True)
    if (stage / VECTORS).is_file():
        index = faiss.read_index(str(stage / VECTORS))
        for start in range(0, index.ntotal, ivf.BLOCK):
            ivf.append_rows(ivf_dir / RAW,
                            index.reconstruct_n(start, min(ivf.BLOCK, index.ntotal - start)))
        del index
        (stage / VECTORS).unlink()


def _apply_medline(path: Path, store: ChunkStore, existing: set[str], chunker: Chunker,
                   next_row: int, issues: list[LoadIssue]) -> dict[str, int]:
    """Apply one MEDLINE file to ``store``: new and revised records are (re)inserted from
    row ``next_row`` on (a revision first removes the old record, leaving tombstone rows),
    ``DeleteCitation`` PMIDs are removed. Returns counts (upserts, chunks, replaced, deleted)."""
    got = {"upserts": 0, "chunks": 0, "replaced": 0, "deleted": 0}
    pending: dict[str, Document] = {}

    def flush() -> None:
        docs = list(pending.values())
        chunks = [c for d in docs for c in chunker.split(d)]
        store.add(docs, chunks, next_row + got["chunks"])
        existing.update(pending)
        got["upserts"] += len(docs)
        got["chunks"] += len(chunks)
        pending.clear()

    for event in iter_medline_events(path, issues):
        if event.kind == "delete":
            if pending.pop(event.pmid, None) is not None or event.pmid in existing:
                got["deleted"] += 1
            if event.pmid in existing:
                store.delete_documents([event.pmid])
                existing.discard(event.pmid)
            continue
        assert event.document is not None
        if event.pmid in existing:  # a revision replaces the whole record
            store.delete_documents([event.pmid])
            existing.discard(event.pmid)
            got["replaced"] += 1
        elif event.pmid in pending:
            got["replaced"] += 1
        pending[event.pmid] = event.document
        if len(pending) >= _INSERT_BATCH:
            flush()
    if pending:
        flush()
    return got


def build_index(corpus_paths: Sequence[str | Path], out_dir: str | Path, settings: Settings,
                *, append: bool = False, show_progress: bool = True,
                config: IndexConfig | None = None,
                engine: EmbedEngineConfig | None = None,
                compact: bool = False) -> dict[str, Any]:
    """Build ``out_dir`` from ``corpus_paths`` (or add new documents with ``append``).

    ``config`` defaults to the index's own configuration when appending, else ``settings.index``.
    ``engine`` (default ``settings.index.embed``) says where the embedding runs: this process,
    or Ray actors (``index.embed_ray``); the index written is the same. ``compact`` drops the
    tombstone rows of a sharded index (automatic at ``config.compact_tombstones``).
    Returns the manifest. Raises InputError for missing/unsupported corpus paths and
    IndexMismatchError when appending with another embedding model than the index's.

    One build of a folder runs at a time; each starts by cleaning up after an interrupted
    one (``recover_index``) and ends with an atomic publish of a new version (``_publish``).
    """
    out_dir = Path(out_dir)
    with _index_lock(out_dir):
        recover_index(out_dir)
        try:
            return _build_locked(corpus_paths, out_dir, settings, append=append,
                                 show_progress=show_progress, config=config, engine=engine,
                                 compact=compact)
        except BaseException:
            _drop_empty_versions_dir(out_dir)  # a first build that failed leaves nothing
            raise


def _drop_empty_versions_dir(out_dir: Path) -> None:
    vdir = versions_dir(out_dir)
    if vdir.is_dir() and not _versions(out_dir) and not out_dir.exists():
        leftovers = [p for p in vdir.iterdir() if p.name != ".lock"]
        if not leftovers:
            (vdir / ".lock").unlink(missing_ok=True)
            vdir.rmdir()


def _build_locked(corpus_paths: Sequence[str | Path], out_dir: Path, settings: Settings,
                  *, append: bool, show_progress: bool,
                  config: IndexConfig | None,
                  engine: EmbedEngineConfig | None = None,
                  compact: bool = False) -> dict[str, Any]:
    t_start = time.perf_counter()
    # A folder of MEDLINE files is its files, in name order (baseline, then updates).
    paths = [f for p in map(Path, corpus_paths)
             for f in (medline_files([p]) if p.is_dir() and is_medline_path(p) else [p])]
    for p in paths:
        if not p.exists():
            raise InputError(f"corpus {p} does not exist")
        try:
            corpus_kind(p)
        except ValueError as exc:
            raise InputError(str(exc)) from exc
    identity = model_identity(settings)
    old = read_manifest(out_dir) if append else None
    if append and old is None:
        print(f"no index at {out_dir} yet: building a new one", file=sys.stderr)
    if old is not None:
        check_compatible(old, identity, out_dir)
        if config is None:
            config = IndexConfig.model_validate(old["config"])
    cfg = config or settings.index

    stage = _staging_dir(out_dir)
    try:
        old_sharded = old is not None and old["faiss"]["index_type"] == SHARDED
        if old is not None:
            shutil.copy2(out_dir / CHUNKS_DB, stage / CHUNKS_DB)
            if not old_sharded:
                shutil.copy2(out_dir / VECTORS, stage / VECTORS)
        store = ChunkStore(stage / CHUNKS_DB)
        existing = store.doc_ids() if old is not None else set()
        first_row = store.next_row()
        applied = {(f.get("name"), f["sha256"]) for f in
                   (old.get("corpus", {}).get("files", []) if old else []) if f.get("medline")}
        changes = {"replaced": 0, "deleted": 0, "files_skipped": 0}

        # Pass 1: load, chunk and store text (cheap); vectors come after, with a known total.
        t0 = time.perf_counter()
        issues: list[LoadIssue] = []
        chunker = Chunker(cfg.chunk_size, cfg.chunk_overlap)
        n_docs = n_chunks = 0
        already = [0]
        per_file: list[dict[str, Any]] = []

        def fresh(path: Path) -> Iterator[Document]:
            for d in iter_documents([path], issues):
                if d.doc_id in existing:
                    already[0] += 1
                    continue
                yield d

        for path in paths:
            n_file = 0
            if corpus_kind(path) == "medline":
                sha = corpus_checksum(path)
                if (path.name, sha) in applied:
                    changes["files_skipped"] += 1
                    print(f"{path.name}: already applied to this index; skipped",
                          file=sys.stderr)
                    continue
                got = _apply_medline(path, store, existing, chunker, first_row + n_chunks,
                                     issues)
                n_docs += got["upserts"]
                n_chunks += got["chunks"]
                changes["replaced"] += got["replaced"]
                changes["deleted"] += got["deleted"]
                applied.add((path.name, sha))
                per_file.append({"path": str(path), "name": path.name, "sha256": sha,
                                 "medline": True, "new_documents": got["upserts"],
                                 "replaced": got["replaced"], "deleted": got["deleted"]})
                continue
            for batch in _batched(fresh(path), _INSERT_BATCH):
                chunks = [c for d in batch for c in chunker.split(d)]
                store.add(batch, chunks, first_row + n_chunks)
                existing.update(d.doc_id for d in batch)
                n_docs += len(batch)
                n_file += len(batch)
                n_chunks += len(chunks)
            per_file.append({"path": str(path), "sha256": corpus_checksum(path),
                             "new_documents": n_file})
        n_already = already[0]
        load_s = time.perf_counter() - t0
        _report_issues(issues)

        if first_row + n_chunks == 0 and not changes["deleted"]:
            raise InputError(f"no documents could be read from {', '.join(map(str, paths))} "
                             f"({len(issues)} records skipped, reasons above)")

        # Pass 2: embed only the new chunks (here, or in Ray actors: then the driver loads
        # the model only when the folder does not declare its dimension).
        engine = engine or settings.index.embed
        on_ray = engine.engine == "ray" and n_chunks > 0
        embedder = Embedder(settings) if n_chunks and not (
            on_ray and identity["dimension"]) else None
        if embedder is not None and identity["dimension"] not in (None, embedder.dimension):
            identity["dimension"] = embedder.dimension
        dim = embedder.dimension if embedder else int(identity["dimension"]) if on_ray \
            else int(old["embedding"]["dimension"]) if old else int(identity["dimension"] or 0)
        total = first_row + n_chunks
        sharded = old_sharded or cfg.index_type == "sharded" or (
            cfg.index_type == "auto" and total >= cfg.sharded_threshold)
        ivf_dir = stage / IVF_DIR
        if sharded:
            _start_sharded(ivf_dir, out_dir, stage, old_sharded, dim)
        new_vecs = np.zeros((0, dim), dtype=np.float32)
        embed_s = 0.0
        engine_info: dict[str, Any] = {"engine": engine.engine}
        if n_chunks:
            with contextlib.ExitStack() as stack:
                sink = stack.enter_context((ivf_dir / RAW).open("ab")) if sharded else None
                new_vecs, embed_s = _embed_new_rows(
                    store, first_row, n_chunks, None if on_ray else embedder, cfg,
                    show_progress, sink, dim=dim, settings=settings,
                    engine=engine if on_ray else None, info=engine_info)
            rate = n_chunks / embed_s if embed_s > 0 else 0.0
            where = (f"{engine_info.get('actors')} Ray {engine_info.get('device')} actor(s)"
                     if on_ray else f"device {engine_info.get('device')}")
            print(f"embedded {n_chunks} chunks in {embed_s:.1f} s ({rate:.1f} chunks/s, "
                  f"{where}, batch {cfg.batch_size})", file=sys.stderr)

        # FAISS: add to the existing index, or (re)build when the size calls for another type.
        t0 = time.perf_counter()
        compacted = 0
        if sharded:
            tombstones = total - store.count_chunks()
            if tombstones and (compact or (cfg.compact_tombstones < 1 and
                                           tombstones >= cfg.compact_tombstones * total)):
                # Drop the tombstone rows: vectors and chunk rows renumbered in the same
                # order, every shard re-encoded with the trained quantizer (no re-embedding).
                ivf.compact_raw(ivf_dir, dim, total, np.array(store.live_rows()))
                total, compacted = store.renumber(), tombstones
                print(f"compacted {compacted} tombstone rows; {total} vectors re-encoded",
                      file=sys.stderr)
                if old_sharded:
                    ivf.reset_shards(ivf_dir)
            meta = ivf.add(ivf_dir, total, cfg) if old_sharded else ivf.build(ivf_dir, dim, cfg)
            index_kind, index_n = SHARDED, int(meta["n"])
        else:
            index = _flat_or_ann(stage, old, cfg, total, dim, new_vecs)
            save_faiss(index, stage / VECTORS)
            index_kind, index_n = faiss_kind(index), int(index.ntotal)

        # BM25 over all chunks (re-tokenizing is far cheaper than embedding).
        texts = [""] * total  # row i is BM25 document i; deleted rows stay empty
        for row, _, text in store.iter_chunk_texts():
            texts[row] = text
        BM25Index.build(texts, k1=cfg.search.bm25_k1, b=cfg.search.bm25_b).save(stage / BM25_DIR)
        index_s = time.perf_counter() - t0

        n_total_docs = store.count_documents()
        live_chunks = store.count_chunks()
        store.close()
        history = (old.get("corpus", {}).get("files", []) if old else []) + per_file
        checksum = hashlib.sha256("".join(f["sha256"] for f in history).encode()).hexdigest()
        manifest: dict[str, Any] = {
            "format_version": FORMAT_VERSION,
            "created_at": old["created_at"] if old else _now(),
            "updated_at": _now(),
            "embedding": {k: identity[k] for k in ("name", "path", "fingerprint")}
            | {"dimension": dim},
            "chunking": {"splitter": "langchain RecursiveCharacterTextSplitter, section-aware",
                         "chunk_size": cfg.chunk_size, "chunk_overlap": cfg.chunk_overlap,
                         "embedded_text": "title + newline + chunk"},
            "bm25": {"package": "bm25s", "tokenizer": TOKENIZER_NAME,
                     "k1": cfg.search.bm25_k1, "b": cfg.search.bm25_b, "unit": "chunk"},
            "faiss": {"index_type": index_kind, "metric": "inner product (cosine)",
                      "vectors": index_n, "gpu_build": bool(cfg.use_gpu and gpu_available())},
            "corpus": {"checksum": checksum, "files": history},
            "counts": {"documents": n_total_docs, "chunks": total,
                       "new_documents": n_docs, "new_chunks": n_chunks,
                       "already_indexed": n_already, "skipped": len(issues)},
            # MEDLINE updates of this build; tombstones: vector rows of removed chunks
            # (searches skip them; a rebuild from the files drops them).
            "updates": {"replaced_documents": changes["replaced"],
                        "deleted_documents": changes["deleted"],
                        "files_already_applied": changes["files_skipped"],
                        "tombstones": total - live_chunks}
            | ({"compacted_rows": compacted} if compacted else {}),
            "timings": {"load_chunk_s": round(load_s, 3), "embed_s": round(embed_s, 3),
                        "index_s": round(index_s, 3),
                        "total_s": round(time.perf_counter() - t_start, 3),
                        "embed_chunks_per_s": round(n_chunks / embed_s, 2) if embed_s else None},
            # The engine is how this build ran, not a property of the index: kept out of
            # "config" (which --append reuses) and reported here.
            "config": cfg.model_dump(mode="json", exclude={"embed"}),
            "embed_engine": engine_info,
        }
        if index_n != total:
            raise RuntimeError(f"internal error: {index_n} vectors for {total} chunks")
        write_json_atomic(stage / MANIFEST, manifest)
        _publish(stage, out_dir)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    skipped = manifest["counts"]["skipped"]
    from index.loaders import count_unread

    unread = count_unread(issues)
    unread_note = f" and {unread} more left unread after fatal file errors" if unread else ""
    print(f"index {out_dir}: {n_total_docs} documents, {total} chunks ({n_docs} new documents, "
          f"{n_chunks} new chunks, {n_already} already indexed); {skipped} malformed records "
          f"skipped{unread_note}; {manifest['faiss']['index_type']} FAISS index; "
          f"{manifest['timings']['total_s']:.1f} s", file=sys.stderr)
    return manifest


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@contextlib.contextmanager
def _build_lock(target: Path) -> Iterator[None]:
    """Serialise concurrent first-use builds of the same folder (e.g. UI + CLI at once)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent / f".{target.name}.lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ensure_default_index(settings: Settings) -> Path:
    """Return ``settings.resolved_index_dir``, building it from the bundled PubMedQA corpus
    (``data/pubmedqa/corpus.jsonl``) on first use; later calls reuse it.

    The default cache folder is rebuilt when the embedding model or the store format
    (``FORMAT_VERSION``) changed; a folder the user configured (``index_dir``) is never
    replaced: a model mismatch raises IndexMismatchError.
    """
    target = settings.resolved_index_dir
    identity = model_identity(settings)
    with _build_lock(target):
        if versions_dir(target).is_dir() or not target.exists():
            with _index_lock(target):  # a publish interrupted last time: clean up first
                recover_index(target)
            _drop_empty_versions_dir(target)
        manifest = read_manifest(target)
        if manifest is not None and settings.index_dir is None and \
                manifest.get("format_version", 1) != FORMAT_VERSION:
            # The default folder is a cache of the bundled corpus: a store format change
            # rebuilds it (a folder the user configured is opened as it is).
            print(f"the cached default index {target} has store format "
                  f"{manifest.get('format_version', 1)}, this version writes {FORMAT_VERSION}: "
                  "rebuilding it", file=sys.stderr)
            manifest = None
        if manifest is not None:
            try:
                check_compatible(manifest, identity, target)
                return target
            except IndexMismatchError:
                if settings.index_dir is not None:
                    raise
                print(f"the cached default index {target} was built with another embedding "
                      "model: rebuilding it", file=sys.stderr)
        corpus = settings.data_dir / DEFAULT_CORPUS
        if not corpus.is_file():
            raise InputError(f"the bundled corpus {corpus} is missing; reinstall the project or "
                             "build an index with `python -m index.build CORPUS --out DIR`")
        print(f"building the literature index {target} from {corpus} (first use only; "
              "a few minutes on CPU)", file=sys.stderr)
        build_index([corpus], target, settings)
    return target


def main() -> int:
    from assistant.cli import add_settings_args, flag_overrides, settings_from_args, setup_logging
    from assistant.config import deep_merge, parse_overrides

    parser = argparse.ArgumentParser(prog="python -m index.build", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="+", help=".jsonl, .xml, .xml.gz or a folder")
    parser.add_argument("--out", required=True, help="index folder to write")
    parser.add_argument("--append", action="store_true", help="add new documents only")
    parser.add_argument("--index-config",
                        help="YAML file of the index section (see `python -m assistant.config "
                             "show index`; same as an index: section in --config)")
    parser.add_argument("--index-set", action="append", default=[], metavar="KEY=VALUE",
                        help="override an index setting, e.g. hnsw.m=48 (same as --set "
                             "index.hnsw.m=48; repeatable)")
    parser.add_argument("--chunk-size", type=int)
    parser.add_argument("--chunk-overlap", type=int)
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--index-type", choices=["auto", "flat", "hnsw", "ivfpq", "sharded"])
    parser.add_argument("--exact-threshold", type=int)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--compact", action="store_true",
                        help="sharded index: drop the tombstone rows of revised and deleted "
                             "MEDLINE records now (automatic at index.compact_tombstones)")
    eng = parser.add_argument_group("embedding engine (same as index.embed.* settings)")
    eng.add_argument("--engine", choices=["local", "ray"],
                     help="embed in this process (default) or in Ray Data actors (a GPU per "
                          "actor when the cluster has GPUs)")
    eng.add_argument("--address", help="Ray cluster to join ('auto' on a cluster node, or "
                                       "HOST:PORT); default: start a local Ray")
    eng.add_argument("--workers", type=int, help="Ray embedding actors (default: one per GPU, "
                                                 "else one per CPU)")
    add_settings_args(parser)
    args = parser.parse_args()
    setup_logging(args.verbose)
    extra = deep_merge(parse_overrides(args.index_set, prefix="index"), flag_overrides(
        args, {flag: f"index.{flag}" for flag in ("chunk_size", "chunk_overlap", "batch_size",
                                                   "index_type", "exact_threshold")}))
    settings = settings_from_args(args, section_files={"index": args.index_config}, extra=extra)
    # --append without any index setting keeps the configuration the index was built with.
    config = settings.index if "index" in settings.model_fields_set or not args.append else None
    # The engine flags are not index settings: they never replace the configuration an
    # --append keeps.
    engine = EmbedEngineConfig.model_validate(settings.index.embed.model_dump() | {
        k: v for k, v in (("engine", args.engine), ("address", args.address),
                          ("workers", args.workers)) if v is not None})
    build_index(args.corpus, args.out, settings, append=args.append,
                show_progress=not args.quiet, config=config, engine=engine,
                compact=args.compact)
    return 0


if __name__ == "__main__":
    from assistant.cli import run_cli

    run_cli(main)
