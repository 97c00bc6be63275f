"""Error classes of issue 21, fifth MTSamples probe (mts5): real transcribed presentations.

Found on ``eval/data/triage_real/mts5_dev.tsv`` (15 MTSamples admission / consult and
outpatient notes drawn by ``draw_mts5.py``, labelled from each note's own diagnosis and
committed in c1c5070 before the triage path ran on them; untuned, after the mts3 and mts4
fixes: accuracy 0.600, emergencies 4/6, self-care 0/1, under-triage 0.200, over-triage 0.200).
Both under-triaged emergencies were classes nothing read:

1. a person "found down by a family member" (then respiratory failure, multi-organ failure) was
   routine, and so was a lay "my dad was found collapsed on the kitchen floor": a red flag
   ``found collapsed`` (an unwitnessed collapse, unknown downtime: ESI Handbook v4 high risk;
   NHS When to call 999), anchored on "found" so that a witnessed faint that recovered stays
   the transient-loss-of-consciousness rule's;
2. "respiratory failure" and "multi-organ (system) failure" named as such were routine: a red
   flag ``respiratory or multi-organ failure`` (ESI v4 level 1-2), not for the chronic
   respiratory failure of a patient on home oxygen ("acute on chronic" is read);
3. a new headache in a woman with a programmable (Codman-Hakim) shunt for pseudotumour cerebri
   went to the low-mood entry, routine: a new entry ``csf_shunt_symptoms`` (NHS Hydrocephalus:
   shunt malfunction brings the symptoms back, contact the care team immediately; Shine shunt
   malfunction protocol), which needs a brain / CSF shunt named (not a Glenn, Blalock-Taussig
   or dialysis shunt) and a current headache, vomiting, drowsiness or change in vision.

No level is lowered by these changes (all three only raise). Each positive below failed on the
code before (c1c5070: 14 positives fail there); each near miss is pinned at the level it had there
(the shunt near misses also ask the new entry, absent there).
"""

from __future__ import annotations

import pytest
from kb_entry import entry_fires, triage_record  # same folder


# ---- 1. a person found collapsed / found down ----
@pytest.mark.parametrize("text", [
    # mts-2984's wording (the HPI of a nephrology consult)
    "Apparently this man was found down by a family member, was taken to Medical Center, and "
    "subsequently flown here.",
    "Found down at home by his son, brought in by ambulance.",
    # lay wordings of the same emergency
    "My dad was found collapsed on the kitchen floor this morning.",
    "I found my grandma on the floor in the bathroom, she's breathing but groggy.",
    "We came home and found him slumped in his chair.",
])
def test_found_collapsed_is_an_emergency(triager, text: str) -> None:
    rec = triage_record(triager, text)
    assert rec.acuity <= 2 and "found collapsed" in rec.red_flags


@pytest.mark.parametrize("text, acuity", [
    ("I found my keys down the back of the sofa.", 4),
    ("My mood has been down and I found it hard to get out of bed.", 4),
    ("I found the tablets on the floor.", 4),
    ("We found the pain settled down after ibuprofen.", 4),
    # a dated past event (the rule is current-only)
    ("He was found down in 2015 after a fall and spent a week in hospital. Today he wants a "
     "repeat prescription for his inhalers.", 5),
])
def test_found_collapsed_near_misses(triager, text: str, acuity: int) -> None:
    rec = triage_record(triager, text)
    assert "found collapsed" not in rec.red_flags and rec.acuity == acuity


# ---- 2. respiratory failure / multi-organ failure ----
@pytest.mark.parametrize("text", [
    # mts-2984's wording
    "He has got respiratory failure, multi-organ system failure syndrome, and has renal "
    "insufficiency, as well.",
    "70-year-old admitted with respiratory failure requiring intubation.",
    "He has multiple organ dysfunction syndrome.",
    "70-year-old with COPD and acute-on-chronic respiratory failure, more breathless today.",
])
def test_respiratory_or_organ_failure_is_an_emergency(triager, text: str) -> None:
    rec = triage_record(triager, text)
    assert rec.acuity <= 2 and "respiratory or multi-organ failure" in rec.red_flags


@pytest.mark.parametrize("text, acuity", [
    ("55-year-old with chronic respiratory failure on home oxygen here for a routine review.", 4),
    ("55-year-old with chronic hypercapnic respiratory failure on home oxygen here for a routine "
     "review.", 4),
    ("Past medical history of respiratory failure requiring intubation in 2015. Now presents with "
     "a sore knee.", 4),
])
def test_respiratory_failure_near_misses(triager, text: str, acuity: int) -> None:
    rec = triage_record(triager, text)
    assert "respiratory or multi-organ failure" not in rec.red_flags and rec.acuity == acuity


# ---- 3. a brain (CSF) shunt with new headache / vomiting / drowsiness ----
@pytest.mark.parametrize("text", [
    "38-year-old with pseudotumor cerebri and a VP shunt who comes in because of new onset of "
    "headaches.",
    "38-year-old woman who comes in because of new onset of headaches. She has a Codman-Hakim "
    "shunt set at 90 mmH2O.",
    "12-year-old with a ventriculoperitoneal shunt, headache and vomiting since this morning.",
    # lay wordings
    "My son has a shunt for hydrocephalus and has had a headache and been sick since this morning.",
    "My daughter has a shunt in her head and keeps getting headaches and being sick.",
])
def test_csf_shunt_with_symptoms_is_an_emergency(triager, text: str) -> None:
    assert entry_fires("csf_shunt_symptoms", text)
    assert triage_record(triager, text).acuity <= 2


@pytest.mark.parametrize("text, acuity", [
    ("60-year-old with a Glenn shunt for congenital heart disease and a tension headache after a "
     "long day.", 4),
    ("She had a Blalock-Taussig shunt as a baby and now has a headache with a cold.", 4),
    ("Dialysis patient with an AV shunt in his arm and a headache after dialysis.", 4),
    ("10-year-old with a VP shunt for hydrocephalus here for a routine school form; no headache "
     "or vomiting.", 4),
])
def test_csf_shunt_near_misses(triager, text: str, acuity: int) -> None:
    assert not entry_fires("csf_shunt_symptoms", text)
    assert triage_record(triager, text).acuity == acuity


# ---- the probe's files: ids, offsets and checksums only; exclusion frozen; labels from the table ----
def test_mts5_probe_files_are_well_formed() -> None:
    import csv
    import json
    from collections import Counter
    from pathlib import Path

    here = Path(__file__).resolve().parents[1] / "eval" / "data" / "triage_real"
    man = [json.loads(ln) for ln in (here / "mts5_manifest.jsonl").read_text().splitlines() if ln]
    assert len(man) == 40 and {r["split"] for r in man} == {"dev"}
    assert Counter(r["stratum"] for r in man) == {"A": 30, "P": 10}
    for r in man:  # no note text is shipped (MTSamples licence)
        assert set(r) == {"id", "source_id", "stratum", "split", "spans", "sha256", "sha256_input"}
    excluded = set((here / "mts5_excluded_at_draw.txt").read_text().split())
    assert len(excluded) == 1029 and not excluded & {r["source_id"] for r in man}
    for name in ("mts_manifest.jsonl", "mts2_manifest.jsonl", "mts3_manifest.jsonl",
                 "mts4_manifest.jsonl"):
        earlier = {json.loads(ln)["source_id"] for ln in (here / name).read_text().splitlines() if ln}
        assert earlier <= excluded
    assert set((here / "mts4_excluded_at_draw.txt").read_text().split()) <= excluded

    def rows(name: str) -> list[dict[str, str]]:
        lines = [ln for ln in (here / name).read_text().splitlines() if ln and not ln.startswith("#")]
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))

    table = {r["condition"]: r for r in rows("dispositions.tsv")}
    labels, skipped = rows("mts5_dev.tsv"), rows("mts5_skipped.tsv")
    assert {r["id"] for r in labels} | {r["id"] for r in skipped} == {r["id"] for r in man}
    assert not {r["id"] for r in labels} & {r["id"] for r in skipped}
    assert Counter(r["disposition"] for r in labels) == {"emergency": 6, "non_emergency": 8,
                                                         "self_care": 1}
    for r in labels:
        assert r["rule"] in table, r["id"]
        assert table[r["rule"]]["disposition"] in (r["disposition"], "depends") or r["note"], r["id"]
