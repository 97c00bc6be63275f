"""Review findings on the round-5 self-care rules (issue 21), pinned: each presentation was
self-care (acuity 5) on the code the review read and must not be."""

from __future__ import annotations

import pytest

from assistant.clinical.context import clause_negated


@pytest.mark.parametrize("text", [
    # a measured fever with a swollen joint may be septic arthritis (NHS Septic arthritis)
    "30-year-old presents with right knee pain for 2 days after jogging, temperature 38.9, "
    "knee swollen",
    # a swollen joint on an anticoagulant may be a bleed into it
    "32-year-old presents with knee pain after kneeling for 2 days, on warfarin, knee swollen",
    # a fever with a rash is not reassured away by "appears well"
    "A 19-year-old student presents with fever and a rash for 1 day, appears well",
    # "in no acute distress" negates only the distress: the jaw pain on exertion still blocks
    "A 50-year-old presents with shoulder pain after gardening yesterday, in no acute distress, "
    "pain also in the jaw on exertion",
    # fever on a drug that can cause agranulocytosis (MHRA/BNF)
    "A 20-year-old presents with fever 39.4 for 1 day, appears well, on carbimazole",
    "A 20-year-old presents with sore throat and fever for 2 days, appears well, takes clozapine",
])
def test_not_self_care(triager, text: str) -> None:  # noqa: ANN001
    rec = triager.triage({"id": "x", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity == 4


def test_overuse_elbow_pain_stays_self_care(triager) -> None:  # noqa: ANN001
    text = ("33-year-old presents for evaluation of right elbow pain for 4 days after more use "
            "of a pottery wheel, no injury, no numbness.")
    rec = triager.triage({"id": "x", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity == 5


def test_no_acute_distress_negates_only_distress() -> None:
    text = "in no acute distress, pain also in the jaw"
    assert clause_negated(text, text.index("distress"), text.index("distress") + 8)
    assert not clause_negated(text, text.index("jaw"), text.index("jaw") + 3)
