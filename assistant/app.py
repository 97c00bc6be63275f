"""The ClinAssist chat UI (Gradio): one chat for extraction, literature and triage.

    python -m assistant.app [--host 127.0.0.1] [--port 7860] [--auth FILE] [--app-config FILE]
        [--audit-log FILE] [--max-request-chars N] [--slots N] [--per-user N]
        [--no-index-build] [--no-warmup] [settings flags: --config, --set, --backend, --model,
        --adapter, --device, --no-llm, -v]

Binds to 127.0.0.1 unless told otherwise; any other address requires a login (``--auth``
file of ``user:pbkdf2`` lines from ``python -m assistant.ui.auth add USER``, or
``CLINASSIST_AUTH``). There is no public share link. Every request is written to an
append-only audit log (who, when, which kind, size, latency, status; never the text).
On first run the default literature index is built in the background (a few minutes on CPU)
while extraction and triage already work.

Users' files (uploads, batch results, private indexes) live in a private folder
(``app.private_dir``, default ``<cache_dir>/private``; mode 0700, files 0600 through umask
077) that is Gradio's temporary folder too; each session's part is deleted when the session
ends and all of it at shutdown (SIGTERM, SIGINT, SIGHUP or a normal exit), and files are
served only to their owner (``assistant.ui.sessions``). Only admins (``role=admin`` in the
auth file, or the local user without logins) change the shared literature index.
"""

from __future__ import annotations

import time

_T_START = time.perf_counter()

import argparse  # noqa: E402
import atexit  # noqa: E402
import ipaddress  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

from assistant.cli import (  # noqa: E402
    add_settings_args,
    flag_overrides,
    run_cli,
    settings_from_args,
    setup_logging,
)
from assistant.config import Settings, apply_overrides  # noqa: E402
from assistant.errors import ConfigError  # noqa: E402
from assistant.ui.auth import ENV_VAR as AUTH_ENV  # noqa: E402
from assistant.ui.auth import ClientAddressMiddleware, load_authenticator  # noqa: E402
from assistant.ui.config import AppConfig  # noqa: E402

if TYPE_CHECKING:  # the UI modules load after the flags are checked (fast start, clear errors)
    from assistant.ui.limits import FairLimiter
    from assistant.ui.state import AssistantHolder, IndexJob

log = logging.getLogger("assistant.app")

# The server flags and the ``app`` settings they set (they beat --set, env and YAML).
APP_FLAGS = {name: f"app.{name}" for name in (
    "host", "port", "auth_file", "audit_log", "max_request_chars", "slots", "per_user",
    "build_index_on_start")}


def build_parser() -> argparse.ArgumentParser:
    """The command's flags: server/limit flags here, model flags from ``add_settings_args``."""
    p = argparse.ArgumentParser(prog="python -m assistant.app", description=__doc__.split("\n")[0])
    g = p.add_argument_group("server")
    g.add_argument("--app-config", help="YAML file of the app section (see "
                   "`python -m assistant.config show app`)")
    g.add_argument("--host", help="bind address (default 127.0.0.1)")
    g.add_argument("--port", type=int, help="port (default 7860)")
    g.add_argument("--auth", dest="auth_file", type=Path,
                   help="login file of user:pbkdf2 lines (python -m assistant.ui.auth add USER)")
    g.add_argument("--audit-log", dest="audit_log", type=Path,
                   help="append-only JSONL audit log (default <cache_dir>/audit/audit.jsonl)")
    g.add_argument("--max-request-chars", dest="max_request_chars", type=int)
    g.add_argument("--slots", type=int, help="requests the model serves at once (default 1)")
    g.add_argument("--per-user", dest="per_user", type=int,
                   help="requests one user may have running or queued (default 1)")
    g.add_argument("--no-index-build", dest="build_index_on_start", action="store_const",
                   const=False, help="do not build a missing default index at start")
    g.add_argument("--no-warmup", action="store_true",
                   help="do not load the models in the background after start")
    add_settings_args(p)
    return p


def settings_and_app_config(args: argparse.Namespace) -> tuple[Settings, AppConfig]:
    """Settings with ``--app-config`` read as the ``app`` section and the server flags on top,
    and the resolved app config (see ``app_config_from_args``)."""
    settings = settings_from_args(args, section_files={"app": args.app_config},
                                  extra=flag_overrides(args, APP_FLAGS))
    return settings, app_config_from_args(args, settings)


def app_config_from_args(args: argparse.Namespace, settings: Settings) -> AppConfig:
    """``settings.app`` with the server flags applied; fills the default audit log path."""
    config = apply_overrides(settings, flag_overrides(args, APP_FLAGS)).app
    if config.audit_log is None:
        config = config.model_copy(
            update={"audit_log": settings.cache_dir / "audit" / "audit.jsonl"})
    return config


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _warmup(holder: AssistantHolder, job: IndexJob, limiter: FairLimiter,
            settings: Settings) -> None:
    """Load the components in the background so the first answers start sooner.

    Each component loads inside a limiter slot: a request that arrives meanwhile waits for
    at most that one load (and never loads the same model twice in parallel).
    """
    t0 = time.perf_counter()
    steps = ["extractor", "triager"]
    if job.state == "ready":
        steps.append("literature")
    if settings.use_llm:
        steps.append("backend")
    for step in steps:
        try:
            with limiter.slot("warmup"):
                assistant = holder.get()
                if step == "literature":
                    assistant.literature.gather("warm-up query")  # opens index + embedder
                else:
                    getattr(assistant, step)
        except Exception as exc:  # the first request will report it properly
            log.warning("warm-up of %s failed: %s: %s", step, type(exc).__name__, exc)
    log.info("warm-up done in %.1f s", time.perf_counter() - t0)


def _stop_on_signal(signum: int, frame: object) -> None:
    """SIGTERM/SIGHUP end the app like Ctrl-C: the ``finally`` below cleans up."""
    raise KeyboardInterrupt(f"signal {signum}")


def main() -> int:
    """Parse flags, assemble the app and serve it until interrupted."""
    args = build_parser().parse_args()
    setup_logging(args.verbose)
    os.umask(0o077)  # everything the app writes (uploads, results, indexes, logs) is private
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    # Credentials are not settings: take them out of the environment before Settings reads
    # CLINASSIST_* variables (and so child processes never inherit them).
    auth_env = os.environ.pop(AUTH_ENV, "")
    settings, config = settings_and_app_config(args)
    authenticator = load_authenticator(config.auth_file, {AUTH_ENV: auth_env})
    if authenticator is None and not is_loopback(config.host):
        raise ConfigError(f"binding to {config.host} exposes the app to the network: give it "
                          "a login with --auth FILE (python -m assistant.ui.auth add USER) or "
                          f"{AUTH_ENV}, and put it behind TLS")

    # Gradio's uploads and cache go to the app's private folder (it reads the variable when
    # its modules load and its components are made: set before importing the UI).
    from assistant.ui.sessions import PrivateFiles, PrivateFilesMiddleware, SessionStore

    files = PrivateFiles(config.private_dir or settings.cache_dir / "private")
    os.environ["GRADIO_TEMP_DIR"] = str(files.gradio_dir)
    atexit.register(files.remove)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop_on_signal)

    from starlette.middleware import Middleware

    from assistant.runtime import Runtime
    from assistant.ui.audit import AuditLog
    from assistant.ui.batch_tab import BatchHandler
    from assistant.ui.chat import ChatHandler, user_of
    from assistant.ui.index_tab import IndexHandler
    from assistant.ui.layout import Handlers, build_blocks, header_html, session_end_handler
    from assistant.ui.limits import FairLimiter
    from assistant.ui.page_js import PAGE_JS
    from assistant.ui.state import AssistantHolder, IndexJob
    from assistant.ui.status_tab import status_html
    from assistant.ui.style import CSS, theme

    assert config.audit_log is not None
    audit = AuditLog(config.audit_log)
    if authenticator is not None:
        authenticator.audit = audit  # every login attempt is audited (never the password)
    holder = AssistantHolder(Runtime(settings))  # the components every chat slot shares
    job = IndexJob(settings.resolved_index_dir)
    limiter = FairLimiter(config.slots, config.per_user, config.max_waiting)
    if config.build_index_on_start and settings.index_dir is None and job.state == "missing":
        from index.build import ensure_default_index

        def first_build() -> Path:
            t0, status = time.perf_counter(), "error"
            try:
                out = ensure_default_index(settings)
                status = "ok"
                return out
            finally:  # a change of shared state: audited like an admin's
                audit.record(user="system", kind="index", route="index", request_chars=0,
                             latency_s=time.perf_counter() - t0, status=status,
                             action="index_build_default", index=settings.resolved_index_dir.name)

        job.start_background(first_build)
    model = str(settings.model_path or "SmolLM2-135M-Instruct (embedded)")
    if settings.adapter_path:
        model += f" + {Path(settings.adapter_path).name}"
    sessions = SessionStore(files, user_of)

    def is_admin(request: object) -> bool:
        # Without logins the app only listens on loopback: its one local user is the admin.
        if authenticator is None:
            return True
        return authenticator.is_admin(getattr(request, "username", None))

    handlers = Handlers(
        chat=ChatHandler(holder, job, limiter, audit, config, sessions=sessions),
        batch=BatchHandler(holder, limiter, audit, config, sessions=sessions),
        index=IndexHandler(holder, job, audit, is_admin=is_admin, sessions=sessions),
        status=lambda: status_html(holder, job, limiter, config,
                                       auth_users=len(authenticator.users) if authenticator else 0),
        header=header_html(config.title, model, settings.backend, settings.use_llm),
    )
    demo = build_blocks(handlers, config.title, config.slots + config.max_waiting)
    def end_session(request: object) -> None:
        # The tab closed: its requests give their slots back (a running batch stops), and
        # its folder, files and private index go.
        key = getattr(request, "session_hash", None)
        if key:
            limiter.end_session(str(key))
        sessions.end(request)

    with demo:
        demo.unload(session_end_handler(end_session))
    demo.queue(max_size=config.slots + config.max_waiting + 8)
    demo.launch(
        server_name=config.host, server_port=config.port, share=False,
        # The coroutine form: PBKDF2 runs off the event loop, a few checks at a time, and the
        # middleware gives it the client address for the per-address throttle.
        auth=authenticator.acheck if authenticator else None,
        auth_message="ClinAssist: sign in to continue.",
        app_kwargs={"middleware": [Middleware(ClientAddressMiddleware),
                                   Middleware(PrivateFilesMiddleware, store=sessions)]},
        theme=theme(), css=CSS, js=PAGE_JS, ssr_mode=False, run_history=False, footer_links=[],
        max_file_size=int(config.max_upload_mb * 1024 * 1024), enable_monitoring=False, mcp_server=False,
        pwa=False, show_error=False, quiet=True, prevent_thread_lock=True,
    )
    print(f"ClinAssist UI ready at http://{config.host}:{config.port} "
          f"({time.perf_counter() - _T_START:.1f} s after start)", file=sys.stderr, flush=True)
    if not args.no_warmup:
        threading.Thread(target=_warmup, args=(holder, job, limiter, settings),
                         name="warmup", daemon=True).start()
    try:
        demo.block_thread()
    except KeyboardInterrupt:
        pass
    finally:
        try:
            demo.close()
        finally:
            sessions.end_all()
            files.remove()
            print("ClinAssist stopped; users' files deleted", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    run_cli(main)
