"""Medication sig grammar: dose, route and frequency patterns and their canonical forms.

Split from ``assistant.clinical.medications`` (which re-exports the public names); read by the
medication reader there and by ``assistant.dosing`` (``DOSE_UNIT``).
"""

from __future__ import annotations

import re

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+"
_RANGE = rf"(?:{_NUM})(?:\s*(?:-|to|/)\s*(?:{_NUM}))?"
#: Amounts of a drug (mass, volume, activity, amount of substance), written out too: the one
#: unit set shared with assistant.dosing (DOSE_PATTERN).
DOSE_AMOUNT = (r"micrograms?|milligrams?|milli(?:lit(?:er|re)s?)|milliequivalents?|"
               r"international units|mmol|mEq|mg|mcg|µg|ug|grains?|grams?|g|mL|ml|cc|L|units?|IU|U")
#: What an amount is given per: body weight or surface, time, an inhaler actuation, a volume
#: ("1 mg/kg", "1.5 g/m2", "0.3 mg per hour", "mg/kg/day", "90 mcg/actuation", "250 mg/5 mL").
DOSE_PER = (r"(?:\s*/\s*|\s+per\s+)(?:kg|m2|m²|24\s*h(?:rs?|ours?)?|h(?:rs?|ours?)?|"
            r"min(?:utes?)?|day|d|actuation|puff|inh|5\s*mL|mL)")
#: A dose unit: an amount, then up to two "per" parts. Deliberately without "%" and dosage-form
#: counts (tablets, puffs): in an abstract those are mostly proportions and study arms.
DOSE_UNIT = rf"(?:{DOSE_AMOUNT})(?:{DOSE_PER}){{0,2}}"
# The medication grammar also reads concentrations and dosage-form counts from notes.
# (probe18: "gm" / "gms", the grams of US notes: "1 gm of IV Ancef"; written "g")
_DOSE_UNIT = (rf"{DOSE_UNIT}|gms?|%|tabs?|tablets?|caps?|capsules?|puffs?|inhalations?|inh|drops?|"
              r"sprays?|patch(?:es)?|ampules?|vials?|teaspoons?|tablespoons?|tsp|tbsp")
_DOSE = re.compile(rf"(?<![\w.])({_RANGE})\s*({_DOSE_UNIT})(?![\w])", re.IGNORECASE)

_ROUTES: list[tuple[str, str]] = [
    (r"p\.?o\.?|by mouth|orally|oral(?!\s+(?:thrush|mucosa|intake))", "PO"),
    (r"i\.?v\.?(?:\s*p\.?b\.?)?|intravenous(?:ly)?|iv push|ivpb", "IV"),
    (r"i\.?m\.?|intramuscular(?:ly)?", "IM"),
    (r"s\.?q\.?|s\.?c\.?|subq|sub-q|subcut|subcu|subcutaneous(?:ly)?", "subcut"),
    (r"inhaled|inhalation|inhalers?|inh|nebulized|nebulizers?|neb|nebs|mdi|via nebulizer|puffs?",
     "inhaled"),
    (r"topical(?:ly)?", "topical"),
    (r"s\.?l\.?|sublingual(?:ly)?", "SL"),
    (r"p\.?r\.?(?!n)|per rectum|rectal(?:ly)?", "PR"),
    (r"transdermal(?:ly)?", "transdermal"),
    (r"odt", "ODT"),
    (r"intranasal(?:ly)?|nasal|(?:in(?:to)?\s+|per\s+)?(?:each|both|the\s+(?:right|left))\s+"
     r"nostrils?", "intranasal"),
    (r"ophthalmic|eye\s*drops?|in(?:to)? (?:the |each |both )?(?:right |left )?eyes?",
     "ophthalmic"),
    # the dosage form says the route: "bacitracin ointment", "Elidel cream b.i.d."
    (r"creams?|ointments?|lotions?|gels?|foams?|shampoos?|pastes?|topical solution", "topical"),
    (r"patch(?:es)?", "transdermal"),
    (r"otic|ear\s*drops?|in(?:to)? (?:the |each |both )?(?:right |left )?ears?", "otic"),
]
_ROUTE_RE = [(re.compile(rf"(?<![\w/])(?:{p})(?![\w/])", re.IGNORECASE), r) for p, r in _ROUTES]
# Case-sensitive short routes: "PR" and "SL" in lower case are words too often.
_ROUTE_UPPER_ONLY = {"PR", "SL", "IM"}

_FREQS: list[tuple[str, str]] = [
    (r"every other day|q\.?o\.?d\.?|qod", "every other day"),
    (r"twice (?:a )?weekly|twice a week|two times (?:a|per) week", "twice weekly"),
    (r"(?:once )?weekly|once a week|every week|q\s?week|qwk", "weekly"),
    (r"every (\d+) months", "every {0} months"),
    # "Duragesic patch at 125 mcg every 3 days" (probe6; the real-set labels write q72h)
    (r"every (?:3|three) days|q\.?\s?3\s?days|q\s?72\s?h(?:rs?|ours?)?", "q72h"),
    # "every two weeks", "q.2 weeks" (darbepoetin, depot injections)
    (r"every (\d+|two|three|four|six|eight) weeks|q\.?\s?(\d+)\s?weeks", "every {0} weeks"),
    # probe25 (mts-3401): "q.4-6 hourly", "q.4 hourly" (the British "hourly" after the count)
    (r"q\.?\s?(\d+)\s?(?:-|to)\s?(\d+)\s?h(?:rs?|ours?|ourly)?|"
     r"every (\d+)\s?(?:-|to)\s?(\d+) hours", "q{0}-{1}h"),
    (r"q\.?\s?(\d+)\s?h(?:rs?|ours?|ourly)?\.?|every (\d+) hours?|q (\d+) hours?", "q{0}h"),
    # "every six hours": the hour count in words
    (r"every (two|three|four|six|eight|twelve|twenty-four) hours?", "q{0}h"),
    (r"b\.?i\.?d\.?|twice (?:a )?daily|twice (?:a|per) day|two times (?:a |per )?day|"
     r"2 times (?:a |per )?day|twice", "BID"),
    (r"t\.?i\.?d\.?|three times (?:a |per )?day|three times daily|3 times (?:a |per )?day",
     "TID"),
    (r"q\.?i\.?d\.?|(?:four|4) times (?:a |per )?day|(?:four|4) times daily", "QID"),
    (r"a\.c\.|before (?:each |every )?meals?|before (?:breakfast|lunch)(?:,)? and (?:dinner|supper)",
     "AC"),
    (r"q\.?\s?h\.?s\.?|at bedtime|nightly|at night|every night|before bed|bedtime", "qHS"),
    # probe20: "Insulin NPH 20 units every a.m." (the dotted abbreviation after every/each;
    # p20fix: not the bare "in a.m.", a time of a split dose or of a single dose given, and
    # never when another time of day follows: "40 mg every a.m. and 20 mg every p.m."; the
    # p.m. form is the second dose of such a split more often than not: not read)
    (r"q\.?\s?a\.?m\.?|every morning|in the morning|(?:every|each) a\.m\.?"
     r"(?![^;\n]{0,30}?\b(?:p\.m|h\.s|bedtime|evening|night|noon))", "qAM"),
    (r"q\.?\s?p\.?m\.?|every evening|in the evening", "qPM"),
    # a sig tied to meals or a scale rather than a clock ("Phoslo 3 tablets with meals",
    # "insulin sliding scale")
    (r"with (?:each |every |all )?meals|with food", "with meals"),
    (r"(?:on a |per )?sliding[- ]scale", "sliding scale"),
    (r"once daily|daily|q\.?d\.?|q\s?day|once (?:a )?day|every day|per day|a day|q24h|q 24 h|"
     r"(?:at|with) breakfast|every morning", "daily"),
    (r"x\s?1(?!\d)|one time|stat|once(?=\s*(?:$|[.,;:)\n]|as needed|prn|now|only|today))",
     "once"),
]
_NUMBER_WORDS = {"two": "2", "three": "3", "four": "4", "six": "6", "eight": "8", "twelve": "12",
                 "twenty-four": "24"}
_FREQ_RE = [(re.compile(rf"(?<![\w/])(?:{p})(?![\w])", re.IGNORECASE), f) for p, f in _FREQS]
_PCT_BEFORE = re.compile(r"(?<![\w.])(\d*\.?\d+)\s*%\s*(?:of\s+)?(?:plain\s+)?$")
_PRN = re.compile(r"(?<![\w])(?:p\.?r\.?n\.?|as needed|as-needed|if needed|"
                  # "every 6 to 8 hours for pain", "for any breakthrough pain": as needed
                  r"for (?:any |the )?(?:breakthrough |severe |moderate |mild )?pain)(?![\w])",
                  re.IGNORECASE)
# A dose written in front of the name, with an optional route and "of" between:
# "..., 5 mg p.o. Valium, ...", "about 30 units of insulin daily".
_DOSE_BEFORE = re.compile(
    rf"(?<![\w.])({_RANGE})\s*({_DOSE_UNIT})\s+(?:(p\.o\.|PO|IV|I\.V\.|IM|SQ|subcut)\s+)?"
    r"(?:of\s+(?:viscous\s+|topical\s+|oral\s+|liquid\s+)?"
    # probe18: the route after "of": "1 gm of IV Ancef"
    r"(?:(p\.o\.|PO|IV|I\.V\.|IM|SQ|subcut)\s+)?)?$", re.IGNORECASE)
# A strength without its unit right after the name of a list entry, followed by the sig
# ("Cozaar 50 daily", "Percocet 10/325 one to two at night"): kept as written.
_BARE_STRENGTH = re.compile(
    r"^[ \t]+(\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)?)(?=[ \t]+(?:one|two|half|1|2|tabs?|tablets?|"
    r"caps?|capsules?|p\.?o\.?|daily|q\.?d\.?|b\.?i\.?d\.?|t\.?i\.?d\.?|q\.?i\.?d\.?|"
    r"q\.?\s?\d+|qhs|at\s+(?:bedtime|night)|every|once|twice|a\s+day|per\s+day)\b)",
    re.IGNORECASE)
#: A dosage-form count written in words ("Bactrim DS one pill a day", "Serevent two puffs
#: daily", "one drop in each eye"): the count as a number, the form as _UNIT_CANON spells it.
_WORD_COUNT = re.compile(r"(?<![\w-])(one|two|three|four|1|2|3|4)\s+(pills?|tabs?|tablets?|"
                         r"caps?|capsules?|puffs?|sprays?|drops?|patch(?:es)?)(?![\w])", re.I)
_COUNT_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4"}
_SECOND_STRENGTH = re.compile(rf"\s*/\s*({_NUM})\s*(mg|mcg|g|units|IU|mL)(?![\w])", re.I)

_ROUTE_BEFORE = re.compile(
    r"(?<![\w/])(IV|I\.V\.|intravenous|oral|PO|p\.o\.|IM|intramuscular|subcutaneous|"
    r"subcut|SQ|nebulized|inhaled|topical|transdermal|intranasal|sublingual|ophthalmic|"
    r"otic)\s+(?:\w+\s+){0,1}$")

def _norm_dose(num: str, unit: str) -> str:
    num = re.sub(r"\s*(-|/)\s*", r"\1", num.strip())
    num = re.sub(r"\s+to\s+", " to ", num)
    u = unit.strip()
    if u.lower() in ("gm", "gms"):
        u = "g"
    if u == "%":
        return f"{num}%"
    amount = re.match(DOSE_AMOUNT, u, re.IGNORECASE)
    if amount is None or amount.end() == len(u):  # a plain amount or a dosage-form count
        return f"{num} {_UNIT_CANON.get(u.lower(), u)}"
    if not re.search(r"\bper\b", u, re.IGNORECASE) and not re.search(r"/\s*24", u):
        return f"{num} {u}"  # "units/kg/h", "mg/5 mL": a slash unit as written
    head = _UNIT_CANON.get(amount.group(0).lower(), amount.group(0))
    pers = [_PER_CANON.get(re.sub(r"\s+", "", p.lower()), re.sub(r"\s+", " ", p))
            for p in re.findall(r"(?:/|\bper\b)\s*([^/]+?)\s*(?=/|\s+per\b|$)", u[amount.end():],
                                re.IGNORECASE)]
    return f"{num} {head}/" + "/".join(pers)


_UNIT_CANON = {"units": "units", "unit": "units", "u": "units", "iu": "IU",
               "international units": "IU", "meq": "mEq", "ml": "mL", "l": "L", "grams": "g",
               "gram": "g", "µg": "mcg", "ug": "mcg", "tabs": "tab", "tablets": "tab",
               "tablet": "tab", "caps": "capsule", "capsules": "capsule", "cap": "capsule",
               "puff": "puffs", "inhalations": "inh", "inhalation": "inh", "cc": "mL",
               "microgram": "mcg", "micrograms": "mcg", "milligram": "mg", "milligrams": "mg",
               "milliliter": "mL", "milliliters": "mL", "millilitre": "mL", "millilitres": "mL",
               "milliequivalent": "mEq", "milliequivalents": "mEq", "mmol": "mmol", "mg": "mg",
               "mcg": "mcg", "g": "g"}
_PER_CANON = {"h": "hr", "hr": "hr", "hrs": "hr", "hour": "hr", "hours": "hr", "24h": "24 hr",
              "24hr": "24 hr", "24hrs": "24 hr", "24hour": "24 hr", "24hours": "24 hr",
              "min": "min", "minute": "min", "minutes": "min", "5ml": "5 mL", "ml": "mL",
              "kg": "kg", "m2": "m2", "day": "day", "d": "d"}

def _route(window: str) -> str | None:
    best: tuple[int, str] | None = None
    for rx, name in _ROUTE_RE:
        for m in rx.finditer(window):
            # only the abbreviations must be capitals ("pr", "im" are words too often); the
            # spelled-out routes are not ("Ativan intramuscularly", "Tylenol per rectum")
            if name in _ROUTE_UPPER_ONLY and len(m.group(0).replace(".", "")) <= 2 and \
                    not m.group(0).isupper():
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), name)
            break
    return best[1] if best else None


def _first_frequency(window: str) -> tuple[int, int, str] | None:
    """``(start, end, sig)`` of the frequency written first in ``window`` (PRN aside): the
    earliest match wins; at the same place the longer one ("once daily" over "once")."""
    best: tuple[int, int, str, int] | None = None
    for rx, fmt in _FREQ_RE:
        m = rx.search(window)
        if m and (best is None or (m.start(), -len(m.group(0))) < best[:2]):
            groups = [_NUMBER_WORDS.get(g.lower(), g) for g in m.groups() if g]
            best = (m.start(), -len(m.group(0)), fmt.format(*groups) if groups else fmt,
                    m.end())
    return (best[0], best[3], best[2]) if best else None


def _frequency(window: str, first: tuple[int, int, str] | None = None) -> str | None:
    """The sig of ``window``: its first frequency (``first`` when the caller has it), with
    " PRN" when an as-needed word is written anywhere in it."""
    if first is None:
        first = _first_frequency(window)
    freq = first[2] if first else None
    if _PRN.search(window):
        freq = f"{freq} PRN" if freq else "PRN"
    return freq
