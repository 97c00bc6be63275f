"""Issue 21 (trirob): robustness classes of the triage reading, from the metamorphic test
(``eval/triage_metamorphic.py``: 1,308 dev cases x 17 meaning-preserving rewrites; 16
emergencies lost before this round) and the lead's known leftovers.

Classes fixed, each with its expected levels set by hand and its near misses:

1. a full stop left out ("... denies any other symptoms He works as a long-haul truck driver",
   "no cough His lips are blue"): the negation ran on into the next sentence. A
   sentence-opening capitalised word (pronoun, possessive, article, a note's section word)
   after a lower-case word ends a negation in the danger view (NegEx: a cue's scope ends at
   the sentence end, Chapman et al. 2001); a subject with an affirmative verb of having ("i've
   been having") ends it too (ConText, Harkema et al. 2009); both laid on top of
   ``negation.scope_view`` (red flags and the knowledge base's emergency findings);
2. an answer "No" typed without its comma ("No I have never had chest pain like this, it is
   crushing"; "no he is not breathing") negated the whole sentence: a "no" followed by a
   subject heads no noun phrase (NegEx pseudo-negation); red flags only
   (``negation.danger_view``);
3. "is not responding": any subject but a device or a program is a person who does not
   respond (NHS When to call 999; AVPU "U"): "dave isn't responding" was routine (4), "the
   app is not responding" was acuity 1; a treatment that fails ("not responding to
   antibiotics") is no non-response;
4. a rash that "doesn't fade" (NHS Meningitis: a rash that does not fade when a glass is
   rolled over it; NICE NG240), also told by a pronoun in the next sentence ("she has a rash
   like this. It doesn't fade"); a rash that has not faded with time is not this sign;
5. writing variants the readers missed: a transcript's split contraction without its
   apostrophe ("i ca nt catch my breath") and a count grouped by a space ("90 000 cells/mm3",
   BIPM SI Brochure 5.4.4).

Decision left as it was (pinned here): "her legs collapsed under her" is a leg giving way, a
fall (NICE NG249 / WHO: a fall is coming to rest on the ground unintentionally), not a
person's collapse; the collapse red flag stays off, and a fall's own danger signs keep
their levels.
"""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.triage import Triager
from assistant.triage.negation import danger_view, scope_view
from assistant.triage.parse import parse_case, rejoin_contractions


@pytest.fixture(scope="module")
def triager() -> Triager:
    return Triager(load_settings(None, {"use_llm": False}, environ={}))


def _run(t: Triager, text: str, setting: str = "primary_care") -> tuple[int, list[str]]:
    rec = t.triage({"id": "trirob", "text": text, "setting": setting}, narrative=False)
    return (rec.acuity if rec.acuity is not None else 4), list(rec.red_flags)


# ---- 1. a full stop left out ----
@pytest.mark.parametrize(("text", "expected"), [
    # "no cough" no longer reaches the blue lips (respiratory distress, 2; was 4)
    ("no cough His lips are blue", 2),
    # the knowledge base's lay floppy child (2; was 4)
    ("no fever He is drowsy and floppy", 2),
    # a stroke sign after "no one understands him" (probe3 medqa4-1131 without its stops)
    ("his speech became distorted with words that made no sense He seems frustrated that no "
     "one understands him Physical examination demonstrates weakness of the right arm", 2),
    # a speech transcript: "no mm-hmm ... i've been having a bit of chest pain" (chest pain, 3)
    ("it feels really good no mm-hmm over the last month i've been having a bit of chest pain",
     3),
])
def test_negation_stops_at_a_lost_full_stop(triager: Triager, text: str, expected: int) -> None:
    assert _run(triager, text)[0] == expected


def test_lost_full_stop_view_offsets() -> None:
    text = "denies any other symptoms He works as a long-haul truck driver"
    view = danger_view(text)
    assert len(view) == len(text)
    assert view[text.index(" He")] == ";"
    # near misses: no break after a cue or a preposition, nor before a name or an eponym
    for kept in ("no Kernig sign", "a trip to Utah or Nevada", "denies The", "no fever or rash"):
        assert ";" not in danger_view(kept), kept


@pytest.mark.parametrize("text", [
    "no fever or rash, I have a cold",       # the cold is no danger feature: no level change
    "Denies chest pain. No fever.",           # punctuated: unchanged
])
def test_lost_full_stop_near_misses_keep_their_denials(triager: Triager, text: str) -> None:
    acuity, flags = _run(triager, text)
    assert "chest pain" not in flags
    assert acuity >= 4


# ---- 2. an answer "No" without its comma ----
@pytest.mark.parametrize(("text", "expected"), [
    ("No I have never had chest pain like this, it is crushing", 2),   # was 4
    ("no he is not breathing", 1),                                      # was 4
    ("No my husband has collapsed", 2),
    ("No I have chest pain", 3),                                         # was 4
])
def test_answer_no_is_no_negation(triager: Triager, text: str, expected: int) -> None:
    assert _run(triager, text)[0] == expected


@pytest.mark.parametrize("text", [
    # the words after the answer keep their own negation
    "No I have never had chest pain before, I have a cough",
    "I have no chest pain",
    "no chest pain",
])
def test_answer_no_near_misses(triager: Triager, text: str) -> None:
    acuity, flags = _run(triager, text)
    assert not flags
    assert acuity >= 4


def test_answer_no_view() -> None:
    assert danger_view("No I have chest pain").startswith("   I have")
    # "no" heading a noun phrase stays
    assert danger_view("no chest pain") == "no chest pain"
    # not mid-sentence ("there was no he said")
    assert danger_view("there was no he said").startswith("there was no")
    # ``scope_view`` (the knowledge base's view) does not blank it
    assert scope_view("No I have chest pain") == "No I have chest pain"


# ---- 3. "not responding": a person unless a device ----
@pytest.mark.parametrize("text", [
    "dave isn't responding",                      # was 4
    "my flatmate is not responding",
    "what should I do my wife is not responding",
    "he's not responding to me",
    "he isnt responding",                         # the apostrophe left out (was 4)
    "she stopped responding",
    "my dad was on his phone and is not responding",
    "found unresponsive on the floor",
    "Not responding.",
    "he is not responsive",
])
def test_a_person_not_responding_is_level_1(triager: Triager, text: str) -> None:
    acuity, flags = _run(triager, text)
    assert acuity == 1 and "unresponsive" in flags


# A device or a failing treatment "not responding" is level 1 again since the guard was taken
# back (tests/test_triage_respond_revert.py).


@pytest.mark.parametrize("text", [
    # a device first, then the person: the person's non-response keeps level 1
    "the heart monitor is not responding and he is unresponsive",
    "she does nt respond when I shake her",
    "he is nt breathing",
])
def test_person_after_a_device_or_a_split_contraction_stays_level_1(
        triager: Triager, text: str) -> None:
    assert _run(triager, text)[0] == 1


def test_asthma_not_helped_by_the_inhaler_stays_an_emergency(triager: Triager) -> None:
    # the "to the inhaler" treatment reading must not lose a severe asthma attack (NHS Asthma
    # attack: call 999 if the reliever inhaler does not help)
    assert _run(triager, "asthma attack not responding to the inhaler")[0] <= 2
    assert _run(triager, "my son has asthma and is not responding to his blue inhaler")[0] <= 2


# (tristop, issue 21) the device reader is gone with the red flag's guard (57a90c4): AVPU reads
# every verb form as the red flag does (tests/test_triage_trifix.py), a device included
def test_parse_reads_a_non_response_as_avpu_u_whatever_the_subject() -> None:
    for t in ("the app is not responding", "my wife is not responding",
              "my legs are not responding", "the baby fell and it is not responding",
              "dave isn't responding"):
        assert parse_case({"id": "a", "text": t}).vitals.avpu == "U", t
    # near misses: no verb form of a non-response
    for t in ("the app is slow", "he is responding well to the antibiotics"):
        assert parse_case({"id": "b", "text": t}).vitals.avpu is None, t


# ---- 4. a rash that doesn't fade ----
@pytest.mark.parametrize("text", [
    "she has a rash like this. It doesn't fade",          # was 4
    "she has a rash like this. It doesnt fade",
    "she has a rash. It doesn't fade when I press a glass on it",   # was 4
    "she has a rash that doesn't fade",
    "spots on his legs and they don't fade",
])
def test_rash_that_does_not_fade_is_an_emergency(triager: Triager, text: str) -> None:
    acuity, flags = _run(triager, text)
    assert acuity == 2 and "non-blanching rash" in flags


@pytest.mark.parametrize("text", [
    "It doesn't fade",                                    # no rash named
    "I have a bruise on my shin, it doesn't fade",
    "my tan doesn't fade",
    "red itchy rash that won't go away for 3 weeks",
    "the rash doesn't fade after a week of cream",
    "she has a rash that hasn't faded",
    "she has a rash. It fades when pressed",
    "she has a birthmark that doesn't fade",
])
def test_rash_fade_near_misses(triager: Triager, text: str) -> None:
    acuity, flags = _run(triager, text)
    assert "non-blanching rash" not in flags
    assert acuity >= 3


# ---- 5. writing variants ----
def test_split_contraction_without_apostrophe() -> None:
    assert rejoin_contractions("i ca nt catch my breath") == "i can't catch my breath"
    assert rejoin_contractions("it does nt help") == "it doesn't help"
    # near misses: a capital NT and a hyphenated nt- are no contraction
    assert rejoin_contractions("Is NT raised") == "Is NT raised"
    assert rejoin_contractions("is nt-probnp high") == "is nt-probnp high"


def test_split_contraction_reaches_the_red_flag(triager: Triager) -> None:
    acuity, flags = _run(triager, "when i try to be active i ca nt catch my breath")
    assert acuity == 2 and "respiratory distress" in flags


# (trifix) the space-grouped count join ("90 000 cells/mm3") is reverted: it joined "RR 32
# 100 per cent" into a respiratory rate of 32100 (tests/test_triage_trifix.py)


# ---- the legs-collapsed decision ----
@pytest.mark.parametrize("text", [
    "her legs collapsed under her",
    "my knee collapsed under me playing football",
])
def test_a_leg_giving_way_is_no_collapse(triager: Triager, text: str) -> None:
    assert "collapse" not in _run(triager, text)[1]


@pytest.mark.parametrize(("text", "expected"), [
    ("she collapsed", 2),
    ("her legs collapsed under her and now she isn't responding", 1),
    ("her legs collapsed under her and she can't move her left arm", 2),
])
def test_a_person_collapsing_keeps_its_level(triager: Triager, text: str, expected: int) -> None:
    assert _run(triager, text)[0] == expected
