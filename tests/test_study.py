"""Evidence across studies: design, size, finding sentences, titles, the overall line, the
multi-study answer, loader metadata, and the grounded synthesis through a real local
OpenAI-compatible HTTP server (``http.server`` in a thread, deterministic replies)."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.citations import cited_ids
from assistant.config import LiteratureConfig
from assistant.literature import LiteratureQA, overall_line, study_line
from assistant.schema import StudyEvidence
from assistant.study import (
    UNLABELLED,
    design_rank,
    direction_of,
    display_title,
    finding_sentences,
    study_design,
    study_size,
)
from assistant.synthesis import checked_sentences, parse_summary, synthesis_enabled
from index.base import DocHit
from index.loaders import iter_documents

RCT = ("BACKGROUND: Earlier randomised trials were small.\n\n"
       "METHODS: A total of 221 patients undergoing CABG were randomly assigned to atorvastatin "
       "or placebo.\n\nRESULTS: Atrial fibrillation occurred in 12% of 110 patients on "
       "atorvastatin and 28% of 111 patients on placebo (p = 0.003).\n\n"
       "CONCLUSIONS: Atorvastatin reduced atrial fibrillation after CABG.")
COHORT = ("OBJECTIVE: To determine whether statins reduce atrial fibrillation after CABG.\n\n"
          "METHODS: We followed 1,450 consecutive patients.\n\n"
          "RESULTS: Atrial fibrillation rates did not differ between statin users and "
          "non-users.\n\nCONCLUSIONS: Statins were not associated with atrial fibrillation "
          "after CABG.")
MENINGITIS = ("BACKGROUND: Meningitis in infants.\n\nRESULTS: Lumbar puncture yield was low.\n\n"
              "CONCLUSIONS: Routine lumbar puncture is rarely needed.")
DOCS = {
    "101": ("", RCT, {"year": "2011", "mesh": ["Double-Blind Method", "Atorvastatin"]}),
    "202": ("Statins and AF: a cohort", COHORT,
            {"year": "2015", "mesh": ["Cohort Studies", "Retrospective Studies"]}),
    "303": ("", MENINGITIS, {"year": "2001"}),
}


class ListSearcher:
    """Every document, ranked by words shared with the query (test stand-in)."""

    def search(self, query: str, k: int = 10, mode: str = "hybrid") -> list[DocHit]:
        q = set(re.findall(r"[a-z]+", query.lower()))
        ranked = sorted(DOCS, key=lambda d: -len(q & set(re.findall(r"[a-z]+",
                                                                    DOCS[d][1].lower()))))
        return [DocHit(d, DOCS[d][0], 1.0 / (i + 1), DOCS[d][1], DOCS[d][1][:200], DOCS[d][2])
                for i, d in enumerate(ranked[:k])]


def _qa(settings, **cfg) -> LiteratureQA:
    return LiteratureQA(settings.model_copy(update={"use_llm": False}), searcher=ListSearcher(),
                        config=LiteratureConfig(use_embeddings=False, secondary_ratio=0.5, **cfg))


# -- study rules --------------------------------------------------------------------------
def test_design_from_publication_types_mesh_and_text():
    assert study_design("RESULTS: x.", {"publication_types": ["Journal Article",
                                                              "Meta-Analysis"]}) == "meta-analysis"
    assert study_design("RESULTS: x.", {"publication_types": ["Randomized Controlled Trial"]}) \
        == "RCT"
    assert study_design("METHODS: Patients were randomised.", {
        "publication_types": ["Clinical Trial"]}) == "RCT"
    assert study_design("METHODS: Open label.", {"publication_types": ["Clinical Trial"]}) \
        == "non-randomised trial"
    assert study_design(RCT, DOCS["101"][2]) == "RCT"
    assert study_design(COHORT, DOCS["202"][2]) == "retrospective cohort"
    # "... as Topic" is about the subject, not the design; the text then decides.
    assert study_design("METHODS: A cross-sectional survey of 300 nurses.", {
        "mesh": ["Randomized Controlled Trials as Topic"]}) == "cross-sectional"
    # Trials named only in the background are other studies, not this one.
    assert study_design("BACKGROUND: Randomized controlled trials are lacking.\n\n"
                        "METHODS: We reviewed charts retrospectively.") == "retrospective study"
    assert study_design("RESULTS: Something happened.") is None
    assert design_rank("meta-analysis") < design_rank("RCT") < design_rank("cohort") \
        < design_rank("case report") < design_rank(None)


def test_size_total_then_largest_count():
    assert study_size(RCT) == (221, "patients")
    assert study_size(COHORT) == (1450, "patients")
    assert study_size("RESULTS: Of 40 eyes (n = 38 analysed), 12 improved.") == (40, "eyes")
    assert study_size("RESULTS: Follow-up was 12 years in 30 older adult women.") \
        == (30, "women")
    assert study_size("RESULTS: Mean age 64 years; 5 mg daily.") is None
    assert study_size("BACKGROUND: 10,000 patients die yearly.\n\nRESULTS: Rates fell.") is None


def test_finding_sentences_labelled_and_unlabelled():
    found = finding_sentences(COHORT)
    assert [f.section for f in found] == ["RESULTS", "CONCLUSIONS"]
    assert all("determine whether" not in f.text for f in found)
    plain = ("The aim was to determine whether aspirin helps. We studied 80 adults. Pain fell "
             "in both groups. Aspirin was not better than placebo (p = 0.4).")
    got = finding_sentences(plain)
    assert [f.text for f in got] == ["Pain fell in both groups.",
                                     "Aspirin was not better than placebo (p = 0.4)."]
    assert {f.section for f in got} == {UNLABELLED}
    # DISCUSSION only where there is no RESULTS/CONCLUSIONS paragraph.
    both = "RESULTS: Pain fell.\n\nDISCUSSION: We think it works."
    assert [f.section for f in finding_sentences(both)] == ["RESULTS"]
    assert [f.section for f in finding_sentences("METHODS: X.\n\nDISCUSSION: It works.")] \
        == ["DISCUSSION"]
    # A result cue early in an unlabelled abstract counts; an aim sentence never does.
    early = "We found a significant fall in pain. The aim was to see more. A. B. C. D."
    assert "We found a significant fall in pain." in [f.text for f in finding_sentences(early)]


def test_display_title_never_a_bare_id():
    assert display_title("  Statins   and AF ", RCT) == "Statins and AF"
    assert display_title("", RCT) == "Atorvastatin reduced atrial fibrillation after CABG."
    long = "CONCLUSIONS: " + "word " * 60 + "end."
    shown = display_title(None, long, limit=40)
    assert len(shown) <= 40 and shown.endswith("…")


def test_direction_from_verdict_and_null_findings():
    assert direction_of("yes", RCT) == "supports"
    assert direction_of("maybe", RCT) == "unclear"
    assert direction_of("no", COHORT) == "no effect"
    assert direction_of("no", "CONCLUSIONS: Routine imaging is unnecessary and harmful.") \
        == "against"


def test_overall_line_pinned():
    rows = [StudyEvidence(doc_id="1", design="retrospective cohort", n=900,
                          population="patients", direction="supports"),
            StudyEvidence(doc_id="2", design="RCT", n=221, population="patients",
                          direction="supports"),
            StudyEvidence(doc_id="3", design=None, direction="no effect")]
    assert overall_line(rows, yes_no=True) == (
        "3 studies: 2 support, 1 finds no difference or no effect; the strongest design is "
        "an RCT of 221 patients [PMID:2].")
    assert overall_line(rows[:1], yes_no=True) == (
        "1 study supports; its design is a retrospective cohort of 900 patients [PMID:1].")
    assert overall_line(rows[2:], yes_no=False) == (
        "1 study relevant to the question; no abstract states its design.")
    assert study_line(StudyEvidence(doc_id="2", design="RCT", year="2011", n=221,
                                    population="patients", direction="supports", quote="Q.")) \
        == '- **RCT, 2011, 221 patients** · supports [PMID:2]: "Q."'


# -- the answer ---------------------------------------------------------------------------
Q = "Do statins reduce atrial fibrillation after CABG?"


def test_answer_lists_every_relevant_study_with_a_finding(settings_tmp):
    rec = _qa(settings_tmp).answer(Q, "q1")
    assert not rec.abstained and rec.verdict is not None
    # In the order of their best evidence sentence (202's objective restates the question);
    # 303 fails the relevance gate.
    assert [e.doc_id for e in rec.evidence] == ["202", "101"]
    cohort, rct = rec.evidence
    assert (rct.design, rct.n, rct.population, rct.year) == ("RCT", 221, "patients", "2011")
    assert (cohort.design, cohort.n, cohort.title) == ("retrospective cohort", 1450,
                                                       "Statins and AF: a cohort")
    assert rct.title == "Atorvastatin reduced atrial fibrillation after CABG."  # no title
    assert all(e.section in ("RESULTS", "CONCLUSIONS") for e in rec.evidence)
    assert all(f'"{e.quote}"' in rec.answer for e in rec.evidence)
    assert "To determine whether" not in rec.answer  # OBJECTIVE is never quoted
    assert (cohort.direction, rct.direction) == ("no effect", "supports")
    assert rec.summary == ("2 studies: 1 supports, 1 finds no difference or no effect; the "
                           "strongest design is an RCT of 221 patients [PMID:101].")
    assert rec.answer.startswith(rec.summary)
    cited = set(cited_ids(rec.answer))
    assert cited == {c.doc_id for c in rec.citations} <= set(rec.retrieved)
    assert [c.quote for c in rec.citations] == [e.quote for e in rec.evidence]
    assert not rec.synthesis
    assert json.loads(rec.model_dump_json())["evidence"][1]["n"] == 221


def test_open_question_gets_studies_without_verdict(settings_tmp):
    rec = _qa(settings_tmp).answer("What is the effect of statins on atrial fibrillation "
                                   "after CABG?")
    assert rec.verdict is None and len(rec.evidence) == 2
    assert all(e.direction is None for e in rec.evidence)
    assert rec.summary.startswith("2 studies relevant to the question; the strongest design "
                                  "is an RCT")


def test_loaders_keep_publication_types(tmp_path: Path):
    xml = tmp_path / "m.xml"
    xml.write_text(
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>9</PMID><Article>"
        "<ArticleTitle>Aspirin trial</ArticleTitle><Abstract><AbstractText Label='RESULTS'>"
        "Fewer strokes.</AbstractText></Abstract><PublicationTypeList>"
        "<PublicationType UI='D016449'>Randomized Controlled Trial</PublicationType>"
        "<PublicationType UI='D016428'>Journal Article</PublicationType>"
        "</PublicationTypeList></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>")
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(json.dumps({"id": "7", "title": "T", "text": "x", "year": 2020,
                                 "publication_types": ["Meta-Analysis"],
                                 "mesh": ["Humans"]}) + "\n")
    issues: list = []
    docs = {d.doc_id: d for d in iter_documents([xml, jsonl], issues)}
    assert not issues
    assert docs["9"].title == "Aspirin trial"
    assert docs["9"].metadata["publication_types"] == ["Randomized Controlled Trial",
                                                       "Journal Article"]
    assert study_design(docs["9"].text, docs["9"].metadata) == "RCT"
    assert docs["7"].metadata["publication_types"] == ["Meta-Analysis"]
    assert docs["7"].metadata["mesh"] == ["Humans"]


# -- grounded synthesis -------------------------------------------------------------------
def test_synthesis_switch_and_parsing(settings_tmp):
    auto = LiteratureConfig()
    assert not synthesis_enabled(settings_tmp, auto)  # the embedded 135M model: off
    assert synthesis_enabled(settings_tmp.model_copy(update={"backend": "openai"}), auto)
    assert not synthesis_enabled(settings_tmp.model_copy(update={"backend": "openai",
                                                                 "use_llm": False}), auto)
    assert synthesis_enabled(settings_tmp, LiteratureConfig(synthesis="on"))
    assert parse_summary("It helps.\nScore: 8") == ("It helps.", 8)
    assert parse_summary("Nothing.\nScore: 14/10") == ("Nothing.", 10)
    assert parse_summary("no score") == ("no score", 0)
    assert checked_sentences("A [PMID:1]. B. C [PMID:9]. D [PMID:1, 9].", ["1"]) == [
        "A [PMID:1].", "D [PMID:1]."]


class _FakeLLM(BaseHTTPRequestHandler):
    """A deterministic OpenAI-compatible chat server: summary requests get a fixed summary
    and score per document; the answer request gets one good, one uncited and one wrongly
    cited sentence."""

    requests: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(body)
        user = body["messages"][-1]["content"]
        m = re.search(r'<excerpt id="PMID:(\d+)">', user)
        if m:
            score = {"101": 9, "202": 7}.get(m.group(1), 1)
            reply = f"Statin findings of study {m.group(1)}.\nScore: {score}"
        else:
            reply = ("Atorvastatin lowered atrial fibrillation after CABG [PMID:101]. "
                     "Statins cure arrhythmia. The cohort found no difference [PMID:202]. "
                     "A large trial proved it [PMID:999999]. Meningitis is rare [PMID:303].")
        data = json.dumps({"choices": [{"message": {"role": "assistant", "content": reply}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data.encode())

    def log_message(self, *args) -> None:  # quiet test output
        pass


@pytest.fixture
def llm_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeLLM)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _FakeLLM.requests = []
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_synthesis_through_a_local_openai_server(settings_tmp, llm_server):
    from assistant.llm.openai_compat import OpenAIBackend

    settings = settings_tmp.model_copy(update={
        "backend": "openai", "use_llm": True,
        "openai": settings_tmp.openai.model_copy(update={"base_url": llm_server,
                                                         "max_retries": 0})})
    qa = LiteratureQA(settings, searcher=ListSearcher(), backend=OpenAIBackend(settings),
                      config=LiteratureConfig(use_embeddings=False, secondary_ratio=0.5))
    rec = qa.answer(Q)
    # One summary call per retrieved document (3), then the answer call.
    assert len(_FakeLLM.requests) == 4
    assert rec.synthesis
    assert "Atorvastatin lowered atrial fibrillation after CABG [PMID:101]." in rec.answer
    assert "The cohort found no difference [PMID:202]." in rec.answer
    assert "Statins cure arrhythmia" not in rec.answer          # uncited: dropped
    assert "999999" not in rec.answer                           # not retrieved: removed
    assert "A large trial proved it" not in rec.answer          # left uncited: dropped
    assert "Meningitis is rare" not in rec.answer               # scored 1/10: not kept
    summaries = _FakeLLM.requests[-1]["messages"][-1]["content"]
    assert 'id="PMID:101" relevance="9/10"' in summaries and "PMID:303" not in summaries
    assert set(cited_ids(rec.answer)) <= {c.doc_id for c in rec.citations} \
        <= set(rec.retrieved)
    # The extractive evidence list stays under the synthesis.
    assert rec.answer.index("Synthesis") < rec.answer.index("Evidence by study:")
