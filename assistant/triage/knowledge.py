"""The condition knowledge base: published discriminating features -> the disposition needed.

``data/conditions/*.yaml`` (one file per body system, read in name order) hold one entry per condition that presents to primary care, urgent
care or an emergency department: the findings that discriminate it (symptom + onset/course +
risk factor + age), the disposition it needs (``emergency`` | ``urgent`` | ``routine`` |
``self_care``) and the guidance it comes from. It is data, not code; this module loads,
checks and matches it.

Matching: an entry fires when every ``all`` group is found (affirmed: a finding negated in its
clause, "no neck stiffness", does not count, using the same clause-level NegEx as the red
flags), at least ``min_any`` of its ``any`` groups are found, no ``not`` phrase is affirmed,
and the age/sex limits hold. A group is a list of alternatives: regular expressions matched at
a word boundary, ``@name`` for a shared lexicon entry, or ``vital:<name><op><number>`` for a
vital sign read from the case. A single phrase never makes an entry fire on its own: every
entry needs at least two findings (two ``all`` groups, or one plus an ``any`` group), which
the loader checks. The one exception is a *named* minor condition (``named: true``, self-care
only, one ``all`` group of the condition's own names, e.g. "ringworm", "a cold"): a person who
names a minor self-limiting condition from an NHS self-care list and asks what to do about it
(:data:`SELF_CARE_QUESTION`, or the text is little more than the name, at most
:data:`NAMED_MAX_WORDS` words) may get self-care, under the full safety net below plus
:data:`NAMED_MIN_AGE`; any other matching pattern is more specific and is preferred.

In the ``ed`` setting an emergency or urgent match is an acuity floor
(``setting.ED_FLOOR_ACUITY``); an entry whose place of care is the emergency department but
whose ED level is lower than the default (a closed deformed fracture, a dislocation: ESI 3)
says so with ``ed_acuity``.

Self-care entries carry the safety net: :func:`self_care_blockers` lists why a self-care
match may not stand (a red flag, a floor, extremes of age, abnormal vitals, severe pain,
pregnancy or immunosuppression); the triager then answers ``routine`` instead.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from assistant.clinical.context import clause_negated, find_affirmed
from assistant.errors import ConfigError
from assistant.spans import SpanSet
from assistant.triage.negation import aux_negated, danger_view, post_negated, scope_view
from assistant.triage.parse import Presentation
from assistant.triage.readings import (
    abnormal_reading,
    normal_reading_spans,
    normal_sugar_spans,
)
from assistant.triage.red_flags import (
    GLASS_TEST_LAY,
    guard,
    in_denied_list,
    mask_non_genital_bleeds,
)
from assistant.triage.scores import (  # noqa: F401 (CHILD_LIMITS, CHILD_MIN_SPO2 re-exported)
    CHILD_LIMITS,
    CHILD_MIN_SPO2,
    NEWS2_ADULT_AGE,
    ScoreResult,
    child_vitals_out_of_range,
)
from assistant.triage.window import beyond_window

Disposition = Literal["emergency", "urgent", "routine", "self_care"]
DISPOSITIONS: tuple[Disposition, ...] = ("emergency", "urgent", "routine", "self_care")
# Acuity each disposition stands for (CONTRACT levels: 1-2 emergency, 3 urgent, 4 routine,
# 5 self_care). A knowledge-base emergency is 2: resuscitation (1) is left to the floors.
DISPOSITION_ACUITY: dict[str, int] = {"emergency": 2, "urgent": 3, "routine": 4, "self_care": 5}

KB_DIR = Path(__file__).resolve().parent / "data" / "conditions"

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}
_VITAL = re.compile(r"^vital:(systolic_bp|diastolic_bp|heart_rate|respiratory_rate|"
                    r"temperature|spo2)\s*(>=|<=|>|<)\s*([\d.]+)$")


@dataclass(frozen=True)
class VitalTest:
    name: str
    op: str
    value: float

    def holds(self, p: Presentation) -> bool:
        got = getattr(p.vitals, self.name)
        return got is not None and _OPS[self.op](float(got), self.value)

    def __str__(self) -> str:
        return f"{self.name} {self.op} {self.value:g}"


# A clause that places its finding in the past ("two weeks ago he had a sore throat that
# resolved"): such a finding may not make a case self-care (checked for self-care entries only,
# so that it can only make a case more urgent, never less).
_PAST = re.compile(r"\b(?:resolved|subsided|went away|cleared up|recovered|"
                   r"(?:\d+|two|three|four|five|six|several|many)[- ](?:weeks?|months?|years?)"
                   r"[- ]ago|last year|a year ago)\b", re.I)
# a line break ends a clause too (issue 21, metamorphic test: a message typed one sentence a
# line, no full stops, read "Four months ago ..." as the past of every finding after it), as in
# ``window.sentence_of`` and the negation scope
_CLAUSE_END = re.compile(r"[.;!?\n]")
# A resolution that the same clause then undoes ("there was this pain but it went away ... a few
# hours later it came back, it's been there since") is a recurrence: the finding is current.
# Speech transcripts carry no full stops, so their one clause is the whole account (lay2 probe).
_RETURNED = re.compile(r"\b(?:(?:came|come|comes|coming) (?:right )?back|back again|returned|"
                       r"recurred|started (?:up )?again|is back|has been there since)\b", re.I)
# A self-care pattern's presenting finding named in the past history ("His past medical
# history is significant for ...", "He also has gastroesophageal reflux disease for which he
# occasionally takes antacids") is a comorbidity, not the complaint: it may not make the case
# self-care either.
_HISTORY = re.compile(r"\b(?:past (?:medical )?history|medical history|history (?:is |was )?"
                      r"(?:significant|notable|remarkable|positive) for|(?:has|had) (?:\w+ ){1,5}"
                      r"for which (?:he|she|they) (?:\w+ )?(?:takes?|uses?|is treated|was treated|"
                      r"receives?))\b", re.I)
# The presenting complaint that follows a history phrase in the same sentence (clinic notes).
_PRESENTS = re.compile(r"\b(?:presents?|presenting|presented|comes? in|came in|is seen|is here|"
                       r"complain\w* of|is being (?:seen|evaluated))\b", re.I)

# A negated history phrase ends the negation there: in "a 37-year-old man with no significant
# past medical history is rear-ended in a motor vehicle accident" the "no" is about the history,
# not the collision. NegEx (clause_negated) scopes a cue over its whole clause, so the matcher
# reads negation on a view of the text with a clause break (";", same length) after such a
# phrase. "no history of chest pain" keeps its negation (the phrase goes on with "of").
_NEGATED_HISTORY = re.compile(
    r"\b(?:no|without|denies)\s+(?:any\s+)?(?:(?:significant|known|relevant|prior|other|"
    r"serious)\s+)*(?:past\s+)?(?:(?:medical|surgical|psychiatric|family|drug)\s+)?"
    r"(?:history|illness(?:es)?|allergies|medications)(?= [^o]|\s+o[^f]|\s+of note)", re.I)


# A comma that opens a new clause with its own verb ("no rash or breathing issues, appetite is
# normal"; "no fever, he is eating well") ends the negation before it as well.
_NEW_CLAUSE_COMMA = re.compile(r",(?=\s+(?:\w+\s+){0,2}(?:is|are|was|were|has|have|had|feels?|"
                               r"seems?|looks?)\b)", re.I)


# A negative finding: the cue is part of the finding itself ("hasn't had a wet nappy", "has not
# had a wee all day", "hasn't been able to keep fluids down", "can't wee"; NHS Dehydration and
# Urinary retention word these signs so). Its cue ends with it: "has not had a wee all day and is
# very sleepy" affirms the sleepiness (h-layneg: the dehydration red flags read it as denied).
_NEGATIVE_FINDING = re.compile(
    r"\b(?:(?:has|have|had)(?:n.?t| not)|not|no|(?:can.?t|cannot|unable to|not able to)|"
    r"(?:has|have|had)(?:n.?t| not) been able to)\s+(?:"
    r"(?:been able to |managed to )?(?:had|passed|done|keep|kept|hold|held) (?:a |any )?"
    r"(?:wet (?:nappy|nappies|diapers?)|wee|pee|urine|anything|(?:\w+ )?(?:fluids?|drinks?|water|"
    r"milk|feeds?)|(?:\w+ ){0,2}down)(?: down)?|"
    r"(?:been able to )?(?:peed|weed|urinated|pass (?:any )?urine|wee|pee|urinate)|"
    r"wet (?:nappy|nappies|diapers?))(?=\s)", re.I)


# A baby's movements not felt, said with the cue inside the finding ("I've not felt the baby
# kick", "the baby is not moving as much", "no movements from the baby"; NHS Your baby's
# movements words them so): the cue ends with the finding, as for ``_NEGATIVE_FINDING``, so
# that the time frame after it ("since yesterday", "today", "than usual") is affirmed (issue 21
# laygaps: reduced_fetal_movements_lay). Only a baby's or bump's movement or kicks: "not moving
# his arm" is left as it was.
_DOUBT = (r"(?:(?:do|did|does)(?:n.?t| not)\s+think|not\s+sure(?:\s+(?:if|whether|that))?|"
          r"(?:can.?t|cannot|could(?:n.?t| not))\s+remember(?:\s+(?:when|if|the\s+last\s+time))?)")
_NEGATIVE_MOVEMENT = re.compile(
    r"\b(?:(?:baby|bump|little one)\s+(?:(?:is|has|was)(?:n.?t| not)|has\s+stopped|stopped)\s+"
    r"(?:been\s+)?(?:moving|moved|kicking|kicked)(?:\s+(?:as much|much|as often|at all|very much))?|"
    r"(?:(?:have|has|had|do|did|can|could)(?:n.?t| not)|not|never|can.?t|cannot|hardly|barely)\s+"
    r"(?:really\s+|actually\s+|even\s+)?(?:felt|feel|feeling|noticed|notice)\s+(?:any\s+|much\s+)?"
    r"(?:(?:the|my|our)\s+)?(?:baby|bump|little one)?(?:'s)?\s*(?:move\w*|kick\w*|wriggl\w*)"
    r"(?:\s+(?:from|of)\s+(?:the\s+|my\s+)?(?:baby|bump))?|"
    r"(?:no|hardly any|barely any|not any)\s+(?:baby\s+|fetal\s+|foetal\s+)?(?:movements?|kicks?|kicking)"
    r"(?:\s+(?:from|of)\s+(?:the\s+|my\s+)?(?:baby|bump))?|"
    # (lay13) the doubt before the finding: "I don't think I've felt the baby move", "not sure
    # the baby has moved much", "can't remember when I last felt the baby kick"
    r"" + _DOUBT + r"\s+(?:i.?ve\s+|i\s+have\s+|i\s+|she.?s\s+|she\s+has\s+|she\s+)(?:\w+\s+)?(?:felt|feel|noticed|notice)\s+"
    r"(?:any\s+|much\s+)?(?:(?:the|my|our)\s+)?(?:baby|bump|little one)(?:'s)?\s*"
    r"(?:move\w*|kick\w*|wriggl\w*)(?:\s+(?:much|at all|as much|very much))?|"
    r"" + _DOUBT + r"\s+(?:the|my|our|her)\s+(?:baby|bump|little one)\s+(?:has\s+|have\s+)?"
    r"(?:moved|kicked|been\s+moving|been\s+kicking)(?:\s+(?:much|at all|as much|very much))?)(?=\s)",
    re.I)


# A missed period said with its cue ("I haven't had a period for 7 weeks", "no period in 2
# months", "my period hasn't come"; NHS Ectopic pregnancy / Stopped or missed periods): the cue
# ends with the finding, so the pain or bleeding told after it is affirmed (issue 21 laygaps).
_NO_PERIOD = re.compile(
    r"\b(?:(?:(?:have|has|had)(?:n.?t| not)|not|no)\s+(?:had\s+)?(?:a\s+|my\s+|her\s+|any\s+)?"
    # the duration is required: a bare "no period" in a run-on list ("sudden severe tummy pain
    # no period Diarrhoea no") keeps its old reach (CI, tristop pin)
    r"(?:proper\s+)?periods?\s+(?:for|in|since)\s+(?:\w+\s+){0,3}?(?:weeks?|months?)|"
    r"periods?\s+(?:(?:has|have|did|does)(?:n.?t| not)|never)\s+(?:come|came|arrived|started|shown up))(?=\s)",
    re.I)


# "non-bilious vomiting", "non-tender mass": the prefix negates its own adjective, not the noun
# after it (the space after the compound ends the negation's reach).
_NON_COMPOUND = re.compile(r"\bnon-\w+\s", re.I)


# A sentence whose full stop was not typed ("... 4 months ago She now has ...", "... medical
# history His rash ..."): a word that opens a sentence, capitalised after a lower-case word, ends
# the clause of :func:`clause_past` too. Without it a text with no full stops (a message typed
# without punctuation, speech-to-text) was one clause, and one "4 months ago" or "past medical
# history" anywhere made every self-care finding past (issue 21 selfgen, metamorphic test:
# strip_punct / drop_final_periods lost 33 self-care answers, each by this). Case-sensitive and
# a closed list of sentence openers (never "I", which runs on inside a sentence); it only narrows
# the clause, so a finding is read as past less often, never more.
_MISSING_STOP = re.compile(
    r"(?<=[a-z0-9%)])[ \t]+(?=(?:He|She|They|It|The|His|Her|Their|There|This|These|That|A|An|On|In|"
    r"Of|At|Over|Since|For|Today|Yesterday|Now|Recently|Currently|Otherwise|However|Also|"
    r"Physical|Vital|Examination|Exam|Temperature|Laboratory|Labs|Pulse|Both|We|My|Our|"
    r"No|Denies|Patient|Family|Social|Medications|Allergies)\b)")


# A reply "No" whose comma was not typed, before a request ("No looking for the right
# antibiotics", "no just wondering what to take"): the answer to a question, which negates
# nothing after it, as ``clause_negated`` already reads "No, looking for ..." (NegEx
# pseudo-negation). Only at the start of a line or sentence (or capitalised after a lower-case
# word: a sentence whose full stop was not typed) and only before a verb of asking
# (never a symptom's word): issue 21 metamorphic strip_punct lost a named-sinusitis self-care
# answer to it.
_ANSWER_NO_REQUEST = re.compile(
    r"(?:(?:^|(?<=[\n.!?;]))[ \t]*(?:no|nope|nah)|(?<=[a-z0-9%)])[ \t]+(?-i:No|Nope|Nah))(?=[ \t]+(?:just[ \t]+|only[ \t]+|i'?m[ \t]+|i am[ \t]+)?"
    r"(?:looking|wondering|asking|checking|hoping)\b)", re.I)


@functools.lru_cache(maxsize=256)
def negation_view(text: str) -> str:
    """``text`` with ";" after each negated history phrase and in place of a comma that opens a
    clause with its own verb (offsets unchanged), so that a negation does not reach the
    findings after it."""
    chars = list(text)
    for m in _NEGATED_HISTORY.finditer(text):
        if guard("kb:negated_history_break", True):
            chars[m.end()] = ";"
    for m in _NEW_CLAUSE_COMMA.finditer(text):
        if guard("kb:new_clause_comma", True):
            chars[m.start()] = ";"
    for m in _NON_COMPOUND.finditer(text):
        if guard("kb:non_compound", True):
            chars[m.end() - 1] = ";"
    for m in _NEGATIVE_FINDING.finditer(text):
        if guard("kb:negative_finding_break", True):
            chars[m.end()] = ";"
    for m in _NEGATIVE_MOVEMENT.finditer(text):
        if guard("kb:negative_movement_break", True):
            chars[m.end()] = ";"
    for m in _NO_PERIOD.finditer(text):
        if guard("kb:no_period_break", True):
            chars[m.end()] = ";"
    # a sentence whose full stop was not typed ends a negation too ("She denies fever Her
    # pregnancy test is positive": issue 21 selfgen, metamorphic drop_final_periods)
    for m in _MISSING_STOP.finditer(text):
        chars[m.start()] = ";"
    for m in _ANSWER_NO_REQUEST.finditer(text):
        chars[m.end()] = ";"
    return "".join(chars)


def is_negated(text: str, start: int, end: int) -> bool:
    """``clause_negated`` on :func:`negation_view` of ``text``, or an item of a list headed by
    a denial (``red_flags.in_denied_list``: NegEx's fixed window misses a long list's end)."""
    return (clause_negated(negation_view(text), start, end)
            or guard("kb:aux_negated", aux_negated(text, start, end))
            or guard("kb:post_negated", post_negated(text, start, end))
            or guard("kb:denied_list", in_denied_list(text, start)))


def danger_negated(text: str, start: int, end: int) -> bool:
    """:func:`is_negated` with a negation stopping at a comma that starts a new statement
    (``negation.scope_view``): for the findings that make an emergency or urgent entry fire
    ("no rash, floppy and not feeding": the floppy child is affirmed), read on
    ``negation.danger_view`` as the red flags read it: an answer "No" before a subject negates
    nothing ("No I have never had chest pain like this, it is crushing"; NegEx pseudo-negation),
    which ends a negation sooner and never extends one (tristop)."""
    view = danger_view(negation_view(text))
    return (clause_negated(view, start, end) or guard("kb:aux_negated", aux_negated(view, start, end))
            or guard("kb:post_negated", post_negated(text, start, end))
            or guard("kb:denied_list", in_denied_list(view, start)))


def _not_in_one_sentence(text: str, start: int, end: int) -> bool:
    """:func:`is_negated`, or ``text[start:end]`` runs across a full stop the writer left out
    (:data:`_MISSING_STOP`, the KB's own reader): the test that an emergency or urgent
    entry's ``not`` phrase is absent. (review) Not the red-flag views' ``negation`` reader:
    one reader shared by both made 34 presentations less urgent ("no blood She had a fit and
    is not waking up" 1 -> 4) and was taken back."""
    return (any(start <= m.start() < end for m in _MISSING_STOP.finditer(text))
            or is_negated(text, start, end))


_LIST_COMMA = re.compile(r",(?!\s*(?:and|or|nor)\b)", re.I)
_OR_LIST = re.compile(r"(?:[\w'-]+(?: [\w'-]+){0,3}, )+[\w'-]+(?: [\w'-]+){0,3},? (?:or|nor) ", re.I)


@functools.lru_cache(maxsize=256)
def _blocker_view(text: str) -> str:
    """:func:`negation_view` with every comma made a clause break (offsets unchanged)."""
    # a comma that goes on with "and" / "or" continues the same list ("denies numbness and
    # tingling, and any problems with his bladder"); any other comma ends the cue's reach
    # ... and so does a list closed by "or" / "nor" ("no history of infections, urgency,
    # frequency, or hesitancy": the "or" keeps the whole list under the denial)
    view = negation_view(text)
    keep = {i for m in _OR_LIST.finditer(view) for i in range(m.start(), m.end())}
    # ... and never past a comma that starts a new statement ("no rash, floppy or sleepy")
    return scope_view("".join(";" if c == "," and i not in keep and _LIST_COMMA.match(view, i)
                              else c for i, c in enumerate(view)))


def blocker_negated(text: str, start: int, end: int) -> bool:
    """Negation for the features that *block* self-care (a self-care entry's ``not`` list and
    the shared safety net): a cue negates only within its comma-delimited item, and a denied
    list does not carry past a comma. In "no fever, drooling" or "no fever, vomiting blood"
    the second item is affirmed (review 4: the "no" reached past the comma and the case went
    to self-care). Reading too little negation here only blocks self-care (over-triage, the
    safe direction); :func:`is_negated` stays for the findings that make an entry fire."""
    view = _blocker_view(text)
    return clause_negated(view, start, end) or in_denied_list(view, start)



# A measurement is not a feature of a self-care entry's ``not`` list (issue 21, NHS self-care
# audit round 8): every exam vignette states "blood pressure is 118/74 mm Hg" and "Her
# temperature is 37.0 C", and 29 self-care entries whose ``not`` list reads "blood" (blood
# seen) or "temperature" (a lay "I've got a temperature") were vetoed by that sentence alone.
# A reading is set aside only when the vital-sign parser captured it and its value is normal
# (``readings.normal_reading_spans``; safety review 2: "blood sugar is 25 mmol/L", "is high at
# 190", "160-180/110" and a fever read after a normal temperature keep blocking).
# (a blood test is a test, never blood seen)
_READING = re.compile(r"(?:blood\s*(?:tests?|counts?|results?|levels?|work|draw\w*|type)\b|"
                      r"(?:complete|full) blood count)", re.I)

# Exam-vignette statements that are no complaint: the date of the last period ("Her last
# menstrual period was 2 weeks ago": "weeks" is not the course) and a growth reading within the
# normal band ("at the 50th percentile for height and weight": not a growth concern). Only the
# date or the centile phrase itself is set aside, never the rest of its sentence ("... and a
# pregnancy test is positive"; safety review 2).
_NUMBER_WORD = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several)"
_LMP = re.compile(r"last menstrual period (?:was|began|started|occurred)(?: about| approximately)? "
                  rf"(?:(?P<n>{_NUMBER_WORD}) (?P<unit>days?|weeks?|months?) ago|yesterday|last week)",
                  re.I)
# (safety review 5: an interval over 4 weeks is a missed period, a possible pregnancy, never
# boilerplate; "few"/"several" weeks may be more than 4)
_LMP_MAX_DAYS = 28
_NUMBER_VALUE = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def _lmp_recent(m: re.Match[str]) -> bool:
    """True when a last-period date ``m`` lies 4 weeks back or less (days, weeks; never months
    or an uncounted "few weeks")."""
    if m.group("n") is None:
        return True  # "yesterday", "last week"
    n = m.group("n").lower()
    value = int(n) if n.isdigit() else _NUMBER_VALUE.get(n)
    if value is None or m.group("unit").lower().startswith("month"):
        return False
    return value * (7 if m.group("unit").lower().startswith("week") else 1) <= _LMP_MAX_DAYS


_MEASURE = r"(?:height|weight|length|head circumference|bmi|body mass index)"
_CENTILE = re.compile(r"(?:is |are |was )?at the (?P<centile>\d{1,2})(?:st|nd|rd|th) "
                      rf"(?:percentile|centile)(?: for {_MEASURE}(?:,? (?:and|or) {_MEASURE})*)?",
                      re.I)
# every centile value stated ("the 90th percentile for height and the 1st for weight"), and an
# ordinal alone after "at/on/to the" ("weight at the 9th", "Last year he was on the 91st"; safety
# review 5)
_ANY_CENTILE = re.compile(r"\b(\d{1,2}(?:\.\d+)?)(?:st|nd|rd|th)\b"
                          r"(?=[^.;]{0,40}?(?:percentile|centile))", re.I)
_ORDINAL = re.compile(r"\b(?:at|on|to|from|below|above|under|over|the)\s+(?:the\s+)?"
                      r"(\d{1,2}(?:\.\d+)?)(?:st|nd|rd|th)\b", re.I)
# a change of centile is faltering growth (NICE NG75), whatever the values
_CENTILE_CHANGE = re.compile(r"\b(?:fall\w*|fell|drop\w*|declin\w*|cross\w*|down (?:from|to)|"
                             r"from the|now|previously|ago|used to be|lost|slipp\w*|"
                             r"last (?:year|month|time|visit|check|review)|before|earlier|since|"
                             r"in (?:jan\w*|feb\w*|march|april|may|june|july|aug\w*|sept?\w*|"
                             r"oct\w*|nov\w*|dec\w*))\b", re.I)
# a low growth value told another way: a z-score or SD below the mean, thin or underweight words,
# a BMI under 18.5 (NICE NG75 faltering growth; WHO adult BMI cut-off, the strict side)
_LOW_GROWTH = re.compile(r"\b(?:z[- ]?scores?|sds?|standard deviations?|below the mean|"
                         r"thin|skinny|underweight|under-weight|wasted|wasting|emaciat\w*|"
                         r"scrawny|skin and bones|malnourish\w*|undernourish\w*)\b", re.I)
_BMI = re.compile(r"\b(?:bmi|body mass index)\b\D{0,20}?(\d{1,2}(?:\.\d+)?)"
                  r"(?!\d|\.\d|st|nd|rd|th)", re.I)
_BMI_LOW = 18.5


@functools.lru_cache(maxsize=256)
def boilerplate_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of exam statements that are no complaint (``_LMP`` 4 weeks back or less;
    ``_CENTILE`` only when every centile or growth ordinal in the text lies within 10-90, no
    sentence with one tells a change, and no z-score, SD, thin word or BMI under 18.5 is
    stated)."""
    spans = tuple(m.span() for m in _LMP.finditer(text) if _lmp_recent(m))
    if not _CENTILE.search(text):
        return spans
    values = [float(m.group(1)) for m in _ANY_CENTILE.finditer(text)]
    values += [float(m.group(1)) for m in _ORDINAL.finditer(text)]
    growth_sentences = [s for s in re.split(r"(?<=[.;!?])\s+", text)
                        if re.search(r"(?:percentile|centile)", s, re.I) or _ORDINAL.search(s)]
    if any(not 10 <= v <= 90 for v in values) or any(
            _CENTILE_CHANGE.search(s) for s in growth_sentences) or _LOW_GROWTH.search(
            text) or any(float(m.group(1)) < _BMI_LOW for m in _BMI.finditer(text)):
        return spans
    return spans + tuple(m.span() for m in _CENTILE.finditer(text))


# the bare word "blood" of a normal sugar reading with its unit names a measurement, never blood
# seen; any sugar keeps blocking an entry whose ``not`` list names a sugar or diabetes
# (``names_sugar``: thrush, a blister, a fungal nail; safety review 5)
_SUGAR_AFTER_BLOOD = re.compile(r"\s*(?:sugars?|glucose)\b", re.I)


def names_sugar(pattern: re.Pattern[str] | None) -> bool:
    """True when a ``not`` pattern names a blood sugar or diabetes (then every sugar reading is
    a feature of it, whatever its value: safety review 5)."""
    return pattern is not None and any(pattern.fullmatch(w) for w in (
        "blood sugar", "blood glucose", "diabetes", "diabetic"))


def names_fever(pattern: re.Pattern[str] | None) -> bool:
    """True when a ``not`` pattern names a fever or a high temperature."""
    return pattern is not None and any(pattern.fullmatch(w) for w in (
        "fever", "a fever", "high temperature", "a high temperature", "temperature", "feverish"))


def not_list_negated(p: Presentation, keep_sugar: bool = False
                     ) -> Callable[[str, int, int], bool]:
    """The negation test of a self-care ``not`` list on ``p``: :func:`blocker_negated`, a
    blood test or count, a reading captured with a normal value
    (``readings.normal_reading_spans``), exam boilerplate (:func:`boilerplate_spans`) and,
    unless ``keep_sugar``, the word "blood" of a normal sugar reading with its unit."""
    def negated(text: str, start: int, end: int) -> bool:
        if blocker_negated(text, start, end):
            return True
        # ("complete blood count": the match starts at "blood"; look a word back too)
        if _READING.match(text, start) or _READING.match(text, max(0, start - 9)):
            return True
        if text != p.text:
            return False
        if not keep_sugar and text[start:end].lower() == "blood" and _SUGAR_AFTER_BLOOD.match(
                text, end) and sugars.covers(start):
            return True
        return spans.covers(start)
    spans = SpanSet(normal_reading_spans(p.text) + boilerplate_spans(p.text))
    sugars = SpanSet(normal_sugar_spans(p.text))
    return negated

# A finding the text states as normal is no finding (issue 21 probe9: exam vignettes document
# normal examinations: "Growth and development of the child were normal" fired the faltering-
# growth entry over a bedwetting case; "Testicular examination is normal" the testicular-lump
# entry). Used for routine and self-care findings and for a self-care entry's own ``not`` list
# (the shared safety net is unchanged): red flags, emergency and urgent entries read the text
# as before, so this never lowers an emergency.
# Review 4 (self-care round): the first form let an abnormality hide behind a neighbouring
# normal statement ("photophobia and the examination is otherwise normal", "calf swelling and
# breathing is normal", "vision normal but painful", "vision is not normal", "normal in the
# left eye but reduced in the right"), each a 4 -> 5. So: the normal statement must be about
# the finding itself, in its own clause; a negated, qualified or mixed statement is not normal.
_NORMAL_WORD = (r"(?:normal|unremarkable|intact|within normal limits|unaffected|not affected|"
                r"not impaired|age[- ]appropriate|appropriate for (?:his|her|their)? ?age|"
                r"equal(?:,? round)? and reactive|reactive to light|20/20)")
_COPULA = r"(?:is|are|was|were|remains?|remained|appears?|appeared|seems?|has been|have been)"
# an adverb that keeps the statement normal ("is entirely normal", "is still normal"); any
# other word before the normal word ("not", "no longer", "otherwise", "mostly") does not
_NORMAL_ADVERB = r"(?:entirely|completely|totally|fully|perfectly|essentially|also|still|now|both|all)"
# "normal vision", "unremarkable abdomen": the normal word right before the finding
_NORMAL_BEFORE_FINDING = re.compile(r"\b(?:(?<!ab)normal|unremarkable)\s+$", re.I)
_NORMAL_PAST_BEFORE = re.compile(r"\b(?:previously|formerly|was|were|had been|initially)\s+$", re.I)
# "not normal vision", "no longer normal pupils": a negated normal word states an abnormality
_NORMAL_NEGATED_BEFORE = re.compile(r"\b(?:not|no longer|never|hardly|nearly|almost|less than)\s+$",
                                    re.I)
# "vision is normal", "pupils are equal and reactive": nothing but a copula between
_NORMAL_AFTER_STRICT = re.compile(
    r"^[ \t]+" + _COPULA + r"[ \t]+(?:" + _NORMAL_ADVERB + r"[ \t]+)?" + _NORMAL_WORD + r"\b", re.I)
# a finding that fires an entry may be the head of a longer subject ("testicular examination
# is normal", "growth and development of the child were normal"); no word that starts another
# statement or qualifies the normal state sits between
_BETWEEN_STOP = (r"(?:is|are|was|were|remains?|remained|appears?|appeared|seems?|has|have|had|"
                 r"but|though|although|except|otherwise|rest|remainder|other|else|apart|with|"
                 r"without|while|whereas|or|nor|not|no|never|then|also|still|he|she|they|it|"
                 r"i|we|you)")
_NORMAL_AFTER_LOOSE = re.compile(
    r"^((?:[ \t]+(?!" + _BETWEEN_STOP + r"\b)[\w'/-]+){0,6})[ \t]+(" + _COPULA + r")[ \t]+(?:"
    + _NORMAL_ADVERB + r"[ \t]+)?" + _NORMAL_WORD + r"\b", re.I)
# "X and Y were normal" (one subject of two heads): only with a plural copula and with X at
# the start of its clause ("she gets breathless on exertion and growth is normal" is two
# statements: review 4)
_PLURAL_COPULA = re.compile(r"^(?:are|were|remain|remained|appear|appeared|seem|have been)$", re.I)
_CLAUSE_HEAD = re.compile(r"(?:^|[.;:,\n(])\s*(?:(?:the|his|her|their|its|a|an|both|[\w-]+'s)\s+)*$",
                          re.I)
# what follows the normal word in the same clause: a contrast or an abnormal word makes the
# statement mixed ("normal until 2 days ago", "normal apart from", "normal in the left eye but
# reduced in the right"): the finding is affirmed
_NORMAL_MIXED = re.compile(
    r"\b(?:until|before|previously|earlier|at first|initially|apart|except|but|other than|"
    r"although|though|however|whereas|save|aside|reduced|decreased|diminished|impaired|"
    r"abnormal\w*|blurr\w*|worse\w*|poor\w*|(?<!not )affected|no longer)\b", re.I)


# ... or at the start of a sentence whose full stop was not typed: a capitalised word (the
# finding or a capitalised determiner before it) right after a lower-case word ("... only at
# night Growth and development of the child were normal"; issue 21 metamorphic strip_punct /
# drop_final_periods: the bedwetting case went to the faltering-growth entry). A capital in
# mid-sentence opens a sentence in English prose; an all-capitals text is lowered first
# (``normalise``).
_UNSTOPPED_DETERMINER = re.compile(r"[a-z0-9%)][ \t]+(?-i:The|His|Her|Their|Its|A|An|Both)[ \t]+"
                                   r"(?:(?:the|his|her|their|its|a|an|both)[ \t]+)*$")
_UNSTOPPED_BEFORE = re.compile(r"[a-z0-9%)][ \t]+$")


def _unstopped_head(text: str, start: int) -> bool:
    """Whether the finding at ``start`` opens a sentence whose full stop was left out."""
    before = text[max(0, start - 40):start]
    if text[start:start + 1].isupper() and text[start + 1:start + 2].islower():
        return _UNSTOPPED_BEFORE.search(before) is not None
    return _UNSTOPPED_DETERMINER.search(before) is not None


def _clause_tail(text: str, i: int) -> str:
    """``text`` from ``i`` to the end of its clause (. ; or a line break)."""
    ends = [j for j in (text.find(c, i) for c in ".;\n") if j >= 0]
    return text[i:min(ends) if ends else len(text)]


def stated_normal(text: str, start: int, end: int, strict: bool = False) -> bool:
    """Whether the finding ``text[start:end]`` is stated as normal ("normal growth", "growth
    and development were normal", "vision is not affected"), not as a past normal state and
    not in a mixed statement ("normal in the left eye but reduced in the right").

    ``strict`` (a self-care entry's ``not`` list): only the finding's own normal statement
    ("vision is normal", "normal pupils"), never a neighbouring one."""
    before = text[max(0, start - 40):start]
    m = _NORMAL_BEFORE_FINDING.search(before)
    if m is not None and not _NORMAL_PAST_BEFORE.search(before[:m.start()]) and not (
            _NORMAL_NEGATED_BEFORE.search(before[:m.start()])):
        return not _NORMAL_MIXED.search(_clause_tail(text, end))
    after = text[end:end + 120]
    stop = min((i for i in (after.find(c) for c in ".;:\n,") if i >= 0), default=len(after))
    if strict:
        a = _NORMAL_AFTER_STRICT.match(after[:stop])
    else:
        a = _NORMAL_AFTER_LOOSE.match(after[:stop])
        if a is not None and re.search(r"\band\b", a.group(1), re.I) and not (
                _PLURAL_COPULA.match(a.group(2)) and (_CLAUSE_HEAD.search(text[:start])
                                                       or _unstopped_head(text, start))):
            return False
    if a is None:
        return False
    return not _NORMAL_MIXED.search(_clause_tail(text, end + a.end()))


def clause_past(text: str, start: int, end: int) -> bool:
    """Whether the sentence part around ``text[start:end]`` (between ; or ., or a sentence
    opener after a missing full stop: :data:`_MISSING_STOP`) is about the past: a resolved or
    weeks-ago finding, or one named in the past medical history."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    left = max((m.end() for m in _MISSING_STOP.finditer(text, left, start)), default=left)
    right_m = _CLAUSE_END.search(text, end)
    right = right_m.start() if right_m else len(text)
    stop = _MISSING_STOP.search(text, end, right)
    right = stop.start() if stop else right
    past = _PAST.search(text, left, right)
    if past is not None and not _RETURNED.search(text, past.end(), right):
        return True
    hist = _HISTORY.search(text, left, right)
    if hist is None:
        return False
    # "a 34-year-old with a past medical history significant for hypertension, who presents
    # today with back pain": the history ends where the presenting complaint starts, so a
    # finding after "presents ... with" is current (a finding in the history list is not).
    pres = [m for m in _PRESENTS.finditer(text, hist.end(), start)]
    return not pres


# Acute-on-chronic: a chronic course ("breathless on exertion for months", "cough for 3
# weeks") that an emergency entry's ``not`` list names does not rule the entry out when the
# text then states an acute change ("tonight woke with pink frothy sputum", "today sudden
# pleuritic chest pain"): the new event is the presentation (NICE CG187 acute heart failure:
# decompensation of known heart failure; NICE NG158: a sudden pleuritic pain or breathlessness
# is a PE until shown otherwise, whatever cough came before; review, issue 21).
_CHRONIC_NOT = re.compile(r"\b(?:weeks?|months?|years?)\b", re.I)
_ACUTE_CHANGE = re.compile(r"\b(?:tonight|today|this (?:morning|afternoon|evening)|last night|"
                           r"woke (?:up )?with|woken|sudden\w*|abrupt\w*|acute(?:ly)? (?:onset|"
                           r"worse\w*))\b", re.I)


# An acute abdomen stated after weeks of diarrhoea ("diarrhoea for 3 weeks and now severe pain
# in the right lower abdomen, worse on walking, with vomiting") is a new event: severe pain,
# peritonism, pain worse on moving, or vomiting (NHS Appendicitis; review 2). A fever alone is
# not (Crohn's ileitis: weeks of loose stools, pain and fever; NICE NG129).
_ACUTE_ABDOMEN = re.compile(r"\b(?:severe|rebound|guarding|peritoni\w*|rigid\w*|worse (?:on|with|"
                            r"when (?:i |he |she |they )?)(?:walk\w*|mov\w*|movement|cough\w*)|"
                            r"vomit\w*)\b", re.I)
# A developmental course ("since he started walking", "since birth") excludes a deformity only
# when no injury is stated: "wobbly since he started walking. Today he fell off the slide and
# his forearm is deformed" is a fracture (NHS Broken bones; review 2).
_DEVELOPMENTAL = re.compile(r"\bsince (?:\w+ ){0,3}(?:walk\w*|birth|infancy)\b", re.I)
_INJURY = re.compile(r"\b(?:fell|fall(?:en|ing|s)?|injur\w*|trauma\w*|accident\w*|knocked|"
                     r"collision|crash\w*|twist\w*|tripped|slipped|landed)\b", re.I)


def acute_on_chronic(text: str, not_evidence: str) -> bool:
    """Whether ``not_evidence`` (the ``not`` phrase found) is a chronic course that an acute
    change stated after it in ``text`` overrides (or a developmental course that an injury
    anywhere in ``text`` overrides)."""
    if _DEVELOPMENTAL.search(not_evidence):
        return any(not danger_negated(text, m.start(), m.end()) for m in _INJURY.finditer(text))
    if not _CHRONIC_NOT.search(not_evidence):
        return False
    at = text.lower().find(not_evidence.lower())
    if at < 0:
        return False
    if _ACUTE_CHANGE.search(text, at + len(not_evidence)) is not None:
        return True
    return any(not danger_negated(text, m.start(), m.end())
               for m in _ACUTE_ABDOMEN.finditer(text, at + len(not_evidence)))


# A documented negative pregnancy test ("pregnancy test negative", "a negative urine hCG", "I
# did a pregnancy test and it was negative") rules out the entries that rest on a pregnancy
# (NICE NG126 ectopic pregnancy: a urine pregnancy test for every woman of reproductive age
# with abdominal pain; NICE CKS Ectopic pregnancy: a negative test makes an ectopic very
# unlikely). A positive test or a stated gestation anywhere in the text keeps them (a test
# repeated: "negative last week, positive today"). The pregnancy red flag is left as it is: a
# missed period with pain or bleeding stays an emergency floor whatever the test says.
_PREG_TEST = r"(?:(?:urine|serum|home|blood) )?(?:pregnancy test|u?-?h?cg|(?:β|beta)[- ]?h?cg)(?: test)?"
NEGATIVE_PREGNANCY_TEST = re.compile(
    rf"\b(?:{_PREG_TEST} (?:\w+ ){{0,2}}(?:is |was |were |came back |returned |showed |reads? )?"
    rf"(?:\w+ )?negative|negative (?:\w+ )?{_PREG_TEST}|{_PREG_TEST} (?:\w+ ){{0,3}}and it (?:was|is|"
    rf"came back) negative|"
    # (layfix12) the bare "negative test" said right after a missed period's lateness ("I'm 2
    # weeks late but had a negative test"): the test is a pregnancy test
    r"(?:weeks?|days?) late,? (?:but |and |though )?(?:i )?(?:(?:had|did|took|got|done|have had|"
    r"'ve had|\u2019ve had) )(?:a |two |2 )?negative (?:home )?tests?)(?!\w)", re.I)
_POSITIVE_PREGNANCY = re.compile(
    rf"\b(?:{_PREG_TEST}[^.;]{{0,40}}?\bpositive|positive (?:\w+ )?"
    rf"{_PREG_TEST}|\d+\s*weeks?\W*(?:pregnant|gestation|of pregnancy)|(?:is|am|she's|i'm) "
    rf"pregnant)(?!\w)", re.I)


# ... but only a current test in a picture that nothing else ties to a pregnancy sets those
# entries aside (review 1, item 1): NICE NG126 / NICE CKS Ectopic pregnancy: a test done too
# early can be falsely negative (repeat it; hCG takes ~3 weeks from conception to show), so
# a test dated in the past ("last week", "6 weeks ago", "on Monday") is not a result for today,
# and a repeat or serum test (positive, or pending), a missed or late period, amenorrhoea, a
# stated LMP or weeks "gone", or IVF keep the pregnancy possible.
_TEST_DATED_PAST = re.compile(
    r"\b(?:last (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:\d+|a|one|two|three|four|five|six|a few|few|several|a couple of) (?:days?|weeks?|months?)"
    r" (?:ago|before|earlier)|yesterday|on (?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|day \d+)|earlier (?:this|in the) (?:week|month))\b", re.I)
_STILL_POSSIBLE_PREGNANCY = re.compile(
    r"\b(?:missed (?:\w+ )?(?:last )?periods?|(?:no|not had a|hasn'?t had a|haven'?t had a) "
    r"(?:\w+ )?period|period (?:is |was )?(?:\w+ )?(?:late|overdue)|late period|amenorrh\w*|"
    r"(?:\blmp\b|last (?:menstrual )?period) (?:was )?(?:\w+ ){0,2}(?:[5-9]|[1-3]\\d|five|six|seven|eight|nine|ten|eleven|twelve) weeks|"
    r"(?:[5-9]|[1-3]\\d|five|six|seven|eight|nine|ten|eleven|twelve) weeks since (?:my |her |the )?(?:last )?period|weeks? gone|by (?:my|her) dates|"
    r"(?:h?cg|pregnancy test|test)[^.;]{0,30}\b(?:pending|awaited|to follow|sent)\b|"
    r"(?:repeat|another|second|today'?s|new) (?:\w+ )?(?:test|h?cg)[^.;]{0,40}\bpositive|"
    r"positive[^.;]{0,20}\b(?:today|now|this time)|faint line|"
    r"serum h?cg (?:is |was |of |level )*\d|ivf|embryo transfer)", re.I)
# ... and never with the features of a ruptured ectopic or other intra-abdominal bleeding
# (NHS Ectopic pregnancy: call 999 for sudden intense tummy pain, feeling very dizzy or
# fainting, looking pale; shoulder tip pain): those keep the emergency entry whatever the test.
_HAEMODYNAMIC_DANGER = re.compile(
    r"\b(?:shoulder[- ]tip|tip of (?:my |her |the )?shoulder|dizz\w*|faint\w*|light-?headed|"
    r"collaps\w*|passed out|blacked out|pale and (?:sweaty|clammy)|clammy|"
    r"(?:severe|really bad|very bad|intense|excruciating|agonising|agonizing) (?:\w+ ){0,3}pain)",
    re.I)
_BLEEDING = re.compile(r"\b(?:(?:vaginal |pv )?bleed\w*|spotting)\b", re.I)
_PAIN = re.compile(r"\b(?:pain\w*|ache\w*|cramp\w*|hurts?)\b", re.I)


def _current_negative_test(text: str) -> bool:
    """A negative-test mention whose own sentence does not date it in the past."""
    for m in NEGATIVE_PREGNANCY_TEST.finditer(text):
        if is_negated(text, m.start(), m.end()):
            continue
        lo = max(text.rfind(c, 0, m.start()) for c in ".;\n") + 1
        his = [i for i in (text.find(c, m.end()) for c in ".;\n") if i >= 0]
        if not _TEST_DATED_PAST.search(text[lo:min(his) if his else len(text)]):
            return True
    return False


def negative_pregnancy_test(text: str) -> bool:
    """Whether ``text`` documents a current negative pregnancy test that rules a pregnancy out:
    no positive or pending test, stated pregnancy, missed period or LMP, and no danger feature
    (shoulder-tip pain, dizziness or collapse, severe pain, bleeding with pain)."""
    if not _current_negative_test(text) or find_affirmed(_POSITIVE_PREGNANCY, text) is not None:
        return False
    if find_affirmed(_STILL_POSSIBLE_PREGNANCY, text) is not None:
        return False
    if find_affirmed(_HAEMODYNAMIC_DANGER, text) is not None:
        return False
    return not (find_affirmed(_BLEEDING, text) is not None
                and find_affirmed(_PAIN, text) is not None)


@dataclass(frozen=True)
class Group:
    """Alternatives for one finding: any regex affirmed, or any vital test true."""

    pattern: re.Pattern[str] | None
    vitals: tuple[VitalTest, ...] = ()

    def find(self, p: Presentation, used: frozenset[str] = frozenset(),
             current: bool = False, guard_name: str = "",
             negated: Callable[[str, int, int], bool] | None = None,
             skip_normal: bool = False, strict_normal: bool = False) -> str | None:
        """The evidence for this finding in ``p`` (matched text or the vital), else None.

        ``used``: evidence (lower case) already counted for another finding of the same
        entry; it is skipped, so that one phrase never stands for two findings. ``current``:
        a mention in a sentence about the past does not count (``clause_past``);
        ``guard_name`` names that rule for the guard audit (``red_flags.guard``);
        ``negated``: the negation test (default :func:`is_negated`); ``skip_normal``: a
        mention stated as normal (:func:`stated_normal`) does not count; ``strict_normal``:
        only by its own normal statement (``stated_normal(strict=True)``, a ``not`` list).
        """
        negated = negated or is_negated
        if self.pattern is not None:
            for m in self.pattern.finditer(p.text):
                if (m.group(0).lower() not in used
                        and not negated(p.text, m.start(), m.end())
                        and not (skip_normal and stated_normal(p.text, m.start(), m.end(),
                                                               strict=strict_normal)
                                 and guard("kb:stated_normal", True))
                        and not (current and clause_past(p.text, m.start(), m.end())
                                 and (not guard_name or guard(guard_name, True)))):
                    return m.group(0)
        for v in self.vitals:
            if v.holds(p):
                ev = f"{v.name} {getattr(p.vitals, v.name):g}"
                if ev.lower() not in used:
                    return ev
        return None


@dataclass(frozen=True)
class Condition:
    """One knowledge-base entry (see the module docstring for the matching rule)."""

    id: str
    condition: str
    disposition: Disposition
    why: str
    source: str
    all: tuple[Group, ...]
    any: tuple[Group, ...] = ()
    min_any: int = 1
    not_: Group | None = None
    age: tuple[float | None, float | None] = (None, None)
    age_required: bool = False
    sex: str | None = None
    sex_required: bool = False  # the sex must be stated (a pathway for women only)
    example: str = ""
    near_miss: str = ""
    named: bool = False  # a named minor condition (see the module docstring)
    # the first finding must be current, not named in the past history (``current: true``)
    current: bool = False
    explains: Group | None = None  # safety-net features this condition itself explains
    # the entry rests on a pregnancy (its first ``all`` group is ``@pregnant``): a documented
    # negative pregnancy test rules it out (see ``negative_pregnancy_test``)
    pregnancy: bool = False
    # routine entries this self-care entry is a milder, NHS-defined case of: when it fits and
    # its safety net holds, it is chosen over them (``setting.front_door``)
    refines: tuple[str, ...] = ()
    # the ED acuity floor (1-5) when it differs from the disposition's default
    # (``setting.ED_FLOOR_ACUITY``): an entry that needs the emergency department as the place
    # of care (a reduction, a cast under sedation) but is ESI level 3 there, not a high-risk
    # situation (ESI Implementation Handbook v4, decision points B and C)
    ed_acuity: int | None = None
    # the self-care window in days of an acute self-limiting illness (``window.beyond_window``:
    # past it, or never settling, the net sends the case to a GP; self-care entries only)
    window_days: int | None = None

    @property
    def acuity(self) -> int:
        return DISPOSITION_ACUITY[self.disposition]

    def match(self, p: Presentation, ignore_not: bool = False,
              ignore_age: bool = False) -> list[str] | None:
        """The evidence (one string per finding) when this entry fires on ``p``, else None.

        ``ignore_not``: whether it would fire but for its ``not`` list (``vetoed_self_care``);
        ``ignore_age``: ... and but for its age range (a stated age is then not checked)."""
        lo, hi = self.age
        if p.age is None:
            if self.age_required and not ignore_age:
                return None
        elif ignore_age:
            pass
        elif (lo is not None and p.age < lo) or (hi is not None and p.age >= hi):
            return None
        if self.sex is not None and p.sex is not None and p.sex != self.sex:
            return None
        if self.sex_required and p.sex is None:
            return None
        if self.pregnancy and guard(f"kb:negative_pregnancy_test:{self.id}",
                                    negative_pregnancy_test(p.text)):
            return None
        # One phrase is one finding: "crepitus" may not satisfy two groups at once.
        evidence: list[str] = []
        # (layfix12) a pregnancy entry's findings are read with the non-genital bleeds ("my
        # gums are bleeding", "nosebleed") set aside: the red flag's one definition
        # (``red_flags.NON_GENITAL_BLEED``); its ``not`` list still reads the text as written
        q = p
        if self.pregnancy and (masked := mask_non_genital_bleeds(p.text)) is not p.text:
            q = dataclasses.replace(p, text=masked)
        # the findings that fire an emergency or urgent entry: a negation does not cross a
        # comma that starts a new statement (over-reading it would lower the level)
        fire_neg = danger_negated if self.disposition in ("emergency", "urgent") else None
        # a routine or self-care finding stated as normal is no finding (``stated_normal``);
        # emergency and urgent entries read every mention, as before
        normal = self.disposition in ("routine", "self_care")
        for i, g in enumerate(self.all):
            # a self-care pattern's presenting finding must be current (see clause_past)
            ev = g.find(q, frozenset(e.lower() for e in evidence),
                        current=i == 0 and (self.disposition == "self_care" or self.current),
                        guard_name="" if self.disposition == "self_care" else f"kb:current:{self.id}",
                        negated=fire_neg, skip_normal=normal)
            if ev is None:
                return None
            evidence.append(ev)
        if self.any:
            found = 0
            for g in self.any:
                ev = g.find(q, frozenset(e.lower() for e in evidence), negated=fire_neg,
                            skip_normal=normal)
                if ev is not None:
                    evidence.append(ev)
                    found += 1
            if found < self.min_any:
                return None
        # a self-care entry's ``not`` list is a safety net: read with the blocker negation
        neg = not_list_negated(p, names_sugar(self.not_.pattern if self.not_ else None)
                               ) if self.disposition == "self_care" else None
        if self.disposition in ("emergency", "urgent"):
            # (tristop) a ``not`` phrase of an emergency or urgent entry holds only within one
            # sentence: one that runs across a full stop the writer left out ("... shortness
            # of breath He has had heart failure for 5 years": the course is the heart
            # failure's, not the breathlessness's) does not rule the entry out, as it does not
            # when the full stop is typed (the patterns' words never cross a "."); vetoing
            # less can only keep the entry (:data:`_MISSING_STOP`)
            neg = _not_in_one_sentence
        # ... and a feature the text states as normal ("pupils are equal and reactive", "vision
        # is normal") is not present: self-care entries only (``stated_normal``)
        if not ignore_not and self.not_ is not None and (nm := self.not_.find(
                p, negated=neg, skip_normal=self.disposition == "self_care",
                strict_normal=True)) is not None and (
                self.disposition not in ("emergency", "urgent")
                or guard(f"kb:not:{self.id}", not acute_on_chronic(p.text, nm))):
            return None
        if self.named:
            # read on the matcher's negation view, as the entry's findings are (a reply "No"
            # before the request negates nothing: ``_ANSWER_NO_REQUEST``)
            q = find_affirmed(SELF_CARE_QUESTION, p.text, view=negation_view(p.text))
            if q is not None:
                evidence.append(q.group(0))
            elif len(p.text.split()) > NAMED_MAX_WORDS:
                return None
        return evidence


@dataclass(frozen=True)
class Match:
    entry: Condition
    evidence: list[str] = field(default_factory=list)

    def reason(self) -> str:
        """"sudden painless loss of vision in one eye ("...") -> possible X -> emergency"."""
        quoted = "; ".join(f'"{e}"' for e in dict.fromkeys(self.evidence))
        return (f"Condition pattern: {self.entry.why} ({quoted}) -> possible "
                f"{self.entry.condition} -> {self.entry.disposition.replace('_', '-')} "
                f"[{self.entry.id}; source: {self.entry.source}]")


def _expand(alts: list[Any], lexicon: dict[str, list[str]], where: str,
            depth: int = 0) -> list[str]:
    """Alternatives with ``@name`` lexicon references replaced by their alternatives."""
    out: list[str] = []
    for alt in (str(a) for a in alts):
        if alt.startswith("@"):
            if alt[1:] not in lexicon or depth > 3:
                raise ConfigError(f"{where}: unknown (or too deeply nested) lexicon entry {alt!r}")
            out.extend(_expand(lexicon[alt[1:]], lexicon, where, depth + 1))
        else:
            out.append(alt)
    return out


# An entry spells a negative finding with "not" ("not oriented", "not urinated", "does not
# fit"); the same finding in a contraction ("isn't oriented", "hasn't urinated", "doesn't fit")
# went unread, and delirium and urinary retention lost their emergency (issue 21, metamorphic
# test: contractions). Each literal "not" (with its auxiliary, when one precedes it) also
# reads the "n't" form; an alternative the rewrite cannot compile (a fixed-width lookbehind
# such as "(?<!not been )") is kept as written.
_NOT_WORD = re.compile(r"(?<![\w\\])(?:(do|does|did|is|are|was|were|has|have|had|could|would|"
                       r"should|need) )?not(?=[ )|]|\\b|$)")


def _contracted_not(alt: str) -> str:
    """``alt`` with every literal "not" also matching its "n't" contraction."""
    def repl(m: re.Match[str]) -> str:
        aux = m.group(1)
        return f"(?:{aux} not|{aux}n't)" if aux else "(?:not|\\w+n't)"

    new = _NOT_WORD.sub(repl, alt)
    try:
        re.compile(new)
    except re.error:
        return alt
    return new


def _compile(alts: list[Any], lexicon: dict[str, list[str]], where: str) -> Group:
    regexes: list[str] = []
    vitals: list[VitalTest] = []
    for alt in _expand(alts, lexicon, where):
        if alt.startswith("vital:"):
            m = _VITAL.match(alt.replace(" ", ""))
            if not m:
                raise ConfigError(f"{where}: bad vital test {alt!r} (e.g. vital:heart_rate>=120)")
            vitals.append(VitalTest(m.group(1), m.group(2), float(m.group(3))))
        else:
            regexes.append(_contracted_not(alt))
    pattern = None
    if regexes:
        try:
            # A word boundary at both ends: "bee" must not match "been", nor "ear" "early";
            # a pattern that means a stem says so with \w* ("vomit\w*").
            pattern = re.compile(r"\b(?:" + "|".join(f"(?:{r})" for r in regexes) + r")(?!\w)",
                                 re.I)
        except re.error as exc:
            raise ConfigError(f"{where}: bad regular expression ({exc})") from exc
    return Group(pattern, tuple(vitals))


def _groups(raw: Any, lexicon: dict[str, list[str]], where: str) -> tuple[Group, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(g, list) and g for g in raw):
        raise ConfigError(f"{where}: must be a list of non-empty lists of alternatives")
    return tuple(_compile(g, lexicon, f"{where}[{i}]") for i, g in enumerate(raw))


# A person asking what to do or take for a condition (a self-care question), for named entries.
SELF_CARE_QUESTION = re.compile(
    r"\b(?:over[- ]the[- ]counter|otc|what (?:can|should|could|do) (?:i|we|you) (?:take|use|do|"
    r"give|buy|put|recommend)|what (?:to|should i) (?:use|take|do|buy)|how (?:do|can|should) "
    r"(?:i|we) (?:treat|get rid of|manage|help|ease|soothe|relieve|cure)|how to (?:treat|get rid "
    r"of|manage|ease|soothe|relieve|cure)|(?:best|good|right) (?:treatment|remed\w*|cream|"
    r"medicine|medication|tablets?|brand|antibiotics?)|home (?:remed\w*|treatment)|remed(?:y|ies)|"
    r"pharmac(?:y|ist)|chemist|(?:cream|ointment|spray|drops|tablets?|medicine|treatment) for|"
    r"anything (?:i|we) can (?:take|use|do)|do i need to see|should i see)(?!\w)", re.I)
NAMED_MAX_WORDS = 12
NAMED_MIN_AGE = 0.25  # years: a named condition is never self-care under 3 months (NICE NG143)

REQUIRED = ("id", "condition", "disposition", "why", "source", "all", "example", "near_miss")


def parse_entry(raw: dict[str, Any], lexicon: dict[str, list[str]]) -> Condition:
    """One YAML entry -> Condition; ConfigError naming the entry when it is malformed."""
    where = f"condition {raw.get('id', '?')!r}"
    missing = [k for k in REQUIRED if not raw.get(k)]
    if missing:
        raise ConfigError(f"{where}: missing {', '.join(missing)}")
    if raw["disposition"] not in DISPOSITIONS:
        raise ConfigError(f"{where}: disposition must be one of {', '.join(DISPOSITIONS)}")
    all_ = _groups(raw["all"], lexicon, f"{where}.all")
    any_ = _groups(raw.get("any"), lexicon, f"{where}.any")
    min_any = int(raw.get("min_any", 1 if any_ else 0))
    if min_any > len(any_):
        raise ConfigError(f"{where}: min_any {min_any} exceeds its {len(any_)} any-groups")
    named = bool(raw.get("named", False))
    if named and (raw["disposition"] != "self_care" or len(all_) != 1 or any_):
        raise ConfigError(f"{where}: a named entry is self-care with exactly one `all` group "
                          "(the condition's names)")
    # Patterns combine findings: never a single phrase alone (except a named minor condition).
    if len(all_) + min_any < 2 and not named:
        raise ConfigError(f"{where}: needs at least two findings (all + min_any >= 2)")
    not_ = _compile(raw["not"], lexicon, f"{where}.not") if raw.get("not") else None
    explains = _explains(raw, lexicon, where)
    age = raw.get("age") or [None, None]
    sex = raw.get("sex")
    if sex not in (None, "F", "M"):
        raise ConfigError(f"{where}: sex must be F or M")
    refines = tuple(str(r) for r in raw.get("refines") or ())
    if refines and raw["disposition"] != "self_care":
        raise ConfigError(f"{where}: `refines` is for self-care entries only")
    ed_acuity = raw.get("ed_acuity")
    # an emergency entry is at most ED level 3 (it still needs the ED), an urgent one at
    # most 4 (never non-urgent); ``type is int``, as a YAML ``true`` is a bool, an int subclass
    ed_max = {"emergency": 3, "urgent": 4}.get(raw["disposition"])
    if ed_acuity is not None and (ed_max is None or type(ed_acuity) is not int
                                  or not 1 <= ed_acuity <= ed_max):
        raise ConfigError(f"{where}: `ed_acuity` is an ED level for emergency (1-3) or urgent "
                          "(1-4) entries only")
    window = raw.get("window_days")
    if window is not None and (raw["disposition"] != "self_care" or type(window) is not int
                               or window < 1):
        raise ConfigError(f"{where}: `window_days` is a number of days for self-care entries only")
    return Condition(
        id=str(raw["id"]), condition=str(raw["condition"]), disposition=raw["disposition"],
        why=str(raw["why"]), source=str(raw["source"]), all=all_, any=any_, min_any=min_any,
        not_=not_, age=(age[0], age[1]), age_required=bool(raw.get("age_required", False)),
        sex=sex, sex_required=bool(raw.get("sex_required", False)), example=str(raw["example"]),
        near_miss=str(raw["near_miss"]), named=named,
        current=bool(raw.get("current", False)), explains=explains,
        pregnancy="@pregnant" in (str(a) for a in raw["all"][0]), refines=refines,
        ed_acuity=ed_acuity, window_days=window)


def kb_files(path: Path = KB_DIR) -> list[Path]:
    """The YAML files of the knowledge base: ``path`` itself, or its ``*.yaml`` in name order."""
    path = Path(path)
    return sorted(path.glob("*.yaml")) if path.is_dir() else [path]


@functools.lru_cache(maxsize=4)
def load_conditions(path: Path = KB_DIR) -> tuple[Condition, ...]:
    """Every entry of the knowledge base (cached per path); ids must be unique across files.

    ``path`` is one YAML file or a folder of them. Each file may hold a ``lexicon`` (shared
    alternatives, referred to as ``@name``) and ``conditions``; the lexicons of all files are
    merged first, so an entry may use a name defined in another file (a name defined twice is
    an error: one meaning per name).
    """
    docs: list[tuple[Path, dict[str, Any]]] = []
    for f in kb_files(path):
        try:
            doc = yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read the triage knowledge base {f}: {exc}") from exc
        if not isinstance(doc, dict):
            raise ConfigError(f"{f}: expected a mapping with `lexicon` and/or `conditions`")
        docs.append((f, doc))
    if not docs:
        raise ConfigError(f"no triage knowledge-base files in {path}")
    lexicon: dict[str, list[str]] = {}
    for f, doc in docs:
        for k, v in (doc.get("lexicon") or {}).items():
            if k in lexicon:
                raise ConfigError(f"{f}: lexicon entry {k!r} is defined twice")
            lexicon[k] = [str(x) for x in v]
    entries: list[Condition] = []
    seen: set[str] = set()
    for f, doc in docs:
        for raw in doc.get("conditions") or []:
            e = parse_entry(raw, lexicon)
            if e.id in seen:
                raise ConfigError(f"duplicate condition id {e.id!r} in {f}")
            seen.add(e.id)
            entries.append(e)
    # A self-care entry may refine only a routine one: an emergency or urgent pattern is never
    # set aside by a milder one.
    by_id = {e.id: e for e in entries}
    for e in entries:
        for r in e.refines:
            if r not in by_id or by_id[r].disposition != "routine":
                raise ConfigError(f"condition {e.id!r}: refines {r!r}, which is not a routine "
                                  "entry of the knowledge base")
    return tuple(entries)


def vetoed_self_care(p: Presentation, entries: tuple[Condition, ...] | None = None
                     ) -> Condition | None:
    """A self-care entry whose findings fit ``p`` but whose ``not`` list (its NHS "see a GP
    if" features) ruled it out, else None. Such a case is not a minor illness for the general
    rule either (review 4: constipation "and I'm being sick", a red eye with a forehead rash,
    fell through to the general minor-illness rule once their own entry had said no)."""
    entries = load_conditions() if entries is None else entries
    for e in entries:
        if e.disposition != "self_care":
            continue
        # an entry whose age range is its NHS page's "see a GP if under 16 or over 60"
        # (``age_required``: thrush, Pharmacy First cystitis) vetoes the general rule for a
        # stated age outside it (safety review 2: thrush at 15 or 65 reached self-care there)
        if (e.age_required and p.age is not None and e.match(p, ignore_not=True) is None
                and e.match(p, ignore_not=True, ignore_age=True) is not None):
            return e
        if (e.not_ is None or e.not_.pattern is None
                or e.match(p, ignore_not=True) is None):
            continue
        # a measurement is not a feature ("blood pressure 122/78" is not blood seen); for the
        # cough entries a fever alone is not a veto either: there it says "another condition"
        # (a cough with fever is flu, not acute bronchitis: NHS Flu), which the general rule
        # grades. Elsewhere a fever stays a veto (review 7: earache, period pain, constipation
        # or a headache with "a fever of 40" reached self-care through the general rule).
        fever_differential = e.id in _FEVER_MEANS_FLU
        if any(not blocker_negated(p.text, m.start(), m.end())
               and not _MEASUREMENT.match(p.text, m.start())
               and not (fever_differential and _LAY_FEVER.fullmatch(m.group(0)))
               for m in e.not_.pattern.finditer(p.text)):
            return e
    return None


_FEVER_MEANS_FLU = frozenset({"acute_bronchitis"})


_MEASUREMENT = re.compile(r"blood\s*(?:pressures?|sugars?|glucose|tests?|counts?|results?|levels?)\b",
                          re.I)


def match_conditions(p: Presentation, entries: tuple[Condition, ...] | None = None) -> list[Match]:
    """Entries that fire on ``p``, most urgent first (file order within a disposition)."""
    entries = load_conditions() if entries is None else entries
    hits = [Match(e, ev) for e in entries if (ev := e.match(p)) is not None]
    return sorted(hits, key=lambda m: m.entry.acuity)


# ---- the self-care safety net ----
_SELF_CARE_RISK = re.compile(
    r"\b(?:(?<!become )(?<!get )(?<!getting )(?<!becoming )pregnan\w*\b(?!\s+tests?)|\d+\s*weeks?'?\s*(?:pregnant|gestation)|chemo\w*|immunosuppress\w*|"
    r"immunocompromis\w*|transplant\w*|\bhiv\b|aids\b|neutropeni\w*|on steroids|"
    r"sickle cell|splenectomy|dialysis|"
    # drugs that can stop the bone marrow making neutrophils: a fever or sore throat on them
    # needs an urgent blood count (MHRA/BNF: carbimazole, clozapine, methotrexate, DMARDs)
    r"carbimazole|methimazole|thiamazole|propylthiouracil|clozapine|methotrexate|"
    r"azathioprine|mycophenolate|cyclophosphamide|leflunomide|sulfasalazine|"
    # a long-term heart, lung or kidney condition (NHS Flu / Cough: "see a GP if you have a
    # long-term medical condition, for example a heart, lung or kidney condition")
    r"heart (?:surgery|operation|condition|disease|defect|failure)|congenital heart|"
    r"cystic fibrosis|copd|chronic (?:kidney|lung|heart) disease|"
    # a pregnancy stated by its weeks alone ("I'm 20 weeks", "8 weeks gone") or as expecting
    # (review 1: NHS pages ask "are you pregnant?"; medicines and red flags differ)
    r"(?:i'?m|i am|she'?s|she is|currently|now) (?:about |nearly |almost )?\d+ weeks\b(?!\s*(?:old|ago|pregnant|gestation|of pregnancy))|"
    r"\d+ weeks gone|expecting (?:a baby|my first|our first|twins)|"
    # ... and in other plain words (review 4): "I'm expecting", "8 months gone", a birth in the
    # last weeks (NICE CKS Headache / NICE NG133: pregnancy and the postpartum weeks are red
    # flags; NHS England Pharmacy First: not for pregnant women)
    r"(?:i'?m|i am|she'?s|she is) (?:\w+ )?expecting(?! (?:it|this|"
    r"that|them|him|her|to|the|a (?:call|parcel|delivery|letter|result|reply)))\b|"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine) months? (?:gone|pregnant)|"
    r"(?:just |recently )?(?:had|gave birth to|delivered) (?:a|the|my|her|our) (?:baby|son|daughter|"
    r"little \w+)(?: (?:boy|girl))? (?:(?:about |only |just )?(?:\d+|a|one|two|three|four|five|six|"
    r"a few|few|a couple of) (?:days?|weeks?) ago|last (?:week|month)|this week|yesterday|"
    r"recently)|(?:just|recently) (?:had (?:a|the|my|her|our) baby|gave birth)|(?:gave|given) birth "
    r"(?:\w+ ){0,2}(?:days?|weeks?) ago|post-?partum|post-?natal|"
    # anticoagulants, lay and drug names (NICE CG176 head injury: CT within 8 hours on
    # anticoagulants; NHS pages: see a GP / get advice for bleeding or a headache on them)
    r"blood[- ]thinn\w*|anticoagula\w*|warfarin|apixaban|eliquis|rivaroxaban|xarelto|edoxaban|"
    r"dabigatran|pradaxa|heparin|enoxaparin|clexane|dalteparin|tinzaparin|"
    # oral corticosteroids by name (NHS Steroid tablets: weaken the immune system; tendon
    # rupture with a fluoroquinolone, MHRA 2019)
    r"prednisolone|prednisone|dexamethasone|methylprednisolone|hydrocortisone tablets|"
    r"steroid tablets|"
    # fluoroquinolones by name and abbreviation (MHRA Drug Safety Update March 2019: tendon
    # pain or inflammation on one -> stop it and seek medical advice)
    r"cipro\b|ciprofloxacin|levofloxacin|ofloxacin|moxifloxacin|norfloxacin|\w+floxacin|"
    r"(?:fluoro)?quinolones?)", re.I)
# Features that a self-limiting condition does not explain: the patient needs a clinician even
# when a self-care pattern fits the main complaint (NHS condition pages: "see a GP if ...").
_SELF_CARE_SYSTEMIC = re.compile(
    r"\b(?:weight loss|lost (?:\d+ )?(?:kg|pounds|lb|weight)|night sweats|jaundice\w*|"
    # unintended weight loss in lay words (NHS: see a GP for weight loss without trying; NICE
    # NG12): "lost a stone without trying", "dropped two dress sizes"
    r"(?:lost|dropped|losing|gone down) (?:about |nearly |over |almost )?(?:a|half a|one|two|three|"
    r"four|\d+(?:\.\d+)?) ?(?:stones?|st|kgs?|kilos?|pounds|lbs?|(?:dress |clothes |jeans )?sizes?)|"
    r"(?:without|not) (?:even )?trying|losing weight|weight (?:has |is |keeps )?(?:dropp\w*|fall\w*|"
    r"dropping off)|clothes (?:are |have been )?(?:\w+ )?(?:hanging|loose)|"
    r"joint (?:pain|swelling)|arthralgia\w*|swollen joints?|fatigue\w*|letharg\w*|"
    r"weight gain|lymphadenopath\w*|swollen (?:lymph nodes|glands)|blood in (?:the )?(?:stool|urine)|"
    r"haematuria|hematuria|murmur|hepatomegaly|splenomegaly|anaemi\w*|anemi\w*|pallor|"
    r"pitting|(?:peripheral|pedal|leg|ankle|periorbital|facial|generali[sz]ed) o?edema|"
    r"o?edema of (?:the )?(?:legs|ankles|feet|face|eyelids|extremities)|facial swelling|"
    r"periorbital swelling|puffy (?:eyes|face))(?!\w)", re.I)
# Anaemia stated as a known diagnosis ("He has iron deficiency anemia", "known anaemia") is a
# comorbidity from the history, not a new feature: only a new or unexplained one blocks
# self-care (pallor, fatigue and the other symptoms always do).
_KNOWN_DIAGNOSIS = re.compile(r"\b(?:has|had|known|history of|diagnosed with|iron[- ]deficiency|"
                              r"chronic|treated for)\s+(?:\w+\s+){0,2}$", re.I)
_ANAEMIA = re.compile(r"an(?:a)?emi", re.I)
# An incidental soft systolic murmur in an otherwise well person is an examination finding,
# not a reason to see a GP for the matched condition (NHS condition pages do not list it): the
# ACC/AHA valvular heart disease guideline (Bonow et al. 2006, class III) advises no
# echocardiogram for an asymptomatic grade 2 or softer midsystolic murmur judged innocent or
# functional. A murmur still blocks when it is louder (3/6 or more), diastolic, pansystolic or
# holosystolic, harsh, new, with a thrill, or when the person has fever or a cardiac symptom
# (endocarditis, structural heart disease: NHS Endocarditis; ESC 2023 endocarditis guideline).
_MURMUR = re.compile(r"murmur", re.I)
_SOFT_MURMUR = re.compile(r"\b(?:(?:grade\s*)?(?:[12]|i{1,2})\s*/\s*(?:6|vi)|soft|innocent|"
                         r"functional|flow|physiologic\w*|benign|still'?s)(?!\w)", re.I)
_LOUD_MURMUR = re.compile(r"\b(?:(?:[3-6]|iii|iv|vi?)\s*/\s*(?:6|vi)|grade (?:[3-6]|iii|iv|vi?)\b|"
                          r"diastolic|pan-?systolic|holo-?systolic|harsh|loud\w*|new|thrill|"
                          r"continuous|machinery|rub|gallop)(?!\w)", re.I)
_CARDIAC_OR_FEVER = re.compile(r"\b(?:(?<!hay )fever\w*|febrile|pyrexi\w*|rigors?|chest pain|"
                               r"syncop\w*|faint\w*|passed out|palpitation\w*|breathless\w*|"
                               r"short(?:ness)? of breath|dyspn\w*|exertional)(?!\w)", re.I)


# Weight gain stated as normal is a reassurance (growth), not a feature: "appropriate weight gain", "his
# weight gain has been normal" in a baby who brings up milk (NHS Reflux in babies: see a GP if
# the baby is not gaining weight). "poor", "excessive" or "rapid" weight gain still blocks.
_NORMAL_BEFORE = re.compile(r"\b(?:normal|appropriate|adequate|good|expected|steady|healthy|"
                            r"age[- ]appropriate|satisfactory)\s+(?:(?:interval|overall|ongoing)\s+)?$", re.I)
_NORMAL_AFTER = re.compile(r"^\s+(?:has been|have been|is|was|are|were|remains?)\s+"
                           r"(?:\w+\s+)?(?:normal|appropriate|adequate|good|as expected|steady|"
                           r"satisfactory|on track)\b", re.I)


def _stated_normal(text: str, m: re.Match[str]) -> bool:
    """``m`` is weight gain the text states as normal ("appropriate weight gain"): growth,
    the one feature of the list that is normal in itself."""
    if not m.group(0).lower().startswith("weight gain"):
        return False
    before = text[max(0, m.start() - 40):m.start()]
    if re.search(r"\b(?:poor|excessive|rapid|abnormal|inadequate|unexplained|significant)\s+"
                 r"(?:\w+\s+)?$", before, re.I):
        return False
    return bool(_NORMAL_BEFORE.search(before) or _NORMAL_AFTER.match(text[m.end():m.end() + 60]))


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (split at . ; or a line break) around ``text[start:end]``."""
    lo = max(text.rfind(c, 0, start) for c in ".;\n") + 1
    his = [i for i in (text.find(c, end) for c in ".;\n") if i >= 0]
    return text[lo:min(his) if his else len(text)]


def _innocent_murmur(p: Presentation, m: re.Match[str]) -> bool:
    """``m`` is a murmur described as soft (grade 1-2/6, soft, innocent, functional or flow)
    and not loud, diastolic or new, in a person without fever or a cardiac symptom."""
    if not _MURMUR.fullmatch(m.group(0)):
        return False
    s = _sentence(p.text, m.start(), m.end())
    if not _SOFT_MURMUR.search(s) or _LOUD_MURMUR.search(s):
        return False
    if p.vitals.temperature is not None and p.vitals.temperature >= 38.0:
        return False
    return blocker_affirmed(_CARDIAC_OR_FEVER, p.text) is None


def _explains(raw: dict[str, Any], lexicon: dict[str, list[str]], where: str) -> Group | None:
    """An entry's ``explains`` list: safety-net features (risk factor or systemic feature) that
    the condition itself is defined by or causes, from its own NHS page's symptom list (pregnancy
    and tiredness for morning sickness: NHS Signs and symptoms of pregnancy). Self-care entries
    only; phrases only (never a vital sign: vital-sign limits are never explained away)."""
    if not raw.get("explains"):
        return None
    if raw["disposition"] != "self_care":
        raise ConfigError(f"{where}: `explains` is for self-care entries only")
    g = _compile(raw["explains"], lexicon, f"{where}.explains")
    if g.vitals or g.pattern is None:
        raise ConfigError(f"{where}: `explains` takes phrases, not vital signs")
    return g


def _explained(entry: Condition, text: str, m: re.Match[str]) -> bool:
    """``m`` overlaps a phrase that ``entry`` declares it explains."""
    if entry.explains is None or entry.explains.pattern is None:
        return False
    lo, hi = max(0, m.start() - 60), min(len(text), m.end() + 60)
    return any(e.start() < m.end() and m.start() < e.end()
               for e in entry.explains.pattern.finditer(text, lo, hi))


# A risk factor that is not this person's now. NHS condition pages ask "are you pregnant?",
# "do you have a weakened immune system (chemotherapy, ...)": the current state of the person.
# An exam note's obstetric history ("two uncomplicated pregnancies", "her last pregnancy"),
# contraception or plans ("uses condoms to prevent pregnancy", "planning a pregnancy"), a
# relative's illness ("her mother had a kidney transplant"), a negative test, sickle cell trait
# and chemotherapy finished years ago are not (NHS Green Book ch. 6: immunosuppression from
# chemotherapy lasts until about 6 months after it ends). A current pregnancy, an
# immunosuppressant and every permanent risk (HIV, transplant, sickle cell disease,
# splenectomy, dialysis) still block.
_PAST_PREGNANCY_BEFORE = re.compile(
    r"\b(?:last|previous|prior|earlier|past|former|uncomplicated|"
    r"(?:\d+|two|three|four|five|six) (?:\w+ )?|prevent(?:ing|s)?|avoid(?:ing|s)?|"
    r"contracept\w*|against|planning|plans? (?:for )?|trying|desires?|wants?|hop(?:es|ing)|"
    r"considering|future)\s+(?:(?:a|her|another|any|further|\w+ing)\s+)?$", re.I)
_PAST_PREGNANCY_AFTER = re.compile(r"^\s+(?:\w+\s+){0,3}(?:ended|resulted|years? ago|"
                                   r"(?:was|were) (?:uncomplicated|normal))\b", re.I)
_RELATIVE = re.compile(r"\b(?:mother|father|sister|brother|son|daughter|parents?|grandmother|"
                       r"grandfather|grandparents?|aunt|uncle|cousin|siblings?|husband|wife|"
                       r"partner|boyfriend|girlfriend|roommate|family history|relatives?)\b",
                       re.I)
_NEW_SUBJECT = re.compile(r"\b(?:she|he|the patient|patient|they|i|my|and|but|who|while)\b|,", re.I)
# a negative test ("HIV antibody test is negative", "HIV-negative") and the carrier state of
# sickle cell (NHS Sickle cell disease: a carrier, sickle cell trait, does not have the disease)
_NEGATIVE_RESULT = re.compile(r"^(?:-negative|\s+(?:(?!and\b|but\b|while\b|whose\b)\w+\s+){0,3}?(?:is|was|were|are|came back|"
                              r"returned)\s+(?:\w+\s+)?(?:negative|non-?reactive))\b", re.I)
_BIRTH_BEFORE = re.compile(r"\b(?:born|delivered|birth)\b(?:\s+\w+){0,4}\s+(?:at|after|of)\s+$",
                           re.I)
_TRAIT = re.compile(r"^\s+(?:trait|carrier)\b", re.I)
_YEARS_AGO = re.compile(r"\b(?:(?:\d+|two|three|four|five|six|several|many) years? ago|"
                        r"in remission)\b", re.I)


def _not_current_risk(text: str, m: re.Match[str]) -> bool:
    """The risk factor ``m`` belongs to the obstetric history, a plan, a relative, a negative
    test, a carrier state or a course of chemotherapy finished years ago, not to the person's
    present state."""
    s_lo = max(text.rfind(c, 0, m.start()) for c in ".;\n") + 1
    before = text[s_lo:m.start()]
    word = m.group(0).lower()
    # "He was delivered at 38 weeks' gestation", "born at 36 weeks gestation": the child's own
    # birth history, not a pregnancy now (issue 21 falsefire6, a toddler's bow legs).
    if word[0].isdigit() and _BIRTH_BEFORE.search(before):
        return True
    if word.startswith("pregnan") and not word[0].isdigit():
        if word.startswith("pregnancies") or _PAST_PREGNANCY_BEFORE.search(before):
            return True
        if word.startswith("pregnancy") and _PAST_PREGNANCY_AFTER.match(text[m.end():]):
            return True
    after = text[m.end():m.end() + 60]
    if _NEGATIVE_RESULT.match(after) or (word.startswith("sickle") and _TRAIT.match(after)):
        return True
    rel = list(_RELATIVE.finditer(before))
    if rel and not _NEW_SUBJECT.search(before[rel[-1].end():]):
        return True
    if word.startswith("chemo"):
        ends = [i for i in (text.find(c, m.end()) for c in ".;\n") if i >= 0]
        return bool(_YEARS_AGO.search(text[s_lo:min(ends) if ends else len(text)]))
    return False


def _unexplained(pattern: re.Pattern[str], p: Presentation,
                 entry: Condition) -> re.Match[str] | None:
    """The first affirmed match of ``pattern`` that ``entry`` does not explain (and, for the
    risk factors, that is the person's present state)."""
    for m in pattern.finditer(p.text):
        if blocker_negated(p.text, m.start(), m.end()) or _explained(entry, p.text, m):
            continue
        if pattern is _SELF_CARE_RISK and _not_current_risk(p.text, m):
            continue
        return m
    return None


def _systemic_feature(text: str, p: Presentation | None = None,
                      entry: Condition | None = None) -> re.Match[str] | None:
    """The first affirmed feature a self-limiting condition does not explain, skipping
    anaemia named as a known diagnosis, a finding stated as normal and, given the presentation
    and the matched entry, an innocent murmur and the features the entry declares it explains."""
    for m in _SELF_CARE_SYSTEMIC.finditer(text):
        if blocker_negated(text, m.start(), m.end()):
            continue
        if _ANAEMIA.match(m.group(0)) and _KNOWN_DIAGNOSIS.search(text[max(0, m.start() - 60):
                                                                       m.start()]):
            continue
        if p is not None and _innocent_murmur(p, m):
            continue
        if _stated_normal(text, m):
            continue
        if entry is not None and _explained(entry, text, m):
            continue
        return m
    return None


SELF_CARE_MIN_AGE = 1.0  # years; infants only through an infant-specific entry
SELF_CARE_INFANT_MIN_AGE = 1 / 12  # never self-care under one month
SELF_CARE_MAX_AGE = 75.0
SELF_CARE_MAX_PAIN = 6
# NHS "call 111 / get urgent advice" features in lay words that no self-limiting illness has,
# whichever self-care pattern fits: fluids not kept down or dehydration, blood brought up, a
# rash that does not fade under a glass (NHS: Meningitis; Diarrhoea and vomiting; Cough).
_SELF_CARE_DANGER = re.compile(
    r"\b(?:(?:can'?t|cannot|can not|unable to|not able to) (?:keep|hold) (?:\w+ ){0,2}down|"
    r"(?:not|isn'?t|hasn'?t been|won'?t|stopped) (?:drinking|feeding|weeing|peeing|passing urine)|"
    r"no wet nappies|dry nappies|dehydrat\w*|(?:coughing|vomiting|throwing|bringing) up blood|"
    r"blood in (?:the |his |her |my )?(?:vomit|sick|phlegm|sputum|mucus)|"
    # blood in lay words (review 4; NHS Blood in poo / Vomiting blood / Blood in pee): on the
    # tissue or toilet paper, brought or thrown up, black or tarry poo, cola-coloured pee
    r"(?:red|blood|bright red) (?:\w+ )?on (?:the |my )?(?:tissue|toilet (?:paper|roll)|loo roll|"
    r"paper|wipe)|(?:brought|bring\w*|threw|thrown|throw\w*|coughed|cough\w*|vomit\w*|sick|"
    r"spat|spit\w*) (?:up )?(?:some |a bit of |a little |bits of |a lot of )?blood(?:y)?(?!\s*(?:pressure|"
    r"sugar|tests?))|black (?:poo\w*|stools?|motions)|(?:poo\w*|stools?|motions) (?:\w+ ){0,3}"
    r"(?:black|like tar|tarry)|(?:pee|wee(?! bit)|urine) (?:\w+ ){0,3}(?:cola|coke|brown|red|pink|bloody|"
    r"blood)|"
    # a baby's danger signs in lay words (NICE NG143 amber/red; NHS Is your baby seriously
    # ill?): feeding less than half, a sunken or bulging soft spot, limp or floppy, projectile
    # or green (bile) vomiting
    r"(?:only |just )?(?:taking|drinking|having|feeding|finishing) (?:about |less than |under |only )?"
    r"half (?:of )?(?:his |her |their |the |a )?(?:usual )?(?:bottles?|feeds?|milk|amount)|"
    r"off (?:his|her|their) (?:milk|feeds?|bottles?|food)|(?:soft spot|fontanelle) (?:\w+ ){0,2}"
    r"(?:sunken|sinking|dipped|bulging)|sunken (?:soft spot|fontanelle|eyes)|(?:gone|is|seems|"
    r"very|went|and) (?:all |really |very )?(?:quiet and )?(?:limp|floppy(?!-))|projectile|shooting "
    r"(?:\w+ ){0,2}across the room|(?:green|bilious|bile[- ]stained) (?:vomit\w*|sick)|"
    r"(?:sick|vomit\w*|throwing up|threw up|thrown up|being sick|bringing up) (?:\w+ ){0,2}green|"
    r"bilious|"
    # bowel obstruction in lay words (NHS Bowel obstruction: a swollen tummy, not passing wind)
    r"not (?:farting|passing wind|breaking wind|able to (?:fart|pass wind))|(?:can'?t|cannot|"
    r"haven'?t|hasn'?t|have not|has not) (?:\w+ )?(?:fart\w*|passed wind|pass wind|break wind)|"
    r"(?:tummy|belly|stomach|abdomen) (?:is |has |feels |looks )?(?:\w+ ){0,2}(?:massive|"
    r"distended|swollen|rock hard|huge|tight as a drum)|"
    + GLASS_TEST_LAY + r"|glass test|non[- ]?blanching)(?!\w)", re.I)


# Warning features in lay words that no self-care pattern explains, shared by every self-care
# entry and by the ``refines`` set-aside (review 1, items 2-4): one net, not one ``not`` list
# per entry. Sources: NHS Stroke (FAST: face dropped, arm weak or heavy, speech slurred or
# jumbled, words not coming out); NICE CKS Headache - assessment (red flags: thunderclap
# onset, headache waking from sleep or worse lying down, after head injury, new neurological
# deficit, visual loss, on anticoagulants, pregnancy or postpartum, fever or meningism); NHS
# Migraine (999/A&E: double vision, loss of vision, sudden agonising headache); NHS
# Angioedema / Anaphylaxis (swelling of lips, mouth, tongue or face); NHS Head injury.
_SELF_CARE_WARNING = re.compile(
    r"\b(?:"
    # focal neurology in lay words
    r"speech (?:is |was |has |went |goes |going |gone |sounds? |became )+(?:\w+ )?(?:funny|strange|"
    r"weird|odd|wrong|slurr\w*|garbled|muddled|jumbled)|(?:can(?:no|')?t|cannot|couldn'?t|unable to|"
    r"struggling to) get (?:my|his|her|their|the) words out|words (?:are |were |keep )?(?:coming|came|"
    r"come) out (?:\w+ )?(?:wrong|jumbled|muddled|mixed up|funny)|(?:can(?:no|')?t|cannot) find (?:my|"
    r"the) words|(?:arm|hand|leg|face|fingers) (?:\w+ )?(?:feels|felt|is|was|has gone|went|going|"
    r"gone) (?:\w+ )?(?:heavy|clumsy|numb|weak|useless|droopy|dead|limp|lopsided)|"
    r"(?:seeing|see) double|double vision|diplopi\w*|(?:vision|sight|eye) (?:\w+ )?(?:has |is |went |"
    r"gone |going )+(?:\w+ )?(?:blurr\w*|dark|black|grey|misty) in one eye|"
    r"(?:lost|loss of|losing) (?:the )?(?:vision|sight)|blind in one eye|"
    # meningism in a clinician's words, fever or not (review 4: "a cold ...; exam normal except
    # for neck stiffness" was self-care; NHS Meningitis / NICE NG240: a stiff neck needs
    # assessment; the neck-pain entry names its own stiff neck, ``_own_finding``)
    r"stiff neck|neck stiffness|stiffness of the neck|nuchal rigidity|meningism\w*|kernig\w*|"
    r"brudzinski\w*|"
    # thunderclap onset
    r"thunderclap|came on (?:with)?in (?:a few |a |\d+ )?seconds?|in a flash|in an instant|out of "
    r"nowhere|like (?:being|i'?d been|i was|been) (?:hit|struck|kicked|smacked)|(?:felt|heard) (?:a |"
    r"something )?(?:pop|snap|bang|burst)\w* in (?:my|his|her|their) head|"
    # head injury
    r"head ?butt\w*|head injury|(?:hit|banged|bumped|knocked|smacked|struck) (?:on )?(?:my|his|her|"
    r"their|the) head|punched (?:in|on) the (?:head|face)|"
    # headache features (NICE CKS red flags)
    r"(?:woke|wakes?|waking|woken) (?:me |him |her |them )?(?:up )?(?:from|in the night|at night|"
    r"during the night|out of)(?: (?:my )?sleep)?|worse (?:when )?(?:\w+ )?lying (?:down|flat)|"
    r"(?:severe|splitting|really bad|very bad|terrible|worst|excruciating|agoni[sz]ing|blinding|"
    r"unbearable|awful) (?:\w+ ){0,2}headaches?|headaches? (?:that |which )?(?:won'?t|will not|doesn'?t|"
    r"does not|isn'?t|is not) (?:go(?:ing)? away|go|stop|ease|settle|shift|get(?:ting)? better)|"
    # severe pain in lay words (NHS condition pages: see a GP / 111 for severe pain)
    r"(?:terrible|awful|agoni[sz]ing|excruciating|unbearable|horrendous|crippling|severe) (?:\w+ ){0,2}"
    r"(?:pains?|cramps?|aches?|tummy ache|stomach ache)|"
    # large blisters (NHS Blisters / Sunburn / Burns: large or widespread blisters need a
    # clinician), in lay words too ("big bubbles")
    r"(?:big|large|huge|massive|giant) (?:\w+ )?(?:blisters?|bubbles?)|"
    # fainting or collapse (NHS: call 999 / A&E if someone collapses or passes out; review 4)
    r"(?:going to|gonna|about to|might|could) (?:pass out|faint|collapse|black out)|passed out|"
    r"passing out|pass out|fainted|fainting|(?<!a )collapsed(?! lung)|collapsing|blacked out|"
    # swallowing and breathing (NHS Sore throat: 999 for drooling, cannot swallow, noisy or
    # high-pitched breathing; NHS Quinsy: cannot open the mouth; NICE NG12 / NHS Dysphagia:
    # food sticking going down)
    r"food (?:\w+ ){0,4}(?:sticks?|sticking|stuck|gets stuck|won'?t go down)|sticks? (?:\w+ )?going down|"
    r"(?:can'?t|cannot|can not|could(?:n'?t| not)|barely|hardly|struggl\w* to|unable to|not able to) "
    r"(?:even )?(?:swallow|open (?:my|his|her|their) mouth)|drool\w*|dribbl\w*|"
    r"squeak\w*|whistl\w*|stridor|noisy (?:breath\w*|chest)|(?:breathing|breath) (?:\w+ ){0,2}(?:noisy|"
    r"high-?pitched|raspy|rattl\w*|squeaky|whistly|wheezy)|high-?pitched (?:noise|breath\w*|sound)|"
    # a limb that cannot be lifted or used (NHS Stroke: can't lift both arms)
    r"(?:can(?:no|')?t|cannot|couldn'?t|unable to|not able to) (?:lift|raise|move|feel|use|grip "
    r"with) (?:my|his|her|their) (?:left |right )?(?:arm|leg|hand|foot)|"
    # swelling of the lips, tongue, mouth or face
    r"(?:lips?|tongue|mouth|face)(?: and (?:lips?|tongue|mouth|face|throat))? (?:is |are |was |were |"
    r"has |have |keeps? |started |starting )?(?:swelling|swollen|swelled|puff\w* up|blown up)|"
    # treatment failure and specialist referral in a clinician's words (issue 21 probe9: "a
    # dermatitis that has not responded to standard therapy with corticosteroids", referred to
    # a dermatologist, was cutaneous T-cell lymphoma; NHS condition pages: see a GP if
    # treatment has not worked; NICE NG12 / CG57: erythroderma needs same-day specialist care)
    r"(?:(?:has|have|had|did|does) (?:\w+ )?not (?:\w+ )?(?:responded|respond|improved|resolved|"
    r"cleared)|failed to (?:respond|improve)|(?:unresponsive|refractory|resistant)) (?:\w+ )?(?:to|"
    r"with|despite|after) (?:\w+ ){0,3}(?:treatment|therapy|steroids?|corticosteroids?|antibiotics?|"
    r"creams?|medications?|medicines?|emollients?)|despite (?:\w+ ){0,3}(?:treatment|therapy|"
    r"steroids?|corticosteroids?)|erythroderm\w*|"
    r"referred (?:\w+ ){0,6}(?:to|by) (?:a |an |the )?(?:\w+ )?(?:dermatologist|oncologist|"
    r"ha?ematologist|rheumatologist|neurologist|specialist)|"
    # a cough for 3 weeks or more, or one that will not go away (NHS Cough: see a GP if the
    # cough has lasted more than 3 weeks; NICE NG12: unexplained cough for 3 weeks or more),
    # whichever self-care entry fitted (issue 21: "a cold, cough for 5 weeks" went to the
    # named-cold entry)
    r"cough\w* (?:\w+ ){0,4}?(?:for|over|since|lasting|lasted|going on for|of) (?:the (?:past|last) |"
    r"about |nearly |almost |over |more than |at least |a good )?(?:(?:[3-9]|1\d|three|four|five|"
    r"six|seven|eight|nine|ten|several|many) weeks?|(?:a|one|two|\d+|several|many|a few|a couple "
    r"of) months?|ages|a long time)|(?:[3-9]|three|four|five|six|seven|eight|several|many) weeks? "
    r"(?:of|with) (?:a |this |my |his |her )?(?:\w+ )?cough|cough\w* (?:that |which )?(?:won'?t|"
    r"will not|doesn'?t|does not|just won'?t) (?:go away|clear|shift|stop|go))(?!\w)",
    re.I)
# A stiff neck in lay and clinical words (NHS Meningitis: a stiff neck; it is no feature of a
# cold, flu, sore throat or any other self-limiting illness): blocks every self-care entry
# whose own findings are not about the neck (a cricked neck after sleeping awkwardly is the
# neck-pain entry's own complaint). Issue 21: "I've got a cold, stiff neck, what can I take?"
_STIFF_NECK = re.compile(
    r"\b(?:stiff(?:ness)? (?:of (?:the |my |his |her )?)?neck|neck (?:is |feels |has gone |went |got |"
    r"has been )?(?:\w+ )?stiff\w*|neck stiffness|nuchal rigidity|meningism|(?:can(?:no|')?t|cannot|"
    r"unable to|not able to) (?:bend|touch|put|get|move) (?:my|his|her|their) (?:chin|head) (?:down )?"
    r"(?:to|on|onto|against) (?:my|his|her|their|the) chest)(?!\w)", re.I)
_NECK_ENTRY = re.compile(r"neck(?!lace)", re.I)
# Fever in lay words ("a temperature", "very poorly and hot", "hot and shivery"): a self-care
# entry that does not itself explain a fever (its own findings) is not self-care with one.
_LAY_FEVER = re.compile(
    r"\b(?:(?<!hay )fever\w*|febrile|pyrexi\w*|rigors?|high temp\w*|(?:got |have |had |running |with )"
    r"(?:a |a high |a bit of a )?(?:temperature|temp)\b|temp(?:erature)? (?:of |is |was )?(?:3[89]|4[01])|"
    r"(?:poorly|unwell|ill|rough) and (?:hot|feverish|shivery)|hot and (?:cold|shivery|sweaty)|"
    r"shiver\w*|burning up|"
    # "feels hot", "he's really hot", "hot to touch" (review 4: NICE NG143 counts a parent's
    # report of fever; the not lists named only "fever" or "temperature")
    r"feel(?:s|ing)? (?:really |very |so |quite |a bit |a little |too |boiling )?(?:hot|boiling|"
    r"clammy hot)(?! (?:weather|day|in here))|(?:he|she|they|baby|i)(?:'s| is| are| was| were|'m| am) "
    r"(?:really |very |so |quite |too |boiling )?(?:hot|boiling)(?: and (?:not himself|not herself|"
    r"unwell|poorly|floppy|sweaty|clammy))?\b(?! (?:weather|day|outside|bath|water))|hot to (?:the )?touch|"
    r"boiling hot)(?!\w)", re.I)
# ... and with a fever, a neck that hurts to bend is meningism (NICE NG143 / NG51, NHS
# Meningitis), whatever the entry.
_NECK_ON_BENDING = re.compile(
    r"\b(?:neck (?:\w+ )?(?:hurts|hurt|is painful|is sore|aches|pain\w*) (?:\w+ ){0,4}(?:bend|move|"
    r"look down|tilt|chin)|(?:can(?:no|')?t|cannot|unable to) (?:bend|move|tilt|look down)(?: \w+){0,2} "
    r"(?:neck|head))", re.I)
# Lay words for a feature that an entry's ``not`` list names only in its usual form (review 4:
# each list said "blister", "photophobia", "vomit", "diarrhoea" or "blurred vision", and the
# lay wording walked past it). An entry whose ``not`` list matches the canonical term is
# blocked by its lay equivalents too: one translation table, not one lay list per entry.
# Sources: NHS Conjunctivitis (light sensitivity, changes in vision), NHS Sunburn (blisters),
# NHS Baby teething / Colic / Heartburn (vomiting, diarrhoea: see a GP).
_LAY_EQUIVALENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("photophobia", re.compile(
        r"\b(?:(?:can'?t|cannot|couldn'?t|can not) (?:stand|bear|cope with|take|look at|face) (?:the )?"
        r"(?:bright |daylight |sun)?lights?|(?:bright |the )?lights? (?:\w+ )?(?:hurts?|bothers?|is "
        r"painful|is too bright|makes? (?:it|them) worse)|sensitive to (?:the )?(?:bright )?light|"
        r"(?:squinting|squint) (?:in|at) (?:the )?light)(?!\w)", re.I)),
    ("blurred vision", re.compile(
        r"\b(?:fuzzy|blurr\w*|misty|hazy|foggy|cloudy vision|(?:can'?t|cannot) see (?:properly|"
        r"clearly|well|straight|out of))(?!\w)", re.I)),
    ("blisters", re.compile(
        r"\b(?:bubbles?|water-?filled|fluid-?filled|filled with (?:water|fluid))(?!\w)", re.I)),
    ("vomiting", re.compile(
        r"\b(?:(?:threw|throwing|throws?|thrown) up|(?:being|been|was|keeps? being|is being|gets) sick|"
        r"sick (?:twice|\d+ times|all (?:day|night))|(?:bringing|brought|brings) (?:\w+ ){0,2}"
        r"(?:milk|feeds?|food) (?:back )?up|(?:brought|bringing|brings) up (?:\w+ ){0,2}(?:milk|"
        r"feeds?|food))(?!\w)", re.I)),
    ("diarrhoea", re.compile(
        r"\b(?:the runs|runny (?:poo\w*|stools?)|loose (?:poo\w*|stools?|bowels?|motions)|watery "
        r"(?:poo\w*|stools?))(?!\w)", re.I)),
    # review 4 (self-care round): "a cold and sore throat and my neck is a bit stiff" passed the
    # sore-throat and cold entries' "stiff neck" (NHS Meningitis: a stiff neck)
    ("stiff neck", re.compile(
        r"\b(?:neck (?:is |feels |was |went |got |has gone |has been |seems )(?:\w+ ){0,2}stiff\w*|"
        r"stiffness (?:in|of) (?:my|his|her|their|the) neck)(?!\w)", re.I)),
)
# A change in bowel habit (NICE NG12: at 60 or over, a suspected-cancer referral; NHS Bowel
# cancer: see a GP for a change in your bowel habit): never a constipation or diarrhoea self-care
# case. "new for me" counts at 60 or over only.
_BOWEL_CHANGE = re.compile(
    r"\b(?:(?:bowels?|bowel habits?|poo\w*|stools?|motions) (?:have |has |had )?(?:\w+ ){0,2}"
    r"(?:changed|changing|different)|change (?:in|of|to) (?:my |his |her |their )?(?:bowel\w*|"
    r"poo\w*|stools?|toilet habits?))(?!\w)", re.I)
_NEW_FOR_ME = re.compile(r"\b(?:new (?:for|to) (?:me|him|her)|(?:it'?s|this is) new|never (?:had|been "
                         r"like) (?:this|it) before)(?!\w)", re.I)
BOWEL_CHANGE_AGE = 60.0
_BOWEL_WORD = re.compile(r"\b(?:poo\w*|bowels?|stools?|constipat\w*|diarrho?ea)\b", re.I)
# A baby's age stated without "old" ("my son is 3 weeks", "my baby is 2 months"): the parser
# reads no age, so the under-3-months rule reads it here (NICE NG143).
_YOUNG_INFANT_STATED = re.compile(
    r"\b(?:baby|son|daughter|boy|girl|he|she|newborn|infant|little one)(?:'s| is| was) (?:only |just |"
    r"about |nearly |almost )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) "
    r"(?:days?|weeks?)\b(?! (?:pregnant|ago|late|early|overdue|gone))|\b(?:baby|son|daughter|boy|girl|"
    r"newborn|infant|little one)(?:'s| is| was) (?:only |just |about |nearly )?(?:1|2|one|two) months?"
    r"\b(?! (?:pregnant|ago|gone))", re.I)
_VERY_HIGH_BP = (180, 120)  # NICE NG136: >= 180/120 -> same-day specialist assessment


def blocker_affirmed(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` that :func:`blocker_negated` does not negate."""
    return next((m for m in pattern.finditer(text)
                 if not blocker_negated(text, m.start(), m.end())), None)


def _own_finding(entry: Condition, text: str, m: re.Match[str]) -> bool:
    """``m`` lies wholly inside a phrase that one of ``entry``'s own findings (or its
    ``explains`` list) matches: a head-injury entry is not blocked by its head injury."""
    groups = [*entry.all, *entry.any, *([entry.explains] if entry.explains else [])]
    return any(g.pattern is not None and any(
        e.start() <= m.start() and m.end() <= e.end() for e in g.pattern.finditer(text))
        for g in groups)


def shared_warning(p: Presentation, entry: Condition) -> str | None:
    """The first lay warning feature (neurological deficit, thunderclap onset, head injury,
    headache red flag, lip/face swelling, unexplained fever, meningism, very high blood
    pressure) that ``entry`` does not itself name, else None."""
    # a lay fever blocks only the entries that exclude a fever (their ``not`` list names one):
    # chickenpox, colds and flu bring a temperature themselves (NHS condition pages)
    excludes_fever = entry.not_ is not None and entry.not_.pattern is not None and bool(
        entry.not_.pattern.search("fever"))
    # ... and every entry under 3 months (NICE NG143: any fever under 3 months is a red feature)
    excludes_fever = excludes_fever or (p.age is not None and p.age < NAMED_MIN_AGE) or (
        blocker_affirmed(_YOUNG_INFANT_STATED, p.text) is not None)
    patterns = [_SELF_CARE_WARNING, *([_LAY_FEVER] if excludes_fever else [])]
    if entry.not_ is not None and entry.not_.pattern is not None:
        patterns += [lay for canonical, lay in _LAY_EQUIVALENTS
                     if entry.not_.pattern.search(canonical)]
    for pattern in patterns:
        m = next((m for m in pattern.finditer(p.text)
                  if not blocker_negated(p.text, m.start(), m.end())
                  and not _own_finding(entry, p.text, m)), None)
        if m is not None:
            return m.group(0)
    fever = blocker_affirmed(_LAY_FEVER, p.text) is not None or (
        p.vitals.temperature is not None and p.vitals.temperature >= 38.0)
    neck = blocker_affirmed(_NECK_ON_BENDING, p.text)
    if fever and neck is not None:
        return neck.group(0)
    if not any(g.pattern is not None and _NECK_ENTRY.search(g.pattern.pattern) for g in entry.all):
        stiff = blocker_affirmed(_STIFF_NECK, p.text)
        if stiff is not None:
            return stiff.group(0)
    v = p.vitals
    if (v.systolic_bp or 0) >= _VERY_HIGH_BP[0] or (v.diastolic_bp or 0) >= _VERY_HIGH_BP[1]:
        return f"blood pressure {v.systolic_bp or '?'}/{v.diastolic_bp or '?'}"
    return None


def self_care_blockers(p: Presentation, entry: Condition, floor_acuity: int,
                       scores: ScoreResult) -> list[str]:
    """Why a self-care match must not stand for ``p`` (empty: it may)."""
    out: list[str] = []
    if floor_acuity < 5:
        out.append(f"a red flag or vital-sign floor sets acuity {floor_acuity}")
    infant_entry = entry.age[1] is not None and entry.age[1] <= 2
    young_infant_entry = infant_entry and (entry.age[0] is None or entry.age[0] < NAMED_MIN_AGE)
    if p.age is not None:
        if p.age < SELF_CARE_INFANT_MIN_AGE or (p.age < SELF_CARE_MIN_AGE and not infant_entry):
            out.append(f"age {p.age:g} (young infant)")
        elif p.age < NAMED_MIN_AGE and not young_infant_entry:
            # every self-care entry, named or not, except the infant entries written for this
            # age from their NHS pages (colic, reflux, cradle cap: common and harmless under 3
            # months), which still face the baby danger signs and any fever (review 4; NICE NG143)
            out.append(f"age {p.age:g} (under 3 months)")
        elif p.age >= SELF_CARE_MAX_AGE:
            out.append(f"age {p.age:g} (75 or over)")
    elif (young := blocker_affirmed(_YOUNG_INFANT_STATED, p.text)) is not None and (
            not young_infant_entry):
        out.append(f"a baby under 3 months (\"{young.group(0)}\")")
    bowel = blocker_affirmed(_BOWEL_CHANGE, p.text)
    if bowel is None and p.age is not None and p.age >= BOWEL_CHANGE_AGE and _BOWEL_WORD.search(
            p.text):
        bowel = blocker_affirmed(_NEW_FOR_ME, p.text)
    if bowel is not None:
        out.append(f"a change in bowel habit (\"{bowel.group(0)}\"; NICE NG12)")
    if p.age is not None and p.age < NEWS2_ADULT_AGE:
        # a child's heart and breathing rates are judged against the normal range for age
        why = child_vitals_out_of_range(p.age, p.vitals)
        if why is not None:
            out.append(f"vital signs out of range for age ({why})")
    elif scores.news2 is not None and (scores.news2 >= 3 or max(scores.news2_parts.values(),
                                                                default=0) >= 2):
        out.append(f"vital signs out of range (NEWS2 {scores.news2})")
    if p.vitals.temperature is not None and p.vitals.temperature >= 39.0:
        out.append(f"temperature {p.vitals.temperature:g}")
    if p.pain is not None and p.pain > SELF_CARE_MAX_PAIN:
        out.append(f"pain {p.pain}/10")
    m = _unexplained(_SELF_CARE_RISK, p, entry)
    if m is not None:
        out.append(f"risk factor \"{m.group(0)}\"")
    m = blocker_affirmed(_SELF_CARE_DANGER, p.text)
    if m is not None:
        out.append(f"a warning feature (\"{m.group(0)}\")")
    m = _systemic_feature(p.text, p, entry)
    if m is not None:
        out.append(f"a feature the self-limiting condition does not explain (\"{m.group(0)}\")")
    w = shared_warning(p, entry)
    if w is not None:
        out.append(f"a warning feature (\"{w}\")")
    # a blood pressure or sugar stated with a value that is not normal, or that the parser
    # could not read ("is high at 190", "210 over 130", "sugar is 25 mmol/L"; safety review 2)
    # (a temperature of 38 or more, read or not, blocks an entry whose ``not`` list names a
    # fever: "I measured 39 degrees", "feels like 40" with a blister; safety review 5)
    r = abnormal_reading(p.text, fever=names_fever(entry.not_.pattern if entry.not_ else None))
    if r is not None:
        out.append(f"a reading out of the normal range or not read (\"{r}\")")
    if entry.window_days is not None:
        # an acute illness past its NHS self-care window, or never settling, needs a GP (mts8)
        w = beyond_window(p.text, entry.all[0].pattern, entry.window_days, blocker_negated)
        if w is not None:
            out.append(f"a course beyond self-care ({w})")
    return out
