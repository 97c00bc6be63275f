"""ext13d (issue 16, probe24 "left for later"): three classes where a current problem was
hidden or lost, each with near misses.

1. a chronic disease joined by "and" to another condition's repair is no target of it
   (``findings._not_operated``; ICD-10-CM chronic prefixes + glaucoma H40); an inline "PMH
   significant for" and earlier list items carry the repair's past cue;
2. the patient's own verb of presentation ("came in", "presented with", "is here",
   "complains of") ends a family-history scope (``context.py`` TERMINATE rules), a relative's
   own verb ("her mother who complains of") does not;
3. a medication list ends at a clear prose sentence (subject + verb of its own;
   ``sections._end_med_lists``), so the prose's symptoms are read.

Expected values are hand-computed from each snippet's words; each item is checked against
the words of its source span.
"""

from __future__ import annotations

import pytest
from extract_readers import problems_with_spans as _with_spans  # same folder

from assistant.clinical.sections import find_sections


# 1. "X and Y repair": the chronic disease keeps its own status; Y is the repaired one
@pytest.mark.parametrize(("text", "expected"), [
    ("History of diabetes and hernia repair.",
     {"diabetes mellitus": ("present", "diabetes"), "hernia": ("historical", "hernia")}),
    ("PMH significant for hypertension and hernia repair.",
     {"hypertension": ("present", "hypertension"), "hernia": ("historical", "hernia")}),
    ("Past medical history significant for hypertension and hernia repair.",
     {"hypertension": ("present", "hypertension"), "hernia": ("historical", "hernia")}),
    ("She had glaucoma and cataract surgery.",
     {"glaucoma": ("present", "glaucoma"), "cataract": ("historical", "cataract")}),
    ("History of diabetes and hernia repair 2 years ago.",
     {"diabetes mellitus": ("present", "diabetes"), "hernia": ("historical", "hernia")}),
])
def test_chronic_disease_beside_a_repair(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _with_spans(extractor, text) == expected


# near misses: two operable conditions share the operation, as before
@pytest.mark.parametrize(("text", "expected"), [
    ("S/p hernia and hydrocele repair.",
     {"hernia": ("historical", "hernia"), "hydrocele": ("historical", "hydrocele")}),
    ("Status post inguinal hernia and hydrocele repair.",
     {"inguinal hernia": ("historical", "inguinal hernia"),
      "hydrocele": ("historical", "hydrocele")}),
    # no past cue: the operation's words, both read alike (the shared reading stays)
    ("Significant for cataract and glaucoma surgery.",
     {"cataract": ("present", "cataract"), "glaucoma": ("present", "glaucoma")}),
    # this note's operation: no item
    ("PROCEDURE: Inguinal hernia and hydrocele repair.", {}),
    ("He had carpal tunnel release in 2010.", {}),
    ("History of asthma and appendectomy.", {"asthma": ("present", "asthma")}),
])
def test_shared_repair_near_misses(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _with_spans(extractor, text) == expected


# 2. the patient's verb of presentation ends the family-history scope
@pytest.mark.parametrize(("text", "expected"), [
    ("This 32-year-old with family history of premature coronary artery disease came in for "
     "evaluation of recurrent chest pain.",
     {"coronary artery disease": ("family", "coronary artery disease"),
      "chest pain": ("present", "chest pain")}),
    ("A 40-year-old man with a family history of CAD presented with chest pain and dyspnea.",
     {"coronary artery disease": ("family", "CAD"), "chest pain": ("present", "chest pain"),
      "dyspnea": ("present", "dyspnea")}),
    ("Patient with family history of diabetes is here for fatigue.",
     {"diabetes mellitus": ("family", "diabetes"), "fatigue": ("present", "fatigue")}),
    ("He has a family history of stroke and complains of headache.",
     {"stroke": ("family", "stroke"), "headache": ("present", "headache")}),
])
def test_presentation_ends_family_scope(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _with_spans(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Family history of CAD and diabetes.",
     {"coronary artery disease": ("family", "CAD"), "diabetes mellitus": ("family", "diabetes")}),
    ("Mother with breast cancer and ovarian cancer.",
     {"breast cancer": ("family", "breast cancer"),
      "ovarian cancer": ("family", "ovarian cancer")}),
    ("FH: father MI at 50, brother with stroke.",
     {"myocardial infarction": ("family", "MI"), "stroke": ("family", "stroke")}),
    # the relative's own verb keeps the relative's scope
    ("Family history of hypertension in her mother who complains of headaches.",
     {"hypertension": ("family", "hypertension"), "headache": ("family", "headaches")}),
    # a denial before the verb still ends at it; one after it still negates
    ("No fever, complains of cough.",
     {"fever": ("absent", "fever"), "cough": ("present", "cough")}),
    ("Denies fever and came in with no cough.",
     {"fever": ("absent", "fever"), "cough": ("absent", "cough")}),
])
def test_family_scope_near_misses(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _with_spans(extractor, text) == expected


# 3. a medication list ends at clear prose
@pytest.mark.parametrize(("text", "expected"), [
    ("CURRENT MEDICATIONS\n1. Lisinopril 10 mg daily.\n2. Metformin 500 mg b.i.d.\n"
     "Dr. Smith has given her samples of Advair. She does complain of some coughing and "
     "fatigue.\n\nALLERGIES: None.",
     {"cough": ("present", "coughing"), "fatigue": ("present", "fatigue")}),
    ("MEDICATIONS: Toprol XL.\n\nShe complains of cough.", {"cough": ("present", "cough")}),
    # a sentence end after a decimal number (mts-1445's "... from 185.2.  She does complain")
    ("CURRENT MEDICATIONS\n1.  Centrum.\nHer weight has increased to 189.5 from 185.2.  She "
     "does complain of some coughing and fatigue.",
     {"cough": ("present", "coughing"), "fatigue": ("present", "fatigue")}),
    ("MEDICATIONS: Aspirin 81 mg daily. Continue as before.\nShe reports headaches.",
     {"headache": ("present", "headaches")}),
    ("MEDICATIONS: Metformin for diabetes.\nThe patient has had nausea since starting it.",
     {"diabetes mellitus": ("present", "diabetes"), "nausea": ("present", "nausea")}),
])
def test_prose_after_medication_list(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _with_spans(extractor, text) == expected


@pytest.mark.parametrize(("text", "list_end_word"), [
    # a wrapped item stays in the list
    ("MEDICATIONS:\n1. Lisinopril 10 mg daily for\nhypertension.\n2. Aspirin.", None),
    ("MEDICATIONS: Aspirin 81 mg daily. Continue as before.", None),
    # sentences about the drugs themselves stay in the list
    ("MEDICATIONS: Aspirin 81 mg daily. She is on no other medications.", None),
    ("MEDICATIONS: Aspirin.\nShe has been taking it as prescribed.", None),
    ("MEDICATIONS: Aspirin.\nDr. Smith has given her samples of Advair.", None),
    ("MEDICATIONS: Aspirin.\nShe reports dizziness.", "She"),
])
def test_medication_list_end(text: str, list_end_word: str | None) -> None:
    secs = find_sections(text)
    med = next(s for s in secs if s.name == "medications")
    if list_end_word is None:
        assert med.end == len(text)
    else:
        assert text[med.end:].startswith(list_end_word)
        assert any(s.name == "other" and s.start == med.end for s in secs)


def test_allergy_list_not_cut() -> None:
    text = "ALLERGIES: Penicillin.\nShe reports hives with it."
    assert [s.name for s in find_sections(text)] == ["allergies"]


# near misses found in the corpus check (2,000 MTSamples notes), each wrong on the first cut
@pytest.mark.parametrize(("text", "expected"), [
    # a denied complaint stays denied (mts-882)
    ("He may have reflux symptoms, without complaining of heartburn.",
     {"gastroesophageal reflux disease": ("possible", "reflux"),
      "heartburn": ("absent", "heartburn")}),
    ("He is not complaining of chest pain and came in for cough.",
     {"chest pain": ("absent", "chest pain"), "cough": ("present", "cough")}),
    # "who presents" after no relative's word is the patient's presentation (mts-1114)
    ("A 51-year-old female with positive family history of coronary disease and no other "
     "risk factors who presents with an acute myocardial infarction.",
     {"coronary artery disease": ("family", "coronary disease"),
      "myocardial infarction": ("present", "acute myocardial infarction")}),
    ("Her brother, who presented with a stroke at 50.", {"stroke": ("family", "stroke")}),
    ("She lives with her mother, who complains of back pain.",
     {"back pain": ("family", "back pain")}),
    # weight loss taught is a goal, no finding (mts-1409)
    ("She is coming back for better instruction on safe weight loss and low-fat eating.", {}),
])
def test_corpus_near_misses(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _with_spans(extractor, text) == expected


@pytest.mark.parametrize("text", [
    # a lead-in to the list (mts-1809) and a sentence of taking the drug (mts-121)
    "DISCHARGE MEDICATIONS:\nThe patient is discharged with:\n1.  Klonopin 1 mg t.i.d. p.r.n.",
    "MEDICATIONS:\n He does take occasional Percocet for his back discomfort.",
])
def test_medication_list_not_cut_by_drug_sentences(text: str) -> None:
    secs = find_sections(text)
    assert [s.name for s in secs if s.name != "preamble"] in (["medications"],
                                                              ["discharge_medications"])


def test_discharge_list_after_lead_in_stays_new(extractor) -> None:  # noqa: ANN001
    text = ("DISCHARGE MEDICATIONS:\nThe patient is discharged with:\n1.  Klonopin 1 mg t.i.d. "
            "p.r.n.\n2.  Seroquel 1000 mg per day.")
    meds = {m.name: m.status for m in extractor.extract(text, "t").medications}
    assert meds == {"clonazepam": "new", "quetiapine": "new"}
