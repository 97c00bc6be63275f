"""Safety review of the probe20 merge (6fb095b): each fault snippet of the review (sections A,
B, E and the class 2/3 regressions) with its expected value pinned by hand from the words,
and the review's "correct" cases that must keep passing (p20fix).
"""

from __future__ import annotations

import pytest
from extract_readers import meds, problems

from assistant.extract.pipeline import Extractor


def _freq(extractor: Extractor, text: str) -> dict[str, str | None]:
    return {m.name: m.frequency for m in extractor.extract(text, "t").medications}


# ------------------------------------------------------------------ A. superseded lists
# taken back: a previous list or an old MAR names drugs, it stops none of them
@pytest.mark.parametrize(("text", "expected"), [
    ("MEDICATIONS: Lisinopril 10 mg daily, metoprolol 25 mg b.i.d.\nThe previous medication "
     "list included lisinopril and metformin.",
     {"lisinopril": "active", "metoprolol": "active", "metformin": "active"}),
    ("Old MAR listed metoprolol.\n\nMEDICATIONS:\n1. Metoprolol 25 mg p.o. b.i.d.",
     {"metoprolol": "active"}),
    ("Her previous medication list has been reviewed and is unchanged: metoprolol 25 mg "
     "b.i.d., aspirin 81 mg daily.", {"metoprolol": "active", "aspirin": "active"}),
    ("The previous medication list included lisinopril, which she continues to take.",
     {"lisinopril": "active"}),
])
def test_superseded_list_is_no_stop(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == expected


# ------------------------------------------------------------------ B. orders not to give
# an order limited by a condition or a part (if, for <glucose/HR>, within, with, on the <site>,
# bolus) does not hold the drug; a continued or listed mention wins over the order
@pytest.mark.parametrize(("text", "expected"), [
    ("Continue heparin drip at 18 units/kg/h; do not give heparin bolus.", {"heparin": "active"}),
    ("Insulin glargine 20 units nightly. Do not give insulin if NPO.",
     {"insulin glargine": "active"}),
    ("Insulin sliding scale; do not give insulin for glucose below 150.", {"insulin": "active"}),
    ("Do not give metoprolol if heart rate less than 55.", {"metoprolol": "active"}),
    ("Lovenox 40 mg subcutaneous daily. Do not give Lovenox within 12 hours of the epidural.",
     {"enoxaparin": "active"}),
    ("Do not take Tetracycline with milk or milk products", {"tetracycline": "active"}),
    ("Do not use Bactroban on the face; apply to the leg wound b.i.d.", {"mupirocin": "active"}),
    ("Do not withhold the metoprolol.", {"metoprolol": "active"}),
    ("Continue heparin infusion. Do not give heparin bolus.", {"heparin": "active"}),
    ("Heparin 5000 units subcutaneously t.i.d.; do not give heparin 5000 units on the morning "
     "of surgery.", {"heparin": "active"}),
    ("Metformin 1000 mg b.i.d. He was instructed not to take metformin for 48 hours after the "
     "CT contrast.", {"metformin": "active"}),
])
def test_limited_order_is_no_hold(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == expected


# the order holds the drug it names, and only that drug
@pytest.mark.parametrize(("text", "expected"), [
    ("The patient was placed on Lovenox and should not be given heparin due to HIT.",
     {"enoxaparin": "active", "heparin": "held"}),
    ("He was started on metoprolol and will not be given carvedilol.",
     {"metoprolol": "new", "carvedilol": "held"}),
    ("She takes aspirin 81 mg daily and should not be given Toradol.",
     {"aspirin": "active", "ketorolac": "held"}),
    ("The patient should not be given heparin.", {"heparin": "held"}),
    ("Not to be given heparin.", {"heparin": "held"}),
    ("Heparin - DO NOT GIVE (HIT).", {"heparin": "held"}),
    ("Heparin: do not give.", {"heparin": "held"}),
    ("I did suggest that he not restart his methadone and Darvocet at this time",
     {"methadone": "held", "propoxyphene/acetaminophen": "held"}),
    ("Do not give aspirin, clopidogrel, or heparin.",
     {"aspirin": "held", "clopidogrel": "held", "heparin": "held"}),
    ("Do not take ibuprofen, aspirin, or naproxen.",
     {"ibuprofen": "held", "aspirin": "held", "naproxen": "held"}),
    ("Do not restart Coumadin until cleared by GI.", {"warfarin": "held"}),
    # near misses kept from the merge: plain orders still hold
    ("Do not give heparin 5000 units.", {"heparin": "held"}),
    ("Toradol should not be given.", {"ketorolac": "held"}),
    ("Withhold metformin.", {"metformin": "held"}),
    ("Do not stop the aspirin.", {"aspirin": "active"}),
])
def test_order_holds_its_own_drug(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == expected


def test_order_not_to_give_is_never_a_given_drug(extractor) -> None:  # noqa: ANN001
    # "He will not be given Diamox due to his sulfa allergy": never given (the sulfa allergy
    # names it, so no medication item at all)
    assert meds(extractor, "He will not be given Diamox due to his sulfa allergy.").get(
        "acetazolamide") in (None, "held")


# ------------------------------------------------------------------ E. "in a.m." sigs
@pytest.mark.parametrize(("text", "name"), [
    ("Klonopin 4 mg in a.m. and 6 mg at h.s.", "clonazepam"),
    ("Take metoprolol 25 mg in a.m. and p.m.", "metoprolol"),
    ("Lasix 40 mg in a.m. and 20 mg in p.m.", "furosemide"),
    ("Given Lasix 40 mg IV in a.m.", "furosemide"),
    ("NPH insulin 30 units in a.m., 10 units in p.m.", "insulin"),
    ("Lasix 40 mg every a.m. and 20 mg every p.m.", "furosemide"),
])
def test_split_or_timed_dose_is_not_once_daily(extractor, text: str, name: str) -> None:  # noqa: ANN001
    assert _freq(extractor, text)[name] not in ("qAM", "qPM", "daily")


def test_every_am_stays_qam(extractor) -> None:  # noqa: ANN001
    assert _freq(extractor, "Insulin NPH 20 units every a.m.")["insulin"] == "qAM"
    assert _freq(extractor, "Prednisone 10 mg each a.m.")["prednisone"] == "qAM"


# ------------------------------------------------------------------ problems (class 2/3)
@pytest.mark.parametrize("text", [
    "Urinalysis negative, right CVA tenderness.",
    "Pregnancy test negative, mild left CVA tenderness.",
    "Murphy sign negative with right CVA tenderness.",
    "Negative straight leg raise, mild right CVA tenderness present.",
    "Negative for fever but has CVA tenderness.",
    "Negative for rebound, positive for CVA tenderness.",
    "She denies flank pain but has left CVA tenderness on exam.",
])
def test_cva_tenderness_present(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text)["costovertebral angle tenderness"] == "present"


@pytest.mark.parametrize("text", [
    "Negative for spinous process tenderness or CVA tenderness.",
    "No CVA tenderness.",
])
def test_cva_tenderness_absent(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text)["costovertebral angle tenderness"] == "absent"


@pytest.mark.parametrize("text", [
    "Salter-Harris II growth plate fracture of the distal radius.",
    "Cribriform plate fracture with CSF leak.",
    "Orbital floor and pterygoid plate fracture.",
    "Vertebral end plate fracture at L1.",
    "Growth plate fracture.",
])
def test_plate_fracture_is_a_fracture(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("fracture") == "present"


def test_stent_fracture_is_no_fracture(extractor) -> None:  # noqa: ANN001
    assert "fracture" not in problems(extractor, "Multiple stent fractures were seen.")


@pytest.mark.parametrize("text", [
    "Good distal pulse in the right foot, none palpable on the left.",
    "Extremities: good distal pulse; left foot cool and pulseless.",
    "Good distal pulse in the right foot; left dorsalis pedis pulse absent.",
    "Good distal pulse and perfusion.",
])
def test_singular_good_pulse_gives_no_normal_item(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("diminished pulses") != "absent"


@pytest.mark.parametrize("text", [
    "Gait: unremarkable, but she walks with a wide base.",
    "Gait is unremarkable; tandem gait impaired.",
    "Gait was unremarkable with a cane.",
    "Gait within normal limits for age, uses a walker.",
    "Gait unremarkable; she has a shuffling gait when tired.",
])
def test_qualified_gait_is_not_normal(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("gait abnormality") != "absent"


@pytest.mark.parametrize("text", [
    "Gait and station are unremarkable.", "Gait: unremarkable.", "Gait is normal.",
])
def test_plain_normal_gait(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text)["gait abnormality"] == "absent"


def test_past_reflex_grade_is_no_hyperreflexia(extractor) -> None:  # noqa: ANN001
    assert "hyperreflexia" not in problems(extractor, "Reflexes were 3+ previously, now 2+.")
    assert problems(extractor, "Reflexes: 3+ throughout.")["hyperreflexia"] == "present"
    assert problems(extractor, "DTRs are 3+ and symmetric.")["hyperreflexia"] == "present"


@pytest.mark.parametrize("text", [
    "Stool sent for C difficile toxin.",
    "Check C diff.",
    "Stool studies including Clostridium difficile toxin are pending.",
    "I will send her stool for Clostridium difficile toxin assay.",
])
def test_cdiff_test_order_is_no_infection(extractor, text: str) -> None:  # noqa: ANN001
    assert "clostridium difficile infection" not in problems(extractor, text)


@pytest.mark.parametrize(("text", "status"), [
    ("C difficile toxin positive.", "present"),
    ("Stool sent for C difficile toxin, which came back positive.", "present"),
    ("He has C diff colitis.", "present"),
    ("C diff toxin was negative.", "absent"),
    ("Negative for C difficile.", "absent"),
    ("Rule out C diff.", "possible"),
])
def test_cdiff_result_or_diagnosis_kept(extractor, text: str, status: str) -> None:  # noqa: ANN001
    assert problems(extractor, text)["clostridium difficile infection"] == status


@pytest.mark.parametrize("text", [
    "There were no abnormal EKG findings.",
    "Preop EKG, no abnormal EKG findings.",
    "Abnormal EKG changes were not seen.",
])
def test_negated_abnormal_ekg_is_not_present(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("abnormal electrocardiogram") in (None, "absent")


def test_abnormal_ekg_present(extractor) -> None:  # noqa: ANN001
    assert problems(extractor, "Abnormal EKG with ST depression.")[
        "abnormal electrocardiogram"] == "present"
    assert problems(extractor, "Abnormal EKG was not seen.")["abnormal electrocardiogram"] == "absent"


def test_contrast_before_normal_gait_keeps_it(extractor) -> None:  # noqa: ANN001
    # (probe19 mts-2853) "but" before the statement contrasts another finding with it
    text = "He displayed mild right ankle laxity on eversion and inversion, but normal gait."
    assert problems(extractor, text)["gait abnormality"] == "absent"
