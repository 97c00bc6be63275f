"""Review 4 of the probe11 round (rules path): the eponym-result form, the plantar response,
"did not work", and the slash merge of two names.

Each case is a short synthetic snippet (the reviewer's examples); expected items, statuses and
spans are pinned by hand. Every case marked MUST fails on b035545 (probe11 merged).
"""

from __future__ import annotations

import pytest

from assistant.extract.pipeline import Extractor


def _items(extractor: Extractor, text: str) -> dict[str, tuple[str, str]]:
    """Problem name -> (status, the words of its span)."""
    return {p.text: (p.status, text[p.span[0]:p.span[1]])
            for p in extractor.extract(text, "t").problems}


def _meds(extractor: Extractor, text: str) -> dict[str, str | None]:
    return {m.name: m.status for m in extractor.extract(text, "t").medications}


# ------------------------------------------------ MUST 1: "Name - result" before "for"
@pytest.mark.parametrize(("text", "expected"), [
    ("Wrist - negative for tenderness or swelling.",
     {"tenderness": ("absent", "tenderness"), "swelling": ("absent", "swelling")}),
    ("Murphy: negative for pain.", {"pain": ("absent", "pain")}),
    # a common-word eponym needs "sign" written; the result is the next sign's
    ("Thumb: positive Finkelstein.",
     {"finkelstein sign": ("present", "positive Finkelstein")}),
    # guards: the template form still reads
    ("Babinski sign: negative.", {"babinski sign": ("absent", "Babinski sign: negative")}),
    ("Positive thumb sign.", {"thumb sign": ("present", "Positive thumb sign")}),
])
def test_eponym_result_not_before_for(extractor: Extractor, text: str,
                                      expected: dict[str, tuple[str, str]]) -> None:
    assert _items(extractor, text) == expected


# --------------------------------------- MUST 2/3/4: the plantar response and the other side
@pytest.mark.parametrize(("text", "expected"), [
    # MUST 2: a negated upgoing response is no Babinski sign
    ("No upgoing toes.", {"babinski sign": ("absent", "upgoing toes")}),
    ("Negative for upgoing toes.", {"babinski sign": ("absent", "upgoing toes")}),
    ("Without upgoing toes.", {"babinski sign": ("absent", "upgoing toes")}),
    # MUST 3: the other side's result is not normal: never "absent" only
    ("Babinski negative on the right, positive on the left.", {}),
    ("Babinski negative on the right, upgoing on the left.", {}),
    # MUST 4: hyphenated results
    ("Right toe downgoing, left toe up-going.",
     {"babinski sign": ("present", "toe up-going")}),
    ("Toes down-going bilaterally.", {"babinski sign": ("absent", "Toes down-going")}),
    # SHOULD: withdrawal / indeterminate on the other side (MTSamples 1728 wording)
    ("Plantar responses flexor on the right, withdrawal on the left.", {}),
    ("Plantar responses flexor on the right, indeterminate on the left.", {}),
    # SHOULD: equivocal is neither; "is not present" is absent
    ("Babinski: equivocal.", {}),
    ("Babinski sign is not present.",
     {"babinski sign": ("absent", "Babinski sign is not present")}),
    # guard
    ("Plantar responses are downgoing bilaterally.",
     {"babinski sign": ("absent", "Plantar responses are downgoing")}),
])
def test_plantar_response(extractor: Extractor, text: str,
                          expected: dict[str, tuple[str, str]]) -> None:
    assert _items(extractor, text) == expected


# ------------------------------------------------------------ MUST 5: "did not work"
@pytest.mark.parametrize(("text", "drug", "status"), [
    ("The lisinopril did not work until the dose was doubled.", "lisinopril", "active"),
    ("Ibuprofen did not work, still taking it.", "ibuprofen", "active"),
    ("Gabapentin didn't work initially, but now she continues it.", "gabapentin", "active"),
    ("Hydrocodone didn't work at first but now helps.", "hydrocodone", "active"),
    ("Sumatriptan did not work as well as rizatriptan, but she still uses both.",
     "sumatriptan", "active"),
    # guard: the probe11 failed trial stays discontinued
    ("She has been on Topamax and Maxalt in the past, but did not work.", "topiramate",
     "discontinued"),
    ("Lisinopril did not work.", "lisinopril", "discontinued"),
    # another drug taken now does not keep the failed one
    ("Lisinopril did not work, now on amlodipine.", "lisinopril", "discontinued"),
    ("Gabapentin did not work, but she continues it.", "gabapentin", "active"),
])
def test_did_not_work(extractor: Extractor, text: str, drug: str, status: str) -> None:
    assert _meds(extractor, text).get(drug) == status


# --------------------------------------------------- MUST 6: slash merge only for aliases
@pytest.mark.parametrize(("text", "expected"), [
    ("PVD/claudication.", {"peripheral vascular disease": ("present", "PVD"),
                           "claudication": ("present", "claudication")}),
    ("Melena/BRBPR.", {"melena": ("present", "Melena"),
                       "hematochezia": ("present", "BRBPR")}),
    ("AMS/delirium.", {"confusion": ("present", "AMS"), "delirium": ("present", "delirium")}),
    # guards: curated alias pairs stay one item over both names
    ("HIV/AIDS.", {"hiv": ("present", "HIV/AIDS")}),
    ("DJD/osteoarthritis.", {"osteoarthritis": ("present", "DJD/osteoarthritis")}),
    ("GERD/reflux.", {"gastroesophageal reflux disease": ("present", "GERD/reflux")}),
])
def test_slash_pairs(extractor: Extractor, text: str,
                     expected: dict[str, tuple[str, str]]) -> None:
    assert _items(extractor, text) == expected


# ------------------------------------------------------------------------ SHOULD-FIX
@pytest.mark.parametrize(("text", "expected"), [
    # the strength of one side only is no "no weakness"
    ("MOTOR: normal bulk and tone and strength on the right, left hemiparesis.",
     {"hemiparesis": ("present", "hemiparesis")}),
    ("No loss of muscle tone or strength on the right; left arm weak.", {}),
    ("MOTOR: Normal bulk and tone, power 3/5 in the left arm.", {}),
    # the probe11 template line (its span now starts at "Normal", not at "MOTOR:")
    ("MOTOR: Normal bulk, tone and power.",
     {"weakness": ("absent", "Normal bulk, tone and power")}),
    # the first part names no finding: the bare finding stays (R58), not "oral bleeding"
    ("Bleeding from the nose or mouth.", {"bleeding": ("present", "Bleeding")}),
    # review7: the second part is not read (its span covered the first part's words)
    ("Discharge from the ears or nose.",
     {"ear discharge": ("present", "Discharge from the ears")}),
])
def test_should_fix_items(extractor: Extractor, text: str,
                          expected: dict[str, tuple[str, str]]) -> None:
    assert _items(extractor, text) == expected


def test_babinski_items_carry_hpo_code(extractor: Extractor) -> None:
    for text in ("Babinski negative.", "Toes are upgoing bilaterally."):
        got = {p.text: p.codes for p in extractor.extract(text, "t").problems}
        assert got == {"babinski sign": ["HP:0003487"]}, text
