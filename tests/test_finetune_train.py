"""finetune.train on a tiny random llama: pinned loss, config checks, checkpoints, resume."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from finetune import train as T
from finetune.data import _write_jsonl, synthetic_examples

# Measured once with the settings of _cfg (seed 0, tiny llama seeded in conftest) and pinned.
PINNED_FIRST_LOSS = 10.78528  # SFT rows are the runtime extraction request (issue 15 item 8)


@pytest.fixture(autouse=True)
def _fresh_accelerate_state():
    """accelerate keeps process-wide singletons; each run in a test starts from scratch."""
    from accelerate.state import AcceleratorState, GradientState, PartialState

    yield
    AcceleratorState._reset_state(True)
    GradientState._reset_state()
    PartialState._reset_state()


@pytest.fixture(scope="module")
def sft_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("sft")
    rows = synthetic_examples(12, seed=4)
    _write_jsonl(d / "train.jsonl", rows[:10])
    _write_jsonl(d / "heldout.jsonl", rows[10:])
    return d


def _cfg(tiny: Path, sft: Path, out: Path, **extra: object) -> T.TrainConfig:
    base = {"model_path": str(tiny), "output_dir": str(out), "seed": 0,
            "data": {"train_file": str(sft / "train.jsonl"),
                     "eval_file": str(sft / "heldout.jsonl"), "build_if_missing": False,
                     "tasks": ["extraction"], "max_eval_examples": 2},
            "lora": {"r": 4, "alpha": 8, "dropout": 0.1},
            "max_seq_len": 1024, "batch_size": 2, "grad_accum": 2, "learning_rate": 1e-2,
            "warmup_steps": 0, "max_steps": 2, "eval_every": 1, "save_every": 1,
            "keep_checkpoints": 5, "precision": "fp32"}
    base.update(extra)
    return T.TrainConfig.model_validate(base)


def test_config_rejects_unknown_keys_and_applies_overrides(tmp_path: Path) -> None:
    p = tmp_path / "c.yaml"
    p.write_text("train:\n  max_steps: 3\n  lora:\n    r: 4\n")
    cfg = T.load_config(p, ["lora.alpha=32", "data.tasks=[triage]"])
    assert (cfg.max_steps, cfg.lora.r, cfg.lora.alpha, cfg.data.tasks) == (3, 4, 32, ["triage"])
    with pytest.raises(ConfigError, match="lora.rank"):
        T.load_config(p, ["lora.rank=4"])
    with pytest.raises(ConfigError, match="learning_rate"):
        T.load_config(p, ["learning_rate=-1"])
    # the resolved config written into checkpoints reads back identically
    again = tmp_path / "again.yaml"
    again.write_text(T.config_yaml(cfg))
    assert T.load_config(again) == cfg


def test_shipped_configs_validate() -> None:
    root = Path(__file__).resolve().parent.parent / "finetune" / "configs"
    names = sorted(p.name for p in root.glob("*.yaml"))
    assert names == ["llama-8b-multigpu.yaml", "smollm2-135m-cpu.yaml", "smollm2-135m-gpu.yaml"]
    for p in root.glob("*.yaml"):
        T.load_config(p)
    assert T.load_config(root / "llama-8b-multigpu.yaml").gradient_checkpointing


def test_two_steps_pinned_loss_and_checkpoints(tiny_llm_dir: Path, sft_dir: Path,
                                               tmp_path: Path) -> None:
    out = tmp_path / "run"
    summary = T.train(_cfg(tiny_llm_dir, sft_dir, out), show_progress=False)
    history = [json.loads(line) for line in (out / "history.jsonl").read_text().splitlines()]
    assert history[0]["step"] == 0 and "loss" not in history[0]  # baseline eval
    history = history[1:]
    first = history[0]["loss"]
    vocab = 49152
    assert abs(first - math.log(vocab)) < 0.1  # a random init predicts ~uniformly
    assert first == pytest.approx(PINNED_FIRST_LOSS, abs=2e-3)
    assert summary["steps"] == 2 and len(history) == 2
    assert all("eval_loss" in h for h in history)
    ckpts = T.list_checkpoints(out)
    assert [c.name for c in ckpts] == ["step-1", "step-2"]
    assert T.load_config(ckpts[-1] / "config.yaml") == _cfg(tiny_llm_dir, sft_dir, out)
    # checkpoints hold the LoRA weights only, never the frozen base
    assert (ckpts[-1] / "lora_0.safetensors").is_file()
    assert not list(ckpts[-1].glob("model*.safetensors"))
    assert (out / "adapter" / "adapter_config.json").is_file()
    assert (out / "loss.png").stat().st_size > 1000


def test_resume_continues_exactly(tiny_llm_dir: Path, sft_dir: Path, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    full = tmp_path / "full"
    T.train(_cfg(tiny_llm_dir, sft_dir, full, max_steps=3), show_progress=False)
    want = [json.loads(x).get("loss") for x in (full / "history.jsonl").read_text().splitlines()]

    # Interrupt a second identical run right after its step-2 checkpoint ...
    part = tmp_path / "part"
    original = T.save_checkpoint

    class Stop(Exception):
        pass

    def save_then_stop(*args, **kwargs):
        path = original(*args, **kwargs)
        if args[4]["step"] == 2:
            raise Stop
        return path

    monkeypatch.setattr(T, "save_checkpoint", save_then_stop)
    with pytest.raises(Stop):
        T.train(_cfg(tiny_llm_dir, sft_dir, part, max_steps=3), show_progress=False)
    monkeypatch.setattr(T, "save_checkpoint", original)
    from accelerate.state import AcceleratorState, GradientState, PartialState

    AcceleratorState._reset_state(True)
    GradientState._reset_state()
    PartialState._reset_state()
    # ... and resume: step 3 sees the same weights, optimizer, schedule, data and RNG.
    T.train(_cfg(tiny_llm_dir, sft_dir, part, max_steps=3), resume=True, show_progress=False)
    got = [json.loads(x).get("loss") for x in (part / "history.jsonl").read_text().splitlines()]
    assert len(got) == 4 and got[0] is None
    assert got[1:] == pytest.approx(want[1:], abs=1e-4)


def test_max_seconds_stops_after_the_step_in_flight(tiny_llm_dir: Path, sft_dir: Path,
                                                    tmp_path: Path) -> None:
    out = tmp_path / "timed"
    summary = T.train(_cfg(tiny_llm_dir, sft_dir, out, max_steps=5, save_every=100,
                           max_seconds=1e-6), show_progress=False)
    assert (summary["steps"], summary["planned_steps"], summary["stopped_by"]) == \
        (1, 5, "max_seconds")
    assert [c.name for c in T.list_checkpoints(out)] == ["step-1"]  # written although 1 % 100
    assert (out / "adapter" / "adapter_config.json").is_file()
    again = T.train(_cfg(tiny_llm_dir, sft_dir, tmp_path / "untimed", max_steps=2),
                    show_progress=False)
    assert (again["steps"], again["stopped_by"]) == (2, "max_steps")
