"""Social habits stated about the patient: tobacco, alcohol and other drug use.

Smoking status and alcohol use are structured facts a clinician records (USCDI "Smoking
Status"; ICD-10-CM Z72.0 tobacco use, F10.90 alcohol use, F19.90 other psychoactive substance
use), so "denies alcohol", "smokes 1 ppd", "former smoker" and "no tobacco or drug use" are
read as ``tobacco use`` / ``alcohol use`` / ``drug use`` with a truthful status (guideline:
eval/data/extraction/real/README.md, issue 16 round 6). Only the words of a use statement are
matched: a disorder named as such ("alcohol use disorder", "ETOH abuse", "tobacco use
disorder") stays the vocabulary's diagnosis; a blood alcohol level, an alcohol swab, smoke
exposure, "smoking cessation" advice, nicotine replacement drugs and "drinks fluids / milk /
from a cup" are not habits.

Status: the words themselves say ``absent`` ("nonsmoker", "never smoked", "nondrinker",
"Alcohol use: none") or ``historical`` ("former smoker", "ex-smoker", "quit smoking", "used
to drink"); otherwise ``None`` and the sentence's ConText decides ("denies ..." -> absent).
Codes: ICD-10-CM (CMS/NCHS, public domain) titles checked with ``simple_icd_10_cm``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.clinical.vocabulary import Concept

TOBACCO = Concept("tobacco use", "Z72.0")
ALCOHOL = Concept("alcohol use", "F10.90")
DRUGS = Concept("drug use", "F19.90")
#: The habit concepts (the pipeline keeps them in a social history section and when absent).
HABIT_NAMES = frozenset({TOBACCO.name, ALCOHOL.name, DRUGS.name})

# a disorder or a non-habit sense right after the habit word: the vocabulary's or nothing
# ("tobacco smoking disorder", probe9)
_NOT_AFTER = (r"(?![\w-]|\s+(?:use\s+|smoking\s+)?(?:disorder|abuse|dependence|withdrawal|intoxication|"
              r"poisoning|related|induced|level|levels|swab|swabs|pad|pads|prep|wipe|wipes|"
              r"based|cessation|exposures?|inhalation|detectors?|alarms?|treatment|rehab\w*|"
              r"counsel\w*|screen\w*)\b)")
_NOT_BEFORE = r"(?<!blood )(?<!serum )(?<!isopropyl )(?<!rubbing )(?<!second-hand )" \
              r"(?<!secondhand )(?<!second hand )(?<!passive )" \
              r"(?<!withdrawal from )(?<!withdrawal to )"  # probe9: the diagnosis's words

_TOBACCO = re.compile(
    r"\b" + _NOT_BEFORE + r"(?:(?:non|ex)-?smok(?:er|ers|ing)\b|never\s+(?:a\s+)?smok(?:ed|er)\b|"
    r"(?:(?:former|prior|previous|past|current|active|daily|heavy|light|occasional|social)\s+)?"
    r"(?:cigarette\s+|cigar\s+|pipe\s+)?smok(?:es|ed|ing|er|ers|e)\b" + _NOT_AFTER +
    r"(?:\s+(?:cigarettes?|cigars?|a\s+pipe|tobacco)\b)?|"
    r"(?:chewing\s+|smokeless\s+)?tobacco\b" + _NOT_AFTER + r"(?:\s+use)?|"
    r"cigarettes?\b(?!\s+smoke\s+exposure)" + _NOT_AFTER + r"|cigars?\b|\d+(?:\.\d+)?\s*ppd\b|"
    r"\d+[\s-]*(?:pack|pk)[\s-]*(?:years?|yrs?)\b|vap(?:es|ing)\b)", re.I)
_ALCOHOL = re.compile(
    r"\b" + _NOT_BEFORE + r"(?:(?:non|social|heavy|occasional)[\s-]?drinkers?\b|"
    r"(?:alcohol|etoh|ethanol)\b" + _NOT_AFTER + r"(?:\s+use)?|alcoholic\s+beverages?\b|"
    r"(?:drinks?|drinking|drank)\b(?:\s+(?:any\s+)?(?:alcohol|etoh|beers?|wine|liquor)\b|"
    r"(?=\s+(?:\w+\s+){0,3}?(?:socially|occasionally|rarely|heavily|daily|on\s+weekends?|"
    r"(?:a|per)\s+(?:day|week|night))\b)|(?=\s+or\s+smok)|(?=\s*[.;,]|\s*$)))",
    re.I)
#: drinking that is not alcohol: fluids, milk, from a cup
_NOT_ALCOHOL_DRINK = re.compile(r"\b(?:drinks?|drinking|drank)\s+(?:well|from|fluids?|water|"
                                r"milk|juice|formula|plenty|lots|liquids?|a\s+lot|more|less|"
                                r"cup|bottle)\b", re.I)
_DRUGS = re.compile(
    r"\b(?:(?:(?:illicit|illegal|recreational|street|iv|intravenous|injection|other)\s+)?"
    r"drugs?\s+use\b|(?:illicit|illegal|recreational|street)\s+drugs?\b(?:\s+use)?|"
    r"(?:iv|intravenous)\s+drug\s+(?:users?)\b|ivd[ua]\b|substance\s+use\b(?!\s+disorder)|"
    r"(?:marijuana|cannabis|cocaine|heroin|methamphetamines?|crack)\b(?:\s+use)?"
    r"(?![\w-]|\s+(?:use\s+)?(?:disorder|abuse|dependence|withdrawal|intoxication|"
    r"poisoning|induced)\b))", re.I)

#: alcohol as an antiseptic ("prepped with alcohol", "Betadine and alcohol")
_SKIN_PREP = re.compile(r"\b(?:prepp?\w*|clean\w*|swab\w*|wip\w*|steril\w*|scrub\w*|"
                        r"betadine|chlorhexidine|povidone|iodine)\b[^.;\n]*$", re.I)
_ABSENT_WORDS = re.compile(r"^(?:non|never)|^(?:nondrinker|non-drinker)", re.I)
_NONE_AFTER = re.compile(r"^[ \t]*:?[ \t]*(?:none|no|never|denies|negative|non-?smoker|"
                         r"non-?drinker)\b", re.I)
#: probe13: "non-" written before the habit word of a compound ("a non-cigarette smoker and
#: non-ETOH user", "non-tobacco user"): the habit is denied
_NON_BEFORE = re.compile(r"\bnon-$", re.I)
_HISTORICAL_BEFORE = re.compile(r"\b(?:former|ex-|quit|stopped|used\s+to|previous|prior|past|"
                                r"remote|distant)"
                                r"\b[^.;\n]{0,25}$", re.I)
# "Tobacco 10 pack-year; quit nearly 10 years ago": a semicolon straight before "quit" or
# "stopped" still joins the same habit (probe7); other clauses after one do not
# probe17: "a smoking history, about a 20 pack-year history and he reports quitting on July 27":
# "quitting"/"quits" and a clause of up to 60 characters before it
_HISTORICAL_AFTER = re.compile(r"^[^.;\n]{0,60}(?:;\s*(?=quit|stopped))?\b(?:quit(?:s|ting)?|"
                               r"stopped|ago)\b", re.I)
#: a quit only planned or advised ("a smoking history and is thinking about quitting",
#: "was advised to quit"): still a current habit
_QUIT_PLANNED = re.compile(r"\b(?:about|consider\w*|wants?|plans?|planning|trying|try|advised|"
                           r"advice|counsel\w*|interested|encouraged|ready|desire\w*|"
                           r"unable|will)\b[^.;\n]{0,15}\bquit", re.I)
#: p17fix (review): a quit tried and failed ("current smoker, quitting attempts
#: unsuccessful", "quit attempts have failed"): still a current habit
_QUIT_FAILED = re.compile(r"\s+(?:smoking\s+)?(?:attempts?|efforts?|trials?|unsuccessful\w*|"
                          r"failed|without\s+success)\b", re.I)
#: "ETOH/Substance Abuse unknown", "Alcohol use: unknown" (probe7)
_UNKNOWN_AFTER = re.compile(r"(?:\s*/\s*[A-Za-z]+)?(?:\s+(?:abuse|use))?\s*:?\s*(?:unknown|"
                            r"not\s+known|unobtainable)\b", re.I)
_HISTORICAL_WORD = re.compile(r"^(?:former|previous|prior|past|ex-)", re.I)
_DENIED_PAST = re.compile(r"\b(?:no|denies|denied|never|without|negative\s+for)\s+(?:any\s+|"
                          r"the\s+|a\s+)?(?:past|prior|previous|remote)\b(?![^.;\n]*\b(?:quit|"
                          r"stopped|ago|former)\b)", re.I)


@dataclass(frozen=True)
class HabitMention:
    """A use statement: concept, ``[start, end)`` span, and the status its own words give
    (None: the sentence's ConText decides)."""

    concept: Concept
    start: int
    end: int
    status: str | None


#: a use verb of its own clause ("She does not smoke, drinks alcohol rarely"): affirmed
_OWN_VERB = re.compile(r"^(?:drinks|smokes)\b", re.I)
_CLAUSE_START = re.compile(r"[,;:.\n]|\b(?:and|but)\b", re.I)
_NEGATION = re.compile(r"\b(?:no|not|never|denies|denied|without|n't)\b|n't\b", re.I)


def _status(text: str, start: int, end: int) -> str | None:
    words = text[start:end]
    if _OWN_VERB.search(words):
        before = text[max(0, start - 60):start]
        cuts = list(_CLAUSE_START.finditer(before))
        # "never drinks": negated in its own clause; "no longer smokes": stopped
        clause = before[cuts[-1].end():] if cuts else before
        if re.search(r"\bno\s+longer\b", clause, re.I):
            return "historical"
        return "absent" if _NEGATION.search(clause) else "present"
    if _ABSENT_WORDS.search(words) or _NONE_AFTER.search(text[end:end + 12]):
        return "absent"
    if _HISTORICAL_WORD.search(words) or _HISTORICAL_BEFORE.search(text[max(0, start - 40):
                                                                         start]):
        # (ext12, probe12) "Denies the past history of alcohol", "Denies past / present
        # illegal drug use", "no prior tobacco use": the past itself denied, never used
        if _DENIED_PAST.search(text[max(0, start - 40):end]):
            return "absent"
        return "historical"
    hist = _HISTORICAL_AFTER.search(text[end:end + 75])
    if hist and not _QUIT_PLANNED.search(hist.group()) and \
            not _QUIT_FAILED.match(text, end + hist.end()):
        return "historical"  # "smoking history, but he quit several years ago"
    return None


#: a word every habit pattern contains: the patterns run only in windows around these
_KEYS = ("smok", "tobacco", "cigar", "ppd", "pack", "pk", "vap", "alcohol", "etoh", "ethanol",
         "drink", "drank", "drug", "substance", "marijuana", "cannabis", "cocaine", "heroin",
         "metham", "crack", "ivd")
_WINDOW_END = re.compile(r"[.\n]")


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged ``[start, end)`` windows around the key words: 50 characters before, and to
    the end of the line or sentence at least 100 characters after (same matches as a scan
    of the whole text: no pattern reaches further)."""
    lower = text.lower()
    keys = []  # str.find: far faster than a regex alternation of the keys
    for key in _KEYS:
        i = lower.find(key)
        while i >= 0:
            keys.append((i, i + len(key)))
            i = lower.find(key, i + 1)
    out: list[tuple[int, int]] = []
    for k_start, k_end in sorted(keys):
        stop = _WINDOW_END.search(text, min(len(text), k_end + 100))
        s, e = max(0, k_start - 50), stop.end() if stop else len(text)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


@lru_cache(maxsize=8)
def habit_findings(text: str) -> tuple[HabitMention, ...]:
    """Tobacco, alcohol and drug use statements in ``text``, in text order, no overlaps
    (cached: the pipeline asks for them for problems and for medications)."""
    found: list[HabitMention] = []
    windows = _windows(text)
    for concept, pattern in ((TOBACCO, _TOBACCO), (ALCOHOL, _ALCOHOL), (DRUGS, _DRUGS)):
        for m in (m for ws, we in windows for m in pattern.finditer(text, ws, we)):
            s, e = m.start(), m.end()
            while s < e and text[s].isspace():
                s += 1
            non = _NON_BEFORE.search(text, max(0, s - 4), s)
            if non:  # the span shows the denial: "non-cigarette smoker" (its words: absent)
                s = non.start()
            if s >= e or (concept is ALCOHOL and (_NOT_ALCOHOL_DRINK.match(text, s) or
                                                  _SKIN_PREP.search(text[max(0, s - 60):s]))):
                continue
            if any(f.start < e and s < f.end for f in found):
                continue
            if _UNKNOWN_AFTER.match(text, e):
                continue  # "ETOH/Substance Abuse unknown": nothing is said about the habit
            found.append(HabitMention(concept, s, e, _status(text, s, e)))
    return tuple(sorted(found, key=lambda f: f.start))


def habit_supports(span_text: str, name: str) -> bool:
    """Whether ``span_text`` reads as the habit ``name`` (grounding of a habit item)."""
    return name in HABIT_NAMES and any(f.concept.name == name
                                       for f in habit_findings(span_text))
