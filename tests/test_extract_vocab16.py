"""Issue 16, vocab16: problems.tsv rows mined from the unlabelled MTSamples corpus.

eval/tools/mine_problem_vocab.py read the diagnosis sections of the MTSamples notes (held-out
ids skipped), ran the rules on each short item and ranked the items with no problem by how
many distinct notes wrote them; the recurring diagnoses with an ICD-10-CM code became rows
(problems.tsv "vocab16" block). Each positive case read no problem before the rows; the near
misses (negated, family, procedure and anatomy words) must keep their reading. Expected
values are pinned by hand from each snippet's words; every item is checked against the words
of its source span.
"""

from __future__ import annotations

import pytest

from assistant.clinical.vocabulary import validate_curated_codes


def _read(extractor, text: str) -> dict[str, tuple[str, str | None, str]]:  # noqa: ANN001
    """Problem text -> (status, ICD-10-CM code, the words of its source span)."""
    return {p.text: (p.status, p.icd10, text[p.span[0]:p.span[1]])
            for p in extractor.extract(text, "t").problems}


@pytest.mark.parametrize(("text", "expected"), [
    ("PREOPERATIVE DIAGNOSIS:  Hypermenorrhea.",
     {"menorrhagia": ("present", "N92.0", "Hypermenorrhea")}),
    ("POSTOPERATIVE DIAGNOSES:\n1.  Pelvic adhesions.\n2.  Enterocele.",
     {"pelvic adhesions": ("present", "N73.6", "Pelvic adhesions"),
      "enterocele": ("present", "N81.5", "Enterocele")}),
    ("IMPRESSION:  Severe intraabdominal adhesions.",
     {"peritoneal adhesions": ("present", "K66.0", "intraabdominal adhesions")}),
    ("PREOPERATIVE DIAGNOSIS:  Bilateral undescended testes.",
     {"undescended testis": ("present", "Q53.9", "undescended testes")}),
    ("DIAGNOSES:\n1.  Chronic adenotonsillitis.\n2.  Adenoid hyperplasia.",
     {"chronic adenotonsillitis": ("present", "J35.03", "Chronic adenotonsillitis"),
      "adenoid hypertrophy": ("present", "J35.2", "Adenoid hyperplasia")}),
    ("DIAGNOSIS:  Basal cell ca, left cheek.",
     {"basal cell carcinoma": ("present", "C44.91", "Basal cell ca")}),
    ("DIAGNOSIS:  Hypomastia.", {"breast hypoplasia": ("present", "N64.82", "Hypomastia")}),
    ("IMPRESSION:  Lumbar stenosis.",
     {"spinal stenosis": ("present", "M48.00", "Lumbar stenosis")}),
    ("FINAL DIAGNOSIS:  Chronic pelvic inflammatory disease.",
     {"pelvic inflammatory disease": ("present", "N73.9", "pelvic inflammatory disease")}),
    ("PREOPERATIVE DIAGNOSIS:  Hallux abductovalgus, right foot.",
     {"hallux valgus": ("present", "M20.1", "Hallux abductovalgus")}),
    ("ASSESSMENT:  Right ankle sprain.",
     {"ankle sprain": ("present", "S93.409A", "ankle sprain")}),
    ("IMPRESSION:  Left distal ureteral stone.",
     {"ureterolithiasis": ("present", "N20.1", "ureteral stone")}),
    ("DIAGNOSIS:  Vault prolapse and rectocele.",
     {"vaginal vault prolapse": ("present", "N99.3", "Vault prolapse"),
      "rectocele": ("present", "N81.6", "rectocele")}),
    ("DIAGNOSIS:  Torn lateral meniscus, right knee.",
     {"meniscal tear": ("present", "S83.209A", "Torn lateral meniscus")}),
    ("ASSESSMENT:  Carotid artery occlusive disease.",
     {"carotid stenosis": ("present", "I65.29", "Carotid artery occlusive disease")}),
    ("Coronary occlusive disease.",
     {"coronary artery disease": ("present", "I25.10", "Coronary occlusive disease")}),
])
def test_vocab16_mined_rows(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _read(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # negated and family statements keep their status
    ("IMPRESSION:  No evidence for calcified renal or ureteral stones.",
     {"ureterolithiasis": ("absent", "N20.1", "ureteral stones")}),
    ("She denies hypermenorrhea.", {"menorrhagia": ("absent", "N92.0", "hypermenorrhea")}),
    ("FAMILY HISTORY:  Mother had basal cell carcinoma.",
     {"basal cell carcinoma": ("family", "C44.91", "basal cell carcinoma")}),
    # a bare "adhesions" is no row (an operative note's "adhesions were lysed" is narrative)
    ("The adhesions were lysed.", {}),
    # procedure and device words around the new anatomy are no problem
    ("A ureteral stent was placed.", {}),
    ("PROCEDURE:  Bilateral orchiopexy.", {}),
    ("Vaginal vault was well supported.", {}),
    ("Compression of the ankle; no sprain.", {}),
    # a meniscus told without a tear is no meniscal tear; a bare "cervical stenosis" (the
    # cervix's or the spine's) stays unread
    ("IMPRESSION:  Discoid lateral meniscus without a tear.",
     {"discoid meniscus": ("present", "Q68.6", "Discoid lateral meniscus")}),
    ("IMPRESSION:  Cervical stenosis at C5-C6.", {}),
])
def test_vocab16_near_misses(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _read(extractor, text) == expected


# the second tier: wordings written once in a diagnosis section, recurring in 3+ notes
@pytest.mark.parametrize(("text", "expected"), [
    ("DIAGNOSIS:  Nasal septal deviation.",
     {"deviated nasal septum": ("present", "J34.2", "Nasal septal deviation")}),
    ("Benign prostate hypertrophy.",
     {"benign prostatic hyperplasia": ("present", "N40.0", "Benign prostate hypertrophy")}),
    ("Impacted wisdom teeth.", {"impacted teeth": ("present", "K01.1", "Impacted wisdom teeth")}),
    ("Tachybrady syndrome.",
     {"tachycardia-bradycardia syndrome": ("present", "I49.5", "Tachybrady syndrome")}),
    # "gouty arthritis" is gout, not the bare arthritis it read before
    ("Gouty arthritis of the left foot.", {"gout": ("present", "M10.9", "Gouty arthritis")}),
    ("Cubital tunnel syndrome, left.",
     {"cubital tunnel syndrome": ("present", "G56.20", "Cubital tunnel syndrome")}),
    ("Torn rotator cuff, right shoulder.",
     {"rotator cuff tear": ("present", "M75.100", "Torn rotator cuff")}),
    ("Bladder calculus.", {"bladder stones": ("present", "N21.0", "Bladder calculus")}),
    ("Plantar fascitis, right foot.",
     {"plantar fasciitis": ("present", "M72.2", "Plantar fascitis")}),
    # near misses: negated, procedure, a septum of the heart
    ("No bladder stones.", {"bladder stones": ("absent", "N21.0", "bladder stones")}),
    ("No evidence of intracranial aneurysm.",
     {"cerebral aneurysm": ("absent", "I67.1", "intracranial aneurysm")}),
    ("Rotator cuff repair.", {}),
    ("Septal deformity of the heart.", {}),
])
def test_vocab16_second_tier(extractor, text: str, expected: dict) -> None:  # noqa: ANN001
    assert _read(extractor, text) == expected


def test_vocab16_codes_are_maintained() -> None:
    # every curated code (the vocab16 rows included) is an ICD-10-CM code of simple-icd-10-cm
    assert validate_curated_codes() == []


def test_vocab16_miner_items_and_keys() -> None:
    from eval.tools.mine_problem_vocab import diagnosis_items, heldout_ids, key

    note = ("PREOPERATIVE DIAGNOSIS: , Left distal ureteral stone.,POSTOPERATIVE DIAGNOSIS: , "
            "Same.,PROCEDURE: , Cystoscopy.,IMPRESSION:,1.  Hypermenorrhea.,2.  Pelvic pain.")
    # only the diagnosis sections' items; "Same." is no diagnosis; the procedure is skipped
    assert diagnosis_items(note) == ["Left distal ureteral stone", "Hypermenorrhea",
                                     "Pelvic pain"]
    # side, severity and spinal level words do not split a phrase's count
    assert key("Hallux abductovalgus, right foot") == "hallux abductovalgus, foot"
    assert key("Left distal ureteral stone.") == "distal ureteral stone"
    assert key("Moderate stenosis C5-6") == "stenosis"
    # held-out notes are skipped by id (the manifest's split only)
    assert heldout_ids() and all(i.isdigit() for i in heldout_ids())
