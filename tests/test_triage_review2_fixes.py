"""Review 2 (triage safety regressions), pinned: every reviewer input with its acuity.

Classes (see the commits on branch h-x21review2):

1+5. The patient's age (``parse.parse_age``): a speaker's own age ("I'm 30") is not the
   patient's when the text is about "my 6-week-old ..." (the possessive names the patient); a
   carer who brings a child is the patient when the text then says so in the carer's own
   pronoun ("A 45-year-old man came in with his 8-year-old daughter; he has ...").
2. A fall or injury with a deformed limb stays a fracture emergency whatever "since he started
   walking" says elsewhere (NHS Broken bones); only a longstanding leg shape is excluded.
3-4. Appendicitis is not excluded by "normal bowel habit", a relative's Crohn's, or weeks of
   diarrhoea when fever, vomiting, severe pain or peritonism are present (NHS Appendicitis).
Older: dehydration signs keep diarrhoea from self-care (NHS Diarrhoea and vomiting); lay
   one-sided lower tummy pain with fainting reaches the ectopic red flag (NHS Ectopic pregnancy).

Acuity pinned by hand (1 most urgent .. 5 self-care); ``was`` is main (a308b4c) before the fix.
"""

from __future__ import annotations

import pytest

from assistant.triage import Triager
from assistant.triage.parse import parse_age


def _triage(t: Triager, text: str, setting: str = "primary_care"):
    return t.triage({"id": "r2", "text": text, "setting": setting}, narrative=False)


# (text, setting, highest acceptable acuity number, acuity on main before the fix)
CASES: list[tuple[str, str, int, int]] = [
    # 1. speaker's own age vs "my <age>-old"
    ("I'm 30 and my 6-week-old has a temperature of 38.3.", "primary_care", 2, 4),
    ("I'm 30 and my 6-week-old has a temperature of 38.3.", "self", 2, 4),
    ("I'm 30, my 6-week-old daughter has a fever of 38.4 and is not feeding well.",
     "primary_care", 2, 4),
    ("I'm 30, my 6-week-old daughter has a fever of 38.4 and is not feeding well.", "ed", 2, 4),
    ("I am 28 and my 3-week-old baby has a fever of 38.5 and is floppy.", "ed", 2, 4),
    ("I am 28 and my 3-week-old baby has a fever of 38.5 and is floppy.", "primary_care", 2, 4),
    # 2. fracture with deformity after a fall
    ("My 2-year-old has been a bit wobbly since he started walking. Today he fell off the slide "
     "and his forearm is deformed and bent.", "primary_care", 2, 4),
    ("Toddler, 18 months, fell down the stairs; obvious deformity of the left forearm. Parents "
     "say he has been clumsy since he began walking.", "primary_care", 2, 4),
    # 3. appendicitis exclusions
    ("Normal bowel habit for many years. Now 1 day of right lower abdominal pain, fever and "
     "vomiting.", "primary_care", 2, 3),
    ("20-year-old with right lower quadrant pain and fever 38.5, vomiting. Family history of "
     "Crohn's in her father.", "primary_care", 2, 4),
    # 4. weeks of diarrhoea, then an acute abdomen
    ("I've had diarrhoea for 3 weeks and now severe pain in the right lower abdomen, worse on "
     "walking, with fever and vomiting.", "primary_care", 2, 3),
    # 5. the carer is the patient
    ("A 45-year-old man came in with his 8-year-old daughter; he has left lower quadrant pain, "
     "fever 38.3 and tenderness.", "primary_care", 3, 4),
    # older: dehydration signs, ectopic lay wording
    ("Diarrhoea since yesterday, now I haven't passed urine in 12 hours and feel very dizzy when "
     "standing.", "primary_care", 3, 5),
    ("Diarrhoea since yesterday, now I haven't passed urine in 12 hours and feel very dizzy when "
     "standing.", "self", 3, 5),
    ("I did a pregnancy test and it was negative. Now I have severe pain on one side of my lower "
     "tummy and I fainted.", "primary_care", 2, 4),
    ("I did a pregnancy test and it was negative but I feel faint and have severe pain low down "
     "on the left side with spotting.", "primary_care", 2, 4),
    # notes: lay RIF wording, jaundice in pregnancy, a toddler's leg at a funny angle
    ("I've had diarrhoea for a few days and now I have severe pain in the lower right side of my "
     "abdomen that gets worse when I move, and a fever.", "primary_care", 2, 4),
    ("I'm 20 weeks pregnant and my eyes and skin have gone yellow.", "primary_care", 2, 4),
    ("My toddler started walking a few months ago, fell at the park, and now his leg is at a "
     "funny angle and he won't put weight on it.", "primary_care", 2, 4),
    # lay dehydration signs are never self-care
    ("I've had diarrhoea since yesterday and I'm very thirsty and dizzy when I stand up.",
     "primary_care", 4, 5),
]


# The other direction: a longstanding leg shape with no injury stays off the fracture entry.
def test_bow_legs_without_injury_not_fracture(triager: Triager) -> None:
    r = _triage(triager, "My 2-year-old has bowed legs since he started walking, no injury, "
                "walking fine.")
    assert r.acuity >= 4


@pytest.mark.parametrize(("text", "setting", "worst", "was"), CASES)
def test_review2_case(triager: Triager, text: str, setting: str, worst: int, was: int) -> None:
    assert was > worst  # the reviewer's finding: main gave a less urgent level
    assert _triage(triager, text, setting).acuity <= worst


# Age read as the patient's, both directions (the child when the child is the subject; the
# adult when the adult is).
AGES: list[tuple[str, float]] = [
    ("I'm 30 and my 6-week-old has a temperature of 38.3.", 0.115),
    ("I'm 30, my 6-week-old daughter has a fever of 38.4 and is not feeding well.", 0.115),
    ("I am 28 and my 3-week-old baby has a fever of 38.5 and is floppy.", 0.058),
    ("A 45-year-old man came in with his 8-year-old daughter; he has left lower quadrant pain, "
     "fever 38.3 and tenderness.", 45),
    ("A 32-year-old woman brings her 2-week-old son; he has had a fever since this morning.",
     0.038),
    ("A 32-year-old woman brings her 2-week-old son, who has a fever.", 0.038),
    ("I'm 30 and I have chest pain; my 6-year-old is at school.", 30),
    ("A 21-month-old boy with a cough. His 6-year-old sister is well.", 1.75),
    ("I'm 30 and my 6 week old has a temperature of 38.3.", 0.115),
    ("I'm 30 and my baby, who is 6 weeks old, has a fever.", 0.115),
    ("I am 35 and I have had a cough for a week; my son is 4.", 35),
    ("I'm 30 and I feel dizzy.", 30),
    ("A 40-year-old woman came in with her 6-year-old son; he has had a fever.", 6),
    ("A 40-year-old man came in with his 6-year-old son; he has had a fever.", 6),
    ("A 40-year-old woman came in with her 3 month old daughter; she has chest pain.", 0.25),
    ("A 40-year-old man came in with his 8 year old daughter; he has chest pain.", 40),
    ("My 70-year-old mother has chest pain; I'm 45.", 70),
]


@pytest.mark.parametrize(("text", "age"), AGES)
def test_patient_age(text: str, age: float) -> None:
    got, _ = parse_age(text)
    assert got == pytest.approx(age, abs=0.01)
