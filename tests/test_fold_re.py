"""The folded scan of case-insensitive patterns (assistant/fold_re.py, issue 16 speed) finds
exactly what the pattern finds, and refuses patterns that read a letter's case."""

from __future__ import annotations

import re

import pytest

from assistant.fold_re import FoldedPattern, folded

TEXT = ("Pt AFEBRILE, non-Tender abdomen.\nBP 120/80. Febrile overnight; NONTENDER calf. "
        "afebrile-ish? tenderness")


def _seen(matches) -> list[tuple[tuple[int, int], tuple[str | None, ...], str]]:
    return [(m.span(), m.groups(), m.group(0)) for m in matches]


@pytest.mark.parametrize("source", [
    r"\b(?:non-?|a)?(?P<w>febrile|tender)\b",
    r"(?<![\w-])(?:bp|blood\s+pressure)\s*(\d+)/(\d+)",
    r"^[ \t]*(?P<t>pt|bp)\b",
    r"[^a-z\s]+",
    r"\b[A-Za-z]+ness\b",
])
def test_same_matches_as_the_pattern(source: str) -> None:
    p = re.compile(source, re.I | re.M)
    f = folded(p)
    assert _seen(f.finditer(TEXT)) == _seen(p.finditer(TEXT))
    for pos, endpos in [(0, len(TEXT)), (5, 40), (33, 60), (50, 51)]:
        assert _seen(f.finditer(TEXT, pos, endpos)) == _seen(p.finditer(TEXT, pos, endpos))
        assert _seen(filter(None, [f.search(TEXT, pos, endpos)])) == \
            _seen(filter(None, [p.search(TEXT, pos, endpos)]))


def test_groups_keep_the_text_case() -> None:
    f = folded(re.compile(r"\b(?P<w>febrile)\b", re.I))
    assert [m.group("w") for m in f.finditer(TEXT)] == ["Febrile"]
    assert f.search("AFEBRILE, FEBRILE").group(0) == "FEBRILE"


def test_non_ascii_text_reads_with_the_pattern() -> None:
    # the Kelvin sign matches "k" under IGNORECASE; lower-casing the text would not find it
    p = re.compile(r"\b\d+\s*kg\b", re.I)
    f = folded(p)
    text = "Temp 38.5\u00b0C, weight 70 \u212ag, 71 KG"
    assert _seen(f.finditer(text)) == _seen(p.finditer(text))
    assert len(list(f.finditer(text))) == 2


@pytest.mark.parametrize(("source", "flags"), [
    (r"\b(?-i:P)\s*\d+|\b(?-i:BP)\s+\d+", re.I),  # letters that must be upper case
    (r"\bRA\b|\bBP\b", re.I),                      # upper-case literals, case-insensitive
    (r"[A-Z]{2,}", re.I),                            # an upper-case set, case-insensitive
    (r"[A-Z]{2,}|[^A-Z\s]+", 0),                     # case-sensitive sets
    (r"(?<![\w-])(?i:bp|pt)\b|(?-i:Febrile)", 0),    # local case-insensitive groups
    ("\\bſepsis\\b|\\bﬀ", re.I),                     # non-ASCII letters that match ASCII
    (r"\bfeb(?!(?-i:\d))\w+", re.I),                 # a negative lookahead with no letter
])
def test_case_reading_patterns_give_the_same_matches(source: str, flags: int) -> None:
    p = re.compile(source, flags)
    f = folded(p)
    text = TEXT + " P 88, p 90, BP 120, bp 130, Febrile; SEPSIS sepsis ff RA ra Ra"
    assert _seen(f.finditer(text)) == _seen(p.finditer(text))
    assert _seen(f.finditer(text, 7, 90)) == _seen(p.finditer(text, 7, 90))


@pytest.mark.parametrize("source", [
    r"(a)\1",                       # a back-reference
    r"\bfeb(?!(?-i:R))\w+",          # a letter's case read in a negative lookahead
    r"\b\w*",                        # can match an empty string
])
def test_refuses(source: str) -> None:
    with pytest.raises(ValueError):
        FoldedPattern(re.compile(source, re.I))


def test_other_methods_are_the_patterns() -> None:
    p = re.compile(r"\bfebrile\b", re.I)
    f = folded(p)
    assert f.pattern == p.pattern and f.flags == p.flags
    assert f.sub("x", "Febrile, afebrile") == "x, afebrile"
    assert f.fullmatch("FEBRILE") is not None


def test_without_the_private_parser_folded_returns_the_pattern_itself(monkeypatch) -> None:
    """A Python whose ``re`` has no ``_parser`` gets the original pattern back: same matches."""
    import re as _re

    from assistant import fold_re

    monkeypatch.setattr(fold_re, "_parser", None)
    pat = _re.compile(r"\bfebrile\b", _re.IGNORECASE)
    assert fold_re.folded(pat) is pat
    assert [m.span() for m in fold_re.folded(pat).finditer("Afebrile. FEBRILE now")] == [(10, 17)]
