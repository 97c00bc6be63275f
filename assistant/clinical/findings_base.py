"""The shared pieces of the exam-finding readers (``assistant.clinical.findings`` and its
section modules): the ``ExamFinding`` record, the windowed regex scan and the sentence before a
position."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.clinical.vocabulary import Concept


@dataclass(frozen=True)
class ExamFinding:
    """A finding read from exam shorthand, with the status the words themselves carry."""

    concept: Concept
    start: int
    end: int
    status: str


def extend_unoverlapped(out: list[ExamFinding], found: Iterable[ExamFinding]) -> None:
    """Append each finding of ``found`` to ``out`` unless its span overlaps one already in
    ``out`` (those appended from ``found`` included): a reader's words read once."""
    for f in found:
        if not any(x.start < f.end and f.start < x.end for x in out):
            out.append(f)


def _windowed(pattern: re.Pattern[str], key: re.Pattern[str], text: str,
              before: int = 80, after: int = 80) -> list[re.Match[str]]:
    """``pattern``'s matches that lie near a ``key`` hit (same matches as a full scan for
    patterns whose words sit within ``before``/``after`` characters of a key word),
    leftmost-longest, without overlaps."""
    found: dict[tuple[int, int], re.Match[str]] = {}
    last = -1
    for k in key.finditer(text):
        lo = max(0, k.start() - before, last)
        for m in pattern.finditer(text, lo, min(len(text), k.end() + after)):
            found.setdefault(m.span(), m)
        last = max(last, k.start() - before)
    out: list[re.Match[str]] = []
    for span in sorted(found, key=lambda sp: (sp[0], -sp[1])):
        if out and span[0] < out[-1].end():
            continue
        out.append(found[span])
    return out


def _sentence_before(text: str, start: int, limit: int = 300) -> str:
    """The text of ``start``'s sentence before it (at most ``limit`` characters)."""
    lo = max(0, start - limit)
    chunk = text[lo:start]
    cut = max(chunk.rfind(". "), chunk.rfind("\n"), chunk.rfind(".\n"))
    return chunk[cut + 1:] if cut >= 0 else chunk
