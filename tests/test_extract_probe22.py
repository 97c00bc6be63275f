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
from extract_readers import problems

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
    assert {r["source_id"] for r in rows if r["split"] != "probe22"} <= excluded
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
    block = text[text.index("# ---- probe22"):]
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
