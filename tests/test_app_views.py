"""Rendering of results for the chat UI: pinned Markdown, table rows, spans and HTML."""

from __future__ import annotations

import pytest

from assistant.schema import (
    Allergy,
    Citation,
    ExtractionRecord,
    Lab,
    LiteratureRecord,
    Medication,
    Problem,
    TriageRecord,
    Vital,
)
from assistant.ui.views import (
    EXTRACTION_COLUMNS,
    documents_markdown,
    extraction_rows,
    extraction_table,
    highlight_spans,
    link_citations,
    pubmed_url,
    render_result,
    triage_html,
)
from index.search import DocHit

NOTE = ("HR 104. Denies chest pain. Metformin 500 mg PO BID. Allergy: penicillin (hives). "
        "Troponin 0.45 ng/mL.")


def _record() -> ExtractionRecord:
    return ExtractionRecord(
        note_id="n1",
        problems=[Problem(text="chest pain", status="absent", span=(15, 25))],
        medications=[Medication(name="metformin", dose="500 mg", route="PO", frequency="BID",
                                status="active", span=(27, 50))],
        allergies=[Allergy(substance="penicillin", reaction="hives", span=(61, 79))],
        vitals=[Vital(name="heart_rate", value=104.0, unit="bpm", raw="HR 104", span=(0, 6))],
        labs=[Lab(name="troponin", value=0.45, unit="ng/mL", flag="high", span=(81, 100))],
    )


def test_pubmed_links() -> None:
    assert pubmed_url("21645374") == "https://pubmed.ncbi.nlm.nih.gov/21645374/"
    assert pubmed_url("doc-7") is None
    assert link_citations("Yes [PMID:123] and [PMID: 45].") == (
        "Yes [PMID:123](https://pubmed.ncbi.nlm.nih.gov/123/) and "
        "[PMID:45](https://pubmed.ncbi.nlm.nih.gov/45/).")
    assert link_citations("no citation [ref 3]") == "no citation [ref 3]"


def test_extraction_rows_pinned() -> None:
    rows = extraction_rows(_record(), NOTE)
    assert rows == [
        ["Problem", "chest pain", "", "absent", "chest pain"],
        ["Medication", "metformin", "500 mg · PO · BID", "active", "Metformin 500 mg PO BID"],
        ["Allergy", "penicillin", "reaction: hives", "", "penicillin (hives)"],
        ["Vital", "Heart rate", "104 bpm", "", "HR 104"],
        ["Lab", "troponin", "0.45 ng/mL", "high", "Troponin 0.45 ng/mL"],
    ]
    df = extraction_table(_record(), NOTE)
    assert list(df.columns) == EXTRACTION_COLUMNS and len(df) == 5
    assert extraction_table(None).empty


def test_highlight_spans_cover_text_once() -> None:
    pieces = highlight_spans(NOTE, _record())
    assert "".join(p for p, _ in pieces) == NOTE
    labelled = [(p, lab) for p, lab in pieces if lab]
    assert labelled == [("HR 104", "vital"), ("chest pain", "absent"),
                        ("Metformin 500 mg PO BID", "medication"),
                        ("penicillin (hives)", "allergy"), ("Troponin 0.45 ng/mL", "lab")]


def test_highlight_overlaps_keep_first_longest() -> None:
    rec = ExtractionRecord(note_id="n", allergies=[Allergy(substance="penicillin", span=(61, 71))],
                           medications=[Medication(name="penicillin", span=(61, 79))])
    pieces = highlight_spans(NOTE, rec)
    assert [p for p in pieces if p[1]] == [("penicillin (hives)", "medication")]
    assert "".join(p for p, _ in pieces) == NOTE
    assert highlight_spans("", rec) == []


def test_triage_html_badge_and_escaping() -> None:
    rec = TriageRecord(id="c1", acuity=2, level="emergency",
                       red_flags=["chest pain with <diaphoresis>"],
                       scores={"news2": 5, "qsofa": 1, "shock_index": None},
                       reasons=["HR 118 & BP 88/54"], advice="Call the ED team.")
    out = triage_html(rec)
    assert 'style="background:#c2410c;color:#ffffff"' in out
    assert '<span class="ca-badge-num">2</span>' in out
    assert "Emergent<small>acuity 2 of 5 · emergency</small>" in out
    assert "<li>chest pain with &lt;diaphoresis&gt;</li>" in out
    assert "<span>NEWS2</span><b>5</b>" in out and "<span>qSOFA</span><b>1</b>" in out
    assert "<span>Shock index</span><b>n/a</b>" in out  # unknown keys: readable names
    assert "<li>HR 118 &amp; BP 88/54</li>" in out
    assert triage_html(None) == ""
    none = triage_html(TriageRecord(id="c2", error="no vitals <x>"))
    assert "No acuity" in none and "no vitals &lt;x&gt;" in none


@pytest.mark.parametrize("acuity,colour", [(1, "#b91c1c"), (2, "#c2410c"), (3, "#facc15"),
                                           (4, "#15803d"), (5, "#2563eb")])
def test_triage_colours(acuity: int, colour: str) -> None:
    from assistant.schema import level_for_acuity

    rec = TriageRecord(id="c", acuity=acuity, level=level_for_acuity(acuity))
    assert f"background:{colour}" in triage_html(rec)


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_badge_and_send_contrast_meet_wcag_aa() -> None:
    """WCAG 2.1 AA: >= 4.5:1 for every acuity badge and the Send button (white on #0f766e)."""
    from assistant.ui.views import ACUITY_STYLE

    def ratio(a: str, b: str) -> float:
        hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    for _, bg, fg in ACUITY_STYLE.values():
        assert ratio(bg, fg) >= 4.5, (bg, fg)
    assert round(ratio("#0f766e", "#ffffff"), 2) == 5.47
    assert round(ratio("#475569", "#eef2f6"), 2) >= 4.5


def test_documents_markdown_pinned() -> None:
    docs = [
        DocHit("11340218", "Statins [and] stroke", 0.8312, "full", "Statin users had...",
               {"journal": "Stroke", "year": "2001"}),
        DocHit("local-3", "", 0.5, "full text here", "", {}),
        DocHit("26852225", "", 0.4, "RESULTS: Naps [long].\n\nCONCLUSIONS: Sleep helps. More so.",
               "CONCLUSIONS: Sleep.", {"year": "2016"}),
    ]
    md = documents_markdown(docs, cited=["11340218"])
    assert md == (
        "**1. [Statins (and) stroke](https://pubmed.ncbi.nlm.nih.gov/11340218/)**  \n"
        "<small>Stroke · 2001 · PMID 11340218 · **cited**</small>\n\n"
        "> Statin users had...\n\n"
        "**2. full text here**  \n<small>id local-3</small>\n\n"
        "> full text here\n\n"
        "**3. [Sleep helps.](https://pubmed.ncbi.nlm.nih.gov/26852225/)**  \n"
        "<small>2016 · PMID 26852225</small>\n\n"
        "> CONCLUSIONS: Sleep.")
    assert documents_markdown([]) == ""


def test_render_result_literature_and_extraction() -> None:
    from assistant.ask import AskResult

    lit = LiteratureRecord(id="q", answer="No [PMID:11340218].", verdict="no",
                           citations=[Citation(doc_id="11340218", title="t", score=0.8)],
                           retrieved=["11340218"])
    doc = DocHit("11340218", "Statins", 0.8, "x", "chunk", {})
    res = AskResult(id="q", route="literature", refused=False, answer="No [PMID:11340218].",
                    literature=lit, documents=[doc])
    view = render_result(res)
    assert view.chat == ("No [PMID:11340218](https://pubmed.ncbi.nlm.nih.gov/11340218/)."
                         "\n\n<small>Retrieved abstracts: **Evidence** panel.</small>")
    assert view.tab == "evidence" and "**cited**" in view.evidence
    assert view.table.empty and view.spans == [] and view.triage == ""

    ext = AskResult(id="e", route="extraction", refused=False, answer="Found 5 items.",
                    extraction=_record(), note_text=NOTE)
    view = render_result(ext)
    assert view.tab == "extraction" and len(view.table) == 5
    assert "".join(p for p, _ in view.spans) == NOTE

    refused = AskResult(id="r", route="refused", refused=True, answer="I can't help with that.")
    view = render_result(refused)
    assert view.chat == "I can't help with that." and view.tab is None

    failed = AskResult(id="f", route="triage", refused=False, answer="", error="backend down")
    assert render_result(failed).chat == "**Could not complete the request.** backend down"


def test_evidence_table_pinned() -> None:
    from assistant.schema import StudyEvidence
    from assistant.ui.views import evidence_table_markdown

    rows = [StudyEvidence(doc_id="101", title="Atorvastatin | AF", year="2011", design="RCT",
                          n=221, population="patients", direction="supports",
                          quote="AF fell <a lot>.", section="CONCLUSIONS"),
            StudyEvidence(doc_id="local-2", title="t", quote="", section="")]
    md = evidence_table_markdown(rows, "2 studies: 1 supports [PMID:101].")
    assert md.splitlines() == [
        "#### Evidence table",
        "2 studies: 1 supports [PMID:101](https://pubmed.ncbi.nlm.nih.gov/101/).",
        "",
        "| Study | Year | Design | n | Direction | Finding (quoted) |",
        "|---|---|---|---|---|---|",
        "| [PMID 101](https://pubmed.ncbi.nlm.nih.gov/101/)<br><small>Atorvastatin \\| AF"
        "</small> | 2011 | RCT | 221 patients | supports | “AF fell &lt;a lot&gt;.” "
        "<small>(conclusions)</small> |",
        "| local-2<br><small>t</small> | – | not stated | not stated | – |  |"]
    assert evidence_table_markdown([]) == ""


def test_render_result_puts_the_evidence_table_above_the_abstracts() -> None:
    from assistant.ask import AskResult
    from assistant.schema import StudyEvidence

    lit = LiteratureRecord(id="q", answer="x [PMID:11340218].", summary="1 study supports.",
                           citations=[Citation(doc_id="11340218")], retrieved=["11340218"],
                           evidence=[StudyEvidence(doc_id="11340218", design="cohort",
                                                   quote="Q.", section="RESULTS")])
    res = AskResult(id="q", route="literature", refused=False, answer=lit.answer,
                    literature=lit, documents=[DocHit("11340218", "S", 0.8, "x", "c", {})])
    ev = render_result(res).evidence
    assert ev.index("#### Evidence table") < ev.index("| Study |") \
        < ev.index("#### Retrieved abstracts") < ev.index("**1. [S]")


def test_session_end_handler_receives_the_request() -> None:
    # Gradio passes gr.Request only to a parameter whose annotation it can resolve to it in
    # the handler's module; a handler defined under a local `import gradio` got no argument.
    import typing
    import warnings

    import gradio as gr
    from gradio.utils import check_function_inputs_match

    from assistant.ui.layout import session_end_handler

    ended: list[object] = []
    handler = session_end_handler(ended.append)
    assert typing.get_type_hints(handler)["request"] is gr.Request
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_function_inputs_match(handler, [], False)  # no warning: the request is special
    handler("req")
    assert ended == ["req"]


def test_unverified_model_text_gets_its_own_labelled_box() -> None:
    """Model-only text (provenance ``unverified_model``) never looks like a sourced answer:
    a dashed amber box under the 'not sourced' label, its text escaped."""
    from types import SimpleNamespace

    from assistant.ui.views import chat_markdown

    model_only = SimpleNamespace(answer="Take <b>10 mg</b> daily.", route="general",
                                 refused=False, error=None, extraction=None, triage=None,
                                 documents=[], provenance="unverified_model")
    out = chat_markdown(model_only)
    assert out.startswith('<div class="ca-unverified"><div class="ca-unverified-label">')
    assert "not sourced: unverified model text" in out
    assert "Take &lt;b&gt;10 mg&lt;/b&gt; daily." in out and "<b>10 mg" not in out
    sourced = SimpleNamespace(**{**vars(model_only), "provenance": "retrieved"})
    assert "ca-unverified" not in chat_markdown(sourced)
    from assistant.ui.style import CSS
    assert ".ca-unverified { border: 2px dashed" in CSS


def test_partial_result_is_marked_deterministic() -> None:
    from types import SimpleNamespace

    from assistant.ui.views import llm_html, partial_markdown

    rules = SimpleNamespace(answer="**Acuity 2**", route="triage", refused=False, error=None,
                            extraction=None, triage=None, documents=[])
    assert partial_markdown(rules) == '<div class="ca-det">\n\n**Acuity 2**\n\n</div>'
    assert llm_html("a <i>\nb") == ('<div class="ca-llm"><small>Model-worded addition</small>'
                                    "<br>a &lt;i&gt;<br>b</div>")


def test_status_is_readable_with_raw_table_behind_a_disclosure() -> None:
    from assistant.ui.status_tab import summary_rows

    rows = dict(summary_rows({"backend": "local", "device": "cpu", "model": "embedded SmolLM2",
                              "adapter": "", "use_llm": False, "index_dir": "/idx",
                              "index_documents": 1234}, "ready"))
    assert rows["Language model"] == "none: rules and retrieval only (no language model)"
    assert rows["Adapter"] == "none"
    assert rows["Literature index"] == "/idx · 1,234 documents · ready"
    assert rows["Device"] == "cpu" and rows["Versions"].startswith("python 3.")
    rows = dict(summary_rows({"backend": "local", "device": "auto", "model": "m",
                              "use_llm": True, "llm_dtype": "torch.float32",
                              "llm_device": "cpu"}, "missing"))
    assert rows["Language model"] == "m via local (float32)" and rows["Device"] == "cpu"
