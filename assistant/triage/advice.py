"""Deterministic advice built from the final level and the care setting, and the check on LLM
text.

Advice is written for the clinician who reads the triage record ("Assess within about 10
minutes; consider ..."); only in the ``self`` setting, where the reader is the patient, is it
worded for the patient ("Go to an emergency department now"). The LLM may word the summary
and advice, but it never decides the level: its text is rejected when it names a different
level or reassures an emergency, and self-care and routine advice always carries the
when-to-seek-care safety net.
"""

from __future__ import annotations

import re

from assistant.schema import Level

#: Advice for the clinician (every setting except ``self``), by acuity.
ADVICE: dict[int, str] = {
    1: ("Resuscitation: immediate life-saving care; call the resuscitation team now and keep "
        "the patient monitored and attended."),
    2: ("Emergency: assess within about 10 minutes; consider continuous monitoring, a full set "
        "of observations and early senior review."),
    3: ("Urgent: assess within about 30 minutes to an hour (emergency department or urgent "
        "care); consider a full set of observations while the patient waits."),
    4: ("Routine: assess within the next few hours to a day (GP, clinic or urgent care); "
        "consider whether tests or a follow-up appointment are needed."),
    5: ("Self-care: likely manageable at home; consider advising rest, fluids and simple "
        "over-the-counter measures as labelled, or a pharmacist's advice."),
}
#: Added for the clinician outside an emergency department (urgent care, primary care).
TRANSFER: dict[int, str] = {
    1: "Outside hospital, call the emergency number for an ambulance now.",
    2: "Outside an emergency department, arrange emergency transfer by ambulance now.",
}
#: What the clinician tells the patient or watches for, by acuity.
SAFETY_NET: dict[int, str] = {
    3: ("Re-assess at once if the patient deteriorates while waiting (harder breathing, chest "
        "pain, confusion, fainting, heavy bleeding) or the observations change."),
    4: ("Safety-net the patient: seek care sooner if symptoms worsen or new ones appear; "
        "emergency care for chest pain, difficulty breathing, confusion, fainting or heavy "
        "bleeding."),
    5: ("When to seek care (tell the patient): see a doctor if not improving within 2-3 days, "
        "or sooner if worse; emergency care at once for chest pain, difficulty breathing, "
        "confusion, fainting, heavy bleeding, a stiff neck with fever, or severe pain."),
}
#: Advice for the patient (setting ``self``), by acuity.
PATIENT_ADVICE: dict[int, str] = {
    1: ("Resuscitation priority: this needs immediate life-saving care. Call the emergency "
        "number (e.g. 911/112/999) now, and do not leave the person alone."),
    2: ("Emergency: this needs assessment by a clinician immediately. Go to an emergency "
        "department now, by ambulance if needed (call the emergency number); do not drive "
        "yourself."),
    3: ("Urgent: you should be seen in an emergency department or urgent care within about "
        "30 minutes to an hour."),
    4: ("Routine: you should be seen by a clinician (GP, clinic or urgent care) within the "
        "next few hours to a day."),
    5: ("Self-care: this can usually be managed at home with rest, fluids and simple "
        "over-the-counter measures as directed on the label, or with advice from a pharmacist."),
}
PATIENT_SAFETY_NET: dict[int, str] = {
    3: ("If you get worse while waiting (harder breathing, chest pain, confusion, fainting, "
        "heavy bleeding), tell staff or call the emergency number at once."),
    4: ("Seek urgent care sooner if symptoms get worse or new ones appear; call the emergency "
        "number for chest pain, difficulty breathing, confusion, fainting or heavy bleeding."),
    5: ("When to seek care: see a doctor if it is not improving within 2-3 days, or sooner if it "
        "gets worse; go to an emergency department or call the emergency number at once for "
        "chest pain, difficulty breathing, confusion, fainting, heavy bleeding, a stiff neck "
        "with fever, or severe pain."),
}
PATIENT_SETTING = "self"
#: Condition-specific home care and "see a GP / urgent care if" lines for self-care answers of
#: the general rules whose NHS page differs from the generic advice above (clinician, patient).
#: Source: NHS condition page "Sprains and strains" (and Knee / Shoulder / Elbow pain).
CONDITION_ADVICE: dict[str, tuple[str, str]] = {
    "minor_musculoskeletal_general": (
        "Limb pain: advise rest, ice, a compression bandage and elevation for the first 2-3 "
        "days, then gentle movement, and simple painkillers; a GP if it is not better after "
        "2 weeks of home treatment or stops normal activities; urgent care the same day if "
        "the patient cannot put weight on it or move it, it changes shape, there is numbness, "
        "or the joint becomes hot, red or very swollen.",
        "For this limb pain: rest it, use ice, a compression bandage and keep it raised for the "
        "first 2-3 days, then move it gently, and take simple painkillers. See a GP if it is "
        "not better after 2 weeks or stops you doing normal activities; go to an urgent "
        "treatment centre the same day if you cannot put weight on it or move it, it changes "
        "shape, it goes numb, or the joint becomes hot, red or very swollen."),
}


def for_patient(setting: str | None) -> bool:
    """Whether the reader is the patient (the ``self`` setting) rather than a clinician."""
    return setting == PATIENT_SETTING


# Words that name a level; LLM text naming a level other than the final one is rejected.
_LEVEL_WORDS: dict[Level, re.Pattern[str]] = {
    "emergency": re.compile(r"\b(?:emergency|emergent|resuscitat\w*|life[- ]threatening|"
                            r"call (?:911|999|112|an ambulance))\b", re.I),
    "urgent": re.compile(r"\b(?:urgent|urgently)\b(?! care)", re.I),
    "routine": re.compile(r"\b(?:routine|non-?urgent|not urgent|can wait|"
                          r"(?:next|few) days?)\b", re.I),
    "self_care": re.compile(r"\b(?:self[- ]care|at home|home (?:care|remedies)|no need to "
                            r"(?:see|seek)|nothing to worry|not serious|over[- ]the[- ]counter)\b",
                            re.I),
}
_ACUITY_NUMBER = re.compile(r"\b(?:acuity|level|ktas|esi|category|triage)\s*(?:of|is|=|:)?\s*"
                            r"([1-5])\b", re.I)
_LEVEL_RANK: dict[Level, int] = {"emergency": 0, "urgent": 1, "routine": 2, "self_care": 3}


def advice_for(acuity: int, setting: str | None = None, condition_id: str | None = None) -> str:
    """The deterministic advice for an acuity, with the safety net where it applies: for the
    clinician (``setting`` None means the ED, the setting of the KTAS data), or for the patient
    when ``setting`` is ``self``. A self-care answer of a condition in :data:`CONDITION_ADVICE`
    (``condition_id``, the knowledge-base id that set the level) adds its NHS home-care and
    when-to-seek-care line."""
    if for_patient(setting):
        advice, net = PATIENT_ADVICE, PATIENT_SAFETY_NET
    else:
        advice, net = ADVICE, SAFETY_NET
    parts = [advice[acuity]]
    if setting not in (None, "ed") and not for_patient(setting) and acuity in TRANSFER:
        parts.append(TRANSFER[acuity])
    if acuity == 5 and condition_id in CONDITION_ADVICE:
        parts.append(CONDITION_ADVICE[condition_id][1 if for_patient(setting) else 0])
    if acuity in net:
        parts.append(net[acuity])
    return " ".join(parts)


def contradicts(text: str, level: Level, acuity: int) -> str | None:
    """Why ``text`` contradicts the final level, or None when it is consistent.

    Mentioning a *more* urgent level in an emergency safety net ("call the emergency number
    if it gets worse") is allowed for less urgent levels; naming a *less* urgent level, or a
    different acuity number, is not.
    """
    for m in _ACUITY_NUMBER.finditer(text):
        if int(m.group(1)) != acuity:
            return f"names acuity {m.group(1)} but the final acuity is {acuity}"
    for other, pattern in _LEVEL_WORDS.items():
        if other == level:
            continue
        m = pattern.search(text)
        if m and _LEVEL_RANK[other] > _LEVEL_RANK[level]:
            return f"says {m.group(0)!r} ({other}) but the final level is {level}"
    return None


def with_safety_net(advice: str, acuity: int, setting: str | None = None) -> str:
    """Append the when-to-seek-care sentence (the clinician's, or the patient's in the ``self``
    setting) unless the advice already carries it."""
    net = (PATIENT_SAFETY_NET if for_patient(setting) else SAFETY_NET).get(acuity)
    if net is None or net in advice:
        return advice
    return f"{advice.rstrip()} {net}"
