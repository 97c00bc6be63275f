"""Allergen names: what substance an allergy item names, and whether words name a known
allergen (split out of ``allergies``; code moved unchanged).

``substance_name`` gives the canonical allergen (a drug's generic via the drug dictionary, a
drug class by its plural, a brand the dictionary lacks by its RxNorm ingredient, else the
words as written); ``known_allergen`` says whether words name a known drug, a drug class or
a common non-drug allergen (``_OTHER_ALLERGEN``: the FDA's major food allergens, the AAAAI's
common allergens). Also ``_clean_reaction`` (a reaction's words, trimmed) and the masking of
"Tylenol #3" that every reader applies so its "#" / "No." break no item or sentence. The
drug dictionary (``medications``) is imported inside the functions: it imports the allergy
statements itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.clinical.drug_names import combination_name
from assistant.clinical.terminology import _SALT  # the MeSH salt words, one list for both

if TYPE_CHECKING:  # medications imports this module's finder late; no import cycle at load
    from assistant.clinical.medications import DrugName

#: Common non-drug allergens (hand list; the head words of allergy-list entries in clinical
#: notes): with a drug or drug class, what an "intolerance/sensitivity to" may name.
_OTHER_ALLERGEN = re.compile(
    r"\b(?:latex|shellfish|seafood|fish|peanuts?|nuts?|eggs?|milk|dairy|soy|wheat|gluten|"
    r"strawberr(?:y|ies)|iodine|contrast|dyes?|tape|adhesives?|steri-strips|bees?|wasps?|"
    r"stings?|pollens?|dust|molds?|cats?|dogs?|nickel|sulfites?|sulfa|"
    # the FDA's major food allergens (FALCPA 2004 and the FASTER Act 2021: milk, egg, fish,
    # crustacean shellfish, tree nuts, peanuts, wheat, soybeans, sesame)
    r"crustaceans?|tree\s+nuts?|soybeans?|sesame|"
    # the AAAAI's common indoor/outdoor allergens and stinging insects ("Allergens and
    # allergic triggers", aaaai.org): pollens, ragweed, grasses, dust mites, mold, animal
    # dander, cockroaches, bees, wasps, hornets, yellow jackets, fire ants
    r"ragweed|grass(?:es)?|dust\s+mites?|dander|cockroach(?:es)?|hornets?|yellow\s+jackets?|"
    r"fire\s+ants?|venom|"
    # (allergy8) a sting named by its insect ("bee sting allergy"): the whole is the allergen
    r"(?:bee|honeybee|wasp|hornet|yellow\s+jacket|fire\s+ant|insect)\s+stings?|"
    # antiseptics ("Betadine"), the common skin-prep allergens
    r"betadine|povidone(?:-|\s+)iodine|chlorhexidine|"
    # (allergy6) caffeine: an RxNorm ingredient (RxCUI 1886) and a recorded intolerance
    # (ICD-10-CM T43.615, adverse effect of caffeine), kept out of the drug dictionary: coffee
    # and cola are no medications the patient takes
    r"caffeine)\b", re.IGNORECASE)
#: Allergens the drug dictionary does not hold, by the ingredient name (RxNorm brand name ->
#: ingredient): kept here, not in the dictionary, because "prepped with Betadine" in an
#: operative note is no medication the patient takes.
_ALLERGEN_SYNONYMS = {"betadine": "povidone-iodine",  # RxNorm BN Betadine -> IN povidone-iodine
                      "povidone iodine": "povidone-iodine",
                      "hypaque": "diatrizoate",  # RxNorm BN Hypaque -> IN diatrizoate
                      "pcn": "penicillin",  # the common abbreviation ("PCN allergy")
                      # (allergy5) "tetanus serum": the older name of equine tetanus antitoxin
                      # (TAT; CDC Pink Book, Tetanus: "equine antitoxin"), a horse serum
                      "tetanus serum": "tetanus antitoxin"}


#: (review a8b) "Tylenol #3", "Tylenol No. 3": acetaminophen with codeine, as the drug
#: dictionary reads it (drug_names ``_TYLENOL_NUMBER``; FDA label "Tylenol with Codeine No.
#: 3"). Its "#" and "No." break the item and sentence patterns, so the allergy readers see it
#: masked as one word of the same length ("Tylenol__3", "Tylenol_No__3"; offsets kept).
_TYLENOL_NUMBER = re.compile(r"\b(tylenol)([ \t]*(?:no\.?|number|#)[ \t]*)([1-4])\b", re.I)
_TYLENOL_MASKED = re.compile(r"tylenol_*(?:no_*|number_*)?[1-4]", re.I)


def _unmasked(text: str) -> str:
    """(review a8b) A masked "Tylenol__3" as "Tylenol #3" again (for the drug dictionary)."""
    return re.sub(r"(?i)\b(tylenol)_+(?:no_+|number_+)?([1-4])\b", r"\1 #\2", text)


def _mask_tylenol_number(text: str) -> str:
    """(review a8b) ``text`` with each "Tylenol #3" / "Tylenol No. 3" one masked word."""
    if "ylenol" not in text and "YLENOL" not in text:
        return text
    return _TYLENOL_NUMBER.sub(lambda m: m.group(1) + re.sub(r"\W", "_", m.group(2))
                               + m.group(3), text)


def _clean_reaction(r: str | None) -> str | None:
    if not r:
        return None
    # (review a8b) a masked "Tylenol #3" named in a reaction reads as written
    r = re.sub(r"(?i)\b(tylenol)_+(?:(no|number)_+)?([1-4])\b",
               lambda m: f"{m.group(1)} {m.group(2) + ' ' if m.group(2) else '#'}{m.group(3)}", r)
    # (extfix13a) who reported it is no part of it ("(per mother, rash)": rash)
    r = re.sub(r"^(?:per|according\s+to|reported\s+by)\s+(?:(?:the|his|her|their)\s+)?"
               r"(?:patient|pt|parents?|mother|father|mom|dad|family|caregiver|guardian|wife|"
               r"husband|spouse|chart|records?)\b\s*[,:;-]?\s*", "", r.strip(), flags=re.I)
    if not r.strip(" .,-"):
        return None
    r = re.sub(r"^(?:causes|caused|causing|with|resulting\s+in|produces|produced|produce)\s+",
               "", r.strip(),
               flags=re.I).strip(" .,-")
    r = re.sub(r"^(?:a|an|the)\s+", "", r, flags=re.I)  # "causes a rash": the reaction, rash
    # "caused her to be excitable", "gives him hives": the reaction, not the person
    # (allergy11) and "me" of a first-person statement ("it gives me hives")
    r = re.sub(r"^(?:(?:her|him|them|me|the\s+patient)\s+)?(?:to\s+(?:be|have|get|become|develop|feel)"
               r"\s+)?", "", r, flags=re.I)
    # (allergy8) "gives her a rash": the article after the person
    r = re.sub(r"^(?:a|an|the)\s+", "", r, flags=re.I)
    r = re.split(r"\s*\(", r)[0].strip()
    r = re.sub(r"\s{4,}", " and ", r)  # an "and" blanked by parse_allergy_list
    # when it happened is no part of the reaction ("hives when she was a child")
    r = _WHEN.sub("", r).strip(" .,-")
    # "hives and that sulfa ...": a clause cut after its "and" leaves the conjunction
    r = re.sub(r"\s+(?:and|or)$", "", r, flags=re.I)
    return r.lower() or None


_WHEN = re.compile(r"\s+(?:when|while|as\s+an?\s+(?:child|infant|baby|teenager|adult)|"
                   r"in\s+(?:childhood|the\s+past|\d{4})|(?:\w+\s+)?years?\s+ago|"
                   r"at\s+age)\b.*$", re.IGNORECASE | re.DOTALL)


def substance_name(written: str) -> str:
    """Canonical allergen: a drug's generic ("ACCUTANE" -> isotretinoin, via the drug
    dictionary), else the words as written, lower case ("IVP dye")."""
    from assistant.clinical.medications import find_names, is_drug_name

    # "sulfa medications", "iodine products": the substance, not the word for its class;
    # "QUESTIONABLE PENICILLIN ALLERGIES": the substance, not the hedge or the word allergy
    # "Egg-based products", "iodine-containing contrast": the substance the products are of
    written = re.sub(r"(?<=\w)-(?:based|containing)\b", "", written.strip()) or written
    written = _drop_class_word(written.strip())
    written = _HEDGE.sub("", written).strip() or written
    written = _ALLERGY_WORD_IN_NAME.sub("", written).strip() or written
    written = _drop_class_word(written)  # "Sulfa drug allergy"
    if _TYLENOL_MASKED.fullmatch(written.strip()):
        # (review a8b) a masked "Tylenol #3": the lexicon's product (drug_brands.tsv), named
        # as a medication is (issue 16 (g))
        return combination_name("acetaminophen-codeine")
    # (allergy5) "most antibiotics": how many of the class, not the class's name
    written = _QUANTIFIER.sub("", written).strip() or written
    route = _ROUTE_FIRST.match(written)
    if route and is_drug_name(written[route.end():].strip()):
        # (allergy5) "IV morphine causes hives": the drug, whatever its route ("IV contrast",
        # no drug of the dictionary, keeps its words)
        written = written[route.end():].strip()
    release = _RELEASE_FIRST.match(written)
    if release and is_drug_name(written[release.end():].strip()):
        # (allergy9) "Enteric coated aspirin": the ingredient, not its release form (RxNorm
        # dose-form words: an allergy is to the ingredient, whatever the tablet)
        written = written[release.end():].strip()
    # a drug class, singular or plural ("CEPHALOSPORIN", "cephalosporins", "NSAID"): one
    # concept, named by its plural as the labelling guideline writes classes
    cls = _DRUG_CLASS.fullmatch(written.strip().lower())
    if cls:
        return _DRUG_CLASS_CANON.get(cls.group(1), cls.group(1) + "s")
    synonym = _ALLERGEN_SYNONYMS.get(" ".join(written.lower().split()))
    if synonym:
        return synonym
    # (allergy4) "Hypaque dye": a contrast brand and the word for what it is, the brand's
    # ingredient
    dye = re.fullmatch(r"(?P<b>.+?)\s+(?:dye|contrast)", written.strip(), re.IGNORECASE)
    if dye and " ".join(dye.group("b").lower().split()) in _ALLERGEN_SYNONYMS:
        return _ALLERGEN_SYNONYMS[" ".join(dye.group("b").lower().split())]
    names = find_names(written)
    if len(names) == 1 and names[0].start == 0 and _SALT.fullmatch(
            " " + " ".join(written[names[0].end:].lower().split())):
        # (allergy8) "Montelukast sodium": the ingredient, not its salt (RxNorm IN, not the
        # PIN; the salt words are the MeSH salt names the drug dictionary folds the same way)
        written = written[:names[0].end]
    if len(names) == 1 and names[0].start == 0 and names[0].end == len(written.rstrip()):
        # the ingredient, not the dosage form a brand is sold as (Duragesic: the dictionary's
        # "fentanyl patch" -> fentanyl)
        name = names[0].name
        form = _FORM_WORD.search(name)
        if form and is_drug_name(name[:form.start()]):
            name = name[:form.start()]
        # a combination as the labelling guideline writes it, "/" between its ingredients
        # (the dictionary's "sulfamethoxazole-trimethoprim" -> sulfamethoxazole/trimethoprim):
        # the medications' normaliser, so both sides name a drug alike (issue 16 (g))
        return combination_name(name)
    return " ".join(written.lower().split())


_FORM_WORD = re.compile(r"\s+(?:patch|cream|ointment|gel|spray|tablets?|injection)$")


#: Drug classes written as allergens (the stems of their singular forms): canonical plural.
_DRUG_CLASS = re.compile(r"(cephalosporin|sulfonamide|nsaid|quinolone|fluoroquinolone|macrolide|"
                         r"aminoglycoside|opioid|opiate|narcotic|statin|"
                         r"benzodiazepine|barbiturate|salicylate|beta-lactam|carbapenem|"
                         r"ace inhibitor|sulfonylurea|antihistamine|steroid)s?")
_DRUG_CLASS_CANON: dict[str, str] = {}
#: A quantifier before a class or list ("most antibiotics", "several narcotics").
_QUANTIFIER = re.compile(r"^(?:most|many|several|multiple|various|numerous|certain|some|all)"
                         r"\s+(?:of\s+)?(?:the\s+)?(?=[A-Za-z])", re.I)
#: A route written before the drug ("IV morphine", "oral penicillin").
_ROUTE_FIRST = re.compile(r"^(?:iv|i\.v\.|intravenous|oral|po|p\.o\.|im|i\.m\.|intramuscular|"
                          r"topical|sublingual|subcutaneous|sq|sc)\s+(?=[A-Za-z])", re.I)
#: (allergy9) A release form written before the drug: the modifiers of RxNorm's dose forms
#: ("Delayed Release Oral Tablet" = enteric coated, "Extended Release", "Chewable") and the
#: usual transcribed spellings.
_RELEASE_FIRST = re.compile(r"^(?:enteric[\s-]+coated|e\.?c\.?|delayed[\s-]+release|"
                            r"extended[\s-]+release|sustained[\s-]+release|"
                            r"controlled[\s-]+release|slow[\s-]+release|time[\s-]+release|"
                            r"long[\s-]+acting|short[\s-]+acting|chewable|buffered)\s+"
                            r"(?=[A-Za-z])", re.I)
_HEDGE = re.compile(r"^(?:questionable|possible|possibly|probable|suspected|reported|perhaps|"
                    r"maybe|probably|"
                    r"history\s+of|h/o)\s+", re.I)
#: The allergy word ``_NAMED`` (``allergy_statements``) ends on: where its matches are looked
#: for (speed: ``_NAMED`` tried at every word of a note cost ~1 ms a note; the words before
#: one are enough).
_ALLERGY_WORD = re.compile(r"allerg(?:y|ies)|intolerance", re.IGNORECASE)
#: The allergy word inside a written allergen ("lactose intolerances", "latex sensitivity",
#: "Penicillin allergies"): whole words only. Until the split, ``substance_name`` read
#: ``_ALLERGY_WORD`` through a shadowed name, which cut "lactose intolerances" to "lactose s"
#: and left "latex sensitivity" whole.
_ALLERGY_WORD_IN_NAME = re.compile(
    r"\b(?:allerg(?:y|ies)|intolerances?|sensitivit(?:y|ies))\b", re.IGNORECASE)
_CLASS_WORD = re.compile(r"(?<=\w)\s+(?:medications?|medicines?|drugs?|products?|agents?|"
                         r"doses?)$",  # (allergy5) "codeine doses produce nausea"
                         re.I)


def _drop_class_word(written: str) -> str:
    """``written`` without a trailing class word ("sulfa medications" -> sulfa) when what is
    left names a substance; (allergy6) a class named by what its drugs treat keeps the word,
    as written ("SEIZURE MEDICATIONS" -> seizure medications, not "seizure", a problem)."""
    bare = _CLASS_WORD.sub("", written).strip()
    return bare if bare and bare != written and known_allergen(bare) else written


def _find_names(text: str) -> list[DrugName]:
    from assistant.clinical.medications import find_names

    return find_names(text)


def known_allergen(written: str) -> bool:
    """True when ``written`` names a known drug (the drug dictionary), a drug class or a
    common non-drug allergen ("latex", "adhesive tape", "IV contrast")."""
    from assistant.clinical.medications import is_drug_name

    w = _CLASS_WORD.sub("", written.strip()) or written.strip()
    return bool(is_drug_name(w) or _DRUG_CLASS.fullmatch(w.lower())
                or _OTHER_ALLERGEN.search(w) or _TYLENOL_MASKED.fullmatch(w))

