"""extfix13c: faults found after ext13c / ext13d / extfix13b, each fixed as a class.

1. speed: a discharge list's item marks were searched over the whole line for each drug,
   ``section_at`` built its list of starts on every call (a thousand prose discharge lists),
   and each problem was checked against every drug's span: a 50,000-character line of
   drugs took 221 s; the marks, sections and spans are now indexed once per note;
2. a change mark in a later sentence or item that names a drug of its own marks that drug
   only ("Discharge meds include Keflex. Stop lisinopril due to cough.");
3. a continuation mark is about a drug ("continue to take", "continues to be on"), not a
   state that goes on ("patient continues to have chest pain");
4. "exclude patients with X" is an eligibility criterion (CONSORT / ICH-GCP exclusion
   criteria), not a diagnosis still open in this patient: X keeps its own status.
"""

from __future__ import annotations

import time

import pytest
from extract_readers import meds, problems  # same folder

from assistant.clinical.sections import Section, section_at
from assistant.extract.pipeline import _CHANGE_MARK, _Cover, _item_mark, _ItemMarks


# ----- 1. speed: linear on a long line of discharge drugs
def _fill(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


@pytest.mark.parametrize("text", [
    "HOSPITAL COURSE: Discharge medications include " + _fill("aspirin for pain and ", 20000),
    _fill("Discharge medications include aspirin. ", 20000),
])
def test_long_discharge_lines_stay_fast(extractor, text: str) -> None:  # noqa: ANN001
    t0 = time.perf_counter()
    extractor.extract(text, "t")
    # session start: 1.7 s / 0.4 s here; main before this fix: 10.2 s for the first
    assert time.perf_counter() - t0 < 8


def test_cover_is_the_any_span_test() -> None:
    spans = [(10, 20), (12, 14), (30, 31), (5, 8)]
    cover = _Cover(spans)
    for pos in range(0, 40):
        assert cover.covers(pos) == any(s <= pos < e for s, e in spans), pos
    assert not _Cover([]).covers(0)


def test_section_at_bisects_on_starts() -> None:
    secs = [Section("preamble", "", 0, 0, 10), Section("hpi", "HPI", 10, 15, 40),
            Section("medications", "MEDS", 40, 46, 90)]
    assert [section_at(secs, p).name for p in (0, 9, 10, 39, 40, 89, 200)] == [
        "preamble", "preamble", "hpi", "hpi", "medications", "medications", "medications"]
    assert section_at(secs[1:], 3).name == "hpi"  # before the first: the first


# ----- 1/2. the indexed item mark: same words as the line's search, its own sentence's drug
def test_item_mark_reads_the_item_only() -> None:
    text = "1. aspirin 81 mg - new 2. metoprolol 25 mg\nlisinopril - stop"
    # aspirin's item ends at "2.": "new"; metoprolol's item is "metoprolol 25 mg": none
    assert _item_mark(text, 3, 10) == "new"
    assert _item_mark(text, 26, 36) is None
    assert _item_mark(text, 43, 53) == "stop"
    # "then discontinue" is a taper's step, "continue until" a course's length
    assert _item_mark("prednisone 10 mg, then discontinue", 0, 10) is None
    assert _item_mark("Keflex, continue until finished", 0, 6) is None


def test_a_later_sentence_with_its_own_drug_keeps_its_mark() -> None:
    text = "Discharge meds include Keflex. Stop lisinopril due to cough."
    k, lis = text.index("Keflex"), text.index("lisinopril")
    marks = _ItemMarks(text, [(k, k + 6), (lis, lis + 10)])
    assert marks.mark(k, k + 6) is None  # "Stop" is lisinopril's (hand-read)
    assert marks.mark(lis, lis + 10) == "stop"
    # near miss: a later sentence with no drug of its own still marks the drug before it
    text = "Lasix 40 mg. Increased from 20 mg."
    assert _ItemMarks(text, [(0, 5)]).mark(0, 5) == "increased"
    # near miss: "p.o." is no sentence end; the comma's item shares the line's mark
    text = "aspirin 81 mg p.o. daily, metoprolol 25 mg - new"
    m = text.index("metoprolol")
    assert _ItemMarks(text, [(0, 7), (m, m + 10)]).mark(0, 7) == "new"


@pytest.mark.parametrize(("text", "want"), [
    # session start and main: cephalexin discontinued (lisinopril's "Stop" read as its own)
    ("Discharge meds include Keflex. Stop lisinopril due to cough.",
     {"cephalexin": "new", "lisinopril": "discontinued"}),
    # the mark before: "Stop" is lisinopril's; aspirin, unmarked, goes on in a marked list
    ("Discharge medications: Stop lisinopril. Aspirin 81 mg daily.",
     {"lisinopril": "discontinued", "aspirin": "active"}),
    ("Discharge medications: aspirin; stop metoprolol.",
     {"aspirin": "active", "metoprolol": "discontinued"}),
    # near misses (unchanged): the mark of the drug's own sentence or clause
    ("Discharge medications: Lasix 40 mg. Increased from 20 mg.", {"furosemide": "active"}),
    ("Discharge medications: aspirin 81 mg p.o. daily, metoprolol 25 mg - new",
     {"aspirin": "new", "metoprolol": "new"}),
])
def test_a_change_mark_marks_its_own_drug(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ----- 3. a continuation mark is about a drug
@pytest.mark.parametrize(("phrase", "mark"), [
    ("patient continues to have chest pain", None),
    ("she continued to experience dyspnea", None),
    ("continuing to improve", None),
    ("continue to take metoprolol", "continue"),
    ("continues to be on aspirin", "continues"),
    ("metoprolol, continued", "continued"),
    ("continue metoprolol", "continue"),
    ("remains on aspirin", "remains on"),
])
def test_continue_mark_words(phrase: str, mark: str | None) -> None:
    m = _CHANGE_MARK.search(phrase)
    assert (m.group().lower() if m else None) == mark


def test_a_symptom_that_continues_is_no_drug_mark(extractor) -> None:  # noqa: ANN001
    text = ("Discharge medications include aspirin and metoprolol, patient continues to have "
            "chest pain and dyspnea.")
    # no mark: the round-3 discharge rule (no home list, nothing earlier) makes them new
    assert meds(extractor, text) == {"aspirin": "new", "metoprolol": "new"}
    assert problems(extractor, text) == {"chest pain": "present", "dyspnea": "present"}


@pytest.mark.parametrize(("text", "want"), [
    ("Discharge medications: aspirin, continue to take metoprolol.",
     {"aspirin": "active", "metoprolol": "active"}),
    ("Discharge medications: metoprolol 25 mg, continued.", {"metoprolol": "active"}),
    ("Discharge medications: aspirin 81 mg, continues to be on metoprolol.",
     {"aspirin": "active", "metoprolol": "active"}),
])
def test_a_drug_continued_is_still_a_mark(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ----- 4. "exclude patients with X": an eligibility criterion, not a hedge
# (ext14a, issue 16 class 4: updated pins) a population's condition ("patients / subjects
# with X") is guideline or protocol language, no problem of this patient at all: the three
# criteria below now give nothing (they were pinned present only as "not a hedge"); the
# patient's own GI bleed stays present
@pytest.mark.parametrize(("text", "want"), [
    ("We must exclude patients with active bleeding; she has a GI bleed.",
     {"gastrointestinal hemorrhage": "present"}),
    ("We must exclude all patients with sepsis.", {}),
    ("We must exclude subjects with pneumonia.", {}),
    ("We should exclude those who have pneumonia.", {"pneumonia": "present"}),
    # near misses: the diagnosis itself still open in this patient (ext13b's hedge)
    ("We must exclude sepsis in this patient.", {"sepsis": "possible"}),
    ("We must exclude pulmonary embolism.", {"pulmonary embolism": "possible"}),
    ("We need to exclude the patient's pneumonia.", {"pneumonia": "possible"}),
    ("We must exclude patients sepsis.", {"sepsis": "possible"}),
])
def test_excluding_patients_is_no_hedge(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert problems(extractor, text) == want
