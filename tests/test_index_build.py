"""Index build, search, append, manifest mismatch and the search CLI, on a tiny corpus.

Embeddings come from tiny randomly initialised sentence-transformers models built here (real
tokenizer, real FAISS, real bm25s), so the tests are fast and deterministic.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import faiss
import numpy as np
import pytest

from assistant.config import IndexConfig, Settings, apply_overrides, load_settings, parse_overrides
from assistant.errors import ConfigError, IndexMismatchError, InputError
from index.build import build_index
from index.search import DocHit, open_index
from index.store import FORMAT_VERSION, MANIFEST, VECTORS

DOCS = [
    {"pmid": "100", "title": "Metformin and lactic acidosis",
     "contexts": ["Metformin rarely causes lactic acidosis in renal failure."],
     "sections": ["BACKGROUND"], "meshes": ["Metformin"], "year": "2010"},
    {"pmid": "200", "title": "Aspirin in pregnancy",
     "contexts": ["Low dose aspirin reduced pre-eclampsia.", "Bleeding was rare and no neonatal harm was seen in the treated group of women."],
     "sections": ["RESULTS", "SAFETY"]},
    {"id": "300", "title": "Knee osteoarthritis exercise",
     "text": "Exercise therapy improved knee pain in osteoarthritis."},
]
NEW_DOCS = [
    {"id": "400", "title": "Sepsis antibiotics timing",
     "text": "Each hour of delay in antibiotics raised sepsis mortality."},
    {"id": "200", "text": "already indexed, must be skipped"},
]


def _tiny_st_model(out: Path, hidden: int, seed: int) -> Path:
    import torch
    from sentence_transformers import SentenceTransformer

    try:  # sentence-transformers >= 6 moved the modules
        from sentence_transformers.sentence_transformer import modules as models
    except ImportError:
        from sentence_transformers import models
    from transformers import AutoTokenizer, BertConfig, BertModel

    from index.embed import embedded_embedding_dir

    tok = AutoTokenizer.from_pretrained(embedded_embedding_dir())
    torch.manual_seed(seed)
    bert = BertModel(BertConfig(vocab_size=tok.vocab_size, hidden_size=hidden,
                                num_hidden_layers=1, num_attention_heads=2,
                                intermediate_size=2 * hidden, max_position_embeddings=128))
    raw = out / "hf"
    bert.save_pretrained(raw)
    tok.save_pretrained(raw)
    word = models.Transformer(str(raw), max_seq_length=64)
    pool = models.Pooling(hidden, pooling_mode="mean")
    SentenceTransformer(modules=[word, pool], device="cpu").save(str(out / "st"))
    return out / "st"


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("tiny-st")
    return _tiny_st_model(base / "a", 16, 1), _tiny_st_model(base / "b", 8, 2)


@pytest.fixture
def settings_a(settings_tmp: Settings, tiny_models: tuple[Path, Path]) -> Settings:
    return settings_tmp.model_copy(update={"embedding_model_path": tiny_models[0]})


def _write_jsonl(path: Path, rows: list[dict], extra: list[str] = ()) -> Path:
    path.write_text("\n".join([json.dumps(r) for r in rows] + list(extra)) + "\n", "utf-8")
    return path


def test_build_search_manifest(tmp_path: Path, settings_a: Settings,
                               capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _write_jsonl(tmp_path / "c.jsonl", DOCS, ["{broken", '{"id": "9"}'])
    out = tmp_path / "idx"
    cfg = _index_cfg(["chunk_size=120", "chunk_overlap=20"])
    m = build_index([corpus], out, settings_a, show_progress=False, config=cfg)
    err = capsys.readouterr().err
    assert "2 malformed records skipped" in err and f"{corpus}:line 4" in err
    assert m["counts"] == {"documents": 3, "chunks": 4, "new_documents": 3, "new_chunks": 4,
                           "already_indexed": 0, "skipped": 2}
    assert m["embedding"]["dimension"] == 16 and m["faiss"]["index_type"] == "flat"
    assert m["chunking"]["chunk_size"] == 120
    assert len(m["corpus"]["checksum"]) == 64
    # No staging left: the index folder links to its only version.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".idx.versions", "c.jsonl", "idx"]
    assert sorted(p.name for p in (tmp_path / ".idx.versions").iterdir()) == [".lock", "v1"]

    s = open_index(out, settings_a)
    hits = s.search("aspirin pre-eclampsia", k=3, mode="bm25")
    assert isinstance(hits[0], DocHit) and hits[0].doc_id == "200"
    assert hits[0].chunk_text == "RESULTS: Low dose aspirin reduced pre-eclampsia."
    assert hits[0].text.startswith("RESULTS: Low dose aspirin") and "SAFETY: " in hits[0].text
    assert hits[0].title == "Aspirin in pregnancy" and hits[0].metadata["source"] == "c.jsonl"
    assert [h.doc_id for h in hits] == ["200"]  # BM25 returns only matching documents
    for mode in ("hybrid", "dense"):
        ids = [h.doc_id for h in s.search("aspirin pre-eclampsia", k=10, mode=mode)]
        assert sorted(ids) == ["100", "200", "300"]  # one hit per document, all documents
    assert s.search("aspirin pre-eclampsia", k=10)[0].doc_id == "200"
    with pytest.raises(InputError):
        s.search("  ")


def test_append_embeds_only_new_documents(tmp_path: Path, settings_a: Settings) -> None:
    out = tmp_path / "idx"
    build_index([_write_jsonl(tmp_path / "c.jsonl", DOCS)], out, settings_a, show_progress=False)
    before = faiss.read_index(str(out / VECTORS)).reconstruct_n(0, 3)
    m = build_index([_write_jsonl(tmp_path / "new.jsonl", NEW_DOCS)], out, settings_a,
                    append=True, show_progress=False)
    assert m["counts"]["documents"] == 4 and m["counts"]["new_documents"] == 1
    assert m["counts"]["new_chunks"] == 1 and m["counts"]["already_indexed"] == 1
    assert len(m["corpus"]["files"]) == 2
    index = faiss.read_index(str(out / VECTORS))
    assert index.ntotal == m["counts"]["chunks"] == 4
    np.testing.assert_array_equal(index.reconstruct_n(0, 3), before)  # old vectors untouched
    hits = open_index(out, settings_a).search("sepsis antibiotics", k=2, mode="bm25")
    assert hits[0].doc_id == "400"


def test_open_with_other_model_is_a_clear_error(tmp_path: Path, settings_a: Settings,
                                                tiny_models: tuple[Path, Path]) -> None:
    out = tmp_path / "idx"
    build_index([_write_jsonl(tmp_path / "c.jsonl", DOCS)], out, settings_a, show_progress=False)
    other = settings_a.model_copy(update={"embedding_model_path": tiny_models[1]})
    with pytest.raises(IndexMismatchError, match=r"16-d.*8-d.*python -m index.build"):
        open_index(out, other)
    with pytest.raises(IndexMismatchError):
        build_index([tmp_path / "c.jsonl"], out, other, append=True, show_progress=False)
    with pytest.raises(InputError, match="no index"):
        open_index(tmp_path / "nothing", settings_a)


def test_crashed_build_leaves_old_index(tmp_path: Path, settings_a: Settings,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "idx"
    build_index([_write_jsonl(tmp_path / "c.jsonl", DOCS)], out, settings_a, show_progress=False)
    manifest = (out / MANIFEST).read_text()
    import index.build as b

    def boom(*a: object, **k: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(b, "write_json_atomic", boom)
    with pytest.raises(RuntimeError):
        build_index([_write_jsonl(tmp_path / "n.jsonl", NEW_DOCS)], out, settings_a,
                    append=True, show_progress=False)
    assert (out / MANIFEST).read_text() == manifest
    assert sorted(p.name for p in tmp_path.iterdir()) == [".idx.versions", "c.jsonl", "idx",
                                                          "n.jsonl"]
    assert sorted(p.name for p in (tmp_path / ".idx.versions").iterdir()) == [".lock", "v1"]


def _index_cfg(overrides: list[str] | dict) -> IndexConfig:
    """The index section resolved by the one loader from ``--index-set``-style overrides."""
    over = parse_overrides(overrides, prefix="index") if isinstance(overrides, list) else {
        "index": overrides}
    return load_settings(None, over, environ={}).index


def test_index_config_rejects_unknown_keys() -> None:
    with pytest.raises(ConfigError, match="chunk_sise"):
        _index_cfg(["chunk_sise=10"])
    with pytest.raises(ConfigError, match="chunk_overlap"):
        _index_cfg({"chunk_size": 200, "chunk_overlap": 300})
    assert _index_cfg(["hnsw.m=48"]).hnsw.m == 48


def test_search_cli_batch_and_table(tmp_path: Path, settings_a: Settings,
                                    monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    from index import search as search_mod

    out = tmp_path / "idx"
    build_index([_write_jsonl(tmp_path / "c.jsonl", DOCS)], out, settings_a, show_progress=False)
    questions = _write_jsonl(tmp_path / "q.jsonl", [
        {"id": "q1", "question": "knee osteoarthritis exercise"},
        {"id": "q2", "question": ""}])
    monkeypatch.setenv("CLINASSIST_EMBEDDING_MODEL_PATH", str(settings_a.embedding_model_path))
    monkeypatch.setenv("CLINASSIST_CACHE_DIR", str(settings_a.cache_dir))
    res = tmp_path / "res.jsonl"
    monkeypatch.setattr(sys, "argv", ["x", str(out), "--in", str(questions), "--out", str(res),
                                      "-k", "2", "--mode", "bm25"])
    assert search_mod.main() == 0
    lines = [json.loads(x) for x in res.read_text().splitlines()]
    assert lines[0]["id"] == "q1" and lines[0]["retrieved"] == ["300"]
    assert lines[0]["error"] is None and len(lines[0]["scores"]) == 1
    assert lines[0]["scores"][0] > 0
    assert lines[1] == {"id": "q2", "retrieved": [], "scores": [],
                        "error": "record has no non-empty 'question'"}
    capsys.readouterr()
    monkeypatch.setattr(sys, "argv", ["x", str(out), "metformin lactic acidosis", "-k", "3"])
    assert search_mod.main() == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["rank", "score", "doc_id", "title", "/", "best", "chunk"]
    first = table[1].split()
    assert first[0] == "1" and first[2] == "100" and " ".join(first[3:]).startswith("Metformin")
    assert len(table) == 4


def test_ensure_default_index_builds_once_and_retriever(tmp_path: Path, settings_a: Settings,
                                                        tiny_models: tuple[Path, Path]) -> None:
    from index.build import ensure_default_index
    from index.retriever import IndexRetriever

    data = tmp_path / "data"
    (data / "pubmedqa").mkdir(parents=True)
    _write_jsonl(data / "pubmedqa" / "corpus.jsonl", DOCS)
    settings = settings_a.model_copy(update={"data_dir": data})
    target = ensure_default_index(settings)
    assert target == settings.cache_dir / "index" / "pubmedqa"
    stamp = (target / MANIFEST).read_text()
    assert ensure_default_index(settings) == target
    assert (target / MANIFEST).read_text() == stamp  # cached, not rebuilt

    retriever = IndexRetriever(searcher=open_index(target, settings), k=2, mode="bm25")
    docs = retriever.invoke("knee osteoarthritis exercise")
    assert [d.metadata["doc_id"] for d in docs] == ["300"]
    assert docs[0].page_content.startswith("Exercise therapy")
    assert docs[0].metadata["title"] == "Knee osteoarthritis exercise"

    # The cached default index follows a model change; a configured folder never is replaced.
    other = settings.model_copy(update={"embedding_model_path": tiny_models[1]})
    ensure_default_index(other)
    assert json.loads((target / MANIFEST).read_text())["embedding"]["dimension"] == 8
    with pytest.raises(IndexMismatchError):
        ensure_default_index(settings.model_copy(update={"index_dir": target}))


def test_build_with_nothing_readable_fails_cleanly(tmp_path: Path, settings_a: Settings) -> None:
    corpus = _write_jsonl(tmp_path / "bad.jsonl", [], ["{oops", '{"id": "1"}'])
    with pytest.raises(InputError, match="no documents could be read"):
        build_index([corpus], tmp_path / "idx", settings_a, show_progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl"]
    with pytest.raises(InputError, match="unsupported corpus type"):
        build_index([corpus.with_suffix(".csv").touch() or corpus.with_suffix(".csv")],
                    tmp_path / "idx", settings_a)


def test_hnsw_index_type(tmp_path: Path, settings_a: Settings) -> None:
    cfg = _index_cfg({"index_type": "hnsw", "hnsw": {"m": 8, "ef_search": 16}})
    m = build_index([_write_jsonl(tmp_path / "c.jsonl", DOCS)], tmp_path / "idx", settings_a,
                    show_progress=False, config=cfg)
    assert m["faiss"]["index_type"] == "hnsw"
    s = open_index(tmp_path / "idx", settings_a)
    assert isinstance(s.index, faiss.IndexHNSWFlat) and s.index.hnsw.efSearch == 16
    assert sorted(h.doc_id for h in s.search("aspirin", k=5, mode="dense")) == ["100", "200", "300"]


def test_hits_carry_each_retrievers_rank(tmp_path: Path, settings_a: Settings) -> None:
    corpus = _write_jsonl(tmp_path / "c.jsonl", DOCS, [])
    out = tmp_path / "idx"
    build_index([corpus], out, settings_a, show_progress=False)
    s = open_index(out, settings_a)
    bm25 = s.search("aspirin pre-eclampsia", k=3, mode="bm25")
    assert [h.ranks for h in bm25] == [{"bm25": 1}]
    dense = s.search("aspirin pre-eclampsia", k=3, mode="dense")
    assert [h.ranks for h in dense] == [{"dense": i} for i in (1, 2, 3)]
    hybrid = s.search("aspirin pre-eclampsia", k=3)
    dense_rank = {h.doc_id: h.ranks["dense"] for h in dense}
    for h in hybrid:  # only doc 200 matches lexically; every doc has its dense rank
        expected = {"dense": dense_rank[h.doc_id]} | ({"bm25": 1} if h.doc_id == "200" else {})
        assert h.ranks == expected


def test_coverage_weighs_rare_terms(tmp_path: Path, settings_a: Settings) -> None:
    import math

    corpus = _write_jsonl(tmp_path / "c.jsonl", DOCS, [])
    build_index([corpus], tmp_path / "idx", settings_a, show_progress=False)
    s = open_index(tmp_path / "idx", settings_a)
    n = s.bm25.size
    # "aspirin" is in one chunk, "zebrafish" in none: Lucene idf log(1 + (n - df + .5)/(df + .5))
    assert s.bm25.idf("aspirin") == pytest.approx(math.log(1 + (n - 0.5) / 1.5))
    assert s.bm25.idf("zebrafish") == pytest.approx(math.log(1 + (n + 0.5) / 0.5))
    text = "Low dose aspirin reduced pre-eclampsia."
    w_a, w_z = s.bm25.idf("aspirin"), s.bm25.idf("zebrafish")
    assert s.coverage("aspirin zebrafish", text) == pytest.approx(w_a / (w_a + w_z))
    assert s.coverage("aspirin", text) == 1.0 and s.coverage("the of", text) == 0.0


def test_build_uses_the_index_settings_section(tmp_path: Path, settings_a: Settings) -> None:
    settings = apply_overrides(settings_a, {"index": {"chunk_size": 120, "chunk_overlap": 20}})
    m = build_index([_write_jsonl(tmp_path / "c.jsonl", DOCS)], tmp_path / "idx", settings,
                    show_progress=False)
    assert (m["chunking"]["chunk_size"], m["config"]["chunk_overlap"]) == (120, 20)
    assert m["counts"]["chunks"] == 4


def test_default_index_rebuilds_on_a_store_format_change(tmp_path: Path, settings_a: Settings
                                                         ) -> None:
    from index.build import ensure_default_index

    data = tmp_path / "data"
    (data / "pubmedqa").mkdir(parents=True)
    _write_jsonl(data / "pubmedqa" / "corpus.jsonl", DOCS)
    settings = settings_a.model_copy(update={"data_dir": data})
    target = ensure_default_index(settings)
    manifest = json.loads((target / MANIFEST).read_text())
    manifest["format_version"] = FORMAT_VERSION - 1  # as an older build wrote it
    (target / MANIFEST).write_text(json.dumps(manifest))
    configured = settings.model_copy(update={"index_dir": target})
    assert ensure_default_index(configured) == target  # a configured folder opens as it is
    assert json.loads((target / MANIFEST).read_text())["format_version"] == FORMAT_VERSION - 1
    ensure_default_index(settings)  # the default cache is rebuilt
    assert json.loads((target / MANIFEST).read_text())["format_version"] == FORMAT_VERSION
