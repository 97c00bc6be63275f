"""Review 8: the lines under an allergen line are one block (allergies.py `_read_on`).

Review 6 made bare drug names under "ALLERGIES: Penicillin." stop the list (a medication list
run on), but it stopped at the first bare line, so allergies after it were lost ("Codeine" then
"Sulfa": sulfa lost). A block with any reaction or class/non-drug allergen is an allergy list
and every line counts; a block of bare names only still gives the first line's allergen.
Expected values written by hand; the first three failed on f751bc9.
"""

from __future__ import annotations

import pytest

CASES = [
    ("ALLERGIES: Penicillin\nCodeine\nSulfa\n\nMEDICATIONS: none",
     ["penicillin", "codeine", "sulfa"]),
    ("ALLERGIES: Penicillin (rash)\nNSAIDs\nMorphine\nLatex\n",
     ["penicillin", "nsaids", "morphine", "latex"]),
    ("ALLERGIES: Sulfa.\nCodeine - vomiting\nAspirin\n", ["sulfa", "codeine", "aspirin"]),
    # review 6 guards: bare drug names, a medication title, a sentence: first allergen only
    ("ALLERGIES: Penicillin.\nMetoprolol\nLisinopril\nAspirin", ["penicillin"]),
    ("ALLERGIES: Penicillin\nHome medication list\nLasix\nMetformin", ["penicillin"]),
    ("ALLERGIES: Penicillin\nShe takes\nLasix", ["penicillin"]),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_block_under_allergen_line(extractor, text: str, want: list[str]) -> None:
    out = extractor.extract(text, "n")
    got = [a.substance for a in out.allergies]
    assert got == want
    for a in out.allergies:  # every allergen keeps its exact source span
        assert text[a.span[0]:a.span[1]].strip()
    assert not {m.name for m in out.medications} & set(want)
