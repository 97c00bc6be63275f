"""Build the lay self-care set (issue 21): real patient-worded text the project did not write.

    python eval/data/triage_real/lay.py build [--data ../shared/data]

Sources (both in the developers' shared data folder; the text is copied into
``selfcare_lay.jsonl`` with its source and licence):

- HealthBench (OpenAI, MIT; the 104-conversation ``context_seeking`` consensus/hard subset as
  redistributed by protocols-fyi/benchmark.healthbench): the user turns of each conversation,
  joined with newlines, are the presentation. Conversations that present no health problem of
  the writer or their child (diet, exercise or guideline questions, clinicians asking about a
  patient, a bare drug-dose request), or are not in English, are not used.
- ACI-bench (Yim et al. 2023, CC BY 4.0): the HISTORY OF PRESENT ILLNESS (or HPI:) section of the
  reference note of clinic encounters with an acute or musculoskeletal chief complaint
  (clinician-worded, so the set is not all lay text), cut at a sentence end near 700
  characters.

Labels (``LABELS`` below) were set by reading the text, before the triage path was run on
it, with the ``dispositions.tsv`` conventions and NHS self-care guidance for common minor
illness (NHS condition pages named in ``rule``): self_care = home care or a pharmacist
(colds, sore throat, sinusitis, a feverish child who is eating and active (NICE NG143 green),
minor sprains and strains that bear weight, acute back pain without red flags, minor cuts,
sunburn, insect bites, head lice, ringworm, conjunctivitis in a child over 2, emergency
contraception from a pharmacy); non_emergency = a clinician within hours to days (mood
disorders, injuries that could not bear weight or with a pop/instability, chest pain that
comes and goes, swelling of the legs, symptoms lasting weeks); emergency = ED now (none in
this set). A seeded (``SPLIT_SEED``) disposition-stratified third is ``heldout``, frozen before
any tuning.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DATA = REPO.parent / "shared" / "data"
OUT = HERE / "selfcare_lay.jsonl"
SPLIT_SEED = "20261205-lay"
HB_FILE = "healthbench_subset/context_seeking_consensus_hard_104.jsonl"
ACI_FILES = ("train.csv", "valid.csv", "clinicalnlp_taskB_test1.csv",
             "clinicalnlp_taskC_test2.csv", "clef_taskC_test3.csv")

S, N = "self_care", "non_emergency"
# id -> (disposition, rule (NHS page or dispositions.tsv row), note)
LABELS: dict[str, tuple[str, str, str]] = {
    "hb-ac5cc154": (N, "severe hypertension without end-organ symptoms", "high readings on treatment with frequent severe headaches"),
    "hb-6afbbe65": (N, "depression", "low mood for weeks"),
    "hb-9cad4963": (N, "medication side effect", "rash worse on an antibiotic, no swelling or breathing problem stated"),
    "hb-18ac1db8": (S, "NHS: Sleep problems in children", "toddler with trouble sleeping; borderline (a melatonin request)"),
    "hb-24b889da": (S, "NHS: Sinusitis", "sinus infection, no red flags stated"),
    "hb-2c915b71": (N, "depression", ""),
    "hb-c7606b1b": (N, "depression", "months"),
    "hb-a14c7ed6": (S, "NHS: Long-term effects of COVID-19", "mostly better two weeks after Covid, tires when pushing hard"),
    "hb-87fa64df": (N, "panic disorder", "anxious all day"),
    "hb-f7d6994d": (N, "depression", "teenager sad almost every day"),
    "hb-48c89cd1": (N, "sciatica or acute low back pain", "a few weeks without improvement"),
    "hb-21c77b15": (S, "NHS: High temperature (fever) in children", "fever for half a day, no red flags stated"),
    "hb-52216df5": (S, "NHS: Splinters", "no swelling or bleeding"),
    "hb-2b93f371": (S, "NHS: Tension-type headaches", "mild-moderate temple headaches after long workdays"),
    "hb-7cd91e90": (N, "panic disorder", "2 years, severe episodes"),
    "hb-1353ca8b": (N, "depression", "suicidal thoughts without a plan for two months: urgent GP/crisis line, not ED"),
    "hb-1c5c847f": (S, "NHS: Hay fever", "child with mild pollen allergy"),
    "hb-659dee03": (N, "depression", "just had a baby, overwhelmed, cannot sleep (midwife/health visitor)"),
    "hb-63507bb7": (S, "NICE NG143 fever in under 5s (green)", "cough a week, 38.3, eating and active"),
    "hb-3e2283a5": (S, "NHS: Sprains and strains", "twisted, swollen ankle"),
    "hb-9e2670fc": (N, "chronic breathlessness", "winded after 10 minutes of exercise, cause unclear"),
    "hb-4bef196d": (N, "severe hypertension without end-organ symptoms", "145/90 on two drugs"),
    "hb-443a237a": (N, "oedema in an adult (NHS: Swollen ankles, feet and legs)", "heavy, swollen legs and ankles"),
    "hb-f5e8319e": (N, "stable exertional angina", "chest tightness on uphill rides that comes and goes"),
    "hb-dca8bed5": (N, "depression", "mood swings all day a month after birth"),
    "hb-ec002df5": (N, "severe hypertension without end-organ symptoms", "one reading 145/90"),
    "hb-c6e35217": (N, "NHS: Insomnia", "months of poor sleep despite sleep hygiene (see a GP)"),
    "hb-6f827e79": (S, "tinea (fungal skin infection)", "ringworm, asks for OTC treatment"),
    "hb-b135b422": (S, "NHS: Sprains and strains", "pulled leg muscle jogging, sore back from carrying"),
    "hb-81e8b7a2": (N, "NHS: Dizziness", "light-headed since the morning on heart medication"),
    "hb-7074bb7a": (S, "NHS: Head lice and nits", "no broken skin or infection"),
    "hb-694a0360": (N, "panic disorder", "anxious, considering fluoxetine"),
    "hb-afbbffcb": (N, "memory loss, gradual", "81-year-old restless at night"),
    "hb-00656524": (S, "NHS: Conjunctivitis", "4-year-old, red eyes, fever gone"),
    "hb-06902be5": (S, "common cold", "mild fever, runny nose, congestion for two days"),
    "hb-a6204079": (S, "NHS: Cuts and grazes", "small rinsed finger cut"),
    "hb-6f6fd569": (N, "depression", "postnatal depression"),
    "hb-907ca19b": (N, "skin lesion, new or changing", "persistent rash on the arm"),
    "hb-ebff7dc3": (S, "NICE NG143 fever in under 5s / NHS: High temperature in children", "10-year-old, 99.5F, eating, no rash or breathing problem"),
    "hb-78cf0eb8": (S, "NHS: High temperature (fever) in adults", "99.5F for two days with mild headache"),
    "hb-c518a22d": (S, "gastroenteritis or food poisoning", "stomach ache since a sushi dinner last night"),
    "hb-3599cfcc": (S, "NHS: Sensitive teeth", "dentist found no cavity"),
    "hb-6c839785": (N, "asthma", "still wheezing on a preventer: asthma review"),
    "hb-e6474429": (S, "insect or spider bite", "small red bites on the ankles"),
    "hb-2b8b34cf": (S, "NHS: Insomnia", "cannot sleep for street noise, no ear problems"),
    "hb-90f0d376": (N, "severe hypertension without end-organ symptoms", "new high blood pressure"),
    "hb-65ddb50e": (N, "stable exertional angina", "mild chest pressure on and off for a week, tired (see a GP)"),
    "hb-d7fd5cb8": (N, "depression", "sad every day after birth"),
    "hb-63e4e0d4": (N, "NHS: Sore throat", "sore for a while and not going away (over a week: GP)"),
    "hb-f81906d7": (S, "NHS: Sunburn", "mild, no blisters"),
    "hb-025d3bca": (S, "emergency contraception", "pharmacy"),
    "hb-6e6e17c3": (N, "lower urinary tract symptoms", "asks for an antibiotic for a UTI"),
    "hb-a91a22f8": (N, "NHS: Cold hands and feet", "always cold feet, worried about circulation"),
    "hb-88559e03": (S, "acne", "asks for home remedies for acne"),
    "aci-D2N173": (S, "common cold", "a week of cold symptoms moving to the chest, no fever or breathlessness"),
    "aci-D2N088": (N, "chronic breathlessness", "tired and short of breath for a week"),
    "aci-D2N092": (S, "NHS: Sprains and strains / bruises", "arm hit on a pole, mild swelling; borderline (pain on movement)"),
    "aci-D2N094": (N, "suspected fracture without deformity", "jammed finger, no better with ibuprofen"),
    "aci-D2N095": (S, "sciatica or acute low back pain", "back spasm 6 days, no injury"),
    "aci-D2N107": (S, "sciatica or acute low back pain", "back tightness after raking yesterday with foot tingling, no red flags"),
    "aci-D2N111": (N, "acute knee injury", "snap and lateral knee pain a week ago"),
    "aci-D2N115": (N, "NHS: Whiplash", "neck pain 7/10 a week after a collision"),
    "aci-D2N126": (N, "acute knee injury", "pop, could not bear weight, instability"),
    "aci-D2N150": (N, "acute knee injury", "pop, swelling, pain 6-7/10"),
    "aci-D2N154": (S, "NHS: Heel pain", "10 days of heel pain from triathlon training"),
    "aci-D2N162": (N, "suspected fracture without deformity", "could not walk at first, still limping (Ottawa ankle rules)"),
    "aci-D2N042": (N, "suspected fracture without deformity", "pop, could not bear weight at first"),
    "aci-D2N065": (N, "suspected fracture without deformity", "pop, could not walk at first, limping"),
    "aci-D2N060": (N, "suspected fracture without deformity", "crush injury to the foot, needed help off the field"),
    "aci-D2N153": (N, "acute knee injury", "clicking and locking for 2.5 weeks"),
    "aci-D2N190": (N, "acute knee injury", "instability and pain 2 weeks after a fall"),
    "aci-D2N202": (N, "NHS: Shoulder pain", "3 weeks after a fall"),
    "aci-D2N204": (N, "acute knee injury", "pop and swelling after a skiing fall"),
    "aci-D2N052": (N, "renal colic", "a week of flank pain with blood in the urine"),
    "aci-D2N003": (N, "renal colic", "4 days, constant for 48 hours"),
    "aci-D2N114": (N, "headache with red flags", "worsening headaches since adolescence, referred"),
    "aci-D2N112": (N, "chronic back pain with neurogenic claudication", "worse for a month, radiating"),
    "aci-D2N120": (N, "chronic back pain with neurogenic claudication", "2 years, numbness"),
    "aci-D2N148": (N, "chronic back pain with neurogenic claudication", "4 months, leg weakness when carrying"),
    "aci-D2N186": (N, "chronic back pain with neurogenic claudication", "after microdiscectomy"),
}
# Round 3 (issue 21, self-care mechanism): more presentations from the same two sources, read
# and labelled (same conventions) before the triage path ran on them. They all go to ``dev``:
# the frozen held-out third of the first build keeps its rows and is not extended.
LABELS_ADDED: dict[str, tuple[str, str, str]] = {
    "hb-990e70f3": (S, "NHS: Rashes in babies and children", "toddler with a rash on the arm, no red flag stated; borderline (unknown rash)"),
    "hb-20dc2da6": (S, "NHS: Itchy skin / Rashes (pharmacist)", "rash on the arms, asks about a steroid cream; not persistent; borderline"),
    "hb-eb20e1cb": (S, "NHS: Colic", "baby fussy for a few days, no other symptom stated"),
    "hb-eac8fe1e": (N, "medication side effect", "mood change and weight gain weeks after starting the pill (GP or nurse to review)"),
    "hb-3d54ce9f": (N, "medication side effect", "blurred vision with timolol eye drops"),
    "hb-122f0795": (N, "food allergy, no reaction now", "suspected shellfish allergy, no current reaction (allergy assessment)"),
    "hb-a079d928": (N, "abdominal pain", "belly 'killing me' with cramps while travelling"),
    "aci-D2N009": (S, "sciatica or acute low back pain", "5 days after pushing a fridge, no numbness or bladder/bowel change, eased by painkillers; borderline (prior discectomy)"),
    "aci-D2N017": (S, "NHS: Bruises / Sprains and strains", "leg hit by a bowling ball, mild bruising, no swelling, walking"),
    "aci-D2N070": (S, "sciatica or acute low back pain", "lifting strain since Saturday, toe tingling resolved; borderline"),
    "aci-D2N132": (S, "sciatica or acute low back pain", "back twisted against a railing, no radiation"),
    "aci-D2N008": (N, "anaemia / fatigue", "tired and dizzy for months, abnormal labs"),
    "aci-D2N015": (N, "chronic breathlessness", "breathless on mild exercise with palpitations, smoker"),
    "aci-D2N028": (N, "chronic abdominal pain", "two years, more often lately"),
    "aci-D2N034": (N, "NHS: Shoulder pain", "3 weeks without improvement, constant"),
    "aci-D2N036": (N, "carpal tunnel syndrome", "months, with hand weakness"),
    "aci-D2N050": (N, "renal colic, diagnosed", "kidney stone on CT a week ago, 80 years old, referred"),
    "aci-D2N064": (N, "suspected fracture without deformity", "ankle, pain 8/10 a day later (see a clinician for severe pain)"),
    "aci-D2N068": (N, "chronic breathlessness", "5 weeks of fatigue, light-headedness, exertional breathlessness, heart failure"),
    "aci-D2N077": (N, "suspected fracture without deformity", "fall on outstretched hand, pain 9/10, swelling, finger numbness"),
    "aci-D2N093": (N, "heart failure, worsening", "10 days of exertional breathlessness, leg swelling, orthopnoea: same-day GP; borderline"),
    "aci-D2N099": (N, "NICE NG143 fever in under 5s (amber)", "9-month-old with a cold and 37.9, declined feeds (reduced intake); borderline"),
    "aci-D2N105": (N, "heart murmur", "new murmur, declining function, 100 years old"),
    "aci-D2N124": (N, "acute knee or ankle injury with instability", "twisted ankle bearing weight but unstable"),
    "aci-D2N133": (N, "NHS: Knee pain", "a month of knee pain on exercise"),
    "aci-D2N134": (N, "Lyme disease", "positive titre with systemic symptoms"),
    "aci-D2N139": (N, "hypertension with palpitations", "ED visit for palpitations, readings 146-155"),
    "aci-D2N166": (N, "sciatica or acute low back pain", "2 weeks, increasing, now radiating down the leg"),
    "aci-D2N170": (N, "fatigue", "months of fatigue with COPD and heart failure"),
    "aci-D2N179": (N, "peripheral neuropathy", "progressive numbness since an accident"),
    "aci-D2N180": (N, "peripheral neuropathy", "progressive numbness since an accident"),
    "aci-D2N188": (N, "suspected fracture without deformity", "twisted ankle with limp, difficulty walking, numb toes"),
    "aci-D2N201": (N, "chronic back pain", "2 years, with numbness"),
}
# Read and not used in round 3: no complaint or a follow-up of a known condition (aci-D2N001,
# -D2N006, -D2N025, -D2N074, -D2N138, -D2N140, hb-fb59df64, hb-05bb23aa, hb-6d69a1e3,
# hb-ab7752d5, hb-02109c83, hb-88d5a74d), a drug-dose request (hb-aa7a760a, hb-440d0ea5),
# not English (hb-7e576f4a, hb-13dee5c7, hb-0c5bf8dd), nutrition or general questions, and two
# whose disposition I judged ambiguous (aci-D2N004 back pain with foot drop; hb-4315a466 fever
# 102 F with weakness after heavy drinking).


_HPI = re.compile(r"(?:HISTORY OF PRESENT ILLNESS|\bHPI:)\s*(.*?)(?:\n\s*[A-Z][A-Z /&]{3,}(?:\n|:)|$)",
                  re.S)


def _cut(text: str, limit: int = 700) -> str:
    """``text`` cut at the last sentence end before ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    end = text.rfind(". ", 0, limit)
    return text[:end + 1] if end > 0 else text[:limit]


def texts(data: Path) -> dict[str, tuple[str, str]]:
    """id -> (source, presentation text) for every labelled id."""
    out: dict[str, tuple[str, str]] = {}
    with (data / HB_FILE).open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            key = f"hb-{r['prompt_id'][:8]}"
            if key in LABELS or key in LABELS_ADDED:
                users = [m["content"].strip() for m in r["prompt"] if m["role"] == "user"]
                out[key] = (HB_FILE, "\n".join(users))
    for name in ACI_FILES:
        with (data / "aci_bench" / name).open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                key = f"aci-{r['encounter_id']}"
                m = _HPI.search(r["note"])
                if (key in LABELS or key in LABELS_ADDED) and m:
                    out[key] = (f"aci_bench/{name}", _cut(m.group(1)))
    missing = sorted((set(LABELS) | set(LABELS_ADDED)) - set(out))
    if missing:
        raise SystemExit(f"no text for {missing}")
    return out


def build(data: Path) -> None:
    """Write selfcare_lay.jsonl: one row per labelled id, with a seeded stratified split."""
    found = texts(data)
    rows = []
    for key, (disp, rule, note) in LABELS.items():
        source, text = found[key]
        rows.append({"id": key, "source": source, "disposition": disp, "rule": rule,
                     "note": note, "sha256": hashlib.sha256(text.encode()).hexdigest(),
                     "text": text})
    for disp in (S, N):
        group = sorted((r for r in rows if r["disposition"] == disp), key=lambda r: r["id"])
        random.Random(f"{SPLIT_SEED}-{disp}").shuffle(group)
        n_held = round(len(group) / 3)
        for i, r in enumerate(group):
            r["split"] = "heldout" if i < n_held else "dev"
    for key, (disp, rule, note) in LABELS_ADDED.items():  # round 3: dev only, split untouched
        source, text = found[key]
        rows.append({"id": key, "source": source, "disposition": disp, "rule": rule,
                     "note": note, "sha256": hashlib.sha256(text.encode()).hexdigest(),
                     "text": text, "split": "dev"})
    with OUT.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print({(d, s): sum(r["disposition"] == d and r["split"] == s for r in rows)
           for d in (S, N) for s in ("dev", "heldout")})


def main() -> None:
    """CLI."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["build"])
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    build(args.data)


if __name__ == "__main__":
    sys.exit(main())
