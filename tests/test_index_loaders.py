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


def test_invalid_byte_costs_only_its_own_line(tmp_path: Path) -> None:
    """Issue 20: one bad byte in record 101 of 200 once stopped the file at "line 81"."""
    path = tmp_path / "c.jsonl"
    rows = [json.dumps({"id": str(i), "text": f"Document number {i} about aspirin."}).encode()
            for i in range(1, 201)]
    rows[100] = rows[100].replace(b"aspirin", b"aspi\xffrin")
    path.write_bytes(b"\n".join(rows) + b"\n")
    docs, issues = _load([path])
    assert len(docs) == 199 and "101" not in {d.doc_id for d in docs}
    assert [(i.where, i.reason.split(" (")[0]) for i in issues] == [("line 101", "not UTF-8")]
    assert "byte 54" in issues[0].reason  # 1-based offset of the 0xff


def test_wrong_field_types_are_issues_not_crashes(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"id": "1", "contexts": ["a"], "sections": 5}),
        json.dumps({"id": {"x": 1}, "text": "t"}),
        json.dumps({"id": "3", "text": 123}),
        json.dumps({"id": "4", "title": ["t"], "text": "t"}),
        json.dumps({"id": "5", "contexts": [{"a": 1}]}),
        "[" * 200_000 + "]" * 200_000,
        '{"id": "7", "text": "t", "year": ' + "9" * 5000 + "}",
        '{"id": "8", "text": "t", "year": NaN}',
        json.dumps({"id": 9, "text": "fine, integer id"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    docs, issues = _load([path])
    assert [d.doc_id for d in docs] == ["9"]
    assert [(i.where, i.reason.split(" (")[0]) for i in issues] == [
        ("line 1", "'sections' must be a list of strings"),
        ("line 2", "'id' must be a string or an integer, got dict"),
        ("line 3", "'text' must be a string"),
        ("line 4", "'title' must be a string, got list"),
        ("line 5", "'contexts' must be a list of strings"),
        ("line 6", "invalid JSON"),
        ("line 7", "invalid JSON"),
        ("line 8", "'year' must be a string or a number")]
    assert all(i.unread == 0 for i in issues)


def test_fatal_xml_error_counts_the_records_left_unread(tmp_path: Path) -> None:
    from index.loaders import count_unread

    path = tmp_path / "broken.xml"
    first_end = MEDLINE.index("</PubmedArticle>") + len("</PubmedArticle>")
    # Record 2 is broken (a mismatched tag); record 3 (valid) can then never be read.
    broken = MEDLINE[:first_end] + "\n <PubmedArticle><MedlineCitation><PMID>9</PMIX>" \
        + MEDLINE[MEDLINE.index("</MedlineCitation>", first_end):]
    path.write_text(broken, "utf-8")
    docs, issues = _load([path])
    assert [d.doc_id for d in docs] == ["111"]
    assert len(issues) == 1 and issues[0].unread == 1  # record 3, valid, never read
    assert count_unread(issues) == 1 and "1 later records" in str(issues[0])
