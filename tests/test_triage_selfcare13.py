"""Issue 21 (h-selfcare3, mts10): the error classes of the tenth MTSamples probe. Levels
(primary_care, self, ed) pinned by hand from the NHS pages named; the positives were as the
comments say on main 6c88cf2.

1. Glandular fever's tiredness is the NHS page's "extreme tiredness" (or one lasting weeks), not
   the ordinary tiredness of a cold, nor the idiom "tired of" (fed up): a sore throat with a
   runny nose, a cough and "feeling tired for 3 days" is a cold (NHS Common cold / Sore throat:
   self-care), where glandular_fever (routine) fired (4 / 4 / 3). Swollen glands, exudate,
   extreme or weeks-long tiredness, exhaustion keep glandular fever (NHS Glandular fever: GP).
   The self-care rule still needs its own safety net: a high fever, breathing or swallowing
   difficulty, a long course keep a GP or more.
2. One side's arm and leg named together ("sudden onset of left arm and leg weakness", the note
   abbreviations "LUE and LLE weakness") is FAST one-sided weakness (NICE NG128; NHS Stroke):
   4 -> 2 with the sudden onset the stroke entry needs; a long-standing deficit is not read as
   new by this entry.
3. Breathlessness that stops a person completing a sentence ("short of breath at rest and
   difficulty completing her sentences", "cannot complete sentences") is acute severe (NHS
   Shortness of breath: call 999; BTS/SIGN; ESI v4): 3 -> 2 whatever the cause; talking in
   full sentences, a denied difficulty, word-finding trouble without breathlessness and a
   partner finishing sentences are not.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1] / "eval" / "data" / "triage_real"


def _levels(triager, text: str) -> tuple[int | None, ...]:  # type: ignore[no-untyped-def]
    return tuple(triager.triage({"id": "x", "text": text, "setting": s}, narrative=False).acuity
                 for s in ("primary_care", "self", "ed"))


def _condition(triager, text: str) -> str | None:  # type: ignore[no-untyped-def]
    return triager.triage({"id": "x", "text": text, "setting": "primary_care"},
                          narrative=False).condition


# 1. glandular fever needs its own tiredness
@pytest.mark.parametrize("text", [
    # a cold with ordinary tiredness (was glandular fever, 4 / 4 / 3)
    "This 19-year-old female complains of a sore throat for two days with a runny nose and "
    "cough. She is tired and achy.",
    "A 17-year-old with sore throat, runny nose and feeling tired for 3 days, eating and drinking.",
    # the idiom "tired of" (fed up), not fatigue (was 4 / 4 / 3)
    "A 22-year-old female presents with a sore throat and hoarseness for 3 days. She is sick and "
    "tired of coughing.",
    # mts10 mts-1378's shape (bronchitis / URI: a productive cough, better on day 3)
    "A 25-year-old is not feeling well for the last three days. She is a bit sick with bodyaches. "
    "She is coughing. She has a sore throat, especially when she coughs. Her cough is productive "
    "of green colored sputum. She has had some chills. No vomiting. She is feeling a little bit "
    "better now. She is tearful, just tired of feeling ran down.",
])
def test_cold_with_ordinary_tiredness_is_self_care(triager, text: str) -> None:
    assert _levels(triager, text) == (5, 5, 3)
    assert "glandular" not in (_condition(triager, text) or "")


@pytest.mark.parametrize("text", [
    "17-year-old with a sore throat, swollen neck glands and extreme tiredness for a week.",
    "17-year-old with a sore throat and extreme tiredness for a week.",
    "19-year-old student, sore throat, exhausted, fever for 5 days.",
    "18-year-old with a sore throat and fatigue for two weeks.",
    "20-year-old with a sore throat, so tired I can't get out of bed.",
    "16-year-old with a sore throat and tired all the time for the last month.",
    "A 17-year-old with a sore throat and tonsillar exudates, tired.",
    # "very tired of it" is no tiredness, but the swollen glands still are glandular fever
    "A 21-year-old with a sore throat, very tired of it, and swollen glands in the neck.",
])
def test_glandular_fever_kept(triager, text: str) -> None:
    assert _levels(triager, text) == (4, 4, 3)
    assert "glandular fever" in (_condition(triager, text) or "")


@pytest.mark.parametrize(("text", "levels"), [
    # the self-care net still holds over a cold with ordinary tiredness
    ("19-year-old with a sore throat, runny nose and tired, now struggling to breathe.", (2, 2, 2)),
    ("A 17-year-old with a sore throat and runny nose, tired, can't swallow her saliva and "
     "drooling.", (1, 1, 1)),  # airway: NHS Epiglottitis (999)
])
def test_cold_with_tiredness_danger_signs_not_self_care(triager, text: str,
                                                        levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels


# 2. one side's arm and leg together
@pytest.mark.parametrize("text", [
    # mts10 mts-2863's shape (was 4 / 4 / 3)
    "The evening prior to admission she noted sudden onset of LUE and LLE weakness.",
    # was 4 / 4 / 4
    "Sudden onset of left arm and leg weakness last night.",
    "Sudden onset of left upper extremity and left lower extremity weakness.",
    "Sudden right leg and arm weakness this morning.",
    "Suddenly developed RUE and RLE numbness an hour ago.",
])
def test_one_sided_arm_and_leg_weakness_sudden_is_stroke(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)
    assert "stroke" in (_condition(triager, text) or "")


@pytest.mark.parametrize(("text", "levels"), [
    # no sudden onset: the stroke entry's second finding is absent (4 / 4 / 4 before and after)
    ("Left arm and leg weakness slowly getting worse over two years.", (4, 4, 4)),
    # both legs are no one-sided weakness (the spinal cord compression flag's 2, as before)
    ("Bilateral leg weakness and arm pain for months.", (2, 2, 2)),
])
def test_arm_and_leg_weakness_near_misses(triager, text: str, levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels
    assert "stroke" not in (_condition(triager, text) or "")


# 3. breathless and cannot complete sentences
@pytest.mark.parametrize("text", [
    # mts10 mts-3204's words (was 3 / 3 / 2)
    "On arrival at the hospital, she was short of breath at rest and was having difficulty "
    "completing her sentences.",
    # was 3 / 3 / 2
    "She is short of breath at rest and cannot complete sentences.",
    "Dyspnea, unable to finish sentences.",
    "He is breathless and struggling to complete a sentence.",
])
def test_breathless_cannot_complete_sentences_is_emergency(triager, text: str) -> None:
    assert _levels(triager, text) == (2, 2, 2)


@pytest.mark.parametrize(("text", "levels"), [
    ("A 60-year-old, mildly short of breath on stairs, speaking in full sentences.", (3, 3, 2)),
    ("Short of breath on exertion. No difficulty completing sentences.", (3, 3, 2)),
    # word-finding trouble without breathlessness is no breathlessness (left to the other rules)
    ("She has trouble completing her sentences and forgets words, no breathing problems.",
     (4, 4, 3)),
    ("My husband finishes my sentences for me and I get short of breath on hills.", (3, 3, 2)),
])
def test_breathless_sentences_near_misses(triager, text: str, levels: tuple[int, ...]) -> None:
    assert _levels(triager, text) == levels
    assert "cannot complete sentences" not in (_condition(triager, text) or "")


# the draw (draw_mts10.py): ids only, excluded before the draw, every note labelled or skipped
def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (HERE / name).read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _manifest(name: str) -> list[dict[str, object]]:
    return [json.loads(ln) for ln in (HERE / name).read_text(encoding="utf-8").splitlines() if ln]


def test_mts10_manifest_ids_only_excluded_and_split() -> None:
    man = _manifest("mts10_manifest.jsonl")
    assert len(man) == 44 and Counter(r["stratum"] for r in man) == {"M": 18, "W": 26}
    assert Counter(r["split"] for r in man) == {"dev": 29, "heldout": 15}
    for r in man:  # no note text is shipped (MTSamples licence)
        assert set(r) == {"id", "source_id", "stratum", "split", "spans", "sha256", "sha256_input"}
    excluded = set((HERE / "mts10_excluded_at_draw.txt").read_text(encoding="utf-8").split())
    assert len(excluded) == 1783 and not excluded & {str(r["source_id"]) for r in man}
    for n in ("", "2", "3", "4", "5", "6", "7", "8", "9"):
        assert {str(r["source_id"]) for r in _manifest(f"mts{n}_manifest.jsonl")} <= excluded
    real = _manifest("../extraction/real/manifest.jsonl")
    assert {str(r["source_id"]) for r in real if str(r.get("source_id", "")).isdigit()} <= excluded


def test_mts10_every_drawn_note_labelled_or_skipped_with_a_table_rule() -> None:
    split = {str(r["id"]): r["split"] for r in _manifest("mts10_manifest.jsonl")}
    labels, skipped = _rows("mts10_dev.tsv"), _rows("mts10_skipped.tsv")
    assert {r["id"] for r in labels} | {r["id"] for r in skipped} == set(split)
    assert not {r["id"] for r in labels} & {r["id"] for r in skipped}
    assert all(r["reason"].strip() for r in skipped)
    assert all(r["split"] == split[r["id"]] for r in labels)
    assert Counter(r["disposition"] for r in labels if r["split"] == "dev") == {
        "emergency": 2, "non_emergency": 10, "self_care": 1}
    table = {r["condition"]: r for r in _rows("dispositions.tsv")}
    for r in labels:
        assert r["rule"] in table and r["note"].strip(), r["id"]
