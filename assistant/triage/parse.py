"""Turn a triage case (free text plus optional structured fields) into a `Presentation`.

Explicit fields in the case win over what the text says (a nurse's typed vitals beat a
number read out of prose). Vitals in the text are read with the project's one vital-sign
grammar, `assistant.clinical.vitals.find_vitals`; this module adds what triage also needs:
age, sex, onset, mental status (AVPU/GCS), pain score, arrival mode, injury and oxygen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from assistant.clinical.vitals import find_vitals
from assistant.errors import InputError
from assistant.triage.lay_words import (
    usual_health,
)
from assistant.triage.negation import lay_denied
from assistant.triage.normalise import normalise, rejoin_wrapped_lists
from assistant.triage.scores import Vitals

ARRIVALS = ("walk-in", "public ambulance", "private vehicle", "private ambulance", "other")
MAX_TEXT_CHARS = 20_000


@dataclass
class Presentation:
    """Everything triage knows about one case, before any scoring."""

    id: str
    text: str
    complaint: str  # the text with age/sex/vitals phrases removed (what the classifier reads)
    age: float | None = None  # years (infants as fractions)
    sex: str | None = None  # "F" | "M"
    vitals: Vitals = field(default_factory=Vitals)
    arrival: str | None = None
    injury: bool | None = None
    pain: int | None = None  # 0-10 numeric rating scale
    onset: str | None = None  # e.g. "sudden", "2 days"
    sudden: bool = False
    evidence: dict[str, str] = field(default_factory=dict)  # field -> text it was read from
    # The case read with its line breaks as written, when ``rejoin_wrapped_lists`` joined a
    # wrapped list sentence: the triager keeps that reading's red flags and floors too.
    as_written: Presentation | None = None


_NOT_ILLNESS = (r"(?!\s+(?:pneumon\w*|rash\w*|wound\w*|injur\w*|fractur\w*|burns?|cough\w*|"
                r"fever\w*|diarrh\w*|illness\w*|history|symptoms?|pain|lesions?|ulcers?|cuts?|"
                r"bites?|infection\w*|cast|stitches|sutures|bruis\w*|swelling|complaints?))")
# What follows "<child> is 12 weeks" when the number is not the child's age: a pregnancy or birth
# timing ("pregnant", "overdue", "early", "premature", "gestation", "postnatal"), a duration or a
# date ("ago", "into", "after", "since", "of", "off", "in", "with", "for"), or an "old" the
# "... old" patterns above read already.
_NOT_DURATION = (r"(?!\s*(?:pregnan\w*|overdue|early|late|prem\w*|gestation\w*|post\w*|ago|into|"
                 r"after|since|before|of|off|in|on|out|with|for|from|behind|along|along|late|old|"
                 r"older|younger|and \d))")
# In a pregnancy ("I'm pregnant and the baby is 12 weeks") a number of weeks is the gestation.
_PREGNANCY = re.compile(r"\b(?:pregnan\w*|gestation\w*|midwife|antenatal|miscarr\w*|weeks gone)\b",
                        re.I)
_CHILD_WORD = re.compile(r"\b(?:baby|babies|son|daughter|boy|girl|infant|newborn|little one|child|"
                         r"toddler|feeds?|feeding|nappy|nappies|formula|breastfe\w*)\b", re.I)
_AGE_PATTERNS = [
    # "45-year-old", "45 year old", "45 yo", "45 y/o", "45yo", "aged 45", "age 45"
    (re.compile(r"\b(\d{1,3})\s*-?\s*(?:years?|yrs?)[\s-]*old\b", re.I), 1.0),
    (re.compile(r"\b(\d{1,3})\s*(?:yo|y/o|y\.o\.)\b", re.I), 1.0),
    (re.compile(r"\b(?:aged?|age:)\s*(\d{1,3})\b", re.I), 1.0),
    (re.compile(r"\b(\d{1,2})\s*-?\s*(?:months?|mos?)[\s-]*old\b", re.I), 1 / 12),
    (re.compile(r"\b(\d{1,2})\s*-?\s*(?:weeks?|wks?)[\s-]*old\b", re.I), 1 / 52),
    # "my son is 20 days old", "she's 12 days old", "a 20-day-old baby": a person is that old,
    # whatever follows (a febrile infant under 3 months is an emergency, NICE NG143; the
    # illness-age guard below dropped "20 days old fever": review, issue 21)
    (re.compile(r"\b(?:he|she|son|daughter|baby|boy|girl|child|infant|newborn|neonate|who|i)"
                r"(?:(?:'|\u2019)s|(?:'|\u2019)m|\s+is|\s+am)\s+(?:only |just |now )?"
                r"(\d{1,2})\s*-?\s*days?[\s-]*old\b", re.I), 1 / 365),
    (re.compile(r"\b(\d{1,2})\s*-?\s*days?[\s-]*old\s+(?:baby|babies|infant|boy|girl|neonate|"
                r"newborn|son|daughter|male|female|child|twin)\b", re.I), 1 / 365),
    # "3 day old pneumonitis", "a 2-day-old rash": the age of an illness, not of the patient
    # ("when I was 10 days old", "who was 12 days old at surgery": a past age, not the age now)
    (re.compile(r"(?<!\bwas )(?<!\bwere )\b(\d{1,2})\s*-?\s*(?:days?)[\s-]*old\b" + _NOT_ILLNESS,
                re.I), 1 / 365),
    # "a one-week-old", "two-month-old", "three years old": small ages written in words
    (re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                r"[\s-]*(?:years?)[\s-]*old\b", re.I), 1.0),
    (re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                r"[\s-]*(?:months?)[\s-]*old\b", re.I), 1 / 12),
    (re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                r"[\s-]*(?:weeks?)[\s-]*old\b", re.I), 1 / 52),
    (re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                r"[\s-]*(?:days?)[\s-]*old\b", re.I), 1 / 365),
    # lay text without "old": "My baby is 2 months", "my son's 12 weeks", "Baby 7 weeks feels hot"
    # (review 1 of the lay emergency words: an infant's fever rule needs the age). A child noun or
    # he/she right before the number; not a duration or a pregnancy ("is 12 weeks pregnant",
    # "2 months ago", "2 months overdue", "2 weeks into antibiotics"), see _AGE_NOT_OLD_PREGNANCY.
    (re.compile(r"\b(?:baby|son|daughter|boy|girl|infant|newborn|little one|he|she)"
                r"(?:(?:'|\u2019)s|\s+is)?,?\s+(?:only |just |now |nearly |almost |about |"
                r"around )?(\d{1,2})\s*-?\s*(?:weeks?|wks?)\b" + _NOT_DURATION, re.I), 1 / 52),
    (re.compile(r"\b(?:baby|son|daughter|boy|girl|infant|newborn|little one|he|she)"
                r"(?:(?:'|\u2019)s|\s+is)?,?\s+(?:only |just |now |nearly |almost |about |"
                r"around )?(\d{1,2})\s*-?\s*(?:months?|mos?)\b" + _NOT_DURATION, re.I), 1 / 12),
    # lay text: "she's 4", "he is 10", "I'm 29" (not "she's 4 weeks pregnant", "I'm 90 kg")
    (re.compile(r"\b(?:he|she|they|i)(?:'|\u2019)?(?:s|m|re| is| am| are)\s+(\d{1,2})\b"
                r"(?![.,]\d|\s*(?:%|kg|kgs|lb|lbs|pounds|stone|st\b|cm|ft|foot|feet|in\b|inch\w*|"
                r"minutes?|hours?|days?|weeks?|months?|times|mg|ml|miles?|km|out of|/|am\b|pm\b|"
                r"o'clock))", re.I), 1.0),
    # "45M", "45 F" (not "98.6F" or "T 101 F": temperatures, checked in parse_age).
    (re.compile(r"(?<![\d.])(\d{1,3})\s*(?:M|F)\b"), 1.0),
]
# The two "<child> is 12 weeks" patterns (no "old"): not read in a pregnancy.
_AGE_WITHOUT_OLD = frozenset(p for p, _ in _AGE_PATTERNS if "little one" in p.pattern)
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve")
_TEMP_BEFORE = re.compile(r"(?:\btemp\w*|\bt(?:max)?|\bfever(?: of)?)\s*[:=]?\s*$", re.I)
_SEX_F = re.compile(r"\b(?:woman|female|lady|girl|she|her|mother|pregnant)\b|"
                    r"(?<![\d.])\d{1,3}\s*F\b(?!\s*(?:temp|fever))", re.I)
_SEX_M = re.compile(r"\b(?:man|male|gentleman|boy|he|his|him)\b|(?<![\d.])\d{1,3}\s*M\b",
                    re.I)
_NEWBORN = re.compile(r"\b(?:newborn|neonate)\b", re.I)
_ONSET = re.compile(
    r"\b(?:for|since|x|over the (?:last|past))\s+((?:\d+|a|an|one|two|three|few|several)\s+"
    r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?))\b"
    r"|\b(\d+\s*(?:minutes?|mins?|hours?|hrs?|days?|weeks?))\s+ago\b"
    r"|\b(since (?:this morning|yesterday|last night|today))\b", re.I)
_SUDDEN = re.compile(r"\b(?:sudden(?:ly)?|abrupt(?:ly)?|acute onset|thunderclap|"
                     r"out of nowhere|all of a sudden)\b", re.I)
_GCS = re.compile(r"\b(?:GCS|Glasgow coma (?:scale|score))\s*(?:score\s*)?(?:of|:|=|is|was)?\s*"
                  r"(\d{1,2})\b", re.I)
# A person who does not respond, said with a verb ("she doesn't respond when I talk to
# her", "he won't respond to me", "she isn't responding"; only "she is not responding"
# was read): a person as the subject ("the app isn't responding" is none), and "to" only
# before a person or a stimulus ("doesn't respond to antibiotics" is a treatment that
# failed, as in the first ``_AVPU_TEXT`` entry).
#: The people whose non-response ``_NO_RESPONSE_VERB`` reads (red_flags' bare-verb rule reads
#: the same list: one definition). (lay12) more people: "my teenager won't respond and he's
#: breathing funny" read nothing.
NO_RESPONSE_PERSONS = (
    "he", "she", "they", "baby", "infant", "newborn", "toddler", "child", "kid", "son",
    "daughter", "boy", "girl", "mum", "mom", "mummy", "dad", "daddy", "husband", "wife", "partner",
    "boyfriend", "girlfriend", "friend", "brother", "sister", "father", "mother", "grandma",
    "grandad", "grandpa", "granny", "nan", "patient", "teenager", "teen", "grandson",
    "granddaughter", "uncle", "aunt", "auntie", "flatmate", "housemate", "neighbour", "neighbor")
_NO_RESPONSE_VERB = re.compile(
    r"\b(?:" + "|".join(NO_RESPONSE_PERSONS) + r")\s+"
    r"(?:just\s+|still\s+)?(?:doesn't|does not|didn't|did not|won't|will not|"
    r"isn't|is not|wasn't|was not|can't|cannot|aren't|are not)\s+(?:really\s+)?"
    r"respond(?:ing)?\b(?:(?!\s+(?:well\s+)?to\b)|\s+to\s+(?:me|us|him|them|anyone|"
    r"anybody|anything|her(?!\s+\w)|(?:my|his|her|our|their|your)\s+(?:voice|name|"
    r"touch)|voice|pain|verbal|stimul\w*|commands?|touch|sounds?|shaking|(?:his|her) "
    r"name)\b)", re.I)

# A non-response that is no unresponsive person: one that comes and goes ("on occasion he does
# not respond when called by name", a hearing loss; "three times ... she does not respond and
# persists crying", night terrors) or a person crying or screaming, who is awake (review of
# probe and probe4 dev: 4 -> 1, 5 -> 1).
# (lay12 taken back after review, 2026-12-06: a sulk / message / development word anywhere in
# the sentence and a past non-response "then came round" made real emergencies self-care:
# "my teenage daughter won't respond, she's been drinking vodka", "my son won't respond, he's
# had a fever and developed a headache", "my dad didn't respond for about 20 minutes then came
# round" (SECAmb / NICE CG109: an unconsciousness even if regained needs assessment). The
# over-triage of sulks and unanswered messages stays: level 1 is the safe side.)
_RESPONDS_OTHERWISE = re.compile(
    r"\b(?:sometimes|occasionally|on occasion|at times|often|usually|episod\w*|times|cr(?:y|ies|ying)|"
    r"scream\w*)\b", re.I)
_CLAUSE_STOP = re.compile(r"[.!?\n]")


def _responds_otherwise(text: str, m: re.Match[str]) -> bool:
    """Whether the sentence of a verb non-response ``m`` says it comes and goes or the person
    cries or screams (see ``_RESPONDS_OTHERWISE``)."""
    start = max((s.end() for s in _CLAUSE_STOP.finditer(text, 0, m.start())), default=0)
    end = next((s.start() for s in _CLAUSE_STOP.finditer(text, m.end())), len(text))
    return bool(_RESPONDS_OTHERWISE.search(text, start, end))


def _usual_alert(text: str, m: re.Match[str]) -> bool:
    """(lay12) An "alert" that is the person's usual state ("he's normally fully alert", "fully
    alert most of the time"): ``lay_words.usual_health`` in its sentence, as for "fine"."""
    start = max((s.end() for s in _CLAUSE_STOP.finditer(text, 0, m.start())), default=0)
    end = next((s.start() for s in _CLAUSE_STOP.finditer(text, m.end())), len(text))
    sent = text[start:end]
    o = re.compile(re.escape(m.group())).search(sent, m.start() - start)
    return o is not None and usual_health(sent, o)


_AVPU_TEXT = [
    # "no response to omeprazole": a treatment that failed, not a patient who does not
    # respond; only a bare phrase or one about stimuli counts (with an article or a
    # possessive before the stimulus: "no response to the sternal rub").
    # (trirob) "isn't responding" as "is not responding"; (tristop, issue 21) the verb forms
    # are read exactly as the ``unresponsive`` red flag reads them since its subject guard was
    # taken back (57a90c4): "not / isn't / stopped responding", "not (really) responsive",
    # "non-responsive", whatever the subject or the "to X" ("the app is not responding",
    # "not responding to antibiotics": over-triage accepted, the flag gives level 1 anyway),
    # so a record never carries the flag without AVPU "U" (NHS When to call 999: someone
    # unconscious or not responding; AVPU "U")
    (re.compile(r"\b(?:unresponsive|non-?responsive|unrousable|avpu[:\s]+u)\b|"
                r"\b(?:not|\w+n't|stopped|stops) (?:really |properly )?respon(?:ding|sive)\b"
                r"|\bno response\b(?!\s+to\s+(?!(?:(?:the|a|an|my|his|her|their|our|your|any|"
                r"being)\s+)?(?:loud\s+|painful\s+)?(?:pain\b(?!\s?(?:killers?|relief))|voice|"
                r"verbal|stimul|command|touch|sound|nois|shak|sternal|rub|pinch|name|call)))",
                re.I), "U"),
    (_NO_RESPONSE_VERB, "U"),
    (re.compile(r"\b(?:responds? (?:only )?to pain(?:ful stimuli)?|avpu[:\s]+p)\b", re.I), "P"),
    (re.compile(r"\b(?:responds? (?:only )?to (?:voice|verbal)|avpu[:\s]+v)\b", re.I), "V"),
    (re.compile(r"\b(?:confused|disorientated|disoriented|new confusion|delirious)\b", re.I),
     "C"),
    (re.compile(r"\b(?:alert and oriented|a&o|a\s*&\s*ox\s*\d|fully alert|avpu[:\s]+a)\b",
                re.I), "A"),
]
_PAIN = re.compile(r"\b(?:pain(?:\s+score)?|nrs|rated|rates it)\s*(?:of|:|=|is|at)?\s*"
                   r"(\d{1,2})\s*(?:/|out of)\s*10\b|\b(\d{1,2})\s*/\s*10\b", re.I)
_ARRIVAL_TEXT = [
    (re.compile(r"\b(?:by|via|per) (?:ambulance|ems|paramedics?)\b|\bbrought in by "
                r"(?:ambulance|ems|paramedics?)\b|\bems\b", re.I), "public ambulance"),
    (re.compile(r"\bwalk(?:ed|s)?[\s-]in\b|\bwalked into\b", re.I), "walk-in"),
    (re.compile(r"\b(?:drove|driven|by car|brought in by (?:family|husband|wife|parents?))\b",
                re.I), "private vehicle"),
]
_INJURY = re.compile(r"\b(?:fell|fall|injur\w*|trauma|accident|collision|crash|hit by|struck|"
                     r"laceration|cut (?:his|her|my)|stab\w*|gunshot|burn(?:ed|t|s)?|"
                     r"sprain\w*|fracture\w*|twisted|assault\w*|bitten|bite)\b", re.I)
_OXYGEN = re.compile(r"\b(?:on\s+(?:\d+\s*(?:l|litres?|liters?)(?:/min)?\s*(?:of\s+)?)?"
                     r"(?:o2|oxygen|nasal cannula|non-?rebreather|nrb)|\d+\s*l\s*(?:nc|o2))\b",
                     re.I)
_ROOM_AIR = re.compile(r"\b(?:on\s+)?(?:room air|\bRA\b)", re.I)


def _gcs_to_avpu(gcs: int) -> str:
    # Common mapping (e.g. Kelly et al. 2004): A ~ 15, V ~ 13, P ~ 8, U ~ 3.
    if gcs >= 15:
        return "A"
    if gcs >= 13:
        return "C"
    if gcs >= 9:
        return "V"
    if gcs >= 6:
        return "P"
    return "U"


def _num(value: Any, name: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError(f"vital {name!r} must be a number, got {value!r}")
    try:
        return float(str(value).replace(",", "."))
    except ValueError as exc:
        raise InputError(f"vital {name!r} must be a number, got {value!r}") from exc


_AGE_OLD = r"(?:\d+|[a-z]+)[- ](?:day|week|month|year)s?[- ]old"
# "brings her 2-week-old son", "comes in with his 3-year-old daughter"
_CARER_BRINGS = re.compile(
    r"\b(?:brings?|brought|bringing|(?:comes?|came|presents?|presented) (?:in |to \w+ )?with|"
    r"accompanied by)\s+(?:in\s+)?(?P<pron>her|his|their)\s+(?=" + _AGE_OLD + ")", re.I)
_CHILD_NOUN = r"(?:baby|infant|newborn|child|kid|son|daughter|boy|girl|toddler)"
# "I'm 30 and my 6-week-old has a temperature": a parent writing about "my <age>-old" child
# whose complaint follows (the speaker's own age is not the patient's; a newborn's fever red
# flags depend on the child's). Only when the child is the subject of a verb, so "I'm 30 and
# I have chest pain; my 6-year-old is at school" stays 30 (the possessive must be followed by
# has/is/... of the complaint, and the speaker must not state a complaint of their own first).
_MY_CHILD = re.compile(
    r"\bmy\s+" + _AGE_OLD + r"\s+(?:" + _CHILD_NOUN + r",?\s+)?(?:has|had|is|was|'s|keeps|seems|won't|will not|isn't|hasn't|started|developed|"
    r"fell|got|can't|cannot)\b", re.I)
# "I'm 30 and my baby, who is 6 weeks old, has a fever": the speaker's own age first, then a
# child ("my baby") whose age is stated later. Unsure between the two, the child's age is read
# (the reading that keeps an infant's red flags), unless the speaker states a complaint first.
_SPEAKER_AGE = re.compile(r"^\W*I(?:'m| am)\s+(?:a\s+)?\d+\b(?![- ](?:weeks?|days?|months?))", re.I)
_MY_CHILD_NOUN = re.compile(r"\bmy\s+(?:\w+\s+)?" + _CHILD_NOUN + r"\b", re.I)
_SPEAKER_COMPLAINT = re.compile(r"\bI(?:'ve| have| had|'m having| am having| feel| felt)\b", re.I)
# The carer's own complaint after a carer-brings phrase: "... came in with his 8-year-old
# daughter; he has left lower quadrant pain" (the carer's pronoun, not the child's).
_CARER_PRONOUN_SUBJECT = {"his": r"\bhe(?:'s| has| had| is| was| reports| complains| describes)\b",
                          "her": r"\bshe(?:'s| has| had| is| was| reports| complains| describes)\b"}
_CHILD_SEX = {"son": "his", "boy": "his", "daughter": "her", "girl": "her"}


def _carer_is_patient(text: str, carer: re.Match[str]) -> bool:
    """Whether the text after "brings his 8-year-old daughter" makes the carer the patient: the
    carer's pronoun ("he has ...") differs from the child's (a daughter) and is the subject of a
    complaint. When the child's sex is unknown or the same, the child stays the patient (a
    newborn's red flags are kept: the safer reading)."""
    pron = carer.group("pron").lower()
    rest = text[carer.end():]
    noun = re.match(_AGE_OLD + r"\s+(\w+)", rest, re.I)
    child = _CHILD_SEX.get(noun.group(1).lower()) if noun else None
    if pron not in _CARER_PRONOUN_SUBJECT or child is None or child == pron:
        return False
    return re.search(_CARER_PRONOUN_SUBJECT[pron], rest, re.I) is not None


def _child_age_texts(text: str) -> Iterator[str]:
    """The stretches of ``text`` that state a child patient's age, most specific first: after
    a carer who brings the child, after "my <age>-old", after "my baby" following the
    speaker's own age. The caller reads the first that holds an age."""
    # A carer who brings the patient: "A 32-year-old woman brings her 2-week-old son" is about
    # the 2-week-old (a newborn's fever and feeding red flags depend on it), so the child's age,
    # written after the carer's, wins.
    carer = _CARER_BRINGS.search(text)
    if carer is not None and not _carer_is_patient(text, carer):
        yield text[carer.end():carer.end() + 40]
    mine = _MY_CHILD.search(text)
    if mine is not None and not _SPEAKER_COMPLAINT.search(text, 0, mine.start()):
        yield text[mine.start() + 2:mine.start() + 40]
    speaker = _SPEAKER_AGE.search(text)
    child = _MY_CHILD_NOUN.search(text, speaker.end()) if speaker else None
    if child is not None and not _SPEAKER_COMPLAINT.search(text, 0, child.start()):
        yield text[child.start():]


def parse_age(text: str) -> tuple[float | None, str | None]:
    """(age in years, the text it was read from) from a presentation, else (None, None).

    "45-year-old", "45 yo", "aged 45", "45M", "3 months old" (0.25), "newborn" (0.02); a
    number after "T"/"temp"/"fever" is a temperature ("T 101 F"), not an age.
    """
    for stretch in _child_age_texts(text):
        child_age, child_text = parse_age(stretch)
        if child_age is not None:
            return child_age, child_text
    # The earliest age stated is the patient's: "A 21-month-old boy ... His 6-year-old sister"
    # is 21 months old (each pattern's first valid match; the earliest of those wins).
    best: tuple[int, float, str] | None = None
    pregnancy = _PREGNANCY.search(text) is not None
    for pattern, scale in _AGE_PATTERNS:
        if pregnancy and pattern in _AGE_WITHOUT_OLD:
            continue
        for m in pattern.finditer(text):
            if _TEMP_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
                continue  # "T 101 F" is a temperature, not a 101-year-old woman
            if (pattern in _AGE_WITHOUT_OLD and m.group(0)[:2].lower() in ("he", "sh")
                    and not _CHILD_WORD.search(text)):
                continue  # "she's 8 weeks" with no child named may be a pregnancy
            n = m.group(1).lower()
            value = int(n) if n.isdigit() else _NUMBER_WORDS.index(n) + 1
            if best is None or m.start() < best[0]:
                best = (m.start(), round(value * scale, 3), m.group(0))
            break
    if best is not None:
        return best[1], best[2]
    m = _NEWBORN.search(text)
    if m:
        return 0.02, m.group(0)
    return None, None


def _first_sex(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    for m in pattern.finditer(text):
        token = m.group(0)
        before = text[max(0, m.start() - 12):m.start()]
        if token[:1].isdigit() and (token[-1:] in "mf" or _TEMP_BEFORE.search(before)):
            continue  # "45 f" lower case, or a Fahrenheit temperature ("T 101 F")
        return m
    return None


def parse_sex(text: str) -> tuple[str | None, str | None]:
    """("F" | "M", the text it was read from) from a presentation, else (None, None).

    The earliest cue wins: a word ("woman", "he", "pregnant") or "45F"/"45 M"; a lower-case
    "45 f" and a Fahrenheit temperature ("T 101 F") are not read as sex.
    """
    f, m = _first_sex(_SEX_F, text), _first_sex(_SEX_M, text)
    if f and (not m or f.start() < m.start()):
        return "F", f.group(0)
    if m:
        return "M", m.group(0)
    return None, None


def _complaint(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the vitals/age phrases cut out, whitespace and punctuation tidied."""
    keep, last = [], 0
    for s, e in sorted(spans):
        if s >= last:
            keep.append(text[last:s])
            last = e
    keep.append(text[last:])
    out = re.sub(r"\s*([,;.])(?:\s*[,;.])+", r"\1", " ".join(keep))
    return re.sub(r"\s+", " ", out).strip(" ,;.") or text.strip()


def _explicit_vitals(raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InputError("`vitals` must be an object such as {\"heart_rate\": 88}")
    return raw


# A heart rate given as a range or after prose the shared vital-sign grammar does not read:
# "pulse is irregular with a rate of 140-150/min", "heart rate between 130 and 140". The upper
# value is kept: a floor must see the fastest rate that was measured (KTAS/CTAS first-order
# modifier bands; NEWS2 scores the worst observation).
_HR_RANGE = re.compile(
    r"\b(?:pulse|heart\s+rate|heart\s*beat|hr)\b[^.;\d]{0,45}?"
    r"(\d{2,3})\s*(?:[-\u2013\u2014]|to|and)\s*(\d{2,3})\s*(?:/\s*min|bpm|beats)", re.I)
_HR_RATE_OF = re.compile(
    r"\b(?:pulse|heart\s+rate|heart\s*beat)\b[^.;\d]{0,45}?\brate\s+(?:of\s+|is\s+|at\s+)?"
    r"(\d{2,3})\s*(?:/\s*min|bpm|beats)", re.I)


# Vital signs stated in clinical prose that the shared grammar (built for note sections) does
# not read, each a value the KTAS / NEWS2 / NG51 floors need: "tachycardic to 140",
# "hypotensive to 70/40", "85/palpable", "febrile to 39.8", "pulse oximetry shows 89%",
# "saturating 84% on air", "82 percent", "systolic blood pressure of 75", "breathing 40 times
# a minute". Read only where the shared grammar found nothing for that sign.
_PROSE_VITALS: list[tuple[str, re.Pattern[str]]] = [
    ("heart_rate", re.compile(r"\b(?:tachycardic|bradycardic)\s+(?:to|at|with a rate of|of)\s+"
                              r"(\d{2,3})\b", re.I)),
    ("systolic_bp", re.compile(r"\bhypotensi\w*\s+(?:to|at|with (?:a )?(?:blood pressure|bp) of)"
                               r"\s+(\d{2,3})(?:\s*/\s*\d{2,3})?", re.I)),
    ("systolic_bp", re.compile(r"(?<![\d/.])(\d{2,3})\s*/\s*palp(?:able|\.)?", re.I)),
    ("systolic_bp", re.compile(r"\bsystolic(?:\s+blood)?\s+pressure\s*(?:is|was|of|:)?\s*"
                               r"(?:of\s+)?(\d{2,3})\b", re.I)),
    ("temperature", re.compile(r"\b(?:febrile|pyrexial|temperature (?:rose|rising|spiked))\s+"
                               r"(?:to|at|of)\s+(\d{2,3}(?:\.\d)?)", re.I)),
    ("spo2", re.compile(r"\b(?:pulse\s+oximetry|oximetry|oxygen\s+saturation|o2\s+sat\w*|"
                        r"saturation)\s+(?:shows?|showed|reveals?|revealed|demonstrates?|"
                        r"demonstrated|reads?|is|was|of)\s+(?:an?\s+)?(?:oxygen\s+saturation\s+"
                        r"of\s+)?(\d{2,3})\s*(?:%|percent)", re.I)),
    ("spo2", re.compile(r"\bsaturating\s+(?:at\s+)?(\d{2,3})\s*(?:%|percent)", re.I)),
    ("respiratory_rate", re.compile(r"\bbreathing\s+(?:at\s+)?(\d{1,2})\s+(?:times|breaths)\s+"
                                    r"(?:a|per)\s+minute", re.I)),
]
_PLAUSIBLE = {"heart_rate": (20, 300), "systolic_bp": (30, 300), "temperature": (25, 110),
              "spo2": (40, 100), "respiratory_rate": (2, 80)}


# (trifix14d, issue 21) Lay forms of the oxygen level and the heart rate, read only where no
# other reader found that sign: "sats 89", "saturations are 90%", "oxygen 88%", "my oxygen level
# is 88", "oxygen sats 86 on air"; "fast heartbeat 180", "heart beat is 150", "pulse is at 160".
# Plausible values only (SpO2 50-100 %, heart rate 25-250 /min), and never a count, a flow, an
# age or a unit of something else ("oxygen tank 88 litres", "on oxygen 60%" is a delivered
# concentration, "pulse 2 days", "heart rate app").
_LAY_FILLER = (r"(?:\s*(?:[:=,]|\b(?:is|was|are|were|of|at|about|around|down to|dropped to|"
               r"fell to|went down to|only|now|reading|reads|read|says|said|showing|shows|"
               r"racing at|going at|up to|over|just|me)\b))*\s*")
_LAY_NOT_AFTER = (r"(?!\d|\.\d|\s*(?:l\b|litres?|liters?|lpm|l/min|years?|yrs?|yo\b|days?|weeks?|"
                  r"months?|hours?|hrs?|mins?|minutes?|times?|mg|mcg|kg|lbs?|ml|/\s*\d|"
                  r"over\s+\d|x\b))")
_LAY_VITALS: list[tuple[str, re.Pattern[str], tuple[float, float]]] = [
    ("spo2", re.compile(r"\b(?:(?:o2|oxygen)\s+)?(?:sats|saturations?|sat)\b" + _LAY_FILLER
                        + r"(\d{2,3})" + _LAY_NOT_AFTER + r"\s*(?:%|percent)?", re.I), (50, 100)),
    ("spo2", re.compile(r"\b(?:blood\s+)?oxygen(?:\s+(?:levels?|readings?|saturations?|sats?))?"
                        + _LAY_FILLER + r"(\d{2,3})" + _LAY_NOT_AFTER + r"\s*(?:%|percent)?",
                        re.I), (50, 100)),
    ("heart_rate", re.compile(r"\b(?:heart\s*(?:beat|rate)|pulse(?:\s+rate)?)" + _LAY_FILLER
                              + r"(\d{2,3})" + _LAY_NOT_AFTER, re.I), (25, 250)),
]
# "on oxygen 60%", "on 2 litres of oxygen": a delivered oxygen, not a saturation
_ON_BEFORE = re.compile(r"\b(?:on|with|give\w*|needs?|using|uses)\s+(?:home\s+)?$", re.I)


def _read_lay_vitals(p: Presentation, text: str, cut: list[tuple[int, int]]) -> None:
    """Lay forms of SpO2 and heart rate (see ``_LAY_VITALS``)."""
    for name, rx, (lo, hi) in _LAY_VITALS:
        if getattr(p.vitals, name) is not None:
            continue
        for m in rx.finditer(text):
            if _ON_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
                continue
            value = float(m.group(1))
            if not lo <= value <= hi:
                continue
            setattr(p.vitals, name, value)
            p.evidence[name] = m.group(0)
            cut.append(m.span())
            break


def _read_prose_vitals(p: Presentation, text: str, cut: list[tuple[int, int]]) -> None:
    """Vital signs in prose forms the shared grammar misses (see ``_PROSE_VITALS``)."""
    for name, rx in _PROSE_VITALS:
        if getattr(p.vitals, name) is not None:
            continue
        m = rx.search(text)
        if m is None:
            continue
        value = float(m.group(1))
        lo, hi = _PLAUSIBLE[name]
        if not lo <= value <= hi:
            continue
        if name == "temperature" and value > 45:  # a Fahrenheit value (no unit given)
            value = round((value - 32) * 5 / 9, 1)
        setattr(p.vitals, name, value)
        p.evidence[name] = m.group(0)
        cut.append(m.span())


def _read_rate_ranges(p: Presentation, text: str, cut: list[tuple[int, int]]) -> None:
    """Heart rates the shared grammar misses or reads as the lower end of a range."""
    m = _HR_RANGE.search(text)
    if m:
        lo, hi = float(m.group(1)), float(m.group(2))
        if 20 <= lo <= hi <= 300 and (p.vitals.heart_rate is None
                                      or p.vitals.heart_rate in (lo, hi)):
            p.vitals.heart_rate = hi
            p.evidence["heart_rate"] = m.group(0)
            cut.append(m.span())
            return
    if p.vitals.heart_rate is None:
        m = _HR_RATE_OF.search(text)
        if m and 20 <= float(m.group(1)) <= 300:
            p.vitals.heart_rate = float(m.group(1))
            p.evidence["heart_rate"] = m.group(0)
            cut.append(m.span())


# Speech transcripts (ACI-bench dialogues) split a contraction off its verb: "i ca n't walk",
# "it does n't help", "i do n't have a fever". Every pattern and negation cue of the triage
# path spells the joined form ("can't", "doesn't", "don't"), so a transcript's blocker ("ca n't
# put weight") went unread and its negation ("do n't have chest pain") was missed. The rejoin
# runs before anything reads the text, so every span and quoted piece of evidence refers to
# the rejoined text (the only change: one space dropped before each "n't").
# (trirob) ... and with its apostrophe dropped too ("i ca nt catch my breath", "it does nt
# help"): only after the verbs that take "n't" (a lone "nt" after another word is no
# contraction) and only a lower-case "nt" standing alone ("is NT raised", "nt-proBNP" are a
# nuchal translucency and a peptide), so that ``normalise`` then reads the joined form.
_SPLIT_NT = re.compile(r"(?<=[a-z]) n['\u2019]t\b", re.I)
_SPLIT_NT_BARE = re.compile(
    r"\b(ca|do|does|did|is|are|was|were|has|have|had|could|would|should|wo|must|need|ai)"
    r"\s+(?-i:nt)(?![\w'-])", re.I)


def rejoin_contractions(text: str) -> str:
    """``text`` with transcript-split contractions ("does n't" -> "doesn't") rejoined."""
    return _SPLIT_NT_BARE.sub(r"\1n't", _SPLIT_NT.sub("n't", text))


def parse_case(case: dict[str, Any]) -> Presentation:
    """Read one CONTRACT input record; raise InputError when it cannot be triaged."""
    if not isinstance(case, dict):
        raise InputError("a case must be a JSON object with at least `id` and `text`")
    text = case.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("case has no `text` (the free-text presentation is required)")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"case text has {len(text)} characters; triage takes at most "
                         f"{MAX_TEXT_CHARS} (send the presentation, not the whole record)")
    # one writing for every reader below (apostrophes, number words, temperature units, case)
    text = normalise(rejoin_contractions(text))
    joined = rejoin_wrapped_lists(text)
    if joined != text:
        p = _parse_text({**case, "text": joined}, joined)
        p.as_written = _parse_text(case, text)
        return p
    return _parse_text(case, text)


def _parse_text(case: dict[str, Any], text: str) -> Presentation:
    """``parse_case`` on the already normalised ``text``."""
    p = Presentation(id=str(case.get("id", "case")), text=text, complaint=text)
    cut: list[tuple[int, int]] = []

    for v in find_vitals(text):
        if v.name in ("systolic_bp", "diastolic_bp", "heart_rate", "respiratory_rate",
                      "temperature", "spo2") and getattr(p.vitals, v.name) is None:
            setattr(p.vitals, v.name, v.value)
            p.evidence[v.name] = v.raw
        cut.append(v.span)
    _read_rate_ranges(p, text, cut)
    _read_prose_vitals(p, text, cut)
    _read_lay_vitals(p, text, cut)
    m = _GCS.search(text)
    if m:
        p.vitals.avpu = _gcs_to_avpu(int(m.group(1)))
        p.evidence["avpu"] = m.group(0)
        cut.append(m.span())
    else:
        for pattern, code in _AVPU_TEXT:
            m = next((m for m in pattern.finditer(text)
                      if (pattern is not _NO_RESPONSE_VERB or not _responds_otherwise(text, m))
                      and (code != "A" or not _usual_alert(text, m))
                      # (tri14c) a denied confusion, closed right after the denial ("he's not
                      # confused.", "alert and not confused.", "she isn't confused,"): no new
                      # confusion (NEWS2 ACVPU: "C" is new confusion); not "not confused but
                      # drowsy", "not confused before, now ...", "isn't confused arm weak"
                      # (``negation.lay_denied``: a closed direct object only)
                      and (code != "C" or not lay_denied(text, m.start(), m.end(), bare_not=True))),
                     None)
            if m:
                p.vitals.avpu = code
                p.evidence["avpu"] = m.group(0)
                break
    if _OXYGEN.search(text):
        p.vitals.on_oxygen = True
    elif _ROOM_AIR.search(text):
        p.vitals.on_oxygen = False
    if re.search(r"\bCOPD\b|\bhypercapni|target (?:sats?|spo2) 88", text, re.I):
        p.vitals.hypercapnic = True

    p.age, ev = parse_age(text)
    if ev:
        p.evidence["age"] = ev
        m = re.search(re.escape(ev), text)
        if m:
            cut.append(m.span())
    p.sex, ev = parse_sex(text)
    if ev:
        p.evidence["sex"] = ev
    m = _ONSET.search(text)
    if m:
        p.onset = next(g for g in m.groups() if g)
    m = _SUDDEN.search(text)
    if m:
        p.sudden = True
        p.onset = p.onset or m.group(0).lower()
    m = _PAIN.search(text)
    if m:
        score = int(m.group(1) or m.group(2))
        if 0 <= score <= 10:
            p.pain = score
            p.evidence["pain"] = m.group(0)
    for pattern, mode in _ARRIVAL_TEXT:
        m = pattern.search(text)
        if m:
            p.arrival, p.evidence["arrival"] = mode, m.group(0)
            break
    m = _INJURY.search(text)
    p.injury = bool(m)
    p.complaint = _complaint(text, cut)
    _apply_explicit(p, case)
    return p


def _apply_explicit(p: Presentation, case: dict[str, Any]) -> None:
    """Structured fields override the text."""
    age = case.get("age")
    if age is not None:
        a = _num(age, "age")
        if a is None or not 0 <= a <= 130:
            raise InputError(f"`age` must be years between 0 and 130, got {age!r}")
        p.age = a
    sex = case.get("sex")
    if isinstance(sex, str) and sex.strip():
        s = sex.strip().upper()[:1]
        if s in ("F", "M"):
            p.sex = s
    vit = _explicit_vitals(case.get("vitals"))
    from assistant.clinical.ranges import check_vital  # NaN, inf, impossible -> InputError

    for name in ("systolic_bp", "diastolic_bp", "heart_rate", "respiratory_rate",
                 "temperature", "spo2"):
        if name in vit:
            value = check_vital(name, _num(vit[name], name))
            if value is not None:
                setattr(p.vitals, name, value)
                p.evidence[name] = f"{name}={value:g} (given)"
    if "avpu" in vit and vit["avpu"] is not None:
        code = str(vit["avpu"]).strip().upper()[:1]
        if code not in ("A", "C", "V", "P", "U"):
            raise InputError(f"vitals.avpu must be one of A, V, P, U; got {vit['avpu']!r}")
        p.vitals.avpu = code
        p.evidence["avpu"] = f"AVPU {code} (given)"
    if "on_oxygen" in vit and vit["on_oxygen"] is not None:
        p.vitals.on_oxygen = bool(vit["on_oxygen"])
    pain = vit.get("pain", case.get("pain"))
    if pain is not None:
        value = _num(pain, "pain")
        if value is not None and 0 <= value <= 10:
            p.pain = int(round(value))
    arrival = case.get("arrival")
    if isinstance(arrival, str) and arrival.strip():
        a = arrival.strip().lower()
        p.arrival = a if a in ARRIVALS else "other"
    injury = case.get("injury")
    if isinstance(injury, bool):
        p.injury = injury
