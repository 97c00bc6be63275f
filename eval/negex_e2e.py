"""NegEx end to end: each annotated NegEx sentence run through the whole extractor as a note.

    python -m eval.run --suite negex_e2e --no-llm --out DIR

Where ``negation`` classifies a concept span it is given, this suite does what
``python -m assistant.extract --no-llm`` does with one sentence per note: the extractor must
find the concept on its own, and give it the right status. Data: ``<data>/negex/*.tsv`` (the
``negation`` suite's files; the development split ships in ``data/negex/``).

Per sentence:
- ``extracted``: a problem of the record names the annotated concept: its canonical name
  (via the problem vocabulary) equals the concept's, or one's words contain the other's
  (the concept "staph bacteremia" is found as "bacteremia"), or the problem's span lies
  inside the concept's words in the sentence and shares a word with them.
  A problem read from the concept's head word (or, for slash-joined alternatives such as
  "DIVERTICULOSIS/SIGMOID COLON", from either alternative's head) also names it.
- ``correct``: extracted, and ``absent`` exactly when the gold says Negated (historical,
  possible, family count as not negated, as in NegEx).

Headline: ``extracted_rate`` (targets >= 0.85) and ``accuracy`` over the extracted ones
(>= 0.97), with negated precision/recall over the extracted ones.

Splits (``split``): a seeded third of each file's REPORTS (by report number, not sentence,
so no report's sentences sit on both sides) is ``heldout`` (:func:`heldout_reports`, seed
:data:`HELDOUT_SEED`), the rest ``dev``; ``dev.<metric>`` and ``heldout.<metric>`` report them
apart. Tune on ``dev`` only; the held-out third is scored, its errors not read (the error
table lists ``dev`` sentences only).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

from assistant.clinical.vocabulary import plural_key
from assistant.runtime import Runtime
from eval.metrics import prf1, safe_div, seeded_subset
from eval.negation import concept_span
from eval.negation import load_examples as _negex_examples

NAME = "negex_e2e"
HEADLINE = ["extracted_rate", "accuracy", "negated.precision", "negated.recall",
            "end_to_end_accuracy", "dev.extracted_rate", "dev.accuracy",
            "heldout.extracted_rate", "heldout.accuracy"]
SPLITS = ("dev", "heldout")
#: Seed of the held-out third of reports (frozen in the issue-16 NegEx round; never change it,
#: or tuned-on reports move into the held-out split).
HELDOUT_SEED = 16


def heldout_reports(reports: list[str], seed: int = HELDOUT_SEED) -> set[str]:
    """A seeded third of the distinct report numbers: sorted (numerically where they are
    numbers), shuffled with ``random.Random(seed)``, the first ``len // 3`` taken."""
    uniq = sorted(set(reports), key=lambda r: (0, int(r), "") if r.isdigit() else (1, 0, r))
    random.Random(seed).shuffle(uniq)
    return set(uniq[:len(uniq) // 3])


def load_examples(data_dir: Path, *, limit: int | None = None, seed: int = 0) -> list[dict]:
    """The NegEx rows (``eval.negation``): id, concept, sentence, gold Negated|Affirmed, and
    ``split`` (``heldout`` for a seeded third of each file's reports, else ``dev``)."""
    rows = _negex_examples(data_dir)
    by_file: dict[str, list[str]] = {}
    for r in rows:
        by_file.setdefault(r["id"].split(":")[0], []).append(str(r["report"] or ""))
    held = {f: heldout_reports(reps) for f, reps in by_file.items()}
    for r in rows:
        r["split"] = ("heldout" if str(r["report"] or "") in held[r["id"].split(":")[0]]
                      else "dev")
    return seeded_subset(rows, limit, seed)


def _words(s: str) -> set[str]:
    """Content words, each with its plural folded (singular and plural are one concept)."""
    return {plural_key(w) for w in re.findall(r"[a-z0-9]+", s.lower())
            if w not in ("of", "the", "a")}


_HEAD_END = re.compile(r"\s+(?:of|in|with|at|to|on|over|detected|identified|found|was|were|"
                       r"is|are|due|most|which|for|from)\b", re.I)


#: Head nouns that name no finding of their own: the word before them does.
_GENERIC_HEADS = frozenset({"event", "events", "episode", "episodes", "attack", "attacks",
                            "symptoms", "changes", "process", "disease"})


def head_span(sentence: str, span: tuple[int, int]) -> tuple[int, int]:
    """The head word of the concept at ``span``: its last word before a preposition or verb
    ("LEFT MCA CVA" -> CVA, "ACUTE FRACTURES DETECTED IN THE PELVIS" -> FRACTURES), the word
    before a generic head ("SYNCOPAL EPISODE" -> SYNCOPAL)."""
    text = sentence[span[0]:span[1]]
    m = _HEAD_END.search(text)
    core = text[:m.start()] if m else text
    words = list(re.finditer(r"[A-Za-z0-9][A-Za-z0-9'-]*", core))
    if len(words) > 1 and words[-1].group(0).lower() in _GENERIC_HEADS:
        words = words[:-1]  # "SYNCOPAL EVENT": the finding is the modifier (syncope)
    if not words:
        return span
    return span[0] + words[-1].start(), span[0] + words[-1].end()


#: A concept written as a normal state ("afebrile", "abdomen soft, nontender", "regular S1
#: and S2 without murmurs", "lungs show no airspace opacities"): its words carry their own
#: negation, so what the extractor records for it is the finding it rules out, ``absent``
#: (labelling guideline, eval/data/extraction/README.md: exam findings and their negations).
_NORMAL_STATE = re.compile(
    r"\b(?:a|an|non-?|un)(?:febrile|icteric|tender|distended|diaphoretic|cyanotic|"
    r"edematous|erythematous)\b|\b(?:no|without|negative\s+for|normal|within\s+normal\s+"
    r"limits|unremarkable|preserved)\b|"
    # normal exam shorthand (guideline round 4): "alert", "oriented x3", "lungs clear",
    # "PERRLA", "neck supple", "regular rate and rhythm", "EOMI", "cranial nerves intact",
    # "positive bowel sounds" rule out a named finding
    r"\b(?:alert|awake|oriented|clear|supple|perrla?|eomi|rrr|moist|cta[bp]?|ctp)\b|\bregular\s+rate\b|"
    r"\bhemodynamically\s+stable\b|"
    r"\bequal\b.*\breactive\b|\b(?:intact|full)\b|\b(?:positive|present)\b.*\bbowel\b|"
    r"\bbowel\s+sounds\s+(?:are\s+)?(?:present|positive)|"
    # round 5 (issue 16 NegEx): "normocephalic", "atraumatic", "abdomen soft", "5/5 motor",
    # "2+ / strong / positive pulses", "good capillary refill", "heart sounds regular",
    # "normal sinus rhythm", "well hydrated", "vital signs stable", "gait steady"
    r"\b(?:normocephalic|atraumatic|well[\s-]+hydrated|steady)\b|\bsoft\b(?!\s+tissue)|"
    r"\b5\s*/\s*5\b|(?:\+\s*2|\b2\s*\+)|\b(?:strong|good|positive|palpable)\b.*\bpulses\b|"
    r"\bgood\b.*\b(?:strength|capillary)\b|\bregular\b|\bsinus\s+rhythm\b|"
    r"\bvital\s+signs\b.*\b(?:stable|unremarkable)\b|\b(?:stable|unremarkable)\s+vital\s+signs|"
    # probe20 (the guideline's "range of motion normal", "judgment and insight normal" of
    # probe19): "good range of motion", "good insight and judgment", "good memory" rule out
    # decreased range of motion, impaired insight/judgment, memory problems
    r"\bgood\b.*\b(?:range\s+of\s+motion|insight|judge?ment|memory)\b",
    re.I)


def alternative_heads(sentence: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The head of the concept at ``span`` and, where it joins alternatives with a slash
    ("DEGENERATIVE JOINT DISEASE/VASCULAR NECROSIS", "DIVERTICULOSIS/SIGMOID COLON"), the
    head of each alternative (round 6): a problem read from either names the concept."""
    heads = [head_span(sentence, span)]
    start = span[0]
    for k in range(span[0], span[1] + 1):
        if k == span[1] or sentence[k] == "/":
            if start < k and k - start < span[1] - span[0]:
                heads.append(head_span(sentence, (start, k)))
            start = k + 1
    return heads


def normal_statement(concept: str) -> bool:
    """Whether the annotated ``concept`` is itself a normal-state statement (its own words
    negate a finding): then an ``absent`` finding read inside it affirms it."""
    return bool(_NORMAL_STATE.search(concept))


def match_concept(problems: list[dict], concept: str, sentence: str,
                  key: Callable[[str], str]) -> dict | None:
    """The record's problem that stands for the annotated ``concept``, or None."""
    ck = key(concept)
    cw = _words(ck) | _words(concept)
    span = concept_span(sentence, concept)
    normal = normal_statement(concept)
    best = None
    for p in problems:
        pk = key(p["text"])
        if pk == ck:
            return p
        pw = _words(pk)
        inside = span is not None and span[0] <= p["span"][0] and p["span"][1] <= span[1]
        # the problem was read from the concept's head word ("LEFT MCA CVA" -> stroke,
        # "acute anterolateral MI" -> myocardial infarction): the same concept
        if inside and span is not None and any(
                p["span"][0] <= hs and he <= p["span"][1]
                for hs, he in alternative_heads(sentence, span)):
            return p
        # inside the annotated words AND sharing a word with them: "NONTENDER" inside
        # "ABDOMEN SOFT, NONTENDER" is another finding than "abdomen soft", not the concept;
        # in a normal-state concept ("afebrile") the finding it rules out (fever) stands for it
        # a normal-state concept read as part of a longer shorthand ("ALERT" inside "alert
        # and oriented times three" -> confusion absent): the finding it rules out
        overlaps = span is not None and p["span"][0] < span[1] and span[0] < p["span"][1]
        if normal and overlaps and p["status"] == "absent" and not inside:
            best = best or p
        if (inside and (pw & cw or (normal and p["status"] == "absent"))) or \
                (pw and cw and (pw <= cw or cw <= pw)):
            best = best or p
    return best


def make_runner(runtime: Runtime) -> Callable[[dict], dict]:
    """Extract each sentence as a note and look for the annotated concept."""
    from eval.extraction import _problem_key

    extractor = runtime.extractor

    def run(example: dict) -> dict:
        rec = extractor.extract(example["sentence"], example["id"]).model_dump(mode="json")
        hit = match_concept(rec["problems"], example["concept"], example["sentence"],
                            _problem_key)
        negated_gold = example["gold"].lower().startswith("neg")
        if hit is not None and normal_statement(example["concept"]):
            # "afebrile" / "regular S1 and S2 without murmurs" affirmed = fever / murmur absent
            negated_gold = not negated_gold
        pred = None if hit is None else hit["status"] == "absent"
        return {"id": example["id"], "concept": example["concept"], "gold": example["gold"],
                "split": example.get("split", "dev"), "sentence": example["sentence"],
                "extracted": hit is not None, "pred_status": hit and hit["status"],
                "pred_name": hit and hit["text"], "negated_gold": negated_gold,
                "negated_pred": pred,
                "correct": hit is not None and pred == negated_gold}

    return run


def _metrics(ok: list[dict]) -> dict:
    """Extraction rate, status accuracy over the extracted, negated P/R of ``ok``."""
    got = [r for r in ok if r["extracted"]]
    tp = sum(1 for r in got if r["negated_gold"] and r["negated_pred"])
    fp = sum(1 for r in got if not r["negated_gold"] and r["negated_pred"])
    fn = sum(1 for r in got if r["negated_gold"] and not r["negated_pred"])
    neg = prf1(tp, fp, fn)
    metrics = {
        "n": len(ok), "extracted": len(got),
        "extracted_rate": safe_div(len(got), len(ok)),
        "accuracy": safe_div(sum(r["correct"] for r in got), len(got)),
        "end_to_end_accuracy": safe_div(sum(r["correct"] for r in ok), len(ok)),
        "negated.precision": neg.precision, "negated.recall": neg.recall, "negated.f1": neg.f1,
        "extracted_rate.negated": safe_div(sum(r["extracted"] for r in ok if r["negated_gold"]),
                                           sum(1 for r in ok if r["negated_gold"])),
    }
    return metrics


def aggregate(results: list[dict]) -> dict:
    """Metrics over all sentences and per split (``<split>.<metric>``); a miss table of the
    ``dev`` split only (the held-out split's errors are not for reading)."""
    ok = [r for r in results if "extracted" in r]
    metrics = _metrics(ok)
    for split in SPLITS:
        part = [r for r in ok if r.get("split", "dev") == split]
        if part:
            metrics.update({f"{split}.{k}": v for k, v in _metrics(part).items()})
    misses = [{"id": r["id"], "concept": r["concept"], "gold": r["gold"],
               "pred_status": r["pred_status"], "pred_name": r["pred_name"],
               "sentence": r.get("sentence", "")}
              for r in ok if not r["correct"] and r.get("split", "dev") == "dev"][:400]
    return {"metrics": metrics, "tables": {"errors": misses}}
