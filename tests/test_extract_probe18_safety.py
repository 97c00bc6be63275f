"""p18fix2: the safety review of the probe18 extraction round (main 21f6b68 against 834210a).

Each positive case below fails on main at 21f6b68 (the probe18 merge) and is pinned by hand to
the lead's decision; the guards keep what probe18 rightly added.

1. a relative's "who" clause: only "<relative> who has/had <condition>" is the relative's (not
   is/was, not has/had + a past participle; the clause ends at a comma, "and" or the
   relative's reporting verb);
2. a sentence opened by a past date makes only a one-off event past (stroke, MI, fracture,
   operation), never a symptom or a chronic disease, and never in a sentence that tells a
   finding as lasting (worse, progressing, continues, residual, still, now, "is on" ...);
3. "no reported/noted" negates no change word ("No noted change in the size of the breast
   mass": the mass is there);
4. "HX:" is the present illness header only after a chief complaint header;
5. a mental status word belongs to its own template label ("Gait: impaired\\nInsight: intact");
6. after has/had a structure takes only "a normal appearance"; "The lung bases were
   decreased" is decreased breath sounds again.
"""

from __future__ import annotations

import pytest
from extract_readers import problems


# 1. a relative's "who" clause
@pytest.mark.parametrize(("text", "expected"), [
    ("Her mother, who is a nurse, reports chest pain and cough.\n",
     {"chest pain": "present", "cough": "present"}),
    ("Her husband, who is here today, states the chest pain started yesterday.\n",
     {"chest pain": "present"}),
    ("Brought in by her mother, who is a nurse, with fever and cough.\n",
     {"fever": "present", "cough": "present"}),
    ("Her husband who has been caring for her has noticed jaundice and itching.\n",
     {"scleral icterus": "present", "pruritus": "present"}),
    ("Brought in by her mother who has diabetes, with fever and cough.\n",
     {"diabetes mellitus": "family", "fever": "present", "cough": "present"}),
])
def test_relative_who_clause_is_not_the_relatives_finding(extractor, text, expected) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Her father who had a stroke reports that she has a cough.\n",
     {"stroke": "family", "cough": "present"}),
    ("Brought in by her mother who has asthma and reports her fever.\n",
     {"asthma": "family", "fever": "present"}),
    ("Her sister who had noticed a rash brought her in.\n", {"rash": "present"}),
])
def test_relative_who_has_condition_stays_family_guard(extractor, text, expected) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# 2. a sentence opened by a past date
@pytest.mark.parametrize(("text", "expected"), [
    ("In June 2024, she developed shortness of breath that has progressively worsened.\n",
     {"shortness of breath": "present"}),
    ("In 2022 she started having abdominal pain and diarrhea which continue to this day.\n",
     {"abdominal pain": "present", "diarrhea": "present"}),
    ("In 2020 she had a stroke with residual left arm weakness.\n",
     {"stroke": "present", "weakness": "present"}),
    ("In 2024 she developed shortness of breath, now worse.\n",
     {"shortness of breath": "present"}),
    ("In 2019 she was diagnosed with multiple sclerosis.\n", {"multiple sclerosis": "present"}),
    ("In 2020 she was diagnosed with breast cancer and is on tamoxifen.\n",
     {"breast cancer": "present"}),
    ("In 2024 she had a pulmonary embolism and is on apixaban.\n",
     {"pulmonary embolism": "present"}),
    ("HPI:\nIn 2024 she developed chest pain.\n", {"chest pain": "present"}),
])
def test_dated_sentence_keeps_lasting_findings_present(extractor, text, expected) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


def test_dated_one_off_event_stays_historical_guard(extractor) -> None:  # noqa: ANN001
    text = "HPI:\nIn 2019 she had a myocardial infarction. In 5/92 she had a hip fracture.\n"
    assert problems(extractor, text) == {"myocardial infarction": "historical",
                                         "hip fracture": "historical"}


# 3. "no reported/noted" before a change word
@pytest.mark.parametrize(("text", "expected"), [
    ("No noted change in the size of the breast mass.\n", {"breast lump": "present"}),
    ("No reported increase in his leg swelling.\n", {"edema": "present"}),
    ("No reported change in his chronic back pain.\n", {"back pain": "present"}),
    ("No reported resolution of the rash.\n", {"rash": "present"}),
    ("No reported worsening of his dyspnea.\n", {"dyspnea": "present"}),
])
def test_no_reported_change_word_negates_nothing(extractor, text, expected) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# 4. "HX:" without a chief complaint header before it
def test_hx_without_cc_is_no_present_illness(extractor) -> None:  # noqa: ANN001
    assert problems(extractor, "HX: MI in 2010. Now with chest pain.\n") == {
        "myocardial infarction": "historical", "chest pain": "present"}
    assert problems(extractor, "HX: Diabetes, hypertension, MI, stroke.\n") == {
        "diabetes mellitus": "present", "hypertension": "present",
        "myocardial infarction": "historical", "stroke": "historical"}


# 5. MSE words across template labels
@pytest.mark.parametrize("text", [
    "Gait: impaired\nInsight: intact\n", "Neck: ROM restricted\nAffect: normal\n",
    "BP labile\nMood: euthymic\n", "Gait: impaired Insight: intact\n"])
def test_mse_value_belongs_to_its_own_label(extractor, text) -> None:  # noqa: ANN001
    assert problems(extractor, text) == {}


def test_mse_nominal_on_one_line_guard(extractor) -> None:  # noqa: ANN001
    assert problems(extractor, "She has poor insight and labile mood.\n") == {
        "impaired insight": "present", "emotional lability": "present"}


# 6. a structure with has/had and a state word
@pytest.mark.parametrize(("text", "expected"), [
    ("The lung bases were decreased.\n", {"decreased breath sounds": "present"}),
    ("The lung bases had decreased breath sounds.\n", {"decreased breath sounds": "present"}),
    ("The liver has increased echogenicity.\n", {}),
    ("The left ventricle had reduced ejection fraction.\n", {}),
    ("The rectum had decreased tone.\n", {}),
    ("The osseous structures are decreased in density.\n", {}),
])
def test_structure_has_state_word_is_no_structure_finding(extractor, text, expected) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


def test_structure_had_normal_appearance_guard(extractor) -> None:  # noqa: ANN001
    assert problems(extractor, "The left ventricle has a normal appearance.\n") == {
        "abnormal left ventricle": "absent"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Aortic root has normal diameter.\n", {"abnormal aortic root": "absent"}),
    ("The appendix has normal appearance.\n", {"abnormal appendix": "absent"}),
    ("The left ventricle has normal size but reduced systolic function.\n", {}),
])
def test_structure_has_normal_forms_guard(extractor, text, expected) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected
