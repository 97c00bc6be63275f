"""Routing suite: the chat's route (extraction, literature, triage, general, refused) on the
hand-written labelled prompts in ``eval/data/routing_prompts.jsonl``.

    python -m eval.run --suite routing --out DIR

The prompts (88: 15 extraction, 35 literature, 15 triage, 8 general, 15 refused) were
written before the routing rules were tuned. Issue 23 relabelled the 11 clinical "general"
prompts as literature (the general route is now chat about the assistant only) and added 11
prompts (5 about the assistant, 6 open clinical or dosing questions). The route comes from ``Assistant.route``: the
safety screen (rules + MiniLM classifier) first, then the routing rules; no LLM is used.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from assistant.runtime import Runtime
from eval.common import eval_data_dir
from eval.metrics import accuracy, confusion_matrix, seeded_subset

NAME = "routing"
HEADLINE = ["accuracy", "n"]
LABELS = ["extraction", "literature", "triage", "general", "refused"]


def load_examples(data_dir: Path, *, limit: int | None = None, seed: int = 0) -> list[dict]:
    """Labelled prompts (``data_dir`` is unused: the prompts are project-written)."""
    path = eval_data_dir() / "routing_prompts.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return seeded_subset(rows, limit, seed)


def make_runner(runtime: Runtime) -> Callable[[dict], dict]:
    """Route each prompt with the Assistant (components other than safety stay unloaded)."""
    from assistant.ask import Assistant

    assistant = Assistant(runtime)

    def run(ex: dict) -> dict:
        route, reason = assistant.route(ex["prompt"])
        return {"id": ex["id"], "gold": ex["route"], "route": route, "reason": reason}
    return run


def aggregate(results: list[dict]) -> dict:
    """Accuracy, per-route recall, confusion matrix and the misrouted prompts."""
    y_true = [r["gold"] for r in results]
    y_pred = [r["route"] for r in results]
    metrics: dict[str, float | int] = {"n": len(results), "accuracy": accuracy(y_true, y_pred)}
    for label in LABELS:
        rows = [r for r in results if r["gold"] == label]
        if rows:
            metrics[f"recall.{label}"] = sum(r["route"] == label for r in rows) / len(rows)
    wrong = [{"id": r["id"], "gold": r["gold"], "route": r["route"], "reason": r["reason"]}
             for r in results if r["gold"] != r["route"]]
    return {"metrics": metrics, "tables": {
        "confusion": {"labels": LABELS, "matrix": confusion_matrix(y_true, y_pred, LABELS)},
        "misrouted": wrong}}


def plot(results: list[dict], summary: dict, out_dir: Path) -> list[Path]:
    """Confusion matrix PNG."""
    from eval.plots import confusion_png

    t = summary["tables"]["confusion"]
    return [confusion_png(t["matrix"], t["labels"], out_dir / "routing_confusion.png",
                          "Routing (labelled prompts)")]
