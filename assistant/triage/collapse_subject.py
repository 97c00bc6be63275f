"""Who collapsed, and did they come round (tri9fix, safety review of h-tri9's collapse rule).

A collapse is an emergency when a PERSON collapsed (NHS ambulance services' "when to call 999":
collapse / unconsciousness; ESI v4): "she collapsed", "my dad collapsed at home", a clinical
subjectless "Collapsed at home." / "Sudden collapse.". Lay English uses the same verb for a knee
or an ankle giving way, a chair, a ceiling, a dog, a near miss ("nearly collapsed laughing"), a
threat ("I'll collapse if I don't sleep"), a question ("what should I do if someone collapses?")
and a mood ("emotionally collapsing"). The words before the verb tell them apart; a regular
expression cannot (the subject may be several words back), hence these small readers.

A collapse with a stated full recovery ("felt fine after a drink", "now fine", "back to
normal", "alert now") is a faint that came round: NHS Fainting (see a GP / call 111), level 3.
"""

from __future__ import annotations

import re

from assistant.triage.lay_words import usual_health

# (tri9fix2, safety re-review) The subject is a person UNLESS its head noun is a thing: an
# allow-list of persons missed "dave", "my flatmate", "a customer", "the lad", "my 5yo". These
# are the heads that are no person: body parts, objects and structures, animals, abstractions.
_NOT_PERSON = frozenset((
    # body parts (a knee or an ankle giving way, flat arches, a collapsed lung or vein)
    "knee", "knees", "ankle", "ankles", "leg", "legs", "hip", "hips", "back", "arch", "arches",
    "foot", "feet", "nostril", "nostrils", "lung", "lungs", "lobe", "lobes", "vertebra",
    "vertebrae", "vein", "veins", "spine", "disc", "discs", "disk", "trachea", "airway",
    "airways", "bladder", "ivc", "tumour", "tumor", "cyst",
    # objects, furniture and structures
    "chair", "chairs", "table", "ladder", "ceiling", "roof", "tent", "bed", "shelf", "shelves",
    "building", "buildings", "bridge", "tower", "scaffold", "scaffolding", "wall", "walls",
    "floor", "stage", "house", "shed", "fence", "deck", "balcony", "stairs", "sofa", "couch",
    "cot", "pram", "buggy", "umbrella", "box", "boxes", "cake", "souffle", "tunnel", "mine",
    "crane", "structure", "phone", "trampoline", "gazebo", "hammock", "stool", "bench",
    # animals
    "dog", "dogs", "cat", "cats", "horse", "horses", "pet", "pets", "puppy", "kitten",
    "rabbit", "hamster", "pony", "cow", "sheep", "pig", "bird", "budgie", "tortoise",
    # abstractions
    "economy", "market", "markets", "business", "company", "marriage", "deal", "talks",
    "government", "plan", "plans", "relationship", "project", "system", "it", "everything",
    "something", "which"))
# Adverbs and auxiliaries between the subject and the verb: "she has just suddenly collapsed",
# "he was found collapsed", "she keeps collapsing".
_SKIP = frozenset((
    "just", "suddenly", "has", "had", "have", "was", "were", "is", "are", "been",
    "also", "again", "kept", "keeps", "keep", "literally", "actually", "simply", "apparently",
    "reportedly", "found", "finally", "eventually", "unexpectedly", "abruptly", "briefly",
    "repeatedly", "once", "twice", "later", "today", "yesterday", "all", "both", "completely",
    "now", "got", "started", "began"))
# Words after which the subject is further back ("My knee gave way and collapsed", "The chair
# my dad sat on collapsed", "the shelf that collapsed", "My dog was sick this morning then
# collapsed"): the sentence's subject is read instead, when it opens with a determiner.
_FUNCTION = frozenset((
    "and", "then", "but", "&", "before", "after", "so", ",", "on", "in", "at", "under", "with",
    "to", "from", "of", "over", "onto", "into", "morning", "afternoon", "evening", "night",
    "tonight", "week", "ago", "earlier", "who"))
_CLAUSE_BREAK = frozenset((
    "and", "but", "then", "so", ",", "&", "when", "while", "whilst", "as", "because", "after",
    "before", "until", "till", "where", "whereas", "or", "cos", "since"))
_PLACE = frozenset(("at", "in", "on", "near", "by", "from", "outside", "inside", "behind",
                    "under", "opposite", "beside", "up", "down", "off", "to"))
_DETERMINER = frozenset(("my", "our", "his", "her", "their", "the", "a", "an", "your", "this",
                         "that"))
_PRONOUN = frozenset(("i", "he", "she", "they", "we", "you", "someone", "somebody"))
_CONTRACTION = re.compile(r"'(?:s|ve|d|m|re)$")
_TOKEN = re.compile(r"[\w'/-]+|,|\?")
_SENTENCE_END = re.compile(r"[.;!?\n]")
# Not an event: only a word DIRECTLY governing the verb (lead decision on the re-review: "I
# don't know if it's serious but my dad collapsed", "what should I do my wife just collapsed",
# "could you help my dad collapsed" are events). A near miss ("nearly / almost collapsed",
# "on the verge of collapse"), a threat or a guess ("I'll collapse", "about to / going to
# collapse", "would / could (have) / might collapse"), a mood ("emotionally collapsing"), a
# condition ("if someone collapses", "in case he collapses": up to four words, no clause
# break), a collapse prevented ("to prevent the table from collapsing") or at risk.
_ADVERBS = r"(?:(?:just|really|actually|probably|definitely|literally|totally|simply|soon)\s+)*"
_NOT_AN_EVENT = re.compile(
    r"(?:\b(?:nearly|almost|practically|virtually|about to|going to|gonna|will|would|could|"
    r"might|should|must|emotionally|mentally|(?:verge|brink|point|edge|risk|danger|fear) of)"
    r"|'ll|\b(?-i:may))\s+" + _ADVERBS + r"$"
    r"|\b(?:would|could|'d)\s+(?:\w+\s+)?have\s+" + _ADVERBS + r"$"
    r"|\b(?:prevent\w*|avoid\w*)\s+(?:[\w'/-]+\s+){0,4}$", re.I)
# A condition ("if someone collapses", "in case he collapses") is no event, but a condition
# word before a past-tense verb tells one ("is it serious if my dad collapsed?", "what do I do
# if my wife has collapsed"): a worried relative's question about what happened.
_CONDITION = re.compile(
    r"\b(?:if|unless|in case|in the event)\s+(?:(?!(?:and|but|so|then)\b)[\w'/-]+\s+){0,4}$",
    re.I)
_PAST_EVENT = re.compile(r"collapsed\b|keeled over\b|(?:suddenly|just) (?:dropped|slumped|fell|"
                         r"went down)\b|went (?:limp|floppy)\b", re.I)
_NEGATED_BEFORE = re.compile(r"(?:\bnot|n't|\bnever)\s+(?:\w+\s+)?$", re.I)


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (after the last :data:`_SENTENCE_END`)."""
    return max((m.end() for m in _SENTENCE_END.finditer(text, 0, pos)), default=0)


def _bare(token: str) -> str:
    return _CONTRACTION.sub("", token)


def _sentence_subject_is_a_thing(tokens: list[str]) -> bool:
    """Whether a sentence that opens with a determiner names a thing as its subject ("My knee
    gave way and ...", "The chair my dad sat on ..."), before any person is named."""
    if not tokens or tokens[0] not in _DETERMINER:
        return False
    for token in tokens[1:4]:
        word = _bare(token)
        if word in _NOT_PERSON:
            return True
        if word in _PRONOUN or token.endswith("'s"):
            return False
    return False


def _placed_person(tokens: list[str]) -> bool:
    """Whether the tokens before a thing are "<someone> <place preposition> ...": the subject
    is the one before the preposition ("a lady on the bridge"), if that is no thing."""
    for j in range(len(tokens) - 1, 0, -1):
        if tokens[j] in _CLAUSE_BREAK:
            return False
        if tokens[j] in _PLACE and _bare(tokens[j - 1]) not in _NOT_PERSON | _DETERMINER | _PLACE:
            return True
    return False


def collapse_not_a_person(text: str, start: int) -> bool:
    """Whether the collapse word at ``start`` is no person's collapse: a thing, a body part or
    an animal collapsed (the head noun before the verb), or a word directly governing the verb
    makes it a near miss, a threat, a condition or a mood. Any other subject is a person
    ("dave", "my flatmate", "a customer", "the lad", "my 5yo")."""
    left = _sentence_start(text, start)
    before = text[left:start]
    if _NOT_AN_EVENT.search(before):
        return True
    if _CONDITION.search(before) and not (
            _PAST_EVENT.match(text, start)
            and not re.search(r"\b(?:would|could|should|might|'d)\b", before[-40:], re.I)):
        return True
    tokens = [t.lower() for t in _TOKEN.findall(before)]
    i = len(tokens) - 1
    while i >= 0 and _bare(tokens[i]) in _SKIP:
        i -= 1
    if i < 0:
        return False  # "Collapsed at home.", "Suddenly collapsed."
    word = _bare(tokens[i])
    if word in ("that", "who") and i > 0:  # "the shelf that collapsed", "a man who ..."
        return _bare(tokens[i - 1]) in _NOT_PERSON
    if word in _NOT_PERSON:
        # a person placed by a thing: "a lady on the bridge collapsed", "the old man at the
        # market collapsed" (not "the chair in the kitchen collapsed")
        return not _placed_person(tokens[:i])
    if word in _FUNCTION:
        return _sentence_subject_is_a_thing(tokens[:i])
    # a relative clause with no clause break: "The shelf that held my books collapsed", "The
    # chair my dad sat on collapsed" (not "The dog barked and my dad collapsed", "The table
    # was set when grandad collapsed")
    return (word not in _PRONOUN and _sentence_subject_is_a_thing(tokens[:i])
            and not any(t in _CLAUSE_BREAK for t in tokens[:i]))


# A stated full recovery, present-tense, AFTER the collapse (NHS Fainting: came round, now well
# -> GP / 111): "now fine", "is fine now", "back to normal", "alert now", "feels fine now",
# "felt fine after a drink". Not "he was fine yesterday" / "I thought she was fine this
# morning" (before the collapse, told after it), nor (lay12) the person's USUAL health ("normally
# he's fine", "she's fine most of the time", "fine in himself") or someone else's ("his sister's
# fine"): ``lay_words.usual_health``, the one reading red_flags' "it's over" uses (NHS "When to
# call 999" asks what is happening now; a collapse in a usually well person is new).
_RECOVERED = re.compile(
    r"\b(?:(?:is|'s|are|seems?|feels?|feeling|now|and)\s+"
    r"(?:now\s+)?(?:absolutely |completely |totally |perfectly |quite |all )?(?:fine|ok|okay|"
    r"normal|alright|all right)\b(?!\s+(?:yesterday|this morning|earlier|before|last)\b)"
    r"|(?:fine|ok|okay|alright|all right) now\b"
    r"|(?:was|were|felt|seemed) (?:absolutely |completely |totally |perfectly |quite |all )?"
    r"(?:fine|ok|okay|alright|all right|normal) (?:after|afterwards|straight after|again)\b"
    r"|back to (?:normal|(?:his|her|my|their|your) (?:normal|usual|old)(?: self)?)\b"
    r"|(?:now|is|'s) (?:fully )?alert\b|alert now\b|fully recovered\b"
    r"|recovered (?:fully|completely|quickly|straight away|immediately)\b"
    r"|completely recovered\b)", re.I)
# "her breathing is normal" is a vital function, not a recovery of the person
_FUNCTION_BEFORE = re.compile(
    r"\b(?:breathing|pulse|heart ?rate|heartbeat|bp|blood pressure|sugars?|colou?r|"
    r"temperature|temp|sats|oxygen)\s+$", re.I)
# A "but" or a danger sign after the recovery, in its sentence, cancels it: "is now ok but has
# chest pain", "breathing is normal but she looks grey" (NHS 999: chest pain, grey / blue /
# pale and clammy, breathless, confused, a fit, bleeding)
_CANCELLED_AFTER = re.compile(
    r"\b(?:but|though|although|except|apart from|still|yet)\b|chest pain|breath\w*|grey|gray|"
    r"blue|pale|clammy|sweat\w*|confus\w*|drows\w*|fit(?:s|ting)?\b|seiz\w*|bleed\w*|"
    r"headache|vomit\w*|numb\w*|weak\w*|slur\w*|can'?t (?:move|speak|feel)", re.I)


def recovered_after(text: str, end: int) -> bool:
    """Whether a full recovery is stated after the collapse ending at ``end`` ("felt fine after
    a drink", "now fine", "back to normal", "alert now"), not negated ("isn't fine"), not of a
    vital function ("breathing is normal"), not the usual health ("normally he's fine") and not
    cancelled by a "but" or a danger sign later
    in its sentence ("is now ok but has chest pain")."""
    tail = text[end:end + 160]
    for m in _RECOVERED.finditer(tail):
        if _NEGATED_BEFORE.search(tail[:m.start()]) or _FUNCTION_BEFORE.search(tail[:m.start()]):
            continue
        if usual_health(tail, m):
            continue  # "my dad collapsed, normally he's fine": his usual health (lay12)
        stop = _SENTENCE_END.search(tail, m.end())
        if _CANCELLED_AFTER.search(tail[m.end():stop.start() if stop else len(tail)]):
            continue
        return True
    return False


# (tri9fix2) "<subject> isn't waking up": any subject but a thing that wakes someone (an
# alarm, a phone, an app) or a thing named above, level 1 (NHS When to call 999)
_WAKE_DEVICE = frozenset((
    "alarm", "alarms", "phone", "app", "clock", "laptop", "computer", "pc", "tablet", "ipad",
    "screen", "mac", "tv", "monitor", "noise", "it", "that", "this", "coffee", "music"))


def wake_subject_is_a_thing(text: str, start: int) -> bool:
    """Whether the one that "isn't waking" (the match at ``start``) is a thing: the word before
    the verb ("my alarm isn't waking me"), or, after "and" / "but", the sentence's subject."""
    left = _sentence_start(text, start)
    tokens = [_bare(t.lower()) for t in _TOKEN.findall(text[left:start])]
    while tokens and tokens[-1] in ("just", "still", "simply", "now"):
        tokens.pop()
    if not tokens:
        return False
    if tokens[-1] in ("and", "but", ","):
        return any(t in _WAKE_DEVICE for t in tokens)
    return tokens[-1] in _WAKE_DEVICE or tokens[-1] in _NOT_PERSON


# (tristop) The "not responding" device / treatment-failure readers (trirob, trifix, trifix2)
# are gone: the red flag reads every verb form of a non-response with no subject guard since
# 57a90c4 (real people read as things or failing treatments fell from level 1 to 4), and the
# AVPU "U" of ``parse`` now reads the same forms the same way, so a record never carries the
# ``unresponsive`` flag without AVPU "U" (tests/test_triage_respond_revert.py).
