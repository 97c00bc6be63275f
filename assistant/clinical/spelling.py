"""Spelling variants of vocabulary words in transcriptions: British spellings and common typing
slips ("diarrhoea", "vomitting", "pnuemonia", "bronchospams") read as the vocabulary's word.

Sources: the British/American spelling pairs of medical English (Oxford English Dictionary /
Merriam-Webster Medical: "oe"/"ae" -> "e" as in oedema/edema, haemorrhage/hemorrhage,
diarrhoea/diarrhea; "-our" -> "-or" as in tumour/tumor) and the three commonest single typing
slips of spelling-correction work (Damerau 1964: a transposed pair of neighbouring letters, a
doubled letter; here only the two that keep the word's letters). Why so narrow: a fuzzy match
reads ordinary words as diseases; a variant is accepted only when (a) the written word is no
vocabulary word itself, (b) it has at least ``MIN_LEN`` letters, and (c) exactly one candidate
is a vocabulary word of the same length class, so precision is kept.
"""

from __future__ import annotations

MIN_LEN = 7
#: British spellings are a rule, not a slip: shorter words qualify ("oedema", "anaemia")
MIN_LEN_BRITISH = 5


def candidates(word: str) -> list[str]:
    """The spelling variants of a lower-case ``word``: British -> American forms, one doubled
    letter made single, and one pair of neighbouring letters swapped (distinct, in that order)."""
    out: list[str] = []
    if "oe" in word or "ae" in word:
        out.append(word.replace("oe", "e").replace("ae", "e"))
    if word.endswith(("our", "ours")):
        out.append(word.replace("our", "or"))
    for i in range(1, len(word)):
        if word[i] == word[i - 1] and word[i] not in "aeiou":
            out.append(word[:i] + word[i + 1:])
    for i in range(1, len(word) - 1):  # not the first letter: slips there are rare
        if word[i] != word[i + 1]:
            out.append(word[:i] + word[i + 1] + word[i] + word[i + 2:])
    seen: set[str] = set()
    return [w for w in out if w != word and not (w in seen or seen.add(w))]


def respell(word: str, known: frozenset[str] | set[str]) -> str | None:
    """The vocabulary word ``word`` is a variant of, or None: only for an alphabetic word of
    ``MIN_LEN``+ letters (``MIN_LEN_BRITISH``+ for a British "oe"/"ae") that is not itself in
    ``known`` and has exactly one known candidate."""
    w = word.lower()
    if len(w) < MIN_LEN_BRITISH or not w.isalpha() or w in known:
        return None
    if len(w) < MIN_LEN:
        british = w.replace("oe", "e").replace("ae", "e")
        return british if british != w and british in known else None
    hits = {c for c in candidates(w) if c in known}
    return hits.pop() if len(hits) == 1 else None
