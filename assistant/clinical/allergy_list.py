"""The allergy section's list (split out of ``allergies``; code moved unchanged).

``parse_allergy_list`` reads a section body ("Penicillin (hives)", "Sulfa drugs - rash.",
"Contrast dye, which causes anaphylaxis.", "1. Codeine - nausea", a "Drug    Reaction"
table) into allergens, each with its reaction and the span of its words: the lead words
before the list ("She is allergic to", "Reviewed with patient:", "Documented:"), an item's
reaction after a bracket, a dash or a causative verb (``_REACTION``, ``_match_reaction``),
combination products ("Tylenol with codeine"), alternatives ("seafood/shellfish"), and the
tolerance or taken-anyway clauses that end the list. Also where such a list ends under its
header (``_list_end``, ``ends_allergy_list``, ``allergen_line``, ``medication_line``): a
section header or a medication line run on after it holds no allergen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import product

from assistant.clinical.allergy_names import (
    _ALLERGEN_SYNONYMS,
    _OTHER_ALLERGEN,
    _WHEN,
    _clean_reaction,
    _find_names,
    _mask_tylenol_number,
    _unmasked,
    known_allergen,
    substance_name,
)
from assistant.clinical.allergy_nka import (
    _EXCEPT_REACTION,
    _LIST_EXCEPTION,
    _NONE,
    _NONE_EXCEPT,
    _PENDING,
    _UNKNOWN,
)
from assistant.clinical.allergy_taken import (
    as_allergy_item,
    dosed_item,
    taken_clause_start,
    taken_item,
    taken_lead,
    told_next,
)
from assistant.clinical.allergy_words import (
    _ALLERGY_TO,
    _ALLERGY_VERB,
    _CAUSED_REACTION,
    _CONFIRMED,
    _CONTRAST,
    _GETS_LEAD,
    _LIST_NUMBER,
    _LOWER_SENTENCE_END,
    _NOT_A_REACTION,
    _REACTION_TERM,
    _REACTION_WORDS,
    _RESULT_ITEM,
    _STOP_SUBSTANCES,
    _SUBJECT,
    _TAKEN_ANYWAY,
    _TESTED_ITEM,
    _result_found,
)
from assistant.schema import Allergy

# "..., all cause HIVES.": one reaction shared by the whole list
_SHARED = re.compile(r",?\s*(?:which\s+)?(?:all|each|both|they)\s+(?:of\s+which\s+)?"
                     r"(?:cause[sd]?|give|gave|result\s+in)\s+(?P<r>[^.;\n]+?)\s*\.?\s*$",
                     re.IGNORECASE)

# "She is allergic or sensitive to X", "Patient admits allergies to X", "TO BACTRIM, ..." as
# the list itself
_LEAD = re.compile(rf"^[\s,]*(?:(?:includes?|including)\s*:?\s*|{_SUBJECT}?{_ALLERGY_VERB}"
                   rf"{_ALLERGY_TO}|to\s+(?=[A-Za-z])"
                   # "She had some adverse reactions to X, Y"
                   rf"|{_SUBJECT}?{_ALLERGY_VERB}(?:(?:adverse|allergic|drug|bad)\s+)?"
                   r"reactions?\s+(?:to|from)\s+"
                   # "He states that Imuran caused him ...": the speaker, then the list
                   # (allergy10) an adverb between: "She also reports sulfa causes hives"
                   # gave the junk allergen "she also reports sulfa"
                   rf"|{_SUBJECT}(?:(?:also|further|additionally|now)\s+)?"
                   r"(?:states|stated|says|said|reports|reported)\s+(?:that\s+)?)",
                   re.IGNORECASE)
#: The same inside one item of a list: "Penicillin and also intolerance to shellfish",
#: "allergic to Keflex and has skin sensitivity to Steri-Strips".
_PART_LEAD = re.compile(rf"^(?:also\s+)?{_ALLERGY_VERB}{_ALLERGY_TO}", re.IGNORECASE)
#: (allergy5) Words before an item's allergen that are not it: how often ("ON OCCASION
#: LORAZEPAM DOSE PRODUCE HALLUCINATIONS") and an intolerance told as a difficulty ("SHE HAD
#: DIFFICULTY TOLERATING ATIVAN", "does not tolerate codeine").
#: (ext13a) a relative or carer as the reporter ("Allergies: sulfa, mom also reports
#: peanuts" gave the junk allergen "mom also reports peanuts"; "per mother, eggs" the junk
#: "per mother"): the reporter is not the allergen, the words after the verb are
_REPORTER_WHO = (r"(?:mom|mother|dad|father|parents?|grand(?:mother|father|ma|pa)|wife|husband|"
                 r"spouse|partner|caregiver|guardian|family)")
_REPORTER_DET = r"(?:(?:his|her|their|the|the\s+patient'?s|patient'?s|pt'?s)\s+)?"
_SPEAKER = (rf"(?:{_SUBJECT}|{_REPORTER_DET}{_REPORTER_WHO}\s+)"
            r"(?:(?:also|further|additionally|now)\s+)?(?:states|stated|says|said|"
            r"reports|reported|endorses|endorsed|mentions|mentioned|notes|noted)\s+"
            r"(?:that\s+)?(?:(?:an?\s+)?(?:allerg(?:y|ies)|intoleran(?:ce|cy)|sensitivity)"
            r"\s+to\s+)?"
            rf"|(?:per|according\s+to)\s+{_REPORTER_DET}{_REPORTER_WHO}\b\s*,?\s*")
#: (extfix13a) an item that is a relative reporting a reaction only ("father reports hives",
#: "per mom causes rash"): the reaction of the item before
_REPORTED_REACTION = re.compile(
    rf"(?:{_REPORTER_DET}{_REPORTER_WHO}\s+(?:(?:also|further)\s+)?(?:reports|reported|says|said|"
    r"states|stated|notes|noted|mentions|mentioned)(?:\s+that)?"
    rf"|(?:per|according\s+to)\s+{_REPORTER_DET}{_REPORTER_WHO}\s*,?)\s+"
    r"(?:(?:it|this|that)\s+)?(?:(?:causes|caused|causing|gives|gave|with)\s+)?(?:an?\s+)?"
    r"(?P<r>[^,;]+?)", re.IGNORECASE)
#: (ext13a) an item that is only the reporter ("Allergies: sulfa, per mother, eggs")
_REPORTER_ONLY = re.compile(rf"^\s*(?:per|according\s+to|reported\s+by)\s+{_REPORTER_DET}"
                            rf"{_REPORTER_WHO}\s*\.?\s*$", re.IGNORECASE)
_ITEM_LEAD = re.compile(
    r"^\s*(?:(?:on\s+occasion|occasionally|sometimes|at\s+times)\s*,?\s+)?"
    # "MULTIPLE INCLUDING TETRACYCLINE, ...": how many, then the list
    r"(?:(?:multiple|many|several|numerous|various)(?:\s+allergies)?\s*,?\s+(?:including|"
    r"such\s+as|to\s+include)\s+)?"
    rf"(?:{_SUBJECT}?(?:has|had|have|reports|reported)\s+(?:some\s+|great\s+)?(?:difficulty|"
    r"trouble|problems)\s+tolerating\s+|"
    rf"{_SUBJECT}?(?:does|did|could|can)\s*(?:not|n't)\s+tolerate\s+|"
    rf"{_SUBJECT}?cannot\s+tolerate\s+)?(?=[A-Za-z])", re.IGNORECASE)
#: (gaps16) the speaker of a later item or part ("Penicillin, she also reports sulfa",
#: "Penicillin and she also reports sulfa"): as ``_LEAD`` reads it at the list's start, the
#: allergen is the words after the verb (they gave the junk allergen "she also reports sulfa")
_SPEAKER_PART = re.compile(rf"^{_SPEAKER}(?=[A-Za-z])", re.IGNORECASE)
#: (extfix12, safety) what a speaker tells after an allergy list that is no allergy: a drug
#: taken or tolerated ("she also reports taking lisinopril daily", "... that she is on
#: aspirin", "patient reports amoxicillin is fine" were the allergens "taking lisinopril
#: daily", "she is on aspirin", "amoxicillin is fine")
_SPOKEN_NOT_ALLERGY = re.compile(
    r"\b(?:tak(?:e|es|ing)|took|uses?|using|tolerat\w*|fine|ok(?:ay)?|"
    r"(?:is|was|be|been|being|remains?|stays?|currently)\s+on|"
    r"no\s+(?:problems?|issues?|reactions?)|without\s+(?:problems?|issues?|reactions?))\b",
    re.IGNORECASE)


def _speaker_lead(piece: str) -> int | None:
    """(gaps16, extfix12) The end of a speaker's lead opening a later list item or part
    ("she also reports sulfa" -> the end of "she also reports "), 0 when none; ``None``
    when the speaker tells something that is not an allergen (the item names none): the
    words after the lead must start with a known allergen (a reaction may follow) and
    tell no drug taken or tolerated."""
    if _REPORTER_ONLY.match(piece):
        return None
    m = _SPEAKER_PART.match(piece)
    if not m:
        return 0
    rest = piece[m.end():]
    if as_allergy_item(rest) is not None:
        return m.end()  # (ext13a) "she reports she takes codeine and gets hives": told
    if not _names_allergen(rest) or _SPOKEN_NOT_ALLERGY.search(rest):
        return None
    return m.end()
#: An item that only says the reaction is not known ("codeine, unknown reaction").
_NO_SUBSTANCE = re.compile(r"(?:unknown|unspecified|unclear|uncertain|no)\s+reactions?|"
                           r"reactions?\s+(?:unknown|unspecified|unclear)|"
                           # a condition, not an allergen ("allergic rhinitis" is a problem)
                           r"allergic\s+(?:rhinitis|conjunctivitis|asthma|dermatitis)|"
                           # "history of seasonal allergies": hay fever, a condition
                           # (allergy8) and a run of them: "Seasonal environmental allergies."
                           r"(?:(?:a\s+)?history\s+of\s+)?(?:(?:seasonal|fall|spring|"
                           r"environmental|outdoor|indoor)\s+(?:(?:and|or|/)\s+)?)+"
                           r"allerg(?:y|ies)",
                           re.IGNORECASE)
#: (allergy11) An allergy-section item that states seasonal / environmental allergies with its
#: subject or a lead ("SHE HAS SEASONAL ALLERGIES.", "Patient reports history of seasonal
#: allergies.", "Seasonal environmental allergies."): no allergen. The item names no substance:
#: the words are the condition (SNOMED CT 367498001 |Seasonal allergic rhinitis (disorder)|),
#: as ``_NO_SUBSTANCE`` already read "history of seasonal allergies" and the probe sets label
#: it (allergy, allergy2, allergy4, allergy5, allergy8: a condition, null); before, the lead
#: words were read as a junk allergen ("she has seasonal"). A denial ("Denies seasonal
#: allergies.") is ``_DENIED_LIST``'s: no allergen and no NKA (nothing said of drugs).
_ENVIRONMENTAL_ITEM = re.compile(
    rf"{_SUBJECT}?(?:(?:also\s+)?(?:has|have|had|reports?|reported|endorses|gets?|with)\s+)?"
    r"(?:(?:a\s+)?(?:known\s+|positive\s+)?(?:history\s+of|h/o)\s+)?"
    r"(?:(?:mild|some|bad|severe|significant)\s+)?"
    r"(?P<kind>(?:(?:seasonal|fall|spring|environmental|outdoor|indoor)\s+(?:(?:and|or|/)\s*)?)+)"
    r"(?P<allergy>allerg(?:y|ies))(?:\s+only)?", re.IGNORECASE)
#: (a11fix) What joins a seasonal / environmental allergy item to a known allergen after it
#: ("... allergies to pollen", "... allergies-penicillin", "... allergies with hives to X")
_ENVIRONMENTAL_JOINT = re.compile(r"\s*(?:[-\u2013:]|(?P<with>with\b)|to\b)\s*", re.IGNORECASE)
# items break at ";", ",", a line break, and a blanked "and" after a reaction in brackets
# ("Penicillin (hives) and sulfa")
# (a sentence end before the next list number splits an inline numbered list: "1. Penicillin
# - hives. 2. Sulfa - rash.")
_ITEM_SPLIT = re.compile(r"\s*(?:;|,(?!\s*(?i:which|that|causing|causes|caused|with|resulting)\b)|\n|"
                         r"\.\s+(?=\d{1,2}[.)]\s)|(?<=\))\s{4,}(?=[A-Za-z]))\s*")
# "PENICILLIN, CAUSES SKIN RASH". Every whitespace run has one owner (words joined by spaces
# in `sub`, then one optional group, each starting with its own spaces): with several
# adjacent `\s*` a long blank run made a failed match take seconds (O(n^4) backtracking).
_REACTION = re.compile(
    r"^(?P<sub>[A-Za-z][\w\-/']*(?:[ ]+[\w\-/']+)*?)"
    r"(?:\s*\((?P<r1>[^)]*)\)|\s*[-:–]\s*(?P<r2>[^(.;\n]+)|(?:\s*,\s*|\s+)"
    r"(?:(?:which|that)\s+cause[sd]?|(?:has|have|had)\s+caused|causes|caused|cause|causing|with|"
    # (allergy7) a hedged cause, still the allergy record's reaction ("ACE INHIBITOR MAY HAVE
    # CAUSED A COUGH"; a questioned allergy is an allergy)
    r"(?:(?:which|that)\s+)?(?:may|might|could)\s+(?:have\s+caused|cause)|(?:possibly|probably|likely)\s+caused|"
    r"leads\s+to|leading\s+to|results\s+in|resulting\s+in|resulted\s+in|"
    # (allergy11) "it gives me hives": the object pronoun is no part of the reaction
    r"gives(?:\s+(?:him|her|them|me|the\s+patient|patient)(?=\s))?|"
    # (allergy8) a causative verb and its object ("Morphine makes her itch", "codeine gave
    # him nausea", "makes me sick"); a dictated "X does fatigue" (not "does not/well/fine")
    # (review a8) kept only with a reaction after it (``_CAUSED_REACTION``, see _match_reaction)
    r"(?P<cv>(?:makes?|made|gave|give)(?:\s+(?:him|her|them|me|the\s+patient|patient))?(?=\s)|"
    r"does(?!\s+(?:not|n't|have|has|well|fine|ok|okay)\b))|"
    # (allergy5) "LORAZEPAM DOSE PRODUCE HALLUCINATIONS"
    r"produces|produced|produce)"
    r"\s+(?P<r3>[^(.;\n]+))?"
    r"(?:\s*\([^)]*\))?(?:\s*\.)?\s*$", re.IGNORECASE)
#: (review a8) ``_REACTION`` as before allergy8: no causative verb ("makes", "gave", "does").
_REACTION_BASE = re.compile(_REACTION.pattern.replace(
    _REACTION.pattern[_REACTION.pattern.index("(?P<cv>"):_REACTION.pattern.index("produces|")],
    ""), re.IGNORECASE)
#: (review a8) A second causative clause after a blanked "and" ("Codeine makes her nauseated
#: and morphine makes her itch"): its own item (the "and" was blanked to spaces above).
_NEXT_CAUSED = re.compile(r"\b(?:makes?|made|gives?|gave|does|causes|caused)\s[^\n]*?"
                          r"(?P<gap>\s{4,})(?=[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?\s+"
                          r"(?:makes?|made|gives?|gave|give|does|causes|caused)\s)",
                          re.IGNORECASE)


def _match_reaction(item: str) -> re.Match[str] | None:
    """(review a8) ``_REACTION`` on a list item; a causative verb ("makes/gave/does") counts
    only when a reaction follows it (``_CAUSED_REACTION``), else the base reading."""
    m = _REACTION.match(item)
    if not m or not m.group("cv"):
        return m
    contrast = _CONTRAST.search(m.group("r3") or "")
    if contrast and _TAKEN_ANYWAY.search(m.group("r3")[contrast.end():]):
        # "Aspirin makes her stomach upset but she takes 81 mg daily": a drug she takes
        return _REACTION_BASE.match(item)
    if contrast:  # "Penicillin gave her hives as a child but she tolerated amoxicillin"
        m = _REACTION.match(item[:m.start("r3") + contrast.start()]) or m
    r3 = m.group("r3") or ""
    if not _CAUSED_REACTION.match(r3) or _NOT_A_REACTION.search(r3):
        return _told_object(item, m) or _REACTION_BASE.match(item)
    return m


#: (a8c) Where a causative verb's object ends: a comma or semicolon, a conjunction or a
#: relative word ("makes her stomach hurt, so ...", "gave her muscle aches when ..."), or an
#: "and" blanked by the list reader.
_OBJECT_END = re.compile(r"\s*[,;]|\s+(?:and|or|so|but|when|which|while|after|if)\b|\s{4,}",
                         re.IGNORECASE)


def _told_object(item: str, m: re.Match[str]) -> re.Match[str] | None:
    """(a8c) A known allergen, a causative verb and an object outside the reaction words
    ("Shellfish makes her throat swell", "Statins gave her muscle aches"): in an allergy list
    a clinician wrote that down as an allergy, the object (to its end) is the reaction; never
    a benefit ("makes her feel better"). None when the item is no such one."""
    cv = re.match(r"(?:makes?|made|gave|give)\b", m.group("cv") or "", re.IGNORECASE)
    parts = [p for p in re.split(r"\s{4,}", m.group("sub").strip()) if p.strip()]
    if not cv or not parts or not all(known_allergen(p) for p in parts):
        return None
    r3 = m.group("r3") or ""
    end = _OBJECT_END.search(r3)
    told = _REACTION.match(item[:m.start("r3") + end.start()]) if end else m
    if not told or not (told.group("r3") or "").strip() or not told.group("cv") \
            or _NOT_A_REACTION.search(told.group("r3")):
        return None
    return told


def _taken_despite(item: str, rest: str) -> bool:
    """(review a8b) Whether a causative item ("Aspirin makes her stomach upset") goes on, in
    its sentence (``rest``: the text from the item on), to say the patient takes the drug all
    the same ("... but she takes 81 mg daily", "..., but she continues it"): read on the
    whole sentence, before the item is cut at "but" (then it is no allergy, as before
    allergy8)."""
    m = _REACTION.match(item)
    if not m or not m.group("cv"):
        return False
    sentence = re.match(r"[^.;\n]*", rest).group(0)
    contrast = _CONTRAST.search(sentence)
    if not contrast or not _TAKEN_ANYWAY.search(sentence[contrast.end():]):
        return False
    # "Morphine makes her itch but she takes oxycodone": another drug taken, the allergy stays
    mine = {n.name for n in _find_names(_unmasked(m.group("sub")))}
    return not any(n.name not in mine for n in _find_names(_unmasked(sentence[contrast.end():])))


#: (alg9fix) A status word opening a list item before its allergen ("Documented: sulfa.",
#: "Reported - codeine.", "Suspected: latex."); the schema has no certainty field, so a
#: suspected allergy is listed plainly (over-listing is the safe error).
_STATUS_LEAD = re.compile(r"^\s*(?:documented|reported|suspected|confirmed|unconfirmed|verified|"
                          r"unverified|questionable|possible|probable)\s*[:\-\u2013,]\s*"
                          r"(?=[A-Za-z])", re.IGNORECASE)


def _names_allergen(rest: str) -> bool:
    """Whether the first one to three words of ``rest`` name a known allergen."""
    words = re.findall(r"[A-Za-z][\w/-]*", rest)[:3]
    return any(known_allergen(" ".join(words[:k])) for k in range(len(words), 0, -1))


#: An allergy item that points elsewhere or names a kind of allergy, no substance ("ALLERGIES:
#: See meds.", "ALLERGIES: ENVIRONMENTAL."; "Environmental allergies." already gave none): no
#: allergen when it stands alone ("Meds: penicillin" keeps its reading)
_POINTERS = {"meds", "see meds", "see medications", "see med list", "see medication list",
             "see list", "as above", "per chart", "see chart", "reviewed", "environmental",
             "seasonal"}


#: (review 5) What ends an item's substance besides when it happened: "but ..." ("Penicillin
#: but has tolerated cephalosporins").
_ITEM_TAIL = re.compile(rf"{_WHEN.pattern}|\s+but\b.*$", re.IGNORECASE | re.DOTALL)
#: (allergy6) An item that opens a contrast clause (", but takes ibuprofen", ", however, she
#: can take morphine"): no allergen, and the list ends there.
_CONTRAST_ITEM = re.compile(r"(?:but|however|although|though|yet)\b[ \t,]*(?:also[ \t]+)?",
                            re.IGNORECASE)
#: (review 3) What makes that clause a tolerance, which ends the list ("but takes ibuprofen",
#: "however, she can take morphine", "though tolerated cephalexin", "but not codeine"); any
#: other ("however, sulfa causes hives", "but also morphine (itching)", "though sulfa -
#: hives") goes on listing allergens.
_TOLERANCE_CLAUSE = re.compile(r"\b(?:takes?|taking|took|tolerat\w*|not|no|never|n't|"
                               # (review 6) "but morphine is OK/okay", "but morphine works"
                               r"uses?|using|fine|ok|okay|works?|worked)\b", re.IGNORECASE)
#: An item that says what the patient tolerates (", tolerated cephalexin since").
_TOLERATED_ITEM = re.compile(r"(?:(?:but|and|has|have|had|since|also|previously|later|"
                             r"subsequently)\s+)*(?:tolerat\w*|well\s+tolerated)\b", re.IGNORECASE)


#: A list body that denies what it names ("The patient denied any allergy to iodine,
#: lidocaine or codeine", "No shrimp, seafood, or dye allergy"): no item, and it says
#: nothing of other allergens (``no_known_allergies`` stays unset).
_DENIED_LIST = re.compile(rf"^\W*{_SUBJECT}?(?:denie[sd]|did\s+not\s+report|reports?\s+no|"
                          r"has\s+no|had\s+no|no)\b", re.IGNORECASE)


#: "Reviewed with patient:", "Reviewed and updated;" before the list: who checked it, not an
#: allergen (review 1: "ALLERGIES: Reviewed with patient: NKDA." gave allergen "reviewed")
_REVIEWED_LEAD = re.compile(
    r"^\W*(?:reviewed|verified|updated|reconciled|unchanged|confirmed|"
    r"per\s+(?:the\s+)?(?:ehr|emr|epic|chart|record)|"
    # (ext12) where the list was taken from ("Per patient: sulfa (rash)", "per pharmacy -
    # codeine"): an attribution, no allergen
    r"(?:as\s+)?(?:per|according\s+to)\s+(?:the\s+|his\s+|her\s+)?(?:patient|pt|pharmacy|"
    r"family|parents?|mother|father|wife|husband|daughter|son|caregiver|pcp|primary\s+care|"
    r"records?|outside\s+records?|old\s+records?|nursing|mar|med\s+rec|medication\s+"
    r"reconciliation|referral|(?:ehr|emr|chart)\s+review)"
    # (extfix, review 7) the source's own papers: "Per PCP records: latex", "per
    # pharmacy list - codeine", "per patient's mother: sulfa"
    r"(?:'s(?:\s+(?:mother|father|family|wife|husband))?)?"
    r"(?:\s+(?:records?|notes?|chart|list|office|documentation|report))?)"
    # (extfix2) "per records reviewed: codeine"
    r"(?:\s+(?:(?:and|&)\s+)?(?:reviewed|updated|verified|reconciled|unchanged|confirmed))?"
    r"(?:\s+(?:with|by)\s+(?:the\s+)?(?:patient|pt|family|parents?|mother|father|caregiver))?"
    # (review 6) "Reviewed in EHR, penicillin": where it was checked, no allergen
    r"(?:\s+(?:in|per)\s+(?:the\s+)?(?:ehr|emr|epic|chart|record))?"
    r"(?:\s+(?:today|again))?\s*[:;,.\-]\s*(?=\S)", re.IGNORECASE)


def parse_allergy_list(text: str, offset: int = 0) -> list[Allergy]:
    """Allergies from an allergy section body ``text`` (spans shifted by ``offset``)."""
    text = _lower_first_sentence(text)
    reviewed = _REVIEWED_LEAD.match(text)
    lead = reviewed.end() if reviewed else 0
    lead += len(text[lead:]) - len(text[lead:].lstrip(" \t\n-:."))
    if _NONE_EXCEPT.match(text, lead):
        # (review 7) "None except as above", "None other than previously documented", "NKDA
        # other than food allergies": the exception must name a substance (the drug
        # dictionary, a drug class, a common allergen), else the line lists no allergy and
        # says no NKA either (unset); "none except as noted below" names its allergens on
        # the lines after it
        if not _LIST_EXCEPTION.match(text, lead):
            return _listed_after_none(text, offset)
        return [a for a in _parse_allergy_list(text, offset)
                if known_allergen(a.substance)
                or known_allergen(text[a.span[0] - offset:a.span[1] - offset])]
    # (h-allergy) "penicillin, aspirin 81 mg daily": the dosed drug is no allergen
    return [a for a in _parse_allergy_list(text, offset) if not dosed_item(
        text[a.span[0] - offset:a.span[1] - offset], a.reaction)]


def _lower_first_sentence(text: str) -> str:
    """(allergy10) A lower-cased body's first line cut at its first sentence end, the rest of
    the line blanked (same length): what the section reader's first-sentence cut does in
    capitals ("codeine.  no shrimp, seafood, or dye allergy." -> "codeine."; "Codeine.  No
    shrimp ..." was cut there already). The later sentences of an allergy header's line are
    read by ``find_prose_allergies``."""
    if text != text.lower() or not any(c.isalpha() for c in text):
        return text
    line_end = text.find("\n")
    line_end = len(text) if line_end < 0 else line_end
    number = re.match(r"[ \t]*\d{1,2}[.)]", text)  # "1.  penicillin": no sentence end
    cut = _LOWER_SENTENCE_END.search(text, number.end() if number else 0, line_end)
    if cut is None:
        return text
    return text[:cut.start() + 1] + " " * (line_end - cut.start() - 1) + text[line_end:]


#: a list number at a line's start, before its item ("1. Penicillin", "2) Sulfa")
_LINE_NUMBER = re.compile(r"(?m)^([ \t]*)(\d{1,2}[.)])([ \t]+)(?=[A-Za-z])")
#: (extfix2) a bullet at a line's start, before its item
_BULLET = re.compile(r"(?m)^([ \t]*)[-*\u2022]([ \t]+)(?=[A-Za-z])")


def _parse_allergy_list(text: str, offset: int = 0) -> list[Allergy]:
    text = _mask_tylenol_number(text)
    reviewed = _REVIEWED_LEAD.match(text)
    if reviewed:  # keep offsets: blank the lead words
        text = " " * reviewed.end() + text[reviewed.end():]
    if "-" in text or "*" in text or "\u2022" in text:
        # (extfix2) a bulleted list ("- Penicillin (rash)\n- Sulfa"): the bullet is no
        # word of the item (blanked, same length: offsets kept)
        text = _BULLET.sub(lambda b: b.group(1) + " " + b.group(2), text)
    # (issue 16 metamorphic test) a number at a line's start too ("1. Include penicillin.",
    # "1. Refer to chart."): blanked (same length), so the lead and no-content rules below
    # read the item's own first word; each item is cut at its line break as before
    text = _LINE_NUMBER.sub(lambda b: b.group(1) + " " * len(b.group(2)) + b.group(3), text)
    if "-" in text:
        # (extfix2) "Penicillin-rash": a known allergen and its reaction joined by a hyphen
        # is the "Penicillin - rash" item (":" for the hyphen, same length)
        text = _HYPHEN_REACTION.sub(
            lambda h: h.group(1) + (":" if known_allergen(h.group(1)) else "-"), text)
    if "[" in text:
        # (ext12) "penicillin [hives]": a reaction in square brackets is one in round ones
        # (same length: offsets kept)
        text = text.replace("[", "(").replace("]", ")")
    exception = _LIST_EXCEPTION.match(text, len(text) - len(text.lstrip(" \t\n-:.")))
    if exception:  # (fix2) "None known except for codeine": the list after "except for"
        text = " " * exception.end() + text[exception.end():]
    if _NONE.match(text):
        # (review 5) "None known.\n  Latex.": an allergen listed on a line after the "none"
        # statement is listed all the same (only known allergens: the lines may be prose)
        return _listed_after_none(text, offset)
    if _UNKNOWN.match(text) or _DENIED_LIST.match(text) or _PENDING.match(text):
        return []
    gets = _GETS_LEAD.match(text) if not _LEAD.match(text) else None
    head = _LEAD.match(text) or gets
    if head:  # keep offsets: blank the lead words instead of cutting them
        text = " " * head.end() + text[head.end():]
    shared_reaction: str | None = None
    shared = _SHARED.search(text)
    if shared:
        shared_reaction = _clean_reaction(shared.group("r"))
        text = text[:shared.start()]
    # a table row ("Penicillin      Hives"): the gap before a reaction column is the dash of
    # "Penicillin - hives" (read before the blanked "and"s below make gaps of their own)
    text = _TABLE_ROW.sub(_row_as_dash, text)
    # "PENICILLIN AND ASPIRIN", "..., AND CIPRO": "and" in any case joins two items
    text = re.sub(r"\band\s+(?=[A-Za-z])", lambda m: " " * len(m.group(0)), text,
                  flags=re.IGNORECASE)
    out: list[Allergy] = []
    pos = 0
    pieces: list[tuple[int, str]] = []
    # split points inside parentheses ("(per mother, as an infant)") are not item breaks
    masked = re.sub(r"\([^)]*\)", lambda m: "(" + "x" * (len(m.group(0)) - 2) + ")", text)
    for cut in _ITEM_SPLIT.finditer(masked):
        pieces.append((pos, text[pos:cut.start()]))
        pos = cut.end()
    pieces.append((pos, text[pos:]))
    split: list[tuple[int, str]] = []
    for start, piece in pieces:
        while (nxt := _NEXT_CAUSED.search(piece)) is not None:
            split.append((start, piece[:nxt.start("gap")]))
            start, piece = start + nxt.end("gap"), piece[nxt.end("gap"):]
        split.append((start, piece))
    pieces = split
    for start, piece in pieces:
        # a numbered list ("1.  Penicillin - hives.", "2)  Sulfa."): the item after its number
        number = _LIST_NUMBER.match(piece)
        if number:
            start, piece = start + number.end(), piece[number.end():]
        own = _ITEM_LEAD.match(piece)
        if own and own.end() > 0:  # keep offsets: blank the lead words
            piece = " " * own.end() + piece[own.end():]
        reported = _REPORTED_REACTION.fullmatch(piece.strip(" \t\n."))
        if reported and _REACTION_TERM.fullmatch(reported.group("r")):
            # (extfix13a) "Amoxicillin, father reports hives", "Amoxicillin, per mom causes
            # rash": the reaction of the item before, told by a relative (no allergen)
            if out and out[-1].reaction is None and out[-1].span[0] >= offset:
                out[-1] = out[-1].model_copy(update={"reaction": _clean_reaction(
                    reported.group("r"))})
            continue
        spoken = _speaker_lead(piece.lstrip())
        if spoken is None:  # (extfix12) "..., she also reports taking lisinopril daily"
            continue
        if spoken:
            lead_at = len(piece) - len(piece.lstrip()) + spoken
            piece = " " * lead_at + piece[lead_at:]
        status = _STATUS_LEAD.match(piece)
        if status and _names_allergen(piece[status.end():]):
            # (alg9fix) "Documented: sulfa.", "Reported - codeine.": the status word of the
            # item, the drug after it the allergen (the status word alone names none)
            piece = " " * status.end() + piece[status.end():]
        # (review of issue 16) "She takes penicillin and gets hives": an allergy told as a
        # drug taken, read as "penicillin with hives"; "Sulfa, which is why she takes
        # Levaquin": the allergen is the words before the clause (the rest blanked)
        told_taken = as_allergy_item(piece)
        if told_taken is not None:
            piece = told_taken
        cut_at = taken_clause_start(piece)
        if cut_at is not None:
            piece = piece[:cut_at] + " " * (len(piece) - cut_at)
        stripped = piece.strip()
        if not stripped or _TABLE_HEAD.fullmatch(stripped):
            continue  # a table's column names ("Drug      Reaction")
        env = _ENVIRONMENTAL_ITEM.match(stripped)
        joint = _ENVIRONMENTAL_JOINT.match(stripped, env.end()) if env else None
        if joint and not _names_allergen(stripped[joint.end():]) and not (
                joint.group("with") and re.search(r"\bto\b", stripped[joint.end():])):
            joint = None
        if env and (joint or not re.match(r"[\w-]|\s+to\b", stripped[env.end():])):
            # (allergy11) "She has seasonal allergies.": a condition, no allergen; what
            # follows it in the item ("... and is allergic to penicillin") is read on
            # (a11fix) and so is a known allergen joined to it ("Environmental allergies to
            # pollen", "Seasonal allergies-penicillin", "... with hives to amoxicillin")
            if not joint and re.match(r"\s*with\b", stripped[env.end():], re.IGNORECASE):
                continue  # (a11fix) "Seasonal allergies with sneezing": its signs, no allergen
            lead = len(piece) - len(piece.lstrip())
            cut = joint.end() if joint else env.end()
            piece = piece[:lead] + " " * cut + piece[lead + cut:]
            stripped = piece.strip(" \t\n.")
            if not stripped:
                continue
        if _DENIED_LIST.match(stripped) and re.search(r"\ballerg", stripped, re.IGNORECASE):
            continue  # (a11fix) "Seasonal allergies, denies drug allergies.": no allergen
        told = _PRONOUN_REACTION.fullmatch(stripped.rstrip(" ."))
        if told:
            # "allergic to sulfa, it gives her hives": the reaction of the item before
            if out and out[-1].reaction is None and out[-1].span[0] >= offset:
                out[-1] = out[-1].model_copy(update={"reaction": _clean_reaction(
                    told.group("r"))})
            continue
        first = _REACTION_FIRST.fullmatch(stripped.rstrip(" ."))
        if first:
            # "Hives with penicillin", "rash from sulfa": the reaction written first
            lead = len(piece) - len(piece.lstrip()) + first.start("x")
            for a in parse_allergy_list(first.group("x"), offset + start + lead):
                out.append(a.model_copy(update={"reaction": a.reaction or _clean_reaction(
                    first.group("r"))}))
                if gets:  # (allergy6) "gets R with A, B, or C": R is each one's reaction
                    shared_reaction = shared_reaction or out[-1].reaction
            continue
        told = _REACTION_ITEM.fullmatch(stripped.rstrip(" "))
        if told and not _NO_SUBSTANCE.fullmatch(stripped.rstrip(" .")):
            # (allergy8) "Montelukast sodium, "seizure-like" reaction.", "Penicillin,
            # anaphylactic reaction": an item that is a kind of reaction is the reaction of
            # the allergen right before it (that has none), never an allergen
            # issue 16 (c): never an allergen either when that allergen has its reaction
            # already ("Penicillin (hives), GI reaction") or there is none before it
            if out and out[-1].reaction is None and out[-1].span[0] >= offset:
                out[-1] = out[-1].model_copy(update={"reaction": _clean_reaction(
                    re.sub(r"[\"'\u201c\u201d\u2018\u2019]", "", told.group(0)))})
            continue
        if _REACTION_TERM.fullmatch(stripped.rstrip(" .")):
            # "venom resulting in difficulty breathing, severe rash, ...": a reaction named
            # after the comma belongs to the item before it; a reaction is never an allergen
            if out and out[-1].reaction and out[-1].span[0] >= offset:
                more = " ".join(stripped.rstrip(" .").lower().split())
                for k in range(len(out) - 1, -1, -1):  # each substance of that item
                    if out[k].span != out[-1].span and out[k].reaction != out[-1].reaction:
                        break
                    out[k] = out[k].model_copy(update={"reaction": f"{out[k].reaction}, {more}"})
            continue
        if _CONFIRMED.fullmatch(stripped.rstrip(" .")) or _RESULT_ITEM.fullmatch(stripped.rstrip(" .")):
            continue  # (review) "r/o latex allergy, confirmed": the test's result, no allergen
        tested = _TESTED_ITEM.match(stripped)
        if tested:
            confirmed = _CONFIRMED.search(stripped)
            if not confirmed or not _result_found(stripped[tested.end():]):
                # (re-review) "Evaluated for sulfa allergy, which she does not have"
                continue  # issue 16 (f): "Rule out sulfa allergy": looked for, not confirmed
            # (review) "r/o latex allergy, confirmed": the allergen between the test words and
            # the result (both blanked, offsets kept)
            lead = len(piece) - len(piece.lstrip())
            cut = lead + confirmed.start()
            piece = " " * (lead + tested.end()) + piece[lead + tested.end():cut] \
                + " " * (len(piece) - cut)
            stripped = piece.strip()
        if _TOLERATED_ITEM.match(stripped):
            continue  # (review 5) ", tolerated cephalexin since": what the patient can take
        if taken_item(stripped) and not told_next(text, start + len(piece)):
            # issue 16 (d): ", so she uses Tylenol": a drug taken instead is no allergen;
            # (review) only this item: the allergens after it are still read ("Aspirin, she
            # takes Tylenol instead; codeine causes vomiting")
            continue
        # (review) an item opening with a clause of taking that goes on with a reaction or a
        # "has/had" clause ("She takes penicillin and had hives"): its parts are not drugs taken
        told_item = taken_lead(stripped) is not None
        contrast = _CONTRAST_ITEM.match(stripped)
        if contrast:
            # (allergy6) ", but takes ibuprofen": a tolerance clause ends the list; (review 3)
            # read to the clause end (", however, she takes ...": the items after the comma)
            lead = len(piece) - len(piece.lstrip())
            clause = re.match(r"[^.;\n]*", text[start + lead:]).group(0)
            if _TOLERANCE_CLAUSE.search(clause) or (_TAKEN_ANYWAY.search(clause)
                                                    and not _EXCEPT_REACTION.search(clause)):
                break  # (review a8b) ", but she continues it": no reaction told, a tolerance
            # another allergen ("but also morphine (itching)"): the item after the word
            # (blanked, offsets kept)
            piece = " " * (lead + contrast.end()) + piece[lead + contrast.end():]
            stripped = piece.strip()
            if not stripped:
                continue
        combo = _combination(stripped)
        if combo and combo[2]:
            # (allergy6) "TYLENOL WITH CODEINE": one name (same length, offsets kept)
            stripped = stripped[:combo[0]] + "-" + stripped[combo[0] + 1:combo[1] - 1] + "-" \
                + stripped[combo[1]:]
        elif combo:
            # (review 3) "Morphine with codeine": two drugs, no product of the dictionary;
            # each its own allergen (the " with " blanked as an "and" is)
            stripped = stripped[:combo[0]] + " " * (combo[1] - combo[0]) + stripped[combo[1]:]
            combo = None
        lead = len(piece) - len(piece.lstrip())
        if _taken_despite(stripped, text[start + lead:]):
            continue  # (review a8b) the base reading: no allergy of a drug she goes on taking
        m = _match_reaction(stripped)
        if m is None or len(m.group("sub").split()) > 4 or _ITEM_TAIL.search(m.group("sub")):
            # (allergy4) "Hypaque dye when she had x-rays for her kidneys": when it happened
            # is no part of the item (cut, the offsets kept), when what is left is a known
            # allergen; (review 5) also inside the substance words ("Codeine when taken with
            # food") and "but ..." ("Penicillin but has tolerated cephalosporins")
            when = _ITEM_TAIL.search(stripped)
            cut = _match_reaction(stripped[:when.start()]) if when else None
            m = cut if cut and known_allergen(cut.group("sub")) else m
        if not m:
            continue
        r2, kinds = m.group("r2"), [""]
        lead_in = _REACTION_LEAD.search(r2) if r2 else None
        if r2 and lead_in and lead_in.start() > 0 and len(r2[:lead_in.start()].split()) <= 2:
            # "venom - bee/wasp resulting in ...": the words after the dash say which kinds of
            # the substance (each its own allergen), the reaction follows "resulting in"
            kinds = [k.strip() for k in r2[:lead_in.start()].split("/") if k.strip()]
            r2 = r2[lead_in.end():]
        reaction = _clean_reaction(m.group("r1") or r2 or m.group("r3")) \
            or shared_reaction
        s = offset + start + lead
        whole = m.group("sub").strip(" -")
        # "Aspirin and Altace caused cough" (the "and" blanked above): one reaction shared by
        # each substance; "at higher doses" qualifies the reaction, not the substance
        parts = [p for p in re.split(r"\s{4,}", whole) if p.strip()]
        # (gaps16) "codeine or morphine": two allergens joined by "or" (a bare "or" between
        # two known allergens, as "and" joins them above); "or" before anything else stays
        # one item ("Penicillin or related drugs")
        parts = [q for p in parts for q in _or_parts(p)]
        # (allergy3) "codeine and aspirin (angioedema)": a reaction in brackets after the
        # last substance is that one's (a verb's reaction, "caused cough", is each one's)
        own_only = m.group("r1") is not None and len(parts) > 1
        for k_part, part in enumerate(parts):
            part_reaction = None if own_only and k_part < len(parts) - 1 else reaction
            said_or = re.match(r"or\s+", part, flags=re.I)
            part = part[said_or.end():] if said_or else part  # "A, B, or C"
            if taken_item(part) and not told_item:
                continue  # (review of issue 16) "penicillin and takes nothing else"
            # "also intolerance to shellfish", "has skin sensitivity to Steri-Strips"
            own_lead = _PART_LEAD.match(part)
            if own_lead:
                part = part[own_lead.end():]
            else:
                spoken = _speaker_lead(part)
                if spoken is None:  # (extfix12) "... and she also reports that she is on
                    continue        # aspirin": no allergen told
                part = part[spoken:]
            sub = _DOSE_QUALIFIER.sub("", part).strip(" -")
            if combo:
                sub = re.sub(r"-(with)-", r" \1 ", sub, flags=re.IGNORECASE)
            # (fix2) "CODEINE 30 MG - NAUSEA", "codeine 30 mg tablets caused hives": the dose
            # (and form) the allergen was taken at is no part of its name
            dosed = _DOSE_TAIL.search(sub)
            if dosed and dosed.start() > 0:
                sub = sub[:dosed.start()].rstrip(" -")
            if not sub or sub.lower() in _STOP_SUBSTANCES or len(sub) < 3 or \
                    len(sub.split()) > 4 or _NO_SUBSTANCE.fullmatch(sub) or \
                    (sub.lower() in _POINTERS and part_reaction is None):
                continue
            alternatives = _alternatives(sub)
            if alternatives:
                # (allergy4) "seafood/shellfish": each its own allergen, its own span
                base = s + stripped.find(part)
                for off, alt in alternatives:
                    out.append(Allergy(substance=substance_name(alt), reaction=part_reaction,
                                       span=(base + off, base + off + len(alt))))
                continue
            name = substance_name(sub)
            if name in _STOP_SUBSTANCES:  # "UNKNOWN ALLERGY" names no substance
                continue
            # (allergy6) "..., or phenylpropanolamine": the span starts at the drug, not "or"
            if len(parts) > 1 or own_lead or spoken or name not in stripped.lower() or dosed \
                    or said_or:
                # the substance's own words ("Zetia" for ezetimibe), so its span grounds it
                ps = s + stripped.find(part)
                pe = ps + len(sub)
            else:
                # (review 5) the words read: an item cut at "when ..." ends where they end
                ps, pe = s, s + len(m.string.rstrip(" ."))
            for kind in kinds:
                out.append(Allergy(substance=f"{kind.lower()} {name}".strip(),
                                   reaction=part_reaction, span=(ps, pe)))
    return out


def _or_parts(part: str) -> list[str]:
    """(gaps16) ``part`` split at each " or " when every piece names a known allergen
    ("codeine or morphine", "penicillin or amoxicillin"), else ``[part]``."""
    if not re.search(r"\s+or\s+", part, re.IGNORECASE):
        return [part]
    pieces = [p.strip() for p in re.split(r"\s+or\s+", part, flags=re.IGNORECASE)]
    pieces[0] = re.sub(r"^either\s+", "", pieces[0], flags=re.IGNORECASE)
    if len(pieces) > 1 and all(p and len(p.split()) <= 2 and known_allergen(p) for p in pieces):
        return pieces
    return [part]


#: (allergy8) A list item naming a kind of reaction, quoted or not: "seizure-like" reaction,
#: anaphylactic reaction, GI reactions (one to three words before "reaction").
#: (review a8) Only a closed list of reaction kinds: "latex reaction", "IV dye reaction",
#: "sulfa allergic reaction" name an allergen, and "tolerated Keflex without reaction" none.
_REACTION_KIND = (r"(?:(?:mild|moderate|severe|serious|delayed|immediate|systemic|local)\s+)?"
                  r"(?:anaphylactic|anaphylactoid|allergic|skin|cutaneous|gi|gastrointestinal|"
                  r"seizure-like|seizure|dystonic|extrapyramidal|red\s+man|mild|moderate|severe|"
                  r"serious|delayed|immediate|systemic|local)")
_REACTION_ITEM = re.compile(rf"[\"'\u201c\u2018]?{_REACTION_KIND}"
                            r"[\"'\u201d\u2019]?\s+reactions?\.?", re.IGNORECASE)


#: (allergy6) "A with B" at an item's start: a combination product's name ("Tylenol with
#: codeine", "Fioricet with codeine") when B is a drug, not a reaction ("Penicillin with hives").
_WITH_PAIR = re.compile(r"[A-Za-z][\w-]*(?P<w>\s+with\s+)(?P<b>[A-Za-z][\w-]*)"
                        r"(?=\s*(?:[(.,;:\-\u2013]|$))", re.IGNORECASE)


def _combination(item: str) -> tuple[int, int, bool] | None:
    """``(start, end, product)`` of the " with " joining two drug names at the start of
    ``item``: ``product`` True when the whole is a combination product of the drug dictionary
    ("Tylenol with codeine"), False for two drugs of their own ("Morphine with codeine",
    review 3: no made-up substance); None when B is no drug ("Penicillin with hives")."""
    m = _WITH_PAIR.match(item)
    if m is None or m.group("w") != " " + m.group("w").strip() + " ":
        return None  # one space either side: the masking keeps the length
    from assistant.clinical.medications import is_drug_name

    b = m.group("b")
    if is_drug_name(m.group(0)):
        return m.start("w"), m.end("w"), True
    if is_drug_name(b) and not _REACTION_TERM.fullmatch(b) and is_drug_name(item[:m.start("w")]):
        return m.start("w"), m.end("w"), False
    return None


def _listed_after_none(text: str, offset: int) -> list[Allergy]:
    """The known allergens of the lines after a first line that says "none" (offsets kept by
    blanking that line); [] when it is the only line."""
    line_end = text.find("\n")
    if line_end < 0 or not text[line_end:].strip():
        return []
    rest = " " * line_end + text[line_end:_list_end(text, line_end)]
    return [a for a in parse_allergy_list(rest, offset)
            if known_allergen(rest[a.span[0] - offset:a.span[1] - offset])
            or known_allergen(a.substance)]


def _alternatives(written: str) -> list[tuple[int, str]]:
    """``(offset, allergen)`` of each of "seafood/shellfish", "latex/tape": non-drug
    allergens joined by "/" (a drug combination, "sulfamethoxazole/trimethoprim", is one
    substance and gives []); [] unless every part is a common non-drug allergen, or
    (allergy7) every part is a known allergen and together they are no known combination
    product ("ASA/ PCN", "codeine/morphine": two allergens; "Tylenol/codeine" is one)."""
    if "/" not in written:
        return []
    out, pos = [], 0
    for part in written.split("/"):
        word = part.strip()
        if not word:
            return []
        out.append((pos + part.find(word), word))
        pos += len(part) + 1
    if all(_OTHER_ALLERGEN.fullmatch(w) for _, w in out):
        return out
    if not all(known_allergen(w) or w.lower() in _ALLERGEN_SYNONYMS for _, w in out):
        return []
    names = [substance_name(w) for _, w in out]
    if len(set(names)) == 1:
        # (allergy7) "Bactrim/Septra": two brands of one drug, one allergen
        return out[:1]
    # each part by its canonical name or as written ("clavulanate": the lexicon's
    # amoxicillin-clavulanate, though the dictionary names it clavulanic acid)
    options = [(n, w.lower()) for n, (_, w) in zip(names, out, strict=True)]
    return [] if any(_known_combination(c) for c in product(*options)) else out


def _known_combination(names: Iterable[str]) -> bool:
    """Whether the drugs ``names`` (canonical, each maybe itself a combination) together are
    a combination product of the drug lexicon or the drug dictionary (their ingredients one
    product's: "acetaminophen" + "codeine" -> acetaminophen-codeine)."""
    want = frozenset(i for n in names for i in re.split(r"[-/]", n) if i)
    return len(want) > 1 and want in _combinations()


@lru_cache(maxsize=1)
def _combinations() -> frozenset[frozenset[str]]:
    """The ingredient sets of every combination product the drug names know."""
    from assistant.clinical.drug_names import _LEX, _dictionary

    dictionary = _dictionary()
    generics = {*_LEX.values(), *(str(v["generic"]) for v in dictionary.values())}
    # "-" joins the lexicon's combinations ("acetaminophen-codeine") but is also part of
    # single names ("povidone-iodine"): a combination when each part is a name itself
    return frozenset(frozenset(re.split(r"[-/]", g)) for g in generics
                     if "/" in g or ("-" in g and all(p in _LEX or p in dictionary
                                                      for p in g.split("-"))))


#: A table's header row and its rows (a reaction in a column of its own).
_TABLE_HEAD = re.compile(r"(?:drugs?|medications?|allergens?|substances?|agents?)[ \t]{2,}"
                         r"(?:reactions?|type|severity)(?:[ \t]{2,}\w+)*", re.IGNORECASE)
_TABLE_ROW = re.compile(r"^(?P<pre>[ \t]*(?:\d{1,2}[.)][ \t]*)?)(?P<sub>[A-Za-z][\w\-/']*"
                        r"(?:[ ][\w\-/']+){0,3})(?P<gap>[ \t]{2,})(?P<r>[A-Za-z][^\n]*?)"
                        r"(?P<end>[ \t.]*)$", re.MULTILINE)


def _row_as_dash(m: re.Match[str]) -> str:
    if not _REACTION_TERM.fullmatch(m.group("r")):
        return m.group(0)
    gap = m.group("gap")
    return m.group("pre") + m.group("sub") + gap[:-1] + "-" + m.group("r") + m.group("end")
#: What introduces a reaction after a dash's qualifier ("bee/wasp resulting in ...").
_REACTION_LEAD = re.compile(r"\s+(?:resulting\s+in|results\s+in|resulted\s+in|caus(?:es|ed|ing)|"
                            r"leading\s+to|leads\s+to)\s+", re.IGNORECASE)

#: A reaction told of the item before ("..., it gives her hives", "which caused a rash").
_PRONOUN_REACTION = re.compile(r"(?:it|this|which|they|these)\s+(?:causes|caused|cause|gives|gave|"
                               r"give|results\s+in|resulted\s+in|"
                               # (a11fix) "it makes me throw up", "it made her itch": a
                               # causative verb and its person, a reaction after it only
                               r"(?:makes|made|make)(?=\s+(?:me|her|him|them)\s+(?:(?:feel|get|"
                               r"very|so|really)\s+)*(?:throw\s+up|nause|itch|sick|vomit|dizzy|"
                               r"break\s+out|wheez|hives|rash)))\s+(?P<r>[A-Za-z].*)",
                               re.IGNORECASE)
#: An item that names its reaction first ("Hives with penicillin", "rash from sulfa").
_REACTION_FIRST = re.compile(rf"(?P<r>{_REACTION_TERM.pattern})\s+(?:with|from|to|after)\s+"
                             r"(?P<x>[A-Za-z].*)", re.IGNORECASE)
#: (extfix2) "Penicillin-rash", "sulfa-hives": an allergen word, a hyphen, a reaction term
_HYPHEN_REACTION = re.compile(rf"\b([A-Za-z][A-Za-z]{{2,}})-(?=(?:{_REACTION_TERM.pattern})(?![\w-]))",
                              re.IGNORECASE)


#: (fix2) A dose (and dosage form) after an allergen's name: "30 mg", "5000 units", "500 mg
#: tablets".
_DOSE_TAIL = re.compile(r"\s+\d+(?:\.\d+)?\s*(?:mg|mcg|g|grams?|ml|units?|%)(?![A-Za-z])"
                        r"(?:\s+(?:tablets?|tabs?|capsules?|caps?|injections?|pills?|doses?|"
                        r"iv|po|p\.o\.|oral|orally))*\s*$", re.IGNORECASE)
_DOSE_QUALIFIER = re.compile(r"\s+at\s+(?:higher|high|large|larger|full)\s+doses?$", re.I)


#: A line that opens another section ("SOCIAL HISTORY:", "Meds:"): the list ends before it.
_NEXT_HEADER = re.compile(r"[ \t]*[A-Za-z][A-Za-z /&]{1,40}:", re.IGNORECASE)


_DOSE_LINE = re.compile(r"\d\s*(?:mg|mcg|g|ml|units?|%)\b", re.IGNORECASE)
#: (fix2) How often or how a dosed drug is taken: with a dose, what makes a line a medication
#: list's ("Aspirin 325 mg daily.", "Lisinopril 10 mg p.o. q.d."), not an allergen's.
_SIG_WORD = re.compile(r"\b(?:daily|nightly|weekly|monthly|once|twice|b\.?i\.?d|t\.?i\.?d|"
                       r"q\.?i\.?d|q\.?d|q\.?h\.?s|q\.?a\.?m|q\.?p\.?m|q\.?o\.?d|"
                       r"q\.?\s*\d+\s*h(?:ours?|rs?)?|every|p\.?r\.?n|as\s+needed|a\s+day|per\s+day|"
                       r"at\s+bedtime|p\.?o|by\s+mouth|sublingual|subcutaneous(?:ly)?|inhaled|"
                       r"tablets?\s+(?:daily|once|twice))(?![A-Za-z])", re.IGNORECASE)
#: (fix2) What marks a line or clause as an allergen's, whatever dose it names: a reaction
#: word or verb, a dash or a bracket before the reaction ("CODEINE 30 MG - NAUSEA",
#: "HEPARIN 5000 UNITS CAUSED HIT", "aspirin 81 mg (hives)").
_ALLERGEN_MARK = re.compile(
    rf"\b(?:{_REACTION_WORDS}|diarrh\w*|hypotension|blisters?|flushing|hallucinations|"
    r"stevens-johnson|sensitivit\w*)\b|\(|\s[-\u2013:]\s*[A-Za-z]",
    re.IGNORECASE)


def medication_line(line: str) -> bool:
    """(fix2) Whether a dosed line is clearly a medication list's: a dose with how often or
    how it is taken, and nothing that marks an allergen (a reaction word, a dash or bracket
    before a reaction). "Aspirin 325 mg daily." is; "CODEINE 30 MG - NAUSEA" and "Aspirin
    325 mg." are not (an allergen may be written with a dose: kept, when in doubt)."""
    return bool(_DOSE_LINE.search(line) and _SIG_WORD.search(line)
                and not _ALLERGEN_MARK.search(line))


def _header_line(line: str) -> bool:
    """(fix2) Whether ``line`` is a known section header of its own (the section vocabulary:
    "PRESENT MEDICATIONS", "PHYSICAL EXAMINATION", "Plan:"), not an allergen line that ends
    in a section's noun ("SULFA MEDICATIONS", "PAIN MEDS", "NSAID MEDICATIONS")."""
    from assistant.clinical.sections import find_sections

    if _MED_HEADER.fullmatch(line):
        return True
    secs = find_sections(line.strip())
    return any(s.name not in ("preamble", "other") and s.start == 0 for s in secs)


#: (review 7) A medication list's title without a colon ("PRESENT MEDS", "CURRENT
#: MEDICATIONS", "OUTPATIENT MEDS", "HOME MEDS", "DISCHARGE MEDICATIONS"), which the section
#: vocabulary does not know bare: under an allergy list it ends the list (the drugs under it
#: are taken, no allergens). A qualifier word is needed: "SULFA MEDICATIONS" stays an item.
#: (review 3) Also a bare "Medications" and "Current Outpatient Prescriptions" (an EHR's
#: title): only title words, so "SULFA MEDICATIONS" stays an item.
_MED_HEADER = re.compile(r"[ \t]*(?:(?:PRESENT|CURRENT|OUTPATIENT|HOME|DISCHARGE|ADMISSION|ADMIT|"
                         r"ACTIVE)[ \t]+)*(?:MEDS|MEDICATIONS?|MEDICINES?|PRESCRIPTIONS?)"
                         r"[ \t]*:?[ \t]*", re.IGNORECASE)


def ends_allergy_list(line: str) -> bool:
    """Whether ``line``, under an allergy list, is no part of it: a known section header
    ("PRESENT MEDICATIONS", "PLAN:") or a medication line (a dose with how it is taken,
    nothing marking an allergen: ``medication_line``). A dosed allergen ("CODEINE 30 MG -
    NAUSEA") and an allergen named with its class word ("SULFA MEDICATIONS") go on with it:
    a lost allergy is the worse error (review 2)."""
    return medication_line(line) or _header_line(line)


def allergen_line(line: str) -> bool:
    """(allergy6) Whether ``line``, however long, is an allergy list's item: a known allergen
    first, then its reaction ("Penicillin causes a rash all over her body and itching.",
    "2. Sulfa - hives and swelling of the lips"). A long line of prose ends a list; this one
    does not."""
    line = _mask_tylenol_number(line)
    number = _LIST_NUMBER.match(line)
    m = _match_reaction(line[number.end() if number else 0:].strip())
    return bool(m and (m.group("r1") or m.group("r2") or m.group("r3"))
                and known_allergen(m.group("sub")))


def _list_end(text: str, pos: int) -> int:
    """Where the short lines after ``pos`` (a line end) stop: a blank line, a section header,
    a line of prose (over 8 words, not an allergen with its reaction), or ten lines."""
    end = pos
    for k, line in enumerate(text[pos + 1:].split("\n")):
        header = _NEXT_HEADER.match(line)
        if header and known_allergen(line[:header.end()].strip(" \t:")):
            header = None  # "Penicillin: hives" is an item, not a header
        # (review 3) a dosed line with no allergen's mark ("lisinopril 10 mg") too
        if k >= 10 or not line.strip() or header or (len(line.split()) > 8
                                                      and not allergen_line(line)) \
                or ends_allergy_list(line) or (_DOSE_LINE.search(line)
                                               and not _ALLERGEN_MARK.search(line)):
            break  # a dose: a medication list run on under the allergies, no allergen
        end += 1 + len(line)
    return end
