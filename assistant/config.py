"""One settings tree for the whole project, and its one loader.

Precedence (lowest to highest): built-in defaults < YAML files < ``CLINASSIST_*`` environment
variables < CLI flags and ``--set`` overrides. Unknown keys are rejected everywhere, so a typo
never silently falls back to a default.

The tree: the assistant's own settings at the top (backend, model paths, ``generation``,
``openai``, ...) and one section per part, each a model of ``assistant.config_sections``:

- ``literature``: the literature pipeline (``python -m assistant.literature``);
- ``index``: building and searching the literature index (``python -m index.build``);
- ``app``: the chat UI's server, login, audit and limits (``python -m assistant.app``);
- ``train``: LoRA fine-tuning (``python -m finetune.train``);
- ``triage``: the care setting and the LLM narrative of triage (``python -m assistant.triage``).

YAML files: ``--config FILE`` (or ``$CLINASSIST_CONFIG``) holds any part of the tree; the
older per-part files (``--lit-config``, ``--index-config``, ``--app-config``) hold one
section and are read as that section, after ``--config``. Environment variables map onto
fields with ``__`` for nesting, e.g. ``CLINASSIST_BACKEND=openai``,
``CLINASSIST_GENERATION__MAX_NEW_TOKENS=256``, ``CLINASSIST_LITERATURE__K=20``. Overrides use
dotted keys: ``--set literature.k=20``, ``--set index.search.rrf_k=30``, ``--set app.port=8080``.

    python -m assistant.config show [--config FILE] [--set KEY=VALUE ...] [SECTION]

prints the resolved tree as YAML, each field with its help, type and default.
"""

from __future__ import annotations

if __name__ == "__main__":
    # ``python -m assistant.config``: run the importable module's main() instead of defining
    # every model a second time in ``__main__`` (pydantic reads field docstrings from source).
    from assistant.cli import run_cli
    from assistant.config import main as _main

    run_cli(_main)

import argparse
import os
import textwrap
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

from assistant.config_sections import (
    AppConfig,
    DataConfig,
    HNSWConfig,
    IndexConfig,
    IVFPQConfig,
    LiteratureConfig,
    LLMConfig,
    LoraConfig,
    SearchConfig,
    TrainConfig,
    TriageConfig,
    _Strict,
    llm_policy,
)
from assistant.errors import ConfigError

__all__ = [
    "AppConfig", "DataConfig", "GenerationSettings", "HNSWConfig", "IVFPQConfig", "IndexConfig",
    "LLMConfig", "LiteratureConfig", "LoraConfig", "OpenAISettings", "SECTIONS", "SearchConfig", "Settings",
    "TrainConfig", "TriageConfig", "apply_overrides", "deep_merge", "load_settings", "main", "parse_overrides",
]

ENV_PREFIX = "CLINASSIST_"
REPO_ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("literature", "index", "app", "train", "triage", "llm")
"""The per-part sections of ``Settings``."""


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "clinassist"


class GenerationSettings(_Strict):
    """Limits for text generation."""

    max_new_tokens: int = Field(384, ge=1, le=32768)
    """Most tokens generated for a free-text answer."""
    json_max_new_tokens: int = Field(512, ge=16, le=32768)
    """Most tokens generated for a structured (JSON) answer."""
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    """Sampling temperature; 0 decodes greedily (deterministic)."""
    top_p: float = Field(1.0, gt=0.0, le=1.0)
    """Nucleus sampling share (with temperature > 0)."""
    repetition_penalty: float = Field(1.05, ge=1.0, le=2.0)
    """Penalty on repeated tokens (local backend)."""
    batch_size: int = Field(8, ge=1, le=1024)
    """Prompts generated together in batch runs."""
    max_input_tokens: int = Field(6144, ge=128, le=1_000_000)
    """Longer prompts are refused (the note is too long for the model)."""


class OpenAISettings(_Strict):
    """An OpenAI-compatible server (vLLM, TGI, llama.cpp server, Ollama)."""

    base_url: str = "http://127.0.0.1:8000/v1"
    """The server's API root."""
    model: str = "default"
    """The model name the server serves (vLLM: --served-model-name)."""
    api_key_env: str = "OPENAI_API_KEY"
    """Environment variable holding the API key (never put the key itself in a file)."""
    timeout_s: float = Field(60.0, gt=0)
    """Seconds to wait for one response."""
    max_retries: int = Field(3, ge=0, le=10)
    """Retries of a failed request (with back-off)."""
    json_mode: Literal["response_format", "guided_json"] = "response_format"
    """How JSON output is requested: vLLM takes guided JSON in the request body, plain OpenAI
    servers take response_format."""


class Settings(_Strict):
    """Everything the project can be configured with."""

    backend: Literal["local", "openai"] = "local"
    """LLM backend: local (transformers in this process) or openai (a compatible server)."""
    model_path: Path | None = None
    """A local HF model folder (safetensors); None means the embedded SmolLM2-135M-Instruct."""
    adapter_path: Path | None = None
    """A peft LoRA adapter folder to apply on top of the model."""
    embedding_model_path: Path | None = None
    """A sentence-transformers folder; None means the embedded all-MiniLM-L6-v2."""
    index_dir: Path | None = None
    """Literature index; None means ``cache_dir/index/pubmedqa`` built from the bundled corpus."""
    device: Literal["auto", "cpu", "cuda", "mps"] = "auto"
    """Where local models run; auto picks CUDA, then MPS, then CPU."""
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    """Weights dtype of the local LLM; auto: bfloat16 on a capable GPU, else float32."""
    generation: GenerationSettings = Field(default_factory=GenerationSettings)
    """Text generation limits."""
    openai: OpenAISettings = Field(default_factory=OpenAISettings)
    """The OpenAI-compatible server (with backend openai)."""
    data_dir: Path = REPO_ROOT / "data"
    """Bundled data (PubMedQA corpus, vocabularies)."""
    cache_dir: Path = Field(default_factory=_default_cache_dir)
    """Converted models, the default index and the audit log ($XDG_CACHE_HOME/clinassist)."""
    max_note_chars: int = Field(200_000, ge=1000)
    """Longer notes are refused."""
    use_llm: bool = True
    """False runs the deterministic rules only (extraction, triage reasons, literature)."""
    literature: LiteratureConfig = Field(default_factory=LiteratureConfig)
    """The literature pipeline (python -m assistant.literature)."""
    index: IndexConfig = Field(default_factory=IndexConfig)
    """Literature index build and search (python -m index.build, index.search)."""
    app: AppConfig = Field(default_factory=AppConfig)
    """The chat UI (python -m assistant.app)."""
    train: TrainConfig = Field(default_factory=TrainConfig)
    """LoRA fine-tuning (python -m finetune.train)."""
    triage: TriageConfig = Field(default_factory=TriageConfig)
    """Triage care setting and LLM narrative (python -m assistant.triage)."""
    llm: LLMConfig = Field(default_factory=LLMConfig)
    """Local inference engine and per-task LLM policy (issue 17)."""

    def llm_for(self, task: str) -> bool:
        """Whether the LLM is used for ``task`` (see ``assistant.llm.policy``)."""
        return llm_policy(self, task)

    @property
    def resolved_index_dir(self) -> Path:
        """``index_dir``, else the default index under ``cache_dir``."""
        return self.index_dir or self.cache_dir / "index" / "pubmedqa"

    @model_validator(mode="after")
    def _backend_fits_model(self) -> Settings:
        if self.backend == "openai" and self.adapter_path is not None:
            raise ValueError("adapter_path is set with backend openai: an adapter applies to a "
                             "local model; with backend openai serve the adapter in the server "
                             "(vLLM --lora-modules) or use --backend local")
        if self.backend == "openai" and self.model_path is not None:
            raise ValueError("model_path is set with backend openai: the server names its model "
                             "in openai.model (--set openai.model=NAME); drop model_path or use "
                             "--backend local")
        return self


# ------------------------------------------------------------------------------- loading
def set_dotted(target: dict[str, Any], dotted: str, value: Any) -> None:
    """Set ``target["a"]["b"] = value`` for ``dotted="a.b"``, creating the sections."""
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
_NOT_SETTINGS = frozenset({"CONFIG", "AUTH", "EVAL_DATA", "MEDQA_SET", "MEDQA_METHOD",
                           "EXTREAL_FORM", "EXTREAL_SET"})


def _env_overrides(environ: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, raw in environ.items():
        if not key.startswith(ENV_PREFIX) or key[len(ENV_PREFIX):] in _NOT_SETTINGS:
            continue
        dotted = key[len(ENV_PREFIX):].lower().replace("__", ".")
        set_dotted(out, dotted, yaml.safe_load(raw) if raw.strip() else None)
    return out


def deep_merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``over`` merged in, section by section (``over`` wins)."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


_deep_merge = deep_merge  # the earlier private name


def parse_overrides(pairs: list[str], prefix: str = "") -> dict[str, Any]:
    """Turn ``["generation.max_new_tokens=64", "backend=openai"]`` into a nested dict.

    ``prefix`` (e.g. ``"literature"``) puts every key under that section: ``k=20`` becomes
    ``literature.k=20``.
    """
    out: dict[str, Any] = {}
    for pair in pairs:
        if "=" not in pair:
            raise ConfigError(f"override {pair!r} must look like key=value (e.g. backend=openai)")
        key, raw = pair.split("=", 1)
        key = f"{prefix}.{key.strip()}" if prefix else key.strip()
        set_dotted(out, key, yaml.safe_load(raw) if raw.strip() else None)
    return out


def read_yaml_mapping(path: str | Path, what: str = "config file") -> dict[str, Any]:
    """The mapping in a YAML file; ConfigError when it is missing, invalid or not a mapping."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"{what} {p} does not exist")
    try:
        loaded = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{what} {p} is not valid YAML: {exc}") from exc
    if not isinstance(loaded, dict):
        raise ConfigError(f"{what} {p} must hold a mapping of settings")
    return loaded


def _problem(err: Any) -> str:
    loc = ".".join(str(x) for x in err["loc"])
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{loc}: {msg}" if loc else msg


def _section_hint(errors: list[Any]) -> str:
    """Say where top-level keys that belong to a section go (e.g. an old training file)."""
    misplaced: dict[str, list[str]] = {}
    for err in errors:
        if err["type"] == "extra_forbidden" and len(err["loc"]) == 1:
            key = str(err["loc"][0])
            owners = [s for s in SECTIONS
                      if key in type(getattr(Settings(), s)).model_fields]
            if owners:
                misplaced.setdefault(" / ".join(owners), []).append(key)
    hints = [f"{', '.join(keys)} belong{'s' if len(keys) == 1 else ''} to the {owners} section: "
             f"put {'it' if len(keys) == 1 else 'them'} under `{owners.split(' / ')[0]}:` or set "
             f"{owners.split(' / ')[0]}.{keys[0]}=..." for owners, keys in misplaced.items()]
    return "; " + "; ".join(hints) if hints else ""


def _validate(data: Mapping[str, Any]) -> Settings:
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_problem(err) for err in exc.errors())
        raise ConfigError(f"invalid settings ({problems}){_section_hint(exc.errors())}") from exc


def load_settings(
    path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    section_files: Mapping[str, str | Path | None] | None = None,
) -> Settings:
    """The one loader: defaults < YAML < ``CLINASSIST_*`` variables < ``overrides``.

    ``path`` defaults to ``$CLINASSIST_CONFIG`` when set. ``section_files`` maps a section name
    to a YAML file holding only that section (``{"literature": "lit.yaml"}``); these are read
    after ``path``, still below the environment. ``overrides`` is a nested dict (see
    ``parse_overrides``). Raises ``ConfigError`` naming the offending key on unknown keys,
    invalid values or inconsistent combinations.
    """
    env = os.environ if environ is None else environ
    path = path or env.get(ENV_PREFIX + "CONFIG")
    data: dict[str, Any] = read_yaml_mapping(path) if path else {}
    for section, file in (section_files or {}).items():
        if section not in SECTIONS:
            raise ConfigError(f"unknown settings section {section!r}; one of {', '.join(SECTIONS)}")
        if file:
            data = deep_merge(data, {section: read_yaml_mapping(file, f"{section} config file")})
    data = deep_merge(data, _env_overrides(env))
    data = deep_merge(data, dict(overrides or {}))
    return _validate(data)


def apply_overrides(settings: Settings, overrides: Mapping[str, Any]) -> Settings:
    """``settings`` with ``overrides`` (a nested dict) on top, validated like ``load_settings``.

    Fields that were never set keep counting as unset (``model_fields_set``).
    """
    if not overrides:
        return settings
    return _validate(deep_merge(settings.model_dump(exclude_unset=True), overrides))


# ---------------------------------------------------------------------------------- show
def _type_name(tp: Any) -> str:
    origin = get_origin(tp)
    if origin is Literal:
        return " | ".join(str(a) for a in get_args(tp))
    if origin in (Union, types.UnionType):
        return " | ".join(_type_name(a) for a in get_args(tp))
    if origin is list:
        return f"list[{_type_name(get_args(tp)[0])}]"
    if tp is type(None):
        return "null"
    if tp is Path:
        return "path"
    return getattr(tp, "__name__", str(tp))


def _yaml_scalar(value: Any) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, width=10**6, allow_unicode=True).strip()
    return text.removesuffix("\n...").strip()


def _comment(text: str, pad: str) -> list[str]:
    text = " ".join(text.split())
    return [f"{pad}# {line}" for line in textwrap.wrap(text, 96 - len(pad))]


def render(model: BaseModel, indent: int = 0) -> list[str]:
    """YAML lines for ``model``: each field's help as a comment, then ``name: value`` with its
    type and default (``*`` marks a value that differs from the default). Loadable as is."""
    pad = " " * indent
    values = model.model_dump(mode="json")
    defaults = type(model)().model_dump(mode="json")
    lines: list[str] = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        lines += _comment(info.description or "", pad)
        if isinstance(value, BaseModel):
            lines.append(f"{pad}{name}:")
            lines += render(value, indent + 2)
            continue
        mark = "*" if values[name] != defaults[name] else ""
        lines.append(f"{pad}{name}: {_yaml_scalar(values[name])}  "
                     f"#{mark} {_type_name(info.annotation)}; default {_yaml_scalar(defaults[name])}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """``python -m assistant.config show``: print the resolved settings tree."""
    from assistant.cli import add_settings_args, settings_from_args

    parser = argparse.ArgumentParser(prog="python -m assistant.config",
                                     description="Inspect the resolved settings.")
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser(
        "show", help="print the resolved settings with each field's help, type and default",
        description="Print the resolved settings tree (defaults < YAML < CLINASSIST_* "
                    "environment < flags) as YAML: each field's help as a comment, its value, "
                    "type and default; '#*' marks values that differ from the default.")
    show.add_argument("section", nargs="?",
                      help="only this part of the tree, e.g. literature or index.search")
    add_settings_args(show)
    args = parser.parse_args(argv)
    node: BaseModel = settings_from_args(args)
    if args.section:
        for part in args.section.split("."):
            child = getattr(node, part, None) if part in type(node).model_fields else None
            if not isinstance(child, BaseModel):
                raise ConfigError(f"{args.section!r} is not a section of the settings; one of "
                                  f"{', '.join(SECTIONS)}, generation, openai (or a sub-section "
                                  "such as index.search)")
            node = child
    print("\n".join(render(node)))
    return 0
