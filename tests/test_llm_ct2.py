"""CTranslate2 backend on a tiny random llama: conversion, cache reuse, greedy output equal to
transformers, streaming, stop strings, and JSON through transformers + xgrammar."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from assistant.config import Settings
from assistant.llm import GenerationParams, ct2_convert, local_engine
from assistant.llm.ct2 import CT2Backend
from assistant.llm.local import LocalBackend

MSG = [{"role": "user", "content": "Summarise: BP 150/90, on amlodipine."}]


def _settings(tmp: Path, **llm: object) -> Settings:
    # No repetition penalty: the two engines then decode the same greedy argmax.
    return Settings(device="cpu", cache_dir=tmp, llm=llm,
                    generation={"max_new_tokens": 12, "repetition_penalty": 1.0,
                                "json_max_new_tokens": 160, "batch_size": 2})


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random llama with the real SmolLM2 tokenizer, built here. Weights drawn wider
    than the shared fixture's (std 0.5) so greedy output varies token to token, and a RoPE
    base that is not the default, so a converter reading the wrong base would diverge."""
    from conftest import build_tiny_llama  # same folder (pytest puts it on sys.path)

    return build_tiny_llama(tmp_path_factory.mktemp("tiny-ct2"), seed=7, hidden_size=64,
                            intermediate_size=128, initializer_range=0.5, rope_theta=50000.0)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ct2-cache")


@pytest.fixture(scope="module")
def fp32(tiny_dir: Path, cache: Path) -> CT2Backend:
    return CT2Backend.from_path(tiny_dir, _settings(cache, ct2_compute_type="float32"))


@pytest.fixture(scope="module")
def int8(tiny_dir: Path, cache: Path) -> CT2Backend:
    return CT2Backend.from_path(tiny_dir, _settings(cache))


@pytest.fixture(scope="module")
def torch_backend(tiny_dir: Path, cache: Path) -> LocalBackend:
    return LocalBackend.from_path(tiny_dir, _settings(cache))


def test_fp32_greedy_output_equals_transformers(fp32: CT2Backend,
                                               torch_backend: LocalBackend) -> None:
    for msg in (MSG, [{"role": "user", "content": "Hi"}]):
        text = torch_backend.generate(msg)
        assert len(set(text.split())) >= 8  # varied text, not one repeated token
        assert fp32.generate(msg) == text


def test_int8_is_close_to_fp32(int8: CT2Backend, fp32: CT2Backend) -> None:
    a = int8.generate(MSG)
    assert a == int8.generate(MSG)  # greedy: deterministic
    # Random weights leave near-ties that int8 rounding can flip; the start must agree.
    assert a.split()[:3] == fp32.generate(MSG).split()[:3]
    assert int8.describe()["dtype"] == "int8" and int8.describe()["engine"] == "ct2"


def test_stream_and_batch_match_generate(int8: CT2Backend) -> None:
    other = [{"role": "user", "content": "Hi"}]
    single = [int8.generate(MSG), int8.generate(other)]
    assert int8.generate_batch([MSG, other]) == single
    pieces = list(int8.stream(MSG))
    assert len(pieces) > 1 and "".join(pieces) == single[0]


def test_stop_strings_are_removed(int8: CT2Backend) -> None:
    full = int8.generate(MSG)
    stop = full[3:5]
    assert len(stop) == 2
    cut = int8.generate(MSG, GenerationParams(stop=(stop,)))
    assert cut == full[:full.find(stop)]
    assert "".join(int8.stream(MSG, GenerationParams(stop=(stop,)))) == cut


def test_conversion_is_cached_and_atomic(tiny_dir: Path, cache: Path, int8: CT2Backend,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    first = ct2_convert.prepare_ct2(tiny_dir, cache, "int8")
    assert first == int8.ct2_path and ct2_convert.is_converted(first)
    assert first.parent == cache / "models" / "ct2"
    # A second call must not convert again.
    monkeypatch.setattr(ct2_convert, "convert_model",
                        lambda *a: pytest.fail("converted a cached model again"))
    assert ct2_convert.prepare_ct2(tiny_dir, cache, "int8") == first
    assert not [p for p in first.parent.iterdir() if ".tmp-" in p.name]
    # Another quantization is another cache entry.
    assert ct2_convert.ct2_cache_dir(tiny_dir, cache, "float32") != first


def test_failed_conversion_leaves_nothing(tiny_dir: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(model_dir: Path, out: Path, quantization: str) -> None:
        out.mkdir(parents=True)
        (out / "model.bin").write_bytes(b"half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(ct2_convert, "convert_model", broken)
    with pytest.raises(RuntimeError):
        ct2_convert.prepare_ct2(tiny_dir, tmp_path, "int8")
    assert list((tmp_path / "models" / "ct2").iterdir()) == []


class Vitals(BaseModel):
    systolic: int
    urgent: bool


def test_json_goes_through_the_grammar(int8: CT2Backend) -> None:
    out = int8.generate_json([{"role": "user", "content": "BP 150/90"}], Vitals,
                             GenerationParams(max_new_tokens=60))
    assert isinstance(out, Vitals)  # a random model only gets there through the grammar
    assert int8.describe()["json_engine"] == "transformers+xgrammar"
    assert int8.model is int8._json().model  # logits readers get the fp32 torch model


def test_engine_choice(tmp_path: Path) -> None:
    assert local_engine(_settings(tmp_path)) == "ct2"  # auto on the CPU
    assert local_engine(_settings(tmp_path, engine="transformers")) == "transformers"
    adapter = _settings(tmp_path).model_copy(update={"adapter_path": tmp_path})
    assert local_engine(adapter) == "transformers"  # peft merges on the torch path


def test_models_prepare_and_info_cover_the_ct2_cache(tiny_dir: Path, tmp_path: Path) -> None:
    from assistant import models

    s = Settings(device="cpu", cache_dir=tmp_path, model_path=tiny_dir)
    assert models.info(s)["llm_engine"] == {
        "engine": "ct2", "compute_type": "int8", "prepared": False,
        "cache": str(ct2_convert.ct2_cache_dir(tiny_dir, tmp_path, "int8"))}
    path = models.prepare_engine(s)
    assert ct2_convert.is_converted(path)
    assert models.info(s)["llm_engine"]["prepared"] is True
    transformers_only = s.model_copy(update={"llm": s.llm.model_copy(
        update={"engine": "transformers"})})
    assert models.prepare_engine(transformers_only) == tiny_dir


@pytest.mark.slow
def test_embedded_model_runs_on_ct2_by_default() -> None:
    from assistant.config import load_settings
    from assistant.llm import get_backend

    settings = load_settings(None, {"device": "cpu"}, environ={})
    backend = get_backend(settings)
    assert isinstance(backend, CT2Backend) and backend.describe()["dtype"] == "int8"
    msg = [{"role": "user", "content": "What does BP stand for in a clinical note?"}]
    text = backend.generate(msg, GenerationParams(max_new_tokens=24))
    assert len(text.split()) >= 5 and "<|im_end|>" not in text
    assert "".join(backend.stream(msg, GenerationParams(max_new_tokens=24))) == text
    out = backend.generate_json([{"role": "user", "content": "BP 150/90, urgent?"}], Vitals,
                                GenerationParams(max_new_tokens=40))
    assert isinstance(out, Vitals)


def test_auto_threads_one_for_small_models_all_cpus_for_big(tmp_path, monkeypatch):
    """A small model decodes fastest on one thread; a big one gets every CPU (ct2_threads 0)."""
    from assistant.llm import ct2

    monkeypatch.setattr(ct2, "_cpu_threads", lambda: 8)
    small, big = tmp_path / "small", tmp_path / "big"
    small.mkdir(), big.mkdir()
    (small / "model.bin").write_bytes(b"\0" * 1000)
    with open(big / "model.bin", "wb") as f:  # sparse: logical size over the threshold
        f.truncate(ct2.SMALL_MODEL_BYTES + 1)
    assert ct2.auto_threads(small) == 1
    assert ct2.auto_threads(big) == 8
