"""Write gold/<id>.json for the seventh allergy probe set from labels.txt (the real set's format).

    /work/main/.venv/bin/python eval/data/extraction/allergy6/make_gold.py

The probe set's writer (``../probe/make_gold.py``, itself ../real's parser and checks) run on
this directory's labels, manifest and gold/.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Run ../probe/make_gold.py on this directory."""
    probe_main = runpy.run_path(str(HERE.parent / "probe" / "make_gold.py"))["main"]
    probe_main.__globals__["HERE"] = HERE  # its module's directory: this one instead
    return int(probe_main())


if __name__ == "__main__":
    sys.exit(main())
