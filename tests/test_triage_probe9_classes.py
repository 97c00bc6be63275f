"""Error classes of issue 21, probe9: self-care recall on exam vignettes nobody here wrote.

Found on ``eval/data/triage_real/probe9_dev.tsv`` (46 fresh MedQA/MedMCQA vignettes, labelled
and committed in 5c63611 before the triage path ran on them; untuned: accuracy 0.804,
self-care 2/3, emergencies 10/15, under-triage 0.130) and on a battery of 39 exam-style
self-care sentences of my own for the NHS OTC / Pharmacy First conditions (17/39 self-care on
the code before). Classes:

1. a finding the vignette states as normal fired an entry ("Growth and development of the
   child were normal" -> faltering growth over a bedwetting case; "Testicular examination is
   normal" -> testicular lump): routine and self-care findings stated normal are no findings
   (``knowledge.stated_normal``); emergency and urgent entries and red flags are unchanged;
2. ... and a self-care entry's own ``not`` list read the same normal statements ("Pupils are
   equal and reactive to light" blocked conjunctivitis); the shared safety net is unchanged;
3. benign presentations with no exam-worded entry (pityriasis rosea read as a changing skin
   lesion; slapped cheek; innocent murmur; breast engorgement; Mongolian blue spots;
   conjunctival injection; lateral epicondyle): new entries in ``self_care_named.yaml``, each
   with its NHS page, an example and a near miss;
4. a self-care entry fired on a dermatitis "that has not responded to standard therapy with
   corticosteroids" with erythroderma, referred to a dermatologist (cutaneous T-cell lymphoma,
   gold non-emergency): treatment failure and specialist referral in clinical words now block
   self-care (raise only).

Each positive below was below self-care on the code before (5c63611); each near miss and each
emergency stays where it was.
"""

from __future__ import annotations

import pytest
from test_triage_selfcare_classes import _acuity as _rec  # noqa: E402

from assistant.triage import Triager
from assistant.triage.knowledge import load_conditions, match_conditions, stated_normal
from assistant.triage.parse import parse_case


def _fires(entry_id: str, text: str) -> bool:
    entry = next(e for e in load_conditions() if e.id == entry_id)
    return bool(match_conditions(parse_case({"id": "c", "text": text}), (entry,)))


# ---- 1 and 2: a finding stated normal ----
@pytest.mark.parametrize(("text", "word", "normal"), [
    ("Growth and development of the child were normal.", "Growth", True),
    ("Testicular examination is normal.", "Testicular", True),
    ("He has normal growth.", "growth", True),
    ("Pupils are equal and reactive to light.", "Pupils", True),
    ("His vision is not affected.", "vision", True),
    ("Growth has been poor.", "Growth", False),
    ("Her bowel movements were normal until 2 days ago.", "bowel", False),
    ("His vision is blurred and the pupil is normal.", "vision", False),
    ("Pain is abnormal.", "Pain", False),
])
def test_stated_normal(text: str, word: str, normal: bool) -> None:
    i = text.index(word)
    assert stated_normal(text, i, i + len(word)) is normal


def test_normal_growth_does_not_fire_faltering_growth(triager: Triager) -> None:
    text = ("A 6 years male child comes with complaints of bedwetting. He is continent during the day "
            "and the problem is only at night. Growth and development of the child were normal. "
            "Urine microscopy is normal.")
    assert not _fires("faltering_growth", text)
    assert _rec(triager, text)[0] == 5
    # growth stated as a problem still fires the routine entry
    assert _fires("faltering_growth", "A 2-year-old with poor growth, on the 2nd percentile "
                                      "for 6 months.")


def test_normal_testicular_exam_is_no_testicular_lump() -> None:
    assert not _fires("testicular_lump", "A 13-year-old boy has a tender lump under his left "
                                         "nipple. Testicular examination is normal.")
    assert _fires("testicular_lump", "A 30-year-old has a painless lump in his left testicle "
                                     "for 3 weeks.")


def test_normal_pupils_do_not_block_conjunctivitis(triager: Triager) -> None:
    text = ("A 28-year-old man has redness and a gritty sensation in both eyes for 2 days with "
            "a mucopurulent discharge. He has no pain. Examination shows bilateral conjunctival "
            "injection. Visual acuity is 20/20. Pupils are equal and reactive to light.")
    assert _rec(triager, text)[0] == 5


@pytest.mark.parametrize("text", [
    # clinician-worded: the normal pupils do not make a painful eye with lost vision self-care
    "A 35-year-old has a painful red right eye with blurred vision since this morning. Pupils "
    "are equal and reactive to light.",
    "A 60-year-old has a painful red eye, haloes around lights and vomiting; the other pupil is "
    "normal.",
    # lay
    "My eye is red and really painful and I can't see properly out of it since this morning, "
    "my pupils look normal though",
])
def test_red_eye_emergencies_stay_emergency(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 2


@pytest.mark.parametrize("text", [
    # a normal-examination sentence next to an emergency (clinician and lay)
    "A 45-year-old has sudden severe headache, the worst of her life, with vomiting. "
    "Neurological examination is normal.",
    "A 6-month-old is floppy and not feeding, with a rash that does not fade. Growth has been "
    "normal.",
    "My dad has crushing chest pain going down his left arm and he is sweating, his breathing "
    "was normal this morning",
    "My baby is 6 weeks old and has a temperature of 38.5, her feeding is normal",
])
def test_normal_statements_leave_emergencies(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 2


# ---- 3: benign presentations in exam wording ----
@pytest.mark.parametrize("text", [
    ("A 19-year-old man has a rash on his trunk for 1 week. It started as a single oval pink "
     "patch on his chest, followed by smaller similar lesions. He feels well. Examination shows "
     "oval salmon-colored macules with a collarette of scale along the skin lines of the back."),
    ("A 6-year-old girl has a red rash on her face for 1 day after a low-grade fever and runny "
     "nose last week. She feels well now. Examination shows bright red erythema of both cheeks "
     "and a lacy reticular rash on her arms."),
    ("A 4-year-old girl is brought for evaluation of a heart murmur heard at a recent visit. She "
     "is active and has no symptoms. Examination shows a grade 2/6 vibratory systolic murmur at "
     "the left lower sternal border that decreases when she stands."),
    ("A 28-year-old woman comes to the physician 4 days after giving birth because both breasts "
     "feel full, hard and tender. She is breastfeeding. Her temperature is 37.2°C. Examination "
     "shows bilaterally firm, tender breasts without erythema or masses."),
    ("A 3-month-old girl is brought because of blue-gray patches on her lower back since birth. "
     "She is feeding well and growing normally. Examination shows flat blue-gray macules over "
     "the sacrum."),
    ("A 40-year-old man has pain on the outer part of his right elbow for 1 week after painting "
     "his house. Examination shows tenderness over the lateral epicondyle."),
])
def test_benign_exam_presentations_are_self_care(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] == 5


@pytest.mark.parametrize("text", [
    # secondary syphilis, not pityriasis rosea
    "A 22-year-old man has oval pink scaly patches on his trunk and on his palms and soles, "
    "with a painless genital ulcer a month ago.",
    # parvovirus in a child with sickle cell disease (aplastic crisis)
    "A 6-year-old girl with sickle cell disease has bright red cheeks after a cold and now "
    "looks pale and tired.",
    # a murmur with symptoms
    "A 4-year-old girl has a grade 2/6 systolic murmur and fainted while running.",
    "A 9-month-old has a soft murmur and gets breathless and sweaty with feeds, with poor "
    "weight gain.",
    # mastitis
    "A 28-year-old breastfeeding woman has a hot, red, wedge-shaped tender area in her right "
    "breast with fever and chills.",
    # bruises, not birthmarks
    "A 3-month-old has new blue-grey marks on her back and a swollen thigh and cries when it "
    "is touched.",
    # refractory dermatitis with erythroderma (cutaneous T-cell lymphoma, probe9 medqa4-146)
    "A 60-year-old man is referred to a dermatologist by his family physician for management "
    "of dermatitis that has not responded to standard therapy with corticosteroids. "
    "Examination reveals scaly patches, plaques and generalized erythroderma.",
    "A 30-year-old has itchy dry eczema on her hands that has not improved despite steroid "
    "creams for a month.",
])
def test_near_misses_are_not_self_care(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] < 5


@pytest.mark.parametrize("text", [
    # lay and clinician-worded emergencies next to the new entries' wording
    "My 3 month old has blue marks on her back and her soft spot is bulging and she is floppy",
    "A 28-year-old woman 5 days after giving birth has full tender breasts, heavy vaginal "
    "bleeding with clots and feels faint.",
    "A 6-year-old with bright red cheeks now has a rash that does not fade under a glass and "
    "is very drowsy.",
    "A 4-year-old with a soft murmur turned blue and collapsed while playing.",
])
def test_emergencies_near_new_entries_stay_emergency(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 2


# ---- 5: an atopic history term is no allergic reaction ----
def test_allergic_rhinitis_history_is_not_anaphylaxis() -> None:
    text = ("A 6-year-old boy with asthma uses his inhaler four times a week. His past medical "
            "history is significant for allergic rhinitis. Oxygen saturation is 98%. "
            "Auscultation reveals bilateral late expiratory wheezes.")
    assert not _fires("anaphylaxis", text)


@pytest.mark.parametrize("text", [
    "A 6-year-old with allergic rhinitis developed swollen lips and wheezing minutes after "
    "eating peanuts.",
    "A 30-year-old with a history of allergic rhinitis is wheezing with facial swelling after "
    "an amoxicillin dose.",
    "I'm allergic to nuts and ate one by mistake, my throat is tight and I'm wheezing",
    "My son has hay fever and got stung by a bee, now his lips are swollen and he is wheezy",
])
def test_anaphylaxis_with_atopy_stays_emergency(triager: Triager, text: str) -> None:
    assert _rec(triager, text)[0] <= 2

