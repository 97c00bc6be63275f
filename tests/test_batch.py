"""The shared batch runner: order, one line per item, atomic output, resume after a crash."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from assistant.batch import BatchItem, read_jsonl_items, run_batch
from assistant.errors import InputError


def _items(n: int) -> list[BatchItem]:
    return [BatchItem(f"k{i}", i) for i in range(n)]


def _square():
    def process(x: int) -> dict:
        if x == 3:
            raise InputError("three is not allowed")
        return {"id": f"k{x}", "value": x * x, "error": None}
    return process


def _err(key: str, msg: str) -> dict:
    return {"id": key, "value": None, "error": msg}


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines()]


def test_order_errors_and_summary(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    items = _items(5) + [BatchItem("bad", None, "line 7: not valid JSON")]
    summary = run_batch(items, _square, _err, out, key_of=lambda r: r["id"])
    rows = _lines(out)
    assert [r["id"] for r in rows] == ["k0", "k1", "k2", "k3", "k4", "bad"]
    assert [r["value"] for r in rows] == [0, 1, 4, None, 16, None]
    assert rows[3]["error"] == "three is not allowed"
    assert rows[5]["error"] == "line 7: not valid JSON"
    assert (summary.total, summary.processed, summary.errors) == (6, 6, 2)
    assert not (tmp_path / "o.jsonl.partial").exists()


def test_resume_after_crash_skips_done_and_drops_torn_line(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    partial = tmp_path / "o.jsonl.partial"
    # A crashed run: two complete lines and a torn third; no final file.
    partial.write_text('{"id": "k0", "value": 0, "error": null}\n'
                       '{"id": "k1", "value": 1, "error": null}\n{"id": "k2", "va')
    seen: list[int] = []

    def factory():
        inner = _square()

        def process(x: int) -> dict:
            seen.append(x)
            return inner(x)
        return process

    summary = run_batch(_items(5), factory, _err, out, key_of=lambda r: r["id"], resume=True)
    assert seen == [2, 3, 4] or seen == [2, 4]  # 3 raises inside, still attempted
    assert summary.skipped == 2
    assert [r["id"] for r in _lines(out)] == ["k0", "k1", "k2", "k3", "k4"]


def test_resume_with_mismatching_partial_restarts(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    (tmp_path / "o.jsonl.partial").write_text('{"id": "other", "value": 0}\n')
    summary = run_batch(_items(2), _square, _err, out, key_of=lambda r: r["id"], resume=True)
    assert summary.skipped == 0
    assert [r["id"] for r in _lines(out)] == ["k0", "k1"]


def test_workers_keep_order(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    run_batch(_items(8), _square, _err, out, key_of=lambda r: r["id"], workers=2)
    assert [r["value"] for r in _lines(out)] == [0, 1, 4, None, 16, 25, 36, 49]


def test_read_jsonl_items(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "text": "x"}\n\nnot json\n[1]\n{"text": "no id"}\n')
    items = read_jsonl_items(p)
    assert [i.key for i in items] == ["a", "line3", "line4", "line5"]
    assert items[0].payload == {"id": "a", "text": "x"} and items[0].error is None
    assert "not valid JSON" in items[1].error and "JSON object" in items[2].error
    with pytest.raises(InputError, match="does not exist"):
        read_jsonl_items(tmp_path / "missing.jsonl")
    with pytest.raises(InputError, match="is not a regular file"):
        read_jsonl_items(tmp_path)


# --------------------------------------------------------------------- issue 20: hardening
def _strict(line: str) -> dict:
    def no_constants(name: str) -> None:
        raise ValueError(f"non-standard JSON constant {name}")
    return json.loads(line, parse_constant=no_constants)


def test_guard_covers_serialisation_and_the_error_line(tmp_path: Path) -> None:
    """NaN in a record, an unserialisable value, a lone surrogate, a broken error builder."""
    def factory():
        def process(x: object) -> dict:
            return {"id": "nan", "value": float("nan"), "error": None} if x == "nan" else \
                {"id": "obj", "value": object(), "error": None} if x == "obj" else \
                {"id": x, "value": "caf\u00e9 \u2028 \ud800", "error": None}
        return process

    def err(key: str, msg: str) -> dict:
        if key == "boom":
            raise RuntimeError("error builder failed")
        return {"id": key, "value": None, "error": msg}

    out = tmp_path / "o.jsonl"
    items = [BatchItem("nan", "nan"), BatchItem("obj", "obj"), BatchItem("s", "s"),
             BatchItem("boom", None, "bad record"), BatchItem("\ud800x", None, "lone id")]
    summary = run_batch(items, factory, err, out, key_of=lambda r: r["id"])
    raw = out.read_bytes()
    raw.decode("utf-8")  # valid UTF-8 throughout
    lines = raw.split(b"\n")[:-1]
    assert len(lines) == 5 and summary.errors == 4
    rows = [_strict(x.decode()) for x in lines]
    assert rows[0]["error"].startswith("output record holds a non-finite number")
    assert rows[1]["error"].startswith("output record could not be written (TypeError")
    assert rows[2] == {"id": "s", "value": "caf\u00e9 \u2028 \ud800", "error": None}
    assert b"\\ud800" in lines[2] and b"\\u2028" in lines[2]  # escaped, not raw
    assert rows[3] == {"id": "boom", "error": "bad record"}  # last-resort line
    assert rows[4] == {"id": "\ud800x", "value": None, "error": "lone id"}  # key kept (resume)


def test_readable_non_ascii_stays_readable(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    run_batch([BatchItem("k", "x")], lambda: (lambda x: {"id": "k", "t": "fièvre 🤒 حمى"}),
              _err, out, key_of=lambda r: r["id"])
    assert "fièvre 🤒 حمى" in out.read_text("utf-8")


def test_read_jsonl_items_never_raises_on_content(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_bytes(b"\xef\xbb\xbf" + b'{"id": "bom", "text": "x"}\r\n'
                  + b"[" * 200_000 + b"]" * 200_000 + b"\n"
                  + b'{"id": 1, "x": ' + b"9" * 5000 + b"}\n"
                  + b'{"id": "\\ud800"}\n'
                  + b'{"id": {"x": 1}}\n'
                  + b'{"id": "' + b"i" * 1001 + b'"}\n'
                  + b'{"id": "bad", "text": "caf\xe9"}\n'
                  + b'{"id": 7, "text": "int id"}\n'
                  + b'{"id": "trunc", "te')
    items = read_jsonl_items(p)
    assert [i.key for i in items] == ["bom", "line2", "line3", "line4", "line5", "line6",
                                      "line7", "7", "line9"]
    assert items[0].error is None and items[7].error is None
    errs = [i.error for i in items]
    assert errs[1] == "line 2: JSON nested too deeply to read"
    assert errs[2].startswith("line 3: unreadable JSON value (Exceeds the limit (4300 digits)")
    assert errs[3].startswith("line 4: 'id' is not valid Unicode")
    assert errs[4] == "line 5: 'id' must be a string or an integer, got an object"
    assert errs[5] == "line 6: 'id' has 1001 characters; at most 1000 are allowed"
    assert errs[6] == "line 7: not valid UTF-8 (byte 27 of the line); save the file as UTF-8"
    assert errs[8].startswith("line 9: not valid JSON (Unterminated string")


def test_over_long_line_is_skipped_not_held(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a"}\n' + '{"id": "' + "x" * 5000 + '"}\n{"id": "c"}\n')
    items = read_jsonl_items(p, max_line_bytes=1000)
    assert [i.key for i in items] == ["a", "line2", "c"]
    assert items[1].error == "line 2: longer than 1000 bytes; one record must be smaller"


@pytest.mark.parametrize("kind", ["dir", "device", "parent_is_file"])
def test_unwritable_out_fails_before_any_work(tmp_path: Path, kind: str) -> None:
    out = {"dir": tmp_path, "device": Path("/dev/null"),
           "parent_is_file": tmp_path / "f.txt" / "o.jsonl"}[kind]
    (tmp_path / "f.txt").write_text("x")
    seen: list[int] = []

    def factory():
        return lambda x: seen.append(x) or {"id": "k", "error": None}

    match = {"dir": "is a folder", "device": "not a regular file",
             "parent_is_file": "is a file, not a folder"}[kind]
    with pytest.raises(InputError, match=match):
        run_batch(_items(3), factory, _err, out, key_of=lambda r: r["id"])
    assert seen == []
    assert Path("/dev/null").is_char_device()


_KILL_SCRIPT = '''
import sys, time
from assistant.batch import BatchItem, run_batch

def make():
    def process(x):
        time.sleep(60)
        return {"id": str(x), "error": None}
    return process

if __name__ == "__main__":
    run_batch([BatchItem(str(i), i) for i in range(8)], make,
              lambda k, m: {"id": k, "error": m}, sys.argv[1],
              key_of=lambda r: r["id"], workers=2)
'''


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(d.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc (Linux)")
def test_kill_9_of_the_parent_takes_the_workers_down(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "run.py"
    script.write_text(_KILL_SCRIPT)
    repo = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen([sys.executable, str(script), str(tmp_path / "o.jsonl")], cwd=repo,
                            env={**os.environ, "PYTHONPATH": str(repo)})
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            # The pool's workers are python children that have imported the runner.
            workers = {c for c in _children(proc.pid)
                       if "spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes().decode(
                           "utf-8", "replace")} if proc.poll() is None else set()
            if len(workers) == 2:
                break
            time.sleep(0.2)
        assert len(workers) == 2, "the run did not start its two workers"
        time.sleep(1.0)  # let the initializers arm the parent-death signal
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers), "workers outlived the killed parent"
    finally:
        if proc.poll() is None:
            proc.kill()
        for w in workers:  # only our own orphans, if the test failed
            if _alive(w):
                with contextlib.suppress(OSError):
                    os.kill(w, signal.SIGKILL)


def test_worker_whose_parent_is_already_gone_exits() -> None:
    """The race before the parent-death signal is armed: a wrong parent pid exits at once."""
    import subprocess
    import sys

    code = ("import os; from assistant.batch import _die_with_parent; "
            "_die_with_parent(os.getppid() + 100000); print('still alive')")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert run.returncode == 1 and "still alive" not in run.stdout


def test_pid_alive_tells_a_live_process_from_a_finished_one() -> None:
    import os
    import subprocess
    import sys

    from assistant.batch import pid_alive

    assert pid_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: the pid no longer exists
    assert not pid_alive(child.pid)
