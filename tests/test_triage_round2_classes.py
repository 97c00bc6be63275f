"""Error classes of issue 21, round 2: red flags defined too loosely, adult vital-sign limits
applied to children, a named minor condition that could not reach self-care, and emergency
contraception.

Each near-miss sentence was written for its class (not copied from a vignette) and fails on
the code before this change; each sits next to the genuine emergency that must still fire.
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.triage import Triager
from assistant.triage.parse import parse_case
from assistant.triage.red_flags import find_red_flags
from assistant.triage.scores import CHILD_LIMITS, Vitals, ktas_modifier_floors, rate_limits


def _flags(text: str, sex: str | None = None) -> set[str]:
    case: dict[str, object] = {"id": "c", "text": text}
    if sex is not None:
        case["sex"] = sex
    return {h.name for h in find_red_flags(parse_case(case))}


# (flag, text, fires): near-misses (the flag's definition does not hold) and the real emergency
FLAG_CASES = [
    # testicular torsion is acute pain; a painless swelling (hydrocele) is not
    ("possible testicular torsion", "40-year-old man with a painless right-sided scrotal "
     "swelling for several weeks that transilluminates.", False),
    ("possible testicular torsion", "40-year-old man with a soft nontender scrotal mass.", False),
    ("possible testicular torsion", "14-year-old boy with sudden severe pain in the left "
     "testicle and vomiting.", True),
    ("possible testicular torsion", "15-year-old boy with a swollen, tender right testis since "
     "this morning.", True),
    ("possible testicular torsion", "16-year-old with scrotal pain for 2 hours.", True),
    # thunderclap = sudden onset; the worst headache building over days is not
    ("thunderclap headache", "55-year-old man with the worst headache he has ever had, not "
     "improving, with jaw pain when chewing and scalp tenderness.", False),
    ("thunderclap headache", "45-year-old with the worst headache of her life that came on "
     "suddenly while lifting.", True),
    ("thunderclap headache", "45-year-old with the worst headache of his life and vomiting.",
     True),
    ("thunderclap headache", "38-year-old with a sudden severe headache.", True),
    # stroke signs are of sudden or recent onset; months of speech difficulty are not
    ("stroke signs (FAST)", "69-year-old man who has had some difficulty speaking for 3 "
     "months.", False),
    ("stroke signs (FAST)", "69-year-old with slurred speech since childhood.", False),
    ("stroke signs (FAST)", "69-year-old man with difficulty speaking since this morning.", True),
    ("stroke signs (FAST)", "70-year-old with a facial droop and slurred speech for 1 hour.",
     True),
    ("stroke signs (FAST)", "Had a stroke 3 years ago. Now sudden weakness of the left arm.",
     True),
    # a long duration that belongs to something else in the sentence does not hide the sign
    ("stroke signs (FAST)", "A 70-year-old man who has smoked for 40 years presents with "
     "slurred speech.", True),
    ("stroke signs (FAST)", "A 65-year-old woman with a 10-year history of hypertension has "
     "a facial droop.", True),
    ("stroke signs (FAST)", "A 72-year-old with chronic kidney disease comes in with "
     "aphasia.", True),
    # irregular periods, a negative pregnancy test and an enlarging abdomen are not pregnancy
    # with bleeding or pain
    ("pregnancy with bleeding or pain", "25-year-old woman with irregular menstrual bleeding; "
     "a urine pregnancy test is negative.", False),
    ("pregnancy with bleeding or pain", "34-year-old who believes she is pregnant, with mild "
     "nontender abdominal enlargement.", False),
    ("pregnancy with bleeding or pain", "24-year-old who does not wish to become pregnant, "
     "with menstrual cramps.", False),
    ("pregnancy with bleeding or pain", "29-year-old, 8 weeks pregnant, with vaginal bleeding.",
     True),
    ("pregnancy with bleeding or pain", "30-year-old with a positive pregnancy test and lower "
     "abdominal pain.", True),
    ("pregnancy with bleeding or pain", "30-year-old who is pregnant with lower abdominal "
     "cramping.", True),
]


@pytest.mark.parametrize(("flag", "text", "fires"), FLAG_CASES,
                         ids=[f"{i}-{'fires' if f else 'silent'}" for i, (_, _, f)
                              in enumerate(FLAG_CASES)])
def test_red_flag_definitions(flag: str, text: str, fires: bool) -> None:
    assert (flag in _flags(text, "M" if "man" in text or "boy" in text else None)) is fires


def test_rate_limits_are_the_child_table_and_adult_sirs() -> None:
    # NICE NG143 / APLS (hand-copied): under 6 months HR 160 RR 60 (NG143's red RR > 60);
    # 6-12 months 160/50; 1-2 y 150/40; 2-5 y 140/40; 5-12 y 120/25; 12-16 y 100/20;
    # adults SIRS 90/20
    assert CHILD_LIMITS[0] == (0.5, 160, 60)
    assert rate_limits(4 / 365) == (160, 60)
    assert rate_limits(0.5) == (160, 50)
    assert rate_limits(3) == (140, 40)
    assert rate_limits(8) == (120, 25)
    assert rate_limits(15.9) == (100, 20)
    assert rate_limits(16) == (90, 20)
    assert rate_limits(None) == (90, 20)


@pytest.mark.parametrize(("age", "vitals", "floor"), [
    # a febrile 2-year-old with HR 130, RR 30 is in the normal range for age: no fever floor
    (2.0, {"temperature": 38.5, "heart_rate": 130, "respiratory_rate": 30}, None),
    # ... but above it (HR > 140 at 2-5 y) the unwell floor applies, and both -> 2
    (3.0, {"temperature": 38.5, "heart_rate": 145, "respiratory_rate": 30}, 3),
    (3.0, {"temperature": 38.5, "heart_rate": 145, "respiratory_rate": 45}, 2),
    # the adult limits for an adult, and when age is unknown
    (30.0, {"temperature": 38.5, "heart_rate": 130, "respiratory_rate": 18}, 3),
    (None, {"temperature": 38.5, "heart_rate": 130, "respiratory_rate": 30}, 2),
])
def test_fever_floor_uses_age_specific_rates(age: float | None, vitals: dict[str, float],
                                             floor: int | None) -> None:
    got = [f.acuity for f in ktas_modifier_floors(Vitals(**vitals), age)
           if f.name.startswith("fever")]
    assert (min(got) if got else None) == floor


def test_child_fever_floor_through_the_triager() -> None:
    t = Triager(load_settings(None, {"use_llm": False}, environ={}))
    ok = t.triage({"id": "c", "text": "2-year-old with a fever and a runny nose",
                   "age": 2, "setting": "ed",
                   "vitals": {"temperature": 38.4, "heart_rate": 128, "respiratory_rate": 28}})
    assert not any("fever with HR" in r for r in ok.reasons)
    # NEWS2 is not for under-16s (RCP): 6 here on adult bands, but no NEWS2 floor for a child
    assert not any("NEWS2 >= 5" in r for r in ok.reasons)


@pytest.mark.parametrize(("age", "vitals", "floor"), [
    (2.0, {"temperature": 38.4, "heart_rate": 128, "respiratory_rate": 28}, None),
    # out of range for age: the KTAS bands apply (HR >= 150, RR >= 30 -> 2)
    (1.5, {"temperature": 37.0, "heart_rate": 155, "respiratory_rate": 30}, 2),
    (8.0, {"temperature": 37.0, "heart_rate": 100, "respiratory_rate": 30}, 2),
    # out of range for age but under the KTAS bands: the NG143 amber floor (RR 28 > 25 at 8 y)
    (8.0, {"temperature": 37.0, "heart_rate": 100, "respiratory_rate": 28}, 3),
    # normal for a 6-month-old (HR <= 160, RR <= 50; SBP 80 >= 71): adult bands do not fire
    (0.5, {"temperature": 37.0, "heart_rate": 150, "respiratory_rate": 45, "systolic_bp": 80},
     None),
    # a 4-year-old with SBP 70 (< 78) is hypotensive for age
    (4.0, {"systolic_bp": 70}, 2),
    (30.0, {"temperature": 38.4, "heart_rate": 128, "respiratory_rate": 28}, 2),  # adult SIRS
])
def test_child_vital_floor_replaces_news2(age: float, vitals: dict[str, float],
                                          floor: int | None) -> None:
    from assistant.triage.scores import compute_scores, score_floors
    v = Vitals(**vitals)
    got = [f.acuity for f in score_floors(v, compute_scores(v), age)]
    assert (min(got) if got else None) == floor


def _triage(text: str, **extra: object) -> tuple[int, list[str]]:
    t = Triager(load_settings(None, {"use_llm": False}, environ={}))
    rec = t.triage({"id": "c", "text": text, **extra})
    return rec.acuity, rec.reasons


# A single named minor condition from the NHS self-care list, with a self-care question or
# little else, reaches self-care (5); with a high-risk group, an abnormal vital sign, a red
# flag or the ED setting it does not.
@pytest.mark.parametrize(("text", "extra", "acuity"), [
    ("Ringworm - over the counter?", {}, 5),
    ("I think I have a cold, what can I take?", {}, 5),
    ("My son has head lice, how do I get rid of them?", {"age": 7}, 5),
    ("Hay fever, what tablets are best?", {}, 5),
    # high-risk groups and settings
    ("I think I have a cold, what can I take? I am 20 weeks pregnant.", {}, 4),
    ("I have a cold and I am on chemotherapy, what can I take?", {}, 4),
    ("Baby has a cold, what can I give?", {"age": 0.15}, 4),
    # abnormal vitals, a red flag
    ("I think I have a cold, what can I take?", {"vitals": {"spo2": 91}, "setting":
                                                 "primary_care"}, 2),
    ("I have a cold, what can I take? Now I am confused and have a fever.", {}, 2),
    # a cold sore is not "a cold"; a cold named in the past is not the complaint
    ("My hands are cold, what can I take?", {}, 4),
    ("I had a cold two weeks ago that resolved and now my knee is swollen.", {}, 4),
])
def test_named_minor_condition_reaches_self_care_only_when_safe(
        text: str, extra: dict[str, object], acuity: int) -> None:
    got, reasons = _triage(text, **extra)
    assert got == acuity, reasons


def test_named_condition_not_used_in_ed_setting() -> None:
    got, reasons = _triage("Ringworm - over the counter?", setting="ed")
    assert got <= 4
    assert not any("named" in r for r in reasons)


def test_named_entries_are_self_care_with_one_group_only() -> None:
    from assistant.errors import ConfigError
    from assistant.triage.knowledge import parse_entry
    base = {"id": "x", "condition": "x", "why": "x", "source": "NHS", "example": "x",
            "near_miss": "y", "named": True}
    with pytest.raises(ConfigError, match="named entry"):
        parse_entry({**base, "disposition": "urgent", "all": [["x"]]}, {})
    with pytest.raises(ConfigError, match="named entry"):
        parse_entry({**base, "disposition": "self_care", "all": [["x"], ["y"]]}, {})
    assert parse_entry({**base, "disposition": "self_care", "all": [["ringworm"]]}, {}).named


# Emergency contraception: a pharmacy within 72-120 h (NHS) -> self-care level in both the
# knowledge base and the diagnosis -> disposition table; outside the window, or with pain or
# bleeding, not self-care.
@pytest.mark.parametrize(("text", "acuity"), [
    ("24-year-old who had unprotected intercourse the previous day and does not wish to "
     "become pregnant; urine pregnancy test negative.", 5),
    ("morning after pill brand in 24 year old", 5),
    ("Condom split last night, where can I get emergency contraception?", 5),
    ("Unprotected sex 9 days ago, now worried, asking for emergency contraception.", 4),
    ("Took the morning after pill yesterday and now has vaginal bleeding and pain.", 4),
])
def test_emergency_contraception_is_pharmacy_level(text: str, acuity: int) -> None:
    got, reasons = _triage(text)
    assert got == acuity, reasons


def test_emergency_contraception_kb_agrees_with_table() -> None:
    import csv
    from pathlib import Path

    from assistant.triage.knowledge import load_conditions
    kb = {e.id: e.disposition for e in load_conditions()}
    assert kb["emergency_contraception"] == kb["emergency_contraception_named"] == "self_care"
    table = Path(__file__).resolve().parents[1] / "eval/data/triage_real/dispositions.tsv"
    rows = [r for r in csv.reader(table.read_text(encoding="utf-8").splitlines(),
                                  delimiter="\t") if r and r[0] == "emergency contraception"]
    assert [r[2] for r in rows] == ["self_care"]


def test_emergency_contraception_window_is_about_the_intercourse() -> None:
    # a last period 3 weeks ago is a normal cycle, not sex outside the 5-day window
    got, reasons = _triage("24-year-old who had unprotected intercourse the previous day. Her "
                           "last menstrual period was 3 weeks ago.")
    assert got == 5, reasons
    got, reasons = _triage("24-year-old who had unprotected intercourse two weeks ago and asks "
                           "for emergency contraception.")
    assert got == 4, reasons


@pytest.mark.parametrize("text", [
    "Been out in the cold all day, what can I take?",
    "Took a cold shower and now my chest hurts a bit, what can I take?",
])
def test_cold_the_temperature_is_not_a_cold(text: str) -> None:
    _, reasons = _triage(text)
    assert not any("named_common_cold" in r for r in reasons), reasons


# ---- review of the round-2 flags: the tightening must not drop real emergencies ----------
@pytest.mark.parametrize("text", [
    "70 year old man with hypertension for 20 years and left-sided weakness",
    "Diabetic for 15 years, has slurred speech",
])
def test_a_long_duration_of_another_condition_keeps_the_stroke_flag(text: str) -> None:
    """The chronic course must belong to the deficit itself (it used to be read from anywhere
    in the sentence, so any long-standing condition switched the stroke flag off)."""
    assert "stroke signs (FAST)" in _flags(text)


@pytest.mark.parametrize("text", [
    "Slurred speech for 3 months, gradually worse",
    "long-standing left-sided weakness, unchanged",
])
def test_the_deficits_own_chronic_course_still_drops_the_stroke_flag(text: str) -> None:
    assert "stroke signs (FAST)" not in _flags(text)


@pytest.mark.parametrize(("text", "fires"), [
    ("worst headache of my life", True),  # onset not stated: ask, treat as sudden
    ("Worst headache of my life, started 20 minutes ago", True),
    ("worst headache she has had, building over 3 weeks, jaw pain when chewing", False),
])
def test_worst_headache_is_thunderclap_unless_a_gradual_course_is_stated(text: str,
                                                                         fires: bool) -> None:
    assert ("thunderclap headache" in _flags(text)) is fires


@pytest.mark.parametrize(("text", "fires"), [
    ("Testicular swelling in a 14 year old boy", True),
    ("scrotal swelling", True),  # age unknown
    ("painless scrotal swelling in a 10 year old boy", False),
    ("65 year old man with a scrotal lump for 2 months", False),
])
def test_a_young_males_testicular_swelling_is_torsion_unless_painless(text: str,
                                                                      fires: bool) -> None:
    assert ("possible testicular torsion" in _flags(text)) is fires
