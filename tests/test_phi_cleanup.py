"""Issue 20 item 6: no patient text is left on disk or in the logs once the app has stopped.

The app runs as a subprocess (no login, loopback, ``-v`` logging) with its own
XDG_CACHE_HOME and TMPDIR. A note and a record id carrying a unique marker go through the
Batch tab (upload, extract, download) and the chat; then the app gets SIGTERM. Afterwards the
marker must be nowhere: not in the cache folder (private files, audit log, indexes), not in
the temporary folder (Gradio's default, ``clinassist-batch-*``), not in the app's log.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from app_http import Browser, app_env, start_app, stop_app


def _files_with(marker: bytes, *roots: Path) -> list[str]:
    hits = []
    for root in roots:
        for dirpath, _, names in os.walk(root):
            for name in names:
                p = Path(dirpath) / name
                try:
                    if marker in p.read_bytes() or marker in name.encode():
                        hits.append(str(p))
                except OSError:
                    continue
    return hits


def test_no_phi_left_after_sigterm(tmp_path: Path) -> None:
    marker = f"ZZPHIMARKER{secrets.token_hex(4)}"
    xdg, tmp = tmp_path / "xdg", tmp_path / "tmp"
    tmp.mkdir()
    log = tmp_path / "app.log"
    started = time.time()
    proc, url = start_app(["--no-llm", "--no-warmup", "-v", "--set",
                           "app.build_index_on_start=false"], app_env(xdg, tmp), log)
    try:
        user = Browser(url)
        note = (f"Patient {marker} Smith, MRN {marker}. HPI: chest pain, HR 104, BP 150/95. "
                "Medications: metformin 1000 mg PO BID.").encode()
        records = json.dumps({"id": f"MRN-{marker}", "text": note.decode()}).encode() + b"\n"
        uploads = [user.upload(f"{marker}.txt", note), user.upload("records.jsonl", records)]
        for path in uploads:
            assert Path(path).is_relative_to(xdg / "clinassist" / "private"), path
            assert os.stat(path).st_mode & 0o777 == 0o600
        link_html, summary = user.event(
            "batch-run", [[Browser.file_data(uploads[0], f"{marker}.txt"),
                           Browser.file_data(uploads[1], "records.jsonl")],
                          "Extraction records (JSONL)"])
        assert summary.startswith("✓ 2 notes"), summary
        status, body = user.get("/" + re.search(r'href="([^"]+)"', link_html).group(1))
        assert status == 200 and marker.encode() in body     # the user gets the result
        # The same text through the chat (prompt and attachment paths log nothing of it).
        # inputs: message, history, attachment, triage care setting ("" = the configured one)
        user.event("send", [f"Extract the findings from this note:\n\n{note.decode()}", [], None,
                            ""])
        during = _files_with(marker.encode(), xdg, tmp)
        assert during, "the test must see the files while the app runs"
        assert all(Path(p).is_relative_to(xdg / "clinassist" / "private") for p in during), \
            during
    finally:
        code = stop_app(proc)
    assert code == 0, log.read_text()[-2000:]
    assert "users' files deleted" in log.read_text()
    left = _files_with(marker.encode(), xdg, tmp, log.parent)
    assert left == [], f"patient text left after shutdown: {left}"
    # Nothing in the shared temporary folder either (Gradio's default, older batch folders).
    import tempfile

    shared = Path(tempfile.gettempdir())
    recent = [p for p in [*shared.glob("clinassist-batch-*"), *shared.glob("gradio/*")]
              if p.stat().st_mtime >= started]
    assert _files_with(marker.encode(), *recent) == []
    private = xdg / "clinassist" / "private"
    assert [p.name for p in private.iterdir()] == []


def test_private_folders_of_a_killed_app_are_removed_at_the_next_start(tmp_path: Path) -> None:
    """``kill -9`` cannot clean up: the next start removes the dead process's folder."""
    from assistant.ui.sessions import PrivateFiles

    root = tmp_path / "private"
    child = subprocess.run(
        [sys.executable, "-c", "import sys; from pathlib import Path; "
         "from assistant.ui.sessions import PrivateFiles; "
         "f = PrivateFiles(Path(sys.argv[1])); (f.gradio_dir / 'n.txt').write_text('PHI'); "
         "print(f.base)", str(root)], capture_output=True, text=True, timeout=60,
        cwd=Path(__file__).resolve().parent.parent)
    assert child.returncode == 0, child.stderr
    dead = Path(child.stdout.strip())
    assert (dead / "gradio" / "n.txt").is_file()            # left behind by the dead process
    files = PrivateFiles(root)
    try:
        assert not dead.exists()
        assert root.stat().st_mode & 0o777 == 0o700 and files.base.stat().st_mode & 0o777 == 0o700
    finally:
        files.remove()
    assert not files.base.exists()


def test_ending_a_session_deletes_its_files(tmp_path: Path) -> None:
    """``demo.unload``: the session's folder, its uploads and its download links go."""
    from types import SimpleNamespace

    from assistant.ui.sessions import PrivateFiles, SessionAccessError, SessionStore

    files = PrivateFiles(tmp_path / "private")
    try:
        store = SessionStore(files, lambda r: r.username)
        bob = SimpleNamespace(username="bob", session_hash="s1")
        session = store.session(bob)
        upload = files.gradio_dir / "abc" / "note.txt"
        upload.parent.mkdir()
        upload.write_text("PHI")
        store.track(bob, [str(upload)])
        result = session.dir / "out.jsonl"
        result.write_text("PHI")
        token = store.offer(bob, result).rsplit("/", 1)[1]
        assert store.owns("bob", upload) and not store.owns("alice", upload)
        assert store.download(token, "bob") == result and store.download(token, "alice") is None
        with pytest.raises(SessionAccessError):
            store.session(SimpleNamespace(username="alice", session_hash="s1"))
        store.end(SimpleNamespace(username="alice", session_hash="s1"))  # not hers: no effect
        assert result.exists()
        store.end(bob)
        assert not session.dir.exists() and not upload.exists() and not upload.parent.exists()
        assert store.download(token, "bob") is None and not store.owns("bob", upload)
    finally:
        files.remove()
