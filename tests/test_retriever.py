"""The LangChain adapter, used through LangChain's own interface on a small real index."""

from __future__ import annotations

import pytest
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from tiny_index import build_tiny_index  # same folder (pytest rootdir on sys.path)

from assistant.config import load_settings
from index.base import Searcher
from index.retriever import IndexRetriever
from index.search import IndexSearcher, open_index


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> IndexSearcher:
    base = tmp_path_factory.mktemp("retriever")
    settings = load_settings(None, {"cache_dir": str(base / "cache"), "device": "cpu"},
                             environ={})
    settings, index_dir = build_tiny_index(base, settings)
    return open_index(index_dir, settings)


def test_invoke_returns_langchain_documents_best_first(searcher: IndexSearcher) -> None:
    retriever = IndexRetriever(searcher=searcher, k=3)
    assert isinstance(retriever, BaseRetriever) and isinstance(searcher, Searcher)
    docs = retriever.invoke("Does low-dose aspirin prevent pre-eclampsia?")
    assert all(isinstance(d, Document) for d in docs)
    assert [d.id for d in docs] == ["202", "201", "203"]  # hybrid: BM25 + FAISS, fused
    top = docs[0]
    assert top.metadata["doc_id"] == "202"
    assert top.metadata["title"] == "Aspirin prophylaxis in pregnancy"
    assert top.metadata["score"] == pytest.approx(1 / 61 + 1 / 61)  # first in both retrievers
    assert top.page_content == ("CONCLUSIONS: Daily low-dose aspirin from the first trimester "
                                "prevented pre-eclampsia.")
    assert top.metadata["chunk_text"] == top.page_content  # a one-chunk abstract


def test_bm25_mode_and_chunk_content(searcher: IndexSearcher) -> None:
    retriever = IndexRetriever(searcher=searcher, k=5, mode="bm25", content="chunk")
    docs = retriever.invoke("statins dementia")
    assert [d.metadata["doc_id"] for d in docs] == ["102", "101", "103"]  # matching ones only
    assert docs[1].page_content == docs[1].metadata["chunk_text"]  # the best chunk
    assert docs[1].page_content.startswith("METHODS: Older adults taking statins")
    assert docs[1].metadata["source"] == "corpus.jsonl"  # the index's own metadata is kept
