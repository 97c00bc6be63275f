"""Drug names: the curated generic and brand lexicon plus the maintained drug dictionary
(drug-named-entity-recognition, via ``assistant.clinical.terminology``), matched longest first.

Split from ``assistant.clinical.medications`` (which re-exports the public names). Drug names:
data/drug_generics.tsv and data/drug_brands.tsv (brands and abbreviations map to generics);
multi-word generics are rejoined in _drug_lexicon.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, cast

from assistant.clinical.med_grammar import _DOSE
from assistant.clinical.terminology import default_cache_dir, drug_dictionary
from assistant.clinical.vocabulary import load_lexicon
from assistant.fold_re import folded

#: Abbreviations that are drugs only in upper case (NS, ASA, KCl, NTG, HCTZ ...).
_UPPER_ONLY = {"ns", "asa", "kcl", "ntg", "apap", "pnv", "tpa", "mvi"}
_ALIAS_CANON = {"prenatal vitamins": "prenatal vitamin", "ipratropium-albuterol":
                "albuterol/ipratropium", "vitamin d3": "vitamin D3", "penicillin g": "penicillin G"}

_STEM = re.compile(
    r"[a-z]{3,}(?:pril|sartan|olol|dipine|statin|mycin|cillin|floxacin|conazole|prazole|tidine|"
    r"gliptin|gliflozin|glitazone|parin|xaban|gatran|mab|tinib|ciclovir|cycline|semide|thiazide|"
    r"triptan|zepam|zolam|oxetine|tropium|terol|lukast|dronate|profen|navir|setron|lamide|"
    r"pramine|triptyline|azepine|peridone|barbital)\b", re.IGNORECASE)
#: The endings of ``_STEM`` (a word it matches ends with one; words are ASCII, ``_WORD``).
_STEM_SUFFIXES = tuple(re.search(r"\(\?:([^)]*)\)", _STEM.pattern)[1].split("|"))
#: A line break or punctuation no multi-word drug name runs across.
_BREAK = re.compile(r"[\n.,;:]")

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
    return list(cast("list[str]", entry["codes"])) if entry else None


#: probe25: product-name suffixes of strength and release (FDA, "Best Practices in Developing
#: Proprietary Names for Human Prescription Drug Products": modifiers such as XR, ER, SR, CR,
#: LA, XL, DS, ODT; "Forte" for a stronger product): the drug is the name before them
_PRODUCT_SUFFIXES = frozenset({"forte", "xl", "xr", "sr", "er", "cr", "la", "ds", "odt"})
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
    # the medication and allergy readers each scan the same whole note: one scan per text
    # (a fresh list each call, the names themselves are immutable tuples)
    return list(_find_names_cached(text))


@lru_cache(maxsize=64)
def _find_names_cached(text: str) -> tuple[DrugName, ...]:
    """``find_names`` of ``text`` as a tuple (the cached scan)."""
    words = list(_WORD.finditer(text))
    lows = [w.group(0).lower() for w in words]  # each word lower-cased once (speed)
    dictionary = _dictionary()
    starts = _name_starts()
    out: list[DrugName] = []
    # the words where anything below can start (speed: most words of a note are none of these
    # and were each taken through every test): a name's first word, an "A/B" pair, potassium,
    # a generic-name stem
    can_start = [k for k, low in enumerate(lows) if low in starts or "/" in low
                 or low == "potassium" or low.endswith(_STEM_SUFFIXES)
                 or ("-" in low and low.split("-", 1)[0] in starts)]
    i = 0
    for k in can_start:
        if k < i:
            continue  # inside a name read already
        i = k
        hit = None
        longest = starts.get(lows[i], 0)
        for n in range(min(longest, len(words) - i), 0, -1):
            span_text = text[words[i].start():words[i + n - 1].end()]
            if n > 1 and _BREAK.search(span_text):
                continue
            key = " ".join(lows[i:i + n])
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
        if hit is None and "-" in lows[i]:
            # probe25 (mts-2871): a name written with a hyphen before its product suffix
            # ("Parafon-forte" for Parafon Forte, "metoprolol-XL"): the name before the hyphen
            # when the rest is a strength / release suffix (_PRODUCT_SUFFIXES)
            head, rest = lows[i].split("-", 1)
            entry = dictionary.get(head)
            if rest in _PRODUCT_SUFFIXES:
                if head in _LEX and head not in _UPPER_ONLY:
                    hit = (1, _LEX[head])
                elif entry is not None:
                    hit = (1, "/".join(dict.fromkeys(str(entry["generic"]).split("/"))))
        if hit:
            n, name = hit
            number = _TYLENOL_NUMBER.match(text, words[i].end()) if (
                n == 1 and lows[i] == "tylenol") else None
            if number:  # "Tylenol No. 3", "Tylenol #3": with codeine (probe15/16)
                # ms2: the lexicon's name (drug_brands.tsv "tylenol with codeine"), so one
                # drug gives one entry with its codes
                out.append(DrugName(words[i].start(), number.end(), "acetaminophen-codeine",
                                    False))
                i += 1
                while i < len(words) and words[i].start() < number.end():
                    i += 1
                continue
            out.append(DrugName(words[i].start(), words[i + n - 1].end(), name, False))
            i += n
            continue
        w = words[i].group(0)
        combo = _slash_combination(w, dictionary)
        if combo:  # "chondroitin/glucosamine", "Tylenol/codeine": each part a known drug
            out.append(DrugName(words[i].start(), words[i].end(), combo, False))
            i += 1
            continue
        if lows[i] == "iron" and _bare_iron(text, words[i].start(), words[i].end()):
            out.append(DrugName(words[i].start(), words[i].end(), "iron", False))
            i += 1
            continue
        if lows[i] == "potassium" and _POTASSIUM_DOSE.match(text, words[i].end()):
            # "potassium 10 mEq daily": the supplement, potassium chloride
            out.append(DrugName(words[i].start(), words[i].end(), "potassium chloride", False))
            i += 1
            continue
        # the suffix test first: the stem pattern backtracks over every long word
        if lows[i].endswith(_STEM_SUFFIXES) and _STEM.fullmatch(w) and _DOSE.match(text, words[i].end() + 1):
            out.append(DrugName(words[i].start(), words[i].end(), w.lower(), True))
        i += 1
    vaccines = _vaccines(text, out)
    return tuple(sorted(out + vaccines, key=lambda d: d.start) if vaccines else out)


#: "Tylenol No. 3" / "Tylenol #3" (also "No.  3" with two spaces): acetaminophen with codeine
#: (the number is the codeine strength; FDA label "Tylenol with Codeine No. 3")
_TYLENOL_NUMBER = re.compile(r"[ \t]*(?:no\.?|number|#)[ \t]*[1-4]\b", re.I)
#: A bare "iron" is a drug only with a dose after it ("iron 325 mg") or a start/taking word right
#: before it ("was started on iron", "takes iron"), never before a laboratory or disorder word
#: ("iron deficiency", "iron studies"; probe15/16)
_IRON_DOSE = re.compile(r"\s+\d+(?:\.\d+)?\s*(?:mg|milligrams?)\b" + r"(?!\s*/\s*(?:d?l|ml|dl|"
                        r"100\s*ml|deciliter|liter)\b)", re.I)  # ms2: "Iron 40 mg/dL" is a lab
_IRON_TAKEN = re.compile(r"\b(?:(?:start(?:ed)?|restarted|begun|began|placed|put|continued|"
                         r"remains?|resumed)\s+(?:\w+\s+){0,2}on|takes|taking|on\s+oral)\s+$",
                         re.I)
_IRON_NOT = re.compile(r"\s*(?:-\s*)?(?:deficien\w*|studies|study|levels?|stores|overload|"
                       r"saturation|panel|binding|indices|profile|poisoning|toxicity|tests?|"
                       r"and\s+(?:tibc|ferritin))\b", re.I)


def _bare_iron(text: str, start: int, end: int) -> bool:
    """Whether a bare "iron" at ``text[start:end]`` is the supplement taken (see _IRON_TAKEN)."""
    if _IRON_NOT.match(text, end):
        return False
    return bool(_IRON_DOSE.match(text, end) or _IRON_TAKEN.search(text[max(0, start - 40):start]))


_POTASSIUM_DOSE = re.compile(r"\s+\d+(?:\.\d+)?\s*(?:mEq|milliequivalents?)\b"
                             r"(?!\s*/\s*(?:d?l|ml|liter)\b)", re.I)  # ms2: "mEq/L" is a lab
_VACCINE_WORD = (r"(?:influenza|flu|pneumococcal|pneumonia|meningococcal|hepatitis\s+[ab]|tetanus|"
                 r"tdap|dtap|zoster|shingles|hib|hpv|mmr|varicella|polio|rotavirus|covid(?:-19)?)")
#: "flu vaccination", "pneumococcal, HiB, and meningococcal vaccines", "tetanus shot"
# one separator class between names ([\s,]+): "\s*,?\s*" inside the repeat backtracked
# exponentially on a spaced immunization table
_VACCINE = folded(re.compile(rf"\b{_VACCINE_WORD}(?:[\s,]+(?:(?:and|or)\s+)?{_VACCINE_WORD})*\s+"
                      r"(?:vaccines?|vaccinations?|shots?|immunizations?|boosters?)\b", re.I))
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
    if "/" not in word:  # most words: skip the lower/split (called for every unknown word)
        return None
    parts = word.lower().split("/")
    names = []
    for part in parts:
        if part in _LEX and part not in _UPPER_ONLY:
            names.append(_LEX[part])
        elif part in dictionary:
            names.append(str(dictionary[part]["generic"]))
        else:
            return None
    return "/".join(dict.fromkeys(names))

def is_drug_name(phrase: str) -> bool:
    """True when the whole of ``phrase`` is one known drug name ("Lasix", "insulin glargine")."""
    return any(s == 0 and e == len(phrase) for s, e, _, _ in find_names(phrase))


def combination_name(name: str) -> str:
    """The one canonical spelling of a combination product's name, for medications and
    allergens alike (issue 16 (g)): its ingredients joined by "/" as the labelling guideline
    writes them (the lexicon's "acetaminophen-codeine" -> acetaminophen/codeine, the
    dictionary's "sulfamethoxazole-trimethoprim" -> sulfamethoxazole/trimethoprim). A hyphen
    inside one name ("povidone-iodine": not every part a drug name) stays."""
    parts = name.split("-")
    if len(parts) > 1 and all(is_drug_name(p) for p in parts):
        return "/".join(parts)
    return name


@lru_cache(maxsize=1)
def _forms() -> dict[str, frozenset[str]]:
    """Canonical generic -> the routes it comes in as an inhaled, eye, ear or skin form
    (data/drug_forms.tsv, from the WHO ATC index)."""
    forms: dict[str, set[str]] = {}
    for generic, form, _atc in load_lexicon("drug_forms").rows:
        forms.setdefault(generic, set()).add(form)
    return {k: frozenset(v) for k, v in forms.items()}


def comes_in_form(name: str, route: str) -> bool:
    """True when the drug ``name`` (canonical, as ``find_names`` gives it) is made in the form
    of ``route`` ("inhaled", "ophthalmic", "otic", "topical"): a listed name, or a "/"
    combination whose every part is listed. Unlisted drugs are not (metoprolol is no
    nebulizer; review 3)."""
    forms = _forms()
    key = name.lower()
    if route in forms.get(key, ()):
        return True
    parts = key.split("/")
    return len(parts) > 1 and all(route in forms.get(p, ()) for p in parts)
