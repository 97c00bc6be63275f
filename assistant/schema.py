"""Pydantic models of the public output records (see CONTRACT.md).

These are the contract: fields are only ever added (optional), never renamed or removed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Span = tuple[int, int]
ProblemStatus = Literal["present", "absent", "possible", "historical", "family"]
MedStatus = Literal["active", "new", "discontinued", "held", "given"]
VitalName = Literal[
    "systolic_bp", "diastolic_bp", "heart_rate", "respiratory_rate", "temperature",
    "spo2", "weight", "height", "bmi",
]
LabFlag = Literal["high", "low", "normal", "critical_high", "critical_low", "abnormal"]
Level = Literal["emergency", "urgent", "routine", "self_care"]
Route = Literal["extraction", "literature", "triage", "general", "refused"]
Verdict = Literal["yes", "no", "maybe"]
Provenance = Literal["sourced", "abstained", "rules", "refused", "unverified_model"]
"""Where an ask answer comes from: quoted retrieved sources (cited), an abstention (the sources
do not cover the question), the project's rules (extraction, triage, help text), a refusal, or
model-only text labelled "not sourced: unverified model text" (only where a site enables it)."""
Direction = Literal["supports", "no effect", "against", "unclear"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Grounded(_Record):
    span: Span = Field(description="[start, end) character offsets into the note text")

    @field_validator("span")
    @classmethod
    def _span_ordered(cls, v: Span) -> Span:
        if v[0] < 0 or v[1] <= v[0]:
            raise ValueError(f"span {list(v)} must satisfy 0 <= start < end")
        return v


class Problem(_Grounded):
    text: str
    status: ProblemStatus
    icd10: str | None = None
    section: str | None = None
    source: Literal["rules", "llm"] | None = None
    #: Other terminology codes of the concept ("HP:0002240"); ``icd10`` keeps ICD-10-CM.
    codes: list[str] | None = None


class Medication(_Grounded):
    name: str
    dose: str | None = None
    route: str | None = None
    frequency: str | None = None
    status: MedStatus | None = None
    source: Literal["rules", "llm"] | None = None
    #: Where a route/frequency written once for a drug list lies ("aspirin 81 mg, metoprolol
    #: 25 mg, all by mouth daily": "all by mouth daily"), when it is apart from the drug's own
    #: words: ``span`` stays the drug's own item, never one over another drug's dose.
    sig_span: Span | None = None
    #: Drug dictionary codes of the generic ("MESH:D000638", "DRUGBANK:DB01118").
    codes: list[str] | None = None


class Allergy(_Grounded):
    substance: str
    reaction: str | None = None
    source: Literal["rules", "llm"] | None = None


class Vital(_Grounded):
    name: VitalName
    value: float
    unit: str
    raw: str


class Lab(_Grounded):
    name: str
    value: float | None = None
    unit: str | None = None
    flag: LabFlag | None = None
    raw: str | None = None


class ExtractionRecord(_Record):
    note_id: str
    problems: list[Problem] = Field(default_factory=list)
    medications: list[Medication] = Field(default_factory=list)
    allergies: list[Allergy] = Field(default_factory=list)
    vitals: list[Vital] = Field(default_factory=list)
    labs: list[Lab] = Field(default_factory=list)
    error: str | None = None
    #: True: the note says "NKDA"/"no known allergies"; False: it lists allergies; None: it
    #: says nothing, "unknown" or "refer to chart".
    no_known_allergies: bool | None = None


def level_for_acuity(acuity: int) -> Level:
    """CONTRACT: 1-2 emergency, 3 urgent, 4 routine, 5 self_care."""
    if acuity not in (1, 2, 3, 4, 5):
        raise ValueError(f"acuity must be 1..5, got {acuity}")
    return "emergency" if acuity <= 2 else ("urgent" if acuity == 3 else
                                             "routine" if acuity == 4 else "self_care")


class Citation(_Record):
    doc_id: str
    title: str = ""
    score: float = 0.0
    quote: str = ""


NarrativeReason = Literal["validation", "llm_error", "empty", "repetition", "cut_off",
                          "unsupported_finding", "contradicts_level"]


class NarrativeCheck(_Record):
    """Whether the LLM-worded triage narrative was shown, and if not, why (issue 23)."""

    shown: bool
    reason: NarrativeReason | None = None
    detail: str | None = None


class TriageRecord(_Record):
    id: str
    acuity: int | None = Field(None, ge=1, le=5)
    level: Level | None = None
    red_flags: list[str] = Field(default_factory=list)
    scores: dict[str, float | int | None] = Field(default_factory=dict)
    reasons: list[str] = Field(default_factory=list)
    advice: str = ""
    citations: list[Citation] = Field(default_factory=list)
    error: str | None = None
    # Optional, at the end (CONTRACT.md): the care setting the case was triaged for, and the
    # knowledge-base condition pattern that set or informed the level.
    setting: str | None = None
    condition: str | None = None
    # Optional (issue 23): the check of the LLM narrative; None when no narrative was asked for.
    narrative_check: NarrativeCheck | None = None


class StudyEvidence(_Record):
    """One cited study of a literature answer: its finding and what kind of study it is."""

    doc_id: str
    title: str = ""
    """The document's title, else the first sentence of its conclusion (never a bare id)."""
    year: str | None = None
    design: str | None = None
    """meta-analysis, RCT, prospective cohort, case-control, cross-sectional, ... (None: not
    stated); rules in ``assistant.study``."""
    n: int | None = None
    """Study size where the abstract states it."""
    population: str | None = None
    """What ``n`` counts ("patients", "eyes", ...)."""
    direction: Direction | None = None
    """For yes/no questions: what this study's evidence says about the question."""
    quote: str = ""
    """One sentence of the abstract's RESULTS or CONCLUSIONS, verbatim."""
    section: str = ""
    """The quoted sentence's section label (``UNLABELLED`` for unlabelled abstracts)."""


class LiteratureRecord(_Record):
    id: str
    answer: str = ""
    verdict: Verdict | None = None
    citations: list[Citation] = Field(default_factory=list)
    retrieved: list[str] = Field(default_factory=list)
    abstained: bool = False
    error: str | None = None
    summary: str | None = None
    """The overall line ("2 studies support, 1 finds no difference; the strongest ...")."""
    evidence: list[StudyEvidence] = Field(default_factory=list)
    """One row per cited study, in the order the answer lists them."""
    synthesis: bool = False
    """True when the answer holds a model-written (citation-checked) synthesis."""


class AskRecord(_Record):
    id: str
    route: Route | None = None
    refused: bool = False
    answer: str = ""
    error: str | None = None
    provenance: Provenance | None = None
    """Where the answer comes from (optional; None for a record that failed)."""
