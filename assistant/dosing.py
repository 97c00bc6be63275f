"""Drug-dosing questions: answered only by quoting a retrieved source, never from a model.

A question is a dosing question when it names a drug (the project's drug finder,
``assistant.clinical.medications.find_names``: the curated generics plus the
drug-named-entity-recognition dictionary, brands mapped to generics) and asks about a dose
("dose", "dosing", "how much", "mg/kg", "titrate", "maximum daily"...). Its answer is
either verbatim sentences of the retrieved abstracts that name that drug AND state a dose
(a number with a dose unit), each cited [PMID:...], or the abstention: the configured sources
do not cover it. A 135M model once answered "enoxaparin 40 mg/kg per day" (about 40 times the
dose) from memory (issue 23); a dose is a fact that must come with its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.clinical.medications import DOSE_UNIT, find_names
from assistant.evidence import key_terms, relevance
from assistant.safety import DISCLAIMER, looks_like_injection
from assistant.schema import Citation, LiteratureRecord
from assistant.study import display_title
from index.base import DocHit

_I = re.IGNORECASE
_DOSE_WORDS = re.compile(
    r"\b(?:dos(?:e|es|ed|age|ages|ing)|how (?:much|many (?:mg|milligrams|units|tablets))|"
    r"mg/kg|mcg/kg|units?/kg|titrat\w*|loading|maintenance dose|max(?:imum)? (?:daily )?dose|"
    r"renal(?:ly)? adjust\w*|dose adjustment|how often (?:should|do|to) (?:i |we |you )?"
    r"(?:take|give))\b", _I)
# "low-dose aspirin", "high-dose steroids": a kind of treatment, not a question about a dose.
_DOSE_ADJECTIVE = re.compile(
    r"\b(?:(?:low|high|ultra-?low|very low|lower|higher)[- ]|(?:standard|fixed|single|double|"
    r"multiple)-)dos(?:e|ed)\b", _I)
# A dose as abstracts state it: a number, then a dose unit - the medication grammar's one unit
# set (DOSE_UNIT: an amount, per kg / m2 / day / hour ... allowed; no "%" or tablet counts).
DOSE_PATTERN = re.compile(
    rf"\b\d+(?:[.,]\d+)?(?:\s*(?:-|to|–)\s*\d+(?:[.,]\d+)?)?\s*(?:{DOSE_UNIT})(?![\w])", _I)
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])|\n+")
_DOSE_BEFORE = re.compile(DOSE_PATTERN.pattern + r"\s*(?:of\s+)?(?:oral\s+|iv\s+|daily\s+)?$",
                          _I)
DOSE_WINDOW = 40
"""A dose belongs to the drug when it follows the drug's name within this many characters
(with no other drug named in between: "apixaban 5 mg ... warfarin" is not a warfarin dose), or
directly precedes it ("5 mg of apixaban")."""
MAX_QUOTES = 3
"""Dose sentences quoted at most (from different documents first)."""


@dataclass(frozen=True)
class DoseQuote:
    """One retrieved sentence that names the drug and states a dose."""

    doc_id: str
    text: str
    score: float


def dosing_drug(question: str) -> str | None:
    """The drug (generic name) a dosing question asks about, or None for other questions."""
    if not _DOSE_WORDS.search(_DOSE_ADJECTIVE.sub(" ", question)):
        return None
    names = [n for n in find_names(question) if not n.from_stem]
    return names[0].name if names else None


def states_dose_of(sentence: str, drug: str) -> bool:
    """Whether ``sentence`` names ``drug`` (generic; brands count) with a dose attached to it."""
    names = find_names(sentence)
    for i, n in enumerate(names):
        if n.name != drug:
            continue
        stop = names[i + 1].start if i + 1 < len(names) else len(sentence)
        if DOSE_PATTERN.search(sentence[n.end:min(stop, n.end + DOSE_WINDOW)]):
            return True
        prev_end = names[i - 1].end if i else 0
        if _DOSE_BEFORE.search(sentence[max(prev_end, n.start - DOSE_WINDOW):n.start]):
            return True
    return False


def _sentences(text: str) -> list[str]:
    out = []
    for para in text.split("\n"):
        # drop a section label ("CONCLUSIONS: ...") so that the quote is the sentence itself
        para = re.sub(r"^\s*[A-Z][A-Z /&-]{2,40}:\s*", "", para)
        out += [s.strip() for s in _SENT.split(para) if s.strip()]
    return out


def dose_quotes(question: str, drug: str, hits: list[DocHit]) -> list[DoseQuote]:
    """Sentences of the retrieved documents that name ``drug`` and state a dose, the most
    relevant to the question first, at most one per document before a second from any."""
    terms = key_terms(question)
    found: list[DoseQuote] = []
    for rank, hit in enumerate(hits):
        for sent in _sentences(hit.text):
            if looks_like_injection(sent) or not DOSE_PATTERN.search(sent):
                continue
            if not states_dose_of(sent, drug):
                continue
            # relevance to the question, rank breaking ties (earlier documents first)
            found.append(DoseQuote(hit.doc_id, sent, relevance(terms, sent) - 0.001 * rank))
    found.sort(key=lambda q: q.score, reverse=True)
    chosen: list[DoseQuote] = []
    for q in found:  # one per document first
        if q.doc_id not in {c.doc_id for c in chosen} and len(chosen) < MAX_QUOTES:
            chosen.append(q)
    for q in found:
        if len(chosen) >= MAX_QUOTES:
            break
        if q not in chosen:
            chosen.append(q)
    return chosen


def dosing_record(question: str, drug: str, hits: list[DocHit], rid: str,
                  not_covered: str) -> LiteratureRecord:
    """The answer to a dosing question: quoted, cited dose sentences, or ``not_covered`` (the
    literature abstention, which names what was searched) when no retrieved sentence names
    ``drug`` with a dose."""
    retrieved = [h.doc_id for h in hits]
    quotes = dose_quotes(question, drug, hits)
    if not quotes:
        text = (not_covered + f"\n\nThis is a dosing question about {drug}: doses are only "
                "given as quoted from a retrieved source, never from a language model. Check "
                "the product label or local guidance.")
        return LiteratureRecord(id=rid, answer=text, retrieved=retrieved, abstained=True)
    by_id = {h.doc_id: h for h in hits}
    lines = [f"Dosing statements about {drug} in the retrieved sources, quoted verbatim "
             "(the population and indication of each study may differ from your patient's; "
             "check the product label and local guidance):"]
    lines += [f'- "{q.text}" [PMID:{q.doc_id}]' for q in quotes]
    citations: list[Citation] = []
    for q in quotes:
        if q.doc_id not in {c.doc_id for c in citations}:
            h = by_id[q.doc_id]
            citations.append(Citation(doc_id=q.doc_id, title=display_title(h.title, h.text),
                                      score=float(h.score), quote=q.text))
    return LiteratureRecord(id=rid, answer="\n".join(lines) + "\n\n" + DISCLAIMER,
                            citations=citations, retrieved=retrieved, abstained=False,
                            summary=f"{len(quotes)} quoted dosing statement"
                                    f"{'s' if len(quotes) != 1 else ''} about {drug}")
