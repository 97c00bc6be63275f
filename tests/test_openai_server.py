"""The OpenAI-compatible client against a real local HTTP server (tests/openai_server.py).

The server runs as its own process on a tiny random llama with the real SmolLM2 tokenizer;
JSON is constrained by xgrammar in the server, as vLLM does. Checks streaming, constrained
JSON, retries on 429/5xx, timeouts and many concurrent users against ``--slots 2``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import httpx
import pytest
from pydantic import BaseModel

from assistant.config import Settings
from assistant.errors import BackendError
from assistant.llm.base import GenerationParams
from assistant.llm.openai_compat import OpenAIBackend

SERVER = Path(__file__).resolve().parent / "openai_server.py"
SLOTS = 2
MSGS = [{"role": "user", "content": "Summarise: 58-year-old man with chest pain."}]


class Acuity(BaseModel):
    level: Literal["emergency", "urgent", "routine"]
    red_flag: bool


@pytest.fixture(scope="module")
def server(tiny_llm_dir: Path) -> Iterator[str]:
    """Start the server process; yield its base URL."""
    proc = subprocess.Popen([sys.executable, str(SERVER), "--model", str(tiny_llm_dir),
                             "--port", "0", "--slots", str(SLOTS)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        if not line.startswith("READY"):
            pytest.fail(f"server did not start (exit {proc.poll()}): {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        proc.kill()
        proc.wait(10)


def _backend(url: str, **openai: object) -> OpenAIBackend:
    cfg = {"base_url": url + "/v1", "max_retries": 3, "timeout_s": 30.0, **openai}
    return OpenAIBackend(Settings(backend="openai", openai=cfg))


def _faults(url: str, *faults: dict, reset: bool = True) -> None:
    """Queue faults and reset the counters once earlier requests (a stalled one) are done."""
    deadline = time.monotonic() + 30
    while _stats(url)["inflight"] and time.monotonic() < deadline:
        time.sleep(0.1)
    httpx.post(url + "/admin/faults", json={"faults": list(faults), "reset": reset}).raise_for_status()


def _stats(url: str) -> dict:
    return httpx.get(url + "/stats").json()


def test_streaming_matches_the_whole_reply(server: str) -> None:
    backend = _backend(server)
    params = GenerationParams(max_new_tokens=12)
    pieces = list(backend.stream(MSGS, params))
    whole = backend.generate(MSGS, params)
    assert len(pieces) >= 2 and "".join(pieces) == whole and whole


def test_response_format_is_enforced_by_the_grammar(server: str) -> None:
    backend = _backend(server)
    # without a constraint the random model writes anything but JSON
    free = backend.generate(MSGS, GenerationParams(max_new_tokens=24))
    with pytest.raises(ValueError):
        json.loads(free)
    out = backend.generate_json(MSGS, Acuity)  # response_format json_schema
    assert out.level in ("emergency", "urgent", "routine") and isinstance(out.red_flag, bool)
    guided = _backend(server, json_mode="guided_json").generate_json(MSGS, Acuity)
    assert guided == out  # same greedy decode under the same grammar
    raw = httpx.post(server + "/v1/completions", json={
        "prompt": "Answer:", "max_tokens": 64, "guided_json": Acuity.model_json_schema()})
    choice = raw.json()["choices"][0]
    assert choice["finish_reason"] == "stop"
    assert Acuity.model_validate_json(choice["text"])


def test_invalid_schema_is_400_and_not_retried(server: str) -> None:
    _faults(server)
    r = httpx.post(server + "/v1/chat/completions", json={
        "messages": MSGS, "response_format": {"type": "json_schema",
                                              "json_schema": {"schema": {"type": "nonsense"}}}})
    assert r.status_code == 400 and "schema" in r.json()["error"]["message"]
    backend = _backend(server)
    body = backend._body(MSGS, None, json_mode=True) | {"response_format": {"type": "bogus"}}
    with pytest.raises(BackendError, match="HTTP 400"):
        backend._complete(body)
    assert _stats(server)["requests"] == 2  # one each: a 400 is never retried


def test_retries_on_429_and_5xx_then_succeeds(server: str) -> None:
    _faults(server, {"status": 429, "retry_after": 0}, {"status": 503, "retry_after": 0},
            {"status": 500, "retry_after": 0})
    assert _backend(server).generate(MSGS, GenerationParams(max_new_tokens=4))
    s = _stats(server)
    assert (s["requests"], s["faults"], s["completions"]) == (4, 3, 1)


def test_retries_are_bounded(server: str) -> None:
    _faults(server, *[{"status": 502, "retry_after": 0}] * 3)
    with pytest.raises(BackendError, match="after 3 attempts"):
        _backend(server, max_retries=2).generate(MSGS, GenerationParams(max_new_tokens=4))
    assert _stats(server)["requests"] == 3


def test_timeout_then_retry(server: str) -> None:
    _faults(server, {"stall_s": 3.0})
    t0 = time.monotonic()
    assert _backend(server, timeout_s=0.7).generate(MSGS, GenerationParams(max_new_tokens=4))
    assert 0.7 <= time.monotonic() - t0 < 2.9  # gave up on the stalled request, retried
    _faults(server, {"stall_s": 3.0})
    with pytest.raises(BackendError, match="Timeout"):
        _backend(server, timeout_s=0.7, max_retries=0).generate(MSGS)
    _faults(server, reset=False)  # waits for the stalled request to end
    s = _stats(server)
    assert (s["requests"], s["aborted"], s["completions"]) == (1, 1, 1)  # nobody to answer


def test_many_concurrent_users_share_the_slots(server: str) -> None:
    _faults(server)
    params = GenerationParams(max_new_tokens=8)
    expected = _backend(server).generate(MSGS, params)
    _faults(server)
    n_users = 12
    replies: list[str | BaseException] = [""] * n_users

    def user(i: int) -> None:
        try:
            replies[i] = _backend(server).generate(MSGS, params)
        except BaseException as exc:  # collected and asserted below
            replies[i] = exc

    threads = [threading.Thread(target=user, args=(i,)) for i in range(n_users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert replies == [expected] * n_users  # every user answered, none mixed up
    s = _stats(server)
    assert s["completions"] == n_users and s["max_active"] == SLOTS
