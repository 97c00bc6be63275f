"""Allergy wordings of the allergy11 round (issue 16): each class pinned with hand-computed
expected values, and near misses it must NOT fire on.

Snippets written for this test (no real note text), in the forms real notes and transcribed
visits use (ACI-bench's lower-case "[doctor] ... ." turns, MTSamples' comma-for-newline
sections). Expected values by hand: the substance (the drug dictionary's generic, a
combination as "a/b"), the reaction as written in lower case, the words of the span, and
``no_known_allergies``.
"""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest
from extract_readers import allergies, meds  # same folder

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "eval" / "data" / "extraction" / "allergy11"


def _nka(extractor, text: str) -> bool | None:  # noqa: ANN001
    return extractor.extract(text, "t").no_known_allergies


# ----- 1. first / second person and contracted copulas ("I'm / i am / you're / she's
# allergic to"), and the misspelling "your allergic to"
@pytest.mark.parametrize(("text", "want"), [
    ("I'm allergic to sulfa and it gives me hives.", [("sulfa", "hives", "sulfa")]),
    ("i'm allergic to sulfa and it gives me hives", [("sulfa", "hives", "sulfa")]),
    ("[patient] i'm allergic to penicillin , it gives me hives .",
     [("penicillin", "hives", "penicillin")]),
    ("I am allergic to codeine.", [("codeine", None, "codeine")]),
    ("She's allergic to latex.", [("latex", None, "latex")]),
    ("[doctor] excellent . i have that you're allergic to penicillin . any other allergies ?",
     [("penicillin", None, "penicillin")]),
    ("[doctor] looks like your allergic to sulfa drugs as well . is that correct ?",
     [("sulfa", None, "sulfa drugs")]),
    ("[doctor] and you're allergic to percocet , vicodin and regulin .",
     [("oxycodone/acetaminophen", None, "percocet"),
      ("hydrocodone/acetaminophen", None, "vicodin")]),
    # a non-drug allergen is an allergy all the same (FHIR category environment)
    ("[patient] i'm allergic to cats .", [("cats", None, "cats")]),
])
def test_person_copulas(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
    assert _nka(extractor, text) is False
    # an allergen never an active medication
    assert not any(s in ("active", "new", None) for s in meds(extractor, text).values())


@pytest.mark.parametrize("text", [
    "[doctor] if you're allergic to penicillin we can use something else .",
    "[doctor] do you know if you're allergic to anything ?",
    "[patient] i'm not allergic to anything .",
    "[patient] i don't think i'm allergic to it .",
    "[patient] my son's allergic to peanuts .",
    "[patient] she's not allergic to penicillin .",
    "[doctor] are you allergic to any medications ?",
    "[doctor] any chance you're allergic to latex ?",
    # "your" as a possessive: an allergic reaction ruled out is no allergy
    "Your allergic reaction to the contrast was ruled out.",
    "An allergic reaction to the contrast was ruled out.",
])
def test_person_copulas_near_misses(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []


def test_first_person_denial_is_nka(extractor) -> None:  # noqa: ANN001
    text = "[patient] i'm not allergic to any medications that i know of ."
    assert allergies(extractor, text) == []
    assert _nka(extractor, text) is True


def test_cat_allergy_and_no_drug_allergies(extractor) -> None:  # noqa: ANN001
    # a non-drug allergy beside "no medication allergies": the allergy kept, NKA unset
    # (the record's one guard: an allergy listed and NKA true conflict)
    text = "[patient] i'm allergic to cats but no medication allergies ."
    assert allergies(extractor, text) == [("cats", None, "cats")]
    assert _nka(extractor, text) is False


# ----- 2. "reports / endorses sensitivity to X" (a person the subject)
@pytest.mark.parametrize(("text", "want"), [
    ("She reports sensitivity to latex.", [("latex", None, "latex")]),
    ("The patient also reports sensitivity to codeine.", [("codeine", None, "codeine")]),
])
def test_reported_sensitivity(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want


@pytest.mark.parametrize(("text", "want_meds"), [
    # a culture's or a lab's sensitivity is the organism's, no allergy
    ("The culture reports sensitivity to Bactrim.",
     {"sulfamethoxazole/trimethoprim": "active"}),
    ("Lab reports sensitivity to Bactrim.", {"sulfamethoxazole/trimethoprim": "active"}),
    ("She reports no sensitivity to latex.", {}),
    ("He denies sensitivity to latex.", {}),
    # not a known allergen
    ("She reports sensitivity to heat.", {}),
])
def test_reported_sensitivity_near_misses(extractor, text: str, want_meds: dict) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == want_meds


# ----- 3. the reaction as the subject, the drug its cause ("R was caused by / due to X")
@pytest.mark.parametrize(("text", "want", "want_meds"), [
    ("The rash was caused by amoxicillin, which was stopped.",
     [("amoxicillin", "rash", "amoxicillin")], {}),
    ("Her hives were due to penicillin.", [("penicillin", "hives", "penicillin")], {}),
    # a non-hypersensitivity reaction needs its avoidance cue ("which was stopped")
    ("The nausea was caused by metformin, which was stopped.",
     [("metformin", "nausea", "metformin")], {}),
    # a hypersensitivity reaction stays an allergy while the drug is still given: both
    # visible (the told reader's rule)
    ("The rash was caused by amoxicillin; she continues amoxicillin 500 mg TID.",
     [("amoxicillin", "rash", "amoxicillin")], {"amoxicillin": "active"}),
])
def test_passive_cause(extractor, text: str, want: list, want_meds: dict) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == want_meds


@pytest.mark.parametrize("text", [
    "The rash was possibly caused by amoxicillin.",
    "The rash was not caused by amoxicillin.",
    "No rash was caused by amoxicillin.",
    "Rule out rash due to amoxicillin.",
    "The rash was caused by amoxicillin versus a viral exanthem.",
    # a non-hypersensitivity reaction with no avoidance cue, or the drug continued
    "The nausea was caused by metformin.",
    "The nausea was caused by metformin, which was continued at a lower dose.",
    "Her mother's rash was caused by penicillin.",
    "The rash was caused by poison ivy.",
])
def test_passive_cause_near_misses(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []


# ----- 4. a drug avoided for a reaction told after it ("avoid X because ... reaction to that")
def test_avoided_for_a_reaction(extractor) -> None:  # noqa: ANN001
    text = ("[doctor] i would avoid the dexamethasone , because i saw you have a little "
            "reaction to that .")
    assert allergies(extractor, text) == [("dexamethasone", None, "dexamethasone")]
    assert meds(extractor, text) == {}
    text = "I would avoid the codeine because you have a reaction to it."
    assert allergies(extractor, text) == [("codeine", None, "codeine")]


@pytest.mark.parametrize(("text", "want_meds"), [
    ("We will avoid ibuprofen because she has kidney disease.", {"ibuprofen": "active"}),
    ("Avoid the prednisone, because it raises her sugar.", {"prednisone": "active"}),
])
def test_avoided_near_misses(extractor, text: str, want_meds: dict) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == want_meds


# ----- 5. "and it gives me / causes R" after an allergy statement: the allergen's reaction
@pytest.mark.parametrize(("text", "want"), [
    ("She is allergic to penicillin and it causes a rash.",
     [("penicillin", "rash", "penicillin")]),
    ("She is allergic to penicillin and it makes her itch.",
     [("penicillin", "itch", "penicillin")]),
    ("She is allergic to penicillin and it was discontinued.",
     [("penicillin", None, "penicillin")]),
])
def test_pronoun_reaction_after_and(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want


def test_pronoun_reaction_then_a_drug_taken(extractor) -> None:  # noqa: ANN001
    text = "She is allergic to penicillin and it gives her hives, so she takes azithromycin."
    assert allergies(extractor, text) == [("penicillin", "hives", "penicillin")]
    assert meds(extractor, text) == {"azithromycin": "active"}


# ----- 6. seasonal / environmental allergies IN AN ALLERGY SECTION with a subject or a lead:
# the condition (SNOMED CT 367498001 seasonal allergic rhinitis), no allergen and no NKA, as
# the probe sets label it; before, the lead words were a junk allergen ("she has seasonal")
@pytest.mark.parametrize(("text", "want"), [
    ("ALLERGIES:,  PATIENT HAS SEASONAL ALLERGIES.,SOCIAL HISTORY:,  Nonsmoker.", []),
    ("ALLERGIES:,  HE HAS SEASONAL ALLERGIES.", []),
    ("ALLERGIES\n\nPatient reports history of seasonal allergies.\n\nMEDICATIONS\n\n"
     "Lisinopril 10 mg daily.", []),
    ("ALLERGIES\n\nSeasonal environmental allergies.", []),
    ("ALLERGIES: She reports a history of seasonal and environmental allergies.", []),
    ("ALLERGIES: Environmental allergies.", []),
])
def test_environmental_in_allergy_section(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
    assert _nka(extractor, text) is None


def test_environmental_beside_a_drug(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES: Seasonal allergies, sulfa."
    assert allergies(extractor, text) == [("sulfa", None, "sulfa")]
    assert _nka(extractor, text) is False
    # the drug named after the subject is still read
    text = "ALLERGIES: She has seasonal allergies and is allergic to penicillin."
    assert [a[0] for a in allergies(extractor, text)] == ["penicillin"]


@pytest.mark.parametrize("text", [
    # a denial of seasonal allergies says nothing of drug allergies: no NKA
    "ALLERGIES\n\nDenies seasonal allergies.",
    "ALLERGIES: No seasonal allergies.",
    # outside an allergy section the words are the condition (seasonal allergic rhinitis)
    "PAST MEDICAL HISTORY: Seasonal allergies.",
    "She has seasonal allergies.",
    "REVIEW OF SYSTEMS: Nasal congestion from seasonal allergies.",
    "Her allergies are bad this spring.",
    "[patient] uh , i have a little bit of nasal congestion , but that's just from my "
    "seasonal allergies .",
])
def test_environmental_near_misses(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert _nka(extractor, text) is None


@pytest.mark.parametrize("text", [
    "ALLERGIES: NKDA. Seasonal allergies.",
    "ALLERGIES: No known drug allergies, but has seasonal allergies.",
    "No known drug allergies but seasonal allergies.",
])
def test_nkda_beside_seasonal_allergies(extractor, text: str) -> None:  # noqa: ANN001
    # NKDA stated: the drug statement is kept (NKA true), the seasonal words not listed
    assert allergies(extractor, text) == []
    assert _nka(extractor, text) is True


# ----- the probe's files
def test_allergy11_files_agree() -> None:
    rows = [json.loads(x) for x in (SET / "manifest.jsonl").read_text(encoding="utf-8")
            .splitlines() if x]
    labels = [json.loads(x) for x in (SET / "labels.jsonl").read_text(encoding="utf-8")
              .splitlines() if x]
    assert len(rows) == 53 and sorted(r["id"] for r in rows) == sorted(x["id"] for x in labels)
    assert sum(len(x["allergies"]) for x in labels) == 13
    assert sum(x["no_known_allergies"] is True for x in labels) == 14
    assert {r["split"] for r in rows} == {"allergy11"}


def _shared_data() -> Path | None:
    for up in Path(__file__).resolve().parents[1:4]:
        cand = up / "shared" / "data"
        if (cand / "mtsamples" / "mtsamples.csv").is_file():
            return cand
    return None


@pytest.mark.skipif(_shared_data() is None, reason="shared data (MTSamples) not present")
def test_allergy11_draw_reproduces_its_manifest() -> None:
    draw = runpy.run_path(str(SET / "draw.py"))["draw"]
    want = [json.loads(x) for x in (SET / "manifest.jsonl").read_text(encoding="utf-8")
            .splitlines() if x]
    assert draw(_shared_data()) == want
