"""The one triage path: parse -> floors (red flags, scores) -> estimate -> final acuity.

The estimate depends on the care setting (``setting``): in ``ed`` it is the KTAS-trained
learned model; in ``urgent_care``, ``primary_care`` and ``self`` it is the condition knowledge
base (``knowledge``, ``setting.front_door``). Either way ``final acuity = min(estimate,
red-flag floors, score floors)``, and in ``ed`` the knowledge base's emergency and urgent matches
are floors too (``setting.ed_knowledge_floor``); nothing after that line can change it. The LLM (only when
``settings.use_llm`` and the ``triage.narrative`` setting allow it) words a summary and the
advice from ``prompts/triage.txt``; its text is shown only when it passes the checks of
``narrative.py`` (whole, not repeated, no finding beyond the input and the reasons, the same
level), and the deterministic evidence-based reasons are always kept. ``narrative_check`` on
the record says whether it was shown and, if not, why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from assistant.batch import key_hash  # ids can be MRNs or names: logs get a hash
from assistant.config import Settings
from assistant.errors import ClinAssistError, StructuredOutputError
from assistant.schema import NarrativeCheck, TriageRecord, level_for_acuity
from assistant.triage.advice import advice_for, for_patient, with_safety_net
from assistant.triage.floors import FloorReport, apply_floor, collect_floors
from assistant.triage.knowledge import Condition
from assistant.triage.model import AcuityModel, Estimate, embed_complaints, feature_vector
from assistant.triage.narrative import FindingVocabulary, check_narrative
from assistant.triage.parse import Presentation, parse_case
from assistant.triage.scores import Floor
from assistant.triage.setting import (
    SETTING_NAMES,
    FrontDoor,
    KnowledgeFloor,
    ed_knowledge_floor,
    front_door,
    resolve_setting,
)

log = logging.getLogger(__name__)

Estimator = Callable[[Sequence[Presentation]], list[Estimate]]


class TriageNarrative(BaseModel):
    """What the LLM may write: a short summary and advice (never the level)."""

    summary: str = Field(max_length=300)
    advice: str = Field(max_length=600)


def _fmt(x: float) -> str:
    return f"{x:g}"


def combined_floor(fr: FloorReport, kb: KnowledgeFloor | None) -> int:
    """The floor of a case: its red-flag/score floors and, in the ED, its knowledge-base one."""
    return fr.acuity if kb is None else min(fr.acuity, kb.acuity)


_WRITTEN_KB = "knowledge-base entry of the text as written"


def _with_written_floors(fr: FloorReport, written: Presentation,
                         setting: str) -> tuple[FloorReport, tuple[int, str] | None]:
    """``fr`` (the case read with a wrapped list sentence rejoined, ``parse.rejoin_wrapped_lists``)
    plus every red flag and floor of the case read with its line breaks as written, and that
    reading's knowledge-base entry when it is emergency or urgent (acuity 3 or more urgent):
    rejoining a line never lowers a level below what the text as written fires. Also that
    entry's (acuity, condition), so the record can name it when it sets the final level."""
    wr = collect_floors(written)
    names = {h.name for h in fr.red_flags}
    flags = fr.red_flags + [h for h in wr.red_flags if h.name not in names]
    floors = list(fr.floors) + list(wr.floors)
    kb = ed_knowledge_floor(written) if setting == "ed" else front_door(written, wr)
    entry = None
    if kb is not None and kb.acuity <= 3:
        condition = kb.chosen.entry.condition if kb.chosen is not None else None
        floors.append(Floor(kb.acuity, f"{_WRITTEN_KB}: {condition}" if condition else _WRITTEN_KB,
                            "line breaks as written"))
        entry = (kb.acuity, condition) if condition else None
    return FloorReport(fr.scores, flags, floors), entry


def _condition_label(chosen: Condition | None, kb: KnowledgeFloor | None,
                     final: int) -> str | None:
    """The record's ``condition``: the knowledge-base entry that explains the final level.

    A red flag or vital-sign floor can make the level more urgent than the chosen entry
    (a sting with sats 90% is 2, its entry "large local reaction" is 4); naming that entry
    would read as the reason for the level (review 3). So the chosen entry is named only
    when its acuity is the final one (the rule ``advice_for`` follows), else the ED
    knowledge floor's entry when that floor is the final level, else none."""
    if chosen is not None and chosen.acuity == final:
        return chosen.condition
    if kb is not None and kb.chosen is not None and kb.acuity == final:
        return kb.chosen.entry.condition
    return None


def evidence_reasons(p: Presentation, fr: FloorReport, est: Estimate | None,
                     final: int, door: FrontDoor | None = None,
                     kb: KnowledgeFloor | None = None) -> list[str]:
    """Reasons built only from what was read and computed (each traceable to the input);
    ``kb`` is the knowledge-base floor of an ED case (its matches are named, with the acuity
    each demands)."""
    out: list[str] = []
    if door is not None:
        out.extend(door.reasons)
    if kb is not None:
        out.extend(kb.reasons())
    for h in fr.red_flags:
        out.append(f"Red flag: {h.name} (\"{h.evidence}\") -> acuity at most {h.acuity}")
    flag_names = {h.name for h in fr.red_flags}
    for f in fr.floors:
        if f.name not in flag_names:
            kind = "Floor" if f.name.startswith(_WRITTEN_KB) else "Vital-sign floor"
            out.append(f"{kind}: {f.name} ({f.evidence}) -> acuity at most {f.acuity}")
    s = fr.scores
    if s.news2 is None:
        out.append("No vital signs given: NEWS2/qSOFA not computed; measure a full set of "
                   "observations.")
    else:
        # A score that could not be computed is left out (never printed as "None").
        qs = f"; qSOFA {s.qsofa}" if s.qsofa is not None else \
            "; qSOFA not computed (no RR, SBP or consciousness level)"
        si = f"; shock index {s.shock_index:.2f}" if s.shock_index is not None else ""
        out.append(f"NEWS2 {s.news2} (from {s.news2_params}/7 parameters"
                   f"{'' if s.news2_params == 7 else ', missing ones counted as 0'})"
                   f"{qs}{si}")
    if est is not None:
        probs = ", ".join(f"{i + 1}: {pr:.2f}" for i, pr in enumerate(est.probs))
        out.append(f"Learned estimate (KTAS-trained model on complaint and vitals): acuity "
                   f"{est.acuity} (P {probs})")
    known = [f"age {_fmt(p.age)}" if p.age is not None else "",
             f"sex {p.sex}" if p.sex else "", f"pain {p.pain}/10" if p.pain is not None else "",
             f"onset {p.onset}" if p.onset else "", f"arrival {p.arrival}" if p.arrival else ""]
    if any(known):
        out.append("Read from the case: " + ", ".join(k for k in known if k))
    what = "learned estimate" if door is None else "condition knowledge base"
    base = door.acuity if door is not None else est.acuity if est is not None else None
    floor = combined_floor(fr, kb)
    if base is None or floor < base:
        source = "floors"
    else:
        source = f"{what} and floors" if floor == base else what
    if kb is not None and kb.chosen is not None and kb.acuity == final:
        # name the condition whose knowledge-base floor (also) set the level
        source += f" (knowledge-base floor: possible {kb.chosen.entry.condition})"
    out.append(f"Final acuity {final} ({level_for_acuity(final)}): the most urgent of the {what} "
               f"and the floors (set by the {source}).")
    return out


def build_messages(presentation: str, final: int, reasons: list[str],
                   setting: str | None = None) -> list[dict[str, str]]:
    """The narrative request (prompts/triage.txt) for a case whose final acuity is decided:
    the presentation text (first 2000 characters), the acuity and its level, the
    evidence-based reasons as a bullet list, and who reads the advice (the clinician; the
    patient in the ``self`` setting). The reply is a ``TriageNarrative`` JSON."""
    from assistant.prompts import load_prompt

    return load_prompt("triage").render(
        presentation=presentation[:2000], acuity=str(final), level=level_for_acuity(final),
        evidence="\n".join(f"- {r}" for r in reasons),
        reader="the patient" if for_patient(setting) else "the clinician")


class Triager:
    """Triage one CONTRACT case dict into a TriageRecord.

    ``estimator`` replaces the learned model (for tests or other models): it maps
    presentations to Estimates. By default the JSON artefact in ``artifacts/`` is loaded.
    The learned model runs only for cases whose setting is ``ed``; the others are triaged on
    the knowledge base and the floors (``assistant.triage.setting``).
    """

    def __init__(self, settings: Settings, backend: Any | None = None, *,
                 estimator: Estimator | None = None) -> None:
        self.settings = settings
        self._backend = backend
        self._estimator = estimator
        self._model: AcuityModel | None = None
        self._vocab: FindingVocabulary | None = None

    # ---- components, created on first use ----
    def _estimate(self, ps: Sequence[Presentation]) -> list[Estimate]:
        if self._estimator is not None:
            return self._estimator(ps)
        if self._model is None:
            self._model = AcuityModel.load()
        feats = np.vstack([feature_vector(p) for p in ps])
        emb = embed_complaints(self.settings, [p.complaint for p in ps])
        return self._model.estimate(feats, emb)

    @property
    def vocabulary(self) -> FindingVocabulary:
        """The problem vocabulary the narrative check finds findings with (loaded on first use:
        only a case with a narrative needs it)."""
        if self._vocab is None:
            from assistant.clinical.vocabulary import get_vocabulary

            self._vocab = get_vocabulary(str(self.settings.cache_dir))
        return self._vocab

    @property
    def backend(self) -> Any:
        if self._backend is None:
            from assistant.llm import get_backend

            self._backend = get_backend(self.settings)
        return self._backend

    # ---- the path ----
    def triage(self, case: dict[str, Any], *, narrative: bool | None = None) -> TriageRecord:
        """Triage one case; raises InputError for a case that cannot be read.

        ``narrative=False`` gives the rules-only record (no LLM call) whatever the settings
        say; ``None`` follows them (``narrative_on``); ``True`` cannot force a narrative the
        settings turned off, so an LLM never runs where it is disabled."""
        return self.triage_many([case], narrative=narrative)[0]

    def triage_many(self, cases: Sequence[dict[str, Any]], *,
                    narrative: bool | None = None) -> list[TriageRecord]:
        """Triage several cases (the learned model embeds them in one batch); ``narrative``
        as in ``triage``."""
        ps = [parse_case(c) for c in cases]
        default = self.settings.triage.setting
        settings = [resolve_setting(c, default) for c in cases]
        ed = [p for p, s in zip(ps, settings, strict=True) if s == "ed"]
        # Only ED cases need the learned model (and its embedding model); one batch for all.
        # A case read with a wrapped list rejoined is also estimated as written, and the more
        # urgent estimate is kept: the rejoin never lowers the learned level either (re-review:
        # "no tight band around my chest\nand no sweating" was 2 as written, 3 rejoined).
        written = [p.as_written for p in ed if p.as_written is not None]
        got = self._estimate(ed + written) if ed else []
        extra = iter(got[len(ed):])
        ests = iter([min(e, next(extra), key=lambda x: x.acuity) if p.as_written is not None
                     else e for p, e in zip(ed, got[:len(ed)], strict=True)])
        narrate = self.narrative_on and narrative is not False
        return [self._record(p, s, next(ests) if s == "ed" else None, narrate=narrate)
                for p, s in zip(ps, settings, strict=True)]

    @property
    def narrative_on(self) -> bool:
        """Whether the LLM words the narrative (``triage.narrative``; ``auto``: not for the
        embedded 135M model, whose JSON fails validation on most cases at seconds per case)."""
        mode = self.settings.triage.narrative
        if not self.settings.use_llm or mode == "off":
            return False
        if mode == "on":
            return True
        # A backend handed in is used as is; only the local one may be the embedded model.
        if self._backend is not None and getattr(self._backend, "name", None) != "local":
            return True
        return self.settings.llm_for("triage_narrative")

    def _record(self, p: Presentation, setting: str, est: Estimate | None, *,
                narrate: bool) -> TriageRecord:
        fr = collect_floors(p)
        written_entry = None
        if p.as_written is not None:
            fr, written_entry = _with_written_floors(fr, p.as_written, setting)
        door = None if setting == "ed" else front_door(p, fr)
        # In the ED a knowledge-base emergency/urgent match is a floor like a red flag (issue
        # 21): the learned model alone graded appendicitis with guarding 4 there.
        kb = ed_knowledge_floor(p) if setting == "ed" else None
        floor = combined_floor(fr, kb)
        base = door.acuity if door is not None else est.acuity if est is not None else 5
        final = apply_floor(base, floor)
        level = level_for_acuity(final)
        reasons = evidence_reasons(p, fr, est, final, door, kb)
        reasons.insert(0, f"Care setting: {SETTING_NAMES[setting]} ({setting})")
        chosen = door.chosen.entry if door is not None and door.chosen is not None else None
        advice = advice_for(final, setting,
                            chosen.id if chosen is not None and chosen.acuity == final else None)
        check: NarrativeCheck | None = None
        if narrate:
            narrative, check = self._narrate(p, setting, final, reasons)
            if narrative is not None:
                reasons.insert(0, f"Summary: {narrative.summary.strip()}")
                advice = with_safety_net(narrative.advice.strip(), final, setting)
        record = TriageRecord(
            id=p.id, acuity=final, level=level, red_flags=[h.name for h in fr.red_flags],
            scores=fr.scores.as_dict(), reasons=reasons, advice=advice, setting=setting,
            condition=_condition_label(chosen, kb, final) or (
                written_entry[1] if written_entry is not None and written_entry[0] == final
                else None),
            narrative_check=check)
        # The floor is the invariant of this module: check it on the record that leaves
        # (an explicit check, not `assert`, so that `python -O` cannot remove it).
        if record.acuity is None or record.acuity > floor:
            raise RuntimeError(f"case {p.id}: acuity {record.acuity} is less urgent than its "
                               f"floor {floor}; this is a bug, please report it")
        return record

    def _narrate(self, p: Presentation, setting: str, final: int,
                 reasons: list[str]) -> tuple[TriageNarrative | None, NarrativeCheck]:
        """LLM-worded summary and advice when they pass ``check_narrative``, else None; and
        the check either way. Logs name the case hash and the reason class, never text."""
        from assistant.llm.base import GenerationParams

        level = level_for_acuity(final)
        messages = build_messages(p.text, final, reasons, setting)
        try:
            budget = min(200, self.settings.generation.json_max_new_tokens)
            out = self.backend.generate_json(messages, TriageNarrative,
                                             GenerationParams(max_new_tokens=budget))
        except ClinAssistError as exc:
            reason = "validation" if isinstance(exc, StructuredOutputError) else "llm_error"
            log.warning("case %s: LLM narrative failed (%s); using rule-based text",
                        key_hash(p.id), type(exc).__name__)
            return None, NarrativeCheck(shown=False, reason=reason, detail=type(exc).__name__)
        verdict = check_narrative(out.summary, out.advice, source="\n".join([p.text, *reasons]),
                                  level=level, acuity=final, vocab=self.vocabulary,
                                  vitals=p.vitals)
        if verdict is not None:
            log.warning("case %s: LLM narrative not shown (%s); using rule-based text",
                        key_hash(p.id), verdict.reason)
            return None, NarrativeCheck(shown=False, reason=verdict.reason,
                                        detail=verdict.detail)
        return out, NarrativeCheck(shown=True)
