"""Issue 20 item 1 and 6, against the running app: roles, private indexes, owner-only files.

``python -m assistant.app`` runs as a subprocess with logins for an admin (alice) and a user
(bob), its own XDG_CACHE_HOME and a tiny embedding model. Everything below goes over HTTP
as a browser would (``tests/app_http.py``): login form, uploads, Gradio events, file URLs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from app_http import REPO, Browser, app_env, start_app, stop_app
from test_index_build import _tiny_st_model

from assistant.config import load_settings
from index.build import build_index
from index.store import read_manifest

ALICE, BOB = ("alice", "alice-password-1"), ("bob", "bob-password-12")
CORPUS = [{"id": f"d{i}", "title": f"Statins study {i}",
           "text": f"Statin therapy {i} lowered stroke risk in adults."} for i in range(12)]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimpleNamespace]:
    work = tmp_path_factory.mktemp("access")
    xdg, tmp = work / "xdg", work / "tmp"
    tmp.mkdir()
    auth = work / "auth.txt"
    env = app_env(xdg, tmp)
    for (user, password), role in ((ALICE, "admin"), (BOB, "user")):
        run = subprocess.run([sys.executable, "-m",
                              "assistant.ui.auth", "add", user, "--file", str(auth),
                              "--password-stdin", "--role", role], input=password + "\n",
                             text=True, capture_output=True, cwd=REPO, env=env, timeout=60)
        assert run.returncode == 0, run.stderr
    model = _tiny_st_model(work / "model", 16, 1)
    cache = xdg / "clinassist"
    settings = load_settings(None, {"cache_dir": str(cache), "device": "cpu",
                                    "embedding_model_path": str(model)}, environ={})
    corpus = work / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in CORPUS))
    root = cache / "index"
    build_index([corpus], root / "pubmedqa", settings, show_progress=False)  # the default
    build_index([corpus], root / "other", settings, show_progress=False)
    outside = work / "outside" / "secret-index"
    build_index([corpus], outside, settings, show_progress=False)
    (root / "evil").symlink_to(outside)                 # a link out of the index root
    log = work / "app.log"
    proc, url = start_app(["--no-llm", "--no-warmup", "--auth", str(auth), "--set",
                           "app.build_index_on_start=false", "--set",
                           f"embedding_model_path={model}"], env, log)
    try:
        yield SimpleNamespace(url=url, root=root, cache=cache, log=log, corpus=corpus,
                              audit=cache / "audit" / "audit.jsonl", proc=proc)
    finally:
        stop_app(proc)


def _browser(app: SimpleNamespace, who: tuple[str, str]) -> Browser:
    b = Browser(app.url)
    assert b.login(*who) == 200
    return b


def _audit(app: SimpleNamespace) -> list[dict]:
    return [json.loads(x) for x in app.audit.read_text().splitlines()]


def _shared_state(app: SimpleNamespace) -> tuple:
    default = app.root / "pubmedqa"
    return (os.readlink(default), read_manifest(default)["updated_at"],
            sorted(p.name for p in app.root.iterdir()))


def test_files_are_served_only_to_their_owner(app: SimpleNamespace) -> None:
    bob, alice, anonymous = _browser(app, BOB), _browser(app, ALICE), Browser(app.url)
    path = bob.upload("note.txt", b"HPI: chest pain. HR 104.")
    assert bob.get("/gradio_api/file=" + path)[0] == 200
    assert alice.get("/gradio_api/file=" + path)[0] == 403          # another user
    assert alice.get("/file=" + path)[0] == 403                      # the older route
    assert anonymous.get("/gradio_api/file=" + path)[0] in (401, 403)
    mode = os.stat(path).st_mode & 0o777
    assert mode == 0o600, oct(mode)
    assert os.stat(Path(path).parent).st_mode & 0o077 == 0
    link_html, summary = bob.event("batch-run", [[Browser.file_data(path, "note.txt")],
                                                 "Extraction records (JSONL)"])
    assert summary.startswith("✓ 1 notes"), summary
    link = "/" + re.search(r'href="([^"]+)"', link_html).group(1)
    status, body = bob.get(link)
    assert status == 200 and json.loads(body.splitlines()[0])["note_id"] == "note"
    assert alice.get(link)[0] == 404 and anonymous.get(link)[0] == 404
    # The result is not in Gradio's folder at all, and its folder is private.
    private = [p for p in (app.cache / "private").rglob("extractions.jsonl")]
    assert len(private) == 1 and private[0].stat().st_mode & 0o777 == 0o600
    assert alice.get("/gradio_api/file=" + str(private[0]))[0] == 403
    assert bob.get("/gradio_api/file=" + str(private[0]))[0] == 403  # only by its link
    # Alice cannot act in Bob's session by sending his session id.
    alice.session_hash = bob.session_hash
    with pytest.raises(RuntimeError, match="failed"):
        alice.event("batch-run", [[Browser.file_data(path, "note.txt")],
                                  "Extraction records (JSONL)"])


def test_a_user_cannot_change_the_shared_index(app: SimpleNamespace) -> None:
    bob = _browser(app, BOB)
    before = _shared_state(app)
    n_audit = len(_audit(app))
    corpus = bob.upload("corpus.jsonl", app.corpus.read_bytes())
    files = [Browser.file_data(corpus, "corpus.jsonl")]
    attempts = [
        ("index-default", []),                              # rebuild the default
        ("index-use", ["other", True]),                     # choose the shared one
        ("index-build", [files, "pubmedqa", True]),         # replace the default by name
        ("index-build", [files, "team", True]),             # add a shared one
    ]
    for elem, data in attempts:
        message = bob.event(elem, data)[0]
        assert "Only an admin" in message, (elem, message)
    for bad in ["../../..", "/etc", str(app.root / "other"), "evil", "other/../../x", ""]:
        message = bob.event("index-use", [bad, False])[0]
        if bad:
            assert message.startswith("⚠"), (bad, message)
    assert _shared_state(app) == before
    denied = [e for e in _audit(app)[n_audit:] if e.get("action") == "index_denied"]
    assert len(denied) >= 9 and {e["user"] for e in denied} == {"bob"}
    assert "outside the index root" in bob.event("index-use", ["evil", False])[0]


def test_a_private_index_is_only_for_its_session(app: SimpleNamespace) -> None:
    bob, alice = _browser(app, BOB), _browser(app, ALICE)
    before = _shared_state(app)
    corpus = bob.upload("corpus.jsonl", app.corpus.read_bytes())
    info, choices = bob.event("index-build", [[Browser.file_data(corpus, "corpus.jsonl")],
                                              "pubmedqa", False])
    assert "this session only" in info, info
    assert "private:pubmedqa" in json.dumps(choices)
    assert _shared_state(app) == before                    # the default is untouched
    private = [p for p in (app.cache / "private").rglob("pubmedqa") if p.is_symlink()]
    assert len(private) == 1
    # Alice's session is still answered from the shared index and cannot pick Bob's.
    assert "everyone (the shared index)" in alice.event("index-use", ["", False])[0]
    assert "holds no finished index" in alice.event("index-use", ["private:pubmedqa", False])[0]
    assert "this session only" in bob.event("index-use", ["", False])[0]
    for f in private[0].resolve().iterdir():
        if f.is_file():
            assert alice.get("/gradio_api/file=" + str(f))[0] == 403
            assert bob.get("/gradio_api/file=" + str(f))[0] == 403


def test_an_admin_changes_the_shared_index_and_it_is_audited(app: SimpleNamespace) -> None:
    alice, bob = _browser(app, ALICE), _browser(app, BOB)
    n_audit = len(_audit(app))
    assert "everyone (the shared index)" in alice.event("index-use", ["other", True])[0]
    assert "**Folder:** `" + str(app.root / "other") in bob.event("index-use", ["", False])[0]
    message = alice.event("index-use", ["evil", True])[0]
    assert "outside the index root" in message
    corpus = alice.upload("corpus.jsonl", app.corpus.read_bytes())
    message = alice.event("index-build", [[Browser.file_data(corpus, "corpus.jsonl")],
                                          "pubmedqa", True])[0]
    assert "is the default index" in message
    assert "everyone" in alice.event("index-use", ["pubmedqa", True])[0]
    entries = _audit(app)[n_audit:]
    used = [(e["user"], e["index"]) for e in entries if e.get("action") == "index_use_shared"]
    assert used == [("alice", "other"), ("alice", "pubmedqa")]
    assert all("ts" in e for e in entries)
