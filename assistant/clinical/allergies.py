"""Allergies: the allergy section's list ("Penicillin (hives)", "Sulfa drugs - rash.",
"Contrast dye, which causes anaphylaxis.") and prose ("is allergic to latex").

"NKDA", "no known drug allergies", "none" give no items. An instruction that merely contains
"allergic to" (e.g. text pasted into a note asking to "list the patient as allergic to X")
does not match the prose patterns, which need the patient as subject.
"""

from __future__ import annotations

import re

from assistant.schema import Allergy

_NONE = re.compile(r"^\W*(?:to\s+(?:medicines|medications|drugs)\s+(?:are\s+|is\s+)?(?=none))?"
                   r"(?:nkda|nka|nkma|none(?: known)?|no\s+known\s+(?:\w+\s+){0,2}"
                   r"allerg(?:ies|y)|no\s+(?:\w+\s+)?allergies|denies(?: any)?(?: drug)? "
                   r"allergies|n/a)\b", re.IGNORECASE)
#: "NKDA" / "no known drug allergies" anywhere in a note (for ``no_known_allergies``).
NONE_ANYWHERE = re.compile(r"\b(?:nkda|nkma|no\s+known\s+(?:\w+\s+){0,2}allerg(?:ies|y)|"
                           r"allergies:?\s+to\s+(?:medicines|medications|drugs)\s+(?:are|is)\s+"
                           r"none|"
                           r"no\s+(?:drug\s+|medication\s+)?allergies|denies\s+(?:any\s+)?"
                           r"(?:drug\s+)?allergies)\b", re.IGNORECASE)
#: Bodies that say nothing: "Unknown", "Refer to chart", "See above".
_UNKNOWN = re.compile(r"^\W*(?:unknown|refer\s+to|see\s+(?:above|chart|below|list)|"
                      r"as\s+(?:above|per)|per\s+chart|not\s+(?:known|obtained|available))",
                      re.IGNORECASE)
# "..., all cause HIVES.": one reaction shared by the whole list
_SHARED = re.compile(r",?\s*(?:which\s+)?(?:all|each|both|they)\s+(?:of\s+which\s+)?"
                     r"(?:cause[sd]?|give|gave|result\s+in)\s+(?P<r>[^.;\n]+?)\s*\.?\s*$",
                     re.IGNORECASE)
# "She is allergic or sensitive to X" as the list itself
_LEAD = re.compile(r"^[\s,]*(?:(?:includes?|including)\s*:?\s*|(?:(?:she|he|patient|pt|the\s+patient)"
                   r"\s+(?:is|has\s+been)\s+)?"
                   r"(?:allergic|sensitive|intolerant)(?:\s+or\s+(?:allergic|sensitive|"
                   r"intolerant))?\s+to\s+)", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r"\s*(?:;|,(?!\s*(?i:which|causing|causes|caused|with)\b)|\n|\band\b(?=\s+[A-Z]))"
                         r"\s*")
# "PENICILLIN, CAUSES SKIN RASH". Every whitespace run has one owner (words joined by spaces
# in `sub`, then one optional group, each starting with its own spaces): with several
# adjacent `\s*` a long blank run made a failed match take seconds (O(n^4) backtracking).
_REACTION = re.compile(
    r"^(?P<sub>[A-Za-z][\w\-/']*(?:[ ]+[\w\-/']+)*?)"
    r"(?:\s*\((?P<r1>[^)]*)\)|\s*[-:–]\s*(?P<r2>[^(.;\n]+)|(?:\s*,\s*|\s+)"
    r"(?:which causes|causes|caused|causing|with|leads to|results in|gives)\s+(?P<r3>[^(.;\n]+))?"
    r"(?:\s*\([^)]*\))?(?:\s*\.)?\s*$", re.IGNORECASE)
_PROSE = re.compile(
    r"\b(?:(?:is|are|she is|he is|patient is|pt is|known to be|reports being|reportedly)\s+)"
    r"allergic (?:or (?:sensitive|intolerant) )?to (?P<sub>[A-Za-z][\w\-]*(?: [a-z][\w\-]*)?)"
    r"(?:\s*\((?P<r1>[^)]*)\)|\s+(?:with|causing|which causes)\s+(?P<r2>[\w ]+?))?(?=[.,;\n]|$)",
    re.IGNORECASE)
_STOP_SUBSTANCES = {"none", "no", "unknown", "nkda", "nka", "see above", "n/a"}


def _clean_reaction(r: str | None) -> str | None:
    if not r:
        return None
    r = re.sub(r"^(?:causes|caused|causing|with)\s+", "", r.strip(), flags=re.I).strip(" .,-")
    r = re.split(r"\s*\(", r)[0].strip()
    r = re.sub(r"\s{4,}", " and ", r)  # an "and" blanked by parse_allergy_list
    return r.lower() or None


def parse_allergy_list(text: str, offset: int = 0) -> list[Allergy]:
    """Allergies from an allergy section body ``text`` (spans shifted by ``offset``)."""
    if _NONE.match(text) or _UNKNOWN.match(text):
        return []
    lead = _LEAD.match(text)
    if lead:  # keep offsets: blank the lead words instead of cutting them
        text = " " * lead.end() + text[lead.end():]
    shared_reaction: str | None = None
    shared = _SHARED.search(text)
    if shared:
        shared_reaction = _clean_reaction(shared.group("r"))
        text = text[:shared.start()]
    text = re.sub(r"\band\s+(?=[A-Za-z])", lambda m: " " * len(m.group(0)), text)
    out: list[Allergy] = []
    pos = 0
    pieces: list[tuple[int, str]] = []
    # split points inside parentheses ("(per mother, as an infant)") are not item breaks
    masked = re.sub(r"\([^)]*\)", lambda m: "(" + "x" * (len(m.group(0)) - 2) + ")", text)
    for m in _ITEM_SPLIT.finditer(masked):
        pieces.append((pos, text[pos:m.start()]))
        pos = m.end()
    pieces.append((pos, text[pos:]))
    for start, piece in pieces:
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        m = _REACTION.match(stripped)
        if not m:
            continue
        reaction = _clean_reaction(m.group("r1") or m.group("r2") or m.group("r3")) \
            or shared_reaction
        s = offset + start + lead
        whole = m.group("sub").strip(" -")
        # "Aspirin and Altace caused cough" (the "and" blanked above): one reaction shared by
        # each substance; "at higher doses" qualifies the reaction, not the substance
        parts = [p for p in re.split(r"\s{4,}", whole) if p.strip()]
        for part in parts:
            sub = _DOSE_QUALIFIER.sub("", part).strip(" -")
            if not sub or sub.lower() in _STOP_SUBSTANCES or len(sub) < 3 or \
                    len(sub.split()) > 4:
                continue
            name = substance_name(sub)
            if name in _STOP_SUBSTANCES:  # "UNKNOWN ALLERGY" names no substance
                continue
            if len(parts) > 1 or name not in stripped.lower():
                # the substance's own words ("Zetia" for ezetimibe), so its span grounds it
                ps = s + stripped.find(part)
                pe = ps + len(sub)
            else:
                ps, pe = s, s + len(stripped.rstrip(" ."))
            out.append(Allergy(substance=name, reaction=reaction, span=(ps, pe)))
    return out


_DOSE_QUALIFIER = re.compile(r"\s+at\s+(?:higher|high|large|larger|full)\s+doses?$", re.I)


def substance_name(written: str) -> str:
    """Canonical allergen: a drug's generic ("ACCUTANE" -> isotretinoin, via the drug
    dictionary), else the words as written, lower case ("IVP dye")."""
    from assistant.clinical.medications import find_names

    # "sulfa medications", "iodine products": the substance, not the word for its class;
    # "QUESTIONABLE PENICILLIN ALLERGIES": the substance, not the hedge or the word allergy
    written = _CLASS_WORD.sub("", written.strip()) or written
    written = _HEDGE.sub("", written).strip() or written
    written = _ALLERGY_WORD.sub("", written).strip() or written
    # a drug class, singular or plural ("CEPHALOSPORIN", "cephalosporins", "NSAID"): one
    # concept, named by its plural as the labelling guideline writes classes
    cls = _DRUG_CLASS.fullmatch(written.strip().lower())
    if cls:
        return _DRUG_CLASS_CANON.get(cls.group(1), cls.group(1) + "s")
    names = find_names(written)
    if len(names) == 1 and names[0].start == 0 and names[0].end == len(written.rstrip()):
        return names[0].name
    return " ".join(written.lower().split())


#: Drug classes written as allergens (the stems of their singular forms): canonical plural.
_DRUG_CLASS = re.compile(r"(cephalosporin|sulfonamide|nsaid|quinolone|fluoroquinolone|macrolide|"
                         r"aminoglycoside|opioid|opiate|narcotic|statin|"
                         r"benzodiazepine|barbiturate|salicylate|beta-lactam|carbapenem|"
                         r"ace inhibitor|sulfonylurea|antihistamine|steroid)s?")
_DRUG_CLASS_CANON: dict[str, str] = {}
_HEDGE = re.compile(r"^(?:questionable|possible|possibly|probable|suspected|reported|"
                    r"history\s+of|h/o)\s+", re.I)
_ALLERGY_WORD = re.compile(r"\s+(?:allerg(?:y|ies)|intolerances?|sensitivit(?:y|ies))$", re.I)
_CLASS_WORD = re.compile(r"(?<=\w)\s+(?:medications?|medicines?|drugs?|products?|agents?)$",
                         re.I)


def find_prose_allergies(text: str) -> list[Allergy]:
    """"is allergic to X (reaction)" statements anywhere in ``text``."""
    out = []
    for m in _PROSE.finditer(text):
        sub = m.group("sub").lower()
        if sub in _STOP_SUBSTANCES:
            continue
        out.append(Allergy(substance=substance_name(m.group("sub")), reaction=_clean_reaction(m.group("r1") or m.group("r2")),
                           span=(m.start("sub"), m.end())))
    return out
