"""Cold starts: import and load time of each component, each in a fresh process.

    python -m eval.bench cold [--repeats 1] [--skip app,llm] [--port 7899] [--out FILE]

Every measurement runs in its own ``python`` subprocess, so nothing is cached in memory
(the OS file cache stays warm, as on any second start of a machine). Reported per component:
``import_s`` (importing its module), ``load_s`` (building it: reading models and tables),
``wall_s`` (the whole subprocess, interpreter start included), ``cpu_s`` (its user + system
CPU seconds: less dependent on what else the machine runs) and the heavy libraries the
process ended up importing (torch, transformers, sentence-transformers, medspaCy, ...), so a
command that loads more than it needs shows it. Then the commands users time:

- ``triage_cli_no_llm``: ``python -m assistant.triage "free text" --no-llm`` (target <= 3 s);
- ``triage_cli``: the same with default settings;
- ``app``: ``python -m assistant.app`` until its page answers HTTP 200 (target <= 10 s).

Figures depend on the load of the machine: the 1-minute load average is recorded with them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from eval.common import load_average

CASE = "68M crushing chest pain radiating to left arm, sweaty, BP 90/60"
NOTE = ("HISTORY OF PRESENT ILLNESS: 58-year-old woman with type 2 diabetes and hypertension, "
        "on metformin 500 mg PO BID and lisinopril 10 mg daily, presents with cough. "
        "Denies fever. ALLERGIES: penicillin (rash). VITALS: BP 142/88, HR 96, T 37.2 C.")
HEAVY = ("torch", "transformers", "sentence_transformers", "medspacy", "spacy", "faiss",
         "ctranslate2", "gradio", "sklearn")
TARGETS = {"triage_cli_no_llm": 3.0, "app": 10.0}

# name -> (module to import, code that builds the component; ``settings`` is defined)
COMPONENTS: dict[str, tuple[str, str]] = {
    "config": ("assistant.config", "pass"),
    "triager_free_text": ("assistant.triage",
                          "from assistant.triage import Triager\n"
                          f"Triager(settings).triage({{'id': 'c', 'text': {CASE!r}}})"),
    "triager_ed": ("assistant.triage",
                   "from assistant.triage import Triager\n"
                   f"Triager(settings).triage({{'id': 'c', 'text': {CASE!r}, "
                   "'setting': 'ed'})"),
    "extractor": ("assistant.extract.pipeline",
                  "from assistant.extract.pipeline import Extractor\n"
                  f"Extractor(settings).extract({NOTE!r}, 'n')"),
    "embedder": ("index.embed",
                 "from index.embed import get_embedder\n"
                 "get_embedder(settings).encode(['chest pain'])"),
    "safety_screen": ("assistant.safety",
                      "from assistant.safety import get_screen\n"
                      "get_screen(settings).screen('Does metformin reduce cancer risk?')"),
    "llm_ct2_int8": ("assistant.llm.ct2",
                     "from assistant.llm import get_backend\n"
                     "settings = settings.model_copy(update={'llm': settings.llm.model_copy("
                     "update={'engine': 'ct2'})})\n"
                     "get_backend(settings).generate([{'role': 'user', 'content': 'Hi'}], "
                     "GP(max_new_tokens=4))"),
    "llm_transformers": ("assistant.llm.local",
                         "from assistant.llm import get_backend\n"
                         "settings = settings.model_copy(update={'llm': settings.llm.model_copy("
                         "update={'engine': 'transformers'})})\n"
                         "get_backend(settings).generate([{'role': 'user', 'content': 'Hi'}], "
                         "GP(max_new_tokens=4))"),
    "literature_index": ("assistant.runtime",
                         "from assistant.runtime import Runtime\n"
                         "Runtime(settings).literature.gather('metformin cancer risk')"),
}

_PROBE = """
import json, sys, time
t0 = time.perf_counter()
import {module}
t1 = time.perf_counter()
from assistant.config import load_settings
from assistant.llm.base import GenerationParams as GP
settings = load_settings()
{build}
t2 = time.perf_counter()
heavy = [m for m in {heavy!r} if m in sys.modules]
print("@@" + json.dumps({{"import_s": t1 - t0, "load_s": t2 - t1, "heavy": heavy}}))
"""


def _cpu_s(pid: int) -> float | None:
    """User + system CPU seconds a running process has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime



def probe(name: str) -> dict[str, Any]:
    """Import and build component ``name`` in a fresh interpreter; its timings."""
    module, build = COMPONENTS[name]
    code = _PROBE.format(module=module, build=build, heavy=HEAVY)
    t0, c0 = time.perf_counter(), _children_cpu_s()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=900, env=_env())
    wall = time.perf_counter() - t0
    cpu = _children_cpu_s() - c0
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("@@")), None)
    if proc.returncode != 0 or line is None:
        return {"wall_s": wall, "error": (proc.stderr.strip().splitlines() or ["?"])[-1][:300]}
    return {"wall_s": wall, "cpu_s": cpu, **json.loads(line[2:])}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TRANSFORMERS_OFFLINE", "1")
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    return env


def time_command(args: list[str]) -> dict[str, Any]:
    """Wall time of ``python -m ...`` as a user runs it (exit status recorded)."""
    t0, c0 = time.perf_counter(), _children_cpu_s()
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=900,
                          env=_env())
    out: dict[str, Any] = {"wall_s": time.perf_counter() - t0, "rc": proc.returncode,
                           "cpu_s": _children_cpu_s() - c0}
    if proc.returncode != 0:
        out["error"] = (proc.stderr.strip().splitlines() or ["?"])[-1][:300]
    return out


def _free_port(preferred: int) -> int:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            s.bind(("127.0.0.1", 0))
            return int(s.getsockname()[1])


def time_app(port: int, timeout_s: float = 120.0) -> dict[str, Any]:
    """Start ``python -m assistant.app`` and time until its page answers HTTP 200."""
    port = _free_port(port)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "assistant.app", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    out: dict[str, Any] = {"port": port}
    try:
        while time.perf_counter() - t0 < timeout_s:
            if proc.poll() is not None:
                out["error"] = f"the app exited with status {proc.returncode}"
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    if r.status == 200 and b"<html" in r.read(4096).lower():
                        out["wall_s"] = time.perf_counter() - t0
                        out["cpu_s"] = _cpu_s(proc.pid)
                        break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            out["error"] = f"no page within {timeout_s:.0f} s"
    finally:
        proc.terminate()  # SIGTERM: the app removes its private folder and exits
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return out


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[-1]
    out = dict(ok[-1])
    for key in ("wall_s", "cpu_s", "import_s", "load_s"):
        if out.get(key) is not None:
            out[key] = statistics.median(r[key] for r in ok if r.get(key) is not None)
    return out


def run(args: list[str]) -> dict[str, Any]:
    """Parse ``args``, run each measurement in a subprocess, print a table, return figures."""
    p = argparse.ArgumentParser(prog="python -m eval.bench cold", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repeats", type=int, default=1, help="runs per measurement (median)")
    p.add_argument("--skip", default="", help="comma-separated names to skip (e.g. app,llm)")
    p.add_argument("--port", type=int, default=7899, help="port for the app start")
    p.add_argument("--out", help="JSON results file")
    a = p.parse_args(args)
    skip = {s.strip() for s in a.skip.split(",") if s.strip()}

    def wanted(name: str) -> bool:
        return name not in skip and not any(name.startswith(s + "_") for s in skip)

    results: dict[str, Any] = {"loadavg_start": load_average(), "components": {}, "commands": {}}
    for name in COMPONENTS:
        if wanted(name):
            results["components"][name] = _median([probe(name) for _ in range(a.repeats)])
            _print_row(name, results["components"][name])
    commands = {"triage_cli_no_llm": ["-m", "assistant.triage", CASE, "--no-llm"],
                "triage_cli": ["-m", "assistant.triage", CASE]}
    for name, argv in commands.items():
        if wanted(name):
            results["commands"][name] = _median([time_command(argv) for _ in range(a.repeats)])
            _print_row(name, results["commands"][name])
    if wanted("app"):
        results["commands"]["app"] = _median([time_app(a.port) for _ in range(a.repeats)])
        _print_row("app (page answers)", results["commands"]["app"])
    results["loadavg_end"] = load_average()
    results["targets"] = {k: {"target_s": v, "wall_s": results["commands"].get(k, {})
                              .get("wall_s"),
                              "met": (results["commands"].get(k, {}).get("wall_s") or 1e9) <= v}
                          for k, v in TARGETS.items() if k in results["commands"]}
    print(f"load average {results['loadavg_start']} at start, {results['loadavg_end']} at end")
    for k, t in results["targets"].items():
        print(f"target {k} <= {t['target_s']:.0f} s: {'met' if t['met'] else 'NOT met'}")
    return results


def _print_row(name: str, r: dict[str, Any]) -> None:
    if "error" in r:
        print(f"{name:<22} error: {r['error']}", flush=True)
        return
    parts = [f"wall {r['wall_s']:6.2f} s"]
    if r.get("cpu_s") is not None:
        parts.append(f"cpu {r['cpu_s']:6.2f} s")
    if "import_s" in r:
        parts += [f"import {r['import_s']:5.2f} s", f"load {r['load_s']:6.2f} s",
                  "heavy: " + (",".join(r["heavy"]) or "-")]
    print(f"{name:<22} " + "   ".join(parts), flush=True)
