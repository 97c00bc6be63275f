"""Issue 16, NegEx round 6: pipeline-level classes of the NegEx end-to-end misses on the
tuning two thirds of the dev reports, each pinned on a short synthetic snippet written for
this test (no NegEx or real-note text). Expected items are hand-pinned: name, status and the
text of the span; each positive failed on the code before the round. Each class has near-miss
guards: look-alike text that must give no item (or keep its other reading)."""

from __future__ import annotations

import pytest

from assistant.extract.pipeline import Extractor


def _problems(extractor: Extractor, text: str) -> dict[str, tuple[str, str]]:
    rec = extractor.extract(text, "t")
    return {p.text: (p.status, text[p.span[0]:p.span[1]]) for p in rec.problems}


# --------------------------------------- findings stated in an ED course are the patient's
@pytest.mark.parametrize("text, expected", [
    ("ED COURSE: EKG shows atrial fibrillation with rapid ventricular response.",
     {"atrial fibrillation": ("present", "atrial fibrillation")}),
    ("ED COURSE: X-rays demonstrate a fracture of the left radius.",
     {"radius fracture": ("present", "fracture of the left radius")}),
    ("ED COURSE: The patient likely has pneumonia.",
     {"pneumonia": ("possible", "pneumonia")}),
    ("ED COURSE: CT of the head was negative for hemorrhage.",
     {"bleeding": ("absent", "hemorrhage")}),
    ("ER course: she was given ondansetron 4 mg IV for nausea.",
     {"nausea": ("present", "nausea")}),
])
def test_ed_course_findings(extractor: Extractor, text: str, expected: dict) -> None:
    assert _problems(extractor, text) == expected


def test_ed_course_drugs_stay_given_not_problems(extractor: Extractor) -> None:
    """Near miss: drugs given in the ED course are ``given`` medications, not problems."""
    text = "ED COURSE: The patient was given ondansetron 4 mg IV and morphine 4 mg IV."
    rec = extractor.extract(text, "t")
    assert rec.problems == []
    assert [(m.name, m.status) for m in rec.medications] == [("ondansetron", "given"),
                                                             ("morphine", "given")]


@pytest.mark.parametrize("text", [
    "ED COURSE: He was told to return if he develops chest pain or fever.",  # precautions
    "ED COURSE: We discussed the risk of bleeding with the patient.",        # consent risks
])
def test_ed_course_guards(extractor: Extractor, text: str) -> None:
    assert _problems(extractor, text) == {}
