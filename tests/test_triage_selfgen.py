"""Issue 21, selfgen: the self-care path generalises by class, never below a floor.

Classes fixed (each pinned below with hand-computed values and near-misses):

1. A missing full stop ("... 4 months ago She now has hives", a message typed without
   punctuation): a sentence opener after a lower-case word ends the clause of
   ``knowledge.clause_past`` and the negation view, so one "N weeks ago" or "past medical
   history" no longer makes every self-care finding past (metamorphic strip_punct /
   drop_final_periods lost 33 self-care answers this way).
2. A long course in other writings: "a fortnight", "3 wks", "2 and a half weeks", "a week and a
   half", "x 3/52", "not getting any better" read as no duration or no worrying course; a
   complaint past its own NHS self-care window (a sore throat over a week) was hidden by another
   self-care pattern whose window is longer (a cough); a child's fever for 5 days or more
   (NICE NG143 amber) reached the general rule; Kawasaki disease named only 5-8 days.
3. Over-broad trigger: "this morning after eating peanuts" fired the emergency-contraception
   entry (its own "morning after" and "this morning").
4. "bunged up" of a nose fired the constipation entry. (The lay trigger words first added
   here - "sore ear", "my ear hurts", "sticky eyes", "a stinking cold", "nose all bunged up",
   "face aches round my cheeks", "every time I cut the grass", "a spot on my eyelid", "from
   sleeping funny", a second nasal symptom, a clear edge - the widened @days writings and the
   extra general-rule questions were reverted after the safety review (selfix): each let lay
   inputs that need a clinician reach self-care. Their tests now pin the base behaviour.)
5. NHS self-care conditions with no entry: laryngitis / catarrh, chilblains, heat rash, corns
   and calluses / ingrown toenail, hiccups / trapped wind (named entries).

Every positive is a sentence written for this test (no data-set text); every red-flag variant of a
new trigger must not give self-care.
"""

from __future__ import annotations

import pytest
from kb_entry import entry_fires, triage_record

from assistant.triage import Triager
from assistant.triage.knowledge import clause_past, is_negated
from assistant.triage.minor import WORRYING, _longest_duration, course


def _acuity(triager: Triager, text: str, setting: str = "primary_care") -> int:
    rec = triage_record(triager, text, setting)
    assert rec.acuity is not None
    return rec.acuity


# ---- 1. missing full stops ----

def test_missing_full_stop_ends_the_past_clause() -> None:
    text = "She had a rash 4 months ago She now has hives on her arms"
    i = text.index("hives")
    assert clause_past(text, i, i + 5) is False
    # the same words in one clause stay past (a real run-on sentence)
    text2 = "She had a rash and hives 4 months ago"
    j = text2.index("hives")
    assert clause_past(text2, j, j + 5) is True
    # "I" is no sentence opener: "... 2 weeks ago I think the hives ..." stays one clause
    text3 = "it started 2 weeks ago I think the hives came then"
    k = text3.index("hives")
    assert clause_past(text3, k, k + 5) is True


def test_missing_full_stop_after_two_spaces() -> None:
    # a note typed with two spaces after each full stop, the stops then lost
    text = "She did not injure her foot in any way recently  It is chronically painful"
    i = text.index("chronically")
    assert is_negated(text, i, i + len("chronically")) is False


def test_missing_full_stop_ends_a_negation() -> None:
    text = "She denies fever Her pregnancy test is positive"
    i = text.index("pregnancy test")
    assert is_negated(text, i, i + len("pregnancy test is positive")) is False
    # the denial still reaches its own list
    j = text.index("fever")
    assert is_negated(text, j, j + 5) is True


@pytest.mark.parametrize("text", [
    # red-flag and floor variants of an unpunctuated self-care text: never self-care
    "I had a cold 2 weeks ago She now has a stiff neck and a fever and a rash that does not fade",
    "He had hay fever last year He now has sneezing and itchy eyes and is struggling to breathe",
    "My son is 2 months old He has sticky red eyes and a temperature of 38",
])
def test_unpunctuated_red_flag_variants_are_not_self_care(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) < 5


# ---- 2. long courses ----

@pytest.mark.parametrize("phrase,days", [
    ("for a fortnight", 14.0),
    ("for a week and a half", 10.5),
    ("for 2 and a half weeks", 17.5),
    ("for 3 wks", 21.0),
    ("x 3/52", 21.0),
    ("for 2/7", 2.0),
    ("for ten days", 10.0),
    ("for 1.5 weeks", 10.5),
    ("for a couple of days", 2.0),
    ("for 2 mos", 60.0),
])
def test_duration_in_every_writing(phrase: str, days: float) -> None:
    got = _longest_duration(f"I have had a cough {phrase}.")
    assert got is not None and got[0] == pytest.approx(days)


@pytest.mark.parametrize("text,worrying", [
    ("it is not getting any better", True),
    ("it isn't improving", True),
    ("it hasn't got any better", True),
    ("there has been no improvement", True),
    ("it is getting better", False),
    ("I want to improve my sleep", False),  # "want" is no "n't"
])
def test_not_improving_in_other_words(text: str, worrying: bool) -> None:
    assert (WORRYING.search(text) is not None) is worrying


def test_no_duration_in_look_alikes() -> None:
    assert _longest_duration("Hang on a mo, I have a cough.") is None
    assert _longest_duration("It was on 3/7 that the cough began.") is None  # a date, not "for 3/7"
    assert course("I've had a runny nose since yesterday.") == ("short", "since yesterday")


@pytest.mark.parametrize("text", [
    "I've had a sore throat and a mild cough for ten days, what can I take?",
    "My son has had a cough for a fortnight now, should I take him to the doctor?",
    "I have had a cough for 2 and a half weeks, what can I take?",
    "I've had diarrhoea for ten days, what can I take?",
    "I've had diarrhoea for a week and a half, what can I take?",
    "I have had a cough for about 3 wks, what can I take?",
    "I have had a cough for 3/52, what can I take?",
    "I have had a rash for 3 wks and it is itchy, what can I use?",
    "My 3 year old has had a temperature for 6 days but he is playing and drinking fine. What can I give him?",
    "My 3 year old has had a temperature for a week but he is playing normally. What should I do?",
])
def test_long_course_is_not_self_care(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) == 4


@pytest.mark.parametrize("text", [
    # the short course of the same complaints stays self-care (the classes above do not
    # over-block)
    "I've had a sore throat and a mild cough since yesterday, what can I take?",
    "I've had diarrhoea since yesterday after a takeaway, keeping fluids down, what can I take?",
    "My 3 year old has had a temperature since yesterday but he is playing and drinking fine. What can I give him?",
    "I've had a dry cough for 10 days after a cold, no fever, what can I take?",
])
def test_short_course_stays_self_care(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) == 5


# (selfix: the widened @days writings "a couple of days", "48 hours", "since Monday",
# "overnight" were reverted after the safety review; only the base writing reaches the entry)
@pytest.mark.parametrize("course_words", ["for 2 days", "for 3 days"])
def test_short_course_in_every_writing_reaches_the_sore_throat_entry(
        triager: Triager, course_words: str) -> None:
    text = f"A 24-year-old woman has had a sore throat {course_words}. She is swallowing fine."
    assert entry_fires("sore_throat_viral", text)
    assert _acuity(triager, text) == 5


@pytest.mark.parametrize("text", [
    # red-flag / see-a-GP variants of the widened short course: never self-care
    "A 24-year-old woman has had a sore throat for 48 hours, she is drooling and cannot swallow.",
    "A 24-year-old woman has had a sore throat since Monday with a muffled voice and stridor.",
    "A 24-year-old woman on carbimazole has had a sore throat for a couple of days.",
    "A 24-year-old woman has had a sore throat for a couple of days and a temperature of 39.5 C.",
])
def test_short_course_red_flag_variants(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) < 5


def test_kawasaki_reads_any_fever_of_five_days_or_more(triager: Triager) -> None:
    assert entry_fires("kawasaki", "2-year-old with a fever for 10 days, red eyes, cracked red lips "
                       "and swollen hands.")
    assert _acuity(triager, "2-year-old with a fever for a week, red eyes and cracked lips.") <= 2
    assert not entry_fires("kawasaki", "2-year-old with a fever for 3 days, red eyes and cracked "
                           "lips.")


# ---- 3. the emergency-contraception trigger ----

@pytest.mark.parametrize("text", [
    "My 5 year old came out in a rash this morning after eating peanuts.",
    "I felt dizzy this morning after standing up quickly.",
    "I vomited this morning after drinking too much last night.",
])
def test_morning_after_as_a_time_is_not_emergency_contraception(triager: Triager,
                                                                text: str) -> None:
    assert not entry_fires("emergency_contraception", text)
    assert _acuity(triager, text) < 5


@pytest.mark.parametrize("text", [
    "I had unprotected sex last night, where can I get the morning after pill?",
    "Condom split yesterday, I need the morning after.",
])
def test_morning_after_pill_still_fires(triager: Triager, text: str) -> None:
    assert entry_fires("emergency_contraception", text)
    assert _acuity(triager, text) == 5


# ---- 4. lay words of existing entries ----

LAY_POSITIVES = [
    ("I've got a sore ear since last night, I'm 30, what can I take?", "otitis_media"),
    ("My ear hurts since yesterday after a cold, what can I give my 6 year old?", "otitis_media"),
    ("My eyes are sticky and red this morning, I'm 25, what can I use?", "conjunctivitis_lay"),
    ("I've got a stinking cold, what can I take?", "named_common_cold"),
    ("My nose is all bunged up and my face aches round my cheeks for 5 days, what can I take?",
     "sinusitis"),
    ("I keep sneezing and my eyes are itchy every time I cut the grass, what can I take?",
     "allergic_rhinitis"),
    ("I've got a stiff neck from sleeping funny, what can I take?", "neck_pain_simple"),
    ("I've got a sore spot on my eyelid, what should I do?", "stye"),
    # clinician wording: a second nasal symptom, a border word (NHS Common cold; NICE CKS
    # Fungal skin infection)
    ("A 30-year-old woman presents with a 2-day history of sneezing, nasal congestion and clear "
     "rhinorrhea. She is afebrile.", "common_cold"),
    ("A 29-year-old man has a red, itchy rash in his groin with a clear edge.", "tinea"),
]


# (selfix safety review: these lay triggers were reverted to base; each one let inputs that need
# a clinician reach self-care. Pinned here so they are not re-added without the review.)
@pytest.mark.parametrize("text,entry_id", LAY_POSITIVES)
def test_reverted_lay_words_do_not_reach_their_entry(text: str, entry_id: str) -> None:
    assert not entry_fires(entry_id, text)


@pytest.mark.parametrize("text", [
    # red-flag / see-a-GP variants of each new lay trigger: never self-care
    "I've got a sore ear with yellow discharge and I can't hear out of it, what can I take?",
    "I've got a sore ear, a stiff neck and a high temperature, what can I take?",
    "My eyes are sticky and red and the light really hurts them, what can I use?",
    "My 2 week old baby's eyes are sticky and red, what can I use?",
    "I've got a stinking cold and I'm coughing up blood, what can I take?",
    "I've got a stinking cold and I'm 34 weeks pregnant and short of breath, what can I take?",
    "My nose is all bunged up, my face aches round my cheeks and now my eye is swollen and I "
    "have double vision, what can I take?",
    "I keep sneezing every time I cut the grass and now I'm wheezing and can't breathe properly, "
    "what can I take?",
    "I've got a stiff neck from sleeping funny and a fever and a headache, the light hurts, "
    "what can I take?",
    "I've got a sore spot on my eyelid, my whole eye is swollen shut and I have a fever, what "
    "should I do?",
    "A 30-year-old woman has sneezing, nasal congestion and clear rhinorrhea and is now wheezing "
    "and short of breath.",
    "A 30-year-old has a runny nose and nasal congestion, a stiff neck and a rash.",
    # an injury to the face is not sinusitis or a cold (NHS Broken nose)
    "I fell and hit my face, my nose is blocked and my face hurts, what can I take?",
    "A 29-year-old man has a red, itchy rash in his groin with a clear edge that is hot, tender "
    "and spreading, with a fever.",
])
def test_red_flag_variants_of_lay_triggers_are_not_self_care(triager: Triager,
                                                            text: str) -> None:
    assert _acuity(triager, text) < 5


def test_bunged_up_nose_is_not_constipation() -> None:
    assert not entry_fires("constipation_lay", "My nose is all bunged up, what can I take?")
    assert entry_fires("constipation_lay",
                       "I'm all bunged up and haven't pooed for 3 days, what can I take?")


def test_sore_ear_from_a_piercing_is_not_an_ear_infection() -> None:
    assert not entry_fires("otitis_media", "My ear hurts since yesterday where I had it pierced.")


@pytest.mark.parametrize("text,self_care", [
    ("A 32-year-old woman has pain in her foot since yesterday after exercise, no injury.", True),
    ("A 32-year-old woman has pain in her foot since yesterday after exercise, no injury. She had "
     "surgery on it and has plates and screws.", False),
])
def test_limb_pain_with_metalwork_is_not_self_care(triager: Triager, text: str,
                                                   self_care: bool) -> None:
    assert (_acuity(triager, text) == 5) is self_care


QUESTIONS = ["any advice?", "how long will it last?", "how can I feel better?", "what helps?",
             "should I stay home from work?", "can I still go to work?"]


# (selfix safety review: these question forms were reverted from the general rule's LAY_QUESTION;
# the lay flu asking only them stays a routine review)
@pytest.mark.parametrize("question", QUESTIONS)
def test_reverted_questions_do_not_reach_the_general_rule(triager: Triager,
                                                          question: str) -> None:
    text = f"I've had the flu since Tuesday, aches and a temperature, {question}"
    assert _acuity(triager, text) < 5


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("text", [
    "I've had the flu since Tuesday, aches and a temperature and now I'm breathless and have "
    "chest pain, {q}",
    "I've had the flu for 3 weeks with aches and a temperature, {q}",
    "My 6 week old has had a temperature since this morning, {q}",
    "I'm 30 weeks pregnant and have had the flu since Tuesday with aches and a temperature, {q}",
    "I've had the flu since Tuesday with a temperature and a rash that doesn't fade under a glass, "
    "{q}",
])
def test_other_questions_never_pass_a_floor_or_a_risk(triager: Triager, text: str,
                                                      question: str) -> None:
    assert _acuity(triager, text.format(q=question)) < 5


# ---- 5. NHS named self-care conditions ----

NAMED = [
    ("I've got laryngitis and lost my voice, what can I take?", "named_laryngitis_catarrh"),
    ("I've got catarrh since a cold, what can I take?", "named_laryngitis_catarrh"),
    ("I've got chilblains on my toes, what can I put on them?", "named_chilblains"),
    ("My 6 year old has heat rash on his neck after the hot weather, what can I use?",
     "named_heat_rash"),
    ("I've got a corn on my little toe from new shoes, what can I use?",
     "named_corns_ingrown_nail"),
    ("I think I have an ingrown toenail, it's a bit sore, what can I do?",
     "named_corns_ingrown_nail"),
    ("I've had hiccups for an hour, how do I get rid of them?", "named_hiccups_wind"),
    ("I've got trapped wind after dinner, what can I take?", "named_hiccups_wind"),
]


@pytest.mark.parametrize("text,entry_id", NAMED)
def test_named_nhs_condition_gives_self_care(triager: Triager, text: str,
                                             entry_id: str) -> None:
    assert entry_fires(entry_id, text)
    assert _acuity(triager, text) == 5


@pytest.mark.parametrize("text", [
    "I've got laryngitis and now I'm struggling to breathe, what can I take?",
    "I've had laryngitis for 3 weeks, I smoke and now it's hard to swallow, what can I take?",
    "I've lost my voice, what can I take? I'm on chemotherapy.",
    "I've got chilblains on my toes and I'm diabetic and one is oozing, what can I put on it?",
    "My 6 year old has heat rash and a high temperature and is really drowsy, what can I use?",
    "My 6 year old has heat rash but the spots don't fade when I press a glass on them.",
    "My 4 week old has heat rash on her chest, what can I use?",
    "I've got an ingrown toenail and the toe is red, swollen and full of pus, and I'm diabetic.",
    "I've had hiccups for an hour and I have crushing chest pain, how do I get rid of them?",
    "I've had hiccups for 3 days now and I've lost weight, what can I do?",
    "I've got trapped wind, what can I take? I'm 34 weeks pregnant.",
    "I keep getting trapped wind and I'm 80, what can I take?",
])
def test_named_nhs_condition_red_flag_variants(triager: Triager, text: str) -> None:
    assert _acuity(triager, text) < 5


def test_named_entries_need_the_question_in_a_clinicians_note(triager: Triager) -> None:
    # a named entry fires on a long note only with a self-care question (knowledge.NAMED_MAX_WORDS)
    note = ("A 45-year-old man is seen in clinic with laryngitis; he is a teacher and uses his "
            "voice all day and reports no other symptoms at all.")
    assert not entry_fires("named_laryngitis_catarrh", note)
