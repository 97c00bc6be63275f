"""Issue 23.2: an LLM narrative is shown only when it passes the checks; advice is written for
the clinician (for the patient only in the ``self`` setting); reasons never print "None"."""

from __future__ import annotations

import itertools

import pytest

from assistant.clinical.vocabulary import get_vocabulary
from assistant.config import Settings
from assistant.errors import BackendError, StructuredOutputError
from assistant.triage import Triager
from assistant.triage.advice import ADVICE, PATIENT_ADVICE, SAFETY_NET, advice_for
from assistant.triage.model import Estimate
from assistant.triage.narrative import check_narrative, cut_off, repetition, unsupported_findings
from assistant.triage.scores import Vitals


@pytest.fixture(scope="module")
def vocab():
    return get_vocabulary()


def _check(summary: str, advice: str, source: str, vocab, level="emergency", acuity=2,
           vitals: Vitals | None = None):
    return check_narrative(summary, advice, source=source, level=level, acuity=acuity,
                           vocab=vocab, vitals=vitals)


CHEST = "58-year-old man with crushing chest pain radiating to the left arm, sweaty"


# ---- each rejection class, on hand-written narratives ----

def test_a_whole_supported_narrative_passes(vocab) -> None:
    assert _check("Crushing chest pain radiating to the left arm with sweating.",
                  "Assess within 10 minutes; consider continuous monitoring.", CHEST, vocab) is None


def test_empty(vocab) -> None:
    v = _check("  ", "Assess now.", CHEST, vocab)
    assert v is not None and v.reason == "empty"


@pytest.mark.parametrize("text", [
    "The patient's E",                                  # stopped mid-word (seen in issue 23)
    "Chest pain radiating to the left arm and",         # no sentence end
    "Assess within ten minutes and the.",               # ends on a word that cannot end one
    "Chest pain with sweating, seen by the E.",         # a stray letter before the full stop
])
def test_cut_off(vocab, text: str) -> None:
    v = _check(text, "Assess within 10 minutes.", CHEST, vocab)
    assert v is not None and v.reason == "cut_off", v
    assert cut_off(text) is not None


def test_cut_off_accepts_closing_quotes_and_brackets() -> None:
    assert cut_off('Chest pain (with sweating.)') is None
    assert cut_off('Assess now.') is None


@pytest.mark.parametrize("advice", [
    # one sentence eight times (seen in issue 23)
    " ".join(["Assess the patient within ten minutes."] * 8),
    # a 4-word run three times inside different sentences
    "Monitor the heart rhythm now. Then monitor the heart rhythm often. We monitor the heart "
    "rhythm again.",
    "Assess assess assess the patient.",
])
def test_repetition(vocab, advice: str) -> None:
    v = _check("Chest pain with sweating.", advice, CHEST, vocab)
    assert v is not None and v.reason == "repetition", v


def test_a_sentence_of_the_summary_repeated_in_the_advice_is_repetition() -> None:
    s = "Crushing chest pain radiating to the left arm."
    assert repetition(f"{s} {s}") is not None
    assert repetition("Chest pain. Assess now. Monitor closely.") is None


def test_unsupported_findings_are_named(vocab) -> None:
    # the invented findings of issue 23, next to a case that has neither
    v = _check("Dysrhythmias suggest severe cardiac failure.", "Assess within 10 minutes.",
               CHEST, vocab)
    assert v is not None and v.reason == "unsupported_finding"
    assert "Dysrhythmias" in v.detail and "cardiac failure" in v.detail


def test_a_finding_named_in_the_reasons_is_supported(vocab) -> None:
    source = CHEST + "\nRed flag: possible acute coronary syndrome (\"crushing\") -> acuity at most 2"
    assert _check("Possible acute coronary syndrome with crushing chest pain.",
                  "Assess within 10 minutes.", source, vocab) is None


def test_same_concept_in_other_words_is_supported(vocab) -> None:
    # "sweating" in the narrative, "diaphoresis" in the input: one concept (R61)
    assert unsupported_findings("Chest pain with sweating.",
                                "chest pain and diaphoresis", vocab) == []


def test_a_vital_sign_supports_its_finding(vocab) -> None:
    source = "cough for 3 days"
    vitals = Vitals(heart_rate=128, temperature=38.9)
    assert unsupported_findings("Cough with tachycardia and fever.", source, vocab,
                                vitals) == []
    assert unsupported_findings("Cough with tachycardia and fever.", source, vocab) == \
        ["tachycardia", "fever"]
    # a normal heart rate does not support tachycardia
    assert unsupported_findings("Cough with tachycardia.", source, vocab,
                                Vitals(heart_rate=80)) == ["tachycardia"]


def test_everyday_words_with_clinical_endings_are_not_findings(vocab) -> None:
    assert unsupported_findings("No diagnosis is made here; prognosis is not assessed.",
                                "cough", vocab) == []


def test_contradicts_level(vocab) -> None:
    v = _check("Crushing chest pain radiating to the left arm.",
               "This can be managed at home with self-care.", CHEST, vocab)
    assert v is not None and v.reason == "contradicts_level"


# ---- the triager: the check decides what is shown and is recorded ----

class _Backend:
    """Returns a fixed narrative, or raises (stands in for the LLM around the guard)."""

    name = "fake"

    def __init__(self, summary: str = "", advice: str = "",
                 raise_: Exception | None = None) -> None:
        self.summary, self.advice, self.raise_ = summary, advice, raise_

    def generate_json(self, messages, schema, params=None):
        self.messages = messages
        if self.raise_ is not None:
            raise self.raise_
        return schema(summary=self.summary, advice=self.advice)


def _fixed(acuity: int):
    def est(ps):
        return [Estimate(acuity, tuple(1.0 if i + 1 == acuity else 0.0 for i in range(5)))
                for _ in ps]
    return est


@pytest.mark.parametrize(("backend", "reason"), [
    (_Backend(raise_=StructuredOutputError("bad json", "{")), "validation"),
    (_Backend(raise_=BackendError("server down")), "llm_error"),
    (_Backend("", "Assess now."), "empty"),
    (_Backend("Chest pain with sweating.", "The patient's E"), "cut_off"),
    (_Backend("Chest pain with sweating.", " ".join(["Assess within ten minutes."] * 8)),
     "repetition"),
    (_Backend("Dysrhythmias and severe cardiac failure.", "Assess within 10 minutes."),
     "unsupported_finding"),
    (_Backend("Chest pain with sweating.", "Routine review in the next few days."),
     "contradicts_level"),
])
def test_a_rejected_narrative_is_never_shown(settings_tmp: Settings, backend: _Backend,
                                             reason: str) -> None:
    rec = Triager(settings_tmp, backend, estimator=_fixed(2)).triage(
        {"id": "n1", "text": CHEST, "setting": "ed"})
    assert rec.acuity == 2
    assert rec.narrative_check is not None
    assert rec.narrative_check.shown is False and rec.narrative_check.reason == reason
    assert not any(r.startswith("Summary:") for r in rec.reasons)
    assert rec.advice == advice_for(2, "ed")  # the deterministic text stands
    for bad in ("Dysrhythmias", "E\"", "Routine review", "Assess within ten minutes."):
        assert bad not in rec.advice and not any(bad in r for r in rec.reasons)


def test_a_checked_narrative_is_shown_and_recorded(settings_tmp: Settings) -> None:
    be = _Backend("Crushing chest pain radiating to the left arm with sweating.",
                  "Assess within 10 minutes; consider continuous monitoring.")
    rec = Triager(settings_tmp, be, estimator=_fixed(2)).triage(
        {"id": "n2", "text": CHEST, "setting": "ed"})
    assert rec.narrative_check is not None and rec.narrative_check.shown is True
    assert rec.narrative_check.reason is None
    assert rec.reasons[0] == "Summary: Crushing chest pain radiating to the left arm with sweating."
    assert rec.advice == "Assess within 10 minutes; consider continuous monitoring."
    assert "for the clinician that matches" in be.messages[0]["content"]


def test_no_narrative_no_check(settings_tmp: Settings) -> None:
    s = settings_tmp.model_copy(update={"use_llm": False})
    rec = Triager(s, estimator=_fixed(3)).triage({"id": "n3", "text": CHEST, "setting": "ed"})
    assert rec.narrative_check is None
    assert "narrative_check" in rec.model_dump()  # optional, at the end of the record


def test_the_self_setting_asks_for_advice_for_the_patient(settings_tmp: Settings) -> None:
    be = _Backend("Runny nose for 2 days.", "Rest and drink fluids.")
    rec = Triager(settings_tmp, be).triage(
        {"id": "n4", "text": "runny nose and sneezing for 2 days, otherwise well",
         "setting": "self"})
    assert "for the patient that matches" in be.messages[0]["content"]
    assert rec.narrative_check is not None and rec.narrative_check.shown is True


# ---- advice for the clinician; for the patient only in "self" ----

@pytest.mark.parametrize("acuity", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("setting", ["ed", "urgent_care", "primary_care"])
def test_advice_speaks_to_the_clinician(acuity: int, setting: str) -> None:
    text = advice_for(acuity, setting)
    assert text.startswith(ADVICE[acuity])
    for patient_words in ("drive yourself", "you should", "If you get worse", "Go to an"):
        assert patient_words not in text
    if acuity in SAFETY_NET:
        assert text.endswith(SAFETY_NET[acuity])


def test_clinician_advice_gives_a_time_to_assessment() -> None:
    assert "assess within about 10 minutes" in advice_for(2, "ed")
    assert "assess within about 30 minutes" in advice_for(3, "primary_care")
    # outside an ED, an emergency needs a transfer; in the ED it does not
    assert "ambulance" in advice_for(2, "primary_care")
    assert "ambulance" not in advice_for(2, "ed")


@pytest.mark.parametrize("acuity", [1, 2, 3, 4, 5])
def test_advice_speaks_to_the_patient_in_self(acuity: int) -> None:
    assert advice_for(acuity, "self").startswith(PATIENT_ADVICE[acuity])
    assert "do not drive yourself" in advice_for(2, "self")


def test_triager_uses_the_settings_wording(settings_tmp: Settings) -> None:
    s = settings_tmp.model_copy(update={"use_llm": False})
    case = {"id": "a", "text": "sudden slurred speech and facial droop 30 minutes ago"}
    clin = Triager(s).triage({**case, "setting": "primary_care"})
    pat = Triager(s).triage({**case, "setting": "self"})
    assert clin.acuity == pat.acuity == 2
    assert clin.advice == advice_for(2, "primary_care") and "drive yourself" not in clin.advice
    assert pat.advice == advice_for(2, "self") and "drive yourself" in pat.advice


# ---- missing values are left out of the reasons ----

def _partial_vitals():
    full = {"temperature": 38.6, "heart_rate": 124, "respiratory_rate": 26, "spo2": 93,
            "systolic_bp": 86, "avpu": "A"}
    keys = list(full)
    for n in (1, 2, 3):
        for combo in itertools.combinations(keys, n):
            yield {k: full[k] for k in combo}


@pytest.mark.parametrize("vitals", list(_partial_vitals()))
def test_reasons_never_print_none(settings_tmp: Settings, vitals: dict) -> None:
    s = settings_tmp.model_copy(update={"use_llm": False})
    cases = [{"id": f"v{i}", "text": text, "vitals": vitals, "setting": setting}
             for i, (text, setting) in enumerate(itertools.product(
                 ["fever and cough for 2 days", "chest pain", "sore throat"],
                 ["ed", "primary_care", "self"]))]
    for rec in Triager(s, estimator=_fixed(4)).triage_many(cases):
        for r in rec.reasons:
            assert "None" not in r, r
        assert "None" not in rec.advice


def test_fever_floor_evidence_lists_only_measured_values(settings_tmp: Settings) -> None:
    s = settings_tmp.model_copy(update={"use_llm": False})
    rec = Triager(s, estimator=_fixed(5)).triage(
        {"id": "f", "text": "fever", "vitals": {"temperature": 38.5, "heart_rate": 120},
         "setting": "ed"})
    assert any("(T 38.5, HR 120)" in r for r in rec.reasons), rec.reasons
    assert rec.acuity == 3
