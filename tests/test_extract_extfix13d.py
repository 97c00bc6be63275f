"""extfix13d (safety re-review of this session's extraction work): five classes, each with
near misses.

N1. a relative's "who reports / came / comes" tells who brought or told, not the relative's
    condition; a relative's own verb (complains / presents) is the relative's only where no
    patient follows it ("who presents with him") and up to the relative's report
    (``context._relative_own_verb``);
N2. an allergen's drug group: the penicillins (WHO ATC J01C, any member), "cephalosporins"
    (ATC J01DB-DI), "ACE inhibitors" (ATC C09AA) and heparin (ATC B01AB) cover their
    members, so a member taken on the allergy line is never an active medication
    (``allergy_taken._covered``);
N3. a combination allergen covers itself and its opioid / main parts, not its companion
    ingredient taken alone (acetaminophen, hydrochlorothiazide, caffeine; RxNorm
    ingredients of Percocet, Norco, Fioricet, Tylenol #3, Zestoretic);
N4. "NAD" is no "distress absent" where its paragraph tells respiratory distress,
    increased work of breathing or accessory muscle use as present;
N5. "X resolved" ends X only where it is not denied ("has not resolved"), not "resolving"
    (a current problem getting better) and not told to come back after ("initially
    resolved but returned yesterday").

Expected values are hand-computed from each snippet's words; problems are checked against
the words of their source span.
"""

from __future__ import annotations

import pytest
from extract_readers import problems_with_spans as _with_spans  # same folder

from assistant.clinical.findings_normal import normal_exam_findings


def _read(extractor, text: str):  # noqa: ANN001, ANN202
    rec = extractor.extract(text, "t")
    return ([(a.substance, a.reaction) for a in rec.allergies],
            {m.name: m.status for m in rec.medications})


def _no_allergen_active(extractor, text: str) -> None:  # noqa: ANN001
    rec = extractor.extract(text, "t")
    active = {m.name for m in rec.medications if m.status in ("active", "new")}
    assert not active & {a.substance for a in rec.allergies}


# ----- N1. the informant / companion relative: the findings are the patient's
@pytest.mark.parametrize(("text", "expected"), [
    ("History obtained from his wife, who reports he has had chest pain since this morning.",
     {"chest pain": ("present", "chest pain")}),
    ("His wife, who comes with him, states he has been confused and has slurred speech.",
     {"confusion": ("present", "confused"), "slurred speech": ("present", "slurred speech")}),
    ("History is provided by the mother who reports vomiting and diarrhea for 2 days.",
     {"vomiting": ("present", "vomiting"), "diarrhea": ("present", "diarrhea")}),
    ("Information from her son who reported she has been short of breath.",
     {"shortness of breath": ("present", "short of breath")}),
    ("Patient presents with his mother, who reports he has had a fever.",
     {"fever": ("present", "fever")}),
    ("His mother, who presents with him, says he has been coughing for a week.",
     {"cough": ("present", "coughing")}),
    ("Mother, who presents with him, reports he has had a fever for 3 days.",
     {"fever": ("present", "fever")}),
    ("The patient's mother, who came in with her, reports she has had ear pain.",
     {"ear pain": ("present", "ear pain")}),
    ("Her daughter, who came with her, says she fell and has hip pain.",
     {"hip pain": ("present", "hip pain")}),
    ("The patient's father, who presented with the child, says he has had a rash.",
     {"rash": ("present", "rash")}),
    # the relative's own condition ends at the relative's report of the patient
    ("His mother, who complains of back pain, says he has a cough.",
     {"back pain": ("family", "back pain"), "cough": ("present", "cough")}),
])
def test_informant_relative_is_no_family_history(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _with_spans(extractor, text) == expected


# near misses: the relative's own presentation stays the relative's (ext13d pins)
@pytest.mark.parametrize(("text", "expected"), [
    ("Her brother, who presented with a stroke at 50.", {"stroke": ("family", "stroke")}),
    ("Mother, who presents with chest pain today, has hypertension.",
     {"chest pain": ("family", "chest pain"), "hypertension": ("family", "hypertension")}),
    ("She lives with her mother, who complains of back pain.",
     {"back pain": ("family", "back pain")}),
    # "with her headaches": a possessive before a noun is no companion patient
    ("Her mother, who presents with her headaches, has migraines.",
     {"headache": ("family", "headaches"), "migraine": ("family", "migraines")}),
])
def test_relative_own_verb_kept(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _with_spans(extractor, text) == expected


# ----- N2 / N3. the allergen's group or combination taken on the allergy line
@pytest.mark.parametrize(("text", "want"), [
    ("Allergies: Penicillin, she is currently on amoxicillin 500 mg tid.", [("penicillin", None)]),
    ("Allergies: Penicillin, she reports that she is on Augmentin.", [("penicillin", None)]),
    ("Allergies: Amoxicillin, she is currently taking penicillin VK.", [("amoxicillin", None)]),
    ("Allergies: Cephalosporins; she takes Keflex.", [("cephalosporins", None)]),
    ("Allergies: ACE inhibitors, she takes lisinopril.", [("ace inhibitors", None)]),
    ("Allergies: Heparin, she is on enoxaparin.", [("heparin", None)]),
    ("Allergies: Codeine; she is on Tylenol #3.", [("codeine", None)]),
    ("Allergies: Percocet; she takes oxycodone.", [("oxycodone/acetaminophen", None)]),
    ("Allergies: Tylenol; she takes Percocet.", [("acetaminophen", None)]),
])
def test_allergen_group_not_active(extractor, text: str, want: list) -> None:  # noqa: ANN001
    got, got_meds = _read(extractor, text)
    assert got == want
    assert got_meds == {}
    _no_allergen_active(extractor, text)


@pytest.mark.parametrize(("text", "want", "want_meds"), [
    # N3: the companion ingredient alone is another drug, taken
    ("Allergies: Percocet; she takes Tylenol for pain.", [("oxycodone/acetaminophen", None)],
     {"acetaminophen": "active"}),
    ("Allergies: Norco, she takes Tylenol 500 mg prn.", [("hydrocodone/acetaminophen", None)],
     {"acetaminophen": "active"}),
    ("Allergies: Vicodin; she takes Tylenol.", [("hydrocodone/acetaminophen", None)],
     {"acetaminophen": "active"}),
    ("Allergies: Fioricet; she takes Tylenol.", [("butalbital/acetaminophen", None)],
     {"acetaminophen": "active"}),
    ("Allergies: Tylenol #3; she takes plain Tylenol.", [("acetaminophen/codeine", None)],
     {"acetaminophen": "active"}),
    ("Allergies: Tylenol with codeine, she takes acetaminophen.",
     [("acetaminophen/codeine", None)], {"acetaminophen": "active"}),
    ("Allergies: Zestoretic; she takes hydrochlorothiazide 25 mg.",
     [("lisinopril/hydrochlorothiazide", None)], {"hydrochlorothiazide": "active"}),
    # near misses of N2: no group of a single cephalosporin, no cephalosporin of penicillin
    ("Allergies: Keflex; she takes cefdinir.", [("cephalexin", None)], {"cefdinir": "active"}),
    ("Allergies: Penicillin; she takes Keflex.", [("penicillin", None)],
     {"cephalexin": "active"}),
    ("Allergies: Lisinopril, she takes enalapril.", [("lisinopril", None)],
     {"enalapril": "active"}),
    # a tolerated penicillin told as such stays as the note says (allergy11 pins)
    ("I'm allergic to penicillin but I take amoxicillin fine.", [("penicillin", None)],
     {"amoxicillin": "active"}),
])
def test_other_drug_kept(extractor, text: str, want: list, want_meds: dict) -> None:  # noqa: ANN001
    assert _read(extractor, text) == (want, want_meds)


def test_alike_names() -> None:
    from assistant.clinical.allergy_taken import allergen_alike

    assert allergen_alike("penicillin", "amoxicillin/clavulanate")
    assert allergen_alike("amoxicillin", "phenoxymethylpenicillin")
    assert allergen_alike("cephalosporins", "cefdinir")
    assert allergen_alike("ace inhibitors", "lisinopril")
    assert allergen_alike("heparin", "enoxaparin")
    assert allergen_alike("oxycodone/acetaminophen", "oxycodone")
    assert allergen_alike("acetaminophen", "oxycodone/acetaminophen")
    assert not allergen_alike("oxycodone/acetaminophen", "acetaminophen")
    assert not allergen_alike("lisinopril/hydrochlorothiazide", "hydrochlorothiazide")
    assert not allergen_alike("cephalexin", "cefdinir")
    assert not allergen_alike("penicillin", "cephalexin")
    assert not allergen_alike("lisinopril", "enalapril")


# ----- N4. NAD beside respiratory distress told present
def _distress(text: str) -> list[tuple[str, str]]:
    return [(text[f.start:f.end], f.status) for f in normal_exam_findings(text)
            if f.concept.name == "distress"]


@pytest.mark.parametrize(("text", "expected"), [
    ("GEN: Ill-appearing, in moderate respiratory distress. NAD otherwise.", []),
    ("General: Alert and oriented, NAD. Mild respiratory distress noted with accessory "
     "muscle use.", []),
    ("General: NAD. Lungs: increased work of breathing.", []),
    # near misses: a denied sign leaves the NAD
    ("General: NAD. Lungs: no increased work of breathing.", [("NAD", "absent")]),
    ("General: Alert, NAD, no respiratory distress.", [("NAD", "absent")]),
    ("General: NAD. Lungs: clear, without retractions or accessory muscle use.",
     [("NAD", "absent")]),
])
def test_nad_beside_respiratory_distress(text: str, expected: list) -> None:
    assert _distress(text) == expected


# ----- N5. a resolution denied, ongoing or undone
@pytest.mark.parametrize(("text", "expected"), [
    ("Her fever initially resolved but returned yesterday.", {"fever": ("present", "fever")}),
    ("Initially, her chest pain resolved, then returned with exertion.",
     {"chest pain": ("present", "chest pain")}),
    ("Her headache resolved initially, then recurred this morning.",
     {"headache": ("present", "headache")}),
    ("The pain has not resolved.", {"pain": ("present", "pain")}),
    ("The rash is resolving but still present.", {"rash": ("present", "rash")}),
    ("Acute kidney injury, resolving.",
     {"acute kidney injury": ("present", "Acute kidney injury")}),
    # near misses: a resolution told as such stays a past episode
    ("Her fever has resolved.", {"fever": ("historical", "fever")}),
    ("Pneumonia, resolved.", {"pneumonia": ("historical", "Pneumonia")}),
    ("The rash has resolved and she feels well.", {"rash": ("historical", "rash")}),
    ("His headache resolved yesterday and has not returned.",
     {"headache": ("historical", "headache")}),
    ("The cough resolved and never came back.", {"cough": ("historical", "cough")}),
    # corpus check (mts-1447): "back to normal" is no return
    ("Her diarrhea has finally resolved and her bowels are back to normal.",
     {"diarrhea": ("historical", "diarrhea")}),
    ("Her fever resolved, but it came back today.", {"fever": ("present", "fever")}),
])
def test_resolution_denied_or_undone(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _with_spans(extractor, text) == expected


# corpus check (mts-70): the relative the clinician spoke to is no relative's condition
@pytest.mark.parametrize(("text", "expected"), [
    ("I talked to the mother and told her that at this point the swelling that is present "
     "is a mixture of the resolving cellulitis.",
     {"swelling": ("present", "swelling"), "cellulitis": ("present", "cellulitis")}),
    ("I spoke with his mother about the cough.", {"cough": ("present", "cough")}),
    # near misses: a relative's condition stays the relative's
    ("His mother has diabetes.", {"diabetes mellitus": ("family", "diabetes")}),
    ("I talked to the mother, who has diabetes.", {"diabetes mellitus": ("family", "diabetes")}),
])
def test_relative_spoken_to(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _with_spans(extractor, text) == expected
