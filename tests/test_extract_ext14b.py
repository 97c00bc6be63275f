"""ext14b (issue 16, extraction on real notes, rules path): a drug reaction told in prose by
a third person (a relative, a caregiver, the chart) or by the patient outside an allergy
section is the patient's allergy / intolerance with its reaction and source span, never an
active medication; a relative's own reaction is neither the patient's allergy nor a
medication of the patient's.

Classes fixed (each in general form):

1. a relative who only REPORTS ("Mother notes", "Mom states", "Wife says", "Per mother,",
   "according to his mother") is no subject of the allergy (``allergy_words._REPORTER``,
   read by ``_someone_else`` and by ``allergy_told``'s relative guard);
2. "<reporting verb> <sign> with / after / to <drug>" ("notes hives with amoxicillin") and
   a reporter's lead ("Per chart, rash with Bactrim."); angioedema by its site ("swelling of
   the lips with lisinopril"), a bare swelling only as a past event ("had swelling with");
3. the reaction as a verb ("he reacted to penicillin with hives") and the drug taken then
   the reaction ("He took amoxicillin and got hives");
4. "swell up" / "swelling of her lips" after a causative verb: ``_SWELLING_SITE`` was
   matched at a position with a "^" that never matched there;
5. "cannot tolerate X due to nausea" is an intolerance (the no-oral-intake exception is for
   "cannot take");
6. a relative's own reaction with a drug ("Mother had hives with amoxicillin as a child",
   "His brother broke out from amoxicillin"): no patient allergy, no medication;
7. allergens coordinated after "<sign> with / to X" ("anaphylaxis to peanuts and
   penicillin" had read "peanuts and" and kept penicillin an active medication).

Reaction vocabulary: the lists the project already uses (NICE CG183 presentations of drug
allergy in ``allergy_statements._SIGNS``; HPO terms in ``allergy_told._REACTION``), which
match HL7 FHIR R4 AllergyIntolerance.reaction.manifestation (SNOMED CT clinical findings:
urticaria, rash, angioedema, anaphylaxis).
"""

from __future__ import annotations

import pytest
from extract_readers import allergies, meds  # same folder


def _nka(extractor, text: str) -> bool | None:  # noqa: ANN001
    return extractor.extract(text, "t").no_known_allergies


# ----- the patient's reaction told by a reporter or in prose: an allergy, no medication
@pytest.mark.parametrize(("text", "want", "want_meds"), [
    # 1-2. a reporter
    ("Seen today. Mother notes hives with amoxicillin.",
     [("amoxicillin", "hives", "amoxicillin")], {}),
    ("Mom reports he broke out in hives after amoxicillin.",
     [("amoxicillin", "hives", "amoxicillin")], {}),
    ("Wife says he gets a rash from penicillin.", [("penicillin", "rash", "penicillin")], {}),
    ("Mother says penicillin gives him hives.", [("penicillin", "hives", "penicillin")], {}),
    # (moved from tests/test_allergy_told.py's near misses: the reporter's "her" read as
    # the patient, a female patient's mother reporting; a lost allergy is the worse error)
    ("Her mother says penicillin gives her hives.", [("penicillin", "hives", "penicillin")],
     {}),
    ("Mom states amoxicillin gave him a rash.", [("amoxicillin", "rash", "amoxicillin")], {}),
    ("Per mother, hives with amoxicillin.", [("amoxicillin", "hives", "amoxicillin")], {}),
    ("Per chart, rash with Bactrim.",
     [("sulfamethoxazole/trimethoprim", "rash", "Bactrim")], {}),
    ("Mother reports rash with amoxicillin.", [("amoxicillin", "rash", "amoxicillin")], {}),
    # (was pinned active in tests/test_extract_extfix13a.py: the reporter's noticing)
    ("His mother noticed a rash after taking amoxicillin.",
     [("amoxicillin", "rash", "amoxicillin")], {}),
    ("Mother reports allergy to penicillin.", [("penicillin", None, "penicillin")], {}),
    ("Wife states he cannot tolerate codeine due to nausea.",
     [("codeine", "nausea", "codeine")], {}),
    # the chart's: the old drug an intolerance, the new one active
    ("Per the chart she had swelling with lisinopril, now on losartan.",
     [("lisinopril", "swelling", "lisinopril")], {"losartan": "active"}),
    ("He had swelling of the lips with lisinopril.",
     [("lisinopril", "swelling of the lips", "lisinopril")], {}),
    # 3. the reaction as a verb; the drug taken then the reaction
    ("Dad says he reacted to penicillin.", [("penicillin", None, "penicillin")], {}),
    ("He reacted to penicillin with hives.", [("penicillin", "hives", "penicillin with hives")],
     {}),
    ("He took amoxicillin and got hives.", [("amoxicillin", "hives", "amoxicillin")], {}),
    ("She was given Bactrim and developed a rash.",
     [("sulfamethoxazole/trimethoprim", "rash", "Bactrim")], {}),
    ("He took amoxicillin for otitis and then developed diffuse hives.",
     [("amoxicillin", "hives", "amoxicillin")], {}),
    # 4. swelling told with its site ("swell up")
    ("Mother says amoxicillin made him swell up.", [("amoxicillin", "swell", "amoxicillin")],
     {}),
    # pinned: a relative who reports is no subject
    ("NKDA, mother reports rash to amoxicillin", [("amoxicillin", "rash", "amoxicillin")], {}),
])
def test_reported_reaction_is_the_patients_allergy(extractor, text: str, want: list,  # noqa: ANN001
                                                   want_meds: dict) -> None:
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == want_meds
    assert _nka(extractor, text) is False


# ----- 6. a relative's own reaction: neither the patient's allergy nor a medication
@pytest.mark.parametrize("text", [
    "Mother had hives with amoxicillin as a child.",
    "Mother had a rash with penicillin.",
    "His brother broke out from amoxicillin.",
    "Her mother reports being allergic to sulfa.",
    "Mother took amoxicillin and got hives.",
])
def test_relatives_own_reaction_neither_list(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == {}


def test_relatives_reaction_then_patients_drug(extractor) -> None:  # noqa: ANN001
    text = "Her brother gets a rash from penicillin. He takes amoxicillin 500 mg tid."
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == {"amoxicillin": "active"}


def test_relatives_allergy_beside_nkda_pinned(extractor) -> None:  # noqa: ANN001
    text = "Mother is allergic to penicillin. NKDA."
    assert allergies(extractor, text) == []
    assert _nka(extractor, text) is True


# ----- near misses: the drug stays a medication (a treatment, a denial, no reaction)
@pytest.mark.parametrize(("text", "want_meds"), [
    ("Mother notes he is taking amoxicillin for otitis, no rash", {"amoxicillin": "active"}),
    ("Hives improved with cetirizine.", {"cetirizine": "active"}),
    ("Rash treated with hydrocortisone cream.", {"hydrocortisone": "given"}),
    ("Mother gives him ibuprofen for fever.", {"ibuprofen": "active"}),
    # a bare swelling told in the present: an effect possibly taken through
    ("She has swelling with amlodipine.", {"amlodipine": "active"}),
    # denied reactions
    ("He has not reacted to penicillin.", {"penicillin": "active"}),
    ("He never reacted to amoxicillin.", {"amoxicillin": "active"}),
    # the drug treats or relieves, or no reaction after it
    ("He took Benadryl and got relief.", {"diphenhydramine": "given"}),
    ("He took cetirizine and had less itching.", {"cetirizine": "given"}),
    ("He took ibuprofen and had no rash.", {"ibuprofen": "given"}),
    # a side effect (no hypersensitivity) outside an allergy section: the told reader's
    # lead decision (toldfix) keeps the drug
    ("She took codeine and got nauseated.", {"codeine": "given"}),
])
def test_near_misses_keep_the_drug(extractor, text: str, want_meds: dict) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == want_meds


def test_cannot_take_by_mouth_is_no_intolerance(extractor) -> None:  # noqa: ANN001
    # the no-oral-intake exception stays for "cannot take" (alg9fix)
    assert allergies(extractor, "Unable to take metformin due to vomiting.") == []



# ----- 7. allergens coordinated after the first
@pytest.mark.parametrize(("text", "want", "want_meds"), [
    ("She had anaphylaxis to peanuts and penicillin.",
     [("peanuts", "anaphylaxis", "peanuts"), ("penicillin", None, "penicillin")], {}),
    ("He gets hives with amoxicillin and cephalexin.",
     [("amoxicillin", "hives", "amoxicillin"), ("cephalexin", None, "cephalexin")], {}),
    ("She had hives with penicillin, sulfa, and codeine.",
     [("penicillin", "hives", "penicillin"), ("sulfa", None, "sulfa"),
      ("codeine", None, "codeine")], {}),
    # near misses: a dosed drug or a verb after the coordination is another clause's
    ("She had a rash with Bactrim, and lisinopril 10 mg daily was continued.",
     [("sulfamethoxazole/trimethoprim", "rash", "Bactrim")], {"lisinopril": "active"}),
    ("He had hives with amoxicillin and was given prednisone.",
     [("amoxicillin", "hives", "amoxicillin")], {"prednisone": "given"}),
    ("She gets hives with latex and takes cetirizine daily.",
     [("latex", "hives", "latex")], {"cetirizine": "active"}),
])
def test_coordinated_allergens(extractor, text: str, want: list,  # noqa: ANN001
                               want_meds: dict) -> None:
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == want_meds
