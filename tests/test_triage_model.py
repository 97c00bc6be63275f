"""Complaint categories, the KTAS-style feature bands, the decision rule and extra floors."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.triage.complaints import complaint_categories
from assistant.triage.floors import collect_floors
from assistant.triage.model import FEATURES, cost_matrix, decide, numeric_features
from assistant.triage.parse import parse_case


@pytest.mark.parametrize(("complaint", "expected"), [
    ("ant. chest pain", {"chest_pain"}),
    ("Lt. hemiparesis", {"neuro_deficit"}),
    ("DZ - Dizziness", {"dizziness"}),
    ("f/c, c/s", {"fever"}),
    ("melena", {"gi_bleed"}),
    ("RLQ pain", {"abdominal_pain"}),
    ("for ascites tapping", {"procedure_admin"}),
    ("?? ???", {"unreadable"}),
    ("runny nose and sneezing, no fever", {"cough_uri", "eye_ent_dental"}),  # fever negated
])
def test_complaint_categories(complaint: str, expected: set[str]) -> None:
    got = {k for k, v in complaint_categories(complaint).items() if v}
    assert got == expected


def test_ktas_feature_bands_by_hand() -> None:
    p = parse_case({"id": "f", "text": "fever", "age": 40, "vitals": {
        "temperature": 38.6, "heart_rate": 112, "respiratory_rate": 22, "systolic_bp": 88,
        "spo2": 93}})
    f = numeric_features(p)
    assert len(f) == len(FEATURES)
    # SIRS: HR > 90, RR > 20, T >= 38 -> 3; SBP 88 < 90 and <= 100; SpO2 93 < 95 only.
    assert (f["sirs_count"], f["fever_sirs3"], f["fever_hr_ge100"]) == (3.0, 1.0, 1.0)
    assert (f["sbp_lt90"], f["sbp_le100"], f["sbp_ge200"]) == (1.0, 1.0, 0.0)
    assert (f["spo2_lt90"], f["spo2_lt92"], f["spo2_lt95"]) == (0.0, 0.0, 1.0)
    assert (f["rr_ge22"], f["rr_ge24"], f["cc_fever"], f["cc_unreadable"]) == (1.0, 0.0, 1.0, 0.0)


def test_decide_with_high_acuity_threshold() -> None:
    probs = np.array([[0.02, 0.05, 0.13, 0.7, 0.1],   # P(1-2) = 0.07
                      [0.0, 0.03, 0.17, 0.7, 0.1]])   # P(1-2) = 0.03
    costs = cost_matrix(1.0, 0.0)
    # expected cost argmin (w_under 1) is 4 for both rows; t_high 0.05 lifts row 1 to 2.
    assert decide(probs, costs).tolist() == [4, 4]
    assert decide(probs, costs, 0.05).tolist() == [2, 4]
    assert decide(probs, costs, 0.02).tolist() == [2, 2]
    # never makes a case less urgent than the cost rule says
    assert decide([[0.9, 0.05, 0.05, 0.0, 0.0]], costs, 0.05).tolist() == [1]


def test_pain_and_unreadable_floors() -> None:
    fr = collect_floors(parse_case({"id": "p", "text": "left knee pain",
                                    "vitals": {"pain": 8}}))
    assert fr.acuity == 3 and [f.name for f in fr.floors] == ["severe pain (NRS >= 8)"]
    assert collect_floors(parse_case({"id": "p", "text": "knee pain",
                                      "vitals": {"pain": 7}})).acuity == 5
    fr = collect_floors(parse_case({"id": "u", "text": "?? ???"}))
    assert fr.acuity == 2 and fr.floors[-1].name == "complaint unreadable"


def test_oracle_bound_by_hand():
    from finetune.classifiers.triage import oracle_bound

    y = np.array([1, 2, 2, 3, 4, 5])
    p12 = np.array([0.9, 0.2, 0.6, 0.5, 0.1, 0.3])
    # 60% of three gold 1-2 -> two must be caught -> threshold 0.6 flags cases 0 and 2; the
    # gold-4 case is forced to 3 by its floor: right = 1, 0, 1, 1, 0, 1
    assert oracle_bound(p12, np.array([5, 5, 5, 5, 3, 5]), y, 0.6) == round(4 / 6, 4)
    # a floor at 2 catches case 1, so all three are caught with threshold 0.6; then a gold-3
    # case above the threshold is over-triaged
    floors = np.array([5, 2, 5, 5, 5, 5])
    assert oracle_bound(p12, floors, y, 1.0) == 1.0
    p12[3] = 0.7
    assert oracle_bound(p12, floors, y, 1.0) == round(5 / 6, 4)
