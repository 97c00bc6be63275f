"""Issue 16, probe22: the problem/finding error classes fixed after the untuned score (probe
README, round 22), and the committed probe22 draw's consistency.

Each positive case failed on main at 5d34106; the guards (near misses the rules must NOT
read, or must read as before) pass before and after. Expected values are pinned by hand from
each snippet's words.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from extract_readers import (
    probe_rounds_from,  # same folder
    problems,
)

from assistant.clinical.vocabulary import get_vocabulary


# 1. ICD-10-CM "<finding> of <structure>" titles written with the article
@pytest.mark.parametrize(("text", "expected"), [
    ("Coarctation of the aorta.", {"coarctation of aorta": "present"}),
    ("He had a coarctation of the aorta and that was repaired when he was an infant.",
     {"coarctation of aorta": "historical"}),
    ("Fracture of the clavicle.", {"fracture of clavicle": "present"}),
])
def test_article_forms_of_icd_titles(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


def test_article_forms_guards() -> None:
    v = get_vocabulary()
    # the title without the article reads as before; "of the unspecified" is never a form
    assert v.lookup("coarctation of aorta").name == "coarctation of aorta"
    assert v.lookup("coarctation of the aorta").name == "coarctation of aorta"
    assert all(" of the unspecified" not in k for k in v._articled)
    # an existing "of the" term keeps its own reading (never rewritten)
    assert all(" of the " not in v._articled[k] for k in v._articled)


# 2. the idiom "fall asleep" is no fall (ICD-10-CM W19)
@pytest.mark.parametrize("text", [
    "She falls asleep at the breast.",
    "He often falls back asleep.",
    "He falls asleep easily in class.",
])
def test_fall_asleep_is_no_fall(extractor, text: str) -> None:  # noqa: ANN001
    assert "fall" not in problems(extractor, text)


@pytest.mark.parametrize("text", [
    "He has had several falls at home.",
    "History of falls.",
    "She falls frequently and is asleep most of the day.",
])
def test_fall_guards(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text).get("fall") == "present"


# 3. vocabulary rows (problems.tsv probe22 block; ICD-10-CM / HPO)
@pytest.mark.parametrize(("text", "expected"), [
    ("Some sneezing and hiccups.", {"sneezing": "present", "hiccups": "present"}),
    ("He reports very little urine output.", {"oliguria": "present"}),
    ("Decreased urine output overnight.", {"oliguria": "present"}),
    ("She is very irritable and argues with her sister.", {"irritability": "present"}),
    ("She denies being suicidal or homicidal.", {"suicidal ideation": "absent"}),
    ("History of suicidal attempts.", {"suicide attempt": "historical"}),
    ("IMPRESSION: Complete heart block with pacemaker malfunction.",
     {"complete heart block": "present", "pacemaker malfunction": "present"}),
    ("CT revealed multiple small cysts in the liver.", {"liver cyst": "present"}),
    ("No intracardiac thrombus.", {"intracardiac thrombus": "absent"}),
    ("PAST MEDICAL HISTORY: 1. Lumbar disk disease.",
     {"intervertebral disc disease": "present"}),
    ("Penile curvature.", {"penile curvature": "present"}),
    ("She had fever and Osler nodes on her fingers.",
     {"fever": "present", "osler nodes": "present"}),
])
def test_probe22_vocabulary_rows(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


def test_icd_title_and_clinical_name_are_one_concept(extractor) -> None:  # noqa: ANN001
    # ICD-10-CM Q55.61 "Curvature of penis (lateral)" written with the article is the row's
    # name (corpus check, mts-53; its status, a past treatment, is not pinned here)
    assert "penile curvature" in problems(
        extractor, "Soon after birth for treatment of curvature of the penis.")


@pytest.mark.parametrize(("text", "expected"), [
    # the bowel's adjective stays irritable bowel syndrome (Index "Irritable bowel (syndrome)")
    ("He has irritable bowel.", {"irritable bowel syndrome": "present"}),
    ("Urine output was good.", {}),
    ("He was placed on suicidal precautions.", {}),
    # corpus check (mts-1772 / 1783): "suicidal" in a form's label is the question
    ("Suicidal or homicidal thoughts:  He denies suicidal thoughts or plan to hurt himself.",
     {"suicidal ideation": "absent"}),
    ("Suicidal/Homicidal:  Also unable to elicit this information.", {}),
    ("Her friends say she is suicidal.", {"suicidal ideation": "present"}),
    ("She is suicidal: she has a plan.", {"suicidal ideation": "present"}),
    # corpus check (mts-1204): a joint that became irritable
    ("Over the last 24 hours it did become irritable and inflamed.", {}),
    # corpus check (mts-3109): "irritable" before a noun that is not a person's
    ("Carcinoma of the cervix metastatic to the bladder with irritable obstruction.",
     {"cervical cancer": "present"}),
    ("Irritable bladder symptoms.", {}),
    ("He is irritable when tired.", {"irritability": "present"}),
    ("The baby has been irritable.", {"irritability": "present"}),
    ("Degenerative disk disease of the lumbar spine.", {"degenerative disc disease": "present"}),
])
def test_probe22_vocabulary_guards(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# 4. echo: a septum stated intact, a ventricle's hypertrophy after a report verb
@pytest.mark.parametrize(("text", "expected"), [
    ("Atrial and ventricular septum are intact.",
     {"atrial septal defect": "absent", "ventricular septal defect": "absent"}),
    ("The interatrial septum is intact.", {"atrial septal defect": "absent"}),
    ("Intact interatrial and interventricular septa.",
     {"atrial septal defect": "absent", "ventricular septal defect": "absent"}),
    ("Left ventricle reveals concentric hypertrophy.", {"left ventricular hypertrophy": "present"}),
    ("Left ventricle with mild concentric hypertrophy.",
     {"left ventricular hypertrophy": "present"}),
])
def test_echo_septum_and_hypertrophy(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The nasal septum is intact.", {}),
    ("The septum is intact.", {}),
    ("The atrial septum is intact except for a small patent foramen ovale.",
     {"patent foramen ovale": "present"}),
    ("The left ventricle shows no hypertrophy.", {}),
    ("Interventricular septum is thickened.", {"thickened interventricular septum": "present"}),
])
def test_echo_guards(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# 5. primitive reflexes (HPO HP:0002476): normal in a newborn or told good / normal
@pytest.mark.parametrize("text", [
    "NEUROLOGIC: The infant has good Moro, grasp, and suck reflexes.",
    "He has normal suck reflex.",
    "This is a 2-day-old newborn. Suck reflex present.",
])
def test_normal_primitive_reflex_is_no_finding(extractor, text: str) -> None:  # noqa: ANN001
    assert "suck reflex" not in problems(extractor, text)


def test_adult_primitive_reflex_guard(extractor) -> None:  # noqa: ANN001
    got = problems(extractor, "The patient is a 78-year-old man with dementia. Suck reflex is "
                              "present. Positive grasp reflex bilaterally.")
    assert got.get("suck reflex") == "present" and got.get("grasp reflex") == "present"


# ----------------------------------------------------------------------------- the draw
# The committed probe22 files are consistent (no MTSamples text is read: manifest, frozen
# exclusion list, labels and gold only; probe README, round 22).
_PROBE = Path(__file__).resolve().parents[1] / "eval" / "data" / "extraction" / "probe"


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_probe22_manifest_shape() -> None:
    rows = [r for r in _rows(_PROBE / "manifest.jsonl") if r["split"] == "probe22"]
    assert len(rows) == 12
    assert all(500 <= r["chars"] <= 4500 for r in rows)
    assert sorted(r["type"] for r in rows) == sorted(
        ["ed"] * 2 + ["endocrinology", "psychiatry"] + ["discharge"] * 2
        + ["nephrology", "heme_onc"] + ["hp_consult"] * 2 + ["gastroenterology", "cardiology"])


def test_probe22_excludes_every_earlier_set() -> None:
    frozen = json.loads((_PROBE / "exclude22.json").read_text(encoding="utf-8"))
    excluded, shas = set(frozen["source_ids"]), set(frozen["sha256_raw"])
    rows = _rows(_PROBE / "manifest.jsonl")
    new = [r for r in rows if r["split"] == "probe22"]
    assert not {r["source_id"] for r in new} & excluded
    assert not {r["sha256_raw"] for r in new} & shas
    assert {r["source_id"] for r in rows if r["split"] not in probe_rounds_from(rows, 22)} <= excluded  # later rounds: drawn later
    base = _PROBE.parent
    real = _rows(base / "real" / "manifest.jsonl")  # dev and held-out ids (ids only)
    assert {r["source_id"] for r in real if r["source"] == "mtsamples"} <= excluded
    for d in sorted(base.glob("*/manifest.jsonl")):
        # allergyrx (2026-12-06) was drawn at the same time as probe22, after its freeze
        if d.parent.name in ("probe", "real", "allergyrx"):
            continue
        ids = {str(r["source_id"]) for r in _rows(d) if r["source"] == "mtsamples"}
        assert ids <= excluded, d.parent.name
    medstat = {json.loads(x)["note"].removeprefix("mts-") for x in
               (base / "medstat" / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
               if x.strip()}
    assert medstat <= excluded


def test_probe22_labels_and_gold_cover_the_manifest() -> None:
    ids = {r["id"] for r in _rows(_PROBE / "manifest.jsonl") if r["split"] == "probe22"}
    text = (_PROBE / "labels.txt").read_text(encoding="utf-8")
    block = text[text.index("# ---- probe22"):].split("# ---- probe23")[0]  # the next round's block
    assert {ln.split()[1] for ln in block.splitlines() if ln.startswith("== ")} == ids
    for nid in ids:
        gold = json.loads((_PROBE / "gold" / f"{nid}.json").read_text(encoding="utf-8"))
        assert gold["problems"]


# 6. a newborn's note: "during (the) pregnancy" is the mother's (her negated conditions cannot
# be said in the schema and are dropped; her stated ones are family)
@pytest.mark.parametrize(("text", "expected"), [
    ("The patient is a 10-day-old female. There were no complications during pregnancy such "
     "as diabetes or hypertension.", {}),
    ("The patient is a 10-day-old female. She also denies any smoking, alcohol, or drug use "
     "during the pregnancy.", {}),
    ("The patient is a 10-day-old female. Mother had diabetes during her pregnancy.",
     {"diabetes mellitus": "family"}),
])
def test_newborn_pregnancy_sentences_are_the_mothers(extractor, text: str,  # noqa: ANN001
                                                     expected: dict) -> None:
    assert problems(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the informant's report on the baby stays the baby's
    ("The patient is a 10-day-old female. Mom denies any apnea, perioral cyanosis, or color "
     "changes.", {"apnea": "absent", "cyanosis": "absent"}),
    # an adult's own pregnancy stays hers
    ("The patient is a 30-year-old female. She had gestational diabetes during her pregnancy.",
     {"gestational diabetes": "present", "pregnancy": "present"}),
])
def test_newborn_pregnancy_guards(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# ------------------------------------------------------------------ probe22fix (safety review)
# Every review input pinned: expected values hand-computed from each snippet's words (before
# = 1d9355a, the merge's parent; "was" notes the merged h-probe22 output the review faulted).
# 1. an adult's abnormal primitive reflex is never hidden by a normal word elsewhere in the
# clause (was: nothing / snout lost)
@pytest.mark.parametrize(("text", "expected"), [
    ("A 70-year-old man.\nNEURO: Reflexes 2+ and symmetric, positive grasp reflex bilaterally.",
     {"grasp reflex": "present"}),
    ("A 70-year-old man.\nNEURO: Mental status intact but positive palmomental reflex on the "
     "left.", {"palmomental reflex": "present"}),
    ("A 70-year-old man.\nNEURO: Strength is good, with a positive snout reflex.",
     {"snout reflex": "present"}),
    ("A 72-year-old man.\nNEURO: Normal strength, positive snout reflex and grasp reflex.",
     {"weakness": "absent", "snout reflex": "present", "grasp reflex": "present"}),
    # near miss: the normal word right before, "present" told: an adult's finding stays
    ("A 70-year-old man.\nNEURO: Good strength, grasp reflex present.",
     {"weakness": "absent", "grasp reflex": "present"}),
])
def test_review_adult_primitive_reflex_kept(extractor, text: str,  # noqa: ANN001
                                            expected: dict) -> None:
    assert problems(extractor, text) == expected


# 2. a child's (not newborn's) note, and a newborn's abnormal reflex: reported, with its span
# (the concept is the HPO primitive-reflex term, as before the merge; "suck reflex is absent"
# in a newborn read as HP:0002033 "Poor suck" is left to a follow-up)
@pytest.mark.parametrize(("text", "expected"), [
    ("This 4-year-old boy was born at 28 weeks. He has cerebral palsy.\nNEURO: Persistent "
     "grasp reflex and positive Moro reflex bilaterally.",
     {"cerebral palsy": "present", "grasp reflex": "present"}),
    ("This 4-year-old boy was born at 28 weeks. Grasp reflex present.",
     {"grasp reflex": "present"}),
    ("Newborn infant. Suck reflex is absent.", {"suck reflex": "present"}),
    ("Absent suck reflex and weak cry", {"suck reflex": "present", "weak cry": "present"}),
    ("Newborn infant. Weak suck reflex.", {"suck reflex": "present"}),
])
def test_review_abnormal_or_older_child_reflex_kept(extractor, text: str,  # noqa: ANN001
                                                    expected: dict) -> None:
    assert problems(extractor, text) == expected


@pytest.mark.parametrize("text", [
    # near misses: a newborn's normal reflexes stay no finding (birth cues with the mother's
    # age, "born at" with no age of the patient)
    "The baby was born at 38 weeks to a 25-year-old G2P1 mother. Birth weight 3.2 kg. Suck "
    "reflex present.",
    "The baby was born at 38 weeks. Birth weight 3.2 kg. Moro and suck reflexes are intact.",
])
def test_review_newborn_normal_reflex_guard(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text) == {}


def test_review_newborn_note_cues() -> None:
    from assistant.clinical.findings import is_newborn_note
    assert not is_newborn_note("This 4-year-old boy was born at 28 weeks.")
    assert not is_newborn_note("This is a 3-month-old girl born at 34 weeks.")
    assert is_newborn_note("This 1-month-old girl was born at 34 weeks.")
    assert is_newborn_note("Born at 38 weeks to a 25-year-old G2P1 mother.")
    assert is_newborn_note("Newborn boy, 2 days old, of a 30-year-old mother.")


# 3. "during the pregnancy" in a newborn's note is the mother's only in a one-clause sentence
# naming no baby, study or exposure (was: all family); the mother's pregnancy itself is no
# item of the baby's
@pytest.mark.parametrize(("text", "expected"), [
    ("Newborn infant. Infant was exposed to methadone during the pregnancy and now has "
     "tremors, irritability and diarrhea.",
     {"tremor": "present", "irritability": "present", "diarrhea": "present"}),
    ("Newborn boy. Prenatal ultrasound during the pregnancy revealed bilateral hydronephrosis.",
     {"hydronephrosis": "present"}),
    ("Newborn boy. Prenatal ultrasound during the pregnancy showed IUGR.",
     {"intrauterine growth restriction": "present"}),
    ("Newborn boy. Cleft lip was seen on prenatal ultrasound during the pregnancy.",
     {"cleft lip": "present"}),
    ("Newborn boy. A VSD was seen on fetal echo during the pregnancy.",
     {"ventricular septal defect": "present"}),
    ("Newborn boy. Fetal tachycardia was noted during the pregnancy and the infant has a heart "
     "murmur.", {"fetal tachycardia": "present", "murmur": "present"}),
    ("The patient is a 10-day-old female. Mother used cocaine during the pregnancy; the infant "
     "has tremors.", {"drug use": "family", "tremor": "present"}),
])
def test_review_newborn_pregnancy_clause(extractor, text: str,  # noqa: ANN001
                                         expected: dict) -> None:
    assert problems(extractor, text) == expected


# 5. a suicidal / homicidal form label: answered yes it is the patient's; answered with a
# denial it is the question (was: nothing for a yes; homicidal / suicidal ideation present
# for "denies", mts-1778 / 1781 / 1790)
@pytest.mark.parametrize(("text", "expected"), [
    ("Suicidal/Homicidal Ideation:  Yes.",
     {"suicidal ideation": "present", "homicidal ideation": "present"}),
    ("Suicidal thoughts: yes.", {"suicidal ideation": "present"}),
    ("Suicidal Thoughts:  Present, with plan.", {"suicidal ideation": "present"}),
    ("Suicidal/Homicidal Ideation: +",
     {"suicidal ideation": "present", "homicidal ideation": "present"}),
    ("Suicidal ideation: positive.", {"suicidal ideation": "present"}),
    ("Suicidal ideation: He has thoughts of killing himself.", {"suicidal ideation": "present"}),
    ("Suicidal/Homicidal Ideation: The patient denies on admission.", {}),
    ("Homicidal/Suicidal Ideation: He denies suicidal or homicidal ideation.",
     {"suicidal ideation": "absent"}),
    ("Suicidal thoughts: no.", {}),
    ("Suicidal/Homicidal Ideation: None.", {}),
    ("Homicidal ideation: Denies.", {}),
])
def test_review_si_form_labels(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# 6. irritability: only a short list of non-person nouns after it, and not "makes him/her"
# before it (was: nothing)
@pytest.mark.parametrize("text", [
    "The child has been irritable this morning.",
    "He was irritable yesterday.",
    "She was irritable overnight.",
    "He is irritable, especially at night.",
    "He has been irritable per the daycare.",
    "Irritable boy.",
    "Irritable neonate.",
    "Irritable patient.",
    "It makes him irritable.",
    "She is irritable and tearful.",
    "He tends to be irritable.",
])
def test_review_irritability_kept(extractor, text: str) -> None:  # noqa: ANN001
    assert problems(extractor, text) == {"irritability": "present"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Her back pain, which makes her irritable, is worse.",
     {"back pain": "present", "irritability": "present"}),
    # near misses: a thing told irritable, people in general (mts-1762)
    ("It did become irritable and inflamed.", {}),
    ("He has an irritable cough.", {"cough": "present"}),
    ("Patient with irritable hip.", {"irritable hip": "present"}),
    ("Those with similar scores tend to be moody, irritable.", {}),
])
def test_review_irritability_guards(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# 7. a sign to watch for is no finding (was: oliguria / fever present); a contrast in an
# echo's septum sentence gives no "ASD absent"
@pytest.mark.parametrize(("text", "expected"), [
    ("Monitor for low urine output.", {}),
    ("Plan: Watch for decreased urine output and call if present.", {}),
    ("Monitor for fever.", {}),
    ("Interatrial septum is intact by color Doppler but bubble study was positive.", {}),
    ("Bubble study was positive, but the interatrial septum is intact.", {}),
    # near misses
    ("He was monitored for fever overnight and remained febrile.", {"fever": "present"}),
    ("Monitor for worsening cough.", {"cough": "present"}),
    ("Monitor for chest pain recurrence.", {"chest pain": "present"}),
    ("Monitor for fever. He has pneumonia.", {"pneumonia": "present"}),
    ("Watch for signs of infection, and continue antibiotics for cellulitis.",
     {"cellulitis": "present"}),
    ("The interatrial septum is intact.", {"atrial septal defect": "absent"}),
])
def test_review_watch_for_and_septum(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# -------------------- review fault 4 (family context, lead applied the helper's patch) --------
@pytest.mark.parametrize("text, expected", [
    # the relative only receives the report: the patient's finding
    ("Her friends report to the parents that she is suicidal and that she had a knife.",
     {"suicidal ideation": "present"}),
    # "Child is" opening a sentence is the patient in a child's note
    ("Fever and diarrhea. Child is irritable and lethargic.",
     {"irritability": "present", "lethargy": "present"}),
    # a relative's own statement stays the relative's
    ("Her mother has depression and told the father that she is suicidal.",
     {"depression": "family"}),
    ("His mother told us that she has breast cancer.", {"breast cancer": "family"}),
])
def test_review_fault4_relative_told(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    got = problems(extractor, text)
    assert {k: got[k] for k in expected} == expected


# -------------------- re-review of 2026-12-06 (lead fixes, pinned) --------------------------
@pytest.mark.parametrize("text, expected", [
    # a sign watched for that the sentence says the patient has or had
    ("Monitor for seizures, which she had twice yesterday.", {"seizure": "present"}),
    ("Observe for respiratory distress, which she currently has.",
     {"respiratory distress": "present"}),
    ("Monitor for bleeding, which is ongoing from the wound.", {"bleeding": "present"}),
    ("Monitor for low urine output.", {}),
    ("Monitor for fever.", {}),
    # a partial denial answering the form label is no denial
    ("Suicidal ideation: no intent, but has passive thoughts of death.",
     {"suicidal ideation": "present"}),
    ("Suicidal ideation: negative for plan; positive for ideation.",
     {"suicidal ideation": "present"}),
    ("Suicidal/Homicidal Ideation: The patient denies on admission.", {}),
    # a relative told "that she ...": the patient's whatever the pronoun (second re-review:
    # the gendered reading made paediatric diagnoses family); the mastitis reading is the
    # accepted lesser error
    ("The nurse told the mother that she has mastitis.", {"mastitis": "present"}),
    ("His friends told the mother that he was suicidal.", {"suicidal ideation": "present"}),
])
def test_rereview_watch_labels_told(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    # (second re-review) a reason or risk after a watched sign states nothing
    # (gaps16, issue 16) the explanation of the watched sign is hypothetical as the sign is
    # (context._watched_explanation): was pinned {"infection": "present"}, the error class
    ("Monitor for fever, which is a sign of infection.", {}),
    ("Monitor for fever as she is immunosuppressed.", {"immunosuppressed": "present"}),
    ("Observe for hypoglycemia, glucose was 45 at 6 am.", {"hypoglycemia": "present"}),
    # a reassurance after the denial is no partial denial
    ("Suicidal ideation: denies, has good support.", {}),
    ("Suicidal ideation: denies. Has good family support.", {}),
    # whatever the pronoun: in a child's note the patient's
    ("4-month-old girl with cough. Told the mother that she has bronchiolitis and needs "
     "admission.", {"cough": "present", "bronchiolitis": "present"}),
])
def test_rereview2_watch_labels_told(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected
