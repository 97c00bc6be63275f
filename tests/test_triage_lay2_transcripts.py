"""Issue 21 (lay2 probe): self-care and safety on patient-worded speech transcripts.

The lay2 probe (``eval/data/triage_real/selfcare_lay2_dev.tsv``: the patient turns of ACI-bench
dialogues) showed four error classes, fixed in general form:

1. Transcripts split contractions ("i ca n't put weight on it", "it does n't help"); every
   pattern spells the joined form, so a blocker went unread (a sprain that cannot bear weight
   went to self-care) -> ``parse.rejoin_contractions``.
2. Transcripts have no full stops, so "there was this pain but it went away ... it came back"
   made the whole account "resolved" (``knowledge.clause_past``) -> a resolution undone in the
   same clause is a recurrence (current).
3. Lay self-treatment ("some over the counter stuff") and lay back-pain wording ("my back
   hurts", "pulled my back") were unknown to the back-pain entries (NHS: Back pain), which
   knew only "back pain" and named painkillers; the red-flag and cancer entries learn the same
   wording, so the lay forms raise there too.
5. The sprain entry knew only "twisted" / "rolled my ankle"; the lay "my ankle turned under
   me" / "went over on my ankle" matched nothing. The open-fracture / ischaemic-limb emergency
   entry learns the same injury words: "my ankle turned under me ... the bone is sticking out
   ... my foot is cold and blue" was routine (acuity 4) before.
4. Failed pharmacy treatment in lay words ("none of them really seemed to be helping") and a
   worsening course did not block dandruff self-care (NHS: Dandruff: see a GP if no better
   after a month of anti-dandruff shampoo).

Each expected level below was pinned by hand; the "old" level is that of the code before this
change (checked on a scratch worktree at 8eda65c).
"""

from __future__ import annotations

import pytest

from assistant.triage.parse import rejoin_contractions

SETTINGS = ("primary_care", "self")


def _acuity(triager, text: str, setting: str) -> int:
    return triager.triage({"id": "t", "text": text, "setting": setting}, narrative=False).acuity


def test_rejoin_contractions() -> None:
    assert rejoin_contractions("i ca n't walk and it does n't help, i do n't know") == (
        "i can't walk and it doesn't help, i don't know")
    assert rejoin_contractions("I can't") == "I can't"


# became less urgent or self-care under this change: each must now be self-care
NOW_SELF_CARE = [
    # old 4: "went away ... came back" read as resolved; "over the counter" not self-treatment
    "i've had the back pain for about a week, i twisted when i picked something up, there was "
    "this pain but it went away and then it came back a few hours later, i tried some over the "
    "counter stuff but it doesn't go away",
    # old 4: lay inversion wording unknown to the sprain entry
    "i slipped on the ice and my left ankle kinda turned underneath me two days ago, it's "
    "swollen, i'm using ice and ibuprofen",
]


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("text", NOW_SELF_CARE)
def test_lay_self_care_now_read(triager, text: str, setting: str) -> None:
    assert _acuity(triager, text, setting) == 5


# must never be self-care (old levels in the comments)
NOT_SELF_CARE = [
    # old 5: "ca n't put any weight" was unread (NHS Sprains and strains: urgent care)
    ("i twisted my ankle yesterday playing football and it hurts and i ca n't put any weight "
     "on it", 4),
    # old 5: failed pharmacy treatment and a worsening course (NHS Dandruff: see a GP)
    ("i have an itchy scalp with dandruff, i tried head and shoulders and castor oil but none "
     "of them really seemed to be helping", 4),
    ("i have dandruff and an itchy scalp, it is getting worse, which shampoo should i use", 4),
    ("i have dandruff, nothing has helped", 4),
    # old 4: the lay wording now reaches the cancer entry (NICE NG234: urgent, not self-care)
    ("my back has been hurting for a week, i have a history of breast cancer and it wakes me "
     "up at night", 3),
]


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize(("text", "acuity"), NOT_SELF_CARE)
def test_lay_blockers_now_read(triager, text: str, acuity: int, setting: str) -> None:
    assert _acuity(triager, text, setting) == acuity


# lay and clinical emergencies, worded with each relaxed feature: they stay emergencies
EMERGENCIES = [
    "i do n't know what's going on, i have crushing chest pain going into my left arm and i "
    "ca n't catch my breath",
    "my back pain started four days ago after lifting and now i ca n't control my bladder and "
    "i'm numb around my bottom",
    "there was back pain after lifting a box, it went away and came back, now i have numbness "
    "around my bottom and i can't pass urine",
    "Low back pain after lifting resolved, then recurred 2 days ago with saddle anaesthesia and "
    "urinary retention.",
    "back pain for five days, i tried some over the counter medicine, and now i have lost "
    "control of my bowels",
    "A 40-year-old with back pain for five days, taking over-the-counter medicine, with saddle "
    "anaesthesia.",
    "back pain for 4 days after moving furniture, tried over the counter stuff, now i have a "
    "fever and both my legs feel weak",
    "my back hurts since i lifted a box two days ago and now i cannot control my bladder and my "
    "bottom is numb",
    # old 4 (routine): the injury word was lay ("turned under me")
    "my ankle turned under me on the stairs and now the bone is sticking out and my foot is "
    "cold and blue",
    "i turned my ankle and now i cannot put any weight on it and it looks deformed",
    "A 30-year-old turned her ankle; the foot is pale and pulseless with an open wound over the "
    "malleolus.",
]


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergencies_stay_emergencies(triager, text: str, setting: str) -> None:
    assert _acuity(triager, text, setting) <= 2


# ---- review 8: the lay back words and "over the counter" were taken back from the self-care
# back-pain entry (its not-list reads clinical red flags only, so "my back hurts and I can't
# pee" had gone 4 -> 5); these lay accounts stay routine (4), as before the lay2 round ----
BACK_STAYS_ROUTINE = [
    "i've had back pain for five days, i tried some over the counter medicine",
    "my lower back hurts since sunday, i am using some otc pain relief",
    "i pulled my back at the gym yesterday, i'm taking ibuprofen",
    "I'm 70 and my back hurts, I have lost a lot of weight, using over the counter painkillers",
    "lower part of my back hurts, I was treated for a tumour in my lung",
    "my back hurts at night and wakes me, taking otc painkillers",
    "upper back hurts and my chest feels tight",
    "my back hurts and it burns when I pee",
    "my back hurts, it goes down my leg",
    "over the counter painkillers don't help",
    # the sprain entry: a lay "can't put weight on it" blocks self-care (Ottawa / NHS sprains)
    "went over on my ankle and can't put weight on it, a bit swollen",
]


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("text", BACK_STAYS_ROUTINE)
def test_review8_lay_back_and_ankle_not_self_care(triager, text: str, setting: str) -> None:
    r = triager.triage({"id": "r8", "text": text, "setting": setting}, narrative=False)
    assert r.acuity == 4, (text, r.acuity, r.condition)


# the cauda equina / spinal infection red flags in lay words (NHS Cauda equina syndrome page):
# routine (4) before, an emergency (2) now
@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("text", [
    "my back hurts and I can't pee, taking ibuprofen",
    "my back hurts and my legs are weak",
    "my back is killing me, I inject heroin",
])
def test_review8_lay_back_red_flags_emergency(triager, text: str, setting: str) -> None:
    r = triager.triage({"id": "r8", "text": text, "setting": setting}, narrative=False)
    assert (r.acuity, r.condition) == (
        2, "back pain with red flags (cauda equina, spinal cord compression, infection)")
