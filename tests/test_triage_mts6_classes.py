"""Error classes of issue 21, sixth MTSamples probe (mts6): real transcribed presentations.

Found on ``eval/data/triage_real/mts6_dev.tsv`` (15 MTSamples admission / consult and
outpatient notes drawn by ``draw_mts6.py``, labelled from each note's own diagnosis and
committed in 11a9797 before the triage path ran on them; untuned, after the mts3, mts4 and mts5
fixes: accuracy 0.667, emergencies 6/10, under-triage 0.267, over-triage 0.067). Two of the
four under-triaged emergencies were classes nothing read:

1. heart failure with dyspnoea at rest, "speaking in 2 to 3 word sentences", was read as a mild
   COPD flare (urgent): only "unable to speak in full sentences" and "one-word sentences" were
   read. The ``respiratory distress`` red flag now also reads speech cut to a few words with
   breathing named in the text, and the lay "so breathless she can't talk", "can't finish a
   sentence without stopping for air" (NHS When to call 999; BTS/SIGN asthma: cannot complete
   sentences; ESI v4);
2. fevers to 103 for 8 to 10 days on methotrexate and high-dose prednisone were routine: the
   neutropenic-fever entry names chemotherapy, transplants and "immunosuppressed", not the
   drugs. A red flag ``fever on immunosuppressant`` (NICE NG51 sepsis risk factors; NHS
   Methotrexate: a high temperature, call straight away).

Both only raise. A warning ("if you get a fever, call"), "risk of", a relative's past
("family history", "used to", "died") and a dated or past-history episode do not fire; a
relative who is the patient now ("my mum is so breathless she can't talk") does; a medicine
named in a sentence about another person ("Her mother has ... methotrexate") is not the patient's. Each positive
failed on the code before (the flag was absent there); each near miss is pinned by hand.
"""

from __future__ import annotations

import pytest
from kb_entry import triage_record  # same folder

RD = "respiratory distress"
FI = "fever on immunosuppressant"


# ---- 1. speech cut to a few words by breathlessness ----
@pytest.mark.parametrize("text", [
    # mts-4542's wording (a clinic note)
    "She complains of having shortness of breath for the past month that has been increasingly "
    "getting worse. In the office, she is obviously dyspnea and speaking in 2 to 3 word sentences.",
    "72-year-old with COPD, speaking in short phrases, more breathless since yesterday.",
    # lay wordings of the same emergency
    "My mum is so breathless she can't talk.",
    "I'm so out of breath I can't finish a sentence without stopping for air.",
    "He can only say a few words at a time before he has to stop for breath.",
    "Wheezy and breathless, she can only say two or three words at a time.",
    "She's so short of breath she can't get her words out.",
])
def test_speech_cut_by_breathlessness_is_an_emergency(triager, text: str) -> None:
    rec = triage_record(triager, text)
    assert rec.acuity <= 2 and RD in rec.red_flags


@pytest.mark.parametrize("text, acuity", [
    ("She is speaking in full sentences.", 4),
    ("She was not speaking in 2 word sentences; talking comfortably.", 4),
    # not breathing: language, shyness, nerves
    ("The child is speaking in single words and is shy with strangers.", 4),
    ("I speak in short sentences when I'm nervous.", 4),
    # dated and past-history episodes
    ("She could only speak in two-word sentences during an asthma attack in 2015; today she is "
     "well and wants a repeat inhaler.", 4),
    ("She has a history of asthma attacks in which she could only speak in two-word sentences, "
     "and wants a repeat inhaler.", 4),
    ("History of asthma attacks where she could only speak in two-word sentences; today well, "
     "wants a repeat inhaler.", 4),
    # another person's past
    ("Family history: her mother had severe asthma and could only speak in two-word sentences "
     "during attacks. She has a mild cold.", 4),
    # a warning / a hypothetical (the older stroke and breathlessness flags keep these at 2)
    ("If you become so breathless you cannot speak, call 999. I have a mild cough.", 2),
    ("Risk of being so breathless she cannot speak if the asthma flares; today a mild cold.", 2),
])
def test_speech_cut_near_misses(triager, text: str, acuity: int) -> None:
    rec = triage_record(triager, text)
    assert RD not in rec.red_flags and rec.acuity == acuity


# ---- 2. a fever on an immunosuppressant medicine ----
@pytest.mark.parametrize("text", [
    # mts-3403's wording (a discharge summary's HPI)
    "Fever of unknown origin. The patient is a 39-year-old woman with polymyositis/dermatomyositis "
    "on methotrexate once a week. The patient has also been on high-dose prednisone for an "
    "urticarial rash. The patient was admitted because of persistent high fevers without a "
    "clear-cut source of infection. She had been having temperatures of up to 103 for 8-10 days.",
    # lay wordings of the same emergency
    "I take methotrexate for my rheumatoid arthritis and I've had a high temperature and shivers "
    "since last night.",
    "I'm on adalimumab for Crohn's and I've been running a temperature of 38.9 for two days.",
    "My wife had her first dose of methotrexate last month and has a fever and shivers.",
    # a relative who reports, then back to the patient
    "His wife says he takes methotrexate for psoriasis; he has had a fever of 39 since yesterday.",
])
def test_fever_on_immunosuppressant_is_an_emergency(triager, text: str) -> None:
    rec = triage_record(triager, text)
    assert rec.acuity <= 2 and FI in rec.red_flags


@pytest.mark.parametrize("text, acuity", [
    ("39-year-old on methotrexate for rheumatoid arthritis with a sore knee; no fever.", 4),
    ("She is on methotrexate and denies fever or chills; here for a blood test.", 4),
    # dated / past history
    ("She had a fever in 2015 while on methotrexate; today she wants a repeat prescription.", 4),
    # another person's
    ("My sister used to get fevers on methotrexate. I have a sore knee and take ibuprofen.", 4),
    ("Her sister is on methotrexate and had a fever last week. She herself has a sore knee.", 4),
    # the medicine is a relative's (probe_dev medqa4-22's shape: histoplasmosis after hiking,
    # non-emergency by its label; the fever is the patient's, the methotrexate her mother's)
    ("A 30-year-old woman with a dry cough, fever and chills for 3 days. Her mother has a lung "
     "disease treated with methotrexate. Her temperature is 38C.", 4),
    # warnings and questions (hypothetical)
    ("Methotrexate increases the risk of infection; if you get a fever, call your doctor. I have "
     "a sore knee.", 4),
    ("I started methotrexate last month; what should I do if I get a fever?", 4),
    # no immunosuppressant: a short past steroid course is not one
    ("Fever and rash; she had a short course of prednisolone for asthma last year.", 4),
    ("A 6-year-old with a fever and sore throat; she is not on any medicines.", 4),
])
def test_fever_on_immunosuppressant_near_misses(triager, text: str, acuity: int) -> None:
    rec = triage_record(triager, text)
    assert FI not in rec.red_flags and rec.acuity == acuity


# ---- the probe's files: ids, offsets and checksums only; exclusion frozen; labels from the table ----
def test_mts6_probe_files_are_well_formed() -> None:
    import csv
    import json
    from collections import Counter
    from pathlib import Path

    here = Path(__file__).resolve().parents[1] / "eval" / "data" / "triage_real"
    man = [json.loads(ln) for ln in (here / "mts6_manifest.jsonl").read_text().splitlines() if ln]
    assert len(man) == 38 and {r["split"] for r in man} == {"dev"}
    assert Counter(r["stratum"] for r in man) == {"A": 30, "P": 8}  # the P pool held 8
    for r in man:  # no note text is shipped (MTSamples licence)
        assert set(r) == {"id", "source_id", "stratum", "split", "spans", "sha256", "sha256_input"}
    excluded = set((here / "mts6_excluded_at_draw.txt").read_text().split())
    assert len(excluded) == 1248 and not excluded & {r["source_id"] for r in man}
    for name in ("mts_manifest.jsonl", "mts2_manifest.jsonl", "mts3_manifest.jsonl",
                 "mts4_manifest.jsonl", "mts5_manifest.jsonl"):
        earlier = {json.loads(ln)["source_id"] for ln in (here / name).read_text().splitlines() if ln}
        assert earlier <= excluded
    assert set((here / "mts5_excluded_at_draw.txt").read_text().split()) <= excluded

    def rows(name: str) -> list[dict[str, str]]:
        lines = [ln for ln in (here / name).read_text().splitlines() if ln and not ln.startswith("#")]
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))

    table = {r["condition"]: r for r in rows("dispositions.tsv")}
    labels, skipped = rows("mts6_dev.tsv"), rows("mts6_skipped.tsv")
    assert {r["id"] for r in labels} | {r["id"] for r in skipped} == {r["id"] for r in man}
    assert not {r["id"] for r in labels} & {r["id"] for r in skipped}
    assert Counter(r["disposition"] for r in labels) == {"emergency": 10, "non_emergency": 5}
    for r in labels:
        assert r["rule"] in table, r["id"]
        assert table[r["rule"]]["disposition"] in (r["disposition"], "depends") or r["note"], r["id"]


def test_mts7_probe_files_are_well_formed() -> None:
    """mts7 (draw_mts7.py, an untuned measurement): ids only, exclusion frozen before the draw
    (mts6's frozen exclusion and manifest included), every drawn note labelled or skipped."""
    import csv
    import json
    from collections import Counter
    from pathlib import Path

    here = Path(__file__).resolve().parents[1] / "eval" / "data" / "triage_real"
    man = [json.loads(ln) for ln in (here / "mts7_manifest.jsonl").read_text().splitlines() if ln]
    assert len(man) == 30 and {r["split"] for r in man} == {"dev"}
    assert Counter(r["stratum"] for r in man) == {"A": 30}  # the P pool was empty
    for r in man:  # no note text is shipped (MTSamples licence)
        assert set(r) == {"id", "source_id", "stratum", "split", "spans", "sha256", "sha256_input"}
    excluded = set((here / "mts7_excluded_at_draw.txt").read_text().split())
    assert len(excluded) == 1286 and not excluded & {r["source_id"] for r in man}
    for name in ("mts_manifest.jsonl", "mts2_manifest.jsonl", "mts3_manifest.jsonl",
                 "mts4_manifest.jsonl", "mts5_manifest.jsonl", "mts6_manifest.jsonl"):
        earlier = {json.loads(ln)["source_id"] for ln in (here / name).read_text().splitlines() if ln}
        assert earlier <= excluded
    assert set((here / "mts6_excluded_at_draw.txt").read_text().split()) <= excluded

    def rows(name: str) -> list[dict[str, str]]:
        lines = [ln for ln in (here / name).read_text().splitlines() if ln and not ln.startswith("#")]
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))

    table = {r["condition"]: r for r in rows("dispositions.tsv")}
    labels, skipped = rows("mts7_dev.tsv"), rows("mts7_skipped.tsv")
    assert {r["id"] for r in labels} | {r["id"] for r in skipped} == {r["id"] for r in man}
    assert not {r["id"] for r in labels} & {r["id"] for r in skipped}
    assert Counter(r["disposition"] for r in labels) == {
        "emergency": 7, "non_emergency": 10, "self_care": 1}
    for r in labels:
        assert r["rule"] in table, r["id"]
        assert table[r["rule"]]["disposition"] in (r["disposition"], "depends") or r["note"], r["id"]
