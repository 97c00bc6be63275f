"""Extraction suite: the project's hand-labelled notes (eval/data/extraction/): 22 development
notes and 8 held-out notes (heldout/, written after the rules; metrics also per split).

    python -m eval.run --suite extraction --out DIR            # with the LLM (settings.use_llm)
    python -m eval.run --suite extraction --no-llm --out DIR   # rules only

Public scoring API (used by finetune.evaluate): ``load_gold(dir) -> [(note_id, text, gold)]``
and ``score(preds, golds) -> dict`` with per-category precision/recall/F1, entity micro-F1,
problem status accuracy, medication attribute accuracy, lab flag accuracy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.clinical.vocabulary import plural_key
from assistant.runtime import Runtime
from assistant.schema import ExtractionRecord
from eval.metrics import prf1, safe_div, seeded_subset

NAME = "extraction"
HEADLINE = ["entity_micro_f1", "problems.f1", "problems.status_accuracy", "medications.f1",
            "medications.attribute_accuracy", "allergies.f1", "vitals.f1", "labs.f1"]
CATEGORIES = ("problems", "medications", "allergies", "vitals", "labs")
MED_ATTRS = ("dose", "route", "frequency", "status")


def gold_dir() -> Path:
    return Path(__file__).resolve().parent / "data" / "extraction"


def load_gold(dir: Path | None = None) -> list[tuple[str, str, dict]]:  # noqa: A002 - fixed API
    """(note_id, note text, gold dict) for every ``notes/<id>.txt`` with ``gold/<id>.json``.

    Default: the development notes and the held-out notes (``heldout/``) together.
    """
    if dir is None:
        return _load_dir(gold_dir()) + _load_dir(gold_dir() / "heldout")
    return _load_dir(Path(dir))


def split_of(note_id: str) -> str:
    """``heldout`` for the notes written after the rules were built, else ``dev``."""
    return "heldout" if note_id.startswith("ho_") else "dev"


def _load_dir(root: Path) -> list[tuple[str, str, dict]]:
    out = []
    for note in sorted((root / "notes").glob("*.txt")):
        gold_path = root / "gold" / f"{note.stem}.json"
        if gold_path.is_file():
            out.append((note.stem, note.read_text(encoding="utf-8"),
                        json.loads(gold_path.read_text(encoding="utf-8"))))
    if not out:
        raise FileNotFoundError(f"no gold notes under {root}")
    return out


# ----------------------------------------------------------------------------- normalisers
_VOCAB: Any = None


def _problem_key(text: str) -> str:
    global _VOCAB
    if _VOCAB is None:
        from assistant.clinical.vocabulary import ProblemVocabulary

        _VOCAB = ProblemVocabulary(use_icd=False)
    concept = _VOCAB.lookup(text)
    return concept_key(concept.name if concept else _norm(text))


def concept_key(name: str) -> str:
    """The scorers' comparison key for a concept name (problems after the vocabulary lookup,
    allergy substances; gold and predicted alike): singular and plural are one concept
    ("polyps" = "polyp", "eggs" = "egg"), each word folded; a hyphen between words is a space
    ("graft-versus-host disease" = "graft versus host disease")."""
    return plural_key(_unhyphen(name))


def _unhyphen(name: str) -> str:
    """``name`` with each hyphen between word characters read as a space."""
    return " ".join(re.sub(r"(?<=\w)-(?=\w)", " ", name).split())


def _norm(s: str | None) -> str:
    return " ".join(re.sub(r"[^\w%./+-]+", " ", (s or "").lower()).split())


def _drug_key(name: str) -> str:
    return re.sub(r"[\s/-]+", " ", name.lower()).strip()


def _dose_key(s: str | None) -> str:
    return re.sub(r"\s+", "", (s or "").lower())


def _words_contain(a: str, b: str) -> bool:
    wa, wb = set(a.split()), set(b.split())
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _match(gold: list[Any], pred: list[Any], key: Callable[[Any], str],
           same: Callable[[Any, Any], bool] | None = None) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, pred index): exact keys first, then word-subset."""
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if gi in used_g:
                continue
            for pi, p in enumerate(pred):
                if pi in used_p:
                    continue
                kg, kp = key(g), key(p)
                ok = kg == kp if exact else _words_contain(kg, kp)
                if ok and (same is None or same(g, p)):
                    pairs.append((gi, pi))
                    used_g.add(gi)
                    used_p.add(pi)
                    break
    return pairs


def _as_dict(rec: ExtractionRecord | dict) -> dict:
    return rec.model_dump(mode="json") if isinstance(rec, ExtractionRecord) else rec


def score(preds: Sequence[ExtractionRecord | dict], golds: Sequence[dict]) -> dict[str, Any]:
    """Per-category P/R/F1, entity micro-F1, status/attribute/flag accuracies (flat dict)."""
    if len(preds) != len(golds):
        raise ValueError(f"{len(preds)} predictions for {len(golds)} gold notes")
    counts = {c: [0, 0, 0] for c in CATEGORIES}
    status_ok = status_n = strict_tp = 0
    attr_ok = {a: 0 for a in MED_ATTRS}
    med_n = 0
    flag_ok = flag_n = react_ok = react_n = 0
    for pred_rec, gold in zip(preds, golds, strict=True):
        pred = _as_dict(pred_rec)
        # problems: concept + patient/family side; status scored on the matched pairs
        gp, pp = gold.get("problems", []), pred.get("problems", [])
        pairs = _match(gp, pp, key=lambda x: _problem_key(x["text"]),
                       same=lambda g, p: (g["status"] == "family") == (p["status"] == "family"))
        for gi, pi in pairs:
            status_n += 1
            if gp[gi]["status"] == pp[pi]["status"]:
                status_ok += 1
                strict_tp += 1
        _add(counts["problems"], len(pairs), len(pp), len(gp))
        # medications: drug name; attributes on matched pairs
        gm, pm = gold.get("medications", []), pred.get("medications", [])
        pairs = _match(gm, pm, key=lambda x: _drug_key(x["name"]))
        for gi, pi in pairs:
            med_n += 1
            g, p = gm[gi], pm[pi]
            attr_ok["dose"] += _dose_key(g.get("dose")) == _dose_key(p.get("dose"))
            attr_ok["route"] += _norm(g.get("route")) == _norm(p.get("route"))
            attr_ok["frequency"] += _norm(g.get("frequency")) == _norm(p.get("frequency"))
            attr_ok["status"] += (g.get("status") or None) == (p.get("status") or None)
        _add(counts["medications"], len(pairs), len(pm), len(gm))
        # allergies
        ga, pa = gold.get("allergies", []), pred.get("allergies", [])
        # the problems' convention (guideline round 7): "eggs" = "egg"
        pairs = _match(ga, pa, key=lambda x: concept_key(_norm(x["substance"])))
        for gi, pi in pairs:
            react_n += 1
            react_ok += _norm(ga[gi].get("reaction")) == _norm(pa[pi].get("reaction"))
        _add(counts["allergies"], len(pairs), len(pa), len(ga))
        # vitals: name and value (0.15 tolerance for unit conversions)
        gv, pv = gold.get("vitals", []), pred.get("vitals", [])
        pairs = _match(gv, pv, key=lambda x: x["name"],
                       same=lambda g, p: abs(float(g["value"]) - float(p["value"])) <= 0.15)
        _add(counts["vitals"], len(pairs), len(pv), len(gv))
        # labs: canonical name and value
        from assistant.clinical.labs import canonical_lab_name

        gl, pl = gold.get("labs", []), pred.get("labs", [])
        pairs = _match(gl, pl, key=lambda x: canonical_lab_name(x["name"]).lower(),
                       same=lambda g, p: p.get("value") is not None and abs(
                           float(g["value"]) - float(p["value"])) <= 1e-6 * max(1.0, abs(
                               float(g["value"]))))
        for gi, pi in pairs:
            flag_n += 1
            flag_ok += (gl[gi].get("flag") or None) == (pl[pi].get("flag") or None)
        _add(counts["labs"], len(pairs), len(pl), len(gl))
    out: dict[str, Any] = {}
    tot = [0, 0, 0]
    for cat, (tp, fp, fn) in counts.items():
        p, r, f = prf1(tp, fp, fn)
        out.update({f"{cat}.precision": p, f"{cat}.recall": r, f"{cat}.f1": f,
                    f"{cat}.tp": tp, f"{cat}.fp": fp, f"{cat}.fn": fn})
        tot = [a + b for a, b in zip(tot, (tp, fp, fn), strict=True)]
    out["entity_micro_f1"] = prf1(*tot).f1
    out["entity_micro_precision"], out["entity_micro_recall"] = prf1(*tot)[:2]
    tp, fp, fn = counts["problems"]
    out["problems.status_accuracy"] = safe_div(status_ok, status_n)
    out["problems.strict_f1"] = prf1(strict_tp, fp + tp - strict_tp, fn + tp - strict_tp).f1
    for a in MED_ATTRS:
        out[f"medications.{a}_accuracy"] = safe_div(attr_ok[a], med_n)
    out["medications.attribute_accuracy"] = safe_div(sum(attr_ok.values()),
                                                     len(MED_ATTRS) * med_n)
    out["allergies.reaction_accuracy"] = safe_div(react_ok, react_n)
    out["labs.flag_accuracy"] = safe_div(flag_ok, flag_n)
    return out


def _add(c: list[int], tp: int, n_pred: int, n_gold: int) -> None:
    c[0] += tp
    c[1] += n_pred - tp
    c[2] += n_gold - tp


# ----------------------------------------------------------------------------- suite API
def load_examples(data_dir: Path, *, limit: int | None = None, seed: int = 0) -> list[dict]:
    """The gold notes as examples (``data_dir`` is unused: the notes ship in eval/data/)."""
    examples = [{"id": nid, "text": text, "gold": gold} for nid, text, gold in load_gold()]
    return seeded_subset(examples, limit, seed)


def make_runner(runtime: Runtime) -> Callable[[dict], dict]:
    """Extract each note with the configured pipeline (LLM when ``settings.use_llm``)."""
    extractor = runtime.extractor

    def run(example: dict) -> dict:
        rec = extractor.extract(example["text"], example["id"])
        pred = rec.model_dump(mode="json")
        return {"id": example["id"], "pred": pred, "gold": example["gold"],
                "score": score([pred], [example["gold"]])}

    return run


def aggregate(results: list[dict]) -> dict:
    """Pooled scores over all notes plus a per-note table."""
    ok = [r for r in results if "pred" in r]
    metrics = score([r["pred"] for r in ok], [r["gold"] for r in ok]) if ok else {}
    metrics["notes"] = len(ok)
    for split in ("dev", "heldout"):
        part = [r for r in ok if split_of(r["id"]) == split]
        if part:
            sub = score([r["pred"] for r in part], [r["gold"] for r in part])
            for k in HEADLINE:
                metrics[f"{split}.{k}"] = sub[k]
            metrics[f"{split}.notes"] = len(part)
    per_note = [{"id": r["id"], "entity_micro_f1": round(r["score"]["entity_micro_f1"], 3),
                 "med_attr_acc": round(r["score"]["medications.attribute_accuracy"], 3),
                 "problem_status_acc": round(r["score"]["problems.status_accuracy"], 3)}
                for r in ok]
    return {"metrics": metrics, "tables": {"per_note": per_note}}


def plot(results: list[dict], summary: dict, out_dir: Path) -> list[Path]:
    """Per-category F1 bars."""
    from eval.plots import bars_png

    m = summary.get("metrics", {})
    values = {c: m.get(f"{c}.f1", 0.0) for c in CATEGORIES}
    path = Path(out_dir) / "extraction_f1.png"
    bars_png(values, path, "Extraction F1 per category")
    return [path]
