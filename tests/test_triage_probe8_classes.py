"""Error classes of issue 21, probe8: emergencies missed on unseen MedQA/MedMCQA text.

Found on ``eval/data/triage_real/probe8_dev.tsv`` (54 fresh vignettes, labelled and committed
in ef4db9d before the triage path ran on them; untuned: accuracy 0.833, emergencies 8/12,
under-triage 0.093). Three of the four missed emergencies, three classes, each a published
pattern, each needing two findings:

1. dengue named AND a warning sign (WHO Dengue guidelines 2009 group B: in-hospital care; NHS
   Dengue: A&E for severe tummy pain, repeated vomiting, bleeding gums or nose, drowsiness);
2. "altered / deteriorating sensorium", the South Asian exam and clinical wording for an altered
   level of consciousness (ESI / KTAS), read by the altered-mental-status red flag; only the
   worsened forms ("sensorium normal" is not matched);
3. septic arthritis from "swelling of the knee" / "knee has swollen up" with fever, inability to
   bend it or a synovial white cell count >= 50,000/mm3 (NICE CKS Septic arthritis; BSR/BOA hot
   swollen joint).

Also: an emergency-contraception request is not read into sex dated months or years ago (an
ulcerating groin node after unprotected sex "a month ago" was routed to self-care; NHS
Emergency contraception: within 5 days).

Every sentence was written for its class. Each exam and lay positive of classes 1 and 3 and the
positives of class 2 were below emergency on the code before this change (checked on ef4db9d;
the lay one, "getting harder to wake", is read by the same red flag now); each near miss stays
below emergency.
"""

from __future__ import annotations

import pytest
from kb_entry import entry_fires as _entry_fires  # same folder
from test_triage_selfcare_classes import _acuity as _rec  # noqa: E402

from assistant.triage import Triager

# (entry, exam-worded positive, lay-worded positive, near miss)
CLASSES = [
    ("dengue_warning_signs",
     "What is the management of a dengue patient with warning signs without shock?",
     "I was told I have dengue. Today I have bad tummy pain and I keep being sick.",
     "A 30-year-old with dengue fever, headache, muscle aches and a rash, drinking well, no "
     "warning signs."),
    ("septic_arthritis",
     "A 23-year-old man presents with swelling of the left knee since yesterday. Synovial fluid "
     "tap shows a WBC count of 90,000 cells/mm3.",
     "My knee swelled up overnight, it's hot and I can't bend it and I feel feverish.",
     "A 23-year-old man presents with swelling of the left knee after a twisting injury at "
     "football. No fever."),
]


@pytest.mark.parametrize(("entry", "exam", "lay", "near_miss"), CLASSES,
                         ids=[c[0] for c in CLASSES])
def test_probe8_class_is_an_emergency_and_near_miss_is_not(
        triager: Triager, entry: str, exam: str, lay: str, near_miss: str) -> None:
    for text in (exam, lay):
        assert _entry_fires(entry, text), f"{entry} should fire on {text!r}"
        assert _rec(triager, text)[0] <= 2, text
    assert not _entry_fires(entry, near_miss), f"{entry} fired on {near_miss!r}"
    assert _rec(triager, near_miss)[0] >= 3


@pytest.mark.parametrize("text", [
    "My son has dengue and now his gums are bleeding.",
    "A 60-year-old woman has had swelling of the right knee for 2 days; synovial fluid white "
    "cell count is 75,000/mm3.",
])
def test_probe8_variants_are_emergencies(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 2, text


@pytest.mark.parametrize("text", [
    "I have dengue, I feel achy and hot but I am drinking fine and have no other problems.",
    "A 50-year-old with a swollen knee; synovial fluid WBC count of 2,000 cells/mm3, "
    "osteoarthritis.",
])
def test_probe8_near_misses_stay_below_emergency(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] >= 3, text


# ---- 2. altered sensorium is altered consciousness (red flag) ----
@pytest.mark.parametrize("text", [
    # exam wording (probe8 class): acuity 4 before
    "A patient with tubercular meningitis was taking ATT regularly. At the end of 1 month a "
    "deterioration in sensorium is noted.",
    "A 45-year-old with fever and headache for 5 days now has altered sensorium.",
    # lay wording of the same picture ("getting harder to wake"): below emergency before too
    "My dad is being treated for TB meningitis and now he is getting harder to wake.",
])
def test_altered_sensorium_is_altered_mental_status(triager: Triager, text: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"})
    assert rec.acuity is not None and rec.acuity <= 2, text
    assert "altered mental status" in rec.red_flags


@pytest.mark.parametrize("text", [
    "A 45-year-old with fever; on examination sensorium is normal and the neck is supple.",
    # a fixed sleep complaint, not a worsening course
    "I find it harder to wake up in the mornings since the clocks changed.",
])
def test_normal_sensorium_is_not_a_red_flag(triager: Triager, text: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"})
    assert "altered mental status" not in rec.red_flags
    assert rec.acuity is not None and rec.acuity >= 3


# ---- emergency contraception is not read into sex dated months ago ----
@pytest.mark.parametrize("text", [
    "A 25-year-old woman presents with a painful mass in her left groin. Her symptoms began 4 "
    "days ago as a painful mass that ulcerated. She had unprotected sex a month ago.",
    "I had unprotected sex a month ago and now have a sore lump in my groin that started 3 "
    "days ago.",
])
def test_old_unprotected_sex_is_not_emergency_contraception(triager: Triager, text: str) -> None:
    assert not _entry_fires("emergency_contraception", text)
    assert _rec(triager, text)[0] <= 4, text


def test_recent_unprotected_sex_stays_emergency_contraception(triager: Triager) -> None:
    text = "I had unprotected sex last night, can I get the morning after pill?"
    assert _entry_fires("emergency_contraception", text)
    assert _rec(triager, text)[0] == 5
