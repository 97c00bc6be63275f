"""The app's page: header, the chat with its result panel, and the Batch/Index/Status tabs."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.ui.batch_tab import BatchHandler, build_batch_tab
from assistant.ui.chat import NOTE_SUFFIXES, ChatHandler, storage_key
from assistant.ui.index_tab import IndexHandler, build_index_tab
from assistant.ui.page_js import RESTORE_CHAT_JS, SAVE_CHAT_JS
from assistant.ui.status_tab import build_status_tab
from assistant.ui.views import EVIDENCE_PLACEHOLDER, EXTRACTION_COLUMNS, HIGHLIGHT_COLORS

EXAMPLE_NOTE = (
    "Extract the findings from this note:\n\n"
    "HPI: 67-year-old man with hypertension and type 2 diabetes presents with 3 days of "
    "productive cough and fever. Denies chest pain. No history of asthma.\n"
    "Medications: metformin 1000 mg PO BID; lisinopril 10 mg PO daily.\n"
    "Allergies: penicillin (hives).\n"
    "Vitals: BP 148/92, HR 104, RR 22, Temp 38.4 C, SpO2 93% on room air.\n"
    "Labs: WBC 14.2 K/uL (high), creatinine 1.1 mg/dL.\n"
    "Assessment: community-acquired pneumonia."
)
EXAMPLE_LITERATURE = "Does pretreatment with statins improve clinical outcome after stroke?"
EXAMPLE_TRIAGE = (
    "Triage: 72-year-old woman with crushing central chest pain radiating to the left arm for "
    "30 minutes, sweaty and nauseated. HR 118, BP 88/54, RR 26, SpO2 91%, alert."
)
EXAMPLES: list[dict[str, str]] = [
    {"display_text": "Note extraction: problems, medications, allergies, vitals and labs "
                     "of a sample note",
     "text": EXAMPLE_NOTE},
    {"display_text": f"Literature: {EXAMPLE_LITERATURE}", "text": EXAMPLE_LITERATURE},
    {"display_text": "Triage: 72-year-old with crushing chest pain, HR 118, BP 88/54",
     "text": EXAMPLE_TRIAGE},
]

TRIAGE_SETTINGS: list[tuple[str, str]] = [
    ("Triage: configured setting", ""), ("Emergency department", "ed"),
    ("Urgent care", "urgent_care"), ("Primary care", "primary_care"),
    ("Self-assessment", "self")]
SPANS_PLACEHOLDER = [("Paste or attach a note in the chat: every finding is highlighted here "
                      "in the note's own text.", None)]
TRIAGE_PLACEHOLDER = ("<p class='ca-muted'>Describe a patient to see the acuity, red flags and "
                      "scores.</p>")
FOOTER = ("ClinAssist assists clinicians; it does not diagnose or prescribe. Check every "
          "extracted item against its highlighted source and every answer against the cited "
          "abstracts. Requests are audited without their text.")


def header_html(title: str, model: str, backend: str, use_llm: bool) -> str:
    mode = f"{backend} · {model}" if use_llm else "rules only (no language model)"
    return (
        '<div id="ca-header"><div class="ca-brand"><span class="ca-logo">✚</span>'
        f'<div><div class="ca-title">{html.escape(title)}</div>'
        '<div class="ca-sub">Clinical text assistant · note extraction · literature with '
        'citations · triage</div></div></div>'
        f'<div class="ca-chip" title="model">{html.escape(mode)}</div></div>')


@dataclass
class Handlers:
    chat: ChatHandler
    batch: BatchHandler
    index: IndexHandler
    status: Any          # () -> Markdown
    header: str


def build_blocks(h: Handlers, title: str, chat_concurrency: int) -> gr.Blocks:
    """Assemble the page. ``chat_concurrency`` bounds Gradio's workers for chat events; the
    fair limiter inside the handler decides who gets the model."""
    with gr.Blocks(title=title, analytics_enabled=False, fill_width=True,
                   delete_cache=(3600, 3600)) as demo:
        gr.HTML(h.header)
        first = h.chat.index.notice()
        notice = gr.Markdown(first, elem_id="index-notice", visible=bool(first))
        timer = gr.Timer(2.0, active=h.chat.index.state == "building")
        with gr.Tabs(elem_id="main-tabs"):
            with gr.Tab("Assistant", id="assistant"):
                chat_key, restore = _chat_tab(h.chat, chat_concurrency)
            with gr.Tab("Batch", id="batch"):
                build_batch_tab(h.batch)
            with gr.Tab("Index", id="index"):
                build_index_tab(h.index)
            with gr.Tab("Status", id="status") as status_tab:
                status_md = build_status_tab(h.status)
        gr.Markdown(FOOTER, elem_id="ca-footer")

        def tick() -> tuple[Any, Any]:
            text = h.chat.index.notice()
            return (gr.Markdown(text, visible=bool(text)),
                    gr.Timer(active=h.chat.index.state == "building"))

        timer.tick(tick, None, [notice, timer], api_visibility="private", show_progress="hidden")
        status_tab.select(h.status, None, [status_md], api_visibility="private")
        # On load: the user's storage key from the server, then the saved chat from the browser.
        demo.load(storage_key, None, [chat_key], api_visibility="private",
                  show_progress="hidden").then(**restore, api_visibility="private",
                                               show_progress="hidden")
    return demo


def _chat_tab(chat: ChatHandler, concurrency: int) -> tuple[gr.Textbox, dict[str, Any]]:
    """The chat column and the result panel; returns the storage-key box and the restore
    event's arguments (bound to the page's load event by ``build_blocks``)."""
    with gr.Row(equal_height=False):
        with gr.Column(scale=5, min_width=420):
            chatbot = gr.Chatbot(
                elem_id="chat", height=600, show_label=False, examples=EXAMPLES,
                placeholder=("### How can I help?\nPaste a clinical note to extract its findings, "
                             "ask a literature question, or describe a patient for triage."),
                buttons=["copy"], feedback_options=None, layout="bubble")
            with gr.Row(elem_id="composer"):
                box = gr.Textbox(label="Message to the assistant", show_label=False, lines=2,
                                 max_lines=12, scale=8, elem_id="prompt", autofocus=True,
                                 placeholder="Paste a note, ask a question, or describe a "
                                             "patient… (Enter sends, Shift+Enter: new line)")
                with gr.Column(scale=1, min_width=110):
                    send = gr.Button("Send", variant="primary", elem_id="send")
                    stop = gr.Button("Stop", variant="stop", size="sm", elem_id="stop")
            hint = gr.Markdown("", elem_id="composer-hint")
            with gr.Row():
                attach = gr.UploadButton("Attach note (.txt)", file_types=sorted(NOTE_SUFFIXES),
                                         size="sm", elem_id="attach")
                attached = gr.Markdown("", elem_id="attached")
                clear = gr.Button("Clear chat", size="sm", variant="secondary")
                # Triage care setting (issue 21): "" keeps the configured triage.setting.
                setting = gr.Dropdown(TRIAGE_SETTINGS, value="", label="Triage care setting",
                                      show_label=False, scale=1, min_width=170,
                                      elem_id="triage-setting")
            note_path = gr.State(None)
            # The user's browser-storage key (hashed name), for the conversation kept there.
            chat_key = gr.Textbox(visible=False, elem_id="chat-key")
        with gr.Column(scale=4, min_width=380, elem_id="side"), \
                gr.Tabs(elem_id="result-tabs") as result_tabs:
            with gr.Tab("Extraction", id="extraction"):
                spans = gr.HighlightedText(SPANS_PLACEHOLDER, label="Note with grounded findings",
                                           color_map=HIGHLIGHT_COLORS, show_legend=True,
                                           combine_adjacent=False, elem_id="spans")
                table = gr.Dataframe(headers=EXTRACTION_COLUMNS, interactive=False, wrap=True,
                                     label="Extracted items", elem_id="extraction-table",
                                     column_widths=["15%", "22%", "22%", "13%", "28%"],
                                     max_height=420, show_search="search")
            with gr.Tab("Evidence", id="evidence"):
                evidence = gr.Markdown(EVIDENCE_PLACEHOLDER, elem_id="evidence")
            with gr.Tab("Triage", id="triage"):
                triage = gr.HTML(TRIAGE_PLACEHOLDER, elem_id="triage")
    outputs = [chatbot, box, note_path, table, spans, triage, evidence, result_tabs, hint]
    inputs = [box, chatbot, note_path, setting]
    common = {"concurrency_limit": concurrency, "concurrency_id": "chat",
              "api_visibility": "private", "show_progress": "hidden"}
    quick = {"api_visibility": "private", "show_progress": "hidden"}
    # Enter is sent by the page's script as a click on Send (Shift+Enter stays a new line);
    # submit remains for a page whose script did not load.
    answers = [box.submit(chat.respond, inputs, outputs, **common),
               send.click(chat.respond, inputs, outputs, **common)]
    for ev in answers:
        ev.then(lambda: "", None, [attached], **quick)

    def pick_example(evt: gr.SelectData) -> str:
        value = evt.value
        return value.get("text", "") if isinstance(value, dict) else str(value)

    answers.append(chatbot.example_select(pick_example, None, [box], **quick).then(
        chat.respond, inputs, outputs, **common))
    stop.click(None, None, None, cancels=answers)

    # The conversation survives a reload: kept in this browser's storage (per user, 12 h),
    # never on the server; restored when the page loads, forgotten by "Clear chat".
    chatbot.change(None, [chatbot, chat_key], None, js=SAVE_CHAT_JS, **quick)
    restore = {"fn": None, "inputs": [chat_key], "outputs": [chatbot], "js": RESTORE_CHAT_JS}

    def on_attach(path: str | None) -> tuple[str | None, str]:
        if not path:
            return None, ""
        size = Path(path).stat().st_size
        return path, f"**{html.escape(Path(path).name)}** attached ({size:,} bytes)"

    attach.upload(on_attach, [attach], [note_path, attached], api_visibility="private")
    clear.click(lambda: ([], None, "", None, SPANS_PLACEHOLDER, TRIAGE_PLACEHOLDER,
                         EVIDENCE_PLACEHOLDER, ""), None,
                [chatbot, note_path, attached, table, spans, triage, evidence, hint], **quick)
    return chat_key, restore


def session_end_handler(end: Callable[[Any], None]) -> Callable[[gr.Request], None]:
    """A ``demo.unload`` handler calling ``end(request)`` when a browser tab closes.

    Gradio hands an event handler the request only when it can resolve the parameter's
    annotation to ``gr.Request``; it resolves it in the handler's module globals, so the
    handler must be defined in a module that imports gradio at the top (like this one), not
    inside a function that imports it locally (there Gradio called it with no argument).
    """
    def end_session(request: gr.Request) -> None:
        end(request)

    return end_session
