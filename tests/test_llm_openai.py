"""OpenAI-compatible backend against an in-test HTTP transport: retries, streaming, JSON."""

from __future__ import annotations

import json

import httpx
import pytest
from pydantic import BaseModel

from assistant.config import Settings
from assistant.errors import BackendError, StructuredOutputError
from assistant.llm.openai_compat import OpenAIBackend


class Verdict(BaseModel):
    answer: str


def _completion(text: str) -> dict:
    return {"choices": [{"message": {"role": "assistant", "content": text}}]}


def _backend(handler, retries: int = 2, **openai) -> tuple[OpenAIBackend, list[float]]:
    sleeps: list[float] = []
    settings = Settings(backend="openai", openai={"max_retries": retries, **openai})
    return OpenAIBackend(settings, transport=httpx.MockTransport(handler),
                         sleep=sleeps.append), sleeps


def test_retries_on_503_then_succeeds() -> None:
    calls: list[dict] = []

    def handler(req: httpx.Request) -> httpx.Response:
        calls.append(json.loads(req.content))
        if len(calls) < 3:
            return httpx.Response(503, json={"error": {"message": "overloaded"}},
                                  headers={"Retry-After": "2"})
        return httpx.Response(200, json=_completion("ok"))

    backend, sleeps = _backend(handler)
    assert backend.generate([{"role": "user", "content": "q"}]) == "ok"
    assert len(calls) == 3 and sleeps == [2.0, 2.0]
    assert calls[0]["temperature"] == 0.0 and calls[0]["max_tokens"] == 384


def test_no_retry_on_400_and_bounded_retries() -> None:
    n = {"calls": 0}

    def bad(req: httpx.Request) -> httpx.Response:
        n["calls"] += 1
        return httpx.Response(400, json={"error": {"message": "model not found"}})

    backend, _ = _backend(bad)
    with pytest.raises(BackendError, match="model not found"):
        backend.generate([{"role": "user", "content": "q"}])
    assert n["calls"] == 1

    def down(req: httpx.Request) -> httpx.Response:
        n["calls"] += 1
        raise httpx.ConnectError("refused", request=req)

    n["calls"] = 0
    backend, sleeps = _backend(down, retries=3)
    with pytest.raises(BackendError, match="after 4 attempts"):
        backend.generate([{"role": "user", "content": "q"}])
    assert n["calls"] == 4 and len(sleeps) == 3


def test_streaming_sse() -> None:
    events = [{"choices": [{"delta": {"role": "assistant"}}]},
              {"choices": [{"delta": {"content": "Hyper"}}]},
              {"choices": [{"delta": {"content": "tension"}}]}]
    body = "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n"

    def handler(req: httpx.Request) -> httpx.Response:
        assert json.loads(req.content)["stream"] is True
        return httpx.Response(200, text=body, headers={"content-type": "text/event-stream"})

    backend, _ = _backend(handler)
    assert list(backend.stream([{"role": "user", "content": "q"}])) == ["Hyper", "tension"]


@pytest.mark.parametrize("mode", ["response_format", "guided_json"])
def test_json_modes(mode: str) -> None:
    seen: list[dict] = []

    def handler(req: httpx.Request) -> httpx.Response:
        seen.append(json.loads(req.content))
        return httpx.Response(200, json=_completion('{"answer": "yes"}'))

    backend, _ = _backend(handler, json_mode=mode)
    assert backend.generate_json([{"role": "user", "content": "q"}], Verdict).answer == "yes"
    if mode == "guided_json":
        assert seen[0]["guided_json"]["properties"]["answer"]["type"] == "string"
    else:
        assert seen[0]["response_format"]["json_schema"]["name"] == "Verdict"


def test_invalid_json_is_typed_error() -> None:
    backend, _ = _backend(lambda req: httpx.Response(200, json=_completion('{"answer": 3')))
    with pytest.raises(StructuredOutputError):
        backend.generate_json([{"role": "user", "content": "q"}], Verdict)
    backend, _ = _backend(lambda req: httpx.Response(200, json=_completion('{"other": 1}')))
    with pytest.raises(StructuredOutputError, match="does not match Verdict"):
        backend.generate_json([{"role": "user", "content": "q"}], Verdict)
