"""Issue 20 item 4: building or extending an index survives ``kill -9`` at any moment.

``DIR`` is a link to ``.DIR.versions/v<n>``; a build stages a new version and swaps the link.
Each trial kills ``python -m index.build ... --append`` (real CLI code, SIGKILL) either at a
random moment or inside the publish step (``INDEX_BUILD_FAULT=<step>`` makes the build kill
itself there), checks that the index still opens, is searchable and holds exactly the
documents of one complete version (never a mix, never duplicates), then re-runs the command
and checks that it ends with every document exactly once. The same for ``python -m
assistant.extract`` and ``--resume``.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from kill_driver import KillDriver  # same folder (pytest rootdir on sys.path)
from test_index_build import _tiny_st_model

from assistant.config import Settings, load_settings
from index.build import FAULT_ENV, FAULT_STEPS, build_index, recover_index, versions_dir
from index.search import open_index
from index.store import CHUNKS_DB, MANIFEST, read_manifest, resolve_index_dir

REPO = Path(__file__).resolve().parent.parent
N_BASE, N_EXTRA = 60, 40
RANDOM_TRIALS = 4
SEED = 20261204


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CLINASSIST_") and k != FAULT_ENV}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false",
               OMP_NUM_THREADS="1", PYTHONPATH=str(REPO))
    return env


def _docs(prefix: str, n: int) -> list[dict]:
    return [{"id": f"{prefix}{i}", "title": f"{prefix} study {i} of statins",
             "text": f"Trial {i} of statin therapy reduced stroke risk in group {prefix}. " * 4}
            for i in range(n)]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    base = tmp_path_factory.mktemp("publish")
    model = _tiny_st_model(base / "model", 16, 1)
    settings = load_settings(None, {"cache_dir": str(base / "cache"), "device": "cpu",
                                    "embedding_model_path": str(model)}, environ={})
    corpus, extra = base / "base.jsonl", base / "extra.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in _docs("b", N_BASE)))
    extra.write_text("".join(json.dumps(d) + "\n" for d in _docs("x", N_EXTRA)))
    seed = base / "seed"
    build_index([corpus], seed / "idx", settings, show_progress=False)
    return SimpleNamespace(base=base, model=model, settings=settings, corpus=corpus,
                           extra=extra, seed=seed)


@pytest.fixture(scope="module")
def driver(env: SimpleNamespace) -> KillDriver:
    """One warmed-up process that runs ``python -m index.build`` in killable children."""
    with KillDriver("index.build", ["index.search", "sentence_transformers"], _env(),
                    REPO) as drv:
        yield drv


def _fresh_copy(env: SimpleNamespace, name: str) -> Path:
    """A copy of the seed index (the link and its versions) in a folder of its own."""
    dst = env.base / name
    shutil.copytree(env.seed, dst, symlinks=True)
    return dst / "idx"


def _cli(env: SimpleNamespace, corpus: Path, out: Path, append: bool) -> list[str]:
    return [str(corpus), "--out", str(out), "-q", "--set",
            f"embedding_model_path={env.model}", "--set", f"cache_dir={env.base / 'cache'}"] \
        + (["--append"] if append else [])


def check_index(out: Path, settings: Settings) -> int:
    """The index opens, answers a search, and its store, vectors and manifest agree with no
    duplicate document or chunk; returns its number of documents."""
    manifest = read_manifest(out)
    assert manifest is not None, f"{out} holds no complete index"
    with sqlite3.connect(resolve_index_dir(out) / CHUNKS_DB) as db:
        docs, distinct = db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM documents").fetchone()
        chunks, rows = db.execute("SELECT COUNT(*), COUNT(DISTINCT row) FROM chunks").fetchone()
    assert docs == distinct == manifest["counts"]["documents"]
    assert chunks == rows == manifest["counts"]["chunks"] == manifest["faiss"]["vectors"]
    searcher = open_index(out, settings)
    try:
        assert searcher.index.ntotal == chunks
        assert searcher.search("statin therapy stroke risk", k=5, mode="bm25")
        assert searcher.search("statin therapy stroke risk", k=5, mode="dense")
    finally:
        searcher.close()
    return int(docs)


def _leftovers(out: Path) -> list[str]:
    """What a finished build must not leave: staging folders, temporary links, old folders."""
    names = [p.name for p in out.parent.iterdir() if p.name not in (out.name, f".{out.name}.versions")]
    names += [p.name for p in versions_dir(out).iterdir() if not p.name.startswith("v")
              and p.name != ".lock"]
    return names


def test_kill_9_during_append_never_loses_the_index(env: SimpleNamespace,
                                                   driver: KillDriver) -> None:
    """Kills at every publish step and at random moments; 0 documents lost or duplicated."""
    rng = random.Random(SEED)
    results = []
    # A complete run first: how long one takes (the random kills land inside it).
    probe = _fresh_copy(env, "probe")
    done = driver.run(_cli(env, env.extra, probe, append=True))
    assert done["rc"] == 0, done
    assert check_index(probe, env.settings) == N_BASE + N_EXTRA
    trials: list[tuple[str, dict]] = [(f"fault:{step}", {"env": {FAULT_ENV: step}})
                                      for step in FAULT_STEPS]
    trials += [(f"random:{t:.2f}s", {"kill_after": t}) for t in
               (rng.uniform(0.05, 0.9) * done["seconds"] for _ in range(RANDOM_TRIALS))]
    for n, (label, how) in enumerate(trials):
        out = _fresh_copy(env, f"trial{n}")
        if label == "fault:cleaning":  # an older version for the publish to prune
            shutil.copytree(versions_dir(out) / "v1", versions_dir(out) / "v0")
        killed = driver.run(_cli(env, env.extra, out, append=True), **how)
        if label.startswith("fault:"):
            assert killed["signal"] == 9, (label, killed)
        after_kill = check_index(out, env.settings)
        # One complete version: the one before or the one after the append, never a mix.
        assert after_kill in (N_BASE, N_BASE + N_EXTRA), (label, after_kill)
        rerun = driver.run(_cli(env, env.extra, out, append=True))
        assert rerun["rc"] == 0, (label, rerun)
        final = check_index(out, env.settings)
        assert final == N_BASE + N_EXTRA, (label, final)
        assert _leftovers(out) == [], (label, _leftovers(out))
        results.append((label, killed["signal"], after_kill, final))
    killed_runs = [r for r in results if r[1] == 9]
    assert len(killed_runs) >= len(FAULT_STEPS)
    print("kill trials (label, signal, documents after kill, after re-run):", results)


def test_kill_9_during_a_first_build_then_plain_rerun(env: SimpleNamespace,
                                                     driver: KillDriver) -> None:
    """A killed first build leaves no index or a complete one; the plain re-run completes."""
    for n, step in enumerate(("staged", "versioned", "linked-tmp")):
        out = env.base / f"first{n}" / "idx"
        killed = driver.run(_cli(env, env.corpus, out, append=False),
                            env={FAULT_ENV: step})
        assert killed["signal"] == 9
        assert read_manifest(out) is None or check_index(out, env.settings) == N_BASE
        assert driver.run(_cli(env, env.corpus, out, append=False))["rc"] == 0
        assert check_index(out, env.settings) == N_BASE
        assert _leftovers(out) == []


def test_the_real_cli_killed_between_the_renames(env: SimpleNamespace) -> None:
    """``python -m index.build`` itself (no fork), killed between staging and the link swap."""
    out = _fresh_copy(env, "cli")
    run = subprocess.run([sys.executable, "-m", "index.build",
                          *_cli(env, env.extra, out, append=True)], cwd=REPO,
                         env=_env() | {FAULT_ENV: "versioned"}, capture_output=True, timeout=300)
    assert run.returncode == -9, run.stderr[-2000:]
    assert check_index(out, env.settings) == N_BASE  # the previous version, still searchable
    build_index([env.extra], out, env.settings, append=True, show_progress=False)
    assert check_index(out, env.settings) == N_BASE + N_EXTRA


def test_a_folder_of_the_old_layout_is_replaced_atomically(env: SimpleNamespace) -> None:
    """An index built before versioning (files directly in DIR) is appended to in place, and
    a crash of the old two-rename publish (DIR gone, ``.DIR.old-PID`` left) is repaired."""
    legacy = env.base / "legacy" / "idx"
    shutil.copytree(resolve_index_dir(env.seed / "idx"), legacy)
    assert not legacy.is_symlink() and (legacy / MANIFEST).is_file()
    build_index([env.extra], legacy, env.settings, append=True, show_progress=False)
    assert legacy.is_symlink() and check_index(legacy, env.settings) == N_BASE + N_EXTRA
    assert _leftovers(legacy) == []
    # The old publish killed between its two renames: the index folder is gone.
    crashed = env.base / "oldcrash" / "idx"
    shutil.copytree(resolve_index_dir(env.seed / "idx"), crashed.parent / ".idx.old-999999")
    recover_index(crashed)
    assert check_index(crashed, env.settings) == N_BASE


def test_recovery_keeps_the_current_version_and_drops_half_made_ones(
        env: SimpleNamespace) -> None:
    out = _fresh_copy(env, "recover")
    vdir = versions_dir(out)
    (vdir / ".stage-999999").mkdir()           # a staging copy of a dead build
    (vdir / "v7").mkdir()                       # a version never published (no manifest)
    recover_index(out)
    assert sorted(p.name for p in vdir.iterdir()) == [".lock", "v1"]
    assert check_index(out, env.settings) == N_BASE
    for _ in range(3):                          # old versions are pruned to the last two
        build_index([env.extra], out, env.settings, append=True, show_progress=False)
    assert sorted(p.name for p in vdir.iterdir() if p.name.startswith("v")) == ["v3", "v4"]
    # A link left dangling (its version deleted by hand) is pointed at the newest complete one.
    shutil.rmtree(vdir / "v4")
    assert read_manifest(out) is None
    recover_index(out)
    assert os.readlink(out).endswith("v3") and check_index(out, env.settings) == N_BASE + N_EXTRA
