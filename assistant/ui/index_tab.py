"""Index tab: see which literature index the chat uses, build one (with a progress bar), or
switch to another already built under ``<cache_dir>/index/``."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.ui.audit import AuditLog
from assistant.ui.chat import user_of
from assistant.ui.state import AssistantHolder, IndexJob, manifest_docs, read_manifest

CORPUS_SUFFIXES = [".jsonl", ".xml", ".gz", ".txt", ".md"]
#: Gradio injects a progress tracker (following tqdm bars) into a parameter with this default.
_PROGRESS = gr.Progress(track_tqdm=True)
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def index_root(holder: AssistantHolder) -> Path:
    return holder.settings.cache_dir / "index"


def available_indexes(holder: AssistantHolder) -> list[str]:
    """Folders holding a finished index: those under ``<cache_dir>/index`` and the current one."""
    found: set[str] = set()
    root = index_root(holder)
    if root.is_dir():
        found.update(str(p) for p in sorted(root.iterdir())
                     if p.is_dir() and read_manifest(p) is not None)
    current = holder.settings.resolved_index_dir
    if read_manifest(current) is not None:
        found.add(str(current))
    return sorted(found)


def describe_index(job: IndexJob) -> str:
    """Markdown summary of the current index: folder, state, counts, embedding model."""
    manifest = read_manifest(job.index_dir)
    lines = [f"**Folder:** `{job.index_dir}`", f"**State:** {job.state}"]
    if manifest:
        emb = manifest.get("embedding", {})
        lines += [f"**Documents:** {manifest_docs(manifest)}",
                  f"**Chunks:** {manifest.get('counts', {}).get('chunks', '?')}",
                  f"**Embedding model:** {emb.get('name', '?')} ({emb.get('dimension', '?')}-d)",
                  f"**FAISS index:** {manifest.get('faiss', {}).get('index_type', '?')}",
                  f"**Updated:** {manifest.get('updated_at', '?')}"]
    if job.error:
        lines.append(f"**Last build error:** {job.error}")
    notice = job.notice()
    if notice:
        lines.append(notice)
    return "  \n".join(lines)


class IndexHandler:
    """Build-or-choose actions of the Index tab."""

    def __init__(self, holder: AssistantHolder, job: IndexJob, audit: AuditLog) -> None:
        self.holder, self.job, self.audit = holder, job, audit

    def build_default(self, request: gr.Request,
                      progress: gr.Progress = _PROGRESS) -> tuple[str, Any]:
        """(Re)use or build the default index from the bundled corpus, with a progress bar."""
        from index.build import ensure_default_index

        settings = self.holder.settings.model_copy(update={"index_dir": None})
        return self._build(lambda: ensure_default_index(settings),
                           settings.resolved_index_dir, request, progress)

    def build_uploaded(self, files: list[str] | None, name: str, request: gr.Request,
                       progress: gr.Progress = _PROGRESS) -> tuple[str, Any]:
        """Build a new index named ``name`` from uploaded corpus files, then use it."""
        if not files:
            return "Upload corpus files first (`.jsonl`, PubMed `.xml`/`.xml.gz`, `.txt`).", gr.skip()
        name = (name or "").strip()
        if not _NAME_RE.match(name):
            return ("Give the index a name of letters, digits, `.`, `_` or `-` "
                    "(up to 64 characters)."), gr.skip()
        from index.build import build_index

        out = index_root(self.holder) / name
        paths = [Path(f) for f in files]
        return self._build(lambda: build_index(paths, out, self.holder.settings), out,
                           request, progress)

    def _build(self, build: Any, out: Path, request: gr.Request,
               progress: gr.Progress) -> tuple[str, Any]:
        t0, status = time.perf_counter(), "error"
        progress(0, desc="Loading the embedding model and reading the corpus")
        try:
            self.job.run(build, index_dir=out)
            self.holder.use_index(out)
            status = "ok"
            return describe_index(self.job), gr.Dropdown(choices=available_indexes(self.holder),
                                                          value=str(out))
        except RuntimeError as exc:  # another build is running
            return f"{exc}", gr.skip()
        except Exception as exc:  # shown in the tab; the job keeps the reason
            return f"⚠ Build failed: {type(exc).__name__}: {exc}", gr.skip()
        finally:
            self.audit.record(user=user_of(request), kind="index", route="index",
                              request_chars=0, latency_s=time.perf_counter() - t0,
                              status=status)  # type: ignore[arg-type]

    def choose(self, folder: str | None) -> str:
        """Answer literature questions from ``folder`` from now on."""
        if not folder:
            return describe_index(self.job)
        if self.job.state == "building":
            return "Wait for the running index build to finish before switching."
        if read_manifest(Path(folder)) is None:
            return f"⚠ `{folder}` holds no finished index."
        self.job.index_dir = Path(folder)
        self.holder.use_index(Path(folder))
        return describe_index(self.job)

    def refresh(self) -> tuple[str, Any]:
        return describe_index(self.job), gr.Dropdown(choices=available_indexes(self.holder),
                                                      value=str(self.job.index_dir))


def build_index_tab(handler: IndexHandler) -> tuple[gr.Markdown, gr.Dropdown]:
    """The tab's components and events (call inside ``gr.Tab``)."""
    gr.Markdown("### Literature index\nThe chat answers literature questions from this index.")
    info = gr.Markdown(describe_index(handler.job), elem_id="index-info")
    with gr.Row():
        with gr.Column():
            choice = gr.Dropdown(available_indexes(handler.holder), label="Available indexes",
                                 value=str(handler.job.index_dir), allow_custom_value=True)
            use = gr.Button("Use this index")
            default = gr.Button("Build / check the default index (bundled PubMedQA abstracts)",
                                variant="secondary")
        with gr.Column():
            corpus = gr.File(label="Corpus files", file_count="multiple",
                             file_types=CORPUS_SUFFIXES)
            name = gr.Textbox(label="New index name", placeholder="e.g. cardiology-2025")
            build = gr.Button("Build from the uploaded corpus", variant="primary")
    use.click(handler.choose, [choice], [info], api_visibility="private")
    default.click(handler.build_default, None, [info, choice], concurrency_limit=1,
                  concurrency_id="index-build", api_visibility="private")
    build.click(handler.build_uploaded, [corpus, name], [info, choice], concurrency_limit=1,
                concurrency_id="index-build", api_visibility="private")
    return info, choice
