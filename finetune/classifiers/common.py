"""Code shared by the classifier fits: data paths, the scikit-learn fit, the embedding cache.

Training code only: the product (``assistant/``) loads the JSON artefacts these fits write
and never imports this package.
"""

from __future__ import annotations

import csv
import hashlib
import os
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import InputError


def default_data_dir() -> Path:
    """The data root from the settings (``data_dir``: the repository's bundled ``data/``)."""
    from assistant.config import load_settings

    return Path(load_settings(None).data_dir)


def require_file(path: Path, flag: str) -> Path:
    """``path`` when it is a file; else an InputError that names the flag to pass."""
    if not Path(path).is_file():
        raise InputError(f"training data {path} not found; pass {flag} pointing at the data "
                         "root that holds it (see data/README.md)")
    return Path(path)


def fit_lr(x: np.ndarray, y: np.ndarray, c: float, class_weight: str | None = None
           ) -> tuple[Any, Any]:
    """A StandardScaler and an L2 LogisticRegression(C=c) fitted on the scaled ``x``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    clf = LogisticRegression(C=c, max_iter=5000, class_weight=class_weight)
    clf.fit(scaler.transform(x), y)
    return scaler, clf


def csv_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file as dicts."""
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def cached_embeddings(texts: list[str], settings: Any) -> np.ndarray:
    """MiniLM vectors, cached per text in ``cache_dir/train_embeddings.npz`` (cheap reruns)."""
    from index.embed import classifier_embedder

    path = settings.cache_dir / "train_embeddings.npz"
    cache: dict[str, np.ndarray] = {}
    if path.is_file():
        with np.load(path) as z:
            cache = {k: z[k] for k in z.files}
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cache}.items())
    if todo:
        vecs = classifier_embedder(settings).encode([t for _, t in todo], batch_size=64,
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
