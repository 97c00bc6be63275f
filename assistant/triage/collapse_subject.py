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
# morning" (before the collapse, told after it).
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
    vital function ("breathing is normal") and not cancelled by a "but" or a danger sign later
    in its sentence ("is now ok but has chest pain")."""
    tail = text[end:end + 160]
    for m in _RECOVERED.finditer(tail):
        if _NEGATED_BEFORE.search(tail[:m.start()]) or _FUNCTION_BEFORE.search(tail[:m.start()]):
            continue
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


# (trirob) "<subject> is not responding": a device or a program that hangs is no unresponsive
# person ("the app is not responding", "my laptop isn't responding", "the website stopped
# responding"). Unresponsiveness is a person's level of consciousness (AVPU "U"; NHS When to
# call 999: someone unconscious or not responding), so a thing as the subject is no such sign.
# Only devices, software and machines are things here (WordNet noun.artifact: device, machine,
# computer and their hyponyms, as a user names them) and organisations (WordNet noun.group:
# "my GP surgery isn't responding to my emails"): a body part that "is not responding"
# ("my legs are not responding") is a weakness, which stays read (the safe side), and so does
# any other subject, named or not ("dave isn't responding", "my flatmate is not responding").
# (trifix, safety review of trirob) The thing counts only as the grammatical subject of a
# verb form ("is not responding", "isn't responding", "stopped responding"), never of
# "unresponsive" / "non-responsive" / "not responsive" (read as in 09ab0f7: "the driver of the
# other car is unresponsive"); not a preposition's object ("my dad is in the car not
# responding", "grandpa in front of the tv not responding"); and never in a sentence that
# names a person (:data:`_RESPOND_PERSON`: "the apnoea monitor alarmed and the baby went pale
# and it is not responding").
_RESPOND_DEVICE = frozenset((
    "app", "apps", "application", "website", "site", "webpage", "web", "page", "browser",
    "server", "program", "programme", "software", "computer", "pc", "laptop", "tablet", "ipad",
    "iphone", "phone", "mobile", "smartphone", "android", "screen", "touchscreen", "monitor",
    "display", "keyboard", "mouse", "trackpad", "touchpad", "printer", "router", "modem", "wifi",
    "internet", "tv", "telly", "television", "remote", "console", "xbox", "playstation",
    "controller", "device", "machine", "car", "engine", "brakes", "steering", "game", "link",
    "button", "chatbot", "bot", "email", "portal", "camera", "smartwatch", "watch", "fitbit",
    "alexa", "kindle", "system", "windows", "chrome", "form", "login", "account",
    # organisations (WordNet noun.group)
    "surgery", "practice", "clinic", "pharmacy", "chemist", "council", "company", "office",
    "helpline", "service", "landlord's", "agency", "school", "bank"))
_PRONOUN_THING = frozenset(("it", "this", "that"))
# person words: a sentence naming one is about that person ("someone in a car is unresponsive")
_RESPOND_PERSON = frozenset((
    "he", "she", "him", "someone", "somebody", "anyone", "anybody", "everyone", "person",
    "people", "baby", "babies", "infant", "newborn", "toddler", "child", "children", "kid",
    "kids", "boy", "girl", "man", "men", "woman", "women", "lady", "guy", "bloke", "lad",
    "patient", "pt", "casualty", "victim", "mum", "mom", "mummy", "mommy", "mother", "dad",
    "daddy", "father", "son", "daughter", "husband", "wife", "partner", "boyfriend",
    "girlfriend", "friend", "flatmate", "roommate", "housemate", "brother", "sister", "twin",
    "grandpa", "grandad", "granddad", "grandma", "granny", "grandmother", "grandfather", "nan",
    "nana", "nanna", "uncle", "aunt", "auntie", "cousin", "nephew", "niece", "driver",
    "passenger", "cyclist", "rider", "pedestrian", "neighbour", "neighbor", "colleague",
    "student", "resident", "client", "teenager", "teen", "elderly", "stepdad", "stepmum"))
# what stands before a preposition's object: "in front of the tv", "next to the machine"
_RESPOND_PREPOSITION = frozenset((
    "in", "on", "at", "of", "by", "from", "near", "beside", "to", "with", "under", "inside",
    "behind", "onto", "into", "over", "outside", "against", "via"))
_RESPOND_DETERMINER = _DETERMINER | frozenset((
    "its", "these", "those", "some", "other", "another", "same", "new", "old"))
_RESPONSIVE_FORM = re.compile(r"(?:un|non-?)responsive|not (?:really |properly )?responsive",
                              re.I)


def _respond_tokens(text: str, start: int) -> list[str]:
    """The sentence's words before ``start`` (bare, lower case), the auxiliaries and adverbs
    that stand before "responding" (:data:`_RESPOND_SKIP`) dropped from the end."""
    left = _sentence_start(text, start)
    tokens = [_bare(t.lower()) for t in _TOKEN.findall(text[left:start])]
    while tokens and tokens[-1] in _RESPOND_SKIP:
        tokens.pop()
    return tokens


def _respond_head(tokens: list[str]) -> str | None:
    """The head of the subject of "(is) not responding": the word before it; after "and" /
    "but" / a comma, the sentence's subject; the antecedent of "which" / "that" / "who"
    ("an infection that isn't responding"); and, when the word is a preposition's object
    ("the driver of the car", "dad on the dialysis machine"), the sentence's subject."""
    if not tokens:
        return None
    i = len(tokens) - 1
    if tokens[i] in ("which", "who") or (tokens[i] == "that" and i > 0
                                          and tokens[i - 1] not in _RESPOND_SKIP):
        i -= 1
        if i < 0:
            return None
    if tokens[i] in ("and", "but", ",", "then", "so", "&"):
        # the subject of the clause it continues: after the last subordinator ("she states
        # that her headache today is severe, worse lying down, and not responding to ...")
        k = max((j for j in range(i) if tokens[j] in _SUBORDINATOR), default=-1)
        return _first_noun(tokens[k + 1:i])
    # a preposition before the word (past determiners and up to two modifiers)
    j, modifiers = i - 1, 0
    while j >= 0 and (tokens[j] in _RESPOND_DETERMINER or (
            modifiers < 2 and tokens[j] not in _RESPOND_PREPOSITION
            and tokens[j] not in ("and", "but", ",", "then", "so", "&"))):
        if tokens[j] not in _RESPOND_DETERMINER:
            modifiers += 1
        j -= 1
    if j >= 0 and tokens[j] in _RESPOND_PREPOSITION:
        return _first_noun(tokens[:j])
    return tokens[i]


_SUBORDINATOR = frozenset(("that", "because", "as", "since", "when", "while", "whilst",
                           "although", "though", "if", "which", "who", "whose"))


def _first_noun(tokens: list[str]) -> str | None:
    """The sentence's subject: its first word after a determiner."""
    i = 0
    while i < len(tokens) and tokens[i] in _RESPOND_DETERMINER:
        i += 1
    return tokens[i] if i < len(tokens) else None


def respond_subject_is_a_thing(text: str, start: int) -> bool:
    """Whether the one that "is not responding" (the verb-form match at ``start``) is a device,
    a program or an organisation (:data:`_RESPOND_DEVICE`) as the grammatical subject, in a
    sentence that names no person (:data:`_RESPOND_PERSON`); "it" / "this" / "that" when the
    sentence names a device before it ("I opened the app but it is not responding"). Never
    for "unresponsive" / "non-responsive" / "not responsive": those read as a person."""
    if _RESPONSIVE_FORM.match(text, start):
        return False
    left = _sentence_start(text, start)
    end_m = _SENTENCE_END.search(text, start)
    sentence = [_bare(t.lower()) for t in _TOKEN.findall(
        text[left:end_m.start() if end_m else len(text)])]
    if any(t in _RESPOND_PERSON for t in sentence):
        return False
    tokens = _respond_tokens(text, start)
    word = _respond_head(tokens)
    if word is None:
        return False
    if word in _RESPOND_DEVICE:
        return True
    if word in _PRONOUN_THING and tokens and tokens[-1] == word:
        return any(t in _RESPOND_DEVICE for t in tokens[:-1])
    return False


# what may stand between the subject and "responding": "the app has just stopped responding",
# "my phone is still not responding", "it's completely unresponsive"
_RESPOND_SKIP = frozenset((
    "is", "isn't", "are", "aren't", "was", "wasn't", "were", "weren't", "has", "have", "had",
    "been", "not", "just", "still", "now", "completely", "totally", "fully", "really", "also",
    "again", "suddenly", "stopped", "keeps", "kept", "seems", "became", "become", "gone", "went",
    "n't", "doesn't", "didn't", "won't", "will", "be", "being", "literally", "simply", "now",
    "currently"))


# (trifix, safety review of trirob) "not responding to X": a treatment that fails is no
# unresponsive person only when the subject is a condition, a symptom or a body system ("his
# infection is not responding to antibiotics", "my acne isn't responding to anything", "her
# headache ... not responding to ibuprofen"), or when the object is a routine treatment and
# no person is the subject ("not responding to antibiotics."); any other "to X" is a person
# who does not respond (NHS When to call 999: someone unconscious or not responding; AVPU
# "U"): to a voice, a name, a person, being shaken, a sternal rub, a noise. A rescue
# treatment (naloxone, CPR, adrenaline, glucose, an inhaler: NHS / Resuscitation Council UK
# first aid) that a person does not respond to is an emergency, never blocked.
_RESPOND_CONDITION = frozenset((
    "infection", "infections", "rash", "rashes", "eczema", "psoriasis", "dermatitis", "acne",
    "spots", "pimples", "cough", "cold", "flu", "pain", "pains", "ache", "aches", "uti", "utis",
    "headache", "headaches", "migraine", "migraines", "pressure", "bp", "sugar", "sugars",
    "levels", "temperature", "temp", "fever", "symptoms", "symptom", "condition", "asthma",
    "cancer", "tumour", "tumor", "disease", "illness", "wound", "ulcer", "ulcers", "cellulitis",
    "pneumonia", "tonsillitis", "sinusitis", "bronchitis", "thrush", "wart", "warts", "verruca",
    "hives", "allergy", "allergies", "hayfever", "arthritis", "gout", "reflux", "heartburn",
    "indigestion", "constipation", "diarrhoea", "diarrhea", "depression", "anxiety", "insomnia",
    "thyroid", "diabetes", "cholesterol", "hypertension", "swelling", "inflammation", "itch",
    "itching", "sore", "sores", "blisters", "boil", "abscess", "lesion", "lesions", "cystitis",
    "conjunctivitis", "impetigo", "shingles", "sciatica", "bowels", "bladder", "kidneys",
    "liver", "skin", "scalp", "tumours", "tumors", "wheeze", "wheezing", "congestion",
    "nausea", "itchiness", "soreness", "spasms", "cramps"))
_RESPOND_RESCUE = re.compile(
    r"(?:naloxone|narcan|cpr|rescue breaths?|rescue breathing|chest compressions?|"
    r"resuscitation|adrenaline|adrenalin|epinephrine|epi-?pens?|jext|emerade|glucose|glucagon|"
    r"dextrose|glucogel|hypostop|inhalers?|oxygen|nebuli[sz]\w*|defib\w*|first aid)\b", re.I)
_RESPOND_ROUTINE = re.compile(
    r"(?:antibiotics?|abx|amoxicillin|penicillin|flucloxacillin|doxycycline|nitrofurantoin|"
    r"trimethoprim|treatments?|medications?|medicines?|meds|tablets?|pills?|creams?|"
    r"ointments?|lotions?|gels?|moisturi[sz]ers?|emollients?|painkillers?|pain ?killers?|"
    r"pain relief|analgesi\w*|ibuprofen|paracetamol|acetaminophen|naproxen|co-?codamol|"
    r"steroids?|prednisolone|prednisone|therapy|physio\w*|chemo\w*|radiotherapy|courses?|"
    r"antihistamines?|antifungals?|antivirals?|omeprazole|lansoprazole|ppis?|laxatives?|"
    r"diuretics?|insulin|metformin|drops|sprays?|shampoo|diet|exercises?)\b", re.I)
_RESPOND_STIMULUS = re.compile(
    r"(?:pain(?:ful)?(?: stimul\w*)?\b(?! ?(?:killers?|relief))|voices?|verbal|stimul\w*|"
    r"commands?|touch\w*|sounds?|nois\w*|shak\w*|sternal|rub|pinch\w*|tapp?\w*|call\w*|"
    r"name|names|me\b|us\b|him\b|them\b|anyone|anybody)", re.I)
_RESPOND_TO = re.compile(
    r"(?:\s+(?:very\s+|that\s+|as\s+|so\s+)?(?P<q>well|much))?\s+to\s+"
    r"(?P<det>(?:(?:the|a|an|my|his|her|their|our|your|its|any|this|that|these|those|some|all|"
    r"oral|iv|usual|regular|prescribed|new|first|second|latest|current|being)\s+)*)"
    r"(?P<obj>[\w'-]+(?:\s+[\w'-]+)?)", re.I)


def respond_is_treatment_failure(text: str, start: int, end: int, avpu: bool = False) -> bool:
    """Whether "not responding" (``text[start:end]``) followed by "to X" is a treatment that
    fails rather than a person who does not respond (see :data:`_RESPOND_CONDITION`). With
    ``avpu`` (the AVPU "U" reading of ``parse``), a rescue treatment in a sentence naming no
    person is a treatment failure too, as in 09ab0f7 ("not responding to his inhaler": no
    "U"; the red flag still reads it, level 1 as before)."""
    m = _RESPOND_TO.match(text, end)
    if m is None:
        return False
    # the object's head, or the word after a modifier ("to loud noises", "to strong painkillers")
    words = m.group("obj").split()
    objs = [" ".join(words[i:]) for i in range(len(words))]
    if any(_RESPOND_STIMULUS.match(o) for o in objs):
        return False
    head = _respond_head(_respond_tokens(text, start))
    condition = head in _RESPOND_CONDITION
    if any(_RESPOND_RESCUE.match(o) for o in objs):
        # a rescue treatment: never blocked in a sentence naming a person
        left = _sentence_start(text, start)
        end_m = _SENTENCE_END.search(text, end)
        sentence = [_bare(t.lower()) for t in _TOKEN.findall(
            text[left:end_m.start() if end_m else len(text)])]
        return (condition or avpu) and not any(t in _RESPOND_PERSON for t in sentence)
    if condition:
        return True
    if any(_RESPOND_ROUTINE.match(o) for o in objs):
        # "not responding well to antibiotics" is a treatment's effect whoever the subject
        return head not in _RESPOND_PERSON | {"i", "we", "you", "they"} or m.group("q") is not None
    return False
