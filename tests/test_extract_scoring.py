"""eval.extraction.score on a hand-computed example; gold notes load."""

from __future__ import annotations

import pytest

from eval.extraction import load_gold, score

GOLD = {
    "problems": [{"text": "hypertension", "status": "present"},
                 {"text": "fever", "status": "absent"},
                 {"text": "colon cancer", "status": "family"}],
    "medications": [{"name": "metformin", "dose": "500 mg", "route": "PO", "frequency": "BID",
                     "status": "active"}],
    "allergies": [{"substance": "penicillin", "reaction": "hives"}],
    "vitals": [{"name": "heart_rate", "value": 88}, {"name": "temperature", "value": 36.9}],
    "labs": [{"name": "potassium", "value": 4.1, "unit": None, "flag": None}],
}
PRED = {
    "note_id": "n",
    "problems": [{"text": "hypertension", "status": "present", "span": [0, 3]},   # tp
                 {"text": "fever", "status": "present", "span": [5, 10]},         # tp, bad status
                 {"text": "colon cancer", "status": "present", "span": [12, 20]},  # fp (side)
                 {"text": "cough", "status": "absent", "span": [22, 27]}],         # fp
    "medications": [{"name": "Metformin", "dose": "500mg", "route": "PO", "frequency": "daily",
                     "status": "active", "span": [30, 40]}],
    "allergies": [],
    "vitals": [{"name": "heart_rate", "value": 88.0, "unit": "bpm", "raw": "HR 88",
                "span": [50, 55]},
               {"name": "temperature", "value": 37.5, "unit": "C", "raw": "T 37.5",
                "span": [56, 62]}],
    "labs": [{"name": "K", "value": 4.1, "span": [70, 75]}],
    "error": None,
}


def test_score_hand_computed() -> None:
    s = score([PRED], [GOLD])
    assert (s["problems.tp"], s["problems.fp"], s["problems.fn"]) == (2, 2, 1)
    assert s["problems.f1"] == pytest.approx(2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3))
    assert s["problems.status_accuracy"] == 0.5
    assert s["medications.f1"] == 1.0
    assert s["medications.attribute_accuracy"] == 0.75  # frequency wrong; "500mg" == "500 mg"
    assert (s["allergies.tp"], s["allergies.fn"]) == (0, 1)
    assert (s["vitals.tp"], s["vitals.fp"], s["vitals.fn"]) == (1, 1, 1)
    assert s["labs.f1"] == 1.0  # "K" is canonicalised to potassium
    tp, fp, fn = 2 + 1 + 0 + 1 + 1, 2 + 0 + 0 + 1 + 0, 1 + 0 + 1 + 1 + 0
    assert s["entity_micro_f1"] == pytest.approx(2 * tp / (2 * tp + fp + fn))


def test_gold_notes_load() -> None:
    gold = load_gold()
    assert len(gold) >= 30 and sum(n.startswith("ho_") for n, _, _ in gold) == 8
    for note_id, text, labels in gold:
        assert text.strip() and set(labels) == {"problems", "medications", "allergies",
                                                "vitals", "labs"}, note_id


def _allergy_counts(gold: list[str], pred: list[str]) -> tuple[int, int, int]:
    s = score([{"note_id": "n", "allergies": [{"substance": p} for p in pred]}],
              [{"allergies": [{"substance": g} for g in gold]}])
    return s["allergies.tp"], s["allergies.fp"], s["allergies.fn"]


def test_allergy_scorer_folds_plurals_as_the_problem_scorer() -> None:
    # guideline round 7: allergy substances use the problems' key (eval.extraction.concept_key):
    # singular and plural are one concept, a hyphen between words is a space
    assert _allergy_counts(["eggs"], ["egg"]) == (1, 0, 0)
    assert _allergy_counts(["strawberries"], ["strawberry"]) == (1, 0, 0)
    assert _allergy_counts(["ACE-inhibitors"], ["ACE inhibitor"]) == (1, 0, 0)
    assert _allergy_counts(["penicillin"], ["sulfa"]) == (0, 1, 1)


def test_problem_and_allergy_keys_are_one_function() -> None:
    from eval import extraction

    assert extraction.concept_key("Eggs") == extraction.concept_key("egg")
    assert extraction._problem_key("colon polyps") == extraction.concept_key("colon polyp")
