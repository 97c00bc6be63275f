"""Issue 21 lay emergencies (round layemerg): short lay-worded emergencies that reached no rule.

Every positive was acuity 4 (routine) on the code before this change (pinned by hand, checked on
2f4b541); the near misses keep a non-emergency level. Sources: NHS Aortic dissection and ESI
Handbook v4 (tearing chest/back pain); NHS Fever in children and NICE NG143 1.1.1.3 (a parent's
report of fever is valid; under 3 months with a fever is red); NHS High temperature (fever) in
adults, NHS Sepsis ("hot and shivery"); NHS When to call 999 (someone who will not wake, a child
who is floppy or unresponsive).
"""

from __future__ import annotations

import pytest

from assistant.triage import Triager

EMERGENCY = [
    # NHS Aortic dissection: sudden tearing or ripping chest or back pain (zz_lay_emergency_words.yaml)
    "I have a sudden tearing pain going through to my back, I'm 70 with high blood pressure.",
    "It feels like something is ripping in my chest, it came out of nowhere.",
    # NICE NG143 / NHS Fever in children: a baby under 3 months with a reported fever, no number
    "My 6 week old baby has a temperature.",
    "My 2 month old feels hot and is not herself.",
    # NHS Sepsis in lay words: "hot and shivery" / "burning up" with a sepsis sign
    "I've felt hot and shivery and I'm breathing really fast and my skin is mottled.",
    # NHS When to call 999: a carer cannot wake someone
    "She won't wake up.",
    "My mum won't wake up this morning.",
    # variants of the same classes (second pass)
    "Pain like being torn in two between my shoulders, came on suddenly.",
    "My 5 week old baby is very hot.",
    "My 7 week old has been hot and sweaty and is not feeding.",
    "He's not waking up.",
    "My baby is not waking for feeds.",
    "She is barely conscious.",
    # NHS Sepsis lay list (adult): fever in lay words with "breathing very fast" / "not making sense"
    "I'm burning up and breathing very fast.",
    "My husband has a temperature and isn't making sense.",
]

NOT_EMERGENCY = [
    # muscle strain in a limb or shoulder: no chest/back site (NHS Sprains and strains)
    "I'm 45 and I have a tearing pain in my shoulder after lifting weights.",
    "I have a tearing pain in my calf since playing football yesterday.",
    # a stated absence of fever, and an older child who is well (NHS Fever in children)
    "My 6 week old baby does not have a temperature and is feeding well.",
    "My 2 year old has a temperature but is playing normally.",
    # tooth sensitivity, and flu-like aches without a sepsis sign (NHS Flu)
    "My teeth are sensitive to hot and cold drinks.",
    "I feel hot and shivery and my muscles ache, started yesterday.",
    # sleep complaints, not a reduced level of consciousness
    "I can't wake up in the mornings and feel tired all day.",
    "He won't wake up before 10 at weekends.",
    "My teenager won't wake up for school.",
    "My baby is not waking up at night anymore, sleeping through.",
    "I'm not waking up refreshed.",
    "My 2 month old is sweaty because the weather is hot.",
    "The leaflet about my tablets isn't making sense to me, I have a cough.",
    "I'm 40 and was breathing fast during a panic attack, no fever.",
]


def test_febrile_child_fast_breathing_keeps_nice_amber(triager: Triager) -> None:
    """NICE NG143: fast breathing with a fever in a child is amber (acuity 3), not the adult sepsis rule."""
    assert _acuity(triager, "My 4 year old has a temperature and is breathing very fast.") == 3


def _acuity(t: Triager, text: str) -> int | None:
    return t.triage({"id": "x", "text": text, "setting": "primary_care"}, narrative=False).acuity


@pytest.mark.parametrize("text", EMERGENCY)
def test_lay_emergency_reaches_emergency(triager: Triager, text: str) -> None:
    """Each was acuity 4 before; now acuity 1-2 (emergency)."""
    acuity = _acuity(triager, text)
    assert acuity is not None and acuity <= 2, (text, acuity)


@pytest.mark.parametrize("text", NOT_EMERGENCY)
def test_near_miss_stays_non_emergency(triager: Triager, text: str) -> None:
    """Guidance gives these a GP, pharmacy or self-care level, not 999."""
    acuity = _acuity(triager, text)
    assert acuity is not None and acuity >= 3, (text, acuity)


def test_cannot_wake_is_unresponsive_red_flag(triager: Triager) -> None:
    """A carer who cannot wake someone names the 'unresponsive' red flag (acuity 1)."""
    rec = triager.triage({"id": "x", "text": "I can't wake him, he's breathing.",
                          "setting": "primary_care"}, narrative=False)
    assert rec.acuity == 1 and "unresponsive" in rec.red_flags


# Review 1 of these words (MUST-FIX): the lay3 "on exertion" lowering of "can't catch my breath"
# to acuity 3 was reverted; lay "can't catch my breath" is respiratory distress (acuity 2) in every
# context (NHS Shortness of breath: 999/A&E when sudden, with chest tightness, blue lips, trouble
# speaking). Each of these was 3 on main before this round (74cc131; pinned by hand).
EXERTION_WITH_DANGER = [
    "I can't catch my breath when I walk, my chest feels tight.",
    "I can't catch my breath when I walk, I can't finish a sentence.",
    "I can't catch my breath when I walk, my lips look bluish.",
    "My 6 year old can't catch her breath when she runs and her tummy is sucking in under her ribs.",
    "I can't catch my breath when I walk, it started an hour ago.",
    "I can't catch my breath when I walk, I feel faint.",
    "I can't catch my breath. When I walk it's worse.",
    # the lay3 wordings themselves, no longer lowered
    "When I try to be active I can't catch my breath and I feel like I'm wheezing. I'm anaemic.",
    "I can't catch my breath after walking up the stairs, for a few weeks.",
]


@pytest.mark.parametrize("text", EXERTION_WITH_DANGER)
def test_catch_breath_is_respiratory_distress_in_every_context(triager: Triager, text: str) -> None:
    """Acuity 2 with the respiratory distress red flag, effort cue or not."""
    rec = triager.triage({"id": "x", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity == 2 and "respiratory distress" in rec.red_flags, (text, rec.acuity)


def test_catch_breath_with_a_read_saturation_of_88_is_1(triager: Triager) -> None:
    """trifix14d reads the lay "oxygen saturation is 88" (was 2 here): SpO2 88% with
    breathlessness is the hypoxia twin of the flag, acuity 1 (a raise; NHS pulse oximeter
    advice: 92% or lower -> A&E / 999)."""
    text = "I can't catch my breath when I walk, my oxygen saturation is 88."
    rec = triager.triage({"id": "x", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity == 1
    assert "respiratory distress with hypoxia or shock" in rec.red_flags


# ... and the lay emergencies with the same words stay emergencies (NHS: sudden, at rest, blue lips)
CATCH_BREATH_EMERGENCY = [
    "I suddenly can't catch my breath.",
    "I can't catch my breath and my lips are going blue.",
    "My son can't catch his breath and is wheezing.",
    "I can't catch my breath even when sitting still.",
    "I can't catch my breath when I walk and it came on suddenly an hour ago.",
]


@pytest.mark.parametrize("text", CATCH_BREATH_EMERGENCY)
def test_catch_breath_emergency_stays(triager: Triager, text: str) -> None:
    """Sudden, at rest, blue lips or a child without an effort cue: still an emergency."""
    acuity = _acuity(triager, text)
    assert acuity is not None and acuity <= 2, (text, acuity)
