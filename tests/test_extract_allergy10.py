"""Allergy classes of the allergy10 round (issue 16): each class pinned with hand-computed
expected values, and near misses it must NOT fire on.

Snippets written for this test (no real note text). Expected values by hand: the substance
(the drug dictionary's generic, a class by its plural), the reaction as written in lower
case, and the words of the span.
"""

from __future__ import annotations

import pytest
from extract_readers import allergies, meds  # same folder

from assistant.clinical.sections import find_sections


def _nka(extractor, text: str) -> bool | None:  # noqa: ANN001
    return extractor.extract(text, "t").no_known_allergies


# ----- 1. NKA phrases: "no known drug hypersensitivities" (MeSH D004342 Drug Hypersensitivity
# = drug allergy), "no medical allergies", the patient "does not have a history of allergy"
@pytest.mark.parametrize("text", [
    "PAST HISTORY: He has seasonal allergies only with no known drug hypersensitivities.",
    "The patient has no medical allergies. Augmentin twice daily.",
    "HISTORY: The patient does not have a history of allergy or toileting problems.",
    "She does not have any allergies.",
])
def test_nka_phrases(extractor, text: str) -> None:  # noqa: ANN001
    assert _nka(extractor, text) is True
    assert allergies(extractor, text) == []


@pytest.mark.parametrize("text", [
    # a relative's history, not the patient's
    "FAMILY HISTORY: His mother does not have a history of allergy.",
    # an allergic symptom today, and a denial of one allergen: nothing said of drug allergies
    "She does not have allergy symptoms today.",
    "She does not have allergies to latex.",
    # "known" is part of the phrase: a reaction during an infusion is no allergy history
    "No hypersensitivity reaction occurred during the infusion.",
])
def test_nka_phrases_near_misses(extractor, text: str) -> None:  # noqa: ANN001
    assert _nka(extractor, text) is None


def test_nka_plain_still_true(extractor) -> None:  # noqa: ANN001
    assert _nka(extractor, "ALLERGIES: No known drug allergies.\nMEDICATIONS: Aspirin 81 mg "
                           "daily.") is True
    assert _nka(extractor, "ALLERGIES: NKDA.") is True


# ----- 2. "could not really tolerate X due to allergy": an adverb between the modal and the
# verb, the reason an allergy word
def test_could_not_really_tolerate(extractor) -> None:  # noqa: ANN001
    text = ("HPI: The patient was admitted for IV antibiotics since the patient could not "
            "really tolerate penicillin due to allergy and due to patient being on Coumadin.")
    assert allergies(extractor, text) == [("penicillin", None, "penicillin")]
    assert meds(extractor, text) == {"warfarin": "active"}


@pytest.mark.parametrize("text", [
    "She could not really tolerate oral intake due to nausea.",
    "He could not really take metformin due to renal failure.",
    "He cannot take codeine due to nausea from his bowel obstruction.",
])
def test_could_not_really_near_misses(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []


# ----- 3. a reporting verb and a quoted allergy word: 'He describes "allergy" to Haldol'
def test_quoted_allergy_word(extractor) -> None:  # noqa: ANN001
    text = 'MEDICAL HISTORY: Migraine. He describes "allergy" to Haldol medication.'
    assert allergies(extractor, text) == [("haloperidol", None, "Haldol medication")]
    assert "haloperidol" not in meds(extractor, text)  # an allergen is no medication taken


@pytest.mark.parametrize("text", [
    'He describes "allergy" symptoms every spring.',
    "He describes allergy season as his worst time.",
])
def test_quoted_allergy_word_near_misses(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []


# ----- 4. the body site of a reaction is no illness of the patient's: "due to swelling of his
# lips" (the possessive guard of alg9fix dropped it)
def test_reaction_with_body_site(extractor) -> None:  # noqa: ANN001
    text = "HPI: He cannot take aspirin due to swelling of his lips. He takes lisinopril."
    assert allergies(extractor, text) == [("aspirin", "swelling", "aspirin")]
    assert meds(extractor, text) == {"lisinopril": "active"}


@pytest.mark.parametrize("text", [
    # the swelling is of an illness ("from heart failure"), not the drug's
    "HPI: He cannot take aspirin due to swelling of his legs from heart failure.",
    # a possessive illness, as alg9fix
    "HPI: She cannot take ibuprofen because of her kidney disease.",
])
def test_reaction_with_body_site_near_misses(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []


# ----- 5. a numbered allergy list in prose: "allergic to 1) penicillin 2) sulfa"
@pytest.mark.parametrize(("text", "want"), [
    ("HPI: She is allergic to 1) penicillin 2) sulfa. She takes metoprolol.",
     [("penicillin", None, "penicillin"), ("sulfa", None, "sulfa")]),
    ("HPI: She is allergic to (1) penicillin and (2) sulfa.",
     [("penicillin", None, "penicillin"), ("sulfa", None, "sulfa")]),
    # before: penicillin and codeine read as ACTIVE medications
    ("HPI: She is allergic to 1. penicillin 2. sulfa 3. codeine.",
     [("penicillin", None, "penicillin"), ("sulfa", None, "sulfa"),
      ("codeine", None, "codeine")]),
    ("HPI: She is allergic to i) penicillin ii) codeine (hives).",
     [("penicillin", None, "penicillin"), ("codeine", "hives", "codeine (hives)")]),
    ("HPI: She is allergic to 1) penicillin - hives 2) sulfa - rash.",
     [("penicillin", "hives", "penicillin - hives"), ("sulfa", "rash", "sulfa - rash")]),
])
def test_inline_numbered_list(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
    got = meds(extractor, text)
    assert not {"penicillin", "codeine"} & set(got)


@pytest.mark.parametrize("text", [
    # the list ends at the sentence: "2) She takes codeine" is the next item of the note
    "HPI: She is allergic to 1) penicillin. 2) She takes codeine daily.",
    # numbers after the statement, not right after its trigger
    "HPI: She is allergic to penicillin. 1) Hypertension. 2) She takes codeine daily.",
])
def test_inline_numbered_list_near_misses(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == [("penicillin", None, "penicillin")]
    assert meds(extractor, text) == {"codeine": "active"}


# ----- 6. lower-cased notes: a title alone on its line, later sentences of the header line,
# the first sentence of the list (the layout metamorphic test's "lower" transform)
def test_lower_title_alone(extractor) -> None:  # noqa: ANN001
    text = ("history of present illness: knee pain.\nallergies\n1.  penicillin.\n2.  keflex.\n"
            "medications\n1.  toprol.\n")
    # before: penicillin and cephalexin ACTIVE medications, no allergy
    assert allergies(extractor, text) == [("penicillin", None, "penicillin"),
                                          ("cephalexin", None, "keflex")]
    assert meds(extractor, text) == {"metoprolol succinate": "active"}


def test_lower_title_alone_none(extractor) -> None:  # noqa: ANN001
    text = "allergies\nnone.\nmedications\naspirin 81 mg daily.\n"
    assert _nka(extractor, text) is True
    assert meds(extractor, text) == {"aspirin": "active"}


@pytest.mark.parametrize(("text", "want"), [
    ("medications:\n1.  lexapro 10 mg daily.\nallergies:  amoxicillin causes throat swelling.  "
     "avelox causes iv site swelling.\nsocial history:  the patient denies tobacco.",
     [("amoxicillin", "throat swelling", "amoxicillin causes throat swelling"),
      ("moxifloxacin", "iv site swelling", "avelox")]),
    ("allergies: \n iv morphine causes hives.  sulfa caused blisters and rash.\n"
     "physical examination: \n well.",
     [("morphine", "hives", "iv morphine causes hives"),
      ("sulfa", "blisters and rash", "sulfa caused blisters and rash")]),
    # the denial after the first sentence lists nothing (before: seafood and dye, codeine lost)
    ("medications: amiodarone 200 mg once a day.\nallergies:  \ncodeine.  no shrimp, seafood, "
     "or dye allergy.\nfamily history: \n negative.", [("codeine", None, "codeine")]),
])
def test_lower_sentences(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want


def test_capitals_unchanged(extractor) -> None:  # noqa: ANN001
    text = ("ALLERGIES:  AMOXICILLIN CAUSES THROAT SWELLING.  AVELOX CAUSES IV SITE SWELLING.\n"
            "SOCIAL HISTORY:  The patient denies tobacco.")
    assert allergies(extractor, text) == [
        ("amoxicillin", "throat swelling", "AMOXICILLIN CAUSES THROAT SWELLING"),
        ("moxifloxacin", "iv site swelling", "AVELOX")]


def test_lower_title_only_in_lower_notes() -> None:
    mixed = "Assessment: stable.\nallergies\nPenicillin.\n"
    assert "allergies" not in [s.name for s in find_sections(mixed)]
    lower = "assessment: stable.\nallergies\npenicillin.\n"
    assert "allergies" in [s.name for s in find_sections(lower)]
    # a title unknown to the header list opens nothing, lower case or not
    assert [s.name for s in find_sections("assessment: stable.\nknee pain\nbetter.\n")] == [
        "assessment_plan"]


# ----- 7. a drug class's own intolerance in prose (FHIR AllergyIntolerance type intolerance;
# ATC C10AA statins / C09AA ACE inhibitors / M01A NSAIDs / B01AB heparins)
@pytest.mark.parametrize(("text", "want"), [
    ("HPI: Simvastatin was stopped because of myalgias.",
     [("simvastatin", "myalgias", "Simvastatin")]),
    ("HPI: He had statin-induced myalgia. He takes aspirin.",
     [("statins", "myalgia", "statin")]),
    ("HPI: History of ACE inhibitor-induced cough. Now on losartan.",
     [("ace inhibitors", "cough", "ACE inhibitor")]),
    ("HPI: History of NSAID-induced GI bleed.", [("nsaids", "gi bleed", "NSAID")]),
    ("HPI: Lisinopril was discontinued due to cough.",
     [("lisinopril", "cough", "Lisinopril")]),
    ("HPI: He had a cough with lisinopril and was switched to losartan.",
     [("lisinopril", "cough", "lisinopril")]),
    ("HPI: He gets myalgias from statins.", [("statins", "myalgias", "statins")]),
    ("HPI: History of heparin-induced thrombocytopenia.",
     [("heparin", "thrombocytopenia", "heparin")]),
    # "on" a drug only with the stop or switch told right after it
    ("HPI: She developed myalgias on simvastatin, which was stopped.",
     [("simvastatin", "myalgias", "simvastatin")]),
    ("HPI: He had a cough while taking lisinopril and was switched to losartan.",
     [("lisinopril", "cough", "lisinopril")]),
    ("HPI: He was switched from lisinopril to losartan due to cough.",
     [("lisinopril", "cough", "lisinopril")]),
    # a hedged past event is recorded, as "possible allergy to sulfa" is (issue 16 (f))
    ("HPI: History of possible statin-induced myalgia.", [("statins", "myalgia", "statin")]),
])
def test_class_intolerance(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
    # the intolerant drug is no medication taken
    assert not {"simvastatin", "lisinopril", "heparin"} & set(meds(extractor, text))


@pytest.mark.parametrize(("text", "want_meds"), [
    # a drug taken with a symptom, no intolerance told
    ("HPI: She takes lisinopril and has a chronic cough.", {"lisinopril": "active"}),
    # warfarin and bruising / bleeding: the drug's effect while taken (brief's safety item)
    ("HPI: She takes Coumadin and bruises easily.", {"warfarin": "active"}),
    ("HPI: She had a GI bleed with warfarin. Continue warfarin.", {"warfarin": "active"}),
    # prevention, monitoring, a relative: no intolerance of the patient's
    ("HPI: Omeprazole for prophylaxis of NSAID-induced ulcers. Ibuprofen 600 mg tid.",
     {"omeprazole": "active", "ibuprofen": "active"}),
    ("PLAN: Monitor for statin-induced myopathy on atorvastatin 40 mg daily.",
     {"atorvastatin": "active"}),
    # (a drug in the plan with no "continue": started, "new", as before this round)
    ("PLAN: Atorvastatin 40 mg daily; it may cause statin-induced myopathy.",
     {"atorvastatin": "new"}),
    ("HPI: Her mother had statin-induced myalgia.", {}),
    # a reaction of another class: a cough is no beta blocker's intolerance here; steroid
    # hyperglycemia is no listed class reaction
    ("HPI: Metoprolol was stopped due to cough.", {"metoprolol": "discontinued"}),
    ("HPI: Steroid-induced hyperglycemia on prednisone 20 mg daily.",
     {"prednisone": "active"}),
    # still taken
    ("HPI: He gets myalgias from statins but continues to take them.", {}),
    # aspirin is no M01A NSAID (B01AC06): a bleed on aspirin is its antiplatelet effect
    ("HPI: History of aspirin-induced GI bleed.", {}),
    # "on" a drug with no stop told: a drug taken with a symptom
    ("HPI: She developed a cough on lisinopril.", {"lisinopril": "active"}),
    ("HPI: She developed myalgias on simvastatin and continues it.",
     {"simvastatin": "active"}),
    # a switch for another class's reaction
    ("HPI: He was switched from metoprolol to carvedilol due to cough.",
     {"metoprolol": "discontinued", "carvedilol": "new"}),
    ("HPI: He was switched from warfarin to apixaban after a GI bleed.",
     {"warfarin": "discontinued", "apixaban": "new"}),
])
def test_class_intolerance_near_misses(extractor, text: str, want_meds: dict) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == want_meds


def test_class_intolerance_with_nkda(extractor) -> None:  # noqa: ANN001
    """An intolerance told beside "NKDA" is still listed and NKA is false (as the gold of
    "NO KNOWN DRUG ALLERGIES.  ACE INHIBITOR MAY HAVE CAUSED A COUGH.")."""
    text = "ALLERGIES: NKDA.\nHPI: Lisinopril was discontinued due to cough."
    assert allergies(extractor, text) == [("lisinopril", "cough", "Lisinopril")]
    assert _nka(extractor, text) is False


# ----- 8. an adverb between the subject and a reporting verb after an allergy header's first
# sentence: "She also reports sulfa causes hives" (was the junk allergen "she also reports
# sulfa")
def test_also_reports(extractor) -> None:  # noqa: ANN001
    text = "Allergies: Penicillin.  She also reports sulfa causes hives."
    assert allergies(extractor, text) == [("penicillin", None, "Penicillin"),
                                          ("sulfa", "hives", "sulfa causes hives")]


def test_also_reports_near_miss(extractor) -> None:  # noqa: ANN001
    # a sentence with no allergen after the list: nothing more listed
    text = "Allergies: Penicillin.  She also reports feeling better."
    assert allergies(extractor, text) == [("penicillin", None, "Penicillin")]
