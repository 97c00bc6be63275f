"""Re-review of the probe20 and told-reaction fix rounds (issue 16), ninth round.

Each case is a fault the re-review found, with the expected reading computed by hand: an order
not to give a drug is a hold as strong as any other cue (a weak hold lost to a bare dose line or
a history mention); the words between the order and the drug never run across "with" or an
amount word; C. difficile named with its disease is never a test order; "not tolerated" and
"switched from <another drug>" are no avoidance of the told drug.
"""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.extract.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(use_llm=False))


def _meds(extractor: Extractor, text: str) -> dict[str, str | None]:
    return {m.name: m.status for m in extractor.extract(text, "x").medications}


@pytest.mark.parametrize(("text", "want"), [
    # a strong hold: the order wins over an uncued or a history mention, loses to a later
    # explicit continue
    ("Do not give heparin. Platelets fell after heparin exposure.", {"heparin": "held"}),
    ("Do not give ketorolac. Ketorolac 30 mg IV q6h prn pain.", {"ketorolac": "held"}),
    ("Ketorolac 30 mg IV q6h prn pain. Do not give ketorolac.", {"ketorolac": "held"}),
    ("Continue digoxin 0.125 mg daily. Do not give digoxin.", {"digoxin": "held"}),
    ("Do not give heparin. Continue heparin drip at 18 units/kg/h.", {"heparin": "active"}),
    # the gap never crosses "with" or an amount word
    ("Do not take ibuprofen with lisinopril.", {"ibuprofen": "active", "lisinopril": "active"}),
    ("Do not give additional furosemide.", {"furosemide": "active"}),
    # unchanged: conditional / partial orders are no hold, lists all held
    ("Continue heparin infusion. Do not give heparin bolus.", {"heparin": "active"}),
    ("Insulin glargine 20 units nightly. Do not give insulin if NPO.",
     {"insulin glargine": "active"}),
    ("Do not give aspirin, clopidogrel, or heparin.",
     {"aspirin": "held", "clopidogrel": "held", "heparin": "held"}),
    ("The patient should not be given heparin.", {"heparin": "held"}),
])
def test_order_not_to_give(extractor: Extractor, text: str, want: dict[str, str]) -> None:
    assert _meds(extractor, text) == want


@pytest.mark.parametrize(("text", "present"), [
    ("C diff PCR pending; on oral vancomycin for C diff colitis.", True),
    ("He has C diff colitis.", True),
    ("Stool sent for C difficile toxin.", False),
    ("Stool studies including Clostridium difficile toxin are pending.", False),
    ("Check C diff.", False),
])
def test_cdiff_test_order_or_disease(extractor: Extractor, text: str, present: bool) -> None:
    rec = extractor.extract(text, "x")
    got = [p.status for p in rec.problems if p.text == "clostridium difficile infection"]
    assert got == (["present"] if present else [])


@pytest.mark.parametrize(("text", "allergies", "meds"), [
    ("Metformin gives her nausea, not tolerated at higher doses, currently 500 mg daily.",
     [], {"metformin": "active"}),
    ("Losartan gives her dizziness, so she was switched from lisinopril.",
     [], {"losartan": "active", "lisinopril": "discontinued"}),
    ("Lisinopril gave her a cough, so she was switched to losartan.",
     ["lisinopril"], {"losartan": "new"}),
])
def test_told_reaction_avoidance_bound(extractor: Extractor, text: str, allergies: list[str],
                                       meds: dict[str, str]) -> None:
    rec = extractor.extract(text, "x")
    assert [a.substance for a in rec.allergies] == allergies
    assert {m.name: m.status for m in rec.medications} == meds
