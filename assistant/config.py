"""One settings object for the whole assistant.

Precedence (lowest to highest): built-in defaults < YAML file < ``CLINASSIST_*`` environment
variables < CLI overrides. Unknown keys are rejected everywhere, so a typo never silently
falls back to a default.

Environment variables map onto fields with ``__`` for nesting, e.g.
``CLINASSIST_BACKEND=openai``, ``CLINASSIST_GENERATION__MAX_NEW_TOKENS=256``,
``CLINASSIST_OPENAI__BASE_URL=http://127.0.0.1:8000/v1``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import ConfigError

ENV_PREFIX = "CLINASSIST_"
REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "clinassist"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class GenerationSettings(_Strict):
    """Limits for text generation."""

    max_new_tokens: int = Field(384, ge=1, le=32768)
    json_max_new_tokens: int = Field(512, ge=16, le=32768)
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    top_p: float = Field(1.0, gt=0.0, le=1.0)
    repetition_penalty: float = Field(1.05, ge=1.0, le=2.0)
    batch_size: int = Field(8, ge=1, le=1024)
    max_input_tokens: int = Field(6144, ge=128, le=1_000_000)


class OpenAISettings(_Strict):
    """An OpenAI-compatible server (vLLM, TGI, llama.cpp server, Ollama)."""

    base_url: str = "http://127.0.0.1:8000/v1"
    model: str = "default"
    api_key_env: str = "OPENAI_API_KEY"
    timeout_s: float = Field(60.0, gt=0)
    max_retries: int = Field(3, ge=0, le=10)
    # vLLM takes guided JSON in the request body; plain OpenAI servers take response_format.
    json_mode: Literal["response_format", "guided_json"] = "response_format"


class Settings(_Strict):
    """Everything the assistant can be configured with."""

    backend: Literal["local", "openai"] = "local"
    model_path: Path | None = None
    """A local HF model folder (safetensors); None means the embedded SmolLM2-135M-Instruct."""
    adapter_path: Path | None = None
    """A peft LoRA adapter folder to apply on top of the model."""
    embedding_model_path: Path | None = None
    """A sentence-transformers folder; None means the embedded all-MiniLM-L6-v2."""
    index_dir: Path | None = None
    """Literature index; None means ``cache_dir/index/pubmedqa`` built from the bundled corpus."""
    device: Literal["auto", "cpu", "cuda", "mps"] = "auto"
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    generation: GenerationSettings = Field(default_factory=GenerationSettings)
    openai: OpenAISettings = Field(default_factory=OpenAISettings)
    data_dir: Path = REPO_ROOT / "data"
    cache_dir: Path = Field(default_factory=_default_cache_dir)
    max_note_chars: int = Field(200_000, ge=1000)
    use_llm: bool = True
    """False runs the deterministic rules only (extraction, triage reasons, literature)."""

    @property
    def resolved_index_dir(self) -> Path:
        return self.index_dir or self.cache_dir / "index" / "pubmedqa"


def _set_dotted(target: dict[str, Any], dotted: str, value: Any) -> None:
    parts = [p for p in dotted.split(".") if p]
    if not parts:
        raise ConfigError(f"empty setting name in override {dotted!r}")
    node = target
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise ConfigError(f"cannot set {dotted!r}: {part!r} is not a section")
        node = child
    node[parts[-1]] = value


# CLINASSIST_* variables read by other parts (the config file path, the app's login file, eval
# data locations); everything else under the prefix must be a setting, so typos still fail.
_NOT_SETTINGS = frozenset({"CONFIG", "AUTH", "EVAL_DATA", "MEDQA_SET", "MEDQA_METHOD"})


def _env_overrides(environ: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, raw in environ.items():
        if not key.startswith(ENV_PREFIX) or key[len(ENV_PREFIX):] in _NOT_SETTINGS:
            continue
        dotted = key[len(ENV_PREFIX):].lower().replace("__", ".")
        _set_dotted(out, dotted, yaml.safe_load(raw) if raw.strip() else None)
    return out


def _deep_merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def parse_overrides(pairs: list[str]) -> dict[str, Any]:
    """Turn ``["generation.max_new_tokens=64", "backend=openai"]`` into a nested dict."""
    out: dict[str, Any] = {}
    for pair in pairs:
        if "=" not in pair:
            raise ConfigError(f"override {pair!r} must look like key=value (e.g. backend=openai)")
        key, raw = pair.split("=", 1)
        _set_dotted(out, key.strip(), yaml.safe_load(raw) if raw.strip() else None)
    return out


def load_settings(
    path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build the settings from a YAML file, ``CLINASSIST_*`` variables and overrides.

    ``path`` defaults to ``$CLINASSIST_CONFIG`` when set. Raises ``ConfigError`` naming the
    offending key on unknown keys or invalid values.
    """
    env = os.environ if environ is None else environ
    path = path or env.get(ENV_PREFIX + "CONFIG")
    data: dict[str, Any] = {}
    if path:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"config file {p} does not exist")
        try:
            loaded = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"config file {p} is not valid YAML: {exc}") from exc
        if not isinstance(loaded, dict):
            raise ConfigError(f"config file {p} must hold a mapping of settings")
        data = loaded
    data = _deep_merge(data, _env_overrides(env))
    data = _deep_merge(data, dict(overrides or {}))
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid settings ({problems})") from exc
