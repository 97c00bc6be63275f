"""The first import of transformers is serialised across threads (the app's warm-up race).

In the app the background index build imports sentence-transformers (and with it
transformers) while the warm-up thread loads the language model. transformers publishes its
names lazily, so a second thread importing it mid-way used to fail with "cannot import name
'AutoTokenizer' from 'transformers'". The test makes the race deterministic: an import hook
pauses thread A inside its first transformers import, and thread B starts its own import
exactly then. It runs in a fresh interpreter, where transformers is not imported yet.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent("""
    import sys, threading, time
    from pathlib import Path

    assert "transformers" not in sys.modules
    paused = threading.Event()

    class PauseInsideFirstImport:
        # Thread A stops for a second at its first transformers submodule: the package is
        # half-initialised in sys.modules then, as in the app when the index build is slow.
        def find_spec(self, name, path=None, target=None):
            if (name.startswith("transformers.") and not paused.is_set()
                    and threading.current_thread().name == "A"):
                paused.set()
                time.sleep(1.0)
            return None

    sys.meta_path.insert(0, PauseInsideFirstImport())
    from assistant.config import Settings
    from assistant.llm.local import LocalBackend
    from index.embed import load_sentence_model

    results = {}

    def index_build():  # the index job: loads the embedder (a missing folder here)
        try:
            load_sentence_model(Path("/nonexistent/embedder"), "cpu")
        except Exception as exc:
            results["A"] = type(exc).__name__

    def warm_up():  # the warm-up thread: loads the language model meanwhile
        paused.wait(60)
        try:
            LocalBackend.from_path(Path("/nonexistent/llm"), Settings(use_llm=True))
        except Exception as exc:
            results["B"] = type(exc).__name__ + ": " + str(exc)[:80]

    a = threading.Thread(target=index_build, name="A")
    b = threading.Thread(target=warm_up, name="B")
    a.start(); b.start(); a.join(); b.join()
    print(paused.is_set(), results["B"].split(":")[0])
""")


def test_concurrent_first_imports_of_transformers_do_not_fail() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    # The hook paused A mid-import; B then failed only on its missing model folder
    # (ModelNotFoundError), not with ImportError from the half-imported package.
    assert out.stdout.split() == ["True", "ModelNotFoundError"], out.stdout + out.stderr[-1500:]
