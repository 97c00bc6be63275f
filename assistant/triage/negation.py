"""Where a negation stops at a comma, for the triage features whose negation can lower a level.

Clause NegEx (``assistant.clinical.context.clause_negated``) scopes a cue ("no", "denies",
"without") over its whole clause, and a comma does not end a clause there. That is right for a
coordinated list ("denies fever, chills, or chest pain"; "no cough, fever, sputum or wheeze";
"without nausea, vomiting, or diarrhea") and wrong when the comma starts a new affirmative
statement ("my baby has no fever, vomiting blood"; "no rash, floppy and not feeding"; "no chest
pain, breathless since this morning"): the danger feature after the comma was read as denied
and the case went to routine or self-care (review, issue 21).

:func:`scope_view` writes ";" (same length, offsets unchanged) in place of every comma that
does not continue a list, so any negation test run on the view stops there. A comma continues
a list only when the items after it are plain list items (short noun phrases, no verb, no
negation of their own, no lay state word) and the clause closes the list: "or" / "nor" before
its last item, "and" right after the comma or after two commas of the list ("no nausea,
vomiting, diarrhoea and abdominal pain"; "no fever, stiff neck and rash" is a new statement), or an asyndetic run of at least three noun items up to the clause end (a
review-of-systems list: "no fever, chills, night sweats."; no gerund predicate such as
"vomiting blood" and no state with a number such as "8 weeks pregnant" in it). A dash, a
slash before a new statement and an "and" after a list closed by ", or" end the reach too
(review 1 of this scope). Anything else is a new statement: for a danger feature, reading it affirmed when in doubt over-triages, the safe
side (Manchester Triage / ESI: assign the higher level when unsure).

Used for the features that *raise* a level (red-flag triggers and their companions, the
firing features of an emergency or urgent condition entry); the extraction pipeline does not
use it (it negates with ConText).
"""

from __future__ import annotations

import functools
import re

# A clause ends at sentence punctuation (a list never runs past it).
_CLAUSE_END = re.compile(r"[.;:!?\n]")
_COORD = re.compile(r"\s*\b(or|nor|and)\b\s*", re.I)
_MAX_ITEM_WORDS = 5  # "shortness of breath on exertion", "pain on passing urine"
# An item with a verb, an auxiliary, a subject pronoun or a time word of its own is a statement
# ("has been breathless since this morning", "he vomited", "started today"), not a list item.
_STATEMENT = re.compile(
    r"\b(?:i|i'm|i've|he|she|they|we|you|it's|he's|she's|they're|is|are|was|were|am|be|been|"
    r"being|has|have|had|having|keeps?|kept|won't|can|could|will|would|did|does|do|seems?|looks?|"
    r"feels?|felt|got|gets|getting|goes|going|went|turned|turning|started|starts|began|begins|"
    r"since|now|today|tonight|yesterday|this (?:morning|afternoon|evening)|suddenly|just|still|"
    r"again|keeps|but|because|after|then|while|until|which|who)\b", re.I)
# ... and so is an item with a negation of its own ("not feeding", "can't breathe", "unable to
# wake"): the first cue's list has ended before it.
_OWN_NEGATION = re.compile(r"\b(?:not|no|never|nothing|unable|cannot|\w+n't)\b", re.I)
# In a run that no coordinator closes (a gerund or past form in a closed list is read as the
# list's noun: "denies smoking, drinking alcohol, and using illicit drugs"):
# a gerund with an object or an adverb is a predicate ("vomiting blood", "coughing up blood",
# "breathing fast", "struggling to breathe"); a gerund alone or with a preposition is the
# symptom's noun ("vomiting", "bleeding from the gums", "burning on urination"), and so is one
# that modifies a pain or sensation noun ("crushing pain", "burning sensation").
_GERUND_PREDICATE = re.compile(
    r"^\w+ing\s+(?!(?:of|in|on|at|from|with|per|during|after|before|when|while|or|and|nor|"
    r"pains?|sensations?|feelings?)\b)\w", re.I)
# a past form that opens an item is a statement ("vomited blood twice", "collapsed at work"),
# unless it is one of the participles a symptom list uses as an adjective ("blurred vision",
# "decreased appetite", "increased thirst", "altered mental status").
_PAST_OPENING = re.compile(
    r"^(?!(?:blurred|slurred|garbled|muffled|blocked|congested|distended|bloated|disturbed|"
    r"delayed|restricted|discoloured|discolored|decreased|increased|reduced|altered|impaired|"
    r"raised|elevated|enlarged|"
    r"swollen|associated|localized|localised|generalized|generalised|unexplained|unintended|"
    r"unintentional|prolonged|sustained|focused|focal|limited|bloodstained|blood-stained|"
    r"bloodshot|coloured|colored|unusual|inflamed|infected|red)\b)\w+ed\b", re.I)
# Lay state words that describe the patient rather than name a symptom ("floppy", "drowsy",
# "blue"): NHS "Is your baby or toddler seriously ill?" and NICE NG143's red features in the
# words parents use. After a comma they start a statement ("no rash, floppy and sleepy").
_STATE_WORD = re.compile(
    r"\b(?:floppy|sleepy|drowsy|limp|lethargic|listless|unresponsive|unrousable|confused|"
    r"breathless|pale|blue|grey|gray|mottled|clammy|cold|sweaty|faint|dizzy|jaundiced|yellow|"
    r"fitting|shaking|grunting|wheezy|struggling|gasping|choking|collapsed)\b", re.I)
# A state with a number or a time ("8 weeks pregnant", "3 days postpartum", "2 weeks post-op",
# "6 months old") is a statement about the patient, not a symptom a list denies: NHS "Vaginal
# bleeding in pregnancy" (bleeding in pregnancy needs urgent advice) shows why "no pain, heavy
# bleeding, 8 weeks pregnant" must not read the bleeding as denied (review 1 of the scope).
_NUM = (r"(?:\d+(?:[.,]\d+)?\+?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"a few|few|several|a couple of|couple of)")
_TIME_UNIT = r"(?:hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mo|mths?|years?|yrs?|y)"
_QUANTIFIED_STATE = re.compile(
    rf"^(?:about |around |nearly |almost |over |just )?{_NUM}\s*-?\s*{_TIME_UNIT}\b|"
    r"\b(?:pregnant|postpartum|post-partum|post-?natal|post-?op|gestation|old)\b(?=.*\d)|"
    r"(?<=\d)\s*-?\s*(?:weeks?|wks?|months?|years?)\s*-?\s*(?:pregnant|postpartum|old|gestation)",
    re.I)
# In a run no coordinator closes, an item with a number of its own ("2 episodes of vomiting",
# "bleeding for 3 days") is a statement too; a time frame for the whole list ("in the past
# 2 weeks") is not.
_NUMBER = re.compile(rf"\d|\b{_NUM}\s+(?:{_TIME_UNIT}|times|episodes?|kg|lbs?|stones?)\b", re.I)
_LIST_TIME_FRAME = re.compile(
    rf"\b(?:in|over|during|within|for) the (?:past|last|previous) {_NUM}\s*-?\s*{_TIME_UNIT}\b",
    re.I)
# The NegEx cues that head a list (as ``clause_negated``'s).
_CUE = re.compile(r"\b(?:no|not|denies|denied|denying|deny|without|negative for|free of|absence of|"
                  r"nor|neither|never)\b", re.I)
_DETERMINER = re.compile(r"^(?:any|a|an|the|some|severe|much|other)\s+", re.I)


def _plain_item(item: str) -> bool:
    """Whether ``item`` reads as one short noun phrase of a list."""
    words = item.split()
    if not words or len(words) > _MAX_ITEM_WORDS:
        return False
    if _STATEMENT.search(item) or _OWN_NEGATION.search(item):
        return False
    if _QUANTIFIED_STATE.search(_DETERMINER.sub("", item.strip())):
        return False
    # a lay state word opening the item describes the patient
    return not _STATE_WORD.match(_DETERMINER.sub("", item.strip()))


def _noun_item(item: str) -> bool:
    """Whether a plain item is no gerund predicate or past form either (the test for an item
    of a list no coordinator closes: "no fever, vomiting blood" is a new statement, while in
    "denies smoking, drinking alcohol, and using illicit drugs" or "... dizziness or slurred
    speech" the closing coordinator shows the list)."""
    bare = _DETERMINER.sub("", item.strip())
    if _NUMBER.search(_LIST_TIME_FRAME.sub(" ", bare)):
        return False
    return not (_GERUND_PREDICATE.match(bare) or _PAST_OPENING.match(bare))


def _split_coord(item: str) -> tuple[list[str], str]:
    """(the parts of ``item`` split on its coordinators, its last coordinator or "")."""
    parts = [x for x in _COORD.split(item) if x and x.lower() not in ("or", "nor", "and")]
    coords = [m.group(1).lower() for m in _COORD.finditer(f" {item} ")]
    return [x.strip() for x in parts if x.strip()], coords[-1] if coords else ""


def _list_commas(clause: str) -> set[int]:
    """Offsets (in ``clause``) of the commas that continue a coordinated list.

    One right-to-left pass (linear in the number of commas: a triage text may hold 20,000
    characters): whether the items after a comma close a list depends only on where the scan
    from that comma first stops (an item that is no plain list item, or one with a
    coordinator) and on how many items the list holds up to the comma."""
    segs: list[tuple[int, str]] = []
    pos = 0
    for i, c in enumerate(clause):
        if c == ",":
            segs.append((i, clause[pos:i]))
            pos = i + 1
    if not segs:
        return set()
    segs.append((len(clause), clause[pos:]))
    n = len(segs)
    # stop[s]: the first item at or after s where the scan of :func:`_closes` decides (or n
    # when it runs to the clause end); nouns[s]: every item from s to the end is a noun item
    stop = [n] * (n + 1)
    nouns = [True] * (n + 1)
    facts: list[tuple[bool, str]] = [(False, "")] * n
    for s in range(n - 1, 0, -1):
        parts, coord = _split_coord(segs[s][1])
        plain = bool(parts) and all(_plain_item(x) for x in parts)
        facts[s] = (plain, coord)
        stop[s] = s if not plain or coord else stop[s + 1]
        nouns[s] = plain and all(_noun_item(x) for x in parts) and nouns[s + 1]
    keep: set[int] = set()
    last_cue = -1
    for k in range(n - 1):
        # the list starts at the last item up to this comma that holds the negation cue
        if _CUE.search(segs[k][1]):
            last_cue = k
        first = last_cue if last_cue >= 0 else k
        # (items the cue's own part joins count too: "denies numbness and tingling, and ...")
        n_before = k - first + 1 + len(_COORD.findall(segs[first][1]))
        if _closes_at(segs, facts, stop[k + 1], nouns[k + 1], k + 1, n_before):
            keep.add(segs[k][0])
    return keep


def _closes_at(segs: list[tuple[int, str]], facts: list[tuple[bool, str]], t: int,
               all_nouns: bool, s: int, n_before: int) -> bool:
    """Whether the items from ``s`` on (to the clause end) continue a list the clause closes,
    given ``t``, the first item from ``s`` that is no plain item or has a coordinator (or the
    item count when none), and ``all_nouns`` (every item from ``s`` is a noun item);
    ``n_before``: the list's comma-separated items up to the comma, from the cue's."""
    n = len(segs)
    if t == n:
        # a run of plain items to the clause end: a review-of-systems list when it has at
        # least three items ("no fever, chills, night sweats"); two ("no fever, rash") are
        # not visibly one list, nor is a run with a gerund predicate ("no fever, cough,
        # coughing up blood")
        return n_before + (n - s) >= 3 and all_nouns
    plain, coord = facts[t]
    if not plain:
        return False
    if coord in ("or", "nor"):  # "..., or chest pain"; "..., sputum or wheeze"
        return True
    # "and" closes a negated list right after the comma ("denies numbness in his legs, and
    # any problems with his bladder") or after two commas ("no nausea, vomiting, diarrhoea
    # and abdominal pain"): "no fever, stiff neck and rash" reads as a new statement in lay
    # text, and a danger feature is affirmed when in doubt
    return n_before + (t - s + 1) >= 3 or re.match(r"\s*and\b", segs[t][1], re.I) is not None


# A dash after a negated item starts a new statement ("no fever - vomiting blood", "no fever –
# coughing up blood"): a list never uses one, so a spaced hyphen, an en or em dash ends the
# negation's reach (review 1 of the scope). A slash joins a list's nouns ("no nausea/vomiting",
# "denies fever / chills") and ends the reach like a new-statement comma when what follows is
# no noun item of a list ("no fever / vomiting blood", "no rash/floppy").
_DASH = re.compile(r"(?<=\s)-{1,2}(?=\s)|[\u2013\u2014\u2015]")
_SLASH = re.compile(r"(?<!\band)/(?!or\b)", re.I)  # ("and/or" coordinates)
_SLASH_ITEM_END = re.compile(r"[,/.;:!?\n\u2013\u2014\u2015]|\s-{1,2}\s")

# A list a comma and "or" close has ended: an "and" after its last item starts a new statement
# ("No fever, chills, night sweats, or rash and cough for 6 weeks"; "no fever, headache, or
# earache and twisted my knee"), but for the fixed pairs a list names as one item.
_OR_THEN_AND = re.compile(r",\s*(?:or|nor)\b(?P<item>[^,;.:!?\n]*?)(?P<sp>\s)and\b", re.I)
_PAIRS = {("nausea", "vomiting"), ("numbness", "tingling"), ("aches", "pains")}
_NEXT_WORD = re.compile(r"\s*(\w+)")


# An "and" that opens a clause of its own ends a negation's reach (NegEx / ConText termination:
# a new statement is no item of the denied list; issue 21 under-triage review): one with a
# current marker ("no previous strokes and new left-sided weakness", "no history of epilepsy and
# new seizure today", "no fever and suddenly floppy") or a verb of a new statement about the
# patient ("Denies HI and threatened to kill his wife", "denies SI and wants to die", "Denies SI
# and says she will kill herself"). A subject pronoun may come first ("and he now ...").
_CURRENT_MARKER = (r"(?:now|today|tonight|this (?:morning|afternoon|evening)|last night|yesterday|"
                   r"sudden(?:ly)?|new|newly|acute(?:ly)?|recent(?:ly)?|currently|just|since|"
                   r"started|starts|began|begun|developed|develops)")
_AND_NEW_STATEMENT = re.compile(
    r"(?P<sp>\s)and\s+(?=(?:(?:he|she|they|i|we|also|then|later|still)\s+)?(?:" + _CURRENT_MARKER
    + r"|says|said|states|stated|tells|told|reports|reported|admits|admitted|threaten\w*|wants|"
    r"wanted|plans|planned|intends|intended|wishes|wished|is going|was going|will|"
    # a phrase with its own negation is a statement of its own: "my puffer's not helping and I
    # can't breathe" (the "not" must not deny "can't breathe"; safety review of issue 21)
    r"can.?t|cannot|couldn.?t)\b)", re.I)
# A history cue ("no prior stroke", "no history of seizures", "never had asthma before",
# "denies previous chest pain") denies the past; a comma and an item with its own onset marker
# after it ("..., new arm weakness", "..., sudden headache") is the present complaint, even in
# a list-like run ("no history of stroke, TIA, new arm weakness"). Only after a history cue:
# in a review of systems "denies fever, chills, new rash" the "new" item is denied.
_HISTORY_CUE = re.compile(r"\b(?:prior|previous(?:ly)?|past|history|hx|h/o|before|ever|"
                          r"never(?: had| been)?|known)\b", re.I)
_ONSET_ITEM = re.compile(r",\s*(?:(?:and|but)\s+)?(?:(?:he|she|they|i|we)\s+)?(?:(?:has|have|is|are)\s+)?"
                         + _CURRENT_MARKER + r"\b", re.I)


def _cues_in_clause(text: str, pos: int) -> list[re.Match[str]]:
    """The negation cues before ``pos`` in its clause (after the last clause end)."""
    ends = list(_CLAUSE_END.finditer(text, 0, pos))
    left = ends[-1].end() if ends else 0
    return list(_CUE.finditer(text, left, pos))


def _history_onset_commas(text: str) -> list[int]:
    """Offsets of the commas that open an item with its own onset marker after a negated
    history cue in the same clause ("no prior stroke, new arm weakness")."""
    return [m.start() for m in _ONSET_ITEM.finditer(text) if _after_history_cue(text, m.start())]


# "and" + a bare onset adjective ("and new arm weakness", "and sudden vision loss") is often one
# more denied item in a review of systems ("Denies headache, visual change, and new arm
# weakness"): it stays denied only when it closes a comma list after the cue and no history cue
# ("No history of stroke and new right arm weakness" ends it); a bare "No cough and sudden severe
# headache" is a new complaint (safety re-review of issue 21).
_AND_ONSET_ADJ = re.compile(r"\s*and\s+(?:(?:he|she|they|i|we|also|then|later|still)\s+)?"
                            r"(?:new|newly|sudden|acute|recent)\b", re.I)


def _after_history_cue(text: str, pos: int) -> bool:
    """Whether the last negation cue before ``pos`` in its clause denies a history."""
    cues = _cues_in_clause(text, pos)
    return bool(cues) and _HISTORY_CUE.search(text, cues[-1].start(), pos) is not None


def _comma_list_before(text: str, pos: int) -> bool:
    """Whether a comma lies between the last negation cue before ``pos`` in its clause and
    ``pos``: "A, B, and new C" closes a denied list; a bare "No A and new C" does not."""
    cues = _cues_in_clause(text, pos)
    if not cues:
        return False
    # (final review) items each with their own "no" ("No fever, no rash, and sudden severe
    # headache") are no one list the last "and" closes: the sudden item is a new statement
    if len(cues) > 1 and "," in text[cues[-2].end():cues[-1].start()]:
        return False
    # ... nor is a single item before ", and" ("Denies headache, and new weakness on one side")
    return "," in text[cues[-1].end():pos].rstrip().rstrip(",")


def _new_statement_breaks(text: str) -> list[int]:
    """Offsets of the issue-21 breaks: the space before an "and" that opens a new statement and
    each comma that opens an item with its own onset after a denied history."""
    out: list[int] = []
    for m in _AND_NEW_STATEMENT.finditer(text):
        if (_AND_ONSET_ADJ.match(text, m.start("sp")) and not _after_history_cue(text, m.start())
                and _comma_list_before(text, m.start())):
            continue
        out.append(m.start("sp"))
    return out + _history_onset_commas(text)


def _break_statements(text: str) -> str:
    """``text`` with ";" (same length) for each dash, each slash before a new statement and the
    space before an "and" that follows a list closed by ", or"."""
    chars = list(text)
    for m in _OR_THEN_AND.finditer(text):
        last = (m.group("item").split() or [""])[-1].lower()
        nxt = _NEXT_WORD.match(text, m.end())
        if (last, nxt.group(1).lower() if nxt else "") not in _PAIRS:
            chars[m.start("sp")] = ";"
    for m in _DASH.finditer(text):
        for i in range(m.start(), m.end()):
            chars[i] = ";"
    for m in _SLASH.finditer(text):
        end_m = _SLASH_ITEM_END.search(text, m.end())
        parts, _ = _split_coord(text[m.end():end_m.start() if end_m else len(text)])
        if not parts or not all(_plain_item(x) and _noun_item(x) for x in parts):
            chars[m.start()] = ";"
    return "".join(chars)


# "Never had X like this before" tells a first episode, not an absence: the X is here now ("I
# have never had chest pain this bad, it's crushing and going down my arm" was routine, its
# chest pain denied by "never had"). NegEx pseudo-negation (Chapman et al. 2001), as the
# extraction ConText's first-episode words (``context._NEVER_FIRST``); here only a comparison
# with the present ("like this", "this bad", "so severe", "until today", "before tonight", "in
# my life") counts, not a bare "before" ("never had chest pain before" may deny a history).
# The "never" is blanked in the danger view only, so it can end a negation, never extend one.
# (tri9fix, safety review) the comparison must be in the same clause (the lookahead stops at a
# comma: "never had a seizure in my life, I just have a sore throat" denies), "in my life"
# alone is no comparison (only with "like this / this bad" before it, which the words here
# already read), and "like that" is about someone else ("never had a stroke, my mum had one
# like that").
_NEVER_FIRST_EPISODE = re.compile(
    r"\bnever(?=(?: ever)? (?:had|felt|experienced|suffered|known|got|gotten|been)\b"
    r"[^.,;!?\n]{0,60}?\b(?:like (?:this|it)\b|(?:this|so|as) (?:bad|severe|intense|strong|"
    r"painful|sore|heavy|awful|terrible|horrible)\b|(?:until|till|before) (?:today|now|tonight|"
    r"yesterday|last night|this (?:morning|afternoon|evening|week))\b))", re.I)


# An answer "No" that opens a clause and is followed by a subject ("No I have never had chest
# pain like this, it is crushing", "no he is not breathing", "No my husband has collapsed") is a
# reply to a question, not a negation of what follows: "no" negates a noun phrase it heads ("no
# chest pain"), and a subject pronoun or a possessive right after it heads none. The extraction
# ConText already drops an answer "No," written with a comma or "!" (``context._ANSWER_NO``);
# typed without one (chat and speech-to-text lose the comma; the metamorphic "strip_punct"
# rewrite) the "No" reached the whole sentence and the chest pain or the collapse was read as
# denied (issue 21: 2 -> 4). NegEx pseudo-negation (Chapman et al. 2001): a cue that negates
# nothing. Only at a clause start (the text's, or after . ! ? ; : a comma or a line break,
# with an optional "oh" / "well" / "um" first); the words after it keep their own negations
# ("No I don't have chest pain": the "don't" denies it). The "no" is blanked in
# :func:`danger_view` only, so it can end a negation, never extend one.
# "stopped" as a finding that has gone ("the bleeding has stopped"), never a vital function
# that has stopped ("he stopped breathing / responding / moving / fitting")
_STOPPED_OK = r"stopped(?!\s+(?:breath\w*|respond\w*|mov\w*|fitting))"
_ANSWER_NO = re.compile(
    r"(?:^|(?<=[.!?;:,\n]))\s*[\"']?(?:(?:oh|well|um+|erm+|ah+|uh+)\s+)?(?P<no>no|nope|nah)"
    r"(?=\s+(?:(?:i|he|she|they|we|you)(?:'[a-z]+)?|my|his|her|our|their)\s+[a-z])"
    # (trifix) ... unless its clause then says the finding has gone ("no his chest pain has
    # gone now", "No my chest pain went away yesterday"): that "no" answers that the finding
    # is no more, so it keeps its negation (as in 09ab0f7)
    # (trifix2) ... but "gone" only when the clause ends there or "now" / "away" / "down"
    # follow ("No his lips have gone blue", "No she's gone floppy" are findings), and
    # "stopped" never before a vital function ("no he stopped breathing")
    r"(?![^.!?;:,\n]*?\b(?:(?:has|have|had|'s|'ve)\s+(?:now\s+|all\s+|completely\s+)?"
    r"(?:gone(?=\s*(?:[.!?;:,\n]|$)|\s+(?:now|away|down)\b)|settled|" + _STOPPED_OK + r"|eased|"
    r"resolved|cleared|disappeared|passed|improved)|"
    r"(?:went|gone|go(?:es)?)\s+away|(?:is|are|'s|'re|feels?|got)\s+(?:much\s+|a lot\s+|"
    r"loads\s+|lots\s+)?better|settled|" + _STOPPED_OK + r"|resolved|eased off|disappeared|"
    r"cleared up)\b)",
    re.I)


# A full stop the writer left out ("... worsens with deep inspiration He says this started 6
# hours ago He also denies any other symptoms He works as a long-haul truck driver"; chat,
# speech-to-text and the metamorphic "strip_punct" / "drop_final_periods" rewrites): the
# negation of one sentence ran on into the next and denied its findings (issue 21, metamorphic
# test: "denies any other symptoms" reached "long-haul", "no one understands him" reached
# "weakness of the right arm", 2 -> 4). A capitalised word that only opens a sentence (a
# subject pronoun, a possessive, an article, "There", a note's section word) right after a
# lower-case word or a number starts a new sentence: NegEx ends a cue's scope at the sentence
# end (Chapman et al. 2001). Not after a cue, a preposition or a conjunction ("no He..." never
# occurs; "of The ..." is a title), and never before another capitalised word (a proper name
# or an eponym such as "Kernig's" is not in the list; "I" is not either: "what do I do"). Laid
# on top of :func:`scope_view`'s comma pass (as the issue-21 breaks are), so it ends a negation
# sooner and never extends one; the text the patterns read is unchanged (a full stop put into
# the text split emergency phrases written with a stray capital, see ``normalise``). The
# features whose negation lowers a level (self-care) do not read this view.
_LOST_STOP = re.compile(
    r"(?P<prev>\b[A-Za-z0-9][\w'%)\]-]*)(?P<sp>[ \t]+)(?:(?:He|She|They|We|It|There|That)"
    r"(?:'[a-z]+)?|His|Her|Their|Its|My|Our|The|This|These|Those|Several|Some|Both|On|Over|"
    r"During|After|Since|Today|Yesterday|Now|Physical|Examination|Vital|Vitals|Laboratory|"
    r"Labs)(?![\w'-])")
# the words after which a capital continues the phrase (a cue, a preposition, a conjunction,
# an article: "no He", "of The", "and I")
_LOST_STOP_NOT_AFTER = frozenset((
    "no", "not", "nor", "or", "and", "of", "to", "with", "without", "for", "any", "denies",
    "denied", "never", "the", "a", "an", "in", "on", "at", "by", "from", "negative", "absent"))
# A subject with an affirmative verb of having ("i've been having", "he has got", "I'm getting")
# states a finding of its own: a cue before it in the same unpunctuated run ("no mm-hmm over
# the last month i've been having a bit of chest pain", a speech transcript without its stops)
# does not reach past it (ConText: a new clause with its own subject ends a trigger's scope,
# Harkema et al. 2009). A negated verb keeps its own cue ("i haven't been having").
_AFFIRMED_SUBJECT = re.compile(
    r"(?<=\s)(?P<subj>(?:i|he|she|they|we)(?:'ve|'s|'m|'re|'d| have| has| am| is| are| had)"
    r"(?: (?:also|still|now|just|recently|really))?(?: been)? (?:having|getting|experiencing|"
    r"suffering|got|noticed|noticing|developed|developing|started)\b)", re.I)


@functools.lru_cache(maxsize=256)
def scope_view(text: str) -> str:
    """``text`` with ";" in place of each comma that does not continue a coordinated list
    (offsets unchanged), so that a negation before such a comma does not reach past it; a
    dash, a slash before a new statement and an "and" after a list closed by ", or" end the
    reach as well, and so do an "and" that opens a new statement and an onset comma after a
    denied history.

    The list commas are read from the text with the older breaks only; the issue-21 breaks are
    laid on top afterwards. Laid in first they changed which commas ``_list_commas`` took for a
    list and so let a negation reach danger items ("No previous heart problems, chest pain,
    sweating, started an hour ago" read the chest pain as denied; safety review of issue 21):
    on top they can only end a negation sooner, never extend it."""
    raw = text
    text = _break_statements(raw)
    chars = list(text)
    start = 0
    for m in [*_CLAUSE_END.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        clause = text[start:end]
        if "," in clause:
            keep = _list_commas(clause)
            for i, c in enumerate(clause):
                if c == "," and i not in keep:
                    chars[start + i] = ";"
        start = end + 1
    for i in _new_statement_breaks(raw):
        chars[i] = ";"
    for m in _NEVER_FIRST_EPISODE.finditer(raw):
        chars[m.start():m.end()] = " " * (m.end() - m.start())
    # (trirob) a full stop left out and a subject with an affirmative verb of having
    for m in _LOST_STOP.finditer(raw):
        if m.group("prev").lower() not in _LOST_STOP_NOT_AFTER:
            chars[m.start("sp")] = ";"
    for m in _AFFIRMED_SUBJECT.finditer(raw):
        chars[m.start("subj") - 1] = ";"
    return "".join(chars)


@functools.lru_cache(maxsize=256)
def danger_view(text: str) -> str:
    """:func:`scope_view` with an answer "No" before a subject blanked (offsets unchanged):
    laid on the finished view, so it never changes which commas continue a list and can only
    end a negation sooner. For the red-flag triggers and companions (``red_flags``); the
    knowledge base's ``danger_negated`` reads :func:`scope_view` (it would read this view by
    a one-line change there; ``scope_view`` itself stays the comma pass that
    ``tests/test_triage_negation_review1.py`` checks against its reference)."""
    chars = list(scope_view(text))
    for m in _ANSWER_NO.finditer(text):
        chars[m.start("no"):m.end("no")] = " " * (m.end("no") - m.start("no"))
    return "".join(chars)


# A negated auxiliary right before the verb that opens a phrase negates that phrase: "doesn't have
# a temperature", "don't feel hot", "hasn't got a temp" (review 1 of the lay emergency words:
# ``clause_negated`` reads "does not" but not the contractions). Only the verb right after the
# auxiliary is negated, so "hasn't stopped vomiting" keeps its "vomiting" and a phrase that holds
# its own negation ("can't breathe", "won't wake") is not read here; "can't"/"won't" are not
# auxiliaries of this kind (they open a danger phrase, not deny one).
_AUX_NEGATED = re.compile(r"\b(?:(?:do|does|did|has|have|had|is|are|was|were)(?:n't|n\u2019t|\s+not)|"
                          r"not)\s+(?:\w+ly\s+)?$", re.I)
# ("seem"/"look" stay out: "doesn't seem herself" and "doesn't look right" are danger words)
_VERB_OPENING = re.compile(r"(?:have|has|had|having|got|get|gets|getting|feel\w*|felt|run\w*|been)\b",
                           re.I)


def aux_negated(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` opens with a verb ("have a temperature", "feel hot") that a
    negated auxiliary right before it denies ("doesn't have a temperature")."""
    if not _VERB_OPENING.match(text, start, end):
        return False
    return _AUX_NEGATED.search(text[max(0, start - 30):start]) is not None


# ---- post-negation in note-style text (issue 21) ----
# A note states a finding and then its answer: "Suicidal ideation: no", "Homicidal ideation:
# denied", "SI/HI: negative", "Suicidal/homicidal ideation is denied", "Chest pain - none". This
# is ConText's post-negation ("following" triggers: Harkema et al. 2009, J Biomed Inform 42:839;
# NegEx's post-negation "... was ruled out", Chapman et al. 2001). A red-flag trigger is often the
# first word of such a label ("Suicidal" of "Suicidal ideation: no"), so ``clause_negated``'s
# post-cue, read right after the trigger, missed it and the flag fired (review, issue 21).
# The answer is read only within the mention's own label and line: the label between the
# trigger and the answer is at most four plain words (no verb, no negation of its own, no
# sentence punctuation), and the answer must end there: "Suicidal ideation: no plan" (ideation
# present without a plan), "Chest pain: none at rest" and "Suicidal ideation: no longer denied"
# are not negations. An answer that belongs to another label ("Suicidal ideation: yes. Fever:
# no") is past the sentence end and never read, and a label with a pronoun, a determiner or a
# preposition is a new phrase, not the trigger's label ("wants to kill himself and access to
# weapons is denied": the flag stands). A label must end in a noun that names a finding the
# trigger qualifies ("Suicidal ideation", "Homicidal thoughts", "Chest pain"): in "Leg pulses
# are absent", "Pregnancy test is negative" or "Abdominal reflex is absent" the answer is about
# another thing (a pulse, a test, a reflex), not the trigger's own finding.
_FINDING_HEAD = re.compile(
    r"(?:ideations?|thoughts?|thinking|intent|intentions?|ideas?|plans?|behaviou?rs?|gestures?|"
    r"attempts?|urges?|impulses?|feelings?|risk|pain|ache|discomfort|symptoms?|complaints?|"
    r"episodes?)$", re.I)
_LABEL_FUNCTION_WORD = re.compile(
    r"\b(?:to|the|a|an|any|his|her|my|their|its|our|your|this|that|these|those|it|him|them|me|"
    r"with|for|in|on|at|from|by|about|into|of|if|when)\b", re.I)
_POST_LABEL = r"(?P<label>[\w/' -]{0,40}?)"
_POST_ANSWER = (r"(?:no|none|nil|neg|negative|denied|denies|absent|not present|not endorsed|"
                r"not reported)\b")
# what may follow the answer: the end of the item, a qualifier that keeps the denial ("none
# reported", "denied currently"), or the next label of a run-on list ("SI: no HI: no")
_POST_END = (r"(?:\s+(?:currently|at present|at this time|today|now|reported|noted|endorsed|"
             r"per (?:patient|pt|parents?|mother|father)))?"
             r"(?=\s*(?:[.,;!?)\n]|$|\b(?:and|but|or)\b|[A-Za-z/]+\s*:))")
_POST_COLON = re.compile(
    _POST_LABEL + r"\s*(?::|\s[-\u2013\u2014]{1,2})\s*" + _POST_ANSWER + _POST_END, re.I)
_POST_COPULA = re.compile(
    _POST_LABEL + r"\s+(?:is|was|are|were|has been|have been)\s+(?:(?:also|again|both)\s+)?"
    r"(?:denied|absent|negative|not present|not endorsed|ruled out)"
    r"(?:\s+by (?:the )?(?:patient|pt|him|her|them|parents?|mother|father))?" + _POST_END, re.I)


# The stand-down's veto (safety review of trneg): a denied ideation says nothing about a plan,
# an attempt or a threat stated anywhere else in the text ("Suicidal ideation: no. Plan: jump
# from the bridge tonight", "Homicidal ideation: denied, but told staff he will kill his wife",
# "Suicidal ideation: no, HI: yes"). Read negation-blind, in any sentence, outside the denied
# item itself: any self-harm, violence or intent word keeps the flag (ESI Handbook v4: a
# suicidal or homicidal patient is level 2; over-triage is the safe side).
HARM_CUE = re.compile(
    r"\b(?:plan(?:s|ned|ning)?|intent(?:ions?|s)?|intend\w*|attempt\w*|overdos\w*|o/d|"
    r"(?:took|taken|take|taking|swallow\w*|ingest\w*) (?:\w+ ){0,3}(?:tablets|pills|overdose)|"
    r"(?:tablets|pills) (?:\w+ ){0,2}(?:taken|swallowed)|jump\w*|hang(?:s|ed|ing)?|"
    r"cut (?:her|him|my|them|your|one)sel(?:f|ves)|kill\w*|stab\w*|shoot\w*|hurt\w*|harm\w*|"
    r"weapons?|guns?|firearms?|knife|knives|want(?:s|ed|ing)? to die|"
    # hopelessness and the warning signs of suicide (safety review of the triage rounds; NHS
    # 'Help for suicidal thoughts': life not worth living, giving away possessions, self-harm,
    # better off dead, ending it all, no reason to live): each keeps the flag past a denial
    r"not worth living|life(?:'s| is|s)? (?:not|n't|no longer) worth|"
    r"life (?:isn't|aint|ain't) worth|"
    r"(?:gave|give|gives|given|giving) away (?:all )?(?:(?:his|her|my|their|your) )?"
    r"(?:\w+ )?(?:belongings|possessions)|"
    r"(?:slit|slits|slitting|slashed|slashing|cut|cuts|cutting) (?:(?:his|her|my|their|your|both) )?"
    r"wrists?|self[- ]?harm\w*|harm(?:s|ed|ing)? (?:him|her|my|them|your|one)sel(?:f|ves)|"
    r"better off dead|"
    r"end(?:s|ed|ing)? (?:it all|(?:my|his|her|their|your) (?:own )?life)|"
    r"no (?:reason|point) (?:to|in) (?:live|living|go(?:ing)? on)|"
    r"(?:(?-i:SI|HI)|suicidal(?: ideation)?|homicidal(?: ideation)?)\s*(?::|-{1,2}|\u2013|\u2014|=)?\s*"
    r"(?:yes|positive|pos|present|endorsed|\+)(?![\w+]))", re.I)
# What may follow the denied item: nothing, or after ",", "and", "but" or "or" another denial
# ("SI: no, HI: no", "Suicidal ideation: denied, no self-harm"); any other clause is affirmed
# and the denial does not reach past it ("Suicidal ideation: denied but attempted this
# morning", "Suicidal ideation: no, HI: yes").
_AFTER_JOIN = re.compile(r"\s*(?:[,;]\s*(?:(?:and|but|or)\b)?|(?:and|but|or)\b)\s*", re.I)
_DENIAL_CLAUSE = re.compile(
    r"(?:(?:no|not|nor|neither|never|none|nil|denies|denied|denying|without|negative)\b|"
    r"[\w/' -]{1,40}?\s*(?::|\s[-\u2013\u2014]{1,2}|\s+(?:is|was|are|were|has been|have been)\s)\s*"
    r"(?:no|none|nil|neg|negative|denied|absent|not present|not endorsed|ruled out)\b)", re.I)


def _affirmed_clause_after(text: str, end: int) -> bool:
    """Whether the denied item ending at ``end`` is joined to a clause that is no denial."""
    join = _AFTER_JOIN.match(text, end)
    if join is None or not join.group(0).strip():
        return False
    rest = text[join.end():]
    if not rest.strip() or rest[:1] in ".!?\n":
        return False
    return _DENIAL_CLAUSE.match(rest) is None


def post_negated(text: str, start: int, end: int) -> bool:
    """True when the mention ``text[start:end]`` heads a note-style label that its own line
    answers in the negative ("Suicidal ideation: no", "Homicidal ideation is denied",
    "SI/HI: negative", "Chest pain - none"), no affirmed clause is joined to that answer and
    the rest of the text names no self-harm, violence or intent cue (``HARM_CUE``, read
    negation-blind)."""
    for pat in (_POST_COLON, _POST_COPULA):
        m = pat.match(text, end)
        if m is None:
            continue
        label = m.group("label")
        words = re.findall(r"[\w'-]+", label)
        if words and not _FINDING_HEAD.match(words[-1]):
            continue
        if (len(label.split()) > 4 or _STATEMENT.search(label) or _OWN_NEGATION.search(label)
                or _LABEL_FUNCTION_WORD.search(label)):
            continue
        if _affirmed_clause_after(text, m.end()):
            return False
        return HARM_CUE.search(text[:start] + " . " + text[m.end():]) is None
    return False


# ---- tri14c (issue 21): a contracted or lay denial of its own direct object only ----
# medspaCy's English ConText rules (resources/en/context_rules.json, NEGATED_EXISTENCE) read
# the contracted "n't" as the forward trigger "not" (spaCy splits "didn't" into "did" + "n't"),
# optionally with a verb of having or feeling ("not had / have / feel / see"), and "never
# had / developed"; ``clause_negated`` reads the spelled-out "not" and "never had" only, so a
# red flag the lay denial names was read as present ("twisted my ankle, never lost
# consciousness", "haven't had chest pain", "he isn't confused": acuity 2 or 3).
#
# Two broad readings of these denials were taken back (0feefc3, 10ee8bb): a denial ran on into
# a real red flag ("didn't faint chest pain crushing"), a duration qualifier was read as a
# denial ("he wasn't unconscious for more than a minute"), a comparative as one ("never felt
# this short of breath"). This reading is bounded so that none of those can happen:
# 1) the denial negates only the red-flag phrase right after it (an article, a possessive or
#    "any" between, and a verb of having, feeling or being from the medspaCy list extended with
#    the lay ones: got, been, experienced, noticed, complained of); never a phrase further on;
# 2) only a phrase that is closed: punctuation (not "?") or the end of the text right after it
#    ("at all" may come between), or "and" / "or" + another denial or (for "or"/"nor") a short
#    plain item that itself closes; anything else after it (a duration or quantity: "for long",
#    "for more than a minute", "until", "till", "at first", "much", "fully"; "yet", "before",
#    "this bad", a second symptom) leaves the phrase affirmed;
# 3) not when the next clause reverses or qualifies it (ConText termination "but", "however",
#    "though", "yet", "except", "still"; a current marker "now", "today", "suddenly"; a
#    quantity "maybe 30 seconds", "only briefly"), not when it hands the finding to another
#    person ("I didn't pass out, he did"), not when a hedge or a modal opens the clause ("can't
#    say I haven't had chest pain", "not sure", "don't remember", "I think"), not in a question,
#    and never for a phrase whose absence is itself the finding (not breathing, not conscious,
#    no urine, not responding, not waking: NHS "When to call 999", AVPU "U").
# The look-behind and look-ahead are bounded (a fixed number of characters around the phrase),
# so a text of any length is read in linear time.
_LD_APOS = "['\u2019]?"
_LD_CUE_TAIL = (r"\s+(?:(?:ever|really|actually|once|even)\s+)?"
                r"(?:(?:had|have|has|got|get|gotten|been|be|felt|feel|feeling|experienced|experience|"
                r"noticed|notice|complained of|complain of|suffered|suffer|developed|develop)\s+)?"
                r"(?:(?:a|an|any|the|my|his|her|their|its|our|your)\s+)?$")
_LD_CUE_WORD = (r"(?:(?<![\w'\u2019])(?P<aux>(?:do|does|did|has|have|had|is|are|was|were)n" + _LD_APOS
                + r"t|(?:do|does|did|has|have|had|is|are|was|were)\s+not)|"
                r"(?<![\w'\u2019])(?P<never>never))")
_LD_CUE = re.compile(_LD_CUE_WORD + _LD_CUE_TAIL, re.I)
# (for the AVPU "C" reading only, which reads no NegEx cue at all: the spelled-out "not" too,
# "he's not confused.", "alert and not confused.")
_LD_CUE_NOT = re.compile(r"(?:" + _LD_CUE_WORD + r"|(?<![\w'\u2019])not)" + _LD_CUE_TAIL, re.I)
# what may stand between the phrase and the closing punctuation
_LD_AT_ALL = re.compile(r"\s+at\s+all\b", re.I)
_LD_CLOSE = re.compile(r"\s*(?:[.,;:!)\n\u2013\u2014]|\s-{1,2}\s|$)")
# "and" + another denial ("never lost consciousness and hasn't vomited")
_LD_AND_DENIAL = re.compile(
    r"\s*,?\s+(?:and|or|nor)\s+(?:(?:no|never|without|nor)\b|(?:do|does|did|has|have|had|is|are|was|"
    r"were)n" + _LD_APOS + r"t\b|(?:do|does|did|has|have|had|is|are|was|were)\s+not\b)", re.I)
# "or" / "nor" + a short plain item ("didn't black out or hit his head.")
_LD_OR_ITEM = re.compile(r"\s*,?\s+(?:or|nor)\s+(?P<item>(?:[a-z-]+\s+){0,3}[a-z-]+)", re.I)
# words that make an item or a following clause no plain denial: a subject with a verb, a
# modal, a reversal, a current or time marker, a quantity
_LD_NOT_PLAIN = re.compile(
    r"\b(?:i|he|she|they|we|you|it|is|are|was|were|am|can|could|cannot|can't|couldn't|won't|"
    r"wouldn't|will|would|but|however|though|although|yet|still|except|apart|until|till|now|"
    r"today|tonight|then|suddenly|since|just|only|started|began|again|this|that|so|much|more|"
    r"for|like|before)\b", re.I)
# the next clause (after the closing comma) that reverses, qualifies or hands over the denial
_LD_NEXT_REVERSES = re.compile(
    r"\s*(?:(?:but|however|though|although|yet|still|except|apart|until|till|now|then|today|"
    r"tonight|suddenly|since|just|only|again|instead|actually|rather|more like|maybe|perhaps|"
    r"about|around|approximately|roughly|nearly|almost|over|under|less|barely|briefly|for|a few|"
    r"a couple|a minute|a second|seconds?|minutes?|\d+|one|two|three|four|five|ten|several|few|"
    r"not (?:for )?long)\b|\d)", re.I)
# "..., he did", "..., my son was" (the finding handed to another person), read to the clause end
_LD_HANDED_OVER = re.compile(
    r"\s*(?:(?:and|but)\s+)?(?:[\w'\u2019]+\s+){1,2}(?:did|does|was|were|has|had|is|have|do)"
    r"(?:\s+(?:too|though|instead|as well))?\s*(?:[.,;:!?\n]|$)", re.I)
# a hedge or a modal before the denial in its clause (the denial is not asserted)
_LD_HEDGE = re.compile(
    r"\b(?:can|could|would|wouldn|ca)(?:n" + _LD_APOS + r"t|not|\s+not)\b|\bcannot\b|"
    r"\b(?:not|n" + _LD_APOS + r"t)\s+(?:sure|certain|know|remember|recall|think|say|tell|"
    r"convinced)\b|\b(?:think|thinks|thought|believe|believes|believed|claims?|claimed|"
    r"insists?|insisted|apparently|supposedly|maybe|perhaps|probably|possibly|unsure|"
    r"unclear|if|whether|hope|hoping|hopefully|pretend\w*)\b", re.I)
# a phrase whose absence is the finding (NHS When to call 999; AVPU; NHS Dehydration)
_LD_ABSENCE = re.compile(
    r"\b(?:breath(?:e|es|ed|ing)|conscious\w*|respon\w*|wak\w*|woke\w*|awake|come round|came round|"
    r"wee\w*|pee\w*|urin\w*|nappy|nappies|pulse\w*|heart ?beat|mov\w*|feed\w*|eat\w*|drink\w*|"
    r"kick\w*|stop\w*|able|himself|herself|myself|themselves|right|normal|well|better)\b", re.I)
_LD_SENT_END = re.compile(r"[.!?\n]")
_LD_DROWSY = re.compile(r"\b(?:drows\w*|sleep\w*|letharg\w*|disorient\w*|muddled|vacant|"
                        r"not (?:himself|herself|themselves|myself|with it|making sense|right)|"
                        r"slurr\w*|hallucinat\w*|agitat\w*|unrousable|hard to (?:wake|rouse))",
                        re.I)
# where a clause opens: after a comma, a semicolon, a colon, a dash, or at "and" / "but" / "or"
_LD_CLAUSE_OPEN = re.compile(r"[,;:\u2013\u2014]|\s-{1,2}(?=\s)|(?<=\s)(?=(?:and|but|or|then|now)\b)",
                             re.I)
_LD_MAX_WORDS = 4  # "shortness of breath on exertion" is the longest plain object read
_LD_BEFORE = 60  # characters read before the phrase (the cue and its fillers)
_LD_AFTER = 80  # characters read after it (the closure and the next clause's opening)


def _ld_clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after the last , ; . ! ? : or line end within
    the bounded look-behind)."""
    lo = max(0, pos - _LD_BEFORE)
    cut = max((text.rfind(c, lo, pos) for c in ".,;:!?\n"), default=-1)
    return lo if cut < 0 else cut + 1


def _ld_closed(text: str, end: int) -> int | None:
    """Where the denied phrase ending at ``end`` is closed (the offset after the closing mark),
    or None when it is not closed (see rule 2 above)."""
    pos = end
    m = _LD_AT_ALL.match(text, pos)
    if m:
        pos = m.end()
    close = _LD_CLOSE.match(text, pos)
    if close:
        return close.end()
    window_end = min(len(text), pos + _LD_AFTER)
    m = _LD_AND_DENIAL.match(text, pos, window_end)
    if m:
        # the second denial's own phrase must hold no absence finding ("and isn't breathing")
        rest = text[m.end():window_end]
        nxt = _LD_CLOSE.search(rest)
        second = rest[:nxt.start()] if nxt else rest
        if _LD_ABSENCE.search(second) or len(second.split()) > 5 or "?" in second:
            return None
        return m.end() + (nxt.end() if nxt else len(rest))
    m = _LD_OR_ITEM.match(text, pos, window_end)
    if m and not _LD_NOT_PLAIN.search(m.group("item")) and not _LD_ABSENCE.search(m.group("item")):
        close = _LD_CLOSE.match(text, m.end())
        if close:
            return close.end()
    return None


# (trifix14b) What voids a lay denial beyond its own sentence. The state of the patient told
# anywhere after the denial, across sentence ends ("he isn't confused. he is drowsy", "never
# lost consciousness. Woke up on the floor"), keeps the denied phrase affirmed: the lay state
# words above, and the lay signs of new confusion or delirium, drowsiness, a lost or altered
# consciousness and amnesia the state lists lacked -- seeing things / hallucinating, talking
# rubbish or nonsense, asking the same questions, can't stay awake, keeps falling asleep, woke
# up / came round / found on the floor, can't remember (NHS "Confusion" and "Delirium"; NEWS2
# new confusion; NICE CG103 delirium; NICE NG232 amnesia after a head injury) -- and the
# features of anginal chest discomfort told in other words after a denied "chest pain"
# (heaviness or tightness in the chest, spreading to the arm, jaw or neck: NICE CG95).
_LD_REST_STATE = re.compile(
    r"\b(?:seeing (?:things|people|stuff)|hallucinat\w*|talking (?:rubbish|nonsense|gibberish|"
    r"jibberish)|(?:asking|asks|repeating|repeats) (?:\w+ ){0,2}same (?:questions?|things?)|"
    r"(?:can.t|cannot|can not|couldn.t|unable to|struggling to) (?:stay|keep (?:his |her |my )?eyes) "
    r"(?:awake|open)|(?:falling|falls|fell|fall|nodding|drifting|drops?|dropping) (?:asleep|off)\b|"
    r"(?:woke|woken|waking|wakes|came|come|coming|comes) (?:up |round |around |to )?on the floor|"
    r"found (?:\w+ ){0,3}on the floor|(?:lay|lying|laid|was|been) on the floor|"
    r"(?:can.t|cannot|can not|couldn.t|doesn.t|don.t|didn.t|does not|did not) remember|"
    r"heav(?:y|iness)(?: feeling| sensation| pressure)? (?:in|on|across) (?:my |his |her |the )?chest|"
    r"chest (?:\w+ )?(?:heavy|tight\w*)|"
    r"(?:going|goes|gone|spreading|spreads|radiating|radiates|moving|moves|travell?ing|shooting) "
    r"(?:down |up |in|across )?(?:to |into )?(?:my |his |her |the )?(?:left |right )?(?:arm|jaw|neck|shoulder)s?)",
    re.I)
# ... and, more conservatively, a denial never lowers a text that holds a context in which the
# denied sign is asked about because it is often hidden or late: a head injury or a fall (NICE
# NG232: assessment after any head injury in an adult on an anticoagulant, or one of 65 or
# over), an anticoagulant, a fever of 38 or more or fast breathing (NHS "Sepsis"; NICE NG51),
# a fall in someone of 65 or over (NICE CG161 / NG232). A fall with a limb injury and no head
# involvement ("twisted my ankle, never lost consciousness"; "slipped and hurt my wrist, didn't
# black out") keeps the denial when none of the other contexts is there.
_LD_HEAD_CTX = re.compile(
    r"\b(?:hit|hits|hitting|banged|bang|bangs|banging|knocked|knock|knocks|knocking|bumped|bump|"
    r"bumps|bumping|smacked|whacked|struck|cracked|clonked)\s+(?:(?:my|his|her|their|the|your|its|"
    r"our|on|against)\s+)?(?:\w+\s+)?head\b|\bhead\s*(?:injur\w*|trauma|knock|bump|wound)|"
    r"\bhead (?:hit|hits|struck|banged|knocked|bumped)\b", re.I)
_LD_FALL_CTX = re.compile(
    r"\b(?:fell(?! asleep| for\b| pregnant| ill| sick| out (?:with|of love))|fallen(?! asleep| ill| pregnant)|"
    r"tripped|slipped|(?:a|had|have|another|bad|nasty|recent) falls?\b|"
    r"fall(?:s|ing)? (?:down|over|off|from|out of|backwards|forwards|onto|on|in|against))", re.I)
_LD_LIMB = re.compile(
    r"\b(?:ankles?|wrists?|knees?|foot|feet|toes?|fingers?|thumbs?|hands?|arms?|elbows?|"
    r"shoulders?|shins?|calf|calves|legs?|forearms?)\b", re.I)
_LD_AGED = re.compile(
    r"\b(?:6[5-9]|[7-9]\d|10\d)\s*-?\s*(?:years?|yrs?|yo|y/o|y\.o\.)\b|"
    r"\b(?:i.m|i am|he.s|she.s|he is|she is|is|was|aged|age|at)\s+(?:6[5-9]|[7-9]\d|10\d)\b"
    r"(?!\s*(?:weeks?|wks?|days?|months?|%|mg|kg|bpm|/|\.\d|mmhg|percent|degrees))", re.I)
_LD_OTHER_CTX = re.compile(
    r"\b(?:warfarin|rivaroxaban|xarelto|apixaban|eliquis|edoxaban|lixiana|dabigatran|pradaxa|"
    r"blood[- ]?thinn\w*|anti-?coagul\w*|"
    r"breathing (?:very |really |so |too )?(?:fast|quick\w*|rapid\w*)|(?:fast|rapid|quick) breathing|"
    r"(?:temp(?:erature)?|fever|t)\s*(?:of|is|was|at|:|=|reading|up to)?\s*(?:3[89]|4[0-2])(?:[.,]\d+)?\b|"
    r"(?:3[89]|4[0-2])(?:[.,]\d+)?\s*(?:\u00b0\s*c?|c\b|degrees|deg\b))", re.I)


@functools.lru_cache(maxsize=64)
def _ld_text_facts(text: str) -> tuple[int, bool]:
    """(where the last state sign of ``_STATE_WORD`` / ``_LD_DROWSY`` / ``_LD_REST_STATE``
    starts, -1 if none; whether the text holds a context that voids every lay denial). One
    linear pass per text, however many phrases are read in it."""
    last = -1
    for rx in (_STATE_WORD, _LD_DROWSY, _LD_REST_STATE):
        for m in rx.finditer(text):
            last = max(last, m.start())
    head = _LD_HEAD_CTX.search(text) is not None
    fall = _LD_FALL_CTX.search(text) is not None
    limb_only_fall = fall and not head and _LD_LIMB.search(text) is not None
    aged_fall = fall and _LD_AGED.search(text) is not None
    ctx = (head or (fall and not limb_only_fall) or aged_fall
           or _LD_OTHER_CTX.search(text) is not None)
    return last, ctx


def _ld_voided(text: str, after: int) -> bool:
    """Whether a state sign follows the denial anywhere after ``after`` (across sentence ends),
    or the text holds a voiding context (see the notes above)."""
    last, ctx = _ld_text_facts(text)
    return ctx or last >= after


def lay_denied(text: str, start: int, end: int, bare_not: bool = False) -> bool:
    """True when the phrase ``text[start:end]`` is the closed direct object of a contracted or
    lay denial ("never lost consciousness.", "haven't had chest pain", "he isn't confused,")
    and nothing voids the denial (see the rules above). ``bare_not``: the spelled-out "not"
    is a cue as well (for a reader that takes no ``clause_negated``: the AVPU "C" word)."""
    phrase = text[start:end]
    # (the phrase's own first word: "isn't [conscious]" is the finding, "never [lost
    # consciousness]" a denial of it)
    if not phrase.strip() or _LD_ABSENCE.match(phrase.strip()) or _OWN_NEGATION.search(phrase):
        return False
    # one short phrase: a trigger that runs on through a qualifier or a second clause ("a fit
    # like this it's lasted 10 minutes") is no single direct object
    if (len(phrase.split()) > _LD_MAX_WORDS or _LD_NOT_PLAIN.search(phrase)
            or re.search(r"[\d,;:.!?]", phrase)):
        return False
    lo = max(0, start - _LD_BEFORE)
    cue = (_LD_CUE_NOT if bare_not else _LD_CUE).search(text, lo, start)
    if cue is None:
        return False
    verb_tail = text[cue.start():start]
    if _LD_ABSENCE.search(verb_tail):
        return False
    # a hedge or a modal earlier in the clause
    if _LD_HEDGE.search(text, _ld_clause_start(text, cue.start()), cue.start()):
        return False
    after = _ld_closed(text, end)
    if after is None:
        return False
    # a question ("hasn't he lost consciousness?", "he didn't pass out?") asserts nothing
    sent_end = _LD_SENT_END.search(text, end, min(len(text), end + _LD_AFTER))
    if sent_end is not None and sent_end.group() == "?":
        return False
    # (trifix14b) a state sign later in the text, or a context that voids the denial
    if _ld_voided(text, after):
        return False
    if after >= len(text) or text[after - 1] in ".!\n":
        return True
    # the next clause hands the finding over, or any later clause of the same sentence (within
    # the bounded look-ahead) reverses or qualifies it ("didn't black out, didn't vomit, now
    # drowsy", "..., then collapsed")
    stop = sent_end.start() if sent_end is not None else min(len(text), end + _LD_AFTER)
    if _LD_HANDED_OVER.match(text, after, min(len(text), after + _LD_AFTER)):
        return False
    # a state of the patient told in the same sentence ("he's not confused, he's drowsy",
    # "never lost consciousness, very sleepy since"): the lay state words of ``_STATE_WORD``
    # (NHS "Is your baby or toddler seriously ill?", NICE NG143) keep the phrase affirmed
    if _STATE_WORD.search(text, after, max(after, stop)) or _LD_DROWSY.search(text, after, max(after, stop)):
        return False
    return not any(_LD_NEXT_REVERSES.match(text, c.end())
                   for c in _LD_CLAUSE_OPEN.finditer(text, after - 1, max(after, stop)))
