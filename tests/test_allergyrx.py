"""Allergy-and-medication clause classes of the allergyrx round (issue 16), each pinned with
hand-computed expected values and near misses, and the allergyrx probe's committed files.

- a hypothetical allergy statement ("If she is allergic to penicillin, we will use
  clindamycin") is no allergy (``allergy_statements._hypothetical``); the drug of the plan is
  read as a medication, never the allergen;
- an allergen list ends at a comma after which the patient is the subject again ("She is
  allergic to penicillin, she takes lisinopril daily": ``allergy_words._CLAUSE_END``);
- a past, declarative, unconditional passive restart of a pronoun in the NEXT sentence binds to
  the held drug ("Lisinopril was held yesterday. It was restarted today."), and nothing else
  does (``med_status._next_sentence_restart``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from extract_readers import allergies, meds  # same folder


def _nka(extractor, text: str) -> bool | None:  # noqa: ANN001
    return extractor.extract(text, "t").no_known_allergies


PEN = [("penicillin", None, "penicillin")]


# ----- a hypothetical allergy statement: no allergy, the planned drug a medication
@pytest.mark.parametrize(("text", "want_meds"), [
    ("If she is allergic to penicillin, we will use clindamycin.", {"clindamycin": "active"}),
    ("In case he is allergic to penicillin, we will give clindamycin.",
     {"clindamycin": "active"}),
    ("Unless she is allergic to penicillin, we will start amoxicillin.", {"amoxicillin": "new"}),
    ("We will check whether he is allergic to penicillin.", {}),
    ("If he has an allergy to penicillin, we will use clindamycin.", {"clindamycin": "active"}),
    ("If he has a penicillin allergy, we will use clindamycin.", {"clindamycin": "active"}),
    ("If allergic to penicillin, use clindamycin.", {"clindamycin": "active"}),
    ("If there is no allergy to penicillin, we will give amoxicillin.", {"amoxicillin": "active"}),
])
def test_hypothetical_allergy_is_none(extractor, text: str, want_meds: dict) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert _nka(extractor, text) is None
    assert meds(extractor, text) == want_meds


# near misses: a stated allergy next to a condition, a conjunction governing another predicate,
# a second sentence's allergy, a spoken answer after a hypothetical question
@pytest.mark.parametrize(("text", "want", "want_meds"), [
    ("She is allergic to penicillin; if she needs antibiotics we will use clindamycin.", PEN,
     {"clindamycin": "active"}),
    ("He was asked if he has any allergies and he is allergic to penicillin.", PEN, {}),
    ("If she is allergic to penicillin, we will use clindamycin. She is allergic to sulfa.",
     [("sulfa", None, "sulfa")], {"clindamycin": "active"}),
    ("Doctor: If you are allergic to penicillin, tell me. Patient: I am allergic to penicillin.",
     PEN, {}),
    ("She is allergic to penicillin.", PEN, {}),
    # a doubt is a questioned allergy, recorded (tests/test_extract_allergy_classes2.py)
    ("It is unclear whether she is actually allergic to penicillin.", PEN, {}),
    ("It is unclear if he is allergic to penicillin.", PEN, {}),
])
def test_stated_allergy_kept(extractor, text: str, want: list, want_meds: dict) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
    assert _nka(extractor, text) is False
    assert meds(extractor, text) == want_meds


# ----- an allergen list ends where the patient is the subject again after a comma
@pytest.mark.parametrize(("text", "want", "want_meds"), [
    ("She is allergic to penicillin, she takes lisinopril daily.", PEN, {"lisinopril": "active"}),
    ("The patient is allergic to penicillin, the patient takes metoprolol.", PEN,
     {"metoprolol": "active"}),
    ("She is allergic to penicillin, sulfa and codeine, she takes lisinopril and metformin.",
     [("penicillin", None, "penicillin"), ("sulfa", None, "sulfa"), ("codeine", None, "codeine")],
     {"lisinopril": "active", "metformin": "active"}),
    ("Allergic to penicillin, she takes lisinopril.", PEN, {"lisinopril": "active"}),
    ("She is allergic to penicillin, patient takes aspirin 81 mg daily.", PEN,
     {"aspirin": "active"}),
])
def test_new_clause_ends_the_allergen_list(extractor, text: str, want: list,  # noqa: ANN001
                                           want_meds: dict) -> None:
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == want_meds


# near misses: the list itself, a reaction clause, a relative's allergy; no allergen a medication
@pytest.mark.parametrize(("text", "want"), [
    ("She is allergic to penicillin, sulfa, codeine.",
     [("penicillin", None, "penicillin"), ("sulfa", None, "sulfa"), ("codeine", None, "codeine")]),
    ("ALLERGIES: Penicillin, sulfa, codeine.",
     [("penicillin", None, "Penicillin"), ("sulfa", None, "sulfa"), ("codeine", None, "codeine")]),
    ("She is allergic to penicillin, which causes hives.",
     [("penicillin", "hives", "penicillin, which causes hives")]),
    ("She is allergic to penicillin, it gives her hives.", [("penicillin", "hives", "penicillin")]),
    ("She is allergic to penicillin, her mother is allergic to sulfa.", PEN),
    ("He is allergic to latex, he uses gloves.", [("latex", None, "latex")]),
])
def test_allergen_lists_unchanged(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == {}


# ----- a restart in the next sentence
@pytest.mark.parametrize(("text", "want"), [
    ("Lisinopril was held yesterday. It was restarted today.", {"lisinopril": "active"}),
    ("Metformin was held before the CT. It was resumed afterward.", {"metformin": "active"}),
    ("Warfarin was held. It was restarted at 2.5 mg daily.", {"warfarin": "active"}),
    ("Warfarin was held. It was restarted. The patient was discharged.", {"warfarin": "active"}),
    ("Warfarin was held. It was restarted today. Aspirin was continued.",
     {"warfarin": "active", "aspirin": "active"}),
])
def test_next_sentence_restart_binds(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# near misses: a question, a denial after it, a plan, a condition, a future, an undone restart,
# a plural, two drugs before it, another drug in its sentence, an active-voice restart
@pytest.mark.parametrize(("text", "want"), [
    ("Warfarin was held. It was restarted? No, not yet.", {"warfarin": "held"}),
    ("Heparin was held. We will resume it tomorrow if the CT is negative.", {"heparin": "held"}),
    ("Warfarin was held. It was restarted. It was held again for bleeding.", {"warfarin": "held"}),
    ("Warfarin was held. It was restarted. INR rose to 5. It was held again.",
     {"warfarin": "held"}),
    ("Warfarin was held. It was restarted. INR rose to 5. We stopped it.", {"warfarin": "held"}),
    ("Warfarin was held. It was restarted. No, that is wrong.", {"warfarin": "held"}),
    ("Warfarin was held. It was restarted when INR was 2.", {"warfarin": "held"}),
    ("Warfarin was held. It will be restarted tomorrow.", {"warfarin": "held"}),
    ("Warfarin was held. It was to be restarted tomorrow.", {"warfarin": "held"}),
    ("Warfarin was held. It was not restarted.", {"warfarin": "held"}),
    ("Warfarin was held. They were restarted today.", {"warfarin": "held"}),
    ("Warfarin and aspirin were held. It was restarted today.",
     {"warfarin": "held", "aspirin": "held"}),
    ("Warfarin was held. It was restarted and aspirin was stopped.",
     {"warfarin": "held", "aspirin": "discontinued"}),
    ("Warfarin was held. We restarted it. It was held again for bleeding.", {"warfarin": "held"}),
])
def test_next_sentence_restart_near_misses(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ----- the probe's committed files (no source text read)
HERE = Path(__file__).resolve().parents[1] / "eval" / "data" / "extraction" / "allergyrx"


def test_allergyrx_probe_files_agree() -> None:
    rows = [json.loads(x) for x in (HERE / "manifest.jsonl").read_text(encoding="utf-8")
            .splitlines() if x]
    labels = [json.loads(x) for x in (HERE / "labels.jsonl").read_text(encoding="utf-8")
              .splitlines() if x]
    assert len(rows) == 40 and [r["id"] for r in rows] == [lab["id"] for lab in labels]
    assert {r["split"] for r in rows} == {"allergyrx"}
    assert sum(len(lab["allergies"]) for lab in labels) == 17
    assert sum(len(lab["medications"]) for lab in labels) == 50
    # no unit of a held-out note / encounter of any extraction set
    held = set()
    for path in HERE.parent.glob("*/manifest.jsonl"):
        for x in path.read_text(encoding="utf-8").splitlines():
            if x.strip():
                r = json.loads(x)
                if r["split"] == "heldout":
                    held.add(r["source_id"] if r["source"] == "mtsamples"
                             else r["source_id"].split("-", 1)[1])
    for r in rows:
        assert (r["source_id"] if r["source"] == "mtsamples"
                else r["source_id"].split("-", 1)[1]) not in held


# ----- a restart planned for a later time: held until then (probe units mts-147, mts-3197)
@pytest.mark.parametrize(("text", "want"), [
    ("He is to restart his Coumadin not before Sunday.", {"warfarin": "held"}),
    ("The patient has been taken off Coumadin for five days and will be placed back on Coumadin "
     "the day after the surgery.", {"warfarin": "held"}),
    ("She is to restart metformin after the procedure.", {"metformin": "held"}),
    ("He will be placed back on Coumadin after the surgery.", {"warfarin": "held"}),
])
def test_future_restart_is_held(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# near misses: no bound or event (a bare time: tests/test_extract_probe20_classes.py pins "We
# will restart warfarin tomorrow." new), a restart done, a continuation, a new start, an
# instruction now
@pytest.mark.parametrize(("text", "want"), [
    ("We will restart warfarin tomorrow.", {"warfarin": "new"}),
    ("He will resume aspirin tomorrow.", {"aspirin": "active"}),
    ("We will restart lisinopril at half the previous dose.", {"lisinopril": "new"}),
    ("He will resume aspirin today.", {"aspirin": "active"}),
    ("He restarted his Coumadin on Sunday.", {"warfarin": "new"}),
    ("He will continue Coumadin after the surgery.", {"warfarin": "active"}),
    ("He will start Coumadin tomorrow.", {"warfarin": "new"}),
    ("Asked to restart his omeprazole and I am also going to reduce his aspirin to 81 mg q.d.",
     {"omeprazole": "new", "aspirin": "active"}),
])
def test_future_restart_near_misses(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want
