"""Lay 999 gaps, eleventh lay round (issue 21, lay11): five error classes fixed in red_flags.py.

Levels are (primary_care, self, ed); before the change each gap row was routine (4, 4, 2-4) or
one level too low (2 for a person who does not respond). Hand-checked against the NHS pages
named in red_flags.py ("When to call 999", "Sepsis", "Giving birth: what happens if the baby
comes quickly", "Signs that labour has begun"):

- A. a person who will not respond, said with the bare verb ("won't / can't / doesn't
  respond"): the "-ing" forms were read, the bare verb was not (NHS When to call 999: someone
  unconscious or not responding; AVPU "U" -> level 1). Not "to" a treatment, a message or a
  thing, not a thing as the subject, not a habit, a sulk or a development question;
- B. an adult who IS grey (a bare copula: "my husband is grey and floppy") or floppy after
  another sign ("grey and floppy", "blue and floppy"): grey needs a sign of illness in the
  sentence (NHS: blue, grey or pale skin or lips), floppy in an adult needs unresponsiveness or
  grey / blue (unchanged);
- C. a reassurance about the usual health ("he's normally fine", "she's otherwise fine", "he's
  fine usually") is no statement that the sign is over: it cancelled mottled skin, a blue or
  grey colour, a weak cry. A sign that really is over ("is fine now", "pinked up", "came round")
  still cancels;
- D. the baby's hair or the top of its head seen in labour is the head crowning (NHS: call 999 if
  the baby is coming); hair loss, hair on the belly, hair growing, a scan are not;
- E. a negation before a capitalised clause whose full stop was left out ("no fever Crushing
  chest pain and sweating"): the capital opens a new sentence and ends the negation (NegEx
  sentence scope); "no prior Stroke", "no history of Stroke", "denies any Chest pain", "no known
  Anaphylaxis", "no fever or Chest pain" stay denied.

Decided near misses: "my baby was mottled after his bath but is pink and feeding now" is no
flag (a cold / bath mottling, cutis marmorata, that has gone: NHS Sepsis asks about the skin
now); "she didn't respond for a few seconds then came round" is no unresponsive flag (a past
"didn't" is not read).
"""

from __future__ import annotations

import pytest
from triage_readers import levels_and_flags  # same folder

UNRESP = "unresponsive"
CYAN = "blue or grey colour (cyanosis)"
FLOPPY = "floppy or limp"
MOTTLED = "mottled skin (possible sepsis or shock)"
BIRTH = "birth imminent (baby coming now)"


# the rules-only ``triager`` fixture is conftest's; _run is triage_readers.levels_and_flags
_run = levels_and_flags


# ---- A. bare-verb non-response: level 1 ----
@pytest.mark.parametrize("text", [
    "My husband is grey and floppy and won't respond properly",
    "my wife collapsed and won't respond",
    "my dad won't respond",
    "mum won't respond to me",
    "I found my nan on the floor and she won't respond",
    "my husband fell and now he won't respond",
    "she won't respond when I shake her",
    "he won't respond at all",
    "my son won't respond properly after hitting his head",
    "grandad is slumped in his chair and won't respond",
    "she's breathing but won't respond",
    "he can't respond to me",
    "my partner took a load of pills and won't respond",
    "my wife is on the bathroom floor, she won't respond",
    "my friend passed out and won't respond to us",
    "he will not respond to my voice",
    "my dad collapsed and wouldn't respond so I rang you",
    "my girlfriend is not able to respond",
    "my brother is drunk and won't respond",
    "the old man next door won't respond to anything",
    "my husband's eyes are open but he won't respond",
    "baby won't respond to touch",
    "he won't respond to pain",
    "she won't respond and her lips are blue",
    "dad won't respond properly and is mumbling",
    "my mum had a fit and won't respond",
    "he's cold and won't respond",
    "my husband is sweating and won't respond to me",
    "my daughter hit her head and won't respond properly",
    "she doesn't respond when I call her name, she's been floppy since her fever",
    "my husband is grey and won't respond",
])
def test_bare_non_response_is_level_1(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (1, 1, 1)
    assert UNRESP in flags


@pytest.mark.parametrize("text", [
    "he won't respond to texts",
    "my husband won't respond to antibiotics",
    "he won't respond to my messages",
    "my teenager won't respond, he's sulking",
    "my phone won't respond",
    "the app won't respond",
    "my landlord won't respond to my emails",
    "my eczema won't respond to the cream",
    "her cough doesn't respond to antibiotics",
    "my toddler sometimes won't respond when he's watching tv",
    "the surgery won't respond",
    "my infection won't respond to treatment",
    "my GP won't respond to my calls",
    "he won't respond to questions about his drinking, he's ignoring me",
    "my 2 year old doesn't respond to his name, could it be autism?",
    "her asthma won't respond to the inhaler",
    "she didn't respond for a few seconds then came round",
    "my son won't respond to me since we had an argument",
    # sweep (MedQA): an awake person who does not answer (psychosis, a night terror)
    "The patient does not respond to questions and repeatedly says, \"The government is "
    "following me everywhere.\"",
    "They try to ask her what is wrong, but she does not respond and persists crying for "
    "approximately 20 minutes, after which she goes back to sleeping comfortably.",
    "he jerks in his sleep and won't respond when I say his name",
    "my son is jerking and won't respond",
])
def test_bare_non_response_near_misses(triager, text: str) -> None:
    _, flags = _run(triager, text)
    assert UNRESP not in flags


# ---- B. grey with a copula, floppy after another sign ----
@pytest.mark.parametrize("text, flags_in", [
    ("My husband is grey and floppy", {CYAN, FLOPPY}),
    ("my husband is grey and floppy in the chair", {CYAN, FLOPPY}),
    ("my husband was grey and floppy and is still not right", {CYAN, FLOPPY}),
    ("my dad is grey and sweating", {CYAN}),
    ("he's grey and clammy", {CYAN}),
    ("my grandad is grey and breathless", {CYAN}),
    ("my partner is ashen and sweaty", {CYAN}),
    ("he is blue and floppy", {FLOPPY}),
    ("dad is ashen and collapsed on the floor", {CYAN}),
])
def test_grey_or_floppy_adult_is_level_2(triager, text: str, flags_in: set[str]) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert flags_in <= set(flags)


@pytest.mark.parametrize("text", [
    "he was grey yesterday but is fine now",
    "my husband is grey haired and has a cough",
    "my dad is grey with stress at work",
    "my husband is greying at the temples",
    "he's going grey and has a sore throat",
    "my husband is floppy after a long night shift",
    "my dad feels floppy and weak after the flu",
    "he is grey after the bad news, otherwise ok",
    "my husband is grey and floppy when he gets home from the gym, then fine after a nap",
])
def test_grey_floppy_near_misses(triager, text: str) -> None:
    _, flags = _run(triager, text)
    assert CYAN not in flags and FLOPPY not in flags


# ---- C. a usual-health reassurance does not say the sign is over ----
@pytest.mark.parametrize("text, flag", [
    ("My baby is mottled, he's normally fine.", MOTTLED),
    ("my baby is mottled, she is usually fine", MOTTLED),
    ("baby's skin is mottled, normally she's fine", MOTTLED),
    ("my daughter's legs are mottled, she's otherwise fine", MOTTLED),
    ("my baby is mottled and cold, he's generally fine", MOTTLED),
    ("my baby is mottled, she's fine most of the time", MOTTLED),
    ("normally he's fine but he's gone mottled", MOTTLED),
    ("my newborn is mottled, she was fine this morning", MOTTLED),
    ("my husband is mottled and confused", MOTTLED),
    ("my baby has gone blue, she's usually fine", CYAN),
    ("he's gone grey and clammy, he's normally fine", CYAN),
    ("my dad has turned blue, he is normally fine", CYAN),
    ("my baby has a weak high pitched cry, she's usually fine", "floppy infant or weak cry"),
    ("my son has gone floppy, he's normally fine", FLOPPY),
    ("my son's gone floppy, he's fine usually", FLOPPY),
])
def test_usual_health_keeps_the_flag(triager, text: str, flag: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert flag in flags


@pytest.mark.parametrize("text", [
    "my baby was mottled after his bath but is pink and feeding now",
    "my baby went blue for a second but is fine now",
    "he went floppy and came round and is fine now",
    "she was mottled but she's pinked up now",
    "his legs went mottled when he was cold, fine now",
    "he was floppy last week but is fine now",
])
def test_a_sign_that_is_over_still_cancels(triager, text: str) -> None:
    _, flags = _run(triager, text)
    assert not {MOTTLED, CYAN, FLOPPY} & set(flags)


# ---- D. crowning: hair or the top of the head seen in labour ----
@pytest.mark.parametrize("text", [
    "she's in labour and I can see hair",
    "my wife is in labour and I can see the baby's hair",
    "I'm in labour and my partner can see hair",
    "she's having contractions and I can see some hair",
    "her waters broke and I can see hair down there",
    "she's pushing and I can see hair",
    "I'm 39 weeks and I can see hair",
    "my wife's in labour and I can see the top of the head",
    "contractions are 2 minutes apart and I can see the top of the baby's head",
    "she's in labour and the baby's hair is showing",
    "my wife is in labour, I can see hair coming",
    "she's in labour and I can see a bit of hair",
    "her contractions are really close and I can see dark hair",
    "in labour and can see hair",
])
def test_hair_seen_in_labour_is_level_2(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert BIRTH in flags


@pytest.mark.parametrize("text", [
    "she's in labour, contractions every 10 minutes, no bleeding",
    "I can see hair loss",
    "I'm pregnant and I can see hair on my belly",
    "I'm 30 weeks pregnant and I can see hair growing on my tummy",
    "I'm pregnant and I can see hair loss on my scalp",
    "I can see hair in the plughole",
    "she's in labour and I can see her hair is a mess",
    "the midwife said the scan shows hair on the baby's head",
    "I'm pregnant and can see hair thinning at my temples",
])
def test_hair_near_misses(triager, text: str) -> None:
    _, flags = _run(triager, text)
    assert BIRTH not in flags


# ---- E. a capitalised clause after a missing full stop ends the negation ----
@pytest.mark.parametrize("text, flag", [
    ("no fever Crushing chest pain and sweating", "chest pain with cardiac features"),
    ("no cough Crushing chest pain spreading to my arm", "chest pain with cardiac features"),
    ("denies cough Severe chest pain radiating to jaw and sweating",
     "chest pain with cardiac features"),
    ("no fever Chest pain and sweating and feel sick", "chest pain with cardiac features"),
    ("not eaten today Crushing chest pain", "chest pain with cardiac features"),
    ("no fever Heavy chest pain going to my left arm", "chest pain with cardiac features"),
    ("no temperature Sudden severe headache worst ever", "thunderclap headache"),
    ("no diarrhoea Vomiting blood since this morning", "severe bleeding"),
    ("no headache Slurred speech and face drooping", "stroke signs (FAST)"),
    ("no injury Sudden weakness in left arm", "stroke signs (FAST)"),
    ("no cough Struggling to breathe", "respiratory distress"),
    ("no pain Blood pouring from cut wont stop", "severe bleeding"),
    ("no fever Coughing up blood", "severe bleeding"),
])
def test_capital_clause_after_missing_stop_is_affirmed(triager, text: str, flag: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == (2, 2, 2)
    assert flag in flags


@pytest.mark.parametrize("text", [
    "no chest pain or sweating",
    "no history of Stroke",
    "no prior Stroke",
    "denies any Chest pain",
    "no known Anaphylaxis",
    "no fever no Chest pain",
    "no fever or Chest pain",
    "I have no chest pain no sweating",
    "no fever, no chest pain",
    "no chest pain Dr Smith said I'm fine",
])
def test_capital_after_a_cue_or_modifier_stays_denied(triager, text: str) -> None:
    levels, flags = _run(triager, text)
    assert flags == []
    assert levels == (4, 4, 3)


# ---- more wordings of each class (NHS "When to call 999" / "Sepsis" / labour signs) ----
@pytest.mark.parametrize("text, levels_want, flag", [
    # B
    ("grandma is grey and not herself", (2, 2, 2), CYAN),
    ("my dad's grey and sweaty", (2, 2, 2), CYAN),
    ("my husband is grey and dizzy", (2, 2, 2), CYAN),
    ("she's grey and shaking", (2, 2, 2), CYAN),
    ("my husband is grey and floppy and breathing funny", (2, 2, 2), FLOPPY),
    ("he is grey and vomiting", (2, 2, 2), CYAN),
    ("my wife is pale, grey and floppy", (2, 2, 2), FLOPPY),
    ("my partner is grey, cold and floppy", (2, 2, 2), FLOPPY),
    # C
    ("my son has turned blue, he's normally fit and fine", (2, 2, 2), CYAN),
    ("my daughter is mottled but she's otherwise fine in herself", (2, 2, 2), MOTTLED),
    ("my baby is mottled and his hands are cold, he is usually fine", (2, 2, 2), MOTTLED),
    ("he's having a fit, he's normally fine", (2, 2, 2), "seizure now or prolonged"),
    ("my husband has gone grey and sweaty, he's always fine", (2, 2, 2), CYAN),
    ("my baby is mottled and sleepy, she's mostly fine", (2, 2, 2), MOTTLED),
    ("my son is mottled, he's generally fine in himself", (2, 2, 2), MOTTLED),
    ("my baby is mottled but he's fine in himself", (2, 2, 2), MOTTLED),
    ("my baby is mottled, his sister is fine", (2, 2, 2), MOTTLED),
    ("my baby is mottled, her twin brother is fine", (2, 2, 2), MOTTLED),
    ("my son has gone blue, his brother's fine", (2, 2, 2), CYAN),
    # D
    ("my wife is in labour and I can feel hair", (2, 2, 2), BIRTH),
    ("she's in labour and I can see hair at the opening", (2, 2, 2), BIRTH),
    ("we're waiting for the midwife and I can see hair", (2, 2, 2), BIRTH),
    ("her waters have gone and I can see some hair", (2, 2, 2), BIRTH),
    ("my partner is having contractions and I can see the top of the baby's head", (2, 2, 2),
     BIRTH),
    ("she's 40 weeks and I can see hair", (2, 2, 2), BIRTH),
    ("I'm in labour and can feel hair down there", (2, 2, 2), BIRTH),
    # E
    ("no cough Sudden crushing chest pain", (2, 2, 2), "chest pain with cardiac features"),
    ("no vomiting Heavy bleeding won't stop", (2, 2, 2), "severe bleeding"),
    ("no rash Slurred speech since lunch", (2, 2, 2), "stroke signs (FAST)"),
    ("no fever Really bad chest pain and sweating", (2, 2, 2), "chest pain with cardiac features"),
    ("no cough Severe chest pain", (3, 3, 3), "chest pain"),
    ("not been drinking Face drooping on one side", (2, 2, 2), "stroke signs (FAST)"),
    ("no fever Worst headache of my life", (2, 2, 2), "thunderclap headache"),
    ("no allergies Throat closing up", (1, 1, 1), "airway compromise"),
])
def test_more_wordings_raise(triager, text: str, levels_want: tuple[int, ...], flag: str) -> None:
    levels, flags = _run(triager, text)
    assert levels == levels_want
    assert flag in flags


@pytest.mark.parametrize("text", [
    # B
    "my husband is grey and tired after work",
    "my dad is grey and grumpy",
    "she's grey haired and has a headache",
    "the sky is grey and I feel sick",
    "my husband is grey and sad about the news",
    "he's grey and balding",
    "my dad is grey with worry",
    "my husband was grey and clammy last week but fine now",
    "my cat is grey and floppy",
    "my husband is a grey man and has a cough",
    "he is grey eyed and has a cold",
    # C (over really)
    "he went blue but came round and is fine now",
    "she's gone pink again and is fine now",
    "my baby went mottled in the cold but is fine now",
    "he was mottled but his colour is fine now",
    "she went floppy but she is fine now",
    # D
    "I'm pregnant and I can see hair on my nipples",
    "she's in labour and I can see her hair tie",
    "my wife is pregnant and I can see hair on her legs",
    "I'm in labour and I can see hair dye stains on the towel",
    # E
    "no recent Chest pain",
    "no previous Stroke",
    "no family history of Heart attack",
    "no h/o Stroke",
    "denies Chest pain",
    "without Chest pain",
    "no signs of Stroke",
])
def test_more_near_misses_no_flag(triager, text: str) -> None:
    _, flags = _run(triager, text)
    assert not {CYAN, FLOPPY, MOTTLED, BIRTH, UNRESP, "chest pain", "stroke signs (FAST)",
                "chest pain with cardiac features", "anaphylaxis"} & set(flags)
