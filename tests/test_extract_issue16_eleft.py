"""Issue 16, extraction rules: medication-status and allergy-list error classes (a)-(g).

Each snippet was written for this test (no real note text); the expected values are pinned by
hand and every case marked FAILS fails on main at 3fec2f7.
"""

from __future__ import annotations

import pytest
from extract_readers import allergies, meds  # same folder

#: Reading a resumption after a stop or hold ("was discontinued and later resumed" -> active)
#: was taken back on 2026-12-05 after three safety reviews in a row found stopped or held
#: anticoagulants shown active ("restarting is contraindicated", "resumed if no bleeding",
#: "resumed ... and then discontinued"). The stop or hold word said after the drug stands
#: again, as before issue 16 (a); a drug shown held that was resumed is the known cost. These
#: cases are strict xfails: a later reading that gets them right must take the mark off.
_RESUME_REVERTED = frozenset({
    'Lisinopril was discontinued and later resumed.',
    # (msfix) 'The Coreg was first discontinued and then it was restarted at 6.25 mg b.i.d.'
    # is read right again (a restart through a pronoun, none undone after it in its sentence):
    # the strict xfail mark taken off as the note above asks
    'Coumadin was held and then resumed, and later discontinued.',
    'Coumadin was held and then resumed and later stopped again.',
    'Coumadin was held and later resumed but was then discontinued because of GI bleed.',
    'Coumadin was held for the procedure and restarted on day 2.',
    'Metformin was stopped due to nausea and then restarted at a lower dose.',
    'Coumadin was held and then resumed.',
    'Coumadin was held and then resumed at a lower dose as the platelets were not rising.',
    'Coumadin was held and then resumed, and aspirin was discontinued.',
    'Coumadin was held and then resumed once bleeding had stopped.',
    'Coumadin was held and then resumed after the bleeding stopped.',
    'Heparin was held and then restarted as the nosebleed was held with pressure.',
    'Coumadin was held for the procedure and resumed postoperatively.',
    'Coumadin was held preoperatively and restarted on postoperative day 1.',
    'Eliquis was held for surgery and resumed on postop day 2.',
    'Metformin was held for the CT scan, then restarted.',
    'Aspirin was held due to bleeding, then restarted when the hemoglobin was stable.',
    'Coumadin was held and then resumed as planned.',
    'Coumadin was held and then resumed as recommended.',
    'Coumadin was held and then resumed per the recommended protocol.',
    'Coumadin was held and then resumed as discussed.',
})


def _resume_cases(rows: list) -> list:
    """``rows`` with each case of :data:`_RESUME_REVERTED` marked a strict xfail."""
    mark = pytest.mark.xfail(strict=True, reason="resumption reading reverted (see above)")
    return [pytest.param(*r, marks=mark) if r[0] in _RESUME_REVERTED else r for r in rows]



# ----- (a) a stop and a later resumption in one sentence: the last action wins
@pytest.mark.parametrize(("text", "want"), _resume_cases([
    # FAILS: discontinued
    ("Lisinopril was discontinued and later resumed.", {"lisinopril": "active"}),
    # FAILS: discontinued
    ("The Coreg was first discontinued and then it was restarted at 6.25 mg b.i.d.",
     {"carvedilol": "active"}),
]))
def test_resumed_after_stop_is_active(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


@pytest.mark.parametrize(("text", "want"), [
    # a resumption still to come leaves the hold; another subject "continued" is no resumption
    ("Coumadin was held and will be resumed tomorrow.", {"warfarin": "held"}),
    ("Coumadin was held and is to be restarted next week.", {"warfarin": "held"}),
    ("Aspirin was stopped as platelets continued to fall.", {"aspirin": "discontinued"}),
    # another subject resumed, not the drug (MTSamples-like wording, written for this test)
    ("Diazoxide was discontinued, but the hypoglycemic episodes restarted.",
     {"diazoxide": "discontinued"}),
    ("Metformin was stopped and the diarrhea resumed.", {"metformin": "discontinued"}),
    # another drug's resumption is its own
    ("Lisinopril was stopped and metoprolol was restarted.",
     {"lisinopril": "discontinued", "metoprolol": "active"}),
])
def test_resumption_guards(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ----- review of (a): a resumption counts only as the drug's own next predicate (only "and",
# "then", "later", "was", "it", "subsequently", commas between the stop and the resume word),
# and the last action in the sentence wins. Every case marked FAILS fails on 63d5b3a.
@pytest.mark.parametrize(("text", "want"), _resume_cases([
    # FAILS: active (the bleeding resumed, not the drug)
    ("Coumadin was discontinued, and the bleeding later resumed.", {"warfarin": "discontinued"}),
    # FAILS: active
    ("Metformin was discontinued and the rash later resumed.", {"metformin": "discontinued"}),
    # FAILS: active
    ("Metformin was stopped and she has since resumed eating.", {"metformin": "discontinued"}),
    # FAILS: active (resumed, then stopped again: the last action)
    ("Coumadin was held and then resumed, and later discontinued.",
     {"warfarin": "discontinued"}),
    # FAILS: active
    ("Coumadin was held and then resumed and later stopped again.",
     {"warfarin": "discontinued"}),
    # FAILS: active
    ("Coumadin was held and later resumed but was then discontinued because of GI bleed.",
     {"warfarin": "discontinued"}),
    # FAILS: active (a resumption only considered)
    ("Lisinopril was stopped, and later resumed was considered but not done.",
     {"lisinopril": "discontinued"}),
    # FAILS: active (a resumption denied; also active on b1f060a)
    ("Lisinopril was discontinued and has not been restarted since.",
     {"lisinopril": "discontinued"}),
    # (re-review) a short reason between the stop and "and/then" is allowed: resumed (was
    # wrongly pinned held/discontinued on ebedf25)
    ("Coumadin was held for the procedure and restarted on day 2.", {"warfarin": "active"}),
    ("Metformin was stopped due to nausea and then restarted at a lower dose.",
     {"metformin": "active"}),
    # unchanged: the drug's own resumption
    ("Coumadin was held and then resumed.", {"warfarin": "active"}),
    # a negation about something else after the resumption cancels nothing
    ("Coumadin was held and then resumed at a lower dose as the platelets were not rising.",
     {"warfarin": "active"}),
]))
def test_resumption_is_the_drugs_own_last_action(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ----- review of (b): a switch word of a place or a rhythm switches no drug; a switch from a
# drug needs the drug right after "from"; "converted/changed to" needs a drug after "to"
@pytest.mark.parametrize(("text", "want"), [
    # FAILS: discontinued
    ("She was transitioned from the ICU to the floor on heparin.", {"heparin": "active"}),
    # FAILS: discontinued
    ("Transitioned from the ICU to the floor on heparin drip.", {"heparin": "active"}),
    # FAILS: discontinued
    ("He converted from atrial fibrillation to sinus rhythm after amiodarone.",
     {"amiodarone": "active"}),
    # FAILS: new
    ("She converted to normal sinus rhythm on diltiazem drip.", {"diltiazem": "active"}),
    # FAILS: discontinued (a dose change: the drug goes on)
    ("Her Lasix dose was changed to 40 mg.", {"furosemide": "active"}),
    # FAILS: discontinued
    ("She is on Cardizem, which is changed to 60 mg p.o.", {"diltiazem": "active"}),
    # FAILS: Lantus new (the drug after "from" is the one stopped)
    ("She was switched to Levemir from Lantus.",
     {"insulin detemir (rdna origin)": "new", "insulin glargine": "discontinued"}),
    # unchanged
    ("She was switched from warfarin to apixaban.", {"warfarin": "discontinued", "apixaban": "new"}),
    ("She was switched from IV heparin to apixaban.",
     {"heparin": "discontinued", "apixaban": "new"}),
    ("She was switched from heparin drip to apixaban.",
     {"heparin": "discontinued", "apixaban": "new"}),
    ("Levaquin was changed from IV to PO Levaquin.", {"levofloxacin": "active"}),
])
def test_switch_words_of_places_rhythms_and_doses(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ----- (b) a switch: the drug switched away from stops, the one switched to is new
@pytest.mark.parametrize(("text", "want"), [
    # FAILS: warfarin active
    ("Warfarin was switched over to apixaban.", {"warfarin": "discontinued", "apixaban": "new"}),
    # FAILS: both active
    ("Transitioned from warfarin to apixaban last month.",
     {"warfarin": "discontinued", "apixaban": "new"}),
    # FAILS: both active
    ("Warfarin was replaced by apixaban.", {"warfarin": "discontinued", "apixaban": "new"}),
    # FAILS: both active
    ("She was converted from metoprolol to carvedilol.",
     {"metoprolol": "discontinued", "carvedilol": "new"}),
    # unchanged forms
    ("She was switched from warfarin to apixaban.", {"warfarin": "discontinued", "apixaban": "new"}),
    ("Metoprolol was changed to carvedilol.", {"metoprolol": "discontinued", "carvedilol": "new"}),
    # a route switch keeps the drug
    ("He was changed from IV to PO Levaquin.", {"levofloxacin": "active"}),
    # FAILS (discontinued): a route switched to is the same drug going on
    ("Lasix 40 mg IV was changed to p.o.", {"furosemide": "active"}),
    # FAILS (heparin active): a drug named after the route is another drug switched to
    ("Heparin drip was transitioned to oral warfarin.", {"heparin": "discontinued",
                                                         "warfarin": "new"}),
    # no switch: "without change from those listed" (a corpus regression of the first fix)
    ("Her home medications had been without change from those listed, being Toprol-XL 100 mg "
     "q.a.m., Nexium 40 mg, all taken once a day.", {"metoprolol": "active",
                                                     "esomeprazole": "active"}),
])
def test_switch_phrasings(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ----- (c) a bare reaction-kind item is never an allergen
def test_reaction_kind_item_after_a_reaction_is_no_allergen(extractor) -> None:  # noqa: ANN001
    # FAILS: "gi reaction" was an allergen
    assert allergies(extractor, "ALLERGIES: Penicillin (hives), GI reaction") == [
        ("penicillin", "hives", "Penicillin (hives)")]
    # FAILS: "gi reaction" was an allergen (no allergen before it)
    assert allergies(extractor, "ALLERGIES: GI reaction.") == []
    # unchanged: the reaction of the allergen before it, when that has none
    assert allergies(extractor, "ALLERGIES: Penicillin, anaphylactic reaction.") == [
        ("penicillin", "anaphylactic reaction", "Penicillin")]


# ----- (d) the drug taken instead is a medication, not an allergen
def test_drug_taken_instead_is_a_medication(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES: Ibuprofen makes her stomach hurt, so she uses Tylenol."
    # FAILS: "so she uses tylenol" was an allergen, and no medication
    assert allergies(extractor, text) == [
        ("ibuprofen", "stomach hurt", "Ibuprofen makes her stomach hurt")]
    assert meds(extractor, text) == {"acetaminophen": "active"}
    text = "ALLERGIES: Aspirin - GI upset, uses acetaminophen instead."
    # FAILS: acetaminophen was an allergen
    assert [a[0] for a in allergies(extractor, text)] == ["aspirin"]
    assert meds(extractor, text) == {"acetaminophen": "active"}
    # unchanged: a plain list stays a list of allergens, none a medication
    text = "ALLERGIES: Penicillin (rash), sulfa."
    assert [a[0] for a in allergies(extractor, text)] == ["penicillin", "sulfa"]
    assert meds(extractor, text) == {}


# ----- (e) "allergic to X and takes Y": Y is a medication taken
@pytest.mark.parametrize(("text", "want"), [
    # FAILS: no medication
    ("She is allergic to penicillin and takes Tylenol No. 3 for pain.",
     {"acetaminophen/codeine": "active"}),
    # FAILS: no medication
    ("She is allergic to penicillin and sulfa and takes lisinopril daily.",
     {"lisinopril": "active"}),
])
def test_drug_taken_after_allergy_statement(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want
    assert [a[0] for a in allergies(extractor, text)][0] == "penicillin"


def test_coordinated_allergens_stay_allergens(extractor) -> None:  # noqa: ANN001
    text = "She is allergic to penicillin and codeine."
    assert [a[0] for a in allergies(extractor, text)] == ["penicillin", "codeine"]
    assert meds(extractor, text) == {}


# ----- (f) a rule-out or a test names no confirmed allergy; a hedge still does
@pytest.mark.parametrize("text", [
    "Rule out sulfa allergy.",                       # FAILS: sulfa
    "Plan: rule out penicillin allergy.",            # FAILS: penicillin
    "ALLERGIES: Rule out sulfa allergy.",            # FAILS: "rule out sulfa"
])
def test_rule_out_is_no_allergy(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []
    assert meds(extractor, text) == {}


def test_hedged_allergy_is_still_reported(extractor) -> None:  # noqa: ANN001
    assert allergies(extractor, "Possible penicillin allergy.") == [
        ("penicillin", None, "penicillin allergy")]
    # FAILS: the allergen was "to sulfa"
    assert [a[0] for a in allergies(extractor, "ALLERGIES: Possible allergy to sulfa.")] == [
        "sulfa"]
    # FAILS: no allergy read
    assert [a[0] for a in allergies(extractor, "She has a possible allergy to codeine.")] == [
        "codeine"]


# ----- (g) one canonical name for a combination on both sides
def test_combination_named_alike_as_allergen_and_medication(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES: Tylenol #3.\nMEDICATIONS: Tylenol #3 one tab q6h prn."
    # FAILS: the medication was "acetaminophen-codeine"
    assert meds(extractor, text) == {"acetaminophen/codeine": "active"}
    assert [a[0] for a in allergies(extractor, text)] == ["acetaminophen/codeine"]
    # FAILS: "sulfamethoxazole-trimethoprim" as a medication
    assert meds(extractor, "Bactrim DS one pill a day.") == {"sulfamethoxazole/trimethoprim":
                                                              "active"}
    assert [a[0] for a in allergies(extractor, "ALLERGIES: Bactrim.")] == [
        "sulfamethoxazole/trimethoprim"]


def test_combination_keeps_its_codes_and_a_single_hyphenated_name(extractor) -> None:  # noqa: ANN001
    from assistant.clinical.drug_names import combination_name, drug_codes

    rec = extractor.extract("Norco 5/325 one every 6 hours for pain.", "t")
    assert [m.name for m in rec.medications] == ["hydrocodone/acetaminophen"]
    assert rec.medications[0].codes == drug_codes("hydrocodone-acetaminophen")
    assert combination_name("povidone-iodine") == "povidone-iodine"


# ----- review of (d): a clause of taking in an allergy list skips only itself (the allergens
# after it are read), and is no such clause when a reaction follows its drug. Every case
# marked FAILS fails on 63d5b3a.
@pytest.mark.parametrize(("text", "want"), [
    # FAILS: codeine dropped
    ("ALLERGIES: Aspirin, she takes Tylenol instead; codeine causes vomiting.",
     ["aspirin", "codeine"]),
    # FAILS: sulfa dropped
    ("ALLERGIES: Penicillin, so she takes Keflex, and sulfa.", ["penicillin", "sulfa"]),
    # FAILS: morphine dropped
    ("ALLERGIES: NSAIDs, so she uses Tylenol; morphine causes itching.", ["nsaids", "morphine"]),
    # FAILS: codeine, Demerol dropped
    ("ALLERGIES: Morphine, uses Dilaudid instead, codeine, Demerol.",
     ["morphine", "codeine", "meperidine"]),
    # FAILS: sulfa dropped
    ("ALLERGIES: Penicillin; she tolerates Keflex; sulfa (rash).", ["penicillin", "sulfa"]),
    # FAILS: no allergy (a reaction follows: an allergy, not a drug taken)
    ("ALLERGIES: She takes penicillin and gets hives.", ["penicillin"]),
    # FAILS: sulfa dropped (also on b1f060a)
    ("ALLERGIES: Sulfa, which is why she takes Levaquin, and latex.", ["sulfa", "latex"]),
    # FAILS: "takes nothing else" an allergen
    ("Allergies: penicillin and takes nothing else.", ["penicillin"]),
    # FAILS: "uses amoxicillin without problems" an allergen
    ("ALLERGIES: Penicillin and uses amoxicillin without problems.", ["penicillin"]),
])
def test_taken_clause_skips_only_itself(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert [a[0] for a in allergies(extractor, text)] == want


def test_taken_clause_with_reaction_is_an_allergy(extractor) -> None:  # noqa: ANN001
    text = "ALLERGIES: She takes penicillin, which causes hives."
    assert [(a[0], a[1]) for a in allergies(extractor, text)] == [("penicillin", "hives")]
    # a benefit after the drug taken is no reaction: the drug stays a medication taken
    text = "ALLERGIES: NSAIDs, so she takes Tylenol and gets good relief."
    assert [a[0] for a in allergies(extractor, text)] == ["nsaids"]
    assert meds(extractor, text) == {"acetaminophen": "active"}
    text = "ALLERGIES: She takes penicillin and gets hives."
    # FAILS: no allergy, no reaction
    assert allergies(extractor, text) == [("penicillin", "hives", "penicillin and gets hives")]
    assert meds(extractor, text) == {}
    text = "ALLERGIES: Aspirin, she takes Tylenol instead; codeine causes vomiting."
    assert meds(extractor, text) == {"acetaminophen": "active"}


# ----- review of (f): a test for an allergy whose result is said found keeps the allergy
@pytest.mark.parametrize(("text", "want"), [
    # FAILS: no allergy (each)
    ("Tested for penicillin allergy - positive.", "penicillin"),
    ("r/o latex allergy, confirmed.", "latex"),
    ("Skin testing for penicillin allergy was positive.", "penicillin"),
    ("Screened for shellfish allergy, which she has.", "shellfish"),
    ("ALLERGIES: r/o latex allergy, confirmed.", "latex"),
])
def test_tested_allergy_found_is_an_allergy(extractor, text: str, want: str) -> None:  # noqa: ANN001
    assert [a[0] for a in allergies(extractor, text)] == [want]


@pytest.mark.parametrize("text", [
    "Tested for penicillin allergy - negative.",
    "r/o latex allergy, not confirmed.",
    "Skin testing for penicillin allergy was negative.",
    "Rule out sulfa allergy.",
])
def test_tested_allergy_not_found_stays_none(extractor, text: str) -> None:  # noqa: ANN001
    assert allergies(extractor, text) == []


# ----- re-review of (a): a stop after the resumption counts only as the drug's own next
# predicate, cut at after/once/when/as/because/until/per and at another drug's name; a short
# reason phrase may stand between the stop and "and/then/,"; "as planned" cancels nothing.
# Every case here FAILS on ebedf25 (the old answer in the comment).
@pytest.mark.parametrize(("text", "want"), _resume_cases([
    # ebedf25: warfarin discontinued
    ("Coumadin was held and then resumed, and aspirin was discontinued.",
     {"warfarin": "active", "aspirin": "discontinued"}),
    # ebedf25: discontinued
    ("Coumadin was held and then resumed once bleeding had stopped.", {"warfarin": "active"}),
    # ebedf25: discontinued
    ("Coumadin was held and then resumed after the bleeding stopped.", {"warfarin": "active"}),
    # ebedf25: held
    ("Heparin was held and then restarted as the nosebleed was held with pressure.",
     {"heparin": "active"}),
    # ebedf25: held (all six)
    ("Coumadin was held for the procedure and resumed postoperatively.", {"warfarin": "active"}),
    ("Coumadin was held preoperatively and restarted on postoperative day 1.",
     {"warfarin": "active"}),
    ("Eliquis was held for surgery and resumed on postop day 2.", {"apixaban": "active"}),
    ("Metformin was held for the CT scan, then restarted.", {"metformin": "active"}),
    ("Aspirin was held due to bleeding, then restarted when the hemoglobin was stable.",
     {"aspirin": "active"}),
    # ebedf25: held (a done resumption's manner is no plan)
    ("Coumadin was held and then resumed as planned.", {"warfarin": "active"}),
    ("Coumadin was held and then resumed as recommended.", {"warfarin": "active"}),
    ("Coumadin was held and then resumed per the recommended protocol.", {"warfarin": "active"}),
    ("Coumadin was held and then resumed as discussed.", {"warfarin": "active"}),
]))
def test_resumption_rereview(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


def _subs(extractor, text: str) -> list[tuple[str, str | None]]:  # noqa: ANN001
    return [(s, r) for s, r, _ in allergies(extractor, text)]


# ----- re-review of the allergy list: a clause of a drug taken with no reaction or a benefit
# is no allergy (the drug a medication); "has/had/with" + a reaction term is a reaction; a
# test's negative or pending result is no allergy. Every case FAILS on ebedf25 (old in the
# comment).
@pytest.mark.parametrize(("text", "want_all", "want_meds"), [
    # ebedf25: cephalexin an allergen ("no reaction"), no medication
    ("ALLERGIES: Penicillin, she takes Keflex and gets no reaction.",
     [("penicillin", None)], {"cephalexin": "active"}),
    # ebedf25: acetaminophen an allergen ("no side effects")
    ("ALLERGIES: Codeine; takes Tylenol and gets no side effects.",
     [("codeine", None)], {"acetaminophen": "active"}),
    # ebedf25: acetaminophen an allergen ("good pain relief")
    ("ALLERGIES: Aspirin, so she takes Tylenol and gets good pain relief; latex.",
     [("aspirin", None), ("latex", None)], {"acetaminophen": "active"}),
    # ebedf25: sulfa an allergy (twice)
    ("ALLERGIES: Evaluated for sulfa allergy, which she does not have.", [], {}),
    ("ALLERGIES: Evaluated for sulfa allergy, which she has never had.", [], {}),
    # ebedf25: "confirmed negative" and latex allergens
    ("ALLERGIES: r/o latex allergy, confirmed negative.", [], {}),
    # ebedf25: "positive result pending" and latex allergens
    ("ALLERGIES: r/o latex allergy, positive result pending.", [], {}),
    # ebedf25: acetaminophen/codeine also an active medication (the listed codeine is kept)
    ("ALLERGIES: Codeine, she takes Tylenol #3 and gets nausea.",
     [("codeine", None), ("acetaminophen/codeine", "nausea")], {}),
])
def test_allergy_list_taken_rereview(extractor, text: str, want_all: list,  # noqa: ANN001
                                     want_meds: dict) -> None:
    assert _subs(extractor, text) == want_all
    assert meds(extractor, text) == want_meds


# unchanged: a test whose result found the allergy
@pytest.mark.parametrize(("text", "want"), [
    ("ALLERGIES: r/o latex allergy, confirmed.", [("latex", None)]),
    ("ALLERGIES: Screened for shellfish allergy, which she has.", [("shellfish", None)]),
    ("ALLERGIES: She takes penicillin and gets hives.", [("penicillin", "hives")]),
])
def test_allergy_found_kept(extractor, text: str, want: list) -> None:  # noqa: ANN001
    assert _subs(extractor, text) == want


# third review of the rounds (188ae23): a drug stopped or held for a danger, or a restart only
# planned, must never read active (the resumption reading is reverted, above)
@pytest.mark.parametrize(("text", "want"), [
    # 188ae23: heparin active
    ("Heparin was stopped for HIT and restarting is contraindicated.", {"heparin": "discontinued"}),
    # 188ae23: metformin active
    ("Metformin was held due to AKI and restarted is not advised.", {"metformin": "held"}),
    # 188ae23: warfarin active (a conditional or future restart)
    ("Coumadin was held for surgery and resumed if no bleeding.", {"warfarin": "held"}),
    ("Warfarin held for procedure, resume tomorrow.", {"warfarin": "held"}),
    ("Coumadin was held for surgery and resumed, pending INR.", {"warfarin": "held"}),
    # 188ae23: warfarin active (a later stop lost)
    ("Warfarin was held and resumed after the procedure and then discontinued.",
     {"warfarin": "held"}),
    # (issue 16, medstat) "it was stopped" now reads the stop itself (a pronoun for the one
    # drug of the sentence): discontinued, the later stop, still never active
    ("Coumadin was held, then resumed; it was stopped after a GI bleed.",
     {"warfarin": "discontinued"}),
])
def test_stopped_for_danger_never_active(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# third review: the "has" reaction rule and the list's own NKA
@pytest.mark.parametrize(("text", "want_all", "want_nka"), [
    # 188ae23: aspirin allergy, NKA false (history, not a reaction)
    ("ALLERGIES: NKDA. She takes aspirin and had GI bleeding in the past.", [], True),
    # 188ae23: warfarin allergy
    ("ALLERGIES: NKDA. Takes Coumadin and had a GI bleed.", [], True),
    # 188ae23: warfarin allergy ("with bleeding precautions", "has a bleeding disorder")
    ("ALLERGIES: Latex. She takes Coumadin with bleeding precautions.", [("latex", None)], False),
    ("ALLERGIES: Latex. She is on Coumadin and has a bleeding disorder.", [("latex", None)],
     False),
    # 188ae23: metformin allergy (an expected effect told with "with")
    ("ALLERGIES: Latex. She takes metformin with diarrhea occasionally.", [("latex", None)], False),
    # 188ae23: aspirin allergy (a reaction denied)
    ("ALLERGIES: Latex. She takes aspirin with rash denied.", [("latex", None)], False),
])
def test_has_reaction_rule_narrowed(extractor, text: str, want_all: list,  # noqa: ANN001
                                    want_nka: bool) -> None:
    assert _subs(extractor, text) == want_all
    assert extractor.extract(text, "t").no_known_allergies is want_nka


def test_reaction_after_denial_and_but_is_an_allergy(extractor) -> None:  # noqa: ANN001
    # 188ae23: Bactrim an active medication, no allergy ("gets no reaction but hives")
    text = "ALLERGIES: Sulfa, she takes Bactrim and gets no reaction but hives."
    names = [name for name, _ in _subs(extractor, text)]
    assert names == ["sulfa", "sulfamethoxazole/trimethoprim"]
    assert meds(extractor, text) == {}


def test_confirmed_result_not_undone_by_a_later_clause(extractor) -> None:  # noqa: ANN001
    # 188ae23: penicillin lost ("she has not taken it since" read as the test's negation)
    text = "ALLERGIES: Evaluated for penicillin allergy, confirmed - she has not taken it since."
    assert "penicillin" in [name for name, _ in _subs(extractor, text)]


# reviews of 2225e34 and e23944d: every reading of "takes X and has/had Y" in an allergy list
# was wrong somewhere (real allergies lost; false allergies hiding a drug taken), so such an
# item is read as before issue 16 (d): never a drug taken, the drug's words kept in the
# allergy list for the reader (e23944d dropped penicillin from ", and has hives"; 2225e34
# dropped each of these)
@pytest.mark.parametrize(("text", "drug"), [
    ("Allergies: She takes Bactrim and has had a rash with it before.", "bactrim"),
    ("ALLERGIES: She takes penicillin and had hives.", "penicillin"),
    ("ALLERGIES: She takes codeine and has had nausea.", "codeine"),
    ("ALLERGIES: She takes amoxicillin and has had hives in the past.", "amoxicillin"),
    ("ALLERGIES: She takes ibuprofen and has hives but denies anaphylaxis.", "ibuprofen"),
    ("ALLERGIES: He takes lisinopril and has angioedema previously.", "lisinopril"),
    ("ALLERGIES: She takes aspirin and has GI bleeding.", "aspirin"),
    ("ALLERGIES: She takes penicillin, and has hives.", "penicillin"),
    ("ALLERGIES: She takes penicillin, and has had hives.", "penicillin"),
])
def test_takes_and_has_item_keeps_the_drug_in_the_list(extractor, text: str,  # noqa: ANN001
                                                       drug: str) -> None:
    assert any(drug in name for name, _ in _subs(extractor, text))
    assert meds(extractor, text) == {}
