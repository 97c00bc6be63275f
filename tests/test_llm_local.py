"""Local backend on a tiny random llama: generation, batching, streaming, constrained JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel

from assistant.config import Settings
from assistant.errors import InputError, StructuredOutputError
from assistant.llm import GenerationParams
from assistant.llm.local import LocalBackend


class Drug(BaseModel):
    name: str
    route: Literal["PO", "IV", "SC"]
    doses: list[int]


class DrugList(BaseModel):
    drugs: list[Drug]
    urgent: bool


@pytest.fixture(scope="module")
def backend(tiny_llm_dir: Path) -> LocalBackend:
    settings = Settings(device="cpu", generation={"max_new_tokens": 12, "batch_size": 2,
                                                  "json_max_new_tokens": 160})
    return LocalBackend.from_path(tiny_llm_dir, settings)


MSG = [{"role": "user", "content": "Summarise: BP 150/90, on amlodipine."}]


def test_greedy_generation_is_deterministic(backend: LocalBackend) -> None:
    a = backend.generate(MSG)
    b = backend.generate(MSG)
    assert a == b
    n = len(backend.tokenizer(a, add_special_tokens=False)["input_ids"])
    assert 0 < n <= 12 + 2  # bounded by max_new_tokens (re-tokenisation may merge/split)


def test_batch_matches_single_and_keeps_order(backend: LocalBackend) -> None:
    other = [{"role": "user", "content": "Hi"}]
    longer = [{"role": "user", "content": "A much longer request " * 8}]
    singles = [backend.generate(m) for m in (MSG, other, longer)]
    assert backend.generate_batch([MSG, other, longer]) == singles  # left padding is exact


def test_stream_concatenates_to_generate(backend: LocalBackend) -> None:
    pieces = list(backend.stream(MSG))
    assert len(pieces) >= 1
    assert "".join(pieces) == backend.generate(MSG)


def test_stop_strings_are_removed(backend: LocalBackend) -> None:
    full = backend.generate(MSG, GenerationParams(max_new_tokens=12))
    if len(full) < 4:
        pytest.skip("random model produced too little text to cut")
    stop = full[2:4]
    cut = backend.generate(MSG, GenerationParams(max_new_tokens=12, stop=(stop,)))
    assert stop not in cut and full.startswith(cut)


def test_constrained_json_always_parses(backend: LocalBackend) -> None:
    # A random model left alone would emit garbage; the grammar forces schema-valid JSON.
    prompts = [[{"role": "user", "content": f"note {i}: metformin 500 mg PO BID"}]
               for i in range(4)]
    results = backend.generate_json_batch(prompts, DrugList,
                                          GenerationParams(max_new_tokens=400))
    parsed = [r for r in results if isinstance(r, DrugList)]
    cut = [r for r in results if isinstance(r, StructuredOutputError)]
    assert len(parsed) + len(cut) == 4
    assert parsed, "no output completed within the budget"
    for r in parsed:
        assert all(d.route in {"PO", "IV", "SC"} for d in r.drugs)
    for err in cut:  # only a budget cut-off may fail, never a schema violation
        assert "not valid JSON" in str(err)


def test_json_cut_by_budget_is_a_typed_error(backend: LocalBackend) -> None:
    with pytest.raises(StructuredOutputError) as err:
        backend.generate_json(MSG, DrugList, GenerationParams(max_new_tokens=3))
    assert err.value.raw  # the raw text is kept for debugging
    with pytest.raises(json.JSONDecodeError):
        json.loads(err.value.raw)


def test_prompt_over_input_limit_is_rejected(tiny_llm_dir: Path) -> None:
    small = LocalBackend.from_path(tiny_llm_dir, Settings(device="cpu", generation={
        "max_input_tokens": 128}))
    with pytest.raises(InputError, match="max_input_tokens=128"):
        small.generate([{"role": "user", "content": "word " * 400}])


def test_describe(backend: LocalBackend) -> None:
    d = backend.describe()
    assert d["backend"] == "local" and d["device"] == "cpu" and d["adapter"] is None
    assert d["dtype"] == "torch.float32"


def test_adapter_applies_on_load(tiny_llm_dir: Path, tmp_path: Path) -> None:
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    base = AutoModelForCausalLM.from_pretrained(tiny_llm_dir)
    peft_model = get_peft_model(base, LoraConfig(r=2, lora_alpha=4, target_modules=["q_proj"],
                                                 init_lora_weights=False))
    peft_model.save_pretrained(tmp_path / "adapter")
    settings = Settings(device="cpu")
    plain = LocalBackend.from_path(tiny_llm_dir, settings)
    adapted = LocalBackend.from_path(tiny_llm_dir, settings, adapter_path=tmp_path / "adapter")
    ids = torch.tensor([[1, 2, 3, 4]])
    with torch.no_grad():
        want = peft_model(ids).logits
        got = adapted.model(ids).logits
        base_logits = plain.model(ids).logits
    assert torch.allclose(got, want, atol=1e-4)
    assert not torch.allclose(got, base_logits, atol=1e-4)
    assert adapted.describe()["adapter"] == str(tmp_path / "adapter")
