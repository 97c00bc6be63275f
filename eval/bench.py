"""Performance benchmarks: ``python -m eval.bench NAME [args]`` runs ``eval/bench_<NAME>.py``.

    python -m eval.bench list                      # the benchmarks there are
    python -m eval.bench llm --new-tokens 64       # LLM tokens/s per engine, side by side, bound
    python -m eval.bench cold                      # import/load time per component, CLI + app start
    python -m eval.bench chat                      # chat end-to-end latency per route
    python -m eval.bench extract / index           # extraction notes/s, index build and query
    python -m eval.bench triage                    # batch triage cases/s (KTAS, defaults)
    python -m eval.bench ray                       # notes/s: local engine vs Ray 1 and 2 workers
    python -m eval.bench ray --embed               # index embedding vectors/s: local vs Ray actors

Each module defines ``run(args: list[str]) -> dict`` (prints its figures, returns JSON-able
results). This dispatcher prints the machine description first and writes
``{"bench", "created_at", "argv", "machine", "results"}`` to ``--out FILE`` or
``runs/bench/<NAME>-<UTC time>.json`` (unless the benchmark itself wrote ``--out`` already).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path
from typing import Any

from assistant.cli import run_cli, setup_logging
from assistant.errors import InputError
from eval.common import describe_machine, utc_now
from eval.report import write_json

__all__ = ["available", "dispatch", "format_machine", "load_bench"]

BENCH_DIR = Path(__file__).resolve().parent


def available() -> list[str]:
    """Names of the benchmarks present (``eval/bench_<name>.py``)."""
    return sorted(p.stem.removeprefix("bench_") for p in BENCH_DIR.glob("bench_*.py"))


def load_bench(name: str) -> Any:
    """Import ``eval.bench_<name>``; InputError naming the choices when there is none."""
    if not name.isidentifier() or name not in available():
        raise InputError(f"no benchmark {name!r}; choose one of: {', '.join(available())}")
    module = importlib.import_module(f"eval.bench_{name}")
    if not callable(getattr(module, "run", None)):
        raise InputError(f"eval/bench_{name}.py has no run(args) function")
    return module


def _out_arg(args: list[str]) -> Path | None:
    """The value of ``--out`` in the benchmark's own args, without consuming it."""
    peek = argparse.ArgumentParser(add_help=False)
    peek.add_argument("--out", type=Path)
    known, _ = peek.parse_known_args(args)
    return known.out


def format_machine(machine: dict[str, Any]) -> str:
    """One line: CPU model, cores, RAM, torch version, device."""
    return (f"machine: {machine.get('cpu_model')}, {machine.get('cpu_count')} cores, "
            f"{machine.get('ram_gb')} GB RAM, python {machine.get('python')}, "
            f"torch {machine.get('torch')} ({machine.get('torch_threads')} threads), "
            f"device {machine.get('device')}, load {machine.get('loadavg_1m')}")


def dispatch(name: str, args: list[str]) -> tuple[dict[str, Any], Path]:
    """Run benchmark ``name`` with ``args``; write and return (record, path of the JSON)."""
    module = load_bench(name)
    machine = describe_machine()
    print(format_machine(machine), flush=True)
    out = _out_arg(args)
    started = time.time()
    results = module.run(list(args))
    record = {"bench": name, "created_at": utc_now(), "argv": list(args), "machine": machine,
              "results": results}
    if out is None:
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        out = Path("runs/bench") / f"{name}-{stamp}.json"
    if not (out.is_file() and out.stat().st_mtime >= started):  # the bench may write its own
        write_json(out, record)
    return record, out


def main() -> int:
    """CLI entry point."""
    argv = sys.argv[1:]
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        print("benchmarks:", ", ".join(available()))
        return 0 if argv else 2
    setup_logging("-v" in argv or "--verbose" in argv)
    if argv[0] == "list":
        print("\n".join(available()))
        return 0
    _, out = dispatch(argv[0], argv[1:])
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    run_cli(main)

