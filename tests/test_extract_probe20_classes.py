"""Issue 16, probe20: the error classes fixed after the untuned score (probe README, round 20).

Each positive case failed on main at 5167051; the guards (near misses the rules must NOT
read, or must read as before) pass before and after. Expected values are pinned by hand from
each snippet's words.
"""

from __future__ import annotations

import pytest
from extract_readers import meds, problems

from assistant.extract.pipeline import Extractor


def _sigs(extractor: Extractor, text: str) -> dict[str, tuple]:
    return {m.name: (m.dose, m.route, m.frequency, m.status)
            for m in extractor.extract(text, "t").medications}


# ----------------------------------------------------------------------------- medications
# 1. an order not to give a drug is no active drug (held); a superseded list is a past one
@pytest.mark.parametrize(("text", "name", "status"), [
    ("Do not give heparin 5000 units subcut.", "heparin", "held"),
    ("Please do not give aspirin.", "aspirin", "held"),
    ("She was instructed not to take ibuprofen.", "ibuprofen", "held"),
    ("Toradol should not be given.", "ketorolac", "held"),
    ("We will not restart warfarin.", "warfarin", "held"),
    # p20fix (safety review): a superseded list is no stop (taken back): the drug as listed
    ("Old MAR listed metoprolol 25 mg BID.", "metoprolol", "active"),
    ("The old medication list included warfarin.", "warfarin", "active"),
    ("She had been on tramadol before and was placed back on that.", "tramadol", "active"),
])
def test_med_status_orders_and_old_lists(extractor, text: str, name: str,  # noqa: ANN001
                                         status: str) -> None:
    assert meds(extractor, text) == {name: status}


def test_old_mar_list_is_past_for_each_drug(extractor) -> None:  # noqa: ANN001
    text = ("Medications: Lisinopril 10 mg daily. Old MAR listed heparin 5000 units q8h, "
            "metoprolol 25 mg BID and aspirin.")
    # p20fix (safety review): taken back, no stop read from an old list
    assert meds(extractor, text) == {"lisinopril": "active", "heparin": "active",
                                     "metoprolol": "active", "aspirin": "active"}


@pytest.mark.parametrize(("text", "name", "status"), [
    ("Do not give up; continue aspirin 81 mg daily.", "aspirin", "active"),
    ("Continue heparin 5000 units subcut q8h.", "heparin", "active"),
    ("Do not stop the aspirin.", "aspirin", "active"),
    ("We will restart warfarin tomorrow.", "warfarin", "new"),
    ("Aspirin was stopped.", "aspirin", "discontinued"),
    ("She was given Toradol 30 mg IV.", "ketorolac", "given"),
    ("She had been on tramadol before; she was placed in a nursing home.", "tramadol",
     "discontinued"),
    # corpus (mts-1560): "placed back on" another drug says nothing of this one
    ("She was switched from Cytoxan to Imuran. Her LFT's rose and the Imuran was stopped and "
     "she was placed back on prednisone.", "azathioprine", "discontinued"),
])
def test_med_status_guards(extractor, text: str, name: str, status: str) -> None:  # noqa: ANN001
    assert meds(extractor, text)[name] == status


def test_allergen_ordered_withheld_is_no_medication(extractor) -> None:  # noqa: ANN001
    got = meds(extractor, "ALLERGIES: Morphine (itching).\nPLAN: Do not give morphine; use "
                          "fentanyl.")
    assert "morphine" not in got
    # a drug that is no allergen, ordered withheld, is held (not dropped, not active)
    got = meds(extractor, "ALLERGIES: Penicillin.\nPLAN: Do not give heparin 5000 units subcut.")
    assert got == {"heparin": "held"}


# 2. "in a.m." / "in p.m." frequencies
def test_in_am_pm_frequency(extractor) -> None:  # noqa: ANN001
    # p20fix (safety review): the bare "in a.m." is a time, no sig (a split dose must never
    # read once daily); "every a.m." stays qAM
    assert _sigs(extractor, "Humulin N insulin 50 units in a.m.")["insulin"][2] is None
    assert _sigs(extractor, "Lantus 20 units in p.m.")["insulin glargine"][2] is None
    assert _sigs(extractor, "Humulin N insulin 50 units every a.m.")["insulin"][2] == "qAM"
    # a clock time is no frequency
    assert _sigs(extractor, "Seen at 8 a.m. and given aspirin 325 mg.")["aspirin"][2] is None


# 3. an analyte's study is no drug
def test_analyte_study_is_no_medication(extractor) -> None:  # noqa: ANN001
    assert meds(extractor, "TFT, B12, VDRL, ESR, CRP, ANA, SPEP and Folate studies were "
                           "unremarkable.") == {}
    assert meds(extractor, "Folate 1 mg daily.") == {"folic acid": "active"}
    assert meds(extractor, "Lidocaine test dose was given.") == {"lidocaine": "given"}


# ----------------------------------------------------------------------------- problems
# 4. vocabulary rows (ICD-10-CM / HPO / MeSH names)
@pytest.mark.parametrize(("text", "expected"), [
    ("One episode NSVT overnight.", {"ventricular tachycardia": "present"}),
    ("Last night had an 8 beat run of V-tach.", {"ventricular tachycardia": "present"}),
    ("He arrived with an abnormal EKG.", {"abnormal electrocardiogram": "present"}),
    ("No tonsillar enlargement.", {"tonsillar hypertrophy": "absent"}),
    ("She has a mild cognitive-linguistic deficit.", {"cognitive impairment": "present"}),
    ("IMPRESSION: Limbic encephalitis.", {"limbic encephalitis": "present"}),
    ("Stool was negative for Clostridium difficile.",
     {"clostridium difficile infection": "absent"}),
    ("No intraabdominal bruit.", {"abdominal bruit": "absent"}),
    ("Disinhibited affect.", {"disinhibition": "present"}),
    ("Alert but disoriented to person, place, time.", {"confusion": "present"}),
    ("He is not disoriented.", {"confusion": "absent"}),
])
def test_probe20_vocabulary_rows(extractor, text: str, expected: dict[str, str]) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# 5. normal exam shorthand (guideline rounds 4-5: gait, pulses)
@pytest.mark.parametrize(("text", "expected"), [
    ("Gait and station are unremarkable.", {"gait abnormality": "absent"}),
    ("Gait: unremarkable.", {"gait abnormality": "absent"}),
    # p20fix (safety review): the singular "good distal pulse" taken back
    ("Good distal pulse and perfusion.", {}),
])
def test_probe20_normal_shorthand(extractor, text: str, expected: dict[str, str]) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "Good pulse oximetry.",
    # an exposed artery's pulse in an operation is not the pulse exam (corpus review)
    "A good pulse was noted.",
    # outside the guideline's closed shorthand list (probe19 decision, kept): no item
    "Good active and passive range of motion of all major joints.",
    "Judgment and insight adequate.",
    "Memory and mood within normal limits.",
    "DTRs are 2+ and symmetric.",
    "Reflexes are 1+ at the ankles.",
    "Multiple stent fractures in the mid portion of the trachea.",
])
def test_probe20_guards_give_no_item(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text) == {}


def test_probe20_guards_keep_their_reading(extractor) -> None:  # noqa: ANN001
    assert problems(extractor, "Judgment is poor.") == {"impaired judgment": "present"}
    assert problems(extractor, "Decreased range of motion of the knee.") == {
        "decreased range of motion": "present"}
    assert problems(extractor, "Gait is unremarkable except for a slight limp.") == {
        "limp": "present"}
    assert problems(extractor, "Hip fracture after a fall.") == {"hip fracture": "present",
                                                                "fall": "present"}


# 6. NINDS reflex grades 3+/4+ -> hyperreflexia
def test_reflex_grade_hyperreflexia(extractor) -> None:  # noqa: ANN001
    assert problems(extractor, "Reflexes: 3+ throughout.") == {"hyperreflexia": "present"}
    assert problems(extractor, "Patellar reflexes 4+.") == {"hyperreflexia": "present"}


# 7. "Negative for ... CVA tenderness": the last polarity word before it wins
def test_cva_tenderness_negative_for(extractor) -> None:  # noqa: ANN001
    got = problems(extractor, "Negative for spinous process tenderness or CVA tenderness.")
    assert got["costovertebral angle tenderness"] == "absent"
    got = problems(extractor, "Negative for rebound, positive for CVA tenderness.")
    assert got["costovertebral angle tenderness"] == "present"
    assert problems(extractor, "Positive CVA tenderness on the right.") == {
        "costovertebral angle tenderness": "present"}


# 8. Kernig's and Brudzinski's signs (NICE CG102)
def test_meningeal_signs(extractor) -> None:  # noqa: ANN001
    got = problems(extractor, "Negative straight-leg raising, Kernig, and Brudzinski signs.")
    assert got["kernig sign"] == "absent" and got["brudzinski sign"] == "absent"
    assert problems(extractor, "Kernig sign positive.") == {"kernig sign": "present"}
