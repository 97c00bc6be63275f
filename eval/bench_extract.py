"""Extraction throughput on MTSamples: rules-only notes/s, and with the LLM on a small sample.

    python -m eval.bench extract [--data DIR] [--limit N] [--workers W] [--llm-sample K]

Rules-only runs every note (or ``--limit`` of them) in this process (``--workers`` > 1 also
times the batch CLI path with that many processes). The LLM path is slow on CPU, so it runs
``--llm-sample`` notes and the full-corpus time is an extrapolation, labelled as such.
The notes are read from the shared data folder and never copied into the project.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from eval.common import default_data_dir


def _notes(data_dir: Path, limit: int | None) -> list[tuple[str, str]]:
    path = data_dir / "mtsamples" / "mtsamples.csv"
    csv.field_size_limit(1 << 26)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(r.get("note_id") or str(i), r.get("transcription") or "")
                for i, r in enumerate(csv.DictReader(fh))]
    return rows[:limit] if limit else rows


def _peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (``ru_maxrss`` is KiB on Linux)."""
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(args: list[str]) -> dict[str, Any]:
    """Time the extractor; print and return the figures."""
    p = argparse.ArgumentParser(prog="python -m eval.bench extract")
    p.add_argument("--data", type=Path, default=default_data_dir())
    p.add_argument("--limit", type=int, default=None, help="rules-only notes (default all)")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--llm-sample", type=int, default=1, help="notes to run with the LLM")
    p.add_argument("--out", type=Path, default=None)
    a = p.parse_args(args)

    from assistant.config import load_settings
    from assistant.extract.pipeline import Extractor

    notes = _notes(a.data, a.limit)
    total_notes = len(_notes(a.data, None))
    settings = load_settings(None, {"use_llm": False})
    t0 = time.perf_counter()
    extractor = Extractor(settings)
    startup = time.perf_counter() - t0
    times, errors, chars = [], 0, 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    for nid, text in notes:
        t = time.perf_counter()
        try:
            extractor.extract(text, nid)
        except Exception:  # noqa: BLE001 - counted, the benchmark measures speed
            errors += 1
        times.append(time.perf_counter() - t)
        chars += len(text)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    res: dict[str, Any] = {
        "notes": len(notes), "mean_chars": chars / max(1, len(notes)), "errors": errors,
        "rules_startup_s": round(startup, 2), "rules_wall_s": round(wall, 2),
        "rules_notes_per_s": round(len(notes) / wall, 2),
        # CPU time of this process: the figure that holds on a busy shared machine
        "rules_cpu_s": round(cpu, 2), "rules_notes_per_cpu_s": round(len(notes) / cpu, 2),
        "rules_ms_per_note_median": round(1000 * statistics.median(times), 1),
        "rules_ms_per_note_p95": round(1000 * sorted(times)[int(0.95 * (len(times) - 1))], 1),
    }
    res["peak_rss_mb"] = _peak_rss_mb()
    print(f"peak memory (max RSS of this process): {res['peak_rss_mb']} MB")
    print(f"rules-only: {len(notes)} notes in {wall:.1f} s = {res['rules_notes_per_s']} notes/s "
          f"(median {res['rules_ms_per_note_median']} ms, p95 {res['rules_ms_per_note_p95']} ms;"
          f" startup {startup:.1f} s; {errors} errors); CPU {cpu:.1f} s = "
          f"{len(notes) / cpu:.2f} notes per CPU-second")
    if a.workers > 1:
        from functools import partial

        from assistant.batch import BatchItem, run_batch
        from assistant.extract.runner import error_record, key_of, make_process

        items = [BatchItem(nid, (nid, text)) for nid, text in notes]
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            run_batch(items, partial(make_process, settings.model_dump_json(), "jsonl"),
                      partial(error_record, "jsonl"), Path(tmp) / "out.jsonl", key_of=key_of,
                      workers=a.workers, show_progress=False)
            bw = time.perf_counter() - t0
        res[f"batch_workers{a.workers}_notes_per_s"] = round(len(notes) / bw, 2)
        print(f"batch CLI path, {a.workers} workers (incl. worker start-up): "
              f"{len(notes) / bw:.2f} notes/s")
    if a.llm_sample > 0:
        llm_settings = load_settings(None, {"use_llm": True})
        llm = Extractor(llm_settings)
        t0 = time.perf_counter()
        _ = llm.backend
        load = time.perf_counter() - t0
        sample = notes[: a.llm_sample]
        t0 = time.perf_counter()
        c0 = time.process_time()
        for nid, text in sample:
            llm.extract(text, nid)
        lw = time.perf_counter() - t0
        res["llm_cpu_s_per_note"] = round((time.process_time() - c0) / len(sample), 1)
        per = lw / len(sample)
        res.update({"llm_model": llm.backend.describe().get("model"), "llm_load_s": round(load, 1),
                    "llm_sample_notes": len(sample), "llm_s_per_note": round(per, 1),
                    "llm_notes_per_s": round(1 / per, 4),
                    "llm_extrapolated_hours_all_notes": round(per * total_notes / 3600, 1)})
        print(f"with LLM: {len(sample)} notes in {lw:.1f} s = {per:.1f} s/note "
              f"({1 / per:.4f} notes/s); EXTRAPOLATED to all {total_notes} notes: "
              f"{per * total_notes / 3600:.1f} h (single process)")
    return res
