"""Care settings: which engine triages a case, and the front-door decision for non-ED settings.

- ``ed``: ED triage as trained on KTAS: the learned acuity model, then red-flag and vital-sign
  floors, and the knowledge base's emergency and urgent matches as floors too
  (:func:`ed_knowledge_floor`): a condition the knowledge base sends to the emergency
  department (appendicitis with guarding) is never graded less urgent there than in primary
  care.
- ``urgent_care`` / ``primary_care`` / ``self``: a front door that may answer self-care. The
  KTAS model is not used (it was trained on ED arrivals, where nobody is self-care, and over-calls
  chronic free-text presentations); the condition knowledge base sets the disposition, and red
  flags and vital-sign floors stay floors.
- ``auto`` (the default): ``ed`` when the case gives structured vitals or an arrival mode (an
  ED triage desk), else ``primary_care``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.errors import InputError
from assistant.triage.floors import FloorReport
from assistant.triage.knowledge import (
    DISPOSITION_ACUITY,
    Match,
    match_conditions,
    self_care_blockers,
    vetoed_self_care,
)
from assistant.triage.minor import history_only, minor_illness, minor_musculoskeletal
from assistant.triage.parse import Presentation

# Only the dispositions whose entries read a condition, not a risk factor, from their first
# finding: an emergency or urgent entry may rest on a risk factor from the history (a clot
# risk for a DVT), and an emergency is never moved down.
_HISTORY_CHECKED = ("routine", "self_care")


SETTINGS = ("auto", "ed", "urgent_care", "primary_care", "self")
FRONT_DOOR_DEFAULT = 4  # nothing matched: a clinician within hours to days (routine)
SETTING_NAMES = {"ed": "emergency department", "urgent_care": "urgent care",
                 "primary_care": "primary care", "self": "self-assessment"}


def resolve_setting(case: dict[str, Any], default: str) -> str:
    """The concrete setting of ``case``: its own ``setting`` field, else ``default``; ``auto``
    becomes ``ed`` with structured vitals or an arrival mode, else ``primary_care``."""
    raw = case.get("setting") or default
    if not isinstance(raw, str) or raw.strip().lower() not in SETTINGS:
        raise InputError(f"`setting` must be one of {', '.join(SETTINGS)}; got {raw!r}")
    s = raw.strip().lower()
    if s != "auto":
        return s
    vitals = case.get("vitals")
    has_vitals = isinstance(vitals, dict) and any(v is not None for v in vitals.values())
    has_arrival = isinstance(case.get("arrival"), str) and bool(case["arrival"].strip())
    return "ed" if has_vitals or has_arrival else "primary_care"


@dataclass
class FrontDoor:
    """The knowledge-base decision for a non-ED setting (before the floors are applied)."""

    acuity: int
    matches: list[Match] = field(default_factory=list)
    chosen: Match | None = None
    blocked: dict[str, list[str]] = field(default_factory=dict)  # self-care id -> why not
    reasons: list[str] = field(default_factory=list)


def front_door(p: Presentation, fr: FloorReport) -> FrontDoor:
    """Most urgent knowledge-base match; a self-care match only when its safety net holds."""
    matches = match_conditions(p)
    past = [m for m in matches if m.entry.disposition in _HISTORY_CHECKED and m.evidence
            and history_only(p.text, m.evidence[0])]
    matches = [m for m in matches if m not in past]
    # A self-care entry that refines a routine one (``refines``: the milder, NHS-defined case
    # of the same condition, e.g. mild acne of acne, plantar fasciitis of heel pain) sets that
    # routine match aside when it fits and its safety net holds; a blocked one leaves it.
    refined: dict[str, str] = {}
    for m in matches:
        if m.entry.refines and not self_care_blockers(p, m.entry, fr.acuity, fr.scores):
            refined.update(dict.fromkeys(m.entry.refines, m.entry.id))
    set_aside = [m for m in matches if m.entry.disposition == "routine" and m.entry.id in refined]
    matches = [m for m in matches if m not in set_aside]
    out = FrontDoor(FRONT_DOOR_DEFAULT, matches)
    # A complaint that has outlasted its own NHS self-care window (a sore throat over a week)
    # needs a GP whichever other self-care pattern the text also fits (a cough, whose window is
    # 3 weeks): the other pattern does not explain the long complaint (issue 21 selfgen: "a
    # sore throat and a mild cough for 10 days" chose the cough entry).
    net = {m.entry.id: self_care_blockers(p, m.entry, fr.acuity, fr.scores)
           for m in matches if m.entry.disposition == "self_care"}
    outlasted = next((w for why in net.values() for w in why
                      if w.startswith("a course beyond self-care")), None)
    for m in matches:
        if m.entry.disposition == "self_care":
            why = net[m.entry.id] or ([f"another complaint of the text has outlasted its "
                                       f"self-care window ({outlasted})"] if outlasted else [])
            if why:
                out.blocked[m.entry.id] = why
                continue
        out.chosen = m
        out.acuity = m.entry.acuity
        break
    general_why: list[str] = []
    vetoed = vetoed_self_care(p) if not matches else None
    if vetoed is not None:
        # a self-care entry fitted but its own "see a GP if" list said no: not minor illness
        general_why = [f"self-care pattern {vetoed.id} fits but a feature it excludes is present"]
    elif not matches:
        # Nothing specific fitted: the general minor-illness rule (``minor``) may still
        # answer self-care; when it does not apply, the routine default stands.
        general, general_why = minor_illness(p, fr.acuity, fr.scores)
        if general is None:
            # a sprain, strain or overuse pain of a limb (the rule above excludes injuries)
            msk, msk_why = minor_musculoskeletal(p, fr.acuity, fr.scores)
            if msk is not None:
                general, general_why = msk, []
            elif msk_why:
                general_why = [*general_why, *(f"limb pain rule: {w}" for w in msk_why)]
        if general is not None:
            out.chosen = general
            out.acuity = general.entry.acuity
            out.matches = [general]
    for m in out.matches[:4]:
        out.reasons.append(m.reason())
    for m in set_aside:
        out.reasons.append(f"Condition pattern {m.entry.id} set aside: its milder case "
                           f"{refined[m.entry.id]} fits (NHS self-care)")
    for m in past:
        out.reasons.append(f"Condition pattern {m.entry.id} not applied: its finding "
                           f"\"{m.evidence[0]}\" is in the past history only")
    for cid, why in out.blocked.items():
        out.reasons.append(f"Self-care pattern {cid} not applied (safety net): {'; '.join(why)}"
                           f" -> at least routine review")
    if general_why:
        out.reasons.append("General minor-illness rules not applied: " + "; ".join(general_why)
                           + " -> routine review")
    if out.chosen is None and not out.blocked:
        out.reasons.append("No condition pattern matched: routine review by a clinician "
                           "(the front-door default; red flags and vital signs would raise it)")
    return out


# The knowledge-base dispositions that are floors in the ED (issue 21), and the acuity each
# demands there. An emergency entry ("go to A&E / call 999") keeps the acuity it has in every
# other setting (DISPOSITION_ACUITY: 2), so the ED never grades it less urgent than the front
# door would. An urgent entry means same-day assessment (NICE NG158 DVT, NG141 cellulitis,
# ...), which the ED gives at KTAS 4 too (seen within the hour); what it must never be there
# is 5, the non-urgent level that may be redirected away (and is worded as self-care). So its
# ED floor is 4 and the KTAS-trained model keeps the 3-vs-4 call the KTAS experts made: on
# the KTAS dev set a floor of 3 moved three cases (one exact call lost, "LLQ pain" 4 -> 3;
# "left leg pain" 4 -> 3 against an expert 5) and a floor of 4 one ("both leg cellulitis"
# 5 -> 4, the expert's level). Routine and self-care entries are not floors: the model grades
# those presentations (the ED has no self-care outcome).
ED_FLOOR_ACUITY: dict[str, int] = {"emergency": 2, "urgent": 4}


@dataclass
class KnowledgeFloor:
    """The knowledge-base floor of an ED case: the most urgent emergency or urgent match."""

    matches: list[Match] = field(default_factory=list)  # most urgent ED floor first

    @property
    def acuity(self) -> int:
        """The floor the most urgent match sets (5 = no floor)."""
        return ed_floor(self.matches[0]) if self.matches else 5

    @property
    def chosen(self) -> Match | None:
        """The match that sets the floor (the first, most urgent one), if any."""
        return self.matches[0] if self.matches else None

    def reasons(self) -> list[str]:
        """One line per matched emergency/urgent pattern (at most four), naming the
        condition, its evidence and the acuity it demands."""
        return [f"Knowledge-base floor: {m.reason()} -> acuity at most {ed_floor(m)}"
                + _floor_note(m) for m in self.matches[:4]]


def _floor_note(m: Match) -> str:
    """Why the ED floor of ``m`` differs from the level its disposition names, if it does."""
    if m.entry.ed_acuity is not None and m.entry.ed_acuity > DISPOSITION_ACUITY[m.entry.disposition]:
        # review 3: "-> emergency ... -> acuity at most 3" read as a contradiction
        return (" in the emergency department (the place where it is treated; within it, "
                f"not a high-risk situation: ESI level {m.entry.ed_acuity})")
    if m.entry.disposition == "urgent":
        return " in the emergency department (a same-day need: never non-urgent)"
    return ""


def ed_knowledge_floor(p: Presentation) -> KnowledgeFloor:
    """The emergency and urgent knowledge-base matches of ``p`` as a floor for the ED path
    (most urgent first). Matching is the front door's (``match_conditions``); as there, an
    emergency or urgent entry is not dropped for a past-history first finding."""
    matches = [m for m in match_conditions(p) if m.entry.disposition in ED_FLOOR_ACUITY]
    # an entry's own ``ed_acuity`` can make a later match the most urgent one in the ED
    matches.sort(key=ed_floor)
    return KnowledgeFloor(matches)


def ed_floor(m: Match) -> int:
    """The ED acuity floor one emergency or urgent match demands: the entry's own
    ``ed_acuity`` where it names one, else ``ED_FLOOR_ACUITY`` for its disposition."""
    if m.entry.ed_acuity is not None:
        return m.entry.ed_acuity
    return ED_FLOOR_ACUITY[m.entry.disposition]
