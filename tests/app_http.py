"""Drive the running app over plain HTTP, as a browser would: log in, upload, run an event.

Used by the access-control and PHI tests. Standard library only: a cookie jar per user,
``POST /login``, ``POST /gradio_api/upload`` (multipart), ``POST /gradio_api/queue/join`` then
the ``/gradio_api/queue/data`` event stream for the result. Events are found by the
``elem_id`` of the component that triggers them (``/config``), so the test does not depend on
event numbering.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def app_env(xdg_cache: Path, tmpdir: Path) -> dict[str, str]:
    """The app's environment: its own cache and temp folders, offline, no CLINASSIST_*."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CLINASSIST_") and k != "GRADIO_TEMP_DIR"}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False",
               TOKENIZERS_PARALLELISM="false", PYTHONUNBUFFERED="1",
               XDG_CACHE_HOME=str(xdg_cache), TMPDIR=str(tmpdir), PYTHONPATH=str(REPO))
    return env


def start_app(args: list[str], env: dict[str, str], log: Path,
              timeout_s: float = 120) -> tuple[subprocess.Popen, str]:
    """``python -m assistant.app ARGS`` on a free loopback port; (process, base URL)."""
    port = free_port()
    cmd = [sys.executable, "-m", "assistant.app", "--port", str(port), *args]
    fh = log.open("w")
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    t0 = time.monotonic()
    while True:
        if proc.poll() is not None:
            raise RuntimeError("app exited at start:\n" + log.read_text()[-3000:])
        try:
            with urllib.request.urlopen(url + "/config", timeout=2):
                break
        except urllib.error.HTTPError:
            break  # 401 before login: it is up
        except OSError:
            pass
        if time.monotonic() - t0 > timeout_s:
            proc.kill()
            raise RuntimeError(f"app did not answer within {timeout_s} s")
        time.sleep(0.25)
    return proc, url


def stop_app(proc: subprocess.Popen, timeout_s: float = 30) -> int:
    """SIGTERM, then wait; returns the exit code (kills it if it hangs)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            return proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise
    return proc.returncode


class Browser:
    """One user's cookies and session against the app."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.session_hash = secrets.token_hex(6)
        self._config: dict | None = None

    def request(self, path: str, data: bytes | None = None,
                headers: dict[str, str] | None = None,
                method: str | None = None) -> tuple[int, bytes]:
        req = urllib.request.Request(self.url + path, data=data, headers=headers or {},
                                     method=method)
        try:
            with self.opener.open(req, timeout=120) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def login(self, user: str, password: str) -> int:
        body = urllib.parse.urlencode({"username": user, "password": password}).encode()
        status, _ = self.request("/login", body,
                                 {"Content-Type": "application/x-www-form-urlencoded"})
        return status

    def get(self, path: str) -> tuple[int, bytes]:
        return self.request(path)

    def upload(self, name: str, content: bytes) -> str:
        """Upload one file as the page does; returns the server path."""
        boundary = "----clinassist" + secrets.token_hex(8)
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
                f"filename=\"{name}\"\r\nContent-Type: text/plain\r\n\r\n").encode() \
            + content + f"\r\n--{boundary}--\r\n".encode()
        status, out = self.request("/gradio_api/upload", body,
                                   {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        assert status == 200, (status, out[:300])
        [path] = json.loads(out)
        return path

    @staticmethod
    def file_data(path: str, name: str) -> dict[str, Any]:
        return {"path": path, "orig_name": name, "meta": {"_type": "gradio.FileData"}}

    def config(self) -> dict:
        if self._config is None:
            status, body = self.get("/config")
            assert status == 200, status
            self._config = json.loads(body)
        return self._config

    def event(self, elem_id: str, data: list[Any], trigger: str = "click") -> list[Any]:
        """Trigger the event of the component ``elem_id`` with ``data``; its outputs."""
        config = self.config()
        ids = {c["id"]: c.get("props", {}).get("elem_id") for c in config["components"]}
        fn_index, target = next(
            (i, t[0]) for i, d in enumerate(config["dependencies"]) for t in d["targets"]
            if ids.get(t[0]) == elem_id and t[1] == trigger)
        payload = {"data": data, "fn_index": fn_index, "session_hash": self.session_hash,
                   "trigger_id": target, "event_data": None}
        status, body = self.request("/gradio_api/queue/join", json.dumps(payload).encode(),
                                    {"Content-Type": "application/json"})
        assert status == 200, (status, body[:300])
        req = urllib.request.Request(
            f"{self.url}/gradio_api/queue/data?session_hash={self.session_hash}")
        with self.opener.open(req, timeout=300) as resp:
            for raw in resp:
                line = raw.decode("utf-8").strip()
                if not line.startswith("data:"):
                    continue
                msg = json.loads(line[5:])
                if msg.get("msg") == "process_completed":
                    if not msg.get("success", False):
                        raise RuntimeError(f"event {elem_id} failed: {msg.get('output')}")
                    return msg["output"]["data"]
        raise RuntimeError(f"event {elem_id}: the stream ended without a result")
