"""Citation checking and repair: an answer may cite only documents that were retrieved.

Citations are written inline as ``[PMID:12345]`` (several ids may share brackets:
``[PMID:1, PMID:2]`` or ``[PMID:1; 2]``). Anything cited that is not in the allowed set is
removed; the caller rejects the answer when nothing valid is left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# One bracket group; ids inside may repeat the PMID: prefix and be separated by , or ;
CITE_GROUP = re.compile(r"\[\s*PMID\s*:\s*([^\]]*)\]", re.IGNORECASE)
_ID = re.compile(r"(?:PMID\s*:\s*)?([A-Za-z0-9._-]+)", re.IGNORECASE)
# Loose mentions outside brackets ("PMID 123", "PMID: 123") are also claims of a source.
_LOOSE = re.compile(r"(?<!\[)\bPMID\s*:?\s*(\d{4,9})\b", re.IGNORECASE)


@dataclass
class CitationCheck:
    """The repaired text and what was cited, kept or removed."""

    text: str
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing had to be removed."""
        return not self.removed


def cited_ids(text: str) -> list[str]:
    """Document ids cited in ``text`` in order of first appearance (bracketed and loose)."""
    seen: list[str] = []
    for m in CITE_GROUP.finditer(text):
        for part in re.split(r"[,;]", m.group(1)):
            idm = _ID.fullmatch(part.strip())
            if idm and idm.group(1) not in seen:
                seen.append(idm.group(1))
    for m in _LOOSE.finditer(CITE_GROUP.sub(" ", text)):
        if m.group(1) not in seen:
            seen.append(m.group(1))
    return seen


def repair_citations(text: str, allowed: Iterable[str]) -> CitationCheck:
    """Remove every citation of a document not in ``allowed``; normalise the rest.

    Each bracket group is rewritten to ``[PMID:a] [PMID:b]`` with only allowed ids; a group with
    none left disappears, as does a loose "PMID 123" mention of a document not allowed.
    """
    allowed_set = {str(a) for a in allowed}
    check = CitationCheck(text="")

    def _group(m: re.Match[str]) -> str:
        good: list[str] = []
        for part in re.split(r"[,;]", m.group(1)):
            idm = _ID.fullmatch(part.strip())
            if not idm:
                continue
            doc = idm.group(1)
            if doc in allowed_set:
                if doc not in good:
                    good.append(doc)
                if doc not in check.kept:
                    check.kept.append(doc)
            elif doc not in check.removed:
                check.removed.append(doc)
        return " ".join(f"[PMID:{d}]" for d in good)

    out = CITE_GROUP.sub(_group, text)

    def _loose(m: re.Match[str]) -> str:
        doc = m.group(1)
        if doc in allowed_set:
            return m.group(0)
        if doc not in check.removed:
            check.removed.append(doc)
        return "a study"

    # Loose mentions are checked outside the bracket groups only (those are already rewritten).
    pieces = re.split(r"(\[PMID:[^\]]+\])", out)
    out = "".join(p if p.startswith("[PMID:") else _LOOSE.sub(_loose, p) for p in pieces)
    out = re.sub(r"[ \t]+([.,;:])", r"\1", out)
    out = re.sub(r"[ \t]{2,}", " ", out)
    check.text = out.strip()
    return check


def all_cited_allowed(text: str, allowed: Iterable[str]) -> bool:
    """True when every id cited in ``text`` is in ``allowed``."""
    allowed_set = {str(a) for a in allowed}
    return all(d in allowed_set for d in cited_ids(text))
