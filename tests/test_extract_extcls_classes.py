"""Issue 16, rules-path extraction on real notes (helper extcls): five error classes from the
dev probes, each pinned on a short synthetic snippet written for this test (no real note
text), expected values by hand. Cases named ``..._guard`` pin what must not change; the
others fail on the code before this round (main at 215beed)."""

from __future__ import annotations

import pytest

from assistant.extract.pipeline import Extractor


def _problems(extractor: Extractor, text: str) -> dict[str, str]:
    return {p.text: p.status for p in extractor.extract(text, "t").problems}


def _spans(extractor: Extractor, text: str) -> dict[str, str]:
    return {p.text: text[p.span[0]:p.span[1]] for p in extractor.extract(text, "t").problems}


# ------------------------------------------------- 1. a sig written once after a drug pair
def test_plural_form_after_a_pair_shares_route_and_frequency(extractor: Extractor) -> None:
    text = "MEDICATIONS: Aspirin 81 mg a day, albuterol and Atrovent nebulizers q.4h., Lasix."
    meds = {m.name: m for m in extractor.extract(text, "t").medications}
    for name in ("albuterol", "ipratropium"):
        assert (meds[name].route, meds[name].frequency) == ("inhaled", "q4h"), name
    # albuterol's own span is its name; the shared words are its sig_span
    alb = meds["albuterol"]
    assert text[alb.span[0]:alb.span[1]] == "albuterol"
    assert alb.sig_span is not None and text[alb.sig_span[0]:alb.sig_span[1]] == \
        "nebulizers q.4h."
    assert meds["aspirin"].frequency == "daily" and meds["aspirin"].route is None


def test_pair_never_takes_the_other_drugs_dose(extractor: Extractor) -> None:
    # the second drug's dose is its own: the pair is not shared (no span over that dose)
    text = "Continue Tylenol and Motrin 400 mg tablets q.6h. p.r.n. pain."
    meds = {m.name: m for m in extractor.extract(text, "t").medications}
    assert meds["acetaminophen"].dose is None
    assert meds["acetaminophen"].sig_span is None


def test_comma_before_a_plural_form_guard(extractor: Extractor) -> None:
    # "enoxaparin, Fentanyl patches": a comma list item with its own form, nothing shared
    text = "Current medications include enalapril, low dose enoxaparin, Fentanyl patches."
    meds = {m.name: m for m in extractor.extract(text, "t").medications}
    assert meds["enoxaparin"].route is None and meds["enoxaparin"].sig_span is None


def test_pair_without_a_plural_form_guard(extractor: Extractor) -> None:
    # "Vicodin, Motrin, and Macrodantin at bedtime": an "and" list with no plural dosage form
    # keeps the sig with its last drug (med round 3)
    text = "She takes Vicodin, Motrin, and Macrodantin at bedtime."
    meds = {m.name: m for m in extractor.extract(text, "t").medications}
    assert meds["nitrofurantoin"].frequency == "qHS"
    assert meds["ibuprofen"].frequency is None


# ------------------------------------------------- 2. "never been diagnosed with X"
@pytest.mark.parametrize("text, name", [
    ("She has never been diagnosed with hypertension.", "hypertension"),
    ("He was never diagnosed with asthma.", "asthma"),
    ("She has never experienced seizures.", "seizure"),
])
def test_never_diagnosed_negates(extractor: Extractor, text: str, name: str) -> None:
    assert _problems(extractor, text)[name] == "absent"


def test_never_alone_is_no_cue_guard(extractor: Extractor) -> None:
    got = _problems(extractor, "He never smoked but has COPD. She has never had asthma.")
    assert got["chronic obstructive pulmonary disease"] == "present"
    assert got["asthma"] == "absent"


# ------------------------------------------------- 3. modifiers sharing a head noun
def test_coordinated_modifiers_share_the_head(extractor: Extractor) -> None:
    text = "There is no throat or neck pain. He reports chest or abdominal pain."
    got = _problems(extractor, text)
    assert got["throat pain"] == "absent" and got["neck pain"] == "absent"
    assert got["chest pain"] == "present" and got["abdominal pain"] == "present"
    spans = _spans(extractor, text)
    assert spans["throat pain"] == "throat or neck pain"
    assert spans["chest pain"] == "chest or abdominal pain"
    assert spans["abdominal pain"] == "abdominal pain"


def test_two_names_of_one_condition_guard(extractor: Extractor) -> None:
    # "concealed" and "buried" penis share ICD-10-CM Q55.64: one condition named twice
    got = _problems(extractor, "He developed a concealed or buried penis.")
    assert got == {"buried penis": "present"}


def test_a_noun_of_its_own_is_no_modifier_guard(extractor: Extractor) -> None:
    # "cough" names a problem itself: "cough and chest pain" is two problems, not "cough pain"
    got = _problems(extractor, "She has cough and chest pain.")
    assert set(got) == {"cough", "chest pain"}


# ------------------------------------------------- 4. oxygen saturation in words
def test_saturation_dropped_to_a_value(extractor: Extractor) -> None:
    text = "Overnight his sats dropped to 85% on room air."
    rec = extractor.extract(text, "t")
    assert [(v.name, v.value) for v in rec.vitals] == [("spo2", 85.0)]
    assert {p.text: p.status for p in rec.problems} == {"hypoxia": "present"}


def test_saturation_down_to_a_decade_is_hypoxia_not_a_vital(extractor: Extractor) -> None:
    # "in the 80s" is a range, no vital (guideline); below 90% is hypoxaemia (WHO)
    text = "He was hard to rouse and his saturation went down to the 80s."
    rec = extractor.extract(text, "t")
    assert rec.vitals == []
    assert {p.text: p.status for p in rec.problems} == {"hypoxia": "present"}
    p = rec.problems[0]
    assert text[p.span[0]:p.span[1]] == "saturation went down to the 80s"


@pytest.mark.parametrize("text, span", [
    ("She was noted to desaturate to 80% on room air.", "desaturate to 80%"),
    ("Sats dropped to 85-88% overnight.", "Sats dropped to 85-88%"),
])
def test_desaturation_wordings(extractor: Extractor, text: str, span: str) -> None:
    assert _spans(extractor, text) == {"hypoxia": span}


@pytest.mark.parametrize("text", [
    "Saturations in the 80% to 90% throughout.",  # the range reaches 90%
    "He sat in 45 minutes later.",  # the verb
    "Her oxygen saturation dropped to 93%.",  # not below 90%
])
def test_saturation_not_hypoxia_guard(extractor: Extractor, text: str) -> None:
    assert "hypoxia" not in _problems(extractor, text)


def test_saturation_in_the_low_90s_guard(extractor: Extractor) -> None:
    # 90-93%: no vital (a range) and not below the hypoxaemia threshold
    rec = extractor.extract("O2 sat in the low 90s on 2 L.", "t")
    assert rec.vitals == [] and rec.problems == []


# ------------------------------------------------- 5. one concept, negated then affirmed
def test_affirmed_mass_after_a_negated_exam_line(extractor: Extractor) -> None:
    text = "BREAST: No masses.\nOn repeat exam a breast mass was felt at 10 o'clock."
    got = _problems(extractor, text)
    assert list(got.values()) == ["present"], got


def test_mass_felt_in_a_site(extractor: Extractor) -> None:
    text = "NECK: Supple, no masses.\nOn reexamination a mass was felt in the neck."
    assert _problems(extractor, text) == {"neck mass": "present", "neck stiffness": "absent"}


def test_mass_felt_under_an_exam_label(extractor: Extractor) -> None:
    text = "RECTAL: No masses.\nDigital rectal exam: mass felt at 5 cm."
    assert _problems(extractor, text) == {"rectal mass": "present"}


def test_triage_reading_of_a_fall_unchanged_guard() -> None:
    # triage takes a vital's first reading: a fall told first must not hide a worse SpO2
    from assistant.triage.parse import parse_case

    p = parse_case({"id": "x", "text": "Sats dropped to 92% on the way in. SpO2 80% on arrival."})
    assert p.vitals.spo2 == 80.0
