"""ms2: faults a second review found in the probe16/p16fix medication-status rules (main at
2599a3b). The dangerous direction is a drug the patient IS taking shown discontinued, or a
stopped drug shown active. Each case fails on 2599a3b; values pinned by hand.
"""

from __future__ import annotations

import pytest
from extract_readers import meds

from assistant.clinical.medications import find_medication_mentions


# 1. the last status said after the drug wins ("continued but later discontinued")
@pytest.mark.parametrize(("text", "want"), [
    ("Lisinopril was continued but later discontinued because of hyperkalemia.\n",
     {"lisinopril": "discontinued"}),
    ("Coumadin was resumed on day 2 but stopped again for bleeding.\n",
     {"warfarin": "discontinued"}),
])
def test_last_cue_after_drug_wins(extractor, text: str, want: dict[str, str]) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# 2. "failed" / "a course of" never override another mention (a current list with a dose)
@pytest.mark.parametrize(("text", "want"), [
    ("She failed Neurontin in the past.\n\nMEDICATIONS: Neurontin 300 mg t.i.d.\n",
     {"gabapentin": "active"}),
    ("She completed a course of Bactrim.\n\nMEDICATIONS: Bactrim DS 1 tablet b.i.d.\n",
     {"sulfamethoxazole/trimethoprim": "active"}),
    ("She took a course of prednisone in March.\n\nMEDICATIONS: Prednisone 10 mg daily.\n",
     {"prednisone": "active"}),
    ("He failed metformin monotherapy and glipizide was added.\n\nMEDICATIONS: Metformin "
     "1000 mg b.i.d., glipizide 5 mg daily.\n", {"metformin": "active", "glipizide": "new"}),
    ("Pain refractory to oxycodone.\n\nMEDICATIONS: Oxycodone 5 mg q.6h. p.r.n.\n",
     {"oxycodone": "active"}),
])
def test_weak_stop_never_beats_current_list(extractor, text: str,  # noqa: ANN001
                                            want: dict[str, str]) -> None:
    assert meds(extractor, text) == want


def test_failed_alone_still_a_stop(extractor) -> None:  # noqa: ANN001
    assert meds(extractor, "He failed metformin.\n") == {"metformin": "discontinued"}


# 3. "refractory to" / "resistant to": the drug did not work, it was not stopped
@pytest.mark.parametrize(("text", "want"), [
    ("Seizures refractory to Keppra and Depakote. She is maintained on both.\n",
     {"levetiracetam": "active", "valproate": "active"}),
    ("Hypertension refractory to metoprolol and lisinopril, so amlodipine was added.\n",
     {"metoprolol": "active", "lisinopril": "active", "amlodipine": "new"}),
])
def test_refractory_is_no_stop(extractor, text: str, want: dict[str, str]) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# 4. a resumption after a comma stop: not past ";", not another drug's, not a plan
@pytest.mark.parametrize(("text", "want"), [
    ("Lasix 40 mg daily, stopped for hypotension; continue metoprolol.\n",
     {"furosemide": "discontinued", "metoprolol": "active"}),
    ("Coumadin, discontinued 1 year ago after GI bleed; continues aspirin.\n",
     {"warfarin": "discontinued", "aspirin": "active"}),
    ("Lisinopril 10 mg daily, stopped due to cough, now on losartan.\n",
     {"lisinopril": "discontinued", "losartan": "active"}),
    ("Lisinopril 10 mg daily, held, restart when creatinine improves.\n",
     {"lisinopril": "held"}),
])
def test_resumption_is_the_drugs_own(extractor, text: str, want: dict[str, str]) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# 5. a refused refill is no cue (a granted one still is)
@pytest.mark.parametrize("text", [
    "I will not refill her Xanax.\n",
    "Refills of Percocet were denied.\n",
    "She requested refills of Norco, which I declined.\n",
    "Refill denied for oxycodone.\n",
])
def test_refused_refill_no_cue(text: str) -> None:
    assert [m.cue for m in find_medication_mentions(text)] == [None]


def test_granted_refill_still_active() -> None:
    assert [m.cue for m in find_medication_mentions(
        "I gave her a refill of her Percocet.\n")] == ["active"]


# 6. "held at <dose>" / "held in <place>" are no holds
@pytest.mark.parametrize(("text", "want"), [
    ("Cardizem drip was started, held at 10 mg per hour.\n", {"diltiazem": "new"}),
    ("She was given Versed, held in the PACU.\n", {"midazolam": "given"}),
])
def test_held_at_in_no_hold(extractor, text: str, want: dict[str, str]) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# 7. Tylenol #3 is the lexicon's acetaminophen-codeine: one drug, one entry
def test_tylenol_number_lexicon_name(extractor) -> None:  # noqa: ANN001
    assert meds(extractor, "Tylenol #3 1 tablet q.4h. p.r.n.\n") == {
        "acetaminophen/codeine": "active"}
    assert meds(extractor, "MEDICATIONS: Tylenol with codeine 1 tablet p.r.n.\nPLAN: Continue "
                           "Tylenol #3.\n") == {"acetaminophen/codeine": "active"}


# 8. a dose per volume is a lab value
def test_lab_value_not_a_dose(extractor) -> None:  # noqa: ANN001
    assert meds(extractor, "LABS: Iron 40 mg/dL.\n") == {}
    assert meds(extractor, "Iron 325 mg daily.\n") == {"iron": "active"}


def test_held_guards(extractor) -> None:  # noqa: ANN001
    # a hold for a reason or a time is still a hold
    assert meds(extractor, "Coumadin 5 mg daily, held in anticipation of surgery.\n") == {
        "warfarin": "held"}
    assert meds(extractor, "Heparin drip, held at 0600 for the procedure.\n") == {
        "heparin": "held"}


def test_last_cue_after_a_comma(extractor) -> None:  # noqa: ANN001
    # ... also when the later stop or hold is in the next comma part
    assert meds(extractor, "Coumadin was continued, then held for the procedure.\n") == {
        "warfarin": "held"}
    assert meds(extractor, "Lisinopril was continued, but later discontinued.\n") == {
        "lisinopril": "discontinued"}
