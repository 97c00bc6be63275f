"""Issue 21, selfix: the safety review of the selfgen self-care change.

The review wrote about 50 lay inputs that went from a routine review (4) to self-care (5) with
selfgen and need a clinician. Lead decisions, each pinned here:

A. Reverted to base 1f45e8e: the new lay trigger words of clinical entries, the new
   general-rule question forms, the widened @days writings (tests/test_triage_selfgen.py now
   pins the base behaviour of those).
C. The five new NHS named entries stay with exclusions: hiccups / trapped wind refuse chest
   pain in lay words and a course of 24 hours or more (a margin under the NHS Hiccups 48-hour
   line); laryngitis refuses stridor in lay words (NHS Laryngitis: 999 if breathing is
   difficult), intubation or an operation; chilblains refuse diabetes in its shorthand (NHS
   Chilblains: see a GP with diabetes; lexicon ``diabetes_shorthand``, shared with corns).
D. Exclusions added: a long course (@long_course) on the common self-care entries; cough with
   cyanosis, in a baby, rusty sputum or pleuritic pain, or cancer (NHS Cough / Pneumonia; NICE
   NG12); gastroenteritis with few wet nappies, little urine, dizziness or in a baby (NHS
   Diarrhoea and vomiting; NICE CG84); heartburn after a heart attack, angina or a stent (NICE
   CG184 / NHS Heart attack); otitis media with mastoid signs, discharge, hearing loss,
   vertigo or diabetes (NHS Ear infections; NHS Otitis externa, malignant in diabetes); tinea
   after a tick bite or with an expanding bull's-eye (NHS Lyme disease); and the general
   minor-illness rule's warning list: jaundice, dark urine, pale stools (NHS Jaundice),
   sickle cell, a recent operation or intubation, antibiotics / clindamycin (C. difficile),
   mouth blisters after a new drug (SJS), right-sided tenderness, asplenia.

Expected: every review input below is not self-care (acuity < 5) in self and primary_care;
the near-misses keep self-care.
"""

from __future__ import annotations

import pytest
from kb_entry import entry_fires, triage_record

from assistant.triage import Triager
from assistant.triage.minor import WORRYING

# the review's fault inputs (written by the reviewer, /tmp/rvwork; each went 4 -> 5 with selfgen)
REVIEW_FAULTS = [
    "I've got chilblains on my toes and I'm type 2, what can I put on them?",
    "laryngitis and a high pitched noise when she breathes in, what can I give her?",
    "a spot on my eyelid and my eye really hurts when I move it, any advice?",
    "sore throat since Monday, it's been 3 weeks now, any advice?",
    "my baby has had diarrhoea overnight and is not having wet nappies, any advice?",
    "my ear hurts overnight and now pus is coming out and I can't hear, what helps?",
    "hiccups for 36 hours, what helps?",
    "my ear hurts since sunday I am diabetic and it is discharging",
    "sore throat since Monday, what helps? it has been going on for 3 weeks",
    "my ear hurts since monday, been going on a month now, any advice?",
    "my face aches round my cheeks since monday, been a month now, nose bunged up, what helps?",
    "sore throat for 48 hours, what helps? it's been 3 weeks on and off",
    "my ear hurts since monday and there's a lump behind my ear, what can I take?",
    "my ear hurts for 2 days and it's leaking yellow stuff, what helps?",
    "my ear hurts for 2 days and everything is spinning, any advice?",
    "my ear hurts since yesterday after a slap to the head and now I can't hear, any advice?",
    "my eyes are sticky and red since yesterday, I've got a discharge from my penis too, what helps?",
    "a spot on my eyelid that's been there for 4 months and bleeds, what helps?",
    "my face aches round my cheeks and my nose is bunged up and my forehead is swollen, what helps?",
    "neck pain from sleeping funny for 2 days, I'm also getting pins and needles down my arm, what helps?",
    "neck pain from sleeping funny since I fell off my bike yesterday, any advice?",
    "stiff neck from sleeping funny, I'm 70 and have cancer, what helps?",
    "a red ring with a well-defined edge on my daughter's arm after a tick bite, what cream?",
    "ingrown toenail on my 8 year old and his toe is hot and he has a temperature, what helps?",
    "itchy all over since yesterday and my eyes have gone yellow, what helps?",
    "rash since yesterday after starting new antibiotics and my mouth has blisters, what helps?",
    "I feel feverish since yesterday and I had an operation last week, any advice?",
    "being sick since last night and my tummy is really tender on the right, should I go to work?",
    "my ear hurts for 2 days and it's leaking yellow stuff, what can I give?",
    "neck pain from sleeping funny since I fell off my bike yesterday, what can I take?",
    "I had a heart attack 2 months ago Today I have indigestion after eating what can I take",
    "I had surgery on my neck 2 weeks ago Now I have neck pain from sleeping funny what helps",
    "Diagnosed with lung cancer 6 months ago The cough is new since Monday what helps",
    "I had my spleen out last year Now I have a cold and a temperature since yesterday what helps",
    "He was in hospital with meningitis 4 weeks ago He now has a stiff neck from sleeping funny what helps",
    "loose poo since last night after a course of clindamycin, any advice?",
    "hoarse voice for 2 days after an intubation, any advice?",
    "itchy since yesterday and my wee is dark and my poo is pale, what helps?",
    "feels hot to the touch since this morning, my son has sickle cell, should he stay off school?",
    "a couple of days of diarrhoea and I'm passing very little wee and feel dizzy, what helps?",
    "since Monday I've had earache and now my ear is sticking out, what helps?",
    "since the weekend my baby has had a cough and now she is going blue when she coughs, any advice?",
    "I had surgery on my neck 2 weeks ago. Now I have neck pain from sleeping funny, what helps?",
    "cough for a couple of days and I'm coughing up rusty phlegm and have a sharp pain when I breathe in, what helps?",
    "my ear hurts since monday and I've had a cold, I'm diabetic and 75 and the pain is terrible at night, what helps?",
    "a spot on my eyelid since Monday and the eye is bulging, what helps?",
    "hiccups since this morning and my chest hurts, what helps?",
    "trapped wind since last night and my chest feels tight, what helps?",
    "chilblains on my toes and I'm on insulin, what can I put on them?",
    "chilblains on my toes and I have T2DM, what helps?",
    "lost my voice and my throat feels like it's closing up, what helps?",
    "a spot on my eyelid and my eye is really painful, any advice?",
    "face aches round my cheeks and my nose is bunged up and my eyelids are puffy and red, what helps?",
]


@pytest.mark.parametrize("setting", ["self", "primary_care"])
@pytest.mark.parametrize("text", REVIEW_FAULTS)
def test_review_fault_inputs_are_not_self_care(triager: Triager, text: str, setting: str) -> None:
    rec = triage_record(triager, text, setting)
    assert rec.acuity is not None and rec.acuity < 5


@pytest.mark.parametrize("text,entry_id", [
    # near-misses: the plain named conditions keep their self-care entry
    ("I've had hiccups for an hour, how do I get rid of them?", "named_hiccups_wind"),
    ("I've had hiccups for 12 hours, how do I get rid of them?", "named_hiccups_wind"),
    ("I've got trapped wind after a big dinner, what can I take?", "named_hiccups_wind"),
    ("I've got laryngitis and lost my voice, what can I take?", "named_laryngitis_catarrh"),
    ("I've got chilblains on my toes, what can I put on them?", "named_chilblains"),
    ("I've got a corn on my little toe from new shoes, what can I use?", "named_corns_ingrown_nail"),
])
def test_named_entries_still_fire_without_the_exclusions(triager: Triager, text: str,
                                                         entry_id: str) -> None:
    assert entry_fires(entry_id, text)
    assert triage_record(triager, text, "self").acuity == 5


@pytest.mark.parametrize("text,entry_id", [
    ("I've had hiccups for 30 hours, how do I stop them?", "named_hiccups_wind"),
    ("I've got hiccups and my chest is really sore, what helps?", "named_hiccups_wind"),
    ("I've lost my voice and there's a squeaky noise when I breathe, what can I take?",
     "named_laryngitis_catarrh"),
    ("I've got laryngitis since my operation yesterday, what can I take?",
     "named_laryngitis_catarrh"),
    ("I've got chilblains on my toes and I take metformin, what can I use?", "named_chilblains"),
    ("I've got a corn on my toe and I'm type 1, what can I use?", "named_corns_ingrown_nail"),
])
def test_named_entry_exclusions(text: str, entry_id: str) -> None:
    assert not entry_fires(entry_id, text)


@pytest.mark.parametrize("text,entry_id,fires", [
    ("35-year-old with a dry cough for 5 days after a cold, no fever.", "acute_bronchitis", True),
    ("35-year-old with a dry cough for 5 days after a cold, coughing up rusty phlegm.",
     "acute_bronchitis", False),
    ("A 3 week old with a cough for 2 days.", "acute_bronchitis", False),
    ("30-year-old with watery diarrhoea since a barbecue yesterday, keeping fluids down.",
     "gastroenteritis_mild", True),
    ("30-year-old with watery diarrhoea for 2 days, passing very little urine.",
     "gastroenteritis_mild", False),
    ("36-year-old with mild heartburn after spicy meals.", "gord", True),
    ("62-year-old with a stent, mild heartburn after spicy meals.", "gord", False),
    ("4-year-old with ear pain since last night after a cold.", "otitis_media", True),
    ("4-year-old with ear pain since last night after a cold, and yellow discharge.",
     "otitis_media", False),
    ("4-year-old with ear pain for 2 days and she can't hear on that side.", "otitis_media", False),
    ("4-year-old with ear pain for a couple of weeks after a cold.", "otitis_media", False),
    ("A 24-year-old woman has had a sore throat for 2 days.", "sore_throat_viral", True),
    ("A 24-year-old woman has had a sore throat for a fortnight.", "sore_throat_viral", False),
    ("An itchy red ring-shaped rash on the arm, expanding since a tick bite.", "tinea", False),
])
def test_added_exclusions(text: str, entry_id: str, fires: bool) -> None:
    assert entry_fires(entry_id, text) is fires


@pytest.mark.parametrize("text,hit", [
    ("my eyes have gone yellow", True), ("jaundiced", True), ("my wee is dark", False),
    ("dark urine", True), ("pale stools", True), ("he has sickle cell", True),
    ("I had an operation last week", True), ("after a course of clindamycin", True),
    ("my mouth has blisters", True), ("really tender on the right", True),
    ("I had my spleen out", True),
    # near-misses: none of these is a warning
    ("a yellow discharge", False), ("a pale face after a late night", False),
    ("my left side is a bit tender", False),
])
def test_general_rule_warning_words(text: str, hit: bool) -> None:
    assert bool(WORRYING.search(text)) is hit


@pytest.mark.parametrize("text,fires", [
    # tinea refuses a course of two weeks or more (lexicon course_2w_plus), not its own week
    ("A 24-year-old woman has an itchy red ring-shaped patch with a scaly edge on her forearm "
     "for 1 week.", True),
    ("A 24-year-old woman has an itchy red ring-shaped patch with a scaly edge on her forearm "
     "for 3 weeks.", False),
    ("A 24-year-old woman has an itchy red ring-shaped patch with a scaly edge on her forearm "
     "for a fortnight.", False),
])
def test_tinea_course(text: str, fires: bool) -> None:
    assert entry_fires("tinea", text) is fires


def test_gestation_is_no_long_course() -> None:
    # "20 weeks pregnant" is no course (the safety net blocks the pregnancy and names it)
    assert entry_fires("sinusitis", "Sinus pain and a blocked nose for 2 days, 20 weeks pregnant.")
    assert not entry_fires("sore_throat_viral", "A sore throat for 5 weeks.")
    assert entry_fires("sore_throat_viral", "A sore throat for 2 days, she is 20 weeks pregnant.")
