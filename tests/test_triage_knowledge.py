"""The condition knowledge base, the care settings and the floors (issue 21).

Each KB entry is pinned by the example sentence and near-miss written beside it in the YAML:
the entry must fire on its example and must not fire on its near-miss. The floors are checked
property-style on seeded random cases: no setting, knowledge-base pattern or self-care match
may make a case less urgent than its red flags and vital-sign scores.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from assistant.config import Settings, TriageConfig
from assistant.errors import ConfigError, InputError
from assistant.triage import Triager
from assistant.triage.floors import collect_floors
from assistant.triage.knowledge import (
    DISPOSITION_ACUITY,
    Condition,
    kb_files,
    load_conditions,
    match_conditions,
    parse_entry,
)
from assistant.triage.parse import parse_case
from assistant.triage.setting import front_door, resolve_setting

ENTRIES = load_conditions()
MIN_ENTRIES = 150


def test_kb_size_files_and_sources() -> None:
    assert len(ENTRIES) >= MIN_ENTRIES
    assert len(kb_files()) >= 5  # split by body system, not one huge file
    assert len({e.id for e in ENTRIES}) == len(ENTRIES)
    for e in ENTRIES:
        assert e.source.strip() and e.why.strip(), e.id
    counts = {d: sum(e.disposition == d for e in ENTRIES) for d in DISPOSITION_ACUITY}
    # Every disposition is represented, self-care included (issue 21: self-limiting conditions).
    assert all(n >= 20 for n in counts.values()), counts


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_entry_fires_on_its_example_and_not_on_its_near_miss(entry: Condition) -> None:
    pos = match_conditions(parse_case({"id": "pos", "text": entry.example}), (entry,))
    assert [m.entry.id for m in pos] == [entry.id], f"{entry.id} missed {entry.example!r}"
    neg = match_conditions(parse_case({"id": "neg", "text": entry.near_miss}), (entry,))
    assert neg == [], f"{entry.id} fired on its near-miss {entry.near_miss!r}"


def test_reason_names_the_pattern_the_condition_and_the_disposition() -> None:
    p = parse_case({"id": "v", "text": "65-year-old with sudden painless loss of vision in the "
                                       "right eye 30 minutes ago."})
    hits = match_conditions(p)
    assert hits and hits[0].entry.disposition == "emergency"
    reason = hits[0].reason()
    assert "loss of vision" in reason and "-> possible" in reason and "-> emergency" in reason
    assert "source:" in reason


LEX: dict[str, list[str]] = {"fever": ["fever", "vital:temperature>=38"]}


def _raw(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {"id": "x", "condition": "c", "disposition": "routine", "why": "w",
                               "source": "s", "all": [["cough"], ["@fever"]],
                               "example": "cough and fever", "near_miss": "cough"}
    base.update(kw)
    return base


@pytest.mark.parametrize("bad, message", [
    ({"all": [["cough"]]}, "at least two findings"),
    ({"disposition": "soon"}, "disposition"),
    ({"all": [["cough"], ["@nope"]]}, "lexicon"),
    ({"all": [["cough"], ["vital:pulse>=3"]]}, "vital"),
    ({"all": [["cough"], ["(unclosed"]]}, "regular expression"),
    ({"example": ""}, "missing"),
    ({"any": [["x"]], "min_any": 2}, "min_any"),
    ({"sex": "X"}, "sex"),
])
def test_malformed_entries_are_rejected(bad: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_entry(_raw(**bad), LEX)


def test_loader_reads_a_folder_and_rejects_duplicates(tmp_path: Path) -> None:
    entry = ("conditions:\n- {id: a, condition: c, disposition: routine, why: w, source: s,\n"
             "   all: [[cough], ['@fever']], example: cough and fever, near_miss: cough}\n")
    (tmp_path / "00_lex.yaml").write_text("lexicon:\n  fever: [fever]\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(entry, encoding="utf-8")
    assert [e.id for e in load_conditions(tmp_path)] == ["a"]
    dup = tmp_path / "dup"
    dup.mkdir()
    (dup / "00_lex.yaml").write_text("lexicon:\n  fever: [fever]\n", encoding="utf-8")
    (dup / "a.yaml").write_text(entry, encoding="utf-8")
    (dup / "b.yaml").write_text(entry, encoding="utf-8")
    with pytest.raises(ConfigError, match="duplicate"):
        load_conditions(dup)


def test_matching_is_whole_word_negation_aware_and_one_phrase_per_finding() -> None:
    entry = parse_entry(_raw(all=[["bee"], ["sting"]], not_=None), LEX)
    has = lambda text: bool(entry.match(parse_case({"id": "t", "text": text})))  # noqa: E731
    assert has("stung by a bee, the sting is itchy")
    assert not has("has been itchy from the sting")  # "bee" is not "been"
    assert not has("no bee, only a sting")  # negated in its clause
    twice = parse_entry(_raw(all=[["crepitus"], ["crepitus", "bullae"]]), LEX)
    assert twice.match(parse_case({"id": "t", "text": "knee crepitus"})) is None
    assert twice.match(parse_case({"id": "t", "text": "crepitus and bullae"})) is not None
    vit = parse_entry(_raw(), LEX)
    assert vit.match(parse_case({"id": "t", "text": "cough", "vitals": {"temperature": 38.5}}))


# ---- care settings ----
@pytest.mark.parametrize("case, default, want", [
    ({"text": "runny nose"}, "auto", "primary_care"),
    ({"text": "runny nose", "vitals": {"heart_rate": 80}}, "auto", "ed"),
    ({"text": "runny nose", "arrival": "walk-in"}, "auto", "ed"),
    ({"text": "runny nose", "setting": "self"}, "ed", "self"),
    ({"text": "runny nose"}, "urgent_care", "urgent_care"),
])
def test_resolve_setting(case: dict, default: str, want: str) -> None:
    assert resolve_setting(case, default) == want


def test_unknown_setting_is_an_input_error() -> None:
    with pytest.raises(InputError, match="setting"):
        resolve_setting({"text": "x", "setting": "icu"}, "auto")


@pytest.fixture
def no_llm(settings_tmp: Settings) -> Settings:
    return settings_tmp.model_copy(update={"use_llm": False})


def test_free_text_without_vitals_is_not_ed_and_can_be_self_care(no_llm: Settings) -> None:
    rec = Triager(no_llm, estimator=_never).triage(
        {"id": "c", "text": "29-year-old with a runny nose, sneezing and a mild sore throat for "
                            "2 days, no fever, eating and drinking fine."})
    assert (rec.setting, rec.acuity, rec.level) == ("primary_care", 5, "self_care")
    assert rec.condition and "common cold" in rec.condition
    assert any("Condition pattern" in r and "self-care" in r for r in rec.reasons)


def test_self_care_safety_net_blocks_infants_elderly_and_pregnancy(no_llm: Settings) -> None:
    t = Triager(no_llm, estimator=_never)
    text = "with a runny nose, sneezing and a mild sore throat for 2 days, no fever."
    for who in ("80-year-old man", "28-year-old woman who is 20 weeks pregnant",
                "28-year-old on chemotherapy"):
        rec = t.triage({"id": "c", "text": f"{who} {text}"})
        assert rec.acuity <= 4, who
        assert any("safety net" in r for r in rec.reasons), who


def test_setting_in_config_and_per_case(no_llm: Settings) -> None:
    s = no_llm.model_copy(update={"triage": TriageConfig(setting="urgent_care")})
    rec = Triager(s, estimator=_never).triage({"id": "c", "text": "sore toe"})
    assert rec.setting == "urgent_care"
    with pytest.raises(AssertionError, match="learned model"):
        Triager(s, estimator=_never).triage({"id": "c", "text": "sore toe", "setting": "ed"})


def _never(ps):  # noqa: ANN001, ANN202 - an estimator that must not be called
    raise AssertionError("the learned model must not run outside the ed setting")


def test_narrative_is_off_by_default_for_the_embedded_model(settings_tmp: Settings) -> None:
    assert settings_tmp.use_llm and settings_tmp.triage.narrative == "auto"
    assert Triager(settings_tmp).narrative_on is False
    on = settings_tmp.model_copy(update={"triage": TriageConfig(narrative="on")})
    assert Triager(on).narrative_on is True
    served = settings_tmp.model_copy(update={"backend": "openai"})
    assert Triager(served).narrative_on is True
    off = served.model_copy(update={"triage": TriageConfig(narrative="off")})
    assert Triager(off).narrative_on is False


# ---- floors stay floors (property style: seeded random cases) ----
FLAG_PHRASES = [
    "crushing chest pain radiating to the left arm, sweaty",
    "sudden worst headache of her life",
    "not breathing, no pulse",
    "vomiting blood and black tarry stools",
    "wants to kill herself and has a plan",
    "lips and tongue swelling after a bee sting, wheezing",
    "", "", "",
]
VITALS = [None, {"heart_rate": 140, "systolic_bp": 82, "respiratory_rate": 30, "spo2": 86},
          {"heart_rate": 72, "systolic_bp": 124, "respiratory_rate": 14, "spo2": 99,
           "temperature": 36.8}, {"temperature": 40.2, "heart_rate": 128}]


@pytest.mark.parametrize("seed", range(4))
def test_floors_are_never_lowered(no_llm: Settings, seed: int) -> None:
    rng = random.Random(seed)
    pool = [e.example for e in ENTRIES if e.disposition in ("self_care", "routine")]
    estimates = [_constant(a) for a in (1, 3, 5)]
    for i in range(60):
        text = " ".join(x for x in (rng.choice(pool), rng.choice(FLAG_PHRASES)) if x)
        case: dict = {"id": f"p{seed}-{i}", "text": text,
                      "setting": rng.choice(["auto", "ed", "urgent_care", "primary_care", "self"])}
        vit = rng.choice(VITALS)
        if vit:
            case["vitals"] = vit
        rec = Triager(no_llm, estimator=rng.choice(estimates)).triage(case)
        p = parse_case(case)
        fr = collect_floors(p)
        assert rec.acuity is not None and rec.acuity <= fr.acuity, (case, rec.reasons)
        if rec.setting != "ed":
            # Nor is the knowledge base's own decision lowered by anything after it.
            assert rec.acuity <= front_door(p, fr).acuity
        if fr.acuity < 5:
            assert rec.level != "self_care"


def _constant(acuity: int):  # noqa: ANN202
    from assistant.triage.model import Estimate

    def est(ps):  # noqa: ANN001, ANN202
        return [Estimate(acuity, tuple(1.0 if i + 1 == acuity else 0.0 for i in range(5)))
                for _ in ps]
    return est


@pytest.mark.parametrize("text, avpu", [
    # (tristop, issue 21) "not responding" in any verb form is AVPU "U" as the red flag reads
    # it (the treatment-failure guard was taken back: tests/test_triage_respond_revert.py)
    ("no response to high-dose omeprazole", None), ("not responding to his inhaler", "U"),
    ("found unresponsive on the floor", "U"), ("no response to pain", "U"),
    ("not responding", "U")])
def test_a_failed_treatment_is_not_unresponsiveness(text: str, avpu: str | None) -> None:
    assert parse_case({"id": "a", "text": text}).vitals.avpu == avpu


def test_alkaline_phosphatase_is_not_a_chemical_exposure() -> None:
    from assistant.triage.red_flags import find_red_flags

    names = lambda t: [h.name for h in find_red_flags(parse_case({"id": "r", "text": t}))]  # noqa: E731
    assert names("alkaline phosphatase 550 IU") == []
    assert names("alkali splashed in the eye") == ["chemical burn or eye exposure"]
