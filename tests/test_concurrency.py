"""Concurrent chat requests never see each other's documents (the app's ``--slots`` > 1).

Gradio runs event handlers in a thread pool over ONE process-wide Assistant, LiteratureQA and
searcher. Two different literature questions are asked from 8 threads, 50 rounds each, through
the real Assistant and LiteratureQA over a small real index (bm25s + FAISS, tiny embedder);
every answer must carry exactly the documents retrieved for its own question. When the
pipeline kept the last request's hits on the shared object, answers got the other
question's documents within a few rounds.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tiny_index import build_tiny_index  # same folder (pytest rootdir on sys.path)

from assistant.ask import Assistant
from assistant.citations import cited_ids
from assistant.config import load_settings
from assistant.literature import LiteratureAnswer
from assistant.runtime import Runtime
from assistant.safety import SafetyScreen
from index.search import open_index

STATINS = "Do statins reduce the risk of dementia in older adults?"
ASPIRIN = "Does low-dose aspirin prevent pre-eclampsia?"
# (documents shown in the side panel, cited first; cited documents), from a sequential run
EXPECTED = {
    STATINS: (["101", "102", "201", "103", "202", "301", "203", "302"], ["101", "102"]),
    ASPIRIN: (["202", "201", "203", "103", "301", "101", "302", "102"], ["201", "202"]),
}
THREADS = 8
ROUNDS = 50


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    base = tmp_path_factory.mktemp("concurrency")
    settings = load_settings(None, {"cache_dir": str(base / "cache"), "device": "cpu"},
                             environ={})
    settings, index_dir = build_tiny_index(base, settings)
    # The safety classifier was trained on MiniLM vectors, not the tiny embedder's: rules only.
    return Runtime(settings, searcher=open_index(index_dir, settings),
                   screen=SafetyScreen(classifier=False))


def _run_concurrently(ask: Callable[[str, str], tuple[list[str], list[str], str]]) -> list[str]:
    """Ask both questions alternately from THREADS threads, THREADS * ROUNDS times in all;
    returns a description of every answer that did not match its own question."""
    jobs = [(STATINS if i % 2 else ASPIRIN, f"r{i}") for i in range(THREADS * ROUNDS)]
    wrong: list[str] = []
    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = pool.map(lambda job: (job, ask(*job)), jobs)
        for (question, rid), (docs, cited, answer) in outcomes:
            want_docs, want_cited = EXPECTED[question]
            if docs != want_docs or cited != want_cited or set(cited_ids(answer)) != set(want_cited):
                wrong.append(f"{rid}: {question[:20]} got docs {docs}, cited {cited}")
    return wrong


def test_sequential_answers_are_the_pinned_ones(runtime: Runtime) -> None:
    assistant = Assistant(runtime)
    for question, (docs, cited) in EXPECTED.items():
        result = assistant.ask(question, id="seq")
        assert result.route == "literature" and result.literature is not None
        assert not result.literature.abstained and result.literature.verdict == "yes"
        assert [d.doc_id for d in result.documents] == docs
        assert [c.doc_id for c in result.literature.citations] == cited


def test_concurrent_chat_requests_get_only_their_own_documents(runtime: Runtime) -> None:
    assistant = Assistant(runtime)  # one Assistant for every thread, as in the app

    def ask(question: str, rid: str) -> tuple[list[str], list[str], str]:
        final = [e.result for e in assistant.stream(question, id=rid) if e.kind == "final"][0]
        assert final is not None and final.literature is not None
        return ([d.doc_id for d in final.documents],
                [c.doc_id for c in final.literature.citations], final.answer)

    wrong = _run_concurrently(ask)
    assert wrong == [], f"{len(wrong)} of {THREADS * ROUNDS} answers mixed up: {wrong[:3]}"


def test_concurrent_literature_answers_carry_their_own_evidence(runtime: Runtime) -> None:
    qa = runtime.literature  # the one shared LiteratureQA
    strengths: dict[str, set[float]] = {STATINS: set(), ASPIRIN: set()}

    def ask(question: str, rid: str) -> tuple[list[str], list[str], str]:
        answer = qa.answer_with_docs(question, rid)
        assert isinstance(answer, LiteratureAnswer) and answer.record.id == rid
        strengths[question].add(round(answer.strength, 6))
        return ([h.doc_id for h in answer.documents],
                [c.doc_id for c in answer.record.citations], answer.record.answer)

    assert _run_concurrently(ask) == []
    # each question's evidence strength is its own, every time
    assert strengths == {STATINS: {0.876739}, ASPIRIN: {0.989286}}
    assert not hasattr(qa, "last_hits") and not hasattr(qa, "last_strength")


def test_runtime_builds_each_component_once_under_concurrency(tmp_path: Path) -> None:
    settings = load_settings(None, {"cache_dir": str(tmp_path / "cache"), "device": "cpu",
                                    "use_llm": False}, environ={})
    runtime = Runtime(settings, searcher=object())  # type: ignore[arg-type]
    with ThreadPoolExecutor(THREADS) as pool:
        built = list(pool.map(lambda _: runtime.literature, range(64)))
    assert all(qa is built[0] for qa in built)
