"""Evidence from retrieved abstracts: sections, sentences, relevance, and verdict features.

Everything here is deterministic text processing. The verdict features describe how an
abstract's conclusion speaks about the question (negation, no-difference, hedging and
positive-finding cues, negation near the question's own terms, significant vs non-significant
p-values in the results); a small linear model (``assistant/artifacts/verdict_lr.json``) maps
them to yes/no/maybe. Sentence embeddings were measured and do not help here (they carry the
topic, not the stance): 5-fold CV on PubMedQA dev 0.57 with MiniLM vectors vs 0.70 with cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Section labels as the index writes them ("CONCLUSIONS: ..." paragraphs, see index.loaders).
_SECTION = re.compile(r"^([A-Z][A-Z /&-]{2,40}):\s*", re.MULTILINE)
_CONCLUSION_LABELS = ("CONCLUSION", "CONCLUSIONS", "INTERPRETATION", "SUMMARY", "IMPLICATIONS")
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])")
_TOKEN = re.compile(r"[a-z0-9]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words("""
is are does do can should was were will has have did could would the a an of in on for with to
and or by at as from be been there any this that it its their than after before during between
among versus vs what which who whom how why when where patients patient study studies evidence
effect effects use used using really whether our we you your i me my about into more less
""")

NEGATION_CUES = (
    r"\bno\b", r"\bnot\b", r"\bneither\b", r"\bnor\b", r"\bfailed to\b", r"\bwithout\b",
    r"\bunlikely\b", r"\black of\b", r"\bdid not\b",
    r"\bno (?:significant|statistically|difference|association|evidence|effect|benefit|"
    r"correlation|relationship)",
    r"\bnot (?:significantly|associated|related|correlated|improve|affect|reduce|increase|"
    r"predict|superior|effective)",
    r"\b(?:similar|comparable|equivalent|same)\b", r"\binsufficient\b",
    r"\bdoes not\b|\bdo not\b|\bcannot\b|\bcould not\b",
)
HEDGE_CUES = (
    r"\bmay\b", r"\bmight\b", r"\bcould\b", r"\bpossibl", r"\bfurther (?:studies|research|"
    r"investigation|trials)", r"\bunclear\b", r"\bremains?\b", r"\bcontrovers", r"\blarger\b",
    r"\binconclusive\b", r"\bsuggest", r"\bpotential", r"\bwarrant", r"\bhowever\b", r"\bbut\b",
    r"\bonly\b", r"\bpartially\b|\bpartly\b", r"\bsome\b", r"\blimited\b",
    r"\bnot clear\b|\bnot known\b|\buncertain",
)
POSITIVE_CUES = (
    r"\bsignificant(?:ly)?\b", r"\beffective\b", r"\bassociated with\b", r"\bimprove",
    r"\bincrease", r"\breduc", r"\bpredict", r"\bsafe\b", r"\bfeasible\b", r"\bbenefi",
    r"\buseful\b", r"\bvaluable\b", r"\bsuperior\b", r"\bshould\b", r"\bimportant\b",
    r"\bindependent\b", r"\bconfirm",
)
_CUES = [re.compile(p) for p in NEGATION_CUES + HEDGE_CUES + POSITIVE_CUES]
_NEG_WORDS = _words("no not neither nor without unlikely lack failed cannot never none")
_AUX_START = ("is ", "are ", "does ", "do ", "can ", "should ", "was ", "were ", "will ",
              "has ", "have ", "did ", "could ")
_P_SIG = re.compile(r"p\s*[<≤]\s*0?\.0")
_P_NONSIG = re.compile(r"p\s*[>≥=]\s*0?\.[1-9]|p\s*>\s*0?\.05|\bns\b|not significant|"
                       r"no significant|not statistically")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a retrieved document with its relevance to the question."""

    doc_id: str
    text: str
    section: str
    relevance: float


def tokens(text: str) -> list[str]:
    """Lower-case alphanumeric tokens."""
    return _TOKEN.findall(text.lower())


def _stem(word: str) -> str:
    # A 5-character prefix is a crude but language-model-free stemmer: "reduces"/"reduction".
    return word[:5]


def key_terms(question: str) -> set[str]:
    """Stemmed content words of a question."""
    return {_stem(w) for w in tokens(question) if w not in STOPWORDS and len(w) > 2}


def split_sentences(text: str) -> list[str]:
    """Sentence split on terminal punctuation followed by a capital (abstract prose)."""
    return [s.strip() for s in _SENT_SPLIT.split(text.strip()) if s.strip()]


def sections(text: str) -> list[tuple[str, str]]:
    """(LABEL, body) paragraphs of a document text; label "" for unlabelled paragraphs."""
    out: list[tuple[str, str]] = []
    for para in re.split(r"\n\s*\n", text.strip()):
        m = _SECTION.match(para)
        if m:
            out.append((m.group(1).strip(), para[m.end():].strip()))
        elif para.strip():
            out.append(("", para.strip()))
    return out


def conclusion_text(text: str) -> str:
    """The conclusion paragraph(s); else the last two sentences of the document."""
    secs = sections(text)
    concl = [body for label, body in secs if label.upper() in _CONCLUSION_LABELS]
    if concl:
        return " ".join(concl)
    sents = split_sentences(" ".join(body for _, body in secs))
    return " ".join(sents[-2:])


def body_text(text: str) -> str:
    """Everything but the conclusion (methods/results, where p-values live)."""
    return " ".join(body for label, body in sections(text)
                    if label.upper() not in _CONCLUSION_LABELS)


def relevance(question_terms: set[str], sentence: str) -> float:
    """Share of the question's content terms that the sentence contains (0..1)."""
    if not question_terms:
        return 0.0
    return len(question_terms & {_stem(w) for w in tokens(sentence)}) / len(question_terms)


def document_sentences(question: str, doc_id: str, text: str) -> list[Sentence]:
    """All sentences of a document, each scored for relevance to the question."""
    terms = key_terms(question)
    out: list[Sentence] = []
    for label, body in sections(text):
        for s in split_sentences(body):
            out.append(Sentence(doc_id, s, label, relevance(terms, s)))
    return out


def _cue_counts(text: str) -> list[float]:
    t = text.lower()
    return [float(len(p.findall(t))) for p in _CUES]


def _question_cues(question: str) -> list[float]:
    t = question.lower().strip()
    return [float(bool(re.search(r"\bnot\b|n't\b", t))), float(t.startswith(_AUX_START)),
            float(" or " in t), len(t.split()) / 20.0]


def verdict_features(question: str, doc_text: str) -> list[float]:
    """Feature vector for the verdict classifier from a question and its best abstract."""
    concl = conclusion_text(doc_text)
    terms = key_terms(question)
    sents = split_sentences(concl) or [concl]
    rels = [relevance(terms, s) for s in sents]
    best = sents[max(range(len(sents)), key=lambda i: rels[i])]
    feats = _cue_counts(concl) + _question_cues(question) + _cue_counts(best)
    feats += _cue_counts(sents[0])
    toks = tokens(concl)
    near = 0
    for i, w in enumerate(toks):  # a negation within five words before a question term
        if w in _NEG_WORDS and {_stem(x) for x in toks[i + 1:i + 6]} & terms:
            near += 1
    body = body_text(doc_text).lower()
    feats += [float(near), max(rels), float(len(_P_SIG.findall(body))),
              float(len(_P_NONSIG.findall(body))), float(len(sents)), len(toks) / 50.0]
    return feats


N_VERDICT_FEATURES = 3 * len(_CUES) + 4 + 6


def is_yes_no_question(question: str) -> bool:
    """A question answerable by yes/no/maybe.

    Aux-verb questions ("Does X ...?", "X: is it ...?") and, as in PubMedQA titles, any other
    question that does not open with a wh-word ("Statins for dementia?").
    """
    q = question.strip().lower()
    if not q:
        return False
    tail = q.split(":")[-1].strip() if ":" in q else q
    if q.startswith(_AUX_START) or tail.startswith(_AUX_START):
        return True
    if re.search(r"(?:^|[,;]\s*)(?:is|are|does|do|can|should|was|were|did|could)\s+\w+.*\?$", q):
        return True
    return q.endswith("?") and not re.match(
        r"(?:what|which|who|whom|whose|how|why|when|where|list|describe|explain)\b", tail)
