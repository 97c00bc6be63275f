"""Issue 21, round 8: NHS self-care coverage audit in exam-vignette wording.

The held-out MedQA/MedMCQA self-care vignettes scored 0/5 while dev was high. An audit of the
NHS Pharmacy First and self-care conditions written as a one-paragraph exam vignette (age,
complaint, "Her temperature is 37.0 C ... blood pressure is 118/74 mm Hg", examination) and as
a lay account (table: ``eval/data/triage_real/README.md``, "Self-care coverage audit, round
8") found one general mechanism and some gaps:

- the vital-sign sentence of every exam vignette vetoed 29 self-care entries: their ``not``
  lists read "blood" (blood seen) or "temperature" (a lay "I've got a temperature"), and the
  measurement "blood pressure is 118/74" or "temperature is 37.0 C" matched
  (``knowledge.not_list_negated``: a reading is judged by its value);
- urgent or routine entries fired on words of the exam paragraph: ``bloody_diarrhoea`` on
  "blood pressure", ``faltering_growth`` on "a growth on his finger", ``achilles_rupture`` on
  "should I pop it?" (a blister);
- exam wording no entry read: sunburn "after spending the day at the beach", head lice "eggs
  attached to the hair shafts", athlete's foot with "a 2-week history" (NHS sets no duration);
- conditions with no entry: fungal nail infection, vaginal thrush, dry or chapped lips, a
  friction blister (NHS condition pages, each entry names its page).

Every positive got acuity 4 or 3 on the code before this change (checked) and now gets
self-care with the named entry; every near-miss (an NHS "see a GP / 111 / 999" feature)
stays above self-care; lay-worded emergencies stay emergencies.
"""

from __future__ import annotations

import pytest

from assistant.triage import Triager

_V = ("Her temperature is 37.0°C (98.6°F), pulse is 76/min, respirations are 14/min, and blood "
      "pressure is 118/74 mm Hg.")
_VM = _V.replace("Her ", "His ")

# (text, the entry or rule id that must choose self-care)
POSITIVES = [
    ("A 34-year-old woman comes to the physician because of a 5-day history of infrequent, hard "
     f"bowel movements since she started traveling for work. {_V} The abdomen is soft and "
     "nontender with normal bowel sounds.", "constipation_lay"),
    ("A 31-year-old man comes to the physician because of a 5-day history of a burning "
     f"sensation behind the sternum after large meals. {_VM}", "heartburn_described"),
    ("A 25-year-old man comes to the physician because of a 1-day history of watery diarrhea "
     f"after eating at a restaurant. He is drinking fluids well. {_VM} Examination shows moist "
     "mucous membranes. The abdomen is soft and nontender.", "gastroenteritis_mild"),
    ("An 8-year-old girl is brought to the physician because of a 1-week history of an itchy "
     f"scalp. {_V} Examination shows small white eggs attached to the hair shafts behind the "
     "ears.", "head_lice"),
    ("A 23-year-old man comes to the physician because of a 2-week history of itching between "
     f"his toes. He uses the communal showers. {_VM} Examination shows white macerated scaling "
     "between the fourth and fifth toes of both feet.", "tinea_pedis_described"),
    ("A 12-year-old boy is brought to the physician because of a painless rough growth on his "
     f"right index finger for 2 months. {_VM} Examination shows a 4-mm hyperkeratotic papule "
     "with black dots.", "warts_verrucas"),
    ("A 21-year-old man comes to the physician because of painful red skin on his shoulders "
     f"after spending the day at the beach yesterday. {_VM} Examination shows tender erythema "
     "of the shoulders without blistering.", "sunburn_described"),
    ("A 40-year-old man comes to the physician because of a thickened, discolored toenail of "
     f"the right big toe for 6 months. {_VM} Examination shows a yellow, thickened, crumbling "
     "nail plate of the right great toe.", "fungal_nail"),
    ("I've got a thick yellow toenail that's crumbly, I think it's a fungal nail infection. "
     "What can I buy for it?", "fungal_nail"),
    ("A 29-year-old woman comes to the physician because of a 3-day history of vulvar itching "
     "and thick white vaginal discharge. She recently completed a course of antibiotics. "
     f"{_V} Pelvic examination shows vulvar erythema and a thick, white, curd-like discharge.",
     "vaginal_thrush"),
    ("I'm 29 and have itching down below with a thick white discharge like cottage cheese "
     "after antibiotics. What can I buy?", "vaginal_thrush"),
    ("A 22-year-old woman comes to the physician because of dry, cracked lips for 1 week during "
     f"cold weather. {_V} Examination shows dry, scaling lips without ulceration.", "dry_lips"),
    ("My lips are really dry and cracked from the cold weather. What should I use?", "dry_lips"),
    ("A 19-year-old man comes to the physician because of a painful blister on his right heel "
     f"after wearing new shoes on a hike 1 day ago. {_VM} Examination shows a 1-cm intact "
     "fluid-filled blister on the heel without surrounding erythema.", "friction_blister"),
    ("I've got a blister on my heel from new shoes. Should I pop it?", "friction_blister"),
    # exam boilerplate: the date of the last period and a growth reading in the normal band
    # are not the course or a growth concern (``knowledge._BOILERPLATE``)
    ("A 30-year-old woman comes to the physician because of small blisters on the upper lip "
     "border that began with tingling yesterday; she gets them a couple of times a year. Her "
     f"last menstrual period was 2 weeks ago. {_V}", "cold_sore_exam"),
    ("A 3-year-old boy is brought to the physician because he refuses vegetables and will only "
     "eat pasta and fruit. He is at the 50th percentile for height and weight. Should I give a "
     "multivitamin?", "child_fussy_eating"),
    # second batch (written after the fixes, 10/12 untuned): a NEGATIVE straight-leg raise is
    # not sciatica (``back_pain_acute`` no longer fires on it); "on the inside of her lower lip"
    ("A 45-year-old man presents with dull, aching low back pain for 2 days after helping a "
     "friend move furniture. There is no radiation, numbness, or bladder or bowel dysfunction. "
     "Vital signs are within normal limits. Straight leg raise is negative.",
     "back_pain_mechanical_exam"),
    ("A 28-year-old woman presents with a painful ulcer on the inside of her lower lip for 3 "
     "days. Vital signs are normal. Examination shows a 4-mm round ulcer with a yellow-gray "
     "base and erythematous halo.", "aphthous_ulcer"),
    # threadworms in exam wording: "itching, mostly around her anus", a positive tape test
    ("A 30-year-old woman presents with two weeks of itching, mostly around her anus. Her "
     "temperature is 36.8°C, blood pressure is 112/70 mm Hg, and pulse is 70/min. Examination "
     "shows perianal excoriations. A tape test is positive.", "head_lice_threadworms"),
]

# the same complaints with an NHS "see a GP / 111 / A&E / 999" feature: never self-care
NEAR_MISSES = [
    "I'm 58 and I get heartburn and now food sticks when I swallow and I've lost weight.",
    "I haven't pooed or passed wind for 3 days, my tummy is swollen and I keep vomiting.",
    "I've had diarrhoea for 2 days and now there's blood in it and I feel dizzy.",
    ("A 25-year-old man has had watery diarrhea for 2 days with blood in the stool. "
     f"{_VM}"),
    "I'm diabetic and have cracked skin between my toes and now my foot is red, hot and swollen.",
    "I have a dark brown streak under my toenail that has got wider and is spreading.",
    "A 55-year-old man with diabetes has a thickened yellow toenail with red, swollen skin around it.",
    "I think I've got thrush but I'm 14 weeks pregnant and have pain in my lower tummy.",
    "I'm 29 and have itching down below with a green discharge that smells fishy. What can I buy?",
    "I'm 29 and it's the third time this year I've had thrush. What can I buy?",
    "My lips are dry and cracked and there's a sore on my lip that hasn't healed for 6 weeks.",
    "I've got a blister on my foot and I'm diabetic and now it's red, hot, smelly and oozing pus.",
    "I've got blisters on my arm from a scald with the kettle. Should I pop them?",
    "I got badly sunburnt and now I have blisters everywhere, a high temperature and I feel faint.",
    "My 5 year old has worms in his poo and has lost weight and had diarrhoea for weeks.",
    # a growth reading outside the band stays a concern
    ("A 3-year-old boy is brought to the physician because he refuses vegetables and will only "
     "eat pasta and fruit. He is at the 2nd percentile for weight. Should I give a multivitamin?"),
    # loin tenderness with nausea is a kidney infection, not a minor illness (``minor.WORRYING``)
    ("A 24-year-old woman comes to the physician because of a 1-day history of nausea and "
     "weakness. Her temperature is 37.8°C (100°F), pulse is 88/min, and blood pressure is "
     "115/70 mm Hg. Physical examination shows right costovertebral angle tenderness."),
    # a positive straight-leg raise with leg pain stays routine
    ("A 40-year-old man has low back pain for 5 days after lifting; the pain shoots down the "
     "left leg and straight leg raise is positive at 40 degrees."),
]

LAY_EMERGENCIES = [
    "My lips and tongue have suddenly swollen up and I'm finding it hard to breathe.",
    "My face has gone puffy after eating prawns and it's getting hard to breathe.",
    "I got stung by a wasp and now my face is swelling, I'm wheezing and feel faint.",
    "I twisted my ankle and now I've got crushing chest pain and I'm sweating.",
    "My 9 month old has nappy rash and now she has a high temperature, is floppy and not feeding.",
    "Sore throat for 2 days and now I can't swallow my own saliva and I'm drooling.",
]


@pytest.mark.parametrize(("text", "entry_id"), POSITIVES)
def test_audit8_positive_gives_self_care(triager: Triager, text: str, entry_id: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity == 5, rec.reasons
    assert any(f"[{entry_id};" in r for r in rec.reasons), rec.reasons


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_audit8_near_miss_stays_above_self_care(triager: Triager, text: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity is not None and rec.acuity <= 4, rec.reasons


@pytest.mark.parametrize("text", LAY_EMERGENCIES)
def test_audit8_lay_emergencies_stay_emergencies(triager: Triager, text: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity is not None and rec.acuity <= 2, rec.reasons


def test_reading_is_not_a_not_list_feature() -> None:
    """A blood pressure or a normal temperature reading does not veto; blood seen, blood
    pressure tablets and a lay temperature still do."""
    from assistant.triage.knowledge import not_list_negated
    from assistant.triage.parse import parse_case

    t = "Her temperature is 37.0 C and blood pressure is 118/74 mm Hg; complete blood count normal."
    neg = not_list_negated(parse_case({"id": "x", "text": t}))
    assert neg(t, t.index("temperature"), t.index("temperature") + 11)
    assert neg(t, t.index("blood pressure"), t.index("blood pressure") + 5)
    assert neg(t, t.index("blood count"), t.index("blood count") + 5)
    t2 = "I take blood pressure tablets, there was blood on the paper and I've got a temperature."
    neg2 = not_list_negated(parse_case({"id": "x", "text": t2}))
    assert not neg2(t2, t2.index("blood pressure"), t2.index("blood pressure") + 5)
    assert not neg2(t2, t2.index("blood on"), t2.index("blood on") + 5)
    assert not neg2(t2, t2.index("temperature"), t2.index("temperature") + 11)


# The audit's red-flag variants that stayed routine on the code before (raise-only fixes):
# (text, most urgent acuity allowed, the entry that must fire)
RAISED = [
    ("I haven't pooed or passed wind for 3 days, my tummy is swollen and I keep vomiting.", 2,
     "peritonitis_perforation"),
    ("I spilt boiling water on my child's chest and the skin has gone white and peeled off a "
     "big area.", 2, "burn_serious"),
    ("I twisted my ankle and heard a crack, I can't put any weight on it and it looks out of "
     "shape.", 2, "fracture_deformity"),
    ("I'm 26 and it burns when I wee and now I've got pain in my back under my ribs, shivering "
     "and a high temperature and I'm being sick.", 3, "pyelonephritis"),
    ("My lips and tongue have suddenly swollen up and I'm finding it hard to breathe.", 2,
     "angioedema"),
]


@pytest.mark.parametrize(("text", "worst", "entry_id"), RAISED)
def test_audit8_red_variants_raised(triager: Triager, text: str, worst: int,
                                    entry_id: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity is not None and rec.acuity <= worst, rec.reasons
    assert any(f"[{entry_id};" in r for r in rec.reasons), rec.reasons
