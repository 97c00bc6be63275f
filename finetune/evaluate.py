"""Extraction metrics on held-out notes: base model vs LoRA adapter, side by side.

Commands::

    python -m finetune.evaluate --adapter outputs/adapters/smollm2-135m-cpu --limit 20 \\
        --out runs/eval/smollm2-135m-cpu
    python -m finetune.evaluate --adapter ... --notes project     # eval/data/extraction gold
    python -m finetune.evaluate --adapter ... --pipeline          # + rules-only vs LLM-assisted

Modes (columns of the report):
- ``llm:base`` / ``llm:adapter``: the model alone reads the note in the pipeline's own request
  (``Extractor.llm_messages`` with nothing found by the rules, as the SFT ``extraction`` task
  trains it), greedy; its JSON is parsed and every item is grounded
  in the note (the copied text must be found there, else the item is dropped: no span, no
  item), then scored.
- with ``--pipeline``: ``rules`` (``Extractor`` with ``use_llm=False``), ``pipeline:base`` and
  ``pipeline:adapter`` (``Extractor`` with the LLM proposing items the rules missed).

Scoring is ``eval.extraction.score`` (per-category P/R/F1, entity micro-F1, status and
medication attribute accuracy). Writes ``report.json`` and ``report.md`` under ``--out``.
Notes come from the held-out split of ``finetune.data`` (``--notes heldout``, default) or the
project's hand-labelled notes (``--notes project``). Note text is never logged.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.errors import ConfigError
from assistant.schema import Allergy, ExtractionRecord, Lab, Medication, Problem, Vital

log = logging.getLogger(__name__)

HEADLINE = ["entity_micro_f1", "problems.f1", "problems.status_accuracy", "medications.f1",
            "medications.attribute_accuracy", "allergies.f1", "vitals.f1", "labs.f1"]


def parse_json_object(raw: str) -> dict[str, Any] | None:
    """The first JSON object in ``raw`` (models sometimes add text around it), else None."""
    start = raw.find("{")
    while start != -1:
        try:
            obj, _ = json.JSONDecoder().raw_decode(raw[start:])
            if isinstance(obj, dict):
                return obj
        except json.JSONDecodeError:
            pass
        start = raw.find("{", start + 1)
    return None


def _find(note: str, needle: str | None, used: set[tuple[int, int]]) -> tuple[int, int] | None:
    """First occurrence of ``needle`` in the note (case-insensitive) not in ``used``."""
    if not needle or not needle.strip():
        return None
    for m in re.finditer(re.escape(needle.strip()), note, flags=re.IGNORECASE):
        span = (m.start(), m.end())
        if span not in used:
            return span
    return None


def ground(note: str, obj: dict[str, Any] | None, note_id: str) -> ExtractionRecord:
    """Model JSON -> ExtractionRecord keeping only items whose copied text is in the note."""
    rec = ExtractionRecord(note_id=note_id)
    if not obj:
        return rec
    # One item per span and kind; systolic and diastolic BP share "BP 120/80" (CONTRACT).
    used: dict[tuple[str, str | None], set[tuple[int, int]]] = {}
    spec = [("problems", Problem, "text"), ("medications", Medication, "name"),
            ("allergies", Allergy, "substance"), ("vitals", Vital, "raw"), ("labs", Lab, "raw")]
    for cat, model, key in spec:
        items = obj.get(cat)
        if not isinstance(items, list):
            continue
        for it in items:
            if not isinstance(it, dict):
                continue
            kind = (cat, str(it.get("name")) if cat == "vitals" else None)
            taken = used.setdefault(kind, set())
            span = _find(note, it.get(key) if isinstance(it.get(key), str) else None, taken)
            if span is None:
                continue
            fields = {k: v for k, v in it.items() if k in model.model_fields and k != "span"}
            try:
                item = model(**fields, span=span)
            except ValidationError:
                continue
            taken.add(span)
            getattr(rec, cat).append(item)
    return rec


def load_notes(which: str, heldout: Path, limit: int | None,
               max_chars: int | None = None) -> list[tuple[str, str, dict]]:
    """(note_id, text, gold) from the held-out SFT split or the project's gold notes.

    ``max_chars`` keeps only notes up to that length (an adapter trained with a short
    max_seq_len has never seen longer notes; say so in the report when used).
    """
    if which == "project":
        try:
            from eval.extraction import load_gold
        except ImportError as exc:
            raise ConfigError(f"eval.extraction is not available ({exc})") from exc
        notes = load_gold()
    else:
        from finetune.data import read_sft

        notes = [(ex["meta"]["note_id"], ex["meta"]["note"], ex["meta"]["gold"])
                 for ex in read_sft(heldout) if ex.get("task") == "extraction"]
    if max_chars is not None:
        notes = [n for n in notes if len(n[1]) <= max_chars]
    if not notes:
        raise ConfigError(f"no extraction notes in {heldout if which == 'heldout' else which}")
    return notes[:limit] if limit else notes


def heldout_requests(heldout: Path) -> dict[str, list[dict[str, str]]]:
    """note_id -> the request (system + user turns) of each held-out ``extraction`` example.

    ``finetune.data`` built them with ``ExtractionRequests.empty``, so they are the requests
    the pipeline sends; reading them needs no rules pipeline (no spaCy) on the host."""
    from finetune.data import read_sft

    return {ex["meta"]["note_id"]: ex["messages"][:-1] for ex in read_sft(heldout)
            if ex.get("task") == "extraction"}


def _llm_predictions(backend: Any, notes: list[tuple[str, str, dict]], max_new_tokens: int,
                     batch_size: int, settings: Any = None,
                     requests: dict[str, list[dict[str, str]]] | None = None,
                     ) -> tuple[list[ExtractionRecord], dict[str, Any]]:
    from tqdm.auto import tqdm

    from assistant.llm import GenerationParams

    if requests is None:
        from finetune.data import ExtractionRequests

        built = ExtractionRequests(settings)
        requests = {nid: built.empty(nid, text) for nid, text, _ in notes}
    params = GenerationParams(max_new_tokens=max_new_tokens, temperature=0.0)
    preds, parsed, t0 = [], 0, time.perf_counter()
    for i in tqdm(range(0, len(notes), batch_size), desc="notes", leave=False):
        chunk = notes[i:i + batch_size]
        outs = backend.generate_batch([requests[nid] for nid, _, _ in chunk], params)
        for (nid, text, _), raw in zip(chunk, outs, strict=True):
            obj = parse_json_object(raw)
            parsed += obj is not None
            preds.append(ground(text, obj, nid))
    return preds, {"json_parsed": parsed, "seconds": round(time.perf_counter() - t0, 1)}


def _pipeline_predictions(settings: Any, backend: Any | None,
                          notes: list[tuple[str, str, dict]]) -> tuple[list, dict[str, Any]]:
    from assistant.extract.pipeline import Extractor

    ex = Extractor(settings.model_copy(update={"use_llm": backend is not None}), backend=backend)
    t0 = time.perf_counter()
    preds = []
    for nid, text, _ in notes:
        try:
            preds.append(ex.extract(text, nid))
        except Exception as exc:  # one bad note must not end the comparison
            log.warning("note %s failed: %s", nid, type(exc).__name__)
            preds.append(ExtractionRecord(note_id=nid, error=type(exc).__name__))
    return preds, {"seconds": round(time.perf_counter() - t0, 1)}


def evaluate(adapter: Path, *, notes_from: str = "heldout",
             heldout: Path = Path("runs/sft/heldout.jsonl"), limit: int | None = 20,
             pipeline: bool = False, max_new_tokens: int = 512, batch_size: int = 4,
             settings_file: Path | None = None, model_path: Path | None = None,
             max_note_chars: int | None = None, sft_requests: bool = False) -> dict[str, Any]:
    """Score every mode on the same notes; returns {"modes": {name: metrics}, ...}.

    ``sft_requests``: with held-out notes, send each example's stored request
    (``heldout_requests``) instead of rebuilding it with the rules pipeline (same text)."""
    from assistant.config import load_settings
    from assistant.llm.local import LocalBackend
    from assistant.models import resolve_llm_path
    from eval.extraction import score

    overrides = {"model_path": str(model_path)} if model_path else {}
    settings = load_settings(settings_file, overrides)
    base_path = resolve_llm_path(settings)
    notes = load_notes(notes_from, heldout, limit, max_note_chars)
    golds = [g for _, _, g in notes]
    modes: dict[str, dict[str, Any]] = {}
    info: dict[str, dict[str, Any]] = {}
    backends = {"base": LocalBackend.from_path(base_path, settings),
                "adapter": LocalBackend.from_path(base_path, settings, adapter_path=adapter)}
    requests = heldout_requests(heldout) if sft_requests and notes_from == "heldout" else None
    for name, backend in backends.items():
        preds, meta = _llm_predictions(backend, notes, max_new_tokens, batch_size, settings,
                                       requests)
        modes[f"llm:{name}"], info[f"llm:{name}"] = score(preds, golds), meta
    if pipeline:
        preds, meta = _pipeline_predictions(settings, None, notes)
        modes["rules"], info["rules"] = score(preds, golds), meta
        for name, backend in backends.items():
            preds, meta = _pipeline_predictions(settings, backend, notes)
            modes[f"pipeline:{name}"], info[f"pipeline:{name}"] = score(preds, golds), meta
    return {"notes": notes_from, "n_notes": len(notes), "max_note_chars": max_note_chars,
            "base_model": str(base_path),
            "adapter": str(adapter), "max_new_tokens": max_new_tokens, "modes": modes,
            "run_info": info}


def to_markdown(report: dict[str, Any]) -> str:
    """Side-by-side table of the headline metrics (one column per mode)."""
    names = list(report["modes"])
    lines = [f"# Extraction: base vs adapter ({report['n_notes']} {report['notes']} notes)", "",
             f"base `{report['base_model']}`, adapter `{report['adapter']}`", "",
             "| metric | " + " | ".join(names) + " |",
             "|---|" + "---|" * len(names)]
    for metric in HEADLINE:
        cells = []
        for n in names:
            v = report["modes"][n].get(metric)
            cells.append(f"{v:.3f}" if isinstance(v, int | float) else "-")
        lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    parsed = [f"{n}: {report['run_info'][n].get('json_parsed', '-')}/{report['n_notes']} JSON, "
              f"{report['run_info'][n]['seconds']} s" for n in names]
    return "\n".join(lines + ["", *[f"- {p}" for p in parsed]]) + "\n"


def main() -> int:
    from assistant.cli import setup_logging

    parser = argparse.ArgumentParser(prog="python -m finetune.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--adapter", type=Path, required=True, help="adapter folder")
    parser.add_argument("--notes", choices=["heldout", "project"], default="heldout")
    parser.add_argument("--heldout", type=Path, default=Path("runs/sft/heldout.jsonl"))
    parser.add_argument("--limit", type=int, default=20, help="notes to score (0 = all)")
    parser.add_argument("--pipeline", action="store_true",
                        help="also score rules-only and the LLM-assisted pipeline")
    parser.add_argument("--max-new-tokens", type=int, default=512)
    parser.add_argument("--max-note-chars", type=int, help="score only notes up to this length")
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--config", type=Path, help="assistant settings YAML")
    parser.add_argument("--model", type=Path, help="base model folder (default: embedded)")
    parser.add_argument("--out", type=Path, required=True, help="report folder")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    setup_logging(args.verbose)
    report = evaluate(args.adapter, notes_from=args.notes, heldout=args.heldout,
                      limit=args.limit or None, pipeline=args.pipeline,
                      max_new_tokens=args.max_new_tokens, batch_size=args.batch_size,
                      settings_file=args.config, model_path=args.model,
                      max_note_chars=args.max_note_chars)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    md = to_markdown(report)
    (args.out / "report.md").write_text(md)
    print(md)
    return 0


if __name__ == "__main__":
    from assistant.cli import run_cli

    run_cli(main)
