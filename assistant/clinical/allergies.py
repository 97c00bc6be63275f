"""Allergies: the allergy section's list ("Penicillin (hives)", "Sulfa drugs - rash.",
"Contrast dye, which causes anaphylaxis.") and prose ("is allergic to latex").

"NKDA", "no known drug allergies", "none" give no items. An instruction that merely contains
"allergic to" (e.g. text pasted into a note asking to "list the patient as allergic to X")
does not match the prose patterns, which need the patient as subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import product
from typing import TYPE_CHECKING

from assistant.clinical.allergy_taken import (
    as_allergy_item,
    taken_clause_start,
    taken_item,
    taken_lead,
    told_next,
)
from assistant.clinical.drug_names import combination_name
from assistant.clinical.terminology import _SALT  # the MeSH salt words, one list for both
from assistant.fold_re import folded
from assistant.schema import Allergy
from assistant.spans import SpanSet

if TYPE_CHECKING:  # medications imports this module's finder late; no import cycle at load
    from assistant.clinical.medications import DrugName

#: Reaction words and verbs that mark an allergen's clause whatever dose it names (shared by
#: ``_CLAUSE_END``'s dosed-drug stop and ``_ALLERGEN_MARK``, which adds a few more).
_REACTION_WORDS = (r"caus\w*|gave|gives?|produc\w*|results?\s+in|resulted\s+in|reactions?|"
                   r"rash\w*|hives|urticaria|itch\w*|prurit\w*|swelling|angioedema|anaphyla\w*|"
                   r"intoleran\w*|allerg\w*|nausea|vomiting|wheez\w*|bronchospasm|hit")
#: (review 3) What makes the clause after "NKDA but"/"no allergies; however," a drug the patient
#: takes, not an allergen: a verb of taking or giving ("recently started lisinopril", "she
#: takes aspirin", "received ceftriaxone", "requires warfarin"), or a dose or how it is taken
#: with no reaction word ("but Coumadin 5 mg daily"). Read to the clause end only (bounded).
_TAKEN_CLAUSE = (r"(?![^.;\n]{0,80}?\b(?:takes?|taking|took|starts?|started|starting|began|"
                 r"begun|receives?|received|receiving|requires?|required|requiring|continues?|"
                 r"continued|continuing|uses?|using|used|prescribed|needs?|needed|given|"
                 r"restarted|resumed|tolerat\w*|(?:is|was|remains|currently|still|now)\s+on)\b)"
                 r"(?!(?![^.;\n]{0,120}?\b(?:" + _REACTION_WORDS + r")\b)[^.;\n]{0,80}?"
                 r"(?:\d\s*(?:mg|mcg|g|ml|units?)\b|\b(?:daily|nightly|b\.?i\.?d|t\.?i\.?d|"
                 r"q\.?i\.?d|q\.?d|every\s+(?:day|morning|night|evening)|as\s+needed|p\.?r\.?n|"
                 r"at\s+bedtime|by\s+mouth)\b))")
#: (fix2) An exception after a "no known allergies" phrase ("NKDA other than sulfa", "No known
#: drug allergies except penicillin"): the phrase then lists an allergy, it says no NKA.
_EXCEPT_WORDS = (r"(?:[ \t]+(?:known|reported))?[ \t]*,?[ \t]*(?:except|excepting|other[ \t]+than|besides|"
                 r"apart[ \t]+from|aside[ \t]+from|save[ \t]+for|with[ \t]+the[ \t]+exception[ \t]+of")
_EXCEPT = (_EXCEPT_WORDS + r"|"
           # (allergy6) "NKDA but sulfa causes hives": "but" right before the allergen; "but"
           # before a clause of its own ("NKDA, but she has seasonal allergies") is no exception
           r"but(?![ \t]+(?:she|he|they|it|the|patient|pt|has|have|had|is|was|are|were|does|"
           r"did|takes?|taking|uses?|on|reports?|states?|with|no|not|denies|seasonal|"
           r"environmental)\b)" + _TAKEN_CLAUSE + r")\b")
#: The patient as the subject of an allergy statement ("She", "The patient", "Pt").
_SUBJECT = r"(?:(?:she|he|the\s+patient|patient|pt)\s+)"
#: (issue 16 metamorphic test) after a list number too: "ALLERGIES:\n1. No known drug
#: allergies." read "no known drug" as the allergen
_NONE = re.compile(r"^\W*(?:\d{1,2}[.)]\W*)?(?:to\s+(?:medicines|medications|drugs)\s+(?:are\s+|is\s+)?(?=none))?"
                   rf"{_SUBJECT}?(?:(?:has|have|is|does)\s+)?"
                   r"(?:nkda|nka|nkma|none(?: known)?|no\s+known\s+(?:\w+\s+){0,2}"
                   r"allerg(?:ies|y)|no\s+(?:\w+\s+)?allergies|denies(?: any)?(?: drug)? "
                   r"allergies|not\s+allergic\s+to\s+any\b|n/a)\b(?!" + _EXCEPT + ")",
                   re.IGNORECASE)
#: "NKDA" / "no known drug allergies" anywhere in a note (for ``no_known_allergies``).
NONE_ANYWHERE = re.compile(r"\b(?:nkda|nka|nkma|no\s+known\s+(?:\w+\s+){0,2}allerg(?:ies|y)|"
                           # (allergy9) "There is no known drug intolerance" (a drug's only:
                           # "no known glucose intolerance" is no NKA)
                           r"no\s+known\s+(?:drug|medication)\s+intolerances?|"
                           # (allergy5) "NOT KNOWN DRUG ALLERGIES" (the NKDA phrase; a bare
                           # "Not known." stays unknown: ``_UNKNOWN``)
                           r"not\s+known\s+(?:drug\s+|medication\s+)?allergies|"
                           r"allergies:?\s+to\s+(?:medicines|medications|drugs)\s+(?:are|is)\s+"
                           r"none|"
                           # (allergy10) "The patient has no medical allergies."
                           r"no\s+(?:drug\s+|medication\s+|medical\s+)?allergies|"
                           # (allergy10) "no known drug hypersensitivities": drug
                           # hypersensitivity is drug allergy (MeSH D004342 "Drug
                           # Hypersensitivity", entry term "Drug Allergy")
                           r"no\s+known\s+(?:drug\s+|medication\s+)?hypersensitivit(?:y|ies)|"
                           # (allergy10) "The patient does not have a history of allergy or
                           # toileting problems": the patient the subject (not "His mother
                           # does not have ..."), the allergy word ending the phrase or a list
                           # ("... allergies to latex", "... allergy symptoms" are no NKA)
                           r"(?:she|he|patient|pt)\s+(?:does|did)\s+not\s+have\s+(?:a\s+|any\s+)?"
                           r"(?:(?:known\s+)?history\s+of\s+(?:any\s+)?)?(?:drug\s+|medication\s+)?"
                           r"allerg(?:y|ies)(?=\s*(?:[.;,\n]|$)|\s+(?:or|and|nor)\b)|"
                           # (allergy6) the last of a denied list: "No hospitalization,
                           # surgeries, allergies." (commas only: "no seasonal allergies" is
                           # no NKA)
                           # (review 3) not a list of what is new or changed ("No new
                           # medications, allergies", "no med changes, allergies": nothing
                           # said of allergies known before); a family history's list is no
                           # patient's (``denied_list_nka``)
                           r"(?P<dl>no\s+(?:(?!(?:new|changes?|changed|recent|further|"
                           r"interval|other)\b)[a-z-]+(?:\s+(?!(?:new|changes?|changed|"
                           r"recent|further|interval|other)\b)[a-z-]+)?,\s*){1,5}"
                           r"(?:(?:or|and|nor)\s+)?allergies(?=\s*[.;\n]|\s*$))|"
                           r"denies\s+(?:any\s+)?"
                           r"(?:drug\s+)?allergies|"
                           # "IS NOT ALLERGIC TO ANY MEDICATIONS"
                           r"not\s+allergic\s+to\s+any\s+(?:known\s+)?(?:medications?|"
                           r"medicines?|drugs?)|"
                           # (allergy3) "She remembers no allergic reactions to medication."
                           r"no\s+(?:known\s+)?(?:drug\s+)?allergic\s+reactions?\s+to\s+"
                           # (review 3) only the exception words, not "but": "NKDA but
                           # otherwise well" says NKA; a "but" that lists an allergen ("NKDA
                           # but sulfa causes hives") gives the allergy, which the pipeline
                           # reads first (an allergy found: no NKA)
                           r"(?:any\s+)?(?:medications?|medicines?|drugs?))\b(?!" + _EXCEPT_WORDS
                           + r")\b)|"
                           # an allergy section body that is only "None." (the pipeline
                           # searches the section body; a whole note never starts so)
                           # "ALLERGIES:  Denied." (the patient denies any)
                           # (allergy4) "ALLERGIES:  None known.", "None by history."
                           # (review 5) the WHOLE body: "None known.\n  Latex." lists latex
                           r"\A\W*(?:none(?:\s+(?:known|reported|by\s+history))?|denie[sd])"
                           r"\W*\Z", re.IGNORECASE)
#: (review 3) A family history on the line before a denied list ("FH: no diabetes, cancer,
#: allergies."): the relatives' history, no patient's NKA.
_FAMILY_LINE = re.compile(r"\b(?:fh|fhx|family\s+(?:history|hx|medical\s+history))\b",
                          re.IGNORECASE)


#: (review 6) An exception after an NKA phrase whose clause tells a reaction ("NKDA but
#: ibuprofen 800 mg gave her hives", "No known allergies, but X caused itching"): whatever the
#: allergen parse makes of it, the phrase then says no NKA ("NKDA but seasonal allergies",
#: no reaction, still does).
_EXCEPT_THEN = re.compile(r"[ \t]*[,;:-]?[ \t]*(?:but|however|except\w*|other\s+than|besides|"
                          # (a10fix) "no medical allergies, although she states penicillin
                          # gives her a rash"
                          r"although|though|"
                          r"apart\s+from|aside\s+from|save\s+for)\b(?P<c>[^.;\n]{0,160})",
                          re.IGNORECASE)
#: (a10fix) The same after a second denied kind and a bare semicolon ("does not have any drug
#: allergies or food allergies; latex causes hives"): only a causal clause counts there
_EXCEPT_SEMICOLON = re.compile(r"(?:[ \t]+(?:or|and|nor)[ \t]+(?:\w+[ \t]+){0,2}"
                               r"allerg(?:y|ies))?(?:[ \t]*;[ \t]*(?P<c>[^.;\n]{0,160})|"
                               r"(?P<t>[^.;\n]{0,0}))", re.IGNORECASE)
#: (a10fix2) A clause after the semicolon that tells a reaction: a substance as the subject of
#: a causal verb and a reaction word ("latex causes hives", "penicillin caused a rash",
#: "shellfish makes her throat swell"), or "allergic / reacted to" a substance. Never one that
#: starts with a denial ("no adverse reactions to ..."), an allergic disease ("allergic
#: rhinitis / conjunctivitis"), a relative or someone else as the subject ("her brother is
#: allergic to ..."), "reacted well", or a causal verb without a reaction word ("gave
#: consent", "makes her own meals"), or a passive cause ("the rash was caused by poison ivy").
_SEMI_DENIED = re.compile(r"[ \t]*(?:no|not|denies|denied|without|never|none)\b", re.IGNORECASE)
_SEMI_CAUSAL = re.compile(
    r"^[ \t]*(?:(?:she|he|patient|pt|the\s+patient)\s+(?:states|says|reports)\s+(?:that\s+)?)?"
    r"(?!(?:she|he|it|they|this|that|the|her|his|their|which|who)\b)[A-Za-z][\w-]+"
    r"(?:[ \t]+[A-Za-z][\w-]+)?[ \t]+(?:causes|caused|gave|gives|makes|made)\b"
    r"[^.;\n]{0,60}?\b(?:rash\w*|hives|itch\w*|swell\w*|anaphyla\w*|wheez\w*|throat)\b",
    re.IGNORECASE)
_SEMI_ALLERGIC_TO = re.compile(
    r"^[ \t]*(?:(?:she|he|patient|pt|the\s+patient)[ \t]+(?:is|was|has\s+been|had)?[ \t]*)?"
    r"(?:allergic|reacted)[ \t]+to[ \t]+(?!(?:the|treatment|therapy)\b)[A-Za-z]",
    re.IGNORECASE)


def _semicolon_reaction(clause: str) -> bool:
    """(a10fix2) Whether the clause after an NKA phrase's semicolon tells a reaction of the
    patient's (``_SEMI_CAUSAL``, ``_SEMI_ALLERGIC_TO``)."""
    if _SEMI_DENIED.match(clause):
        return False
    return bool(_SEMI_CAUSAL.match(clause) or _SEMI_ALLERGIC_TO.match(clause))


_EXCEPT_REACTION = re.compile(r"\b(?:caus\w*|gave|gives?|makes?|made|reactions?|intoleran\w*|"
                              r"rash\w*|hives|urticaria|itch\w*|prurit\w*|swelling|angioedema|"
                              r"anaphyla\w*|nausea|vomit\w*|wheez\w*|bronchospasm)\b",
                              re.IGNORECASE)


def nka_excepted(text: str, end: int) -> bool:
    """(review 6) Whether the NKA phrase ending at ``end`` goes on with an exception whose
    clause names a reaction: no NKA (a lost allergy is the worse error)."""
    m = _EXCEPT_THEN.match(text, end)
    if m and _EXCEPT_REACTION.search(m.group("c")):
        return True
    # (a10fix) "... or food allergies; latex causes hives", "...; however, ..."
    k = _EXCEPT_SEMICOLON.match(text, end)
    if k and k.group("c") is not None:
        if _semicolon_reaction(k.group("c")):
            return True
        m = _EXCEPT_THEN.match(text, k.start("c") - 1)
        return bool(m and _EXCEPT_REACTION.search(m.group("c")))
    if k and k.end() > end:  # "... or food allergies, but ..."
        m = _EXCEPT_THEN.match(text, k.end())
        return bool(m and _EXCEPT_REACTION.search(m.group("c")))
    return False


def nka_in(text: str) -> bool:
    """(review 6) Whether ``text`` (an allergy section's body) says NKA: a
    ``NONE_ANYWHERE`` phrase with no reaction told in an exception after it."""
    return any(not nka_excepted(text, m.end()) for m in NONE_ANYWHERE.finditer(text))


#: (review 6) A review of systems' denied list ("No fevers, chills, allergies.", "ROS: No
#: rash, hives, allergies."): symptoms denied today, "allergies" there an allergic symptom,
#: no statement about drug allergies known (base: no NKA).
_ROS_LIST = re.compile(r"\b(?:ros|review\s+of\s+systems?|fevers?|chills|rash\w*|hives|"
                       r"itch\w*|cough\w*|nausea|vomiting|diarrh\w*|pain|headaches?|sweats|"
                       r"fatigue|wheez\w*|congestion|sneez\w*|rhinorrh\w*|sore\s+throat|"
                       r"dyspnea|sob|weight\s+(?:loss|gain))\b", re.IGNORECASE)


def nka_stated(text: str, family: Iterable[tuple[int, int]] = ()) -> bool:
    """Whether ``text`` says "no known allergies" (``NONE_ANYWHERE``); (review 3) a denied
    list ("No hospitalizations, surgeries, allergies.") counts only in the patient's own
    history: not inside a ``family`` span (a family history section) nor after "FH:" or a
    relative on its line."""
    low = text.lower()
    if "allerg" not in low and "nk" not in low:
        return False  # every NONE_ANYWHERE form has one (a note-long scan saved)
    spans = list(family)
    for m in NONE_ANYWHERE.finditer(text):
        if nka_excepted(text, m.end()):
            continue
        if m.group("dl") is None:
            return True
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if _ROS_LIST.search(line) or _ROS_LIST.search(m.group("dl")):
            continue
        if any(a <= m.start() < b for a, b in spans) or _FAMILY_LINE.search(line) \
                or _someone_else(text, m.start()):
            continue
        return True
    return False


#: Bodies that say nothing: "Unknown", "Refer to chart", "See above".
_UNKNOWN = re.compile(r"^\W*(?:unknown|refer\s+to|see\s+(?:above|chart|below|list)|"
                      r"as\s+(?:above|per)|per\s+chart|not\s+(?:known|obtained|available)|"
                      # (review 3) an EHR's placeholders: "See EHR", "Not on file"
                      r"see\s+(?:the\s+)?(?:ehr|emr|epic|mar)\b|not\s+on\s+file\b|"
                      # (review 6) "Per EHR.", "Documented in EHR."
                      r"(?:per|(?:documented|listed|recorded)\s+in)\s+(?:the\s+)?"
                      r"(?:ehr|emr|epic|mar|chart|record)\W*$|"
                      # "ALLERGIES: Reviewed (and updated)." says that, not which
                      r"(?:reviewed|verified|updated|unchanged)\b(?:\s+and\s+(?:updated|"
                      r"verified|unchanged|reconciled))?"
                      r"(?:\s+(?:in|per)\s+(?:the\s+)?(?:ehr|emr|epic|chart|record))?\W*$)",
                      re.IGNORECASE)
#: (review a8b) A body that says the list is not yet known ("Pending, allergy to be
#: verified.", "To be determined.", "TBD"): no allergen, and no NKA either. Only these words
#: (a named allergen after them is read as ever: "Pending; penicillin per old chart").
_PENDING_WORD = (r"pending|tbd|to\s+be\s+(?:determined|verified|confirmed|clarified|obtained|"
                 r"reviewed|updated|reconciled)")
_PENDING = re.compile(rf"^\W*(?=(?:\w+\W+){{0,3}}(?:{_PENDING_WORD})\b)"
                      rf"(?:(?:{_PENDING_WORD}|allerg(?:y|ies)|drug|list|history|status|still|"
                      r"not\s+yet|yet|unknown|currently|at\s+this\s+time|later|per|patient|pt|"
                      r"pharmacy|family)\b\W*)+$", re.IGNORECASE)
# "..., all cause HIVES.": one reaction shared by the whole list
_SHARED = re.compile(r",?\s*(?:which\s+)?(?:all|each|both|they)\s+(?:of\s+which\s+)?"
                     r"(?:cause[sd]?|give|gave|result\s+in)\s+(?P<r>[^.;\n]+?)\s*\.?\s*$",
                     re.IGNORECASE)
#: An allergy word and its preposition: "allergic to", "intolerances to", "sensitivity to".
#: (allergy5) an adverb may stand before "to": "HE IS ALLERGIC ONLY TO TETANUS SERUM".
_ONLY = r"(?:\s+(?:only|also|mainly|mostly|primarily|solely|just))?"
_ALLERGY_TO = (r"(?:(?:allergic|sensitive|intolerant|allerg(?:y|ies)|intolerances?|"
               r"sensitivit(?:y|ies))(?:\s+or\s+(?:allergic|sensitive|intolerant))?"
               rf"{_ONLY}\s+(?:to|of)\s+"
               # "She is also allergic seafood" (the "to" left out), not "allergic rhinitis"
               r"|allergic\s+(?!(?:rhinitis|reactions?|conjunctivitis|asthma|dermatitis|"
               r"disorders?|diseases?|history)\b)(?=[A-Za-z]))")
#: Words before it: "She is", "Patient admits", "HE DOES HAVE MEDICATION", "has skin".
_ALLERGY_VERB = (r"(?:(?:is|was|has\s+been|has|have|had|does\s+have|admits(?:\s+to)?|reports|"
                 r"states|endorses)\s+)?(?:(?:an?|also|known|medication|drug|skin|some|"
                 # (allergy8) "He has known history of allergy to clonidine", "severe allergy"
                 r"history\s+of|severe|serious|significant|"
                 # issue 16 (f): a hedge ("Possible allergy to sulfa"): a questioned allergy is
                 # one (as "possible penicillin allergy" is), its allergen the drug, not "to sulfa"
                 r"possible|possibly|questionable|suspected|probable|reported)\s+)*")
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
_ITEM_LEAD = re.compile(
    r"^\s*(?:(?:on\s+occasion|occasionally|sometimes|at\s+times)\s*,?\s+)?"
    # "MULTIPLE INCLUDING TETRACYCLINE, ...": how many, then the list
    r"(?:(?:multiple|many|several|numerous|various)(?:\s+allergies)?\s*,?\s+(?:including|"
    r"such\s+as|to\s+include)\s+)?"
    rf"(?:{_SUBJECT}?(?:has|had|have|reports|reported)\s+(?:some\s+|great\s+)?(?:difficulty|"
    r"trouble|problems)\s+tolerating\s+|"
    rf"{_SUBJECT}?(?:does|did|could|can)\s*(?:not|n't)\s+tolerate\s+|"
    rf"{_SUBJECT}?cannot\s+tolerate\s+)?(?=[A-Za-z])", re.IGNORECASE)
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
    r"leads\s+to|leading\s+to|results\s+in|resulting\s+in|resulted\s+in|gives|"
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


#: (review a8) What ends a causative reaction: a contrast ("..., but she tolerated X").
_CONTRAST = re.compile(r",?\s+\b(?:but|however|although|though|yet)\b", re.IGNORECASE)
#: (review a8) After that contrast, the drug is taken: no allergy read from the verb. (review
#: a8b) its own name: a later ``_TAKEN_AFTER`` (a dose after a name) had shadowed it.
_TAKEN_ANYWAY = re.compile(r"\b(?:takes?|taking|continues?|continuing|uses?|using|still|"
                          r"remains?\s+on|is\s+on)\b", re.IGNORECASE)
#: Prose that the patient is allergic to something, anywhere in a note; the list it names
#: runs to the clause end (``_CLAUSE_END``). ``a``: "allergic to" / "an allergy to" (any
#: substance); ``s``: intolerance or sensitivity (only a known drug, drug class or common
#: allergen: "sensitive to heat", a culture "sensitive to Bactrim" are not allergies). An
#: instruction ("list the patient as allergic to X") has no patient subject and no match.
#: How far a "Reaction to X" sentence is read for a word saying the drug was tolerated.
_TOLERANCE_REACH = 80
_PROSE = re.compile(
    r"\b(?:(?P<a>(?:(?:is|are|was|were|be|being|known\s+to\s+be|reports\s+being|reportedly|"
    # "..., and allergic to adenosine": the subject of the first predicate, left out
    r"and)\s+"
    r"(?:(?:also|possibly|likely|reportedly|very|actually|apparently|severely|highly|"
    # (allergy8) a hedge: "she is probably allergic to IODINE" (a questioned allergy is one)
    r"probably|presumably|supposedly|potentially|questionably|"
    r"definitely|deathly)\s+)?allergic(?:\s+or\s+(?:sensitive|intolerant))?"
    r"|(?:has|have|had|with|reports?|admits?(?:\s+to)?|known|her|his|their|"
    # (allergy10) "He describes "allergy" to Haldol medication.": a reporting verb, the
    # allergy word quoted (the patient's own word; still the allergy recorded)
    # (a10fix) not "claims / claimed": a claim the writer doubts ('claims "allergy" to
    # Haldol but tolerated it')
    r"describes|described|endorses|endorsed)\s+[\"\u201c]?"
    r"(?:(?:an?|known|drug|medication|prior|previous|only|sole|other|"
    # (allergy8) "She also has severe allergy to penicillin and bee stings", "known history
    # of allergy to clonidine"
    r"severe|serious|significant|history\s+of|"
    # issue 16 (f): "She has a possible allergy to codeine": a questioned allergy is one
    r"possible|questionable|suspected|probable)\s+)*"
    r"(?:allerg(?:y|ic)\s+reactions?|allerg(?:y|ies)|allergic\s+reactions?)[\"\u201d]?"
    # (allergy4) the allergen after a copula: "Her only allergy is listed to latex", "his
    # allergy reaction was to Keflex" (not "her allergy is to be tested")
    r"(?:\s+(?:is|are|was|were)(?:\s+(?:listed|documented|noted|recorded|reported))?"
    r"(?=\s+to\s+(?!be\b)))?"
    # "Asthma.  Allergic to sulfa drugs.": a sentence of its own, the patient its subject;
    # also "Allergy to aspirin.", "Allergic reaction to penicillin as a child." (review 2)
    r"|(?:^|(?<=[.;:\n])|(?<=[.;:\n]\s)|(?<=[.;:\n]\s\s))(?:also\s+)?"
    r"(?:allergic(?:\s+reactions?)?|allerg(?:y|ies))"
    # (allergy3) an item of a list: "PMH: 1)appendectomy, ... 4)allergy to sulfa drugs.",
    # "Hypertension, gout, and allergy to penicillin" (not "..., and allergic reaction to the
    # medications" of a consent's risks)
    r"|(?:(?<=[,)])|(?<=[,)]\s)|(?<=[,)]\s\s))(?:and\s+)?allerg(?:y|ies)"
    # (allergy9) a bracket of its own after a drug given instead: "Vancomycin 1 g (allergic
    # to penicillin)" (not "(allergic reaction to ...)", a consent's risk)
    r"|(?<=\()(?:allergic|allerg(?:y|ies)))"
    # (allergy5) "She is allergic only to codeine"
    # (review a8) "history of allergy to be determined": an infinitive, no allergen
    rf"{_ONLY}\s+to(?!\s+be\b)"
    # (fix2) a sentence of its own that lists them: "Allergies include codeine and sulfa."
    # (review 7) known allergens only ("Allergies include seasonal allergies and hay fever")
    r"|(?P<inc>(?:^|(?<=[.;:\n])|(?<=[.;:\n]\s)|(?<=[.;:\n]\s\s))(?:(?:her|his|known|drug)\s+)?"
    r"allerg(?:y|ies)\s+(?:include[sd]?|including|consist\s+of):?))"
    r"|(?P<s>(?:(?:she|he|patient|pt)\s+(?:is|was|has\s+been)\s+(?:\w+\s+)?(?:intolerant|"
    r"sensitive)|(?:has|have|had|with|known|her|his|"
    # (allergy7) "Subsequently, he developed intolerance to lenalidomide"
    r"(?:(?:has|have|had)\s+)?develop(?:ed|s|ing)?)\s+(?:(?:an?|known|drug|medication)\s+)*"
    r"(?:intolerances?|sensitivit(?:y|ies)))\s+(?:to|of)"
    # "He does have significant allergies including ragweed", "allergies such as cats"
    r"|(?:has|have|had|with|known|her|his)\s+(?:(?:significant|multiple|several|many|"
    r"severe|environmental|seasonal|food|known)\s+)*allergies,?\s+(?:including|such\s+as|"
    r"to\s+include)"
    # "due to a reaction to dexamethasone", "had an allergic reaction to contrast"
    r"|\b(?:an?|prior|previous|known|bad|adverse|severe)\s+(?:(?:allergic|adverse|drug|"
    r"severe|bad)\s+)*reactions?\s+to"
    # (allergy5) a sentence of its own: "Reaction to contrast dye (hives).", "History of
    # reaction to codeine." (a known allergen only, as the intolerance forms)
    # (fix2) a bare "Reaction to X" is no allergy when its sentence says the drug was
    # tolerated ("Reaction to lisinopril was fine", "Reaction to contrast: none."); (review 7)
    # otherwise it is one, reaction word or not ("Reaction to codeine.", "Reaction to sulfa in
    # 2010.", "Reaction to penicillin as a child with rash.": a lost allergy is the worse error)
    r"|(?:^|(?<=[.;:\n])|(?<=[.;:\n]\s)|(?<=[.;:\n]\s\s))(?:(?:a\s+)?history\s+of\s+(?:an?\s+)?)?"
    rf"reactions?\s+to(?![^.;\n]{{0,{_TOLERANCE_REACH}}}?\b(?:fine|none|tolerat\w*|continu\w*|"
    r"negative|unremarkable|no\s+(?:reaction|problems?|issues?))\b)))\s+", re.IGNORECASE)
_PROSE_KEY = folded(re.compile(r"allerg|intoleran|sensitiv|reaction", re.IGNORECASE))
#: (issue 16 metamorphic test) "(?<!\s)": the " in" run starts at the first space, so
#: "aspirin  resulting  in GI upset" (double spaces) keeps its reaction like the single-spaced
_CLAUSE_END = re.compile(
    r"[.;:\n]|\b(?:but|because|although|though|so|who|that|when|if|since|while|after|before|"
    r"until|for|on|as|which(?!\s+caus))\b|(?<!result)(?<!resulting)(?<!resulted)(?<!\s)\s+in\b|\band\s+(?:was|is|were|will|did|does|she|he|the|"
    r"her|his|they|it|then|has|have|had)\b"
    # issue 16 (e): "allergic to penicillin and takes Tylenol No. 3": a verb of taking after
    # "and" opens the patient's next predicate, the drug after it a medication taken
    r"|\band\s+(?:(?:also|still|now|currently|only|regularly|daily)\s+)?(?:takes|taking|uses|"
    r"using|receives|receiving|requires|continues|started|starts)\b"
    # (allergy5) "allergic to penicillin and aspirin 81 mg daily": a drug with its dose and
    # how it is taken after "and" is one the patient takes; the list ends there. (fix2) Only
    # then: an allergen may be written with its dose ("and codeine 30 mg tablets caused
    # hives"), so a reaction word or bracket later in the clause keeps it on the list
    r"|,?\s+and\s+(?=[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?\s+\d+(?:\.\d+)?\s*"
    r"(?:mg|mcg|g|grams?|ml|units?)(?![A-Za-z])(?:\s+(?:tablets?|tabs?|capsules?))?"
    r"\s*(?:by\s+mouth\s+|p\.?o\.?\s+|orally\s+)?(?:daily|nightly|once|twice|"
    r"b\.?i\.?d|t\.?i\.?d|q\.?i\.?d|q\.?d|q\.?h\.?s|q\.?\s*\d+\s*h|every|as\s+needed|"
    r"p\.?r\.?n|a\s+day|per\s+day|at\s+bedtime|by\s+mouth|p\.?o)(?![A-Za-z])"
    rf"(?![^.;\n]{{0,120}}?(?:\b(?:{_REACTION_WORDS})\b|\()))",
    re.IGNORECASE)
#: Common non-drug allergens (hand list; the head words of allergy-list entries in clinical
#: notes): with a drug or drug class, what an "intolerance/sensitivity to" may name.
_OTHER_ALLERGEN = re.compile(
    r"\b(?:latex|shellfish|seafood|fish|peanuts?|nuts?|eggs?|milk|dairy|soy|wheat|gluten|"
    r"strawberr(?:y|ies)|iodine|contrast|dyes?|tape|adhesives?|steri-strips|bees?|wasps?|"
    r"stings?|pollens?|dust|molds?|cats?|dogs?|nickel|sulfites?|sulfa|"
    # the FDA's major food allergens (FALCPA 2004 and the FASTER Act 2021: milk, egg, fish,
    # crustacean shellfish, tree nuts, peanuts, wheat, soybeans, sesame)
    r"crustaceans?|tree\s+nuts?|soybeans?|sesame|"
    # the AAAAI's common indoor/outdoor allergens and stinging insects ("Allergens and
    # allergic triggers", aaaai.org): pollens, ragweed, grasses, dust mites, mold, animal
    # dander, cockroaches, bees, wasps, hornets, yellow jackets, fire ants
    r"ragweed|grass(?:es)?|dust\s+mites?|dander|cockroach(?:es)?|hornets?|yellow\s+jackets?|"
    r"fire\s+ants?|venom|"
    # (allergy8) a sting named by its insect ("bee sting allergy"): the whole is the allergen
    r"(?:bee|honeybee|wasp|hornet|yellow\s+jacket|fire\s+ant|insect)\s+stings?|"
    # antiseptics ("Betadine"), the common skin-prep allergens
    r"betadine|povidone(?:-|\s+)iodine|chlorhexidine|"
    # (allergy6) caffeine: an RxNorm ingredient (RxCUI 1886) and a recorded intolerance
    # (ICD-10-CM T43.615, adverse effect of caffeine), kept out of the drug dictionary: coffee
    # and cola are no medications the patient takes
    r"caffeine)\b", re.IGNORECASE)
#: Allergens the drug dictionary does not hold, by the ingredient name (RxNorm brand name ->
#: ingredient): kept here, not in the dictionary, because "prepped with Betadine" in an
#: operative note is no medication the patient takes.
_ALLERGEN_SYNONYMS = {"betadine": "povidone-iodine",  # RxNorm BN Betadine -> IN povidone-iodine
                      "povidone iodine": "povidone-iodine",
                      "hypaque": "diatrizoate",  # RxNorm BN Hypaque -> IN diatrizoate
                      "pcn": "penicillin",  # the common abbreviation ("PCN allergy")
                      # (allergy5) "tetanus serum": the older name of equine tetanus antitoxin
                      # (TAT; CDC Pink Book, Tetanus: "equine antitoxin"), a horse serum
                      "tetanus serum": "tetanus antitoxin"}
#: The allergy header's line (or the line under a bare header): its sentences after the first.
_HEADER_LINE = re.compile(r"^[ \t]*(?:drug\s+|medication\s+)?allerg(?:ies|y)(?:\s+to\s+\w+)?"
                          r"[ \t]*:[ \t]*\n?[ \t]*(?P<body>[^\n]*)", re.IGNORECASE | re.MULTILINE)
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z])")
#: (allergy10) the same in a lower-cased line ("amoxicillin causes throat swelling.  avelox
#: causes iv site swelling."): a full stop and a lower-case word, not after a dotted
#: abbreviation ("p.o. daily", "i.v. site") or a title ("dr. smith", "no. 3")
_LOWER_SENTENCE_END = re.compile(r"(?<!\.[a-z])(?<!\bdr)(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bvs)"
                                 r"(?<!\bno)(?<!\bst)(?<!\bapprox)(?<![\d])\.\s+(?=[a-z])")


def _sentence_ends(body: str, pos: int) -> Iterator[re.Match[str]]:
    """(allergy10) ``_SENTENCE_END`` in ``body`` from ``pos``; in a line with no capital
    letter, ``_LOWER_SENTENCE_END``."""
    return (_LOWER_SENTENCE_END if body == body.lower() else _SENTENCE_END).finditer(body, pos)
#: The number of a numbered list's line ("1.  ", "2)").
_LIST_NUMBER = re.compile(r"[ \t]*\d{1,2}[.)][ \t]*(?=[A-Za-z])")
#: A sentence that denies what it names ("NO SHRIMP, SEAFOOD, OR DYE ALLERGY.").
#: (allergy3) also with the patient as its subject ("The patient denies rhinitis, asthma,
#: latex allergies or sensitivity.")
_DENIAL_START = re.compile(rf"^\W*{_SUBJECT}?(?:no|denies|denied|not|negative)\b",
                           re.IGNORECASE)
#: A negation just before a prose trigger: the statement denies the allergy.
#: The denial must govern the trigger: "and"/"but" or a comma between them starts a new
#: statement ("She takes no medications and is allergic to penicillin").
_DENIED = re.compile(r"\b(?:no|not|denies|denied|without|negative\s+for)\b"
                     r"(?:(?!\b(?:and|but)\b)[^.;,\n])*$", re.I)
#: Before "developed intolerance to X": the intolerance did not happen, or may happen later.
_UNREAL = re.compile(r"\b(?:never|avoid\w*|prevent\w*|risk\s+of|may|might|could|would|if|unless|"
                     r"whether)\b(?:(?!\b(?:and|but)\b)[^.;,\n])*$", re.I)
_STOP_SUBSTANCES = {"none", "no", "unknown", "nkda", "nka", "see above", "n/a", "medications",
                    "medicines", "drugs", "any medications", "any drugs", "medication",
                    # (review a8b) "Pending; penicillin per old chart": no substance
                    "pending", "tbd",
                    # a status word alone names no substance: "Penicillin allergy, confirmed -
                    # she has not taken it since" (the allergy of the item before it)
                    "confirmed", "unconfirmed", "verified", "unverified", "documented",
                    "reported", "suspected", "questionable", "possible", "probable"}
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


#: (review a8b) "Tylenol #3", "Tylenol No. 3": acetaminophen with codeine, as the drug
#: dictionary reads it (drug_names ``_TYLENOL_NUMBER``; FDA label "Tylenol with Codeine No.
#: 3"). Its "#" and "No." break the item and sentence patterns, so the allergy readers see it
#: masked as one word of the same length ("Tylenol__3", "Tylenol_No__3"; offsets kept).
_TYLENOL_NUMBER = re.compile(r"\b(tylenol)([ \t]*(?:no\.?|number|#)[ \t]*)([1-4])\b", re.I)
_TYLENOL_MASKED = re.compile(r"tylenol_*(?:no_*|number_*)?[1-4]", re.I)


def _unmasked(text: str) -> str:
    """(review a8b) A masked "Tylenol__3" as "Tylenol #3" again (for the drug dictionary)."""
    return re.sub(r"(?i)\b(tylenol)_+(?:no_+|number_+)?([1-4])\b", r"\1 #\2", text)


def _mask_tylenol_number(text: str) -> str:
    """(review a8b) ``text`` with each "Tylenol #3" / "Tylenol No. 3" one masked word."""
    if "ylenol" not in text and "YLENOL" not in text:
        return text
    return _TYLENOL_NUMBER.sub(lambda m: m.group(1) + re.sub(r"\W", "_", m.group(2))
                               + m.group(3), text)


#: (allergy10) A numbered list in prose right after an allergy trigger ("allergic to 1)
#: penicillin 2) sulfa", "allergies to (1) codeine and (2) latex", "allergic to i) penicillin
#: ii) codeine", "allergic to 1. penicillin 2. sulfa"): the first marker, its numbering 1 / i
#: / a, must follow the trigger; each later one must be the next in the same numbering.
_INLINE_TRIGGER = re.compile(r"\b(?:allergic|allerg(?:y|ies)|intolerant|intolerances?|"
                             r"sensitive|sensitivit(?:y|ies))[ \t]+(?:to|of)[ \t]*:?[ \t]*",
                             re.IGNORECASE)
_INLINE_MARKER = r"[ \t]*,?[ \t]*(?:(?:and|or)[ \t]+)?\(?{n}[.)][ \t]*(?=[A-Za-z])"
#: (a10fix) A section title inside a numbered list in prose ends the allergy list (the titles
#: of ``sections``' lookup that hold other lists or findings)
_LIST_TITLE = re.compile(r"\b(?:medications?|meds|current\s+medications|plan|assessment|"
                         r"impression|diagnos[ie]s|labs?|procedures?|history|exam(?:ination)?|"
                         r"review\s+of\s+systems|ros|social|family|disposition|"
                         r"instructions|orders?)\b"
                         # (a10fix2) only at the end of the item, right before the next
                         # marker ("... codeine Medications 4) aspirin"), never a word of
                         # the item ("2) lab tape", "2) history unknown drug")
                         r"[ \t]*(?P<colon>:)?[ \t]*$", re.IGNORECASE)
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
_NUMBERINGS = ([str(k) for k in range(1, 13)], list(_ROMAN), list("abcdefgh"))


def _mask_inline_list(text: str) -> str:
    """(allergy10) ``text`` with the markers of a numbered allergy list in prose blanked
    (same length: the first to spaces, each later one to ", " and spaces), so the list reads
    as "penicillin, sulfa". A marker out of sequence, on another line or after a sentence
    end stops the list; a lone "1)" with no "2)" after it is left as it was."""
    if ")" not in text and "." not in text:
        return text
    chars = list(text)
    changed = False
    for trig in _INLINE_TRIGGER.finditer(text):
        for seq in _NUMBERINGS:
            first = re.compile(_INLINE_MARKER.format(n=re.escape(seq[0])),
                               re.IGNORECASE).match(text, trig.end())
            if first is None:
                continue
            marks = [first]
            pos = first.end()
            title = None
            for nxt in seq[1:]:
                m = re.compile(r"[^\n.;()]{1,80}?(?P<m>" + _INLINE_MARKER.format(
                    n=re.escape(nxt)) + ")", re.IGNORECASE).match(text, pos)
                if m is None:
                    break
                title = _LIST_TITLE.search(text, pos, m.start("m"))
                if title is not None and not (title.group(0)[0].isupper()
                                              or title.group("colon")):
                    title = None  # (a10fix2) a lower-case word without a colon: the item's
                if title is not None:
                    break  # (a10fix) "... 3) codeine Medications 4) aspirin": a new section
                marks.append(m)
                pos = m.end()
            if len(marks) < 2:
                break
            for k, m in enumerate(marks):
                a, b = (m.start(), m.end()) if k == 0 else (m.start("m"), m.end("m"))
                chars[a:b] = list(" " * (b - a) if k == 0 else ", " + " " * (b - a - 2))
            if title is not None and title.start() > 0 and chars[title.start() - 1] == " ":
                chars[title.start() - 1] = ";"  # (a10fix) the list ends before the title
            changed = True
            break
    return "".join(chars) if changed else text


def _clean_reaction(r: str | None) -> str | None:
    if not r:
        return None
    # (review a8b) a masked "Tylenol #3" named in a reaction reads as written
    r = re.sub(r"(?i)\b(tylenol)_+(?:(no|number)_+)?([1-4])\b",
               lambda m: f"{m.group(1)} {m.group(2) + ' ' if m.group(2) else '#'}{m.group(3)}", r)
    r = re.sub(r"^(?:causes|caused|causing|with|resulting\s+in|produces|produced|produce)\s+",
               "", r.strip(),
               flags=re.I).strip(" .,-")
    r = re.sub(r"^(?:a|an|the)\s+", "", r, flags=re.I)  # "causes a rash": the reaction, rash
    # "caused her to be excitable", "gives him hives": the reaction, not the person
    r = re.sub(r"^(?:(?:her|him|them|the\s+patient)\s+)?(?:to\s+(?:be|have|get|become|develop|feel)"
               r"\s+)?", "", r, flags=re.I)
    # (allergy8) "gives her a rash": the article after the person
    r = re.sub(r"^(?:a|an|the)\s+", "", r, flags=re.I)
    r = re.split(r"\s*\(", r)[0].strip()
    r = re.sub(r"\s{4,}", " and ", r)  # an "and" blanked by parse_allergy_list
    # when it happened is no part of the reaction ("hives when she was a child")
    r = _WHEN.sub("", r).strip(" .,-")
    # "hives and that sulfa ...": a clause cut after its "and" leaves the conjunction
    r = re.sub(r"\s+(?:and|or)$", "", r, flags=re.I)
    return r.lower() or None


_WHEN = re.compile(r"\s+(?:when|while|as\s+an?\s+(?:child|infant|baby|teenager|adult)|"
                   r"in\s+(?:childhood|the\s+past|\d{4})|(?:\w+\s+)?years?\s+ago|"
                   r"at\s+age)\b.*$", re.IGNORECASE | re.DOTALL)


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
    return _parse_allergy_list(text, offset)


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
            if len(parts) > 1 or own_lead or name not in stripped.lower() or dosed or said_or:
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
#: Allergic and intolerance reactions written as a list item of their own: the presentations
#: of drug allergy in NICE CG183 (anaphylaxis, angioedema, urticaria, pruritus, rashes,
#: bronchospasm, Stevens-Johnson syndrome) and common intolerance symptoms (nausea, GI upset).
_REACTION_TERM = re.compile(
    r"(?:(?:severe|mild|moderate|bad|generali[sz]ed|skin|facial|throat|lip|tongue)\s+)*"
    r"(?:rash(?:es)?|hives|urticaria|itch(?:ing|iness)?|pruritus|swelling|angioedema|"
    r"anaphyla(?:xis|ctic\s+(?:reaction|shock))|nausea|vomiting|diarrhea|gi\s+upset|"
    r"(?:upset|stomach)\s+(?:stomach|upset)|(?:difficulty|trouble)\s+breathing|"
    r"shortness\s+of\s+breath|wheezing|bronchospasm|dyspnea|hypotension|palpitations|"
    r"dizziness|disorientation|hallucinations|blisters|redness|flushing|nasal\s+stuffiness|"
    # (allergy6) a drug's intolerance told as a sign ("gets tachycardic with Sudafed")
    r"tachycardi(?:a|c)|"
    r"stevens-johnson\s+syndrome)", re.IGNORECASE)
#: (review a8) What a causative verb's object must open on to be a reaction ("makes her itch",
#: "gave him nausea", "makes her break out in hives", "does fatigue"): a reaction term or a
#: common intolerance word. "does help her headaches", "makes her feel better", "does
#: nothing for her" are none (the item keeps its base reading).
_CAUSED_REACTION = re.compile(
    r"(?:(?:a|an|the|feel|get|become|be|very|so|really|extremely)\s+)*"
    r"(?:break\s+out|throw\s+up|(?:short|out)\s+of\s+breath|nause\w*|itch\w*|sick|"
    r"jitter\w*|fatigue\w*|vomit\w*|dizzy|swell\w*|hallucinat\w*|confused|agitated|"
    r"wheez\w*|hyper|shaky|loopy|crazy|"
    rf"{_REACTION_TERM.pattern})\b", re.IGNORECASE)
_NOT_A_REACTION = re.compile(r"\b(?:help\w*|better|well|ok|okay|nothing|fine|good|great)\b",
                             re.IGNORECASE)
#: (allergy6) The patient as the one who gets a reaction with a drug, the list's lead: "(NKDA
#: except that) she gets nausea with codeine" -> "nausea with codeine" (``_REACTION_FIRST``).
#: Only before a reaction term: "she gets headaches with codeine" is no list of allergens.
_GETS_LEAD = re.compile(
    rf"^[\s,]*{_SUBJECT}(?:(?:does|do|did|can|will|may)\s+)?(?:gets?|got|has|had|develops?|"
    r"developed|experiences?|experienced|becomes?|became)\s+"
    rf"(?:(?:a|an|some)\s+)?(?=(?:{_REACTION_TERM.pattern})\s+(?:with|from|to|after)\s)",
    re.IGNORECASE)
#: A reaction told of the item before ("..., it gives her hives", "which caused a rash").
_PRONOUN_REACTION = re.compile(r"(?:it|this|which|they|these)\s+(?:causes|caused|cause|gives|gave|"
                               r"give|results\s+in|resulted\s+in)\s+(?P<r>[A-Za-z].*)",
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


def substance_name(written: str) -> str:
    """Canonical allergen: a drug's generic ("ACCUTANE" -> isotretinoin, via the drug
    dictionary), else the words as written, lower case ("IVP dye")."""
    from assistant.clinical.medications import find_names, is_drug_name

    # "sulfa medications", "iodine products": the substance, not the word for its class;
    # "QUESTIONABLE PENICILLIN ALLERGIES": the substance, not the hedge or the word allergy
    # "Egg-based products", "iodine-containing contrast": the substance the products are of
    written = re.sub(r"(?<=\w)-(?:based|containing)\b", "", written.strip()) or written
    written = _drop_class_word(written.strip())
    written = _HEDGE.sub("", written).strip() or written
    written = _ALLERGY_WORD.sub("", written).strip() or written
    written = _drop_class_word(written)  # "Sulfa drug allergy"
    if _TYLENOL_MASKED.fullmatch(written.strip()):
        # (review a8b) a masked "Tylenol #3": the lexicon's product (drug_brands.tsv), named
        # as a medication is (issue 16 (g))
        return combination_name("acetaminophen-codeine")
    # (allergy5) "most antibiotics": how many of the class, not the class's name
    written = _QUANTIFIER.sub("", written).strip() or written
    route = _ROUTE_FIRST.match(written)
    if route and is_drug_name(written[route.end():].strip()):
        # (allergy5) "IV morphine causes hives": the drug, whatever its route ("IV contrast",
        # no drug of the dictionary, keeps its words)
        written = written[route.end():].strip()
    release = _RELEASE_FIRST.match(written)
    if release and is_drug_name(written[release.end():].strip()):
        # (allergy9) "Enteric coated aspirin": the ingredient, not its release form (RxNorm
        # dose-form words: an allergy is to the ingredient, whatever the tablet)
        written = written[release.end():].strip()
    # a drug class, singular or plural ("CEPHALOSPORIN", "cephalosporins", "NSAID"): one
    # concept, named by its plural as the labelling guideline writes classes
    cls = _DRUG_CLASS.fullmatch(written.strip().lower())
    if cls:
        return _DRUG_CLASS_CANON.get(cls.group(1), cls.group(1) + "s")
    synonym = _ALLERGEN_SYNONYMS.get(" ".join(written.lower().split()))
    if synonym:
        return synonym
    # (allergy4) "Hypaque dye": a contrast brand and the word for what it is, the brand's
    # ingredient
    dye = re.fullmatch(r"(?P<b>.+?)\s+(?:dye|contrast)", written.strip(), re.IGNORECASE)
    if dye and " ".join(dye.group("b").lower().split()) in _ALLERGEN_SYNONYMS:
        return _ALLERGEN_SYNONYMS[" ".join(dye.group("b").lower().split())]
    names = find_names(written)
    if len(names) == 1 and names[0].start == 0 and _SALT.fullmatch(
            " " + " ".join(written[names[0].end:].lower().split())):
        # (allergy8) "Montelukast sodium": the ingredient, not its salt (RxNorm IN, not the
        # PIN; the salt words are the MeSH salt names the drug dictionary folds the same way)
        written = written[:names[0].end]
    if len(names) == 1 and names[0].start == 0 and names[0].end == len(written.rstrip()):
        # the ingredient, not the dosage form a brand is sold as (Duragesic: the dictionary's
        # "fentanyl patch" -> fentanyl)
        name = names[0].name
        form = _FORM_WORD.search(name)
        if form and is_drug_name(name[:form.start()]):
            name = name[:form.start()]
        # a combination as the labelling guideline writes it, "/" between its ingredients
        # (the dictionary's "sulfamethoxazole-trimethoprim" -> sulfamethoxazole/trimethoprim):
        # the medications' normaliser, so both sides name a drug alike (issue 16 (g))
        return combination_name(name)
    return " ".join(written.lower().split())


_FORM_WORD = re.compile(r"\s+(?:patch|cream|ointment|gel|spray|tablets?|injection)$")


#: Drug classes written as allergens (the stems of their singular forms): canonical plural.
_DRUG_CLASS = re.compile(r"(cephalosporin|sulfonamide|nsaid|quinolone|fluoroquinolone|macrolide|"
                         r"aminoglycoside|opioid|opiate|narcotic|statin|"
                         r"benzodiazepine|barbiturate|salicylate|beta-lactam|carbapenem|"
                         r"ace inhibitor|sulfonylurea|antihistamine|steroid)s?")
_DRUG_CLASS_CANON: dict[str, str] = {}
#: A quantifier before a class or list ("most antibiotics", "several narcotics").
_QUANTIFIER = re.compile(r"^(?:most|many|several|multiple|various|numerous|certain|some|all)"
                         r"\s+(?:of\s+)?(?:the\s+)?(?=[A-Za-z])", re.I)
#: A route written before the drug ("IV morphine", "oral penicillin").
_ROUTE_FIRST = re.compile(r"^(?:iv|i\.v\.|intravenous|oral|po|p\.o\.|im|i\.m\.|intramuscular|"
                          r"topical|sublingual|subcutaneous|sq|sc)\s+(?=[A-Za-z])", re.I)
#: (allergy9) A release form written before the drug: the modifiers of RxNorm's dose forms
#: ("Delayed Release Oral Tablet" = enteric coated, "Extended Release", "Chewable") and the
#: usual transcribed spellings.
_RELEASE_FIRST = re.compile(r"^(?:enteric[\s-]+coated|e\.?c\.?|delayed[\s-]+release|"
                            r"extended[\s-]+release|sustained[\s-]+release|"
                            r"controlled[\s-]+release|slow[\s-]+release|time[\s-]+release|"
                            r"long[\s-]+acting|short[\s-]+acting|chewable|buffered)\s+"
                            r"(?=[A-Za-z])", re.I)
_HEDGE = re.compile(r"^(?:questionable|possible|possibly|probable|suspected|reported|perhaps|"
                    r"maybe|probably|"
                    r"history\s+of|h/o)\s+", re.I)
_ALLERGY_WORD = re.compile(r"\s+(?:allerg(?:y|ies)|intolerances?|sensitivit(?:y|ies))$", re.I)
_CLASS_WORD = re.compile(r"(?<=\w)\s+(?:medications?|medicines?|drugs?|products?|agents?|"
                         r"doses?)$",  # (allergy5) "codeine doses produce nausea"
                         re.I)


def _drop_class_word(written: str) -> str:
    """``written`` without a trailing class word ("sulfa medications" -> sulfa) when what is
    left names a substance; (allergy6) a class named by what its drugs treat keeps the word,
    as written ("SEIZURE MEDICATIONS" -> seizure medications, not "seizure", a problem)."""
    bare = _CLASS_WORD.sub("", written).strip()
    return bare if bare and bare != written and known_allergen(bare) else written


def _find_names(text: str) -> list[DrugName]:
    from assistant.clinical.medications import find_names

    return find_names(text)


def known_allergen(written: str) -> bool:
    """True when ``written`` names a known drug (the drug dictionary), a drug class or a
    common non-drug allergen ("latex", "adhesive tape", "IV contrast")."""
    from assistant.clinical.medications import is_drug_name

    w = _CLASS_WORD.sub("", written.strip()) or written.strip()
    return bool(is_drug_name(w) or _DRUG_CLASS.fullmatch(w.lower())
                or _OTHER_ALLERGEN.search(w) or _TYLENOL_MASKED.fullmatch(w))


def allergy_statements(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, any_substance)`` of every prose allergy statement in ``text``: from
    its trigger ("is allergic to", "has an intolerance to") to its clause end;
    ``any_substance`` is False for the intolerance/sensitivity forms."""
    return list(_allergy_statements(text))


_RELATIVE_KEY = folded(re.compile(r"allerg|intoleran|reaction", re.IGNORECASE))


def allergen_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every allergy statement in ``text`` and of every sentence about a
    relative's allergy ("Her mother's only allergy is listed to penicillin"): the drugs they
    name are allergens, no medication the patient takes (review 5)."""
    spans = [(s, e) for s, e, _ in _allergy_statements(text)]
    # (fix2) "is a key inside a statement or a relative's sentence" by bisection (a scan of
    # every span for every key was quadratic: review 2)
    taken = SpanSet(spans)
    for key in _RELATIVE_KEY.finditer(text):
        if taken.covers(key.start()) or not _someone_else(text, key.start()):
            continue
        start = max(text.rfind(c, 0, key.start()) for c in ".;\n") + 1
        stop = _SENTENCE_STOP.search(text, key.end())
        spans.append((start, stop.start() if stop else len(text)))
        taken.add(*spans[-1])
    # (review a8b) "Rule out penicillin and sulfa allergy": a run tested for, no allergy
    # read (``_COORDINATED_LEAD``), and none of its drugs a medication taken either
    spans += [(m.start("run"), m.end("run")) for m in _TESTED_RUN.finditer(text)]
    return spans


_RUN_ITEM = r"[A-Za-z][\w-]*(?:[ \t]+[A-Za-z][\w-]*)?"
#: The words of a test or a rule-out ("rule out", "r/o", "tested for", "evaluate for",
#: "work-up for", "screen for", "to exclude"): an allergy named after them is looked for, not
#: confirmed (issue 16 (f): "Rule out sulfa allergy" is no allergy; a hedge of an allergy the
#: patient reports, "possible penicillin allergy", still is one)
_TEST_WORDS = (r"(?:rule[ \t]+out|r/o|tested[ \t]+for|testing[ \t]+for|test[ \t]+for|"
               r"evaluat\w+[ \t]+for|work-?up[ \t]+for|screen\w*[ \t]+for|(?:to[ \t]+)?exclude)")
#: (review of issue 16) ... with its result said in the sentence after the allergy named:
#: found ("Tested for penicillin allergy - positive", "r/o latex allergy, confirmed",
#: "Screened for shellfish allergy, which she has"), so an allergy (not when negated:
#: "not confirmed", "negative")
_CONFIRMED = re.compile(
    r"[\s,;:\-\u2013]*(?:(?:was|is|were|are|came\s+back|returned|and)\s+)*"
    r"(?:(?<!not\s)(?<!\bun)(?:positive|confirmed)\b|"
    r"(?:she|he|they|the\s+patient|patient|pt)?\s*(?:was|is|were)\s+found\s+to\s+be\s+allergic|"
    r"found\s+to\s+be\s+allergic|"
    r"(?:which|that)\s+(?:she|he|they|the\s+patient|patient)\s+(?:has|have|does|did))",
    re.IGNORECASE)


def test_confirmed(text: str, pos: int) -> bool:
    """Whether the sentence after an allergy named as tested for (from ``pos``) says the test
    found it ("... allergy - positive", "..., confirmed", "..., which she has")."""
    stop = re.search(r"[.;\n]", text[pos:pos + 120])
    rest = text[pos:pos + (stop.start() if stop else 120)]
    return _result_found(rest)


def _result_found(rest: str) -> bool:
    """Whether the words ``rest`` after an allergy tested for say the test found it."""
    hit = _CONFIRMED.search(rest)
    if hit is None:
        return False
    # (re-review of issue 16) a negation or a pending result anywhere in the result's clause
    # ("which she does not have", "confirmed negative", "positive result pending"), up to
    # the next comma or "but" after it
    # (review) ... or a dash or a new subject ("confirmed - she has not taken it since")
    end = re.search(r"[,\-\u2013]|\bbut\b|\b(?:she|he|they|patient)\b", rest[hit.end():])
    clause = rest[:hit.end() + (end.start() if end else len(rest))]
    return _NOT_FOUND.search(clause) is None


#: what makes a test's result no allergy: a negation, a negative or pending result
_NOT_FOUND = re.compile(r"\b(?:not|no|negative|never|pending|awaited|unconfirmed|"
                        r"ruled\s+out)\b|n't\b", re.IGNORECASE)
#: an allergy-list item that is only a test's result ("confirmed negative", "positive result
#: pending", "negative"): no allergen
_RESULT_ITEM = re.compile(
    r"(?:(?:was|is|were|came\s+back|returned|test|tests|result|results|confirmed|positive|"
    r"negative|pending|awaited|not|still)\s*)+", re.IGNORECASE)


#: ... opening an allergy-list item ("ALLERGIES: Rule out sulfa allergy.")
_TESTED_ITEM = re.compile(rf"{_TEST_WORDS}\b", re.IGNORECASE)
#: ... right before the allergen a named allergy starts with
_TESTED_BEFORE = re.compile(rf"\b{_TEST_WORDS}[ \t]+(?:an?[ \t]+|possible[ \t]+)?$", re.IGNORECASE)
#: (review a8b) A coordinated allergen run that a test or a rule-out names ("rule out
#: penicillin and sulfa allergy", "tested for peanut, egg or milk allergies"): words joined by
#: commas, "and", "or" only, so "rule out sepsis, started on vancomycin ... allergy" is none.
#: issue 16 (f): one allergen too ("rule out penicillin allergy": no medication either)
_TESTED_RUN = re.compile(
    rf"\b{_TEST_WORDS}[ \t]+(?:an?[ \t]+|possible[ \t]+)?"
    rf"(?P<run>{_RUN_ITEM}(?:(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
    rf"{_RUN_ITEM}){{0,5}})[ \t]+allerg(?:y|ies)\b", re.IGNORECASE)


#: A list marker's ")" ("1) penicillin 2) sulfa", "a) codeine"): no closing bracket.
_MARKER_BEFORE = re.compile(r"(?:^|\s)(?:\d{1,2}|[A-Za-z])$")


def _unmatched_close(window: str) -> int | None:
    """Where the first ")" that closes no "(" of ``window`` stands (a list marker's ")" is
    none), or None."""
    depth = 0
    for i, ch in enumerate(window):
        if ch == "(":
            depth += 1
        elif ch == ")" and not _MARKER_BEFORE.search(window, max(0, i - 3), i):
            if depth == 0:
                return i
            depth -= 1
    return None


def _clause_len(window: str, cut: re.Match[str] | None, opened: bool) -> int:
    """How much of ``window`` (the words after an allergy trigger) the statement's list
    takes: up to the clause end ``cut``, or (allergy9) up to a ")" closing a bracket opened
    before the trigger, whichever comes first: "Vancomycin 1 g (the patient was allergic to
    penicillin)." lists penicillin, not "penicillin)". A bracket opened inside the list
    ("penicillin (hives) and sulfa") is closed inside it and ends nothing. (alg9fix) Only
    when ``opened`` (an unclosed "(" before the trigger on its line): "allergic to i)
    penicillin ii) codeine" has no bracket, its list markers cut nothing."""
    end = cut.start() if cut else len(window)
    if not opened:
        return end
    close = _unmatched_close(window[:end])
    return close if close is not None else end


def _bracket_open_before(text: str, pos: int) -> bool:
    """Whether an unclosed "(" stands before ``pos`` on its line."""
    line = text[text.rfind("\n", 0, pos) + 1:pos]
    return line.count("(") > line.count(")")


#: (alg9fix) A bracket after a consent's or a risk's words ("Risks (allergy to contrast,
#: bleeding, infection)", "complications including (...)"): its allergy words are a risk.
_RISK_BEFORE = re.compile(r"\b(?:risks?|complications?|including|such\s+as|discussed)\b"
                          r"[^.;:\n()]{0,40}\(\s*$", re.IGNORECASE)
#: (alg9fix) A bracket denying its allergy ("(allergy to vancomycin ruled out)").
_BRACKET_DENIED = re.compile(r"\b(?:ruled\s+out|r/o|negative|no|denie[sd])\b", re.IGNORECASE)


def _unreal_bracket(text: str, start: int) -> bool:
    """Whether the allergy words at ``start`` open a bracket ("... (allergy to X)") that is
    a risk listed or an allergy denied: no allergy statement."""
    before = text[max(0, start - 80):start]
    if not before.rstrip().endswith("("):
        return False
    close = text.find(")", start)
    line_end = text.find("\n", start)
    ends = [e for e in (close, line_end) if e >= 0]
    inside = text[start:min(ends) if ends else len(text)]
    return bool(_RISK_BEFORE.search(before) or _BRACKET_DENIED.search(inside))


@lru_cache(maxsize=8)  # the medication reader and the allergy finder read the same note
def _allergy_statements(text: str) -> tuple[tuple[int, int, bool], ...]:
    text = _mask_tylenol_number(text)  # (review a8b) same length: the spans hold
    text = _mask_inline_list(text)  # (allergy10) "allergic to 1) X 2) Y": same length
    out = []
    last = 0
    # anchored on the allergy word (cheap), the full pattern only in a window around it
    for key in _PROSE_KEY.finditer(text):
        if key.start() < last:
            continue
        # the window reaches past the "Reaction to X" tolerance look-ahead (review 7: cut
        # at 30 characters, it hid the rest of the sentence)
        m = _PROSE.search(text, max(last, key.start() - 80),
                          key.end() + _TOLERANCE_REACH + 20)
        if m is None or not m.start() <= key.start() < m.end():
            continue
        last = m.end()
        if _DENIED.search(text[max(0, m.start() - 25):m.start() + 1]):
            continue  # "No known allergies to medications", "denies allergy to latex"
        if _someone_else(text, m.start()):
            continue  # "Her mother is allergic to sulfa": a relative's allergy, not the patient's
        if "develop" in m.group(0).lower() and _UNREAL.search(text[max(0, m.start() - 40):m.start()]):
            continue  # "never developed / to avoid developing intolerance to X" (review of allergy7)
        if _unreal_bracket(text, m.start()):
            continue  # (alg9fix) "Risks (allergy to contrast, ...)", "(allergy ... ruled out)"
        window = text[m.end():m.end() + 150]
        cut = _CLAUSE_END.search(window)
        out.append((m.start(), m.end() + _clause_len(window, cut,
                                                      _bracket_open_before(text, m.start())),
                    m.group("a") is not None and m.group("inc") is None))
    out += _except_statements(text, out)
    out += _caused_statements(text)
    out += _stopped_statements(text, out)
    out += _reaction_with_statements(text, out)
    out += _named_statements(text, out)
    # (allergy9) "cannot take X because of <reaction>": the drug's words (no medication taken)
    out += [(a.span[0], a.span[1], False) for a in _cannot_prose(text).values()
            if not any(s <= a.span[0] < e for s, e, _ in out)]
    # (allergy10) a class's own intolerance ("statin-induced myalgia"): the drug's words
    out += [(a.span[0], a.span[1], False) for a in _class_intolerances(text).values()
            if not any(s <= a.span[0] < e for s, e, _ in out)]
    return tuple(sorted(out))


#: (fix2) "No known drug allergies except penicillin", "NKDA other than sulfa", "Not known
#: drug allergies except for codeine": the list after the exception is the patient's.
#: (A bare "none except ..." only at an allergy list's start: "Pain: none except with
#: walking" is no allergy; "except those listed", "other than that" name none.)
#: (allergy6) "No allergies; however, she does get tachycardic with ...": what follows is an
#: exception too (only where the list after it is read: not in ``_NONE``'s look-ahead, so a
#: section body "She has no allergies; however, ..." itself lists nothing)
_HOWEVER = (r"[ \t]*[,;]?[ \t]*however[ \t]*,?(?:(?=[ \t]*" + _GETS_LEAD.pattern[1:] + r")|"
            + _TAKEN_CLAUSE + r")")
_EXCEPTION_TAIL = (rf"(?:{_EXCEPT}|{_HOWEVER})" + r"(?:\s+(?:for|to))?\s+(?:that\s+(?="
                   + _SUBJECT + r")|"
                   # (allergy6) "except that she gets nausea with codeine": the clause after
                   # "that", the patient its subject, is read as a list body (``_LEAD``)
                   r"(?!(?:that|those|these|this|the\s+above|"
                   r"above|as|what|listed|noted|mentioned|stated|seasonal|environmental)\b)"
                   r"(?=[A-Za-z]))")
_NKA_PHRASE = (r"nkda|nka|nkma|no\s+known\s+(?:\w+\s+){0,2}allerg(?:ies|y)|"
               # (allergy9) the NKA phrase of ``NONE_ANYWHERE`` for a drug intolerance
               r"no\s+known\s+(?:drug|medication)\s+intolerances?|not\s+known\s+"
               r"(?:\w+\s+)?allerg(?:ies|y)|no\s+(?:\w+\s+)?allergies|denies\s+(?:any\s+)?"
               r"(?:\w+\s+)?allergies")
#: (review 3) A denied history list that ends in allergies ("No hospitalization, surgeries,
#: allergies except penicillin"), and one that starts with them, its exception an allergy
#: ("No allergies, surgeries or hospitalizations except an allergy to sulfa").
_DENIED_ALLERGIES = (r"no\s+(?:[a-z-]+(?:\s+[a-z-]+)?,\s*){1,5}(?:(?:or|and|nor)\s+)?"
                     r"allergies")
_LIST_WORD = (r"(?:\s*,\s*|\s+(?:or|and|nor)\s+)(?!(?:but|however|except\w*|other|besides|apart|"
              r"aside|save|with|no|not)\b)[a-z-]+")
_EXCEPTION = re.compile(rf"\b(?:(?:{_NKA_PHRASE}|{_DENIED_ALLERGIES}){_EXCEPTION_TAIL}|"
                        rf"(?:{_NKA_PHRASE})(?:{_LIST_WORD}){{1,4}}[ \t]*,?[ \t]*(?:except|"
                        r"excepting|other\s+than|besides|apart\s+from|aside\s+from|save\s+for)"
                        r"(?:\s+for)?\s+(?=(?:an?\s+|her\s+|his\s+|known\s+)?(?:allerg|"
                        r"intoleran|sensitiv)))", re.IGNORECASE)
_LIST_EXCEPTION = re.compile(rf"(?:none|{_NKA_PHRASE}){_EXCEPTION_TAIL}", re.IGNORECASE)
#: (review 7) "None"/"NKDA" with any exception word after it, "except as above" too.
_NONE_EXCEPT = re.compile(rf"(?:none|{_NKA_PHRASE}){_EXCEPT}", re.IGNORECASE)
_EXCEPT_KEY = folded(re.compile(r"\b(?:except|excepting|but|however|other\s+than|besides|apart\s+from|aside\s+from|"
                         r"save\s+for|exception\s+of)\b", re.IGNORECASE))


#: The words every ``_NKA_PHRASE`` holds (a cheap test before ``_EXCEPTION``'s window).
_NKA_NEAR = re.compile(r"allerg|nk[dm]?a|intoleran", re.IGNORECASE)


def _except_statements(text: str, found: list[tuple[int, int, bool]]
                       ) -> list[tuple[int, int, bool]]:
    """The list after "no known allergies except ...", from its first word to the clause
    end (``_CLAUSE_END``); looked for only near an exception word (speed)."""
    out: list[tuple[int, int, bool]] = []
    for key in _EXCEPT_KEY.finditer(text):
        if not _NKA_NEAR.search(text, max(0, key.start() - 60), key.start()):
            continue  # (allergy6) "but"/"however" are common words: an NKA phrase first
        # (review 3) the window reaches the clause end: ``_TAKEN_CLAUSE`` reads it
        m = _EXCEPTION.search(text, max(0, key.start() - 60), key.end() + 140)
        if m is None or not m.start() <= key.start() < m.end() or _someone_else(text, m.start()):
            continue
        if any(a <= m.end() < b for a, b, _ in found):
            continue
        window = text[m.end():m.end() + 150]
        cut = _CLAUSE_END.search(window)
        # (review 7) known allergens only ("besides her asthma", "other than food allergies")
        out.append((m.end(), m.end() + _clause_len(window, cut,
                                                    _bracket_open_before(text, m.start())),
                    False))
    return out


#: "<allergen> allergy": the allergen named before the allergy word ("Penicillin allergy.",
#: "History of penicillin allergy", "PCN allergy - hives"): up to two words before it.
#: (allergy5) A drug ending the line above an "Allergies:" header is no allergen; (fix2) any
#: other line break between them is prose wrapped ("Patient has penicillin\nallergy.").
_NAMED = re.compile(r"(?P<d>(?:[A-Za-z][\w-]*[ \t]+)?[A-Za-z][\w-]*)(?P<gap>(?=\s)[ \t]*\n?[ \t]*)"
                    r"(?:allerg(?:y|ies)|"
                    r"intolerance)\b(?!\s+(?:to|of|test\w*|skin|evaluation|work-?up|de-?label\w*)\b)",
                    re.IGNORECASE)
#: The allergy word ``_NAMED`` ends on: where its matches are looked for (speed: ``_NAMED``
#: tried at every word of a note cost ~1 ms a note; the words before one are enough).
_ALLERGY_WORD = re.compile(r"allerg(?:y|ies)|intolerance", re.IGNORECASE)
_NAMED_REACH = 200  # characters before the allergy word: two words of any real length


def _named_matches(text: str) -> Iterator[re.Match[str]]:
    """``_NAMED.finditer(text)``, searched only near each allergy word (same matches)."""
    last = 0
    for w in _ALLERGY_WORD.finditer(text):
        if w.start() < last:
            continue
        start = max(last, w.start() - _NAMED_REACH)
        if start > last:  # begin at a word start, as a scan from ``last`` would
            gap = re.compile(r"\s").search(text, start, w.start())
            start = gap.end() if gap else w.start()
        m = _NAMED.search(text, start, min(len(text), w.end() + 60))
        if m is not None and m.end() <= w.end() + 20:
            yield m
            last = m.end()


#: (allergy8) An allergen coordinated before a named allergy ("peanut and tree nut allergies",
#: "latex, egg, or soy allergy"): up to two words, then ", ", "and", "or" or "&" right before it.
_COORDINATED = re.compile(r"(?<![\w-])(?P<d>(?:[A-Za-z][\w-]*[ \t]+)?[A-Za-z][\w-]*)[ \t]*(?:,[ \t]*"
                          r"(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)$", re.IGNORECASE)
#: (review a8) The words a coordinated allergen run may have before it in its clause: the
#: patient, "has/have/had/with/reports", "known/a/severe/history of", a clause's "and". A
#: verb of taking ("takes Zyrtec and Flonase and dust mite allergy", "on", "continue",
#: "start", "prescribed", "is"), a test ("rule out", "tested for") or a relative
#: ("Her kids have ...") stops the join: the statement keeps its base reading.
_COORDINATED_LEAD = re.compile(
    r"(?:(?:she|he|the|patient|pt|has|have|had|with|reports?|endorses|also|known|an?|"
    r"severe|serious|significant|multiple|documented|history|of|and|but|allergic|allergies|"
    r"allergy|hx|"
    # (review a8b) a hedge of the whole phrase ("Possible penicillin and sulfa allergy", "?
    # penicillin and sulfa allergy"): a questioned allergy is one, each drug in it an
    # allergen as "Possible penicillin allergy" is (never a medication taken)
    r"possible|possibly|questionable|question\s+of|reported|reportedly|suspected|"
    r"probable|probably|presumed|likely)\b[\s,]*|\?[\s,]*)*", re.IGNORECASE)


def _coordination_ok(text: str, first: int, shared: list[tuple[int, int, bool]]) -> bool:
    """(review a8) Whether the allergens coordinated before a named allergy (``shared``, the
    first at ``first``) form one noun phrase the clause says the patient is allergic to: only
    the words of ``_COORDINATED_LEAD`` before it in its clause, and no joined drug that the
    note says is taken (a dose or a medication section: never both allergen and active)."""
    clause = re.split(r"[.;:\n()]", text[max(0, first - 120):first])[-1]
    if not _COORDINATED_LEAD.fullmatch(clause.strip(" \t,")):
        return False
    for a, b, _ in shared:
        names = _find_names(text[a:b])
        if names and any(n.name == names[0].name and not a <= n.start < b
                         and _taken_mention(text, n.start) for n in _find_names(text)):
            return False
    return True


#: What a named-allergy statement runs on over: " - hives", " (rash)", "with hives".
_NAMED_TAIL = re.compile(r"\s*(?:\([^)\n]*\)|[-:\u2013]\s*[^.;\n(]+|,?\s+with\s+[^.;\n]+|"
                         # (allergy8) "the bee sting allergy causes throat swelling"
                         # (review a8b) the verb, the person, the reaction phrase RIGHT after
                         # them and two more words at most, up to a clause word: "gives her a
                         # rash and she is on Bactrim DS" ends at "rash"; "gave him
                         # azithromycin and he developed a rash" is no reaction (a drug given:
                         # the base reading, the allergy alone)
                         r"(?<=[ \t])(?i:causes|caused|gives|gave|makes|made)\s+"
                         r"(?:(?i:him|her|them|me|the\s+patient)\s+)?"
                         # "causes him to break out in hives", "causes her to have hives"
                         r"(?:(?i:to)\s+(?:(?i:have|develop)\s+)?)?"
                         # "throat and tongue swelling": body parts joined before the term
                         r"(?:(?i:throat|tongue|lips?|face|facial|eyes?|eyelids?|mouth)"
                         r"\s*(?:,|/|\s(?i:and|or))\s*)?"
                         r"(?i:" + _CAUSED_REACTION.pattern + r")"
                         # "hives and itching": another reaction joined on (never "and she")
                         r"(?:\s*,?\s+(?i:and|or)\s+(?i:" + _CAUSED_REACTION.pattern + r"))*"
                         r"(?:[ \t]+(?!(?i:and|so|but|when|then|which|while|or|with|after|"
                         r"she|he|they|it)\b)[A-Za-z][\w-]*){0,2}(?![\w-]))?")
#: (review a8b) The causative verb that opens a ``_NAMED_TAIL``.
_CAUSE_VERB = re.compile(r"[ \t]+(?:causes|caused|gives|gave|makes|made)\s", re.IGNORECASE)
_DANGLING = re.compile(r"[ \t]+(?:on|in|of|to|at|from|for|by|over|her|his|their|him|them|"
                       r"the|a|an|all)$", re.IGNORECASE)
#: A sentence that names a drug and its reaction only, after an allergy statement
#: ("PCN allergy - hives. Bactrim - anaphylaxis."): the list goes on.
_DASH_ITEM = re.compile(rf"[ \t]*(?P<d>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s*[-:\u2013]\s*"
                        rf"(?:{_REACTION_TERM.pattern})\s*(?=[.;\n]|$)", re.IGNORECASE)
#: A sentence of its own that names the reaction first: "Hives with penicillin."
_REACTION_SENTENCE = folded(re.compile(
    rf"(?:^|(?<=[.;\n])|(?<=[.;\n]\s)|(?<=[.;\n]\s\s))[ \t]*(?:{_REACTION_TERM.pattern})\s+"
    r"(?:with|from|to|after)\s+(?P<d>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s*(?=[.;\n]|$)",
    re.IGNORECASE))


#: (fix2) An allergy word that opens a line of its own statement, capitalised and followed by
#: more ("Allergies include codeine", "ALLERGY - CODEINE"): the line above is not its allergen
#: (a lower-case "allergy." goes on the sentence before: "Patient has penicillin\nallergy.").
_OPENS_LINE = re.compile(r"[ \t]*(?:Allerg(?:y|ies)|ALLERG(?:Y|IES)|Intolerance|INTOLERANCE)"
                         r"(?:[ \t]*[:\-\u2013]|[ \t]+[A-Za-z])")


#: (allergy6) A line that opens on the allergy word in lower case: the rest of a sentence
#: wrapped before it ("sulfa\nallergy - rash"), never a header of its own.
#: (review 3) Only with a reaction term after a dash or bracket: "allergies: penicillin",
#: "allergies - none" under a line are headers ("Meds: metformin\nallergies: penicillin").
_LOWER_ALLERGY = re.compile(r"[ \t]*(?:allerg(?:y|ies)|intolerance)[ \t]*(?:[-\u2013][ \t]*|\([ \t]*)"
                            rf"(?i:{_REACTION_TERM.pattern})\b")
#: The line break before such a word with its reaction after it ("- rash", "(hives)"), read
#: as the space it stands for (a bare "penicillin\nallergy." keeps its span on the drug).
_WRAP_BEFORE_ALLERGY = re.compile(r"\n(?=" + _LOWER_ALLERGY.pattern + ")")


#: (review 7) What follows an allergy word that ends a wrapped "<drug>\n<allergy>" statement
#: ("penicillin\nallergy.", "PCN\nallergy (hives)", "allergy - rash", "allergy with hives"):
#: the clause ends or its reaction follows. Another word ("allergies reviewed", "allergy
#: precautions", "allergy band", "allergy list") starts a sentence of its own on that line.
_WRAPPED_END = re.compile(rf"[ \t]*(?:$|[.;,:!?()\n\-\u2013]|(?:with|causing|causes|caused|"
                          rf"and|or)\b|(?:{_REACTION_TERM.pattern}))", re.IGNORECASE)


def _named_statements(text: str, found: list[tuple[int, int, bool]]
                      ) -> list[tuple[int, int, bool]]:
    """Allergy statements that name the allergen without "allergic to" (review 1): "Penicillin
    allergy.", "History of penicillin allergy", "PCN allergy - hives. Bactrim - anaphylaxis."
    (a reaction-only item after one goes on with the list), "Hives with penicillin.". Only a
    known allergen counts ("seasonal allergies", "food allergy" name none); a denial ("no
    penicillin allergy") or a relative's ("Mother has a penicillin allergy") is none."""
    out: list[tuple[int, int, bool]] = []
    taken = SpanSet((s, e) for s, e, _ in found)  # (fix2) found and out, kept sorted

    def free(a: int, b: int) -> bool:
        return not taken.overlaps(a, b)

    def allergen(words: str) -> bool:
        # the whole words name it ("egg", "iodine contrast"), not a word inside ("her egg")
        from assistant.clinical.medications import is_drug_name

        w = _CLASS_WORD.sub("", words.strip()) or words.strip()  # "sulfa drug allergy"
        return bool(is_drug_name(w) or _DRUG_CLASS.fullmatch(w.lower())
                    or _TYLENOL_MASKED.fullmatch(w)  # (review a8b) "Tylenol #3 allergy"
                    or _OTHER_ALLERGEN.fullmatch(w) or w.lower() in _ALLERGEN_SYNONYMS)

    for m in _named_matches(text):
        words = m.group("d").split()
        # the longest known allergen that ends just before the allergy word
        start = None
        for k in range(len(words)):
            if allergen(" ".join(words[k:])):
                start = m.start("d") + m.group("d").find(words[k]) if k else m.start("d")
                break
        if start is None or not free(start, m.end()):
            continue
        # (allergy8) "known peanut and tree nut allergies", "latex, egg, or soy allergy": the
        # known allergens coordinated before it share the allergy word, each its own item
        first, shared = start, []
        while (co := _COORDINATED.search(text, max(0, first - 60), first)) is not None:
            words = co.group("d").split()
            k = next((k for k in range(len(words)) if allergen(" ".join(words[k:]))), None)
            if k is None:
                break
            first = co.start("d") + co.group("d").find(words[k]) if k else co.start("d")
            if not free(first, co.end("d")):
                break
            shared.append((first, co.end("d"), False))
        if shared and not _coordination_ok(text, first, shared):
            shared = []  # (review a8) the base reading: the allergen named before the word only
        if "\n" in m.group("gap"):
            line_end = text.find("\n", m.end("gap"))
            line = text[m.end("gap"):line_end if line_end >= 0 else len(text)]
            # (allergy6) a lower-case allergy word is no header ("sulfa\nallergy - rash":
            # the sentence wrapped before its allergy word and reaction)
            if not _LOWER_ALLERGY.match(line) and (_header_line(line)
                                                   or _OPENS_LINE.match(line)):
                continue  # "tramadol\nAllergies: codeine": a header, not the allergy word
            if not _WRAPPED_END.match(text, m.end()):
                continue  # (review 7) "metformin\nallergies reviewed", "Tylenol\nallergy band"
        sentence = re.split(r"[.;:\n]", text[max(0, start - 80):start])[-1]
        if _TESTED_BEFORE.search(text, max(0, first - 40), first) \
                and not test_confirmed(text, m.end()):
            continue  # issue 16 (f): "Rule out sulfa allergy": tested for, not confirmed
        if _DENIED.search(text[max(0, start - 25):start]) or _DENIAL_START.match(sentence) \
                or _someone_else(text, start) or (shared and _DENIED.search(
                    text[max(0, first - 25):first])):
            continue  # "NO SHRIMP, SEAFOOD, OR DYE ALLERGY": the sentence denies its list
        tail = _NAMED_TAIL.match(text, m.end())
        end = tail.end() if tail else m.end()
        if tail and _CAUSE_VERB.match(text, m.end()):
            # (review a8b) a drug among the words after the reaction ("causes hives with
            # Bactrim") is no part of it: the tail ends before it (a drug stays a drug)
            names = _find_names(text[m.end():end])
            end = m.end() + names[0].start if names else end
            end = len(text[:end].rstrip(" \t,"))
            # "a bad rash on her arms": no dangling "on her" of the two words after it
            while (dangle := _DANGLING.search(text, m.end(), end)) is not None:
                end = dangle.start()
        out.append((start, end, False))
        taken.add(start, end)
        for item in shared:
            out.append(item)
            taken.add(item[0], item[1])
        # "... Bactrim - anaphylaxis.": reaction-only items right after it
        nxt = re.compile(r"[.;]\s{0,3}").match(text, end)
        while nxt:
            item = _DASH_ITEM.match(text, nxt.end())
            if not item or not allergen(item.group("d")) or not free(item.start("d"), item.end()):
                break
            out.append((item.start("d"), item.end(), False))
            taken.add(item.start("d"), item.end())
            nxt = re.compile(r"[.;]\s{0,3}").match(text, item.end())
    for m in _REACTION_SENTENCE.finditer(text):
        if allergen(m.group("d")) and free(m.start(), m.end()) and not _someone_else(
                text, m.start()):
            out.append((m.start(), m.end(), False))
            taken.add(m.start(), m.end())
    return out


#: "Codeine caused her to be excitable": a drug as the subject of a reaction it caused, at
#: a sentence start (its end: the clause end).
_CAUSED = re.compile(r"(?:^|(?<=[.;\n]))[ \t]*(?:(?:she|he|the\s+patient|patient|pt)\s+"
                     r"(?:states|stated|says|said|reports|reported)\s+(?:that\s+)?)?"
                     r"(?P<d>[A-Za-z][\w-]{2,})\s+(?:caused|causes|gave|"
                     r"gives)\s+(?:her|him|them|the\s+patient)\s", re.IGNORECASE | re.MULTILINE)
#: An allergy word in the same or the sentence before: what makes "X caused her Y" an
#: allergy or intolerance ("Lasix causes him to urinate" alone is a drug's effect).
_ALLERGY_CONTEXT = re.compile(r"allerg|intoleran|adverse|reaction|\b(?:hives|urticaria|rash|"
                              r"anaphyla\w*|angioedema)\b", re.IGNORECASE)


def _caused_statements(text: str) -> list[tuple[int, int, bool]]:
    from assistant.clinical.medications import is_drug_name

    out = []
    for m in _CAUSED.finditer(text):
        if not is_drug_name(m.group("d")):
            continue
        prev = text.rfind(".", 0, max(0, m.start("d") - 2))
        prev = text.rfind(".", 0, max(0, prev)) if prev > 0 else 0
        sentence_end = re.compile(r"[.;\n]").search(text, m.end())
        end = sentence_end.start() if sentence_end else len(text)
        if not _ALLERGY_CONTEXT.search(text, max(0, prev), end):
            continue
        if _DENIED.search(text[max(0, m.start("d") - 25):m.start("d")]):
            continue
        cut = _CLAUSE_END.search(text, m.end(), end)
        out.append((m.start("d"), cut.start() if cut else end, False))
    return out


#: (allergy4) A drug stopped for an allergic reaction ("Dolobid 1000 mg p.o. q.d., recently
#: discontinued because of questionable allergic reaction"): an allergy (a questioned one is
#: one), the drug no medication taken. Found only around an allergy word; not "... due to an
#: allergic reaction to contrast" (that reaction names its own allergen).
_STOPPED = re.compile(
    r"\b(?:was\s+|were\s+|been\s+)?(?:discontinued|stopped|d/c'?d|held|taken\s+off)\s+"
    r"(?:because\s+of|due\s+to|secondary\s+to|for|after)\s+(?:an?\s+|the\s+)?"
    r"(?:(?:questionable|possible|suspected|probable|presumed|likely|apparent)\s+)?"
    # (review 5) an allergic reaction, not any noun after "allergy" ("held for allergy
    # testing", "allergy season", "allergies improving"): "allergy" ends the clause or is
    # "to it"
    r"(?:allergic\s+reactions?\b(?!\s+(?:to|from|with)\b)|allerg(?:y|ies)"
    r"(?:\s+to\s+(?:it|this|them|the\s+(?:drug|medication|medicine)))?(?=\s*(?:[.;,:)?!\n]|$)|"
    # "... due to allergy and switched to doxycycline", "due to allergy per the patient"
    r"\s+(?:and|then)\s+(?:was\s+|is\s+|she\s+|he\s+)?(?:switched|changed|started|replaced|"
    r"placed|put)\b|\s+(?:per|by)\s+(?:the\s+)?(?:patient|pt|history|family|report)\b))",
    re.IGNORECASE)
#: A sentence end ("bid. Contrast held ..."), not a dotted sig ("p.o. q.d., recently ...").
_STOPPED_SENTENCE = re.compile(r"[.!?]\s+(?=[A-Z][a-z])|[?!]")
_ALLERGIC_WORD = re.compile(r"allerg(?:ic|y|ies)", re.IGNORECASE)
_STOPPED_REACH = 80  # characters from the drug to the verb: its dose and sig between


def _stopped_statements(text: str, found: list[tuple[int, int, bool]]
                        ) -> list[tuple[int, int, bool]]:
    """The drug a note says was stopped for an allergic reaction, as a statement spanning
    the drug's name (the last drug before the verb, on its line, no ";" between)."""
    out: list[tuple[int, int, bool]] = []
    last = 0
    for w in _ALLERGIC_WORD.finditer(text):
        if w.start() < last:
            continue
        m = _STOPPED.search(text, max(last, w.start() - 60), w.end() + 20)
        if m is None or not m.start() <= w.start() < m.end():
            continue
        last = m.end()
        lo = max(0, m.start() - _STOPPED_REACH)
        lo = max(lo, text.rfind("\n", lo, m.start()) + 1, text.rfind(";", lo, m.start()) + 1)
        # (review 5) the drug of the same sentence: "Metformin 500 mg bid. Contrast held due
        # to allergy." stops no metformin
        ends = list(_STOPPED_SENTENCE.finditer(text, lo, m.start()))
        lo = ends[-1].end() if ends else lo
        names = _find_names(text[lo:m.start()])
        if not names or _DENIED.search(text[max(0, m.start() - 25):m.start()]):
            continue
        start, end = lo + names[-1].start, lo + names[-1].end
        if not any(a <= start < b for a, b, _ in found):
            out.append((start, end, False))
    return out


#: (allergy4) An allergic reaction told with what brings it on: "She gets a rash with
#: penicillin", "He broke out in hives after taking Bactrim", "has hives when he comes in
#: contact with latex". Only the allergic presentations of NICE CG183 (anaphylaxis,
#: angioedema, urticaria, rash, pruritus, swelling of the lips, face or throat), so a drug's
#: side effect ("dizziness with lisinopril") stays a medication; only a known allergen after it.
_SIGNS = (r"hives|urticaria|rash(?:es)?|anaphyla(?:xis|ctic\s+reaction)|angioedema|itching|"
          r"pruritus|(?:lip|facial|throat|tongue)\s+swelling")
_ALLERGIC_SIGN = folded(re.compile(rf"\b(?:{_SIGNS})\b", re.IGNORECASE))
_REACTION_WITH_TAIL = (
    rf"(?P<r>{_SIGNS})\s+"
    r"(?:(?:with|after|from|when\s+(?:he|she|they)\s+(?:takes|took|uses|used|eats|ate|is\s+"
    r"given|was\s+given|is\s+exposed\s+to|was\s+exposed\s+to|comes?\s+in(?:to)?\s+contact"
    r"\s+with|came\s+in(?:to)?\s+contact\s+with|touches|touched))\s+"
    r"(?:(?:taking|using|eating|receiving|being\s+given|any|the)\s+)?"
    # (review 5) "to" only right before the allergen ("hives to sulfa"), not a place ("rash to
    # the prednisone injection site", "rash to her arms")
    r"|to\s+(?:any\s+)?)"
    r"(?P<d>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)")
_REACTION_WITH = re.compile(
    r"\b(?:gets?|got|has|had|have|develop(?:s|ed)?|breaks?\s+out\s+in|broke\s+out\s+in|"
    # (review 6) "NKDA but reports rash with sulfa"
    r"reports?|reported|experienc(?:es|ed))\s+(?:(?:a|an|some|severe|bad|generali[sz]ed|itchy|red)\s+)*"
    + _REACTION_WITH_TAIL, re.IGNORECASE)
#: The same from the sign on: where ``find_prose_allergies`` reads such a statement.
_REACTION_WITH_AT = re.compile(_REACTION_WITH_TAIL, re.IGNORECASE)
#: "never had a rash with penicillin": a denial before the verb
_NEVER = re.compile(r"\b(?:never|no|not|denies|denied|without)\b[^.;,\n]*$", re.IGNORECASE)


def _reaction_with_statements(text: str, found: list[tuple[int, int, bool]]
                              ) -> list[tuple[int, int, bool]]:
    """Statements "(gets) <allergic sign> with/after/from <allergen>": from the sign to the
    allergen's words (the longest known allergen of the one or two words after it)."""
    out: list[tuple[int, int, bool]] = []
    last = 0
    for w in _ALLERGIC_SIGN.finditer(text):
        if w.start() < last:
            continue
        m = _REACTION_WITH.search(text, max(last, w.start() - 40), w.end() + 90)
        if m is None or not m.start("r") <= w.start() < m.end("r"):
            continue
        last = m.end()
        words = m.group("d").split()
        names = [" ".join(words[:k]) for k in range(len(words), 0, -1)]
        known = next((n for n in names if known_allergen(n)), None)
        if known is None or _NEVER.search(text[max(0, m.start() - 40):m.start()]) \
                or _someone_else(text, m.start()):
            continue
        start = m.start("d")
        if _not_an_allergy(text, m.start(), start, start + len(known), known):
            continue
        if not any(a <= start < b for a, b, _ in [*found, *out]):
            out.append((m.start("r"), start + len(known), False))
    return out


#: (review 5) Where the drug of "rash with X" was put, not what it did: "rash to the
#: prednisone injection site", "itching with the hydrocortisone cream applied".
_SITE_AFTER = re.compile(r"\s+(?:(?:cream|ointment|gel|lotion|patch|injection|infusion|iv)\s+)*"
                         r"(?:(?:was\s+|is\s+)?applied|application|site|area)\b", re.IGNORECASE)
#: The rest of the sentence after "rash with X": a question ("... the lisinopril? Unclear.")
_SENTENCE_STOP = re.compile(r"[.;!?\n]")
_YES = re.compile(r"\s*(?:\[\w+\]\s*|\w+:\s*)?(?:yes|yeah|yep|yup|mm-hmm|uh-huh|correct|right|"
                  r"indeed|definitely|every\s+time|"
                  r"(?:she|he|they)\s+(?:does|did|do))\b", re.IGNORECASE)
#: The next sentences go on to say the drug is taken: "No, she has tolerated it well."
_TOLERATED_IT = re.compile(r"\b(?:tolerat(?:es|ed|ing)|continu(?:es|ed|ing)|restart(?:s|ed)|"
                           r"resum(?:es|ed))\s+(?:it|this|them)\b", re.IGNORECASE)
#: A drug mention that says the patient takes it (the clause before the name) ...
_TAKEN_BEFORE = re.compile(
    r"\b(?:tolerat\w*|continu\w*|restart\w*|resum\w*|premedicat\w*|(?:currently|still|now)\s+"
    r"(?:on|taking|using)|(?:is|remains|was\s+(?:re)?started|maintained)\s+on|takes|taking|uses|"
    r"using|apply|applying)\b", re.IGNORECASE)
#: ... or the words right after it ("amoxicillin 500 mg tid", "amoxicillin continued").
_TAKEN_AFTER = re.compile(
    r"\s*(?:\d+(?:\.\d+)?\s*(?:mg|mcg|g|ml|units?|%)\b|(?:was\s+|is\s+|were\s+|has\s+been\s+|"
    r"will\s+be\s+)?(?:continued|restarted|resumed|(?:well\s+)?tolerated)\b|doses?\b)",
    re.IGNORECASE)
#: A clause that takes the drug away or is itself about a reaction: no evidence it is taken.
_NOT_TAKEN = re.compile(r"\b(?:not|no|never|stop(?:ped)?|discontinu\w*|held|hold|avoid\w*|"
                        r"instead|cannot|can't|unable|allerg\w*|intoleran\w*|reactions?|hives|"
                        r"urticaria|rash(?:es)?|itching|anaphyla\w*|angioedema|swelling)\b",
                        re.IGNORECASE)
_CLAUSE_MARK = re.compile(r"[.;,!?\n]")


def _not_an_allergy(text: str, stmt: int, start: int, end: int, known: str) -> bool:
    """(review 5) Whether "<sign> with <known>" (the allergen at ``start:end``) is no allergy:
    an injection or application site, a question, or a drug the note shows is taken
    ("has since tolerated amoxicillin", "Currently on amoxicillin 500 mg", "Continue
    hydrocortisone", "premedicated ... before morphine doses")."""
    if _SITE_AFTER.match(text, end):
        return True
    stop = _SENTENCE_STOP.search(text, end)
    if stop and stop.group(0) == "?" and not _YES.match(text, stop.end()):
        return True  # "... the prednisone? Unclear.": hedged (a "Yes." answer confirms it)
    after = text[end:end + 150]
    told = _TOLERATED_IT.search(after)
    if told and not re.search(r"\b(?:not|never|n't)\b[^.;]{0,20}$", after[:told.start()], re.I):
        return True
    names = _find_names(known)
    if not names:
        return False  # not a drug ("latex", "sulfa"): nothing the note could show taken
    drug = names[0].name
    for n in _find_names(text):
        if n.name != drug or stmt <= n.start < end:
            continue
        marks = list(_CLAUSE_MARK.finditer(text, max(0, n.start - 80), n.start))
        before = text[marks[-1].end() if marks else max(0, n.start - 80):n.start]
        stop = _CLAUSE_MARK.search(text, n.end, n.end + 60)
        rest = text[n.end:stop.start() if stop else n.end + 60]
        if _NOT_TAKEN.search(before) or _NOT_TAKEN.search(rest):
            continue  # "stopped amoxicillin", "hives after amoxicillin": not taken
        if _TAKEN_BEFORE.search(before) or _TAKEN_AFTER.match(text, n.end):
            return True
    return False


# The persons a sentence can be about: the last one named before "is allergic to" is its
# subject ("The patient's mother reports he is allergic to ..." is the patient's allergy).
# A relative is a subject when possessed ("her mother", "the patient's brother") or opening
# the sentence ("Mother is allergic to ..."), never in "a mother of three" (the patient).
_RELATIVE = (r"(?:mother|father|mom|dad|sisters?|brothers?|sons?|daughters?|wife|husband|"
             r"spouse|partner|siblings?|parents?|grand(?:mother|father|parents?)|aunt|uncle|"
             r"cousins?|relatives?|roommate)")
#: (review a8b) Only possessed: "Her kids/children have peanut allergies" (plural: never the
#: patient; a singular "her child" may be the patient of a parent's report).
_OFFSPRING = r"(?:kids|children|grandchildren|grandkids|step(?:sons?|daughters?)|nieces?|nephews?)"
_PERSON = re.compile(
    rf"(?P<other>\b(?:her|his|their|my|your|(?:the\s+)?(?:patient|pt)'?s)\s+(?:\w+\s+)?"
    rf"(?:{_RELATIVE}|{_OFFSPRING})\b(?!\s+of\b)|^\s*(?:the\s+)?{_RELATIVE}\b(?!\s+of\b)|"
    r"\bfamily\s+(?:history|member)s?\b)|\b(?:he|she|patient|pt|child|baby|infant|boy|girl|i)\b",
    re.IGNORECASE)
_SENTENCE_START = re.compile(r"[.;\n]\s*(?=[^.;\n]*$)")


def _someone_else(text: str, start: int) -> bool:
    """Whether the sentence before an allergy trigger at ``start`` names a relative as its
    last person (the schema has no family allergies: they are not the patient's)."""
    before = text[max(0, start - 120):start]
    cut = _SENTENCE_START.search(before)
    persons = list(_PERSON.finditer(before[cut.end() if cut else 0:]))
    return bool(persons) and persons[-1].group("other") is not None


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
            out.extend(_drug_then_reaction(body, body_start))
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
            if names and names[0].start == 0:
                span = (a.span[0], a.span[0] + names[0].end)
                out.append(Allergy(substance=substance_name(written[:names[0].end]),
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


#: (review 6) The section header a mention is under ("MEDICATIONS:", "Home meds:").
_HEADER_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?P<h>[A-Za-z][A-Za-z /&]{1,40}):", re.IGNORECASE)
_MED_SECTION = re.compile(r"(?:\w+[ \t]+)*(?:meds|medications?|medicines?|prescriptions?|rx)",
                          re.IGNORECASE)


def _taken_mention(text: str, pos: int) -> bool:
    """(review 6) Whether the drug mention at ``pos`` says the drug is taken: a dose or how
    it is taken on its line ("aspirin 81 mg daily"), or a medication section's header above
    it (the nearest header within 2,000 characters)."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if _DOSE_LINE.search(line) or _SIG_WORD.search(line):
        return True
    headers = list(_HEADER_BEFORE.finditer(text, max(0, pos - 2000), pos))
    return bool(headers) and bool(_MED_SECTION.fullmatch(headers[-1].group("h").strip()))


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


#: An intolerance written as what the patient cannot take, in an allergy section ("HE SAID HE
#: CANNOT TAKE ASPIRIN BECAUSE OF INTOLERANCE FOR HIS STOMACH AND STOMACH UPSET").
_CANNOT = re.compile(
    rf"^\W*(?:{_SUBJECT}(?:said|says|states|reports)\s+(?:that\s+)?)?{_SUBJECT}?"
    r"(?:cannot|can\s*not|can't|could\s+not|is\s+unable\s+to|was\s+unable\s+to|does\s+not|"
    r"did\s+not)\s+(?:take|tolerate)\s+(?P<d>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s+"
    r"(?:because\s+of|due\s+to|secondary\s+to|as\s+it\s+causes|since\s+it\s+causes)\s+"
    r"(?P<r>[^,.;\n]+)", re.IGNORECASE)


def _cannot_take(sentence: str, offset: int) -> list[Allergy]:
    """The drug of a "cannot take X because of Y" sentence, with the reaction Y names."""
    m = _CANNOT.match(sentence)
    if m is None or not known_allergen(m.group("d")):
        return []
    terms = list(_REACTION_TERM.finditer(m.group("r")))
    reaction = terms[-1].group(0) if terms else m.group("r")
    return [Allergy(substance=substance_name(m.group("d")), reaction=_clean_reaction(reaction),
                    span=(offset + m.start("d"), offset + m.end("d")))]


#: (allergy9) The same in prose anywhere ("She cannot take penicillin because of hives", "He
#: is unable to tolerate morphine, which causes itching"): an allergy or intolerance only when
#: the reason names a reaction ("cannot take metformin due to renal failure", "cannot take
#: oral medications because of vomiting" are contraindications, no allergen).
_CANNOT_PROSE = re.compile(
    r"(?<![\w'])(?:cannot|can\s*not|can't|could\s+not|couldn't|(?:is|was)\s+unable\s+to|"
    # (allergy10) an adverb between: "could not really tolerate penicillin due to allergy"
    r"unable\s+to)(?:\s+(?:really|ever|safely|always|reliably))?\s+(?:take|tolerate)\s+(?P<d>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s*,?\s+"
    r"(?:(?P<why>because\s+of|due\s+to|secondary\s+to)|"
    r"(?:as|since|because|which|that)\s+(?:it\s+)?(?:causes|caused|gives|gave|makes|made)"
    r"(?:\s+(?:her|him|them|me))?)\s+(?P<r>[^,.;\n]+)", re.IGNORECASE)
#: (alg9fix) A reason that is an illness of the patient's, no reaction to the drug ("due to
#: nausea and vomiting from her bowel obstruction", "because of her upset stomach from the
#: flu"): a possessive, or "from"/"with" and then no reaction term.
_ILLNESS_REASON = re.compile(r"\b(?:her|his|their)\b|\b(?:from|with)\s+(?!(?:an?\s+|the\s+)?"
                             r"(?:hives|rash|itch\w*|swelling|anaphyla\w*|wheez\w*)\b)",
                             re.IGNORECASE)
#: (allergy10) Where on the body a reaction was ("due to swelling of his lips", "because of a
#: rash on her arms"): a possessive there names the site of the reaction (FHIR
#: AllergyIntolerance.reaction.manifestation with its body site), no illness of the patient's;
#: blanked before ``_ILLNESS_REASON`` when the reason names a reaction term.
_BODY_SITE = re.compile(r"\b(?:of|on|in|over|around|to|across)\s+(?:her|his|their)\s+"
                        r"(?:(?:upper|lower|whole|entire|both)\s+)?(?:lips?|face|tongue|throat|"
                        r"mouth|eyes?|eyelids?|skin|arms?|legs?|hands?|feet|foot|body|chest|"
                        r"back|neck|trunk|torso|extremities|cheeks?|airways?)\b", re.IGNORECASE)
#: (alg9fix) Only nausea, vomiting or an upset stomach after "because of / due to": the
#: patient could not take it by mouth, no reaction told ("unable to take metformin due to
#: vomiting"); "which causes nausea" stays an intolerance.
_ORAL_ONLY_REASON = re.compile(r"(?:\s|,|and|or|/|persistent|severe|ongoing|intractable|"
                               r"nausea|vomiting|emesis|n/v|upset\s+stomach|stomach\s+upset)+",
                               re.IGNORECASE)
#: A reason that tells an allergy or intolerance, besides a reaction term.
_INTOLERANCE_REASON = re.compile(r"\b(?:intoleran\w*|allerg\w*|side\s+effects?|adverse|"
                                 r"reactions?|upset)\b", re.IGNORECASE)


def _cannot_prose(text: str) -> dict[int, Allergy]:
    """(allergy9) The allergies of ``_CANNOT_PROSE`` statements, by where the drug starts."""
    out: dict[int, Allergy] = {}
    if "take" not in text.lower() and "tolerate" not in text.lower():
        return out
    for m in _CANNOT_PROSE.finditer(text):
        words = m.group("d").split()
        known = next((w for w in (" ".join(words[:k]) for k in range(len(words), 0, -1))
                      if known_allergen(w)), None)
        terms = list(_REACTION_TERM.finditer(m.group("r")))
        if known is None or not (terms or _INTOLERANCE_REASON.search(m.group("r"))) \
                or _someone_else(text, m.start()):
            continue
        if m.group("why") and (_ILLNESS_REASON.search(_BODY_SITE.sub(" ", m.group("r"))
                                                      if terms else m.group("r"))
                               or _ORAL_ONLY_REASON.fullmatch(m.group("r").strip())):
            # (alg9fix) an illness, or no oral intake: no reaction to the drug (a "which
            # causes / it makes <reaction>" form tells the drug's own effect and stays)
            continue
        reaction = _clean_reaction(terms[-1].group(0)) if terms else None
        start = m.start("d")
        out[start] = Allergy(substance=substance_name(known), reaction=reaction,
                             span=(start, start + len(known)))
    return out


#: (allergy10) A drug class's own intolerance told in prose: a statin with muscle symptoms, an
#: ACE inhibitor with cough or angioedema, an NSAID with a GI bleed or ulcer, heparin with
#: thrombocytopenia (HIT). FHIR AllergyIntolerance records intolerances as well as allergies
#: (its ``type``: allergy | intolerance), and the gold labels list intolerances as allergies
#: ("ACE INHIBITOR MAY HAVE CAUSED A COUGH", "Heparin causing thrombocytopenia", statins with
#: myalgias). Classes by their WHO ATC groups: C10AA HMG CoA reductase inhibitors, C09AA ACE
#: inhibitors, M01A non-steroidal anti-inflammatory products (aspirin, B01AC06 / N02BA01, is
#: none: a bleed on aspirin is the antiplatelet effect), B01AB heparin group. Each reaction
#: counts only with its own class: a bleed or bruising on warfarin or aspirin, a cough on a
#: beta blocker are a drug's effect while taken, no intolerance record.
_CLASS_MEMBERS = {
    "statin": {"statins", "atorvastatin", "simvastatin", "pravastatin", "rosuvastatin",
               "lovastatin", "fluvastatin", "pitavastatin", "ezetimibe/simvastatin"},
    "ace": {"ace inhibitors", "lisinopril", "enalapril", "ramipril", "captopril", "benazepril",
            "quinapril", "fosinopril", "perindopril", "trandolapril", "moexipril"},
    "nsaid": {"nsaids", "ibuprofen", "naproxen", "diclofenac", "ketorolac", "meloxicam",
              "indomethacin", "celecoxib", "etodolac", "nabumetone", "piroxicam", "sulindac",
              "ketoprofen", "flurbiprofen", "oxaprozin", "diflunisal", "valdecoxib",
              "rofecoxib"},
    "heparin": {"heparin", "enoxaparin", "dalteparin", "tinzaparin"},
}
_CLASS_REACTIONS = {
    "statin": r"myalgias?|myopathy|myositis|rhabdomyolysis|muscle\s+(?:aches?|pains?|cramps?|"
              r"weakness|soreness)",
    "ace": r"(?:dry\s+|chronic\s+|persistent\s+|nagging\s+)?cough(?:ing)?|angioedema",
    "nsaid": r"(?:upper\s+|lower\s+)?(?:gi|gastrointestinal)\s+(?:bleed(?:ing)?|hemorrhage)|"
             r"(?:peptic|gastric|duodenal|stomach)\s+ulcers?|ulcers?|gastritis",
    "heparin": r"thrombocytopenia|low\s+platelets",
}
_ANY_CLASS_REACTION = "|".join(f"(?:{r})" for r in _CLASS_REACTIONS.values())
# (speed) a drug starts a word: the same leftmost matches, but ``finditer`` no longer tries
# every letter of every word (eval.bench extract had fallen from 60.6 to 48.6 notes/s)
_DRUG_WORDS = r"(?<![\w/])(?P<d>[A-Za-z][\w/]*(?:[ \t]+[A-Za-z][\w/]*)?)"
#: "statin-induced myalgia", "ACE inhibitor induced cough", "NSAID-induced GI bleed"
_INDUCED = re.compile(rf"{_DRUG_WORDS}(?:-|[ \t]+)induced[ \t]+(?P<r>{_ANY_CLASS_REACTION})\b",
                      re.IGNORECASE)
#: "Lisinopril was discontinued due to cough", "simvastatin was stopped because of myalgias"
_STOPPED_FOR = re.compile(
    rf"{_DRUG_WORDS}[ \t]+(?:was|were|has\s+been|had\s+been)[ \t]+(?:\w+[ \t]+)?"
    r"(?:discontinued|stopped|d/c'?d)[ \t]+(?:because\s+of|due\s+to|secondary\s+to|for)[ \t]+"
    r"(?:(?:an?|the|his|her|their|severe|significant|intolerable|persistent|possible)[ \t]+)*"
    rf"(?P<r>{_ANY_CLASS_REACTION})\b", re.IGNORECASE)
#: "He gets myalgias from statins", "had a cough with lisinopril" (not "on": a drug taken)
_GETS_FROM = re.compile(
    r"\b(?:gets?|got|develop(?:s|ed)?|had|has|experienc(?:es|ed)|suffered)[ \t]+"
    r"(?:(?:an?|some|severe|significant|intolerable|bad)[ \t]+)*"
    rf"(?P<r>{_ANY_CLASS_REACTION})[ \t]+(?:with|from|after|due\s+to)[ \t]+"
    r"(?:(?:taking|using|the)[ \t]+)?" + _DRUG_WORDS, re.IGNORECASE)
#: "developed myalgias on simvastatin, which was stopped", "had a cough while taking
#: lisinopril and was switched to losartan": "on" a drug is read only with the stop or switch
#: told right after it (a drug taken with a symptom is no intolerance)
_ON_THEN_STOPPED = re.compile(
    r"\b(?:develop(?:s|ed)?|had|experienc(?:es|ed)|got|suffered)[ \t]+"
    r"(?:(?:an?|some|severe|significant|intolerable|bad)[ \t]+)*"
    rf"(?P<r>{_ANY_CLASS_REACTION})[ \t]+(?:on|while[ \t]+on|while[ \t]+taking|taking)[ \t]+"
    r"(?P<d>[A-Za-z][\w/]*(?:[ \t]+(?!(?:and|which|that|so)\b)[A-Za-z][\w/]*)?)[ \t]*,?[ \t]*"
    r"(?:(?:which|that|it)[ \t]+(?:was|were|has\s+been|had\s+been)|and[ \t]+(?:was|it\s+was|"
    r"(?:she|he)\s+was|(?:she|he)))[ \t]+(?:then[ \t]+|subsequently[ \t]+|therefore[ \t]+)?"
    r"(?:stopped|discontinued|d/c'?d|switched|changed|taken\s+off)\b", re.IGNORECASE)
#: "switched from lisinopril to losartan due to cough": the drug switched from
_SWITCHED_FROM = re.compile(
    r"\b(?:switched|changed)[ \t]+(?:(?:him|her|them|the\s+patient)[ \t]+)?from[ \t]+"
    r"(?P<d>[A-Za-z][\w/]*(?:[ \t]+(?!to\b)[A-Za-z][\w/]*)?)[ \t]+to[ \t]+[^.;\n]{1,40}?"
    r"[ \t]+(?:because\s+of|due\s+to|secondary\s+to|for|after)[ \t]+"
    r"(?:(?:an?|the|his|her|their|severe|significant|intolerable|persistent)[ \t]+)*"
    rf"(?P<r>{_ANY_CLASS_REACTION})\b", re.IGNORECASE)
#: the sentence before says it is a risk, a prevention or a question ("prophylaxis against
#: NSAID-induced ulcers", "risk of statin-induced myopathy", "no ACE inhibitor-induced
#: cough", "to rule out heparin-induced thrombocytopenia"); a hedge of a past event ("possible
#: statin-induced myalgia") is no such word: a questioned allergy is one (issue 16 (f))
_CLASS_UNREAL = re.compile(
    r"\b(?:no|not|denies|denied|without|never|risk|risks|prevent\w*|prophyla\w*|protect\w*|"
    r"avoid\w*|reduce|monitor\w*|watch\w*|concern\w*|may|might|could|would|if|"
    r"rule\s+out|r/o|evaluat\w*|versus|vs\.?|assess\w*|screen\w*|check\w*|"
    # (a10fix) "Negative for / free of / absence of heparin-induced thrombocytopenia"
    r"negative|free\s+of|absence|absent)\b[^.;\n]*$",
    re.IGNORECASE)
#: (a10fix) The rest of the sentence says the event was excluded, is doubted, is over, is one
#: of a differential or is a relative's ("... was ruled out", "... is unlikely", "... resolved
#: after dose reduction", "... versus H. pylori", "... runs in the family"), or names another
#: cause ("stopped for cough and hypotension in the setting of sepsis", "attributed to sepsis")
_CLASS_UNREAL_AFTER = re.compile(
    r"\b(?:excluded|ruled\s+out|unlikely|resolved|not\s+(?:been\s+)?confirmed|"
    r"not\s+suspected|absent|versus|vs\b|considered|possibly|in\s+the\s+family|runs\s+in|"
    # "discontinued for low platelets pending HIT panel": a work-up, no finding yet
    r"pending|awaiting|until\s+(?:the\s+)?(?:results?|panel|assay)|"
    r"in\s+the\s+setting\s+of|attributed\s+to|thought\s+(?:to\s+be\s+)?(?:due|secondary)|"
    r"(?:due|secondary)\s+to\s+(?:\w+\s+){0,2}(?:sepsis|infection|illness|surgery|procedure|"
    r"dic|bleeding|dilution))", re.IGNORECASE)
#: (a10fix) The drug given again or still, the drug its object right after ("continue
#: enoxaparin", "now tolerating pravastatin", "she remains on heparin drip"). (a10fix2) Only
#: these explicit words: a dose of the drug elsewhere in the note (an old list, an order held,
#: "do not give heparin 5000 units") is no sign it is tolerated.
_CLASS_GIVEN_AGAIN = re.compile(
    r"\b(?:continue[sd]?|continuing|resum(?:e|es|ed|ing)|restart(?:s|ed|ing)?|re-started|"
    r"re-?challenged|tolerating|tolerates|remains?\s+on|still\s+on)\b",
    re.IGNORECASE)
#: (a10fix2) The same told in the passive after the drug ("lisinopril was restarted")
_CLASS_GIVEN_AGAIN_PASSIVE = (r"(?:[ \t]+[\w.]+){0,3}?[ \t]+(?:was|were|is|has[ \t]+been|"
                              r"had[ \t]+been)[ \t]+(?:then[ \t]+|later[ \t]+)?"
                              r"(?:continued|resumed|restarted|re-started|re-?challenged)\b")


def _class_of(words: str) -> tuple[str, str] | None:
    """The (class, written) of the longest run of ``words`` (one or two words) that names a
    drug of a class of ``_CLASS_MEMBERS`` ("ACE inhibitor", "Zocor", "lisinopril" of
    "lisinopril and")."""
    parts = words.split()
    # every run of the words, longest first ("ACE inhibitor"; "lisinopril" of "lisinopril and")
    runs = sorted(((i, j) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)),
                  key=lambda r: r[0] - r[1])
    for i, j in runs:
        written = " ".join(parts[i:j])
        if not known_allergen(written):
            continue
        name = substance_name(written)
        for cls, members in _CLASS_MEMBERS.items():
            if name in members:
                return cls, written
    return None


def _class_given_again(text: str, cls: str, name: str, m: re.Match[str], stop: int) -> bool:
    """(a10fix) Whether the drug ``name`` of a class intolerance ``m`` (a class name: any
    member of ``cls``) is continued, resumed, restarted, rechallenged or tolerated in the same
    or the next sentence: the drug the object of such a word (within three words after it) or
    the subject of its passive ("lisinopril was restarted"). (a10fix2) Only the same named
    drug (heparin-induced thrombocytopenia: heparin, never another heparin-group member), never
    a drug word inside the intolerance's own match ("Atorvastatin was stopped due to
    myalgias, now on rosuvastatin": atorvastatin is no object of "now on"), never a dose of
    the drug elsewhere in the note."""
    names = {name} if name in _CLASS_MEMBERS[cls] and not name.endswith("s") \
        else _CLASS_MEMBERS[cls]
    words = {n[:-1] if n.endswith("s") else n for n in names}  # "\w*" takes the plural
    drug = r"\b(?:" + "|".join(sorted((re.escape(w) for w in words), key=len,
                                       reverse=True)) + r")\w*"
    # the same and the next sentence (up to the second stop after the match)
    nxt = min([k for k in (text.find(c, stop + 1) for c in ".;\n") if k >= 0] or [len(text)])
    sent_start = max(text.rfind(c, 0, m.start()) for c in ".;\n") + 1
    after_cue = re.compile(r"(?:[ \t]+(?:the|her|his|their|a|an|him|them|with|on|at|to|patient|pt|"
                           r"home|prior|oral|iv|low-dose|low|dose|full-dose)){0,3}?[ \t]+(?P<d>"
                           + drug + ")", re.IGNORECASE)
    for g in _CLASS_GIVEN_AGAIN.finditer(text, sent_start, nxt + 1):
        d = after_cue.match(text, g.end(), nxt + 1)
        if d and not (m.start() <= d.start("d") < m.end()):
            return True
    for d in re.finditer(drug + _CLASS_GIVEN_AGAIN_PASSIVE, text[:nxt + 1], re.IGNORECASE):
        if d.start() >= sent_start and not (m.start() <= d.start() < m.end()):
            return True
    return False


#: each class reader with the words it cannot match without (lower case)
_CLASS_READERS = (
    (_INDUCED, ("induced",)),
    (_STOPPED_FOR, ("discontinued", "stopped", "d/c")),
    (_GETS_FROM, ("with", "from", "after", "due to")),
    (_ON_THEN_STOPPED, ("stopped", "discontinued", "d/c", "switched", "changed", "taken off")),
    (_SWITCHED_FROM, ("switched", "changed")),
)


def _class_intolerances(text: str) -> dict[int, Allergy]:
    """(allergy10) The intolerances of ``_INDUCED`` / ``_STOPPED_FOR`` / ``_GETS_FROM`` /
    ``_ON_THEN_STOPPED`` / ``_SWITCHED_FROM`` statements whose reaction is the drug class's
    own, by where the drug starts."""
    out: dict[int, Allergy] = {}
    low = text.lower()
    if not any(w in low for w in ("induced", "discontinued", "stopped", "d/c", "from", "with",
                                  "after", "due to", "switched", "changed", "taken off")):
        return out
    for rx, cues in _CLASS_READERS:
        # (speed) a reader runs only when its own cue word is in the note
        if not any(c in low for c in cues):
            continue
        for m in rx.finditer(text):
            found = _class_of(m.group("d"))
            if found is None:
                continue
            cls, written = found
            if not re.fullmatch(_CLASS_REACTIONS[cls], m.group("r"), re.IGNORECASE):
                continue  # a reaction of another class ("warfarin-induced bleed": none)
            sentence = text[max(text.rfind(c, 0, m.start()) for c in ".;\n") + 1:m.start()]
            if _CLASS_UNREAL.search(sentence) or _someone_else(text, m.start()):
                continue
            inner = m.group("d")
            start = m.start("d") + inner.rfind(written)
            # (a10fix) the cue words up to the drug's own start (the two-word drug group had
            # swallowed "without" of "without heparin-induced ..."), the rest of the sentence
            # after the match, the drug given again
            sentence = text[max(text.rfind(c, 0, start) for c in ".;\n") + 1:start]
            if _CLASS_UNREAL.search(sentence):
                continue
            stop = min([k for k in (text.find(c, m.end()) for c in ".;\n") if k >= 0]
                       or [len(text)])
            if _CLASS_UNREAL_AFTER.search(text, m.end(), stop):
                continue
            if _class_given_again(text, cls, substance_name(written), m, stop):
                continue
            if rx is _GETS_FROM and _TAKEN_ANYWAY.search(text[m.end():m.end() + 60]
                                                         .split(".")[0]):
                continue  # "gets myalgias from statins but continues them": taken
            out.setdefault(start, Allergy(substance=substance_name(written),
                                          reaction=_clean_reaction(m.group("r")),
                                          span=(start, start + len(written))))
    return out


_PRONOUNS = {"that", "this", "it", "them", "these", "those", "which", "any", "anything",
             "nothing"}
