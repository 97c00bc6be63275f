"""LangChain adapter: the hybrid index search as a ``BaseRetriever``.

    from index.retriever import IndexRetriever
    retriever = IndexRetriever(searcher=open_index(dir, settings), k=5)
    docs = retriever.invoke("Does aspirin prevent pre-eclampsia?")
"""

from __future__ import annotations

from typing import Any, Literal

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from index.base import DocHit, Mode, Searcher


def hit_to_document(hit: DocHit, content: Literal["document", "chunk"] = "document") -> Document:
    """A LangChain Document for a hit; metadata keeps id, title, score and the best chunk."""
    meta: dict[str, Any] = dict(hit.metadata)
    meta.update({"doc_id": hit.doc_id, "title": hit.title, "score": hit.score,
                 "chunk_text": hit.chunk_text})
    text = hit.text if content == "document" else hit.chunk_text
    return Document(page_content=text, metadata=meta, id=hit.doc_id)


class IndexRetriever(BaseRetriever):
    """Retrieves documents (one per source document, best first) from an opened index."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: Searcher
    k: int = Field(5, ge=1)
    mode: Mode = "hybrid"
    content: Literal["document", "chunk"] = "document"
    """Whether page_content is the whole document or its best-matching chunk."""

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.searcher.search(query, k=self.k, mode=self.mode)
        return [hit_to_document(h, self.content) for h in hits]
