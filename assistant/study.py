"""What one retrieved study is: its design, its size, where its finding sentences are, and how
to name it when the corpus gives no title. Deterministic rules, no model.

Study design (``study_design``), first rule that fires:
1. MEDLINE publication types (``metadata["publication_types"]``, kept by ``index.loaders``
   from MEDLINE XML): Meta-Analysis, Systematic Review, Randomized Controlled Trial,
   Controlled Clinical Trial / Clinical Trial (a non-randomised trial unless the text says it
   was randomised), Case Reports;
2. MeSH check tags (``metadata["mesh"]``; PubMedQA and MEDLINE carry them): Double-Blind
   Method / Single-Blind Method / Random Allocation -> RCT; Case-Control Studies;
   Cross-Sectional Studies (also Surveys and Questionnaires); Cohort / Longitudinal /
   Follow-Up Studies -> cohort; Prospective or Retrospective Studies alone -> prospective or
   retrospective study. "... as Topic" headings are about the topic (a paper ABOUT trials),
   never the design, and are ignored;
3. text cues in the abstract outside its BACKGROUND/INTRODUCTION paragraphs (where earlier
   trials are described): "meta-analysis", "systematic review", "randomised ... trial" or
   "randomly assigned", "case-control", "cross-sectional", "cohort", "case series",
   "case report", "survey"/"questionnaire", "prospective"/"retrospective";
otherwise None (not stated). ``DESIGN_RANK`` orders the designs from the strongest.

Study size (``study_size``): outside BACKGROUND, the "a total of N <people>" count when
stated, else the largest "N <people>" or "n = N" count (subgroups are smaller than the
whole); "<people>" is a plural noun for study units (patients, participants, women, eyes,
...), with up to two words between, none of them a unit of time or measure. Numbers written
as words ("Twenty patients") are not read.

Finding sentences (``finding_sentences``): sentences of paragraphs labelled RESULTS or
CONCLUSIONS (label variants containing these, e.g. "METHODS AND RESULTS"); only in an abstract
with neither, FINDINGS, INTERPRETATION, DISCUSSION or COMMENT; never OBJECTIVE/BACKGROUND/
METHODS. An abstract with no such label (plain text) gets the position
and cue rule: a sentence in the second half of the abstract, or one carrying a result cue
("we found", "significant", "p <", "95% CI", "associated with", ...), and never one carrying
an aim cue ("the aim", "we sought", "to determine whether", ...); its section reads
``UNLABELLED``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.evidence import SIMILARITY, conclusion_text, sections
from assistant.text import split_abstract_sentences as split_sentences

FINDING_LABEL = re.compile(r"RESULT|CONCLU")
"""Section labels whose sentences report the study's finding."""
_LATE_LABEL = re.compile(r"FINDING|INTERPRETATION|DISCUSSION|COMMENT")
"""Labels quoted only when an abstract has no RESULTS or CONCLUSIONS paragraph."""
_NON_FINDING_LABEL = re.compile(r"OBJECTIVE|BACKGROUND|AIM|PURPOSE|INTRODUCTION|CONTEXT|"
                                r"HYPOTHES|RATIONALE|IMPORTANCE|QUESTION")
_SETTING_LABEL = re.compile(r"BACKGROUND|INTRODUCTION|CONTEXT|RATIONALE|IMPORTANCE")
UNLABELLED = "UNLABELLED"
_RESULT_CUE = re.compile(
    r"\b(?:we found|results?\b|showed|shown|demonstrat|conclu|suggest|associated with|"
    r"significant|odds ratio|hazard ratio|relative risk|95\s*%|ci\b|increased|decreased|"
    r"reduced|improved|did not|was not|were not)|\bp\s*[<=>]", re.I)
_AIM_CUE = re.compile(
    r"\b(?:aims?\b|objectives?\b|purpose|we sought|sought to|was to|were to|we aimed|"
    r"we hypothesi[sz]ed|to (?:determine|assess|evaluate|investigate|examine|compare|explore|"
    r"describe) (?:whether|if|the)|little is known|remains? (?:unclear|unknown))", re.I)

# Designs from the strongest; labels as shown to the reader.
DESIGN_RANK: tuple[str, ...] = (
    "meta-analysis", "systematic review", "RCT", "non-randomised trial", "prospective cohort",
    "cohort", "retrospective cohort", "case-control", "prospective study", "cross-sectional",
    "retrospective study", "case series", "case report")

_PUBTYPE_RULES: tuple[tuple[str, str], ...] = (
    ("meta-analysis", "meta-analysis"), ("systematic review", "systematic review"),
    ("randomized controlled trial", "RCT"), ("case reports", "case report"))
_RANDOMISED = re.compile(
    r"\brandomi[sz]ed\b(?:[\s,-]+(?:controlled|clinical|double-blind(?:ed)?|single-blind(?:ed)?|"
    r"placebo-controlled|prospective|multicent(?:er|re)|open-label|crossover|pilot|"
    r"parallel(?:-group)?|trial|study)){0,4}[\s,-]+(?:trial|study)\b"
    r"|\brandomly (?:assigned|allocated|divided)|\bwere randomi[sz]ed\b", re.I)
_TEXT_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bmeta-?analys[ie]s\b", re.I), "meta-analysis"),
    (re.compile(r"\bsystematic(?:ally)? review", re.I), "systematic review"),
    (_RANDOMISED, "RCT"),
    (re.compile(r"\bnon-?randomi[sz]ed (?:controlled )?trial|\bclinical trial\b", re.I),
     "non-randomised trial"),
    (re.compile(r"\bcase[- ]control\b", re.I), "case-control"),
    (re.compile(r"\bprospective(?:ly)? (?:\w+ ){0,2}cohort|\bcohort\b[^.]{0,40}\bprospective",
                re.I), "prospective cohort"),
    (re.compile(r"\bretrospective(?:ly)? (?:\w+ ){0,2}cohort", re.I), "retrospective cohort"),
    (re.compile(r"\bcohort\b", re.I), "cohort"),
    (re.compile(r"\bcross-?sectional\b|\bsurvey\b|\bquestionnaire", re.I), "cross-sectional"),
    (re.compile(r"\bcase series\b|\bconsecutive (?:patients|cases)\b", re.I), "case series"),
    (re.compile(r"\bcase report\b|\bwe (?:report|present|describe) (?:a|an|the) (?:case|patient)",
                re.I), "case report"),
    (re.compile(r"\bprospective(?:ly)?\b", re.I), "prospective study"),
    (re.compile(r"\bretrospective(?:ly)?\b", re.I), "retrospective study"),
)
_UNITS = ("patients|participants|subjects|women|men|children|infants|adults|individuals|persons|"
          "people|cases|volunteers|neonates|newborns|pregnancies|mothers|students|respondents|"
          "residents|physicians|nurses|surgeons|eyes|veterans|survivors|controls|smokers|"
          "athletes|employees|donors|recipients|families|couples|twins|girls|boys|adolescents|"
          "teenagers|elderly|births|deliveries|procedures|operations|admissions|hospitals|"
          "practices|knees|hips|hands|feet|teeth|specimens|samples|cadavers|clinicians|"
          "doctors|dentists|pharmacists|workers|users|members|recruits|soldiers|inpatients|"
          "outpatients|consultations|visits|episodes|encounters|records|charts")
_NOT_BETWEEN = {"years", "year", "months", "month", "weeks", "week", "days", "day", "hours",
                "hour", "minutes", "mg", "kg", "g", "ml", "mm", "cm", "percent", "of", "and",
                "or", "to", "in", "with", "per", "times", "fold"}
_COUNT = re.compile(
    r"(?<![\d.,%-])(\d{1,3}(?:,\d{3})+|\d+)(?![.,]\d)\s+((?:[a-z][a-z-]*\s+){0,2}?)"
    rf"({_UNITS})\b", re.I)
_N_EQUALS = re.compile(r"\b[nN]\s*=\s*(\d{1,3}(?:,\d{3})+|\d+)(?![.,]\d)")
_TOTAL = re.compile(r"\b(?:a )?total of (\d{1,3}(?:,\d{3})+|\d+)(?![.,]\d)", re.I)
# A count above this is almost never a study's people (a year, a dose, an identifier).
_MAX_N = 50_000_000


@dataclass(frozen=True)
class Finding:
    """One candidate finding sentence of a document."""

    text: str
    section: str
    position: int
    """0-based sentence number within the document."""


def _label_is_finding(label: str, pattern: re.Pattern[str] = FINDING_LABEL) -> bool:
    up = label.upper()
    return bool(pattern.search(up)) and not _NON_FINDING_LABEL.search(up)


def finding_sentences(text: str) -> list[Finding]:
    """The sentences of ``text`` that may be quoted as its finding (rules in the module doc)."""
    paras = sections(text)
    out: list[Finding] = []
    pos = 0
    pattern = FINDING_LABEL if any(_label_is_finding(label) for label, _ in paras) \
        else _LATE_LABEL
    labelled_findings = any(_label_is_finding(label, pattern) for label, _ in paras)
    unlabelled: list[tuple[int, str]] = []
    for label, body in paras:
        for s in split_sentences(body):
            if label and _label_is_finding(label, pattern):
                out.append(Finding(s, label.upper(), pos))
            elif not label:
                unlabelled.append((pos, s))
            pos += 1
    if labelled_findings:
        return out
    # No RESULTS/CONCLUSIONS label: the position and cue rule over the unlabelled sentences.
    half = pos / 2
    for p, s in unlabelled:
        if _AIM_CUE.search(s):
            continue
        if p >= half or _RESULT_CUE.search(s):
            out.append(Finding(s, UNLABELLED, p))
    return out


def _setting_free_text(text: str) -> str:
    """The abstract without its BACKGROUND/INTRODUCTION paragraphs (other studies live there)."""
    return " ".join(body for label, body in sections(text)
                    if not (label and _SETTING_LABEL.search(label.upper())))


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Sequence):
        return [str(v) for v in value]
    return []


def study_design(text: str, metadata: Mapping[str, Any] | None = None) -> str | None:
    """The study design label (one of ``DESIGN_RANK``) or None; rules in the module doc."""
    meta = metadata or {}
    body = _setting_free_text(text)
    pubtypes = {p.lower() for p in _as_list(meta.get("publication_types"))}
    for name, design in _PUBTYPE_RULES:
        if name in pubtypes:
            return design
    if {"controlled clinical trial", "clinical trial"} & pubtypes or any(
            p.startswith("clinical trial, phase") for p in pubtypes):
        return "RCT" if _RANDOMISED.search(body) else "non-randomised trial"
    mesh = {m.lower() for m in _as_list(meta.get("mesh")) if "as topic" not in m.lower()}
    if mesh & {"double-blind method", "single-blind method", "random allocation"}:
        return "RCT"
    if "case-control studies" in mesh:
        return "case-control"
    if mesh & {"cross-sectional studies", "surveys and questionnaires", "health surveys",
               "health care surveys"}:
        return "cross-sectional"
    if mesh & {"cohort studies", "longitudinal studies", "follow-up studies"}:
        if "prospective studies" in mesh:
            return "prospective cohort"
        return "retrospective cohort" if "retrospective studies" in mesh else "cohort"
    for pattern, design in _TEXT_RULES[:3]:  # the strong designs are named in the text
        if pattern.search(body):
            return design
    if "prospective studies" in mesh:
        return "prospective study"
    if "retrospective studies" in mesh:
        return "retrospective study"
    for pattern, design in _TEXT_RULES[3:]:
        if pattern.search(body):
            return design
    return None


def design_rank(design: str | None) -> int:
    """0 for the strongest design, larger for weaker ones, ``len(DESIGN_RANK)`` for None."""
    return DESIGN_RANK.index(design) if design in DESIGN_RANK else len(DESIGN_RANK)


def _int(num: str) -> int:
    return int(num.replace(",", ""))


def study_size(text: str) -> tuple[int, str] | None:
    """(N, unit) of the study, e.g. (221, "patients"), or None when no count is stated."""
    body = _setting_free_text(text)
    total = _TOTAL.search(body)
    counts: list[tuple[int, str]] = []
    for m in _COUNT.finditer(body):
        between = m.group(2).split()
        if any(w.lower() in _NOT_BETWEEN for w in between):
            continue
        counts.append((_int(m.group(1)), m.group(3).lower()))
    if total:
        n = _int(total.group(1))
        unit = next((u for c, u in counts if c == n), "participants")
        if 0 < n <= _MAX_N:
            return n, unit
    counts += [(_int(m.group(1)), "participants") for m in _N_EQUALS.finditer(body)]
    counts = [(n, u) for n, u in counts if 0 < n <= _MAX_N]
    if not counts:
        return None
    # The largest count; among equal counts the named unit beats the generic "n =".
    return max(counts, key=lambda c: (c[0], c[1] != "participants"))


_NO_EFFECT = re.compile(
    r"\bno (?:statistically )?(?:significant )?(?:differen|effect|association|benefit|impact|"
    r"improvement|change|influence|advantage)|\bdid not (?:significantly )?(?:differ|improve|"
    r"reduce|change|affect|increase|decrease|influence|alter)|\bnot (?:significantly )?"
    r"(?:differ|associated|related)|\bwas not (?:significantly )?(?:associated|different)|"
    r"\bsimilar\b|\bcomparable\b|\bequivalent\b|\bnon-?inferior", re.I)

DIRECTIONS = ("supports", "no effect", "against", "unclear")


def direction_of(verdict: str, doc_text: str) -> str:
    """The direction a document points for a yes/no question, from its verdict: yes ->
    supports, maybe -> unclear, no -> "no effect" when its conclusion reports no difference or
    no effect (a null finding), else "against"."""
    if verdict == "yes":
        return "supports"
    if verdict == "maybe":
        return "unclear"
    concl = conclusion_text(doc_text)
    return "no effect" if (_NO_EFFECT.search(concl) or SIMILARITY.search(concl.lower())) \
        else "against"


def display_title(title: str | None, text: str, limit: int = 160) -> str:
    """The title to show: the document's own, else the first sentence of its conclusion (the
    PubMedQA corpus has no titles), shortened to ``limit`` characters at a word boundary."""
    shown = " ".join((title or "").split())
    if not shown:
        concl = [body for label, body in sections(text) if "CONCLU" in label.upper()]
        source = concl[0] if concl else conclusion_text(text)
        sents = split_sentences(source)
        shown = " ".join((sents[0] if sents else source).split())
    if len(shown) > limit:
        shown = shown[: limit - 1].rsplit(" ", 1)[0] + "…"
    return shown
