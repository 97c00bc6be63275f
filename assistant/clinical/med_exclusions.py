"""Drug-dictionary hits that are no medication the patient takes or was given (probe17).

The guideline of eval/data/extraction/real/README.md labels no contrast agent, skin prep or
irrigation; earlier rules dropped a contrast agent only beside the word "contrast" or "dye"
and skin prep only after "prepped". These general forms close the rest of those classes:

* a diagnostic agent: a contrast medium by the maintained drug dictionary's own code (MeSH
  D003287 "Contrast Media": iohexol/Omnipaque, iopamidol/Isovue, diatrizoate ...) and the
  myocardial-perfusion radiotracers (MeSH D019275 "Radiopharmaceuticals": technetium-99m
  sestamibi/Cardiolite, tetrofosmin, thallium-201), which the dictionary leaves uncoded;
* a drug named as left out: "lidocaine 1% without epinephrine" (an anaesthetic's plain form);
* skin prep: "prepared with povidone iodine solution", "cleansed with chlorhexidine";
* the organ, not desiccated thyroid: "the thyroid gland was not enlarged".

(toldfix, lead decision) A drug told with a reaction it caused is no longer dropped here from
the 40 characters after it: only ``allergy_told.told_allergen_spans`` (through
``allergen_spans``) drops a mention, and only one that ``told_allergies`` records as an
allergy / intolerance, so a drug never vanishes from both lists.
"""

from __future__ import annotations

import re

from assistant.clinical.drug_names import drug_codes

#: MeSH D003287 "Contrast Media" (the dictionary's code of iohexol, iopamidol, gadolinium ...)
_CONTRAST_CODE = "MESH:D003287"
#: MeSH D019275 "Radiopharmaceuticals" used as imaging tracers (names: the dictionary has no code)
_TRACER_WORDS = ("technetium", "sestamibi", "tetrofosmin", "thallium", "fludeoxyglucose")
#: p17fix (review): only an anaesthetic's plain form ("lidocaine 1% without epinephrine");
#: "has been without metoprolol for a week" is a medication the patient takes
_WITHOUT_BEFORE = re.compile(
    r"\b(?:lidocaine|xylocaine|bupivacaine|marcaine|sensorcaine|ropivacaine|naropin|"
    r"mepivacaine|carbocaine|polocaine|(?:chloro)?procaine|nesacaine|tetracaine|articaine|"
    r"septocaine|prilocaine|an(?:a)?esthetic)\b[^.;\n]{0,30}\bwithout\s+"
    r"(?:any\s+|added\s+)?$", re.I)
#: p17fix (review): skin prep only (a prep verb with an antiseptic): "prepared for surgery
#: with IV cefazolin", "cleaned and treated with silver sulfadiazine" are medications
#: p17b (re-review): "cleansed/cleaned/swabbed with" back as prep verbs (the antiseptic check
#: keeps "cleaned and treated with silver sulfadiazine"): "The nasal vestibules were then
#: cleansed with a pHisoHex solution", "the mouth was cleaned with chlorhexidine",
#: "re-cleansed with a ChloraPrep" (MTSamples 530, 711, 1742)
_PREP_BEFORE = re.compile(
    r"\b(?:prepared|prepped|prepped\s+and\s+draped|prepared\s+and\s+draped|painted|scrubbed|"
    r"cleansed|cleaned|swabbed)"
    r"\s+(?:\w+\s+){0,3}(?:with|in|using)\s+(?:\w+\s+){0,2}$", re.I)
#: topical antiseptics (skin and mucosa prep; WHO Model Formulary 2008 section 15.1
#: "Antiseptics": chlorhexidine, ethanol, povidone iodine; hexachlorophene (pHisoHex) and
#: triclosan: FDA 21 CFR 310.545 / 2016 final rule on antiseptic washes)
_ANTISEPTIC_WORDS = ("povidone", "iodine", "betadine", "chlorhexidine", "duraprep", "chloraprep",
                     "hibiclens", "alcohol", "isopropyl", "iodophor", "phisohex",
                     "hexachlorophene", "triclosan")
_ORGAN_THYROID_AFTER = re.compile(
    r"\s+(?:gland|lobes?|isthmus|nodules?|bed|cartilage|exam(?:ination)?|ultrasound|scan|"
    r"(?:is|was|were|are|appears?|appeared)\s+(?:not\s+)?(?:\w+\s+)?(?:normal|enlarged|"
    r"palpable|non-?palpable|tender|non-?tender|unremarkable|within|symmetric|smooth|firm|"
    r"without|homogeneous|heterogeneous|midline|palpated|examined|visualized|identified|seen|"
    r"exposed|dissected|mobilized|reflected|removed|resected|retracted)\b|not\b)", re.I)
_ORGAN_THYROID_BEFORE = re.compile(r"\b(?:the|his|her|a|enlarged|normal|patient'?s)\s+$", re.I)
#: desiccated thyroid named as a drug ("Armour Thyroid", "thyroid 60 mg", "was increased to")
_THYROID_DRUG = re.compile(r"(?:armour|desiccated|nature[- ]?throid|np|westhroid|porcine)\s+$",
                           re.I)
_THYROID_DOSE_AFTER = re.compile(r"^[^.;\n]{0,40}(?:\d\s*(?:mg|mcg|grains?|gr)\b|\bincreased\b|"
                                 r"\bdecreased\b|\bdose\b|\btablets?\b|\bdaily\b)", re.I)


def diagnostic_agent(name: str) -> bool:
    """Whether the canonical drug ``name`` is a contrast medium or an imaging radiotracer."""
    lower = name.lower()
    if any(w in lower for w in _TRACER_WORDS):
        return True
    return _CONTRAST_CODE in (drug_codes(name) or [])


def not_a_medication(name: str, before: str, after: str) -> bool:
    """Whether a drug ``name`` found between ``before`` and ``after`` (the text around it) is
    no medication: a diagnostic agent, a drug
    "without" it, skin prep, the thyroid organ."""
    if diagnostic_agent(name):
        return True
    if name.lower() == "epinephrine" and _WITHOUT_BEFORE.search(before):
        return True
    if _PREP_BEFORE.search(before) and any(w in name.lower() for w in _ANTISEPTIC_WORDS):
        return True
    if name != "thyroid" or _THYROID_DRUG.search(before) or _THYROID_DOSE_AFTER.match(after):
        return False
    return bool(_ORGAN_THYROID_AFTER.match(after) or _ORGAN_THYROID_BEFORE.search(before))
