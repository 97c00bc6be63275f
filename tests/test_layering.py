"""Import layering: the product never depends on training or evaluation code.

- nothing in ``assistant/`` or ``index/`` imports ``finetune`` or ``eval``;
- ``index/`` imports nothing from ``assistant/`` except its shared core: ``assistant.config``
  (with its section models) and ``assistant.errors``, plus the two pieces of CLI infrastructure every command shares,
  ``assistant.cli`` (flags, logging, exit codes) and ``assistant.batch`` (the crash-safe
  batch runner). The index is a library the assistant uses, not the other way round;
- that core is closed: its modules import nothing else from ``assistant/``;
- no code or test carries an absolute data path of one machine.

Imports are read with ``ast`` (also those inside functions, which lazy loading uses), so a
late ``from eval import x`` inside a function body is caught too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The shared core. A separate top-level package would break the fixed top-level layout
# (DESIGN.md), so the core stays inside assistant/ and is kept closed by a test below.
CORE = {"assistant.config", "assistant.config_sections", "assistant.errors", "assistant.cli",
        "assistant.batch"}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, dotted module) for every import statement in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            # ``from assistant import literature`` names a submodule
            out += [(node.lineno, f"{node.module}.{a.name}") for a in node.names
                    if node.module in {"assistant", "index", "eval", "finetune"}]
    return out


def _top(module: str) -> str:
    return module.split(".", 1)[0]


def _py_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", ["assistant", "index"])
def test_product_never_imports_training_or_eval(package: str) -> None:
    bad = [f"{p.relative_to(ROOT)}:{line} imports {mod}"
           for p in _py_files(package) for line, mod in _imports(p)
           if _top(mod) in {"finetune", "eval"}]
    assert bad == []


def test_index_imports_only_config_and_errors_from_assistant() -> None:
    bad = []
    for p in _py_files("index"):
        for line, mod in _imports(p):
            if _top(mod) != "assistant" or mod == "assistant":
                continue
            if not any(mod == ok or mod.startswith(ok + ".") for ok in CORE):
                bad.append(f"{p.relative_to(ROOT)}:{line} imports {mod}")
    assert bad == []


def test_core_is_closed() -> None:
    bad = []
    for name in sorted(CORE):
        p = ROOT / (name.replace(".", "/") + ".py")
        for line, mod in _imports(p):
            if _top(mod) in {"finetune", "eval", "index"} or (
                    _top(mod) == "assistant" and mod != "assistant"
                    and not any(mod == ok or mod.startswith(ok + ".") for ok in CORE)):
                bad.append(f"{p.relative_to(ROOT)}:{line} imports {mod}")
    assert bad == []


def test_imports_reader_sees_function_level_imports(tmp_path: Path) -> None:
    # The checks above are only as good as this reader: pin that it sees lazy imports.
    src = tmp_path / "m.py"
    src.write_text("import os\n\ndef f():\n    from eval.metrics import prf1\n"
                   "    import finetune.train\n    from assistant import literature\n")
    mods = [m for _, m in _imports(src)]
    assert mods == ["os", "eval.metrics", "finetune.train", "assistant",
                    "assistant.literature"]


# An absolute path into one machine's folders (the shared data folder of the developers'
# machines, a home directory): code and tests must take data paths from settings or flags.
_ABSOLUTE = re.compile(r"""["'](/work/|/home/|/root/|/Users/|/mnt/)""")


def test_no_absolute_machine_paths_in_code_or_tests() -> None:
    bad = []
    for package in ("assistant", "index", "finetune", "eval", "tests"):
        for p in _py_files(package):
            if p == Path(__file__).resolve():
                continue
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
                if _ABSOLUTE.search(line):
                    bad.append(f"{p.relative_to(ROOT)}:{n}: {line.strip()}")
    assert bad == []
