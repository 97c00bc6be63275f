"""Sentence splitting: one module, three splitters for three kinds of text.

They differ on purpose, and each is kept exactly as it was where it came from:

* ``split_abstract_sentences``: edited prose (PubMed abstracts and conclusions). A sentence
  ends at ``.!?`` followed by whitespace and a capital or an opening bracket, so "p < 0.05"
  or "vs. placebo" stay inside their sentence. (was ``assistant.evidence.split_sentences``)
* ``note_sentence_spans``: clinical notes, as character spans. Notes are lists, headers and
  run-on lines as much as prose: a line break, a list item, a header ("Meds:") or a
  semicolon also ends a "sentence", the scope unit of ConText negation; "Dr." and "2." do
  not. (was ``assistant.extract.pipeline.sentences``)
* ``STREAM_SENTENCE_END``: a language model's streamed answer. The text is a growing token
  buffer cut as soon as a sentence is complete, so any ``.!?`` plus whitespace ends a
  sentence (waiting for the next capital would hold a finished sentence back), and a
  citation bracket ``[PMID:1]`` plus a capital ends one too. (was ``assistant.literature``)
"""

from __future__ import annotations

import re

_ABSTRACT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])")

_NOTE_SENT_END = re.compile(
    r"\n\s*\n|\n(?=\s*(?:[-*#•]|\d+[.)]|[A-Z][A-Za-z /&]{1,40}:))|"
    r"(?<=[.!?])(?<!\b\d\.)(?<!\b\d\d\.)(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bvs\.)"
    r"(?<!\bMrs\.)\s+(?=[A-Z0-9\"(])|(?<=[a-z)])\n|;\s|"
    # probe18: a label line answered "None." on the next line ("INFECTION:\n None.") is one
    # item, as "Infection: None." on one line (ConText's ": none" needs both in its scope)
    r"\n(?!(?:(?<=:\n)|(?<=: \n)|(?<=:  \n))[ \t]*(?i:none|negative)\.?[ \t]*(?:\n|$))")

#: Where a streamed answer may be cut: ``re.split`` on it leaves the unfinished tail last.
STREAM_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=\])\s+(?=[A-Z])")


def split_abstract_sentences(text: str) -> list[str]:
    """Sentences of abstract prose, stripped, empty ones dropped.

    A split needs terminal punctuation, whitespace and then a capital or ``(``/``[``.
    """
    return [s.strip() for s in _ABSTRACT_SPLIT.split(text.strip()) if s.strip()]


def note_sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences and lines of a clinical note (blank ones dropped).

    Lines of a list are sentences of their own; this is ConText's scope unit.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _NOTE_SENT_END.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]
