"""A grounded synthesis in the PaperQA2 manner, for a capable model only.

1. Each of the top retrieved documents' best chunk is summarised with respect to the question
   by the model, which also scores it 0-10 for relevance (one call per chunk,
   ``prompts/literature_summary.txt``); unparseable scores count as 0.
2. The best-scored summaries (at least ``synthesis_min_score``, at most ``synthesis_keep``)
   go into one answer request (``prompts/literature_synthesis.txt``).
3. Every sentence of the reply is citation-checked in code: citations of documents outside the
   kept summaries (which are all retrieved) are removed, and a sentence left with no allowed
   citation is dropped. The model's words never reach the reader uncited.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.citations import repair_citations
from assistant.config import LiteratureConfig, Settings
from assistant.text import STREAM_SENTENCE_END
from index.base import DocHit

if TYPE_CHECKING:
    from assistant.llm.base import LLMBackend

log = logging.getLogger(__name__)

UNVERIFIED_LABEL = "not sourced: unverified model text"
"""The label of model-only text (``literature.model_only_answers``): shown with the text, and
carried as the answer's provenance ``unverified_model`` so the UI can style it apart."""

_SCORE = re.compile(r"score\s*[:=]?\s*(\d{1,2})(?:\s*/\s*10)?", re.I)
_EXCERPT_CHARS = 1500


@dataclass(frozen=True)
class ChunkSummary:
    """One document's chunk as the model summarised and scored it."""

    doc_id: str
    summary: str
    score: int


def synthesis_enabled(settings: Settings, config: LiteratureConfig) -> bool:
    """Whether to write a synthesis: ``on``/``off`` as set; ``auto`` only with a capable model
    (an OpenAI-compatible server or a local ``model_path``), never the embedded 135M model."""
    if not settings.use_llm or config.synthesis == "off":
        return False
    if config.synthesis == "on":
        return True
    return settings.backend == "openai" or settings.model_path is not None


def parse_summary(reply: str) -> tuple[str, int]:
    """(summary, score 0-10) from a summary reply; the last "Score: N" wins, none is 0."""
    scores = list(_SCORE.finditer(reply))
    if not scores:
        return reply.strip(), 0
    last = scores[-1]
    summary = (reply[: last.start()] + reply[last.end():]).strip()
    return summary, max(0, min(10, int(last.group(1))))


def summarize_chunks(backend: LLMBackend, question: str, hits: Sequence[DocHit],
                     config: LiteratureConfig) -> list[ChunkSummary]:
    """Summaries of the top hits' best chunks, best score first, only those kept."""
    from assistant.llm import GenerationParams
    from assistant.prompts import load_prompt

    template = load_prompt("literature_summary")
    params = GenerationParams(max_new_tokens=config.max_new_tokens, temperature=0.0)
    out: list[ChunkSummary] = []
    for hit in hits[: config.synthesis_chunks]:
        excerpt = " ".join((hit.chunk_text or hit.text).split())[:_EXCERPT_CHARS]
        messages = template.render(question=question, doc_id=hit.doc_id, excerpt=excerpt)
        summary, score = parse_summary(backend.generate(messages, params))
        # The summary is the model's text: it is only ever shown through the checked answer.
        if summary and score >= config.synthesis_min_score and \
                not summary.lower().startswith("not relevant"):
            out.append(ChunkSummary(hit.doc_id, summary, score))
    out.sort(key=lambda c: c.score, reverse=True)  # stable: rank order breaks ties
    return out[: config.synthesis_keep]


def checked_sentences(reply: str, allowed: Sequence[str]) -> list[str]:
    """The reply's sentences that cite an allowed document, with other citations removed."""
    out: list[str] = []
    for sent in STREAM_SENTENCE_END.split(reply):
        sent = sent.strip()
        if not sent:
            continue
        check = repair_citations(sent, list(allowed))
        if check.kept:
            out.append(check.text)
    return out


def synthesize(backend: LLMBackend, question: str, hits: Sequence[DocHit],
               config: LiteratureConfig) -> tuple[list[str], list[str]]:
    """(checked answer sentences, the documents they may cite); empty when the model fails or
    nothing relevant survives (the extractive answer stands alone then)."""
    from assistant.llm import GenerationParams
    from assistant.prompts import load_prompt

    try:
        kept = summarize_chunks(backend, question, hits, config)
        if not kept:
            return [], []
        summaries = "\n".join(f'<summary id="PMID:{c.doc_id}" relevance="{c.score}/10">'
                              f"{c.summary}</summary>" for c in kept)
        messages = load_prompt("literature_synthesis").render(question=question,
                                                              summaries=summaries)
        reply = backend.generate(messages, GenerationParams(
            max_new_tokens=config.max_new_tokens * 2, temperature=0.0))
    except Exception as exc:  # a failed model never fails the answer: extractive stands
        log.warning("literature synthesis failed: %s", type(exc).__name__)
        return [], []
    allowed = [c.doc_id for c in kept]
    return checked_sentences(reply, allowed), allowed


def model_only_enabled(settings: Settings, config: LiteratureConfig) -> bool:
    """Whether a site allows labelled model-only text where the sources do not cover a
    question: ``model_only_answers`` on AND a capable model (an OpenAI-compatible server or a
    local ``model_path``); never the embedded 135M model, whose answers were wrong (issue 23)."""
    return (config.model_only_answers and settings.use_llm
            and (settings.backend == "openai" or settings.model_path is not None))


def model_only_text(backend: LLMBackend, question: str, config: LiteratureConfig) -> str:
    """The model's own answer (``prompts/general.txt``), any citation removed (nothing was
    retrieved for it, so a citation would be invented); "" when the model fails. The caller
    shows it only under ``UNVERIFIED_LABEL``."""
    from assistant.llm import GenerationParams
    from assistant.prompts import load_prompt

    try:
        reply = backend.generate(load_prompt("general").render(question=question),
                                 GenerationParams(max_new_tokens=config.max_new_tokens * 2,
                                                  temperature=0.0))
    except Exception as exc:  # the abstention stands alone when the model fails
        log.warning("model-only answer failed: %s", type(exc).__name__)
        return ""
    return repair_citations(reply, []).text.strip()
