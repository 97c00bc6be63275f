"""BM25 over chunks with ``bm25s``: one tokenizer for indexing and querying.

Tokens: lower-cased word characters (2+ chars, plus single digits, which matter in medicine:
"type 2 diabetes"), English stopwords removed, Snowball-stemmed (nltk, pure Python, no data
download). The stem of each distinct word is cached, so tokenizing millions of chunks costs
one stemmer call per vocabulary word.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
from bm25s.stopwords import STOPWORDS_EN
from nltk.stem.snowball import SnowballStemmer

# bm25s sets its own logger to DEBUG on import, which floods stderr through the root handler.
logging.getLogger("bm25s").setLevel(logging.WARNING)

TOKENIZER_NAME = "regex-lower+stop-en+snowball-en"
_TOKEN = re.compile(r"(?u)\b\w\w+\b|\b\d\b")
_STOP = frozenset(STOPWORDS_EN)
_STEMMER = SnowballStemmer("english")


@lru_cache(maxsize=1_000_000)
def _stem(word: str) -> str:
    return _STEMMER.stem(word)


def tokenize(text: str) -> list[str]:
    """BM25 tokens of ``text``."""
    return [_stem(w) for w in _TOKEN.findall(text.lower()) if w not in _STOP]


class BM25Index:
    """A bm25s index whose document i is chunk row i."""

    def __init__(self, model: bm25s.BM25) -> None:
        self.model = model

    @classmethod
    def build(cls, texts: Sequence[str], k1: float = 1.2, b: float = 0.75) -> BM25Index:
        model = bm25s.BM25(k1=k1, b=b, method="lucene")
        model.index([tokenize(t) for t in texts], show_progress=False)
        return cls(model)

    def save(self, path: Path) -> None:
        self.model.save(str(path), show_progress=False)

    @classmethod
    def load(cls, path: Path) -> BM25Index:
        return cls(bm25s.BM25.load(str(path), mmap=False, show_progress=False))

    @property
    def size(self) -> int:
        return int(self.model.scores["num_docs"])

    def idf(self, token: str) -> float:
        """BM25 (Lucene) inverse document frequency of a BM25 token over the indexed chunks;
        a token the index never saw gets the largest value."""
        i = self.model.vocab_dict.get(token)
        indptr = self.model.scores["indptr"]
        df = 0 if i is None else int(indptr[i + 1] - indptr[i])
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def search(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the top ``k`` chunks with a positive score, best first."""
        tokens = tokenize(query)
        k = min(k, self.size)
        if not tokens or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        res = self.model.retrieve([tokens], k=k, show_progress=False, n_threads=0)
        rows, scores = np.asarray(res.documents[0]), np.asarray(res.scores[0])
        keep = scores > 0
        return rows[keep].astype(np.int64), scores[keep].astype(np.float32)
