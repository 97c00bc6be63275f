"""The benchmark dispatcher, and the LLM benchmark on a tiny random model."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from assistant.errors import InputError
from eval import bench


def test_available_lists_bench_modules() -> None:
    names = bench.available()
    assert {"llm", "chat"} <= set(names)
    assert "bench" not in names and all(n.isidentifier() for n in names)


def test_unknown_bench_names_the_choices() -> None:
    with pytest.raises(InputError, match="choose one of: .*llm"):
        bench.load_bench("nope")
    with pytest.raises(InputError):
        bench.load_bench("../etc")


def test_dispatch_runs_module_and_writes_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[list[str]] = []
    mod = types.ModuleType("eval.bench_toy")

    def run(args: list[str]) -> dict:
        seen.append(args)
        return {"items_per_s": 12.5}

    mod.run = run
    monkeypatch.setitem(sys.modules, "eval.bench_toy", mod)
    monkeypatch.setattr(bench, "available", lambda: ["toy"])
    out = tmp_path / "toy.json"
    record, path = bench.dispatch("toy", ["--n", "3", "--out", str(out)])
    assert seen == [["--n", "3", "--out", str(out)]]  # the bench sees its --out too
    assert path == out
    saved = json.loads(out.read_text())
    assert saved["bench"] == "toy" and saved["results"] == {"items_per_s": 12.5}
    assert saved["argv"] == ["--n", "3", "--out", str(out)]
    for key in ("cpu_model", "cpu_count", "ram_gb", "torch", "device"):
        assert key in saved["machine"]
    assert capsys.readouterr().out.startswith("machine: ")


def test_bench_llm_on_tiny_model(tiny_llm_dir: Path, tmp_path: Path) -> None:
    from eval import bench_llm

    res = bench_llm.run(["--model", str(tiny_llm_dir), "--device", "cpu", "--new-tokens", "4",
                         "--runs", "1", "--bandwidth-mib", "8",
                         "--set", f"cache_dir={tmp_path}"])
    assert res["median"]["new_tokens"] >= 1 and res["median"]["ttft_s"] > 0
    assert res["prompt_tokens"] > 20  # the chat-templated prompt
    assert res["bandwidth"]["read_write_gbps"] == pytest.approx(
        2 * res["bandwidth"]["copy_gbps"])
    # bound = bandwidth / bytes of weights; a tiny model has a huge bound
    assert res["weight_bytes"] > 0
    assert res["bound_tps"] == pytest.approx(
        res["bandwidth"]["read_write_gbps"] * 1e9 / res["weight_bytes"])
    # issue 17: the three engines side by side, each with its greedy output text
    assert list(res["engines"]) == ["transformers", "ct2-int8", "ct2-float32"]
    tf, fp32 = res["engines"]["transformers"], res["engines"]["ct2-float32"]
    assert tf["output_text"] and fp32["output_text"]
    assert res["engines"]["ct2-int8"]["weight_bytes"] < fp32["weight_bytes"] / 2


def test_memcpy_bandwidth_positive() -> None:
    from eval.bench_llm import memcpy_bandwidth

    bw = memcpy_bandwidth(4, repeats=2)
    assert bw["array_mib"] == 4 and bw["copy_gbps"] > 0
