"""Issue 16, probe25: the error classes fixed after the untuned score (probe README, round 25),
and the committed probe25 draw's consistency.

Each positive case failed before this round (main at 67d73ac); the guards (near misses the
rules must NOT read, or must read as before) pass before and after. Expected values are pinned
by hand from each snippet's words; every item is checked against the words of its source span.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from extract_readers import assert_exclusion_covers_other_sets, problems
from extract_readers import jsonl_rows as _rows  # same folder
from extract_readers import problems_with_spans as _with_spans  # same folder

from assistant.clinical.vocabulary import get_vocabulary

_PROBE = Path(__file__).resolve().parents[1] / "eval" / "data" / "extraction" / "probe"


def _meds(extractor, text: str) -> dict[str, tuple]:  # noqa: ANN001
    """Medication name -> (dose, route, frequency, status, the words of its span)."""
    rec = extractor.extract(text, "t")
    return {m.name: (m.dose, m.route, m.frequency, m.status, text[m.span[0]:m.span[1]])
            for m in rec.medications}


# 1. vocabulary rows (problems.tsv probe25 block; ICD-10-CM / HPO wordings)
@pytest.mark.parametrize(("text", "expected"), [
    ("She has heavy periods lasting 7 to 14 days with spotting in between her periods.",
     {"menorrhagia": ("present", "heavy periods"),
      "intermenstrual bleeding": ("present", "spotting in between her periods")}),
    ("PREOPERATIVE DIAGNOSES:\n1.  Intermenstrual spotting.\n2.  Thickened endometrium per "
     "ultrasound.",
     {"intermenstrual bleeding": ("present", "Intermenstrual spotting"),
      "endometrial thickening": ("present", "Thickened endometrium")}),
    ("Digital rectal exam revealed an asymmetric prostate gland with nodularity.  Seminal "
     "vesicles enlarged.",
     {"prostate nodule": ("present", "prostate gland with nodularity"),
      "seminal vesicle enlargement": ("present", "Seminal vesicles enlarged")}),
    ("Impression: prostatic malignancy with probable regional node metastasis.",
     {"prostate cancer": ("present", "prostatic malignancy"),
      "lymph node metastasis": ("possible", "regional node metastasis")}),
    ("Hypercalcemia, possible metastases to the bones.",
     {"hypercalcemia": ("present", "Hypercalcemia"),
      "bone metastasis": ("possible", "metastases to the bones")}),
    ("There is a small area of peripheral chorioretinal scarring.",
     {"chorioretinal scar": ("present", "chorioretinal scarring")}),
    ("Progressive loss of color vision.",
     {"color vision deficiency": ("present", "loss of color vision")}),
    ("Type 2 sprain in the medial collateral ligament and type 1 sprain in the lateral "
     "collateral ligament.",
     {"sprain of medial collateral ligament of knee": (
         "present", "sprain in the medial collateral ligament"),
      "sprain of lateral collateral ligament of knee": (
         "present", "sprain in the lateral collateral ligament")}),
    # a hyphenated "low-grade fever" (now read whole) stays the fever it was
    ("He had a low-grade fever to 100.2.", {"fever": ("present", "low-grade fever")}),
    # ... and a marginal B-cell lymphoma its subtype (ICD-10-CM C83.0- inclusion terms)
    ("History of marginal B-cell lymphoma. He has diffuse large B-cell lymphoma.",
     {"marginal zone lymphoma": ("present", "marginal B-cell lymphoma"),
      "diffuse large b-cell lymphoma": ("present", "diffuse large B-cell lymphoma")}),
    # ... and the older name of diffuse large B-cell lymphoma is that lymphoma (C83.3-)
    ("PMH:\n1.  History of diffuse large cell lymphoma.",
     {"diffuse large b-cell lymphoma": ("present", "diffuse large cell lymphoma")}),
    ("However, brain neoplasm could not be excluded.",
     {"brain tumor": ("possible", "brain neoplasm")}),
    ("FHX:\n Mother with breast CA. AODM both sides of family.",
     {"breast cancer": ("family", "breast CA"),
      "type 2 diabetes mellitus": ("family", "AODM")}),
])
def test_probe25_vocabulary_rows(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _with_spans(extractor, text) == expected


def test_probe25_vocabulary_rows_fold_for_the_scorer() -> None:
    v = get_vocabulary(use_icd=False)
    assert v.lookup("heavy periods").name == "menorrhagia"
    assert v.lookup("intermenstrual spotting").name == "intermenstrual bleeding"
    assert v.lookup("thickened endometrium").name == "endometrial thickening"
    assert v.lookup("nodular prostate").name == "prostate nodule"
    assert v.lookup("osseous metastases").name == "bone metastasis"
    assert v.lookup("nodal metastases").name == "lymph node metastasis"
    assert v.lookup("non-small cell lung carcinoma").name == "non-small cell lung cancer"
    assert v.lookup("NSCLC").name == "non-small cell lung cancer"
    assert v.lookup("brain neoplasm").name == "brain tumor"
    assert v.lookup("dyschromatopsia").name == "color vision deficiency"
    assert v.lookup("AODM").name == "type 2 diabetes mellitus"
    # guards: the rows already there keep their own concepts
    assert v.lookup("hypermenorrhea").name == "menorrhagia"
    assert v.lookup("metastatic disease").name == "metastatic disease"
    assert v.lookup("meniscal tear").name == "meniscal tear"
    assert v.lookup("adult onset diabetes").name == "type 2 diabetes mellitus"
    assert v.lookup("nsclc") is None  # the abbreviation matches its case only


@pytest.mark.parametrize(("text", "expected"), [
    # near misses: negations keep their reading, words that only look alike give nothing new
    ("No heavy periods.", {"menorrhagia": "absent"}),
    ("She denies bleeding between periods.", {"intermenstrual bleeding": "absent"}),
    ("Normal prostate without nodules.", {"abnormal prostate": "absent"}),
    ("No evidence of bone metastases.", {"bone metastasis": "absent"}),
    ("No seminal vesicle enlargement.", {"seminal vesicle enlargement": "absent"}),
    ("The medial collateral ligament is intact.", {}),
    ("Color vision was normal.", {}),
    ("Scarring of the skin.", {"scarring": "present"}),  # not the retina's
    ("Father had a brain tumor.", {"brain tumor": "family"}),
    ("He has a large cell lymphoma.", {"lymphoma": "present"}),  # not the diffuse B-cell type
    ("Medial collateral ligament. Heavy lifting.", {}),
])
def test_probe25_vocabulary_near_misses(extractor, text: str,  # noqa: ANN001
                                        expected: dict) -> None:
    assert problems(extractor, text) == expected


# 2. hyphenated dictionary names and "<site> CA" (vocabulary.py): "non-small cell lung
# carcinoma" (HPO HP:0030358) had been read as the "small cell lung carcinoma" inside it
@pytest.mark.parametrize(("text", "expected"), [
    ("DISCHARGE DIAGNOSES:\n1.  Advanced non-small cell lung carcinoma with left malignant "
     "pleural effusion.",
     {"non-small cell lung cancer": ("present", "non-small cell lung carcinoma"),
      "malignant pleural effusion": ("present", "malignant pleural effusion")}),
    ("Bronchoscopy was positive for non-small cell lung CA.",
     {"non-small cell lung cancer": ("present", "non-small cell lung CA")}),
    ("Stage IV NSCLC.", {"non-small cell lung cancer": ("present", "NSCLC")}),
    ("He has prostate CA.", {"prostate cancer": ("present", "prostate CA")}),
])
def test_probe25_hyphenated_names_and_site_ca(extractor, text: str,  # noqa: ANN001
                                              expected: dict) -> None:
    assert _with_spans(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the other histology stays itself
    ("History of small cell lung carcinoma treated with chemotherapy.",
     {"small cell lung carcinoma": "present"}),
    # a tumor marker, calcium, a state, a bare "CA": no cancer
    ("Breast CA 15-3 was 40.", {}),
    ("Serum Ca 9.5.", {}),
    ("She lives in Los Angeles, CA.", {}),
    ("Suggestive of CA.", {}),
])
def test_probe25_site_ca_near_misses(extractor, text: str,  # noqa: ANN001
                                     expected: dict) -> None:
    assert problems(extractor, text) == expected


# 3. "OA" of a fetal position is occiput anterior, not osteoarthritis (vocabulary.py guard)
@pytest.mark.parametrize(("text", "expected"), [
    ("She then pushed for 2 hours delivering a viable male over an intact perineum in an OA "
     "presentation.", {}),
    ("The fetus was in the OA position.", {}),
    # near misses: a joint's OA stays osteoarthritis
    ("Bilateral knee OA.", {"osteoarthritis": "present"}),
    ("History of OA of the hips.", {"osteoarthritis": "present"}),
])
def test_probe25_fetal_position_oa(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# 4. a consent's benefits and a watch instruction's "any evidence of" (findings.py)
@pytest.mark.parametrize(("text", "expected"), [
    ("The benefits are ease of care and cleanliness and fewer urinary tract infections.", {}),
    ("Instructions for continuing care are to watch for any evidence of hemorrhage or "
     "urination.", {}),
    # near misses: the patient's own problems stay
    ("The benefits of surgery for her back pain were discussed.", {"back pain": "present"}),
    ("She has a urinary tract infection. The benefits of treatment were discussed.",
     {"urinary tract infection": "present"}),
    ("There was evidence of hemorrhage.", {"bleeding": "present"}),
    ("Watch for any evidence of worsening cellulitis.", {"cellulitis": "present"}),
])
def test_probe25_benefits_and_watch_evidence(extractor, text: str,  # noqa: ANN001
                                             expected: dict) -> None:
    assert problems(extractor, text) == expected


# 5. "suggestion of X" hedges X (context.py; pyConText's "suggest" hedge)
@pytest.mark.parametrize(("text", "expected"), [
    ("Joint effusion and bone bruise with suggestion of some minimal overlying chondromalacia.",
     {"effusion": "present", "chondromalacia": "possible"}),
    # near misses: a negation keeps its reading, someone's advice hedges nothing
    ("There is no suggestion of malignancy.", {"cancer": "absent"}),
    ("Without suggestion of fracture.", {"fracture": "absent"}),
    ("At the suggestion of her cardiologist, she stopped aspirin for her chest pain.",
     {"chest pain": "present"}),
])
def test_probe25_suggestion_of(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == expected


# 6. medications: a discharge heading joined with its advice, "q.4-6 hourly", a product
# suffix after a hyphen, BCNU (RxNorm / NCI Thesaurus synonym of carmustine)
@pytest.mark.parametrize(("text", "expected"), [
    ("MEDICATIONS AND ADVICE ON DISCHARGE:\n1.  She is to continue taking Coreg 12.5 mg p.o. "
     "b.i.d.\n2.  Zofran 4 mg p.o. q.4-6 hourly p.r.n.",
     {"carvedilol": ("12.5 mg", "PO", "BID", "active", "Coreg 12.5 mg p.o. b.i.d"),
      "ondansetron": ("4 mg", "PO", "q4-6h PRN", "active",
                      "Zofran 4 mg p.o. q.4-6 hourly p.r.n")}),
    # the discharge list outranks the stay's "treated with" (was: given)
    ("HOSPITAL COURSE:\nShe was treated with Aldactone and Lasix and improved.\nMEDICATIONS AND "
     "ADVICE ON DISCHARGE:\n1.  Aldactone 25 mg p.o. daily.\n2.  Lasix 20 mg p.o. daily.",
     {"spironolactone": ("25 mg", "PO", "daily", "new", "Aldactone 25 mg p.o. daily"),
      "furosemide": ("20 mg", "PO", "daily", "new", "Lasix 20 mg p.o. daily")}),
    ("MEDICATIONS:\n1. Tylenol 650 mg p.o. q.6 hourly p.r.n.",
     {"acetaminophen": ("650 mg", "PO", "q6h PRN", "active",
                        "Tylenol 650 mg p.o. q.6 hourly p.r.n")}),
    ("She was initially treated with Parafon-forte for tension headaches.",
     {"chlorzoxazone": (None, None, None, "given", "Parafon-forte")}),
    ("He is on metoprolol-XL 50 mg daily.",
     {"metoprolol": ("50 mg", None, "daily", "active", "metoprolol-XL 50 mg daily")}),
    ("She was treated with BCNU chemotherapy protocol in 1992.",
     {"carmustine": (None, None, None, "discontinued", "BCNU")}),
    # near misses: advice without a drug list keeps the stay's doses given; a class is no drug
    ("HOSPITAL COURSE:\nShe was treated with Aldactone and Lasix and improved.\nADVICE ON "
     "DISCHARGE:\nFollow up with cardiology.",
     {"spironolactone": (None, None, None, "given", "Aldactone"),
      "furosemide": (None, None, None, "given", "Lasix")}),
    ("MEDICATIONS:\n1. Lasix 20 mg p.o. q.6h.",
     {"furosemide": ("20 mg", "PO", "q6h", "active", "Lasix 20 mg p.o. q.6h")}),
    ("She takes a beta-blocker.", {}),
])
def test_probe25_medication_classes(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _meds(extractor, text) == expected


# draw consistency (frozen: the manifest's probe25 rows, the frozen exclusion list)
def test_probe25_excludes_every_earlier_set() -> None:
    frozen = json.loads((_PROBE / "exclude25.json").read_text(encoding="utf-8"))
    excluded, shas = set(frozen["source_ids"]), set(frozen["sha256_raw"])
    rows = _rows(_PROBE / "manifest.jsonl")
    new = [r for r in rows if r["split"] == "probe25"]
    assert len(new) == 12
    assert [r["id"] for r in new] == [
        "mts-153", "mts-217", "mts-702", "mts-67", "mts-931", "mts-3401", "mts-3965",
        "mts-1580", "mts-2844", "mts-2871", "mts-594", "mts-994"]
    assert not {r["source_id"] for r in new} & excluded
    assert not {r["sha256_raw"] for r in new} & shas
    assert {r["source_id"] for r in rows if r["split"] != "probe25"} <= excluded
    assert_exclusion_covers_other_sets(_PROBE, excluded, {r["source_id"] for r in new})


def test_probe25_labels_and_gold_cover_the_manifest() -> None:
    ids = {r["id"] for r in _rows(_PROBE / "manifest.jsonl") if r["split"] == "probe25"}
    text = (_PROBE / "labels.txt").read_text(encoding="utf-8")
    block = text[text.index("# ---- probe25"):]
    assert {ln.split()[1] for ln in block.splitlines() if ln.startswith("== ")} == ids
    for nid in ids:
        gold = json.loads((_PROBE / "gold" / f"{nid}.json").read_text(encoding="utf-8"))
        assert gold["problems"]


def test_probe25_is_a_selectable_round() -> None:
    import eval.extraction_real as er

    assert "probe25" in er.SPLITS and "probe25" in er.PROBE_ROUNDS


# tuned figures on the 12 probe25 notes (rules only, restored form), pinned as floors: a
# later round may raise them; one that lowers them must say why (probe README, round 25).
# Untuned (main at 67d73ac): problems P 0.792 / R 0.661, status 0.925; medications P 1.000 /
# R 0.842, attribute 0.891.
_SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.skipif(not (_SHARED / "mtsamples" / "mtsamples.csv").is_file(),
                    reason="shared data (MTSamples) not present beside the checkout")
def test_probe25_tuned_figures(extractor, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from eval import extraction_real as er

    monkeypatch.setenv(er.SET_ENV, "probe25")
    examples = er.load_examples(_SHARED, forms=("restored",))
    assert {e["split"] for e in examples} == {"probe25"} and len(examples) == 12
    preds = [extractor.extract(e["text"], e["note_id"]).model_dump(mode="json")
             for e in examples]
    m = er.score(preds, [e["gold"] for e in examples])
    assert m["problems.precision"] >= 0.861 - 1e-3
    assert m["problems.recall"] >= 0.769 - 1e-3
    assert m["problems.status_accuracy"] >= 0.935 - 1e-3
    assert m["medications.recall"] >= 0.947 - 1e-3
    assert m["medications.precision"] >= 1.000 - 1e-3
    assert er.allergens_as_medications(
        [{"pred": p, "gold": e["gold"]} for p, e in zip(preds, examples, strict=True)]) == 0
