"""Short readers of one extraction record, shared by the error-class test files.

Each pins what the rules path gives for a snippet: medication and problem statuses by name,
and allergies with the words of their spans (so a test also checks the span is grounded).
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.extract.pipeline import Extractor


def meds(extractor: Extractor, text: str) -> dict[str, str | None]:
    """Medication name -> status."""
    return {m.name: m.status for m in extractor.extract(text, "t").medications}


def problems(extractor: Extractor, text: str) -> dict[str, str]:
    """Problem text -> status."""
    return {p.text: p.status for p in extractor.extract(text, "t").problems}


def allergies(extractor: Extractor, text: str) -> list[tuple[str, str | None, str]]:
    """(substance, reaction, the words of its span) of each allergy, in record order."""
    rec = extractor.extract(text, "t")
    return [(a.substance, a.reaction, text[a.span[0]:a.span[1]]) for a in rec.allergies]


def signs(extractor: Extractor, text: str) -> dict[str, tuple[str, str]]:
    """Sign problems ("... sign") -> (status, the words of its span)."""
    return {p.text: (p.status, text[p.span[0]:p.span[1]])
            for p in extractor.extract(text, "t").problems if p.text.endswith(" sign")}


def problems_with_spans(extractor: Extractor, text: str) -> dict[str, tuple[str, str]]:
    """Problem text -> (status, the words of its source span)."""
    return {p.text: (p.status, text[p.span[0]:p.span[1]])
            for p in extractor.extract(text, "t").problems}


def jsonl_rows(path: Path) -> list[dict]:
    """The JSON objects of a .jsonl file, one per non-empty line."""
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def probe_rounds_from(rows: list[dict], first: int) -> set[str]:
    """The probe splits numbered ``first`` or higher in a probe manifest's rows: a round's
    frozen-draw test skips its own and every later round (each later round checks its own
    exclusions), so a new round needs no edit to the earlier rounds' tests."""
    return {r["split"] for r in rows
            if r["split"].startswith("probe") and r["split"][5:].isdigit()
            and int(r["split"][5:]) >= first}


def assert_exclusion_covers_other_sets(probe_dir: Path, excluded: set[str],
                                       new_ids: set[str],
                                       triage_drawn_after: tuple[str, ...] = ()) -> None:
    """A probe round's frozen exclusion list covers every other set's MTSamples notes (the
    real dev / held-out ids, every other extraction manifest, the medstat / midneg / negscope
    sentences), and the round's new notes ``new_ids`` are in no triage MTSamples manifest
    (but those named in ``triage_drawn_after``, drawn at the same time with their own list)."""
    base = probe_dir.parent
    real = jsonl_rows(base / "real" / "manifest.jsonl")  # dev and held-out ids (ids only)
    assert {r["source_id"] for r in real if r["source"] == "mtsamples"} <= excluded
    for d in sorted(base.glob("*/manifest.jsonl")):
        if d.parent.name in ("probe", "real"):
            continue
        ids = {str(r["source_id"]) for r in jsonl_rows(d) if r["source"] == "mtsamples"}
        assert ids <= excluded, d.parent.name
    tri = Path(__file__).resolve().parents[1] / "eval" / "data" / "triage_real"
    for m in sorted(tri.glob("mts*_manifest.jsonl")):
        if m.name in triage_drawn_after:
            continue
        ids = {str(r.get("source_id", r.get("note_id", ""))).removeprefix("mts-")
               for r in jsonl_rows(m)}
        assert not new_ids & ids, m.name
    for name in ("medstat", "midneg", "negscope"):
        notes = {r["note"].removeprefix("mts-")
                 for r in jsonl_rows(base / name / "sentences.jsonl")}
        assert notes <= excluded, name
