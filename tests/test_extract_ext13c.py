"""ext13c (issue 16): two pipeline classes, each with near misses.

1. Discharge-medication list marks. A discharge list "marks its changes" (its unmarked items
   go on, active) only when an item carries an explicit change mark: "NEW"/"new",
   "(continue)"/"continue", "resume", "stop"/"discontinue", "changed", "increase(d)",
   "decrease(d)". A bare "He was on X" / "He is taking X" in a list item is no mark, neither
   for the list nor for the item: the probe-3 rule decides (new unless on a home list or the
   usual medications go on; mts-3396 "MEDICATIONS: On discharge included: ... He was on
   Seroquel 25 mg at bedtime" read every drug active, its labels say new). An item's own mark
   with no status read from it says its status ("- discontinued" stops it, "- increased"
   keeps it going); "stop if rash develops" is no stop.
2. De-duplication of a resolved item. A "resolved" item replaces an earlier present one of its
   concept only when it ends the same episode ("He had a fever on admission. The fever
   resolved."; "initially hypotensive, which resolved"). A resolution told of an earlier
   episode ("chest pain in 2019 which resolved with stenting", "3 years ago", "last year", "a
   similar", "a prior episode") leaves a current mention present (probe-3 convention: an "N
   years ago" / "previous admission" marker makes a past episode). Days, weeks, "in the past 2
   days" and "previously noted" are this episode's words and still resolve it.
"""

from __future__ import annotations

import pytest
from extract_readers import meds, problems  # same folder

_HOME = "MEDICATIONS: Lisinopril 10 mg daily.\nHOSPITAL COURSE: Uneventful.\n"


# ----- 1. discharge lists: only explicit change marks mark the list
@pytest.mark.parametrize(("text", "want"), [
    # mts-3396 form: "He was on" items and plain items, no home list -> all new
    ("MEDICATIONS:\nOn discharge included:\n1.  Ferrous sulfate 325 mg t.i.d.\n"
     "2.  He was on nicotine patch 21 mg per 24 hour.\n3.  He was on Seroquel 25 mg at "
     "bedtime.\n4.  Ativan 1 mg b.i.d. for anxiety.",
     {"ferrous sulfate": "new", "nicotine patch": "new", "quetiapine": "new",
      "lorazepam": "new"}),
    ("DISCHARGE MEDICATIONS:\n1. Aspirin 81 mg daily\n2. He is taking lisinopril 10 mg daily",
     {"aspirin": "new", "lisinopril": "new"}),
    # near miss: the "on" item's drug is on the home list -> active; the other stays new
    (_HOME + "DISCHARGE MEDICATIONS:\n1. He is on lisinopril 10 mg daily.\n"
     "2. Ferrous sulfate 325 mg daily.",
     {"lisinopril": "active", "ferrous sulfate": "new"}),
])
def test_bare_on_is_no_list_mark(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


@pytest.mark.parametrize(("text", "want"), [
    # guards: explicit marks still mark the list (its unmarked items go on)
    ("DISCHARGE MEDICATIONS:\n- Spironolactone 25 mg PO daily - NEW\n- Apixaban 5 mg PO BID\n",
     {"spironolactone": "new", "apixaban": "active"}),
    ("DISCHARGE MEDICATIONS:\n1. Aspirin 81 mg daily (continue)\n2. Lisinopril 10 mg daily",
     {"aspirin": "active", "lisinopril": "active"}),
    ("DISCHARGE MEDICATIONS:\n1. Ferrous sulfate 325 mg daily\n2. She will resume aspirin 81 mg "
     "daily", {"ferrous sulfate": "active", "aspirin": "active"}),
    ("DISCHARGE MEDICATIONS:\n1. He remains on warfarin 5 mg daily.\n2. Ferrous sulfate 325 mg "
     "daily", {"warfarin": "active", "ferrous sulfate": "active"}),
    # inline numbered list: the mark belongs to its own item; the "on" item goes on
    ("DISCHARGE MEDICATIONS: 1. Aspirin 81 mg daily (new) 2. Lisinopril 10 mg daily "
     "3. He was on metoprolol 25 mg b.i.d.",
     {"aspirin": "new", "lisinopril": "active", "metoprolol": "active"}),
    # an item's own mark with no status read from it
    ("DISCHARGE MEDICATIONS:\n1. Metoprolol 25 mg b.i.d. - increased\n2. Aspirin 81 mg daily",
     {"metoprolol": "active", "aspirin": "active"}),
    ("DISCHARGE MEDICATIONS:\n1. Metformin 500 mg b.i.d. - discontinued\n2. Aspirin 81 mg daily",
     {"metformin": "discontinued", "aspirin": "active"}),
])
def test_explicit_marks_still_mark_the_list(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


@pytest.mark.parametrize(("text", "want"), [
    # near misses: a conditional stop and "new onset" are no marks (probe-3 rule: new)
    ("DISCHARGE MEDICATIONS:\n1. Amoxicillin 500 mg t.i.d.; stop if rash develops.\n"
     "2. Ferrous sulfate 325 mg daily", {"amoxicillin": "new", "ferrous sulfate": "new"}),
    ("DISCHARGE MEDICATIONS:\n1. He was on diltiazem 120 mg daily for new onset atrial "
     "fibrillation.\n2. Ferrous sulfate 325 mg daily",
     {"diltiazem": "new", "ferrous sulfate": "new"}),
    # a "continue" on the list's introduction line is not an item's mark (unchanged: new)
    ("DISCHARGE MEDICATIONS:\nContinue the following medications:\n1. Aspirin 81 mg daily\n"
     "2. Lisinopril 10 mg daily", {"aspirin": "new", "lisinopril": "new"}),
])
def test_no_mark_near_misses(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ----- 2. a past episode's resolution keeps a current mention present
@pytest.mark.parametrize(("text", "concept"), [
    ("CHIEF COMPLAINT: Chest pain.\nHISTORY OF PRESENT ILLNESS: He had chest pain in 2019 which "
     "resolved with stenting.", "chest pain"),
    ("CHIEF COMPLAINT: Chest pain.\nHISTORY OF PRESENT ILLNESS: In 2019 he had chest pain, which "
     "resolved with stenting.", "chest pain"),
    ("CHIEF COMPLAINT: Chest pain.\nHISTORY OF PRESENT ILLNESS: He had chest pain 3 years ago, "
     "which resolved after stenting.", "chest pain"),
    ("CHIEF COMPLAINT: Headache.\nHISTORY OF PRESENT ILLNESS: She had a similar headache last "
     "year that resolved with rest.", "headache"),
    ("CHIEF COMPLAINT: Headache.\nHISTORY OF PRESENT ILLNESS: She had a prior episode of "
     "headache that resolved.", "headache"),
])
def test_past_episode_resolution_keeps_current_present(extractor, text: str,  # noqa: ANN001
                                                      concept: str) -> None:
    assert problems(extractor, text)[concept] == "present"


@pytest.mark.parametrize(("text", "concept"), [
    # guards: the same episode resolved is historical (final status)
    ("HOSPITAL COURSE: He had a fever on admission. The fever resolved.", "fever"),
    ("HOSPITAL COURSE: She was initially hypotensive, which resolved with fluids.",
     "hypotension"),
    ("HOSPITAL COURSE: She was initially hypotensive. Hypotension resolved with fluids.",
     "hypotension"),
    ("CHIEF COMPLAINT: Chest pain.\nHISTORY OF PRESENT ILLNESS: Chest pain started this morning "
     "and resolved after nitroglycerin.", "chest pain"),
    # near misses of the past-episode words: recent spans are this episode
    ("HOSPITAL COURSE: He had a rash on admission. In the past 2 days the rash resolved.", "rash"),
    # no current mention: a past episode alone stays historical
    ("PAST MEDICAL HISTORY: Pneumonia in 2019, resolved.", "pneumonia"),
])
def test_same_episode_resolution_stays_historical(extractor, text: str,  # noqa: ANN001
                                                  concept: str) -> None:
    assert problems(extractor, text)[concept] == "historical"


@pytest.mark.parametrize(("text", "want"), [
    # near misses: a taper step and a course's length are sig words, not change marks
    ("DISCHARGE MEDICATIONS:\n1. Prednisone 40 mg daily, decrease by 10 mg every 3 days.\n"
     "2. Ferrous sulfate 325 mg daily", {"prednisone": "new", "ferrous sulfate": "new"}),
    ("DISCHARGE MEDICATIONS:\n1. Amoxicillin 500 mg t.i.d., continue until finished.\n"
     "2. Ferrous sulfate 325 mg daily", {"amoxicillin": "new", "ferrous sulfate": "new"}),
    # mts-3896 form: a taper's last step "then discontinue" neither stops the drug nor marks
    # the list
    ("DISCHARGE MEDICATIONS:\n1. Prednisone 40 mg p.o. q.a.m. x3 days, then 10 mg p.o. q.a.m. "
     "x14 days, then discontinue.\n2. Ferrous sulfate 325 mg daily",
     {"prednisone": "new", "ferrous sulfate": "new"}),
])
def test_sig_words_are_no_marks(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want
