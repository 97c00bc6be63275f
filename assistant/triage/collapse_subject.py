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

# The one who collapsed, as a person (a pronoun, a relative, a clinical "patient", "a 70 year
# old", "male"); a name is read from its capital letter (``_is_name``).
_PERSON = frozenset((
    "i", "he", "she", "they", "we", "you", "someone", "somebody", "patient", "patients", "pt",
    "mum", "mom", "mummy", "mommy", "mother", "dad", "daddy", "father", "husband", "wife",
    "partner", "son", "daughter", "baby", "child", "children", "kid", "kids", "boy", "girl",
    "toddler", "infant", "newborn", "grandad", "granddad", "grandpa", "grandma", "granny",
    "grandmother", "grandfather", "nan", "nana", "nanna", "brother", "sister", "friend",
    "neighbour", "neighbor", "colleague", "uncle", "aunt", "auntie", "man", "woman", "men",
    "women", "lady", "gentleman", "guy", "person", "people", "male", "female", "fiance",
    "fiancee", "boyfriend", "girlfriend", "teenager", "student", "resident", "elderly", "yo",
    "y/o", "runner", "player",
    # an object pronoun: "she found him collapsed on a pile of beets" (MedQA, probe3)
    "him", "them", "me", "us"))
# Words between the subject and the verb: "she has just suddenly collapsed", "he was found
# collapsed", "she keeps collapsing".
_SKIP = frozenset((
    "just", "suddenly", "has", "had", "have", "was", "were", "is", "are", "been",
    "also", "again", "kept", "keeps", "keep", "literally", "actually", "simply", "apparently",
    "reportedly", "found", "finally", "eventually", "unexpectedly", "abruptly", "briefly",
    "repeatedly", "once", "twice", "later", "today", "yesterday", "all", "both", "completely",
    "now", "got", "started", "began"))
# The word before a noun "collapse" or an event told without a subject: "Sudden collapse.",
# "presented with collapse", "brought in after collapsing", "episode of collapse", "his collapse".
_NOUN_CONTEXT = frozenset((
    "sudden", "acute", "witnessed", "unwitnessed", "recurrent", "brief", "another", "possible",
    "new", "with", "after", "following", "before", "since", "post", "of", "his", "her", "my",
    "their", "your", "our", "c/o", "query", "?", "for", "by", "from", "recent", "first",
    "episodes", "episode", "this", "today's", "yesterday's", "syncope", "syncopal"))
_COORDINATED = frozenset(("and", "then", "but", "&", "before", "after", "so"))
# A time told between the subject and the verb ("he felt fine this morning then collapsed",
# "she was at work earlier and collapsed"): the sentence's subject is read as for "and".
_TIME = frozenset(("morning", "afternoon", "evening", "night", "tonight", "week", "ago",
                   "earlier", "lunch", "breakfast", "dinner", "work", "school", "home", "bed"))
# A determiner that opens a sentence's subject ("My knee gave way and collapsed"): the thing
# it names collapsed unless that is a person.
_DETERMINER = frozenset(("my", "our", "his", "her", "their", "the", "a", "an", "your", "this",
                         "that"))
_RELATIVE = frozenset(("who", "that", "which"))
_PLACE_PREPOSITION = frozenset(("at", "in", "on", "next", "near", "by", "from", "upstairs",
                                "downstairs", "outside", "behind", "opposite", "across"))
# A capitalised word at a sentence start that is no name ("Knee collapsed under me").
_THING = frozenset((
    "knee", "knees", "ankle", "ankles", "leg", "legs", "hip", "hips", "back", "arch", "arches",
    "foot", "feet", "nostril", "nostrils", "lung", "lungs", "vein", "veins", "chair", "ladder",
    "ceiling", "roof", "bed", "table", "shelf", "tent", "wall", "dog", "cat", "horse", "it",
    "everything", "something", "phone"))
_CONTRACTION = re.compile(r"'(?:s|ve|d|m|re)$")
_TOKEN = re.compile(r"[\w'/-]+|,|\?")
_SENTENCE_END = re.compile(r"[.;!?\n]")
# A near miss, a threat or a question, and a mood, in the clause before the verb: "nearly /
# almost collapsed", "on the verge of collapse", "I'll collapse if ...", "what should I do if
# someone collapses?", "emotionally collapsing" (the lead's decisions on the review of h-tri9),
# and a collapse prevented or at risk.
_NOT_AN_EVENT = re.compile(
    r"\b(?:nearly|almost|practically|virtually|verge of|brink of|point of|edge of|if|unless|"
    r"in case|should|will|would|could|might|may|going to|gonna|about to|emotionally|"
    # an operative note's "to prevent the table from collapsing" (an MTSamples scan)
    r"mentally|prevent\w*|avoid\w*|risk of)\b|'ll\b", re.I)
# A stated full recovery after the collapse (NHS Fainting: came round, now well -> GP / 111).
_RECOVERED = re.compile(
    r"\b(?:(?:is|was|'s|are|were|seems?|seemed|feels?|felt|feeling|now|and|been)\s+"
    r"(?:absolutely |completely |totally |perfectly |quite |all )?(?:fine|ok|okay|normal|"
    r"alright|all right)\b|back to (?:normal|(?:his|her|my|their|your) (?:normal|usual|old)"
    r"(?: self)?)\b|(?:now|is|was|'s) (?:fully )?alert\b|alert now\b|fully recovered\b|"
    r"recovered (?:fully|completely|quickly|straight away|immediately)\b|completely recovered\b)",
    re.I)
_NEGATED_BEFORE = re.compile(r"(?:\bnot|n't|\bnever)\s+(?:\w+\s+)?$", re.I)


def _bare(token: str) -> str:
    return _CONTRACTION.sub("", token)


def _is_person(token: str) -> bool:
    word = _bare(token)
    return word in _PERSON or word.endswith("-old") or word == "old"


def _is_name(original: str, index: int, tokens: list[str]) -> bool:
    """A capitalised word read as a name ("Dave collapsed", "my friend Dave collapsed"): not
    after a determiner ("The Chair", "My Knee") and not an all-caps heading."""
    if (not original[:1].isupper() or original.isupper() and len(original) > 1
            or original.lower() in _THING):
        return False
    return index == 0 or tokens[index - 1] not in _DETERMINER


def collapse_not_a_person(text: str, start: int) -> bool:
    """Whether the collapse word at ``start`` is no person's collapse: a thing, a body part or
    an animal collapsed, or it is a near miss, a threat, a question or a mood."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    before = text[left:start]
    clause = before[before.rfind(",") + 1:]
    if _NOT_AN_EVENT.search(clause):
        return True
    originals = _TOKEN.findall(before)
    tokens = [t.lower() for t in originals]
    i = len(tokens) - 1
    while i >= 0 and _bare(tokens[i]) in _SKIP:
        i -= 1
    if i < 0:
        return False  # "Collapsed at home.", "Suddenly collapsed."
    word = _bare(tokens[i])
    if _is_person(word) or word in _NOUN_CONTEXT or _is_name(originals[i], i, tokens):
        return False
    if word in _RELATIVE:  # "a 70 year old man who collapsed", "the shelf that collapsed"
        j = i - 1
        return j < 0 or not (_is_person(tokens[j]) or _is_name(originals[j], j, tokens))
    if word in _COORDINATED or word in _TIME or word == ",":
        # "She had chest pain and collapsed" / "Chest pain and collapsed at home" (no subject
        # named: clinical shorthand) against "My knee gave way and collapsed"
        if any(_is_person(t) for t in tokens[:i]):
            return False
        return bool(tokens) and tokens[0] in _DETERMINER
    # a person with a place after it: "the man at the bus stop collapsed", "the old man next
    # door collapsed" (not "the chair my dad sat on collapsed", not "my dad's dog")
    clause_tokens = _TOKEN.findall(clause.lower())
    return not any(_is_person(t) and not t.endswith("'s") and nxt in _PLACE_PREPOSITION
                   for t, nxt in zip(clause_tokens, clause_tokens[1:], strict=False))


def recovered_after(text: str, end: int) -> bool:
    """Whether a full recovery is stated after the collapse ending at ``end`` ("felt fine after
    a drink", "now fine", "back to normal", "alert now"), not negated ("isn't fine")."""
    tail = text[end:end + 160]
    return any(not _NEGATED_BEFORE.search(tail[:m.start()])
               for m in _RECOVERED.finditer(tail))
