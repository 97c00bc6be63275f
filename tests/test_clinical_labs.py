"""Lab grammar: name, value, unit, flag on pinned examples."""

from __future__ import annotations

import pytest

from assistant.clinical.labs import canonical_lab_name, find_labs


def _labs(text: str) -> list[tuple]:
    return [(lab.name, lab.value, lab.unit, lab.flag) for lab in find_labs(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Troponin I 0.45 ng/mL (H)", [("troponin I", 0.45, "ng/mL", "high")]),
    ("K 4.1, Cr 1.1, glucose 212 (H)", [("potassium", 4.1, None, None),
                                         ("creatinine", 1.1, None, None),
                                         ("glucose", 212.0, None, "high")]),
    ("BNP on admission was 1840 pg/mL", [("BNP", 1840.0, "pg/mL", "high")]),
    ("Potassium was low at 3.3 and was repleted.", [("potassium", 3.3, None, "low")]),
    ("Plt 96 K (L), AST 88 (H)", [("platelets", 96.0, "K", "low"), ("AST", 88.0, None, "high")]),
    ("troponin T <0.01.", [("troponin T", 0.01, None, None)]),
    ("HbA1c 8.4% (H)", [("hemoglobin A1c", 8.4, "%", "high")]),
    ("Na 133 (L), vitamin B12 310", [("sodium", 133.0, None, "low"),
                                     ("vitamin B12", 310.0, None, None)]),
    ("lactate 2.9 mmol/L (H) down from 5.1", [("lactate", 2.9, "mmol/L", "high")]),
    ("WBC of 12,000", [("WBC", 12000.0, None, "high")]),
    ("potassium 6.9 critical high", [("potassium", 6.9, None, "critical_high")]),
    ("Magnesium 1.5", [("magnesium", 1.5, None, "low")]),  # flag from the reference range
])
def test_lab_grammar(text: str, expected: list[tuple]) -> None:
    assert _labs(text) == expected


@pytest.mark.parametrize("text", [
    "keep K > 4 and Mg > 2.", "Transfuse to Hgb > 7.", "vitamin D 400 IU PO daily",
    "Calcium carbonate 600 mg", "PT referral for gait", "Pain 5/10",
])
def test_not_labs(text: str) -> None:
    assert find_labs(text) == []


def test_span_and_canonical_names() -> None:
    text = "Labs: Hgb 7.1 (L) from baseline 11."
    lab = find_labs(text)[0]
    assert text[lab.span[0]:lab.span[1]] == "Hgb 7.1 (L)" == lab.raw
    assert canonical_lab_name("Hgb") == "hemoglobin"
    assert canonical_lab_name("creatinine") == "creatinine"
