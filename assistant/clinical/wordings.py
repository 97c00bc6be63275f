"""Problem wordings the n-gram vocabulary cannot match, read into its concepts (issue 16,
problem recall round 2, probe4):

- ``lab_word_findings``: a lab abnormality stated in words ("elevated white count and CPK",
  "creatinine was elevated", "low potassium") -> the vocabulary's concept for
  "elevated|low <lab>" (leukocytosis, elevated creatine kinase, hypokalemia ...). Lab names
  and aliases are the lab lexicon's (``data/labs.tsv``) plus the panel names of ``_PANELS``;
  the concepts are rows of ``data/problems.tsv`` with their ICD-10-CM codes, so a lab with no
  such row gives nothing. Bare numbers are never read here (the guideline's "bare numbers
  are not problems").
- ``neoplasm_findings``: a neoplasm named by its site ("recurrent bladder tumors",
  "appendiceal cancer", "carcinoma of the cervix") -> "<site> cancer" / "<site> tumor" with
  the ICD-10-CM category of the site's malignant neoplasm (``_SITES``, checked against
  simple-icd-10-cm by the tests); the ICD-10-CM Index reads "tumor" as a neoplasm of
  unspecified behaviour, so a tumor carries no malignant code.
- ``region_exam_findings``: a bare exam word under its body-region label ("SKIN: Mild
  dryness", "NECK: No nodes.", "NEUROLOGIC: Nonfocal.", "Lungs: Diminished", "Heart,
  regular sinus rhythm") -> the finding that region's word names, with the status the words
  carry; and pulmonary infiltrates written as bare "infiltrates" with a lung site or in a
  chest image reading ("bilateral lower lobe infiltrates").

Each finder returns ``Wording`` items (concept, span, status or "" for the context rules to
decide); ``wording_supports`` re-reads a span for grounding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from assistant.clinical.vitals import in_instruction
from assistant.clinical.vocabulary import Concept, load_lexicon, plural_key, singular_forms
from assistant.fold_re import folded


class _Lookup(Protocol):
    def lookup(self, phrase: str) -> Concept | None: ...


@dataclass(frozen=True)
class Wording:
    """A problem read from a wording: concept, ``[start, end)`` span, and the status its own
    words carry ("" = left to the context rules)."""

    concept: Concept
    start: int
    end: int
    status: str = ""


def _near(pattern: re.Pattern[str], key: re.Pattern[str], text: str, before: int = 120,
          after: int = 60) -> list[re.Match[str]]:
    """``pattern``'s matches in the windows around ``key`` hits (speed: the patterns below
    are long alternations; a note is scanned only near their short key words). Overlapping
    windows are merged, so a match lying within ``before``/``after`` characters of a key word
    is found whole, once, in text order."""
    windows: list[list[int]] = []
    for k in key.finditer(text):
        lo, hi = max(0, k.start() - before), min(len(text), k.end() + after)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    return [m for lo, hi in windows for m in pattern.finditer(text, lo, hi)]


# ----------------------------------------------------------------------------- lab words
#: Lab panels named as a whole in prose (not single analytes of ``labs.tsv``).
_PANELS = ("liver function tests", "liver function test", "LFTs", "LFT", "liver enzymes",
           "transaminases", "cholesterol", "lipids", "cardiac enzymes", "H and H", "H&H",
           "white cell count", "WBC count", "white blood count", "blood sugars", "sugars")
_HIGH = r"elevated|high|raised|increased|rising|elevation\s+of\s+(?:the\s+)?"
_LOW = r"low|decreased|depressed|reduced|diminished"
#: what a lab word before a noun means when it is not a result ("low potassium diet")
_NOT_RESULT = r"\s+(?:diet|supplements?|replacement|protocol|scale|goal|target|bath)\b"


@lru_cache(maxsize=1)
def _lab_pattern() -> re.Pattern[str]:
    aliases: list[str] = []
    for _name, _lo, _hi, alias_field in load_lexicon("labs").rows:
        for alias in alias_field.split(";"):
            exact = alias.startswith("=")
            a = alias[1:] if exact else alias
            if len(a) < 2 or a in ("K", "PT"):  # too ambiguous as a word
                continue
            esc = re.escape(a).replace(r"\ ", r"\s+")
            aliases.append(esc if exact else f"(?i:{esc})")
    aliases += [f"(?i:{re.escape(p).replace(chr(92) + ' ', chr(92) + 's+')})" for p in _PANELS]
    aliases.sort(key=len, reverse=True)
    lab = "|".join(aliases)
    more = rf"(?:\s*(?:,|/|\band\b|,\s*and\b)\s*(?:{lab})(?![\w-]))*"
    return re.compile(
        # "elevated white count and CPK", "high blood sugars"
        rf"\b(?P<dir1>(?i:{_HIGH}|{_LOW}))\s+(?:(?i:serum|blood|plasma)\s+)?"
        rf"(?P<labs1>(?:{lab})(?![\w-]){more})(?!{_NOT_RESULT})|"
        # "creatinine was elevated", "his white count is mildly elevated at 14"
        # probe13: "a potassium, which was elevated at 5.9" (a relative clause)
        rf"(?<![\w-])(?P<labs2>(?:{lab})(?![\w-]){more})(?:\s*,\s*(?i:which|that)\s+|\s+)"
        rf"(?i:levels?\s+|counts?\s+)?"
        rf"(?i:was|were|is|are|remained|remains|has\s+been|had\s+been|came\s+back)\s+"
        rf"(?i:also\s+|still\s+|not\s+|persistently\s+)*(?:(?i:\w+ly)\s+)?"
        rf"(?P<dir2>(?i:elevated|high|raised|increased|low|decreased|depressed))\b")


_LAB_KEY = folded(re.compile(r"\b(?:elevat|high|raised|increased|rising|low|decreased|depressed|"
                      r"reduced|diminished)", re.I))
_LAB_SPLIT = re.compile(r"\s*(?:,\s*and\b|,|/|\band\b)\s*", re.I)


def lab_word_findings(text: str, vocab: _Lookup) -> list[Wording]:
    """Lab abnormalities stated in words -> the vocabulary's "elevated|low <lab>" concepts;
    status left to the context rules ("was not elevated" is negated there)."""
    out: list[Wording] = []
    for m in _near(_lab_pattern(), _LAB_KEY, text):
        group = "labs1" if m.group("labs1") else "labs2"
        word = (m.group("dir1") or m.group("dir2")).lower()
        high = not re.match(_LOW, word)
        labs_text = m.group(group)
        pos = m.start(group)
        for part in _LAB_SPLIT.split(labs_text):
            if not part:
                continue
            at = text.index(part, pos)
            pos = at + len(part)
            concept = _lab_concept(vocab, part, high)
            if concept is None:
                continue
            # the span: direction word to lab name, or lab name to direction word
            s, e = (m.start(), at + len(part)) if group == "labs1" else (at, m.end())
            # "creatinine was not elevated": the negation sits inside the span
            negated = group == "labs2" and re.search(r"\bnot\b", m.group(0), re.I)
            out.append(Wording(concept, s, e, "absent" if negated else ""))
    return out


_NOT_RESULT_AFTER = re.compile(_NOT_RESULT, re.I)
_DIRECTION_FIRST = re.compile(rf"(?:{_HIGH}|{_LOW})\s", re.I)


def not_a_result(text: str, start: int, end: int) -> bool:
    """Whether the words ``text[start:end]`` ("low potassium", "high sodium") name a diet,
    supplement or protocol here ("low potassium diet"), not a result."""
    return bool(_DIRECTION_FIRST.match(text, start)) and bool(
        _NOT_RESULT_AFTER.match(text, end))


def _lab_concept(vocab: _Lookup, lab: str, high: bool) -> Concept | None:
    lab = " ".join(lab.split())
    words = ("elevated", "high") if high else ("low", "decreased")
    for w in words:
        for form in (lab, lab.lower()):
            concept = vocab.lookup(f"{w} {form}")
            if concept is not None:
                return concept
    return None


# ----------------------------------------------------------------------------- neoplasms
#: Site words -> (the name's site word, ICD-10-CM category of the site's malignant
#: neoplasm, "Malignant neoplasm of <site>", chapter II; checked by the tests).
_SITES: tuple[tuple[str, str, str], ...] = (
    ("bladder", "bladder", "C67.9"), ("appendix|appendiceal", "appendiceal", "C18.1"),
    ("cervix|cervical", "cervical", "C53.9"), ("brain|cerebral", "brain", "C71.9"),
    ("lung|lungs|pulmonary", "lung", "C34.90"), ("colon|colonic", "colon", "C18.9"),
    ("rectum|rectal", "rectal", "C20"), ("pancreas|pancreatic", "pancreatic", "C25.9"),
    ("stomach|gastric", "gastric", "C16.9"), ("esophagus|esophageal", "esophageal", "C15.9"),
    ("liver|hepatic", "liver", "C22.9"), ("kidney|renal", "renal", "C64.9"),
    ("ovary|ovarian", "ovarian", "C56.9"), ("prostate|prostatic", "prostate", "C61"),
    ("testis|testicle|testicular", "testicular", "C62.90"), ("thyroid", "thyroid", "C73"),
    ("uterus|uterine", "uterine", "C55"), ("endometrium|endometrial", "endometrial", "C54.1"),
    ("skin", "skin", "C44.90"), ("bone", "bone", "C41.9"),
    ("larynx|laryngeal", "laryngeal", "C32.9"), ("tongue", "tongue", "C02.9"),
    ("tonsil|tonsillar", "tonsillar", "C09.9"), ("adrenal", "adrenal", "C74.90"),
    ("gallbladder", "gallbladder", "C23"), ("anus|anal", "anal", "C21.0"),
    ("penis|penile", "penile", "C60.9"), ("vulva|vulvar", "vulvar", "C51.9"),
    ("vagina|vaginal", "vaginal", "C52"), ("breast", "breast", "C50.919"),
    ("duodenum|duodenal", "duodenal", "C17.0"), ("thymus|thymic", "thymic", "C37"),
    ("parotid", "parotid", "C07"), ("spinal cord", "spinal cord", "C72.0"),
    ("small bowel|small intestine", "small bowel", "C17.9"),
)
_SITE_OF = {w: (name, code) for words, name, code in _SITES for w in words.split("|")}
_SITE_ALT = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in _SITE_OF),
                            key=len, reverse=True))
#: probe19: "adenocarcinoma of the prostate" (ICD-10-CM Index: "Adenocarcinoma - see also
#: Neoplasm, malignant, by site")
_MALIGNANT = r"cancers?|(?:adeno)?carcinomas?|malignanc(?:y|ies)"
_TUMOR = r"tumou?rs?|neoplasms?"
_NEOPLASM = folded(re.compile(
    rf"\b(?P<site1>{_SITE_ALT})\s+(?P<head1>{_MALIGNANT}|{_TUMOR})\b|"
    rf"\b(?P<head2>{_MALIGNANT}|{_TUMOR})\s+of\s+(?:the\s+)?(?P<site2>{_SITE_ALT})\b", re.I))


_NEOPLASM_KEY = folded(re.compile(r"cancer|carcinoma|malignan|tumou?r|neoplasm", re.I))


#: p19fix review: sites where an adenocarcinoma is as a rule a metastasis (liver, bone, brain;
#: the lymph nodes, pleura, peritoneum are no site words here), so "adenocarcinoma of the liver"
#: is not read as a primary liver cancer
_METASTATIC_SITES = frozenset({"liver", "bone", "brain"})
_METASTATIC_BEFORE = re.compile(r"\bmetasta\w*(?:\s+\S+){0,2}\s*$", re.I)
_METASTATIC_AFTER = re.compile(r"[^.;\n]*?\bprimary\b(?!\s+(?:pattern|grade|gleason))",
                               re.I)


def _metastatic_adenocarcinoma(text: str, m: re.Match[str], site: str) -> bool:
    """Whether an "adenocarcinoma of <site>" is not that site's primary: a usual metastatic
    site (``_METASTATIC_SITES``), "metastatic" in the three words before, or "primary" after
    it in the same sentence ("..., colonic primary"; not Gleason's "primary pattern")."""
    return site in _METASTATIC_SITES or \
        bool(_METASTATIC_BEFORE.search(text[max(0, m.start() - 40):m.start()])) or \
        bool(_METASTATIC_AFTER.match(text, m.end()))


def neoplasm_findings(text: str, vocab: _Lookup) -> list[Wording]:
    """Neoplasms named by their site -> "<site> cancer" (carcinoma, malignancy) or "<site>
    tumor" (tumor, neoplasm); the vocabulary's own concept when it has one ("lung cancer")."""
    out: list[Wording] = []
    for m in _near(_NEOPLASM, _NEOPLASM_KEY, text, 40, 40):
        site = " ".join((m.group("site1") or m.group("site2")).lower().split())
        head = (m.group("head1") or m.group("head2")).lower()
        name, code = _SITE_OF[site]
        if head.startswith("adeno") and _metastatic_adenocarcinoma(text, m, name):
            continue  # p19fix review: the vocabulary's generic "adenocarcinoma" reads it
        malignant = bool(re.fullmatch(_MALIGNANT, head))
        label = f"{name} {'cancer' if malignant else 'tumor'}"
        concept = vocab.lookup(label) or Concept(label, code if malignant else None)
        out.append(Wording(concept, m.start(), m.end()))
    return out


# ----------------------------------------------------------------------------- exam regions
_LABEL = r"\b"  # a label starts a line or follows a sentence: checked by _label_start
#: (region label, the bare words after it, concept, status). The span is the bare words
#: only, after any negation cue, so the cue still governs the other findings of the sentence
#: ("Neck: No nodes or thyromegaly").
_REGION_WORDS: tuple[tuple[str, str, Concept, str], ...] = (
    # "SKIN: Mild dryness.", "Skin: Dry and flaky."
    (r"SKIN|INTEGUMENT(?:ARY)?", r"(?:(?:mild|some|slight|marked|very|diffuse)(?:ly)?\s+)?"
     r"(?:dryness|dry|xerosis)", Concept("dry skin", "L85.3"), "present"),
    # "NECK: No nodes.", "AXILLA: No palpable nodes."
    (r"NECK|AXILLA[EY]?|AXILLARY|LYMPH(?:ATICS?)?|NODES|GROIN|INGUINAL",
     r"(?:palpable\s+|enlarged\s+)?(?:lymph\s+)?nodes",
     Concept("lymphadenopathy", "R59.9"), "absent"),
    # "NEUROLOGIC: Nonfocal.", "CNS: Grossly intact."
    (r"NEURO(?:LOGIC(?:AL)?)?(?:\s+EXAM(?:INATION)?)?|CNS",
     r"(?:grossly\s+)?(?:non-?focal|intact|normal)(?!\s+(?:except|but|to|other))",
     Concept("neurological deficit", None), "absent"),
    # "Lungs: Diminished but clear.", "LUNGS: Decreased at the bases."
    (r"LUNGS?|CHEST|PULMONARY|RESP(?:IRATORY)?",
     r"(?:(?:mildly|slightly|markedly|greatly)\s+)?(?:diminished|decreased)"
     r"(?!\s+(?:tactile|fremitus|excursion|expansion))",
     Concept("decreased breath sounds", "R09.89"), "present"),
    # "Heart, regular sinus rhythm.", "HEART: Regular rhythm.", "HEART: Regular with a soft
    # murmur" (probe6: the bare word under the label; "regular rate" is findings_normal's)
    # (p19fix review: not "Regular rhythm with frequent premature beats", "regular initially
    # then ...": a qualified rhythm)
    (r"HEART|CARDIAC|CV|CARDIOVASCULAR|COR", r"regular(?:\s+(?:sinus\s+)?rhythm)?(?!\s+(?:sinus\s+)?rhythm\b)(?!\s+rate)"
     r"(?!\s*,?\s*(?:but|except|then|until|initially|with\s+(?:frequent|occasional|rare|"
     r"intermittent))\b)",
     Concept("arrhythmia", "I49.9"), "absent"),
)
_REGION_PATTERNS = tuple(
    (re.compile(_LABEL + rf"(?:{label})\s*[:,]\s*(?:(?:is|has\s+a)\s+)?"
                rf"(?P<no>{'no' + chr(92) + 's+' if words.endswith('nodes') else '(?:no' + chr(92) + 's+)?'})"
                rf"(?P<w>{words})\b",
                re.I | re.M), re.compile(words, re.I), concept, status)
    for label, words, concept, status in _REGION_WORDS)
#: A negated bare noun later in the same region's statement ("ABDOMEN: Soft. No palpable
#: masses.", "NEUROLOGIC EXAM: He is alert, awake and appropriate without deficit."): the
#: region's finding, absent (at most 80 characters and no other label in between).
#: p21fix: an exception after the negated noun ("No lesions except ...", "other than",
#: "apart from", "aside from", "besides", "save for")
_REGION_EXCEPT = re.compile(r"\s*,?\s*(?:except|other\s+than|apart\s+from|aside\s+from|besides|"
                            r"save\s+for|excluding)\b", re.I)
#: a comma in the negated list not followed by "or" / "and"
_REGION_COMMA = re.compile(r",(?!\s+(?:or|and)\b)")
#: the list still goes on after the noun: another item, its end, or the line's end
_REGION_LIST_GOES_ON = re.compile(r"\s*(?:,|;|\.|$|\b(?:or|and|nor)\b)", re.I | re.M)
#: the noun closes the list ("no clubbing, cyanosis, or edema")
_REGION_LIST_LAST = re.compile(r"\b(?:or|and|nor)\s+$", re.I)
_REGION_NEGATED: tuple[tuple[re.Pattern[str], re.Pattern[str], Concept], ...] = tuple(
    # probe21: the statement may start on the line after its label ("NECK:\n Trachea
    # midline. Symmetric with no obvious deformity or mass"), and a degree word may stand
    # between the cue and the list ("no obvious", "no significant")
    (re.compile(_LABEL + rf"(?:{label})\s*[:,][ \t]*\n?(?P<gap>[^:\n]{{0,80}}?)\b(?P<neg>no|without)\s+"
                r"(?:(?:obvious|significant|appreciable|remarkable|gross|definite|palpable)\s+)?"
                # the noun may come later in the negated list ("Neck, no nodes, masses or
                # thyromegaly"; probe6)
                r"(?:[a-z]+(?:,\s+(?:or\s+|and\s+)?|\s+(?:or|and)\s+)){0,3}?"
                rf"(?P<w>{words})\b", re.I | re.M), re.compile(words, re.I), concept)
    for label, words, concept in (
        (r"ABDOMEN|ABD|ABDOMINAL(?:\s+EXAM(?:INATION)?)?",
         r"(?:palpable\s+|abdominal\s+)?masse?s?", Concept("abdominal mass", None, ("HP:0031500",))),
        (r"NEURO(?:LOGIC(?:AL)?)?(?:\s+EXAM(?:INATION)?)?|CNS",
         r"(?:focal\s+)?(?:neurologic(?:al)?\s+)?deficits?", Concept("neurological deficit", None)),
        # "NECK: Supple, no masses" (probe6; ICD-10-CM R22.1 "Localized swelling, mass and
        # lump, neck")
        (r"NECK", r"(?:palpable\s+)?masse?s?", Concept("neck mass", "R22.1")),
        # probe9: "EXTREMITIES: There is no swelling." -> edema (R60.9), as "swelling of the
        # leg" is; "Rectal Exam: Normal rectal tone. No masses are appreciated." -> rectal mass
        (r"EXTREMIT(?:Y|IES)|EXT", r"(?:pedal\s+|peripheral\s+|leg\s+|ankle\s+)?swelling",
         Concept("edema", "R60.9")),
        (r"RECTAL(?:\s+EXAM(?:INATION)?)?|RECTUM|DRE", r"(?:palpable\s+|rectal\s+)?masse?s?",
         Concept("rectal mass", None)),
        # probe21: "SKIN: Essentially clear with no significant rash or lesions" -> skin
        # lesion (ICD-10-CM L98.9, the vocabulary's row); "NECK: Supple. Full ROM. No LAD."
        # -> lymphadenopathy (R59.9; "LAD" under a neck or lymph label, in capitals: not the
        # left anterior descending artery of a cardiac line)
        (r"SKIN|INTEGUMENT(?:ARY)?", r"(?:skin\s+)?lesions?", Concept("skin lesion", "L98.9")),
        (r"NECK|LYMPH(?:ATICS?)?|NODES", r"(?-i:LAD)(?!\s+(?:artery|stenosis|lesion|disease))",
         Concept("lymphadenopathy", "R59.9")),
    ))
#: bare "infiltrate(s)" with a lung site ("bilateral lower lobe infiltrates") or read from a
#: chest image ("Chest x-ray shows bilateral infiltrates")
_INFILTRATE = re.compile(
    r"\b(?:(?:lobe|lobar|basilar|perihilar|lung|pulmonary|interstitial|alveolar|airspace|"
    r"patchy|bibasilar|bilateral|parenchymal)\s+)(?:[a-z]+\s+){0,3}?infiltrates?\b|"
    r"\b(?:chest\s+x-?ray|CXR|chest\s+radiograph|chest\s+film|CT\s+(?:of\s+the\s+)?chest)\b"
    r"[^.\n]{0,60}?\binfiltrates?\b", re.I)
_INFILTRATE_NOT = re.compile(r"\b(?:inflammatory|cellular|fatty|leukemic|lymphocytic|"
                             r"vesicant|local|anesthetic)\s+infiltrat", re.I)
_INFILTRATE_KEY = re.compile(r"infiltrat", re.I)
_PULMONARY_INFILTRATE = Concept("pulmonary infiltrate", "R91.8")


#: the first words of every region label below (a note is matched only where one starts)
_REGION_KEY = folded(re.compile(r"\b(?:SKIN|INTEGUMENT|NECK|AXILL|LYMPH|NODES|GROIN|INGUINAL|NEURO|"
                         r"CNS|LUNG|CHEST|PULMONARY|RESP|HEART|CARDIAC|CV|COR|ABD|EXT|RECT|DRE)", re.I))


def _label_start(text: str, start: int) -> bool:
    """Whether a label at ``start`` begins a line or follows a sentence's end."""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] in "\n.;"


#: p19fix2: rhythm-abnormality words that undo a "HEART: Regular rhythm" label reading when
#: they stand in its sentence or on the next line (unless that line opens a new label):
#: "Heart: regular rhythm with 2:1 AV block", "HEART: Regular rhythm.\nAtrial flutter on
#: telemetry." (conduction and rhythm disorders, ICD-10-CM I44-I49, R00.x; a narrowing: the
#: reading is only ever dropped)
_RHYTHM_ABNORMAL = re.compile(
    r"\b(?:irregular\w*|PVCs?|PACs?|premature|ectop\w*|extra\s+beats?|fibrillation|flutter|"
    r"SVT|VT|tachycardi\w*|bradycardi\w*|junctional|blocks?|paced|pacing|pauses?)\b", re.I)
#: a denial of the abnormal word in its own clause ("Regular rhythm without ectopy")
_RHYTHM_DENIED = re.compile(r"\b(?:no|without|negative\s+for|denies)\b(?![^,;]*\b(?:but|"
                            r"and|with)\b)[^,;]*$", re.I)
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)|\n")
_NEW_LABEL = re.compile(r"\s*[A-Za-z][A-Za-z /&-]{0,30}:")


def _rhythm_taken_back(text: str, end: int) -> bool:
    """Whether a "regular rhythm" label reading ending at ``end`` has a rhythm-abnormality
    word (``_RHYTHM_ABNORMAL``), not denied in its clause, in the rest of its sentence or on
    the next line when that line opens no new label."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    stop = _SENTENCE_END.search(text, end, line_end)
    spans = [(end, stop.start() if stop else line_end)]
    if line_end < len(text):
        nxt_end = text.find("\n", line_end + 1)
        nxt_end = len(text) if nxt_end < 0 else nxt_end
        if not _NEW_LABEL.match(text, line_end + 1, nxt_end):
            spans.append((line_end + 1, nxt_end))
    for a, b in spans:
        for w in _RHYTHM_ABNORMAL.finditer(text, a, b):
            if not _RHYTHM_DENIED.search(text[max(a, w.start() - 40):w.start()]):
                return True
    return False


def region_exam_findings(text: str) -> list[Wording]:
    """Bare exam words under their body-region label, and pulmonary infiltrates."""
    out: list[Wording] = []
    starts = [k.start() for k in _REGION_KEY.finditer(text) if _label_start(text, k.start())]
    for pattern, _words, concept, status in _REGION_PATTERNS:
        for m in filter(None, (pattern.match(text, pos) for pos in starts)):
            # "SKIN: No dryness.": a finding the label's words name, negated
            negated = status == "present" and bool(m.group("no"))
            if concept.name == "arrhythmia" and _rhythm_taken_back(text, m.end("w")):
                continue
            out.append(Wording(concept, m.start("w"), m.end("w"), "absent" if negated else status))
    for pattern, _words, concept in _REGION_NEGATED:
        for m in filter(None, (pattern.match(text, pos) for pos in starts)):
            if re.search(r"\b(?:but|except|however|otherwise)\b", m.group("gap"), re.I):
                continue
            # p21fix (review): "No lesions except a 2 cm ulcer", "no significant lesions other
            # than a mole": an exception names a present finding
            if _REGION_EXCEPT.match(text, m.end("w")):
                continue
            # p21fix (review): past a bare comma the noun opens a new, positive statement
            # ("SKIN: No significant rash, lesions on both shins are weeping", "NECK:\nNo
            # obvious JVD, masses noted bilaterally"): a list item only while the list goes on
            # ("no nodes, masses or thyromegaly", "no rash, lesions.")
            if _REGION_COMMA.search(text, m.end("neg"), m.start("w")) and \
                    not _REGION_LIST_GOES_ON.match(text, m.end("w")) and \
                    not _REGION_LIST_LAST.search(text[m.start("neg"):m.start("w")]):
                continue
            out.append(Wording(concept, m.start("w"), m.end("w"), "absent"))
    for m in _near(_INFILTRATE, _INFILTRATE_KEY, text, 90, 15):
        if _INFILTRATE_NOT.search(text[max(0, m.end() - 40):m.end()]):
            continue
        # the span is the infiltrate word, so a cue before it still governs it ("Chest x-ray
        # ... without acute infiltrate": the cue sat inside a span from "Chest x-ray" on)
        start = m.start() + m.group().lower().rfind("infiltrat")
        out.append(Wording(_PULMONARY_INFILTRATE, start, m.end()))
    return out


# ----------------------------------------------------------------------------- predicates
#: State adjectives written after their noun ("breath sounds are greatly diminished", "range
#: of motion is decreased", "appetite has been poor", "blood pressure was elevated"): read as
#: "<adjective> <noun>" when the vocabulary names that phrase (a term of two or more words).
_STATE_ADJ = (# probe19: "Bowel sounds are high pitched" (ICD-10-CM R19.15 other abnormal bowel
              # sounds; problems.tsv), before the vital adjective "high"
              r"high[\s-]+pitched|tinkling|"
              r"decreased|diminished|increased|elevated|dry|reduced|absent|distant|limited|"
              r"enlarged|dilated|thickened|irregular|weak|poor|brisk|hyperactive|hypoactive|"
              r"swollen|pale|cool|cold|erythematous|depressed|impaired|muffled|labored|"
              r"shallow|rapid|slurred|unsteady|ataxic|bloody|cloudy|foul|dark|"
              # a vital sign stated in words: "heart rate was fast", "blood pressure was
              # slightly low" (issue 16 NegEx round 7; problems.tsv rows of that round)
              r"low|high|fast|slow|"
              # a gait stated after its noun: "gait is antalgic" (HPO antalgic gait, shuffling
              # gait; ICD-10-CM R26.1 spastic gait), issue 16 NegEx round 7
              r"antalgic|spastic|shuffling")
_PREDICATE = folded(re.compile(
    r"\b(?P<noun>[A-Za-z]+(?:\s+(?:of\s+)?[A-Za-z]+){0,2})\s+(?:is|are|was|were|has\s+been|"
    r"have\s+been|had\s+been|appears?|appeared|seems?|remains?|remained|became|becomes)\s+"
    r"(?P<neg>not\s+)?(?:(?:also|still|now|somewhat|quite|very|a\s+bit|markedly|greatly|"
    r"mildly|slightly|significantly|severely|moderately|bilaterally|diffusely)\s+)?"
    rf"(?P<adj>{_STATE_ADJ})\b", re.I))
_PREDICATE_STOP = {"she", "he", "it", "they", "patient", "this", "that", "there", "which",
                   "who", "pain", "symptoms", "the", "her", "his"}


# (speed: the vital adjectives "low", "high" are common words; their windows are opened at
# the vital's noun instead, which the match needs anyway)
_PREDICATE_KEY = folded(re.compile(
    rf"\b(?:{_STATE_ADJ.replace('low|high|fast|slow|', '')})\b|"
    r"\b(?:rate|pulse|heartbeat|pressures?|saturations?)\b", re.I))
#: The adjectives of a vital sign stated in words are read only after a vital's name ("her
#: mood was low", "the risk is high" are no vital)
_VITAL_ADJ = frozenset({"low", "high", "fast", "slow"})
#: Nurses' shorthand "lungs (are) diminished": the breath sounds heard over them (NegEx
#: round 7)
_LUNG_NOUNS = frozenset({"lungs", "lung", "lung sounds", "lung bases", "bases"})
_VITAL_NOUN = re.compile(r"(?:heart\s+rate|pulse(?:\s+rate)?|heartbeat|blood\s+pressures?|"
                         r"(?:oxygen|o2)\s+saturations?)", re.I)


def predicate_findings(text: str, vocab: _Lookup) -> list[Wording]:
    """"<noun> is/are <state adjective>" -> the vocabulary's "<adjective> <noun>" term (the
    longest noun tail that makes one); "... is not <adjective>" is absent."""
    out: list[Wording] = []
    for m in _near(_PREDICATE, _PREDICATE_KEY, text, 60, 50):
        words = m.group("noun").split()
        adj = m.group("adj").lower()
        for k in range(len(words)):
            tail = words[k:]
            if tail[0].lower() in _PREDICATE_STOP or tail[0].lower() == "of" or (
                    adj in _VITAL_ADJ and not _VITAL_NOUN.fullmatch(" ".join(tail))):
                continue
            concept = vocab.lookup(f"{adj} {' '.join(tail)}")
            if concept is None and adj in ("decreased", "diminished") and \
                    " ".join(tail).lower() in _LUNG_NOUNS:
                # "the lungs were decreased at the bases": what is heard over the lungs
                concept = vocab.lookup(f"{adj} breath sounds")
            if concept is not None:
                start = m.start("noun") + len(" ".join(words[:k])) + (1 if k else 0)
                start = text.index(tail[0], start)
                out.append(Wording(concept, start, m.end(), "absent" if m.group("neg") else ""))
                break
    return out


#: A vital sign stated in words with its value, with or without a verb ("BP low at 80/50",
#: "heart rate fast at 130", "blood pressure was elevated at 160/100", "sats low at 88%"):
#: the finding the words name (guideline round 7: "blood pressure was low" hypotension), read
#: as the vocabulary's "<adjective> <vital>" term; the vitals reader takes the value.
_VITAL_WORDS = folded(re.compile(
    r"\b(?P<noun>blood\s+pressures?|BP|B/P|heart\s+rate|HR|pulse(?:\s+rate)?|heartbeat|"
    r"temperature|temp|(?:oxygen|O2)\s+sat(?:uration)?s?|sats?|SpO2)"
    r"(?:\s+(?:is|are|was|were|has\s+been|had\s+been|remains?|remained|became))?"
    r"(?:\s+(?:still|now|very|quite|markedly|mildly|slightly|significantly|severely|"
    r"moderately|dangerously|persistently))?"
    r"\s+(?P<adj>low|high|fast|slow|rapid|elevated|decreased|increased)"
    r"\s+(?:at|of|to)\s*\d{2,3}(?:\.\d+)?(?:\s*/\s*\d{2,3})?(?:\s*%)?", re.I))
_VITAL_CANON = {"bp": "blood pressure", "b/p": "blood pressure", "hr": "heart rate",
                "pulse rate": "pulse", "temp": "temperature", "sat": "oxygen saturation",
                "sats": "oxygen saturation", "spo2": "oxygen saturation",
                "blood pressures": "blood pressure"}


#: An oxygen saturation told as a fall or a range ("saturation went down to the 80s", "sats
#: dropped to 85%", "desaturated into the low 80s", "O2 sat in the mid 80s"): hypoxia when
#: the whole value or decade lies below 90%, the WHO threshold of hypoxaemia (WHO, "Oxygen
#: therapy for children", 2016: SpO2 < 90%). A decade is a range, so no vital (guideline).
_SAT_FALL = re.compile(
    r"\b(?:(?:(?:oxygen|O2)\s+)?sat(?:uration)?s?|SpO2|pulse\s+ox(?:imetry)?)"
    r"(?:\s+(?:had|has|have|was|were|then|again|quickly|subsequently))*"
    r"\s+(?:(?:dropped|fell|went\s+down|came\s+down|decreased|declined|dipped|drifted\s+down)"
    r"\s+(?:to|into)|(?P<in>in))|"
    r"\bdesat(?:urat(?:e|es|ed|ing|ions?)|s|ted|ting)?(?:\s+down)?\s+(?:to|into)", re.I)
_SAT_VALUE = re.compile(r"\s+(?:the\s+)?(?:(?P<q>low|mid|high|upper)[\s-]+)?(?P<v>\d{2})"
                        r"(?:(?P<d>'?s)\b|(?P<pct>\s*%|\s*percent)|(?!\d|\.\d))"
                        # "in the 80% to 90%", "80s to 90s", "high 80s to low 90s": a range
                        # up to its top (a decade word there too)
                        r"(?:\s*(?:-|to)\s*(?:the\s+)?(?:(?P<tq>low|mid|high|upper)[\s-]+)?"
                        r"(?P<top>\d{2,3})(?:(?P<td>'?s)\b|\s*%)?)?", re.I)
_SAT_KEY = re.compile(r"\b(?:de)?sat|\bSpO2|\bpulse\s+ox", re.I)
#: the highest value a decade word allows ("low 80s" 80-83, "mid 80s" 84-86)
_DECADE_TOP = {"low": 3, "mid": 6, "high": 9, "upper": 9, None: 9}


def saturation_fall_findings(text: str, vocab: _Lookup) -> list[Wording]:
    """An oxygen saturation told as a fall or a decade below 90% -> the vocabulary's "low
    oxygen saturation" concept (hypoxia); the span runs from the saturation word to the value."""
    concept = vocab.lookup("low oxygen saturation")
    if concept is None:
        return []
    out: list[Wording] = []
    for m in _near(_SAT_FALL, _SAT_KEY, text, 10, 60):
        v = _SAT_VALUE.match(text, m.end())
        if v is None:
            continue
        value = int(v.group("v"))
        top = value + _DECADE_TOP[(v.group("q") or "").lower() or None] if v.group("d") else value
        if value % 10 and v.group("d"):
            continue  # "85s" is no decade
        if m.group("in") and not (v.group("d") or v.group("pct")):
            continue  # "sat in 45 minutes": the verb, no saturation
        if m.group("in") and re.match(r"\s+of\b", text[v.end():v.end() + 4]):
            continue  # "sats in 85% of patients": a share, no reading (review 3, N2)
        if v.group("top"):
            top = max(top, int(v.group("top")) + (
                _DECADE_TOP[(v.group("tq") or "").lower() or None] if v.group("td") else 0))
        if in_instruction(text, m.start()):
            continue  # "Titrate oxygen to keep sats in the high 80s", "Goal SpO2 in the upper
            # 80s", "Call if sats drop to 85%": a target or a threshold, no reading (review 3)
        if value >= 40 and top < 90:
            out.append(Wording(concept, m.start(), v.end()))
    return out


def vital_word_findings(text: str, vocab: _Lookup) -> list[Wording]:
    """A vital sign stated in words with its value ("BP low at 80/50") -> the vocabulary's
    "<adjective> <vital>" concept (hypotension); the span runs to the value; and an oxygen
    saturation told as a fall below 90% (``saturation_fall_findings``)."""
    out: list[Wording] = saturation_fall_findings(text, vocab)
    for m in _VITAL_WORDS.finditer(text):
        noun = " ".join(m.group("noun").lower().split())
        if noun.startswith(("oxygen", "o2")):
            noun = "oxygen saturation"
        concept = vocab.lookup(f"{m.group('adj').lower()} {_VITAL_CANON.get(noun, noun)}")
        if concept is not None:
            out.append(Wording(concept, m.start(), m.end()))
    return out


# ----------------------------------------------------------------------------- part after
#: A finding written before its body part ("swelling in his legs", "weakness of the left
#: arm", "rash on her buttock"): read as "<part> <finding>" when the vocabulary names that
#: phrase as a concept other than the bare finding's ("leg swelling" -> edema). Pain, masses
#: and lesions have their own readers (findings.part_pain_findings, findings.site_findings).
_PART_AFTER = folded(re.compile(
    r"\b(?P<f>swelling|tenderness|numbness|weakness|rash|erythema|edema|bruising|ulcers?|"
    r"ulceration|tingling|stiffness|cramps?|cramping|discharge|bleeding)\s+"
    r"(?:in|of|on|over|to|involving|at|from)\s+(?:(?:the|his|her|their|both|bilateral|left|"
    r"right|lower|upper|a|an)\s+)*(?P<part>[a-z]+)\b"
    # probe11: a second part coordinated after the first ("discharge from the ears or nose")
    r"(?:\s+(?:or|and)\s+(?:(?:the|his|her|their)\s+)?(?P<part2>[a-z]+)\b)?", re.I))
#: Body parts whose findings the vocabulary names by an adjective (probe11: "discharge from
#: the nose" -> nasal discharge, "ulcer in the mouth" -> oral ulcer)
_PART_ADJECTIVE = {"nose": "nasal", "nostril": "nasal", "nostrils": "nasal", "nares": "nasal",
                   "mouth": "oral"}


#: "has lost over 10 pounds", "gained 5 kg" (probe7): a weight change told as a verb and an
#: amount is the vocabulary's weight loss (ICD-10-CM R63.4) / weight gain (R63.5)
_WEIGHT_CHANGE = re.compile(
    r"\b(?P<v>lost|gained)\s+(?:(?:over|about|approximately|nearly|almost|around|roughly|"
    r"more\s+than|at\s+least)\s+)?\d+(?:\.\d+)?(?:\s*(?:-|to)\s*\d+(?:\.\d+)?)?\s*"
    r"(?:pounds?|lbs?|kilograms?|kgs?|kilos?)\b", re.I)

_PREGNANCY_GAIN = re.compile(r"\s+(?:during|in|with|over)\s+(?:her|the|this|each|both)\s+"
                             r"(?:\w+\s+)?pregnanc", re.I)


_IRREGULAR_PARTS = {"feet": ("foot",), "teeth": ("tooth",)}


def part_after_findings(text: str, vocab: _Lookup) -> list[Wording]:
    """"<finding> in/of <part>" -> the vocabulary's "<part> <finding>" concept; a weight
    change told as a verb and an amount ("lost 10 pounds") -> weight loss / gain."""
    out: list[Wording] = []
    for m in _PART_AFTER.finditer(text):
        finding = m.group("f").lower()
        bare = vocab.lookup(finding)
        if m.group("part2") and bare is not None and re.search(r"\bfrom\b", m.group(0), re.I):
            # review7: "Bleeding from the mouth or nose": one part's item ("oral bleeding")
            # would hide the other part's bleeding; the bare "bleeding" (R58) stays the item,
            # as before probe11 (which did not read "from")
            continue
        for group in ("part",):
            # review7: only the first part of "<finding> from the ears or nose": the second
            # part's span would have to cover the first part's words ("discharge from the ears
            # or nose" for rhinorrhea), so the second part is not read (as before probe11)
            # the first part's item ends at its part: the words after it may be another
            # finding ("discharge from the ear and fever")
            part, end = m.group(group).lower(), m.end(group)
            # "cramps in his feet" -> foot cramps (probe8): the irregular plurals of body parts
            for form in (part, *singular_forms(part), *_IRREGULAR_PARTS.get(part, ()),
                         *filter(None, [_PART_ADJECTIVE.get(part)])):
                concept = vocab.lookup(f"{form} {finding}")
                if concept is not None and (bare is None or concept.name != bare.name):
                    out.append(Wording(concept, m.start(), end))
                    break
    for m in _WEIGHT_CHANGE.finditer(text):
        if _PREGNANCY_GAIN.match(text, m.end()):
            continue  # "gained 16 pounds during her pregnancy": the expected gain
        concept = vocab.lookup("weight loss" if m.group("v").lower() == "lost" else
                               "weight gain")
        if concept is not None:
            out.append(Wording(concept, m.start(), m.end()))
    return out


def wording_supports(span_text: str, name: str, vocab: _Lookup) -> bool:
    """Whether ``span_text`` reads as ``name`` by one of the wordings here (grounding)."""
    key = plural_key(name)
    words = " ".join(span_text.split())
    if any(concept.name == name and (words_re.fullmatch(words) or words_re.fullmatch(
            "no " + words)) for _p, words_re, concept, _s in _REGION_PATTERNS):
        return True  # the bare words of a region label ("Nonfocal", "Mild dryness")
    if any(concept.name == name and words_re.fullmatch(words)
           for _p, words_re, concept in _REGION_NEGATED):
        return True
    if name == _PULMONARY_INFILTRATE.name and re.fullmatch(r"infiltrates?", words, re.I):
        return True  # region_exam_findings' span is the infiltrate word itself
    return any(plural_key(w.concept.name) == key for w in (
        *lab_word_findings(span_text, vocab), *neoplasm_findings(span_text, vocab),
        *region_exam_findings(span_text), *predicate_findings(span_text, vocab),
        *vital_word_findings(span_text, vocab),
        *part_after_findings(span_text, vocab)))
