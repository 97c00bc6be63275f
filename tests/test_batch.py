"""The shared batch runner: order, one line per item, atomic output, resume after a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.batch import BatchItem, read_jsonl_items, run_batch
from assistant.errors import InputError


def _items(n: int) -> list[BatchItem]:
    return [BatchItem(f"k{i}", i) for i in range(n)]


def _square():
    def process(x: int) -> dict:
        if x == 3:
            raise InputError("three is not allowed")
        return {"id": f"k{x}", "value": x * x, "error": None}
    return process


def _err(key: str, msg: str) -> dict:
    return {"id": key, "value": None, "error": msg}


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines()]


def test_order_errors_and_summary(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    items = _items(5) + [BatchItem("bad", None, "line 7: not valid JSON")]
    summary = run_batch(items, _square, _err, out, key_of=lambda r: r["id"])
    rows = _lines(out)
    assert [r["id"] for r in rows] == ["k0", "k1", "k2", "k3", "k4", "bad"]
    assert [r["value"] for r in rows] == [0, 1, 4, None, 16, None]
    assert rows[3]["error"] == "three is not allowed"
    assert rows[5]["error"] == "line 7: not valid JSON"
    assert (summary.total, summary.processed, summary.errors) == (6, 6, 2)
    assert not (tmp_path / "o.jsonl.partial").exists()


def test_resume_after_crash_skips_done_and_drops_torn_line(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    partial = tmp_path / "o.jsonl.partial"
    # A crashed run: two complete lines and a torn third; no final file.
    partial.write_text('{"id": "k0", "value": 0, "error": null}\n'
                       '{"id": "k1", "value": 1, "error": null}\n{"id": "k2", "va')
    seen: list[int] = []

    def factory():
        inner = _square()

        def process(x: int) -> dict:
            seen.append(x)
            return inner(x)
        return process

    summary = run_batch(_items(5), factory, _err, out, key_of=lambda r: r["id"], resume=True)
    assert seen == [2, 3, 4] or seen == [2, 4]  # 3 raises inside, still attempted
    assert summary.skipped == 2
    assert [r["id"] for r in _lines(out)] == ["k0", "k1", "k2", "k3", "k4"]


def test_resume_with_mismatching_partial_restarts(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    (tmp_path / "o.jsonl.partial").write_text('{"id": "other", "value": 0}\n')
    summary = run_batch(_items(2), _square, _err, out, key_of=lambda r: r["id"], resume=True)
    assert summary.skipped == 0
    assert [r["id"] for r in _lines(out)] == ["k0", "k1"]


def test_workers_keep_order(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    run_batch(_items(8), _square, _err, out, key_of=lambda r: r["id"], workers=2)
    assert [r["value"] for r in _lines(out)] == [0, 1, 4, None, 16, 25, 36, 49]


def test_read_jsonl_items(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "text": "x"}\n\nnot json\n[1]\n{"text": "no id"}\n')
    items = read_jsonl_items(p)
    assert [i.key for i in items] == ["a", "line3", "line4", "line5"]
    assert items[0].payload == {"id": "a", "text": "x"} and items[0].error is None
    assert "not valid JSON" in items[1].error and "JSON object" in items[2].error
    with pytest.raises(InputError):
        read_jsonl_items(tmp_path / "missing.jsonl")
