"""Error classes of issue 21, round 5: emergencies on unseen vignettes (probe4) and known gaps.

Found on ``eval/data/triage_real/probe4_dev.tsv`` (121 fresh MedQA/MedMCQA vignettes, labelled
and committed before the triage path ran on them; untuned: accuracy 0.744, emergencies 32/45,
under-triage 0.107), on the three probe3 misses left open and on known weaknesses, grouped by
mechanism:

1. **missing knowledge-base entries** (ESI high-risk situations, NHS A&E pages): electrical
   injury, joint dislocation, sickle cell crisis, diphtheria, corneal ulcer / microbial
   keratitis, Stevens-Johnson syndrome, acute severe abdominal pain (a child with nothing else,
   probe3), breathlessness in known heart failure (probe3), bloody diarrhoea with a fast pulse;
2. **finding phrased differently**: "difficulty in breathing", misspelt dyspnoea ("dysnea",
   MedMCQA's dropped "rt": "shoness of breath"), "low B.P.", stool counts and "no passage of
   urine", "prolonged air travel", a one-sided deficit as "decrease in movement of right leg",
   a positive hCG with free fluid (probe3);
3. **value reading**: "serum calcium concentration is 15.1 mg/dL" (the lab grammar reads
   "level", not "concentration");
4. **published red feature not applied**: a child who "appears ill" with a possible infection
   (NICE NG143 red, NICE NG51 high risk for children 5-11);
5. **over-triage guards** (each fired on the old code): a finding in a past-medical-history
   sentence; the end of a long denied list (NegEx's 60-character window); drooling explained by
   a facial palsy; pleuritic chest pain of a chest infection read as cardiac; "3 day old
   pneumonitis" read as the patient's age; "right lower lobe" read as the right lower
   quadrant; "fit into her shoes" read as a fit; a "hemorrhagic mass" read as bleeding;
   months-long breathlessness matched to acute heart failure or pulmonary embolism; asthma in the
   history matched to a severe attack; a DVT pattern on a leg hit by a blow; an old trauma
   mechanism.

Every sentence here was written for its class (not copied from a data set). The positives fail
on the code before this change; each near miss stays below the emergency level; floors are
only ever added, never lowered (the last tests add a danger-zone vital to each guarded case).
"""

from __future__ import annotations

import pytest
from kb_entry import entry_fires as _entry_fires  # same folder

# the self-care class file's reader (same folder); the `triager` fixture is conftest's
from test_triage_selfcare_classes import _acuity as _rec  # noqa: E402

from assistant.triage import Triager
from assistant.triage.floors import lab_floors
from assistant.triage.knowledge import match_conditions
from assistant.triage.parse import parse_age, parse_case
from assistant.triage.red_flags import find_red_flags


def _flags(text: str) -> list[str]:
    return [h.name for h in find_red_flags(parse_case({"id": "c", "text": text}))]


def _kb(text: str) -> list[str]:
    return [m.entry.id for m in match_conditions(parse_case({"id": "c", "text": text}))]


# ---- 1 + 2. missing entries and findings phrased differently: emergency vs near miss ----
EMERGENCY_PAIRS = [
    # (entry that states why, positive -> acuity 2, near miss -> acuity >= 3)
    ("electrical_injury",
     "A 40-year-old lineman touched a high-voltage cable and collapsed; there is a burn on his hand.",
     "A 40-year-old electrician with a sore lower back after lifting cable drums yesterday."),
    ("joint_dislocation",
     "A 22-year-old fell on his outstretched arm; the humeral head is felt below the coracoid "
     "and he cannot move the shoulder.",
     "A 22-year-old whose shoulder ached after painting a ceiling, full range of movement."),
    ("sickle_cell_crisis",
     "An 8-year-old girl with sickle cell disease has severe pain in both legs since last night.",
     "An 8-year-old girl with sickle cell trait needs a form signed for school; she has no pain."),
    ("diphtheria",
     "A 5-year-old unvaccinated boy has a fever and a greyish membrane over his tonsils.",
     "A 5-year-old with a sore throat and white spots on the tonsils, drinking well."),
    ("microbial_keratitis",
     "A 28-year-old contact lens wearer has a painful, watering left eye; a corneal ulcer with a "
     "hypopyon is seen.",
     "A 28-year-old with a slightly watery eye after a fingernail scratch yesterday, no pain, "
     "sees normally."),
    ("sjs_ten",
     "A 50-year-old started allopurinol 10 days ago and now has bullae and target lesions with "
     "erosions on the lips and in the mouth.",
     "A 50-year-old with one blister on the heel from new walking boots."),
    ("severe_abdominal_pain_acute",
     "A 9-year-old girl is brought in with severe abdominal pain that began this morning.",
     "A 9-year-old with recurrent mild stomach aches before school for 4 months, growing well."),
    ("heart_failure_breathless",
     "A 76-year-old woman with congestive heart failure comes in because of difficulty in "
     "breathing.",
     "A 76-year-old with heart failure, breathless only when walking uphill for two years, "
     "attends a routine review."),
    ("bloody_diarrhoea_tachycardia",
     "A 30-year-old has had bloody diarrhoea since yesterday; pulse 118/min, blood pressure "
     "112/70 mm Hg.",
     "A 30-year-old has had diarrhoea with a little blood since yesterday; pulse 78/min, "
     "blood pressure 124/80 mm Hg, drinking well."),
    ("gastroenteritis_dehydration",
     "A 2-year-old with 20 stools/day for two days, no passage of urine for 14 hours, low B.P.",
     "A 2-year-old with 4 loose stools a day since yesterday, drinking well, plenty of wet "
     "nappies."),
    ("ectopic_pregnancy",
     "A 24-year-old woman has a positive urine pregnancy test; the scan shows free fluid in the "
     "pelvis.",
     "A 24-year-old woman with a positive pregnancy test feels well and wants to book antenatal "
     "care."),
]


@pytest.mark.parametrize(("entry", "positive", "near_miss"), EMERGENCY_PAIRS,
                         ids=[p[0] for p in EMERGENCY_PAIRS])
def test_emergency_class_fires_and_near_miss_does_not(triager: Triager, entry: str,
                                                      positive: str, near_miss: str) -> None:
    assert _entry_fires(entry, positive), f"{entry} should fire on {positive!r}"
    assert not _entry_fires(entry, near_miss), f"{entry} fired on {near_miss!r}"
    assert _rec(triager, positive)[0] <= 2
    assert _rec(triager, near_miss)[0] >= 3


def test_probe3_one_line_presentations() -> None:
    # the two probe3 misses left open: a child's severe abdominal pain with nothing else, and
    # breathlessness in known heart failure (the condition "chronic" is not the course)
    assert "severe_abdominal_pain_acute" in _kb("A 7-year-old boy presented with severe "
                                                "abdominal pain.")
    assert "heart_failure_breathless" in _kb(
        "A 70-year-old man with chronic heart failure presents with difficulty in breathing. "
        "He has been hypertensive for 20 years.")


def test_pulmonary_embolism_travel_phrasing() -> None:
    text = "A 45-year-old has acute onset breathlessness after prolonged air travel."
    assert _entry_fires("pulmonary_embolism", text)
    assert not _entry_fires("pulmonary_embolism", "A 45-year-old is breathless after a cold; "
                                                   "no travel, no leg swelling.")


@pytest.mark.parametrize(("text", "flag", "fires"), [
    # misspelt breathlessness: the generic flag, and "acute onset" as respiratory distress
    ("She has shoness of breath since this morning.", "shortness of breath", True),
    ("A tall 26-year-old has acute onset dysnea and is tachypneic.", "respiratory distress",
     True),
    ("He has had dysnea on exertion for two years.", "respiratory distress", False),
    # a one-sided deficit as reduced movement or strength (acute only)
    ("A 20-year-old came with headache, vomiting and decrease in movement of right leg.",
     "stroke signs (FAST)", True),
    ("She has decreased muscle strength on the entire right side since an hour ago.",
     "stroke signs (FAST)", True),
    ("Decreased movement of the right leg for 3 years after polio.", "stroke signs (FAST)",
     False),
])
def test_phrasing_red_flags(text: str, flag: str, fires: bool) -> None:
    assert (flag in _flags(text)) is fires


# ---- 3. value reading: "concentration" ----
@pytest.mark.parametrize(("text", "floor"), [
    ("His serum calcium concentration is 15.1 mg/dL.", True),
    ("Serum potassium concentration was 7.2 mEq/L.", True),
    ("His serum calcium concentration is 9.6 mg/dL.", False),
])
def test_lab_concentration_is_read(text: str, floor: bool) -> None:
    assert bool(lab_floors(parse_case({"id": "c", "text": text}))) is floor


# ---- 4. a child who appears ill (NICE NG143 / NG51) ----
@pytest.mark.parametrize(("text", "fires"), [
    ("A 4-year-old with a cough and fever for two days appears ill.", True),
    ("A 10-year-old with a week of difficulty breathing and a dry cough appears ill.", True),
    # guards: an adult; a well-appearing child; a lifelong recurrent problem at a clinic review
    ("A 40-year-old with a cough and fever appears ill.", False),
    ("A 4-year-old with a cough and fever appears well and is playing.", False),
    ("A 3-year-old with recurrent skin infections since birth appears ill at his review.", False),
])
def test_child_who_appears_ill(text: str, fires: bool) -> None:
    assert ("child who appears ill with a possible infection" in _flags(text)) is fires


# ---- 5. over-triage guards: the near miss no longer fires, the positive still does ----
@pytest.mark.parametrize(("text", "flag", "fires"), [
    # a past-medical-history sentence names old problems
    ("A 62-year-old has bright red blood on the paper twice this week. Past medical history is "
     "significant for an appendectomy complicated by delirium tremens.",
     "altered mental status", False),
    ("Past medical history is significant for hypertension, and he now presents with confusion.",
     "altered mental status", True),
    ("She has a history of a seizure disorder treated with carbamazepine and nausea.",
     "altered mental status", False),
    # the end of a long denied list (NegEx's fixed 60-character window)
    ("He denies fever, chills, night sweats, weight loss, cough, abdominal pain, nausea, "
     "vomiting, diarrhoea, dysuria, rash or chest pain.", "chest pain", False),
    ("He denies any recent travel, sick contacts, weight loss, night sweats or chest pain.",
     "chest pain", False),
    ("The parents deny any complaints of headaches or convulsions.", "altered mental status",
     False),
    ("He denies fever but has had chest pain since this morning.", "chest pain", True),
    # drooling explained by a facial palsy
    ("A 14-year-old has sudden drooping of the right side of her face with drooling; she cannot "
     "whistle.", "airway compromise", False),
    ("A 3-year-old with a high fever is drooling and leaning forward.", "airway compromise", True),
    # pleuritic chest pain of a chest infection is not cardiac-type
    ("A 30-year-old with fever, productive cough, dyspnea and pleuritic chest pain.",
     "chest pain with cardiac features", False),
    ("A 55-year-old with chest pain radiating to the left arm and shortness of breath.",
     "chest pain with cardiac features", True),
    # an old trauma mechanism is history
    ("He was involved in a severe car accident 30 years ago. He has occasional headaches.",
     "major trauma mechanism", False),
    ("He was the driver in a car crash an hour ago.", "major trauma mechanism", True),
])
def test_over_triage_red_flag_guards(text: str, flag: str, fires: bool) -> None:
    assert (flag in _flags(text)) is fires


@pytest.mark.parametrize(("entry", "text", "fires"), [
    ("appendicitis", "Fever and cough; a chest x-ray shows right lower lobe consolidation.", False),
    ("appendicitis", "Fever and pain in the right lower quadrant since last night.", True),
    ("seizure_first_or_prolonged", "Her legs are swollen and for the first time she cannot fit "
                                   "into her shoes.", False),
    ("seizure_first_or_prolonged", "He had a first fit this morning and is still confused.", True),
    ("symptomatic_anaemia", "Conjunctival pallor; colonoscopy shows a hemorrhagic mass in the "
                            "colon.", False),
    ("heart_failure_acute", "A 46-year-old with a 5-month history of worsening shortness of "
                            "breath and elevated jugular venous pressure.", False),
    ("heart_failure_acute", "A 78-year-old with worsening breathlessness at rest, orthopnoea and "
                            "bilateral crackles.", True),
    ("pulmonary_embolism", "A 72-year-old with a 6-month history of shortness of breath; his "
                           "brother had cancer.", False),
    ("asthma_severe", "Her past medical history is notable for asthma. She has pneumonia with a "
                      "heart rate of 115/min.", False),
    ("asthma_severe", "An asthmatic 20-year-old is wheezing with a heart rate of 120/min.", True),
    ("dvt", "A 30-year-old footballer has a swollen, painful left calf after it was kicked in "
            "a tackle.", False),
    ("dvt", "A 30-year-old with a swollen, painful left calf after a long-haul flight.", True),
])
def test_over_triage_kb_guards(entry: str, text: str, fires: bool) -> None:
    assert _entry_fires(entry, text) is fires


def test_age_of_an_illness_is_not_the_patient_age() -> None:
    assert parse_age("A child with 22 stools a day and a 3 day old pneumonitis.")[0] is None
    assert parse_age("A 3-day-old boy is not feeding.")[0] == 0.008  # days / 365, 3 places


# ---- floors never lowered: each guarded case with a danger-zone vital still escalates ----
@pytest.mark.parametrize("text", [
    "A 14-year-old has sudden drooping of the right side of her face with drooling; stridor.",
    "A 30-year-old with fever, productive cough and pleuritic chest pain; SpO2 84% on room air.",
    "He was involved in a severe car accident 30 years ago. Blood pressure 70/40 mm Hg.",
    "Past medical history is significant for delirium tremens. Pulse 165/min.",
    "A 46-year-old with a 5-month history of shortness of breath; SpO2 83%.",
    "A 30-year-old footballer's calf is swollen after a kick; blood pressure 72/40 mm Hg.",
])
def test_guards_never_lower_a_floor(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 2
    assert _rec(triager, text, "ed")[0] <= 2


# ---- round 5b: a written battery of emergency presentations in exam phrasing (my sentences)
# found these classes after the probe4 ones; each near miss stays below the emergency level.
BATTERY_PAIRS = [
    # "non-bilious vomiting": the prefix negates its adjective, not the vomiting
    ("A 4-week-old boy has projectile non-bilious vomiting after every feed and is losing weight.",
     "A 4-week-old boy brings up small amounts of milk after feeds and is gaining weight."),
    # abdominal pain out of proportion to the examination (mesenteric ischaemia)
    ("A 70-year-old woman with atrial fibrillation has severe abdominal pain out of proportion "
     "to the examination findings.",
     "A 70-year-old woman has had mild abdominal pain after meals for 3 months."),
    # an eye injury with a change in vision (NHS Black eye: A&E)
    ("A 30-year-old man was punched in the eye and now has double vision and pain on looking "
     "up.",
     "A 30-year-old man was punched in the eye; the eyelid is bruised, vision is normal."),
    # PE risk phrased as a birth or an operation some days ago; a swollen left leg
    ("A 36-year-old woman 10 days after a caesarean section has a swollen left leg and sudden "
     "breathlessness.",
     "A 36-year-old woman 10 days after a caesarean section asks about breastfeeding; no "
     "breathlessness, legs normal."),
    # haematemesis with words between the verb and the blood
    ("A 48-year-old man has vomited a large amount of bright red blood and feels faint.",
     "A 48-year-old man has vomited twice today but there is no blood; he is drinking."),
    # a septic joint described as a comma list of signs
    ("A 62-year-old woman has a painful, swollen, red, hot knee with a temperature of 38.9.",
     "A 62-year-old woman has a stiff knee after gardening, no swelling, no fever."),
]


@pytest.mark.parametrize(("positive", "near_miss"), BATTERY_PAIRS,
                         ids=[f"battery{i}" for i in range(len(BATTERY_PAIRS))])
def test_battery_class(triager: Triager, positive: str, near_miss: str) -> None:
    assert _rec(triager, positive)[0] <= 2
    assert _rec(triager, near_miss)[0] >= 3


@pytest.mark.parametrize(("entry", "text", "fires"), [
    # a measured normal temperature is not a fever; "less active than usual" is not well
    ("child_fever_well", "A 4-year-old has abdominal cramps and is less active than usual. "
                         "His temperature is 36.8\u00b0C.", False),
    ("child_fever_well", "My 4-year-old has had a temperature since yesterday but is playing "
                         "and drinking well.", True),
    # back pain with a cancer history and no neurological symptoms: urgent (NICE NG234)
    ("back_pain_red_flags", "A 56-year-old treated for non-small cell lung cancer has a month of "
                            "dull back pain worse at night.", False),
    ("back_pain_cancer_history", "A 56-year-old treated for non-small cell lung cancer has a "
                                 "month of dull back pain worse at night.", True),
    ("back_pain_red_flags", "A 56-year-old with lung cancer has back pain and new weakness in "
                            "both legs.", True),
    # a subacute course is not a pulmonary embolism pattern
    ("pulmonary_embolism", "A 79-year-old has a cough and dyspnea in the past month; she was "
                           "treated for breast cancer.", False),
])
def test_battery_guards(entry: str, text: str, fires: bool) -> None:
    assert _entry_fires(entry, text) is fires


# ---- round 5c: a second written battery (30 emergencies, 20 non-emergencies, my sentences);
# the emergency classes it found, each with a near miss below the emergency level.
BATTERY2_PAIRS = [
    # tongue or throat swelling (NHS Angioedema / Anaphylaxis: 999), any trigger
    ("A 31-year-old woman has a rash and swelling of her tongue 20 minutes after an injection "
     "of penicillin.",
     "A 31-year-old woman has an itchy rash on her arms 2 days after starting penicillin, no "
     "swelling, breathing normally."),
    # volatile substance sniffing with symptoms
    ("A 15-year-old boy was found sniffing glue and now has an irregular heartbeat.",
     "A 15-year-old boy asks about the effects of glue on his skin after a craft lesson."),
    # deep neck infection: one-sided neck swelling, trismus, saliva not swallowed
    ("A 40-year-old man has swelling of one side of the neck with trismus and difficulty "
     "swallowing his saliva, temperature 39.",
     "A 40-year-old man has a sore throat and a mild fever for 2 days, swallowing normally."),
    # a floppy infant (NICE NG143 red; NHS seriously ill baby)
    ("A 6-month-old infant is floppy and has a weak cry after eating honey.",
     "A 6-month-old infant has a runny nose, feeding well, a strong cry and good tone."),
    # snake bite (NHS: 999 / A&E)
    ("A 25-year-old man was bitten by a snake on the ankle an hour ago; the leg is swelling.",
     "A 25-year-old man was bitten by a dog on the hand yesterday; a small scratch, no swelling."),
    # melaena as "black stools" with a faint
    ("A 71-year-old man has had black stools for two days and fainted in the bathroom.",
     "A 71-year-old man has dark green stools since starting iron tablets, feels well."),
    # fall from height with the distance first
    ("A 47-year-old man fell 4 metres from a ladder onto his back.",
     "A 47-year-old man slipped on the bottom rung of a ladder and bruised his shin."),
    # bowel obstruction: "no bowel movement or flatus for 3 days"
    ("A 56-year-old man has had vomiting and abdominal distension with no bowel movement or "
     "flatus for 3 days.",
     "A 56-year-old man has had mild bloating after meals for a month, opening his bowels daily."),
    # type 1 diabetes, vomiting, a meter reading "HI"
    ("A 20-year-old with type 1 diabetes has been vomiting all day with a glucose reading of HI.",
     "A 20-year-old with type 1 diabetes asks about carbohydrate counting; glucose readings "
     "are 6 to 9 mmol/L."),
    # a child who swallowed someone else's tablets
    ("A 5-year-old swallowed several of his grandmother's tablets.",
     "A 5-year-old takes his own prescribed asthma inhaler and is well."),
]


@pytest.mark.parametrize(("positive", "near_miss"), BATTERY2_PAIRS,
                         ids=[f"battery2_{i}" for i in range(len(BATTERY2_PAIRS))])
def test_battery2_class(triager: Triager, positive: str, near_miss: str) -> None:
    assert _rec(triager, positive)[0] <= 2
    assert _rec(triager, near_miss)[0] >= 3


@pytest.mark.parametrize(("text", "flag", "fires"), [
    # stable angina unchanged for months (NICE CG126) is not an acute cardiac chest pain
    ("A 58-year-old man with known angina gets chest tightness on climbing hills that goes "
     "within 2 minutes of rest, unchanged for a year.", "chest pain with cardiac features", False),
    ("A 58-year-old man with known angina now gets chest tightness at rest, lasting longer.",
     "chest pain with cardiac features", True),
    # a weak cry noticed over weeks at a wellness review (neuromuscular) is a referral
    ("A 6-month-old at a wellness examination has had a weak cry and suck for the past few "
     "weeks.", "floppy infant or weak cry", False),
])
def test_battery2_guards(text: str, flag: str, fires: bool) -> None:
    assert (flag in _flags(text)) is fires


# ---- round 5d: a third written battery (20 emergencies, my sentences): 3 classes ----
@pytest.mark.parametrize(("text", "flag", "fires"), [
    # reduced fetal movements in other words; "38 weeks' gestation" with an apostrophe
    ("A 34-year-old woman at 38 weeks' gestation reports that the baby has not moved since "
     "yesterday.", "pregnancy with bleeding or pain", True),
    ("A 34-year-old woman at 38 weeks' gestation feels the baby moving normally and asks about "
     "birth plans.", "pregnancy with bleeding or pain", False),
    # the testis as the second item of a list
    ("A 12-year-old boy has sudden onset of severe pain in the left groin and testis with "
     "vomiting.", "possible testicular torsion", True),
    ("A 12-year-old boy has pain in the left groin after football, testes normal.",
     "possible testicular torsion", False),
    # loss of power in both legs (cord compression); claudication-type leg symptoms are not
    ("A 50-year-old woman has sudden loss of power in both legs and cannot pass urine.",
     "possible spinal cord compression", True),
    ("A 65-year-old man gets numbness and weakness in his legs while he walks, relieved by "
     "leaning on a shopping cart.", "possible spinal cord compression", False),
])
def test_battery3_classes(text: str, flag: str, fires: bool) -> None:
    assert (flag in _flags(text)) is fires


# ---- review of the guards (after the held-out score): a long course blocks acute heart
# failure / PE only when it is the breathlessness's own course, not any duration in the text;
# a "history of" sentence with an acute marker is current.
@pytest.mark.parametrize(("entry", "text"), [
    ("pulmonary_embolism", "A 25-year-old woman on the oral contraceptive pill for 6 months has "
                           "sudden breathlessness after a long-haul flight."),
    ("heart_failure_acute", "A 70-year-old on furosemide for 3 months has orthopnoea, bilateral "
                            "crackles and breathlessness at rest, SpO2 89%."),
])
def test_long_course_guard_is_tied_to_the_breathlessness(entry: str, text: str) -> None:
    assert _entry_fires(entry, text)


def test_history_sentence_with_an_acute_marker_is_current() -> None:
    text = "He has a history of crushing chest pain radiating to the left arm since this morning."
    assert "chest pain with cardiac features" in _flags(text)
