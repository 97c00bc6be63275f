"""Hybrid search: BM25 (bm25s) and dense (FAISS) chunk retrieval, fused by reciprocal rank fusion,
returning one hit per document (its best chunk), best first.

    python -m index.search DIR "query" -k 10 [--mode hybrid|bm25|dense]
    python -m index.search DIR --in QUESTIONS.jsonl --out FILE.jsonl -k 10 [--resume]

Input lines ``{"id": ..., "question": ...}``; output lines
``{"id": ..., "retrieved": [doc ids, best first], "scores": [...], "error": null}``.
"""

from __future__ import annotations

import argparse
import functools
import math
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings, load_settings
from assistant.errors import IndexMismatchError, InputError
from index.base import MODES, DocHit, Mode, Searcher
from index.bm25 import BM25Index
from index.build import check_compatible
from index.config import IndexConfig, SearchConfig
from index.embed import Embedder, model_identity
from index.store import (
    BM25_DIR,
    CHUNKS_DB,
    ChunkStore,
    open_vectors,
    read_manifest,
    resolve_index_dir,
)

__all__ = ["MODES", "DocHit", "IndexSearcher", "Mode", "Searcher", "open_index", "rrf_fuse",
           "rrf_score"]


def rrf_score(rank: int, weight: float = 1.0, rrf_k: float = 60.0) -> float:
    """One retriever's reciprocal-rank-fusion term for a document at 1-based ``rank``."""
    return weight / (rrf_k + rank)


def rrf_fuse(rankings: Sequence[Sequence[str]], k: float = 60.0,
             weights: Sequence[float] | None = None) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: ``score(d) = sum_i w_i / (k + rank_i(d))``, ranks from 1.

    Ties are broken by the best single rank, then by id, so the order is deterministic.
    """
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    scores: dict[str, float] = {}
    best_rank: dict[str, int] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, 1):
            scores[item] = scores.get(item, 0.0) + rrf_score(rank, w, k)
            best_rank[item] = min(best_rank.get(item, rank), rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], best_rank[kv[0]], kv[0]))


def _docs_from_chunks(rows: np.ndarray, scores: np.ndarray, chunk_docs: np.ndarray,
                      limit: int) -> list[tuple[str, int, float]]:
    """(doc_id, best row, best score) per document, in the chunks' order, at most ``limit``."""
    out: list[tuple[str, int, float]] = []
    seen: set[str] = set()
    for row, score in zip(rows.tolist(), scores.tolist(), strict=True):
        if row < 0 or row >= len(chunk_docs):  # FAISS pads with -1 when fewer results exist
            continue
        if chunk_docs[row] is None:  # a deleted or revised record's tombstone
            continue
        doc = str(chunk_docs[row])
        if doc in seen:
            continue
        seen.add(doc)
        out.append((doc, row, score))
        if len(out) >= limit:
            break
    return out


class IndexSearcher:
    """An opened index folder, implementing the ``Searcher`` protocol (``index.base``).

    Thread-safe for reading; the embedder loads on first dense use.
    """

    def __init__(self, index_dir: Path, settings: Settings | None = None,
                 search_config: SearchConfig | None = None) -> None:
        self.index_dir = Path(index_dir)
        self.settings = settings or load_settings()
        data_dir = resolve_index_dir(self.index_dir)  # one version for every file below
        manifest = read_manifest(data_dir)
        if manifest is None:
            raise InputError(
                f"no index at {self.index_dir} (no manifest.json); build one with "
                f"`python -m index.build CORPUS... --out {self.index_dir}`")
        self.identity = model_identity(self.settings)
        check_compatible(manifest, self.identity, self.index_dir)
        self.manifest = manifest
        self.config = IndexConfig.model_validate(manifest["config"])
        if search_config is not None:
            self.config.search = search_config
        self.store = ChunkStore(data_dir / CHUNKS_DB, readonly=True)
        self.index = open_vectors(data_dir, self.config)
        self.bm25 = BM25Index.load(data_dir / BM25_DIR)
        self.chunk_docs = np.array(self.store.chunk_doc_ids(), dtype=object)
        n_docs = max(1, int(manifest["counts"]["documents"]))
        self.n_docs = n_docs
        live = max(1, sum(d is not None for d in self.chunk_docs))
        # Tombstones (deleted rows) still come back from FAISS/BM25: ask deeper by their share.
        self._chunks_per_doc = max(1.0, len(self.chunk_docs) / n_docs) * \
            max(1.0, int(self.index.ntotal) / live)
        self._embedder: Embedder | None = None
        self._qcache: dict[str, np.ndarray] = {}
        # One lock for the SQLite connection, the query cache and lazy model loading: the chat
        # UI may search from several threads.
        self._lock = threading.RLock()

    @property
    def embedder(self) -> Embedder:
        """The query embedder (loaded lazily so opening an index stays fast)."""
        with self._lock:
            return self._load_embedder()

    def _load_embedder(self) -> Embedder:
        if self._embedder is None:
            # One shared model per process (the chat also embeds for triage and safety).
            from index.embed import get_embedder

            emb = get_embedder(self.settings)
            built = int(self.manifest["embedding"]["dimension"])
            if emb.dimension != built:
                raise IndexMismatchError(
                    f"index {self.index_dir} holds {built}-d vectors but the configured "
                    f"embedding model gives {emb.dimension}-d; rebuild the index with "
                    f"`python -m index.build CORPUS... --out {self.index_dir}`")
            self._embedder = emb
        return self._embedder

    def _chunk_depth(self, n_docs_wanted: int) -> int:
        return min(int(self.index.ntotal) or len(self.chunk_docs),
                   int(math.ceil(n_docs_wanted * self._chunks_per_doc)) + 10)

    def _bm25_docs(self, query: str, n: int) -> list[tuple[str, int, float]]:
        rows, scores = self.bm25.search(query, self._chunk_depth(n))
        return _docs_from_chunks(rows, scores, self.chunk_docs, n)

    def _dense_docs(self, qvec: np.ndarray, n: int) -> list[tuple[str, int, float]]:
        depth = self._chunk_depth(n)
        if depth <= 0:
            return []
        scores, rows = self.index.search(qvec.reshape(1, -1), depth)
        return _docs_from_chunks(rows[0], scores[0], self.chunk_docs, n)

    def coverage(self, query: str, text: str) -> float:
        """IDF-weighted share of the query's BM25 terms that ``text`` contains (0..1): how
        much of what is specific in the query the text speaks about."""
        from index.bm25 import tokenize

        terms = set(tokenize(query))
        weights = {t: self.bm25.idf(t) for t in terms}
        total = sum(weights.values())
        if total <= 0:
            return 0.0
        present = terms & set(tokenize(text))
        return sum(weights[t] for t in present) / total

    def search(self, query: str, k: int = 10, mode: Mode = "hybrid") -> list[DocHit]:
        """Up to ``k`` documents for ``query``, best first, one hit per document."""
        return self.search_many([query], k=k, mode=mode)[0]

    def search_many(self, queries: Sequence[str], k: int = 10,
                    mode: Mode = "hybrid") -> list[list[DocHit]]:
        """``search`` for several queries (their embeddings are computed in one batch)."""
        if mode not in MODES:
            raise InputError(f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
        if k < 1:
            raise InputError("k must be at least 1")
        for q in queries:
            if not q or not q.strip():
                raise InputError("empty query")
        qvecs = self._query_vectors(queries) if mode != "bm25" else None
        out = []
        for i, query in enumerate(queries):
            ranked = self._rank(query, None if qvecs is None else qvecs[i], k, mode)
            out.append(self._hits(ranked))
        return out

    def _query_vectors(self, queries: Sequence[str]) -> np.ndarray:
        # Small cache: the same question is often searched in several modes (eval, UI + CLI).
        with self._lock:
            todo = [q for q in dict.fromkeys(queries) if q not in self._qcache]
            if todo:
                if len(self._qcache) + len(todo) > 1024:
                    self._qcache.clear()
                self._qcache.update(zip(todo, self.embedder.encode_queries(todo), strict=True))
            return np.stack([self._qcache[q] for q in queries])

    def _rank(self, query: str, qvec: np.ndarray | None, k: int,
              mode: Mode) -> list[tuple[str, int, float, dict[str, int]]]:
        """(doc_id, best chunk row, score, rank per retriever) for the top ``k`` documents."""
        s = self.config.search
        if mode == "bm25":
            return [(d, row, sc, {"bm25": i}) for i, (d, row, sc)
                    in enumerate(self._bm25_docs(query, k), 1)]
        assert qvec is not None
        if mode == "dense":
            return [(d, row, sc, {"dense": i}) for i, (d, row, sc)
                    in enumerate(self._dense_docs(qvec, k), 1)]
        n = max(k, s.candidates)
        lexical = self._bm25_docs(query, n)
        dense = self._dense_docs(qvec, n)
        fused = rrf_fuse([[d for d, _, _ in lexical], [d for d, _, _ in dense]], k=s.rrf_k,
                         weights=[s.bm25_weight, s.dense_weight])
        # The shown chunk: the document's best chunk under the retriever that ranks it higher.
        rank_l = {d: (i, row) for i, (d, row, _) in enumerate(lexical)}
        rank_d = {d: (i, row) for i, (d, row, _) in enumerate(dense)}
        ranked = []
        for doc, score in fused[:k]:
            cands = [v for v in (rank_d.get(doc), rank_l.get(doc)) if v is not None]
            ranks = {name: r[doc][0] + 1 for name, r in (("bm25", rank_l), ("dense", rank_d))
                     if doc in r}
            ranked.append((doc, min(cands)[1], score, ranks))
        return ranked

    def _hits(self, ranked: list[tuple[str, int, float, dict[str, int]]]) -> list[DocHit]:
        with self._lock:
            chunks = self.store.chunks_by_rows([row for _, row, _, _ in ranked])
            docs = self.store.documents([d for d, _, _, _ in ranked])
        hits = []
        for doc_id, row, score, ranks in ranked:
            title, text, meta = docs[doc_id]
            hits.append(DocHit(doc_id, title, float(score), text, chunks[row][1], meta, ranks))
        return hits

    def describe(self) -> dict[str, Any]:
        """Index folder, counts, model and FAISS type (for status panels)."""
        m = self.manifest
        return {"index_dir": str(self.index_dir), "documents": m["counts"]["documents"],
                "chunks": m["counts"]["chunks"], "embedding_model": m["embedding"]["name"],
                "faiss_index_type": m["faiss"]["index_type"]}

    def close(self) -> None:
        self.store.close()


def open_index(index_dir: Path, settings: Settings | None = None, *,
               search_config: SearchConfig | None = None) -> IndexSearcher:
    """Open an index folder for searching.

    Raises IndexMismatchError when it was built with another embedding model or dimension,
    InputError when the folder holds no complete index.
    """
    return IndexSearcher(Path(index_dir), settings, search_config)


# ------------------------------------------------------------------------------------- CLI

def _search_record(searcher: Searcher, k: int, mode: Mode, rec: dict[str, Any]) -> dict[str, Any]:
    if rec.get("id") is None:
        raise InputError("record has no 'id'")
    question = rec.get("question", rec.get("query"))
    if not isinstance(question, str) or not question.strip():
        raise InputError("record has no non-empty 'question'")
    hits = searcher.search(question, k=k, mode=mode)
    return {"id": str(rec.get("id")), "retrieved": [h.doc_id for h in hits],
            "scores": [round(h.score, 6) for h in hits], "error": None}


def _make_process(index_dir: str, settings_dict: dict[str, Any], k: int, mode: Mode,
                  search_update: dict[str, Any] | None = None):
    settings = Settings.model_validate(settings_dict)
    searcher = _apply_search_settings(open_index(Path(index_dir), settings), search_update)
    return functools.partial(_search_record, searcher, k, mode)


def _apply_search_settings(searcher: Searcher, update: dict[str, Any] | None) -> Searcher:
    """Put the ``index.search`` settings given explicitly (``--set index.search.rrf_k=30``,
    YAML, ``CLINASSIST_INDEX__SEARCH__*``) over the ones stored in the index."""
    from pydantic import ValidationError

    from assistant.errors import ConfigError

    if update:
        try:
            searcher.config.search = SearchConfig.model_validate(
                {**searcher.config.search.model_dump(), **update})
        except ValidationError as exc:
            raise ConfigError(f"invalid index.search settings for {searcher.index_dir}: "
                              f"{exc.errors()[0]['msg']}") from exc
    return searcher


def _error_record(key: str, message: str) -> dict[str, Any]:
    return {"id": key, "retrieved": [], "scores": [], "error": message}


def print_table(hits: Sequence[DocHit], file: Any = None, width: int = 70) -> None:
    """A ranked table: rank, score, doc id, title (or the start of the best chunk)."""
    file = file or sys.stdout
    print(f"{'rank':>4}  {'score':>8}  {'doc_id':<14}  title / best chunk", file=file)
    for i, h in enumerate(hits, 1):
        label = h.title or h.chunk_text
        label = " ".join(label.split())
        if len(label) > width:
            label = label[:width - 3] + "..."
        print(f"{i:>4}  {h.score:>8.4f}  {h.doc_id:<14}  {label}", file=file)


def main() -> int:
    from assistant.batch import read_jsonl_items, run_batch
    from assistant.cli import add_settings_args, settings_from_args, setup_logging

    parser = argparse.ArgumentParser(prog="python -m index.search", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("index_dir", help="index folder (python -m index.build ... --out DIR)")
    parser.add_argument("query", nargs="?", help="one query: prints a ranked table")
    parser.add_argument("--in", dest="inp", help="JSONL of {id, question}")
    parser.add_argument("--out", help="output JSONL (with --in)")
    parser.add_argument("-k", type=int, default=10, help="documents per query (default 10)")
    parser.add_argument("--mode", choices=list(MODES), default="hybrid")
    parser.add_argument("--resume", action="store_true", help="continue an interrupted --in run")
    parser.add_argument("--json", action="store_true", help="one query: print JSON hits instead")
    add_settings_args(parser)
    args = parser.parse_args()
    if (args.query is None) == (args.inp is None):
        parser.error("give either a QUERY or --in QUESTIONS.jsonl --out FILE.jsonl")
    if args.inp and not args.out:
        parser.error("--in needs --out")
    if args.k < 1:
        parser.error("-k must be at least 1")
    setup_logging(args.verbose)
    settings = settings_from_args(args)
    search_update = settings.index.search.model_dump(exclude_unset=True)
    if args.inp:
        items = read_jsonl_items(args.inp)
        summary = run_batch(
            items, functools.partial(_make_process, args.index_dir,
                                     settings.model_dump(mode="json"), args.k, args.mode,
                                     search_update),
            _error_record, args.out, key_of=lambda r: str(r.get("id")), resume=args.resume,
            desc="search")
        print(summary.line("queries"), file=sys.stderr)
        return 0
    searcher = _apply_search_settings(open_index(Path(args.index_dir), settings), search_update)
    hits = searcher.search(args.query, k=args.k, mode=args.mode)
    if args.json:
        import json

        print(json.dumps([h.__dict__ for h in hits], ensure_ascii=False, indent=2))
    else:
        print_table(hits)
    return 0


if __name__ == "__main__":
    from assistant.cli import run_cli

    run_cli(main)
