"""Error classes of issue 21, probe6: emergencies on unseen vignettes the earlier pools dropped.

Found on ``eval/data/triage_real/probe6_dev.tsv`` (91 fresh MedQA/MedMCQA vignettes that every
earlier draw's pre-filters had dropped, labelled and committed before the triage path ran on
them; untuned: accuracy 0.846, emergencies 51/58, under-triage 0.077). Seven missed emergencies,
six classes, each a published pattern rather than one vignette's words:

1. a fit with no epilepsy named ("jerking movements of his arms and legs for about 30 seconds
   earlier that morning"): a first seizure until shown otherwise (NHS Epilepsy: 999);
2. double vision with fixed dilated pupils or difficulty swallowing / speaking, or after
   home-canned food (botulism, a pupil-involving third nerve palsy: CDC Botulism, NHS);
3. tingling around the mouth with hand spasm days after a thyroidectomy (symptomatic
   hypocalcaemia: Society for Endocrinology emergency guidance);
4. a measured haemoglobin under 7 g/dL with breathlessness not limited to exertion (NICE NG24);
5. a child with petechiae ("nonblanching" unhyphenated) and hepatosplenomegaly or pallor
   (NICE NG12 1.10.1: immediate specialist assessment for leukaemia);
6. haematemesis worded "dark brown emesis" (NHS Vomiting blood: dark red, brown or like coffee
   granules);
7. (probe6 batch N, scored once on the tuned code) hypothermia named on arrival in one line, with
   no second finding: being brought in, an ambulance, a rescue or a mountain setting is one
   (NHS Hypothermia: 999).

Every sentence here was written for its class (not copied from a data set). Each exam-worded
positive fails on the code before this change (acuity 3-4, checked), as do both positives of
classes 2-6 (the lay seizure was already caught by a red flag); each near miss stays below the
emergency level.
"""

from __future__ import annotations

import pytest
from kb_entry import entry_fires as _entry_fires  # same folder

# the self-care class file's reader (same folder); the `triager` fixture is conftest's
from test_triage_selfcare_classes import _acuity as _rec  # noqa: E402

from assistant.triage import Triager

# (entry that states why, exam-worded positive, lay-worded positive, near miss)
CLASSES = [
    ("seizure_no_known_epilepsy",
     "A 9-month-old girl is brought in after her mother saw jerking movements of her arms and "
     "legs lasting about a minute this morning; she is afebrile.",
     "My husband had a seizure at the supermarket an hour ago, he is tired now.",
     "A 19-year-old with juvenile myoclonic epilepsy on valproate had jerking of his arms for a "
     "few seconds this morning and feels fine."),
    ("cranial_nerve_paralysis_acute",
     "A 52-year-old woman has had double vision since last night; her right eyelid droops and "
     "the right pupil is fixed and dilated.",
     "Since this afternoon I am seeing double and it is hard to swallow; we ate home-canned "
     "beans yesterday.",
     "A 60-year-old with 2 months of double vision and drooping eyelids that get worse towards "
     "the evening and improve with rest."),
    ("hypocalcaemia_symptomatic",
     "A 38-year-old woman has perioral tingling and carpopedal spasm two days after a "
     "parathyroidectomy.",
     "I had my thyroid out on Monday and now my lips are tingling around my mouth and my hands "
     "keep cramping into a claw.",
     "A 25-year-old has tingling around her mouth and in her fingers while breathing fast "
     "during a panic attack."),
    ("severe_anaemia_breathless",
     "A 30-year-old woman with heavy periods is short of breath sitting still; her hemoglobin "
     "is 4.8 g/dL.",
     "The GP rang to say my haemoglobin was 55 g/L and now I get breathless just sitting in a "
     "chair.",
     "A 70-year-old with a haemoglobin of 6.2 g/dL gets breathless climbing the stairs, as for "
     "the past year; pulse 80."),
    ("petechiae_child_leukaemia_signs",
     "A 4-year-old boy is pale with petechiae over his trunk; the liver and spleen are "
     "palpable.",
     "My 5 year old is very pale and has tiny red spots on his legs that don't fade when "
     "pressed; the doctor felt an enlarged spleen.",
     "A 7-year-old with raised purple spots on the buttocks and legs and joint pain, no fever."),
    # batch N (scored once on the tuned code, then fixed): a one-line arrival "with hypothermia"
    ("hypothermia",
     "A climber was rescued from the mountain overnight and arrives with hypothermia.",
     "My dad was brought in by ambulance with hypothermia.",
     "A 30-year-old asks how to prevent hypothermia on a winter hike."),
    ("upper_gi_bleed",
     "A 60-year-old man has had dark brown emesis three times since this morning; pulse "
     "96/min.",
     "I have been sick 3 times today and the vomit was dark brown.",
     "A 60-year-old has vomited twice since this morning; the vomit was yellow and watery."),
]


@pytest.mark.parametrize(("entry", "exam", "lay", "near_miss"), CLASSES,
                         ids=[c[0] for c in CLASSES])
def test_probe6_class_is_an_emergency_and_near_miss_is_not(
        triager: Triager, entry: str, exam: str, lay: str, near_miss: str) -> None:
    for text in (exam, lay):
        assert _entry_fires(entry, text), f"{entry} should fire on {text!r}"
        assert _rec(triager, text)[0] <= 2, text
    assert not _entry_fires(entry, near_miss), f"{entry} fired on {near_miss!r}"
    assert _rec(triager, near_miss)[0] >= 3


# Over-triage guards written into the new entries (each phrase fired before it was added).
@pytest.mark.parametrize(("entry", "text"), [
    # a seizure years ago is a history, not today's presentation
    ("seizure_no_known_epilepsy",
     "A 40-year-old had one seizure 6 years ago and comes today with a cough."),
    # jerks on falling asleep (hypnic jerks) are not fits
    ("seizure_no_known_epilepsy",
     "A 30-year-old has jerking of her legs as she is falling asleep, last night too."),
    # brief recurrent episodes of weakness with ptosis in a sleepy student: cataplexy
    ("cranial_nerve_paralysis_acute",
     "An 18-year-old with daytime sleepiness reports 2 recent episodes of sudden weakness with "
     "ptosis and difficulty speaking when laughing."),
    # an old thyroidectomy with calf cramps is not acute tetany
    ("hypocalcaemia_symptomatic",
     "A 50-year-old with cramps in her hands at night; thyroidectomy 12 years ago."),
    # glandular fever: palatal petechiae with a big spleen
    ("petechiae_child_leukaemia_signs",
     "A 17-year-old with a sore throat, petechiae on the soft palate and splenomegaly."),
])
def test_probe6_entry_guard(entry: str, text: str) -> None:
    assert not _entry_fires(entry, text), f"{entry} fired on {text!r}"


# A battery of my own sentences for the same classes found these wordings after the first fix
# (each was acuity 4 before): the lay "had a fit", "shaking all over", "see double", "struggle
# to swallow", an eyelid that "is drooping" and "a dilated left pupil" (a third nerve palsy
# with headache: posterior communicating artery aneurysm until shown otherwise).
@pytest.mark.parametrize(("entry", "text"), [
    ("seizure_no_known_epilepsy",
     "My wife suddenly fell to the floor shaking all over for about 2 minutes earlier today."),
    ("seizure_no_known_epilepsy", "A 50-year-old man with lung cancer had a fit this morning."),
    ("cranial_nerve_paralysis_acute",
     "Since yesterday I see double, my eyelids droop and I struggle to swallow after eating "
     "home-made preserved fish."),
    ("cranial_nerve_paralysis_acute",
     "A 45-year-old has a severe headache, her left eyelid is drooping and she has a dilated "
     "left pupil."),
])
def test_probe6_battery_wordings(triager: Triager, entry: str, text: str) -> None:
    assert _entry_fires(entry, text), f"{entry} should fire on {text!r}"
    assert _rec(triager, text)[0] <= 2


# A second battery (40 emergency presentations from the NHS "call 999 / go to A&E" lists and the
# ESI high-risk situations, my sentences, mostly lay) left 10 at acuity 4 on the code before:
# phrasing variants of existing red flags and entries, and one missing entry (decompression
# illness). Each positive below was acuity 4 before this change; each near miss stays below 2.
BATTERY2 = [
    # (positive, near miss)
    ("My baby's soft spot is bulging and she is irritable with a temperature.",
     "The anterior fontanelle is soft and flat."),
    ("My husband's face has dropped on one side and he can't lift his arm.",
     "His face is swollen on one side from a tooth abscess."),
    ("A 30-year-old has coughed up a cupful of blood.",
     "I can swallow my saliva but my throat is sore."),
    ("A 40-year-old has a severe burn covering his whole arm and chest from boiling water.",
     "A small burn on his forearm from the oven door, red, no blisters, in a 30-year-old."),
    ("My son fell from his bike onto his head, vomited twice and is drowsy.",
     "A 6-year-old fell off the sofa onto his head, cried at once, no vomiting, playing "
     "normally."),
    ("An 80-year-old fell and can't get up, her hip is painful and the leg is turned outwards.",
     "An 82-year-old fell yesterday, bruised her elbow and can walk normally."),
    ("A 35-year-old diver has joint pain and numbness in his arm after surfacing from a deep "
     "dive.",
     "A 28-year-old diver has ear pain and a blocked ear since yesterday's dive, no other "
     "symptoms."),
    ("My whole family has headaches and feels sick at home and the boiler is old, better when "
     "we go out.",
     "My whole family has had colds and headaches this week."),
    ("I cannot swallow my saliva, my throat is very swollen and my voice is muffled.",
     "A 30-year-old's knee is very painful after a twisting injury at football, no fever, "
     "walking with a limp."),
    ("A 6-year-old has a fever and refuses to put weight on his leg, the hip is very painful.",
     "A 40-year-old with a sore throat for two days, swallowing fluids normally."),
]


@pytest.mark.parametrize(("positive", "near_miss"), BATTERY2, ids=[b[0][:40] for b in BATTERY2])
def test_battery2_emergencies_in_other_words(triager: Triager, positive: str,
                                             near_miss: str) -> None:
    assert _rec(triager, positive)[0] <= 2, positive
    assert _rec(triager, near_miss)[0] >= 3, near_miss


# A third battery (40 exam-style emergency stems, my sentences) left 4 below emergency on the
# code before: "severe periumbilical pain ... out of proportion" with atrial fibrillation
# (mesenteric ischaemia), chest pain after cocaine with a pulse of 140 (AHA: cocaine-associated
# chest pain; ESI high risk), "cannot bend her neck forward" with fever and headache (meningism,
# NICE NG240) and a headache with vomiting "after a fall" on warfarin (NICE NG232).
BATTERY3 = [
    ("A 72-year-old woman with atrial fibrillation has had severe periumbilical pain for 6 hours "
     "out of proportion to examination findings.",
     "A 72-year-old with mild periumbilical discomfort on and off for 3 months, eating well."),
    ("A 33-year-old man took cocaine an hour ago and now has chest pain and a pulse of 140/min.",
     "A 33-year-old who used cocaine last night has a runny nose and feels tired."),
    ("A 44-year-old woman has a severe headache and fever and cannot bend her neck forward.",
     "A 44-year-old woman cannot bend her neck forward since a whiplash injury last month; no "
     "fever or headache."),
    ("A 68-year-old man on warfarin has a headache and vomiting after a fall this morning.",
     "A 68-year-old on warfarin has a mild headache after a stressful day; no fall, no "
     "vomiting."),
]


@pytest.mark.parametrize(("positive", "near_miss"), BATTERY3, ids=[b[0][:40] for b in BATTERY3])
def test_battery3_exam_emergencies(triager: Triager, positive: str, near_miss: str) -> None:
    assert _rec(triager, positive)[0] <= 2, positive
    assert _rec(triager, near_miss)[0] >= 3, near_miss


# A fourth battery (30 lay emergencies, mine) left 13 below emergency on the code before; 11 are
# fixed here (two are left: a dog bite "bleeding a lot" and a swollen painful eye with fever that
# "he can't move properly" -- the wordings would over-triage bleeding gums and febrile
# conjunctivitis). Positive: acuity 3-4 before; near miss: stays below emergency.
BATTERY4 = [
    ("I'm 30 weeks pregnant and my waters have just broken.",
     "I'm 30 weeks pregnant and want to know if I can fly next week."),
    ("I gave birth 5 days ago and I'm soaking a pad every hour with big clots and feel dizzy.",
     "I had my baby 10 days ago and the bleeding is light and getting lighter."),
    ("My friend collapsed at the gym and isn't breathing properly.",
     "My son isn't breathing properly through his nose because of a cold."),
    ("My daughter fell off the trampoline and her arm is bent in a strange shape.",
     "My daughter fell off the trampoline and her arm is a bit sore but she can move it fully."),
    ("I got hit in the eye with a squash ball and now I can only see shadows.",
     "I got hit in the eye with a squash ball, it is a bit red but I can see normally."),
    ("My chest feels tight and I can't stop wheezing, my inhaler isn't helping at all.",
     "I have mild asthma and my inhaler is working well, I just need a repeat prescription."),
    ("My newborn has yellow skin and is only 12 hours old.",
     "My 5 day old has slightly yellow skin, is feeding well and has plenty of wet nappies."),
    ("My son's testicle suddenly became very painful and swollen an hour ago.",
     "My son has had a painless lump in his testicle for two months."),
    ("I feel my heart racing at 180 and I feel like I'm going to pass out.",
     "I sometimes feel my heart racing after coffee; it settles in a minute."),
    ("My brother took a lot of ecstasy and is very hot and agitated.",
     "A 67-year-old with anxiety tried cocaine in his 20s and now cannot sleep."),
    ("My 70 year old father is vomiting and his tummy is swollen and he hasn't opened his "
     "bowels or passed wind for 3 days.",
     "My 70 year old father has a bloated tummy after meals and opens his bowels daily."),
]


@pytest.mark.parametrize(("positive", "near_miss"), BATTERY4, ids=[b[0][:40] for b in BATTERY4])
def test_battery4_lay_emergencies(triager: Triager, positive: str, near_miss: str) -> None:
    assert _rec(triager, positive)[0] <= 2, positive
    assert _rec(triager, near_miss)[0] >= 3, near_miss
