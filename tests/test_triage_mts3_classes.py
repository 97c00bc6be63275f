"""Error classes of issue 21, third MTSamples probe (mts3): real transcribed presentations.

Found on ``eval/data/triage_real/mts3_dev.tsv`` (22 MTSamples admission / consult and
outpatient notes drawn by ``draw_mts3.py``, labelled from each note's own diagnosis and
committed in d500d0f before the triage path ran on them; untuned: accuracy 0.591, emergencies
2/7, under-triage 0.227, over-triage 0.182). Classes:

1. a burn described by its extent between two joints ("burning from the elbow to the wrist",
   "the whole forearm") matched no serious-burn feature (acuity 4): ``burn_serious`` reads the
   extent (NHS Burns and scalds: A&E for a burn bigger than the injured person's hand);
2. pain that started at the umbilicus and moved to McBurney's point / the lower right, without
   fever or vomiting, matched nothing (acuity 4): ``appendicitis`` reads the migration
   (NHS Appendicitis; Alvarado score);
3. "inability to swallow anything including her saliva" (food bolus impaction) was routine:
   the airway red flag reads "anything ... including / not even ... saliva" (NHS Swallowing
   problems: A&E / 999 when you cannot swallow your saliva);
4. "decreased mental status" was routine: the altered-mental-status red flag reads a decreased /
   depressed / reduced level of consciousness or mental status (ESI Handbook v4 high risk);
5. homicidal thoughts ("became homicidal ... thoughts about killing his mother") were routine:
   a new red flag "risk of harm to others" (ESI Handbook v4: homicidal patients are high risk;
   NHS mental health crisis: 999 / A&E when someone may harm others);
6. poison ivy (a contact rash) fired the poisoning red flag (acuity 2): "poison ivy / oak /
   sumac" is no longer read as a poisoning unless eaten or its smoke breathed; the contact
   dermatitis self-care entry then stands down for a rash over three or more body regions or
   one that keeps recurring (NHS Contact dermatitis: see a GP). This can lower a level: the
   lay-worded poisonings below stay emergencies.

Each positive below failed on the code before (d500d0f); each near miss stays where it was.
"""

from __future__ import annotations

import pytest
from kb_entry import entry_fires, triage_record  # same folder

from assistant.triage import Triager


def _flags(t: Triager, text: str) -> tuple[int, list[str]]:
    rec = triage_record(t, text)
    assert rec.acuity is not None
    return rec.acuity, list(rec.red_flags)


# ---- 1. a burn whose extent runs between two joints ----
@pytest.mark.parametrize("text", [
    "Burn, right arm. A 41-year-old cook; hot oil splashed onto his arm, burning from the elbow "
    "to the wrist on the medial aspect. He has had it cooled.",
    "A 35-year-old woman scalded the whole forearm with boiling water from a kettle.",
    "I spilt hot soup on my leg and it's burnt from the knee down to the ankle.",
])
def test_burn_by_extent_is_serious(triager: Triager, text: str) -> None:
    assert entry_fires("burn_serious", text)
    assert triage_record(triager, text).acuity <= 2


@pytest.mark.parametrize("text", [
    "26-year-old with a small superficial burn on a finger from a hot pan, red, no blisters.",
    "A 50-year-old typist with numbness and burning from the elbow to the wrist for three months.",
])
def test_burn_extent_near_misses(text: str) -> None:
    assert not entry_fires("burn_serious", text)


# ---- 2. pain migrating from the umbilicus to the right lower quadrant ----
@pytest.mark.parametrize("text", [
    "A 31-year-old woman with sudden onset of pain that started in the umbilical area and "
    "radiated to McBurney's point.",
    "The pain started around my belly button this morning and has now moved to the lower right "
    "side of my tummy.",
    "A 14-year-old boy whose pain began around the navel overnight and is now in the right lower "
    "quadrant.",
])
def test_migrating_umbilical_to_rlq_pain_is_appendicitis(triager: Triager, text: str) -> None:
    assert entry_fires("appendicitis", text)
    assert triage_record(triager, text).acuity <= 2


@pytest.mark.parametrize("text", [
    # umbilical cramps with loose stools, never in the right lower quadrant
    "Cramping pain that started around the belly button after a takeaway, with loose stools.",
    # right lower quadrant pain alone, no second feature
    "A 40-year-old with right lower quadrant discomfort on and off, otherwise well.",
])
def test_migration_near_misses(text: str) -> None:
    assert not entry_fires("appendicitis", text)


# ---- 3. cannot swallow anything, saliva included ----
@pytest.mark.parametrize("text", [
    "A 92-year-old lady comes in this morning with complaints of inability to swallow anything "
    "including her saliva since lunch a day earlier.",
    "I can't swallow anything, not even my own spit, since a bit of steak got stuck.",
    "My dad is unable to swallow anything or even his saliva after eating chicken.",
])
def test_cannot_swallow_anything_including_saliva_is_airway(triager: Triager, text: str) -> None:
    acuity, flags = _flags(triager, text)
    assert "airway compromise" in flags and acuity <= 2


@pytest.mark.parametrize("text", [
    "A 60-year-old with difficulty swallowing anything dry for two months, fine with saliva and "
    "water.",
    "A 45-year-old with reflux; no difficulty swallowing anything, including saliva.",
])
def test_swallowing_near_misses(triager: Triager, text: str) -> None:
    assert "airway compromise" not in _flags(triager, text)[1]


# ---- 4. decreased mental status ----
@pytest.mark.parametrize("text", [
    "38-year-old male admitted from the emergency room, decreased mental status and right upper "
    "lobe pneumonia.",
    "An 80-year-old woman with a depressed level of consciousness since this morning.",
    "My 80-year-old mum has had a decreased level of consciousness since this afternoon.",
])
def test_decreased_mental_status_is_altered(triager: Triager, text: str) -> None:
    acuity, flags = _flags(triager, text)
    assert "altered mental status" in flags and acuity <= 2


@pytest.mark.parametrize("text", [
    "A 55-year-old with decreased mental health since losing his job, sleeping badly.",
    "A 70-year-old with a cough; alert, no decreased level of consciousness.",
])
def test_mental_status_near_misses(triager: Triager, text: str) -> None:
    assert "altered mental status" not in _flags(triager, text)[1]


# ---- 5. risk of harm to others ----
@pytest.mark.parametrize("text", [
    "A 37-year-old man with chronic psychosis who became homicidal and started having thoughts "
    "about killing his mother.",
    "My brother keeps saying he wants to kill his neighbour and has bought a knife.",
    "A 25-year-old man is threatening to stab his girlfriend and will not calm down.",
])
def test_thoughts_of_harming_others_are_high_risk(triager: Triager, text: str) -> None:
    acuity, flags = _flags(triager, text)
    assert "risk of harm to others" in flags and acuity <= 2


@pytest.mark.parametrize("text", [
    "The patient denies suicidal ideation, homicidal ideation, auditory hallucinations, visual "
    "hallucinations, or tactile hallucinations.",
    "He denies suicidal or homicidal ideation.",
    "My manager wants to kill the project and I'm stressed and sleeping badly.",
    "He has no thoughts of harming others; low mood for three weeks.",
])
def test_harm_to_others_near_misses(triager: Triager, text: str) -> None:
    assert "risk of harm to others" not in _flags(triager, text)[1]


# ---- 6. poison ivy is a rash, not a poisoning; widespread contact dermatitis is not self-care ----
@pytest.mark.parametrize("text", [
    "He is a 24-year-old male who got into some poison ivy this weekend while fishing and has "
    "another outbreak along his chest, legs, arms and back.",
    "A 9-year-old with an itchy blistering rash on both legs after playing near poison oak.",
])
def test_poison_ivy_rash_is_not_a_poisoning(triager: Triager, text: str) -> None:
    acuity, flags = _flags(triager, text)
    assert "overdose or poisoning" not in flags
    assert acuity >= 3


@pytest.mark.parametrize("text", [
    "He is a 24-year-old male who got into some poison ivy this weekend and has a rash on his "
    "chest, legs, arms and back.",
    "A 40-year-old with an itchy red rash on her chest, back, arms and legs since a new washing "
    "powder.",
    "A 33-year-old with contact dermatitis from hair dye; he has had several episodes of this in "
    "the past.",
])
def test_widespread_or_recurrent_contact_dermatitis_not_self_care(triager: Triager,
                                                                  text: str) -> None:
    assert not entry_fires("contact_dermatitis_allergen", text)
    assert triage_record(triager, text).acuity == 4


@pytest.mark.parametrize("text", [
    # the entry still fires on a local rash from a known contact
    "A 7-year-old girl has red scaly plaques over both ear lobes a week after she was given "
    "silver earrings.",
    "I'm 30 and touched poison ivy on a hike yesterday, now an itchy red rash on one forearm. "
    "What cream can I use?",
])
def test_local_contact_dermatitis_stays_self_care(text: str) -> None:
    assert entry_fires("contact_dermatitis_allergen", text)


@pytest.mark.parametrize("text", [
    # lay-worded poisonings stay emergencies (the change above can lower a level)
    "My toddler ate some poison ivy leaves an hour ago.",
    "My son swallowed rat poison from the shed.",
    "I think my husband has been poisoned, he is vomiting and confused.",
    "We were burning poison ivy in the garden and now my wife can't stop coughing and is wheezy.",
    "My 3-year-old drank some weed killer poison from a bottle in the garage.",
])
def test_lay_poisonings_stay_emergencies(triager: Triager, text: str) -> None:
    assert triage_record(triager, text).acuity <= 2


# ---- the probe's files: ids, offsets and checksums only; labels from the table ----
def test_mts3_probe_files_are_well_formed() -> None:
    import csv
    import json
    from collections import Counter
    from pathlib import Path

    here = Path(__file__).resolve().parents[1] / "eval" / "data" / "triage_real"
    man = [json.loads(ln) for ln in (here / "mts3_manifest.jsonl").read_text().splitlines() if ln]
    assert len(man) == 40 and {r["split"] for r in man} == {"dev"}
    assert Counter(r["stratum"] for r in man) == {"A": 24, "P": 16}
    for r in man:  # no note text is shipped (MTSamples licence)
        assert set(r) == {"id", "source_id", "stratum", "split", "spans", "sha256", "sha256_input"}
    # no note of the earlier MTSamples triage draws nor of the frozen exclusion
    excluded = set((here / "mts3_excluded_at_draw.txt").read_text().split())
    assert len(excluded) == 419 and not excluded & {r["source_id"] for r in man}
    for name in ("mts_manifest.jsonl", "mts2_manifest.jsonl"):
        earlier = {json.loads(ln)["source_id"] for ln in (here / name).read_text().splitlines() if ln}
        assert earlier <= excluded

    def rows(name: str) -> list[dict[str, str]]:
        lines = [ln for ln in (here / name).read_text().splitlines() if ln and not ln.startswith("#")]
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))

    table = {r["condition"]: r for r in rows("dispositions.tsv")}
    labels, skipped = rows("mts3_dev.tsv"), rows("mts3_skipped.tsv")
    assert {r["id"] for r in labels} | {r["id"] for r in skipped} == {r["id"] for r in man}
    assert not {r["id"] for r in labels} & {r["id"] for r in skipped}
    assert Counter(r["disposition"] for r in labels) == {"emergency": 7, "non_emergency": 15}
    for r in labels:
        assert r["rule"] in table, r["id"]
        assert table[r["rule"]]["disposition"] in (r["disposition"], "depends") or r["note"], r["id"]
