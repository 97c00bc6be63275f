"""Site findings: a body site with a head noun ("adnexal mass", "fracture of the right
clavicle") (split out of ``assistant.clinical.findings``; behaviour unchanged)."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.clinical.findings_base import ExamFinding
from assistant.clinical.vocabulary import Concept
from assistant.fold_re import folded

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
    # probe8: "Antral mass" (the gastric antrum), an endoscopy finding
    "antral": "gastric",
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
    # "a mass was felt in the neck", "masses were palpated in the left breast" (extcls)
    rf"\b(?P<head>{_HEAD_RE})\s+(?:(?:is|are|was|were)\s+(?:(?:also|again|now)\s+)?"
    r"(?:felt|palpated|palpable|noted|found|seen|appreciated|identified|detected)\s+)?"
    rf"(?:of|in|involving)\s+(?:the\s+)?{_SIDE}{{0,2}}"
    rf"(?P<site>{_SITE_RE})\b(?!\s+(?:{_HEAD_RE}))", re.I)
# "the zygomatic bone is fractured", "the medial wall of the maxillary sinus is fractured"
_SITE_FRACTURED = re.compile(
    rf"\b(?P<site>{_SITE_RE})(?:\s+(?P<bone>bones?|sinus))?\s+(?:is|are|was|were)\s+(?:\w+\s+)?"
    rf"(?P<head>fractured)\b", re.I)
_ANY_HEAD = folded(re.compile(r"mass|fractur|metasta|prolapse|infiltrat|nodule|calcific", re.I))
_BARE_HEAD = re.compile(r"\b(?P<head>mass|masses|nodules?)\b", re.I)
#: "antral" is the stomach's antrum only in a note about the gut (an endoscopy); the maxillary
#: sinus has an antrum too (review 6: "Maxillary antral mass" is no gastric mass)
_GI_CONTEXT = re.compile(r"\b(?:EGD|endoscop\w*|esophagogastroduodenoscopy|gastr\w*|stomach|"
                         r"duoden\w*|pylor\w*|epigastr\w*|GI)\b", re.I)
_SINUS_BEFORE = re.compile(r"\b(?:maxillary|maxilla|sinus|mastoid)\W+(?:\w+\W+)?$", re.I)
# "NECK:", "Rectal exam:", "Digital rectal examination:" (extcls: "Digital rectal exam: mass
# felt at 5 cm" after "RECTAL: No masses")
_LABEL = re.compile(rf"^\s*(?:digital\s+)?(?P<site>{_SITE_RE})(?:\s+exam(?:ination)?)?\s*:", re.I)


#: Brain sites written in front of (or after) a mass word: the lobes, the posterior fossa and
#: deep structures ("left frontal mass", "cerebellar lesion", "a mass in the left
#: temporal-parietal region"; probe7 left, issue 16). A mass or lesion there is ICD-10-CM R90.0
#: "Intracranial space-occupying lesion found on diagnostic imaging" (the vocabulary's
#: intracranial mass), a tumor or neoplasm the neoplasm reader's "brain tumor"; a named tumor
#: type ("pontine glioma") is the vocabulary's own concept (glioma).
_LOBE = r"(?:frontal|parietal|temporal|occipital)"
_BRAIN_SITE = (rf"(?:(?:{_LOBE}|fronto|temporo|parieto|occipito)[\s-]*{_LOBE}|{_LOBE}|cerebellar|"
               r"pontine|brain\s*stem|thalamic|intracerebral|cerebral|intraventricular|"
               r"intracranial|suprasellar|sellar|pineal|posterior\s+fossa|basal\s+ganglia|"
               r"hemispheric|intra-?axial|extra-?axial)")
_BRAIN_HEAD = r"(?:mass(?:es)?|lesions?|tumou?rs?|neoplasms?)"
# ("area" is no brain word: "lesion in the left temporal area" is a skin one; review 6)
_REGION = r"(?:\s+(?:lobe|lobes|region|hemisphere))?"
_BRAIN_SITE_HEAD = re.compile(rf"\b(?P<brain>{_BRAIN_SITE}){_REGION}\s+(?P<head>{_BRAIN_HEAD})\b",
                              re.I)
_BRAIN_HEAD_OF_SITE = re.compile(
    rf"\b(?P<head>{_BRAIN_HEAD})\s+(?:of|in|involving|within)\s+(?:the\s+)?{_SIDE}{{0,2}}"
    rf"(?P<brain>{_BRAIN_SITE}){_REGION}\b(?!\s+(?:bones?|sinus|scalp|skin))", re.I)
#: A lobe word alone ("frontal", "temporal") also names the bones, the scalp and the skin over
#: them: it is the brain only with "lobe"/"hemisphere" written, or with intracranial words or
#: head imaging in the sentence (review 6: "Frontal mass on the scalp" is no brain mass).
_LOBE_ONLY = re.compile(_LOBE, re.I)
_INTRACRANIAL_CONTEXT = re.compile(
    r"\b(?:brain|lobes?|hemispheres?|intracranial|cerebr\w*|cranio\w*|MRI|MR|CT|imaging|scan|"
    r"head|neuro\w*|gliom\w*|enhanc\w*|vasogenic|midline\s+shift|ventric\w*|seizures?)\b",
    re.I)
#: Words that put the lesion on the skin or scalp, or make it a demyelinating plaque (MS's own
#: lesions, not a mass): no brain mass is read in such a sentence.
_NOT_BRAIN_CONTEXT = re.compile(
    r"\b(?:scalp|forehead|skin|cutaneous|subcutaneous|dermal|keratos\w*|nev\w*|moles?|"
    r"sebaceous|lipoma|temple|eyebrow|face|facial|cheek|laceration|multiple\s+sclerosis|"
    r"MS|demyelinat\w*|white\s+matter|plaques?)\b")
#: A mass taken out ("resected frontal lobe mass"): a past one, historical whatever follows
_REMOVED_BEFORE = re.compile(r"\b(?:resected|excised|removed|s/p\s+resection\s+of)\s+(?:\w+\s+){0,2}$",
                             re.I)
_BRAIN_KEY = re.compile(r"\b(?:mass|lesion|tumou?r|neoplasm)", re.I)
_INTRACRANIAL_MASS = Concept("intracranial mass", "R90.0")
_BRAIN_TUMOR = Concept("brain tumor", None)


def _sentence_of(text: str, start: int, end: int) -> str:
    """The sentence (or line) around ``[start, end)``."""
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [e for e in (text.find(". ", end), text.find("\n", end)) if e >= 0]
    return text[lo:min(ends, default=len(text))]


def _region_of(m: re.Match[str]) -> str:
    """The region word read after the site ("region"), or ""."""
    rest = m.group(0)[m.end("brain") - m.start():]
    r = re.match(r"\s+(lobes?|region|hemisphere)\b", rest, re.I)
    return r.group(1).lower() if r else ""


def _brain_concept(m: re.Match[str]) -> Concept:
    head = m.group("head").lower()
    return _BRAIN_TUMOR if head.startswith(("tumo", "neo")) else _INTRACRANIAL_MASS


def _site_name(m: re.Match[str]) -> str:
    if m.groupdict().get("brain"):
        return _brain_concept(m).name
    h = _HEADS.get(m.group("head").lower(), "fracture")
    site = _SITES[" ".join(m.group("site").lower().split())]
    bone = (m.groupdict().get("bone") or "").lower()
    if bone and site != "bone":
        site += " sinus" if bone == "sinus" else " bone"
    return f"{site} {h}"


#: probe21: the lesion named before its carotid artery ("Complete occlusion of the left
#: common carotid artery", "a 50 to 69% obstruction of left internal carotid", "stenosis of
#: the right internal carotid artery") -> ICD-10-CM I65.2- "Occlusion and stenosis of carotid
#: artery": occlusion -> carotid artery occlusion (HPO HP:0012474), stenosis / obstruction /
#: narrowing -> carotid stenosis; graded below 50% it is no item (the lowest grading bands of
#: the SRU consensus, as ``study_results`` reads "ICA stenosis of 40%")
_CAROTID_LESION = re.compile(
    r"\b(?P<kind>occlusion|stenosis|obstruction|narrowing)\s+(?:of|in|involving)\s+(?:the\s+)?"
    r"(?:(?:left|right|bilateral)\s+)?(?:(?:common|internal|external|proximal|distal|origin\s+of"
    r"\s+the)\s+)*(?:carotid(?:\s+arter(?:y|ies))?\b|(?-i:ICAs?)\b)", re.I)
_CAROTID_GRADE = re.compile(r"(?P<lt><\s*|(?:less\s+than|under|below)\s+)?(\d{1,3})"
                            r"(?:\s*(?:-|to)\s*(\d{1,3}))?\s*%", re.I)
#: p21fix (review): the current grade decides ("45% on prior, now 75%")
_CAROTID_GRADE_NOW = re.compile(r"\b(?:now|currently|today|presently|at\s+present)\s+"
                                r"(?:(?:is|at|of|measures|measured\s+at)\s+)?" +
                                _CAROTID_GRADE.pattern, re.I)
#: p21fix (optional item of the review): "70% stenosis of the right ICA" (internal carotid
#: artery, written in capitals only)
#: a lesion only supposed ("unless a near occlusion of the carotid arteries is demonstrated",
#: "if stenosis of the carotid is found") names no finding
_CAROTID_CONDITION = re.compile(r"\b(?:unless|if|should|whether|in\s+case\s+of)\b[^.;:]*$", re.I)
_CAROTID_OCCLUSION = Concept("carotid artery occlusion", "I65.29", ("HP:0012474",))
_CAROTID_STENOSIS = Concept("carotid stenosis", "I65.29")


def _carotid_below_half(text: str, start: int, end: int) -> bool:
    """A grade under 50% in the 30 characters before the lesion word or the 40 after the
    artery ("Mild stenosis of the right internal carotid artery measured at 20%")."""
    before = re.search(_CAROTID_GRADE.pattern + r"\s*(?:[a-z]+\s+)?$",
                       text[max(0, start - 30):start], re.I)
    window = text[end:end + 60].split(".")[0]
    after = _CAROTID_GRADE_NOW.search(window) or _CAROTID_GRADE.search(window[:40])
    grade = after if after is not None and after.re is _CAROTID_GRADE_NOW else before or after
    if grade is None:
        return False
    # "<50%", "less than 50%": below half
    top = int(grade.group(3) or grade.group(2))
    return top < 50 or (bool(grade.group("lt")) and top <= 50)


def carotid_findings(text: str) -> list[ExamFinding]:
    """"occlusion / stenosis of the (left) (common/internal) carotid (artery)" (above)."""
    out: list[ExamFinding] = []
    if "carotid" not in text.lower() and "ICA" not in text:
        return out
    for m in _CAROTID_LESION.finditer(text):
        if _CAROTID_CONDITION.search(text[max(0, m.start() - 60):m.start()]):
            continue  # corpus (mts-2767): "unless a near occlusion ... is demonstrated"
        occluded = m.group("kind").lower() == "occlusion"
        if not occluded and _carotid_below_half(text, m.start(), m.end()):
            continue
        out.append(ExamFinding(_CAROTID_OCCLUSION if occluded else _CAROTID_STENOSIS,
                               m.start(), m.end(), ""))
    return out


def site_findings(text: str) -> list[ExamFinding]:
    """A generic finding noun placed at a body site: "adnexal mass", "skull fractures",
    "possible lung metastasis", "the zygomatic bone is fractured", "mass in the breast", and a
    bare "no masses" on an exam line labelled with the site ("Neck: ... no masses"). Status is
    left to the context rules; the span covers the words read."""
    out: list[ExamFinding] = []
    taken: list[tuple[int, int]] = []
    # brain sites first ("left frontal mass" is an intracranial mass, not a "frontal mass"),
    # tried only around a mass word
    for k in _BRAIN_KEY.finditer(text):
        lo, hi = max(0, k.start() - 45), min(len(text), k.end() + 60)
        for rx in (_BRAIN_SITE_HEAD, _BRAIN_HEAD_OF_SITE):
            for m in rx.finditer(text, lo, hi):
                if not m.start() <= k.start() < m.end() or "\n" in m.group(0) or any(
                        s < m.end() and m.start() < e for s, e in taken):
                    continue
                sent = _sentence_of(text, m.start(), m.end())
                if _NOT_BRAIN_CONTEXT.search(sent) or (
                        _LOBE_ONLY.fullmatch(m.group("brain")) and
                        _region_of(m) in ("", "region") and
                        not _INTRACRANIAL_CONTEXT.search(sent.replace(m.group(0), " "))):
                    continue
                past = _REMOVED_BEFORE.search(text, max(0, m.start() - 40), m.start())
                out.append(ExamFinding(_brain_concept(m), m.start(), m.end(),
                                       "historical" if past else ""))
                taken.append((m.start(), m.end()))
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
            if m.group("site").lower() == "antral" and (
                    _SINUS_BEFORE.search(text, max(0, m.start() - 25), m.start())
                    or not _GI_CONTEXT.search(text)):
                continue  # "Maxillary antral mass": the sinus's antrum, not the stomach's
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
    out.extend(f for f in carotid_findings(text)
               if not any(s < f.end and f.start < e for s, e in taken))
    return sorted(out, key=lambda f: f.start)


def site_supports(span_text: str, name: str,
                  lookup: Callable[[str], Concept | None] | None = None) -> bool:
    """Whether a ``site_findings`` span ("skull fractures", "masses") grounds ``name``: the
    site name read, or the vocabulary's name for it (``lookup``: "breast mass" is the
    vocabulary's breast lump)."""
    def same(site_name: str) -> bool:
        if site_name == name:
            return True
        known = lookup(site_name) if lookup is not None else None
        return known is not None and known.name == name

    t = " ".join(span_text.lower().split())
    c = _CAROTID_LESION.fullmatch(" ".join(span_text.split()))  # "ICA" in capitals
    if c is not None:
        return name == (_CAROTID_OCCLUSION if c.group("kind").lower() == "occlusion"
                        else _CAROTID_STENOSIS).name
    if _BARE_HEAD.fullmatch(t):
        return any(same(f"{site} {_HEADS[t]}") for site in set(_SITES.values()))
    for rx in (_BRAIN_SITE_HEAD, _BRAIN_HEAD_OF_SITE, _SITE_FRACTURED, _SITE_HEAD,
               _HEAD_OF_SITE):
        m = rx.fullmatch(t)
        if m is not None:
            return same(_site_name(m))
    return False
