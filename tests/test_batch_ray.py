"""The Ray engine (a real local Ray with 2 CPUs) against the local engine, on real text.

Notes are the first 200 MedQA question stems shipped in ``data/medqa`` (real vignettes
written by others). Ray and local outputs must be identical byte for byte.
"""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path

import pytest

pytest.importorskip("ray.data")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from assistant.batch import run_batch  # noqa: E402
from assistant.batch_ray import (  # noqa: E402
    plan_shards,
    read_output,
    run_ray_batch,
)
from assistant.config import load_settings  # noqa: E402
from assistant.errors import InputError  # noqa: E402
from assistant.extract import __main__ as extract_cli  # noqa: E402
from assistant.extract.io import iter_note_items, iter_note_sources  # noqa: E402
from assistant.extract.runner import error_record, key_of, make_process, ray_job  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
N_NOTES = 200


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ray")


@pytest.fixture(scope="module")
def settings_json(work: Path) -> str:
    return load_settings(None, {"cache_dir": str(work / "cache"), "device": "cpu",
                                "use_llm": False}, environ={}).model_dump_json()


@pytest.fixture(scope="module")
def notes(work: Path) -> Path:
    """200 real notes as JSONL (ids n000..n199)."""
    lines = (ROOT / "data/medqa/medqa_us_4opt_test.jsonl").read_text().splitlines()[:N_NOTES]
    out = work / "notes.jsonl"
    out.write_text("".join(json.dumps({"id": f"n{i:03d}", "text": json.loads(ln)["question"]})
                           + "\n" for i, ln in enumerate(lines)))
    return out


def _local(paths: list[Path], settings_json: str, out: Path) -> list[bytes]:
    items = iter_note_items(paths)
    run_batch(items, partial(make_process, settings_json, "jsonl"),
              partial(error_record, "jsonl"), out, key_of=key_of, show_progress=False)
    return out.read_bytes().splitlines(keepends=True)


@pytest.fixture(scope="module")
def local_lines(notes: Path, settings_json: str, work: Path) -> list[bytes]:
    return _local([notes], settings_json, work / "local.jsonl")


def test_ray_cli_equals_local_on_200_notes(ray_local, notes: Path, local_lines: list[bytes],
                                            work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = work / "ray-out"
    monkeypatch.setattr(sys, "argv", ["extract", str(notes), "--out", str(out), "--engine", "ray",
                                      "--workers", "2", "--shard-size", "64", "--no-llm",
                                      "--set", f"cache_dir={work / 'cache'}",
                                      "--set", "device=cpu"])
    assert extract_cli.main() == 0
    manifest = json.loads((out / "_manifest.json").read_text())
    assert [s["records"] for s in manifest["shards"]] == [64, 64, 64, 8]
    assert manifest["records"] == N_NOTES and (out / "_SUCCESS").is_file()
    ray_lines = read_output(out)
    assert len(local_lines) == N_NOTES
    assert sorted(ray_lines) == sorted(local_lines)
    assert ray_lines == local_lines  # shards keep input order too
    assert sum(b'"problems": [{' in ln for ln in ray_lines) > 50  # real extraction happened


@pytest.mark.slow  # a second and third Ray job (~20 s each on 2 loaded cores)
def test_parquet_in_and_out(ray_local, notes: Path, local_lines: list[bytes], work: Path,
                            settings_json: str) -> None:
    rows = [json.loads(ln) for ln in notes.read_text().splitlines()]
    table = work / "notes.parquet"
    pq.write_table(pa.table({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows]}),
                   table, row_group_size=50)
    job = ray_job(settings_json, "jsonl", 200_000)
    shards = plan_shards(iter_note_sources([table]), job, 100)
    assert [(s.row_groups, s.first_row, s.rows) for s in shards] == [((0, 1), 1, 100),
                                                                     ((2, 3), 101, 100)]
    out = work / "ray-parquet"
    summary = run_ray_batch(shards, job, out, workers=1, shard_format="parquet",
                            show_progress=False)
    assert (summary.total, summary.processed, summary.errors) == (200, 200, 0)
    assert sorted(p.name for p in out.glob("part-*")) == ["part-00000.parquet",
                                                          "part-00001.parquet"]
    assert read_output(out) == local_lines
    # the local engine reads the same table to the same lines
    assert _local([table], settings_json, work / "local-pq.jsonl") == local_lines


@pytest.mark.slow
def test_resume_skips_finished_shards(ray_local, notes: Path, local_lines: list[bytes],
                                      work: Path, settings_json: str) -> None:
    job = ray_job(settings_json, "jsonl", 200_000)
    shards = plan_shards(iter_note_sources([notes]), job, 50)
    out = work / "ray-resume"
    run_ray_batch(shards, job, out, workers=1, show_progress=False)
    # a crash: shard 1 never written, shard 2 torn, no _SUCCESS
    (out / "part-00001.jsonl").unlink()
    torn = out / "part-00002.jsonl"
    torn.write_bytes(torn.read_bytes()[:1000])
    (out / "_SUCCESS").unlink()
    with pytest.raises(InputError, match="did not finish"):
        read_output(out)
    summary = run_ray_batch(shards, job, out, workers=1, resume=True, show_progress=False)
    assert (summary.skipped, summary.processed) == (100, 100)
    assert read_output(out) == local_lines
    # a resume against other input is refused, not mixed in
    other = plan_shards(iter_note_sources([notes]), job, 40)
    with pytest.raises(InputError, match="different input"):
        run_ray_batch(other, job, out, workers=1, resume=True, show_progress=False)


def test_bad_notes_become_error_records(ray_local, work: Path, settings_json: str) -> None:
    folder = work / "bad"
    folder.mkdir()
    (folder / "a_good.txt").write_text("HPI: HTN. Meds: lisinopril 10 mg PO daily.\n")
    (folder / "b_empty.txt").write_text("")
    (folder / "c_binary.txt").write_bytes(b"\x89PNG\x00\x00\x01binary")
    (folder / "d_records.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Denies chest pain."}) + "\nnot json\n")
    (folder / "e_broken.parquet").write_bytes(b"PAR1 not really")
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": ["Asthma; albuterol PRN", None]}),
                   folder / "f_table.parquet")
    job = ray_job(settings_json, "jsonl", 200_000)
    shards = plan_shards(iter_note_sources([folder]), job, 3)
    out = work / "ray-bad"
    summary = run_ray_batch(shards, job, out, workers=1, show_progress=False)
    lines = read_output(out)
    recs = [json.loads(ln) for ln in lines]
    assert [r["note_id"] for r in recs] == ["a_good", "b_empty", "c_binary", "j1",
                                            "d_records:2", "e_broken", "p1", "p2"]
    assert [bool(r.get("error")) for r in recs] == [False, True, True, False, True, True,
                                                    False, True]
    assert summary.errors == 5 == json.loads((out / "_manifest.json").read_text())["errors"]
    assert "no 'text' field" in recs[-1]["error"]
    assert lines == _local([folder], settings_json, work / "local-bad.jsonl")



@pytest.mark.slow  # loads the triage model in the test process and in an actor
def test_triage_ray_equals_local(ray_local, work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.triage import __main__ as triage_cli

    cases = ROOT / "eval/data/triage_vignettes.jsonl"
    common = ["--no-llm", "--set", f"cache_dir={work / 'cache'}", "--set", "device=cpu"]
    monkeypatch.setattr(sys, "argv", ["triage", "--in", str(cases), "--out",
                                      str(work / "triage-local.jsonl"), *common])
    assert triage_cli.main() == 0
    monkeypatch.setattr(sys, "argv", ["triage", "--in", str(cases), "--out",
                                      str(work / "triage-ray"), "--engine", "ray", "--workers",
                                      "1", "--shard-size", "16", *common])
    assert triage_cli.main() == 0
    local = (work / "triage-local.jsonl").read_bytes().splitlines(keepends=True)
    assert len(local) == 38
    assert read_output(work / "triage-ray") == local


def test_plan_shards_keeps_order_and_cuts_parquet_at_row_groups(tmp_path: Path) -> None:
    from assistant.batch import BatchItem
    from assistant.extract.io import ParquetRef

    table = tmp_path / "t.parquet"
    pq.write_table(pa.table({"id": [f"r{i}" for i in range(7)], "text": ["x"] * 7}), table,
                   row_group_size=3)  # row groups of 3, 3, 1
    empty = tmp_path / "empty.parquet"
    pq.write_table(pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())}),
                   empty)
    job = ray_job("{}", "jsonl", 100)
    items = [BatchItem(f"i{n}", (f"i{n}", "t")) for n in range(5)]
    shards = plan_shards([*items[:3], ParquetRef(table), ParquetRef(empty), *items[3:]], job, 2)
    assert [(s.index, [it.key for it in s.items], s.row_groups, s.first_row) for s in shards] == [
        (0, ["i0", "i1"], (), 1), (1, ["i2"], (), 1), (2, [], (0,), 1), (3, [], (1,), 4),
        (4, [], (2,), 7), (5, ["empty", "i3"], (), 1), (6, ["i4"], (), 1)]
    assert shards[5].items[0].error == "Parquet file holds no rows, no notes"
    # the Parquet rows of a shard are read where the shard runs, ids from the table
    assert [it.key for it in shards[3].load(job)] == ["r3", "r4", "r5"]
    with pytest.raises(InputError, match="shard-size"):
        plan_shards(items, job, 0)


def test_out_must_be_a_folder(tmp_path: Path) -> None:
    from assistant.batch import BatchItem

    job = ray_job("{}", "jsonl", 100)
    out = tmp_path / "out.jsonl"
    out.write_text("")
    shards = plan_shards([BatchItem("a", ("a", "t"))], job, 10)
    with pytest.raises(InputError, match="writes a folder"):
        run_ray_batch(shards, job, out, show_progress=False)


# ----------------------------------------------------------- one failure wrapper, both engines

def test_ray_session_wraps_ray_failures_and_shuts_down_what_it_started(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Ray's own exception -> one EngineError "<what> stopped (<type>: <msg>); <advice>",
    advice read at failure time; a project error passes through unchanged; a Ray this call
    started is shut down every time, a Ray it joined never is."""
    import ray

    import assistant.batch as batch
    from assistant.batch import EngineError, ray_session
    from assistant.errors import InputError as ProjectError

    shutdowns: list[int] = []
    monkeypatch.setattr(ray, "shutdown", lambda: shutdowns.append(1))
    done: list[int] = []
    monkeypatch.setattr(batch, "init_ray", lambda address, workers: True)
    with (pytest.raises(EngineError) as info,
          ray_session(None, 1, "the Ray job", lambda: f"{len(done)} of 3 shards were written")):
        done.append(1)
        raise RuntimeError("actor died")
    assert str(info.value) == ("the Ray job stopped (RuntimeError: actor died); "
                               "1 of 3 shards were written")
    assert shutdowns == [1]
    with (pytest.raises(ProjectError, match="bad row"),
          ray_session(None, 1, "the Ray job", lambda: "unused")):
        raise ProjectError("bad row")
    assert shutdowns == [1, 1]
    monkeypatch.setattr(batch, "init_ray", lambda address, workers: False)  # joined, not started
    with ray_session("auto", 1, "the Ray embedding job", lambda: "unused"):
        pass
    assert shutdowns == [1, 1]
