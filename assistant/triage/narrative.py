"""The check an LLM-worded triage narrative must pass before anyone sees it (issue 23).

A narrative (summary + advice) is shown only when it is whole, says each thing once, names
no finding that the input or the deterministic reasons do not contain, and agrees with the
final level. Otherwise the deterministic text stands and the record says why
(``narrative_check``). The embedded 135M model was seen to invent findings ("dysrhythmias",
"severe cardiac failure"), stop mid-word ("The patient's E") and repeat one sentence eight
times: each of these is a rejection class here.

Findings are found with the project's problem vocabulary (curated list, ICD-10-CM, HPO:
``assistant.clinical.vocabulary``) plus a morphological net for clinical words it lacks
("dysrhythmias": -rrhythmia, -itis, -osis, -aemia, ...). A finding is supported when the
input or the reasons name it (the same words or the same concept), or when a vital sign read
from the case shows it (HR 130 supports "tachycardia").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from assistant.schema import Level, NarrativeReason
from assistant.triage.advice import contradicts
from assistant.triage.scores import Vitals


class _Concept(Protocol):
    name: str
    icd10: str | None
    codes: tuple[str, ...]


class _Mention(Protocol):
    concept: _Concept
    start: int
    end: int


class FindingVocabulary(Protocol):
    """What the check needs from ``assistant.clinical.vocabulary.ProblemVocabulary``."""

    def find(self, text: str) -> Iterable[_Mention]: ...


@dataclass(frozen=True)
class Verdict:
    """Why a narrative may not be shown (``reason``) and the words that show it (``detail``)."""

    reason: NarrativeReason
    detail: str


_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Text that ends a sentence: . ! ? optionally followed by a closing quote or bracket.
_TERMINAL = re.compile(r"[.!?][\"')\]]*$")
# A sentence that ends on one of these words was cut, whatever punctuation follows it.
_DANGLING = {"a", "an", "the", "and", "or", "but", "of", "to", "with", "for", "in", "on", "at",
             "by", "from", "as", "is", "are", "was", "be", "that", "which", "if", "than",
             "patient's", "their", "his", "her", "its", "your", "this", "these", "within",
             "into", "without", "because", "should", "may", "can", "will", "very"}
# Clinical word endings (diagnoses, signs): the net for findings the vocabulary lacks.
_CLINICAL_WORD = re.compile(
    r"\b(?:[a-z]{2,}(?:r?rhythmias?|itis|osis|oses|a?emias?|algias?|pathy|pathies|megaly|"
    r"penias?|cardias?|pnoeas?|pneas?|urias?|plegias?|paresis|rrhages?|rrhoeas?|rrheas?|"
    r"oedemas?|edemas?)|(?:thromb|embol|infarct|ischaemi|ischemi)[a-z]*|sepsis|septic|"
    r"strokes?|failure|fractures?|tumou?rs?|cancers?|carcinomas?)\b", re.I)
# Everyday words with those endings.
_NOT_CLINICAL = {"diagnosis", "diagnoses", "prognosis", "prognoses", "empathy", "sympathy",
                 "nostalgia", "academia", "telepathy"}
# Finding names that a vital sign read from the case supports (the reasons print the
# number, e.g. "HR 130", not the word).
_VITAL_WORDS: tuple[tuple[str, str, float], ...] = (
    ("tachycard", "heart_rate>", 100), ("bradycard", "heart_rate<", 60),
    ("hypotens", "systolic_bp<", 90), ("hypertens", "systolic_bp>", 139),
    ("fever", "temperature>", 37.9), ("febrile", "temperature>", 37.9),
    ("pyrexi", "temperature>", 37.9), ("hypotherm", "temperature<", 35),
    ("hypox", "spo2<", 94), ("desaturat", "spo2<", 94), ("tachypn", "respiratory_rate>", 20),
    ("bradypn", "respiratory_rate<", 10),
)
# Repetition: a sentence of >= 3 words said twice, or a 4-word run said 3 times.
_MIN_SENTENCE_WORDS = 3
_NGRAM = 4
_NGRAM_REPEATS = 3


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def repetition(text: str) -> str | None:
    """Why ``text`` repeats itself, or None: a sentence said twice, one 4-word run said
    three times, or one word three times in a row."""
    seen: set[tuple[str, ...]] = set()
    for sentence in _SENTENCE_END.split(text.strip()):
        key = tuple(_words(sentence))
        if len(key) >= _MIN_SENTENCE_WORDS and key in seen:
            return f"sentence repeated: {sentence.strip()[:80]!r}"
        seen.add(key)
    words = _words(text)
    for i in range(len(words) - 2):
        if words[i] == words[i + 1] == words[i + 2]:
            return f"word repeated: {words[i]!r}"
    grams = Counter(tuple(words[i:i + _NGRAM]) for i in range(len(words) - _NGRAM + 1))
    for gram, n in grams.items():
        if n >= _NGRAM_REPEATS:
            return f"phrase said {n} times: {' '.join(gram)!r}"
    return None


def cut_off(text: str) -> str | None:
    """Why ``text`` looks cut off, or None: it does not end a sentence, or its last word is one
    that cannot end one ("the", "and", "with"), or a stray single letter ("The patient's E")."""
    t = text.strip()
    if not _TERMINAL.search(t):
        return f"no sentence end: ...{t[-40:]!r}"
    words = _WORD.findall(t)
    last = words[-1] if words else ""
    if last.lower() in _DANGLING:
        return f"ends on {last!r}"
    if len(last) == 1 and last.isalpha() and last not in ("I",):
        return f"ends on a single letter {last!r}"
    return None


def _vital_supports(word: str, vitals: Vitals | None) -> bool:
    if vitals is None:
        return False
    w = word.lower()
    for stem, test, threshold in _VITAL_WORDS:
        if stem in w:
            value = getattr(vitals, test[:-1])
            if value is not None and (value > threshold if test.endswith(">")
                                      else value < threshold):
                return True
    return False


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _word_in(word: str, source_words: set[str]) -> bool:
    """Whether ``word`` or a form of it is in the source: the same word, or one sharing all but
    its last 3 letters and at least 5 ("sweating" ~ "sweaty", "dysrhythmias" ~ "dysrhythmia";
    not "hypotension" ~ "hypothermia")."""
    w = word.lower()
    if w in source_words:
        return True
    if len(w) < 5:
        return False
    return any(_common_prefix(w, s) >= max(5, min(len(w), len(s)) - 3) for s in source_words
               if s[:2] == w[:2])


_FUNCTION_WORDS = {"with", "and", "the", "of", "in", "on", "to", "or", "a", "an", "left",
                   "right", "severe", "mild", "acute", "chronic", "possible", "new"}


def _mention_in(surface: str, source_words: set[str]) -> bool:
    """Whether every content word of a mention is in the source in some form."""
    words = [w for w in _words(surface) if w not in _FUNCTION_WORDS]
    return bool(words) and all(_word_in(w, source_words) for w in words)


def unsupported_findings(narrative: str, source: str, vocab: FindingVocabulary,
                         vitals: Vitals | None = None) -> list[str]:
    """Findings the narrative names that ``source`` (the input text and the reasons) does not.

    A vocabulary mention is supported when its words, its canonical name or one of its codes
    (ICD-10-CM, HPO) also occur in ``source``; a clinical-looking word the vocabulary lacks
    when the source holds a form of it ("dysrhythmia" for "dysrhythmias"; "palpitations" does
    not support it); either when a vital sign of the case shows it.
    """
    src = source.lower()
    src_words = set(_words(source))
    src_concepts = list(vocab.find(source))
    names = {m.concept.name.lower() for m in src_concepts}
    codes = {c for m in src_concepts for c in (m.concept.icd10, *m.concept.codes) if c}
    out: list[str] = []
    covered: list[tuple[int, int]] = []
    for m in vocab.find(narrative):
        covered.append((m.start, m.end))
        surface = narrative[m.start:m.end]
        c = m.concept
        if (surface.lower() in src or _mention_in(surface, src_words) or c.name.lower() in names or c.name.lower() in src
                or any(code in codes for code in (c.icd10, *c.codes) if code)
                or _vital_supports(surface, vitals) or _vital_supports(c.name, vitals)):
            continue
        out.append(surface)
    for m in _CLINICAL_WORD.finditer(narrative):
        if any(s <= m.start() < e for s, e in covered):
            continue  # the vocabulary already judged this word
        word = m.group(0)
        if word.lower() in _NOT_CLINICAL or _word_in(word, src_words) or _vital_supports(word, vitals):
            continue
        out.append(word)
    return out


def check_narrative(summary: str, advice: str, *, source: str, level: Level, acuity: int,
                    vocab: FindingVocabulary, vitals: Vitals | None = None) -> Verdict | None:
    """The first reason the narrative may not be shown, or None when it may.

    ``source`` is everything the narrative may draw on: the presentation text and the
    deterministic reasons. Order: empty, cut off, repetition, unsupported finding, level.
    """
    if not summary.strip() or not advice.strip():
        return Verdict("empty", "summary or advice is empty")
    for text in (summary, advice):
        why = cut_off(text)
        if why is not None:
            return Verdict("cut_off", why)
    why = repetition(f"{summary.strip()} {advice.strip()}")
    if why is not None:
        return Verdict("repetition", why)
    missing = unsupported_findings(f"{summary}\n{advice}", source, vocab, vitals)
    if missing:
        return Verdict("unsupported_finding",
                       "not in the input or the reasons: " + ", ".join(dict.fromkeys(missing)))
    for text in (summary, advice):
        why = contradicts(text, level, acuity)
        if why is not None:
            return Verdict("contradicts_level", why)
    return None
