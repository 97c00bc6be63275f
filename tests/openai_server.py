"""A small, real OpenAI-compatible HTTP server that the tests own (stdlib http.server + torch).

    python tests/openai_server.py --model DIR [--port 0] [--slots 2] [--served-model-name NAME]

Serves any Hugging Face causal-LM folder (the tests use a tiny random llama) the way vLLM
does for the parts the project relies on:

- ``POST /v1/chat/completions`` (chat template) and ``POST /v1/completions`` (raw prompt),
  greedy decoding with a KV cache, ``max_tokens``, ``stop``, ``finish_reason``;
- ``stream: true``: server-sent events (``data: {chunk}`` ... ``data: [DONE]``);
- ``response_format`` ``{"type": "json_schema", "json_schema": {"schema": ...}}`` or
  ``{"type": "json_object"}``, and vLLM's ``guided_json``: every token is masked by an
  xgrammar matcher (vLLM's guided-decoding engine); an invalid schema is HTTP 400;
- ``--slots N``: at most N generations at once, the rest wait in line (vLLM queues);
- faults for tests: ``POST /admin/faults`` with ``{"faults": [{"status": 429,
  "retry_after": 0}, {"status": 503}, {"stall_s": 3}]}`` queues them for the next completion
  requests, one each; ``GET /stats`` reports requests, completions, faults served and the
  most generations that ever ran at once, requests still being handled (``inflight``) and
  generations aborted because the client hung up (``aborted``).

Prints ``READY <port>`` on stdout once it listens. Not a product component.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import select
import socket
import sys
import threading
import time
import uuid
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class BadRequest(Exception):
    """A request the server refuses with HTTP 400 (as vLLM does)."""


class Engine:
    """Model, tokenizer, grammar compiler, slots, fault queue and counters."""

    def __init__(self, model_dir: str, slots: int, name: str) -> None:
        import torch
        import xgrammar as xgr
        from transformers import AutoModelForCausalLM, AutoTokenizer

        torch.set_num_threads(1)
        self.torch, self.xgr = torch, xgr
        self.name = name
        self.tok = AutoTokenizer.from_pretrained(model_dir)
        self.model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
        self.vocab_size = self.model.config.vocab_size
        info = xgr.TokenizerInfo.from_huggingface(self.tok, vocab_size=self.vocab_size)
        self.compiler = xgr.GrammarCompiler(info)
        self.eos = {self.tok.eos_token_id} - {None}
        self.slots = threading.Semaphore(slots)
        self.lock = threading.Lock()
        self.faults: deque[dict[str, Any]] = deque()
        self.stats = {"requests": 0, "completions": 0, "faults": 0, "active": 0, "max_active": 0,
                      "inflight": 0, "aborted": 0}

    # -- grammar ----------------------------------------------------------------------
    def grammar(self, body: dict[str, Any]) -> Any:
        """A fresh xgrammar matcher for the request's JSON constraint, or None."""
        schema: Any = body.get("guided_json")
        rf = body.get("response_format") or {}
        if not isinstance(rf, dict):
            raise BadRequest("response_format must be an object")
        kind = rf.get("type", "text")
        if schema is None and kind == "json_schema":
            schema = (rf.get("json_schema") or {}).get("schema")
            if schema is None:
                raise BadRequest("response_format json_schema needs json_schema.schema")
        elif schema is None and kind not in ("text", "json_object"):
            raise BadRequest(f"unknown response_format type {kind!r}")
        try:
            if schema is not None:
                text = schema if isinstance(schema, str) else json.dumps(schema)
                compiled = self.compiler.compile_json_schema(text, any_whitespace=False)
            elif kind == "json_object":
                compiled = self.compiler.compile_builtin_json_grammar()
            else:
                return None
        except Exception as exc:  # xgrammar raises RuntimeError/ValueError on a bad schema
            raise BadRequest(f"invalid JSON schema: {str(exc)[:200]}") from exc
        return self.xgr.GrammarMatcher(compiled)

    # -- decoding ---------------------------------------------------------------------
    def prompt_ids(self, body: dict[str, Any], chat: bool) -> list[int]:
        if chat:
            messages = body.get("messages")
            if not isinstance(messages, list) or not messages:
                raise BadRequest("messages must be a non-empty list")
            return list(self.tok.apply_chat_template(messages, add_generation_prompt=True,
                                                     tokenize=True, return_dict=False))
        prompt = body.get("prompt")
        if not isinstance(prompt, str):
            raise BadRequest("prompt must be a string")
        return self.tok(prompt, add_special_tokens=False)["input_ids"]

    def generate(self, ids: list[int], max_tokens: int, matcher: Any,
                 stop: list[str], gone: Any = None) -> Any:
        """Yield (text piece, finish_reason or None); greedy, masked by ``matcher``.

        Stops with ``"abort"`` once ``gone()`` says the client hung up (vLLM aborts too).
        """
        torch, xgr = self.torch, self.xgr
        bitmask = xgr.allocate_token_bitmask(1, self.vocab_size) if matcher else None
        past, inp, out_ids, text = None, torch.tensor([ids]), [], ""
        for _ in range(max_tokens):
            if gone is not None and gone():
                with self.lock:
                    self.stats["aborted"] += 1
                yield "", "abort"
                return
            with torch.no_grad():
                res = self.model(input_ids=inp, past_key_values=past, use_cache=True)
            past = res.past_key_values
            logits = res.logits[0, -1].float().unsqueeze(0)
            if matcher is not None:
                matcher.fill_next_token_bitmask(bitmask)
                xgr.apply_token_bitmask_inplace(logits, bitmask)
            nxt = int(logits.argmax(-1))
            if matcher is not None and not matcher.accept_token(nxt):
                yield "", "stop"
                return
            if nxt in self.eos or (matcher is not None and matcher.is_terminated()):
                yield "", "stop"
                return
            out_ids.append(nxt)
            new = self.tok.decode(out_ids, skip_special_tokens=True)
            hit = next((s for s in stop if s in new), None)
            if hit is not None:
                yield new[len(text):new.index(hit)], "stop"
                return
            if not new.endswith("\ufffd"):  # wait for the rest of a multi-byte character
                yield new[len(text):], None
                text = new
            inp = torch.tensor([[nxt]])
        yield "", "length"

    def next_fault(self) -> dict[str, Any] | None:
        with self.lock:
            self.stats["requests"] += 1
            if self.faults:
                self.stats["faults"] += 1
                return self.faults.popleft()
            return None

    def slot(self) -> Any:
        engine = self

        class _Slot:
            def __enter__(self) -> None:
                engine.slots.acquire()
                with engine.lock:
                    engine.stats["active"] += 1
                    engine.stats["max_active"] = max(engine.stats["max_active"],
                                                     engine.stats["active"])

            def __exit__(self, *exc: object) -> None:
                with engine.lock:
                    engine.stats["active"] -= 1
                    engine.stats["completions"] += 1
                engine.slots.release()

        return _Slot()


class Handler(BaseHTTPRequestHandler):
    """One request; HTTP/1.0, so a stream simply ends when the connection closes."""

    engine: Engine

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
        raw = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(raw)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._json(status, {"error": {"message": message, "code": status,
                                      "type": "BadRequestError" if status == 400 else "Error"}},
                   headers)

    def do_GET(self) -> None:
        if self.path == "/v1/models":
            self._json(200, {"object": "list", "data": [{"id": self.engine.name,
                                                         "object": "model"}]})
        elif self.path in ("/health", "/stats"):
            with self.engine.lock:
                self._json(200, dict(self.engine.stats))
        else:
            self._error(404, f"no route {self.path}")

    def do_POST(self) -> None:
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        except (ValueError, json.JSONDecodeError):
            self._error(400, "body is not JSON")
            return
        if self.path == "/admin/faults":
            with self.engine.lock:
                self.engine.faults.extend(body.get("faults", []))
                if body.get("reset"):
                    self.engine.stats.update(requests=0, completions=0, faults=0, max_active=0,
                                             aborted=0)
            self._json(200, {"queued": len(self.engine.faults)})
        elif self.path in ("/v1/chat/completions", "/v1/completions"):
            self._complete(body, chat=self.path.endswith("chat/completions"))
        else:
            self._error(404, f"no route {self.path}")

    def _client_gone(self) -> bool:
        """Whether the client closed the connection (readable with nothing to read)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def _complete(self, body: dict[str, Any], chat: bool) -> None:
        with self.engine.lock:
            self.engine.stats["inflight"] += 1
        try:
            self._complete_one(body, chat)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its timeout); nothing to answer
        finally:
            with self.engine.lock:
                self.engine.stats["inflight"] -= 1

    def _complete_one(self, body: dict[str, Any], chat: bool) -> None:
        engine = self.engine
        fault = engine.next_fault()
        if fault is not None:
            if "stall_s" in fault:
                time.sleep(float(fault["stall_s"]))  # the client's timeout should fire first
            if "status" in fault:
                headers = ({"Retry-After": str(fault["retry_after"])}
                           if "retry_after" in fault else None)
                self._error(int(fault["status"]), "injected fault", headers)
                return
        try:
            matcher = engine.grammar(body)
            ids = engine.prompt_ids(body, chat)
            max_tokens = int(body.get("max_tokens") or 16)
            stop = body.get("stop") or []
            stop = [stop] if isinstance(stop, str) else list(stop)
        except BadRequest as exc:
            self._error(400, str(exc))
            return
        rid = f"cmpl-{uuid.uuid4().hex[:12]}"
        with engine.slot():
            pieces = engine.generate(ids, max_tokens, matcher, stop, self._client_gone)
            if body.get("stream"):
                self._stream(pieces, rid, chat)
                return
            text, finish = "", "length"
            for piece, reason in pieces:
                text += piece
                finish = reason or finish
        if finish == "abort":
            return
        choice: dict[str, Any] = {"index": 0, "finish_reason": finish}
        if chat:
            choice["message"] = {"role": "assistant", "content": text}
        else:
            choice["text"] = text
        self._json(200, {"id": rid, "object": "chat.completion" if chat else "text_completion",
                         "created": int(time.time()), "model": engine.name,
                         "choices": [choice]})

    def _stream(self, pieces: Any, rid: str, chat: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        obj = "chat.completion.chunk" if chat else "text_completion"
        for piece, reason in pieces:
            if reason == "abort":
                return
            if not piece and reason is None:
                continue
            choice: dict[str, Any] = {"index": 0, "finish_reason": reason}
            if chat:
                choice["delta"] = {"content": piece} if piece else {}
            else:
                choice["text"] = piece
            event = {"id": rid, "object": obj, "model": self.engine.name, "choices": [choice]}
            self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


def main() -> int:
    """Load the model, listen, print ``READY <port>``, serve until killed."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", required=True, help="Hugging Face causal-LM folder")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0: any free port")
    p.add_argument("--slots", type=int, default=1, help="generations at once; others wait")
    p.add_argument("--served-model-name", default="default")
    a = p.parse_args()
    if a.slots < 1:
        p.error("--slots must be >= 1")
    Handler.engine = Engine(a.model, a.slots, a.served_model_name)
    server = ThreadingHTTPServer((a.host, a.port), Handler)
    server.daemon_threads = True
    print(f"READY {server.server_address[1]}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
