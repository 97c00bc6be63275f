"""ConText assertions (medspaCy + the project's extra rules) on pinned sentences."""

from __future__ import annotations

import pytest

from assistant.clinical.context import AssertionEngine, get_engine


@pytest.fixture(scope="module")
def engine() -> AssertionEngine:
    return get_engine()


def _status(engine: AssertionEngine, sentence: str, target: str) -> str:
    start = sentence.index(target)
    return engine.classify(sentence, [(start, start + len(target))])[0]


@pytest.mark.parametrize(("sentence", "target", "expected"), [
    ("Denies vomiting, syncope or palpitations.", "palpitations", "absent"),
    ("No fever.", "fever", "absent"),
    ("Skin:  No rashes.", "rashes", "absent"),                       # ": no" is forward here
    ("Doppler of the lower extremities negative   for DVT.", "DVT", "absent"),  # extra spaces
    ("His nausea and vomiting resolved.", "vomiting", "absent"),
    ("Allergies - none.", "Allergies", "absent"),
    ("The extremities are without edema.", "The extremities are without edema", "present"),
    ("CT thorax without contrast, status post liver transplant.", "liver transplant",
     "historical"),
    ("No biliary dilatation and positive for cholelithiasis.", "cholelithiasis", "present"),
    ("Father died of MI at age 58.", "MI", "family"),
    ("His daughter reports mild memory problems.", "memory problems", "present"),
    ("Family history of psoriasis.", "psoriasis", "family"),
    ("No family history of sudden cardiac death.", "sudden cardiac death", "absent"),
    ("Possible early seborrheic dermatitis.", "seborrheic dermatitis", "possible"),
    ("Return if fever develops.", "fever", "hypothetical"),
    ("Prior TIA in 2019.", "TIA", "historical"),
    ("Chest pain x 2 hours.", "Chest pain", "present"),
])
def test_assertions(engine: AssertionEngine, sentence: str, target: str, expected: str) -> None:
    assert _status(engine, sentence, target) == expected


def test_several_targets_and_overlaps(engine: AssertionEngine) -> None:
    s = "Denies chest pain but reports nausea."
    spans = [(7, 17), (30, 36), (7, 12)]  # overlapping spans are classified in separate passes
    assert engine.classify(s, spans) == ["absent", "present", "absent"]


def test_default_rules_are_weaker_on_a_known_case() -> None:
    # The reason for the extended rules: medspaCy's ": no" (backward) wins over "no" here.
    default = AssertionEngine(extended=False)
    s = "EXTREMITIES: No clubbing."
    assert _status(default, s, "clubbing") == "present"
    assert _status(get_engine(), s, "clubbing") == "absent"
