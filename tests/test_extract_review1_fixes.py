"""Review 1 (extraction part): regressions a read-only safety review found after probe6.

Every reviewer input (a review file of that session, review1_extract.md) is pinned here with values set by hand.
The "fix" cases fail on main before this round (c9751cd); the guards pass before and after.

- 7: the "history of" cue's scope stops at a clause that opens the current presentation
  ("now with", "presents with", "admitted with", "currently", "again", a new list item), and
  a recurring event ("recurrent episodes", "again") stays present with the cue after it;
- 8: only "differential diagnosis/DDx/differential dx" opens a differential section (a bare
  "Differential:" is the CBC's white-cell differential), the section ends with its own
  statement or list, and a later confirmation of the concept makes it present;
- 9: an allergen the note says to continue/give/start stays a medication;
- 11: allergy statements outside an ALLERGIES section.
"""

from __future__ import annotations

import pytest

from assistant.clinical.sections import find_sections
from assistant.extract.pipeline import Extractor


def _problems(extractor: Extractor, text: str) -> dict[str, str]:
    return {p.text: p.status for p in extractor.extract(text, "t").problems}


def _meds(extractor: Extractor, text: str) -> dict[str, str | None]:
    return {m.name: m.status for m in extractor.extract(text, "t").medications}


# ------------------------------------------------------------ 7: history of a one-off event
@pytest.mark.parametrize(("text", "expected"), [
    ("History of peptic ulcer disease, now with melena and hematemesis.",
     {"melena": "present", "hematemesis": "present"}),
    ("History of GI bleed, now with hematemesis.", {"hematemesis": "present"}),
    ("History of GI bleed, now with melena.", {"melena": "present"}),
    ("ASSESSMENT: 1. History of UTI, now with urosepsis.", {"sepsis": "present"}),
    ("History of pancreatitis, now with acute pancreatitis again.", {"pancreatitis": "present"}),
    ("History of syncope, recurrent episodes over the past year.", {"syncope": "present"}),
    ("HISTORY: This 70-year-old woman was admitted with an acute myocardial infarction this "
     "morning.", {"myocardial infarction": "present"}),
    ("HISTORY: 45-year-old with appendicitis, here for appendectomy.",
     {"appendicitis": "present"}),
])
def test_history_scope_stops_at_the_presentation(extractor: Extractor, text: str,
                                                 expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the event itself, before the presentation clause, stays past
    ("History of GI bleed, now with hematemesis.",
     {"gastrointestinal hemorrhage": "historical"}),
    ("History of UTI, now with urosepsis.", {"urinary tract infection": "historical"}),
    ("He has a history of pneumonia and presents today with cough, fever and right lower lobe "
     "consolidation.", {"pneumonia": "historical", "cough": "present", "fever": "present"}),
    ("History of pancreatitis. Presents with epigastric pain and lipase 900.",
     {"pancreatitis": "historical"}),
    ("History of a fall 2 days ago with hip pain.", {"fall": "historical",
                                                     "hip pain": "present"}),
    ("PAST MEDICAL HISTORY: Pneumonia, hypertension.",
     {"pneumonia": "historical", "hypertension": "present"}),
    ("History of syncope, no further episodes.", {"syncope": "historical"}),
    ("History of MI, now with recurrent chest pain.", {"myocardial infarction": "historical",
                                                      "chest pain": "present"}),
    # current and recurring wordings that were right already
    ("History of atrial fibrillation, presents with syncope today.",
     {"atrial fibrillation": "present", "syncope": "present"}),
    ("History of alcohol abuse, presenting with acute pancreatitis.",
     {"pancreatitis": "present"}),
    ("History of MI 2015. Now with chest pain and ST elevation, STEMI.",
     {"chest pain": "present"}),
    ("History of pneumonia last year, now with fever and pneumonia on chest x-ray.",
     {"pneumonia": "present", "fever": "present"}),
    ("History of pulmonary embolism, now with recurrent pulmonary embolism on CT.",
     {"pulmonary embolism": "present"}),
    ("History of falls, now presents after a fall with hip fracture.",
     {"fall": "present", "hip fracture": "present"}),
    ("History of sepsis. Currently septic with hypotension.", {"sepsis": "present"}),
    ("History of recurrent UTIs. Currently being treated for a UTI.",
     {"urinary tract infection": "present"}),
    ("History of TIAs.", {"transient ischemic attack": "present"}),
    ("History of multiple falls.", {"fall": "present"}),
    ("She has a history of falls and was found on the floor today.", {"fall": "present"}),
    ("Admitted with pneumonia. History of pneumonia 2019.", {"pneumonia": "present"}),
    ("HISTORY: The patient is a 60-year-old man who presents with pneumonia.",
     {"pneumonia": "present"}),
    ("HPI: 60M with sepsis from a urinary tract infection.",
     {"sepsis": "present", "urinary tract infection": "present"}),
    ("HISTORY OF PRESENT ILLNESS: 45-year-old with appendicitis, here for appendectomy.",
     {"appendicitis": "present"}),
    ("CHIEF COMPLAINT: History of chest pain.", {"chest pain": "present"}),
])
def test_history_scope_guards(extractor: Extractor, text: str,
                              expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got.get(k) for k in expected} == expected


# ------------------------------------------------------------ 8: differential diagnosis
@pytest.mark.parametrize(("text", "expected"), [
    ("LABS: CBC: WBC 14.2, hemoglobin 9.1.\nDifferential: neutrophils 85%, lymphocytes 8%.\n"
     "The patient has pneumonia and acute kidney injury. Troponin elevated consistent with "
     "NSTEMI.", {"pneumonia": "present", "acute kidney injury": "present", "nstemi": "present"}),
    ("DIFFERENTIAL DIAGNOSIS: Pulmonary embolism versus pneumonia. CT angiogram showed a "
     "saddle pulmonary embolism. Started on heparin.",
     {"pulmonary embolism": "present", "pneumonia": "possible"}),
    ("DDx: meningitis. LP confirmed bacterial meningitis.",
     {"meningitis": "present", "bacterial meningitis": "present"}),
    ("DIFFERENTIAL DIAGNOSIS: Sepsis, pneumonia.\nThe patient has a urinary tract infection "
     "and hyponatremia.", {"sepsis": "possible", "pneumonia": "possible",
                           "urinary tract infection": "present", "hyponatremia": "present"}),
    ("Differential: myocardial infarction. Troponin elevated, diagnosed with NSTEMI.",
     {"myocardial infarction": "present", "nstemi": "present"}),
])
def test_differential_ends_with_its_statement(extractor: Extractor, text: str,
                                              expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("DIFFERENTIAL DIAGNOSIS: Pulmonary embolism, pneumonia.",
     {"pulmonary embolism": "possible", "pneumonia": "possible"}),
    ("DIFFERENTIAL DIAGNOSIS: Pulmonary embolism versus pneumonia.\nASSESSMENT AND PLAN: "
     "Pulmonary embolism confirmed on CT.",
     {"pulmonary embolism": "present", "pneumonia": "possible"}),
    ("CBC with differential: WBC 14.2.\nThe patient has pneumonia.", {"pneumonia": "present"}),
    ("IMPRESSION: Hyperbilirubinemia.\nDIFFERENTIAL DIAGNOSES: Considered urinary tract "
     "infection, dehydration, hypothyroidism, galactosemia, and ventricular septal defect.",
     {"ventricular septal defect": "possible", "hypothyroidism": "possible"}),
    # a bare header's list runs over its items, not over the prose after a blank line
    ("DIFFERENTIAL DIAGNOSIS:\n1. Pulmonary embolism\n2. Pneumonia\n\nCT showed no "
     "pulmonary embolism. Started ceftriaxone.", {"pneumonia": "possible"}),
])
def test_differential_guards(extractor: Extractor, text: str,
                             expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got.get(k) for k in expected} == expected


def test_bare_differential_is_no_section() -> None:
    text = "LABS: CBC: WBC 14.2.\nDifferential: neutrophils 85%.\nThe patient has pneumonia."
    assert [s.name for s in find_sections(text)] == ["labs"]


def test_differential_section_ends_at_its_statement() -> None:
    text = "A/P: Chest pain.\nDDx: meningitis. LP confirmed bacterial meningitis."
    names = [(s.name, text[s.body_start:s.end].strip()) for s in find_sections(text)]
    assert names == [("assessment_plan", "Chest pain."), ("differential", "meningitis."),
                     ("assessment_plan", "LP confirmed bacterial meningitis.")]


# ------------------------------------------------------------ 9: an allergen that is ordered
@pytest.mark.parametrize(("text", "name", "status"), [
    ("ALLERGIES: Vancomycin (red man syndrome).\nPLAN: Continue vancomycin, infuse slowly.",
     "vancomycin", "active"),
    ("Allergic to morphine (itching) but tolerates it with Benadryl; continue morphine.",
     "morphine", "active"),
    ("No steroid due to reaction to dexamethasone. Continue dexamethasone taper.",
     "dexamethasone", "active"),
    ("ALLERGIES: Morphine (itching).\nPLAN: Give morphine for pain.", "morphine", "new"),
])
def test_ordered_allergen_stays_a_medication(extractor: Extractor, text: str, name: str,
                                             status: str) -> None:
    assert _meds(extractor, text).get(name) == status


@pytest.mark.parametrize(("text", "name"), [
    ("ALLERGIES: Codeine (nausea).\nShe had nausea after codeine in 2019.", "codeine"),
    ("ALLERGIES: Morphine (itching).\nPLAN: Do not give morphine; use fentanyl.", "morphine"),
    ("ALLERGIES: Penicillin (rash).\nHe reports a rash after penicillin as a child.",
     "penicillin"),
])
def test_bare_allergen_is_no_medication(extractor: Extractor, text: str, name: str) -> None:
    assert name not in _meds(extractor, text)


# ------------------------------------------------------------ 11: allergies outside a section
def _allergies(extractor: Extractor, text: str) -> tuple[list[tuple[str, str | None]], bool | None]:
    r = extractor.extract(text, "t")
    return [(a.substance, a.reaction) for a in r.allergies], r.no_known_allergies


@pytest.mark.parametrize(("text", "allergies", "nka"), [
    ("Penicillin allergy.", [("penicillin", None)], False),
    ("History of penicillin allergy.", [("penicillin", None)], False),
    ("History of seasonal allergies and penicillin allergy.", [("penicillin", None)], False),
    ("Hives with penicillin.", [("penicillin", "hives")], False),
    ("PCN allergy - hives. Bactrim - anaphylaxis.",
     [("penicillin", "hives"), ("sulfamethoxazole/trimethoprim", "anaphylaxis")], False),
    ("He states that penicillin caused him to have hives.", [("penicillin", "hives")], False),
    ("ALLERGIES: Reviewed with patient: NKDA.", [], True),
    ("ALLERGIES: Reviewed and updated; allergic to codeine.", [("codeine", None)], False),
    ("ALLERGIES: Reviewed, penicillin.", [("penicillin", None)], False),
    ("Sulfa drug allergy.", [("sulfa", None)], False),
    # a word inside the phrase names no allergen ("her egg"); the list's plural is the same
    ("ALLERGIES: Eggs, peanuts.\nShe cannot get the flu shot due to her egg allergy.",
     [("eggs", None), ("peanuts", None)], False),
    ("ALLERGIES: ADHESIVE TAPE ALLERGIES.\nREVIEW OF SYSTEMS: Negative.",
     [("adhesive tape", None)], False),
])
def test_allergy_statements(extractor: Extractor, text: str,
                            allergies: list[tuple[str, str | None]], nka: bool | None) -> None:
    assert _allergies(extractor, text) == (allergies, nka)


@pytest.mark.parametrize("text", [
    "Penicillin allergy.", "History of penicillin allergy.", "Hives with penicillin.",
    "PCN allergy - hives. Bactrim - anaphylaxis.",
    "He states that penicillin caused him to have hives and that sulfa makes him swell up.",
])
def test_allergy_statement_is_no_active_medication(extractor: Extractor, text: str) -> None:
    assert _meds(extractor, text) == {}


@pytest.mark.parametrize(("text", "allergies"), [
    ("No penicillin allergy.", []),
    ("Denies PCN allergy.", []),
    ("Mother has a penicillin allergy.", []),
    ("Food allergy. Seasonal allergies.", []),
    ("Penicillin allergy testing was negative.", []),
    ("ALLERGIES:\nCODEINE.  NO SHRIMP, SEAFOOD, OR DYE ALLERGY.\nPLAN: rest.", [("codeine", None)]),
    ("ALLERGIES: Reviewed. Penicillin causes anaphylaxis.", [("penicillin", "anaphylaxis")]),
    ("Mother is allergic to penicillin. Patient has no known drug allergies.", []),
])
def test_allergy_statement_guards(extractor: Extractor, text: str,
                                  allergies: list[tuple[str, str | None]]) -> None:
    assert _allergies(extractor, text)[0] == allergies


@pytest.mark.parametrize(("text", "name"), [
    # a past event and a current suspicion of the same concept: the suspicion is what matters
    # now (present > possible > historical > absent when one concept has several mentions)
    ("History of stroke, now presenting with new right arm weakness, concerning for acute "
     "stroke.", "stroke"),
    ("History of stroke in 2015. Now with new left facial droop; rule out stroke.", "stroke"),
    ("HPI: 70M with history of MI, now with chest pain, possible MI.", "myocardial infarction"),
])
def test_current_suspicion_outranks_a_past_event(extractor, text: str, name: str) -> None:
    statuses = {p.text: p.status for p in extractor.extract(text, "n").problems}
    assert statuses[name] == "possible"
