"""Rebuild the learned artefacts in ``assistant/artifacts/`` (JSON linear models, no pickle).

    python -m assistant.train_classifiers [--data-dir ../shared/data] [--only verdict|safety]
        [--cv-seeds 5]

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
- ``safety_lr.json``: P(harmful) from all-MiniLM-L6-v2 embeddings; positives = MedSafetyBench
  train requests (900), negatives = MedMCQA questions, HealthBench prompts, ACI-Bench notes and
  ``artifacts/benign_requests.txt``. Threshold: the lowest at which out-of-fold benign false
  positives stay <= 1%. PubMedQA questions and MedQA stems are NOT used, so over-refusal is
  measured on them as unseen data. ``safety_category_lr.json``: category 1-9 of a harmful one.
Prints the cross-validated figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
from pathlib import Path

import numpy as np

from assistant.cli import run_cli, setup_logging
from assistant.config import load_settings
from assistant.evidence import VerdictModel, verdict_features, verdict_terms
from assistant.linear import ARTIFACTS_DIR, LinearModel, from_sklearn, nb_from_sklearn

DEFAULT_DATA = Path("/work/shared/data")
VERSION = 1
VERDICT_VERSION = 4
# Linear members per verdict model (nested CV, 5 seeds: 1 -> 0.758, 5 -> 0.764, 10 -> 0.764).
VERDICT_BAG = 5
VERDICT_CS = (0.003, 0.01, 0.03, 0.1, 0.3)
NB_ALPHA = 0.5


def _fit_lr(x: np.ndarray, y: np.ndarray, c: float, class_weight: str | None = None):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    clf = LogisticRegression(C=c, max_iter=5000, class_weight=class_weight)
    clf.fit(scaler.transform(x), y)
    return scaler, clf


def pubmedqa_docs(data_dir: Path) -> dict[str, str]:
    """PMID -> document text exactly as the index stores it (index.loaders)."""
    from index.loaders import iter_documents

    issues: list = []
    corpus = data_dir / "pubmedqa" / "corpus.jsonl"
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
            scaler, clf = _fit_lr(x[tr], y[tr], c)
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
        scaler, clf = _fit_lr(x, y, c)
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
    rows = [json.loads(line) for line in
            (data_dir / "pubmedqa" / "dev_questions.jsonl").read_text().splitlines() if line]
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


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def harmful_requests(data_dir: Path) -> list[tuple[str, str]]:
    """(request, category) for every MedSafetyBench train CSV row."""
    out: list[tuple[str, str]] = []
    for f in sorted((data_dir / "medsafetybench" / "train").glob("*/*category_*.csv")):
        cat = f.stem.rsplit("_", 1)[-1]
        out += [(r["harmful_medical_request"].strip(), cat) for r in _csv_rows(f)
                if r.get("harmful_medical_request", "").strip()]
    return out


def benign_requests(data_dir: Path, n_medmcqa: int = 1500, seed: int = 0) -> list[str]:
    """Benign clinical questions/instructions (none from PubMedQA or MedQA)."""
    rng = random.Random(seed)
    mcqa = [json.loads(line)["question"] for line in
            (data_dir / "medmcqa" / "medmcqa_test.jsonl").read_text().splitlines() if line]
    rng.shuffle(mcqa)
    out = mcqa[:n_medmcqa]
    for line in (data_dir / "healthbench_subset" /
                 "context_seeking_consensus_hard_104.jsonl").read_text().splitlines():
        if line:
            turns = [t["content"] for t in json.loads(line)["prompt"] if t["role"] == "user"]
            out += turns[:1]
    for name in ("train.csv", "valid.csv"):
        p = data_dir / "aci_bench" / name
        if p.is_file():
            out += [r["note"][:1500] for r in _csv_rows(p) if r.get("note")]
    own = (ARTIFACTS_DIR / "benign_requests.txt").read_text(encoding="utf-8").splitlines()
    out += [line.strip() for line in own if line.strip() and not line.startswith("#")]
    return out + benign_template_requests()


def benign_template_requests() -> list[str]:
    """Benign imperatives and research questions: in each of ``benign_templates.txt`` and
    ``benign_questions.txt``, every template x every topic."""
    out: list[str] = []
    for name in ("benign_templates.txt", "benign_questions.txt"):
        block: list[str] | None = None
        templates: list[str] = []
        topics: list[str] = []
        for line in (ARTIFACTS_DIR / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line in ("[templates]", "[topics]"):
                block = templates if line == "[templates]" else topics
            elif block is not None:
                block.append(line)
        out += [t.format(t=topic) for t in templates for topic in topics]
    return out


def cached_embeddings(texts: list[str], settings) -> np.ndarray:
    """MiniLM vectors, cached per text in ``cache_dir/train_embeddings.npz`` (cheap reruns)."""
    import hashlib

    from assistant.embedding import get_embedder

    path = settings.cache_dir / "train_embeddings.npz"
    cache: dict[str, np.ndarray] = {}
    if path.is_file():
        with np.load(path) as z:
            cache = {k: z[k] for k in z.files}
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cache}.items())
    if todo:
        vecs = get_embedder(settings).encode([t for _, t in todo], batch_size=64,
                                             show_progress=True)
        cache.update({k: v for (k, _), v in zip(todo, vecs, strict=True)})
        if path.is_file():  # another run may have written meanwhile: merge, never drop entries
            with np.load(path) as z:
                cache = {**{k: z[k] for k in z.files}, **cache}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"train_embeddings.{os.getpid()}.tmp.npz")
        np.savez(tmp, **cache)
        tmp.replace(path)
    return np.stack([cache[k] for k in keys])


def train_safety(data_dir: Path, c: float = 1.0, max_fp: float = 0.01, seed: int = 0) -> dict:
    """Fit the harmful-request classifier; choose its threshold from out-of-fold scores."""
    from sklearn.model_selection import StratifiedKFold

    from assistant.safety import rule_match

    settings = load_settings(None)
    harm = harmful_requests(data_dir)
    benign = benign_requests(data_dir, seed=seed)
    texts = [t for t, _ in harm] + benign
    y = np.array([1] * len(harm) + [0] * len(benign))
    emb = cached_embeddings([t[:2000] for t in texts], settings)
    oof = np.zeros(len(y))
    skf = StratifiedKFold(5, shuffle=True, random_state=seed)
    for tr, te in skf.split(emb, y):
        scaler, clf = _fit_lr(emb[tr], y[tr], c, "balanced")
        oof[te] = clf.predict_proba(scaler.transform(emb[te]))[:, 1]
    neg = np.sort(oof[y == 0])[::-1]
    k = int(np.floor(max_fp * len(neg)))
    threshold = float(max(0.5, neg[k] + 1e-6))
    rules = np.array([rule_match(t) is not None for t in texts])
    flagged = (oof >= threshold) | rules
    refusal_cv = float(flagged[y == 1].mean())
    fp_cv = float(flagged[y == 0].mean())
    scaler, clf = _fit_lr(emb, y, c, "balanced")
    meta = {"version": VERSION, "threshold": threshold, "C": c,
            "positives": f"medsafetybench train ({len(harm)})",
            "negatives": f"medmcqa/healthbench/aci-bench/hand-written ({len(benign)})",
            "cv5_refusal_rate": round(refusal_cv, 4), "cv5_benign_flag_rate": round(fp_cv, 4)}
    from_sklearn("safety", scaler, clf, meta).save(ARTIFACTS_DIR / "safety_lr.json")
    h_emb = emb[: len(harm)]
    cats = np.array([cat for _, cat in harm])
    scaler, clf = _fit_lr(h_emb, cats, 0.5)
    from_sklearn("safety_category", scaler, clf, {"version": VERSION}).save(
        ARTIFACTS_DIR / "safety_category_lr.json")
    in_sample = LinearModel.load(ARTIFACTS_DIR / "safety_lr.json").predict_proba(emb)[:, 1]
    return {"safety_threshold": threshold, "refusal_rate_cv5": refusal_cv,
            "benign_flag_rate_cv5": fp_cv,
            "refusal_rate_in_sample": float(((in_sample >= threshold) | rules)[y == 1].mean()),
            "n_harmful": len(harm), "n_benign": len(benign)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", choices=["verdict", "safety"])
    parser.add_argument("--cv-seeds", type=int, default=1,
                        help="repeat the verdict model's nested CV over this many splits")
    args = parser.parse_args()
    setup_logging(False)
    results: dict = {}
    if args.only in (None, "verdict"):
        results.update(train_verdict(args.data_dir, cv_seeds=args.cv_seeds))
    if args.only in (None, "safety"):
        results.update(train_safety(args.data_dir))
    print(json.dumps(results, indent=2), file=sys.stdout)
    return 0


if __name__ == "__main__":
    run_cli(main)
