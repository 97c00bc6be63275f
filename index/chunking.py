"""Section-aware chunking with ``langchain-text-splitters``.

Abstract sections are packed whole into chunks while they fit (so a chunk never mixes half a
section with another); a section longer than ``chunk_size`` is split with the recursive
character splitter (paragraph, line, sentence, word boundaries) with ``chunk_overlap``.
Chunk ids are ``<doc_id>#<n>``, so every chunk maps back to its document.
"""

from __future__ import annotations

from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from index.loaders import Document

_SEPARATORS = ["\n\n", "\n", ". ", "; ", ", ", " ", ""]


@dataclass(frozen=True)
class Chunk:
    """A piece of one document; ``ord`` is its position within the document."""

    chunk_id: str
    doc_id: str
    ord: int
    text: str


def chunk_id(doc_id: str, ord_: int) -> str:
    """The id of chunk ``ord_`` of ``doc_id``."""
    return f"{doc_id}#{ord_}"


def doc_id_of(chunk_id_: str) -> str:
    """The document id a chunk id belongs to (ids may themselves contain '#')."""
    return chunk_id_.rsplit("#", 1)[0]


class Chunker:
    """Splits documents into chunks of at most ~``chunk_size`` characters."""

    def __init__(self, chunk_size: int = 1000, chunk_overlap: int = 150) -> None:
        self.chunk_size = chunk_size
        self.splitter = RecursiveCharacterTextSplitter(
            chunk_size=chunk_size, chunk_overlap=chunk_overlap, separators=_SEPARATORS,
            keep_separator="end", strip_whitespace=True)

    def _pieces(self, label: str, body: str) -> list[str]:
        head = f"{label}: " if label else ""
        if len(head) + len(body) <= self.chunk_size:
            return [head + body]
        return [head + part for part in self.splitter.split_text(body) if part.strip()]

    def split(self, doc: Document) -> list[Chunk]:
        """Chunks of ``doc`` in reading order (at least one for a non-empty document)."""
        texts: list[str] = []
        current = ""
        for label, body in doc.sections:
            for piece in self._pieces(label, body):
                if current and len(current) + 2 + len(piece) <= self.chunk_size:
                    current = f"{current}\n\n{piece}"
                    continue
                if current:
                    texts.append(current)
                current = piece
        if current:
            texts.append(current)
        return [Chunk(chunk_id(doc.doc_id, i), doc.doc_id, i, t) for i, t in enumerate(texts)]


def embedding_text(title: str, chunk_text: str) -> str:
    """What is embedded for a chunk: the document title gives every chunk its topic."""
    return f"{title}\n{chunk_text}" if title else chunk_text
