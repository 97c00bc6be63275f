"""Issue 16 problem round 8 (split ``probe10``: procedure notes of the least-drawn MTSamples
specialties), rules path: ICD-10-CM concepts the vocabulary lacked or mis-coded, and procedure
words that name no finding of the patient.

Each case is a short synthetic snippet written for the class (not note text); expected values
are pinned by hand. The positive cases fail on the code before this change (main at 98b5623);
the guards pass before and after.
"""

from __future__ import annotations

import pytest

from assistant.extract.pipeline import Extractor


def _problems(extractor: Extractor, text: str) -> dict[str, tuple[str, str | None]]:
    return {p.text: (p.status, p.icd10) for p in extractor.extract(text, "t").problems}


# ------------------------------------------------------------------ (1) vocabulary rows
@pytest.mark.parametrize(("text", "name", "status", "code"), [
    # ICD-10-CM R94.01 "Abnormal electroencephalogram [EEG]" (bracketed title)
    ("IMPRESSION: Abnormal electroencephalogram with slowing.", "abnormal electroencephalogram",
     "present", "R94.01"),
    ("Impression: abnormal EEG.", "abnormal electroencephalogram", "present", "R94.01"),
    # S16.1 "Strain of muscle, fascia and tendon at neck level"
    ("DIAGNOSES: Cervical musculoskeletal strain.", "neck strain", "present", "S16.1"),
    ("She has a cervical strain after the collision.", "neck strain", "present", "S16.1"),
    # B20 (ICD-10-CM Index "AIDS (related complex)" -> B20); upper case only
    ("He never developed AIDS.", "acquired immunodeficiency syndrome", "absent", "B20"),
    # M65.4 "Radial styloid tenosynovitis [de Quervain]", not M65.9
    ("Assessment: de Quervain tenosynovitis, right wrist.", "de quervain tenosynovitis",
     "present", "M65.4"),
    ("Assessment: De Quervain's tenosynovitis.", "de quervain tenosynovitis", "present",
     "M65.4"),
    # a traumatic intracranial bleed is an S06 injury, not I62.9 (Nontraumatic ...)
    ("CT: traumatic intracranial hemorrhage.", "traumatic intracranial hemorrhage", "present",
     "S06.9"),
    ("Fall with traumatic intracranial bleeding.", "traumatic intracranial hemorrhage",
     "present", "S06.9"),
    ("CT: traumatic intracerebral hemorrhage.", "traumatic intracerebral hemorrhage", "present",
     "S06.36"),
    # purulence of a wound: purulent drainage
    ("FINDINGS: Healing skin with no gross purulence.", "purulent drainage", "absent", None),
])
def test_vocabulary_rows(extractor: Extractor, text: str, name: str, status: str,
                         code: str | None) -> None:
    got = _problems(extractor, text)
    assert got.get(name, ("-", None))[0] == status, got
    if code is not None:
        assert got[name][1] == code, got


@pytest.mark.parametrize(("text", "absent_name"), [
    # lower-case "aids" is the noun/verb, never the disease
    ("He wears hearing aids. Walking aids at home.", "acquired immunodeficiency syndrome"),
    ("This aids digestion.", "acquired immunodeficiency syndrome"),
    # non-traumatic intracranial bleed keeps I62.9 (checked below)
    ("Patient with hand tenosynovitis.", "de quervain tenosynovitis"),
])
def test_vocabulary_guards(extractor: Extractor, text: str, absent_name: str) -> None:
    assert absent_name not in _problems(extractor, text)


def test_nontraumatic_bleed_keeps_i62(extractor: Extractor) -> None:
    got = _problems(extractor, "CT showed an intracranial bleed.")
    assert got["intracranial hemorrhage"] == ("present", "I62.9"), got


# ------------------------------------------------------------------ (2) procedure words
@pytest.mark.parametrize(("text", "not_name"), [
    # irrigation of the field, not the symptom flushing (R23.2)
    ("The wound was then flushed with copious amounts of sterile saline.", "flushing"),
    ("The catheter was flushed with heparinized saline.", "flushing"),
    # a surgeon's stab incisions, not an open wound
    ("A #15 blade was used to make small stab wounds in the lateral hips.", "open wound"),
    ("Two stab wound incisions were made for the trocars.", "open wound"),
    # an EEG activation procedure, not the patient's hyperventilation
    ("Spike and wave activity was exacerbated by hyperventilation.", "hyperventilation"),
    ("No change during hyperventilation and photic stimulation.", "hyperventilation"),
    # a surgical technique, not "atraumatic" head exam shorthand
    ("The needle was placed in an atraumatic fashion.", "head injury"),
    # a prescription for pain: the drug's indication, not a finding
    ("He was given a prescription for pain and will follow up.", "pain"),
])
def test_procedure_words_not_findings(extractor: Extractor, text: str, not_name: str) -> None:
    assert not_name not in _problems(extractor, text)


@pytest.mark.parametrize(("text", "name", "status"), [
    ("Her face was flushed and warm.", "flushing", "present"),
    ("He presented with a stab wound to the abdomen.", "open wound", "present"),
    ("She arrived hyperventilating, with hyperventilation and perioral tingling.",
     "hyperventilation", "present"),
    ("HEAD: Normocephalic, atraumatic.", "head injury", "absent"),
    ("He reports pain in the left heel.", "heel pain", "present"),
])
def test_procedure_word_guards(extractor: Extractor, text: str, name: str, status: str) -> None:
    assert _problems(extractor, text).get(name, ("-",))[0] == status
