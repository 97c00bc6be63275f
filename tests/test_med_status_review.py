"""Medstat safety review (msfix): the review's inputs with hand-computed statuses.

The lead's decisions after the review of the medstat round: a drug the patient still takes is
never marked discontinued or held; a pronoun binds to a drug only when the drug is the nearest
noun phrase before it in its sentence, or (the sentence before) when its own sentence has
nothing but subject pronouns and joining words before it; "this / that / these / those" with a
noun after them is no pronoun; conditional and optional stops are none done.
"""
from __future__ import annotations

import pytest


def meds(extractor, text: str) -> dict[str, str | None]:  # noqa: ANN001
    return {m.name: m.status for m in extractor.extract(text, "msfix").medications}


# ---- U1-U3: a pronoun meant for a non-drug noun never ends a drug
@pytest.mark.parametrize(("text", "want"), [
    ("She continues warfarin. Her PICC line was no longer needed and it was discontinued.",
     {"warfarin": "active"}),
    ("He takes aspirin. He started physical therapy but it was stopped because of pain.",
     {"aspirin": "active"}),
    ("She takes metformin. Gluten makes her bloated so she avoids it.", {"metformin": "active"}),
    ("He is on lisinopril and metoprolol. Tube feeds were started but these were held for high "
     "residuals.", {"lisinopril": "active", "metoprolol": "active"}),
    ("He takes sertraline. He used cocaine but stopped it in 2019.", {"sertraline": "active"}),
    ("He takes sertraline. He used heroin for years but quit it in 2019.", {"sertraline": "active"}),
    ("He takes naltrexone. He drank alcohol daily but stopped it last year.",
     {"naltrexone": "active"}),
    ("He takes varenicline. He smoked cigarettes and quit them last month.",
     {"varenicline": "active"}),
    ("He takes buprenorphine. He used to smoke marijuana but quit it.", {"buprenorphine": "active"}),
    ("He takes buprenorphine. He used heroin and cocaine but quit those drugs in 2019.",
     {"buprenorphine": "active"}),
    ("He takes aspirin daily. He smoked for 20 years but quit this past year.", {"aspirin": "active"}),
    ("He takes warfarin. The nosebleed stopped this morning with pressure.", {"warfarin": "active"}),
    ("He takes metoprolol. The palpitations stopped that night.", {"metoprolol": "active"}),
    ("He takes meloxicam for his knee. Kneeling hurts so he avoids that position.",
     {"meloxicam": "active"}),
    ("She takes sumatriptan as needed. Red wine and cheese trigger her migraines and she avoids "
     "these foods.", {"sumatriptan": "active"}),
    ("She takes sertraline. Dairy products cause bloating so she avoids them.",
     {"sertraline": "active"}),
    ("She takes levothyroxine. She had a CPAP machine but stopped using it.",
     {"levothyroxine": "active"}),
    ("She takes metformin and used a CPAP machine but stopped it because of claustrophobia.",
     {"metformin": "active"}),
    ("He takes aspirin and was in physical therapy, but it was stopped due to insurance.",
     {"aspirin": "active"}),
    ("He is on aspirin. He was on home oxygen but this was discontinued last month.",
     {"aspirin": "active"}),
    ("He takes aspirin. He was doing cardiac rehab but quit it.", {"aspirin": "active"}),
    ("She takes metformin. She tried a low-carb diet but stopped it.", {"metformin": "active"}),
    ("He takes metoprolol. He had a pacemaker placed and it was held...", {"metoprolol": "active"}),
    ("Lisinopril 20 mg daily.\nHe wore a Holter monitor for 48 hours and it was stopped early.",
     {"lisinopril": "active"}),
    ("She is on levothyroxine. She breastfed for 6 months and then stopped it.",
     {"levothyroxine": "active"}),
    ("He is on tamoxifen. Chemotherapy was given in 2018 but it was stopped early.",
     {"tamoxifen": "active"}),
    ("He takes insulin glargine. The insulin pump was stopped and he was switched to injections.",
     {"insulin glargine": "active"}),
    ("He takes lisinopril. He was given IV contrast for the CT; it was stopped when he developed "
     "hives.", {"lisinopril": "active"}),
    ("He takes lisinopril. He drank heavily but stopped it 5 years ago.", {"lisinopril": "active"}),
    ("Medications: aspirin 81 mg daily.\nSocial: He used to drink beer but stopped it years ago.",
     {"aspirin": "active"}),
    ("He takes aspirin. His other medications were stopped.", {"aspirin": "active"}),
    # narrowed (a noun stands between the drug and the pronoun): no binding, the drug's own
    # reading stays (a missed hold rather than a wrong one)
    ("He takes warfarin. His INR was 5.2 so it was held for two days.", {"warfarin": "active"}),
])
def test_pronoun_for_another_noun(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ---- what the review found correct, kept: the pronoun with nothing but a subject before it
@pytest.mark.parametrize(("text", "want"), [
    ("He is on lisinopril. It was stopped due to cough.", {"lisinopril": "discontinued"}),
    ("He is on lisinopril. It was held for hypotension.", {"lisinopril": "held"}),
    ("Lisinopril 10 mg daily. Metformin 500 mg BID. It was stopped for diarrhea.",
     {"lisinopril": "active", "metformin": "discontinued"}),
    ("Lisinopril 10 mg daily.\nMetformin 500 mg BID.\nIt was stopped for diarrhea.",
     {"lisinopril": "active", "metformin": "discontinued"}),
    ("Metformin 500 mg p.o. b.i.d. It was held for the CT.", {"metformin": "held"}),
    ("He takes amlodipine and lisinopril. They were held this morning for SBP 90.",
     {"amlodipine": "held", "lisinopril": "held"}),
    ("He had hypotension on lisinopril and it was held. He also takes aspirin daily and this "
     "should be continued.", {"lisinopril": "held", "aspirin": "active"}),
    ("She had myalgias on atorvastatin so it was stopped and she was started on rosuvastatin. "
     "She tolerates it well.", {"atorvastatin": "discontinued", "rosuvastatin": "new"}),
    # ambiguous: two drugs before a singular pronoun, none guessed
    ("He takes metoprolol and aspirin. We stopped it because of bradycardia.",
     {"metoprolol": "active", "aspirin": "active"}),
    ("She is on metoprolol and lisinopril. Lisinopril was discontinued because of cough.",
     {"metoprolol": "active", "lisinopril": "discontinued"}),
    ("He is on atorvastatin 40 mg. Simvastatin caused myalgias and was discontinued.",
     {"atorvastatin": "active", "simvastatin": "discontinued"}),
    ("She should not take ibuprofen until she sees nephrology.", {"ibuprofen": "held"}),
    ("He takes warfarin and was told not to take aspirin until the biopsy.",
     {"warfarin": "active", "aspirin": "held"}),
    ("He takes lisinopril but we held the metformin for the CT.",
     {"lisinopril": "active", "metformin": "held"}),
    ("Continue lisinopril and held the Coumadin.", {"lisinopril": "active", "warfarin": "held"}),
    ("Continue lisinopril and stop the aspirin.", {"lisinopril": "active", "aspirin": "discontinued"}),
    ("He is on lisinopril. Hold it if SBP < 100.", {"lisinopril": "active"}),
    ("He takes metformin. Hold it the morning of surgery.", {"metformin": "held"}),
    ("Hold the metformin the morning of surgery.", {"metformin": "held"}),
])
def test_kept(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ---- U4: a conditional or hoped-for stop through a pronoun is none
@pytest.mark.parametrize("text", [
    "He takes metformin. If it is stopped, his sugars go up.",
    "He has been on amlodipine. We will stop it if his ankles swell.",
    "He takes amlodipine. We may stop it next visit.",
    "He takes amlodipine. Consider stopping it.",
    "He takes amlodipine. He wants to stop it.",
    "He takes amlodipine. He does not want to stop it.",
    "He takes amlodipine. He is afraid to stop it.",
])
def test_conditional_pronoun_stop(extractor, text: str) -> None:  # noqa: ANN001
    assert set(meds(extractor, text).values()) == {"active"}


# ---- U5: "tolerating it / continue it / was taking it" no longer overrides a stop or hold
@pytest.mark.parametrize(("text", "want"), [
    ("Aspirin was held for the colonoscopy. He underwent the colonoscopy and tolerated it well.",
     {"aspirin": "held"}),
    ("Plavix was held for 5 days prior to the procedure. The patient tolerated it well.",
     {"clopidogrel": "held"}),
    ("Warfarin was stopped 5 days before surgery. He had the surgery and tolerated it well.",
     {"warfarin": "discontinued"}),
    ("Heparin was discontinued. His diet was advanced and he is tolerating it well.",
     {"heparin": "discontinued"}),
    ("Metoprolol was stopped. Physical therapy is helping and we will continue it.",
     {"metoprolol": "discontinued"}),
    ("Lisinopril was held for AKI. He is getting IV fluids and we will continue them.",
     {"lisinopril": "held"}),
    ("Amiodarone was discontinued due to thyroid issues. He likes his exercise routine and "
     "continues it daily.", {"amiodarone": "discontinued"}),
    ("Warfarin was held for a supratherapeutic INR. Diet was resumed and he takes it well.",
     {"warfarin": "held"}),
    ("Furosemide was held. He was started on a fluid restriction and is tolerating it.",
     {"furosemide": "held"}),
    ("Metformin was discontinued due to lactic acidosis. He had been taking it daily.",
     {"metformin": "discontinued"}),
    ("Amiodarone was stopped because of pulmonary toxicity. He was taking it daily for 3 years "
     "before that.", {"amiodarone": "discontinued"}),
    ("Warfarin was held on admission. He was taking it.", {"warfarin": "held"}),
    ("Lisinopril was stopped last month. He was tolerating it.", {"lisinopril": "discontinued"}),
    ("He was on metformin but no longer takes it.", {"metformin": "discontinued"}),
    # kept: a drug taken all the same, present tense, its own sentence
    ("Allopurinol gives her a rash; she takes it anyway.", {"allopurinol": "active"}),
    ("Codeine makes her nauseous but she takes it anyway for her back pain.", {"codeine": "active"}),
    ("She takes ibuprofen which upsets her stomach. She was given omeprazole and still takes it.",
     {"ibuprofen": "active", "omeprazole": "active"}),
    # near misses: the rash is no drug taken
    ("Allopurinol gives her a rash; she still has the rash.", {}),
    ("Sulfa gives her a rash. She still has the rash on her arms.", {}),
])
def test_active_pronoun_taken_back(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ---- U6: "taken off" only with the drug straight after and no later restart
@pytest.mark.parametrize(("text", "want"), [
    ("He was taken off the ventilator yesterday and remains on heparin.", {"heparin": "active"}),
    ("He was taken off the transplant list but continues tacrolimus.", {"tacrolimus": "active"}),
    ("She was taken off warfarin before surgery and restarted afterward.", {"warfarin": "active"}),
    ("She was taken off warfarin for the surgery and is now back on warfarin.",
     {"warfarin": "active"}),
    ("She was taken off warfarin in 2019. She is back on warfarin since March.",
     {"warfarin": "active"}),
    ("He was taken off warfarin for the procedure and it was restarted on postop day 2.",
     {"warfarin": "active"}),
    ("She was taken off aspirin 5 days ago but has since resumed it.", {"aspirin": "active"}),
    ("He was taken off metoprolol in the hospital; he is back on it now.", {"metoprolol": "active"}),
    ("He was taken off aspirin and continued on Plavix.",
     {"aspirin": "discontinued", "clopidogrel": "active"}),
])
def test_taken_off(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ---- U7: a later restart (through a pronoun too) beats an earlier stop or hold
@pytest.mark.parametrize("text", [
    "She takes aspirin. Her PCP stopped it. She restarted it on her own.",
    "She takes aspirin. Her PCP stopped it, but she restarted it on her own.",
    "He stopped taking his lisinopril but resumed it last week.",
    "He takes lisinopril. He had angioedema on lisinopril in 2015 and it was stopped, but it was "
    "restarted in 2019 without problems.",
])
def test_restart_wins(extractor, text: str) -> None:  # noqa: ANN001
    assert set(meds(extractor, text).values()) == {"active"}


def test_restart_of_one_of_two(extractor) -> None:  # noqa: ANN001
    text = ("He takes lisinopril and metformin. Metformin was held for the CT and it was resumed "
            "on discharge.")
    assert meds(extractor, text) == {"lisinopril": "active", "metformin": "active"}


# ---- U8: the relative / "as advised" clause cut taken back (both stopped, as at 6d9c5cf)
@pytest.mark.parametrize(("text", "want"), [
    ("We stopped metoprolol, which was causing bradycardia, and amlodipine.",
     {"metoprolol": "discontinued", "amlodipine": "discontinued"}),
    ("Hold lisinopril, which can raise potassium, and spironolactone until labs are back.",
     {"lisinopril": "held", "spironolactone": "held"}),
    ("Stop ibuprofen, as advised by nephrology, and naproxen.",
     {"ibuprofen": "discontinued", "naproxen": "discontinued"}),
    ("Discontinue lisinopril, which is causing his cough, and hydrochlorothiazide.",
     {"lisinopril": "discontinued", "hydrochlorothiazide": "discontinued"}),
])
def test_relative_clause_list(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ---- U9: ", he was switched to Y" no longer stops the earlier drug
@pytest.mark.parametrize(("text", "want"), [
    ("She takes metformin daily, and she was switched to losartan because of cough.",
     {"metformin": "active", "losartan": "new"}),
    ("He remains on apixaban, so he was switched to acetaminophen for pain.",
     {"apixaban": "active", "acetaminophen": "new"}),
    ("Aspirin was continued, but he was switched to clopidogrel.",
     {"aspirin": "active", "clopidogrel": "new"}),
    ("He is on tamsulosin and he was changed to finasteride too.",
     {"tamsulosin": "active", "finasteride": "new"}),
    ("Keep taking metoprolol, and the patient was switched to a different inhaler.",
     {"metoprolol": "active"}),
    ("Metformin was continued. He was switched to insulin glargine.",
     {"metformin": "active", "insulin glargine": "new"}),
    ("He continues aspirin, and he was switched from simvastatin to atorvastatin.",
     {"aspirin": "active", "simvastatin": "discontinued", "atorvastatin": "new"}),
    ("Aspirin was stopped but clopidogrel was continued, and he was switched to rosuvastatin from "
     "atorvastatin.", {"aspirin": "discontinued", "clopidogrel": "active", "rosuvastatin": "new",
                       "atorvastatin": "discontinued"}),
    ("He had been on Lasix 40 mg, he was switched to torsemide.",
     {"furosemide": "discontinued", "torsemide": "new"}),
])
def test_switch_clause(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ---- W1: "plus ... was started" only for a list that is the subject of the start
@pytest.mark.parametrize(("text", "want"), [
    ("He continues metformin plus glipizide, and insulin was started.",
     {"metformin": "active", "glipizide": "active", "insulin": "new"}),
    ("He takes aspirin plus clopidogrel since his stent, and atorvastatin was started today.",
     {"aspirin": "active", "clopidogrel": "active", "atorvastatin": "new"}),
    ("Aspirin and metoprolol were started by his cardiologist years ago.",
     {"aspirin": "active", "metoprolol": "new"}),
    ("He takes metformin, he was started on insulin last month.",
     {"metformin": "active", "insulin": "new"}),
    ("Chemotherapy with rituximab plus cyclophosphamide, vincristine, and prednisone was started.",
     {"rituximab": "new", "cyclophosphamide": "new", "vincristine": "new", "prednisone": "new"}),
])
def test_plus_started(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ---- pre-existing, same area: options, conditional orders and habits are no stop done
@pytest.mark.parametrize(("text", "want"), [
    ("We may stop the prednisone next week.", {"prednisone": "active"}),
    ("Consider discontinuing gabapentin.", {"gabapentin": "active"}),
    ("If the rash recurs, stop the amoxicillin.", {"amoxicillin": "active"}),
    ("Continue lisinopril. Stop the aspirin if he has melena.",
     {"lisinopril": "active", "aspirin": "active"}),
    ("He stopped drinking, continues naltrexone.", {"naltrexone": "active"}),
    ("He stopped smoking and remains on heparin.", {"heparin": "active"}),
    # near misses: a stop done
    ("Stop the aspirin.", {"aspirin": "discontinued"}),
    ("We stopped the prednisone last week.", {"prednisone": "discontinued"}),
    ("He stopped taking aspirin because of bleeding.", {"aspirin": "discontinued"}),
    ("Discontinue gabapentin because of sedation.", {"gabapentin": "discontinued"}),
    ("He stopped everything, including aspirin.", {"aspirin": "discontinued"}),
    ("We discussed this with cardiology and stopped the aspirin.", {"aspirin": "discontinued"}),
    ("The patient had discussed this issue with Dr Khan and had been approved to get off of the "
     "Plavix.", {"clopidogrel": "discontinued"}),
    ("It would be desirable to reduce or discontinue trazodone.", {"trazodone": "active"}),
    ("She is very adamant that she wants to stop the Coumadin.", {"warfarin": "active"}),
])
def test_stop_not_done(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ---- U7 near misses: a restart undone, denied, forbidden or conditional is none read
@pytest.mark.parametrize(("text", "want"), [
    ("Coumadin was held, then resumed; it was stopped after a GI bleed.", {"warfarin": "discontinued"}),
    ("Warfarin was held. It was restarted but then discontinued because of bleeding.",
     {"warfarin": "held"}),
    ("Warfarin was stopped. We restarted it on day 3 and it was stopped again for bleeding.",
     {"warfarin": "discontinued"}),
    ("Warfarin was held. Do not restart it until cleared by GI.", {"warfarin": "held"}),
    ("Warfarin was held. Restarting it is contraindicated.", {"warfarin": "held"}),
    ("Warfarin was held. We will resume it if no bleeding.", {"warfarin": "held"}),
    ("Plavix was held. Okay to resume it.", {"clopidogrel": "held"}),
    ("She is on metoprolol and lisinopril; it was stopped.",
     {"metoprolol": "active", "lisinopril": "active"}),
])
def test_restart_near_misses(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want


# ---- lead, after the re-review (F1-F5): a restart is read only in the drug's own sentence ----
# From the sentence before, a restart read "It was restarted? No, not yet.", "We will restart it
# tomorrow" and restarts undone in a later sentence as done (anticoagulants shown active), so
# it was taken back: these cross-sentence restarts keep the earlier stop or hold (as before this
# round); a pronoun stop is undone by a restart later in its own sentence, and one read from the
# sentence before is not taken when dated in the past.
@pytest.mark.parametrize("text, want", [
    ("Her PCP stopped aspirin. She restarted it on her own because of her stent.",
     {"aspirin": "discontinued"}),
    # (allergyfix, issue 16 safety review 2026-12-06) the next-sentence restart rule of
    # h-allergyrx was taken back: held again, as the lead pinned these rows
    ("Metformin was held before the CT. It was resumed afterward.", {"metformin": "held"}),
    ("Lisinopril was held yesterday for hypotension. It was restarted today.",
     {"lisinopril": "held"}),
    ("Warfarin was held. It was restarted? No, not yet.", {"warfarin": "held"}),
    ("Heparin was stopped. We will resume it tomorrow if the CT is negative.",
     {"heparin": "discontinued"}),
    ("Warfarin was held. We restarted it. It was held again for bleeding.", {"warfarin": "held"}),
    ("Warfarin 5 mg daily was held; it was restarted at 2.5 mg; it was stopped after the bleed.",
     {"warfarin": "held"}),
    ("He takes warfarin. He stopped it on his own but resumed it.", {"warfarin": "active"}),
    ("He is on apixaban. It was stopped yesterday and restarted today.", {"apixaban": "active"}),
    ("He takes metoprolol. It was held last year for bradycardia.", {"metoprolol": "active"}),
    ("He is on lisinopril. It was stopped due to cough.", {"lisinopril": "discontinued"}),
])
def test_restart_own_sentence_only(extractor, text: str, want: dict) -> None:  # noqa: ANN001
    assert meds(extractor, text) == want
