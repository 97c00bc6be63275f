"""Build chat-format SFT data (JSONL) for the assistant's three tasks.

Commands::

    python -m finetune.data build --out runs/sft                      # synthetic + KTAS + PubMedQA
    python -m finetune.data silver --out runs/sft --limit 500         # MTSamples silver labels
    python -m finetune.data build --out runs/sft --silver runs/sft/silver.jsonl

``build`` writes ``train.jsonl``, ``heldout.jsonl`` and ``stats.json`` under ``--out``. Every
line is ``{"id", "task", "source", "group", "messages": [system, user, assistant], "meta"}``;
extraction lines carry ``meta.note`` and ``meta.gold`` (the CONTRACT record) so that
``finetune.evaluate`` can score the held-out notes.

Sources:
- extraction/synthetic: ``finetune.synth`` notes, gold labels exact by construction;
- extraction_assist/synthetic: the same notes in the extraction pipeline's own LLM request
  (prompts/extraction.txt: "already found by rules" + note -> the items the rules missed), so
  an adapter trained here helps ``Extractor`` with ``use_llm=True``;
- extraction/silver: MTSamples notes labelled by the rules pipeline
  (``assistant.extract.pipeline.Extractor`` with ``use_llm=False``); a separate ``silver`` step
  through ``assistant.batch.run_batch`` (resumable). MTSamples may not be shipped: write the
  output under a git-ignored folder (``runs/``, ``outputs/``), never into the repository tree;
- triage: ``ktas/ktas_dev.csv`` cases -> the expert KTAS level and the abnormal findings;
- literature: ``pubmedqa/dev_questions.jsonl`` + the abstract -> verdict, conclusion, citation.

Exact duplicates (normalised user text) are dropped; the held-out split is chosen by a hash of
each example's group (note, case or question), so it is stable across runs and machines.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import logging
import os
import random
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError, InputError, PromptError
from assistant.prompts import load_prompt
from assistant.schema import level_for_acuity
from finetune.synth import DIAGNOSES, PROBLEMS, SYMPTOMS, SynthNote, generate_notes

log = logging.getLogger(__name__)

DEFAULT_DATA_DIR = Path("/work/shared/data")
TASKS = ("extraction", "extraction_assist", "triage", "literature")
EXTRACT_KEYS = {
    "problems": ("text", "status", "icd10"),
    "medications": ("name", "dose", "route", "frequency", "status"),
    "allergies": ("substance", "reaction"),
    "vitals": ("name", "value", "unit", "raw"),
    "labs": ("name", "value", "unit", "flag", "raw"),
}
Example = dict[str, Any]


# ----------------------------------------------------------------------------- extraction
def extraction_target(record: dict[str, Any]) -> str:
    """The assistant's answer for a note: compact JSON, items in text order, no spans.

    Spans are left out because a small model cannot count characters; the text it copies
    (problem ``text``, vital/lab ``raw``, medication ``name``) is located in the note again
    when its output is grounded (see ``finetune.evaluate.ground``).
    """
    out: dict[str, list[dict[str, Any]]] = {}
    for cat, keys in EXTRACT_KEYS.items():
        items = sorted(record.get(cat) or [], key=lambda it: tuple(it["span"]))
        out[cat] = [{k: it.get(k) for k in keys} for it in items]
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def extraction_example(note_id: str, text: str, gold: dict[str, Any], source: str) -> Example:
    """One chat example: system + note -> JSON target; ``meta`` keeps note and gold for eval."""
    messages = load_prompt("finetune_extract").render(note=text)
    messages.append({"role": "assistant", "content": extraction_target(gold)})
    return {"id": f"extract:{note_id}", "task": "extraction", "source": source,
            "group": f"note:{note_id}", "messages": messages,
            "meta": {"note_id": note_id, "note": text, "gold": gold}}


def synthetic_examples(n: int, seed: int, *, assist: bool = False) -> list[Example]:
    """``n`` synthetic notes with exact gold labels as extraction examples.

    With ``assist``, each note also yields an ``extraction_assist`` example (the pipeline's
    own LLM request, see ``assist_example``).
    """
    out = []
    rng = random.Random(seed + 7919)
    for note in generate_notes(n, seed):
        out.append(extraction_example(note.note_id, note.text, note.gold, "synthetic"))
        if assist:
            ex = assist_example(note, rng)
            if ex is not None:
                out.append(ex)
    return out


_CANONICAL = {code: variants[0] for variants, code in PROBLEMS + SYMPTOMS + DIAGNOSES}


def assist_example(note: SynthNote, rng: random.Random) -> Example | None:
    """The extraction pipeline's LLM request (prompts/extraction.txt) and its ideal answer.

    The pipeline asks the model for problems/medications/allergies the rules did not find,
    listing the rule-found names as ``known``. Here a random subset of the gold names plays
    the rules' part; the answer is the rest, copied as written in the note (surface problem
    text, medication name/dose/route/frequency), in the pipeline's ``LLMExtraction`` shape.
    Returns None when the pipeline's prompt is not there (or changed its placeholders).
    """
    try:
        template = load_prompt("extraction")
    except PromptError:
        return None
    if template.placeholders != {"note", "known"}:
        return None
    gold = note.gold
    problems = [(_CANONICAL.get(p["icd10"], p["text"].lower()), p) for p in gold["problems"]]
    meds = [(m["name"], m) for m in gold["medications"]]
    names = sorted({n for n, _ in problems + meds})
    known = set(rng.sample(names, k=rng.randint(0, len(names)))) if names else set()
    surface = note.meta.get("med_surface", {})
    answer = {
        "problems": [{"text": p["text"], "status": p["status"]}
                     for n, p in problems if n not in known],
        "medications": [
            {"name": sf.get("name", n), "dose": sf.get("dose"), "route": sf.get("route"),
             "frequency": sf.get("frequency"), "status": m["status"]}
            for n, m in meds if n not in known
            for sf in [surface.get(str(m["span"][0]), {})]],
        "allergies": [{"substance": a["substance"], "reaction": a["reaction"]}
                      for a in gold["allergies"]],
    }
    messages = template.render(note=note.text, known=", ".join(sorted(known)) or "nothing")
    messages.append({"role": "assistant",
                     "content": json.dumps(answer, ensure_ascii=False, separators=(",", ":"))})
    return {"id": f"assist:{note.note_id}", "task": "extraction_assist", "source": "synthetic",
            "group": f"note:{note.note_id}", "messages": messages,
            "meta": {"note_id": note.note_id, "known": sorted(known)}}


# ----------------------------------------------------------------------------- triage (KTAS)
_ARRIVAL = {"1": "walk-in", "2": "public ambulance", "3": "private vehicle",
            "4": "private ambulance"}
_MENTAL = {"1": "alert", "2": "responds to voice", "3": "responds to pain", "4": "unresponsive"}


def _num(raw: str | None) -> float | None:
    """KTAS cells hold '??', blanks and decimal commas; unreadable means not recorded."""
    if raw is None:
        return None
    raw = raw.strip().replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return None


def _fmt(v: float) -> str:
    return f"{v:g}"


def ktas_case(row: dict[str, str]) -> tuple[str, list[str]]:
    """A presentation text and the findings that bear on acuity (all read from the row)."""
    age, sbp, dbp = _num(row.get("Age")), _num(row.get("SBP")), _num(row.get("DBP"))
    hr, rr, bt, sat = (_num(row.get(k)) for k in ("HR", "RR", "BT", "Saturation"))
    nrs = _num(row.get("NRS_pain"))
    sex = {"1": "female", "2": "male"}.get(row.get("Sex", "").strip(), "unknown sex")
    mental = _MENTAL.get(row.get("Mental", "").strip(), "not recorded")
    arrival = _ARRIVAL.get(row.get("Arrival mode", "").strip(), "other")
    injury = row.get("Injury", "").strip() == "2"
    complaint = (row.get("Chief_complain") or "").strip() or "not recorded"
    vit = []
    if sbp is not None and dbp is not None:
        vit.append(f"BP {_fmt(sbp)}/{_fmt(dbp)}")
    for label, v, unit in (("HR", hr, ""), ("RR", rr, ""), ("T", bt, " C"), ("SpO2", sat, "%")):
        if v is not None:
            vit.append(f"{label} {_fmt(v)}{unit}")
    age_txt = f"{_fmt(age)}-year-old" if age is not None else "Adult"
    lines = [f"{age_txt} {sex}, arrived by {arrival}{', injury' if injury else ''}.",
             f"Chief complaint: {complaint}.",
             f"Mental status: {mental}.",
             f"Pain score: {_fmt(nrs)}/10." if nrs is not None else "Pain score: not recorded.",
             "Vitals: " + (", ".join(vit) if vit else "not recorded") + "."]
    # The chief complaint is always a finding: KTAS grades many complaints (chest pain,
    # stroke signs) above what the vital signs alone would say.
    findings: list[str] = [f"chief complaint {complaint}"]
    if mental not in ("alert", "not recorded"):
        findings.append(f"altered mental status ({mental})")
    if sbp is not None and sbp < 90:
        findings.append(f"hypotension (SBP {_fmt(sbp)})")
    if sbp is not None and sbp >= 180:
        findings.append(f"severely raised blood pressure (SBP {_fmt(sbp)})")
    if hr is not None and hr >= 120:
        findings.append(f"tachycardia (HR {_fmt(hr)})")
    if hr is not None and hr < 50:
        findings.append(f"bradycardia (HR {_fmt(hr)})")
    if rr is not None and (rr >= 25 or rr < 10):
        findings.append(f"abnormal respiratory rate (RR {_fmt(rr)})")
    if bt is not None and bt >= 38.0:
        findings.append(f"fever (T {_fmt(bt)} C)")
    if bt is not None and bt < 35.5:
        findings.append(f"low temperature (T {_fmt(bt)} C)")
    if sat is not None and sat < 92:
        findings.append(f"low oxygen saturation (SpO2 {_fmt(sat)}%)")
    if nrs is not None and nrs >= 7:
        findings.append(f"severe pain ({_fmt(nrs)}/10)")
    if injury:
        findings.append("injury mechanism")
    if age is not None and age >= 75:
        findings.append(f"older age ({_fmt(age)})")
    return "\n".join(lines), findings


def ktas_examples(csv_path: Path) -> list[Example]:
    """Triage explanations: the expert KTAS level (gold) with the findings from the row."""
    if not csv_path.is_file():
        raise InputError(f"{csv_path} not found; pass --data-dir pointing at the shared data")
    out: list[Example] = []
    with csv_path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            level = _num(row.get("KTAS_expert"))
            if level is None or int(level) not in (1, 2, 3, 4, 5):
                continue
            acuity = int(level)
            case, findings = ktas_case(row)
            if len(findings) == 1:
                findings.append("no abnormal vital signs recorded")
            answer = (f"Acuity {acuity} ({level_for_acuity(acuity)}).\nFindings: "
                      + "; ".join(findings) + ".")
            messages = load_prompt("finetune_triage").render(case=case)
            messages.append({"role": "assistant", "content": answer})
            out.append({"id": f"triage:ktas-{i}", "task": "triage", "source": "ktas",
                        "group": f"ktas:{i}", "messages": messages,
                        "meta": {"acuity": acuity}})
    return out


# ----------------------------------------------------------------------------- literature
def pubmedqa_examples(questions: Path, corpus: Path,
                      max_abstract_chars: int = 1500) -> list[Example]:
    """Yes/no/maybe answers with the abstract's conclusion, citing the source PMID."""
    for p in (questions, corpus):
        if not p.is_file():
            raise InputError(f"{p} not found; pass --data-dir pointing at the shared data")
    docs: dict[str, dict[str, Any]] = {}
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                docs[str(d["pmid"])] = d
    out: list[Example] = []
    with questions.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            q = json.loads(line)
            doc = docs.get(str(q["pmid"]))
            if doc is None or q.get("answer") not in ("yes", "no", "maybe"):
                continue
            ctx = doc.get("contexts") or []
            secs = doc.get("sections") or [""] * len(ctx)
            abstract = "\n".join(f"{s.title()}: {c}" if s else c
                                  for s, c in zip(secs, ctx, strict=False))
            if len(abstract) > max_abstract_chars:
                abstract = abstract[:max_abstract_chars].rsplit(" ", 1)[0] + " ..."
            pmid = str(q["pmid"])
            answer = (f"{q['answer'].capitalize()}. {doc.get('conclusion', '').strip()} "
                      f"[PMID:{pmid}]")
            messages = load_prompt("finetune_literature").render(
                question=q["question"], pmid=pmid, abstract=abstract)
            messages.append({"role": "assistant", "content": answer})
            out.append({"id": f"literature:{pmid}", "task": "literature", "source": "pubmedqa",
                        "group": f"pmid:{pmid}", "messages": messages,
                        "meta": {"verdict": q["answer"]}})
    return out


# ----------------------------------------------------------------------------- silver
def silver_examples(path: Path) -> list[Example]:
    """Extraction examples from a silver file written by ``python -m finetune.data silver``."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("error") or not rec.get("note"):
                continue
            out.append(extraction_example(rec["note_id"], rec["note"], rec["record"], "silver"))
    return out


def _load_extractor_class() -> Any:
    try:
        from assistant.extract.pipeline import Extractor
    except ImportError as exc:
        raise ConfigError(
            "silver labels need the rules pipeline assistant.extract.pipeline.Extractor "
            f"(extraction issue), which cannot be imported ({exc}); build without silver "
            "(`python -m finetune.data build`) until it exists") from exc
    return Extractor


class _SilverLabeller:
    """Per-worker state for run_batch: one rules-only Extractor, built once."""

    def __init__(self, settings_overrides: dict[str, Any]) -> None:
        from assistant.config import load_settings

        settings = load_settings(None, {**settings_overrides, "use_llm": False})
        self.extractor = _load_extractor_class()(settings)

    def __call__(self, payload: dict[str, str]) -> dict[str, Any]:
        rec = self.extractor.extract(payload["text"], payload["note_id"]).model_dump(mode="json")
        # Keep only items whose span lies inside the note: silver labels must be grounded.
        n = len(payload["text"])
        for cat in EXTRACT_KEYS:
            rec[cat] = [it for it in rec.get(cat, []) if 0 <= it["span"][0] < it["span"][1] <= n]
        return {"note_id": payload["note_id"], "note": payload["text"], "record": rec,
                "error": rec.get("error")}


def _make_labeller() -> _SilverLabeller:
    return _SilverLabeller({})


def mtsamples_notes(csv_path: Path, *, limit: int | None, seed: int, max_chars: int,
                    min_chars: int = 200) -> list[tuple[str, str]]:
    """(note_id, text) pairs from MTSamples: length-filtered, seeded subset, input order."""
    if not csv_path.is_file():
        raise InputError(f"{csv_path} not found; pass --data-dir pointing at the shared data")
    csv.field_size_limit(10**8)
    notes = []
    with csv_path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            # MTSamples writes section headers as "SUBJECTIVE:,  ..." (a CSV artefact).
            text = re.sub(r":,\s+", ": ", (row.get("transcription") or "").strip())
            if min_chars <= len(text) <= max_chars:
                notes.append((f"mts-{row.get('note_id') or len(notes)}", text))
    if limit is not None and limit < len(notes):
        keep = sorted(random.Random(seed).sample(range(len(notes)), limit))
        notes = [notes[i] for i in keep]
    return notes


def build_silver(data_dir: Path, out: Path, *, limit: int | None, seed: int, max_chars: int,
                 resume: bool, workers: int = 1) -> Path:
    """Label MTSamples notes with the rules pipeline into ``out`` (one line per note)."""
    from assistant.batch import BatchItem, run_batch

    _load_extractor_class()  # fail fast, with the reason, before reading any notes
    notes = mtsamples_notes(data_dir / "mtsamples" / "mtsamples.csv", limit=limit, seed=seed,
                            max_chars=max_chars)
    items = [BatchItem(key=nid, payload={"note_id": nid, "text": text}) for nid, text in notes]
    out.parent.mkdir(parents=True, exist_ok=True)
    summary = run_batch(items, _make_labeller,
                        lambda key, msg: {"note_id": key, "note": None, "record": None,
                                          "error": msg},
                        out, key_of=lambda rec: rec["note_id"], resume=resume, workers=workers,
                        desc="silver notes")
    log.info("silver: %s", summary)
    return out


# ----------------------------------------------------------------------------- assembly
def _norm_key(ex: Example) -> str:
    user = " ".join(m["content"] for m in ex["messages"] if m["role"] == "user")
    return hashlib.sha1(re.sub(r"\s+", " ", user.lower()).strip().encode()).hexdigest()


def dedup(examples: Iterable[Example]) -> tuple[list[Example], int]:
    """Drop exact duplicates of the (normalised) user text; keep the first. Returns (kept, n)."""
    seen: set[str] = set()
    kept, dropped = [], 0
    for ex in examples:
        key = _norm_key(ex)
        if key in seen:
            dropped += 1
            continue
        seen.add(key)
        kept.append(ex)
    return kept, dropped


def is_heldout(group: str, heldout_pct: float, seed: int) -> bool:
    """Stable split by group: the same note/case/question always lands on the same side."""
    h = int(hashlib.sha1(f"{seed}:{group}".encode()).hexdigest()[:8], 16)
    return (h % 10_000) < heldout_pct * 100


def split(examples: list[Example], heldout_pct: float, seed: int) -> tuple[list, list]:
    """(train, heldout) by group hash."""
    train, held = [], []
    for ex in examples:
        (held if is_heldout(ex["group"], heldout_pct, seed) else train).append(ex)
    return train, held


def _write_jsonl(path: Path, rows: list[Example]) -> None:
    tmp = path.with_name(path.name + ".partial")
    with tmp.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def build(out_dir: Path, *, data_dir: Path = DEFAULT_DATA_DIR, n_synthetic: int = 2000,
          seed: int = 0, heldout_pct: float = 10.0, silver: Path | None = None,
          tasks: tuple[str, ...] = TASKS) -> dict[str, Any]:
    """Assemble, dedup, split and write the SFT files; return the stats (also stats.json)."""
    examples: list[Example] = []
    if "extraction" in tasks or "extraction_assist" in tasks:
        examples += [ex for ex in synthetic_examples(n_synthetic, seed,
                                                     assist="extraction_assist" in tasks)
                     if ex["task"] in tasks]
        if silver is not None and "extraction" in tasks:
            examples += silver_examples(silver)
    if "triage" in tasks:
        examples += ktas_examples(data_dir / "ktas" / "ktas_dev.csv")
    if "literature" in tasks:
        examples += pubmedqa_examples(data_dir / "pubmedqa" / "dev_questions.jsonl",
                                      data_dir / "pubmedqa" / "corpus.jsonl")
    examples, n_dup = dedup(examples)
    train, held = split(examples, heldout_pct, seed)
    # Shuffle train once (seeded) so sources interleave; held-out keeps a stable order.
    random.Random(seed).shuffle(train)
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_jsonl(out_dir / "train.jsonl", train)
    _write_jsonl(out_dir / "heldout.jsonl", held)
    stats = {
        "seed": seed, "n_synthetic": n_synthetic, "heldout_pct": heldout_pct,
        "silver": str(silver) if silver else None, "duplicates_dropped": n_dup,
        "train": dict(Counter(f"{e['task']}/{e['source']}" for e in train)),
        "heldout": dict(Counter(f"{e['task']}/{e['source']}" for e in held)),
        "assistant_chars_mean": round(sum(len(e["messages"][-1]["content"]) for e in train)
                                      / max(1, len(train)), 1),
    }
    (out_dir / "stats.json").write_text(json.dumps(stats, indent=2) + "\n")
    return stats


def read_sft(path: Path) -> list[Example]:
    """Read an SFT JSONL file written by ``build``."""
    if not Path(path).is_file():
        raise InputError(f"{path} not found; build it with `python -m finetune.data build`")
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> int:
    from assistant.cli import setup_logging

    parser = argparse.ArgumentParser(prog="python -m finetune.data", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write train.jsonl / heldout.jsonl / stats.json")
    b.add_argument("--out", type=Path, required=True,
                   help="output folder (git-ignored, e.g. runs/sft)")
    b.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    b.add_argument("--n-synthetic", type=int, default=2000)
    b.add_argument("--seed", type=int, default=0)
    b.add_argument("--heldout-pct", type=float, default=10.0)
    b.add_argument("--silver", type=Path, help="silver.jsonl from the `silver` step")
    b.add_argument("--tasks", default=",".join(TASKS))
    s = sub.add_parser("silver", help="label MTSamples notes with the rules pipeline")
    s.add_argument("--out", type=Path, required=True, help="output folder (git-ignored)")
    s.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    s.add_argument("--limit", type=int, default=500)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--max-chars", type=int, default=4000)
    s.add_argument("--resume", action="store_true")
    s.add_argument("--workers", type=int, default=1)
    for p in (b, s):
        p.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    setup_logging(args.verbose)
    if args.command == "silver":
        path = build_silver(args.data_dir, args.out / "silver.jsonl", limit=args.limit,
                            seed=args.seed, max_chars=args.max_chars, resume=args.resume,
                            workers=args.workers)
        print(path)
        return 0
    tasks = tuple(t.strip() for t in args.tasks.split(",") if t.strip())
    unknown = set(tasks) - set(TASKS)
    if unknown:
        raise ConfigError(f"unknown tasks {sorted(unknown)}; use some of {','.join(TASKS)}")
    stats = build(args.out, data_dir=args.data_dir, n_synthetic=args.n_synthetic,
                  seed=args.seed, heldout_pct=args.heldout_pct, silver=args.silver, tasks=tasks)
    print(json.dumps(stats, indent=2))
    return 0


if __name__ == "__main__":
    from assistant.cli import run_cli

    run_cli(main)
