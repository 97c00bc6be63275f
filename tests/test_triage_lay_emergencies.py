"""Review t21: lay-worded emergencies that self-care knowledge-base entries took to acuity 5.

New self-care entries (short-term insomnia, hyperhidrosis, mechanical back pain, contact
dermatitis, travel sickness, flu, hay fever, chickenpox) matched presentations that were
emergencies written in lay words, and no red flag read the lay wording, so the self-care
safety net did not block. The fix is a set of emergency red flags in lay and clinical
wording (``red_flags.LAY_RULES``, the SADDLE_LAY / SPHINCTER_LAY extensions), each from a
named source: NHS "Suicide: get help now" / NICE NG225; NHS "Heart attack"; NHS "Sepsis";
NHS "Cauda equina syndrome"; NHS "Carbon monoxide poisoning"; NHS "Toxic shock syndrome";
NHS "Anaphylaxis"; NHS "Diabetic ketoacidosis" / NICE NG18; NHS "Meningitis"; NICE NG143.

Every positive below got acuity 4 or 5 (30 cases) on the code before this change (pinned by hand with
the reviewer's comparison script); near-misses must keep their low acuity.
"""

from __future__ import annotations

import pytest
import yaml

from assistant.triage import Triager
from assistant.triage.knowledge import KB_DIR, load_conditions
from assistant.triage.parse import parse_case
from assistant.triage.red_flags import find_red_flags

# (text, the red flag that must fire) - each was acuity 4 or 5 before
POSITIVES = [
    # NHS "Suicide: get help now" / NICE NG225: a plan or the means, in lay words
    ("I can't sleep, stress at work, I have stockpiled my tablets and plan to take them all "
     "tonight.", "suicidality or self-harm"),
    ("I can't sleep because of stress at work and I've been looking up how many paracetamol "
     "would kill me.", "suicidality or self-harm"),
    ("Can't get to sleep since my divorce, stress, and I have written a note and bought rope.",
     "suicidality or self-harm"),
    ("I can't sleep and stress is bad, I drink coffee, I don't want to be here anymore and have "
     "a plan.", "suicidality or self-harm"),
    # NHS "Heart attack" in lay words
    ("A 45-year-old man has heavy sweating at work, soaking his shirts, and a heavy feeling in "
     "his left arm and jaw for the last hour.",
     "possible heart attack (arm, jaw or back pain with sweating or sickness)"),
    ("I'm 50 and sweating buckets at work today, my shirt is soaked, and I feel a tight band "
     "across my chest.", "chest pain with cardiac features"),
    ("A 45-year-old man sweats profusely, his palms and shirt are soaked, his left arm aches "
     "and he feels sick since this morning.",
     "possible heart attack (arm, jaw or back pain with sweating or sickness)"),
    ("I'm 55 and sweat all the time at work, shirts soaked, and my chest feels heavy and I feel "
     "sick.", "chest pain with cardiac features"),
    ("A 60-year-old woman sweats excessively at work today with pain between her shoulder "
     "blades and nausea.", "possible heart attack (arm, jaw or back pain with sweating or sickness)"),
    # NHS "Sepsis"
    ("A 30-year-old man has fever, body aches and a sore throat for 2 days and now his hands "
     "and feet are cold and he feels like he is going to die.", "sepsis"),
    # NHS "Toxic shock syndrome"
    ("A 20-year-old woman has a fever, aching all over and a sore throat; she is using tampons "
     "and feels dizzy when standing.", "possible toxic shock syndrome"),
    # NHS "Cauda equina syndrome" in lay words
    ("A 40-year-old has low back pain after lifting a box 2 days ago and cannot feel the toilet "
     "paper when wiping.", "possible spinal cord compression"),
    ("A 40-year-old has low back pain for 2 days after lifting at work and hasn't been able to "
     "wee since this morning.", "possible spinal cord compression"),
    ("A 40-year-old has low back pain for 2 days after lifting and his bum feels dead and he has "
     "no feeling down below.", "possible spinal cord compression"),
    ("A 45-year-old has low back pain after lifting a box and cannot get an erection and cannot "
     "tell when he needs to pee.", "possible spinal cord compression"),
    ("A 40-year-old has low back pain after lifting 2 days ago; he has numbness in his groin "
     "and around his bottom.", "possible spinal cord compression"),
    # NHS "Anaphylaxis"
    ("I started using a new washing powder and have an itchy red rash all over, I feel faint "
     "and dizzy and have been vomiting.", "anaphylaxis"),
    ("Hay fever with sneezing and itchy eyes, and now my throat feels tight and I am hoarse.",
     "anaphylaxis"),
    # NHS "Carbon monoxide poisoning"
    ("Felt sick and dizzy on a long car journey, the whole family is drowsy too, old car with "
     "exhaust problem.", "possible carbon monoxide poisoning"),
    # NHS "Diabetic ketoacidosis" / NICE NG18
    ("My 9-year-old vomited on a long car journey; he has been drinking loads, peeing all the "
     "time and breathing deeply.", "possible diabetic ketoacidosis"),
    # NICE NG143 red: grunting
    ("A 5-year-old with chickenpox, crops of itchy spots crusting and malaise, is breathing fast "
     "and grunting.", "grunting or fast breathing in a child"),
    # NHS "Meningitis": purple rash with fever
    ("A 40-year-old has had a fever, aching muscles and a cough for 3 days and now has a purple "
     "rash on her legs.", "meningism"),
]

# other lay wordings of the same classes (written for this test; each was 4 before)
POSITIVES += [
    ("My chest feels like it is being squeezed and I am clammy.",
     "chest pain with cardiac features"),
    ("He has pain spreading to his jaw and he is sweaty and grey.",
     "possible heart attack (arm, jaw or back pain with sweating or sickness)"),
    ("My son has a fever and a rash that looks like bruises.", "meningism"),
    ("Back pain and numb between my legs.", "possible spinal cord compression"),
    ("Back pain and I keep wetting myself.", "possible spinal cord compression"),
    ("I've had back pain and now I can't control my bowels.", "possible spinal cord compression"),
    ("My 6-year-old is really thirsty, weeing loads and has tummy pain and is being sick.",
     "possible diabetic ketoacidosis"),
    # NHS "Heart palpitations": with feeling faint -> A&E
    ("A 30-year-old has excessive sweating of his palms and armpits and today his heart is "
     "racing and he feels faint.", "palpitations with fainting or feeling faint"),
]

# must stay low (self-care 5, or routine 4 where a clinician is the default)
NEAR_MISSES = [
    ("I can't sleep because of stress at work.", 5),
    ("I get sweaty palms in exams, what can I use?", 5),
    ("A 40-year-old has back pain after gardening, no numbness, peeing normally.", 5),
    ("I have hay fever with sneezing and itchy eyes, what can I take?", 5),
    ("My child vomited on a car journey and is fine now.", 5),
    ("I have an itchy rash from a new watch strap.", 5),
    ("A 30-year-old has a fever and body aches for 2 days, drinking plenty, passing urine "
     "normally.", 5),
    ("My throat feels tight when I am anxious before presentations.", 4),
    ("I have a sore jaw after the dentist.", 4),
]


@pytest.fixture(scope="module")
def triager() -> Triager:
    from assistant.config import load_settings

    return Triager(load_settings(None, {"use_llm": False}, environ={}))


def _acuity(t: Triager, text: str) -> int:
    rec = t.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity is not None
    return rec.acuity


@pytest.mark.parametrize(("text", "flag"), POSITIVES)
def test_lay_emergency_is_emergency(triager: Triager, text: str, flag: str) -> None:
    names = {h.name for h in find_red_flags(parse_case({"id": "c", "text": text}))}
    assert flag in names, names
    assert _acuity(triager, text) <= 2


@pytest.mark.parametrize(("text", "acuity"), NEAR_MISSES)
def test_near_miss_stays_low(triager: Triager, text: str, acuity: int) -> None:
    assert _acuity(triager, text) == acuity


_NAMED_IDS = {c["id"] for c in yaml.safe_load(
    (KB_DIR / "self_care_named.yaml").read_text(encoding="utf-8"))["conditions"]}
SELF_CARE_NAMED = [e for e in load_conditions() if e.id in _NAMED_IDS]


@pytest.mark.parametrize("entry", SELF_CARE_NAMED, ids=[e.id for e in SELF_CARE_NAMED])
def test_no_self_care_entry_outranks_a_red_flag(triager: Triager, entry) -> None:  # noqa: ANN001
    assert len(SELF_CARE_NAMED) == len(_NAMED_IDS) >= 30
    assert entry.example
    assert _acuity(triager, entry.example + " and now crushing chest pain with sweating") <= 2


# look-alikes that must not fire the new lay rules (each seen in a corpus check on MTSamples
# and HealthBench texts, or an everyday word of the trigger's family)
NOT_FIRING = [
    ("I'm exhausted and have a headache and feel sick.", "possible carbon monoxide poisoning"),
    ("Exhaustion and dizziness after a long shift.", "possible carbon monoxide poisoning"),
    ("He has trouble swallowing after eating bread and a swelling in his neck.", "anaphylaxis"),
    ("A 70-year-old whose hair is gray has an infection of the toe.", "sepsis"),
    ("I don't want to be here at the dentist, I hate injections.", "suicidality or self-harm"),
    ("I am very thirsty after running and vomited once.", "possible diabetic ketoacidosis"),
    ("My heart is racing when I am anxious and I feel short of breath.",
     "palpitations with fainting or feeling faint"),
]


@pytest.mark.parametrize(("text", "flag"), NOT_FIRING)
def test_look_alike_does_not_fire(text: str, flag: str) -> None:
    names = {h.name for h in find_red_flags(parse_case({"id": "c", "text": text}))}
    assert flag not in names, names


def test_arm_jaw_rule_is_subsumed_by_cardiac_chest_pain() -> None:
    text = "Crushing chest pain radiating to his left arm and jaw with sweating and nausea."
    names = [h.name for h in find_red_flags(parse_case({"id": "c", "text": text}))]
    assert names == ["chest pain with cardiac features"]
