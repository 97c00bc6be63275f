"""MedQA (USMLE) multiple-choice accuracy of the language model itself.

    python -m eval.run --suite medqa --limit 50 --out runs/eval/medqa

Tracks the LM (base, fine-tuned adapter, or a served model), not the assistant's rules. How a
choice is read from the model (``CLINASSIST_MEDQA_METHOD``):
- ``letter`` (default, local backend): one forward pass; the option letter whose token has the
  highest next-token logit after "The answer is" (a constrained choice among the letters).
- ``loglik`` (local backend): the option whose text has the highest mean token log-likelihood
  after the question (length-normalised; one padded batch per question).
- ``generate`` (any backend, the fallback for served models): generate a short reply and take
  the first standalone option letter; a reply without one counts as invalid (and wrong).

Data: ``<data>/medqa/medqa_us_4opt_test.jsonl``; ``CLINASSIST_MEDQA_SET`` picks ``4opt``
(default), ``5opt``, ``hard100`` or ``medmcqa``; ``--data`` may also name a .jsonl file.
Chance level is 1/number of options (0.25 for 4 options); SmolLM2-135M sits near it.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError, InputError
from assistant.runtime import Runtime
from eval.common import SuiteSkipped
from eval.metrics import accuracy, confusion_matrix, safe_div, seeded_subset

NAME = "medqa"
HEADLINE = ["accuracy", "chance", "invalid_rate"]

SETS = {
    "4opt": "medqa/medqa_us_4opt_test.jsonl",
    "5opt": "medqa/medqa_us_5opt_test.jsonl",
    "hard100": "medqa/medqa_us_4opt_test_hard100.jsonl",
    "medmcqa": "medmcqa/medmcqa_test.jsonl",
}
METHODS = ("letter", "loglik", "generate")
SYSTEM = ("You are a medical expert taking a licensing exam. Choose the single best option "
          "and answer with its letter.")
ANSWER_PREFIX = "The answer is"


def _data_file(data_dir: Path) -> Path:
    data_dir = Path(data_dir)
    if data_dir.is_file():
        return data_dir
    which = os.environ.get("CLINASSIST_MEDQA_SET", "4opt")
    if which not in SETS:
        raise ConfigError(f"CLINASSIST_MEDQA_SET={which!r}: choose one of {', '.join(SETS)}")
    return data_dir / SETS[which]


def load_examples(data_dir: Path, *, limit: int | None = None, seed: int = 0) -> list[dict]:
    """Questions as ``{"id", "question", "options": {letter: text}, "answer": letter, "meta"}``."""
    path = _data_file(data_dir)
    if not path.is_file():
        raise FileNotFoundError(str(path))
    examples = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        row = json.loads(line)
        options = {str(k): str(v) for k, v in (row.get("options") or {}).items()}
        answer = str(row.get("answer_idx", ""))
        if not options or answer not in options:
            raise InputError(f"{path.name} line {i + 1}: needs options and answer_idx among them")
        examples.append({"id": str(row.get("realidx", i)), "question": str(row["question"]),
                         "options": options, "answer": answer,
                         "meta": str(row.get("meta_info") or "")})
    return seeded_subset(examples, limit, seed)


def render_question(example: dict) -> str:
    """The user turn: the question and lettered options, then the instruction."""
    opts = "\n".join(f"{k}. {v}" for k, v in example["options"].items())
    return f"{example['question']}\n\n{opts}\n\nAnswer with the letter of the best option."


def parse_letter(text: str, letters: list[str]) -> str | None:
    """The first standalone option letter in a reply ("B", "B.", "(B)", "answer is B")."""
    pattern = r"\b(" + "|".join(re.escape(x) for x in letters) + r")\b"
    m = re.search(pattern, text or "")
    return m.group(1) if m else None


class _LocalScorer:
    """Reads choices straight from a local transformers model's logits."""

    def __init__(self, backend: Any) -> None:
        self.model = backend.model
        self.tok = backend.tokenizer

    def _prefix(self, example: dict) -> str:
        messages = [{"role": "system", "content": SYSTEM},
                    {"role": "user", "content": render_question(example)}]
        if getattr(self.tok, "chat_template", None):
            text = self.tok.apply_chat_template(messages, tokenize=False,
                                                add_generation_prompt=True)
        else:
            text = f"{SYSTEM}\n\n{render_question(example)}\n"
        return text + ANSWER_PREFIX

    def letter_ids(self, letter: str) -> list[int]:
        """Token ids that start the letter (" B" and "B" are different tokens)."""
        ids = set()
        for form in (" " + letter, letter):
            enc = self.tok.encode(form, add_special_tokens=False)
            if len(enc) == 1:  # a multi-token form would be compared by its first piece only
                ids.add(enc[0])
        if not ids:
            raise InputError(f"option letter {letter!r} is not a single token for this tokenizer")
        return sorted(ids)

    def letter(self, example: dict) -> tuple[str, dict[str, float]]:
        import torch

        enc = self.tok(self._prefix(example), return_tensors="pt", add_special_tokens=False)
        enc = enc.to(self.model.device)
        with torch.inference_mode():
            logits = self.model(**enc).logits[0, -1].float()
        scores = {k: max(float(logits[i]) for i in self.letter_ids(k)) for k in example["options"]}
        return max(scores, key=scores.__getitem__), scores

    def loglik(self, example: dict) -> tuple[str, dict[str, float]]:
        import torch

        prefix = self._prefix(example).removesuffix(ANSWER_PREFIX) + "The answer is:"
        p_ids = self.tok.encode(prefix, add_special_tokens=False)
        rows, spans = [], []
        for text in example["options"].values():
            o_ids = self.tok.encode(" " + text, add_special_tokens=False) or [0]
            rows.append(p_ids + o_ids)
            spans.append((len(p_ids), len(p_ids) + len(o_ids)))
        width = max(map(len, rows))
        pad = self.tok.pad_token_id if self.tok.pad_token_id is not None else 0
        ids = torch.tensor([r + [pad] * (width - len(r)) for r in rows], device=self.model.device)
        mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows],
                            device=self.model.device)
        with torch.inference_mode():
            logp = torch.log_softmax(self.model(input_ids=ids, attention_mask=mask).logits.float(),
                                     dim=-1)
        scores = {}
        for row, (letter, (a, b)) in enumerate(zip(example["options"], spans, strict=True)):
            # logits at position t predict token t+1
            tok_lp = logp[row, a - 1:b - 1].gather(1, ids[row, a:b].unsqueeze(1))
            scores[letter] = float(tok_lp.mean())
        return max(scores, key=scores.__getitem__), scores


def make_runner(runtime: Runtime) -> Callable[[dict], dict]:
    """Load the configured LM once; return ``fn(example) -> {"id", "pred", "gold", ...}``."""
    settings = runtime.settings
    if not settings.use_llm:
        raise SuiteSkipped("medqa measures the language model: run it without --no-llm")
    from assistant.llm import GenerationParams

    method = os.environ.get("CLINASSIST_MEDQA_METHOD", "letter")
    if method not in METHODS:
        raise ConfigError(f"CLINASSIST_MEDQA_METHOD={method!r}: choose one of {METHODS}")
    backend = runtime.backend
    local = hasattr(backend, "model") and hasattr(backend, "tokenizer")
    if not local:
        method = "generate"  # a served model exposes no logits through the interface
    scorer = _LocalScorer(backend) if local else None
    params = GenerationParams(max_new_tokens=8, temperature=0.0)

    def run(example: dict) -> dict:
        letters = list(example["options"])
        scores: dict[str, float] = {}
        raw = None
        if method == "generate" or scorer is None:
            raw = backend.generate([{"role": "system", "content": SYSTEM},
                                    {"role": "user", "content": render_question(example)}],
                                   params)
            pred = parse_letter(raw, letters)
        elif method == "loglik":
            pred, scores = scorer.loglik(example)
        else:
            pred, scores = scorer.letter(example)
        return {"id": example["id"], "gold": example["answer"], "pred": pred,
                "correct": pred == example["answer"], "n_options": len(letters),
                "meta": example.get("meta", ""), "method": method,
                "scores": {k: round(v, 4) for k, v in scores.items()},
                **({"raw": raw[:200]} if raw is not None else {})}

    return run


def aggregate(results: list[dict]) -> dict:
    """Accuracy (failed or unreadable answers count as wrong), chance level, answer spread."""
    gold = [r.get("gold") for r in results]
    pred = [r.get("pred") for r in results]
    n = len(results)
    n_opts = [r.get("n_options", 4) for r in results if r.get("n_options")]
    metrics: dict[str, Any] = {
        "accuracy": accuracy(gold, pred),
        "chance": safe_div(sum(1 / k for k in n_opts), len(n_opts)),
        "invalid_rate": safe_div(sum(p is None for p in pred), n),
        "n": n,
    }
    by_meta: dict[str, list[dict]] = {}
    for r in results:
        by_meta.setdefault(r.get("meta") or "all", []).append(r)
    for meta, rows in sorted(by_meta.items()):
        if len(by_meta) > 1:
            metrics[f"accuracy.{meta}"] = accuracy([r.get("gold") for r in rows],
                                                   [r.get("pred") for r in rows])
    letters = sorted({x for x in gold + pred if x})
    pc, gc = Counter(pred), Counter(gold)
    # A model that always says "A" scores the share of "A" gold answers: show the spread.
    spread = {x: {"gold": gc.get(x, 0), "predicted": pc.get(x, 0)} for x in letters}
    if pc.get(None):
        spread["none"] = {"gold": 0, "predicted": pc[None]}
    cm = confusion_matrix(gold, pred, letters)
    return {"metrics": metrics,
            "tables": {"answer_letters": spread,
                       "confusion (rows gold, columns predicted)": {
                           g: dict(zip(letters, row, strict=True))
                           for g, row in zip(letters, cm, strict=True)}}}


def plot(results: list[dict], summary: dict, out_dir: Path) -> list[Path]:
    """Confusion matrix of gold vs predicted letters."""
    from eval.plots import confusion_png

    gold = [r.get("gold") for r in results]
    pred = [r.get("pred") for r in results]
    letters = sorted({x for x in gold + pred if x})
    return [confusion_png(confusion_matrix(gold, pred, letters), letters,
                          Path(out_dir) / "confusion.png", "MedQA: gold vs predicted letter")]
