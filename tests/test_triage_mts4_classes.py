"""Error classes of issue 21, fourth MTSamples probe (mts4): real transcribed presentations.

Found on ``eval/data/triage_real/mts4_dev.tsv`` (17 MTSamples admission / consult and
outpatient notes drawn by ``draw_mts4.py``, labelled from each note's own diagnosis and
committed in 7823a36 before the triage path ran on them; untuned: accuracy 0.706, emergencies
9/11, self-care 0/1, under-triage 0.176, over-triage 0.118). Classes:

1. a cut that "continues to bleed" after superglue and gauze (hand lacerations from a glass) read
   as a laceration needing closure (routine), and in lay words "still bleeding through the
   bandage" reached the minor-cut self-care entry: a new entry ``wound_bleeding_despite_first_aid``
   (NHS Cuts and grazes: A&E when the bleeding does not stop after pressing on it);
2. a hand eczema flare on prescribed triamcinolone, with cracked, fissured skin and "hives" named
   only in a list of her conditions, went to self-care through the hives entry (and, without
   it, the eczema entry): the hives, eczema and mild-dry-skin self-care entries stand down when
   treatment is not working, the eczema entry also on a prescription-only topical steroid or
   calcineurin inhibitor, the hives entry for eczema or cracked / fissured skin (NHS Atopic
   eczema and Hives: see a GP when treatment is not working; NHS Topical corticosteroids).
   This moves self-care to routine only (no level is lowered); lay-worded emergencies pinned;
3. abdominal pain told as a verb ("his tummy hurts", "her belly has been hurting") was not read
   by the older-adult abdominal pain with vomiting entries (ESI Handbook v4 high risk): both
   read it now (mts-3291 itself stays routine: its diarrhoea keeps the entries' exclusion).

Each positive below failed on the code before (7823a36); each near miss stays where it was.
"""

from __future__ import annotations

import pytest
from kb_entry import entry_fires, triage_record  # same folder

from assistant.triage import Triager


# ---- 1. a wound still bleeding despite first aid ----
@pytest.mark.parametrize("text", [
    "A 19-year-old male punched a drinking glass, lacerating his right hand. The wound was "
    "cleaned and someone tried to use superglue and gauze to repair it. However, it continues "
    "to bleed and he is here for evaluation.",
    "I cut my hand on a glass an hour ago and it keeps bleeding even though I put a plaster on it.",
    "My son cut his knee, it is still bleeding through the bandage.",
    "I sliced my finger with a knife, the tea towel is soaked and it's still bleeding.",
])
def test_wound_bleeding_despite_first_aid_is_emergency(triager: Triager, text: str) -> None:
    assert entry_fires("wound_bleeding_despite_first_aid", text)
    assert triage_record(triager, text).acuity <= 2


@pytest.mark.parametrize("text, acuity", [
    ("19-year-old who cut his hand on a glass an hour ago; the bleeding stopped with pressure "
     "and the cut gapes.", 4),
    ("My son cut his knee, it bled a bit but it is not bleeding now.", 5),
    ("I had a small paper cut on the finger, bleeding stopped.", 5),
    ("She has had her period for 10 days and keeps bleeding.", 4),
])
def test_wound_bleeding_near_misses(triager: Triager, text: str, acuity: int) -> None:
    assert not entry_fires("wound_bleeding_despite_first_aid", text)
    assert triage_record(triager, text).acuity == acuity


# ---- 2. skin self-care entries stand down when treatment is not working ----
@pytest.mark.parametrize("text", [
    "A 29-year-old, established patient of dermatology, comes in for reevaluation of her hand "
    "eczema. I have treated her with Aristocort cream and moisturizing lotion. She comes in today "
    "because she is flaring. Her hands are very dry, they are cracked, and the cleansing lotion "
    "causes burning and pain because of the fissures in her skin. The patient has asthma, sinus, "
    "hives, and history of psoriasis.",
    "My hands are cracked and sore from eczema and the cream isn't helping.",
    "My eczema is flaring even though I use the betamethasone cream the doctor gave me.",
    "I've had itchy hives since yesterday and the antihistamine isn't helping, no swelling of lips.",
])
def test_skin_flare_with_failed_treatment_is_not_self_care(triager: Triager, text: str) -> None:
    assert triage_record(triager, text).acuity <= 4


@pytest.mark.parametrize("entry, text", [
    ("eczema_dermatitis", "8-year-old with an itchy dry red patch of eczema behind the knees, "
                          "flaring this week."),
    ("eczema_dermatitis", "My eczema is flaring up on my arms, itchy and dry, what cream can I buy?"),
    ("dry_skin", "My hands are dry and cracked from washing, which hand cream should I use?"),
    ("urticaria", "30-year-old with itchy raised hives on the trunk after eating shellfish, no lip "
                  "swelling, breathing normally."),
    # a prescription steroid named for eczema that is not flaring (selfcare_lay aci-D2N017 shape)
    ("eczema_dermatitis", "My eczema is itchy and dry on my elbows again; I use fluocinonide "
                          "cream for it. Which emollient should I buy?"),
])
def test_skin_self_care_near_misses_stay(triager: Triager, entry: str, text: str) -> None:
    assert entry_fires(entry, text)
    assert triage_record(triager, text).acuity == 5


def test_a_bruised_leg_with_eczema_on_a_steroid_stays_self_care(triager: Triager) -> None:
    text = ("A 43-year-old hit her leg with a bowling ball and fell; mild bruising, no swelling, "
            "walking carefully, taking ibuprofen. She has atopic eczema and takes Fluocinonide "
            "topical cream for it.")
    assert triage_record(triager, text).acuity == 5


@pytest.mark.parametrize("text", [
    "I've come out in hives after a wasp sting, my lips are swelling and I'm wheezing, the "
    "antihistamine isn't helping.",
    "My son has eczema and it isn't getting better, now it's weeping with painful blisters and he "
    "has a fever.",
    "I cut my arm on glass and blood is spurting out, it won't stop.",
])
def test_lay_emergencies_stay_emergencies(triager: Triager, text: str) -> None:
    assert triage_record(triager, text).acuity <= 2


# ---- 3. abdominal pain told as a verb in an older adult who is vomiting ----
@pytest.mark.parametrize("text", [
    "My 80-year-old dad has been vomiting since this morning and his tummy hurts.",
    "An 85-year-old woman has vomited twice and says her belly has been hurting since last night.",
    "My elderly mother keeps being sick and her stomach is hurting her.",
])
def test_older_adult_tummy_hurts_with_vomiting_is_emergency(triager: Triager, text: str) -> None:
    assert triage_record(triager, text).acuity <= 2


@pytest.mark.parametrize("text", [
    "My 40-year-old husband has been vomiting since this morning and his tummy hurts.",
    "My 80-year-old dad has had tummy aches on and off for months and was sick once today.",
])
def test_older_adult_tummy_hurts_near_misses(triager: Triager, text: str) -> None:
    assert not entry_fires("abdominal_pain_vomiting_older_adult", text)
    assert not entry_fires("abdominal_pain_vomiting_older_adult_unaged", text)


# ---- the probe's files: ids, offsets and checksums only; exclusion frozen; labels from the table ----
def test_mts4_probe_files_are_well_formed() -> None:
    import csv
    import json
    from collections import Counter
    from pathlib import Path

    here = Path(__file__).resolve().parents[1] / "eval" / "data" / "triage_real"
    man = [json.loads(ln) for ln in (here / "mts4_manifest.jsonl").read_text().splitlines() if ln]
    assert len(man) == 40 and {r["split"] for r in man} == {"dev"}
    assert Counter(r["stratum"] for r in man) == {"A": 30, "P": 10}
    for r in man:  # no note text is shipped (MTSamples licence)
        assert set(r) == {"id", "source_id", "stratum", "split", "spans", "sha256", "sha256_input"}
    excluded = set((here / "mts4_excluded_at_draw.txt").read_text().split())
    assert len(excluded) == 988 and not excluded & {r["source_id"] for r in man}
    for name in ("mts_manifest.jsonl", "mts2_manifest.jsonl", "mts3_manifest.jsonl"):
        earlier = {json.loads(ln)["source_id"] for ln in (here / name).read_text().splitlines() if ln}
        assert earlier <= excluded
    assert set((here / "mts3_excluded_at_draw.txt").read_text().split()) <= excluded

    def rows(name: str) -> list[dict[str, str]]:
        lines = [ln for ln in (here / name).read_text().splitlines() if ln and not ln.startswith("#")]
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))

    table = {r["condition"]: r for r in rows("dispositions.tsv")}
    labels, skipped = rows("mts4_dev.tsv"), rows("mts4_skipped.tsv")
    assert {r["id"] for r in labels} | {r["id"] for r in skipped} == {r["id"] for r in man}
    assert not {r["id"] for r in labels} & {r["id"] for r in skipped}
    assert Counter(r["disposition"] for r in labels) == {"emergency": 11, "non_emergency": 5,
                                                         "self_care": 1}
    for r in labels:
        assert r["rule"] in table, r["id"]
        assert table[r["rule"]]["disposition"] in (r["disposition"], "depends") or r["note"], r["id"]
