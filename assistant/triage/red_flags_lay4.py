"""Lay and clinical danger signs no rule read, fourth module (issue 21, trifix14c).

A review found messages graded routine (4) that their sources send to A&E, 999 or urgent care.
Each rule names its source and only adds a red flag: none lowers a level. The ``RedFlagRule``
machinery of ``red_flags`` (negation, chronic and dated-past guards) applies. ``red_flags``
appends ``LAY4_RULES`` after ``LAY3_RULES`` (one line), so import ``red_flags`` (or the
triager), not this module, first.

1. Head injury with a high-risk sign (NICE NG232 head injury: CT head within 1 hour for a
   sign of basal skull fracture, post-traumatic seizure, more than one vomit, amnesia; NHS
   "Head injury and concussion": go to A&E for clear fluid from the ears or nose, bleeding from
   the ears or bruising behind the ears, pupils of different sizes, memory loss, being sick)
   -> 2; a head injury in someone on an anticoagulant (NICE NG232: CT within 8 hours; the
   knowledge base already grades "on warfarin and hit my head" 2 in every setting) -> 2.
   Blood from the NOSE after a knock is a nosebleed (NHS names clear fluid for the nose).
2. Suspected hip fracture (NICE CG124 hip fracture; NHS "Hip fracture"): after a fall, hip or
   groin pain with the leg shortened or turned out, or (in an older person) not able to bear
   weight -> 2.
3. Chest heaviness, tightness or pressure spreading to the arm, jaw, neck or back (NHS "Heart
   attack": chest pain "that feels like pressure, heaviness, tightness or squeezing ... spread
   to the arms, jaw, neck and back"; NICE CG95) -> the existing ``chest pain with cardiac
   features`` (2).
4. Fever with fast breathing (NHS "Sepsis": call 999 for an adult or older child breathing
   very fast; NICE NG51 tachypnoea) -> 2; a child under 12 or a baby named -> 3 (NICE NG143
   amber: tachypnoea with fever; the "sepsis" rule's own age line); what the infant rules
   already give stays. The "sepsis" rule reads fever WORDS with fast breathing; this rule adds
   a measured temperature ("temp 39", "38.5C", "101 F") and "breathing fast / rapidly".
5. Long lie (NICE NG249 falls: inability to get up from the floor; NHS "Falls"): an older
   person (65 or over, or told as elderly / a grandparent) who fell and could not get up or
   lay on the floor an hour or more -> 3 (rhabdomyolysis, pressure injury, hypothermia).
6. Caesarean wound problems (NHS "Caesarean section - recovery": get help urgently if the
   wound gets red, swollen, leaks or opens) -> 3; a swollen painful calf in pregnancy or
   within 6 weeks of a birth (NICE NG158 venous thromboembolism; RCOG Green-top 37a:
   pregnancy and the puerperium raise the risk) -> 2.
7. Sudden arm or leg weakness told as "can't move her left arm" with a new-onset word (NHS
   "Stroke": arm weakness -> 999) -> the existing ``stroke signs (FAST)`` (2); not with a local
   cause (injury, dislocation, frozen shoulder, pain) told in the sentence.
8. Neck injury (NICE NG41 spinal injury; NHS "Spinal injury"): after an injury, neck pain with
   tingling, numbness or weakness in the arms or legs, or neck pain after diving into shallow
   water (an axial load: Canadian C-spine rule) -> 2.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from typing import Any, cast

from assistant.triage import red_flags as _rf
from assistant.triage.parse import Presentation
from assistant.triage.red_flags import RedFlagRule, _rx, guard


class _Prefiltered:
    """A trigger whose ``finditer`` yields only the matches ``keep`` accepts (as in
    ``red_flags_lay2``), and at most ``MAX_MATCHES`` of them: the shared per-match checks of
    ``_find_trigger`` (chronic course, dated past) read the whole sentence, so a long
    unpunctuated text of rejected matches would be quadratic. No real message tells the same
    sign more than a few times; the first ``MAX_MATCHES`` are read."""

    MAX_MATCHES = 40

    def __init__(self, pattern: re.Pattern[str], keep: Callable[[str, re.Match[str]], bool]):
        self._pattern = pattern
        self._keep = keep

    def finditer(self, text: str, *args: Any) -> Iterator[re.Match[str]]:
        it = self._pattern.finditer(text, *args)
        if not (_rf.GUARD_LOG is not None or _rf.GUARDS_OFF):
            it = (m for m in it if self._keep(text, m))
        return itertools.islice(it, self.MAX_MATCHES)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)


def _prefiltered(pattern: re.Pattern[str],
                 keep: Callable[[str, re.Match[str]], bool] | None = None) -> re.Pattern[str]:
    return cast("re.Pattern[str]", _Prefiltered(pattern, keep or (lambda _t, _m: True)))

_W = r"[\w'\u2019]+ "  # one word and its space (bounded repeats only)
_WHO = r"(?:my|his|her|their|the|your|our|one|both)"

_SENT_END = re.compile(r"[.!?\n;]")


def _near_sentence(text: str, m: re.Match[str], width: int = 120) -> str:
    """The match's sentence, at most ``width`` characters either side of it: a bounded read
    per match, so a long unpunctuated text of rejected matches stays linear."""
    lo, hi = max(0, m.start() - width), min(len(text), m.end() + width)
    before = _SENT_END.split(text[lo:m.start()])[-1]
    after = _SENT_END.split(text[m.end():hi])[0]
    return before + m.group(0) + after


# ---- 1. head injury ----
HEAD_INJURY = _rx(
    r"(?:hit|hitting|hits|banged|banging|bangs|bang|knocked|knocking|knocks|bumped|bumping|"
    r"bumps|smacked|whacked|struck|cracked|clonked|bashed) (?:" + _W + r"){0,2}?(?:his|her|my|"
    r"their|your|the back of (?:his|her|my|their) |the side of (?:his|her|my|their) )?head\b",
    r"head (?:injury|injuries|injured|trauma|knock|bump|wound)", r"injured (?:his|her|my|their) head",
    r"(?:fell|fall|fallen|landed) (?:" + _W + r"){0,3}?on (?:to )?(?:his|her|my|their) head\b",
    r"knocked (?:out|unconscious)", r"concussion")
_EAR = r"(?:ears?|ear canal)"
HEAD_SIGNS = _rx(
    # NHS: bleeding from the ears / clear fluid from the ears or nose
    r"(?:blood|bleeding|bleed|fluid|liquid|discharge) (?:" + _W + r"){0,3}?(?:from|out of|in) "
    + _WHO + r" " + _EAR + r"\b",
    _EAR + r" (?:is |are |was |has been |have been |started |keeps )?(?:bleeding|leaking)",
    r"(?:clear|watery|straw[- ]coloured|straw[- ]colored) (?:fluid|liquid|discharge) (?:"
    + _W + r"){0,3}?(?:from|out of) " + _WHO + r" (?:nose|nostrils?|ears?)\b",
    r"(?:nose|nostrils?) (?:is |are |keeps? )?(?:leaking|dripping|running) (?:clear|watery) "
    r"(?:fluid|liquid)",
    # pupils of different sizes
    r"pupils? (?:are |is |look |looks |seem |of )?(?:different|unequal|odd)(?: sizes?)?\b",
    r"unequal pupils", r"one pupil (?:is |looks )?(?:bigger|larger|smaller|bigger than|dilated)",
    # basal skull fracture signs (NG232)
    r"panda eyes", r"racoon eyes|raccoon eyes", r"bruis\w* (?:" + _W + r"){0,2}?behind " + _WHO
    + r" ears?\b", r"battle'?s sign",
    # amnesia, repeated questions
    r"(?:can'?t|cannot|can\u2019t|doesn'?t|does not|didn'?t|did not|couldn'?t|won'?t) remember "
    r"(?:what happened|the (?:fall|accident|crash|hit|knock|bang|game|match)|hitting|falling|"
    r"anything|how (?:he|she|they|i) got)", r"no memory of (?:what happened|the|hitting|falling)",
    r"memory loss", r"(?:keeps|kept|keep) (?:asking|repeating) (?:the same|himself|herself|"
    r"themselves|the question)", r"asking the same questions? (?:over and over|again and again|"
    r"repeatedly)",
    # more than one vomit
    r"(?:been |was |being )?(?:sick|vomit\w*|throw\w* up|threw up) (?:" + _W + r"){0,1}?(?:twice|"
    r"two times|three times|2 times|3 times|more than once|several times|a few times|a couple of "
    r"times|again|repeatedly)", r"(?:keeps|kept|keep) (?:being sick|vomiting|throwing up)",
    r"vomit\w* (?:" + _W + r"){0,2}?(?:repeatedly|several times)",
    # a seizure
    r"(?:had|having|has had|took) an? (?:fit|seizure|convulsion)", r"(?:fitting|convuls\w*|"
    r"seizing|seizures?)\b")
ANTICOAGULANT = _rx(
    r"warfarin", r"coumadin", r"rivaroxaban", r"xarelto", r"apixaban", r"eliquis", r"edoxaban",
    r"lixiana", r"dabigatran", r"pradaxa", r"blood[- ]?thinn(?:er|ers|ing)", r"anti-?coagul\w*",
    r"(?:low molecular weight )?heparin", r"enoxaparin", r"clexane", r"dalteparin", r"fragmin",
    r"tinzaparin", r"doac", r"noac")
_STOPPED = _rx(r"(?:stopped|came off|come off|no longer|not on|off) (?:" + _W + r"){0,2}?(?:the )?"
               r"(?:warfarin|blood[- ]?thinn\w*|anti-?coagul\w*|apixaban|rivaroxaban|edoxaban|"
               r"dabigatran|xarelto|eliquis)")


def _anticoag_ok(p: Presentation) -> bool:
    return not guard("rf:anticoag_stopped", _STOPPED.search(p.text) is not None)


# ---- 2. suspected hip fracture ----
_FALL = _rx(r"fell", r"falls?\b", r"fallen", r"tripped", r"slipped", r"(?:had|taken) a (?:tumble|"
            r"fall)", r"went down", r"collapsed", r"found on the floor")
HIP_PAIN = _rx(r"(?:hip|groin)s? (?:" + _W + r"){0,3}?(?:pain\w*|hurt\w*|sore|agony|agonising|"
               r"killing)", r"(?:pain\w*|hurt\w*|sore|agony) (?:" + _W + r"){0,2}?(?:in|at|on|"
               r"around) (?:" + _W + r"){0,1}?(?:hip|groin)s?\b", r"(?:painful|sore) (?:hip|groin)s?\b")
LEG_DEFORMED = _rx(r"(?:leg|foot|knee) (?:" + _W + r"){0,3}?(?:turned|turning|rotated|twisted|"
                   r"pointing|sticking) (?:out|outwards?|sideways|the wrong way)",
                   r"(?:leg|one leg) (?:" + _W + r"){0,2}?(?:shorter|shortened)",
                   r"(?:shortened|shorter) (?:left |right )?leg")
NO_WEIGHT = _rx(r"(?:can'?t|cannot|can\u2019t|couldn'?t|could not|unable to|not able to|won'?t) "
                r"(?:even )?(?:put (?:any )?weight (?:on|through)|bear (?:any )?weight|weight[- ]?bear|"
                r"stand (?:up|on)|stand\b|get up|walk)")
_OLDER = _rx(r"elderly", r"(?:my |his |her )?(?:nan|nana|nanna|gran|granny|grandma|grandmother|"
             r"grandad|granddad|grandpa|grandfather|great[- ]grand\w*)\b", r"old (?:lady|man|woman)",
             r"pensioner", r"care home", r"nursing home", r"osteoporo\w*",
             r"(?:i'?m|i am|he'?s|she'?s|he is|she is|is|aged|age) (?:6[5-9]|[7-9]\d|1[01]\d)\b",
             r"(?:6[5-9]|[7-9]\d|1[01]\d)[- ]?(?:years?[- ]old|yo|y/o)")


def _older(p: Presentation) -> bool:
    if p.age is not None:
        return p.age >= 65
    return _OLDER.search(p.text) is not None


def _hip_ok(p: Presentation) -> bool:
    """A fall, and the leg shortened / turned out, or (older) no weight on it."""
    if _FALL.search(p.text) is None:
        return False
    if LEG_DEFORMED.search(p.text) is not None:
        return True
    return NO_WEIGHT.search(p.text) is not None and _older(p)


# ---- 3. chest heaviness spreading ----
_SPREAD = (r"(?:going|goes|went|spreading|spreads|spread|moving|moves|radiating|radiates|"
           r"travelling|traveling|travels|shooting|shoots|running|runs|into|down|up) (?:" + _W
           + r"){0,3}?(?:arms?|jaw|neck|back|shoulders?)\b")
CHEST_HEAVY_SPREAD = _rx(
    r"(?:heavy|heaviness|tight|tightness|pressure|squeez\w*|crushing|weight|heavy weight) "
    r"(?:feeling |sensation |pain |ache )?(?:in|on|across|around|over) (?:my |his |her |their |"
    r"the )?chest,? (?:" + _W + r"){0,3}?" + _SPREAD,
    r"chest (?:feels?|felt|is|was|'s|\u2019s|going|getting|has been) (?:" + _W + r"){0,2}?(?:heavy|"
    r"tight|squeez\w*|like pressure),? (?:" + _W + r"){0,3}?" + _SPREAD,
    r"chest (?:heaviness|tightness|pressure),? (?:" + _W + r"){0,3}?" + _SPREAD)

# ---- 4. fever with fast breathing ----
FAST_BREATHING = _rx(
    r"breath\w* (?:really |very |so |quite |too |a bit |a lot )?(?:fast|quick(?:ly)?|rapid(?:ly)?|"
    r"hard and fast|fast and shallow|quick and shallow)\b",
    r"(?:fast|rapid|quick) (?:and shallow )?breath\w*", r"tachypn\w*", r"panting\b")
# the fever: the fever words the "sepsis" rule reads, or a measured temperature of 38 C
# (100.4 F) or more told in the text. As the trigger, it passes the shared negation and
# dated-past checks ("I don't have a temperature", "had a temperature last month").
FEVER_TOLD = _rx(_rf.FEVER.pattern[5:-1],
                 r"(?:temp|temperature|t)\.?:? (?:of |is |was |at |reading |now |still )?"
                 r"(?:3[89]|4[0-2]|100\.[4-9]|10[1-6])(?:\.\d)?(?! ?(?:weeks?|wks?|days?|years?|yrs?|hours?|mins?|minutes?|"
                 r"kg|lbs?|cm)\b)",
                 r"(?:3[89]|4[0-2])(?:\.\d)? ?(?:c|\u00b0c|\u00b0|degrees|deg)\b",
                 r"(?:100\.[4-9]|10[1-6](?:\.\d)?) ?(?:f|\u00b0f|degrees f\w*)\b")
_EXERTION = _rx(r"after (?:" + _W + r"){0,2}?(?:running|run|exercis\w*|the gym|gym|workout|"
                r"working out|sport|football|climbing|stairs)", r"exercis\w*", r"panic\w*",
                r"anxi\w*", r"hyperventil\w*")


def _fast_ok(text: str, m: re.Match[str]) -> bool:
    sent = _near_sentence(text, m)
    return not guard("rf:fast_breath_exertion", _EXERTION.search(sent) is not None)


def _fast_breathing_told(p: Presentation) -> bool:
    """Fast breathing told now, not after exertion or in panic (in its own sentence)."""
    return any(_fast_ok(p.text, m) for m in itertools.islice(FAST_BREATHING.finditer(p.text), 40))


#: a baby or young child named without an age
_YOUNG = _rx(r"bab(?:y|ies)\b", r"toddler", r"infant", r"newborn", r"little one",
             r"\d+[- ](?:months?|weeks?|days?)[- ]old")


def _child(p: Presentation) -> bool:
    if p.age is not None:
        return p.age < 12
    return _YOUNG.search(p.text) is not None


def _fever_fast_older(p: Presentation) -> bool:
    # (as the "sepsis" rule: a child under 12 keeps the NICE NG143 amber level)
    return not _child(p) and _fast_breathing_told(p)


def _fever_fast_young(p: Presentation) -> bool:
    return _child(p) and _fast_breathing_told(p)


# ---- 5. long lie ----
LONG_LIE = _rx(
    r"(?:couldn'?t|could not|couldn\u2019t|can'?t|cannot|unable to|wasn'?t able to|not able to) "
    r"(?:" + _W + r"){0,1}?get (?:" + _W + r"){0,1}?(?:up|off the floor|back up|herself up|himself "
    r"up|myself up)",
    r"(?:lay|lying|laid|lain|stuck|been|was|were|left|spent|stayed) (?:" + _W + r"){0,2}?on the "
    r"(?:floor|ground|carpet|bathroom floor|kitchen floor) (?:" + _W + r"){0,2}?(?:all night|"
    r"overnight|for hours|for (?:over |more than |about |nearly |almost |at least )?(?:an? |one |"
    r"two |three |several |a few |many |\d+ )(?:hours?|hrs?|nights?|days?)|until (?:the )?(?:morning|"
    r"someone|somebody|my|his|her|the carer|carers?))",
    r"found (?:" + _W + r"){0,2}?on the (?:floor|ground) (?:" + _W + r"){0,2}?(?:this morning|"
    r"in the morning|next morning|all night|overnight|hours later)")


def _long_lie_ok(p: Presentation) -> bool:
    return _FALL.search(p.text) is not None and _older(p)


# ---- 6. caesarean wound; calf after a birth ----
_CAESAREAN = _rx(r"c(?:a)?esarean", r"c(?:a)?esarian", r"c[- ]?section", r"c sec\b", r"section "
                 r"(?:wound|scar)")
CS_WOUND = _rx(
    r"(?:wound|incision|cut|stitches|staples|scar) (?:" + _W + r"){0,3}?(?:opened|opening|open|come "
    r"apart|came apart|coming apart|split|splitting|gaping|burst|oozing|ooze|leaking|leaks|"
    r"weeping|bleeding|pus|discharg\w*|smell\w*|red|hot|swollen|infected)\b",
    r"(?:oozing|leaking|weeping|infected|red|swollen|gaping|open|bleeding) (?:" + _W + r"){0,1}?"
    r"(?:wound|incision)\b")
CALF_SWOLLEN = _rx(
    r"calf (?:" + _W + r"){0,3}?(?:swollen|swelling|swelled|puffy)",
    r"(?:swollen|swelling in (?:my |her |the )?|puffy) (?:(?:left|right|one) )?calf",
    r"(?:swollen|swelling) (?:" + _W + r"){0,2}?(?:painful|tender|red|hot|warm) (?:(?:left|right|one) )?calf",
    r"(?:painful|tender|red|hot) (?:and )?swollen (?:(?:left|right|one) )?calf")
_BIRTH_RECENT = _rx(
    r"(?:c(?:a)?esarean|c(?:a)?esarian|c[- ]?section|gave birth|given birth|had (?:my|her|the|a) "
    r"baby|delivered|delivery|birth) (?:" + _W + r"){0,2}?(?:(?:\d|[1-3]\d|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|a few|few|couple of) days?|(?:[1-6]|one|two|three|four|five|six|a|a "
    r"few|a couple of) weeks?) ago",
    r"(?:\d|[1-3]\d|one|two|three|four|five|six|seven|eight|nine|ten) days? (?:post|after) "
    r"(?:c(?:a)?esarean|c[- ]?section|op|birth|delivery|partum)", r"post[- ]?partum", r"post[- ]?natal",
    r"just had (?:my|a|her|the) baby", r"\bpregnant\b", r"weeks? pregnan\w*")


# ---- 7. sudden arm or leg weakness ----
CANT_MOVE_LIMB = _rx(
    r"(?:can'?t|cannot|can\u2019t|can not|couldn'?t|could not|unable to|not able to) (?:lift|move|"
    r"raise|use|feel) (?:" + _W + r"){0,1}?(?:his|her|my|their|the) (?:left |right |one )?"
    r"(?:arm|leg|hand)\b", r"(?:can'?t|cannot|can\u2019t|unable to) move (?:" + _W + r"){0,1}?"
    r"(?:his|her|my|their|the) (?:left|right) side")
_NEW_ONSET = _rx(r"sudden\w*", r"all of a sudden", r"out of (?:the )?(?:blue|nowhere)", r"just now",
                 r"\bnow\b", r"since (?:this morning|last night|(?:an?|one|two|\d+|a few|half an) hours? "
                 r"ago|(?:he|she|they|i) woke|lunch|breakfast|earlier)", r"this morning",
                 r"woke (?:up )?(?:and|with|unable)", r"(?:minutes|an hour|hours) ago")
_LIMB_LOCAL = _rx(r"broke\w*", r"broken", r"fractur\w*", r"surgery", r"operation", r"op\b",
                  r"injur\w*", r"sprain\w*", r"dislocat\w*", r"\bcast\b", r"sling", r"gym",
                  r"work ?out", r"lifting", r"weights", r"frozen shoulder", r"tendon\w*",
                  r"physio\w*", r"hurts?", r"hurting", r"pain\w*", r"sore", r"agony", r"fell",
                  r"fall\b", r"cramp\w*", r"pins and needles", r"slept on", r"asleep", r"dead arm",
                  r"for (?:weeks|months|years)", r"stiff\w*", r"arthritis", r"sunburn\w*",
                  r"jab\b", r"vaccin\w*", r"injection", r"tattoo")


def _limb_ok(text: str, m: re.Match[str]) -> bool:
    sent = _near_sentence(text, m)
    if guard("rf:limb_local_cause", _LIMB_LOCAL.search(sent) is not None):
        return False
    return _NEW_ONSET.search(sent) is not None


# ---- 8. neck injury with limb signs, diving (lead, rerev14t) ----
# NICE NG41 spinal injury: after an injury, neck pain with paraesthesia or weakness in the
# arms or legs, or a dangerous mechanism (axial load to the head, as in diving into shallow
# water: Canadian C-spine rule) needs imaging; NHS "Spinal injury": call 999.
NECK_PAIN = _rx(r"neck (?:pain|is (?:really |so |very )?(?:sore|painful|hurting|stiff)|"
                r"(?:really |so )?hurts|injury|"
                r"injured)", r"(?:sore|painful|hurt|injured|stiff) neck", r"pain in (?:his|her|"
                r"my|their|the) neck")
_LIMB_SIGN = _rx(r"(?:tingl\w*|pins and needles|numb\w*|weak\w*|can'?t feel|no feeling) (?:"
                 + _W + r"){0,3}?(?:arms?|hands?|legs?|feet|fingers)\b",
                 r"(?:arms?|hands?|legs?|feet|fingers) (?:are |is |went |feel |feels |have gone )?"
                 r"(?:all )?(?:tingl\w*|numb|weak|dead)")
_INJURY = _rx(r"div(?:e|ed|ing)\b", r"dove\b", r"tackle\w*", r"fell\b(?! asleep)",
              r"fall(?:en)?\b(?! asleep)", r"crash\w*", r"accident", r"collision", r"thrown", r"landed", r"trampoline",
              r"rugby", r"hit by", r"knocked (?:off|over|down)", r"whiplash")
_DIVE_SHALLOW = _rx(r"(?:div(?:e|ed|ing)|dove|jump(?:ed|ing)?) (?:" + _W + r"){0,3}?(?:into|in) "
                    r"(?:the )?(?:shallow|shallow end|a shallow|the shallow)",
                    r"hit (?:his|her|my|their) head on the bottom")


# an old injury or a long course is no acute spinal injury ("fell last year, neck pain and
# numb hands for years")
_LONG_AGO = _rx(r"for (?:many |several |a few |\d+ )?(?:years|months|weeks)", r"last (?:year|month)",
                r"(?:years|months|weeks) ago", r"since (?:last|\d{4})")


def _neck_injury_ok(p: Presentation) -> bool:
    return _INJURY.search(p.text) is not None and _LONG_AGO.search(p.text) is None


def _neck_recent(p: Presentation) -> bool:
    return _LONG_AGO.search(p.text) is None


LAY4_RULES: tuple[RedFlagRule, ...] = (
    RedFlagRule("head injury with high-risk features", 2, _prefiltered(HEAD_SIGNS),
                with_any=HEAD_INJURY, acute_only=True, current_only=True),
    RedFlagRule("head injury on an anticoagulant", 2, _prefiltered(ANTICOAGULANT),
                with_any=HEAD_INJURY, condition=_anticoag_ok),
    RedFlagRule("possible hip fracture", 2, _prefiltered(HIP_PAIN), acute_only=True,
                current_only=True, condition=_hip_ok),
    RedFlagRule("chest pain with cardiac features", 2, _prefiltered(CHEST_HEAVY_SPREAD),
                acute_only=True, current_only=True),
    RedFlagRule("fever with fast breathing (possible sepsis)", 2, _prefiltered(FEVER_TOLD),
                with_any=FAST_BREATHING, acute_only=True, current_only=True,
                condition=_fever_fast_older),
    RedFlagRule("fever with fast breathing (possible sepsis)", 3, _prefiltered(FEVER_TOLD),
                with_any=FAST_BREATHING, acute_only=True, current_only=True,
                condition=_fever_fast_young),
    RedFlagRule("long lie after a fall (older person)", 3, _prefiltered(LONG_LIE),
                current_only=True, condition=_long_lie_ok, own_polarity=True),
    RedFlagRule("caesarean wound problem", 3, _prefiltered(CS_WOUND), with_any=_CAESAREAN,
                acute_only=True, current_only=True),
    RedFlagRule("swollen calf in pregnancy or after birth (possible DVT)", 2,
                _prefiltered(CALF_SWOLLEN), with_any=_BIRTH_RECENT, acute_only=True,
                current_only=True),
    RedFlagRule("stroke signs (FAST)", 2, _prefiltered(CANT_MOVE_LIMB, _limb_ok),
                acute_only=True, current_only=True, match_ok=_limb_ok, own_polarity=True),
    RedFlagRule("neck injury with arm or leg symptoms (possible spinal injury)", 2,
                _prefiltered(NECK_PAIN), with_any=_LIMB_SIGN, acute_only=True,
                current_only=True, condition=_neck_injury_ok),
    RedFlagRule("neck pain after diving into shallow water (possible spinal injury)", 2,
                _prefiltered(NECK_PAIN), with_any=_DIVE_SHALLOW, acute_only=True,
                current_only=True, condition=_neck_recent),
)
