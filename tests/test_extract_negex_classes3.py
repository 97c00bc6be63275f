"""Issue 16, NegEx round 6: pipeline-level classes of the NegEx end-to-end misses on the
tuning two thirds of the dev reports, each pinned on a short synthetic snippet written for
this test (no NegEx or real-note text). Expected items are hand-pinned: name, status and the
text of the span; each positive failed on the code before the round. Each class has near-miss
guards: look-alike text that must give no item (or keep its other reading)."""

from __future__ import annotations

import pytest

from assistant.extract.pipeline import Extractor


def _problems(extractor: Extractor, text: str) -> dict[str, tuple[str, str]]:
    rec = extractor.extract(text, "t")
    return {p.text: (p.status, text[p.span[0]:p.span[1]]) for p in rec.problems}


# --------------------------------------- findings stated in an ED course are the patient's
@pytest.mark.parametrize("text, expected", [
    ("ED COURSE: EKG shows atrial fibrillation with rapid ventricular response.",
     {"atrial fibrillation": ("present", "atrial fibrillation")}),
    ("ED COURSE: X-rays demonstrate a fracture of the left radius.",
     {"radius fracture": ("present", "fracture of the left radius")}),
    ("ED COURSE: The patient likely has pneumonia.",
     {"pneumonia": ("possible", "pneumonia")}),
    ("ED COURSE: CT of the head was negative for hemorrhage.",
     {"bleeding": ("absent", "hemorrhage")}),
    ("ER course: she was given ondansetron 4 mg IV for nausea.",
     {"nausea": ("present", "nausea")}),
])
def test_ed_course_findings(extractor: Extractor, text: str, expected: dict) -> None:
    assert _problems(extractor, text) == expected


def test_ed_course_drugs_stay_given_not_problems(extractor: Extractor) -> None:
    """Near miss: drugs given in the ED course are ``given`` medications, not problems."""
    text = "ED COURSE: The patient was given ondansetron 4 mg IV and morphine 4 mg IV."
    rec = extractor.extract(text, "t")
    assert rec.problems == []
    assert [(m.name, m.status) for m in rec.medications] == [("ondansetron", "given"),
                                                             ("morphine", "given")]


@pytest.mark.parametrize("text", [
    "ED COURSE: He was told to return if he develops chest pain or fever.",  # precautions
    "ED COURSE: We discussed the risk of bleeding with the patient.",        # consent risks
])
def test_ed_course_guards(extractor: Extractor, text: str) -> None:
    assert _problems(extractor, text) == {}


# ------------------------------------ social habits: tobacco, alcohol and drug use (round 6)
@pytest.mark.parametrize("text, expected", [
    ("SOCIAL HISTORY: She smokes 1 ppd. Denies alcohol.",
     {"tobacco use": ("present", "smokes"), "alcohol use": ("absent", "alcohol")}),
    ("SOCIAL HISTORY: Denies any alcohol, tobacco or illicit drug use.",
     {"alcohol use": ("absent", "alcohol"), "tobacco use": ("absent", "tobacco"),
      "drug use": ("absent", "illicit drug use")}),
    ("Social history: SMOKER.", {"tobacco use": ("present", "SMOKER")}),
    ("The patient smokes cigarettes.", {"tobacco use": ("present", "smokes cigarettes")}),
    ("He drinks alcohol.", {"alcohol use": ("present", "drinks alcohol")}),
    ("He does not drink or smoke.",
     {"alcohol use": ("absent", "drink"), "tobacco use": ("absent", "smoke")}),
    ("SHx: Former smoker, quit 2010. Drinks 2 beers on weekends.",
     {"tobacco use": ("historical", "Former smoker"), "alcohol use": ("present", "Drinks")}),
    ("SOCIAL HISTORY: TOBACCO: Quit smoking in 1990.",
     {"tobacco use": ("historical", "TOBACCO")}),
    ("Alcohol Use: None. Tobacco Use: Non-smoker. Recreational Drugs: None.",
     {"alcohol use": ("absent", "Alcohol Use"), "tobacco use": ("absent", "Tobacco Use"),
      "drug use": ("absent", "Recreational Drugs")}),
    ("She has no history of pancreatitis or alcohol use.",
     {"pancreatitis": ("absent", "pancreatitis"), "alcohol use": ("absent", "alcohol use")}),
    ("Occasional cocaine use.", {"drug use": ("present", "cocaine use")}),
    # a use verb of its own clause after a negated one; negated in its own clause
    ("She does not smoke, drinks alcohol rarely.",
     {"tobacco use": ("absent", "smoke"), "alcohol use": ("present", "drinks alcohol")}),
    ("He never drinks alcohol.", {"alcohol use": ("absent", "drinks alcohol")}),
    ("He states he no longer smokes.", {"tobacco use": ("historical", "smokes")}),
])
def test_social_habits(extractor: Extractor, text: str, expected: dict) -> None:
    assert _problems(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "Blood alcohol level was 0.21.",                       # a lab
    "The skin was prepped with Betadine and alcohol.",     # an antiseptic
    "Counseled on smoking cessation.",                     # advice
    "No secondhand smoke exposure.",                       # someone else's smoke
    "Drinking well, normal wet diapers.",                  # fluids
    "She drinks from a cup and drinks whole milk.",
    "Positive PPD contacts.",                              # a tuberculin test, not packs
])
def test_social_habit_guards(extractor: Extractor, text: str) -> None:
    assert _problems(extractor, text) == {}


def test_habit_disorders_stay_diagnoses(extractor: Extractor) -> None:
    """Near miss: a disorder named as such is the vocabulary's diagnosis, not 'X use'."""
    got = _problems(extractor, "Assessment: alcohol use disorder; tobacco use disorder.")
    assert got == {"alcohol use disorder": ("present", "alcohol use disorder"),
                   "tobacco use disorder": ("present", "tobacco use disorder")}


def test_nicotine_patch_is_a_drug_not_a_habit(extractor: Extractor) -> None:
    rec = extractor.extract("She was started on a nicotine patch 21 mg daily.", "t")
    assert rec.problems == [] and [m.name for m in rec.medications] == ["nicotine patch"]


# ------------------------------------------- the e2e matcher: slash-joined alternatives
def test_alternative_heads_of_a_slash_concept() -> None:
    from eval.negex_e2e import alternative_heads, match_concept

    s = "2) GASTRITIS/DISTAL ESOPHAGUS  3) Normal duodenum"
    span = (3, 3 + len("GASTRITIS/DISTAL ESOPHAGUS"))
    assert [s[a:b] for a, b in alternative_heads(s, span)] == ["ESOPHAGUS", "GASTRITIS",
                                                               "ESOPHAGUS"]
    hit = {"text": "gastritis", "status": "present", "span": [3, 12]}
    assert match_concept([hit], "GASTRITIS/DISTAL ESOPHAGUS", s, str.lower) is hit
    # near miss: no slash, the head is the last word only
    s2 = "DISTAL ESOPHAGEAL GASTRITIS"
    assert [s2[a:b] for a, b in alternative_heads(s2, (0, len(s2)))] == ["GASTRITIS"]


def test_recreational_drug_is_a_habit_not_a_medication(extractor: Extractor) -> None:
    rec = extractor.extract("Occasional marijuana use.", "t")
    assert [(p.text, p.status) for p in rec.problems] == [("drug use", "present")]
    assert rec.medications == []
    # near miss: a dosed cannabinoid is a medication
    rec = extractor.extract("Medical marijuana 10 mg nightly for pain.", "t")
    assert [m.name for m in rec.medications] == ["medical cannabis"]
