"""The words the allergy readers share (split out of ``allergies``; code moved unchanged).

Read by the list reader, the NKA wording, the prose statements and the class readers alike,
so each of them imports one vocabulary and none another reader for a word list (no import
cycle): the patient as the subject (``_SUBJECT``), an allergy word and its preposition
("allergic to", "intolerances to": ``_ALLERGY_TO``, ``_ALLERGY_VERB``), reaction words and
terms (``_REACTION_WORDS``; ``_REACTION_TERM``, the presentations of drug allergy in NICE
CG183), where a clause or sentence ends (``_CLAUSE_END``, ``_sentence_ends``), a denial or
an unreal mood before a trigger (``_DENIED``, ``_UNREAL``), a contrast and a drug taken all
the same (``_CONTRAST``, ``_TAKEN_ANYWAY``), a relative as the subject (``_someone_else``:
the schema has no family allergies), and an allergy only tested for or ruled out
(``_TESTED_RUN``, ``test_confirmed``: issue 16 (f)).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Reaction words and verbs that mark an allergen's clause whatever dose it names (shared by
#: ``_CLAUSE_END``'s dosed-drug stop and ``_ALLERGEN_MARK``, which adds a few more).
_REACTION_WORDS = (r"caus\w*|gave|gives?|produc\w*|results?\s+in|resulted\s+in|reactions?|"
                   r"rash\w*|hives|urticaria|itch\w*|prurit\w*|swelling|angioedema|anaphyla\w*|"
                   r"intoleran\w*|allerg\w*|nausea|vomiting|wheez\w*|bronchospasm|hit")

#: The patient as the subject of an allergy statement ("She", "The patient", "Pt").
_SUBJECT = r"(?:(?:she|he|the\s+patient|patient|pt)\s+)"

#: An allergy word and its preposition: "allergic to", "intolerances to", "sensitivity to".
#: (allergy5) an adverb may stand before "to": "HE IS ALLERGIC ONLY TO TETANUS SERUM".
_ONLY = r"(?:\s+(?:only|also|mainly|mostly|primarily|solely|just))?"
_ALLERGY_TO = (r"(?:(?:allergic|sensitive|intolerant|allerg(?:y|ies)|intolerances?|"
               r"sensitivit(?:y|ies))(?:\s+or\s+(?:allergic|sensitive|intolerant))?"
               rf"{_ONLY}\s+(?:to|of)\s+"
               # "She is also allergic seafood" (the "to" left out), not "allergic rhinitis"
               r"|allergic\s+(?!(?:rhinitis|reactions?|conjunctivitis|asthma|dermatitis|"
               r"disorders?|diseases?|history)\b)(?=[A-Za-z]))")
#: Words before it: "She is", "Patient admits", "HE DOES HAVE MEDICATION", "has skin".
_ALLERGY_VERB = (r"(?:(?:is|was|has\s+been|has|have|had|does\s+have|admits(?:\s+to)?|reports|"
                 r"states|endorses)\s+)?(?:(?:an?|also|known|medication|drug|skin|some|"
                 # (allergy8) "He has known history of allergy to clonidine", "severe allergy"
                 r"history\s+of|severe|serious|significant|"
                 # issue 16 (f): a hedge ("Possible allergy to sulfa"): a questioned allergy is
                 # one (as "possible penicillin allergy" is), its allergen the drug, not "to sulfa"
                 r"possible|possibly|questionable|suspected|probable|reported)\s+)*")


#: (review a8) What ends a causative reaction: a contrast ("..., but she tolerated X").
_CONTRAST = re.compile(r",?\s+\b(?:but|however|although|though|yet)\b", re.IGNORECASE)
#: (review a8) After that contrast, the drug is taken: no allergy read from the verb. (review
#: a8b) its own name: a later ``_TAKEN_AFTER`` (a dose after a name) had shadowed it.
_TAKEN_ANYWAY = re.compile(r"\b(?:takes?|taking|continues?|continuing|uses?|using|still|"
                          r"remains?\s+on|is\s+on)\b", re.IGNORECASE)

#: (issue 16 metamorphic test) "(?<!\s)": the " in" run starts at the first space, so
#: "aspirin  resulting  in GI upset" (double spaces) keeps its reaction like the single-spaced
_CLAUSE_END = re.compile(
    # (a11fix2) "?" and "!" end a sentence too: "[patient] i'm allergic to bactrim? it gave
    # me a rash." (the spoken copula before a "?" is read since the re-review)
    r"[.;:\n?!]|\b(?:but|because|although|though|so|who|that|when|if|since|while|after|before|"
    r"until|for|on|as|which(?!\s+caus))\b|(?<!result)(?<!resulting)(?<!resulted)(?<!\s)\s+in\b|\band\s+(?:was|is|were|will|did|does|she|he|the|"
    # (allergy11) not "and it" + a causative verb + its object: "I'm allergic to sulfa and it
    # gives me hives" goes on with the allergen's reaction (``_PRONOUN_REACTION``)
    # (a11fix) only "it ... me / her / him / them": "and they gave her cephalexin without a
    # problem" is another clause (a drug given), and so is "and I take Zyrtec for it"
    r"her|his|they|i|we|you|it(?!\s+(?:gives|gave|causes|caused|makes|made)\s+(?:me|her|him|"
    r"them)\b)|then|has|have|had)\b"
    # issue 16 (e): "allergic to penicillin and takes Tylenol No. 3": a verb of taking after
    # "and" opens the patient's next predicate, the drug after it a medication taken
    # (allergyrx) a new clause after a comma, the patient its subject again: "She is allergic
    # to penicillin, she takes lisinopril daily" (no allergen is a subject pronoun).
    # (allergyfix, safety review F2) only with a verb of TAKING after the subject: a reporting
    # verb ("penicillin, she thinks, and codeine", "patient states", "I believe", "they told
    # me", "she believes sulfa as well") is a parenthetical inside the allergen list
    # (re-review, 2026-12-06) any other verb still opens the clause ("she has been taking
    # lisinopril", "he continues metformin", "she is prescribed atorvastatin", "she tolerates
    # cephalexin": the drug is taken, not an allergen); only a reporting or hedging verb,
    # possibly after an adverb, stays inside the list
    r"|[,;]\s*(?:(?:and|but|so)\s+)?(?:she|he|they|we|i|the\s+patient|patient|pt)\s+"
    r"(?!(?:[a-z]+\s+)?(?:thinks?|believes?|states?|stated|says|said|say|reports?|reported|"
    r"recalls?|recalled|notes?|noted|mentions?|mentioned|told|tells?|remembers?|feels?|knows?|"
    r"guess(?:es)?|reckons?|suspects?|is\s+(?:also\s+)?allergic|are\s+(?:also\s+)?allergic|"
    r"am\s+(?:also\s+)?allergic)\b)(?=[a-z]+\b)"
    r"|\band\s+(?:(?:also|still|now|currently|only|regularly|daily)\s+)?(?:takes|taking|uses|"
    r"using|receives|receiving|requires|continues|started|starts)\b"
    # (ext13a) the same predicate after a comma with no subject written: "allergic to
    # aspirin, takes Tylenol instead" (Tylenol was read inside the allergy statement, an
    # allergen neither list kept, so lost); only verbs of taking, never an allergen's word
    r"|,\s*(?:(?:and|but|so|then)\s+)?(?:(?:instead|now|still|only|currently|also|just|"
    r"usually|therefore)\s+)*(?:takes|uses|is\s+(?:(?:also|currently|still|now|only)\s+)?"
    r"(?:taking|using|on))\b"  # (extfix13a) not "tolerates" / "prefers": tolerated is not taken
    # ... not when the drug goes on with a reaction or "has/had" ("allergic to penicillin,
    # takes amoxicillin and gets hives": amoxicillin stays in the statement, as
    # ``allergy_taken._not_taken`` reads an allergy list's item)
    r"(?!\s+[A-Za-z][\w-]*(?:[ \t]+[A-Za-z][\w-]*)?[ \t]*,?[ \t]*(?:and[ \t]+)?"
    r"(?:(?:which|that|it|this|she|he|they|then|always|also)[ \t]+)*"
    r"(?:gets?|got|causes?|caused|makes?|made|gives?|gave|develops?|developed|breaks?[ \t]+out|"
    r"broke[ \t]+out|results?[ \t]+in|reacts?|reacted|itches|swells|vomits|has|have|had|with)\b)"
    # (allergy5) "allergic to penicillin and aspirin 81 mg daily": a drug with its dose and
    # how it is taken after "and" is one the patient takes; the list ends there. (fix2) Only
    # then: an allergen may be written with its dose ("and codeine 30 mg tablets caused
    # hives"), so a reaction word or bracket later in the clause keeps it on the list
    r"|,?\s+and\s+(?=[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?\s+\d+(?:\.\d+)?\s*"
    r"(?:mg|mcg|g|grams?|ml|units?)(?![A-Za-z])(?:\s+(?:tablets?|tabs?|capsules?))?"
    r"\s*(?:by\s+mouth\s+|p\.?o\.?\s+|orally\s+)?(?:daily|nightly|once|twice|"
    r"b\.?i\.?d|t\.?i\.?d|q\.?i\.?d|q\.?d|q\.?h\.?s|q\.?\s*\d+\s*h|every|as\s+needed|"
    r"p\.?r\.?n|a\s+day|per\s+day|at\s+bedtime|by\s+mouth|p\.?o)(?![A-Za-z])"
    rf"(?![^.;\n]{{0,120}}?(?:\b(?:{_REACTION_WORDS})\b|\()))",
    re.IGNORECASE)

_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z])")
#: (allergy10) the same in a lower-cased line ("amoxicillin causes throat swelling.  avelox
#: causes iv site swelling."): a full stop and a lower-case word, not after a dotted
#: abbreviation ("p.o. daily", "i.v. site") or a title ("dr. smith", "no. 3")
_LOWER_SENTENCE_END = re.compile(r"(?<!\.[a-z])(?<!\bdr)(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bvs)"
                                 r"(?<!\bno)(?<!\bst)(?<!\bapprox)(?<![\d])\.\s+(?=[a-z])")


def _sentence_ends(body: str, pos: int) -> Iterator[re.Match[str]]:
    """(allergy10) ``_SENTENCE_END`` in ``body`` from ``pos``; in a line with no capital
    letter, ``_LOWER_SENTENCE_END``."""
    return (_LOWER_SENTENCE_END if body == body.lower() else _SENTENCE_END).finditer(body, pos)
#: The number of a numbered list's line ("1.  ", "2)").
_LIST_NUMBER = re.compile(r"[ \t]*\d{1,2}[.)][ \t]*(?=[A-Za-z])")
#: A sentence that denies what it names ("NO SHRIMP, SEAFOOD, OR DYE ALLERGY.").
#: (allergy3) also with the patient as its subject ("The patient denies rhinitis, asthma,
#: latex allergies or sensitivity.")
_DENIAL_START = re.compile(rf"^\W*{_SUBJECT}?(?:no|denies|denied|not|negative)\b",
                           re.IGNORECASE)
#: A negation just before a prose trigger: the statement denies the allergy.
#: The denial must govern the trigger: "and"/"but" or a comma between them starts a new
#: statement ("She takes no medications and is allergic to penicillin").
_DENIED = re.compile(r"\b(?:no|not|denies|denied|without|negative\s+for)\b"
                     r"(?:(?!\b(?:and|but)\b)[^.;,\n])*$", re.I)
#: Before "developed intolerance to X": the intolerance did not happen, or may happen later.
_UNREAL = re.compile(r"\b(?:never|avoid\w*|prevent\w*|risk\s+of|may|might|could|would|if|unless|"
                     r"whether)\b(?:(?!\b(?:and|but)\b)[^.;,\n])*$", re.I)
_STOP_SUBSTANCES = {"none", "no", "unknown", "nkda", "nka", "see above", "n/a", "medications",
                    "medicines", "drugs", "any medications", "any drugs", "medication",
                    # (review a8b) "Pending; penicillin per old chart": no substance
                    "pending", "tbd",
                    # a status word alone names no substance: "Penicillin allergy, confirmed -
                    # she has not taken it since" (the allergy of the item before it)
                    "confirmed", "unconfirmed", "verified", "unverified", "documented",
                    "reported", "suspected", "questionable", "possible", "probable"}

#: Allergic and intolerance reactions written as a list item of their own: the presentations
#: of drug allergy in NICE CG183 (anaphylaxis, angioedema, urticaria, pruritus, rashes,
#: bronchospasm, Stevens-Johnson syndrome) and common intolerance symptoms (nausea, GI upset).
_REACTION_TERM = re.compile(
    r"(?:(?:severe|mild|moderate|bad|generali[sz]ed|skin|facial|throat|lip|tongue)\s+)*"
    r"(?:rash(?:es)?|hives|urticaria|itch(?:ing|iness)?|pruritus|swelling|angioedema|"
    r"anaphyla(?:xis|ctic\s+(?:reaction|shock))|nausea|vomiting|diarrhea|gi\s+upset|"
    r"(?:upset|stomach)\s+(?:stomach|upset)|(?:difficulty|trouble)\s+breathing|"
    r"shortness\s+of\s+breath|wheezing|bronchospasm|dyspnea|hypotension|palpitations|"
    r"dizziness|disorientation|hallucinations|blisters|redness|flushing|nasal\s+stuffiness|"
    # (allergy6) a drug's intolerance told as a sign ("gets tachycardic with Sudafed")
    r"tachycardi(?:a|c)|"
    r"stevens-johnson\s+syndrome)", re.IGNORECASE)
#: (review a8) What a causative verb's object must open on to be a reaction ("makes her itch",
#: "gave him nausea", "makes her break out in hives", "does fatigue"): a reaction term or a
#: common intolerance word. "does help her headaches", "makes her feel better", "does
#: nothing for her" are none (the item keeps its base reading).
_CAUSED_REACTION = re.compile(
    r"(?:(?:a|an|the|feel|get|become|be|very|so|really|extremely)\s+)*"
    r"(?:break\s+out|throw\s+up|(?:short|out)\s+of\s+breath|nause\w*|itch\w*|sick|"
    r"jitter\w*|fatigue\w*|vomit\w*|dizzy|swell\w*|hallucinat\w*|confused|agitated|"
    r"wheez\w*|hyper|shaky|loopy|crazy|"
    rf"{_REACTION_TERM.pattern})\b", re.IGNORECASE)
_NOT_A_REACTION = re.compile(r"\b(?:help\w*|better|well|ok|okay|nothing|fine|good|great)\b",
                             re.IGNORECASE)
#: (allergy6) The patient as the one who gets a reaction with a drug, the list's lead: "(NKDA
#: except that) she gets nausea with codeine" -> "nausea with codeine" (``_REACTION_FIRST``).
#: Only before a reaction term: "she gets headaches with codeine" is no list of allergens.
_GETS_LEAD = re.compile(
    rf"^[\s,]*{_SUBJECT}(?:(?:does|do|did|can|will|may)\s+)?(?:gets?|got|has|had|develops?|"
    r"developed|experiences?|experienced|becomes?|became)\s+"
    rf"(?:(?:a|an|some)\s+)?(?=(?:{_REACTION_TERM.pattern})\s+(?:with|from|to|after)\s)",
    re.IGNORECASE)


_RUN_ITEM = r"[A-Za-z][\w-]*(?:[ \t]+[A-Za-z][\w-]*)?"
#: The words of a test or a rule-out ("rule out", "r/o", "tested for", "evaluate for",
#: "work-up for", "screen for", "to exclude"): an allergy named after them is looked for, not
#: confirmed (issue 16 (f): "Rule out sulfa allergy" is no allergy; a hedge of an allergy the
#: patient reports, "possible penicillin allergy", still is one)
_TEST_WORDS = (r"(?:rule[ \t]+out|r/o|tested[ \t]+for|testing[ \t]+for|test[ \t]+for|"
               r"evaluat\w+[ \t]+for|work-?up[ \t]+for|screen\w*[ \t]+for|(?:to[ \t]+)?exclude)")
#: (review of issue 16) ... with its result said in the sentence after the allergy named:
#: found ("Tested for penicillin allergy - positive", "r/o latex allergy, confirmed",
#: "Screened for shellfish allergy, which she has"), so an allergy (not when negated:
#: "not confirmed", "negative")
_CONFIRMED = re.compile(
    r"[\s,;:\-\u2013]*(?:(?:was|is|were|are|came\s+back|returned|and)\s+)*"
    r"(?:(?<!not\s)(?<!\bun)(?:positive|confirmed)\b|"
    r"(?:she|he|they|the\s+patient|patient|pt)?\s*(?:was|is|were)\s+found\s+to\s+be\s+allergic|"
    r"found\s+to\s+be\s+allergic|"
    r"(?:which|that)\s+(?:she|he|they|the\s+patient|patient)\s+(?:has|have|does|did))",
    re.IGNORECASE)


def test_confirmed(text: str, pos: int) -> bool:
    """Whether the sentence after an allergy named as tested for (from ``pos``) says the test
    found it ("... allergy - positive", "..., confirmed", "..., which she has")."""
    stop = re.search(r"[.;\n]", text[pos:pos + 120])
    rest = text[pos:pos + (stop.start() if stop else 120)]
    return _result_found(rest)


def _result_found(rest: str) -> bool:
    """Whether the words ``rest`` after an allergy tested for say the test found it."""
    hit = _CONFIRMED.search(rest)
    if hit is None:
        return False
    # (re-review of issue 16) a negation or a pending result anywhere in the result's clause
    # ("which she does not have", "confirmed negative", "positive result pending"), up to
    # the next comma or "but" after it
    # (review) ... or a dash or a new subject ("confirmed - she has not taken it since")
    end = re.search(r"[,\-\u2013]|\bbut\b|\b(?:she|he|they|patient)\b", rest[hit.end():])
    clause = rest[:hit.end() + (end.start() if end else len(rest))]
    return _NOT_FOUND.search(clause) is None


#: what makes a test's result no allergy: a negation, a negative or pending result
_NOT_FOUND = re.compile(r"\b(?:not|no|negative|never|pending|awaited|unconfirmed|"
                        r"ruled\s+out)\b|n't\b", re.IGNORECASE)
#: an allergy-list item that is only a test's result ("confirmed negative", "positive result
#: pending", "negative"): no allergen
_RESULT_ITEM = re.compile(
    r"(?:(?:was|is|were|came\s+back|returned|test|tests|result|results|confirmed|positive|"
    r"negative|pending|awaited|not|still)\s*)+", re.IGNORECASE)


#: ... opening an allergy-list item ("ALLERGIES: Rule out sulfa allergy.")
_TESTED_ITEM = re.compile(rf"{_TEST_WORDS}\b", re.IGNORECASE)
#: ... right before the allergen a named allergy starts with
_TESTED_BEFORE = re.compile(rf"\b{_TEST_WORDS}[ \t]+(?:an?[ \t]+|possible[ \t]+)?$", re.IGNORECASE)
#: (review a8b) A coordinated allergen run that a test or a rule-out names ("rule out
#: penicillin and sulfa allergy", "tested for peanut, egg or milk allergies"): words joined by
#: commas, "and", "or" only, so "rule out sepsis, started on vancomycin ... allergy" is none.
#: issue 16 (f): one allergen too ("rule out penicillin allergy": no medication either)
_TESTED_RUN = re.compile(
    rf"\b{_TEST_WORDS}[ \t]+(?:an?[ \t]+|possible[ \t]+)?"
    rf"(?P<run>{_RUN_ITEM}(?:(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
    rf"{_RUN_ITEM}){{0,5}})[ \t]+allerg(?:y|ies)\b", re.IGNORECASE)

#: The rest of the sentence after "rash with X": a question ("... the lisinopril? Unclear.")
_SENTENCE_STOP = re.compile(r"[.;!?\n]")


# The persons a sentence can be about: the last one named before "is allergic to" is its
# subject ("The patient's mother reports he is allergic to ..." is the patient's allergy).
# A relative is a subject when possessed ("her mother", "the patient's brother") or opening
# the sentence ("Mother is allergic to ..."), never in "a mother of three" (the patient).
_RELATIVE = (r"(?:mother|father|mom|dad|sisters?|brothers?|sons?|daughters?|wife|husband|"
             r"spouse|partner|siblings?|parents?|grand(?:mother|father|parents?)|aunt|uncle|"
             r"cousins?|relatives?|roommate)")
#: (review a8b) Only possessed: "Her kids/children have peanut allergies" (plural: never the
#: patient; a singular "her child" may be the patient of a parent's report).
_OFFSPRING = r"(?:kids|children|grandchildren|grandkids|step(?:sons?|daughters?)|nieces?|nephews?)"
_PERSON = re.compile(
    rf"(?P<other>\b(?:her|his|their|my|your|(?:the\s+)?(?:patient|pt)'?s)\s+(?:\w+\s+)?"
    rf"(?:{_RELATIVE}|{_OFFSPRING})\b(?!\s+of\b)|^\s*(?:the\s+)?{_RELATIVE}\b(?!\s+of\b)|"
    # (ext13a) or opening a clause after a comma, as after a sentence start ("Allergies:
    # sulfa, mom is allergic to peanuts" read the mother's allergy as the patient's)
    # (extfix13a) only as the subject of the allergy ("mom is allergic to", "mom has an
    # allergy to", "dad gets hives", "mother breaks out"): a relative who reports ("NKDA,
    # mother reports rash to amoxicillin") is never the allergic person
    rf"(?<=[,;])[ \t]*(?:the\s+)?{_RELATIVE}\b(?!\s+of\b)"
    # (the words read end at the allergy trigger: "mom is " before "allergic")
    r"(?=\s+(?:(?:also|too|herself|himself)\s+)?(?:(?:is|are|was|were|has|have|had)"
    r"\s+(?:also\s+)?(?:(?:an?|\w+)\s+){0,2}?(?:allerg\w*\b|$)|gets?\b|got\b|"
    r"breaks?\s+out\b|broke\s+out\b))|"
    # (ext14a) or named before "who" as the allergy's subject ("Lives with wife who is
    # allergic to sulfa. NKDA." read the wife's allergy as the patient's); (extfix14a) only
    # after "lives / stays / resides with" (a possessed relative is read above): a noun that
    # describes the patient ("a 28-year-old mother who is allergic to latex", "She is a
    # single mother who ...") is the patient
    rf"\b(?:lives?|living|lived|stays?|staying|stayed|resides?|residing|resided)\s+with\s+"
    rf"(?:(?:the|an?)\s+)?{_RELATIVE},?\s+who(?=\s+(?:(?:also|too)\s+)?(?:is|are|was|were|has|"
    r"have|had)\s+(?:also\s+)?(?:(?:an?|\w+)\s+){0,2}?allerg\w*\b)|"
    r"\bfamily\s+(?:history|member)s?\b)|\b(?:he|she|patient|pt|child|baby|infant|boy|girl|i)\b",
    re.IGNORECASE)
_SENTENCE_START = re.compile(r"[.;\n]\s*(?=[^.;\n]*$)")


#: (a11fix2) A speaker tag of a transcript naming a relative: at a line / turn start
#: ("Mother: ", "[father] ").
_SPEAKER_TAG = re.compile(r"(?:\[(?:mother|father|mom|dad|parent|caregiver|guardian)\]|"
                          r"(?:^|(?<=[\n.?!\]]\s)|(?<=[\n.?!\]]))(?:mother|father|mom|dad|"
                          r"parent|caregiver|guardian)\s*:)"
                          # a spoken subject after it (not a family history's "Mother:
                          # allergic to penicillin")
                          r"(?=\s*(?:(?:yes|yeah|well|so|um|uh|oh)\s*,?\s*)?(?:she|he|i|we)\b)",
                          re.IGNORECASE)


#: (ext14b) A relative (or the chart) who only REPORTS the patient's reaction: "Mother notes
#: hives with amoxicillin", "Per mother, rash with Bactrim", "according to his wife", "her
#: mother says penicillin gives her hives". The reporter is no subject of the allergy (a
#: reaction told by a caregiver is the patient's: a lost allergy is the worse error); the
#: words are blanked before the persons are read. Not when the reported words make the
#: reporter the one who reacted ("Mother reports being allergic to sulfa", "mom says she
#: herself gets hives", "her own reaction", "having hives"): the relative's.
_REPORT_VERB = (r"(?:reports?|reported|notes?|noted|states?|stated|says|said|tells?(?:\s+(?:me|"
                r"us))?|told(?:\s+(?:me|us))?|describes?|described|mentions?|mentioned|recalls?|"
                r"recalled|relates?|related|endorses|endorsed|confirms?|confirmed|believes?|"
                r"thinks?|remembers?|noticed|notices|observed|saw)")
_REPORTER = re.compile(
    rf"\b(?:(?:per|according\s+to)\s+(?:(?:her|his|their|the\s+patient'?s|the|pt'?s)\s+)?"
    rf"(?:{_RELATIVE}|chart|records?|caregivers?|guardian|ems|family)\b\s*,?"
    rf"|(?:(?:her|his|their|the\s+patient'?s|patient'?s|pt'?s|the)\s+)?(?:{_RELATIVE}|caregivers?|"
    rf"guardian)\s+(?:(?:also|further|now)\s+)?{_REPORT_VERB}(?:\s+that)?\b"
    r"(?!\s+(?:being|having|(?:she|he|they)\s+(?:herself|himself|themselves|too|also)\b|"
    r"(?:she|he)\s+(?:is|was|has|had|gets|got)\s+(?:also\s+)?(?:allergic|hives|a\s+rash)\s+"
    r"(?:herself|himself)|(?:her|his|their)\s+own)))", re.IGNORECASE)


def _someone_else(text: str, start: int) -> bool:
    """Whether the sentence before an allergy trigger at ``start`` names a relative as its
    last person (the schema has no family allergies: they are not the patient's)."""
    before = text[max(0, start - 120):start]
    # (a11fix2) a transcript's speaker tag ("Mother: She's allergic to amoxicillin",
    # "[mother] ...") names who speaks, not whose allergy: blanked (same length)
    reach = text[max(0, start - 120):start + 30]  # the subject after a tag read too
    blanked = _SPEAKER_TAG.sub(lambda t: " " * len(t.group(0)), reach)
    # (ext14b) a relative who only reports ("Mother notes hives with amoxicillin", "Per
    # mother, ..."): no person (same length)
    blanked = _REPORTER.sub(lambda t: " " * len(t.group(0)), blanked)
    before = blanked[:len(before)]
    cut = _SENTENCE_START.search(before)
    # (extfix13a) the persons before the trigger, read with the words after it in sight (a
    # relative after a comma is a person only as the allergy's subject: "mom is" + "allergic")
    lo = cut.end() if cut else 0
    # (ext14a) read from the sentence's start as the string's, so that its "^" (a relative
    # opening the sentence) holds after a sentence end too ("NKDA. Mother is allergic to
    # codeine." read the mother's allergy as the patient's: "^" never matches at ``pos``)
    persons = [p for p in _PERSON.finditer(blanked[lo:]) if lo + p.start() < len(before)]
    return bool(persons) and persons[-1].group("other") is not None
