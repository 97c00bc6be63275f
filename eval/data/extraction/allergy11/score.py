"""Score the rules path on the eleventh allergy snippet probe (allergy11) (README.md here).

    PYTHONPATH=$PWD python eval/data/extraction/allergy11/score.py [--data DIR] [--show]

The same scorer as the told-reaction probe (``../told/score.py``: allergies precision /
recall by substance, reaction agreement, allergens reported as active medications,
``no_known_allergies`` right), run on this folder's manifest and labels with this folder's
``draw.unit_text``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from draw import unit_text  # noqa: E402  (this folder's draw.py, imported before told's)


def _told_scorer():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("told_score", HERE.parent / "told" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


if __name__ == "__main__":
    raise SystemExit(_told_scorer().main(HERE, unit_text))
