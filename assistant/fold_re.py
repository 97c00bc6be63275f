"""Case-insensitive patterns scanned as case-sensitive ones over lower-cased ASCII text (speed).

Python's ``re`` gives a pattern compiled with IGNORECASE no fast scan: at every position of a
note it tries each alternative of a long word list, folding case character by character
("\\b(?:afebrile|febrile|...)" over a 5,000-character note). A pattern compiled without
IGNORECASE skips non-matching alternatives on their first character and runs ~2-5x faster.

``FoldedPattern`` scans ASCII text lower-cased with a case-sensitive twin of the pattern whose
every character test accepts the lower case of each ASCII character the original test accepts
(a local ``(?-i:P)`` or an upper-case literal of a case-insensitive pattern becomes ``p``). So
wherever the original matches the text, the twin matches the lower-cased text at the same
start (it may also match where the original does not). Each start the twin finds is then
matched by the original pattern on the original text: what is returned are the original's
own matches (same spans, groups and case as ``pattern.finditer``), in the same order.

Inside a negative lookaround a looser test would reject more, so there every character test
must read a letter and its other case alike; patterns where one does not, back-references
and patterns that can match an empty string are refused (ValueError when made). Non-ASCII
text is read by the original pattern.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

try:  # CPython's own regex parser and compiler (3.11+); private, so a later Python may move them
    from re import _compiler, _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - then every pattern is scanned as it is (slower, same)
    _compiler = _constants = _parser = None

__all__ = ["FoldedPattern", "folded"]

_C: Any = _constants
_REPEATS: set[Any] = set()
_CHAR_TESTS: set[Any] = set()
_NEUTRAL: set[Any] = set()
if _C is not None:
    _REPEATS = {_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)}
    _CHAR_TESTS = {_C.LITERAL, _C.NOT_LITERAL, _C.IN}
    _NEUTRAL = {_C.ANY, _C.AT, _C.CATEGORY}
_ASCII = [chr(a) for a in range(128)]
_LOWER = frozenset(c.lower() for c in _ASCII)  # the characters of lower-cased ASCII text


@lru_cache(maxsize=16)
def _lowered(text: str) -> str:
    """``text.lower()``, kept for the few texts in use (each pattern of a note reads it)."""
    return text.lower()


@lru_cache(maxsize=4096)
def _relaxed_test(op: Any, av: Any, flags: int) -> tuple[Any, bool]:
    """The character test ``(op, av)`` (read with ``flags``) as a case-sensitive set of the
    lower case of every ASCII character it accepts, and whether that set is exact (accepts
    a lower-cased character exactly when the test accepts the character itself)."""
    state = _parser.State()
    state.flags = flags
    node = (op, list(av) if op is _C.IN else av)
    test = _compiler.compile(_parser.SubPattern(state, [node]), flags)
    accepted = {c.lower() for c in _ASCII if test.match(c)}
    exact = all(bool(test.match(c)) == (c.lower() in accepted) for c in _ASCII)
    if not accepted:  # accepts no ASCII character: kept, it meets none in ASCII text either
        return (op, av), exact
    # one character is a LITERAL, all but one a NOT_LITERAL (speed: the engine tries a
    # branch only where its first LITERAL is the next character; a set has no such check)
    if len(accepted) == 1:
        return (_C.LITERAL, ord(next(iter(accepted)))), exact
    if len(_LOWER - accepted) == 1 and accepted <= _LOWER:
        return (_C.NOT_LITERAL, ord(next(iter(_LOWER - accepted)))), exact
    return (_C.IN, tuple((_C.LITERAL, ord(c)) for c in sorted(accepted))), exact


def _relax(items: Any, flags: int, negated: bool) -> None:
    """Rewrite the parsed pattern ``items`` in place into the case-sensitive twin (see module);
    ``negated``: inside a negative lookaround, where every test must be exact."""
    for k, (op, av) in enumerate(items):
        if op in _CHAR_TESTS:
            node, exact = _relaxed_test(op, tuple(av) if op is _C.IN else av, flags)
            if negated and not exact:
                raise ValueError(f"{op} {av!r} in a negative lookaround reads a letter's case")
            items[k] = (node[0], list(node[1]) if node[0] is _C.IN else node[1])
        elif op in _NEUTRAL:
            continue
        elif op is _C.SUBPATTERN:
            group, add_flags, del_flags, sub = av
            _relax(sub, (flags | add_flags) & ~del_flags, negated)
            items[k] = (op, (group, add_flags & ~re.IGNORECASE, del_flags & ~re.IGNORECASE, sub))
        elif op is _C.BRANCH:
            for sub in av[1]:
                _relax(sub, flags, negated)
        elif op in _REPEATS:
            _relax(av[2], flags, negated)
        elif op is _C.ASSERT:
            _relax(av[1], flags, negated)
        elif op is _C.ASSERT_NOT:
            _relax(av[1], flags, True)
        elif op is getattr(_C, "ATOMIC_GROUP", None):
            _relax(av, flags, negated)
        else:
            raise ValueError(f"{op} is not supported")


class FoldedPattern:
    """A pattern whose ``finditer`` and ``search`` find its matches in ASCII text through a
    case-sensitive scan of the lower-cased text (see module); the rest is the pattern's."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        if parsed.getwidth()[0] == 0:
            raise ValueError("the pattern can match an empty string")
        _relax(parsed, parsed.state.flags, False)
        parsed.state.flags &= ~re.IGNORECASE
        self.ci = pattern
        self.cs = _compiler.compile(parsed, pattern.flags & ~re.IGNORECASE)

    def __getattr__(self, name: str) -> Any:  # pattern, flags, groups, match, sub ...
        return getattr(self.ci, name)

    def finditer(self, text: str, pos: int = 0,
                 endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text, pos, endpos)``: the same matches, found faster."""
        if not text.isascii():
            yield from self.ci.finditer(text, pos, endpos)
            return
        while (got := self._next(text, pos, endpos)) is not None:
            yield got
            pos = got.end()  # never empty: the pattern has a width

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``pattern.search(text, pos, endpos)``, found faster."""
        if not text.isascii():
            return self.ci.search(text, pos, endpos)
        return self._next(text, pos, endpos)

    def _next(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        """The pattern's leftmost match in ``text[pos:endpos]``: the first start the twin
        finds in the lower-cased text where the pattern itself matches."""
        low = _lowered(text)
        while (m := self.cs.search(low, pos, endpos)) is not None:
            got = self.ci.match(text, m.start(), endpos)
            if got is not None:
                return got
            pos = m.start() + 1
        return None


def folded(pattern: re.Pattern[str]) -> FoldedPattern | re.Pattern[str]:
    """``pattern`` with the fast ASCII scan; ValueError when it cannot be folded. Where the
    running Python has no ``re._parser`` the pattern itself is returned (same matches)."""
    if _parser is None:
        return pattern
    return FoldedPattern(pattern)
