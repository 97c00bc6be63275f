"""Run the triage path (LLM off, default setting) on a fresh dev probe; draw the second probe.

    python eval/data/triage_real/probe.py [--file probe_dev.tsv] [--data ../shared/data]
    python eval/data/triage_real/probe.py --file probe2_dev.tsv
    python eval/data/triage_real/probe.py --file probe3_dev.tsv
    python eval/data/triage_real/probe.py --file selfcare_lay.jsonl    # its dev split
    python eval/data/triage_real/probe.py --draw2 START N     # print probe2 candidates to read
    python eval/data/triage_real/probe.py --draw3 E START N   # probe3 candidates (E, G, M)
    python eval/data/triage_real/probe.py --draw4 E START N   # probe4 candidates (E, G)
    python eval/data/triage_real/probe.py --file probe4_dev.tsv
    python eval/data/triage_real/probe.py --draw5 START N    # probe5 candidates (emergency)
    python eval/data/triage_real/probe.py --file probe5_dev.tsv
    python eval/data/triage_real/probe.py --draw6 E START N  # probe6 candidates (E, G)
    python eval/data/triage_real/probe.py --file probe6_dev.tsv
    python eval/data/triage_real/probe.py --draw7 E START N  # probe7 candidates (E, G)
    python eval/data/triage_real/probe.py --file probe7_dev.tsv
    python eval/data/triage_real/probe.py --draw8 E START N  # probe8 candidates (E, G)
    python eval/data/triage_real/probe.py --file probe8_dev.tsv
    python eval/data/triage_real/probe.py --draw9 S START N  # probe9 candidates (S, L)
    python eval/data/triage_real/probe.py --file probe9_dev.tsv
    python eval/data/triage_real/probe.py --draw10 E START N  # probe10 candidates (E, G)
    python eval/data/triage_real/probe.py --file probe10_dev.tsv
    python eval/data/triage_real/probe.py --file mts_dev.tsv    # MTSamples (draw_mts.py), primary care
    python eval/data/triage_real/probe.py --file mts_heldout.tsv  # its frozen third: once, at the end
    python eval/data/triage_real/probe.py --file mts2_dev.tsv   # second MTSamples draw (draw_mts2.py)
    python eval/data/triage_real/probe.py --file mts3_dev.tsv   # third MTSamples draw (draw_mts3.py)
    python eval/data/triage_real/probe.py --file mts4_dev.tsv   # fourth MTSamples draw (draw_mts4.py)
    python eval/data/triage_real/probe.py --file mts5_dev.tsv   # fifth MTSamples draw (draw_mts5.py)
    python eval/data/triage_real/probe.py --file mts6_dev.tsv   # sixth MTSamples draw (draw_mts6.py)
    python eval/data/triage_real/probe.py --file mts7_dev.tsv   # seventh MTSamples draw (draw_mts7.py)
    python eval/data/triage_real/probe.py --file mts8_dev.tsv   # eighth MTSamples draw (draw_mts8.py)
    python eval/data/triage_real/probe.py --file mts9_dev.tsv   # ninth MTSamples draw (draw_mts9.py)
    python eval/data/triage_real/probe.py --file mts10_dev.tsv [--heldout]  # tenth (draw_mts10.py), split column

Needs the MedQA/MedMCQA files (``draw.py`` reads them); prints one line per case (gold,
predicted, the condition pattern that set the level), the number right per batch and the
3-level rates (``eval.triage_real.disposition_rates``). Both probes are dev: never held out.

``draw2`` is the seeded draw of ``probe2_dev.tsv`` (seed ``PROBE2_SEED``): items of no earlier
set (``labels.jsonl``, ``skipped.jsonl``, ``probe_dev.tsv``), in three batches read in order:
``E`` presentations that name an emergency department, an ambulance or "brought to" (the
``general`` pre-filters for admitted patients, basic-science tails and a question asking for
the diagnosis or next step, plus an age; emergency-rich), ``G`` the ``general`` pool from item
248 on, ``M`` the ``minor`` pool from item 96 on.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw  # noqa: E402

from assistant.config import load_settings  # noqa: E402
from assistant.runtime import Runtime  # noqa: E402
from eval.triage_real import (  # noqa: E402
    ACUITY_TO_DISPOSITION,
    disposition_rates,
    presentation,
)

PROBE2_SEED = "20261205-probe2"
PROBE3_SEED = "20261206-probe3"
PROBE4_SEED = "20261207-probe4"
PROBE5_SEED = "20261208-probe5"
PROBE6_SEED = "20261209-probe6"
PROBE7_SEED = "20261210-probe7"
PROBE8_SEED = "20261211-probe8"
PROBE9_SEED = "20261212-probe9"
PROBE10_SEED = "20261205-probe10"
# Read for self-care probe 2 and not kept (draw_selfcare2.py's note): not drawn again.
SELFCARE2_READ = frozenset(["medqa4-256", "medqa4-106", "medqa4-1222", "medqa4-750", "medqa4-631",
                            "medqa4-427", "medqa4-8", "medqa4-971", "medqa4-266", "medqa4-497"])
# An answer or stem naming a condition whose place of care is the emergency department
# (dispositions.tsv emergency rows), to draw an emergency-rich probe 5.
EMERGENCY_DX = re.compile(
    r"infarction|\bstemi\b|acute coronary|dissection|embolism|tamponade|pneumothorax|"
    r"ectopic|appendicitis|cholecystitis|cholangitis|pancreatitis|perforat|obstruction|"
    r"volvulus|intussusception|ischemi|torsion|meningitis|encephalitis|epiglottitis|sepsis|"
    r"septic|shock|anaphyla|angioedema|stroke|subarachnoid|hemorrhage|haemorrhage|hematoma|"
    r"ketoacidosis|hyperosmolar|overdose|poisoning|toxicity|status epilepticus|"
    r"eclampsia|abruption|placenta previa|preterm labor|compartment syndrome|"
    r"necrotizing|cauda equina|cord compression|tension|thyroid storm|adrenal crisis|"
    r"hyperkalemia|burn|trauma|fracture|asthma exacerbation|pulmonary edema|heart failure|"
    r"peritonitis|abscess|glaucoma|retinal detachment|central retinal|giant cell|"
    r"hypoglycemia|delirium|suicid|diverticulitis|aneurysm|arrhythmia|tachycardia|"
    r"heart block|myocarditis|pericarditis|malignant hyperthermia|neuroleptic", re.I)
_ED = re.compile(r"emergency (department|room)|brought (to|in)|ambulance|paramedic", re.I)


def read_probe(name: str) -> list[dict[str, str]]:
    """Rows of a probe TSV (``#`` comment lines skipped)."""
    lines = [ln for ln in (HERE / name).read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def seen_ids() -> set[str]:
    """Ids of every item already read for an earlier set."""
    ids = {r["id"] for r in draw.read_jsonl(draw.LABELS)}
    ids |= {r["id"] for r in draw.read_jsonl(draw.SKIPPED)}
    return ids | {r["id"] for r in read_probe("probe_dev.tsv")}


def draw2(data: Path) -> list[tuple[str, dict[str, Any]]]:
    """The probe2 candidates in reading order, as (batch, item)."""
    seen = seen_ids()
    items = draw.load_items(data)
    ed = [it for it in items if it["id"] not in seen
          and not draw.ADMITTED.search(it["question"])
          and not draw.NOT_PRESENTATION.search(it["question"][-260:])
          and draw.ASKS.search(it["question"][-260:])
          and draw.AGE.search(it["question"]) and _ED.search(it["question"])]
    ed.sort(key=lambda it: it["id"])
    random.Random(PROBE2_SEED).shuffle(ed)
    taken = seen | {it["id"] for it in ed}
    gen = [it for it in draw.candidates("general", data)[248:] if it["id"] not in taken]
    taken |= {it["id"] for it in gen}
    minor = [it for it in draw.candidates("minor", data)[96:] if it["id"] not in taken]
    return ([("E", it) for it in ed] + [("G", it) for it in gen]
            + [("M", it) for it in minor])


def draw3(data: Path) -> list[tuple[str, dict[str, Any]]]:
    """The probe3 candidates in reading order, as (batch, item).

    No item of any earlier set (``labels.jsonl`` dev and held-out, ``skipped.jsonl``,
    ``probe_dev.tsv``, ``probe2_dev.tsv``), with an age, not admitted, no basic-science
    tail. Batches: ``E`` presentations naming an emergency department / ambulance /
    "brought to" (emergency-rich), ``G`` the other presentations, ``M`` the ``selfcare`` and ``minor`` pre-filters
    (self-care-eligible); each in its own seeded order (``PROBE3_SEED``).
    """
    seen = seen_ids() | {r["id"] for r in read_probe("probe2_dev.tsv")}
    # the earlier probes used up the presentations that ask for a diagnosis or next step
    # (87 left), so the question-tail filter is dropped here: a kept item must still name
    # its condition through the answer plus the stem (the README convention)
    items = [it for it in draw.load_items(data) if it["id"] not in seen
             and not draw.ADMITTED.search(it["question"])
             and not draw.NOT_PRESENTATION.search(it["question"][-260:])
             and draw.AGE.search(it["question"])]
    items.sort(key=lambda it: it["id"])
    ed = [it for it in items if _ED.search(it["question"])]
    minor = [it for it in items if not _ED.search(it["question"])
             and (draw.SELFCARE_Q.search(it["question"])
                  or draw.SELFCARE_A.search(str(it["answer"])))]
    taken = {it["id"] for it in ed + minor}
    gen = [it for it in items if it["id"] not in taken]
    rng = random.Random(PROBE3_SEED)
    for pool in (ed, gen, minor):
        rng.shuffle(pool)
    return ([("E", it) for it in ed] + [("G", it) for it in gen]
            + [("M", it) for it in minor])


def draw4(data: Path) -> list[tuple[str, dict[str, Any]]]:
    """The probe4 candidates in reading order, as (batch, item).

    No item of any earlier set: ``labels.jsonl`` (dev and held-out), ``skipped.jsonl``,
    ``probe_dev.tsv``, ``probe2_dev.tsv``, ``probe3_dev.tsv``, ``probe3_skipped.tsv`` and
    ``selfcare_lay.jsonl``. Same pre-filters as ``draw3`` (an age, not admitted, no
    basic-science tail). Batches: ``E`` presentations naming an emergency department /
    ambulance / "brought to" (emergency-rich), ``G`` all the other presentations; each in
    its own seeded order (``PROBE4_SEED``).
    """
    seen = seen_ids() | {r["id"] for r in read_probe("probe2_dev.tsv")}
    seen |= {r["id"] for r in read_probe("probe3_dev.tsv")}
    seen |= {r["id"] for r in read_probe("probe3_skipped.tsv")}
    seen |= {r["id"] for r in draw.read_jsonl(HERE / "selfcare_lay.jsonl")}
    items = [it for it in draw.load_items(data) if it["id"] not in seen
             and not draw.ADMITTED.search(it["question"])
             and not draw.NOT_PRESENTATION.search(it["question"][-260:])
             and draw.AGE.search(it["question"])]
    items.sort(key=lambda it: it["id"])
    ed = [it for it in items if _ED.search(it["question"])]
    gen = [it for it in items if not _ED.search(it["question"])]
    rng = random.Random(PROBE4_SEED)
    for pool in (ed, gen):
        rng.shuffle(pool)
    return [("E", it) for it in ed] + [("G", it) for it in gen]


def draw5(data: Path) -> list[dict[str, Any]]:
    """The probe5 candidates in reading order (emergency-rich; issue 21 guard audit).

    No item of any earlier set: ``labels.jsonl`` (dev and held-out), ``skipped.jsonl``,
    ``probe_dev.tsv``, ``probe2_dev.tsv``, ``probe3_dev.tsv``, ``probe3_skipped.tsv``,
    ``selfcare_lay.jsonl``, ``probe4_dev.tsv`` and every item read for probe4 (all of its
    ``E`` batch and items 0-214 of ``G``), ``probe_selfcare2_dev.tsv`` / ``_lay.tsv`` and the
    items read for it (:data:`SELFCARE2_READ`). Same pre-filters as ``draw3`` (an age, not
    admitted, no basic-science tail) plus an emergency diagnosis named in the answer or the
    stem (:data:`EMERGENCY_DX`); one seeded order (``PROBE5_SEED``). Batch ``N`` of the TSV (no
    stated age) is :func:`draw5_noage`.
    """
    p4 = draw4(data)
    seen = seen_ids() | {r["id"] for r in read_probe("probe2_dev.tsv")}
    for name in ("probe3_dev.tsv", "probe3_skipped.tsv", "probe4_dev.tsv",
                 "probe_selfcare2_dev.tsv", "probe_selfcare2_lay.tsv"):
        seen |= {r["id"] for r in read_probe(name)}
    seen |= {r["id"] for r in draw.read_jsonl(HERE / "selfcare_lay.jsonl")}
    seen |= {it["id"] for b, it in p4 if b == "E"}
    seen |= {it["id"] for it in [it for b, it in p4 if b == "G"][:215]}
    seen |= SELFCARE2_READ
    items = [it for it in draw.load_items(data) if it["id"] not in seen
             and not draw.ADMITTED.search(it["question"])
             and not draw.NOT_PRESENTATION.search(it["question"][-260:])
             and draw.AGE.search(it["question"])
             and (EMERGENCY_DX.search(str(it["answer"])) or EMERGENCY_DX.search(it["question"]))]
    items.sort(key=lambda it: it["id"])
    random.Random(PROBE5_SEED).shuffle(items)
    return items


def draw5_noage(data: Path) -> list[dict[str, Any]]:
    """Probe5 batch ``N``: unread items with no stated age (not in :func:`draw5`, nor read for
    probe4 at all), a presentation verb (``draw.MM_PRESENTS``), not admitted, no basic-science
    tail, more than 120 characters and an emergency word in the answer; in id order."""
    p5 = {it["id"] for it in draw5(data)}
    p4 = {it["id"] for _, it in draw4(data)}
    seen = seen_ids() | {r["id"] for r in read_probe("probe2_dev.tsv")} | p5 | p4
    for name in ("probe3_dev.tsv", "probe3_skipped.tsv", "probe4_dev.tsv",
                 "probe_selfcare2_dev.tsv", "probe_selfcare2_lay.tsv"):
        seen |= {r["id"] for r in read_probe(name)}
    seen |= {r["id"] for r in draw.read_jsonl(HERE / "selfcare_lay.jsonl")} | SELFCARE2_READ
    return [it for it in draw.load_items(data) if it["id"] not in seen
            and not draw.ADMITTED.search(it["question"])
            and not draw.NOT_PRESENTATION.search(it["question"][-260:])
            and draw.MM_PRESENTS.search(it["question"]) and len(it["question"]) > 120
            and EMERGENCY_DX.search(str(it["answer"]))]


def all_read_ids() -> set[str]:
    """Ids of every item listed by an earlier set (labels dev and held-out, skips, probes 1-5,
    probe3 skips, both self-care probe 2 files, the items read for it, the lay set)."""
    seen = seen_ids() | {r["id"] for r in read_probe("probe2_dev.tsv")}
    for name in ("probe3_dev.tsv", "probe3_skipped.tsv", "probe4_dev.tsv", "probe5_dev.tsv",
                 "probe_selfcare2_dev.tsv", "probe_selfcare2_lay.tsv"):
        seen |= {r["id"] for r in read_probe(name)}
    seen |= {r["id"] for r in draw.read_jsonl(HERE / "selfcare_lay.jsonl")}
    return seen | SELFCARE2_READ


def draw6(data: Path) -> list[tuple[str, dict[str, Any]]]:
    """The probe6 candidates in reading order, as (batch, item).

    Every earlier pool (``draw.py``'s four, draws 2-5, ``draw_selfcare2.py``) dropped items whose
    text names an admission word (``draw.ADMITTED``: "underwent", "hospitalized", "nursing
    home", "delivered" ... often a past event) or whose question tail is basic science
    (``draw.NOT_PRESENTATION``: mechanism, "gene" also matching "generalized" ...), so no
    earlier probe can have read them. Probe6 reads exactly those: an age stated, no item of
    :func:`all_read_ids`. Batch ``E``: a presentation naming an emergency department /
    ambulance / "brought to" (emergency-rich); ``G``: the others. Each batch in its own seeded
    order (``PROBE6_SEED``); the reader skips true inpatients (in the ICU, after surgery, in
    labour) and items whose disposition is ambiguous.
    """
    seen = all_read_ids()
    items = [it for it in draw.load_items(data) if it["id"] not in seen
             and draw.AGE.search(it["question"])
             and (draw.ADMITTED.search(it["question"])
                  or draw.NOT_PRESENTATION.search(it["question"][-260:]))]
    items.sort(key=lambda it: it["id"])
    ed = [it for it in items if _ED.search(it["question"])]
    gen = [it for it in items if not _ED.search(it["question"])]
    rng = random.Random(PROBE6_SEED)
    for pool in (ed, gen):
        rng.shuffle(pool)
    return [("E", it) for it in ed] + [("G", it) for it in gen]


def draw6_noage(data: Path) -> list[tuple[str, dict[str, Any]]]:
    """Probe6 batch ``N`` (added after the first probe6 tuning, labelled before any run): items
    with no stated age that name an emergency department / ambulance / "brought to", of no
    earlier set and not in :func:`draw6`; one seeded order (``PROBE6_SEED``)."""
    seen = all_read_ids() | {it["id"] for _, it in draw6(data)}
    items = [it for it in draw.load_items(data) if it["id"] not in seen
             and not draw.AGE.search(it["question"]) and _ED.search(it["question"])]
    items.sort(key=lambda it: it["id"])
    random.Random(f"{PROBE6_SEED}-N").shuffle(items)
    return [("N", it) for it in items]


def read_before_probe7(data: Path) -> set[str]:
    """Every id any earlier draw listed or may have shown a reader (conservative: whole pools
    where the read range was not recorded): :func:`all_read_ids`, ``probe6_dev.tsv``, all of
    draws 2 (every batch), 3 (every batch), 4 (``E``; ``G`` 0-214), 5 and 5 ``N``, 6 (``E``,
    ``N``; ``G`` 0-29), and ``draw.py``'s four pools in full. Ids only: no text is read."""
    seen = all_read_ids() | {r["id"] for r in read_probe("probe6_dev.tsv")}
    seen |= {it["id"] for _, it in draw2(data)}
    p4 = draw4(data)
    seen |= {it["id"] for b, it in p4 if b == "E"}
    seen |= {it["id"] for it in [it for b, it in p4 if b == "G"][:215]}
    seen |= {it["id"] for it in draw5(data)} | {it["id"] for it in draw5_noage(data)}
    p6 = draw6(data)
    seen |= {it["id"] for b, it in p6 if b == "E"} | {it["id"] for _, it in draw6_noage(data)}
    seen |= {it["id"] for it in [it for b, it in p6 if b == "G"][:30]}
    for pool in ("general", "minor", "selfcare", "medmcqa"):
        seen |= {it["id"] for it in draw.candidates(pool, data)}
    return seen


def draw7(data: Path) -> list[tuple[str, dict[str, Any]]]:
    """The probe7 candidates in reading order, as (batch, item) (issue 21, emergency recall).

    No id of :func:`read_before_probe7` (which holds ``labels.jsonl`` dev AND held-out ids by
    id only, ``skipped.jsonl``, every probe TSV, the probe3 skips, the self-care sets and every
    earlier draw's read range). The presentations naming an emergency department / ambulance
    are used up (and nearly every unread item is a MedMCQA one-liner), so batch ``E`` is
    emergency-rich by wording: a presentation verb (``draw.MM_PRESENTS``), over 100 characters
    and an emergency diagnosis word (:data:`EMERGENCY_DX`) in the answer or the stem; ``G``: the
    other items with a presentation verb and a stated age. Each in
    its own seeded order (``PROBE7_SEED``); the reader skips inpatients, basic-science
    questions and ambiguous dispositions.
    """
    seen = read_before_probe7(data)
    items = [it for it in draw.load_items(data) if it["id"] not in seen
             and draw.MM_PRESENTS.search(it["question"])]
    items.sort(key=lambda it: it["id"])
    ed = [it for it in items if len(it["question"]) > 100
          and (EMERGENCY_DX.search(str(it["answer"])) or EMERGENCY_DX.search(it["question"]))]
    eds = {it["id"] for it in ed}
    gen = [it for it in items if it["id"] not in eds and draw.AGE.search(it["question"])]
    rng = random.Random(PROBE7_SEED)
    for pool in (ed, gen):
        rng.shuffle(pool)
    return [("E", it) for it in ed] + [("G", it) for it in gen]


def read_before_probe8(data: Path) -> set[str]:
    """Every id read or shown before probe8: :func:`read_before_probe7`, ``probe7_dev.tsv`` and
    draw7's read range (``E`` all, ``G`` 0-39). Ids only: no text is read."""
    seen = read_before_probe7(data) | {r["id"] for r in read_probe("probe7_dev.tsv")}
    p7 = draw7(data)
    seen |= {it["id"] for b, it in p7 if b == "E"}
    seen |= {it["id"] for it in [it for b, it in p7 if b == "G"][:40]}
    return seen


def draw8(data: Path) -> list[tuple[str, dict[str, Any]]]:
    """The probe8 candidates in reading order, as (batch, item) (issue 21, emergency recall).

    No id of :func:`read_before_probe8` (held-out ids included, by id only). Draw7's batch ``E``
    (presentation verb + emergency word) is used up, so batch ``E`` here is an unread item over
    100 characters with an emergency word (:data:`EMERGENCY_DX`) in the answer or stem, with or
    without an age or a presentation verb (56 items); ``G``: the other unread items with a
    presentation verb and an age. Each in its own seeded order (``PROBE8_SEED``); the reader
    skips inpatients, basic-science questions and ambiguous dispositions.
    """
    seen = read_before_probe8(data)
    items = [it for it in draw.load_items(data) if it["id"] not in seen]
    items.sort(key=lambda it: it["id"])
    ed = [it for it in items if len(it["question"]) > 100
          and (EMERGENCY_DX.search(str(it["answer"])) or EMERGENCY_DX.search(it["question"]))]
    eds = {it["id"] for it in ed}
    gen = [it for it in items if it["id"] not in eds and draw.AGE.search(it["question"])
           and draw.MM_PRESENTS.search(it["question"])]
    rng = random.Random(PROBE8_SEED)
    for pool in (ed, gen):
        rng.shuffle(pool)
    return [("E", it) for it in ed] + [("G", it) for it in gen]


# Probe9 (issue 21, self-care recall): a condition NHS public guidance or NHS England's OTC /
# Pharmacy First lists treat at home or with a pharmacist, or a benign variant answered with
# reassurance, named in the answer or the stem.
SELFCARE_DX = re.compile(
    r"common cold|coryza|rhinitis|sinusitis|otitis media|conjunctivitis|cold sore|herpes labialis|"
    r"\bwarts?\b|verruca|molluscum|pityriasis|head lice|pediculosis|scabies|\bacne\b|eczema|"
    r"atopic dermatitis|seborrh|cradle cap|slapped cheek|erythema infectiosum|fifth disease|"
    r"hand,? foot|roseola|exanthem subitum|teething|colic|constipation|hemorrhoid|haemorrhoid|"
    r"heartburn|dyspepsia|reflux|tension[- ]type|sprain|strain\b|plantar fasci|epicondyl|"
    r"insect bite|sting\b|sunburn|stye|hordeolum|subconjunctival|epistaxis|nosebleed|"
    r"engorgement|gyn(a)?ecomastia|innocent murmur|flow murmur|still'?s murmur|breath[- ]holding|"
    r"growing pains|milia|erythema toxicum|mongolian|dermal melanocytosis|reassur|"
    r"physiologic|benign|self[- ]limit|tinea|urticaria|hives|aphthous|dandruff|diaper|napkin|"
    r"threadworm|pinworm|enterobius|chickenpox|varicella|pharyngitis|sore throat|"
    r"dysmenorrh|costochondritis|hiccup|jet lag|motion sickness|night terrors|nocturnal enuresis",
    re.I)
# the look-alikes: the same complaint areas (skin, eye, ear, nose, throat, cough, head, limb,
# belly, breast, an infant's crying or feeding), answered with anything
LOOKALIKE_AREA = re.compile(
    r"\brash|lesion|papule|vesicle|itch|prurit|\beye|\bear\b|earache|nasal|nose|throat|cough|"
    r"headache|\bknee|ankle|elbow|heel|wrist|shoulder|abdominal pain|stool|breast|crying|"
    r"irritab|feeding|fever|murmur|spells", re.I)


def read_before_probe9(data: Path) -> set[str]:
    """Every id read or shown before probe9: :func:`read_before_probe8`, ``probe8_dev.tsv`` and
    draw8's read range (``E`` all, ``G`` 0-74). Ids only: no text is read."""
    seen = read_before_probe8(data) | {r["id"] for r in read_probe("probe8_dev.tsv")}
    p8 = draw8(data)
    seen |= {it["id"] for b, it in p8 if b == "E"}
    seen |= {it["id"] for it in [it for b, it in p8 if b == "G"][:75]}
    return seen


def draw9(data: Path) -> list[tuple[str, dict[str, Any]]]:
    """The probe9 candidates in reading order, as (batch, item) (issue 21, self-care recall).

    No id of :func:`read_before_probe9` (held-out ids included, by id only); over 80
    characters. Batch ``S``: a self-care condition (:data:`SELFCARE_DX`) in the answer or the
    stem; ``L``: the look-alikes, the other items with an age or a presentation verb whose stem
    names the same complaint areas (:data:`LOOKALIKE_AREA`). Both in one seeded
    order each (``PROBE9_SEED``); the reader skips inpatients, basic-science questions and
    ambiguous dispositions.
    """
    seen = read_before_probe9(data)
    # the unread pool is nearly all MedMCQA one-liners (78 unread items state an age), so no
    # age is required: a vignette over 80 characters
    items = [it for it in draw.load_items(data) if it["id"] not in seen
             and len(it["question"]) > 80]
    items.sort(key=lambda it: it["id"])
    sc = [it for it in items
          if SELFCARE_DX.search(str(it["answer"])) or SELFCARE_DX.search(it["question"])]
    scs = {it["id"] for it in sc}
    look = [it for it in items if it["id"] not in scs
            and (draw.AGE.search(it["question"]) or draw.MM_PRESENTS.search(it["question"]))
            and LOOKALIKE_AREA.search(it["question"])]
    rng = random.Random(PROBE9_SEED)
    for pool in (sc, look):
        rng.shuffle(pool)
    return [("S", it) for it in sc] + [("L", it) for it in look]


def read_before_probe10(data: Path) -> set[str]:
    """Every id read or shown before probe10: :func:`read_before_probe9`, ``probe9_dev.tsv`` and
    draw9's read range (``S`` all, ``L`` all, plus the shorter ``SELFCARE_DX`` matches its header
    says were read: every unread item of 80 characters or less naming one). Ids only."""
    seen = read_before_probe9(data) | {r["id"] for r in read_probe("probe9_dev.tsv")}
    seen |= {it["id"] for _, it in draw9(data)}
    seen |= {it["id"] for it in draw.load_items(data) if it["id"] not in seen
             and len(it["question"]) <= 80
             and (SELFCARE_DX.search(str(it["answer"])) or SELFCARE_DX.search(it["question"]))}
    return seen


def draw10(data: Path) -> list[tuple[str, dict[str, Any]]]:
    """The probe10 candidates in reading order, as (batch, item) (issue 21, emergency recall).

    No id of :func:`read_before_probe10` (held-out ids included, by id only). The unread pool is
    2,600 items, nearly all MedMCQA one-liners (57 state an age), and draw8 read every emergency
    word over 100 characters, so: batch ``E``: over 60 characters with an emergency word
    (:data:`EMERGENCY_DX`) in the answer or stem (emergency-rich); ``G``: the other unread MedQA
    items and the items over 80 characters with an age or a presentation verb. Each in its own
    seeded order (``PROBE10_SEED``); the reader skips basic science, inpatients and ambiguous
    dispositions, and the read range goes in ``probe10_dev.tsv``'s header and
    ``probe10_skipped.tsv``.
    """
    seen = read_before_probe10(data)
    items = [it for it in draw.load_items(data) if it["id"] not in seen]
    items.sort(key=lambda it: it["id"])
    ed = [it for it in items if len(it["question"]) > 60
          and (EMERGENCY_DX.search(str(it["answer"])) or EMERGENCY_DX.search(it["question"]))]
    eds = {it["id"] for it in ed}
    gen = [it for it in items if it["id"] not in eds
           and (it["id"].startswith("medqa4-")
                or (len(it["question"]) > 80 and (draw.AGE.search(it["question"])
                                                  or draw.MM_PRESENTS.search(it["question"]))))]
    rng = random.Random(PROBE10_SEED)
    for pool in (ed, gen):
        rng.shuffle(pool)
    return [("E", it) for it in ed] + [("G", it) for it in gen]


def main() -> None:
    """CLI."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=draw.DATA)
    ap.add_argument("--file", default="probe_dev.tsv",
                    help="probe_dev.tsv, probe2_dev.tsv, labels.jsonl or selfcare_lay.jsonl")
    ap.add_argument("--draw2", type=int, nargs=2, metavar=("START", "N"))
    ap.add_argument("--draw3", nargs=3, metavar=("BATCH", "START", "N"),
                    help="print probe3 candidates of one batch (E, G or M) to read")
    ap.add_argument("--draw4", nargs=3, metavar=("BATCH", "START", "N"),
                    help="print probe4 candidates of one batch (E or G) to read")
    ap.add_argument("--draw5", type=int, nargs=2, metavar=("START", "N"),
                    help="print probe5 candidates (emergency-rich) to read")
    ap.add_argument("--draw6", nargs=3, metavar=("BATCH", "START", "N"),
                    help="print probe6 candidates of one batch (E, G or N) to read")
    ap.add_argument("--draw7", nargs=3, metavar=("BATCH", "START", "N"),
                    help="print probe7 candidates of one batch (E or G) to read")
    ap.add_argument("--draw8", nargs=3, metavar=("BATCH", "START", "N"),
                    help="print probe8 candidates of one batch (E or G) to read")
    ap.add_argument("--draw9", nargs=3, metavar=("BATCH", "START", "N"),
                    help="print probe9 candidates of one batch (S or L) to read")
    ap.add_argument("--draw10", nargs=3, metavar=("BATCH", "START", "N"),
                    help="print probe10 candidates of one batch (E or G) to read")
    ap.add_argument("--misses", action="store_true", help="print only the misses")
    ap.add_argument("--heldout", action="store_true",
                    help="score the held-out split of labels.jsonl / selfcare_lay.jsonl (once, "
                         "at the end; never tune on it)")
    args = ap.parse_args()
    # the draws print candidates to read, in seeded order: (pool, first index, count)
    listing: tuple[list[dict[str, Any]], int, int] | None = None
    if args.draw2:
        start, n = args.draw2
        listing = ([dict(it, batch=b) for b, it in draw2(args.data)], start, n)
    elif (args.draw3 or args.draw4 or args.draw6 or args.draw7 or args.draw8 or args.draw9
          or args.draw10):
        batch, first, n = (args.draw3 or args.draw4 or args.draw6 or args.draw7 or args.draw8
                           or args.draw9 or args.draw10)
        pool = (draw3(args.data) if args.draw3 else draw4(args.data) if args.draw4
                else draw7(args.data) if args.draw7 else draw8(args.data) if args.draw8
                else draw9(args.data) if args.draw9
                else draw10(args.data) if args.draw10
                else draw6(args.data) + draw6_noage(args.data))
        listing = ([dict(it, batch=b) for b, it in pool if b == batch], int(first), int(n))
    elif args.draw5:
        start, n = args.draw5
        listing = (draw5(args.data), start, n)
    if listing is not None:
        pool_items, first, n = listing
        for i, it in enumerate(pool_items[first:first + n], start=first):
            tag = f"{it['batch']} " if "batch" in it else ""
            print(f"#{i} {tag}{it['id']} | ANSWER: {it['answer']}\n"
                  f"  {presentation(it['question'])}\n")
        return
    items = {it["id"]: it for it in draw.load_items(args.data)}
    split = "heldout" if args.heldout else "dev"
    texts: dict[str, str] = {}
    if args.file == "labels.jsonl":
        # one split of the frozen set: dev to tune on; the held-out third is scored once
        rows = [{"batch": split, **r} for r in draw.read_jsonl(draw.LABELS)
                if r["split"] == split]
    elif args.file == "selfcare_lay.jsonl":
        # the lay self-care set (lay.py) ships its text; one split, as above
        rows = [{"batch": r["source"].split("/")[0], **r}
                for r in draw.read_jsonl(HERE / args.file) if r["split"] == split]
        texts = {r["id"]: r["text"] for r in rows}
    elif args.file in ("mts_dev.tsv", "mts_heldout.tsv"):
        # MTSamples (draw_mts.py): the text is rebuilt from the CSV by manifest offsets; the
        # held-out file is labelled without running triage and scored once, at the end
        import draw_mts

        mts_split = "heldout" if args.file == "mts_heldout.tsv" else "dev"
        texts = {rec["id"]: inp for rec, _full, inp in draw_mts.load(args.data, mts_split)}
        rows = [r for r in read_probe(args.file) if r["id"] in texts]
    elif re.fullmatch(r"mts[2-9]_dev\.tsv", args.file):
        # the later MTSamples draws (draw_mts2.py .. draw_mts9.py; mts7, mts8, mts9 untuned measurements):
        # all dev, text rebuilt from the CSV as above
        drawer = importlib.import_module(f"draw_{args.file.split('_')[0]}")
        texts = {rec["id"]: inp for rec, _full, inp in drawer.load(args.data)}
        rows = [r for r in read_probe(args.file) if r["id"] in texts]
    elif args.file == "mts10_dev.tsv":
        # the tenth MTSamples draw (draw_mts10.py): a seeded third is held out (split column),
        # labelled with the rest before triage ran; --heldout scores it, once, at the end
        import draw_mts10

        texts = {rec["id"]: inp for rec, _full, inp in draw_mts10.load(args.data, split)}
        rows = [r for r in read_probe(args.file) if r["id"] in texts and r["split"] == split]
    else:
        rows = read_probe(args.file)
    setting = "primary_care" if re.match(r"mts([2-9]|10)?_", args.file) else None
    score_rows([(r, texts.get(r["id"]) or presentation(items[r["id"]]["question"])) for r in rows],
               args.file, args.misses, setting)


def score_rows(rows: list[tuple[dict[str, str], str]], name: str, misses: bool = False,
               setting: str | None = None) -> None:
    """Triage each (label row, text) with the LLM off and print the misses, batch counts and rates."""
    triager = Runtime(load_settings(None, {"use_llm": False})).triager
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    gold: list[str] = []
    pred: list[str] = []
    for r, text in rows:
        case = {"id": r["id"], "text": text}
        if setting:
            case["setting"] = setting
        rec = triager.triage(case)
        p = ACUITY_TO_DISPOSITION[rec.acuity] if rec.acuity is not None else "non_emergency"
        gold.append(r["disposition"])
        pred.append(p)
        total[r["batch"]] += 1
        right[r["batch"]] += p == r["disposition"]
        if p != r["disposition"] or not misses:
            flag = "" if p == r["disposition"] else "  <- miss"
            print(f"{r['batch']} {r['id']}: gold {r['disposition']}, predicted {p} "
                  f"({rec.condition or '-'}; red flags {rec.red_flags}){flag}")
    for b in sorted(total):
        print(f"batch {b}: {right[b]}/{total[b]}")
    rates = disposition_rates(gold, pred)
    print(" ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                   for k, v in rates.items()))

if __name__ == "__main__":
    main()
