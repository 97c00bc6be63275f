"""A small real literature index for tests: real bm25s and FAISS, a tiny embedder.

The embedder is the tiny randomly initialised sentence-transformers model of
``test_index_build`` (real MiniLM tokenizer, 16-d, one layer): it loads in milliseconds and is
deterministic, so rankings can be pinned. Two topics (statins and dementia; aspirin and
pre-eclampsia) plus two unrelated abstracts.
"""

from __future__ import annotations

import json
from pathlib import Path

from test_index_build import _tiny_st_model  # same folder (pytest rootdir on sys.path)

from assistant.config import Settings
from index.build import build_index

CORPUS = [
    {"pmid": "101", "title": "Statins and dementia in older adults",
     "contexts": ["Older adults taking statins were followed for ten years.",
                  "Statin use was associated with a lower risk of dementia in older adults."],
     "sections": ["METHODS", "CONCLUSIONS"]},
    {"pmid": "102", "title": "Statin therapy and cognitive decline",
     "contexts": ["Statin therapy reduced the risk of dementia and cognitive decline."],
     "sections": ["CONCLUSIONS"]},
    {"pmid": "103", "title": "Cholesterol lowering and memory",
     "contexts": ["Lowering cholesterol with statins did not change memory scores."],
     "sections": ["RESULTS"]},
    {"pmid": "201", "title": "Low-dose aspirin and pre-eclampsia",
     "contexts": ["Low-dose aspirin prevented pre-eclampsia in high-risk pregnancies.",
                  "Aspirin prophylaxis reduced the rate of preterm pre-eclampsia."],
     "sections": ["RESULTS", "CONCLUSIONS"]},
    {"pmid": "202", "title": "Aspirin prophylaxis in pregnancy",
     "contexts": ["Daily low-dose aspirin from the first trimester prevented pre-eclampsia."],
     "sections": ["CONCLUSIONS"]},
    {"pmid": "203", "title": "Bleeding with aspirin in pregnancy",
     "contexts": ["Bleeding complications of aspirin were rare in pregnancy."],
     "sections": ["RESULTS"]},
    {"pmid": "301", "title": "Knee osteoarthritis exercise",
     "contexts": ["Exercise therapy improved knee pain in osteoarthritis."],
     "sections": ["RESULTS"]},
    {"pmid": "302", "title": "Sepsis antibiotics timing",
     "contexts": ["Each hour of delay in antibiotics raised sepsis mortality."],
     "sections": ["RESULTS"]},
]


def build_tiny_index(base: Path, settings: Settings) -> tuple[Settings, Path]:
    """Build the tiny embedder and the index under ``base``; returns (settings that use the
    tiny embedder, index folder)."""
    model = _tiny_st_model(base / "model", 16, 1)
    settings = settings.model_copy(update={"embedding_model_path": model, "use_llm": False})
    corpus = base / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in CORPUS) + "\n", encoding="utf-8")
    out = base / "index"
    build_index([corpus], out, settings, show_progress=False)
    return settings, out
