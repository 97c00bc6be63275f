"""Error classes of issue 21, probe7: emergencies missed on unseen MedQA/MedMCQA text, and three
known gaps (head injury risk factors, symptomatic BP >= 180/120, dehydration signs).

Found on ``eval/data/triage_real/probe7_dev.tsv`` (53 fresh vignettes, labelled and committed
before the triage path ran on them; untuned: accuracy 0.774, emergencies 18/24, under-triage
0.113). Five missed emergencies, five classes, each a published pattern:

1. a named current thyroid storm / adrenal crisis whose features are not spelled out
   (Society for Endocrinology emergency guidance);
2. a drug reaction with breathing or circulation compromise after a penicillin or cephalosporin
   other than amoxicillin (Resuscitation Council UK: antibiotics are the commonest drug trigger);
3. a named current pneumothorax / haemothorax / pleural infection outside the spontaneous
   pattern (NHS Collapsed lung; BTS pleural disease 2023);
4. a painful bulging eye after a blow (RCEM / RCOphth orbital compartment syndrome);
5. a blunt chest or crush mechanism (steering wheel, seat belt, dashboard) with breathlessness
   or shock (ESI high risk; NICE NG39).

Known gaps, same pattern: head injury with lay vomiting ("been sick"), amnesia ("can't
remember"), a fit, or at 65+ with a dangerous mechanism (NICE NG232; NHS Head injury); BP >= 180/120
with lay visual change (NICE NG136); dehydration signs with no urine / wet nappy for 12 hours,
a sunken soft spot (NHS Dehydration: A&E) or clinical dehydration (NICE CG84: urgent).

Every sentence was written for its class. Each positive was below the emergency level on the
code before this change (checked: acuity 3-5; two lay head-injury / dehydration ones were
self-care, acuity 5); each near miss stays below it.
"""

from __future__ import annotations

import pytest
from kb_entry import entry_fires as _entry_fires  # same folder
from test_triage_selfcare_classes import _acuity as _rec  # noqa: E402

from assistant.triage import Triager

# (entry that states why, exam-worded positive, lay-worded positive, near miss)
CLASSES = [
    ("thyroid_storm_adrenal_named",
     "Two days after a thyroidectomy for hyperthyroidism he presented with features of "
     "thyroid storm.",
     "My mum has Addison's and the paramedic thinks she is going into an adrenal crisis.",
     "A 40-year-old with Addison's disease asks how to avoid an adrenal crisis when she "
     "travels."),
    ("anaphylaxis",
     "Minutes after an intravenous dose of piperacillin a 50-year-old develops a rash and "
     "hypotension.",
     "I took my first flucloxacillin tablet an hour ago, now I have red blotches everywhere and "
     "my throat feels tight.",
     "Two days into a course of flucloxacillin she has a mild rash on her arms, breathing "
     "normally, no swelling of the lips or tongue."),
    ("pneumothorax_named",
     "An injecting drug user with 10 days of fever; the chest X-ray shows a right-sided "
     "pyopneumothorax.",
     "The hospital said my lung has collapsed and I'm getting more breathless.",
     "A 30-year-old who had a pneumothorax three years ago comes with a sprained ankle."),
    ("eye_injury_vision",
     "A 25-year-old was punched in the right eye an hour ago; the eye is proptotic, tense and "
     "painful.",
     "My son was hit in the eye with a cricket ball and now his eye is bulging out and very "
     "painful.",
     "A 30-year-old with a bruised, swollen left eyelid after being hit by a ball, vision "
     "normal, no double vision."),
    ("blunt_chest_trauma",
     "A patient presented with a steering wheel injury to the right side of the chest with "
     "breathlessness and shock.",
     "The seat belt left a mark across her chest and now she is struggling to breathe.",
     "A 40-year-old bumped his chest on the steering wheel while parking slowly last week, "
     "small bruise, breathing normally."),
    ("head_injury_high_risk",
     "A 30-year-old hit his head in a fall and cannot remember the events before it.",
     "I hit my head on a shelf and I've been sick three times since.",
     "I hit my head on a shelf this morning, feel fine and have a small bump."),
    ("head_injury_older_mechanism",
     "A 70-year-old woman fell down the stairs and hit her head.",
     "My 80 year old mum fell off a ladder and banged her head.",
     "A 78-year-old man bumped his head on a kitchen cupboard door, no other symptoms."),
    ("hypertensive_emergency",
     "A 55-year-old's blood pressure is 200/120 mm Hg and she reports seeing flashing lights.",
     "My blood pressure is 200/120 and my vision has gone blurry.",
     "My blood pressure was 182/100 at the pharmacy; I feel well and my vision is fine."),
    ("dehydration_signs",
     "A 2-year-old has not had a wet diaper for 14 hours and has sunken eyes.",
     "I haven't peed for 14 hours after a stomach bug and feel dizzy.",
     "My 2-year-old has had fewer wet nappies today with a cold, drinking well and playing."),
]


@pytest.mark.parametrize(("entry", "exam", "lay", "near_miss"), CLASSES,
                         ids=[c[0] for c in CLASSES])
def test_probe7_class_is_an_emergency_and_near_miss_is_not(
        triager: Triager, entry: str, exam: str, lay: str, near_miss: str) -> None:
    for text in (exam, lay):
        assert _entry_fires(entry, text), f"{entry} should fire on {text!r}"
        assert _rec(triager, text)[0] <= 2, text
    assert not _entry_fires(entry, near_miss), f"{entry} fired on {near_miss!r}"
    assert _rec(triager, near_miss)[0] >= 3


@pytest.mark.parametrize("text", [
    "He hit his head playing rugby and then had a fit.",
    "She banged her head and can't remember what happened before the fall.",
    "My baby's soft spot is sunken and she is very sleepy.",
    "My 2 year old hasn't had a wet nappy for 12 hours and has sunken eyes.",
    # a second lay battery (mine) after the first fix: none reached an entry before (checked)
    "He was hit on the head by a cricket ball and was out cold for a minute.",
    "After the fall she hit her head and now keeps asking the same questions.",
    "My mum fell and hit her head on the pavement, she takes blood thinners.",
    "He bumped his head on the door, he takes warfarin.",
    "My BP is 185/120 and my chest feels tight.",
])
def test_probe7_lay_variants_are_emergencies(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 2, text


# The two lay safety gaps that were self-care (acuity 5) before: never self-care again.
@pytest.mark.parametrize("text", [
    "I hit my head on a shelf and I've been sick three times since.",
    "I haven't peed for 14 hours after a stomach bug and feel dizzy.",
])
def test_probe7_lay_emergencies_never_self_care(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 2, text


# Clinical dehydration without a red-flag sign is urgent (NICE CG84: assessment + oral
# rehydration), not an emergency and not self-care; the red-flag entry does not fire on it
# (probe3 medmcqa-561a..., probe4 medqa4-498 are labelled non-emergency).
def test_dehydration_clinical_is_urgent(triager: Triager) -> None:
    text = "A 4-year-old with diarrhoea for two days; his eyes look sunken and his mouth is dry."
    assert _entry_fires("dehydration_clinical", text)
    assert not _entry_fires("dehydration_signs", text)
    assert _rec(triager, text)[0] == 3
    near = ("A 4-year-old with diarrhoea since yesterday, drinking well, plenty of wet nappies, "
            "eyes normal.")
    assert not _entry_fires("dehydration_clinical", near)


@pytest.mark.parametrize(("entry", "text"), [
    # septic shock on a named cephalosporin is not a drug reaction (fired with 'ceftriaxone' as a
    # trigger during the check on the non-held-out items; the drug names were then left out)
    ("anaphylaxis",
     "A 34-year-old in septic shock from a urinary infection remains hypotensive on ceftriaxone "
     "and norepinephrine."),
    # a thyroid storm in the past history is not today's presentation
    ("thyroid_storm_adrenal_named",
     "A 45-year-old with a history of thyroid storm 5 years ago comes for a routine thyroid "
     "blood test."),
    # long-standing bulging eyes without an injury (thyroid eye disease)
    ("eye_injury_vision", "A 40-year-old with Graves disease has had bulging eyes for a year."),
    # an under-65 fall down the stairs without a risk feature
    ("head_injury_older_mechanism",
     "A 40-year-old fell down the stairs and hit her head, feels fine."),
    # "fit and well" is not a fit
    ("head_injury_high_risk", "A fit and well 30-year-old bumped his head on a door, feels fine."),
])
def test_probe7_entry_guard(entry: str, text: str) -> None:
    assert not _entry_fires(entry, text), f"{entry} fired on {text!r}"


# The head-injury wordings added here leave a plain bump self-care (NHS Head injury: home care).
@pytest.mark.parametrize("text", [
    "I bumped my head on the cupboard, not sick, remember everything, feel fine.",
    "30-year-old who bumped her head on a cupboard door, no loss of consciousness, feels fine "
    "apart from a small bump.",
])
def test_minor_head_bump_stays_self_care(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] == 5, text
