"""Fit the PubMedQA yes/no/maybe ``VerdictModel`` into ``assistant/artifacts/``.

    python -m finetune.classifiers.verdict [--data-dir DIR] [--cv-seeds 5] [--seed 0]
    python -m finetune.classifiers.verdict --holdout-third [--seed 0]

``--data-dir`` is the data root holding ``pubmedqa/dev_questions.jsonl`` and
``pubmedqa/corpus.jsonl`` (default: the settings' ``data_dir``, the repository's ``data/``).

- ``verdict_lr.json`` + ``verdict_nb.json``: the yes/no/maybe ``VerdictModel``
  (``assistant.evidence``): cue features plus the class log-probabilities of a naive Bayes over
  the conclusion's negation-marked n-grams, into a multinomial logistic regression; trained on
  PubMedQA ``dev_questions.jsonl`` with the source abstract's text. The naive Bayes inputs the
  regression is fitted on are out-of-fold (inner 5-fold), and C is chosen by inner 5-fold CV;
  ``VERDICT_BAG`` regressions, each on its own inner split, are averaged.
  ``verdict_cv.json`` holds the five fold models of a stratified 5-fold split, each built by
  that whole procedure (C choice included) without its fold, and the fold of every dev
  question, so the CV accuracy is nested and ``eval.pubmedqa`` reports it through the real
  pipeline: a dev question is never answered by a model that saw it.
Prints the cross-validated figures (JSON).

``--holdout-third`` measures the procedure once more on questions no choice was tuned on: the
dev questions are split by question (seeded, stratified by label) into two thirds and one
third; the whole procedure is fitted on the two thirds and scored once on the frozen third.
Nothing is written to ``assistant/artifacts/`` in that mode (the shipped model stays the one
fitted on all 500 questions); the figure goes in ``verdict_holdout.json`` beside them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from assistant.cli import run_cli, setup_logging
from assistant.evidence import VerdictModel, verdict_features, verdict_terms
from assistant.linear import ARTIFACTS_DIR, from_sklearn, nb_from_sklearn
from finetune.classifiers.common import default_data_dir, fit_lr, require_file

VERDICT_VERSION = 4
# Linear members per verdict model (nested CV, 5 seeds: 1 -> 0.758, 5 -> 0.764, 10 -> 0.764).
VERDICT_BAG = 5
VERDICT_CS = (0.003, 0.01, 0.03, 0.1, 0.3)
NB_ALPHA = 0.5


def pubmedqa_docs(data_dir: Path) -> dict[str, str]:
    """PMID -> document text exactly as the index stores it (index.loaders)."""
    from index.loaders import iter_documents

    issues: list = []
    corpus = require_file(data_dir / "pubmedqa" / "corpus.jsonl", "--data-dir")
    return {d.doc_id: d.text for d in iter_documents([corpus], issues)}


def _fit_nb(terms: list[list[str]], y: np.ndarray):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.naive_bayes import MultinomialNB

    vec = CountVectorizer(analyzer=lambda t: t, binary=True, min_df=2).fit(terms)
    return vec, MultinomialNB(alpha=NB_ALPHA).fit(vec.transform(terms), y)


def _oof_nb(terms: list[list[str]], y: np.ndarray, seed: int) -> np.ndarray:
    """Out-of-fold naive Bayes log-probabilities (5 folds) for every training row."""
    from sklearn.model_selection import StratifiedKFold

    out = np.zeros((len(y), len(set(y))))
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=seed + 7).split(terms, y):
        vec, nb = _fit_nb([terms[i] for i in tr], y[tr])
        out[te] = nb.predict_log_proba(vec.transform([terms[i] for i in te]))
    return out


def _choose_c(x: np.ndarray, y: np.ndarray, seed: int) -> tuple[float, float]:
    """The C of ``VERDICT_CS`` with the best 5-fold CV accuracy on (x, y), and that accuracy."""
    from sklearn.model_selection import StratifiedKFold

    best = (-1.0, VERDICT_CS[0])
    for c in VERDICT_CS:
        accs = []
        for tr, te in StratifiedKFold(5, shuffle=True, random_state=seed + 1).split(x, y):
            scaler, clf = fit_lr(x[tr], y[tr], c)
            accs.append(float((clf.predict(scaler.transform(x[te])) == y[te]).mean()))
        if float(np.mean(accs)) > best[0]:
            best = (float(np.mean(accs)), c)
    return best[1], best[0]


def fit_verdict(feats: np.ndarray, terms: list[list[str]], y: np.ndarray, seed: int,
                name: str, meta: dict) -> VerdictModel:
    """The whole verdict training procedure on one training set (no data outside it): one
    naive Bayes on all of it, and ``VERDICT_BAG`` linear members, each on its own inner split
    (out-of-fold naive Bayes inputs, C by inner CV)."""
    members = []
    for b in range(VERDICT_BAG):
        inner_seed = seed + 100 * b
        x = np.hstack([feats, _oof_nb(terms, y, inner_seed)])
        c, inner_acc = _choose_c(x, y, inner_seed)
        scaler, clf = fit_lr(x, y, c)
        members.append(from_sklearn(f"{name}_{b}", scaler, clf, {
            **meta, "C": c, "inner_seed": inner_seed, "inner_cv_accuracy": round(inner_acc, 4),
            "nb_alpha": NB_ALPHA}))
    vec, nb = _fit_nb(terms, y)
    return VerdictModel(members, nb_from_sklearn(f"{name}_ngrams", vec, nb, {"min_df": 2}))


def _nested_cv(rows: list[dict], docs: dict[str, str], feats: np.ndarray,
               terms: list[list[str]], y: np.ndarray, seed: int
               ) -> tuple[np.ndarray, dict[str, int], list[dict]]:
    """Predictions of a stratified 5-fold split (each fold model built by the whole procedure
    without its fold), the fold of every question, and the fold models."""
    from sklearn.model_selection import StratifiedKFold

    folds: dict[str, int] = {}
    fold_models = []
    pred = np.empty(len(y), dtype=object)
    for k, (tr, te) in enumerate(
            StratifiedKFold(5, shuffle=True, random_state=seed).split(feats, y)):
        model = fit_verdict(feats[tr], [terms[i] for i in tr], y[tr], seed, f"verdict_fold{k}",
                            {"fold": k})
        pred[te] = [model.predict(rows[i]["question"], docs[rows[i]["pmid"]]) for i in te]
        fold_models.append(model.to_json())
        for i in te:
            folds[rows[i]["pmid"]] = k
    return pred, folds, fold_models


def train_verdict(data_dir: Path, seed: int = 0, cv_seeds: int = 1) -> dict:
    """Fit the verdict model and its nested-CV fold models (split ``seed``); return the CV
    figures, with the nested CV repeated over ``cv_seeds`` splits when that is above 1."""
    docs = pubmedqa_docs(data_dir)
    questions = require_file(data_dir / "pubmedqa" / "dev_questions.jsonl", "--data-dir")
    rows = [json.loads(line) for line in questions.read_text().splitlines() if line]
    feats = np.array([verdict_features(r["question"], docs[r["pmid"]]) for r in rows])
    terms = [verdict_terms(docs[r["pmid"]]) for r in rows]
    y = np.array([r["answer"] for r in rows])
    pred, folds, fold_models = _nested_cv(rows, docs, feats, terms, y, seed)
    acc = float((pred == y).mean())
    majority = float(max((y == v).mean() for v in set(y)))
    per_class = {v: round(float((pred[y == v] == v).mean()), 4) for v in sorted(set(y))}
    meta = {"version": VERDICT_VERSION, "trained_on": "pubmedqa dev_questions.jsonl (500)",
            "features": "assistant.evidence.VerdictModel.features",
            "nested_cv5_accuracy": round(acc, 4), "cv5_recall": per_class,
            "majority_baseline": round(majority, 4), "seed": seed}
    model = fit_verdict(feats, terms, y, seed, "verdict", meta)
    model.save(ARTIFACTS_DIR / "verdict_lr.json", ARTIFACTS_DIR / "verdict_nb.json")
    tmp = ARTIFACTS_DIR / "verdict_cv.json.tmp"
    tmp.write_text(json.dumps({"version": VERDICT_VERSION, "folds": folds, "models": fold_models},
                              separators=(",", ":")))
    tmp.replace(ARTIFACTS_DIR / "verdict_cv.json")
    out = {"verdict_nested_cv5_accuracy": acc, "verdict_cv5_recall": per_class,
           "majority_baseline": majority, "n": len(y)}
    if cv_seeds > 1:
        # Other splits only measure the procedure's spread; the shipped files stay as above.
        accs = [acc] + [float((_nested_cv(rows, docs, feats, terms, y, s)[0] == y).mean())
                        for s in range(seed + 1, seed + cv_seeds)]
        out["verdict_nested_cv5_by_seed"] = [round(a, 4) for a in accs]
        out["verdict_nested_cv5_mean"] = round(float(np.mean(accs)), 4)
    return out


def holdout_third(data_dir: Path, seed: int = 0) -> dict:
    """Fit the verdict procedure on two thirds of the dev questions (seeded split by question,
    stratified by label) and score it once on the frozen last third; returns the figures and
    records them (with the frozen PMIDs) in ``verdict_holdout.json``. The shipped artefacts
    are not touched."""
    from sklearn.model_selection import train_test_split

    docs = pubmedqa_docs(data_dir)
    questions = require_file(data_dir / "pubmedqa" / "dev_questions.jsonl", "--data-dir")
    rows = [json.loads(line) for line in questions.read_text().splitlines() if line]
    y_all = np.array([r["answer"] for r in rows])
    train_i, test_i = train_test_split(np.arange(len(rows)), test_size=1 / 3,
                                       random_state=seed, stratify=y_all)
    train_i, test_i = sorted(train_i), sorted(test_i)
    tr_rows = [rows[i] for i in train_i]
    feats = np.array([verdict_features(r["question"], docs[r["pmid"]]) for r in tr_rows])
    terms = [verdict_terms(docs[r["pmid"]]) for r in tr_rows]
    model = fit_verdict(feats, terms, y_all[train_i], seed, "verdict_two_thirds",
                        {"holdout_seed": seed})
    y_test = y_all[test_i]
    pred = np.array([model.predict(rows[i]["question"], docs[rows[i]["pmid"]]) for i in test_i])
    acc = float((pred == y_test).mean())
    out = {"verdict_frozen_third_accuracy": round(acc, 4),
           "frozen_third_recall": {v: round(float((pred[y_test == v] == v).mean()), 4)
                                   for v in sorted(set(y_test))},
           "frozen_third_majority_baseline": round(
               float(max((y_test == v).mean() for v in set(y_test))), 4),
           "n_train": len(train_i), "n_frozen": len(test_i), "seed": seed}
    tmp = ARTIFACTS_DIR / "verdict_holdout.json.tmp"
    tmp.write_text(json.dumps({"version": VERDICT_VERSION, **out,
                               "frozen_pmids": [rows[i]["pmid"] for i in test_i]}, indent=1))
    tmp.replace(ARTIFACTS_DIR / "verdict_holdout.json")
    return out


def main() -> int:
    """CLI: fit the verdict model, write its artefacts, print the CV figures."""
    parser = argparse.ArgumentParser(prog="python -m finetune.classifiers.verdict",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data root with pubmedqa/ (default: settings data_dir)")
    parser.add_argument("--seed", type=int, default=0, help="split seed (default 0)")
    parser.add_argument("--cv-seeds", type=int, default=1,
                        help="repeat the verdict model's nested CV over this many splits")
    parser.add_argument("--holdout-third", action="store_true",
                        help="fit on two thirds of the dev questions, report the accuracy on the "
                             "frozen third (writes verdict_holdout.json only, not the model)")
    args = parser.parse_args()
    setup_logging(False)
    data_dir = args.data_dir if args.data_dir is not None else default_data_dir()
    if args.holdout_third:
        print(json.dumps(holdout_third(data_dir, seed=args.seed), indent=2), file=sys.stdout)
        return 0
    results = train_verdict(data_dir, seed=args.seed, cv_seeds=args.cv_seeds)
    print(json.dumps(results, indent=2), file=sys.stdout)
    return 0


if __name__ == "__main__":
    run_cli(main)
