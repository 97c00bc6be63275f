"""Build chat-format SFT data (JSONL) from the requests the product itself sends its LLM.

Commands::

    python -m finetune.data build --out runs/sft [--data-dir data]   # synthetic + KTAS + PubMedQA
    python -m finetune.data silver --out runs/sft --data-dir ../shared/data --limit 500
    python -m finetune.data build --out runs/sft --silver runs/sft/silver.jsonl

``--data-dir`` defaults to the settings' ``data_dir`` (the repository's bundled ``data/``,
which has ``ktas/`` and ``pubmedqa/``; MTSamples for ``silver`` is not bundled).

``build`` writes ``train.jsonl``, ``heldout.jsonl`` and ``stats.json`` under ``--out``. Every
line is ``{"id", "task", "source", "group", "messages": [system, user, assistant], "meta"}``;
extraction lines carry ``meta.note`` and ``meta.gold`` (the CONTRACT record) so that
``finetune.evaluate`` can score the held-out notes.

Every prompt is the runtime's own (same template, same placeholder values, built by the
runtime's function) and every answer is what the runtime decodes:
- extraction/synthetic (and extraction/silver): ``Extractor.llm_messages`` for a note on which
  the rules found nothing (``prompts/extraction.txt``, known = "nothing") -> every gold item
  as ``LLMExtraction`` JSON (problems, medications, allergies, copied as written);
- extraction_assist/synthetic: ``Extractor.llm_messages`` after the rules ran on the note
  (their problems and medications listed as already found) -> the gold items they missed;
- extraction/silver: MTSamples notes labelled by the rules pipeline
  (``assistant.extract.pipeline.Extractor`` with ``use_llm=False``); a separate ``silver`` step
  through ``assistant.batch.run_batch`` (resumable). MTSamples may not be shipped: write the
  output under a git-ignored folder (``runs/``, ``outputs/``), never into the repository tree;
- triage: ``ktas/ktas_dev.csv`` cases -> ``assistant.triage.triager.build_messages``
  (``prompts/triage.txt`` with the runtime's final acuity and reasons) -> a ``TriageNarrative``
  JSON (summary of the findings, the level's advice) that never states an acuity or level;
- literature: ``pubmedqa/dev_questions.jsonl`` + the source abstract's best sentences ->
  ``assistant.literature.build_messages`` (``prompts/literature.txt``) -> those sentences,
  each ending with its ``[PMID:...]`` citation.

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

from pydantic import BaseModel, ValidationError

from assistant.errors import ConfigError, InputError
from assistant.evidence import Sentence, document_sentences
from assistant.extract.pipeline import LLMAllergy, LLMExtraction, LLMMedication, LLMProblem
from assistant.triage.data import labelled_rows, parse_number, row_to_case
from assistant.triage.floors import SEVERE_PAIN
from finetune.synth import SynthNote, generate_notes

log = logging.getLogger(__name__)

TASKS = ("extraction", "extraction_assist", "triage", "literature")
EXTRACT_CATEGORIES = ("problems", "medications", "allergies", "vitals", "labs")
Example = dict[str, Any]


# ----------------------------------------------------------------------------- extraction
def llm_answer(record: dict[str, Any], skip: dict[str, list[tuple[int, int]]] | None = None
               ) -> str:
    """The answer the extraction pipeline decodes (``LLMExtraction``): compact JSON with
    problems (text, status), medications (name, dose, route, frequency, status) and allergies
    (substance, reaction), items in text order, copied as written in the note.

    Items whose span overlaps one in ``skip`` (per category: what the rules already found)
    are left out; allergies are always listed (the request names only problems and
    medications as already found). Spans are left out because a small model cannot count
    characters; the pipeline locates the copied text in the note again.
    """
    skip = skip or {}
    surface = record.get("meta", {}).get("med_surface", {})

    def new(cat: str, it: dict[str, Any]) -> bool:
        s, e = it["span"]
        return not any(s < e2 and s2 < e for s2, e2 in skip.get(cat, []))

    def ordered(cat: str) -> list[dict[str, Any]]:
        return sorted(record.get(cat) or [], key=lambda it: tuple(it["span"]))

    problems = [{"text": p["text"], "status": p["status"]} for p in ordered("problems")
                if new("problems", p)]
    meds = []
    for m in ordered("medications"):
        if not new("medications", m):
            continue
        sf = surface.get(str(m["span"][0]), {})
        meds.append({k: sf.get(k, m.get(k)) for k in ("name", "dose", "route", "frequency")}
                    | {"status": m.get("status")})
    allergies = [{"substance": a["substance"], "reaction": a.get("reaction")}
                 for a in ordered("allergies")]
    answer = {"problems": _valid(LLMProblem, problems)[:12],
              "medications": _valid(LLMMedication, meds)[:12],
              "allergies": _valid(LLMAllergy, allergies)[:6]}
    LLMExtraction.model_validate(answer)  # the shape constrained decoding allows
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":"))


def _valid(model: type[BaseModel], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items the pipeline's schema accepts (too-long text cannot be decoded)."""
    out = []
    for it in items:
        try:
            model.model_validate(it)
        except ValidationError:
            continue
        out.append(it)
    return out


class ExtractionRequests:
    """The extraction pipeline's own LLM requests, built by ``Extractor.llm_messages``.

    One rules-only ``Extractor`` (settings as the runtime loads them), built once.
    """

    def __init__(self, settings: Any = None) -> None:
        from assistant.config import load_settings
        from assistant.extract.pipeline import Extractor

        settings = settings if settings is not None else load_settings(None)
        self.extractor = Extractor(settings.model_copy(update={"use_llm": False}))

    def empty(self, note_id: str, text: str) -> list[dict[str, str]]:
        """The request sent for ``text`` when the rules found nothing ("nothing" known)."""
        from assistant.schema import ExtractionRecord

        return self.extractor.llm_messages(text, ExtractionRecord(note_id=note_id))

    def after_rules(self, note_id: str, text: str) -> tuple[list[dict[str, str]], Any]:
        """The request the pipeline sends for ``text`` after its rules ran, and their record."""
        record = self.extractor.extract_rules(text, note_id)
        return self.extractor.llm_messages(text, record), record


def extraction_example(note_id: str, text: str, gold: dict[str, Any], source: str,
                       requests: ExtractionRequests) -> Example:
    """The pipeline's request for a note on which the rules found nothing, answered with
    every gold item; ``meta`` keeps note and gold for ``finetune.evaluate``."""
    messages = requests.empty(note_id, text)
    messages.append({"role": "assistant", "content": llm_answer(gold)})
    return {"id": f"extract:{note_id}", "task": "extraction", "source": source,
            "group": f"note:{note_id}", "messages": messages,
            "meta": {"note_id": note_id, "note": text, "gold": gold}}


def assist_example(note: SynthNote, requests: ExtractionRequests) -> Example:
    """The pipeline's request after its rules ran on the note (their problems and
    medications listed as already found), answered with the gold items the rules missed."""
    messages, record = requests.after_rules(note.note_id, note.text)
    found = {cat: [tuple(it.span) for it in getattr(record, cat)]
             for cat in ("problems", "medications")}
    messages.append({"role": "assistant",
                     "content": llm_answer({**note.gold, "meta": note.meta}, found)})
    known = sorted({p.text for p in record.problems} | {m.name for m in record.medications})
    return {"id": f"assist:{note.note_id}", "task": "extraction_assist", "source": "synthetic",
            "group": f"note:{note.note_id}", "messages": messages,
            "meta": {"note_id": note.note_id, "known": known}}


def synthetic_examples(n: int, seed: int, *, assist: bool = False,
                       requests: ExtractionRequests | None = None) -> list[Example]:
    """``n`` synthetic notes with exact gold labels as extraction examples.

    With ``assist``, each note also yields an ``extraction_assist`` example (the pipeline's
    request after its rules ran, see ``assist_example``).
    """
    requests = requests or ExtractionRequests()
    out = []
    for note in generate_notes(n, seed):
        gold = {**note.gold, "meta": note.meta}
        out.append(extraction_example(note.note_id, note.text, gold, "synthetic", requests))
        out[-1]["meta"]["gold"] = note.gold
        if assist:
            out.append(assist_example(note, requests))
    return out


# ----------------------------------------------------------------------------- triage (KTAS)
_ARRIVAL = {"1": "walk-in", "2": "public ambulance", "3": "private vehicle",
            "4": "private ambulance"}
_MENTAL = {"1": "alert", "2": "responds to voice", "3": "responds to pain", "4": "unresponsive"}
SUMMARY_MAX_CHARS = 300  # TriageNarrative.summary


def _fmt(v: float) -> str:
    return f"{v:g}"


def ktas_findings(row: dict[str, str]) -> list[str]:
    """The findings of a KTAS row that bear on acuity (all read from the row; thresholds of
    the triage floors where they exist, e.g. severe pain ``floors.SEVERE_PAIN``)."""
    age, sbp = parse_number(row.get("Age")), parse_number(row.get("SBP"))
    hr, rr, bt, sat = (parse_number(row.get(k)) for k in ("HR", "RR", "BT", "Saturation"))
    nrs = parse_number(row.get("NRS_pain"))
    mental = _MENTAL.get(row.get("Mental", "").strip(), "not recorded")
    complaint = (row.get("Chief_complain") or "").strip() or "not recorded"
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
    if nrs is not None and nrs >= SEVERE_PAIN:
        findings.append(f"severe pain ({_fmt(nrs)}/10)")
    if row.get("Injury", "").strip() == "2":
        findings.append("injury mechanism")
    if age is not None and age >= 75:
        findings.append(f"older age ({_fmt(age)})")
    return findings


def triage_summary(findings: list[str]) -> str:
    """One sentence on why the case is where it is, from the findings; never a level."""
    head = findings[0][0].upper() + findings[0][1:]
    kept: list[str] = []
    for f in findings[1:] or ["no abnormal vital signs recorded"]:
        if len(head) + 6 + len("; ".join([*kept, f])) + 1 > SUMMARY_MAX_CHARS:
            break
        kept.append(f)
    text = head + (" with " + "; ".join(kept) if kept else "")
    return text[:SUMMARY_MAX_CHARS - 1] + "."


def ktas_examples(csv_path: Path, *, triager: Any = None) -> list[Example]:
    """Triage narratives: for each KTAS case, the request the triager sends once it has
    decided the acuity (``assistant.triage.triager.build_messages`` with the case's text, the
    runtime's final acuity and its reasons), answered with a ``TriageNarrative`` JSON: a
    summary of the findings read from the row and the level's advice (``advice_for``). The
    answer never states an acuity or level; the expert label stays in ``meta``.

    ``triager`` defaults to the product's rules + learned model with the LLM off.
    """
    from assistant.triage import Triager
    from assistant.triage.advice import advice_for, contradicts
    from assistant.triage.parse import parse_case
    from assistant.triage.triager import build_messages

    if not Path(csv_path).is_file():
        raise InputError(f"{csv_path} not found; pass --data-dir pointing at a data root with "
                         "ktas/ktas_dev.csv")
    if triager is None:
        from assistant.config import load_settings

        triager = Triager(load_settings(None, {"use_llm": False}))
    rows = labelled_rows(csv_path)
    cases = [row_to_case(row, i) for i, row, _ in rows]
    records = triager.triage_many(cases)
    out: list[Example] = []
    for (i, row, gold), case, rec in zip(rows, cases, records, strict=True):
        summary = triage_summary(ktas_findings(row))
        advice = advice_for(rec.acuity)
        if any(contradicts(t, rec.level, rec.acuity) for t in (summary, advice)):
            continue  # the runtime would drop such a narrative: never train on one
        messages = build_messages(parse_case(case).text, rec.acuity, rec.reasons)
        messages.append({"role": "assistant", "content": json.dumps(
            {"summary": summary, "advice": advice}, ensure_ascii=False)})
        out.append({"id": f"triage:ktas-{i}", "task": "triage", "source": "ktas",
                    "group": f"ktas:{i}", "messages": messages,
                    "meta": {"acuity": rec.acuity, "gold_acuity": gold}})
    return out


# ----------------------------------------------------------------------------- literature
def literature_evidence(question: str, pmid: str, text: str, n: int) -> list[Sentence]:
    """The ``n`` sentences of the source abstract the runtime scores highest for the question
    (``assistant.evidence.document_sentences``, lexical relevance), best first."""
    sents = document_sentences(question, pmid, text)
    return sorted(sents, key=lambda s: s.relevance, reverse=True)[:n]


def literature_messages(question: str, sentences: list[Sentence]) -> list[dict[str, str]]:
    """The runtime's rephrase request for these evidence sentences
    (``assistant.literature.build_messages``)."""
    from assistant.literature import build_messages

    return build_messages(question, sentences)


def literature_answer(sentences: list[Sentence]) -> str:
    """What the rephrase request asks for: short sentences, each from one excerpt and ending
    with that excerpt's citation (what ``LiteratureQA`` keeps after its citation check)."""
    return " ".join(f"{s.text.strip().rstrip('.')} [PMID:{s.doc_id}]." for s in sentences)


def pubmedqa_examples(questions: Path, corpus: Path, *, n_sentences: int | None = None
                      ) -> list[Example]:
    """Literature rephrase requests: each dev question with evidence sentences of its source
    abstract (the text as the index stores it), rendered by the runtime's
    ``assistant.literature.build_messages``, answered with those sentences, each cited. The
    verdict (yes/no/maybe) is the classifier's, never the LLM's: it stays in ``meta``."""
    from assistant.literature import LiteratureConfig
    from index.loaders import iter_documents

    for p in (questions, corpus):
        if not p.is_file():
            raise InputError(f"{p} not found; pass --data-dir pointing at a data root with "
                             "pubmedqa/")
    n = n_sentences or LiteratureConfig().sentences
    issues: list[Any] = []
    docs = {d.doc_id: d.text for d in iter_documents([corpus], issues)}
    out: list[Example] = []
    with questions.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            q = json.loads(line)
            pmid = str(q["pmid"])
            if pmid not in docs or q.get("answer") not in ("yes", "no", "maybe"):
                continue
            chosen = literature_evidence(q["question"], pmid, docs[pmid], n)
            if not chosen:
                continue
            messages = literature_messages(q["question"], chosen)
            messages.append({"role": "assistant", "content": literature_answer(chosen)})
            out.append({"id": f"literature:{pmid}", "task": "literature", "source": "pubmedqa",
                        "group": f"pmid:{pmid}", "messages": messages,
                        "meta": {"verdict": q["answer"]}})
    return out


# ----------------------------------------------------------------------------- silver
def silver_examples(path: Path, requests: ExtractionRequests | None = None) -> list[Example]:
    """Extraction examples from a silver file written by ``python -m finetune.data silver``."""
    requests = requests or ExtractionRequests()
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("error") or not rec.get("note"):
                continue
            out.append(extraction_example(rec["note_id"], rec["note"], rec["record"], "silver",
                                          requests))
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
        for cat in EXTRACT_CATEGORIES:
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


def default_data_dir() -> Path:
    """The data root from the settings (``data_dir``: the repository's bundled ``data/``)."""
    from assistant.config import load_settings

    return Path(load_settings(None).data_dir)


def build(out_dir: Path, *, data_dir: Path | None = None, n_synthetic: int = 2000,
          seed: int = 0, heldout_pct: float = 10.0, silver: Path | None = None,
          tasks: tuple[str, ...] = TASKS) -> dict[str, Any]:
    """Assemble, dedup, split and write the SFT files; return the stats (also stats.json).

    ``data_dir`` (default: the settings' ``data_dir``) holds ``ktas/`` and ``pubmedqa/``."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    examples: list[Example] = []
    if "extraction" in tasks or "extraction_assist" in tasks:
        requests = ExtractionRequests()
        examples += [ex for ex in synthetic_examples(n_synthetic, seed,
                                                     assist="extraction_assist" in tasks,
                                                     requests=requests)
                     if ex["task"] in tasks]
        if silver is not None and "extraction" in tasks:
            examples += silver_examples(silver, requests)
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
    b.add_argument("--data-dir", type=Path, default=None,
                   help="data root with ktas/ and pubmedqa/ (default: settings data_dir)")
    b.add_argument("--n-synthetic", type=int, default=2000)
    b.add_argument("--seed", type=int, default=0)
    b.add_argument("--heldout-pct", type=float, default=10.0)
    b.add_argument("--silver", type=Path, help="silver.jsonl from the `silver` step")
    b.add_argument("--tasks", default=",".join(TASKS))
    s = sub.add_parser("silver", help="label MTSamples notes with the rules pipeline")
    s.add_argument("--out", type=Path, required=True, help="output folder (git-ignored)")
    s.add_argument("--data-dir", type=Path, default=None,
                   help="data root with mtsamples/mtsamples.csv (not bundled: pass it)")
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
        path = build_silver(args.data_dir or default_data_dir(), args.out / "silver.jsonl", limit=args.limit,
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
