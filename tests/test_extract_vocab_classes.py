"""Issue 16, second round: error classes found on the real-note DEV split, each pinned on a
short synthetic snippet written for this test (no real note text): ICD-10-CM inclusion terms,
combination products known to the drug dictionary only by their Wikipedia entry, routes
written before the drug name, the otic route, and hyphenated eponyms."""

from __future__ import annotations

import pytest

from assistant.clinical.terminology import drug_dictionary
from assistant.extract.pipeline import Extractor


def _problems(extractor: Extractor, text: str) -> dict[str, tuple[str, str]]:
    rec = extractor.extract(text, "t")
    return {p.text: (p.status, text[p.span[0]:p.span[1]]) for p in rec.problems}


def _meds(extractor: Extractor, text: str) -> dict[str, tuple]:
    rec = extractor.extract(text, "t")
    return {m.name: (m.dose, m.route, m.frequency, m.status) for m in rec.medications}


@pytest.mark.parametrize("text, expected", [
    # ICD-10-CM inclusion terms (S02.0 "Fracture of frontal bone", N81.1 "Cystourethrocele")
    ("He has a fracture of frontal bone.",
     {"fracture of frontal bone": ("present", "fracture of frontal bone")}),
    ("Diagnoses: 1. Cystourethrocele.", {"cystourethrocele": ("present", "Cystourethrocele")}),
    ("There is no evidence of thrush.", {"thrush": ("absent", "thrush")}),
    # a hyphenated eponym keeps its hyphen in the canonical name
    ("Smith-Magenis syndrome was diagnosed at age 2.",
     {"smith-magenis syndrome": ("present", "Smith-Magenis syndrome")}),
    # procedure-note words among the inclusion terms are not problems
    ("The edges of the wound were closed.", {}),
])
def test_icd_inclusion_terms(extractor: Extractor, text: str, expected: dict) -> None:
    assert _problems(extractor, text) == expected


def test_combination_products_from_the_dictionary() -> None:
    d = drug_dictionary("")
    assert d["unasyn"]["generic"] == "ampicillin/sulbactam"
    assert d["ciprodex"]["generic"] == "ciprofloxacin/dexamethasone"
    # every ingredient's codes come along (no code of its own in the dictionary)
    assert "DRUGBANK:DB00537" in d["ciprodex"]["codes"]


@pytest.mark.parametrize("text, expected", [
    ("Started on IV Unasyn 3 g q.6h.",
     {"ampicillin/sulbactam": ("3 g", "IV", "q6h", "new")}),
    ("Ciprodex 4 drops in the right ear b.i.d.",
     {"ciprofloxacin/dexamethasone": ("4 drops", "otic", "BID", "active")}),
    ("Ciprodex otic solution twice daily.",
     {"ciprofloxacin/dexamethasone": (None, "otic", "BID", "active")}),
    ("She was given oral Cipro in the office.", {"ciprofloxacin": (None, "PO", None, "given")}),
    # the route after the name still wins over a word before it
    ("Heparin 5000 units subcutaneous q.8h.", {"heparin": ("5000 units", "subcut", "q8h",
                                                           "active")}),
])
def test_routes_before_the_name_and_otic(extractor: Extractor, text: str,
                                         expected: dict) -> None:
    assert _meds(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Pelvic exam showed a large right adnexal mass.",
     {"adnexal mass": ("present", "adnexal mass")}),
    ("Films show multiple skull fractures.", {"skull fracture": ("present", "skull fractures")}),
    ("The right zygomatic bone is fractured.",
     {"zygomatic bone fracture": ("present", "zygomatic bone is fractured")}),
    ("CT of the chest revealed possible lung metastasis.",
     {"lung metastasis": ("possible", "lung metastasis")}),
    # (named as the vocabulary names "breast mass": breast lump, N63.0; extcls, so a negated
    # exam line and an affirmed mention of it are one concept)
    ("There is a 2 cm mass in the left breast.",
     {"breast lump": ("present", "mass in the left breast")}),
    ("There are no spiculated masses.", {"spiculated mass": ("absent", "spiculated masses")}),
    # a bare noun on an exam line labelled with the site
    ("NECK: Supple. No masses.", {"neck mass": ("absent", "masses"),
                                  "neck stiffness": ("absent", "NECK: Supple")}),
    # without a site, "mass" stays no problem; a longer vocabulary term wins
    ("A mass was seen.", {}),
])
def test_site_findings(extractor: Extractor, text: str, expected: dict) -> None:
    assert _problems(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The infant appeared to have failure-to-thrive.",
     {"failure to thrive": ("present", "failure-to-thrive")}),
    ("He has a well-healed scar.", {"scar": ("present", "scar")}),
])
def test_hyphenated_terms(extractor: Extractor, text: str, expected: dict) -> None:
    assert _problems(extractor, text) == expected


def test_dictionary_salts_and_aliased_combinations() -> None:
    d = drug_dictionary("")
    # a MeSH salt/ester of a clinical drug reads as that drug
    assert d["depo-medrol"]["generic"] == "methylprednisolone"
    assert d["depo-medrol"]["codes"][0] == "MESH:D000893"
    # a combination whose ingredient the dictionary names otherwise ("acetylsalicylic acid")
    assert d["aggrenox"]["generic"] == "aspirin/dipyridamole"
    # enzymes and other MeSH chemicals that merely start with a drug's name stay out
    assert "thymidine kinase" not in d


def test_new_clause_verb_ends_a_negation(extractor: Extractor) -> None:
    text = ("CT of the abdomen revealed no metastasis, a CT of the chest revealed possible "
            "lung metastasis.")
    assert _problems(extractor, text)["lung metastasis"] == ("possible", "lung metastasis")
    assert _problems(extractor, "CT showed no fracture.") == {"fracture": ("absent", "fracture")}


@pytest.mark.parametrize("text, expected", [
    ("There was no vaginal bleeding or discharge.",
     {"vaginal bleeding": ("absent", "vaginal bleeding"),
      "vaginal discharge": ("absent", "vaginal bleeding or discharge")}),
    # no "<modifier> <noun>" term: nothing is made up
    ("No chest pain or pressure.", {"chest pain": ("absent", "chest pain")}),
])
def test_shared_modifier(extractor: Extractor, text: str, expected: dict) -> None:
    assert _problems(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Bactrim DS 800 mg/160 mg one tablet q.12h.",
     {"sulfamethoxazole/trimethoprim": ("800 mg/160 mg", None, "q12h", "active")}),
    ("Oxycodone 5 mg every 6 to 8 hours for pain.",
     {"oxycodone": ("5 mg", None, "q6-8h PRN", "active")}),
])
def test_combination_strengths_and_for_pain(extractor: Extractor, text: str,
                                            expected: dict) -> None:
    assert {k.replace("-", "/"): v for k, v in _meds(extractor, text).items()} == expected


def test_allergen_class_word_dropped(extractor: Extractor) -> None:
    text = "ALLERGIES:\nShe is allergic to sulfa medications.\n"
    rec = extractor.extract(text, "t")
    assert [(a.substance, text[a.span[0]:a.span[1]].startswith("sulfa")) for a in
            rec.allergies] == [("sulfa", True)]
    assert rec.medications == []
