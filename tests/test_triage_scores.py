"""NEWS2 / qSOFA / shock index pinned on hand-computed examples (RCP NEWS2 chart 1, Sepsis-3)."""

from __future__ import annotations

import pytest

from assistant.triage.scores import (
    Vitals,
    compute_scores,
    ktas_modifier_floors,
    news2,
    news2_pulse,
    news2_respiratory_rate,
    news2_spo2_scale1,
    news2_spo2_scale2,
    news2_systolic_bp,
    news2_temperature,
    qsofa,
    score_floors,
    shock_index,
)


@pytest.mark.parametrize(("rr", "pts"), [(8, 3), (9, 1), (11, 1), (12, 0), (20, 0), (21, 2),
                                         (24, 2), (25, 3)])
def test_news2_respiratory_rate_bands(rr: int, pts: int) -> None:
    assert news2_respiratory_rate(rr) == pts


@pytest.mark.parametrize(("spo2", "pts"), [(91, 3), (92, 2), (93, 2), (94, 1), (95, 1), (96, 0)])
def test_news2_spo2_scale1_bands(spo2: int, pts: int) -> None:
    assert news2_spo2_scale1(spo2) == pts


@pytest.mark.parametrize(("spo2", "o2", "pts"), [(83, False, 3), (85, True, 2), (87, True, 1),
                                                 (88, True, 0), (92, True, 0), (93, False, 0),
                                                 (93, True, 1), (95, True, 2), (97, True, 3)])
def test_news2_spo2_scale2_bands(spo2: int, o2: bool, pts: int) -> None:
    assert news2_spo2_scale2(spo2, o2) == pts


@pytest.mark.parametrize(("sbp", "pts"), [(90, 3), (91, 2), (100, 2), (101, 1), (110, 1),
                                          (111, 0), (219, 0), (220, 3)])
def test_news2_sbp_bands(sbp: int, pts: int) -> None:
    assert news2_systolic_bp(sbp) == pts


@pytest.mark.parametrize(("hr", "pts"), [(40, 3), (41, 1), (50, 1), (51, 0), (90, 0), (91, 1),
                                         (110, 1), (111, 2), (130, 2), (131, 3)])
def test_news2_pulse_bands(hr: int, pts: int) -> None:
    assert news2_pulse(hr) == pts


@pytest.mark.parametrize(("t", "pts"), [(35.0, 3), (35.1, 1), (36.0, 1), (36.1, 0), (38.0, 0),
                                        (38.1, 1), (39.0, 1), (39.1, 2)])
def test_news2_temperature_bands(t: float, pts: int) -> None:
    assert news2_temperature(t) == pts


def test_news2_worked_example_unwell_patient() -> None:
    # RR 24 (2) + SpO2 93 on air (2) + air (0) + SBP 105 (1) + HR 115 (2) + alert (0)
    # + T 38.5 (1) = 8 -> high clinical risk.
    v = Vitals(respiratory_rate=24, spo2=93, on_oxygen=False, systolic_bp=105, heart_rate=115,
               avpu="A", temperature=38.5)
    total, parts = news2(v)
    assert total == 8
    assert parts == {"respiratory_rate": 2, "spo2": 2, "air_or_oxygen": 0, "systolic_bp": 1,
                     "heart_rate": 2, "consciousness": 0, "temperature": 1}


def test_news2_worked_example_normal_and_maximum() -> None:
    normal = Vitals(respiratory_rate=16, spo2=97, on_oxygen=False, systolic_bp=120,
                    heart_rate=70, avpu="A", temperature=37.0)
    assert news2(normal)[0] == 0
    worst = Vitals(respiratory_rate=8, spo2=90, on_oxygen=True, systolic_bp=85, heart_rate=135,
                   avpu="V", temperature=34.9)
    assert news2(worst)[0] == 20  # 3+3+2+3+3+3+3


def test_news2_scale2_copd_example() -> None:
    # COPD on 2 L O2 with target 88-92: RR 22 (2) + SpO2 90 scale 2 (0) + O2 (2) + SBP 130 (0)
    # + HR 95 (1) + alert (0) + T 37.5 (0) = 5.
    v = Vitals(respiratory_rate=22, spo2=90, on_oxygen=True, hypercapnic=True, systolic_bp=130,
               heart_rate=95, avpu="A", temperature=37.5)
    assert news2(v)[0] == 5


def test_news2_partial_and_empty() -> None:
    assert news2(Vitals()) == (None, {})
    s = compute_scores(Vitals(heart_rate=120))
    assert (s.news2, s.news2_params) == (2, 1)


def test_qsofa_examples() -> None:
    assert qsofa(Vitals(respiratory_rate=22, systolic_bp=100, avpu="C")) == 3
    assert qsofa(Vitals(respiratory_rate=21, systolic_bp=101, avpu="A")) == 0
    assert qsofa(Vitals(respiratory_rate=30, systolic_bp=140)) == 1
    assert qsofa(Vitals(heart_rate=80)) is None


def test_shock_index() -> None:
    assert shock_index(Vitals(heart_rate=120, systolic_bp=80)) == pytest.approx(1.5)
    assert shock_index(Vitals(heart_rate=120)) is None


def test_score_floors() -> None:
    v = Vitals(respiratory_rate=24, spo2=93, on_oxygen=False, systolic_bp=105, heart_rate=115,
               avpu="A", temperature=38.5)
    floors = score_floors(v, compute_scores(v))
    assert min(f.acuity for f in floors) == 2  # NEWS2 8 >= 7
    v = Vitals(respiratory_rate=16, spo2=97, systolic_bp=120, heart_rate=70, avpu="A")
    assert score_floors(v, compute_scores(v)) == []
    v = Vitals(avpu="U")
    assert min(f.acuity for f in score_floors(v, compute_scores(v))) == 1
    v = Vitals(respiratory_rate=24, systolic_bp=95)  # qSOFA 2: urgent, not a KTAS modifier
    assert [(f.acuity, f.name) for f in score_floors(v, compute_scores(v))] == [
        (3, "qSOFA >= 2 (sepsis risk)")]


@pytest.mark.parametrize(("vitals", "floor"), [
    # KTAS/CTAS first-order modifiers, band edges computed by hand.
    ({"spo2": 84}, 1), ({"spo2": 85}, 2), ({"spo2": 91}, 2), ({"spo2": 92}, 3),
    ({"spo2": 94}, 3), ({"spo2": 95}, None),
    ({"systolic_bp": 69}, 1), ({"systolic_bp": 89}, 2), ({"systolic_bp": 90}, None),
    ({"systolic_bp": 220}, 2), ({"heart_rate": 150}, 2), ({"heart_rate": 181}, 1),
    ({"respiratory_rate": 30}, 2), ({"avpu": "V"}, 2), ({"avpu": "U"}, 1),
    # fever + HR > 90 + RR > 20 looks septic (2); with one of them unwell (3); alone none
    ({"temperature": 38.5, "heart_rate": 95, "respiratory_rate": 21}, 2),
    ({"temperature": 38.5, "heart_rate": 95, "respiratory_rate": 20}, 3),
    ({"temperature": 38.5, "heart_rate": 90, "respiratory_rate": 20}, None),
    ({"temperature": 41.0}, 2),
])
def test_ktas_modifier_floors(vitals: dict, floor: int | None) -> None:
    v = Vitals(**vitals)
    floors = ktas_modifier_floors(v)
    assert min((f.acuity for f in floors), default=None) == floor


def test_news2_high_is_urgent_not_emergent_without_ktas_modifier() -> None:
    # NEWS2 = RR 23 (2) + SBP 105 (1) + HR 105 (1) + T 35.5 (1) = 5 -> floor 3 only.
    v = Vitals(respiratory_rate=23, systolic_bp=105, heart_rate=105, temperature=35.5,
               avpu="A", spo2=97)
    s = compute_scores(v)
    assert s.news2 == 5
    assert min(f.acuity for f in score_floors(v, s)) == 3
    assert score_floors(Vitals(spo2=90, hypercapnic=True),
                        compute_scores(Vitals(spo2=90, hypercapnic=True))) == []
