"""Each allergy probe draw reproduces its committed (frozen) manifest.

A draw excludes only the sets drawn before it (``eval.extraction_real.DRAWN_BEFORE``); when it
read every sibling manifest instead, each later set changed the earlier draws' output. Needs
the MTSamples CSV (not shipped): skipped when the shared data folder is absent.
"""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

import eval.extraction_real as er

ROOT = Path(__file__).resolve().parents[1]
SETS = ("allergy", "allergy2", "allergy3", "allergy4", "allergy5", "allergy6", "allergy7",
        "allergy8", "allergy9")


def _shared_data() -> Path | None:
    """The developers' shared data folder beside the checkout, or beside a worktree's parent."""
    for up in Path(__file__).resolve().parents[1:4]:
        cand = up / "shared" / "data"
        if (cand / er.MTS_CSV).is_file():
            return cand
    return None


SHARED = _shared_data()


@pytest.mark.skipif(SHARED is None, reason="shared data (MTSamples) not present")
@pytest.mark.parametrize("name", SETS)
def test_draw_reproduces_its_manifest(name: str) -> None:
    here = ROOT / "eval" / "data" / "extraction" / name
    draw = runpy.run_path(str(here / "draw.py"))["draw"]
    want = [json.loads(x) for x in (here / "manifest.jsonl").read_text(encoding="utf-8")
            .splitlines() if x.strip()]
    assert draw(SHARED) == want


def test_each_draw_excludes_only_earlier_sets() -> None:
    # every set a draw excludes was itself drawn earlier: no draw names a later one
    order = list(er.DRAWN_BEFORE)
    for i, name in enumerate(order):
        assert name not in er.DRAWN_BEFORE[name]
        assert not set(order[i:]) & set(er.DRAWN_BEFORE[name])
