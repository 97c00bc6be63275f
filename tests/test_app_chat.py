"""The chat handler's admission path: size limits, busy users, attachments, audit lines."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import gradio as gr
import pytest

from assistant.config import Settings
from assistant.errors import InputError
from assistant.ui.audit import AuditLog
from assistant.ui.chat import (
    EMPTY_HINT,
    ChatHandler,
    build_prompt,
    preview,
    read_attachment,
    storage_key,
    user_of,
)
from assistant.ui.config import AppConfig
from assistant.ui.limits import FairLimiter
from assistant.ui.state import AssistantHolder, IndexJob
from assistant.ui.views import EVIDENCE_PLACEHOLDER


def _never(settings: Settings):
    raise AssertionError("a rejected request must not reach the Assistant")


def _handler(tmp_path: Path, settings: Settings, **cfg) -> ChatHandler:
    config = AppConfig(audit_log=tmp_path / "audit.jsonl", **cfg)
    return ChatHandler(AssistantHolder(settings, factory=_never), IndexJob(tmp_path / "idx"),
                       FairLimiter(1, 1, 2), AuditLog(tmp_path / "audit.jsonl"), config)


def _audit(tmp_path: Path) -> list[dict]:
    return [json.loads(x) for x in (tmp_path / "audit.jsonl").read_text().splitlines()]


def test_prompt_building_and_preview() -> None:
    assert build_prompt("  what is NEWS2? ", None) == "what is NEWS2?"
    assert build_prompt("", "BP 120/80\n") == ("Extract the problems, medications, allergies, "
                                               "vitals and labs from this note:\n\nBP 120/80")
    assert build_prompt("meds only", "note") == "meds only\n\nnote"
    assert preview("short") == "short"
    long = "a" * 1000
    assert preview(long, limit=10) == "aaaaaaaaaa …\n\n*(1,000 characters in all)*"


def test_user_identity() -> None:
    assert user_of(None) == "local"
    assert user_of(SimpleNamespace(username="dr_who", client=None)) == "dr_who"
    assert user_of(SimpleNamespace(username=None, client=SimpleNamespace(host="10.0.0.7"))) \
        == "ip:10.0.0.7"


def test_attachment_rules(tmp_path: Path) -> None:
    assert read_attachment(None, 100) is None
    note = tmp_path / "n.txt"
    note.write_text("HR 110")
    assert read_attachment(str(note), 100) == "HR 110"
    pdf = tmp_path / "n.pdf"
    pdf.write_bytes(b"%PDF")
    with pytest.raises(InputError, match="plain-text note"):
        read_attachment(str(pdf), 100)
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"ab\x00cd")
    with pytest.raises(InputError, match="binary"):
        read_attachment(str(binary), 100)
    with pytest.raises(InputError, match="attached note has 6 characters; the limit is 5"):
        read_attachment(str(note), 5)


def test_too_long_request_is_rejected_and_audited(tmp_path: Path, settings_tmp: Settings) -> None:
    handler = _handler(tmp_path, settings_tmp, max_request_chars=100)
    secret = "Jane Roe " + "x" * 200
    updates = list(handler.respond(secret, [], None, None))
    history = updates[-1][0]
    assert history[-1]["content"].startswith("⚠ the request has 209 characters; the limit is 100")
    [line] = _audit(tmp_path)
    assert line["status"] == "rejected_size" and line["request_chars"] == 209
    assert "Jane" not in (tmp_path / "audit.jsonl").read_text()


def test_busy_user_is_told_to_wait(tmp_path: Path, settings_tmp: Settings) -> None:
    handler = _handler(tmp_path, settings_tmp)
    ticket = handler.limiter.acquire("local")  # this user already has a request running
    try:
        updates = list(handler.respond("Does aspirin prevent stroke?", [], None, None))
    finally:
        ticket.release()
    history = updates[-1][0]
    assert history[0] == {"role": "user", "content": "Does aspirin prevent stroke?"}
    assert "already have 1 request" in history[-1]["content"]
    assert _audit(tmp_path)[0]["status"] == "rejected_busy"


def test_empty_message_gets_a_hint(tmp_path: Path, settings_tmp: Settings) -> None:
    handler = _handler(tmp_path, settings_tmp)
    [update] = list(handler.respond("   ", [], None, None))
    assert update[0] == []
    assert update[1] == gr.skip()          # the box is left as it is
    assert update[-1] == EMPTY_HINT        # and the user is told what to do
    assert not (tmp_path / "audit.jsonl").exists()


def test_over_long_paste_stays_in_the_box_and_numbers_agree(tmp_path: Path,
                                                            settings_tmp: Settings) -> None:
    handler = _handler(tmp_path, settings_tmp, max_request_chars=100)
    pasted = "x" * 100 + "\n"   # 101 characters as pasted; 100 once trimmed
    [update] = list(handler.respond(pasted, [], None, None))
    assert update[1] == gr.skip()          # never wiped
    assert "the request has 101 characters; the limit is 100" in update[0][-1]["content"]
    assert _audit(tmp_path)[0]["request_chars"] == 101


class _ScriptedAssistant:
    """Replays a fixed event sequence, as ``Assistant.stream`` would emit it."""

    def __init__(self, pieces: list[str], route: str = "literature",
                 partial: object | None = None) -> None:
        self.pieces = pieces
        self.route = route
        self.partial = partial

    def stream(self, prompt: str, id: str):
        from assistant.ask import AskEvent

        yield AskEvent("route", self.route)
        if self.partial is not None:
            yield AskEvent("partial", result=self.partial)
        for piece in self.pieces:
            yield AskEvent("token", piece)
        if self.partial is not None:
            yield AskEvent("final", result=self.partial)


def _scripted(tmp_path: Path, settings_tmp: Settings, assistant: _ScriptedAssistant
              ) -> ChatHandler:
    config = AppConfig(audit_log=tmp_path / "audit.jsonl")
    holder = AssistantHolder(settings_tmp, factory=lambda s: assistant)
    return ChatHandler(holder, IndexJob(tmp_path / "idx"), FairLimiter(1, 1, 2),
                       AuditLog(tmp_path / "audit.jsonl"), config)


def test_box_is_emptied_once_so_text_typed_meanwhile_is_kept(tmp_path: Path,
                                                            settings_tmp: Settings) -> None:
    handler = _scripted(tmp_path, settings_tmp, _ScriptedAssistant(["a ", "b"]))
    updates = list(handler.respond("Do statins prevent stroke?", [], None, None))
    assert len(updates) >= 4
    assert updates[0][1] == ""                          # taken: emptied as the answer starts
    assert all(u[1] == gr.skip() for u in updates[1:])  # never touched again
    # The Evidence panel is reset as the answer starts: no earlier question's abstracts.
    assert updates[0][6] == EVIDENCE_PLACEHOLDER


def test_deterministic_result_comes_before_model_text(tmp_path: Path,
                                                      settings_tmp: Settings) -> None:
    from assistant.ask import AskResult
    from assistant.schema import TriageRecord

    record = TriageRecord(id="t", acuity=2, level="emergency", red_flags=["chest pain"],
                          reasons=["HR 118"], advice="Assess now.")
    rules = AskResult("t", "triage", False, "**Acuity 2 (emergency)**", triage=record)
    handler = _scripted(tmp_path, settings_tmp, _ScriptedAssistant(
        ["Model ", "words."], route="triage", partial=rules))
    contents = []
    for update in handler.respond("chest pain HR 118", [], None, None):
        last = update[0][-1]
        is_answer = last.get("role") == "assistant" and "metadata" not in last
        if is_answer and (not contents or contents[-1][0] != last["content"]):
            contents.append((last["content"], update[5]))
    first, triage_panel = contents[0]
    # The first visible answer is the rules result with its badge panel, and no model text.
    assert '<div class="ca-det">' in first and "Acuity 2 (emergency)" in first
    assert "ca-llm" not in first and "Model" not in first
    assert 'class="ca-badge"' in triage_panel
    final = contents[-1][0]
    assert final.index("ca-det") < final.index('class="ca-llm"') < final.index("Model words.")


def test_storage_key_is_per_user_and_hashed() -> None:
    alice = storage_key(SimpleNamespace(username="alice", client=None))
    bob = storage_key(SimpleNamespace(username="bob", client=None))
    assert alice != bob and alice.startswith("clinassist-chat-") and "alice" not in alice
    assert alice == "clinassist-chat-2bd806c97f0e00af"  # sha256("alice")[:16]


def test_answer_streams_piece_by_piece(tmp_path: Path, settings_tmp: Settings) -> None:
    """Each streamed piece reaches the browser as its own update (the browser test cannot
    time this reliably when the extractive answer is composed in microseconds)."""
    pieces = ["Yes. ", "Statins lower risk [PMID:1]. ", "Evidence is moderate."]
    handler = _scripted(tmp_path, settings_tmp, _ScriptedAssistant(pieces))
    seen: list[str] = []
    for update in handler.respond("Do statins prevent stroke?", [], None, None):
        last = update[0][-1]
        is_answer = last.get("role") == "assistant" and "metadata" not in last
        if is_answer and (not seen or seen[-1] != last["content"]):
            seen.append(last["content"])
    assert len(seen) == 3
    assert seen[0] == "Yes. "
    assert seen[-1].startswith("Yes. Statins lower risk [PMID:1](")  # linked citation
    assert seen[-1].endswith("Evidence is moderate.")
    [line] = _audit(tmp_path)
    assert line["route"] == "literature" and line["first_token_ms"] >= 0


def test_general_model_text_is_shown_only_final_and_labelled(tmp_path: Path,
                                                              settings_tmp: Settings) -> None:
    """Model-only text never streams unlabelled: the general route's tokens are held until
    the final result, whose ``unverified_model`` provenance puts it in the labelled box."""
    from assistant.ask import AskResult

    final = AskResult("g", "general", False, "Apixaban 10mg/day.")
    final.provenance = "unverified_model"  # type: ignore[attr-defined]
    handler = _scripted(tmp_path, settings_tmp, _FinalAfter(["Apixaban ", "10mg/day."], final))
    answers = []
    for update in handler.respond("apixaban dose in atrial fibrillation", [], None, None):
        last = update[0][-1]
        if last.get("role") == "assistant" and "metadata" not in last:
            answers.append(last["content"])
    assert answers, "the final answer must be shown"
    assert all('<div class="ca-unverified">' in a for a in answers)   # never unboxed
    assert "not sourced: unverified model text" in answers[-1]


class _FinalAfter(_ScriptedAssistant):
    def __init__(self, pieces: list[str], final: object) -> None:
        super().__init__(pieces, route="general")
        self.final = final

    def stream(self, prompt: str, id: str):
        from assistant.ask import AskEvent

        yield from super().stream(prompt, id)
        yield AskEvent("final", result=self.final)
