"""Red-flag rules: presentations where under-triage kills. Each one sets a minimum acuity.

A rule fires on a phrase in the text (plus, for some, a second feature or an age/sex
condition). A phrase that is negated in its clause ("denies chest pain", "no neck
stiffness", "chest pain: none") does not count (the clause-level NegEx of
``assistant.clinical.context``). Every hit reports the rule name, the exact
text it matched and the floor; the final acuity can never be less urgent than any floor.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.clinical.context import clause_negated, find_affirmed
from assistant.triage.collapse_subject import (
    collapse_not_a_person,
    recovered_after,
    wake_subject_is_a_thing,
)
from assistant.triage.lay_words import (
    RESPOND_ASLEEP,
    RESPOND_AWAKE,
    RESPOND_DEVELOPMENT,
    RESPOND_FIT,
    RESPOND_HABIT,
    RESPOND_MESSAGE,
    RESPOND_NEVER,
    RESPOND_SULK,
    RESPOND_TALKING,
    RESPOND_TREATMENT,
    USUAL_HEALTH,
)
from assistant.triage.lay_words import usual_health as _usual_health
from assistant.triage.negation import aux_negated, danger_view, lay_denied, post_negated
from assistant.triage.parse import NO_RESPONSE_PERSONS, Presentation


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.I)


# ---- the over-triage guard audit (eval/triage_guards.py) ----
# A guard is a rule that keeps a red flag or a knowledge-base pattern from firing to avoid
# over-triage. Each one is named; the audit switches one off at a time (GUARDS_OFF) and logs
# the guards that held (GUARD_LOG); "*" switches them all off. Both are empty / None in the
# product path.
GUARDS_OFF: set[str] = set()
GUARD_LOG: set[str] | None = None


def guard(name: str, holds: bool) -> bool:
    """``holds`` unless the guard ``name`` is switched off for the audit; logs when it holds."""
    if not holds:
        return False
    if GUARD_LOG is not None:
        GUARD_LOG.add(name)
    return not GUARDS_OFF or (name not in GUARDS_OFF and "*" not in GUARDS_OFF)


@dataclass(frozen=True)
class RedFlagRule:
    """Fires when ``trigger`` matches (affirmed) and, if set, ``with_any`` matches too and
    ``condition`` holds."""

    name: str
    acuity: int
    trigger: re.Pattern[str]
    with_any: re.Pattern[str] | None = None
    condition: Callable[[Presentation], bool] | None = None
    # The sign must be new: a trigger in a sentence that states a course of months or years
    # ("difficulty speaking for 3 months") does not count (see CHRONIC_COURSE).
    acute_only: bool = False
    # The event must be current: a trigger its own clause dates months or years back
    # ("overdosed three years ago") is an old event, not this presentation (see DATED_PAST).
    current_only: bool = False
    # A check on the trigger match itself, for what a pattern cannot state (tri9fix: who it is
    # that collapsed is told by the words before the verb): a match it rejects is skipped.
    match_ok: Callable[[str, re.Match[str]], bool] | None = None
    # (laytrifix) The trigger opens with its own negation ("won't respond"): a cue before it in
    # the clause ("she's not crying and won't respond") denies the other verb, not this one.
    own_polarity: bool = False


@dataclass(frozen=True)
class RedFlagHit:
    name: str
    acuity: int
    evidence: str
    span: tuple[int, int]


#: A poisonous plant (poison ivy / oak / sumac) stays a poisoning, as before the mts3 round,
#: unless the text is a rash and names nothing that could be swallowing it, smoke, the eyes,
#: the mouth or the airway (CDC NIOSH "Poisonous Plants"; NHS Poisoning). Deliberately broad and
#: blind to negation: three review rounds found every narrower reading (word distances, denials,
#: doubt words) lowering a child who had eaten the plant, so a denied word ("no trouble
#: breathing") keeps the poisoning reading (over-triage, the safe side).
_PLANT_DANGER = re.compile(
    r"\b(?:ate|eat\w*|chew\w*|swallow\w*|ingest\w*|lick\w*|tast\w*|nibbl\w*|mouth\w*|consum\w*|"
    r"suck\w*|munch\w*|drank|drink\w*|berr(?:y|ies)|smok\w*|inhal\w*|fumes?|bonfire|fire|"
    r"burn(?:t|ed|ing) (?:the |some |of )?(?:brush|leaves|plants?|weeds|vines?|garden waste|poison)|"
    r"breath\w*|wheez\w*|tight chest|chest (?:is |feels? )?tight\w*|chest pain|throat|lips?|tongue|"
    r"eyes?|eyelids?|vision|vomit\w*|drool\w*|swell\w*|swollen|face|facial|faint\w*|dizz\w*|"
    r"unwell|fever\w*)\b", re.I)
#: the rash that makes it a contact dermatitis
_PLANT_RASH = re.compile(r"\b(?:rash\w*|blister\w*|itch\w*|dermatitis|vesic\w*|bumps?|welts?|"
                         r"weep\w*|ooz\w*|red(?:ness)?|streaks?|outbreaks?|break(?:s|ing)? out|broke out|"
                         r"eruptions?|spots|lesions?|patch(?:es)?|plaques?)\b", re.I)


def _plant_poisoning(p: Presentation) -> bool:
    """Poison ivy / oak / sumac is a poisoning unless the text is a rash with no word of
    :data:`_PLANT_DANGER` anywhere."""
    return not _PLANT_RASH.search(p.text) or bool(_PLANT_DANGER.search(p.text))


#: an adrenaline auto-injector by its names (the anaphylaxis rule's "used" forms read it)
_INJECTOR = r"(?:epi-?pens?|jext|emerade|adrenaline (?:pen|auto-?injector|injection)|auto-?injectors?)"


CHEST_PAIN = _rx(r"chest\s+(?:pain|pressure|tightness|discomfort|heaviness)",
                 r"(?:pain|discomfort|tightness),\s*chest",
                 r"(?:pain|pressure|tightness|discomfort|heaviness)\s+(?:in|across)\s+(?:the\s+|his\s+|"
                 r"her\s+|my\s+)?chest", r"angina", r"(?:ant\.?|anterior|left|central)\s+chest\s+pain")
CARDIAC_FEATURES = _rx(
    r"radiat\w*", r"(?:left|both|l)\s+arm", r"jaw", r"diaphore\w*", r"sweat\w*", r"clammy",
    r"crushing", r"pressure", r"squeez\w*", r"heav(?:y|iness)", r"tight\w*", r"exertion\w*",
    r"short(?:ness)? of breath", r"\bsob\b", r"dyspn\w*", r"nause\w*", r"vomit\w*",
    r"(?:history of|hx of|known|previous|prior)\s+(?:mi|heart attack|cad|angina|stent\w*)",
    r"elephant", r"grey|gray|pale", r"syncop\w*|faint\w*", r"tearing", r"ripping",
    # chest pain after cocaine or amphetamines: coronary spasm / infarction until shown otherwise
    # (AHA scientific statement on cocaine-associated chest pain; ESI high-risk chest pain)
    r"cocaine", r"crack", r"(?:meth)?amphetamine\w*")
ABDO_PAIN = _rx(r"abd(?:ominal|omen)?\.?\s*pain", r"belly pain", r"stomach pain",
                r"pain (?:in|of) (?:the |his |her )?(?:abdomen|belly|stomach)",
                r"(?:rlq|llq|ruq|luq|epigastric|periumbilical)\s+pain", r"abdominal tenderness")
# "pregnancy test" is a test, not a pregnancy (a positive one is listed on its own); wishing to
# become pregnant is not being pregnant.
PREGNANT = _rx(r"(?<!become )(?<!get )(?<!getting )(?<!becoming )(?<!never been )(?<!never )(?<!not been )pregnan\w*\b(?!\s+tests?)", r"\d+\s*weeks?(?:'|\u2019)?\s*(?:of\s+)?(?:pregnant|pregnancy|gestation|pg)", r"missed (?:her )?period",
               # the same in lay words (review 1: "I've missed my period", "my period is 2 weeks
               # late", "not had a period since"): NHS Ectopic pregnancy / NICE NG126 ask about a
               # missed period in any woman of reproductive age with pain or bleeding
               r"missed (?:my |a |their )?(?:last )?periods?", r"period (?:is |was )?(?:\w+ ){0,2}"
               r"(?:late|overdue)", r"(?:not|n't) had (?:a|my|her) period since",
               # (five weeks or more since the last period: a period two weeks ago is a cycle)
               r"(?:[5-9]|[1-3]\d|five|six|seven|eight|nine|ten|eleven|twelve) weeks since (?:my |her |the )?(?:last )?period", r"\d+ weeks gone",
               r"amenorrh\w* (?:of |for )?(?:[5-9]|[1-3]\d|five|six|seven|eight|nine|ten|eleven|twelve) weeks", r"(?:\blmp\b|last menstrual period)"
               r" (?:was )?(?:[5-9]|[1-3]\d|five|six|seven|eight|nine|ten|eleven|twelve) weeks ago",
               # a repeat or serum test that is positive ("negative on Monday, today's test is
               # positive"; "serum hCG 1500"): NICE NG126 (a first test can be falsely negative)
               r"(?:repeat|another|second|today'?s) (?:pregnancy )?(?:test|one)\b[^.;]{0,30}?\bpositive",
               r"serum (?:\w+ )?h?cg:? ?(?:is |was |of |level )*\d",
               r"positive pregnancy test", r"pregnancy test[^.;]{0,40}?\bpositive", r"gravid\w*",
               # a lay positive test ("I did a test and it's positive"; review 7)
               r"(?:did|done|took|taken|had) a (?:pregnancy |home )?test (?:\w+ ){0,3}?(?:it'?s|it is|it was|came back|was|is) (?:\w+ )?positive",
               r"postpartum", r"post-partum",
               # (tri14a) the plural told with a count ("my periods are 10 weeks late", "periods
               # are 3 months late"): the same missed period as the singular above (NHS "Stopping
               # or missing periods"; NICE NG126); "my periods are always late" (no count) is an
               # irregular cycle, not read
               # (trifix14b) ... unless a negative pregnancy test is told after it ("my periods
               # are 2 weeks late, I'm on the pill, took a test, negative"): the plural reading
               # is tri14a's and a negative test keeps the level such a text had before it
               # (NICE NG126 asks for a pregnancy test; a positive repeat test is read above)
               r"periods (?:are|were) (?:now |already )?(?:about |around |nearly |almost |over |more than )?"
               r"(?:\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|few|"
               r"several) (?:days?|weeks?|months?) (?:late|overdue)\b"
               r"(?![^\n]{0,120}?\b(?:tests?|hcg)\b[^.\n!?]{0,30}?\b(?<!not )(?<!n.t )negative\b)"
               r"(?![^\n]{0,120}?\bnegative (?:pregnancy |home |urine |hcg )?tests?\b)")
# (tri13b, issue 21) A pregnancy told by its gestation in obstetric notation or in lay words
# without the word "pregnant" ("G2P1 at 30/40 with PV bleeding", "28/40 primip", "34+2 weeks,
# bleeding PV", "I'm 34 weeks and bleeding"): RCOG Green-top Guideline 63 (antepartum
# haemorrhage) and NHS "Vaginal bleeding in pregnancy" write and read the gestation so (weeks
# "/40", weeks "+" days). "NN/40" and "NN+N" have other meanings (a blood pressure "130/40", a
# Snellen acuity "6/40" or "20/40", a score "30/40", a dose), so the notation is read as a
# gestation only beside an obstetric word: the gravidity-parity notation (G2P1), primip /
# multip / primigravida, a "weeks" or "gestation" right after it, or "PV" within three words;
# never after a score, acuity or pressure word or before an eye, unit or score word. A
# gravidity-parity notation alone (a gynaecology note's "G3P3 with heavy PV bleeding") is no
# pregnancy. The lay "I'm 34 weeks" is first person (or a partner's "my wife is 34 weeks") and
# ends there ("and", a comma, "now"): "I'm 6 weeks post-op", "she's 6 weeks old" (a baby) are
# left alone; knowledge.py's risk-factor reading already takes "I'm 20 weeks" as a pregnancy.
_GEST_WEEKS = r"(?:[4-9]|[1-3]\d|4[0-2])"
# (trifix13) ... but not a PAST pregnancy's gestation or a time since an event: the notation
# right after a past-event word ("miscarriage at 8+2 weeks", "TOP at 9+3 weeks", "born at 34+2
# weeks", "delivered at 39+1") or followed by "postnatal" / "postpartum" / "old" / "after" /
# "ago" / "post" / "in 2019" ("6+2 weeks postnatal", "Hb 8+2 weeks after surgery") is the
# obstetric history or an interval, not a current pregnancy (RCOG GTG 63 applies to a current
# pregnancy; NHS "Vaginal bleeding in pregnancy")
_PAST_EVENT_WORDS = ("miscarriage", "miscarried", "miscarry", "top", "termination", "terminated",
                     "delivered", "delivery", "born", "erpc", "smm", "stillbirth", "stillborn",
                     "lost", "loss", "birth", "lscs", "svd")
_GEST_PAST_LEADS = sorted({f"{w}{sep}{q}" for w in _PAST_EVENT_WORDS for sep in (" at ", " @ ", " ")
                           for q in ("", "about ", "around ", "approx ", "~")})
# one look-behind per width (a look-behind's branches must share a width): ~20, not ~270
_GEST_PAST_LEAD = "".join(
    "(?<!" + "|".join(re.escape(x) for x in _GEST_PAST_LEADS if len(x) == n) + ")"
    for n in sorted({len(x) for x in _GEST_PAST_LEADS}))
_GEST_PAST_TAIL = (r"(?!(?:\s?(?:weeks?|wks?))?\W{0,3}(?:postnatal\w*|post-natal\w*|postpartum|"
                   r"post-partum|pn|pp|old|after|ago|post|since|in (?:19|20)\d\d)\b)")
_GEST_NOTE = (r"(?=\d)" + _GEST_PAST_LEAD + r"(?<![\d/+.:])" + _GEST_WEEKS
              + r"(?:\s?/\s?40|\s?\+\s?[0-6](?:\s?/\s?40)?)(?![\d/+.])" + _GEST_PAST_TAIL)
_GEST_NOT_LEAD = (r"(?<!scored )(?<!score )(?<!score of )(?<!scores )(?<!acuity )(?<!acuity of )"
                  r"(?<!vision )(?<!vision of )(?<!vision is )(?<!va )(?<!bp )(?<!b/p )(?<!pressure )"
                  r"(?<!out of )(?<!snellen )(?<!mark of )(?<!marks )(?<!result )")
_GEST_NOT_TAIL = (r"(?!\s?(?:ou|od|os|mg|mcg|ml|mmhg|%|marks?|points?|on (?:the|a|my|his|her)|"
                  r"in (?:the |her |his |my |both )?(?:left |right )?eyes?|bilateral\w*|vision)\b)")
_OBS_HISTORY = (r"(?:g\d{1,2}\s?p\d{1,2}(?:\s?\+\s?\d{1,2})?|(?:primi|multi)(?:p|para|gravida|grav)\w*|"
                r"nullip\w*)")
_LAY_GEST_END = (r"(?=\s*(?:$|[,.;!?]|and\b|but\b|with\b|now\b|today\b|tonight\b|gone\b|along\b|"
                 r"pregnant\b|(?:i.m|i am|i.ve|i have|i)\b))")
# (tri14a, issue 21) A bare "26+3" (weeks + days) is also a current gestation when an obstetric
# word is in the same stretch of text, not only right beside it ("G2P1, seen by the midwife,
# currently 26+3, headache and blurred vision"; "26+3, pregnant with my second"): the words are
# those RCOG Green-top Guidelines and NICE NG133 / NHS maternity pages write around a gestation
# (gravidity-parity, primip / multip, pregnant, gestation, midwife, antenatal, obstetric,
# trimester, EDD, fetal / foetal, fundal, CTG, maternity, labour ward). Only the "+" notation is
# read so (the "/40" notation stays beside its word: a Snellen "20/40" or a "130/40" pressure
# share it), within 100 characters and one line, and never as a score or result ("GCS 14+1",
# "Gleason 4+3", "Apgar 9+1", "protein 4+1"), a dose or a count ("10+2 units", "12+2 tablets"),
# nor a past pregnancy's gestation (the past-event words above).
_OBS_WORD = (r"(?:g\d{1,2}\s?p\d{1,2}|(?:primi|multi)(?:p|para|gravida|grav)\w*|nullip\w*|"
             r"(?<!become )(?<!get )(?<!getting )(?<!not )pregnan\w*(?!\s+tests?)|gestation\w*|"
             r"midwi\w*|ante-?natal\w*|obstetric\w*|trimester|edd|(?:fetal|foetal)\w*|fundal|ctg|"
             r"maternity|labour ward|in labour)")
_GEST_PLUS = (r"(?<!\w)(?=\d)" + _GEST_PAST_LEAD + r"(?<![\d/+.:])" + _GEST_WEEKS
              + r"\s?\+\s?[0-6](?:\s?/\s?40)?(?![\d/+.=x])" + _GEST_PAST_TAIL)
_GEST_PLUS_NOT_LEAD = (r"(?<!gcs )(?<!gcs of )(?<!gcs was )(?<!gcs is )(?<!gcs: )(?<!gleason )(?<!gleason: )"
                       r"(?<!apgar )(?<!apgars )(?<!apgar: )(?<!grade )(?<!power )(?<!tone )(?<!protein )"
                       r"(?<!proteinuria )(?<!urine )(?<!dip )(?<!dipstick )(?<!ketones )(?<!glucose )"
                       r"(?<!leucocytes )(?<!leukocytes )(?<!blood )(?<!dose )(?<!doses )(?<!x )(?<!time )"
                       r"(?<!at time )(?<!day )(?<!days )"
                       # (trifix14b) a blood glucose reading ("blood sugar 26+3", "BM 22+1")
                       r"(?<!sugar )(?<!sugars )(?<!sugar: )(?<!sugar of )(?<!sugar is )(?<!sugar was )"
                       r"(?<!sugars are )(?<!bm )(?<!bms )(?<!bm: )(?<!cbg )(?<!bgl )(?<!reading )"
                       r"(?<!readings )(?<!level )(?<!levels )(?<!hba1c )(?<!sugar level )")
_GEST_PLUS_NOT_TAIL = (r"(?!\s?(?:units?|iu|u|tabs?|tablets?|caps?|capsules?|puffs?|doses?|drops?|"
                       r"sachets?|days?|hours?|hrs?|h|mins?|minutes?|secs?|seconds?|years?|yrs?|months?|"
                       r"times?|protein\w*|prot|leu\w*|ketones?|glucose|blood|nitrites?|gcs|apgars?|"
                       r"gleason|score\w*|points?|cm|mm|kg|g|lbs?)\b)")
_GEST_PLUS_CTX = (_GEST_NOT_LEAD + _GEST_PLUS_NOT_LEAD + _GEST_PLUS + _GEST_NOT_TAIL
                  + _GEST_PLUS_NOT_TAIL)
OBSTETRIC_GESTATION = _rx(
    # "G2P1, currently 26+3", "pregnant with my second, 26+3 today"
    _OBS_WORD + r"\b[^\n]{0,100}?" + _GEST_PLUS_CTX,
    # "26+3, G2P1", "26+3 and the midwife says ..."
    _GEST_PLUS_CTX + r"(?=[^\n]{0,100}?\b" + _OBS_WORD + r"\b)",
    # "G2P1 at 30/40", "G1P0 34+2", "primip at 32 weeks"
    _OBS_HISTORY + r"[,;]?\s+(?:(?:at|@|now|currently)\s+)?(?:" + _GEST_NOTE + r"|" + _GEST_WEEKS
    + r"\s?(?:weeks?|wks?)\b)",
    # "28/40 primip", "32/40, multip"
    _GEST_NOTE + r"[,;]?\s+" + _OBS_HISTORY,
    # "34+2 weeks", "30/40 gestation"
    _GEST_NOT_LEAD + _GEST_NOTE + r"\s?(?:weeks?|wks?|gestation|pregnant|pregnancy)\b",
    # "30/40 with PV bleeding", "PV bleeding at 30/40"
    _GEST_NOT_LEAD + _GEST_NOTE + _GEST_NOT_TAIL + r"(?:\W+\w+){0,3}?\W+pv\b",
    r"pv\b(?:\W+\w+){0,3}?\W+(?:at|@)\s+" + _GEST_NOTE + _GEST_NOT_TAIL,
    # "I'm 34 weeks and bleeding", "my wife is 30 weeks, ..."
    r"(?:i.m|\bim|i am|(?:my )?(?:wife|partner|girlfriend|fianc\w*)(?:.s| is))\s+(?:now |about |nearly |"
    r"almost |only |just |over )?(?<![\d.])" + _GEST_WEEKS + r"\s?(?:weeks?|wks?)(?:\s?\+\s?[0-6]|"
    r" and (?:\d|a|one|two|three|four|five|six) days?)?" + _LAY_GEST_END,
    # (trifix13) "she's 30 weeks and bleeding", "my daughter is 34 weeks and bleeding": a third
    # person's gestation only from 24 weeks (a baby's age is also told in weeks: "she's 10
    # weeks and has a rash")
    r"(?:\bshe.s|\bshe is|(?:my )?(?:daughter|sister|friend|(?:daughter|son|brother)-in-law)(?:.s| is))"
    r"\s+(?:now |about |nearly |almost |only |just |over )?(?<![\d.])(?:2[4-9]|3\d|4[0-2])\s?(?:weeks?|"
    r"wks?)(?:\s?\+\s?[0-6])?" + _LAY_GEST_END)
PREGNANT = _rx(PREGNANT.pattern[5:-1], OBSTETRIC_GESTATION.pattern[5:-1])
# A recent birth in plain words, for the rules that run "in pregnancy or after birth" (NICE
# NG133: severe hypertension and eclampsia run into the weeks after birth; review 3: "gave
# birth 3 days ago, had a seizure, BP 185/115" was graded urgent). Not part of PREGNANT: light
# bleeding after birth is the normal lochia, not bleeding in pregnancy. Recency is required:
# a birth years ago is history.
RECENT_BIRTH = _rx(
    r"(?:gave|given|giving) birth (?:\w+ ){0,3}?(?:\d+|a|one|two|three|four|five|six|"
    r"a few|few|several) (?:days?|weeks?) ago",
    r"(?:gave|given) birth (?:yesterday|today|last week|this week|recently)",
    r"(?:recently|just) (?:gave birth|delivered|had (?:a|her|the|my) baby)",
    r"had (?:a|her|the|my) baby (?:\d+|one|two|three|four|five|six|a few|few|several) "
    r"(?:days?|weeks?) ago",
    r"(?:days?|weeks?) (?:after|since) (?:delivery|giving birth|the birth|her delivery)")

# "Confus-" in any form is confusion: the mts7 exemption of the adjective ("a confusing sleep
# history", mts-3722) was reverted by the safety review of the triage rounds ("confusing
# history, drowsy" was lowered 2 -> 4); over-triage of an account that is hard to follow is
# the safe side. One name so every rule reads the same word.
CONFUSION_WORD = r"confus\w*"

# "hard to wake": a carer's account of a reduced level of consciousness, whatever the time of
# day; only a person's own "I find it hard to wake up (in the mornings)", with nobody else
# named, is a sleep complaint (probe8 notes, review 7)
HARD_TO_WAKE = (r"(?:(?<!i find it )(?<!i found it )(?<!i'm )(?<!i am )hard to (?:wake|rouse)|"
                # "I found it hard to wake him": a carer waking someone else (review 7)
                r"i (?:find|found) it hard to (?:wake|rouse) (?:up )?(?:him|her|them|my|the|our|"
                r"his|your)\b)")
AMS_CORE = _rx(r"altered mental\w*", r"mental (?:status )?change", r"altered mentality",
               CONFUSION_WORD, r"disorient\w*", r"unconscious", r"obtunded", r"very drowsy",
               HARD_TO_WAKE, r"letharg\w*", r"hypoglyc\w*", r"delirium",
               # "the letters are not making sense to me": a thing one does not understand
               r"not making sense(?! to (?:me|us|him|her|them)\b)")
# Fever in lay words too (issue 21 lay probe): "has a temperature", "hot and shivery", "burning up".
# NHS High temperature (fever) in adults / in children: a temperature is reported as "feeling hot",
# "hot and shivery"; NICE NG143 1.1.1.3: a parent's report of fever is valid. Anchored on
# "temperature", "hot", "shivery", "burning" so that the rule stays cheap; "with a temperature of
# 36.8" (a reading) and "hot and cold drinks" (tooth sensitivity) are not a fever.
# Review 1 of these words: "temp"/"temperature" that modifies a noun ("a temp job", "temperature
# sensitivity in my teeth") is no fever; a temperature dated a month or more back ("I had a
# temperature last month") is no current fever (as DATED_PAST); "shivery because the heating is
# broken" is cold, not fever.
_NOT_FEVER_NOUN = (r"(?! (?:of|at|reading|check|probe|job|jobs|work|worker|agency|contract|role|post|"
                   r"position|staff|sensitiv\w*|control|gauge|setting|change|changes)\b)")
_PAST_FEVER = (r"(?! (?:last (?:month|year|winter|summer|spring|autumn)|(?:\d+|a few|few|several|"
               r"two|three|four|five|six|a couple of) (?:months?|years?) ago|(?:a|one) (?:month|year) ago|"
               r"years ago)\b)")
_COLD_CAUSE = (r"(?!,? (?:because|cos|as|since|from|after) (?:\w+ ){0,4}?(?:heating|cold|weather|"
               r"freezing|snow|rain|swim\w*|outside|winter|radiator|boiler|air ?con\w*|wet)\b)")
LAY_FEVER_WORDS = (
    r"(?:got|have|has|had|having|running|run|runs|with) (?:a |a high |a bit of a |a slight |a raised )?"
    r"(?:temperature|temp)\b" + _NOT_FEVER_NOUN + _PAST_FEVER,
    r"(?:feel\w*|felt|been|going|getting|gets|got|is|was|'s|'m|am) (?:all |really |very |so )?"
    r"hot and (?:cold|shivery)(?! (?:drinks?|foods?|water|things))" + _COLD_CAUSE,
    r"shivery" + _COLD_CAUSE, r"burning up")
FEVER = _rx(r"fever\w*", r"febrile", r"pyrexi\w*", r"rigors?", r"high temp\w*", r"hot to touch",
            *LAY_FEVER_WORDS)
# A baby who "feels hot" (no number): NICE NG143 counts a parent's perception of fever, and a
# fever under 3 months is a red feature (NHS Fever in children: urgent help under 3 months).
# The baby is the subject (review 1: "the room feels hot", "it feels hot in the nursery", "nappy
# rash that feels hot" are not the baby): a child noun or pronoun, an age ("8 week old", "Baby 7
# weeks"), a body part ("her forehead feels hot"), or "and"/a comma after one ("is 12 weeks and
# feels hot", "he's 6 weeks and not feeding, feels hot").
_BABY_SUBJECT = (r"(?:\b(?:he|she|baby|babies|old|son|daughter|boy|girl|infant|newborn|child|one|"
                 r"weeks?|months?|forehead|head|skin|body|tummy|chest|back|neck|face)|"
                 r"\b(?:he|she|baby|old|son|daughter|boy|girl|infant|newborn|child|weeks?|months?)\b"
                 r"[^.;!?]{0,80}?(?: and|,))")
_NOT_WEATHER = r"\b(?! (?:weather|day|in here|outside|bath|water|in the|in his|in her|room)\b)"
INFANT_FEELS_HOT = _rx(_BABY_SUBJECT + r" (?:also |still |now )?(?:feel(?:s|ing)?|felt) (?:really |very |so |"
                       r"quite |a bit |a little |too )?(?:hot|boiling|warm)" + _NOT_WEATHER,
                       _BABY_SUBJECT + r" (?:is |was |feels )?boiling hot",
                       # "baby is very hot", "(6 week) old has been hot and sweaty", "son is really hot"
                       r"(?:he|she|baby|old|son|daughter|boy|girl|infant|newborn|child)(?:'s| is| was| has been|"
                       r" seems| looks) (?:really |very |so |quite |too )?(?:hot|boiling)" + _NOT_WEATHER)


# "I can't catch my breath" in lay words is respiratory distress in every context (NHS Shortness
# of breath: sudden breathlessness, or breathlessness with chest tightness, blue lips or
# difficulty speaking, is 999/A&E; review 1 of the lay emergency words: an "on exertion"
# lowering to acuity 3 let chest pain, blue lips, a child with recession and sats of 88 through,
# so it was removed). The breathless red flag reads it too. Anchored on "catch".
CATCH_BREATH = _rx(r"can(?:not|'t)(?: \w+)? catch (?:his|her|my|their|your) breath")


# (trirob) the skin marks a bare "doesn't fade" is read for, and the verb in the simple present
# with no time frame after it ("doesn't fade for weeks / after a week / yet / away" is a rash
# that persists; see the non-blanching rash rule)
_RASH_NOUN = (r"(?:rash\w*|spots?|dots|blotch\w*|pin ?pricks?|petechi\w*|purpur\w*|"
              # (trifix2) NHS Meningitis: the rash may look like bruises
              r"bruise-?like (?:marks|patch\w*|areas))")
_NO_FADE = (r"(?:doesn'?t|does not|don'?t|do not|won'?t|will not) (?:\w+ )?(?:fade|blanch)\b"
            r"(?!(?: \w+){0,2}? (?:after|for|over|since|yet|away|anymore|any more|by (?:itself|"
            r"themselves)|on (?:its|their) own|in \d|within|until|till|with (?:time|creams?|"
            r"treatment|moisturi[sz]er))\b)")
_PRONOUN_NO_FADE = re.compile(r"(?:it|they|these|those)\b", re.I)
_RASH_WORD = re.compile(r"\b" + _RASH_NOUN + r"\b", re.I)


def _rash_antecedent(text: str, m: re.Match[str]) -> bool:
    """A pronoun's "doesn't fade" (the non-blanching rash rule) counts only when a rash, spots
    or dots are named before it in its own sentence or the one before: "she has a rash like
    this. It doesn't fade" (not "I have a bruise, it doesn't fade" nor "my tan doesn't fade")."""
    if not _PRONOUN_NO_FADE.match(m.group(0)):
        return True
    left = _sentence_start(text, m.start())
    j = left
    while j > 0 and text[j - 1] in ".;!?\n \t":
        j -= 1
    prev = _sentence_start(text, j)
    return _RASH_WORD.search(text, prev, m.start()) is not None


# The non-blanching rash told with its glass test, its pressure, a purple colour or the
# clinical word (as in 09ab0f7); the bare "doesn't fade" (trirob) is read with
# :func:`_bare_no_fade_ok`.
_NONBLANCH_TOLD = (
    r"(?:rash\w*|spots?|dots|blotch\w*|marks|patch\w*|bruis\w*|pin ?pricks?)(?: \w+){0,5}? "
    r"(?:that |which )?(?:doesn'?t|does not|don'?t|do not|won'?t|will not|didn'?t|did not|"
    r"isn'?t|aren'?t|never) (?:\w+ )?(?:fade|go away|disappear|blanch|go white|turn white|go pale)"
    r"(?: \w+){0,5}? (?:press\w*|push\w*|glass|tumbler)",
    r"(?:purple|dark red|red-purple|purplish) (?:\w+ ){0,2}(?:rash\w*|spots?|dots|blotch\w*|"
    r"marks|patch\w*)(?: \w+){0,3}? (?:that |which )?(?:doesn'?t|does not|don'?t|do not|"
    r"won'?t|will not) (?:\w+ )?(?:fade|blanch)",
    r"non-?blanch\w* (?:\w+ ){0,2}(?:rash\w*|spots?|petechi\w*|purpur\w*|lesions?|macules?)",
    r"(?:rash\w*|spots?|petechi\w*|lesions?) (?:\w+ ){0,2}(?:is|are|was|were) non-?blanching",
    r"(?:rash\w*|spots?|petechi\w*|lesions?) (?:\w+ ){0,3}(?:do(?:es)?(?: not|n'?t)|did(?: not|"
    r"n'?t)) blanch",
    # review 6: the glass test told first, "I pressed a glass on her rash and it didn't fade"
    r"(?:press\w*|push\w*|put|held|hold\w*|roll\w*|tried) (?:\w+ ){0,2}(?:glass|tumbler)"
    r"(?: [\w'-]+){0,6}? (?:and|but) (?:it|they|the \w+) (?:still )?(?:doesn'?t|does not|don'?t|"
    r"do not|didn'?t|did not|won'?t|wouldn'?t|never) (?:\w+ )?(?:fade|go away|disappear|"
    r"blanch|go white|turn white|go pale)",
)
_NONBLANCH_TOLD_RX = _rx(*_NONBLANCH_TOLD)
# (trifix, safety review of trirob) a bare "doesn't fade" names no non-blanching rash in a
# sentence (or the one before it) that gives the marks a chronic course ("the rash doesn't
# fade, it's been there for months"; CHRONIC_COURSE and months / years / always: a
# meningococcal rash spreads within hours, NHS Meningitis, NICE NG240) or that names a mark
# that never blanches and is no rash of an illness (NHS Acne: scarring and dark marks; NHS
# Birthmarks; NHS Moles; a tan, a tattoo, a bruise, a scar)
_NO_FADE_CHRONIC = re.compile(
    r"\b(?:months|years|always|ages|long-?standing|chronic|since (?:childhood|birth|i was))\b",
    re.I)
_NO_FADE_NOT_RASH = re.compile(
    r"\b(?:acne|scars?|scarring|(?:stretch|pock|acne|scar|dark|brown) marks|tan|tanned|"
    r"birthmarks?|moles?|tattoos?|bruis\w*|freckles?|pigment\w*|vitiligo)\b", re.I)


def _bare_no_fade_ok(text: str, m: re.Match[str]) -> bool:
    """Whether a bare "doesn't fade" (no glass, no pressure, no colour) names a non-blanching
    rash: a rash word before a pronoun (:func:`_rash_antecedent`), and no chronic course nor
    a never-blanching mark in its sentence or the one before (:data:`_NO_FADE_CHRONIC`)."""
    if not _rash_antecedent(text, m):
        return False
    left = _sentence_start(text, m.start())
    j = left
    while j > 0 and text[j - 1] in ".;!?\n \t":
        j -= 1
    prev = _sentence_start(text, j)
    end_m = _SENTENCE_END.search(text, m.end())
    window = text[prev:end_m.start() if end_m else len(text)]
    return not (guard("rf:no_fade_chronic", _NO_FADE_CHRONIC.search(window) is not None
                      and ACUTE_MARKER.search(window) is None)
                or guard("rf:no_fade_not_rash", _nearest_mark_not_rash(text, prev, m)
                         and _NO_FADE_ACUTE.search(window) is None))


# (trifix2) the never-blanching mark excludes "doesn't fade" only as the mark nearest before
# the verb: a rash named after it is what does not fade ("a birthmark on her arm and a new
# rash on her legs that doesn't fade"); generic words (spots, dots, marks, patches) take the
# mark before them ("I have acne and the spots don't fade"). A fever or a new / today's rash
# overrides it, as ACUTE_MARKER does for the chronic course (NHS Meningitis: a high
# temperature with a rash that does not fade)
_NO_FADE_SPECIFIC_RASH = re.compile(
    r"\b(?:rash\w*|petechi\w*|purpur\w*|pin ?pricks?|bruise-?like)\b", re.I)
_NO_FADE_ACUTE = re.compile(
    r"\b(?:fever\w*|febrile|(?:high |raised )?temperature|temp|new|today|tonight)\b", re.I)


def _nearest_mark_not_rash(text: str, left: int, m: re.Match[str]) -> bool:
    """Whether the mark nearest before the "doesn't fade" verb of ``m`` (from ``left``) is a
    never-blanching one (:data:`_NO_FADE_NOT_RASH`) rather than a rash."""
    verb = _NO_FADE_VERB.search(text, m.start(), m.end())
    stop = verb.start() if verb else m.end()
    last = None
    for rx in (_NO_FADE_NOT_RASH, _NO_FADE_SPECIFIC_RASH):
        for hit in rx.finditer(text, left, stop):
            if last is None or hit.start() >= last[0]:
                last = (hit.start(), rx is _NO_FADE_NOT_RASH)
    return last is not None and last[1]


_NO_FADE_VERB = re.compile(r"(?:doesn'?t|does not|don'?t|do not|won'?t|will not)\b", re.I)


def _birthmark_only(text: str) -> bool:
    """Whether a birthmark is what does not fade: a birthmark named, and no rash named after it
    in a text that gives a fever or a new / today's rash (:data:`_NO_FADE_ACUTE`)."""
    b = BIRTHMARK.search(text)
    if b is None:
        return False
    return not (_NO_FADE_SPECIFIC_RASH.search(text, b.end()) is not None
                and _NO_FADE_ACUTE.search(text) is not None)


# The NHS glass test in lay words ("doesn't fade when I press a glass on it"): the red flag
# (with "rash" before it) and the knowledge base's self-care safety net share it.
GLASS_TEST_LAY = (r"(?:doesn'?t|does not|won'?t|didn'?t|did not) (?:fade|go away|disappear) "
                  r"(?:\w+ ){0,4}(?:press\w*|glass)")


# A course of months or years, or a chronic/long-standing/insidious one, in the same sentence:
# such a deficit is not a new stroke sign (NICE NG128 / FAST: stroke signs are of sudden onset;
# a TIA or stroke is suspected on a sudden focal deficit).
CHRONIC_COURSE = re.compile(
    r"\b(?:(?:for|over|since|in) (?:the )?(?:past |last )?(?:\d+|a few|few|several|many|two|three|"
    r"four|five|six|a couple of)\s+(?:months?|years?)|(?:\d+|several|many)[- ](?:months?|years?)"
    r" ago|insidious\w*|long-?standing|since (?:childhood|birth))\b", re.I)
# ... unless the same sentence also speaks of a new or acute event: then the long duration may
# belong to something else ("a man who has smoked for 40 years presents with slurred speech").
ACUTE_MARKER = re.compile(
    r"\b(?:present\w*|comes?|came|brought|develop\w*|now|new|today|tonight|sudden\w*|acute\w*|"
    r"abrupt\w*|this (?:morning|afternoon|evening)|last night|(?:\d+|a few|several|an?) "
    r"(?:hours?|minutes?)|woke|since (?:this|last|yesterday))\b", re.I)
_SENTENCE_END = re.compile(r"[.;!?\n]")


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (after the last :data:`_SENTENCE_END` before it)."""
    return max((m.end() for m in _SENTENCE_END.finditer(text, 0, pos)), default=0)


# A course of hours, days or weeks stated in the sentence ("for 3 days", "since 2 days",
# "a 5-day history", "over the past week"): the finding is the current illness, so neither a
# history-sentence lead nor a chronic adjective or long duration elsewhere in the sentence
# makes it old (guard audit, issue 21: MedMCQA writes "has history of fever for 5 days").
CURRENT_COURSE = re.compile(
    r"\b(?:(?:for|since|over|in) (?:the )?(?:past |last )?(?:\d+|a few|few|several|one|two|three|"
    r"four|five|six|seven|a couple of|a) (?:days?|weeks?)|(?:\d+|one|two|three|four|five|six|seven)"
    r"[- ](?:days?|weeks?)(?!\s+ago|[- ]old|\s+(?:of )?(?:age|gestation|pregnan\w*))(?:[- ]history)?|(?:the )?past (?:few )?(?:days?|week)|yesterday)\b",
    re.I)


# (a bare "progressive" is not chronic: a deficit progressing over hours or days is a
# subdural, abscess or evolving stroke; only "slowly progressive" names a long course)
_CHRONIC_ADJ = re.compile(r"\b(?:insidious\w*|long-?standing|chronic|"
                          r"slowly (?:progressive|worsening))\b[\w -]{0,20}$", re.I)
# what may stand between a deficit and its own duration ("slurred speech for 3 months",
# "weakness that has been present for two years"); a comma, "and", "with" start another item
_OWN_DURATION_GAP = re.compile(r"^[\w -]{0,40}?$", re.I)
_OTHER_ITEM = re.compile(r",|\b(?:and|with|plus|but|as well as)\b", re.I)


def in_chronic_sentence(text: str, start: int, end: int) -> bool:
    """Whether the deficit ``text[start:end]`` itself has a chronic course: a duration of
    months or years right after it ("slurred speech for 3 months"), or a chronic adjective
    right before it ("long-standing left-sided weakness"), with no new or acute event in the
    sentence. A long duration elsewhere in the sentence belongs to something else ("a man with
    hypertension for 20 years and left-sided weakness" keeps the stroke flag)."""
    left = _sentence_start(text, start)
    right_m = _SENTENCE_END.search(text, end)
    right = right_m.start() if right_m else len(text)
    if ACUTE_MARKER.search(text, left, right):
        return False
    # a course of days or weeks in the sentence is the current illness; only the trigger's own
    # "N years ago" (an old event, "a stroke 3 years ago") still outweighs it
    current = CURRENT_COURSE.search(text, left, right) is not None
    if CHRONIC_COURSE.search(text, start, end):  # inside the trigger's own words
        return True  # ("a CT scan 3 years ago showed a pulmonary embolus")
    m = CHRONIC_COURSE.search(text, end, min(right, end + 60))
    if m is not None:
        gap = text[end:m.start()]
        if (_OWN_DURATION_GAP.match(gap) and not _OTHER_ITEM.search(gap)
                and (not current or m.group(0).lower().endswith("ago"))):
            return True
    if current:
        return False
    before = text[max(left, start - 40):start]
    adj = _CHRONIC_ADJ.search(before)
    return adj is not None and not _OTHER_ITEM.search(before[adj.end():])


# Thunderclap headache is defined by its onset, not its severity: a severe headache reaching
# maximum intensity within a minute (ICHD-3 4.4; NICE CKS Headache - assessment: "sudden-onset
# headache reaching maximal intensity within 5 minutes"). "The worst headache of my life" is
# a red flag with such an onset or the company of a subarachnoid bleed (collapse, vomiting, neck
# stiffness, onset on exertion); a worst-ever headache that builds over days (e.g. giant-cell
# arteritis) is not a thunderclap.
SUDDEN_ONSET = _rx(
    r"sudden\w*", r"abrupt\w*", r"instant\w*", r"explosive", r"thunderclap",
    r"(?:within|in|over) (?:a few |several )?(?:seconds?|a minute|one minute|1 minute)",
    r"like (?:being )?(?:hit|struck|a blow)", r"came on (?:during|while|at once)",
    r"(?:during|after|while) (?:sex|intercourse|orgasm|exertion|lifting|straining|exercis\w*)",
    r"collaps\w*", r"(?:loss of|lost) consciousness", r"passed out", r"vomit\w*",
    r"(?:stiff|stiffness of the) neck", r"neck stiffness", r"nuchal rigidity", r"photophobia")
# Testicular torsion is acute testicular pain (NICE CKS Scrotal pain and swelling; NHS: sudden
# severe pain in a testicle -> emergency). A painless scrotal swelling (hydrocele, varicocele,
# a lump) is not torsion; a swelling counts only with pain or tenderness.
SCROTAL_PAIN = _rx(
    r"(?:testic\w*|scrot\w*) (?:pain|ache|tenderness)", r"torsion",
    r"(?:pain\w*|ach\w*|tender\w*) (?:in|of) (?:the |his |my |a |one )?(?:(?:left|right) )?"
    r"(?:testicles?|testis|testes|scrotum|balls?)",
    # the testis as the second item of a list: "pain in the left groin and testis"
    r"(?:pain\w*|ach\w*|tender\w*) (?:in|of) (?:the |his |my )?(?:(?:left|right) )?(?:groin|"
    r"lower abdomen|inguinal region|thigh) and (?:the |his |my )?(?:testicles?|testis|testes|scrotum)", r"(?:painful|tender)(?:,? (?:and )?\w+){0,2},? (?:testicles?|testis|testes|scrot\w*)",
    r"(?:testicles?|testis|scrotum) (?:is |are )?(?:painful|tender|hurts?|hurting)")
TESTICULAR_SWELLING = _rx(
    r"(?:testic\w*|scrot\w*) (?:swelling|mass|lump)",
    r"swollen(?:,? (?:and )?\w+){0,2},? (?:testicles?|testis|testes|scrot\w*)",
    r"swelling (?:in|of) (?:the |his |my )?(?:testicles?|testis|scrotum)")
PAIN_NOT_PAINLESS = _rx(r"pain(?!less)\w*", r"tender(?:ness)?", r"ache\w*", r"hurts?", r"sore")


# ... for an acute illness: a child with a recurrent or lifelong problem who "appears ill" at
# a clinic review is assessed for that problem (NG143 covers the acute febrile illness).
# ("recurrent vomiting" or "recurrent seizures" today are the acute illness, not a history)
LONG_STANDING = _rx(r"recurrent (?:\w+ ){0,2}(?:infections?|episodes?|pneumonias?|otitis|"
                    r"admissions?|hospitali[sz]ations?|abscess\w*|fevers)",
                    r"(?:fevers?|infections?|lesions?|symptoms?|episodes?) since birth", r"lifelong")
ILL_APPEARING = _rx(r"appears? (?:acutely |very |severely |critically |unwell and |toxic and )?"
                    r"(?:ill|unwell|toxic|septic)\b", r"ill[- ]appearing", r"toxic[- ]appearing",
                    r"looks? (?:very |acutely |severely )?(?:ill|unwell|toxic)\b")


# ... in an acute illness: weakness noticed over weeks at a wellness or developmental review
# (a neuromuscular disorder) is a referral, not an emergency.
# (a duration of weeks or months, not an age: "a 6-week-old" or "born at 36 weeks" is no course)
INFANT_LONG_COURSE = _rx(
    r"(?:for|over|during|since) (?:the )?(?:past |last )?(?:\d+|a few|few|several|two|three|four|"
    r"many) (?:weeks|months)", r"(?:\d+|two|three|four|several)[- ](?:week|month) history",
    r"wellness", r"well[- ](?:child|baby)", r"milestones?", r"development\w*", r"since birth",
    r"check[- ]?up")
FACIAL_PALSY = _rx(r"bell'?s palsy", r"facial (?:nerve )?(?:palsy|paralysis|weakness)",
                   r"(?:droop\w*|asymmetr\w*) of (?:the )?(?:right|left) (?:side of (?:the |her |his )?)?face",
                   r"(?:right|left)[- ]sided facial", r"(?:inability|unable) to (?:whistle|close (?:the |her |"
                   r"his )?(?:right|left) eye)")
# A chest pain that is pleuritic, with a fever or productive cough (NICE NG138 pneumonia), is
# not cardiac-type; the breathlessness of the same infection is no cardiac feature.
PLEURITIC_INFECTION = re.compile(r"\bpleuritic\b|\bworse (?:on|with) (?:deep )?(?:inspiration|breathing in)",
                                 re.I)
_INFECTION = _rx(r"fever\w*", r"febrile", r"productive cough", r"sputum", r"pneumonia")


# Features that make a chest pain cardiac-type whatever else is going on (the guard above
# concerns breathlessness and nausea only, which the infection itself explains).
_CLASSIC_CARDIAC = _rx(r"radiat\w*", r"(?:left|both|l)\s+arm", r"jaw", r"diaphore\w*", r"sweat\w*",
                       r"clammy", r"crushing", r"pressure", r"squeez\w*", r"heav(?:y|iness)",
                       r"tearing", r"ripping", r"exertion\w*")


def _not_pleuritic_infection(p: Presentation) -> bool:
    return not guard("rf:pleuritic_infection", bool(
        PLEURITIC_INFECTION.search(p.text) and find_affirmed(_INFECTION, p.text)
        and not find_affirmed_danger(_CLASSIC_CARDIAC, p.text)))


# Stable angina (NICE CG126 / CG95): known angina on exertion, relieved by rest or GTN, with a
# pattern unchanged for months is a GP matter; any change (rest pain, longer, more frequent,
# new) keeps the emergency flag.
_KNOWN_ANGINA = re.compile(r"\b(?:known|stable|chronic|diagnosed) (?:\w+ )?angina|\bangina (?:for|since)\b",
                           re.I)
# (the months-long course must be the angina's own: "diabetes for 12 years" says nothing of it)
_UNCHANGED = re.compile(r"\b(?:unchanged|no change|same as (?:usual|always|before)|usual pattern|"
                        r"(?:angina|chest pain|pain|it|symptoms?)(?: (?!and\b|with\b|plus\b)\w+){0,5},? for (?:a|one|\d+|two|"
                        r"three|several|many) (?:years?|months?))\b", re.I)
_RELIEVED = re.compile(r"\b(?:relieved|eases?|settles?|goes|resolves?|stops?) (?:\w+ ){0,4}"
                       r"(?:rest|resting|gtn|nitro\w*|spray)\b", re.I)
# (NICE CG95 / NHS Angina: call 999 if the pain lasts longer than 15 minutes or does not stop
# within minutes of GTN, or comes with vomiting, nausea, sweating or breathlessness: each ends
# "stable"; review, issue 21)
_CHANGED = re.compile(r"\b(?:at rest|rest pain|worse|worsening|more frequent\w*|longer|new|"
                      r"crescendo|not relieved|sweat\w*|diaphore\w*|radiat\w*|this morning|today|"
                      r"vomit\w*|nause\w*|breathless\w*|short(?:ness)? of breath|\bsob|dyspn\w*|"
                      r"(?:1[6-9]|[2-9]\d|\d{3,}) ?(?:minutes?|mins?)|hours?|half an hour)\b",
                      re.I)


def _not_stable_angina(p: Presentation) -> bool:
    t = p.text
    return not guard("rf:stable_angina", bool(
        _KNOWN_ANGINA.search(t) and _UNCHANGED.search(t) and _RELIEVED.search(t)
        and not _CHANGED.search(t)))


def _cardiac_chest_pain(p: Presentation) -> bool:
    return _not_pleuritic_infection(p) and _not_stable_angina(p)


def _infant(p: Presentation) -> bool:
    return p.age is not None and p.age < 0.25


TRANSIENT = _rx(r"(?:loss of|lost) consciousness", r"\bloc\b", r"passed out", r"seizure\w*",
                r"convuls\w*", r"fitting", r"blacked out", r"black ?out")


def _alert_now(p: Presentation) -> bool:
    return (p.vitals.avpu or "").upper() == "A"


def _only_transient(p: Presentation) -> bool:
    """The only altered-mental-status phrase is a seizure/blackout (now over)."""
    text = TRANSIENT.sub(" ", p.text)
    return find_affirmed_danger(AMS_CORE, text) is None


def _male_or_unknown(p: Presentation) -> bool:
    return p.sex != "F"


# A worst-ever headache that is said to build up gradually (giant-cell arteritis, a migraine
# over days) is not a thunderclap; one with no course stated keeps the flag, since the onset
# is what nobody has asked yet (NICE CKS: ask about the onset; sudden -> emergency).
GRADUAL_COURSE = _rx(
    r"gradual\w*", r"progressive\w*", r"(?:build|built|building|worsen\w*|increas\w*) (?:up )?over",
    r"(?:over|for) (?:the )?(?:past |last )?(?:\d+|a few|few|several|two|three|four|many) "
    r"(?:days?|weeks?|months?)", r"(?:\d+|a few|several|two|three) (?:days?|weeks?|months?) ago")


# Features of giant-cell arteritis (NICE CKS: jaw claudication, scalp tenderness, temporal
# artery tenderness) name another cause of a worst-ever headache when the onset is not stated:
# same-day assessment (the knowledge base's GCA entry), not the thunderclap pathway.
GCA_FEATURES = _rx(r"jaw (?:pain|ache|claudication)\w*(?: \w+){0,2} (?:chewing|eating)",
                   r"jaw claudication", r"scalp tenderness", r"tender scalp",
                   r"temporal artery (?:tenderness|is tender)", r"tender temporal arter\w*")


def _sentences_with(pattern: re.Pattern[str], text: str) -> list[str]:
    """The sentences of ``text`` that hold a match of ``pattern``."""
    out = []
    for m in pattern.finditer(text):
        left = _sentence_start(text, m.start())
        right_m = _SENTENCE_END.search(text, m.end())
        out.append(text[left:right_m.start() if right_m else len(text)])
    return out


_WORST = re.compile(r"\bworst headache", re.I)


def _worst_not_gradual(p: Presentation) -> bool:
    if SUDDEN_ONSET.search(p.text):
        return True
    # the gradual course must be the headache's own (its sentence), not another complaint's
    # ("a cough for 3 days ... the worst headache of her life")
    gradual = any(GRADUAL_COURSE.search(s) for s in _sentences_with(_WORST, p.text))
    return not guard("rf:worst_headache_gradual_or_gca",
                     gradual or GCA_FEATURES.search(p.text) is not None)


# A painless swelling stated in the swelling's own sentence; "no pain on passing urine" is
# about something else.
_PAINLESS = re.compile(r"\bpainless\b|\bno pain\b(?! (?:on|when|with|during) (?:passing urine|"
                       r"urination|micturition|voiding|peeing))|\bnot painful\b", re.I)


def _young_male_not_painless(p: Presentation) -> bool:
    painless = any(_PAINLESS.search(s) for s in _sentences_with(TESTICULAR_SWELLING, p.text))
    return (_male_or_unknown(p) and (p.age is None or p.age < 25)
            and not guard("rf:testis_painless", painless))


SADDLE_LAY = (r"(?:numb\w*|tingl\w*|no feeling|loss of (?:feeling|sensation)|can(?:not|'t) feel)"
              r" (?:\w+ )?(?:around|in|of|near|between) (?:the |my |his |her |their )?"
              r"(?:anus|bottom|bum|back passage|genitals?|groin|buttocks|perine\w*|private parts|"
              r"inner thighs|saddle area)"
              # the same in plainer words (NHS Cauda equina syndrome: "numbness around your
              # bottom ... you cannot feel toilet paper when you wipe")
              r"|(?:can(?:not|'t)|unable to|could(?:n't| not)) feel (?:\w+ ){0,2}(?:toilet (?:paper|roll)|"
              r"tissue) (?:\w+ ){0,2}(?:wip\w*)"
              r"|(?:bum|bottom|backside|groin|privates|private parts) (?:feels?|is|went|has gone) "
              r"(?:dead|numb|tingl\w*)"
              r"|no (?:feeling|sensation) (?:down below|down there|in (?:my |his |her )?(?:bum|bottom|groin|privates))"
              r"|numb(?:ness)? (?:down below|down there)"
              r"|numb\w* (?:\w+ )?between (?:my |his |her |the |their )?legs")
BACK_PAIN = _rx(r"(?:low(?:er)? )?back (?:pain|ache)", r"backache", r"sciatica", r"lumbago")
SPHINCTER_LAY = _rx(
    r"(?:difficulty|problems?|trouble|unable|inability|struggl\w*|can(?:not|'t)|not able) "
    r"(?:to |with |in )?(?:pass\w* (?:urine|water|stools?)|pee\w*|wee\w*|urinat\w*|poo\w*)",
    r"urinary retention", r"retention of urine", r"(?:bladder|bowel|urinary|faecal|fecal) "
    r"(?:incontinence|control)", r"incontinen\w*", r"wet (?:myself|himself|herself)",
    r"(?:not|n't) (?:know|feel)\w* when (?:my |his |her )?bladder is full",
    # NHS Cauda equina syndrome in lay words: "not able to wee since this morning", "cannot
    # tell when he needs to pee", and loss of sexual function ("cannot get an erection")
    r"(?:hasn'?t|has not|haven'?t|have not|had not|hadn'?t|not) (?:been able to|managed to) "
    r"(?:pass (?:urine|water)|pee|wee|urinate)",
    r"(?:can(?:not|'t)|unable to|could(?:n't| not)) (?:tell|feel|sense) when (?:i|he|she|they) "
    r"(?:need|needs|want|wants) (?:to )?(?:pee|wee|go|urinate|poo|pass urine)",
    r"(?:can(?:not|'t)|unable to|could(?:n't| not)) (?:get|keep|maintain) an erection",
    r"wetting (?:myself|himself|herself)",
    r"(?:can(?:not|'t)|unable to|could(?:n't| not)|lost|losing|loss of) (?:control (?:of |over )?)"
    r"(?:my |his |her |the )?(?:bladder|bowels?)",
    r"(?:can(?:not|'t)|unable to|could(?:n't| not)) control (?:my |his |her )?(?:bladder|bowels?|"
    r"peeing|weeing)")


def _shocked_or_hypoxic(p: Presentation) -> bool:
    v = p.vitals
    return ((v.systolic_bp is not None and v.systolic_bp < 90)
            or (v.spo2 is not None and v.spo2 < 90 and not v.hypercapnic))


# Teething makes babies drool (NHS "Baby teething symptoms": dribbling more than usual, 6
# months to 2-3 years). A drool its own sentence puts down to teething ("cutting an eye tooth
# that causes him to be drooling") is read as a same-day review (acuity 3), not an airway sign
# (acuity 1), only when all of these hold (safety review of trneg; review 6 reverted a wider
# exemption because emergencies came through beside teething): a stated age of 4 months to
# under 4 years (a younger baby is not teething; an unknown age is not exempt); no fever word
# and no temperature >= 38 C (100.4 F) anywhere in the text, negated or not (epiglottitis:
# drooling with a high fever, NHS Epiglottitis); no airway, breathing, voice, swallowing,
# foreign-body, poison, allergy, swelling or drowsiness companion; and no other red flag on
# the text (checked in ``find_red_flags``). Only a dental eruption counts (not a toothache, an
# abscess or a wisdom tooth: Ludwig's angina drools too).
_TEETHING = _rx(r"teething", r"cutting (?:a |an |his |her |their |its |some |new |more |two )?(?:\w+ )?"
                r"(?:tooth|teeth|molars?)", r"(?:tooth|teeth|molars?) (?:is |are )?(?:coming|breaking) "
                r"(?:through|in)", r"erupting (?:tooth|teeth|molars?)")
_DROOL_COMPANION = _rx(
    r"stridor\w*", r"noisy breathing", r"noise when (?:he |she |they )?breath\w*", r"squeak\w*",
    r"wheez\w*", r"breath\w*", r"respirat\w*", r"gasp\w*", r"chok\w*", r"gag\w*", r"tripod\w*",
    r"(?:sitting|leaning|sits|leans) forward", r"swallow\w*", r"dysphagi\w*", r"odynophag\w*",
    r"voice", r"hoars\w*", r"croak\w*", r"muffled", r"hot potato", r"trismus",
    r"(?:can(?:not|'t)|won'?t|unable to) open (?:his |her |their )?mouth", r"button", r"batter\w*",
    r"coin", r"magnet\w*", r"allerg\w*", r"anaphyla\w*", r"hives", r"urticari\w*", r"swell\w*",
    r"swollen", r"(?:lip|lips|tongue|throat|neck|face|jaw)\b", r"blue", r"cyanos\w*", r"grey",
    r"floppy", r"letharg\w*", r"drows\w*", r"sleepy", r"limp", r"unrespons\w*", r"hard to wake",
    r"(?:difficult|impossible|hard) to (?:wake|rouse)", r"(?:won'?t|will not|can'?t|cannot) wake",
    r"toxic", r"(?:very|really|seriously) (?:ill|unwell|poorly)", r"not (?:feeding|drinking|eating)",
    r"(?:won'?t|will not|refus\w*) (?:to )?(?:feed|drink|eat)", r"off (?:his|her|their) feeds",
    r"not taking (?:fluids|feeds|milk|bottles?)",
    # a swallowed poison or caustic (NHS Poisoning: A&E or 999; caustic burns drool)
    r"(?:ate|eaten|drank|drunk|ingest\w*|licked|chewed|sucked|got into|put (?:\w+ ){0,2}in "
    r"(?:his|her|their) mouth)\b", r"bleach", r"drain", r"unblocker", r"caustic", r"corrosive",
    r"poison\w*", r"chemical\w*", r"cleaner", r"detergent", r"dishwasher",
    r"(?:washing|laundry) (?:capsule|pod|tab)", r"liquitab\w*", r"tablets?", r"pills?", r"oven",
    r"acid", r"alkali\w*", r"lye",
    r"burn\w*", r"scald\w*", r"plant", r"berr(?:y|ies)", r"mushroom\w*")
_RAISED_TEMP_WORD = _rx(r"(?:a|high|raised|with a|running a|has a|had a|got a) temp\w*", r"hot\b",
                        r"temp\w* (?:of|was|is|up to|reached|went up to)")
# a number read as a temperature: after a temperature word or with a unit ("39.2", "T 101.2 F",
# "38.5 C", "39 degrees"); the decimal point is part of the number, never a sentence end
_TEMP_NUMBER = re.compile(
    r"(?:\b(?:temp\w*|t(?:max)?|fever\w*|febrile|pyrexi\w*)\s*(?:of|was|is|:|=|to|up to|at)?\s*"
    r"(\d{2,3}(?:\.\d+)?)|(\d{2,3}(?:\.\d+)?)\s*(?:\u00b0|\u00ba|degrees?\b)?\s*(?:c|f|celsius|"
    r"fahrenheit)\b|(\d{2,3}(?:\.\d+)?)\s*(?:\u00b0|\u00ba|degrees?\b))", re.I)


def _raised_temperature(p: Presentation) -> bool:
    """A fever or a temperature >= 38 C (100.4 F) anywhere in the text, negated or not."""
    if FEVER.search(p.text) or _RAISED_TEMP_WORD.search(p.text):
        return True
    if p.vitals.temperature is not None and p.vitals.temperature >= 38:
        return True
    for m in _TEMP_NUMBER.finditer(p.text):
        value = float(next(g for g in m.groups() if g is not None))
        if 38 <= value <= 45 or 100.4 <= value <= 113:
            return True
    return False


def _teething_drool(p: Presentation) -> bool:
    """Whether every drooling mention is put down to teething in its own sentence, in a child
    of a stated age from 4 months to under 4 years, with no fever or raised temperature
    anywhere and no airway, poison, allergy or toxicity companion (the text's other red flags
    are checked by ``find_red_flags``)."""
    if p.age is None or not 4 / 12 <= p.age < 4:
        return False
    sentences = _sentences_with(_rx(r"drooling"), p.text)
    if not sentences or not all(_TEETHING.search(s) for s in sentences):
        return False
    if _raised_temperature(p):
        return False
    return find_affirmed_danger(_DROOL_COMPANION, p.text) is None


# Drooling is an airway sign (epiglottitis, abscess, angioedema), but not when a facial palsy
# explains it (the mouth cannot close on one side: NHS Bell's palsy).
_DROOL_RULE = RedFlagRule("airway compromise", 1, _rx(r"drooling"),
                          condition=lambda p: not guard("rf:drooling_facial_palsy",
                                                        FACIAL_PALSY.search(p.text) is not None))
TEETHING_DROOL = "drooling while teething (same-day review)"


def _escalate(rules: tuple[RedFlagRule, ...], names: dict[str, str]) -> tuple[RedFlagRule, ...]:
    """Acuity-1 twins of some acuity-2 rules: the same findings with shock or hypoxia."""
    return tuple(RedFlagRule(names[r.name], 1, r.trigger, r.with_any, _shocked_or_hypoxic,
                             r.acute_only, r.current_only)
                 for r in rules if r.name in names)


BIRTHMARK = _rx(r"birth ?marks?", r"port[- ]wine (?:stain|mark)", r"stork marks?",
               r"salmon patch\w*", r"strawberry marks?", r"ha?emangioma\w*",
               r"mongolian (?:spots?|blue spots?)", r"caf[eé][- ]au[- ]lait")


#: another person as the object of a threat ("his mother", "someone", "them"; not "me" or
#: "myself", which the self-harm rule reads, nor a body part: "hurt my back")
# A note's item answered yes: "SI: yes", "HI: positive", "HI: +", "HI -- plans to kill
# neighbour tonight" (the answer a harm or intent word within four words, no negation before
# it: "HI: denies plans"); the capital
# abbreviation only (the pattern is otherwise case-blind).
_NOTE_ITEM_YES = (r"(?-i:{item})\s*(?::|-{{1,2}}|\u2013|\u2014|=)\s*(?:yes\b|positive\b|pos\b|"
                  r"present\b|endorsed\b|endorses\b|\+(?![\w+])|"
                  r"(?:(?!(?:no|not|never|denie[sd]|deny|denying|without|nil)\b)\w+ ){{0,3}}"
                  r"(?:plan\w*|intent\w*|kill\w*|harm\w*|hurt\w*|stab\w*|shoot\w*|attack\w*|"
                  r"murder\w*|overdos\w*))")
_OTHER_PERSON = (r"(?:someone|somebody|anyone|anybody|people|others|other people|him|them|"
                 # "her" alone ("thoughts of harming her", review of mts3), not "her back", "her
                 # feelings" or "her kidneys" (reviews of mts4 and mts5: a clause-end rule lost
                 # "I'm going to kill her with the knife")
                 r"her(?!\s+(?:own\b|back|neck|head|arm|leg|knee|hip|hand|foot|feet|shoulder|wrist|ankle|"
                 r"feelings|chances|career|reputation|exam|grades|results|kidneys?|liver|stomach|"
                 r"heart|skin|teeth|eyes?|baby's|health|recovery|milk|supply))|"
                 r"(?:his|her|my|their|a|the) (?:ex-?(?:wife|husband|partner|girlfriend|boyfriend)|mother|mum|"
                 r"mom|father|dad|wife|husband|partner|"
                 r"girlfriend|boyfriend|child|children|kids?|son|daughter|baby|brother|sister|"
                 r"neighbou?rs?|boss|family|parents?|teachers?|classmates|co-?workers?|colleagues?))\b")


# A person as the one who will not wake: the subject, or "and won't wake" after one with no
# limb or device named between (review 1 of the won't-wake pattern; shared with tri9fix's
# "isn't waking up").
_WAKE_PERSON = (
    r"(?:\b(?:he|she|they|baby|son|daughter|mum|mom|mummy|dad|daddy|husband|wife|partner|child|boy|"
    r"girl|grandad|grandma|granny|grandpa|nan|father|mother|brother|sister|friend|old|infant|"
    r"newborn)\s+(?:just |still |simply )?|\b(?:he|she|baby|son|daughter|mum|mom|dad|husband|wife|"
    r"partner|child|boy|girl|grandad|grandma|nan|father|mother|old|infant|newborn)\b"
    r"(?:(?!\b(?:foot|feet|leg|legs|arm|arms|hand|hands|laptop|computer|pc|phone|tablet|ipad|"
    r"screen|alarm|mac|tv|monitor)\b)[^.;!?]){0,60}?\b(?:and|but) (?:just |still )?)")


#: bleeding or pain in pregnancy (NHS "Vaginal bleeding in pregnancy", "Ectopic pregnancy",
#: "Miscarriage"; RCOG GTG 57 for the movements); :func:`_pregnancy_bleed_site_ok` sets aside a
#: bleed whose own clause names a site other than the vagina (lay13, issue 21)
_PREG_BLEED_OR_PAIN = _rx(
    # menstrual bleeding is a period, not bleeding in pregnancy; "abdominal enlargement" is
    # not pain
    r"(?<!menstrual )(?<!withdrawal )(?:vaginal )?bleed\w*", r"spotting", r"abd\w* pain",
    r"pelvic pain", r"cramp\w*",
    # the pain in lay and clinical site words (review 1: "pain on one side low down")
    r"(?:tummy|belly|stomach) (?:pain|ache|cramps?)", r"pain (?:\w+ ){0,3}(?:tummy|belly|stomach|pelvis)",
    r"pain on one side", r"(?:one|right|left)[- ]sided (?:\w+ ){0,3}pain", r"adnexal (?:pain|tender\w*)",
    r"(?:iliac fossa|\brif|\blif|\brlq|\bllq) pain",
    r"(?:lower )?abdominal (?:pain|cramp\w*|tender\w*|discomfort)", r"shoulder tip pain", r"severe headache", r"visual disturb\w*",
    r"blurred vision", r"seizure", r"fluid leak\w*", r"reduced (?:fetal|foetal) movements?",
    # reduced fetal movements in other words (RCOG GTG57 / NHS: contact the maternity unit
    # immediately; do not wait until the next day)
    r"(?:baby|fetus|foetus) (?:has |had )?(?:not|hasn't|hadn't|stopped|isn't|is not) "
    r"(?:been )?mov\w*", r"no (?:fetal|foetal|baby(?:'s)?) movements?",
    r"(?:fewer|less|decreased|reduced) (?:fetal |foetal |baby |baby's )?(?:movements?|kicks?)",
    # (lay13) NHS "Miscarriage": vaginal bleeding, passing clots or tissue
    r"passing (?:(?:blood|big|large|small|some|a few) )?(?:clots?|tissue)",
    r"(?:blood )?clots (?:coming )?(?:out|down below|from (?:down below|my vagina|the vagina))",
    # (layfix12) ... told in the past tense: "I passed a clot the size of my fist", "passed
    # something that looked like tissue" (NHS "Miscarriage": passing clots or tissue)
    r"passed (?:(?:a|one|two|some|several|a few|few|big|large|huge|massive|small|blood|"
    r"\w+-sized) )*(?:clots?|tissue)",
    r"pass(?:ed|ing) (?:something|some stuff|stuff|a lump|a bit of something|what) "
    r"(?:that |which )?(?:looked|looks|look|seemed|seems) (?:\w+ ){0,2}?(?:tissue|clots?)")
# (lay13, layfix12) "8 weeks pregnant and my gums are bleeding" is no bleeding in pregnancy in
# the sense of NHS "Vaginal bleeding in pregnancy" / "Ectopic pregnancy" / "Miscarriage": gums
# bleed more in pregnancy (NHS "Dental health in pregnancy": see a dentist), and a nosebleed
# (NHS "Nosebleeds"), bleeding piles (NHS "Piles"), a bleeding lip or a cut are their own
# matters. ONE definition, used by the red flag below and the knowledge base's pregnancy rows
# (knowledge.Condition.match): a bleed is set aside only when the bleed ITSELF names such a
# site ("bleeding from my gums", "my nose keeps bleeding", "nosebleed", "bleeding piles", "cut
# my finger and it's bleeding"), the site is not negated ("not from my nose", "it isn't a
# nosebleed") and its sentence names no genital site ("bleeding from my gums and down below").
# Body words that are no bleeding site ("bleeding with pale skin", "... every time I cough",
# "... from my front bottom", "... with shaking hands") never set a bleed aside.
_BLEED_SITE = (r"(?:gums?|nose|nostrils?|piles|ha?emorrhoids|lips?|fingers?|thumbs?|cuts?|"
               r"wounds?|graze)")
_SITE_DET = r"(?:(?:my|her|his|the|a|one|both|left|right|bottom|top|upper|lower) )*"
# each link word matches in one way only: overlapping choices ("been" twice, "has started"
# beside "has" + "started") made a failed match backtrack exponentially (re-review: ~300
# characters of "has started " took minutes); "keep on" is "keep" + "on"
_BLEED_LINK = (r"(?:(?:is|are|was|were|keeps?|kept|on|has|have|had|been|started|starts?|"
               r"just|also|still|always|often|sometimes|now|won.?t stop|will not stop) )*")
NON_GENITAL_BLEED = re.compile(
    r"\b(?:bleed\w* (?:(?:heavily|a lot|a little|a bit|slightly|badly|again|too|quite a lot) )?"
    r"(?:from|of|in) " + _SITE_DET + _BLEED_SITE + r"|"
    + _BLEED_SITE + r"(?: (?:and|or|&) " + _SITE_DET + _BLEED_SITE + r")* " + _BLEED_LINK
    + r"bleed\w*|"
    r"nose ?bleed\w*|"
    r"bleeding (?:gums?|nose|piles|ha?emorrhoids|lips?)|"
    r"cut (?:my|her|his) (?:\w+ )?(?:finger|thumb|hand|lip|leg|knee|foot|toe|arm)s? "
    r"(?:(?:and|,) )+(?:it.?s |it is |it has |it.?s been |it keeps |it won.?t stop |now |still )*"
    r"bleed\w*)(?!\w)", re.I)
_SITE_NEGATED = re.compile(r"(?:\bnot|n['\u2019]t|\bno|\bnever)\s+(?:\w+\s+)?$", re.I)
_GENITAL_SITE = _rx(r"vagin\w*", r"down below", r"down there", r"pads?", r"wip\w*", r"knickers",
                    r"underwear", r"pants", r"womb", r"clots?", r"spotting", r"privates?",
                    r"private parts", r"front bottom", r"lady (?:bits|parts)", r"front passage",
                    r"pv", r"tissue")
_BLEED_IN = re.compile(r"bleed\w*", re.I)
_BLEED_SENTENCE = re.compile(r"[^.!?\n]+")
# (tri13b, issue 21) A non-genital bleed whose predicate the same sentence gives to the person
# as well ("my nose is bleeding and so am I", "... as am I", "... and I am too", "... and me
# too"): the second bleed names no site, and an unsited bleed in pregnancy is the bleeding of
# NHS "Vaginal bleeding in pregnancy" until told otherwise, so the site bleed is not set aside
# (masking it left no bleed word for the second). Only a person as the second subject: "and so
# is my gum" / "so are my lips" is another site.
_SO_AM_I = re.compile(
    # (trifix13) "\s*(?:,\s*)?" not "\s*,?\s*": two adjacent "\s*" split a run of spaces every
    # way (quadratic: 4,000 spaces took 1.9 s)
    r"\s*(?:,\s*)?(?:(?:and|&)\s+)?(?:so|as)\s+(?:am\s+i|is\s+she)\b|"
    r"\s*(?:,\s*)?(?:and|&)\s+(?:i\s+am|i.m|she\s+is|she.s)\s+(?:also\s+|as\s+well\s+)?"
    r"(?:too|as well|also)\b|"
    r"\s*(?:,\s*)?(?:and|&)\s+(?:me|her)\s+(?:too|as well)\b", re.I)


def mask_non_genital_bleeds(text: str) -> str:
    """``text`` with the bleed word of each non-genital bleed (:data:`NON_GENITAL_BLEED`) blanked
    (offsets kept): one pass over the text's sentences (layfix12: no rescans per bleed word)."""
    if "bleed" not in text.lower():
        return text
    out: list[str] | None = None
    for s in _BLEED_SENTENCE.finditer(text):
        sent = s.group()
        if "bleed" not in sent.lower() or _GENITAL_SITE.search(sent) is not None:
            continue
        for m in NON_GENITAL_BLEED.finditer(sent):
            # "it isn't a nosebleed", "no nosebleed": the site is denied and the bleed stays
            # ("bleeding a lot not from my nose" is no site phrase at all)
            if _SITE_NEGATED.search(sent, max(0, m.start() - 24), m.start()) is not None:
                continue
            # "my nose is bleeding and so am I": the person bleeds too (see _SO_AM_I)
            if _SO_AM_I.match(sent, m.end()) is not None:
                continue
            if not guard("rf:pregnancy_bleed_site", True):
                continue
            if out is None:
                out = list(text)
            for b in _BLEED_IN.finditer(m.group()):
                lo = s.start() + m.start() + b.start()
                out[lo:lo + len(b.group())] = "_" * len(b.group())
    return text if out is None else "".join(out)


# (trifix13) A gap of ten weeks or more since the last period (tri13b read 10-39 weeks) has
# other named causes in the same text: the menopause or perimenopause (or an age of 50 or
# more), HRT, a pill taken back to back / continuously, or a progestogen implant, coil (IUS /
# IUD) or injection, each of which stops or thins periods (NHS "Stopping or missing periods";
# NHS "Menopause"; FSRH guidance on bleeding with hormonal contraception). Such a gap alone is
# then no pregnancy, as before tri13b; any other pregnancy wording still fires. The coil is
# not such a cause here: a pregnancy with a coil in place is more likely to be ectopic (NHS
# "Ectopic pregnancy"), so a gap with a coil keeps its pregnancy reading.
_LONG_GAP = _rx(
    r"[1-3]\d weeks since (?:my |her |the )?(?:last )?period",
    r"amenorrh\w* (?:of |for )?[1-3]\d weeks",
    r"(?:\blmp\b|last menstrual period) (?:was )?[1-3]\d weeks ago",
    # (tri14a) the plural count of the same gap ("my periods are 10 weeks late", "periods are 3
    # months late"): the named causes explain it as they do the gap above. The singular "my
    # period is 10 weeks late" is left as it was (read as a pregnancy whatever the cause).
    r"periods (?:are|were) (?:now |already )?(?:about |around |nearly |almost |over |more than )?"
    r"(?:(?:[1-3]\d|ten|eleven|twelve) weeks?|(?:[3-9]|three|four|five|six|seven|eight|nine|several) "
    r"months?) (?:late|overdue)\b")
_GAP_OTHER_CAUSE = _rx(
    r"(?<!not )(?<!not yet )(?<!n't )(?:peri|post|pre)?-?menopaus\w*", r"\bhrt\b",
    r"hormone replacement", r"back[- ]to[- ]back", r"(?:continuous|tricycl\w*|extended)(?: use)? (?:of )?"
    r"(?:the )?(?:pill|packs?)", r"(?:contraceptive )?implant", r"nexplanon",
    r"depo\w*", r"(?:contraceptive|depo) (?:injection|jab)", r"sayana")


def _long_gap_other_cause(p: Presentation) -> bool:
    """The only pregnancy wording is a 10-39 week gap since the last period, and the text names
    another cause of the gap (or an age of 50 or more)."""
    text = p.text
    gaps = [(m.start(), m.end()) for m in _LONG_GAP.finditer(text)]
    if not gaps:
        return False
    for m in PREGNANT.finditer(text):
        if not any(lo <= m.start() < hi for lo, hi in gaps):
            return False
    return guard("rf:long_gap_other_cause", (p.age is not None and p.age >= 50)
                 or _GAP_OTHER_CAUSE.search(text) is not None)


# (trifix13) another person's bleed ("I'm 34 weeks, my toddler is bleeding from his knee"):
# not the pregnant woman's (NHS "Vaginal bleeding in pregnancy" is her own bleeding)
_OTHERS_BLEED = _rx(
    r"(?:my|our|the|her) (?:toddler|son|boy|kid|child|children|husband|dog|cat|puppy|brother|"
    r"dad|father|grandad|grandpa|boyfriend|nephew|baby brother)(?:'s (?:\w+ ){0,2}?\w+)? (?:is |was |"
    r"has been |.s been |.s |keeps |started |has started )?(?:still |now |really |badly )?(bleed\w*)")


def _mask_others_bleeds(text: str) -> str:
    out = list(text)
    for m in _OTHERS_BLEED.finditer(text):
        if guard("rf:pregnancy_others_bleed", True):
            out[m.start(1):m.end(1)] = "_" * (m.end(1) - m.start(1))
    return "".join(out)


def _pregnancy_bleed_site_ok(p: Presentation) -> bool:
    """The pregnancy flag's bleeding or pain once the non-genital bleeds are set aside."""
    if _long_gap_other_cause(p):
        return False
    text = p.text
    masked = mask_non_genital_bleeds(text)
    if _OTHERS_BLEED.search(masked) is not None:
        masked = _mask_others_bleeds(masked)
    return masked is text or find_affirmed_danger(_PREG_BLEED_OR_PAIN, masked) is not None


RULES: tuple[RedFlagRule, ...] = (
    # --- resuscitation (acuity 1) ---
    # A breath-holding spell does not exempt "stopped breathing" (review 6 reverted such an
    # exemption: it let a 6-week-old's apnoea and a 2-minute spell through); over-triage of a
    # harmless spell is accepted, under-triage is not.
    RedFlagRule("cardiac or respiratory arrest", 1, _rx(
        r"cardiac arrest", r"no pulse", r"pulseless", r"not breathing", r"stopped breathing",
        r"(?:isn'?t|is not|wasn'?t|was not) breathing(?! (?:properly |well )?through)",
        r"apnoe?ic", r"cpr in progress", r"\bcpr\b")),
    RedFlagRule("airway compromise", 1, _rx(
        r"stridor", r"choking", r"airway (?:compromise|obstruction)", r"can(?:not|'t) swallow "
        r"(?:(?:his|her|their|my|own) )*(?:saliva|secretions|spit)", r"throat (?:closing|is closing)",
        r"(?:difficulty|trouble|unable to|inability to) swallow\w* (?:his |her |their |my )?(?:own )?"
        r"(?:saliva|secretions)",
        # the same total obstruction with "anything" before the saliva ("inability to swallow
        # anything including her saliva", "can't swallow anything, not even my own spit"; mts3
        # food bolus impaction): NHS Swallowing problems (A&E / 999 when you cannot swallow
        # your saliva); ESI Handbook v4 (airway)
        r"(?:can(?:not|'t)|could(?:n'?t| not)|unable to|inability to|not able to|difficulty|trouble) "
        r"swallow\w* (?:anything|everything|any(?:thing)? food|food or (?:drink|liquids?|water))"
        r",? (?:and |or |but )?(?:not even|even|including|incl\.?|or) (?:(?:his|her|their|my|own) )*"
        r"(?:saliva|secretions|spit)")),
    # Swelling of the tongue or throat is angioedema until shown otherwise (NHS Angioedema and
    # Anaphylaxis: call 999 with tongue or throat swelling), whatever the trigger.
    RedFlagRule("tongue or throat swelling", 2, _rx(
        r"(?:tongue|throat) (?:is |was |has |became |started )?(?:swelling|swollen|swelled)",
        # "my face and throat are swelling"; not "the glands in my throat are swollen" (review of mts4)
        r"(?:face|eyes?|lips?|mouth|tongue) and (?:tongue|throat) (?:are |were |have |started )?(?:swelling|swollen|swelled)",
        r"swollen (?:tongue|throat)", r"swelling (?:of|in) (?:the |his |her |my )?(?:tongue|throat)")),
    # NICE NG143 red (weak, high-pitched or continuous cry; appears ill) and NHS "Is your baby
    # or toddler seriously ill?" (floppy: 999): a floppy baby or one with a weak cry.
    # NICE NG143 red feature and NHS "Is your baby seriously ill?" (a bulging soft spot: 999): only
    # an infant has an open fontanelle, so no stated age is needed ("my baby's soft spot ...").
    RedFlagRule("bulging fontanelle", 2, _rx(
        r"bulging (?:anterior )?(?:soft spot|fontanel\w*)",
        r"(?:anterior )?(?:soft spot|fontanel\w*) (?:is |was |feels |looks )?(?:bulging|tense|raised)")),
    RedFlagRule("floppy infant or weak cry", 2, _rx(
        r"floppy", r"weak (?:and )?(?:high[- ]pitched )?cry", r"(?:weak,? )?high[- ]pitched cry",
        r"reduced (?:muscle )?tone", r"hypotoni\w*"),
        condition=lambda p: (p.age is not None and p.age < 1
                             and not guard("rf:infant_long_course",
                                           INFANT_LONG_COURSE.search(p.text) is not None))),
    # Drooling is an airway sign (epiglottitis, abscess, angioedema), but not when a facial
    # palsy explains it (the mouth cannot close on one side: NHS Bell's palsy). A teething
    # drool in an otherwise well child is read at acuity 3 instead (``find_red_flags``).
    _DROOL_RULE,
    # A carer who cannot wake someone (NHS When to call 999: someone unconscious, or a child who
    # is floppy, unresponsive or will not wake). Anchored on "wake"/"woken"; a person's own "I
    # can't wake up in the mornings" has no object and is a sleep complaint, not this.
    RedFlagRule("unresponsive", 1, _rx(
        r"(?:can'?t|cannot|couldn'?t|could not|unable to|not able to|tried to) (?:wake|rouse) "
        r"(?:him|her|them|my|our|his|the baby|the child|mum|mom|dad)\b",
        # a person who will not wake (review 1: not "my alarm won't wake me", "my laptop won't wake
        # up", "we won't wake her", "the noise won't wake the baby"): a person as the subject, or
        # "and won't wake" after one with no limb or device named between
        _WAKE_PERSON + r"(?:won'?t|will not|wouldn'?t|would not) (?:wake|rouse)"
        r"(?!(?: up)? (?:at night|in the night|during the night|until|till|before|early|in the "
        r"mornings?|for (?:school|work|college)|on time)\b)"
        r"(?! (?:me|us|him|her|them|you|the|my|our|his|their)\b)(?: up)?\b",
        r"(?:can'?t|cannot|couldn'?t|could not) be (?:woken|roused|awakened)",
        r"(?<!i'm )(?<!i am )not waking(?: up)?\b(?!(?: up)? (?:at night|in the night|during the night|"
        r"until|till|before|early|in the mornings?|for (?:school|work|college)|on time)\b)",
        # (h-tri9) the contracted form: "she fainted and isn't waking up" was routine, 4 (St John
        # Ambulance / NHS Fainting: a faint that does not come round is an unresponsive person).
        # (tri9fix, safety review) only a person now ("my alarm isn't waking me up" is none),
        # with the won't-wake pattern's object guard; not "wasn't" (a past spell, "wasn't
        # waking up so I gave him a shake and he woke"), nor a sleep complaint ("isn't waking
        # up easily / feeling rested / when the baby cries / with headaches / at 3am"). "My
        # baby isn't waking up for feeds" stays (NICE NG143: does not wake).
    )),
    # (tri9fix2, safety re-review) any subject but a thing ("Dave / my kid / the patient /
    # toddler isn't waking up", "someone collapsed and isn't waking up" were 4 or 2): who it
    # is is read by ``wake_subject_is_a_thing`` ("my alarm isn't waking me" is none)
    RedFlagRule("unresponsive", 1, _rx(
        r"\b(?:isn'?t|is not|aren'?t|are not) (?:just |still )?waking"
        r"(?! (?:me|us|him|her|them|you|the|my|our|his|their)\b)(?: up)?\b(?!(?: up)? (?:at night|in "
        r"the night|during the night|until|till|before|early|in the mornings?|for (?:school|work|"
        r"college)|on time|feeling|easily|when|whenever|with|at (?!all\b))\b)"),
        match_ok=lambda text, m: not guard("rf:wake_subject_thing",
                                          wake_subject_is_a_thing(text, m.start()))),
    # "barely conscious", "in and out of consciousness": a reduced level of consciousness in lay
    # words (NHS When to call 999). Anchored on "conscious"/"barely".
    RedFlagRule("altered mental status", 2, _rx(
        # not "barely awake in the mornings" (a sleep complaint) nor "barely responding to
        # ibuprofen" (a treatment that fails; as parse._AVPU_TEXT): review 1
        r"barely (?:conscious|responsive|awake(?! (?:in the mornings?|at work|at school|during the "
        r"day|in class|in lectures|until (?:noon|lunch|midday)|before (?:noon|lunch|midday|coffee|my "
        r"coffee))\b)|responding(?! to (?!(?:pain|voice|"
        r"verbal|stimul|command|touch|sound|me|us|his|her|my|our|their|him|them|name)\b)))",
        r"(?:drifting |going |slipping )?in and out of consciousness",
        # "he isn't making sense", "... and isn't making sense" (NHS Sepsis / When to call 999: not
        # making sense): a person, not "the leaflet isn't making sense"
        r"(?:he|she|mum|mom|dad|husband|wife|partner|son|daughter|grandad|grandma|nan|father|"
        r"mother)(?:'s| is| was| has been)? (?:not|isn'?t|wasn'?t) making (?:any )?sense",
        # ... "they" or an elided subject may be things: "they aren't making sense to me" (review 1)
        r"(?:they|and|but)(?:'s|'re| is| was| are| has been)? (?:not|isn'?t|wasn'?t|aren'?t) making "
        r"(?:any )?sense(?! to (?:me|us|him|her|them)\b)")),
    RedFlagRule("unresponsive", 1, _rx(r"unrousable",
                                       r"(?:status epilepticus|still seizing|seizing now|"
                                       r"ongoing seizure|continuous seizure)")),
    # (trirob) a person who does not respond: "not responding" in any form ("dave isn't
    # responding" was routine, 4; only "not responding" was read) and "stopped responding";
    # NHS When to call 999 (someone unconscious or not responding), AVPU "U".
    # (trifix, safety review) "unresponsive" / "non-responsive" are read as in 09ab0f7, with no
    # subject guard ("the driver of the other car is unresponsive" had become 4);
    RedFlagRule("unresponsive", 1, _rx(r"(?:un|non-?)responsive")),
    # the verb forms, with no subject guard (as in 09ab0f7): three review rounds of a device /
    # treatment-failure guard ("the app is not responding", "his infection is not responding
    # to antibiotics") each left real people read as things or treatments ("we found grandad
    # on the floor, not responding to the medicine", "Baby found in cot. Not responding to
    # meds.", "Dave is not responding well to treatment" fell from 1 to 4), so the guard was
    # taken back: over-triage of a device or a failing treatment is the accepted cost
    RedFlagRule("unresponsive", 1, _rx(
        r"(?:not|\w+n't|stopped|stops) (?:really |properly )?respon(?:ding|sive)\b")),
    # --- emergency (acuity 2) ---
    RedFlagRule("chest pain with cardiac features", 2, CHEST_PAIN, with_any=CARDIAC_FEATURES,
                condition=_cardiac_chest_pain),
    # Undifferentiated chest pain or breathlessness is never routine (ESI/KTAS: at least 3).
    RedFlagRule("chest pain", 3, CHEST_PAIN),
    RedFlagRule("shortness of breath", 3, _rx(
        r"short(?:ness)? of breath", r"\bsob\b", r"dyspn\w*", r"breathless\w*",
        # misspelt in exam banks and lay text: MedMCQA drops "rt" ("shoness"); "dysnea"
        r"shoness of breath", r"dysp?nea\w*", r"dispn\w*",
        r"difficulty (?:in )?breathing", r"trouble breathing", r"wheez\w*",
        CATCH_BREATH.pattern)),
    RedFlagRule("stroke signs (FAST)", 2, _rx(
        r"facial (?:droop|asymmetry)", r"face (?:is )?droop\w*", r"droop\w* (?:of the )?face",
        # lay FAST: "his face has dropped on one side" (NHS Stroke: face dropped on one side)
        r"face (?:has |had )?(?:dropped|fallen|sagg\w*) (?:down )?(?:on )?(?:one|the left|the right) side",
        r"slurred speech", r"slurring", r"aphasi\w*", r"dysphasi\w*", r"dysarthri\w*",
        r"(?:can(?:not|'t)|unable to|trouble|difficulty) (?:speak|talk|find (?:the |her |his )?words)"
        r"(?! in (?:full )?sentences)",
        r"hemipar\w*", r"hemipleg\w*", r"(?:one|left|right|lt\.?|rt\.?|l|r)[- ]sided? (?:\w+ )?weakness",
        r"weakness (?:of|in|on) (?:the |his |her |my )?(?:left|right|one) (?:side|arm|leg)",
        r"(?:left|right|one) (?:arm|leg) (?:is )?(?:weak|numb)", r"arm drift", r"stroke",
        # FAST in lay words (NHS Stroke: face dropped, can't lift both arms, speech slurred)
        r"speech (?:is |was |sounds |went |has gone |became )(?:all |very |a bit )?(?:slurred|"
        r"garbled)", r"(?:my|his|her|their) (?:face|mouth) (?:is |has |went |has gone )?"
        r"(?:droop\w*|dropped|lopsided)", r"(?:my|his|her|their) arm (?:is |went |has gone |"
        r"feels |suddenly went )(?:suddenly |really |very |all )?(?:weak|limp|floppy|dead)",
        # the same deficit phrased as reduced movement or strength of one side ("decrease in
        # movement of right leg", "decreased muscle strength on the entire right side")
        r"(?:decrease\w*|reduc\w*|loss of|no) (?:in )?(?:movement|moving|power|(?:muscle )?strength) "
        r"(?:of|in|on) (?:the |his |her |my )?(?:entire )?(?:left|right) (?:side|arm|leg|upper|lower)",
        r"not moving (?:the |his |her |my )?(?:left|right) (?:arm|leg|side)",
        r"\bcva\b", r"\btia\b", r"fast (?:positive|\+)", r"sudden (?:loss of )?vision loss",
        # Sensory and the other BE-FAST / NHS stroke signs, as exam vignettes and notes phrase
        # them (NHS 'Stroke - symptoms': sudden numbness on one side of the body, loss of
        # balance, loss of sight; NICE NG128 / BE-FAST): "right-sided body numbness", "left-
        # sided numbness", "decreased sensation ... on the right side of the face and body",
        # "gait suddenly became ataxic", "right homonymous hemianopia".
        r"(?:one|left|right|lt\.?|rt\.?)[- ]sided? (?:\w+ )?(?:numbness|sensory loss|"
        r"hemisensory loss|paraesthesia|paresthesia)",
        r"(?:numbness|sensory loss|(?:decreased|reduced|loss of) sensation)(?: [\w,]+){0,8} "
        r"(?:on|of|in) the (?:left|right) side of the (?:face|body)",
        # a homonymous field loss is a post-chiasmal (stroke) sign; a bitemporal one is a
        # pituitary mass compressing the chiasm (a referral, not a stroke)
        r"hemisensory (?:loss|deficit)", r"(?<!bitemporal )(?<!heteronymous )hemianop\w*",
        r"homonymous",
        r"sudden\w*(?: \w+){0,3} (?:ataxi\w*|loss of balance|unsteady|off balance)",
        r"(?:ataxi\w*|loss of balance)(?: \w+){0,3} sudden\w*"),
        acute_only=True),
    # An ECG that shows an acute coronary occlusion or a dangerous rhythm (NICE CG95 / NG185:
    # ST elevation or new left bundle branch block -> primary PCI pathway; ESI Handbook v4:
    # unstable rhythm is high risk); exam vignettes and referral letters state the ECG result.
    RedFlagRule("ECG: acute ischaemia or dangerous rhythm", 2, _rx(
        r"st[- ](?:segment )?elevations?", r"\bstemi\b", r"st elevation myocardial",
        r"new (?:onset )?left bundle branch block", r"ventricular tachycardia",
        r"(?:complete|third[- ]degree) (?:heart|av|atrioventricular) block",
        r"peaked t[- ]waves?", r"sine[- ]wave")),
    # A time-critical diagnosis that imaging shows (ESI Handbook v4 high-risk situations; NHS
    # 'When to go to A&E'): referral letters and exam vignettes state the result, not the
    # symptoms. The verb must be a finding ("shows", "reveals", "confirms") and nothing
    # between it and the diagnosis may negate it ("CT shows no bleed").
    RedFlagRule("imaging shows a time-critical diagnosis", 2, re.compile(
        r"\b(?:ct|cta|x-?ray|radiograph\w*|ultrasound\w*|ultrasonograph\w*|sonograph\w*|"
        r"scan|mri|angiogra\w*|echocardiogra\w*|imaging|fast exam\w*)\b"
        r"(?:(?!\b(?:no|not|without|negative|ruled?|excluded?|normal)\b)[^.;]){0,40}?"
        r"\b(?:shows?|showed|shown|showing|reveals?|revealed|revealing|demonstrates?|"
        r"demonstrated|demonstrating|confirms?|confirmed|consistent with)\b"
        r"(?:(?!\b(?:no|not|without|negative|ruled?|excluded?|normal)\b)[^.;]){0,60}?"
        r"\b(?:pneumothora\w*|(?:subarachnoid|intracranial|intracerebral|intraparenchymal)\s+"
        r"ha?emorrhage|sub(?:dural|arachnoid)\s+(?:ha?ematoma|bleed\w*)|(?:epi|extra)dural\s+"
        r"ha?ematoma|pulmonary\s+embol\w*|aortic\s+dissection|dissect\w+\s+(?:of\s+the\s+)?"
        r"aort\w*|free\s+(?:intraperitoneal\s+)?air|pneumoperitoneum|"
        r"(?:large|significant|moderate)\s+(?:amount\s+of\s+)?free\s+fluid|ha?emoperitoneum|midline\s+shift|(?:bowel|intestinal)\s+obstruction|volvulus|"
        r"intussusception|perforat\w+|tamponade|pericardial\s+effusion)", re.I),
        acute_only=True),
    RedFlagRule("anaphylaxis", 2, _rx(r"anaphyla\w*")),
    RedFlagRule("anaphylaxis", 2, _rx(
        r"allerg\w*", r"bee sting", r"wasp sting", r"stung", r"peanut", r"shellfish",
        r"after (?:eating|taking)", r"new (?:medication|antibiotic)"),
        with_any=_rx(r"(?:throat|tongue|lips?|face|facial) (?:swelling|swollen|tight\w*)",
                     r"swollen (?:throat|tongue|lips?|face)", r"angioedema", r"wheez\w*",
                     r"short(?:ness)? of breath", r"difficulty breathing", r"can't breathe",
                     r"hives? (?:all over|everywhere)", r"faint\w*", r"collaps\w*",
                     r"dizz\w*", r"hypotens\w*")),
    RedFlagRule("sepsis", 2, _rx(r"sepsis", r"septic", r"neutropeni\w*")),
    RedFlagRule("sepsis", 2, FEVER, with_any=_rx(
        CONFUSION_WORD, r"drowsy", r"letharg\w*", r"mottled", r"chemo\w*", r"immunosuppress\w*",
        r"immunocompromis\w*", r"transplant", r"rigors?", r"hypotens\w*", r"cold (?:hands|peripheries)",
        r"not passed urine", r"no urine")),
    RedFlagRule("respiratory distress", 2, _rx(
        r"respiratory distress", r"severe (?:shortness of breath|breathlessness|dyspn\w*|sob)",
        r"can(?:not|'t) breathe?", r"struggling to breathe",
        r"(?:gasping|labou?red breathing|working hard to breathe)", r"accessory muscle\w*",
        r"(?:unable to|can(?:not|'t)) (?:speak|talk) in (?:full )?sentences", r"one-word sentences",
        r"cyanos\w*", r"cyanotic", r"blue lips", r"lips (?:are |turning )?blue", r"tripod\w*",
        r"(?:acute|sudden|severe) dyspn\w*", r"intercostal recession",
        r"(?:acute|sudden) (?:onset )?(?:dysp?nea|shoness of breath|short(?:ness)? of breath)",
        # increased work of breathing is respiratory distress in clinical words (ESI Handbook v4:
        # respiratory distress is level 2; mts7 mts-1911, a 10-month-old with fever and
        # "increased workup of breathing", a dictation slip, was routine); chest-wall recession
        # or indrawing at any site (NICE NG143 red: moderate or severe chest indrawing; NHS Croup:
        # call 999 when the skin between the ribs pulls in with each breath)
        r"increased (?:work(?:-?up)?|effort) of breathing", r"increased (?:respiratory|breathing) effort",
        r"(?:chest(?: wall)?|intercostal|subcostal|suprasternal|substernal|sternal|supraclavicular|"
        r"tracheal|rib) (?:retractions?|recessions?|indrawing|in-drawing)",
        r"chest (?:is )?(?:sucking|pulling|drawing) in")),
    # "can't catch my breath": distress whatever it is tied to (review 1 of the lay emergency words)
    RedFlagRule("respiratory distress", 2, CATCH_BREATH),
    RedFlagRule("altered mental status", 2, _rx(
        r"altered mental\w*", r"mental (?:status )?change", r"altered mentality", CONFUSION_WORD,
        r"disorient\w*", TRANSIENT.pattern,
        r"unconscious", r"obtunded", r"very drowsy", HARD_TO_WAKE, r"letharg\w*",
        r"hypoglyc\w*", r"delirium", r"not making sense",
        # a lowered mental status in clinical words ("admitted with decreased mental status",
        # "depressed level of consciousness"; mts3 pneumonia with decreased mental status was
        # routine): ESI Handbook v4 (new altered level of consciousness is high risk)
        r"(?:decreased|depressed|reduced|diminished|declining|deteriorating|worsening|impaired|"
        r"lowered|low) (?:level of )?(?:mental status|mentation|consciousness|"
        r"responsiveness(?! to\b))",
        # "altered / deteriorating sensorium" is the South Asian exam and clinical wording for
        # an altered level of consciousness (probe8: TB meningitis "deterioration in sensorium"
        # was missed); ESI / KTAS: new altered consciousness. Only the worsened forms: a
        # "normal" or "clear" sensorium is not matched.
        r"(?:altered|impaired|clouded|depressed|decreased|reduced|poor|deteriorat\w* (?:in|of)|"
        r"declin\w* (?:in|of)|worsening (?:of )?|change in|fluctuating) (?:the )?sensorium",
        r"sensorium (?:is |was |has |became |becomes )?(?:\w+ )?(?:altered|impaired|clouded|"
        r"depressed|deteriorat\w*|worsen\w*|declin\w*)",
        # a worsening lay course of the same ("getting harder to wake"); a fixed "I find it
        # harder to wake up in the mornings" is a sleep complaint and is not matched
        r"(?:getting|becoming|growing) (?:harder|more difficult) to (?:wake|rouse)",
        # a fall in responsiveness from the person's own baseline (ESI/KTAS: new altered level
        # of consciousness), as carers describe it in people who cannot speak for themselves
        r"(?:less|more|not as|poorly|un)[- ]?responsive than (?:\w+ ){0,2}(?:normal|usual|baseline)",
        r"(?:less|decreased|reduced) responsive(?:ness)?(?! to (?!voice|pain|touch|stimul))",
        # NICE NG143 red: "appears ill, does not wake or if roused does not stay awake"
        r"(?:very|excessively|abnormally|unusually|extremely) (?:sleepy|floppy)"),
        condition=lambda p: not guard("rf:ams_alert_transient",
                                      _alert_now(p) and _only_transient(p))),
    # NICE NG143 (under 5s, red) and NICE NG51 (children 5-11, high risk): a child who
    # "appears ill to a healthcare professional" with a possible infection needs emergency
    # assessment. Children only (the adult NG51 criteria do not include it).
    RedFlagRule("child who appears ill with a possible infection", 2, ILL_APPEARING,
                with_any=_rx(FEVER.pattern[5:-1], r"cough\w*", r"short(?:ness)? of breath",
                             r"difficulty (?:in )?breathing", r"dyspn\w*", r"breathless\w*",
                             r"crackles", r"infect\w*", r"rash", r"vomit\w*", r"diarrh\w*"),
                condition=lambda p: (p.age is not None and p.age < 12
                                     and not guard("rf:ill_child_long_standing",
                                                   LONG_STANDING.search(p.text) is not None))),
    # A seizure or blackout in a patient documented alert now is urgent, not emergent
    # (KTAS: post-ictal alert -> 3); without a documented alert state it stays emergent.
    RedFlagRule("seizure or loss of consciousness, now alert", 3, TRANSIENT,
                condition=_alert_now),
    RedFlagRule("severe bleeding", 2, _rx(
        r"(?:heavy|severe|profuse|uncontrolled|massive|major) (?:bleeding|blood loss|haemorrhage|"
        r"hemorrhage)", r"bleeding heavily", r"(?:won't|will not|doesn't|does not) stop bleeding",
        r"spurting", r"soaked (?:through )?(?:with blood|bandages?|towels?)", r"pool of blood",
        r"vomiting blood", r"ha?ematemesis",
        # "vomited a large amount of bright red blood" (no negation among the words between)
        r"vomit\w* (?:(?!no\b|not\b|without\b|any\b)\w+ ){1,6}blood\b", r"coughing up (?:a lot of )?blood",
        r"cough\w* up (?:a |half a )?(?:cup|mug|glass)(?:ful)? of blood",
        r"cough\w* up (?:a lot|lots|large amounts?|clots) of blood",
        r"massive ha?emoptysis", r"melae?na", r"black tarry stools?",
        # the same in lay words (NHS Bleeding from the bottom: A&E for a lot of blood, big
        # clots, or black or dark red poo)
        r"black,? (?:and )?tarry", r"(?:a lot of|lots of|loads of|large amounts? of|big) "
        r"(?:\w+ ){0,2}(?:blood|clots)(?: \w+){0,4} (?:from|out of) (?:my|his|her|the) "
        r"(?:bottom|back passage|rectum|anus)",
        r"bleeding (?:while|on) (?:blood thinners|anticoagulants|warfarin)")),
    RedFlagRule("suicidality or self-harm", 2, _rx(
        r"suicid\w*", r"kill (?:myself|himself|herself|themselves)", r"end (?:my|his|her) life",
        # the same thought in its other lay forms ("thinking of ending my life", "take my own
        # life"): NHS "Suicide: get help now" lists thoughts of ending your life
        r"ending (?:my|his|her|their) (?:own )?li(?:fe|ves)",
        r"take (?:my|his|her|their) own li(?:fe|ves)",
        r"want(?:s|ed)? to die", r"self[- ]harm\w*", r"cut (?:his|her|my) wrists?",
        r"hang(?:ing)? (?:myself|himself|herself)", r"no reason to live",
        # self-harm in plain words (NICE NG225: self-harm is any self-injury, whatever the intent)
        r"(?:trying|tried|try|attempt\w*|wants? to|wanted to|going to|threaten\w* to) (?:to )?"
        r"(?:hurt|harm|injure|cut) (?:myself|himself|herself|themselves)",
        r"(?:hurting|harming|injuring|cutting) (?:myself|himself|herself|themselves)",
        # a note's "SI: yes" / "SI -- plans to overdose" (the abbreviation, capitals only)
        _NOTE_ITEM_YES.format(item="SI"))),
    # Thoughts or threats of killing or harming another person (mts3: "became homicidal ... thoughts
    # about killing his mother" was routine): ESI Implementation Handbook v4 lists homicidal
    # patients among the high-risk situations (level 2); NHS "Get help for a mental health
    # crisis" (999 / A&E when someone is at risk of harming others). A person is the object:
    # "hurt my back" is not matched; a denial ("denies homicidal ideation") is negated.
    RedFlagRule("risk of harm to others", 2, _rx(
        r"homicidal", r"(?:danger|risk|threat) to (?:others|other people|the public|(?:his|her|their) "
        r"family)",
        r"(?:thoughts?|thinking|urges?|ideas?|fantasies|impulses?) (?:about|of) (?:killing|murdering|"
        r"stabbing|shooting|strangling|hurting|harming|attacking) " + _OTHER_PERSON,
        r"(?:wants?|wanted|wanting|threaten\w*|threats?|planning|plans?|intends?|intending|urges?)"
        r" to (?:kill|murder|stab|shoot|strangle|hurt|harm|attack) " + _OTHER_PERSON,
        # "going to" with its person ("he's going to kill ..."), not "is the x-ray going to harm the
        # baby?" (review of mts4)
        r"(?:(?:i'?m|i am|he'?s|he is|she'?s|she is|they'?re|they are|i was|he was|she was|they were) |"
        r"^|(?<=[.,;!?\n])\s*)"
        r"going to (?:kill|murder|stab|shoot|strangle|hurt|harm|attack) " + _OTHER_PERSON,
        # a school or workplace attack threatened (ESI v4 homicidal; review of mts3)
        r"(?:wants?|wanted|threaten\w*|threats?|planning|plans?|going) to shoot up (?:his|her|my|"
        r"their|a|the) (?:school|college|work|workplace|office|church|mall)",
        # a note's "HI: yes" / "HI -- plans to kill neighbour tonight" (review of trneg)
        _NOTE_ITEM_YES.format(item="HI"))),
    # NICE NG133 Hypertension in pregnancy: severe hypertension (systolic >= 160 or diastolic
    # >= 110 mmHg) in pregnancy or after birth needs admission (pre-eclampsia risk). The
    # pregnancy may be stated only by its signs (a palpable fundus, fetal heart sounds, a
    # molar pregnancy).
    RedFlagRule("severe hypertension in pregnancy", 2, _rx(
        PREGNANT.pattern[5:-1], RECENT_BIRTH.pattern[5:-1], r"(?:fetal|foetal) heart\w*", r"fundal height",
        r"fundus (?:of the uterus )?(?:is )?(?:at|above|palpable|\d+ ?cm)",
        r"molar pregnancy", r"hydatidiform", r"\d+ weeks'? gestation"),
        condition=lambda p: ((p.vitals.systolic_bp or 0) >= 160
                             or (p.vitals.diastolic_bp or 0) >= 110)),
    RedFlagRule("pregnancy with bleeding or pain", 2, PREGNANT, with_any=_PREG_BLEED_OR_PAIN,
                condition=_pregnancy_bleed_site_ok),
    RedFlagRule("meningism", 2, _rx(
        r"(?:stiff|stiffness of the) neck", r"neck stiffness", r"nuchal rigidity", r"meningi\w*",
        # the same in lay words (NHS Meningitis: a stiff neck; can't touch the chin to the chest)
        # (a possessive: an examination's "the patient's neck is stiff" is left to the
        # clinical forms above and the examiner's other findings)
        r"(?:my|his|her|their) neck (?:is |feels |was |went |got |has gone )(?:very |really |so |"
        r"a bit )?stiff",
        r"(?:can(?:no|')t|unable to|not able to) (?:bend|touch|put|get|move) (?:my|his|her|their) "
        r"(?:chin|head) (?:down )?(?:to|on|onto|against) (?:my|his|her|their|the) chest",
        r"kernig\w*", r"brudzinski\w*", r"non-?blanching rash", r"purpur\w*", r"petechia\w*",
        # the NHS glass test in lay words: "a rash that doesn't fade when I press a glass on it"
        r"rash (?:that |which )?" + GLASS_TEST_LAY, r"glass test"),
        with_any=_rx(r"fever\w*", r"febrile", r"headache", r"photophobia", r"rash", r"vomit\w*",
                     r"drowsy", CONFUSION_WORD, r"temp\w*")),
    RedFlagRule("thunderclap headache", 2, _rx(
        r"thunderclap", r"sudden(?:ly)?(?: onset)?,? severe headache",
        r"sudden (?:onset )?headache", r"headache (?:came on|started) suddenly")),
    RedFlagRule("thunderclap headache", 2, _rx(r"worst headache"), condition=_worst_not_gradual),
    RedFlagRule("possible testicular torsion", 2, SCROTAL_PAIN, condition=_male_or_unknown),
    RedFlagRule("possible testicular torsion", 2, TESTICULAR_SWELLING,
        with_any=PAIN_NOT_PAINLESS, condition=_male_or_unknown),
    # A boy or young man's swollen testicle is torsion until shown otherwise (NICE CKS: torsion
    # peaks in adolescence; pain may be reported as abdominal or not at all): only a stated
    # painless swelling, or an older man, leaves it to the pain rule above.
    RedFlagRule("possible testicular torsion", 2, TESTICULAR_SWELLING,
        condition=_young_male_not_painless),
    RedFlagRule("fever in an infant under 3 months", 2, FEVER, condition=_infant),
    RedFlagRule("fever in an infant under 3 months", 2, INFANT_FEELS_HOT, condition=_infant),
    RedFlagRule("overdose or poisoning", 2, _rx(
        r"overdos\w*", r"took (?:about |around |over |up to )?(?:too many|a handful of|\d+|"
        r"all (?:of )?(?:his|her|my|their))\s+(?:[\w-]+\s+){0,2}(?:pills|tablets|capsules)",
        # poison ivy / oak / sumac alone is a contact rash (NHS Contact dermatitis; mts3); the
        # rule below reads it as a poisoning when anything else in the text could be one
        r"poison(?!\s+(?:ivy|oak|sumac)\b)\w*",
        r"(?:swallowed|ingest\w*|drank)(?: of)? (?:some )?(?:bleach|a "
        r"(?:button )?battery|batteries|chemicals?|pills|tablets|detergent|pesticide|paraquat)", r"drug intoxication", r"\bdi\b,? drug",
        r"carbon monoxide", r"paracetamol overdose", r"antifreeze",
        # someone else's medicine taken (a child into a grandparent's tablets: TOXBASE / NHS
        # Poisoning) and volatile substances (solvent sniffing: arrhythmia risk)
        r"(?:swallowed|ate|eaten|taken|took|ingested|chewed) (?:\w+ ){0,3}(?:of )?(?:\w+(?:'|\u2019)s) "
        r"(?:pills|tablets|capsules|medicines?|medications?)",
        r"(?:sniff\w*|inhal\w*|huff\w*) (?:\w+ )?(?:glue|solvents?|petrol|gasoline|butane|lighter fluid|"
        r"aerosols?|paint thinner)",
        # a deliberate ingestion or injection in plain words, each its own current event (review
        # 1, item 5: "I overdosed a year ago. Tonight I've swallowed all my sleeping pills"; "he
        # has injected all his insulin pen"): NHS Poisoning / TOXBASE: A&E
        r"(?:swallow(?:ed|ing)|taken|took|taking|ingest(?:ed|ing)|injected|had) (?:all|the whole|a (?:whole )?"
        r"(?:packet|pack|box|bottle|strip|load|handful|pot)|loads|lots|a lot|too many|too much|(?:\d+|twenty|"
        r"thirty|forty|fifty)(?: more)?|(?:some |lots |loads |a lot )?more|another) (?:of )?(?:(?:my|his|her|their|the) )?(?:[\w'-]+ ){0,2}"
        r"(?:pills|tablets|capsules|paracetamol|insulin|medicines?|medication)",
        r"(?:took|taken|taking|swallowed) (?:some |lots |loads |a lot )?more (?:of )?(?:them|those)\b",
        r"(?:took|taken|taking|swallowed) (?:lots|loads|a lot|a load) more\b",
        r"(?:injected|given (?:himself|herself|myself)) (?:all|too much|extra|a lot) (?:of )?"
        r"(?:(?:my|his|her|their) )?insulin"), current_only=True),
    # A poisonous plant is a poisoning when eaten, chewed, in the mouth, burnt and its smoke
    # breathed, or its sap in the eyes (CDC NIOSH "Poisonous Plants"; NHS Poisoning): such a
    # word anywhere in the text, not denied, keeps the old reading (review of mts3:
    # word-distance forms missed "ate some leaves from a poison ivy plant").
    RedFlagRule("overdose or poisoning", 2, _rx(r"poison (?:ivy|oak|sumac)"),
                condition=_plant_poisoning, current_only=True),
    RedFlagRule("major trauma mechanism", 2, _rx(
        r"high[- ]speed", r"(?:car|motor vehicle|road traffic|motorcycle|motorbike) "
        r"(?:crash|collision|accident)", r"\bmvc\b", r"\bmva\b", r"\brta\b", r"rollover",
        r"ejected", r"pedestrian (?:hit|struck)", r"(?:hit|struck) by (?:a )?(?:car|vehicle|truck|bus)",
        r"fell (?:from|off) (?:a |the )?(?:roof|ladder|height|balcony|scaffold\w*|\d+ ?(?:m|meters|"
        r"metres|feet|ft|stor(?:ey|y|ies)))", r"fall from (?:height|a height)", r"gunshot",
        r"(?:fell|fall of|falling) (?:about |over |nearly |around )?(?:\d+(?:\.\d+)?|two|three|four|"
        r"five|six|ten) ?(?:m|meters|metres|feet|ft|stor(?:ey|y|ies))\b",
        r"shot (?:in|with)", r"stab(?:bed| wound)", r"penetrating", r"impaled", r"amputat\w*",
        r"crush(?:ed)? (?:injury|under)", r"head injury with (?:loss of consciousness|loc)",
        r"major trauma", r"multiple injuries", r"polytrauma"), acute_only=True),
    RedFlagRule("possible spinal cord compression", 2, _rx(
        r"parapar\w*", r"parapleg\w*", r"cauda equina", r"saddle (?:an(?:a)?esthesia|numbness)",
        r"(?:both|bilateral) legs? (?:weak\w*|numb\w*|gave way)", r"cord compression",
        r"(?:loss of (?:power|strength|sensation|movement)|paralysis) (?:in|of) "
        r"(?:both|his|her|the|my) (?:legs|lower (?:limbs|extremities))",
        r"(?:weakness|numbness) (?:in|of) both (?:legs|lower (?:limbs|extremities))",
        r"(?:cannot|can't|unable to) (?:move|feel|stand on|walk on) (?:both|his|her|my) legs",
        r"(?:new )?(?:urinary retention|incontinence) with (?:back pain|leg weakness)",
        # saddle anaesthesia in lay words (NHS Cauda equina syndrome: numbness around the
        # bottom, anus or genitals -> A&E)
        SADDLE_LAY)),
    # NHS Cauda equina syndrome: back pain with problems peeing or pooing (retention, new
    # incontinence, not knowing when the bladder is full) -> A&E; urinary retention alone is
    # more often the prostate, so the bladder or bowel change needs the back pain.
    RedFlagRule("possible spinal cord compression", 2, BACK_PAIN, with_any=SPHINCTER_LAY),
    RedFlagRule("chemical burn or eye exposure", 2, _rx(
        # "alkaline phosphatase" is a laboratory test, not an exposure.
        r"chemical (?:burn|injury|splash|in (?:the |his |her |my )?eyes?)",
        r"alkali(?!ne phosphatase)\w*", r"acid (?:burn|splash|in)", r"(?:bleach|lye|caustic\w*) (?:in|splash\w*)")),
    RedFlagRule("priapism", 2, _rx(r"priapism", r"erection,? penile",
                                    r"(?:prolonged|painful|persistent) erection")),
    RedFlagRule("severe abdominal pain with peritonism", 2, ABDO_PAIN, with_any=_rx(
        r"rigid\w*", r"guarding", r"rebound", r"board[- ]like", r"peritoni\w*",
        r"(?:worse|hurts|pain) (?:with|on) (?:movement|moving|coughing|bumps)",
        r"lying (?:completely )?still", r"tearing", r"radiat\w* to (?:the )?back",
        r"pulsatile mass")),
    RedFlagRule("severe abdominal pain with peritonism", 2, _rx(
        r"rigid abdomen", r"board[- ]like abdomen", r"peritonitis", r"peritonism",
        r"(?:abdominal|aortic) aneurysm", r"\baaa\b", r"aortic dissection")),
)


# A sentence that lists the past medical history ("Past medical history is significant for
# ... delirium tremens"; "She has a history of a seizure disorder") names old problems, not
# the presenting one, unless it goes on to a presentation ("... and now presents with").
_PMH_LEAD = re.compile(
    r"\b(?:past (?:medical |surgical )?history|medical history|pmh|past history|"
    r"(?:has|had) (?:a |an )?(?:long |known |past |previous )?history of|"
    r"history (?:is |was )?(?:significant|notable|remarkable|positive) for)\b", re.I)
_PRESENT_NOW = re.compile(r"\b(?:present\w*|now|today|comes?|came|brought|develop\w*|"
                          r"currently|this (?:morning|evening)|tonight|sudden\w*)\b", re.I)
# A denial that heads a list ("denies fever, chills, night sweats, ... or chest pain"; "the
# parents deny any complaints of headaches or convulsions") negates every item of the list,
# however long; NegEx's fixed window (60 characters) misses the items at its end. The list
# ends at a clause break or a word that starts a new statement.
# (a negated denial, "no longer denies" / "does not deny", affirms: NegEx pseudo-negation)
_DENIAL = re.compile(r"\b(?<!no longer )(?<!not )(?<!never )(?<!n't )(?<!cannot )"
                     r"(?:den(?:y|ies|ied|ying)|negative for|no (?:history|complaints?|signs?) of)\b",
                     re.I)
# (a denied list is a list of nouns: any verb of a new statement ends it)
_LIST_BREAK = re.compile(r"[.;:!?\n]|\b(?:but|however|although|though|except|apart from|"
                         r"presents?|presented|reports?|complains?|has|had|is|was|are|were|now|"
                         r"which|who|after|then|while|until|since|develop\w*|noticed?|notes|"
                         r"started|starts|began|begins|became|becomes|states?|stated|says|said|"
                         r"describes?|described|experienc\w+|woke|feels|felt|got|gets|does|did|"
                         r"can|cannot|could|will|would|admits?|endorses?|suddenly|today|"
                         r"this (?:morning|evening|afternoon))\b", re.I)


# Acute airway, breathing and circulation signs (ABCDE assessment, Resuscitation Council UK;
# NHS: call 999 for stridor, throat swelling, can't speak in full sentences, not breathing,
# unresponsive, blue lips) are never a past-history item in practice: a PMH sentence that
# runs on into the complaint ("Past medical history of anaphylaxis, stridor and throat
# swelling after a bee sting") must not hide them (review, issue 21). The history-sentence
# guard does not apply to a trigger that is one of them.
ACUTE_ABC = _rx(r"stridor", r"(?:tongue|throat) (?:is |was |has |became |started )?(?:swelling|"
                r"swollen|swelled|closing|is closing)", r"swollen (?:tongue|throat)",
                r"swelling (?:of|in) (?:the |his |her |my )?(?:tongue|throat)",
                r"(?:unable to|can(?:not|'t)) (?:speak|talk) in (?:full )?sentences",
                r"one-word sentences", r"not breathing", r"stopped breathing", r"apnoe?ic",
                r"unresponsive", r"unrousable", r"cyanos\w*", r"cyanotic",
                r"blue lips", r"lips (?:are |turning )?blue", r"no pulse", r"pulseless")


def in_history_sentence(text: str, start: int) -> bool:
    """Whether ``start`` lies in a past-medical-history sentence, after its lead and before
    any presentation word."""
    left = _sentence_start(text, start)
    right_m = _SENTENCE_END.search(text, start)
    right = right_m.start() if right_m else len(text)
    leads = list(_PMH_LEAD.finditer(text, left, start))
    return (bool(leads) and _PRESENT_NOW.search(text, leads[-1].end(), start) is None
            and ACUTE_MARKER.search(text, left, right) is None
            and CURRENT_COURSE.search(text, left, right) is None)


# The denial reaches past NegEx's window only across a punctuated list: items separated by
# commas, "or", "and", "nor" or "/", each a short noun phrase. A long unpunctuated run
# ("denies fever chills nausea vomiting diarrhea constipation crushing chest pain radiating to
# left arm") has no visible scope: where the denial ends is uncertain, so only the plain NegEx
# window applies and a red flag beyond it stays affirmed (the safe side; review, issue 21).
_LIST_SEP = re.compile(r",|/|\b(?:or|and|nor)\b", re.I)
_MAX_ITEM_WORDS = 5  # "shortness of breath on exertion", "pain on passing urine"


def _punctuated_list(gap: str) -> bool:
    """Whether ``gap`` (from the denial cue to the finding) is a separated list of short items."""
    items = _LIST_SEP.split(gap)
    return len(items) > 1 and all(len(it.split()) <= _MAX_ITEM_WORDS for it in items)


def in_denied_list(text: str, start: int) -> bool:
    """Whether ``start`` lies in a punctuated list headed by a denial, within 300 characters."""
    left = _sentence_start(text, start)
    left = max(left, start - 300)
    cues = list(_DENIAL.finditer(text, left, start))
    return (bool(cues) and _LIST_BREAK.search(text, cues[-1].end(), start) is None
            and _punctuated_list(text[cues[-1].end():start]))


# An event its own clause dates months or years back ("I overdosed three years ago", "an
# overdose in 2019", "took an overdose as a teenager") is past history, not the presentation
# (NICE NG225 asks about *previous* self-harm as a risk factor, assessed by the mental health
# team, not as an emergency in itself). Hours, days and weeks are not dated past: a staggered
# paracetamol overdose days ago still needs A&E (NHS Paracetamol overdose; TOXBASE). The date
# must follow the trigger within its clause (no comma, "but", "and" between them).
DATED_PAST = re.compile(
    r"(?P<gap>[^.;,!?\n]{0,40}?)\b(?:(?:\d+|a few|few|several|many|two|three|four|five|six|seven|eight|"
    r"nine|ten|a couple of)\s+(?:months?|years?)\s+ago|(?:a|one)\s+(?:month|year)\s+ago|years ago|last "
    r"year|in (?:19|20)\d\d|as a (?:teenager|child|student)|when (?:i|he|she|they) (?:was|were) "
    r"(?:\d+|young|younger|a teenager|at (?:school|university|college)))\b", re.I)
_DATED_GAP_BREAK = re.compile(r"\b(?:but|and|then|now|again)\b", re.I)
# ... unless the same sentence also states a current event ("an overdose 2 years ago and
# again this morning"): then the trigger stands.
CURRENT_EVENT = re.compile(
    r"\b(?:again|today|tonight|this (?:morning|afternoon|evening)|last night|just (?:now|taken|"
    r"took)|(?:\d+|a few|few|several|an?|one|two|three|four|five|six) (?:hours?|minutes?|mins?|"
    r"days?|weeks?) ago|yesterday|earlier)\b", re.I)


def dated_past(text: str, start: int, end: int) -> bool:
    """Whether the trigger ``text[start:end]`` is an event its own clause dates months or years
    back, with no current event stated in its sentence."""
    m = DATED_PAST.match(text, end)
    if m is None or _DATED_GAP_BREAK.search(m.group("gap")) is not None:
        return False
    left = _sentence_start(text, start)
    right_m = _SENTENCE_END.search(text, end)
    right = right_m.start() if right_m else len(text)
    return CURRENT_EVENT.search(text, left, right) is None


# (lay11) A full stop left out before a capitalised word that is no sentence-opening function
# word ("no fever Crushing chest pain and sweating", "denies cough Severe headache since
# lunch"): ``negation._LOST_STOP`` starts a new sentence only at a closed list of openers (a
# pronoun, a possessive, an article), so the "no" of the first sentence still reached the
# chest pain of the next (issue 21: 2 -> 4). A capital in mid-sentence right after a lower-case
# word opens a sentence in English prose (as ``knowledge._unstopped_head`` reads it); NegEx ends
# a cue's scope at the sentence end (Chapman et al. 2001). Not after a cue, a preposition, a
# conjunction, an article or a history or time modifier ("no prior Stroke", "no history of
# Stroke", "denies any Chest pain", "no known Anaphylaxis"), not "I", and not before another
# capitalised word (a proper name or a title-case phrase). For the red flags only, laid on
# ``negation.danger_view``: it can only end a negation sooner, never extend one.
_CAP_STOP = re.compile(r"(?P<prev>\b[a-z0-9][\w'%)/-]*)(?P<sp>[ \t]+)[A-Z][a-z]+\b(?![ \t]+[A-Z])")
_CAP_STOP_NOT_AFTER = frozenset((
    "no", "not", "nor", "or", "and", "of", "to", "with", "without", "for", "any", "denies",
    "denied", "deny", "never", "the", "a", "an", "in", "on", "at", "by", "from", "negative",
    "absent", "known", "prior", "previous", "previously", "recent", "past", "other", "further",
    "significant", "obvious", "new", "acute", "chronic", "personal", "family", "history", "hx",
    "h/o", "s/p", "current", "active", "free", "evidence", "signs", "sign", "symptoms", "like",
    "as", "than", "but", "nor", "neither", "either", "had", "have", "has", "having", "ever",
    "such", "suggest", "suggesting", "suggestive", "concerning", "called", "named", "dr", "mr",
    "mrs", "ms", "st", "saint",
    # (laytrifix, review of lay11) nor inside a denied phrase after a degree word, an adverb, a
    # feeling verb or a severity / quality adjective ("I'm not feeling Suicidal", "I'm not really
    # Suicidal", "no crushing Chest pain", "no bad Chest pain", "not really Chest pain more like
    # Heartburn"): these words modify the capitalised word that follows, they do not end a
    # sentence. Words ending in "-ly" are adverbs as well (see _cap_stop_after).
    "really", "very", "so", "too", "that", "quite", "particularly", "especially", "actually",
    "truly", "exactly", "overly", "much", "more", "most", "less", "real", "true", "at", "all",
    "feel", "feels", "feeling", "felt", "bad", "severe", "crushing", "sharp", "stabbing",
    "burning", "throbbing", "pounding", "splitting", "shooting", "tight", "heavy", "sudden",
    "big", "major", "serious", "terrible", "awful", "horrible", "mild", "proper", "actual",
    "genuine", "worse", "worst", "bloody", "feeling", "being", "be", "is", "am", "are", "was",
    "were", "get", "getting", "got", "even", "yet", "still", "just", "massive", "huge",
    "extreme", "intense", "unbearable", "excruciating"))


def _cap_stop_after(prev: str) -> bool:
    """Whether a capitalised word right after ``prev`` may open a sentence (see _CAP_STOP)."""
    prev = prev.lower()
    return prev not in _CAP_STOP_NOT_AFTER and not (len(prev) > 4 and prev.endswith("ly"))


@functools.lru_cache(maxsize=256)
def _rf_view(text: str) -> str:
    """``negation.danger_view`` with a ";" before a capitalised word that opens a sentence whose
    full stop was left out (see _CAP_STOP); offsets unchanged."""
    view = danger_view(text)
    chars = None
    for m in _CAP_STOP.finditer(text):
        if not _cap_stop_after(m.group("prev")):
            continue
        if chars is None:
            chars = list(view)
        chars[m.start("sp")] = ";"
    return view if chars is None else "".join(chars)


def find_affirmed_danger(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """First match of ``pattern`` in ``text`` not negated, with a negation stopping at a comma
    that starts a new statement (``negation.danger_view``): for a feature that raises a level
    ("no fever, vomiting blood": the blood is affirmed)."""
    view = _rf_view(text)
    return next((m for m in pattern.finditer(text)
                 if not clause_negated(view, m.start(), m.end())
                 and not guard("rf:aux_negated", aux_negated(view, m.start(), m.end()))
                 and not guard("rf:post_negated", post_negated(text, m.start(), m.end()))
                 # (tri14c) a lay denial of this phrase alone ("never lost consciousness.")
                 and not guard("rf:lay_denied", lay_denied(text, m.start(), m.end()))), None)


def _find_trigger(rule: RedFlagRule, text: str) -> re.Match[str] | None:
    """The first affirmed trigger of ``rule`` (for an ``acute_only`` rule, the first not in a
    sentence that states a chronic course): not negated (clause NegEx or a denied list) and
    not in a past-medical-history sentence."""
    view = _rf_view(text)  # a negation stops at a comma that starts a new statement
    for m in rule.trigger.finditer(text):
        if not rule.own_polarity and clause_negated(view, m.start(), m.end()):
            continue
        if guard("rf:aux_negated", aux_negated(view, m.start(), m.end())):
            continue
        # "Suicidal ideation: no", "Homicidal ideation is denied" (note-style post-negation)
        if guard("rf:post_negated", post_negated(text, m.start(), m.end())):
            continue
        # (tri14c) a contracted or lay denial whose closed direct object is this phrase alone
        if not rule.own_polarity and guard("rf:lay_denied", lay_denied(text, m.start(), m.end())):
            continue
        if guard("rf:denied_list", in_denied_list(view, m.start())):
            continue
        if (not ACUTE_ABC.match(text, m.start())
                and guard("rf:history_sentence", in_history_sentence(text, m.start()))):
            continue
        if rule.acute_only and guard("rf:chronic_sentence",
                                     in_chronic_sentence(text, m.start(), m.end())):
            continue
        if rule.current_only and guard("rf:dated_past", dated_past(text, m.start(), m.end())):
            continue
        if rule.match_ok is not None and not rule.match_ok(text, m):
            continue
        return m
    return None


def find_red_flags(p: Presentation) -> list[RedFlagHit]:
    """All red-flag rules that fire on ``p`` (one hit per rule name, most urgent kept)."""
    hits: dict[str, RedFlagHit] = {}
    teething = guard("rf:teething_drool", _teething_drool(p))
    drool: RedFlagHit | None = None
    for rule in RULES:
        m = _find_trigger(rule, p.text)
        if m is None:
            continue
        if teething and rule is _DROOL_RULE:
            if rule.condition is None or rule.condition(p):
                drool = RedFlagHit(rule.name, rule.acuity, m.group(0).strip(), m.span())
            continue
        evidence, span = m.group(0), m.span()
        if rule.with_any is not None:
            m2 = find_affirmed_danger(rule.with_any, p.text)
            if m2 is None:
                continue
            lo, hi = min(m.start(), m2.start()), max(m.end(), m2.end())
            evidence = f"{m.group(0)} ... {m2.group(0)}" if hi - lo > 80 else p.text[lo:hi]
            span = (lo, hi)
        if rule.condition is not None and not rule.condition(p):
            continue
        old = hits.get(rule.name)
        if old is None or rule.acuity < old.acuity:
            hits[rule.name] = RedFlagHit(rule.name, rule.acuity, evidence.strip(), span)
    # A teething drool is an airway sign again beside any other red flag; alone, it is a
    # same-day review (acuity 3): never routine or self-care (safety review of trneg).
    if drool is not None:
        if hits:
            old = hits.get(drool.name)
            if old is None or drool.acuity < old.acuity:
                hits[drool.name] = drool
        else:
            hits[TEETHING_DROOL] = RedFlagHit(TEETHING_DROOL, 3, drool.evidence, drool.span)
    # The acuity-1 twin says everything the acuity-2 rule says; report it alone. Likewise a
    # specific rule subsumes the generic one it refines.
    for base, twin in [*ESCALATED.items(), *SUBSUMED]:
        if twin in hits:
            hits.pop(base, None)
    return sorted(hits.values(), key=lambda h: (h.acuity, h.span[0]))
# ---- lay wording of emergencies (review, t21: self-care entries took real emergencies) ----
_SWEAT_OR_SICK = _rx(r"sweat\w*", r"clammy", r"diaphore\w*", r"nause\w*", r"feel(?:s|ing)? sick",
                     r"vomit\w*", r"being sick", r"short(?:ness)? of breath", r"breathless\w*",
                     r"grey|gray", r"light-?headed", r"dizz\w*", r"faint\w*")
_POLYURIA = _rx(r"pee\w* (?:\w+ ){0,2}(?:all the time|loads|a lot|constantly|more|lots)",
                r"wee\w* (?:\w+ ){0,2}(?:all the time|loads|a lot|constantly|more|lots)",
                r"(?:urinat\w*|passing urine|passing water) (?:\w+ ){0,2}(?:all the time|a lot|"
                r"frequently|more|constantly)", r"polyuria", r"wetting (?:the bed|himself|herself) again")
_TSS_SIGNS = _rx(r"dizz\w*", r"faint\w*", r"light-?headed", r"collaps\w*", r"sunburn\w*",
                 r"rash", r"vomit\w*", r"diarrh\w*", CONFUSION_WORD, r"blotchy", r"hypotens\w*")


# "tachypnoeic from crying", "tachypnea when crying", "nasal flaring while upset"
_WHILE_CRYING = (r"\w*(?:,)?\s+(?:(?:only|just|mainly|mostly)\s+)?(?:from|when|while|during|with|on|after)\s+"
                 r"(?:\w+\s+)?(?:crying|cries|cry|screaming|upset|agitat\w*|distress(?:ed)?|"
                 r"examination|exam)\b")
_RETRACTION = _rx(r"retractions", r"retracting", r"recession", r"indrawing", r"head bobbing")
_OTHER_RETRACTION_SITE = _rx(r"nipples?", r"areola\w*", r"ear ?drums?", r"tympanic", r"\bTMs?\b",
                             r"foreskin", r"prepuc\w*", r"phimosis", r"gums?", r"gingiva\w*",
                             r"retractors?", r"lids?", r"eyelids?", r"scars?", r"testic\w*",
                             r"skin retraction", r"dimpl\w*")


def _breathing_retraction(p: Presentation) -> bool:
    """Whether some affirmed retraction / recession is in a sentence that names no other site
    (a nipple, an eardrum, a foreskin, the gums, a surgical retractor)."""
    view = _rf_view(p.text)
    for m in _RETRACTION.finditer(p.text):
        if clause_negated(view, m.start(), m.end()):
            continue
        right_m = _SENTENCE_END.search(p.text, m.end())
        sentence = p.text[_sentence_start(p.text, m.start()):right_m.start() if right_m else None]
        if not _OTHER_RETRACTION_SITE.search(sentence):
            return True
    return False


def _normal_vitals(p: Presentation) -> bool:
    """A blood pressure measured and normal: the faintness has been checked by a clinician."""
    return p.vitals.systolic_bp is not None and p.vitals.systolic_bp >= 100


def _has(pattern: re.Pattern[str]) -> Callable[[Presentation], bool]:
    return lambda p: find_affirmed_danger(pattern, p.text) is not None


#: NHS "Sepsis" danger signs read beside a possible infection (shared by the sepsis rules)
_SEPSIS_SIGNS = _rx(
    r"(?:hands|feet)(?: and (?:hands|feet))? (?:are |feel |felt |were |is )?(?:\w+ )?(?:cold|icy|freezing)",
    r"cold (?:hands|feet|peripheries)", r"mottl\w*", r"blotchy",
    r"(?:skin|lips|tongue) (?:is |are |looks? |went |turn\w* )?(?:\w+ )?(?:blue|grey|gray|blotchy)",
    r"(?:blue|grey|gray|blotchy) (?:skin|lips|tongue)",
    r"(?:feels?|felt|feeling) (?:like )?(?:he|she|i|they)(?:'s|'m| is| am| are)? going to die",
    r"(?:sense of )?impending doom",
    r"(?:not|hasn'?t|has not|haven'?t|have not) (?:passed urine|peed|wee'?d|had a wee|urinated)"
    r" (?:\w+ ){0,2}(?:since|all day|today|for)")


LAY_RULES: tuple[RedFlagRule, ...] = (
    # NHS "Suicide: get help now" and NICE NG225 (self-harm): thoughts of suicide with a plan,
    # preparation or the means at hand, in the words people use ("stockpiled my tablets and
    # plan to take them all", "looking up how many paracetamol would kill me", "written a note
    # and bought rope", "I don't want to be here anymore").
    RedFlagRule("suicidality or self-harm", 2, _rx(
        r"(?:stockpil\w*|sav(?:ed|ing) up|hoard\w*|collect(?:ed|ing)) (?:\w+ ){0,3}(?:tablets|pills|"
        r"medicines?|medications?|painkillers|paracetamol)",
        r"(?:plan|planning|going|intend\w*) to (?:take|swallow) (?:them|the lot|all)(?: all)?\b",
        r"how many (?:\w+ ){0,3}(?:would|will|it takes to|to) (?:kill|die)",
        r"(?:would|will|to) kill (?:me|him|her|myself)\b(?! with)",
        r"(?:written|wrote|writing|left) (?:a |my |his |her )?(?:suicide |goodbye |farewell )(?:note|letter)",
        r"(?:bought|buying|got|have) (?:a |some )?(?:rope|noose)", r"\bnoose\b",
        r"(?:don'?t|do not|no longer|doesn'?t|does not) want to (?:be here|be alive|live|go on)"
        r" (?:any ?more|any longer)",
        r"(?:don'?t|do not|doesn'?t|does not) want to (?:wake up|be alive|live any ?more)",
        r"better off (?:dead|without me)", r"end(?:ing)? it all", r"take my (?:own )?life",
        r"(?:plan|plans|planned|planning) to (?:end it|die|take (?:my|his|her) (?:own )?life)")),
    RedFlagRule("suicidality or self-harm", 2, _rx(
        r"(?:don'?t|do not|doesn'?t|does not) want to (?:be here|be around|exist)"),
        with_any=_rx(r"\bplan\w*", r"tablets", r"pills", r"rope", r"note", r"tonight")),
    # NHS "Heart attack" symptoms in lay words: chest pain that feels like pressure,
    # tightness, heaviness or a band, or pain or heaviness spreading to the arm, jaw, neck,
    # back or between the shoulder blades, with sweating, feeling sick, breathlessness or
    # light-headedness (NICE CG95: suspect ACS).
    RedFlagRule("chest pain with cardiac features", 2, _rx(
        r"chest (?:feels?|felt|is|was|going|getting) (?:\w+ ){0,4}(?:heavy|tight|squeez\w*|"
        r"crush\w*|like (?:a|an|someone))",
        r"(?:tight|heavy) (?:band|feeling|weight|pressure) (?:\w+ ){0,2}(?:around|across|on|in) "
        r"(?:my |his |her |the )?chest",
        r"(?:band|weight|elephant|pressure|squeez\w*|crush\w*) (?:\w+ ){0,2}(?:around|across|on|in) "
        r"(?:my |his |her |the )?chest",
        r"(?:tight|heavy|crushing|squeezing) chest"),
        with_any=_SWEAT_OR_SICK, acute_only=True,
        condition=lambda p: p.age is None or p.age >= 18),
    RedFlagRule("possible heart attack (arm, jaw or back pain with sweating or sickness)", 2, _rx(
        r"(?:pain|ache|aching|heav\w*|tight\w*|pressure|discomfort) (?:\w+ ){0,3}(?:in|of|down|into|to|up) "
        r"(?:the |his |her |my )?(?:left arm|both arms|jaw|neck and (?:left )?arm)",
        r"(?:left arm|jaw)(?: and (?:jaw|left arm|neck))? (?:aches|ached|hurts|hurt|is aching|"
        r"feels? heavy|is heavy)",
        r"(?:pain|ache|aching|heaviness|pressure) (?:\w+ ){0,2}between (?:the |his |her |my )?shoulder "
        r"blades"),
        with_any=_SWEAT_OR_SICK, acute_only=True,
        condition=lambda p: p.age is None or p.age >= 25),
    # NHS "Sepsis" (adults and children): a possible infection with cold hands and feet,
    # blotchy or mottled skin, no urine all day, or "feels like they are going to die".
    RedFlagRule("sepsis", 2, _rx(FEVER.pattern[5:-1], r"infection", r"flu\b", r"chest infection"),
        with_any=_SEPSIS_SIGNS),
    # NHS "Carbon monoxide poisoning": headache, dizziness, sickness, drowsiness or confusion
    # with a likely source (car exhaust, faulty boiler, gas fire, generator or barbecue
    # indoors), often several people in the same place at once.
    RedFlagRule("possible carbon monoxide poisoning", 2, _rx(
        r"exhaust\b(?!ed|ion)", r"fumes", r"(?:faulty|old|broken|leaking|new) (?:gas )?(?:boiler|heater|"
        r"fire|cooker|appliance)", r"gas (?:fire|heater|leak|appliance)", r"generator",
        r"(?:barbecue|bbq|charcoal)\w* (?:\w+ ){0,3}(?:indoors|inside|in the tent|in a tent)",
        r"(?:carbon monoxide|co) alarm"),
        with_any=_rx(r"headache\w*", r"dizz\w*", r"drows\w*", r"sleepy", r"nause\w*",
                     r"feel(?:s|ing|t)? sick", r"vomit\w*", CONFUSION_WORD, r"faint\w*",
                     r"collaps\w*", r"breathless\w*")),
    # NHS "Toxic shock syndrome": a high temperature with dizziness or fainting, a sunburn-like
    # rash, vomiting, diarrhoea or confusion while using a tampon, menstrual cup or
    # contraceptive sponge or diaphragm -> A&E.
    RedFlagRule("possible toxic shock syndrome", 2, _rx(
        r"tampons?", r"menstrual cups?", r"contraceptive (?:sponge|diaphragm|cap)"),
        with_any=FEVER, condition=_has(_TSS_SIGNS)),
    # NHS "Anaphylaxis": a tight throat or hoarse voice, or feeling faint or dizzy, after an
    # exposure or with an allergic rash -> 999 (Resuscitation Council UK 2021).
    RedFlagRule("anaphylaxis", 2, _rx(
        r"throat (?:feels?|felt|is|was|going|getting) (?:\w+ ){0,1}(?:tight\w*|closing|swell\w*)",
        r"tight (?:feeling in (?:my |his |her |the )?)?throat", r"tightness in (?:my |his |her |the )?throat"),
        with_any=_rx(r"allerg\w*", r"hay ?fever", r"rash", r"hives", r"urticaria", r"itch\w*",
                     r"stung", r"sting", r"dye", r"peanut", r"\bnuts?\b", r"after (?:eating|taking)",
                     r"swell\w*", r"swollen", r"hoarse")),
    RedFlagRule("anaphylaxis", 2, _rx(
        r"hair dye", r"washing (?:powder|liquid)", r"detergent", r"new (?:\w+ ){0,2}(?:product|"
        r"cream|soap|lotion|shampoo|powder|medicine|medication|tablets?)", r"started (?:using|taking)",
        r"after (?:eating|taking)", r"insect bite", r"latex"),
        with_any=_rx(r"faint\w*", r"light-?headed", r"dizz\w*", r"collaps\w*",
                     r"hoarse", r"lips? (?:are |is )?(?:tingl\w*|swell\w*|swollen)",
                     r"wheez\w*", r"(?:difficulty|trouble) breathing"),
        condition=_has(_rx(r"rash", r"hives", r"urticaria", r"itch\w*", r"welts?", r"swell\w*"))),
    # Third safety review (h-trifix3): an adrenaline auto-injector that was used means an
    # anaphylaxis was being treated; NHS Anaphylaxis and Resuscitation Council UK 2021: call 999
    # after using one, whatever the trigger or how well the person feels afterwards.
    # Review 4: an injector used years ago or never used is no event now (current_only; the
    # over-fires left, "used it before" / "should I have used it", err on the safe side).
    RedFlagRule("anaphylaxis", 2, _rx(
        r"(?<!never )(?:used|gave|given|injected|jabbed|administered|had to use) (?:\w+ ){0,3}"
        + _INJECTOR,
        _INJECTOR + r"(?: pens?| auto-?injectors?)? (?:was |were |has been |had been |got )?"
        r"(?:used|given|injected)"),
        current_only=True),
    # NHS "Diabetic ketoacidosis" / NICE NG18: a child (or adult) very thirsty and weeing a lot
    # who is vomiting, breathing deeply or fast, drowsy or has tummy pain -> A&E.
    RedFlagRule("possible diabetic ketoacidosis", 2, _rx(
        r"(?:drinking|drinks|thirsty) (?:\w+ ){0,2}(?:loads|lots|a lot|all the time|constantly|"
        r"more than usual|much more)", r"(?:very|really|so|extremely|always|constantly) thirsty",
        r"(?:excessive|extreme|constant) thirst",
        r"polydipsi\w*"),
        with_any=_rx(r"vomit\w*", r"being sick", r"breath\w* (?:\w+ ){0,1}(?:deep\w*|fast|heavily|"
                     r"quickly)", r"deep breath\w*", r"kussmaul", r"drows\w*", r"(?:tummy|stomach|"
                     r"abdominal) pain", r"fruity", r"pear drops", r"ketones?"),
        condition=_has(_POLYURIA)),
    # NHS "Meningitis": a high temperature with a rash that does not fade, described as purple
    # or as spots or bruises that appeared without injury.
    RedFlagRule("meningism", 2, _rx(
        r"purple (?:\w+ ){0,1}(?:rash|spots|blotches|patches|marks|dots)",
        r"rash (?:that |which )?(?:is|looks) (?:\w+ )?purple",
        r"rash (?:that |which )?(?:looks?|look) like (?:a |some )?bruis\w*",
        r"bruis\w* (?:that |which )?(?:appeared|came up|came out) (?:\w+ ){0,3}(?:no|without) "
        r"(?:injury|reason|knock)"),
        with_any=_rx(FEVER.pattern[5:-1], r"temp\w*", r"unwell", r"aches?", r"aching", r"headache",
                     r"vomit\w*", r"drowsy")),
    # NHS "Meningitis" / "Sepsis": call 999 for a rash that does not fade when a glass is
    # pressed on it, with or without a fever (the rash can come before or without one; NICE
    # NG240: consider meningococcal disease with a non-blanching rash). Lay and clinical words:
    # any skin mark that does not fade or blanch on pressure, or a purple one that "doesn't
    # fade". Petechiae or purpura named alone, afebrile, stay the urgent NICE NG12 entry.
    RedFlagRule("non-blanching rash", 2, _rx(
        *_NONBLANCH_TOLD,
        # (trirob) "a rash that doesn't fade" with the glass left unsaid, and a pronoun that
        # carries the rash into the next sentence ("she has a rash like this. It doesn't fade",
        # "a rash on her legs and they don't fade when pressed"): the NHS Meningitis wording
        # ("a rash that does not fade when a glass is rolled over it") is what "doesn't fade"
        # tells in the simple present; a rash that has not faded with time ("hasn't faded",
        # "doesn't fade for weeks", "won't go away") is a persistent rash, not this sign
        _RASH_NOUN + r"(?: [\w']+){0,5}? (?:that |which )?" + _NO_FADE,
        r"(?:it|they|these|those)(?: still| just)? " + _NO_FADE),
        # a birthmark (port-wine stain, stork mark, haemangioma) does not fade on pressure
        # either and is no emergency (NHS Birthmarks)
        # (trifix2) ... unless a rash is named after it with a fever or as new / today's
        # ("a birthmark on her arm and a new rash on her legs that doesn't fade")
        condition=lambda p: not guard("rf:nonblanching_birthmark", _birthmark_only(p.text)),
        match_ok=lambda text, m: _NONBLANCH_TOLD_RX.match(text, m.start()) is not None
        or _bare_no_fade_ok(text, m)),
    # NHS "Heart palpitations": call 999 / A&E with palpitations and feeling faint or fainting
    # (ESI Handbook v4: palpitations with presyncope are high risk). Chest pain has its own
    # rules; breathlessness alone with palpitations (often anxiety) raised over-triage on the
    # dev probes, so it is left out. A normal measured blood pressure is a checked patient.
    RedFlagRule("palpitations with fainting or feeling faint", 2, _rx(
        r"palpitat\w*", r"(?:racing|pounding|fluttering) (?:heart|heartbeat)",
        r"heart\w*(?: is| was|'s)? (?:\w+ )?(?:racing|pounding|fluttering|going like the clappers)",
        # the perfect / repeated tense of the same ("my heart has been pounding since lunch")
        r"heart\w* (?:has been|had been|been|keeps|kept|started|starts) (?:\w+ )?(?:racing|pounding|"
        r"fluttering)",
        r"(?:fast|irregular) (?:heart ?beat|heart rate|pulse)"),
        with_any=_rx(r"passed out", r"blacked out", r"fainted",
                     r"feel\w* (?:\w+ )?faint",
                     # presyncope, "feeling faint" in the words notes and people use (mts2
                     # mts-4304: "felt like passing out ... heart was racing"): NHS Heart palpitations (999 with feeling faint or fainting);
                     # ESI Handbook v4 (palpitations with presyncope: high risk)
                     r"(?:felt|feel\w*|was|were) (?:\w+ ){0,2}like (?:(?:i|she|he|they|you)"
                     r"(?:'m|'re| am| was| were| is| are| might| could| would) (?:going to |gonna |"
                     r"about to )?|)(?:pass(?:ing)? out|faint(?:ing)?|black(?:ing)? out)",
                     r"(?:near(?:ly)?|almost) (?:passed out|fainted|blacked out|pass(?:ing)? out|"
                     r"faint(?:ing|ed)?)",
                     # "lightheaded" alone is left out: anaemia and panic vignettes (probe4
                     # medqa4-973, medqa4-970) word palpitations with it and are not emergencies
                     r"near[- ]?syncop\w*", r"pre-?syncop\w*"),
        acute_only=True,
        condition=lambda p: not guard("rf:palpitations_stable_vitals", _normal_vitals(p))),
    # NICE NG143 (red): grunting in a child; fast breathing with a feverish illness is amber
    # (same-day assessment, acuity 3).
    RedFlagRule("grunting or fast breathing in a child", 2, _rx(r"grunt\w*"),
                condition=lambda p: p.age is None or p.age < 16),
    RedFlagRule("fast breathing in a child", 3, _rx(
        r"breathing (?:very )?(?:fast|quickly|rapidly)", r"(?:fast|rapid|quick) breathing"),
        condition=lambda p: p.age is not None and p.age < 12),
    # the same in clinical words, and nasal flaring (NICE NG143 amber: tachypnoea, nasal
    # flaring; mts7 review); not a fast breath while crying ("tachypneic from crying": safety
    # review of trneg)
    RedFlagRule("fast breathing in a child", 3, _rx(
        r"tachypn\w*(?!" + _WHILE_CRYING + r")", r"(?:nasal|alar) flaring(?!" + _WHILE_CRYING + r")",
        r"flaring (?:of )?(?:the |his |her )?(?:nose|nostrils|alae)(?!" + _WHILE_CRYING + r")"),
        condition=lambda p: p.age is not None and p.age < 12),
    # Retractions (recession) in a child: NICE NG143 red (moderate or severe chest indrawing) and
    # NICE NG9 bronchiolitis (severe recession: refer immediately); NHS Croup (999 when the skin
    # between the ribs pulls in). Plural or as a verb: "nipple retraction" is not this, nor a
    # retraction or recession its own sentence puts at another site (a nipple, an eardrum, a
    # foreskin, the gums, a surgical retractor: safety review of trneg).
    RedFlagRule("respiratory distress", 2, _rx(
        r"retractions", r"retracting", r"recession", r"indrawing", r"head bobbing"),
        condition=lambda p: p.age is not None and p.age < 12 and _breathing_retraction(p)),
    # NHS Sepsis (adults and older children: call 999 with a possible infection and "breathing
    # very fast"; NICE NG51 adult high risk: respiratory rate >= 25). A child under 12 keeps the
    # NICE NG143 amber level above. Anchored on "breathing"/"breathe".
    RedFlagRule("sepsis", 2, FEVER, with_any=_rx(
        r"breathing (?:very |really |so )?(?:fast|quickly|rapidly)",
        r"(?:fast|rapid|quick) breathing"),
        condition=lambda p: p.age is None or p.age >= 12),
)
# NHS "Ectopic pregnancy" (call 999: sudden intense tummy pain, feeling very dizzy or
# fainting, pale; pain in the tip of the shoulder) and NICE NG126: lower abdominal or pelvic
# pain with shoulder-tip pain (blood under the diaphragm) or with collapse is intra-abdominal
# bleeding until shown otherwise, whatever a pregnancy test said (review 1, item 1).
_LOWER_ABDO_PAIN = _rx(
    r"(?:lower|low) (?:abd\w*|tummy|belly|stomach|pelvic)\s*(?:pain|ache|cramps?)",
    r"pain (?:\w+ ){0,2}(?:low |lower )?(?:down )?in (?:my |her |the )?(?:lower )?(?:tummy|belly|"
    r"stomach|abdomen|pelvis)", r"pain low (?:down )?in (?:my |her |the )?(?:tummy|belly|stomach)",
    r"pelvic pain", r"(?:right|left) (?:iliac fossa|lower quadrant) pain", r"\b(?:rif|lif|rlq|llq) pain",
    r"adnexal (?:pain|tenderness)", r"(?:one|right|left)[- ]sided (?:\w+ ){0,3}(?:pain|ache)",
    r"pain (?:\w+ ){0,3}on one side (?:\w+ ){0,2}(?:tummy|belly|stomach|abdomen)",
    r"pain on one side (?:of (?:my |her |the )?)?(?:tummy|belly|stomach|abdomen)|pain on one side low",
    # review 2: "severe pain on one side of my lower tummy", "pain low down on the left side"
    r"pain (?:\w+ ){0,2}on (?:the )?(?:one|left|right) side of (?:my |her |the )?(?:lower|low) "
    r"(?:tummy|belly|stomach|abdomen)",
    r"pain (?:low down|down low|low) on (?:the |my |her )?(?:one|left|right)(?:[- ]hand)? side")
_SHOULDER_TIP = _rx(r"shoulder[- ]tip", r"tip of (?:my |her |the )?shoulder")
_COLLAPSE_OR_DIZZY = _rx(r"dizz\w*", r"faint\w*", r"light-?headed", r"collaps\w*", r"passed out",
                         r"blacked out", r"pale and (?:sweaty|clammy)")
_GYNAE_CONTEXT = _rx(r"pregnan\w*", r"\bh?cg\b", r"period", r"(?:vaginal |pv )?bleed\w*", r"spotting")


def _woman_of_reproductive_age(p: Presentation) -> bool:
    return p.sex != "M" and (p.age is None or 12 <= p.age < 55)


ECTOPIC_RULES: tuple[RedFlagRule, ...] = (
    RedFlagRule("possible ectopic pregnancy or intra-abdominal bleeding", 2, _LOWER_ABDO_PAIN,
                with_any=_SHOULDER_TIP, acute_only=True),
    RedFlagRule("possible ectopic pregnancy or intra-abdominal bleeding", 2, _LOWER_ABDO_PAIN,
                with_any=_COLLAPSE_OR_DIZZY, acute_only=True,
                condition=lambda p: (_woman_of_reproductive_age(p)
                                     and find_affirmed_danger(_GYNAE_CONTEXT, p.text) is not None)),
)


# ---- (tri13b, issue 21) pregnancy wordings that were under-triaged ----
# A missed period told as the bare "I'm late" (NHS "Ectopic pregnancy": a missed period with
# pain on one side of the tummy and feeling faint or dizzy, or pain in the tip of the shoulder:
# go to A&E / call 999; NICE NG126). "I'm late" alone is no missed period ("I'm late for the
# bus", layfix12 narrowed it on purpose), so it is read as one only with BOTH companions: a
# one-sided (or lower tummy) pain AND feeling faint / dizzy / collapse or shoulder-tip pain, in
# a woman of reproductive age (never a stated man, never under 12). "late" must end its phrase
# ("I'm late, ...", "I'm late and ...", "I'm late this month"): "late for work", "late to",
# "late with the rent" and "sorry I'm late" are other lateness.
_IM_LATE = _rx(r"(?<!sorry )(?<!sorry, )(?:i.m|\bim|i am|i.ve been|i have been)\s+(?:a (?:bit|little) |really |"
               r"very |quite |so |now )?late(?=\s*(?:$|[.,;!?]|and\b|but\b|now\b|this month\b|"
               r"with my period\b|on my period\b|(?:and )?(?:i.ve|i have|i.m|i am)\b))")
# the pain: NHS "Ectopic pregnancy" words it "pain low down on one side of your tummy": the
# lower tummy forms (``_LOWER_ABDO_PAIN``) or "pain on one side" / "one-sided pain"; a body side
# alone ("pain in my right side", "my side hurts": a loin, the ribs) is not read (layfix12
# decided that context is required; tests/test_triage_layfix12.py pins it)
_ONE_SIDED_PAIN = _rx(
    _LOWER_ABDO_PAIN.pattern[5:-1], r"pain (?:\w+ ){0,3}?on one side\b(?! of (?:my |the |her )?"
    r"(?:head|face|neck|chest|jaw|mouth|tongue|throat|nose|back))",
    r"pain (?:low down|down low|low) on (?:the |my )?(?:left|right)\b")
_FAINT_OR_SHOULDER_TIP = _rx(_COLLAPSE_OR_DIZZY.pattern[5:-1], _SHOULDER_TIP.pattern[5:-1])


def _late_with_ectopic_companion(p: Presentation) -> bool:
    return (_woman_of_reproductive_age(p)
            and find_affirmed_danger(_FAINT_OR_SHOULDER_TIP, p.text) is not None)


# Reduced fetal movements told as a change, by the woman or by someone else, with no time frame
# or gestation ("my partner says the baby isn't kicking as much", "the baby is moving less",
# "the baby's been quieter", "the baby has stopped moving", "the baby hasn't moved"): NHS "Your
# baby's movements" (slowed down, changed or stopped: call the midwife or maternity unit
# immediately, do not wait until the next day) and RCOG Green-top Guideline 57 (a reduction
# perceived by the mother). The comparison or the stop IS the change, so no time frame is
# needed (the knowledge base's reduced_fetal_movements_lay asks for one). Only the baby's or
# bump's own movement or kicks: a limb object ("kicking his legs as much since the fall": a born
# baby's limb after an injury) or a place ("hasn't moved to his cot") is not fetal movement; a
# born baby (an age in days/weeks/months, "newborn", a stated age under 12), a pet, a gestation
# under 24 weeks or a first/second trimester (movements not yet expected: tell the midwife) and
# "yet" are left as they were (the not-list of reduced_fetal_movements_lay).
_BABY = r"(?:the |my |our |her |your )?(?:baby|bump|little one)"
_MOVE_VERB = r"(?:moving|moved|move|kicking|kicked|kick|wriggling|wriggled)"
_NO_OBJECT = (r"(?!\s+(?:his|her|their|its|the|my|a|any|an|to|into|in(?!\s+(?:ages|hours|\d|a while|a long|"
              r"the last|the past))|out|from|down|up|over|position|"
              r"house|home|rooms?|on|onto|off|yet|legs?|arms?|feet|hands?|head|bowels?)\b)")
_COMPARED = (r"(?:nearly |anywhere near |quite |half )?(?:as much|as often|so much|as many|as hard|"
             r"as strongly|much any ?more|any ?more|like (?:usual|normal|before|(?:s?he|it) (?:usually |"
             r"normally )?(?:does|did|used to)))")
FETAL_MOVEMENTS_CHANGED = _rx(
    _BABY + r"(?:'s| is| has| was)? (?:(?:is|has|was|does|did)(?:n.?t| not)|isn.?t|hasn.?t|doesn.?t|"
    r"wasn.?t|didn.?t|not) (?:been )?" + _MOVE_VERB + r"(?: around)? " + _COMPARED,
    _BABY + r"(?:'s| is| has been|.s been| seems(?: to be)?| seemed| was)? (?:moving|kicking|wriggling|"
    r"active|moved|kicked) (?:a lot |much |far |a bit |a little |way )?less\b",
    _BABY + r"(?:'s| is| has been|.s been| seems| seemed| has gone| went| got| was)? (?:much |a lot |"
    r"very |really |a bit |so )?(?:quieter|less active|more quiet)\b",
    _BABY + r" (?:has |had |.s )?(?:suddenly )?stopped (?:moving|kicking|wriggling)" + _NO_OBJECT,
    _BABY + r" (?:has not|hasn.?t|has n.t) (?:moved|kicked)" + _NO_OBJECT,
    r"(?:(?:have|has|had|do|does|did)(?:n.?t| not)|not|never|can.?t|cannot) (?:really |actually |even )?"
    r"(?:felt|feel|feeling|noticed|notice) (?:the |my |our |her )?(?:baby|bump|little one)(?:.s)? ?"
    r"(?:move|moving|movements?|kick\w*|wriggl\w*) " + _COMPARED,
    r"(?:fewer|reduced|decreased|less|absent) (?:fetal|foetal) movements?(?!\s+(?:concerns?|issues?|"
    r"problems?|worries|complaints?))",
    r"(?:fetal|foetal|baby.?s) movements? (?:have |has |are |seem |feel )?(?:slowed(?: down)?|reduced|"
    r"decreased|stopped|less|fewer|weaker)\b")
_NOT_FETAL_NOW = _rx(
    r"\d+[- ](?:day|week|month|year)s?[- ]old", r"newborn", r"new-born",
    r"(?:dog|cat|puppy|kitten|pet|horse|rabbit|hamster)s?\b", r"(?<![\d/])(?:1\d|2[0-3])(?:\+\d)? weeks",
    r"(?<![\d/])[1-9](?:\+\d)? weeks (?:pregnant|gone|along)", r"(?:first|second) trimester",
    r"yet\b(?! (?:today|this morning|tonight|since))",
    r"when (?:will|should|do|does|can) (?:i|you|she|we) (?:\w+ ){0,2}(?:feel|felt)",
    # a born baby's care ("feeding less", "in his cot", "teething"): not a pregnancy
    r"nappy", r"nappies", r"diapers?", r"bottles?", r"formula", r"feeds?", r"feeding", r"breastfe\w*",
    r"cot", r"crib", r"pram", r"teeth\w*", r"crawl\w*", r"nursery")


# ... and not told of an earlier pregnancy ("history of reduced fetal movements in her last
# pregnancy"): the trigger's own sentence
_EARLIER_PREGNANCY = _rx(r"(?:last|previous|prior|earlier|other|first|second|past) (?:pregnanc\w*|babies|"
                         r"baby|child|birth)", r"history of", r"h/o", r"in the past")


# (trifix13) ... nor told as settled since: the movements back to normal, or the change is the
# woman's usual pattern checked by her midwife ("reduced fetal movements 2 weeks ago, scan fine,
# moving normally now"; "moving less than my first but that's normal for me, midwife said
# fine"). NHS "Your baby's movements" asks for a call when the pattern changes or slows; a
# reduction that has settled is the midwife's (level 3 at most from this rule: it is left to
# the other rules)
_FETAL_SETTLED = _rx(
    r"(?<!not )(?<!n't )(?<!n.t )(?:moving|kicking|movements? (?:are|is|have been|seem))"
    r" (?:\w+ ){0,1}?(?:normally|normal|fine|as usual|like usual|again)\b",
    r"back to normal", r"(?:that|it).?s (?:\w+ )?normal for (?:me|her|this baby|us)",
    r"normal for me", r"midwife (?:said|says|told me|thinks) (?:it.s |it is |that.s |that is |all )?"
    r"(?:fine|normal|ok|okay|nothing to worry)")


def _fetal_now_ok(text: str, m: re.Match[str]) -> bool:
    lo = max(text.rfind(c, 0, m.start()) for c in ".!?\n;") + 1
    hi = min([i for i in (text.find(c, m.end()) for c in ".!?\n;") if i >= 0] or [len(text)])
    return not guard("rf:fetal_movements_earlier", _EARLIER_PREGNANCY.search(text, lo, hi) is not None
                     or _FETAL_SETTLED.search(text, m.end()) is not None)


# (trifix13) The age and sex read from the text may be another person's: "she's 36 weeks" is
# read as an infant's age and "I'm a man asking for my wife" as a man, but the pregnancy is
# told by the gestation (24-42 weeks, no "old") or is a woman's named beside the man (NHS "Your
# baby's movements": anyone may call the maternity unit for her)
_THIRD_GESTATION = _rx(
    r"(?:\bi.m|\bim|i am|she.s|she is|(?:wife|partner|girlfriend|fianc\w*|daughter|sister|friend|"
    r"(?:daughter|son|brother)-in-law)(?:.s| is))\s+(?:now |about |nearly |almost |over |just )?"
    r"(?<![\d.])(?:2[4-9]|3\d|4[0-2])\s?(?:weeks?|wks?)(?:\s?\+\s?[0-6])?(?![- ]old)"
    r"(?!\s+(?:old|postnatal|postpartum|post|after|since|ago)\b)")
_WOMAN_NAMED = _rx(r"wife", r"partner", r"girlfriend", r"fianc\w*", r"sister", r"daughter",
                   r"\bshe\b", r"\bher\b", r"mother", r"\bmum\b", r"friend")
# a born child's milestones ("not kicking as much since she started walking"): not a pregnancy
_BORN_MILESTONE = _rx(r"\b(?:s?he|baby|they|it)(?: has| had|.s|.d| is| was)? (?:started|starting|began|"
                      r"begun|learning|learnt|learned) (?:to )?(?:walk|crawl|stand|toddl)\w*",
                      r"toddler\w*", r"(?:her|his|their|baby.s) (?:first|1st) steps")


def _fetal_not_born_baby(p: Presentation) -> bool:
    told_gestation = _THIRD_GESTATION.search(p.text) is not None
    age_ok = p.age is None or 12 <= p.age < 55 or (told_gestation and p.age < 12)
    sex_ok = p.sex != "M" or _WOMAN_NAMED.search(p.text) is not None
    return (age_ok and sex_ok
            and not guard("rf:fetal_movements_born_baby", _NOT_FETAL_NOW.search(p.text) is not None
                          or _BORN_MILESTONE.search(p.text) is not None))


PREGNANCY_WORDING_RULES: tuple[RedFlagRule, ...] = (
    RedFlagRule("possible ectopic pregnancy or intra-abdominal bleeding", 2, _IM_LATE,
                with_any=_ONE_SIDED_PAIN, acute_only=True, condition=_late_with_ectopic_companion),
    RedFlagRule("reduced fetal movements", 2, FETAL_MOVEMENTS_CHANGED, current_only=True,
                match_ok=_fetal_now_ok, condition=_fetal_not_born_baby),
)
RULES = RULES + PREGNANCY_WORDING_RULES
# Emergencies in lay words that only blocked self-care before (review 1, items 2-4); each also
# escalates where no self-care entry is in play.
EMERGENCY_LAY_RULES: tuple[RedFlagRule, ...] = (
    # NHS Stroke (FAST: face dropped, arm weak, speech slurred or jumbled, "may not be able to
    # talk at all"; act FAST, call 999) in the words people use
    RedFlagRule("stroke signs (FAST)", 2, _rx(
        r"speech (?:is |was |has |went |goes |going |gone |sounds? |became )+(?:\w+ )?(?:funny|strange|"
        r"weird|odd|wrong|muddled|jumbled)",
        r"(?:can(?:no|')?t|cannot|couldn'?t|unable to|struggling to) get (?:my|his|her|their|the) "
        r"words out",
        r"words (?:are |were |keep )?(?:coming|came|come) out (?:\w+ )?(?:wrong|jumbled|muddled|"
        r"mixed up)",
        r"(?:my|his|her|their) (?:left |right )?(?:arm|hand) (?:feels|felt|is|has gone|went) (?:\w+ )?"
        r"(?:heavy|clumsy|useless)",
        r"(?:my|his|her|their) face (?:feels|felt|looks|looked) (?:\w+ )?(?:droopy|lopsided|dropped)"),
        acute_only=True),
    # NICE CKS Headache / NICE CG150: thunderclap headache (peak within a minute; "like being
    # hit on the head") -> same-day emergency (subarachnoid haemorrhage)
    RedFlagRule("thunderclap headache", 2, _rx(
        r"came on (?:with)?in (?:a few |a |\d+ )?seconds?", r"(?:came on |started |hit (?:me )?)?in a "
        r"flash", r"in an instant", r"like (?:being|i'?d been|i was|been) (?:hit|struck|kicked|smacked)"
        r" (?:on|in|over) the head", r"(?:felt|heard) (?:a |something )?(?:pop|snap|bang|burst)\w* "
        r"in (?:my|his|her|their) head"),
        with_any=_rx(r"headache\w*", r"migraine\w*", r"head\b")),
    # NHS Anaphylaxis / Angioedema: call 999 if the lips, mouth, throat or tongue suddenly swell
    RedFlagRule("tongue or throat swelling", 2, _rx(
        r"lips(?: and (?:tongue|mouth|face|throat))? (?:are |were |have |started |keep )?(?:swelling|"
        r"swollen|swelled|puff\w* up|blown up)",
        r"(?:lips?|mouth) and (?:tongue|throat) (?:are |were |have |started )?(?:swelling|swollen|"
        r"swelled)", r"(?:lip|lips|mouth|tongue) (?:is |are |has )?(?:swelling|swelled|puffing) up")),
    # NHS Meningitis / NICE NG51: a high temperature with a neck that hurts to bend (a stiff
    # neck in lay words)
    RedFlagRule("meningism", 2, _rx(
        r"neck (?:\w+ )?(?:hurts|hurt|is painful|is sore|aches|pain\w*) (?:\w+ ){0,4}(?:bend|look "
        r"down|tilt|chin)",
        r"(?:can(?:no|')?t|cannot|unable to) (?:bend|tilt|look down)(?: \w+){0,2} (?:neck|head)"),
        with_any=_rx(FEVER.pattern[5:-1], r"temp\w*", r"poorly and hot", r"hot and shivery")),
)
# Review 1 notes (item 6), each a same-day or emergency route in its NHS page.
_MALARIA_AREA = (r"(?:sub-saharan )?africa|ghana|nigeria|kenya|uganda|tanzania|malawi|sierra leone|"
                 r"cameroon|congo|mozambique|zambia|zimbabwe|sudan|ethiopia|senegal|gambia|liberia|"
                 r"guinea|ivory coast|c[oô]te d'ivoire|burkina faso|mali|niger|angola|madagascar|"
                 r"benin|togo|india|pakistan|papua new guinea")
NOTE_RULES: tuple[RedFlagRule, ...] = (
    # NHS Malaria: get medical help urgently (same day) with a high temperature, flu-like
    # symptoms or feeling hot and shivery during or up to a year after travel to a risk area
    RedFlagRule("fever after travel to a malaria area", 3, _rx(
        r"(?:was|been|went|travel\w*|returned|back|came back|visit\w*|holiday\w*|trip)(?: \w+){0,3} "
        r"(?:to |in |from )(?:the )?(?:" + _MALARIA_AREA + r")\b"),
        with_any=_rx(FEVER.pattern[5:-1], r"flu\b", r"flu-like", r"temp\w*", r"hot and shivery",
                     r"shiver\w*")),
    # NHS Pre-eclampsia / NICE NG133: in the second half of pregnancy a headache or vision
    # problems (or a swollen face or hands) need the midwife or maternity unit the same day
    RedFlagRule("possible pre-eclampsia", 3, _rx(
        r"(?:2\d|3\d|4[0-2])\s*weeks?(?:'|\u2019)?\s*(?:of\s+)?(?:pregnant|pregnancy|gestation)"),
        with_any=_rx(r"headache\w*", r"migraine\w*", r"blurr\w* vision", r"vision (?:problems|"
                     r"disturb\w*|changes)", r"flashing lights", r"(?:swollen|swelling (?:of|in) (?:my |her |the )?)"
                     r"(?:face|hands|fingers)", r"(?:face|hands|fingers) (?:are |is )?(?:swollen|puffy)")),
    # NHS Red eye / NICE CKS Red eye (acute angle-closure glaucoma, keratitis, uveitis): a red,
    # painful eye with a change in sight needs same-day eye assessment
    RedFlagRule("painful red eye with a change in vision", 3, _rx(
        r"red and painful", r"painful and red", r"red,? painful eye", r"painful,? red eye"),
        with_any=_rx(r"blurr\w*", r"vision", r"sight", r"halos?", r"can(?:no|')?t see"),
        condition=_has(_rx(r"eyes?"))),
    # NHS Double vision: new double vision needs an urgent GP appointment or NHS 111 (a nerve
    # palsy, stroke or aneurysm until shown otherwise)
    RedFlagRule("new double vision", 3, _rx(r"(?:seeing|see|saw) double", r"double vision",
                                              r"diplopi\w*"), acute_only=True),
    # NHS Bleeding from the bottom: A&E for a lot of blood (the toilet water turns red) or
    # bleeding that will not stop
    RedFlagRule("severe bleeding", 2, _rx(
        r"(?:a lot of|lots of|loads of|so much) blood (?:\w+ ){0,2}(?:in|into) the (?:toilet|pan|bowl)",
        r"(?:toilet|bowl|pan) (?:\w+ )?(?:is |was |went |turned )?(?:full of blood|red with blood|"
        r"bright red|all red)")),
)
# Review 4: emergencies in lay words that went to self-care (or routine) through a self-care
# entry's gaps; each escalates on its own.
_CHILD = _rx(r"(?:baby|babies|infant|toddler|child|kid|son|daughter|boy|girl)\b",
             r"\d+[- ](?:day|week|month|year)s?[- ]old")
REVIEW4_RULES: tuple[RedFlagRule, ...] = (
    # NHS Stroke (FAST: "can they lift both arms?"): an arm or leg that cannot be lifted, with a
    # headache or another neurological sign, is a stroke until shown otherwise (an injured
    # shoulder that cannot be lifted is not: the headache or sign is required)
    RedFlagRule("stroke signs (FAST)", 2, _rx(
        r"(?:can(?:no|')?t|cannot|couldn'?t|unable to|not able to) (?:lift|raise|move|use) (?:my|his|"
        r"her|their) (?:left |right )?(?:arm|leg|hand)"),
        with_any=_rx(r"headache\w*", r"migraine\w*", r"face", r"speech", r"words", r"vision",
                     r"sudden\w*", r"numb\w*", r"tingl\w*", r"dizz\w*", r"collaps\w*",
                     CONFUSION_WORD),
        acute_only=True),
    # NHS Vomiting blood / Blood in poo (A&E or 999 for vomiting blood, black or tarry poo):
    # an upper GI bleed in lay words (NICE CG141)
    RedFlagRule("severe bleeding", 2, _rx(
        r"(?:brought|bringing|brings|threw|throwing|thrown|vomited|vomiting|being sick|been sick|sick) "
        r"up (?:some |a bit of |a little |a lot of |lots of |bits of |fresh )?(?:blood|coffee grounds)",
        r"(?:vomited|vomiting|sicked) (?:some |a bit of |a little )?blood",
        r"black (?:poo\w*|stools?|motions)",
        r"(?:poo\w*|stools?|motions) (?:has |have |is |are |was |were )?(?:been |gone |turned |looks? |"
        r"looking )?(?:all |really |very )?(?:black|like tar|tarry)"),
        acute_only=True),
    # NICE CKS Headache (red flags: headache with a collapse or loss of consciousness, a
    # possible subarachnoid haemorrhage); NHS: call 999 if someone collapses
    RedFlagRule("collapse with a headache", 2, _rx(
        r"(?<!a )collapsed(?! lung)", r"collapsing", r"passed out", r"blacked out",
        r"lost consciousness", r"fainted"),
        with_any=_rx(r"headache\w*", r"migraine\w*"), acute_only=True, current_only=True),
    # NICE NG143 / NHS (call 999 or A&E: a child vomiting green bile): bilious vomiting in a
    # child is a bowel obstruction or malrotation until shown otherwise
    RedFlagRule("bilious vomiting in a child", 2, _rx(
        r"(?:sick|vomit\w*|throwing up|threw up|thrown up|being sick|bringing up|brought up)"
        r" (?:\w+ ){0,2}green", r"green (?:vomit\w*|sick|bile)", r"bilious vomit\w*",
        r"vomit\w* (?:\w+ ){0,2}bile", r"bile[- ]stained"),
        with_any=_CHILD),
)
# The fifth MTSamples probe (mts5): a person found collapsed / found down, and organ failure
# named as such, were routine (nothing read them).
_FOUND_PERSON = (r"(?:him|her|them|the patient|(?:my|our|his|her|their) (?:\w+ )?(?:dad|daddy|father|"
                 r"mum|mummy|mom|mommy|mother|husband|wife|partner|son|daughter|brother|sister|grandad|"
                 r"grandfather|grandpa|grandma|grandmother|nan|nana|granny|friend|neighbou?r|flatmate|"
                 r"roommate|baby|child|boy|girl|uncle|aunt(?:ie)?))")
#: (reviews of mts5 and mts6) in the failure's own sentence: before it a risk, a family history,
#: a death, a history or a past time, with no present-tense word after that cue ("a history of
#: COPD admitted with acute respiratory failure" is now) (not "my father is in respiratory failure": a caller's patient) ("at risk of respiratory failure", "family history of", "died of"); after
#: it, a doubt ("... unlikely", "ruled out"); anywhere in it, the home-ventilated baseline unless
#: the sentence also says acute. Read per sentence: a whole-text veto ("stable", "worried",
#: "discharged 5 days ago" elsewhere) hid current respiratory failure.
_FAILURE = re.compile(r"respiratory failure|organ failure|organ dysfunction|system failure", re.I)
_FAILURE_BEFORE_NOT = re.compile(
    r"\b(?:risk|could develop|may develop|famil\w* history|history|hx|h/o|died|death|last (?:year|"
    r"month|week)|ago|previous\w*|prior|past|multiple admissions)\b", re.I)
#: a present-tense word between such a cue and the failure: this failure is now ("a history of
#: COPD admitted with acute hypercapnic respiratory failure")
_FAILURE_NOW_WORDS = re.compile(r"\b(?:acute\w*|now|today|tonight|currently|admitted with|"
                                r"present(?:s|ing)? with|brought in with|worsening|new)\b", re.I)
_FAILURE_AFTER_NOT = re.compile(r"^[^.;!?\n]{0,30}\b(?:unlikely|ruled out|excluded|not (?:likely|"
                                r"suspected|present))\b", re.I)
_FAILURE_BASELINE = re.compile(r"\b(?:home oxygen|ltot|(?:home|nocturnal|overnight) (?:niv|bipap|cpap|"
                               r"ventilation)|on niv at home)\b", re.I)


def _failure_now(p: Presentation) -> bool:
    """Some respiratory / organ failure mention that its own sentence does not make a risk, a
    relative's, a history, a doubt or the home-ventilated baseline."""
    for m in _FAILURE.finditer(p.text):
        left = _sentence_start(p.text, m.start())
        nxt = _SENTENCE_END.search(p.text, m.end())
        right = nxt.start() if nxt else len(p.text)
        sentence = p.text[left:right]
        cues = list(_FAILURE_BEFORE_NOT.finditer(p.text, left, m.start()))
        if cues and not _FAILURE_NOW_WORDS.search(p.text, cues[-1].end(), m.start()):
            continue
        if _FAILURE_AFTER_NOT.search(p.text[m.end():right]):
            continue
        if _FAILURE_BASELINE.search(sentence) and not re.search(r"\bacute", sentence, re.I):
            continue
        return True
    return False


MTS5_RULES: tuple[RedFlagRule, ...] = (
    # A person found collapsed, found down or found slumped is an unwitnessed collapse with an
    # unknown downtime (ESI Implementation Handbook v4 high risk; NHS When to call 999: someone
    # unconscious or collapsed). "found" anchors it: a witnessed faint that recovered is the
    # transient-loss-of-consciousness rule's, not this one.
    RedFlagRule("found collapsed", 2, _rx(
        r"found (?:" + _FOUND_PERSON + r" )?(?:lying )?(?:down|collapsed|slumped)\b(?![-'])",
        r"found " + _FOUND_PERSON + r" (?:lying )?(?:on|in) the (?:floor|ground|bathroom|toilet)\b"),
        acute_only=True, current_only=True),
    # Respiratory failure and (multi-)organ failure need an ED / critical care now (ESI v4
    # level 1-2: immediate airway, breathing or circulatory support); the chronic respiratory
    # failure of a patient on home oxygen is the baseline, not this ("acute on chronic" is).
    RedFlagRule("respiratory or multi-organ failure", 2, _rx(
        r"(?<!chronic )(?<!chronic hypoxic )(?<!chronic hypoxemic )(?<!chronic hypoxaemic )"
        r"(?<!chronic hypercapnic )(?<!chronic hypercarbic )respiratory failure",
        r"acute[- ]on[- ]chronic (?:\w+ )?respiratory failure",
        r"multi-?(?:ple)?[- ]?(?:organ|system)(?: system)? (?:organ )?(?:failure|dysfunction)",
        r"multisystem organ failure"),
        condition=_failure_now, acute_only=True, current_only=True),
)
RULES = RULES + LAY_RULES + ECTOPIC_RULES + EMERGENCY_LAY_RULES + NOTE_RULES + REVIEW4_RULES + MTS5_RULES
# The sixth MTSamples probe (mts6): "speaking in 2 to 3 word sentences" (heart failure with
# dyspnoea at rest) was read as a mild COPD flare; only "unable to speak in full sentences" and
# "one-word sentences" were read. Breathlessness that cuts speech to a few words is the
# severity marker of NHS When to call 999 ("so breathless you cannot speak"), BTS/SIGN asthma
# (cannot complete sentences: acute severe) and ESI v4 (respiratory distress), whatever the cause.
_FEW = r"(?:\d|one|two|three|four|single|a few|short|broken|clipped)"
_BREATH_CONTEXT = _rx(r"breath\w*", r"dyspn\w*", r"\bsob\b", r"wheez\w*", r"asthma\w*", r"copd",
                      r"emphysema", r"heart failure", r"\bchf\b", r"respirat\w*", r"air hunger",
                      r"oxygen", r"panting", r"puffed")
# A warning ("if you become so breathless you cannot speak, call 999", "risk of ...") or another
# person's past ("family history: her mother ...", "my sister used to ...", "... died")
# before the words in their sentence: not this presentation. A relative who is the patient
# now ("my mum is so breathless she can't talk", "my husband had a transplant and has a
# fever") still counts: a bare "had" is not read as someone else's past.
_NOT_OWN_NOW = re.compile(
    r"\b(?:if|in case|unless|risk of|at risk|warning signs?|call (?:999|911|an ambulance) if|"
    r"family history|(?:mother|mum|mom|father|dad|sister|brother|grand\w+|aunt|uncle|cousin|"
    r"friend|neighbou?r|partner|husband|wife|son|daughter) (?:\w+ ){0,4}(?:used to|died|"
    r"passed away)|"
    # past episodes and a dated past ("history of attacks where she could only ...", "in 2015
    # she was so breathless ...") unless the sentence comes back to now before the words
    r"(?:history|previous|past|prior) (?:\w+ ){0,3}(?:attacks?|episodes?|exacerbations?|"
    r"admissions?) (?:\w+ ){0,3}(?:where|when|in which|during which)|in (?:19|20)\d\d|"
    r"(?:\d+|a few|several|two|three|four|five) years ago)\b", re.I)


def _own_and_current(trigger: re.Pattern[str]) -> Callable[[Presentation], bool]:
    """A rule condition: some match of ``trigger`` has no warning, other person's past or
    dated past (:data:`_NOT_OWN_NOW`) before it in its sentence, or a present word
    (:data:`_PRESENT_NOW`) between that cue and it."""
    def ok(p: Presentation) -> bool:
        for m in trigger.finditer(p.text):
            left = _sentence_start(p.text, m.start())
            cue = _NOT_OWN_NOW.search(p.text, left, m.start())
            if cue is None or _PRESENT_NOW.search(p.text, cue.end(), m.start()) is not None:
                return True
        return False
    return ok


_FEW_WORDS = _rx(r"(?:speak\w*|talk\w*) (?:only )?in " + _FEW + r"(?:[- ](?:to|or)[- ]" + _FEW
                 + r")?[- ]?(?:word )?(?:sentences|phrases|words)\b",
                 r"can only (?:say|get out|manage|speak) (?:a few|one or two|two or three|\d|one|two|"
                 r"three) words?\b")
_TOO_BREATHLESS_TO_TALK = _rx(
    r"(?:(?:too|so) (?:breathless|short of breath|out of breath|winded|puffed)|can(?:not|'t) "
    r"(?:get|catch) (?:my|her|his|their) breath) (?:\w+ ){0,3}(?:to|can(?:not|'t)|could(?:n't| not)"
    r"|unable to) (?:speak|talk|get (?:\w+ )?words out|finish (?:a |my |her |his )?sentences?)",
    r"(?:can(?:not|'t)|unable to|could(?:n't| not)) (?:finish|complete|get through) (?:a |my |"
    r"her |his |their )?(?:full )?sentences? (?:\w+ ){0,2}(?:without|for) (?:stopping |gasping )?"
    r"(?:for )?(?:breath|air)")
_FEVER_NOW = _rx(r"(?<!hay )fevers?\b", r"febrile(?! (?:neutropenia|seizures?|convulsions?|fits?))",
                 r"pyrexi\w*", r"rigors?", r"(?:high|raised) temperature", r"shivers",
                 r"(?:running|run|have|has|had|got|with) a (?:high |raised )?temp(?:erature)?\b(?! (?:of 3[0-7]|check))",
                 r"temp(?:erature)?s? (?:of |up to |to |as high as |has been |was |is ){1,2}(?:10[1-6]|3[89]|40)"
                 r"(?:\.\d)?\b")
_IMMUNOSUPPRESSANT = _rx(
    r"methotrexate", r"high[- ]dose (?:oral |iv )?(?:\w+ )?(?:prednis\w*|steroids?|dexameth\w*|methylpred\w*)",
    r"(?:long[- ]term|chronic|daily) (?:oral )?(?:prednis\w*|steroids?)", r"azathioprine",
    r"mycophenol\w*", r"cellcept", r"ciclosporin", r"cyclosporin\w*", r"tacrolimus", r"sirolimus",
    r"cyclophosphamide", r"leflunomide", r"infliximab", r"adalimumab", r"humira", r"etanercept",
    r"rituximab", r"tocilizumab", r"immunosuppressant\w*", r"immunosuppressive (?:drugs?|medic\w*|"
    r"therapy|treatment)", r"immunocompromis\w*", r"immunosuppressed")
# A medicine named in a sentence about another person ("Her mother has a lung disease treated
# with methotrexate": MedQA) is not the patient's, unless the sentence comes back to the
# patient before it ("his wife says he takes methotrexate").
_OTHER_RELATIVE = re.compile(
    r"\b(?:family history|(?:her|his|their|the patient's) (?:\w+ )?(?:mother|mum|mom|father|dad|"
    r"sister|brother|grand\w+|aunt|uncle|cousin|son|daughter|husband|wife|partner|child(?:ren)?|"
    r"friend|neighbou?r|relatives?))\b", re.I)
_BACK_TO_PATIENT = re.compile(r"\b(?:he|she|they|the patient|i)\b", re.I)


def _own_medicine(p: Presentation) -> bool:
    """Some :data:`_IMMUNOSUPPRESSANT` mention is not in a sentence about another person."""
    for m in _IMMUNOSUPPRESSANT.finditer(p.text):
        left = _sentence_start(p.text, m.start())
        rel = list(_OTHER_RELATIVE.finditer(p.text, left, m.start()))
        if not rel or _BACK_TO_PATIENT.search(p.text, rel[-1].end(), m.start()) is not None:
            return True
    return False


_OWN_FEVER_NOW = _own_and_current(_FEVER_NOW)
#: (review of mts6) a relative named as the one with the fever ("I am on methotrexate, my
#: daughter has a fever"): in the fever's sentence, before it
_OTHERS_FEVER = re.compile(
    r"\b(?:my|his|her|our|their) (?:daughter|son|wife|husband|partner|child|children|kids?|baby|"
    r"mother|mum|mom|father|dad|brother|sister|friend|grandson|granddaughter)\b[^.;!?\n]*$", re.I)


_FIRST_PERSON_MEDICINE = re.compile(r"\bI(?:'m| am)? (?:\w+ )?(?:on|taking|take|use|using)\b", re.I)


def _fever_not_others(p: Presentation) -> bool:
    """Some fever mention whose sentence does not name a relative before it, when the speaker
    takes the medicine ("I am on methotrexate, my daughter has a fever"); "my daughter is on
    methotrexate and has a fever" is a caller's patient and stays."""
    if not _FIRST_PERSON_MEDICINE.search(p.text):
        return True
    for m in _FEVER_NOW.finditer(p.text):
        left = _sentence_start(p.text, m.start())
        if not _OTHERS_FEVER.search(p.text[left:m.start()]):
            return True
    return False


MTS6_RULES: tuple[RedFlagRule, ...] = (
    # speech cut to a few words, with breathing named anywhere in the text (a toddler
    # "speaking in single words", "he speaks in short sentences when nervous" are not this)
    RedFlagRule("respiratory distress", 2, _FEW_WORDS, with_any=_BREATH_CONTEXT,
                condition=_own_and_current(_FEW_WORDS), acute_only=True, current_only=True),
    RedFlagRule("respiratory distress", 2, _TOO_BREATHLESS_TO_TALK,
                condition=_own_and_current(_TOO_BREATHLESS_TO_TALK), acute_only=True,
                current_only=True),
    # A fever on an immunosuppressant medicine (mts6: fevers to 103 on methotrexate and
    # high-dose prednisone, disseminated CMV, was routine; the neutropenic-fever entry names
    # chemotherapy, transplants and "immunosuppressed", not the drugs). NICE NG51 Sepsis
    # (risk factors: impaired immune function, immunosuppressant drugs, long-term steroids);
    # NHS medicines: Methotrexate (a high temperature or signs of infection: call a doctor or
    # 111 straight away). The fever must be current and the person's own (no "if you get a
    # fever", "risk of", a relative's or a dated fever); the medicine may be anywhere.
    RedFlagRule("fever on immunosuppressant", 2, _FEVER_NOW, with_any=_IMMUNOSUPPRESSANT,
                condition=lambda p: _OWN_FEVER_NOW(p) and _own_medicine(p) and _fever_not_others(p),
                acute_only=True,
                current_only=True),
)
RULES = RULES + MTS6_RULES


# ---- issue 21, under-triage round (tunder) ----
# Stated intent to harm another person in its future / conditional forms: "says he will kill
# his wife", "I'll stab him", "told police he would kill his ex", "he's gonna hurt her" (ESI
# Implementation Handbook v4: a homicidal patient is level 2; NHS "Get help for a mental health
# crisis": 999 / A&E when someone is at risk of harming others). A person pronoun is the subject
# and another person the object ("this cough will kill him" has no person subject; "my mum will
# kill me" is no threat to another: "me" is not in _OTHER_PERSON). A fear ("afraid he will die")
# names no harm verb and is not matched: a fear of dying is no intent (it is the "sense of
# impending doom" other rules read with their own findings).
_PERSON_WILL = (r"(?:(?:i|he|she|they|we|you)(?:'ll|\u2019ll|'d|\u2019d| will| would| shall|"
                r"(?:'s|\u2019s|'re|\u2019re|'m|\u2019m| is| are| am| was| were)? (?:going to|gonna))"
                r"|(?:i|he|she|they|we|you) (?:(?:says?|said|told \w+|states?|stated|threaten\w*) )?"
                r"(?:that )?(?:(?:i|he|she|they|we) )?(?:will|would|is going to|was going to|gonna))")
_LAY_RECESSION_IN = (r"(?:sucking|sucks|sucked|suck|pulling|pulls|pulled|drawing|draws|drawn|caving|"
                     r"caves|sinking|sinks)(?: (?:in|inwards?))?")


_SNORING = _rx(r"snor\w*", r"sleep apn\w*", r"\bosa\b")


def _child_or_unaged_child(p: Presentation) -> bool:
    """A child under 12, or no age stated and a child named ("my baby", "toddler")."""
    if p.age is not None:
        return p.age < 12
    return _CHILD.search(p.text) is not None


_HARM_VERB = r"(?:kill|murder|stab|shoot|strangle|choke|hurt|harm|attack|beat up|batter|torture)"
_WEAPON = r"(?:knife|knives|gun|firearm|weapon|machete|axe|hammer|bat|blade|razor)"
# A carer's fear of harming someone by accident is no threat ("worried I will hurt the baby if I
# take ibuprofen", "afraid I'll hurt him when I change his nappy"): the speaker's own fear with
# an accident clause after the person.
_FEARED_ACCIDENT = re.compile(
    r"\b(?:afraid|worried|scared|concerned|frightened|nervous|anxious|worry|fear)(?: that)? "
    r"i(?:'ll|\u2019ll| will| would| might| could)? (?:\w+ ){0,2}?(?:hurt|harm) (?:\w+ ){1,3}?"
    r"(?:if|when|while|by|with) "
    # a harm a medicine would do, in someone's advice ("the pharmacist said I would harm the
    # baby if I took ibuprofen"; safety review of issue 21)
    # (re-review: only in a reporter's words and with a medicine named after "if I take"; "I will
    # hurt them if I take my gun to school" is a threat)
    r"|\b(?:pharmacist|doctor|midwife|gp|nurse|health visitor|consultant)s?\b[^.!?]{0,40}?\b(?:said|says|"
    r"told|tells|warned)\b[^.!?]{0,20}?\bi(?:'d|\u2019d| would| could| might| will|'ll|\u2019ll) "
    r"(?:harm|hurt) (?:\w+ ){1,3}?if i (?:took|take|taking|used|use|had|have|drank|drink) "
    r"(?:\w+ ){0,2}?(?:ibuprofen|paracetamol|aspirin|codeine|naproxen|nurofen|medicines?|"
    r"medications?|tablets?|antibiotics?|painkillers?|drugs?|alcohol|it|that|this|them)\b", re.I)
# A figure of speech over a trifle ("I'll kill him if he eats my chocolate again"; safety
# review of issue 21): the speaker's own words ("I" only) and a snack or a small possession in
# the condition; never a phone, a car or keys (a controlling partner's threat), and the caller
# (_trifle_spans) drops it where a weapon or past violence is named (re-review).
_TRIFLE_THREAT = re.compile(
    r"\bi(?:'ll|\u2019ll|'d|\u2019d|'m|\u2019m)?(?: \w+){0,3}? (?:kill|murder|"
    r"strangle) (?:\w+ ){1,2}?if (?:he|she|they|you) (?:\w+ ){0,1}?(?:eats?|ate|"
    r"takes?|took|touch\w*|uses?|used|breaks?|broke|drinks?|drank|finish\w*|steals?|stole|nick\w*|"
    r"borrow\w*|hides?|hid|loses?|lost) (?:my|the|our|all (?:my|the|our)) (?:last |new |favourite |"
    r"\w+ )?(?:chocolates?|biscuits?|crisps|sweets|cake|snacks?|food|dinner|lunch|pizza|beer|wine|"
    r"charger|remote|headphones|laptop|shampoo|clothes|jumper|toys?)\b", re.I)
_PAST_VIOLENCE = re.compile(
    r"\b(?:hit|hits|beat|beaten|beats|punch\w*|kick\w*|slap\w*|strangled|choked|attacked|assault\w*|"
    r"violent|violence|abus\w*|threatened|before|again and again|restraining order|police)\b|"
    r"\b" + _WEAPON + r"\b", re.I)
_INTENT_OTHERS = _rx(
    _PERSON_WILL + r" (?:(?:really|definitely|actually|just|probably|eventually) )?"
    + _HARM_VERB + r" " + _OTHER_PERSON,
    # the subject elided at a clause start ("Denies HI. Gonna kill him.")
    r"(?:(?<=^)|(?<=[.,;!?\n])|(?<=[.,;!?\n] ))(?:gonna|going to|will) " + _HARM_VERB + r" "
    + _OTHER_PERSON)


def _not_only_feared_accident(p: Presentation) -> bool:
    """Whether some stated intent to harm another is no fear of harming by accident."""
    feared = [m.span() for m in _FEARED_ACCIDENT.finditer(p.text)]
    if _PAST_VIOLENCE.search(p.text) is None:
        feared += [m.span() for m in _TRIFLE_THREAT.finditer(p.text)]
    return any(not any(a <= m.start() < b for a, b in feared)
               for m in _INTENT_OTHERS.finditer(p.text))


# "kill/hurt himself" said of a third person in the speaker's fear is an accident feared ("my
# toddler climbs everything, I'm scared he'll hurt himself"); the speaker's own fear about
# himself ("I'm scared I will hurt myself tonight") stays (safety review of issue 21).
_SELF_HARM_WILL = _rx(
    _PERSON_WILL + r" (?:(?:really|definitely|actually|just|probably) )?(?:kill|hurt|harm|"
    r"injure|cut|hang|shoot|stab) (?:myself|himself|herself|themselves|themself)")
_FEAR_OF_OTHER = re.compile(
    r"\b(?:afraid|worried|scared|concerned|frightened|nervous|anxious|worry|fear)(?: that)? "
    r"(?:he|she|they)\b", re.I)
# The feared accident needs an accident named and no word of self-harm (re-review: "scared
# he'll hurt himself - he has been cutting his arms" is self-harm).
_ACCIDENT_WORDS = _rx(r"toddl\w*", r"climb\w*", r"trampolin\w*", r"playing", r"plays", r"falls?",
                      r"falling", r"fell(?! out)", r"bike", r"scooter", r"skateboard\w*", r"tree")
# Words of hopelessness (NICE NG225; NHS "Suicide": feeling hopeless, worthless, a burden,
# that others would be better off without them) cancel the accident and cliff-jump guards
# (final review of issue 21: "plays on her bike but has been saying life is pointless").
_HOPELESS = (r"pointless", r"hopeless\w*", r"worthless", r"hates? (?:himself|herself|myself)",
             r"can.?t cope", r"disappear\w*", r"never come back", r"nobody would miss",
             r"no one would miss", r"better off without", r"a burden", r"no reason to live",
             r"very low", r"can.?t go on")
_SELF_HARM_WORDS = _rx(r"cut(?:s|ting)?\b", r"pills", r"tablets", r"overdos\w*", r"rope", r"die",
                       r"dying", r"dead", r"end (?:it|his life|her life|their life)", r"tonight",
                       r"suicid\w*", r"kill\w*", r"hang\w*", r"noose", r"self[- ]harm\w*",
                       r"depress\w*", r"knife", r"blades?", r"razor\w*", r"bridge", r"goodbye",
                       *_HOPELESS)


def _feared_accident_self(p: Presentation) -> bool:
    """Whether each "will hurt himself" is a carer's fear of an accident (re-review)."""
    if _ACCIDENT_WORDS.search(p.text) is None or _SELF_HARM_WORDS.search(p.text) is not None:
        return False
    return not any(_FEAR_OF_OTHER.search(p.text[max(0, m.start() - 30):m.start() + 3]) is None
                   for m in _SELF_HARM_WILL.finditer(p.text))
# A body part or a machine that seizes is a cramp or a jam, not a fit ("my calf muscle keeps
# seizing when I run", "my lower back keeps seizing"; safety review of issue 21).
_SEIZING = _rx(r"seizing(?! up)")
_PART_SEIZING = re.compile(
    r"\b(?:muscles?|back|calf|calves|neck|jaw|hamstrings?|cramp\w*|engine|car|gearbox|brakes?)"
    r"(?: \w+){0,2} $", re.I)
# A fit named beside it is a fit, whatever part seizes (re-review: "his hands are seizing and
# he's frothing at the mouth").
_FIT_WORDS = _rx(r"jerk\w*", r"shak\w*", r"twitch\w*", r"froth\w*", r"foam\w*",
                 r"eyes (?:\w+ )?roll\w*", r"rolled back", r"collaps\w*", r"fit\b", r"fits\b",
                 r"fitting", r"unresponsive", r"unconscious", r"convuls\w*", r"stiff(?:ened)? all over",
                 r"passed out", r"not breathing", r"blue")


_JUMP_CLIFF = _rx(
    r"(?:" + _PERSON_WILL + r"|wants? to|wanted to|plans? to|planning to|intends? to|"
    r"threaten\w* to|tried to|trying to) (?:jump|throw (?:myself|himself|herself|themselves)) "
    r"(?:off|from) (?:a |an |the |his |her )?(?:\w+ )?(?:cliffs?|pier|rocks|harbou?r wall)")
_INTO_WATER = _rx(r"(?:into|in) (?:the )?(?:sea|water|pool|lake|river|ocean|waves)")
# Words of dying or ending one's life, shared by the guards below (each only searched for).
_DEATH_WORDS = (r"end (?:it|my life|his life|her life|their life|things)", r"die", r"dying",
                r"dead", r"suicid\w*", r"kill\w*", r"goodbye", r"no point", r"can.?t go on",
                r"overdos\w*")
_DYING_WORDS = _rx(*_DEATH_WORDS, r"tonight", r"self[- ]harm\w*", *_HOPELESS)


# "tonight" alone is no word of dying beside a course of tablets ("I will take all my
# antibiotic tablets as prescribed, can I drink tonight?").
_END_IT = _rx(*_DEATH_WORDS, r"had enough")


def _cliff_jump_for_fun(p: Presentation) -> bool:
    """Whether each cliff or pier jump is into water with no word of dying (re-review)."""
    if _DYING_WORDS.search(p.text) is not None:
        return False
    return all(_INTO_WATER.match(p.text, m.end() + 1) is not None
               for m in _JUMP_CLIFF.finditer(p.text))


def _seizing_person(p: Presentation) -> bool:
    """Whether some "seizing" has no body part or machine for its subject."""
    return _FIT_WORDS.search(p.text) is not None or any(
        _PART_SEIZING.search(p.text[max(0, m.start() - 30):m.start()]) is None
        for m in _SEIZING.finditer(p.text))


# Pauses a child's breathing has that are no apnoea: a breath-holding spell in a tantrum or
# crying, obstructive sleep apnoea (snoring, big tonsils: NICE CKS, an ENT referral) and a
# newborn's periodic breathing (short pauses in sleep; NHS "Newborn: breathing") (safety review
# of issue 21).
_BENIGN_PAUSES = _rx(r"tantrums?", r"breath[- ]?holding", r"crying", r"cries", r"upset",
                     r"tonsils?", r"adenoids?", r"(?:short|brief|little|tiny) pauses?",
                     r"periodic breathing")
_PAUSE = _rx(r"pauses? (?:in|when|while|between|during) (?:[\w'\u2019]+ ){0,2}?(?:breath\w*|breathes?)",
             r"(?:stops|keeps stopping|kept stopping) breathing",
             # layfix: "keeps pausing in her breathing", "her breathing keeps stopping"
             r"(?:keeps?|kept) pausing (?:in|when|while|between|during) (?:[\w'\u2019]+ ){0,2}?"
             r"(?:breath\w*|breathes?)", r"breathing (?:keeps|kept) (?:stopping|pausing)")
# A danger sign beside the pauses keeps them apnoea whatever the crying (re-review: "my baby
# keeps stopping breathing and she is crying").
_PAUSE_DANGER = _rx(r"blue", r"gr[ae]y", r"floppy", r"limp", r"weak\w*", r"sleepy", r"drowsy",
                    r"hard to wake", r"won.?t wake", r"keeps? stopping", r"kept stopping",
                    r"unresponsive", r"pale", r"mottled", r"not breathing")
_SENTENCE = re.compile(r"[^.!?\n]+")


def _sentence_match(text: str, pos: int) -> re.Match[str] | None:
    """The sentence of ``text`` that holds offset ``pos``, as its match (for its offsets)."""
    return next((m for m in _SENTENCE.finditer(text) if m.start() <= pos < m.end()), None)


def _sentence_at(text: str, pos: int) -> str:
    """The sentence of ``text`` that holds offset ``pos``."""
    m = _sentence_match(text, pos)
    return m.group() if m else ""


_OTHER_FAST = _rx(r"droop\w*", r"drop(?:ped|ping)", r"slurr\w*", r"one side", r"one-sided",
                  r"weak\w*", r"can.?t (?:speak|talk|lift|raise)", r"confus\w*", r"lopsided",
                  r"smile")


def _benign_pauses(p: Presentation) -> bool:
    """Whether each pause in breathing has a tantrum, crying or snoring-like cause in its own
    sentence and no danger sign is named (re-review)."""
    if _PAUSE_DANGER.search(p.text) is not None:
        return False
    return all(_BENIGN_PAUSES.search(_sentence_at(p.text, m.start())) is not None
               for m in _PAUSE.finditer(p.text))


# Blue lips or tongue that are gone again after the cold ("after swimming ... his lips went
# blue, now warm and pink") or are a dye ("had a blue slushie") (safety review of issue 21).
_BLUE_RESOLVED = _rx(r"(?:now|since|then)(?: \w+){0,3} (?:warm|pink|fine|normal)")
_BLUE_DYE = _rx(r"slush\w*", r"slurp\w*", r"sweets?", r"lolly", r"lollipops?", r"ice ?lolly",
                r"candy", r"blueberr\w*", r"food colou?r\w*", r"dye", r"ink", r"crayons?",
                r"paint", r"felt[- ]tip", r"pens?", r"sherbet", r"jelly", r"icing", r"gum")


_BLUE_LIPS = _rx(
    r"(?:blue|grey|gray|bluish|blueish|greyish|grayish|dusky|purple) (?:lips|tongue)"
    r"(?! (?:from|after) )",
    r"(?:blue|grey|gray|bluish|blueish|dusky) (?:a?round|round) (?:the |his |her |their |my )?"
    r"(?:lips|mouth)",
    r"(?:lips|tongue)(?: and (?:lips|tongue|skin|face))? (?:is |are |look |looks |looked |looking |"
    r"turning |turned |went |gone |going |have gone |has gone |have turned |has turned |were |was )"
    # "are turning blue", "is going blue" (re-review)
    r"(?:(?:turning|going|gone|starting to go|starting to turn) )?"
    r"(?:(?:a bit|a little|very|slightly|quite|really) )?(?:blue|grey|gray|bluish|blueish|greyish|"
    r"grayish|dusky|purple)(?! (?:from|after) )")
_BLUE_COLOUR = _rx(r"blue", r"gr[ae]y", r"bluish", r"blueish", r"dusky", r"purple")
_BREATH_DANGER = _rx(r"wheez\w*", r"breath\w*", r"struggl\w*", r"gasp\w*", r"chok\w*", r"floppy",
                     r"limp", r"unresponsive", r"drowsy", r"sleepy", r"cough\w*", r"pale",
                     r"collaps\w*", r"fit\b", r"seiz\w*", r"cold", r"grunt\w*")


def _blue_benign(p: Presentation) -> bool:
    """Whether each blue lip or tongue is resolved or a dye in its own sentence (re-review: a
    blue colour after the "now fine" and a breathing sign beside a dye keep it)."""
    for m in _BLUE_LIPS.finditer(p.text):
        sent = _sentence_at(p.text, m.start())
        res = _BLUE_RESOLVED.search(sent)
        if res is not None and _BLUE_COLOUR.search(sent, res.end()) is None:
            continue
        if _BLUE_DYE.search(sent) is not None and _BREATH_DANGER.search(p.text) is None:
            continue
        return False
    return True


ISSUE21_RULES: tuple[RedFlagRule, ...] = (
    RedFlagRule("risk of harm to others", 2, _INTENT_OTHERS,
                condition=lambda p: not guard("rf:feared_accident",
                                              not _not_only_feared_accident(p))),
    RedFlagRule("risk of harm to others", 2, _rx(
        # a threat made with a weapon or against a person ("threatened his wife with a knife",
        # "made threats against his family")
        r"threaten\w* " + _OTHER_PERSON + r" with (?:a |an |the |his |her )?" + _WEAPON,
        r"threats? (?:against|towards?|at) " + _OTHER_PERSON)),
    # The same forms about oneself, the C-SSRS screen's first item (wish to be dead: "wishes he
    # were dead", "wish I could just die"; Columbia Suicide Severity Rating Scale) and a stated
    # method (NHS "Suicide: get help now": a plan to end your life; NICE NG225): "says he will
    # take all his pills", "wants to jump off a bridge".
    RedFlagRule("suicidality or self-harm", 2, _SELF_HARM_WILL,
                condition=lambda p: not guard("rf:feared_accident_self", _feared_accident_self(p))),
    RedFlagRule("suicidality or self-harm", 2, _rx(
        r"(?:go to sleep|fall asleep|sleep) and (?:never|not) wake up",
        r"wish(?:es|ed|ing)? (?:that )?(?:i|he|she|they) (?:was|were|could be) dead",
        r"wish(?:es|ed|ing)? (?:that )?(?:i|he|she|they) (?:could|would) (?:just )?die",
        r"wish(?:es|ed|ing)? to (?:be dead|die)",
        r"(?:" + _PERSON_WILL + r"|wants? to|wanted to|plans? to|planning to|intends? to|"
        r"threaten\w* to) (?:take|swallow|inject) (?:all (?:of )?(?:(?:his|her|my|their|the) )?"
        r"(?:\w+ )?(?:pills|tablets|meds|medications?|medicines?|painkillers|insulin)|the (?:lot|"
        r"whole (?:box|bottle|packet|pack))|an overdose)(?! (?:\w+ )?(?:as (?:prescribed|directed|"
        r"instructed|advised)|to (?:the|my|his|her|a|an) ))",
        r"(?:" + _PERSON_WILL + r"|wants? to|wanted to|plans? to|planning to|intends? to|"
        r"threaten\w* to|tried to|trying to) (?:jump|throw (?:myself|himself|herself|themselves)) "
        r"(?:off|from|in front of|under) (?:a |an |the |his |her )?(?:\w+ )?(?:bridge|building|"
        r"roof|train|balcony|car park|tower|window|motorway|overpass|traffic|lorry|bus|car)")),
    # Cliff jumping or a pier jump into water on a day out is no method ("planning to jump off a
    # cliff into the sea on holiday"; safety review of issue 21); a bridge, a word of dying or
    # "tonight" keeps it a method (re-review).
    # Taking all one's tablets "to the bridge" or "as prescribed" is guarded above; a word of
    # dying or "tonight" beside it keeps it a method (re-review: "she says she will take all her
    # tablets to the bridge and end it").
    RedFlagRule("suicidality or self-harm", 2, _rx(
        r"(?:" + _PERSON_WILL + r"|wants? to|wanted to|plans? to|planning to|intends? to|"
        r"threaten\w* to) (?:take|swallow|inject) (?:all (?:of )?(?:(?:his|her|my|their|the) )?"
        r"(?:\w+ )?(?:pills|tablets|meds|medications?|medicines?|painkillers|insulin)|the (?:lot|"
        r"whole (?:box|bottle|packet|pack))|an overdose)"),
        condition=lambda p: _END_IT.search(p.text) is not None),
    RedFlagRule("suicidality or self-harm", 2, _JUMP_CLIFF,
                condition=lambda p: not guard("rf:cliff_jump_water", _cliff_jump_for_fun(p))),
    # Chest-wall recession in the words parents use (NHS "Bronchiolitis": call 999 for "their
    # tummy sucking under their ribcage", pauses when the baby breathes, blue or grey skin,
    # tongue or lips; NHS "Croup": 999 when "the skin between their ribs pulls in with every
    # breath"; NHS "Sepsis" (children): "sucking in under their ribs"; NICE NG143 red: moderate
    # or severe chest indrawing; NICE NG9: severe recession, apnoea -> immediate referral). The
    # ribs (or a breath) anchor each wording: "sucking in his tummy for the photo", "sucking on
    # his fingers" and "ribs hurt" are no recession. Any age (recession is distress at any age,
    # as the clinical "intercostal recession" of the respiratory-distress rule).
    RedFlagRule("respiratory distress", 2, _rx(
        _LAY_RECESSION_IN + r" (?:\w+ ){0,2}?(?:under|below|beneath|between|around|at) "
        r"(?:the |his |her |their |its |my |your )?(?:ribs?|rib ?cage|ribcage|rib bones?)\b",
        r"(?:ribs?|rib ?cage|ribcage|(?:skin|muscles?|chest|tummy|stomach|belly) (?:between|under|"
        r"below|beneath|around) (?:the |his |her |their |its |my |your )?(?:ribs?|rib ?cage|ribcage))"
        r" (?:is |are |was |were |keeps? |kept |seems? (?:to be )?|looks? (?:like (?:it'?s )?)?)?"
        + _LAY_RECESSION_IN + r"\b",
        r"(?:tummy|stomach|belly|chest|neck|throat) (?:is |are |was |keeps? |kept )?"
        + _LAY_RECESSION_IN + r" (?:and out )?(?:\w+ ){0,3}?(?:with|when|as|on|while|during|"
        r"every time|each time) (?:(?:each|every|a|his|her|their|its|he|she|they|it) )?"
        r"(?:breath\w*|inhal\w*)",
        r"tracheal tug\w*", r"see-?saw(?:ing)? breathing")),
    # Pauses in a child's breathing (NHS "Bronchiolitis": 999 "there are pauses when your baby
    # breathes"; NICE NG9: apnoea) and blue or grey lips or tongue at any age (NHS "Bronchiolitis";
    # NHS "When to call 999": blue, grey or blotchy skin, lips or tongue). Not an adult's pauses
    # in sleep (sleep apnoea: a referral), hence the child condition on the first rule, nor a
    # snoring child's pauses at night (obstructive sleep apnoea: NHS "Snoring" / NICE CKS
    # "Obstructive sleep apnoea in children", a referral to ENT, not 999).
    RedFlagRule("respiratory distress", 2, _rx(
        r"pauses? (?:in|when|while|between|during) (?:[\w'\u2019]+ ){0,2}?(?:breath\w*|breathes?)",
        r"(?:stops|keeps stopping|kept stopping) breathing",
        r"(?:keeps?|kept) pausing (?:in|when|while|between|during) (?:[\w'\u2019]+ ){0,2}?"
        r"(?:breath\w*|breathes?)", r"breathing (?:keeps|kept) (?:stopping|pausing)"),
        condition=lambda p: (_child_or_unaged_child(p)
                             and not guard("rf:snoring_pauses", _SNORING.search(p.text) is not None)
                             and not guard("rf:benign_pauses", _benign_pauses(p)))),
    RedFlagRule("respiratory distress", 2, _BLUE_LIPS,
                condition=lambda p: not guard("rf:blue_resolved_or_dye", _blue_benign(p))),
    # A new or sudden weakness of an arm, a leg or the face with no side named ("no prior stroke,
    # new arm weakness", "sudden leg weakness", "her arm suddenly went weak"): NHS "Stroke"
    # (FAST: weakness or numbness in one arm; sudden weakness of one side); the new or sudden
    # onset is required (a weak arm after a shoulder injury or for months is no FAST sign).
    RedFlagRule("stroke signs (FAST)", 2, _rx(
        r"(?:new|newly|sudden|suddenly|acute|abrupt)(?: onset(?: of)?)? (?:(?:left|right|one)[- ]?)?"
        r"(?:arm|leg|limb|hand|face|facial) (?:weakness|paralysis)",
        # numbness only when sudden: a "new" numb hand at night for weeks is a carpal tunnel, a
        # numb face after a dental injection is the anaesthetic (safety review of issue 21)
        r"(?:sudden|suddenly|acute|abrupt)(?: onset(?: of)?)? (?:(?:left|right|one)[- ]?)?"
        r"(?:arm|leg|limb|hand|face|facial) numbness",
        r"(?:new|sudden|acute)(?: onset(?: of)?)? weakness (?:of|in) (?:the |his |her |my |their |"
        r"an? |one )?(?:arm|leg|limb|hand|face)",
        r"(?:arm|leg|hand|face) (?:suddenly |has suddenly |went suddenly )(?:went |gone |become |"
        r"became |is |felt )?(?:weak|numb|limp|floppy|dead)",
        # (final review) sudden numbness of face and arm, or of one side, in other word orders:
        # "Sudden numbness in her face and arm", "face and arm went numb suddenly on the left",
        # "sudden numbness down one side of my body" (NHS "Stroke": numbness on one side)
        r"(?:sudden|suddenly|acute|abrupt)(?: onset(?: of)?)? numbness (?:in|of|down|on|over) "
        r"(?:(?:the|his|her|my|their) )?(?:(?:left|right) )?(?:face|arm|leg|one side)",
        r"(?:face|arm) and (?:arm|leg|face) (?:went|gone|going|became|are|were) numb suddenly"),
        acute_only=True),
    # A "new" numbness beside another FAST sign is a stroke sign again ("new facial numbness
    # and drooping"; re-review): NHS "Stroke" (face dropped, slurred speech, one-sided weakness).
    RedFlagRule("stroke signs (FAST)", 2, _rx(
        r"(?:new|newly)(?: onset(?: of)?)? (?:(?:left|right|one)[- ]?)?"
        r"(?:arm|leg|limb|hand|face|facial) numbness"),
        condition=lambda p: _OTHER_FAST.search(p.text) is not None, acute_only=True),
    # A seizure in progress in its verb form ("now seizing", "he is seizing"): NHS "Epilepsy" /
    # "What to do if someone has a seizure" (999 for a first seizure or one lasting over 5
    # minutes); "seizing up" is a joint or an engine, not a fit.
    RedFlagRule("altered mental status", 2, _SEIZING,
                condition=lambda p: not guard("rf:part_seizing", not _seizing_person(p))),
    # Nostrils flaring in the lay word order (NICE NG143 amber: nasal flaring): the same level as
    # the "nasal flaring" rule above.
    RedFlagRule("fast breathing in a child", 3, _rx(
        r"nostrils? (?:are |is |keep |keeps |was |were )?flar\w*(?!" + _WHILE_CRYING + r")"),
        condition=lambda p: p.age is not None and p.age < 12),
)
# A prolapsed umbilical cord and hydrophobia are emergencies in their own words, with no second
# finding (safety review of issue 21: "Cord prolapse." and "Hydrophobia." were routine, the
# knowledge-base entries needing a second finding). RCOG Green-top Guideline No. 50 Umbilical
# cord prolapse (relieve compression, deliver urgently); WHO Rabies fact sheet (hydrophobia and
# aerophobia: the signs of furious rabies). A worry, a question about signs or risk, a drill, a
# past birth, the spinal cord, or a water phobia in the everyday sense is none.
_NOT_CORD_NOW = _rx(r"spinal", r"history of", r"years? ago", r"(?:previous|last|prior|earlier|first) "
                    r"(?:pregnancy|delivery|labou?r|birth)", r"post-?natal", r"post-?partum",
                    r"\d+[- ](?:day|week|month)[- ]old", r"teaching", r"training", r"drills?",
                    r"simulation", r"risks? of", r"causes?\b", r"signs? of", r"what (?:is|are)\b",
                    r"(?:worried|worry|scared|afraid|anxious|concerned|nervous) (?:about|of|that)")
_NOT_RABIES = _rx(r"phobia", r"swim\w*", r"drown\w*", r"cbt", r"therap\w*", r"anxiety",
                  r"in the sense", r"hydrophobic", r"coating", r"surface", r"molecul\w*",
                  r"vaccin\w*", r"what (?:is|are)\b")
ISSUE21_TERM_RULES: tuple[RedFlagRule, ...] = (
    RedFlagRule("umbilical cord prolapse", 2, _rx(
        r"(?:prolapsed|prolapse of the) (?:umbilical )?cord", r"cord prolapse",
        r"(?:umbilical )?cord (?:has |had |is )?(?:prolapsed|come out|coming out)",
        r"(?:umbilical )?cord (?:is |was )?(?:hanging|sticking|poking|coming) (?:down|out)"),
        condition=lambda p: not guard("rf:cord_not_now", _NOT_CORD_NOW.search(p.text) is not None),
        current_only=True),
    RedFlagRule("suspected rabies (hydrophobia)", 2, _rx(r"hydrophobia\b", r"aerophobia\b"),
                condition=lambda p: not guard("rf:not_rabies", _NOT_RABIES.search(p.text) is not None)),
)
RULES = RULES + ISSUE21_RULES + ISSUE21_TERM_RULES

# A person who has collapsed is an emergency in lay and clinical words alike (issue 21, h-tri9:
# "Sudden collapse.", "she suddenly collapsed", "collapsed at home" were routine, 4; "passed
# out" / "loss of consciousness" already fired the transient-loss-of-consciousness reading):
# NHS ambulance services' "when to call 999" (East of England: cardiac arrest / collapse /
# unconsciousness; South Western: loss of consciousness); ESI Implementation Handbook v4 (a
# syncope or collapse is a high-risk situation until shown otherwise). Not a collapsed
# STRUCTURE (a lung, a lobe, a vertebra, a vein, the IVC on ultrasound, an arch, a building,
# a marriage: the words before it, "collapse of ..." and the nouns after it), not a feeling or
# a threat of collapsing ("feel like collapsing", "about to collapse": presyncope or tiredness,
# the faint and fatigue entries' business), not collapsing into bed or onto the sofa, not "in
# a collapsed state" read adjectivally ("a / the collapsed"). Dated or chronic mentions are
# the ``current_only`` / ``acute_only`` readings' ("collapsed in 2015", "history of collapse").
_COLLAPSE_STRUCTURE = (
    "lung", "lungs", "lobe", "lobes", "lobar", "segmental", "subsegmental", "vertebra",
    "vertebrae", "vertebral", "spinal", "spine", "compression", "wedge", "disc", "disk", "body",
    "bony", "tracheal", "trachea", "airway", "airways", "alveolar", "bronchial", "nasal",
    "valve", "valvular", "ivc", "cava", "caval", "vein", "veins", "venous", "inspiratory",
    "basal", "bibasal", "bibasilar", "basilar", "apical", "partial", "partially", "partly",
    # (tri9fix2) "building", "roof", "bridge", "tent", "house", "business" and "market" moved to
    # collapse_subject's things: "a lady on the bridge / at the market collapsed" is a person
    "complete", "completely", "total", "totally", "fully", "financial", "economic",
    "marriage", "arch", "arches",
    "femoral", "head", "a", "the", "to", "like", "might", "could", "would", "/",
    # imaging, bronchoscopy and operative wording (a scan of every MTSamples note)
    "dynamic", "arthritic", "expiratory", "somewhat", "more", "infiltrate and",
    "consolidation and", "atelectasis and", "narrowing and")
_COLLAPSE_NOT_AFTER = (
    r"(?!\s*(?:of\b|/|-|lungs?\b|lobes?\b|vertebra\w*|discs?\b|disks?\b|veins?\b|arch\w*|"
    r"nostrils?\b|trachea\w*|alveol\w*|ivc\b|cava\b|bladder\b|ventricle\b|segments?\b|"
    r"(?:in|into|onto|on) (?:to )?(?:my |his |her |their |the |a )?(?:bed|sofa|couch|settee|"
    r"armchair|chair)\b|(?:with|in) (?:laughter|giggles|tears|exhaustion)\b|"
    # (tri9fix) a mood or a slump in front of the television, not a collapse: "collapsed
    # crying / laughing", "collapsed in front of the telly"
    r",?\s*(?:crying|laughing|sobbing|giggling|in (?:fits of |a fit of )?(?:hysterics|laughter)|"
    r"in front of (?:the |a )?(?:telly|tv|television|fire|sofa|computer))\b|"
    # a transitive use has a thing as its object ("collapsed the tumour on itself"), not "the
    # other day / night before"
    r"the (?!other\b|day\b|night\b|morning\b|evening\b|week\b|previous\b|next\b)|"
    r"during (?:the )?(?:exhalation|expiration|inspiration)\b))")
_COLLAPSE_NOT_BEFORE = "".join(
    f"(?<!{re.escape(w)} )" if w != "/" else "(?<!/)" for w in _COLLAPSE_STRUCTURE)
COLLAPSE = re.compile(
    r"(?<![\w-])" + _COLLAPSE_NOT_BEFORE
    + r"(?<!feel like )(?<!feels like )(?<!felt like )(?<!feeling like )"
    + r"(?:collapsed|collapses|collapsing|collapse)\b" + _COLLAPSE_NOT_AFTER
    # the same in other lay words: "he keeled over", "she suddenly dropped to the floor", "went
    # limp and fell" (not "keeled over laughing", not a trip or a slip; tri9fix: not a purpose,
    # "just dropped to the floor to do press ups / to pick up ...")
    + r"|\bkeel(?:ed|s|ing)? over\b(?! (?:with |from |in )?laugh\w*)"
    + r"|(?<!tripped and )(?<!slipped and )\b(?:suddenly|just) (?:dropped|slumped|fell|went down) "
    + r"(?:down )?(?:to|on|onto) the (?:floor|ground)\b"
    + r"(?!,?\s+(?:in order )?to (?!the\b|a\b|an\b|my\b|his\b|her\b)\w)"
    + r"|\bwent (?:limp|floppy) and (?:fell|dropped|slumped)\b", re.I)


def _collapse_by_person(text: str, m: re.Match[str]) -> bool:
    """(tri9fix) The collapse is a person's, told as an event: not a knee, a chair, a ceiling
    or a dog, not "nearly", "I'll ... if", "what should I do if someone collapses?"."""
    return not guard("rf:collapse_not_person", collapse_not_a_person(text, m.start()))


def _collapse_not_recovered(text: str, m: re.Match[str]) -> bool:
    return _collapse_by_person(text, m) and not guard("rf:collapse_recovered",
                                                      recovered_after(text, m.end()))


def _collapse_recovered(text: str, m: re.Match[str]) -> bool:
    return _collapse_by_person(text, m) and recovered_after(text, m.end())


COLLAPSE_RULES: tuple[RedFlagRule, ...] = (
    RedFlagRule("collapse", 2, COLLAPSE,
                # "collapsed this morning, now alert (AVPU A)": the transient rule's level below
                condition=lambda p: not guard("rf:collapse_alert_now", _alert_now(p)),
                acute_only=True, current_only=True, match_ok=_collapse_not_recovered),
    RedFlagRule("collapse, now alert", 3, COLLAPSE, condition=_alert_now, acute_only=True,
                current_only=True, match_ok=_collapse_by_person),
    # (tri9fix) a collapse with a stated full recovery ("I collapsed after giving blood, felt
    # fine after a drink", "now fine", "back to normal"): a faint that came round, NHS
    # Fainting (GP / 111), level 3 unless another red flag fires
    RedFlagRule("collapse, now alert", 3, COLLAPSE, acute_only=True, current_only=True,
                match_ok=_collapse_recovered),
)
RULES = RULES + COLLAPSE_RULES


# ---- NHS "When to call 999" in lay words (issue 21, h-trilay) ----
# Each item of the NHS list ("When to call 999"; "Blue or grey skin or lips (cyanosis)"; "Is
# your baby or toddler seriously ill?"; "Sepsis"; "What to do if someone has a seizure")
# checked against the red flags with lay wordings and with ACI-bench / MTSamples text; these
# are the wordings no rule read (acuity 4 in ``self`` before).
#
# A person as the subject of a colour change or of going floppy: a pronoun or a person noun,
# then at most an auxiliary and an adverb before the verb ("he's gone blue", "my dad has just
# turned blue", "the baby is going floppy"). Not a body part or a thing ("the bruise has gone
# blue", "his ears are floppy", "my hair has gone grey"; hands, fingers and feet are not read:
# blue fingers or toes are an urgent GP / 111 matter on the NHS cyanosis page, Raynaud's).
_PERSON_NOUN = (r"(?:he|she|hes|shes|they|baby|babies|son|daughter|mum|mom|mummy|mommy|dad|daddy|husband|"
                r"wife|partner|child|kid|toddler|boy|girl|grandad|granddad|grandpa|grandma|granny|"
                r"nan|nana|father|mother|brother|sister|friend|infant|newborn|man|woman|lady|guy|"
                r"patient|old|one)")
_PERSON_SUBJECT = (r"\b" + _PERSON_NOUN + r"(?:'s|\u2019s|s|'ve|\u2019ve| has| have| had| is| was| "
                   r"are| were)?(?: (?:just|suddenly|also|then|now|all of a sudden|started to|"
                   r"keeps?|kept|completely|totally))?")
_COLOUR_VERB = (r" (?:gone|turned|going|turning|went|turns|goes|go|turn|become|became|becoming|"
                r"looks?|looking|looked)")
_COLOUR_DEGREE = (r"(?: (?:all|a bit|a little|very|really|quite|slightly|completely|totally|kind "
                  r"of|sort of|a|an|funny|strange|weird|horrible|awful|odd|pale|light|dark|"
                  r"dusky)){0,3}")
_BLUE = r"(?:blue|bluish|blueish|bluey|dusky)"
_GREY = r"(?:grey|gray|greyish|grayish|ashen)"
#: "he's gone blue", "she turned blue", "the baby is going blue", "he has gone a dusky colour"
CYANOSIS_PERSON = _rx(_PERSON_SUBJECT + _COLOUR_VERB + _COLOUR_DEGREE + r" " + _BLUE
                      + r"(?:[- ](?:grey|gray))?\b")
#: "the baby is dusky", "the baby's blue" (layfix: a baby said to be a colour, not its things)
CYANOSIS_BABY_IS = _rx(
    r"\b(?:baby|babys|infant|newborn)(?:'s|\u2019s| is| was| looks?| seems?)(?: (?:very|really|a bit|"
    r"quite|a little|slightly|all|now|suddenly))? (?:dusky|blue|bluish|blueish|grey|gray|greyish|"
    r"grayish|ashen)\b(?! (?:blankets?|romper|hat|top|dress|babygro|onesie|sleepsuit|outfit|toys?|"
    r"dummy|bottle|eyes|car|pram|buggy|room|nursery|clothes|bib|socks|coat|jumper|cardigan|"
    r"vest|bath|cot|mat|colou?r (?:of|on)))")
#: "he's gone grey" is also hair that greys: grey needs a sign of illness in its sentence
_GREY_GONE = _PERSON_SUBJECT + _COLOUR_VERB + _COLOUR_DEGREE + r" " + _GREY + r"(?:[- ](?:blue))?\b"
#: (laytrifix) the colour-change form alone, to tell it from the bare copula below
_GREY_GONE_RX = _rx(_GREY_GONE)
CYANOSIS_PERSON_GREY = _rx(_GREY_GONE,
                           # (lay11) the state with a bare copula: "my husband is grey and
                           # floppy", "he's grey and clammy" (NHS "When to call 999": blue, grey
                           # or pale skin or lips; still needs a sign of illness: _grey_ill_ok,
                           # and a circulation or breathing one: _GREY_CIRCULATION)
                           r"\b" + _PERSON_NOUN + r"(?:'s|\u2019s| is| was| are| were)(?: (?:just|"
                           r"suddenly|also|now|completely|totally|still))?" + _COLOUR_DEGREE + r" "
                           + _GREY + r"\b(?![- ](?:hair\w*|haired|beard\w*|eyes?|eyed|suit|"
                           r"jumper|top|coat|area|day|matter))")
_GREY_ILL = _rx(r"colou?r", r"in the face", r"sweat\w*", r"clammy", r"breath\w*",
                r"collaps\w*", r"floppy", r"limp", r"unrespons\w*", r"faint\w*", r"pale",
                r"chest", r"unwell", r"ill\b", r"poorly",
                # (laytrifix) "sick of being ill" / "sick of it" is weariness, no illness
                r"sick\b(?! (?:and tired )?of\b)", r"lips", r"drows\w*",
                r"confus\w*", r"pain\w*", r"wheez\w*", r"gasp\w*", r"vomit\w*", r"dizz\w*",
                r"shak\w*", r"(?:not|isn'?t|is not|wasn'?t|was not) (?:him|her|them)sel(?:f|ves)", r"blue",
                # (lay11) a person who does not respond (NHS When to call 999)
                r"(?:not|\w+n'?t|\w+n\u2019t|will not|cannot) (?:really |properly )?respond\w*")
_HAIR = _rx(r"hair\w*", r"beard\w*", r"eyebrows?", r"temples", r"roots", r"greying", r"graying")
#: the face or the skin (NHS: lips, tongue, face or skin suddenly turn blue or grey -> 999); the
#: lips and tongue are the respiratory-distress rule's (_BLUE_LIPS)
CYANOSIS_FACE_SKIN = _rx(
    r"(?:face|skin|complexion)(?: and (?:lips|face|skin|tongue|body))? (?:has |have |is |are |"
    r"was |were )?(?:(?:just|suddenly|now|also) )?(?:gone |turned |going |turning |went |turns |"
    r"goes |looks? |looking |looked |become |became |seems? |is |are |was |were )?"
    r"(?:(?:all|a bit|a little|very|really|quite|slightly|kind of|sort of|a|an|pale|dusky) ){0,3}"
    + _BLUE + r"(?:[- ](?:grey|gray))?\b",
    _BLUE + r"(?:[- ](?:grey|gray))? (?:face|skin)\b",
    # "went blue in the face" (whooping cough, choking); the idiom "until I'm blue in the face"
    # is guarded below
    r"(?:gone|turned|going|turning|went|turns|goes|go|is|was|'s|\u2019s) (?:\w+ )?blue in the face")
# Not a cyanosis: the idiom ("told him until I'm blue in the face", "laughing till he went blue
# in the face"), a dye, paint or food colour (_BLUE_DYE), a bruise, a vein, a tattoo, a birthmark
# (a Mongolian blue spot), a skin colour from a medicine (amiodarone, minocycline, silver) or
# the cold water of a swim that has warmed again (_BLUE_RESOLVED, as for the lips).
_NOT_CYANOSIS = _rx(r"until", r"till\b", r"'til\b", r"laugh\w*", r"giggl\w*", r"shout\w*",
                    r"yell\w*", r"argu\w*", r"bruis\w*", r"veins?", r"tattoo\w*", r"birth ?marks?",
                    r"mongolian", r"amiodarone", r"minocycline", r"silver", r"argyria", r"jeans",
                    r"denim", r"make-?up", r"face paint\w*", r"hair", r"eyes? (?:are|is)",
                    r"blue eyes", r"sclera\w*", r"tympanic", r"ear ?drums?", r"discharge")


# ---- layfix (review of h-trilay): an event that is over, and each rule's own near misses ----
# A sentence that says the event is over (NHS "When to call 999" is about what is happening
# now): "fine now", "pinked up", "came round", "it's stopped now", "stopped with a plaster";
# and one that dates it to the past ("last week", "years ago", "as a child", "twice in the
# past month", "yesterday but") with no present-time word after the date.
_LAY_OVER = _rx(r"(?:is|was|seems?|now|he'?s|she'?s|they'?re|and|but|all) (?:(?!not\b|never\b|far\b)\w+ )?"
                # (re-review) "he was fine an hour ago / this morning" dates the onset: not over
                r"fine\b(?!,? (?:this|an?|one|two|few|\d+|earlier|yesterday|at|before|until|till|"
                r"last|when|on|over|all|just|only)\b)",
                r"\bfine (?:now|again|after|since)\b", r"pink(?:ed)? (?:back )?up",
                r"now (?:[\w'\u2019]+ ){0,3}(?:pink|fine|normal|ok|okay|better|playing|back to normal)",
                r"(?:came|come|comes|coming) (?:round|around|to)\b", r"woke (?:straight|right) up",
                r"(?:it'?s|it has|has|had|it had|it|that|bleeding|blood|which) stopped\b(?! (?:breathing|"
                r"responding|moving|feeding|eating|drinking|talking|making sense|crying|weeing|peeing))",
                r"stopped (?:with|after|on its own|by itself)",
                r"for a (?:split )?(?:second|moment|minute|few seconds)\b(?! or)")
_LAY_PAST = _rx(r"last (?:week|year|month|time|summer|winter|christmas)",
                r"(?:years?|months?|weeks?|days?) ago", r"a (?:year|month|week|few days) ago",
                r"as a (?:child|toddler|kid|baby|teenager)", r"when (?:i|he|she) was (?:little|young|a)",
                r"(?:once|twice|\w+ times) (?:in|over) the (?:past|last)")
_LAY_NOW = _rx(r"\bnow\b(?! (?:he'?s|she'?s|they'?re|is|are|seems?)? ?(?:fine|pink|ok|okay|normal|better))",
               r"today", r"tonight", r"this (?:morning|afternoon|evening)", r"at the moment",
               r"currently", r"again (?:now|today)")


def _lay_over(text: str, m: re.Match[str], past: bool = True) -> bool:
    """The event of ``m`` is over (said after it in its sentence) or, with ``past``, dated to
    the past within its own sentence with no present-time word after the date (a sign in the
    present progressive, "he's having a fit", is happening now whatever else is dated)."""
    sm = _sentence_match(text, m.start())
    if sm is None:
        return False
    sent, rel = sm.group(), m.start() - sm.start()
    for o in _LAY_OVER.finditer(sent):
        if o.start() < rel:
            continue  # "he was fine yesterday but now he's gone floppy"
        if guard("rf:usual_health_not_over", _usual_health(sent, o)):
            continue  # "my baby is mottled, he's normally fine" (lay11)
        if _NOT_BEFORE.search(sent[max(0, o.start() - 12):o.start()]) is not None:
            continue  # "hasn't come round"
        if (o.group(0).lower().startswith("for a")
                and re.search(r"\b(?:been|still|keeps?)\b", sent[:o.start()], re.IGNORECASE)):
            continue  # "he's been blue for a minute" is still going on
        return guard("rf:lay_over", True)
    if not past:
        return False
    dated = _LAY_PAST.search(sent)
    return guard("rf:lay_past", dated is not None and _LAY_NOW.search(sent, dated.end()) is None)


_NOT_BEFORE = re.compile(r"(?:n'?t|\u2019t|\bnot|\bnever|\bno|\byet)\s*$", re.IGNORECASE)

# (lay11) the usual-health reassurance ("he's normally fine") is ``lay_words.usual_health``
# (lay12: one definition, shared with collapse_subject's recovery and parse's AVPU "A")

def _cyanosis_ok(text: str, m: re.Match[str]) -> bool:
    """The colour change is no idiom, dye, bruise, medicine or warmed-up chill (its sentence)."""
    sent = _sentence_at(text, m.start())
    if guard("rf:cyanosis_not_colour", _NOT_CYANOSIS.search(sent) is not None):
        return False
    if guard("rf:cyanosis_dye", _BLUE_DYE.search(sent) is not None
             and _BREATH_DANGER.search(text) is None):
        return False
    res = _BLUE_RESOLVED.search(sent)
    if guard("rf:cyanosis_resolved", res is not None
             and _BLUE_COLOUR.search(sent, res.end()) is None):
        return False
    return not _lay_over(text, m)


# "looks blue" is also a low mood ("he's looking a bit blue lately, I think he's depressed"):
# "looks / looking blue" needs a sign of illness in its sentence; a mood word or a
# breath-holding spell (NHS "Breath-holding in babies and children": usually harmless) is not a
# cyanosis to call 999 for.
_LOOKS = re.compile(r"\blook(?:s|ing|ed)?\b", re.IGNORECASE)
_BLUE_ILL = _rx(r"breath\w*", r"cough\w*", r"chok\w*", r"unrespons\w*", r"not respond\w*",
                r"floppy", r"limp", r"cold and", r"gasp\w*", r"wheez\w*", r"struggl\w*",
                r"collaps\w*", r"lips", r"unconscious", r"drows\w*", r"sleepy", r"pale")
_BLUE_MOOD = _rx(r"depress\w*", r"\bsad\b", r"after losing", r"won'?t talk", r"lately",
                 r"\bmood\w*", r"lonely", r"miserable", r"fed up")
_BREATH_HOLDING = _rx(r"breath[- ]?holding", r"holds? (?:his|her|their) breath")


def _blue_person_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    if guard("rf:blue_mood", _BLUE_MOOD.search(sent) is not None
             and _BLUE_ILL.search(sent) is None):
        return False
    if guard("rf:blue_breath_holding", _BREATH_HOLDING.search(sent) is not None
             and _FLOPPY_UNRESPONSIVE.search(sent.replace("blue", "")) is None):
        return False
    if _LOOKS.search(m.group(0)) is not None and guard(
            "rf:blue_looks_no_illness", _BLUE_ILL.search(sent) is None):
        return False
    return _cyanosis_ok(text, m)


# Grey said of a baby needs no other sign (NHS "Is your baby or toddler seriously ill?"); of an
# adult it does, and "grey with stress / shock / fright" is an idiom.
_GREY_IDIOM = _rx(r"stress\w*", r"shock\w*", r"fright\w*", r"with fear", r"news", r"weather",
                  r"winter", r"overwork\w*")
_GREY_STRONG = _rx(r"clammy", r"sweat\w*", r"chest", r"breath\w*", r"collaps\w*", r"unrespons\w*",
                   r"floppy", r"limp", r"lips", r"faint\w*", r"vomit\w*")


# (laytrifix, review of lay11) A person who merely IS grey (the bare copula: "my dad is grey and
# has back pain", "my husband is grey and sick of being ill") is said of hair, age or mood as
# much as of skin: it is read only with a sign of the circulation, the breathing or the mind in its
# sentence (NHS "When to call 999": blue, grey or pale skin or lips WITH difficulty breathing /
# chest pain / collapse; NHS "Sepsis": cold, clammy, blotchy skin, breathlessness, confusion,
# shivering), not with any pain ("back pain"), "unwell / ill / poorly" or "sick of".
_GREY_CIRCULATION = _rx(r"sweat\w*", r"clammy", r"breath\w*", r"collaps\w*", r"floppy", r"limp",
                        r"unrespons\w*", r"faint\w*", r"passed out", r"pale", r"chest", r"lips",
                        r"drows\w*", r"confus\w*", r"wheez\w*", r"gasp\w*", r"blue", r"cold",
                        r"mottled", r"blotchy", r"heart", r"pulse",
                        # the mind (NHS "Sepsis": acting confused, not making sense; lay11 pin
                        # "grandma is grey and not herself")
                        r"(?:not|isn'?t|is not|wasn'?t|was not) (?:him|her|them)sel(?:f|ves)",
                        r"not making sense",
                        # dizzy or faint (a falling pressure), shaking or shivering (rigors) and
                        # vomiting ("being sick", not "sick of"): lay11 pins, NHS "Sepsis"
                        r"dizz\w*", r"light-?headed", r"shak\w*", r"shiver\w*", r"vomit\w*",
                        r"sick\b(?! (?:and tired )?of\b)", r"(?:not|\w+n'?t|\w+n\u2019t|"
                        r"will not|cannot) (?:really |properly )?respond\w*",
                        # (review, 2026-12-06) grey with pain or agony: a shock picture, and grey
                        # with sudden back / tummy pain a ruptured aortic aneurysm (NHS "Abdominal
                        # aortic aneurysm": call 999; NHS "Heart attack" lists back pain)
                        r"pain\w*", r"agony", r"aching", r"killing (?:him|her|them)")


def _grey_ill_ok(text: str, m: re.Match[str]) -> bool:
    """A person gone grey with a sign of illness in the sentence (a baby: none needed), no hair
    named, no idiom of stress or shock."""
    sent = _sentence_at(text, m.start())
    if _HAIR.search(sent) is not None:
        return False
    if guard("rf:grey_idiom", _GREY_IDIOM.search(sent) is not None
             and _GREY_STRONG.search(sent) is None):
        return False
    baby = _INFANT_WORD.search(m.group(0)) is not None
    if (not baby and _GREY_GONE_RX.match(text, m.start()) is None
            and guard("rf:grey_copula_no_circulation", _GREY_CIRCULATION.search(sent) is None)):
        return False  # "my dad is grey and has back pain" (laytrifix)
    return (baby or _GREY_ILL.search(sent) is not None) and _cyanosis_ok(text, m)


# Lips gone purple or with a blue tinge (NHS "Blue or grey skin or lips (cyanosis)": blue, grey
# or purple lips; "a blue tinge"), not a food, drink or lipstick.
LIPS_PURPLE_TINGE = _rx(
    r"lips (?:have |has |are |is |were |was )?(?:(?:just|suddenly|now|also) )?(?:gone |turned |going |"
    r"turning |went |look\w* |become |became )?(?:(?:a|all|a bit|a little|slightly|very|really|"
    r"quite|kind of|sort of|dark|funny) )*purple\b",
    r"purple lips\b",
    r"(?:blue|bluish|blueish|purple|purplish|grey|gray|greyish|dusky) (?:tinge|tint|colou?r|ring) "
    r"(?:around|round|to|on|of|in|at) (?:his |her |their |the |my |your )?(?:lips|mouth)\b")
_PURPLE_FOOD = _rx(r"wine", r"lipstick", r"blackcurrant", r"ribena", r"beetroot", r"juice",
                   r"berr(?:y|ies)", r"grapes?", r"cordial", r"lolly", r"sweets?", r"dye",
                   r"make-?up", r"lip ?(?:gloss|balm|stain)", r"cold water", r"swim\w*")


# A grey face or skin is an idiom on its own (shock at the news, a bill, photos, a smoker, winter,
# fake tan: layfix review) and is read only with a sign of illness that is no idiom in the same
# sentence (clammy, sweating, chest, breathing, collapse: NHS "Heart attack" / "Sepsis").
FACE_SKIN_GREY = _rx(
    r"(?:face|skin)(?: and (?:lips|face|skin))? (?:has |have |is |are |was |were )?(?:(?:just|"
    r"suddenly|now|also) )?(?:gone |turned |going |turning |went |looks? |looking |looked |become |"
    r"became )?(?:(?:all|a bit|a little|very|really|quite|slightly|pale|dusky) ){0,3}" + _GREY + r"\b",
    _GREY + r" (?:face|skin)\b")


def _face_grey_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    if _HAIR.search(sent) is not None or _GREY_STRONG.search(sent) is None:
        return False
    return _cyanosis_ok(text, m)


def _lips_purple_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    if guard("rf:lips_purple_food", _PURPLE_FOOD.search(sent) is not None):
        return False
    return _cyanosis_ok(text, m)


# Floppy or gone limp, said of a person (NHS "When to call 999" / "Is your baby or toddler
# seriously ill?": a child who is floppy -> 999; NHS "When to call 999": someone unconscious or
# not responding; NICE NG143 red: no response to social cues, reduced tone). Not floppy ears, a
# hat, an eyelid, a disc, a valve ("a little floppy valve": mitral prolapse, ACI-bench), a hallux
# "floppy tail" (MTSamples), and "limp" only as "gone / went / is limp" ("has a limp" is a gait).
# An adult who "feels floppy and weak after the flu" or is "floppy and tired after a night
# shift" is tired (layfix review): floppy is a 999 sign for a child, or beside unresponsiveness.
_FLOPPY_THING = (r"(?! (?:ears?|hat|eyelids?|eye ?lids?|discs?|disks?|hair|valves?|mitral|tail|"
                 r"feet|foot|ankles?|wrists?|arm|arms|legs?|hand|hands|penis|mouth|lips?)\b)")
_FLOPPY_DEGREE = (r"(?: (?:all|really|very|so|completely|totally|suddenly|quite|a bit|a little|"
                  r"kind of|sort of|rather|pale and|pale,? floppy and|"
                  # (lay11) another sign before it: "my husband is grey and floppy", "she's
                  # cold, clammy and floppy" (NHS When to call 999 / Sepsis)
                  r"(?:grey|gray|ashen|blue|cold|clammy|sweaty|pale|sleepy|drowsy|mottled|"
                  r"unresponsive),?(?: and)?))*")
FLOPPY_PERSON = _rx(
    _PERSON_SUBJECT + r" (?:gone|went|going|goes|go|become|became|becoming|is|was|are|were|seems?|"
    r"looks?|feels?|felt|seemed|looked)" + _FLOPPY_DEGREE + r" floppy\b" + _FLOPPY_THING,
    _PERSON_SUBJECT + r" (?:gone|went|going|goes|go|become|became|becoming|is|was|seems?|looks?|"
    r"seemed|looked)" + _FLOPPY_DEGREE + r" limp\b(?! (?:leg|arm|hand|wrist|foot)\b)",
    # "'s floppy", "is floppy" right after the person ("my son's floppy")
    r"\b" + _PERSON_NOUN + r"(?:'s|\u2019s|s)" + _FLOPPY_DEGREE + r" (?:floppy|limp)\b"
    + _FLOPPY_THING)
_FLOPPY_CHILD = _rx(r"bab(?:y|ies|ys)\b", r"newborns?\b", r"infants?\b", r"toddlers?\b",
                    r"child\b", r"children\b", r"kids?\b", r"sons?\b", r"daughters?\b", r"boy\b",
                    r"girl\b", r"\d+ ?(?:weeks?|months?|years?|yrs?|yo)\b(?:[- ]old)?",
                    r"(?:week|month|year)s?[- ]old")
_FLOPPY_UNRESPONSIVE = _rx(r"unrespons\w*", r"not respond\w*", r"won'?t respond\w*",
                           r"(?:won'?t|can'?t|cannot|not) wak\w*", r"hard to wake", r"collaps\w*",
                           r"unconscious", r"not breathing", r"passed out", r"not answering",
                           r"in (?:my|his|her|their) arms",
                           r"blue\b", r"gr[ae]y\b")
_FLOPPY_BENIGN = _rx(r"tantrums?", r"car seat", r"myasthenia", r"end of the day", r"night shift",
                     r"after (?:a|the) (?:long|busy)")
# a habit ("goes floppy when he doesn't want to walk", "goes limp and falls asleep after a long day")
_FLOPPY_HABIT = _rx(r"\bwhen(?:ever)?\b", r"\bevery\b", r"\bafter\b", r"\bif\b")


def _floppy_ok(text: str, m: re.Match[str]) -> bool:
    """A child who is floppy, or anyone floppy and unresponsive; not a habit, a tantrum, a faint
    that came round or an event that is over."""
    sent = _sentence_at(text, m.start())
    if _lay_over(text, m):
        return False
    unresp = _FLOPPY_UNRESPONSIVE.search(sent) is not None
    habit = (re.search(r"\b(?:goes|go)\b", m.group(0), re.IGNORECASE) is not None
             and _FLOPPY_HABIT.search(sent) is not None)
    if guard("rf:floppy_benign", (_FLOPPY_BENIGN.search(sent) is not None or habit) and not unresp):
        return False
    # a bare pronoun leaves the person unstated (often a parent's child; tristop review pins
    # "no flu He is floppy" at 2): only an adult named as such needs unresponsiveness
    child = (_FLOPPY_CHILD.search(m.group(0)) is not None
             or re.match(r"\s*(?:he|she|hes|shes|they|one)\b", m.group(0), re.IGNORECASE)
             is not None
             or _FLOPPY_CHILD.search(text[max(0, m.start() - 40):m.start()]) is not None)
    pale = re.search(r"\bpale\b", m.group(0), re.IGNORECASE) is not None  # "pale and floppy"
    return child or unresp or pale


# NICE NG143 red (weak, high-pitched or continuous cry) in a baby with no stated age: the
# floppy-infant rule above needs an age under 1; "my baby has a weak high pitched cry" states
# none. Only the words for an infant ("baby", "newborn", "infant"): a "son" may be 30.
_INFANT_WORD = _rx(r"bab(?:y|ies)\b", r"newborns?\b", r"infants?\b")
WEAK_CRY = _rx(r"weak (?:and )?(?:high[- ]pitched )?cry", r"(?:weak,? )?high[- ]pitched (?:cry|crying|"
               r"scream\w*|wail\w*)",
               r"(?:cry|crying) (?:is |sounds |has been |was |seems )?(?:very |really |unusually |"
               r"so |quite )?(?:weak|high[- ]pitched|squeaky)")
# A cry with an ordinary cause stated (hungry, excited, tired, the jabs) or one that is over
# ("yesterday"), or squeaky from a cold, is not the NICE red cry (layfix review).
_CRY_CAUSE = _rx(r"\b(?:when|whenever|if) (?:[\w'\u2019]+ ){0,3}?(?:hungry|excited|tired|overtired|"
                 r"upset|angry|cross|happy|playing|laughing|feeding|windy|wind|teething|bath)",
                 r"(?:at|after|from|with|had|having|during) (?:[\w'\u2019]+ ){0,3}?(?:jabs?|vaccin\w*|"
                 r"injections?|immuni[sz]\w*|heel prick)",
                 r"(?:because|as|from|with) (?:(?:she|he|they) (?:has|have|'s got|has got|had) )?(?:a "
                 r"(?:bad |heavy |little )?)?(?:cold|blocked nose|stuffy nose|snotty nose|congestion)\b"
                 r"(?! (?:hands|feet|skin|to)\b)")


def _cry_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    return not guard("rf:cry_cause", _CRY_CAUSE.search(sent) is not None) and not _lay_over(text, m)


# A fit now or one that goes on (NHS "When to call 999": someone shaking or jerking because of
# a fit; NHS "What to do if someone has a seizure": 999 when it lasts more than 5 minutes or
# one follows another without waking). "Having a fit" as an idiom of anger ("having a fit about
# the mess") and "a fit of coughing / laughing" are not it; a usual seizure of a known epilepsy
# is the knowledge base's (seizure_known_recovered).
SEIZURE_NOW = _rx(
    r"(?:\b(?:is|are|keeps?|kept|been|still|now|hes|shes|theyre)|'s|\u2019s|'re|\u2019re) "
    r"(?:still |now |currently |"
    r"just )?having (?:a |another |more |lots of |several |repeated |multiple )?(?:fits?|seizures?|"
    r"convulsions?)\b(?! (?:of|about|over|at|when|whenever|if|because)\b)(?! that (?:i|we|you|"
    r"he|she|they)\b)",
    r"(?:fits?|fitting|seizures?|seizing|convulsions?|convulsing)(?: [\w'\u2019]+){0,3}? "
    r"(?:won'?t|will not|isn'?t|is not|hasn'?t|has not|doesn'?t|does not|didn'?t|did not|"
    r"wouldn'?t) (?:stop|stopping|stopped|ending|ended|end)\b",
    # one after another without waking in between (NHS)
    r"(?:fits?|seizures?|convulsions?) (?:one )?after (?:another|the other)(?: [\w'\u2019]+){0,4}? "
    r"(?:without|not|hasn'?t|has not|isn'?t|didn'?t|haven'?t) (?:waking|woken|woke|wake|coming "
    r"round|come round|regain\w*)",
    r"(?:\d+|two|three|four|several|multiple|a few|lots of|loads of) (?:fits?|seizures?|convulsions?) "
    r"(?:in a row|back to back|one after (?:another|the other))(?: [\w'\u2019,]+){0,6}? (?:without|"
    r"hasn'?t|has not|not|didn'?t|isn'?t|haven'?t) (?:waking|woken|woke|wake|come round|coming "
    r"round|regain\w*)")
# More than 5 minutes: a fit, seizure or convulsion by name (bare shaking is rigors or a gym
# tremor: "shaking for 10 minutes with a fever and chills").
SEIZURE_LONG = _rx(
    r"(?:(?:a|the|his|her|their|this) fit|fitting|seizures?|seizing|convulsions?|convulsing)"
    r"(?: [\w'\u2019]+){0,4}? (?:for|lasting|lasted|went on for|gone on for|"
    r"going on for|been going for) (?:the (?:last|past) )?(?:(?:about|around|nearly|almost|at "
    r"least) )?(?:(?:over|more than|longer than) (?:5|five)|[6-9]|[1-5]\d|six|seven|eight|nine|ten|"
    r"fifteen|twenty|thirty) ?(?:minutes|mins?)\b")
_SEIZURE_PAST = _rx(r"last (?:time|year|month|week)", r"(?:years?|months?|weeks?|days?) ago",
                    r"a (?:year|month|week) ago", r"as a (?:child|kid|baby|toddler)", r"used to",
                    r"in the past")
# "keeps having fits since the dose was reduced" is a course over days (a same-day review)
_SEIZURE_COURSE = _rx(r"\bsince\b(?! (?:this|last night|\d|an? (?:hour|few)|(?:she|he|they) woke|"
                      r"midnight|breakfast|lunch|dinner|tea|earlier|then))", r"every (?:day|week|night|month)", r"a (?:day|week|month)\b",
                      r"(?:this|last|past) (?:week|month|year)")


def _seizure_now_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    if (re.match(r"(?:keeps?|kept)\b", m.group(0), re.IGNORECASE) is not None
            and guard("rf:seizure_course", _SEIZURE_COURSE.search(sent) is not None)):
        return False
    # (re-review) a fit happening now is not dated by an earlier one ("he's having a fit and it
    # won't stop, he had one a few weeks ago")
    return not _lay_over(text, m, past=False)


def _seizure_long_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    if guard("rf:seizure_long_past", _SEIZURE_PAST.search(sent) is not None):
        return False
    return not _lay_over(text, m)


_USUAL_EPILEPSY = _rx(r"(?:usual|typical|normal) (?:\w+ ){0,2}(?:seizures?|fits?|absences?)")
# Convulsive movements with no response or the other signs of a fit ("my son is jerking and
# won't respond", "she is shaking all over and her eyes rolled back", "she won't stop shaking
# and her eyes rolled back", "she's twitching and not answering me"): NHS "Epilepsy" /
# "What to do if someone has a seizure". Shaking all over alone is rigors with a fever.
FIT_MOVEMENTS = _rx(r"jerk(?:s|ing|ed)\b", r"shak(?:ing|es|ed|en) (?:all over|uncontrollably|"
                    r"violently)", r"twitch\w* all over", r"stiff(?:ened)? (?:all over|and (?:then )?"
                    r"(?:shak|jerk)\w*)", r"convuls\w*",
                    r"(?:won'?t|will not|can'?t|cannot) stop (?:shaking|jerking|twitching)",
                    r"(?:is|'s|\u2019s|are|keeps?) (?:still )?twitching\b")
FIT_SIGNS = _rx(r"eyes (?:\w+ )?(?:rolled|rolling|roll)", r"(?:froth|foam)\w* at the mouth",
                r"(?:won'?t|will not|doesn'?t|does not|isn'?t|is not|not) (?:respond|responding)"
                r"(?! (?:to|well)\b(?! (?:me|us|you|his name|her name|their name|voice|anything|"
                r"anyone)\b))",
                r"(?:won'?t|will not|isn'?t|is not|not) answer(?:ing)?(?: (?:me|us|you))?\b"
                r"(?! (?:my|the|his|her|their|your)? ?(?:phone|calls?|texts?|messages?|door|emails?)\b)",
                r"unresponsive", r"unconscious", r"bit(?:ten)? (?:his|her|their) tongue",
                r"wet (?:himself|herself|themselves)")
def _fit_signs_near(text: str, m: re.Match[str]) -> bool:
    """A sign of a fit in the movement's own sentence or the next one (an MTSamples history that
    "frequently jerked ... in her sleep" names "unconscious" only about a later fall)."""
    end = _SENTENCE_END.search(text, m.end())
    nxt = _SENTENCE_END.search(text, end.end()) if end is not None else None
    window = text[_sentence_start(text, m.start()):nxt.start() if nxt else len(text)]
    return FIT_SIGNS.search(window) is not None and not _lay_over(text, m)


# Heavy bleeding in the NHS list's own words ("spraying, pouring or enough to make a puddle"),
# and the plain words for a lot of blood ("bleeding a lot from my leg", "lost a lot of blood",
# "blood coming through the bandage", "blood everywhere", "I can't stop the bleeding").
HEAVY_BLEEDING_LAY = _rx(
    r"puddles? of blood",
    r"blood (?:is |was |keeps |kept |just |still )?(?:spraying|pouring|gushing|pumping|squirting|"
    r"spurting) (?:out|from|everywhere|all over|down)",
    r"(?:spraying|gushing|squirting|pouring) (?:out )?(?:with )?blood\b(?! into\b)",
    r"bleeding (?:a lot|heavily|loads|so much|really badly|badly|a huge amount) from",
    r"(?:lost|losing|lose) (?:a lot of|loads of|so much|lots of|a huge amount of) blood",
    r"blood (?:is |'s |\u2019s |keeps |has |has been )?(?:coming|soaking|seeping|leaking|pouring) "
    r"(?:straight )?(?:through|thru) (?:the |his |her |my |their )?(?:bandages?|dressings?|towels?|"
    r"plasters?|pads?|cloth|gauze|tea towel|t-?shirt)",
    r"blood (?:is |was |'s |\u2019s )?(?:everywhere|all over the (?:floor|place))",
    r"(?:can'?t|cannot|couldn'?t|won'?t) stop (?:the |his |her |this )?bleeding")
# Not the NHS item: a bleed that stopped or lasted a minute, one every time a habit repeats,
# a period (the heavy-periods entry), an animal, a blister, the gums, a nosebleed (its own KB
# entry), or a past event.
_BLEED_NOT = _rx(r"(?<!n't )(?<!\u2019t )(?<!not )(?<!never )stopped", r"for a (?:minute|second|moment|few seconds)", r"every time",
                 r"whenever", r"periods?\b", r"menstrua\w*", r"tampons?",
                 r"\bdogs?\b", r"\bcats?\b", r"\bpets?\b", r"pupp(?:y|ies)", r"kittens?",
                 r"horses?", r"rabbits?", r"blisters?")


# the nose and the gums only for the plain words ("bleeding a lot from my nose" is the
# nosebleed entry's); "my nose is pouring with blood" stays the NHS item
_BLEED_NOT_PLAIN = _rx(r"gums?\b", r"brush\w*", r"\bnose\w*")


def _bleed_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    if guard("rf:bleed_not_heavy", _BLEED_NOT.search(sent) is not None):
        return False
    plain = re.search(r"pouring|spraying|gushing|pumping|squirting|spurting|puddle", m.group(0),
                      re.IGNORECASE) is None
    if plain and guard("rf:bleed_plain_nose_gums", _BLEED_NOT_PLAIN.search(sent) is not None):
        return False
    return not _lay_over(text, m)


# Disorientation in lay words (NHS "When to call 999": sudden confusion, cannot be sure of
# their own name or age; NICE CG103 delirium). A dementia or a slow course is not sudden.
# "where he is" ends its clause ("where he is going in life" is not it); "doesn't recognise me".
_CLAUSE_END = (r"(?=\s*(?:$|[.,;:!?]|\b(?:and|or|but|now|any ?more|right now|at the moment|today|"
               r"this morning|either|anymore)\b))")
DISORIENTED_LAY = _rx(
    r"(?:doesn'?t|does not|didn'?t|did not|can'?t|cannot) (?:seem to )?(?:know|remember|recogni[sz]e|"
    r"tell (?:me|us)) (?:where (?:he|she|they) (?:is|are|was|were)" + _CLAUSE_END + r"|who (?:i am|"
    r"i was|he is|she is|we are|they are)|(?:his|her|their) own name|what (?:day|year) it is|how "
    r"old (?:he|she|they) (?:is|are))",
    r"(?:doesn'?t|does not|didn'?t|did not|can'?t|cannot) (?:seem to )?recogni[sz]e (?:me|us|anyone|"
    r"(?:his|her|their) (?:own )?(?:wife|husband|partner|family|children|kids|son|daughter|mum|dad|"
    r"mother|father))\b")
_DEMENTIA = _rx(r"dementia", r"alzheimer\w*", r"memory (?:problems?|loss|clinic)", r"gradual\w*",
                r"slowly", r"any ?more", r"for (?:months|years)", r"over (?:the )?(?:months|years)",
                r"learning disabilit\w*", r"autis\w*", r"baseline", r"usual self")
# Not sudden confusion: a baby (who knows no one yet), a holiday, the seconds after waking, a
# disguise or a long time apart, a past event.
_DISORIENT_NOT = _rx(r"bab(?:y|ies)\b", r"newborns?\b", r"infants?\b", r"\byet\b", r"holidays?",
                     r"lockdown", r"retire\w*", r"weekend", r"for a (?:few )?(?:seconds?|moment|minute)",
                     r"half asleep",
                     r"haircut", r"\bhair\b", r"glasses", r"beard", r"disguise", r"costume", r"mask",
                     r"make-?up", r"at first", r"on the phone", r"in the (?:photo|dark)",
                     r"so long", r"all these years", r"\bdogs?\b", r"\bcats?\b")


def _disoriented_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    if guard("rf:disoriented_not", _DISORIENT_NOT.search(sent) is not None):
        return False
    return not _lay_over(text, m)


# NHS "Heart attack" / "Stroke": call 999 if you think someone is having a heart attack or a
# stroke. The lay words "I think I'm having a heart attack", "I think he's having a stroke".
THINK_HEART_ATTACK = _rx(
    r"\bi (?:really )?think (?:that )?(?:i'?m|i am|he'?s|he is|she'?s|she is|they'?re|they are|"
    r"(?:my )?(?:\w+)(?:'s|\u2019s| is)) (?:\w+ )?having (?:a|another) (?:heart attack|stroke)\b")
# (re-review) only a habit of thinking so ("every time I ...", "always think"), not any "always"
_THINK_NOT = _rx(r"every time (?:i|he|she|they)\b", r"whenever (?:i|he|she|they)\b",
                 r"each time (?:i|he|she|they)\b", r"used to think", r"always think")


def _think_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    # (re-review) "I think I'm having a heart attack" is present tense: no past date or "for a
    # second" later in the sentence switches it off ("..., I had one last year")
    return not guard("rf:think_habit", _THINK_NOT.search(sent) is not None)


_CHILD_FEELS_HOT = _rx(INFANT_FEELS_HOT.pattern,
                       r"(?:toddler|kid|child|little one)(?:'s| is| was)? (?:also |still |now )?"
                       r"(?:feel(?:s|ing)?|felt) (?:really |very |so |quite |a bit |a little |too )?"
                       r"(?:hot|boiling)" + _NOT_WEATHER)
# NHS "Sepsis" (babies and young children): blotchy or mottled skin, blue or grey skin, lips or
# tongue, no pee. Blotchy cheeks (teething) or a rash with its cause stated (a towel, a bath)
# are not it (layfix review); cold hands and feet alone are not on the children's 999 list.
_CHILD_SEPSIS_SKIN = _rx(
    r"mottl\w*", r"blotchy (?:all over|skin|body|legs|tummy|chest|arms|back)",
    r"(?:baby|babys|toddler|child|he|she|son|daughter|one)(?:'s|\u2019s| is| looks| has gone| went| seems)"
    r"(?: all| really| very| a bit)? blotchy\b(?! (?:cheeks?|face|rash)\b)",
    r"(?:skin|body|legs|tummy|chest) (?:is |are |looks? |has gone |gone |went |turn\w* )?(?:all )?"
    r"(?:\w+ )?(?:blue|grey|gray|blotchy)",
    r"(?:blue|grey|gray) (?:skin|lips|tongue)",
    r"(?:lips|tongue) (?:is |are |looks? |went |turn\w* )?(?:\w+ )?(?:blue|grey|gray)",
    r"(?:not|hasn'?t|has not|haven'?t|have not) (?:passed urine|peed|wee'?d|had a wee|urinated|"
    r"had a wet nappy)" r" (?:\w+ ){0,2}(?:since|all day|today|for)")
_BLOTCHY_CAUSE = _rx(r"teeth\w*", r"towel", r"\bbath\b", r"heat rash", r"nappy", r"crying",
                     r"eczema", r"cheeks?", r"sun\b", r"sunburn")


def _child_feels_hot_ok(text: str, m: re.Match[str]) -> bool:
    skin = find_affirmed_danger(_CHILD_SEPSIS_SKIN, text)
    if skin is None:
        return False
    if guard("rf:blotchy_cause", _BLOTCHY_CAUSE.search(_sentence_at(text, skin.start())) is not None):
        return False
    return not _lay_over(text, m)


def _infant_unaged(p: Presentation) -> bool:
    return p.age is None and _INFANT_WORD.search(p.text) is not None


# (l10fix) The words next to a match: its own clause, not the whole sentence. A clause ends at
# . , ; : ! ? or at "and" / "but" that starts a new subject ("... and his breathing is funny");
# "and blotchy when she's cold" goes on. A clause after a comma is taken in only when it points
# back to the match ("..., it's been like that for years"), and one before it only when it is a
# fronted "when / after / if" clause ("when he's cold, his knees go mottled").
_CLAUSE_STOP = re.compile(
    r"[.,;:!?]|\b(?:and|but)\s+(?=(?:he|she|they|i|we|you|it|his|her|their|my|our|your|the|this|"
    r"that|there|now|then)\b|(?:he|she|they|i|we|you|it|that|there)(?:'|\u2019)\w+)", re.I)
_CLAUSE_BACK = re.compile(
    r"\s*(?:(?:it|that|this|which)\b|.*\b(?:like (?:that|this)|that way|this way)\b)", re.I)
_CLAUSE_JOIN = re.compile(r"\s*(?:(?:and|but)\s+)?", re.I)
_CLAUSE_FRONTED = re.compile(r"\s*(?:when|whenever|after|if|in the (?:cold|bath))\b", re.I)


def _clause_around(text: str, m: re.Match[str]) -> str:
    """The clause of ``text`` that holds the match ``m`` (see _CLAUSE_STOP), with a clause after
    it that points back to it and a fronted when / after clause before it."""
    sm = _sentence_match(text, m.start())
    if sm is None:
        return m.group()
    sent, rs, re_ = sm.group(), m.start() - sm.start(), m.end() - sm.start()
    stops = [(x.start(), x.end(), x.group()) for x in _CLAUSE_STOP.finditer(sent)]
    before = [x for x in stops if x[1] <= rs]
    after = [x for x in stops if x[0] >= re_]
    left = before[-1][1] if before else 0
    right = after[0][0] if after else len(sent)
    if after:
        start = after[0][1] + _CLAUSE_JOIN.match(sent, after[0][1]).end() - after[0][1]
        nxt = next((x[0] for x in after if x[0] >= start), len(sent))
        if _CLAUSE_BACK.match(sent[start:nxt]):
            right = nxt
    if before and before[-1][2] == ",":
        prev = before[-2][1] if len(before) > 1 else 0
        if _CLAUSE_FRONTED.match(sent[prev:before[-1][0]]):
            left = prev
    return sent[left:right]


# (lay10) NHS "Sepsis" (adults and children) and NHS "When to call 999": skin, lips or tongue
# blue, grey, pale or blotchy; mottled skin is on the NHS sepsis list for babies, children and
# adults, with or without a fever the reader can see. The skin (or the person) must be the one
# mottled: a mottled X-ray, liver, bone or tooth is not it, and neither is skin that goes
# mottled when cold or after a bath and stops on warming (cutis marmorata / livedo), a birthmark,
# or a skin that has always been so. (l10fix) "Marbled" is the same sign in other words (cutis
# marmorata is "marbled skin"; UK Sepsis Trust / NICE NG51: mottled or ashen skin), and
# "blotchy and mottled" / "mottled looking" is the NHS "blotchy or mottled skin" wording.
_MOTTLED = r"(?:mottled|marbled)"
MOTTLED_SKIN = _rx(
    r"(?:skin|legs?|arms?|knees?|body|tummy|belly|chest|feet|hands|face|he|she|baby|toddler|"
    r"child|son|daughter|(?:he|she|baby)(?:'s|\u2019s)|"
    # (lay11) any person named (NHS "Sepsis": mottled skin in babies, children and adults)
    r"newborn|infant|kid|boy|girl|husband|wife|partner|mum|mom|dad|grandad|grandma|nan|"
    r"father|mother|brother|sister)(?: is| are| looks?| looked| looking| has gone|"
    r"(?: has| have)? gone| went| turned| turning| seems?| was| were| getting)?"
    r"(?: all| really| very| a bit| quite| kind of| sort of| a little)?"
    r"(?: (?:blotchy|pale|grey|gray|blue|purple|cold) (?:and|or))? " + _MOTTLED + r"\b",
    _MOTTLED + r" (?:and |or )?(?:\w+ )?(?:skin|legs|arms|knees|feet|hands|body|tummy|chest|all over)",
    r"mottling (?:of|on|over|all over) (?:the |his |her |their |my )?(?:skin|legs|arms|knees|feet|"
    r"hands|body|tummy|chest)")
# (l10fix) Looked for only in the clause of "mottled" (_clause_around): "he's always been
# healthy", "she had a scan last week" or "liver cancer" told of something else must not cancel.
_MOTTLED_NOT = _rx(
    r"when (?:(?:he|she|they|i|it|the baby)(?:'s|\u2019s|'re| is| are| gets?| got| feels?) )?"
    r"(?:cold|chilly)", r"in the cold", r"after (?:a |her |his |the |their |my )?(?:bath|shower|swim)",
    r"out of the (?:bath|pool)", r"(?:goes|go|went) away when (?:warm|\w+ warm)", r"livedo",
    r"birth ?marks?", r"since birth",
    # (re-review) "always" only as the usual state of the skin ("always like that", "always
    # looks mottled"), not "not always responding" / "always sleepy today"; organs only as
    # what is mottled (imaging: "mottled liver", "the bones look mottled"), not "liver failure"
    r"(?<!not )always (?:been |is |was |gets? |goes |looks? |has |had |like |mottled|blotchy|marbled)",
    r"for (?:months|years)", r"x-?rays?", r"scans?",
    r"teeth", r"tooth", r"enamel", r"fluorosis",
    r"mottled (?:appearance (?:of|in) )?(?:the |his |her )?(?:liver|bones?|lungs?)\b",
    r"(?:liver|bones?|lungs?) (?:is |are |was |were |looks? |looked |appears? )?mottled", r"ultrasound",
    r"marble\w* (?:floor|counter|worktop|table|effect|paper|cake)", r"marbled (?:meat|steak|beef|fat)")


def _mottled_ok(text: str, m: re.Match[str]) -> bool:
    clause = _clause_around(text, m)
    if guard("rf:mottled_not", _MOTTLED_NOT.search(clause) is not None):
        return False
    if _lay_over(text, m, past=False):
        return False
    # (l10fix) a past date counts in the clause of "mottled" only ("her skin was mottled last
    # week"), not one told of something else ("she had a scan last week")
    dated = _LAY_PAST.search(clause)
    return not guard("rf:lay_past", dated is not None and _LAY_NOW.search(clause, dated.end()) is None)


# (lay10) Birth about to happen: NHS "Giving birth: what happens if the baby comes quickly /
# before the midwife arrives" and NHS "Signs that labour has begun": if the baby is coming
# now (the head can be seen, the urge to push) call 999 for an ambulance. The baby's head coming,
# crowning or seen needs no other word; "the head is coming", "crowning", "can see the head",
# "the baby is coming now" and "the urge to push" need labour in the text. A head "engaged" or
# "coming down" into the pelvis before labour is not it, nor a clinician's delivery narrative.
# (l10fix) "babys head" without the apostrophe; "the baby is crowning"; "having the baby right
# now / in the car"; the push must be the birth push (clause end or a birth word after it, not
# "push this meeting"); "the baby is coming" at its clause end with labour or pregnancy told.
_PUSH_END = (r"(?=\s*(?:$|[.,;:!?)]|\b(?:and|but|now|so|right|down|out|hard|again|with|every|all|"
             r"really|the baby|baby|her baby|my baby|it out)\b))")
BIRTH_NOW_BABY = _rx(
    r"bab(?:y|ies)(?:'s|\u2019s|s'|s)? head (?:is |'s |\u2019s |has |was )?(?:already |now |just |started )?"
    r"(?:coming(?! down| into| in\b)|crowning|out\b|showing|visible|appearing|poking out|born)",
    r"(?:can|could|i can|we can) (?:see|feel|touch) (?:the |my |our |her )?bab(?:y|ies)(?:'s|\u2019s|s'|s)? "
    r"head",
    r"(?:the |my |our |her |his )?baby(?: is|'s|\u2019s) (?:already |now |just )?crowning",
    r"having (?:the|a|her|my|our|their|his) baby (?:right now|now|right here|here|in the (?:car|back|"
    r"bathroom|toilet|street)|on the (?:floor|way)|any (?:second|minute|moment))")
BIRTH_NOW = _rx(
    r"\bcrowning\b",
    r"(?:the |its |his |her )head (?:is |'s |\u2019s |has |was )?(?:already |now |just )?"
    r"(?:coming(?! down| into| in\b)(?: out)?|out\b|showing|visible|appearing|poking out)",
    r"(?:can|could) (?:see|feel|touch) (?:the |its |his |her )head",
    r"(?:the )?baby(?:'s|\u2019s| is)? (?:coming|arriving|on (?:the|its) way) (?:out|now|right now|fast|"
    r"very fast|quickly|any (?:second|minute|moment))",
    r"(?:urge|need|needs|needing|have|has|got|want|wants) to push\b" + _PUSH_END,
    r"(?:she'?s|she\u2019s|she is|i'?m|i\u2019m|i am) pushing\b(?! (?:for|back|him|her|it|the (?!baby)|"
    r"a |my (?!baby)|this|that))")
BIRTH_COMING = _rx(r"(?:the |my |our |her )?baby(?:'s|\u2019s| is) (?:coming|on (?:the|its) way)"
                   r"(?=\s*(?:$|[.,;:!?]|\b(?:and|but|so)\b))")
_LABOUR = _rx(r"(?<!breathing )labou?r\b(?! (?:party|day|ward tour|market|government))",
              r"in labou?r", r"contractions?", r"waters? (?:have |has |just )?(?:broken|broke|went|gone)",
              r"giving birth", r"(?:weeks?|months?) pregnant", r"pregnant", r"midwife", r"delivering",
              r"home birth",
              # (l10fix) the weeks of a pregnancy ("I'm 39 weeks") and a due date ("I'm due next week")
              r"(?:i'?m|i\u2019m|i am|she'?s|she\u2019s|she is|wife is|we'?re|we are) due\b",
              r"(?:i'?m|i\u2019m|i am|she'?s|she\u2019s|she is|wife is|is|at|now) (?:[2-3]\d|4[0-2])"
              r"(?:\+\d)? weeks?\b(?! ago| old| since| of\b| later)")
# a head seen or the urge to push with "the baby is coming" told as well
# (re-review) pushing now ("she's pushing", at its clause end or with a birth word) and a cord
# round the neck also tell a birth under way: "she's pushing and I can see the head", "the head is
# out and the cord is round the neck" (NHS: call 999 if the baby is coming)
_LABOUR_OR_COMING = _rx(_LABOUR.pattern[5:-1], r"bab(?:y|ies)(?:'s|\u2019s| is) (?:coming|on (?:the|its) way)",
                        r"(?:she'?s|she\u2019s|she is|i'?m|i\u2019m|i am|wife is|wife's) pushing\b" + _PUSH_END,
                        r"cord (?:is |was )?(?:a?round|wrapped round|wrapped around) (?:the |its |his |her )?neck")
# (l10fix) Not a birth now, told anywhere in the sentence: an animal, a doll, a dream, a film or
# a video watched (a video call with the midwife is still the birth), a book.
# (re-review) The words end at a word boundary ("calf" was cancelling "cramp in my calf", "cow"
# "Cowley Road", "lamb" "Lambeth"); an animal cancels only as the one in labour or giving birth
# (or its young), and a dream / film / video / book / TV / doll only in the clause of the match
# ("the baby's head is out, I watched a video on what to do" is a birth now).
_BIRTH_NOT = _rx(r"(?:dogs?|cats?|cows?|ewes?|mares?|goats?|sheep|bitch|pig|sow|rabbit|hamster)"
                 r"(?:'s|\u2019s)? (?:is |has |was |just )?(?:in labou?r|giving birth|having (?:her |its |a |"
                 r"the )?(?:puppies|pups|kittens|calf|lambs?|kids?|foal|babies|litter|young)|pushing|"
                 r"waters?)",
                 r"(?:puppies|puppy|kittens?|foal|calving|lambing|litter)\b")
_BIRTH_NOT_MEDIA = _rx(r"dream\w*", r"films?\b", r"movies?\b", r"tv\b", r"video(?!\s*(?:call|chat|link))",
                       r"book\b", r"dolls?\b")
# (l10fix) Not a birth now, in the clause of the match only (_clause_around): a head engaged or
# down on a scan, a due date ("I'm due next week" elsewhere does not cancel the head seen).
_BIRTH_NOT_NEAR = _rx(r"engaged", r"head down", r"(?:next|in a) (?:week|month)", r"\bdue (?:in|on|next)",
                      r"scans?\b", r"ultrasound")
# A clinician's delivery narrative (MTSamples: "she pushed well and brought the head down
# crowning, at which time I arrived and the head delivered"), a birth already told. (l10fix)
# "I arrived" counts only in such a report, with a report word somewhere in the text.
_DELIVERY_NOTE = _rx(r"delivered", r"placenta\w*", r"apgars?", r"episiotom\w*", r"vertex", r"perine\w*",
                     r"at which time")
_DELIVERY_REPORT = _rx(_DELIVERY_NOTE.pattern[5:-1], r"pushed well")
_ARRIVED = _rx(r"(?:i|we) arrived")


def _birth_now_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    clause = _clause_around(text, m)
    if guard("rf:birth_not", _BIRTH_NOT.search(sent) is not None
             or _BIRTH_NOT_MEDIA.search(clause) is not None
             or _BIRTH_NOT_NEAR.search(clause) is not None
             or _DELIVERY_NOTE.search(sent) is not None
             or (_ARRIVED.search(sent) is not None and _DELIVERY_REPORT.search(text) is not None)):
        return False
    return not _lay_over(text, m)


# ---- lay11 (issue 21): lay emergencies still under-triaged ----
# (lay11) A person who will not respond, said with the bare verb ("my wife collapsed and won't
# respond", "he won't respond properly", "she can't respond to me", "he doesn't respond when I
# shake him"): NHS "When to call 999" (someone unconscious or not responding), AVPU "U". The
# "-ing" forms are read above with no guard; these bare forms are also a habit, a sulk or a
# treatment, so they are read only (as ``parse._NO_RESPONSE_VERB`` reads them for AVPU) with
# no "to" or "to" a person or a stimulus ("won't respond to antibiotics / texts" is none), no
# thing as the subject ("my phone won't respond"), and no habit, sulk, message or development
# word in the sentence ("he sometimes won't respond when he's on his iPad", "my teenager won't
# respond, he's sulking", "my toddler doesn't respond to his name, is he deaf?") or sleep
# ("he jerks in his sleep and won't respond when I say his name"). A past
# "didn't respond" is not read (it may be over: "didn't respond for a few seconds").
# (laytrifix) The person words are parse's (``parse.NO_RESPONSE_PERSONS``, the subjects its
# AVPU "U" reader reads: one list for both readers), and a few kin and people it does not name
# (NHS "When to call 999" is about anyone).
RESPOND_PERSON = frozenset(NO_RESPONSE_PERSONS) | frozenset((
    "grandson", "granddaughter", "grandmother", "grandfather", "grandchild", "nephew", "niece",
    "aunt", "auntie", "uncle", "cousin", "man", "woman", "lady", "guy", "neighbour", "neighbor",
    "flatmate", "housemate", "roommate", "colleague", "mate", "teenager", "stepdad", "stepmum",
    "stepmom", "fiance", "fiancee", "twin", "relative", "toddler", "baby", "nana", "grandpa",
    "mommy", "daddy", "mummy", "hes", "shes", "they're", "theyre", "teen", "kids", "children"))
_RESPOND_PERSON_ALT = "|".join(sorted(RESPOND_PERSON - {"he", "she", "they", "hes", "shes",
                                                        "they're", "theyre"}))
RESPOND_BARE = _rx(
    r"(?:won'?t|won\u2019t|will not|wouldn'?t|wouldn\u2019t|would not|can'?t|can\u2019t|cannot|"
    r"doesn'?t|doesn\u2019t|does not|not able to|unable to|isn'?t able to|is not able to) "
    r"(?:really |properly |even |at all )?respond\b"
    # (laytrifix) "doesn't respond well to change / strangers" is a temperament, no state
    r"(?!\s+(?:very |that |so )?(?:well|badly|positively|negatively|favou?rably|poorly|kindly|"
    r"nicely|great)\b)"
    r"(?!\s+to\s+(?!(?:me|us|him|them|you|anyone|anybody|anything|voices?|touch|pain|sounds?|"
    r"noises?|shaking|being (?:shaken|touched|pinched|called)|(?:his|her|their|my|our|your) "
    r"(?:name|voice|touch)|her(?!\s+\w)|"
    # (laytrifix, review g) a person ("to her dad", "to the paramedics"), shouting, a voice
    r"(?:(?:his|her|their|my|our|your|the|a) )?(?:" + _RESPOND_PERSON_ALT + r")s?|"
    r"(?:the )?(?:paramedics?|ambulance (?:crew|staff|men)|first aiders?|nurses?|doctors?)|"
    r"(?:loud )?(?:shouting|yelling|clapping)|(?:the )?sound of (?:[\w'\u2019]+ ){0,2}voices?|"
    r"(?:his|her|their) name being called|(?:my|his|her|their|our|your) (?:voices?|calling|"
    r"shouting))\b(?!\s+(?:about|on|regarding|by (?:text|email|phone))\b)))")
# (lay12) the word groups live in ``lay_words`` (one definition, shared with ``parse``'s AVPU)
_RESPOND_NOT_NOW = _rx(*RESPOND_HABIT, *RESPOND_NEVER, *RESPOND_SULK, *RESPOND_MESSAGE,
                       *RESPOND_DEVELOPMENT, *RESPOND_ASLEEP, *RESPOND_FIT, *RESPOND_AWAKE,
                       *RESPOND_TALKING, *RESPOND_TREATMENT)
_RESPOND_THING = frozenset((
    "phone", "app", "laptop", "computer", "pc", "tablet", "ipad", "screen", "mouse", "keyboard",
    "website", "site", "printer", "tv", "remote", "router", "server", "system", "surgery", "gp",
    "doctor", "doctors", "council", "landlord", "company", "bank", "school", "office", "boss",
    "manager", "it", "that", "this", "infection", "rash", "cough", "eczema", "acne", "skin",
    "cancer", "tumour", "tumor", "asthma", "pain", "condition", "body"))


# ---- laytrifix (safety review of lay11): each not-now guard only where it is reliable ----
# A guard word that cannot hide an unconscious person keeps its effect; one that can is read
# only where it says what the review asked (NHS "When to call 999": someone unconscious or not
# responding; under-triage is the harm, so an unsure guard gives way and the flag fires):
# a) a habit word only in the clause that holds "respond" and not as a usual-health remark
#    ("he's usually fine but today he won't respond": the habit is his health, not the silence);
_RESPOND_HABIT_WORD = _rx(r"sometimes", r"occasionally", r"on occasion", r"at times", r"often",
                          r"usually", r"always", r"never", r"(?:when|whenever|while) ")
_CLAUSE_CUT = re.compile(r"[,;:()]|\b(?:but|and|though|although|however|whereas|yet|so)\b|"
                         r"\b(?:today|tonight|this (?:morning|afternoon|evening)|now)\b", re.I)
_USUAL_WELL = re.compile(r"\s+(?:[\w'\u2019]+\s+){0,2}?(?:fine|well|ok|okay|chatty|healthy|fit|"
                         r"active|alert|bright|lively|responsive|talkative|sociable|normal|happy|"
                         r"great|good|ill|poorly|sick|unwell)\b", re.I)
# b) asleep, unless a physical stimulus was tried (NICE NG143 traffic lights: "no response to
#    social cues / does not wake or if roused does not stay awake" is red; a sleeper who does
#    not answer to a name or a voice is not);
_PHYSICAL_STIMULUS = _rx(r"shak(?:e|es|en|ing) (?:him|her|them|the baby|my|his)", r"shak(?:e|es|en)\b",
                         r"shook", r"touch\w*", r"pick\w* (?:\w+ ){0,2}up", r"pinch\w*", r"nudg\w*",
                         r"prod\w*", r"tap(?:s|ped|ping)?\b", r"rub\w*", r"pok(?:e|es|ed|ing)\b",
                         r"tickl\w*", r"to pain\b", r"painful", r"sternal", r"lift\w*", r"mov(?:e|ed|ing) "
                         r"(?:him|her|them)", r"cold water", r"splash\w*")
# c) a fit going on, not one that is over (NHS "Epilepsy": call 999 if they do not regain full
#    consciousness after a seizure) nor the caller shaking the person;
_FIT_OVER_BEFORE = re.compile(r"(?:\b(?:was|were|stopped|finished|after|longer|not|no|had|wasn'?t|"
                              r"isn'?t|weren'?t)|n'?t|n\u2019t)\s+(?:[\w'\u2019]+\s+)?$", re.I)
_FIT_OVER_AFTER = re.compile(r"\s*(?:[\w'\u2019]+\s+){0,3}?(?:earlier|before|anymore|any more|ago|"
                             r"has stopped|stopped|is over|but (?:now|still|then))\b|\s+(?:him|her|them|"
                             r"the baby|my)\b", re.I)
# d) awake (crying, screaming, talking) only when not denied, stopped or past ("she's not crying
#    at all", "stopped crying", "was screaming with a headache and now won't respond");
_AWAKE_WORD = _rx(r"cr(?:y|ies|ying)\b", r"scream\w*", r"says\b", r"saying\b", r"shouting at")
# e) a teenager's sulk and h) a treatment that fails only with no drink, drug, overdose or fall
#    (NHS "When to call 999": someone unconscious after drink or drugs; NHS "Overdose";
#    NICE NG232 head injury);
_INTOXICATED = _rx(r"drank", r"drunk", r"drinking", r"alcohol\w*", r"vodka", r"whisk(?:e)?y",
                   r"gin\b", r"wine", r"beers?", r"booze\w*", r"spirits", r"cider", r"pills",
                   r"overdos\w*", r"\bod\b", r"(?:took|taken|swallowed|had|has had|necked|downed) "
                   r"(?:[\w'\u2019]+ ){0,3}?(?:pills|tablets|meds|medications?|medicines?|drugs|"
                   r"painkillers|paracetamol|sleeping|an overdose|something|insulin|the lot)",
                   r"(?:took|taken|swallowed) (?:all|a load|loads|lots|a lot|too many|a handful|a "
                   r"whole)", r"drugs?\b", r"ketamine", r"heroin", r"cocaine", r"spice", r"mdma",
                   r"ecstasy", r"\bhigh\b", r"fell", r"fallen", r"falls?\b", r"hit (?:his|her|their) head",
                   r"head (?:injury|knock)", r"bang(?:ed)? (?:his|her|their) head", r"knocked out")
_TEEN_WORD = _rx(r"teen\w*", r"moody")
_TREATMENT_WORD = _rx(r"treatment", r"antibiotics?", r"medicines?", r"medication", r"tablets?",
                      r"inhaler", r"physio\w*", r"therapy", r"steroids?", r"cream")
# f) a message word only as the object of "respond" ("to my texts", "on WhatsApp");
_MESSAGE_WORD = _rx(r"texts?", r"messages?", r"emails?", r"calls\b", r"phone ?calls?", r"phones?",
                    r"whatsapp", r"letters?", r"voicemails?")
_RESPOND_OBJECT = re.compile(r"\s+(?:to|on|by|via|over|through|with)\s+(?:[\w'\u2019]+\s+){0,3}?$",
                             re.I)
_SLEEP_WORD = _rx(r"(?:in (?:his|her|their|my) )?sleep(?:ing)?\b", r"asleep")
_FIT_WORD = _rx(r"jerk(?:ing|s)\b", r"fitting", r"seizing", r"convulsing", r"twitching", r"shaking",
                r"having (?:a |another )?(?:fit|seizure|convulsion)")
_PAST_OR_DENIED_BEFORE = re.compile(
    r"(?:\b(?:not|no|stopped|was|were|longer|wasn'?t|isn'?t|weren'?t|without|never|had been|"
    r"finished)|n'?t|n\u2019t)\s+(?:[\w'\u2019]+\s+)?$", re.I)


def _not_now_word_holds(text: str, sent_m: re.Match[str], g: re.Match[str], m: re.Match[str]) -> bool:
    """Whether the not-now word ``g`` (of ``_RESPOND_NOT_NOW``, found in the sentence
    ``sent_m``) keeps the bare non-response ``m`` from being read (see above)."""
    word = g.group()
    before = text[max(sent_m.start(), g.start() - 40):g.start()]
    after = text[g.end():min(sent_m.end(), g.end() + 40)]
    if _RESPOND_HABIT_WORD.fullmatch(word) or word.lower().startswith(("when", "while")):
        lo, hi = sorted((g.start(), m.start()))
        if _CLAUSE_CUT.search(text, lo, hi) is not None:
            return False  # another clause: "he's usually fine, today he won't respond"
        return (USUAL_HEALTH.fullmatch(word) is None or _USUAL_WELL.match(after) is None)
    if _SLEEP_WORD.fullmatch(word):
        return _PHYSICAL_STIMULUS.search(sent_m.group()) is None
    if _FIT_WORD.fullmatch(word):
        # "shaking" is also a shiver or a rigor, which no seizure rule reads: it gives way
        return (word.lower() != "shaking" and _FIT_OVER_BEFORE.search(before) is None
                and _FIT_OVER_AFTER.match(after) is None)
    if _AWAKE_WORD.fullmatch(word):
        return (_PAST_OR_DENIED_BEFORE.search(before) is None
                and re.match(r"\s*(?:earlier|before|anymore|any more)\b", after, re.I) is None)
    if _TEEN_WORD.fullmatch(word) or _TREATMENT_WORD.fullmatch(word):
        return _INTOXICATED.search(text) is None
    if _MESSAGE_WORD.fullmatch(word):
        return g.start() > m.end() and _RESPOND_OBJECT.search(text[m.end():g.start()]) is not None
    return True  # a sulk, a development or hearing question


# (laytrifix, review 2) The subject must be a person: not an animal, a limb or body part (a limb
# that "won't respond" is weakness, read by the stroke rules), a condition or a thing.
_NOT_A_PERSON = frozenset((
    "dog", "dogs", "cat", "cats", "puppy", "kitten", "rabbit", "hamster", "horse", "pony", "bird",
    "parrot", "budgie", "pet", "fish", "tortoise", "guinea", "pig", "ex", "leg", "legs", "arm",
    "arms", "hand", "hands", "foot", "feet", "finger", "fingers", "toe", "toes", "face", "side",
    "muscles", "muscle", "eye", "eyes", "mouth", "tongue", "bladder", "bowel", "bowels", "knee",
    "knees", "back", "thrush", "reflux", "sugar", "sugars", "levels", "level", "pressure", "bp",
    "diabetes", "thyroid", "temperature", "temp", "fever", "symptoms", "migraine", "migraines",
    "headache", "headaches", "wart", "warts", "verruca", "ulcer", "wound", "uti", "cystitis",
    "psoriasis", "dermatitis", "hives", "allergy", "allergies", "blood", "liver", "kidneys",
    "heart", "lungs", "chest", "nerves", "anxiety", "depression", "insomnia", "weight",
    "cholesterol", "gout", "arthritis", "iron", "hormones", "periods", "acid", "ibs", "crohn's",
    "colitis", "tinnitus", "vertigo", "sinusitis", "sinuses", "tonsillitis", "infections",
    "landlady", "employer", "hospital", "pharmacy", "pharmacist", "nhs", "111", "insurance",
    "car", "engine", "device", "watch", "pump", "meter", "monitor", "alexa", "siri"))
_SUBJECT_FILLER = frozenset(("just", "still", "now", "simply", "really", "even", "also", "then",
                             "today", "tonight", "suddenly", "completely", "totally", "literally",
                             "actually", "probably", "definitely"))
_COORDINATOR = frozenset(("and", "but", "so", "then", "or", "yet", "who", "which", "that"))
_DETERMINER = frozenset(("my", "his", "her", "their", "our", "your", "the", "a", "an", "this",
                         "that"))
# b2) a hearing or development question: "doesn't respond to noises / his name / when I call
# him" with nothing acute in the text is a GP or health-visitor question (NHS "Hearing tests for
# children"; NHS "Autism: signs in young children"), no unconscious child
_HEARING_OBJECT = re.compile(
    r"\s+(?:to (?:(?:loud|any|some|most|the|his|her|their|my|our) )*(?:noises?|sounds?(?! of)|names?|"
    r"music|clapping|people|things)|when (?:i|we|you|people|someone|anyone|his \w+|her \w+) "
    r"(?:call|calls|say|says|talk|talks|speak|speaks|sing|clap)|when (?:called|spoken|talked))\b",
    re.I)
_ACUTE_NOW = _rx(r"collaps\w*", r"fell", r"fallen", r"falls?\b", r"sudden\w*", r"today", r"tonight",
                 r"now\b", r"this (?:morning|afternoon|evening)", r"unconscious", r"passed out",
                 r"floppy", r"limp", r"blue", r"gr[ae]y", r"pale", r"breath\w*", r"fit\b", r"fits",
                 r"fitting", r"seizure\w*", r"shak\w*", r"shook", r"hit (?:his|her|their) head",
                 r"head injury", r"wake", r"woken", r"drowsy", r"sleepy", r"fever\w*", r"temperature",
                 r"hot\b", r"vomit\w*", r"rash", r"lying", r"floor", r"slumped", r"hurt", r"injur\w*",
                 r"accident", r"pills", r"overdos\w*", r"drank", r"drunk", r"minutes?", r"hours?",
                 r"anymore", r"any more", r"stopped", r"eyes? (?:rolled|closed)", r"staring", r"cold",
                 r"mottled", r"unwell", r"ill\b", r"poorly", r"sick", r"weak\w*", r"touch\w*")


def _respond_subject_ok(text: str, sent_m: re.Match[str] | None, m: re.Match[str]) -> bool:
    """Whether the subject of the bare non-response ``m`` is a person (see _NOT_A_PERSON)."""
    raw = re.findall(r"[\w'\u2019]+|,", text[sent_m.start() if sent_m else 0:m.start()])
    words = [w.lower().replace("\u2019", "'") for w in raw]
    words = [re.sub(r"'s$", "", w) if w not in ("he's", "she's") else w[:-2] for w in words]
    while words and words[-1] in _SUBJECT_FILLER:
        words.pop()
        raw.pop()
    if not words:
        return False
    person = [i for i, w in enumerate(words) if w in RESPOND_PERSON
              or (w in ("old", "olds") and i and words[i - 1] in ("year", "month", "week", "yr"))
              or (w == "one" and i and words[i - 1] in ("little", "loved", "youngest", "eldest"))
              # a name ("Tom won't respond"), not an abbreviation ("my GP") nor after "my"
              or (raw[i][:1].isupper() and raw[i][1:].islower() and w not in _NOT_A_PERSON
                  and w not in _RESPOND_THING and w != "i"
                  and (i == 0 or words[i - 1] not in _DETERMINER))]
    w = words[-1]
    if w in _COORDINATOR or w == ",":
        return bool(person)  # "my wife collapsed and won't respond": the subject came before
    if w in _NOT_A_PERSON or w in _RESPOND_THING:
        return False
    if person and person[-1] == len(words) - 1:
        return True
    if len(words) > 1 and words[-2] in _DETERMINER:
        return False  # "my thrush won't respond"
    return bool(person) and not any(x in _NOT_A_PERSON for x in words[person[-1] + 1:])


def _respond_bare_ok(text: str, m: re.Match[str]) -> bool:
    """A person who does not respond now (see RESPOND_BARE): a person as the subject, no
    not-now word that holds (see _not_now_word_holds), no hearing question, not over."""
    sent_m = _sentence_match(text, m.start())
    if sent_m is not None and guard("rf:respond_not_now", any(
            _not_now_word_holds(text, sent_m, g, m)
            for g in _RESPOND_NOT_NOW.finditer(text, sent_m.start(), sent_m.end()))):
        return False
    if guard("rf:respond_thing", not _respond_subject_ok(text, sent_m, m)):
        return False
    if guard("rf:respond_hearing",
             re.match(r"(?:doesn'?t|doesn\u2019t|does not)\b", m.group(), re.I) is not None
             and _HEARING_OBJECT.match(text, m.end()) is not None
             and _ACUTE_NOW.search(text) is None):
        return False
    return not _lay_over(text, m, past=False)


# (lay11) The baby's hair seen at the opening in labour is the head crowning (NHS "Giving
# birth: what happens if the baby comes quickly": call 999 if the baby is coming; NHS "Signs
# that labour has begun"): "she's in labour and I can see hair", "I can see the top of its
# head". With labour or the baby coming told (as BIRTH_NOW); "hair" only at its clause end or
# with a place or birth word after it ("I can see hair loss", "I can see hair on my belly",
# "I can see hair growing" are not it).
BIRTH_HAIR = _rx(
    r"(?:can|could) (?:now |already |just |actually )?(?:see|feel|touch) (?:(?:some|a bit of|a little|"
    r"a tuft of|a patch of|lots of|the|its|his|her|the baby'?s|baby'?s|dark|black|fair|wet|"
    r"bit of|tuft of|patch of) )*hair"
    r"(?=\s*(?:$|[.,;:!?)]|\b(?:and|but|now|so|already|down there|coming|showing|poking|at the "
    r"(?:opening|entrance|bottom)|between (?:her|my) legs|on (?:the|its|his|her) head|of the baby|"
    r"on the baby'?s head)\b))",
    r"(?:the |some |a bit of |the baby'?s |baby'?s )hair (?:is |'s |\u2019s )?(?:now |already )?"
    r"(?:showing|visible|coming out|poking out|appearing)",
    r"(?:can|could) (?:now |already |just )?(?:see|feel|touch) (?:the )?top of (?:the |its |his |her |"
    r"the baby'?s |baby'?s )?head")


LAY999_RULES: tuple[RedFlagRule, ...] = (
    RedFlagRule("blue or grey colour (cyanosis)", 2, CYANOSIS_PERSON, acute_only=True,
                current_only=True, match_ok=_blue_person_ok),
    RedFlagRule("blue or grey colour (cyanosis)", 2, CYANOSIS_PERSON_GREY, acute_only=True,
                current_only=True, match_ok=_grey_ill_ok),
    RedFlagRule("blue or grey colour (cyanosis)", 2, CYANOSIS_FACE_SKIN, acute_only=True,
                current_only=True, match_ok=_cyanosis_ok),
    RedFlagRule("blue or grey colour (cyanosis)", 2, CYANOSIS_BABY_IS, acute_only=True,
                current_only=True, match_ok=_cyanosis_ok),
    RedFlagRule("blue or grey colour (cyanosis)", 2, FACE_SKIN_GREY, acute_only=True,
                current_only=True, match_ok=_face_grey_ok),
    RedFlagRule("blue or grey colour (cyanosis)", 2, LIPS_PURPLE_TINGE, acute_only=True,
                current_only=True, match_ok=_lips_purple_ok),
    RedFlagRule("floppy or limp", 2, FLOPPY_PERSON, acute_only=True, current_only=True,
                match_ok=_floppy_ok),
    RedFlagRule("floppy infant or weak cry", 2, WEAK_CRY, match_ok=_cry_ok,
                condition=lambda p: ((p.age is not None and p.age < 1) or _infant_unaged(p))
                and not guard("rf:infant_long_course", INFANT_LONG_COURSE.search(p.text) is not None)),
    RedFlagRule("seizure now or prolonged", 2, SEIZURE_NOW, acute_only=True, current_only=True,
                match_ok=_seizure_now_ok,
                condition=lambda p: not guard("rf:usual_epilepsy",
                                              _USUAL_EPILEPSY.search(p.text) is not None)),
    RedFlagRule("seizure now or prolonged", 2, SEIZURE_LONG, acute_only=True, current_only=True,
                match_ok=_seizure_long_ok,
                condition=lambda p: not guard("rf:usual_epilepsy",
                                              _USUAL_EPILEPSY.search(p.text) is not None)),
    RedFlagRule("seizure now or prolonged", 2, FIT_MOVEMENTS, acute_only=True, current_only=True,
                match_ok=_fit_signs_near,
                condition=lambda p: not guard("rf:usual_epilepsy",
                                              _USUAL_EPILEPSY.search(p.text) is not None)),
    RedFlagRule("severe bleeding", 2, HEAVY_BLEEDING_LAY, acute_only=True, match_ok=_bleed_ok),
    # NHS "Sepsis" (children): blotchy skin with a baby or young child who feels hot (a fever in
    # lay words the FEVER reading does not hold: "he feels hot")
    RedFlagRule("sepsis", 2, _CHILD_FEELS_HOT, match_ok=_child_feels_hot_ok),
    RedFlagRule("altered mental status", 2, DISORIENTED_LAY, acute_only=True,
                match_ok=_disoriented_ok,
                condition=lambda p: not guard("rf:disoriented_chronic",
                                              _DEMENTIA.search(p.text) is not None)),
    RedFlagRule("suspected heart attack or stroke", 2, THINK_HEART_ATTACK, acute_only=True,
                current_only=True, match_ok=_think_ok),
    RedFlagRule("mottled skin (possible sepsis or shock)", 2, MOTTLED_SKIN, acute_only=True,
                current_only=True, match_ok=_mottled_ok),
    RedFlagRule("birth imminent (baby coming now)", 2, BIRTH_NOW_BABY, acute_only=True,
                current_only=True, match_ok=_birth_now_ok),
    RedFlagRule("birth imminent (baby coming now)", 2, BIRTH_NOW, with_any=_LABOUR_OR_COMING,
                acute_only=True, current_only=True, match_ok=_birth_now_ok),
    RedFlagRule("birth imminent (baby coming now)", 2, BIRTH_COMING, with_any=_LABOUR, acute_only=True,
                current_only=True, match_ok=_birth_now_ok),
    # (lay11)
    RedFlagRule("birth imminent (baby coming now)", 2, BIRTH_HAIR, with_any=_LABOUR_OR_COMING,
                acute_only=True, current_only=True, match_ok=_birth_now_ok),
    RedFlagRule("unresponsive", 1, RESPOND_BARE, current_only=True, match_ok=_respond_bare_ok,
                own_polarity=True),
)
RULES = RULES + LAY999_RULES
from assistant.triage.red_flags_lay import LAYGAP_RULES  # noqa: E402 (laygaps2: lay wordings)

RULES = RULES + LAYGAP_RULES
from assistant.triage.red_flags_lay2 import LAY2_RULES, TIA_PASSED  # noqa: E402 (tri13a: lay wordings)

RULES = RULES + LAY2_RULES
from assistant.triage.red_flags_lay3 import LAY3_RULES  # noqa: E402 (tri13d: absence wordings)

RULES = RULES + LAY3_RULES
from assistant.triage.red_flags_lay4 import LAY4_RULES  # noqa: E402 (trifix14c: unread danger signs)

RULES = RULES + LAY4_RULES


# ---- (tri13c, issue 21) pre-eclampsia as a class ----
# NHS "Pre-eclampsia" (symptoms): "severe headache; problems with vision, such as blurring or
# flashing lights; pain just below the ribs; vomiting; sudden swelling of the face, hands or
# feet" -- "call your midwife, GP surgery or NHS 111 immediately"; it "can develop from around
# 20 weeks of pregnancy" and "up to 6 weeks after the birth". NICE NG133 (hypertension in
# pregnancy): suspected pre-eclampsia is assessed the same day in secondary care, severe
# hypertension (>= 160/110) admitted. The level: 2, as the knowledge base's
# pregnancy_late_emergency row ("Pre-eclampsia (maternity unit now)") and "pregnancy with bleeding
# or pain" already grade severe headache / blurred vision / visual disturbance / facial swelling
# in pregnancy; the plain "headache" the NOTE_RULES 'possible pre-eclampsia' rule grades 3 stays
# 3 (NHS names a severe one) but is read in every wording of the pregnancy below.
# The pregnancy: 20 weeks or more in any wording ("28 weeks pregnant", "pregnant 28 weeks",
# "I'm 34 weeks", "34+2 weeks", "30/40", "third trimester", "7 months pregnant", "due next
# week"), or a birth within 6 weeks ("I had my baby 2 weeks ago", "10 days postpartum", "gave
# birth 5 days ago", a bare "postpartum"). Not: an earlier gestation ("8 weeks pregnant"), a birth
# more than 6 weeks back ("had my baby 3 months ago", "8 weeks postpartum").
_PE_NUM_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a few": 3, "few": 3,
                 "several": 4}
_PE_N_EARLY = r"(?:\d{1,3}|a few|few|several|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
#: "delivered" with no object is a birth only when the time follows at once ("delivered 10 days
#: ago"), not "delivered pizzas 10 days ago"
_PE_DELIV_WHEN = (r"(?= (?:about |around |over |nearly |almost |just )?" + _PE_N_EARLY
                  + r" (?:days?|weeks?|months?) ago| (?:yesterday|today|last week|this week|recently))")
_PE_N = r"(?:\d{1,3}|a few|few|several|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PE_BIRTH = (r"(?:(?:gave|given|giving) birth|had (?:my|the|a|her|our) (?:baby|son|daughter|little (?:boy|girl))|"
             r"(?:was|were|got) delivered|(?:my|the|her|our) (?:baby|son|daughter) was (?:born|delivered)|"
             r"had (?:a |my |an? (?:emergency |elective )?)?(?:c-?section|caesarean|cesarean)|"
             # (tri14a) the other ways a birth is told (NHS "Your body after the birth" / postnatal
             # pages; RCOG GTG wording): "delivered 10 days ago" said of oneself -- at the start of
             # the text or a clause, or after "I" / "she" -- ("delivered the parcel", "the parcel
             # was delivered" are not: the "was delivered" form above keeps its reading), "I
             # delivered my baby", "delivered by c-section", "baby born 3 weeks ago", "my twins
             # were born", "had twins", "had a baby girl", a bare "c-section / LSCS 10 days ago"
             r"(?:(?<![^\W\d_] )|(?<=\bshe )|(?<=\bshe.s )|(?<=\bshe has )|(?<=\bshe had )|(?<=\bshe just )|"
             r"(?<=wife )|(?<=partner )|(?<=girlfriend )|(?<=sister )|(?<=daughter )|(?<=friend )|"
             r"(?<=niece )|(?<=cousin )|(?<=-in-law ))(?<!\w)delivered" + _PE_DELIV_WHEN + r"|"
             r"(?:i|i.ve|i have|i had)(?: just| recently)? delivered" + _PE_DELIV_WHEN + r"|"
             r"delivered (?:my |a |the |our |her |their )?(?:baby|son|daughter|twins|little one)"
             r"(?: (?:boy|girl))?\b(?! (?:to|at|for|off|home|back)\b)|"
             r"delivered (?:by|via|with) (?:an? )?(?:emergency |elective |planned |)(?:c-?section|caesarean|"
             r"cesarean|lscs|forceps|ventouse)|delivered vaginally|"
             r"(?:(?:my|the|her|our) )?(?:new ?born )?(?:baby|twins|little one)(?: (?:boy|girl))? (?:was |were )?"
             r"(?:born|delivered|arrived)|"
             r"(?:(?:my|the|her|our) )?(?:son|daughter|little (?:boy|girl))(?: was| were)? (?:born|delivered)|"
             r"had (?:my |our |the )?(?:twins|baby (?:boy|girl))|"
             r"(?:(?:my|an?|the) )?(?:emergency |elective |planned )?(?:c-?section|caesarean(?: section)?|"
             r"cesarean(?: section)?|lscs))")
_PE_LATE_PREG = _rx(
    # "28 weeks pregnant", "34+2 weeks", "30 weeks' gestation", "32 weeks along"
    r"(?<![\d./])\d{2}(?:\s?\+\s?[0-6])?\s*(?:weeks?|wks?)(?:'|\u2019)?\s*(?:of\s+)?"
    r"(?:pregnant|pregnancy|gestation|along|gone|pg)\b",
    # "pregnant 28 weeks", "pregnant, 34 weeks", "pregnant at 30 weeks"
    r"pregnant,?\s+(?:(?:at|now|about|nearly|almost|over)\s+)?\d{2}(?:\s?\+\s?[0-6])?\s*(?:weeks?|wks?)\b",
    OBSTETRIC_GESTATION.pattern[5:-1],
    # "third trimester" of a pregnancy only, not "the third trimester of my degree / exams"
    r"third trimester(?! of (?!(?:my |the |this |her )?pregnancy))",
    r"(?:[5-9]|five|six|seven|eight|nine) months (?:pregnant|gone|along)",
    r"(?:i.m|i am|she.s|she is|baby.s|baby is) due (?:next week|this week|in (?:\d|a|one|two|three|"
    r"four|five|six|a few|few) (?:days?|weeks?)|any day)",
    # a recent birth told by its time
    _PE_BIRTH + r" (?:\w+ ){0,3}?" + _PE_N + r" (?:days?|weeks?|months?) ago",
    _PE_BIRTH + r" (?:\w+ ){0,2}?(?:yesterday|today|last week|this week|recently)",
    r"(?:recently|just) (?:gave birth|delivered|had (?:a|my|her|the|our) (?:baby|c-?section|caesarean))",
    _PE_N + r" (?:days?|weeks?|months?) (?:postpartum|post-partum|postnatal|post-natal|post ?delivery|"
    r"after (?:the birth|giving birth|(?:my |her |the )?delivery|having (?:my|the|her) baby|my baby was born))",
    r"(?:postpartum|post-partum)(?! (?:depression|psychosis|haemorrhage|hemorrhage|thyroiditis)\b)",
    # (tri14a) "10 days post c-section", "2 weeks after my caesarean", "day 5 after my c-section",
    # "day 3 postnatal" (NHS "Caesarean section - recovery"; the postnatal day count of NICE NG194)
    _PE_N + r" (?:days?|weeks?) (?:post|after) (?:(?:my|her|the|an?) )?(?:emergency |elective |planned )?"
    r"(?:c-?section|caesarean(?: section)?|cesarean(?: section)?|lscs|section|birth|delivery)\b",
    r"day \d{1,2} (?:(?:post|after) (?:(?:my|her|the|an?) )?(?:emergency |elective |planned )?"
    r"(?:c-?section|caesarean(?: section)?|cesarean(?: section)?|lscs|section|birth|delivery)\b|"
    r"post-?natal\b|post-?partum\b|pn\b)")


_PE_BORN_AT = re.compile(r"\b(?:born|delivered|birth) (?:\w+ ){0,2}?(?:at|after|@)\s*(?:term,?\s*)?$", re.I)


def _pe_adult(p: Presentation) -> bool:
    """Not a child's presentation (a 1-month-old's vomiting is not pre-eclampsia)."""
    return p.age is None or p.age >= 12


def _pe_number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _PE_NUM_WORDS.get(word, 99)


_PE_OTHERS_BIRTH = re.compile(
    r"\b(?:my|our) (?:wife|partner|girlfriend|fianc\w*|sister|daughter|friend|sister-in-law|"
    r"daughter-in-law|niece|cousin)(?:'s)?\s*(?:\w+\s+){0,2}$", re.I)
#: after such a birth, the symptoms told are the writer's ("I have") or the baby's ("he has")
_PE_NOT_HERS = re.compile(r"\b(?:i|i'm|i've|i\u2019m|i\u2019ve|me|my|he|he's|his|him|the baby|"
                          r"baby's|(?:our|the) (?:son|little one))\b", re.I)


def _pe_window_ok(text: str, m: re.Match[str]) -> bool:
    """A gestation of 20 to 42 weeks, or a birth no more than 6 weeks (42 days) ago; not the
    gestation a child was born at ("she was born at 39 weeks' gestation")."""
    s = m.group(0).lower()
    if _PE_BORN_AT.search(text[max(0, m.start() - 40):m.start()]):
        return False
    # a birth told of a partner or relative by someone else ("my wife gave birth 2 weeks ago, I
    # have a severe headache"): the symptoms may be the writer's own, so no pre-eclampsia reading
    # from the birth (a pregnancy told of her, "my wife is 34 weeks pregnant and ...", still counts)
    if re.search(r"birth|baby|delivered|section|caesarean|cesarean|born|twins|lscs", s) and (
            _PE_OTHERS_BIRTH.search(text[max(0, m.start() - 30):m.start()])
            # (tri14a) "she delivered 10 days ago and I have ...": the writer tells of another
            or re.search(r"\bshe(?:.s| has| had| just)? $", text[max(0, m.start() - 12):m.start()], re.I)
            or re.match(r"our (?:baby|son|daughter|twins|little)\b", s)) and _PE_NOT_HERS.search(text, m.end()):
        return False
    if re.search(r"trimester|months (?:pregnant|gone|along)|due\b", s):
        return True
    d = re.match(r"day (\d{1,2})\b", s)
    if d:
        return int(d.group(1)) <= 42
    t = re.search(r"\b(" + _PE_N + r") (days?|weeks?|months?) (?:ago|postpartum|post-partum|postnatal|"
                  r"post-natal|post ?delivery|after|post)", s)
    if t:
        n, unit = _pe_number(t.group(1)), t.group(2)
        return n <= 42 if unit.startswith("day") else n <= 6 if unit.startswith("week") else False
    if re.search(r"postpartum|post-partum|birth|baby|delivered|section|caesarean|cesarean|born|twins|lscs", s):
        # a bare "postpartum" or "just had my baby": unless the text dates the birth months back
        return re.search(r"\b(?:\d+|two|three|four|five|six|several) months? (?:postpartum|"
                         r"post-partum|postnatal|ago|after)", text.lower()) is None
    # (tri14a) the last such number, not one inside a gravidity-parity notation ("G2P1+1 at
    # 30+2" is 30 weeks, not the "1" of "P1+1"); a gestation read from an obstetric word some
    # words back ends the match
    ws = re.findall(r"(?<![\w/+.])(\d{1,2})(?=\s?(?:/\s?40|\+\s?[0-6]|\s?(?:weeks?|wks?)))", s)
    return bool(ws) and 20 <= int(ws[-1]) <= 42


_PE_SEVERE = _rx(
    # severe headache (NHS); "bad", "terrible", "pounding" are how people say severe
    r"(?:severe|bad|terrible|awful|horrendous|horrible|worst|pounding|splitting|thumping|"
    r"excruciating|intense|massive|banging|blinding|crushing)(?:,? \w+){0,2}? headaches?",
    r"headaches? (?:\w+ ){0,3}(?:won.t|will not|doesn.t|does not|isn.t|is not|not) "
    r"(?:go(?:ing)? away|shift\w*|eas\w*|help\w*|going)",
    r"migraine (?:\w+ ){0,2}(?:worst|severe)",
    # vision problems, such as blurring or flashing lights (NHS); lay "seeing stars / sparkles /
    # zigzags", spots in front of the eyes
    r"blurr\w* (?:\w+ )?(?:vision|sight|eyes?)", r"(?:vision|sight|eyesight) (?:\w+ ){0,2}"
    r"(?:blurr\w*|fuzzy|funny|weird|strange|odd|dim\w*|going|gone)",
    r"flash(?:ing|es|y)? (?:of )?lights?", r"(?:seeing|see|saw|seen) (?:\w+ )?(?:flashes|stars|sparkl\w*|"
    r"spots|lights|zig-?zags?|zig zags?)", r"sparkl(?:es|y|ing) (?:\w+ ){0,3}(?:vision|eyes?|sight)",
    r"zig-?zags?", r"zig zags?", r"spots (?:in front of|before) (?:my|her|the) eyes",
    r"visual (?:disturb\w*|problems?|changes?)", r"(?:vision|sight|eyesight) (?:problems?|changes?|"
    r"disturb\w*)", r"problems? (?:with|in) (?:my |her )?(?:vision|sight|eyesight)",
    # pain just below the ribs (NHS): "under my ribs on the right", "top of my tummy", RUQ,
    # epigastric
    r"pain (?:\w+ ){0,2}(?:just |right )?(?:below|under(?:neath)?) (?:my |her |the )?(?:right )?"
    r"(?:rib\w*|chest)", r"(?:below|under(?:neath)?) (?:my |her |the )?(?:right )?ribs? "
    r"(?:\w+ ){0,3}(?:pain\w*|hurt\w*|ach\w*|sore)",
    r"pain (?:\w+ ){0,2}(?:at|in|across) (?:the )?(?:very )?(?:top|upper part|upper) (?:of )?"
    r"(?:my |her |the )?(?:tummy|stomach|belly|abdomen)",
    r"(?:top|upper part) of (?:my |her |the )?(?:tummy|stomach|belly|abdomen) (?:\w+ ){0,2}"
    r"(?:pain\w*|hurt\w*|ach\w*|sore|tender)", r"(?:right upper quadrant|ruq|epigastric)(?: \w+)? pain",
    r"epigastric (?:tender\w*|discomfort)",
    # sudden swelling of the face, hands or feet (NHS): the face and hands as told ("puffy face",
    # "rings don't fit"); the feet (and ankles, legs) only when sudden -- NHS "Swollen ankles,
    # feet and fingers in pregnancy": swelling that builds through the day is common
    r"(?:swollen|swelling (?:of|in|to) (?:my |her |the )?|puffy|puffed[- ]up|bloated) "
    r"(?:face|hands|fingers|eyes|eyelids)",
    r"(?:face|hands|fingers|eyelids) (?:\w+ ){0,2}(?:swollen|puffy|puffed up|swelled|swelling up|"
    r"ballooned|blown up)",
    r"rings? (?:\w+ )?(?:don.t|doesn.t|won.t|do not|does not|no longer|will not|can.t) (?:\w+ )?"
    r"(?:fit|go on|come off|get (?:on|off))", r"can.t get (?:my |her )?(?:wedding )?rings? (?:on|off)",
    r"rings? (?:are |is )?(?:too |really |so )?tight",
    r"(?:sudden\w*|all of a sudden|overnight|quickly|rapid\w*) (?:\w+ ){0,3}(?:swollen|swell\w*|puff\w*|"
    r"ballooned)",
    r"(?:feet|ankles|legs|face|hands) (?:\w+ ){0,3}(?:suddenly|all of a sudden|overnight) (?:\w+ )?"
    r"(?:swollen|swell\w*|puff\w*|ballooned|blown up)")
_PE_HEADACHE = _rx(r"headache\w*", r"migraine\w*", r"head (?:is )?(?:pounding|banging|thumping|hurts|aching)")
# vomiting (NHS lists it) alone is graded with the plain headache, not with the severe signs:
# in late pregnancy it is far more often a stomach bug, and the NHS action for any of the listed
# symptoms is "call your midwife, GP surgery or NHS 111 immediately" (same day), not 999
_PE_VOMIT = _rx(r"vomit\w*", r"being sick", r"been sick", r"throwing up", r"threw up",
                r"keeps? being sick")
#: a known migraine told as the usual one ("same as usual with the zigzag lights", "usual
#: one"): its aura or headache in late pregnancy or after a birth is graded 3, not 2 -- NHS
#: "Headaches in pregnancy" / "Pre-eclampsia": call your midwife, GP surgery or 111 immediately
#: (same day); an unusual one ("worst", "different", "never had") keeps 2
_PE_USUAL_MIGRAINE = re.compile(
    r"\b(?:(?:same|just) as (?:usual|always|normal)|as usual|(?:my|the) usual(?: one| migraine)?|"
    r"usual (?:one|migraine|aura)|(?:my|a) (?:normal|typical) (?:one|migraine|aura))\b", re.I)
_PE_UNUSUAL = re.compile(r"\b(?:worst|different|never (?:had|felt)|not (?:my|the) usual|unusual|"
                         r"worse than (?:usual|normal|ever))\b", re.I)


def _pe_usual_migraine(p: Presentation) -> bool:
    """A known migraine told as the usual one, with nothing said to be unusual about it."""
    return (re.search(r"migraine", p.text, re.I) is not None
            and _PE_USUAL_MIGRAINE.search(p.text) is not None and _PE_UNUSUAL.search(p.text) is None)


# (tri14a) the vomiting told of someone who cannot be the pregnant or newly delivered woman
# ("I'm 30 weeks pregnant, my son is vomiting", "my husband and toddler have been throwing up"):
# NHS "Pre-eclampsia" lists her own vomiting. Only when every vomiting word in the text is so
# owned does the vomiting-only grade (3) not fire; her own vomiting anywhere ("my son has a bug
# and now I'm being sick too"), or a headache or any severe sign, keeps its grade. The owners
# are those who are never the pregnant woman (a son, husband, child, pet); a daughter, sister,
# friend, partner or wife may be the one who is pregnant and is left alone.
_PE_OTHERS_VOMIT = _rx(
    r"(?:my|our|the|her|his) (?:(?:little|baby|older|younger|eldest|youngest|two|\d) )?(?:toddlers?|sons?|boys?|"
    r"kids?|child|children|husband|dog|cat|puppy|kitten|brothers?|dad|father|grandad|grandpa|"
    r"boyfriend|nephews?|stepsons?)(?: and (?:my |our |the |his |her )?(?:toddlers?|sons?|boys?|kids?|"
    r"child|children|husband|dog|cat|brothers?|dad|father|boyfriend|nephews?))?"
    r"(?:'s| (?:is|are|was|were|has|have|had|keeps?|kept|started|has started|have started|has been|"
    r"have been|.s been|.ve been|.s|.re))? (?:still |now |really |badly |also |both |all )?"
    r"(vomit\w*|being sick|been sick|throwing up|threw up|sick)\b")


#: the writer shares it ("so am I", "me too", "we've all got it"): her own vomiting
_PE_SHARED = _rx(r"so (?:am|have|did|do) i\b", r"me too\b", r"i (?:am|have|was|had|did|do)(?: been)?(?: \w+)? "
                 r"(?:too|also|as well)\b", r"i.(?:m|ve)(?: been)? (?:too|also|as well)\b", r"i.m also\b",
                 r"(?:both|all) of us\b", r"we (?:are|were|have|had|.re|.ve)?\s?(?:both|all)\b",
                 r"we.(?:re|ve) (?:both|all)\b", r"(?:whole|entire) (?:family|house|household)\b",
                 r"every(?:one|body)\b", r"i.ve got it\b", r"i have it\b", r"caught it\b")


#: (trifix14b) the writer's own sickness told in other words ("I feel really sick and can't keep
#: anything down", "I'm nauseous and retching", "I keep heaving"): NHS "Pre-eclampsia" (feeling
#: or being sick) and NHS "Severe vomiting in pregnancy" word it so; with someone else's
#: vomiting in the text it is her own, and the grade (3) stands as before tri14a
_PE_OWN_SICK = _rx(
    r"i(?:.m| am| was|.ve been| have been| feel| felt| keep| kept| started| have started|.ve started)"
    r"(?: (?:really|so|very|feeling|being|also|still|constantly|just|now|too|quite|awfully|"
    r"terribly|really badly))* (?:sick(?! of\b| and tired)|nause\w*|queasy|retch\w*|heav(?:ing|e)\b|"
    r"gagg\w*|dry heav\w*)",
    r"i (?:can.t|cannot|can not|couldn.t|am not able to|.m not able to) (?:keep|hold) (?:anything|any ?thing|"
    r"food|fluids?|water|drinks?|it|much) down\b",
    r"(?:and|but|now|,) (?:(?:i )?(?:feel|feeling|felt) (?:really |so |very )?sick(?! of\b)|"
    r"(?:can.t|cannot|couldn.t) keep (?:anything|any ?thing|food|fluids?|water|drinks?) down)\b")


def _pe_own_vomit(p: Presentation) -> bool:
    """Some vomiting word in the text is not told of a son, husband, child or pet (or the
    writer says she has it too, or tells her own sickness in other words)."""
    text = p.text
    owned = [(m.start(), m.end()) for m in _PE_OTHERS_VOMIT.finditer(text)]
    if not owned or _PE_SHARED.search(text) is not None or _PE_OWN_SICK.search(text) is not None:
        return True
    all_owned = all(any(lo <= v.start() < hi for lo, hi in owned) for v in _PE_VOMIT.finditer(text))
    return not guard("rf:pe_others_vomit", all_owned)


def _pe_severe_bp(p: Presentation) -> bool:
    return (p.vitals.systolic_bp or 0) >= 160 or (p.vitals.diastolic_bp or 0) >= 110


# (tri14a) Protein in the urine with a raised blood pressure after 20 weeks or after the birth is
# the definition of pre-eclampsia (NICE NG133 1.4 / 1.5: new hypertension >= 140/90 with
# proteinuria; suspected pre-eclampsia is assessed in secondary care the same day; NHS
# "Pre-eclampsia": "high blood pressure and protein in your urine" found at antenatal checks):
# graded 3 (same day); a severe pressure (>= 160/110) is already 2 by the NG133 rule. The urine
# result as written ("3+ proteinuria", "protein ++", "protein in my urine / wee"); "no protein",
# "protein negative / nil / trace" are no proteinuria.
_PE_PROTEINURIA = _rx(
    r"(?<!no )(?<!nil )(?<!without )proteinuri\w*(?! (?:neg\w*|nil|none|absent)\b)",
    r"(?<!no )(?<!nil )(?<!without )protein (?:in|on) (?:my |her |the )?(?:urine|wee|pee|dip\w*|sample)",
    r"(?:urine|dip\w*|wee|pee) (?:\w+ ){0,3}?(?:showed|shows|found|has|had|positive for) (?:some |\d\+ )?protein\b",
    r"(?:\d\s?\+|\+{1,4}) (?:of )?protein\b", r"protein:? ?(?:\d\s?\+|\+{1,4})",
    # (trifix14b) the sign before the count, as lay writers and some dipstick charts put it
    # ("+2 protein", "protein +2"; NICE NG133: 1+ or more on a dipstick)
    # (the word before it starts the match: a "+" has no word boundary of its own)
    r"\w+[ ,;:(]{1,3}\+\s?[1-4] (?:of )?protein\b")
_PE_HIGH_BP_WORDS = _rx(r"(?:high|raised|elevated) (?:blood pressure|bp)\b",
                        r"(?:blood pressure|bp) (?:is |was |has been |.s )?(?:high|raised|up|elevated)\b",
                        r"hypertensi\w*")


def _pe_raised_bp(p: Presentation) -> bool:
    """A raised blood pressure (>= 140/90) by the vitals read, or said so in words."""
    return ((p.vitals.systolic_bp or 0) >= 140 or (p.vitals.diastolic_bp or 0) >= 90
            or find_affirmed_danger(_PE_HIGH_BP_WORDS, p.text) is not None)


PRE_ECLAMPSIA_RULES: tuple[RedFlagRule, ...] = (
    # (tri14a) NICE NG133: severe hypertension (>= 160/110) in pregnancy or after the birth is
    # admitted -- the same flag as the NG133 rule above, now read in every wording of a late
    # pregnancy or a birth within 6 weeks ("delivered 10 days ago, BP 170/115")
    RedFlagRule("severe hypertension in pregnancy", 2, _PE_LATE_PREG, match_ok=_pe_window_ok,
                condition=lambda p: _pe_adult(p) and _pe_severe_bp(p)),
    RedFlagRule("possible pre-eclampsia", 2, _PE_LATE_PREG, with_any=_PE_SEVERE,
                match_ok=_pe_window_ok,
                condition=lambda p: _pe_adult(p) and not _pe_usual_migraine(p)),
    RedFlagRule("possible pre-eclampsia", 3, _PE_LATE_PREG, with_any=_PE_SEVERE,
                match_ok=_pe_window_ok, condition=_pe_adult),
    RedFlagRule("possible pre-eclampsia", 3, _PE_LATE_PREG, with_any=_PE_HEADACHE,
                match_ok=_pe_window_ok, condition=_pe_adult),
    RedFlagRule("possible pre-eclampsia", 3, _PE_LATE_PREG, with_any=_PE_PROTEINURIA,
                match_ok=_pe_window_ok, condition=lambda p: _pe_adult(p) and _pe_raised_bp(p)),
    RedFlagRule("possible pre-eclampsia", 3, _PE_LATE_PREG, with_any=_PE_VOMIT,
                match_ok=_pe_window_ok, condition=lambda p: _pe_adult(p) and _pe_own_vomit(p)),
)
RULES = RULES + PRE_ECLAMPSIA_RULES


ESCALATED: dict[str, str] = {
    "anaphylaxis": "anaphylaxis with shock or hypoxia",
    "respiratory distress": "respiratory distress with hypoxia or shock",
    "severe bleeding": "severe bleeding with shock or hypoxia",
    "major trauma mechanism": "major trauma with shock or hypoxia",
    "sepsis": "sepsis with shock or hypoxia",
}
RULES = RULES + _escalate(RULES, ESCALATED)
# (generic rule, specific rule): the generic one is not reported when the specific one fires.
SUBSUMED: list[tuple[str, str]] = [
    ("chest pain", "chest pain with cardiac features"),
    ("shortness of breath", "respiratory distress"),
    ("shortness of breath", "respiratory distress with hypoxia or shock"),
    ("shortness of breath", "anaphylaxis"),
    ("shortness of breath", "anaphylaxis with shock or hypoxia"),
    # the chest pain rule already says it (the arm/jaw pain is its radiation)
    ("possible heart attack (arm, jaw or back pain with sweating or sickness)",
     "chest pain with cardiac features"),
    # (tri13a) a passed face-and-arm episode's urgent-assessment flag, when a FAST rule fires
    (TIA_PASSED, "stroke signs (FAST)"),
]
