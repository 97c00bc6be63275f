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
               # (ext13a) an adverb after "is": "she is currently taking ibuprofen"
               r"(?:takes|uses|is\s+(?:(?:also|currently|still|now|only)\s+)?(?:taking|using|on)|"
               r"tolerates|prefers|switched\s+to|substitutes)\b")
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
#: the drug's words and what may stand before a verb about it (only "and", a comma,
#: "which/that/it/she/he")
_DRUG_THEN = (_DRUG_WORDS + r"[ \t]*,?[ \t]*(?:and[ \t]+)?"
              r"(?:(?:which|that|it|this|she|he|they|then|always|also)[ \t]+)*")
_REACTION_FOLLOWS = re.compile(
    _DRUG_THEN +
    r"(?:gets?|got|getting|causes?|caused|causing|makes?|made|gives?|gave|develops?|developed|"
    r"break(?:s)?[ \t]+out|broke[ \t]+out|results?[ \t]+in|resulted[ \t]+in|reacts?|reacted|"
    r"itches|swells|vomits)\b"
    # ... a benefit is no reaction ("takes Tylenol and gets good relief", "makes her feel better")
    # (re-review) nor a reaction denied ("gets no reaction", "gets no side effects", "gets
    # good pain relief")
    r"(?![ \t]+(?:(?:her|him|them|me)[ \t]+)?(?:no|none|nothing|not|never|without)\b)"
    r"(?![ \t]+(?:(?:her|him|them|me)[ \t]+)?(?:(?:good|some|great|adequate|excellent|much|"
    r"feel|pain|symptom|symptomatic|significant)[ \t]+){0,2}(?:relief|benefit|better|help|"
    r"improvement|results?|control|fine|well)\b)"
    # (allergy9 leftover) nor a bleeding or bruising tendency, the expected effect of the drug
    # taken (HPO HP:0000978 Bruising susceptibility; an anticoagulant's or antiplatelet's
    # pharmacology, no hypersensitivity): "takes Coumadin and gets bruising easily" is the
    # drug taken, as "takes Coumadin and bruises easily" already was
    # (alg9fix) only when those words end the clause: nothing after them but its end (no
    # bracket "(HIT)", no other reaction, no "and hives"), else an allergy as before
    r"(?![ \t]+(?:(?:her|him|them|me)[ \t]+)?(?:easy[ \t]+(?:bruis\w*|bleed\w*)|"
    r"(?:bruis\w*|bleed\w*)[ \t]+(?:\w+[ \t]+)?easily)[ \t]*[.;\n])",
    re.IGNORECASE)
#: (reviews of issue 16) a clause going on with "has/had" after the drug ("She takes aspirin
#: and has GI bleeding", "takes Bactrim and has had a rash with it", "is on Coumadin and has a
#: bleeding disorder"): four reviews found every reading of it wrong somewhere (allergies lost,
#: false allergies hiding a drug taken), so such an item is not read as a drug taken at all:
#: the list reader reads it as it did before issue 16 (d)
_HAS_CLAUSE = re.compile(
    _DRUG_WORDS + r"[ \t]*,?[ \t]*(?:and[ \t]+)?(?:(?:she|he|they|then|always|also)[ \t]+)*"
    r"(?:has|have|having|had)\b", re.IGNORECASE)


#: (review) a reaction denied and then told after "but" ("gets no reaction but hives", "gets
#: no relief but gets hives"): the denial does not stand
_BUT_REACTION = re.compile(r"[^.;\n]{0,40}?\bbut\s+(?:(?:gets?|got|has|had|develops?|developed|"
                           r"with|then)\s+)?(?:an?\s+|some\s+|severe\s+|bad\s+)*", re.IGNORECASE)
#: the verb of getting a denial or benefit follows (what the lookaheads refuse)
_DENIED_VERB = re.compile(_DRUG_THEN + r"(?:gets?|got|getting)\b", re.IGNORECASE)


def _reaction_after_but(text: str, pos: int) -> bool:
    """Whether the drug at ``text[pos:]`` has its reaction denied and then one told after
    "but" ("takes Bactrim and gets no reaction but hives")."""
    from assistant.clinical.allergies import _REACTION_TERM  # noqa: PLC0415 (import cycle)

    verb = _DENIED_VERB.match(text, pos)
    if verb is None:
        return False
    but = _BUT_REACTION.match(text, verb.end())
    return bool(but and _REACTION_TERM.match(text, but.end()))


def _reaction_follows(text: str, pos: int) -> bool:
    """Whether a reaction verb follows the drug at ``text[pos:]`` (see _REACTION_FOLLOWS)."""
    return _REACTION_FOLLOWS.match(text, pos) is not None or _reaction_after_but(text, pos)


def _not_taken(text: str, pos: int) -> bool:
    """Whether the drug at ``text[pos:]`` is no drug taken: a reaction or a "has/had" clause
    follows it (see _HAS_CLAUSE)."""
    return _reaction_follows(text, pos) or _HAS_CLAUSE.match(text, pos) is not None


#: (review) the item after a clause of taking going on with a reaction or "has/had" past a
#: comma ("She takes penicillin, and has hives": the list splits at the comma)
#: (the list reader may have blanked the "and" already)
_TOLD_NEXT = re.compile(r"[ \t]*[,;][ \t]*(?:and[ \t]+)?(?:(?:she|he|they|then|also)[ \t]+)*"
                        r"(?:has|have|having|had|gets?|got|develops?|developed|breaks?[ \t]+out|"
                        r"broke[ \t]+out|reacts?|reacted)\b", re.IGNORECASE)


def told_next(text: str, end: int) -> bool:
    """Whether the list words after an item ending at ``end`` go on with "and has/gets ..."
    (the item's drug is then no drug taken)."""
    return _TOLD_NEXT.match(text, end) is not None


def taken_lead(item: str) -> re.Match[str] | None:
    """The lead words of an allergy-list item that opens with a clause of taking ("she takes
    ...", "so she uses ..."), or None."""
    return _TAKEN_ITEM.match(item)


def taken_item(item: str) -> bool:
    """Whether an allergy-list item is a clause saying what the patient takes ("so she uses
    Tylenol", "she takes Tylenol instead"): no allergen in it. Not when a reaction follows
    the drug ("She takes penicillin and gets hives": an allergy) or a "has/had" clause does."""
    lead = _TAKEN_ITEM.match(item)
    return lead is not None and not _not_taken(item, lead.end())


#: (ext13a) the same clause told by a speaker, the patient or a relative reporting it, or
#: opened by "and" with its own subject: "Allergies: penicillin and she also reports that she
#: is on aspirin", "..., she also reports taking lisinopril daily", "..., mom reports he takes
#: cetirizine daily", "penicillin and she takes aspirin" (the list reader skips such an item:
#: no allergen in it, ``_speaker_lead``; the drug was lost from both lists). Only verbs of
#: taking (not "tolerates" / "is fine": a drug tolerated is not said to be taken now).
_REPORTER = (r"(?:(?:she|he|they|the\s+patient|patient|pt|"
             r"(?:(?:his|her|their|the|the\s+patient'?s|patient'?s)\s+)?(?:mom|mother|dad|father|"
             r"parents?|grand(?:mother|father|ma|pa)|wife|husband|spouse|partner|caregiver|"
             r"guardian|family))\s+)")
_SPOKEN_TAKEN_BEFORE = re.compile(
    r"(?:^|[,;(]|\.\s|\band\b)\s*(?:(?:and|but|also)\s+)*"
    + _REPORTER + r"(?:(?:also|further|additionally|now)\s+)?"
    r"(?:states|stated|says|said|reports|reported|notes|noted|mentions|mentioned|endorses)\s+"
    r"(?:that\s+)?(?:(?:she|he|they|the\s+patient|patient|pt)\s+)?"
    r"(?:(?:also|currently|still|now|only|regularly)\s+)*"
    r"(?:takes|uses|is\s+(?:(?:also|currently|still|now|only)\s+)?(?:taking|using|on)|"
    r"has\s+been\s+(?:taking|using|on)|taking|using|being\s+on)\s+"
    r"(?:(?:her|his|their|the|some|plain|regular|over-the-counter|otc)\s+)?$",
    re.IGNORECASE | re.MULTILINE)
_AND_TAKEN_BEFORE = re.compile(
    r"\band\s+(?:she|he|they|the\s+patient|patient|pt)\s+"
    r"(?:(?:also|now|still|only|currently|usually|instead|just)\s+)*"
    r"(?:takes|uses|is\s+(?:(?:also|currently|still|now|only)\s+)?(?:taking|using|on))\s+"
    r"(?:(?:her|his|their|the|some|plain|regular|over-the-counter|otc)\s+)?$", re.IGNORECASE)


def taken_in_list(text: str, start: int) -> bool:
    """Whether the drug at ``start`` is the object of such a clause in its line ("Ibuprofen
    makes her stomach hurt, so she uses Tylenol": Tylenol), a medication taken; not when a
    reaction follows it ("she takes penicillin and gets hives"). (ext13a) Also told by a
    speaker ("..., she also reports that she is on aspirin") or after "and" with its subject
    ("penicillin and she takes aspirin")."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 120):start]
    if _not_taken(text, start):
        return False
    if _TAKEN_BEFORE.search(before[-80:]) is not None:
        # (extfix13a, safety) not the allergen again under another name ("Allergies: Motrin,
        # she is currently taking ibuprofen")
        return not allergen_alike_before(text, start)
    if _SPOKEN_TAKEN_BEFORE.search(before) is None and _AND_TAKEN_BEFORE.search(before) is None:
        return False
    # (ext13a, safety) a drug the line names before (its allergen: "Allergies: aspirin, she
    # reports that she is on aspirin") is not read as taken from these forms
    return not allergen_alike_before(text, start)


#: (extfix13a) drug classes an allergen may be written as, with the ingredients they cover:
#: sulfonamide antibiotics (WHO ATC J01E, "sulfa") and the classes of
#: ``allergy_classes._CLASS_MEMBERS`` (ATC C10AA statins, C09AA ACE inhibitors, M01A NSAIDs,
#: B01AB heparins)
_SULFA = frozenset({"sulfamethoxazole", "sulfadiazine", "sulfisoxazole", "sulfacetamide",
                    "sulfasalazine", "sulfadoxine", "trimethoprim/sulfamethoxazole"})


def _ingredients(name: str) -> set[str]:
    """A drug's normalised name and its ingredients (a combination's parts)."""
    from assistant.clinical.drug_names import combination_name  # noqa: PLC0415

    full = combination_name(name.lower())
    return {full} | {p.strip() for p in full.split("/") if p.strip()}


def _covered(allergen: str) -> set[str]:
    """The ingredients an allergen written as ``allergen`` (normalised) covers: its own, and a
    class's members when it names a class."""
    from assistant.clinical.allergy_classes import _CLASS_MEMBERS  # noqa: PLC0415

    a = allergen.lower()
    out = _ingredients(a)
    if a in {"sulfa", "sulfas", "sulfonamides", "sulfonamide", "sulfa drugs"}:
        out |= _SULFA
    for members in _CLASS_MEMBERS.values():
        if a in members and a.endswith("s"):  # the class's own name ("nsaids", "statins")
            out |= set(members)
    return out


def allergen_alike(allergen: str, drug: str) -> bool:
    """Whether the drug normalised as ``drug`` is, contains or belongs to the allergen
    normalised as ``allergen`` (a brand, synonym or combination of it, or a class member)."""
    return bool(_ingredients(drug) & _covered(allergen))


def allergen_alike_before(text: str, start: int) -> bool:
    """(extfix13a, safety, brief rule 7) Whether the drug at ``start`` is alike an allergen
    its line names before it ("Allergies: ASA, she reports that she is on aspirin",
    "Allergic to sulfa, takes Bactrim", "Allergies: Codeine; she is on Tylenol #3"): it is
    then never read as a medication taken from that line."""
    from assistant.clinical.allergy_names import substance_name  # noqa: PLC0415
    from assistant.clinical.medications import find_names  # noqa: PLC0415

    line_start = text.rfind("\n", 0, start) + 1
    here = [n for n in find_names(text[start:start + 40]) if n.start == 0]
    if not here:
        return False
    drug = here[0].name
    before = text[line_start:start]
    allergens = {substance_name(n.name) for n in find_names(before)}
    allergens |= {w.lower() for w in re.findall(
        r"\b(?:sulfa(?:\s+drugs)?|sulfonamides?|nsaids|statins)\b", before, re.I)}
    return any(allergen_alike(a, drug) for a in allergens)


#: (review of issue 16) such a clause inside an item after a comma ("Sulfa, which is why she
#: takes Levaquin"): the item's allergen is the words before it
_TAKEN_INSIDE = re.compile(r"[ \t]*,[ \t]*" + _TAKEN_LEAD, re.IGNORECASE)
#: the verbs that tell a reaction got ("and gets hives", "got a rash"), read as "with"
_GOT_VERB = re.compile(r"(?:[ \t]*,)?[ \t]*(?:and[ \t]+)?(?:gets?|got|getting|develops?|developed|"
                       r"breaks?[ \t]+out[ \t]+(?:in|with)|broke[ \t]+out[ \t]+(?:in|with))"
                       r"(?=[ \t]+[A-Za-z])", re.IGNORECASE)


_ONE_WORD = re.compile(r"\s*[A-Za-z][\w-]*(?:[ \t]*(?:#[ \t]?\d+|no\.?[ \t]?\d+\b))?")
_TWO_WORDS = re.compile(r"\s*[A-Za-z][\w-]*[ \t]+[A-Za-z][\w-]*")


def taken_clause_start(item: str) -> int | None:
    """Where a clause of taking starts inside an allergy-list item after a comma ("Sulfa,
    which is why she takes Levaquin": at the comma), or None (none, or a reaction follows
    its drug)."""
    for m in _TAKEN_INSIDE.finditer(item):
        if m.start() > 0 and not _not_taken(item, m.end()):
            return m.start()
    return None


def as_allergy_item(item: str) -> str | None:
    """An item that opens with a clause of taking whose drug a reaction follows ("She takes
    penicillin and gets hives"), rewritten as the allergen item it tells ("penicillin with
    hives", lead words blanked so offsets stay), or None when it is no such item."""
    lead = _TAKEN_ITEM.match(item)
    if lead is None or not _reaction_follows(item, lead.end()):
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
    for drug in (_ONE_WORD, _TWO_WORDS):
        # (extfix13a) a reaction told by a verb alone ("takes Tylenol #3 and vomits", "takes
        # amoxicillin and breaks out"): the verb blanked (no junk allergen "vomits"), the drug
        # kept as the allergen
        words = drug.match(out, lead.end())
        alone = _VERB_ALONE.match(out, words.end()) if words else None
        if alone:
            return out[:alone.start()] + " " * (alone.end() - alone.start()) + out[alone.end():]
    return out


_VERB_ALONE = re.compile(r"(?:[ \t]*,)?[ \t]*(?:and[ \t]+)?(?:(?:then|always|also|she|he)[ \t]+)*"
                         r"(?:vomits|vomited|itches|itched|swells|swelled|breaks?[ \t]+out|"
                         r"broke[ \t]+out)(?=[ \t]*(?:[.;,)]|$))", re.IGNORECASE)


#: (h-allergy) an allergy-list item that is a drug with a strength ("aspirin 81 mg daily",
#: "metoprolol 25 mg b.i.d."): a medication the list ran into, not an allergen (a dose ends an
#: allergy list, allergy5); a reaction told with it keeps it ("codeine 30 mg caused vomiting"
#: has its reaction read, so it never reaches this test)
_DOSED_ITEM = re.compile(r"[A-Za-z][\w/-]*(?:[ \t]+[A-Za-z][\w/-]*){0,2}[ \t]+\d+(?:\.\d+)?"
                         r"(?:/\d+(?:\.\d+)?)?[ \t]*(?:mg|mcg|g|ml|units?|meq)\b", re.IGNORECASE)


def dosed_item(written: str, reaction: str | None) -> bool:
    """Whether an allergy read from a list is a drug written with its strength and no
    reaction: a medication, not an allergen."""
    return reaction is None and _DOSED_ITEM.match(written.strip()) is not None
