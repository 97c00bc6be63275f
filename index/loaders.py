"""Corpus loaders: JSONL, PubMed/MEDLINE XML (``.xml``/``.xml.gz``, streamed) and text folders.

Every loader yields :class:`Document` objects that keep their citation metadata (title; in
``metadata``: journal, year, MeSH, publication types, source file). A malformed record never stops a build: it is reported as a
:class:`LoadIssue` (file, line or record number, reason) through the ``issues`` list and skipped.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

TEXT_SUFFIXES = (".txt", ".md")


@dataclass
class Document:
    """One citable document: its sections keep the abstract's structure for chunking."""

    doc_id: str
    title: str
    sections: list[tuple[str, str]]
    """(label, text) pairs; label is "" for unlabelled text."""
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The full text, one paragraph per section, labels kept ("RESULTS: ...")."""
        return "\n\n".join(f"{label}: {body}" if label else body for label, body in self.sections)


@dataclass(frozen=True)
class LoadIssue:
    """A record that was skipped: where it is and why.

    ``unread`` counts the further records of the same file that were never read because
    this issue ended the file (a fatal XML error); they may well be valid.
    """

    file: str
    where: str
    reason: str
    unread: int = 0

    def __str__(self) -> str:
        more = f" ({self.unread} later records in the file not read)" if self.unread else ""
        return f"{self.file}:{self.where}: {self.reason}{more}"


def count_unread(issues: Iterable[LoadIssue]) -> int:
    """How many records were left out unread (possibly valid) behind fatal file errors."""
    return sum(i.unread for i in issues)


#: One JSONL line longer than this is skipped unread (bounds memory).
MAX_LINE_BYTES = 64 * 1024 * 1024


def _clean(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text)).strip() if text is not None else ""


# --------------------------------------------------------------------------------------- JSONL

def _str_list(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and
                                              not isinstance(v, bool) for v in value):
        raise ValueError(f"'{name}' must be a list of strings")
    return [str(v) for v in value]


def _json_record_to_doc(rec: dict[str, Any], source: str) -> Document:
    """Map one JSONL record to a Document; raises ValueError with the reason when unusable."""
    raw_id = rec.get("id", rec.get("pmid", rec.get("doc_id")))
    if raw_id is None or (isinstance(raw_id, str) and _clean(raw_id) == ""):
        raise ValueError("no 'id' or 'pmid' field")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        raise ValueError(f"'id' must be a string or an integer, got {type(raw_id).__name__}")
    doc_id = _clean(raw_id)
    title = rec.get("title", "")
    if title is not None and not isinstance(title, str):
        raise ValueError(f"'title' must be a string, got {type(title).__name__}")
    title = _clean(title)
    sections: list[tuple[str, str]] = []
    contexts = rec.get("contexts")
    if isinstance(contexts, list):
        contexts = _str_list(contexts, "contexts")
        raw_labels = rec.get("sections") or rec.get("labels") or []
        labels = _str_list(raw_labels, "sections" if rec.get("sections") else "labels")
        for i, ctx in enumerate(contexts):
            body = _clean(ctx)
            if body:
                label = _clean(labels[i]) if i < len(labels) else ""
                sections.append((label, body))
        # PubMedQA keeps the abstract's conclusion apart from its contexts; it is part of the
        # published abstract, so it is indexed as its own section.
        conclusion = rec.get("conclusion", "")
        if conclusion is not None and not isinstance(conclusion, str):
            raise ValueError("'conclusion' must be a string")
        conclusion = _clean(conclusion)
        if conclusion:
            sections.append(("CONCLUSIONS", conclusion))
    elif contexts is not None:
        raise ValueError("'contexts' must be a list of strings")
    else:
        text = rec.get("text", rec.get("abstract"))
        if text is not None and not isinstance(text, str):
            raise ValueError("'text' must be a string")
        body = (text or "").strip()
        if body:
            sections.append(("", body))
    if not sections:
        raise ValueError("no 'text' or 'contexts' with content")
    meta: dict[str, Any] = {"source": source}
    for key in ("journal", "year", "url", "doi"):
        value = rec.get(key)
        if value in (None, ""):
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or (
                isinstance(value, float) and not math.isfinite(value)):
            raise ValueError(f"'{key}' must be a string or a number")
        meta[key] = value
    mesh = rec.get("mesh", rec.get("meshes"))
    if isinstance(mesh, list):
        meta["mesh"] = [str(m) for m in mesh if isinstance(m, (str, int))]
    pubtypes = rec.get("publication_types", rec.get("pubtypes"))
    if isinstance(pubtypes, list):
        meta["publication_types"] = [str(t) for t in pubtypes if isinstance(t, (str, int))]
    return Document(doc_id, title, sections, meta)


def _binary_lines(fh: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """Raw lines; None for a line over ``max_bytes`` (skipped without holding it)."""
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = fh.readline(1 << 20)
            yield None
            continue
        yield raw


def load_jsonl(path: Path, issues: list[LoadIssue]) -> Iterator[Document]:
    """Stream documents from a JSONL file (optionally ``.jsonl.gz``).

    Each line is decoded on its own: an invalid byte, invalid JSON or a malformed record
    costs that line only (reported with its own line number); the rest of the file is read.
    """
    opener = gzip.open if path.name.endswith(".gz") else open
    n = 0
    try:
        with opener(path, "rb") as fh:
            for raw in _binary_lines(fh, MAX_LINE_BYTES):  # type: ignore[arg-type]
                n += 1
                where = f"line {n}"
                if raw is None:
                    issues.append(LoadIssue(str(path), where,
                                            f"line longer than {MAX_LINE_BYTES} bytes"))
                    continue
                if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    issues.append(LoadIssue(str(path), where, f"not UTF-8 ({exc.reason} at "
                                                              f"byte {exc.start + 1})"))
                    continue
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    issues.append(LoadIssue(str(path), where, f"invalid JSON ({exc.msg})"))
                    continue
                except RecursionError:
                    issues.append(LoadIssue(str(path), where, "invalid JSON (nested too "
                                                              "deeply)"))
                    continue
                except ValueError as exc:  # an integer over the 4300-digit limit
                    issues.append(LoadIssue(str(path), where, f"invalid JSON ({exc})"))
                    continue
                if not isinstance(rec, dict):
                    issues.append(LoadIssue(str(path), where, "not a JSON object"))
                    continue
                try:
                    doc = _json_record_to_doc(rec, path.name)
                except (ValueError, TypeError, RecursionError) as exc:
                    issues.append(LoadIssue(str(path), where, str(exc) or type(exc).__name__))
                    continue
                yield doc
    except (OSError, EOFError) as exc:  # unreadable file, truncated or corrupt .gz
        issues.append(LoadIssue(str(path), f"line {n + 1}",
                                f"cannot read: {exc}; rest of file skipped"))


# ------------------------------------------------------------------------------ MEDLINE XML

def _text_of(elem: ET.Element | None) -> str:
    return _clean("".join(elem.itertext())) if elem is not None else ""


def _medline_year(article: ET.Element) -> str | None:
    for path in (".//Article/Journal/JournalIssue/PubDate/Year",
                 ".//Article/ArticleDate/Year", ".//DateCompleted/Year"):
        node = article.find(path)
        if node is not None and _clean(node.text):
            return _clean(node.text)
    node = article.find(".//Article/Journal/JournalIssue/PubDate/MedlineDate")
    if node is not None:
        m = re.search(r"\d{4}", node.text or "")
        if m:
            return m.group(0)
    return None


def _medline_to_doc(article: ET.Element, source: str) -> Document:
    pmid = _text_of(article.find(".//MedlineCitation/PMID"))
    if not pmid:
        pmid = _text_of(article.find(".//PMID"))
    if not pmid:
        raise ValueError("no PMID")
    title = _text_of(article.find(".//Article/ArticleTitle"))
    sections: list[tuple[str, str]] = []
    for node in article.findall(".//Article/Abstract/AbstractText"):
        body = _text_of(node)
        if body:
            sections.append((_clean(node.get("Label", "")).upper(), body))
    if not sections and not title:
        raise ValueError(f"PMID {pmid}: no title and no abstract")
    if not sections:
        sections.append(("", title))
    meta: dict[str, Any] = {"source": source, "pmid": pmid}
    journal = _text_of(article.find(".//Article/Journal/Title"))
    if journal:
        meta["journal"] = journal
    year = _medline_year(article)
    if year:
        meta["year"] = year
    mesh = [_text_of(d) for d in article.findall(".//MeshHeadingList/MeshHeading/DescriptorName")]
    if mesh:
        meta["mesh"] = [m for m in mesh if m]
    # Publication types name the study design (Randomized Controlled Trial, Meta-Analysis, ...).
    pubtypes = [_text_of(t) for t in article.findall(".//Article/PublicationTypeList/"
                                                      "PublicationType")]
    if any(pubtypes):
        meta["publication_types"] = [t for t in pubtypes if t]
    return Document(pmid, title, sections, meta)


def _count_records(path: Path) -> int:
    """Opening ``<PubmedArticle`` tags in ``path`` (else ``<MedlineCitation``), streamed.

    Used after a fatal XML error to say how many records the rest of the file held.
    """
    opener = gzip.open if path.name.endswith(".gz") else open
    counts = {b"<PubmedArticle>": 0, b"<PubmedArticle ": 0, b"<MedlineCitation>": 0,
              b"<MedlineCitation ": 0}
    tail = b""
    try:
        with opener(path, "rb") as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                buf = tail + chunk
                for tag in counts:
                    counts[tag] += buf.count(tag)
                    if tail:
                        counts[tag] -= tail.count(tag)
                tail = buf[-20:]
    except (OSError, EOFError):
        pass  # a truncated .gz: count what could be read
    articles = counts[b"<PubmedArticle>"] + counts[b"<PubmedArticle "]
    return articles or counts[b"<MedlineCitation>"] + counts[b"<MedlineCitation "]


def load_medline_xml(path: Path, issues: list[LoadIssue]) -> Iterator[Document]:
    """Stream PubmedArticle / MedlineCitation records with ``iterparse`` (never the whole file).

    Each finished article element is cleared, so memory stays flat on multi-GB baseline files.
    A fatal XML error ends this file (XML cannot be resynchronised) and is reported.
    """
    opener = gzip.open if path.name.endswith(".gz") else open
    n = 0
    with opener(path, "rb") as fh:
        stream: IO[bytes] = fh  # type: ignore[assignment]
        depth_stack: list[str] = []
        try:
            for event, elem in ET.iterparse(stream, events=("start", "end")):
                if event == "start":
                    depth_stack.append(elem.tag)
                    continue
                depth_stack.pop()
                # A bare MedlineCitation counts only when not inside a PubmedArticle.
                is_record = elem.tag == "PubmedArticle" or (
                    elem.tag == "MedlineCitation" and "PubmedArticle" not in depth_stack)
                if not is_record:
                    continue
                n += 1
                try:
                    yield _medline_to_doc(elem, path.name)
                except ValueError as exc:
                    issues.append(LoadIssue(str(path), f"record {n}", str(exc)))
                elem.clear()
        except ET.ParseError as exc:
            line, col = exc.position
            unread = max(0, _count_records(path) - n - 1)
            issues.append(LoadIssue(str(path), f"line {line}",
                                    f"XML parse error at column {col}: {exc}; rest of file skipped",
                                    unread=unread))
        except (OSError, EOFError) as exc:  # truncated .gz
            issues.append(LoadIssue(str(path), f"record {n + 1}", f"cannot read: {exc}"))


# ------------------------------------------------------------------------------ text folders

def _text_file_to_doc(path: Path, root: Path) -> Document:
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 ({exc.reason})") from exc
    body = raw.strip()
    if not body:
        raise ValueError("empty file")
    rel = path.relative_to(root) if path != root else Path(path.name)
    doc_id = rel.with_suffix("").as_posix()
    first = body.splitlines()[0].strip()
    title = first.lstrip("#").strip() if first.startswith("#") else ""
    return Document(doc_id, title, [("", body)], {"source": rel.as_posix()})


def load_text_dir(path: Path, issues: list[LoadIssue]) -> Iterator[Document]:
    """Every ``.txt``/``.md`` file below ``path`` (sorted), id = relative path without suffix."""
    root = path if path.is_dir() else path.parent
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES
                   and p.is_file()) if path.is_dir() else [path]
    for f in files:
        try:
            yield _text_file_to_doc(f, root)
        except (ValueError, OSError) as exc:
            issues.append(LoadIssue(str(f), "file", str(exc)))


# ------------------------------------------------------------------------------- dispatch

def corpus_kind(path: Path) -> str:
    """Which loader reads ``path``: ``jsonl``, ``medline`` or ``text``; ValueError otherwise."""
    name = path.name.lower()
    if path.is_dir() or name.endswith(TEXT_SUFFIXES):
        return "text"
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return "jsonl"
    if name.endswith((".xml", ".xml.gz")):
        return "medline"
    raise ValueError(f"{path}: unsupported corpus type (use .jsonl, .xml, .xml.gz or a folder "
                     "of .txt/.md files)")


def iter_documents(paths: Iterable[Path], issues: list[LoadIssue]) -> Iterator[Document]:
    """Documents from all ``paths`` in order; a repeated document id is reported and skipped."""
    seen: set[str] = set()
    loaders = {"jsonl": load_jsonl, "medline": load_medline_xml, "text": load_text_dir}
    for path in paths:
        path = Path(path)
        for doc in loaders[corpus_kind(path)](path, issues):
            if doc.doc_id in seen:
                issues.append(LoadIssue(str(path), f"id {doc.doc_id}", "duplicate document id"))
                continue
            seen.add(doc.doc_id)
            yield doc
