"""Status tab: which model, adapter, index, device and versions answer, in plain words first;
the full raw table (the Assistant's ``status()`` and this server's limits) behind a disclosure.
"""

from __future__ import annotations

import html
import platform
from importlib import metadata
from typing import Any

import gradio as gr

from assistant.ui.config import AppConfig
from assistant.ui.limits import FairLimiter
from assistant.ui.state import AssistantHolder, IndexJob

#: Packages whose versions the tab lists (what decides the answers and the page).
VERSION_PACKAGES = ("clinassist", "torch", "transformers", "faiss-cpu", "medspacy", "gradio")


def _rows(data: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows += _rows(value, name + ".")
        else:
            rows.append((name, "—" if value is None or value == "" else str(value)))
    return rows


def versions() -> dict[str, str]:
    """Python and the installed versions of ``VERSION_PACKAGES`` (absent ones left out)."""
    out = {"python": platform.python_version()}
    for name in VERSION_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


def summary_rows(status: dict[str, Any], job_state: str) -> list[tuple[str, str]]:
    """The readable part: what a clinician or admin asks first, in words."""
    if "error" in status:
        return [("Assistant", f"could not be loaded: {status['error']}")]
    if not status.get("use_llm"):
        model = "none: rules and retrieval only (no language model)"
    else:
        model = f"{status.get('model')} via {status.get('backend')}"
        if status.get("llm_dtype"):
            model += f" ({status['llm_dtype']}".replace("torch.", "") + ")"
    docs = status.get("index_documents")
    index = f"{status.get('index_dir')} · " + (
        f"{docs:,} documents" if isinstance(docs, int) else "no manifest")
    return [("Language model", model),
            ("Adapter", status.get("adapter") or "none"),
            ("Literature index", f"{index} · {job_state}"),
            ("Device", str(status.get("llm_device") or status.get("device") or "cpu")),
            ("Versions", ", ".join(f"{k} {v}" for k, v in versions().items()))]


def status_html(holder: AssistantHolder, job: IndexJob, limiter: FairLimiter,
                config: AppConfig, *, auth_users: int) -> str:
    """A readable summary, then the raw tables (Assistant, Server) inside ``<details>``."""
    try:
        assistant_status = holder.get().status()
    except Exception as exc:  # the tab must still render, saying what is wrong
        assistant_status = {"error": f"{type(exc).__name__}: {exc}"}
    server = {
        "bind": f"{config.host}:{config.port}",
        "login": f"on ({auth_users} users)" if auth_users else "off (loopback use only)",
        "index state": job.state,
        "requests running / waiting": "{running} / {waiting}".format(**limiter.snapshot()),
        "slots / per user": f"{limiter.slots} / {limiter.per_user}",
        "max request chars": f"{config.max_request_chars:,}",
        "audit log": str(config.audit_log),
    }

    def table(title: str, rows: list[tuple[str, str]], raw: bool) -> str:
        cell = (lambda v: f"<code>{html.escape(v)}</code>") if raw else html.escape
        body = "".join(f"<tr><th scope='row'>{html.escape(k)}</th><td>{cell(v)}</td></tr>"
                       for k, v in rows)
        return f"<table class='ca-status'><caption>{html.escape(title)}</caption>{body}</table>"

    return ("<div id='ca-status-body'>"
            + table("What answers", summary_rows(assistant_status, job.state), raw=False)
            + "<details><summary>Technical details (raw settings)</summary>"
            + table("Assistant", _rows(assistant_status), raw=True)
            + table("Server", _rows(server), raw=True) + "</details></div>")


#: The name app.py used before the tab became HTML.
status_markdown = status_html


def build_status_tab(render: Any) -> gr.HTML:
    """The tab's components (call inside ``gr.Tab``); ``render()`` returns the HTML."""
    out = gr.HTML("<p>Press <b>Refresh</b> to load the status.</p>", elem_id="status-info")
    refresh = gr.Button("Refresh", size="sm")
    refresh.click(render, None, [out], api_visibility="private")
    return out
