"""Procedures stated as the patient's status: "status post CABG", "s/p double lung transplant",
"history of total abdominal hysterectomy" (issue 16, NegEx round 5).

A past operation that leaves a lasting state is a problem-list item in its own right; ICD-10-CM
codes it in chapter 21 ("Z" codes: persons with a health status). Each procedure below is named
by the ICD-10-CM title of the status it leaves (source: ICD-10-CM 2024 tabular list, public
domain, CMS/NCHS; the codes are the same ones ``simple-icd-10-cm`` validates) and read only
after a status cue ("status post", "s/p", "history of", "h/o"), so a planned or described
operation ("will undergo CABG", "the graft was harvested") gives nothing. The finding is
``historical``; "no history of CABG" gives it ``absent``.

Labelling guideline: eval/data/extraction/real/README.md (round 5: procedures stated as status).
"""

from __future__ import annotations

import re

from assistant.clinical.vocabulary import Concept
from assistant.fold_re import folded

#: Procedure surface (regex) -> the status concept (ICD-10-CM title, code).
_ORGAN_TRANSPLANT = {
    "lung": Concept("lung transplant status", "Z94.2"),
    "lungs": Concept("lung transplant status", "Z94.2"),
    "heart": Concept("heart transplant status", "Z94.1"),
    "kidney": Concept("kidney transplant status", "Z94.0"),
    "renal": Concept("kidney transplant status", "Z94.0"),
    "liver": Concept("liver transplant status", "Z94.4"),
    "pancreas": Concept("pancreas transplant status", "Z94.83"),
    "bone marrow": Concept("bone marrow transplant status", "Z94.81"),
}
_CABG = Concept("presence of aortocoronary bypass graft", "Z95.1")
_HYSTERECTOMY = Concept("acquired absence of uterus", "Z90.710")
_STENT = Concept("presence of coronary angioplasty implant and graft", "Z95.5")
_JOINT = {"hip": Concept("presence of artificial hip joint", "Z96.649"),
          "knee": Concept("presence of artificial knee joint", "Z96.659"),
          "shoulder": Concept("presence of artificial shoulder joint", "Z96.619")}
_AMPUTATION = Concept("acquired absence of limb", "Z89.9")
#: probe21: "Status post splenectomy" -> ICD-10-CM Z90.81 "Acquired absence of spleen" (the
#: asplenic state that decides vaccination and fever management: CDC, "Asplenia and Adult
#: Vaccination"), as the guideline's other lasting post-operative states
_SPLENECTOMY = Concept("acquired absence of spleen", "Z90.81")

_SIDE = r"(?:(?:left|right|bilateral|total|partial|double|single|orthotopic|cadaveric|" \
        r"living[\s-]+(?:related\s+)?donor)\s+)*"
_PROCEDURE = re.compile(
    rf"(?P<cabg>\bCABG(?:\s*(?:x|times)\s*\w+)?\b|\bcoronary\s+artery\s+bypass\s+graft(?:ing|s)?"
    rf"(?:\s*(?:x|times)\s*\w+)?\b|\baortocoronary\s+bypass(?:\s+graft(?:ing|s)?)?\b|"
    # probe8: "prior bypass surgery" (a cardiac report's status; the cue must come right before,
    # so "prior gastric bypass surgery" is no CABG)
    rf"\b(?:(?:coronary|cardiac|heart)\s+)?bypass\s+(?:surgery|grafting|operation)\b)|"
    rf"\b{_SIDE}(?P<organ>lungs?|heart|kidney|renal|liver|pancreas|bone\s+marrow)\s+"
    rf"transplant(?:ation)?\b|"
    rf"\b{_SIDE}(?:(?:abdominal|vaginal|laparoscopic|supracervical|radical)\s+)*"
    rf"(?P<hyst>hysterectomy)\b(?:\s+(?:with|and)\s+(?:bilateral\s+)?"
    rf"salpingo-?oophorectomy|\s+(?:and|with)\s+BSO)?|"
    rf"\b(?P<stent>(?:coronary\s+)?stent(?:ing|\s+placement)?|PCI|PTCA)\b|"
    rf"\b{_SIDE}(?:(?:laparoscopic|open)\s+)?(?P<spleen>splenectomy)\b|"
    rf"\b{_SIDE}(?P<joint>hip|knee|shoulder)\s+(?:replacement|(?:hemi)?arthroplasty)\b|"
    rf"\b(?P<amp>(?:above|below)[\s-]+(?:the[\s-]+)?(?:knee|elbow)\s+amputation|amputation\s+of\s+"
    rf"(?:the\s+)?{_SIDE}(?:upper|lower)\s+(?:extremity|limb|arm|leg))",
    re.I)
#: The status cue that must come first: "status post", "s/p", "history of", "h/o", "post",
#: at most a few words before the procedure ("status post total abdominal hysterectomy").
_CUE = re.compile(r"\b(?:status\s+post|s\s*/\s*p|history\s+of|h\s*/\s*o|post|"
                  r"prior(?!\s+to\b)|previous)\b"
                  r"(?P<gap>[\s:,]+(?:(?:a|an|the|his|her|prior|previous|remote|recent|"
                  r"\d{4}|redo|emergent|elective)\s+){0,3})$", re.I)
_CUE_WORD = folded(re.compile(r"\b(?:status\s+post|s\s*/\s*p|history\s+of|h\s*/\s*o|post|"
                       r"prior(?!\s+to\b)|previous)\b", re.I))
_CUE_NEGATED = re.compile(r"\b(?:no|denies|without|never)\b[^.;:\n]{0,20}$", re.I)




def _concept(m: re.Match[str]) -> Concept:
    if m.group("cabg"):
        return _CABG
    if m.group("organ"):
        return _ORGAN_TRANSPLANT[" ".join(m.group("organ").lower().split())]
    if m.group("hyst"):
        return _HYSTERECTOMY
    if m.group("stent"):
        return _STENT
    if m.group("spleen"):
        return _SPLENECTOMY
    if m.group("joint"):
        return _JOINT[m.group("joint").lower()]
    return _AMPUTATION


def status_post_procedures(text: str) -> list[tuple[Concept, int, int, str]]:
    """``(concept, start, end, status)`` for each procedure stated as the patient's status:
    ``historical``, or ``absent`` when the cue is negated ("no history of CABG")."""
    out: list[tuple[Concept, int, int, str]] = []
    seen: set[int] = set()
    # speed: the procedure is looked for only just after a cue word (the full check below is
    # the same as scanning every procedure mention and looking back for its cue)
    for c in _CUE_WORD.finditer(text):
        pos = c.end()
        while True:
            m = _PROCEDURE.search(text, pos, min(len(text), c.end() + 220))
            if m is None or m.start() - c.end() > 60:
                break
            pos = m.end()
            if m.start() in seen:
                continue
            before = text[max(0, m.start() - 60):m.start()]
            cue = _CUE.search(before)
            if cue is None:
                continue
            seen.add(m.start())
            lead = before[:cue.start()]
            status = "absent" if _CUE_NEGATED.search(lead) else "historical"
            out.append((_concept(m), m.start(), m.end(), status))
    out.sort(key=lambda x: x[1])
    return out


def procedure_supports(span_text: str, name: str) -> bool:
    """Whether a ``status_post_procedures`` span (the procedure's words) grounds ``name``."""
    m = _PROCEDURE.fullmatch(span_text.strip())
    return m is not None and _concept(m).name == name
