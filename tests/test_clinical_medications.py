"""Medication grammar: name, dose, route, frequency, status cue on pinned examples."""

from __future__ import annotations

import pytest

from assistant.clinical.medications import find_medication_mentions


def _one(text: str) -> tuple:
    found = find_medication_mentions(text)
    assert len(found) == 1, found
    m = found[0]
    return (m.name, m.dose, m.route, m.frequency, m.cue)


@pytest.mark.parametrize(("text", "expected"), [
    ("Metformin 1000 mg PO BID", ("metformin", "1000 mg", "PO", "BID", None)),
    ("lisinopril 20 mg by mouth once daily", ("lisinopril", "20 mg", "PO", "daily", None)),
    ("Ibuprofen 10 mg/kg PO q6h PRN fever", ("ibuprofen", "10 mg/kg", "PO", "q6h PRN", None)),
    ("Cefdinir 14 mg/kg/day PO divided BID x 10 days",
     ("cefdinir", "14 mg/kg/day", "PO", "BID", None)),
    ("Acetaminophen 15 mg/kg PO every 4 to 6 hours as needed",
     ("acetaminophen", "15 mg/kg", "PO", "q4-6h PRN", None)),
    ("albuterol MDI 90 mcg/actuation 2 puffs q4h PRN",
     ("albuterol", "90 mcg/actuation", "inhaled", "q4h PRN", None)),
    ("Insulin glargine 22 units subcutaneously at bedtime",
     ("insulin glargine", "22 units", "subcut", "qHS", None)),
    ("enoxaparin 40 mg SQ daily", ("enoxaparin", "40 mg", "subcut", "daily", None)),
    ("hydrocortisone 1% cream topical BID PRN", ("hydrocortisone", "1%", "topical", "BID PRN",
                                                 None)),
    ("Insulin lispro 4 to 8 units subcut with meals",
     ("insulin lispro", "4 to 8 units", "subcut", "with meals", None)),  # meal sig (issue 16)
    ("Amoxicillin-clavulanate 875-125 mg PO BID",
     ("amoxicillin-clavulanate", "875-125 mg", "PO", "BID", None)),
    ("Nicotine patch 21 mg/24 hr transdermal daily (new)",
     ("nicotine patch", "21 mg/24 hr", "transdermal", "daily", "new")),
    ("aspirin 81 mg every other day", ("aspirin", "81 mg", None, "every other day", None)),
    ("Nitroglycerin 0.4 mg SL x1 was given", ("nitroglycerin", "0.4 mg", "SL", "once", "given")),
    ("ketorolac 15 mg IV once.", ("ketorolac", "15 mg", "IV", "once", None)),
    ("Potassium chloride 20 mEq PO daily", ("potassium chloride", "20 mEq", "PO", "daily", None)),
    ("zoledronic acid 4 mg IV every 6 months",
     ("zoledronic acid", "4 mg", "IV", "every 6 months", None)),
    ("Hold metformin for possible cath.", ("metformin", None, None, None, "held")),
    ("Discontinue vancomycin.", ("vancomycin", None, None, None, "discontinued")),
    ("Started on ceftriaxone 1 g IV daily.", ("ceftriaxone", "1 g", "IV", "daily", "new")),
    ("Continue lisinopril.", ("lisinopril", None, None, None, "active")),
    ("Lasix 40 mg IV BID", ("furosemide", "40 mg", "IV", "BID", None)),
    ("Metformin held.", ("metformin", None, None, None, "held")),
    ("Labetalol 10 mg IV given for BP.", ("labetalol", "10 mg", "IV", None, "given")),
    ("Sumatriptan 50 mg by mouth once as needed for migraine",
     ("sumatriptan", "50 mg", "PO", "once PRN", None)),
    ("Crestor 10 mg qHS", ("rosuvastatin", "10 mg", None, "qHS", None)),
])
def test_medication_grammar(text: str, expected: tuple) -> None:
    assert _one(text) == expected


def test_unknown_generic_by_stem_needs_a_dose() -> None:
    # "zorbesartan" is in no dictionary: a generic-name stem counts only with a dose after it
    found = find_medication_mentions("Zelbesartan 20 mg daily; discussed zorbesartan.")
    assert [(m.name, m.dose) for m in found] == [("zelbesartan", "20 mg")]


def test_dictionary_knows_generics_without_a_dose() -> None:
    # the maintained drug dictionary (drug-named-entity-recognition) knows candesartan
    found = find_medication_mentions("Olmesartan 20 mg daily; discussed candesartan.")
    assert [(m.name, m.dose) for m in found] == [("olmesartan", "20 mg"), ("candesartan", None)]


def test_not_medications() -> None:
    text = ("Allergic to penicillin. Vancomycin trough 28. lisinopril-associated cough. "
            "Not on aspirin. Betamethasone not indicated at 36 weeks.")
    assert find_medication_mentions(text) == []


def test_cue_scope_is_per_clause() -> None:
    found = find_medication_mentions("Start apixaban 5 mg PO BID and stop enoxaparin.")
    assert [(m.name, m.cue) for m in found] == [("apixaban", "new"),
                                                 ("enoxaparin", "discontinued")]


def test_span_covers_attributes() -> None:
    text = "Meds: metformin 500 mg PO BID, other"
    m = find_medication_mentions(text)[0]
    assert text[m.start:m.end] == "metformin 500 mg PO BID"


def test_find_names_and_is_drug_name() -> None:
    from assistant.clinical.medications import DrugName, find_names, is_drug_name

    text = "Lasix 40 mg and insulin glargine; valsartan 80 mg"
    assert find_names(text) == [DrugName(0, 5, "furosemide", False),
                                DrugName(16, 32, "insulin glargine", False),
                                DrugName(34, 43, "valsartan", False)]
    assert is_drug_name("Lasix") and is_drug_name("insulin glargine")
    assert not is_drug_name("Lasix 40 mg") and not is_drug_name("chest pain")


def test_attributes_at_reads_dose_route_frequency_and_cue() -> None:
    from assistant.clinical.medications import attributes_at

    text = "Plan:\nStart Cardizem 120 mg PO daily for rate control\nFollow up"
    span = (12, 20)  # "Cardizem", as a grounded language-model proposal would give it
    m = attributes_at(text, span)
    assert (m.name, m.start, m.end) == ("", 12, 27)  # end runs over "120 mg"
    assert (m.dose, m.route, m.frequency, m.cue) == ("120 mg", "PO", "daily", "new")
    # nothing after the name on its line: no attributes, span unchanged
    bare = attributes_at("Takes aspirin\n81 mg daily", (6, 13))
    assert (bare.end, bare.dose, bare.route, bare.frequency, bare.cue) == (
        13, None, None, None, "active")
