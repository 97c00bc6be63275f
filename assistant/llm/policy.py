"""The per-task LLM policy: whether a task uses the language model (issue 17).

``llm_for(settings, task)`` for task in ``extraction``, ``triage_narrative``,
``literature_rephrase`` and ``general``. Each task's setting (``llm.<task>``) is ``on``,
``off`` or ``auto``; ``auto`` follows the measured gain of the configured model over the
rules path (``python -m eval.llm_gain``, figures in the README): the embedded SmolLM2-135M
gains nothing on any task (extraction F1 equal with and without it, triage narratives that
fail validation, rephrasings that lose citations), so ``auto`` is off for it and on for a
model the user chose (``model_path``) or an OpenAI-compatible server. Older task switches
still win when set explicitly: ``triage.narrative: on|off``, ``literature.rephrase: true``.
``use_llm: false`` (``--no-llm``) turns every task off. No model is loaded here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.config_sections import LLM_TASKS

if TYPE_CHECKING:
    from assistant.config import Settings

__all__ = ["LLM_TASKS", "capable_model", "llm_for", "policy_table"]


def capable_model(settings: Settings) -> bool:
    """True when the LLM is one the user configured (a local ``model_path`` or a server),
    False for the embedded SmolLM2-135M, whose measured gain is none."""
    return settings.backend == "openai" or settings.model_path is not None


def _mode(settings: Settings, task: str) -> str:
    mode = getattr(settings.llm, task)
    if task == "triage_narrative" and settings.triage.narrative != "auto":
        return settings.triage.narrative
    if task == "literature_rephrase" and settings.literature.rephrase:
        return "on"
    return mode


def llm_for(settings: Settings, task: str) -> bool:
    """Whether ``task`` uses the LLM under ``settings`` (see the module doc)."""
    if task not in LLM_TASKS:
        raise ValueError(f"unknown LLM task {task!r}; one of {', '.join(LLM_TASKS)}")
    if not settings.use_llm:
        return False
    mode = _mode(settings, task)
    if mode != "auto":
        return mode == "on"
    return capable_model(settings)


def policy_table(settings: Settings) -> dict[str, bool]:
    """``{task: uses the LLM}`` for every task (status panel, ``eval.llm_gain``)."""
    return {task: llm_for(settings, task) for task in LLM_TASKS}
