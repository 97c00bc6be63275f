"""Medication status: the cues around a drug mention (start, hold, stop, given, continue),
past episodes, and the words that make a drug word no medication taken (an allergy, a level,
a class, a topic).

Split from ``assistant.clinical.medications``.
"""

from __future__ import annotations

import re

from assistant.clinical.drug_names import DrugName, find_names
from assistant.fold_re import folded

#: p16fix: a past time ("three months ago", "in 2019", "on 02/19"): what was added then is
#: taken since, not started now
_PAST_TIME_RX = (r"\b(?:(?:\d+|a|an|one|two|three|four|five|six|several|few|many)\s+(?:days?|"
                 r"weeks?|months?|years?)\s+ago|(?:in|since)\s+(?:19|20)\d\d|last\s+(?:week|"
                 r"month|year)|in\s+the\s+past|previously|\d{1,2}/\d{1,2}(?:/\d{2,4})?|"
                 # a decade: "Depakene was added (early 1980's)"
                 r"(?:19|20)\d0'?s)\b")

#: issue 16 (b): a switch away from the drug named after "from" ("switched from warfarin to
#: apixaban", "transitioned from", "changed from", "converted from"); a route or a form is no
#: drug switched away from ("changed from IV to PO Levaquin": the same drug goes on)
#: A change denied or made from a list is none ("without change from those listed": mts-1446)
_SWITCH_FROM = (r"(?<!without\s)(?<!\bno\s)(?:switch(?:ed)?|changed|transition(?:ed)?|"
                r"convert(?:ed)?)\s+(?:over\s+)?from"
                # (review) a route right after "from" may stand before the drug ("switched from
                # IV heparin"): see `_switched_from_drug` ("changed from IV to PO Levaquin")
                r"(?!\s+(?:those|these|that|what|baseline|previous|prior|before|"
                r"the\s+(?:above|list|previous|prior))\b)")
#: (review) the drug switched from named last ("switched to Levemir from Lantus": Lantus
#: stops; the drug right after "from", at most a route word between)
_TO_X_FROM = (r"(?:switch(?:ed)?|changed|transition(?:ed)?|converted)\s+(?:over\s+)?to\s+"
              r"[^.;\n,]{1,40}?\s+from(?=\s+(?:(?:iv|po|oral|her|his|the|home)\s+)?$)")
#: ... and what a switch is to must be no route or form of the same drug ("IV Lasix was changed
#: to p.o.": it goes on)
_NOT_A_ROUTE = (r"(?!\s+(?:iv|i\.v\.|po|p\.o\.?|oral(?:ly)?|intravenous(?:ly)?|im|sq|subcut\w*|"
                r"drip|infusion|tablets?|liquid|injections?|by\s+mouth|enteral|per\s+tube)(?!\w))"
                # (review) nor a dose or a frequency: "dose was changed to 40 mg", "changed to
                # 60 mg p.o.", "changed to twice daily" (the drug goes on)
                r"(?!\s+(?:\d|one|two|three|four|half|a\s+(?:higher|lower|smaller|larger)|"
                r"(?:once|twice|three\s+times)\b|daily|nightly|b\.?i\.?d|t\.?i\.?d|q\.?\s?\d|"
                r"q\.?d|q\.?h\.?s))")
#: ... unless another drug follows the route word ("Heparin drip was transitioned to oral
#: warfarin": see `_switched_to_other`)
_SWITCH_TO_ROUTE = re.compile(r"\b(?:changed|switched|converted|transitioned)\s+(?:over\s+)?to"
                              r"\s+(?:iv|po|oral|intravenous|subcut\w*|sq|im|enteral)\s+(?=\S)",
                              re.I)
#: ... and the drug named after "replaced by/with": the new one ("Warfarin was replaced by
#: apixaban"); the one replaced is read after it (``_CUE_AFTER``)
_REPLACED_BY = r"replaced\s+(?:by|with)"

#: probe20: an order not to give the drug, read straight before it (see ``_CUE_BEFORE``)
#: (p20fix: "do not withhold" is no hold; a subjunctive "suggest that he not restart his
#: methadone" is one; a list "Do not give aspirin, clopidogrel, or heparin" holds each)
_NOT_TO_GIVE = re.compile(
    r"(?:\b(?:(?:do|should|must|will|may|can)\s+not|don't|shouldn't|not\s+to)\s+(?:be\s+)?"
    r"(?:give|given|administer(?:ed)?|take|taken|use|used|start|started|restart|resume|"
    r"receive)\b|\bthat\s+(?:he|she|they|the\s+patient|we|you)\s+not\s+(?:re-?start|resume|"
    r"start|take|use|be\s+given)\b|(?<!not\s)(?<!n't\s)\bwithhold(?:ing)?\b)"
    # (issue 16, medstat) "avoid X" itself is no hold here: tests/test_allergy_wording11.py
    # pins "We will avoid ibuprofen because she has kidney disease" as active (left to the
    # lead); only "avoid it" after the drug is read (``_ANAPHOR_CUES``)
    # (re-review) the words between the order and the drug never run across "with" / "plus"
    # ("Do not take ibuprofen with lisinopril": the lisinopril goes on) or limit the amount
    # ("Do not give additional furosemide": the drug goes on, only more of it is not given)
    r"(?=\s+(?:(?!(?:with|plus|alongside|besides|additional|extra|more|further|another)\b)"
    r"\S+\s+){0,2}(?:(?:and|or)\s+)?$|\s+(?:[\w-]+(?:\s+\d[\w.]*(?:\s+mg)?)?,\s+)+(?:(?:or|and)\s+)?$)",
    re.I)

#: p20fix: an order not to give with a condition or a part after the drug ("do not give
#: insulin if NPO", "for glucose below 150", "within 12 hours of the epidural", "do not
#: give heparin bolus", "Do not use Bactroban on the face", "Do not take Tetracycline with
#: milk") limits the order: the drug itself goes on (no hold read)
_NOT_TO_GIVE_LIMITED = re.compile(
    # (issue 16, medstat) never "until": "should not take Coumadin until her INR is rechecked"
    # is the drug held until then (a hold with its end), not an order limited to a case
    r"^(?:[^.;\n]|\.(?=\d)){0,40}?(?:\b(?:if|unless|when|whenever|while|within|with|"
    r"before|after|bolus(?:es)?|more\s+than|extra|additional)\b|\bon\s+(?:the|his|her|their|"
    r"your)\s+\w+|\bfor\s+(?:\S+\s+){0,3}?(?:(?:glucose|sugars?|BG|FSBG|CBG|heart\s+rate|HR|"
    r"pulse|SBP|DBP|blood\s+pressure|BP|systolic|diastolic|INR|PTT|platelets?|potassium|K|"
    r"creatinine|temp(?:erature)?|fever|pain|less|greater|above|below|over|under)\b|[<>]))",
    re.I)

# Status cues: before the drug name (same clause) or just after it.
_CUE_BEFORE: list[tuple[re.Pattern[str], str]] = [
    # probe20: a stop denied or forbidden ("Do not stop the aspirin", "did not discontinue
    # Plavix") is no stop
    (re.compile(r"\b(?<!not )(?<!n't )(?:discontinue[ds]?|discontinuing|d/c(?:'?d)?|"
                r"stop(?:ped|ping|s)?|"
                # (medstat, msfix U6) "was taken off aspirin and continued on Plavix": only
                # with the drug straight after "taken off (of)" (not "taken off the ventilator
                # ... remains on heparin"); a later restart is read by the caller
                r"(?:was|were|been)\s+taken\s+off(?:\s+of)?(?=\s+(?:(?:his|her|the|their|all)\s+)?$)|"
                r"instead of|" + _SWITCH_FROM + r"|" + _TO_X_FROM + r"|taper(?:ed)? off|off of|no longer on|"
                r"no longer (?:taking|using|needing|needs)|not needing|"
                # a past trial or course: "had been on", "had tried", "previously on"
                r"had (?:been (?:on|taking|using)|tried|taken|used)|tried|"
                r"previously (?:on|took|taking|tried|used)|was (?:briefly )?(?:on|taking)\s+"
                r"(?=\S+\s*[;,]?\s*however)|briefly (?:was )?on|"
                r"cease)\b", re.I), "discontinued"),
    # probe16: a finished course ("took a course of amoxicillin", "completed a 10-day course
    # of Cipro"), a home list in the past perfect ("His only home medications had been Cipro
    # and Aleve"), a drug that failed ("resistant to treatment with diltiazem", "refractory to
    # metoprolol", "failed metformin"). Only for the drug(s) named straight after the cue and
    # only when no later "now on"/"continued" in the sentence says it goes on: see
    # `_direct_object` and `_LATER_ACTIVE` (p16fix: "He failed lisinopril monotherapy, now on
    # lisinopril and HCTZ" kept both drugs active; "Failed back surgery syndrome" is a disorder)
    (re.compile(r"\b(?:(?:took|completed|finished|had)\s+(?:a|an|his|her|the)\s+(?:\d+[- ]?"
                r"(?:day|week)s?\s+|full\s+|short\s+|brief\s+)?course\s+of|"
                r"(?:medications?|meds|medicines)\s+had\s+been|"
                # ms2: "refractory to" / "resistant to" / "did not respond to" say the drug did
                # not work, not that it was stopped ("Seizures refractory to Keppra and
                # Depakote. She is maintained on both."): no status from them (base a82e1be)
                r"failed(?!\s+(?:to|back)\b))\b", re.I),
     "failed"),
    # probe16: a refill goes on with the drug ("I gave her a refill of her Percocet"), though
    # "gave" alone is a dose given: read as an action, reported active
    # ms2: never a refill refused ("I will not refill her Xanax", "Refills of Percocet were
    # denied", "refills of Norco, which I declined", "Refill denied for oxycodone"): see
    # `_REFILL_REFUSED`
    (re.compile(r"\brefill(?:s|ed)?\b", re.I), "refill"),
    (re.compile(r"\b(?:hold(?:ing)?|held)\b", re.I), "held"),
    # probe20: an order NOT to give a drug ("Do not give heparin 5000 units", "instructed not to
    # take aspirin", "should not be given Toradol", "withhold metformin") is no active drug: the
    # drug is withheld ("held"; ISMP's "do not give" order wording). Only straight before the
    # drug (at most two words between), so "do not give up; continue aspirin" is no order.
    (_NOT_TO_GIVE, "held"),
    # (probe20: "We will not restart warfarin", "do not start metformin" start nothing)
    (re.compile(r"\b(?<!not )(?<!n't )(?<!not to )(?:start(?:ed|ing)?|begin|began|"
                r"initiat(?:e|ed|ing)|add(?:ed)?|"
                r"re-?start(?:ed)?|switch(?:ed)? (?:over )?to|change(?:d)? (?:over )?to|"
                r"converted (?:over )?to|" + _REPLACED_BY + r"|"
                r"transition(?:ed)? to|"
                r"narrowed to|prescribed|trial of|new|rx(?:'d)?|sent|sample of|"
                r"prescription (?:for|of)|prescriptions? (?:was |were )?(?:written|sent|given|"
                r"called in|provided) (?:for|of)|"
                # "discharged on propranolol", "was discharged ... with Levaquin"
                r"discharged (?:home )?(?:on|with)|discharged\b[^.;\n]{0,60}\bwith|"
                # "I put her on Nasonex" (probe6)
                r"put (?:him|her|them|the patient) on)\b",
                re.I), "new"),
    # ("given that his Prograf dose was decreased" is a reason, no dose given; probe16)
    (re.compile(r"\b(?:given(?!\s+(?:that|the\s+fact)\b)|gave|received|administered|took|s/p|"
                r"got|treated with|"
                # ext12 (probe12): "had a second dose of clindamycin", "status post Rocephin"
                r"(?:another|(?:a\s+)?(?:second|third|single|loading|stat))\s+doses?\s+of|"
                # "status post": checked by `_status_post_drug` (review 4)
                r"had\s+a\s+dose\s+of|status\s+post|"
                r"required|infiltrated|injected|performed with|mixture of)\b", re.I),
     "given"),
    (re.compile(r"\b(?:continue[ds]?|continuing|cont(?:\.|inue)?|increase[ds]?|"
                # probe16: "We will maintain his gemfibrozil 600 b.i.d."
                r"maintain(?:s|ed|ing)?|"
                r"decrease[ds]?|reduce[ds]?|titrate[ds]?|resume[ds]?|remain(?:s|ed)? on|"
                r"on|takes|taking|using|uses)\b", re.I), "active"),
]
_CUE_AFTER: list[tuple[re.Pattern[str], str]] = [
    # p16fix: "Keflex was restarted today" after "completed a course of Keflex" the sentence
    # before: the drug goes on (first, so that an earlier stop is not what wins)
    # probe20: "had been on tramadol before and was placed back on that" (put back on it)
    (re.compile(r"^(?:[^.;\n]|\.(?=\d)){0,40}?\b(?:was|were|is|are|been)\s+(?:re-?started|"
                r"resumed|continued|(?:placed|put)\s+back\s+on(?=\s+(?:that|it|this|them|the\s+"
                r"same)\b|\s*[.,;]))\b", re.I), "active"),
    (re.compile(r"^(?:[^.;\n]|\.(?=\d)){0,60}?\b(?:discontinued|stopped|d/c'?d|narrowed to|"
                # issue 16 (b): "was switched over to", "converted to", "replaced by" (the
                # drug named next is the new one; this one stops)
                # (a route or form switched to is the same drug going on: "changed to p.o.")
                r"(?:changed|switched|converted|transitioned)\s+(?:over\s+)?to" + _NOT_A_ROUTE +
                r"|" + _REPLACED_BY +
                r"|(?:later|then) (?:changed|switched)|failed|"
                r"did not (?:really )?help|didn't help|"
                r"did not relieve|without (?:relief|benefit|improvement)|was ineffective|"
                # p16fix: "She has taken Tylenol #3 in the past with no relief"
                r"with no (?:relief|benefit|improvement)|"
                r"no longer|any longer|anymore)\b", re.I), "discontinued"),
    (re.compile(r"^(?:[^.;\n]|\.(?=\d)){0,60}?\b(?:held|on hold)\b", re.I), "held"),
    # probe20: "Toradol should not be given", "heparin is not to be given": an order not to
    # give it (held), before the "given" cue below reads the participle
    # p20fix: only in the drug's own clause: no "and", no other verb before it ("She takes
    # aspirin 81 mg daily and should not be given Toradol" holds Toradol, not aspirin; the
    # object named after it is checked in ``_status_cue``); "Heparin - DO NOT GIVE (HIT)"
    (_NOT_GIVEN_AFTER := re.compile(r"^(?:(?!\b(?:and|but|or|then|was|were|is|are|has|had|takes?|taking|started|"
                r"placed|given|continued?)\b)[^.;\n]|\.(?=\d)){0,40}?(?:\b(?:(?:should|must|"
                r"will|is|are|may)\s+not|shouldn't|not)\s+(?:to\s+)?be\s+(?:given|administered|"
                r"used|restarted|resumed|started)\b|\b(?:do\s+not|don't)\s+(?:give|administer|"
                r"use)\b)", re.I), "held"),
    # (p20fix: not an order not to give: "and should not be given heparin")
    (re.compile(r"^(?:[^.;\n]|\.(?=\d)){0,80}?\b(?<!not be )(?<!not to be )(?<!n't be )"
                r"(?:was given|were given|given|administered|received)\b",
                re.I), "given"),
    (re.compile(r"^(?:[^.;\n]|\.(?=\d)){0,60}?(?:\(\s*new[^)]*\)|-\s*new\b|\bnew dose\b|\bstarted\b)",
                re.I), "new"),
    # probe16: "Norvasc 5 mg was added", "... were initiated". p16fix: the drug must be the
    # subject (only its dose, route or sig between: not "Fentanyl the procedure was begun",
    # "heparin and was begun on Integrilin"), not put into something ("Floxin drops were added
    # to the ear canal"), and not dated in the past ("TriCor was added three months ago")
    (re.compile(r"^(?:\s|[.,/%]|\d[\d.,/]*(?:\s*(?:mg|mcg|gm?|grams?|units?|ml|cc|meq)\b)?|"
                r"\b(?:mg|mcg|g|gm|grams?|units?|ml|cc|meq|p\.?o|iv|im|sq|"
                r"sc|subcutaneous(?:ly)?|oral(?:ly)?|daily|b\.?i\.?d|t\.?i\.?d|q\.?i\.?d|q\.?d|"
                r"q\.?h\.?s|q\.?\d+h|at|bedtime|nightly|once|twice|a|day|tablets?|tabs?|"
                r"capsules?|drip|infusion|p\.?r\.?n)\b)*(?:was|were|has\s+been|have\s+been)\s+"
                r"(?:also\s+)?(?:added|initiated|begun)\b(?!\s+(?:to|into|in)\s+(?!(?:his|her|their|"
                r"the)\s+(?:regimen|medications?|meds|therapy|treatment)))(?![^.;\n]{0,40}?" +
                _PAST_TIME_RX + ")", re.I), "new"),
    (re.compile(r"^(?:[^.;\n]|\.(?=\d)){0,60}?\(\s*continue[ds]?\s*\)", re.I), "active"),
]

# A drug word that is not a medication being taken: allergies, levels, drug classes in prose.
_NOT_A_MED_AFTER = re.compile(
    # (allergy5) an "Allergies:" header on the next line is not about the drug above it
    r"^(?!\s*\n[ \t]*allerg\w*[ \t]*:)\s*(?:-?\s*(?:associated|induced|related)\b|allerg|level|trough|peak\b|toxicity|"
    # probe20: an analyte's laboratory study ("Folate studies were unremarkable", "B12 testing",
    # "vitamin D assay"), not the drug; a test dose is a dose ("heparin test dose")
    r"(?:studies|study|assays?|testing|tests?(?!\s+doses?))\b|"
    r"resistant|sensitive|challenge|not indicated|was not given|declined|refused|"
    # probe16: a drug level as a test ("Digoxin was done and was less than 0.9")
    # (p16fix) only a level, or a result said straight after: "Lovenox was obtained from
    # pharmacy and given", "dexamethasone was drawn up", "Influenza vaccine was done" are
    # drugs given
    r"(?:level|trough|concentration)s?\s+(?:was|were)\s+(?:done|drawn|checked|sent|obtained|"
    r"pending)\b|(?:was|were)\s+done\s+and\s+(?:was|were)\s+(?:less|greater|more|under|over|"
    r"below|above|within|normal|elevated|low|high|sub|supra|therapeutic|\d)|"
    r"(?:is|was|are|were)?\s*contraindicated|"
    # materials and devices, not drugs given: "chlorhexidine based prep", "gentamicin
    # impregnated saline", "insulin pump", "saline irrigation"
    r"-?\s*(?:based|impregnated|soaked|coated|prep\b|scrub|irrigation|wash\b|flush\b|"
    r"pump|drip\s+rate|beads|cement|spacer|dressing|gauze|packing|lock)|"
    # contrast agents ("Omnipaque contrast"); a drug only recommended or offered as an
    # option, not taken ("Cymbalta has been recommended as a good alternative")
    r"(?:contrast|dye)\b|"
    r"(?:has|have)\s+been\s+(?:recommended|suggested|considered|discussed)\b|"
    r"(?:is|was|were)\s+(?:recommended|suggested|considered|discussed)\b|"
    r"as\s+an?\s+(?:\w+\s+)?(?:alternative|option)\b)", re.I)
#: verbs of giving that open a new clause after an irrigant or skin prep (probe18)
_GIVEN_VERBS = (r"(?:given|gave|received|receives|administered|started|treated|placed|"
                r"injected|infused|got)")
_NOT_A_MED_BEFORE = re.compile(
    # "not able to get the flu shot" (probe6): a drug the patient cannot have
    r"\b(?:not able to|unable to|cannot|can't|could not|couldn't)\s+(?:get|have|receive|take)"
    r"\s+(?:the\s+|a\s+|her\s+|his\s+)?$|"
    r"\b(?:allerg(?:y|ic|ies)(?:\s+to)?|not on|no|never (?:on|took)|denies(?: taking)?|"
    r"intolerant of|intolerance to)\s*(?:\w+\s+){0,1}$|"
    # gaps16: the drug after "or" in an allergen list ("Is he allergic to codeine or
    # morphine?", "allergic to penicillin, amoxicillin, or cephalexin"): an allergen named
    # too, never a medication taken ("or" joins no drug taken to an allergen, as "and" may:
    # "allergic to penicillin and takes lisinopril")
    r"\ballerg(?:y|ic|ies)\s+to\s+(?:either\s+)?(?:[\w-]+\s*,\s*){0,4}[\w-]+\s*,?\s+or\s+$|"
    # irrigation and skin prep ("irrigated with warm normal saline", "prepped with ...") and
    # topics ("a packet of information on HCZ Diovan")
    # (probe18: only the agent of that verb; a new clause's drug is given: "prepped with
    # Betadine and given Ancef" keeps Ancef)
    r"\b(?:irrigat\w*|lavage|washed|rinsed|prepped|flushed|soaked|bathed)\s+(?:\w+\s+){0,3}"
    r"(?:with|in|using)\s+(?:(?!" + _GIVEN_VERBS + r"\b)\w+\s+){0,3}$|"
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

def _clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause holding ``pos``: after the last sentence/line/semicolon break."""
    cut = max(text.rfind(ch, floor, pos) for ch in (".\n", "\n", ";", ". "))
    return max(floor, cut + 1)

_COORD = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+|plus\s+)?|and\s+|or\s+|plus\s+)$")
#: (issue 16, medstat) a start said after a coordinated list: "rituximab plus cyclophosphamide,
#: vincristine, and prednisone was started" starts each drug of the list
_TAIL_STARTED = re.compile(r"^\s*(?:was|were|has\s+been|have\s+been)\s+(?:also\s+)?(?:started|"
                           r"added|initiated|begun)\b(?![^.;\n]{0,40}?" + _PAST_TIME_RX + ")"
                           # (msfix W1) nor a start told of the past: "were started by his
                           # cardiologist years ago"
                           r"(?![^.;\n]{0,60}?\b(?:ago|previously|prior|since|for\s+(?:many\s+|"
                           r"several\s+)?years)\b)", re.I)


#: (msfix, review W1) the list is the subject of "was started" only when no verb or "on" stands
#: before it in its sentence ("She continues metformin plus insulin was started" is no start)
_LIST_NOT_SUBJECT = re.compile(r"\b(?:continu\w*|remains?|takes?|taking|is|are|was|were|has|"
                               r"have|had|on|uses?|using|stays?)\b", re.I)


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

#: probe11: a failed trial, as "did not help": "has been on Topamax and Maxalt in the past,
#: but did not work" -> discontinued. Not a failed trial (review4): "did not work until the
#: dose was doubled / at first / initially", "did not work as well as X" (a comparison).
_DID_NOT_WORK = re.compile(
    r"^(?:[^.;\n]|\.(?=\d)){0,60}?\b(?:did\s+not|didn't|did\s+n't)\s+work\b(?!\s*,?\s*(?:"
    r"until|till|at\s+first|initially|in\s+the\s+beginning|as\s+well|so\s+well|as\s+much|"
    r"as\s+quickly|as\s+fast)\b)", re.I)
#: ... nor when the sentence says the drug is still taken ("did not work, still taking it",
#: "didn't work at first but now helps", "but she continues it", "still uses both")
#: (a bare "now" or "takes" may be another drug's: "did not work, she takes Tylenol now")
_STILL_TAKEN = re.compile(
    r"\b(?:still|continues?\s+(?:it|them|on|to\s+(?:take|use))|continuing\s+(?:it|them)|"
    r"remains?\s+on\s+(?:it|them)|(?:now|since)\s+(?:it\s+|they\s+)?(?:helps?|works?|"
    r"working|effective|controls?))\b", re.I)


#: review7: "did not work" is the drug's own failure only when nothing but the drug, "it",
#: "which" (or a joining word) is its subject: "On Lipitor since diet did not work", "started
#: as oral agents did not work" name another subject's failure. The word right before the cue
#: must be one of these (or nothing: "Prozac did not work").
_OWN_SUBJECT = re.compile(
    r"(?:^|[\s,(-])(?:it|which|they|that|both|these|this|but|and|also|again|ultimately|"
    r"unfortunately|apparently|reportedly|simply|just|however|past|before|previously|"
    r"earlier|ago|weeks?|months?|years?|days?)\W*$|^\W*$", re.I)
#: ... and never a reason or time clause in between ("since/when/as/after/because diet did
#: not work"): the drug is given because something else failed.
_SUBORDINATE = re.compile(r"\b(?:since|when|as|after|because|once|if|until|so)\b", re.I)
#: A later "continued"/"resumed" in the same sentence wins ("Aspirin, which did not work for
#: her headache, was continued"); in the next sentence only a statement that the drug itself
#: is still taken ("Prozac did not work. She still takes it.").
_LATER_TAKEN = re.compile(r"\b(?:continued|resumed|restarted)\b", re.I)
_NEXT_TAKEN = re.compile(
    r"\b(?:still\s+(?:takes|taking|uses|using|on)|continues?\s+(?:it|them|on|to\s+(?:take|use))|"
    r"continuing\s+(?:it|them)|remains?\s+on\s+(?:it|them)|(?:takes|taking|uses|using)\s+"
    r"(?:it|them)\b)", re.I)


def _own_failure(segment: str) -> re.Match[str] | None:
    """The "did not work" in ``segment`` (text right after the drug) whose subject is the drug."""
    m = _DID_NOT_WORK.search(segment)
    if m is None:
        return None
    cue = re.search(r"\b(?:did\s+not|didn't|did\s+n't)\s+work\b", m.group(0), re.I)
    pre = segment[:m.start() + (cue.start() if cue else 0)]
    if _SUBORDINATE.search(pre) or not _OWN_SUBJECT.search(pre):
        return None
    return m


def _failed_trial(text: str, start: int, window: str, tail: str) -> bool:
    """Whether "did not work" after the drug says the trial failed (discontinued)."""
    hit = _own_failure(window)
    if hit is None and not (tail and _own_failure(tail)):
        return False
    cs = _clause_start(text, start, max(0, start - 200))
    stop = re.search(r"[.;\n]", text[start:])
    send = start + stop.start() if stop else len(text)
    sentence = text[cs:send]
    if _STILL_TAKEN.search(sentence):
        return False
    # after the cue: "..., was continued" (the sentence up to its full stop: the clause check
    # above stops at the comma-free window only)
    after = text[start:]
    full = re.search(r"[.\n]", after)
    if _LATER_TAKEN.search(after[:full.start() if full else len(after)]):
        return False
    if full is not None and after[full.start()] == ".":
        nxt = after[full.start() + 1:]
        nstop = re.search(r"[.;\n]", nxt)
        if _NEXT_TAKEN.search(nxt[:nstop.start() if nstop else len(nxt)]):
            return False
    return True


#: (extfix, review 5) a dose still to come: "Plan: give a second dose of ceftriaxone
#: tomorrow", "Will need another dose of methotrexate" are no dose given
_DOSE_OF = re.compile(r".*\bdoses?\s+of", re.I | re.S)
_PLANNED = re.compile(r"\b(?:will|would|shall|should|need(?:s|ed)?|plan(?:s|ned)?|give|"
                      r"giving|to\s+(?:get|receive|have|be\s+given)|due|schedule[ds]?|"
                      r"recommend(?:s|ed)?|may|can|could|might|order(?:s|ed)?)\b", re.I)
#: (extfix2) the plan said after the drug: "Second dose of ceftriaxone due at 0800",
#: "another dose of vancomycin scheduled for tonight", "... tomorrow", "... will be given"
_PLANNED_AFTER = re.compile(r"[^.;\n]{0,40}?\b(?:due|scheduled|tomorrow|tonight|will|"
                            r"to\s+be\s+given|planned|pending)\b", re.I)

#: What may stand between "status post" and the drug besides other drug names: a route,
#: "N doses of", a joining word ("status post Rocephin and Cleocin").
_STATUS_POST_GAP = re.compile(
    r"(?:\s|,|/|\b(?:and|or|iv|im|po|oral|intravenous)\b|\b(?:a|an|one|two|three|four|\d+|"
    r"single|second|third|loading|stat)\s+doses?\s+of\b)*", re.I)


def _status_post_drug(between: str) -> bool:
    """(extfix, review 4) Whether the words between "status post" and a drug (``between``)
    leave the drug straight after it: nothing but a route, "N doses of" or other drug names
    joined to it ("status post Rocephin and Cleocin", "status post 2 doses of IV
    vancomycin"). "Status post PCI, on Plavix", "Status post MI on metoprolol": an operation
    or an event is what the patient is status post, and the drug is taken on."""
    rest = list(between)
    for n in find_names(between):
        rest[n.start:n.end] = " " * (n.end - n.start)
    return _STATUS_POST_GAP.fullmatch("".join(rest)) is not None


#: p16fix: what may stand between a "failed"/"refractory to"/"course of" cue and the drug it
#: is about: a determiner, "a trial of", a route, or other drug names joined to it ("refractory
#: to lisinopril and amlodipine"); any other word ("failed his stress test and was continued on
#: metoprolol", "refractory to multiple SSRIs, currently on sertraline") leaves the drug free
_DIRECT_GAP = re.compile(r"(?:\s|,|/|\b(?:and|or|a|an|his|her|their|the|both|trial|of|oral|iv|"
                         r"po|home|with|including|conventional|treatment|therapy|suppression)\b)*",
                         re.I)
#: ... and a later statement in the same sentence that the drug goes on wins ("His home
#: medications had been metoprolol and lisinopril, which were continued"; "took a course of
#: prednisone and is still on prednisone"; "resistant to amlodipine, so amlodipine dose was
#: increased")
_LATER_ACTIVE = re.compile(
    r"\b(?:(?:now|currently|still|remains?|is|are|was\s+kept|back)\s+(?:on|taking|takes|using)|"
    r"continue[ds]?|continuing|restart(?:ed)?|re-started|resumed?|increased|titrated|"
    r"maintained)\b", re.I)


def _direct_object(between: str) -> bool:
    """Whether the words ``between`` a cue and a drug leave the drug straight after the cue
    (:data:`_DIRECT_GAP`, other drug names blanked out)."""
    rest = list(between)
    for n in find_names(between):
        rest[n.start:n.end] = " " * (n.end - n.start)
    return _DIRECT_GAP.fullmatch("".join(rest)) is not None


def _sentence_rest(text: str, pos: int) -> str:
    """``text`` from ``pos`` to the end of its sentence (a full stop that is no decimal point,
    or a line break)."""
    stop = re.search(r"\.(?!\d)|\n", text[pos:pos + 300])
    return text[pos:pos + (stop.start() if stop else 300)]


def _later_active(text: str, pos: int) -> bool:
    """Whether the rest of the sentence after ``pos`` says a drug goes on (:data:`_LATER_ACTIVE`)."""
    return _LATER_ACTIVE.search(_sentence_rest(text, pos)) is not None


#: probe16: a status told after a comma in the drug's own sentence ("Lisinopril 10 mg daily for
#: hypertension, stopped."; "her medications, Pepcid and Reglan, were given"): a bare
#: participle for a stop or hold, an auxiliary before an administration or a start ("Lasix,
#: given her edema" is a reason, not a dose given)
#: p16fix: what may follow a bare "stopped"/"held" in its comma part: nothing, a reason, a
#: time or a joining word; never an object ("stopped smoking 10 years ago" is a habit)
_STATUS_NEXT = (r"(?=\s*$|\s*[\d(]|\s+(?:for|due|because|secondary|at|on|in|prior|before|after|"
                r"since|until|when|while|per|by|x|d/t|owing|as|from|during|around|approximately|"
                r"about|temporarily|briefly|yesterday|today|tonight|last|this|now|again|recently|"
                r"pending|and|but|then|a|an|one|two|three|four|five|six|seven|several|few|over)\b)")
#: p16fix: a date or time after "completed"/"finished" ("cisplatin with radiation, completed
#: June, 2006"; "Prednisone taper, completed last week"); "completed day 3 of a 7-day course"
#: and "completed radiation in 2010" name a day of the course or another treatment
_DONE_WHEN = (r"(?:\s+(?:(?:on|in)\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
              r"(?:\s+\d{1,2})?(?:\s+(?:19|20)\d\d)?|\s+(?:(?:on|in)\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?|"
              r"\s+(?:in\s+)?(?:19|20)\d\d|\s+(?:yesterday|today|last\s+(?:week|month|year))|"
              r"\s+(?:\d+|a|an|one|two|three|four|five|six|several|few)\s+(?:days?|weeks?|months?)"
              r"\s+ago)?\s*$")
#: ms2: "held at <dose>" (a rate kept: "Cardizem drip ..., held at 10 mg per hour") and "held in
#: <place>" (the patient kept: "given Versed, held in the PACU") are no holds; "held in
#: anticipation of surgery", "held at 0600 for the procedure" still are
_HELD_AT_IN = (r"\s+(?:at\s+(?:\d[\d.,]*\s*(?:mg|mcg|micrograms?|units?|ml|cc|g|gm|grams?|meq|%|"
               r"mg/\w+|mcg/\w+)\b|(?:a|the|this|that|his|her)\s+(?:same\s+|current\s+|stable\s+)?"
               r"(?:rate|dose)\b)|in\s+(?:the\s+)?(?:pacu|icu|recovery|holding|er|ed|emergency|clinic|"
               r"hospital|office|unit|ward|bay|room|floor|nursery|observation|pre-?op\w*|post-?op\w*)\b)")
_COMMA_STATUS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\s*(?:(?:which|that|and|but)\s+)?(?:(?:was|were|is|are|has\s+been|have\s+been|"
                r"had\s+been)\s+)?(?:now\s+|since\s+|later\s+|then\s+|subsequently\s+)?"
                r"(?:(?:stopped|discontinued|d/c'?d)\b" + _STATUS_NEXT + "|"
                # "cisplatin with radiation, completed June, 2006": a finished course
                r"(?:completed|finished)(?:\s+(?:the|her|his|a|an)\s+(?:\d+[- ]?day\s+)?(?:course|"
                r"taper))?" + _DONE_WHEN + ")", re.I), "discontinued"),
    (re.compile(r"\s*(?:(?:which|that|and|but)\s+)?(?:(?:was|were|is|are|has\s+been|have\s+been)"
                r"\s+)?(?:now\s+|currently\s+|later\s+|then\s+|subsequently\s+)?(?:held|on\s+hold)\b"
                # ms2: "held at 10 mg per hour" (a rate kept), "held in the PACU" (a patient
                # kept): no hold
                r"(?!" + _HELD_AT_IN + ")" + _STATUS_NEXT, re.I), "held"),
    (re.compile(r"\s*(?:(?:which|that|and)\s+)?(?:was|were)\s+(?:also\s+)?(?:given|administered)\b",
                re.I), "given"),
    (re.compile(r"\s*(?:(?:which|that|and)\s+)?(?:was|were)\s+(?:also\s+)?(?:added|started|"
                r"initiated)\b", re.I), "new"),
]
#: a switch said after the drug: the drug named in that part is the new one, this one stops
# (msfix, review U9) taken back: ", he was switched to Y" / "so she was switched to Y" no longer
# stops the earlier drug (the switch may be from another drug); only "X was switched to Y"
_SWITCHED_AWAY = re.compile(r"\s*(?:and\s+|but\s+)?"
                            r"(?:(?:was|were|then|later|subsequently|eventually)"
                            r"\s+)*(?:(?:switched|changed|converted|transitioned)\s+(?:over\s+)?to|"
                            + _REPLACED_BY + r")\b",
                            re.I)
_COMMA_PARTS = 3  # how many comma parts after the drug's words may stand before the status
#: p16fix: a past time said with "was added" ("TriCor was added three months ago"): a drug
#: taken since then, not a start now
_PAST_TIME = re.compile(_PAST_TIME_RX, re.I)


def _comma_status(text: str, pos: int, drug: str = "") -> str | None:
    """The status said in a comma part after ``pos`` (the end of the drug's words), in the same
    sentence, before any part that names another drug (that part's status is its own).

    A stop or hold followed later in the sentence by a resumption ("stopped briefly for the CT,
    resumed"; "held ..., now resumed"; "to restart tonight") is active: the last action wins.
    """
    for _ in range(_COMMA_PARTS):
        if not text.startswith(",", pos):
            return None
        stop = re.search(r"[,.;\n]", text[pos + 1:pos + 121])
        part_end = pos + 1 + (stop.start() if stop else min(120, len(text) - pos - 1))
        part = text[pos + 1:part_end]
        names = find_names(part)
        if _SWITCHED_AWAY.match(part) and any(n.name != drug for n in names):
            return "discontinued"  # "kept on Fortaz, and was switched over to ciprofloxacin"
        if names:
            return None  # (also "Lantus 20 units, changed to 24 units": a new dose, active)
        for rx, status in _COMMA_STATUS:
            if not rx.match(part):
                continue
            if status in ("discontinued", "held") and _resumed_after(text, pos + 1):
                return "active"
            if status == "new" and _PAST_TIME.search(part):
                return None
            return status
        pos = part_end
    return None


def _resumed_after(text: str, pos: int) -> bool:
    """Whether the sentence from ``pos`` says the drug goes on again (:data:`_LATER_ACTIVE`),
    before a ";" or any other drug is named.

    ms2: the word must not be another drug's ("stopped due to cough, now on losartan": only
    words of the gap before the other drug after it) nor a plan ("held, restart when creatinine
    improves": a restart on a condition leaves the drug held)."""
    rest = _sentence_rest(text, pos).split(";")[0]
    other = find_names(rest)
    part = rest[:other[0].start] if other else rest
    for m in _LATER_ACTIVE.finditer(part):
        if other and _GOVERNS_NEXT.fullmatch(part[m.end():]):
            continue  # "now on losartan": losartan's word
        if _PLAN_AFTER.match(part, m.end()):
            continue
        return True
    return False


#: "has not been restarted", "was never resumed": the active cue negated
_NOT_RESUMED = re.compile(r"(?:\bnot|\bnever|n't)\s+(?:yet\s+)?(?:been\s+)?(?:re-?started|"
                          r"resumed|continued)$", re.I)


#: ms2: what may stand between an active word and the next drug it governs ("now on his losartan")
_GOVERNS_NEXT = re.compile(r"(?:\s+(?:on|with|her|his|their|the|a|an|to|home|oral|po|iv))*\s*", re.I)
#: ms2: an active word that is a plan on a condition ("restart when ...", "resume if ...")
_PLAN_AFTER = re.compile(r"(?:\s+(?:it|this|them|once|only))*\s+(?:when|if|after|once|until|unless|"
                         r"as\s+soon\s+as|pending)\b", re.I)


#: probe16: a start said only as a condition or an option ("she would need to start ibuprofen
#: or Tylenol if ...", "If this does not work, we will start some Neo-Synephrine"): no drug
#: taken or given (the guideline labels neither)
#: p16fix: narrowed to a pure condition ("would need to start X if ...", "If ..., we will
#: start X"); an option the note offers or recommends ("She may start ibuprofen p.r.n.", "If
#: wheezing, she can start albuterol", "I would start her on aspirin", "RECOMMENDATIONS: Would
#: start heparin drip") is kept as before, and so is a drug to be weaned, tapered, held or
#: stopped ("We may try weaning her prednisone"): that drug is being taken
_WOULD_START = re.compile(r"\b(?:would|might)\s+(?:need|have)\s+to\s+(?:start|begin)\s+"
                          r"(?:\w+\s+){0,2}$", re.I)
_IF_THEN_START = re.compile(r"^\s*(?:\d+\.\s*)?(?:if|should|in\s+case)\b[^.;\n]*,\s*(?:we|i)"
                            r"\s+will\s+(?:start|begin|add)\s+(?:\w+\s+){0,2}$", re.I)
#: ... never a drug already taken that the plan changes
_CHANGE_WORD = re.compile(r"\b(?:wean\w*|taper\w*|hold\w*|held|stop\w*|decreas\w*|"
                          r"discontinu\w*|reduc\w*|increas\w*|continu\w*|her|his|their)\b", re.I)
_CONDITION_AFTER = re.compile(r"\b(?:if|unless|should|in\s+case|when)\b", re.I)


#: a sentence stop, not the dot of a title ("as discussed with Dr. X, we will start ...")
_SENTENCE_STOP = re.compile(r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)\.\s|[;\n]")


def conditional_start(text: str, start: int) -> bool:
    """Whether the drug at ``start`` is only a conditional or optional start (its own sentence
    up to the drug: :data:`_WOULD_START` or :data:`_IF_THEN_START`)."""
    lo = max(0, start - 200)
    for stop in _SENTENCE_STOP.finditer(text, lo, start):
        lo = stop.end()
    before = re.sub(r"\b(Dr|Mr|Mrs|Ms)\.", r"\1", text[lo:start])  # a title's dot stops nothing
    would = _WOULD_START.search(before)
    if would:  # "would need to start insulin IF A1c stays above 9": a condition in the sentence
        return not _CHANGE_WORD.search(would.group(0)) and bool(
            _CONDITION_AFTER.search(_sentence_rest(text, start))
            or _CONDITION_AFTER.search(before, 0, would.start()))
    cond = _IF_THEN_START.search(before)
    return bool(cond) and not _CHANGE_WORD.search(cond.group(0)[cond.group(0).rfind(","):])


def _drug_at(text: str, start: int, end: int) -> str:
    """The dictionary name of the drug written at ``text[start:end]`` ("" when none)."""
    names = find_names(text[start:end])
    return names[0].name if names else ""


#: ms2: a failed drug given more: "failed metformin monotherapy" (an add-on follows)
_MONOTHERAPY = re.compile(r"\s+mono-?therapy\b", re.I)
#: ms2: a refill refused: a negation or refusal just before "refill" ("I will not refill",
#: "Refill denied") or a refusal after the drug in its sentence ("which I declined")
_REFILL_NOT_BEFORE = re.compile(r"\b(?:not|never|no|won't|cannot|can't|declin\w*|den(?:y|ied|ies)|"
                                r"refus\w*)\b(?:\s+\w+){0,2}\s*$", re.I)
_REFILL_NOT_AFTER = re.compile(r"\b(?:denied|declined|refused|not\s+(?:be\s+)?(?:refilled|"
                               r"given|authorized|approved))\b", re.I)
#: ms2: "now on" / "currently on" straight before the drug, after a stop of another drug
_NOW_ON = re.compile(r"\b(?:now|currently)\s+(?:on|taking|takes|using)\s+(?:\w+\s+){0,2}$", re.I)


def _refill_refused(before: str, between: str, after: str) -> bool:
    """Whether a refill cue is refused: a negation or refusal in the clause ``before`` it
    (:data:`_REFILL_NOT_BEFORE`), or a refusal ``between`` it and the drug or in the drug's
    sentence ``after`` it (:data:`_REFILL_NOT_AFTER`)."""
    return bool(_REFILL_NOT_BEFORE.search(before) or _REFILL_NOT_AFTER.search(between)
                or _REFILL_NOT_AFTER.search(after))


#: (review of issue 16) the switch-from cue itself, and the words a switch's drug may have
#: between "from" and it (a route or form, a possessive): "switched from IV heparin"
_SWITCH_FROM_RX = re.compile(_SWITCH_FROM, re.I)
_ROUTE_GAP = re.compile(r"\s*(?:(?:iv|i\.v\.|po|p\.o\.|oral|intravenous|im|sq|subcut\w*|"
                        r"her|his|their|the|home|inhaled|topical|long-acting|short-acting)\s+)?",
                        re.I)
#: ... "converted to"/"changed to": a drug's cue only when a drug follows ("converted to normal
#: sinus rhythm on diltiazem" names a rhythm, not a drug switched to)
_TO_STATE = re.compile(r"(?:converted|change(?:d)?)\s+(?:over\s+)?to\b", re.I)


def _switched_from_drug(gap: str) -> bool:
    """Whether the words ``gap`` after "switched/transitioned/converted from" up to a drug
    make it the drug switched from ("from warfarin": nothing or a route word between) or the
    drug switched to after another drug ("from warfarin to apixaban"), not a place or a
    rhythm ("from the ICU to the floor on heparin", "from atrial fibrillation to sinus
    rhythm after amiodarone")."""
    if _ROUTE_GAP.fullmatch(gap):
        return True
    rest = gap[_ROUTE_GAP.match(gap).end():]
    names = find_names(rest)
    return bool(names) and names[0].start == 0 and re.fullmatch(
        r"\s+(?:(?:drip|infusion|tablets?|injections?|iv|po|oral)\s+)?to\s+(?:\w+\s+){0,2}",
        rest[names[0].end:], re.I) is not None


def _switched_to_other(text: str, lo: int, hi: int) -> bool:
    """Whether the words ``text[lo:hi]`` after a drug switch it to a route and another drug
    named straight after that route ("was transitioned to oral warfarin"; the window after a
    drug ends where the next drug starts, so the route word is its last)."""
    switch = _SWITCH_TO_ROUTE.search(text, lo, hi + 1)
    if switch is None or _SUBJECT.search(text, lo, switch.start()):
        return False  # (medstat) "She takes lisinopril and was switched to IV Levaquin"
    names = find_names(text[switch.end():switch.end() + 40])
    return bool(names) and names[0].start == 0


#: (issue 16, medstat) what turns a cue after a drug into another subject's verb: a joining word
#: or a subject ("lisinopril and was switched to", "lisinopril; we stopped", "he held")
_NEW_SUBJECT = re.compile(r"\b(?:and|but|or|we|he|she|i|they|you)\b", re.I)
#: ... a switch ("changed to", "switched to", "replaced by") stops what was taken before it, so
#: only an explicit other subject makes it another drug's ("lisinopril and we switched to
#: Levaquin"); "placed on vancomycin ... and later changed Ancef" still stops vancomycin, and
#: a pronoun subject is the drug itself ("Risperdal and this was changed to Zyprexa")
_SUBJECT = re.compile(r"\b(?:we|he|she|i|they|you)\b", re.I)
_SELF_SUBJECT = re.compile(r"\b(?:it|this|which|that)\b", re.I)
_SWITCH_WORD = re.compile(r"\b(?:changed|switched|converted|transitioned|replaced)\b", re.I)


#: (msfix) a stop told as an option or on a condition is none done ("We may stop the prednisone
#: next week", "Consider discontinuing gabapentin", "If the rash recurs, stop the amoxicillin")
_STOP_OPTION = re.compile(r"\b(?:may|might|could|would|consider\w*|if|unless|whether|"
                          r"discuss\w*\s+(?:about\s+)?$|"
                          r"plan(?:s|ned|ning)?\s+to|thinking\s+(?:of|about)|wants?\s+to|"
                          r"afraid\s+to|in\s+case)\b", re.I)
#: ... an order to stop with its condition after the drug ("Stop the aspirin if he has melena")
_ORDER_STOP = re.compile(r"^\W*(?:stop|discontinue|d/c)\b", re.I)
_COND_AFTER = re.compile(r"^[^.;\n]{0,60}?\b(?:if|unless|should)\b", re.I)
#: ... and a habit stopped is no drug stopped ("He stopped drinking, continues naltrexone",
#: "He stopped smoking and remains on heparin"): a gerund other than taking / using right after
_HABIT_STOPPED = re.compile(r"\s+(?!taking\b|using\b|giving\b|receiving\b|administering\b|"
                            r"everything\b|anything\b|something\b|nothing\b|"
                            # prepositions in -ing ("were discontinued including ibuprofen")
                            r"including\b|following\b|during\b|pending\b|regarding\b|"
                            r"according\b|beginning\b|starting\b|morning\b|evening\b)"
                            r"[a-z]+ing\b", re.I)


def _stop_not_done(text: str, clause: str, m: re.Match[str], end: int) -> bool:
    """Whether the stop cue ``m`` in ``clause`` (the text before the drug ending at ``end``) is
    an option, a conditional order or a habit's stop rather than the drug's stop."""
    # the option word close before the cue ("We may stop", "If the rash recurs, stop"; not
    # "had discussed this issue with Dr Khan and had been approved to get off of the Plavix")
    if _STOP_OPTION.search(clause, max(0, m.start() - 40), m.start()) \
            or _HABIT_STOPPED.match(clause, m.end()):
        return True
    return bool(_ORDER_STOP.match(clause[m.start():]) and not clause[:m.start()].strip(" ,")
                and _COND_AFTER.match(text[end:]))


#: (msfix) a noun-like word between a drug and a cue on a pronoun after it: the pronoun may be
#: that noun's ("used a CPAP machine but stopped it"); read through the pronoun rules instead
_NOUN_BETWEEN = re.compile(r"\b(?:a|an|the|his|her|their|my|your)\s+\w+", re.I)


#: (msfix, review U6) a later restart or continuation in the sentence: "taken off" is no stop
_BACK_ON = re.compile(r"\b(?:re-?start(?:ed|s)?|resum(?:ed|es)|back\s+on|continu(?:es|ed|ing)|"
                      r"remains?\s+on|still\s+on)\b", re.I)


def _back_on(rest: str) -> bool:
    """Whether ``rest`` (the sentence after a drug "taken off") says it goes on again; a
    continuation of another drug named straight after is not ("continued on Plavix")."""
    for m in _BACK_ON.finditer(rest):
        if m.group(0).lower().startswith(("re", "back")):
            return True
        nxt = find_names(rest[m.end():m.end() + 40])
        if not (nxt and re.fullmatch(r"\s*(?:on\s+)?(?:(?:his|her|the)\s+)?",
                                     rest[m.end():m.end() + nxt[0].start])):
            return True
    return False


#: (issue 16, medstat) what is given when no drug is: advice, not a dose ("instructions were
#: given to mom to maximize her Trileptal dose", "education was given about her insulin")
_NOT_A_DOSE_GIVEN = re.compile(r"\b(?:instructions?|information|education|advice|counsel(?:l)?ing|"
                               r"handouts?|directions|teaching|recommendations?|reassurance|"
                               r"precautions)\s+(?:was\s+|were\s+|(?:has|have)\s+been\s+)?(?:also\s+)?$",
                               re.I)


def _cue_of_next_drug(text: str, end: int, window: str, hit: re.Match[str]) -> bool:
    """Whether the status cue ``hit`` read in the ``window`` after a drug (ending at ``end``)
    is the verb of the next drug instead: the window runs up to that drug, nothing but a
    determiner, possessive or route stands between the cue and it (its object), and a joining
    word or a subject stands between this drug and the cue ("He takes lisinopril 10 mg daily
    and we stopped the hydrochlorothiazide", "Continue lisinopril and held the Coumadin"). Not
    "Coumadin was switched to apixaban" (Coumadin is the subject: it stops)."""
    after = text[end + len(window):end + len(window) + 40]
    nxt = find_names(after)
    if not nxt or after[:nxt[0].start].strip():
        return False
    if not _GOVERNS_NEXT.fullmatch(window[hit.end():]):
        return False
    pre = window[:hit.end()]
    if _SELF_SUBJECT.search(pre):
        return False
    if _SWITCH_WORD.search(pre):
        return _SUBJECT.search(pre) is not None
    return _NEW_SUBJECT.search(pre) is not None


#: (allergyrx) a restart planned for a later time: "He is to restart his Coumadin not before
#: Sunday", "taken off Coumadin for five days and will be placed back on Coumadin the day after
#: the surgery": the drug is off until then (held). The future wording straight before the
#: drug (a possessive between) ...
_FUTURE_RESTART_BEFORE = re.compile(
    r"\b(?:(?:is|are)\s+to|will(?:\s+be)?|to\s+be|plan(?:s|ned)?\s+to)\s+(?:re-?start|resume|"
    r"(?:be\s+)?(?:placed|put)\s+back\s+on)\s+(?:(?:his|her|their|the|home)\s+)?$", re.I)
#: ... and a bound or an event it is deferred past, after it in its sentence ("not before
#: Sunday", "not until cleared", "the day after the surgery", "after the procedure",
#: "postoperatively"). Not a bare time ("We will restart warfarin tomorrow" stays new:
#: tests/test_extract_probe20_classes.py), nor "We will restart lisinopril at half the previous
#: dose", nor "Asked to restart his omeprazole": read as before
_FUTURE_TIME_AFTER = re.compile(
    r"[^.;\n]{0,60}?\b((?:not\s+(?:before|until)|the\s+(?:day|morning)\s+after|"
    r"after\s+(?:the\s+|his\s+|her\s+)?(?:surgery|procedure|operation|colonoscopy|endoscopy|"
    r"biopsy)|post-?op(?:eratively)?|postoperatively))\b", re.I)


#: (allergyfix, safety review F4) what may not lie between the drug and its deferral: another
#: predicate or drug joined on ("resume lisinopril today and hold metformin until after the
#: procedure", "restart aspirin now and Plavix not before Friday"), a relative clause ("Eliquis,
#: which she has been taking postoperatively"), a time now ("today", "now", "tonight") or a
#: continuation / taking after the restart ("restart his metoprolol today and continue it
#: post-op", "and take it after the procedure as well"): the deferral is then another's
_FUTURE_GAP_STOP = re.compile(r"\b(?:and|but|or|which|today|now|tonight|continu\w*|take|takes|"
                              r"taking|took)\b", re.I)


def _future_restart(text: str, start: int, end: int) -> bool:
    """(allergyrx) Whether the drug at ``text[start:end]`` is restarted only at a later time
    (:data:`_FUTURE_RESTART_BEFORE`, :data:`_FUTURE_TIME_AFTER`); (allergyfix) the words
    between the drug and its deferral neither :data:`_FUTURE_GAP_STOP` nor another drug."""
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 80, 0)
    if not _FUTURE_RESTART_BEFORE.search(text, lo, start):
        return False
    after = _FUTURE_TIME_AFTER.match(text, end)
    if after is None:
        return False
    # the deferral's own words start at the match's last word group: the gap is what the
    # lazy lead-in "[^.;\n]{0,60}?" took before it
    gap = text[end:after.start(1)]
    return not _FUTURE_GAP_STOP.search(gap) and not find_names(gap)


def _status_cue(text: str, start: int, end: int, window: str, tail: str = "") -> str | None:
    """The status cue read for the drug at ``text[start:end]`` (``window``: the words after it,
    ``tail``: a coordinated list's end), or None. "failed" is a weak stop (see the caller)."""
    if _future_restart(text, start, end):
        return "held"  # (allergyrx) "He is to restart his Coumadin not before Sunday"
    comma = _comma_status(text, end + len(window), _drug_at(text, start, end))
    if comma is not None:
        return comma
    if _switched_to_other(text, end, end + len(window)):
        return "discontinued"  # issue 16 (b): "transitioned to oral warfarin": another drug
    for k, (rx, status) in enumerate(_CUE_AFTER):
        hit = rx.search(window)
        if hit and k == 0:
            # ms2: "was continued but later discontinued", "was resumed on day 2 but stopped
            # again": the last status said after the drug wins, not the first rule
            later = [st for rx2, st in _CUE_AFTER[1:3]
                     if (m2 := rx2.search(window)) and m2.end() > hit.end()]
            if later:
                return later[0]
        if hit and k == 0 and _NOT_RESUMED.search(hit.group(0)):
            continue  # (review of issue 16) "has not been restarted": no resumption
        if hit and rx is _NOT_GIVEN_AFTER:
            rest = text[end + hit.end():end + hit.end() + 80]
            obj = find_names(rest[:30])
            if (obj and not rest[:obj[0].start].strip(" ,:-")) or _NOT_TO_GIVE_LIMITED.search(rest):
                continue  # p20fix: "... should not be given heparin" holds heparin, not this
            return "not-given"
        if hit and status in ("discontinued", "held") and re.match(
                r"\s+(?:taking\s+|using\s+)?(?:it|them|this|that|these|those)\b",
                text[end + hit.end():end + hit.end() + 30]) \
                and _NOUN_BETWEEN.search(window, 0, hit.end()):
            continue  # (msfix) "metformin and used a CPAP machine but stopped it": the pronoun's
        if hit and status in ("discontinued", "held", "given", "new") and _cue_of_next_drug(
                text, end, window, hit):
            continue  # "She takes lisinopril and was switched to IV Levaquin": Levaquin's cue
        if hit or (tail and status in ("held", "discontinued", "given") and rx.search(tail)):
            return status
        if tail and status == "new" and _TAIL_STARTED.match(tail) and not _LIST_NOT_SUBJECT.search(
                text, _sentence_bounds(text, start), start):
            return status
        if status == "discontinued" and _failed_trial(text, start, window, tail):
            return status
    cs = _clause_start(text, start, max(0, start - 120))
    clause = text[cs:start]
    # The latest action cue in the clause wins; "on"/"continue" (active) only when there is
    # no action cue ("Started on ceftriaxone" is new, not active).
    best: tuple[int, str] | None = None
    # p20fix: an order not to give the drug ("should not be given heparin") is read as the
    # order, not as a "given" cue inside it; one limited by a condition or part after the
    # drug ("do not give insulin if NPO", "do not give heparin bolus") is no hold
    orders = [(m.start(), m.end()) for m in _NOT_TO_GIVE.finditer(clause)]
    # (not "do not restart Coumadin until cleared by GI": the drug is off until then)
    if orders and _NOT_TO_GIVE_LIMITED.search(text[end:end + 80]) and not re.search(
            r"\b(?:re-?start|resume|start)\b", clause[orders[-1][0]:orders[-1][1]], re.I):
        orders = []
        skip_order = True
    else:
        skip_order = False
    # (issue 16, medstat) a cue said before another drug is that drug's when a verb cue stands
    # between that drug and this one: "We stopped the hydrochlorothiazide and continue
    # lisinopril" (lisinopril goes on), "held her Coumadin and started heparin"; a bare "on"
    # is no such verb ("Stopped aspirin on admission and Plavix")
    # ... and so is one whose drug is followed by a new clause before this drug ("stopped his
    # Coumadin as instructed by his cardiologist who manages his amiodarone"); a list or a
    # verb phrase goes on ("Started aspirin 81 mg daily and Plavix", "switched from warfarin to
    # apixaban", "received heparin and was begun on Integrilin")
    others = find_names(clause)
    floor = 0
    if others:
        last_other = others[-1].end
        # (msfix, review U8) the relative / "as advised" clause cut (a ``_NEW_CLAUSE`` pattern) is taken
        # back: "We stopped metoprolol, which was causing bradycardia, and amlodipine" stops both
        if any(m.start() >= last_other and m.group(0).lower() != "on"
               for rx, _st in _CUE_BEFORE for m in rx.finditer(clause)):
            floor = last_other
    for rx, status in _CUE_BEFORE:
        for m in rx.finditer(clause):
            if m.start() < floor:
                continue
            if status == "active" and best is not None:
                continue
            if rx is _NOT_TO_GIVE and skip_order:
                continue
            if status == "discontinued" and _stop_not_done(text, clause, m, end):
                continue  # (msfix) "We may stop the prednisone", "He stopped smoking and ..."
            if rx is not _NOT_TO_GIVE and any(a <= m.start() < b for a, b in orders):
                continue
            # p16fix: "failed" for the drug right after the cue only, and no later "now on" /
            # "continued" (ms2: nor "failed metformin monotherapy": an add-on to it follows).
            # Reported as "failed": the caller marks it a weak stop that any other mention of
            # the drug overrides (a current list entry with a dose)
            if status == "failed" and (not _direct_object(clause[m.end():])
                                       or _later_active(text, end)
                                       or _MONOTHERAPY.match(text, end)):
                continue
            if status == "refill" and _refill_refused(clause[:m.start()], clause[m.end():],
                                                          _sentence_rest(text, end)):
                continue  # ms2: a refill refused says nothing of the drug (base a82e1be)
            if re.match(r"(?:was|were|been)\s+taken\s+off", m.group(0), re.I) \
                    and _back_on(_sentence_rest(text, end)):
                continue  # (msfix U6) "was taken off warfarin before surgery and restarted"
            if status == "given" and _NOT_A_DOSE_GIVEN.search(clause, 0, m.start()):
                continue  # (medstat) "instructions were given to mom to maximize her Trileptal"
            if status == "given" and re.match(r"status|s/p", m.group(0), re.I) \
                    and not _status_post_drug(clause[m.end():]):
                continue
            if status == "given" and _DOSE_OF.match(m.group(0)) \
                    and (_PLANNED.search(clause, 0, m.start())
                         or _PLANNED_AFTER.match(text, end)):
                continue  # (extfix, review 5) a planned dose: no administration cue
            if status == "discontinued" and _SWITCH_FROM_RX.match(m.group(0)) \
                    and not _switched_from_drug(clause[m.end():]):
                continue  # (review) "transitioned from the ICU to the floor on heparin"
            if status == "new" and _TO_STATE.match(m.group(0)) \
                    and not _ROUTE_GAP.fullmatch(clause[m.end():]):
                continue  # (review) "converted to normal sinus rhythm on diltiazem drip"
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
    if best and best[1] == "discontinued" and re.search(
            r"\b" + _SWITCH_FROM + r"\b[^.;\n]*?\bto\s+(?:\w+\s+){0,2}$", clause, re.I):
        return "new"  # p16fix: "switched from warfarin to apixaban": apixaban is the new one
    if best and best[1] == "refill":
        return "active"
    if best and best[1] in ("discontinued", "held", "failed") and _NOW_ON.search(
            clause, best[0]):
        return "active"  # ms2: "stopped due to cough, now on losartan": losartan goes on
    if best and best[1] == "held" and orders and best[0] == orders[-1][0]:
        return "not-given"  # a weak hold: a continued or listed mention of the drug wins
    return best[1] if best else None


#: (issue 16, medstat; narrowed after the safety review, msfix U1-U7) a status said of a drug
#: through a pronoun or "the medication": "developed angioedema on lisinopril, so it was
#: stopped", "He is on lisinopril. It was stopped due to cough.", "was recently taken off those
#: medications". Group ``pl``: a plural pronoun. A bare "this / that / these / those" followed
#: by a noun is a determiner, never a pronoun ("quit this past year", "avoids these foods"):
#: it stands alone only before a verb, a preposition or the sentence's end (:data:`_BARE_END`).
_BARE_END = (r"(?=\s*[.;,:!?)]|\s*$|\s+(?:was|were|is|are|has|have|had|on|for|because|due|"
             r"after|before|in|at|today|yesterday|and|but|as|when|since|until|with|due)\b)")
_PRONOUN = (r"(?:(?P<pl>(?:these|those|the)\s+(?:medications|medicines|drugs|meds)|them|they|"
            r"(?:these|those)" + _BARE_END + r")|(?P<sg>(?:this|that|the)\s+(?:medication|medicine|"
            r"drug)|it|(?:this|that)" + _BARE_END + r"))\b")
_ANAPHOR_CUES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b" + _PRONOUN + r"\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+"
                r"(?:(?:then|later|subsequently|eventually|therefore|also|since|now|recently|"
                r"promptly|immediately)\s+)?(?P<v>stopped|discontinued|d/c'?d|tapered\s+off|"
                r"withdrawn|held|on\s+hold)\b", re.I), "discontinued"),
    (re.compile(r"\b(?<!not\s)(?<!n't\s)(?<!to\s)(?P<v>stopped|discontinued|d/c'?d|quit|ceased|"
                r"(?:was|were)\s+(?:(?:recently|then|later|subsequently)\s+)?taken\s+off|(?:came|come|comes)\s+off(?:\s+of)?|"
                r"(?:stopped|quit)\s+(?:taking|using))\s+" + _PRONOUN, re.I),
     "discontinued"),
    (re.compile(r"\b(?<!not\s)(?<!n't\s)(?P<v>held|hold(?:ing)?|avoid(?:s|ed|ing)?|"
                r"withh[eo]ld(?:ing)?)\s+" + _PRONOUN
                # a hold parameter ("hold it if SBP < 100") is no hold (``_NOT_TO_GIVE_LIMITED``)
                , re.I), "held"),
    # (msfix U7) a restart told through a pronoun: "but she restarted it on her own", "It was
    # restarted today" (a later one beats an earlier stop: cues are applied in text order)
    (re.compile(r"\b(?<!not\s)(?<!n't\s)(?<!to\s)(?:re-?start(?:ed)?|resumed?)\s+" + _PRONOUN,
                re.I), "active"),
    (re.compile(r"\b" + _PRONOUN + r"\s+(?:was|were|has\s+been|have\s+been)\s+(?:(?:then|later|"
                r"subsequently|since|now)\s+)?(?:re-?started|resumed)\b", re.I), "active"),
    # (msfix U5) the other active forms ("tolerating it", "continue it", "was taking it") are
    # taken back: only a drug taken all the same, in the present, said in the drug's own
    # sentence ("Allopurinol gives her a rash; she takes it anyway"): see ``anaphor_drugs``
    (re.compile(r"\b(?:(?:takes|uses)\s+" + _PRONOUN + r"\s+(?:anyway|regardless)\b|"
                r"still\s+(?:takes|uses)\s+" + _PRONOUN.replace("?P<pl>", "?P<pl2>").replace(
                    "?P<sg>", "?P<sg2>") + r")", re.I), "anyway"),
]
# (speed, issue 16) each cue is scanned over the whole note: through the lower-cased text
# (``fold_re``), same matches
_ANAPHOR_CUES = [(folded(rx), status) for rx, status in _ANAPHOR_CUES]
#: (speed, issue 16) per cue of ``_ANAPHOR_CUES`` (same order), words one of which every match
#: of it holds (lower case; its verb): a cue none of whose words is in an ASCII note is not
#: scanned ("re-?start" holds "start"; "on hold" holds "hold"; "came/come(s) off" holds
#: "came" or "come")
_ANAPHOR_CUE_WORDS: list[tuple[str, ...]] = [
    ("stopped", "discontinued", "d/c", "tapered", "withdrawn", "held", "hold"),
    ("stopped", "discontinued", "d/c", "quit", "ceased", "taken", "came", "come"),
    ("held", "hold", "avoid", "withh"),
    ("start", "resume"),
    ("start", "resume"),
    ("anyway", "regardless", "still"),
]
_HELD_IF = re.compile(r"\s+(?:if|for|when|unless|while|whenever)\b", re.I)
#: (msfix U7) a restart undone or denied later in its sentence: no restart read (the
#: resumption reading was taken back once for "resumed ... and then discontinued")
_RESTART_UNDONE = re.compile(r"\b(?:discontinu\w*|stop\w*|held|hold\w*|contraindicat\w*|not|"
                             r"never|again|off)\b|n't\b", re.I)
#: (re-review F4) a pronoun stop undone later in its sentence: no stop read
_RESTARTED_AFTER = re.compile(r"\b(?:re-?start\w*|resum\w*|back\s+on)\b", re.I)
#: (re-review F5) a pronoun stop read from the sentence before, dated in the past ("He takes
#: metoprolol. It was held last year for bradycardia."): the current drug stays
_PAST_DATED = re.compile(r"\b(?:last\s+(?:year|month|week|admission|visit|time)|ago|in\s+(?:19|20)\d\d|"
                         r"previously|in\s+the\s+past|at\s+(?:one|some)\s+point|years?\s+before)\b",
                         re.I)
#: (msfix U4) a cue told on a condition or as an option: "If it is stopped, his sugars go up"
_GUARD = re.compile(r"\b(?:if|unless|should|when|whenever|whether|once|until|may|might|could|"
                    r"would|consider\w*|in\s+case)\b", re.I)
#: (msfix U5) a negation in the sentence of "takes it anyway" ("no longer", "hasn't been")
_NEGATED = re.compile(r"\b(?:no\s+longer|not|never|n't|refus\w+|stopped|quit)\b|n't\b", re.I)


def anaphoric_cues(text: str) -> list[tuple[int, int, str, bool]]:
    """Statuses said of a drug through a pronoun: (cue start, pronoun position, status, plural).

    Only for a verb the pronoun is the subject or the object of (:data:`_ANAPHOR_CUES`); a
    hold on a condition ("hold it if SBP < 100": hold parameters) is none, nor a cue after
    "if / unless / should / when / may / consider" in its sentence. Which drug the pronoun
    stands for is the caller's (:func:`anaphor_drugs`)."""
    out = []
    # (speed) the cue words are read in lower-cased ASCII text only (Unicode case folding
    # can match a pattern's letter with a character whose lower case is another one)
    low = text.lower() if text.isascii() else None
    for (rx, status), words in zip(_ANAPHOR_CUES, _ANAPHOR_CUE_WORDS, strict=True):
        if low is not None and not any(w in low for w in words):
            continue  # no match of the cue can be in the note
        for m in rx.finditer(text):
            if status == "held" and (_HELD_IF.match(text, m.end())
                                     or _NOT_TO_GIVE_LIMITED.match(text, m.end())):
                continue
            if _GUARD.search(text, _sentence_bounds(text, m.start()), m.start()) \
                    or _GUARD.match(text, m.end()) or re.match(r"\s+(?:if|unless|when)\b",
                                                               text[m.end():]):
                continue
            if status == "active" and _RESTART_UNDONE.search(_sentence_tail(text, m.end())):
                continue  # "It was restarted but then discontinued because of bleeding"
            if status in ("discontinued", "held") and _RESTARTED_AFTER.search(
                    _sentence_tail(text, m.end())):
                continue  # (re-review F4) "He stopped it on his own but resumed it"
            gd = m.groupdict()
            sg = gd.get("sg") or gd.get("sg2")
            pos = m.start("sg") if gd.get("sg") else m.start("sg2") if gd.get("sg2") else \
                m.start("pl") if gd.get("pl") else m.start("pl2")
            # "it was held for the procedure": a hold, not a stop
            said = "held" if re.match(r"held|on\s+hold", gd.get("v") or "", re.I) else status
            out.append((m.start(), pos, said, sg is None))
    return sorted(out)


def _sentence_bounds(text: str, pos: int, semicolon: bool = True) -> int:
    """Where the sentence holding ``pos`` starts (after ". ", "! ", "? ", "; " or a line
    break: "Coumadin was held, then resumed; it was stopped after a GI bleed")."""
    cut = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind("? ", 0, pos),
              text.rfind("! ", 0, pos), text.rfind("; ", 0, pos) if semicolon else -1)
    return cut + 1 if cut >= 0 else 0


#: (msfix U1-U3) what may stand between a drug and the pronoun's cue for the drug to be the
#: nearest noun phrase before it: its dose and schedule, punctuation, joining words, subject
#: pronouns, auxiliaries and time adverbs. Any other word (a noun: "PICC line", "physical
#: therapy", "cocaine", "diarrhea", "a while") ends the binding.
_LINK_WORD = (r"(?:so|and|but|then|later|subsequently|eventually|therefore|thus|also|since|now|"
              r"recently|we|he|she|they|i|you|the\s+patient|patient|was|were|has|have|had|is|are|"
              r"will|been|which)")
_SIG_WORD = (r"(?:[\d.,/%-]+|mg|mcg|g|ml|units?|tablets?|tabs?|caps?|daily|once|twice|a\s+day|"
             r"b\.?i\.?d\.?|t\.?i\.?d\.?|q\.?i\.?d\.?|q\.?d\.?|q\.?h\.?s\.?|p\.?r\.?n\.?|p\.?o\.?|"
             r"iv|orally|at\s+bedtime|nightly|weekly)")
_LINK_ONLY = re.compile(r"(?:[\s,()]|\b" + _LINK_WORD + r"\b|" + _SIG_WORD + r"(?![\w]))*", re.I)
_PREFIX_ONLY = re.compile(r"(?:[\s,]|\b" + _LINK_WORD + r"\b)*", re.I)
_COORD_ONLY = re.compile(r"(?:[\s,]|\b(?:and|or)\b|" + _SIG_WORD + r"(?![\w]))*", re.I)


def anaphor_drugs(text: str, cue: int, pos: int, plural: bool, status: str,
                  spans: list[tuple[int, int, str]]) -> list[int]:
    """Indices into ``spans`` ((start, end, name) of each drug mention, in order) of the mentions
    a pronoun at ``pos`` (its cue starting at ``cue``) stands for.

    Narrowed after the safety review (msfix): in its own sentence, only the drug that is the
    nearest noun phrase before the cue (nothing but :data:`_LINK_ONLY` words between; a plural
    pronoun takes the drugs coordinated with it); the sentence before only when the pronoun's
    own sentence has nothing but subject pronouns and joining words before the cue ("It was
    stopped due to cough.", "We stopped it.", "They were held this morning for SBP 90."). A
    singular pronoun with two drug names there is ambiguous and stands for none. "takes it
    anyway" binds only in its own sentence, with no negation there."""
    s0 = _sentence_bounds(text, pos)
    here = [i for i, (st, _e, _n) in enumerate(spans) if s0 <= st < cue]
    if status == "anyway":
        # its whole sentence ("Allopurinol gives her a rash; she takes it anyway")
        s0 = _sentence_bounds(text, pos, semicolon=False)
        here = [i for i, (st, _e, _n) in enumerate(spans) if s0 <= st < cue]
        if _NEGATED.search(text, s0, pos) or _NEGATED.search(_sentence_tail(text, pos)):
            return []
        names = {spans[i][2] for i in here}
        if len(names) != 1:
            return []
        return [max(here)]
    if here and status == "active" and not plural and len({spans[i][2] for i in here}) == 1:
        # a restart binds to the one drug of its sentence whatever stands between (the safe
        # way: "had angioedema on lisinopril in 2015 and it was stopped, but it was restarted")
        return [max(here)]
    if here:
        last = max(here)
        if not _LINK_ONLY.fullmatch(text, spans[last][1], cue):
            return []
        coord = last - 1 >= 0 and spans[last - 1][0] >= s0 and _COORD_ONLY.fullmatch(
            text, spans[last - 1][1], spans[last][0]) and spans[last - 1][2] != spans[last][2]
        if not plural:
            # "on metoprolol and lisinopril, and it was stopped": ambiguous, none
            return [] if coord else [last]
        out = [last]
        j = last
        while j - 1 >= 0 and spans[j - 1][0] >= s0 and _COORD_ONLY.fullmatch(
                text, spans[j - 1][1], spans[j][0]):
            j -= 1
            out.append(j)
        return sorted(out)
    if s0 == 0 or not _PREFIX_ONLY.fullmatch(text, s0, cue):
        return []
    # (re-review F1-F3, lead) a restart is read only in the drug's own sentence: from the
    # sentence before it read "It was restarted? No, not yet.", "We will restart it tomorrow"
    # and restarts undone in a later sentence as done (warfarin, heparin shown active)
    if status == "active" or _PAST_DATED.search(_sentence_tail(text, cue)):
        return []
    s1 = _sentence_bounds(text, max(0, s0 - 2))
    # a dose's abbreviations are no sentence ("Metformin 500 mg p.o. b.i.d. It was held")
    while s1 > 0 and _COORD_ONLY.fullmatch(text, s1, s0) and not any(
            s1 <= st < s0 for st, _e, _n in spans):
        s1 = _sentence_bounds(text, max(0, s1 - 2))
    prev = [i for i, (st, _e, _n) in enumerate(spans) if s1 <= st < s0]
    if not prev:
        return []
    names = {spans[i][2] for i in prev}
    if not plural and len(names) != 1:
        return []
    latest = {spans[i][2]: i for i in prev}
    return sorted(latest.values())


def _sentence_tail(text: str, pos: int) -> str:
    stop = re.search(r"[.;!?\n]", text[pos:pos + 200])
    return text[pos:pos + (stop.start() if stop else 200)]
