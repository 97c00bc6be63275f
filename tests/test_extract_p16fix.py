"""p16fix: faults a safety review found in the probe16 medication-status rules (main at
8ece71d). The dangerous direction is a drug the patient IS taking shown discontinued, held or
missing. Each case fails on 8ece71d; values pinned by hand.
"""

from __future__ import annotations

import pytest
from extract_readers import meds


# 1. a comma status: the last action in the sentence wins; "completed" only a course finished
#    on a date; "stopped smoking" is a habit; "changed to 24 units" is a new dose
@pytest.mark.parametrize(("text", "want"), [
    ("Metformin 500 mg b.i.d., stopped briefly for the CT, resumed.\n", {"metformin": "active"}),
    ("MEDICATIONS: Metformin 500 mg b.i.d., held for the CT scan, now resumed.\n",
     {"metformin": "active"}),
    ("Aspirin 81 mg daily, stopped 7 days prior to surgery and restarted today.\n",
     {"aspirin": "active"}),
    ("Heparin drip, stopped at 0600 for the procedure, to restart tonight.\n",
     {"heparin": "active"}),
    ("Levofloxacin 750 mg daily, completed day 3 of a 7-day course.\n",
     {"levofloxacin": "active"}),
    ("Tamoxifen 20 mg daily, completed radiation in 2010.\n", {"tamoxifen": "active"}),
    ("Lantus 20 units at bedtime, changed to 24 units at bedtime.\n",
     {"insulin glargine": "active"}),
    ("Aspirin 81 mg daily, stopped smoking 10 years ago.\n", {"aspirin": "active"}),
])
def test_comma_status_last_action_wins(extractor, text: str, want: dict[str, str]) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


def test_comma_status_guards(extractor) -> None:  # noqa: ANN001
    # a plain stop, a course finished on a date and a switch to another drug still count
    assert meds(extractor, "Lisinopril 10 mg daily for hypertension, stopped.\n") == {
        "lisinopril": "discontinued"}
    assert meds(extractor, "Prednisone taper, completed last week.\n") == {
        "prednisone": "discontinued"}
    assert meds(extractor, "Metoprolol tartrate 25 mg b.i.d., switched to metoprolol succinate "
                           "50 mg daily.\n") == {"metoprolol tartrate": "discontinued",
                                                 "metoprolol succinate": "new"}


# 2. failed / refractory / resistant / course of / had been: only the drug straight after the
#    cue, and a later "now on" / "continued" / "increased" wins
@pytest.mark.parametrize(("text", "want"), [
    ("He failed lisinopril monotherapy, now on lisinopril and HCTZ.\n",
     {"lisinopril": "active", "hydrochlorothiazide": "active"}),
    ("Hypertension resistant to treatment with amlodipine, so amlodipine dose was increased to "
     "10 mg daily.\n", {"amlodipine": "active"}),
    ("Failed back surgery syndrome, on oxycodone 10 mg q.6h. and gabapentin 300 mg t.i.d.\n",
     {"oxycodone": "active", "gabapentin": "active"}),
    ("Seizures refractory to medical management, on Keppra 1000 mg b.i.d. and Lamictal 100 mg "
     "b.i.d.\n", {"levetiracetam": "active", "lamotrigine": "active"}),
    ("Depression, refractory to multiple SSRIs, currently on sertraline 200 mg daily.\n",
     {"sertraline": "active"}),
    ("His home medications had been metoprolol and lisinopril, which were continued.\n",
     {"metoprolol": "active", "lisinopril": "active"}),
    ("She completed a 10-day course of Keflex for cellulitis. Keflex was restarted today for "
     "recurrence.\n", {"cephalexin": "active"}),
    ("Diabetes mellitus, failed oral agents, on insulin glargine 30 units at bedtime and "
     "metformin 1000 mg b.i.d.\n", {"insulin glargine": "active", "metformin": "active"}),
])
def test_failed_cue_only_its_own_drug(extractor, text: str, want: dict[str, str]) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


def test_failed_cue_guards(extractor) -> None:  # noqa: ANN001
    # still read: the drug named straight after the cue, alone or joined with "and"
    # (ms2: "refractory to" gives no status any more: base a82e1be)
    assert meds(extractor, "Pain refractory to ibuprofen, started on Norco 5/325 one tablet "
                           "q.6h. p.r.n.\n") == {"ibuprofen": "active",
                                                 "hydrocodone/acetaminophen": "new"}
    assert meds(extractor, "His only home medications had been Cipro and Aleve.\n") == {
        "ciprofloxacin": "discontinued", "naproxen": "discontinued"}


# 3. a conditional start drops the drug only for a pure condition; an option offered or
#    recommended, and a drug to be weaned or held, stay as before
@pytest.mark.parametrize(("text", "want"), [
    ("We may try weaning her prednisone next week.\n", {"prednisone": "active"}),
    ("If BP is low, we will start holding her metoprolol.\n", {"metoprolol": "held"}),
    ("She may start ibuprofen 400 mg t.i.d. p.r.n. pain.\n", {"ibuprofen": "new"}),
    ("If wheezing, she can start albuterol 2 puffs q.4h. p.r.n.\n", {"albuterol": "new"}),
    ("I would start her on aspirin 81 mg daily.\n", {"aspirin": "new"}),
    ("RECOMMENDATIONS: Would start heparin drip per protocol.\n", {"heparin": "new"}),
])
def test_conditional_start_narrowed(extractor, text: str, want: dict[str, str]) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


def test_conditional_start_still_dropped(extractor) -> None:  # noqa: ANN001
    assert meds(extractor, "He is on metformin 500 mg b.i.d. and would need to start insulin "
                           "if A1c stays above 9.\n") == {"metformin": "active"}


# 4. "was done / drawn / obtained" is a drug level only with level wording or a result
@pytest.mark.parametrize(("text", "want"), [
    ("Lovenox was obtained from pharmacy and given.\n", {"enoxaparin": "given"}),
    ("Insulin was drawn up by the nurse and given.\n", {"insulin": "given"}),
    ("Influenza vaccine was done today.\n", {"influenza vaccine": "given"}),
    ("Then dexamethasone was drawn up.\n", {"dexamethasone": "active"}),
])
def test_drug_done_is_no_level(extractor, text: str, want: dict[str, str]) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


def test_drug_level_guards(extractor) -> None:  # noqa: ANN001
    assert meds(extractor, "Digoxin was done and was less than 0.9.\n") == {}
    assert meds(extractor, "Dilantin level was done.\n") == {}


# 5. "was begun / were added": the drug must be the verb's subject, and not dated in the past
@pytest.mark.parametrize(("text", "want"), [
    ("Under IV sedation with Versed and Fentanyl the procedure was begun.\n",
     {"midazolam": "active", "fentanyl": "active"}),
    ("He received heparin and was begun on Integrilin.\n",
     {"heparin": "given", "eptifibatide": "given"}),
    ("Floxin drops were added to the ear canal.\n", {"ofloxacin": "active"}),
    ("MEDICATIONS: TriCor was added three months ago. Lipitor 20 mg daily.\n",
     {"fenofibrate": "active", "atorvastatin": "active"}),
])
def test_was_added_needs_its_subject(extractor, text: str, want: dict[str, str]) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


def test_was_added_guard(extractor) -> None:  # noqa: ANN001
    assert meds(extractor, "Norvasc 5 mg was added.\n") == {"amlodipine": "new"}


# 6. a comma "was administered" inside a current medications list keeps the drug active
def test_comma_given_in_current_list(extractor) -> None:  # noqa: ANN001
    text = ("CURRENT MEDICATIONS: 1. Lasix 40 mg daily. 2. Coumadin 5 mg p.o., was administered "
            "on 02/19 and 02/22.\n")
    assert meds(extractor, text) == {"furosemide": "active", "warfarin": "active"}
    # outside a medications list it is still a dose given
    assert meds(extractor, "HOSPITAL COURSE:\nShe was kept NPO and her medications, Pepcid and "
                           "Reglan, were given.\n") == {"famotidine": "given",
                                                        "metoclopramide": "given"}


# 7. a past trial without relief; a switch from one drug to another
def test_past_trial_and_switch(extractor) -> None:  # noqa: ANN001
    assert meds(extractor, "She has taken Tylenol #3 in the past with no relief.\n") == {
        "acetaminophen/codeine": "discontinued"}
    assert meds(extractor, "She was switched from warfarin to apixaban.\n") == {
        "warfarin": "discontinued", "apixaban": "new"}


def test_tracer_study_done_is_no_medication(extractor) -> None:  # noqa: ANN001
    # the narrowed level rule still drops a radiotracer's study (probe6 mts-3978)
    assert meds(extractor, "An adenosine sestamibi was done in March 2000, with a small fixed "
                           "apical defect.\n") == {}
