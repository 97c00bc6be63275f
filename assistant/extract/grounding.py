"""Grounding: every extracted item keeps a span whose text supports it (CONTRACT).

``grounded`` drops items whose span is outside the note or does not read as the item;
``as_written`` re-reads vital and lab ``raw`` fields from the note as given (when the rules
read it with flattened line breaks restored: same offsets, commas where newlines were read).
"""

from __future__ import annotations

import logging
import re

from assistant.batch import key_hash
from assistant.clinical.allergies import substance_name
from assistant.clinical.drug_names import combination_name
from assistant.clinical.findings import shorthand_supports, site_supports
from assistant.clinical.habits import habit_supports
from assistant.clinical.medications import find_names
from assistant.clinical.vocabulary import ProblemVocabulary
from assistant.clinical.wordings import wording_supports
from assistant.schema import Allergy, ExtractionRecord, Lab, Medication, Problem, Vital

log = logging.getLogger(__name__)


def as_written(record: ExtractionRecord, text: str) -> ExtractionRecord:
    """Vital and lab ``raw`` fields re-read from ``text`` (the note as given, when it was
    read with restored line breaks: same offsets, commas where the reading had newlines)."""
    for item in [*record.vitals, *record.labs]:
        s, e = item.span
        if item.raw is not None and 0 <= s < e <= len(text):
            item.raw = text[s:e]
    return record


def grounded(record: ExtractionRecord, text: str, vocab: ProblemVocabulary,
              reading: str | None = None) -> ExtractionRecord:
    """Drop any item whose span is outside the note or whose span text does not support it.

    ``reading``: the text the rules read (``text`` with flattened breaks restored, same
    length); support is checked there, the ``raw`` fields against ``text``."""
    read = reading if reading is not None and len(reading) == len(text) else text

    def span_text(span: tuple[int, int]) -> str | None:
        s, e = span
        if not 0 <= s < e <= len(read) or not read[s:e].strip():
            return None
        return read[s:e]

    def raw_text(span: tuple[int, int]) -> str | None:
        s, e = span
        return text[s:e] if 0 <= s < e <= len(text) and text[s:e].strip() else None

    def problem_ok(p: Problem) -> bool:
        t = span_text(p.span)
        if t is None:
            return False
        concept = vocab.lookup(t)
        return (concept is not None and concept.name == p.text) or \
            " ".join(t.lower().split()) == p.text or shorthand_supports(t, p.text) or \
            site_supports(t, p.text, vocab.lookup) or vocab.coordinated_supports(t, p.text) or \
            vocab.slashed_supports(t, p.text) or \
            habit_supports(t, p.text) or wording_supports(t, p.text, vocab)

    def med_ok(m: Medication) -> bool:
        t = span_text(m.span)
        if t is None:
            return False
        return any(combination_name(name) == m.name for _, _, name, _ in find_names(t)) or \
            " ".join(t.lower().split()).startswith(m.name)

    def allergy_ok(a: Allergy) -> bool:
        t = span_text(a.span)
        # ... or each of its words is read there ("venom - bee/wasp" grounds bee venom)
        return t is not None and (a.substance in " ".join(t.lower().split())
                                  or substance_name(t.split("(")[0].strip()) == a.substance
                                  or set(a.substance.split()) <= set(re.findall(r"[\w-]+",
                                                                                t.lower())))

    def raw_ok(x: Vital | Lab) -> bool:
        t = raw_text(x.span)
        return t is not None and (x.raw is None or t == x.raw)

    before = (len(record.problems), len(record.medications), len(record.allergies),
              len(record.vitals), len(record.labs))
    record.problems = [p for p in record.problems if problem_ok(p)]
    record.medications = [m for m in record.medications if med_ok(m)]
    for m in record.medications:  # a shared sig's own span must lie in the note too
        if m.sig_span is not None and span_text(m.sig_span) is None:
            m.sig_span = None
    record.allergies = [a for a in record.allergies if allergy_ok(a)]
    record.vitals = [v for v in record.vitals if raw_ok(v)]
    record.labs = [lab for lab in record.labs if raw_ok(lab)]
    after = (len(record.problems), len(record.medications), len(record.allergies),
             len(record.vitals), len(record.labs))
    if after != before:
        log.info("note %s: dropped %d ungrounded items", key_hash(record.note_id),
                 sum(before) - sum(after))
    return record
