"""Evidence from retrieved abstracts: sections, sentences, relevance, and the verdict model.

Everything but ``VerdictModel`` is deterministic text processing. The verdict reads how the
abstract's conclusion speaks about the question, in two parts (``VerdictModel``):
- ``verdict_features``: counts of hand-written cue groups (negative evaluation such as "poor",
  "inadequate", "failed to"; hedging such as "may", "further studies"; similarity vs
  difference wording; positive findings; negation) in the conclusion and its key sentences,
  question cues (rhetorical "really/always/necessary", asks for sameness or a difference) and
  their interactions;
- a multinomial naive Bayes over negation-marked unigrams and bigrams of the conclusion
  (``verdict_terms``), whose three class log-probabilities join the features;
then a bag of five multinomial logistic regressions whose probabilities are averaged
(``assistant/artifacts/verdict_lr.json`` and ``verdict_nb.json``). Measured on PubMedQA dev with
nested 5-fold CV (figures in the artefacts' meta): cue features alone 0.73, with the n-gram
model 0.75, with a limits-and-harms count and the bag 0.764 (mean of 5 outer seeds). Once, on a
frozen third of the dev questions (seeded, stratified; fitted on the other two thirds,
``python -m finetune.classifiers.verdict --holdout-third``): 0.731. MiniLM
sentence vectors (0.60 alone) and SmolLM2-135M hidden states (0.64) carry the topic, not the
stance, and did not help; nor did question n-grams, question terms abstracted in the
conclusion's n-grams, or class-prior offsets tuned by inner CV.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.linear import LinearModel, TextNaiveBayes, load_json, save_json
from assistant.text import split_abstract_sentences as split_sentences  # abstract prose

# Section labels as the index writes them ("CONCLUSIONS: ..." paragraphs, see index.loaders).
_SECTION = re.compile(r"^([A-Z][A-Z /&-]{2,40}):\s*", re.MULTILINE)
_CONCLUSION_LABELS = ("CONCLUSION", "CONCLUSIONS", "INTERPRETATION", "SUMMARY", "IMPLICATIONS")
_TOKEN = re.compile(r"[a-z0-9]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words("""
is are does do can should was were will has have did could would the a an of in on for with to
and or by at as from be been there any this that it its their than after before during between
among versus vs what which who whom how why when where patients patient study studies evidence
effect effects use used using really whether our we you your i me my about into more less
""")

def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns))


# Conclusion-side cue groups (counted in lower-cased text).
NEGATIVE_EVALUATION = _rx(
    r"\bpoor(?:ly)?\b", r"\blittle\b", r"\binadequate", r"\binsufficient", r"\bdisappoint",
    r"\bweak(?:ly)?\b", r"\bdoubt", r"\btrivial\b", r"\bunnecessary\b", r"\berroneous",
    r"\bfail(?:s|ed|ure|ing)?\b", r"\black(?:s|ed|ing)?\b", r"\bunable\b", r"\bnone\b",
    r"\bminority\b", r"\brarely\b", r"\bunreliable", r"\binaccura", r"\bineffective",
    r"\bunsafe\b", r"n't\b", r"\bworse\b", r"\bquestionable", r"\bmisleading", r"\bno longer\b",
    r"\bunderestimat", r"\boverestimat", r"\bnegligible", r"\bmodest\b", r"\bsmall\b",
    r"\bless (?:effective|accurate|reliable|useful)",
    r"\bnot (?:be )?(?:justified|warranted|recommended|necessary|required|needed|useful|reliable|"
    r"accurate|sufficient|adequate|appropriate|routinely)",
    r"\bshould not\b", r"\bcannot be\b",
    r"\blow (?:sensitivity|specificity|accuracy|agreement|yield|rate|value)",
    r"\bno (?:role|value|need|benefit|advantage|impact|influence|improvement)", r"\babsence of\b",
    r"\bnon-?significant")
HEDGING = _rx(
    r"\bmay\b", r"\bmight\b", r"\bappear", r"\bseems?\b", r"\bpossibl", r"\blikely\b",
    r"\bsuggest", r"\bfurther\b", r"\bwarrant", r"\bneeded\b", r"\brequired\b", r"\bunclear\b",
    r"\buncertain", r"\bremains?\b", r"\bcontrovers", r"\binconclusive", r"\bpreliminary",
    r"\btrend", r"\bprospective", r"\blarger\b", r"\brandomi[sz]ed\b",
    r"\bnot (?:clear|known|established|conclusive)", r"\bhowever\b", r"\balthough\b", r"\bwhile\b",
    r"\bbut\b", r"\bselected\b", r"\bsome\b", r"\bcertain\b", r"\bsubgroup", r"\bpartial")
SIMILARITY = _rx(
    r"\bsimilar", r"\bcomparable\b", r"\bequivalent\b", r"\bequal(?:ly)?\b", r"\bsame\b",
    r"\bno (?:significant )?differen", r"\bdid not differ", r"\bnot (?:significantly )?differ",
    r"\bas (?:\w+ )?as\b", r"\bnon-?inferior", r"\bconsistent\b", r"\bagree", r"\bcorrelat")
DIFFERENCE = _rx(
    r"\bdiffer(?:s|ed|ent|ence|ences|ing)?\b", r"\bhigher\b", r"\blower\b", r"\bgreater\b",
    r"\bmore\b", r"\bless\b", r"\blonger\b", r"\bshorter\b", r"\bbetter\b", r"\bsuperior\b",
    r"\binferior\b", r"\boutperform")
POSITIVE_FINDING = _rx(
    r"\bsignificant(?:ly)?\b", r"\beffective\b", r"\bsafe\b", r"\bfeasible\b", r"\baccurate\b",
    r"\breliable\b", r"\bvalid\b", r"\buseful\b", r"\bvaluable\b", r"\bbenefi", r"\bimprove",
    r"\bassociated with\b", r"\bpredict", r"\bindependent", r"\bconfirm", r"\bdemonstrat",
    r"\bshow(?:s|ed|n)?\b", r"\bclearly\b", r"\bstrong(?:ly)?\b", r"\brecommend", r"\bshould\b",
    r"\bcan\b", r"\bgood\b", r"\bexcellent\b", r"\bhigh(?:ly)?\b")
# Limits and harms of what was studied ("of limited value", "unlikely to be detected", "adverse
# events"): one count over the conclusion (nested CV on PubMedQA dev, 5 seeds: 0.754 -> 0.758).
LIMITATION = _rx(r"\blimited\b", r"\bminor\b", r"\bunlikely\b", r"\bdeficit", r"\blow\b",
                 r"\bonly\b", r"\bharm", r"\badverse", r"\bcomplication", r"\bnot\b")
NEGATION = _rx(r"\bno\b", r"\bnot\b", r"n't\b", r"\bneither\b", r"\bnor\b", r"\bwithout\b",
               r"\bnever\b", r"\bfail")
# Question-side cue groups.
Q_RHETORICAL = _rx(
    r"\breally\b", r"\balways\b", r"\bnecessary\b", r"\bneed(?:ed|s)?\b", r"\bmust\b",
    r"\badequate", r"\bjustified\b", r"\btruly\b", r"\bstill\b", r"\bmyth\b", r"\brequired\b",
    r"\bworth", r"\bmandatory\b", r"\broutine(?:ly)?\b", r"\bindicated\b", r"\bobligatory\b",
    r"\bessential\b", r"\bonly\b", r"\bcorrectly\b")
Q_SIMILARITY = _rx(
    r"\bsame\b", r"\bsimilar\b", r"\bequal\b", r"\bequivalent\b", r"\bcomparable\b", r"\bagree",
    r"\bcoincide", r"\binterchangeab", r"\bas (?:\w+ )?as\b", r"\bidentical\b", r"\bconcordan",
    r"\bcorrelat")
Q_DIFFERENCE = _rx(
    r"\bdiffer", r"\bbetter\b", r"\bsuperior\b", r"\bworse\b", r"\bmore\b", r"\bless\b",
    r"\bhigher\b", r"\blower\b", r"\bincrease", r"\bdecrease", r"\breduce", r"\bimprove")
Q_NEGATIVE = _rx(
    r"\bnot\b", r"n't\b", r"\bcontraindicat", r"\bfail", r"\bwithout\b", r"\bharm", r"\brisk\b",
    r"\blimit", r"\bbarrier", r"\bdelay", r"\bunder", r"\bover")
_CONCLUSION_GROUPS = (NEGATIVE_EVALUATION, HEDGING, SIMILARITY, DIFFERENCE, POSITIVE_FINDING,
                      NEGATION)
# Results-side statistics: significant findings vs non-significant ones ("p = 0.32", "NS").
SIGNIFICANT = re.compile(
    r"\bp\s*[<≤]\s*0?\.0[0-5]|\bp\s*=\s*0?\.0[0-4]"
    r"|(?<!not )(?<!no )(?<!non-)(?<!non)(?<!not statistically )"
    r"\bsignificant(?:ly)?\b(?! differ)", re.I)
NOT_SIGNIFICANT = re.compile(
    r"\bp\s*(?:>|≥|=\s*0?\.(?:[1-9]|0[5-9]))|\bn\.?s\.?\b|\bnot (?:statistically )?significant"
    r"|\bno (?:statistically )?significant|\bnon-?significant|\bdid not (?:differ|reach)", re.I)
# The results sentences closest to the conclusion carry the main finding; the n-gram model
# reads this many (4 of {2, 4, 6, all} by nested CV on PubMedQA dev: 0.751/0.757/0.754/0.741).
RESULT_TAIL_SENTENCES = 4
_AUX_START = ("is ", "are ", "does ", "do ", "can ", "should ", "was ", "were ", "will ",
              "has ", "have ", "did ", "could ")
# Negation-marking for the n-gram model: words after a negator carry a NOT_ prefix up to the
# next punctuation mark ("did not improve survival." -> did not NOT_improve NOT_survival).
_MARK_TOKEN = re.compile(r"[a-z0-9]+(?:'t)?|n't|[.,;:!?]")
_NEGATORS = re.compile(r"(?:no|not|neither|nor|without|never|cannot|none|n't|fail\w*|lack\w*)")


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


def _count(pattern: re.Pattern[str], text: str) -> float:
    return float(len(pattern.findall(text)))


def verdict_features(question: str, doc_text: str) -> list[float]:
    """Feature vector for the verdict classifier from a question and its best abstract.

    Counts of each conclusion cue group (negative evaluation, hedging, similarity, difference,
    positive finding, negation) in the whole conclusion, its sentence most relevant to the
    question, its first and its last sentence; question cues (rhetorical "really/always/
    necessary", asks for similarity, asks for a difference, negative wording); and their
    interactions ("comparable" answers "Is X equal to Y?" with yes but "Does X improve Y?"
    with no); limits and harms in the conclusion; significant vs non-significant statistics in
    the results. ``N_VERDICT_FEATURES`` long.
    """
    concl = conclusion_text(doc_text)
    c, q = concl.lower(), question.lower()
    sents = split_sentences(concl) or [concl]
    terms = key_terms(question)
    rels = [relevance(terms, s) for s in sents]
    best = sents[max(range(len(sents)), key=lambda i: rels[i])].lower()
    feats: list[float] = []
    for text in (c, best, sents[0].lower(), sents[-1].lower()):
        feats += [_count(g, text) for g in _CONCLUSION_GROUPS]
    q_cues = [_count(Q_RHETORICAL, q), _count(Q_SIMILARITY, q), _count(Q_DIFFERENCE, q),
              _count(Q_NEGATIVE, q)]
    feats += q_cues
    rhet, asks_sim, asks_diff, q_neg = (float(v > 0) for v in q_cues)
    sim, diff = _count(SIMILARITY, c), _count(DIFFERENCE, c)
    neg = _count(NEGATION, c) + _count(NEGATIVE_EVALUATION, c)
    hedge, pos = _count(HEDGING, c), _count(POSITIVE_FINDING, c)
    feats += [asks_sim * sim, asks_sim * diff, asks_sim * neg, asks_diff * sim, asks_diff * neg,
              rhet * neg, rhet * hedge, rhet * pos, q_neg * neg,
              float(neg > 0), float(hedge > 0), float(_count(NEGATION, best) > 0),
              float(_count(HEDGING, best) > 0), neg / (1 + len(sents)), hedge / (1 + len(sents)),
              _count(LIMITATION, c)]
    body = body_text(doc_text)
    n_sig, n_ns = _count(SIGNIFICANT, body), _count(NOT_SIGNIFICANT, body)
    feats += [n_sig, n_ns, n_ns / (1 + n_sig + n_ns)]
    return feats


N_VERDICT_FEATURES = 4 * len(_CONCLUSION_GROUPS) + 4 + 16 + 3


def negation_marked(text: str) -> list[str]:
    """Lower-case word tokens; those after a negator, up to punctuation, get a ``NOT_`` prefix."""
    out: list[str] = []
    negated = False
    for tok in _MARK_TOKEN.findall(text.lower()):
        if tok in ".,;:!?":
            negated = False
            continue
        if tok.endswith("'t"):
            out.append(tok)
            negated = True
            continue
        out.append("NOT_" + tok if negated else tok)
        if _NEGATORS.fullmatch(tok):
            negated = True
    return out


def verdict_terms(doc_text: str) -> list[str]:
    """The n-gram model's input: negation-marked unigrams and bigrams of the conclusion, and
    ``R_``-prefixed unigrams of the last ``RESULT_TAIL_SENTENCES`` results sentences."""
    toks = negation_marked(conclusion_text(doc_text))
    tail = split_sentences(body_text(doc_text))[-RESULT_TAIL_SENTENCES:]
    return (toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]
            + ["R_" + t for t in negation_marked(" ".join(tail))])


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


@dataclass
class VerdictModel:
    """yes/no/maybe from a question and its evidence abstract: n-gram naive Bayes log-probs
    appended to ``verdict_features``, then the mean probability of a small bag of linear softmax
    models. The members differ only in the inner CV splits their naive Bayes inputs and C were
    chosen on; averaging them removes that split-to-split noise (nested CV, 5 seeds: one model
    0.758, a bag of five 0.764)."""

    members: list[LinearModel]
    ngrams: TextNaiveBayes

    def __post_init__(self) -> None:
        if not self.members:
            raise ValueError("a VerdictModel needs at least one linear member")
        if any(m.classes != self.members[0].classes for m in self.members):
            raise ValueError("verdict members disagree on their classes")

    @property
    def classes(self) -> list[str]:
        return self.members[0].classes

    @property
    def n_inputs(self) -> int:
        """Length of the linear members' input row."""
        return int(self.members[0].mean.size)

    def features(self, question: str, doc_text: str) -> list[float]:
        """The linear members' input row."""
        nb = self.ngrams.log_proba([verdict_terms(doc_text)])[0]
        return verdict_features(question, doc_text) + [float(v) for v in nb]

    def predict_proba(self, question: str, doc_text: str) -> np.ndarray:
        """Class probabilities in ``classes`` order (mean over the members)."""
        x = np.asarray([self.features(question, doc_text)])
        return np.mean([m.predict_proba(x)[0] for m in self.members], axis=0)

    def predict(self, question: str, doc_text: str) -> str:
        """The most probable verdict."""
        return self.classes[int(self.predict_proba(question, doc_text).argmax())]

    def to_json(self) -> dict[str, Any]:
        return {"members": [m.to_json() for m in self.members], "ngrams": self.ngrams.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VerdictModel:
        return cls([LinearModel.from_json(m) for m in data["members"]],
                   TextNaiveBayes.from_json(data["ngrams"]))

    def save(self, members_path: Path, ngrams_path: Path) -> None:
        """Write the two artefact files atomically (tmp + rename each)."""
        save_json(members_path, {"members": [m.to_json() for m in self.members]})
        self.ngrams.save(ngrams_path)

    @classmethod
    def load(cls, members_path: Path, ngrams_path: Path) -> VerdictModel:
        """Load the two artefact files (ModelNotFoundError names the rebuild command)."""
        return cls.from_json({"members": load_json(members_path)["members"],
                              "ngrams": load_json(ngrams_path)})
