"""A stroke named only as past history (issue 21, mts8): "The patient has sinus and CVA" under a
history heading, "multiple medical problems including ... possible stroke ... who presents with
dizziness", "history of stroke", "s/p CVA in 2019".

The ``stroke signs (FAST)`` red flag reads the words "stroke", "CVA" and "TIA" as well as the
signs. A stroke the note places in the past is a risk factor, not this presentation (NHS
Stroke: act FAST on the *signs*; ESI Handbook v4: a new focal deficit is high risk, a past
stroke is history). This LOWERS a level, so it is narrow: the named word is set aside only when
every mention of it is clearly past AND no current stroke sign is written anywhere in the text
(:data:`CURRENT_SIGN`, affirmed: a new weakness, a droop, slurred or lost speech, numbness, a
sudden onset, a loss of vision or balance, confusion). "History of stroke, now new right arm
weakness since this morning" and "my dad had a stroke before and now his face is drooping" stay
emergencies.
"""

from __future__ import annotations

import re

from assistant.triage.red_flags import (
    DATED_PAST,
    dated_past,
    find_affirmed_danger,
    in_history_sentence,
)

#: the stroke named as such (the words of the FAST rule's named triggers)
NAMED = re.compile(r"\b(?:stroke\w*|cva|tia)\b", re.I)
# Words that head a list of past or standing problems ("history of", "h/o", "s/p", "prior",
# "medical problems including"); the name must be an item of that list (see ``_list_item``).
_PAST_BEFORE = re.compile(
    r"\b(?:history of|hx of|h/o|s/p|status post|prior|previous|previously|remote|(?<!-)past|"
    r"(?:medical |health )?problems (?:including|include|includes|such as|of)|"
    r"comorbidit\w* (?:including|include|of|such as)|"
    # the indication of a standing anticoagulant or antiplatelet ("treated with Coumadin because
    # of atrial fibrillation and stroke": mts6 mts-1369)
    r"(?:coumadin|warfarin|anticoagula\w*|apixaban|eliquis|rivaroxaban|xarelto|dabigatran|aspirin|"
    r"clopidogrel|plavix) (?:\w+ ){0,2}?(?:because of|for|given|due to))\b", re.I)
_LIST_SEP = re.compile(r",|/|\b(?:or|and)\b", re.I)
_MAX_ITEM_WORDS = 5
# A word in the mention's own sentence that makes it this presentation, whatever else says past.
_NOW_IN_SENTENCE = re.compile(
    r"\b(?:now|today|tonight|this (?:morning|afternoon|evening)|last night|yesterday|just|"
    r"currently|ongoing|evolving|acute\w*|new|ambulance|code|alert|thromboly\w*|tpa)\b", re.I)
# ... and a presentation verb BEFORE the name ("presents with a stroke"; a "who presents with
# dizziness" after a list of problems is the next statement).
_PRESENTS_BEFORE = re.compile(r"\b(?:presents?|presented|presenting|came|comes?|brought|admitted|"
                              r"having|is having|suffered|suffering) (?:\w+ ){0,3}?(?:with|a|an)?\b",
                              re.I)
# ... or after it ("had a stroke before", "a stroke in 2019", "a CVA 3 years ago").
_PAST_AFTER = re.compile(r"\s*(?:\w+\s+){0,2}?(?:before|in the past|previously|years ago)\b|"
                         + DATED_PAST.pattern, re.I)
# A history section heading on an earlier line ("FAMILY, SOCIAL, AND ALLERGY HISTORY:",
# "PAST MEDICAL HISTORY:", "PMH:") that no presentation heading has followed.
_HISTORY_HEADING = re.compile(r"^[ \t]*[A-Z ,/&]*(?:HISTORY|PMH|PMHX)[A-Z ,/&]*:", re.M)
_OTHER_HEADING = re.compile(r"^[ \t]*[A-Z][A-Z ,/&]{2,}:", re.M)
# A presentation word after the name in its sentence: the list ended ("..., possible stroke,
# who presents with dizziness": the stroke is in the list, the dizziness is presented).
_PRESENTS_AFTER = re.compile(r"\b(?:who|which) (?:now )?(?:presents?|presented|comes?|came|is seen|"
                             r"complains?)\b", re.I)
_SENTENCE_END = re.compile(r"[.;!?\n]")
#: a current stroke sign in notes and lay words (any one, affirmed, keeps the emergency)
CURRENT_SIGN = re.compile(
    r"\b(?:weak\w*|numb\w*|tingl\w*|droop\w*|dropped|lopsided|slurr\w*|dysarthri\w*|aphasi\w*|"
    r"dysphasi\w*|hemipar\w*|hemipleg\w*|paralys\w*|palsy|arm drift|(?:can(?:no|')?t|cannot|unable "
    r"to|couldn'?t|trouble|difficulty) (?:\w+ )?(?:speak\w*|talk\w*|lift\w*|raise|mov\w*|find (?:the |"
    r"his |her |my )?words|get (?:the |his |her |my )?words out|understand\w*|walk\w*|see)|"
    r"(?:speech|words) (?:\w+ ){0,3}(?:funny|strange|odd|wrong|jumbled|muddled|garbled)|"
    r"sudden\w*|abrupt\w*|(?:loss of|lost (?:the )?|losing|blurr\w*|double) (?:vision|sight|balance)|"
    r"vision loss|diplopia|hemianop\w*|ataxi\w*|unsteady|off balance|confus\w*|disorient\w*|"
    r"fast (?:positive|\+)|new (?:\w+ ){0,3}(?:deficit|symptoms?|signs?)|deficits?|"
    # lay words (NHS Stroke: face dropped, arm weak or heavy, speech slurred or jumbled, sight
    # lost or blurred, confusion): any one keeps the emergency
    r"blurr\w*|blind\w*|heavy|clumsy|useless|nonsense|gibberish|not making (?:any )?sense|muddled|"
    r"jumbled|garbled|(?:left|right|one) side (?:\w+ ){0,3}(?:gone|dead|not working|stopped))",
    re.I)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_m = _SENTENCE_END.search(text, end)
    return left, right_m.start() if right_m else len(text)


def _list_item(gap: str) -> bool:
    """Whether ``gap`` (from a list head to the name) is a list of short items: the name is an
    item of that list, not a later statement."""
    return all(len(it.split()) <= _MAX_ITEM_WORDS for it in _LIST_SEP.split(gap))


def _under_history_heading(text: str, start: int) -> bool:
    """Whether the last section heading before ``start`` is a history heading."""
    heads = list(_OTHER_HEADING.finditer(text, 0, start))
    return bool(heads) and _HISTORY_HEADING.match(heads[-1].group(0)) is not None


def mention_is_past(text: str, start: int, end: int) -> bool:
    """Whether the stroke named at ``text[start:end]`` is clearly past history."""
    left, right = _sentence(text, start, end)
    if _NOW_IN_SENTENCE.search(text, left, right) or _PRESENTS_BEFORE.search(text, left, start):
        return False
    if in_history_sentence(text, start) or dated_past(text, start, end):
        return True
    if _PAST_AFTER.match(text, end):
        return True
    heads = list(_PAST_BEFORE.finditer(text, left, start))
    if heads and _list_item(text[heads[-1].end():start]):
        return True
    if _PRESENTS_AFTER.search(text, end, right) and text.count(",", left, start) >= 2 and (
            _list_item(text[text.rfind(",", left, start) + 1:start])):
        return True
    return _under_history_heading(text, start)


def named_stroke_past_only(text: str) -> bool:
    """True when every named stroke / CVA / TIA in ``text`` is past history and no current
    stroke sign is affirmed anywhere: then the name alone may not fire the FAST red flag."""
    mentions = list(NAMED.finditer(text))
    if not mentions or not all(mention_is_past(text, m.start(), m.end()) for m in mentions):
        return False
    return find_affirmed_danger(CURRENT_SIGN, text) is None
