"""Safety review of the allergy11 round (a11fix): every review input pinned with hand-computed
expected values, the faults fixed and the near misses that were already right.

Inputs are the reviewer's snippets (written for the review, no real note text). Expected by
hand: (substance, reaction) of each allergy in record order, ``no_known_allergies``, and the
medications that must stay (a drug given or kept is never lost) or must not appear as active
(an allergen never an active medication).

Classes (lead decisions):
1. spoken copulas ("I'm / you're / she's / he's / we're / i am / your allergic to"): no
   allergy under a hypothetical, hedge or question, a "No, that's my sister" turn, or (she's /
   he's / we're in a transcript) another person named around it;
2. spoken copulas record known allergens only ("I'm allergic to mornings" gives nothing);
   (a11fix2) re-review: items 1 and 2 narrowed (tests/test_allergy11_rereview.py), the
   pinned cases it changes are marked below;
3. the clause goes on only over "and it gives / makes ... me / her / him / them";
4. a passive cause that is an infusion rate or a dose is no allergy;
5. "avoid" negated or undone is no avoidance;
6. a seasonal / environmental allergy item joined to a known allergen gives that allergen, a
   denial item after it none;
7. spoken NKA ("She's allergic to nothing", "I'm not really allergic to anything");
8. a drug after an article in a sensitivity statement ("the lidocaine");
optional: "it makes me throw up" gives the reaction (a causative verb, its person, a
reaction word after it).
"""

from __future__ import annotations

import pytest


def _rec(extractor, text: str):  # noqa: ANN001, ANN202
    rec = extractor.extract(text, "t")
    alls = [(a.substance, a.reaction) for a in rec.allergies]
    meds = {m.name: m.status for m in rec.medications}
    # every allergy keeps its source span, and no allergen is an active medication
    for a in rec.allergies:
        assert 0 <= a.span[0] < a.span[1] <= len(text)
        assert meds.get(a.substance) not in ("active", "new", None) or a.substance not in meds
    return alls, rec.no_known_allergies, meds


# (text, allergies, nka, medications that must be present with this status)
FIXED = [
    # 1. hypothetical / hedge / question / correction: nothing, the alternative drug kept
    ("If you're allergic to penicillin, we can use azithromycin.", [], None,
     {"azithromycin": "active"}),
    ("If she's allergic to penicillin, we will use clindamycin.", [], None,
     {"clindamycin": "active"}),
    ("In case you're allergic to the contrast, we'll premedicate with prednisone.", [], None, {}),
    ("Even if you're allergic to penicillin, you can take cephalexin.", [], None,
     {"cephalexin": "active"}),
    ("If you're allergic to penicillin we'd use azithromycin instead.", [], None,
     {"azithromycin": "active"}),
    ("I don't think I'm allergic to penicillin.", [], None, {}),
    ("I don't think I am allergic to penicillin.", [], None, {}),
    ("I'm not sure if I'm allergic to penicillin.", [], None, {}),
    ("We don't know whether he's allergic to penicillin.", [], None, {}),
    ("She thinks she's allergic to penicillin but she has taken amoxicillin many times.", [],
     None, {"amoxicillin": "active"}),
    # (a11fix2, re-review A) a "?" alone no longer hides the allergy: was []
    ("Patient: I'm allergic to penicillin, I think? Doctor: Let's test for that.",
     [("penicillin", None)], False, {}),
    ("Doctor: Tell me if you're allergic to latex.", [], None, {}),
    ("You're allergic to penicillin, right? Patient: No, that's my sister.", [], None, {}),
    ("[doctor] and you 're allergic to sulfa , right ? [patient] no , that was my husband .",
     [], None, {}),
    # 1. another person named around she's / he's / we're in a transcript
    # (a11fix2, re-review C) a relative in the sentence before is no longer read as the
    # subject ("she 's" may be the patient, a missed allergy the worse error), "we're"
    # includes the patient: were [] ("iodine too": the written form's name, as "She is
    # allergic to iodine too.")
    ("[patient] my mom has a lot of allergies . she 's allergic to penicillin and sulfa .",
     [("penicillin", None), ("sulfa", None)], False, {}),
    ("[patient] my husband is allergic to shellfish . he 's allergic to iodine too .",
     [("iodine too", None)], False, {}),
    ("[patient] we're allergic to peanuts in our family.", [("peanuts", None)], False, {}),
    # 2. figurative objects: no allergen
    ("I'm allergic to mornings.", [], None, {}),
    ("I'm allergic to exercise, honestly.", [], None, {}),
    ("Patient: I'm allergic to my job, haha.", [], None, {}),
    # (a11fix2, re-review D) no known-allergen whitelist: "the sun" recorded as the written
    # "She is allergic to the sun." is (no medication touched): was []
    ("[patient] i 'm allergic to the sun , i break out in hives .", [("the sun", None)],
     False, {}),
    # 3. the clause ends at "and they ..." / "and I take ...": the drug given or taken kept
    ("She's allergic to penicillin and they gave her cephalexin without a problem.",
     [("penicillin", None)], False, {"cephalexin": "given"}),
    ("She is allergic to penicillin and they gave her cephalexin without a problem.",
     [("penicillin", None)], False, {"cephalexin": "given"}),
    ("Patient: I'm allergic to cats and dogs, and I take Zyrtec for it.",
     [("cats", None), ("dogs", None)], False, {"cetirizine": "active"}),
    ("Patient: I'm allergic to cats, and I take Zyrtec for it.", [("cats", None)], False,
     {"cetirizine": "active"}),
    # 4. an infusion rate / a dose as the cause: no allergy, the drug kept
    ("Her rash was caused by the vancomycin infusion rate; we slowed the infusion.", [], None,
     {"vancomycin": "active"}),
    ("Her dizziness was caused by her lisinopril being too high a dose.", [], None,
     {"lisinopril": "active"}),
    # 5. negated avoid
    ("You don't need to avoid the ibuprofen because you had a reaction to it once.", [], None,
     {"ibuprofen": "active"}),
    ("There is no need to avoid the ibuprofen because you had a reaction to it once.", [], None,
     {"ibuprofen": "active"}),
    ("You can stop avoiding the ibuprofen because you had a reaction to it.", [], None, {}),
    # 6. seasonal / environmental item with a real allergen after it
    ("ALLERGIES: Seasonal allergies with hives to amoxicillin.", [("amoxicillin", "hives")],
     False, {}),
    ("ALLERGIES: Seasonal allergies, denies drug allergies.", [], True, {}),
    ("ALLERGIES: Environmental allergies to pollen and ragweed.",
     [("pollen", None), ("ragweed", None)], False, {}),
    ("ALLERGIES: Seasonal allergies-penicillin.", [("penicillin", None)], False, {}),
    ("ALLERGIES: Seasonal allergies with sneezing.", [], None, {}),
    ("ALLERGIES: Penicillin, denies other drug allergies.", [("penicillin", None)], False, {}),
    # 7. spoken NKA
    ("She's allergic to nothing.", [], True, {}),
    ("I'm allergic to no medications.", [], True, {}),
    ("[patient] i'm not really allergic to anything .", [], True, {}),
    ("[patient] i'm allergic to nothing that i know of .", [], True, {}),
    ("Doctor: are you allergic to anything? Patient: No, I'm not allergic to anything.", [],
     True, {}),
    # (optional) "it makes me throw up": a causative verb, its person and a reaction after
    ("i'm allergic to codeine, it makes me throw up.", [("codeine", "throw up")], False, {}),
    ("She is allergic to codeine, it makes her itch.", [("codeine", "itch")], False, {}),
    # near miss: a benefit is no reaction
    ("She is allergic to codeine, it makes her feel better.", [("codeine", None)], False, {}),
    # 8. a drug after an article
    ("I reported sensitivity to the lidocaine at the dentist.", [("lidocaine", None)], False,
     {}),
]

# already right in the review (near misses and true allergies that must stay)
FINE = [
    ("The rash was caused by the cellulitis, and we started cephalexin.", [], None,
     {"cephalexin": "new"}),
    ("The swelling is due to amlodipine, we lowered the dose.", [], None,
     {"amlodipine": "active"}),
    ("Ankle edema was caused by amlodipine; dose reduced to 5 mg daily, continue amlodipine.",
     [], None, {"amlodipine": "active"}),
    ("I'm allergic to the idea of surgery.", [], None, {}),
    ("You're allergic to what exactly?", [], None, {}),
    ("She's allergic to cats but takes her cetirizine daily.", [("cats", None)], False,
     {"cetirizine": "active"}),
    ("Her hypokalemia was due to furosemide, and we added potassium chloride.", [], None,
     {"furosemide": "active", "potassium chloride": "new"}),
    ("The rash was caused by a viral illness, not the amoxicillin.", [], None,
     {"amoxicillin": "active"}),
    ("Hypoglycemia was due to glipizide, dose reduced.", [], None, {"glipizide": "active"}),
    ("I'm not allergic to penicillin, my brother is.", [], None, {}),
    ("My mom's allergic to penicillin.", [], None, {}),
    ("She's allergic to sulfa and it gives her hives.", [("sulfa", "hives")], False, {}),
    ("He's allergic to penicillin.", [("penicillin", None)], False, {}),
    ("We'll avoid the ibuprofen because you have a reaction to it.", [("ibuprofen", None)],
     False, {}),
    ("Avoid the morphine, as he has a reaction to it.", [("morphine", None)], False, {}),
    ("I would avoid the ibuprofen, because you have a stomach ulcer.", [], None,
     {"ibuprofen": "active"}),
    ("She reports sensitivity to latex.", [("latex", None)], False, {}),
    ("The patient reports sensitivity to light.", [], None, {}),
    ("She reports sensitivity to cold in her teeth.", [], None, {}),
    ("He reports sensitivity to bright lights and loud noises.", [], None, {}),
    ("She reports sensitivity to the smell of perfume.", [], None, {}),
    ("Patient reports sensitivity to cold weather.", [], None, {}),
    ("She reports no sensitivity to latex.", [], None, {}),
    ("The hives were caused by penicillin.", [("penicillin", "hives")], False, {}),
    ("I'm allergic to penicillin but I take amoxicillin fine.", [("penicillin", None)], False,
     {"amoxicillin": "active"}),
    ("Are you allergic to any medications? I'm allergic to sulfa.", [("sulfa", None)], False,
     {}),
    ("You're not allergic to anything, right?", [], None, {}),
    ("Patient: My daughter is here with me, she's allergic to peanuts.", [], None, {}),
    ("Patient: My husband, he's allergic to penicillin, but I'm not.", [], None, {}),
    ("Doctor: Any allergies? Patient: Not me, but my son, he's allergic to amoxicillin.", [],
     None, {}),
    ("I'm allergic to sulfa and they switched me to lisinopril.", [("sulfa", None)], False,
     {"lisinopril": "active"}),
    ("She's allergic to latex and it made her hands swell.", [("latex", None)], False, {}),
    ("Patient: I'm allergic to bees. Doctor: Okay.", [("bees", None)], False, {}),
    ("Doctor: So you're allergic to sulfa. Patient: Yes, I get a rash.", [("sulfa", None)],
     False, {}),
    ("Patient: I'm allergic to lisinopril, it gives me a cough, so they switched me to "
     "losartan.", [("lisinopril", "cough")], False, {"losartan": "active"}),
    ("Patient: I'm allergic to Keflex and it gave me hives.", [("cephalexin", "hives")], False,
     {}),
    ("I'm allergic to codeine\u2014it makes me itch.", [("codeine", "itch")], False, {}),
    ("Patient: I'm allergic to pollen so I take Claritin every day.", [("pollen", None)], False,
     {"loratadine": "active"}),
    ("She's allergic to dust mites and uses Flonase daily.", [("dust mites", None)], False,
     {"fluticasone": "active"}),
    ("Doctor: you're allergic to penicillin, so we'll give you azithromycin.",
     [("penicillin", None)], False, {"azithromycin": "active"}),
    ("ALLERGIES: Seasonal allergies and penicillin (hives).", [("penicillin", "hives")], False,
     {}),
    ("ALLERGIES: She has seasonal allergies. No known drug allergies.", [], True, {}),
    ("ALLERGIES: Seasonal allergies only.", [], None, {}),
    ("ALLERGIES: Seasonal allergies; sulfa causes rash.", [("sulfa", "rash")], False, {}),
    ("ALLERGIES: Patient has seasonal allergies and is allergic to codeine.",
     [("codeine", None)], False, {}),
    ("The cough was from lisinopril; she is still on lisinopril.", [], None,
     {"lisinopril": "active"}),
    ("Itching was caused by the morphine, so we gave Benadryl.", [], None,
     {"morphine": "active", "diphenhydramine": "given"}),
    ("Her son's rash was caused by amoxicillin.", [], None, {"amoxicillin": "active"}),
    ("The rash was caused by amoxicillin versus a viral exanthem.", [], None,
     {"amoxicillin": "active"}),
    ("Should we avoid the Bactrim because you have a reaction to it? Patient: No, I don't.", [],
     None, {"sulfamethoxazole/trimethoprim": "active"}),
    ("Was the rash caused by the amoxicillin?", [], None, {"amoxicillin": "active"}),
    ("The rash was not caused by the amoxicillin.", [], None, {"amoxicillin": "active"}),
    ("Her mother's rash was caused by penicillin.", [], None, {}),
    ("[doctor] any allergies ? [patient] i 'm allergic to penicillin , it gives me hives .",
     [("penicillin", "hives")], False, {}),
    ("[doctor] okay , you 're not allergic to anything ? [patient] nope .", [], None, {}),
    ("[doctor] we can continue the lisinopril . i know you 're allergic to the idea of more "
     "pills .", [], None, {"lisinopril": "active"}),
    ("[patient] i 'm allergic to penicillin but i 'm on amoxicillin right now and doing fine .",
     [("penicillin", None)], False, {"amoxicillin": "active"}),
    ("[doctor] are you allergic to any medications ? [patient] i 'm allergic to , um , "
     "codeine .", [("codeine", None)], False, {}),
    ("[patient] i'm allergic to aspirin and it gives me asthma attacks.",
     [("aspirin", "asthma attacks")], False, {}),
    ("[doctor] your allergic to penicillin , so we will use cephalexin .",
     [("penicillin", None)], False, {"cephalexin": "active"}),
    ("[patient] i don't think i'm allergic to anything .", [], None, {}),
    # near misses of the guard (a11fix): real allergies that stay
    ("[doctor] i checked your chart and you're allergic to penicillin .",
     [("penicillin", None)], False, {}),
    ("[patient] i was tested and i'm allergic to penicillin .", [("penicillin", None)], False,
     {}),
    ("[doctor] any allergies ? [patient] yeah , i'm allergic to penicillin .",
     [("penicillin", None)], False, {}),
    ("[doctor] how is she doing ? [patient] she's allergic to amoxicillin , it gives her a "
     "rash .", [("amoxicillin", "rash")], False, {}),
    ("I'm not allergic to anything, right?", [], None, {}),
    ("My son is not allergic to anything.", [], None, {}),
]


@pytest.mark.parametrize(("text", "want", "nka", "kept"), FIXED + FINE)
def test_review_inputs(extractor, text: str, want: list, nka, kept: dict) -> None:  # noqa: ANN001
    alls, got_nka, meds = _rec(extractor, text)
    assert alls == want
    assert got_nka is nka
    for name, status in kept.items():
        assert meds.get(name) == status, (name, meds)
