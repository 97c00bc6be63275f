"""LLM benchmark: decode tokens/s and time to first token, against the memory-bandwidth bound.

    python -m eval.bench llm [--new-tokens 64] [--runs 3] [--prompt-words 200]
                             [--set dtype=bfloat16] [--model DIR] [--out FILE.json]

Streams a fixed clinical prompt through ``get_backend(settings).stream`` (the path the chat
takes) at temperature 0 and reports, over ``--runs`` timed runs after one warm-up:
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


def run(args: list[str]) -> dict[str, Any]:
    """Parse ``args``, run the benchmark, print the figures, return them."""
    p = argparse.ArgumentParser(prog="python -m eval.bench llm", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--new-tokens", type=int, default=64, help="tokens to generate per run")
    p.add_argument("--runs", type=int, default=3, help="timed runs after one warm-up")
    p.add_argument("--prompt-words", type=int, default=0,
                   help="pad the prompt with ~N words of case text (prefill cost)")
    p.add_argument("--bandwidth-mib", type=int, default=256,
                   help="array size of the memory-copy measurement (default 256 MiB)")
    p.add_argument("--out", help="JSON results file (default runs/bench/llm-<time>.json)")
    add_settings_args(p)
    a = p.parse_args(args)
    settings = settings_from_args(a)

    from assistant.llm import GenerationParams, get_backend

    t0 = time.perf_counter()
    backend = get_backend(settings)
    load_s = time.perf_counter() - t0
    user = PROMPT
    if a.prompt_words > 0:
        words = (FILLER * (a.prompt_words // len(FILLER.split()) + 1)).split()[:a.prompt_words]
        user = " ".join(words) + "\n\n" + PROMPT
    messages = [{"role": "user", "content": user}]
    params = GenerationParams(max_new_tokens=a.new_tokens, temperature=0.0)
    prompt_tokens = prompt_token_count(backend, messages)

    timed_stream(backend, messages, GenerationParams(max_new_tokens=4, temperature=0.0))
    runs = []
    for i in range(a.runs):
        r = timed_stream(backend, messages, params)
        r["decode_tps"] = (r["new_tokens"] - 1) / max(r["total_s"] - r["ttft_s"], 1e-9)
        runs.append(r)
        print(f"run {i + 1}: {r['new_tokens']} tokens, TTFT {r['ttft_s']:.3f} s, "
              f"total {r['total_s']:.2f} s, decode {r['decode_tps']:.1f} tok/s",
              file=sys.stderr, flush=True)

    bw = memcpy_bandwidth(a.bandwidth_mib)
    wbytes = weight_bytes(backend)
    med = {k: statistics.median(r[k] for r in runs)
           for k in ("ttft_s", "total_s", "new_tokens", "decode_tps")}
    results: dict[str, Any] = {
        "backend": backend.describe(),
        "load_s": round(load_s, 2),
        "prompt_tokens": prompt_tokens,
        "new_tokens_requested": a.new_tokens,
        "runs": runs,
        "median": med,
        "e2e_tps": med["new_tokens"] / med["total_s"] if med["total_s"] else 0.0,
        "prefill_tps": prompt_tokens / med["ttft_s"] if med["ttft_s"] else 0.0,
        "bandwidth": bw,
        "weight_bytes": wbytes,
    }
    if wbytes:
        bound = bw["read_write_gbps"] * 1e9 / wbytes
        results["bound_tps"] = bound
        results["fraction_of_bound"] = med["decode_tps"] / bound
    print(f"model: {results['backend'].get('model')} ({results['backend'].get('dtype')}, "
          f"{results['backend'].get('device')}), loaded in {load_s:.1f} s")
    print(f"prompt {prompt_tokens} tokens, {med['new_tokens']:.0f} new tokens (median of "
          f"{len(runs)})")
    print(f"time to first token: {med['ttft_s']:.3f} s   prefill: {results['prefill_tps']:.0f} "
          f"tok/s")
    print(f"decode: {med['decode_tps']:.1f} tok/s   end-to-end: {results['e2e_tps']:.1f} tok/s")
    print(f"memory copy: {bw['copy_gbps']:.1f} GB/s one way, {bw['read_write_gbps']:.1f} GB/s "
          f"read+write")
    if wbytes:
        print(f"weights: {wbytes / 1e6:.0f} MB read per token -> bound "
              f"{results['bound_tps']:.1f} tok/s; measured = {results['fraction_of_bound']:.0%} "
              f"of bound")
    return results
