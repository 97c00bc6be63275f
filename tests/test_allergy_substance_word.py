"""The allergy word inside a written allergen is dropped as a whole word (issue 16).

Until the allergies split, ``substance_name`` read a shadowed, unanchored pattern that cut
"lactose intolerances" to "lactose s" and left "latex sensitivity" whole.
"""

import pytest

from assistant.clinical.allergies import substance_name


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("lactose intolerances", "lactose"),
        ("lactose intolerance", "lactose"),
        ("latex sensitivity", "latex"),
        ("Penicillin allergies", "penicillin"),
        ("sulfa allergy", "sulfa"),
        ("Sulfa drug allergy", "sulfa"),
        # near-misses: words that only contain the allergy word keep it
        ("allergen", "allergen"),
        ("Allergic", "allergic"),
        # the word alone is kept rather than emptied
        ("allergy", "allergy"),
    ],
)
def test_allergy_word_dropped_as_whole_word(written: str, expected: str) -> None:
    assert substance_name(written) == expected
