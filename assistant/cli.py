"""Shared CLI plumbing: settings flags, one-line errors, logging that never carries note text."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable

from assistant.config import Settings, load_settings, parse_overrides
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


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Build Settings from the shared flags (CLI overrides beat env beat YAML)."""
    overrides = parse_overrides(list(args.overrides or []))
    for name in ("backend", "model_path", "adapter_path", "device"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    if getattr(args, "no_llm", False):
        overrides["use_llm"] = False
    return load_settings(args.config, overrides)


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
