"""Meaning-preserving rewrites of a triage presentation (issue 21, metamorphic testing).

Each transform maps a text to the same presentation written another way a user or a clinician
writes it (case, punctuation, line breaks, contractions, spelling variety, numbers, person,
missing apostrophes). A transform returns the text unchanged when it does not apply, or when it
cannot rewrite the text mechanically (the person swaps); the runner
(``eval.triage_metamorphic``) then skips that case for that transform. No transform adds or
removes a finding, a negation, a number's value or a body site.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Punctuation that separates words; a full stop or comma between two digits is a decimal point
# or a thousands separator and stays ("38.5", "1,200").
_PUNCT = re.compile(r"(?<!\d)[.,;:!?()\[\]\"](?!\d)|(?<=\d)[,;:!?()\[\]\"]|[.,;:!?](?=\s|$)")
_FINAL_DOT = re.compile(r"(?<!\d)\.(?=\s|$)|(?<=\d)\.(?=\s|$)")

# (expanded, contracted); matched as whole words, case kept from the first letter
_CONTRACTIONS = [
    ("cannot", "can't"), ("can not", "can't"), ("do not", "don't"), ("does not", "doesn't"),
    ("did not", "didn't"), ("is not", "isn't"), ("are not", "aren't"), ("was not", "wasn't"),
    ("were not", "weren't"), ("have not", "haven't"), ("has not", "hasn't"),
    ("had not", "hadn't"), ("will not", "won't"), ("would not", "wouldn't"),
    ("could not", "couldn't"), ("should not", "shouldn't"), ("I am", "I'm"),
    ("I have", "I've"), ("it is", "it's"), ("that is", "that's"), ("he is", "he's"),
    ("she is", "she's"), ("we are", "we're"), ("they are", "they're"), ("you are", "you're"),
]
# "I have" as a full verb ("I have a rash") contracts poorly in US usage but is still read the
# same; "I've got" is the everyday form. Kept: the transform tests the reading, not the style.

# British -> American stems (both directions are tested); matched inside words, case kept.
# The third item is the American stem's pattern for the reverse: a word start where the stem
# also occurs inside other words ("hemo" in "chemotherapy", "urem" in "measurement", "estr" in
# "restrict"), not after the British letter ("edem" in "oedema"); None: not reversed ("hem").
_SPELLING: list[tuple[str, str, str | None]] = [
    ("haemorrh", "hemorrh", r"\bhemorrh"), ("haemat", "hemat", r"\bhemat"),
    ("haemo", "hemo", r"\bhemo"), ("haem", "hem", None), ("anaem", "anem", r"anem(?!one)"),
    ("oedem", "edem", r"(?<!o)edem"), ("paediatr", "pediatr", r"pediatr"),
    ("orthopaed", "orthoped", r"orthoped"), ("diarrhoea", "diarrhea", r"diarrhea"),
    ("dyspnoea", "dyspnea", r"dyspnea"), ("apnoea", "apnea", r"apnea"),
    ("oesophag", "esophag", r"(?<!o)esophag"), ("ischaem", "ischem", r"ischem"),
    ("glycaem", "glycem", r"glycem"), ("kalaem", "kalem", r"kalem"),
    ("natraem", "natrem", r"natrem"), ("calcaem", "calcem", r"calcem"),
    ("leukaem", "leukem", r"leukem"), ("septicaem", "septicem", r"septicem"),
    ("uraem", "urem", r"\burem"), ("anaesth", "anesth", r"anesth"), ("faec", "fec", r"\bfec(?=e|a)"),
    ("foet", "fet", r"\bfet(?=al|us)"), ("gynaec", "gynec", r"gynec"),
    ("oestr", "estr", r"\bestr(?=o|a)"), ("tumour", "tumor", r"tumor"),
    ("colour", "color", r"\bcolor"), ("behaviour", "behavior", r"behavior"),
    ("labour", "labor", r"\blabor(?!at)"), ("paralys", "paralyz", r"paralyz"),
]
_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve"]
_UNITS = (r"(?:minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|times|episodes?|"
          r"tablets?|pills?|glasses|drinks|pints|cigarettes|children|kids|pregnancies)")
_WORD_NUM = re.compile(r"\b(" + "|".join(_NUMBERS[1:]) + r")(\s+|-)(?=" + _UNITS + r"\b)", re.I)
# "a couple of" / "a few" are not numbers: left alone
_DIGIT_NUM = re.compile(r"(?<![\d.,/])\b([1-9]|1[0-2])(\s+|-)(?=" + _UNITS + r"\b)", re.I)
_TEMP_JOINED = re.compile(r"\b(\d{2,3}(?:\.\d)?)\s*(°?)\s*([FC])\b")
_TEMP_SPACED = re.compile(r"\b(\d{2,3}(?:\.\d)?) (°?)([FC])\b")

# first person -> third (she), only the forms whose verb agreement is mechanical
_FIRST_TO_THIRD = [
    (r"I(?:'|\u2019)m\b", "she's"), (r"I am\b", "she is"), (r"I(?:'|\u2019)ve\b", "she's"),
    (r"I have\b", "she has"), (r"I was\b", "she was"), (r"I had\b", "she had"),
    (r"I feel\b", "she feels"), (r"I get\b", "she gets"), (r"I can(?:'|\u2019)t\b", "she can't"),
    (r"I cannot\b", "she cannot"), (r"I can\b", "she can"), (r"I do not\b", "she does not"),
    (r"I don(?:'|\u2019)t\b", "she doesn't"), (r"I did\b", "she did"),
    (r"I didn(?:'|\u2019)t\b", "she didn't"), (r"I think\b", "she thinks"),
    (r"I started\b", "she started"), (r"I noticed\b", "she noticed"),
    (r"I woke\b", "she woke"), (r"I took\b", "she took"), (r"I(?:'|\u2019)d\b", "she'd"),
    (r"I will\b", "she will"), (r"I(?:'|\u2019)ll\b", "she'll"), (r"I keep\b", "she keeps"),
    (r"\bmy\b", "her"), (r"\bMy\b", "Her"), (r"\bmyself\b", "herself"), (r"\bme\b", "her"),
]
_THIRD_TO_FIRST = [
    (r"\b(?:she|he)(?:'|\u2019)s been\b", "I've been"), (r"\b(?:she|he) has\b", "I have"),
    (r"\b(?:she|he) is\b", "I am"), (r"\b(?:she|he) was\b", "I was"),
    (r"\b(?:she|he) had\b", "I had"), (r"\b(?:She|He) has\b", "I have"),
    (r"\b(?:She|He) is\b", "I am"), (r"\b(?:She|He) was\b", "I was"),
    (r"\b(?:She|He) had\b", "I had"), (r"\bhis\b", "my"), (r"\bHis\b", "My"),
]


def _keep_case(src: str, repl: str) -> str:
    """``repl`` in the case of ``src`` (all caps, capitalised or as is)."""
    if src.isupper() and len(src) > 1:
        return repl.upper()
    if src[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


def _swap_words(text: str, pairs: list[tuple[str, str]]) -> str:
    for a, b in pairs:
        text = re.sub(r"\b" + re.escape(a) + r"\b", lambda m, b=b: _keep_case(m.group(0), b),
                      text, flags=re.I)
    return text


def strip_punct(text: str) -> str:
    """Word-separating punctuation to spaces (decimals kept), runs of spaces made one."""
    return re.sub(r"[ \t]{2,}", " ", _PUNCT.sub(" ", text)).strip()


def drop_final_periods(text: str) -> str:
    """Sentence-final full stops dropped ("pain. Fever." -> "pain Fever")."""
    return _FINAL_DOT.sub("", text)


def newlines_to_commas(text: str) -> str:
    """Line breaks to ", " (a chat message typed on one line); a break after a sentence's own
    punctuation becomes a space."""
    text = re.sub(r"(?<=[.!?:;,])[ \t]*\n\s*", " ", text.strip())
    return re.sub(r"[ \t]*\n\s*", ", ", text)


def sentences_to_lines(text: str) -> str:
    """Sentence ends to line breaks (a message typed one sentence a line, no full stops)."""
    # not after an abbreviation ("Mr. Walker", "Dr. Lee", "vs. ")
    return re.sub(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)"
                  r"[.;!?]\s+(?=\S)", "\n", text)


def commas_to_lines(text: str) -> str:
    """Commas to line breaks (a list typed one item a line)."""
    return re.sub(r"(?<!\d),\s+(?=\S)", "\n", text)


def expand(text: str) -> str:
    """Contractions written out ("can't" -> "cannot", "I'm" -> "I am")."""
    text = text.replace("\u2019", "'")
    text = re.sub(r"\bcan't\b", lambda m: _keep_case(m.group(0), "cannot"), text, flags=re.I)
    text = re.sub(r"\bwon't\b", lambda m: _keep_case(m.group(0), "will not"), text, flags=re.I)
    return _swap_words(text, [(b, a) for a, b in _CONTRACTIONS if a != "can not"])


def contract(text: str) -> str:
    """Expanded forms contracted ("cannot" -> "can't", "I am" -> "I'm")."""
    # "I have pain" -> "I've pain" is not how anyone writes: "I have" is only expanded
    return _swap_words(text, [(a, b) for a, b in _CONTRACTIONS if a != "I have"])


def brit_to_amer(text: str) -> str:
    """British spellings to American ("haemorrhage" -> "hemorrhage")."""
    for a, b, _ in _SPELLING:
        text = re.sub(re.escape(a), lambda m, b=b: _keep_case(m.group(0), b), text, flags=re.I)
    return text


def amer_to_brit(text: str) -> str:
    """American spellings to British ("edema" -> "oedema"), each stem where it cannot be part of
    another word."""
    for a, _b, pat in _SPELLING:
        if pat is not None:
            text = re.sub(pat, lambda m, a=a: _keep_case(m.group(0), a), text, flags=re.I)
    return text


def words_to_digits(text: str) -> str:
    """Small number words before a unit to digits ("three days" -> "3 days")."""
    text = _WORD_NUM.sub(lambda m: f"{_NUMBERS.index(m.group(1).lower())}{m.group(2)}", text)
    return _TEMP_SPACED.sub(r"\1\2\3", text)


def digits_to_words(text: str) -> str:
    """Digits 1-12 before a unit to words ("3 days" -> "three days"); "103 F" -> "103F"'s
    reverse, "103F" -> "103 F"."""
    text = _DIGIT_NUM.sub(lambda m: f"{_NUMBERS[int(m.group(1))]}{m.group(2)}", text)
    return _TEMP_JOINED.sub(lambda m: f"{m.group(1)} {m.group(2)}{m.group(3)}"
                            if not m.group(0)[len(m.group(1)):].startswith(" ") else m.group(0),
                            text)


def first_to_third(text: str) -> str:
    """First person to third ("I have" -> "she has", "my" -> "her"); unchanged unless every
    "I" of the text is one of the mechanical forms."""
    out = text
    for pat, repl in _FIRST_TO_THIRD:
        out = re.sub(pat, repl, out)
    if re.search(r"\bI\b", out) or out == text:
        return text
    return out


def third_to_first(text: str) -> str:
    """Third person to first ("she has" -> "I have"), for lay text written about someone:
    unchanged when an exam stem ("A 45-year-old man") or any other he/she/her/him stays."""
    if re.search(r"\b(?:year|month|week|day)s?[- ]old\b", text, re.I):
        return text
    out = text
    for pat, repl in _THIRD_TO_FIRST:
        out = re.sub(pat, repl, out)
    if re.search(r"\b(?:she|he|her|him|hers|herself|himself)\b", out, re.I) or out == text:
        return text
    return out


def no_apostrophes(text: str) -> str:
    """Apostrophes dropped as users type them ("can't" -> "cant", "I'm" -> "im")."""
    text = re.sub(r"\bI(?:'|\u2019)(m|ve|d)\b", lambda m: "i" + m.group(1), text)
    return re.sub(r"(?<=[A-Za-z])(?:'|\u2019)(?=[A-Za-z])", "", text)


def curly_apostrophes(text: str) -> str:
    """Straight apostrophes as a phone keyboard types them ("can't" -> "can\u2019t")."""
    return re.sub(r"(?<=[A-Za-z])'(?=[A-Za-z])", "\u2019", text)


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "upper": str.upper,
    "strip_punct": strip_punct,
    "drop_final_periods": drop_final_periods,
    "newlines_to_commas": newlines_to_commas,
    "sentences_to_lines": sentences_to_lines,
    "commas_to_lines": commas_to_lines,
    "expand": expand,
    "contract": contract,
    "brit_to_amer": brit_to_amer,
    "amer_to_brit": amer_to_brit,
    "words_to_digits": words_to_digits,
    "digits_to_words": digits_to_words,
    "first_to_third": first_to_third,
    "third_to_first": third_to_first,
    "no_apostrophes": no_apostrophes,
    "curly_apostrophes": curly_apostrophes,
}
# the person swaps are mechanical only on lay text (an exam stem is third person already)
LAY_ONLY = frozenset({"first_to_third", "third_to_first"})
