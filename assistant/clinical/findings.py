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

import bisect
import re
from datetime import date
from functools import lru_cache

from assistant.clinical.findings_base import (
    ExamFinding,
    _sentence_before,
    _windowed,
    extend_unoverlapped,
)
from assistant.clinical.findings_mse import mse_supports
from assistant.clinical.findings_normal import normal_exam_findings, normal_exam_supports
from assistant.clinical.findings_pain import part_tender_findings, part_tender_supports
from assistant.clinical.findings_palpable import palpable_findings, palpable_supports
from assistant.clinical.findings_signs import sign_eponyms, sign_findings, sign_supports
from assistant.clinical.findings_sites import site_findings, site_supports
from assistant.clinical.findings_structures import (
    structure_state_findings,
    structure_state_supports,
)
from assistant.clinical.findings_urinary import _URINARY, urinary_findings
from assistant.clinical.procedures import procedure_supports, status_post_procedures
from assistant.clinical.vocabulary import Concept, _curated, _norm, icd_lexicon
from assistant.fold_re import folded

# The section modules' readers, re-exported: callers import them from here (one entry point).
__all__ = ["ADJECTIVES", "GENERAL_NOUNS", "ExamFinding", "adjective_findings", "exam_findings",
           "is_newborn_note", "maternal_sentence", "normal_exam_findings",
           "normal_exam_supports", "not_about_patient", "pain_findings", "pain_supports",
           "palpable_findings", "palpable_supports", "part_pain_findings", "repaired_in_past",
           "shorthand_supports",
           "sign_eponyms", "sign_findings", "sign_supports", "site_findings", "site_supports",
           "structure_state_findings", "structure_state_supports", "urinary_findings"]

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
    # probe25 (mts-153): a consent's benefits ("The benefits are ease of care and fewer
    # urinary tract infections"): what the procedure may prevent, as its risks are not
    # findings (only "benefits are / include": "the benefits of surgery for her back pain"
    # names the patient's pain)
    r"benefits?\s+(?:are|is|include|includes|including|would\s+be|will\s+be)|"
    r"not\s+indicated\s+for)\b[^.;\n]*$", re.I)
# Right after the mention: the finding names a measure, not a problem.
_NOT_PATIENT_AFTER = re.compile(
    r"\s*(?:prophylaxis|precautions|prevention|protocol|plan|screening|education|"
    r"risk\s+reduction|workup|work-up)\b|"
    # probe7: a test or an immune state named after a disease ("an arthritis panel",
    # "rubella immune", "hepatitis B titer"): the test, not the disease
    r"\s*(?:panel|titers?|immune|non-?immune|immunity)\b|"
    # a procedure named after its target ("inguinal hernia and hydrocele repair", "cyst
    # excision"): the operation, not a finding (the diagnosis lines name the problem)
    r"(?P<coord>\s+(?:and|/|&)\s+[a-z]+(?:\s+[a-z]+)?)?\s+(?:repair|excision|resection|"
    r"removal|drainage|release|reduction|fixation|ligation|closure|reconstruction|"
    r"[a-z]+ectomy|[a-z]+otomy|[a-z]+ostomy|[a-z]+plasty|[a-z]+pexy)\b", re.I)

#: ext13d (probe24): a chronic disease listed beside another condition's operation ("History
#: of diabetes and hernia repair", "PMH significant for hypertension and hernia repair", "She
#: had glaucoma and cataract surgery") is no target of that operation: the shared reading of
#: "X and Y repair" ("inguinal hernia and hydrocele repair", "cataract and glaucoma surgery")
#: holds only when X is a condition an operation takes away. Chronic = ICD-10-CM prefixes of
#: conditions that stay after any operation: the extractor's "history of <chronic disease>"
#: prefixes (diabetes E08-E13, hypothyroidism E03, obesity E66, lipid disorders E78,
#: hypertensive diseases I10-I16, chronic ischaemic heart disease I25, cardiomyopathy I42, AF
#: I48, heart failure I50, COPD J44, asthma J45, GERD K21, cirrhosis K74, mental disorders F,
#: Parkinson G20, migraine G43, sleep disorders G47, CKD N18, psoriasis L40, dermatitis L30,
#: chronic viral hepatitis B18, anaemia D64) and glaucoma H40 (ICD-10-CM H40, a chronic optic
#: neuropathy: glaucoma surgery lowers the pressure, the disease stays).
_NOT_OPERATED_PREFIXES = ("E0", "E1", "E03", "E66", "E78", "I1", "I25", "I42", "I48", "I50",
                          "J44", "J45", "K21", "K74", "F", "G20", "G43", "G47", "N18", "L40",
                          "L30", "B18", "D64", "H40")


def _not_operated(text: str, start: int, end: int) -> bool:
    """True when the words at ``[start, end)`` name a chronic disease no operation takes away
    (curated vocabulary term, ICD-10-CM prefix in ``_NOT_OPERATED_PREFIXES``)."""
    lower, exact = _curated_terms()
    words = text[start:end]
    concept = exact.get(" ".join(words.split())) or lower.get(_norm(words))
    code = concept.icd10 if concept else icd_lexicon().get(_norm(words))
    return bool(code and code.startswith(_NOT_OPERATED_PREFIXES))


@lru_cache(maxsize=1)
def _curated_terms() -> tuple[dict[str, Concept], dict[str, Concept]]:
    return _curated()


#: probe10: irrigation ("the wound was flushed with copious amounts of sterile saline", "the
#: catheter was flushed with heparinized saline"), not the symptom flushing (R23.2). Review 5:
#: "flushing with antibiotics / hot water / niacin solution" is the patient's flushing, so only
#: these read as irrigation: a rinsed thing before "was/were flushed" ...
_RINSED = (r"(?:catheters?|lines?|wounds?|ports?|tubes?|tubing|drains?|iv|ivs|cavity|cavities|"
           r"field|incisions?|pockets?|bladder|canal|sheaths?|needles?|foley|picc|stents?|"
           r"shunts?|reservoirs?|access)")
_FLUSHED_PASSIVE = re.compile(rf"\b(?:{_RINSED}|(?P<pron>it|they|these|this))\s+(?:(?:then|"
                              r"again|also|subsequently|thoroughly|copiously|gently|well|"
                              r"has|have|had)\s+)*(?:was|were|is|are|been|being)\s+(?:(?:then|"
                              r"again|also|subsequently|thoroughly|copiously|gently|well)\s+)*$",
                              re.I)
_WITH_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?(?:with|using)\b", re.I)
#: ... the rinsed thing right after ("flushed the catheter", "flushing of the PICC line",
#: "flushed it with saline") ...
_FLUSHED_OBJECT = re.compile(rf"\s+(?:out\s+)?(?:of\s+)?(?:(?:the|all|each|both|his|her|its|"
                             rf"this|that)\s+(?:[\w-]+\s+){{0,2}}?)?{_RINSED}\b|"
                             r"\s+(?:it|them)\s+(?:out\s+)?(?:with|using)\b", re.I)
#: ... or an irrigant no flushing reaction is ever named after ("flushed with heparinized
#: saline", "flushing with betadine"; not "niacin solution", "hot water", "antibiotics")
_FLUSHED_IRRIGANT = re.compile(
    r"\s+(?:out\s+|through\s+|again\s+)?(?:with|using)\s+(?:copious|(?:[\w%.-]+\s+){0,4}?"
    r"(?:saline|heparin\w*|betadine|irrigation|irrigant|lactated|ringer'?s?|sterile\s+water|"
    r"normal\s+saline|ns))\b", re.I)


def _rinsed(text: str, start: int, end: int) -> bool:
    """"flushed"/"flushing" at ``[start, end)`` names irrigation of a thing, not the
    symptom."""
    before = _FLUSHED_PASSIVE.search(text, max(0, start - 60), start)
    if before and (not before.group("pron") or _WITH_AFTER.match(text, end)):
        return True
    return bool(_FLUSHED_OBJECT.match(text, end) or _FLUSHED_IRRIGANT.match(text, end))


#: probe10: stab wounds a surgeon makes ("used to make small stab wounds", "stab wound
#: incisions were made"): incisions, not an open wound (T14.8). Review 5: "through/via/using"
#: alone also precede the patient's wound ("bubbling through the stab wound in his chest");
#: they count only with an operative word in the sentence (trocar, port, incision made ...)
_STAB_MADE = re.compile(r"\b(?:make|made|making|create|created|creating|placed?)\s+"
                        r"(?:(?:a|an|the|two|three|four|\d+|small|tiny|separate|"
                        r"additional|multiple|several|these)\s+){0,3}$", re.I)
_STAB_THROUGH = re.compile(r"\b(?:through|via|using)\s+(?:(?:a|an|the|two|three|four|\d+|"
                           r"small|tiny|separate|additional|multiple|several|these)\s+){0,3}$",
                           re.I)
_STAB_SEPARATE = re.compile(r"\bseparate\s+(?:small\s+|tiny\s+)?$", re.I)
_OPERATIVE = re.compile(r"\b(?:trocars?|ports?|cannula[es]?|laparoscop\w*|arthroscop\w*|"
                        r"endoscop\w*|scopes?|blade|scalpel|instruments?|drains?|catheters?|"
                        r"incisions?\s+(?:was|were)\s+made|brought\s+out|exteriori[sz]ed)\b",
                        re.I)
_STAB_AFTER = re.compile(r"\s+(?:incisions?|(?:was|were)\s+(?:then\s+)?(?:made|created|"
                         r"placed))\b", re.I)


def _sentence_after(text: str, end: int, limit: int = 300) -> str:
    """The text of ``end``'s sentence after it (at most ``limit`` characters)."""
    chunk = text[end:end + limit]
    cuts = [i for i in (chunk.find(". "), chunk.find("\n"), chunk.find(".\n")) if i >= 0]
    return chunk[:min(cuts)] if cuts else chunk


def _stab_made(text: str, start: int, end: int) -> bool:
    """"stab wound(s)" at ``[start, end)`` is an incision a surgeon made ("used to make small
    stab wounds", "a drain brought out through a separate stab wound"), not the patient's
    wound ("bubbling through the stab wound in his chest")."""
    before = text[max(0, start - 40):start]
    if _STAB_MADE.search(before) or _STAB_SEPARATE.search(before) or \
            _STAB_AFTER.match(text, end):
        return True
    return bool(_STAB_THROUGH.search(before) and _OPERATIVE.search(
        _sentence_before(text, start) + " " + _sentence_after(text, end)))


#: probe10: hyperventilation in an EEG report ("The episodes are exacerbated by
#: hyperventilation", "hyperventilation and photic stimulation") is the activation manoeuvre,
#: not the patient's breathing (R06.4); review 5: only with EEG words in the sentence or in
#: the section so far ("Symptoms were exacerbated by hyperventilation and anxiety" stays)
_EEG = re.compile(r"\b(?:EEGs?|electroencephalogra\w*|photic|spike[- ]and[- ](?:slow[- ])?"
                  r"waves?|epileptiform|(?:alpha|posterior\s+dominant)\s+rhythm)\b", re.I)
_HEADER = re.compile(r"(?m)^[ \t]*[A-Z][A-Z0-9 /&(),'-]{2,60}:")


def _eeg_manoeuvre(text: str, start: int, end: int) -> bool:
    """"hyperventilation" at ``[start, end)`` stands in an EEG context (its sentence, or its
    section up to it, names the EEG)."""
    if _EEG.search(_sentence_before(text, start) + " " + _sentence_after(text, end)):
        return True
    lo = max(0, start - 1500)
    headers = list(_HEADER.finditer(text, lo, start))
    section = text[headers[-1].start() if headers else lo:start]
    return bool(_EEG.search(section))


#: review 5: "AIDS" (exact case, B20) after a device-noun modifier ("HEARING AIDS", "WALKING
#: AIDS", "visual aids") or before "to daily living": aids as devices, not the disease; after
#: "HIV/" the HIV item already names it (one B20 item)
_AIDS_DEVICE_BEFORE = re.compile(
    r"\b(?:hearing|walking|mobility|visual|vision|low\s+vision|first|teaching|learning|"
    r"memory|sleep|daily\s+living|ambulatory|ambulation|assistive|communication|"
    r"audio|audiovisual|orthop(?:a)?edic|dressing|bathing|feeding|eating|cooking|household|"
    r"navigation(?:al)?|study|swallowing|breathing)[\s-]*$", re.I)
_AIDS_DEVICE_AFTER = re.compile(r"\s+(?:to|for)\s+(?:daily\s+living|activities|ambulation|"
                                r"mobility|hearing|walking|communication|learning|"
                                r"independence|dressing|bathing)\b", re.I)


# Homographs: "fall" the season or the verb ("last fall", "started to fall"), not a fall;
# "(left lateral) decubitus position / view", the patient's position or a radiograph's, not a
# pressure ulcer (L89, "decubitus ulcer"); "PDA" after a coronary segment word ("mid to distal
# right PDA") or before a vessel word ("PDA branch / lesion / stenosis"): the posterior
# descending artery of a catheterisation report, not a patent ductus arteriosus (Q25.0).
_HOMOGRAPH_BEFORE = {
    "fall": re.compile(r"\b(?:last|this|next|to|will|may|might|did|could|would|"
                       r"and|or|spring|summer|winter|autumn)\s*\(?$", re.I),
    "decubitus": re.compile(r"\b(?:lateral|supine|prone|dorsal|ventral)\s+$", re.I),
    "pda": re.compile(r"\b(?:right|left|mid|distal|proximal|dominant|rca)\s*$", re.I),
    # probe6: "Nasal mucosa is pale", "pale optic discs": a structure's colour, not pallor
    # (R23.1, the skin's)
    "flu": re.compile(r"(?!)"), "influenza": re.compile(r"(?!)"),
    "pregnancy": re.compile(r"(?!)"),
    "pale": re.compile(r"\b(?:mucosa|turbinates?|discs?|disks?|nail\s+beds?)\s+(?:is\s+|are\s+|"
                       r"was\s+|were\s+|appears?\s+)?$", re.I),
    # probe9: "stimulated via sternal rub": a painful stimulus given, not a friction rub
    "rub": re.compile(r"\bsternal\s+$", re.I),
    # probe9: "Acute pain team consult": a service (findings_pain's rule for the bare word)
    "acute pain": re.compile(r"(?!)"),
    # ext12 (probe12): "insertion of PE tubes": pressure-equalization (tympanostomy) tubes,
    # not a pulmonary embolism
    "pe": re.compile(r"(?!)"),
    # probe13: the bare eponyms ("with Alzheimer's", "Parkinson's, and CHF") are the disease,
    # not a person's name ("Dr. Parkinson's office")
    **dict.fromkeys(("alzheimer's", "alzheimers", "parkinson's", "parkinsons"),
                    re.compile(r"\b(?:dr|doctor|mr|mrs|ms|miss|prof)\.?\s+$", re.I)),
    # probe13: "low-hanging palate": the second part of a compound adjective, not asphyxia
    # by hanging (T71.1)
    "hanging": re.compile(r"\w-$"),
    # probe20: "Multiple stent fractures": a device broken (ICD-10-CM T82-T85 "mechanical
    # complication ... breakdown (mechanical)"), not a bone fracture (p20fix: not "plate":
    # "growth plate fracture", "cribriform plate fracture" are bone fractures)
    **dict.fromkeys(("fracture", "fractures", "fractured"), re.compile(
        r"\b(?:stent|lead|wire|guidewire|catheter|prosthe\w+|hardware|screw|rod|"
        r"implant|coil|filter|valve|cement|pacemaker|pacing|icd|device)s?\s+$", re.I)),
    # probe10: "the area was flushed with saline": irrigation (read in _rinsed), not
    # flushing (R23.2); EEG hyperventilation (_eeg_manoeuvre)
    # probe10: "a #15 blade was used to make small stab wounds": a surgeon's stab incisions
    # (read in _stab_made)
}
#: probe22: "falls asleep at the breast", "fell asleep": the idiom "fall asleep" (to begin
#: sleeping, Merriam-Webster) is no fall (ICD-10-CM W19, a person's fall)
_ASLEEP_AFTER = r"\s+(?:right\s+|back\s+|quickly\s+|easily\s+)?asleep\b"
_HOMOGRAPH_BEFORE.update(dict.fromkeys(("falls", "fell", "falling"), re.compile(r"(?!)")))
# probe22 (corpus check, mts-1204): "it did become irritable and inflamed" (a joint): a thing
# told irritable is no person's irritability
# probe22fix (safety review): not where the thing made the person irritable ("which makes her
# irritable", "It makes him irritable"), and not a person's noun after "it"
_HOMOGRAPH_BEFORE["irritable"] = re.compile(
    r"\b(?:it|which|joint|knee|hip|area|wound|site|skin|bladder|bowel|colon|eye|eyes)\s+"
    r"(?!(?:[a-z]+\s+){0,2}?(?:makes?|made|making|keeps?|kept|gets?|got|leaves?|left|"
    r"renders?|rendered)\s+(?:him|her|them|me|the\s+(?:patient|child|baby|infant))\b)"
    r"(?:[a-z]+\s+){0,3}$", re.I)
# probe22 (corpus check, mts-1772 / 1778 / 1783): "suicidal" as a form's label ("Suicidal or
# homicidal thoughts:  He denies ...", "Suicidal/Homicidal Ideation:  The patient denies on
# admission.") is the question, not the answer
_HOMOGRAPH_BEFORE["suicidal"] = re.compile(r"(?!)")
#: probe22fix: a form label's affirmative answer ("Suicidal thoughts: yes", "+")
_LABEL_YES = r"(?!\s*(?:(?:yes|positive|present|endorses?|endorsed|admits?)\b|\+))"
_HOMOGRAPH_AFTER = {
    "fall": re.compile(r"\s*(?:and|or|,)\s*(?:spring|summer|winter)|\s+of\s+\d|"
                       + _ASLEEP_AFTER, re.I),
    **dict.fromkeys(("falls", "fell", "falling"), re.compile(_ASLEEP_AFTER, re.I)),
    # probe22fix (safety review): the label answered yes ("Suicidal thoughts: yes.",
    # "Suicidal/Homicidal Ideation:  Yes.", "Suicidal Thoughts:  Present, with plan") is the
    # patient's suicidal ideation
    "suicidal": re.compile(r"(?:\s*(?:/|or|and)\s*homicidal|\s+(?:ideations?|thoughts?))"
                           r"(?:\s+(?:ideations?|thoughts?))?\s*:" + _LABEL_YES, re.I),
    # probe22 (corpus check, mts-3109): "irritable" before a noun that is not a person's
    # ("irritable obstruction", "irritable bladder", "irritable hip") is no irritability (R45.4,
    # a person's mood); "irritable bowel" is its own row. probe22fix (safety review): a short
    # list of such nouns ("irritable hip" (transient synovitis), "irritable uterus",
    # "irritable airways"), no allowlist: "irritable this morning", "Irritable boy" stay
    "irritable": re.compile(
        r"\s+(?:obstruction|bladder|hips?|joints?|colon|eyes?|skin|cough|bowels?|uterus|"
        r"airways?)\b", re.I),
    "decubitus": re.compile(r"\s+(?:position|positioning|view|views|film|films|projection|"
                            r"radiograph|x-?ray)\b", re.I),
    "pda": re.compile(r"\s+(?:branch|branches|lesion|lesions|stenosis|territory|vessel|"
                      r"artery|occlusion|disease)\b", re.I),
    # "the flu shot", "influenza vaccine": a vaccine, not the illness (probe6)
    "flu": re.compile(r"\s+(?:shots?|vaccines?|vaccinations?|immuni[sz]ations?)\b", re.I),
    "influenza": re.compile(r"\s+(?:shots?|vaccines?|vaccinations?|immuni[sz]ations?)\b", re.I),
    # probe7: "BIRTH HISTORY: Pregnancy and delivery with no complications": the mother's
    # pregnancy that bore the patient, not a pregnancy of the patient
    "pregnancy": re.compile(r"\s+(?:,\s*)?(?:and|,)\s+(?:labor\s+and\s+)?delivery\b", re.I),
    "pale": re.compile(r"\s+(?:and\s+boggy\s+)?(?:nasal\s+mucosa|mucosa|turbinates?|optic\s+"
                       r"dis[ck]s?|dis[ck]s?)\b", re.I),
    "rub": re.compile(r"(?!)"),
    "acute pain": re.compile(r"\s+(?:team|service|consult(?:ation)?|clinic)\b", re.I),
    "pe": re.compile(r"\s+tub(?:es?|ing)\b", re.I),
    "hanging": re.compile(r"\s+(?:palate|uvula|soft\s+palate|fruit)\b", re.I),
    **dict.fromkeys(("fracture", "fractures", "fractured"), re.compile(r"(?!)")),
    **dict.fromkeys(("alzheimer's", "alzheimers", "parkinson's", "parkinsons"),
                    re.compile(r"\s+(?:office|clinic|group|practice|center|centre|team|law)\b",
                               re.I)),
}
#: probe22: the primitive reflexes (HPO HP:0002476 "Primitive reflex": present in newborns,
#: abnormal when they persist or come back in adults, the "frontal release signs"): in a
#: newborn's note, or told good / normal / intact ("The infant has good Moro, grasp, and suck
#: reflexes"), a normal reflex, no finding. An adult's "positive grasp reflex" stays one.
_PRIMITIVE_REFLEX = re.compile(r"(?:suck(?:ing)?|grasp|palmar\s+grasp|plantar\s+grasp|"
                               r"rooting|snout|palmomental)\s+reflex(?:es)?", re.I)
#: probe22fix (safety review): the normal word only right before the reflex, with nothing but
#: other reflex names, commas and "and" between ("good Moro, grasp, and suck reflexes"; not
#: "Reflexes 2+ and symmetric, positive grasp reflex", "Strength is good, with a positive snout
#: reflex", "Normal strength, positive snout reflex")
_REFLEX_NAME = (r"(?:moro|grasp|palmar|plantar|suck(?:ing)?|rooting|root|snout|palmomental|"
                r"startle|stepping|placing|galant|tonic\s+neck|primitive|newborn|neonatal)")
_NORMAL_REFLEX_BEFORE = re.compile(
    r"\b(?:good|normal|intact|strong|vigorous|symmetric(?:al)?)\s+"
    rf"(?:{_REFLEX_NAME}(?:\s+reflex(?:es)?)?\s*,?\s*(?:(?:and|&)\s+)?)*$", re.I)
#: ... and never with a word telling the reflex abnormal (or, outside a newborn's note, there)
#: in its clause: an adult's "positive grasp reflex", a newborn's "absent suck reflex"
_ABNORMAL_REFLEX = re.compile(r"\b(?:positive|persistent|persists|persisting|abnormal|absent|"
                              r"weak|weakly|poor|poorly|diminished|decreased|depressed|reduced|"
                              r"asymmetric(?:al)?|sluggish|no|not|none|lost|loss|exaggerated|"
                              r"released?|release)\b", re.I)
#: (outside a newborn's note the reflex told there is a finding: "good strength, grasp reflex
#: present")
_PRESENT_REFLEX = re.compile(r"\b(?:present|elicited|elicitable)\b", re.I)
#: "born at 28 weeks", "birth weight", "Apgars" in a child's note with an age of a year or
#: more (or of more than one month) stated: the child's birth history, no newborn's note
_STATED_AGE = re.compile(
    r"(?<!to\s)(?<!\bto\sa\s)(?<!\bto\san\s)\b(?P<n>\d+)(?:\s*|-)(?P<unit>years?|yrs?|months?|mos?)"
    r"(?:\s*|-)old\b(?!\s+(?:G\d|gravida|primi|multi|mother|mom|female\s+G\d|woman|lady))",
    re.I)
#: A bare noun pointing back ("evacuation of this hematoma") to the same noun named with a
#: modifier earlier in the note ("a right subdural hematoma"): the earlier, specific problem,
#: not a second, bare one.
_NOT_MODIFIER = r"(?:the|this|that|these|those|and|with|had|has|have|was|his|her|their|any|new|large|small|" \
    r"another|same)"
_ANAPHOR_BEFORE = re.compile(r"\b(?:this|that|these|those|the\s+same)\s+$", re.I)


#: The repair words after a condition ("hernia repair", "cyst excision"): the procedure
#: treated the condition named before it. probe17: "He has had cataract surgery" (the
#: operation named by its target, as "cataract extraction"; the past cue is still needed).
_REPAIR_AFTER = re.compile(
    r"(?P<coord>\s+(?:and|/|&)\s+[a-z]+(?:\s+[a-z]+)?)?\s+(?:repair|repaired|excision|resection|"
    r"removal|drainage|release|reduction|fixation|ligation|closure|[a-z]+rrhaphy|surgery|"
    r"surgeries|extraction)\b", re.I)
#: A past cue in the clause before it ("status post left inguinal hernia repair", "s/p AAA
#: repair", "history of cyst excision", "prior hernia repair", "In 2003, hernia repair") ...
_REPAIR_PAST_BEFORE = re.compile(
    r"(?:\b(?:status\s+post|s\s*/\s*p|history\s+of|h\s*/\s*o|prior(?!\s+to\b)|previous|"
    r"underwent|had(?:\s+(?:an?|his|her))?|in\s+(?:19|20)\d\d\s*,?|"
    # ext13d: the history named inline ("PMH significant for hypertension and hernia repair")
    r"(?:past\s+(?:medical|surgical)\s+history|pmh|psh)(?:\s*:)?(?:\s+(?:is\s+)?(?:significant|"
    r"notable|remarkable|positive)\s+for|\s+of|\s+includes?|\s+including)?)|"
    r"^\s*(?:\d+[.)]\s*)?(?:19|20)\d\d\s*[:,-]?)"
    r"(?:\s+|\s*[:,]\s*)"
    # ext13d: other listed conditions before it ("She had glaucoma and cataract surgery",
    # "History of diabetes, asthma and hernia repair"): the cue covers the list
    r"(?:[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*/\s*|\s+&\s+)){0,4}"
    r"(?:(?:a|an|the|his|her|left|right|bilateral|recurrent|umbilical|"
    r"inguinal|ventral|incisional|open|laparoscopic|remote|recent|prior|previous|\d{4})\s+)*$",
    re.I)
#: ... or a time after it ("hernia repair 2 years ago", "hernia repair in 2010")
_REPAIR_PAST_AFTER = re.compile(r"[^.;\n]{0,30}?\b(?:ago|in\s+(?P<year>(?:19|20)\d\d))\b", re.I)
#: A condition taken out, named with the past participle right before it ("resected frontal
#: lobe mass", "excised basal cell carcinoma"; review 6)
_RESECTED_BEFORE = re.compile(r"\b(?:resected|excised)\s+(?:(?:left|right|\w+al|\w+ic|lobe)\s+){0,3}$",
                              re.I)
#: A repair not done in the past (review 6): one scheduled, advised, declined, put off or only
#: discussed, or one done in this visit ("laceration repair today in the ED"); the condition
#: is then current. Read in the rest of the clause after the repair word.
_REPAIR_NOT_DONE = re.compile(
    r"[^.;\n]{0,60}?\b(?:schedul|recommend|advis|suggest|declin|refus|defer|postpon|cancel|"
    r"plan|consult|referr|discuss|offer|candidate|pending|awaiting|will\b|to\s+be\b|"
    r"today|tonight|this\s+(?:visit|admission|morning|evening)|in\s+the\s+(?:ED|ER|emergency))",
    re.I)
#: ... or a failed or attempted one before it ("Failed hernia repair"): the condition stays
_REPAIR_FAILED_BEFORE = re.compile(r"\b(?:failed|unsuccessful|attempted|incomplete|"
                                   r"planned|scheduled|recommended|needs?|requires?)\s+"
                                   r"(?:\w+\s+){0,3}$", re.I)


def repaired_in_past(text: str, start: int, end: int) -> bool:
    """True when the condition at ``[start, end)`` is named by a past repair of it ("status
    post left inguinal hernia repair", "s/p AAA repair in 2015"): the condition is a past,
    resolved one (`historical`), not the operation's words to drop (issue 16: the repair
    wording hid the hernia). A repair in this note ("PROCEDURE: Hernia repair") has no past
    cue and stays the operation."""
    if _RESECTED_BEFORE.search(text, max(0, start - 40), start):
        return True  # "History of resected frontal lobe mass": taken out, a past one
    rep = _REPAIR_AFTER.match(text, end)
    if rep is None or rep.group("coord") and _not_operated(text, start, end):
        return False  # "History of diabetes and hernia repair": the diabetes is no target
    dot = text.rfind(". ", 0, start)
    line = max(text.rfind("\n", 0, start) + 1, text.rfind(";", 0, start) + 1,
               dot + 2 if dot >= 0 else 0)
    before = text[max(line, start - 60):start]
    if _REPAIR_NOT_DONE.match(text, rep.end()) or _REPAIR_FAILED_BEFORE.search(before):
        return False
    after = _REPAIR_PAST_AFTER.match(text, rep.end())
    if after and after.group("year") and int(after.group("year")) > date.today().year:
        return False  # a year to come: a repair planned, not done
    return bool(_REPAIR_PAST_BEFORE.search(before) or after)


#: probe13: weight loss as advice or a goal ("Encouraged weight loss", "weight loss was
#: discussed", "a weight loss program"), not the finding weight loss (R63.4)
_WEIGHT_GOAL_BEFORE = re.compile(
    r"\b(?:encourag\w*|recommend\w*|advis\w*|counsel\w*|discuss\w*|urg\w*|suggest\w*|"
    r"needs?|goals?\s+of|importance\s+of|benefits?\s+of|work\s+on|aim\s+for|"
    # ext13d (corpus, mts-1409): "coming back for better instruction on safe weight loss"
    r"instructions?|teaching|education)\s+"
    r"(?:(?:on|about|regarding|for|further|continued|more|some|gradual|the|safe|"
    r"healthy)\s+)*$", re.I)
_WEIGHT_GOAL_AFTER = re.compile(
    r"\s+(?:(?:was|is|were|has\s+been)\s+(?:again\s+)?(?:encouraged|recommended|advised|"
    r"discussed|suggested)|(?:program|diet|goals?|surgery|counsel\w*|medications?|"
    r"strateg\w+|options?|clinic)\b)", re.I)


#: p20fix: C. difficile named in a test order or a pending study ("Stool sent for C
#: difficile toxin", "Check C diff", "Clostridium difficile toxin assay") is a test, not the
#: infection (ICD-10-CM A04.72 is the enterocolitis): no item unless a result is stated in
#: the sentence (a negative result stays an absent item, a positive one present; "rule out
#: C diff" stays the possible item of the context rules)
_CDIFF_WORDS = frozenset({
    "clostridium difficile", "clostridioides difficile", "c. difficile", "c difficile",
    "c. diff", "c diff", "c-diff", "cdi", "clostridium difficile infection",
    "clostridium difficile colitis"})
_CDIFF_TEST_AFTER = re.compile(r"\s*(?:\w+\s+){0,1}(?:toxins?|assays?|pcr|tests?|testing|"
                               r"studies|study|screen\w*|cultures?|antigen|gdh|eia|"
                               r"(?:is|are|was|were)\s+pending|pending)\b", re.I)
_CDIFF_TEST_BEFORE = re.compile(
    r"\b(?:sent|send|sending|check|checking|checked|order|ordered|ordering|obtain|obtained|"
    r"collect|collected|pending|test(?:ed|ing)?\s+for|"
    r"studies|study|samples?|specimens?)\b[^.;\n]{0,40}$", re.I)
_CDIFF_DISEASE = re.compile(r"\s*(?:-?\s*associated\s+)?(?:colitis|infections?|diarrh\w*|disease)\b",
                            re.I)
_CDIFF_RESULT = re.compile(r"\b(?:positive|negative|detected|neg|pos|returned|came\s+back|"
                           r"confirmed|diagnosed|has|had|with)\b|\(\s*[+-]\s*\)|\+", re.I)


def _cdiff_ordered(text: str, start: int, end: int) -> bool:
    """Whether C. difficile at ``[start, end)`` is named as a test ordered or pending, with
    no result stated in its sentence (see ``_CDIFF_WORDS``)."""
    # (re-review) the mention's own clause (";" ends one: "C diff PCR pending; on oral
    # vancomycin for C diff colitis"), and only the mention itself next to the test words; a
    # mention naming the disease ("C diff colitis", "infection") is never a test
    lo = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), text.rfind(";", 0, start)) + 1
    ends = [e for e in (text.find("\n", end), text.find(". ", end), text.find(";", end)) if e >= 0]
    sent = text[lo:min(ends, default=len(text))]
    if _CDIFF_RESULT.search(sent) or _CDIFF_DISEASE.match(text, end):
        return False
    return bool(_CDIFF_TEST_AFTER.match(text, end) or _CDIFF_TEST_BEFORE.search(text[lo:start]))


#: p20fix: "no abnormal EKG findings", "Abnormal EKG changes were not seen": a normal EKG,
#: no item (ICD-10-CM R94.31 is the abnormal one)
_ABNORMAL_EKG_WORDS = frozenset({"abnormal ekg", "abnormal ecg", "abnormal ekgs", "abnormal ecgs",
                                 "abnormal electrocardiogram"})
_NO_BEFORE = re.compile(r"\b(?:no|without|not|denies|negative\s+for)\s+(?:\w+\s+){0,2}$", re.I)
_NOT_SEEN_AFTER = re.compile(r"\s+(?:\w+\s+){1,2}(?:was|were|is|are)\s+(?:not|never)\s+"
                             r"(?:seen|noted|found|present|observed|identified|appreciated)\b",
                             re.I)


#: probe22fix (safety review, mts-1778 / 1781 / 1790): a suicidal / homicidal form label
#: ("Suicidal/Homicidal Ideation: The patient denies on admission.", "Homicidal/Suicidal
#: Ideation: He denies suicidal or homicidal ideation.") answered with a denial: the label is
#: the question, no item (the answer's own words are read as usual); any other answer keeps it
_SI_LABEL_WORDS = frozenset({"suicidal ideation", "homicidal ideation", "suicidal thoughts",
                             "homicidal thoughts", "suicidal", "homicidal"})
_SI_LABEL = re.compile(
    r"(?:^|(?<=[\n.]))[ \t]*(?:[-*\u2022]\s*)?(?:suicidal|homicidal)(?:\s*(?:/|or|and|,)\s*"
    r"(?:suicidal|homicidal))?(?:\s+(?:ideations?|thoughts?))?\s*:(?P<answer>[^\n]{0,40})",
    re.I)
_DENIAL_ANSWER = re.compile(
    r"\s*(?:(?:the\s+)?(?:patient|pt|he|she|client)\s+)?(?:(?:also|again|currently)\s+)?"
    r"(?:denies|denied|deny|no|none|negative|not\s+(?:present|endorsed)|absent)\b", re.I)
#: probe22fix (safety review): a sign to watch for ("Monitor for low urine output", "Plan:
#: Watch for decreased urine output and call if present", "Monitor for fever"), not a finding
#: of the patient; not a current problem watched for getting worse ("Monitor for worsening
#: cough"), nor the past "was monitored for"; probe25 (mts-153): "are to watch for any evidence
#: of hemorrhage" (a parent's instruction after a circumcision)
_WATCH_FOR_BEFORE = re.compile(
    r"\b(?:monitor|watch|observe|look\s+out)\s+(?:closely\s+|carefully\s+)?for\s+"
    r"(?!(?:[\w-]+\s+){0,3}?(?:worsen\w*|progress\w*|further|increas\w*|improv\w*|"
    r"resolution|recurren\w*|change\w*|persist\w*|continued|ongoing|his|her|their|its|"
    r"response|effect)\b)(?:(?:any|signs?|symptoms?|of|low|decreased|reduced|poor|new|"
    r"possible|development|evidence|and|or|[a-z]+,)\s+){0,4}$", re.I)
#: ... nor one named with its course after it ("Monitor for chest pain recurrence")
_WATCH_CURRENT_AFTER = re.compile(r"\s+(?:recurren\w*|worsen\w*|progression|resolution|"
                                  r"improvement|persistence|relapse|flares?)\b", re.I)
#: ... nor one the rest of its sentence says the patient has or had ("Monitor for seizures,
#: which she had twice yesterday", "Observe for respiratory distress, which she currently
#: has", "Observe for hypoglycemia, glucose was 45": re-review, 2026-12-06)
_WATCH_STATED_AFTER = re.compile(
    r"[^.;\n]*?(?:,\s*which\s+(?:she|he|they|the\s+patient|pt)\s+(?:currently\s+)?(?:had|has|have)\b|"
    r",\s*which\s+(?:has\s+|have\s+)?(?:occurred|started|began|is\s+ongoing|is\s+current)\b|"
    r"\b(?:glucose|sugar|sodium|potassium|hemoglobin|hgb|inr|temperature|temp|heart\s+rate)\s+"
    r"(?:was|is|of)\s+\d)", re.I)
#: probe22fix (safety review, mts-1762): a test's profile of people in general ("Those with
#: similar scores tend to be moody, irritable")
_PEOPLE_IN_GENERAL = re.compile(r"\b(?:those|people|persons|individuals)\s+(?:with|who)\b"
                                r"[^.;\n]*\btend\s+to\b[^.;\n]*$", re.I)


def _si_label_denied(text: str, start: int, end: int) -> bool:
    """Whether the words at ``[start, end)`` are a suicidal / homicidal form label answered
    with a denial (``_SI_LABEL``)."""
    lo = max(text.rfind("\n", 0, start), text.rfind(".", 0, start)) + 1
    m = _SI_LABEL.match(text, lo)
    return bool(m and m.start() <= start and end <= m.start("answer")
                and _DENIAL_ANSWER.match(m.group("answer"))
                and not _PARTIAL_DENIAL.search(m.group("answer").split(". ")[0]))


#: re-review (2026-12-06): an answer that denies only a part ("no intent, but has passive
#: thoughts of death", "negative for plan; positive for ideation", "denies current, but
#: endorses passive SI last week") is no denial of the label
_PARTIAL_DENIAL = re.compile(r"\b(?:but|however|although|though|endorse\w*|positive|yes|"
                             r"passive|admits?)\b", re.I)


def not_about_patient(text: str, start: int, end: int) -> bool:
    """True when the words at ``[start, end)`` name a risk, a prevention goal, a topic of
    education or somebody else, not a finding of the patient (sentence-level cues)."""
    after = _NOT_PATIENT_AFTER.match(text, end)
    if after and not (after.group("coord") and _not_operated(text, start, end)):
        return True  # ("hypertension and hernia repair": the hypertension is the patient's)
    word = text[start:end].lower()
    if word in ("flushed", "flushing") and _rinsed(text, start, end) or \
            word in ("stab wound", "stab wounds") and _stab_made(text, start, end) or \
            word == "hyperventilation" and _eeg_manoeuvre(text, start, end) or \
            word in ("weight loss", "weight reduction") and (
                _WEIGHT_GOAL_BEFORE.search(text[max(0, start - 40):start])
                or _WEIGHT_GOAL_AFTER.match(text, end)) or \
            word == "aids" and (_AIDS_DEVICE_BEFORE.search(text[max(0, start - 25):start])
                                or _AIDS_DEVICE_AFTER.match(text, end)):
        return True
    if word in _CDIFF_WORDS and _cdiff_ordered(text, start, end) or \
            word in _ABNORMAL_EKG_WORDS and (
                _NO_BEFORE.search(text[max(0, start - 30):start])
                or _NOT_SEEN_AFTER.match(text, end)):
        return True
    if _PRIMITIVE_REFLEX.fullmatch(word) and _normal_primitive_reflex(text, start, end):
        return True
    if word in _SI_LABEL_WORDS and _si_label_denied(text, start, end) or \
            _WATCH_FOR_BEFORE.search(text[max(0, start - 60):start]) and not \
            _WATCH_CURRENT_AFTER.match(text, end) and not \
            _WATCH_STATED_AFTER.match(text, end) or \
            word == "irritable" and _PEOPLE_IN_GENERAL.search(_sentence_before(text, start)):
        return True
    if word == "pregnancy" and _DURING_PREGNANCY.search(text, max(0, start - 12), end) and \
            is_newborn_note(text):
        # probe22fix: "exposed to methadone during the pregnancy" in a newborn's note: the
        # mother's pregnancy, none of the patient's (the sentence's other words stay the baby's)
        return True
    if word in _HOMOGRAPH_BEFORE and (
            _HOMOGRAPH_BEFORE[word].search(text[max(0, start - 25):start])
            or _HOMOGRAPH_AFTER[word].match(text, end)):
        return True
    if " " not in word and _ANAPHOR_BEFORE.search(text[max(0, start - 12):start]) and \
            re.search(rf"\b(?!{_NOT_MODIFIER}\b)[a-z]{{3,}}\s+{re.escape(word)}\b", text[:start],
                      re.I):
        return True
    return bool(_NOT_PATIENT_BEFORE.search(_sentence_before(text, start)))


_NEWBORN = re.compile(
    r"\b(?:newborn|neonat\w*|\d+-(?:day|week)-old|(?:baby|infant)\s+(?:boy|girl)|"
    r"born\s+(?:at|to)\b|birth\s*weight|gestational\s+age|apgars?)\b", re.I)
_MATERNAL = re.compile(
    r"^\W*(?:the\s+|her\s+|mother'?s\s+)?(?:pregnancy|prenatal\s+course|antenatal\s+course|"
    r"gestation)\b|\b(?:maternal|mother'?s)\s+(?:history|labs?|serolog\w+|pregnancy|"
    r"antenatal|prenatal|obstetric(?:al)?|"
    r"medical\s+history|blood\s+type)\b|\bmother\s+(?:has|had|with|is\s+a)\b", re.I)
#: probe22: "There were no complications during pregnancy such as diabetes or hypertension",
#: "She also denies any smoking, alcohol, or drug use during the pregnancy" (the mother's;
#: "Mom denies any apnea" stays the informant's report on the baby). probe22fix (safety
#: review): never where the sentence names the baby, a fetal or prenatal study or an exposure
#: ("Infant was exposed to methadone during the pregnancy and now has tremors", "Prenatal
#: ultrasound during the pregnancy revealed bilateral hydronephrosis", "Fetal tachycardia was
#: noted during the pregnancy and the infant has a heart murmur": the baby's findings), nor in
#: a sentence of more than one clause (the mother's clause cannot be told apart here)
_DURING_PREGNANCY = re.compile(r"\bduring\s+(?:the\s+|her\s+)?(?:pregnancy|gestation)\b",
                               re.I)
_BABY_WORDS = re.compile(
    r"\b(?:bab(?:y|ies)|infants?|fetus\w*|fetal|foetal|neonat\w*|newborns?|ultrasounds?|"
    r"sonograms?|sonograph\w*|echo\w*|exposed|exposure|prenatal\w*|antenatal\w*|u/?s|"
    r"scans?|imaging|in\s+utero|boy|girl|child|patient|he|him|his)\b", re.I)
_CLAUSE_BREAK = re.compile(r";|,\s*(?:and|but)\b|\b(?:and|but)\s+(?:the\s+|now\s+|then\s+)?"
                           r"(?:infant|baby|patient|child|he|she|now|since|after)\b", re.I)


_NEWBORN_STRONG = re.compile(
    r"\b(?:newborn|neonat\w*|\d+-(?:day|week)-old|(?:baby|infant)\s+(?:boy|girl))\b", re.I)


def _older_child(head: str) -> bool:
    """probe22fix (safety review): an age of a year or more, or of more than one month, is
    stated for the patient ("This 4-year-old boy was born at 28 weeks")."""
    for m in _STATED_AGE.finditer(head):
        unit = m.group("unit").lower()
        if (unit.startswith(("y", "yr")) or int(m.group("n")) > 1) and not re.search(
                r"\b(?:mother|mom|maternal|born\s+to)\b[^.\n]{0,25}$",
                head[max(0, m.start() - 40):m.start()], re.I):
            return True
    return False


def is_newborn_note(text: str) -> bool:
    """A neonatal / newborn note (cues in its first 1,500 characters). The birth-history cues
    ("born at", "birth weight", "gestational age", "Apgars") count only where no older age is
    stated for the patient (probe22fix)."""
    head = text[:1500]
    if _NEWBORN_STRONG.search(head):
        return True
    return bool(_NEWBORN.search(head)) and not _older_child(head)


def _reflex_clause(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(c, 0, start) for c in (".", ";", ":", "\n")) + 1
    his = [i for i in (text.find(c, end) for c in (".", ";", "\n")) if i >= 0]
    return text[lo:min(his, default=len(text))]


def _normal_primitive_reflex(text: str, start: int, end: int) -> bool:
    """A primitive reflex told normal ("good Moro, grasp, and suck reflexes") or one in a
    newborn's note ("Suck reflex present"), never one told abnormal in its clause
    ("positive grasp reflex", "Suck reflex is absent", "Persistent grasp reflex")."""
    clause = _reflex_clause(text, start, end)
    if _ABNORMAL_REFLEX.search(clause):
        return False
    newborn = is_newborn_note(text)
    if _NORMAL_REFLEX_BEFORE.search(text[max(0, start - 60):start]) and (
            newborn or not _PRESENT_REFLEX.search(clause)):
        return True
    return newborn


def maternal_sentence(sentence: str, newborn: bool = True) -> bool:
    """In a newborn's note: a sentence about the mother or her pregnancy."""
    if not newborn:
        return False
    if _MATERNAL.search(sentence):
        return True
    return bool(_DURING_PREGNANCY.search(sentence)) and not _BABY_WORDS.search(sentence) \
        and not _CLAUSE_BREAK.search(sentence)




_ABD_TENDER = Concept("abdominal tenderness", "R10.819")
_ABD_DIST = Concept("abdominal distension", "R14.0")
_ABDOMEN_CUE = re.compile(r"\b(?:abdomen|abdominal|abd|gastrointestinal)\b", re.I)
_SHORTHAND = folded(re.compile(
    r"\b(?P<neg>non-?|un)?(?P<word>tender|distended)\b(?!\s+(?:to\s+)?(?:the\s+)?"
    r"(?:calf|calves|chest|neck|spine|back|joint|knee|shoulder|muscles?|extremit))|"
    # the bare noun in an abdominal exam: "ABDOMEN: Soft. No hepatosplenomegaly or
    # tenderness." (a named kind, "rebound tenderness", is the vocabulary's)
    r"\b(?:no|or|and|nor|without|any|mild|some|minimal|slight|diffuse)\s+"
    r"(?P<noun>tenderness|distension|distention)\b(?!\s+(?:to\s+)?(?:the\s+|over\s+)?"
    r"(?:calf|calves|chest|neck|spine|back|joint|knee|shoulder|muscles?|extremit|cva|flank))|"
    # "Pain to palpation of the right upper quadrant", "no pain with palpation": tenderness
    r"\b(?P<pain>pain)\s+(?:to|with|on|upon)\s+(?:deep\s+)?palpation\b", re.I))


#: ext14a: the abdominal exam's letter shorthand "NT" (nontender) and "ND" (nondistended),
#: read only as a pair ("soft, NT/ND", "S/NT/ND", "abd soft NT ND", "NT, ND"; source:
#: Wikipedia, "Abdominal examination": inspection "nondistended" or "ND", palpation
#: "nontender" or "NT"), and only where the abdomen is named (``exam_findings``): a lone
#: "ND" is also the state (", ND 58102") or "not done", "NT-proBNP" a lab.
_NT_ND = re.compile(r"(?<![\w-])(?:(?P<nt>NT)(?:[ \t]*[/,][ \t]*|[ \t]+)(?P<nd>ND)|"
                    r"(?P<nd2>ND)(?:[ \t]*[/,][ \t]*|[ \t]+)(?P<nt2>NT))(?![\w-])",
                    re.I)
_NT_ND_WORDS = {"nt": "tender", "nd": "distended"}


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
    # (extfix14a) the line starts found once (a ``rfind`` per match was quadratic on a long
    # line of "NT ND")
    newlines: list[int] | None = None
    for m in _NT_ND.finditer(text):
        before = _sentence_before(text, m.start(), 120)
        if newlines is None:
            newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        k = bisect.bisect_left(newlines, m.start())
        line = text[(newlines[k - 1] + 1 if k else 0):m.start()]
        if not (_ABDOMEN_CUE.search(before) or _ABDOMEN_CUE.match(line.strip())):
            continue  # the abdomen named in the sentence or as the line's exam label
        for group in ("nt", "nd", "nt2", "nd2"):
            if m.group(group):
                concept = _ABD_TENDER if group.startswith("nt") else _ABD_DIST
                out.append(ExamFinding(concept, m.start(group), m.end(group), "absent"))
    for m in _CVA_EXAM.finditer(text):
        # probe20: "Negative for spinous process tenderness or CVA tenderness": the review of
        # systems form "negative for" negates as "no" does (p20fix: not a bare "negative" of
        # another test: "Urinalysis negative, right CVA tenderness"); "but", "with", "has",
        # "positive" end the negation ("Negative for fever but has CVA tenderness")
        neg = bool(re.search(r"(?:\b(?:no|not|without|denies)\b|\bnegative\s+for\b)"
                             r"(?:(?!\b(?:but|with|has|have|had|present|positive)\b)[^.;:\n])*$",
                             _sentence_before(text, m.start(), 80), re.I))
        # probe21: the label-colon answer "CVA tenderness: negative / none", as "Edema: none"
        # (the ConText "none"/"is negative" rules, which this rule's own status bypassed)
        neg = neg or bool(_CVA_ANSWER_NEG.match(text, m.end()))
        out.append(ExamFinding(_CVA_TENDER, m.start(), m.end(), "absent" if neg else "present"))
    # procedures stated as status ("status post CABG": assistant.clinical.procedures), read
    # here, with the exam findings, so that their words are not read again as a problem
    out.extend(ExamFinding(c, s, e, st) for c, s, e, st in status_post_procedures(text))
    # "the right wrist is tender": the part's tenderness (findings_pain; NegEx round 7)
    extend_unoverlapped(out, part_tender_findings(text))
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
_ADJ = folded(re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _ADJ_FORMS), key=len, reverse=True)) + r")\b",
    re.I))
# "not tender to the calf", "tender to palpation": a tender body part still says tenderness;
# the adjective as part of a name ("febrile seizure", "septic shock") is left to the vocabulary
_ADJ_IN_NAME = re.compile(r"\s+(?:seizures?|convulsions?|shock|arthritis|emboli|neutropenia|"
                          r"urgency|emergency|crisis|heart|ulcer|nodes?)\b", re.I)


#: "unresponsive to (medical) therapy": a condition refractory to treatment, not the patient
#: unresponsive (R40.4); probe18
_TO_THERAPY = re.compile(r"\s+to\s+(?:[a-z-]+\s+){0,2}(?:therapy|therapies|treatment|treatments|"
                         r"medications?|management|measures|antibiotics|drugs?|steroids?|"
                         r"interventions?)\b", re.I)


def adjective_findings(text: str) -> list[ExamFinding]:
    """Findings written as adjectives: "febrile" (status left to the context rules),
    "afebrile"/"anicteric"/"nontender" (absent). Abdominal tenderness and distension are
    read by ``exam_findings``; "CVA" by its own rule."""
    out: list[ExamFinding] = []
    for m in _ADJ.finditer(text):
        adj, negated = _ADJ_FORMS[m.group(0).lower()]
        if _ADJ_IN_NAME.match(text, m.end()):
            continue
        if adj == "unresponsive" and _TO_THERAPY.match(text, m.end()):
            continue  # probe18: "menometrorrhagia unresponsive to medical therapy"
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
_PART_PAIN = folded(re.compile(
    rf"\b(?:(?:left|right|bilateral|lower|upper)\s+){{0,2}}(?P<a>{_PARTS}|{_PAIN_KINDS})s?"
    rf"(?:\s*(?:and|/|,)\s*(?:(?:left|right|lower|upper)\s+)?(?P<b>{_PARTS})s?)?\s+pain\b",
    re.I))


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


#: probe19: "pain in her right upper quadrant" -> right upper quadrant pain (ICD-10-CM R10.11,
#: R10.12, R10.31, R10.32: the abdominal quadrant's pain); "pain to palpation of the right
#: upper quadrant" stays tenderness (``exam_findings``), so only "pain in" is read
_QUADRANT_PAIN = re.compile(
    r"\bpain\s+in\s+(?:the\s+|his\s+|her\s+|their\s+)?(?P<side>right|left)\s+"
    r"(?P<ul>upper|lower)\s+quadrant\b", re.I)


def pain_findings(text: str, lookup) -> list[ExamFinding]:
    """"painful left foot" / "pain in the right knee" -> foot pain / knee pain (the
    vocabulary's concept when ``lookup`` knows "<part> pain"); status left to the context."""
    out: list[ExamFinding] = []
    for m in _QUADRANT_PAIN.finditer(text):
        name = f"{m.group('side').lower()} {m.group('ul').lower()} quadrant pain"
        out.append(ExamFinding(lookup(name) or Concept(name, None), m.start(), m.end(), ""))
    for m in _PAIN_OF.finditer(text):
        part = (m.group("a") or m.group("b")).lower()
        part = "foot" if part == "feet" else part
        name = f"{part} pain"
        concept = lookup(name) or Concept(name, None)
        out.append(ExamFinding(concept, m.start(), m.end(), ""))
    return out


def pain_supports(span_text: str, name: str) -> bool:
    """Whether "painful left foot" (a ``pain_findings`` span) grounds ``name``."""
    q = _QUADRANT_PAIN.fullmatch(span_text.strip())
    if q is not None:
        return name == f"{q.group('side').lower()} {q.group('ul').lower()} quadrant pain"
    m = _PAIN_OF.fullmatch(span_text.strip())
    if m is None:
        p = _PART_PAIN.search(span_text.strip())
        return p is not None and p.end() == len(span_text.strip()) and "pain" in name

    part = (m.group("a") or m.group("b")).lower()
    return name.split()[0] in (part, "foot" if part == "feet" else part) or "pain" in name


_CVA_TENDER = Concept("costovertebral angle tenderness", None, ("HP:6000106",))
#: "CVA tenderness: negative", "CVA tenderness - none", "CVA tenderness is absent": the answer
#: ends the item (not "negative on the left, positive on the right": sides differ, the affirmed
#: rule keeps it)
_CVA_ANSWER_NEG = re.compile(
    r"\s*(?:(?:or|and|/)\s*\w+\s+)?tender(?:ness)?\s*(?:[:=-]\s*|(?:is|was|were)\s+)"
    # p21fix (review): only when the answer ends the item (its line, ".", ";"): "negative
    # left, positive right", "absent left, present right", "not present initially, now
    # present on the right" keep the tenderness
    r"(?:negative|neg|none|absent|no|not\s+present)\b(?=[ \t]*(?:[.;]|$))",
    re.I | re.M)
# "CVA" in an exam ("no CVA or flank tenderness") is the costovertebral angle, not a stroke
_CVA_EXAM = re.compile(r"\bCVA\b(?=\s*(?:(?:or|and|/)\s*\w+\s+)?tender)")


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
            sign_supports(span_text, name) or part_tender_supports(span_text, name) or \
            mse_supports(span_text, name):
        return True
    letters = _NT_ND_WORDS.get(span_text.strip().lower())
    if letters is not None:  # ext14a: "NT" / "ND" of an abdominal exam
        return name == (_ABD_TENDER.name if letters == "tender" else _ABD_DIST.name)
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
