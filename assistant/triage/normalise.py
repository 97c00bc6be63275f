"""One text normalisation before triage reads a case (issue 21, metamorphic testing).

The triage patterns, negation cues and value grammars are written for one spelling of each
thing: straight apostrophes in "can't", digits before a unit ("3 days", "3-day-old"), a
capital "C" after a temperature and mixed case. The same presentation written another way a
person writes it changed the level on the dev sets (``eval/triage_metamorphic.py``): a phone's
curly apostrophe or none at all ("cant breathe", "didnt improve") hid a red flag or an entry;
"a three-day-old" hid the unwell-newborn entry; "38.3c" was no temperature; an all-capitals
note lost a lab value ("CALCIUM ... IS 15.1"). No full stop is inserted before a capitalised
word: a safety review found that a restored "sentence" split emergency phrases typed with a
stray capital ("I cant wake Her up", "sudden weakness In my left arm", "I am going to kill My
wife": 1-2 -> 4). Each step below rewrites only to a form that means the same, so every
pattern reads both writings; the quoted evidence then refers to the normalised text (as for
``parse.rejoin_contractions``).

A list typed one item a line and closed by a coordinator line ("She denies any fever\nsick
contacts\ncough\nor diarrhea.") is read as the comma list it writes (:func:`_join_list_lines`):
the metamorphic test's ``commas_to_lines`` read each item after the first as a line of its own,
so a denied item was affirmed (a denied "hematochezia" fired the GI-bleed entry, a denied
"urgency" vetoed the bedwetting entry, "torso\nback\nand buttocks" missed the acne entry's
exclusion). Only such a run is joined: every break in it ends a line with no punctuation and
starts the next with a lower-case word, the middle lines are short items without punctuation,
and its last line opens with "or", "nor" or "and" (a line that opens so continues the line
before it, whatever the layout). The comma list is then read by the same negation scope as any
typed comma list (``negation.scope_view``: a state, a statement, a gerund predicate or a
quantified state after a break still starts a new statement). Free lines, bullets and
capitalised lines are left as they are: a line typed on its own keeps its own negation.
"""

from __future__ import annotations

import re

_CURLY = re.compile("[\u2018\u2019\u02bc]")
# Negative contractions typed without the apostrophe ("cant", "doesnt"): exactly these words
# ("want", "pant", "isnt" elsewhere are untouched: the stems are a closed list).
_NO_APOSTROPHE_NT = re.compile(
    r"\b(ca|do|does|did|is|are|was|were|has|have|had|could|would|should|wo|must|need)nt\b", re.I)
# "im" / "ive" for "I'm" / "I've", only lower- or title-case (never "IM", an intramuscular
# route) and only before a word that continues a first-person statement.
_IM_IVE = re.compile(
    r"\b([Ii])(m|ve)\b(?= (?:a|an|so|very|really|not|still|just|in|on|now|also|never|always|"
    r"worried|scared|afraid|pregnant|sick|ill|unwell|fine|ok|okay|been|had|got|noticed|tried|"
    r"taken|done|[a-z]+ing)\b)")
# A temperature with a lower-case unit letter: "38.3c", "101.5 f" (body-temperature range only,
# so "2 c" or "40 f" of anything else is not read as one).
_TEMP_C = re.compile(r"(?<![\d.])((?:3[4-9]|4[0-3])(?:\.\d+)?\s?°?\s?)c\b")
_TEMP_F = re.compile(r"(?<![\d.])((?:9[3-9]|10[0-9]|110)(?:\.\d+)?\s?°?\s?)f\b")
# All capitals: words of two or more capitals are lower-cased when nearly all letters are
# capitals (a shouted message or an all-caps note); single letters stay ("45 M", "38C", "I")
# except the article "A".
_CAPS_WORD = re.compile(r"\b(?:[A-Z][A-Z']+|A)\b")
_SHOUTED = 0.9
# Words a case-sensitive triage pattern reads only in capitals, kept as written when a shouted
# text is lowered: the note items "SI" / "HI" (suicidal / homicidal ideation; ``(?-i:SI|HI)``
# in red_flags._NOTE_ITEM_YES and negation.HARM_CUE), which in lower case are the words
# "si" / "hi". Lowering them turned "SI: POSITIVE" and "HI: YES" into no red flag (safety
# review of this module: 2 -> 4).
_KEEP_CAPS = frozenset({"SI", "HI"})
# Small numbers in words before a unit of time or a count: "three days", "a four-hour history",
# "a three-day-old boy" -> digits, the form every duration, age and count pattern reads.
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve"]) if i}
_WORD_BEFORE_UNIT = re.compile(
    r"\b(" + "|".join(_NUMBER_WORDS) + r")(?=[\s-]+(?:minutes?|mins?|hours?|hrs?|days?|nights?|"
    r"weeks?|months?|years?|episodes?|times)\b)", re.I)


def _unshout(text: str) -> str:
    """``text`` with its capitalised words lowered when nearly all its letters are capitals."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20 or sum(c.isupper() for c in letters) < _SHOUTED * len(letters):
        return text
    return _CAPS_WORD.sub(lambda m: m.group(0) if m.group(0) in _KEEP_CAPS else m.group(0).lower(),
                          text)


def _keep_case(word: str, repl: str) -> str:
    return repl.capitalize() if word[:1].isupper() else repl


# A line break inside a sentence: no punctuation before it, a lower-case word after it.
_SOFT_BREAK = re.compile(r"(?<=[A-Za-z0-9%)'])[ \t]*\n[ \t]*(?=[a-z])")
_COORD_LINE = re.compile(r"(?:or|nor|and)[ \t]")
_LINE_PUNCT = re.compile(r"[.;:!?]")
_ITEM_MAX_WORDS = 6  # a middle line: one short item ("shortness of breath on exertion")
_LAST_MAX_WORDS = 10  # the coordinator line up to its first stop ("and any problems with ...")


def _join_list_lines(text: str) -> str:
    """``text`` with the line breaks of a list typed one item a line, closed by a line that
    opens with "or" / "nor" / "and", written as the ", " they stand for (module docstring)."""
    if "\n" not in text:
        return text
    breaks = list(_SOFT_BREAK.finditer(text))
    join: set[int] = set()
    for k, b in enumerate(breaks):
        if not _COORD_LINE.match(text, b.end()):
            continue
        line_end = text.find("\n", b.end())
        last = text[b.end():line_end if line_end >= 0 else len(text)]
        stop = _LINE_PUNCT.search(last)
        if len((last[:stop.start()] if stop else last).split()) > _LAST_MAX_WORDS:
            continue
        join.add(k)
        # the item lines before it: soft breaks back to back, each line a short item
        j = k
        while j > 0:
            item = text[breaks[j - 1].end():breaks[j].start()]
            if "\n" in item or _LINE_PUNCT.search(item) or not (
                    0 < len(item.split()) <= _ITEM_MAX_WORDS):
                break
            join.add(j - 1)
            j -= 1
    if not join:
        return text
    out, pos = [], 0
    for k in sorted(join):
        out.append(text[pos:breaks[k].start()])
        out.append(", ")
        pos = breaks[k].end()
    out.append(text[pos:])
    return "".join(out)


def normalise(text: str) -> str:
    """``text`` in the one writing the triage patterns read (see the module docstring)."""
    text = _join_list_lines(text)
    text = _CURLY.sub("'", text)
    text = _unshout(text)
    text = _NO_APOSTROPHE_NT.sub(lambda m: m.group(1) + "n't", text)
    text = _IM_IVE.sub(lambda m: "I'" + m.group(2), text)
    text = _TEMP_C.sub(r"\1C", text)
    text = _TEMP_F.sub(r"\1F", text)
    text = _WORD_BEFORE_UNIT.sub(lambda m: _NUMBER_WORDS[m.group(1).lower()], text)
    return text
