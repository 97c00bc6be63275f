"""rerev14e (issue 16): the re-review's regressions of this round, pinned with near misses.

- the "patients with" population cue is void when the patient is the subject later in the
  same sentence ("Among patients with CHF, he is NYHA III");
- "OA presentation / position" is the fetal occiput anterior only among a delivery's words,
  never after a joint ("Knee OA presentation today": osteoarthritis);
- "took X and got hives" is no allergy when X is taken on without trouble afterwards, and a
  denied viral cause ("not viral") no longer voids it.
"""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.extract.pipeline import Extractor

_EX = Extractor(Settings(use_llm=False))


def _run(text: str) -> tuple[list, dict, list]:
    rec = _EX.extract(text, "t").model_dump(mode="json")
    problems = [(p["text"] if "text" in p else p.get("concept"), p["status"])
                for p in rec["problems"]]
    meds = {m["name"]: m["status"] for m in rec["medications"]}
    allergies = [a["substance"] for a in rec["allergies"]]
    return problems, meds, allergies


def _names(problems: list) -> dict:
    return {name: status for name, status in problems}


@pytest.mark.parametrize("text,name", [
    ("Among patients with CHF, he is NYHA III.", "heart failure"),
    ("Among patients with COPD, she has frequent exacerbations.",
     "chronic obstructive pulmonary disease"),
    ("In patients with diabetes, he has good control.", "diabetes mellitus"),
    ("Patients with diabetes: he has diabetes and neuropathy.", "diabetes mellitus"),
])
def test_population_cue_void_with_the_patient_as_subject(text: str, name: str) -> None:
    assert _names(_run(text)[0]).get(name) == "present"


@pytest.mark.parametrize("text", [
    "Patients with sepsis must be excluded.",
    "In patients with renal failure, dose should be reduced.",
    "Patients with diabetes should have annual eye exams.",
    "She is a nurse who cares for patients with COVID.",
])
def test_population_cue_still_drops_general_statements(text: str) -> None:
    assert _run(text)[0] == []


@pytest.mark.parametrize("text,expected", [
    ("Knee OA presentation today for injection.", {"osteoarthritis": "present"}),
    ("Hx of bilateral knee OA presentation today for injection.",
     {"osteoarthritis": "present"}),
    ("She delivered a viable infant in the OA position.", {}),
    ("Delivery: spontaneous vaginal delivery, OA presentation, Apgars 8 and 9.", {}),
])
def test_oa_presentation_is_occiput_anterior_only_in_a_delivery(text: str, expected: dict) -> None:
    assert _names(_run(text)[0]) == expected


@pytest.mark.parametrize("text,meds,allergies", [
    ("He took ibuprofen for a headache and developed hives; he takes ibuprofen regularly "
     "without issue.", {"ibuprofen": "active"}, []),
    ("He took naproxen and got a rash; he continues naproxen.", {"naproxen": "active"}, []),
    ("Took penicillin and got hives, not viral.", {}, ["penicillin"]),
    ("Took amoxicillin and got a rash not related to viral illness.", {}, ["amoxicillin"]),
    # near misses: the plain reaction, a likely viral cause, another drug taken afterwards
    ("He took amoxicillin and got hives.", {}, ["amoxicillin"]),
    ("He took amoxicillin and got hives, likely viral.", {"amoxicillin": "given"}, []),
    ("He took amoxicillin and got hives. Now takes cephalexin.", {"cephalexin": "active"},
     ["amoxicillin"]),
])
def test_took_then_got_reaction(text: str, meds: dict, allergies: list) -> None:
    _, got_meds, got_allergies = _run(text)
    assert got_meds == meds
    assert got_allergies == allergies


@pytest.mark.parametrize("text,expected", [
    ("FH: mother with breast cancer. Patient has hypertension.",
     {"breast cancer": "family", "hypertension": "present"}),
    ("FAMILY HISTORY: Mother with diabetes. Patient has hypertension.",
     {"diabetes mellitus": "family", "hypertension": "present"}),
    ("FAMILY HISTORY:\nMother with diabetes.\nPatient has hypertension.",
     {"diabetes mellitus": "family", "hypertension": "present"}),
    # near misses: a pronoun may be the relative; "Patient's mother" is the family's
    ("FH: father with MI. He has hypertension and takes lisinopril.",
     {"myocardial infarction": "family", "hypertension": "family"}),
    ("FAMILY HISTORY: Patient's mother has diabetes.", {"diabetes mellitus": "family"}),
    ("FAMILY HISTORY: Sister had breast cancer. She presented with a lump at 35.",
     {"breast cancer": "family"}),
])
def test_family_history_ends_at_the_patients_own_sentence(text: str, expected: dict) -> None:
    assert _names(_run(text)[0]) == expected
