"""The chat's request handler: limits, fair queueing, streaming through ``Assistant.stream``.

``ChatHandler.respond`` is a generator Gradio calls per message; it yields the chat history
(plus side-panel updates at the end) so tokens appear as the model produces them. Every
request, admitted or not, leaves exactly one audit line (no text in it).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import ClinAssistError, InputError
from assistant.ui.audit import AuditLog
from assistant.ui.config import AppConfig
from assistant.ui.limits import BusyError, FairLimiter, check_request_size
from assistant.ui.state import AssistantHolder, IndexJob
from assistant.ui.views import (
    EVIDENCE_PLACEHOLDER,
    link_citations,
    llm_html,
    partial_markdown,
    render_result,
)

log = logging.getLogger(__name__)

PREVIEW_CHARS = 700
ROUTE_TITLE = {
    "extraction": "Extracting facts from the note",
    "literature": "Searching the literature",
    "triage": "Triage assessment",
    "general": "General question",
    "refused": "Request declined",
}
NOTE_SUFFIXES = {".txt", ".md", ".text"}
EMPTY_HINT = "Type a message, paste a note or attach one, then press Enter or Send."


def user_of(request: gr.Request | None) -> str:
    """The logged-in user, else the client address (what per-user limits and audit key on)."""
    if request is None:
        return "local"
    name = getattr(request, "username", None)
    if name:
        return str(name)
    client = getattr(request, "client", None)
    return f"ip:{getattr(client, 'host', None) or 'unknown'}"


def storage_key(request: gr.Request | None) -> str:
    """The browser-storage key of this user's saved conversation: per user, hashed (the
    name is not written into the browser's storage)."""
    import hashlib

    digest = hashlib.sha256(user_of(request).encode("utf-8")).hexdigest()[:16]
    return f"clinassist-chat-{digest}"


def read_attachment(path: str | Path | None, max_chars: int) -> str | None:
    """Text of an attached note file (UTF-8 text only), checked against the size limit."""
    if not path:
        return None
    p = Path(path)
    if p.suffix.lower() not in NOTE_SUFFIXES:
        raise InputError(f"attach a plain-text note ({', '.join(sorted(NOTE_SUFFIXES))}); "
                         "use the Batch tab for JSON/CSV files")
    raw = p.read_bytes()
    if b"\x00" in raw[:4096]:
        raise InputError("the attached file is binary, not a text note")
    text = raw.decode("utf-8", errors="replace")
    check_request_size(text, max_chars, "attached note")
    return text


def build_prompt(message: str, note: str | None) -> str:
    """The prompt sent to the Assistant: the message, then the attached note (if any)."""
    message = (message or "").strip()
    if note is None:
        return message
    lead = message or "Extract the problems, medications, allergies, vitals and labs from this note:"
    return f"{lead}\n\n{note.strip()}"


def preview(prompt: str, limit: int = PREVIEW_CHARS) -> str:
    """What the user's chat bubble shows: long notes are cut, with their length stated."""
    if len(prompt) <= limit:
        return prompt
    return f"{prompt[:limit].rstrip()} …\n\n*({len(prompt):,} characters in all)*"


@dataclass
class ChatHandler:
    """Everything one chat request needs; ``respond`` is the Gradio event function."""

    holder: AssistantHolder
    index: IndexJob
    limiter: FairLimiter
    audit: AuditLog
    config: AppConfig
    sessions: Any = None  # assistant.ui.sessions.SessionStore: private indexes and files

    def respond(self, message: str, history: list[dict] | None, attachment: str | None,
                request: gr.Request | None = None, setting: str | None = None) -> Iterator[tuple]:
        """Yield (chat, textbox, attachment, table, spans, triage, evidence, tabs, hint) updates.

        The text box is emptied by the first update only, as the request is taken; later
        updates leave it alone, so text typed while the answer runs is kept. An over-long
        message stays in the box (nothing pasted is lost); an empty one gets a hint.
        ``setting``: the triage care setting picked in the UI ("" or None: the configured one).
        """
        t0 = time.perf_counter()
        user = user_of(request)
        history = list(history or [])
        skip = gr.skip()
        panels = (skip, skip, skip, skip, skip)
        holder = self.holder if self.sessions is None else self.sessions.holder(request, self.holder)
        if self.sessions is not None and attachment:
            self.sessions.track(request, [attachment])  # deleted when the session ends

        box: list[Any] = [""]  # the first update empties the box; the next ones skip it
        hint: list[Any] = [""]

        def out(*tail: Any) -> tuple:
            update = (history, box[0], None, *(tail or panels), hint[0])
            box[0] = hint[0] = skip
            return update

        try:
            # The size the user sees is the size of what they pasted (before any trimming),
            # so the limit message and the counter agree.
            check_request_size(message or "", self.config.max_request_chars)
            prompt = build_prompt(message,
                                  read_attachment(attachment, self.config.max_request_chars))
            check_request_size(prompt, self.config.max_request_chars)
        except InputError as exc:
            box[0] = skip  # keep the over-long text where the user can shorten it
            history += [{"role": "user", "content": preview(message or "(attachment)")},
                        {"role": "assistant", "content": f"⚠ {exc}"}]
            self._audit(user, None, len(message or ""), t0, "rejected_size")
            yield out()
            return
        if not prompt:
            box[0], hint[0] = skip, EMPTY_HINT
            yield out()
            return
        history.append({"role": "user", "content": preview(prompt)})
        try:
            ticket = self.limiter.acquire(user, getattr(request, "session_hash", None))
        except BusyError as exc:
            history.append({"role": "assistant", "content": f"{exc}"})
            self._audit(user, None, len(prompt), t0, "rejected_busy")
            yield out()
            return
        status_msg: dict[str, Any] = {"role": "assistant", "content": "",
                                      "metadata": {"title": "Queued", "status": "pending"}}
        history.append(status_msg)
        route: str | None = None
        status = "cancelled"
        first_token: float | None = None
        # The Evidence panel shows this answer's documents only: cleared as it starts.
        cleared = (skip, skip, skip, EVIDENCE_PLACEHOLDER, skip)
        try:
            yield out(*cleared)
            while not ticket.wait(0.5):
                ahead = ticket.ahead
                status_msg["metadata"]["title"] = (
                    f"Waiting for a free slot ({ahead} ahead)" if ahead
                    else "Waiting for the model (loading or busy)…")
                yield out()
            status_msg["metadata"]["title"] = "Reading the request…"
            yield out()
            answer: dict[str, Any] | None = None
            text = ""
            head = ""  # the deterministic result, once a partial came; model text goes below
            # Passed only when picked, so that an assistant without the option still works.
            extra = {"triage_setting": setting} if setting else {}
            for event in holder.get().stream(prompt, id=f"chat-{int(t0 * 1000)}", **extra):
                if event.kind == "route":
                    route = event.text
                    status_msg["metadata"]["title"] = ROUTE_TITLE.get(route, route)
                    yield out()
                    if route == "literature":
                        yield from self._wait_for_index(status_msg, out)
                elif event.kind == "partial" and event.result is not None:
                    # Deterministic first: shown (chat and panels) before any model text.
                    if first_token is None:
                        first_token = time.perf_counter()
                    view = render_result(event.result)
                    head = partial_markdown(event.result)
                    if answer is None:
                        answer = {"role": "assistant", "content": ""}
                        history.append(answer)
                    answer["content"] = head
                    yield out(*self._panel_updates(event.result, view))
                elif event.kind == "token" and route == "general" and not head:
                    # A general answer may be model-only text: it is shown only when final,
                    # when its provenance is known and unsourced text gets its labelled box
                    # (never streamed as if it were a sourced answer).
                    text += event.text
                    status_msg["metadata"]["title"] = "Composing the answer…"
                    yield out()
                elif event.kind == "token":
                    if first_token is None:
                        first_token = time.perf_counter()
                    text += event.text
                    if answer is None:
                        answer = {"role": "assistant", "content": ""}
                        history.append(answer)
                    answer["content"] = (head + "\n\n" + llm_html(text)) if head \
                        else link_citations(text)
                    yield out()
                elif event.kind == "final" and event.result is not None:
                    result = event.result
                    route = result.route
                    view = render_result(result)
                    if answer is None:
                        answer = {"role": "assistant", "content": ""}
                        history.append(answer)
                    answer["content"] = (head + ("\n\n" + llm_html(text) if text else "")) \
                        if head else view.chat
                    status_msg["metadata"].update(
                        status="done", duration=round(time.perf_counter() - t0, 1))
                    status = "refused" if result.refused else ("error" if result.error else "ok")
                    yield out(*self._panel_updates(result, view))
        except ClinAssistError as exc:
            status = "error"
            history.append({"role": "assistant", "content": f"⚠ {exc}"})
            status_msg["metadata"]["status"] = "done"
            yield out()
        except Exception as exc:  # shown to the user; logged by type only (may hold note text)
            status = "error"
            log.warning("chat request failed: %s", type(exc).__name__)
            history.append({"role": "assistant",
                            "content": f"⚠ Internal error ({type(exc).__name__}). "
                                       "The request was not completed."})
            status_msg["metadata"]["status"] = "done"
            yield out()
        finally:
            ticket.release()
            self._audit(user, route, len(prompt), t0, status,
                        first_token_s=None if first_token is None else first_token - t0)

    def _wait_for_index(self, status_msg: dict, out: Any) -> Iterator[tuple]:
        """Hold a literature request while the index is being built (the Assistant would
        otherwise start a second build)."""
        while not self.index.wait(1.0):
            status_msg["metadata"]["title"] = (
                f"Waiting for the literature index build ({self.index.elapsed():.0f} s)")
            yield out()
        status_msg["metadata"]["title"] = ROUTE_TITLE["literature"]

    @staticmethod
    def _panel_updates(result: Any, view: Any) -> tuple:
        """Side-panel updates: only the parts this result has; the rest keep what they show."""
        skip = gr.skip()
        return (
            view.table if result.extraction is not None else skip,
            view.spans if result.extraction is not None else skip,
            view.triage if result.triage is not None else skip,
            view.evidence or EVIDENCE_PLACEHOLDER,
            gr.Tabs(selected=view.tab) if view.tab else skip,
        )

    def _audit(self, user: str, route: str | None, chars: int, t0: float, status: str,
               first_token_s: float | None = None) -> None:
        try:
            self.audit.record(user=user, kind="chat", route=route, request_chars=chars,
                              latency_s=time.perf_counter() - t0, status=status,  # type: ignore[arg-type]
                              first_token_s=first_token_s)
        except OSError as exc:  # the audit trail failing must be visible to operators
            log.error("audit log write failed: %s", exc)
