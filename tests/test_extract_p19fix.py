"""Faults found by the read-only safety review of the probe19 change (09ab0f7..d3ed689): each
input below was read wrongly after that change (or, for "HAS", before it). Expected statuses
are pinned by hand from the snippet's words: a diagnosis or symptom that the sentence states
as present stays present; a cue never reaches past its own clause.
"""

from __future__ import annotations

import pytest
from extract_readers import problems


# ----------------------------------------------------------------------------- 1. ruled out for
@pytest.mark.parametrize(("text", "expected"), [
    ("He was ruled out for MI but had an NSTEMI on the second day.\n",
     {"myocardial infarction": "absent", "nstemi": "present"}),  # NSTEMI: its own row
    ("He was ruled out for MI and found to have pneumonia and congestive heart failure.\n",
     {"myocardial infarction": "absent", "pneumonia": "present",
      "heart failure": "present"}),  # the vocabulary's name of CHF
    ("Patient was ruled out for pulmonary embolism, diagnosed with pneumonia.\n",
     {"pulmonary embolism": "absent", "pneumonia": "present"}),
    ("She was ruled out for MI, found to have a urinary tract infection.\n",
     {"myocardial infarction": "absent", "urinary tract infection": "present"}),
    ("He was ruled out for pulmonary embolism but has a deep vein thrombosis.\n",
     {"pulmonary embolism": "absent", "deep vein thrombosis": "present"}),
    ("He was ruled out for MI by enzymes, and then developed atrial fibrillation.\n",
     {"myocardial infarction": "absent", "atrial fibrillation": "present"}),
])
def test_ruled_out_for_stops_at_the_next_clause(extractor, text: str,  # noqa: ANN001
                                                expected: dict[str, str]) -> None:
    got = problems(extractor, text)
    for name, status in expected.items():
        assert got.get(name) == status, (name, got)


# ----------------------------------------------------------------------------- 2. call for
@pytest.mark.parametrize(("text", "expected"), [
    ("Call for any worsening of his chest pain, which started today.\n",
     {"chest pain": "present"}),
    ("She will call for any worsening of the rash, which is present on both arms.\n",
     {"rash": "present"}),
    ("Telephone call for sore throat and fever.\n", {"sore throat": "present", "fever": "present"}),
    ("The nurse had to call the physician for hypotension overnight.\n",
     {"hypotension": "present"}),
    ("I was on call for Dr. Smith and saw the patient for chest pain.\n",
     {"chest pain": "present"}),
    ("Call for help was made when the patient developed seizure activity.\n",
     {"seizure": "present"}),
])
def test_call_for_keeps_real_findings(extractor, text: str,  # noqa: ANN001
                                      expected: dict[str, str]) -> None:
    got = problems(extractor, text)
    for name, status in expected.items():
        assert got.get(name) == status, (name, got)


# ----------------------------------------------------------------------------- 3. normal readings
@pytest.mark.parametrize("text", [
    "Lungs: Breath sounds normal in the upper fields, absent at the left base.\n",
    "Lungs: Breath sounds are normal, but there are rales at the left base.\n",
    "Lungs: Breath sounds are normal, but there are wheezes at the left base.\n",
    "Lungs: Breath sounds are normal, but there are rhonchi at the left base.\n",
    "Lungs: Normal breath sounds. Crackles at the right base.\n",
])
def test_normal_breath_sounds_do_not_hide_a_finding(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("abnormal breath sounds") != "absent"


@pytest.mark.parametrize("text", [
    "Heart: Non-regular rhythm.\n",
    "Heart: Not a regular rhythm.\n",
    "Rhythm was regular initially then became irregular with atrial fibrillation.\n",
    "Heart: Rhythm regular, with frequent PVCs.\n",
    "Heart: Regular rhythm with frequent premature beats.\n",
    "Cardiac: rhythm is regular? Irregularly irregular on monitor.\n",
    "Respiratory rhythm is regular.\n",
])
def test_regular_rhythm_does_not_hide_an_arrhythmia(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("arrhythmia") != "absent"


def test_rhythm_after_a_heart_line_still_reads_normal(extractor) -> None:  # noqa: ANN001
    # p19fix2 (lead decision): the probe19 wordings "rhythm is regular", "breath sounds are
    # normal" are reverted to 09ab0f7 (no normal reading); the older label reading stays
    assert problems(extractor, "Heart: Rhythm is regular. No murmurs.\n") == {
        "murmur": "absent"}
    assert problems(extractor, "Lungs: Breath sounds are normal.\n") == {}
    assert problems(extractor, "HEART: Regular rhythm. No murmurs.\n") == {
        "arrhythmia": "absent", "murmur": "absent"}


# ----------------------------------------------------------------------------- 4. all-caps plurals
@pytest.mark.parametrize("text", [
    "HIS MOTHER IS HERE. HE TOOK HIS MEDICATIONS.\n",
    "HIS chest pain began today.\n",
    "SIS is at the bedside.\n",
    "SHE HAS A COLD.\n",
])
def test_capital_words_are_no_abbreviation_plurals(extractor, text: str) -> None:  # noqa: ANN001
    got = problems(extractor, text)
    assert "homicidal ideation" not in got and "suicidal ideation" not in got, got
    assert "headache" not in got, got


def test_abbreviation_plural_with_lower_s_still_reads(extractor) -> None:  # noqa: ANN001
    assert problems(extractor, "History of recurrent URIs.\n") == {
        "upper respiratory infection": "present"}
    assert problems(extractor, "History of recurrent UTIs.\n") == {
        "urinary tract infection": "present"}


# ----------------------------------------------------------------------------- 5. sounds like
@pytest.mark.parametrize(("text", "expected"), [
    ("She has a cough that sounds like a seal bark, with stridor and fever.\n",
     {"stridor": "present", "fever": "present"}),
    ("This sounds like a migraine headache, with nausea and photophobia.\n",
     {"nausea": "present"}),
    ("It sounds like she has been having chest pain for three days.\n", {"chest pain": "present"}),
    ("On the phone she sounds like she is short of breath.\n", {"shortness of breath": "present"}),
    ("Lungs: Sounds like wheezing on the right, with coarse rhonchi.\n", {"rhonchi": "present"}),
])
def test_sounds_like_stays_in_its_phrase(extractor, text: str,  # noqa: ANN001
                                         expected: dict[str, str]) -> None:
    got = problems(extractor, text)
    for name, status in expected.items():
        assert got.get(name) == status, (name, got)


@pytest.mark.parametrize("text", [
    "There is a murmur that sounds like aortic stenosis.\n",
])
def test_exam_sound_nouns_do_not_hedge(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("murmur") == "present"


# ----------------------------------------------------------------------------- 6. metastatic site
@pytest.mark.parametrize(("text", "wrong"), [
    ("Liver biopsy: metastatic adenocarcinoma of the liver, colonic primary.\n", "liver cancer"),
    ("Biopsy of the bone showed adenocarcinoma of the bone consistent with metastatic lung "
     "primary.\n", "bone cancer"),
    ("Liver adenocarcinoma metastases from pancreatic primary.\n", "liver cancer"),
])
def test_metastatic_adenocarcinoma_is_not_a_primary_of_its_site(extractor, text: str,  # noqa: ANN001
                                                                 wrong: str) -> None:
    got = problems(extractor, text)
    assert not any(wrong in n or n in ("primary liver cancer", "malignant neoplasm of liver")
                   for n in got), got
    assert "adenocarcinoma" in got, got


# ----------------------------------------------------------------------------- 7. wrong organ
@pytest.mark.parametrize("text", [
    "Echo shows a septal perforation following the MI.\n",
    "Complicated by septal perforation during alcohol septal ablation.\n",
])
def test_cardiac_septal_perforation_is_not_nasal(extractor, text: str) -> None:  # noqa: ANN001
    assert "perforation of nasal septum" not in problems(extractor, text)


def test_nasal_septal_perforation_with_nasal_context(extractor) -> None:  # noqa: ANN001
    got = problems(extractor, "Nose: septal perforation from cocaine use.\n")
    assert got.get("perforation of nasal septum") == "present", got
    got = problems(extractor, "He has a nasal septal perforation.\n")
    assert got.get("perforation of nasal septum") == "present", got


@pytest.mark.parametrize("text", [
    "She reports eye pain and photosensitivity.\n",
    "Migraine with photosensitivity and phonosensitivity.\n",
    # a review of systems without a skin label (the eye's as often as the skin's)
    "REVIEW OF SYSTEMS:\nDenies photosensitivity, oral ulcers, seizures.\n",
    "Eyes: Photosensitivity.\n",
])
def test_photosensitivity_of_the_eye_is_not_cutaneous(extractor, text: str) -> None:  # noqa: ANN001
    assert "cutaneous photosensitivity" not in problems(extractor, text)


def test_skin_photosensitivity_still_reads(extractor) -> None:  # noqa: ANN001
    got = problems(extractor, "Skin: She has a photosensitive rash on the face.\n")
    assert got.get("cutaneous photosensitivity") == "present", got
    got = problems(extractor, "Denies cutaneous photosensitivity.\n")
    assert got.get("cutaneous photosensitivity") == "absent", got
    got = problems(extractor, "Skin: Denies scaling, rashes, blisters, photosensitivity.\n")
    assert got.get("cutaneous photosensitivity") == "absent", got


# ----------------------------------------------------------------------------- near misses
# (what the narrowed rules must still read)
@pytest.mark.parametrize(("text", "expected"), [
    # p19fix2 (lead decision): "ruled out for" reaches its direct object only, so a listed
    # second diagnosis stays present (as at 09ab0f7); "acute MI" is still that object
    ("He was ruled out for MI and PE.\n",
     {"myocardial infarction": "absent", "pulmonary embolism": "present"}),
    ("He was ruled out for acute MI.\n", {"myocardial infarction": "absent"}),
    # (p19fix2: the "call for any" return-precaution class is reverted to 09ab0f7, so its
    # precaution lists are read as at base; see tests/test_extract_p19fix2.py)
    # "had to call" is past, a real event
    ("She had to call for any help she could get with her vomiting.\n", {"vomiting": "present"}),
    # the likened thing stays hedged
    ("This sounds like a viral syndrome.\n", {"viral syndrome": "possible"}),
    # denied abnormal words stay absent (p19fix2: "normal breath sounds", "rhythm is regular"
    # themselves are no longer read, as at 09ab0f7)
    ("Lungs: Normal breath sounds. No wheezes or crackles.\n",
     {"wheezing": "absent", "crackles": "absent"}),
    ("Cardiac: Rhythm is regular without ectopy.\n", {}),
    ("Heart: Regular rhythm. No murmurs, rubs or gallops.\n",
     {"arrhythmia": "absent", "murmur": "absent", "rub": "absent", "gallop": "absent"}),
    # an adenocarcinoma of a primary site with its metastases elsewhere stays that site's
    # (probe25: the metastases are now read too, ICD-10-CM C79.51 secondary neoplasm of bone)
    ("Adenocarcinoma of the prostate with metastases to bone.\n",
     {"prostate cancer": "present", "bone metastasis": "present"}),
    ("Adenocarcinoma of the prostate, Gleason 3+4, primary pattern 3.\n",
     {"prostate cancer": "present"}),
    # upper-case abbreviation plurals with their lower-case "s"
    ("SHE HAS DVTs AND PEs.\n",
     {"deep vein thrombosis": "present", "pulmonary embolism": "present"}),
])
def test_near_misses_still_read(extractor, text: str, expected: dict[str, str]) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


def test_skin_label_on_a_later_line(extractor) -> None:  # noqa: ANN001
    # (the label opens its own line, not the text: probe19 mts-3522's review of systems)
    text = "Neurological: Ataxia.\nSkin: Denies rashes, blisters, photosensitivity.\n"
    assert problems(extractor, text).get("cutaneous photosensitivity") == "absent"
    text = "Neurological: Ataxia.\nEyes: Photosensitivity.\n"
    assert "cutaneous photosensitivity" not in problems(extractor, text)
