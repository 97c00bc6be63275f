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

# A sentence broken over lines inside a list (issue 21, metamorphic "commas_to_lines"): "She
# denies any fever\nsick contacts\nchest pain\nor constipation." and "He denies numbness\nand
# any problems with his bladder" are the comma lists "denies fever, sick contacts, ... or ..."
# wrapped, but every reader stops a negation at a line break, so the wrapped items read as
# present. A break is rejoined with ", " only when the line before it ends in a word (no
# punctuation) and the lines after it start in lower case, up to a line that starts with the
# list's closing conjunction (and / or / nor / but): the grammar of one sentence, not a list
# of symptoms typed one a line (those have no closing conjunction and stay as written). The
# triager keeps every red flag and floor of the text as written too (``Presentation.as_written``).
_WRAPPED_LIST = re.compile(
    r"(?<=[A-Za-z0-9)])[ \t]*\n[ \t]*"
    r"(?=(?:[a-z][^\n]*[A-Za-z0-9)][ \t]*\n[ \t]*)*(?:and|or|nor|but)\b)")


def rejoin_wrapped_lists(text: str) -> str:
    """``text`` with a list sentence wrapped over lines rejoined (see ``_WRAPPED_LIST``)."""
    return _WRAPPED_LIST.sub(", ", text)


def _unshout(text: str) -> str:
    """``text`` with its capitalised words lowered when nearly all its letters are capitals."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20 or sum(c.isupper() for c in letters) < _SHOUTED * len(letters):
        return text
    return _CAPS_WORD.sub(lambda m: m.group(0) if m.group(0) in _KEEP_CAPS else m.group(0).lower(),
                          text)


def _keep_case(word: str, repl: str) -> str:
    return repl.capitalize() if word[:1].isupper() else repl


def normalise(text: str) -> str:
    """``text`` in the one writing the triage patterns read (see the module docstring)."""
    text = _CURLY.sub("'", text)
    text = _unshout(text)
    text = _NO_APOSTROPHE_NT.sub(lambda m: m.group(1) + "n't", text)
    text = _IM_IVE.sub(lambda m: "I'" + m.group(2), text)
    text = _TEMP_C.sub(r"\1C", text)
    text = _TEMP_F.sub(r"\1F", text)
    text = _WORD_BEFORE_UNIT.sub(lambda m: _NUMBER_WORDS[m.group(1).lower()], text)
    return text
