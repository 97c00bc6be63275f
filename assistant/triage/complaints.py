"""Chief-complaint categories: a small lexicon for the short complaints seen at ED triage.

KTAS (like CTAS, which it adapts) grades a patient by the presenting complaint first and its
first-order modifiers second, so the complaint category is the strongest single predictor
of the level. KTAS chief complaints are short, abbreviated English phrases written by
Korean triage nurses ("ant. chest pain", "Lt. hemiparesis", "DZ - Dizziness", "abd pain",
"f/c, c/s", "BST high"); longer free text works too, since every pattern is a word-boundary
regex. A complaint may fall into several categories, or none.

The categories are features for the learned model only; they never set a floor (floors come
from ``red_flags`` and ``scores``).
"""

from __future__ import annotations

import re

from assistant.clinical.context import find_affirmed

_I = re.IGNORECASE

CATEGORIES: dict[str, re.Pattern[str]] = {
    "chest_pain": re.compile(
        r"chest|angina|\bcp\b|precordial|substernal|retrosternal", _I),
    "dyspnoea": re.compile(
        r"dyspn|breath|orthopn|\bsob\b|wheez|respirat\w* (?:distress|difficulty)", _I),
    "neuro_deficit": re.compile(
        r"hemipar|hemipleg|monopar|parapar|parapleg|(?:side|sided|motor)\s+weakness|"
        r"\bweakness,?\s+(?:left|right|lt|rt)|dysarthr|aphasi|dysphasi|slurr|facial (?:palsy|droop)|"
        r"diplopia|(?:side|sided) numbness|stroke|\bcva\b|\btia\b", _I),
    "altered_mental": re.compile(
        r"mental|mentality|confus|disorient|sleeping tendency|behaviou?r change|drows|stupor|"
        r"letharg|unrespons|unconscious|obtund|delirium|coma\b|not responding", _I),
    "seizure": re.compile(r"seiz|sezure|convuls|epilep|fitting", _I),
    "syncope": re.compile(
        r"syncop|\bloc\b|loss of consciousness|faint|passed out|collaps|black\s?out", _I),
    "gi_bleed": re.compile(
        r"hematemesis|haematemesis|melena|melaena|hematochezia|haematochezia|"
        r"vomit\w* (?:of )?blood|blood\w* (?:stool|vomit)|tarry", _I),
    "haemorrhage_other": re.compile(
        r"hemoptysis|haemoptysis|blood tinged|bleed|epistaxis|hematuria|haematuria", _I),
    "fever": re.compile(r"fever|febrile|\bf/c\b|chill|pyrexi|rigor", _I),
    "abdominal_pain": re.compile(
        r"\babd|abdom|epigastr|\b[rl][lu]q\b|flank|periumbil|stomach|belly", _I),
    "headache": re.compile(
        r"headache|\bha\b|head pain|migraine|occipital", _I),
    "dizziness": re.compile(r"dizz|\bdz\b|vertigo|light[- ]?head", _I),
    "injury": re.compile(
        r"injur|trauma|laceration|\blac\b|lac\.|wound|fractur|\bfx\b|contusion|sprain|"
        r"dislocat|burn|scratch|\bfall\b|fell|bite|assault|accident", _I),
    "limb_back_pain": re.compile(
        r"back|lbp|\bknee|ankle|\bhip\b|shoulder|\bleg\b|\barm\b|wrist|\bfoot|feet|\btoe|"
        r"finger|\bhand\b|elbow|thigh|calf|buttock|coccy|myalgia|\bneck|general ache|"
        r"joint", _I),
    "eye_ent_dental": re.compile(
        r"ocular|\beye|vision|visual|otalgia|\bear\b|hearing|nasal|nose|throat|dental|"
        r"tooth|teeth|gingiv|pharyn|\bfb\b|foreign body|tmj|jaw|mandib", _I),
    "skin": re.compile(
        r"rash|itch|urticari|eczema|cellulitis|swell|lesion|hives|pruritus|edema", _I),
    "gi_other": re.compile(
        r"vomit|nausea|diarrh|distension|distended|constipat|dyspepsi|\bv\s*-\s*v|"
        r"\bd\s*-\s*d", _I),
    "urinary": re.compile(
        r"void|dysuria|urin|retention|oliguria|anuria|bladder|testi|scrot", _I),
    "obstetric_gyn": re.compile(r"vagin|pregnan|pprom|pelvic|gyn|menstru|spotting", _I),
    "psychiatric": re.compile(
        r"suicid|depress|anxiety|hallucin|psych|alcohol|drunk|intoxica|sexual|violence|"
        r"agitat|panic|hyperventil|self[- ]harm", _I),
    "palpitation": re.compile(r"palpitat|tachycard|arrhythm|irregular heart", _I),
    "metabolic": re.compile(
        r"hypoglyc|hyperglyc|\bbst\b|sugar|glucose|hyperkal|hypokal|low hb|anemi|anaemi|"
        r"abnormal lab|dehydrat", _I),
    "general_weakness": re.compile(
        r"general(?:ized)? weakness|decreased activity|fatigue|malaise|generalized weak", _I),
    "procedure_admin": re.compile(
        r"tapping|catheter|cath\.|malfunction|ptbd|removal|medication|prescription|"
        r"injection|dressing|\bcopy\b|certificate|follow[- ]?up|suture removal|^\s*for\s", _I),
    "allergy_poisoning": re.compile(
        r"allerg|anaphyla|poison|overdos|\bdi\b|drug intox|ingest|chemical", _I),
    "cough_uri": re.compile(r"cough|sputum|rhinorr|runny nose|cold symptom|sore\s?throat", _I),
}

# A complaint lost to the source encoding ('??', '??? ??') or empty: nothing can be read.
UNREADABLE = re.compile(r"^[\s?]*$")


def complaint_categories(complaint: str) -> dict[str, float]:
    """1.0 for every category whose lexicon matches ``complaint`` (not negated: "no fever"
    does not count), else 0.0; plus ``unreadable`` for a complaint with no readable text."""
    out = {name: float(find_affirmed(rx, complaint) is not None)
           for name, rx in CATEGORIES.items()}
    out["unreadable"] = float(bool(UNREADABLE.match(complaint)))
    return out


CATEGORY_NAMES: tuple[str, ...] = (*CATEGORIES, "unreadable")
