"""Review 1 (triage safety regressions), pinned: every reviewer input with its acuity.

Classes (see the commits on branch h-x21review):

1. A negative pregnancy test sets the pregnancy entries aside only when it is current and
   nothing else points to a pregnancy or to bleeding (``knowledge.negative_pregnancy_test``):
   not when dated in the past, with a repeat/serum test positive or pending, a missed or late
   period, amenorrhoea or LMP weeks, and never with shoulder-tip pain, dizziness or collapse,
   severe pain or bleeding with pain (NICE NG126; NHS Ectopic pregnancy). Lower abdominal pain
   with shoulder-tip pain or collapse is an emergency red flag on its own.
2-4. One shared lay warning net for every self-care entry and the ``refines`` set-aside
   (``knowledge.shared_warning`` and the risk factors): lay focal neurology, thunderclap
   wordings, head injury, CKS headache red flags, very high BP, pregnancy by weeks,
   anticoagulants, oral steroids, fluoroquinolones, lip/face swelling, lay fever, meningism.
   The emergencies among them are red flags too (NHS Stroke FAST, NICE CKS Headache, NHS
   Anaphylaxis / Angioedema, NICE NG51 / NHS Meningitis, MHRA 2019 fluoroquinolones).
5. A current ingestion or injection in any sentence fires the overdose flag, whatever a dated
   past overdose elsewhere says (NHS Poisoning / TOXBASE).
6. Notes: "ending it all" is a suicidal thought (NHS Suicide: get help now); a headache or
   swollen face/hands after 20 weeks is possible pre-eclampsia (NHS, NICE NG133: urgent);
   fever after travel to a malaria area is urgent (NHS Malaria); a lot of blood in the toilet
   is severe bleeding (NHS Bleeding from the bottom).

Acuity pinned by hand: the value on main before this branch is in the comment (``was``).
"""

from __future__ import annotations

import pytest

from assistant.triage import Triager


def _triage(t: Triager, text: str, setting: str = "primary_care"):
    return t.triage({"id": "r1", "text": text, "setting": setting}, narrative=False)


# (text, expected acuity, acuity on main before the fix)
CASES: list[tuple[str, int, int]] = [
    # 1. negative pregnancy test
    ("29-year-old woman with severe lower abdominal pain and shoulder tip pain; pregnancy test "
     "negative.", 2, 4),
    ("29-year-old woman with one-sided lower abdominal pain, vaginal bleeding, dizziness. "
     "Pregnancy test negative.", 2, 4),
    ("I'm 29, I did a pregnancy test and it was negative, I've got a bad pain on one side of my "
     "tummy, I'm bleeding and feel dizzy.", 2, 4),
    ("29-year-old woman, pregnancy test negative 3 days ago; repeat test positive today. "
     "Right-sided pelvic pain.", 2, 4),
    ("29-year-old, urine pregnancy test negative, serum hCG pending. Amenorrhoea 8 weeks, RIF "
     "pain, vaginal bleeding.", 2, 4),
    ("29-year-old woman with abdominal pain, bleeding; she had a negative pregnancy test 6 weeks "
     "ago and has not had a period since.", 2, 4),
    ("I'm 29, my pregnancy test was negative last week, but I've missed my period and I have "
     "one-sided tummy pain and spotting.", 2, 4),
    ("I'm 29, pregnancy test negative a few days ago but I did another one and it's positive. "
     "Pain on one side low down.", 2, 4),
    ("29 year old woman, beta hCG negative on day 1 but serum hcg 1500 today, left adnexal pain.",
     2, 4),
    ("I'm 29 and did a pregnancy test that was negative. I've got pain low in my tummy on one "
     "side and pain in the tip of my shoulder.", 2, 4),
    ("29-year-old woman, urine hCG negative, severe right iliac fossa pain and shoulder tip pain, "
     "pale and sweaty.", 2, 4),
    ("I'm 29 and my period is 2 weeks late, a test was negative. I have sharp pain on one side "
     "of my tummy and some bleeding.", 2, 4),
    # 2. usual migraine with a warning feature
    ("I'm 30 and I get migraines. My usual migraine today but my speech went funny and my arm "
     "feels heavy. What can I take?", 2, 5),
    ("I'm 30 and I get migraines. My usual migraine but I can't get my words out. What can I "
     "take?", 2, 5),
    ("I'm 30 and I get migraines, usual one, my words are coming out wrong. What can I take?", 2, 5),
    ("I'm 30 and I get migraines, usual one, and my right hand has gone clumsy. What can I take?",
     2, 5),
    ("I'm 30 and I get migraines. Usual migraine today but I'm seeing double. What can I take?",
     3, 5),
    ("I'm 30 and I get migraines. My usual migraine, but it came on within seconds. What can I "
     "take?", 2, 5),
    ("I'm 30 and I get migraines. My usual migraine, but it came on in a flash. What can I take?",
     2, 5),
    ("I'm 30 and I get migraines, usual one today, it hit me out of nowhere like being hit on the "
     "head with a bat. What can I take?", 2, 5),
    ("I'm 30 and I get migraines, usual one. It started after I was lifting weights at the gym "
     "and felt a pop in my head. What can I take?", 2, 5),
    ("I'm 30 and I get migraines, the usual one, I've been headbutted in a fight. What can I "
     "take?", 4, 5),
    ("I'm 30 and I get migraines, usual one. My vision has gone blurry in one eye and it's red "
     "and painful. What can I take?", 3, 5),
    ("I'm 30 and I get migraines, usual one, it woke me up from sleep and it's worse lying down. "
     "What can I take?", 4, 5),
    ("I'm 30 and I get migraines; usual one but my BP is 190/120. What can I take?", 4, 5),
    # (thirteenth round) 3: a headache from 20 weeks, NHS Headaches in pregnancy (same day)
    ("I'm 30 and I get migraines, usual one, I'm 20 weeks. What can I take?", 3, 5),
    ("I'm 30 and I get migraines; usual one; I'm on blood thinners. What can I take?", 4, 5),
    ("I'm 30 and I get migraines, usual one today. I'm on warfarin. What can I take?", 4, 5),
    ("I'm 30 and I get migraines, usual one, but I feel very poorly and hot. What can I take?",
     4, 5),
    ("I'm 30 and I get migraines. My usual migraine with aura, but this time my face feels "
     "droopy on one side.", 2, 4),
    ("I'm 30 and I get migraines. Usual migraine today but I have a temperature of 39 and my "
     "neck hurts when I bend it. What can I take?", 2, 4),
    # 3. other self-care entries
    ("I'm 40, my heel hurts in the morning. I was put on ciprofloxacin last week. What can I do?",
     4, 5),
    ("I'm 35, achilles pain after increasing my running; I'm on Cipro.", 4, 5),
    ("I'm 35 with tendonitis from gardening. I'm on prednisolone.", 4, 5),
    ("I'm 16 with some blackheads and whiteheads, and my lips and tongue are swelling up after a "
     "new face wash. What can I use?", 2, 5),
    ("I'm 17 with mild acne, a few spots, I've got a temperature and my knees hurt. What can I "
     "use?", 4, 5),
    # 4. influenza-like illness
    ("I'm 30 with flu symptoms, fever and aches, a headache and my neck hurts when I bend it. "
     "What can I take?", 2, 5),
    ("I'm 30 with flu, fever, aches and a cough, and a really bad headache that won't go away. "
     "What can I take?", 4, 5),
    ("I'm 30 with flu, fever, aches and a splitting headache. What can I take?", 4, 5),
    # 5. current overdose after a dated one
    ("He took an overdose of insulin a year ago; he has injected all his insulin pen now.", 2, 4),
    # 6. notes
    ("I'm 19 with a few spots of mild acne. I'm on isotretinoin and I've been having thoughts of "
     "ending it all. What can I use?", 2, 5),
    # NHS Pre-eclampsia / NICE NG133: a headache at 34 weeks -> maternity unit the same day
    ("I'm 30 and I get migraines, usual one today, and I'm 34 weeks pregnant with swollen ankles. "
     "What can I take?", 3, 4),
    # NHS Malaria: fever after travel to a risk area -> urgent same day
    ("I'm 30 with flu, fever, aches, cough and a headache. I was in Ghana last month. What can I "
     "take?", 3, 5),
    # NHS Bleeding from the bottom: a lot of blood -> A&E
    ("I'm 30 with piles and bleeding from my bottom when I poo, a lot of blood in the toilet and I "
     "feel dizzy.", 2, 4),
]


@pytest.mark.parametrize(("text", "expected", "was"), CASES, ids=[c[0][:50] for c in CASES])
def test_review1_input_pinned(triager: Triager, text: str, expected: int, was: int) -> None:
    assert was != expected  # each pin moved on this branch (checked on main before the fix)
    assert _triage(triager, text).acuity == expected
    assert _triage(triager, text, "self").acuity == expected


def test_current_overdose_keeps_its_flag_after_a_dated_one(triager: Triager) -> None:
    text = "I overdosed a year ago. Tonight I've swallowed all my sleeping pills."
    for setting in ("primary_care", "ed"):
        rec = _triage(triager, text, setting)
        assert "overdose or poisoning" in rec.red_flags
        assert rec.acuity == 2


# Safety pins that must not move (the over-triage guards the fixes keep).
KEEP: list[tuple[str, int]] = [
    # a current negative test with nothing else still sets the ectopic entry aside
    ("29-year-old woman with mid-cycle one-sided lower abdominal pain, pregnancy test negative.", 5),
    ("I'm 28 and I get migraines. I have one of my usual ones today with nausea, same as always. "
     "What can I take?", 5),
    ("I took an overdose three years ago. Now I have a sore throat. What can I take?", 5),
    ("I'm 30 with flu, fever, aches and a cough, and a headache. What can I take?", 5),
]


@pytest.mark.parametrize(("text", "expected"), KEEP, ids=[k[0][:50] for k in KEEP])
def test_review1_guards_kept(triager: Triager, text: str, expected: int) -> None:
    assert _triage(triager, text).acuity == expected
