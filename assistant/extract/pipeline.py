"""The extraction pipeline: one note -> one ``ExtractionRecord`` (CONTRACT.md).

Rules do the work (sections, vocabulary + ConText, medication/vital/lab/allergy grammars);
the language model, when ``settings.use_llm``, proposes names the rules missed, and each
proposal is kept only if it can be grounded to a span of the note and re-read there by the
rules (its status and attributes come from the note text, not from the model).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.batch import key_hash  # ids can be MRNs or names: logs get a hash
from assistant.clinical.allergies import (
    _REACTION,
    _REACTION_TERM,
    allergen_line,
    ends_allergy_list,
    find_prose_allergies,
    nka_in,
    nka_stated,
    parse_allergy_list,
)
from assistant.clinical.allergy_taken import taken_in_list
from assistant.clinical.allergy_told import told_allergies
from assistant.clinical.context import AssertionEngine, get_engine
from assistant.clinical.drug_names import combination_name
from assistant.clinical.findings import (
    GENERAL_NOUNS,
    adjective_findings,
    exam_findings,
    is_newborn_note,
    maternal_sentence,
    normal_exam_findings,
    not_about_patient,
    pain_findings,
    palpable_findings,
    part_pain_findings,
    repaired_in_past,
    sign_eponyms,
    sign_findings,
    site_findings,
    structure_state_findings,
    urinary_findings,
)
from assistant.clinical.findings_mse import mse_findings
from assistant.clinical.findings_pain import bare_pain_findings
from assistant.clinical.habits import HABIT_NAMES, habit_findings
from assistant.clinical.labs import find_labs
from assistant.clinical.medications import (
    MedMention,
    attributes_at,
    drug_codes,
    find_medication_mentions,
    find_names,
    is_drug_name,
)
from assistant.clinical.sections import (
    Section,
    find_sections,
    normalise_layout,
    restore_flattened_breaks,
    section_at,
)
from assistant.clinical.study_results import not_a_problem
from assistant.clinical.vitals import find_vitals
from assistant.clinical.vocabulary import Concept, ProblemVocabulary, get_vocabulary
from assistant.clinical.wordings import (
    Wording,
    lab_word_findings,
    neoplasm_findings,
    not_a_result,
    part_after_findings,
    predicate_findings,
    region_exam_findings,
    vital_word_findings,
)
from assistant.config import Settings
from assistant.errors import InputError, StructuredOutputError
from assistant.extract.grounding import as_written, grounded
from assistant.extract.io import map_spans_back, strip_invisible
from assistant.schema import Allergy, ExtractionRecord, Lab, Medication, Problem, Vital
from assistant.text import note_sentence_spans as sentences  # the note splitter (also for tests)

log = logging.getLogger(__name__)

#: Sections whose words are not patient problems (drug names, reactions, procedures, habits).
# "vitals" and "labs" are not here: in real notes their headers are followed by the exam and
# imaging findings ("VITAL SIGNS: ... LUNGS: crackles"), and the numbers themselves are
# excluded through the vital and lab spans. Nor is "ed_course" (issue 16 NegEx round 6): the
# findings and diagnoses stated there ("EKG reveals atrial flutter") are the patient's.
_NO_PROBLEM_SECTIONS = {"medications", "discharge_medications", "allergies",
                        "psh", "social_history"}
_NO_MED_SECTIONS = {"allergies", "family_history", "labs", "vitals", "social_history"}
#: probe13: "for" (and up to two words: "occasional", "his") right before a condition in a
#: medication list: the drug's indication ("Singulair for occasional asthma")
_INDICATION_BEFORE = re.compile(r"\bfor\s+(?:[a-z]+\s+){0,2}$", re.I)
#: Review of probe13: a drug no longer taken names no current problem ("Discontinued:
#: metformin for diabetes", "Albuterol for asthma as a child", "previously on ...")
_NOT_CURRENT_DRUG = re.compile(
    r"\b(?:discontinu\w*|d/c'?d|stopped|stop|previous(?:ly)?|prior|past|former(?:ly)?|"
    r"no\s+longer|used\s+to|took|was\s+on|were\s+on|as\s+an?\s+(?:child|teen\w*|infant|"
    r"adolescent|kid)|in\s+(?:childhood|the\s+past)|years?\s+ago)\b", re.I)
#: An item of a medication list: from the last stop, line break or comma (not a thousands
#: comma, "1,000 mg") before it to the next stop or line break, its comma-parts after it kept
#: until one names another drug ("X for HTN, Y for DM, previously on Z": Z's part is its own;
#: "Albuterol for asthma, as a child": one item)
_ITEM_END = re.compile(r"[.;\n]")
_PART_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_ITEM_BOUNDS = re.compile(f"{_ITEM_END.pattern}|{_PART_COMMA.pattern}")
#: a trailing part that tells the item's status ("..., stopped", "..., as a child")
_TRAILING_STATUS = re.compile(r"\s*(?:stopped|discontinu\w*|d/c'?d|held|no\s+longer|previously|"
                              r"formerly|as\s+an?\s+(?:child|teen\w*|infant|adolescent|kid)|"
                              r"in\s+(?:childhood|the\s+past))\b", re.I)


def _chronic_indication(text: str, m: Any) -> bool:
    """A chronic condition named as a listed drug's indication ("Singulair for occasional
    asthma", "lisinopril for hypertension"): the patient has it, so it is a problem although
    it stands in a medication list. Symptoms ("for pain", "for nausea") stay the drug's
    indication only (chronic = the ICD-10-CM prefixes of ``_CHRONIC_PREFIXES``)."""
    code = m.concept.icd10
    if not (code and code.startswith(_CHRONIC_PREFIXES)
            and _INDICATION_BEFORE.search(text, max(0, m.start - 30), m.start)):
        return False
    # the drug's own item (to the nearest comma, stop or line break) must not say it is no
    # longer taken; the list's title is checked by the caller (review of probe14: the whole
    # line let "previously on atenolol" hide "lisinopril for hypertension")
    starts = [b.end() for b in _ITEM_BOUNDS.finditer(text, 0, m.start)]
    item_start = starts[-1] if starts else 0
    nxt = _ITEM_END.search(text, m.end)
    item_end = nxt.start() if nxt else len(text)
    drugs = [mm.start for mm in find_medication_mentions(text[item_start:item_end])]
    first = _PART_COMMA.search(text, m.end, item_end)
    cut = first.start() if first else item_end  # the condition's own part
    for comma in _PART_COMMA.finditer(text, m.end, item_end):
        part_end = _PART_COMMA.search(text, comma.end(), item_end)
        part = (comma.end() - item_start, (part_end.start() if part_end else item_end) - item_start)
        if any(part[0] <= d < part[1] for d in drugs) or not _TRAILING_STATUS.match(text, comma.end()):
            break  # the next drug's own item, or a part that is no status ("started 5 years ago")
        cut = item_start + part[1]
    return not _NOT_CURRENT_DRUG.search(text, item_start, cut)


#: ICD-10-CM prefixes of chronic conditions: "history of HTN" means the patient still has it.
_CHRONIC_PREFIXES = ("E0", "E1", "E03", "E66", "E78", "I1", "I25", "I42", "I48", "I50", "J44",
                     "J45", "K21", "K74", "F", "G20", "G43", "G47", "M", "N18", "N40", "L40",
                     "L30", "I85", "B18", "D64")
#: Section titles of an operative note's body: drugs named there were used in the operation.
_PROCEDURE_TITLE = re.compile(r"procedure|operation|operative|technique|description|"
                              r"anesthesia|findings", re.I)
#: The vocabulary's own reads of a smoking habit: habits.py gives the habit items (guideline
#: round 6), so these are kept only when stated as a disorder.
_VOCAB_HABITS = frozenset({"smoking", "tobacco use disorder"})
#: The words of the smoking habit itself ("a smoker", "history of tobacco use"): a history item,
#: not the disorder (the guideline: habits are problems only when stated as a diagnosis,
#: "tobacco abuse", "nicotine dependence"); issue 16 problem round 2.
_HABIT_WORDS = re.compile(r"(?:non-?)?smok(?:er|ers|es|ing)|tobacco\s+use|cigarette\s+use",
                          re.I)
#: A procedure or operation header line ("TYPE OF PROCEDURE:", "OPERATION PERFORMED:").
#: (xmetfix, safety review) the colon is required: a lone colon-less "PROCEDURES" /
#: "OPERATIONS" line in a clinic note made its home drugs read "given"
_PROCEDURE_HEADER = re.compile(r"^[ \t]*(?:TYPE OF |NAME OF )?(?:PROCEDURES?|OPERATIONS?)"
                               r"(?: PERFORMED)?[ \t]*:", re.MULTILINE)
#: A procedure title's content that names no procedure ("PROCEDURE: None.", "None planned",
#: "N/A", "Not done", "Declined"): no procedure report (xmetfix, safety review)
_NO_PROCEDURE = re.compile(r"[ \t]*\n?[ \t]*(?:none(?:[ \t]+planned)?|n/?a|not[ \t]+"
                           r"(?:done|performed)|declined(?:[ \t]+by[ \t]+(?:the[ \t]+)?"
                           r"patient)?)[ \t]*[.,;]?[ \t]*(?:\n|$|,)", re.I)


def _names_procedure(text: str) -> bool:
    """Whether a procedure title with its colon names a procedure (its content is not
    "None." / "N/A" / "Not done" / "Declined")."""
    return any(not _NO_PROCEDURE.match(text, m.end())
               for m in _PROCEDURE_HEADER.finditer(text))
#: A discharge summary's own header line: the admission's or discharge's diagnoses
#: ("ADMISSION DIAGNOSES:", "DISCHARGE DIAGNOSIS:"). p18fix: only these; a procedure note's
#: "DISCHARGE ORDERS:", "DISCHARGE SUMMARY: Following the completion of this procedure ..."
#: or "DISCHARGE PRESCRIPTIONS:" tells where the patient went after it, and its drugs given in
#: the procedure stay given (MTSamples epidural injections and a styloidectomy read active)
_DISCHARGE_HEADER = re.compile(r"^[ \t]*(?:ADMISSION|ADMITTING|DISCHARGE)[ \t]+"
                               r"DIAGNOS[IE]S[ \t]*(?::|$)", re.MULTILINE)
#: A drug's home-use wording ("takes warfarin 5 mg daily at home", "is on metoprolol"): under a
#: procedure title of a run-on vitals section such a drug is a home medicine, not one given in
#: the procedure (the final review of this session); it is left out there as before probe14
_HOME_DRUG_WORDS = re.compile(r"\b(?:takes|taking|is on|was on|at home|home|daily|nightly)\b", re.I)
_SENTENCE_STOPS = re.compile(r"[.;\n](?=\s|$)")


def _home_drug(text: str, start: int, end: int) -> bool:
    """Home-use wording (:data:`_HOME_DRUG_WORDS`) within 40 characters of a drug, in its own
    sentence (a procedure's "heparin was given. He takes aspirin daily" keeps heparin)."""
    stops = [k.end() for k in _SENTENCE_STOPS.finditer(text, max(0, start - 40), start)]
    lo = stops[-1] if stops else max(0, start - 40)
    nxt = _SENTENCE_STOPS.search(text, end, end + 40)
    hi = nxt.start() if nxt else min(len(text), end + 40)
    return bool(_HOME_DRUG_WORDS.search(text, lo, hi))


#: A capitalised "TITLE:" at a line start (a header the section rules do not know).
_LINE_TITLE = re.compile(r"^[ \t]*([A-Z][A-Z /&]{2,40})[ \t]*:", re.MULTILINE)


def _under_procedure_title(text: str, start: int, pos: int) -> bool:
    """Whether the last unknown "TITLE:" line between ``start`` and ``pos`` names a procedure
    part ("ANESTHESIA:", "DETAILS OF PROCEDURE:"): a vitals section runs on over such headers
    (probe14), and the drugs under them were used in the procedure."""
    titles = _LINE_TITLE.findall(text, start, pos)
    return bool(titles) and bool(_PROCEDURE_TITLE.search(titles[-1]))


_DISCHARGED_WITH = re.compile(r"\bdischarged\b[^.;\n]{0,80}\b(?:with|on)\b[^.;\n]*$", re.I)
_CONTINUE_USUAL = re.compile(r"\b(?:continue|resume)s?\s+(?:on\s+)?(?:all\s+)?(?:of\s+)?"
                             r"(?:her|his|their|the)\s+(?:usual|home|regular|previous|"
                             r"outpatient|other)\s+(?:home\s+)?(?:medications?|meds)\b", re.I)
#: probe15: a plan that introduces a list of the usual drugs ("discharged home to continue her
#: previous home medications, which are: 1. Actos 45 mg a day ..."): its unmarked drugs go on
_CONTINUED_LIST = re.compile(_CONTINUE_USUAL.pattern + r"[^.\n]{0,30}?(?::|\bwhich\s+(?:are|include)\b)",
                             re.I)


_ITEM_TAIL = re.compile(r"[^\n]{0,80}?(?=\n|,\s*\d+\.|$)")
_ITEM_STARTED = re.compile(r"\b(?:added|new|start\w*|initiat\w*|begin|began|begun)\b", re.I)


def _continued_list(text: str, start: int, pos: int) -> bool:
    """Whether a :data:`_CONTINUED_LIST` introduction stands between ``start`` (the section's
    body) and ``pos`` (a drug with no status word of its own)."""
    if _CONTINUED_LIST.search(text, start, pos) is None:
        return False
    item = _ITEM_TAIL.match(text, pos)  # the drug's own item: "Norvasc 5 mg was added" is new
    return not (item and _ITEM_STARTED.search(item.group()))


#: ext13c: the explicit change marks of a discharge list's item ("- NEW", "(continue)",
#: "resume", "stop", "discontinue", "changed", "increased", "decreased"): a list written with
#: them marks its changes, so its unmarked items go on. An item's bare "on"/"taking" ("He was
#: on Seroquel 25 mg at bedtime", mts-3396) is no mark: the probe-3 rule decides it.
_CHANGE_MARK = re.compile(
    r"\b(?:new(?![- ]onset)|"
    # (not a course's length or a taper: "continue until finished", "decrease by 10 mg every
    # 3 days"; not an order on a condition: "stop if rash develops")
    r"(?:continue[ds]?|continuing)(?!\s+(?:until|till|for|through)\b)"
    # (extfix13c: nor a state that goes on, "continues to have chest pain": a continuation
    # mark is about a drug, "continue to take it", "continues to be on aspirin")
    r"(?!\s+to\s+(?!(?:take|use|receive|be\s+on)\b))|resume[ds]?|"
    # (the other words of a drug going on: "remains on", "unchanged", "same dose")
    r"remain(?:s|ed|ing)?\s+on|unchanged|same\s+dose|"
    # (nor a taper's or course's next step: "..., then 10 mg x14 days, then discontinue")
    r"(?<!then\s)(?:stop(?:ped)?|discontinue[ds]?)(?!\s+(?:it\s+|them\s+)?(?:if|when|once|"
    r"after|until|unless)\b)|changed|"
    r"(?<!then\s)(?:increase|decrease)[ds]?(?!\s+(?:by|every|each|as)\b))\b", re.I)
#: an inline list number ("1. A, 2. B"): one list item ends at it or at the line's end
_LIST_NUMBER = re.compile(r"(?<![\d.])\b\d{1,2}[.)](?=\s)")


#: extfix13c: where the bare words of :data:`_CHANGE_MARK` start (a mark matches only there)
_MARK_START = re.compile(r"\b(?:new|continu|resume|remain|unchanged|same|stop|discontinu|"
                         r"changed|increase|decrease)", re.I)
#: a sentence's or an item's end inside a list's line ("Keflex. Stop lisinopril ...")
# (not an abbreviation's stop, "p.o.", "b.i.d.")
_ITEM_STOP = re.compile(r"(?<!\b[A-Za-z])[.!?;](?=\s+[A-Za-z])")


class _Cover:
    """Whether an offset lies inside any of a set of spans, found by bisection (extfix13c:
    each problem was checked against every drug's span, minutes on a long line of drugs)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []  # the furthest end of the spans starting up to here
        far = -1
        for _, b in ordered:
            far = max(far, b)
            self.reach.append(far)

    def covers(self, pos: int) -> bool:
        """Whether some span ``(s, e)`` has ``s <= pos < e``."""
        i = bisect_right(self.starts, pos)
        return bool(i) and self.reach[i - 1] > pos


class _ItemMarks:
    """The change marks of one note's discharge-list items, indexed once per note so a long
    line is not scanned again for each of its drugs (extfix13c: a 50,000-character line of
    drugs took minutes). ``spans`` are the note's drug mentions (start, end)."""

    def __init__(self, text: str, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.text = text
        self.numbers = [(m.start(), m.end()) for m in _LIST_NUMBER.finditer(text)]
        self.number_starts = [a for a, _ in self.numbers]
        self.number_ends = [b for _, b in self.numbers]
        self.marks = [m.start() for m in _MARK_START.finditer(text)]
        self.stops = [m.start() for m in _ITEM_STOP.finditer(text)]
        self.drugs = sorted({a for a, _ in spans})

    def _stop_between(self, a: int, b: int) -> int | None:
        """The first sentence/item stop in ``a``..``b``, if any."""
        i = bisect_right(self.stops, a - 1)
        return self.stops[i] if i < len(self.stops) and self.stops[i] < b else None

    def _other_drug(self, p: int, lo: int, hi: int, own: int) -> bool:
        """Whether the sentence holding the mark at ``p`` (inside the item ``lo``..``hi``)
        names a drug other than the one at ``own``."""
        i = bisect_right(self.stops, p - 1)  # stops before p: self.stops[:i]
        s_lo = max(lo, self.stops[i - 1] + 1) if i else lo
        s_hi = min(hi, self.stops[i]) if i < len(self.stops) else hi
        j = bisect_right(self.drugs, s_lo - 1)
        return any(d != own for d in self.drugs[j:j + 3] if d < s_hi)

    def mark(self, start: int, end: int) -> str | None:
        """The explicit change mark (:data:`_CHANGE_MARK`, lower case) of the discharge-list
        item holding the drug at ``start``..``end`` (its line, cut at inline list numbers);
        a mark in another sentence of the item that names a drug of its own is that drug's
        (extfix13c: "Discharge meds include Keflex. Stop lisinopril due to cough.")."""
        text = self.text
        lo = text.rfind("\n", 0, start) + 1
        # the last inline number inside lo..start (its lookahead inside the window)
        i = bisect_right(self.number_ends, start - 1)
        if i and self.number_starts[i - 1] >= lo:
            lo = self.number_ends[i - 1]
        hi = text.find("\n", end)
        hi = len(text) if hi < 0 else hi
        # the first inline number after the drug whose lookahead stays inside the line
        k = bisect_right(self.number_starts, end - 1)
        if k < len(self.numbers) and self.number_ends[k] < hi:
            hi = self.number_starts[k]
        for p in self.marks[bisect_right(self.marks, lo - 1):]:
            if p >= hi:
                break
            m = _CHANGE_MARK.match(text, p, hi)
            if m is None:
                continue
            between = self._stop_between(end, p) if p >= end else self._stop_between(m.end(), start)
            if between is not None and self._other_drug(p, lo, hi, start):
                continue
            return m.group().lower()
        return None


def _item_mark(text: str, start: int, end: int) -> str | None:
    """The change mark of the discharge-list item holding one drug (:meth:`_ItemMarks.mark`;
    no other drug known)."""
    return _ItemMarks(text).mark(start, end)


def _marked_status(mark: str) -> str:
    """The status an item's own change mark says: "- stop" / "discontinued" stops the drug,
    "NEW" starts it, the rest ("continue", "resume", "changed", "increased") keep it going."""
    if mark.startswith(("stop", "discontinue")):
        return "discontinued"
    return "new" if mark == "new" else "active"


#: ext13c: a resolution told of an earlier episode ("He had chest pain in 2019 which resolved
#: with stenting", "a similar headache last year that resolved"): the past episode, not the
#: end of the current one (the probe-3 convention reads drugs the same way: an "N years ago"
#: / "previous admission" marker in the sentence makes it a past episode). Days and weeks are
#: left out: "fever for 3 days, now resolved" can be this episode.
_PAST_EPISODE = re.compile(r"\b(?:(?:\d+|a|an|one|two|three|four|five|six|several|few|many)\s+"
                           r"(?:months?|years?)\s+(?:ago|before|earlier)|(?:in|since)\s+"
                           r"(?:(?:early|late|mid)[- ])?(?:19|20)\d\d|last\s+(?:month|year)|"
                           r"in\s+the\s+past(?!\s+(?:\w+\s+)?(?:hours?|days?|weeks?|months?|year))|"
                           r"previously(?!\s+(?:noted|described|seen|mentioned|reported|"
                           r"documented|discussed))|(?:a|one)\s+(?:prior|previous)\s+"
                           r"(?:episode|admission|hospitali[sz]ation)|(?:prior|previous|past)\s+"
                           r"(?:episode|admission|hospitali[sz]ation)s?|a\s+similar)\b", re.I)


_HISTORY_SECTIONS = {"hpi", "pmh", "psh", "ros", "social_history", "family_history",
                     "chief_complaint", "hospital_course"}
_SALT_WORDS = {"tartrate", "succinate", "hcl", "sodium", "potassium", "er", "xl", "sr"}
# A current suspicion outranks a past event of the same concept ("history of stroke, now ...
# concerning for acute stroke" is a possible stroke now, not only a past one).
_PROBLEM_RANK = {"present": 0, "possible": 1, "historical": 2, "absent": 3}


#: the widest stretch (characters) over which a repeated dose takes the sig written with it
_BORROW_SPAN = 400

class LLMProblem(BaseModel):
    text: str = Field(max_length=80)
    status: Literal["present", "absent", "possible", "historical", "family"]


class LLMMedication(BaseModel):
    name: str = Field(max_length=60)
    dose: str | None = Field(None, max_length=30)
    route: str | None = Field(None, max_length=20)
    frequency: str | None = Field(None, max_length=30)
    status: Literal["active", "new", "discontinued", "held", "given"] | None = None


class LLMAllergy(BaseModel):
    substance: str = Field(max_length=60)
    reaction: str | None = Field(None, max_length=40)


class LLMExtraction(BaseModel):
    """What the model may propose (constrained decoding keeps it to this shape)."""

    problems: list[LLMProblem] = Field(default_factory=list, max_length=12)
    medications: list[LLMMedication] = Field(default_factory=list, max_length=12)
    allergies: list[LLMAllergy] = Field(default_factory=list, max_length=6)


#: a control character other than the layout ones (\t \n \f \r): counted by one C-level scan
_CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


# Non-ASCII letters that IGNORECASE matching equates with ASCII ones (long s, dotless i,
# dotted capital I, Kelvin sign): a pattern matches "unreſponſive" but the rules' lookup
# tables are keyed by ASCII words (a KeyError before). The rules read them as their ASCII
# twins, one character for one, so every span holds for the note as given.
_CASE_TWINS = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "I", "\u212a": "K"})


def rules_reading(text: str) -> str:
    """The text the rules read: flattened line breaks restored, case twins folded (same length)."""
    text = normalise_layout(restore_flattened_breaks(text))
    return text if text.isascii() else text.translate(_CASE_TWINS)


def check_text(text: str, max_chars: int) -> None:
    """Raise InputError for notes that cannot be processed (empty, binary, too large)."""
    if not text or not text.strip():
        raise InputError("empty note")
    if len(text) > max_chars:
        raise InputError(f"note has {len(text)} characters, over the limit of {max_chars} "
                         "(raise max_note_chars to process it)")
    if "\x00" in text:
        raise InputError("note looks binary (NUL bytes)")
    ctrl = len(_CONTROL_CHAR.findall(text, 0, 10000))
    if ctrl > 0.05 * min(len(text), 10000):
        raise InputError("note looks binary (control characters)")


class Extractor:
    """Note text -> ExtractionRecord. Rules always; the LLM only when ``settings.use_llm``."""

    def __init__(self, settings: Settings, backend: Any | None = None) -> None:
        self.settings = settings
        self._backend = backend
        self.vocab: ProblemVocabulary = get_vocabulary(str(settings.cache_dir))
        # eponymous exam signs named in HPO ("babinski sign", "positive romberg sign")
        self._eponyms = sign_eponyms(self.vocab.hpo)
        self.context: AssertionEngine = get_engine()

    # ------------------------------------------------------------------ public
    def extract(self, text: str, note_id: str, *, use_llm: bool | None = None) -> ExtractionRecord:
        """The CONTRACT record for one note (raises InputError for unprocessable notes).

        ``use_llm`` overrides the per-task policy (``llm.extraction``) for this call; the chat
        passes False to show the rules record before an LLM pass.

        Zero-width characters can hide a word from the rules ("metf\u200bormin"): the rules
        read the text without them and every span is mapped back, so spans index ``text`` as
        given, on every path (CLI, chat, batch tab, evals).
        """
        check_text(text, self.settings.max_note_chars)
        visible, offsets = strip_invisible(text)
        return map_spans_back(self._extract_visible(visible, note_id, use_llm), offsets)

    def _extract_visible(self, text: str, note_id: str,
                         use_llm: bool | None = None) -> ExtractionRecord:
        work = rules_reading(text)  # same length: spans hold for ``text``
        record = self.extract_rules(work, note_id)
        if self.settings.llm_for("extraction") if use_llm is None else use_llm:
            try:
                self._merge_llm(work, record)
            except StructuredOutputError as exc:
                log.warning("note %s: LLM output rejected (%s); rules-only record kept",
                            key_hash(note_id), type(exc).__name__)
        return _nka_guard(grounded(as_written(record, text), text, self.vocab, work))

    def extract_rules(self, text: str, note_id: str) -> ExtractionRecord:
        """Deterministic rules only (the ``--no-llm`` path). Notes whose line breaks were
        flattened into commas are read with the breaks restored (offsets unchanged)."""
        original = text
        text = rules_reading(text)
        record = self._rules(text, note_id)
        return record if text is original else as_written(record, original)

    def _rules(self, text: str, note_id: str) -> ExtractionRecord:
        sections = find_sections(text)
        sents = sentences(text)
        labs = self._labs(text, sections)
        vitals = find_vitals(text, falls=True, readings_only=True)  # every reading, in order
        meds = self._medications(text, sections, labs)
        allergies = self._allergies(text, sections, {m.name for m in meds})
        nka = _no_known_allergies(text, sections, allergies)
        problems = self._problems(text, sections, sents, meds, labs, vitals)
        meds = _not_allergens(meds, allergies, sections, text)
        # issue 16 (g): a combination named as the allergy list names it ("acetaminophen/
        # codeine" on both sides); the codes were read from the lexicon's own name before
        meds = [m.model_copy(update={"name": combination_name(m.name)}) for m in meds]
        return ExtractionRecord(note_id=note_id, problems=problems, medications=meds,
                                allergies=allergies, vitals=vitals, labs=labs,
                                no_known_allergies=nka)

    # ------------------------------------------------------------------ problems
    def _problems(self, text: str, sections: list[Section], sents: list[tuple[int, int]],
                  meds: list[Medication], labs: list[Lab],
                  vitals: list[Vital] | None = None) -> list[Problem]:
        taken = [m.span for m in meds] + [lab.span for lab in labs] + \
            [v.span for v in vitals or []]
        headers = [(sec.start, sec.body_start) for sec in sections]
        header_cover, taken_cover = _Cover(headers), _Cover(taken + headers)
        mentions = []
        exam = exam_findings(text)
        exam += [a for a in adjective_findings(text)
                 if not any(x.start < a.end and a.start < x.end for x in exam)]
        exam += [a for a in [*pain_findings(text, self.vocab.lookup),
                             *part_pain_findings(text, self.vocab.lookup)]
                 if not any(x.start < a.end and a.start < x.end for x in exam)]
        exam += [a for a in [*palpable_findings(text), *structure_state_findings(text),
                             *urinary_findings(text), *normal_exam_findings(text),
                             *mse_findings(text),
                             *sign_findings(text, self._eponyms, self.vocab.lookup)]
                 if not any(x.start < a.end and a.start < x.end for x in exam)]
        # tobacco / alcohol / drug use statements (round 6): also in a social history section
        exam += [a for a in habit_findings(text)
                 if not any(x.start < a.end and a.start < x.end for x in exam)]
        # "low sodium diet", "high potassium supplement": a diet or protocol, not a result
        vocab_hits = [m for m in self.vocab.find(text) if not not_a_result(text, m.start, m.end)
                      and not not_a_problem(text, m.concept.name, m.start, m.end)]
        vocab_hits += self.vocab.shared_modifier(text, vocab_hits)
        # wordings the n-gram vocabulary cannot match (assistant/clinical/wordings.py): a
        # vocabulary term of several words over the same words is kept instead
        lab_words = lab_word_findings(text, self.vocab)
        # a vital stated in words with its value ("BP low at 80/50"): its finding shares the
        # vital's words, so like a lab's it is kept inside the vital's span
        vital_words = vital_word_findings(text, self.vocab)
        lab_concepts = {w.concept.name for w in [*lab_words, *vital_words]}
        exam += [w for w in [*region_exam_findings(text), *lab_words, *vital_words,
                             *neoplasm_findings(text, self.vocab),
                             *predicate_findings(text, self.vocab),
                             *part_after_findings(text, self.vocab)]
                 if not any(x.start < w.end and w.start < x.end for x in exam) and not any(
                     v.start < w.end and w.start < v.end and len(v.concept.name.split()) > 1
                     for v in vocab_hits)]
        vocab_hits = [m for m in vocab_hits
                      if not any(x.start < m.end and m.start < x.end for x in exam)]
        # "skull fractures", "adnexal mass": a site finding replaces the bare noun the
        # vocabulary read inside it ("fracture"); a longer vocabulary term is kept instead
        for f in site_findings(text):
            # "BREAST: No masses" and "a breast mass was felt": one concept under the
            # vocabulary's name (breast lump), so the note's mentions of it merge
            known = self.vocab.lookup(f.concept.name)
            if known is not None and known.name != f.concept.name:
                f = replace(f, concept=known)
            inside = [m for m in vocab_hits if f.start < m.end and m.start < f.end]
            if any(x.start < f.end and f.start < x.end for x in exam) or any(
                    len(m.concept.name.split()) > 1 for m in inside):
                continue
            vocab_hits = [m for m in vocab_hits if m not in inside]
            exam.append(f)
        # "throat or neck pain": the modifier before the coordinator names its own problem
        vocab_hits += self.vocab.shared_head(text, [*vocab_hits, *exam])
        # bare "pain" (R52) where the note names no pain of its own (findings_pain.py)
        exam += bare_pain_findings(text, [*vocab_hits, *exam])
        for m in [*vocab_hits, *exam]:
            sec = section_at(sections, m.start)
            if (sec.name in _NO_PROBLEM_SECTIONS and not (
                    sec.name == "social_history" and m.concept.name in HABIT_NAMES)
                    and not (sec.name in _MED_LISTS and _chronic_indication(text, m)
                             and not _NOT_CURRENT_DRUG.search(sec.title))) or \
                    m.concept.name in GENERAL_NOUNS or \
                    m.concept.name.endswith(" allergy"):
                continue  # "no food allergies": the allergy list's, not a problem
            if (header_cover if isinstance(m, Wording) and m.concept.name in lab_concepts
                    else taken_cover).covers(m.start):
                continue  # a drug's or lab's words, or a section title ("... ILLNESS:")
                # (a lab stated abnormal in words is a problem: "potassium was low at 3.1")
            if m.concept.name in _VOCAB_HABITS and _HABIT_WORDS.fullmatch(text[m.start:m.end]):
                continue  # "Patient is a smoker.": the habit (habits.py), not a diagnosis
            if repaired_in_past(text, m.start, m.end):
                # "status post left inguinal hernia repair": the repaired condition is a past
                # one, not the operation's words (issue 16)
                m = _Repaired(m.concept, m.start, m.end)
            elif not_about_patient(text, m.start, m.end):
                continue  # consent risks, prophylaxis, "packet of information on X"
            mentions.append((m, sec))
        return self._assert(text, sents, _drop_repaired_recurring(mentions), source="rules")

    def _assert(self, text: str, sents: list[tuple[int, int]],
                mentions: list[tuple[Any, Section]], source: str) -> list[Problem]:
        by_sent: dict[int, list[tuple[Any, Section]]] = {}
        si = 0
        for m, sec in sorted(mentions, key=lambda x: x[0].start):
            while si < len(sents) - 1 and sents[si][1] <= m.start:
                si += 1
            by_sent.setdefault(si, []).append((m, sec))
        found: list[Problem] = []
        resolved: set[int] = set()  # indices into found: historical by a "resolved" cue
        ruled_out: set[int] = set()  # indices into found: absent by a later "ruled out"
        newborn = is_newborn_note(text)
        for si, items in by_sent.items():
            s, e = sents[si] if sents else (0, len(text))
            statuses = self.context.classify_detail(
                text[s:e], [(max(0, m.start - s), min(e, m.end) - s) for m, _ in items])
            maternal = maternal_sentence(text[s:e], newborn)
            clause_ends: _ClauseEnds | None = None  # made on first use, once per sentence
            for (m, sec), (status, cue) in zip(items, statuses, strict=True):
                if status == "absent" and cue == "resolved":
                    status = "historical"  # "diarrhea ..., now resolved": a past episode
                if getattr(m, "status", None):
                    # exam findings read with their own negation; a relative's stays the
                    # relative's ("His brother is status post liver transplant")
                    status = "family" if status == "family" and m.status != "absent" \
                        else m.status
                if status in ("present", "possible") and _rules_out(text, m.end):
                    # (ext12, probe12) "HIV negative", "hepatitis surface antigen negative",
                    # "Hepatitis C antibody negative": a test result ruling the condition out
                    status = "absent"
                if status in ("present", "possible") and _normal_curve(text, m):
                    # probe17: "There is a normal lordosis of the cervical spine": the
                    # physiological curve, the disorder (M40.5 lordosis) ruled out
                    status = "absent"
                if maternal:
                    # the mother's pregnancy in a newborn's note: her conditions are family;
                    # negated ones cannot be said in the schema and are dropped
                    if status == "absent" or m.concept.name == "pregnancy":
                        continue
                    status = "family"
                if status == "historical" and cue == "history" and _history_cut(
                        text, max(s, sec.body_start), m.start, sec.name):
                    status = "present"  # "History of GI bleed, now with hematemesis"
                if status == "historical" and cue == "dated" and not _is_event(m.concept):
                    # p18fix2 (safety review): "In 2022 she started having abdominal pain": a
                    # date opening the sentence makes only a one-off event past (a stroke, a
                    # fracture, an operation), never a symptom or a chronic disease
                    status = "present"
                if status == "historical" and not isinstance(m, _Repaired) and \
                        _NOW_AGAIN_BEFORE.search(text[max(s, m.start - 40):m.start]):
                    status = "present"  # "s/p hernia repair, now with recurrent hernia"
                if status != "absent" and m.concept.name.startswith("change in") and \
                        _NO_CHANGE_BEFORE.search(text[max(0, m.start - 20):m.start]):
                    # "No change in bowel or bladder habits": the change itself is denied
                    # (ConText reads "no change" as a pseudo-negation; probe7)
                    status = "absent"
                sec_name = sec.name
                if sec_name == "family_history" and m.concept.name in HABIT_NAMES and \
                        status != "family" and _SOCIAL_TITLE.search(sec.title):
                    # "FHX/SHX: Married. Tobacco 10 pack-year; quit ...": the combined title's
                    # social part; a habit is the patient's unless a relative is named (probe7)
                    sec_name = "social_history"
                if clause_ends is None:
                    clause_ends = _ClauseEnds(text, s, e)
                final = _final_status(status, m.concept, sec_name, cue == "history",
                                      _recurring(text, max(s, m.start - 30), m.start, m.end, e,
                                                 clause_ends)
                                      or _PLURAL_END.search(text[m.start:m.end]))
                if final == "possible" and sec.name == "differential" and \
                        _CONFIRMED.search(text[s:e]):
                    final = status  # "DDx: PE, confirmed on CT": the test settled it
                if m.concept.name in HABIT_NAMES and status == "historical":
                    # "quit smoking": a past habit, not a chronic one; "SOCIAL HISTORY: Smoker"
                    # (ConText's "history" cue) is current use
                    final = "historical" if getattr(m, "status", None) else "present"
                if final == "present" and isinstance(m, _Repaired):
                    final = "historical"  # repaired: past, whatever the history rules say
                if final is None or (final == "absent" and m.concept.name in _VOCAB_HABITS):
                    continue  # "no smoking or alcohol use": a social habit, not a problem
                if final == "historical" and cue == "resolved" and not \
                        _PAST_EPISODE.search(text, s, e):
                    # (a past episode's resolution never ends a current mention of it)
                    resolved.add(len(found))
                if final == "absent" and (cue == "ruled_out" or (
                        sec.name in _SETTLING_SECTIONS and _settling_verdict(text, s, e, m))):
                    # probe17: "evaluate for pulmonary embolism" (the exam's reason), then
                    # "IMPRESSION: Negative for pulmonary embolism": the study settled it
                    ruled_out.add(len(found))
                found.append(Problem(text=m.concept.name, status=final, icd10=m.concept.icd10,
                                     section=sec.name, source=source, span=(m.start, m.end),
                                     codes=list(m.concept.codes) or None))
        return _confirmed_later(_dedupe_problems(found, resolved, ruled_out))

    # ------------------------------------------------------------------ medications
    def _medications(self, text: str, sections: list[Section], labs: list[Lab]) -> list[Medication]:
        lab_spans = [lab.span for lab in labs]
        listed: set[str] = set()
        per_name: dict[str, list[tuple[MedMention, str]]] = {}
        explicit: dict[str, list[bool]] = {}
        order: list[str] = []
        # a procedure report (a procedure/operation section and no history taken): the drugs
        # it lists were given during the procedure, not taken at home
        # (probe18: a discharge summary's "OPERATIONS PERFORMED:" line under "ADMISSION /
        # DISCHARGE DIAGNOSES:" headers is no procedure report: a DISCHARGE header says so)
        procedure_report = not any(x.name in _HISTORY_SECTIONS | {"discharge_medications"}
                                   for x in sections) and _names_procedure(text) \
            and not _DISCHARGE_HEADER.search(text)
        mentions_all = find_medication_mentions(text)
        # a discharge list: a drug also on the note's home/current list, or every drug when the
        # note says the usual medications go on, is continued (active); any other is new
        home = {m.name for m in mentions_all if section_at(sections, m.start).name ==
                "medications"}
        # ("continue her OTHER home medications" says the listed drugs are not the usual ones:
        # no continuation of them; probe16)
        usual_go_on = any(not re.search(r"\bother\b", u.group(0), re.I)
                          for u in _CONTINUE_USUAL.finditer(text))
        # ... or already taken before the list: an earlier mention outside it that is not a
        # start ("rate controlled on home metoprolol", "warfarin continued"); and a list that
        # marks its changes ("- NEW", "(continue)") leaves its unmarked drugs continued
        earlier: dict[str, str] = {}
        marked_list = False
        item_marks = _ItemMarks(text, [(m.start, m.end) for m in mentions_all])
        for m in mentions_all:
            s_name = section_at(sections, m.start).name
            if s_name == "discharge_medications":
                marked_list = marked_list or item_marks.mark(m.start, m.end) is not None
            elif s_name not in _NO_MED_SECTIONS:
                earlier.setdefault(m.name, "new" if m.cue in ("new", "given") else "active")
        habit_spans = [(h.start, h.end) for h in habit_findings(text)
                       if h.concept.name in HABIT_NAMES]
        for m in mentions_all:
            section = section_at(sections, m.start)
            sec = section.name
            if any(s <= m.start < e for s, e in lab_spans):
                continue
            if not m.dose and any(s <= m.start < e for s, e in habit_spans):
                continue  # "occasional marijuana use": a social habit, not a medication
            if sec == "allergies" and taken_in_list(text, m.start):
                pass  # issue 16 (d): "..., so she uses Tylenol": a drug taken, not an allergen
            elif sec in _NO_MED_SECTIONS and not ((m.dose or m.cue) and (sec == "labs" or (
                    sec == "vitals" and _under_procedure_title(text, section.body_start, m.start)
                    and not m.frequency and not _home_drug(text, m.start, m.end)))):
                # a labs section running on into prose keeps a drug with a dose or an action
                # ("... was admitted and placed on vancomycin 1 g q.12h"); so does a vitals
                # section running on over a procedure header it does not know (probe14: "VITAL
                # SIGNS: See nurse's notes. ... DETAILS OF PROCEDURE: Lidocaine 1.5% was used
                # ..."), and only there (a held "She stopped her Coumadin" under a run-on vitals
                # section read as active, mts-1185)
                continue
            status = m.cue
            mark = item_marks.mark(m.start, m.end) if sec == "discharge_medications" \
                else None
            if status == "active" and sec == "discharge_medications" and mark is None:
                status = None  # "He was on Seroquel 25 mg at bedtime": the list's rule decides
            if status == "given" and m.comma_given and sec == "medications":
                status = "active"  # p16fix: a current list's drug, its last doses dated after it
            in_procedure = sec == "other" and bool(_PROCEDURE_TITLE.search(section.title)) or (
                sec == "vitals" and _under_procedure_title(text, section.body_start, m.start))
            if status == "new" and m.name in home and _DISCHARGED_WITH.search(
                    text[max(0, m.start - 100):m.start]):
                status = "active"  # "discharged home with ciprofloxacin, enalapril": a home drug
            if status == "given" and sec == "assessment_plan" and m.frequency and \
                    m.frequency != "once":
                status = "new"  # plan: "was given methylcellulose, one drop each eye daily"
            if sec == "pmh" and status in ("given", "new"):
                status = "discontinued"  # "PAST PSYCHIATRIC HISTORY: Was prescribed Prozac"
            if status == "active" and (in_procedure or procedure_report):
                status = None  # "Using 1% lidocaine, the groin was infiltrated": used in it
            if status is None:
                if sec == "ed_course" or in_procedure or procedure_report:
                    # ED doses; anaesthetics and drugs used in an operation or procedure (a
                    # procedure report's own MEDICATIONS list: "Reglan 10 mg p.o., heparin")
                    status = "given"
                elif sec == "assessment_plan":
                    status = "active" if m.name in listed or _continued_list(
                        text, section.body_start, m.start) else "new"
                elif sec == "discharge_medications" and mark is not None:
                    status = _marked_status(mark)  # "Metformin 500 mg b.i.d. - discontinued"
                elif sec == "discharge_medications":
                    base = m.name.split()[0] if m.name.split()[-1] in _SALT_WORDS else m.name
                    status = "active" if (m.name in home or base in home or usual_go_on
                                          or marked_list or "active" in (
                                              earlier.get(m.name), earlier.get(base))) else "new"
                else:
                    status = "active"
            if sec in ("medications", "discharge_medications", "hpi", "preamble"):
                listed.add(m.name)
            if m.name not in per_name:
                order.append(m.name)
            per_name.setdefault(m.name, []).append((m, status))
            # a discharge list is the latest action on its drugs (new, or a home drug continued)
            explicit.setdefault(m.name, []).append(
                m.cue is not None or (sec == "discharge_medications" and status == "new"))
        # "home metoprolol" and "metoprolol tartrate 50 mg" are one drug: fold the bare name
        # into its salt/formulation when the note names exactly one such form.
        for name in list(order):
            forms = [n for n in order if n != name and n.split()[0] == name
                     and n.split()[-1] in _SALT_WORDS]
            if len(forms) == 1:
                merged = sorted(zip(per_name[forms[0]] + per_name.pop(name),
                                    explicit[forms[0]] + explicit.pop(name), strict=True),
                                key=lambda x: x[0][0].start)
                per_name[forms[0]] = [x for x, _ in merged]
                explicit[forms[0]] = [c for _, c in merged]
                order.remove(name)
        out = []
        for name in order:
            mentions = per_name[name]
            cues = explicit[name]
            if any(m.weak_stop for m, _ in mentions) and not all(m.weak_stop for m, _ in mentions):
                # ms2: "She failed Neurontin ... MEDICATIONS: Neurontin 300 mg t.i.d.": a weak
                # stop ("failed", "a course of") never overrides another mention of the drug
                keep = [i for i, (m, _) in enumerate(mentions) if not m.weak_stop]
                mentions, cues = [mentions[i] for i in keep], [cues[i] for i in keep]
            # the latest explicit action ("started", "stopped", "given") says what happens to
            # the drug now; a later bare mention ("between the oxycodone doses") does not
            cued = [st for (_, st), c in zip(mentions, cues, strict=True) if c]
            status = cued[-1] if cued else mentions[-1][1]
            # the discharge list is the latest action even where the note writes it before
            # its hospital course (probe18: "DISCHARGE MEDICATIONS: Seroquel 25 mg nightly"
            # then "HOSPITAL COURSE: ... was treated with Seroquel" read given); only a later
            # stop or hold still outranks it (never a stopped drug shown as taken)
            on_list = [st for (m, st) in mentions if st in ("new", "active")
                       and section_at(sections, m.start).name == "discharge_medications"]
            if on_list and status in ("given", "new", "active"):
                status = on_list[-1]
            with_attrs = [m for m, _ in mentions if m.dose] or \
                [m for m, _ in mentions if m.route or m.frequency] or [mentions[0][0]]
            best = with_attrs[-1]
            # "citalopram 10 mg once daily ... continued on citalopram 10 mg": the same dose
            # written again without its sig keeps the sig and route written with it before
            # Only from a mention near enough that one span covers both: every value must lie
            # inside the item's source span (CONTRACT), and a span over half the note grounds
            # nothing.
            same = [m for m, _ in mentions if best.dose and m.dose == best.dose
                    and max(m.end, best.end) - min(m.start, best.start) <= _BORROW_SPAN]
            f_src = None if best.frequency else next((m for m in reversed(same) if m.frequency),
                                                     None)
            r_src = None if best.route else next((m for m in reversed(same) if m.route), None)
            used = [best] + [m for m in (f_src, r_src) if m is not None]
            out.append(Medication(name=name, dose=best.dose,
                                  route=best.route or (r_src.route if r_src else None),
                                  frequency=best.frequency or (f_src.frequency if f_src
                                                               else None),
                                  status=status, source="rules",
                                  span=(min(m.start for m in used), max(m.end for m in used)),
                                  sig_span=best.sig_span if best.sig_span and (
                                      best.route or best.frequency) else None,
                                  codes=drug_codes(name)))
        return out

    # ------------------------------------------------------------------ allergies, labs
    def _allergies(self, text: str, sections: list[Section],
                   taken: frozenset[str] | set[str] = frozenset()) -> list[Allergy]:
        found: list[Allergy] = []
        for sec in sections:
            if sec.name != "allergies":
                continue
            found.extend(parse_allergy_list(*_allergy_body(text, sec, taken)))
        found.extend(find_prose_allergies(text))
        found.extend(told_allergies(text))  # h-allergy: "penicillin gives her a rash"
        seen: set[str] = set()
        out = []
        for a in found:
            # "ALLERGIES: Eggs" and a later "her egg allergy": one allergen
            # "ADHESIVE TAPE ALLERGIES": "tape" read inside the list's "adhesive tape" is it
            inside = any(b.span != a.span and b.span[0] <= a.span[0] and a.span[1] <= b.span[1]
                         and a.substance in b.substance for b in out)
            if a.substance not in seen and a.substance.removesuffix("s") not in seen \
                    and a.substance + "s" not in seen and not inside:
                seen.add(a.substance)
                out.append(a.model_copy(update={"source": "rules"}))
            elif a.reaction and not inside:
                # (allergy5) "Sulfa caused hives" on the header's line and a later "her sulfa
                # allergy": the mention that tells the reaction is the one kept
                same = {a.substance, a.substance.removesuffix("s"), a.substance + "s"}
                k = next((i for i, b in enumerate(out) if b.substance in same), None)
                if k is not None and out[k].reaction is None:
                    out[k] = a.model_copy(update={"source": "rules"})
        return out

    def _labs(self, text: str, sections: list[Section]) -> list[Lab]:
        """Every lab value in note order, each with its own span (CONTRACT: repeats kept)."""
        out: list[Lab] = []
        for lab in find_labs(text):
            sec = section_at(sections, lab.span[0]).name
            if sec in ("medications", "discharge_medications"):
                continue
            out.append(lab)
        return out

    # ------------------------------------------------------------------ LLM merge
    @property
    def backend(self) -> Any:
        if self._backend is None:
            from assistant.llm import get_backend

            self._backend = get_backend(self.settings)
        return self._backend

    def llm_messages(self, text: str, record: ExtractionRecord) -> list[dict[str, str]]:
        """The constrained-JSON request for ``text`` (prompts/extraction.txt)."""
        from assistant.prompts import load_prompt

        known = ", ".join(sorted({p.text for p in record.problems}
                                 | {m.name for m in record.medications}))[:600] or "nothing"
        budget = self.settings.generation.max_input_tokens * 3  # ~3 chars/token, leave room
        return load_prompt("extraction").render(note=text[:budget], known=known)

    def _merge_llm(self, text: str, record: ExtractionRecord) -> None:
        from assistant.llm import GenerationParams

        params = GenerationParams(max_new_tokens=self.settings.generation.json_max_new_tokens,
                                  temperature=0.0)
        proposal = self.backend.generate_json(self.llm_messages(text, record), LLMExtraction,
                                              params)
        self.merge_proposal(text, record, proposal)

    def merge_proposal(self, text: str, record: ExtractionRecord,
                       proposal: LLMExtraction) -> None:
        """Add the grounded, new items of an LLM ``proposal`` to ``record`` (in place)."""
        sections = find_sections(text)
        sents = sentences(text)
        have_p = {p.text for p in record.problems}
        new_mentions = []
        for p in proposal.problems:
            span = _find_span(text, p.text)
            if span is None:
                continue
            concept = self.vocab.lookup(text[span[0]:span[1]])
            if concept is None:
                if not self.vocab.looks_clinical(text[span[0]:span[1]]):
                    continue  # "possible", "visit": grounded words but not a finding
                concept = Concept(" ".join(text[span[0]:span[1]].lower().split()), None)
            sec = section_at(sections, span[0])
            if concept.name in have_p or sec.name in _NO_PROBLEM_SECTIONS:
                continue
            if any(s < span[1] and span[0] < e for x in [*record.medications, *record.problems]
                   for s, e in [x.span]):
                continue  # overlaps what the rules already read there
            have_p.add(concept.name)
            new_mentions.append((_Mention(concept, *span), sec))
        record.problems.extend(self._assert(text, sents, new_mentions, source="llm"))
        have_m = {m.name for m in record.medications}
        for med in proposal.medications:
            span = _find_span(text, med.name)
            if span is None or med.name.lower() in have_m:
                continue
            sec = section_at(sections, span[0]).name
            if sec in _NO_MED_SECTIONS:
                continue
            attrs = attributes_at(text, span)
            if not is_drug_name(text[span[0]:span[1]]) and not re.match(
                    r"[ \t]{0,3}(?:\w+[ \t]+)?\d", text[span[1]:span[1] + 20]):
                continue  # neither a known drug nor directly followed by a dose
            have_m.add(med.name.lower())
            record.medications.append(Medication(
                name=" ".join(text[span[0]:span[1]].lower().split()), source="llm",
                dose=attrs.dose, route=attrs.route, frequency=attrs.frequency,
                status=attrs.cue or ("given" if sec == "ed_course" else "active"),
                span=(span[0], attrs.end)))
        have_a = {a.substance for a in record.allergies}
        for al in proposal.allergies:
            span = _find_span(text, al.substance)
            if span is None or al.substance.lower() in have_a:
                continue
            sec = section_at(sections, span[0]).name
            if sec != "allergies":
                continue  # outside the allergy list only the rules' prose patterns count
            reaction = al.reaction if al.reaction and _find_span(
                text[span[0]:span[0] + 120], al.reaction) else None
            have_a.add(al.substance.lower())
            record.allergies.append(Allergy(substance=text[span[0]:span[1]].lower(),
                                            reaction=reaction, source="llm", span=span))


_MED_LISTS = {"medications", "discharge_medications"}


#: A medication action just before a drug name ("give morphine", "continue the vancomycin"):
#: the note orders the drug, whatever the allergy list says (review 1).
_MED_ACTION_BEFORE = re.compile(
    r"\b(?:give|giving|administer|take|taking|use|using|continue|continuing|start|starting|"
    r"restart|resume|prescribe|infuse|tolerates|tolerated|receiving|received|on)\s+"
    r"(?:(?:the|his|her|iv|oral|po|home|low-dose|scheduled)\s+)?$", re.IGNORECASE)
#: ... unless negated: "do not give morphine", "avoid codeine", "never take aspirin"
_NO_ACTION = re.compile(r"\b(?:not|never|avoid|avoided|no|don't|cannot|can't|without)\b"
                        r"[^.;\n]{0,20}$", re.IGNORECASE)


def _ordered(text: str, start: int) -> bool:
    """True when a medication action word stands just before the drug at ``start``, not
    negated ("Continue vancomycin", "continue morphine"; not "do not give morphine")."""
    before = text[max(0, start - 40):start]
    m = _MED_ACTION_BEFORE.search(before)
    return bool(m) and not _NO_ACTION.search(before[:m.start()])


def _not_allergens(meds: list[Medication], allergies: list[Allergy],
                   sections: list[Section], text: str = "") -> list[Medication]:
    """``meds`` less each drug that is an allergen of the note and that the note only names:
    without a dose, route or frequency, outside a medication list and without a medication
    action ("she did not actually have an allergic reaction to codeine", "no steroid due to
    a reaction to dexamethasone"): a mention of the allergen, not a drug the patient takes.
    One on the medication list, with a sig ("takes aspirin daily") or that the note says to
    continue, give, start or take ("Continue vancomycin, infuse slowly": review 1) stays
    (the note says both)."""
    def key(name: str) -> str:
        return " ".join(re.split(r"[\s/-]+", name.lower()))

    allergens = {key(a.substance) for a in allergies}
    if not any(key(m.name) in allergens for m in meds):
        return meds
    # an explicit status cue read on any mention of the drug ("continue", "given",
    # "started", "takes") or an action word before it
    acted_at: dict[str, int] = {}  # drug -> where its last acted mention starts
    for mm in find_medication_mentions(text):
        if mm.cue or _ordered(text, mm.start):
            acted_at[key(mm.name)] = max(acted_at.get(key(mm.name), -1), mm.start)
    # where each allergy told in prose ends (an ALLERGIES section is only a list: its position
    # says nothing about when the course ended, review of allergy7)
    told_end = {key(a.substance): a.span[1] for a in allergies
                if section_at(sections, a.span[0]).name != "allergies"}
    lowered = text.lower()
    out = []
    for m in meds:
        k = key(m.name)
        if k not in allergens or m.dose or m.route or m.frequency or any(
                section_at(sections, pos).name in _MED_LISTS  # its first or last mention
                for pos in (m.span[0], m.span[1] - 1)):
            out.append(m)
        elif k in acted_at:
            # (allergy7) kept for an action word alone, told before a prose intolerance
            # statement and never named after it ("received a trial of lenalidomide ...
            # developed intolerance to lenalidomide"): the course the reaction ended. A drug
            # named again later ("she continues losartan") or already read as active keeps its
            # status (review of allergy7).
            named_later = k in told_end and any(
                lowered.find(w, told_end[k]) >= 0
                for w in {m.name.lower(), text[m.span[0]:m.span[1]].lower()})
            ended = (k in told_end and not named_later and acted_at[k] < told_end[k]
                     and m.status in (None, "new"))
            out.append(m.model_copy(update={"status": "discontinued"}) if ended else m)
    return out


def _double_spaced(text: str) -> bool:
    """Whether a note sets a blank line after each of its lines (at least 8 text lines, at
    most one in ten followed directly by another)."""
    lines = text.split("\n")
    filled = [bool(line.strip()) for line in lines]
    n = sum(filled)
    adjacent = sum(1 for a, b in zip(filled, filled[1:], strict=False) if a and b)
    return n >= 8 and adjacent * 10 <= n


def _allergy_body(text: str, sec: Section,
                  taken: frozenset[str] | set[str] = frozenset()) -> tuple[str, int]:
    """The allergy list under a header: the rest of the header's line when it has content,
    else the first line below it (whatever its length: "PENICILLIN, ..., all cause HIVES.")
    and the short lines after it up to a blank line (later prose is not the list)."""
    body = text[sec.body_start:sec.end]
    first, _, rest = body.partition("\n")
    if first.strip():
        # (extfix, review 6) the header line's list goes on under it only when it says so: it
        # ends with "," or "and" ("ALLERGIES: Codeine,\nAspirin\n\n"), or every line under
        # it is a drug with its reaction ("Codeine (nausea)\nAspirin - hives"). Bare names
        # under one allergen ("ALLERGIES: Codeine\nAspirin\nMetformin\n\nPLAN") may be the
        # medication list without its heading: an allergen read from a medication taken is
        # worse than a second allergen missed, so they are not read.
        cont = re.search(r"(?:,|\band)[ \t]*$", first, re.I) is not None
        head = _REACTION.match(first.strip(" \t,;"))
        run = _bare_name_run(rest, taken, sec.end < len(text), bare_ok=cont) \
            if head and is_drug_name(re.sub(r"\s+and$", "", head.group("sub"), flags=re.I)) \
            else None
        if run:
            # (ext12) "ALLERGIES: Aspirin,\nIbuprofen\n\n": the names under the first go on
            return first + "\n" + run, sec.body_start
        return _first_sentence(first), sec.body_start
    # blank lines between a bare header and its list (ACI-bench: "ALLERGIES\n\nPenicillin.")
    # are skipped: they do not end a list that has not started
    blank = re.match(r"(?:[ \t]*\n)*", rest)
    skip = blank.end() if blank else 0
    rest, list_start = rest[skip:], sec.body_start + len(first) + 1 + skip
    lines = []
    # (issue 16 metamorphic test) a double-spaced note (a blank line after every line:
    # "ALLERGIES\n\n1.  PENICILLIN.\n\n2.  KEFLEX.") parts its list items by blank lines:
    # there a single blank line does not end the list (two do)
    spaced = _double_spaced(text)
    all_lines = rest.split("\n")[:20 if spaced else 10]
    for k, line in enumerate(all_lines):
        # (allergy6) a long line that is an allergen with its reaction ("Penicillin causes a
        # rash all over her body and itching.") is no prose: the list goes on after it
        long = len(line.split()) > 8 and not allergen_line(line)
        if (spaced and k > 0 and not line.strip() and k + 1 < len(all_lines)
                and all_lines[k + 1].strip() and all_lines[k - 1].strip()):
            lines.append(line)
            continue
        if not line.strip() or (k > 0 and (long or ends_allergy_list(line))):
            break  # (allergy5) a dose or a header without a colon ends the list too
        # the cut-off rest is blanked, not removed: later lines keep their note offsets
        lines.append(_first_sentence(line).ljust(len(line)) if k == 0 else line)
        if k == 0 and long:
            break
    return "\n".join(lines), list_start


#: (ext12) A test result right after a condition's name ("HIV negative", "hepatitis surface
#: antigen negative", "strep screen nonreactive", "COVID PCR negative"); not a template's
#: "X - negative for Y". (extfix2) As b254cc5: any test's negative rules the condition out,
#: except as ``_rules_out`` says.
_RESULT_NEGATIVE = re.compile(
    r"(?:\s+(?:(?:surface|core|e)\s+)?(?P<test>antigen|antibody|antibodies|ab|ag|serology|"
    r"serologies|screen(?:ing)?|test(?:ing)?|titers?|pcr|rna|dna|viral\s+load|status|"
    # (extfix2) syphilis serology by name, an influenza type ("Syphilis RPR nonreactive",
    # "Influenza A negative", "Influenza A and B negative")
    r"rapid\s+test|rpr|vdrl|[ab](?:\s*(?:/|and|&)\s*b)?))?"
    r"\s*(?:(?:was|is|were|are|came\s+back|returned)\s+)?[:-]?\s*(?P<result>negative|"
    r"nonreactive|non-reactive|not\s+detected|undetectable)\b(?!\s+for\b)", re.I)
#: (review 3) a viral load's words in the result's clause: a treated HIV / hepatitis B/C's
#: suppression ("HIV: undetectable VL on Biktarvy", "Hepatitis C RNA negative after
#: treatment", "HIV not detected"), the disease still present; such a clause never rules out
_LOAD_WORDS = re.compile(r"\b(?:viral\s+load|vl|rna|dna|undetectable|suppressed|"
                         r"not\s+detected)\b", re.I)
#: a word after the result: "a negative workup" (the article), not "influenza a negative"
_WORD_AFTER = re.compile(r"\s+\w")
#: the clause a result is read in: up to a sentence or list break
_RESULT_CLAUSE_END = re.compile(r"[.;\n]")


def _rules_out(text: str, end: int) -> bool:
    """Whether a test result right after a condition's name (ending at ``end``) rules it out
    ("HIV negative", "COVID PCR negative"). (review 3) Never when the result's clause holds a
    viral load's words (``_LOAD_WORDS``: "HIV viral load negative", "HIV - undetectable"); an
    influenza type is "A"/"B", not the article "a" ("Pneumonia a negative workup")."""
    m = _RESULT_NEGATIVE.match(text, end)
    if m is None:
        return False
    test = m.group("test")
    if test == "a" and _WORD_AFTER.match(text, m.end()):
        return False  # a lower-case "a" before "negative <noun>": the article
    start = max(text.rfind(c, 0, end) for c in ".;\n") + 1
    stop = _RESULT_CLAUSE_END.search(text, m.end())
    return not _LOAD_WORDS.search(text, start, stop.start() if stop else len(text))


def _bare_name_run(rest: str, taken: frozenset[str] | set[str] = frozenset(),
                   at_heading: bool = False, bare_ok: bool = False) -> str | None:
    """(ext12) The lines under an allergy header's line that named one drug ("ALLERGIES:
    Aspirin,\nIbuprofen\n\n"), when every one of them is a drug-dictionary name with a
    reaction ("Codeine (nausea)") or, with ``bare_ok`` (the header line's list ends with ","
    or "and"), a single name; and the run ends at a blank line with more text after it or at
    the section's end when a heading ends it (``at_heading``; a run to the note's end may be a
    list run on); else None. A dose, a sig or any other word on a line, or a name the note's
    medications (``taken``) hold, reads none of them: a medication list is never read as
    allergens (review 2, review 3; extfix review 6)."""
    lines, pos = [], 0
    for line in rest.split("\n"):
        if not line.strip():
            break
        pos += len(line) + 1
        item = _REACTION.match(line.strip(" \t,;"))
        name = item.group("sub") if item else ""
        reaction = item and next((r for r in item.group("r1", "r2", "r3") if r), None)
        if len(lines) == 10 or not is_drug_name(name) or any(
                n.name in taken for n in find_names(name)) or not (
                (bare_ok and reaction is None and line.strip(" \t.,;") == name)
                or (reaction and _REACTION_TERM.fullmatch(reaction.strip(" .")))):
            return None
        lines.append(line)
    if not (at_heading or rest[pos:].strip()):
        return None
    return "\n".join(lines) or None


def _first_sentence(line: str) -> str:
    """A line up to its first sentence end or the next "HEADER:" ("PENICILLIN.  Her mother
    ..." -> "PENICILLIN.")."""
    # the dot of a list number ("1.  Penicillin") ends no sentence
    for m in re.finditer(r"(?<!\b\d)(?<!\b\d\d)\.\s+(?=[A-Z])|[.,;]?\s*(?=\b[A-Z][A-Z /&]{2,40}:)",
                         line):
        if m.group(0)[:1] != "." and (re.search(r"\b(?:per|according\s+to)(?:\s+the)?\s*$",
                                                line[:m.end()], re.I)
                                      or re.match(r"(?:per|according\s+to)\b", line[m.end():],
                                                  re.I)):
            continue  # (ext12) "Per EHR: sulfa (rash)": where the list is from, no header
        return line[:m.start() + 1]
    return line


def _nka_guard(record: ExtractionRecord) -> ExtractionRecord:
    """(extfix2) The one guard on the record's NKA: with any allergy reported for the note,
    ``no_known_allergies`` is never True (an NKA statement and a listed allergy conflict:
    unset, whichever path, rules or LLM, gave them)."""
    if record.allergies and record.no_known_allergies is True:
        record.no_known_allergies = None
    return record


def _drug_lines_under(body: str) -> bool:
    """Whether a line right under an allergy section's first line (up to a blank line) names
    a drug."""
    first, _, rest = body.lstrip("\n").partition("\n")
    for line in rest.split("\n"):
        if not line.strip():
            return False
        if find_names(line):
            return True
    return False


def _no_known_allergies(text: str, sections: list[Section],
                        allergies: list[Allergy]) -> bool | None:
    """True: "NKDA"/"no known allergies"; False: allergies listed; None: not stated
    ("Unknown", "Refer to chart", no allergy section)."""
    if allergies:
        return False
    for sec in sections:
        if sec.name == "allergies" and nka_in(text[sec.body_start:sec.end][:200]):
            # (extfix2) drug lines under the NKA line, not read as allergens ("ALLERGIES:
            # NKDA\nPenicillin"): a medication list or an allergy list, the note does not
            # say which; NKA is unset rather than asserted
            return None if _drug_lines_under(text[sec.body_start:sec.end]) else True
    # (review 3) a denied list in a family history ("FH: no diabetes, cancer, allergies.")
    family = [(s.body_start, s.end) for s in sections if s.name == "family_history"]
    return True if nka_stated(text, family) else None


class _Mention:
    def __init__(self, concept: Concept, start: int, end: int) -> None:
        self.concept, self.start, self.end = concept, start, end


def _find_span(text: str, phrase: str) -> tuple[int, int] | None:
    """First whole-word, case-insensitive occurrence of ``phrase`` in ``text``."""
    words = phrase.split()
    if not words or len(phrase) < 3:
        return None
    pattern = r"(?<![\w])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w])"
    m = re.search(pattern, text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


#: "now with recurrent", "now with a recurrent": the condition named right after is back, a
#: current problem, whatever past cue ("s/p ... repair") opened the sentence (review 6)
# (p18fix: and "with chronic X" after the operation: "status post cadaveric kidney transplant
# in 1996 with chronic rejection" is a lasting state, present; probe18's date rule cut the
# "status post" scope and so read it present by chance, and lost prostate cancer's past)
_NOW_AGAIN_BEFORE = re.compile(r"\bnow\s+(?:with|has|have)\s+(?:an?\s+)?(?:new\s+|recurrent\s+|"
                               r"recurring\s+|another\s+)(?:[a-z]+\s+)?$|"
                               r"\bwith\s+chronic\s+$", re.I)


def _drop_repaired_recurring(mentions: list[tuple[Any, Section]]) -> list[tuple[Any, Section]]:
    """"s/p hernia repair, now with recurrent hernia", "Recurrent inguinal hernia, s/p hernia
    repair in 2015": the repaired condition named again nearby as a current one is that
    current problem, listed once (review 6), not also a past one."""
    repaired = [m for m, _ in mentions if isinstance(m, _Repaired)]
    if not repaired:
        return mentions

    def same(a: str, b: str) -> bool:
        return a == b or a.endswith(" " + b) or b.endswith(" " + a)

    drop = {id(r) for r in repaired for m, _ in mentions
            if not isinstance(m, _Repaired) and abs(m.start - r.start) <= 150
            and same(m.concept.name, r.concept.name)}
    return [x for x in mentions if id(x[0]) not in drop]


#: Sections whose negation settles an earlier suspected diagnosis of the same concept (the
#: assessment / impression and results, as a "ruled out" does)
_SETTLING_SECTIONS = {"assessment_plan", "imaging", "labs"}
#: p17fix (review): the study's or assessment's verdict straight before the concept
#: ("Negative for pulmonary embolism", "no evidence of acute appendicitis"); not a bare "no"
#: ("if no pulmonary embolism, will discharge", "no history of", "No central pulmonary
#: embolism": a narrower part only)
_VERDICT_BEFORE = re.compile(r"(?:^\s*|[:.;,]\s*|\b(?:is|was|are|were)\s+)(?:negative\s+for|"
                             r"(?:there\s+is\s+)?no\s+(?:\w+\s+)?evidence\s+(?:of|for)|"
                             r"without\s+evidence\s+(?:of|for))\s+(?:any\s+)?(?:acute\s+)?$",
                             re.I)
#: ... with nothing narrowing it after the concept ("no evidence of pneumonia in the left lung")
_NARROWED_AFTER = re.compile(r"\s*,?\s*(?:in|on|of|at|within|involving)\s|\s+(?:on\s+the\s+)?"
                             r"(?:left|right)\b", re.I)
_VERDICT_AFTER = re.compile(r"\s+(?:(?:is|was|are|were|has\s+been|have\s+been)\s+)?"
                            r"(?:ruled\s+out|excluded)\b", re.I)
_IF_BEFORE = re.compile(r"\b(?:if|unless|whether|denies|denied|history\s+of)\b", re.I)


#: p17b (re-review): the rest of the sentence takes the verdict back ("No evidence of
#: appendicitis, although it cannot be excluded", "..., but possible early appendicitis",
#: "... not entirely excluded"): no settling verdict
_HEDGED_AFTER = re.compile(r"\b(?:(?:although|though|but|however|yet)\b.*?\b(?:cannot|can\s*not|"
                           r"can't|could\s*not|couldn't|not)\s+(?:be\s+|been\s+)?(?:\w+\s+)?"
                           r"(?:excluded|ruled\s+out|exclude|rule\s+out)|possible|possibly|"
                           r"not\s+entirely)\b", re.I | re.S)


def _settling_verdict(text: str, sent_start: int, sent_end: int, m: Any) -> bool:
    """Whether a negated mention in the assessment/results is the study's verdict on the whole
    concept, which settles an earlier suspected diagnosis (see ``_VERDICT_BEFORE``); not when
    the rest of the sentence hedges it (``_HEDGED_AFTER``)."""
    before = text[sent_start:m.start]
    if _IF_BEFORE.search(before) or _HEDGED_AFTER.search(text, m.end, max(m.end, sent_end)):
        return False
    if _VERDICT_AFTER.match(text, m.end):
        return True  # "Pulmonary embolism is ruled out."
    return bool(_VERDICT_BEFORE.search(before)) and not _NARROWED_AFTER.match(text, m.end)


#: Spinal curves that are physiological when "normal" and a disorder (ICD-10-CM M40.x
#: kyphosis and lordosis) when named alone: "normal lordosis" rules the disorder out
_PHYSIOLOGIC_CURVES = {"lordosis", "kyphosis"}
#: p17fix (review): the normal curve named as lost ("loss of the normal lordosis", "reversal
#: of the normal cervical lordosis", "The normal lumbar lordosis is reduced"): the disorder
_CURVE_LOST_BEFORE = re.compile(r"\b(?:loss|lost|reversal|reversed|straightening|straightened|"
                                r"flattening|flattened|absence|decrease|reduction|"
                                r"exaggeration|accentuation|increase)\s+(?:of\s+)?(?:the\s+)?"
                                r"(?:normal|preserved|physiologic(?:al)?)\s+"
                                r"(?:cervical\s+|thoracic\s+|lumbar\s+)?$", re.I)
_CURVE_LOST_AFTER = re.compile(r"\s+(?:is|was|are|were|has\s+been|appears?)\s+(?:\w+\s+)?"
                               r"(?:lost|reduced|decreased|diminished|reversed|straightened|"
                               r"flattened|absent|exaggerated|increased|accentuated)\b", re.I)
#: p17b (re-review): the normal curve qualified by a local change after it ("Normal lordosis
#: with mild reversal at C4-C5", "normal lordosis, but straightened at L5"): not ruled out
_CURVE_QUALIFIED_AFTER = re.compile(
    r"\s*,?\s*(?:with|but|except|however|although|though|apart\s+from|other\s+than)\b"
    r"[^.;\n]{0,60}?\b(?:loss|lost|revers\w*|straighten\w*|flatten\w*|decrease\w*|reduc\w*|"
    r"exaggerat\w*|accentuat\w*|increase\w*|kyphosis|kyphotic|lordotic)\b", re.I)
_NORMAL_CURVE_BEFORE = re.compile(r"\b(?:normal|preserved|maintained|physiologic(?:al)?)\s+"
                                  r"(?:cervical\s+|thoracic\s+|lumbar\s+)?$", re.I)


def _normal_curve(text: str, m: Any) -> bool:
    """Whether the spinal-curve mention ``m`` is named as the normal, physiological curve
    ("normal lordosis"), not as lost, reversed or locally changed."""
    return (m.concept.name in _PHYSIOLOGIC_CURVES
            and bool(_NORMAL_CURVE_BEFORE.search(text[max(0, m.start - 30):m.start]))
            and not _CURVE_LOST_BEFORE.search(text[max(0, m.start - 60):m.start])
            and not _CURVE_LOST_AFTER.match(text, m.end)
            and not _CURVE_QUALIFIED_AFTER.match(text, m.end))


@dataclass(frozen=True)
class _Repaired:
    """A condition named by a past repair of it ("s/p hernia repair"): `historical` unless
    the context negates or hedges it ("no history of hernia repair")."""

    concept: Concept
    start: int
    end: int


def _final_status(status: str, concept: Concept, section: str,
                  history_only: bool = False, recurring: object = None) -> str | None:
    if status == "hypothetical":
        return None  # "return if fever": not a finding about the patient
    if section == "family_history" and status in ("present", "historical"):
        return "family"
    if section == "differential" and status == "present":
        return "possible"  # a differential diagnosis is considered, not found
    if status == "historical" and concept.icd10 and concept.icd10.startswith(_CHRONIC_PREFIXES):
        return "present"  # "history of hypertension": a chronic condition is still present
    if status == "historical" and history_only and (not _is_event(concept) or (
            recurring and not (concept.icd10 or "").startswith(("S", "T", "O", "Z")))):
        # ("history of recurrent falls / UTIs", "History of DVTs": a recurring problem is
        # current, not one event; past injuries and operations stay past however many)
        # "a history of polycythemia vera": a condition listed in the history is current
        # unless a timed cue ("ago", "resolved", "previous", "s/p") says it is past
        return "present"
    return status


#: ICD-10-CM categories of one-off episodes, over once treated, so "history of X" with no
#: timed cue is a past event (guideline: "historical = a past, resolved event"): injuries and
#: poisonings (S, T), pregnancy (O), external causes ("history of a fall": W19, V-Y), status
#: and history Z codes, and the acute episodes of ICD-10-CM chapters I-XIV whose titles say
#: acute or infection: myocardial infarction (I21-I22), stroke and intracranial haemorrhage
#: (I60-I63), TIA (G45), pulmonary embolism (I26), acute deep vein thrombosis (I82.4), acute
#: upper respiratory infections (J00-J06), influenza and pneumonia (J09-J18), acute bronchitis
#: and bronchiolitis (J20-J22), sepsis (A40-A41), cellulitis and abscess (L02-L03),
#: appendicitis (K35-K37), acute pancreatitis (K85), GI haemorrhage (K92.0-K92.2), UTI (N39.0),
#: acute pyelonephritis (N10), syncope (R55). Chronic conditions stay present (_CHRONIC_PREFIXES).
_EVENT_PREFIXES = ("S", "T", "O", "V", "W", "X", "Y", "Z", "I21", "I22", "I60", "I61", "I62",
                   "I63", "G45", "I26", "I82.4", "J0", "J10", "J11", "J12", "J13", "J14", "J15",
                   "J16", "J17", "J18", "J20", "J21", "J22", "A40", "A41", "L02", "L03", "K35",
                   "K36", "K37", "K85", "K92.0", "K92.1", "K92.2", "N39.0", "N10", "R55")


#: "no change in" / "without change in" before a change concept (probe7)
_NO_CHANGE_BEFORE = re.compile(r"\b(?:no|without|denies|denied|not\s+noted\s+any)\s+(?:any\s+)?$",
                               re.I)
#: a section title that also names the social history ("FHX/SHX", "FAMILY/SOCIAL HISTORY")
_SOCIAL_TITLE = re.compile(r"\b(?:SHX|SH|SOCIAL|SOC)\b", re.I)


#: Words that make an episode a recurring, current problem ("history of recurrent UTIs").
#: A test or diagnosis that settles a considered diagnosis in the same sentence.
_CONFIRMED = re.compile(r"\b(?:confirmed|confirms|showed|shows|revealed|demonstrated|"
                        r"consistent with|diagnosed with|proven)\b", re.I)

_RECURRING = re.compile(r"\b(?:recurrent|recurring|repeated|frequent|multiple|chronic)\b", re.I)


#: A recurrence cue of the mention itself, just after it in its clause: "History of syncope,
#: recurrent episodes over the past year", "now with acute pancreatitis again", "seizures
#: recurred" (review 1); not another noun's modifier: "History of stroke, with recurrent falls"
#: keeps the stroke past (review 2)
_RECURRING_AFTER = re.compile(
    r"^[\s,:-]*(?P<lead>(?:\w+\s+){0,2}?)(?:recurred|recurs|recurrences?|episodes|attacks|"
    r"again|(?:recurrent|recurring|repeated|frequent|multiple)\s+(?:episodes|attacks|bouts|"
    r"events|recurrences))\b", re.I)
#: A recurrence word right before the mention, in the same list item ("history of recurrent
#: UTIs", "multiple prior DVTs"), not one of an earlier item ("recurrent UTIs, pneumonia")
_RECURRING_BEFORE = re.compile(
    r"\b(?:recurrent|recurring|repeated|frequent|multiple|chronic)\b[^,;.:\n]{0,25}$", re.I)
#: What ends the clause a recurrence cue may follow the mention in: a list break, or a
#: clause that opens the current presentation ("History of MI, now with recurrent pain")
_CLAUSE_END = re.compile(r";|\n|\b\d{1,2}[.)]\s|\b(?:now|currently|but|presents?|presenting|"
                         r"admitted|today)\b", re.I)
#: Negated recurrence: "no further episodes", "without recurrence"
_NO_RECURRENCE = re.compile(r"\b(?:no|not|without|denies|nor|never)\b(?:\s+\w+){0,2}\s*$", re.I)


class _ClauseEnds:
    """Where ``_CLAUSE_END`` matches start in one sentence ``[start, end)``, found once per
    sentence. Speed: searching the rest of the sentence again for every mention was quadratic
    in a long sentence with no clause end (thousands of "hypertension." read as one sentence);
    ``first`` gives what that per-mention search gave."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.end = text, end
        self.starts: list[int] = []
        q = start
        while (m := _CLAUSE_END.search(text, q, end)) is not None:
            self.starts.append(m.start())
            q = m.start() + 1

    def first(self, pos: int) -> int | None:
        """The start of ``_CLAUSE_END.search(text[pos:end])`` in ``text``, or None."""
        # at ``pos`` itself the slice has no character before it ("\b" holds there); no
        # alternative is longer than 10 characters, so a 16-character window reads it exactly
        if _CLAUSE_END.match(self.text[pos:min(self.end, pos + 16)]):
            return pos
        i = bisect_right(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else None


def _recurring(text: str, before: int, start: int, end: int, sent_end: int,
               clause_ends: _ClauseEnds | None = None) -> bool:
    """A recurrence cue of the mention: in it, just before it (30 chars, same list item), or
    just after it in its clause (``_RECURRING_AFTER``). ``clause_ends``: the sentence's
    ``_ClauseEnds`` (made here when not given)."""
    if _RECURRING.search(text[start:end]) or _RECURRING_BEFORE.search(text[before:start]):
        return True
    stop = (clause_ends or _ClauseEnds(text, end, sent_end)).first(end)
    after = text[end:sent_end if stop is None else stop]
    m = _RECURRING_AFTER.match(after)
    return bool(m) and not _NO_RECURRENCE.search(m.group("lead"))


#: The generic "history (of)" triggers whose scope ``_history_cut`` checks.
_HISTORY_WORD = re.compile(r"\b(?:history|h/o|hx)\b", re.I)
#: A clause that opens the current presentation after a "history of" list: its findings are
#: now, not in the history (review 1: "History of GI bleed, now with hematemesis", "History
#: of UTI, now with urosepsis"), as is a new list item or a semicolon.
_PRESENTATION = re.compile(
    r"\b(?:now|currently|today|tonight|again|this (?:time|admission|morning|evening|visit)|"
    r"presents?|presented|presenting|admitted|here (?:with|for)|comes? in|came in|"
    r"returns?|returned)\b|;|\n|(?<![\w.])\d{1,2}[.)]\s", re.I)
#: Sections about the current illness, whose title ("HISTORY:") is no past-history cue.
_CURRENT_SECTIONS = {"hpi", "chief_complaint", "assessment_plan", "hospital_course",
                     "ed_course", "preamble", "other"}


def _history_cut(text: str, start: int, pos: int, section: str) -> bool:
    """True when the generic history cue that made the mention at ``pos`` historical does not
    reach it: a clause that opens the current presentation stands between the last
    "history"/"h/o"/"hx" before it (from ``start``) and the mention; or no such word is in
    the section's body before it and the cue was the title of a current-illness section
    ("HISTORY: 45-year-old with appendicitis, here for appendectomy")."""
    hits = list(_HISTORY_WORD.finditer(text, start, pos))
    last = hits[-1] if hits else None
    if last is None:
        return section in _CURRENT_SECTIONS
    return bool(_PRESENTATION.search(text, last.end(), pos))


#: A plural mention is more than one episode ("History of DVTs", "history of UTIs", "falls"),
#: not the -s of a singular ("thrombosis", "abscess", "cellulitis", "sepsis").
_PLURAL_END = re.compile(r"(?:[A-Z]{2,}s|[a-z]{2,}(?<![sui])(?<!\bo)s)$")


def _is_event(concept: Concept) -> bool:
    """Injuries, poisonings, pregnancies, operations and acute episodes: past once over."""
    code = concept.icd10 or ""
    return code.startswith(_EVENT_PREFIXES) or any(
        w in concept.name for w in ("fracture", "injury", "episode", "attack", "acute", "fall"))


def _confirmed_later(problems: list[Problem]) -> list[Problem]:
    """A possible problem is present when a later present one is a kind of it: its name ends
    in the possible one's ("DDx: meningitis. LP confirmed bacterial meningitis.") or it has
    the same ICD-10-CM category ("Differential: myocardial infarction. ... diagnosed with
    NSTEMI": I21). Symptom and status categories (R, Z) are too broad to say so (review 1)."""
    def cat(p: Problem) -> str:
        code = p.icd10 or ""
        return code[:3] if len(code) >= 3 and not code.startswith(("R", "Z")) else ""

    out = []
    for p in problems:
        if p.status == "possible" and p.span is not None and any(
                q.status == "present" and q.span is not None and q.span[0] > p.span[0] and (
                    q.text.endswith(" " + p.text) or (cat(p) and cat(p) == cat(q)))
                for q in problems):
            p = p.model_copy(update={"status": "present"})
        out.append(p)
    return out


def _dedupe_problems(found: Iterable[Problem], resolved: Collection[int] = (),
                     ruled_out: Collection[int] = ()) -> list[Problem]:
    """One entry per (concept, patient/family): present beats possible, historical, absent.

    ``found`` is in text order; ``resolved`` holds the indices of its items made historical
    by a "resolved" cue. Such an item supersedes an EARLIER present one of its concept ("He
    had a fever on admission. ... The fever resolved."): the guideline takes a concept's
    final status. A present statement after it wins again ("... Fever recurred on day 3"),
    and a later negation ("no fever today") never replaces a present one. ``ruled_out``
    holds those negated by a later "ruled out"/"excluded": it settles an EARLIER possible one
    ("DDx: MI vs PE. ... MI excluded": absent; review 2).
    """
    best: dict[tuple[str, bool], Problem] = {}
    order: list[tuple[str, bool]] = []
    for i, p in enumerate(found):
        key = (p.text, p.status == "family")
        if key not in best:
            order.append(key)
            best[key] = p
        elif _PROBLEM_RANK.get(p.status, 9) < _PROBLEM_RANK.get(best[key].status, 9) or (
                i in resolved and best[key].status == "present") or (
                i in ruled_out and best[key].status == "possible"):
            best[key] = p
    return [best[k] for k in order]
