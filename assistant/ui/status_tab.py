"""Status tab: which model, adapter, backend, device and index answer, and the server's limits."""

from __future__ import annotations

import html
from typing import Any

import gradio as gr

from assistant.ui.config import AppConfig
from assistant.ui.limits import FairLimiter
from assistant.ui.state import AssistantHolder, IndexJob


def _rows(data: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows += _rows(value, name + ".")
        else:
            rows.append((name, "—" if value is None or value == "" else str(value)))
    return rows


def status_markdown(holder: AssistantHolder, job: IndexJob, limiter: FairLimiter,
                    config: AppConfig, *, auth_users: int) -> str:
    """A two-part table: the Assistant's own ``status()`` and this server's settings."""
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

    def table(title: str, rows: list[tuple[str, str]]) -> str:
        body = "\n".join(f"| {html.escape(k)} | `{html.escape(v)}` |" for k, v in rows)
        return f"#### {title}\n| | |\n|---|---|\n{body}"

    return table("Assistant", _rows(assistant_status)) + "\n\n" + table("Server", _rows(server))


def build_status_tab(render: Any) -> gr.Markdown:
    """The tab's components (call inside ``gr.Tab``); ``render()`` returns the Markdown."""
    out = gr.Markdown("Press **Refresh** to load the status.", elem_id="status-info")
    refresh = gr.Button("Refresh", size="sm")
    refresh.click(render, None, [out], api_visibility="private")
    return out
