"""Review 2 (extraction part): regressions a read-only safety review found after review 1.

Every reviewer input (a review file of that session, review2_extract.md) is pinned here with values set by hand.

- 6: "X excluded", "X was excluded", "X has been ruled out", "X ruled out" after the concept
  negate it (ConText backward negation), so a ruled-out differential diagnosis is absent;
- 7: "nor" continues a negated list only until a clause that affirms ("has had", "with",
  "and she has", "reports");
- 8: a hedge ("assess for", "evaluate for", "probably due to") does not reach a condition
  stated as known ("known X", "her diabetes", "control of", "response of his ...");
- 9: a recurrence cue makes a "history of" event current only when it belongs to that
  mention ("recurrent X", "X, recurrent episodes"), not to another noun in the clause;
- older: "Allergic reaction to penicillin as a child", "Allergy to aspirin" are allergies.
"""

from __future__ import annotations

import pytest

from assistant.extract.pipeline import Extractor


def _problems(extractor: Extractor, text: str) -> dict[str, str]:
    return {p.text: p.status for p in extractor.extract(text, "t").problems}


def _check(extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got.get(k) for k in expected} == expected, got


# ------------------------------------------------------------ 6: "X excluded" / "X ruled out"
@pytest.mark.parametrize(("text", "expected"), [
    ("DDx: myocardial infarction vs pulmonary embolism. Troponin negative x2, myocardial "
     "infarction excluded.", {"myocardial infarction": "absent"}),
    ("Differential diagnosis: pulmonary embolism, pneumonia. CT negative, pulmonary embolism "
     "excluded.", {"pulmonary embolism": "absent"}),
    ("Troponin negative x2, myocardial infarction excluded.", {"myocardial infarction": "absent"}),
    ("Pulmonary embolism was excluded by CT angiogram.", {"pulmonary embolism": "absent"}),
    ("Pneumonia has been ruled out.", {"pneumonia": "absent"}),
    ("Appendicitis ruled out by ultrasound.", {"appendicitis": "absent"}),
])
def test_excluded_after_the_concept_negates(extractor: Extractor, text: str,
                                            expected: dict[str, str]) -> None:
    _check(extractor, text, expected)


# ------------------------------------------------------------ 7: "nor" stops at an affirmation
@pytest.mark.parametrize(("text", "expected"), [
    ("No chest pain nor shortness of breath, has had palpitations for 2 days.",
     {"chest pain": "absent", "palpitations": "present"}),
    ("No fever nor chills with productive cough and hemoptysis.",
     {"fever": "absent", "hemoptysis": "present"}),
    ("No fever nor chills and she has a cough and vomiting.",
     {"fever": "absent", "chills": "absent", "cough": "present", "vomiting": "present"}),
    ("Denies headache nor dizziness, but reports chest pain and palpitations.",
     {"headache": "absent", "chest pain": "present", "palpitations": "present"}),
    ("Denies nausea nor vomiting and reports melena.",
     {"nausea": "absent", "vomiting": "absent", "melena": "present"}),
    # the NegEx gain stays: the list after "nor" is negated
    ("No fever nor chills, cough or vomiting.",
     {"fever": "absent", "chills": "absent", "cough": "absent", "vomiting": "absent"}),
])
def test_nor_stops_at_an_affirming_clause(extractor: Extractor, text: str,
                                          expected: dict[str, str]) -> None:
    _check(extractor, text, expected)


# ------------------------------------------------------------ 8: hedges spare known conditions
@pytest.mark.parametrize(("text", "expected"), [
    ("Here today to assess for control of her diabetes and hypertension.",
     {"diabetes mellitus": "present", "hypertension": "present"}),
    ("Shortness of breath probably due to known congestive heart failure.",
     {"heart failure": "present"}),
    ("Follow up to evaluate for response of his known atrial fibrillation to amiodarone.",
     {"atrial fibrillation": "present"}),
    # the hedge still reads an unknown cause as possible
    ("Dopplers to evaluate for deep vein thrombosis.", {"deep vein thrombosis": "possible"}),
    ("Cough probably due to pneumonia.", {"pneumonia": "possible"}),
])
def test_hedge_spares_known_conditions(extractor: Extractor, text: str,
                                       expected: dict[str, str]) -> None:
    _check(extractor, text, expected)


# ------------------------------------------------------------ 9: the recurrence is the mention's
@pytest.mark.parametrize(("text", "expected"), [
    ("History of stroke, with recurrent falls at home.", {"stroke": "historical"}),
    ("History of pneumonia, recurrent urinary tract infections.",
     {"pneumonia": "historical", "urinary tract infection": "present"}),
    # guards: the cue of the mention itself still makes it current
    ("History of syncope, recurrent episodes over the past year.", {"syncope": "present"}),
    ("History of recurrent urinary tract infections.", {"urinary tract infection": "present"}),
])
def test_recurrence_cue_belongs_to_the_mention(extractor: Extractor, text: str,
                                               expected: dict[str, str]) -> None:
    _check(extractor, text, expected)


# ------------------------------------------------------------ older: allergy statements
def test_allergic_reaction_as_a_child_is_an_allergy(extractor: Extractor) -> None:
    r = extractor.extract("Allergic reaction to penicillin as a child. Currently on warfarin "
                          "and metoprolol.", "t")
    assert any("penicillin" in a.substance.lower() for a in r.allergies), r.allergies
    assert not any("penicillin" in m.name.lower() for m in r.medications), r.medications


def test_allergy_to_aspirin_is_an_allergy(extractor: Extractor) -> None:
    r = extractor.extract("Allergy to aspirin.", "t")
    assert any("aspirin" in a.substance.lower() for a in r.allergies), r.allergies
