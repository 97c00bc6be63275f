"""Settings: YAML + environment + overrides, precedence, and rejection of unknown keys."""

from pathlib import Path

import pytest

from assistant.config import load_settings, parse_overrides
from assistant.errors import ConfigError


def test_defaults_are_local_embedded(tmp_path: Path) -> None:
    s = load_settings(None, {"cache_dir": str(tmp_path)}, environ={})
    assert s.backend == "local"
    assert s.model_path is None
    assert s.generation.temperature == 0.0
    assert s.resolved_index_dir == tmp_path / "index" / "pubmedqa"


def test_precedence_yaml_then_env_then_overrides(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("backend: openai\ngeneration:\n  max_new_tokens: 100\n  batch_size: 3\n")
    env = {"CLINASSIST_GENERATION__MAX_NEW_TOKENS": "200", "CLINASSIST_DEVICE": "cpu"}
    s = load_settings(cfg, parse_overrides(["generation.max_new_tokens=300"]), environ=env)
    assert s.backend == "openai"            # from YAML
    assert s.generation.batch_size == 3     # from YAML, untouched by others
    assert s.device == "cpu"                # from env
    assert s.generation.max_new_tokens == 300  # override beats env beats YAML


def test_config_path_from_env(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("use_llm: false\n")
    assert load_settings(None, environ={"CLINASSIST_CONFIG": str(cfg)}).use_llm is False


@pytest.mark.parametrize("text, needle", [
    ("backnd: local\n", "backnd"),
    ("generation:\n  max_tokens: 5\n", "generation.max_tokens"),
    ("backend: llama\n", "backend"),
    ("generation:\n  temperature: -1\n", "generation.temperature"),
])
def test_unknown_or_invalid_keys_are_rejected(tmp_path: Path, text: str, needle: str) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_settings(cfg, environ={})
    assert needle in str(err.value)


def test_unknown_env_key_rejected() -> None:
    with pytest.raises(ConfigError, match="modle_path"):
        load_settings(None, environ={"CLINASSIST_MODLE_PATH": "/x"})


def test_variables_of_other_parts_are_not_settings() -> None:
    env = {"CLINASSIST_AUTH": "dr:x", "CLINASSIST_EVAL_DATA": "/d", "CLINASSIST_MEDQA_SET": "dev",
           "CLINASSIST_MEDQA_METHOD": "lm", "CLINASSIST_DEVICE": "cpu"}
    assert load_settings(None, environ=env).device == "cpu"


def test_missing_file_and_bad_override() -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings("/nonexistent/c.yaml", environ={})
    with pytest.raises(ConfigError, match="key=value"):
        parse_overrides(["backend"])
    assert parse_overrides(["a.b=1", "c=x"]) == {"a": {"b": 1}, "c": "x"}
