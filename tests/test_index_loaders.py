"""Corpus loaders: JSONL, gzipped MEDLINE XML, text folders, malformed-record reporting."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from index.loaders import LoadIssue, corpus_kind, iter_documents

MEDLINE = """<?xml version="1.0" encoding="utf-8"?>
<PubmedArticleSet>
 <PubmedArticle>
  <MedlineCitation Status="MEDLINE">
   <PMID Version="1">111</PMID>
   <Article>
    <Journal><JournalIssue><PubDate><Year>2019</Year></PubDate></JournalIssue>
     <Title>The Lancet</Title></Journal>
    <ArticleTitle>Aspirin for <i>primary</i> prevention</ArticleTitle>
    <Abstract>
     <AbstractText Label="BACKGROUND">Aspirin is widely used.</AbstractText>
     <AbstractText Label="RESULTS">Bleeding rose by 40%.</AbstractText>
    </Abstract>
   </Article>
   <MeshHeadingList>
    <MeshHeading><DescriptorName UI="D001241">Aspirin</DescriptorName></MeshHeading>
    <MeshHeading><DescriptorName UI="D006470">Hemorrhage</DescriptorName></MeshHeading>
   </MeshHeadingList>
  </MedlineCitation>
 </PubmedArticle>
 <PubmedArticle>
  <MedlineCitation><Article><ArticleTitle>No identifier here</ArticleTitle></Article>
  </MedlineCitation>
 </PubmedArticle>
 <PubmedArticle>
  <MedlineCitation>
   <PMID>222</PMID>
   <Article>
    <Journal><JournalIssue><PubDate><MedlineDate>1998 Nov-Dec</MedlineDate></PubDate>
     </JournalIssue><Title>BMJ</Title></Journal>
    <ArticleTitle>Statins after stroke</ArticleTitle>
    <Abstract><AbstractText>Unlabelled abstract text.</AbstractText></Abstract>
   </Article>
  </MedlineCitation>
 </PubmedArticle>
</PubmedArticleSet>
"""


def _load(paths: list[Path]) -> tuple[list, list[LoadIssue]]:
    issues: list[LoadIssue] = []
    return list(iter_documents(paths, issues)), issues


def test_medline_xml_gz_streamed(tmp_path: Path) -> None:
    path = tmp_path / "pubmed_sample.xml.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(MEDLINE)
    docs, issues = _load([path])
    assert [d.doc_id for d in docs] == ["111", "222"]
    a, b = docs
    assert a.title == "Aspirin for primary prevention"  # inline markup flattened
    assert a.sections == [("BACKGROUND", "Aspirin is widely used."),
                          ("RESULTS", "Bleeding rose by 40%.")]
    assert a.text == "BACKGROUND: Aspirin is widely used.\n\nRESULTS: Bleeding rose by 40%."
    assert a.metadata == {"source": "pubmed_sample.xml.gz", "pmid": "111",
                          "journal": "The Lancet", "year": "2019",
                          "mesh": ["Aspirin", "Hemorrhage"]}
    assert b.metadata["year"] == "1998" and b.metadata["journal"] == "BMJ"
    assert b.sections == [("", "Unlabelled abstract text.")]
    assert [(i.where, i.reason) for i in issues] == [("record 2", "no PMID")]


def test_medline_truncated_xml_reports_and_keeps_earlier_records(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    cut = MEDLINE.index("<PubmedArticle>", MEDLINE.index("</PubmedArticle>"))
    path.write_text(MEDLINE[:cut] + "<PubmedArticle><MedlineCitation><PMID>9</PMID", "utf-8")
    docs, issues = _load([path])
    assert [d.doc_id for d in docs] == ["111"]
    assert len(issues) == 1 and "XML parse error" in issues[0].reason
    assert issues[0].file == str(path) and issues[0].where.startswith("line ")


def test_jsonl_fields_and_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"pmid": "1", "contexts": ["Ctx one.", "Ctx two."],
                    "sections": ["BACKGROUND", "METHODS"], "conclusion": "It works.",
                    "meshes": ["Humans"], "year": "2001"}),
        "{not json",
        json.dumps({"id": "2", "title": "A title", "text": "Plain text body."}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no id", "text": "x"}),
        json.dumps({"id": "3", "text": "   "}),
        json.dumps({"id": "2", "text": "duplicate id"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    docs, issues = _load([path])
    assert [d.doc_id for d in docs] == ["1", "2"]
    assert docs[0].sections == [("BACKGROUND", "Ctx one."), ("METHODS", "Ctx two."),
                                ("CONCLUSIONS", "It works.")]
    assert docs[0].metadata == {"source": "c.jsonl", "year": "2001", "mesh": ["Humans"]}
    assert docs[1].title == "A title" and docs[1].text == "Plain text body."
    got = [(i.where, i.reason.split(" (")[0]) for i in issues]
    assert got == [("line 2", "invalid JSON"), ("line 5", "not a JSON object"),
                   ("line 6", "no 'id' or 'pmid' field"),
                   ("line 7", "no 'text' or 'contexts' with content"),
                   ("id 2", "duplicate document id")]


def test_text_folder(tmp_path: Path) -> None:
    root = tmp_path / "notes"
    (root / "sub").mkdir(parents=True)
    (root / "a.md").write_text("# Heart failure guide\n\nDiuretics first.", "utf-8")
    (root / "sub" / "b.txt").write_text("Plain note.", "utf-8")
    (root / "empty.txt").write_text("  \n", "utf-8")
    (root / "skip.csv").write_text("x,y", "utf-8")
    docs, issues = _load([root])
    assert [(d.doc_id, d.title) for d in docs] == [("a", "Heart failure guide"), ("sub/b", "")]
    assert [(Path(i.file).name, i.reason) for i in issues] == [("empty.txt", "empty file")]


def test_unsupported_corpus_type(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unsupported corpus type"):
        corpus_kind(tmp_path / "x.csv")
    assert corpus_kind(tmp_path / "x.xml.gz") == "medline"
    assert corpus_kind(tmp_path / "x.jsonl") == "jsonl"
