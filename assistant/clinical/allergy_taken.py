"""What an allergy list says the patient takes (issue 16): "Ibuprofen makes her stomach hurt,
so she uses Tylenol" names ibuprofen as the allergen and Tylenol as a drug taken instead, a
medication, never an allergen. One clause form, read by the allergy list reader (the clause
is skipped, the items after it still read) and by the medication reader (the drug in it is a
medication taken). A clause whose drug is followed by a reaction ("She takes penicillin and
gets hives") tells an allergy, not a drug taken (review of issue 16).
"""

from __future__ import annotations

import re

#: The clause: an optional joining word ("so", "and", "instead", "therefore"), the patient as
#: its subject (or none: "so uses Tylenol"), adverbs, a verb of taking.
_TAKEN_LEAD = (r"(?:(?:so|and|therefore|thus|hence|instead|which\s+is\s+why)\s*,?\s+)*"
               r"(?:(?:she|he|they|the\s+patient|patient|pt)\s+)?"
               r"(?:(?:now|still|only|instead|just|usually|generally|typically|currently|does|do|"
               r"can|will|has\s+to|therefore|so)\s+)*"
               r"(?:takes|uses|is\s+(?:taking|using|on)|tolerates|prefers|switched\s+to|"
               r"substitutes)\b")
#: an allergy-list item that is such a clause (it opens the item)
_TAKEN_ITEM = re.compile(r"\s*" + _TAKEN_LEAD, re.IGNORECASE)
#: the clause right before a drug, from the item's start (a comma, ";", "(" or the line start)
_TAKEN_BEFORE = re.compile(r"(?:^|[,;(]|\.\s)\s*" + _TAKEN_LEAD
                           + r"\s+(?:(?:her|his|their|the|some|plain|regular|over-the-counter|"
                             r"otc)\s+)?$", re.IGNORECASE | re.MULTILINE)
#: (review of issue 16) a reaction told right after the drug the clause names ("takes
#: penicillin and gets hives", "uses codeine, which causes itching", "takes aspirin and it
#: makes her wheeze"): the drug is an allergen, the clause no drug taken. At most two words
#: of the drug, then the reaction verb (only "and", a comma, "which/that/it/she/he" between).
#: the drug's words: one or two, and a strength a product is named by ("Tylenol #3")
_DRUG_WORDS = (r"\s*[A-Za-z][\w-]*(?:[ \t]+[A-Za-z][\w-]*)?"
               r"(?:[ \t]*(?:#[ \t]?\d+|no\.?[ \t]?\d+\b))?")
_REACTION_FOLLOWS = re.compile(
    _DRUG_WORDS + r"[ \t]*,?[ \t]*(?:and[ \t]+)?"
    r"(?:(?:which|that|it|this|she|he|they|then|always|also)[ \t]+)*"
    r"(?:gets?|got|getting|causes?|caused|causing|makes?|made|gives?|gave|develops?|developed|"
    r"break(?:s)?[ \t]+out|broke[ \t]+out|results?[ \t]+in|resulted[ \t]+in|reacts?|reacted|"
    r"itches|swells|vomits)\b"
    # ... a benefit is no reaction ("takes Tylenol and gets good relief", "makes her feel better")
    # (re-review) nor a reaction denied ("gets no reaction", "gets no side effects", "gets
    # good pain relief")
    r"(?![ \t]+(?:(?:her|him|them|me)[ \t]+)?(?:no|none|nothing|not|never|without)\b)"
    r"(?![ \t]+(?:(?:her|him|them|me)[ \t]+)?(?:(?:good|some|great|adequate|excellent|much|"
    r"feel|pain|symptom|symptomatic|significant)[ \t]+){0,2}(?:relief|benefit|better|help|"
    r"improvement|results?|control|fine|well)\b)",
    re.IGNORECASE)
#: (re-review of issue 16) a reaction said with "has/had/with" after the drug ("She takes aspirin
#: and has GI bleeding"): a reaction term must follow (see `_has_reaction`)
_HAS_AFTER = re.compile(
    _DRUG_WORDS + r"[ \t]*,?[ \t]*(?:and[ \t]+)?(?:(?:she|he|they|then|always|also)[ \t]+)*"
    # (review of the has-rule) not "with": "with bleeding precautions", "metformin with
    # diarrhea occasionally" tell an expected effect, not an allergy
    r"(?:ha(?:s|ve)[ \t]+had|has|have|having|had)[ \t]+(?:an?[ \t]+|some[ \t]+)?",
    re.IGNORECASE)
#: ... nor a reaction denied before its term ("has no rash"), nor with these words in its
#: clause before any "but" ("has a bleeding disorder", "bleeding precautions")
_HAS_DENIED = re.compile(r"\b(?:no|not|never|denie[sd]|denying)\b|n't\b", re.IGNORECASE)
_HAS_NOT_REACTION = re.compile(r"\b(?:disorders?|precautions?|risk|denie[sd]|denying)\b",
                               re.IGNORECASE)
#: ... and bleeding told as history ("had GI bleeding in the past", "had a GI bleed"): an event
#: (a list after its NKA sentence is read again on its own), not a reaction
#: to the drug taken (a past rash or hives with the drug IS one: "has had a rash with it")
_HAS_PAST = re.compile(r"\b(?:history|past|previous(?:ly)?|prior|years?|ago)\b", re.IGNORECASE)
#: bleeding, a reaction the allergy lists name that the shared reaction terms lack
_BLEED_TERM = re.compile(r"(?:(?:gi|gastrointestinal|stomach|rectal)[ \t]+)?(?:bleeding|bleeds?|"
                         r"hemorrhage|ulcers?)\b", re.IGNORECASE)


def _has_reaction(text: str, pos: int) -> re.Match[str] | None:
    """The "and has" words when a reaction term follows the drug at ``text[pos:]`` with
    "has/had/with" ("takes aspirin and has GI bleeding"), else None."""
    from assistant.clinical.allergies import _REACTION_TERM  # noqa: PLC0415 (import cycle)

    m = _HAS_AFTER.match(text, pos)
    if m is None:
        return None
    term = _REACTION_TERM.match(text, m.end())
    bleed = _BLEED_TERM.match(text, m.end())
    if not (term or bleed):
        return None
    before = text[pos:m.end()]
    clause = re.split(r"\bbut\b", re.match(r"[^.;\n]*", text[m.end():]).group(0))[0]
    if _HAS_DENIED.search(before) or _HAS_NOT_REACTION.search(clause):
        return None
    if bleed and not term and (_HAS_PAST.search(clause) or re.search(r"\bhad\b", before)):
        return None
    return m


#: (review) a reaction denied and then told after "but" ("gets no reaction but hives", "gets
#: no relief but gets hives"): the denial does not stand
_BUT_REACTION = re.compile(r"[^.;\n]{0,40}?\bbut\s+(?:(?:gets?|got|has|had|develops?|developed|"
                           r"with|then)\s+)?(?:an?\s+|some\s+|severe\s+|bad\s+)*", re.IGNORECASE)
#: the denial or benefit word right after the reaction verb (what the lookaheads refuse)
_DENIED_VERB = re.compile(
    _DRUG_WORDS + r"[ \t]*,?[ \t]*(?:and[ \t]+)?"
    r"(?:(?:which|that|it|this|she|he|they|then|always|also)[ \t]+)*"
    r"(?:gets?|got|getting)\b", re.IGNORECASE)


def _reaction_after_but(text: str, pos: int) -> bool:
    """Whether the drug at ``text[pos:]`` has its reaction denied and then one told after
    "but" ("takes Bactrim and gets no reaction but hives")."""
    from assistant.clinical.allergies import _REACTION_TERM  # noqa: PLC0415 (import cycle)

    verb = _DENIED_VERB.match(text, pos)
    if verb is None:
        return False
    but = _BUT_REACTION.match(text, verb.end())
    return bool(but and _REACTION_TERM.match(text, but.end()))


def _reaction_follows(text: str, pos: int, has_rule: bool = True) -> bool:
    """Whether a reaction verb follows the drug at ``text[pos:]`` (see _REACTION_FOLLOWS);
    ``has_rule``: also a reaction term after "has" (off where the list says NKA)."""
    return (_REACTION_FOLLOWS.match(text, pos) is not None
            or _reaction_after_but(text, pos)
            or (has_rule and _has_reaction(text, pos) is not None))


def taken_lead(item: str) -> re.Match[str] | None:
    """The lead words of an allergy-list item that opens with a clause of taking ("she takes
    ...", "so she uses ..."), or None."""
    return _TAKEN_ITEM.match(item)


def taken_item(item: str, nka: bool = False) -> bool:
    """Whether an allergy-list item is a clause saying what the patient takes ("so she uses
    Tylenol", "she takes Tylenol instead"): no allergen in it. Not when a reaction follows
    the drug ("She takes penicillin and gets hives": an allergy). ``nka``: the list says no
    known allergies (a reaction told with "has" is then no allergy)."""
    lead = _TAKEN_ITEM.match(item)
    return lead is not None and not _reaction_follows(item, lead.end(), has_rule=not nka)


def taken_in_list(text: str, start: int) -> bool:
    """Whether the drug at ``start`` is the object of such a clause in its line ("Ibuprofen
    makes her stomach hurt, so she uses Tylenol": Tylenol), a medication taken; not when a
    reaction follows it ("she takes penicillin and gets hives")."""
    line_start = text.rfind("\n", 0, start) + 1
    return _TAKEN_BEFORE.search(text[max(line_start, start - 80):start]) is not None \
        and not _reaction_follows(text, start)


#: (review of issue 16) such a clause inside an item after a comma ("Sulfa, which is why she
#: takes Levaquin"): the item's allergen is the words before it
_TAKEN_INSIDE = re.compile(r"[ \t]*,[ \t]*" + _TAKEN_LEAD, re.IGNORECASE)
#: the verbs that tell a reaction got ("and gets hives", "got a rash"), read as "with"
_GOT_VERB = re.compile(r"(?:[ \t]*,)?[ \t]*(?:and[ \t]+)?(?:gets?|got|getting|develops?|developed|"
                       r"has|had|have|having|with|"
                       r"breaks?[ \t]+out[ \t]+(?:in|with)|broke[ \t]+out[ \t]+(?:in|with))"
                       r"(?=[ \t]+[A-Za-z])", re.IGNORECASE)


_ONE_WORD = re.compile(r"\s*[A-Za-z][\w-]*(?:[ \t]*(?:#[ \t]?\d+|no\.?[ \t]?\d+\b))?")
_TWO_WORDS = re.compile(r"\s*[A-Za-z][\w-]*[ \t]+[A-Za-z][\w-]*")


def taken_clause_start(item: str) -> int | None:
    """Where a clause of taking starts inside an allergy-list item after a comma ("Sulfa,
    which is why she takes Levaquin": at the comma), or None (none, or a reaction follows
    its drug)."""
    for m in _TAKEN_INSIDE.finditer(item):
        if m.start() > 0 and not _reaction_follows(item, m.end()):
            return m.start()
    return None


def as_allergy_item(item: str, nka: bool = False) -> str | None:
    """An item that opens with a clause of taking whose drug a reaction follows ("She takes
    penicillin and gets hives"), rewritten as the allergen item it tells ("penicillin with
    hives", lead words blanked so offsets stay), or None when it is no such item."""
    lead = _TAKEN_ITEM.match(item)
    if lead is None or not _reaction_follows(item, lead.end(), has_rule=not nka):
        return None
    out = " " * lead.end() + item[lead.end():]
    got = None
    for drug in (_ONE_WORD, _TWO_WORDS):  # the drug's words: one ("penicillin") or two
        words = drug.match(out, lead.end())
        got = _GOT_VERB.match(out, words.end()) if words else None
        if got:
            break
    if got:  # "and gets hives" -> "with hives" (right-aligned: the drug's offset kept)
        at = got.start()
        gap = got.end() - got.start()
        out = out[:at] + (" with".rjust(gap) if gap >= 5 else " with") + out[got.end():]
    return out
