"""Bare "pain": the symptom named without a site or kind ("her pain was well controlled",
"no pain proximal to his hand", "an intense pain since that time"), ICD-10-CM R52 "Pain,
unspecified" (issue 16 NegEx round 7).

The vocabulary leaves the one word out on purpose (``vocabulary._ICD_STOP``,
``terminology.HPO_STOP``): in a note that names a pain ("left knee pain ... her pain is
better") the bare word points back to that one, and "pain medication", "pain control",
"pain score 3/10" name a drug, a goal or a scale. So the bare word is read only where the
note names no pain concept of its own, and not as the modifier of such a noun.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.clinical.findings_base import ExamFinding, _sentence_before
from assistant.clinical.vocabulary import Concept

PAIN = Concept("pain", "R52")  # ICD-10-CM R52 "Pain, unspecified"

_BARE = re.compile(r"\bpain\b", re.I)
#: "pain medication(s)", "pain control/management", "pain clinic", "pain scale 0/10",
#: "pain-free" (read below as absent), "pain: 2/10": a drug, a service, a goal or a score
_NOT_FINDING_AFTER = re.compile(
    r"[\s-]*(?:medications?|meds?|medicines?|pills?|killers?|relievers?|relief|regimen|"
    r"control|management|clinic|service|team|unit|cent(?:er|re)|protocol|specialist|doctor|physician|pump|contract|"
    r"scales?|scores?|levels?|ratings?|assessment|syndrome|disorder|"
    r"(?:[:=]\s*|(?:is|was|of|at)\s+)?\d+\s*(?:/|out\s+of)\s*10)\b", re.I)
#: "pain with calf squeeze", "pain to palpation": tenderness, another concept
_ELICITED = re.compile(r"\s+(?:to|with|on|upon)\s+(?:[a-z]+\s+){0,2}(?:palpation|squeez\w*|"
                       r"compression|pressure|percussion)\b", re.I)
#: "his right knee does pain him": the verb, whose subject names the site
_VERB_BEFORE = re.compile(r"\b(?:does|do|did|to|may|might|will|would|can|could)\s+$", re.I)
_VERB_AFTER = re.compile(r"\s+(?:him|her|them|me)\b", re.I)
#: "Lortab ... every four hours p.r.n. pain", "oxycodone 5 mg PO q4h as needed for pain",
#: "morphine 2 mg IV for pain": a drug's indication (the medication rules' class), not a
#: current problem
_INDICATION_BEFORE = re.compile(
    r"(?:\bp\.?r\.?n\.?|\bas\s+needed|(?:\bmg|\bmcg|\bml|\btabs?|\btablets?|\bteaspoons?|"
    r"\bcapsules?|\borally|\bp\.?o\.?|\biv|\bdaily|\bhours?)\b[^.;\n]{0,30}?\bfor)\s*"
    r"(?:for\s+)?(?:the\s+)?$", re.I)
#: probe10: "was given a prescription for pain", "prescriptions for pain and nausea": the
#: drug's indication ...
_PRESCRIPTION_BEFORE = re.compile(r"\bprescri(?:ptions?|bed)\s+(?:\w+\s+){0,2}?for\s*"
                                  r"(?:the\s+)?$", re.I)
#: ... unless pain is what the patient came with (review 5): "She presents requesting a
#: prescription for pain. Rates it 8/10." (a visit cue in the sentence, or a pain score right
#: after it)
_COMPLAINT_BEFORE = re.compile(r"\b(?:presents?|presenting|presented|comes?\s+in|came\s+in|"
                               r"here\s+(?:for|to)|requests?|requesting|requested|seeking|"
                               r"seeks?|asking|asks?|wants?|wanting|complain\w*|chief\s+"
                               r"complaint|c/o|cc)\b", re.I)
_SCORE_AFTER = re.compile(r"[^\n]{0,80}?(?:\b\d{1,2}\s*(?:/|out\s+of)\s*10\b|\brat(?:es|ed|ing)\b)",
                          re.I)
#: "free of pain" / "pain-free": the patient is without pain (absent)
_FREE = re.compile(r"[\s-]*free\b", re.I)
#: Concepts that name a pain (or a painful state) of their own: the bare word then points
#: back to one of them, not to a new, unspecified pain.
_PAIN_LIKE = re.compile(r"pain|ache|algia|angina|colic|cramp|discomfort|tender|sciatica|"
                        r"dysuria|dysmenorrhea|migraine|neuralgia", re.I)


def _prescribed_for(text: str, start: int, end: int) -> bool:
    """"pain" at ``[start, end)`` is the indication of a prescription ("was given a
    prescription for pain"), not the visit's complaint ("presents requesting a prescription
    for pain. Rates it 8/10.")."""
    if not _PRESCRIPTION_BEFORE.search(text, max(0, start - 60), start):
        return False
    return not (_COMPLAINT_BEFORE.search(_sentence_before(text, start))
                or _SCORE_AFTER.match(text, end))


def bare_pain_findings(text: str, read: Iterable[ExamFinding | object]) -> list[ExamFinding]:
    """"pain" alone -> pain (R52), status left to the context rules ("pain-free": absent);
    none where ``read`` (the note's other mentions: ``.concept``, ``.start``, ``.end``) holds
    a pain concept or covers the word."""
    read = list(read)
    if not _BARE.search(text) or any(_PAIN_LIKE.search(m.concept.name) for m in read):
        return []
    out: list[ExamFinding] = []
    for m in _BARE.finditer(text):
        if any(x.start < m.end() and m.start() < x.end for x in read) or \
                _ELICITED.match(text, m.end()) or _VERB_AFTER.match(text, m.end()) or \
                _VERB_BEFORE.search(text[max(0, m.start() - 12):m.start()]) or \
                _INDICATION_BEFORE.search(text[max(0, m.start() - 60):m.start()]) or \
                _prescribed_for(text, m.start(), m.end()):
            continue
        if _FREE.match(text, m.end()):
            out.append(ExamFinding(PAIN, m.start(), m.end(), "absent"))
        elif not _NOT_FINDING_AFTER.match(text, m.end()):
            out.append(ExamFinding(PAIN, m.start(), m.end(), ""))
    return out


#: Body parts whose tenderness is written "<part> is tender" (findings._PARTS, the parts of
#: "<part> pain"): the site names the finding, as in the guideline's "calf tenderness".
_TENDER_PARTS = ("foot|feet|knee|hip|shoulder|arm|leg|hand|back|neck|ankle|wrist|elbow|calves|calf|"
                 "thigh|toe|finger|heel|jaw|groin|flank|buttock|testicle|breast")
_PART_TENDER = re.compile(
    rf"\b(?P<part>{_TENDER_PARTS})s?\s+(?:is|are|was|were|remains?|remained)\s+"
    r"(?:(?:also|still|mildly|moderately|severely|exquisitely|diffusely|very|slightly|quite|"
    r"minimally|focally|somewhat)\s+)?(?:(?:swollen|erythematous|warm|ecchymotic)\s*"
    r"(?:,|and)\s+)?(?P<neg>non-?|not\s+)?tender\b", re.I)


def part_tender_findings(text: str) -> list[ExamFinding]:
    """"the right wrist is tender (over the radius)" -> wrist tenderness; "... is nontender" /
    "is not tender" -> absent (issue 16 NegEx round 7)."""
    if "tender" not in text.lower():
        return []
    out: list[ExamFinding] = []
    for m in _PART_TENDER.finditer(text):
        part = m.group("part").lower()
        part = {"feet": "foot", "calves": "calf"}.get(part, part)
        out.append(ExamFinding(Concept(f"{part} tenderness", None), m.start(), m.end(),
                               "absent" if m.group("neg") else ""))
    return out


def part_tender_supports(span_text: str, name: str) -> bool:
    """Whether a ``part_tender_findings`` span grounds ``name``."""
    return any(f.concept.name == name for f in part_tender_findings(span_text.strip()))
