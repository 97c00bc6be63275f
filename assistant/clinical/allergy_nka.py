"""No known allergies: the wording that says the patient has none ("NKDA", "no known drug
allergies", "ALLERGIES: None.", "denies drug allergies") and its exceptions ("NKDA except
penicillin", "No known allergies, but sulfa causes hives"), which list an allergen and say
no NKA (split out of ``allergies``; code moved unchanged).

``nka_in`` / ``nka_stated`` answer the record's ``no_known_allergies`` (a denied history
list counts only as the patient's own: not in a family history or a review of systems);
``_NONE``, ``_UNKNOWN`` and ``_PENDING`` are the list bodies that name no allergen;
``_EXCEPTION`` / ``_LIST_EXCEPTION`` / ``_NONE_EXCEPT`` mark where the list after an
exception starts (read by the list reader and the prose statements).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.clinical.allergy_words import (
    _GETS_LEAD,
    _REACTION_WORDS,
    _SUBJECT,
    _someone_else,
)
from assistant.fold_re import folded

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

#: (issue 16 metamorphic test) after a list number too: "ALLERGIES:\n1. No known drug
#: allergies." read "no known drug" as the allergen
_NONE = re.compile(r"^\W*(?:\d{1,2}[.)]\W*)?(?:to\s+(?:medicines|medications|drugs)\s+(?:are\s+|is\s+)?(?=none))?"
                   # (extfix13a) who tells it first: "Allergies: Per parents, none known."
                   r"(?:(?:per|according\s+to)\s+(?:(?:the|his|her|their)\s+)?(?:patient|pt|"
                   r"parents?|mother|father|mom|dad|family|caregiver|guardian|wife|husband|"
                   r"spouse)\s*,?\s*)?"
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
                           # (a11fix) spoken: "She's allergic to nothing", "I'm not really
                           # allergic to anything", "I'm allergic to nothing that I know of",
                           # "I'm allergic to no medications" (guarded in ``nka_stated``)
                           r"(?P<sp>(?:i\s*['\u2019]\s*m|i\s+am|(?:she|he)\s*['\u2019]\s*s|"
                           r"(?:she|he)\s+is)\s+(?:not\s+(?:really\s+|actually\s+)?allergic\s+"
                           r"to\s+anything|allergic\s+to\s+(?:nothing|no\s+(?:known\s+)?"
                           r"(?:medications?|medicines?|drugs?))))|"
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
                           r"\A\W*"
                           # (extfix13a) who tells it first: "Allergies: Per parents, none
                           # known." (a reporter, no allergen)
                           r"(?:(?:per|according\s+to)\s+(?:(?:the|his|her|their)\s+)?(?:patient|"
                           r"pt|parents?|mother|father|mom|dad|family|caregiver|guardian|wife|"
                           r"husband|spouse)\W*)?"
                           r"(?:none(?:\s+(?:known|reported|by\s+history))?|denie[sd])"
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


#: (a11fix) Before a spoken NKA in its sentence (or turn): a hypothetical or hedge ("if",
#: "I don't think", "not sure"); after it, a question ("..., right?")
_SPOKEN_NKA_DOUBT = re.compile(r"\b(?:if|whether|unless|in\s+case|don'?t\s+think|do\s+n'?t\s+"
                               r"think|do\s+not\s+think|not\s+sure|unsure|maybe|perhaps)\b",
                               re.IGNORECASE)


def _spoken_nka_doubt(text: str, start: int, end: int) -> bool:
    """(a11fix) Whether a spoken NKA ("I'm not allergic to anything") is hedged, asked or
    someone else's (a relative the sentence's last person)."""
    window = text[max(0, start - 150):start]
    cut = max(window.rfind(c) for c in ".;!?\n]:")
    if _SPOKEN_NKA_DOUBT.search(window[cut + 1:]) or _someone_else(text, start):
        return True
    stop = re.search(r"[.;!?\n\[]", text[end:end + 80])
    return bool(stop and stop.group(0) == "?")


#: (a11fix2, re-review) A spoken NKA with its exception: "I'm not allergic to anything but
#: penicillin", "I'm allergic to nothing but shellfish", "She is not allergic to anything
#: except penicillin", "..., just penicillin", "... anything. Oh wait, penicillin." The
#: words after it name the allergy (``allergy_statements``): no NKA.
SPOKEN_EXCEPTED = re.compile(
    r"(?<![\w'])(?:i\s*['\u2019]\s*m|i\s+am|(?:she|he)\s*['\u2019]\s*s|(?:she|he)\s+is|"
    r"(?:you|we)\s*['\u2019]\s*re|(?:you|we)\s+are)\s+"
    r"(?:not\s+(?:really\s+|actually\s+)?allergic\s+to\s+(?:anything|any\s+(?:known\s+)?"
    r"(?:medications?|medicines?|drugs?))|allergic\s+to\s+(?:nothing|no\s+(?:known\s+)?"
    r"(?:medications?|medicines?|drugs?)))"
    r"(?:\s+(?:that\s+(?:i|we|she|he|they)\s+(?:know|knows)\s+of|that\s+(?:i'?m|i\s+am|we'?re|"
    r"we\s+are|she'?s|she\s+is|he'?s|he\s+is)\s+aware\s+of|at\s+all))?\s*(?:[,.;!]\s*)?"
    r"(?:(?:except|excepting|excluding)(?:\s+for)?|but(?:\s+for)?|besides|other\s+than|apart\s+from|"
    r"aside\s+from|save\s+for|only|just|well\s*,|oh\s+wait|wait|actually)"
    # a clause of its own after it ("... nothing but I get hives from sulfa"): the other
    # readers read it (no list here)
    r"(?![\s,]*(?:i|i'?m|she|he|they|we|you|it|there|that|this|my|her|his)\b)\s*,?\s*"
    r"(?:(?:to|maybe|probably|i'?m\s+allergic\s+to)\s+)?", re.IGNORECASE)
#: (a11fix2) an exception word in the spoken NKA's sentence, or opening a later sentence of
#: its turn ("I'm not allergic to anything. Oh wait, penicillin gives me hives.")
_SPOKEN_EXCEPT_IN = re.compile(r"\b(?:except|excepting|excluding|but|besides|other\s+than|apart\s+from|"
                               r"aside\s+from|save\s+for|only|just)\b|\bwell\s*,", re.IGNORECASE)
_SPOKEN_EXCEPT_NEXT = re.compile(r"[.!;]\s*(?:oh\s*,?\s+)?(?:wait|well|actually|except|but|"
                                 r"only|just|besides)\b", re.IGNORECASE)


#: (second re-review) What makes the words after a spoken NKA's exception a medication taken,
#: not an allergy: "I'm not allergic to anything, only metformin for diabetes", "..., just
#: Tylenol for pain", "..., well, metformin I take daily", "... but metformin is my only
#: medication" (a dose, a schedule, a reason "for ...", a taking verb, a medication noun).
#: Read in the exception's whole sentence for the loose words (only / just / well / actually /
#: wait), in its clause for the others ("except penicillin, I take amoxicillin instead" keeps
#: the penicillin allergy).
SPOKEN_EXCEPT_MED = re.compile(
    r"\b(?:\d+(?:\.\d+)?\s*(?:mg|mcg|g|units?|ml)\b|daily|a\s+day|twice|three\s+times|"
    r"every\s+(?:day|morning|night|evening)|at\s+night|in\s+the\s+morning|for\s+(?!sure\b)\w+|"
    r"take|takes|taking|took|i'?m\s+on|i\s+am\s+on|(?:she|he)'?s\s+on|use|uses|using|"
    r"medications?|medicines?|meds|pills?|tablets?|prescri\w+|inhaler|injections?)\b",
    re.IGNORECASE)
#: the loose exception words (see ``SPOKEN_EXCEPT_MED``)
SPOKEN_EXCEPT_LOOSE = re.compile(r"\b(?:only|just|well|actually|wait)\b", re.IGNORECASE)


def _spoken_excepted(text: str, end: int) -> bool:
    """(a11fix2) Whether the spoken NKA ending at ``end`` goes on, in its sentence or turn,
    with an exception word (no NKA: the allergy it names is the worse error to lose)."""
    rest = text[end:end + 200]
    turn = re.search(r"\n|\[|\b(?:patient|doctor|nurse|mother|father)\s*:", rest, re.IGNORECASE)
    rest = rest[:turn.start() if turn else len(rest)]
    stop = re.search(r"[.!?;]", rest)
    sentence = rest[:stop.start() if stop else len(rest)]
    return bool(_SPOKEN_EXCEPT_IN.search(sentence) or _SPOKEN_EXCEPT_NEXT.search(rest))


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
        if m.group("sp") is not None and (_spoken_nka_doubt(text, m.start(), m.end())
                                          or _spoken_excepted(text, m.end())):
            continue  # (a11fix2) "I'm not allergic to anything but penicillin": no NKA
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
