"""Review 6 of the issue-16 extraction changes (rules path): every snippet the review
reproduced, with the expected output pinned by hand.

1. A route written in front of a drug list is that drug's own, not the list's; a shared
   "all/both/each ..." or "X, Y, Z p.o. daily" sig stops at a line break, at an item with its
   own sig and at a PRN item, and no span covers another drug's dose (the shared words are
   the item's ``sig_span``).
2. "repair" makes a condition historical only for a repair done in the past.
3. Brain masses by site only with intracranial wording; "antral" is gastric only in a gut note.
4. A rate value followed by a dose unit is no vital sign.

The MUST-FIX cases fail on main at ee88a2d; the guards pass before and after.
"""

from __future__ import annotations

import pytest

from assistant.extract.pipeline import Extractor

Med = tuple[str | None, str | None, str, str | None]


def _meds(extractor: Extractor, text: str) -> dict[str, Med]:
    """name -> (route, frequency, span text, sig_span text)."""
    out = {}
    for m in extractor.extract(text, "t").medications:
        sig = text[m.sig_span[0]:m.sig_span[1]] if m.sig_span else None
        out[m.name] = (m.route, m.frequency, text[m.span[0]:m.span[1]], sig)
    return out


def _problems(extractor: Extractor, text: str) -> list[tuple[str, str, str]]:
    """(name, status, span text) in output order."""
    return [(p.text, p.status, text[p.span[0]:p.span[1]])
            for p in extractor.extract(text, "t").problems]


# ------------------------------------------------------------------ 1. leading route (MUST)
@pytest.mark.parametrize(("text", "expected"), [
    ("She was on IV heparin, aspirin, and Coumadin.",
     {"heparin": ("IV", None, "heparin", None), "aspirin": (None, None, "aspirin", None),
      "warfarin": (None, None, "Coumadin", None)}),
    ("She received IV Lasix 40 mg and potassium chloride 20 mEq.",
     {"furosemide": ("IV", None, "Lasix 40 mg", None),
      "potassium chloride": (None, None, "potassium chloride 20 mEq", None)}),
    ("Start IV vancomycin 1 g and ceftriaxone 1 g, metoprolol 25 mg, lisinopril 10 mg.",
     {"vancomycin": ("IV", None, "vancomycin 1 g", None),
      "ceftriaxone": (None, None, "ceftriaxone 1 g", None),
      "metoprolol": (None, None, "metoprolol 25 mg", None),
      "lisinopril": (None, None, "lisinopril 10 mg", None)}),
    ("Given IV Zofran 4 mg, Tylenol 650 mg PR, and morphine 4 mg.",
     {"ondansetron": ("IV", None, "Zofran 4 mg", None),
      "acetaminophen": ("PR", None, "Tylenol 650 mg PR", None),
      "morphine": (None, None, "morphine 4 mg", None)}),
    ("Given IV Zofran 4 mg,\nTylenol 650 mg.",
     {"ondansetron": ("IV", None, "Zofran 4 mg", None),
      "acetaminophen": (None, None, "Tylenol 650 mg", None)}),
    # SHOULD: ondansetron's span no longer runs over Norflex's dose
    ("The patient was given IV Norflex 60 mg, Zofran 4 mg, and morphine sulfate 4 mg.",
     {"orphenadrine": ("IV", None, "Norflex 60 mg", None),
      "ondansetron": (None, None, "Zofran 4 mg", None),
      "morphine": (None, None, "morphine sulfate 4 mg", None)}),
])
def test_a_leading_route_is_its_own_drugs_only(extractor: Extractor, text: str,
                                               expected: dict[str, Med]) -> None:
    assert _meds(extractor, text) == expected


def test_a_route_said_to_govern_the_list_is_shared(extractor: Extractor) -> None:
    # guards: "the following IV:" says so in words; "IV ... and IV ..." gives each its own
    meds = _meds(extractor, "Give the following IV: Zofran 4 mg, morphine 4 mg.")
    assert meds["ondansetron"] == ("IV", None, "Zofran 4 mg", "IV")
    assert meds["morphine"] == ("IV", None, "morphine 4 mg", "IV")
    meds = _meds(extractor, "She was on IV heparin and IV Coumadin.")
    assert meds == {"heparin": ("IV", None, "heparin", None),
                    "warfarin": ("IV", None, "Coumadin", None)}


# ------------------------------------------------------------------ 1. shared trailing sig
def test_all_by_mouth_daily_stops_at_a_line_break(extractor: Extractor) -> None:
    meds = _meds(extractor, "Aspirin 81 mg, metoprolol 25 mg,\nlisinopril 10 mg, all by mouth "
                            "daily.")
    assert meds["aspirin"] == (None, None, "Aspirin 81 mg", None)
    assert meds["metoprolol"] == (None, None, "metoprolol 25 mg", None)
    assert meds["lisinopril"] == ("PO", "daily", "lisinopril 10 mg, all by mouth daily", None)


def test_list_sig_stops_at_a_line_break(extractor: Extractor) -> None:
    meds = _meds(extractor, "Lasix, digoxin,\nZestril p.o. daily.")
    assert meds["furosemide"][:2] == (None, None) and meds["digoxin"][:2] == (None, None)
    assert meds["lisinopril"] == ("PO", "daily", "Zestril p.o. daily", None)


def test_shared_sig_spans_never_cover_another_drugs_dose(extractor: Extractor) -> None:
    text = "MEDICATIONS: aspirin 81 mg, metoprolol 25 mg and lisinopril 10 mg, all by mouth daily."
    assert _meds(extractor, text) == {
        "aspirin": ("PO", "daily", "aspirin 81 mg", "all by mouth daily"),
        "metoprolol": ("PO", "daily", "metoprolol 25 mg", "all by mouth daily"),
        "lisinopril": ("PO", "daily", "lisinopril 10 mg, all by mouth daily", None)}


def test_a_prn_item_is_not_pulled_into_each(extractor: Extractor) -> None:
    text = "Albuterol 2 puffs q.4h. p.r.n., aspirin 81 mg, metoprolol 25 mg, each once daily."
    meds = _meds(extractor, text)
    assert meds["albuterol"] == ("inhaled", "q4h PRN", "Albuterol 2 puffs q.4h. p.r.n.", None)
    assert meds["aspirin"] == (None, "daily", "aspirin 81 mg", "each once daily")
    assert meds["metoprolol"] == (None, "daily", "metoprolol 25 mg, each once daily", None)


# ------------------------------------------------------------------ 2. repair (MUST)
@pytest.mark.parametrize("text", [
    "Hernia repair scheduled in 2027.",
    "Hernia repair was recommended 2 months ago, but the patient declined.",
    "He had hernia repair scheduled.",
    "He had hernia repair deferred.",
    "He had hernia repair canceled.",
    "He had a hernia repair consult today.",
    "Status post laceration repair today in the ED.",
    "She had a fracture reduction in the ED today.",
    "Hernia repair in 2031.",
])
def test_a_repair_not_done_in_the_past_makes_nothing_historical(extractor: Extractor,
                                                               text: str) -> None:
    assert not [p for p in _problems(extractor, text) if p[1] == "historical"]


def test_repaired_then_recurrent_is_current_and_listed_once(extractor: Extractor) -> None:
    assert _problems(extractor, "s/p hernia repair, now with recurrent hernia") == [
        ("hernia", "present", "hernia")]
    assert _problems(extractor, "Failed hernia repair in 2015; large ventral hernia") == [
        ("ventral hernia", "present", "ventral hernia")]
    assert _problems(extractor, "Recurrent inguinal hernia, s/p hernia repair in 2015") == [
        ("inguinal hernia", "present", "inguinal hernia")]


def test_a_repair_done_in_the_past_stays_historical(extractor: Extractor) -> None:
    # guard: the issue-16 win
    assert _problems(extractor, "History of hernia repair.") == [("hernia", "historical",
                                                                   "hernia")]


# ------------------------------------------------------------------ 3. brain masses (MUST)
@pytest.mark.parametrize("text", [
    "Frontal mass on the scalp.",
    "Left frontal lesion on the forehead",
    "lesion in the left temporal area, consistent with seborrheic keratosis",
    "Periventricular lesions consistent with multiple sclerosis.",
    "Left frontal mass.",
])
def test_no_brain_mass_without_intracranial_wording(extractor: Extractor, text: str) -> None:
    assert "intracranial mass" not in [p[0] for p in _problems(extractor, text)]


def test_ms_lesions_are_ms(extractor: Extractor) -> None:
    assert _problems(extractor, "Periventricular lesions consistent with multiple sclerosis.") \
        == [("multiple sclerosis", "present", "multiple sclerosis")]


def test_a_resected_brain_mass_is_past_and_a_new_one_its_own(extractor: Extractor) -> None:
    assert _problems(extractor, "History of resected frontal lobe mass. No recurrence.") == [
        ("intracranial mass", "historical", "frontal lobe mass")]
    assert _problems(extractor, "History of resected frontal lobe mass, now with new temporal "
                                "mass.") == [("intracranial mass", "present", "temporal mass")]


@pytest.mark.parametrize(("text", "span"), [
    ("MRI showed a left frontal mass.", "frontal mass"),   # head imaging
    ("Left frontal lobe lesion.", "frontal lobe lesion"),  # "lobe"
])
def test_brain_mass_guards(extractor: Extractor, text: str, span: str) -> None:
    assert _problems(extractor, text) == [("intracranial mass", "present", span)]


def test_maxillary_antral_mass_is_not_gastric(extractor: Extractor) -> None:
    assert "gastric mass" not in [p[0] for p in _problems(extractor, "Maxillary antral mass.")]
    # guard: in an endoscopy the antrum is the stomach's
    assert _problems(extractor, "EGD: antral mass.") == [("gastric mass", "present",
                                                          "antral mass")]


# ------------------------------------------------------------------ 4. vitals unit check
def test_a_dose_is_no_heart_rate(extractor: Extractor) -> None:
    rec = extractor.extract("Heart rate increased to 100 mg of metoprolol.", "t")
    assert not rec.vitals
    assert [(m.name, m.dose) for m in rec.medications] == [("metoprolol", "100 mg")]


def test_vital_unit_check_guards(extractor: Extractor) -> None:
    rec = extractor.extract("Heart rate 100 after metoprolol 25 mg.", "t")
    assert [(v.name, v.value) for v in rec.vitals] == [("heart_rate", 100.0)]
    rec = extractor.extract("Pulse 88. Given 100 mg of metoprolol.", "t")
    assert [(v.name, v.value) for v in rec.vitals] == [("heart_rate", 88.0)]


@pytest.mark.parametrize("text", [
    "Meds: Lasix, Ventolin PRN, Zestril daily.",            # a PRN item between
    "Meds: Lasix, albuterol inhaled p.r.n., Zestril daily.",  # an item with its own route
])
def test_a_list_sig_stops_at_a_prn_or_own_route_item(extractor: Extractor, text: str) -> None:
    meds = _meds(extractor, text)
    assert meds["furosemide"] == (None, None, "Lasix", None)
    assert meds["lisinopril"] == (None, "daily", "Zestril daily", None)
