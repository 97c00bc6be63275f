"""The self-care window of an acute self-limiting illness (issue 21, mts8).

An NHS self-care page says how long the illness lasts before a GP should see it: a cold that
has not improved after 3 weeks (NHS Common cold), a cough over 3 weeks (NHS Bronchitis; NICE
NG120), a sore throat over a week (NHS Sore throat; NICE NG84), an ear infection past a week
(NICE NG91), sinusitis past about 10 days (NICE NG79). A self-care entry names its window in
days (``window_days``); :func:`beyond_window` says when the presentation has outlasted it, read
in two ways, each of which can only turn a self-care answer into a GP one (routine), never
lower a level:

* a duration written in the SAME sentence as the entry's presenting finding ("a blocked nose
  for 5 weeks", "cough x 4 weeks", "a 3-week history of sore throat"): a duration in another
  sentence belongs to another symptom;
* a statement that the illness never cleared ("it has never really resolved", "has not got
  better since the antibiotics", "keeps coming back"): the NHS pages' "symptoms do not
  improve" / "keep getting" lines, wherever it is written (a pronoun names the symptom).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                 "twelve": 12, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3,
                 "several": 3, "many": 5}
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
_NUM = (r"(?P<nX>\d+(?:\.\d+)?|a couple of|couple of|a few|few|several|many|an?|one|two|three|four|"
        r"five|six|seven|eight|nine|ten|eleven|twelve)")
_UNIT = r"(?P<uX>days?|weeks?|wks?|months?|years?|yrs?)"


def _n(i: int) -> str:
    """:data:`_NUM` with its group named for alternative ``i`` (a name may not repeat)."""
    return _NUM.replace("nX", f"n{i}")


def _u(i: int) -> str:
    """:data:`_UNIT` with its group named for alternative ``i``."""
    return _UNIT.replace("uX", f"u{i}")


# A duration of the finding: "for 5 weeks", "x 3 weeks", "over the past 2 months", "a 3-week
# history", "started 4 weeks ago" (never an age: "3 weeks old").
DURATION = re.compile(
    rf"\b(?:(?:for|over|x|during|lasting|lasted|in) (?:about |around |nearly |almost |over |more "
    rf"than |the )?(?:past |last )?{_n(1)}[- ]?{_u(1)}(?![- ]old)"
    rf"|{_n(2)}[- ]{_u(2)}[- ](?:history|duration)"
    rf"|(?:started|began|begun|onset|since) (?:about |around )?{_n(3)} {_u(3)} ago"
    rf"|for (?P<plural>weeks|months|years)(?! ago))\b", re.I)
_PLURAL_DAYS = {"weeks": 14, "months": 60, "years": 365}
# The illness never cleared (NHS: "symptoms do not improve", "keep getting" -> see a GP).
NOT_RESOLVING = re.compile(
    r"\b(?:never (?:really |fully |completely |quite |totally |properly )?(?:resolved|cleared(?: up)?|"
    r"gone away|went away|got(?:ten)? better|settled(?: down)?|improved|cleared)"
    r"|(?:has|have|had|did|does|is|was)(?:n'?t| not) (?:\w+ ){0,2}?(?:resolved|cleared(?: up)?|"
    r"gone away|go away|got(?:ten)? better|get better|improved|improve|settled) (?:at all )?"
    r"(?:since|despite|after (?:a |the |his |her |my )?(?:course|antibiotics?|treatment|amoxicillin|"
    r"(?:\d+|two|three|four|five|six|several|a few) (?:days|weeks|months)))"
    r"|keeps? (?:on )?coming back|keeps? getting (?:\w+ )?(?:infections?|sinusitis|tonsillitis)"
    r"|(?:continued|persisted|persisting|ongoing) (?:\w+ ){0,3}?since (?:the |his |her |my )?"
    r"(?:last|previous|antibiotics?|course|treatment|\d))", re.I)
_SENTENCE_END = re.compile(r"[.!?;\n](?!\d)")


def _days(m: re.Match[str]) -> float:
    """The length of a :data:`DURATION` match in days."""
    if m.group("plural"):
        return float(_PLURAL_DAYS[m.group("plural").lower()])
    n_txt = next(m.group(k) for k in m.re.groupindex if k.startswith("n") and m.group(k))
    u_txt = next(m.group(k) for k in m.re.groupindex if k.startswith("u") and m.group(k))
    n = float(n_txt) if n_txt[0].isdigit() else float(_WORD_NUMBERS[n_txt.lower()])
    return n * _UNIT_DAYS[u_txt[0].lower()]


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (between . ! ? ; or a line break) around ``text[start:end]``."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_m = _SENTENCE_END.search(text, end)
    return left, right_m.start() if right_m else len(text)


def longest_duration(text: str, start: int, end: int) -> tuple[float, str] | None:
    """The longest duration (days, words) written in the sentence around ``text[start:end]``."""
    left, right = sentence_of(text, start, end)
    found = [(_days(m), m.group(0)) for m in DURATION.finditer(text, left, right)]
    return max(found) if found else None


def beyond_window(text: str, finding: re.Pattern[str] | None, window_days: int,
                  negated: Callable[[str, int, int], bool]) -> str | None:
    """Why the illness has outlasted its self-care window of ``window_days`` days, else None.

    ``finding``: the entry's presenting finding (its first ``all`` group); ``negated``: the
    self-care net's negation test (a denied "never resolved" is no statement)."""
    if finding is not None:
        for f in finding.finditer(text):
            if negated(text, f.start(), f.end()):
                continue
            got = longest_duration(text, f.start(), f.end())
            if got is not None and got[0] > window_days:
                return (f"\"{f.group(0)}\" for \"{got[1]}\", beyond its self-care window of "
                        f"{window_days} days")
    for m in NOT_RESOLVING.finditer(text):
        if not negated(text, m.start(), m.end()):
            return f"\"{m.group(0)}\": not settling within its self-care window"
    return None
