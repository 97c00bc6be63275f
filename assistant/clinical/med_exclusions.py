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
"""

from __future__ import annotations

import re

from assistant.clinical.drug_names import drug_codes

#: MeSH D003287 "Contrast Media" (the dictionary's code of iohexol, iopamidol, gadolinium ...)
_CONTRAST_CODE = "MESH:D003287"
#: MeSH D019275 "Radiopharmaceuticals" used as imaging tracers (names: the dictionary has no code)
_TRACER_WORDS = ("technetium", "sestamibi", "tetrofosmin", "thallium", "fludeoxyglucose")
_WITHOUT_BEFORE = re.compile(r"\bwithout\s+(?:any\s+|added\s+)?$", re.I)
_PREP_BEFORE = re.compile(
    r"\b(?:prepared|prepped|prepped\s+and\s+draped|painted|cleansed|cleaned|scrubbed|swabbed)"
    r"\s+(?:\w+\s+){0,3}(?:with|in|using)\s+(?:\w+\s+){0,2}$", re.I)
_ORGAN_THYROID_AFTER = re.compile(
    r"\s+(?:gland|lobes?|isthmus|nodules?|bed|cartilage|exam(?:ination)?|ultrasound|scan|"
    r"is|was|were|are|appears?|appeared|not\b)", re.I)
_ORGAN_THYROID_BEFORE = re.compile(r"\b(?:the|his|her|a|enlarged|normal)\s+$", re.I)


def diagnostic_agent(name: str) -> bool:
    """Whether the canonical drug ``name`` is a contrast medium or an imaging radiotracer."""
    lower = name.lower()
    if any(w in lower for w in _TRACER_WORDS):
        return True
    return _CONTRAST_CODE in (drug_codes(name) or [])


def not_a_medication(name: str, before: str, after: str) -> bool:
    """Whether a drug ``name`` found between ``before`` and ``after`` (the text around it) is
    no medication: a diagnostic agent, a drug "without" it, skin prep, the thyroid organ."""
    if diagnostic_agent(name) or _WITHOUT_BEFORE.search(before) or _PREP_BEFORE.search(before):
        return True
    return name == "thyroid" and bool(_ORGAN_THYROID_AFTER.match(after)
                                      or _ORGAN_THYROID_BEFORE.search(before))
