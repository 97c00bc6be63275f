"""clinassist: clinical extraction, literature answers with citations, and triage.

Importing the package sets one process default before torch loads: OpenMP threads sleep
instead of spinning while they wait. On a shared CPU (the chat UI runs the embedder, the
language model and the web server in one process; a CI box has 2 cores) spinning threads
starve each other: SmolLM2-135M decoded at 0.6 tok/s with spinning and 8.5 tok/s with
``OMP_WAIT_POLICY=PASSIVE`` on a 2-core machine under load (``python -m eval.bench llm``).
An explicit ``OMP_WAIT_POLICY`` in the environment wins.
"""

import os as _os

_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
