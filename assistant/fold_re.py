"""Case-insensitive patterns scanned as case-sensitive ones over lower-cased ASCII text (speed).

Python's ``re`` gives a pattern compiled with IGNORECASE no fast scan: at every position of a
note it tries each alternative of a long word list, folding case character by character
("\\b(?:afebrile|febrile|...)" over a 5,000-character note). The same pattern compiled without
IGNORECASE skips non-matching alternatives on their first character and runs ~2-5x faster.

For ASCII text the two read the same: IGNORECASE only pairs ASCII letters with their other
case there, so the pattern matches ``text`` with IGNORECASE exactly where its case-sensitive
twin matches ``text.lower()``, provided every character test of the pattern treats a letter
and its lower case alike. ``FoldedPattern`` checks that when it is made (each literal and
character set of the pattern against all 128 ASCII characters) and refuses any other pattern
(an upper-case literal, a local ``(?-i:...)`` group, a back-reference). Non-ASCII text is
read by the original pattern. The matches returned are the original pattern's, made over the
original text at the start found (same span, groups and case as ``pattern.finditer``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from re import _compiler, _constants, _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["FoldedPattern", "folded"]

_RECURSE_ONE = {_constants.MAX_REPEAT, _constants.MIN_REPEAT,
                getattr(_constants, "POSSESSIVE_REPEAT", None)}
_CHAR_TESTS = {_constants.LITERAL, _constants.NOT_LITERAL, _constants.IN}
_NEUTRAL = {_constants.ANY, _constants.AT, _constants.CATEGORY}


@lru_cache(maxsize=16)
def _lowered(text: str) -> str:
    """``text.lower()``, kept for the few texts in use (each pattern of a note reads it)."""
    return text.lower()


@lru_cache(maxsize=4096)
def _char_test_folds(op: Any, av: Any, flags: int) -> bool:
    """True when the character test ``(op, av)`` with IGNORECASE accepts an ASCII character
    exactly when, without it, the test accepts that character lower-cased."""
    def compiled(fl: int) -> re.Pattern[str]:
        state = _parser.State()
        state.flags = fl
        node = (op, list(av) if op is _constants.IN else av)
        return _compiler.compile(_parser.SubPattern(state, [node]), fl)

    ci, cs = compiled(flags | re.IGNORECASE), compiled(flags & ~re.IGNORECASE)
    return all(bool(ci.match(chr(a))) == bool(cs.match(chr(a).lower())) for a in range(128))


def _check(items: Any, flags: int) -> None:
    """Raise ValueError unless every node of the parsed pattern ``items`` folds (see module)."""
    for op, av in items:
        if op in _CHAR_TESTS:
            if not _char_test_folds(op, tuple(av) if op is _constants.IN else av, flags):
                raise ValueError(f"{op} {av!r} reads a letter case-sensitively")
        elif op in _NEUTRAL:
            continue
        elif op is _constants.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if (add_flags | del_flags) & re.IGNORECASE:
                raise ValueError("a local (?i:) or (?-i:) group")
            _check(sub, flags | add_flags & ~del_flags)
        elif op is _constants.BRANCH:
            for sub in av[1]:
                _check(sub, flags)
        elif op in _RECURSE_ONE:
            _check(av[2], flags)
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            _check(av[1], flags)
        elif op is getattr(_constants, "ATOMIC_GROUP", None):
            _check(av, flags)
        else:
            raise ValueError(f"{op} is not supported")


class FoldedPattern:
    """An IGNORECASE pattern whose ``finditer`` and ``search`` scan ASCII text lower-cased with
    the pattern's case-sensitive twin (see module); the rest is the original pattern's."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        if not pattern.flags & re.IGNORECASE:
            raise ValueError("the pattern is not case-insensitive")
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        _check(parsed, pattern.flags & ~re.IGNORECASE)
        self.ci = pattern
        self.cs = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)

    def __getattr__(self, name: str) -> Any:  # pattern, flags, groups, match, sub ...
        return getattr(self.ci, name)

    def finditer(self, text: str, pos: int = 0,
                 endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text, pos, endpos)``: the same matches, found faster."""
        if not text.isascii():
            yield from self.ci.finditer(text, pos, endpos)
            return
        match = self.ci.match
        for m in self.cs.finditer(_lowered(text), pos, endpos):
            got = match(text, m.start(), endpos)
            if got is None:  # cannot happen for a checked pattern; read the rest as written
                yield from self.ci.finditer(text, m.start(), endpos)
                return
            yield got

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``pattern.search(text, pos, endpos)``, found faster."""
        if not text.isascii():
            return self.ci.search(text, pos, endpos)
        m = self.cs.search(_lowered(text), pos, endpos)
        if m is None:
            return None
        got = self.ci.match(text, m.start(), endpos)
        return got if got is not None else self.ci.search(text, m.start(), endpos)


def folded(pattern: re.Pattern[str]) -> FoldedPattern:
    """``pattern`` (IGNORECASE) with the fast ASCII scan; ValueError when it cannot fold."""
    return FoldedPattern(pattern)
