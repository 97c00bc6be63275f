"""Knowledge-base error classes found on fresh real vignettes (issue 21): a word used in another
sense must not fire an emergency pattern, and the wording variants of a finding must.

Each row names one entry and a sentence written for the class (not copied from a vignette);
the entry must fire (True) or not fire (False) on it, alone.
"""

from __future__ import annotations

import pytest

from assistant.triage.knowledge import load_conditions, match_conditions
from assistant.triage.parse import parse_case

BY_ID = {e.id: e for e in load_conditions()}

CASES = [
    # "burning" is a pain quality, not a burn
    ("burn_serious", "67-year-old with deep, burning buttock pain when walking, eased by rest.",
     False),
    ("burn_serious", "30-year-old burned both hands on a stove, large blisters.", True),
    # drinking coffee, or a few beers, and stopping something else is not alcohol withdrawal
    ("alcohol_withdrawal", "21-year-old drinking 3 cups of coffee a day, drinks 4 beers on "
     "weekends, stopped using his phone at night, feels drowsy in class.", False),
    ("alcohol_withdrawal", "48-year-old who drinks heavily stopped drinking 2 days ago and is "
     "now confused and shaking.", True),
    # a rash with breathlessness over months is not an allergic reaction
    ("anaphylaxis", "48-year-old with a rash on the eyelids and shortness of breath over the "
     "past year.", False),
    ("anaphylaxis", "20-year-old with an itchy rash and swelling of the lips after eating "
     "peanuts.", True),
    # a few words between "vomiting" and "blood"
    ("upper_gi_bleed", "43-year-old found vomiting bright red blood after heavy drinking.",
     True),
    ("upper_gi_bleed", "43-year-old vomiting after a meal, no blood.", False),
    # a pleural effusion is not a joint
    ("septic_arthritis", "50-year-old with cough, a left pleural effusion and a temperature "
     "of 38.6.", False),
    ("septic_arthritis", "50-year-old with a knee effusion, unable to bend it, temperature "
     "38.6.", True),
    # a lab name is not a finding; a prolonged clotting time is
    ("liver_failure", "66-year-old with ascites; prothrombin time 12 seconds.", False),
    ("liver_failure", "66-year-old with ascites and a prolonged prothrombin time.", True),
    # a hyphenated duration ("a 6-month history") is weeks to months, not new confusion
    ("acute_confusion", "40-year-old with a 6-month history of tiredness, periods last 3-7 "
     "days, appears lethargic.", False),
    ("acute_confusion", "80-year-old newly confused since yesterday.", True),
    # cholinergic toxidrome: combined signs
    ("cholinergic_toxicity", "45-year-old mechanic short of breath, sweating, pupils are "
     "contracted, diffuse wheezes.", True),
    ("cholinergic_toxicity", "45-year-old mechanic with wheezing after a cold; pupils equal "
     "and reactive.", False),
    # pleuritic pain described rather than named, with a clot risk factor
    ("pulmonary_embolism", "39-year-old long-haul driver with sharp right chest wall pain that "
     "worsens with deep inspiration, started abruptly.", True),
    ("pulmonary_embolism", "39-year-old long-haul driver with a sore lower back after a "
     "long drive.", False),
    # Guillain-Barre in a history's words: after an infection, cannot stand, no reflexes
    ("guillain_barre_cord", "10-year-old cannot stand, prickling in hands and feet, weakness "
     "in both lower extremities; two weeks ago he had a sore throat.", True),
    ("guillain_barre_cord", "10-year-old with tingling in one finger after typing for hours.",
     False),
    # chickenpox described, not named
    ("chickenpox", "3-year-old with a fever and an itchy rash on the trunk that then spread to "
     "the face and limbs.", True),
    ("chickenpox", "3-year-old with an itchy rash on the hands after touching grass.", False),
    # cyanosis in other words; disorientation in other words
    ("bronchiolitis_severe", "4-month-old with bluish discoloration of the lips and a cough, "
     "breathing fast.", True),
    ("acute_confusion", "70-year-old not oriented to place or time. It started this "
     "morning.", True),
    # "springtime", "itchy, watery eyes"
    ("allergic_rhinitis", "35-year-old with itchy, watery eyes and sneezing for a week, the "
     "same last springtime.", True),
    ("allergic_rhinitis", "35-year-old with watery eyes after chopping onions.", False),
    # quinsy signs in other words
    ("peritonsillar_abscess", "7-year-old with a sore throat worse on the right, difficulty "
     "swallowing and opening her mouth, the uvula is deviated to the left.", True),
    ("peritonsillar_abscess", "7-year-old with a sore throat, eating and drinking, normal "
     "voice.", False),
    # psychosis described by its observed behaviour
    ("acute_psychosis_agitation", "27-year-old brought by police after she attacked a "
     "stranger, responding to internal stimuli.", True),
    ("acute_psychosis_agitation", "27-year-old brought by friends after a panic attack, calm "
     "now.", False),
    # exposure-linked reactions and the named allergens still fire; "in contrast" does not
    ("anaphylaxis", "30-year-old with a rash and wheezing minutes after eating shrimp.", True),
    ("anaphylaxis", "30-year-old with swelling and difficulty breathing after a bee sting.",
     True),
    ("anaphylaxis", "In contrast to last week, she feels dizzy when standing.", False),
    # a large effusion in a hot knee; burns by fire; a prolonged clotting time as a number
    ("septic_arthritis", "60-year-old with a swollen knee with a large effusion and fever.",
     True),
    ("burn_serious", "40-year-old pulled from a house fire with burns to the hands.", True),
    ("liver_failure", "50-year-old with jaundice, prothrombin time 22 seconds.", True),
    ("alcohol_withdrawal", "52-year-old heavy drinker who quit drinking 2 days ago, now "
     "tremor and seeing things.", True),
]


@pytest.mark.parametrize(("entry", "text", "fires"), CASES,
                         ids=[f"{e}-{'fires' if f else 'silent'}-{i}"
                              for i, (e, _, f) in enumerate(CASES)])
def test_entry_on_its_class(entry: str, text: str, fires: bool) -> None:
    hits = match_conditions(parse_case({"id": "c", "text": text}), (BY_ID[entry],))
    assert bool(hits) is fires, (entry, text, [m.reason() for m in hits])


def test_a_known_anaemia_does_not_block_self_care_but_pallor_does() -> None:
    from assistant.config import load_settings
    from assistant.triage import Triager

    t = Triager(load_settings(None, {"use_llm": False}, environ={}))
    base = ("35-year-old man with itchy, watery eyes and sneezing for a week, the same last "
            "springtime. {extra} Vision normal.")
    known = t.triage({"id": "k", "text": base.format(extra="He has iron deficiency anemia."),
                      "setting": "primary_care"})
    assert known.acuity == 5 and known.condition == "hay fever (allergic rhinitis)"
    pale = t.triage({"id": "p", "text": base.format(extra="He looks pale, with pallor."),
                     "setting": "primary_care"})
    assert pale.acuity == 4
    assert any("pallor" in r.lower() and "safety net" in r for r in pale.reasons)


@pytest.mark.parametrize(("age", "vitals", "blocked"), [
    (3, {"heart_rate": 125, "respiratory_rate": 24, "spo2": 98}, False),  # normal at 3
    (3, {"heart_rate": 145, "respiratory_rate": 28}, True),               # > 140 at 2-5 years
    (3, {"respiratory_rate": 44}, True),                                  # > 40 over 12 months
    (8, {"heart_rate": 125}, True),                                       # > 120 at 5-12
    (8, {"systolic_bp": 80}, True),                                       # < 70 + 2 x 8
    (3, {"spo2": 93}, True),
    (30, {"heart_rate": 125, "respiratory_rate": 24}, True),              # adult: NEWS2 4
])
def test_childrens_vitals_are_judged_for_their_age(age: float, vitals: dict,
                                                   blocked: bool) -> None:
    """The self-care safety net reads a child's vitals against the normal range for age
    (NICE NG143, APLS), not the adult NEWS2 bands."""
    from assistant.triage.floors import collect_floors
    from assistant.triage.knowledge import self_care_blockers

    p = parse_case({"id": "c", "text": f"{age}-year-old with a runny nose and sneezing for 2 "
                                       "days, otherwise well.", "vitals": vitals})
    fr = collect_floors(p)
    why = self_care_blockers(p, BY_ID["common_cold"], fr.acuity, fr.scores)
    assert bool(why) is blocked, why


@pytest.mark.parametrize(("text", "acuity"), [
    # a sore throat two weeks ago that resolved is not the presentation: no self-care
    ("5-year-old with facial swelling for 5 days. Two weeks ago, he had a sore throat that "
     "resolved spontaneously.", 4),
    ("5-year-old with a sore throat for 2 days, eating and drinking, otherwise well.", 5),
    # oedema of the legs or face is a feature a self-limiting condition does not explain;
    # the raised, oedematous wheals of hives are not
    ("30-year-old with a runny nose and sneezing for 2 days and pitting oedema of the legs.", 4),
    ("30-year-old with itchy hives, raised edematous plaques on the arms for 6 hours, "
     "breathing normally, no swelling of the lips.", 5),
])
def test_self_care_needs_a_current_finding_and_no_oedema(text: str, acuity: int) -> None:
    from assistant.config import load_settings
    from assistant.triage import Triager

    rec = Triager(load_settings(None, {"use_llm": False}, environ={})).triage(
        {"id": "s", "text": text, "setting": "primary_care"})
    assert rec.acuity == acuity, rec.reasons
