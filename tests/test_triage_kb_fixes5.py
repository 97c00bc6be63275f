"""Issue 21, knowledge-base round 5: false fires and over-triage classes, with their safety pins.

Classes (see eval/data/triage_real/README.md, "KB round 5"):

1. A documented negative pregnancy test rules out the entries that rest on a pregnancy (their
   first ``all`` group is ``@pregnant``; ``knowledge.negative_pregnancy_test``), and "pregnancy"
   inside "pregnancy test" is a test, not a pregnancy (lexicon ``@pregnant``). A positive test
   anywhere keeps them (NICE NG126; NICE CKS Ectopic pregnancy).
2. A routine entry shadowed the self-care entry for the milder NHS-defined case of the same
   condition (most urgent first). A self-care entry now declares ``refines: [routine ids]``
   and, when it fits and its safety net holds, sets those aside (``setting.front_door``): mild
   acne (NHS Acne), uncomplicated cystitis in a woman 16-64 who asks what to do (NHS Pharmacy
   First), a usual attack of known migraine (NHS Migraine), plantar fasciitis (NHS).
3. An entry whose defining finding was not required: ``rectal_bleeding_minor`` fired on piles
   with the bleeding denied. Bleeding is now its required first finding.
4. Site: ``otitis_externa`` read "ear" in "ear lobe"; ``impetigo`` read cradle cap's yellow
   crusty scale as impetigo's crust.
5. Too broad a block: ``influenza_like`` was blocked by any headache (a flu symptom, NHS Flu);
   only the warning forms of headache block now.
6. A dated past overdose ("three years ago") is history, not the presentation
   (``red_flags.dated_past``); a current one and any suicidal thought still escalate.

Each positive below was pinned by hand on the code before this round (the value it had is in the
comment); each change that can lower a level has lay-worded emergencies that stay emergencies.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.triage import Triager
from assistant.triage.knowledge import load_conditions
from assistant.triage.parse import parse_case
from assistant.triage.red_flags import find_red_flags


def _acuity(t: Triager, text: str, setting: str = "self") -> int:
    rec = t.triage({"id": "c", "text": text, "setting": setting}, narrative=False)
    assert rec.acuity is not None
    return rec.acuity


def _fires(entry_id: str, text: str) -> bool:
    e = next(e for e in load_conditions() if e.id == entry_id)
    return e.match(parse_case({"id": "c", "text": text})) is not None


def _flags(text: str) -> set[str]:
    return {h.name for h in find_red_flags(parse_case({"id": "c", "text": text}))}


# ---- 1. a negative pregnancy test ----
MID_CYCLE = ("29-year-old woman with mid-cycle one-sided lower abdominal pain, pregnancy test "
             "negative.")


def test_negative_test_rules_out_the_ectopic_entry(triager: Triager) -> None:
    assert not _fires("ectopic_pregnancy", MID_CYCLE)  # fired before
    assert not _fires("pregnancy_late_emergency", MID_CYCLE)  # fired before
    assert _acuity(triager, MID_CYCLE, "primary_care") == 5  # 2 before (mittelschmerz now)


@pytest.mark.parametrize("text,expected", [
    ("A urine pregnancy test is negative.", True),
    ("I did a pregnancy test and it was negative.", True),
    ("negative serum hCG", True),
    ("Pregnancy test negative last week but positive today.", False),
    ("She is 8 weeks pregnant; an earlier home pregnancy test was negative.", False),
    ("No pregnancy test has been done.", False),
])
def test_negative_pregnancy_test_reader(text: str, expected: bool) -> None:
    from assistant.triage.knowledge import negative_pregnancy_test

    assert negative_pregnancy_test(text) is expected


@pytest.mark.parametrize("text", [
    # a positive test keeps the ectopic pattern, in both word orders (the second was 4 before)
    "28-year-old with lower abdominal pain, pregnancy test was positive.",
    "Pregnancy test negative last week but positive today, pain in my lower tummy on the right",
    # a negative test does not hide a surgical abdomen or collapse
    "28-year-old, pregnancy test negative, sudden severe lower abdominal pain and fainted.",
    "My pregnancy test was negative but I have terrible pain in my tummy and I collapsed.",
    # a missed period with pain or bleeding stays a red flag whatever the test says
    "I missed my period, pregnancy test negative, now bleeding heavily with tummy pain.",
])
def test_pregnancy_emergencies_stay_emergencies(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) <= 2


# ---- 2. self-care entries that refine a routine one ----
@pytest.mark.parametrize("text,routine_id", [
    # NHS Acne: mild acne, a pharmacist can advise (4 before)
    ("16-year-old with mild acne, blackheads and a few spots on the forehead.", "acne_rosacea"),
    # NHS Pharmacy First: uncomplicated UTI, a woman 16-64 who asks (4 before)
    ("I'm a 30-year-old woman, it burns when I pee and I keep needing to go since yesterday. "
     "No fever or back pain. What can I take?", None),
    ("32-year-old woman with burning when passing urine and needing to go often for 2 days, no "
     "fever, not pregnant. Can she get treatment from the pharmacy?", "cystitis_uncomplicated"),
    # NHS Migraine: a usual attack (4 before)
    ("I get migraines and I have one of my usual ones today, same as always, what can I take?",
     "migraine_known"),
    ("25-year-old with known migraine, usual throbbing one-sided headache with nausea like her "
     "previous ones.", "migraine_known"),
    # NHS Plantar fasciitis (4 before)
    ("30-year-old with heel pain worse on the first steps in the morning for 10 days, no injury.",
     "frozen_shoulder_tendinopathy"),
    # NHS Tendonitis / Tennis elbow / Heel pain: under 2 weeks of overuse pain (4 before)
    ("40-year-old runner with gradual achilles pain and stiffness for 10 days since increasing his "
     "mileage.", "frozen_shoulder_tendinopathy"),
    ("I've got tennis elbow from playing tennis, what can I take?", None),
])
def test_milder_nhs_case_gets_self_care(triager: Triager, text: str,
                                        routine_id: str | None) -> None:
    if routine_id is not None:
        assert _fires(routine_id, text)  # the routine entry still fires; it is set aside
    assert _acuity(triager, text) == 5


@pytest.mark.parametrize("text", [
    # a clinician's note without the question stays routine (project vignette v24)
    "22-year-old woman with burning on urination and frequency for 2 days, no fever, no back pain.",
    # Pharmacy First exclusions: a man, pregnancy, 65 or over, recurrent, blood
    "I'm a 30-year-old man, it burns when I pee and I need to go all the time. What can I take?",
    "I'm a 30-year-old woman, 10 weeks pregnant, it burns when I pee and I need to go all the "
    "time. What can I take?",
    "I'm a 70-year-old woman, it burns when I pee and I need to go all the time. What can I take?",
    "I'm a 30-year-old woman with my third UTI this year, burning and frequency. What can I take?",
    "I'm a 30-year-old woman, it burns when I pee, I need to go all the time and there is blood "
    "in my urine. What can I take?",
    # acne: moderate or severe, scarring, pharmacy treatment failed (NHS: GP)
    "16-year-old with painful acne cysts that have not improved with pharmacy creams.",
    # migraine: frequent or not relieved (NHS: GP)
    "I get migraines, my usual ones, but now nearly every day and painkillers don't help.",
    # heel pain or tendinopathy past 2 weeks of self-care (NHS: GP)
    "45-year-old with heel pain worse on first steps in the morning for 6 weeks.",
    "40-year-old runner with achilles pain and stiffness for 3 weeks, gradual onset.",
    "48-year-old with gradual outer elbow pain for 6 weeks after repetitive lifting at work.",
])
def test_see_a_gp_features_keep_routine(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) == 4


@pytest.mark.parametrize("text", [
    # the migraine look-alikes NHS sends to 999 / A&E
    "I get migraines but this one came on suddenly and is the worst headache of my life.",
    "I get migraines, it's like my usual one but my arm is weak and my speech is slurred.",
    "I get migraines, usual one, but I have a fever and my neck is stiff.",
    # UTI that has gone to the kidneys or sepsis
    "I'm a 30-year-old woman, it burns when I pee, and now I'm shivering, confused and my "
    "hands and feet are cold. What can I take?",
])
def test_refined_conditions_lay_emergencies_stay_emergencies(triager: Triager,
                                                             text: str) -> None:
    assert _acuity(triager, text) <= 2


def test_tendon_pain_near_an_emergency_is_not_self_care(triager: Triager) -> None:
    # NHS Heart attack: arm pain with chest pain and sweating is 999, whatever the arm did
    assert _acuity(triager, "Elbow pain after gardening for a week and now chest pain and "
                   "sweating.") <= 2
    # MHRA 2019: tendon pain on a fluoroquinolone is not the overuse pattern
    assert not _fires("tendinopathy_early", "I'm 40 and have achilles pain since I started "
                      "ciprofloxacin and running more, what can I take?")


def test_heel_snap_is_an_achilles_rupture(triager: Triager) -> None:
    # NHS Achilles tendon rupture: urgent treatment centre or A&E (4 before: "heel" was no site)
    text = "My heel hurts, I heard a snap playing squash and can't walk on it. What can I do?"
    assert _acuity(triager, text) == 3


def test_refines_only_a_routine_entry(tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text("""conditions:
- id: bad_emergency
  condition: x
  disposition: emergency
  why: x
  source: x
  all: [['alpha'], ['beta']]
  example: alpha beta
  near_miss: gamma
- id: mild_case
  condition: y
  disposition: self_care
  refines: [bad_emergency]
  why: y
  source: y
  all: [['alpha'], ['delta']]
  example: alpha delta
  near_miss: gamma
""", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a routine"):
        load_conditions(kb)


# ---- 3. negation: the defining finding is required ----
def test_piles_with_bleeding_denied_is_not_rectal_bleeding(triager: Triager) -> None:
    text = "34-year-old with haemorrhoids, itching and straining, denies any bleeding."
    assert not _fires("rectal_bleeding_minor", text)  # fired before
    assert _acuity(triager, text, "primary_care") == 5  # 4 before (haemorrhoids, NHS Piles)
    assert _fires("rectal_bleeding_minor", "30-year-old with streaks of bright red blood on the "
                  "toilet paper after straining with constipation.")
    assert _fires("rectal_bleeding_minor", "My piles are bleeding a bit when I strain.")


@pytest.mark.parametrize("text", [
    "I have piles and now there is a lot of blood coming from my bottom with clots and I feel "
    "faint.",
    "I have piles, straining, and my poo is black and tarry.",
])
def test_bottom_bleeding_emergencies_stay_emergencies(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) <= 2


# ---- 4. site ----
def test_ear_lobe_rash_is_not_otitis_externa() -> None:
    assert not _fires("otitis_externa", "Itchy rash on the ear lobe after wearing new earrings.")
    assert _fires("otitis_externa", "28-year-old swimmer with an itchy, sore ear canal and a "
                  "little discharge.")
    assert _fires("otitis_externa", "My ear is itchy and there's some discharge after swimming.")


def test_cradle_cap_is_not_impetigo(triager: Triager) -> None:
    text = ("My baby is 4 months old and has yellow crusty scales on his scalp, cradle cap, what "
            "can I use?")
    assert not _fires("impetigo", text)  # fired before
    assert _acuity(triager, text) == 5  # 4 before
    assert _fires("impetigo", "5-year-old with crusted golden sores around the nose and mouth for "
                  "3 days.")


# ---- 5. flu with a headache ----
def test_flu_with_a_headache_is_self_care(triager: Triager) -> None:
    text = "I've had flu for 2 days with fever, body aches and a headache, what can I take?"
    assert _fires("influenza_like", text)  # blocked before
    assert _acuity(triager, text) == 5  # 4 before


@pytest.mark.parametrize("text", [
    # lay meningism: "my neck is stiff" was read by no red flag (4 before)
    "Flu with fever, aches and a really bad headache, light hurts my eyes and my neck is stiff",
    "I have flu, fever and a headache and I can't touch my chin to my chest.",
    "Flu with fever and aches, and a sudden severe headache that came on in seconds.",
    "Flu for 2 days, fever, headache and now I'm confused and very drowsy.",
    "fever, aches, headache, and a rash that doesn't fade when I press a glass on it",
])
def test_flu_headache_emergencies_stay_emergencies(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) <= 2


def test_examination_neck_stiffness_left_to_the_clinical_forms() -> None:
    # polymyalgia in an exam note (probe4 medqa4-83): the lay possessive form does not read it
    assert "meningism" not in _flags("On physical examination, the patient's neck is stiff and "
                                     "she also has bilateral shoulder tenderness; temperature "
                                     "is 37.6 C.")


# ---- 6. a dated past overdose ----
@pytest.mark.parametrize("text", [
    "I overdosed three years ago but I'm fine now, I have a sore throat.",
    "took an overdose in 2019, now has a cough",
    "She took an overdose as a teenager and is here with a sprained ankle.",
])
def test_dated_past_overdose_is_history(text: str) -> None:
    assert "overdose or poisoning" not in _flags(text)  # fired before


@pytest.mark.parametrize("text", [
    "I took an overdose this morning.",
    "Took an overdose last night",
    "took an overdose 3 hours ago of paracetamol",
    "I took an overdose two weeks ago",
    "took an overdose of paracetamol 3 days ago and now my tummy hurts",
    "She took an overdose 2 years ago and again this morning.",
    "my son took an overdose of his tablets yesterday",
])
def test_current_overdose_still_fires(triager: Triager, text: str) -> None:
    assert "overdose or poisoning" in _flags(text)
    assert _acuity(triager, text) <= 2


@pytest.mark.parametrize("text", [
    "I overdosed three years ago and now I want to kill myself again",
    "I took an overdose years ago and I have been thinking of ending my life",
    "overdose 6 months ago, now wants to take his own life",
])
def test_current_suicidal_thoughts_still_escalate(triager: Triager, text: str) -> None:
    assert "suicidality or self-harm" in _flags(text)
    assert _acuity(triager, text) <= 2


# ---- tendon pain on a fluoroquinolone (MHRA Drug Safety Update 2019) ----
_ELBOW = ("33-year-old presents for evaluation of right elbow pain for 4 days after more use of a "
          "pottery wheel, no injury, no numbness.")


@pytest.mark.parametrize("drug", [
    " She finished a course of ciprofloxacin last week.",
    " Started on levofloxacin for sinusitis 5 days ago.",
    " Takes a quinolone antibiotic.",
])
def test_limb_pain_on_a_fluoroquinolone_is_not_self_care(triager: Triager, drug: str) -> None:
    # the general limb-pain rule gives self-care (5) without the drug; with it, a clinician
    # must see it (routine, 4): stop the drug, tendon rupture risk
    assert _acuity(triager, _ELBOW, "primary_care") == 5
    assert _acuity(triager, _ELBOW + drug, "primary_care") == 4


# ---- a newborn's breathing rate (NICE NG143: red RR > 60; amber > 50 only from 6 months) ----
def test_newborn_rate_of_51_is_not_a_resuscitation_floor(triager: Triager) -> None:
    base = "A 4-day-old boy is brought to the clinic. He is feeding well. Pulse 140/min. "
    assert _acuity(triager, base + "Respiratory rate is 51/min.", "primary_care") == 4
    assert _acuity(triager, base + "Respiratory rate is 66/min.", "primary_care") == 1
