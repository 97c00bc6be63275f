"""One lock around the first imports of the ML stack (transformers, sentence-transformers).

transformers publishes its names lazily: while one thread is still importing the package
(the app's background index build loading sentence-transformers, say), a second thread's
``from transformers import AutoTokenizer`` sees the half-initialised package and fails with
``ImportError: cannot import name 'AutoTokenizer' from 'transformers'``. Every product path
that imports the stack does so inside ``ml_import_lock()``, so a first import finishes
before another one starts; once imported, taking the lock costs microseconds. It lives in
``index/`` because the index is the lower layer: the assistant imports it, never the reverse.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Re-entrant: a loader that holds it may call another loader that takes it again.
_LOCK = threading.RLock()


@contextmanager
def ml_import_lock() -> Iterator[None]:
    """Hold the process-wide ML import lock for the ``with`` block (wrap the import only)."""
    with _LOCK:
        yield
