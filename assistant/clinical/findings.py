"""Context rules about whether a vocabulary hit is a finding about the patient at all, and
the exam shorthands the vocabulary cannot match ("soft, nontender, nondistended").

- ``not_about_patient``: consent-time risks ("risks include bleeding, infection, stroke"),
  prophylaxis and prevention ("DVT prophylaxis", "to prevent hypoglycemia"), education
  material ("a packet of information on diabetes"), other people ("nobody else at home is ill").
- ``maternal_sentence``: in a newborn's note, the mother's pregnancy ("Pregnancy was not
  complicated by hypertension") is about the mother, not the patient.
- ``exam_findings``: "nontender"/"nondistended" in an abdominal exam read as abdominal
  tenderness / distension absent, and "tender" there as present; with them, procedures stated
  as the patient's status ("status post CABG", ``assistant.clinical.procedures``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from assistant.clinical.procedures import procedure_supports, status_post_procedures
from assistant.clinical.vocabulary import Concept

#: Words that name no particular problem ("illness" of HISTORY OF PRESENT ILLNESS, "disease").
GENERAL_NOUNS = frozenset({"illness", "disease", "condition", "problem", "problems",
                           "symptoms", "symptom", "tube feeding", "aspiration", "reflux",
                           # a score's name, "Glasgow coma scale 15" (issue 16 problem probe)
                           "coma scale"})

# Before the mention, in its sentence: the words that make it a risk, a goal or a topic.
_NOT_PATIENT_BEFORE = re.compile(
    r"\b(?:risks?(?!\s+factors?)|complications?\s+(?:include|including|such as|of\s+the\s+"
    r"(?:procedure|surgery|operation))|side\s+effects?|potential\s+(?:for|of)|"
    r"possibility\s+of|(?:may|can|could|might|will)\s+(?:cause|lead\s+to|result\s+in)|"
    r"to\s+prevent|prevention\s+of|preventing|(?:packet|information|handouts?|literature|"
    r"education|counsel(?:l?ed|l?ing))\s+(?:of\s+information\s+)?(?:on|about|regarding)|"
    r"including\s+but\s+not\s+limited\s+to|(?:nobody|no\s+one|none\s+of\s+the\s+\w+)\s+else|"
    r"not\s+indicated\s+for)\b[^.;\n]*$", re.I)
# Right after the mention: the finding names a measure, not a problem.
_NOT_PATIENT_AFTER = re.compile(
    r"\s*(?:prophylaxis|precautions|prevention|protocol|plan|screening|education|"
    r"risk\s+reduction|workup|work-up)\b|"
    # a procedure named after its target ("inguinal hernia and hydrocele repair", "cyst
    # excision"): the operation, not a finding (the diagnosis lines name the problem)
    r"(?:\s+(?:and|/|&)\s+[a-z]+(?:\s+[a-z]+)?)?\s+(?:repair|excision|resection|removal|"
    r"drainage|release|reduction|fixation|ligation|closure|reconstruction|[a-z]+ectomy|"
    r"[a-z]+otomy|[a-z]+ostomy|[a-z]+plasty|[a-z]+pexy)\b", re.I)


def _sentence_before(text: str, start: int, limit: int = 300) -> str:
    lo = max(0, start - limit)
    chunk = text[lo:start]
    cut = max(chunk.rfind(". "), chunk.rfind("\n"), chunk.rfind(".\n"))
    return chunk[cut + 1:] if cut >= 0 else chunk


# Homographs: "fall" the season or the verb ("last fall", "started to fall"), not a fall.
_HOMOGRAPH_BEFORE = {
    "fall": re.compile(r"\b(?:last|this|next|to|will|may|might|did|could|would|"
                       r"and|or|spring|summer|winter|autumn)\s*\(?$", re.I),
}
_HOMOGRAPH_AFTER = {"fall": re.compile(r"\s*(?:and|or|,)\s*(?:spring|summer|winter)|\s+of\s+\d",
                                       re.I)}


def not_about_patient(text: str, start: int, end: int) -> bool:
    """True when the words at ``[start, end)`` name a risk, a prevention goal, a topic of
    education or somebody else, not a finding of the patient (sentence-level cues)."""
    if _NOT_PATIENT_AFTER.match(text, end):
        return True
    word = text[start:end].lower()
    if word in _HOMOGRAPH_BEFORE and (
            _HOMOGRAPH_BEFORE[word].search(text[max(0, start - 25):start])
            or _HOMOGRAPH_AFTER[word].match(text, end)):
        return True
    return bool(_NOT_PATIENT_BEFORE.search(_sentence_before(text, start)))


_NEWBORN = re.compile(
    r"\b(?:newborn|neonat\w*|\d+-(?:day|week)-old|(?:baby|infant)\s+(?:boy|girl)|"
    r"born\s+(?:at|to)\b|birth\s*weight|gestational\s+age|apgars?)\b", re.I)
_MATERNAL = re.compile(
    r"^\W*(?:the\s+|her\s+|mother'?s\s+)?(?:pregnancy|prenatal\s+course|antenatal\s+course|"
    r"gestation)\b|\b(?:maternal|mother'?s)\s+(?:history|labs?|serolog\w+|pregnancy|"
    r"medical\s+history|blood\s+type)\b|\bmother\s+(?:has|had|with|is\s+a)\b", re.I)


def is_newborn_note(text: str) -> bool:
    """A neonatal / newborn note (cues in its first 1,500 characters)."""
    return bool(_NEWBORN.search(text[:1500]))


def maternal_sentence(sentence: str, newborn: bool = True) -> bool:
    """In a newborn's note: a sentence about the mother or her pregnancy."""
    return newborn and bool(_MATERNAL.search(sentence))


@dataclass(frozen=True)
class ExamFinding:
    """A finding read from exam shorthand, with the status the words themselves carry."""

    concept: Concept
    start: int
    end: int
    status: str


_ABD_TENDER = Concept("abdominal tenderness", "R10.819")
_ABD_DIST = Concept("abdominal distension", "R14.0")
_ABDOMEN_CUE = re.compile(r"\b(?:abdomen|abdominal|abd|gastrointestinal)\b", re.I)
_SHORTHAND = re.compile(
    r"\b(?P<neg>non-?|un)?(?P<word>tender|distended)\b(?!\s+(?:to\s+)?(?:the\s+)?"
    r"(?:calf|calves|chest|neck|spine|back|joint|knee|shoulder|muscles?|extremit))|"
    # the bare noun in an abdominal exam: "ABDOMEN: Soft. No hepatosplenomegaly or
    # tenderness." (a named kind, "rebound tenderness", is the vocabulary's)
    r"\b(?:no|or|and|nor|without|any|mild|some|minimal|slight|diffuse)\s+"
    r"(?P<noun>tenderness|distension|distention)\b(?!\s+(?:to\s+)?(?:the\s+|over\s+)?"
    r"(?:calf|calves|chest|neck|spine|back|joint|knee|shoulder|muscles?|extremit|cva|flank))|"
    # "Pain to palpation of the right upper quadrant", "no pain with palpation": tenderness
    r"\b(?P<pain>pain)\s+(?:to|with|on|upon)\s+(?:deep\s+)?palpation\b", re.I)


def _shorthand_word(m: re.Match) -> str:
    """"tender" or "distended": what a ``_SHORTHAND`` match says."""
    if m.group("pain"):
        return "tender"
    return "tender" if (m.group("word") or m.group("noun")).lower().startswith("tender") \
        else "distended"


#: Exam labels of regions whose bare "(non)tender" names that region's tenderness.
_REGION_TENDER = {"neck": Concept("neck tenderness", None),
                  "chest": Concept("chest tenderness", None),
                  "back": Concept("back tenderness", None),
                  "spine": Concept("spine tenderness", None)}
# the last exam label before the word, with no other label or sentence end in between
_EXAM_LABEL = re.compile(r"\b(NECK|CHEST|BACK|SPINE)\s*:(?=[^:.]*$)", re.I)


def exam_findings(text: str) -> list[ExamFinding]:
    """Abdominal exam shorthand: "Abdomen: soft, nontender, nondistended" gives abdominal
    tenderness and distension absent; "abdomen ... tender in the RLQ" tenderness present.
    Only when the abdomen is named earlier on the same line or sentence."""
    out: list[ExamFinding] = []
    for m in _SHORTHAND.finditer(text):
        start = m.start("noun") if m.group("noun") else m.start()
        before = _sentence_before(text, start, 120)
        line = text[text.rfind("\n", 0, start) + 1:start]
        region = None
        if not (_ABDOMEN_CUE.search(before) or _ABDOMEN_CUE.match(line.strip())):
            # "NECK: Nontender.", "BACK: Atraumatic, nontender.": the exam label of another
            # region names the tenderness (issue 16 problem probe)
            label = _EXAM_LABEL.search(text[max(0, start - 60):start])
            if label is None or _shorthand_word(m) != "tender":
                continue  # the abdomen named in the sentence or as the line's exam label
            region = _REGION_TENDER[label.group(1).lower()]
        neg = bool(m.group("neg"))
        word = _shorthand_word(m)
        if not neg and re.search(r"\b(?:no|not|without)\b[^,;]*$", before, re.I):
            neg = True
        concept = region or (_ABD_TENDER if word == "tender" else _ABD_DIST)
        out.append(ExamFinding(concept, start, m.end(), "absent" if neg else "present"))
    for m in _CVA_EXAM.finditer(text):
        neg = bool(re.search(r"\b(?:no|not|without|denies)\b[^.;:\n]*$",
                             _sentence_before(text, m.start(), 80), re.I))
        out.append(ExamFinding(_CVA_TENDER, m.start(), m.end(), "absent" if neg else "present"))
    # procedures stated as status ("status post CABG": assistant.clinical.procedures), read
    # here, with the exam findings, so that their words are not read again as a problem
    out.extend(ExamFinding(c, s, e, st) for c, s, e, st in status_post_procedures(text))
    return out


#: Findings written as adjectives ("febrile", "diaphoretic") -> the concept they state; the
#: negated forms ("afebrile", "anicteric", "nontender", "non-diaphoretic") say it is absent.
ADJECTIVES: dict[str, Concept] = {
    "febrile": Concept("fever", "R50.9"), "diaphoretic": Concept("diaphoresis", "R61"),
    "tachypneic": Concept("tachypnea", "R06.82"), "tachycardic": Concept("tachycardia", "R00.0"),
    "bradycardic": Concept("bradycardia", "R00.1"), "cyanotic": Concept("cyanosis", "R23.0"),
    "icteric": Concept("scleral icterus", "R17"), "jaundiced": Concept("scleral icterus", "R17"),
    "edematous": Concept("edema", "R60.9"), "erythematous": Concept("erythema", None),
    "nauseated": Concept("nausea", "R11.0"), "nauseous": Concept("nausea", "R11.0"),
    "dyspneic": Concept("dyspnea", "R06.00"), "lethargic": Concept("lethargy", "R53.83"),
    "hypoxic": Concept("hypoxia", "R09.02"), "hypotensive": Concept("hypotension", "I95.9"),
    "septic": Concept("sepsis", "A41.9"), "dehydrated": Concept("dehydration", "E86.0"),
    "obese": Concept("obesity", "E66.9"), "tender": Concept("tenderness", None),
    "pale": Concept("pallor", "R23.1"), "pallid": Concept("pallor", "R23.1"),
    "unresponsive": Concept("unresponsiveness", "R40.4"),
}
_NEG_PREFIX = ("non-", "non", "an", "a", "un")
_ADJ_FORMS: dict[str, tuple[str, bool]] = {}
for _adj in ADJECTIVES:
    _ADJ_FORMS[_adj] = (_adj, False)
    for _pre in _NEG_PREFIX:
        vowel = _adj[0] in "aeiou"
        if (_pre == "a" and vowel) or (_pre == "an" and not vowel) or _pre == "un":
            continue  # "afebrile", "anicteric"; "un-" only in "unresponsive" (a finding)
        _ADJ_FORMS.setdefault(_pre + _adj, (_adj, True))
_ADJ_FORMS["unresponsive"] = ("unresponsive", False)  # a finding, not a negation
_ADJ_FORMS.pop("aseptic", None)  # "aseptic fashion": sterile technique, not "no sepsis"
_ADJ = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _ADJ_FORMS), key=len, reverse=True))
                  + r")\b", re.I)
# "not tender to the calf", "tender to palpation": a tender body part still says tenderness;
# the adjective as part of a name ("febrile seizure", "septic shock") is left to the vocabulary
_ADJ_IN_NAME = re.compile(r"\s+(?:seizures?|convulsions?|shock|arthritis|emboli|neutropenia|"
                          r"urgency|emergency|crisis|heart|ulcer|nodes?)\b", re.I)


def adjective_findings(text: str) -> list[ExamFinding]:
    """Findings written as adjectives: "febrile" (status left to the context rules),
    "afebrile"/"anicteric"/"nontender" (absent). Abdominal tenderness and distension are
    read by ``exam_findings``; "CVA" by its own rule."""
    out: list[ExamFinding] = []
    for m in _ADJ.finditer(text):
        adj, negated = _ADJ_FORMS[m.group(0).lower()]
        if _ADJ_IN_NAME.match(text, m.end()):
            continue
        hedged = text.startswith("-like", m.end())  # "a septic-like picture"
        out.append(ExamFinding(ADJECTIVES[adj], m.start(), m.end(),
                               "absent" if negated else "possible" if hedged else ""))
    return out


#: Body parts whose pain is written "painful left foot", "pain in the right knee".
_PARTS = ("foot|feet|knee|hip|shoulder|arm|leg|hand|back|neck|ankle|wrist|elbow|calf|"
          "thigh|toe|finger|heel|jaw|ear|eye|groin|flank|buttock|testicle|breast|joint")
_PAIN_OF = re.compile(
    rf"\bpainful\s+(?:(?:left|right|bilateral|lower|upper)\s+){{0,2}}(?P<a>{_PARTS})s?\b|"
    rf"\bpain\s+(?:in|of|to)\s+(?:the\s+|his\s+|her\s+|their\s+)?"
    rf"(?:(?:left|right|bilateral|lower|upper)\s+){{0,2}}(?P<b>{_PARTS})s?\b", re.I)


# "left leg pain", "back and leg pain", "incisional pain": a part or kind of pain before the
# noun (the vocabulary names some, "back pain"; the rest are named from the note's words)
_PAIN_KINDS = ("incisional|radicular|musculoskeletal|muskuloskeletal|neuropathic|"
               "postoperative|phantom\\s+limb|pleuritic|colicky|epigastric|suprapubic|"
               "periumbilical|retrosternal|substernal|"
               # issue 16 problem probe: "left scapular pain", "right supraorbital pain",
               # "chronic left lower extremity pain" (-> leg pain)
               "scapular|interscapular|supraorbital|periorbital|lower\\s+extremity|"
               "upper\\s+extremity")
_PART_PAIN = re.compile(
    rf"\b(?:(?:left|right|bilateral|lower|upper)\s+){{0,2}}(?P<a>{_PARTS}|{_PAIN_KINDS})s?"
    rf"(?:\s*(?:and|/|,)\s*(?:(?:left|right|lower|upper)\s+)?(?P<b>{_PARTS})s?)?\s+pain\b",
    re.I)


_PAIN_WORD = re.compile(r"\bpain\b", re.I)


def part_pain_findings(text: str, lookup) -> list[ExamFinding]:
    """"left leg pain" -> leg pain; "back and leg pain" -> back pain, leg pain; "incisional
    pain" -> incisional pain (the vocabulary's concept when it names "<word> pain")."""
    out: list[ExamFinding] = []
    for m in _windowed(_PART_PAIN, _PAIN_WORD, text, before=70, after=0):
        for g in ("a", "b"):
            if not m.group(g):
                continue
            word = " ".join(m.group(g).lower().split())
            word = {"feet": "foot", "muskuloskeletal": "musculoskeletal",
                    "lower extremity": "leg", "upper extremity": "arm"}.get(word, word)
            name = f"{word} pain"
            concept = lookup(name) or Concept(name, None)
            out.append(ExamFinding(concept, m.start(g), m.end(), ""))
    return out


def pain_findings(text: str, lookup) -> list[ExamFinding]:
    """"painful left foot" / "pain in the right knee" -> foot pain / knee pain (the
    vocabulary's concept when ``lookup`` knows "<part> pain"); status left to the context."""
    out: list[ExamFinding] = []
    for m in _PAIN_OF.finditer(text):
        part = (m.group("a") or m.group("b")).lower()
        part = "foot" if part == "feet" else part
        name = f"{part} pain"
        concept = lookup(name) or Concept(name, None)
        out.append(ExamFinding(concept, m.start(), m.end(), ""))
    return out


def pain_supports(span_text: str, name: str) -> bool:
    """Whether "painful left foot" (a ``pain_findings`` span) grounds ``name``."""
    m = _PAIN_OF.fullmatch(span_text.strip())
    if m is None:
        p = _PART_PAIN.search(span_text.strip())
        return p is not None and p.end() == len(span_text.strip()) and "pain" in name

    part = (m.group("a") or m.group("b")).lower()
    return name.split()[0] in (part, "foot" if part == "feet" else part) or "pain" in name


_CVA_TENDER = Concept("costovertebral angle tenderness", None)
# "CVA" in an exam ("no CVA or flank tenderness") is the costovertebral angle, not a stroke
_CVA_EXAM = re.compile(r"\bCVA\b(?=\s*(?:(?:or|and|/)\s*\w+\s+)?tender)")


# ----------------------------------------------------------------------------- palpable organs
#: An organ felt on examination that normally is not (or not below the costal margin): the
#: enlargement finding. "The liver edge is palpable 4 cm below the costal margin", "spleen
#: tip palpable" -> hepatomegaly / splenomegaly; "no cervical or axillary nodes palpable",
#: "nonpalpable lymph nodes" -> lymphadenopathy absent; "palpable nodes" present.
_ORGANS = {"liver": Concept("hepatomegaly", "R16.0"), "spleen": Concept("splenomegaly", "R16.1"),
           "node": Concept("lymphadenopathy", "R59.9")}
_PALPABLE = re.compile(
    r"\b(?P<neg1>no\s+(?:[a-z]+\s+(?:or\s+|and\s+|,\s*)?){0,4})?"
    r"(?P<organ>liver|spleen|(?:lymph\s+)?nodes?)(?:\s+(?:edge|tip))?\s+(?:is\s+|are\s+|was\s+|"
    r"were\s+)?(?:(?:also|easily|barely|just|readily)\s+)?(?P<neg2>not\s+|non-?)?palpable\b(?P<measure>\s+\d+(?:\.\d+)?\s*(?:cm|"
    r"fingerbreadths?|finger\s*breadths?))?|"
    r"\b(?P<neg3>non-?|no\s+)?palpable\s+(?:(?:cervical|axillary|inguinal|supraclavicular|"
    r"submandibular)\s+)?(?P<organ2>(?:lymph\s+)?nodes?|lymphadenopathy|liver|spleen)\b", re.I)


#: The examiner's verb, negated: "The thyroid is not palpated", "No nodes were palpated in
#: the neck", "I did not palpate the liver", "could not feel the spleen" -> the enlargement
#: absent (issue 16 problem probe). Only the negated verb: "the liver was palpated" says nothing.
_ORGANS_VERB = {**_ORGANS, "thyroid": Concept("goiter", "E04.9")}
_NOT_PALPATED = re.compile(
    r"\b(?:(?P<neg1>no)\s+(?:(?:cervical|axillary|inguinal|supraclavicular|submandibular|"
    r"lymph)\s+)?(?P<organ>nodes?)\s+(?:is|are|was|were)\s+|"
    r"(?:the\s+)?(?P<organ2>liver|spleen|thyroid)(?:\s+(?:gland|edge|tip))?\s+(?:is|was)\s+"
    r"(?P<neg2>not|non-?)\s*)(?:palpated|felt|palpable)\b|"
    r"\b(?:did|could|do|can)\s*(?:not|n't)\s+(?:palpate|feel)\s+(?:the\s+|a\s+|an\s+|any\s+)?"
    r"(?:(?:cervical|axillary|inguinal|lymph)\s+)?(?P<organ3>liver|spleen|thyroid|nodes?)\b", re.I)


def palpable_findings(text: str) -> list[ExamFinding]:
    """Organs felt on examination -> their enlargement finding, with the status the words
    carry (a liver edge counts only with a measure below the margin, or negated)."""
    out: list[ExamFinding] = []
    for m in _NOT_PALPATED.finditer(text):
        organ = (m.group("organ") or m.group("organ2") or m.group("organ3")).lower()
        organ = "node" if organ.startswith("node") else organ
        out.append(ExamFinding(_ORGANS_VERB[organ], m.start(), m.end(), "absent"))
    taken = [(f.start, f.end) for f in out]
    for m in _PALPABLE.finditer(text):
        organ = (m.group("organ") or m.group("organ2")).lower().split()[-1].rstrip("s")
        organ = "node" if organ in ("node", "lymphadenopathy") else organ
        neg = bool(m.group("neg1") or m.group("neg2") or m.group("neg3"))
        if organ == "liver" and not neg and m.group("organ") and not m.group("measure"):
            continue  # "liver edge palpable at the costal margin": not an enlargement
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue  # already read as "is not palpable" above
        out.append(ExamFinding(_ORGANS[organ], m.start(), m.end(), "absent" if neg else ""))
    return out


def palpable_supports(span_text: str, name: str) -> bool:
    """Whether a ``palpable_findings`` span grounds ``name``."""
    return any(f.concept.name == name for f in palpable_findings(span_text.strip()))


def shorthand_supports(span_text: str, name: str) -> bool:
    """Whether exam shorthand ``span_text`` ("nontender") grounds the finding ``name``."""
    if span_text.strip() == "CVA":
        return name == _CVA_TENDER.name
    if palpable_supports(span_text, name) or structure_state_supports(span_text, name) or \
            procedure_supports(span_text, name):
        return True
    if span_text.strip().lower() in _URINARY and _URINARY[span_text.strip().lower()].name == name:
        return True
    if pain_supports(span_text, name) or normal_exam_supports(span_text, name) or \
            sign_supports(span_text, name):
        return True
    form = _ADJ_FORMS.get(span_text.strip().lower())
    if form is not None and ADJECTIVES[form[0]].name == name:
        return True
    m = _SHORTHAND.fullmatch(span_text.strip())
    if m is None:
        m = _SHORTHAND.fullmatch("no " + span_text.strip())  # the bare noun
        if m is None or m.group("noun") is None:
            return False
    word = _shorthand_word(m)
    if word == "tender" and name in {c.name for c in _REGION_TENDER.values()}:
        return True  # "NECK: Nontender." (the label is outside the span)
    return name == (_ABD_TENDER.name if word == "tender" else _ABD_DIST.name)


# ----------------------------------------------------------------------------- site findings
#: Body sites written in front of a generic finding noun ("adnexal mass", "skull fractures",
#: "lung metastasis") -> the word used in the concept name (nouns of the abdomen/colon read
#: as their adjective). A curated anatomy list: the vocabularies name few site + noun pairs.
_SITES = {
    "neck": "neck", "abdomen": "abdominal", "abdominal": "abdominal", "adnexal": "adnexal",
    "adnexa": "adnexal", "pelvic": "pelvic", "breast": "breast", "lung": "lung",
    "pulmonary": "pulmonary", "colon": "colonic", "colonic": "colonic", "rectal": "rectal",
    "liver": "liver", "hepatic": "hepatic", "renal": "renal", "kidney": "renal",
    "adrenal": "adrenal", "thyroid": "thyroid", "skull": "skull", "rib": "rib",
    "zygomatic": "zygomatic", "orbital": "orbital", "maxillary": "maxillary",
    "mandibular": "mandibular", "nasal": "nasal", "temporal": "temporal",
    "parietal": "parietal", "frontal": "frontal", "occipital": "occipital",
    "vertebral": "vertebral", "bladder": "bladder", "uterine": "uterine",
    "vaginal": "vaginal", "ovarian": "ovarian", "testicular": "testicular",
    "scrotal": "scrotal", "brain": "brain", "bone": "bone", "nodal": "nodal",
    "pancreatic": "pancreatic", "splenic": "splenic", "gastric": "gastric",
    "mediastinal": "mediastinal", "pleural": "pleural", "axillary": "axillary",
    "inguinal": "inguinal", "hip": "hip", "wrist": "wrist", "ankle": "ankle",
    "clavicle": "clavicle", "clavicular": "clavicle", "femoral": "femoral", "femur": "femur",
    "humerus": "humerus", "humeral": "humerus", "tibial": "tibial", "tibia": "tibial",
    "fibula": "fibular", "fibular": "fibular", "radius": "radius", "pelvis": "pelvic",
    "spine": "spinal", "spinal": "spinal", "scalp": "scalp", "chest": "chest",
    "soft tissue": "soft tissue", "lymph node": "lymph node", "lymph nodes": "lymph node",
    "chest wall": "chest wall", "abdominal wall": "abdominal wall", "spiculated": "spiculated",
}
#: The generic nouns (a plural read as its singular, except nouns written plural as findings).
_HEADS = {"mass": "mass", "masses": "mass", "fracture": "fracture", "fractures": "fracture",
          "metastasis": "metastasis", "metastases": "metastases", "prolapse": "prolapse",
          "infiltrate": "infiltrates", "infiltrates": "infiltrates", "nodule": "nodule",
          "nodules": "nodule", "calcification": "calcifications",
          "calcifications": "calcifications"}
_SITE_RE = "|".join(sorted(map(re.escape, _SITES), key=len, reverse=True))
_HEAD_RE = "|".join(sorted(map(re.escape, _HEADS), key=len, reverse=True))
_SIDE = r"(?:(?:left|right|bilateral|both|upper|lower|medial|lateral)\s+)"
# "adnexal mass", "right zygomatic bone fracture", "lung metastasis", "soft tissue mass"
_SITE_HEAD = re.compile(rf"\b(?P<site>{_SITE_RE})\s+(?:(?P<bone>bones?|sinus)\s+)?"
                        rf"(?P<head>{_HEAD_RE})\b", re.I)
# "mass in the left breast", "fracture of the right clavicle"
_HEAD_OF_SITE = re.compile(
    rf"\b(?P<head>{_HEAD_RE})\s+(?:of|in|involving)\s+(?:the\s+)?{_SIDE}{{0,2}}"
    rf"(?P<site>{_SITE_RE})\b(?!\s+(?:{_HEAD_RE}))", re.I)
# "the zygomatic bone is fractured", "the medial wall of the maxillary sinus is fractured"
_SITE_FRACTURED = re.compile(
    rf"\b(?P<site>{_SITE_RE})(?:\s+(?P<bone>bones?|sinus))?\s+(?:is|are|was|were)\s+(?:\w+\s+)?"
    rf"(?P<head>fractured)\b", re.I)
_ANY_HEAD = re.compile(r"mass|fractur|metasta|prolapse|infiltrat|nodule|calcific", re.I)
_BARE_HEAD = re.compile(r"\b(?P<head>mass|masses|nodules?)\b", re.I)
_LABEL = re.compile(rf"^\s*(?P<site>{_SITE_RE})\s*:", re.I)


def _site_name(m: re.Match[str]) -> str:
    h = _HEADS.get(m.group("head").lower(), "fracture")
    site = _SITES[" ".join(m.group("site").lower().split())]
    bone = (m.groupdict().get("bone") or "").lower()
    if bone and site != "bone":
        site += " sinus" if bone == "sinus" else " bone"
    return f"{site} {h}"


def site_findings(text: str) -> list[ExamFinding]:
    """A generic finding noun placed at a body site: "adnexal mass", "skull fractures",
    "possible lung metastasis", "the zygomatic bone is fractured", "mass in the breast", and a
    bare "no masses" on an exam line labelled with the site ("Neck: ... no masses"). Status is
    left to the context rules; the span covers the words read."""
    out: list[ExamFinding] = []
    taken: list[tuple[int, int]] = []
    # the site patterns are only tried around a head noun (speed: most text has none)
    windows: list[tuple[int, int]] = []
    for h in _ANY_HEAD.finditer(text):
        lo, hi = max(0, h.start() - 70), min(len(text), h.end() + 60)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    for rx in (_SITE_FRACTURED, _SITE_HEAD, _HEAD_OF_SITE):
        for m in (m for lo, hi in windows for m in rx.finditer(text, lo, hi)):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if "\n" in m.group(0):
                continue
            name = _site_name(m)
            out.append(ExamFinding(Concept(name, None), m.start(), m.end(), ""))
            taken.append((m.start(), m.end()))
    for m in (m for lo, hi in windows for m in _BARE_HEAD.finditer(text, lo, hi)):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        label = _LABEL.match(line)
        if label is None:
            continue
        name = f"{_SITES[label.group('site').lower()]} {_HEADS[m.group('head').lower()]}"
        out.append(ExamFinding(Concept(name, None), m.start(), m.end(), ""))
    return sorted(out, key=lambda f: f.start)


def site_supports(span_text: str, name: str) -> bool:
    """Whether a ``site_findings`` span ("skull fractures", "masses") grounds ``name``."""
    t = " ".join(span_text.lower().split())
    if _BARE_HEAD.fullmatch(t):
        return name.split()[-1] == _HEADS[t] and name.rsplit(" ", 1)[0] in _SITES.values()
    for rx in (_SITE_FRACTURED, _SITE_HEAD, _HEAD_OF_SITE):
        m = rx.fullmatch(t)
        if m is not None:
            return _site_name(m) == name
    return False


# ----------------------------------------------------------------------------- structure states
#: Echo / imaging statements about a structure's state: "Left ventricular size is normal",
#: "The aortic root size is mildly dilated", "Mitral valve is thickened", "Overall left
#: ventricular function is moderate to severely decreased". A normal state is recorded as the
#: abnormality it rules out, absent ("abnormal left ventricular size": absent); an abnormal
#: state as the finding it names ("aortic root dilation", "thickened mitral valve").
_STRUCT_NOUN = (r"ventricular|atrial|ventricles?|atrium|valve|root|artery|septum|heart|aorta|"
                r"kidneys?|liver|spleen|gallbladder|pancreas|thyroid|cavity|hemidiaphragm|"
                r"mineralization|esophagus|stomach|duodenum|ileum|colon|pericardium|uterus|"
                r"ovary|ovaries|placenta|prostate|bladder|"
                # round 5 (issue 16 NegEx): endoscopy and imaging structures
                r"mucosa|joints?|bulb|contours?|sinuses|air\s+cells|parenchyma|vascularity|"
                r"(?:esophagogastric|gastroesophageal|GE)[\s-]+junction|biventricular")
_STATE = re.compile(
    rf"\b(?P<struct>(?:(?:overall|segmental|global|the|right|left|aortic|mitral|tricuspid|"
    rf"pulmonic|pulmonary|interatrial|interventricular|bone|heart|common|bile|main|"
    rf"ileal|duodenal|gastric|colonic|esophageal|rectal|mediastinal|cardiomediastinal|"
    rf"paranasal|mastoid|brain|lung|renal|hepatic|glenohumeral|acromioclavicular|hip|knee|"
    rf"shoulder|ankle|postbulbar)\s+){{0,3}}"
    rf"(?:{_STRUCT_NOUN}))(?:\s+(?P<attr>size|function|wall\s+thickness|systolic\s+function|"
    rf"diastolic\s+function|wall\s+motion|dimensions?|cavity\s+size|contractility))?"
    rf"(?:\s+\([^)]{{0,30}}\))?\s+(?:is|are|was|were|appears?)\s+(?P<not>not\s+)?(?P<deg>(?:(?:grossly|overall|"
    rf"mildly|moderately|severely|slightly|markedly|borderline|mild|moderate|severe|to|"
    rf"otherwise|relatively|essentially)\s+){{0,4}})(?P<state>normal|within\s+normal\s+limits|unremarkable|enlarged|"
    rf"dilated|thickened|increased|decreased|reduced|small|depressed|preserved|hypokinetic|"
    rf"akinetic|calcified|sclerotic|elevated|abnormal|restricted|flattened)\b", re.I)
_STATE_VERB = re.compile(
    r"\b(?:is|are|was|were|appears?)\s+(?:[a-z]+\s+){0,5}?(?:normal|within\s+normal|"
    r"unremarkable|enlarged|dilated|thickened|increased|decreased|reduced|small|depressed|"
    r"preserved|hypokinetic|akinetic|calcified|sclerotic|elevated|abnormal|restricted|"
    r"flattened)\b", re.I)
_NORMAL_STATES = ("normal", "within normal limits", "unremarkable", "preserved")
# "normal esophagus", "normal-sized uterus", "normal left ventricular size and function"
_NORMAL_ATTRIB = re.compile(
    rf"\bnormal(?:[- ]sized?)?\s+(?P<struct>(?:(?:left|right|terminal|aortic|mitral|tricuspid|"
    rf"pulmonic|pulmonary|bone)\s+){{0,2}}(?:{_STRUCT_NOUN}))\b(?:\s+(?P<attr>size|function|"
    rf"wall\s+thickness|systolic\s+function))?", re.I)
# "The uterus and left ovary were within normal limits": the first of two coordinated parts
_COORD_STRUCT = re.compile(
    rf"\b(?:the\s+)?(?P<struct>(?:(?:left|right)\s+)?(?:{_STRUCT_NOUN}))\s+and\s+$", re.I)
_STATE_NOUN = {"enlarged": "enlargement", "dilated": "dilation"}
_VALVE_ROOT = (r"(?:(?:aortic|mitral|tricuspid|pulmonic|pulmonary)\s+(?:valve|root)(?:\s+leaflets?)?"
               r"|aortic\s+root)")
_ABNORMAL_ATTRIB = re.compile(
    rf"\b(?P<state>thickened|calcified|dilated|sclerotic)\s+(?:(?:and|,)\s*(?:thickened|"
    rf"calcified|restricted)\s+)*(?P<struct>{_VALVE_ROOT})\b|"
    rf"\b(?P<struct2>aortic\s+root)\s+(?P<noun>dilation|dilatation|enlargement)\b|"
    # "flattened interventricular septum", "flattening of the interventricular septum"
    rf"\b(?P<flat>flattened|flattening\s+of\s+the)\s+(?P<struct3>(?:interventricular|"
    rf"ventricular)\s+septum)\b", re.I)


# "nondilated left ventricle", "severely dilated right (systemic) ventricle": a chamber's size
# said before it -> <side> ventricular/atrial dilation, absent for "nondilated"; "... ventricle
# with (concentric) hypertrophy" -> <side> ventricular hypertrophy (ICD-10-CM I51.7, whose
# inclusion terms name ventricular hypertrophy)
_CHAMBER_SIZE = re.compile(
    r"\b(?P<state>non-?dilated|(?:(?:mildly|moderately|severely|markedly)\s+)?(?:dilated|"
    r"enlarged))\s+(?P<side>left|right)\s+(?:\([^)]{0,20}\)\s+)?(?P<ch>ventricle|atrium)\b"
    r"(?P<hyp>\s+with\s+(?:(?:mild|moderate|severe|concentric|eccentric)\s+)*hypertrophy\b)?",
    re.I)
_CHAMBER_ADJ = {"ventricle": "ventricular", "atrium": "atrial"}


def _struct_name(struct: str, attr: str | None) -> str:
    words = [w for w in struct.lower().split() if w not in ("the", "overall", "segmental",
                                                             "global")]
    return " ".join([*words, *(attr.lower().split() if attr else [])])


def structure_state_findings(text: str) -> list[ExamFinding]:
    """Echo/imaging statements of a structure's state -> findings (see ``_STATE``)."""
    out: list[ExamFinding] = []
    seen: set[tuple[int, int]] = set()
    for v in _STATE_VERB.finditer(text):  # cheap anchor first: the verb and the state word
        lo = text.rfind(" ", 0, max(0, v.start() - 100)) + 1
        m = _STATE.search(text, lo, v.end() + 10)
        while m is not None and m.end() < v.end():
            m = _STATE.search(text, m.end(), v.end() + 10)
        if m is None or (m.start(), m.end()) in seen:
            continue
        seen.add((m.start(), m.end()))
        state = " ".join(m.group("state").lower().split())
        name = _struct_name(m.group("struct"), m.group("attr"))
        if not name or name.split()[-1] in ("the",):
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
        c = _COORD_STRUCT.search(text, max(0, start - 40), start)
        if c is not None and state in _NORMAL_STATES and not m.group("not"):
            other = _struct_name(c.group("struct"), None)
            out.append(ExamFinding(Concept(f"abnormal {other}", None), c.start("struct"),
                                   c.end("struct"), "absent"))
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
    for m in _NORMAL_ATTRIB.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        name = _struct_name(m.group("struct"), m.group("attr"))
        out.append(ExamFinding(Concept(f"abnormal {name}", None), m.start(), m.end(), "absent"))
    return out


def structure_state_supports(span_text: str, name: str) -> bool:
    """Whether a ``structure_state_findings`` span grounds ``name`` (a bare structure
    grounds "abnormal <structure>": the first part of "the uterus and ovary were normal")."""
    if name == f"abnormal {_struct_name(span_text, None)}" and \
            re.fullmatch(rf"(?:(?:left|right)\s+)?(?:{_STRUCT_NOUN})", span_text.strip(), re.I):
        return True
    return any(f.concept.name == name for f in structure_state_findings(span_text.strip()))


# ----------------------------------------------------------------------------- urinary lists
#: "frequency" and "urgency" alone name urinary symptoms when the sentence is about voiding:
#: "No urological symptoms such as dysuria, frequency, incomplete bladder emptying", "GU:
#: denies dysuria, urgency or frequency".
_URINARY_WORD = re.compile(r"\b(?P<w>frequency|urgency)\b(?!\s+of\s+(?!urination|micturition))",
                           re.I)
_URINARY_CUE = re.compile(r"\b(?:dysuria|hematuria|nocturia|urinary|urination|urinate|"
                          r"urolog\w*|voiding|void|bladder|incontinence|genitourinary|GU|"
                          r"micturition|hesitancy)\b", re.I)
_URINARY = {"frequency": Concept("urinary frequency", "R35.0"),
            "urgency": Concept("urinary urgency", None, ("HP:0000012",))}


def urinary_findings(text: str) -> list[ExamFinding]:
    """Bare "frequency"/"urgency" in a sentence about voiding -> urinary frequency/urgency
    (status left to the context rules)."""
    out: list[ExamFinding] = []
    for m in _URINARY_WORD.finditer(text):
        before = _sentence_before(text, m.start(), 150)
        after = text[m.end():m.end() + 80].split(".")[0]
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if _URINARY_CUE.search(before) or _URINARY_CUE.search(after) or \
                _URINARY_CUE.match(line.strip()):
            out.append(ExamFinding(_URINARY[m.group("w").lower()], m.start(), m.end(), ""))
    return out


# ----------------------------------------------------------------------------- normal exam
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
                r"(?:(?:are|is|were|was)\s+)?(?:otherwise\s+)?(?:(?:\w+\s+){0,2}(?:and|,)\s+)?clear\b"
                r"(?:\s+(?:to|on|by)\s+auscultation)?(?:\s+(?:and\s+percussion|bilaterally|"
                r"throughout))*|\bclear\s+to\s+auscultation(?:\s+(?:and\s+percussion|"
                r"bilaterally))*|\bCTAB\b|\bCTAP\b|"
                r"\b(?:lungs?|chest|pulmonary|resp(?:iratory)?)\s*[:\-]?\s*CT[AP](?:\s+bilaterally)?\b|\bclear\s+(?:and\s+equal\s+)?"
                r"(?:breath\s+sounds|lung\s+fields)\b", re.I),
     Concept("abnormal breath sounds", None)),
    (re.compile(r"\bPERRLA?\b|\bPERLA\b|\bpupils\s+(?:are\s+|were\s+)?"
                r"(?:equal(?:ly)?|isocoric)[\s,]+(?:round[\s,]+)?(?:and\s+)?(?:reactive|react)"
                r"(?:\s+to\s+light(?:\s+and\s+accommodation)?)?|\bequal(?:,?\s+round,?)?\s+"
                r"and\s+reactive\s+pupils\b", re.I),
     Concept("pupillary abnormality", "H57.00")),
    (re.compile(r"\b(?P<w>awake|alert)\b(?=\s*(?:,|and|\s)\s*(?:and\s+)?(?:alert|awake|oriented|"
                r"cooperative|responsive|in\s+no|conversant|interactive|appropriate)\b)|"
                r"\b(?:is|was|are|remains|remained|appears|appeared)\s+(?P<w2>awake|alert)\b|"
                r"(?:(?<=awake,\s)|(?<=awake\sand\s)|(?<=awake,\sand\s))(?P<w5>alert)\b|"
                r"(?:[:\-]\s*|^\s*)(?P<w3>awake|alert)\b|"
                r"(?<![\w-])(?P<w4>oriented(?:\s*(?:x|times|to)\s*(?:3|three|4|four|person|"
                r"place|time)(?:[\s,]+(?:and\s+)?(?:place|time|situation|person|date))*)?)"
                r"(?<=[a-z0-9])\b", re.I | re.M),
     _CONFUSION),
    (re.compile(r"\bregular\s+rate\s+and\s+rhythm\b|\bRRR\b", re.I), Concept("arrhythmia", "I49.9")),
    (re.compile(r"\bneck\b[\s:,-]*(?:(?:is|was)\s+)?(?:soft\s*(?:and|,)\s*)?supple\b", re.I),
     Concept("neck stiffness", None)),
    (re.compile(r"\bEOMI\b|\bextraocular\s+(?:eye\s+)?(?:movements?|muscles?|motions?)\s+(?:are\s+|"
                r"were\s+)?(?:intact|full|normal)\b|\b(?:intact|full|normal)\s+extraocular\s+"
                r"(?:movements?|muscles?|motions?)", re.I),
     Concept("abnormal extraocular movements", None)),
    (re.compile(r"\bcranial\s+nerves?\s+(?:exam(?:ination)?\s+(?:is\s+|was\s+)?)?(?:(?:II|2)\s*(?:through|to|-)\s*(?:XII|12)\s*)?"
                r"[\s:-]*(?:are\s+|were\s+)?(?:grossly\s+)?(?:intact|within\s+normal\s+limits|normal)\b",
                re.I), Concept("cranial nerve deficit", None)),
    (re.compile(r"\bhemodynamically\s+stable\b", re.I), Concept("hemodynamic instability", None)),
    (re.compile(r"\bneurologically\s+(?:grossly\s+)?intact\b", re.I),
     Concept("neurological deficit", None)),
    (re.compile(r"\bmoist\s+mucous\s+membranes\b|\bmucous\s+membranes\s+(?:are\s+|were\s+)?"
                r"(?:pink\s+and\s+)?moist\b", re.I), Concept("dry mucous membranes", None)),
    (re.compile(r"\bsensation\s*(?:is\s+|was\s+|:\s*)?(?:grossly\s+)?intact\b|\bintact\s+"
                r"sensation\b", re.I), Concept("sensory deficit", None)),
    (re.compile(r"\b(?:normal|positive|normoactive|present)\s+bowel\s+sounds\b|\bbowel\s+"
                r"sounds\s+(?:are\s+|were\s+)?(?:present|normal|normoactive|positive)\b|"
                r"\+\s*BS\b", re.I), Concept("abnormal bowel sounds", "R19.15")),
    # "JVP is normal", "JVP is flat", "JVP not elevated" (issue 16 problem probe)
    (re.compile(r"\bJVP\s+(?:is\s+|was\s+)?(?:normal|flat|not\s+(?:elevated|raised|distended))\b|"
                r"\b(?:flat|normal)\s+JVP\b", re.I), Concept("jugular venous distension", None)),    # issue 16 NegEx round 5: head, abdomen, strength, pulses, capillary refill, heart
    # sounds, rhythm strip, ears, throat, hydration, vital signs, gait
    (re.compile(r"\b(?:normocephalic[\s,/]+(?:and\s+)?)?atraumatic\b|\bNC\s*/\s*AT\b|"
                r"\bNCAT\b", re.I), Concept("head injury", "S09.90")),
    (re.compile(r"\babdomen\b[\s:,-]*(?:(?:is|was)\s+)?(?:\w+\s+)?soft\b|\bsoft\s+abdomen\b",
                re.I), Concept("abdominal rigidity", "R19.30")),
    (re.compile(r"\b(?:motor|strength|power)\b[\s:,-]*(?:(?:is|was|are|were)\s+)?"
                r"(?:(?:strength|exam(?:ination)?)\s+(?:is\s+)?)?(?:\+?5\s*/\s*5|intact|full|normal)"
                r"(?:\s+(?:and\s+)?(?:symmetric(?:al)?|equal))?(?:\s+(?:in\s+)?(?:all|both|"
                r"upper|lower|bilateral(?:ly)?)(?:\s+(?:four|4|upper|lower|and))*\s+"
                r"extremities)?|\b5\s*/\s*5\s+(?:motor|strength|power)\b|"
                r"\b(?:good|full|normal)\s+(?:grip\s+|motor\s+)?strength\b", re.I),
     Concept("weakness", "R53.1")),
    (re.compile(r"(?:\+\s*2|\b2\s*\+)\s*(?:and\s+(?:equal|symmetric)\s+)?(?:(?:radial|"
                r"pedal|distal|peripheral|dorsalis\s+pedis|femoral|carotid)\s+)*pulses\b|"
                r"\b(?:strong|good|positive|palpable|normal|intact|equal)\s+(?:(?:and\s+)?"
                r"(?:equal|symmetric|radial|pedal|distal|peripheral|dorsalis\s+pedis)\s+)*"
                r"pulses\b|\bpulses\s+(?:are\s+|were\s+)?(?:2\s*\+|\+\s*2|intact|palpable|"
                r"strong|normal|equal)", re.I), Concept("diminished pulses", None)),
    (re.compile(r"\b(?:good|normal|brisk|intact)\s+cap(?:illary)?\s+refill\b|"
                r"\bcap(?:illary)?\s+refills?(?:\s+time)?\s+(?:is\s+|was\s+)?(?:normal|brisk|intact|"
                r"(?:<|less\s+than)\s*(?:2|3|two|three)\b)", re.I),
     Concept("delayed capillary refill", "R23.8")),
    (re.compile(r"\bheart\s+(?:sounds|tones)\s+(?:are\s+|were\s+)?regular\b|\bregular\s+"
                r"heart\s+(?:sounds|tones|rhythm)\b|\b(?:normal\s+)?sinus\s+rhythm\b|\bNSR\b",
                re.I), Concept("arrhythmia", "I49.9")),
    (re.compile(r"\b(?:TMs|tympanic\s+membranes?)\s+(?:are\s+|were\s+|is\s+)?(?:clear|"
                r"normal|intact|pearly(?:\s+gr[ae]y)?)\b", re.I),
     Concept("tympanic membrane abnormality", "H73.90")),
    # "well hydrated" as a state, not advice ("advised to stay well hydrated")
    (re.compile(r"(?<!stay\s)(?<!keep\s)(?<!remain\s)(?<!be\s)\bwell[\s-]+hydrated\b", re.I),
     Concept("dehydration", "E86.0")),
    (re.compile(r"\bgait\s+(?:is\s+|was\s+)?(?:normal|steady|stable)\b|\b(?:normal|steady)\s+"
                r"gait\b", re.I), Concept("gait abnormality", "R26.9")),
)
#: Speed: each pattern above is tried only in a window around its key words.
_NORMAL_KEYS = tuple(re.compile(k, re.I) for k in (
    r"\bclear|\bCT[AP]", r"\bPERR?LA?\b|\bpupils\b|\breactive\s+pupils",
    r"\b(?:awake|alert|oriented)\b", r"\bregular\s+rate|\bRRR\b", r"\bsupple\b",
    r"\bEOMI\b|\bextraocular\b", r"\bcranial\s+nerve", r"\bhemodynamically\b",
    r"\bneurologically\b", r"\bmoist\b", r"\bsensation\b",
    r"\bbowel\s+sounds\b|\+\s*BS\b", r"\bJVP\b",
    r"\batraumatic\b|\bNC\s*/\s*AT\b|\bNCAT\b", r"\bsoft\b",
    r"\b(?:motor|strength|power)\b", r"\bpulses\b", r"\brefill\b",
    r"\bregular\b|\bsinus\s+rhythm\b|\bNSR\b", r"\bTMs\b|\btympanic\b",
    r"\bhydrated\b", r"\bgait\b"))


def _windowed(pattern: re.Pattern[str], key: re.Pattern[str], text: str,
              before: int = 80, after: int = 80) -> list[re.Match[str]]:
    """``pattern``'s matches that lie near a ``key`` hit (same matches as a full scan for
    patterns whose words sit within ``before``/``after`` characters of a key word),
    leftmost-longest, without overlaps."""
    found: dict[tuple[int, int], re.Match[str]] = {}
    last = -1
    for k in key.finditer(text):
        lo = max(0, k.start() - before, last)
        for m in pattern.finditer(text, lo, min(len(text), k.end() + after)):
            found.setdefault(m.span(), m)
        last = max(last, k.start() - before)
    out: list[re.Match[str]] = []
    for span in sorted(found, key=lambda sp: (sp[0], -sp[1])):
        if out and span[0] < out[-1].end():
            continue
        out.append(found[span])
    return out


_NORMAL_NEGATED = re.compile(r"\b(?:not|no\s+longer|less|more|barely|poorly|not\s+fully|no|"
                             r"absent|without|decreased|diminished|weak|faint)\s+$",
                             re.I)
_NORMAL_QUALIFIED = re.compile(r"\s*,?\s*(?:except|but(?!\s+(?:there|i|he|she|the\s+patient)\b)|"
                               r"with\s+the\s+exception|other\s+than|apart\s+from|save\s+for)\b",
                               re.I)
#: "strength is 5/5 for the upper extremities": one limb or part only, not "no weakness"
_PART_LIMB = re.compile(r"\s*(?:for|in|of|at)\s+(?:the\s+|his\s+|her\s+)?(?:(?:left|right|"
                        r"upper|lower|bilateral\s+upper|bilateral\s+lower)\b|(?:arms?|legs?|"
                        r"hands?|feet|foot|(?:dorsi|plantar)?flexors?)\b)", re.I)
_DISTRESS = re.compile(r"\b(?P<d>(?:acute|apparent|obvious|any)\s+distress)\b|"
                       r"\bin\s+(?:no\s+)?(?P<d2>(?:(?:some|mild|moderate|severe|significant)\s+)?"
                       r"distress)\b", re.I)
_DISTRESS_CONCEPT = Concept("distress", None)


def normal_exam_findings(text: str) -> list[ExamFinding]:
    """Normal exam shorthand -> the finding it rules out, absent (table above); "no acute
    distress" -> distress, status left to the context rules."""
    out: list[ExamFinding] = []
    for (pattern, concept), key in zip(_NORMAL_EXAM, _NORMAL_KEYS, strict=True):
        for m in _windowed(pattern, key, text):
            if _NORMAL_NEGATED.search(text[max(0, m.start() - 20):m.start()]) or \
                    _NORMAL_QUALIFIED.match(text, m.end()) or \
                    (concept.name == "weakness" and _PART_LIMB.match(text, m.end())):
                continue
            span = next((m.span(g) for g in ("w", "w2", "w3", "w4", "w5")
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
    out.extend(ExamFinding(_DISTRESS_CONCEPT, m.start("d") if m.group("d") else m.start("d2"), m.end(), "")
               for m in _DISTRESS.finditer(text))
    return out


def normal_exam_supports(span_text: str, name: str) -> bool:
    """Whether a ``normal_exam_findings`` span grounds ``name``."""
    span_text = span_text.strip()
    # "some distress" was read after "in" ("in some distress")
    return any(f.concept.name == name for t in (span_text, f"in {span_text}")
               for f in normal_exam_findings(t))


# ----------------------------------------------------------------------------- eponymous signs
#: "Babinski is negative", "Romberg is positive to the left", "her Babinski is hyperactive,
#: upgoing toes", "negative Murphy's sign": an eponymous exam sign stated with its result
#: (issue 16 problem probe). The eponyms come from the HPO names "<name> sign" /
#: "positive <name> sign" (``sign_eponyms``); the concept is "<name> sign".
_SIGN_RESULT = (r"positive|negative|present|absent|upgoing|downgoing|equivocal|"
                r"hyperactive|normal")


def sign_eponyms(hpo_names: Iterable[str]) -> frozenset[str]:
    """Eponyms of HPO sign names: "babinski sign", "positive romberg sign" -> babinski,
    romberg."""
    out = set()
    for name in hpo_names:
        m = re.fullmatch(r"(?:positive\s+)?([a-z]{4,})(?:'s)?\s+sign", name)
        if m:
            out.add(m.group(1))
    return frozenset(out)


@lru_cache(maxsize=4)
def _sign_pattern(eponyms: frozenset[str]) -> re.Pattern[str]:
    alt = "|".join(sorted(map(re.escape, eponyms), key=len, reverse=True))
    return re.compile(
        rf"\b(?P<pre>{_SIGN_RESULT})\s+(?P<a>{alt})(?:'s)?(?:\s+sign)?\b|"
        rf"\b(?P<b>{alt})(?:'s)?(?:\s+sign)?\s+(?:is|was|were|are)\s+(?:\w+\s+){{0,1}}?"
        rf"(?P<post>{_SIGN_RESULT})\b", re.I)


def sign_findings(text: str, eponyms: frozenset[str]) -> list[ExamFinding]:
    """Eponymous signs with a stated result; "normal" / "negative" / "absent" /
    "downgoing" -> absent, the rest present."""
    if not eponyms:
        return []
    out: list[ExamFinding] = []
    for m in _sign_pattern(eponyms).finditer(text):
        word = m.group("a") or m.group("b")
        name, result = word.lower(), (m.group("pre") or m.group("post")).lower()
        if not re.search(r"\bsign\b", m.group(0), re.I) and (
                not word[0].isupper() or result in ("normal", "present", "absent")):
            continue  # the bare name only as a capitalised surname with a sign's result
        neg = result in ("negative", "absent", "downgoing", "normal")
        out.append(ExamFinding(Concept(f"{name} sign", None), m.start(), m.end(),
                               "absent" if neg else "present"))
    return out


def sign_supports(span_text: str, name: str) -> bool:
    """Whether a ``sign_findings`` span grounds ``name``."""
    words = re.findall(r"[a-z]+", span_text.lower())
    return name.endswith(" sign") and name.split()[0] in words and bool(
        re.search(rf"\b(?:{_SIGN_RESULT})\b", span_text, re.I))
