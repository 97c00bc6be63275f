"""Request size limits and the fair scheduler of the model's slots."""

from __future__ import annotations

import threading
import time

import pytest

from assistant.errors import InputError
from assistant.ui.limits import BusyError, FairLimiter, check_request_size


def test_size_limit() -> None:
    check_request_size("x" * 100, 100)
    with pytest.raises(InputError, match="101 characters; the limit is 100"):
        check_request_size("x" * 101, 100)


def test_per_user_and_queue_caps() -> None:
    lim = FairLimiter(slots=1, per_user=1, max_waiting=1)
    a = lim.acquire("alice")
    assert a.wait(0) and a.ahead == 0
    with pytest.raises(BusyError, match="already have 1 request"):
        lim.acquire("alice")
    b = lim.acquire("bob")
    assert not b.wait(0.01) and b.ahead == 0
    with pytest.raises(BusyError, match="queue full"):
        lim.acquire("carol")
    a.release()
    assert b.wait(1.0)
    assert lim.snapshot() == {"running": 1, "waiting": 0, "slots": 1, "per_user": 1}
    b.release()
    b.release()  # idempotent
    assert lim.snapshot()["running"] == 0


def test_fair_order_one_user_cannot_starve_others() -> None:
    # alice may queue 3, bob 1: after alice's first, bob goes next although he came last.
    lim = FairLimiter(slots=1, per_user=3, max_waiting=10)
    a1 = lim.acquire("alice")
    assert a1.wait(0)
    a2, a3 = lim.acquire("alice"), lim.acquire("alice")
    b1 = lim.acquire("bob")
    assert (a2.ahead, a3.ahead, b1.ahead) == (1, 2, 0)
    a1.release()
    assert b1.wait(0.5) and not a2.granted
    b1.release()
    assert a2.wait(0.5) and not a3.granted
    a2.release()
    assert a3.wait(0.5)
    a3.release()


def test_waiting_request_released_leaves_queue() -> None:
    lim = FairLimiter(slots=1, per_user=1, max_waiting=5)
    a = lim.acquire("a")
    b = lim.acquire("b")
    b.release()  # e.g. the user closed the tab while waiting
    assert lim.snapshot()["waiting"] == 0 and not b.wait(0)
    a.release()


def test_slot_context_blocks_until_free() -> None:
    lim = FairLimiter(slots=1, per_user=1, max_waiting=5)
    order: list[str] = []
    first = lim.acquire("a")
    assert first.wait(0)

    def second() -> None:
        with lim.slot("b"):
            order.append("b")

    t = threading.Thread(target=second)
    t.start()
    time.sleep(0.1)
    order.append("a-done")
    first.release()
    t.join(2)
    assert order == ["a-done", "b"]
    holder = lim.acquire("x")
    with pytest.raises(BusyError, match="timed out"), lim.slot("c", timeout=0.05):
        pass
    assert lim.snapshot()["waiting"] == 0  # the timed-out request left the queue
    holder.release()


def test_closed_tab_frees_its_slots() -> None:
    """A tab closed mid-request gives its slot back at once (issue 23: the user's slot
    stayed taken), and only that tab's tickets go."""
    lim = FairLimiter(slots=1, per_user=1, max_waiting=4)
    batch = lim.acquire("alice", session="tab-1")
    assert batch.wait(0)
    other = lim.acquire("bob", session="tab-9")   # waits behind alice's batch
    with pytest.raises(BusyError, match="already have 1 request"):
        lim.acquire("alice", session="tab-2")
    assert lim.end_session("tab-1") == 1
    assert batch.released                          # the batch sees it and stops
    assert other.wait(1.0)                         # bob gets the slot
    assert lim.end_session("tab-1") == 0
    again = lim.acquire("alice", session="tab-2")  # alice may send again from a new tab
    assert lim.snapshot() == {"running": 1, "waiting": 1, "slots": 1, "per_user": 1}
    other.release()
    assert again.wait(1.0)
    again.release()
