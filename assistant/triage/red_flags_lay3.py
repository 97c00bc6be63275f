"""Lay wordings of existing red flags, third module (issue 21, tri13d): the ABSENCE of
something is the finding.

Wordings where a denial word ("isn't", "hasn't got", "can't feel", "didn't wake") carries the
emergency itself, so the denial-reading of the general rules hid them (acuity 4 in primary
care). Each rule reuses an existing red flag's name and acuity; the ``RedFlagRule`` machinery of
``red_flags`` (negation, chronic and dated-past guards) applies, and each trigger holds its own
negation (``own_polarity``). ``red_flags`` appends ``LAY3_RULES`` after ``LAY2_RULES`` (one
line), so import ``red_flags`` (or the triager), not this module, first. Every rule only adds
a red flag: none lowers a level.

1. No consciousness, no pulse, no waking to a shake (NHS "When to call 999": someone
   unconscious, not breathing, no pulse; AVPU "U") -> the existing ``unresponsive`` /
   ``cardiac or respiratory arrest`` flags (1); a past "wasn't conscious" or "not fully
   conscious" is read as "unconscious" / "barely conscious" are today (``altered mental
   status``, 2).
2. No feeling in the legs (as "can't feel my legs" / "loss of sensation in my legs" are read
   today), with or without a bladder or bowel change, no feeling around the bottom or genitals (NHS "Cauda equina syndrome": A&E now) -> ``possible spinal cord compression``
   (2); no strength in one arm, leg or side, new (NHS "Stroke": weakness on one side) ->
   ``stroke signs (FAST)`` (2).
3. No urine or no wet nappy for a stated time, or fewer wet nappies (NHS "Dehydration": ask
   for an urgent GP appointment or call 111 if you have not peed all day or a baby has fewer
   wet nappies; NICE NG143 fever in under 5s: reduced urine output is an amber feature) ->
   a new flag at acuity 3 (urgent care, not 999/A&E: the source's own level). Where another
   reader already gives more (a retention condition, the child sepsis rule), that stays.
5. (trifix14a) The same absence told with a perfect or past auxiliary: "he hasn't been
   breathing", "she hasn't been conscious / responding", "he hasn't responded", "he didn't
   wake", "she won't open her eyes", "there's no breathing" (NHS "When to call 999": someone
   unconscious, not breathing or has stopped breathing; Resuscitation Council UK: unresponsive
   and not breathing normally) -> the existing ``cardiac or respiratory arrest`` /
   ``unresponsive`` flags (1), as "isn't breathing" / "won't wake up" are read today. A person
   subject only (no pet, phone or surgery), the clause ending there or naming the stimulus
   ("to me", "to his name"); not a treatment, a message, a sleep habit, a transient spell
   ("for a minute but is fine now") nor "breathing through his nose". "Hasn't been breathing
   properly" (no arrest word: NHS "Shortness of breath") -> ``shortness of breath`` (3).
4. (tri14b) An adult not able to pass urine since a stated time, or with none since yesterday
   or all day (NHS "Urinary retention": A&E; NHS "Dehydration") -> a new flag at 2, as the
   knowledge base's acute urinary retention reads "not passed urine for 24 hours".
"""
from __future__ import annotations

import re

from assistant.triage.parse import NO_RESPONSE_PERSONS, Presentation
from assistant.triage.red_flags import RedFlagRule, _rx, _sentence_at, guard

_NEG_BE = (r"(?:isn'?t|isn\u2019t|is not|'s not|\u2019s not|aren'?t|are not|'re not|"
           r"still not|not)")

# ---- 1. no consciousness, no pulse, no waking ----
# "he isn't conscious", "she's not conscious", "patient not conscious", "still not conscious";
# not "conscious of / about / that" (aware: "he isn't conscious of his weight", "not conscious
# of any change"), nor "self-conscious" / "not a conscious decision"
_NOT_AWARE = r"(?!\s+(?:of|about|that|enough|decision|choice|effort|thought|mind|level)\b)"
NOT_CONSCIOUS_NOW = _rx(
    _NEG_BE + r" (?:at all )?(?<!self-)(?<!self )conscious\b" + _NOT_AWARE,
    r"(?:hasn'?t|has not|haven'?t|have not|still not|not yet) (?:fully |properly )?"
    r"(?:regained consciousness|come (?:a)?round(?=\s*(?:$|[.,;!?]|since|after|from|yet|"
    r"properly|fully)))")
# a past or partial state: as "was unconscious" / "barely conscious" are read (altered mental
# status, 2)
NOT_CONSCIOUS_PART = _rx(
    r"(?:wasn'?t|was not|weren'?t|were not) (?:fully |properly )?(?<!self-)conscious\b" + _NOT_AWARE,
    _NEG_BE + r" (?:fully|properly|totally|completely) conscious\b" + _NOT_AWARE)

# "he hasn't got a pulse", "doesn't have a pulse", "I can't feel / find a pulse": a pulse
# looked for in someone else. "My pulse" is the speaker's own (a person who speaks has a
# circulation: "I can't feel my pulse in my neck when I try but I'm fine" is no arrest), and a
# pulse in a foot or leg or on a device is another question (limb, not arrest).
NO_PULSE = _rx(
    r"(?:hasn'?t|has not|haven'?t|have not|doesn'?t|does not|don'?t|do not) (?:got |have |seem to "
    r"have )?(?:a|any) pulse\b",
    r"(?:can'?t|cannot|can not|couldn'?t|could not|unable to|not able to) (?:feel|find|get|detect) "
    r"(?:a|any|his|her|their|the) (?:\w+ )?pulse\b")
_PULSE_ELSEWHERE = re.compile(
    r"\b(?:in|on|at) (?:my|his|her|their|the) (?:foot|feet|toes?|ankles?|legs?|groin|watch|app|"
    r"phone|monitor)\b|\b(?:watch|app|fitbit|oximeter|monitor|machine)\b|\bmy (?:own )?pulse\b|"
    r"\bin my\b", re.I)


def _pulse_ok(text: str, m: re.Match[str]) -> bool:
    after = text[m.start():m.end() + 40]
    return not guard("rf:pulse_elsewhere", _PULSE_ELSEWHERE.search(after) is not None)


# "he didn't wake up when I shook him", "she wouldn't wake even when we shouted": a stimulus
# tried and no waking (NICE NG143 red: does not wake when roused; AVPU "U"); not "didn't wake up
# until 10 because he was tired" (no stimulus)
NO_WAKE_TO_STIMULUS = _rx(
    r"(?:didn'?t|did not|wouldn'?t|would not|doesn'?t|does not|hasn'?t|has not|won'?t|will not) "
    r"(?:even )?(?:wake|woken|woke|stir|rouse)(?: up)?,? (?:even )?(?:when|after|though|although|"
    r"if|despite|as) (?:[\w'\u2019]+ ){0,3}?(?:shook|shake|shakes|shaking|shaken|shouted|shouting|"
    r"yelled|yelling|pinched|pinching|nudged|splashed|rubbed|prodded|tapped|picked)\b")
# "she hasn't woken up since she hit her head / the fall / the fit / took the pills": still not
# awake after an event that can take consciousness (NHS "When to call 999"; NICE NG232 head
# injury); not "since her nap" (no such event)
NO_WAKE_SINCE_EVENT = _rx(
    r"(?:hasn'?t|has not|haven'?t|have not|still not|not) (?:woken|woke|waked|wakened|been awake)"
    r"(?: up)? (?:properly |fully )?since (?:[\w'\u2019]+ ){0,3}?(?:hit|hitting|fell|fall|fallen|"
    r"banged|bumped|knocked|collaps\w*|faint\w*|passed out|blacked out|fit|fitted|fitting|seizure|"
    r"convuls\w*|took|taken|accident|crash|overdos\w*|injur\w*|drank|drinking|pills|tablets)\b")
_WOKE_AFTER = _rx(r"(?:then|eventually|finally|but|and) (?:he |she |they |it )?(?:woke|came round|"
                  r"opened (?:his|her|their) eyes)", r"(?:is|'s|are|'re) (?:now )?(?:awake|fine|ok|"
                  r"okay) now", r"now (?:awake|fine|ok|okay)")


def _no_wake_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    return not guard("rf:woke_after", _WOKE_AFTER.search(sent) is not None)


# ---- 2. no feeling in the legs with a bladder change; no strength on one side ----
_NO_FEELING = (r"(?:(?:don'?t|do not|doesn'?t|does not|haven'?t|hasn'?t|have not|has not|can'?t|"
               r"cannot) (?:have |got |feel )?(?:any |much )?|(?:have|has|got|with|there'?s) no |"
               r"lost (?:all )?(?:the )?)(?:feeling|sensation)")
NO_LEG_FEELING = _rx(_NO_FEELING + r" (?:in|of) (?:my|his|her|their|both|the)? ?(?:both )?"
                     r"(?:legs|lower legs|feet and legs)\b")
# NHS "Cauda equina syndrome": numbness around the bottom, genitals or inner thighs -> A&E
NO_SADDLE_FEELING = _rx(_NO_FEELING + r" (?:in|around|of) (?:my|his|her|their|the)? ?(?:bottom|"
                        r"bum|backside|anus|back passage|genitals|private parts|saddle area|"
                        r"inner thighs)\b")
# "I haven't got any strength in my left arm", "no power in his right leg", "lost the strength
# in my left hand": one side (NHS "Stroke": weakness or numbness on one side)
NO_STRENGTH_ONE_SIDE = _rx(
    r"(?:(?:don'?t|do not|doesn'?t|does not|haven'?t|hasn'?t|have not|has not|can'?t|cannot) "
    r"(?:have |got |get |feel )?(?:any |much )?|(?:have|has|got|with|there'?s) no |lost (?:all )?"
    r"(?:the |my |his |her )?)(?:strength|power|grip) (?:in|on|down) (?:my|his|her|their|the) "
    r"(?:left|right|one) (?:arm|leg|hand|side)\b",
    r"(?:(?:haven'?t|hasn'?t|have not|has not|don'?t|doesn'?t) (?:got |have )?(?:any |much )?|"
    r"(?:have|has|got) no |lost (?:all )?(?:the )?)(?:strength|power) (?:in|on|down) one side")
# a local cause told in the sentence: an injury, an operation, a cast (NHS "Stroke" is the
# unexplained weakness)
_LOCAL_CAUSE = _rx(r"broke\w*", r"broken", r"fractur\w*", r"surgery", r"operation", r"op\b",
                   r"injur\w*", r"sprain\w*", r"dislocat\w*", r"\bcast\b", r"sling", r"gym",
                   r"work ?out", r"lifting", r"weights", r"frozen shoulder", r"tendon\w*",
                   r"physio\w*", r"since (?:the|my|his|her) (?:stroke|fall)")


def _one_side_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    return not guard("rf:weak_local_cause", _LOCAL_CAUSE.search(sent) is not None)


# ---- 3. no urine or no wet nappy for a stated time ----
# (a stated stretch: "since I got up" or "since lunch" is a few hours, not "all day")
#: the new flag (NHS "Dehydration": urgent GP / 111; NICE NG143 amber: reduced urine output)
NO_URINE_FLAG = "no urine or wet nappies for hours (possible dehydration)"
# six hours or more, or a day (NHS "Dehydration": "not peed all day"; "for 3 hours" is not it)
_LONG = (r"(?:(?:[6-9]|[1-9]\d)|six|seven|eight|nine|ten|eleven|twelve|fourteen|sixteen|eighteen|"
         r"twenty[- ]?four|several|many) (?:hours?|hrs?)|(?:\d+|a|an|one|two|three|several|a few) days?|a day")
_TIME_SPAN = (r"(?:since (?:yesterday|last night|(?:this|the) morning|breakfast|\d+ ?(?:am|pm|o'?clock)|"
              r"(?:\w+ )?(?:hours?|days?) ago)|all day|all night|all morning|all afternoon|today|for (?:over |more than |"
              r"nearly |about |almost )?" + _LONG + r"|in (?:over |more than |nearly |about |almost |the "
              r"(?:last|past) )?" + _LONG + r"|in "
              r"(?:the )?(?:last|past) (?:day|\d+ hours?|few hours|twenty[- ]four hours))\b")
NO_URINE = _rx(
    r"(?:hasn'?t|has not|haven'?t|have not|hadn'?t|had not|not|didn'?t|did not) (?:yet )?"
    r"(?:passed (?:any )?(?:urine|water)|pass(?:ed)? (?:any )?(?:urine|water)|peed|pee'?d|pee|wee|"
    r"weed|wee'?d|urinated?|had (?:a|any) (?:wee|pee)s?|done (?:a|any) (?:wee|pee)s?|had (?:a|any) "
    r"wet (?:nappy|nappies|diapers?)|(?:had|got) (?:a |any )?wet (?:nappy|nappies|diapers?)) "
    r"(?:[\w'\u2019]+ ){0,2}?" + _TIME_SPAN,
    r"no (?:wet )?(?:nappies|nappy|diapers?) (?:have been |has been |were |was )?(?:wet )?"
    r"(?:[\w'\u2019]+ ){0,1}?" + _TIME_SPAN,
    r"no wet (?:nappies|nappy|diapers?)\b",
    r"(?:fewer|less|not as many|not many) wet (?:nappies|nappy|diapers?)\b")

# a child told well in the same sentence ("he's fine and drinking well", "feeding well and
# playing"): NICE NG143 reads reduced urine output with the child's state; a well, drinking
# child is not the amber picture
_TOLD_WELL = _rx(r"drinking (?:well|fine|normally|plenty|lots)", r"feeding (?:well|fine|normally)",
                 r"(?:he|she|they)(?:'s|\u2019s| is| are|'re) (?:otherwise )?(?:fine|well|ok|okay)\b",
                 r"playing\b")


def _urine_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    return not guard("rf:no_urine_told_well", _TOLD_WELL.search(sent) is not None)


# ---- 4. (tri14b) an adult unable to pass urine since a stated time ----
# NHS "Urinary retention": go to A&E if you suddenly cannot pee (acute retention, with pain and
# swelling of the lower tummy); NHS "Dehydration" (adults: call 999 or go to A&E if you have
# not peed for 8 hours or all day); NICE CKS "LUTS in men": acute retention is an immediate
# referral. The knowledge base's urinary_retention reads "not passed urine for 24 hours" (the
# word "hours") and urinary_retention_lay "can't pee at all" (emergency, 2), but "hasn't passed
# urine since yesterday", "haven't been able to pee since this morning" and "not been able to
# wee since last night" stayed at this module's dehydration flag (3) or routine (4). Read as
# the knowledge base reads them: not ABLE to pass urine since any stated time, or no urine at
# all since yesterday / all day / for a day or 8 hours or more. An adult only (16 or over, or
# no age and no child, baby or nappy named): a child's no wee keeps the dehydration reading
# above (NICE NG143 amber: reduced urine output). Not a bladder that passes urine "fine", a
# weak stream ("can't wee much / properly"), stinging or burning when peeing (cystitis: the
# knowledge base's own "not" list), a shy bladder, no toilet to hand, nor a person on dialysis
# or with a catheter, stoma or known kidney failure (a known state, their own team's matter).
RETENTION_FLAG = "unable to pass urine (possible acute urinary retention)"
_SINCE_ANY = (r"(?:since (?:yesterday|last night|(?:this|the) (?:morning|afternoon|evening)|"
              r"breakfast|lunch|lunchtime|dinner|tea|teatime|midday|noon|\d{1,2}(?:[.:]\d\d)? ?"
              r"(?:am|pm|o'?clock)|(?:\w+ )?(?:hours?|days?) ago|(?:i|he|she|they) (?:woke|got up)|"
              r"(?:my|his|her|their|the) (?:operation|op|surgery|procedure|epidural)|last (?:night|evening)|"
              r"(?:the |my |his |her )?catheter (?:removal|was removed|came out|was taken out|"
              r"(?:was )?taken out))|"
              r"all (?:day|night|morning|afternoon|evening)|overnight|today|for (?:over |more than |"
              r"nearly |about |almost |around |the (?:last|past) )?(?:\d+|a few|several|many|two|"
              r"three|four|five|six|seven|eight|nine|ten|twelve|a couple of|an?) (?:hours?|hrs?|"
              r"days?)|in (?:over |more than |nearly |about |almost |the (?:last|past) )?(?:\d+|a "
              r"few|several|many|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty[- ]?"
              r"four|a couple of|an?) (?:hours?|hrs?|days?))\b")
_SINCE_LONG = (r"(?:since yesterday|all day|for (?:over |more than |nearly |about |almost |around "
               r"|the (?:last|past) )?(?:(?:[89]|[1-9]\d)|eight|nine|ten|eleven|twelve|fourteen|"
               r"sixteen|eighteen|twenty[- ]?four|(?:\d+|a|an|one|two|three|several|a few|a "
               r"couple of) days?|a day|a whole day|24) ?(?:hours?|hrs?)?|in (?:over |more than |the "
               r"(?:last|past) )?(?:(?:[89]|[1-9]\d)|eight|twelve|twenty[- ]?four|24) (?:hours?|hrs?)|"
               r"in (?:over |more than |the (?:last|past) )?(?:a|one|two|\d+) days?)\b")
URINE_RETENTION = _rx(
    # "haven't been able to pee since this morning", "can't pee since last night", "not been
    # able to pass urine since 6am", "unable to wee for 10 hours"
    r"(?:can'?t|can\u2019t|cannot|can not|couldn'?t|couldn\u2019t|could not|unable to|not able "
    r"to|(?:haven'?t|hasn'?t|hadn'?t|haven\u2019t|hasn\u2019t|have not|has not|had not|not) "
    r"(?:been able to|managed to))(?: (?:even|really|actually))? (?:pass (?:any )?(?:urine|water)|"
    r"urinate|void|pee|wee|go for a (?:wee|pee)|have a (?:wee|pee)|do a (?:wee|pee))(?: (?:at all|a "
    r"drop|anything))?(?! (?:much|properly|very much|as much|as often|without|in public|in front|"
    r"when|while|because|fully|normally|well|easily|straight|on demand|for the sample|into))"
    r",? (?:[\w'\u2019]+ ){0,2}?" + _SINCE_ANY,
    # "hasn't passed urine since yesterday", "haven't had a wee all day", "not peed for 12 hours"
    r"(?:hasn'?t|haven'?t|hadn'?t|hasn\u2019t|haven\u2019t|has not|have not|had not|not|didn'?t|did "
    r"not) (?:yet )?(?:passed (?:any )?(?:urine|water)|peed|pee'?d|weed|wee'?d|urinated|had (?:a|"
    r"any) (?:wee|pee)s?|done (?:a|any) (?:wee|pee)s?|been (?:for a|able to) (?:wee|pee))(?: at all)?"
    r",? (?:[\w'\u2019]+ ){0,2}?" + _SINCE_LONG)
#: a child, a baby or a nappy named: the dehydration reading above stays
_CHILD_WORDS = _rx(r"bab(?:y|ies)\b", r"toddler", r"infant", r"newborn", r"child\w*", r"kids?\b",
                   r"son\b", r"daughter", r"boy\b", r"girl\b", r"little one", r"napp(?:y|ies)",
                   r"diapers?", r"\d+[- ](?:months?|weeks?|days?)[- ]old", r"grandson",
                   r"granddaughter", r"nephew", r"niece", r"pupil", r"school")
_RETENTION_OTHER = _rx(
    r"(?:can|could) (?:pass urine|pee|wee|urinate) (?:fine|normally|ok|okay)",
    r"(?:sting\w*|burn\w*) (?:\w+ )?when (?:i |he |she |they )?(?:wee|pee|pass urine|urinate)",
    r"shy bladder", r"paruresis", r"in public", r"public (?:toilets?|loos?)",
    r"no (?:toilets?|loos?|bathroom)", r"(?:toilets?|loos?|bathroom) (?:\w+ ){0,2}(?:closed|"
    r"out of order|engaged)", r"dialysis", r"anuri\w*", r"(?:kidney|renal) failure",
    # a catheter in place (one removed and no urine since is the retention itself: a failed
    # trial without catheter)
    r"(?:have|has|got|with|wearing|in) (?:a |an |my |his |her |the )?(?:\w+ )?catheter\b"
    r"(?! (?:out|removed|taken out))", r"catheter bag", r"stoma", r"urostomy", r"nephrostomy", r"fasting|nil by mouth",
    # (trifix14b) a sample pot, not the bladder ("couldn't pee ... because the sample pot was too
    # small"); urine passed since ("had a drink now and went, fine", "then I managed one")
    r"(?:sample|specimen) (?:pot|bottle|jar|container|tube|cup)s?", r"(?:pot|bottle) for (?:the|a|my) "
    r"(?:urine )?sample",
    r"(?:now|then|and|finally|eventually|later|since) (?:i |he |she |they )?(?:went|'ve been|have been|"
    r"managed (?:to go|one|it|a (?:wee|pee))|did (?:one|a wee|a pee)|peed|weed|passed (?:some |a little )?"
    r"(?:urine|water)|been able to (?:go|pee|wee))\b(?! to\b)")
#: (trifix14b) an animal's bladder ("my dog hasn't been able to pee since this morning", "my cat
#: can't pee since yesterday"): not the patient's (a vet's matter, NHS 111 does not assess pets)
_RETENTION_ANIMAL = re.compile(
    r"\b(?:dogs?|cats?|pupp(?:y|ies)|kittens?|pets?|rabbits?|bunn(?:y|ies)|hamsters?|guinea pigs?|"
    r"horses?|pony|ponies|ferrets?|tortoises?|birds?|budgies?|parrots?|rats?|mice|gerbils?)"
    r"(?:['\u2019]s)?\s+(?:[\w'\u2019]+\s+){0,2}$", re.I)
#: (trifix14b) "feel fine" with no lower tummy pain or swelling: NHS "Urinary retention" (acute
#: retention is painful, with the lower tummy swollen); no companion keeps the level the text had
#: before tri14b
_RETENTION_FINE = _rx(r"(?:feel|feels|feeling|felt|i.m|i am|otherwise) (?:absolutely |completely |"
                      r"totally |perfectly |otherwise )?(?:fine|ok|okay|well|alright|all right|good)\b")
_RETENTION_PAIN = _rx(r"swell\w*", r"swollen", r"bulg\w*", r"distend\w*", r"bloat\w*", r"agony",
                      r"pain\w*", r"hurt\w*", r"ache\w*", r"aching", r"tender\w*", r"desperate",
                      r"bursting", r"cramp\w*", r"fever\w*", r"confus\w*", r"vomit\w*", r"shiver\w*")
#: (trifix14b) cystitis told with the difficulty ("only dribbles and burning", "stinging when I
#: try"): NICE CKS "Urinary tract infection (lower)" -- a same-day matter (3), not retention's
#: A&E, unless the lower tummy is painful or swollen
_RETENTION_UTI = _rx(r"sting\w*", r"burn\w*", r"cystitis", r"uti\b", r"utis\b",
                     r"(?:water|urine|urinary|bladder) infection")
RETENTION_UTI_FLAG = "difficulty passing urine with stinging or burning (possible urine infection)"


def _retention_base_ok(p: Presentation) -> bool:
    """An adult (or no age and no child named), no other reason told for no urine, and not
    "feel fine" with no pain or swelling told."""
    if p.age is not None and p.age < 16:
        return False
    if p.age is None and _CHILD_WORDS.search(p.text) is not None:
        return False
    return not guard("rf:retention_other", _RETENTION_OTHER.search(p.text) is not None
                     or (_RETENTION_FINE.search(p.text) is not None
                         and _RETENTION_PAIN.search(p.text) is None))


def _retention_cystitis(p: Presentation) -> bool:
    return guard("rf:retention_cystitis", _RETENTION_UTI.search(p.text) is not None
                 and _RETENTION_PAIN.search(p.text) is None)


def _retention_ok(p: Presentation) -> bool:
    """As :func:`_retention_base_ok`, and not cystitis told with it (graded 3 by its own rule)."""
    return _retention_base_ok(p) and not _retention_cystitis(p)


def _retention_match_ok(text: str, m: re.Match[str]) -> bool:
    """The no-urine phrase is not told of an animal ("my dog hasn't been able to pee")."""
    return not guard("rf:retention_animal",
                     _RETENTION_ANIMAL.search(text, max(0, m.start() - 40), m.start()) is not None)


# ---- 5. (trifix14a) the absence told with a perfect or past auxiliary ----
# who: a person word (parse's list, less "they": "they haven't responded" is as often a surgery
# or a firm) just before the verb group, or before "and / but" with no animal, device or
# organisation named between ("my husband collapsed and hasn't responded")
_NOT_SUBJECT = (r"dog|dogs|cat|cats|puppy|kitten|pet|rabbit|hamster|guinea pig|horse|bird|parrot|"
                r"tortoise|snake|fish|phone|laptop|computer|app|alarm|gp|doctor|surgery|practice|"
                r"receptionist|office|company|council|school|landlord|boss|email|text|message")
_PERSON = (r"(?:" + "|".join(w for w in NO_RESPONSE_PERSONS if w != "they") + r")")
_SUBJ = (r"(?:\b" + _PERSON + r"(?:'s|\u2019s)?\s+(?:just |still |really |now )?|\b" + _PERSON
         + r"\b(?:(?!\b(?:" + _NOT_SUBJECT + r")\b)[^.;!?\n]){0,60}?\b(?:and|but) "
         r"(?:just |still |really |now )?)")
_PERF = r"(?:hasn'?t|hasn\u2019t|has not|hadn'?t|hadn\u2019t|had not|haven'?t|have not)"
_NEG_DO = (r"(?:didn'?t|didn\u2019t|did not|won'?t|won\u2019t|will not|wouldn'?t|would not|"
           r"can'?t|can\u2019t|cannot|couldn'?t|could not)")
_NEG_PAST = (r"(?:didn'?t|didn\u2019t|did not|can'?t|can\u2019t|cannot|couldn'?t|could not)")
# the clause ends there, or goes on with a time that keeps it now ("since the fall", "when I
# found her", "at all"); not "yet" (a reply or a sleeper awaited), "for a minute", "at night", "to his antibiotics", "through his nose"
_CLAUSE_END = (r"(?=\s*(?:$|[.,;:!?\n]|(?:and|but|so|or|now|at all|since|when|even|anymore|any "
               r"more)\b))")
# "to me", "to his name", "to shaking": the stimulus, not a treatment, a message or a call
_TO_STIMULUS = (r" to (?:me|us|anyone|anybody|anything|him|her|them|(?:my|his|her|our|their|your) "
                r"(?:voice|name|touch)|voice|pain|touch|(?:being )?shak\w*|sounds?|noise|"
                r"(?:his|her|their) name)\b")
ABSENT_BREATHING_AUX = _rx(
    # "he hasn't been breathing.", "she hadn't been breathing when I found her"
    _PERF + r" (?:been )?breath(?:ing|ed)(?: at all)?(?:" + _CLAUSE_END + r"| for "
    r"(?:about |over |more than |a few |a couple of |\d+ |one |two |three |four |five |ten )?"
    r"(?:minutes?|mins?|seconds?|secs?)\b)")
ABSENT_NO_BREATHING = _rx(
    # "there's no breathing", "no breathing at all" (a noun after it is a symptom list: "no
    # breathing problems / difficulty")
    r"(?:there'?s|there\u2019s|there is|there was|and|but|with|has|had) no (?:signs? of )?"
    r"breathing(?: at all)?" + _CLAUSE_END)
ABSENT_RESPONSE_AUX = _rx(
    # "she hasn't been conscious / responding / responsive / awake."
    _PERF + r" (?:been )?(?:conscious|responding|responsive|awake)" + _CLAUSE_END,
    # "he hasn't responded.", "she didn't respond to me", "he didn't wake.", "he won't wake",
    # "she hasn't opened her eyes", "he won't open his eyes"
    # (lay11 pins) "won't / wouldn't respond" is a refusal as often as a state ("my teenager
    # won't respond, he's sulking"): respond only after a perfect or a past / can't form
    r"(?:" + _PERF + r"|" + _NEG_PAST + r") (?:even |really )?respond(?:ed)?"
    r"(?:" + _CLAUSE_END + r"|" + _TO_STIMULUS + r")",
    r"(?:" + _PERF + r"|" + _NEG_DO + r") (?:even |really )?(?:"
    r"(?:woken|wake|woke|waken(?:ed)?)(?: up)?|open(?:ed)? (?:his|her|their) eyes)"
    r"(?:" + _CLAUSE_END + r"|" + _TO_STIMULUS + r")")
# "he fainted and won't come round" (NHS "Fainting": call 999 if someone does not wake up):
# only with the event told ("she won't come round tonight" is a visit)
ABSENT_COME_ROUND = _rx(r"(?:" + _PERF + r"|" + _NEG_DO + r") (?:come|came) (?:a)?round"
                        + _CLAUSE_END)
_LOC_EVENT = _rx(r"collaps\w*", r"faint\w*", r"passed out", r"blacked out", r"knocked out",
                 r"fits?\b", r"fitting", r"seizure\w*", r"convuls\w*", r"fell", r"fall(?:en)?\b",
                 r"hit (?:his|her|their) head", r"head injury", r"overdos\w*", r"unconscious")
# "hasn't been breathing properly / right / normally": a breathing difficulty, not an arrest
# (NHS "Shortness of breath": urgent GP or 111; 999 if sudden and severe)
BREATHING_NOT_RIGHT_AUX = _rx(
    _PERF + r" (?:been )?breathing (?:properly|right|normally|well)\b")
# what follows in the clause: a message, a treatment, a sleep habit, an eye cause
_AUX_OTHER = _rx(r"text\w*", r"email\w*", r"messag\w*", r"whatsapp", r"calls?\b", r"called",
                 r"rang", r"phone\w*", r"letters?\b", r"treatment", r"antibiotic\w*",
                 r"paracetamol", r"ibuprofen", r"medic\w*", r"meds\b", r"tablets?\b",
                 r"inhaler", r"steroids?", r"feeds?\b", r"feeding", r"nap\w*", r"bed\s?time",
                 r"night", r"morning", r"alarm", r"through (?:his|her|their|the) (?:nose|mouth)")
_EYE_CAUSE = _rx(r"sticky", r"crust\w*", r"conjunctiv\w*", r"swollen", r"swelling", r"sore eyes?",
                 r"(?:eye|eyes) (?:is|are) (?:sore|red|swollen|stuck|itchy)", r"light", r"sun\w*",
                 r"bright", r"shampoo", r"soap", r"chlorine", r"sand", r"stung", r"sting\w*",
                 r"cry\w*", r"tantrum", r"(?:pretend|refus|play)\w*")


# the subject is read from the words just before the match (the patterns start at the
# auxiliary, so a long run of person words costs one short look-back per match only)
_SUBJ_BEFORE = re.compile(r"(?:" + _SUBJ + r")\Z", re.I)


def _aux_absent_ok(text: str, m: re.Match[str]) -> bool:
    if _SUBJ_BEFORE.search(text[max(0, m.start() - 90):m.start()]) is None:
        return False
    return _aux_absent_context_ok(text, m)


# a message or call told anywhere in the sentence ("I messaged my son and he hasn't
# responded", "I emailed my GP and he hasn't responded"): a reply awaited, not a person down
_MESSAGE = _rx(r"text\w*", r"e-?mail\w*", r"messag\w*", r"whatsapp\w*", r"\bdm\w*", r"letters?\b",
               r"invit\w*", r"repl(?:y|ies|ied)", r"voicemail", r"ask(?:ed)? (?:him|her|them)")

# a treatment named in the words before a "has not responded" (a note's treatment failure)
_TREATMENT_BEFORE = _rx(r"\d+ ?(?:mg|mcg|micrograms?|g|ml)\b", r"dos(?:e|es|age|ages|ing)\b",
                        r"treat\w*", r"therap\w*", r"medication\w*", r"antibiotic\w*",
                        r"tablets?\b", r"trial of", r"chemo\w*", r"steroids?\b", r"inhaler",
                        r"paracetamol", r"ibuprofen", r"calpol", r"cream", r"injections?\b")


def _aux_absent_context_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    after = text[m.end():m.end() + 60]
    if guard("rf:aux_absent_other", _AUX_OTHER.search(after) is not None):
        return False
    if "respon" in m.group(0).lower() and guard("rf:aux_absent_message",
                                                _MESSAGE.search(sent) is not None):
        return False
    # a treatment told just before ("on Clozaril 1200 mg ... However, he has not responded"):
    # a treatment that failed, unless a loss of consciousness is told with it
    if ("respon" in m.group(0).lower()
            and _TREATMENT_BEFORE.search(text[max(0, m.start() - 200):m.start()]) is not None
            and guard("rf:aux_absent_treatment", _LOC_EVENT.search(sent) is None)):
        return False
    if "eyes" in m.group(0).lower() and guard("rf:aux_eye_cause",
                                              _EYE_CAUSE.search(sent) is not None):
        return False
    return _no_wake_ok(text, m)


def _come_round_ok(text: str, m: re.Match[str]) -> bool:
    sent = _sentence_at(text, m.start())
    return _LOC_EVENT.search(sent) is not None and _aux_absent_ok(text, m)


LAY3_RULES: tuple[RedFlagRule, ...] = (
    RedFlagRule("unresponsive", 1, NOT_CONSCIOUS_NOW, current_only=True, own_polarity=True),
    RedFlagRule("altered mental status", 2, NOT_CONSCIOUS_PART, acute_only=True,
                current_only=True, own_polarity=True),
    RedFlagRule("cardiac or respiratory arrest", 1, NO_PULSE, current_only=True,
                match_ok=_pulse_ok, own_polarity=True),
    RedFlagRule("unresponsive", 1, NO_WAKE_TO_STIMULUS, current_only=True, match_ok=_no_wake_ok,
                own_polarity=True),
    RedFlagRule("unresponsive", 1, NO_WAKE_SINCE_EVENT, current_only=True, match_ok=_no_wake_ok,
                own_polarity=True),
    # read as "can't feel my legs" / "loss of sensation in my legs" are today (2, no bladder
    # companion needed: "... and can't control my bladder" fires it too)
    RedFlagRule("possible spinal cord compression", 2, NO_LEG_FEELING, acute_only=True,
                own_polarity=True),
    RedFlagRule("possible spinal cord compression", 2, NO_SADDLE_FEELING, acute_only=True,
                own_polarity=True),
    RedFlagRule("stroke signs (FAST)", 2, NO_STRENGTH_ONE_SIDE, acute_only=True,
                current_only=True, match_ok=_one_side_ok, own_polarity=True),
    RedFlagRule(NO_URINE_FLAG, 3, NO_URINE, current_only=True, match_ok=_urine_ok,
                own_polarity=True),
    # (tri14b) an adult unable to pass urine since a stated time, or none since yesterday
    RedFlagRule(RETENTION_FLAG, 2, URINE_RETENTION, acute_only=True, current_only=True,
                match_ok=_retention_match_ok, condition=_retention_ok, own_polarity=True),
    # (trifix14b) the same with stinging or burning and no pain or swelling: cystitis (3)
    RedFlagRule(RETENTION_UTI_FLAG, 3, URINE_RETENTION, acute_only=True, current_only=True,
                match_ok=_retention_match_ok,
                condition=lambda p: _retention_base_ok(p) and _retention_cystitis(p),
                own_polarity=True),
    # (trifix14a) the absence told with a perfect or past auxiliary
    RedFlagRule("cardiac or respiratory arrest", 1, ABSENT_BREATHING_AUX, current_only=True,
                match_ok=_aux_absent_ok, own_polarity=True),
    RedFlagRule("cardiac or respiratory arrest", 1, ABSENT_NO_BREATHING, current_only=True,
                match_ok=_aux_absent_context_ok, own_polarity=True),
    RedFlagRule("unresponsive", 1, ABSENT_RESPONSE_AUX, current_only=True,
                match_ok=_aux_absent_ok, own_polarity=True),
    RedFlagRule("unresponsive", 1, ABSENT_COME_ROUND, current_only=True,
                match_ok=_come_round_ok, own_polarity=True),
    RedFlagRule("shortness of breath", 3, BREATHING_NOT_RIGHT_AUX, acute_only=True,
                current_only=True, match_ok=_aux_absent_ok, own_polarity=True),
)
