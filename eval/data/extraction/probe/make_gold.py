"""Write gold/<id>.json for the medication probe set from labels.txt (the real set's format).

    python eval/data/extraction/probe/make_gold.py
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Run ../real/make_gold.py's checks and writer on this directory."""
    spec = importlib.util.spec_from_file_location("real_make_gold",
                                                  HERE.parent / "real" / "make_gold.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.HERE = HERE  # same parser and checks, this directory's labels, manifest and gold/
    return int(mod.main())


if __name__ == "__main__":
    sys.exit(main())
