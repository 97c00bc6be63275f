"""Render an ``AskResult`` into what the chat UI shows: Markdown, a table, spans, HTML.

Pure functions (no Gradio import), so the rendering is pinned by fast tests. Every string that
came from a note, a model or a document is HTML-escaped before it lands in HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from assistant.schema import ExtractionRecord, StudyEvidence, TriageRecord
from assistant.study import display_title

PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
_CITE_RE = re.compile(r"\[PMID:\s*(\d{1,9})\]")
_PMID_RE = re.compile(r"^\d{1,9}$")

EXTRACTION_COLUMNS = ["Category", "Item", "Details", "Status", "Evidence"]

#: Labels of highlighted note spans and their colours (problem status decides its label).
HIGHLIGHT_COLORS: dict[str, str] = {
    "problem": "#f87171",
    "absent": "#cbd5e1",
    "possible": "#fbbf24",
    "history": "#a78bfa",
    "family": "#f0abfc",
    "medication": "#60a5fa",
    "allergy": "#fb923c",
    "vital": "#34d399",
    "lab": "#2dd4bf",
}
_PROBLEM_LABEL = {"present": "problem", "absent": "absent", "possible": "possible",
                  "historical": "history", "family": "family"}

#: Five-level triage scale names and colours (Manchester-style red .. blue); every pair has
#: a contrast of at least 4.5:1 (WCAG 2.1 AA for the badge's small print).
ACUITY_STYLE: dict[int, tuple[str, str, str]] = {
    1: ("Resuscitation", "#b91c1c", "#ffffff"),
    2: ("Emergent", "#c2410c", "#ffffff"),
    3: ("Urgent", "#facc15", "#1f2937"),
    4: ("Less urgent", "#15803d", "#ffffff"),
    5: ("Non-urgent", "#2563eb", "#ffffff"),
}
_SCORE_NAMES = {"news2": "NEWS2", "qsofa": "qSOFA", "news2_params": "NEWS2 params"}

_ROUTE_HINT = {
    "extraction": "Table and highlighted note: **Extraction** panel.",
    "literature": "Retrieved abstracts: **Evidence** panel.",
    "triage": "Acuity, red flags and scores: **Triage** panel.",
}
EVIDENCE_PLACEHOLDER = "*Retrieved abstracts appear here after a literature question.*"
#: Which side-panel tab a route's result opens.
ROUTE_TAB = {"extraction": "extraction", "literature": "evidence", "triage": "triage"}


def pubmed_url(doc_id: str) -> str | None:
    """The PubMed page of a document whose id is a PMID; None for other ids."""
    doc_id = str(doc_id).strip()
    return PUBMED_URL.format(pmid=doc_id) if _PMID_RE.match(doc_id) else None


def link_citations(markdown: str) -> str:
    """Turn every ``[PMID:123]`` into a Markdown link to its PubMed page."""
    return _CITE_RE.sub(
        lambda m: f"[PMID:{m.group(1)}]({PUBMED_URL.format(pmid=m.group(1))})", markdown)


def _num(value: float | int | None) -> str:
    if value is None:
        return ""
    v = float(value)
    return str(int(v)) if v.is_integer() else f"{v:g}"


def _pretty(name: str) -> str:
    return name.replace("_", " ").capitalize() if name.islower() else name


def _quote(text: str | None, span: Sequence[int], limit: int = 80) -> str:
    if not text:
        return ""
    start, end = int(span[0]), int(span[1])
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= limit else piece[: limit - 1] + "…"


def extraction_rows(record: ExtractionRecord, text: str | None = None) -> list[list[str]]:
    """One row per extracted item: category, item, details, status, evidence (the note's
    own words at the item's span, which the highlighted note shows in place)."""
    rows: list[list[str]] = []

    def add(category: str, item: str, details: str, status: str | None, span: Sequence[int]):
        rows.append([category, item, details, status or "", _quote(text, span)])

    for p in record.problems:
        add("Problem", p.text, f"ICD-10 {p.icd10}" if p.icd10 else "", p.status, p.span)
    for m in record.medications:
        details = " · ".join(x for x in (m.dose, m.route, m.frequency) if x)
        add("Medication", m.name, details, m.status, m.span)
    for a in record.allergies:
        add("Allergy", a.substance, f"reaction: {a.reaction}" if a.reaction else "", None, a.span)
    for v in record.vitals:
        add("Vital", _pretty(v.name), f"{_num(v.value)} {v.unit}".strip(), None, v.span)
    for lab in record.labs:
        details = f"{_num(lab.value)} {lab.unit or ''}".strip()
        add("Lab", lab.name, details, lab.flag, lab.span)
    return rows


def extraction_table(record: ExtractionRecord | None, text: str | None = None) -> pd.DataFrame:
    """The extraction as a DataFrame with ``EXTRACTION_COLUMNS`` (empty when no record)."""
    rows = extraction_rows(record, text) if record is not None else []
    return pd.DataFrame(rows, columns=EXTRACTION_COLUMNS)


def _labelled_spans(record: ExtractionRecord) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    spans += [(p.span[0], p.span[1], _PROBLEM_LABEL.get(p.status, "problem"))
              for p in record.problems]
    spans += [(m.span[0], m.span[1], "medication") for m in record.medications]
    spans += [(a.span[0], a.span[1], "allergy") for a in record.allergies]
    spans += [(v.span[0], v.span[1], "vital") for v in record.vitals]
    spans += [(x.span[0], x.span[1], "lab") for x in record.labs]
    return spans


def highlight_spans(text: str, record: ExtractionRecord | None) -> list[tuple[str, str | None]]:
    """The note cut into (piece, label) pairs for ``gr.HighlightedText``.

    Overlapping items keep the one that starts first (the longer one on a tie), so every
    character appears exactly once and the pieces join back to ``text``.
    """
    if not text:
        return []
    if record is None:
        return [(text, None)]
    spans = sorted(_labelled_spans(record), key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[str, str | None]] = []
    cursor = 0
    for start, end, label in spans:
        start, end = max(start, 0), min(end, len(text))
        if start < cursor or start >= end:
            continue
        if start > cursor:
            out.append((text[cursor:start], None))
        out.append((text[start:end], label))
        cursor = end
    if cursor < len(text):
        out.append((text[cursor:], None))
    return out


def _score_name(key: str) -> str:
    return _SCORE_NAMES.get(key, key.replace("_", " ").capitalize())


def _li(items: Iterable[str]) -> str:
    return "".join(f"<li>{html.escape(x)}</li>" for x in items)


def triage_html(record: TriageRecord | None) -> str:
    """Acuity badge (coloured by level), red flags, scores, reasons and advice as HTML."""
    if record is None:
        return ""
    if record.acuity is None:
        reason = html.escape(record.error or "no acuity could be assigned")
        return f'<div class="ca-triage"><div class="ca-badge ca-badge-none">No acuity</div>' \
               f'<p class="ca-error">{reason}</p></div>'
    name, bg, fg = ACUITY_STYLE[record.acuity]
    level = html.escape((record.level or "").replace("_", " "))
    level = f"acuity {record.acuity} of 5 · {level}" if level else f"acuity {record.acuity} of 5"
    parts = [
        '<div class="ca-triage">',
        f'<div class="ca-badge" style="background:{bg};color:{fg}">'
        f'<span class="ca-badge-num">{record.acuity}</span>'
        f'<span class="ca-badge-text">{html.escape(name)}<small>{level}</small></span></div>',
    ]
    if record.red_flags:
        parts.append(f'<h4>Red flags</h4><ul class="ca-flags">{_li(record.red_flags)}</ul>')
    if record.scores:
        cells = "".join(
            f'<div class="ca-score"><span>{html.escape(_score_name(k))}</span>'
            f'<b>{html.escape(_num(v)) if v is not None else "n/a"}</b></div>'
            for k, v in record.scores.items())
        parts.append(f'<h4>Scores</h4><div class="ca-scores">{cells}</div>')
    if record.reasons:
        parts.append(f"<h4>Reasons</h4><ul>{_li(record.reasons)}</ul>")
    if record.advice:
        parts.append(f'<h4>Advice</h4><p>{html.escape(record.advice)}</p>')
    if record.error:
        parts.append(f'<p class="ca-error">{html.escape(record.error)}</p>')
    parts.append("</div>")
    return "".join(parts)


def _get(doc: Any, name: str, default: Any = "") -> Any:
    return getattr(doc, name, default)


def documents_markdown(docs: Sequence[Any], cited: Iterable[str] = (),
                       snippet_chars: int = 500) -> str:
    """Retrieved abstracts (``DocHit``s), best first, each linked to PubMed when it has a PMID.

    Retrieval scores are left out: fused rank scores are not comparable across queries, and
    a small number next to an abstract reads like low quality to a clinician.
    Cited documents are marked, so the reader sees which evidence the answer rests on.
    """
    if not docs:
        return ""
    cited_set = {str(c) for c in cited}
    blocks: list[str] = []
    for rank, doc in enumerate(docs, 1):
        doc_id = str(_get(doc, "doc_id"))
        url = pubmed_url(doc_id)
        # No title in the corpus (PubMedQA): the first sentence of the conclusion, never a
        # bare id; the id is in the line below anyway.
        title = display_title(str(_get(doc, "title") or ""),
                              str(_get(doc, "text") or _get(doc, "chunk_text") or ""))
        title = title.replace("[", "(").replace("]", ")") or f"Document {doc_id}"
        head = f"[{title}]({url})" if url else title
        meta = _get(doc, "metadata") or {}
        facts = [str(x) for x in (meta.get("journal"), meta.get("year")) if x]
        facts.append(f"PMID {doc_id}" if url else f"id {doc_id}")
        mark = " · **cited**" if doc_id in cited_set else ""
        snippet = " ".join(str(_get(doc, "chunk_text") or _get(doc, "text") or "").split())
        if len(snippet) > snippet_chars:
            snippet = snippet[: snippet_chars - 1] + "…"
        blocks.append(f"**{rank}. {head}**  \n<small>{' · '.join(facts)}{mark}</small>\n\n"
                      f"> {snippet}")
    return "\n\n".join(blocks)


EVIDENCE_COLUMNS = ["Study", "Year", "Design", "n", "Direction", "Finding (quoted)"]


def _cell(text: str) -> str:
    """Table-cell-safe Markdown: no pipes or line breaks, no raw HTML."""
    return html.escape(" ".join(text.split())).replace("|", "\\|")


def evidence_table_markdown(rows: Sequence[StudyEvidence], summary: str | None = None) -> str:
    """The evidence table of a literature answer: one row per cited study (design, size, year,
    direction, quoted finding), under the answer's overall line."""
    if not rows:
        return ""
    lines = ["#### Evidence table"]
    if summary:
        lines += [link_citations(_cell(summary)), ""]
    lines += ["| " + " | ".join(EVIDENCE_COLUMNS) + " |",
              "|" + "|".join("---" for _ in EVIDENCE_COLUMNS) + "|"]
    for st in rows:
        url = pubmed_url(st.doc_id)
        study = f"[PMID {st.doc_id}]({url})" if url else _cell(st.doc_id)
        size = f"{st.n:,} {st.population or ''}".strip() if st.n else "not stated"
        quote = f"“{_cell(st.quote)}” <small>({_cell(st.section.lower())})</small>" \
            if st.quote else ""
        lines.append("| " + " | ".join([
            f"{study}<br><small>{_cell(st.title)}</small>", _cell(st.year or "–"),
            _cell(st.design or "not stated"), _cell(size),
            st.direction or "–", quote]) + " |")
    return "\n".join(lines)


def _unverified_label() -> str:
    # The label is owned by the synthesis module (issue 23 item 1); imported late to keep this
    # module's import light.
    from assistant.synthesis import UNVERIFIED_LABEL

    return UNVERIFIED_LABEL


def unverified_html(text: str) -> str:
    """Model-only text in its own dashed amber box, labelled as not sourced (never looks
    like a sourced answer)."""
    body = html.escape(text or "").replace("\n", "<br>")
    return (f'<div class="ca-unverified"><div class="ca-unverified-label">⚠ '
            f'{html.escape(_unverified_label())}</div><div>{body}</div></div>')


def llm_html(text: str) -> str:
    """Language-model text streamed after a deterministic result, marked as such."""
    body = html.escape(text or "").replace("\n", "<br>")
    return f'<div class="ca-llm"><small>Model-worded addition</small><br>{body}</div>'


def partial_markdown(result: Any) -> str:
    """The chat message for a deterministic (rules) result, shown before any model text:
    wrapped in ``.ca-det`` so the page (and its test) can tell it from model text."""
    return f'<div class="ca-det">\n\n{chat_markdown(result)}\n\n</div>'


def chat_markdown(result: Any) -> str:
    """The assistant's chat message for a finished result: answer with linked citations.

    A result whose ``provenance`` is ``unverified_model`` (model-only text a site enabled) is
    shown in the distinct unverified box, never as a sourced answer.
    """
    if getattr(result, "provenance", None) == "unverified_model":
        return unverified_html(result.answer or "")
    answer = link_citations(result.answer or "")
    if result.error and not answer:
        return f"**Could not complete the request.** {result.error}"
    if result.error:
        answer += f"\n\n> ⚠ {result.error}"
    hint = _ROUTE_HINT.get(result.route) if not result.refused else None
    if hint and _has_panel_content(result):
        answer += f"\n\n<small>{hint}</small>"
    return answer


def _has_panel_content(result: Any) -> bool:
    return bool(result.extraction or result.triage or result.documents)


@dataclass
class ResultView:
    """Everything one result puts on screen."""

    chat: str
    table: pd.DataFrame
    spans: list[tuple[str, str | None]] = field(default_factory=list)
    triage: str = ""
    evidence: str = ""
    tab: str | None = None   # the side-panel tab to open, None to leave it


def render_result(result: Any) -> ResultView:
    """Render a finished ``AskResult`` for the chat and the side panel."""
    cited: list[str] = []
    table = ""
    if result.literature is not None:
        cited = [c.doc_id for c in result.literature.citations]
        table = evidence_table_markdown(result.literature.evidence, result.literature.summary)
    evidence = documents_markdown(result.documents, cited)
    if table and evidence:
        evidence = f"{table}\n\n#### Retrieved abstracts\n\n{evidence}"
    text = result.note_text or ""
    return ResultView(
        chat=chat_markdown(result),
        table=extraction_table(result.extraction, text),
        spans=highlight_spans(text, result.extraction) if result.extraction else [],
        triage=triage_html(result.triage),
        evidence=evidence,
        tab=ROUTE_TAB.get(result.route) if _has_panel_content(result) else None,
    )
