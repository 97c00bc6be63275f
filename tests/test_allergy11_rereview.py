"""Re-review of the a11fix round (a11fix2): the guards on the spoken copulas ("I'm / you're /
she's / he's / we're allergic to") hid real allergies. Every input the lead's decisions name
is pinned with hand-computed expected values: (substance, reaction) of each allergy in
record order, ``no_known_allergies``, and medications that must stay with a status or must
not be active (an allergen never an active medication).

Lead decisions (a missed allergy, or NKA true with a named allergy, is worse than a false
allergy that keeps every medication listed):
A. a "?" ending the sentence alone hides nothing; only a correcting next turn does;
B. a hedge counts only in the copula's own clause; "definitely" wins; a bare "I think" and
   "if it matters" / "if I'm not mistaken" void nothing;
C. a relative hides the allergy only as the copula's subject in its clause; speaker tags,
   a relative in another turn / sentence or after it, and "we're" do not;
D. no known-allergen whitelist: any object but a figurative one is the allergen;
E. a spoken NKA with an exception is no NKA, the excepted allergen recorded;
F. a passive cause is no allergy only for a rate / speed / level / toxicity / overdose.

Inputs are the re-reviewer's and the lead's snippets (written for the review, no real note
text).
"""

from __future__ import annotations

import pytest


def _rec(extractor, text: str):  # noqa: ANN001, ANN202
    rec = extractor.extract(text, "t")
    alls = [(a.substance, a.reaction) for a in rec.allergies]
    meds = {m.name: m.status for m in rec.medications}
    for a in rec.allergies:
        assert 0 <= a.span[0] < a.span[1] <= len(text)
        assert meds.get(a.substance) not in ("active", "new")
    return alls, rec.no_known_allergies, meds


PEN = [("penicillin", None)]
# (text, allergies, nka, medications that must be present with this status)
CASES = [
    # A. a question mark alone: the allergy stays
    ("Doctor: You're allergic to penicillin, right? Patient: Yes.", PEN, False, {}),
    ("Doctor: You're allergic to penicillin, right? Patient: Yes, I get hives.", PEN, False,
     {}),
    ("[doctor] you 're allergic to sulfa , right ? [patient] yes , that 's right .",
     [("sulfa", None)], False, {}),
    ("[patient] i 'm allergic to penicillin , right ?", PEN, False, {}),
    ("Patient: I'm allergic to latex, does that matter?", [("latex", None)], False, {}),
    ("Doctor: Any allergies? Patient: I'm allergic to Bactrim?",
     [("sulfamethoxazole/trimethoprim", None)], False, {}),
    ("[patient] i'm allergic to bactrim? it gave me a rash.",
     [("sulfamethoxazole/trimethoprim", None)], False, {}),
    # A near misses: a correcting next turn still hides it
    ("Doctor: You're allergic to penicillin, right? Patient: No, that's my sister.", [], None,
     {}),
    ("[doctor] you 're allergic to penicillin , right ? [patient] no , that was my husband .",
     [], None, {}),
    ("You're allergic to what exactly?", [], None, {}),
    ("[doctor] any chance you're allergic to latex ?", [], None, {}),
    # B. hedge scope
    ("Patient: I think I'm allergic to sulfa.", [("sulfa", None)], False, {}),
    ("Patient: Maybe it's the pollen, but I'm definitely allergic to penicillin.", PEN, False,
     {}),
    ("[patient] i 'm allergic to penicillin , if it matters .", PEN, False, {}),
    ("If I'm not mistaken, I'm allergic to codeine.", [("codeine", None)], False, {}),
    # (gaps16, issue 16) a habitual conditional reaction is an allergy (allergy_told's
    # conditional reader): was pinned [] / None as the output of its time (a missed allergy)
    ("If I take penicillin I break out in hives, I'm allergic to it.",
     [("penicillin", "hives")], False, {}),
    # B near misses: a hypothetical or doubt in the copula's clause
    ("If you're allergic to penicillin, we can use azithromycin.", [], None,
     {"azithromycin": "active"}),
    ("Patient: I don't think I'm allergic to penicillin.", [], None, {}),
    ("Doctor: I'm not sure whether he's allergic to penicillin.", [], None, {}),
    ("She thinks she's allergic to penicillin but she has taken amoxicillin many times.", [],
     None, {"amoxicillin": "active"}),
    # C. other person: only a relative as the copula's subject
    ("[mother] she 's allergic to penicillin .", PEN, False, {}),
    ("Mother: She's allergic to amoxicillin.", [("amoxicillin", None)], False, {}),
    ("[father] he 's allergic to sulfa .", [("sulfa", None)], False, {}),
    ("[doctor] does your son have any allergies ? [patient] yes , he 's allergic to "
     "penicillin .", PEN, False, {}),
    ("Patient: She's allergic to penicillin, her mom told me.", PEN, False, {}),
    ("[patient] she 's allergic to penicillin , her mother says .", PEN, False, {}),
    ("[patient] my wife is here . we 're allergic to shellfish , both of us .",
     [("shellfish", None)], False, {}),
    ("[doctor] is she allergic to anything ? [mother] yes , she 's allergic to penicillin .",
     PEN, False, {}),
    ("Doctor: any allergies? Mother: yes, she's allergic to sulfa.", [("sulfa", None)], False,
     {}),
    # C near misses: the relative the subject
    ("FAMILY HISTORY: Mother: allergic to penicillin.", [], None, {}),
    ("Mother is allergic to penicillin.", [], None, {}),
    ("[patient] my husband he 's allergic to penicillin .", [], None, {}),
    ("[patient] my husband is allergic to penicillin .", [], None, {}),
    # D. any object but a figurative one
    ("Patient: I'm allergic to penicilin.", [("penicilin", None)], False, {}),
    ("Patient: I'm allergic to amoxicilin.", [("amoxicilin", None)], False, {}),
    ("Patient: I'm allergic to Bactrum.", [("bactrum", None)], False, {}),
    ("Patient: I'm allergic to walnut.", [("walnut", None)], False, {}),
    ("Patient: I'm allergic to almonds.", [("almonds", None)], False, {}),
    ("Patient: I'm allergic to kiwi.", [("kiwi", None)], False, {}),
    ("Patient: I'm allergic to avocado.", [("avocado", None)], False, {}),
    # D near misses: figurative objects
    ("Patient: I'm allergic to my job.", [], None, {}),
    ("Patient: I'm allergic to my boss.", [], None, {}),
    ("Patient: I'm allergic to mornings.", [], None, {}),
    ("Patient: I'm allergic to exercise.", [], None, {}),
    ("Patient: I'm allergic to homework.", [], None, {}),
    ("Patient: I'm allergic to the idea of surgery.", [], None, {}),
    # E. spoken NKA with an exception
    ("Patient: I'm not allergic to anything but penicillin.", PEN, False, {}),
    ("Patient: I'm allergic to nothing but shellfish.", [("shellfish", None)], False, {}),
    ("She is not allergic to anything except penicillin.", PEN, False, {}),
    ("Patient: I'm not allergic to anything, just penicillin.", PEN, False, {}),
    ("Patient: I'm not allergic to anything other than sulfa.", [("sulfa", None)], False, {}),
    ("Patient: I'm not allergic to any medications except codeine.", [("codeine", None)],
     False, {}),
    ("[patient] i 'm not allergic to anything , well , penicillin .", PEN, False, {}),
    ("She's not allergic to anything that we know of, except latex.", [("latex", None)], False,
     {}),
    ("Patient: I'm not allergic to anything. Oh wait, penicillin gives me hives.",
     [("penicillin", "hives")], False, {}),
    ("I'm allergic to nothing but I get hives from sulfa.", [("sulfa", "hives")], False, {}),
    # E near misses: a plain spoken NKA stays NKA, a drug taken stays active
    ("Patient: I'm not allergic to anything.", [], True, {}),
    ("Patient: I'm not allergic to anything. I take lisinopril.", [], True,
     {"lisinopril": "active"}),
    # F. a passive cause: the drug's reaction unless a rate / level / overdose
    ("Her anaphylaxis was caused by the vancomycin infusion.", [("vancomycin", "anaphylaxis")],
     False, {}),
    ("His hives were caused by the penicillin dose he got yesterday.",
     [("penicillin", "hives")], False, {}),
    ("Swelling was caused by the ceftriaxone infusion, which was stopped.",
     [("ceftriaxone", "swelling")], False, {}),
    # F near misses
    ("Her flushing was caused by the vancomycin infusion rate; we slowed the infusion.", [],
     None, {"vancomycin": "active"}),
    ("His rash was caused by the vancomycin being too fast.", [], None,
     {"vancomycin": "active"}),
]


@pytest.mark.parametrize(("text", "want", "nka", "kept"), CASES)
def test_rereview_inputs(extractor, text: str, want: list, nka, kept: dict) -> None:  # noqa: ANN001
    alls, got_nka, meds = _rec(extractor, text)
    assert alls == want
    assert got_nka is nka
    for name, status in kept.items():
        assert meds.get(name) == status, (name, meds)


@pytest.mark.parametrize("text", [
    "Patient: I'm not allergic to anything but penicillin.",
    "She is not allergic to anything except penicillin.",
    "[patient] i 'm not allergic to anything , well , penicillin .",
])
def test_excepted_allergen_never_active(extractor, text: str) -> None:  # noqa: ANN001
    _, nka, meds = _rec(extractor, text)
    assert nka is not True
    assert meds.get("penicillin") not in ("active", "new", None) or "penicillin" not in meds
