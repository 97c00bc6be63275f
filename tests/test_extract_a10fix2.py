"""Second review of the allergy10 fixes (a10fix2): every reviewed input pinned with
hand-computed expected allergies, NKA and medications.

Snippets written for the review (no real note text). Expected values by hand: the substance
(the drug dictionary's generic, a class by its plural), the reaction as written in lower case,
the words of the span; medications by name and status.
"""

from __future__ import annotations

import pytest
from extract_readers import allergies, meds  # same folder

from assistant.clinical.sections import find_sections


def _nka(extractor, text: str) -> bool | None:  # noqa: ANN001
    return extractor.extract(text, "t").no_known_allergies


# ----- F1: a dose of the drug elsewhere in the note never cancels a class intolerance
@pytest.mark.parametrize(("text", "want"), [
    ("Lisinopril-induced angioedema. Lisinopril 10 mg was discontinued.",
     [("lisinopril", "angioedema", "Lisinopril")]),
    ("Heparin-induced thrombocytopenia in 2015. Do not give heparin 5000 units SQ; use "
     "fondaparinux.", [("heparin", "thrombocytopenia", "Heparin")]),
    ("Heparin-induced thrombocytopenia in 2019. Argatroban infusion started. Heparin drip "
     "discontinued.", [("heparin", "thrombocytopenia", "Heparin")]),
    ("Heparin-induced thrombocytopenia 2019. Heparin 5000 units subq was held on admission.",
     [("heparin", "thrombocytopenia", "Heparin")]),
    ("Heparin-induced thrombocytopenia (2015). Old MAR listed heparin 5000 units SQ TID.",
     [("heparin", "thrombocytopenia", "Heparin")]),
    # another heparin-group member given never cancels heparin's HIT
    ("Heparin-induced thrombocytopenia in 2020. DVT prophylaxis: enoxaparin 40 mg subq daily.",
     [("heparin", "thrombocytopenia", "Heparin")]),
    ("Atorvastatin-induced myopathy. Previously on atorvastatin 80 mg.",
     [("atorvastatin", "myopathy", "Atorvastatin")]),
    ("Lisinopril was stopped due to cough. Lisinopril 10 mg daily was taken from 2015 to 2019.",
     [("lisinopril", "cough", "Lisinopril")]),
    ("Enalapril was discontinued due to cough in 2017. Previously on enalapril 10 mg daily.",
     [("enalapril", "cough", "Enalapril")]),
    ("Simvastatin was stopped due to myalgias. Medication list from 2019: simvastatin 20 mg "
     "daily.", [("simvastatin", "myalgias", "Simvastatin")]),
])
def test_dose_elsewhere_keeps_intolerance(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want


@pytest.mark.parametrize(("text", "want_meds"), [
    ("Lisinopril-induced angioedema. Lisinopril 10 mg was discontinued.",
     {"lisinopril": "discontinued"}),
    ("Heparin-induced thrombocytopenia in 2019. Argatroban infusion started. Heparin drip "
     "discontinued.", {"argatroban": "new", "heparin": "discontinued"}),
    ("Heparin-induced thrombocytopenia 2019. Heparin 5000 units subq was held on admission.",
     {"heparin": "held"}),
    ("Heparin-induced thrombocytopenia in 2020. DVT prophylaxis: enoxaparin 40 mg subq daily.",
     {"enoxaparin": "active"}),
    ("Atorvastatin-induced myopathy. Previously on atorvastatin 80 mg.",
     {"atorvastatin": "discontinued"}),
    ("Enalapril was discontinued due to cough in 2017. Previously on enalapril 10 mg daily.",
     {"enalapril": "discontinued"}),
])
def test_dose_elsewhere_meds(extractor, text: str, want_meds: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want_meds


@pytest.mark.parametrize("text", [
    # near misses of F1: the same drug explicitly continued / restarted / tolerated
    "Lisinopril-induced cough last year. Continue lisinopril 10 mg daily.",
    "Heparin-induced thrombocytopenia was suspected. Heparin was restarted.",
    "Statin-induced myalgias in 2018. Now tolerating rosuvastatin 5 mg daily.",
    "Atorvastatin-induced myopathy; she remains on atorvastatin 10 mg.",
])
def test_explicitly_given_again_cancels(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []


# ----- F2: a drug word inside the intolerance's own match is no object of "now on"
def test_switched_member_not_cancel(extractor) -> None:  # noqa: ANN001
    text = "Atorvastatin was stopped due to myalgias, now on rosuvastatin 5 mg daily."
    assert allergies(extractor, text) == [("atorvastatin", "myalgias", "Atorvastatin")]
    assert meds(extractor, text) == {"rosuvastatin": "active"}


# ----- F3: "X gives her a rash" after ", although / but" is not read (50a2341 behaviour);
# the contrast still leaves NKA unknown, never True
@pytest.mark.parametrize(("text", "want_meds"), [
    ("Allergies: no known allergies, although she states penicillin gives her sister a rash.",
     {}),
    ("Allergies: NKDA, although she states lisinopril gives her a cough. Continue lisinopril "
     "10 mg daily.", None),
    ("Allergies: NKDA, but she says metformin gives her diarrhea.\nMedications: metformin "
     "500 mg BID.", {"metformin": "active"}),
])
def test_contrast_causal_not_read(extractor, text: str, want_meds: dict | None) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert _nka(extractor, text) is None
    got = meds(extractor, text)
    if want_meds is not None:
        assert got == want_meds
    assert "penicillin" not in got


# ----- F4: the semicolon clause cancels NKA only for a patient's reaction
@pytest.mark.parametrize("text", [
    "NKDA; she reacted well to the treatment.",
    "no known allergies; allergic rhinitis controlled on loratadine.",
    "NKDA; reaction to treatment was favorable.",
    "NKDA; makes her own meals.",
    "NKDA; she has seasonal allergic conjunctivitis.",
    "NKDA; no adverse reactions to prior anesthesia.",
    "NKDA; no reactions to contrast.",
    "NKA; the rash was caused by poison ivy.",
    "NKDA; gave consent for procedure.",
    "no known allergies; her brother is allergic to penicillin.",
])
def test_semicolon_nka_stays(extractor, text: str) -> None:  # noqa: ANN001
    assert _nka(extractor, text) is True
    assert allergies(extractor, text) == []


@pytest.mark.parametrize("text", [
    "NKDA; latex causes hives",
    "NKDA; penicillin caused a rash as a child",
    "NKDA; shellfish makes her throat swell",
    "NKDA; she is allergic to latex.",
])
def test_semicolon_reaction_cancels_nka(extractor, text: str) -> None:  # noqa: ANN001
    assert _nka(extractor, text) is not True


def test_semicolon_loratadine_med(extractor) -> None:  # noqa: ANN001
    assert meds(extractor, "no known allergies; allergic rhinitis controlled on loratadine.") \
        == {"loratadine": "active"}


# ----- F5: a title ends a numbered list only at an item's end, capitalised or with a colon
@pytest.mark.parametrize(("text", "want"), [
    ("Allergic to 1) sulfa 2) lab tape 3) iodine", ["sulfa", "lab tape", "iodine"]),
    ("Allergic to 1) penicillin 2) history unknown drug 3) latex", ["penicillin", "latex"]),
    ("Allergic to 1) morphine 2) exam gloves 3) tape", ["morphine", "tape"]),
    ("Allergic to 1) penicillin 2) sulfa 3) codeine Medications 4) aspirin 5) metoprolol.",
     ["penicillin", "sulfa", "codeine"]),
    ("Allergic to 1) penicillin 2) sulfa 3) codeine medications: 4) aspirin 5) metoprolol.",
     ["penicillin", "sulfa", "codeine"]),
])
def test_numbered_list_title(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert [a[0] for a in allergies(extractor, text)] == want


def test_numbered_list_title_meds(extractor) -> None:  # noqa: ANN001
    text = "Allergic to 1) penicillin 2) sulfa 3) codeine Medications 4) aspirin 5) metoprolol."
    assert meds(extractor, text) == {"aspirin": "active", "metoprolol": "active"}


# ----- F6: a lower-case title line after a line without a stop is a header
def test_lower_header_after_unstopped_line(extractor) -> None:  # noqa: ANN001
    text = "pt seen in clinic\nallergies\npenicillin (hives)"
    assert "allergies" in [s.name for s in find_sections(text)]
    assert allergies(extractor, text) == [("penicillin", "hives", "penicillin (hives)")]
    assert meds(extractor, text) == {}
    assert _nka(extractor, text) is False


@pytest.mark.parametrize(("text", "want"), [
    # the object after the cue: only fillers between ("continued on", "her home")
    ("Lisinopril-induced cough. She was continued on lisinopril.", []),
    ("Heparin-induced thrombocytopenia. Restarted on heparin drip.", []),
    ("Statin-induced myalgias. Continue her home atorvastatin.", []),
    ("Simvastatin was stopped due to myalgias. Simvastatin was later resumed at 10 mg.", []),
    # near misses: another drug the object of the cue
    ("Heparin-induced thrombocytopenia. Continue aspirin, stop heparin.",
     [("heparin", "thrombocytopenia", "Heparin")]),
    ("Heparin-induced thrombocytopenia. Continue enoxaparin 40 mg daily.",
     [("heparin", "thrombocytopenia", "Heparin")]),
    ("Lisinopril was stopped due to cough; continue losartan.",
     [("lisinopril", "cough", "Lisinopril")]),
])
def test_given_again_object(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
