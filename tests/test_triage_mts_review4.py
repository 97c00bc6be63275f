"""Safety review 4 of the MTSamples triage round (2026-12-05): the bite-anaphylaxis entry's
person words excluded the PATIENT ("my child was bitten", "a woman bitten"), so a bite with
anaphylaxis features fell to 4 or 5; they now exclude only the biter. The adrenaline
auto-injector red flag: "never used" and a "Jext pen was used" wording. Levels pinned by hand."""

from __future__ import annotations

import pytest
from kb_entry import triage_record  # same folder


def _acuity(triager, text: str, setting: str = "primary_care") -> int:
    return triage_record(triager, text, setting).acuity


@pytest.mark.parametrize("setting", ["primary_care", "self", "ed"])
@pytest.mark.parametrize("text", [
    "My child was bitten by something at the park and now has hives all over and is vomiting.",
    "My toddler was bitten and now has hives everywhere and is vomiting.",
    "A woman bitten on the leg by an unknown insect while hiking now has widespread hives and "
    "is lightheaded.",
    "A 30-year-old man bitten on the hand while gardening, now pale, clammy and vomiting.",
    "My child was bitten by something and now her face is swollen and she feels faint.",
])
def test_a_bitten_patient_named_as_a_person_keeps_anaphylaxis(triager, text: str,
                                                              setting: str) -> None:
    assert _acuity(triager, text, setting) == 2


@pytest.mark.parametrize("text, expected", [
    # the biter is a person: the human-bite entry (same-day), as the round intended
    ("My son was bitten by another child at nursery, now vomiting.", 3),
    ("Bitten by a dog on the hand, now vomiting.", 3),
])
def test_a_person_or_animal_biter_is_a_bite_not_anaphylaxis(triager, text: str,
                                                            expected: int) -> None:
    assert _acuity(triager, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("My daughter has never used her EpiPen, she has a runny nose.", 4),
    ("Jext pen was used at school today after she ate nuts", 2),
    ("My son ate peanuts and I gave him his EpiPen", 2),
])
def test_auto_injector_used_now(triager, text: str, expected: int) -> None:
    assert _acuity(triager, text) == expected
