"""Draw and freeze the real-text triage vignette set (MedQA-USMLE + MedMCQA, both MIT).

Run from the repository root:

    python eval/data/triage_real/draw.py candidates --pool general --start 0 --n 40
    python eval/data/triage_real/draw.py freeze
    python eval/data/triage_real/draw.py counts

``candidates`` prints candidates of one pool in a FIXED seeded order (``SEED``) for a human
to read; the reader writes a label line for each one kept (``labels.jsonl``: id, source,
diagnosis, disposition, rule, note) and an ``{"id", "pool", "reason"}`` line for each one
skipped (``skipped.jsonl``). Pools (each a keyword pre-filter; see the regexes below):

- ``general``: MedQA (4-option test file; the 5-option file holds the same 1,273 questions in
  the same order, so it adds none) items that read as a presentation (a patient who comes to
  or is brought to a physician / clinic / emergency department), ask for the diagnosis or the
  next step, and are not set after admission (ward, ICU, post-operative, labour).
- ``minor``: MedQA and MedMCQA presentations naming a minor, often self-limiting complaint
  (cold, sore throat, sprain, rash, ...) or whose answer is reassurance / home measures, to
  get enough self-care cases (exam banks skew to serious disease). Items already in
  ``general`` are left out.

What was read (README.md): ``general`` items 0-149 plus its later items whose answer matches
``SELFCARE_A``; ``minor`` items 0-25; all of ``selfcare`` and ``medmcqa``. An item is counted
in the pool where it was first read.
- ``selfcare``: an age plus a named minor complaint (``SELFCARE_Q``) or a reassurance / OTC /
  home-measure answer (``SELFCARE_A``), not in ``general`` or ``medmcqa``; it replaced the
  too-broad ``minor`` regex after 26 items had been read.
- ``medmcqa``: MedMCQA items with an age and a presenting complaint that ask for a diagnosis
  or management.

``freeze`` fills each label line with the presentation text (``eval.triage_real.presentation``:
the question sentence and the options are not included), its sha256 and the split: a seeded
(``SPLIT_SEED``), disposition-stratified third is ``heldout``, the rest ``dev``. A row that
already has a split keeps it, so labels added later do not move frozen rows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from eval.triage_real import DISPOSITIONS, presentation  # noqa: E402

SEED = 20261204
SPLIT_SEED = 7
# The draw reads medmcqa and the 5-option MedQA file, which the repo's data/ does not ship:
# the default is the developers' shared data folder beside the checkout (--data overrides).
DATA = REPO.parent / "shared" / "data"
FILES = {
    "medqa4": "medqa/medqa_us_4opt_test.jsonl",
    "medqa5": "medqa/medqa_us_5opt_test.jsonl",
    "medmcqa": "medmcqa/medmcqa_test.jsonl",
}
LABELS = HERE / "labels.jsonl"
SKIPPED = HERE / "skipped.jsonl"

PRESENTS = re.compile(
    r"\b(comes to|brought to|presents to|presents with|visits|is seen (in|at|by)|comes into|"
    r"comes in|is evaluated in|consults|calls)\b.{0,60}\b(emergency|physician|clinic|office|"
    r"department|pediatrician|doctor|urgent care|dermatologist|because|for|with)\b", re.I)
MM_PRESENTS = re.compile(r"\b(presents?|presented|came|comes|brought|complain\w*|reports?|"
                         r"c/o|history of|develops?|developed)\b", re.I)
ADMITTED = re.compile(
    r"\b(admitted|hospital day|postoperative|post-operative|in the intensive care|ICU|"
    r"hospitalized|hospitalised|underwent|undergoes|during surgery|in the hospital for|"
    r"in labor|labour|delivered|cesarean|after delivery|nursing home|ventilat\w+|intubated)\b",
    re.I)
ASKS = re.compile(
    r"(most likely diagnosis|most likely cause|next (best )?step|most appropriate (next step|"
    r"management|initial|treatment|pharmacotherapy)|best (initial )?(management|treatment)|"
    r"most likely (underlying|explanation|condition)|diagnosis (is|of)|likely diagnosis|"
    r"treatment of choice|best advice|management (is|of))", re.I)
NOT_PRESENTATION = re.compile(
    r"(mechanism of action|adverse effect|side effect|inhibit|ethic|sensitivity|specificity|"
    r"study|trial|enzyme|receptor|gene|chromosom|inherit|histolog|biopsy specimen|"
    r"autopsy|pathophysiology|embryolog|most likely to (be|have) been|informed consent)", re.I)
AGE = re.compile(r"\b(\d+|a|an)[ -]?(yr|yrs|year|years|month|months|week|weeks|day|days)"
                 r"[ -]old\b", re.I)
MINOR = re.compile(
    r"(common cold|coryza|runny nose|rhinorrh|nasal congestion|sore throat|pharyngitis|sprain|"
    r"twist|contact dermatitis|itch|acne|dandruff|tension|diarrh|cough|insect|bite|sunburn|"
    r"wart|tinea|lice|scabies|constipation|heartburn|dyspepsia|conjunctivitis|stye|"
    r"hordeolum|cerumen|earwax|nosebleed|epistaxis|aphthous|ulcers? in (the|his|her) mouth|"
    r"cold sore|dysmenorrh|menstrual cramp|muscle (strain|ache)|low back pain|bruis|blister|"
    r"sinusitis|rhinitis|sneez|colic|teething|diaper|cradle cap|seborrh|pityriasis|molluscum|"
    r"urticaria|hives|callus|ingrown|otitis externa|jet lag|hangover|fatigue|mild)", re.I)
SELFCARE_Q = re.compile(
    r"(common cold|coryza|runny nose|rhinorrh|sore throat|sprain|twisted|contact dermatitis|"
    r"acne|dandruff|tension[- ]type|sunburn|warts?\b|athlete|tinea|head lice|scabies|"
    r"constipation|heartburn|conjunctivitis|stye|hordeolum|cerumen|earwax|nosebleed|"
    r"aphthous|cold sore|dysmenorrh|menstrual cramp|bruis|blister|sinusitis|hay fever|"
    r"allergic rhinitis|colic|teething|diaper|cradle cap|pityriasis rosea|molluscum|"
    r"urticaria|hives|callus|ingrown|otitis externa|jet lag|insect bite|bee sting|"
    r"muscle (strain|ache|soreness)|after (a|an) (workout|exercise)|hiccup)", re.I)
SELFCARE_A = re.compile(
    r"^(reassur\w*|observation|nsaids?\b|avoid\w*|no (further|additional) (management|treatment|testing|"
    r"intervention)|watchful waiting|rest\b|ice\b|ibuprofen|acetaminophen|paracetamol|"
    r"naproxen|oral rehydration|saline|loratadine|cetirizine|fexofenadine|diphenhydramine|"
    r"topical|emollient|moisturi|hydrocortisone|clotrimazole|terbinafine cream|permethrin|"
    r"salicylic|benzoyl|stretching|lifestyle|warm compress|elevation|symptomatic|supportive|"
    r"counsel|education|dietary|increase (fluid|fiber|fibre))", re.I)
HOME_ANSWER = re.compile(
    r"(reassurance|observation|no (further|additional) (management|treatment|testing)|"
    r"watchful waiting|rest|ice|ibuprofen|acetaminophen|paracetamol|naproxen|oral rehydration|"
    r"saline|antihistamine|loratadine|cetirizine|diphenhydramine|topical|emollient|"
    r"moisturi|hydrocortisone|clotrimazole|permethrin|salicylic|benzoyl|stretching|"
    r"lifestyle|warm compress|elevation|symptomatic|home)", re.I)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSON-lines file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_items(data: Path = DATA) -> list[dict[str, Any]]:
    """Every item as {id, source, question, answer}, MedQA 4-option ids ``medqa4-<realidx>``.

    The 5-option MedQA file is checked to hold the same questions, in order, as the
    4-option file (so it contributes no new vignette); MedMCQA ids are ``medmcqa-<realidx>``.
    """
    items: list[dict[str, Any]] = []
    q4 = read_jsonl(data / FILES["medqa4"])
    q5 = read_jsonl(data / FILES["medqa5"])
    if [r["question"] for r in q4] != [r["question"] for r in q5]:
        raise SystemExit("medqa 4- and 5-option files differ: revisit the draw")
    for r in q4:
        items.append({"id": f"medqa4-{r['realidx']}", "source": FILES["medqa4"],
                      "question": r["question"], "answer": r["answer"]})
    for r in read_jsonl(data / FILES["medmcqa"]):
        items.append({"id": f"medmcqa-{r['realidx']}", "source": FILES["medmcqa"],
                      "question": r["question"], "answer": r["answer"]})
    return items


def _tail(q: str) -> str:
    return q[-260:]


def in_pool(item: dict[str, Any], pool: str) -> bool:
    """Whether an item passes the keyword pre-filter of ``pool`` (before a human reads it)."""
    q, a = item["question"], item["answer"]
    medqa = item["id"].startswith("medqa4-")
    if ADMITTED.search(q) or NOT_PRESENTATION.search(_tail(q)):
        return False
    if pool == "general":
        return medqa and bool(PRESENTS.search(q)) and bool(ASKS.search(_tail(q)))
    if pool == "minor":
        return (bool(AGE.search(q)) and (bool(PRESENTS.search(q)) or not medqa)
                and (bool(MINOR.search(q)) or bool(HOME_ANSWER.search(a)))
                and not in_pool(item, "general") and not in_pool(item, "medmcqa"))
    if pool == "selfcare":
        # named minor complaints, or an answer that is reassurance / home measures
        return (bool(AGE.search(q)) and (bool(SELFCARE_Q.search(q))
                                         or bool(SELFCARE_A.search(a.strip())))
                and not in_pool(item, "general") and not in_pool(item, "medmcqa"))
    if pool == "medmcqa":
        return (not medqa and bool(AGE.search(q)) and bool(MM_PRESENTS.search(q))
                and bool(ASKS.search(_tail(q))))
    raise ValueError(f"unknown pool {pool!r}")


def candidates(pool: str, data: Path = DATA) -> list[dict[str, Any]]:
    """The pool's items in a fixed seeded order (``SEED``)."""
    items = [it for it in load_items(data) if in_pool(it, pool)]
    items.sort(key=lambda it: it["id"])
    random.Random(f"{SEED}-{pool}").shuffle(items)
    return items


def assign_splits(rows: list[dict[str, Any]], seed: int = SPLIT_SEED) -> None:
    """Give rows without a split one: a disposition-stratified seeded third ``heldout``."""
    for disp in DISPOSITIONS:
        group = sorted((r for r in rows if r["disposition"] == disp and "split" not in r),
                       key=lambda r: r["id"])
        done = [r for r in rows if r["disposition"] == disp and "split" in r]
        random.Random(f"{seed}-{disp}").shuffle(group)
        n_held_total = round((len(group) + len(done)) / 3)
        n_held = max(0, n_held_total - sum(r["split"] == "heldout" for r in done))
        for i, r in enumerate(group):
            r["split"] = "heldout" if i < n_held else "dev"


def freeze(data: Path = DATA) -> None:
    """Fill text, sha256 and split into labels.jsonl (ordered keys, stable row order)."""
    by_id = {it["id"]: it for it in load_items(data)}
    rows = read_jsonl(LABELS)
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        raise SystemExit(f"duplicate ids: {[i for i, n in Counter(ids).items() if n > 1]}")
    for r in rows:
        text = presentation(by_id[r["id"]]["question"])
        r["text"] = text
        r["sha256"] = hashlib.sha256(by_id[r["id"]]["question"].encode("utf-8")).hexdigest()
    assign_splits(rows)
    keys = ["id", "source", "pool", "diagnosis", "disposition", "rule", "note", "split",
            "sha256", "text"]
    with LABELS.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({k: r.get(k, "") for k in keys}, ensure_ascii=False) + "\n")
    counts()


def counts() -> None:
    """Counts seen / kept / skipped per pool, and kept per disposition and split."""
    rows = read_jsonl(LABELS)
    skipped = read_jsonl(SKIPPED) if SKIPPED.is_file() else []
    for pool in ("general", "minor", "medmcqa", "selfcare"):
        kept = sum(r.get("pool") == pool for r in rows)
        sk = sum(s["pool"] == pool for s in skipped)
        print(f"{pool}: seen {kept + sk}, kept {kept}, skipped {sk}")
    print("disposition:", dict(Counter(r["disposition"] for r in rows)))
    print("split x disposition:",
          dict(Counter((r.get("split"), r["disposition"]) for r in rows)))


def main() -> None:
    """CLI."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["candidates", "freeze", "counts", "sizes"])
    ap.add_argument("--pool", default="general",
                    choices=["general", "minor", "medmcqa", "selfcare"])
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    if args.command == "sizes":
        for pool in ("general", "minor", "medmcqa", "selfcare"):
            print(pool, len(candidates(pool, args.data)))
    elif args.command == "candidates":
        for i, it in enumerate(candidates(args.pool, args.data)[args.start:args.start + args.n],
                               start=args.start):
            print(f"#{i} {it['id']}\n{it['question']}\nANSWER: {it['answer']}\n")
    elif args.command == "freeze":
        freeze(args.data)
    else:
        counts()


if __name__ == "__main__":
    main()
