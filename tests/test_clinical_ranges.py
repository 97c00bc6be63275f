"""Physiologic plausibility ranges: NaN, infinities and impossible vitals never get scored."""

from __future__ import annotations

import math
import re

import pytest

from assistant.clinical.labs import find_labs
from assistant.clinical.ranges import PLAUSIBLE, check_vital, implausible_reason, is_finite_number
from assistant.errors import InputError
from assistant.triage.parse import parse_case


@pytest.mark.parametrize(("name", "value", "phrase"), [
    ("heart_rate", float("nan"), "vitals.heart_rate = nan is not a finite number"),
    ("heart_rate", float("inf"), "vitals.heart_rate = inf is not a finite number"),
    ("heart_rate", -5, "vitals.heart_rate = -5 /min is outside the plausible range 20-350"),
    ("systolic_bp", 0, "vitals.systolic_bp = 0 mmHg is outside the plausible range 20-300"),
    ("spo2", 150, "vitals.spo2 = 150 % is outside the plausible range 30-100"),
    ("temperature", 98.6, "vitals.temperature = 98.6 degrees C is outside"),
    ("respiratory_rate", 0, "vitals.respiratory_rate = 0 /min is outside"),
])
def test_impossible_values_are_data_errors(name: str, value: float, phrase: str) -> None:
    with pytest.raises(InputError) as exc:
        check_vital(name, value)
    assert str(exc.value).startswith(phrase)


@pytest.mark.parametrize(("name", "value"), [
    ("heart_rate", 20), ("heart_rate", 350), ("systolic_bp", 60), ("spo2", 100),
    ("spo2", 70), ("temperature", 13.7), ("temperature", 41.5), ("respiratory_rate", 4)])
def test_extreme_but_possible_values_pass(name: str, value: float) -> None:
    assert check_vital(name, value) == float(value)


def test_helpers() -> None:
    assert check_vital("spo2", None) is None
    assert set(PLAUSIBLE) >= {"systolic_bp", "diastolic_bp", "heart_rate", "respiratory_rate",
                              "temperature", "spo2"}
    assert implausible_reason("heart_rate", True) == "vitals.heart_rate must be a number, got bool"
    assert implausible_reason("heart_rate", 10 ** 400).endswith("is not a finite number")
    assert [is_finite_number(x) for x in (1, 2.5, math.nan, math.inf, True, "3", 10 ** 400)] \
        == [True, True, False, False, False, False, False]


@pytest.mark.parametrize(("vitals", "phrase"), [
    ({"heart_rate": float("nan")}, "vitals.heart_rate = nan is not a finite number"),
    ({"heart_rate": "NaN"}, "vitals.heart_rate = nan is not a finite number"),
    ({"heart_rate": "1e309"}, "vitals.heart_rate = inf is not a finite number"),
    ({"heart_rate": -5}, "vitals.heart_rate = -5 /min is outside"),
    ({"systolic_bp": 0}, "vitals.systolic_bp = 0 mmHg is outside"),
    ({"spo2": 150}, "vitals.spo2 = 150 % is outside"),
])
def test_triage_refuses_unusable_structured_vitals(vitals: dict, phrase: str) -> None:
    with pytest.raises(InputError, match="^" + re.escape(phrase)):
        parse_case({"id": "c", "text": "short of breath", "vitals": vitals})


def test_triage_keeps_plausible_structured_vitals() -> None:
    p = parse_case({"id": "c", "text": "chest pain", "vitals": {"heart_rate": 104,
                                                               "spo2": "95", "temperature": 38.2}})
    assert (p.vitals.heart_rate, p.vitals.spo2, p.vitals.temperature) == (104.0, 95.0, 38.2)


def test_labs_never_read_non_finite_or_exponent_values() -> None:
    assert find_labs("troponin 1e309 ng/mL") == []
    assert find_labs("troponin 1E-3 ng/mL") == []  # not "1"
    assert find_labs("potassium " + "9" * 400 + " mmol/L") == []  # overflows to inf
    (k,) = find_labs("potassium 5.9 mmol/L")
    assert k.value == 5.9 and k.flag == "high"
