"""Shared CLI plumbing: settings flags, one-line errors, logging that never carries note text."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from assistant.config import Settings, deep_merge, load_settings, parse_overrides, set_dotted
from assistant.errors import ClinAssistError


def add_settings_args(parser: argparse.ArgumentParser) -> None:
    """Flags every command shares: a YAML config, ``--set key=value`` and common shortcuts."""
    g = parser.add_argument_group("settings")
    g.add_argument("--config", help="YAML settings file (default: $CLINASSIST_CONFIG)")
    g.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="override a setting, e.g. --set generation.max_new_tokens=128 (repeatable)")
    g.add_argument("--backend", choices=["local", "openai"], help="LLM backend")
    g.add_argument("--model", dest="model_path", help="local HF model folder (default: embedded)")
    g.add_argument("--adapter", dest="adapter_path", help="peft LoRA adapter folder")
    g.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"])
    g.add_argument("--no-llm", dest="no_llm", action="store_true",
                   help="deterministic rules only (no language model)")
    g.add_argument("-v", "--verbose", action="store_true", help="log at INFO level")


def flag_overrides(args: argparse.Namespace, flags: Mapping[str, str]) -> dict[str, Any]:
    """Nested overrides from a command's own flags: ``flags`` maps an argparse dest to a dotted
    setting (``{"port": "app.port"}``); flags left at None are skipped."""
    out: dict[str, Any] = {}
    for dest, dotted in flags.items():
        value = getattr(args, dest, None)
        if value is not None:
            set_dotted(out, dotted, str(value) if isinstance(value, Path) else value)
    return out


def settings_from_args(args: argparse.Namespace, *,
                       section_files: Mapping[str, str | Path | None] | None = None,
                       extra: Mapping[str, Any] | None = None) -> Settings:
    """Build Settings from the shared flags with the one loader.

    Precedence: defaults < ``--config`` < ``section_files`` (per-part YAML files such as
    ``--lit-config``, read as their section) < ``CLINASSIST_*`` < ``--set`` < ``extra`` (nested
    overrides from a command's own flags, e.g. ``--lit k=20``) < the shortcuts ``--backend``,
    ``--model``, ``--adapter``, ``--device``, ``--no-llm``.
    """
    overrides = deep_merge(parse_overrides(list(getattr(args, "overrides", None) or [])),
                            extra or {})
    for name in ("backend", "model_path", "adapter_path", "device"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    if getattr(args, "no_llm", False):
        overrides["use_llm"] = False
    return load_settings(getattr(args, "config", None), overrides, section_files=section_files)


def setup_logging(verbose: bool = False) -> None:
    """Log to stderr; quiet the chatty libraries (medspaCy's PyRuSH logs at DEBUG via loguru)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for noisy in ("httpx", "urllib3", "transformers", "sentence_transformers", "faiss", "PyRuSH"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        from loguru import logger as _loguru

        _loguru.remove()
        _loguru.add(sys.stderr, level="WARNING")
    except ImportError:
        pass


def run_cli(main: Callable[[], int | None]) -> None:
    """Run ``main`` and turn project errors into a one-line reason and exit status 2."""
    try:
        code = main()
    except ClinAssistError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("interrupted; rerun with --resume to continue", file=sys.stderr)
        sys.exit(130)
    sys.exit(code or 0)
