"""extfix14a (safety review of ext14a / ext14b, rules path): faults the review found in the
session's extraction changes, each fixed as a class.

A1. a relative named before "who is allergic" is the allergy's subject only after "lives /
    stays / resides with" (a possessed relative is read by the possessive branch): a noun
    that describes the patient ("a 28-year-old mother who is allergic to latex", "She is a
    single mother who ...") is the patient (``allergy_words._PERSON``);
A2. the scope of "family history of" / "FH of" ends at the patient's own clause ("now",
    "who has / presents / is", "presents", "personal history", "patient with") and, after
    "of", at a comma or semicolon (a patient's problem hidden as a relative's is the worse
    error); "FH of CAD and DM" keeps both the relatives' (``context._family_history_scope``);
A3. the population cue "patients / people with" only for a general statement (the noun
    opening the clause, after "in" / "among" / an exclusion, a carer's verb, or a guideline
    verb after it); after "for / of / like (other) / one of" the patient belongs to the
    population: the patient's own diagnosis (``context._population_noun``);
A4. the coordinated-allergen run stops at a treatment ("... and epinephrine (0.3 mg IM) was
    given", "... and cephalexin (Keflex) was prescribed instead") and never lists a rescue
    drug (adrenaline WHO ATC C01CA24, antihistamines R06, corticosteroids H02, H2 blockers
    A02BA) as a co-allergen; at most 12 items;
A5. a bare "swelling" with a drug is an allergy only with an ACE inhibitor (ATC C09A/B,
    angioedema: BNF); a calcium-channel blocker's ankle oedema is a dose-related side effect
    (NICE CG127 / BNF), no hypersensitivity; the site forms ("swelling of the lips") stay;
A6. "He took X and had a rash that was unrelated": an explicit non-attribution voids it.

All expected values are hand-computed from the sentence.
"""

from __future__ import annotations

import pytest
from extract_readers import allergies, meds, problems  # same folder


def _nka(extractor, text: str) -> bool | None:  # noqa: ANN001
    return extractor.extract(text, "t").no_known_allergies


# ----- A1. a noun that describes the patient before "who is allergic"
@pytest.mark.parametrize(("text", "want"), [
    ("This is a 28-year-old mother who is allergic to latex, here for repeat cesarean "
     "section.", [("latex", None, "latex")]),
    ("She is a single mother who is allergic to penicillin.",
     [("penicillin", None, "penicillin")]),
    ("A 30-year-old G2P1 mother, who is allergic to penicillin, delivered a healthy infant.",
     [("penicillin", None, "penicillin")]),
    ("She is a new mother who has allergies to penicillin and sulfa.",
     [("penicillin", None, "penicillin"), ("sulfa", None, "sulfa")]),
    ("The patient is a 35-year-old father who has an allergy to sulfa.",
     [("sulfa", None, "sulfa")]),
    ("He is a 40-year-old husband who is allergic to codeine.",
     [("codeine", None, "codeine")]),
])
def test_patient_described_as_a_relative_keeps_allergy(extractor, text: str,  # noqa: ANN001
                                                        want: list) -> None:
    assert allergies(extractor, text) == want
    assert _nka(extractor, text) is False
    assert meds(extractor, text) == {}


@pytest.mark.parametrize("text", [
    # near misses: the relative the patient lives with, or a possessed relative
    "Lives with wife who is allergic to sulfa. NKDA.",
    "Lives with her mother who is allergic to penicillin. NKDA.",
    "He lives with his husband, who is allergic to penicillin. NKDA.",
])
def test_relative_who_is_allergic_stays_the_relatives(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert _nka(extractor, text) is True
    assert meds(extractor, text) == {}


# ----- A2. "FH of" / "family history of" ends at the patient's clause or a comma
@pytest.mark.parametrize(("text", "want"), [
    ("60 yo female with FH of stroke who has new right-sided weakness and slurred speech.",
     {"stroke": "family", "weakness": "present", "slurred speech": "present"}),
    ("62 yo F with FH of colon cancer, now with rectal bleeding and anemia.",
     {"colon cancer": "family", "hematochezia": "present", "anemia": "present"}),
    ("62 yo F with family history of colon cancer, now with rectal bleeding and anemia.",
     {"colon cancer": "family", "hematochezia": "present", "anemia": "present"}),
    # "and" keeps the relatives' list; "now with" ends it
    ("45 yo M with FH of CAD and tobacco use, now with chest pain.",
     {"coronary artery disease": "family", "tobacco use": "family", "chest pain": "present"}),
    ("Risk factors: FH of CAD, hypertension, diabetes, smoking.",
     {"coronary artery disease": "family", "hypertension": "present",
      "diabetes mellitus": "present", "tobacco use": "present"}),
    ("45 yo M with PMH of HTN, FH of CAD, and DM who presents with chest pain.",
     {"hypertension": "present", "coronary artery disease": "family",
      "diabetes mellitus": "present", "chest pain": "present"}),
    ("He has hypertension, diabetes, FH of CAD, and obesity.",
     {"hypertension": "present", "diabetes mellitus": "present",
      "coronary artery disease": "family", "obesity": "present"}),
    ("FH of diabetes, patient with obesity and hypertension.",
     {"diabetes mellitus": "family", "obesity": "present", "hypertension": "present"}),
    ("Risk factors: FH of CAD, hypertension, and smoking.",
     {"coronary artery disease": "family", "hypertension": "present", "tobacco use": "present"}),
    ("He has a family history of CAD and is here for chest pain.",
     {"coronary artery disease": "family", "chest pain": "present"}),
])
def test_family_history_scope_ends(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


@pytest.mark.parametrize(("text", "want"), [
    # near misses: the relatives' own items stay the family's
    ("FH of colon cancer, presents for colonoscopy.", {"colon cancer": "family"}),
    ("FH: mother with diabetes.", {"diabetes mellitus": "family"}),
    ("Mother has diabetes, hypertension, and stroke.",
     {"diabetes mellitus": "family", "hypertension": "family", "stroke": "family"}),
    ("FAMILY HISTORY: Family history of diabetes, hypertension.",
     {"diabetes mellitus": "family", "hypertension": "family"}),
    ("Family history of diabetes and hypertension.",
     {"diabetes mellitus": "family", "hypertension": "family"}),
    # a closed "X, Y, and Z" list ending the sentence (mts-1775)
    ("Abc is a 31-year-old female with a family history of mood disorder, suicide, "
     "alcoholism, and possible psychosis.",
     {"mood disorder": "family", "alcohol use disorder": "family", "psychosis": "family"}),
    ("Family history of diabetes, hypertension, and stroke.",
     {"diabetes mellitus": "family", "hypertension": "family", "stroke": "family"}),
    # a relative's own "who" clause stays the relative's
    ("Family history of stroke in his father, who had weakness.",
     {"stroke": "family", "weakness": "family"}),
])
def test_family_history_scope_kept(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


# ----- A3. the patient who belongs to a population keeps the diagnosis
@pytest.mark.parametrize(("text", "want"), [
    ("He attends our clinic for patients with heart failure.", {"heart failure": "present"}),
    ("He lives in a group home for people with intellectual disability.",
     {"intellectual disability": "present"}),
    ("He lives in a home for patients with dementia.", {"dementia": "present"}),
    ("He was admitted to a unit for patients with stroke.", {"stroke": "present"}),
    ("He is seen in our clinic for patients with sickle cell disease; he presents in pain "
     "crisis.", {"sickle-cell disease": "present", "pain": "present"}),
    ("She is a participant in a trial for patients with breast cancer.",
     {"breast cancer": "present"}),
    ("She is in a registry of patients with cystic fibrosis.", {"cystic fibrosis": "present"}),
    ("Like other patients with CHF, he has edema.",
     {"heart failure": "present", "edema": "present"}),
])
def test_member_of_population_keeps_problem(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want


@pytest.mark.parametrize("text", [
    # near misses: general statements stay no problem of this patient
    "Patients with sepsis must be excluded.",
    "In patients with renal failure, dose should be reduced.",
    "All patients with diabetes should have annual eye exams.",
    "Exclude patients with sepsis.",
    "She is a nurse who cares for patients with COVID.",
    "He works with people with autism.",
])
def test_general_population_statement_still_none(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text) == {}


# ----- A4. a treatment or rescue drug after the coordinated allergen
@pytest.mark.parametrize(("text", "want", "want_meds"), [
    ("He had anaphylaxis to peanuts and epinephrine (0.3 mg IM) was given.",
     [("peanuts", "anaphylaxis", "peanuts")], {"epinephrine": "given"}),
    ("She had hives with amoxicillin and cephalexin (Keflex) was prescribed instead.",
     [("amoxicillin", "hives", "amoxicillin")], {"cephalexin": "active"}),
    ("She had a rash with penicillin and azithromycin (Zithromax) was given instead.",
     [("penicillin", "rash", "penicillin")], {"azithromycin": "active"}),
    ("Developed a rash with Bactrim and Keflex (cephalexin) was substituted.",
     [("sulfamethoxazole/trimethoprim", "rash", "Bactrim")], {"cephalexin": "active"}),
    ("She had hives with amoxicillin and Benadryl, prednisone, and famotidine were given in "
     "the ED.", [("amoxicillin", "hives", "amoxicillin")],
     {"diphenhydramine": "given", "prednisone": "given", "famotidine": "given"}),
    ("She had hives with amoxicillin and Benadryl and prednisone were given.",
     [("amoxicillin", "hives", "amoxicillin")],
     {"diphenhydramine": "given", "prednisone": "given"}),
    ("He had hives with amoxicillin and prednisone.",
     [("amoxicillin", "hives", "amoxicillin")], {"prednisone": "active"}),
])
def test_treatment_after_coordination_is_no_allergen(extractor, text: str, want: list,  # noqa: ANN001
                                                     want_meds: dict) -> None:
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == want_meds


@pytest.mark.parametrize(("text", "want"), [
    # near misses: co-allergens stay allergens (never active medications)
    ("He had hives with codeine and morphine.",
     [("codeine", "hives", "codeine"), ("morphine", None, "morphine")]),
    ("He had hives with amoxicillin and cephalexin (Keflex).",
     [("amoxicillin", "hives", "amoxicillin"), ("cephalexin", None, "cephalexin")]),
    ("He had hives with amoxicillin and cephalexin, and Benadryl was given.",
     [("amoxicillin", "hives", "amoxicillin"), ("cephalexin", None, "cephalexin")]),
    ("She had anaphylaxis to peanuts and penicillin.",
     [("peanuts", "anaphylaxis", "peanuts"), ("penicillin", None, "penicillin")]),
])
def test_coordinated_allergens_kept(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
    assert all(s != "active" for s in meds(extractor, text).values())
    assert not {"morphine", "cephalexin", "penicillin"} & set(meds(extractor, text))


def test_long_coordinated_run_is_capped(extractor) -> None:  # noqa: ANN001
    # 12 items after the first at most (the rest is read by no coordinated run)
    text = "He had hives with penicillin" + " and penicillin" * 20 + "."
    got = allergies(extractor, text)
    assert got[0] == ("penicillin", "hives", "penicillin")
    assert len(got) <= 13


# ----- A5. a bare swelling with a calcium-channel blocker is a side effect
@pytest.mark.parametrize(("text", "want_meds"), [
    ("She has had swelling with amlodipine 10 mg daily, will decrease to 5 mg.",
     {"amlodipine": "active"}),
    ("She experienced swelling with nifedipine.", {"nifedipine": "active"}),
    ("She had swelling with amlodipine, so it was stopped.", {"amlodipine": "discontinued"}),
])
def test_bare_swelling_is_no_allergy(extractor, text: str, want_meds: dict) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == want_meds


@pytest.mark.parametrize(("text", "want"), [
    # near misses: angioedema by its site, or a bare swelling with an ACE inhibitor
    ("She had swelling of the lips with lisinopril.",
     [("lisinopril", "swelling of the lips", "lisinopril")]),
    ("She had facial swelling with lisinopril.",
     [("lisinopril", "facial swelling", "lisinopril")]),
    ("She had swelling with lisinopril.", [("lisinopril", "swelling", "lisinopril")]),
])
def test_angioedema_swelling_stays_allergy(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == {}


# ----- A6. a reaction said not to be the drug's
@pytest.mark.parametrize("text", [
    "He took ibuprofen and had some rash that was unrelated.",
    "He took amoxicillin and got a rash, thought to be viral.",
    "He took amoxicillin and got a rash that was not related to it.",
])
def test_non_attributed_reaction_is_no_allergy(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []


@pytest.mark.parametrize("text", [
    # near misses: the reaction told as the drug's
    "He took amoxicillin and got hives.",
    "He took amoxicillin and got hives that were related.",
])
def test_attributed_reaction_stays_allergy(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == [("amoxicillin", "hives", "amoxicillin")]


# ----- pre-existing, same class: a verbless reaction statement with coordinated allergens
@pytest.mark.parametrize(("text", "want", "want_meds"), [
    ("Anaphylaxis to peanuts and penicillin.",
     [("peanuts", "anaphylaxis", "peanuts"), ("penicillin", None, "penicillin")],
     {}),
    ("Hives with amoxicillin, sulfa, and codeine.",
     [("amoxicillin", "hives", "amoxicillin"), ("sulfa", None, "sulfa"),
      ("codeine", None, "codeine")], {}),
    # near miss: a rescue drug after the allergen is no co-allergen
    ("Hives with amoxicillin and prednisone.",
     [("amoxicillin", "hives", "amoxicillin")], {"prednisone": "active"}),
])
def test_verbless_coordinated_allergens(extractor, text: str, want: list,  # noqa: ANN001
                                        want_meds: dict) -> None:
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == want_meds
