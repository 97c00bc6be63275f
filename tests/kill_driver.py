"""Run ``python -m MODULE ARGS...`` again and again, killing runs with SIGKILL (crash tests).

    python tests/kill_driver.py MODULE [PRELOAD_MODULE...]

One warmed-up process: it imports the modules once, then for each request line on stdin
(JSON ``{"argv": [...], "env": {...}, "kill_after": seconds or null}``) forks a child that
runs the module exactly as ``python -m MODULE`` would (``runpy``, ``__main__``), kills it
with SIGKILL after ``kill_after`` seconds (when given and still running), and answers one JSON
line ``{"signal": 9 or null, "rc": exit code or null, "seconds": ...}``. Forking a warmed-up
process makes a trial cost the work of the command, not the seconds of importing torch and
FAISS; the kill is a real ``kill -9`` of a process running the real CLI code. The parent never
runs model code itself, so the children fork from a process without thread pools.
"""

from __future__ import annotations

import importlib
import json
import os
import runpy
import signal
import sys
import time


def _child(module: str, argv: list[str], env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.argv = [module, *argv]
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    code = 0
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - reported as the exit code
        code = 1
    os._exit(code)


def main() -> int:
    module, *preload = sys.argv[1:]
    for name in [*preload, module.rsplit(".__main__", 1)[0]]:
        importlib.import_module(name)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        t0 = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(module, req["argv"], req.get("env") or {})
        kill_after = req.get("kill_after")
        status: int | None = None
        if kill_after is not None:
            deadline = t0 + float(kill_after)
            while time.monotonic() < deadline:
                done, st = os.waitpid(pid, os.WNOHANG)
                if done:
                    status = st
                    break
                time.sleep(0.002)
            else:
                os.kill(pid, signal.SIGKILL)  # still ours: not reaped yet
        if status is None:
            _, status = os.waitpid(pid, 0)
        print(json.dumps({
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "rc": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "seconds": round(time.monotonic() - t0, 3)}), flush=True)
    return 0


class KillDriver:
    """The test side: starts the driver for ``module`` and sends it runs (a context manager)."""

    def __init__(self, module: str, preload: list[str], env: dict[str, str],
                 cwd: str | os.PathLike[str]) -> None:
        import subprocess

        self.proc = subprocess.Popen(
            [sys.executable, __file__, module, *preload], cwd=cwd, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        ready = self.proc.stdout.readline()
        if not ready:
            raise RuntimeError(f"kill driver for {module} did not start")

    def run(self, argv: list[str], env: dict[str, str] | None = None,
            kill_after: float | None = None) -> dict:
        """One run of the command; returns ``{"signal", "rc", "seconds"}``."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"argv": argv, "env": env or {},
                                          "kill_after": kill_after}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("kill driver died")
        return json.loads(line)

    def __enter__(self) -> KillDriver:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(30)
        except Exception:
            self.proc.kill()
            self.proc.wait()


if __name__ == "__main__":
    sys.exit(main())
