"""The per-task LLM policy: whether a task uses the language model (issue 17).

``llm_for(settings, task)`` (also ``settings.llm_for(task)``) for task in ``extraction``,
``triage_narrative``, ``literature_rephrase`` and ``general``. Each task's setting
(``llm.<task>``) is ``on``, ``off`` or ``auto``; ``auto`` follows the measured gain of the
configured model over the rules path (``python -m eval.llm_gain``, figures in the README): the
embedded SmolLM2-135M gains nothing on any task (extraction F1 equal with and without it,
triage narratives that fail validation, rewrites that keep no cited sentence, MedQA below
chance), so ``auto`` is off for it and on for a model the user chose (``model_path``) or an
OpenAI-compatible server. Older task switches still win when set explicitly:
``triage.narrative: on|off``, ``literature.rephrase: true``. ``use_llm: false``
(``--no-llm``) turns every task off. No model is loaded here.

The rule itself lives in the settings core (``assistant.config_sections.llm_policy``), so
``Settings.llm_for`` depends on nothing outside the core.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.config_sections import LLM_TASKS, capable_model, llm_policy

if TYPE_CHECKING:
    from assistant.config import Settings

__all__ = ["LLM_TASKS", "capable_model", "llm_for", "policy_table"]


def llm_for(settings: Settings, task: str) -> bool:
    """Whether ``task`` uses the LLM under ``settings`` (see the module doc)."""
    return llm_policy(settings, task)


def policy_table(settings: Settings) -> dict[str, bool]:
    """``{task: uses the LLM}`` for every task (status panels, ``eval.llm_gain``)."""
    return {task: llm_policy(settings, task) for task in LLM_TASKS}
