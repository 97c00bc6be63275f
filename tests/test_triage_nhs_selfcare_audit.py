"""Issue 21, round 7: the NHS England self-care list audited in lay and clinician wording.

Each condition of NHS England, "Conditions for which over the counter items should not routinely
be prescribed in primary care" (2018), and of the NHS Pharmacy First minor-illness pathways, was
written once as a person would say it and once as a clinician would note it, and run through the
triage path (table: ``eval/data/triage_real/README.md``, "Self-care coverage audit"). The
wordings that matched no entry, or only a routine one, are now covered by the round-7 entries
of ``data/conditions/self_care_named.yaml`` (and by two broadened ones: ``warts_verrucas``,
``back_pain_mechanical_exam``; ``travel_sickness`` now explains the pallor and sweating the NHS
page lists; the limb-pain rule reads "inverted his ankle"; ``impetigo`` no longer claims a red
sticky eye).

Pinned here, on sentences written for this test: every positive got acuity 4 on the code before
this change (checked) and gets self-care now with the named entry (or rule) choosing it; every
near-miss (an NHS "see a GP / 111 / 999" feature added) stays above self-care; and lay-worded
emergencies stay emergencies (acuity 1-2) with the new entries loaded.
"""

from __future__ import annotations

import pytest

from assistant.triage import Triager

# (text, the entry or rule id that must choose self-care)
POSITIVES = [
    # acute sore throat, lay
    ("My throat has been really sore since yesterday, it hurts to swallow a bit. What can I "
     "take for it?", "sore_throat_lay"),
    ("My throat is scratchy and sore since Tuesday with a runny nose, what can I take?",
     "sore_throat_lay"),
    # infrequent cold sores, clinician wording
    ("A 30-year-old woman has a cluster of small blisters on the upper lip border that began "
     "with tingling yesterday; she gets them a couple of times a year.", "cold_sore_exam"),
    # conjunctivitis, clinician wording (crusting and yellow discharge are not impetigo here)
    ("A 6-year-old boy has had a red right eye with a yellow discharge and crusting in the "
     "mornings for 2 days; visual acuity is normal and there is no pain.", "conjunctivitis"),
    # dandruff, clinician and lay wording
    ("A 25-year-old man has fine white scaling of the scalp with mild itching; the rest of the "
     "skin is normal.", "dandruff"),
    # indigestion and heartburn, lay and clinician wording
    ("I get a burning feeling in my chest after big meals and a sour taste in my mouth. What "
     "can I take?", "heartburn_described"),
    ("A 30-year-old man has a burning retrosternal sensation after large meals and when lying "
     "down, relieved by antacids.", "heartburn_described"),
    # infrequent constipation, lay
    ("I haven't been able to poo for 3 days and it's hard when I do. What can I take?",
     "constipation_lay"),
    # infrequent migraine, lay (the aura coming "first" is not a first migraine)
    ("I get migraines a few times a year, I've got one now, same as usual with the zigzag "
     "lights first. What can I take?", "migraine_usual_lay"),
    # mild acne, lay and clinician wording
    ("I've got spots and blackheads on my forehead and chin. What can I buy to get rid of "
     "them?", "acne_comedonal"),
    ("A 15-year-old girl has comedones and a few papules on her forehead and chin.",
     "acne_comedonal"),
    # mild cystitis / Pharmacy First UTI in women, lay
    ("I'm a 25 year old woman, I keep needing to wee and it burns. No fever. What can I take?",
     "cystitis_lay_wording"),
    # mild dry skin and irritant dermatitis, lay and clinician wording
    ("My skin is really dry and flaky on my legs in the winter. Which cream is best?",
     "dry_skin"),
    ("A 40-year-old woman has dry, rough skin on her shins in winter; there is no rash.",
     "dry_skin"),
    ("My hands are red, dry and cracked from washing them all the time at work.", "dry_skin"),
    # nappy rash, lay and clinician wording
    ("My baby has a red sore bottom from his nappy. What cream should I use?",
     "nappy_rash_described"),
    ("An 8-month-old girl has erythema in the diaper area sparing the skin folds; she is "
     "feeding well.", "nappy_rash_described"),
    # threadworms, lay
    ("My son keeps scratching his bottom at night and I saw tiny white worms in his poo.",
     "threadworms_lay"),
    # travel sickness, clinician wording (pallor is one of its symptoms)
    ("A 10-year-old boy has nausea and pallor on long car journeys that settle when the car "
     "stops.", "travel_sickness"),
    # warts, clinician wording without the word
    ("A 12-year-old boy has a rough raised papule on his finger with black dots.",
     "warts_verrucas"),
    # sunburn, clinician wording
    ("A 19-year-old woman has painful erythema of the shoulders and back after a day at the "
     "beach; there are no blisters.", "sunburn_described"),
    # aches and sprains, clinician wording
    ("A 25-year-old man inverted his ankle playing football 2 days ago; he can bear weight and "
     "there is no bony tenderness.", "minor_musculoskeletal_general"),
    # back pain, lay
    ("My lower back has been sore since I did some gardening at the weekend. No other "
     "problems. What can I take?", "back_pain_mechanical_exam"),
    # a second lay batch, written after the first round of entries
    ("My daughter is 4 and woke up with a gunky pink eye, she's fine otherwise. Do we need to "
     "see a doctor?", "conjunctivitis_lay"),
    ("Embarrassing flakes on my black jumper, my scalp itches a bit. Any shampoo?", "dandruff"),
    ("My armpits sweat through my shirts every day, what can I buy for it?", "hyperhidrosis"),
    ("My 8 month old is teething, red cheeks and chewing everything. What can I give her?",
     "teething_infant"),
    ("Period cramps are bad today, what's the best thing to take?", "period_pain_lay"),
    ("I hurt my back lifting the shopping yesterday, it's stiff but no other problems. What can "
     "I do?", "back_pain_mechanical_exam"),
    ("I'm 30, female, burning when I pee since yesterday and going all the time. Can the "
     "pharmacy help?", "cystitis_lay_wording"),
    # a third batch, written and scored before any change for it (15/32 on main, 26/32 with
    # the entries above, untuned); its misses, fixed:
    ("Scratchy throat and swallowing is a bit uncomfortable since this morning, any lozenges "
     "you'd recommend?", "minor_illness_general"),
    ("A 50-year-old woman reports gritty, burning eyes after reading; vision is normal and "
     "there is no discharge.", "dry_eyes"),
    ("My 7 week old screams every evening for hours, draws his knees up, but feeds and grows "
     "well. Is there anything I can buy?", "colic_lay"),
    ("My elbows and legs are dry and rough, what moisturiser is good?", "dry_skin"),
    ("A 30-year-old man has itchy, macerated, peeling skin between the fourth and fifth toes.",
     "tinea_pedis_described"),
]

# The same complaints with an NHS "see a GP / 111 / 999" feature: never self-care.
NEAR_MISSES = [
    "My throat has been really sore since yesterday and now I'm drooling and can't swallow my "
    "spit.",
    "My throat has been sore for two weeks and keeps coming back, what can I take?",
    "A 30-year-old woman with eczema has clusters of blisters on the lip spreading over her "
    "face, and she feels unwell.",
    "A 6-year-old boy has a red right eye with discharge, the eye is painful and light hurts.",
    "A 25-year-old man has scaling of the scalp with patches of hair loss and a boggy swelling.",
    "I get a burning feeling in my chest when I walk up hills, with sweating, and it goes into "
    "my left arm.",
    "A 58-year-old man has a burning retrosternal sensation after meals with food sticking "
    "when he swallows and weight loss.",
    "I haven't been able to poo for 3 days, my tummy is swollen and I keep vomiting.",
    "I get migraines a few times a year but this one came on suddenly, it's the worst ever and "
    "my arm feels weak.",
    "I've got painful cysts and scarring on my face and back and the antibiotics haven't "
    "helped.",
    "I'm a 25 year old woman, I keep needing to wee and it burns, and now I have pain in my "
    "back and I'm shivery.",
    "I'm a 25 year old woman and 10 weeks pregnant, I keep needing to wee and it burns. What "
    "can I take?",
    "My skin is really dry and I'm tired all the time, feeling cold, gaining weight and my hair "
    "is falling out.",
    "My baby has a red sore bottom from his nappy with blisters and pus, and he is not feeding "
    "and has a fever.",
    "My son keeps scratching his bottom at night and I saw worms in his poo, and there is blood "
    "and he is losing weight.",
    "A 19-year-old woman has painful erythema and blisters of the shoulders after a day at the "
    "beach and feels dizzy and sick.",
    "A 10-year-old boy vomits on car journeys and now also at home with morning headaches and "
    "double vision.",
    "My lower back has been sore since gardening and now I have numbness around my bottom and "
    "can't pee.",
    "My daughter is 4 and woke up with a gunky pink eye, and now it's painful and the light "
    "hurts her.",
    "My 8 month old is teething, red cheeks and chewing everything, and now has a temperature "
    "of 39 and diarrhoea.",
    "Period cramps are bad today but my period is late and the pain is on one side and I feel "
    "faint.",
    "My 5 week old baby has a gunky pink eye.",
    # a baby of unstated age: NHS sends under-2s with conjunctivitis or threadworms to a GP
    # (the first was self-care on main through the named entry)
    "My baby has a gunky pink eye, what can I do?",
    "My baby keeps scratching her bottom at night and I saw tiny white worms.",
    "My 7 week old screams every evening for hours with a high-pitched cry and has stopped "
    "feeding.",
    "A 60-year-old man with diabetes has macerated skin between the toes with redness "
    "spreading up the foot.",
    "My scratchy throat has lasted two weeks and my neck glands are swollen.",
    # a rash with a sore throat or a temperature (scarlet fever, glandular fever, measles: NHS
    # "see a GP"): both were self-care on main through the general minor-illness rule
    "My throat is really sore, I've got a rash and I feel exhausted, what can I take?",
    "My 5 year old has a temperature and a rash on his tummy, can I give Calpol?",
    "A 45-year-old man has a raised dark papule on his finger with black dots that bleeds and "
    "has changed colour.",
    "My armpits sweat through my shirts every night and I've lost weight and have a fever.",
]

# Lay-worded emergencies, some in the words of the new entries: still emergencies (1-2).
LAY_EMERGENCIES = [
    "I've got chest pain and I'm sweating buckets, it's going down my left arm.",
    "I get a burning feeling in my chest, I'm sweating and feel sick and it started an hour "
    "ago at rest.",
    "My son has a stiff neck and a rash that doesn't fade when I press a glass on it.",
    "My 1 year old is floppy and not feeding and is hard to wake.",
    "My throat is sore and now I'm drooling, can't swallow and my breathing is noisy.",
    "I haven't been able to poo for 3 days, my tummy is swollen and hard and I'm vomiting "
    "green stuff.",
    "I've had a migraine before but this is the worst headache of my life, it came on "
    "suddenly like being hit on the head.",
    "My baby has a nappy rash and now purple spots all over that don't fade under a glass and "
    "he's very sleepy.",
]


def _acuity(t: Triager, text: str) -> tuple[int, str | None]:
    rec = t.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity is not None
    return rec.acuity, rec.condition


@pytest.mark.parametrize("text,entry_id", POSITIVES)
def test_audit_positive_gives_self_care(triager: Triager, text: str, entry_id: str) -> None:
    rec = triager.triage({"id": "c", "text": text, "setting": "primary_care"}, narrative=False)
    assert rec.acuity == 5, rec.reasons
    # the chosen pattern's reason names its id ("... [sore_throat_lay; source: ...]")
    assert any(f"[{entry_id};" in r for r in rec.reasons), rec.reasons


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_audit_near_miss_stays_above_self_care(triager: Triager, text: str) -> None:
    assert _acuity(triager, text)[0] <= 4


@pytest.mark.parametrize("text", LAY_EMERGENCIES)
def test_lay_emergencies_stay_emergencies(triager: Triager, text: str) -> None:
    assert _acuity(triager, text)[0] <= 2
