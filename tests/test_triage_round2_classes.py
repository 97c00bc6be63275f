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
    # NICE NG143 / APLS (hand-copied): under 1 y HR 160 RR 50; 1-2 y 150/40; 2-5 y 140/40;
    # 5-12 y 120/25; 12-16 y 100/20; adults SIRS 90/20
    assert CHILD_LIMITS[0] == (1.0, 160, 50)
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
