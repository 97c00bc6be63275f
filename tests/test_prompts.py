"""Every prompt template loads, and rendering fails fast on missing/unknown placeholders."""

import pytest

from assistant.errors import PromptError
from assistant.prompts import all_prompt_names, load_prompt


def test_every_template_loads_and_renders() -> None:
    names = all_prompt_names()
    assert "general" in names
    for name in names:
        tpl = load_prompt(name)
        values = {p: f"<{p}>" for p in tpl.placeholders}
        messages = tpl.render(**values)
        assert messages and all(m["role"] in {"system", "user", "assistant"} for m in messages)
        text = "".join(m["content"] for m in messages)
        for p in tpl.placeholders:
            assert f"<{p}>" in text


def test_missing_and_unknown_placeholders_fail() -> None:
    tpl = load_prompt("general")
    assert tpl.placeholders == {"question"}
    with pytest.raises(PromptError, match="question"):
        tpl.render()
    with pytest.raises(PromptError, match="colour"):
        tpl.render(question="q", colour="red")
    msgs = tpl.render(question="What is {x}?")  # braces in values are data, not placeholders
    assert msgs[-1] == {"role": "user", "content": "What is {x}?"}
