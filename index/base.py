"""The retrieval seam: ``DocHit`` and the ``Searcher`` protocol every searcher implements.

Kept free of FAISS and torch imports so that callers can type against it (``LiteratureQA``,
``Assistant``, the evals) without loading the index stack; ``index.search.IndexSearcher`` is
the implementation over an index folder, and the evals wrap it (``eval.pubmedqa``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

Mode = Literal["hybrid", "bm25", "dense"]
MODES: tuple[Mode, ...] = ("hybrid", "bm25", "dense")


@dataclass
class DocHit:
    """One retrieved document."""

    doc_id: str
    title: str
    score: float
    text: str
    """The full document text."""
    chunk_text: str
    """The best-matching chunk of the document."""
    metadata: dict[str, Any] = field(default_factory=dict)
    ranks: dict[str, int] = field(default_factory=dict)
    """1-based rank under each retriever that returned the document ("bm25", "dense")."""


@runtime_checkable
class Searcher(Protocol):
    """Ranked document search plus the term weighing the literature pipeline abstains on."""

    def search(self, query: str, k: int = 10, mode: Mode = "hybrid") -> list[DocHit]:
        """Up to ``k`` documents for ``query``, best first, one hit per document."""
        ...

    def coverage(self, query: str, text: str) -> float:
        """IDF-weighted share (0..1) of the query's terms that ``text`` contains."""
        ...
