"""The one loader for the plain-text prompt templates in ``prompts/``.

A template file holds one or more role blocks, each opened by a line ``[system]``,
``[user]`` or ``[assistant]``. Placeholders use ``str.format`` syntax (``{note}``); literal
braces are doubled (``{{`` ``}}``). Rendering fails fast when a placeholder is missing or an
unknown one is given, so a prompt can never go out half-filled.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.errors import PromptError

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
_ROLE_LINE = re.compile(r"^\[(system|user|assistant)\]\s*$", re.MULTILINE)

Message = dict[str, str]


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    blocks: tuple[tuple[str, str], ...]  # (role, template text)

    @property
    def placeholders(self) -> frozenset[str]:
        names: set[str] = set()
        for _, text in self.blocks:
            for _, field, _, _ in string.Formatter().parse(text):
                if field is not None:
                    if not field.isidentifier():
                        raise PromptError(
                            f"prompt {self.name!r}: placeholder {{{field}}} must be a plain name")
                    names.add(field)
        return frozenset(names)

    def render(self, **values: object) -> list[Message]:
        """Fill every placeholder; raise PromptError on a missing or unexpected one."""
        expected = self.placeholders
        missing = expected - values.keys()
        unknown = values.keys() - expected
        if missing or unknown:
            raise PromptError(
                f"prompt {self.name!r}: missing placeholders {sorted(missing)}, "
                f"unknown placeholders {sorted(unknown)}; expected exactly {sorted(expected)}")
        return [{"role": role, "content": text.format(**values).strip()}
                for role, text in self.blocks]


def parse_template(name: str, text: str) -> PromptTemplate:
    """Split a template file's text into role blocks and check its placeholders."""
    parts = _ROLE_LINE.split(text)
    if parts[0].strip():
        raise PromptError(f"prompt {name!r}: text before the first [system]/[user] line")
    blocks = tuple((parts[i], parts[i + 1]) for i in range(1, len(parts), 2))
    if not blocks:
        raise PromptError(f"prompt {name!r}: no [system] or [user] block")
    tpl = PromptTemplate(name, blocks)
    _ = tpl.placeholders  # validates placeholder syntax now, not at first use
    return tpl


@cache
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> PromptTemplate:
    """Load ``prompts/<name>.txt``."""
    path = directory / f"{name}.txt"
    if not path.is_file():
        available = sorted(p.stem for p in directory.glob("*.txt"))
        raise PromptError(f"no prompt template {name!r} in {directory}; available: {available}")
    try:
        return parse_template(name, path.read_text(encoding="utf-8"))
    except ValueError as exc:  # str.Formatter: unbalanced braces
        raise PromptError(f"prompt {name!r}: {exc} (double literal braces: {{{{ }}}})") from exc


def all_prompt_names(directory: Path = PROMPTS_DIR) -> list[str]:
    return sorted(p.stem for p in directory.glob("*.txt"))
