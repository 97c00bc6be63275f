"""Lay wordings of existing red flags that the main rule set misses (issue 21, laygaps2).

Each rule here is an existing red flag (same name, same acuity) read in everyday words; the
``RedFlagRule`` machinery of ``red_flags`` (negation, chronic and dated-past guards) applies.
``red_flags`` appends ``LAYGAP_RULES`` to its rule list (one line), so import ``red_flags``
(or the triager), not this module, first.
"""
from __future__ import annotations

import re

from assistant.triage.parse import Presentation
from assistant.triage.red_flags import (
    _COLOUR_DEGREE,
    _GREY,
    _GREY_IDIOM,
    _GREY_STRONG,
    _HAIR,
    _LAY_PAST,
    _SEIZURE_PAST,
    _SWEAT_OR_SICK,
    RedFlagRule,
    _cardiac_chest_pain,
    _cyanosis_ok,
    _mottled_ok,
    _rx,
    _sentence_at,
    _sentence_match,
    guard,
)

_WHO = r"(?:my |his |her |their |the |your )"

# ---- heart attack: a crushing chest in lay words ----
# NHS "Heart attack": chest pain that can feel like pressure, heaviness, tightness, squeezing or
# crushing across the chest -> call 999. "Crushing chest pain" already fires "chest pain with
# cardiac features"; "my chest is crushing", "a crushing feeling in my chest" say the same.
# A figure of speech ("my chest is crushing me with worry", "... with guilt") is not it.
CRUSHING_CHEST = _rx(
    r"chest (?:is|was|feels?|felt|keeps|has been|'s|\u2019s) (?:\w+ ){0,3}?(?:crush(?:ing|ed)|being crushed)\b",
    r"crush(?:ing|ed) (?:feeling|sensation|pain|pressure|weight|ache|tightness|heaviness)s? "
    r"(?:\w+ ){0,2}?(?:in|on|across|around|over|through) " + _WHO + r"?chest",
    r"crushing (?:in|on|across|around) " + _WHO + r"?chest",
    r"crushing chest\b(?! (?:pain|pressure|tightness|discomfort|heaviness))",
    r"(?:something|someone|somebody) (?:is |'s |\u2019s )?crushing " + _WHO + r"chest")
_FIGURATIVE = re.compile(
    r"\W*(?:me|him|her)?\s*(?:with|from|under|because of) (?:the |all (?:the|this) |my |his |her )?"
    r"(?:worry|worries|stress|anxiety|grief|guilt|sadness|sorrow|heartbreak|pressure of|emotion\w*|"
    r"feelings?|debt|fear|dread|nerves)\b", re.I)


def _crushing_ok(text: str, m: re.Match[str]) -> bool:
    return not guard("rf:crush_figurative", _FIGURATIVE.match(text, m.end()) is not None)


# (lay13, issue 21) ... and the textbook similes of the same crushing pressure (NHS "Heart
# attack": chest pain that feels like pressure, heaviness, tightness or squeezing; the crushing
# "as if someone is sitting on my chest", "like an elephant on my chest"): "my chest feels like
# it's being crushed", "it feels like someone is sitting on my chest", "like a weight pressing on
# my chest". A simile word ("like", "as if", "as though") or the elephant is required: "my baby
# was sitting on my chest", "sitting on my chest of drawers" are no pain. Not a chest sore to
# press after lifting or a strain with nothing cardiac told (NHS "Chest pain": pain that gets
# worse when you press on your chest is probably a strained muscle).
_SIMILE = r"(?:like|as if|as though|as tho)"
_ON_CHEST = (r"(?:on|across|against|onto|on top of) (?:my |his |her |their |the )?chest\b"
             r"(?! of drawers| freezer| (?:of|in) the)")
CRUSHED_CHEST_SIMILE = _rx(
    r"chest (?:is|was|feels?|felt|feeling|keeps|has been|'s|\u2019s) (?:[\w'\u2019]+ ){0,4}?"
    r"(?:being |getting |been )?(?:crush(?:ing|ed)|squashed|squeezed|squeezing|compressed|"
    r"caved in|in a vice|in a vise)\b",
    _SIMILE + r" (?:[\w'\u2019]+ ){0,2}?(?:someone|somebody|something|a (?:heavy |huge |big |massive "
    r"|ton |tonne )?(?:weight|person|man|brick|rock|stone|boulder)|an? (?:\w+ )?elephant|a ton of "
    r"bricks|a car|a horse|a truck|a lorry) (?:is |was |'s |\u2019s |were |has been |had been )?"
    r"(?:just )?(?:sitting|sat|standing|stood|kneeling|knelt|lying|laying|pressing|pushing|"
    r"squeezing|crushing|stamping|stepping|parked|on|pressed|weighing (?:down )?) ?(?:down )?"
    + _ON_CHEST,
    r"elephant (?:(?:is |was |'s |\u2019s )?(?:sitting|sat|standing|stood|lying) )?" + _ON_CHEST,
    _SIMILE + r" (?:[\w'\u2019]+ ){0,3}?(?:in a vice|in a vise|being crushed|being squeezed|"
    r"being squashed|crushed|squashed)\b")
_STRAIN_ONLY = re.compile(
    r"\b(?:(?:hurts?|sore|tender|painful|worse) (?:\w+ ){0,3}?(?:when|if) (?:i |he |she |you )?"
    r"(?:press|push|touch|prod)\w*|(?:pulled|strained|tweaked|torn) (?:a |my |his |her )?(?:chest )?"
    r"muscle|muscle (?:strain|pull)|(?:after|from|since) (?:lifting|the gym|a workout|training|"
    r"moving (?:furniture|house|boxes))|press(?:-| )ups?|bench ?press\w*)\b", re.I)
_CARDIAC_COMPANION = re.compile(
    r"\b(?:sweat\w*|clammy|nause\w*|sick\b|vomit\w*|breathless\w*|short(?:ness)? of breath|"
    r"dizz\w*|light-?headed|faint\w*|grey|gray|arm|jaw|neck|back|shoulder\w*|radiat\w*|"
    r"spread\w*)\b", re.I)


# (layfix12) a chest squashed by what is worn or carried ("my chest feels squashed in this tight
# bra"), and a squeeze felt on coughing with a fever or green phlegm and nothing cardiac (NHS
# "Chest pain": chest pain that gets worse when you cough, with a high temperature or coughing
# up phlegm, is probably a chest infection): no cardiac simile
_WORN_CAUSE = re.compile(
    r"\b(?:in|by|from|under) (?:this|these|that|my|a|an|the) (?:\w+ ){0,2}?(?:bra|top|dress|corset|"
    r"shirt|binder|swimsuit|wetsuit|harness|vest|jumper|jacket|seat ?belt|straps?|baby carrier|"
    r"sling|backpack|rucksack)s?\b", re.I)
_COUGH_INFECTION = re.compile(
    r"\b(?:when|if|every time|whenever) (?:i|he|she|you) cough\w*|\bon coughing\b", re.I)
_CHEST_INFECTION_SIGN = re.compile(
    r"\b(?:fever\w*|feverish|high temperature|temperature|(?:green|yellow|brown|rusty|thick) "
    r"(?:\w+ )?(?:phlegm|mucus|sputum|snot)|phlegm|sputum|chest infection)\b", re.I)
_SPREAD_COMPANION = re.compile(
    r"\b(?:sweat\w*|clammy|arm|jaw|neck|back|shoulder\w*|radiat\w*|spread\w*|grey|gray|"
    r"faint\w*|dizz\w*|light-?headed|collaps\w*)\b", re.I)


def _crushed_simile_ok(p: Presentation) -> bool:
    """A cardiac-type chest (no pleuritic infection, no stable angina), and not a strain told
    alone: pain on pressing or after lifting with no sweating, sickness, breathlessness or
    spread (NHS "Chest pain"); not squashed by clothing, nor a squeeze on coughing with a
    chest infection's signs and no cardiac spread (layfix12)."""
    return _cardiac_chest_pain(p) and not guard(
        "rf:chest_strain_only", _STRAIN_ONLY.search(p.text) is not None
        and _CARDIAC_COMPANION.search(p.text) is None) and not guard(
        "rf:chest_worn_cause", _WORN_CAUSE.search(p.text) is not None
        and _SPREAD_COMPANION.search(p.text) is None) and not guard(
        "rf:chest_cough_infection", _COUGH_INFECTION.search(p.text) is not None
        and _CHEST_INFECTION_SIGN.search(p.text) is not None
        and _SPREAD_COMPANION.search(p.text) is None)


def _band_ok(text: str, m: re.Match[str]) -> bool:
    """Not figurative, and not a band told in the past and over ("I had a tight band round my
    chest last week with sweating, fine now": layfix12)."""
    return _crushing_ok(text, m) and not guard(
        "rf:chest_band_over", _BAND_PAST.search(_sentence_at(text, m.start())) is not None
        and _BAND_OVER.search(_sentence_at(text, m.start())) is not None)


# (lay13) a band, a weight or a pressure "round" the chest (the existing lay rule reads
# "around / across / on / in") with the pain's spread to the arm, jaw, neck or back, or
# sweating or sickness (NHS "Heart attack": the pain may spread to the arms, jaw, neck, back;
# with sweating, feeling sick, breathless or light-headed)
#: (layfix12) a belt or strap is the thing worn ("my heart rate strap across my chest", "sports
#: bra strap", "baby carrier strap") unless it is a simile ("like a tight strap round my chest")
_BAND_PAST = re.compile(r"\b(?:last (?:week|month|night|year)|yesterday|(?:days?|weeks?|months?) ago|"
                        r"(?:i|he|she) had)\b", re.I)
_BAND_OVER = re.compile(r"\b(?:(?:fine|ok|okay|better|gone|normal|settled) (?:now|since)|(?:has|have|"
                        r"it'?s) (?:gone|settled|passed|stopped)|went away|no (?:more|further) "
                        r"(?:pain|symptoms))\b", re.I)
CHEST_BAND_LAY = _rx(
    r"(?:like|as if|as though) (?:(?:a|an|some|there.s a|there is a) )?(?:tight |heavy )?"
    r"(?:belt|strap) (?:[\w'\u2019]+ ){0,2}?(?:a?round|across|over|on|in) (?:my |his |her |their "
    r"|the )?chest\b",
    r"(?<!bra )(?<!sports )(?<!waist)(?<!head)(?<!arm)(?:tight |heavy )?(?:band|vice|vise|weight|pressure|tightness|heaviness) "
    r"(?:[\w'\u2019]+ ){0,2}?(?:a?round|across|over|on|in|around) (?:my |his |her |their |the )?chest\b"
    r"(?! of drawers)",
    r"chest (?:feels?|felt|is|was|'s|\u2019s|going|getting|has gone|has been) (?:[\w'\u2019]+ ){0,3}?"
    r"(?:tight|heavy|squeez\w*|pressure)\b")
_SPREAD_OR_SWEAT = _rx(
    r"(?:pain|ache|aching|heav\w*|tingl\w*|numb\w*|tight\w*|discomfort)\w* (?:[\w'\u2019]+ ){0,3}?"
    r"(?:down|into|in|up|to|through|along) (?:my |his |her |their |the |both )?(?:left |right )?"
    r"(?:arms?|jaw|neck|back|shoulders?)\b",
    r"(?:left|both) arms?", r"jaw", r"radiat\w*", r"spread\w* (?:\w+ ){0,3}?(?:arm|jaw|neck|back|"
    r"shoulder)", r"sweat\w*", r"clammy", r"diaphore\w*", r"nause\w*", r"feel(?:s|ing)? sick",
    r"vomit\w*", r"being sick", r"short(?:ness)? of breath", r"breathless\w*", r"grey|gray",
    r"light-?headed", r"dizz\w*", r"faint\w*")

# ---- a first fit, or a family member's fit with no epilepsy named (lay13, issue 21) ----
# NHS "What to do if someone has a seizure (fit)": call 999 if it is the first time someone has
# had a seizure (people with epilepsy do not always need hospital); NHS Healthier Together
# "Seizure / febrile convulsion": the first time your child has a seizure, call an ambulance.
# "My son had a fit", "my daughter has just had a seizure", "my dad had a convulsion", "her first
# fit", "a seizure for the first time": level 2, as the knowledge base's first seizure
# (seizure_no_known_epilepsy) when a time word is told. Not a fit of laughter, coughing or
# temper ("had a fit when he saw the bill", "a coughing fit"), nor one dated to the past, nor
# a known epilepsy or a usual seizure (those are the knowledge base's).
_RELATIVE = (r"(?:my|our|the|his|her|their) (?:\w+ )?(?:son|daughter|child|baby|toddler|boy|girl|"
             r"little one|kid|grandson|granddaughter|niece|nephew|husband|wife|partner|dad|mum|mom|"
             r"father|mother|brother|sister|grandad|grandpa|grandma|nan|granny|friend|flatmate)")
_FIT_NOUN = r"(?:fit|seizure|convulsion)"
_NOT_IDIOM = (r"(?! (?:of|about|over|at|because|whenever)\b)"
              r"(?! when (?:\w+ ){0,2}(?:saw|see|sees|found|find|heard|hear|was told|realised|"
              r"realized|got the|opened))")
FIRST_FIT_LAY = _rx(
    _RELATIVE + r"(?:'s|\u2019s| has| have)? (?:just |only just |suddenly |also |then )?had "
    r"(?:a|an|his|her|their) (?:first |1st |big |bad |little |small |short |brief |sudden |"
    r"massive |proper |full |horrible |scary |funny )*" + _FIT_NOUN + r"s?\b" + _NOT_IDIOM,
    r"(?<!coughing )(?<!laughing )(?<!sneezing )(?<!giggling )(?:first|1st) (?:ever )?"
    + _FIT_NOUN + r"s?\b(?! (?:of|clinic|service|pathway|appointment|nurse|team|referral)\b)",
    _FIT_NOUN + r"s? for the (?:first|1st|very first) time",
    r"never had (?:a|one) " + _FIT_NOUN + r" before")
_KNOWN_EPILEPSY = re.compile(
    r"\b(?:epilep\w*|seizure disorder|known (?:seizures|fits)|(?:usual|typical|normal|regular) "
    r"(?:\w+ ){0,2}(?:seizures?|fits?)|anticonvulsant\w*|anti-?epileptic\w*|levetiracetam|keppra|"
    r"valpro\w*|epilim|phenytoin|carbamazepine|tegretol|lamotrigine|lamictal|buccal midazolam|"
    r"febrile (?:seizures|convulsions) before|(?:fits|seizures|convulsions) before|"
    r"(?:previous|prior|other|last) (?:fits?|seizures?|convulsions?))\b", re.I)
_FIT_IDIOM = re.compile(r"\b(?:coughing|laughing|sneezing|giggling|giggle|crying|hissy|"
                        r"jealous|temper|rage)\W+(?:\w+\W+){0,2}?fits?\b|\bfits? of\b|"
                        r"\bthrew a fit\b", re.I)


#: an age or a year that dates the fit ("her first seizure was at age 3", "in 2015", "when she
#: was 2")
_FIT_DATED = re.compile(r"\b(?:at (?:the )?age (?:of )?\d+|aged \d+|in (?:19|20)\d\d|when (?:he|she|i|"
                        r"they) (?:was|were) (?:\d+|a (?:baby|toddler|child|kid|teenager)|little|"
                        r"young))\b", re.I)


# (layfix12) a tantrum told with its cause anywhere after the fit in its sentence ("had a
# massive fit in the supermarket because I wouldn't buy sweets", "a fit in the shop because
# they'd run out of bread", "over the mess", "about the noise", "when I said no"); not a
# fever, temperature or illness as the cause (a febrile seizure: NHS "Febrile seizures"), nor
# a time ("over the weekend", "about an hour ago")
_TANTRUM_CAUSE = re.compile(
    r"\b(?:because(?! of (?:a |an |his |her |their |the |my |high |very |bad )*(?:temp\w*|"
    r"fever\w*|illness|infection|virus|bug|epilep\w*|head (?:injury|bump)|bump|fall|sickness))|"
    r"over (?!(?:the |a |this )?(?:weekend|night|christmas|easter|holiday|(?:last|past|next)\b|"
    r"\d|an? (?:hour|minute|day)))(?:the |a |some |his |her |my |our |their )?[a-z]+|"
    r"about (?!(?:an?|\d+|one|two|three|four|five|ten|fifteen|twenty|thirty|half|quarter)\b)"
    r"(?:the |a |some |his |her |my |our |their )?[a-z]+|"
    r"when (?:i|we|they|he|she|you|someone|somebody|the \w+) (?:said|told|wouldn.?t|would not|"
    r"didn.?t|did not|refused|took|turned|switched|ran out|couldn.?t|could not|asked))\b", re.I)
#: the current event that a denial of earlier fits goes with ("she collapsed and was shaking,
#: never had a fit before"): a denial alone ("never had a seizure before, headache today",
#: "I feel dizzy but I've never had a fit before") is no fit (layfix12)
_FIT_NOW = re.compile(
    r"\b(?:(?:just |has |have |had |having |has just |'s just |'s had |is having |was having )"
    r"(?:a |an |her |his |their )?(?:\w+ )?(?:fit|seizure|convulsion)s?\b(?! before)|"
    r"fitting|seiz(?:ed|ing)|convuls(?:ed|ing)|jerk(?:ing|ed)|twitch(?:ing|ed)|shaking (?:all over|"
    r"uncontrollably)|stiff(?:ened)? and (?:shaking|jerking)|went stiff|rolled back|"
    r"unresponsive|collaps\w*|passed out|blacked out)", re.I)
_FIT_DENIAL = re.compile(r"never had (?:a|one)", re.I)
#: "never had a seizure before today / this morning": the one now is told
_BEFORE_NOW = re.compile(r"\s+(?:today|this (?:morning|afternoon|evening)|tonight|now)\b", re.I)


def _first_fit_ok(text: str, m: re.Match[str]) -> bool:
    """No past date in the fit's sentence (a fit "as a baby", "last year", "at age 3"), no fit
    idiom, no tantrum cause after it, and a denial of earlier fits only with a current fit."""
    sent_m = _sentence_match(text, m.start())
    sent = sent_m.group() if sent_m else ""
    after = text[m.end():sent_m.end()] if sent_m else text[m.end():]
    if _FIT_DENIAL.match(m.group(0)) and _BEFORE_NOW.match(text, m.end()) is None and guard(
            "rf:first_fit_denial_only",
            _FIT_NOW.search(text[:m.start()] + " " * len(m.group(0)) + text[m.end():]) is None):
        return False
    return not guard("rf:first_fit_past", _SEIZURE_PAST.search(sent) is not None
                     or _LAY_PAST.search(sent) is not None
                     or _FIT_DATED.search(sent) is not None) and not guard(
        "rf:first_fit_idiom", _FIT_IDIOM.search(m.group(0)) is not None
        or _TANTRUM_CAUSE.search(after) is not None)


def _no_known_epilepsy(p: Presentation) -> bool:
    return not guard("rf:first_fit_known_epilepsy", _KNOWN_EPILEPSY.search(p.text) is not None)


# ---- grey said of oneself (lay13, issue 21) ----
# NHS "When to call 999" (blue, grey, pale or blotchy skin, lips or tongue with difficulty
# breathing, chest pain or collapse) and NHS "Heart attack" / "Sepsis" (grey, cold, clammy,
# sweating): "I feel grey and clammy", "I've gone grey and sweaty", "I look grey and can't catch
# my breath". The person rules read "he / my dad has gone / looks / is grey"; "I" is the same
# sign told by the person. Only with a sign of the circulation, breathing or mind in the
# sentence (the copula rule's list, _GREY_CIRCULATION): "I feel a bit grey today" is a mood,
# "I've gone grey" or "I look grey haired" is hair, "grey with stress" is an idiom.
FIRST_PERSON_GREY = _rx(
    r"i(?:'m|\u2019m| am)(?: (?:just|now|also|really|so|still|suddenly))?" + _COLOUR_DEGREE + r" "
    + _GREY + r"\b",
    r"i(?:'ve|\u2019ve| have|'m|\u2019m| am)?(?: (?:just|suddenly|now|also|really|still|gone))? "
    r"(?:feel|feeling|felt|look|looking|looked|gone|turned|going|turning|went|become|became)"
    + _COLOUR_DEGREE + r" " + _GREY + r"\b(?![- ](?:hair\w*|haired|beard\w*|eyes?|eyed))")


# (layfix12) said of oneself, grey is hair ("I'm going / turning grey"), a mood ("I feel a bit
# grey today") or a look ("grey in photos") unless a sign of the circulation or the breathing
# is told with it: the person rules' list (_GREY_CIRCULATION) is too wide here, as "a cold"
# (the illness), "always cold", "pale" skin and the "heart" alone ("my heart races when I
# think about my age") are no such sign. NHS "Heart attack" / "Sepsis" / "When to call 999":
# grey with sweating, cold and clammy skin, breathlessness, chest pain, fainting or collapse.
_SELF_GREY_SIGN = _rx(
    r"sweat\w*", r"clammy", r"cold sweats?", r"breathless\w*", r"short(?:ness)? of breath",
    r"(?:can.?t|cannot|could ?n.?t|struggl\w* to) (?:catch|get) (?:my )?breath",
    r"struggl\w* (?:to|for) breath\w*", r"(?:hard|difficult|difficulty|trouble) breathing",
    r"wheez\w*", r"gasp\w*", r"chest (?:pain|ache|tight\w*|heav\w*|pressure|hurts?)",
    r"pain (?:\w+ ){0,2}(?:in|across|on) my chest", r"collaps\w*", r"faint\w*", r"passed out",
    r"dizz\w*", r"light-?headed", r"unrespons\w*", r"confus\w*", r"drows\w*", r"blue",
    r"lips", r"mottled", r"blotchy", r"vomit\w*", r"being sick")


def _first_person_grey_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    if _HAIR.search(sent) is not None:
        return False
    if guard("rf:grey_idiom", _GREY_IDIOM.search(sent) is not None
             and _GREY_STRONG.search(sent) is None):
        return False
    return (not guard("rf:grey_self_no_circulation", _SELF_GREY_SIGN.search(sent) is None)
            and _cyanosis_ok(text, m))


# ---- heart attack: arm and jaw ache together with sweating ----
# NHS "Heart attack": pain that spreads to the arms, jaw, neck or back, with sweating, feeling
# sick or breathless -> 999. The existing lay rule reads "left arm" or "jaw" with a singular
# verb; "my arm and jaw ache", "my jaw and arms are aching" (plural verb, either order) are it.
_ACHE_VERB = (r"(?:both )?(?:ache|aches|ached|aching|are aching|were aching|hurt|hurts|are hurting|"
              r"feel heavy|feels heavy|are heavy|feel tight|are sore|feel sore|are painful)")
ARM_JAW_ACHE = _rx(
    r"(?:left |right )?arms? and " + _WHO + r"?jaw " + _ACHE_VERB,
    r"jaw and " + _WHO + r"?(?:left |right )?arms? " + _ACHE_VERB,
    r"(?:pain|ache|aching|heaviness|tightness|pressure) (?:in|of|down) " + _WHO
    + r"?(?:(?:left |right )?arms? and (?:my |his |her |the )?jaw|jaw and (?:my |his |her |the )?"
    r"(?:left |right )?arms?)\b")

# ---- meningitis: a stiff neck with the dislike of bright light in lay words ----
# NHS "Meningitis": a stiff neck and a dislike of bright lights -> 999 / A&E. The clinical word
# "photophobia" already joins a stiff neck; "can't look at the light", "the light hurts her
# eyes", "sensitive to light" are the same sign. A known migraine "as usual" is left to the
# headache rules (its usual light sensitivity and neck ache are not a new meningism).
LAY_PHOTOPHOBIA = _rx(
    r"can(?:no|'|\u2019)?t (?:\w+ ){0,2}?(?:look at|stand|bear|tolerate|face|cope with|handle|open "
    r"(?:my|his|her|their) eyes (?:in|to)) (?:the |any |bright |the bright |daylight|sunlight)?"
    r"(?:lights?|sunlight|daylight|brightness)\b",
    r"(?:the |bright |any )?lights? (?:is |are )?(?:hurt\w*|too bright|bother\w*|(?:is |are )?painful)"
    r"(?: (?:my|his|her|their) eyes)?",
    r"(?:hates?|dislikes?|dislike of|avoid\w*|sensitiv\w* to|sensitive to|scared of|screams at) "
    r"(?:the |bright |any |all )?(?:bright )?lights?\b",
    r"(?:shield\w*|cover\w*|hid\w*) (?:my|his|her|their) eyes from (?:the )?(?:light|sun)",
    r"light sensitiv\w*")
_STIFF_NECK_LAY = _rx(
    r"stiff(?:ness)? (?:in )?" + _WHO + r"?neck", r"neck (?:\w+ ){0,2}?stiff\w*",
    r"(?:can(?:no|'|\u2019)?t|unable to|not able to) (?:bend|touch|put|get|move) (?:\w+ )?(?:chin|head) "
    r"(?:down )?(?:to|on|onto|against) " + _WHO + r"?chest")
_USUAL_MIGRAINE = re.compile(
    r"\bmigraines?\b.{0,60}\b(?:as usual|as always|like always|like usual|like (?:i|he|she|they) "
    r"always|usual|normal|typical)\b|\b(?:usual|normal|regular|typical) (?:\w+ )?migraines?\b",
    re.I | re.S)

# ---- sepsis / shock: cold and mottled with the person told apart ----
# NICE NG51 / NHS "Sepsis": a baby or child (or adult) with mottled, cold, blotchy or pale
# skin -> 999. The existing reading wants the person next to "mottled"; "baby is 2 months old
# and very cold and mottled" puts the age between. The pair "cold and mottled" ("mottled and
# cold", "pale and mottled") is skin told by itself; the mottled rule's own guard (when cold,
# after a bath, always, a birthmark, an x-ray) still applies.
COLD_AND_MOTTLED = _rx(
    r"(?:cold|pale|grey|gray|blue|blotchy|clammy|floppy|limp|icy|freezing),? (?:and |& )?"
    r"(?:very |really |all |a bit )?mottled\b",
    r"mottled,? (?:and |& )?(?:very |really |a bit )?(?:cold|pale|grey|gray|blue|blotchy|clammy|floppy|"
    r"limp|icy|freezing)\b")

# ---- head injury: repeated vomiting or a headache that persists ----
# NICE NG232 "Head injury" (referral to the emergency department; CT within 1 hour in adults
# for more than one episode of vomiting) and NHS "Head injury and concussion": vomiting since
# the injury more than once, or a headache since the injury that will not go away or is
# severe -> A&E. One vomit is not the criterion (NICE), nor a headache in the past tense of a
# head knock weeks ago (post-concussion symptoms are a GP matter).
# (a simile of the pain, "like being hit on the head", "like a blow to the head", is no injury)
_NOT_SIMILE = r"(?<!like )(?<!like being )(?<!like getting )(?<!as if i'd been )(?<!like i'd been )"
HEAD_INJURY_LAY = _rx(
    _NOT_SIMILE + r"(?:hit|hitting|banged|banging|bang|bumped|bumping|knocked|knocking|smacked|smacking|struck|"
    r"striking|bashed|bashing|whacked|cracked) (?:\w+ ){0,1}?(?:his|her|my|their|its|the baby'?s) head",
    r"head (?:injury|injuries|knock|bump|trauma|on the (?:floor|ground|table|wall|door|corner|pavement))",
    _NOT_SIMILE + r"(?<!like a )(?:bump|bang|knock|blow|whack|hit) (?:on|to) (?:the|his|her|my|their|its) head",
    r"(?:fell|fallen|landed|falling) (?:\w+ ){0,3}?(?:on|onto) (?:his|her|my|their|its) head",
    r"concuss\w*")
_REPEAT = (r"(?:repeatedly|again and again|over and over|twice|three times|four times|several times|"
           r"multiple times|more than once|a few times|a couple of times|loads|lots|\d+ times|"
           r"non-?stop|constantly|all (?:day|night|morning|evening)|ever since)")
REPEAT_VOMIT_OR_HEADACHE = _rx(
    r"(?:vomit\w*|been sick|being sick|was sick|is sick|throwing up|thrown up|threw up|throw up) "
    r"(?:\w+ ){0,2}?" + _REPEAT,
    r"(?:keeps?|kept|keeping) (?:on )?(?:vomiting|being sick|throwing up)",
    r"(?:vomited|been sick|was sick|threw up|thrown up) (?:\w+ ){0,2}?(?:twice|two times|three times|"
    r"several times|more than once)",
    r"(?:repeated|persistent|recurrent|multiple|constant|continuous) (?:vomit\w*|being sick|throwing up)",
    r"(?:severe|terrible|awful|horrendous|excruciating|splitting|persistent|constant|worsening|"
    r"unbearable|worst) headache",
    r"headache (?:that |which )?(?:won'?t|will not|doesn'?t|does not|hasn'?t|has not|isn'?t|is not) "
    r"(?:\w+ )?(?:go(?:ne)? away|go(?:ne)?|stop\w*|settl\w*|eas\w*|getting better|went|going away)",
    r"headache (?:\w+ ){0,2}?(?:getting|got|gets|is) worse")
_HEAD_INJURY_OLD = _rx(r"(?:weeks?|months?|years?) ago", r"last (?:week|month|year)",
                       r"(?:for|over) (?:the (?:last|past) )?(?:\d+|a few|few|several|two|three) "
                       r"(?:weeks|months|years)")


def _head_injury_now(p: Presentation) -> bool:
    t = p.text
    return not guard("rf:head_injury_old", bool(_HEAD_INJURY_OLD.search(t) or _LAY_PAST.search(t)))


#: (review, 2026-12-06) the lay light-and-neck pair with its own everyday cause told: a neck
#: stiff from sleeping awkwardly or the gym (NHS "Stiff neck": usually from sleeping in an
#: awkward position), a light on a phone or screen, a hangover or a migraine given as the
#: reason. Fever with a stiff neck is read by the fever rules whatever this says.
_MENINGISM_EXPLAINED = re.compile(
    r"\b(?:(?:slept|sleeping|sleep) (?:funny|funnily|awkward\w*|badly|wrong\w*|on it)|"
    r"after (?:the gym|a workout|lifting|training)|whiplash|"
    r"(?:on|from|of) (?:my|his|her|the) (?:phone|screen|laptop|computer|tablet|ipad)|"
    r"hangover|hung ?over|because of (?:a |my |the )?migraine|from (?:a |my |the )?migraine)\b",
    re.I)


#: ... but not with a fever or another sign of illness told (NHS "Meningitis": fever with a
#: stiff neck and a dislike of light is 999 whatever else is said: re-review)
_FEVERISH = re.compile(r"\b(?:fever\w*|temperature|temp|hot|shiver\w*|shaky|rigou?rs|rash\w*|"
                       r"vomit\w*|being sick|drows\w*|sleepy|confus\w*|feverish|burning up)\b",
                       re.I)


def _not_usual_migraine(p: Presentation) -> bool:
    return not guard("rf:usual_migraine", _USUAL_MIGRAINE.search(p.text) is not None
                     or (_MENINGISM_EXPLAINED.search(p.text) is not None
                         and _FEVERISH.search(p.text) is None))


LAYGAP_RULES: tuple[RedFlagRule, ...] = (
    RedFlagRule("chest pain with cardiac features", 2, CRUSHING_CHEST, acute_only=True,
                current_only=True, match_ok=_crushing_ok, condition=_cardiac_chest_pain),
    RedFlagRule("chest pain with cardiac features", 2, CRUSHED_CHEST_SIMILE, acute_only=True,
                current_only=True, match_ok=_crushing_ok, condition=_crushed_simile_ok),
    RedFlagRule("chest pain with cardiac features", 2, CHEST_BAND_LAY, with_any=_SPREAD_OR_SWEAT,
                acute_only=True, current_only=True, match_ok=_band_ok,
                condition=lambda p: (p.age is None or p.age >= 18) and _cardiac_chest_pain(p)),
    RedFlagRule("first seizure (no known epilepsy)", 2, FIRST_FIT_LAY, acute_only=True,
                current_only=True, match_ok=_first_fit_ok, condition=_no_known_epilepsy),
    RedFlagRule("blue or grey colour (cyanosis)", 2, FIRST_PERSON_GREY, acute_only=True,
                current_only=True, match_ok=_first_person_grey_ok),
    RedFlagRule("possible heart attack (arm, jaw or back pain with sweating or sickness)", 2,
                ARM_JAW_ACHE, with_any=_SWEAT_OR_SICK, acute_only=True,
                condition=lambda p: p.age is None or p.age >= 25),
    RedFlagRule("meningism", 2, LAY_PHOTOPHOBIA, with_any=_STIFF_NECK_LAY, acute_only=True,
                current_only=True, condition=_not_usual_migraine),
    RedFlagRule("mottled skin (possible sepsis or shock)", 2, COLD_AND_MOTTLED, acute_only=True,
                current_only=True, match_ok=_mottled_ok),
    RedFlagRule("head injury with repeated vomiting or persistent headache", 2,
                REPEAT_VOMIT_OR_HEADACHE, with_any=HEAD_INJURY_LAY, acute_only=True,
                current_only=True, condition=_head_injury_now),
)
