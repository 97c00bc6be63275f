"""Structure states: echo / imaging / endoscopy statements of a structure's state (split
out of ``assistant.clinical.findings``; behaviour unchanged)."""

from __future__ import annotations

import re

from assistant.clinical.findings_base import ExamFinding, extend_unoverlapped
from assistant.clinical.vocabulary import Concept
from assistant.fold_re import folded

#: Echo / imaging statements about a structure's state: "Left ventricular size is normal",
#: "The aortic root size is mildly dilated", "Mitral valve is thickened", "Overall left
#: ventricular function is moderate to severely decreased". A normal state is recorded as the
#: abnormality it rules out, absent ("abnormal left ventricular size": absent); an abnormal
#: state as the finding it names ("aortic root dilation", "thickened mitral valve").
_STRUCT_NOUN = (r"ventricular|atrial|ventricles?|atrium|valve|root|artery|septum|heart|aorta|"
                r"kidneys?|liver|spleen|gallbladder|pancreas|thyroid(?:\s+gland)?|cavity|hemidiaphragm|"
                r"mineralization|esophagus|stomach|duodenum|ileum|colon|pericardium|uterus|"
                r"ovary|ovaries|placenta|prostate|bladder|"
                # round 5 (issue 16 NegEx): endoscopy and imaging structures
                r"mucosa|joints?|bulb|contours?|sinuses|air\s+cells|parenchyma|vascularity|"
                r"(?:esophagogastric|gastroesophageal|GE)[\s-]+junction|biventricular|"
                # probe7: abdominal CT organs ("The appendix is normal", "adrenal glands")
                r"appendix|adrenal\s+glands?|adrenals|"
                # probe8: skull base and neck imaging structures ("Normal foramen magnum",
                # "The oropharynx and nasopharynx are within normal limits")
                r"foramen\s+magnum|clivus|craniovertebral\s+junction|oropharynx|nasopharynx|"
                r"hypopharynx|epiglottis|larynx|"
                # probe18: operative and fluoroscopy structures ("the peritoneal cavity",
                # "the biliary trees, which appeared normal", "the rectum and colon")
                r"peritoneal\s+cavity|biliary\s+trees?|rectum|osseous\s+structures|"
                r"bony\s+structures|lung\s+bases")
_STATE = re.compile(
    rf"\b(?P<struct>(?:(?:overall|segmental|global|the|right|left|aortic|mitral|tricuspid|"
    rf"pulmonic|pulmonary|interatrial|interventricular|bone|heart|common|bile|main|"
    rf"ileal|duodenal|gastric|colonic|esophageal|rectal|mediastinal|cardiomediastinal|"
    rf"paranasal|mastoid|brain|lung|renal|hepatic|glenohumeral|acromioclavicular|hip|knee|"
    rf"shoulder|ankle|postbulbar)\s+){{0,3}}"
    rf"(?:{_STRUCT_NOUN}))(?:\s+(?P<attr>size|function|wall\s+thickness|systolic\s+function|"
    rf"diastolic\s+function|wall\s+motion|dimensions?|cavity\s+size|contractility))?"
    rf"(?:\s+\([^)]{{0,30}}\))?(?:\s*,\s*which)?\s+(?P<verb>is|are|was|were|appears?|appeared|has|had)\s+(?P<not>not\s+)?(?P<deg>(?:(?:grossly|overall|"
    rf"mildly|moderately|severely|slightly|markedly|borderline|mild|moderate|severe|to|"
    rf"otherwise|relatively|essentially)\s+){{0,4}})(?P<state>a\s+normal\s+appearance|of\s+normal(?:\s+(?:appearance|caliber|calibre|size))?|normal|within\s+normal\s+limits|unremarkable|enlarged|"
    rf"dilated|thickened|increased|decreased|reduced|small|depressed|preserved|hypokinetic|"
    rf"akinetic|calcified|sclerotic|elevated|abnormal|restricted|flattened)\b"
    # probe17: "The left ventricle appeared normal in size": the attribute after the state
    rf"(?:\s+in\s+(?P<attr2>size|shape|thickness|contour))?", re.I)
_STATE_VERB = folded(re.compile(
    r"\b(?:is|are|was|were|appears?|appeared|has|had)\s+(?:[a-z]+\s+){0,5}?(?:normal|within\s+normal|"
    r"unremarkable|enlarged|dilated|thickened|increased|decreased|reduced|small|depressed|"
    r"preserved|hypokinetic|akinetic|calcified|sclerotic|elevated|abnormal|restricted|"
    r"flattened)\b", re.I))
_NORMAL_STATES = ("normal", "within normal limits", "unremarkable", "preserved",
                  # probe18: "The liver had a normal appearance", "The rectum and colon is of
                  # normal caliber"
                  "a normal appearance", "of normal caliber", "of normal calibre",
                  "of normal appearance", "of normal size", "of normal")
#: probe18: "The liver had a normal appearance as did the peritoneal cavity": the structure
#: after "as did" is stated normal too
_AS_DID = re.compile(rf"\s+as\s+(?:did|does|do|was|were|is|are)\s+(?:the\s+)?"
                     rf"(?P<struct>{_STRUCT_NOUN})\b", re.I)
#: p18fix2: a has/had normal statement qualified later in its clause ("The left ventricle has
#: normal size but reduced function")
_CLAUSE_QUALIFIED = re.compile(r"[^.;\n]*?\b(?:except|but|other\s+than|apart\s+from|save\s+for|"
                               r"with\s+the\s+exception|however|although|though)\b", re.I)
#: p18fix2 (safety review): the structure words probe18 added, read only when stated normal
#: ("decreased lung", "decreased bone", "decreased rectum" were no findings)
_NORMAL_ONLY = re.compile(r"\b(?:peritoneal\s+cavity|biliary\s+trees?|rectum|osseous\s+"
                          r"structures|bony\s+structures|lung\s+bases)$", re.I)
#: probe18: plural and descriptive structure words named by their organ
_STRUCT_NAMES = {"osseous structures": "bone", "bony structures": "bone", "lung bases": "lung",
                 "biliary trees": "biliary tree"}
# "normal esophagus", "normal-sized uterus", "normal left ventricular size and function"
_NORMAL_ATTRIB = re.compile(
    rf"\b(?:normal(?:[- ]sized?|[- ]appearing)?|unremarkable)\s+(?P<struct>(?:(?:left|right|terminal|aortic|mitral|tricuspid|"
    rf"pulmonic|pulmonary|bone)\s+){{0,2}}(?:{_STRUCT_NOUN}))\b"
    # probe11: "Normal heart sounds" / "normal heart rate" is an auscultation or a vital
    # sign, not the heart stated normal (the guideline: "heart sounds normal" gives no item)
    rf"(?!\s+(?:sounds?|tones?|rate|rhythm)\b)(?:\s+(?P<attr>size|function|"
    rf"wall\s+thickness|systolic\s+function))?", re.I)
# probe17: "Gated SPECT images revealed normal wall motion": the echo / perfusion finding it
# rules out (a wall motion abnormality), absent
_NORMAL_WALL_MOTION = re.compile(r"\bnormal\s+(?:(?:global|regional|segmental|left\s+"
                                 r"ventricular|LV)\s+)?wall\s+motion\b", re.I)
# "The uterus and left ovary were within normal limits": the first of two coordinated parts;
# "the liver, spleen, adrenal glands, and the pancreas are grossly unremarkable": each part of
# a comma list (probe7), read backwards one part at a time
_COORD_STRUCT = re.compile(
    rf"\b(?:the\s+)?(?P<struct>(?:(?:left|right)\s+)?(?:{_STRUCT_NOUN}))"
    rf"(?:\s+and\s+|\s*,\s*(?:and\s+)?)(?:the\s+)?$", re.I)
_STATE_NOUN = {"enlarged": "enlargement", "dilated": "dilation"}
_VALVE_ROOT = (r"(?:(?:aortic|mitral|tricuspid|pulmonic|pulmonary)\s+(?:valve|root)(?:\s+leaflets?)?"
               r"|aortic\s+root)")
_ABNORMAL_ATTRIB = folded(re.compile(
    rf"\b(?P<state>thickened|calcified|dilated|sclerotic)\s+(?:(?:and|,)\s*(?:thickened|"
    rf"calcified|restricted)\s+)*(?P<struct>{_VALVE_ROOT})\b|"
    rf"\b(?P<struct2>aortic\s+root)\s+(?P<noun>dilation|dilatation|enlargement)\b|"
    # "flattened interventricular septum", "flattening of the interventricular septum"
    rf"\b(?P<flat>flattened|flattening\s+of\s+the)\s+(?P<struct3>(?:interventricular|"
    rf"ventricular)\s+septum)\b", re.I))


# "nondilated left ventricle", "severely dilated right (systemic) ventricle": a chamber's size
# said before it -> <side> ventricular/atrial dilation, absent for "nondilated"; "... ventricle
# with (concentric) hypertrophy" -> <side> ventricular hypertrophy (ICD-10-CM I51.7, whose
# inclusion terms name ventricular hypertrophy)
_CHAMBER_SIZE = folded(re.compile(
    r"\b(?P<state>non-?dilated|(?:(?:mildly|moderately|severely|markedly)\s+)?(?:dilated|"
    r"enlarged))\s+(?P<side>left|right)\s+(?:\([^)]{0,20}\)\s+)?(?P<ch>ventricle|atrium)\b"
    r"(?P<hyp>\s+with\s+(?:(?:mild|moderate|severe|concentric|eccentric)\s+)*hypertrophy\b)?",
    re.I))
_CHAMBER_ADJ = {"ventricle": "ventricular", "atrium": "atrial"}
#: probe22: "Left ventricle reveals concentric hypertrophy" (an echo's chamber, a report verb,
#: then its hypertrophy) -> <side> ventricular hypertrophy (ICD-10-CM I51.7, as above); a
#: negated or absent hypertrophy ("shows no hypertrophy") is not this form
_CHAMBER_HYP = folded(re.compile(
    r"\b(?P<side>left|right)\s+ventricle\s+(?:reveals?|revealed|shows?|showed|"
    r"demonstrates?|demonstrated|has|had|with)\s+(?:(?:mild|moderate|severe|marked|"
    r"concentric|eccentric|significant|mild\s+to\s+moderate)\s+)*hypertrophy\b", re.I))
#: probe22: "Atrial and ventricular septum are intact", "the interatrial septum is intact",
#: "intact interventricular septum": the echo's statement that rules out a septal defect ->
#: atrial septal defect (ICD-10-CM Q21.1, HPO HP:0001631) / ventricular septal defect
#: (Q21.0, HP:0001629) absent. Only a septum named atrial or ventricular (a bare "septum" may
#: be the nose's); "intact except for a PFO" is qualified (no item).
_SEPTUM_SIDE = r"(?:inter)?(?:atrial|ventricular)"
_SEPTUM_INTACT = folded(re.compile(
    rf"\b(?P<a>{_SEPTUM_SIDE})(?:\s+(?:and|&)\s+(?P<b>{_SEPTUM_SIDE}))?\s+(?:septum|septa|"
    rf"septal\s+walls?)\s+(?:is|are|was|were|appears?|appeared)\s+(?:(?:both|grossly|"
    rf"structurally)\s+)?intact\b|"
    rf"\bintact\s+(?P<c>{_SEPTUM_SIDE})(?:\s+(?:and|&)\s+(?P<d>{_SEPTUM_SIDE}))?\s+"
    rf"(?:septum|septa)\b", re.I))
_CONTRAST_BEFORE = re.compile(r"\b(?:but|however|although|though|except)\b", re.I)
_SEPTAL_DEFECT = {"atrial": Concept("atrial septal defect", "Q21.1"),
                  "ventricular": Concept("ventricular septal defect", "Q21.0")}


def _septum_findings(text: str) -> list[ExamFinding]:
    """"Atrial and ventricular septum are intact" -> each septal defect, absent."""
    if "intact" not in text.lower():
        return []
    out: list[ExamFinding] = []
    for m in _SEPTUM_INTACT.finditer(text):
        if _QUALIFIED.match(text, m.end()) or _HOWEVER.match(text, m.end()):
            continue
        # probe22fix (safety review): "Interatrial septum is intact by color Doppler but
        # bubble study was positive": a contrast in the sentence (after or before the
        # statement) may be the shunt's evidence; no item
        lo = max(text.rfind(". ", 0, m.start()) + 1, text.rfind("\n", 0, m.start()) + 1,
                 text.rfind(";", 0, m.start()) + 1)
        if _CLAUSE_QUALIFIED.match(text, m.end()) or _CONTRAST_BEFORE.search(
                text, lo, m.start()):
            continue
        for g in ("a", "b", "c", "d"):
            side = m.group(g)
            if side:
                kind = "atrial" if side.lower().endswith("atrial") else "ventricular"
                out.append(ExamFinding(_SEPTAL_DEFECT[kind], m.start(), m.end(), "absent"))
    return out


# A structure stated free of abnormalities in an imaging finding (issue 16 NegEx round 7; the
# guideline's "a structure stated normal"): "no acute radiographic abnormalities in the left
# shoulder", "the sacrum shows no focal abnormality" -> abnormal <structure>, absent. Whole
# studies and regions ("no intracranial pathology", "chest x-ray: no acute disease") and
# exams ("rectal exam showed no abnormalities") are no structure and give no item.
# (named joints, bones and organs only: "no abnormalities of the septum" may be the nose's)
_NO_ABN_STRUCT = (r"shoulder|hip|knee|ankle|wrist|elbow|hemipelvis|pelvis|sacrum|kidneys?|"
                  r"liver|spleen|gallbladder|pancreas|thyroid|uterus|ovary|ovaries|bladder|"
                  r"prostate|aorta|heart|"
                  # probe8: an endoscopy's organs ("no abnormalities of the esophagus")
                  r"esophagus|stomach|duodenum|colon|rectum")
#: "Palpation of liver reveals no abnormalities": a physical exam template line, not an
#: imaging finding (the guideline's structure rule is for echo, imaging and operative findings)
_EXAM_BEFORE = re.compile(r"\b(?:palpation|inspection|examination|exam|auscultation|"
                          r"percussion)\b[^.;\n]*$", re.I)
_NO_ABN_WORDS = (r"(?:(?:other|significant|acute|focal|definite|obvious|gross|radiographic|"
                 r"bony|osseous|structural|new)\s+){0,3}(?:abnormality|abnormalities)")
_NO_ABNORMALITY = re.compile(
    rf"\bno\s+(?P<abn>{_NO_ABN_WORDS})\s+(?:(?:is|are|was|were)\s+)?(?:(?:seen|noted|identified)\s+)?"
    rf"(?:in|of|involving|within)\s+(?:the\s+)?(?:(?:left|right|bilateral)\s+)?"
    rf"(?P<struct>{_NO_ABN_STRUCT})\b|"
    rf"\b(?P<struct2>{_NO_ABN_STRUCT})\s+(?:shows?|showed|demonstrates?|demonstrated|"
    rf"reveals?|revealed)\s+no\s+{_NO_ABN_WORDS}", re.I)


# An imaging report's organ label stated normal ("LIVER: Unremarkable.", "Kidneys: Within
# normal limits."): the organ stated normal, as "the liver is unremarkable" (round 7); the
# abdominal and pelvic organs of an imaging report only ("HEART: Normal.", "THYROID: Normal."
# are physical exam lines)
_LABEL_NORMAL = re.compile(
    r"^[ \t]*(?P<struct>(?:(?:left|right)\s+)?(?:liver|spleen|gallbladder|pancreas|kidneys?|"
    r"uterus|ovary|ovaries|aorta))[ \t]*:[ \t]*"
    r"(?:normal|unremarkable|within\s+normal\s+limits)[ \t]*(?:\.|$)", re.I | re.M)


def _label_normal_findings(text: str) -> list[ExamFinding]:
    """"LIVER: Unremarkable." -> abnormal liver, absent."""
    return [ExamFinding(Concept(f"abnormal {_struct_name(m.group('struct'), None)}", None),
                        m.start("struct"), m.end(), "absent")
            for m in _LABEL_NORMAL.finditer(text)]


def _no_abnormality_findings(text: str) -> list[ExamFinding]:
    """"no ... abnormalities in the <structure>" -> abnormal <structure>, absent (the span
    starts at the abnormality words: "no" is the statement's negation)."""
    if "abnormalit" not in text.lower():
        return []
    out: list[ExamFinding] = []
    for m in _NO_ABNORMALITY.finditer(text):
        if _QUALIFIED.match(text, m.end()) or \
                _EXAM_BEFORE.search(text[max(0, m.start() - 60):m.start()]):
            continue  # "..., except for ...": not all normal; an exam line
        name = _struct_name(m.group("struct") or m.group("struct2"), None)
        start = m.start("abn") if m.group("abn") else m.start()
        out.append(ExamFinding(Concept(f"abnormal {name}", None), start, m.end(), "absent"))
    return out


#: "no abnormalities in the shoulder (region), except for ...": a qualified statement
_QUALIFIED = re.compile(r"(?:\s+region)?\s*,?\s*(?:except|but|other\s+than|apart\s+from|"
                        r"save\s+for|with\s+the\s+exception)\b", re.I)
_BORDERLINE_BEFORE = re.compile(r"\b(?:borderline|low|near|nearly|almost)(?:\s+|\s*-\s*)$",
                                re.I)
#: p17b (re-review): "Normal wall motion; mild apical hypokinesis": a regional abnormality
#: named in the same sentence takes the normal wording back
_WALL_ABNORMAL_AFTER = re.compile(r"[^.\n]{0,100}?\b(?:hypokines\w*|akines\w*|dyskines\w*|"
                                  r"hypokinetic|akinetic|dyskinetic|aneurysm\w*)", re.I)
_HOWEVER = re.compile(r"\s*[,;]?\s*(?:however|although|though)\b", re.I)


def _struct_name(struct: str, attr: str | None) -> str:
    words = [w for w in struct.lower().split() if w not in ("the", "overall", "segmental",
                                                             "global")]
    for many, one in _STRUCT_NAMES.items():  # probe18: "osseous structures" -> bone
        if " ".join(words).endswith(many):
            words = [*words[:len(words) - len(many.split())], *one.split()]
    return " ".join([*words, *(attr.lower().split() if attr else [])])


def structure_state_findings(text: str) -> list[ExamFinding]:
    """Echo/imaging statements of a structure's state -> findings (see ``_STATE``)."""
    out: list[ExamFinding] = []
    seen: set[tuple[int, int]] = set()
    for v in _STATE_VERB.finditer(text):  # cheap anchor first: the verb and the state word
        lo = text.rfind(" ", 0, max(0, v.start() - 100)) + 1
        m = _STATE.search(text, lo, v.end() + 20)  # (probe18: "... normal appearance")
        while m is not None and m.end() < v.end():
            m = _STATE.search(text, m.end(), v.end() + 10)
        if m is None or (m.start(), m.end()) in seen:
            continue
        seen.add((m.start(), m.end()))
        state = " ".join(m.group("state").lower().split())
        if m.group("verb").lower() in ("has", "had") and (
                state not in _NORMAL_STATES or _CLAUSE_QUALIFIED.match(text, m.end())):
            # p18fix2 (safety review): after has/had only the normal forms ("had a normal
            # appearance", "Aortic root has normal diameter"), whole: "The liver has increased
            # echogenicity", "The lung bases had decreased breath sounds" (the state word names
            # the noun after it, not the structure); "has normal size but reduced function"
            continue
        if _NORMAL_ONLY.search(m.group("struct")) and state not in _NORMAL_STATES:
            # p18fix2: the structures probe18 added for their normal statements only ("The
            # lung bases were decreased" is decreased breath sounds, read elsewhere)
            continue
        name = _struct_name(m.group("struct"), m.group("attr") or m.group("attr2"))
        if not name or name.split()[-1] in ("the",):
            continue
        if state in _NORMAL_STATES and (_QUALIFIED.match(text, m.end())
                                        or _HOWEVER.match(text, m.end())):
            # p17fix (review): "the bladder appeared normal with the exception of some minor
            # trabeculations": not all normal; p17b (re-review): the is/was forms too ("The
            # bladder was normal except for a small diverticulum") and a "however" clause
            # ("The left ventricle appeared normal, however the ejection fraction was 35%")
            continue
        if state in _NORMAL_STATES:
            concept, status = Concept(f"abnormal {name}", None), "absent"
        elif state in _STATE_NOUN:  # "aortic root (size) is dilated" -> aortic root dilation
            name = _struct_name(m.group("struct"), None)
            concept, status = Concept(f"{name} {_STATE_NOUN[state]}", None), ""
        else:
            concept, status = Concept(f"{state} {name}", None), ""
        if m.group("not"):
            status = "present" if status == "absent" else "absent"
        start = m.start("struct")
        if text[start:start + 4].lower() == "the ":
            start += 4
        out.append(ExamFinding(concept, start, m.end(), status))
        d = _AS_DID.match(text, m.end()) if state in _NORMAL_STATES and not m.group("not") \
            else None
        if d is not None:
            out.append(ExamFinding(Concept(f"abnormal {_struct_name(d.group('struct'), None)}",
                                           None), d.start("struct"), d.end(), "absent"))
        c = _COORD_STRUCT.search(text, max(0, start - 40), start)
        while c is not None and state in _NORMAL_STATES and not m.group("not"):
            other = _struct_name(c.group("struct"), None)
            out.append(ExamFinding(Concept(f"abnormal {other}", None), c.start("struct"),
                                   c.end("struct"), "absent"))
            c = _COORD_STRUCT.search(text, max(0, c.start() - 40), c.start())
    taken = [(f.start, f.end) for f in out]
    # attributive and nominal forms of the same statements: "THICKENED AORTIC VALVE",
    # "calcified mitral valve" -> thickened aortic valve / calcified mitral valve; "mild
    # aortic root dilation", "aortic root dilatation" -> aortic root dilation
    for m in _ABNORMAL_ATTRIB.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if m.group("flat"):
            name = f"flattened {_struct_name(m.group('struct3'), None)}"
            out.append(ExamFinding(Concept(name, None), m.start(), m.end(), ""))
            taken.append((m.start(), m.end()))
            continue
        name = _struct_name(m.group("struct") or m.group("struct2"), None)
        if m.group("noun"):
            noun = m.group("noun").lower()
            name = f"{name} {'dilation' if noun.startswith('dilat') else noun}"
        else:
            state = m.group("state").lower()
            name = f"{name} {_STATE_NOUN[state]}" if state in _STATE_NOUN else f"{state} {name}"
        out.append(ExamFinding(Concept(name, None), m.start(), m.end(), ""))
        taken.append((m.start(), m.end()))
    for m in _CHAMBER_SIZE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        part = f"{m.group('side').lower()} {_CHAMBER_ADJ[m.group('ch').lower()]}"
        normal = m.group("state").lower().startswith("non")
        end = m.end("ch")
        out.append(ExamFinding(Concept(f"{part} dilation", None), m.start(), end,
                               "absent" if normal else ""))
        taken.append((m.start(), end))
        if m.group("hyp"):
            out.append(ExamFinding(Concept(f"{part} hypertrophy",
                                           "I51.7" if part.endswith("ventricular") else None),
                                   m.start(), m.end("hyp"), ""))
            taken.append((m.start(), m.end("hyp")))
    for m in _CHAMBER_HYP.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        part = f"{m.group('side').lower()} ventricular"
        out.append(ExamFinding(Concept(f"{part} hypertrophy", "I51.7"), m.start(), m.end(),
                               ""))
        taken.append((m.start(), m.end()))
    septa = [f for f in _septum_findings(text)
             if not any(s < f.end and f.start < e for s, e in taken)]
    out += septa  # (both septa of one statement share its span)
    taken += [(f.start, f.end) for f in septa]
    for m in _NORMAL_ATTRIB.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        name = _struct_name(m.group("struct"), m.group("attr"))
        out.append(ExamFinding(Concept(f"abnormal {name}", None), m.start(), m.end(), "absent"))
        taken.append((m.start(), m.end()))
    for m in _NORMAL_WALL_MOTION.finditer(text):
        if _QUALIFIED.match(text, m.end()) or _HOWEVER.match(text, m.end()) or \
                _WALL_ABNORMAL_AFTER.match(text, m.end()) or \
                _BORDERLINE_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            continue  # p17fix (review): "Normal wall motion except for ...", "borderline normal"
        if not any(s < m.end() and m.start() < e for s, e in taken):
            out.append(ExamFinding(Concept("wall motion abnormality", None), m.start(), m.end(),
                                   "absent"))
    extend_unoverlapped(out, _no_abnormality_findings(text))
    if ":" in text:
        extend_unoverlapped(out, _label_normal_findings(text))
    return out


def structure_state_supports(span_text: str, name: str) -> bool:
    """Whether a ``structure_state_findings`` span grounds ``name`` (a bare structure
    grounds "abnormal <structure>": the first part of "the uterus and ovary were normal")."""
    if name == f"abnormal {_struct_name(span_text, None)}" and \
            re.fullmatch(rf"(?:(?:left|right)\s+)?(?:{_STRUCT_NOUN})", span_text.strip(), re.I):
        return True
    return any(f.concept.name == name for f in structure_state_findings(span_text.strip())) or \
        any(f.concept.name == name for f in _no_abnormality_findings(f"no {span_text.strip()}"))
