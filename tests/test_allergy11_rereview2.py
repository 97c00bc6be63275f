"""Issue 16, allergy11 second re-review (lead): the loose exception words after a spoken NKA.

"I'm not allergic to anything, only / just / well / actually / but <drug>" read the drug as the
allergy and took it off the medication list. A dose, a schedule, a reason ("for pain"), a
taking verb or a medication noun in the sentence makes it a medication taken (loose words:
only, just, well, actually, wait); the strong words (except, besides, other than, excluding,
but + the item) read only their first item, so a drug taken after a comma stays a medication.
Expected values worked out by hand from those rules.
"""

from __future__ import annotations

import pytest


def _rec(extractor, text: str):  # noqa: ANN001, ANN202
    rec = extractor.extract(text, "t")
    alls = [(a.substance, a.reaction) for a in rec.allergies]
    meds = {m.name: m.status for m in rec.medications}
    for a in rec.allergies:
        assert 0 <= a.span[0] < a.span[1] <= len(text)
        assert meds.get(a.substance) not in ("active", "new")
    return alls, rec.no_known_allergies, meds


@pytest.mark.parametrize("text, drugs", [
    ("I'm not allergic to anything, only metformin for diabetes.", ["metformin"]),
    ("I'm not allergic to anything, only metformin 500 mg twice a day.", ["metformin"]),
    ("I'm not allergic to anything, just metformin and lisinopril for my pressure.",
     ["metformin", "lisinopril"]),
    ("I'm not allergic to anything, just Tylenol for pain.", ["acetaminophen"]),
    ("[patient] i 'm not allergic to anything , just metformin daily .", ["metformin"]),
    ("[patient] i 'm not allergic to anything , only lisinopril , that 's my only medicine .",
     ["lisinopril"]),
    ("I'm not allergic to anything, actually metformin is the only thing I take.", ["metformin"]),
    ("I'm not allergic to anything, well, metformin I take daily.", ["metformin"]),
    ("I'm not allergic to anything but metformin is my only medication.", ["metformin"]),
])
def test_loose_exception_with_a_medication_cue_is_a_drug_taken(extractor, text: str,
                                                                drugs: list[str]) -> None:  # noqa: ANN001
    alls, nka, meds = _rec(extractor, text)
    assert alls == []
    assert nka is None  # no NKA either: the exception word leaves it open
    for d in drugs:
        assert meds.get(d) == "active", (d, meds)


@pytest.mark.parametrize("text, allergy, kept", [
    ("I'm not allergic to anything, excluding penicillin.", ("penicillin", None), {}),
    ("I'm not allergic to anything but penicillin.", ("penicillin", None), {}),
    ("I'm allergic to nothing but shellfish.", ("shellfish", None), {}),
    ("She is not allergic to anything except penicillin.", ("penicillin", None), {}),
    ("[patient] i 'm not allergic to anything , just penicillin .", ("penicillin", None), {}),
    ("[patient] i 'm not allergic to anything , well , penicillin .", ("penicillin", None), {}),
    ("I'm not allergic to anything except for, um, sulfa.", ("sulfa", None), {}),
    ("I'm not allergic to anything except penicillin, I take amoxicillin instead.",
     ("penicillin", None), {"amoxicillin": "active"}),
    ("[patient] i 'm not allergic to anything , except penicillin , it gives me hives .",
     ("penicillin", "hives"), {}),
])
def test_excepted_allergen(extractor, text: str, allergy: tuple, kept: dict) -> None:  # noqa: ANN001
    alls, nka, meds = _rec(extractor, text)
    assert alls == [allergy]
    assert nka is False
    for d, st in kept.items():
        assert meds.get(d) == st, (d, meds)
