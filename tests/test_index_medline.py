"""MEDLINE baseline + update files: streamed parsing, revisions, DeleteCitation, and re-runs
that apply only new files. Small synthetic .xml.gz files are written here; the index is real
(tiny embedder, FAISS, bm25s, SQLite)."""

from __future__ import annotations

import gzip
from pathlib import Path

import faiss
import numpy as np
import pytest

from assistant.config import Settings
from index.build import build_index
from index.chunking import embedding_text
from index.embed import Embedder
from index.loaders import LoadIssue
from index.medline import iter_medline_events, medline_files
from index.search import open_index
from index.store import CHUNKS_DB, VECTORS, ChunkStore


def _article(pmid: str, title: str, abstract: str, version: str = "1") -> str:
    return (f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">'
            f'<PMID Version="{version}">{pmid}</PMID><Article><Journal><Title>J Test</Title>'
            f'<JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue></Journal>'
            f'<ArticleTitle>{title}</ArticleTitle><Abstract>'
            f'<AbstractText Label="RESULTS">{abstract}</AbstractText></Abstract></Article>'
            f'</MedlineCitation></PubmedArticle>')


def _write(path: Path, body: str) -> Path:
    xml = f'<?xml version="1.0"?>\n<PubmedArticleSet>{body}</PubmedArticleSet>\n'
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(xml)
    return path


BASELINE = [("1", "Statins and dementia", "Statin use lowered dementia risk in older adults."),
            ("2", "Aspirin in pregnancy", "Low dose aspirin reduced pre-eclampsia."),
            ("3", "Sepsis antibiotics", "Each hour of antibiotic delay raised sepsis mortality.")]


@pytest.fixture
def medline_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "medline"
    folder.mkdir()
    _write(folder / "pubmed25n0001.xml.gz", "".join(_article(*a) for a in BASELINE))
    # The update: PMID 2 revised (new title and abstract), PMID 4 new, PMIDs 3 and 999
    # deleted (999 was never indexed: a deletion of an unknown PMID changes nothing).
    _write(folder / "pubmed25n0002.xml.gz",
           _article("2", "Aspirin revised", "Revised: aspirin prophylaxis and bleeding.", "2")
           + _article("4", "Knee osteoarthritis", "Exercise improved knee pain.")
           + "<DeleteCitation><PMID Version=\"1\">3</PMID><PMID Version=\"1\">999</PMID>"
             "</DeleteCitation>")
    return folder


@pytest.fixture
def settings(settings_tmp: Settings, tiny_model: Path) -> Settings:
    return settings_tmp.model_copy(update={"embedding_model_path": tiny_model})


def test_events_in_file_order(medline_dir: Path) -> None:
    issues: list[LoadIssue] = []
    files = medline_files([medline_dir])
    assert [f.name for f in files] == ["pubmed25n0001.xml.gz", "pubmed25n0002.xml.gz"]
    events = list(iter_medline_events(files[1], issues))
    assert [(e.kind, e.pmid) for e in events] == [("upsert", "2"), ("upsert", "4"),
                                                  ("delete", "3"), ("delete", "999")]
    assert events[0].document is not None
    assert events[0].document.title == "Aspirin revised"
    assert events[0].document.metadata["pmid_version"] == "2"
    assert issues == []


def _docs(index_dir: Path) -> dict[str, str]:
    store = ChunkStore(index_dir / CHUNKS_DB, readonly=True)
    try:
        return {d: t for d, (t, _, _) in store.documents(["1", "2", "3", "4"]).items()}
    finally:
        store.close()


def test_update_applies_revision_and_deletion(tmp_path: Path, medline_dir: Path,
                                              settings: Settings) -> None:
    out = tmp_path / "idx"
    m1 = build_index([medline_dir / "pubmed25n0001.xml.gz"], out, settings, show_progress=False)
    assert m1["counts"]["documents"] == 3 and m1["counts"]["chunks"] == 3
    assert _docs(out) == {"1": "Statins and dementia", "2": "Aspirin in pregnancy",
                          "3": "Sepsis antibiotics"}

    # Re-run over the whole folder: the baseline was applied already, only the update is.
    m2 = build_index([medline_dir], out, settings, append=True, show_progress=False)
    assert _docs(out) == {"1": "Statins and dementia", "2": "Aspirin revised",
                          "4": "Knee osteoarthritis"}
    # 3 old rows + revised 2 + new 4 = 5 vector rows; old 2 and deleted 3 are tombstones.
    assert m2["counts"] | m2["updates"] == {
        "documents": 3, "chunks": 5, "new_documents": 2, "new_chunks": 2,
        "already_indexed": 0, "skipped": 0, "replaced_documents": 1, "deleted_documents": 1,
        "files_already_applied": 1, "tombstones": 2}
    assert [f["name"] for f in m2["corpus"]["files"]] == ["pubmed25n0001.xml.gz",
                                                          "pubmed25n0002.xml.gz"]
    assert m2["faiss"]["vectors"] == 5

    s = open_index(out, settings)
    assert s.search("sepsis antibiotic mortality", k=5, mode="bm25") == []  # 3 is gone
    dense = s.search("Each hour of antibiotic delay raised sepsis mortality.", k=5,
                     mode="dense")
    assert sorted(h.doc_id for h in dense) == ["1", "2", "4"]  # never the tombstones
    hits = s.search("aspirin bleeding prophylaxis", k=3, mode="bm25")
    assert hits[0].doc_id == "2" and hits[0].title == "Aspirin revised"
    assert "Revised: aspirin prophylaxis" in hits[0].text

    # A third run finds nothing new to apply and changes nothing.
    m3 = build_index([medline_dir], out, settings, append=True, show_progress=False)
    assert m3["updates"]["files_already_applied"] == 2
    assert m3["counts"]["chunks"] == 5 and m3["counts"]["new_documents"] == 0
    assert set(_docs(out)) == {"1", "2", "4"}


def test_baseline_and_update_in_one_build(tmp_path: Path, medline_dir: Path,
                                          settings: Settings) -> None:
    # Revision inside one build: the baseline's PMID 2 rows become tombstones among the
    # new rows (row 1 of 0..4), and its vector must not shift the others.
    out = tmp_path / "idx"
    m = build_index([medline_dir], out, settings, show_progress=False)
    assert m["counts"]["documents"] == 3 and m["counts"]["chunks"] == 5
    assert m["updates"]["tombstones"] == 2
    # Every live row's vector is its own chunk's embedding; tombstone rows are zero.
    index = faiss.read_index(str(out / VECTORS))
    vecs = index.reconstruct_n(0, index.ntotal)
    store = ChunkStore(out / CHUNKS_DB, readonly=True)
    rows = store.conn.execute("SELECT c.row, c.doc_id, d.title, c.text FROM chunks c JOIN "
                              "documents d USING (doc_id) ORDER BY c.row").fetchall()
    store.close()
    assert [(r[0], r[1]) for r in rows] == [(0, "1"), (3, "2"), (4, "4")]
    expected = Embedder(settings).encode([embedding_text(t, c) for _, _, t, c in rows])
    np.testing.assert_allclose(vecs[[0, 3, 4]], expected, atol=1e-5)
    assert not vecs[[1, 2]].any()
    assert m["faiss"]["index_type"] == "flat"
