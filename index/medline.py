"""MEDLINE baseline and update files (``pubmed25nNNNN.xml.gz``): streamed records with
revisions and deletions.

NLM publishes PubMed as a yearly baseline (~1,300 files) plus daily update files. An update
file holds complete new records for PMIDs whose citation changed (a revision replaces the
whole record) and a ``<DeleteCitation>`` list of PMIDs to remove. Files must be applied in
name order; ``python -m index.build`` does so and records each applied file (name, sha256) in
the manifest (``corpus.files``), so running it again over the whole folder applies only the
files it has not applied yet.

Parsing is streamed with ``iterparse``: each record is converted and then cleared from the
tree (and from the root, which otherwise keeps empty children), so memory stays flat on
multi-GB files.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from index.loaders import Document, LoadIssue, _count_records, _medline_to_doc

MEDLINE_SUFFIXES = (".xml", ".xml.gz")


@dataclass(frozen=True)
class MedlineEvent:
    """One change a MEDLINE file makes: ``upsert`` a record (new or revised) or ``delete``."""

    kind: str
    """``upsert`` or ``delete``."""
    pmid: str
    document: Document | None = None
    """The record (for ``upsert``)."""


def is_medline_path(path: Path) -> bool:
    """A MEDLINE/PubMed XML file, or a folder holding such files (and no .txt/.md)."""
    if path.is_dir():
        return any(p.name.endswith(MEDLINE_SUFFIXES) for p in path.iterdir())
    return path.name.lower().endswith(MEDLINE_SUFFIXES)


def medline_files(paths: Iterable[Path]) -> list[Path]:
    """The MEDLINE files named by ``paths`` (folders expanded), in the order to apply them:
    a folder's files by name (baseline numbers come before update numbers)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file()
                          and f.name.lower().endswith(MEDLINE_SUFFIXES))
        else:
            out.append(p)
    return out


def iter_medline_events(path: Path, issues: list[LoadIssue]) -> Iterator[MedlineEvent]:
    """Upserts (PubmedArticle / bare MedlineCitation) and deletions (DeleteCitation/PMID)
    of one file, in file order. Malformed records are reported in ``issues`` and skipped;
    a fatal XML error ends the file (reported with the number of records left unread)."""
    opener = gzip.open if path.name.endswith(".gz") else open
    n = 0
    with opener(path, "rb") as fh:
        stream: IO[bytes] = fh  # type: ignore[assignment]
        stack: list[str] = []
        root: ET.Element | None = None
        try:
            for event, elem in ET.iterparse(stream, events=("start", "end")):
                if event == "start":
                    if root is None:
                        root = elem
                    stack.append(elem.tag)
                    continue
                stack.pop()
                if elem.tag == "DeleteCitation":
                    for node in elem.iter("PMID"):
                        pmid = (node.text or "").strip()
                        if pmid:
                            yield MedlineEvent("delete", pmid)
                elif elem.tag == "PubmedArticle" or (
                        elem.tag == "MedlineCitation" and "PubmedArticle" not in stack
                        and "DeleteCitation" not in stack):
                    n += 1
                    try:
                        doc = _medline_to_doc(elem, path.name)
                    except ValueError as exc:
                        issues.append(LoadIssue(str(path), f"record {n}", str(exc)))
                    else:
                        version = _pmid_version(elem)
                        if version:
                            doc.metadata["pmid_version"] = version
                        yield MedlineEvent("upsert", doc.doc_id, doc)
                else:
                    continue
                elem.clear()
                if root is not None and len(stack) == 1:
                    root.clear()  # drop the cleared record from the root too: flat memory
        except ET.ParseError as exc:
            line, col = exc.position
            issues.append(LoadIssue(str(path), f"line {line}",
                                    f"XML parse error at column {col}: {exc}; rest of file "
                                    "skipped", unread=max(0, _count_records(path) - n - 1)))
        except (OSError, EOFError) as exc:  # truncated .gz
            issues.append(LoadIssue(str(path), f"record {n + 1}", f"cannot read: {exc}"))


def _pmid_version(elem: ET.Element) -> str | None:
    node = elem.find(".//MedlineCitation/PMID") if elem.tag == "PubmedArticle" else \
        elem.find("PMID")
    version = node.get("Version") if node is not None else None
    return version if version and version != "1" else None
