"""Medication grammar: drug name, dose, route, frequency and status, from lists and prose.

``find_medication_mentions(text)`` reads every drug mention with the attributes written after
it ("metformin 1000 mg PO BID", "Ibuprofen 10 mg/kg PO q6h PRN fever",
"albuterol MDI 90 mcg/actuation 2 puffs q4h PRN") and the status cue around it ("start",
"hold", "discontinue", "was given", "(NEW)"). The pipeline merges mentions per drug.
Drug names come from a curated generic + brand list and, when a dose follows, from common
generic-name stems (-pril, -sartan, -olol, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from assistant.clinical.terminology import default_cache_dir, drug_dictionary
from assistant.clinical.vocabulary import load_lexicon

# Drug names: data/drug_generics.tsv and data/drug_brands.tsv (brands and abbreviations map
# to generics); multi-word generics are rejoined in _drug_lexicon.

#: Abbreviations that are drugs only in upper case (NS, ASA, KCl, NTG, HCTZ ...).
_UPPER_ONLY = {"ns", "asa", "kcl", "ntg", "apap", "pnv", "tpa", "mvi"}
_ALIAS_CANON = {"prenatal vitamins": "prenatal vitamin", "ipratropium-albuterol":
                "albuterol/ipratropium", "vitamin d3": "vitamin D3", "penicillin g": "penicillin G"}

_STEM = re.compile(
    r"[a-z]{3,}(?:pril|sartan|olol|dipine|statin|mycin|cillin|floxacin|conazole|prazole|tidine|"
    r"gliptin|gliflozin|glitazone|parin|xaban|gatran|mab|tinib|ciclovir|cycline|semide|thiazide|"
    r"triptan|zepam|zolam|oxetine|tropium|terol|lukast|dronate|profen|navir|setron|lamide|"
    r"pramine|triptyline|azepine|peridone|barbital)\b", re.IGNORECASE)

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+"
_RANGE = rf"(?:{_NUM})(?:\s*(?:-|to|/)\s*(?:{_NUM}))?"
#: Amounts of a drug (mass, volume, activity, amount of substance), written out too: the one
#: unit set shared with assistant.dosing (DOSE_PATTERN).
DOSE_AMOUNT = (r"micrograms?|milligrams?|milli(?:lit(?:er|re)s?)|milliequivalents?|"
               r"international units|mmol|mEq|mg|mcg|µg|ug|grams?|g|mL|ml|cc|L|units?|IU|U")
#: What an amount is given per: body weight or surface, time, an inhaler actuation, a volume
#: ("1 mg/kg", "1.5 g/m2", "0.3 mg per hour", "mg/kg/day", "90 mcg/actuation", "250 mg/5 mL").
DOSE_PER = (r"(?:\s*/\s*|\s+per\s+)(?:kg|m2|m²|24\s*h(?:rs?|ours?)?|h(?:rs?|ours?)?|"
            r"min(?:utes?)?|day|d|actuation|puff|inh|5\s*mL|mL)")
#: A dose unit: an amount, then up to two "per" parts. Deliberately without "%" and dosage-form
#: counts (tablets, puffs): in an abstract those are mostly proportions and study arms.
DOSE_UNIT = rf"(?:{DOSE_AMOUNT})(?:{DOSE_PER}){{0,2}}"
# The medication grammar also reads concentrations and dosage-form counts from notes.
_DOSE_UNIT = (rf"{DOSE_UNIT}|%|tabs?|tablets?|caps?|capsules?|puffs?|inhalations?|inh|drops?|"
              r"sprays?|patch(?:es)?|ampules?|vials?")
_DOSE = re.compile(rf"(?<![\w.])({_RANGE})\s*({_DOSE_UNIT})(?![\w])", re.IGNORECASE)

_ROUTES: list[tuple[str, str]] = [
    (r"p\.?o\.?|by mouth|orally|oral(?!\s+(?:thrush|mucosa|intake))", "PO"),
    (r"i\.?v\.?(?:\s*p\.?b\.?)?|intravenous(?:ly)?|iv push|ivpb", "IV"),
    (r"i\.?m\.?|intramuscular(?:ly)?", "IM"),
    (r"s\.?q\.?|s\.?c\.?|subq|sub-q|subcut|subcu|subcutaneous(?:ly)?", "subcut"),
    (r"inhaled|inhalation|inhalers?|inh|nebulized|nebulizer|neb|nebs|mdi|via nebulizer|puffs?",
     "inhaled"),
    (r"topical(?:ly)?", "topical"),
    (r"s\.?l\.?|sublingual(?:ly)?", "SL"),
    (r"p\.?r\.?(?!n)|per rectum|rectal(?:ly)?", "PR"),
    (r"transdermal(?:ly)?", "transdermal"),
    (r"odt", "ODT"),
    (r"intranasal(?:ly)?|nasal", "intranasal"),
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
    # "every two weeks", "q.2 weeks" (darbepoetin, depot injections)
    (r"every (\d+|two|three|four|six|eight) weeks|q\.?\s?(\d+)\s?weeks", "every {0} weeks"),
    (r"q\.?\s?(\d+)\s?(?:-|to)\s?(\d+)\s?h(?:rs?|ours?)?|every (\d+)\s?(?:-|to)\s?(\d+) hours",
     "q{0}-{1}h"),
    (r"q\.?\s?(\d+)\s?h(?:rs?|ours?)?\.?|every (\d+) hours?|q (\d+) hours?", "q{0}h"),
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
    (r"q\.?\s?a\.?m\.?|every morning|in the morning", "qAM"),
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
    r"(?:of\s+(?:viscous\s+|topical\s+|oral\s+|liquid\s+)?)?$", re.IGNORECASE)
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

# Status cues: before the drug name (same clause) or just after it.
_CUE_BEFORE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:discontinue[ds]?|discontinuing|d/c(?:'?d)?|stop(?:ped|ping|s)?|"
                r"instead of|switch(?:ed)? from|taper(?:ed)? off|off of|no longer on|"
                r"no longer (?:taking|using|needing|needs)|not needing|"
                # a past trial or course: "had been on", "had tried", "previously on"
                r"had (?:been (?:on|taking|using)|tried|taken|used)|tried|"
                r"previously (?:on|took|taking|tried|used)|was (?:briefly )?(?:on|taking)\s+"
                r"(?=\S+\s*[;,]?\s*however)|briefly (?:was )?on|"
                r"cease)\b", re.I), "discontinued"),
    (re.compile(r"\b(?:hold(?:ing)?|held)\b", re.I), "held"),
    (re.compile(r"\b(?:start(?:ed|ing)?|begin|began|initiat(?:e|ed|ing)|add(?:ed)?|"
                r"re-?start(?:ed)?|switch(?:ed)? (?:over )?to|change(?:d)? (?:over )?to|"
                r"transition(?:ed)? to|"
                r"narrowed to|prescribed|trial of|new|rx(?:'d)?|sent|sample of|"
                r"prescription (?:for|of)|prescriptions? (?:was |were )?(?:written|sent|given|"
                r"called in|provided) (?:for|of)|"
                # "discharged on propranolol", "was discharged ... with Levaquin"
                r"discharged (?:home )?(?:on|with)|discharged\b[^.;\n]{0,60}\bwith)\b",
                re.I), "new"),
    (re.compile(r"\b(?:given|gave|received|administered|took|s/p|got|treated with|"
                r"required|infiltrated|injected|performed with|mixture of)\b", re.I),
     "given"),
    (re.compile(r"\b(?:continue[ds]?|continuing|cont(?:\.|inue)?|increase[ds]?|"
                r"decrease[ds]?|reduce[ds]?|titrate[ds]?|resume[ds]?|remain(?:s|ed)? on|"
                r"on|takes|taking|using|uses)\b", re.I), "active"),
]
_CUE_AFTER: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:[^.;\n]|\.(?=\d)){0,60}?\b(?:discontinued|stopped|d/c'?d|narrowed to|"
                r"changed to|switched to|(?:later|then) (?:changed|switched)|failed|"
                r"did not (?:really )?help|didn't help|"
                r"did not relieve|without (?:relief|benefit|improvement)|was ineffective|"
                r"no longer|any longer|anymore)\b", re.I), "discontinued"),
    (re.compile(r"^(?:[^.;\n]|\.(?=\d)){0,60}?\b(?:held|on hold)\b", re.I), "held"),
    (re.compile(r"^(?:[^.;\n]|\.(?=\d)){0,80}?\b(?:was given|were given|given|administered|received)\b",
                re.I), "given"),
    (re.compile(r"^(?:[^.;\n]|\.(?=\d)){0,60}?(?:\(\s*new[^)]*\)|-\s*new\b|\bnew dose\b|\bstarted\b)",
                re.I), "new"),
    (re.compile(r"^(?:[^.;\n]|\.(?=\d)){0,60}?\(\s*continue[ds]?\s*\)", re.I), "active"),
]
# A drug word that is not a medication being taken: allergies, levels, drug classes in prose.
_NOT_A_MED_AFTER = re.compile(
    r"^\s*(?:-?\s*(?:associated|induced|related)\b|allerg|level|trough|peak\b|toxicity|"
    r"resistant|sensitive|challenge|not indicated|was not given|declined|refused|"
    r"(?:is|was|are|were)?\s*contraindicated|"
    # materials and devices, not drugs given: "chlorhexidine based prep", "gentamicin
    # impregnated saline", "insulin pump", "saline irrigation"
    r"-?\s*(?:based|impregnated|soaked|coated|prep\b|scrub|irrigation|wash\b|flush\b|"
    r"pump|drip\s+rate|beads|cement|spacer|dressing|gauze|packing)|"
    # contrast agents ("Omnipaque contrast"); a drug only recommended or offered as an
    # option, not taken ("Cymbalta has been recommended as a good alternative")
    r"(?:contrast|dye)\b|"
    r"(?:has|have)\s+been\s+(?:recommended|suggested|considered|discussed)\b|"
    r"(?:is|was|were)\s+(?:recommended|suggested|considered|discussed)\b|"
    r"as\s+an?\s+(?:\w+\s+)?(?:alternative|option)\b)", re.I)
_NOT_A_MED_BEFORE = re.compile(
    r"\b(?:allerg(?:y|ic|ies)(?:\s+to)?|not on|no|never (?:on|took)|denies(?: taking)?|"
    r"intolerant of|intolerance to)\s*(?:\w+\s+){0,1}$|"
    # irrigation and skin prep ("irrigated with warm normal saline", "prepped with ...") and
    # topics ("a packet of information on HCZ Diovan")
    r"\b(?:irrigat\w*|lavage|washed|rinsed|prepped|flushed|soaked|bathed)\s+(?:\w+\s+){0,3}"
    r"(?:with|in|using)\s+(?:\w+\s+){0,3}$|"
    r"\b(?:information|packet|handouts?|literature|brochure|pamphlet|education|teaching)\s+"
    r"(?:\w+\s+){0,2}(?:on|about|regarding)\s+(?:\w+\s+){0,2}$|"
    # contrast given for imaging ("TOTAL CONTRAST: 110 cc of Hexabrix", "with contrast
    # (Omnipaque)"); a laboratory analyte ("a fasting C-peptide"); a drug only discussed as
    # an option ("to discuss further radioiodine", "consider Ritalin")
    r"\bcontrast\b:?[ \t]*\n?[^.\n]{0,25}$|"
    r"\b(?:fasting|serum|plasma|urine|urinary|random)\s+$|"
    r"\b(?:discuss(?:ed)?\s+(?:further|the\s+option\s+of|the\s+possibility\s+of)|"
    r"option\s+of|possibility\s+of)\s+(?:\w+\s+){0,1}$|\bconsider(?:ing)?\s+$|"
    # a topic to talk about with someone ("I wanted to talk to Dr. XYZ about Coumadin")
    r"\b(?:talk|talked|speak|spoke|discuss)\b[^\n]{0,40}\b(?:about|regarding)\s+$", re.I)
#: Dictionary entries that name a drug class, not a drug ("stool softeners"): the guideline
#: does not label a class without a named drug.
_CLASS_NAMES = {"stool softeners", "stool softener", "laxatives", "antibiotics", "vitamins"}
#: A past episode in the same or the previous sentence ("He had an episode similar to this a
#: year ago ... He was discharged ... with Levaquin"; "treated with Zyprexa during
#: hospitalization in 2006"): a drug given then is not taken now.
_PAST_EPISODE = re.compile(
    r"\b(?:(?:\d+|an?|one|two|three|four|five|several|few|many)\s+(?:years?|months?)\s+ago|"
    r"last (?:year|month)|in (?:19|20)\d\d|in the past|previous(?:ly)?|prior (?:episode|"
    r"admission|hospitali[sz]ation)|(?:back|years) ago)\b", re.I)
#: In the previous sentence only an episode marker counts (a bare year may date a diagnosis).
_PAST_EPISODE_PREV = re.compile(
    r"\b(?:(?:\d+|an?|one|two|three|four|five|several|few|many)\s+(?:years?|months?)\s+ago|"
    r"last (?:year|month)|(?:previous|prior) (?:episode|admission|hospitali[sz]ation))\b", re.I)
_NOW = re.compile(r"\b(?:today|tonight|now|currently|this (?:morning|evening|admission|visit|"
                  r"hospitali[sz]ation))\b", re.I)
#: Substances of abuse named in the social history ("abused cigarettes and cocaine"): a
#: medication only with a dose written after it (topical cocaine 4% in ENT procedures).
_RECREATIONAL = {"cocaine", "heroin", "methamphetamine", "cannabis",
                 "marijuana", "mdma", "phencyclidine", "lysergide"}


_ROUTE_BEFORE = re.compile(
    r"(?<![\w/])(IV|I\.V\.|intravenous|oral|PO|p\.o\.|IM|intramuscular|subcutaneous|"
    r"subcut|SQ|nebulized|inhaled|topical|transdermal|intranasal|sublingual|ophthalmic|"
    r"otic)\s+(?:\w+\s+){0,1}$")


@dataclass
class MedMention:
    """One drug mention with what the grammar read around it."""

    name: str
    start: int
    end: int
    dose: str | None = None
    route: str | None = None
    frequency: str | None = None
    cue: str | None = None     # explicit status cue, when one was read


def _drug_lexicon() -> tuple[dict[str, str], int]:
    lex: dict[str, str] = {}
    for (name,) in load_lexicon("drug_generics").rows:
        lex[name] = name
    # multi-word generics: rejoin the known ones
    for multi in ("calcium carbonate", "ferrous sulfate", "folic acid", "insulin aspart",
                  "insulin detemir", "insulin glargine", "insulin lispro", "insulin regular",
                  "isosorbide mononitrate", "magnesium oxide", "magnesium sulfate",
                  "metoprolol succinate", "metoprolol tartrate", "nicotine patch",
                  "normal saline", "penicillin g", "penicillin v", "potassium chloride",
                  "prenatal vitamin", "prenatal vitamins", "sodium bicarbonate", "vitamin d",
                  "vitamin d3", "vitamin b12", "zoledronic acid", "lactated ringers"):
        lex[multi] = _ALIAS_CANON.get(multi, multi)
    for single in ("calcium", "ferrous", "folic", "aspart", "detemir", "glargine", "lispro",
                   "regular", "isosorbide", "mononitrate", "magnesium", "oxide", "sulfate",
                   "succinate", "tartrate", "nicotine", "patch", "normal", "saline", "g", "v",
                   "potassium", "chloride", "prenatal", "vitamin", "vitamins", "sodium",
                   "bicarbonate", "d", "d3", "b12", "zoledronic", "acid", "lactated", "ringers"):
        lex.pop(single, None)
    for k, v in _ALIAS_CANON.items():
        lex[k] = v
    for brand, generic in load_lexicon("drug_brands").rows:
        lex[brand] = generic
    longest = max(len(k.split()) for k in lex)
    return lex, longest


_LEX, _MAX_WORDS = _drug_lexicon()
_DICT_MAX_WORDS = 3


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, dict[str, object]]:
    """The maintained drug dictionary (drug-named-entity-recognition; terminology.py)."""
    return drug_dictionary(default_cache_dir())


@lru_cache(maxsize=1)
def _name_starts() -> dict[str, int]:
    """First word of every curated or dictionary name -> the most words such a name has."""
    starts: dict[str, int] = {}
    for name in [*_LEX, *_dictionary()]:
        words = name.split()
        starts[words[0]] = max(starts.get(words[0], 0), len(words))
    return starts


def drug_codes(name: str) -> list[str] | None:
    """Dictionary codes (MeSH, DrugBank, MedlinePlus) of a canonical drug name, if known."""
    entry = _dictionary().get(name.lower())
    if entry is None:
        for part in name.lower().split("/"):
            entry = _dictionary().get(part)
            if entry is not None and entry["generic"] != part:
                entry = None
            if entry is not None:
                break
    return list(entry["codes"]) if entry else None  # type: ignore[arg-type]
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*")


class DrugName(NamedTuple):
    """A drug word or phrase found in a text (a tuple: ``start, end, name, from_stem``)."""

    start: int
    end: int
    name: str        # canonical generic name ("Lasix" -> "furosemide")
    from_stem: bool  # read from a generic-name stem (-pril, -olol ...) followed by a dose


def find_names(text: str) -> list[DrugName]:
    """Every drug word/phrase in ``text``, longest known name first, in text order.

    Only names: no dose/route/status and no "allergy to X" filtering (that is
    ``find_medication_mentions``).
    """
    words = list(_WORD.finditer(text))
    dictionary = _dictionary()
    starts = _name_starts()
    out: list[DrugName] = []
    i = 0
    while i < len(words):
        hit = None
        longest = starts.get(words[i].group(0).lower(), 0)
        for n in range(min(longest, len(words) - i), 0, -1):
            span_text = text[words[i].start():words[i + n - 1].end()]
            if n > 1 and re.search(r"[\n.,;:]", span_text):
                continue
            key = " ".join(w.group(0).lower() for w in words[i:i + n])
            if key in _LEX:
                if key in _UPPER_ONLY and not span_text.isupper():
                    continue
                hit = (n, _LEX[key])
                break
            # the maintained dictionary (brands -> generic) after the curated list
            entry = dictionary.get(key)
            if entry is not None:
                # supplements are written by their common name ("vitamin C", "fish oil"),
                # not the dictionary's chemical one (ascorbic acid)
                common = key.startswith("vitamin ") or key.endswith(" oil")
                generic = str(entry["generic"])
                # "Adderall" is "amphetamine/dextroamphetamine/dextroamphetamine" in the
                # dictionary (two salts of one ingredient): each ingredient once
                generic = "/".join(dict.fromkeys(generic.split("/")))
                hit = (n, key if common else generic)
                break
        if hit:
            n, name = hit
            out.append(DrugName(words[i].start(), words[i + n - 1].end(), name, False))
            i += n
            continue
        w = words[i].group(0)
        combo = _slash_combination(w, dictionary)
        if combo:  # "chondroitin/glucosamine", "Tylenol/codeine": each part a known drug
            out.append(DrugName(words[i].start(), words[i].end(), combo, False))
            i += 1
            continue
        if w.lower() == "potassium" and _POTASSIUM_DOSE.match(text, words[i].end()):
            # "potassium 10 mEq daily": the supplement, potassium chloride
            out.append(DrugName(words[i].start(), words[i].end(), "potassium chloride", False))
            i += 1
            continue
        if _STEM.fullmatch(w) and _DOSE.match(text, words[i].end() + 1):
            out.append(DrugName(words[i].start(), words[i].end(), w.lower(), True))
        i += 1
    vaccines = _vaccines(text, out)
    return sorted(out + vaccines, key=lambda d: d.start) if vaccines else out


_POTASSIUM_DOSE = re.compile(r"\s+\d+(?:\.\d+)?\s*(?:mEq|milliequivalents?)\b", re.I)
_VACCINE_WORD = (r"(?:influenza|flu|pneumococcal|pneumonia|meningococcal|hepatitis\s+[ab]|tetanus|"
                 r"tdap|dtap|zoster|shingles|hib|hpv|mmr|varicella|polio|rotavirus|covid(?:-19)?)")
#: "flu vaccination", "pneumococcal, HiB, and meningococcal vaccines", "tetanus shot"
# one separator class between names ([\s,]+): "\s*,?\s*" inside the repeat backtracked
# exponentially on a spaced immunization table
_VACCINE = re.compile(rf"\b{_VACCINE_WORD}(?:[\s,]+(?:(?:and|or)\s+)?{_VACCINE_WORD})*\s+"
                      r"(?:vaccines?|vaccinations?|shots?|immunizations?|boosters?)\b", re.I)
_VACCINE_CANON = {"flu": "influenza", "pneumonia": "pneumococcal", "shingles": "zoster",
                  "hib": "haemophilus b", "covid": "covid-19"}


def _vaccines(text: str, taken: list[DrugName]) -> list[DrugName]:
    """One name per vaccine in a vaccine phrase not already read as a drug name; each spans
    the whole phrase (so the phrase grounds every vaccine it lists)."""
    out = []
    for m in _VACCINE.finditer(text):
        if any(d.start < m.end() and m.start() < d.end for d in taken):
            continue
        for w in re.finditer(_VACCINE_WORD, m.group(0), re.I):
            key = " ".join(w.group(0).lower().split())
            out.append(DrugName(m.start(), m.end(),
                                f"{_VACCINE_CANON.get(key, key)} vaccine", False))
    return out


def _slash_combination(word: str, dictionary: dict[str, dict[str, object]]) -> str | None:
    """"A/B" whose parts are each a known drug name -> "a/b" in canonical names, else None."""
    parts = word.lower().split("/")
    if len(parts) < 2:
        return None
    names = []
    for part in parts:
        if part in _LEX and part not in _UPPER_ONLY:
            names.append(_LEX[part])
        elif part in dictionary:
            names.append(str(dictionary[part]["generic"]))
        else:
            return None
    return "/".join(dict.fromkeys(names))


def _norm_dose(num: str, unit: str) -> str:
    num = re.sub(r"\s*(-|/)\s*", r"\1", num.strip())
    num = re.sub(r"\s+to\s+", " to ", num)
    u = unit.strip()
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
            if name in _ROUTE_UPPER_ONLY and not m.group(0).isupper():
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


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause holding ``pos``: after the last sentence/line/semicolon break."""
    cut = max(text.rfind(ch, floor, pos) for ch in (".\n", "\n", ";", ". "))
    return max(floor, cut + 1)


def find_medication_mentions(text: str) -> list[MedMention]:
    """Every medication mention in ``text`` with the attributes the grammar could read."""
    from assistant.clinical.allergies import allergy_statements

    names = find_names(text)
    # every drug an allergy statement names ("She is allergic to Keflex and codeine"), not
    # only the first after "allergic to": an allergen, not a medication taken
    allergic = [(s, e) for s, e, _ in allergy_statements(text)]
    out: list[MedMention] = []
    prev_end = 0  # end of what the previous mention read (its dose, route, frequency)
    for k, (start, end, name, _stem) in enumerate(names):
        after = text[end:end + 40]
        before = text[max(0, start - 40):start]
        if _NOT_A_MED_AFTER.match(after) or _NOT_A_MED_BEFORE.search(before):
            continue
        if any(s <= start < e for s, e in allergic):
            continue
        if name in _RECREATIONAL and not _DOSE.match(text, end + 1):
            continue
        if name in _CLASS_NAMES:
            continue
        if name.endswith(" vaccine") and _PAST_EPISODE.search(_sentence(text, start, end)):
            continue  # an immunization history ("pneumococcal vaccination three years ago")
        if k > 0 and names[k - 1].name == name and re.fullmatch(
                r"\s*\(\s*", text[names[k - 1].end:start]):
            continue  # "TriCor (fenofibrate)": the generic in brackets is the same mention
        # attribute window: to the next drug, the end of the line/sentence, or 110 chars
        limit = names[k + 1][0] if k + 1 < len(names) else len(text)
        limit = min(limit, end + 110)
        # a comma followed by words ends the attributes: "azithromycin, and nebulized ..."
        # ". " ends the attributes only before a capital or a list number: a dotted
        # abbreviation goes on ("12.5 mg p.o. b.i.d.", "q.4h. p.r.n.")
        # ", take one tablet by mouth every six hours": the sig goes on after ", take"
        stop = re.search(r"\n|\.\s+(?=[A-Z]|\d+\.\s)|;|\.$|\bthen\b|"
                         r",\s*(?!(?:take|apply|inject|instill|inhale|use|dispense|disp|"
                         r"one|two|half|which)\b)(?=[A-Za-z])",
                         text[end:limit])
        wend = end + stop.start() if stop else limit
        window = text[end:wend]
        mention = MedMention(name=name, start=start, end=end)
        last = end
        dm = _DOSE.search(window)
        if dm and re.match(r"\s+of\b", window[dm.end():]):
            dm = None  # "and 10 cc of viscous lidocaine": the next drug's dose
        if dm and dm.start() < 45:
            mention.dose = _norm_dose(dm.group(1), dm.group(2))
            last = max(last, end + dm.end())
            second = _SECOND_STRENGTH.match(window, dm.end())
            if second:  # a combination's strengths: "Bactrim DS 800 mg/160 mg"
                mention.dose += "/" + _norm_dose(second.group(1), second.group(2))
                last = max(last, end + second.end())
        if mention.dose is None:  # "0.25% Marcaine", "1% lidocaine": a strength in front
            pre = _PCT_BEFORE.search(text, max(0, start - 16), start)
            if pre:
                mention.dose = f"{pre.group(1)}%"
                mention.start = pre.start()
        if mention.dose is None:  # "5 mg p.o. Valium", "30 units of insulin"
            floor = max(prev_end, _line_start(text, start), start - 30)
            pre = _DOSE_BEFORE.search(text, floor, start)
            if pre:
                mention.dose = _norm_dose(pre.group(1), pre.group(2))
                mention.start = pre.start()
                if pre.group(3):
                    mention.route = _route(pre.group(3))
        if mention.dose is None:  # "Cozaar 50 daily": a bare strength, as written
            bare = _BARE_STRENGTH.match(window)
            if bare:
                mention.dose = bare.group(1)
                last = max(last, end + bare.end())
        if mention.dose is None:  # "one pill a day", "two puffs daily": a count in words
            wc = _WORD_COUNT.search(window)
            if wc and wc.start() < 30:
                form = wc.group(2).lower()
                form = "tab" if form.startswith(("pill", "tab")) else form
                unit = _UNIT_CANON.get(form, form)
                count = _COUNT_WORDS.get(wc.group(1).lower(), wc.group(1))
                unit = {"sprays": "spray", "drops": "drop", "patches": "patch"}.get(unit, unit)
                if count != "1" and unit in ("spray", "drop", "patch"):
                    unit += "es" if unit == "patch" else "s"  # "2 sprays", "1 drop"
                mention.dose = f"{count} {unit}"
                last = max(last, end + wc.end())
        # "given isosorbide mononitrate and IV steroids": a route after "and" is the next item's
        route_win = re.split(r"\s(?:and|or)\s+(?=(?:IV|I\.V\.|PO|IM|SQ|oral|topical|nebulized|"
                             r"inhaled|intravenous)\b)", window, maxsplit=1)[0]
        # the route after the name, one read in front of it, or the dosage form inside the
        # name itself ("nicotine patch", "fentanyl patch")
        mention.route = _route(route_win) or mention.route or _route(text[start:end])
        if mention.route is None:
            # a route written in front of the name, in the same clause: "IV Unasyn",
            # "oral Cipro", "nebulized albuterol", "subcutaneous heparin"
            pre = _ROUTE_BEFORE.search(text, _clause_start(text, start, max(0, start - 30)),
                                       start)
            if pre:
                mention.route = _route(pre.group(1))
        mention.frequency = _frequency(window)
        for rx, _name in _ROUTE_RE + _FREQ_RE:  # extend the span over what was read
            m = rx.search(window)
            if m:
                last = max(last, end + m.end())
        pm = _PRN.search(window)
        if pm:
            last = max(last, end + pm.end())
        mention.end = last
        mention.cue = _status_cue(text, start, end, window, _coordinated_tail(text, names, k))
        if mention.cue is None and name.endswith(" vaccine"):
            mention.cue = "given"  # a vaccine is administered, not taken on
        out.append(mention)
        if mention.frequency is None and (stop is not None and stop.group(0).startswith(",")
                                          or (stop is None and window.rstrip().endswith(","))):
            _share_list_sig(text, mention, end + (stop.end() if stop else len(window)))
        prev_end = last
    return _fold_bare_insulin(out)


_SIG_END = re.compile(r"\n|\.\s+(?=[A-Z]|\d+\.\s)|;|\.$")


def _share_list_sig(text: str, mention: MedMention, pos: int) -> None:
    """A sig written once after a comma list of drugs without "and" ("Add Aristocort cream
    0.25%, Polysporin ointment, Aquaphor b.i.d. and p.r.n. itch"): each drug of the list
    without its own dose or sig takes it. "Vicodin, Motrin, and Macrodantin at bedtime" keeps
    the sig with the last drug (an "and" closes the list), and a list item with its own
    dose ("Avapro, lisinopril 10 mg daily") keeps its sig to itself."""
    if mention.dose is not None and not mention.dose.endswith("%"):
        return
    stop = _SIG_END.search(text, pos, min(len(text), pos + 120))
    tail = text[pos:stop.start() if stop else min(len(text), pos + 120)]
    first = _first_frequency(tail)
    if first is None:
        return
    head = tail[:first[0]]
    if (re.search(r"\b(?:and|or|with|for|then|to)\b", head, re.I) or len(head.split()) > 10
            or any(not d.group(2).startswith("%") for d in _DOSE.finditer(head))
            or not head.strip()
            # list items, not prose: "..., reporting improvement of pain at night" is no list
            or any(len(item.split()) > 3 for item in head.split(","))
            or re.search(r"\b\w+(?:ing|ed)\b", head)):
        return
    mention.frequency = _frequency(tail, first)
    # the shared sig is part of this item's source: the span reaches it
    mention.end = max(mention.end, pos + first[1])


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding ``text[start:end]``."""
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [e for e in (text.find(". ", end), text.find("\n", end)) if e >= 0]
    return text[lo:min(ends, default=len(text))]


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


#: how far (characters) a bare "insulin" may stand from its product's name to be folded in
_FOLD_INSULIN_SPAN = 300


def _fold_bare_insulin(mentions: list[MedMention]) -> list[MedMention]:
    """"NovoLog ... about 30 units of insulin daily": a bare "insulin" in a note naming exactly
    one insulin product is that product: its dose and sig go to the product's nearest earlier
    mention (whose span names the product), and the bare mention is dropped."""
    products = {m.name for m in mentions if m.name.startswith("insulin ")}
    if len(products) > 1:  # "Lantus insulin 50 units ..., Novolin R": the bare word right
        # after a product's name is that product
        out_: list[MedMention] = []
        for m in mentions:
            if m.name == "insulin" and out_ and out_[-1].name.startswith("insulin ") and \
                    m.start - out_[-1].end <= 1:
                prev = out_[-1]
                prev.dose, prev.route = prev.dose or m.dose, prev.route or m.route
                prev.frequency, prev.cue = prev.frequency or m.frequency, prev.cue or m.cue
                prev.end = max(prev.end, m.end)
                continue
            out_.append(m)
        return out_
    if len(products) != 1:
        return mentions
    out: list[MedMention] = []
    for m in mentions:
        target = next((p for p in reversed(out) if p.name in products), None)
        if m.name != "insulin" or target is None:
            out.append(m)
            continue
        if m.start - target.end > _FOLD_INSULIN_SPAN:
            # too far for one span to ground the values: the bare mention stays its own item
            out.append(m)
            continue
        target.dose = target.dose or m.dose
        target.route = target.route or m.route
        target.frequency = target.frequency or m.frequency
        target.cue = target.cue or m.cue
        target.end = max(target.end, m.end)  # the dose and sig read there are in the span
    return out
    return mentions


_COORD = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)$")


def _coordinated_tail(text: str, names: list[DrugName], k: int) -> str:
    """What follows the last drug of a coordination that starts at drug ``k`` ("Her amlodipine
    and lisinopril are on hold": for amlodipine, " are on hold"); "" when drug ``k`` is not
    followed by "and"/"or"/"," and another drug name."""
    j = k
    while j + 1 < len(names) and _COORD.fullmatch(text[names[j].end:names[j + 1].start]) \
            and names[j + 1].start - names[j].end < 12:
        j += 1
    if j == k:
        return ""
    tail = text[names[j].end:names[j].end + 60]
    stop = re.search(r"[.;\n]", tail)
    return tail[:stop.start()] if stop else tail


def _status_cue(text: str, start: int, end: int, window: str, tail: str = "") -> str | None:
    for rx, status in _CUE_AFTER:
        if rx.search(window) or (tail and status in ("held", "discontinued", "given")
                                 and rx.search(tail)):
            return status
    cs = _clause_start(text, start, max(0, start - 120))
    clause = text[cs:start]
    # The latest action cue in the clause wins; "on"/"continue" (active) only when there is
    # no action cue ("Started on ceftriaxone" is new, not active).
    best: tuple[int, str] | None = None
    for rx, status in _CUE_BEFORE:
        for m in rx.finditer(clause):
            if status == "active" and best is not None:
                continue
            if best is None or best[1] == "active" or m.start() > best[0]:
                best = (m.start(), status)
    if best and best[1] in ("given", "new") and (best[1] == "given" or re.search(
            r"\bdischarged\b", clause[best[0]:])):
        # given (or sent home with) in a past episode: this sentence or the previous one
        sent = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
        psent = max(text.rfind(". ", 0, max(0, sent)), text.rfind("\n", 0, max(0, sent)))
        lo = max(0, psent + 1, sent - 250)  # the previous sentence
        ends = [e for e in (text.find(". ", end), text.find("\n", end)) if e >= 0]
        here = text[sent + 1:min(ends, default=len(text))]
        if not _NOW.search(here) and (_PAST_EPISODE.search(here) or _PAST_EPISODE_PREV.search(
                text[lo:sent + 1])):
            return "discontinued"
    return best[1] if best else None


def is_drug_name(phrase: str) -> bool:
    """True when the whole of ``phrase`` is one known drug name ("Lasix", "insulin glargine")."""
    return any(s == 0 and e == len(phrase) for s, e, _, _ in find_names(phrase))


def attributes_at(text: str, span: tuple[int, int]) -> MedMention:
    """Dose, route, frequency and status cue read around a drug name at ``span`` of ``text``.

    For a name found by other means (a language-model proposal grounded in the note): the
    attributes are read from the rest of the name's line (up to 110 characters after it, the
    dose within the first 45, as ``find_medication_mentions`` does), the cue from its clause.
    The mention's ``name`` is left empty; ``end`` is extended over a dose when one is read.
    """
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = text.find("\n", span[1])
    line_end = len(text) if line_end < 0 else line_end
    sub = text[line_start:line_end]
    rel_end = span[1] - line_start
    window = sub[rel_end:rel_end + 110]
    dm = _DOSE.search(window)
    mention = MedMention(name="", start=span[0], end=span[1])
    if dm and dm.start() < 45:
        mention.dose = _norm_dose(dm.group(1), dm.group(2))
        mention.end = span[1] + dm.end()
    mention.route = _route(window)
    mention.frequency = _frequency(window)
    mention.cue = _status_cue(text, span[0], span[1], window)
    return mention
