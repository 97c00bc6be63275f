"""ConText scope classes of issue 16 (problem status on real notes), on short synthetic
snippets, and the scorer's hyphen folding.

Each positive case failed before this change; the guards pin what must not move:
- a new subject or possessive after "and" ("... and his fever resolved", "and the patient")
  ends a negation's scope: the earlier "not" negated the later finding;
- a conclusion ("therefore", "thus", "hence", "decided") ends it: "could not obtain blood,
  and therefore, we decided that the chance of cure of X" read X as absent;
- "no residual <deficit>" negates only the deficit, not the next list item after "and"
  ("stroke with no residual weakness and breast cancer" negated the cancer);
- guards: "no fever and chills" and "denies fever and chills" still negate both; "fever
  resolved" in the same sentence is still the "resolved" cue (historical in the pipeline).
"""

from __future__ import annotations

import pytest

from assistant.clinical.context import get_engine
from eval.extraction import score


def _detail(sentence: str, *targets: str) -> list[tuple[str, str]]:
    spans = [(sentence.index(t), sentence.index(t) + len(t)) for t in targets]
    return get_engine().classify_detail(sentence, spans)


# ----------------------------------------------------------------------------- positives
@pytest.mark.parametrize(("sentence", "target", "expected"), [
    # a possessive subject after "and": only "resolved" governs the finding
    ("He was not given any antibiotics and his cough resolved.", "cough",
     ("absent", "resolved")),
    ("She did not take the tablets and her rash cleared.", "rash", ("present", "")),
    ("He did not attend the clinic and the patient developed a rash.", "rash",
     ("present", "")),
    # a conclusion opens a new clause
    ("We could not reach the laboratory, and therefore, we decided that the chance of cure "
     "of hypothyroidism was good.", "hypothyroidism", ("present", "")),
    ("The sample could not be obtained, thus anemia was treated empirically.", "anemia",
     ("present", "")),
    # "no residual" negates the sequela just after it, not the next list item
    ("History of stroke with no residual weakness and breast cancer with bone metastases.",
     "breast cancer", ("historical", "history")),
    ("Old stroke without residual hemiparesis and diabetes.", "diabetes", ("present", "")),
])
def test_scope_ends(sentence: str, target: str, expected: tuple[str, str]) -> None:
    assert _detail(sentence, target) == [expected]


def test_no_residual_still_negates_the_deficit() -> None:
    sentence = "History of stroke with no residual weakness and breast cancer."
    assert _detail(sentence, "weakness", "breast cancer") == [
        ("absent", ""), ("historical", "history")]


# ----------------------------------------------------------------------------- guards
@pytest.mark.parametrize("sentence", ["No fever and chills.", "He denies fever and chills.",
                                      "There was no fever and no chills."])
def test_coordinated_negation_still_covers_both(sentence: str) -> None:
    assert [s for s, _ in _detail(sentence, "fever", "chills")] == ["absent", "absent"]


@pytest.mark.parametrize("sentence", ["His fever resolved.",
                                      "He had a fever, which has since resolved.",
                                      "Fever resolved after two days of rest."])
def test_resolved_same_sentence_keeps_its_cue(sentence: str) -> None:
    assert _detail(sentence, "ever") == [("absent", "resolved")]


def test_negated_verb_still_negates_its_own_object() -> None:
    # the "and his" terminator does not stop a negation before the "and"
    assert _detail("He did not have fever and his wife is well.", "fever") == [
        ("absent", "")]


# ----------------------------------------------------------------------------- scorer
def _rec(*names: str) -> dict:
    return {"note_id": "n", "problems": [{"text": n, "status": "present", "span": [0, 1]}
                                         for n in names],
            "medications": [], "allergies": [], "vitals": [], "labs": [], "error": None}


def _gold(*names: str) -> dict:
    return {"problems": [{"text": n, "status": "present"} for n in names],
            "medications": [], "allergies": [], "vitals": [], "labs": []}


def test_scorer_reads_a_hyphen_as_a_space() -> None:
    s = score([_rec("graft-versus-host disease")], [_gold("graft versus host disease")])
    assert (s["problems.tp"], s["problems.fp"], s["problems.fn"]) == (1, 0, 0)
    s = score([_rec("graft versus host disease")], [_gold("Graft-Versus-Host disease")])
    assert (s["problems.tp"], s["problems.fp"], s["problems.fn"]) == (1, 0, 0)



def test_scorer_hyphen_fold_leaves_other_names_apart() -> None:
    s = score([_rec("graft-versus-host disease")], [_gold("graft rejection")])
    assert (s["problems.tp"], s["problems.fp"], s["problems.fn"]) == (0, 1, 1)


# ----------------------------------------------------------------------------- round 2
@pytest.mark.parametrize(("sentence", "targets", "expected"), [
    # an informant's denial negates (it was a pseudo-trigger: the findings stayed present)
    ("The patient's daughter denied hallucinations and suicidal ideation.",
     ("hallucinations", "suicidal ideation"), ["absent", "absent"]),
    ("His wife denies any chest pain.", ("chest pain",), ["absent"]),
    # a second verb of the same subject after "and" opens a new clause
    ("She has not vomited and has some photophobia.", ("photophobia",), ["present"]),
    ("He did not fall and had a headache since.", ("headache",), ["present"]),
])
def test_round2_classes(sentence: str, targets: tuple[str, ...], expected: list[str]) -> None:
    assert [s for s, _ in _detail(sentence, *targets)] == expected


@pytest.mark.parametrize(("sentence", "targets", "expected"), [
    ("Mother reports fever and cough.", ("fever", "cough"), ["present", "present"]),
    ("Her mother has a history of breast cancer.", ("breast cancer",), ["family"]),
    ("He has no fever and has had no chills.", ("fever", "chills"), ["absent", "absent"]),
])
def test_round2_guards(sentence: str, targets: tuple[str, ...], expected: list[str]) -> None:
    assert [s for s, _ in _detail(sentence, *targets)] == expected
