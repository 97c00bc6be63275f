"""Review 7 of the probe11 fix (rules path): "did not work" with another subject, a motor
grade read as the plantar response, the "for" guard of the template sign form, the other-side
window, the bare eponym form across a line, and coordinated parts after a finding.

Each case is a short synthetic snippet (the reviewer's examples); expected items, statuses and
spans are pinned by hand. Every case marked MUST/SHOULD fails on b23e4d8 (main before the fix).
"""

from __future__ import annotations

import pytest

# the review4 file's readers (same folder): problem -> (status, span words), med -> status
from test_extract_review4_p11 import _items, _meds

from assistant.extract.pipeline import Extractor


# ------------------------------------------ MUST 1: "did not work" needs the drug as subject
@pytest.mark.parametrize(("text", "expected"), [
    ("On Lipitor since diet did not work.", {"atorvastatin": "active"}),
    ("Metformin was started when diet did not work.", {"metformin": "new"}),
    ("Insulin was started as oral agents did not work.", {"insulin": "new"}),
    # a later "continued" wins over the drug's own failure for another problem
    ("Aspirin, which did not work for her headache, was continued.", {"aspirin": "active"}),
    # SHOULD: the next sentence says the drug is still taken
    ("Prozac did not work. She still takes it.", {"fluoxetine": "active"}),
])
def test_did_not_work_other_subject(extractor: Extractor, text: str,
                                    expected: dict[str, str]) -> None:
    assert _meds(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # guards: the drug's own failure still reads as a failed trial
    ("Prozac did not work.", {"fluoxetine": "discontinued"}),
    ("Tried Prozac for six weeks but it did not work.", {"fluoxetine": "discontinued"}),
    ("Zoloft, which did not work, was stopped.", {"sertraline": "discontinued"}),
    ("Prozac did not work, still depressed.", {"fluoxetine": "active"}),
    ("Prozac did not work. She still has headaches.", {"fluoxetine": "discontinued"}),
])
def test_did_not_work_guards(extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    assert _meds(extractor, text) == expected


# ---------------------------------------------- MUST 2: a motor grade is no plantar response
@pytest.mark.parametrize(("text", "expected"), [
    ("Great toe extensor 4/5.", {}),
    ("Toe flexor and toe extensor are 5/5.", {}),
    # guards: the plantar response still reads
    ("Toes are downgoing bilaterally. Strength 4/5 in the left leg.",
     {"babinski sign": ("absent", "Toes are downgoing")}),
    ("Great toe extensor bilaterally.", {"babinski sign": ("present", "Great toe extensor")}),
])
def test_plantar_not_a_motor_grade(extractor: Extractor, text: str,
                                   expected: dict[str, tuple[str, str]]) -> None:
    got = {k: v for k, v in _items(extractor, text).items() if k == "babinski sign"}
    assert got == expected


# ------------------------------- MUST 3 and SHOULD: the sign forms and the other-side window
@pytest.mark.parametrize(("text", "expected"), [
    # MUST 3: "for" after the result blocks only the "Name: result" template form
    ("Murphy's sign was positive for cholecystitis.",
     {"murphy sign": ("present", "Murphy's sign was positive"),
      "cholecystitis": ("present", "cholecystitis")}),
    ("Murphy: negative for pain.", {"pain": ("absent", "pain")}),
    # SHOULD: the other side's window stops at ";" or another eponym
    ("Babinski is negative bilaterally; Hoffmann positive on the right.",
     {"babinski sign": ("absent", "Babinski is negative"),
      "hoffmann sign": ("present", "Hoffmann positive")}),
    ("Romberg negative, Babinski positive.",
     {"romberg sign": ("absent", "Romberg negative"),
      "babinski sign": ("present", "Babinski positive")}),
    ("Babinski negative on the right, positive on the left.", {}),
    ("Right plantar downgoing; left plantar equivocal.", {}),
    # SHOULD: the bare "Name result" form stays on one line
    ("Dr. Wilson\nPositive bowel sounds.", {}),
])
def test_sign_forms(extractor: Extractor, text: str,
                    expected: dict[str, tuple[str, str]]) -> None:
    got = {k: v for k, v in _items(extractor, text).items()
           if k.endswith(" sign") or k in ("cholecystitis", "pain")}
    assert got == expected


# ------------------------------------------ SHOULD: coordinated parts after a finding
@pytest.mark.parametrize(("text", "expected"), [
    # one part's item would hide the other's bleeding: the bare bleeding (R58) stays
    ("Bleeding from the mouth or nose.", {"bleeding": ("present", "Bleeding")}),
    # the second part is not read: its span would cover the first part's words
    ("Discharge from the nose and ears.", {"rhinorrhea": ("present", "Discharge from the nose")}),
    ("No discharge from the ears or nose.",
     {"ear discharge": ("absent", "discharge from the ears")}),
    # guard: one part still reads
    ("Bleeding from the mouth.", {"oral bleeding": ("present", "Bleeding from the mouth")}),
])
def test_coordinated_parts(extractor: Extractor, text: str,
                           expected: dict[str, tuple[str, str]]) -> None:
    assert _items(extractor, text) == expected
