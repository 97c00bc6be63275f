"""Request size limits and a fair scheduler for the model's compute slots.

``FairLimiter`` bounds three things: how many requests run at once (``slots``: the model is
one shared resource), how many one user may have running or waiting (``per_user``), and how
many may wait in all (``max_waiting``). A freed slot goes to the waiting request whose user
has the fewest running, oldest first, so one user's burst cannot starve the others.
Ties go to the user served longest ago (round robin), then first come, first served.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from assistant.errors import ClinAssistError, InputError


class BusyError(ClinAssistError):
    """The request was not admitted: the user already has requests in flight, or the queue is full."""


def check_request_size(text: str, max_chars: int, what: str = "request") -> None:
    """Raise InputError when ``text`` is longer than ``max_chars`` characters."""
    if len(text) > max_chars:
        raise InputError(f"the {what} has {len(text):,} characters; the limit is {max_chars:,}. "
                         "Shorten it, or use the Batch tab or the CLI for long notes")


class Ticket:
    """One admitted request: wait for its slot, then release it (or use ``FairLimiter.slot``)."""

    def __init__(self, limiter: FairLimiter, user: str, seq: int,
                 session: str | None = None) -> None:
        self._limiter = limiter
        self.user = user
        self.seq = seq
        self.session = session  # the browser session (tab) that asked; None: not tied to one
        self.granted = False
        self.released = False

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the slot is granted (True) or ``timeout`` seconds pass (False)."""
        return self._limiter._wait(self, timeout)

    @property
    def ahead(self) -> int:
        """How many waiting requests would be served before this one (0 once running)."""
        return self._limiter._ahead(self)

    def release(self) -> None:
        """Give the slot (or the place in the queue) back; safe to call twice."""
        self._limiter._release(self)


class FairLimiter:
    """Admission control plus fair slot assignment (see the module docstring)."""

    def __init__(self, slots: int = 1, per_user: int = 1, max_waiting: int = 32) -> None:
        if slots < 1 or per_user < 1 or max_waiting < 0:
            raise ValueError("slots and per_user must be >= 1, max_waiting >= 0")
        self.slots = slots
        self.per_user = per_user
        self.max_waiting = max_waiting
        self._cond = threading.Condition()
        self._running: list[Ticket] = []
        self._waiting: list[Ticket] = []
        self._seq = itertools.count()
        self._last_grant: dict[str, int] = {}
        self._grants = 0

    def acquire(self, user: str, session: str | None = None) -> Ticket:
        """Admit a request of ``user`` (running or queued) or raise BusyError at once.

        ``session``: the browser tab it came from; ``end_session`` frees its tickets when the
        tab closes, so a closed tab never keeps the user's slot.
        """
        with self._cond:
            mine = sum(t.user == user for t in self._running + self._waiting)
            if mine >= self.per_user:
                raise BusyError(f"you already have {mine} request(s) in progress; "
                                "wait for them to finish before sending another")
            if len(self._running) >= self.slots and len(self._waiting) >= self.max_waiting:
                raise BusyError("the server is busy (queue full); try again in a minute")
            ticket = Ticket(self, user, next(self._seq), session)
            self._waiting.append(ticket)
            self._dispatch()
            return ticket

    def end_session(self, session: str) -> int:
        """Release every ticket of a closed browser session; returns how many. The work
        holding them sees ``ticket.released`` and stops (a batch cancels its remaining notes)."""
        with self._cond:
            mine = [t for t in self._running + self._waiting if t.session == session]
        for t in mine:
            t.release()
        return len(mine)

    @contextmanager
    def slot(self, user: str, timeout: float | None = None,
             session: str | None = None) -> Iterator[Ticket]:
        """``with limiter.slot(user):`` admit, wait for the slot, always release."""
        ticket = self.acquire(user, session)
        try:
            if not ticket.wait(timeout):
                raise BusyError("timed out waiting for a free slot; try again shortly")
            yield ticket
        finally:
            ticket.release()

    def snapshot(self) -> dict[str, int]:
        """Counts for the status tab."""
        with self._cond:
            return {"running": len(self._running), "waiting": len(self._waiting),
                    "slots": self.slots, "per_user": self.per_user}

    # -- internals (all under self._cond) --

    def _order(self) -> list[Ticket]:
        """The waiting tickets in the order they would be served: the user with the fewest
        running requests first, then the user served longest ago (round robin), then FIFO."""
        running = {}
        for t in self._running:
            running[t.user] = running.get(t.user, 0) + 1
        last = dict(self._last_grant)
        clock = self._grants
        left, order = list(self._waiting), []
        while left:
            nxt = min(left, key=lambda t: (running.get(t.user, 0), last.get(t.user, -1), t.seq))
            left.remove(nxt)
            order.append(nxt)
            running[nxt.user] = running.get(nxt.user, 0) + 1
            last[nxt.user] = clock
            clock += 1
        return order

    def _dispatch(self) -> None:
        while self._waiting and len(self._running) < self.slots:
            nxt = self._order()[0]
            self._waiting.remove(nxt)
            nxt.granted = True
            self._running.append(nxt)
            self._last_grant[nxt.user] = self._grants
            self._grants += 1
        self._cond.notify_all()

    def _wait(self, ticket: Ticket, timeout: float | None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while not ticket.granted and not ticket.released:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left)
            return ticket.granted and not ticket.released

    def _ahead(self, ticket: Ticket) -> int:
        with self._cond:
            if ticket.granted or ticket not in self._waiting:
                return 0
            return self._order().index(ticket)

    def _release(self, ticket: Ticket) -> None:
        with self._cond:
            if ticket.released:
                return
            ticket.released = True
            if ticket in self._running:
                self._running.remove(ticket)
            elif ticket in self._waiting:
                self._waiting.remove(ticket)
            self._dispatch()
