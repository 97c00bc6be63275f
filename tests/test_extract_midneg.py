"""Issue 16 (midneg): a negation in the MIDDLE of a comma list, and pulses graded or felt
below normal. Statuses are hand-computed from the rules (assistant/clinical/context.py
``_after_stated_item``; assistant/clinical/findings_pulses.py); each positive failed on the
code before the change; near-misses keep the list's negation or read nothing. The real
sentences are in eval/data/extraction/midneg (mts-1571 is the first case below)."""

from __future__ import annotations

import pytest

from assistant.clinical.findings_pulses import pulse_findings
from assistant.extract.pipeline import Extractor


def _problems(extractor: Extractor, text: str) -> dict[str, str]:
    rec = extractor.extract(text, "t")
    return {p.text: p.status for p in rec.problems}


# ------------------------------------------------ A. a later item stated after a mid-list "no"
@pytest.mark.parametrize("text, expected", [
    # laterality opens a later item: it and the items after it are stated (mts-1571)
    ("GEN EXAM: Bilateral Carotid Bruits, No lymphadenopathy, right inguinal hernia, rhonchi "
     "and inspiratory wheeze in both lung fields.",
     {"carotid bruit": "present", "lymphadenopathy": "absent", "inguinal hernia": "present",
      "rhonchi": "present", "wheezing": "present"}),
    # a course word (mts-130)
    ("Daytime frequency every two to three hours, nocturia times one, no incontinence, "
     "improving stress urinary incontinence after pelvic rehabilitation.",
     {"urinary incontinence": "absent", "stress urinary incontinence": "present"}),
    # "active", then a possibility cue (mts-4501)
    ("CORONARY RISK FACTORS: History of hypertension, no history of diabetes mellitus, active "
     "smoker, cholesterol elevated, questionable history of coronary artery disease.",
     {"hypertension": "present", "diabetes mellitus": "absent", "tobacco use": "present",
      "coronary artery disease": "possible"}),
    # "without" as a mid-list cue (mts-2880)
    ("PAST MEDICAL HISTORY: Essential tremor, migraine headaches without aura, left ear "
     "sensorineural deafness, and basal cell carcinoma.",
     {"migraine": "present", "sensorineural hearing loss": "present"}),
])
def test_stated_after_midlist_negation(extractor: Extractor, text: str,
                                       expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize("text, expected", [
    # the denied sub-list runs on (templates)
    ("Abdomen soft, no tenderness, guarding, or rebound.",
     {"abdominal tenderness": "absent", "guarding": "absent", "rebound tenderness": "absent"}),
    ("Neck supple, no JVD, bruits, or lymphadenopathy.",
     {"jugular venous distension": "absent", "bruit": "absent", "lymphadenopathy": "absent"}),
    ("Lungs clear, no wheezes, rales, rhonchi.",
     {"wheezing": "absent", "rales": "absent", "rhonchi": "absent"}),
    # a laterality item in a list closed by "or": the denied list's form
    ("Neck supple, no JVD, right carotid bruit, or lymphadenopathy.",
     {"carotid bruit": "absent", "lymphadenopathy": "absent"}),
    # the cue heads the sentence: no affirmed item before it
    ("No lymphadenopathy, right inguinal hernia, rhonchi.",
     {"inguinal hernia": "absent", "rhonchi": "absent"}),
    # an affirmed item before, plain items after (mts-3429): the list runs on
    ("She does get shortness of breath, no hematuria, dysuria, arthralgias.",
     {"shortness of breath": "present", "hematuria": "absent", "dysuria": "absent"}),
    # "denies" is not one of the mid-list cues read
    ("He reports cough, denies fever, chills, left arm pain.",
     {"cough": "present", "fever": "absent", "arm pain": "absent"}),
    # the stated-looking item negates itself
    ("Alert, no rash, right leg without edema, cyanosis.", {"rash": "absent", "edema": "absent"}),
])
def test_midlist_negation_runs_on(extractor: Extractor, text: str,
                                  expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got.get(k) for k in expected} == expected


# --------------------------------------------------- B. pulses graded or felt below normal
@pytest.mark.parametrize("text, span", [
    ("1+ dorsalis pedis pulses bilaterally.", "1+ dorsalis pedis pulses"),
    ("Dorsalis pedis pulses 1+ bilaterally.", "Dorsalis pedis pulses 1+"),
    ("Pulses 2+ femoral, 1+ dorsalis pedis bilaterally.", "1+ dorsalis pedis"),
    ("Pulses are 1+ in the lower extremities.", "Pulses are 1+"),
    ("DP 1+ bilaterally.", "DP 1+"),
    ("Femoral pulses 0/4 bilaterally.", "Femoral pulses 0/4"),
    ("Pulses +1 bilaterally.", "Pulses +1"),
    ("Trace pedal pulses.", "Trace pedal pulses"),
    ("Pedal pulses are nonpalpable.", "pulses are nonpalpable"),
    ("Nonpalpable dorsalis pedis pulses.", "Nonpalpable dorsalis pedis pulses"),
    ("Dorsalis pedis pulses are not palpable.", "Dorsalis pedis pulses are not palpable"),
    ("No palpable pedal pulses.", "No palpable pedal pulses"),
    ("Unable to palpate pedal pulses.", "Unable to palpate pedal pulses"),
])
def test_low_pulse_read(text: str, span: str) -> None:
    got = [(text[f.start:f.end], f.concept.name, f.status) for f in pulse_findings(text)]
    assert got == [(span, "diminished pulses", "present")]


@pytest.mark.parametrize("text", [
    "Pulses 2+ bilaterally.", "Radial pulses 2+ and symmetric.", "Pulses 3+ bounding.",
    "Reflexes 1+ and symmetric.", "1+ pitting edema.", "1+ pedal edema.",
    "Reflexes: 1+ biceps, 2+ knees.", "Pulse 110.", "Pulse ox 98% on room air.",
    "Pulses 1-2+ bilaterally.", "Pulses were 1+ on admission, now 2+.", "PT 12.1, INR 1.1.",
    "Trace edema. Pulses 2+.", "Liver not palpable, pulses 2+.", "Pulses are palpable.",
    # under an abdominal exam: no pulsatile mass felt (MTSamples 4130), no limb pulse
    "Abdomen is soft and nontender. No palpable pulses. No abdominal bruit is appreciated.",
])
def test_low_pulse_near_misses(text: str) -> None:
    assert pulse_findings(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Pedal pulses are nonpalpable.", "present"),
    ("Extremities: no edema, 1+ pedal pulses.", "present"),  # a grade, not the cue's item
    ("Pulses 2+ femoral, 1+ dorsalis pedis bilaterally.", "present"),
    ("Radial pulses 2+ and symmetric.", "absent"),
    ("Absent femoral pulses.", "present"),
])
def test_low_pulse_status(extractor: Extractor, text: str, expected: str) -> None:
    assert _problems(extractor, text).get("diminished pulses") == expected


def test_low_pulse_no_other_finding(extractor: Extractor) -> None:
    # a reflex grade and a rate read no pulse finding
    got = _problems(extractor, "Reflexes 1+ and symmetric. Pulse 110.")
    assert "diminished pulses" not in got


# ------------------------------------------------------------- C. safety review (midnegfix)
# Each input is from the review of the merged midneg rules (base e5e242b); the statuses are
# hand-computed from the narrowed rules (context.py ``_after_stated_item``, findings_pulses.py).
@pytest.mark.parametrize("text, expected", [
    # 1. a bare artery or "trace" before another finding's noun, a reflex list: no pulse
    #    grade, so the bruit and the normal pulses stay (before: both lost)
    ("Neck: supple, trace carotid bruit on the right. Pulses 2+ bilaterally.",
     {"carotid bruit": "present", "diminished pulses": "absent"}),
    ("Carotid duplex: right carotid: trace plaque, no significant stenosis. Pedal pulses 2+.",
     {"diminished pulses": "absent"}),
    ("Reflexes: biceps 2+, triceps 2+, radial 1+, knees 2+. Pulses 2+.",
     {"diminished pulses": "absent"}),
    ("Hands: trace ulnar deviation of the fingers. Radial pulses 2+.",
     {"diminished pulses": "absent"}),
    # 2. a course word in a denied list closed by "or" (before: the rest read present)
    ("He reports no nausea, vomiting, worsening abdominal pain, or diarrhea.",
     {"nausea": "absent", "abdominal pain": "absent", "diarrhea": "absent"}),
    ("The patient has no chest pain, palpitations, worsening dyspnea, orthopnea, or PND.",
     {"dyspnea": "absent", "orthopnea": "absent", "paroxysmal nocturnal dyspnea": "absent"}),
    ("Patient is alert, without fever, chills, worsening headache, or neck stiffness.",
     {"fever": "absent", "headache": "absent", "neck stiffness": "absent"}),
    # 3. ", and right/left ..." closing a denied list
    ("Abdomen: soft, no organomegaly, masses, and right lower quadrant tenderness.",
     {"organomegaly": "absent", "tenderness": "absent"}),
    ("Skin: warm, dry, no rashes, lesions, and left forearm ecchymosis.",
     {"rash": "absent", "ecchymosis": "absent"}),
    # 4. "active" opens a stated item only before a habit
    ("Stool guaiac negative, no hematemesis, melena, active bleeding.",
     {"melena": "absent", "bleeding": "absent"}),
    ("Wound: clean and dry, no erythema, drainage, active bleeding.",
     {"erythema": "absent", "bleeding": "absent"}),
    # 5. an earlier or corrected low pulse: nothing current
    ("Pedal pulses were nonpalpable before the bypass and are now 2+.",
     {"diminished pulses": None}),
    ("Preoperatively, the pulses were nonpalpable.", {"diminished pulses": None}),
    ("Dorsalis pedis pulse 1+ improved to 2+ after revascularization.",
     {"diminished pulses": None}),
    ("Pulse 1+ improved to 2+ after fluid bolus.", {"diminished pulses": None}),
    # 6. a plan, a denial: nothing stated
    ("If pulses are not palpable, obtain arterial Doppler.", {"diminished pulses": None}),
    ("Check pedal pulses; if nonpalpable pedal pulses, consult vascular.",
     {"diminished pulses": None}),
    ("No history of nonpalpable pulses.", {"diminished pulses": None}),
    # 7. an edema grade
    ("Pulses +1 edema bilaterally.", {"diminished pulses": None, "edema": "present"}),
    # 8. no affirmed item before the mid-list cue: the list is denied throughout
    ("There is no pneumothorax, pleural effusion, right lower lobe consolidation.",
     {"pleural effusion": "absent", "lung consolidation": "absent"}),
    ("No fever, no chills, right ear pain.", {"chills": "absent", "ear pain": "absent"}),
    ("Denies chest pain, no dyspnea, left arm pain.",
     {"dyspnea": "absent", "arm pain": "absent"}),
    # 8. kept (decided from the probe: mts-1571 and mts-4501 go on stating after the stated
    #    item; a hidden present finding is worse): the items after the stated one are stated
    ("Neck: supple, no JVD, right carotid bruit, lymphadenopathy, thyromegaly.",
     {"jugular venous distension": "absent", "carotid bruit": "present",
      "lymphadenopathy": "present", "goiter": "present"}),
    # accepted by the reviewer: kept
    ("Neck supple, no lymphadenopathy, bilateral carotid bruits",
     {"lymphadenopathy": "absent", "carotid bruit": "present"}),
    # debatable, kept present: the examiner could not feel the pulses, whatever the cause
    ("Pedal pulses not palpable secondary to edema, but feet warm",
     {"diminished pulses": "present"}),
])
def test_review_inputs(extractor: Extractor, text: str, expected: dict[str, str | None]) -> None:
    got = _problems(extractor, text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize("text, expected", [
    # the or/nor scan stops at a new "no" item: its "or" is its own list's
    ("Neck supple, no JVD, right carotid bruit, no lymphadenopathy or thyromegaly.",
     {"carotid bruit": "present", "lymphadenopathy": "absent", "goiter": "absent"}),
    # "active" before a habit still opens a stated item
    ("History of hypertension, no diabetes, active smoker.",
     {"diabetes mellitus": "absent", "tobacco use": "present"}),
    # an opener item with no closing "or": stated
    ("Abdomen: soft, no organomegaly, masses, right lower quadrant tenderness.",
     {"abdominal mass": "absent", "tenderness": "present"}),
    # a low grade that is current: kept ("same as before", a plan AFTER it, a reflex word
    # with a "pulse" in the match)
    ("Pulses 1+, same as before.", {"diminished pulses": "present"}),
    ("Pulses 1+ bilaterally; call if feet become cool.", {"diminished pulses": "present"}),
    ("Reflexes 2+ throughout, pulses 1+ bilaterally.", {"diminished pulses": "present"}),
    ("Extremities: no edema, 1+ pedal pulses.", {"edema": "absent",
                                                 "diminished pulses": "present"}),
])
def test_review_near_misses(extractor: Extractor, text: str,
                            expected: dict[str, str | None]) -> None:
    got = _problems(extractor, text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize("text, span", [
    # misses the review listed, read now
    ("No palpable pulses in the right foot.", "No palpable pulses in the right foot"),
    ("Pedal pulses are barely palpable.", "pulses are barely palpable"),
    ("Barely palpable dorsalis pedis pulses.", "Barely palpable dorsalis pedis pulses"),
    ("Dorsalis pedis pulses could not be palpated.",
     "Dorsalis pedis pulses could not be palpated"),
    ("1+ right PT pulse.", "1+ right PT pulse"),
    ("1+ left DP.", "1+ left DP"),
])
def test_review_pulses_read(text: str, span: str) -> None:
    got = [(text[f.start:f.end], f.concept.name, f.status) for f in pulse_findings(text)]
    assert got == [(span, "diminished pulses", "present")]


@pytest.mark.parametrize("text", [
    "Trace carotid bruit.", "Right carotid: trace plaque.", "1+ carotid stenosis.",
    "Biceps 2+, triceps 2+, radial 1+.", "Trace ulnar deviation.", "Pulses +1 edema.",
    "Pulses 1+ pitting edema.", "No history of nonpalpable pulses.",
    "Should pulses become nonpalpable, call.", "Monitor for nonpalpable pulses.",
    "Pulses nonpalpable preoperatively.", "Pulses 1+ by history.",
    "Pulses 1+ before the procedure.", "DP 1+ increased to 2+.",
])
def test_review_pulses_near_misses(text: str) -> None:
    assert pulse_findings(text) == []


# ---------------------------------------------- re-review of 2026-12-06 (lead fixes, pinned)
@pytest.mark.parametrize("text, expected", [
    # an affirmed item before the cue, with other denied items between
    ("Neck: supple, no JVD, trachea midline, no thyromegaly, right carotid bruit.",
     {"jugular venous distension": "absent", "goiter": "absent", "carotid bruit": "present"}),
    ("Abdomen: soft, negative Murphy sign, no masses, right lower quadrant tenderness.",
     {"abdominal mass": "absent", "tenderness": "present"}),
    ("Skin: warm, no rashes, no lesions, right forearm abrasion.",
     {"rash": "absent", "abrasion": "present"}),
    # "and" joins the cue to an affirmed item
    ("Neck: supple and no JVD, right carotid bruit.",
     {"jugular venous distension": "absent", "carotid bruit": "present"}),
    # every item before the cue is denied: the list stays denied
    ("No fever, no chills, right ear pain.", {"ear pain": "absent"}),
])
def test_rereview_affirmed_item_before_cue(extractor: Extractor, text: str,
                                           expected: dict[str, str]) -> None:
    got = _problems(extractor, text)
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text, n", [
    # past / plan / denial words belong to the pulse's own item only
    ("Pulses are 1+ before and after exercise.", 1),
    ("Pulses are 1+ bilaterally, unchanged from before.", 1),
    ("Patient seen before lunch, DP pulses 1+.", 1),
    ("Pulses 1+ bilaterally, preoperative evaluation requested.", 1),
    ("Pedal pulses nonpalpable, as they were before surgery.", 1),
    ("DP 1+ on the left, PT now 2+.", 1),
    ("Left DP 1+, right DP now 2+ after angioplasty.", 1),
    ("Will monitor for edema, DP pulses 1+ bilaterally.", 1),
    ("Extremities: check for edema, pedal pulses 1+.", 1),
    ("No edema and nonpalpable pedal pulses.", 1),
    ("No edema with nonpalpable pedal pulses bilaterally.", 1),
    ("Without cyanosis but nonpalpable DP pulses.", 1),
    ("Pulses 1+, previously 2+.", 1),
    # still nothing stated now
    ("Pedal pulses were nonpalpable before the bypass and are now 2+.", 0),
    ("Preoperatively, the pulses were nonpalpable.", 0),
    ("Dorsalis pedis pulse 1+ improved to 2+ after revascularization.", 0),
    ("If pulses are not palpable, obtain arterial Doppler.", 0),
    ("No history of nonpalpable pulses.", 0),
])
def test_rereview_pulse_item_windows(text: str, n: int) -> None:
    assert len(pulse_findings(text)) == n
