"""Error classes of issue 21, MTSamples probe: real transcribed presentations (primary care).

Found on ``eval/data/triage_real/mts_dev.tsv`` (30 MTSamples notes drawn by ``draw_mts.py``,
labelled from each note's own diagnosis and committed in 4a3597d before the triage path ran on
them; untuned: accuracy 0.733, emergencies 9/12, under-triage 0.133, over-triage 0.133). Classes:

1. a stoma that stopped working with nausea, vomiting, pain or a swollen abdomen (bowel
   obstruction) matched nothing (acuity 4): ``stoma_obstruction`` (NHS Colostomy / Ileostomy:
   obstruction);
2. new abdominal pain with vomiting at 65 or over matched nothing (acuity 4):
   ``abdominal_pain_vomiting_older_adult`` (ESI v4 high-risk: abdominal pain in older adults);
3. a bite or sting with a large local reaction (a whole hand and forearm swollen) was self-care:
   ``sting_large_local_reaction`` (NHS Insect bites and stings: a large area, 10 cm or more ->
   GP / 111);
4. a road accident the note calls "a vague history of" (an old event) fired the major-trauma red
   flag and entry (acuity 2) on a flank-pain consult. The fix (a remote-history lead and a
   ``major_trauma`` ``not``) was reverted after the safety review (it hid stroke, asthma, chest
   pain and trauma red flags): this case is an over-triage again; lay-worded trauma emergencies
   stay pinned below.

Each positive below failed on the code before (4a3597d); each near miss stays where it was.
"""

from __future__ import annotations

import pytest

from assistant.triage import Triager


def _acuity(t: Triager, text: str) -> tuple[int, str | None]:
    rec = t.triage({"id": "c", "text": text, "setting": "primary_care"})
    assert rec.acuity is not None
    return rec.acuity, rec.condition


# ---- 1. a stoma not working ----
@pytest.mark.parametrize("text", [
    # exam / clinical wording
    "Colostomy failure. This patient had a colostomy placed 9 days ago after resection of a colonic "
    "carcinoma. Earlier today he felt nauseated and stated that his colostomy stopped filling.",
    "A 64-year-old woman with an ileostomy reports no stoma output since last night with crampy "
    "abdominal pain and vomiting.",
    # lay wording
    "My dad had a stoma made last week and since this morning nothing has come out of his bag and "
    "he feels sick.",
    "My ileostomy bag has been empty since yesterday and my tummy is swollen and I keep throwing up.",
])
def test_stoma_not_working_is_an_emergency(triager: Triager, text: str) -> None:
    acuity, condition = _acuity(triager, text)
    assert acuity <= 2 and condition is not None and "stoma" in condition


@pytest.mark.parametrize("text", [
    "A 72-year-old man with a colostomy for 5 years comes for a routine review of bag supplies; "
    "output normal.",
    "I have had a stoma for years and want advice on a new bag brand, it is working fine.",
])
def test_stoma_near_misses_stay_routine(triager: Triager, text: str) -> None:
    acuity, condition = _acuity(triager, text)
    assert acuity >= 4 and (condition is None or "stoma" not in condition)


# ---- 2. abdominal pain with vomiting in an older adult ----
@pytest.mark.parametrize("text", [
    "This is an 86-year-old female who was transferred from a nursing home due to persistent "
    "abdominal pain, nausea and vomiting, which started around 11:00 a.m. yesterday.",
    "A 79-year-old man comes to the clinic with abdominal pain and two episodes of vomiting since "
    "this morning.",
    "My 80 year old mum has had tummy pain since last night and keeps being sick.",
    "I'm 72 and I've had stomach pain all day and I've been vomiting.",
])
def test_older_adult_abdominal_pain_with_vomiting_is_an_emergency(triager: Triager,
                                                                  text: str) -> None:
    assert _acuity(triager, text)[0] <= 2


@pytest.mark.parametrize(("text", "most_urgent"), [
    # younger adult: not this entry (gastroenteritis-like, routine)
    ("A 25-year-old with abdominal pain and vomiting since yesterday after a takeaway.", 3),
    # a course of months
    ("An 80-year-old with intermittent mild abdominal pain and occasional vomiting for 3 months.", 3),
    ("A 70-year-old with a 2-month history of abdominal pain, weight loss and occasional "
     "vomiting.", 3),
    # diarrhoea and vomiting: the gastroenteritis entries or the drug's side effect decide
    ("A 72-year-old woman has a 6-month history of worsening memory; galantamine is started. Two "
     "weeks later she develops vomiting, mild crampy abdominal pain and watery diarrhea.", 3),
    ("A 78-year-old man with diarrhoea and vomiting and crampy abdominal pain since a buffet "
     "yesterday.", 3),
])
def test_older_adult_near_misses(triager: Triager, text: str, most_urgent: int) -> None:
    acuity, condition = _acuity(triager, text)
    assert acuity >= most_urgent
    assert condition != "acute abdominal pain with vomiting in an older adult"


# ---- 3. a large local reaction to a sting ----
@pytest.mark.parametrize("text", [
    "He is a 29-year-old man who comes in today complaining that he was stung by a yellow jacket "
    "wasp yesterday and now has a lot of swelling in his right hand and right arm. No shortness "
    "of breath.",
    "A 40-year-old woman was stung by a bee on the wrist; swelling extends up to the elbow.",
    "I got stung by a bee on my hand yesterday and now my whole arm is swollen up to the elbow, "
    "I can breathe fine.",
    "A wasp got me on the leg and my whole leg is swollen now.",
])
def test_large_local_sting_reaction_is_not_self_care(triager: Triager, text: str) -> None:
    acuity, condition = _acuity(triager, text)
    assert acuity == 4 and condition == "bite or sting with a large local reaction"


def test_small_sting_stays_self_care_and_anaphylaxis_stays_emergency(triager: Triager) -> None:
    assert _acuity(triager, "Stung by a wasp on the arm, small red itchy lump.")[0] == 5
    assert _acuity(triager, "I got stung by a wasp and now my whole arm is swollen and my lips are "
                            "swelling and I feel wheezy.")[0] <= 2


# ---- 4. a remote accident: the fix was REVERTED (safety review, tests/test_triage_mts_review.py) ----
# The remote-history lead hid every red flag to the end of its sentence and the major_trauma `not`
# blocked the entry anywhere in the text; the flank-pain consult goes back to an over-triage
# (emergency, the safe direction).
def test_remote_history_of_an_accident_is_over_triaged_again(triager: Triager) -> None:
    text = ("The patient is a 46-year-old female who presented with left flank pain.  She does have "
            "a vague history of a bruised left kidney in a motor vehicle accident.  She feels much "
            "better today.")
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"})
    assert rec.acuity == 2 and "major trauma mechanism" in rec.red_flags


@pytest.mark.parametrize("text", [
    # lay-worded trauma emergencies stay emergencies
    "I was in a car crash, my neck and tummy hurt.",
    "I have a history of epilepsy and I was in a car crash, my neck hurts.",
    "I have a remote history of a car crash years ago. Today I was hit by a car at high speed and "
    "my hip hurts.",
    "He has a remote history of a car accident and was in a motorbike crash an hour ago, chest pain.",
    "My son has an old history of a fall from a tree, and he fell from a ladder today and can't "
    "move his leg.",
    # exam-worded
    "A 37-year-old man with a remote history of a motor vehicle accident presents after a "
    "high-speed motor vehicle collision with abdominal pain.",
])
def test_current_trauma_after_a_remote_history_stays_an_emergency(triager: Triager,
                                                                  text: str) -> None:
    assert _acuity(triager, text)[0] <= 2


# ---- the probe's files: ids, offsets and checksums only; labels from the table ----
def test_mts_probe_files_are_well_formed() -> None:
    import csv
    import glob
    import json
    from collections import Counter
    from pathlib import Path

    here = Path(__file__).resolve().parents[1] / "eval" / "data" / "triage_real"
    man = [json.loads(ln) for ln in (here / "mts_manifest.jsonl").read_text().splitlines() if ln]
    assert len(man) == 60 and Counter(r["split"] for r in man) == {"dev": 40, "heldout": 20}
    for r in man:  # no note text is shipped (MTSamples licence)
        assert set(r) == {"id", "source_id", "stratum", "split", "spans", "sha256", "sha256_input"}
    extraction = set()
    for f in glob.glob(str(here.parent / "extraction" / "**" / "manifest.jsonl"), recursive=True):
        extraction |= {json.loads(ln)["id"] for ln in Path(f).read_text().splitlines() if ln}
    # only the two notes extraction probe12 drew after this draw (draw_mts.READ_AFTER_DRAW)
    assert extraction & {r["id"] for r in man} == {"mts-3275", "mts-2303"}

    def rows(name: str) -> list[dict[str, str]]:
        lines = [ln for ln in (here / name).read_text().splitlines() if ln and not ln.startswith("#")]
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))

    table = {r["condition"]: r for r in rows("dispositions.tsv")}
    labels, skipped = rows("mts_dev.tsv"), rows("mts_skipped.tsv")
    dev = {r["id"] for r in man if r["split"] == "dev"}
    assert {r["id"] for r in labels} | {r["id"] for r in skipped} == dev
    assert Counter(r["disposition"] for r in labels) == {
        "emergency": 12, "non_emergency": 17, "self_care": 1}
    for r in labels:
        assert r["rule"] in table, r["id"]
        assert table[r["rule"]]["disposition"] in (r["disposition"], "depends") or r["note"], r["id"]
    # the held-out third: labelled without running the system (README); mts-3275 set aside unread
    held, held_skipped = rows("mts_heldout.tsv"), rows("mts_heldout_skipped.tsv")
    held_ids = {r["id"] for r in man if r["split"] == "heldout"} - {"mts-3275"}
    assert {r["id"] for r in held} | {r["id"] for r in held_skipped} == held_ids
    assert not {r["id"] for r in held} & {r["id"] for r in held_skipped}
    assert Counter(r["disposition"] for r in held) == {
        "emergency": 7, "non_emergency": 4, "self_care": 1}
    for r in held:
        assert r["rule"] in table, r["id"]
        assert table[r["rule"]]["disposition"] in (r["disposition"], "depends") or r["note"], r["id"]
