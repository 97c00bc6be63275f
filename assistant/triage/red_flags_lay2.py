"""Lay wordings of existing red flags, second module (issue 21, tri13a).

Four classes the lay rules under-read (acuity 4 in primary care where the NHS says 999), each an
existing red flag (same name, same acuity) read in everyday words; the ``RedFlagRule``
machinery of ``red_flags`` (negation, chronic and dated-past guards) applies. ``red_flags``
appends ``LAY2_RULES`` after ``LAYGAP_RULES`` (one line), so import ``red_flags`` (or the
triager), not this module, first. Every rule only adds a red flag: none lowers a level.

1. A fit told with a denial of epilepsy or of earlier fits ("he had a fit, he isn't
   epileptic", "I've never had a seizure before and I just had one").
2. Numbness or weakness of the face and an arm together that came on and went (a TIA).
3. Crushing-chest similes with the heavy thing "on" the chest and no verb, or "on it".
4. Breathlessness that cuts speech to a few words, told by the pause for breath.
5. (tri14b) Lips or tongue still blue or grey ("better now but lips still blue").

(tri14b) The crushing-chest simile also reads the chest said to be like the weight or the vice
itself ("chest like a weight", "my chest is like a vice"); the fit rule's pet guard no longer
reads a PET scan or a computer mouse as an animal; the per-match checks are linear (below).
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from typing import Any, cast

from assistant.triage import red_flags as _rf
from assistant.triage.parse import Presentation
from assistant.triage.red_flags import (
    _BLUE_COLOUR,
    _BLUE_DYE,
    _BLUE_RESOLVED,
    _BREATH_DANGER,
    _SENTENCE,
    RedFlagRule,
    _rx,
    guard,
)
from assistant.triage.red_flags_lay import (
    _KNOWN_EPILEPSY,
    _NOT_IDIOM,
    _SPREAD_OR_SWEAT,
    _band_ok,
    _crushed_simile_ok,
    _crushing_ok,
    _first_fit_ok,
)

# ---- (tri14b) linear per-match checks ----
# A rule's match check runs per trigger match after the generic checks of ``_find_trigger``
# (negation, history, chronic course, dated past), each of which reads the match's whole
# sentence: on a long unpunctuated text ("my dog had a fit my dog had a fit ...", 20,000
# characters) every match the check rejects cost one sentence scan per generic check, so
# the rule was quadratic (fit rule 7 s, TIA rules 4-11 s). The sentence offsets and what each
# check reads in a sentence are now computed once per text and sentence, and a rule's own
# match check is applied first (``_Prefiltered``); every check is a pure filter of the same
# match, so the match found is the same. During the guard audit (``GUARD_LOG`` / ``GUARDS_OFF``
# set) the trigger is scanned as before, so the audit logs exactly what it logged.


@functools.lru_cache(maxsize=8)
def _sentence_spans(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The starts and ends of ``red_flags._SENTENCE``'s matches in ``text``."""
    spans = [m.span() for m in _SENTENCE.finditer(text)]
    return tuple(a for a, _ in spans), tuple(b for _, b in spans)


def _sent_span(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the sentence holding ``pos`` (as ``red_flags._sentence_match``), or None."""
    starts, ends = _sentence_spans(text)
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos < ends[i]:
        return starts[i], ends[i]
    return None


@functools.lru_cache(maxsize=4096)
def _found_in(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether ``pattern`` finds anything in ``text[start:end]`` (cached per sentence)."""
    return pattern.search(text[start:end]) is not None


def _in_sentence(pattern: re.Pattern[str], text: str, pos: int) -> bool:
    """Whether ``pattern`` finds anything in the sentence holding ``pos``."""
    span = _sent_span(text, pos)
    return _found_in(pattern, text, *span) if span else pattern.search("") is not None


@functools.lru_cache(maxsize=64)
def _found_in_text(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


class _Prefiltered:
    """A trigger whose ``finditer`` yields only the matches ``keep`` accepts (the rule's own
    match check, run again by ``_find_trigger``); every other attribute is the pattern's."""

    def __init__(self, pattern: re.Pattern[str], keep: Callable[[str, re.Match[str]], bool]):
        self._pattern = pattern
        self._keep = keep

    def finditer(self, text: str, *args: Any) -> Iterator[re.Match[str]]:
        it = self._pattern.finditer(text, *args)
        if _rf.GUARD_LOG is not None or _rf.GUARDS_OFF:
            return it
        return (m for m in it if self._keep(text, m))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)


def _prefiltered(pattern: re.Pattern[str],
                 keep: Callable[[str, re.Match[str]], bool]) -> re.Pattern[str]:
    return cast("re.Pattern[str]", _Prefiltered(pattern, keep))

# ---- 1. a fit with epilepsy or earlier fits denied ----
# NHS "What to do if someone has a seizure (fit)" / "Epilepsy": call 999 if it is the first
# time someone has had a seizure. A fit told now with "he isn't epileptic", "she doesn't have
# epilepsy", "no history of fits" or "never had one before" is a first seizure. The lay13 rule
# reads a relative's fit or "first fit" and sets aside any text naming epilepsy, so the denial
# itself ("not epileptic") hid the fit. Not a denial alone ("I've never had a seizure"), a fit
# idiom (tantrum, coughing, laughter: the lay13 match check), a dated fit, a known epilepsy or
# usual seizure, or a non-epileptic (dissociative) attack, a known condition of its own.
_EPILEPSY_DENIAL = _rx(
    r"(?:(?:is|'s|\u2019s|am|'m|\u2019m|are|was|were|has|have|'ve|\u2019ve) (?:not|never)|isn'?t|"
    r"isn\u2019t|aren'?t|aren\u2019t|wasn'?t|wasn\u2019t|weren'?t|weren\u2019t|hasn'?t|haven'?t) "
    r"(?:been )?(?:an? )?(?<!non-)(?<!non )epileptic",
    r"(?:does|do|did)(?:n'?t|n\u2019t| not) (?:\w+ )?have (?:any )?epilepsy",
    r"(?:has|have|had)(?:n'?t|n\u2019t| not| never)(?: \w+)? (?:got |been diagnosed with |had )?epilepsy",
    r"no (?:history|hx|past history|previous history|known history) of (?:epilepsy|seizures|fits|"
    r"convulsions)",
    r"no (?:known )?(?:epilepsy|previous (?:seizures|fits|convulsions))",
    r"not known to have (?:epilepsy|seizures|fits)",
    r"never (?:had|been diagnosed with) epilepsy",
    r"never had (?:a|one|any) (?:fit|seizure|convulsion)s?(?: (?:before|in (?:my|his|her|their) "
    r"life|until now|ever))?",
    r"never (?:fitted|seized|had one) before",
    r"no (?:fits|seizures|convulsions) before",
    r"(?:has|have|had)(?:n'?t|n\u2019t| not) (?:ever )?had (?:a|one|any) (?:fit|seizure|convulsion)s? "
    r"before")
#: the fit now: "had a fit / seizure", "having a seizure", "had one" (only with "never ...")
_FIT_TOLD = _rx(
    r"(?:had|having|has had|have had|'s had|\u2019s had|'ve had|\u2019ve had) (?:a|an|his|her|their|"
    r"my) (?:first |1st |big |bad |little |small |short |brief |sudden |massive |proper |full |"
    r"horrible |scary |funny )*(?:fit\b" + _NOT_IDIOM + r"|(?:seizure|seizre|siezure|seziure|"
    r"siezre|convulsion)\b(?! of\b))",
    r"(?:is|was|'s|\u2019s|are|were|been|started|starts|keeps|kept|still|now|began|begun) "
    r"(?:still |now |just )?(?:fitting|convulsing)\b(?! (?:in|into|room|for|of|to|well|up|out)\b)",
    r"convulsed\b",
    # "he fitted / seized for two minutes", "she fitted again": the verb told as an event
    r"(?:he|she|i|they|it|baby|son|daughter|child) (?:just |suddenly )?(?:fitted|seized)"
    r"(?=\s*(?:[.,;!?]|$|(?:and|again|just now|today|this morning|earlier|for (?:about |around |"
    r"over |nearly )?(?:\d+|a few|a couple of|several|one|two|three|five|ten) (?:seconds?|minutes?|"
    r"mins?))\b))")
#: "one" ends its clause or a time follows ("just had one drink", "had one of my headaches"
#: are not a fit)
_ONE_END = (r"one(?=\s*(?:[.,;:!?]|$|(?:and|but|so|today|now|just now|this|tonight|earlier|at|in "
            r"the|lasting|for|about|\d+|a few|(?:\w+ ){0,2}ago)\b))")
_HAD_ONE = _rx(r"(?:just|now|today|then|(?:this|last) (?:morning|afternoon|evening|night)) "
               r"(?:had|has had|'s had|\u2019s had|'ve had|\u2019ve had) " + _ONE_END,
               r"(?:has|have|'s|\u2019s|'ve|\u2019ve) (?:just )?had " + _ONE_END)
#: a non-epileptic (dissociative, functional) attack disorder is a known condition of its own;
#: a tantrum "fit" is no seizure (the lay13 idiom list has no tantrum)
_NON_EPILEPTIC = _rx(r"non-? ?epileptic", r"dissociative (?:seizures?|attacks?)",
                     r"functional (?:seizures?|neurological)", r"pseudo-? ?seizures?", r"\bnead\b",
                     r"\bpnes\b", r"tantrums?")


def _denial_not_known(p: Presentation) -> bool:
    """A denial of epilepsy or of earlier fits, and no epilepsy, medicine, usual or earlier
    seizure named once the denials are set aside (lay13's list), nor a non-epileptic attack."""
    if _EPILEPSY_DENIAL.search(p.text) is None:
        return False
    rest = _EPILEPSY_DENIAL.sub(" ", p.text)
    return not guard("rf:fit_denied_known", _KNOWN_EPILEPSY.search(rest) is not None
                     or _NON_EPILEPTIC.search(p.text) is not None)


# (trifix13) a pet's fit ("my dog had a fit, he isn't epileptic"): a vet's matter, not the
# person's first seizure
# (tri14b) a PET scan or PET-CT (positron emission tomography: NHS "PET scan") is no pet, and a
# computer mouse (a mouse click, pad, button or wheel) no animal: "had a PET-CT and then had a
# seizure, never had one before" is a person's first fit
#: a mouse used, clicked or moved on a computer
_NOT_COMPUTER = "".join(
    rf"(?<!{v} {d} )" for v in ("using", "use", "used", "clicking", "clicked", "click", "moving",
                                "holding", "scrolling", "scrolled")
    for d in ("my", "the", "a", "his", "her")) + (r"(?<!computer )(?<!wireless )(?<!optical )"
                                                 r"(?<!gaming )(?<!laptop )(?<!usb )")
_ANIMAL = re.compile(r"\b(?:dog|dogs|cat|cats|puppy|kitten|pet(?![- /]?(?:ct|scans?|mri|imaging|"
                     r"tracer|scanner)\b)|horse|rabbit|hamster|guinea pig|ferret|"
                     r"budgie|parrot|bird|tortoise|rat|" + _NOT_COMPUTER + r"mouse(?! ?(?:clicks?|"
                     r"clicking|clicked|pads?|mats?|buttons?|wheels?|cursor|pointer|scroll\w*)\b)|"
                     r"gerbil)\b", re.I)


@functools.lru_cache(maxsize=8)
def _denial_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(d.span() for d in _EPILEPSY_DENIAL.finditer(text))


def _fit_told_ok(text: str, m: re.Match[str]) -> bool:
    """lay13's match check, and the fit is not inside a denial ("I've never had a seizure")."""
    if guard("rf:fit_animal", _in_sentence(_ANIMAL, text, m.start())):
        return False
    return _first_fit_ok(text, m) and not _in_denial(text, m)


def _in_denial(text: str, m: re.Match[str]) -> bool:
    return any(a < m.end() and m.start() < b for a, b in _denial_spans(text))


def _fit_cheap_ok(text: str, m: re.Match[str]) -> bool:
    """The cached parts of ``_fit_told_ok`` (no animal in the sentence, not inside a denial):
    what the trigger's prefilter reads before the generic checks."""
    return not _in_sentence(_ANIMAL, text, m.start()) and not _in_denial(text, m)


def _had_one_ok(p: Presentation) -> bool:
    """"Had one" told after a denial of earlier fits or of epilepsy."""
    return _denial_not_known(p)


# ---- 2. a TIA: face and arm numb or weak, together, that came on (and may have gone) ----
# NHS "Transient ischaemic attack (TIA)": the FAST signs (the face dropped on one side,
# weakness or numbness in one arm); call 999 when they start, and even if they go away while
# waiting for the ambulance the person still needs hospital assessment; NICE NG128 (a
# suspected TIA: specialist assessment within 24 hours). The knowledge base's stroke_tia
# already takes a resolved one-sided arm and leg numbness as level 2 (emergency); this reads
# the face and one arm together in lay words, either order, in one clause: "my face and arm
# went numb for 10 minutes", "my face went numb and my arm went weak", "numbness in my face
# and arm". One arm (not "arms": both arms or hands tingling is the pattern of panic), no
# tingling alone, and not with an everyday cause told: a dental or other anaesthetic, sleeping
# or lying on the arm, the cold, a usual migraine aura, or a known multiple sclerosis (a
# relapse goes to the MS team: NICE NG220).
_WHO = r"(?:(?:my|his|her|their|the|your) )?"
_SIDE = r"(?:(?:left|right|one) (?:side of )?" + _WHO + r")?"
_FACE = _WHO + _SIDE + r"(?:face|cheek|mouth|lip)"
_ARM = _WHO + r"(?:(?:left|right|same[- ]side|same) )?arm\b(?!s)"
_NUMB = (r"(?:numb|weak|dead|heavy|floppy|paraly[sz]ed|useless|droop\w*|dropp?ed|limp|"
         r"lost (?:all )?(?:the )?(?:feeling|strength|power))")
_WENT = (r"(?:(?:both |suddenly |just |all of a sudden |briefly |also )?(?:went|go|goes|going|gone|"
         r"has gone|have gone|had gone|turned|became|become|felt|feel|feels|are|were|was|got|"
         r"started to (?:feel|go)|started going|had)(?: (?:all|really|completely|very|a bit|"
         r"totally|kind of|sort of))? )?")
FACE_ARM_NUMB = _rx(
    # "my face and arm went numb", "my arm and face went weak", "face and left arm are numb"
    _FACE + r" (?:and|&) " + _ARM + r" " + _WENT + _NUMB,
    _ARM + r" (?:and|&) " + _FACE + r" " + _WENT + _NUMB,
    # "numbness / weakness in my face and arm"
    r"(?:numbness|weakness|loss of (?:feeling|sensation|power)|no feeling|paralysis|lost (?:all )?"
    r"(?:the )?(?:feeling|sensation|power|strength)) (?:in|of|down|on|over|across) " + _FACE
    + r" and " + _ARM,
    r"(?:numbness|weakness|loss of (?:feeling|sensation|power)|no feeling|paralysis) (?:in|of|down|"
    r"on|over|across) " + _ARM + r" (?:and|&) " + _FACE,
    # "my face went numb and my arm went weak", "my face drooped and my arm was numb"
    _FACE + r" " + _WENT + _NUMB + r",? (?:and|then|&|with) " + _ARM + r" " + _WENT + _NUMB,
    _ARM + r" " + _WENT + _NUMB + r",? (?:and|then|&|with) " + _FACE + r" " + _WENT + _NUMB)
_EVERYDAY_NUMB = _rx(
    r"dentist\w*", r"dental", r"anaesthe\w*", r"anesthe\w*", r"local", r"injections?", r"filling",
    r"botox", r"fillers?", r"(?:slept|sleeping|sleep|lying|lay|laid|sat|sitting|leaning|leant) "
    r"(?:\w+ ){0,2}?on (?:it|my arm|his arm|her arm|the arm)", r"(?:from|with|in) the cold",
    r"freezing", r"frost\w*", r"ice ?pack", r"snow", r"aura", r"(?:usual|normal|typical|regular) "
    r"(?:\w+ )?migraines?", r"migraines? (?:\w+ ){0,3}?(?:as usual|like always|as always)",
    r"bell'?s palsy", r"shingles", r"carpal tunnel", r"tight (?:sleeve|cuff|strap)",
    r"blood pressure cuff", r"multiple sclerosis", r"\bms\b",
    # (trifix13) a nerve block, a jab in that arm, lying on that side (NHS "Pins and needles":
    # sitting or lying in a way that presses on a nerve; a local anaesthetic's numbness)
    r"nerve block", r"(?:brachial|plexus|regional|interscalene|dental) block", r"jabs?", r"vaccin\w*", r"booster", r"(?:lying|lay|laid|sleeping|"
    r"slept|sleep) (?:\w+ ){0,2}?on (?:my|his|her|their|the|that|one) (?:left |right )?side")


def _face_arm_ok(p: Presentation) -> bool:
    return not guard("rf:face_arm_everyday", _EVERYDAY_NUMB.search(p.text) is not None)


#: an episode told on an earlier day ("yesterday", "last night", "3 days ago", "last week"),
#: with no word that it is back or still there now: the symptoms have passed and the level is
#: the urgent assessment (Stroke Association "What if symptoms pass": if you think you have had
#: a mini-stroke in the past and have not sought medical attention, see your GP urgently; NICE
#: NG128: a suspected TIA is referred for specialist assessment within 24 hours), level 3;
#: one told today, minutes or hours ago, or now over ("now I'm back to normal") is the 999 of
#: NHS "TIA" (even if the symptoms go away, you still need hospital assessment), level 2.
_EARLIER_DAY = re.compile(
    r"\b(?:yesterday|last (?:night|week|weekend|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)|the other (?:day|night)|(?:\d+|a few|few|several|a couple of|two|three|four|five|six|"
    r"seven) (?:days|weeks|months|years) ago|(?:a|one) (?:day|week|month|year) ago|last (?:month|year)|"
    r"on (?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)|at the weekend)\b", re.I)
_STILL_OR_AGAIN = re.compile(
    r"\b(?:still|again|today|tonight|this (?:morning|afternoon|evening)|(?:\d+|a few|few|an?|one|"
    r"two|three) (?:minutes?|mins?|hours?) ago|just now|right now|is (?:numb|weak)|are (?:numb|weak)|"
    r"keeps? (?:going|happening|coming back))\b", re.I)


def _earlier_day_only(text: str, m: re.Match[str]) -> bool:
    """The face-and-arm episode's sentence dates it to an earlier day, and nothing says it is
    still there, back again or today."""
    return (_in_sentence(_EARLIER_DAY, text, m.start())
            and not _found_in_text(_STILL_OR_AGAIN, text))


def _face_arm_now(text: str, m: re.Match[str]) -> bool:
    return not _earlier_day_only(text, m)


# ---- 3. crushing-chest similes with the heavy thing "on" the chest ----
# NHS "Heart attack": chest pain that can feel like pressure, heaviness, tightness or
# squeezing (the textbook "an elephant sitting on my chest", "a ton of bricks on my chest") ->
# call 999. lay13's CRUSHED_CHEST_SIMILE wants a verb ("sitting", "pressing") between the
# weight and "on my chest", so "like a weight on my chest", "like a ton of bricks on my chest"
# and "my chest feels like an elephant is sitting on it" were routine. A simile word is
# required ("a weight off my chest", "the elephant in the room", "my baby sitting on my chest"
# are no pain), as is the chest; lay13's checks apply (not figurative, not a strain, not worn,
# not a chest infection's cough).
_SIMILE = r"(?:like|as if|as though|as tho)"
_THERE = (r"(?:(?:there'?s|there\u2019s|there is|there was|having|i have|i've got|i\u2019ve got|"
          r"i had|i've had|someone put|somebody put|someone's put|someone has put) )?")
_HEAVY = (r"(?:an? (?:\w+ )?(?:weight|elephant|brick|rock|stone|boulder|anvil|sandbag|person|man|"
          r"car|truck|lorry|horse|cow|bus)|a (?:ton|tonne|load|pile|sack) of (?:bricks|weight|lead|"
          r"concrete|rocks|stones|bricks)|tons of (?:bricks|weight)|(?:heavy |big |huge )?weights|"
          r"something (?:really |very )?heavy|someone|somebody|(?:the )?elephants?)")
_VERB = (r"(?:(?:is|was|'s|\u2019s|were|has been|had been) )?(?:(?:just|really) )?(?:sitting|sat|"
         r"standing|stood|kneeling|knelt|lying|laying|pressing|pushing|squeezing|crushing|"
         r"stamping|stepping|parked|pressed|weighing|resting|sitting down|sat down)?(?: down)? ?")
_CHEST_ON = (r"(?:on|across|against|onto|on top of|over) (?:my |his |her |their |the )?chest\b"
             r"(?! of drawers| freezer| (?:of|in) the)")
# (tri14b) the chest said to be like the weight or the vice itself, with no verb and no "on
# it": "chest like a weight, sweating and arm pain", "my chest feels like a heavy weight",
# "chest like a ton of bricks", "my chest is like a vice", "like a vice round my chest" (NHS
# "Heart attack": pressure, heaviness, tightness or squeezing; a vice squeezes, as lay13's
# "in a vice"). Only the weights and the vice: "chest like a barrel" (a shape), "like a rock"
# (hard: a muscle, an engorged breast), "like a man's" are no simile of pain; a weight lifted,
# taken or off ("my chest feels like a weight has been lifted") is relief, the elephant "in the
# room" an idiom.
_CHEST_BE = (r"chest (?:(?:feels?|felt|feeling|is|was|'s|\u2019s|has been|keeps feeling|went|"
             r"has gone) )?(?:(?:really|just|kind of|sort of|a bit|almost|literally|totally) )?")
_LIKE_WEIGHT = (r"(?:an? (?:(?:really|very) )?(?:(?:heavy|huge|big|massive|lead|great|dead|giant) )?"
                r"(?:weight|elephant|anvil|sandbag)|a (?:ton|tonne|load|sack) of (?:bricks|weight|lead|"
                r"concrete)|tons of (?:bricks|weight)|(?:heavy |huge |big )?weights|something (?:really "
                r"|very )?heavy|(?:an? )?(?:\w+ )?(?:vice|vise|clamp)(?:[- ]like)?(?: grip)?)\b"
                r"(?!'s|\u2019s|[- ]?(?:lift\w*|loss|gain|watch\w*|train\w*|bench\w*|plates?|belts?|"
                r"bearing|president|versa)\b)"
                r"(?! (?:[\w'\u2019]+ ){0,3}?(?:lifted|lift|off|removed|taken|gone|lighter)\b)"
                r"(?! in the room)")
_WEIGHT_ALTS = (
    # "like a weight on my chest", "like a ton of bricks on my chest", "as if there's an
    # elephant on my chest", "like having a heavy weight pressing on my chest"
    _SIMILE + r" " + _THERE + r"(?:\w+ ){0,1}?" + _HEAVY + r" " + _VERB + _CHEST_ON,
    # "my chest feels like an elephant is sitting on it", "... like someone's standing on it"
    r"chest (?:feels?|felt|feeling|is|was|'s|\u2019s) (?:\w+ ){0,2}?" + _SIMILE + r" " + _THERE
    + r"(?:\w+ ){0,1}?" + _HEAVY + r" " + _VERB + r"(?:on|on top of|against) (?:it|me)\b")
_VERBLESS_ALTS = (
    # (tri14b) "chest like a weight", "my chest is like a vice", "chest like a ton of bricks"
    _CHEST_BE + _SIMILE + r" (?:(?:there'?s|there\u2019s|there is|having) )?" + _LIKE_WEIGHT,
    # (tri14b) "like a vice round my chest", "as if a clamp is gripping my chest"
    _SIMILE + r" (?:(?:there'?s|there\u2019s|there is|having) )?(?:an? )?(?:\w+ )?(?:vice|vise|clamp)"
    r"(?:[- ]like)?(?: grip)? (?:(?:is|was|'s|\u2019s) )?(?:[\w'\u2019]+ ){0,1}?(?:a?round|on|"
    r"across|over|gripping|squeezing|crushing|clamped (?:on|round|around)) (?:my |his |her |their |"
    r"the )?chest\b(?! of drawers| freezer)")
CHEST_WEIGHT_SIMILE = _rx(*_WEIGHT_ALTS, *_VERBLESS_ALTS)
#: (trifix14b) the similes with the weight's verb or "on" the chest (lay13 / trifix13's reading)
#: and the verbless ones tri14b added, read by their own rules (the verbless ones with the
#: band rule's guards, below)
_CHEST_WITH_VERB = _rx(*_WEIGHT_ALTS)
_CHEST_VERBLESS = _rx(*_VERBLESS_ALTS)
#: (tri14b) the chest said to be like a tight band or strap, with no "round": with the pain's
#: spread, sweating or sickness, as lay13's band round the chest (CHEST_BAND_LAY: a band alone
#: is also asthma's tightness)
CHEST_LIKE_BAND = _rx(
    _CHEST_BE + _SIMILE + r" (?:(?:there'?s|there\u2019s|there is|having) )?(?:an? |some )?"
    r"(?:(?:tight|heavy|steel|iron|metal|elastic|big|thick) )*(?:band|belt|strap)s?\b"
    r"(?! (?:[\w'\u2019]+ ){0,3}?(?:lifted|removed|loosened|taken off|gone)\b)")


#: a weight lifted, taken or got off the chest is relief ("like a weight had been lifted off
#: my chest": _CHEST_ON already reads "on" only); a worry told as the thing on the chest
_WORRY_SUBJECT = re.compile(
    r"\b(?:worr(?:y|ies)|stress|grief|guilt|debts?|exams?|responsibilit\w*|pressure of|"
    r"everything|it all|work|deadlines?|bills)\b (?:\w+ ){0,2}?(?:feels?|felt|is|are|was|were) "
    r"(?:\w+ ){0,2}?like\b", re.I)


# (trifix13) ... nor a simile of something else: a sleep ("my baby sleeps like a rock on my
# chest"), a real weight on the chest in the gym ("the bar feels like a ton of bricks on my
# chest" benching), or the feeling of a worry or bad news told in the same sentence ("when I
# think about the exam", "since I got the bills", "after I heard the news"): NHS "Chest pain"
# names anxiety and panic as causes and a strained muscle after lifting
_SLEEP_SIMILE = re.compile(r"\b(?:sleep\w*|slept|lies|lying|lay|laid|nap\w*)\s*$", re.I)
_GYM = re.compile(r"\b(?:bench\w*|barbell|dumbbells?|the bar|squat\w*|deadlift\w*|lifting|gym|"
                  r"press(?:es|ing)? (?:ups?|up))\b", re.I)
_WORRY_IN_SENTENCE = re.compile(
    r"\b(?:(?:when|whenever|if) (?:i|he|she|they) (?:think|thinks|thought) (?:about|of)|(?:since|"
    r"after|when) (?:i|we|he|she|they) (?:got|heard|received|found out|saw|opened|read|lost)|exams?|"
    r"bills?|news|debts?|worr\w*|stress\w*|anxi\w*|grie\w*|panic\w*|funeral|divorce|"
    r"break-?up)\b", re.I)


#: a heart attack's companions (NHS "Heart attack": pain spreading to the arm, jaw, neck or back,
#: sweating, feeling sick, breathlessness, light-headedness): with one of them a worry or bad
#: news told beside the weight no longer explains it away
_CARDIAC_COMPANION = re.compile(
    r"\b(?:sweat\w*|clammy|(?:feel\w*|felt|am|i.m|being) sick|nause\w*|vomit\w*|"
    r"(?:arm|jaw|neck|back)\b|short of breath|breathless\w*|can.t breathe|light-?headed|dizzy|"
    r"faint\w*)", re.I)


def _weight_simile_ok(text: str, m: re.Match[str]) -> bool:
    at = m.start()
    return _crushing_ok(text, m) and not guard(
        "rf:chest_weight_worry", (_in_sentence(_WORRY_SUBJECT, text, at)
                                  or _in_sentence(_WORRY_IN_SENTENCE, text, at))
        and not _in_sentence(_CARDIAC_COMPANION, text, at)) and not guard(
        "rf:chest_weight_other", _SLEEP_SIMILE.search(text, max(0, m.start() - 20), m.start())
        is not None or _in_sentence(_GYM, text, at))


def _weight_simile_now(text: str, m: re.Match[str]) -> bool:
    return _weight_simile_ok(text, m) and not _earlier_day_only(text, m)


# (trifix14b) The verbless simile ("chest like a weight") is also how a chest cold, a cough, a
# bruised chest or an asthma attack is told: "chest feels like a weight from all the coughing
# with my cold", "chest like a weight after the rugby tackle, sore to touch", "she's 12, says her
# chest is like a weight when she coughs". It is read with the band rule's guards -- an adult
# (NHS "Heart attack" is an adult's; a child's chest pain is rarely cardiac: NICE CKS "Chest
# pain") -- and not with a respiratory infection (NICE NG138 / CKS "Chest infections"), an
# asthma attack eased by the inhaler (BTS/SIGN 158), or a chest injury (NHS "Chest pain": a
# strained or bruised chest) unless a heart attack's companion is there (sweating, sickness,
# breathlessness, spread to the arm, jaw, neck or back). Such texts keep the level they had
# before tri14b. Exertional heaviness relieved by rest for weeks or months is stable angina's
# pattern (NICE CG95: refer to the rapid access chest pain clinic; NHS "Angina": urgent GP
# appointment): level 3, not 2, unless it has changed (rest pain, longer, sweating, ...). A
# verbless simile on an earlier day and "fine today" has passed: the passed twin (3).
_VERBLESS_RESP_OR_INJURY = re.compile(
    r"\b(?:cough\w*|colds?\b|phlegm|chesty|chest infection|sputum|mucus|catarrh|snot\w*|green|"
    r"yellow (?:stuff|phlegm|mucus)|flu\b|covid|virus|viral|bronchitis|pneumonia|blocked nose|"
    r"runny nose|sore throat|sniffl\w*|"
    r"tackle\w*|rugby|football|punch\w*|kick\w*|fell|fall(?:en)?\b|hit (?:in|by|on)|"
    r"car (?:crash|accident)|accident|bruis\w*|sore to (?:the )?touch|tender\w*|"
    r"hurts? (?:when|if) (?:i|he|she|you) (?:press|push|touch)\w*|(?:press|push|touch)(?:ing|es)? on it)\b",
    re.I)
_INHALER_HELPS = re.compile(
    r"\b(?:inhaler|pump|puffer|blue one|salbutamol|ventolin|nebuli[sz]er)s? (?:\w+ ){0,2}?"
    r"(?:help\w*|eas\w*|work\w*|reliev\w*|settl\w*|fix\w*)\b|\b(?:help\w*|eas\w*|better|settl\w*) "
    r"(?:\w+ ){0,2}?(?:with|after|by|using) (?:my |his |her |the )?(?:inhaler|pump|puffer|blue one|"
    r"salbutamol|ventolin|nebuli[sz]er)", re.I)
_EXERTIONAL = re.compile(
    r"\b(?:walk\w*|climb\w*|up ?hill|stairs|exert\w*|exercis\w*|running|run|jogg\w*|hurry\w*|"
    r"rushing|cycling|digging|gardening|carrying)\b", re.I)
_FOR_WEEKS = re.compile(
    r"\b(?:for|over|since|past|last|about|around) (?:the )?(?:(?:last|past) )?(?:a few |few |several |"
    r"many |a couple of |\d+ |two |three |four |five |six |some )?(?:weeks|months|years)\b|"
    r"\bfor (?:a|one) (?:month|year)\b", re.I)
_FINE_TODAY = re.compile(
    r"\b(?:fine|ok|okay|better|gone|settled|good|normal|alright|all right|grand) (?:now |again )?"
    r"(?:today|this (?:morning|afternoon|evening)|tonight)\b", re.I)


def _verbless_benign(p: Presentation) -> bool:
    """A child, or a respiratory infection, an asthma attack eased by the inhaler or a chest
    injury told with no heart attack companion."""
    text = p.text
    if p.age is not None and p.age < 18:
        return True
    return guard("rf:chest_verbless_resp_injury", (
        _VERBLESS_RESP_OR_INJURY.search(text) is not None or _INHALER_HELPS.search(text) is not None)
        and _CARDIAC_COMPANION.search(text) is None)


def _exertional_stable(p: Presentation) -> bool:
    """Exertional, relieved by rest, for weeks or months, with no change told (NICE CG95)."""
    t = p.text
    return guard("rf:chest_verbless_exertional", _EXERTIONAL.search(t) is not None
                 and _rf._RELIEVED.search(t) is not None and _FOR_WEEKS.search(t) is not None
                 and _rf._CHANGED.search(t) is None)


@functools.lru_cache(maxsize=8)
def _verbless_mask(text: str) -> str:
    """``text`` with "fine today" and the like blanked (same length): no sign of "still now".
    Cached, and ``text`` itself when nothing is blanked, so that the per-sentence caches of
    :func:`_earlier_day_only` are hit once per text (linear on a long text)."""
    if _FINE_TODAY.search(text) is None:
        return text
    return _FINE_TODAY.sub(lambda m: " " * len(m.group()), text)


def _verbless_now(text: str, m: re.Match[str]) -> bool:
    return _weight_simile_ok(text, m) and not _earlier_day_only(_verbless_mask(text), m)


def _verbless_passed(text: str, m: re.Match[str]) -> bool:
    return _weight_simile_ok(text, m) and _earlier_day_only(_verbless_mask(text), m)


def _band_simile_now(text: str, m: re.Match[str]) -> bool:
    return _band_ok(text, m) and _weight_simile_now(text, m)


def _weight_simile_passed(text: str, m: re.Match[str]) -> bool:
    """(trifix13) the simile on an earlier day, passed ("it felt like a weight on my chest last
    week but it's gone now"): NHS "Chest pain" (chest pain that comes and goes: urgent GP
    appointment or 111)."""
    return _weight_simile_ok(text, m) and _earlier_day_only(text, m)


# ---- 4. too breathless to say more than a few words ----
# NHS "Asthma attack" (too breathless to speak, eat or sleep: call 999) and BTS/SIGN 158
# (acute severe asthma: cannot complete sentences in one breath); NHS "Shortness of breath"
# (so breathless you are unable to speak). The MTS6 rule reads "can only say a few words" with
# a breathing word elsewhere and "too breathless to talk"; the lay telling names the pause
# instead: "I can only say a few words at a time", "can't get more than a couple of words out
# without stopping for breath", "I have to stop for breath every few words". Not a few words
# said to someone ("I only say a few words to him"), shyness, a stammer, word-finding
# trouble, a toddler's first words, or a sore throat or mouth told as the cause.
_FEW_N = (r"(?:a few|a couple(?: of)?|one or two|two or three|a word or two|\d+|one|two|three|four|"
          r"single|more than (?:a few|a couple(?: of)?|one or two|two or three|\d+|one|two|three|"
          r"four))")
_CAN_ONLY = (r"(?:can only|can just|could only|only able to|can(?:no|'|\u2019)?t|could(?:n'?t|"
             r"n\u2019t| not)|unable to|not able to|struggl\w* to|barely) (?:\w+ )?")
_SAY = r"(?:say|get out|speak|manage|get|talk|utter|put together|string together)"
_FEW_WORDS_PHRASE = (_CAN_ONLY + _SAY + r" " + _FEW_N + r" (?:\w+ )?words?(?: out)?")
_BREATH_PAUSE = (r"(?:without (?:stopping|pausing|having to stop|needing to stop|gasping|running out"
                 r"|getting out)\w*(?: (?:for|to|of) (?:a )?(?:breath|air|catch (?:my|his|her|their) "
                 r"breath))?|before (?:i|he|she|they|you)(?:'m|\u2019m|'s|\u2019s| am| is| are)? "
                 r"(?:have to |has to |need to |needs to |must )?(?:stop|pause|catch|gasp|take a "
                 r"breath|run out of breath|get out of breath|am out of breath|is out of breath|"
                 r"breathe)\w*|between (?:breaths|gasps)|(?:in|on|with) (?:one|a single|each) breath)")
FEW_WORDS_PAUSE = _rx(
    # "can't get more than a couple of words out without stopping for breath"
    _FEW_WORDS_PHRASE + r" (?:\w+ ){0,2}?" + _BREATH_PAUSE,
    # "I have to stop for breath every few words", "stopping to breathe between words"
    r"(?:stop|stops|stopping|pause|pauses|pausing|gasp|gasps|gasping) (?:for (?:a )?(?:breath|air)|"
    r"to (?:breathe|catch (?:my|his|her|their) breath|take a breath)) (?:after|every|between|in "
    r"between) (?:every |each |a )?(?:few |couple of |two |three |\d+ |one |single |other )?words?\b",
    r"(?:only )?(?:a few|a couple of|one or two|two or three|\d+) words? (?:at a time )?between "
    r"(?:breaths|gasps)")
#: the pause told by "at a time" alone: breathlessness unless another cause is told
FEW_WORDS_AT_A_TIME = _rx(
    r"(?:(?:can|could) (?:only|just)|only able to|(?:can(?:no|'|\u2019)?t|could(?:n'?t|n\u2019t|"
    r" not)|unable to|not able to) (?:\w+ )?" + _SAY + r" more than) (?:\w+ )?(?:" + _SAY + r" )?"
    r"(?:" + _FEW_N + r" (?:\w+ )?words?|a word or two)(?: out)? (?:at a time|at once)\b")
_SPEECH_OTHER_CAUSE = _rx(
    r"stamm\w*", r"stutt\w*", r"\bshy\b", r"shyness", r"nervous\w*", r"anxious", r"word[- ]finding",
    r"(?:find|finding|remember\w*) (?:the )?(?:right )?words?", r"aphasi\w*", r"dysphasi\w*",
    r"speech (?:therap\w*|delay\w*|problem\w*|difficult\w*)", r"autis\w*", r"non-?verbal",
    r"learning (?:english|to talk|to speak)", r"(?:in|of) english", r"toddler", r"baby",
    r"\d+[- ](?:months?|month)[- ]old", r"(?:1|2|3|one|two|three)[- ]years?[- ]old", r"first words",
    r"throat", r"tonsil\w*", r"voice", r"hoarse", r"laryng\w*", r"jaw", r"mouth", r"tongue",
    r"teeth", r"tooth", r"dentist", r"ulcers?", r"since (?:my|his|her|their) stroke", r"parkinson\w*",
    r"dementia", r"\bms\b", r"motor neurone", r"deaf\w*",
    # (trifix13) a language named: a learner's few words (ISO 639 language names)
    r"(?:in|of|speak\w*|learn\w*) (?:\w+ )?(?:french|spanish|german|italian|portuguese|arabic|chinese|"
    r"mandarin|cantonese|japanese|korean|russian|polish|urdu|hindi|punjabi|bengali|welsh|irish|gaelic|"
    r"dutch|greek|turkish|romanian|latin|swahili|somali|farsi|persian|tamil|gujarati|"
    r"sign language|bsl|asl)\b", r"(?:foreign|new|second|other|another) language")


#: "I don't have to stop for breath every few words", "no longer ...": the pause denied just
#: before it (the clause negation reads no cue that far)
_PAUSE_DENIED = re.compile(
    r"\b(?:(?:do|does|did)(?:n'?t|n\u2019t| not)|never|no longer|not|used to|use to)(?: \w+)?(?: (?:have|has|need|"
    r"needs) to)?\s*$", re.I)


# (trifix13) the few-words speech told of an earlier day and better since ("I could only say a
# few words at a time yesterday but I'm better now"): NHS "Shortness of breath" (breathlessness
# that has passed: urgent GP appointment or 111), not 999
_BETTER_NOW = re.compile(r"\b(?:better|fine|ok|okay|recovered|gone|settled|back to normal)\b", re.I)


def _speech_passed(text: str, m: re.Match[str]) -> bool:
    return _earlier_day_only(text, m) and _in_sentence(_BETTER_NOW, text, m.start())


def _pause_match_ok(text: str, m: re.Match[str]) -> bool:
    return (_PAUSE_DENIED.search(text[max(0, m.start() - 40):m.start()]) is None
            and not _speech_passed(text, m))


def _pause_passed_ok(text: str, m: re.Match[str]) -> bool:
    return (_PAUSE_DENIED.search(text[max(0, m.start() - 40):m.start()]) is None
            and _speech_passed(text, m))


def _at_a_time_now(text: str, m: re.Match[str]) -> bool:
    return not _speech_passed(text, m)


def _pause_ok(p: Presentation) -> bool:
    return not guard("rf:few_words_other_cause",
                     _rx(r"stamm\w*", r"stutt\w*").search(p.text) is not None)


def _at_a_time_ok(p: Presentation) -> bool:
    return ((p.age is None or p.age >= 5)
            and not guard("rf:few_words_other_cause", _SPEECH_OTHER_CAUSE.search(p.text) is not None))


# ---- 5. (tri14b) blue or grey lips that are still blue ----
# NHS "When to call 999" and "Blue or grey skin or lips (cyanosis)": blue, grey or pale lips,
# tongue or skin -> call 999. The lips rule (red_flags._BLUE_LIPS) wants a verb before the
# colour ("lips are blue", "lips went grey"), so "better now but lips still blue" and "his lips
# are still grey" were routine: a passed episode with the cyanosis still there. "Still" says it
# is there now. Not a colour from the cold water or a dye ("lips still blue from the ice
# lolly", blueberries, lipstick: red_flags' dye list, read as its _BLUE_LIPS check reads it),
# nor one gone again after ("still blue ... now pink": the resolved cue), nor one that is the
# person's usual colour (a cyanotic heart condition: "always a bit blue", "normal for her").
_LIP_COLOUR = (r"(?:blue|grey|gray|bluish|blueish|bluey|greyish|grayish|dusky|purple|"
               r"blue-?grey|blue-?gray)")
_LIPS_STILL = _rx(
    r"(?:lips|lip|tongue)(?: and (?:lips|tongue|skin|face|mouth))? (?:(?:is|are|were|was|look|"
    r"looks|seem|seems|have|has|'re|\u2019re|'s|\u2019s) )?(?:still|stayed|remain(?:s|ed)?|staying) "
    r"(?:(?:look|looks|looking|a bit|a little|very|slightly|quite|really|kind of|sort of|pretty|"
    r"abit|a|bit|tinged|going|turning) )*" + _LIP_COLOUR + r"\b"
    r"(?! (?:from|after) )(?!-?(?:berr\w*|tooth|bell))")
_LIPS_OTHER = _rx(r"lipstick\w*", r"lip ?(?:gloss|liner|balm|stain)", r"make-?up", r"face ?paint",
                  r"costume", r"(?:always|usually|normally) (?:\w+ ){0,2}?" + _LIP_COLOUR,
                  r"normal (?:colour |color )?for (?:him|her|them|me)", r"his normal",
                  r"her normal", r"cyanotic heart", r"congenital heart",
                  # (trifix14b) the usual colour told after it ("lips still blue as always",
                  # "... like normal"): NHS "Blue or grey skin or lips" (a long-term heart or
                  # lung condition may keep them so)
                  _LIP_COLOUR + r" (?:\w+ ){0,2}?(?:as (?:always|usual|normal|ever)|like (?:always|"
                  r"usual|normal)|the same as (?:always|usual|normal|ever))\b",
                  r"(?:usual|normal) (?:colou?r|for (?:him|her|them|me))\b",
                  r"as (?:always|usual|ever),? (?:\w+ ){0,3}?(?:lips|lip|tongue)\b")
#: (trifix14b) the cold told with the still-blue lips ("she's cold, been out in the garden",
#: "just come in from the snow"): NHS "Blue or grey skin or lips" -- lips can turn blue in the
#: cold and return to normal as you warm up; with no breathing sign the lips keep the level
#: they had before tri14b (a breathing sign anywhere keeps the flag)
_LIPS_COLD = _rx(r"(?:is|was|'s|\u2019s|felt|feels?|got|been|so|very|really) (?:\w+ )?(?:cold|freezing|"
                 r"frozen|chilly)\b", r"snow\w*", r"shiver\w*", r"swim\w*", r"the sea\b", r"ice\b",
                 r"icy", r"frost\w*", r"(?:been |was |playing |were )?out(?:side)? in the (?:cold|garden|"
                 r"rain|snow|wind|park)", r"come in from", r"came in from", r"cold (?:water|weather|wind|"
                 r"air|day|outside)")


@functools.lru_cache(maxsize=1024)
def _resolved_in(text: str, start: int, end: int) -> bool:
    """A resolved cue ("now pink", "then warm") with no blue colour after it in the sentence."""
    sent = text[start:end]
    res = _BLUE_RESOLVED.search(sent)
    return res is not None and _BLUE_COLOUR.search(sent, res.end()) is None


def _lips_still_ok(text: str, m: re.Match[str]) -> bool:
    """The still-blue lips are neither gone again after, nor a dye, make-up or usual colour in
    their own sentence (a breathing sign anywhere keeps a dye's blue, as red_flags reads it)."""
    span = _sent_span(text, m.start()) or (0, 0)
    if guard("rf:lips_still_resolved", _resolved_in(text, *span)):
        return False
    return not guard("rf:lips_still_dye", (_found_in(_BLUE_DYE, text, *span)
                                           and not _found_in_text(_BREATH_DANGER, text))
                     or _found_in(_LIPS_OTHER, text, *span)) and not guard(
        "rf:lips_still_cold", _found_in(_LIPS_COLD, text, *span) and not _breath_sign_beside_cold(text))


@functools.lru_cache(maxsize=64)
def _breath_sign_beside_cold(text: str) -> bool:
    """A breathing sign anywhere in ``text`` other than the cold itself (``_BREATH_DANGER`` reads
    "cold" as a shock sign; here it is the weather)."""
    masked = _LIPS_COLD.sub(lambda m: " " * len(m.group()), text)
    return _BREATH_DANGER.search(masked) is not None or _LIPS_SHOCK.search(masked) is not None


#: the signs of shock or a seriously ill child beside the cold (NHS "When to call 999"; NICE
#: NG143 / NG51): these keep the flag whatever the weather
_LIPS_SHOCK = _rx(r"clammy", r"mottled", r"floppy", r"limp", r"drows\w*", r"sleepy", r"letharg\w*",
                  r"unrespons\w*", r"confus\w*", r"pale", r"grey", r"gray", r"faint\w*", r"collaps\w*",
                  r"breath\w*", r"wheez\w*", r"gasp\w*", r"grunt\w*", r"chok\w*", r"fit\b", r"fitting",
                  r"seizure\w*", r"rash")


#: the name of the level-3 flag of a face-and-arm episode on an earlier day that has passed
TIA_PASSED = "possible TIA on an earlier day (symptoms passed: urgent assessment)"
CHEST_PASSED = "cardiac-type chest pain on an earlier day (passed: urgent assessment)"
BREATH_PASSED = "severe breathlessness on an earlier day (passed: urgent assessment)"
#: (trifix14b) exertional chest heaviness relieved by rest for weeks (NICE CG95 rapid access)
STABLE_PATTERN = "exertional chest heaviness relieved by rest (possible angina: urgent assessment)"

LAY2_RULES: tuple[RedFlagRule, ...] = (
    RedFlagRule("first seizure (no known epilepsy)", 2, _prefiltered(_FIT_TOLD, _fit_cheap_ok),
                acute_only=True, current_only=True, match_ok=_fit_told_ok,
                condition=_denial_not_known),
    # the denial of earlier fits before "has just had one" is the rule's own condition, not a
    # negation of it ("no history of fits and has just had one")
    RedFlagRule("first seizure (no known epilepsy)", 2, _HAD_ONE, acute_only=True,
                current_only=True, match_ok=_first_fit_ok, condition=_had_one_ok,
                own_polarity=True),
    RedFlagRule("stroke signs (FAST)", 2, _prefiltered(FACE_ARM_NUMB, _face_arm_now),
                acute_only=True, current_only=True, match_ok=_face_arm_now,
                condition=_face_arm_ok),
    RedFlagRule(TIA_PASSED, 3, _prefiltered(FACE_ARM_NUMB, _earlier_day_only), acute_only=True,
                current_only=True, match_ok=_earlier_day_only, condition=_face_arm_ok),
    RedFlagRule("chest pain with cardiac features", 2,
                _prefiltered(_CHEST_WITH_VERB, _weight_simile_now), acute_only=True,
                current_only=True, match_ok=_weight_simile_now, condition=_crushed_simile_ok),
    RedFlagRule(CHEST_PASSED, 3, _prefiltered(_CHEST_WITH_VERB, _weight_simile_passed),
                acute_only=True, current_only=True, match_ok=_weight_simile_passed,
                condition=_crushed_simile_ok),
    # (trifix14b) the verbless simile: an adult, no cold, cough, asthma eased by the inhaler or
    # chest injury without a heart attack companion; stable angina's pattern 3; passed 3
    RedFlagRule("chest pain with cardiac features", 2,
                _prefiltered(_CHEST_VERBLESS, _verbless_now), acute_only=True,
                current_only=True, match_ok=_verbless_now,
                condition=lambda p: (not _verbless_benign(p) and not _exertional_stable(p)
                                     and _crushed_simile_ok(p))),
    RedFlagRule(STABLE_PATTERN, 3, _prefiltered(_CHEST_VERBLESS, _verbless_now), acute_only=True,
                current_only=True, match_ok=_verbless_now,
                condition=lambda p: (not _verbless_benign(p) and _exertional_stable(p)
                                     and _crushed_simile_ok(p))),
    RedFlagRule(CHEST_PASSED, 3, _prefiltered(_CHEST_VERBLESS, _verbless_passed),
                acute_only=True, current_only=True, match_ok=_verbless_passed,
                condition=lambda p: not _verbless_benign(p) and _crushed_simile_ok(p)),
    # (tri14b) "chest like a tight band" with the pain's spread, sweating or sickness: as
    # lay13's band round the chest (an adult, a cardiac-type chest); passed: 3
    RedFlagRule("chest pain with cardiac features", 2,
                _prefiltered(CHEST_LIKE_BAND, _weight_simile_now), with_any=_SPREAD_OR_SWEAT,
                acute_only=True, current_only=True, match_ok=_band_simile_now,
                condition=lambda p: (p.age is None or p.age >= 18) and _crushed_simile_ok(p)),
    RedFlagRule(CHEST_PASSED, 3, _prefiltered(CHEST_LIKE_BAND, _weight_simile_passed),
                with_any=_SPREAD_OR_SWEAT, acute_only=True,
                current_only=True, match_ok=_weight_simile_passed,
                condition=lambda p: (p.age is None or p.age >= 18) and _crushed_simile_ok(p)),
    # (tri14b) lips or tongue still blue or grey (NHS "When to call 999": cyanosis), named as
    # red_flags' blue-lips rule, so that its acuity-1 twin with hypoxia or shock is built too
    RedFlagRule("respiratory distress", 2, _prefiltered(_LIPS_STILL, _lips_still_ok),
                acute_only=True,
                current_only=True, match_ok=_lips_still_ok),
    RedFlagRule("respiratory distress", 2, FEW_WORDS_PAUSE, acute_only=True, current_only=True,
                match_ok=_pause_match_ok, condition=_pause_ok),
    RedFlagRule("respiratory distress", 2, FEW_WORDS_AT_A_TIME, acute_only=True,
                current_only=True, match_ok=_at_a_time_now, condition=_at_a_time_ok),
    RedFlagRule(BREATH_PASSED, 3, FEW_WORDS_PAUSE, acute_only=True, current_only=True,
                match_ok=_pause_passed_ok, condition=_pause_ok),
    RedFlagRule(BREATH_PASSED, 3, FEW_WORDS_AT_A_TIME, acute_only=True, current_only=True,
                match_ok=_speech_passed, condition=_at_a_time_ok),
)
