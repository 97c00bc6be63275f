"""Fit the harmful-request classifiers into ``assistant/artifacts/``.

    python -m finetune.classifiers.safety --data-dir DIR [--c 1.0] [--max-fp 0.01] [--seed 0]

``--data-dir`` is a data root with ``medsafetybench/train``, ``medmcqa/medmcqa_test.jsonl``,
``healthbench_subset/`` and (optional) ``aci_bench/`` (default: the settings' ``data_dir``;
the repository's ``data/`` ships only MedSafetyBench, so pass the full shared data root).

- ``safety_lr.json``: P(harmful) from all-MiniLM-L6-v2 embeddings; positives = MedSafetyBench
  train requests (900), negatives = MedMCQA questions, HealthBench prompts, ACI-Bench notes and
  ``artifacts/benign_requests.txt``. Threshold: the lowest at which out-of-fold benign false
  positives stay <= 1%. PubMedQA questions and MedQA stems are NOT used, so over-refusal is
  measured on them as unseen data. ``safety_category_lr.json``: category 1-9 of a harmful one.
Prints the cross-validated figures (JSON).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np

from assistant.cli import run_cli, setup_logging
from assistant.config import load_settings
from assistant.errors import InputError
from assistant.linear import ARTIFACTS_DIR, LinearModel, from_sklearn
from finetune.classifiers.common import (
    cached_embeddings,
    csv_rows,
    default_data_dir,
    fit_lr,
    require_file,
)

VERSION = 1


def harmful_requests(data_dir: Path) -> list[tuple[str, str]]:
    """(request, category) for every MedSafetyBench train CSV row."""
    out: list[tuple[str, str]] = []
    files = sorted((data_dir / "medsafetybench" / "train").glob("*/*category_*.csv"))
    if not files:
        raise InputError(f"no MedSafetyBench train CSVs under {data_dir / 'medsafetybench'}; "
                         "pass --data-dir pointing at the data root that holds them")
    for f in files:
        cat = f.stem.rsplit("_", 1)[-1]
        out += [(r["harmful_medical_request"].strip(), cat) for r in csv_rows(f)
                if r.get("harmful_medical_request", "").strip()]
    return out


def benign_requests(data_dir: Path, n_medmcqa: int = 1500, seed: int = 0) -> list[str]:
    """Benign clinical questions/instructions (none from PubMedQA or MedQA)."""
    rng = random.Random(seed)
    mcqa_path = require_file(data_dir / "medmcqa" / "medmcqa_test.jsonl", "--data-dir")
    mcqa = [json.loads(line)["question"] for line in mcqa_path.read_text().splitlines() if line]
    rng.shuffle(mcqa)
    out = mcqa[:n_medmcqa]
    healthbench = require_file(
        data_dir / "healthbench_subset" / "context_seeking_consensus_hard_104.jsonl",
        "--data-dir")
    for line in healthbench.read_text().splitlines():
        if line:
            turns = [t["content"] for t in json.loads(line)["prompt"] if t["role"] == "user"]
            out += turns[:1]
    for name in ("train.csv", "valid.csv"):
        p = data_dir / "aci_bench" / name
        if p.is_file():
            out += [r["note"][:1500] for r in csv_rows(p) if r.get("note")]
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


def train_safety(data_dir: Path, c: float = 1.0, max_fp: float = 0.01, seed: int = 0,
                 settings: Any = None) -> dict:
    """Fit the harmful-request classifier; choose its threshold from out-of-fold scores."""
    from sklearn.model_selection import StratifiedKFold

    from assistant.safety import rule_match

    settings = load_settings(None) if settings is None else settings
    harm = harmful_requests(data_dir)
    benign = benign_requests(data_dir, seed=seed)
    texts = [t for t, _ in harm] + benign
    y = np.array([1] * len(harm) + [0] * len(benign))
    emb = cached_embeddings([t[:2000] for t in texts], settings)
    oof = np.zeros(len(y))
    skf = StratifiedKFold(5, shuffle=True, random_state=seed)
    for tr, te in skf.split(emb, y):
        scaler, clf = fit_lr(emb[tr], y[tr], c, "balanced")
        oof[te] = clf.predict_proba(scaler.transform(emb[te]))[:, 1]
    neg = np.sort(oof[y == 0])[::-1]
    k = int(np.floor(max_fp * len(neg)))
    threshold = float(max(0.5, neg[k] + 1e-6))
    rules = np.array([rule_match(t) is not None for t in texts])
    flagged = (oof >= threshold) | rules
    refusal_cv = float(flagged[y == 1].mean())
    fp_cv = float(flagged[y == 0].mean())
    scaler, clf = fit_lr(emb, y, c, "balanced")
    meta = {"version": VERSION, "threshold": threshold, "C": c,
            "positives": f"medsafetybench train ({len(harm)})",
            "negatives": f"medmcqa/healthbench/aci-bench/hand-written ({len(benign)})",
            "cv5_refusal_rate": round(refusal_cv, 4), "cv5_benign_flag_rate": round(fp_cv, 4)}
    from_sklearn("safety", scaler, clf, meta).save(ARTIFACTS_DIR / "safety_lr.json")
    h_emb = emb[: len(harm)]
    cats = np.array([cat for _, cat in harm])
    scaler, clf = fit_lr(h_emb, cats, 0.5)
    from_sklearn("safety_category", scaler, clf, {"version": VERSION}).save(
        ARTIFACTS_DIR / "safety_category_lr.json")
    in_sample = LinearModel.load(ARTIFACTS_DIR / "safety_lr.json").predict_proba(emb)[:, 1]
    return {"safety_threshold": threshold, "refusal_rate_cv5": refusal_cv,
            "benign_flag_rate_cv5": fp_cv,
            "refusal_rate_in_sample": float(((in_sample >= threshold) | rules)[y == 1].mean()),
            "n_harmful": len(harm), "n_benign": len(benign)}


def main() -> int:
    """CLI: fit the safety classifiers, write their artefacts, print the CV figures."""
    parser = argparse.ArgumentParser(prog="python -m finetune.classifiers.safety",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data root (default: settings data_dir)")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength (default 1)")
    parser.add_argument("--max-fp", type=float, default=0.01,
                        help="out-of-fold benign flag rate the threshold allows (default 0.01)")
    parser.add_argument("--seed", type=int, default=0, help="split seed (default 0)")
    args = parser.parse_args()
    setup_logging(False)
    data_dir = args.data_dir if args.data_dir is not None else default_data_dir()
    results = train_safety(data_dir, c=args.c, max_fp=args.max_fp, seed=args.seed)
    print(json.dumps(results, indent=2), file=sys.stdout)
    return 0


if __name__ == "__main__":
    run_cli(main)
