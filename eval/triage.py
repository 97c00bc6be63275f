"""Triage suite: acuity against gold on the KTAS cases and on the project's vignettes.

    python -m eval.run --suite triage [--limit N] --out DIR

Examples: every row of ``<data>/ktas/*.csv`` (gold ``KTAS_expert``; only triage-time columns
go in) and ``eval/data/triage_vignettes.jsonl`` (free-text cases written for this project,
with the expected acuity and why). Metrics per source: accuracy, under/over-triage,
sensitivity for gold 1-2, quadratic weighted kappa, confusion matrix (+ PNG).

Honest numbers on the training data: the shipped model was fitted on ``ktas_dev.csv``, so
for rows of that exact file (same sha256 as the model card) each case is scored by the model
of the cross-validation fold that did not see it (same folds and cost weights as
``python -m finetune.classifiers.triage``). Any other KTAS file is scored by the shipped model.
The LLM is switched off: it only words reasons/advice and never changes the acuity.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.runtime import Runtime
from eval.common import eval_data_dir
from eval.metrics import confusion_matrix, quadratic_weighted_kappa, seeded_subset, triage_rates

NAME = "triage"
HEADLINE = ["ktas.accuracy", "ktas.under_triage", "ktas.high_acuity_sensitivity", "ktas.qwk",
            "vignettes.accuracy", "vignettes.under_triage", "vignettes.high_acuity_sensitivity"]
LABELS = [1, 2, 3, 4, 5]
VIGNETTES = "triage_vignettes.jsonl"


def load_examples(data_dir: Path, *, limit: int | None = None, seed: int = 0) -> list[dict]:
    """KTAS rows (``source`` ktas) and vignettes (``source`` vignettes), as triage cases."""
    from assistant.triage.data import load_dataset

    examples: list[dict] = []
    ktas_dir = Path(data_dir) / "ktas"
    for path in sorted(ktas_dir.glob("*.csv")) if ktas_dir.is_dir() else []:
        cases, gold = load_dataset(path)
        for case, g in zip(cases, gold, strict=True):
            examples.append({"id": f"{path.stem}:{case['id']}", "source": "ktas", "case": case,
                             "gold": int(g), "data_path": str(path)})
    vpath = eval_data_dir() / VIGNETTES
    with vpath.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                v = json.loads(line)
                case = {k: v[k] for k in ("id", "text", "age", "sex", "vitals", "arrival",
                                          "injury") if k in v}
                examples.append({"id": f"vignette:{v['id']}", "source": "vignettes",
                                 "case": case, "gold": int(v["expected_acuity"]),
                                 "category": v.get("category"), "why": v.get("why")})
    if not examples:
        raise FileNotFoundError(f"no KTAS CSV under {ktas_dir} and no {vpath}")
    return seeded_subset(examples, limit, seed)


class _OutOfFold:
    """Estimator that scores each training row with the CV fold model that did not see it."""

    def __init__(self, settings: Settings, data_path: Path, card: dict) -> None:
        from assistant.triage.data import load_dataset
        from assistant.triage.model import (
            AcuityModel,
            embed_complaints,
            feature_vector,
            to_json_weights,
        )
        from assistant.triage.parse import parse_case
        from finetune.classifiers import triage as T

        cases, y = load_dataset(data_path)
        pres = [parse_case(c) for c in cases]
        feats = np.vstack([feature_vector(p) for p in pres])
        emb = embed_complaints(settings, [p.complaint for p in pres])
        # Every row's estimate is computed here, in one batch per fold (the embeddings are
        # already at hand), so scoring a row is a dictionary look-up.
        self.by_id: dict[str, Any] = {}
        weights = card["cv"]["fold_cost_weights"]
        for k, (tr, te) in enumerate(T.cv_splits(feats, y)):
            m, mean, scale = T.fit_fold(feats[tr], emb[tr], y[tr])
            model = AcuityModel(to_json_weights(
                m.coef_, m.intercept_, [int(c) for c in m.classes_], mean, scale,
                float(weights[k][0]), float(weights[k][1]), emb.shape[1], T.EMB_SCALE,
                None if len(weights[k]) < 3 or weights[k][2] is None else float(weights[k][2])))
            for i, est in zip(te, model.estimate(feats[te], emb[te]), strict=True):
                self.by_id[cases[i]["id"]] = est

    def __call__(self, ps: Sequence[Any]) -> list[Any]:
        return [self.by_id[p.id] for p in ps]


def make_runner(runtime: Runtime) -> Callable[[dict], dict]:
    """Triage each example (rules + learned model; LLM off, it cannot change acuity)."""
    from assistant.triage import Triager
    from assistant.triage.model import CARD_FILE

    settings = runtime.settings.model_copy(update={"use_llm": False})
    shipped = Triager(settings)
    card = json.loads(CARD_FILE.read_text(encoding="utf-8")) if CARD_FILE.is_file() else {}
    oof: dict[str, Triager] = {}

    def triager_for(example: dict) -> Triager:
        path = example.get("data_path")
        if example["source"] != "ktas" or not path:
            return shipped
        if path not in oof:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            trained_on = digest == card.get("data", {}).get("sha256")
            oof[path] = (Triager(settings, estimator=_OutOfFold(settings, Path(path), card))
                         if trained_on else shipped)
        return oof[path]

    def run(example: dict) -> dict:
        rec = triager_for(example).triage(example["case"])
        return {"id": example["id"], "source": example["source"], "gold": example["gold"],
                "pred": rec.acuity, "level": rec.level, "red_flags": rec.red_flags,
                "category": example.get("category"), "error": rec.error}

    return run


def aggregate(results: list[dict]) -> dict:
    """Per-source triage rates, QWK and confusion matrices."""
    metrics: dict[str, Any] = {}
    tables: dict[str, Any] = {}
    for source in sorted({r.get("source", "?") for r in results}):
        rows = [r for r in results if r.get("source") == source and not r.get("error")]
        gold = [r["gold"] for r in rows]
        pred = [r.get("pred") for r in rows]
        rates = triage_rates(gold, pred)
        for k, v in rates.items():
            metrics[f"{source}.{k}"] = v
        metrics[f"{source}.qwk"] = quadratic_weighted_kappa(gold, pred, LABELS)
        cm = confusion_matrix(gold, pred, LABELS)
        tables[f"{source}_confusion"] = [
            {"gold": g, **{f"pred {p}": n for p, n in zip(LABELS, row, strict=True)}}
            for g, row in zip(LABELS, cm, strict=True)]
        if source == "vignettes":
            tables["vignette_misses"] = [
                {"id": r["id"], "expected": r["gold"], "predicted": r.get("pred"),
                 "red_flags": ", ".join(r.get("red_flags") or [])}
                for r in rows if r.get("pred") != r["gold"]]
    return {"metrics": metrics, "tables": tables}


def plot(results: list[dict], summary: dict, out_dir: Path) -> list[Path]:
    """One confusion-matrix PNG per source."""
    from eval.plots import confusion_png

    paths = []
    for source in sorted({r.get("source", "?") for r in results}):
        rows = [r for r in results if r.get("source") == source and not r.get("error")]
        cm = confusion_matrix([r["gold"] for r in rows], [r.get("pred") for r in rows], LABELS)
        paths.append(confusion_png(cm, LABELS, Path(out_dir) / f"confusion_{source}.png",
                                   f"triage acuity, {source} (n={len(rows)})"))
    return paths
