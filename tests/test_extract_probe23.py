"""Issue 16, probe23: the problem error classes fixed after the untuned score (probe README,
round 23), and the committed probe23 draw's consistency.

Each positive case failed before this round; the guards (near misses the rules must NOT read,
or must read as before) pass before and after. Expected values are pinned by hand from each
snippet's words; every item is checked against the words of its source span.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from extract_readers import (
    assert_exclusion_covers_other_sets,
    probe_rounds_from,  # same folder
    problems,
)
from extract_readers import jsonl_rows as _rows  # same folder
from extract_readers import problems_with_spans as _with_spans  # same folder

from assistant.clinical.vocabulary import get_vocabulary

_PROBE = Path(__file__).resolve().parents[1] / "eval" / "data" / "extraction" / "probe"


# 1. vocabulary rows (problems.tsv probe23 block; ICD-10-CM / HPO wordings)
@pytest.mark.parametrize(("text", "expected"), [
    ("ENDOCRINE:  No excessive urination or excessive thirst.",
     {"polyuria": ("absent", "excessive urination"),
      "polydipsia": ("absent", "excessive thirst")}),
    ("EYES:  Patient denies any visual symptoms.",
     {"visual changes": ("absent", "visual symptoms")}),
    ("EARS:  No difficulties with hearing.",
     {"hearing loss": ("absent", "difficulties with hearing")}),
    ("We discovered new T-wave abnormalities on her EKG.",
     {"t wave abnormality": ("present", "T-wave abnormalities")}),
    ("5.  Protein malnourishment improving.",
     {"malnutrition": ("present", "Protein malnourishment")}),
    ("He had a left tibial plateau fracture.",
     {"tibial plateau fracture": ("present", "tibial plateau fracture")}),
    ("2.  Subacromial spur with impingement syndrome, right shoulder.",
     {"bone spur": ("present", "Subacromial spur"),
      "shoulder impingement": ("present", "impingement syndrome")}),
    ("11.  Episodic mood disorder.", {"mood disorder": ("present", "Episodic mood disorder")}),
    ("GU:  No urinary hesitancy or dribbling.",
     {"urinary hesitancy": ("absent", "urinary hesitancy"),
      "urinary dribbling": ("absent", "dribbling")}),
])
def test_probe23_vocabulary_rows(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _with_spans(extractor, text) == expected


def test_probe23_vocabulary_rows_fold_for_the_scorer() -> None:
    v = get_vocabulary(use_icd=False)
    assert v.lookup("excessive thirst").name == "polydipsia"
    assert v.lookup("visual symptoms").name == "visual changes"
    assert v.lookup("difficulties with hearing").name == "hearing loss"
    assert v.lookup("protein malnourishment").name == "malnutrition"
    assert v.lookup("malnutrition").name == "malnutrition"
    assert v.lookup("subacromial spur").name == "bone spur"
    # guards: the rows already there keep their own concepts
    assert v.lookup("T wave inversion").name == "T wave inversion"
    assert v.lookup("visual disturbances").name == "visual changes"
    assert v.lookup("difficulty hearing").name == "hearing loss"
    assert v.lookup("polyuria").name == "polyuria"
    assert v.lookup("fracture").name == "fracture"


@pytest.mark.parametrize(("text", "expected"), [
    # near misses: no new finding from words that only look alike
    ("No T wave inversion.", {"T wave inversion": "absent"}),
    ("He has a fracture of the left radius.", {"radius fracture": "present"}),
    ("Patient denies any visual disturbance.", {"visual changes": "absent"}),
    ("He is thirsty after soccer practice.", {}),
    # impingement named for a nerve, no shoulder near it (corpus, mts-1960)
    ("PRE-OPERATIVE DIAGNOSIS:  Superior Gluteal Neuralgia/Neurapraxia-impingement Syndrome.",
     {"neuralgia": "present"}),
    ("Joint pain involving the left shoulder, probably impingement syndrome.",
     {"joint pain": "present", "shoulder impingement": "possible"}),
])
def test_probe23_vocabulary_near_misses(extractor, text: str,  # noqa: ANN001
                                        expected: dict) -> None:
    assert problems(extractor, text) == expected


# 2. a diagnosis named as one to consider, the hedge after it
@pytest.mark.parametrize(("text", "expected"), [
    ("IMPRESSION: Hemangioma should be considered in the differential diagnosis.",
     {"hemangioma": ("possible", "Hemangioma")}),
    ("Lymphoma is in the differential.", {"lymphoma": ("possible", "Lymphoma")}),
    # (one concept, merged: the first mention's span, "may be" hedged too)
    ("The mass may be a hemangioma. Hemangioma should also be considered.",
     {"hemangioma": ("possible", "hemangioma")}),
    # only the condition right before the hedge
    ("Lymphoma and leukemia should be considered.",
     {"lymphoma": ("present", "Lymphoma"), "leukemia": ("possible", "leukemia")}),
])
def test_considered_diagnosis_is_possible(extractor, text: str,  # noqa: ANN001
                                          expected: dict) -> None:
    assert _with_spans(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a treatment or plan considered: the condition before it stays present
    ("Pneumonia and admission should be considered.", {"pneumonia": "present"}),
    ("He has hypertension. Treatment should be considered.", {"hypertension": "present"}),
    # "considered" + a state word is no hedge
    ("Diabetes should be considered controlled.", {"diabetes mellitus": "present"}),
    # a diagnosis before another sentence's hedge keeps its own status
    ("He has diabetes. Insulin should be considered.", {"diabetes mellitus": "present"}),
])
def test_considered_near_misses(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# draw consistency (frozen: the manifest's probe23 rows, the frozen exclusion list)
_DRAWN_AFTER_TRIAGE = ("mts10_manifest.jsonl",)


def test_probe23_excludes_every_earlier_set() -> None:
    frozen = json.loads((_PROBE / "exclude23.json").read_text(encoding="utf-8"))
    excluded, shas = set(frozen["source_ids"]), set(frozen["sha256_raw"])
    rows = _rows(_PROBE / "manifest.jsonl")
    new = [r for r in rows if r["split"] == "probe23"]
    assert len(new) == 12
    assert not {r["source_id"] for r in new} & excluded
    assert not {r["sha256_raw"] for r in new} & shas
    assert {r["source_id"] for r in rows if r["split"] not in probe_rounds_from(rows, 23)} <= excluded  # later rounds: drawn later
    # mts10 (issue 21's triage probe) was drawn at the same time with its own frozen
    # exclusion; a shared note carries triage labels there and extraction labels here.
    assert_exclusion_covers_other_sets(_PROBE, excluded, {r["source_id"] for r in new},
                                       triage_drawn_after=_DRAWN_AFTER_TRIAGE)


def test_probe23_labels_and_gold_cover_the_manifest() -> None:
    ids = {r["id"] for r in _rows(_PROBE / "manifest.jsonl") if r["split"] == "probe23"}
    text = (_PROBE / "labels.txt").read_text(encoding="utf-8")
    block = text[text.index("# ---- probe23"):].split("# ---- probe24")[0]  # the next round's block
    assert {ln.split()[1] for ln in block.splitlines() if ln.startswith("== ")} == ids
    for nid in ids:
        gold = json.loads((_PROBE / "gold" / f"{nid}.json").read_text(encoding="utf-8"))
        assert gold["problems"]
