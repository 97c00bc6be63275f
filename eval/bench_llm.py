"""LLM benchmark: decode tokens/s and time to first token, against the memory-bandwidth bound.

    python -m eval.bench llm [--new-tokens 64] [--runs 3] [--prompt-words 200]
                             [--engines transformers,ct2-int8,ct2-float32]
                             [--set dtype=bfloat16] [--model DIR] [--out FILE.json]

Streams a fixed clinical prompt through each engine's ``stream`` (the path the chat takes) at
temperature 0, the engines one after the other in the same run (transformers fp32,
CTranslate2 int8 and float32 by default; an OpenAI-compatible backend is measured alone), and
prints their figures side by side with each engine's greedy output text. Per engine, over
``--runs`` timed runs after one warm-up:
time to first text piece (TTFT: prompt prefill + first token; the local streamer releases
text a word at a time, so this is the first word), decode tokens/s
((tokens - 1) / (total - TTFT)), end-to-end tokens/s, and prefill tokens/s.

The bound: decoding one token reads every weight once (the tied embedding is the LM head), so
tokens/s <= memory bandwidth / bytes of weights. Bandwidth is measured here with a numpy copy
of a 256 MiB array, counted as bytes read + written per second (the STREAM "copy" figure).
A measured rate near the bound means decoding is memory-bound (smaller dtypes help); far below
it means overheads (Python, sampling, streaming, thread contention) dominate.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any

from assistant.cli import add_settings_args, settings_from_args

PROMPT = ("Explain, step by step and in detail, how acute decompensated heart failure is "
          "assessed and managed in the emergency department, covering history, examination, "
          "investigations, and treatment.")
FILLER = ("A 67-year-old man with hypertension, type 2 diabetes and chronic kidney disease "
          "presents with two days of worsening breathlessness, orthopnoea and ankle swelling. ")


def memcpy_bandwidth(mib: int = 256, repeats: int = 5) -> dict[str, float]:
    """Best-of-``repeats`` numpy copy of a ``mib`` MiB array: GB/s one way and read+write."""
    import numpy as np

    src = np.ones(mib * 2**20 // 8, dtype=np.float64)
    dst = np.empty_like(src)
    np.copyto(dst, src)  # fault the pages in before timing
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        np.copyto(dst, src)
        best = min(best, time.perf_counter() - t0)
    return {"array_mib": mib, "copy_gbps": src.nbytes / best / 1e9,
            "read_write_gbps": 2 * src.nbytes / best / 1e9}


def weight_bytes(backend: Any) -> int | None:
    """Bytes of the local model's parameters (shared tensors once); None for served models."""
    model = getattr(backend, "model", None)
    if model is None:
        return None
    return int(sum(p.numel() * p.element_size() for p in model.parameters()))


def count_tokens(backend: Any, text: str) -> int:
    """Tokens in ``text`` by the backend's tokenizer; ~4 chars/token for served models."""
    tok = getattr(backend, "tokenizer", None)
    if tok is None:
        return max(1, round(len(text) / 4))
    return len(tok.encode(text, add_special_tokens=False))


def prompt_token_count(backend: Any, messages: list[dict]) -> int:
    """Tokens the model prefills: the chat-templated prompt when the tokenizer has a template."""
    tok = getattr(backend, "tokenizer", None)
    if tok is not None and getattr(tok, "chat_template", None):
        text = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        return len(tok.encode(text, add_special_tokens=False))
    return count_tokens(backend, "\n".join(m["content"] for m in messages))


def timed_stream(backend: Any, messages: list[dict], params: Any) -> dict[str, float]:
    """One streamed generation: TTFT, total seconds and the generated token count."""
    t0 = time.perf_counter()
    ttft = None
    pieces = []
    for piece in backend.stream(messages, params):
        if ttft is None and piece:
            ttft = time.perf_counter() - t0
        pieces.append(piece)
    total = time.perf_counter() - t0
    return {"ttft_s": ttft if ttft is not None else total, "total_s": total,
            "new_tokens": count_tokens(backend, "".join(pieces))}


ENGINES = ("transformers", "ct2-int8", "ct2-float32")


def load_engine(settings: Any, engine: str) -> Any:
    """A local backend on ``engine`` (transformers fp32, or CTranslate2 int8 / float32)."""
    if settings.backend == "openai" or engine == "default":
        from assistant.llm import get_backend

        return get_backend(settings)
    if engine == "transformers":
        from assistant.llm.local import LocalBackend

        return LocalBackend.from_settings(settings)
    from assistant.llm.ct2 import CT2Backend
    from assistant.models import resolve_llm_path

    return CT2Backend.from_path(resolve_llm_path(settings), settings,
                                compute_type=engine.removeprefix("ct2-"))


def engine_weight_bytes(backend: Any) -> int | None:
    """Bytes read per decoded token: torch parameters, or the CTranslate2 model file."""
    ct2 = getattr(backend, "ct2_path", None)
    if ct2 is not None:
        return int((ct2 / "model.bin").stat().st_size)
    return weight_bytes(backend)


def _timed_run(engine: str, backend: Any, messages: list[dict], params: Any,
               i: int) -> dict[str, float]:
    r = timed_stream(backend, messages, params)
    r["decode_tps"] = (r["new_tokens"] - 1) / max(r["total_s"] - r["ttft_s"], 1e-9)
    print(f"{engine} run {i + 1}: {r['new_tokens']} tokens, TTFT {r['ttft_s']:.3f} s, "
          f"total {r['total_s']:.2f} s, decode {r['decode_tps']:.1f} tok/s",
          file=sys.stderr, flush=True)
    return r


def bench_engines(settings: Any, engines: list[str], messages: list[dict], new_tokens: int,
                  n_runs: int, bw: dict[str, float]) -> dict[str, dict[str, Any]]:
    """Load every engine, then time ``n_runs`` greedy streams per engine, interleaved (run 1 of
    each engine, then run 2, ...) so a change in machine load hits every engine alike."""
    from assistant.llm import GenerationParams

    backends: dict[str, Any] = {}
    load_s: dict[str, float] = {}
    for engine in engines:
        t0 = time.perf_counter()
        backends[engine] = load_engine(settings, engine)
        load_s[engine] = time.perf_counter() - t0
        timed_stream(backends[engine], messages,
                     GenerationParams(max_new_tokens=4, temperature=0.0))  # warm-up
    params = GenerationParams(max_new_tokens=new_tokens, temperature=0.0)
    runs: dict[str, list[dict[str, float]]] = {e: [] for e in engines}
    for i in range(n_runs):
        for engine, backend in backends.items():
            runs[engine].append(_timed_run(engine, backend, messages, params, i))
    out: dict[str, dict[str, Any]] = {}
    for engine, backend in backends.items():
        med = {k: statistics.median(r[k] for r in runs[engine])
               for k in ("ttft_s", "total_s", "new_tokens", "decode_tps")}
        prompt_tokens = prompt_token_count(backend, messages)
        wbytes = engine_weight_bytes(backend)
        r: dict[str, Any] = {
            "engine": engine, "backend": backend.describe(), "load_s": round(load_s[engine], 2),
            "prompt_tokens": prompt_tokens, "runs": runs[engine], "median": med,
            "e2e_tps": med["new_tokens"] / med["total_s"] if med["total_s"] else 0.0,
            "prefill_tps": prompt_tokens / med["ttft_s"] if med["ttft_s"] else 0.0,
            "weight_bytes": wbytes, "output_text": backend.generate(messages, params),
        }
        if wbytes:
            r["bound_tps"] = bw["read_write_gbps"] * 1e9 / wbytes
            r["fraction_of_bound"] = med["decode_tps"] / r["bound_tps"]
        out[engine] = r
    return out


def run(args: list[str]) -> dict[str, Any]:
    """Parse ``args``, run the benchmark per engine, print the figures side by side."""
    p = argparse.ArgumentParser(prog="python -m eval.bench llm", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--new-tokens", type=int, default=64, help="tokens to generate per run")
    p.add_argument("--runs", type=int, default=3, help="timed runs after one warm-up")
    p.add_argument("--prompt-words", type=int, default=0,
                   help="pad the prompt with ~N words of case text (prefill cost)")
    p.add_argument("--bandwidth-mib", type=int, default=256,
                   help="array size of the memory-copy measurement (default 256 MiB)")
    p.add_argument("--engines", default=",".join(ENGINES),
                   help="comma-separated local engines, measured one after the other in this "
                        f"run (default {','.join(ENGINES)}; 'default' = what get_backend loads)")
    p.add_argument("--out", help="JSON results file (default runs/bench/llm-<time>.json)")
    add_settings_args(p)
    a = p.parse_args(args)
    settings = settings_from_args(a)
    engines = ["default"] if settings.backend == "openai" else \
        [e.strip() for e in a.engines.split(",") if e.strip()]
    for e in engines:
        if e not in (*ENGINES, "default"):
            raise SystemExit(f"unknown engine {e!r}; choose from {', '.join(ENGINES)}, default")

    user = PROMPT
    if a.prompt_words > 0:
        words = (FILLER * (a.prompt_words // len(FILLER.split()) + 1)).split()[:a.prompt_words]
        user = " ".join(words) + "\n\n" + PROMPT
    messages = [{"role": "user", "content": user}]
    bw = memcpy_bandwidth(a.bandwidth_mib)
    per = bench_engines(settings, engines, messages, a.new_tokens, a.runs, bw)
    # The first engine's figures also at the top level (the layout before issue 17).
    first = next(iter(per.values()))
    results: dict[str, Any] = {k: v for k, v in first.items() if k != "engine"}
    results.update(new_tokens_requested=a.new_tokens, bandwidth=bw, engines=per)
    base = per.get("transformers")
    print(f"memory copy: {bw['copy_gbps']:.1f} GB/s one way, {bw['read_write_gbps']:.1f} GB/s "
          "read+write")
    print(f"{'engine':<14} {'load s':>7} {'TTFT s':>7} {'decode tok/s':>13} {'x fp32':>7} "
          f"{'weights MB':>11} {'bound tok/s':>12} {'of bound':>9}")
    for e, r in per.items():
        ratio = (r["median"]["decode_tps"] / base["median"]["decode_tps"]
                 if base and base["median"]["decode_tps"] > 0 else float("nan"))
        r["speedup_vs_transformers"] = ratio
        wb = r.get("weight_bytes") or 0
        print(f"{e:<14} {r['load_s']:>7.1f} {r['median']['ttft_s']:>7.3f} "
              f"{r['median']['decode_tps']:>13.1f} {ratio:>6.2f}x {wb / 1e6:>11.0f} "
              f"{r.get('bound_tps', 0):>12.1f} {r.get('fraction_of_bound', 0):>9.0%}")
    print(f"prompt: {messages[0]['content'][:120]!r} ({next(iter(per.values()))['prompt_tokens']}"
          " tokens), greedy")
    for e, r in per.items():
        print(f"--- {e} output ---\n{r['output_text']}")
    return results
