"""Prose allergies (split out of ``allergies``; code moved unchanged).

``find_prose_allergies`` reads the allergens of every prose allergy statement
(``allergy_statements``) and of an allergy header's line after its first sentence (which the
pipeline's section reader leaves out); the lines under an allergy header that run on with its
list (``_read_on``), unless the note shows the drug taken elsewhere (``_taken_elsewhere``:
never both an allergen and an active medication); and the drugs of the sentence before
"These are listed as allergies" (``_listed_before``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.clinical.allergy_classes import (
    _cannot_prose,
    _cannot_take,
    _class_intolerances,
)
from assistant.clinical.allergy_list import (
    _list_end,
    _listed_after_none,
    allergen_line,
    parse_allergy_list,
)
from assistant.clinical.allergy_names import (
    _CLASS_WORD,
    _DRUG_CLASS,
    _OTHER_ALLERGEN,
    _clean_reaction,
    _find_names,
    known_allergen,
    substance_name,
)
from assistant.clinical.allergy_nka import (
    _LIST_EXCEPTION,
    _NONE,
    _NONE_EXCEPT,
)
from assistant.clinical.allergy_statements import (
    _PROSE,
    _REACTION_WITH_AT,
    _WRAP_BEFORE_ALLERGY,
    _mask_inline_list,
    _taken_mention,
    allergen_spans,
    allergy_statements,
)
from assistant.clinical.allergy_words import (
    _DENIAL_START,
    _LIST_NUMBER,
    _REACTION_TERM,
    _REACTION_WORDS,
    _SENTENCE_STOP,
    _STOP_SUBSTANCES,
    _sentence_ends,
)
from assistant.schema import Allergy
from assistant.spans import SpanSet

#: The allergy header's line (or the line under a bare header): its sentences after the first.
_HEADER_LINE = re.compile(r"^[ \t]*(?:drug\s+|medication\s+)?allerg(?:ies|y)(?:\s+to\s+\w+)?"
                          r"[ \t]*:[ \t]*\n?[ \t]*(?P<body>[^\n]*)", re.IGNORECASE | re.MULTILINE)


def find_prose_allergies(text: str) -> list[Allergy]:
    """Allergies stated in prose anywhere in ``text`` ("She is allergic to Keflex and
    codeine", "a question of her being allergic to Septra", "has an intolerance to statins"),
    and the sentences of an allergy header's line after its first ("ALLERGIES: AMOXICILLIN
    CAUSES THROAT SWELLING.  AVELOX CAUSES IV SITE SWELLING."), which the section reader of
    the pipeline leaves out; from a later sentence only the known drugs, drug classes and
    common allergens count ("She is also allergic seafood; crab and lobster" -> seafood), and
    the first sentence without one ends the list ("PENICILLIN.  Her mother ...")."""
    out: list[Allergy] = []
    original = text
    text = _mask_inline_list(text)  # (allergy10) same length: every span holds
    cannot = _cannot_prose(text)
    klass = _class_intolerances(text)
    for start, end, any_substance in allergy_statements(original):
        if start in cannot:  # (allergy9) "cannot take X because of <reaction>"
            out.append(cannot[start])
            continue
        if start in klass:  # (allergy10) "Lisinopril was discontinued due to cough"
            out.append(klass[start])
            continue
        told = _REACTION_WITH_AT.match(text, start)
        if told and told.start("d") < end:
            # "gets a rash with penicillin": the allergen, the sign its reaction
            out.append(Allergy(substance=substance_name(text[told.start("d"):end]),
                               reaction=_clean_reaction(told.group("r")),
                               span=(told.start("d"), end)))
            continue
        trigger_end = _PROSE.match(text, start)
        body_start = trigger_end.end() if trigger_end else start
        # (allergy6) "sulfa\nallergy - rash": one item, the break a space (same length)
        body = _WRAP_BEFORE_ALLERGY.sub(" ", text[body_start:end])
        parsed = parse_allergy_list(body, body_start)
        if not parsed:
            drug_first = _drug_then_reaction(body, body_start)
            out.extend(drug_first)
            lead = re.match(r"\s*(?:(?:the|an?)\s+)?", body)
            names = _find_names(body[lead.end():]) if not drug_first else []
            if names and names[0].start == 0:
                # (a11fix) "reported sensitivity to the lidocaine at the dentist": the drug
                # its words open with (the rest of the clause no list the reader parses)
                at = body_start + lead.end()
                out.append(Allergy(substance=substance_name(text[at:at + names[0].end]),
                                   reaction=None, span=(at, at + names[0].end)))
        told = _told_next(text, end) if len(parsed) == 1 and parsed[0].reaction is None \
            else None
        if told:
            parsed = [parsed[0].model_copy(update={"reaction": told})]
        for k, a in enumerate(parsed):
            written = text[a.span[0]:a.span[1]]
            if a.substance in _STOP_SUBSTANCES or a.substance in _PRONOUNS:
                continue
            if known_allergen(written) or known_allergen(a.substance) or (
                    any_substance and k == 0 and len(written.split()) <= 2):
                out.append(a)
                continue
            # "allergic to Levaquin given last spring": the drug the words start with
            names = _find_names(written)
            # (a11fix) after an article: "reported sensitivity to the lidocaine at the
            # dentist" (the drug's own words, the article left out)
            art = re.match(r"(?:the|an?)\s+", written, re.IGNORECASE)
            first = art.end() if art and names and names[0].start == art.end() else 0
            if names and names[0].start == first:
                span = (a.span[0] + first, a.span[0] + names[0].end)
                out.append(Allergy(substance=substance_name(written[first:names[0].end]),
                                   reaction=a.reaction, span=span))
    for m in _HEADER_LINE.finditer(text):
        body, base = m.group("body"), m.start("body")
        number = _LIST_NUMBER.match(body)
        # (review 5) "ALLERGIES:  None known.\n  Latex.": the lines under it list latex;
        # (review 7) so do those under "None except as noted below"; (allergy6) and those
        # under a first line that lists an allergen ("ALLERGIES: Latex.\nCodeine."), known
        # allergens only; (review 3) not under "reviewed", "See EHR", "Not on file" (a drug
        # list after those is no allergy list), and no drug the note shows taken elsewhere
        if _NONE.match(body) or (_NONE_EXCEPT.match(body) and not _LIST_EXCEPTION.match(body)):
            out.extend(_listed_after_none(text[base:], base))
        elif _lists_allergen(body):
            block_end = _list_end(text, m.end("body"))
            out.extend(a for a in _read_on(text, _listed_after_none(text[base:], base),
                                           m.end("body"), block_end)
                       if not _taken_elsewhere(text, a, base, block_end))
        # the "1." of a numbered list is no sentence: its first item is the list's own
        cuts = [number.end()] if number else []
        cuts += [c.end() for c in _sentence_ends(body, cuts[0] if cuts else 0)]
        for k, (a_pos, b_pos) in enumerate(zip(cuts, [*cuts[1:], len(body)][:len(cuts)],
                                               strict=True)):
            if _NONE.match(body[a_pos:b_pos]) or _DENIAL_START.match(body[a_pos:b_pos]):
                break  # "CODEINE.  NO SHRIMP, SEAFOOD, OR DYE ALLERGY.": a denial ends it
            items = [i for i in parse_allergy_list(body[a_pos:b_pos], base + a_pos)
                     if (number and k == 0) or known_allergen(text[i.span[0]:i.span[1]])
                     or known_allergen(i.substance)] or _cannot_take(body[a_pos:b_pos],
                                                                    base + a_pos)
            if not items:
                break
            out.extend(items)
    out += _listed_before(text)
    # (allergy9) one inside another statement's words ("allergic to sulfa and cannot take
    # penicillin due to rash"): read all the same
    out += [a for start, a in cannot.items()
            if not any(b.span[0] == start and b.substance == a.substance for b in out)]
    # (allergy10) a class's own intolerance told in prose ("Lisinopril was discontinued due
    # to cough"), unless read already at the same place
    out += [a for start, a in klass.items()
            if not any(b.span[0] <= start < b.span[1] for b in out)]
    if cannot:  # the header line's own reading of the same words ("ALLERGIES: ... CANNOT TAKE")
        out = [a for k, a in enumerate(out) if not any(
            b.span == a.span and b.substance == a.substance for b in out[:k])]
    return out


#: (allergy7) A sentence that makes the drugs of the sentence before it allergy records:
#: "These include Keppra, Lamictal and phenytoin.  These are listed as allergies, ..."
#: ("elicited to", a transcription of "listed as", too); a recorded allergy is one even
#: where the note doubts it is a true one (allergy4's guideline).
_LISTED_AS = re.compile(
    r"(?:^|(?<=[.;!]\s)|(?<=[.;!]\s\s))(?:these|they|both|all\s+of\s+(?:these|them|which))"
    r"\s+(?:are|were|have\s+been)\s+(?:all\s+)?(?:listed|documented|recorded|noted|charted|"
    r"reported|elicited|entered)\s+(?:as|to)\s+(?:(?:her|his|their|the\s+patient's|drug|"
    r"medication|an?)\s+)*allerg(?:y|ies)\b", re.IGNORECASE | re.MULTILINE)
# a sentence starts after a stop and a capital ("b.i.d. and Lamictal" does not end one, review
# of allergy7), not after a title's dot ("Dr. Smith")
_PREV_SENTENCE_START = re.compile(r"(?:^|(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bSt)[.;!?:]\s+)"
                                  r"(?=[A-Z])", re.MULTILINE)
#: "..., which is an error": the listing is wrong, not an allergy record
_LISTED_IN_ERROR = re.compile(r"\b(?:in\s+error|an?\s+error|erroneous\w*|incorrect\w*|mistaken\w*|"
                              r"not\s+(?:true|real|actual)\s+allerg)", re.I)


def _listed_before(text: str) -> list[Allergy]:
    """(allergy7) The known drugs of the sentence right before a ``_LISTED_AS`` sentence,
    each an allergy spanning its own words (a sentence with none gives none)."""
    out: list[Allergy] = []
    for m in _LISTED_AS.finditer(text):
        stop = _SENTENCE_STOP.search(text, m.end())
        if _LISTED_IN_ERROR.search(text, m.end(), stop.start() if stop else len(text)):
            continue
        prev_end = text.rfind(".", 0, m.start())
        if prev_end < 0:
            continue
        starts = [k.end() for k in _PREV_SENTENCE_START.finditer(text, 0, prev_end)]
        prev_start = starts[-1] if starts else 0
        sentence = text[prev_start:prev_end]
        for name in _find_names(sentence):
            written = sentence[name.start:name.end]
            out.append(Allergy(substance=substance_name(written), reaction=None,
                               span=(prev_start + name.start, prev_start + name.end)))
    return out


#: (allergy7) The sentence right after a one-allergen statement that tells its reaction:
#: "... developed intolerance to lenalidomide.  He complained of severe fatigue and diarrhea."
_TOLD_NEXT = re.compile(r"[ \t]*[.;][ \t]+(?:she|he|the\s+patient|patient|pt)\s+(?:complained\s+of|"
                        r"developed|experienced)\s+(?P<r>[^.;\n]{3,60}?)[ \t]*\.",
                        re.IGNORECASE)


_OWN_CAUSE = re.compile(r"\b(?:from|due\s+to|after|secondary\s+to|because\s+of|caused\s+by|with)\b",
                        re.I)


def _told_next(text: str, end: int) -> str | None:
    """(allergy7) The reaction the sentence after a statement ending at ``end`` tells, when
    it names a reaction term ("He complained of severe fatigue and diarrhea."), else None."""
    m = _TOLD_NEXT.match(text, end)
    if not m or not _REACTION_TERM.search(m.group("r")) or _OWN_CAUSE.search(m.group("r")):
        return None  # "He developed a rash from poison ivy": its own cause (review of allergy7)
    return _clean_reaction(m.group("r"))


def _drug_then_reaction(body: str, offset: int) -> list[Allergy]:
    """(review 6) A statement the list parser reads nothing from, a drug first and then its
    reaction ("NKDA but ibuprofen 800 mg gave her hives", "No known allergies, but tramadol
    50 mg q6h prn caused itching"): the drug, with the last reaction term as its reaction
    (span from the drug to that term)."""
    lead = len(body) - len(body.lstrip())
    names = _find_names(body)
    terms = list(_REACTION_TERM.finditer(body))
    if not names or names[0].start != lead or not terms or terms[-1].start() < names[0].end:
        return []
    return [Allergy(substance=substance_name(body[names[0].start:names[0].end]),
                    reaction=_clean_reaction(terms[-1].group(0)),
                    span=(offset + names[0].start, offset + terms[-1].end()))]


def _lists_allergen(line: str) -> bool:
    """(review 3) Whether an allergy header's first line names a known allergen (or one with
    its reaction): the lines under it may go on with the list."""
    if allergen_line(line):
        return True
    return any(known_allergen(line[a.span[0]:a.span[1]]) or known_allergen(a.substance)
               for a in parse_allergy_list(line, 0))


#: (review 6) A reaction named on a line under an allergen line ("Codeine - nausea",
#: "Morphine (itching)", "Aspirin causes hives").
_LINE_REACTION = re.compile(rf"\b(?:{_REACTION_WORDS}|diarrh\w*|hypotension|blisters?|"
                            r"flushing|hallucinations|stevens-johnson|sensitivit\w*)\b",
                            re.IGNORECASE)
#: (review 6) Plural drug families written as allergens ("Penicillins", "Antibiotics").
_FAMILY_ALLERGEN = re.compile(r"(?:penicillins|antibiotics|sulfa(?:\s+\w+)?|pcn)",
                              re.IGNORECASE)


def _class_or_other_allergen(written: str) -> bool:
    """(review 6) Whether ``written`` names a drug class or family ("NSAIDs", "sulfa",
    "Penicillins") or a common non-drug allergen ("latex", "IV contrast", "shellfish"): no
    drug a medication list would name bare."""
    w = _CLASS_WORD.sub("", written.strip()) or written.strip()
    return bool(_DRUG_CLASS.fullmatch(w.lower()) or _FAMILY_ALLERGEN.fullmatch(w)
                or _OTHER_ALLERGEN.search(w))


#: (extfix) What a medication list writes in brackets after a drug, no reaction: its
#: indication ("Metformin (for diabetes)", "(for BP)", "(as needed)").
_INDICATION = re.compile(r"\s*(?:for|as\s+needed|prn)\b", re.IGNORECASE)


def _read_on(text: str, items: list[Allergy], start: int, end: int) -> list[Allergy]:
    """(review 6, review 8) The items of the lines under an allergen line (``start`` its line
    end, ``end`` the block end) that go on with the allergy list. The run of lines with items
    is one block, ended by the first line without one ("Home medication list", "She takes"). A
    block of bare drug names under "ALLERGIES: Penicillin." is as likely a medication list run
    on ("Metoprolol\nLisinopril"): no allergen (the base reading, the first line's allergen
    only). When any line of the block carries a reaction or names a drug class or non-drug
    allergen ("Codeine\nSulfa", "NSAIDs\nMorphine\nLatex"), the block is an allergy list and
    every line of it counts: stopping at the first bare name lost the allergies after it."""
    out: list[Allergy] = []
    listed = False
    pos = start
    while pos < end:
        line_end = text.find("\n", pos + 1)
        line_end = end if line_end < 0 or line_end > end else line_end
        line = text[pos + 1:line_end]
        here = [a for a in items if pos < a.span[0] < line_end]
        if not here:
            break
        listed = listed or any(
            (a.reaction and not _INDICATION.match(a.reaction))
            or _LINE_REACTION.search(line)
            or _class_or_other_allergen(text[a.span[0]:a.span[1]])
            or _class_or_other_allergen(a.substance) for a in here)
        out.extend(here)
        pos = line_end
    return out if listed else []


def _taken_elsewhere(text: str, allergy: Allergy, start: int, end: int) -> bool:
    """(review 3) Whether the drug of ``allergy`` (read from the lines under an allergy
    header) is named outside that list (``start:end``) and outside any allergy statement: a
    drug the patient takes ("MEDICATIONS: aspirin 81 mg daily"), so a bare name in the run
    above is no allergen (never both an allergen and an active medication)."""
    names = _find_names(text[allergy.span[0]:allergy.span[1]])
    if not names:
        return False
    starts = _free_drug_mentions(text).get(names[0].name, [])
    # (review 6) only a mention that says it is taken: "She took codeine after surgery and
    # developed hives" (HPI) is no medication, the allergen stays
    return any((p < start or p >= end) and _taken_mention(text, p) for p in starts)


@lru_cache(maxsize=8)
def _free_drug_mentions(text: str) -> dict[str, list[int]]:
    """Each drug's mentions in ``text`` outside any allergy statement (sorted starts): read
    once a note, so many allergy headers in one note stay linear."""
    statements = SpanSet(allergen_spans(text))
    out: dict[str, list[int]] = {}
    for n in _find_names(text):
        if not statements.overlaps(n.start, n.end):
            out.setdefault(n.name, []).append(n.start)
    return out


_PRONOUNS = {"that", "this", "it", "them", "these", "those", "which", "any", "anything",
             "nothing"}
