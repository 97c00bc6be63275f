"""Literature answers with checked citations: retrieve, select evidence, verdict, answer.

    python -m assistant.literature "Does metformin reduce cancer risk?"
    python -m assistant.literature --index DIR --in QUESTIONS.jsonl --out FILE.jsonl [--resume]

Pipeline (deterministic by default; the language model never decides anything):
1. hybrid search (BM25 + MiniLM, ``index.search``), at least 10 documents;
2. every sentence of the top documents is scored against the question (share of the question's
   content terms it contains, and MiniLM cosine); sentences that look like instructions are
   dropped (retrieved text is quoted data, never instructions);
3. evidence strength = the best sentence's score; the answer abstains below ``min_strength``,
   or below ``min_strength_agreed`` when BM25 and dense retrieval both rank the top document
   first (two independent retrievers agreeing is itself evidence the document is on topic),
   or when the top document covers under ``min_coverage`` of the question's IDF-weighted terms;
4. yes/no questions get a verdict from the top-ranked retrieved abstract's conclusion: cue
   features plus a negation-marked n-gram naive Bayes into a logistic regression
   (``assistant.evidence.VerdictModel``; nested 5-fold CV accuracy on PubMedQA dev in the
   artefact's meta);
5. every document that passes the relevance gate (its best sentence reaches the floor of
   step 3's selection; at most ``cite_docs``) is listed as a study: one quoted finding
   sentence from its RESULTS or CONCLUSIONS, never OBJECTIVE/BACKGROUND, its design, size and
   year (``assistant.study``), and for yes/no questions its direction (the verdict model on
   that document: supports / no effect / against / unclear). The answer opens with an overall
   line ("2 studies: 1 supports, 1 finds no difference or no effect; the strongest design is
   an RCT of 221 patients [PMID:...]"); the record carries ``summary`` and ``evidence``;
6. with a capable model (``synthesis``: auto = an OpenAI-compatible server or a local
   ``model_path``, never the embedded 135M model) a grounded synthesis is added
   (``assistant.synthesis``: per-chunk summaries scored 0-10, the best kept, every sentence
   citation-checked); with ``rephrase: true`` the LLM rewrites the chosen sentences, each
   sentence citation-checked. In both, uncited or wrongly cited sentences are dropped and the
   extractive evidence list stays.
Every citation in the answer is one of the record's citations and was retrieved (checked).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.batch import BatchItem, read_jsonl_items, run_batch
from assistant.citations import all_cited_allowed, repair_citations
from assistant.cli import add_settings_args, run_cli, settings_from_args, setup_logging
from assistant.config import LiteratureConfig, Settings, parse_overrides
from assistant.errors import InputError
from assistant.evidence import (
    Sentence,
    VerdictModel,
    document_sentences,
    is_yes_no_question,
    key_terms,
    relevance,
)
from assistant.linear import ARTIFACTS_DIR
from assistant.runtime import Runtime
from assistant.safety import DISCLAIMER, looks_like_injection
from assistant.schema import Citation, LiteratureRecord, StudyEvidence
from assistant.study import (
    Finding,
    design_rank,
    direction_of,
    display_title,
    finding_sentences,
    study_design,
    study_size,
)
from assistant.synthesis import synthesis_enabled, synthesize
from assistant.text import STREAM_SENTENCE_END as _SENT_END
from index.base import DocHit, Searcher

if TYPE_CHECKING:  # type-only: importing these would load torch / the LLM stack at start-up
    from assistant.llm.base import LLMBackend
    from index.embed import Embedder

log = logging.getLogger(__name__)

VERDICT_MODEL = ARTIFACTS_DIR / "verdict_lr.json"
VERDICT_NGRAMS = ARTIFACTS_DIR / "verdict_nb.json"
_VERDICT_TEXT = {
    "yes": "**Yes**: the best-matching evidence supports this",
    "no": "**No**: the best-matching evidence does not support this",
    "maybe": "**Uncertain**: the best-matching evidence is mixed or inconclusive",
}


# A quoted finding from a CONCLUSIONS paragraph gets this bonus over a RESULTS sentence of the
# same relevance: conclusions state the finding in words, results sentences are often numbers.
_CONCLUSION_BONUS = 0.1
# Finding sentences per study re-scored with MiniLM (the best by term coverage).
_FINDINGS_EMBEDDED = 4
_DIRECTION_PHRASE = {  # (singular, plural)
    "supports": ("supports", "support"),
    "no effect": ("finds no difference or no effect", "find no difference or no effect"),
    "against": ("points against", "point against"),
    "unclear": ("is inconclusive", "are inconclusive"),
}


@dataclass
class _Evidence:
    hits: list[DocHit]
    sentences: list[tuple[Sentence, float]]  # (sentence, score) best first
    strength: float
    qvec: np.ndarray | None = None
    """The question's MiniLM vector (None without embeddings)."""


@dataclass(frozen=True)
class LiteratureAnswer:
    """One answer and everything it was built from, handed to the caller that asked.

    Nothing of a request is kept on the (process-wide, shared) ``LiteratureQA``: with several
    chat slots, state stored there would show one user's documents to another.
    """

    record: LiteratureRecord
    hits: list[DocHit]
    """Every retrieved document, in rank order."""
    strength: float
    """The best evidence sentence's score (0 when nothing was retrieved)."""
    required_strength: float
    """The strength below which this answer abstains (lower when the retrievers agree)."""
    coverage: float
    """IDF-weighted coverage of the question by the top document."""
    relevant_docs: int = 0
    """Documents passing the relevance gate (a sentence scoring at least the floor a second
    document must reach), before the ``cite_docs`` cap: the studies the answer could list."""

    @property
    def documents(self) -> list[DocHit]:
        """The retrieved documents for a side panel: cited ones first, then in rank order."""
        cited = {c.doc_id for c in self.record.citations}
        return sorted(self.hits, key=lambda h: h.doc_id not in cited)


class LiteratureQA:
    """Cited answers over a literature index (components created lazily).

    Safe to share between threads: every request's state lives in its own ``LiteratureAnswer``.
    """

    def __init__(self, settings: Settings, searcher: Searcher | None = None,
                 backend: LLMBackend | None = None, config: LiteratureConfig | None = None,
                 verdict_model: VerdictModel | None = None, embedder: Embedder | None = None,
                 *, runtime: Runtime | None = None) -> None:
        self.settings = settings
        self.config = config or settings.literature
        self._searcher = searcher
        self._backend = backend
        self._verdict = verdict_model
        self._embedder = embedder
        # Components not given come from a runtime (the caller's, shared with the rest of the
        # process, or one of its own), so each is built once and only when first needed.
        self._runtime = runtime or Runtime(settings)

    @property
    def searcher(self) -> Searcher:
        """The index searcher (the default index is built from the bundled corpus on first
        use)."""
        if self._searcher is None:
            self._searcher = self._runtime.searcher
        return self._searcher

    @property
    def backend(self) -> LLMBackend:
        """The language model (only the ``rephrase`` path uses it; loaded on first use)."""
        if self._backend is None:
            self._backend = self._runtime.backend
        return self._backend

    @property
    def embedder(self) -> Embedder:
        """The sentence embedder (MiniLM by default; shared with the searcher and safety)."""
        if self._embedder is None:
            self._embedder = self._runtime.embedder
        return self._embedder

    @property
    def verdict_model(self) -> VerdictModel:
        """The shipped yes/no/maybe model (loaded on first use)."""
        if self._verdict is None:
            self._verdict = VerdictModel.load(VERDICT_MODEL, VERDICT_NGRAMS)
        return self._verdict

    def _embed(self, texts: list[str]) -> np.ndarray | None:
        if not self.config.use_embeddings:
            return None
        return self.embedder.encode(texts)

    # -- evidence -------------------------------------------------------------------------
    def gather(self, question: str) -> _Evidence:
        """Retrieve and score evidence sentences for ``question``."""
        hits = self.searcher.search(question, k=max(10, self.config.k), mode=self.config.mode)
        cands: list[Sentence] = []
        for hit in hits[: self.config.scan_docs]:
            for s in document_sentences(question, hit.doc_id, hit.text):
                if looks_like_injection(s.text):  # quoted data only: never surface instructions
                    continue
                cands.append(s)
        if not cands:
            return _Evidence(hits, [], 0.0)
        # Embedding every sentence costs ~1 s of CPU per question; the lexical pre-ranking
        # keeps the few sentences that can win (the top ones by term coverage, per document).
        cands.sort(key=lambda s: s.relevance, reverse=True)
        pool = cands[: self.config.embed_sentences]
        vecs = self._embed([question] + [s.text for s in pool])
        scored: list[tuple[Sentence, float]] = []
        for i, s in enumerate(pool):
            cos = float(vecs[0] @ vecs[i + 1]) if vecs is not None else s.relevance
            scored.append((s, 0.5 * s.relevance + 0.5 * max(0.0, cos)))
        scored.sort(key=lambda t: t[1], reverse=True)
        return _Evidence(hits, scored, scored[0][1], vecs[0] if vecs is not None else None)

    def _select(self, ev: _Evidence) -> list[tuple[Sentence, float]]:
        """Up to ``sentences`` sentences from at most ``cite_docs`` documents, best first,
        preferring one sentence per document before a second from the same one."""
        chosen: list[tuple[Sentence, float]] = []
        docs: list[str] = []
        floor = max(self.config.min_sentence, self.config.secondary_ratio * ev.strength)
        for s, score in ev.sentences:
            if len(chosen) >= self.config.sentences:
                break
            if chosen and score < self.config.min_sentence:
                break
            if docs and s.doc_id not in docs and score < floor:
                continue
            if s.doc_id not in docs and len(docs) >= self.config.cite_docs:
                continue
            if s.doc_id in docs and len(docs) < min(self.config.cite_docs, 2):
                continue  # first give a second document a chance
            chosen.append((s, score))
            if s.doc_id not in docs:
                docs.append(s.doc_id)
        if len(chosen) < self.config.sentences:  # fill from any allowed document
            for s, score in ev.sentences:
                if len(chosen) >= self.config.sentences or score < self.config.min_sentence:
                    break
                if (s, score) not in chosen and s.doc_id in docs:
                    chosen.append((s, score))
        return chosen

    def required_strength(self, hits: list[DocHit], *, yes_no: bool = True) -> float:
        """The evidence strength below which the answer abstains, given the ranked hits; an
        open question (``yes_no`` False) needs at least ``min_strength_open``."""
        ranks = hits[0].ranks if hits else {}
        agreed = ranks.get("bm25") == 1 and ranks.get("dense") == 1
        needed = self.config.min_strength_agreed if agreed else self.config.min_strength
        return needed if yes_no else max(needed, self.config.min_strength_open)

    def min_coverage(self, *, yes_no: bool = True) -> float:
        """The top document's question coverage below which the answer abstains."""
        cov = self.config.min_coverage
        return cov if yes_no else max(cov, self.config.min_coverage_open)

    @property
    def index_name(self) -> str:
        """The searched index, named for the reader (its folder name, or the searcher kind)."""
        index_dir = getattr(self.searcher, "index_dir", None)
        return Path(index_dir).name if index_dir else type(self.searcher).__name__

    def top_coverage(self, question: str, hits: list[DocHit]) -> float:
        """IDF-weighted coverage of the question by the top document (1.0 when the searcher
        cannot weigh terms, so that only the strength rule applies)."""
        # getattr: lightweight stand-in searchers (tests, single-document evals) may not
        # implement the protocol's coverage; they get the strength rule alone.
        coverage = getattr(self.searcher, "coverage", None)
        if not hits or coverage is None:
            return 1.0
        return float(coverage(question, hits[0].text))

    def _verdict_for(self, question: str, hits: list[DocHit]) -> tuple[str | None, float]:
        if not hits or not is_yes_no_question(question):
            return None, 0.0
        proba = self.verdict_model.predict_proba(question, hits[0].text)
        i = int(proba.argmax())
        return self.verdict_model.classes[i], float(proba[i])

    # -- studies --------------------------------------------------------------------------
    def _finding(self, question: str, hit: DocHit, qvec: np.ndarray | None
                 ) -> tuple[str, str]:
        """(quote, section): the document's finding sentence most relevant to the question,
        from RESULTS or CONCLUSIONS (``assistant.study.finding_sentences``)."""
        terms = key_terms(question)
        cands = [f for f in finding_sentences(hit.text) if not looks_like_injection(f.text)]
        if not cands:
            return "", ""

        def bonus(f: Finding) -> float:
            return _CONCLUSION_BONUS if "CONCLU" in f.section else 0.0

        # Term coverage picks the few candidates worth a MiniLM vector, as in ``gather``.
        cands.sort(key=lambda f: relevance(terms, f.text) + bonus(f), reverse=True)
        pool = cands[:_FINDINGS_EMBEDDED]
        vecs = self._embed([f.text for f in pool]) if qvec is not None else None
        scores = [0.5 * relevance(terms, f.text) + bonus(f)
                  + (0.5 * max(0.0, float(qvec @ vecs[i])) if vecs is not None and
                     qvec is not None else 0.5 * relevance(terms, f.text))
                  for i, f in enumerate(pool)]
        best = pool[int(np.argmax(scores))]
        return best.text, best.section

    def studies(self, question: str, docs: list[DocHit], ev: _Evidence,
                verdicts: dict[str, str]) -> list[StudyEvidence]:
        """One evidence row per cited document: finding quote, design, size, year, direction
        (``verdicts``: doc id -> yes/no/maybe, for yes/no questions only)."""
        rows: list[StudyEvidence] = []
        for hit in docs:
            quote, section = self._finding(question, hit, ev.qvec)
            size = study_size(hit.text)
            meta = hit.metadata or {}
            verdict = verdicts.get(hit.doc_id)
            rows.append(StudyEvidence(
                doc_id=hit.doc_id, title=display_title(hit.title, hit.text),
                year=str(meta["year"]) if meta.get("year") else None,
                design=study_design(hit.text, meta),
                n=size[0] if size else None, population=size[1] if size else None,
                direction=direction_of(verdict, hit.text) if verdict else None,
                quote=quote, section=section))
        return rows

    def _doc_verdict(self, question: str, hit: DocHit) -> str:
        proba = self.verdict_model.predict_proba(question, hit.text)
        return self.verdict_model.classes[int(proba.argmax())]

    # -- answers --------------------------------------------------------------------------
    def _pieces(self, question: str, rid: str) -> Iterator[str | LiteratureAnswer]:
        """Answer text pieces, then the LiteratureAnswer as the last item."""
        ev = self.gather(question)
        retrieved = [h.doc_id for h in ev.hits]
        yes_no = is_yes_no_question(question)
        needed = self.required_strength(ev.hits, yes_no=yes_no)
        min_cov = self.min_coverage(yes_no=yes_no)
        coverage = self.top_coverage(question, ev.hits)
        if not ev.hits or ev.strength < needed or coverage < min_cov:
            text = abstention_text(question, self.index_name, len(ev.hits), ev.strength, needed,
                                   coverage, min_cov)
            yield text
            yield LiteratureAnswer(
                LiteratureRecord(id=rid, answer=text, verdict=None, citations=[],
                                 retrieved=retrieved, abstained=True),
                ev.hits, ev.strength, needed, coverage)
            return
        chosen = self._select(ev)
        floor = max(self.config.min_sentence, self.config.secondary_ratio * ev.strength)
        relevant = len({s.doc_id for s, score in ev.sentences if score >= floor})
        by_id = {h.doc_id: h for h in ev.hits}
        order: list[str] = []  # the cited documents: those of the chosen sentences, in order
        for s, _ in chosen:
            if s.doc_id not in order:
                order.append(s.doc_id)
        verdict, conf = self._verdict_for(question, ev.hits)
        if verdict and ev.hits[0].doc_id not in order:
            order.append(ev.hits[0].doc_id)  # the verdict's source is cited too
        verdicts: dict[str, str] = {}
        if verdict:
            verdicts = {d: (verdict if d == ev.hits[0].doc_id else
                            self._doc_verdict(question, by_id[d])) for d in order}
        studies = self.studies(question, [by_id[d] for d in order], ev, verdicts)
        citations = [Citation(doc_id=st.doc_id, title=st.title,
                              score=float(by_id[st.doc_id].score), quote=st.quote)
                     for st in studies]
        allowed = list(order)
        summary = overall_line(studies, yes_no=verdict is not None)
        parts: list[str] = []

        def emit(piece: str) -> str:
            parts.append(piece)
            return piece

        yield emit(summary + "\n\n")
        if verdict:
            yield emit(f"{_VERDICT_TEXT[verdict]} (evidence classifier, confidence {conf:.0%}; "
                       f"source [PMID:{ev.hits[0].doc_id}]).\n\n")
        synthesized = False
        if synthesis_enabled(self.settings, self.config):
            sents, syn_allowed = synthesize(self.backend, question, ev.hits, self.config)
            if sents:
                synthesized = True
                yield emit("Synthesis (model-written from the studies' summaries; every "
                           "sentence cited):\n" + " ".join(sents) + "\n\n")
                for d in syn_allowed:
                    if d not in allowed:
                        h = by_id[d]
                        allowed.append(d)
                        citations.append(Citation(doc_id=d, title=display_title(h.title, h.text),
                                                  score=float(h.score), quote=""))
        elif self.config.rephrase and self.settings.use_llm:
            rephrased = list(self._llm_body(question, chosen, allowed))
            if rephrased:
                for piece in rephrased:
                    yield emit(piece)
                yield emit("\n")
        yield emit("Evidence by study:\n")
        for st in studies:
            yield emit(study_line(st) + "\n")
        yield emit("\n" + DISCLAIMER)
        answer = "".join(parts)
        if not all_cited_allowed(answer, allowed) or not set(allowed) <= set(retrieved):
            # Cannot happen with the extractive path; kept as the last line of defence.
            answer = repair_citations(answer, set(allowed) & set(retrieved)).text
        yield LiteratureAnswer(
            LiteratureRecord(id=rid, answer=answer, verdict=verdict, citations=citations,
                             retrieved=retrieved, abstained=False, summary=summary,
                             evidence=studies, synthesis=synthesized),
            ev.hits, ev.strength, needed, coverage, relevant)

    def _llm_body(self, question: str, chosen: list[tuple[Sentence, float]],
                  allowed: list[str]) -> Iterator[str]:
        """LLM rewrite, streamed sentence by sentence; each sentence must cite allowed docs."""
        from assistant.llm import GenerationParams

        messages = build_messages(question, [s for s, _ in chosen])
        backend = self.backend
        params = GenerationParams(max_new_tokens=self.config.max_new_tokens, temperature=0.0)
        buf = ""
        try:
            for tok in backend.stream(messages, params):
                buf += tok
                *done, buf = _SENT_END.split(buf)  # no sentence end yet: [buf]
                for sent in done:
                    out = _checked_sentence(sent, allowed)
                    if out:
                        yield out + " "
            out = _checked_sentence(buf, allowed)
            if out:
                yield out + "\n"
        except Exception as exc:  # the extractive answer stands in for a failed model
            log.warning("literature rephrase failed: %s", type(exc).__name__)

    def answer_with_docs(self, question: str, id: str = "q") -> LiteratureAnswer:
        """The record together with the retrieved documents, strength and thresholds."""
        last: str | LiteratureAnswer | None = None
        for last in self.stream_answer(question, id):  # noqa: B007 (the last item is the result)
            pass
        assert isinstance(last, LiteratureAnswer)
        return last

    def answer(self, question: str, id: str = "q") -> LiteratureRecord:
        """The cited answer record for ``question``."""
        return self.answer_with_docs(question, id).record

    def stream_answer(self, question: str, id: str = "q") -> Iterator[str | LiteratureAnswer]:
        """Answer text pieces as they are composed, then the LiteratureAnswer last."""
        if not question or not question.strip():
            raise InputError("question is empty")
        yield from self._pieces(question.strip(), id)

    def stream(self, question: str, id: str = "q") -> Iterator[str | LiteratureRecord]:
        """Answer text pieces as they are composed, then the LiteratureRecord last."""
        for item in self.stream_answer(question, id):
            yield item.record if isinstance(item, LiteratureAnswer) else item


NOT_COVERED = "The configured sources do not cover this question."


def abstention_text(question: str, index: str, n_docs: int, strength: float, needed: float,
                    coverage: float, min_coverage: float, why: str | None = None) -> str:
    """The abstention: NOT_COVERED, then what was searched and why it fell short (index, query,
    documents retrieved, best evidence score and the top document's coverage of the question),
    so the reader can judge the gap and try a better query or index. ``why``: the reason, when
    it is not one of the thresholds (a dosing question without a quotable dose)."""
    if why is None and not n_docs:
        why = "no documents were retrieved"
    elif why is None and strength < needed:
        why = f"the best evidence score {strength:.2f} is below the required {needed:.2f}"
    elif why is None:
        why = (f"the best abstract covers {coverage:.0%} of the question's specific terms, "
               f"below the required {min_coverage:.0%}")
    query = " ".join(question.split())[:200]
    return (f"{NOT_COVERED} No answer is given.\n\nSearched: index `{index}`, query \"{query}\", "
            f"{n_docs} documents retrieved, best evidence score {strength:.2f}, top-document "
            f"coverage {coverage:.0%}; {why}. Try specific terms, or search a larger index.")


def build_messages(question: str, sentences: list[Sentence]) -> list[dict[str, str]]:
    """The rephrase request (prompts/literature.txt): the question and the chosen evidence
    sentences as ``<excerpt id="PMID:...">`` lines. The reply is two or three sentences, each
    ending with the ``[PMID:...]`` citation of the excerpt it comes from."""
    from assistant.prompts import load_prompt

    evidence = "\n".join(f'<excerpt id="PMID:{s.doc_id}">{s.text}</excerpt>' for s in sentences)
    return load_prompt("literature").render(question=question, evidence=evidence)


def _checked_sentence(sentence: str, allowed: list[str]) -> str:
    """The sentence with only allowed citations, or "" when it cites nothing allowed."""
    sentence = sentence.strip()
    if not sentence:
        return ""
    check = repair_citations(sentence, allowed)
    return check.text if check.kept else ""


def _design_phrase(st: StudyEvidence) -> str:
    """ "an RCT of 221 patients" / "a retrospective cohort" / "a study of 40 eyes"."""
    design = st.design or "study"
    article = "an" if design == "RCT" or design[0] in "aeiou" else "a"
    size = f" of {st.n:,} {st.population}" if st.n else ""
    return f"{article} {design}{size}"


def overall_line(studies: list[StudyEvidence], *, yes_no: bool) -> str:
    """The answer's opening line: how many studies point which way, and the strongest design
    (the best-ranked design, then the largest), e.g. "3 studies: 2 support, 1 finds no
    difference or no effect; the strongest design is an RCT of 221 patients [PMID:1]."
    (plain text: the record's ``summary`` and the answer's first line)."""
    k = len(studies)
    head = f"{k} {'study' if k == 1 else 'studies'}"
    if yes_no and k == 1 and studies[0].direction:
        head += " " + _DIRECTION_PHRASE[studies[0].direction][0]
    elif yes_no:
        counts = {d: sum(st.direction == d for st in studies) for d in _DIRECTION_PHRASE}
        parts = [f"{c} {_DIRECTION_PHRASE[d][0 if c == 1 else 1]}"
                 for d, c in counts.items() if c]
        head += ": " + ", ".join(parts) if parts else ""
    else:
        head += " relevant to the question"
    designed = [st for st in studies if st.design]
    if not designed:
        return head + "; no abstract states its design."
    best = min(designed, key=lambda st: (design_rank(st.design), -(st.n or 0)))
    which = "its design is" if k == 1 else "the strongest design is"
    return f"{head}; {which} {_design_phrase(best)} [PMID:{best.doc_id}]."


def study_line(st: StudyEvidence) -> str:
    """One study of the answer's evidence list (markdown): what it is, where it points, and its
    finding quoted."""
    facts = [st.design or "design not stated"]
    if st.year:
        facts.append(st.year)
    if st.n:
        facts.append(f"{st.n:,} {st.population}")
    direction = f" · {st.direction}" if st.direction else ""
    quote = f': "{st.quote}"' if st.quote else ""
    return f"- **{', '.join(facts)}**{direction} [PMID:{st.doc_id}]{quote}"


# -- CLI -------------------------------------------------------------------------------------
def _process_factory(settings_json: str
                     ) -> Callable[[], Callable[[dict[str, Any]], LiteratureRecord]]:
    """The batch runner's per-worker setup: one Runtime per worker process (settings, with
    ``--index`` as ``index_dir`` and the literature section, travel as JSON because the
    factory is pickled to workers)."""
    def make() -> Callable[[dict[str, Any]], LiteratureRecord]:
        qa = Runtime(Settings.model_validate_json(settings_json)).literature

        def process(rec: dict[str, Any]) -> LiteratureRecord:
            question = rec.get("question")
            if not isinstance(question, str) or not question.strip():
                raise InputError("record has no 'question' text")
            return qa.answer(question, str(rec.get("id", "q")))
        return process
    return make


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Answer literature questions with checked [PMID:...] citations.")
    parser.add_argument("question", nargs="?", help="one question to answer and print")
    parser.add_argument("--index", type=Path, help="index folder (default: the bundled corpus)")
    parser.add_argument("--in", dest="inp", type=Path, help="JSONL with id and question")
    parser.add_argument("--out", type=Path, help="output JSONL")
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--lit-config", type=Path,
                        help="YAML file of the literature section (fields as in "
                             "`python -m assistant.config show literature`)")
    parser.add_argument("--lit", action="append", default=[], metavar="KEY=VALUE",
                        help="override a literature setting, e.g. --lit k=20 "
                             "(same as --set literature.k=20)")
    add_settings_args(parser)
    args = parser.parse_args()
    setup_logging(args.verbose)
    settings = settings_from_args(args, section_files={"literature": args.lit_config},
                                  extra=parse_overrides(args.lit, prefix="literature"))
    if args.index is not None:
        settings = settings.model_copy(update={"index_dir": args.index})
    if args.question and (args.inp or args.out):
        parser.error("give either a question or --in/--out, not both")
    runtime = Runtime(settings)
    if args.question:
        qa = runtime.literature
        for piece in qa.stream(args.question):
            if isinstance(piece, LiteratureRecord):
                print("\n" + piece.model_dump_json(indent=2))
            else:
                print(piece, end="", flush=True)
        return 0
    if not (args.inp and args.out):
        parser.error("give a question, or both --in and --out")
    items: list[BatchItem] = read_jsonl_items(args.inp)
    summary = run_batch(
        items, _process_factory(runtime.settings.model_dump_json()),
        lambda key, msg: LiteratureRecord(id=key, error=msg), args.out,
        key_of=lambda r: str(r.get("id")), resume=args.resume, desc="questions")
    print(summary.line("questions"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    run_cli(main)
