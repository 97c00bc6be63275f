"""Allergy statements in prose (split out of ``allergies``; code moved unchanged).

``allergy_statements`` finds where a note says the patient is allergic, anywhere in it (the
span from the trigger to the clause end): "is allergic to", "has an intolerance to", "reaction
to" (``_PROSE``), the list after "no known allergies except ...", "<drug> allergy"
(``_NAMED``, with the allergens coordinated before it), "<drug> caused her ...", a drug
stopped for an allergic reaction, "a rash with <drug>", and the readers of
``allergy_classes``. A denial, a relative's allergy, a risk in brackets or an allergy only
tested for is no statement. ``allergen_spans`` adds a relative's allergy sentences and tested
runs: the drugs in them are allergens, never medications taken (read by the medication
reader).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from assistant.clinical.allergy_classes import (
    _cannot_prose,
    _class_intolerances,
)
from assistant.clinical.allergy_list import (
    _DOSE_LINE,
    _SIG_WORD,
    _header_line,
)
from assistant.clinical.allergy_names import (
    _ALLERGEN_SYNONYMS,
    _ALLERGY_WORD,
    _CLASS_WORD,
    _DRUG_CLASS,
    _OTHER_ALLERGEN,
    _TYLENOL_MASKED,
    _find_names,
    _mask_tylenol_number,
    known_allergen,
)
from assistant.clinical.allergy_nka import (
    _EXCEPT_KEY,
    _EXCEPTION,
    _NKA_NEAR,
    SPOKEN_EXCEPT_LOOSE,
    SPOKEN_EXCEPT_MED,
    SPOKEN_EXCEPTED,
)
from assistant.clinical.allergy_words import (
    _CAUSED_REACTION,
    _CLAUSE_END,
    _DENIAL_START,
    _DENIED,
    _ONLY,
    _REACTION_TERM,
    _SENTENCE_STOP,
    _TESTED_BEFORE,
    _TESTED_RUN,
    _UNREAL,
    _someone_else,
    test_confirmed,
)
from assistant.fold_re import folded
from assistant.spans import SpanSet

#: Prose that the patient is allergic to something, anywhere in a note; the list it names
#: runs to the clause end (``_CLAUSE_END``). ``a``: "allergic to" / "an allergy to" (any
#: substance); ``s``: intolerance or sensitivity (only a known drug, drug class or common
#: allergen: "sensitive to heat", a culture "sensitive to Bactrim" are not allergies). An
#: instruction ("list the patient as allergic to X") has no patient subject and no match.
#: How far a "Reaction to X" sentence is read for a word saying the drug was tolerated.
_TOLERANCE_REACH = 80
_PROSE = re.compile(
    r"\b(?:(?P<a>(?:(?:is|are|was|were|be|being|known\s+to\s+be|reports\s+being|reportedly|"
    # (allergy11) first / second person and contracted copulas of dialogue and patient
    # statements: "I'm allergic to sulfa", "i am allergic", "you're allergic to penicillin",
    # "she's allergic", and the common misspelling "looks like your allergic to sulfa"
    # ("your" only before "allergic ... to": "your allergic reaction" is no statement)
    # (a11fix) named ``c``: guarded by ``_spoken_doubt``; (a11fix2) any substance but a
    # figurative object (``_FIGURATIVE``)
    r"(?P<c>(?<![\w'\u2019])(?:i|you|we|she|he)\s*['\u2019](?:m|re|s)|(?<![\w'])i\s+am|"
    r"(?<![\w'])your(?=\s+(?:\w+\s+)?allergic\s+(?:\w+\s+)?to\b))|"
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
    # (allergy11) a reporting verb before the noun: "She reports sensitivity to latex",
    # "endorses intolerance to codeine" (as the "a" form's "reports / endorses allergy to")
    # (a person its subject: "The culture reports sensitivity to Bactrim" is a culture's)
    r"(?<![\w'])(?:she|he|i|the\s+patient|patient|pt)\s+(?:also\s+)?(?:reports?|reported|"
    r"endorses|endorsed|admits?(?:\s+to)?)|"
    # (allergy7) "Subsequently, he developed intolerance to lenalidomide"
    r"(?:(?:has|have|had)\s+)?develop(?:ed|s|ing)?)\s+(?:(?:an?|known|drug|medication)\s+)*"
    r"(?:intolerances?|sensitivit(?:y|ies)))\s+(?:to|of)"
    # "He does have significant allergies including ragweed", "allergies such as cats"
    r"|(?:has|have|had|with|known|her|his)\s+(?:(?:significant|multiple|several|many|"
    r"severe|environmental|seasonal|food|known)\s+)*allergies,?\s+(?:including|such\s+as|"
    r"to\s+include)"
    # (ext14b) the patient's reaction told as a verb: "he reacted to penicillin (with
    # hives)", "She has reacted badly to codeine" (a known allergen only, as the "s" forms;
    # no denial between: "has not reacted", "never reacted" do not match)
    r"|(?<![\w'])(?:she|he|i|the\s+patient|patient|pt)\s+(?:has\s+|had\s+)?(?:previously\s+|"
    r"once\s+|also\s+|reportedly\s+)?(?:reacted|reacts)\s+(?:badly\s+|poorly\s+|adversely\s+|"
    r"severely\s+)?to"
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
_PROSE_KEY = folded(re.compile(r"allerg|intoleran|sensitiv|react", re.IGNORECASE))


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
                # (toldfix) an item may carry a bracketed reaction ("2) ibuprofen (hives)
                # and 3) naproxen"): the list goes on past it
                m = re.compile(r"(?:[^\n.;()]|\([^()\n]{1,30}\)){1,80}?(?P<m>"
                               + _INLINE_MARKER.format(
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
    # (ext14b) a relative's own reaction with a drug ("Mother had hives with amoxicillin as
    # a child", "Her brother gets a rash from penicillin"): no allergy of the patient's, and
    # the drug no medication of the patient's either (the schema has no family allergies)
    spans += _relative_reaction_spans(text)
    # (review a8b) "Rule out penicillin and sulfa allergy": a run tested for, no allergy
    # read (``_COORDINATED_LEAD``), and none of its drugs a medication taken either
    spans += [(m.start("run"), m.end("run")) for m in _TESTED_RUN.finditer(text)]
    # (toldfix, lead decision) a drug mention told with a reaction that ``told_allergies``
    # records as an allergy / intolerance for that very mention ("penicillin gives her
    # hives"): the allergen, not a medication taken; only that mention, only when recorded
    from assistant.clinical.allergy_told import told_allergen_spans  # noqa: PLC0415 (cycle)

    spans += told_allergen_spans(text)
    return spans


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


#: (a11fix) Before a spoken copula ("I'm / you're / she's / he's / we're / i am / your
#: allergic to"), in its clause: a hypothetical or a doubt ("If you're allergic to
#: penicillin, we can use azithromycin", "let me know if", "in case", "whether", "I don't
#: think", "not sure"): no allergy told as a fact. (a11fix2, re-review) its clause only
#: (``_CLAUSE_CUT``: "If I'm not mistaken, I'm allergic to codeine", "Maybe it's the pollen,
#: but I'm definitely allergic" are allergies), and not a bare "I think" ("I think I'm
#: allergic to sulfa" is told as the patient's allergy: a questioned allergy is one, as the
#: "probably allergic" form); another's belief ("She thinks she's allergic to penicillin but
#: she has taken amoxicillin") still is a doubt.
_SPOKEN_UNREAL = re.compile(
    r"\b(?:if|whether|unless|in\s+case|suppose|supposing|assuming|what\s+if|"
    r"(?:don'?t|do\s+n'?t|do\s+not|doesn'?t|does\s+n'?t|does\s+not|didn'?t|did\s+not)\s+"
    r"(?:think|know|believe)|not\s+sure|unsure|thinks|wonder\w*|maybe|perhaps|"
    # a question's hedge in the clause ("any chance you're allergic to latex ?")
    r"find\s+out|(?:any|a|some)\s+chance|is\s+it\s+possible)\b", re.IGNORECASE)
#: (a11fix2) Where a clause before the copula ends: "but", a comma, a semicolon.
_CLAUSE_CUT = re.compile(r"[,;]|\bbut\b", re.IGNORECASE)
#: A speaker tag of a transcript ("[patient]", "Doctor:", "Patient:"): a new turn.
_TURN = re.compile(r"\[(?:patient|doctor|nurse|pt|dr|provider|clinician|mother|father|"
                   r"parent|caregiver|speaker\w*)\]|\b(?:patient|doctor|nurse|dr|provider|"
                   r"mother|father|parent|caregiver)\s*:", re.IGNORECASE)
#: The next turn correcting the person: "No, that's my sister", "no , that was my husband".
_CORRECTED = re.compile(
    r"^\W*(?:no|nope|nah|not\s+me)\b[^.?!]{0,40}?\b(?:that'?s|that\s+'s|that\s+was|it'?s|"
    r"it\s+'s|it\s+was)\s+(?:my|her|his)\b", re.IGNORECASE)
#: (a11fix2, re-review) A relative (``allergy_words._RELATIVE``, offspring) named as the
#: subject of a third-person spoken copula, right before it in its clause: "my husband
#: he's allergic to penicillin". A relative in the turn or sentence before ("[doctor] does
#: your son have any allergies ? [patient] yes , he 's allergic") or after ("..., her mom
#: told me") and a speaker tag ("[mother] she 's allergic") name no other person with the
#: allergy: the patient's (a missed allergy is the worse error).
_OTHER_SUBJECT = re.compile(
    r"\b(?:(?:my|her|his|our|their|the)\s+)?(?:mother|father|mom|dad|mum|sister|brother|son|"
    r"daughter|wife|husband|spouse|partner|boyfriend|girlfriend|fianc\w*|sibling|"
    r"grand\w*|aunt|uncle|cousin|roommate|friend|niece|nephew|coworker|neighbou?r)"
    r"\s*,?\s*$", re.IGNORECASE)
#: (a11fix2, re-review) After a spoken copula: a figurative object, no substance ("I'm
#: allergic to my job / mornings / exercise / the idea of surgery"); any other object is
#: read as the allergen (misspelt drugs and foods too: "I'm allergic to penicilin /
#: Bactrum / walnut / kiwi"), as the written "She is allergic to walnuts" form is; a
#: question word ("You're allergic to what exactly?") none either.
_FIGURATIVE = re.compile(
    r"\s*(?:(?:my|your|his|her|our|their)\s+(?:own\s+)?(?:job|jobs|boss|bosses|work|kids?|"
    r"children|wife|husband|family|in-?laws?|mother-?in-?law|father-?in-?law|teachers?|"
    r"life|ex|boyfriend|girlfriend|partner|spouse|brother|sister|mom|dad|mother|father|"
    r"parents?|homework|chores|housework|school|class|coworkers?|neighbou?rs?|roommates?)|"
    r"(?:the\s+)?idea\s+of|(?:the\s+)?(?:mornings?|mondays?|weekends?|early\s+mornings?)|"
    r"(?:exercise|exercising|work|working|school|homework|housework|chores|studying|"
    r"running|the\s+gym|cleaning|cooking)|"
    # a question's object, no substance: "You're allergic to what exactly?", "you're
    # allergic to anything else?"
    r"(?:what|which|anything|something)(?!\w))\b", re.IGNORECASE)


def _spoken_doubt(text: str, start: int, end: int) -> bool:
    """(a11fix) Whether the spoken copula ``text[start:end]`` ("I'm / you're / she's / he's /
    we're / i am / your allergic to") states no allergy of the patient as a fact: a
    hypothetical or doubt before it in its clause, the next turn saying it was someone else
    ("No, that's my sister"), or, for she's / he's, a relative its subject ("my husband
    he's allergic"). (a11fix2, re-review) A "?" ending its sentence ("You're allergic to
    penicillin, right? Patient: Yes.") no longer hides it, nor does a relative named in
    another clause or turn; "definitely allergic" is told as a fact."""
    window = text[max(0, start - 200):start]
    cut = max(window.rfind(c) for c in ".;!?\n")
    tags = list(_TURN.finditer(window))
    tag = tags[-1] if tags else None
    if tag is not None and tag.end() > cut + 1:
        cut = tag.end() - 1
    sentence_before = window[cut + 1:]
    cuts = list(_CLAUSE_CUT.finditer(sentence_before))
    clause_before = sentence_before[cuts[-1].end():] if cuts else sentence_before
    copula = text[start:end].lower()
    if "definitely" not in copula and _SPOKEN_UNREAL.search(clause_before):
        return True
    rest = text[end:end + 200]
    stop = re.search(r"[.!?\n]|(?=\[(?:patient|doctor)\])|\b(?:patient|doctor)\s*:", rest,
                     re.IGNORECASE)
    after_turn = rest[stop.end() if stop else len(rest):]
    after_turn = _TURN.sub(" ", after_turn, count=1)
    if _CORRECTED.match(after_turn):
        return True
    who = copula.lstrip()
    return who[:2] in ("sh", "he") and bool(_OTHER_SUBJECT.search(sentence_before))


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
        spoken = m.group("c") is not None
        if spoken and (_spoken_doubt(text, m.start("c"), m.end())
                       or _FIGURATIVE.match(text, m.end())):
            continue  # (a11fix) "If you're allergic to penicillin, ...", "... to my job"
        window = text[m.end():m.end() + 150]
        cut = _CLAUSE_END.search(window)
        out.append((m.start(), m.end() + _clause_len(window, cut,
                                                      _bracket_open_before(text, m.start())),
                    m.group("a") is not None and m.group("inc") is None))
    out += _except_statements(text, out)
    out += _spoken_except_statements(text, out)
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


_FILLER = re.compile(r"(?:\s|,|\b(?:um+|uh+|er+|erm|like|well|oh|so)\b)*", re.IGNORECASE)


def _first_item_len(window: str, clause_len: int) -> int:
    """Length of the first item after a spoken exception: up to the first comma / stop after
    its first word that is not a filler ("except for, um, sulfa" -> "um, sulfa"), within the
    clause."""
    lead = _FILLER.match(window)
    start = lead.end() if lead else 0
    stop = re.compile(r"[,;.!?\n]").search(window, start)
    return min(clause_len, stop.start() if stop else clause_len)


def _spoken_except_statements(text: str, found: list[tuple[int, int, bool]]
                              ) -> list[tuple[int, int, bool]]:
    """(a11fix2, re-review) The words after a spoken NKA's exception ("I'm not allergic to
    anything but penicillin", "I'm allergic to nothing but shellfish"), from the first word
    to the clause end: known allergens only (as ``_except_statements``); the drug named is
    the allergen, never a medication taken."""
    out: list[tuple[int, int, bool]] = []
    if "allergic" not in text.lower():
        return out
    for m in SPOKEN_EXCEPTED.finditer(text):
        if any(a <= m.end() < b for a, b, _ in found) or _someone_else(text, m.start()):
            continue
        window = text[m.end():m.end() + 150]
        cut = _CLAUSE_END.search(window)
        clause_len = _clause_len(window, cut, False)
        # (second re-review) a medication taken, not an allergy ("..., only metformin for
        # diabetes", "just Tylenol for pain"): the loose words read their whole sentence
        stop = re.search(r"[.!?;\n\[]", window)
        sentence = window[:stop.start() if stop else len(window)]
        loose = SPOKEN_EXCEPT_LOOSE.search(m.group(0)) is not None
        # the others read only up to the first comma ("except penicillin, I take amoxicillin
        # instead" keeps the penicillin allergy)
        item_len = _first_item_len(window, clause_len)
        if SPOKEN_EXCEPT_MED.search(sentence if loose else window[:item_len]):
            continue
        # the statement is the excepted item only: a drug taken after its comma stays a
        # medication ("except penicillin, I take amoxicillin instead")
        out.append((m.end(), m.end() + item_len, False))
    return out


#: "<allergen> allergy": the allergen named before the allergy word ("Penicillin allergy.",
#: "History of penicillin allergy", "PCN allergy - hives"): up to two words before it.
#: (allergy5) A drug ending the line above an "Allergies:" header is no allergen; (fix2) any
#: other line break between them is prose wrapped ("Patient has penicillin\nallergy.").
_NAMED = re.compile(r"(?P<d>(?:[A-Za-z][\w-]*[ \t]+)?[A-Za-z][\w-]*)(?P<gap>(?=\s)[ \t]*\n?[ \t]*)"
                    r"(?:allerg(?:y|ies)|"
                    r"intolerance)\b(?!\s+(?:to|of|test\w*|skin|evaluation|work-?up|de-?label\w*)\b)",
                    re.IGNORECASE)

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
#: (ext14b) after a reporter's lead ("Per chart, rash with Bactrim.", "Per mother, hives
#: with amoxicillin."): the statement starts at the reaction (``s``)
_REPORTER_LEAD = (r"(?:(?:per|according\s+to)\s+(?:(?:her|his|their|the|pt'?s|patient'?s)\s+)?"
                  r"(?:chart|records?|mother|mom|father|dad|parents?|wife|husband|spouse|"
                  r"caregivers?|guardian|family|daughter|son)\s*,\s*)?")
_REACTION_SENTENCE = folded(re.compile(
    rf"(?:^|(?<=[.;\n])|(?<=[.;\n]\s)|(?<=[.;\n]\s\s))[ \t]*{_REPORTER_LEAD}"
    rf"(?P<s>(?:{_REACTION_TERM.pattern})\s+"
    r"(?:with|from|to|after)\s+(?P<d>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?))\s*(?=[.;\n]|$)",
    re.IGNORECASE | re.MULTILINE))


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
        if allergen(m.group("d")) and free(m.start("s"), m.end()) and not _someone_else(
                text, m.start("s")):
            out.append((m.start("s"), m.end(), False))
            taken.add(m.start("s"), m.end())
    # (extfix14a) the same with allergens coordinated ("Anaphylaxis to peanuts and
    # penicillin."): the items up to the first that is no known allergen or is a rescue
    # drug (``_rescue_drug``: "Hives with amoxicillin and prednisone.")
    for m in _REACTION_SENTENCE_CO.finditer(text):
        items = [(m.start("d"), m.end("d"))] + [
            (i.start("d"), i.end("d")) for i in _CO_ITEM.finditer(m.group("more"))]
        items = [(a if k == 0 else m.start("more") + a, b if k == 0 else m.start("more") + b)
                 for k, (a, b) in enumerate(items)]
        ok = 0  # the items up to the first that is no allergen or a rescue drug
        while ok < len(items) and allergen(text[items[ok][0]:items[ok][1]]) and \
                not _rescue_drug(text[items[ok][0]:items[ok][1]]):
            ok += 1
        items = items[:ok]
        if not items:
            continue
        if not free(m.start("s"), m.end()) or _someone_else(text, m.start("s")):
            continue
        out.append((m.start("s"), items[0][1], False))
        out.extend((a, b, False) for a, b in items[1:])
        taken.add(m.start("s"), m.end())
    return out


#: (extfix14a) one coordinated item after the first ("and penicillin", ", sulfa")
_CO_ITEM = re.compile(r"(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
                      r"(?P<d>[A-Za-z][\w-]*)", re.IGNORECASE)
_REACTION_SENTENCE_CO = folded(re.compile(
    rf"(?:^|(?<=[.;\n])|(?<=[.;\n]\s)|(?<=[.;\n]\s\s))[ \t]*{_REPORTER_LEAD}"
    rf"(?P<s>(?:{_REACTION_TERM.pattern})\s+"
    r"(?:with|from|to|after)\s+(?P<d>[A-Za-z][\w-]*))"
    r"(?P<more>(?:(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
    r"[A-Za-z][\w-]*){1,12})\s*(?=[.;\n]|$)",
    re.IGNORECASE | re.MULTILINE))


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
          r"pruritus|(?:lip|facial|throat|tongue)\s+swelling|"
          # (ext14b) angioedema told by its site ("swelling of the lips with lisinopril"),
          # and a bare "swelling" (read only after a past verb: ``_PAST_EVENT``)
          r"swelling(?:\s+of\s+(?:the\s+|her\s+|his\s+)?(?:lips?|face|tongue|throat|mouth|"
          r"eyes?|eyelids?))?")
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
    r"reports?|reported|experienc(?:es|ed)|"
    # (ext14b) the reaction noted or told by a reporter: "Mother notes hives with
    # amoxicillin", "describes a rash after Bactrim", "recalls swelling with lisinopril"
    r"notes?|noted|notices?|noticed|describes?|described|mentions?|mentioned|endorses|"
    r"endorsed|recalls?|recalled|states?|stated)\s+"
    r"(?:(?:a|an|some|severe|bad|generali[sz]ed|itchy|red)\s+)*"
    + _REACTION_WITH_TAIL, re.IGNORECASE)
#: (ext14b) a bare "swelling" is a drug's reaction only as a past event ("she had swelling
#: with lisinopril"); "has swelling with amlodipine" may be an effect taken through
_PAST_EVENT = re.compile(r"(?:got|had|developed|experienced|broke\s+out\s+in|reported|noted|"
                         r"noticed|described|mentioned|recalled|endorsed|stated)\b", re.IGNORECASE)
#: The same from the sign on: where ``find_prose_allergies`` reads such a statement.
_REACTION_WITH_AT = re.compile(_REACTION_WITH_TAIL, re.IGNORECASE)
#: "never had a rash with penicillin": a denial before the verb
_NEVER = re.compile(r"\b(?:never|no|not|denies|denied|without)\b[^.;,\n]*$", re.IGNORECASE)


def _reaction_with_matches(text: str) -> Iterator[re.Match[str]]:
    """Each "<allergic sign> with/after/from/to <words>" (``_REACTION_WITH``) found around an
    allergic sign word, in text order and not overlapping (the sign inside its reaction)."""
    last = 0
    for w in _ALLERGIC_SIGN.finditer(text):
        if w.start() < last:
            continue
        m = _REACTION_WITH.search(text, max(last, w.start() - 40), w.end() + 90)
        if m is None or not m.start("r") <= w.start() < m.end("r"):
            continue
        last = m.end()
        yield m


def _reaction_with_statements(text: str, found: list[tuple[int, int, bool]]
                              ) -> list[tuple[int, int, bool]]:
    """Statements "(gets) <allergic sign> with/after/from <allergen>": from the sign to the
    allergen's words (the longest known allergen of the one or two words after it)."""
    out: list[tuple[int, int, bool]] = []
    for m in _reaction_with_matches(text):
        words = m.group("d").split()
        # (ext14b) never a conjunction as the allergen's last word ("anaphylaxis to peanuts
        # and penicillin" read "peanuts and"): the coordinated run is read below
        names = [" ".join(words[:k]) for k in range(len(words), 0, -1)
                 if words[k - 1].lower() not in ("and", "or", "&")]
        known = next((n for n in names if known_allergen(n)), None)
        if known is None or _NEVER.search(text[max(0, m.start() - 40):m.start()]) \
                or _someone_else(text, m.start()):
            continue
        if m.group("r").lower() == "swelling" and not _PAST_EVENT.match(m.group(0)):
            continue  # (ext14b) "has swelling with amlodipine": no past reaction told
        if m.group("r").lower() == "swelling" and not _ace_inhibitor(known):
            continue  # (extfix14a) a bare swelling: angioedema only with an ACE inhibitor
        start = m.start("d")
        if _not_an_allergy(text, m.start(), start, start + len(known), known):
            continue
        if not any(a <= start < b for a, b, _ in [*found, *out]):
            out.append((m.start("r"), start + len(known), False))
            # (ext14b) the allergens coordinated after it ("anaphylaxis to peanuts and
            # penicillin", "hives with amoxicillin or cephalexin"): each a statement of its
            # own words (a known allergen only; the run ends at the first word that is none)
            pos = start + len(known)
            # (extfix14a) where the clause goes on to a treatment ("... and cephalexin,
            # and Benadryl was given"), a comma ends the run (the words after it are what
            # was given); a rescue drug (``_rescue_drug``) or a verb right after an item
            # ends it too; at most ``_COORDINATED_MAX`` items (each is checked against every
            # drug of the note)
            clause = _SENTENCE_STOP.search(text, pos)
            treated = _TREATMENT_VERB.search(text, pos, clause.start() if clause else len(text))
            for _ in range(_COORDINATED_MAX):
                co = _COORDINATED_AFTER.match(text, pos)
                if co is None or (treated and "," in text[pos:co.start("d")]):
                    break
                more = next((w for w in (" ".join(co.group("d").split()[:k]) for k in (2, 1))
                             if w and known_allergen(w)), None)
                if more is None or not _COORDINATED_END.match(text, co.start("d") + len(more)) \
                        or _rescue_drug(more) \
                        or _not_an_allergy(text, m.start(), co.start("d"),
                                                   co.start("d") + len(more), more):
                    break
                out.append((co.start("d"), co.start("d") + len(more), False))
                pos = co.start("d") + len(more)
    return out


#: (ext14b) what may follow a coordinated allergen: the clause's end or the next item
#: (never a dose or a verb: "..., and lisinopril 10 mg daily was continued"); (extfix14a)
#: nor a parenthesis, unless a name closing the clause ("and cephalexin (Keflex) was
#: prescribed instead" is a treatment; "hives with amoxicillin and cephalexin (Keflex)." not)
_COORDINATED_END = re.compile(r"[ \t]*(?:\([A-Za-z][\w -]{0,30}\)[ \t]*(?=[.;,\n!?]|$))?"
                              r"(?:[.;,)\n!?]|$|(?:and|or|&)\b)", re.IGNORECASE)
#: (extfix14a) the most items read after the first allergen (each item is checked against
#: every drug named in the note: an unbounded run was quadratic)
_COORDINATED_MAX = 12
#: (extfix14a) a treatment verb later in the clause: the coordinated words are what was
#: given, not more allergens ("and epinephrine was given", "and Keflex was substituted")
_TREATMENT_VERB = re.compile(
    r"\b(?:was|were|is|are|been|being)[ \t]+(?:then[ \t]+|subsequently[ \t]+|also[ \t]+)?"
    r"(?:given|prescribed|administered|substituted|started|used|tried|switched|ordered|"
    r"continued|injected|provided|recommended|added|chosen|changed)\b", re.IGNORECASE)
#: (extfix14a) rescue treatment of an allergic reaction, never a co-allergen of a
#: coordinated run: adrenaline (WHO ATC C01CA24), systemic antihistamines (R06), systemic
#: corticosteroids (H02), H2-receptor antagonists (A02BA); generic names as the drug lexicon
#: resolves them
_RESCUE_GENERICS = frozenset({
    "epinephrine", "adrenaline",
    "diphenhydramine", "hydroxyzine", "cetirizine", "levocetirizine", "loratadine",
    "desloratadine", "fexofenadine", "chlorpheniramine", "chlorphenamine", "promethazine",
    "cyproheptadine", "brompheniramine", "clemastine", "doxylamine", "meclizine",
    "prednisone", "prednisolone", "methylprednisolone", "dexamethasone", "hydrocortisone",
    "betamethasone", "triamcinolone",
    "famotidine", "ranitidine", "cimetidine", "nizatidine"})


def _rescue_drug(name: str) -> bool:
    """(extfix14a) Whether ``name`` is a rescue drug of an allergic reaction
    (``_RESCUE_GENERICS``: by its generic name, "Benadryl" as diphenhydramine)."""
    names = _find_names(name)
    generic = (names[0].name if names else name).lower()
    return generic in _RESCUE_GENERICS or name.lower() in _RESCUE_GENERICS


def _ace_inhibitor(name: str) -> bool:
    """(extfix14a) Whether ``name`` is an ACE inhibitor (WHO ATC C09A / C09B: the "-pril"
    generics), whose swelling told bare is angioedema (BNF, ACE inhibitors: angioedema);
    a calcium-channel blocker's ankle oedema (NICE CG127 / BNF side effects) is dose-related,
    no hypersensitivity."""
    names = _find_names(name)
    generic = (names[0].name if names else name).lower()
    return bool(re.fullmatch(r"[a-z]+pril", generic))
_COORDINATED_AFTER = re.compile(r"[ \t]*(?:,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
                                r"(?P<d>[A-Za-z][\w-]*(?:[ \t]+[A-Za-z][\w-]*)?)", re.IGNORECASE)


def _relative_reaction_spans(text: str) -> list[tuple[int, int]]:
    """(ext14b) The spans of "<verb> <allergic sign> with/after/from/to <allergen>" whose
    subject is a relative (``_someone_else``: "Mother had a rash with penicillin"; a
    relative who only reports is none, ``allergy_words._REPORTER``), from the sign to the
    allergen's words."""
    out: list[tuple[int, int]] = []
    for m in _reaction_with_matches(text):
        words = m.group("d").split()
        known = next((n for n in (" ".join(words[:k]) for k in range(len(words), 0, -1))
                      if known_allergen(n)), None)
        if known is not None and _someone_else(text, m.start()) and not _NEVER.search(
                text[max(0, m.start() - 40):m.start()]):
            out.append((m.start("r"), m.start("d") + len(known)))
    # "His brother broke out from amoxicillin": the eruption without a sign word
    for m in _BROKE_OUT_FROM.finditer(text):
        words = m.group("d").split()
        known = next((n for n in (" ".join(words[:k]) for k in range(len(words), 0, -1))
                      if known_allergen(n)), None)
        if known is not None and _someone_else(text, m.start()):
            out.append((m.start(), m.start("d") + len(known)))
    return out


_BROKE_OUT_FROM = re.compile(r"\b(?:broke|breaks|break)\s+out(?:\s+(?:in|with)\s+(?:an?\s+)?"
                             r"(?:" + _SIGNS + r"))?\s+(?:from|with|after|to)\s+"
                             r"(?:(?:the|taking)\s+)?(?P<d>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)",
                             re.IGNORECASE)


#: (review 5) Where the drug of "rash with X" was put, not what it did: "rash to the
#: prednisone injection site", "itching with the hydrocortisone cream applied".
_SITE_AFTER = re.compile(r"\s+(?:(?:cream|ointment|gel|lotion|patch|injection|infusion|iv)\s+)*"
                         r"(?:(?:was\s+|is\s+)?applied|application|site|area)\b", re.IGNORECASE)

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
