"""Character spans asked "does anything here overlap?" without a scan of every span.

One structure for the extractor (allergy statements already taken) and the triage path
(readings and boilerplate a ``not`` list sets aside): a scan of every span for every match was
quadratic on long texts (allergy review 2; self-care safety review 5).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable


class SpanSet:
    """Spans ``(start, end)`` kept sorted by start. Only spans starting within the longest
    span's length before a query can reach it, so a query reads a short slice."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.items = sorted(spans)
        self.longest = max((e - s for s, e in self.items), default=0)

    def add(self, start: int, end: int) -> None:
        """Add one span, keeping the order."""
        insort(self.items, (start, end))
        self.longest = max(self.longest, end - start)

    def overlaps(self, a: int, b: int) -> bool:
        """True when some span overlaps ``[a, b)``."""
        lo = bisect_left(self.items, (a - self.longest, -1))
        hi = bisect_left(self.items, (b, -1))
        return any(e > a for _, e in self.items[lo:hi])

    def covers(self, pos: int) -> bool:
        """True when some span has ``start <= pos < end``."""
        return self.overlaps(pos, pos + 1)
