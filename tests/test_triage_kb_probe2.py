"""Error classes from the second fresh vignette probe and the lay self-care set (issue 21).

``eval/data/triage_real/probe2_dev.tsv`` (124 MedQA/MedMCQA vignettes, emergency-rich) and
``selfcare_lay.jsonl`` (HealthBench user turns, ACI-bench HPIs) showed these classes. Each row
names one entry and a sentence written for the class (not copied from a vignette); the entry
must fire (True) or not fire (False) on it, alone. Every "fires" row was checked to fail on the
knowledge base before this change.
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.triage import Triager
from assistant.triage.knowledge import load_conditions, match_conditions, negation_view
from assistant.triage.parse import parse_age, parse_case

BY_ID = {e.id: e for e in load_conditions()}

CASES = [
    # a negated history does not negate the findings after it (NegEx scope)
    ("major_trauma", "A 40-year-old man with no significant past medical history is hit in a "
     "motor vehicle collision and has neck pain.", True),
    ("major_trauma", "A 40-year-old man with no history of a motor vehicle collision has neck "
     "pain after sleeping awkwardly.", False),
    # sphincter loss described rather than named
    ("back_pain_red_flags", "60-year-old with back pain for weeks who now has difficulty "
     "controlling his bowel movements and wears adult diapers.", True),
    ("back_pain_red_flags", "60-year-old with back pain for weeks, bladder and bowels "
     "normal.", False),
    # sudden limb pain with sensory change or an irregular pulse: an embolus
    ("acute_limb_ischaemia_sudden", "70-year-old with sudden severe pain in the right leg and "
     "numbness, pulse irregularly irregular.", True),
    ("acute_limb_ischaemia_sudden", "70-year-old with leg pain on walking that eases with rest "
     "for months.", False),
    # acute heart failure: sudden breathlessness in sleep with a raised JVP
    ("heart_failure_acute", "75-year-old woken from sleep suddenly short of breath, jugular "
     "venous distention and swollen ankles.", True),
    ("heart_failure_acute", "75-year-old short of breath on hills for a year with an elevated "
     "JVP and ankle swelling.", False),
    # fever with a tender liver
    ("liver_abscess", "50-year-old with fever and chills for a week and a tender liver "
     "edge.", True),
    ("liver_abscess", "50-year-old with fever and a sore throat, abdomen soft and "
     "non-tender.", False),
    # suicidal intent in other words, with means
    ("suicidal", "16-year-old who says he would be better off dead and wants to use a gun "
     "this weekend.", True),
    ("suicidal", "16-year-old who feels low after exams and wants to see friends this "
     "weekend.", False),
    # fast breathing described, in a person with diabetes
    ("dka_hhs", "40-year-old with type 2 diabetes, abdominal pain and fast, shallow "
     "breathing.", True),
    ("dka_hhs", "40-year-old with type 2 diabetes and abdominal pain after a large meal, "
     "breathing normally.", False),
    # fever after birth or surgery
    ("postpartum_infection", "28-year-old who gave birth 4 days ago with a fever and pulse "
     "112.", True),
    ("postpartum_infection", "28-year-old who gave birth 4 days ago, breastfeeding well, no "
     "fever.", False),
    ("post_operative_complication", "55-year-old with fever and vomiting; his gallbladder "
     "operation was 5 days ago.", True),
    ("post_operative_complication", "55-year-old with a fever and a cough; his gallbladder "
     "operation was 5 years ago.", False),
    # cyanosis described; fingers turning blue in the cold is Raynaud's
    ("cyanosis", "18-month-old who turns blue when crying and then becomes floppy.", True),
    ("cyanosis", "25-year-old whose fingers go blue in the cold and tingle.", False),
    # haemoptysis with kidney involvement; digoxin toxicity; an anginal equivalent
    ("pulmonary_renal", "30-year-old coughing up blood with blood in his urine.", True),
    ("pulmonary_renal", "30-year-old coughing up blood after a week of bronchitis.", False),
    ("digoxin_toxicity", "88-year-old on digoxin with nausea and yellow vision.", True),
    ("digoxin_toxicity", "88-year-old on digoxin with a painful big toe.", False),
    ("acs_equivalent", "60-year-old smoker with sudden shortness of breath and nausea, pale "
     "and sweaty.", True),
    ("acs_equivalent", "60-year-old smoker sweaty and breathless after a 10 km run, "
     "recovered.", False),
    # self-care in lay words
    ("child_fever_well", "my 6-year-old has a temperature of 38, no rash or breathing "
     "problems, appetite is normal", True),
    ("child_fever_well", "my 6-year-old has a temperature of 38 and is not drinking", False),
    ("conjunctivitis", "she's 5, her eyes are red and a bit sticky", True),
    ("conjunctivitis", "she's 5, her eye is red and painful and she cannot see well", False),
    ("conjunctivitis", "she's 5 and her eyes are red", False),  # one finding, counted once
    ("conjunctivitis", "I think she has pink eye, she's 5 and her eyes are red", True),
    ("insect_bite", "some small red bites on my ankles from the fleas", True),
    ("insect_bite", "I was bitten by my dog on the hand and it is red", False),
    ("common_cold", "I have had post-nasal drip and a cold for 5 days", True),
    ("minor_cut_graze", "a small splinter in my finger, no swelling", True),
    ("minor_cut_graze", "a deep splinter of glass in my finger that is bleeding", False),
    ("sprain", "twisted my ankle on a walk, it is swollen, painkillers reduce the pain", True),
    ("sprain", "twisted my ankle, it is red and hot and I cannot bear weight", False),
    ("adult_fever_mild", "I'm 29, low-grade fever 99.8F for two days, mild headache", True),
    ("adult_fever_mild", "I'm 29, low-grade fever for two days with a stiff neck", False),
    ("child_cough_fever_well", "7-year-old with a cough for 4 days and a fever of 38, normal "
     "appetite and playing", True),
    ("child_cough_fever_well", "7-year-old with a cough and a fever of 38 who is wheezing",
     False),
    ("sensitive_teeth", "my teeth are sensitive to cold drinks, dentist found no cavity", True),
    ("sensitive_teeth", "throbbing toothache with a swollen jaw, sensitive to cold", False),
    # a period 2 weeks ago is a normal cycle, not a missed period
    ("ectopic_pregnancy", "30-year-old with pelvic pain before her periods; her last menstrual "
     "period was 2 weeks ago.", False),
    ("ectopic_pregnancy", "30-year-old with pelvic pain; her last menstrual period was 7 weeks "
     "ago.", True),
    # night sweats are not the sweating of a low blood sugar
    ("hypoglycaemia", "72-year-old with diabetes, weight loss and night sweats for 2 months.",
     False),
    ("hypoglycaemia", "72-year-old with diabetes on insulin, sweating and shaking.", True),
    # a septic joint described: swelling and warmth, pain on passive movement, cloudy fluid
    ("septic_arthritis", "25-year-old whose right knee shows swelling, warmth and tenderness "
     "on passive movement.", True),
    ("septic_arthritis", "25-year-old whose right knee shows mild swelling after a run, full "
     "painless movement.", False),
    # period pain with pain during intercourse or not relieved by painkillers is not primary
    # dysmenorrhoea (NICE CKS Dysmenorrhoea: secondary causes)
    ("dysmenorrhoea", "30-year-old with crampy pelvic pain before her menses and pain during "
     "sexual intercourse for 6 months, not relieved with pain medication.", False),
    ("dysmenorrhoea", "17-year-old with crampy pelvic pain on the first day of her menses, "
     "helped by ibuprofen.", True),
    # "stabbing" back pain is not a stab wound
    ("major_trauma", "41-year-old with sharp, stabbing low back pain since moving "
     "furniture.", False),
    ("major_trauma", "22-year-old who was stabbed in the abdomen and is bleeding.", True),
]


@pytest.mark.parametrize(("entry", "text", "fires"), CASES,
                         ids=[f"{e}-{'fires' if f else 'silent'}-{i}"
                              for i, (e, _, f) in enumerate(CASES)])
def test_entry_on_its_class(entry: str, text: str, fires: bool) -> None:
    hits = match_conditions(parse_case({"id": "c", "text": text}), (BY_ID[entry],))
    assert bool(hits) is fires, (entry, text, [m.reason() for m in hits])


@pytest.mark.parametrize(("text", "view"), [
    ("man with no significant past medical history is hit",
     "man with no significant past medical history;is hit"),
    ("no history of chest pain", "no history of chest pain"),       # negation kept
    ("no rash or breathing issues, appetite is normal",
     "no rash or breathing issues; appetite is normal"),
    ("no cough, fever or rash", "no cough, fever or rash"),        # a list stays negated
])
def test_negation_view_ends_scope_only_at_a_new_clause(text: str, view: str) -> None:
    assert negation_view(text) == view


@pytest.mark.parametrize(("text", "age"), [
    ("A one-week-old infant", 0.019), ("a two month old baby", 0.167),
    ("she's 4, her eyes are red", 4.0), ("I'm 29 and feverish", 29.0),
    ("she's 4 weeks pregnant", None), ("I'm 90 kgs", None), ("he is 5 foot tall", None),
])
def test_ages_in_words_and_lay_text(text: str, age: float | None) -> None:
    assert parse_age(text)[0] == age


@pytest.mark.parametrize(("text", "acuity"), [
    # a self-care pattern named in the past history is not the complaint
    ("41-year-old with fast, shallow breathing and abdominal pain. He also has reflux "
     "disease for which he occasionally takes antacids after meals.", 4),
    ("41-year-old with fast, shallow breathing and abdominal pain. His past medical history "
     "is significant for heartburn after spicy meals.", 4),
    ("41-year-old with mild reflux after meals, for which he occasionally takes antacids.", 5),
    # a newborn (age in words) is never self-care
    ("A one-week-old baby who cries in the evening and is feeding well; his skin looks "
     "yellow.", 3),
])
def test_history_and_newborns_never_self_care(text: str, acuity: int) -> None:
    rec = Triager(load_settings(None, {"use_llm": False}, environ={})).triage(
        {"id": "s", "text": text, "setting": "primary_care"})
    assert rec.acuity == acuity, rec.reasons
