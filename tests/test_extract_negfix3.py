"""Second review of the negfix rounds (issue 16, nf3): wordings read wrong, pinned by hand.

Each decision case fails on main at c58ac2f; the guards pass there too.
1. A negated total loss ("no complete loss of sensation", "no absent pulses") is no deficit
   absent, and a negated deficit wording is dropped when its sentence states the deficit.
2. A negated list ending in "and" reaches its last item, as one ending in "or".
3. An exception search stops at a comma/semicolon (the next item's exception is its own).
4. Only "no longer denies" is a negated denial among the "no" wordings.
5. "Pulses are weak" is the weak pulse (R09.89) as "weak pulses".
6. A "+" item's mark reaches the items joined to it by "and", up to the next comma.
"""

from __future__ import annotations

import pytest
from extract_readers import problems


def statuses(extractor, text: str) -> dict[str, tuple[str, str]]:  # noqa: ANN001
    """Problem name -> (status, the words of its span)."""
    return {p.text: (p.status, text[p.span[0]:p.span[1]])
            for p in extractor.extract(text, "t").problems}


@pytest.mark.parametrize(("text", "name", "words"), [
    ("Decreased sensation in the left foot but no complete loss of sensation.",
     "sensory deficit", "Decreased sensation"),
    ("Decreased pulses bilaterally but no absent pulses.", "diminished pulses",
     "Decreased pulses"),
    # MTSamples 2851's wording
    ("There is a decrease in sensation below this level but not complete loss of sensation.",
     "sensory deficit", "decrease in sensation"),
])
def test_1_a_denied_total_loss_is_no_deficit_absent(extractor, text: str, name: str,  # noqa: ANN001
                                                    words: str) -> None:
    assert statuses(extractor, text).get(name) == ("present", words)


@pytest.mark.parametrize("text", ["No total loss of sensation.",
                                  "Weak pulses, no absent pulses."])
def test_1_a_denied_total_loss_alone_is_not_read_absent(extractor, text: str) -> None:  # noqa: ANN001
    got = problems(extractor, text)
    assert got.get("sensory deficit") is None
    assert got.get("diminished pulses") is None


def test_1_guard_a_plain_denied_loss_stays_absent(extractor) -> None:  # noqa: ANN001
    assert problems(extractor, "No loss of sensation.")["sensory deficit"] == "absent"


@pytest.mark.parametrize(("text", "name"), [
    ("Denies numbness, tingling and loss of sensation.", "sensory deficit"),
    ("Negative for numbness, tingling, and decreased sensation.", "sensory deficit"),
    ("Denies numbness, tingling, decreased sensation, and weakness.", "sensory deficit"),
    ("No clubbing, cyanosis, edema and decreased pulses.", "diminished pulses"),
])
def test_2_a_negated_list_ending_in_and(extractor, text: str, name: str) -> None:  # noqa: ANN001
    assert problems(extractor, text)[name] == "absent"


@pytest.mark.parametrize(("text", "name"), [
    ("No decreased sensation, reflexes symmetric except absent ankle jerks.",
     "sensory deficit"),
    ("No loss of sensation in the feet, strength 5/5 other than mild weakness",
     "sensory deficit"),
])
def test_3_the_exception_search_stops_at_a_comma(extractor, text: str, name: str) -> None:  # noqa: ANN001
    assert problems(extractor, text)[name] == "absent"


def test_3_guard_an_exception_right_after_a_comma(extractor) -> None:  # noqa: ANN001
    got = problems(extractor, "No decreased sensation, except in the right foot.")
    assert got.get("sensory deficit") in (None, "present")


def test_4_a_no_answer_then_a_denial(extractor) -> None:  # noqa: ANN001
    assert problems(extractor, "Alcohol: No Denies chest pain.")["chest pain"] == "absent"


def test_4_guard_no_longer_denies(extractor) -> None:  # noqa: ANN001
    got = problems(extractor, "He no longer denies suicidal ideation.")
    assert got["suicidal ideation"] == "present"


def test_5_pulses_are_weak_is_the_weak_pulse(extractor) -> None:  # noqa: ANN001
    rec = extractor.extract("Pedal pulses are weak bilaterally.", "t")
    assert [(p.text, p.status, p.icd10) for p in rec.problems] == [
        ("weak pulse", "present", "R09.89")]


@pytest.mark.parametrize(("text", "name"), [
    ("Denies fever or chills, + nausea and vomiting.", "vomiting"),
    ("Negative for fever, chills, +cough and sputum production.", "sputum production"),
])
def test_6_a_plus_mark_reaches_its_and_item(extractor, text: str, name: str) -> None:  # noqa: ANN001
    got = problems(extractor, text)
    assert got[name] == "present"
    assert got["fever"] == "absent"


def test_6_guard_the_mark_stops_at_a_comma(extractor) -> None:  # noqa: ANN001
    got = problems(extractor, "Negative for fever, +cough, chills and vomiting.")
    assert (got["cough"], got["chills"], got["vomiting"]) == ("present", "absent", "absent")
