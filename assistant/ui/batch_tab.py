"""Batch tab: upload several notes, extract them all, download JSONL records or FHIR bundles.

Goes through the shared ``run_batch`` (one output line per note, in order, errors included)
and the fair limiter like any chat request, so a big batch waits its turn for the model.

The result is written to the session's private folder and offered as a link that only the
session's user can open (``assistant.ui.sessions``); it never enters Gradio's shared cache,
and it is deleted when the session ends or the app stops.
"""

from __future__ import annotations

import html
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.batch import BatchItem, run_batch
from assistant.errors import ClinAssistError, InputError
from assistant.schema import ExtractionRecord
from assistant.ui.audit import AuditLog
from assistant.ui.chat import user_of
from assistant.ui.config import AppConfig
from assistant.ui.limits import BusyError, FairLimiter, check_request_size
from assistant.ui.sessions import SessionStore
from assistant.ui.state import AssistantHolder

BATCH_SUFFIXES = [".txt", ".md", ".json", ".jsonl", ".csv"]
#: Gradio injects a progress tracker into a parameter whose default is a Progress object.
_PROGRESS = gr.Progress()


class BatchCancelledError(ClinAssistError):
    """The batch's page was closed; its remaining notes get this error instead of a result."""


FORMATS = {"Extraction records (JSONL)": "jsonl", "FHIR R4 bundles (NDJSON)": "fhir"}


def read_notes(files: list[str], max_chars: int) -> list[BatchItem]:
    """The notes in the uploaded files (the extraction CLI's reader), payload
    ``(note_id, text)``; a note over ``max_chars`` becomes an item with ``error``."""
    from assistant.extract.io import iter_note_items

    items = []
    for item in iter_note_items([Path(f) for f in files], max_chars):
        if item.payload is not None:
            try:
                check_request_size(item.payload[1], max_chars, "note")
            except InputError as exc:
                item = BatchItem(item.key, None, str(exc))
        items.append(item)
    return items


class BatchHandler:
    """Runs uploaded notes through the extractor and returns a downloadable file."""

    def __init__(self, holder: AssistantHolder, limiter: FairLimiter, audit: AuditLog,
                 config: AppConfig, sessions: SessionStore | None = None) -> None:
        """``sessions``: where per-user files go (the app always gives it; without it, a
        private temporary folder is used)."""
        self.holder, self.limiter, self.audit, self.config = holder, limiter, audit, config
        self.sessions = sessions

    def _out_dir(self, request: gr.Request | None) -> Path:
        """A new private (0700) folder for one batch result: in the session's folder."""
        if self.sessions is not None and request is not None:
            session = self.sessions.session(request)
            out_dir = session.dir / f"batch-{secrets.token_hex(8)}"
            out_dir.mkdir(mode=0o700)
            return out_dir
        return Path(tempfile.mkdtemp(prefix="clinassist-batch-"))  # mode 0700

    def run_for_download(self, files: list[str] | None, fmt_label: str, request: gr.Request,
                         progress: gr.Progress = _PROGRESS) -> tuple[str, str]:
        """The Batch tab's event: ``run``, then a download link only this user can open."""
        if self.sessions is not None and files:
            self.sessions.track(request, list(files))  # deleted with the session
        path, summary = self.run(files, fmt_label, request, progress)
        if path is None or self.sessions is None:
            return "", summary
        url = self.sessions.offer(request, Path(path))
        name = html.escape(Path(path).name)
        return (f'<a class="ca-download" href="{url}" download="{name}">⬇ Download '
                f"{name}</a> <span class='ca-muted'>(only you can open this link; it is "
                "deleted when you close the page)</span>"), summary

    def _get_extractor(self) -> Any:
        # The chat's extractor: loaded once, shared by chat and batch.
        return self.holder.get().extractor

    def run(self, files: list[str] | None, fmt_label: str, request: gr.Request,
            progress: gr.Progress = _PROGRESS) -> tuple[str | None, str]:
        """Extract every note in ``files``; return (download path, summary Markdown)."""
        if not files:
            return None, "Upload one or more note files first."
        if len(files) > self.config.max_batch_files:
            return None, (f"⚠ {len(files)} files; the limit is {self.config.max_batch_files} "
                          "per batch. Use `python -m assistant.extract` for large batches.")
        fmt = FORMATS.get(fmt_label, "jsonl")
        try:
            items = read_notes(files, self.config.max_request_chars)
        except InputError as exc:
            return None, f"⚠ {exc}"
        user, t0, status = user_of(request), time.perf_counter(), "error"
        try:
            session = getattr(request, "session_hash", None)
            with self.limiter.slot(user, session=session) as ticket:
                progress(0, desc="Loading the extractor")
                extractor = self._get_extractor()
                from assistant.extract.fhir import error_bundle, to_fhir_bundle

                done = [0]

                def make_process():
                    def process(payload: tuple[str, str]) -> Any:
                        key, text = payload
                        if ticket.released:  # the tab closed: the rest is not extracted
                            raise BatchCancelledError("cancelled: the page was closed")
                        done[0] += 1
                        progress((done[0], len(items)), desc="Extracting", unit="notes")
                        record = extractor.extract(text, key)
                        return to_fhir_bundle(record, text) if fmt == "fhir" else record
                    return process

                def error_record(key: str, message: str) -> Any:
                    return (error_bundle(key, message) if fmt == "fhir"
                            else ExtractionRecord(note_id=key, error=message))

                out_dir = self._out_dir(request)
                out = out_dir / ("extractions.jsonl" if fmt == "jsonl" else "bundles.ndjson")
                summary = run_batch(items, make_process, error_record, out,
                                    key_of=lambda r: str(r.get("note_id") or r.get("id")),
                                    desc="notes", show_progress=False)
            status = "ok"
            return str(out), (f"✓ {summary.line('notes')}. Output: **{out.name}** "
                              f"({'one FHIR Bundle per line' if fmt == 'fhir' else 'CONTRACT records'}).")
        except BusyError as exc:
            status = "rejected_busy"
            return None, f"{exc}"
        finally:
            self.audit.record(user=user, kind="batch", route="batch",
                              request_chars=sum(len(i.payload[1]) for i in items if i.payload),
                              latency_s=time.perf_counter() - t0, status=status,  # type: ignore[arg-type]
                              items=len(items))


def build_batch_tab(handler: BatchHandler) -> None:
    """The tab's components and events (call inside ``gr.Tab``)."""
    gr.Markdown("### Batch extraction\nUpload notes (`.txt`, `.md`, or `.json`/`.jsonl`/`.csv` "
                "with a `text` field). Every note gets one output record, also when it fails.")
    with gr.Row():
        with gr.Column(scale=3):
            files = gr.File(label="Notes", file_count="multiple", file_types=BATCH_SUFFIXES,
                            elem_id="batch-files")
        with gr.Column(scale=2):
            fmt = gr.Radio(list(FORMATS), value=next(iter(FORMATS)), label="Output format")
            run = gr.Button("Extract all", variant="primary", elem_id="batch-run")
    summary = gr.Markdown(elem_id="batch-summary")
    result = gr.HTML("", elem_id="batch-download")
    run.click(handler.run_for_download, [files, fmt], [result, summary], concurrency_limit=4,
              api_visibility="private")
