"""Allergy-and-medication clause classes of the allergyrx round (issue 16), each pinned with
hand-computed expected values and near misses, and the allergyrx probe's committed files.

- a hypothetical allergy statement ("If she is allergic to penicillin, we will use
  clindamycin"): the rule that read it as no allergy was TAKEN BACK after review (2026-12-06,
  issue 16 safety review F1/F3: allergens became active medications, confirmed allergies were
  hidden, NKA turned True; no real-text sentence needed it); its inputs are pinned to the
  pre-merge output (base 6c0648c);
- an allergen list ends at a comma after which the patient is the subject again with a verb
  of taking ("She is allergic to penicillin, she takes lisinopril daily":
  ``allergy_words._CLAUSE_END``); never a reporting verb ("penicillin, she thinks, and
  codeine": review F2);
- a restart of a pronoun in the NEXT sentence: the rule that bound it to the held drug was
  TAKEN BACK after review (2026-12-06, F5/F6); the drug stays held as the lead pinned it
  (tests/test_med_status_review.py);
- a restart planned for a later time is held (``med_status._future_restart``), only when
  nothing joined on lies between the drug and its deferral (review F4).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from extract_readers import allergies, meds  # same folder


def _nka(extractor, text: str) -> bool | None:  # noqa: ANN001
    return extractor.extract(text, "t").no_known_allergies


PEN = [("penicillin", None, "penicillin")]


# ----- a hypothetical allergy statement: the rule that read it as no allergy was taken back
# after review (2026-12-06); each input keeps its pre-merge output (base 6c0648c, hand-checked):
# the allergen stays an allergy (a lost allergy is the worse error), never a medication
@pytest.mark.parametrize(("text", "want", "want_meds"), [
    # (re-review, 2026-12-06: ", we <verb>" now opens a new clause, so the planned drug is
    # read as a medication; the allergen stays an allergy)
    ("If she is allergic to penicillin, we will use clindamycin.", ["penicillin"],
     {"clindamycin": "active"}),
    ("In case he is allergic to penicillin, we will give clindamycin.", ["penicillin"],
     {"clindamycin": "active"}),
    ("Unless she is allergic to penicillin, we will start amoxicillin.", ["penicillin"],
     {"amoxicillin": "new"}),
    ("We will check whether he is allergic to penicillin.", ["penicillin"], {}),
    ("If he has an allergy to penicillin, we will use clindamycin.", ["penicillin"],
     {"clindamycin": "active"}),
    ("If he has a penicillin allergy, we will use clindamycin.", ["penicillin"],
     {"clindamycin": "active"}),
])
def test_hypothetical_allergy_taken_back(extractor, text: str, want: list,  # noqa: ANN001
                                         want_meds: dict) -> None:
    # taken back after review (2026-12-06): pre-merge output
    assert [a[0] for a in allergies(extractor, text)] == want
    assert _nka(extractor, text) is False
    assert meds(extractor, text) == want_meds


# ... the two rows with no allergy statement the rule had to skip (pre-merge output as well)
@pytest.mark.parametrize(("text", "want_meds"), [
    ("If allergic to penicillin, use clindamycin.", {"clindamycin": "active"}),
    ("If there is no allergy to penicillin, we will give amoxicillin.", {"amoxicillin": "active"}),
])
def test_hypothetical_without_statement(extractor, text: str, want_meds: dict) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert _nka(extractor, text) is None
    assert meds(extractor, text) == want_meds


# ----- review F1/F3 (2026-12-06): every input pinned to its pre-merge output (base 6c0648c):
# (NKA, substances in record order, medications). The allergens named are never medications;
# a confirmed allergy is never hidden; NKA is never True next to an allergy
@pytest.mark.parametrize(("text", "nka", "want", "want_meds"), [
    # F1: the allergens of the skipped statement became ACTIVE medications after the merge
    ("If she is allergic to penicillin, amoxicillin, or cephalexin, we will use clindamycin.",
     False, ["penicillin", "amoxicillin", "cephalexin"], {"clindamycin": "active"}),
    # (gaps16) both drugs of "codeine or morphine" are allergens (the pre-merge output lost
    # morphine); the hypothetical is still recorded as an allergy, as this test pins
    ("Unless he is allergic to codeine or morphine, we will give oxycodone.", False,
     ["codeine", "morphine"], {"oxycodone": "active"}),
    ("Whether she is allergic to amoxicillin or cephalexin is unclear.", False, ["amoxicillin"],
     {}),
    ("She states that if she is allergic to anything, it is penicillin.", None, [], {}),
    ("She states that if she is allergic to anything, it would be penicillin and codeine.",
     False, ["codeine"], {}),
    ("If he is allergic to something, it's amoxicillin.", False, ["something"], {}),
    ("She thinks if she is allergic to anything it is Bactrim.", None, [], {}),
    # F3: confirmed allergies hidden, NKA wrongly True after the merge
    ("If I recall he is allergic to penicillin.", False, ["penicillin"], {}),
    ("If I remember she is allergic to sulfa.", False, ["sulfa"], {}),
    ("I think if anything she is allergic to penicillin.", False, ["penicillin"], {}),
    ("No known drug allergies, but if I recall she is allergic to latex.", False, ["latex"], {}),
    ("She was unsure if she is allergic to penicillin.", False, ["penicillin"], {}),
    ("ALLERGIES: Unsure whether she is allergic to penicillin.", False, ["penicillin"], {}),
    ("ALLERGIES: No known drug allergies. Mother unsure if she has a penicillin allergy.", False,
     ["penicillin"], {}),
    ("She doesn't remember if she is allergic to amoxicillin but had a rash.", False,
     ["amoxicillin"], {}),
    ("She is allergic to Keflex, if she is allergic to penicillin is unknown.", False,
     ["cephalexin", "penicillin"], {}),
    ("She says if she is allergic to sulfa, she gets a rash.", False, ["sulfa"], {}),
    ("If she is allergic to penicillin, she gets hives.", False, ["penicillin"], {}),
    ("Even if she is allergic to penicillin, we will use amoxicillin with a test dose.", False,
     ["penicillin"], {"amoxicillin": "active"}),
    ("Assuming she is allergic to penicillin, we gave clindamycin.", False, ["penicillin"],
     {"clindamycin": "given"}),
])
def test_review_f1_f3_pre_merge(extractor, text: str, nka: bool | None, want: list,  # noqa: ANN001
                                want_meds: dict) -> None:
    assert _nka(extractor, text) is nka
    assert [a[0] for a in allergies(extractor, text)] == want
    assert meds(extractor, text) == want_meds


# near misses: a stated allergy next to a condition, a conjunction governing another predicate,
# a second sentence's allergy, a spoken answer after a hypothetical question
@pytest.mark.parametrize(("text", "want", "want_meds"), [
    ("She is allergic to penicillin; if she needs antibiotics we will use clindamycin.", PEN,
     {"clindamycin": "active"}),
    ("He was asked if he has any allergies and he is allergic to penicillin.", PEN, {}),
    # (taken back after review (2026-12-06): the hypothetical statement is read as before the
    # merge, its allergen an allergy)
    ("If she is allergic to penicillin, we will use clindamycin. She is allergic to sulfa.",
     [("penicillin", None, "penicillin"), ("sulfa", None, "sulfa")], {"clindamycin": "active"}),
    ("Doctor: If you are allergic to penicillin, tell me. Patient: I am allergic to penicillin.",
     PEN, {}),
    ("She is allergic to penicillin.", PEN, {}),
    # a doubt is a questioned allergy, recorded (tests/test_extract_allergy_classes2.py)
    ("It is unclear whether she is actually allergic to penicillin.", PEN, {}),
    ("It is unclear if he is allergic to penicillin.", PEN, {}),
])
def test_stated_allergy_kept(extractor, text: str, want: list, want_meds: dict) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
    assert _nka(extractor, text) is False
    assert meds(extractor, text) == want_meds


# ----- an allergen list ends where the patient is the subject again after a comma
@pytest.mark.parametrize(("text", "want", "want_meds"), [
    ("She is allergic to penicillin, she takes lisinopril daily.", PEN, {"lisinopril": "active"}),
    ("The patient is allergic to penicillin, the patient takes metoprolol.", PEN,
     {"metoprolol": "active"}),
    ("She is allergic to penicillin, sulfa and codeine, she takes lisinopril and metformin.",
     [("penicillin", None, "penicillin"), ("sulfa", None, "sulfa"), ("codeine", None, "codeine")],
     {"lisinopril": "active", "metformin": "active"}),
    ("Allergic to penicillin, she takes lisinopril.", PEN, {"lisinopril": "active"}),
    ("She is allergic to penicillin, patient takes aspirin 81 mg daily.", PEN,
     {"aspirin": "active"}),
])
def test_new_clause_ends_the_allergen_list(extractor, text: str, want: list,  # noqa: ANN001
                                           want_meds: dict) -> None:
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == want_meds


# near misses: the list itself, a reaction clause, a relative's allergy; no allergen a medication
@pytest.mark.parametrize(("text", "want"), [
    ("She is allergic to penicillin, sulfa, codeine.",
     [("penicillin", None, "penicillin"), ("sulfa", None, "sulfa"), ("codeine", None, "codeine")]),
    ("ALLERGIES: Penicillin, sulfa, codeine.",
     [("penicillin", None, "Penicillin"), ("sulfa", None, "sulfa"), ("codeine", None, "codeine")]),
    ("She is allergic to penicillin, which causes hives.",
     [("penicillin", "hives", "penicillin, which causes hives")]),
    ("She is allergic to penicillin, it gives her hives.", [("penicillin", "hives", "penicillin")]),
    ("She is allergic to penicillin, her mother is allergic to sulfa.", PEN),
    ("He is allergic to latex, he uses gloves.", [("latex", None, "latex")]),
])
def test_allergen_lists_unchanged(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == want
    assert meds(extractor, text) == {}


# review F2 (2026-12-06): a reporting verb after the comma is a parenthetical inside the
# list, never the end of it: every allergen named stays an allergy (its word in a substance;
# the substance's wording is the pre-merge one), none a medication
@pytest.mark.parametrize(("text", "named"), [
    ("She is allergic to penicillin, she thinks, and codeine.", ["penicillin", "codeine"]),
    ("She is allergic to penicillin, patient states, and morphine.", ["penicillin", "morphine"]),
    ("She is allergic to penicillin, patient reports, and codeine.", ["penicillin", "codeine"]),
    ("She is allergic to penicillin, pt says, and codeine.", ["penicillin", "codeine"]),
    ("She is allergic to penicillin, they told me, and morphine.", ["penicillin", "morphine"]),
    ("She is allergic to penicillin, she says, and also to sulfa and codeine.",
     ["penicillin", "sulfa", "codeine"]),
    ("She is allergic to penicillin, sulfa, she reports, and codeine.",
     ["penicillin", "sulfa", "codeine"]),
    ("[patient] she is allergic to penicillin , i believe , and codeine .",
     ["penicillin", "codeine"]),
    ("He is allergic to penicillin, he says, and sulfa.", ["penicillin", "sulfa"]),
    ("She is allergic to penicillin, I believe, and sulfa.", ["penicillin", "sulfa"]),
    ("She is allergic to penicillin, we think, and sulfa.", ["penicillin", "sulfa"]),
    ("[patient] i'm allergic to penicillin , i think , and sulfa .", ["penicillin", "sulfa"]),
    ("She is allergic to penicillin, she believes sulfa as well.", ["penicillin", "sulfa"]),
    ("She is allergic to penicillin, she feels, and codeine.", ["penicillin", "codeine"]),
    ("She is allergic to penicillin, she recalls, and codeine.", ["penicillin", "codeine"]),
    ("She is allergic to penicillin, he notes, and codeine.", ["penicillin", "codeine"]),
    ("She is allergic to penicillin, she knows, and codeine.", ["penicillin", "codeine"]),
])
def test_reporting_verb_keeps_the_list(extractor, text: str, named: list) -> None:  # noqa: ANN001
    subs = [a[0].lower() for a in allergies(extractor, text)]
    assert len(subs) == len(named)
    for word, sub in zip(named, subs, strict=True):
        assert word in sub
    assert meds(extractor, text) == {}
    assert _nka(extractor, text) is False


# the taking verbs that do end the list (hand-computed: the allergen an allergy, the drug taken
# after it an active medication)
@pytest.mark.parametrize(("text", "want_meds"), [
    ("She is allergic to penicillin, she is taking lisinopril.", {"lisinopril": "active"}),
    ("She is allergic to penicillin, she is on lisinopril.", {"lisinopril": "active"}),
    ("She is allergic to penicillin, she uses albuterol.", {"albuterol": "active"}),
    ("She is allergic to penicillin, she also takes metformin.", {"metformin": "active"}),
    ("She is allergic to penicillin, he receives insulin.", {"insulin": "active"}),
])
def test_taking_verb_ends_the_list(extractor, text: str, want_meds: dict) -> None:  # noqa: ANN001
    assert [a[0] for a in allergies(extractor, text)] == ["penicillin"]
    assert meds(extractor, text) == want_meds


# ----- a restart in the next sentence: the rule that bound it was taken back after review
# (2026-12-06, F5/F6: 0 real hits; "Warfarin was held. It was restarted today. INR rose to 5.
# Now held." was read active, and so were a drug named between): pre-merge output, held
@pytest.mark.parametrize(("text", "want"), [
    ("Lisinopril was held yesterday. It was restarted today.", {"lisinopril": "held"}),
    ("Metformin was held before the CT. It was resumed afterward.", {"metformin": "held"}),
    ("Warfarin was held. It was restarted at 2.5 mg daily.", {"warfarin": "held"}),
    ("Warfarin was held. It was restarted. The patient was discharged.", {"warfarin": "held"}),
    ("Warfarin was held. It was restarted today. Aspirin was continued.",
     {"warfarin": "held", "aspirin": "active"}),
    # review F5/F6 inputs, pre-merge output
    ("Warfarin was held. It was restarted today. INR rose to 5. Now held.", {"warfarin": "held"}),
    ("Warfarin was held. It was restarted today. INR supratherapeutic; dose was held.",
     {"warfarin": "held"}),
    ("Warfarin was held. It was restarted today. Patient refuses to take it.",
     {"warfarin": "held"}),
    ("Warfarin was held on admission. Vitamin K was given. It was restarted today.",
     {"warfarin": "held", "phytonadione": "given"}),
    ("Heparin was stopped. Lovenox was started. It was restarted yesterday.",
     {"heparin": "discontinued", "enoxaparin": "new"}),
    ("Warfarin was held. It was restarted at half dose.", {"warfarin": "held"}),
])
def test_next_sentence_restart_taken_back(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    # taken back after review (2026-12-06): pre-merge output
    assert meds(extractor, text) == want


# near misses: a question, a denial after it, a plan, a condition, a future, an undone restart,
# a plural, two drugs before it, another drug in its sentence, an active-voice restart
@pytest.mark.parametrize(("text", "want"), [
    ("Warfarin was held. It was restarted? No, not yet.", {"warfarin": "held"}),
    ("Heparin was held. We will resume it tomorrow if the CT is negative.", {"heparin": "held"}),
    ("Warfarin was held. It was restarted. It was held again for bleeding.", {"warfarin": "held"}),
    ("Warfarin was held. It was restarted. INR rose to 5. It was held again.",
     {"warfarin": "held"}),
    ("Warfarin was held. It was restarted. INR rose to 5. We stopped it.", {"warfarin": "held"}),
    ("Warfarin was held. It was restarted. No, that is wrong.", {"warfarin": "held"}),
    ("Warfarin was held. It was restarted when INR was 2.", {"warfarin": "held"}),
    ("Warfarin was held. It will be restarted tomorrow.", {"warfarin": "held"}),
    ("Warfarin was held. It was to be restarted tomorrow.", {"warfarin": "held"}),
    ("Warfarin was held. It was not restarted.", {"warfarin": "held"}),
    ("Warfarin was held. They were restarted today.", {"warfarin": "held"}),
    ("Warfarin and aspirin were held. It was restarted today.",
     {"warfarin": "held", "aspirin": "held"}),
    ("Warfarin was held. It was restarted and aspirin was stopped.",
     {"warfarin": "held", "aspirin": "discontinued"}),
    ("Warfarin was held. We restarted it. It was held again for bleeding.", {"warfarin": "held"}),
])
def test_next_sentence_restart_near_misses(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ----- the probe's committed files (no source text read)
HERE = Path(__file__).resolve().parents[1] / "eval" / "data" / "extraction" / "allergyrx"


def test_allergyrx_probe_files_agree() -> None:
    rows = [json.loads(x) for x in (HERE / "manifest.jsonl").read_text(encoding="utf-8")
            .splitlines() if x]
    labels = [json.loads(x) for x in (HERE / "labels.jsonl").read_text(encoding="utf-8")
              .splitlines() if x]
    assert len(rows) == 40 and [r["id"] for r in rows] == [lab["id"] for lab in labels]
    assert {r["split"] for r in rows} == {"allergyrx"}
    assert sum(len(lab["allergies"]) for lab in labels) == 17
    assert sum(len(lab["medications"]) for lab in labels) == 50
    # no unit of a held-out note / encounter of any extraction set
    held = set()
    for path in HERE.parent.glob("*/manifest.jsonl"):
        for x in path.read_text(encoding="utf-8").splitlines():
            if x.strip():
                r = json.loads(x)
                if r["split"] == "heldout":
                    held.add(r["source_id"] if r["source"] == "mtsamples"
                             else r["source_id"].split("-", 1)[1])
    for r in rows:
        assert (r["source_id"] if r["source"] == "mtsamples"
                else r["source_id"].split("-", 1)[1]) not in held


# ----- a restart planned for a later time: held until then (probe units mts-147, mts-3197)
@pytest.mark.parametrize(("text", "want"), [
    ("He is to restart his Coumadin not before Sunday.", {"warfarin": "held"}),
    ("The patient has been taken off Coumadin for five days and will be placed back on Coumadin "
     "the day after the surgery.", {"warfarin": "held"}),
    ("She is to restart metformin after the procedure.", {"metformin": "held"}),
    ("He will be placed back on Coumadin after the surgery.", {"warfarin": "held"}),
])
def test_future_restart_is_held(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# near misses: no bound or event (a bare time: tests/test_extract_probe20_classes.py pins "We
# will restart warfarin tomorrow." new), a restart done, a continuation, a new start, an
# instruction now
@pytest.mark.parametrize(("text", "want"), [
    ("We will restart warfarin tomorrow.", {"warfarin": "new"}),
    ("He will resume aspirin tomorrow.", {"aspirin": "active"}),
    ("We will restart lisinopril at half the previous dose.", {"lisinopril": "new"}),
    ("He will resume aspirin today.", {"aspirin": "active"}),
    ("He restarted his Coumadin on Sunday.", {"warfarin": "new"}),
    ("He will continue Coumadin after the surgery.", {"warfarin": "active"}),
    ("He will start Coumadin tomorrow.", {"warfarin": "new"}),
    ("Asked to restart his omeprazole and I am also going to reduce his aspirin to 81 mg q.d.",
     {"omeprazole": "new", "aspirin": "active"}),
])
def test_future_restart_near_misses(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# review F4 (2026-12-06): the deferral of another drug or predicate joined on is not this drug's:
# the drug restarted now keeps its pre-merge status (active / new); only a deferred drug named
# straight after its own restart verb is held
@pytest.mark.parametrize(("text", "want"), [
    ("He will resume lisinopril today and hold metformin until after the procedure.",
     {"lisinopril": "active", "metformin": "held"}),
    ("She is to resume her lisinopril today, and her metformin not until after the procedure.",
     {"lisinopril": "active", "metformin": "active"}),
    ("He will restart aspirin now and Plavix not before Friday.",
     {"aspirin": "new", "clopidogrel": "new"}),
    ("He is to restart his aspirin today but Plavix not until after the procedure.",
     {"aspirin": "new", "clopidogrel": "new"}),
    ("He will restart his metoprolol today and continue it post-op.", {"metoprolol": "new"}),
    ("She is to restart her insulin and continue until after the procedure.", {"insulin": "new"}),
    ("He will restart his levothyroxine and take it after the procedure as well.",
     {"levothyroxine": "new"}),
    ("Will restart Eliquis, which she has been taking postoperatively.", {"apixaban": "new"}),
    ("He will restart aspirin or Plavix after the procedure.",
     {"aspirin": "new", "clopidogrel": "new"}),
])
def test_future_restart_gap(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ---- re-review of 2026-12-06 (lead fix): any non-reporting verb after ", <subject>" opens a
# new clause; the drug there is taken, never an allergen (nor dropped)
@pytest.mark.parametrize("text, drug, status", [
    ("She is allergic to penicillin, she has been taking lisinopril for years.", "lisinopril",
     "active"),
    ("She is allergic to penicillin, he continues metformin.", "metformin", "active"),
    ("She is allergic to penicillin, she is prescribed atorvastatin.", "atorvastatin", "new"),
    ("She is allergic to penicillin, she tolerates cephalexin.", "cephalexin", "active"),
    ("She is allergic to penicillin, she takes lisinopril daily.", "lisinopril", "active"),
])
def test_rereview_clause_after_subject(extractor, text: str, drug: str,  # noqa: ANN001
                                       status: str) -> None:
    assert meds(extractor, text) == {drug: status}
    assert [a[0] for a in allergies(extractor, text)] == ["penicillin"]


@pytest.mark.parametrize("text, subs", [
    ("She is allergic to penicillin, she thinks, and codeine.", ["penicillin", "codeine"]),
    ("She is allergic to penicillin, patient states, and morphine.", ["penicillin", "morphine"]),
    ("Allergic to codeine, she is also allergic to morphine.", ["codeine", "morphine"]),
])
def test_rereview_reporting_verbs_stay_in_list(extractor, text: str,  # noqa: ANN001
                                               subs: list[str]) -> None:
    assert [a[0] for a in allergies(extractor, text)] == subs
    assert meds(extractor, text) == {}
