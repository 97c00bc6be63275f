"""Small linear classifiers stored as JSON (no pickle): standardise, then multinomial softmax;
and a multinomial naive Bayes over binary term presence (``TextNaiveBayes``).

Trained with scikit-learn (``finetune.classifiers.verdict`` and ``finetune.classifiers.safety``),
applied here with numpy only, so the artefacts are readable, diffable and safe to load.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import ModelNotFoundError

ARTIFACTS_DIR = Path(__file__).resolve().parent / "artifacts"


def save_json(path: Path, data: dict[str, Any]) -> None:
    """Compact JSON written to a temp file, then renamed: never a half-written model."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)


def load_json(path: Path) -> dict[str, Any]:
    """A model file's JSON; ModelNotFoundError with the rebuild command when missing."""
    if not path.is_file():
        kind = "safety" if path.name.startswith("safety") else "verdict"
        raise ModelNotFoundError(
            f"classifier {path} is missing; rebuild it with "
            f"`python -m finetune.classifiers.{kind}`")
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class LinearModel:
    """``p = softmax(((x - mean) / scale) @ coef.T + intercept)``; binary models keep one row."""

    name: str
    classes: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities for rows of ``x`` (n x d) in ``classes`` order."""
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        z = ((x - self.mean) / self.scale) @ self.coef.T + self.intercept
        if self.coef.shape[0] == 1:  # scikit-learn's binary form: one logit for classes[1]
            p1 = 1.0 / (1.0 + np.exp(-z[:, 0]))
            return np.stack([1.0 - p1, p1], axis=1)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, x: np.ndarray) -> list[str]:
        """Most probable class per row."""
        return [self.classes[i] for i in self.predict_proba(x).argmax(axis=1)]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "classes": self.classes, "mean": self.mean.tolist(),
                "scale": self.scale.tolist(), "coef": self.coef.tolist(),
                "intercept": self.intercept.tolist(), "meta": self.meta}

    def save(self, path: Path) -> None:
        """Write atomically (tmp + rename)."""
        save_json(path, self.to_json())

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        return cls(name=data["name"], classes=list(data["classes"]),
                   mean=np.asarray(data["mean"], dtype=np.float64),
                   scale=np.asarray(data["scale"], dtype=np.float64),
                   coef=np.atleast_2d(np.asarray(data["coef"], dtype=np.float64)),
                   intercept=np.asarray(data["intercept"], dtype=np.float64),
                   meta=dict(data.get("meta", {})))

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Load a model file; raise ModelNotFoundError with the rebuild command when missing."""
        return cls.from_json(load_json(path))


def from_sklearn(name: str, scaler: Any, clf: Any, meta: dict[str, Any]) -> LinearModel:
    """Convert a fitted StandardScaler + LogisticRegression pair."""
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    return LinearModel(name=name, classes=[str(c) for c in clf.classes_],
                       mean=np.asarray(scaler.mean_, dtype=np.float64), scale=scale,
                       coef=np.atleast_2d(clf.coef_).astype(np.float64),
                       intercept=np.asarray(clf.intercept_, dtype=np.float64), meta=meta)


@dataclass
class TextNaiveBayes:
    """Multinomial naive Bayes over binary term presence (scikit-learn's MultinomialNB on a
    binary CountVectorizer): ``log P(c | terms) = log prior_c + sum_t log P(t | c)``, normalised
    over classes; terms outside the vocabulary are ignored."""

    name: str
    classes: list[str]
    vocabulary: dict[str, int]
    log_prior: np.ndarray
    log_prob: np.ndarray  # classes x vocabulary
    meta: dict[str, Any] = field(default_factory=dict)

    def log_proba(self, docs: list[list[str]]) -> np.ndarray:
        """Normalised class log-probabilities (n x classes) for term lists."""
        out = np.empty((len(docs), len(self.classes)))
        for i, terms in enumerate(docs):
            idx = sorted({self.vocabulary[t] for t in terms if t in self.vocabulary})
            jll = self.log_prior + self.log_prob[:, idx].sum(axis=1)
            out[i] = jll - np.logaddexp.reduce(jll)
        return out

    def to_json(self) -> dict[str, Any]:
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {"name": self.name, "classes": self.classes, "terms": terms,
                "log_prior": self.log_prior.tolist(),
                "log_prob": np.round(self.log_prob, 5).tolist(), "meta": self.meta}

    def save(self, path: Path) -> None:
        """Write atomically (tmp + rename)."""
        save_json(path, self.to_json())

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TextNaiveBayes:
        return cls(name=data["name"], classes=list(data["classes"]),
                   vocabulary={t: i for i, t in enumerate(data["terms"])},
                   log_prior=np.asarray(data["log_prior"], dtype=np.float64),
                   log_prob=np.atleast_2d(np.asarray(data["log_prob"], dtype=np.float64)),
                   meta=dict(data.get("meta", {})))

    @classmethod
    def load(cls, path: Path) -> TextNaiveBayes:
        """Load a model file; raise ModelNotFoundError with the rebuild command when missing."""
        return cls.from_json(load_json(path))


def nb_from_sklearn(name: str, vectorizer: Any, nb: Any, meta: dict[str, Any]) -> TextNaiveBayes:
    """Convert a fitted CountVectorizer + MultinomialNB pair."""
    return TextNaiveBayes(name=name, classes=[str(c) for c in nb.classes_],
                          vocabulary={str(t): int(i) for t, i in vectorizer.vocabulary_.items()},
                          log_prior=np.asarray(nb.class_log_prior_, dtype=np.float64),
                          log_prob=np.asarray(nb.feature_log_prob_, dtype=np.float64), meta=meta)
