"""Normal exam shorthand -> the finding it rules out, absent (split out of
``assistant.clinical.findings``; behaviour unchanged)."""

from __future__ import annotations

import re

from assistant.clinical.findings_base import ExamFinding, _windowed, extend_unoverlapped
from assistant.clinical.findings_deficit import deficit_findings
from assistant.clinical.findings_pulses import pulse_findings
from assistant.clinical.vocabulary import Concept
from assistant.fold_re import folded

#: Normal exam shorthand whose standard meaning rules out one named finding (labelling
#: guideline, eval/data/extraction/real/README.md, issue 16 round 4): the finding, absent.
#: "lungs clear (to auscultation)" / "CTA" -> abnormal breath sounds; "PERRLA" / "pupils
#: equal, round and reactive" -> pupillary abnormality (ICD-10-CM H57.00); "alert",
#: "awake", "oriented x3" -> confusion (the vocabulary's concept for altered mental status
#: and disorientation, R41.0); "regular rate and rhythm" / "RRR" -> arrhythmia (I49.9);
#: "neck supple" -> neck stiffness; "EOMI" / "extraocular movements intact" -> abnormal
#: extraocular movements; "cranial nerves (II-XII) intact" -> cranial nerve deficit;
#: "normal/positive bowel sounds" -> abnormal bowel sounds (R19.15); "hemodynamically stable"
#: -> hemodynamic instability; "neurologically intact" -> neurological deficit; "moist mucous
#: membranes" -> dry mucous membranes; "sensation intact" -> sensory deficit; round 5 (issue
#: 16 NegEx): "(normocephalic and) atraumatic", "NC/AT" -> head injury (S09.90); "abdomen
#: soft" -> abdominal rigidity (R19.30); "strength 5/5", "motor intact", "good grip strength"
#: -> weakness (R53.1); "2+ / palpable / strong pulses" -> diminished pulses; "capillary refill
#: < 3 s", "good capillary refill" -> delayed capillary refill (R23.8); "heart sounds
#: regular", "normal sinus rhythm" -> arrhythmia; "TMs clear" -> tympanic membrane
#: abnormality (H73.90); "well hydrated" -> dehydration (E86.0); "gait steady/normal" -> gait
#: abnormality (R26.9). Not read when negated
#: ("not alert") or qualified ("lungs clear except for ..."). "in no acute distress" is the
#: vocabulary-free concept "distress", its status left to the context rules ("in some
#: distress" present).
_CONFUSION = Concept("confusion", "R41.0")
_NORMAL_EXAM: tuple[tuple[re.Pattern[str], Concept], ...] = (
    (re.compile(r"\b(?:lungs?|lung\s+(?:fields|sounds)|breath\s+sounds|chest)\b[\s:,-]*"
                r"(?:(?:are|is|were|was|appears?|appeared)\s+)?(?:(?:otherwise|actually|essentially)\s+)?(?:(?:\w+\s+){0,2}(?:and|,)\s+)?clear\b"
                r"(?:\s+(?:to|on|by)\s+auscultation)?(?:\s+(?:and\s+percussion|bilaterally|"
                r"throughout))*|\bclear\s+to\s+auscultation(?:\s+(?:and\s+percussion|"
                r"bilaterally))*|\bCTAB\b|\bCTAP\b|"
                r"\b(?:lungs?|chest|pulmonary|resp(?:iratory)?)\s*[:\-]?\s*CT[AP](?:\s+bilaterally)?\b|\bclear\s+(?:and\s+equal\s+)?"
                r"(?:breath\s+sounds|lung\s+fields)\b", re.I),
     Concept("abnormal breath sounds", None)),
    (re.compile(r"\bPERRLA?\b|\bPERLA\b|\bpupils?\s+(?:are\s+|were\s+|is\s+|was\s+)?"
                r"(?:equal(?:ly)?|isocoric)[\s,]+(?:round[\s,]+)?(?:and\s+)?(?:reactive|react)"
                r"(?:\s+to\s+light(?:\s+and\s+accommodation)?)?|\bequal(?:,?\s+round,?)?\s+"
                r"and\s+reactive\s+pupils\b|"
                # probe9: "Pupils are 4 mm reactive to direct and indirect light"
                r"\bpupils\s+(?:are\s+|were\s+)?\d+(?:\.\d+)?\s*mm\s+(?:and\s+)?(?:briskly\s+)?"
                r"reactive\b", re.I),
     Concept("pupillary abnormality", "H57.00")),
    (re.compile(r"\b(?P<w>awake|alert)\b(?=\s*(?:,|and|\s)\s*(?:and\s+)?(?:alert|awake|oriented|"
                r"cooperative|responsive|in\s+no|conversant|interactive|appropriate)\b)|"
                r"\b(?:is|was|are|remains|remained|appears|appeared)\s+(?P<w2>awake|alert)\b|"
                r"(?:(?<=awake,\s)|(?<=awake\sand\s)|(?<=awake,\sand\s))(?P<w5>alert)\b|"
                r"(?:[:\-]\s*|^\s*)(?P<w3>awake|alert)\b|"
                # probe18: "MS: A & O x 3" (alert and oriented times three)
                r"\b(?P<w6>A\s*&\s*O\s*(?:x|times)\s*(?:3|4|three|four))\b|"
                # ext13b: "AAOx3", "AOx3" (awake, alert and oriented), capitals only
                r"(?-i:\b(?P<w7>A?AO\s*(?:x|X|times)\s*(?:3|4)))\b|"
                r"(?<![\w-])(?P<w4>oriented(?:\s*(?:x|times|to)\s*(?:3|three|4|four|person|"
                r"place|time)(?:[\s,]+(?:and\s+)?(?:place|time|situation|person|date))*)?)"
                r"(?<=[a-z0-9])\b", re.I | re.M),
     _CONFUSION),
    (re.compile(r"\bregular\s+rate\s+and\s+rhythm\b|\bRRR\b", re.I), Concept("arrhythmia", "I49.9")),
    (re.compile(r"\bneck\b[\s:,-]*(?:(?:is|was)\s+)?(?:soft\s*(?:and|,)\s*)?supple\b", re.I),
     Concept("neck stiffness", None)),
    # probe13: "EOMs are full" (the plural abbreviation with its verb)
    # probe19: "EOM's intact" (the plural written with an apostrophe)
    (re.compile(r"\bEOMI\b|\bEOM(?:'?s)?\s+(?:are\s+|were\s+)?(?:intact|full|normal)\b|"
                r"\bextraocular\s+(?:eye\s+)?(?:movements?|muscles?|motions?)\s+(?:are\s+|"
                r"were\s+)?(?:intact|full|normal)\b|\b(?:intact|full|normal)\s+extraocular\s+"
                r"(?:movements?|muscles?|motions?)", re.I),
     Concept("abnormal extraocular movements", None)),
    (re.compile(r"\bcranial\s+nerves?\s+(?:exam(?:ination)?\s+(?:is\s+|was\s+)?)?(?:(?:II|2)\s*(?:through|to|-)\s*(?:XII|12)\s*)?"
                r"[\s:-]*(?:are\s+|were\s+)?(?:grossly\s+)?(?:intact|within\s+normal\s+limits|normal)\b|"
                # probe13 (an office template): "Testing of cranial nerves reveals no deficits"
                r"\bcranial\s+nerves?\s+(?:reveals?|revealed|shows?|showed)\s+no\s+deficits?\b|"
                # probe18: "CN: Unremarkable." (a neurology exam line)
                r"\b(?:CN|cranial\s+nerves?)\s*:?\s*(?:(?:II|2)\s*(?:through|to|-)\s*(?:XII|12)\s*)?"
                r"(?:are\s+|were\s+)?(?:grossly\s+)?(?:intact|unremarkable|normal|"
                r"within\s+normal\s+limits)\b",
                re.I), Concept("cranial nerve deficit", None)),
    (re.compile(r"\bhemodynamically\s+stable\b", re.I), Concept("hemodynamic instability", None)),
    (re.compile(r"\bneurologically\s+(?:grossly\s+)?intact\b", re.I),
     Concept("neurological deficit", None)),
    (re.compile(r"\bmoist\s+mucous\s+membranes\b|\bmucous\s+membranes\s+(?:are\s+|were\s+)?"
                r"(?:pink\s+and\s+)?moist\b|"
                # "Oral mucosa is still moist", "Mouth moist" (probe6; "nasal mucosa" is not it)
                r"\b(?:oral\s+mucosa|mouth)\s+(?:is\s+|was\s+)?(?:still\s+)?moist\b", re.I),
     Concept("dry mucous membranes", None)),
    # "Sensory: intact" / "sensory exam intact" (issue 16 problem round 3)
    (re.compile(r"\bsensations?\s*(?:is\s+|was\s+|are\s+|were\s+|:\s*)?(?:grossly\s+)?(?:intact|normal)\b|"
                r"\b(?:intact|normal|good)\s+"
                r"sensation\b|\bsensory(?:\s+exam(?:ination)?)?\s*(?:is\s+|was\s+|:\s*)"
                # probe18: "Sensory: unremarkable." (a neurology exam line)
                r"(?:grossly\s+)?(?:intact|unremarkable|normal|within\s+normal\s+limits)\b|"
                # "Motor and sensory are grossly intact" (probe6)
                r"\bmotor\s+and\s+sensory\s+(?:exams?\s+)?(?:are|were)\s+(?:grossly\s+)?intact\b",
                re.I), Concept("sensory deficit", None)),
    # "active bowel sounds" (issue 16 problem round 3; "hyperactive" is another word)
    (re.compile(r"\b(?:normal|positive|normoactive|present|active|good)\s+bowel\s+sounds\b|"
                r"\bbowel\s+sounds\s+(?:are\s+|were\s+)?(?:present|normal|normoactive|"
                r"positive|active)\b|"
                r"\+\s*BS\b", re.I), Concept("abnormal bowel sounds", "R19.15")),
    # "JVP is normal", "JVP is flat", "JVP not elevated" (issue 16 problem probe)
    # probe13: "Neck veins are flat" (the jugular veins seen flat)
    (re.compile(r"\b(?:JVP|neck\s+veins?|jugular\s+veins?)\s+(?:is\s+|was\s+|are\s+|were\s+)?"
                r"(?:normal|flat|not\s+(?:elevated|raised|distended))\b|"
                r"\b(?:flat|normal)\s+(?:JVP|neck\s+veins)\b", re.I), Concept("jugular venous distension", None)),    # issue 16 NegEx round 5: head, abdomen, strength, pulses, capillary refill, heart
    # sounds, rhythm strip, ears, throat, hydration, vital signs, gait
    # probe10: "in an atraumatic fashion", "atraumatic forceps": a surgical technique or
    # instrument, not the head exam
    (re.compile(r"\b(?:normocephalic[\s,/]+(?:and\s+)?)?atraumatic\b(?!\s+(?:fashion|manner|"
                r"technique|approach|needles?|instruments?|forceps|clamps?|graspers?|"
                r"dissection|insertion|placement|retraction))|\bNC\s*/\s*AT\b|"
                r"\bNCAT\b", re.I), Concept("head injury", "S09.90")),
    # probe21: "Abdomen is flat, soft, nontender" (a shape word and its comma before "soft")
    # p21fix (review): only a shape word before the comma ("Abdomen firm, soft in places",
    # "ABDOMEN: Rigid, soft tissue swelling" are no rigidity ruled out), never "soft tissue" /
    # "soft bowel sounds"
    (re.compile(r"\babdomen\b[\s:,-]*(?:(?:is|was)\s+)?(?:(?:(?:flat|obese|scaphoid|protuberant|"
                r"round(?:ed)?|non-?distended|distended|benign)\s*,?|(?!not\b|non\b|rigid\b|"
                r"firm\b|tense\b|hard\b|board\w*\b|guarded\b)\w+)\s+)?"
                r"soft\b(?!\s+(?:tissues?|bowel)\b)(?!\s*\?)|"
                r"\bsoft\s+abdomen\b",
                re.I), Concept("abdominal rigidity", "R19.30")),
    (re.compile(r"\b(?:motor|strength|power)\b[\s:,-]*(?:(?:is|was|are|were)\s+)?"
                r"(?:(?:strength|exam(?:ination)?)\s+(?:is\s+)?)?(?:\+?5\s*(?:/|out\s+of)\s*5|intact|full|normal"
                # "MOTOR: Normal bulk and tone, power 3/5 in the left arm": "normal" is the
                # bulk's, the strength is read on its own (review4)
                r"(?!\s+(?:bulk|tone|muscle)\b))"
                r"(?:\s+(?:and\s+)?(?:symmetric(?:al)?|equal))?(?:\s+(?:in\s+)?(?:all|both|"
                r"upper|lower|bilateral(?:ly)?)(?:\s+(?:four|4|upper|lower|and))*\s+"
                r"extremities)?|\b5\s*(?:/|out\s+of)\s*5\s+(?:motor|strength|power)\b|"
                r"\b(?:good|full|normal)\s+(?:grip\s+|motor\s+)?strength\b|"
                # probe11: "Normal bulk, tone and power", "No loss of muscle tone or strength"
                r"\bnormal\s+(?:(?:bulk|tone)\s*,?\s*(?:and\s+)?)+(?:power|strength)\b"
                # "Normal bulk and tone, power 3/5 in the left arm": a graded power (review4)
                r"(?!\s*(?:is\s+)?[:=]?\s*[0-4][+-]?\s*/\s*5)|"
                r"\bno\s+loss\s+of\s+(?:muscle\s+)?(?:(?:tone|bulk)\s+(?:or|and)\s+)?"
                r"(?:strength|power)\b|"
                r"\bmotor\s+and\s+sensory\s+(?:exams?\s+)?(?:are|were)\s+(?:grossly\s+)?intact\b",
                re.I),
     Concept("weakness", "R53.1")),
    (re.compile(r"(?:\+\s*2|\b2\s*\+)\s*(?:and\s+(?:equal|symmetric)\s+)?(?:(?:radial|"
                r"pedal|distal|peripheral|dorsalis\s+pedis|femoral|carotid)\s+)*pulses\b|"
                r"\b(?:strong|good|positive|palpable|normal|intact|equal)\s+(?:(?:and\s+)?"
                r"(?:equal|symmetric|radial|pedal|distal|peripheral|dorsalis\s+pedis|"
                # probe21: "palpable bilateral femoral pulses were noted"
                r"bilateral|femoral|brachial|popliteal|posterior\s+tibial)\s+)*"
                r"pulses\b|\bpulses\s+(?:are\s+|were\s+)?(?:2\s*\+|\+\s*2|intact|palpable|"
                r"strong|normal|equal|present\b)|"
                # "Femorals are well palpable" (probe6: the pulses named by their site alone)
                r"\b(?:femorals|radials|pedals)\s+(?:are\s+|were\s+)?(?:well\s+|easily\s+)?"
                r"(?:palpable|felt|intact|strong)\b", re.I), Concept("diminished pulses", None)),
    (re.compile(r"\b(?:good|normal|brisk|intact)\s+cap(?:illary)?\s+refill\b|"
                r"\bcap(?:illary)?\s+refills?(?:\s+time)?\s+(?:is\s+|was\s+)?(?:normal|brisk|intact|immediate|prompt|"
                r"(?:<|less\s+than)\s*(?:2|3|two|three)\b)", re.I),
     Concept("delayed capillary refill", "R23.8")),
    (re.compile(r"\bheart\s+(?:sounds|tones)\s+(?:are\s+|were\s+)?regular\b|\bregular\s+"
                r"heart\s+(?:sounds|tones|rhythm)\b|\b(?:normal\s+)?sinus\s+rhythm\b|\bNSR\b",
                re.I), Concept("arrhythmia", "I49.9")),
    # "TMs benign", "tympanic membranes within normal limits" (issue 16 problem round 3)
    (re.compile(r"\b(?:TMs|tympanic\s+membranes?)\s+(?:are\s+|were\s+|is\s+)?(?:clear|"
                r"normal|intact|benign|within\s+normal\s+limits|pearly(?:\s+gr[ae]y)?)\b", re.I),
     Concept("tympanic membrane abnormality", "H73.90")),
    # "well hydrated" as a state, not advice ("advised to stay well hydrated")
    (re.compile(r"(?<!stay\s)(?<!keep\s)(?<!remain\s)(?<!be\s)\bwell[\s-]+hydrated\b", re.I),
     Concept("dehydration", "E86.0")),
    # probe20: "Gait and station are unremarkable", "Gait: unremarkable." (a neurology exam
    # line), "gait within normal limits" (p20fix: not when the line or sentence qualifies it
    # or names a gait abnormality: ``_gait_qualified``)
    (re.compile(r"\bgait(?:\s+and\s+station)?\s*(?::\s*|(?:is|was|are|were)\s+)?"
                r"(?:normal|steady|stable|unremarkable|within\s+normal\s+limits)\b|"
                r"\b(?:normal|steady)(?:\s+and\s+(?:symmetric(?:al)?|steady|stable|normal))?\s+gait\b",
                re.I), Concept("gait abnormality", "R26.9")),
    # issue 16 problem round 7 (probe9): "Examination is nonfocal", "nonfocal neurologic
    # exam" -> neurological deficit; "Carotids are silent" -> carotid bruit (R09.89)
    (re.compile(r"\b(?:neuro(?:logic(?:al)?)?\s+)?exam(?:ination)?\s+(?:is|was)\s+"
                r"(?:grossly\s+)?non-?focal\b|\bnon-?focal\s+(?:neuro(?:logic(?:al)?)?\s+)?"
                r"exam(?:ination)?\b", re.I), Concept("neurological deficit", None)),
    (re.compile(r"\bcarotids?\s+(?:are\s+|were\s+|is\s+)?(?:silent|quiet|without\s+bruits?)\b",
                re.I), Concept("carotid bruit", "R09.89")),
    # probe17: "Hearing was grossly intact" rules out hearing loss (ICD-10-CM H91.90), as
    # "sensation intact" rules out a sensory deficit (not with a hearing aid in the sentence,
    # past a semicolon too: "Hearing intact bilaterally; uses hearing aid on the left", p17b)
    (re.compile(r"\bhearing\s+(?:is\s+|was\s+|appears\s+|appeared\s+)?(?:grossly\s+)?"
                r"(?:intact|normal|adequate)\b(?![^.\n]{0,60}\b(?:aids?|amplification|implants?)\b)",
                re.I), Concept("hearing loss", "H91.90")),
    # probe21: "EKG is within normal limits", "normal EKG" -> abnormal electrocardiogram
    # (ICD-10-CM R94.31), the guideline's "structure stated normal" rule for a study (not
    # with an abnormality later in the sentence: "EKG normal except for T wave inversion",
    # nor "normal sinus rhythm", the rhythm's own rule)
    (re.compile(r"(?:\b(?:EKG|ECG|electrocardiogram)\s*(?::\s*|(?:is|was)\s+)?(?:entirely\s+)?"
                r"(?:within\s+normal\s+limits|normal|unremarkable)\b(?!\s+sinus)|"
                r"\bnormal\s+(?:EKG|ECG|electrocardiogram)\b)"
                r"(?![^.\n]*\b(?:except|but|however|ST|T[\s-]+waves?|Q[\s-]+waves?|inver\w*|"
                r"depression|elevation|block|abnormal\w*|changes?|flattening)\b)", re.I),
     Concept("abnormal electrocardiogram", "R94.31")),
)
#: Speed: each pattern above is tried only in a window around its key words.
_NORMAL_KEYS = tuple(re.compile(k, re.I) for k in (
    r"\bclear|\bCT[AP]", r"\bPERR?LA?\b|\bpupils?\b|\breactive\s+pupils",
    r"\b(?:awake|alert|oriented)\b|\bA\s*&\s*O(?:\b|(?=x\s*\d))|\bA?AO\s*x",
    r"\bregular\s+rate|\bRRR\b", r"\bsupple\b",
    r"\bEOMI\b|\bEOMs?\b|\bextraocular\b", r"\bcranial\s+nerve|\bCN\b", r"\bhemodynamically\b",
    r"\bneurologically\b", r"\bmoist\b", r"\bsensations?\b|\bsensory\b",
    r"\bbowel\s+sounds\b|\+\s*BS\b", r"\bJVP\b|\b(?:neck|jugular)\s+veins?\b",
    r"\batraumatic\b|\bNC\s*/\s*AT\b|\bNCAT\b", r"\bsoft\b",
    r"\b(?:motor|strength|power)\b", r"\bpulses\b|\b(?:femoral|radial|pedal)s\b",
    r"\brefill\b",
    r"\bregular\b|\bsinus\s+rhythm\b|\bNSR\b", r"\bTMs\b|\btympanic\b",
    r"\bhydrated\b", r"\bgait\b", r"\bnon-?focal\b", r"\bcarotids?\b", r"\bhearing\b",
    r"\b(?:EKG|ECG|electrocardiogram)\b"))
#: Speed: lower-case words one of which each key above needs (a key is scanned only when one
#: is in the note; same matches).
_NORMAL_LITERALS: tuple[tuple[str, ...], ...] = (
    ("clear", "cta", "ctp"), ("per", "pupil"), ("awake", "alert", "oriented", "&", "aao", "aox"),
    ("regular", "rrr"), ("supple",), ("eom", "extraocular"), ("cranial", "cn"),
    ("hemodynamically",), ("neurologically",), ("moist",), ("sensation", "sensory"), ("bowel", "bs"),
    ("jvp", "veins", "vein"), ("atraumatic", "nc", "ncat"), ("soft",), ("motor", "strength", "power"),
    ("pulses", "femorals", "radials", "pedals"), ("refill",), ("regular", "sinus", "nsr"), ("tms", "tympanic"),
    ("hydrated",), ("gait",), ("focal",), ("carotid",), ("hearing",),
    ("ekg", "ecg", "electrocardiogram"))




_NORMAL_NEGATED = re.compile(r"\b(?:not|no\s+longer|less|more|barely|poorly|not\s+fully|no|"
                             r"absent|without|decreased|diminished|weak|faint)\s+$",
                             re.I)
_NORMAL_QUALIFIED = re.compile(r"\s*,?\s*(?:except|however|although|though|"
                               r"but(?!\s+(?:there|i|he|she|the\s+patient)\b)|"
                               r"with\s+the\s+exception|other\s+than|apart\s+from|save\s+for)\b",
                               re.I)
#: probe17: "The lungs are clear of any abnormal airspace consolidation, pleural effusion, or
#: pneumothorax" (an imaging report): "clear of" negates the findings it lists (context rule
#: "clear of"); it is no auscultation statement
_CLEAR_OF = re.compile(r"\s+of\b", re.I)
#: p17fix (review): "The left pupil is equal and reactive to light. The right pupil is fixed
#: and dilated": the singular form describes one pupil, not both; no normal item when a side
#: (or "one") names it or another pupil is described abnormal nearby
_SINGLE_PUPIL = re.compile(r"pupil\b(?!s)", re.I)
_SIDE_BEFORE = re.compile(r"\b(?:left|right|one|other|l|r|od|os)\s+$", re.I)
_PUPIL_ABNORMAL = re.compile(r"\b(?:fixed|dilated|non-?reactive|unreactive|sluggish\w*|"
                             r"blown|irregular|minimally\s+reactive)\b", re.I)


def _one_pupil_only(text: str, m: re.Match[str]) -> bool:
    """Whether a normal-pupil match is the singular "pupil (is) equal and reactive" said of
    one pupil only (see ``_SINGLE_PUPIL``)."""
    if not _SINGLE_PUPIL.match(m.group()):
        return False
    return bool(_SIDE_BEFORE.search(text[max(0, m.start() - 12):m.start()])
                or _PUPIL_ABNORMAL.search(text[max(0, m.start() - 200):m.end() + 200]))


#: "strength is 5/5 for the upper extremities": one limb or part only, not "no weakness"
_PART_LIMB = re.compile(r"\s*(?:for|in|of|at|on)\s+(?:the\s+|his\s+|her\s+)?(?:(?:left|right|"
                        r"upper|lower|bilateral\s+upper|bilateral\s+lower)\b|(?:arms?|legs?|"
                        r"hands?|feet|foot|(?:dorsi|plantar)?flexors?)\b)", re.I)
#: Review of probe13: the rest of a normal wording's clause (to the next comma or clause end)
#: that takes it back ("Neck veins are normal in appearance but JVP is elevated", "Sensation
#: is normal on the right, absent on the left", "Motor strength 5 out of 5 throughout except
#: left hip flexion 4 out of 5"): a contrast word, a side, a contrary word, a grade below 5
_CLAUSE_REST = re.compile(r"[^,.;\n]{0,80}")
_CLAUSE_TAKEN_BACK = re.compile(
    r"\b(?:but|except|however|although|though|on\s+the\s+(?:right|left)|decreased|diminished|"
    r"absent|elevated|distended|reduced|weak|weaker|impaired|raised|engorged)\b|"
    r"(?<![\d.])[0-4](?:\.\d)?[+-]?\s*(?:/|out\s+of)\s*5\b", re.I)
#: Review of probe13: the same finding named abnormal elsewhere in the note wins over the
#: normal wording ("Jugular veins are flat. Neck veins are distended.")
_ABNORMAL_ELSEWHERE: dict[str, re.Pattern[str]] = {
    "jugular venous distension": re.compile(
        r"\b(?:JVP|JVD|neck\s+veins?|jugular\s+veins?|jugular\s+venous\s+pressure)\b"
        r"[^.;\n]{0,30}?\b(?:elevated|raised|distended|engorged|increased)\b|"
        r"\b(?:elevated|raised|distended|engorged|increased)\s+(?:JVP|neck\s+veins?|"
        r"jugular\s+veins?|jugular\s+venous\s+pressure)\b", re.I),
    "sensory deficit": re.compile(
        r"\b(?:decreased|diminished|reduced|absent|impaired|loss\s+of)\s+(?:\w+\s+){0,2}?"
        r"(?:sensation|sensory)\b|\b(?:sensation|sensory)\b[^.;\n]{0,30}?\b(?:decreased|"
        r"diminished|reduced|absent|impaired)\b", re.I),
    "weakness": re.compile(
        r"(?:\b(?:strength|motor|power|flexion|extension|flexors?|extensors?|abduction|"
        r"adduction|grip|dorsiflexion|plantarflexion)\b[^.;\n]{0,40}?)"
        r"(?<![\d.])[0-4](?:\.\d)?[+-]?\s*(?:/|out\s+of)\s*5\b", re.I),
}
#: A denial in or right before an "abnormal elsewhere" match ("Neck veins are not distended",
#: "No decreased sensation"): that names the finding normal, not abnormal (review of probe14)
_DENIED_ABNORMAL = re.compile(r"\b(?:not|no|without|negative\s+for)\b|n't\b", re.I)


def _named_abnormal(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` finds the finding named abnormal, not denied, anywhere in ``text``."""
    def denied(m: re.Match[str]) -> bool:
        # the denial's window starts at the match's own clause ("No bruits. JVP elevated")
        start = max(0, m.start() - 15)
        start = max([start] + [k + 1 for k in (text.rfind(c, start, m.start()) for c in ".;,:\n")])
        return bool(_DENIED_ABNORMAL.search(text, start, m.end()))
    return any(not denied(m) for m in pattern.finditer(text))
_DISTRESS = folded(re.compile(r"\b(?P<d>(?:acute|apparent|obvious|any)\s+distress)\b|"
                       r"\bin\s+(?:no\s+)?(?P<d2>(?:(?:some|mild|moderate|severe|significant)\s+)?"
                       r"distress)\b", re.I))
_DISTRESS_CONCEPT = Concept("distress", None)
#: ext13b: "NAD", the exam's "no acute distress" (capitals, a word of its own: not "NADH",
#: "NAD+", "NADPH"), distress absent as "in no acute distress" (guideline round 4)
_NAD = re.compile(r"(?<![\w+/&-])NAD(?![\w+(/&-])")
#: ... not the "nothing abnormal detected" of a test's result ("Urine dip: NAD", "ECG NAD")
_NAD_TEST = re.compile(r"\b(?:urine|urinalysis|UA|dip\w*|MSU|ECG|EKG|CXR|x-?ray|bloods?|FBC|"
                       r"U&Es?|LFTs?|CT|MRI|US|USS|scan|smear|film|MC&S)\b[\s:,-]*$", re.I)

#: (extfix13b) ... read as no distress only in a general / constitutional position: after a
#: "General:" / "Constitutional:" header, "in NAD", beside the general survey's words
#: ("alert, NAD", "A&Ox3, NAD", "WDWN, NAD", "Pt is NAD"), or opening an "O:" / exam
#: paragraph; a region's result ("Abdomen: NAD": the UK "nothing abnormal detected") or the
#: molecule ("Impression: NAD deficiency") is no distress
_NAD_GENERAL = re.compile(
    r"(?:(?:^|\b)(?:general(?:\s+appearance)?|gen|constitutional|GA|appearance|O|objective|"
    r"exam(?:ination)?|PE|physical\s+exam(?:ination)?|on\s+exam(?:ination)?)\s*:?|\bin|"
    r"\b(?:alert|awake|A\s*&\s*O\s*x?\s*[34]|AAO\s*x?\s*[34]|A/O\s*x?\s*[34]|"
    r"oriented(?:\s*x\s*[34])?|comfortable|well[- ]appearing|well[- ]nourished|WDWN|WN/?WD|"
    r"pleasant|cooperative|pt|patient)(?:\s+(?:is|appears|was))?[\s,;]*(?:and)?)\s*$", re.I)
_EXAM_PARAGRAPH = re.compile(r"\s*(?:O|objective|exam(?:ination)?|PE|physical\s+exam(?:ination)?"
                             r"|general|gen|constitutional)\s*:", re.I)

_HEADER_BEFORE = re.compile(r"(?:^|(?<=[\s,.;]))[A-Za-z][A-Za-z/&]*(?:[ \t][A-Za-z/&]+){0,2}"
                            r"[ \t]*:")
_SURVEY_BEFORE = re.compile(r"\b(?:A\s*&\s*O|AAO|A/O|alert|oriented|in\s+general)\b", re.I)


def _nad_general(text: str, at: int, head: str) -> bool:
    """(extfix13b) Whether the "NAD" at ``at`` (its clause's words before it: ``head``)
    stands in a general / constitutional position (``_NAD_GENERAL``); a clause of its own
    counts where its line opens an "O:" / exam / general paragraph."""
    if re.match(r"\s*(?:deficien|level|supplement|precursor|kinase|metabol|synth|depend)",
                text[at + 3:at + 20], re.I):
        return False
    if _NAD_GENERAL.search(head):
        return True
    if head.strip():
        return False
    # a clause of its own: the header it stands under ("O:\n VSS.  In general, patient is
    # A&Ox3.  NAD.  Heart: RRR"), else the general survey's words just before it
    before = text[max(0, at - 120):at]
    before = before[before.rfind("\n\n") + 1:]
    headers = list(_HEADER_BEFORE.finditer(before))
    if headers:
        return bool(_EXAM_PARAGRAPH.match(headers[-1].group(0)))
    return bool(_SURVEY_BEFORE.search(before))


#: probe20: a deep tendon reflex graded 3+ or 4+ ("Reflexes: 3+ throughout", "DTRs are 3+
#: and symmetric", "patellar reflexes 4+") is hyperreflexia (HPO HP:0001347), present: the
#: NINDS myotatic reflex scale (Hallett M, Neurology 1993;43:2723) grades 3+ "more brisk than
#: normal" and 4+ "with clonus"; 2+ (normal) and 1+ ("may or may not be normal") give no item
_REFLEX_GRADE = re.compile(
    r"\b(?:(?:deep\s+tendon\s+)?reflexes|DTRs?|(?:biceps|triceps|brachioradialis|patellar|"
    r"knee|ankle|achilles)\s+(?:reflex(?:es)?|jerks?))\s*(?::\s*|(?:are|were|is|was)\s+)?"
    r"(?:(?:brisk|symmetric(?:al)?|equal)\s+(?:and\s+)?|at\s+)?"
    r"(?:\+\s*[34]|[34]\s*\+|[34]\s*/\s*4)(?!\.?\d)", re.I)
_HYPERREFLEXIA = Concept("hyperreflexia", None, ("HP:0001347",))
#: probe21: a reflex statement whose current grade ("now", "currently", "today") is 3+/4+
_REFLEX_NOW = re.compile(
    r"\b(?:(?:deep\s+tendon\s+)?reflexes|DTRs?)\b[^.;\n]{0,60}?\b(?:now|currently|today|"
    r"presently|at\s+present)\s+(?:(?:are|is)\s+)?(?:\+\s*[34]|[34]\s*\+|[34]\s*/\s*4)(?!\.?\d)",
    re.I)


#: p20fix: a qualifier after it, or an abnormality of gait or station in the same line or
#: sentence, of a normal gait statement ("Gait: unremarkable, but she walks with a wide base", "Gait
#: is unremarkable; tandem gait impaired"): the gait is not stated normal (HPO HP:0001288
#: gait disturbance: ataxic, broad-based, shuffling, spastic, antalgic, waddling gait)
_GAIT_QUALIFIER_AFTER = re.compile(r"\b(?:but|although|though|except|however|yet)\b", re.I)
_GAIT_QUALIFIER = re.compile(
    r"\b(?:impaired|abnormal|unsteady|"
    r"difficult\w*|unable|ataxic|ataxia|antalgic|shuffl\w*|spastic|waddl\w*|wide[\s-]+bas\w*|"
    r"wide\s+stance|broad[\s-]+bas\w*|limp\w*|festinat\w*|magnetic|steppage|wobbl\w*|"
    r"staggering|cane|walker|slow|romberg\s+(?:is\s+|was\s+)?positive|positive\s+romberg)\b",
    re.I)


#: p21fix (review): a pulse later in the line that is lost ("Palpable bilateral femoral
#: pulses; dorsalis pedis and posterior tibial pulses not palpable on the right", "Palpable
#: femoral pulses, nonpalpable pedal pulses"): no diminished pulses ruled out
_PULSES_LOST_LATER = re.compile(r"\b(?:not\s+(?:palpable|palpated|felt|present|detected)|"
                                r"non-?palpable|impalpable|absent|diminished|decreased|weak|"
                                r"faint|thready|reduced|dopplerable|doppler|monophasic|"
                                r"barely|"
                                # gaps16: a current grade below 2+ said after it ("Previously
                                # pulses were 2+, now 1+"): the 2+ was an earlier exam
                                r"now\s+(?:(?:are|is)\s+)?(?:only\s+)?(?:[01]\s*\+|\+\s*[01]|"
                                r"[01]\s*/\s*4|trace))(?![\w+])", re.I)


#: negscope (issue 16): a pulse graded below normal in the same exam item ("Pulses 2+ femoral,
#: 1+ dorsalis pedis bilaterally", "He has 2+ pedal pulse on the left and 1+ on the right",
#: "DP 0/4"): on the standard 0-4+ pulse amplitude scale 0 is absent, 1+ diminished or barely
#: palpable, 2+ normal, 3+ full, 4+ bounding (Bates' Guide to Physical Examination; StatPearls
#: "Physiology, Pulse"/peripheral vascular exam grading), so no diminished pulse is ruled out.
#: The grade must be a pulse's (a pulse site or "pulse" next to it, or "on the right/left"): a
#: graded edema ("1+ pretibial edema") is not a pulse
_PULSE_SITE = (r"(?:pulses?|pedis|DP|PT|radials?|femorals?|popliteals?|(?:posterior\s+)?tibials?|"
               r"tibialis|brachials?|carotids?|ulnars?|pedals?|dorsal(?:is)?)"
               # "trace pedal edema", "1+ tibial swelling": the site of an edema (review)
               r"(?!\s+(?:pitting\s+)?(?:edema|oedema|swelling))")
_PULSE_LOW_GRADE = (r"(?:(?<![\d.+])[01]\s*\+(?!\s*\d)|(?<![\d.])\+\s*[01](?![\d.])|"
                    r"(?<![\d.])[01]\s*/\s*4\b|\btrace\b)")
_PULSE_GRADED_LOW = re.compile(
    _PULSE_LOW_GRADE + r"\s*(?:(?:and\s+)?(?:\w+\s+){0,2}?" + _PULSE_SITE + r"\b|(?:on|in|at)\s+"
    r"(?:the\s+)?(?:right|left)\b)|\b" + _PULSE_SITE + r"\b(?:\s+\w+){0,2}?\s*(?::\s*|"
    r"(?:are|is|were|was)\s+)?(?:only\s+)?" + _PULSE_LOW_GRADE, re.I)


def _pulse_graded_low(text: str, m: re.Match[str]) -> bool:
    """Whether the sentence of a normal-pulse wording grades a pulse below 2+ (see above)."""
    starts = [m2.end() for m2 in re.finditer(r"\n|\.\s", text[:m.start()])]
    before = text[starts[-1] if starts else 0:m.start()]
    sent = before + " " + _line_rest(text, m.end())
    for g in _PULSE_GRADED_LOW.finditer(sent):
        if re.search(_PULSE_SITE, g.group(), re.I):
            return True
        # "1+ on the right": a pulse's grade only after a pulse word with no reflex or edema
        # between ("reflexes 1+ at the right ankle": review, 2026-12-06)
        lead = sent[max(0, g.start() - 40):g.start()]
        if re.search(r"\bpulses?\b(?![^.;]*\b(?:reflex|DTR|jerk|edema|oedema|swelling))", lead,
                     re.I):
            return True
    return False


#: negscope (issue 16): a sinus rhythm said with a rate outside 60-100/min or with another
#: rhythm in the sentence ("Normal sinus rhythm, rate 110": sinus tachycardia, a sinus rhythm
#: over 100/min, 2015 ACC/AHA/HRS SVT guideline; "sinus bradycardia alternating with a normal
#: sinus rhythm"; "NSR with PVCs") rules out no arrhythmia
#: (not a bundle branch or fascicular block: a conduction disorder, ICD-10-CM I44-I45, with
#: the rhythm itself sinus, "normal sinus rhythm with a right bundle branch block"; nor a
#: rhythm word denied, "no ectopics noted")
_RHYTHM_OTHER = re.compile(r"(?<!\bno\s)(?<!\bwithout\s)(?<!\bnot\sa\s)(?<!\bnot\sany\s)"
                           r"\b(?:tachy\w*|brady\w*|alternat\w*|exit\s+block|ectop\w*|PVCs?|"
                           r"PACs?|premature|pauses?|fibrillation|flutter|bigeminy|trigeminy)\b",
                           re.I)
#: A rhythm word denied in a list ("no bradycardia or tachycardia", "without PVCs, PACs or
#: pauses": review, 2026-12-06) names no other rhythm
_RHYTHM_DENIED = re.compile(r"\b(?:no|without|denies|negative\s+for|free\s+of)\b[^.;:]*$", re.I)
#: A heart rate stated with the rhythm: after a rate word ("rate 110", "heart rate of 110",
#: "ventricular rate approximately 120", "HR: 110", "pulse 110") or "at N" with a per-minute unit
#: ("at 110 bpm"). Not an interval, axis or other number ("PR interval of 220", "QTc of 460",
#: "axis of 120", "temperature of 102", "glucose of 250", "200 joules": review, 2026-12-06;
#: AHA/ACC/HRS 2009 ECG standardization: PR/QRS/QT are intervals in ms, the axis in degrees),
#: and never a respiratory rate
_RATE_WORD = (r"(?<!respiratory\s)(?<!resp\s)(?<!resp\.\s)(?<!respiration\s)"
              r"\b(?:(?:heart|ventricular|sinus)\s+)?(?:rate|HR|pulse)\b")
_RHYTHM_RATE = re.compile(
    _RATE_WORD + r"\s*(?:(?:of|is|was|about|approximately|around|at|:|=)\s*){0,2}(\d{2,3})"
    r"(?![\d.])(?!\s*(?:%|mm|ms|msec|mg|mL|years?|y/?o|degrees?)\b)|"
    # gaps16: the per-minute unit is consumed (not only looked ahead to), so the finding's
    # span holds it and the span's own words read the rate again in grounding
    # (``normal_exam_supports``): "sinus rhythm at 130 bpm" had been dropped there
    r"\bat\s+(?:a\s+rate\s+of\s+)?(\d{2,3})\s*(?:bpm\b|beats\b(?:\s+per\s+min(?:ute)?\b)?|"
    r"per\s+min(?:ute)?\b|/\s*min\b)", re.I)
#: A fast rate on effort is physiology, not a current tachycardia ("rate of 110 on exertion")
_RATE_ON_EFFORT = re.compile(r"^\D{0,20}\b(?:on|with|during|after)\s+(?:\w+\s+)?(?:exertion|exercise|"
                             r"ambulation|activity|walking|stress|treadmill)", re.I)


def _rate_value(r: re.Match[str]) -> int:
    """The rate a ``_RHYTHM_RATE`` match states (whichever alternative matched)."""
    return int(r.group(1) or r.group(2))


def _sinus_rate(text: str, m: re.Match[str]) -> int | None:
    """The rate stated with a sinus-rhythm wording, in its sentence after it (None: none)."""
    r = _RHYTHM_RATE.search(_line_rest(text, m.end()))
    return _rate_value(r) if r else None


def _rhythm_qualified(text: str, m: re.Match[str]) -> bool:
    """Whether a sinus-rhythm wording's sentence names another rhythm or a rate outside
    60-100/min (see ``_RHYTHM_OTHER``)."""
    if not re.search(r"sinus|NSR", m.group(), re.I):
        return False
    starts = [m2.end() for m2 in re.finditer(r"\n|\.\s", text[:m.start()])]
    sent = text[starts[-1] if starts else 0:m.start()] + " " + _line_rest(text, m.end())
    rate = _sinus_rate(text, m)
    if rate is None:
        # "Heart rate 110, normal sinus rhythm": the rate named before it
        r = _RATE_BEFORE.search(sent[:len(sent) - len(_line_rest(text, m.end())) - 1])
        rate = int(r.group(1)) if r else None
    other = any(not _RHYTHM_DENIED.search(sent[max(0, o.start() - 40):o.start()])
                for o in _RHYTHM_OTHER.finditer(sent))
    return other or (rate is not None and not 60 <= rate <= 100)


#: A heart rate named before a sinus-rhythm wording in its sentence ("HR 110, NSR")
_RATE_BEFORE = re.compile(_RATE_WORD + r"\s*(?:is\s+|was\s+|of\s+|:\s*|=\s*)?"
                          r"(\d{2,3})(?![\d.])", re.I)
_TACHYCARDIA = Concept("tachycardia", "R00.0")


def _line_rest(text: str, end: int) -> str:
    """The rest of the sentence: to its line's end or to a period that ends it."""
    stop = re.compile(r"\n|\.(?:\s|$)").search(text, end)
    return text[end:stop.start() if stop else len(text)]


#: p21fix (review): an EKG read normal at another time ("last year", "per the prior
#: cardiologist", "previously") or with an abnormality after it in the line or on the next
#: line ("EKG unremarkable; QTc 520", "EKG normal\nST elevation in V2-V4 on repeat")
_EKG_PAST = re.compile(r"\b(?:last\s+(?:year|month|week|visit|admission)|prior|previous(?:ly)?|"
                       r"old|earlier|ago|before|in\s+the\s+past|at\s+baseline|baseline|"
                       r"years?|months?)\b", re.I)
_EKG_ABNORMAL = re.compile(r"\b(?:QTc?|prolong\w*|axis|deviation|[LR]BBB|bundle|fibrillation|"
                           r"flutter|tachycardi\w*|bradycardi\w*|heart\s+rate\s+(?:of\s+)?1\d\d|"
                           r"repeat|N?STEMI|ischemi\w*|infarct\w*|ST|T[\s-]+waves?|"
                           r"Q[\s-]+waves?|inver\w*|depression|elevation|block|abnormal\w*|"
                           r"changes?|flattening|except|but|however)\b", re.I)


def _ekg_qualified(text: str, m: re.Match[str]) -> bool:
    """The EKG-normal reading's clause (to its sentence end, past ";"), its line, and the
    next line (``_EKG_PAST`` / ``_EKG_ABNORMAL``)."""
    stop = re.compile(r"\.(?:\s|$)").search(text, m.end())
    end = stop.start() if stop else len(text)
    nl = text.find("\n", m.end())
    if 0 <= nl < end:
        nl2 = text.find("\n", nl + 1)
        end = min(end, nl2 if nl2 >= 0 else len(text))
    starts = [m2.end() for m2 in re.finditer(r"\n|\.\s", text[:m.start()])]
    before = text[starts[-1] if starts else 0:m.start()]
    rest = text[m.end():end]
    return bool(_EKG_PAST.search(rest) or _EKG_PAST.search(before) or _EKG_ABNORMAL.search(rest))


def _gait_qualified(text: str, m: re.Match[str]) -> bool:
    """Whether the line or sentence of a normal gait statement qualifies it (see above)."""
    lo = max(text.rfind("\n", 0, m.start()), text.rfind(". ", 0, m.start())) + 1
    ends = [e for e in (text.find("\n", m.end()), text.find(". ", m.end())) if e >= 0]
    sent = text[lo:min(ends, default=len(text))]
    # the contrast word only after it ("..., but normal gait" states the gait normal)
    return bool(_GAIT_QUALIFIER.search(sent)
                or _GAIT_QUALIFIER_AFTER.search(text, m.end(), min(ends, default=len(text))))


#: p20fix: a grade said of an earlier exam ("Reflexes were 3+ previously, now 2+") is no
#: present hyperreflexia
_PAST_GRADE = re.compile(r"\b(?:previously|formerly|initially|earlier|prior|before|in\s+the\s+"
                         r"past|on\s+admission|at\s+admission|last\s+(?:visit|exam\w*|time))\b",
                         re.I)


def _clause_of(text: str, m: re.Match[str]) -> str:
    """The clause holding the match (from the last sentence/semicolon break to the next)."""
    lo = max(text.rfind(ch, 0, m.start()) for ch in ("\n", ". ", ";")) + 1
    ends = [e for e in (text.find(ch, m.end()) for ch in ("\n", ". ", ";")) if e >= 0]
    if text.endswith(".") and not ends:
        ends = [len(text) - 1]
    return text[lo:min(ends, default=len(text))]


def _partly_oriented(m: re.Match[str]) -> bool:
    """Probe18: "oriented to person and place" names fewer than the three spheres (person,
    place, time/date): a qualified statement, no item (the guideline's "oriented to person,
    place, but not date")."""
    w = m.groupdict().get("w4")
    if not w or not re.search(r"\bto\b", w, re.I):
        return False
    low = w.lower()
    return not ("person" in low and "place" in low and ("time" in low or "date" in low))


#: gaps16: the Moro reflex told abnormal: absent, asymmetric, incomplete, weak, exaggerated
#: or persistent (ICD-10-CM R29.2 "Abnormal reflex"; a primitive reflex of the newborn, HPO
#: HP:0002476 "Primitive reflex": its presence is normal in a newborn, so only an abnormal
#: Moro is a finding; an absent or asymmetric Moro points to a brachial plexus injury, a
#: clavicle fracture or CNS depression, an exaggerated or persistent one to a CNS disorder).
#: (extfix12, safety review) not "brisk": the normal newborn's wording ("Moro brisk and
#: symmetric, suck strong"), as "complete" and "symmetric" are
_MORO_ABNORMAL = (r"(?:absent|asymmetric(?:al)?|incomplete|weak|diminished|decreased|depressed|"
                  r"reduced|sluggish|poor|exaggerated|hyperactive|persistent|unilateral|"
                  r"(?:not|never)\s+(?:present|elicited|elicitable|obtained|seen))")
_MORO = re.compile(
    r"\bmoro(?:'s)?(?:\s+(?:reflex(?:es)?|response|startle))?\s*(?::\s*|(?:is|was|are|were|"
    r"appears?|appeared|seems?|seemed)\s+)?(?:(?:noted\s+to\s+be|found\s+to\s+be|very|"
    r"slightly|markedly|somewhat)\s+)?(?P<a>" + _MORO_ABNORMAL + r")\b|"
    r"\b(?P<b>" + _MORO_ABNORMAL + r")\s+moro(?:'s)?\b(?:\s+(?:reflex(?:es)?|response))?", re.I)
#: a denial right before the abnormal word ("no asymmetric Moro", "Moro not asymmetric",
#: "without an absent Moro"): nothing abnormal stated
_MORO_DENIED = re.compile(r"\b(?:no|not|without|negative\s+for)\s+(?:an?\s+)?$", re.I)
_ABNORMAL_MORO = Concept("abnormal Moro reflex", "R29.2")
#: the Moro reflex fades by about 4-6 months of age: an absent or weak one in an older child's
#: note is expected (only an asymmetric, exaggerated or persistent one is then a finding)
_MORO_LOST_WORD = re.compile(r"absent|incomplete|weak|diminished|decreased|depressed|reduced|"
                             r"sluggish|poor|not|never", re.I)


#: (extfix12) the patient's age: an age word then the infant / child it is ("9-month-old boy",
#: "2 yo male"), or "age(d) 8 months"; another person's age ("born to a 32-year-old G2P1
#: mother") is none
_AGE = re.compile(r"\b(?P<aged>(?:age|aged|at\s+age)\s*(?:of\s+)?:?\s*)?(\d{1,3})[- ]?"
                  r"(?:(?P<y>years?|yrs?|y/?o)|(?P<m>months?|mos?))(?:[- ]old)?\b", re.I)
_AGE_SUBJECT = re.compile(r"\s*,?\s*(?:(?:white|black|african[- ]american|hispanic|asian|"
                          r"caucasian|previously\s+healthy|term|former|ex-)\s*)*"
                          r"(?:boy|girl|infant|child|baby|male|female|toddler|kid|patient|pt|"
                          r"son|daughter|twin|man|woman|adolescent|teen\w*|m|f)\b", re.I)
_AGE_OTHER = re.compile(r"[^.;\n]{0,25}?\b(?:mother|father|mom|dad|parents?|sibling|brother|"
                        r"sister|grand\w+|aunt|uncle|G\d+\s*P\d+)", re.I)

#: the same before the age in its clause ("Mother is a 25-year-old", "born to a 30 yo")
_AGE_OTHER_BEFORE = re.compile(r"\b(?:mother|father|mom|dad|parents?|sibling|brother|sister|"
                               r"grand\w+|aunt|uncle|born\s+to|maternal|paternal)\b", re.I)


def _older_than_six_months(text: str) -> bool:
    """Whether the note states the patient's age as six months or more ("8-month-old boy",
    "2-year-old", "14 yo male", "age 8 months"). (extfix12, safety review) Only the
    patient's: an age with the child it is, after "age", or opening the note; never one
    followed by a relative or an obstetric history ("born to a 32-year-old G2P1 mother":
    the mother's age had hidden a newborn's absent Moro)."""
    for a in _AGE.finditer(text):
        n = int(a.group(2))
        if not ((a.group("y") and n >= 1) or (a.group("m") and n >= 6)):
            continue
        clause = text[max(text.rfind(c, 0, a.start()) for c in ".;\n") + 1:a.start()]
        if _AGE_OTHER.match(text, a.end()) or _AGE_OTHER_BEFORE.search(clause):
            continue
        at_start = not text[:a.start()].strip(" \t\n:-") or not re.search(
            r"[.;\n]", text[:a.start()])
        if a.group("aged") or _AGE_SUBJECT.match(text, a.end()) or at_start:
            return True
    return False


def _moro_findings(text: str) -> list[ExamFinding]:
    """gaps16: a Moro reflex told abnormal (``_MORO``), present; the span is the reflex and
    its abnormal word."""
    out: list[ExamFinding] = []
    for m in _MORO.finditer(text):
        word = "a" if m.group("a") else "b"
        if _MORO_DENIED.search(text[max(0, m.start(word) - 20):m.start(word)]) or \
                _MORO_DENIED.search(text[max(0, m.start() - 20):m.start()]):
            continue
        if _MORO_LOST_WORD.match(m.group(word)) and _older_than_six_months(text):
            continue
        out.append(ExamFinding(_ABNORMAL_MORO, m.start(), m.end(), "present"))
    return out


def normal_exam_findings(text: str) -> list[ExamFinding]:
    """Normal exam shorthand -> the finding it rules out, absent (table above); "no acute
    distress" -> distress, status left to the context rules; a function stated reduced or
    lost -> its deficit (``findings_deficit``); a pulse graded 0-1+ or nonpalpable ->
    diminished pulses, present (``findings_pulses``)."""
    out: list[ExamFinding] = []
    lower = text.lower()
    for (pattern, concept), key, words in zip(_NORMAL_EXAM, _NORMAL_KEYS, _NORMAL_LITERALS,
                                              strict=True):
        if not any(w in lower for w in words):
            continue
        abnormal = _ABNORMAL_ELSEWHERE.get(concept.name)
        if abnormal is not None and _named_abnormal(abnormal, text):
            continue
        for m in _windowed(pattern, key, text):
            if concept.name == "arrhythmia" and re.search(r"sinus|NSR", m.group(), re.I):
                rest = _line_rest(text, m.end())
                rate = _RHYTHM_RATE.search(rest)
                if rate is not None and _rate_value(rate) > 100 and not \
                        _RATE_ON_EFFORT.match(rest[rate.end():]) and not \
                        _NORMAL_NEGATED.search(text[max(0, m.start() - 20):m.start()]):
                    # negscope: "Normal sinus rhythm, rate 110" is sinus tachycardia (the
                    # span runs to the rate)
                    out.append(ExamFinding(_TACHYCARDIA, m.start(), m.end() + rate.end(),
                                           "present"))
                    continue
            rest = _CLAUSE_REST.match(text, m.end())
            if _NORMAL_NEGATED.search(text[max(0, m.start() - 20):m.start()]) or \
                    _NORMAL_QUALIFIED.match(text, m.end()) or _CLEAR_OF.match(text, m.end()) or \
                    (rest is not None and _CLAUSE_TAKEN_BACK.search(rest.group())) or \
                    (concept.name == "weakness" and _PART_LIMB.match(text, m.end())) or \
                    (concept.name == "gait abnormality" and _gait_qualified(text, m)) or \
                    (concept.name == "diminished pulses" and (_PULSES_LOST_LATER.search(
                        _line_rest(text, m.end())) or _pulse_graded_low(text, m))) or \
                    (concept.name == "arrhythmia" and _rhythm_qualified(text, m)) or \
                    (concept.name == "abnormal electrocardiogram" and _ekg_qualified(text, m)) or \
                    _one_pupil_only(text, m) or _partly_oriented(m):
                continue
            span = next((m.span(g) for g in ("w", "w2", "w3", "w4", "w5", "w6", "w7")
                         if g in pattern.groupindex and m.group(g)), m.span())
            out.append(ExamFinding(concept, span[0], span[1], "absent"))
    # "awake, alert, and oriented x3": one reading of the same finding, one span
    out.sort(key=lambda f: f.start)
    merged: list[ExamFinding] = []
    for f in out:
        prev = merged[-1] if merged else None
        if prev is not None and prev.concept == f.concept and \
                re.fullmatch(r"[\s,;]*(?:and\s+)?", text[prev.end:f.start]):
            merged[-1] = ExamFinding(f.concept, prev.start, max(prev.end, f.end), "absent")
        else:
            merged.append(f)
    out = merged
    # issue 16 (negfix): "decreased sensation", "no decreased sensation": the deficit, its
    # status by the cue before it (findings_deficit)
    extend_unoverlapped(out, deficit_findings(text))
    # midneg (issue 16): a pulse graded 0-1+ or stated nonpalpable, diminished pulses
    # present (findings_pulses; Bates' 0-4+ amplitude scale)
    extend_unoverlapped(out, pulse_findings(text))
    if "moro" in lower:
        extend_unoverlapped(out, _moro_findings(text))
    out.extend(ExamFinding(_DISTRESS_CONCEPT, m.start("d") if m.group("d") else m.start("d2"), m.end(), "")
               for m in _DISTRESS.finditer(text))
    if "NAD" in text:
        for m in _NAD.finditer(text):
            head = text[max(0, m.start() - 30):m.start()]
            head = head[max(head.rfind("."), head.rfind("\n"), head.rfind(";")) + 1:]
            if not _NAD_TEST.search(head) and _nad_general(text, m.start(), head):
                out.append(ExamFinding(_DISTRESS_CONCEPT, m.start(), m.end(), "absent"))
    if "reflex" in lower or "dtr" in lower or "jerk" in lower:
        out.extend(ExamFinding(_HYPERREFLEXIA, m.start(), m.end(), "present")
                   for m in _REFLEX_GRADE.finditer(text)
                   if not _NORMAL_NEGATED.search(text[max(0, m.start() - 20):m.start()])
                   and not _PAST_GRADE.search(_clause_of(text, m)))
        # probe21: the current grade after an earlier one ("Reflexes 3+ on admission, now
        # 3+", "DTRs 2+ initially, now 4+"): that grade decides (the past-grade rule above
        # dropped the whole clause)
        out.extend(ExamFinding(_HYPERREFLEXIA, m.start(), m.end(), "present")
                   for m in _REFLEX_NOW.finditer(text)
                   if not _NORMAL_NEGATED.search(text[max(0, m.start() - 20):m.start()])
                   and not any(x.concept is _HYPERREFLEXIA and x.start < m.end()
                               and m.start() < x.end for x in out))
    return out


def normal_exam_supports(span_text: str, name: str) -> bool:
    """Whether a ``normal_exam_findings`` span grounds ``name``."""
    span_text = span_text.strip()
    # "some distress" was read after "in" ("in some distress")
    return any(f.concept.name == name for t in (span_text, f"in {span_text}")
               for f in normal_exam_findings(t))
