"""Section-aware chunking, chunk ids that map back to documents, RRF fusion order."""

from __future__ import annotations

import pytest

from index.chunking import Chunker, chunk_id, doc_id_of, embedding_text
from index.loaders import Document
from index.search import rrf_fuse


def test_small_sections_are_packed_whole() -> None:
    doc = Document("d1", "T", [("BACKGROUND", "a" * 40), ("METHODS", "b" * 40),
                               ("RESULTS", "c" * 90)], {})
    chunks = Chunker(chunk_size=110, chunk_overlap=10).split(doc)
    # "BACKGROUND: " (12) + 40 = 52; + "\n\n" + "METHODS: " (9) + 40 -> 103 <= 110: packed.
    # RESULTS: 9 + 90 = 99 does not fit after that: a chunk of its own.
    assert [c.text for c in chunks] == [
        "BACKGROUND: " + "a" * 40 + "\n\nMETHODS: " + "b" * 40,
        "RESULTS: " + "c" * 90]
    assert [(c.chunk_id, c.doc_id, c.ord) for c in chunks] == [("d1#0", "d1", 0), ("d1#1", "d1", 1)]


def test_long_section_split_with_overlap_and_label() -> None:
    sentences = " ".join(f"Sentence {i} is here." for i in range(30))  # 30 x ~20 chars
    doc = Document("pm#7", "", [("RESULTS", sentences)], {})
    chunks = Chunker(chunk_size=200, chunk_overlap=40).split(doc)
    assert len(chunks) >= 3
    assert all(c.text.startswith("RESULTS: ") for c in chunks)
    assert all(len(c.text) <= 200 + len("RESULTS: ") for c in chunks)
    assert all(doc_id_of(c.chunk_id) == "pm#7" and c.doc_id == "pm#7" for c in chunks)
    # Every sentence survives, and consecutive chunks overlap.
    joined = " ".join(c.text for c in chunks)
    assert all(f"Sentence {i} is here." in joined for i in range(30))
    first_tail = chunks[0].text.split()[-1]
    assert first_tail in chunks[1].text


def test_chunk_id_roundtrip_and_embedding_text() -> None:
    assert chunk_id("a#b", 3) == "a#b#3" and doc_id_of("a#b#3") == "a#b"
    assert embedding_text("Title", "body") == "Title\nbody"
    assert embedding_text("", "body") == "body"


def test_rrf_pinned_values() -> None:
    fused = rrf_fuse([["a", "b", "c"], ["b", "c", "d"]], k=60)
    # b: 1/62 + 1/61, c: 1/63 + 1/62, a: 1/61, d: 1/63
    assert [d for d, _ in fused] == ["b", "c", "a", "d"]
    assert [round(s, 9) for _, s in fused] == [0.032522475, 0.032002048, 0.016393443,
                                                0.015873016]


def test_rrf_weights_and_ties() -> None:
    # With the lexical list weighted 3x, "a" (lexical rank 1 only) beats "d" (dense rank 1 only).
    fused = dict(rrf_fuse([["a", "x"], ["d", "x"]], k=1, weights=[3.0, 1.0]))
    assert fused["a"] == pytest.approx(1.5) and fused["d"] == pytest.approx(0.5)
    assert fused["x"] == pytest.approx(1.0 + 1 / 3)
    # Equal scores: the better single rank wins, then the id.
    assert [d for d, _ in rrf_fuse([["y", "x"], ["x", "y"]], k=60)] == ["x", "y"]
    assert [d for d, _ in rrf_fuse([["q", "p"], ["r"]], k=10)] == ["q", "r", "p"]
