"""Shared fixtures: isolated settings and a tiny randomly-initialised llama for fast tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from assistant.config import Settings, load_settings  # noqa: E402

TINY_SEED = 1234


@pytest.fixture
def settings_tmp(tmp_path: Path) -> Settings:
    """Settings with cache and index under the test's tmp dir (never the user's cache)."""
    return load_settings(None, {"cache_dir": str(tmp_path / "cache"), "device": "cpu"},
                         environ={})


def _real_tokenizer():
    """The embedded SmolLM2 tokenizer: from the converted cache when present, else the GGUF."""
    from transformers import AutoTokenizer

    from assistant.models import LLM_CACHE_NAME, _cache_complete, embedded_llm_gguf

    cache = load_settings(None, environ={}).cache_dir / "models" / LLM_CACHE_NAME
    if _cache_complete(cache):
        return AutoTokenizer.from_pretrained(cache)
    gguf = embedded_llm_gguf()
    return AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)


def build_tiny_llama(out: Path, *, seed: int = TINY_SEED, **config: object) -> Path:
    """Save a tiny random llama with the real SmolLM2 tokenizer into ``out``.

    ``config`` overrides the small default shape (e.g. wider weights, another RoPE base).
    """
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    tok = _real_tokenizer()
    params: dict[str, object] = dict(
        vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=4096,
        bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id,
        pad_token_id=tok.eos_token_id, tie_word_embeddings=True)
    params.update(config)
    llama_config = LlamaConfig(**params)
    torch.manual_seed(seed)
    LlamaForCausalLM(llama_config).save_pretrained(out, safe_serialization=True)
    tok.save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def tiny_llm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a tiny random llama (safetensors) and the real SmolLM2 tokenizer.

    Real tokenizer + chat template, so prompts, batching and grammars behave as in production;
    random weights, so it loads in milliseconds. Seeded: outputs are deterministic.
    """
    return build_tiny_llama(tmp_path_factory.mktemp("tiny-llm"))


@pytest.fixture(scope="module")
def ray_local():
    """One local Ray with 2 CPUs for a test module (start-up ~10 s, paid once per module);
    the Ray tests of batch jobs and of the index build share it."""
    import ray

    from assistant.batch import worker_runtime_env

    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING",
             runtime_env=worker_runtime_env(local=True))
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def extractor():
    """A rules-only extractor, one per test module (the extraction class tests share it)."""
    from assistant.extract.pipeline import Extractor

    return Extractor(Settings(use_llm=False))


@pytest.fixture(scope="module")
def triager():
    """A rules-only triager, one per test module (the triage class tests share it)."""
    from assistant.triage import Triager

    return Triager(load_settings(None, {"use_llm": False}, environ={}))


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random sentence-transformers model (16-d, seed 1), one per test module, for the
    index tests that embed real text without loading MiniLM."""
    from test_index_build import _tiny_st_model

    return _tiny_st_model(tmp_path_factory.mktemp("tiny-st"), 16, 1)
