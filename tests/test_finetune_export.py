"""finetune.export: package/merge round-trip gives the same logits; NaN/inf refuse to save."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from assistant.errors import ClinAssistError
from finetune import export as E


@pytest.fixture(scope="module")
def trained_adapter(tiny_llm_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A peft LoRA adapter on the tiny llama with non-zero (trained-like) weights."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(tiny_llm_dir, dtype=torch.float32)
    peft_model = get_peft_model(model, LoraConfig(r=4, lora_alpha=8, task_type="CAUSAL_LM",
                                                  target_modules=["q_proj", "v_proj"]))
    with torch.no_grad():  # lora_B starts at zero: give it values so the adapter matters
        for name, p in peft_model.named_parameters():
            if "lora_B" in name:
                p.normal_(0, 0.5)
    out = tmp_path_factory.mktemp("adapter")
    peft_model.save_pretrained(out)
    AutoTokenizer.from_pretrained(tiny_llm_dir).save_pretrained(out)
    return out


def _logits(model, ids: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return model(input_ids=ids).logits


def test_package_round_trip_same_logits(tiny_llm_dir: Path, trained_adapter: Path,
                                        tmp_path: Path) -> None:
    from transformers import AutoModelForCausalLM

    out = E.package_adapter(trained_adapter, tmp_path / "pkg")
    manifest = json.loads((out / "export_manifest.json").read_text())
    assert manifest["kind"] == "lora_adapter"
    assert Path(manifest["base_model"]) == tiny_llm_dir.resolve()
    ids = torch.tensor([[1, 520, 9531, 198, 67, 4093, 2]])
    before = _logits(E.load_with_adapter(tiny_llm_dir, trained_adapter), ids)
    after = _logits(E.load_with_adapter(tiny_llm_dir, out), ids)
    base = _logits(AutoModelForCausalLM.from_pretrained(tiny_llm_dir), ids)
    assert torch.allclose(before, after, atol=1e-6)
    assert (after - base).abs().max() > 1e-3  # the adapter changes the model (test can fail)
    # the assistant's path: Settings.adapter_path -> peft PeftModel.from_pretrained
    assert (out / "adapter_config.json").is_file() and (out / "tokenizer.json").is_file()


def test_merge_round_trip_same_logits(tiny_llm_dir: Path, trained_adapter: Path,
                                      tmp_path: Path) -> None:
    from transformers import AutoModelForCausalLM

    merged_dir = E.merge_adapter(trained_adapter, tmp_path / "merged")
    merged = AutoModelForCausalLM.from_pretrained(merged_dir)
    ids = torch.tensor([[1, 520, 9531, 198, 67, 4093, 2]])
    want = _logits(E.load_with_adapter(tiny_llm_dir, trained_adapter), ids)
    assert torch.allclose(_logits(merged, ids), want, atol=1e-4)
    assert not any("lora" in k for k in merged.state_dict())


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_non_finite_adapter_refuses_to_save(tiny_llm_dir: Path, trained_adapter: Path,
                                            tmp_path: Path, bad: float) -> None:
    import shutil

    from safetensors.torch import load_file, save_file

    broken = tmp_path / "broken"
    shutil.copytree(trained_adapter, broken)
    state = load_file(broken / "adapter_model.safetensors")
    key = sorted(state)[0]
    state[key][0, 0] = bad
    save_file(state, broken / "adapter_model.safetensors")
    for fn in (E.package_adapter, E.merge_adapter):
        with pytest.raises(E.NonFiniteWeightsError, match="NaN/inf") as err:
            fn(broken, tmp_path / "out")
        assert isinstance(err.value, ClinAssistError)  # CLIs print "error: ..." and exit 2
        assert key in str(err.value)
        assert not (tmp_path / "out").exists()


def test_non_finite_lists_only_bad_tensors() -> None:
    state = {"a": torch.zeros(2), "b": torch.tensor([1.0, float("nan")]),
             "c": torch.tensor([1, 2])}
    assert E.non_finite(state) == ["b"]


def test_missing_base_model_says_what_to_do(trained_adapter: Path, tmp_path: Path) -> None:
    import shutil

    moved = tmp_path / "a"
    shutil.copytree(trained_adapter, moved)
    cfg = json.loads((moved / "adapter_config.json").read_text())
    cfg["base_model_name_or_path"] = str(tmp_path / "nowhere")
    (moved / "adapter_config.json").write_text(json.dumps(cfg))
    with pytest.raises(ClinAssistError, match="--model"):
        E.package_adapter(moved, tmp_path / "out")


def test_assistant_backend_applies_the_packaged_adapter(tiny_llm_dir: Path, trained_adapter: Path,
                                                        tmp_path: Path, settings_tmp) -> None:
    """Settings.adapter_path -> the lead's LocalBackend gives the adapter's logits."""
    from assistant.llm.local import LocalBackend

    out = E.package_adapter(trained_adapter, tmp_path / "pkg")
    backend = LocalBackend.from_path(tiny_llm_dir, settings_tmp, adapter_path=out)
    ids = torch.tensor([[1, 520, 9531, 198, 67, 4093, 2]])
    want = _logits(E.load_with_adapter(tiny_llm_dir, out), ids)
    assert torch.allclose(_logits(backend.model, ids), want, atol=1e-4)
