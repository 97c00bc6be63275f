"""Error classes of probe round 14 (issue 16, extraction generalisation; split ``probe14``).

Each case is a short synthetic snippet in the wording of the class (not note text); values
pinned by hand. The positive cases fail on the code before this round (d148532); the guards
pass before and after. See eval/data/extraction/probe/README.md, round 14.
"""

from __future__ import annotations

import pytest
from extract_readers import meds, problems


# 1. vocabulary: ICD-10-CM Index wordings and an HPO term (problems.tsv, probe14 rows)
@pytest.mark.parametrize(("text", "expected"), [
    ("She complains of burning vaginal pain.", {"vaginal pain": "present"}),
    ("She has dyspareunia.", {"dyspareunia": "present"}),
    ("Candidal infection of the groin.", {"candidiasis": "present"}),
    ("PMH: developmental delay.", {"developmental delay": "present"}),
    ("Urinalysis showed protein in the urine.", {"proteinuria": "present"}),
    ("He denies extremity pain.", {"limb pain": "absent"}),
    ("He denies pain in the abdomen.", {"abdominal pain": "absent"}),
    ("There is slurring of speech.", {"slurred speech": "present"}),
    # the project's labels fold rectal bleeding into hematochezia (probe13)
    ("No rectal bleeding.", {"hematochezia": "absent"}),
    ("There is a discoid lateral meniscus.", {"discoid meniscus": "present"}),
    ("There is no meniscal tear.", {"meniscal tear": "absent"}),
    ("MRI shows an ACL tear.", {"anterior cruciate ligament tear": "present"}),
    ("She also has pain with bowel movements.", {"painful defecation": "present"}),
])
def test_probe14_vocabulary(extractor, text, expected):
    assert problems(extractor, text) == expected


def test_candidal_infection_is_not_bare_infection(extractor):
    # the longer row wins: no separate "infection" item
    assert problems(extractor, "5. Candidal infection. Start clotrimazole.") == {
        "candidiasis": "present"}


# 2. drug rows (RxNorm): Senna-S, carnitine, vitamin K, sorbitol
def test_probe14_drug_rows(extractor):
    got = meds(extractor, "MEDICATIONS:\nSorbitol 30 cc twice a day, Senna-S two tabs daily, "
                          "carnitine, phenobarbital.")
    assert got == {"sorbitol": "active", "docusate/senna": "active",
                   "levocarnitine": "active", "phenobarbital": "active"}


def test_vitamin_k_is_phytonadione(extractor):
    assert meds(extractor, "PLAN:\nPlan is to give vitamin K.") == {"phytonadione": "new"}


# 3. an organism of a culture result is no medication (the dictionary lists E. coli)
def test_culture_organism_not_a_drug(extractor):
    got = meds(extractor, "Urine culture shows Escherichia coli. We changed to doripenem.")
    assert "escherichia coli" not in got and got["doripenem"] == "new"


# 4. a vitals section running on over headers it does not know keeps drugs with a dose or an
#    action, as a labs section does (the procedure's drugs were all dropped)
def test_vitals_section_run_on_keeps_dosed_drug(extractor):
    text = ("VITAL SIGNS:\nSee nurse's notes.\nDETAILS OF PROCEDURE:\nLidocaine 1.5% was used "
            "for skin wheal. 160 mg Depo-Medrol was injected.")
    assert set(meds(extractor, text)) == {"lidocaine", "methylprednisolone"}


def test_vitals_section_bare_drug_word_still_dropped(extractor):
    # guard: a drug word without dose or action in a vitals section stays out
    assert meds(extractor, "VITAL SIGNS: BP 120/80 on room air. Aspirin allergy.") == {}


def test_vitals_run_on_procedure_title_gives_given(extractor):
    # a drug under a procedure header the vitals section ran over was used in the procedure
    text = ("HISTORY: Headache.\nVITAL SIGNS:\nBlood pressure 126/88.\nANESTHESIA:\nLocal with 2% "
            "lidocaine at the L4-L5 level.")
    assert meds(extractor, text) == {"lidocaine": "given"}


def test_vitals_run_on_keeps_drugs_only_under_a_procedure_title(extractor) -> None:  # noqa: ANN001
    # the lead's corpus check of probe14 (mts-1766, mts-1185 shapes): a vitals section running
    # on over prose is no medication list; "off her Mirapex" was read as active
    text = ("VITALS: BP 120/80.\nHPI continued, She has been off her Mirapex. I did encourage her "
            "to go back on the Mirapex.\n")
    assert meds(extractor, text) == {}
    text = "VITAL SIGNS: Stable.\nDETAILS OF PROCEDURE: Lidocaine 1% was used for local anesthesia.\n"
    assert meds(extractor, text) == {"lidocaine": "given"}
