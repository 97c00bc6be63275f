"""Write gold/<id>.json for an allergy probe set from its labels.txt (the real set's format).

    python eval/data/extraction/make_allergy_gold.py --set allergy8
    python eval/data/extraction/make_allergy_gold.py --set all

One writer for every ``allergy*`` set (they had seven identical copies of a wrapper): the real
set's parser, checks and writer (``real/make_gold.py``) run on the named set's directory, its
``labels.txt`` and ``manifest.jsonl``, writing its ``gold/``. ``--set all`` writes every
``allergy*`` directory that has a labels.txt. Byte-identical to what the old per-set
``allergyN/make_gold.py`` scripts wrote.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: an allergy set's directory name ("allergy", "allergy2", ...)
_SET = re.compile(r"allergy\d*")


def allergy_sets() -> list[str]:
    """The allergy set directories here that hold a labels.txt, in name order."""
    return sorted((p.name for p in HERE.iterdir()
                   if _SET.fullmatch(p.name) and (p / "labels.txt").is_file()),
                  key=lambda n: int(n[len("allergy"):] or 1))


def write_gold(name: str) -> int:
    """Run ``real/make_gold.py``'s checks and writer on ``HERE/<name>``; its exit status."""
    if not _SET.fullmatch(name) or not (HERE / name / "labels.txt").is_file():
        print(f"{name!r}: no allergy set with a labels.txt under {HERE}", file=sys.stderr)
        return 2
    spec = importlib.util.spec_from_file_location("real_make_gold",
                                                  HERE / "real" / "make_gold.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.HERE = HERE / name  # same parser and checks, this set's labels, manifest and gold/
    return int(mod.main())


def main(argv: list[str] | None = None) -> int:
    """Write the gold of ``--set NAME`` (or every allergy set with ``--set all``)."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True, dest="name",
                    help="allergy set directory (allergy, allergy2, ...) or 'all'")
    args = ap.parse_args(argv)
    names = allergy_sets() if args.name == "all" else [args.name]
    return max((write_gold(n) for n in names), default=0)


if __name__ == "__main__":
    sys.exit(main())
