"""Issue 20: hostile input for every batch CLI. Every record gets its own output line, in
order, with a specific ``error`` (or none, for odd but valid input); the run exits 0; the
output is strict JSON Lines in valid UTF-8.

The corpus is ``tests/data/bad_inputs/`` (``jsonl_cases.json``: one input line per case;
``note_cases.json``: note files for extraction); cases too big for the repository, or that
are not plain files (FIFOs, symlink loops), are generated here. Each command reads the
whole corpus in one run (in-process ``main()``; extraction also once as a subprocess).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "bad_inputs"
JSONL_CASES: list[dict[str, Any]] = json.loads((DATA / "jsonl_cases.json").read_text())["cases"]
NOTE_CASES: list[dict[str, Any]] = json.loads((DATA / "note_cases.json").read_text())["cases"]

MAIN_FIELD = {"triage": "text", "ask": "prompt", "literature": "question", "search": "question",
              "extract": "text"}
#: Each command's own reason for a record without its main text field.
FIELD_REASON = {"triage": "case has no `text`", "ask": "record has no 'prompt' text",
                "literature": "record has no 'question' text",
                "search": "record has no non-empty 'question'", "extract": "record has no 'text'"}
KEY_FIELD = {"extract": "note_id"}


def _generated(kind: str, q: str) -> bytes:
    qb = q.encode()
    return {
        "nested_array": b"[" * 200_000 + b"]" * 200_000,
        "nested_object": b'{"a":' * 200_000 + b"1" + b"}" * 200_000,
        "bigint_field": b'{"id": "big", "' + qb + b'": "hello there", "age": ' + b"9" * 5000 + b"}",
        "bigint_id": b'{"id": ' + b"9" * 5000 + b', "' + qb + b'": "hello there"}',
        "huge_line": b'{"id": "huge", "' + qb + b'": "' + b"a" * (17 * 2 ** 20) + b'"}',
        "long_id": b'{"id": "' + b"i" * 5000 + b'", "' + qb + b'": "hello there"}',
    }[kind]


def _line_bytes(case: dict[str, Any], q: str) -> bytes:
    if "generate" in case:
        return _generated(case["generate"], q)
    if "hex" in case:
        return bytes.fromhex(case["hex"]).replace(b"@Q@", q.encode())
    return case["line"].replace("@Q@", q).encode("utf-8")


def _expected(expect: Any, cli: str) -> str | None:
    if isinstance(expect, dict):
        expect = expect.get(cli, expect.get("default"))
    return FIELD_REASON[cli] if expect == "FIELD" else expect


def jsonl_corpus(cli: str) -> tuple[bytes, list[tuple[str, str | None]]]:
    """The input file (BOM case first, truncated line last, blank lines between) and the
    (case name, expected error phrase) of each record it holds, in order."""
    first = [c for c in JSONL_CASES if c["name"] == "bom_first_line"]
    last = [c for c in JSONL_CASES if c["name"] == "truncated_last_line"]
    middle = [c for c in JSONL_CASES if c not in first + last]
    q = MAIN_FIELD[cli]
    parts: list[bytes] = []
    for i, case in enumerate(first + middle):
        parts.append(_line_bytes(case, q) + b"\n")
        if i % 10 == 5:
            parts.append(b"\n   \t\n")  # blank lines are not records
    parts.append(_line_bytes(last[0], q))  # no final newline
    cases = first + middle + last
    return b"".join(parts), [(c["name"], _expected(c["expect"], cli)) for c in cases]


def _strict_lines(out: Path) -> list[dict[str, Any]]:
    """Parse ``out`` as strict JSON Lines: valid UTF-8, each line a JSON object, no NaN."""
    def refuse(name: str) -> Any:
        raise ValueError(f"non-standard JSON constant {name} in the output")

    raw = out.read_bytes()
    raw.decode("utf-8")  # strict
    assert raw.endswith(b"\n") or raw == b""
    rows = [json.loads(line.decode("utf-8"), parse_constant=refuse)
            for line in raw.split(b"\n")[:-1]]
    assert all(isinstance(r, dict) for r in rows)
    return rows


def _check(rows: list[dict[str, Any]], expected: list[tuple[str, str | None]],
           cli: str) -> dict[str, int]:
    """Every case has its line, in order, with the expected error; returns the tally."""
    assert len(rows) == len(expected), f"{len(expected)} records in, {len(rows)} lines out"
    problems = []
    tally = {"tried": len(expected), "error_record": 0, "processed_ok": 0, "wrong": 0}
    for (name, phrase), row in zip(expected, rows, strict=True):
        err = row.get("error")
        if phrase is None:
            ok = err is None
            tally["processed_ok"] += ok
        else:
            ok = isinstance(err, str) and phrase in err
            tally["error_record"] += ok
        if not ok:
            tally["wrong"] += 1
            problems.append(f"{name}: expected {phrase!r}, got {err!r}")
    assert not problems, f"{cli}: " + "; ".join(problems)
    return tally


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small real index (tiny random embedding model) for search and literature."""
    from test_index_build import DOCS, _tiny_st_model, _write_jsonl

    from assistant.config import load_settings
    from index.build import build_index

    base = tmp_path_factory.mktemp("bad-inputs-index")
    model = _tiny_st_model(base / "model", 16, 1)
    settings = load_settings(None, {"cache_dir": str(base / "cache"), "device": "cpu",
                                    "embedding_model_path": str(model)}, environ={})
    build_index([_write_jsonl(base / "c.jsonl", DOCS)], base / "idx", settings,
                show_progress=False)
    return base / "idx", model


def _run_main(cli: str, inp: Path, out: Path, tmp: Path, monkeypatch: pytest.MonkeyPatch,
              index: tuple[Path, Path] | None) -> int:
    settings = ["--no-llm", "--set", f"cache_dir={tmp / 'cache'}"]
    if cli == "triage":
        from assistant.triage.__main__ import main
        argv = ["--in", str(inp), "--out", str(out), "--no-llm"]
    elif cli == "ask":
        from assistant.ask import main
        # The small index, not the default one: building that from the bundled corpus took
        # 150 s of this test, and what is tested here is the record handling, not retrieval.
        argv = ["--in", str(inp), "--out", str(out), *settings]
        if index is not None:
            monkeypatch.setenv("CLINASSIST_EMBEDDING_MODEL_PATH", str(index[1]))
            argv += ["--set", f"index_dir={index[0]}"]
    elif cli == "literature":
        from assistant.literature import main
        assert index is not None
        monkeypatch.setenv("CLINASSIST_EMBEDDING_MODEL_PATH", str(index[1]))
        argv = ["--index", str(index[0]), "--in", str(inp), "--out", str(out), "--lit",
                "use_embeddings=false", *settings]
    elif cli == "search":
        from index.search import main
        assert index is not None
        monkeypatch.setenv("CLINASSIST_EMBEDDING_MODEL_PATH", str(index[1]))
        argv = [str(index[0]), "--in", str(inp), "--out", str(out), "-k", "3", "--mode",
                "bm25", *settings]
    else:
        from assistant.extract.__main__ import main
        argv = [str(inp), "--out", str(out), *settings]
    monkeypatch.setattr(sys, "argv", [cli, *argv])
    return main()


# --------------------------------------------------------------------------------- tests
@pytest.mark.parametrize("cli", ["triage", "ask", "literature", "search"])
def test_every_hostile_record_gets_its_line(cli: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            request: pytest.FixtureRequest) -> None:
    index = (request.getfixturevalue("tiny_index") if cli in ("ask", "literature", "search")
             else None)
    data, expected = jsonl_corpus(cli)
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_bytes(data)
    assert _run_main(cli, inp, out, tmp_path, monkeypatch, index) == 0
    rows = _strict_lines(out)
    tally = _check(rows, expected, cli)
    assert tally["wrong"] == 0 and tally["tried"] == len(JSONL_CASES) >= 60
    by_name = dict(zip((n for n, _ in expected), rows, strict=True))
    assert by_name["no_id"]["id"].startswith("line")  # the output names the input line
    assert by_name["integer_id"]["id"] == "12345" and by_name["emoji_and_rtl_text"]["id"] == "emoji"
    assert [by_name[n]["id"] for n in ("duplicate_id_first", "duplicate_id_second")] == ["dup"] * 2
    assert by_name["id_line_separator"]["id"] == "x\u2028y\u0085z"
    print(f"\n{cli}: {tally}")


def _write_note_corpus(folder: Path, monkeypatch: pytest.MonkeyPatch | None) -> list[
        tuple[str, str | None]]:
    """Write every note case to ``folder`` (sorted order = case order); return expectations."""
    folder.mkdir()
    expected: list[tuple[str, str | None]] = []
    for case in NOTE_CASES:
        path = folder / case["file"]
        kind = case.get("generate")
        if "text" in case:
            path.write_bytes(case["text"].encode("utf-8"))
        elif "hex" in case:
            path.write_bytes(bytes.fromhex(case["hex"]))
        elif kind in ("nested_array", "bigint_field"):
            path.write_bytes(_generated(kind, "text"))
        elif kind == "json_long_text":
            path.write_text(json.dumps({"id": "long", "text": "a" * 200_001}))
        elif kind == "csv_big_field":
            path.write_text('id,text\nr1,"HTN"\nr2,"' + "asthma " * 30_000 + '"\nr3,"COPD"\n')
        elif kind == "huge_txt":
            path.write_text("word " * 170_000)  # 850,000 bytes: over 4 x max_note_chars
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "dangling":
            path.symlink_to(folder / "nowhere.txt")
        elif kind == "file_loop":
            path.symlink_to(folder / "n27_loop_b.txt")
        elif kind == "file_loop_b":
            path.symlink_to(folder / "n27_loop_a.txt")
        elif kind == "dir_loop":
            path.parent.mkdir()
            path.symlink_to(folder)
        elif kind == "unreadable":
            path.write_text("HTN.\n")
        else:
            raise AssertionError(f"unknown case {case['name']}")
        exp = case["expect"]
        if kind == "unreadable" and monkeypatch is None:
            exp = None  # a subprocess cannot be patched: root reads the file fine
        for i, phrase in enumerate(exp if isinstance(exp, list) else [exp]):
            expected.append((f"{case['name']}#{i}", phrase))
    if monkeypatch is not None:
        real_open = Path.open

        def guarded_open(self: Path, *args: Any, **kwargs: Any) -> Any:
            if self.name == "n29_unreadable.txt":  # chmod 000 does not stop root
                raise PermissionError(13, "Permission denied")
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", guarded_open)
    data, records = jsonl_corpus("extract")
    (folder / "n30_records.jsonl").write_bytes(data)
    expected.extend(records)
    return expected


@pytest.mark.parametrize("mode", ["in-process", "subprocess"])
def test_every_hostile_note_gets_its_line(mode: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    notes, out = tmp_path / "notes", tmp_path / "out.jsonl"
    expected = _write_note_corpus(notes, monkeypatch if mode == "in-process" else None)
    if mode == "in-process":
        assert _run_main("extract", notes, out, tmp_path, monkeypatch, None) == 0
    else:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLINASSIST_")}
        run = subprocess.run([sys.executable, "-m", "assistant.extract", str(notes), "--out",
                              str(out), "--no-llm", "--set", f"cache_dir={tmp_path / 'c'}"],
                             cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stderr[-2000:]
        assert "with errors" in run.stderr.splitlines()[-1]
    rows = _strict_lines(out)
    tally = _check(rows, expected, "extract")
    assert tally["tried"] == len(expected) >= 100
    print(f"\nextract ({mode}): {tally}")


@pytest.mark.parametrize("cli", ["extract", "search"])
def test_resume_passes_the_hostile_records(cli: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           request: pytest.FixtureRequest) -> None:
    """A run stopped half-way resumes past the hostile records to the same output."""
    index = request.getfixturevalue("tiny_index") if cli == "search" else None
    data, expected = jsonl_corpus(cli)
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_bytes(data)
    assert _run_main(cli, inp, out, tmp_path, monkeypatch, index) == 0
    full = out.read_bytes()
    lines = full.split(b"\n")[:-1]
    half = len(lines) // 2
    out.unlink()
    partial = tmp_path / "out.jsonl.partial"
    partial.write_bytes(b"\n".join(lines[:half]) + b"\n" + lines[half][:7])  # torn line
    monkeypatch.setattr(sys, "argv", [*sys.argv, "--resume"])
    from importlib import import_module

    main = import_module({"extract": "assistant.extract.__main__",
                          "search": "index.search"}[cli]).main
    assert main() == 0
    assert out.read_bytes() == full
    _check(_strict_lines(out), expected, cli)


@pytest.mark.parametrize("cli", ["triage", "ask", "literature", "search"])
def test_empty_input_file_gives_empty_output(cli: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             request: pytest.FixtureRequest) -> None:
    index = (request.getfixturevalue("tiny_index") if cli in ("ask", "literature", "search")
             else None)
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_bytes(b"")
    assert _run_main(cli, inp, out, tmp_path, monkeypatch, index) == 0
    assert out.read_bytes() == b""


def test_out_is_a_folder_fails_before_the_work(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.errors import InputError

    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "prompt": "hello"}\n')
    with pytest.raises(InputError, match="is a folder; give a file path"):
        _run_main("ask", inp, tmp_path, tmp_path, monkeypatch, None)


def test_index_build_reports_records_left_unread(tmp_path: Path, tiny_index: tuple[Path, Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A fatal XML error ends its file; the summary says how many records it left unread."""
    from test_index_loaders import MEDLINE

    from assistant.config import load_settings
    from index.build import build_index

    first_end = MEDLINE.index("</PubmedArticle>") + len("</PubmedArticle>")
    broken = (MEDLINE[:first_end] + "\n <PubmedArticle><MedlineCitation><PMID>9</PMIX>"
              + MEDLINE[MEDLINE.index("</MedlineCitation>", first_end):])
    (tmp_path / "c.xml").write_text(broken, "utf-8")
    settings = load_settings(None, {"cache_dir": str(tmp_path / "cache"), "device": "cpu",
                                    "embedding_model_path": str(tiny_index[1])}, environ={})
    manifest = build_index([tmp_path / "c.xml"], tmp_path / "idx", settings,
                           show_progress=False)
    assert manifest["counts"]["documents"] == 1
    err = capsys.readouterr().err
    assert "1 later records in the file not read" in err
    assert "1 malformed records skipped and 1 more left unread after fatal file errors" in err
