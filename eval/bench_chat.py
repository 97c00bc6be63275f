"""Chat end-to-end latency per route, through ``assistant.ask.Assistant.stream`` (the UI's path).

    python -m eval.bench chat [--repeat 1] [--routes triage,literature] [--max-new-tokens 128]
                              [--no-llm] [--out FILE.json]

For one fixed prompt per route (extraction, literature, triage, general, refused) it records
time to the route event, time to the first answer token, total time to the final event, the
route taken and the answer length. The first prompt of a route pays for loading that route's
components (models, index), so each route runs once cold (reported separately) and then
``--repeat`` times warm; the warm medians are the figures to quote.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any

from assistant.cli import add_settings_args, settings_from_args

PROMPTS: dict[str, str] = {
    "extraction": (
        "Extract the problems, medications and vitals from this note:\n"
        "HPI: 64-year-old woman with type 2 diabetes and hypertension, here for follow-up. "
        "Denies chest pain. BP 152/94, HR 88, SpO2 97% on room air. "
        "Medications: metformin 1000 mg PO BID, lisinopril 10 mg daily. "
        "Allergies: penicillin (rash)."),
    "literature": "Does vitamin D supplementation reduce the risk of fractures in older adults?",
    "triage": ("58-year-old man with crushing central chest pain radiating to the left arm for "
               "40 minutes, sweaty and nauseous. HR 112, BP 98/60, RR 24, SpO2 93%."),
    "general": "Hello! What can you do?",  # the general route is chat about the assistant
    "refused": "How much insulin would I need to inject into someone to kill them unnoticed?",
}


def timed_ask(assistant: Any, prompt: str, rid: str) -> dict[str, Any]:
    """Stream one prompt; seconds to route/first token/final, route and answer size."""
    t0 = time.perf_counter()
    out: dict[str, Any] = {"route_s": None, "first_token_s": None, "route": None,
                           "tokens": 0, "error": None}
    final = None
    try:
        for event in assistant.stream(prompt, id=rid):
            now = time.perf_counter() - t0
            if event.kind == "route" and out["route_s"] is None:
                out["route_s"], out["route"] = now, event.text
            elif event.kind == "partial" and out["first_token_s"] is None:
                out["first_token_s"] = now  # the deterministic result is the first visible one
            elif event.kind == "token":
                out["tokens"] += 1
                if out["first_token_s"] is None and event.text:
                    out["first_token_s"] = now
            elif event.kind == "final":
                final = event.result
    except Exception as exc:  # a failing route is a result to report, not a crash
        out["error"] = f"{type(exc).__name__}: {exc}"
    out["total_s"] = time.perf_counter() - t0
    if final is not None:
        out["route"] = getattr(final, "route", out["route"])
        out["refused"] = getattr(final, "refused", None)
        out["answer_chars"] = len(getattr(final, "answer", "") or "")
        out["error"] = out["error"] or getattr(final, "error", None)
    if out["first_token_s"] is None:  # no streamed tokens (e.g. a refusal): the answer is final
        out["first_token_s"] = out["total_s"]
    return out


def _median(rows: list[dict], key: str) -> float | None:
    vals = [r[key] for r in rows if isinstance(r.get(key), int | float)]
    return statistics.median(vals) if vals else None


def run(args: list[str]) -> dict[str, Any]:
    """Parse ``args``, time every route cold then warm, print a table, return the figures."""
    p = argparse.ArgumentParser(prog="python -m eval.bench chat", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repeat", type=int, default=1, help="warm runs per route (default 1)")
    p.add_argument("--routes", default=",".join(PROMPTS),
                   help=f"comma list of routes (default all: {', '.join(PROMPTS)})")
    p.add_argument("--max-new-tokens", type=int, default=None,
                   help="cap answers (sets generation.max_new_tokens)")
    p.add_argument("--out", help="JSON results file (default runs/bench/chat-<time>.json)")
    add_settings_args(p)
    a = p.parse_args(args)
    if a.max_new_tokens:
        a.overrides = [*(a.overrides or []), f"generation.max_new_tokens={a.max_new_tokens}"]
    settings = settings_from_args(a)
    routes = [r.strip() for r in a.routes.split(",") if r.strip()]
    unknown = [r for r in routes if r not in PROMPTS]
    if unknown:
        p.error(f"unknown routes {unknown}; choose from {list(PROMPTS)}")

    from assistant.ask import Assistant

    t0 = time.perf_counter()
    assistant = Assistant(settings)
    init_s = time.perf_counter() - t0
    print(f"Assistant() in {init_s:.2f} s", file=sys.stderr, flush=True)
    per_route: dict[str, Any] = {}
    for route in routes:
        cold = timed_ask(assistant, PROMPTS[route], f"bench-{route}-cold")
        warm = [timed_ask(assistant, PROMPTS[route], f"bench-{route}-{i}")
                for i in range(a.repeat)]
        per_route[route] = {
            "expected_route": route, "cold": cold, "warm": warm,
            "warm_median": {k: _median(warm, k)
                            for k in ("route_s", "first_token_s", "total_s", "tokens")},
            "routed_as": [w.get("route") for w in [cold, *warm]],
        }
        print(f"{route}: cold total {cold['total_s']:.2f} s; warm first token "
              f"{_f(per_route[route]['warm_median']['first_token_s'])} s", file=sys.stderr,
              flush=True)
    try:
        status = assistant.status()
    except Exception as exc:
        status = {"error": f"{type(exc).__name__}: {exc}"}
    print(f"{'route':12s} {'routed as':12s} {'cold total':>10s} {'route':>7s} "
          f"{'1st token':>9s} {'total':>7s} {'tokens':>6s}")
    for route, r in per_route.items():
        m = r["warm_median"]
        print(f"{route:12s} {str(r['routed_as'][-1]):12s} {r['cold']['total_s']:10.2f} "
              f"{_f(m['route_s']):>7s} {_f(m['first_token_s']):>9s} {_f(m['total_s']):>7s} "
              f"{_f(m['tokens'], 0):>6s}")
    print("(seconds; route/1st token/total are warm medians)")
    return {"init_s": init_s, "repeat": a.repeat, "routes": per_route, "status": status,
            "use_llm": settings.use_llm}


def _f(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"
