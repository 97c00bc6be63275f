"""Extraction on real text: 40 MTSamples transcriptions and 10 ACI-bench reference notes,
labelled by hand at concept level (eval/data/extraction/real/; README there).

    python -m eval.run --suite extraction_real --no-llm --out DIR   # rules only
    CLINASSIST_EXTREAL_FORM=raw python -m eval.run --suite extraction_real --no-llm --out DIR

The MTSamples text is never stored in the repository: the manifest holds ids and SHA-256
checksums, and the notes are read from ``DATA/mtsamples/mtsamples.csv`` (``--data DATA``, default
``eval.common.default_data_dir()``) and ``DATA/aci_bench/{train,valid}.csv`` at eval time.

Each note is scored in two forms (``form``): ``restored`` (the text the gold was labelled on:
the CSV transcription with its comma-for-line-break substitution undone by
:func:`restore_breaks`) and ``raw`` (the CSV field as it is). The gold is concept-level (names,
statuses, values; no spans), so the same labels apply to both. ACI-bench notes keep their own
line breaks and are the same text in both forms. ``CLINASSIST_EXTREAL_FORM`` =
``restored|raw|both`` (default ``both``) selects the forms; ``load_examples(..., forms=...)``
does the same from Python.

Metrics: the top-level metrics are the restored form over all notes (the raw form when only
it runs); ``<form>.<metric>`` and ``<form>.<split>.<metric>`` (split ``dev`` | ``heldout``) for
the headline metrics of every form and split; a per-type table per form.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from assistant.clinical.sections import restore_breaks  # the rule the extractor uses too
from assistant.errors import InputError
from assistant.runtime import Runtime
from eval.common import SuiteSkipped
from eval.extraction import CATEGORIES, score
from eval.metrics import seeded_subset

NAME = "extraction_real"
HEADLINE = ["entity_micro_f1", "problems.f1", "problems.status_accuracy", "medications.f1",
            "medications.attribute_accuracy", "allergies.f1", "vitals.f1", "labs.f1",
            "dev.entity_micro_f1", "heldout.entity_micro_f1", "raw.entity_micro_f1",
            # issue 16 acceptance figures
            "problems.precision", "problems.recall", "medications.recall", "allergies.recall",
            "allergens_as_medications", "medications.precision"]
FORMS = ("restored", "raw")
SPLITS = ("dev", "heldout", "probe", "probe2", "probe3", "probe4", "probe5", "probe6", "probe7", "probe8", "probe9", "probe10", "probe11", "probe12", "probe13", "probe14", "probe15", "probe16", "probe17", "probe18", "probe19", "probe20", "probe21", "probe22", "probe23", "probe24", "probe25", "allergy",
          "allergy2", "allergy3", "allergy4", "allergy5", "allergy6", "allergy7", "allergy8", "allergy9", "allergy10")
FORM_ENV = "CLINASSIST_EXTREAL_FORM"
#: ``real`` (default: the 50-note set, dev + held-out) or ``probe`` (the medication probe set,
#: eval/data/extraction/probe/: fresh notes, medications and allergies labelled only) or
#: ``allergy`` (the allergy probe set, eval/data/extraction/allergy/: allergies labelled only)
#: or ``allergy2`` (the second allergy probe set, eval/data/extraction/allergy2/: the same)
#: or ``allergy3`` (the third allergy probe set, eval/data/extraction/allergy3/: the same)
#: or ``allergy4`` (the fourth allergy probe set, eval/data/extraction/allergy4/: the same)
#: or ``allergy5`` (the fifth allergy probe set, eval/data/extraction/allergy5/: the same)
#: or ``allergy6`` (the sixth allergy probe set, eval/data/extraction/allergy6/: the same)
#: or ``allergy7`` (the seventh allergy probe set, eval/data/extraction/allergy7/: the same)
#: or ``allergy8`` (the eighth allergy probe set, eval/data/extraction/allergy8/: the same)
#: or ``allergy9`` (the ninth allergy probe set, eval/data/extraction/allergy9/: the same)
#: or ``allergy10`` (the tenth allergy probe set, eval/data/extraction/allergy10/: the same)
#: or one probe round alone, ``probe2`` .. ``probe25`` (the probe set's manifest rows of that
#: split: ``CLINASSIST_EXTREAL_SET=probe17`` scores the round-17 notes only)
SET_ENV = "CLINASSIST_EXTREAL_SET"
SETS = ("real", "probe", "allergy", "allergy2", "allergy3", "allergy4", "allergy5", "allergy6",
        "allergy7", "allergy8", "allergy9", "allergy10")
#: probe rounds selectable alone (a split of the probe set's manifest, never a directory)
PROBE_ROUNDS = tuple(s for s in SPLITS if re.fullmatch(r"probe\d+", s))
MTS_CSV = Path("mtsamples") / "mtsamples.csv"
ACI_DIR = Path("aci_bench")


class SourceChangedError(InputError):
    """A note's text no longer matches the checksum the gold labels were made on."""


def _set_name() -> str:
    name = os.environ.get(SET_ENV, "real").strip().lower() or "real"
    if name not in SETS and name not in PROBE_ROUNDS:
        raise InputError(f"{SET_ENV}={name!r}: sets are {'|'.join(SETS + PROBE_ROUNDS)}")
    return name


def real_dir() -> Path:
    """The labelled set: ``eval/data/extraction/real/`` (manifest.jsonl, gold/), or the
    medication probe set ``eval/data/extraction/probe/`` when ``CLINASSIST_EXTREAL_SET=probe``
    (or one of its rounds, ``probe2`` .. ``probe25``)."""
    name = _set_name()
    folder = "probe" if name in PROBE_ROUNDS else name
    return Path(__file__).resolve().parent / "data" / "extraction" / folder


# ----------------------------------------------------------------------------- line breaks
_NO_LOWER = re.compile(r"[^a-z]*")




# ----------------------------------------------------------------------------- data
def sha256(text: str) -> str:
    """SHA-256 hex digest of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_manifest(root: Path | None = None) -> list[dict[str, Any]]:
    """The manifest rows (one per drawn note) in file order."""
    path = (root or real_dir()) / "manifest.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    name = _set_name() if root is None else ""
    if name in PROBE_ROUNDS:
        # one probe round alone: a new round is measured without rescoring the other 172 notes
        rows = [r for r in rows if r["split"] == name]
    return rows


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: pass --data DIR, the shared data root "
                                f"holding {MTS_CSV} and {ACI_DIR}/")
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def mts_texts(data_dir: Path) -> dict[str, str]:
    """MTSamples ``note_id -> transcription`` (raw CSV form) from ``data_dir``."""
    return {row["note_id"]: row["transcription"] or "" for row in
            _read_csv(Path(data_dir) / MTS_CSV)}


def aci_texts(data_dir: Path, files: Iterable[str] = ("train", "valid")) -> dict[str, str]:
    """ACI-bench ``(file-encounter_id) -> reference note`` for the given split files."""
    out: dict[str, str] = {}
    for name in files:
        for row in _read_csv(Path(data_dir) / ACI_DIR / f"{name}.csv"):
            out[f"{name}-{row['encounter_id']}"] = row["note"]
    return out


#: The earlier sets (manifest ``split`` values) each allergy draw excludes, by id and by text,
#: in the order they were drawn: exactly the sets that existed when it was drawn, so that a
#: later set never changes an earlier draw (probe4 and allergy, and probe6 and allergy2, were
#: drawn side by side and do not exclude each other). A new draw appends its own entry.
DRAWN_BEFORE: dict[str, tuple[str, ...]] = {
    "allergy": ("dev", "heldout", "probe", "probe2", "probe3"),
    "allergy2": ("dev", "heldout", "probe", "probe2", "probe3", "probe4", "allergy", "probe5"),
    "allergy3": ("dev", "heldout", "probe", "probe2", "probe3", "probe4", "allergy", "probe5",
                 "allergy2", "probe6", "probe7"),
    "allergy4": ("dev", "heldout", "probe", "probe2", "probe3", "probe4", "allergy", "probe5",
                 "allergy2", "probe6", "probe7", "allergy3"),
    "allergy5": ("dev", "heldout", "probe", "probe2", "probe3", "probe4", "allergy", "probe5",
                 "allergy2", "probe6", "probe7", "allergy3", "probe8", "probe9", "allergy4"),
    "allergy6": ("dev", "heldout", "probe", "probe2", "probe3", "probe4", "allergy", "probe5",
                 "allergy2", "probe6", "probe7", "allergy3", "probe8", "probe9", "allergy4",
                 "allergy5", "probe10"),
    # allergy7 also excludes the triage_real MTSamples manifests (frozen in its
    # excluded_at_draw.tsv with these)
    "allergy7": ("dev", "heldout", "probe", "probe2", "probe3", "probe4", "allergy", "probe5",
                 "allergy2", "probe6", "probe7", "allergy3", "probe8", "probe9", "allergy4",
                 "allergy5", "probe10", "allergy6", "probe11", "probe12"),
    # allergy8: every extraction set at its draw, plus the triage manifests and exclusion
    # lists (frozen in its excluded_at_draw.tsv with these)
    "allergy8": ("dev", "heldout", "probe", "probe2", "probe3", "probe4", "allergy", "probe5",
                 "allergy2", "probe6", "probe7", "allergy3", "probe8", "probe9", "allergy4",
                 "allergy5", "probe10", "allergy6", "probe11", "probe12", "allergy7", "probe13",
                 "probe14", "probe15"),
    # allergy9: every extraction set at its draw, plus the triage manifests and exclusion
    # lists (frozen in its excluded_at_draw.tsv with these)
    "allergy9": ("dev", "heldout", "probe", "probe2", "probe3", "probe4", "allergy", "probe5",
                 "allergy2", "probe6", "probe7", "allergy3", "probe8", "probe9", "allergy4",
                 "allergy5", "probe10", "allergy6", "probe11", "probe12", "allergy7", "probe13",
                 "probe14", "probe15", "allergy8", "probe16", "probe17"),
    # allergy10: every extraction set at its draw (probe19, drawn side by side, is not one),
    # plus the triage manifests and exclusion lists (frozen in its excluded_at_draw.tsv)
    "allergy10": ("dev", "heldout", "probe", "probe2", "probe3", "probe4", "allergy", "probe5",
                  "allergy2", "probe6", "probe7", "allergy3", "probe8", "probe9", "allergy4",
                  "allergy5", "probe10", "allergy6", "probe11", "probe12", "allergy7",
                  "probe13", "probe14", "probe15", "allergy8", "probe16", "probe17",
                  "allergy9", "probe18"),
}


def used_before(split: str) -> tuple[set[str], set[str]]:
    """Source ids and raw-text checksums of the notes of the sets drawn before ``split``
    (:data:`DRAWN_BEFORE`), read from every ``eval/data/extraction/*/manifest.jsonl``.

    Raises KeyError for a split with no entry and ValueError when a named set has no rows
    (a misspelt or missing manifest would silently widen the pool)."""
    wanted = DRAWN_BEFORE[split]
    rows = [r for path in sorted((Path(__file__).resolve().parent / "data" / "extraction")
                                 .glob("*/manifest.jsonl"))
            for r in load_manifest(path.parent) if r["split"] in wanted]
    missing = set(wanted) - {r["split"] for r in rows}
    if missing:
        raise ValueError(f"{split}: no manifest rows for earlier set(s) {sorted(missing)}")
    return {r["source_id"] for r in rows}, {r["sha256_raw"] for r in rows}


def mts_manifest_row(note_id: int, text: str, row: dict[str, str], stratum: str,
                     split: str) -> dict[str, Any]:
    """One manifest row for an MTSamples note (the probe and allergy draws' format)."""
    return {"id": f"mts-{note_id}", "source": "mtsamples", "source_id": str(note_id),
            "type": stratum, "specialty": (row["medical_specialty"] or "").strip(),
            "sample_name": row["sample_name"].strip(), "chars": len(text),
            "sha256": sha256(restore_breaks(text)), "sha256_raw": sha256(text), "split": split}


def aci_manifest_row(key: str, text: str, split: str) -> dict[str, Any]:
    """One manifest row for an ACI-bench reference note (its text has no comma form)."""
    return {"id": f"aci-{key}", "source": "aci_bench", "source_id": key, "type": "aci_visit",
            "specialty": "", "sample_name": key, "chars": len(text), "sha256": sha256(text),
            "sha256_raw": sha256(text), "split": split}


def load_notes(data_dir: Path, root: Path | None = None) -> list[dict[str, Any]]:
    """Manifest rows with ``raw`` and ``restored`` text, checksums verified.

    Raises FileNotFoundError (naming ``--data``) when a source file is missing and
    SourceChangedError when a text no longer matches the manifest's checksum.
    """
    rows = load_manifest(root)
    mts = mts_texts(data_dir) if any(r["source"] == "mtsamples" for r in rows) else {}
    # an ACI-bench source id is "<file>-<encounter>" (train, valid, or a test file: allergy4)
    aci_files = sorted({r["source_id"].split("-", 1)[0] for r in rows
                        if r["source"] == "aci_bench"})
    aci = aci_texts(data_dir, aci_files) if aci_files else {}
    out = []
    for row in rows:
        key = row["source_id"]
        texts = mts if row["source"] == "mtsamples" else aci
        if key not in texts:
            raise SourceChangedError(f"{row['id']}: {row['source']} record {key!r} not found "
                                     f"under {data_dir}; is --data the right data root?")
        raw = texts[key]
        if sha256(raw) != row["sha256_raw"]:
            raise SourceChangedError(
                f"{row['id']}: the {row['source']} text under {data_dir} has changed (sha256 "
                f"{sha256(raw)[:12]} != manifest {row['sha256_raw'][:12]}); the gold was "
                "labelled on the original text - use the original data or relabel")
        restored = restore_breaks(raw) if row["source"] == "mtsamples" else raw
        if sha256(restored) != row["sha256"]:
            raise SourceChangedError(
                f"{row['id']}: restore_breaks() now gives a different text than the one "
                "labelled (sha256 mismatch); check the labels against the new text and rerun "
                "eval/data/extraction/real/draw.py to refresh the manifest")
        if row.get("raw_form") == "commas":
            # a note with real line breaks (ACI-bench, allergy5) also scored in the MTSamples
            # CSV's comma-for-line-break form; length-preserving, so spans line up
            raw = raw.replace("\n", ",")
        out.append({**row, "raw": raw, "restored": restored})
    return out


def load_gold_file(note_id: str, root: Path | None = None) -> dict[str, Any]:
    """The gold labels of one note (``gold/<id>.json``)."""
    path = (root or real_dir()) / "gold" / f"{note_id}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _forms_from_env() -> tuple[str, ...]:
    value = os.environ.get(FORM_ENV, "both").strip().lower()
    if value in ("", "both", "all"):
        return FORMS
    forms = tuple(f.strip() for f in value.split(",") if f.strip())
    bad = [f for f in forms if f not in FORMS]
    if bad:
        raise InputError(f"{FORM_ENV}={value!r}: forms are restored|raw|both")
    return forms


# ----------------------------------------------------------------------------- suite API
def load_examples(data_dir: Path, *, limit: int | None = None, seed: int = 0,
                  forms: Iterable[str] | None = None) -> list[dict]:
    """One example per (note, form): id ``<note id>@<form>``, text, gold, split, type."""
    forms = tuple(forms) if forms is not None else _forms_from_env()
    if not (Path(data_dir) / MTS_CSV).is_file():
        # MTSamples may not be shipped (licence unclear), so a fresh clone has no text for
        # 40 of the 50 notes: skip the suite with the reason rather than fail the whole run.
        raise SuiteSkipped(f"{Path(data_dir) / MTS_CSV} is missing: the MTSamples text is not "
                           "shipped; pass --data DIR, a data root holding mtsamples/ and "
                           "aci_bench/ (../shared/data on the developers' machines)")
    examples = []
    for note in load_notes(Path(data_dir)):
        gold = load_gold_file(note["id"])
        for form in forms:
            examples.append({"id": f"{note['id']}@{form}", "note_id": note["id"],
                             "form": form, "split": note["split"], "type": note["type"],
                             "source": note["source"], "text": note[form], "gold": gold})
    return seeded_subset(examples, limit, seed)


def make_runner(runtime: Runtime) -> Callable[[dict], dict]:
    """Extract each note with the configured pipeline (LLM when ``settings.use_llm``)."""
    extractor = runtime.extractor

    def run(example: dict) -> dict:
        rec = extractor.extract(example["text"], example["note_id"])
        pred = rec.model_dump(mode="json")
        return {"id": example["id"], "note_id": example["note_id"], "form": example["form"],
                "split": example["split"], "type": example["type"], "pred": pred,
                "gold": example["gold"], "score": score([pred], [example["gold"]])}

    return run


def allergens_as_medications(results: list[dict]) -> int:
    """Predicted medications (not given/discontinued) that are a gold allergen of their note
    ("Accutane" under ALLERGIES reported as a drug the patient takes)."""
    n = 0
    for r in results:
        allergens = {_key(a["substance"]) for a in r["gold"].get("allergies", [])}
        n += sum(1 for m in r["pred"].get("medications", [])
                 if _key(m["name"]) in allergens and m.get("status") in (None, "active", "new"))
    return n


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def _headline_of(results: list[dict]) -> dict[str, Any]:
    sub = score([r["pred"] for r in results], [r["gold"] for r in results])
    out = {k: sub[k] for k in HEADLINE if k in sub}
    out["allergens_as_medications"] = allergens_as_medications(results)
    out["notes"] = len(results)
    return out


def aggregate(results: list[dict]) -> dict:
    """Scores of the primary form over all notes, per form and split, per type; a note table."""
    ok = [r for r in results if "pred" in r]
    metrics: dict[str, Any] = {}
    forms = [f for f in FORMS if any(r["form"] == f for r in ok)]
    if forms:
        main = [r for r in ok if r["form"] == forms[0]]
        metrics.update(score([r["pred"] for r in main], [r["gold"] for r in main]))
        metrics["allergens_as_medications"] = allergens_as_medications(main)
        metrics["form"] = forms[0]
        metrics["notes"] = len(main)
    per_type: list[dict[str, Any]] = []
    for form in forms:
        part = [r for r in ok if r["form"] == form]
        for k, v in _headline_of(part).items():
            metrics[f"{form}.{k}"] = v
        for split in SPLITS:
            sp = [r for r in part if r["split"] == split]
            if sp:
                for k, v in _headline_of(sp).items():
                    metrics[f"{form}.{split}.{k}"] = v
                    if form == forms[0]:
                        metrics[f"{split}.{k}"] = v
        for typ in sorted({r["type"] for r in part}):
            tp = [r for r in part if r["type"] == typ]
            s = score([r["pred"] for r in tp], [r["gold"] for r in tp])
            per_type.append({"form": form, "type": typ, "notes": len(tp),
                             **{f"{c}.f1": round(s[f"{c}.f1"], 3) for c in CATEGORIES},
                             "entity_micro_f1": round(s["entity_micro_f1"], 3)})
    per_note = [{"id": r["id"], "split": r["split"], "type": r["type"],
                 "entity_micro_f1": round(r["score"]["entity_micro_f1"], 3),
                 "problem_status_acc": round(r["score"]["problems.status_accuracy"], 3),
                 "med_attr_acc": round(r["score"]["medications.attribute_accuracy"], 3)}
                for r in ok]
    return {"metrics": metrics, "tables": {"per_type": per_type, "per_note": per_note}}


def plot(results: list[dict], summary: dict, out_dir: Path) -> list[Path]:
    """Per-category F1 bars (primary form)."""
    from eval.plots import bars_png

    m = summary.get("metrics", {})
    values = {c: m.get(f"{c}.f1", 0.0) for c in CATEGORIES}
    path = Path(out_dir) / "extraction_real_f1.png"
    bars_png(values, path, "Extraction on real notes: F1 per category")
    return [path]
