"""Told drug reactions, re-review of the toldfix round (issue 16).

An avoidance cue anywhere in the sentence recorded an intolerance and took a drug the patient
still takes off the medication list when the cue's object was a dose time or another thing
("so she was switched to the morning dose", "so she avoids large meals"). An avoidance cue now
counts only when it is bound to the told drug: "it" after a stop verb, "it" as the subject of a
stop, "not tolerated", a switch to or from another drug of the dictionary, or "don't take it
because it gives me R". Expected values are hand-computed.
"""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.extract.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(use_llm=False))


def _read(extractor: Extractor, text: str) -> tuple[list[str], dict[str, str | None]]:
    rec = extractor.extract(text, "x")
    return [a.substance for a in rec.allergies], {m.name: m.status for m in rec.medications}


# the re-review's faults: no intolerance, the drug still a medication
@pytest.mark.parametrize(("text", "drug"), [
    ("Metoprolol makes her dizzy, so she was switched to the morning dose.", "metoprolol"),
    ("Metformin causes GI upset with nausea, so it was switched to the evening.", "metformin"),
    ("Furosemide makes her dizzy, so she switched from the morning to the afternoon.",
     "furosemide"),
    ("Simvastatin causes myalgias, so she switched to every-other-day dosing.", "simvastatin"),
    ("Metformin causes diarrhea, so she stopped the evening dose.", "metformin"),
    ("Lisinopril causes a cough, so we switched her amlodipine to the evening.", "lisinopril"),
    ("Metformin causes diarrhea, so she avoids large meals.", "metformin"),
    ("Metformin causes diarrhea, so she stopped eating late.", "metformin"),
    ("Tramadol makes her dizzy, so she avoids driving.", "tramadol"),
    ("Atorvastatin causes muscle aches, so her PT was discontinued.", "atorvastatin"),
    ("Prednisone causes heartburn, so she uses omeprazole instead of Tums.", "prednisone"),
    ("Metformin gives her diarrhea instead of the constipation she had on glipizide.",
     "metformin"),
    ("Metformin gives her diarrhea, so she was switched to the evening.", "metformin"),
])
def test_cue_about_something_else_keeps_the_drug(extractor: Extractor, text: str,
                                                 drug: str) -> None:
    allergies, meds = _read(extractor, text)
    assert allergies == []
    assert meds[drug] == "active"


# a cue bound to the told drug: recorded, the told mention no medication
@pytest.mark.parametrize(("text", "allergy", "meds"), [
    ("Lisinopril gave her a cough, so she was switched to losartan.", "lisinopril",
     {"losartan": "new"}),
    ("Lisinopril caused a cough and was not tolerated, so it was stopped.", "lisinopril", {}),
    ("Codeine made her vomit, so it was stopped. Continue metformin.", "codeine",
     {"metformin": "active"}),
    ("Metformin gave him diarrhoea, so he stopped it.", "metformin", {}),
    ("chlorthalidone i don't really take it because it gives me a stomachache",
     "chlorthalidone", {}),
])
def test_cue_bound_to_the_drug_records_it(extractor: Extractor, text: str, allergy: str,
                                          meds: dict[str, str]) -> None:
    assert _read(extractor, text) == ([allergy], meds)


def test_switch_within_the_same_drug_is_no_avoidance(extractor: Extractor) -> None:
    # a formulation switch keeps the drug (no intolerance recorded)
    text = "Metformin gave her diarrhea until she switched to the extended release."
    assert _read(extractor, text)[0] == []
