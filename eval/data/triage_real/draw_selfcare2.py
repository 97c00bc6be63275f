"""Draw and score the self-care probe 2 (issue 21, round 5): self-care-rich, clinical wording.

    python eval/data/triage_real/draw_selfcare2.py draw START N V|W [--data ../shared/data]
    python eval/data/triage_real/draw_selfcare2.py lay START N     # unused ACI-bench / HealthBench
    python eval/data/triage_real/draw_selfcare2.py score [--misses]

Why: the frozen held-out vignettes (MedQA/MedMCQA, clinical wording) get self-care 0/5 while
the lay set gets most of its self-care dev cases; the earlier probes hold 3-6 self-care
vignettes each. This probe is drawn to hold many clinical-style self-care presentations and
their non-emergency look-alikes (the same complaints needing a GP).

``draw V``: MedQA/MedMCQA items of no earlier set (``labels.jsonl`` dev and held-out,
``skipped.jsonl``, ``probe_dev.tsv``, ``probe2_dev.tsv``, ``probe3_dev.tsv``,
``probe3_skipped.tsv``), with an age, not admitted, no basic-science tail, whose question
names a minor complaint (``draw.SELFCARE_Q`` or :data:`MINOR_MORE`) or whose answer is a
home measure / reassurance / minor self-limited condition (``draw.SELFCARE_A``,
``draw.HOME_ANSWER``, :data:`MINOR_ANSWER`), in a seeded order (:data:`SEED`).
``lay``: ACI-bench HPI sections and HealthBench user turns not in ``selfcare_lay.jsonl`` nor
read for it (``lay.READ_NOT_USED``), in a seeded order.

Labels were set by reading each text (with its answer), with the ``dispositions.tsv``
conventions and NHS self-care guidance, and written to ``probe_selfcare2_dev.tsv`` (MedQA /
MedMCQA rows, the ``probe.py --file`` format) and ``probe_selfcare2_lay.tsv`` (lay rows, the
same columns; the text is read from the source) BEFORE the triage path was run on them. ``score`` runs the triage path (LLM off,
default setting) on both and prints the 3-level rates. Dev only, never held out.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw  # noqa: E402
import lay  # noqa: E402

SEED = "20261207-selfcare2"
PROBE = "probe_selfcare2_dev.tsv"
EARLIER_TSV = ("probe_dev.tsv", "probe2_dev.tsv", "probe3_dev.tsv")
MINOR_MORE = re.compile(
    r"(runny nose|nasal congestion|stuffy|sneez|itch|rash|mild (fever|cough|pain|diarrh)|"
    r"loose stools|nausea|vomit|sore|ache|muscle|bump|spots|pimple|dry skin|dandruff|"
    r"freckle|mole|nevus|birthmark|spot on|lump|swelling|insect|tick bite|bite|"
    r"constipat|bloat|gas\b|flatul|belch|heartburn|indigestion|hiccup|snor|insomnia|"
    r"trouble sleeping|jet lag|motion sickness|hangover)", re.I)
MINOR_ANSWER = re.compile(
    r"(viral|common cold|rhinovirus|acute bronchitis|gastroenteritis|tension|benign|"
    r"physiologic|normal (variant|finding|development)|self[- ]limit|reassur|"
    r"seborrh|keratosis|lentigo|nevus|milia|erythema toxicum|mongolian|acne|tinea|"
    r"pityriasis|molluscum|verruca|wart|contact dermatitis|atopic|eczema|urticaria|"
    r"dysmenorrh|mittelschmerz|premenstrual|costochondritis|strain|sprain|"
    r"patellofemoral|osgood|plantar fasciitis|de quervain|tennis elbow|epicondyl|"
    r"growing pains|irritable bowel|functional|gastroesophageal reflux|lactose|"
    r"hemorrhoid|anal fissure|aphthous|herpes labialis|sunburn|insect|scabies|lice|"
    r"otitis externa|allergic rhinitis|hay fever|cerumen|conjunctivitis|stye|hordeolum|"
    r"blepharitis|colic|teething|diaper|cradle cap|infant dyschezia|breath[- ]holding)",
    re.I)
# Read for the lay set in round 1-3 and not used (lay.py's note): not drawn again.
LAY_READ_NOT_USED = frozenset(
    ["aci-D2N001", "aci-D2N006", "aci-D2N025", "aci-D2N074", "aci-D2N138", "aci-D2N140", "hb-fb59df64", "hb-05bb23aa", "hb-6d69a1e3", "hb-ab7752d5", "hb-02109c83", "hb-88d5a74d", "hb-aa7a760a", "hb-440d0ea5", "hb-7e576f4a", "hb-13dee5c7", "hb-0c5bf8dd", "aci-D2N004", "hb-4315a466"])

N = "non_emergency"
LAY_PROBE = "probe_selfcare2_lay.tsv"
# Read and not kept (2026-12-04), with the reason. V: medqa4-256 routine check-up; medqa4-106,
# medqa4-1222 follow-up visits. W (items 0-23): medqa4-750 oncology follow-up; medqa4-631
# babesiosis with cytopenias (disposition ambiguous); medqa4-427 diabetes review; medqa4-8
# contraception request; medqa4-971 post-operative inpatient; medqa4-266 COPD flare with
# normal observations (ambiguous); medqa4-497 optic neuritis (ambiguous: same-day eye
# service). L (items 0-124): no health problem of the writer or their child (diet, exercise,
# guideline, data or clinician questions, drug doses, not English: hb-8a012ac7, hb-bcdb3798,
# hb-6566f489, hb-477f7950, hb-435188d0, hb-af0faba1, hb-0e819a9c, hb-6fcd48f4, hb-a6e2aa43,
# hb-6edff375, hb-ad5cf7e5, hb-06d12149, hb-26298a9e, hb-9d8abc91, hb-7b821797, hb-a7dac6a9,
# hb-1854ebb0, hb-c30dee7b, hb-ce551b8e, hb-0c128afb, hb-bc228d6d, hb-e93a3b17, hb-5c1ce5bb,
# hb-927401a8, hb-ff1e5dd0, hb-d90e1686, hb-a0ad6f59, hb-7c3b3990); follow-ups, annual exams,
# referrals for a known result or post-operative visits (aci-D2N031, -177, -082, -038, -013,
# -135, -029, -026, -097, -016, -129, -007, -172, -071, -024, -182, -144, -076, -101, -175,
# -021, -137, -183, -023, -073, -090, -078, -091, -185, -176, -141, -128, -171, -022, -027,
# -142, -089, -184, -104, -178); ambiguous: hb-457ee7d4 (mood swings "for a while"),
# hb-2b7f5235 (insomnia, asks for a prescription).
def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a probe TSV (``#`` comment lines skipped)."""
    path = HERE / name
    if not path.exists():
        return []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def seen_ids() -> set[str]:
    """Ids of every item of an earlier set (read before this probe)."""
    ids = {r["id"] for r in draw.read_jsonl(draw.LABELS)}
    ids |= {r["id"] for r in draw.read_jsonl(draw.SKIPPED)}
    for name in (*EARLIER_TSV, "probe3_skipped.tsv"):  # (not this probe's own files)
        ids |= {r["id"] for r in read_tsv(name)}
    ids |= {r["id"] for r in draw.read_jsonl(HERE / "selfcare_lay.jsonl")}
    return ids


def candidates(data: Path) -> list[tuple[str, dict[str, Any]]]:
    """The vignette candidates in reading order, as (batch, item).

    ``V``: a self-care complaint in the question or a home-measure / minor-condition answer
    (no question-tail filter: the earlier draws used up the items that pass it, 3 left; a
    kept item must name its condition through the answer plus the stem). ``W``: look-alikes,
    a minor-complaint word in the question (:data:`MINOR_MORE`) and a presentation question.
    """
    seen = seen_ids()
    v: list[dict[str, Any]] = []
    w: list[dict[str, Any]] = []
    for it in draw.load_items(data):
        q, a = it["question"], str(it["answer"]).strip()
        if it["id"] in seen or draw.ADMITTED.search(q) or not draw.AGE.search(q):
            continue
        if draw.SELFCARE_Q.search(q) or draw.SELFCARE_A.search(a) or MINOR_ANSWER.search(a):
            v.append(it)
        elif MINOR_MORE.search(q) and not draw.NOT_PRESENTATION.search(q[-260:]):
            w.append(it)
    rng = random.Random(SEED)
    for pool in (v, w):
        pool.sort(key=lambda it: it["id"])
        rng.shuffle(pool)
    return [("V", it) for it in v] + [("W", it) for it in w]


def lay_candidates(data: Path) -> list[tuple[str, str, str]]:
    """(id, source, text) of the lay items not used before this probe, in reading order."""
    seen = seen_ids() | LAY_READ_NOT_USED
    out: list[tuple[str, str, str]] = []
    with (data / lay.HB_FILE).open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            key = f"hb-{r['prompt_id'][:8]}"
            if key not in seen:
                users = [m["content"].strip() for m in r["prompt"] if m["role"] == "user"]
                out.append((key, lay.HB_FILE, "\n".join(users)))
    for name in lay.ACI_FILES:
        with (data / "aci_bench" / name).open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                key = f"aci-{r['encounter_id']}"
                m = lay._HPI.search(r["note"])
                if key not in seen and m:
                    out.append((key, f"aci_bench/{name}", lay._cut(m.group(1))))
    out.sort(key=lambda t: t[0])
    random.Random(SEED + "-lay").shuffle(out)
    return out


def score(data: Path, misses: bool) -> None:
    """Run the triage path (LLM off, default setting) on the probe and print the rates."""
    from assistant.config import load_settings
    from assistant.runtime import Runtime
    from eval.triage_real import ACUITY_TO_DISPOSITION, disposition_rates, presentation

    items = {it["id"]: it for it in draw.load_items(data)}
    lay_rows = read_tsv(LAY_PROBE)
    wanted = {r["id"] for r in lay_rows}
    lay_text = {k: t for k, _s, t in lay_candidates(data) if k in wanted}
    rows: list[tuple[str, str, str, str]] = [
        (r["batch"], r["id"], r["disposition"], presentation(items[r["id"]]["question"]))
        for r in read_tsv(PROBE)]
    rows += [(r["batch"], r["id"], r["disposition"], lay_text[r["id"]]) for r in lay_rows]
    triager = Runtime(load_settings(None, {"use_llm": False})).triager
    gold: list[str] = []
    pred: list[str] = []
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for batch, key, disp, text in rows:
        rec = triager.triage({"id": key, "text": text})
        p = ACUITY_TO_DISPOSITION[rec.acuity] if rec.acuity is not None else N
        gold.append(disp)
        pred.append(p)
        total[batch] += 1
        right[batch] += p == disp
        if p != disp or not misses:
            flag = "" if p == disp else "  <- miss"
            print(f"{batch} {key}: gold {disp}, predicted {p} ({rec.condition or '-'}; "
                  f"red flags {rec.red_flags}){flag}")
    for b in sorted(total):
        print(f"batch {b}: {right[b]}/{total[b]}")
    rates = disposition_rates(gold, pred)
    print(" ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                   for k, v in rates.items()))


def main() -> None:
    """CLI."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["draw", "lay", "score"])
    ap.add_argument("args", nargs="*")
    ap.add_argument("--data", type=Path, default=draw.DATA)
    ap.add_argument("--misses", action="store_true")
    a = ap.parse_args()
    if a.command == "score":
        score(a.data, a.misses)
        return
    from eval.triage_real import presentation

    start, n = int(a.args[0]), int(a.args[1])
    if a.command == "draw":
        pool = [it for b, it in candidates(a.data) if b == a.args[2]]
        for i, it in enumerate(pool[start:start + n], start=start):
            print(f"#{i} {a.args[2]} {it['id']} | ANSWER: {it['answer']}\n  "
                  f"{presentation(it['question'])}\n")
    else:
        for i, (key, _src, text) in enumerate(lay_candidates(a.data)[start:start + n],
                                              start=start):
            print(f"#{i} L {key}\n  {' '.join(text.split())[:900]}\n")


if __name__ == "__main__":
    main()
