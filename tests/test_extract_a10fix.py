"""Fixes of the allergy10 review (a10fix): every reviewed input pinned with hand-computed
expected allergies, medications and NKA, and the real statements each fix must still read.

Snippets written for the review (no real note text). Expected values by hand: the substance
(the drug dictionary's generic, a class by its plural), the reaction as written in lower case,
the words of the span; medications by name and status.
"""

from __future__ import annotations

import pytest
from extract_readers import allergies, meds, problems  # same folder

from assistant.clinical.sections import find_sections


def _nka(extractor, text: str) -> bool | None:  # noqa: ANN001
    return extractor.extract(text, "t").no_known_allergies


# ----- F1: a class intolerance ("heparin-induced thrombocytopenia") denied, ruled out,
# hedged, resolved, a relative's, or the drug still taken: no allergy
@pytest.mark.parametrize(("text", "want_meds"), [
    ("Heparin-induced thrombocytopenia was excluded. She remains on heparin drip. "
     "MEDICATIONS: Heparin drip", {"heparin": "active"}),
    ("Platelets stable without heparin-induced thrombocytopenia. Continue heparin drip.",
     {"heparin": "active"}),
    ("HIT was suspected; heparin-induced thrombocytopenia was ruled out by serotonin release "
     "assay and heparin was resumed.", {"heparin": "active"}),
    ("Heparin-induced thrombocytopenia is unlikely given the 4T score; continue enoxaparin "
     "40 mg daily.", {"enoxaparin": "active"}),
    ("Negative for heparin-induced thrombocytopenia; enoxaparin 40 mg subq daily.",
     {"enoxaparin": "active"}),
    ("History of heparin-induced thrombocytopenia ruled out in 2010.", {}),
    ("He denies statin-induced myalgias. Continue atorvastatin 40 mg daily.",
     {"atorvastatin": "active"}),
    ("Statin-induced myopathy resolved after dose reduction; continue atorvastatin 10 mg "
     "daily.", {"atorvastatin": "active"}),
    ("Statin-induced myopathy is not suspected. Continue simvastatin 20 mg.",
     {"simvastatin": "active"}),
    ("Statin-induced myalgias were absent; continue rosuvastatin.", {"rosuvastatin": "active"}),
    ("statin-induced myopathy was not confirmed; continue atorvastatin.",
     {"atorvastatin": "active"}),
    ("ACE inhibitor induced cough is considered. Continue lisinopril for now.",
     {"lisinopril": "active"}),
    ("Lisinopril-induced cough is unlikely; continue lisinopril 20 mg daily.",
     {"lisinopril": "active"}),
    ("Cough, possibly ACE inhibitor-induced cough versus postnasal drip.", {}),
    ("NSAID-induced gastritis was ruled out on EGD; continue naproxen 500 mg b.i.d.",
     {"naproxen": "active"}),
    ("Free of NSAID-induced gastritis on celecoxib 200 mg daily.", {"celecoxib": "active"}),
    ("Ibuprofen-induced gastritis versus H. pylori.", {}),
    ("NSAID-induced ulcer runs in the family.", {}),
])
def test_class_intolerance_not_real(extractor, text: str, want_meds: dict) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == want_meds


def test_statin_class_not_from_one_member(extractor) -> None:  # noqa: ANN001
    # myalgia on simvastatin, pravastatin tolerated now: never the whole statin class
    text = ("He had statin-induced myalgia in the past on simvastatin, now tolerating "
            "pravastatin 20 mg daily.")
    got = allergies(extractor, text)
    assert "statins" not in {a[0] for a in got}
    assert {a[0] for a in got} <= {"simvastatin"}
    assert meds(extractor, text)["pravastatin"] == "active"


@pytest.mark.parametrize(("text", "want"), [
    ("HOSPITAL COURSE: The patient developed heparin-induced thrombocytopenia and was switched "
     "to argatroban.", [("heparin", "thrombocytopenia", "heparin")]),
    ("PAST MEDICAL HISTORY: Hyperlipidemia. Simvastatin was discontinued due to myalgias.\n"
     "MEDICATIONS: Zetia 10 mg daily.\nALLERGIES: No known drug allergies.",
     [("simvastatin", "myalgias", "Simvastatin")]),
    ("He developed myalgias on atorvastatin and was switched to rosuvastatin 10 mg.",
     [("atorvastatin", "myalgias", "atorvastatin")]),
    ("PAST MEDICAL HISTORY: NSAID-induced GI bleed in 2005.", [("nsaids", "gi bleed", "NSAID")]),
    ("She had angioedema with lisinopril.", [("lisinopril", "angioedema", "lisinopril")]),
])
def test_class_intolerance_still_read(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want


def test_class_intolerance_real_drug_not_active(extractor) -> None:  # noqa: ANN001
    text = "He developed myalgias on atorvastatin and was switched to rosuvastatin 10 mg."
    assert meds(extractor, text) == {"rosuvastatin": "new"}


# ----- F2: stopped for a reaction, then restarted or another cause named: no allergy
def test_stopped_then_restarted_or_other_cause(extractor) -> None:  # noqa: ANN001
    t1 = ("Heparin was stopped because of thrombocytopenia, which later was attributed to "
          "sepsis; heparin was restarted.")
    assert allergies(extractor, t1) == []
    assert meds(extractor, t1) == {"heparin": "active"}
    t2 = ("Lisinopril was stopped for cough and hypotension in the setting of sepsis; will "
          "restart when BP allows.")
    assert allergies(extractor, t2) == []
    assert meds(extractor, t2) == {"lisinopril": "discontinued"}  # base's entry back
    t3 = ("She developed a cough on lisinopril, which was stopped; the cough persisted, so "
          "lisinopril was restarted.")
    assert allergies(extractor, t3) == []
    assert meds(extractor, t3) == {"lisinopril": "active"}


def test_stopped_for_reaction_still_read(extractor) -> None:  # noqa: ANN001
    # near miss of F2: no restart, no other cause
    text = "HPI: Lisinopril was discontinued due to cough."
    assert allergies(extractor, text) == [("lisinopril", "cough", "Lisinopril")]


# ----- F3: an all-lower-case note: a wrapped line holding only a title word is no header
@pytest.mark.parametrize(("text", "want_meds", "want_probs"), [
    ("history of present illness\nthe patient has hypertension and seasonal\nallergies\nfor "
     "which she uses flonase.  she also takes metoprolol 25 mg b.i.d. and lisinopril 10 mg "
     "daily.\nplan\ncontinue current regimen.",
     {"fluticasone": "active", "metoprolol": "active", "lisinopril": "active"},
     {"hypertension"}),
    ("she has seasonal\nallergies\nand takes claritin 10 mg daily.  she is also on lisinopril "
     "10 mg daily.", {"loratadine": "active", "lisinopril": "active"}, set()),
    ("history of present illness\nhe reports a strong\nfamily history\nof coronary disease, and "
     "he himself has diabetes mellitus and hypertension.  he takes metformin 500 mg b.i.d.",
     {"metformin": "active"}, {"coronary artery disease", "diabetes mellitus", "hypertension"}),
    ("she came with her\nsocial history\nform; she has asthma and uses albuterol inhaler.",
     {"albuterol": "active"}, {"asthma"}),
])
def test_lower_wrapped_title_no_header(extractor, text: str, want_meds: dict,  # noqa: ANN001
                                       want_probs: set) -> None:
    assert meds(extractor, text) == want_meds
    assert set(problems(extractor, text)) == want_probs
    assert allergies(extractor, text) == []


def test_lower_header_still_read(extractor) -> None:  # noqa: ANN001
    # near miss of F3: a title alone after a sentence end, then a list
    text = ("history of present illness\nthe patient is a 60-year-old man with chest pain.\n"
            "medications\n1.  aspirin 81 mg daily.\n2.  metoprolol 25 mg b.i.d.\nallergies\n"
            "1.  penicillin.\nplan\ncontinue aspirin.")
    names = [s.name for s in find_sections(text)]
    assert "medications" in names and "allergies" in names and "assessment_plan" in names
    assert allergies(extractor, text) == [("penicillin", None, "penicillin")]
    assert meds(extractor, text) == {"aspirin": "active", "metoprolol": "active"}


def test_lower_wrapped_title_sections(extractor) -> None:  # noqa: ANN001
    text = "she has seasonal\nallergies\nand takes claritin 10 mg daily."
    assert "allergies" not in [s.name for s in find_sections(text)]


# ----- F4: an NKA phrase going on with a contrast and an allergen or reaction: no NKA
def test_nka_although(extractor) -> None:  # noqa: ANN001
    text = ("The patient has no medical allergies, although she states penicillin gives her "
            "a rash.")
    assert _nka(extractor, text) is not True
    # (a10fix2) the "X gives her a rash" reader after ", although" reverted (lead decision):
    # no allergy read, NKA unknown (the safe side)
    # (h-allergy, lead brief of issue 16) the told-reaction reader (allergy_told.py) reads it:
    # penicillin an allergy with its rash, NKA false
    assert allergies(extractor, text) == [("penicillin", "rash", "penicillin")]


# (h-allergy) was a strict xfail (a10fix2: the bare mention read as a medication); passes with
# allergy_told.py and med_exclusions.py
def test_nka_although_not_active(extractor) -> None:  # noqa: ANN001
    text = ("The patient has no medical allergies, although she states penicillin gives her "
            "a rash.")
    assert "penicillin" not in meds(extractor, text)  # an allergen is never an active med


def test_nka_semicolon_reaction(extractor) -> None:  # noqa: ANN001
    text = ("The patient does not have any drug allergies or food allergies; latex causes "
            "hives.")
    assert _nka(extractor, text) is not True


@pytest.mark.parametrize("text", [
    # near misses of F4: no reaction after the semicolon, or none at all
    "No known allergies; takes aspirin 81 mg daily.",
    "The patient does not have any drug allergies or food allergies.",
    "The patient has no medical allergies. Augmentin twice daily.",
])
def test_nka_still_true(extractor, text: str) -> None:  # noqa: ANN001
    assert _nka(extractor, text) is True


# ----- F5: a section title ends a numbered allergy list in prose
def test_numbered_list_stops_at_title(extractor) -> None:  # noqa: ANN001
    text = "Allergic to 1) penicillin 2) sulfa 3) codeine Medications 4) aspirin 5) metoprolol."
    got = {a[0] for a in allergies(extractor, text)}
    assert got == {"penicillin", "sulfa", "codeine"}


def test_numbered_list_still_read(extractor) -> None:  # noqa: ANN001
    text = "The patient is allergic to 1) penicillin 2) sulfa."
    assert {a[0] for a in allergies(extractor, text)} == {"penicillin", "sulfa"}


# ----- F6: "claims" is no reporting verb of an allergy; a doubted claim is none
def test_claimed_allergy_doubted(extractor) -> None:  # noqa: ANN001
    text = ('She claims "allergy" to Haldol but tolerated it last admission. Continue Haldol '
            '5 mg b.i.d.')
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == {"haloperidol": "active"}
    assert allergies(extractor, "The patient claims allergy to all narcotics, which is "
                                "doubtful") == []


def test_describes_allergy_still_read(extractor) -> None:  # noqa: ANN001
    text = 'He describes "allergy" to Haldol medication.'
    assert [a[0] for a in allergies(extractor, text)] == ["haloperidol"]


def test_stopped_pending_workup(extractor) -> None:  # noqa: ANN001
    # a stop while the work-up is pending is no finding yet: base's discontinued entry
    text = "Heparin was discontinued for low platelets pending HIT panel."
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == {"heparin": "discontinued"}
    # near miss: the stop told after a positive test is read
    text = "HIT antibody was positive; heparin was discontinued for low platelets."
    assert allergies(extractor, text) == [("heparin", "low platelets", "heparin")]
