"""OpenAI-compatible backend: vLLM, TGI, llama.cpp server, Ollama or any ``/v1/chat/completions``.

Timeouts on every request; bounded retries with exponential backoff on retryable failures only
(connection errors, timeouts, 408/409/429/5xx), honouring ``Retry-After``. Streaming uses
server-sent events. Constrained JSON goes through the server: ``response_format`` with a JSON
schema (OpenAI, vLLM, llama.cpp) or vLLM's ``guided_json``.
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
from collections.abc import Iterator
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel

from assistant.config import Settings
from assistant.errors import BackendError, StructuredOutputError
from assistant.llm.base import GenerationParams, Message, parse_json_output

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)
RETRYABLE_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})


class OpenAIBackend:
    """Chat completions against an OpenAI-compatible HTTP server."""

    name = "openai"

    def __init__(self, settings: Settings, *, transport: httpx.BaseTransport | None = None,
                 sleep: Any = time.sleep) -> None:
        self.settings = settings
        cfg = settings.openai
        headers = {"Content-Type": "application/json"}
        key = os.environ.get(cfg.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        self._client = httpx.Client(base_url=cfg.base_url.rstrip("/") + "/", headers=headers,
                                    timeout=httpx.Timeout(cfg.timeout_s, connect=10.0),
                                    transport=transport)
        self._sleep = sleep

    # -- request plumbing ---------------------------------------------------------------
    def _body(self, messages: list[Message], params: GenerationParams | None,
              json_mode: bool = False) -> dict[str, Any]:
        g = self.settings.generation
        p = params or GenerationParams()
        body: dict[str, Any] = {
            "model": self.settings.openai.model,
            "messages": messages,
            "max_tokens": p.max_new_tokens or (g.json_max_new_tokens if json_mode
                                               else g.max_new_tokens),
            "temperature": g.temperature if p.temperature is None else p.temperature,
            "top_p": g.top_p if p.top_p is None else p.top_p,
        }
        if p.stop:
            body["stop"] = list(p.stop)
        return body

    def _backoff(self, attempt: int, response: httpx.Response | None) -> float:
        if response is not None:
            retry_after = response.headers.get("retry-after")
            if retry_after and retry_after.replace(".", "", 1).isdigit():
                return min(float(retry_after), 30.0)
        return min(0.5 * 2 ** attempt, 8.0) * (0.5 + random.random() / 2)

    def _send(self, body: dict[str, Any], *, stream: bool) -> httpx.Response:
        """POST with bounded retries; returns an open response with a 2xx status."""
        retries = self.settings.openai.max_retries
        last: str = ""
        for attempt in range(retries + 1):
            response: httpx.Response | None = None
            try:
                request = self._client.build_request("POST", "chat/completions", json=body)
                response = self._client.send(request, stream=stream)
            except (httpx.ConnectError, httpx.TimeoutException, httpx.RemoteProtocolError) as exc:
                last = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code < 300:
                    return response
                detail = _error_detail(response)
                if response.status_code not in RETRYABLE_STATUS:
                    raise BackendError(f"server at {self.settings.openai.base_url} refused the "
                                       f"request (HTTP {response.status_code}): {detail}")
                last = f"HTTP {response.status_code}: {detail}"
            if attempt < retries:
                delay = self._backoff(attempt, response)
                log.warning("LLM server request failed (%s); retry %d/%d in %.1f s",
                            last.split(":")[0], attempt + 1, retries, delay)
                self._sleep(delay)
        raise BackendError(f"server at {self.settings.openai.base_url} failed after "
                           f"{retries + 1} attempts ({last}); check that it is running "
                           "and reachable, or raise openai.max_retries")

    def _complete(self, body: dict[str, Any]) -> str:
        response = self._send(body, stream=False)
        try:
            data = response.json()
            return data["choices"][0]["message"]["content"] or ""
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise BackendError("server reply is not an OpenAI chat completion "
                               f"({type(exc).__name__}); is base_url the /v1 endpoint?") from exc

    # -- LLMBackend ---------------------------------------------------------------------
    def generate(self, messages: list[Message], params: GenerationParams | None = None) -> str:
        """The assistant's reply to ``messages``."""
        return self._complete(self._body(messages, params))

    def generate_batch(self, batch: list[list[Message]],
                       params: GenerationParams | None = None) -> list[str]:
        """Replies in order (the server batches concurrent work itself)."""
        return [self.generate(m, params) for m in batch]

    def stream(self, messages: list[Message],
               params: GenerationParams | None = None) -> Iterator[str]:
        """Yield text pieces from the server's SSE stream."""
        body = self._body(messages, params) | {"stream": True}
        response = self._send(body, stream=True)
        try:
            for line in response.iter_lines():
                if not line.startswith("data:"):
                    continue
                payload = line[5:].strip()
                if payload == "[DONE]":
                    break
                try:
                    chunk = json.loads(payload)
                except json.JSONDecodeError as exc:
                    raise BackendError("server sent a malformed stream event") from exc
                choices = chunk.get("choices") or [{}]
                piece = (choices[0].get("delta") or {}).get("content")
                if piece:
                    yield piece
        except httpx.HTTPError as exc:
            raise BackendError(f"stream from the LLM server broke off: {exc}") from exc
        finally:
            response.close()

    def generate_json(self, messages: list[Message], schema: type[T],
                      params: GenerationParams | None = None) -> T:
        """An instance of ``schema``, constrained by the server's guided decoding."""
        body = self._body(messages, params, json_mode=True)
        json_schema = schema.model_json_schema()
        if self.settings.openai.json_mode == "guided_json":
            body["guided_json"] = json_schema
        else:
            body["response_format"] = {"type": "json_schema", "json_schema": {
                "name": schema.__name__, "schema": json_schema, "strict": True}}
        return parse_json_output(self._complete(body), schema)

    def generate_json_batch(self, batch: list[list[Message]], schema: type[T],
                            params: GenerationParams | None = None,
                            ) -> list[T | StructuredOutputError]:
        """Constrained JSON for several conversations; failures come back as errors in place."""
        out: list[T | StructuredOutputError] = []
        for messages in batch:
            try:
                out.append(self.generate_json(messages, schema, params))
            except StructuredOutputError as exc:
                out.append(exc)
        return out

    def describe(self) -> dict[str, object]:
        """Server and model name (never the API key)."""
        return {"backend": self.name, "model": self.settings.openai.model,
                "base_url": self.settings.openai.base_url, "adapter": None,
                "device": "remote", "dtype": None}


def _error_detail(response: httpx.Response) -> str:
    try:
        response.read()
        data = response.json()
        err = data.get("error", data) if isinstance(data, dict) else data
        msg = err.get("message") if isinstance(err, dict) else err
        return str(msg)[:300]
    except (ValueError, httpx.HTTPError):
        return response.text[:300] if response.text else response.reason_phrase
