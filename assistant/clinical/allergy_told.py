"""A drug reaction told in prose or dialogue (issue 16, h-allergy): "penicillin gives her a
rash", "Percocet was causing nausea", "Dyazide, Zithromax, and amoxicillin cause him to feel
warm and itchy", "she broke out from amoxicillin", "he developed an amoxicillin-induced rash",
"experienced side effects from lisinopril, such as headaches", "i don't really take it because
it gives me a stomachache". The drug is an allergy / intolerance with the reaction, never a
medication the patient takes.

What counts (FHIR R4 AllergyIntolerance, hl7.org/fhir/R4/allergyintolerance.html: "a propensity,
or potential risk to an individual, to have an adverse reaction on future exposure to the
specified substance", type ``allergy | intolerance``; its boundaries send an adverse effect that
is no such propensity to AdverseEvent): a reaction the patient had and that the note tells as
the drug's doing (a causative verb in the past or present simple, the drug its subject; a
skin eruption "from" the drug; an "X-induced R" event; side effects "from X"). What does not:

* the drug continued through it ("metformin gives him some diarrhoea but he continues it",
  "... and she is still taking it", "tolerating it"): an expected adverse effect the patient
  accepts, no propensity recorded against future exposure (FHIR: an AdverseEvent, not an
  AllergyIntolerance); the drug stays a medication;
* counselling or a risk ("may cause a rash", "can give you an upset stomach", "watch for
  rash", "if it gives her hives"): a modal or a hypothetical before the verb;
* a denial or a question ("denies that penicillin gives her hives", "never caused a rash",
  "any side effects from the metformin?");
* a relative's reaction ("her brother gets hives from penicillin"); (ext14b) a relative who
  only reports the patient's ("her mother says penicillin gives her hives", "Per mother,
  ...") is no subject of it: the patient's (``_relative_before``);
* a rash the drug treats or improves ("Benadryl makes her itching better").

(toldfix, lead decisions after the safety review of h-allergy) Such a told reaction is
recorded (``_verdict``) only inside an ALLERGIES / ADVERSE REACTIONS section, for a
hypersensitivity-type reaction (``_HYPER``: FHIR type "allergy", WAO nomenclature) or with an
avoidance cue bound to the drug ("I don't take it because it gives me a stomachache":
``_AVOID_IT``; a sentence-wide cue was taken back after a re-review, its object was often a
dose time or another thing: "so she was switched to the morning dose"); never with a continuation cue in its sentence or the next ("dose
reduced", "now on 75 mcg", "takes it at night", "refilled", "continue", "but it controls her
pain", "resolved", "now tolerating it"), except that a hypersensitivity reaction stays an
allergy and its drug stays active (both visible); never for a substance of abuse, after a
counselling lead-in ("Side effects reviewed."), nor as a non-hypersensitivity intolerance
against an explicit NKDA. Only a recorded mention is no medication (``told_allergen_spans``,
read by ``allergen_spans``): a drug never vanishes from both lists.

The reaction must be a sign or symptom of a drug reaction (``_REACTION``): the HPO terms
(Human Phenotype Ontology, hpo.jax.org) urticaria HP:0001025, rash HP:0000988, pruritus
HP:0000989, angioedema HP:0100665, nausea HP:0002018, vomiting HP:0002013, diarrhea HP:0002014,
abdominal pain HP:0002027, headache HP:0002315, dizziness HP:0002321, wheezing HP:0030828,
dyspnea HP:0002094, cough HP:0012735, myalgia HP:0003326, hallucinations HP:0000738, and the
words patients use for them ("stomachache", "throw up", "break out", "itchy").
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.clinical.drug_names import find_names
from assistant.schema import Allergy

_I = re.IGNORECASE
#: a reaction term (HPO terms and their lay words, module docstring)
_REACTION = (
    r"(?:(?:severe|mild|bad|terrible|horrible|generali[sz]ed|skin|facial|itchy|red|full[- ]body)"
    r"\s+)*"
    r"(?:rash(?:es)?|hives|urticaria|welts|blisters|itch(?:ing|iness|y)?|pruritus|"
    r"swell(?:ing|s)?|swollen|angioedema|anaphyla(?:xis|ctic\s+(?:reaction|shock))|"
    r"nause(?:a|ous|ated)|vomit(?:ing|s)?|throw\s+up|sick\s+to\s+(?:her|his|my)\s+stomach|"
    r"diarrh(?:o)?ea|stomach\s*aches?|belly\s*aches?|stomach\s+(?:upset|pain|cramps)|"
    r"upset\s+stomach|gi\s+upset|abdominal\s+(?:pain|cramps)|heartburn|"
    r"headaches?|dizz(?:y|iness)|lightheaded(?:ness)?|wheez(?:e|ing)|"
    r"short(?:ness)?\s+of\s+breath|(?:difficulty|trouble)\s+breathing|bronchospasm|cough(?:ing)?|"
    r"myalgias?|muscle\s+(?:aches?|pains?|cramps)|hallucinat(?:e|ions?)|palpitations|"
    r"flushing|break\s+out|stevens-johnson\s+syndrome)")
#: words between a drug and its causative verb: a bracket ("Percocet (oxycodone)"), a strength,
#: a comma,
#: "and it / which / that", adverbs
_BETWEEN = (r"[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?"
            # a strength ("Percocet 5/325 gives her nausea", "lisinopril 10 mg gave her a cough")
            r"(?:\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)?[ \t]*(?:mg|mcg|g|ml|units?)?[ \t]+)?(?:,[ \t]*)?"
            r"(?:(?:and[ \t]+)?(?:it|which|that|this|they)[ \t]+)?"
            r"(?:(?:always|also|apparently|reportedly|usually|sometimes|previously|once|"
            r"really|just|even|still|then|initially|both|all)[ \t]+)*")
#: the causative verb: present or past simple, perfect, past progressive, a hedged past ("may
#: have caused": a questioned allergy is one); never a modal's base form ("may cause")
_CAUSE_VERB = (r"(?:(?:has|have|had)[ \t]+(?:always[ \t]+|also[ \t]+)?(?:given|caused|made)|"
               r"(?:was|were|is|are)[ \t]+(?:causing|giving|making)|"
               r"(?:may|might|could)[ \t]+have[ \t]+(?:given|caused|made)|"
               r"gives|gave|give|causes|caused|cause|makes|made|make)")
#: the patient as the verb's object ("gives her", "made me", "causes the patient to"), then
#: what opens the reaction ("to feel", "get", "break out in", an article, adjectives)
_OBJECT = (r"[ \t]+(?:(?:him|her|me|them|the[ \t]+patient|the[ \t]+pt|patient|pt)[ \t]+)?"
           r"(?:to[ \t]+)?(?:(?:feel|be|get|have|become|develop|break[ \t]+out[ \t]+(?:in|with))"
           r"[ \t]+)?(?:(?:warm|hot|flushed|weak|funny)[ \t]+and[ \t]+)?"
           r"(?:(?:a|an|some|the|really|very|so|such|real|pretty)[ \t]+){0,3}")
_CAUSED = re.compile(_BETWEEN + _CAUSE_VERB + _OBJECT + r"(?P<r>" + _REACTION + r")\b", _I)
#: the drug again after a comma or "and" ("Dyazide, Zithromax, and amoxicillin cause him"):
#: the list's words before its next drug
_LIST_JOIN = re.compile(r"[ \t]*(?:,[ \t]*(?:(?:and|or)[ \t]+)?|(?:and|or)[ \t]+|/[ \t]*)$", _I)
#: a skin eruption told from the drug ("broke out from amoxicillin", "breaks out in hives with
#: Keflex"): the words right before the drug
_BROKE_OUT = re.compile(
    r"\b(?P<v>broke|breaks|break|breaking|broken)[ \t]+out(?:[ \t]+(?:in|with)[ \t]+(?:a[ \t]+)?"
    r"(?P<r>" + _REACTION + r"))?[ \t]+(?:from|with|after|on|to|when[ \t]+(?:she|he|i)[ \t]+"
    r"(?:takes?|took))[ \t]+(?:(?:the|her|his|my|taking|any)[ \t]+)?$", _I)
#: side effects / a reaction "from" the drug the patient had ("experienced side effects from
#: lisinopril, such as headaches", "had a bad reaction to codeine with vomiting")
_SIDE_EFFECTS = re.compile(
    r"\b(?:experienced|experiences|had|has|developed|develops|suffered|reported|reports|got|"
    r"gets)[ \t]+(?:(?:a|an|some|several|multiple|bad|severe|significant|intolerable|"
    r"unpleasant|many|the)[ \t]+){0,2}(?:side[ \t-]+effects?|adverse[ \t]+(?:effects?|"
    r"reactions?)|reactions?)[ \t]+(?:from|with|to|on|of)[ \t]+(?:(?:the|her|his|my)[ \t]+)?$",
    _I)
_SUCH_AS = re.compile(r"[ \t]*(?:,[ \t]*)?(?:such[ \t]+as|including|like|namely|with|:|\(|-)"
                      r"[ \t]*(?:(?:a|an|some|the)[ \t]+)?(?P<r>" + _REACTION + r")\b", _I)
#: "X-induced R" told as an event the patient had (an event verb before it)
_INDUCED = re.compile(
    r"\b(?:had|has|developed|develops|experienced|suffered|history[ \t]+of|h/o|prior|previous)"
    r"[ \t]+(?:(?:a|an|the|some|severe|bad|mild|significant)[ \t]+){0,2}$", _I)
_INDUCED_AFTER = re.compile(r"[ \t]*-?[ \t]*induced[ \t]+(?P<r>" + _REACTION + r")\b", _I)
#: the same written as one word ("amoxicillin-induced"), which the name finder does not split
_INDUCED_WORD = re.compile(r"\b(?P<d>[A-Za-z][A-Za-z]+)-induced[ \t]+(?P<r>" + _REACTION
                           + r")\b", _I)
#: (allergy11) the reaction as the subject and the drug its cause, in the passive or after a
#: copula ("The rash was caused by amoxicillin, which was stopped", "her hives were due to
#: penicillin"): the words right before the drug. A hedge, a denial or a question before the
#: reaction is ``_NOT_TOLD``'s ("possibly", "not", "rule out"); a doubt after the drug
#: ("versus a viral exanthem") is ``_DOUBT``'s.
_PASSIVE = re.compile(
    r"\b(?P<r>" + _REACTION + r")[ \t]+(?:was|were|is|are|has[ \t]+been|have[ \t]+been|"
    r"had[ \t]+been)[ \t]+(?:caused[ \t]+by|due[ \t]+to|secondary[ \t]+to|induced[ \t]+by|"
    r"from)[ \t]+(?:(?:the|her|his|my|taking)[ \t]+)?$", _I)
#: (a11fix) right after the drug of ``_PASSIVE``: the cause is how it was given or dosed,
#: not the drug ("caused by the vancomycin infusion rate; we slowed the infusion", "caused
#: by her lisinopril being too high a dose"): an infusion reaction / dose effect, no allergy.
#: (a11fix2, re-review) a rate, speed, level, toxicity or overdose only, not a bare
#: "infusion" or "dose" ("Her anaphylaxis was caused by the vancomycin infusion", "hives
#: were caused by the penicillin dose he got yesterday" are the drug's reactions)
_PASSIVE_NOT = re.compile(r"[ \t]*(?:-[ \t]*)?(?:(?:infusion|infusions|dose|doses|dosing|"
                          r"dosage)[ \t]+)?(?:rate|rates|level|levels|toxicity|overdose|"
                          r"being[ \t]+(?:given[ \t]+)?too|"
                          r"too[ \t]+(?:fast|quickly|rapidly|high|much))\b", _I)
#: (a11fix) "avoid" negated or undone before it: "You don't need to avoid the ibuprofen",
#: "no need to avoid", "you can stop avoiding": no drug avoided
_AVOID_NEGATED = re.compile(r"(?:\b(?:not|no|never|needn'?t)\b|n'?t\b)[^.;!?\n]*$|"
                            r"\bstop(?:ped)?[ \t]+$", _I)
#: (allergy11) a drug avoided because of a reaction the patient had to it, the reaction told
#: after it ("i would avoid the dexamethasone, because i saw you have a little reaction to
#: that"): an allergy as "had a reaction to X" is one (``allergy_statements._PROSE``), the
#: avoidance bound to the drug by "it / that"
_AVOID_BEFORE = re.compile(r"\b(?:avoid|avoiding|avoids|not[ \t]+use|not[ \t]+give|skip)[ \t]+"
                           r"(?:(?:the|any|her|his|your)[ \t]+)?$", _I)
_AVOID_REACTION = re.compile(
    r"[ \t]*,?[ \t]*(?:because|since|as|'?cause)[ \t]+(?:(?:i|we)[ \t]+(?:saw|see|noticed|"
    r"read|know)[ \t]+(?:that[ \t]+)?)?(?:you|she|he|they|the[ \t]+patient)[ \t]+(?:have|has|had)"
    r"[ \t]+(?:an?[ \t]+)?(?:(?:little|bad|mild|severe|allergic|adverse|prior|previous)[ \t]+)*"
    r"reactions?[ \t]+to[ \t]+(?:it|that|this|them)\b", _I)
#: the drug then "it" in a clause of not taking it for a reaction ("chlorthalidone i do n't
#: really take it because it gives me a stomachache", "Bactrim, but stopped it since it made
#: her nauseated")
_AVOID_IT = re.compile(
    r"[^.;?!\n]{0,60}?\b(?:"
    r"(?:(?:do|does|did|can|could|wo)[ \t]*(?:n'?t|not)|cannot)[ \t]+"
    r"(?:(?:really|even|ever|always|usually)[ \t]+)?(?:take|tolerate|use)"
    r"|stopped(?:[ \t]+taking)?|quit(?:[ \t]+taking)?|discontinued|avoids?)"
    r"[ \t]+(?:it|them|that)[ \t]+(?:because|since|as|'?cause)[ \t]+(?:it|they|that)[ \t]+"
    + _CAUSE_VERB + _OBJECT + r"(?P<r>" + _REACTION + r")\b", _I)

#: (ext14b) the drug taken, then the reaction told as what followed it: "He took amoxicillin
#: and got hives", "She was given Bactrim and developed a rash", "started on amoxicillin for
#: otitis and then broke out in hives". The exposure verb before the drug (past), the
#: consequence after it joined by "and / then", the patient its subject; what the drug
#: treats or relieves ("took Benadryl and got relief", "had less itching", "had no rash")
#: has no reaction term right after the verb and does not match.
_TOOK_BEFORE = re.compile(
    r"\b(?:took|was[ \t]+given|were[ \t]+given|received|(?:was[ \t]+|were[ \t]+)?(?:started|"
    r"placed|put)[ \t]+on|tried)[ \t]+(?:(?:the|some|her|his|a[ \t]+dose[ \t]+of|a[ \t]+"
    r"course[ \t]+of)[ \t]+)?$", _I)
_THEN_GOT = re.compile(
    r"[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?(?:\d+(?:\.\d+)?[ \t]*(?:mg|mcg|g|ml)\b[ \t]*)?"
    r"(?:for[ \t]+[^,.;!?\n]{1,30}?[ \t]*)?,?[ \t]*(?:and|then)[ \t]+(?:then[ \t]+)?"
    r"(?:(?:she|he|i|they)[ \t]+)?(?:(?:promptly|immediately|subsequently|later|quickly|soon|"
    r"shortly)[ \t]+)?(?:got|developed|broke[ \t]+out[ \t]+(?:in|with)|had|experienced)[ \t]+"
    r"(?:(?:a|an|some|severe|bad|diffuse|generali[sz]ed|itchy|red|terrible)[ \t]+){0,3}"
    r"(?P<r>" + _REACTION + r")\b", _I)

# ----- guards
#: a clause starts after a sentence end or a contrast ("no medical allergies, although she
#: states ...", "NKDA; penicillin caused ...")
_CLAUSE_START = re.compile(r"(?:[.;!?\n]|\b(?:although|though|but|however|except|yet)\b)"
                           r"[^.;!?\n]*$", _I)
#: before the drug in its clause: a denial, a hypothetical, counselling, a question's lead
_NOT_TOLD = re.compile(
    r"\b(?:no|not|never|denies|denied|deny|without|negative|if|whether|unless|may|might|can|"
    r"could|would|should|will|risk|risks|warn\w*|counsel\w*|educat\w*|advis\w*|explain\w*|"
    r"discuss\w*|watch|monitor\w*|possible|possibly|avoid|in[ \t]+case|any|"
    r"concern\w*|worried|worry|ask\w*|question|rule[ \t]+out|r/o|unsure)\b|n't\b", _I)
#: a relative, anywhere in the sentence before the drug: the reaction is not the patient's
_RELATIVE = re.compile(
    r"\b(?:mother|mom|father|dad|sister|brother|sibling|son|daughter|wife|husband|family|"
    r"parents?|grand(?:mother|father|ma|pa|parents?)|aunt|uncle|cousin|niece|nephew|"
    r"child(?:ren)?|baby|spouse|partner|friend|roommate)'?s?\b", _I)
#: after the reaction, in its sentence: the drug continued through it (not "does not
#: tolerate"), the event doubted or denied, a question
_CONTINUED = re.compile(
    # "contin..." also where a medication's 40-character window cuts "continues" short
    r"\b(?:contin\w*|still[ \t]+(?:takes?|taking|uses?|using|on)|"
    r"remains?[ \t]+on|keeps?[ \t]+taking|kept[ \t]+taking|is[ \t]+(?:still[ \t]+)?taking|"
    r"(?:takes?|taking|uses?|using)[ \t]+(?:it|them)|wants?[ \t]+to[ \t]+(?:continue|keep)|"
    # "but she takes 81 mg daily" (not "so he takes Tylenol instead": ``_OTHER_DRUG``)
    r"(?:she|he|they|i|patient|pt)[ \t]+(?:still[ \t]+|now[ \t]+|also[ \t]+)?(?:takes|take|uses|"
    r"use|is[ \t]+on|remains[ \t]+on)|"
    r"resum\w+|restart\w+|tolerat\w+|ruled[ \t]+out|excluded|unlikely|versus|vs\b|"
    r"not[ \t]+(?:confirmed|suspected)|suspected|considered|another[ \t]+cause|attributed)\b|\?",
    _I)
#: the next sentence going on with the patient continuing ("; she is still taking it")
_NEXT_CONTINUED = re.compile(
    r"[ \t]*(?:(?:but|and|however|though)[ \t,]+)?(?:she|he|they|i|the[ \t]+patient|patient|pt)[ \t]+"
    r"(?:is[ \t]+|has[ \t]+|does[ \t]+)?(?:still|contin\w*|remains?|tolerat\w+|keeps?|kept)\b", _I)
#: what the patient takes instead: another drug or "instead" in the words after the verb
_OTHER_DRUG = re.compile(r"[^.;!?\n]{0,40}?\b(?:instead|rather|alternative|substitute)\b", _I)
#: a denial right before such words ("does not tolerate it", "can't take it"): no continuation
_DENIED_BEFORE = re.compile(r"\b(?:not|never|unable[ \t]+to|cannot|no[ \t]+longer)[ \t]+"
                            r"(?:\w+[ \t]+)?$|n't[ \t]+(?:\w+[ \t]+)?$", _I)
#: right after the reaction: it is treated or improved ("makes her itching better", "makes
#: the rash go away", "gives relief")
_TREATED = re.compile(
    r"[ \t]*(?:[A-Za-z]+[ \t]+){0,2}?(?:better|go(?:es)?[ \t]+away|went[ \t]+away|resolv\w*|"
    r"improv\w*|clear\w*|less|lessen\w*|disappear\w*|subsid\w*|relie\w*|calm\w*|settle\w*|"
    r"stop\w*|eas(?:e|ed|es)|tolerable|manageable|bearable|controlled|under[ \t]+control|"
    r"go(?:es)?[ \t]+down|went[ \t]+down)\b", _I)
#: after the reaction: a statement about people in general, not the patient ("causes cough
#: in 10% of patients", "in some people")
_POPULATION = re.compile(r"[ \t]*(?:[A-Za-z]+[ \t]+){0,2}?in[ \t]+(?:some|many|most|up[ \t]+to|"
                         r"about|\d+|patients|people|children|adults|the[ \t]+elderly|others)\b",
                         _I)


#: how far after a reaction its sentence is read for a continuation or a doubt
_AFTER_READ = 400


def _after_ok(text: str, end: int, hyper: bool = False) -> bool:
    """Whether nothing after a reaction ending at ``end`` takes the told event back (see
    ``_CONTINUED``, ``_TREATED``). (toldfix) For a hypersensitivity-type reaction (``hyper``)
    only a doubt, a question, a treated reaction or a population statement does: the drug
    continued through it keeps the allergy (``_told`` keeps the drug active as well)."""
    stop = _SENTENCE_END.search(text, end, end + _AFTER_READ)
    # what follows the reaction in its sentence, read up to _AFTER_READ characters: an
    # unpunctuated transcript is one "sentence", and reading all of it per reaction was
    # quadratic (rr12: 50k characters of run-on conditionals, 14 s)
    rest = text[end:stop.start() + 1 if stop else min(len(text), end + _AFTER_READ)]
    if _TREATED.match(rest) or _POPULATION.match(rest):
        return False
    if hyper:
        return not _DOUBT.search(rest)
    if stop and _NEXT_CONTINUED.match(text, stop.end()):
        return False
    # the denial is read in the 60 characters before the verb only (the pattern ends at the
    # verb: "not" + at most one word): searching the whole prefix per match was quadratic
    # per reaction, cubic on a long unpunctuated transcript (rr12: 50k characters, minutes)
    return not any(not _DENIED_BEFORE.search(rest, max(0, c.start() - 60), c.start())
                   and not _other_drug(rest, c) for c in _CONTINUED.finditer(rest))


def _other_drug(rest: str, c: re.Match[str]) -> bool:
    """Whether a verb of taking in ``rest`` has another drug as its object ("so he takes
    Tylenol instead"): no continuation of the drug told with the reaction."""
    if not re.match(r"(?:she|he|they|i|patient|pt)\b", c.group(0), _I):
        return False
    after = rest[c.end():c.end() + 40]
    return bool(_OTHER_DRUG.match(after) or find_names(after))


_SENTENCE_END = re.compile(r"[.;!?\n]")
#: (toldfix) the doubt part of ``_CONTINUED``: the event doubted, denied or asked about
_DOUBT = re.compile(r"\b(?:ruled[ \t]+out|excluded|unlikely|versus|vs\b|not[ \t]+(?:confirmed|"
                    r"suspected)|suspected|considered|another[ \t]+cause|attributed)\b|\?", _I)


def _clause_before(text: str, start: int) -> str:
    """The words of the drug's clause before it (from a sentence end or a contrast word)."""
    window = text[max(0, start - 160):start]
    m = _CLAUSE_START.search(window)
    return window[m.end():] if m else window


def _sentence_before(text: str, start: int) -> str:
    window = text[max(0, start - 200):start]
    cut = max(window.rfind(c) for c in ".;!?\n")
    return window[cut + 1:]


def _patient_told(text: str, start: int, end: int, hyper: bool = False) -> bool:
    """Whether the reaction told of the drug at ``start`` (the statement ending at ``end``)
    is the patient's and told as a fact: no denial, hypothetical, counselling or question in
    the clause before the drug, no relative in the sentence before it, nothing after the
    reaction saying the drug is continued or the reaction treated, doubted or asked about."""
    if _NOT_TOLD.search(_clause_before(text, start)):
        return False
    if _relative_before(text, start):
        return False
    return _after_ok(text, end, hyper)

#: (extfix14a) the reaction said not to be the drug's, in the rest of its sentence ("He took
#: ibuprofen and had some rash that was unrelated", "... thought to be viral", "attributed to
#: his viral illness", "felt to be coincidental")
_NOT_ATTRIBUTED = re.compile(
    r"[^.;!?\n]{0,80}?\b(?:unrelated|not[ \t]+(?:felt[ \t]+to[ \t]+be[ \t]+|thought[ \t]+to[ \t]+"
    r"be[ \t]+|believed[ \t]+to[ \t]+be[ \t]+)?(?:related|due|caused|attributed|from)|"
    r"attributed[ \t]+to|attributable[ \t]+to|coincidental|viral|due[ \t]+to[ \t]+(?:a[ \t]+|"
    r"an[ \t]+|the[ \t]+|his[ \t]+|her[ \t]+)?(?:virus|viral|infection|illness|heat|"
    r"contact|eczema))\b", _I)


#: rerev14e: the same drug taken on without trouble after the reaction ("...; he takes
#: ibuprofen regularly without issue", "he continues naproxen"): no allergy to it
_TOLERATED_BEFORE = re.compile(
    r"\b(?:continues?|continued|continuing|tolerates?|tolerated|still[ \t]+(?:on|takes?)|"
    r"takes?|taking|resumed|restarted)[ \t]+(?:to[ \t]+take[ \t]+)?$", _I)
#: rerev14e: a denied viral cause blames the drug ("hives, not viral", "not related to viral
#: illness")
_NOT_VIRAL = re.compile(r"\bnot[ \t]+(?:\w+[ \t]+){0,3}?viral\b", _I)


def _not_the_drugs(text: str, at: int, drug: str) -> bool:
    """Whether the words after a "took X and got <reaction>" at ``at`` take the reaction away
    from the drug ``drug``: said unrelated / viral / attributed elsewhere in its sentence
    (extfix14a; not "attributed to the amoxicillin" itself, not "not viral"), or the same drug
    taken on without trouble within the next 200 characters (rerev14e)."""
    m = _NOT_ATTRIBUTED.match(text, at)
    if m:
        said = text[at:m.end() + 40]
        blamed_on_it = re.search(r"attributed[ \t]+to[ \t]+(?:the[ \t]+)?" + re.escape(drug),
                                 said, _I)
        if not blamed_on_it and not _NOT_VIRAL.search(said):
            return True
    window = text[at:at + 200]
    for later in re.finditer(r"\b" + re.escape(drug) + r"\b", window, _I):
        if _TOLERATED_BEFORE.search(window[max(0, later.start() - 40):later.start()]):
            return True
    return False


def _relative_before(text: str, start: int) -> bool:
    """Whether a relative stands in the sentence before ``start`` as more than a reporter:
    (ext14b) a relative who only reports ("Mother says penicillin gives him hives", "Per
    mother, ...": ``allergy_words._REPORTER``) and the patient's own past ("as a child":
    ``_COND_REPORTER``) are blanked first, as the conditional reader did (extfix12)."""
    from assistant.clinical.allergy_words import _REPORTER  # noqa: PLC0415

    return bool(_RELATIVE.search(_COND_REPORTER.sub(" ", _REPORTER.sub(
        " ", _sentence_before(text, start)))))


#: another mention of the same drug that the patient takes: a dose or a sig after it, or a
#: verb of continuing / giving before it ("Continue lisinopril 10 mg daily", "Medications:
#: metformin 500 mg BID"): the drug is taken through the effect, no allergy (a10fix2's rule
#: for the class intolerances, the same FHIR boundary)
_DOSED_AFTER = re.compile(
    r"[ \t]*(?:\([^()\n]{0,30}\)[ \t]*)?(?:\d+(?:\.\d+)?(?:/\d+)?[ \t]*(?:mg|mcg|g|ml|units?|%)|"
    r"(?:daily|nightly|b\.?i\.?d|t\.?i\.?d|q\.?i\.?d|q\.?d|q\.?h\.?s|p\.?r\.?n|q\d+h?|"
    r"every|twice|once|drip|infusion)\b)", _I)
_GIVEN_BEFORE = re.compile(
    r"\b(?:contin\w*|resum\w*|restart\w*|re-?start\w*|remains?[ \t]+on|still[ \t]+on|now[ \t]+on|"
    r"tolerat\w+|start\w*|prescrib\w*|refill\w*|increas\w*|decreas\w*)[ \t]+"
    r"(?:(?:on|her|his|the|with|taking)[ \t]+)?$", _I)


def _taken_elsewhere(text: str, names: list, allergy: Allergy, stmt: tuple[int, int]) -> bool:  # noqa: ANN001
    """Whether the note takes the drug of ``allergy`` at another mention (outside the
    statement ``stmt``): a dose or sig after it or a verb of continuing / giving before it.
    (toldfix) ``_told`` never asks this of a hypersensitivity-type reaction: the allergy is
    kept and the other mention stays an active medication (both visible)."""
    from assistant.clinical.allergy_names import substance_name  # noqa: PLC0415 (import cycle)

    for o in names:
        if substance_name(text[o.start:o.end]) != allergy.substance or stmt[0] <= o.start < stmt[1]:
            continue
        if _DOSED_AFTER.match(text, o.end) or _GIVEN_BEFORE.search(
                text[max(0, o.start - 30):o.start]):
            return True
    return False


def _allergy(name: str, written: str, reaction: str | None, span: tuple[int, int]) -> Allergy:
    from assistant.clinical.allergy_names import substance_name  # noqa: PLC0415 (import cycle)

    sub = substance_name(written) or name
    return Allergy(substance=sub, reaction=" ".join(reaction.lower().split()) if reaction
                   else None, span=span)


# ----- (toldfix, lead decisions after the safety review of h-allergy) when a told reaction
# is recorded. FHIR R4 AllergyIntolerance (hl7.org/fhir/R4/allergyintolerance.html) and the
# WAO revised nomenclature (Johansson et al., JACI 2004) separate an immunologic
# hypersensitivity (type "allergy") from a non-immunologic intolerance; a tolerated or
# dose-dependent side effect of a drug still taken is an AdverseEvent, not an allergy.
#: hypersensitivity-type reactions: urticaria HP:0001025, rash HP:0000988, angioedema
#: HP:0100665 (swelling of the face, lips, tongue or throat), anaphylaxis, wheezing
#: HP:0030828 / bronchospasm, Stevens-Johnson syndrome / toxic epidermal necrolysis,
#: blistering; "break out" is the lay word for a skin eruption
_HYPER = re.compile(
    r"\b(?:rash(?:es)?|hives|urticaria|welts|blister\w*|angioedema|anaphyla\w*|wheez\w*|"
    r"bronchospasm|stevens[- ]johnson|toxic[ \t]+epidermal|break[ \t]+out|broke[ \t]+out|"
    r"breaks[ \t]+out|broken[ \t]+out|facial[ \t]+swelling)\b", _I)
_SWELLING = re.compile(r"\b(?:swell\w*|swollen)\b", _I)
#: (ext14b) no "^": it is matched at a position (``re.match(text, end)``), where "^" never
#: matches, so "made him swell up" / "swelling of her lips" were read as no site
_SWELLING_SITE = re.compile(r"[ \t]*(?:(?:of|in|around)[ \t]+)?(?:(?:the|her|his|my)[ \t]+)?"
                            r"(?:face|facial|lips?|tongue|throat|mouth|eyes?|eyelids?)\b|"
                            r"[ \t]*up\b", _I)
#: the reaction coordinated on ("shortness of breath and wheezing")
_COORD = re.compile(r"[ \t]*(?:,[ \t]*)?(?:and|or|with|,|/)[ \t]+(?P<more>[^.;!?\n]{0,40})", _I)
#: a continuation cue in the sentence or the next one: the drug is still taken
_KEEP = re.compile(
    r"\b(?:dose[ \t]+(?:was[ \t]+|has[ \t]+been[ \t]+|is[ \t]+)?(?:reduced|decreased|lowered|"
    r"cut|adjusted|halved)|(?:reduc|decreas|lower|cut)\w*[ \t]+(?:the[ \t]+|her[ \t]+|his[ \t]+)?"
    r"(?:dose|it|them|\w+[ \t]+to[ \t]+\d)|now[ \t]+on[ \t]+(?:\d|it|a[ \t]+lower)|"
    r"only[ \t]+takes?|takes?[ \t]+(?:it|them)\b|takes?[ \t]+\w+[ \t]+with[ \t]+(?:it|each|every)|"
    r"refill\w*|contin\w*|keeps?[ \t]+taking|"
    # (extfix12) doses skipped: the drug is still taken ("so he has been skipping doses")
    r"skip(?:s|ped|ping)?[ \t]+(?:(?:some|a[ \t]+few|occasional|his|her|the|a)[ \t]+)?"
    r"(?:doses?|pills?|tablets?)|kept[ \t]+taking|stay[ \t]+on|"
    r"same[ \t]+(?:meds|medications?|regimen)|will[ \t]+add|"
    r"(?:it|this|that|which)[ \t]+(?:really[ \t]+|also[ \t]+)?(?:helps|controls|works)\b|"
    r"the[ \t]+only[ \t]+thing|therapeutic|better[ \t]+on[ \t]+it|"
    r"(?:since[ \t]+)?(?:resolved|improved)|now[ \t]+tolerat\w*|tolerat(?:es|ed|ing)|"
    r"doing[ \t]+well[ \t]+on|still[ \t]+(?:takes?|taking|on|uses?)|remains?[ \t]+on|"
    r"switch\w*[ \t]+(?:her[ \t]+|him[ \t]+)?to[ \t]+(?:the[ \t]+|an?[ \t]+)?(?:extended|"
    r"sustained|controlled|delayed|long[- ]acting|enteric|er|xr|xl|sr|cr|la|ec|lower)\b|"
    r"(?:but|however)[ \t,]+[^.;!?\n]{0,40}?\bbetter\b)", _I)
#: (toldfix) substances of abuse are no told-reaction allergens (NIDA, "Commonly Used Drugs
#: Charts", nida.nih.gov; alcohol, nicotine and caffeine: ICD-10-CM F10, F17, F15.9)
_ABUSED = frozenset((
    "cocaine", "crack", "cannabis", "marijuana", "marihuana", "weed", "thc", "mdma", "ecstasy",
    "molly", "heroin", "methamphetamine", "meth", "crystal meth", "alcohol", "ethanol",
    "nicotine", "tobacco", "cigarettes", "caffeine", "lsd", "pcp", "phencyclidine"))
#: counselling lead-ins: the effects that follow are told as a drug's risks, not the
#: patient's reactions ("Explained the side effects.", "Common side effects:")
_COUNSEL = re.compile(
    r"\b(?:side[ \t-]+effects?|adverse[ \t]+effects?|risks?)\b[^.;!?\n]{0,30}?\b(?:reviewed|"
    r"discussed|explained|went[ \t]+over|counsel\w*|gone[ \t]+over)\b|"
    r"\b(?:review\w*|discuss\w*|explain\w*|went[ \t]+over|go[ \t]+over|counsel\w*)[ \t]+"
    r"(?:\w+[ \t]+){0,3}?(?:side[ \t-]+effects?|adverse[ \t]+effects?|risks?)\b|"
    r"\b(?:common|possible|potential|expected|usual|known|typical|frequent)[ \t]+"
    r"(?:side[ \t-]+effects?|adverse[ \t]+effects?)\b", _I)


#: an ALLERGIES / ADVERSE REACTIONS heading the section finder misses in run-in text
#: (MTSamples' ",ALLERGIES: , MORPHINE CAUSES VOMITING."): the heading, then no other
#: heading's colon, no line break before the drug
_ALLERGY_HEADING = re.compile(
    r"(?:^|[\n,.;])[ \t]*(?:drug[ \t]+)?(?:allerg(?:ies|y)|adverse[ \t]+(?:drug[ \t]+)?"
    r"reactions?)(?:[ \t]*/[ \t]*adverse[ \t]+(?:drug[ \t]+)?reactions?)?[ \t]*:"
    r"[^:\n]{0,140}$", _I)


def _hyper(text: str, reaction: str | None, end: int) -> bool:
    """Whether a told reaction (``reaction``, its words ending at ``end``) is
    hypersensitivity-type (``_HYPER``; swelling only of the face, lips, tongue or throat),
    the reaction's own words or those coordinated right after it ("shortness of breath and
    wheezing")."""
    words = [reaction or ""]
    c = _COORD.match(text, end)
    if c:
        more = c.group("more")
        nxt = find_names(more)
        words.append(more[:nxt[0].start] if nxt else more)
    for w in words:
        if _HYPER.search(w):
            return True
    if reaction and _SWELLING.search(reaction):
        return bool(_SWELLING_SITE.match(text, end) or re.search(r"\bfacial\b", reaction, _I))
    return False


def _sentence_span(text: str, pos: int) -> tuple[int, int]:
    a = max(text.rfind(c, 0, pos) for c in ".;!?\n") + 1
    stop = _SENTENCE_END.search(text, pos)
    return a, stop.start() if stop else len(text)


def _counselled(text: str, start: int) -> bool:
    """Whether the previous sentence, the drug's own sentence before it or its line's heading
    is a counselling lead-in (``_COUNSEL``)."""
    a, _ = _sentence_span(text, start)
    prev_a = max(text.rfind(c, 0, max(a - 1, 0)) for c in ".;!?\n") + 1 if a > 0 else 0
    if _COUNSEL.search(text, prev_a, start):
        return True
    line_a = text.rfind("\n", 0, start) + 1
    colon = text.find(":", line_a, start)
    heading = text[line_a:colon] if colon >= 0 else ""
    prev_line_a = text.rfind("\n", 0, max(line_a - 1, 0)) + 1 if line_a > 0 else 0
    prev_line = text[prev_line_a:line_a].strip()
    return bool(_COUNSEL.search(heading) or (prev_line.endswith(":") and _COUNSEL.search(
        prev_line)))


def _kept_on(text: str, start: int, end: int, substance: str = "") -> bool:
    """Whether the told statement's sentence (after the drug) or the next one carries a
    continuation cue (``_KEEP``), or the full old guard (``_after_ok``) reads one. A next
    sentence naming only other drugs ("... so it was stopped. Continue metformin.") is about
    them: its cues do not count."""
    from assistant.clinical.allergy_names import substance_name  # noqa: PLC0415 (import cycle)

    _, stop = _sentence_span(text, end)
    nxt = _SENTENCE_END.search(text, stop + 1) if stop < len(text) else None
    nxt_end = nxt.start() if nxt else len(text)
    others = [n for n in find_names(text[stop:nxt_end]) if not n.from_stem]
    if others and substance and all(
            substance_name(text[stop + n.start:stop + n.end]) != substance for n in others):
        nxt_end = stop
    # read at most _AFTER_READ characters past the drug (an unpunctuated transcript is one
    # sentence: the whole of it per statement was quadratic, rr12)
    nxt_end = min(nxt_end, end + _AFTER_READ)
    return any(not _DENIED_BEFORE.search(text[max(start, k.start() - 30):k.start()])
               for k in _KEEP.finditer(text, start, nxt_end)) or not _after_ok(text, end)


@lru_cache(maxsize=16)
def _note_context(text: str) -> tuple[tuple[tuple[int, int], ...], bool]:
    """The allergy sections' spans of ``text`` and whether it states NKA / NKDA."""
    from assistant.clinical.allergy_nka import nka_stated  # noqa: PLC0415 (import cycle)
    from assistant.clinical.sections import find_sections  # noqa: PLC0415 (import cycle)

    secs = find_sections(text)
    allergy = tuple((s.start, s.end) for s in secs if s.name == "allergies")
    family = [(s.body_start, s.end) for s in secs if s.name == "family_history"]
    return allergy, nka_stated(text, family)


def told_allergies(text: str) -> list[Allergy]:
    """Every drug of ``text`` told with a reaction the patient had (module docstring) and
    recorded (``_verdict``), in text order, one per drug mention."""
    return [a for a, _ in _told(text)]


def told_allergen_spans(text: str) -> list[tuple[int, int]]:
    """The drug mentions of ``text`` recorded by ``told_allergies`` that are no medication
    taken: every recorded mention except a hypersensitivity reaction told with the drug
    continued (that mention stays a medication, the allergy is recorded too)."""
    return [a.span for a, keep in _told(text) if not keep]


# ----- (gaps16) a reaction told as what happens whenever the patient takes the drug: "If she
# takes penicillin she gets hives", "Whenever he takes codeine he vomits", "Every time she has
# sulfa she breaks out in a rash", "She gets hives whenever she takes penicillin". A habitual
# conditional is the propensity FHIR R4 AllergyIntolerance records ("a propensity ... to have
# an adverse reaction on future exposure to the specified substance"): an allergy or
# intolerance with its reaction, never a medication taken. Not read: a plan or a watch with
# no reaction told of the patient ("If she takes penicillin, monitor for hives"), a modal in
# the consequence ("she may get hives": counselling), a denial ("she doesn't get hives"), a
# relative, a question, what the drug treats ("when he takes his metformin he feels better":
# no reaction term), and the patient taking the drug on a condition ("If her pain returns she
# takes ibuprofen": the drug is not the condition's object).
#: the patient as the subject (no "you": a clinician's counselling or question)
_COND_SUBJ = r"(?:she|he|i|they|the[ \t]+patient|patient|pt)"
#: the exposure verb of the condition
_COND_TAKE = (r"(?:takes|take|took|has|had|gets|get|got|uses|use|used|tries|try|tried|"
              r"receives|received|(?:is|was|gets|got)[ \t]+given|(?:is|was)[ \t]+(?:on|"
              r"exposed[ \t]+to))")
_COND_TAKE_PAST = re.compile(r"^(?:took|had|got|used|tried|received|was[ \t]+\w+)", _I)
#: the conjunction of a habitual or conditional clause
_COND_LEAD_WORDS = r"(?:if|whenever|when|every[ \t]+time|each[ \t]+time|any[ \t]*time)"
_COND_LEAD = r"(?P<lead>" + _COND_LEAD_WORDS + r")"
_COND_LEAD_RE = re.compile(r"\b" + _COND_LEAD_WORDS + r"\b", _I)
#: the drug's determiner: a possessive makes it the patient's own (current) medicine
_COND_DET = r"(?:(?P<det>the|her|his|my|their|any|an?|some)[ \t]+)?"
#: the reaction told as a verb of its own ("he vomits", "she breaks out", "he swells up")
_REACTION_VERB = (r"vomits|vomited|vomit|throws[ \t]+up|threw[ \t]+up|throw[ \t]+up|itches|itched|"
                  r"swells(?:[ \t]+up)?|swelled(?:[ \t]+up)?|breaks[ \t]+out|broke[ \t]+out|"
                  r"wheezes|wheezed")
#: the consequence: the patient, no modal or denial, a verb of getting and the reaction
_COND_THEN = (_COND_SUBJ + r"[ \t]+(?:(?:always|usually|also|immediately|then|often|"
              r"sometimes|just)[ \t]+)?(?:(?P<get>gets|get|got|develops|develop|developed|has|have|had|"
              r"breaks[ \t]+out[ \t]+(?:in|with)|break[ \t]+out[ \t]+(?:in|with)|"
              r"broke[ \t]+out[ \t]+(?:in|with)|feels|feel|felt|becomes|become|became|"
              r"starts|start|started|experiences|experience|experienced|ends[ \t]+up[ \t]+with|"
              r"ended[ \t]+up[ \t]+with)[ \t]+(?:(?:a|an|some|really|very|so|such|"
              r"terrible|bad)[ \t]+){0,2}(?P<r>" + _REACTION + r")\b|"
              r"(?P<vr>" + _REACTION_VERB + r")\b)")
#: when the exposure was, between the drug and its consequence ("When he took penicillin as
#: a child he broke out in hives", "... after surgery ...", "... years ago ...")
_COND_WHEN = (r"(?:[ \t]+(?:as[ \t]+an?[ \t]+(?:child|kid|baby|infant|toddler|teenager|teen)|"
              r"in[ \t]+(?:the[ \t]+past|(?:19|20)\d\d)|(?:\w+[ \t]+)?(?:years?|months?)[ \t]+ago|"
              r"after[ \t]+(?:(?:the|his|her|my)[ \t]+)?(?:surgery|operation|procedure|delivery)|"
              r"(?:last|one)[ \t]+time|previously|before|once))?")
_COND_AFTER = re.compile(_COND_WHEN + r"[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?,?[ \t]*"
                         r"(?:then[ \t]+)?" + _COND_THEN, _I)
#: the conjunction, the patient and the exposure verb, before the drug ("whenever she takes")
_COND_HEAD = re.compile(_COND_LEAD + r"[ \t]+" + _COND_SUBJ + r"[ \t]+(?:ever[ \t]+)?(?P<take>"
                        + _COND_TAKE + r")[ \t]+" + _COND_DET, _I)
#: the reaction first ("She gets hives whenever she takes penicillin")
_COND_FIRST = re.compile(r"\b" + _COND_THEN + r"[ \t]*,?[ \t]*" + _COND_LEAD_WORDS
                         + r"[ \t]+" + _COND_SUBJ + r"[ \t]+(?:ever[ \t]+)?(?P<take>"
                         + _COND_TAKE + r")[ \t]+" + _COND_DET + r"$", _I)
#: (extfix12) a relative as the reporter of a conditional reaction, or the patient's own
#: past ("as a child"): not the one whose reaction it is
_COND_REPORTER = re.compile(
    r"\b(?:(?:per|according[ \t]+to)[ \t]+(?:(?:his|her|the|their)[ \t]+)?(?:mother|mom|"
    r"father|dad|parents?|family|grand(?:mother|father|ma|pa))\b[ \t]*,?|"
    r"(?:(?:his|her|the|their)[ \t]+)?(?:mother|mom|father|dad|parents?|family|"
    r"grand(?:mother|father|ma|pa))[ \t]+(?:reports?|reported|states?|stated|says|said|"
    r"notes?|noted|tells[ \t]+(?:me|us)|told[ \t]+(?:me|us))(?:[ \t]+that)?\b|"
    r"as[ \t]+an?[ \t]+(?:child|kid|baby|infant|toddler|teenager|teen)\b[ \t]*,?)", _I)
#: (extfix12) how far before a conditional's lead its reaction told first is looked for
_COND_REACH = 200
_COND_HABITUAL = re.compile(r"^(?:whenever|every|each|any)", _I)
_COND_PRESENT = re.compile(r"^(?:gets|get|develops|develop|has|have|breaks|break|feels|feel|"
                           r"becomes|become|starts|start|experiences|experience|ends|vomits|"
                           r"throws|itches|swells|wheezes)\b", _I)
#: before the conjunction in its clause: a denial, a question's lead, a doubt
_COND_NOT = re.compile(r"\b(?:no|not|never|denies|denied|deny|without|ask\w*|whether|"
                       r"question|unsure|unclear|rule[ \t]+out|r/o)\b|n't\b", _I)


def _cond_drug(text: str, pos: int) -> tuple[str, int] | None:
    """(name, end) of the drug or allergen that opens ``text`` at ``pos``: a drug of the
    dictionary, else a known allergen of one or two words ("sulfa", "sulfa drugs")."""
    from assistant.clinical.allergy_names import known_allergen  # noqa: PLC0415 (import cycle)

    window = text[pos:pos + 60]
    names = [n for n in find_names(window) if not n.from_stem]
    if names and names[0].start == 0:
        return names[0].name, pos + names[0].end
    words = re.match(r"([A-Za-z][\w-]*)(?:([ \t]+)([A-Za-z][\w-]*))?", window)
    if not words:
        return None
    if words.group(3) and re.fullmatch(r"drugs?|antibiotics?|medications?|medicines?|dyes?",
                                       words.group(3), _I) and known_allergen(words.group(0)):
        return words.group(0), pos + words.end()
    if known_allergen(words.group(1)):
        return words.group(1), pos + words.end(1)
    return None


def _conditionals(text: str) -> list[tuple[Allergy, int, int, bool, bool, bool]]:
    """(gaps16) (allergy, statement start, end, hyper, propensity, the patient's own) of each
    reaction told as a conditional or habitual one (comment above). ``propensity``: told
    habitually ("whenever", "every time") or in the present ("if she takes ..., she gets");
    a past single event ("when he took codeine he vomited") is a told reaction like any
    other. ``own``: the drug after a possessive ("when she takes her metformin")."""
    low = text.lower()
    if not any(w in low for w in ("if ", "when", "every time", "each time", "any time",
                                  "anytime")):
        return []
    out: list[tuple[Allergy, int, int, bool, bool, bool]] = []
    for lead in _COND_LEAD_RE.finditer(text):
        head = _COND_HEAD.match(text[lead.start():lead.start() + 80])
        if not head:
            continue
        drug = _cond_drug(text, lead.start() + head.end())
        if drug is None:
            continue
        name, d_end = drug
        d_start = lead.start() + head.end()
        after = _COND_AFTER.match(text, d_end)
        start, end, m = lead.start(), after.end() if after else d_end, after
        if after is None:
            # the reaction told first: "She gets hives whenever she takes penicillin"
            # (extfix12) the scan back is capped: from the sentence's start, at most
            # ``_COND_REACH`` characters before the lead (a long unpunctuated note made it
            # quadratic: 195k characters took 35 s)
            reach = max(0, lead.start() - _COND_REACH)
            line_a = max(text.rfind(c, reach, lead.start()) for c in ".;!?\n") + 1
            line_a = max(line_a, reach)
            first = None
            for f in _COND_FIRST.finditer(text, line_a, d_start):
                if f.end() == d_start:
                    first = f
            if first is None:
                continue
            start, end, m = first.start(), d_end, first
        # (extfix12, safety review) a relative blocks only as the one the reaction is
        # told of, not as its reporter ("Mom reports that whenever he takes amoxicillin he
        # breaks out in hives", "Per mother, ...") nor in "as a child"
        if _relative_before(text, start) or \
                _COND_NOT.search(_clause_before(text, start)):
            continue
        reaction = m.group("r") or m.group("vr")
        hy = _hyper(text, reaction, m.end() if m is after else end)
        then_verb = (m.group("get") or m.group("vr") or "").lower()
        propensity = bool(_COND_HABITUAL.match(head.group("lead"))) or (
            not _COND_TAKE_PAST.match(head.group("take")) and bool(
                _COND_PRESENT.match(then_verb)))
        own = (head.group("det") or "").lower() in ("her", "his", "my", "their")
        if not _after_ok(text, end, hy):
            continue
        out.append((_allergy(name, text[d_start:d_end], _verb_reaction(reaction),
                             (d_start, d_end)), start, end, hy, propensity, own))
    return out


#: a reaction verb -> the noun the other readers give
_VERB_REACTIONS = {"vomits": "vomiting", "vomited": "vomiting", "vomit": "vomiting",
                   "throws up": "vomiting", "threw up": "vomiting", "throw up": "vomiting",
                   "itches": "itching", "itched": "itching", "wheezes": "wheezing",
                   "wheezed": "wheezing", "breaks out": "breaks out", "broke out": "broke out"}


def _verb_reaction(words: str) -> str:
    """A reaction told as a verb, as the noun the other readers give ("vomits" -> vomiting)."""
    low = " ".join(words.lower().split())
    if low in _VERB_REACTIONS:
        return _VERB_REACTIONS[low]
    return "swelling" if low.startswith(("swells", "swelled")) else words


@lru_cache(maxsize=64)
def _told(text: str) -> tuple[tuple[Allergy, bool], ...]:
    """(allergy, drug kept active) for every recorded told reaction."""
    names = [n for n in find_names(text) if not n.from_stem]
    cands: list[tuple[Allergy, int, int, bool]] = []  # allergy, statement start, end, hyper

    def add(n, written: str, r: str | None, start: int, end: int, hyper: bool) -> None:  # noqa: ANN001
        cands.append((_allergy(n.name, written, r, (n.start, n.end)), start, end, hyper))

    for idx, n in enumerate(names):
        k = idx
        # the list the drug opens or goes on ("Dyazide, Zithromax, and amoxicillin cause"):
        # the verb after its last drug
        j = idx
        while j + 1 < len(names) and _LIST_JOIN.match(text[names[j].end:names[j + 1].start]) \
                and names[j + 1].start - names[j].end <= 8:
            j += 1
        first = names[k]
        while k > 0:  # the list's first drug (its clause is read before it)
            prev = names[k - 1]
            if prev.end <= first.start and first.start - prev.end <= 8 \
                    and _LIST_JOIN.match(text[prev.end:first.start]):
                first, k = prev, k - 1
            else:
                break
        written = text[n.start:n.end]
        m = _CAUSED.match(text, names[j].end)
        if m:
            hy = _hyper(text, m.group("r"), m.end())
            if _patient_told(text, first.start, m.end(), hy):
                add(n, written, m.group("r"), first.start, m.end(), hy)
                continue
        before = text[max(0, n.start - 80):n.start]
        b = _BROKE_OUT.search(before)
        if b and _patient_told(text, n.start - len(before) + b.start(), n.end, True):
            r = b.group("r") or f"{b.group('v').lower()} out"
            add(n, written, r, n.start - len(before) + b.start(), n.end, True)
            continue
        s = _SIDE_EFFECTS.search(before)
        if s:
            such = _SUCH_AS.match(text, n.end)
            r = such.group("r") if such else None
            after_end = such.end() if such else n.end
            hy = _hyper(text, r, after_end)
            s_at = n.start - len(before) + s.start()
            if _patient_told(text, s_at, n.end, hy) and _after_ok(text, after_end, hy):
                add(n, written, r, s_at, after_end, hy)
                continue
        i = _INDUCED_AFTER.match(text, n.end)
        e = _INDUCED.search(before) if i else None
        if i and e:
            hy = _hyper(text, i.group("r"), i.end())
            e_at = n.start - len(before) + e.start()
            if _patient_told(text, e_at, i.end(), hy):
                add(n, written, i.group("r"), e_at, i.end(), hy)
                continue
        pv = _PASSIVE.search(before)
        if pv and not _PASSIVE_NOT.match(text, n.end):
            hy = _hyper(text, pv.group("r"), n.end)
            pv_at = n.start - len(before) + pv.start()
            if _patient_told(text, pv_at, n.end, hy):
                add(n, written, pv.group("r"), pv_at, n.end, hy)
                continue
        tk = _TOOK_BEFORE.search(before)
        tg = _THEN_GOT.match(text, n.end) if tk else None
        if tg and _not_the_drugs(text, tg.end(), written):
            tg = None  # (extfix14a) "had some rash that was unrelated": no reaction to it
        if tg and (idx + 1 >= len(names) or names[idx + 1].start >= tg.start("r")):
            hy = _hyper(text, tg.group("r"), tg.end())
            tk_at = n.start - len(before) + tk.start()
            if _patient_told(text, tk_at, tg.end(), hy):
                add(n, written, tg.group("r"), tk_at, tg.end(), hy)
                continue
        av = _AVOID_REACTION.match(text, n.end)
        if av and _AVOID_BEFORE.search(before):
            # an unnamed reaction: recorded as a hypersensitivity is (kept visible)
            av_at = n.start - len(before) + _AVOID_BEFORE.search(before).start()
            if not _relative_before(text, av_at) and not \
                    _AVOID_NEGATED.search(_sentence_before(text, av_at)) and _after_ok(
                    text, av.end(), True):
                add(n, written, None, av_at, av.end(), True)
                continue
        a = _AVOID_IT.match(text, n.end)
        if a and (idx + 1 >= len(names) or names[idx + 1].start >= a.end()):
            hy = _hyper(text, a.group("r"), a.end())
            if _patient_told(text, n.start, a.end(), hy):
                add(n, written, a.group("r"), n.start, a.end(), hy)
    for m in _INDUCED_WORD.finditer(text) if "induced" in text.lower() else ():
        drug = find_names(m.group("d"))
        if not drug or drug[0].start != 0 or drug[0].end != len(m.group("d")) \
                or any(c[0].span[0] == m.start("d") for c in cands):
            continue
        before = text[max(0, m.start() - 80):m.start()]
        e = _INDUCED.search(before)
        hy = _hyper(text, m.group("r"), m.end())
        if e and _patient_told(text, m.start() - len(before) + e.start(), m.end(), hy):
            cands.append((_allergy(drug[0].name, m.group("d"), m.group("r"), m.span("d")),
                          m.start() - len(before) + e.start(), m.end(), hy))
    # (gaps16) a reaction told as a conditional or habitual one
    habitual: dict[tuple[int, int], bool] = {}  # span -> the patient's own medicine
    for allergy, start, end, hy, propensity, own in _conditionals(text):
        if any(c[0].span == allergy.span for c in cands):
            continue
        cands.append((allergy, start, end, hy))
        if propensity:
            habitual[allergy.span] = own
    cands.sort(key=lambda c: c[0].span[0])
    out: list[tuple[Allergy, bool]] = []
    for allergy, start, end, hy in cands:
        if allergy.span in habitual:
            v = _habitual_verdict(text, names, allergy, start, end, hy,
                                  habitual[allergy.span])
        else:
            v = _verdict(text, names, allergy, start, end, hy)
        if v is not None:
            out.append((allergy, v))
    return tuple(out)


def _never_told(text: str, allergy: Allergy, start: int) -> bool:
    """Whether a told reaction is never an allergy / intolerance whatever its wording: a
    substance of abuse, or a statement after a counselling lead-in."""
    written = text[allergy.span[0]:allergy.span[1]].lower()
    return allergy.substance.lower() in _ABUSED or written in _ABUSED or \
        _counselled(text, start)


def _habitual_verdict(text: str, names: list, allergy: Allergy, start: int,  # noqa: ANN001
                      end: int, hyper: bool, own: bool) -> bool | None:
    """(gaps16) ``_verdict`` for a reaction told as a propensity ("whenever he takes codeine
    he vomits"; FHIR AllergyIntolerance records the propensity). A hypersensitivity reaction
    is recorded inside or outside an allergy section, against an NKA statement too, its drug
    kept active only as the patient's own medicine ("when she takes her penicillin she gets
    hives": both visible) or with a continuation cue; never a substance of abuse or after a
    counselling lead-in (``_never_told``). A non-immune reaction to the patient's own
    medicine is none ("when he takes his metformin he gets diarrhea": an adverse effect
    taken through); any other non-immune one is read as ``_verdict`` reads a told one."""
    if not hyper and not own:
        # (extfix12, safety review) a non-immune reaction (a side effect: diarrhea, muscle
        # aches) told as a habit is read as ``_verdict`` reads a told one: an intolerance
        # only in an allergy section or with an avoidance cue bound to the drug, never
        # against an NKA outside the section; else the drug stays a medication ("When he
        # takes metformin he gets diarrhea, so he has been skipping doses" had lost it)
        return _verdict(text, names, allergy, start, end, hyper)
    if not hyper or _never_told(text, allergy, start):
        return None
    return own or _kept_on(text, allergy.span[1], end, allergy.substance)


#: (re-review) an avoidance cue whose object is the told drug itself: "it" / "the medication"
#: after a stop verb, "it" as the subject of a stop, or a switch to another drug ("so it was
#: stopped", "so he stopped it", "was switched to losartan"; not "not tolerated", often
#: qualified: "not tolerated at higher doses, currently 500 mg daily"; not "switched from
#: <another drug>", which makes the told drug the new one); a cue
#: about a dose time or another thing ("switched to the morning dose", "avoids large meals",
#: "her PT was discontinued") is none
_AVOID_BOUND = re.compile(
    # (allergy11) "..., which was stopped": the relative's antecedent is the drug before it
    r"\b(?:(?:it|they|this|that|which)[ \t]+(?:was|were|has[ \t]+been|had[ \t]+been|is|got)[ \t]+"
    r"(?:stopped|discontinued|d/c'?d)\b"
    r"|(?:stopped|stop[ \t]+taking|stopped[ \t]+taking|discontinued|quit|avoids?|avoided|"
    r"came[ \t]+off|come[ \t]+off|no[ \t]+longer[ \t]+takes?)[ \t]+(?:it|them|this|that|"
    r"the[ \t]+(?:medication|medicine|drug|pills?|tablets?))\b"
    r"|switched[ \t]+(?:(?:him|her|them|the[ \t]+patient)[ \t]+)?(?:over[ \t]+)?to[ \t]+"
    r"(?P<to>[^.;!?\n]{1,40}))", re.IGNORECASE)


def _avoided(text: str, allergy: Allergy, end: int) -> bool:
    """(re-review) Whether the told drug's own sentence (from the drug to the sentence's end)
    stops, avoids or switches from *this* drug (:data:`_AVOID_BOUND`); a switch counts only
    to another drug of the dictionary."""
    _, stop = _sentence_span(text, max(end, allergy.span[1]))
    for m in _AVOID_BOUND.finditer(text, allergy.span[1], stop):
        if m.group("to") is None:
            return True
        other = [n for n in find_names(m.group("to")) if not n.from_stem]
        if other and other[0].name.lower() != allergy.substance.lower():
            return True
    return False


def _verdict(text: str, names: list, allergy: Allergy, start: int, end: int,  # noqa: ANN001
             hyper: bool) -> bool | None:
    """(toldfix, lead decisions) None: the told reaction is no allergy / intolerance; else
    whether the drug is kept active (its mention stays a medication).

    Never a substance of abuse, never after a counselling lead-in. A hypersensitivity-type
    reaction is recorded always, its drug kept active when a continuation cue follows. Any
    other reaction only inside an ALLERGIES / ADVERSE REACTIONS section or with an avoidance
    cue in its sentence, never with a continuation cue in it or the next sentence, never
    against an explicit NKA outside the allergy section, never when the drug is taken at
    another mention (``_taken_elsewhere``)."""
    if _never_told(text, allergy, start):
        return None
    if hyper:
        return _kept_on(text, allergy.span[1], end, allergy.substance)
    allergy_secs, nka = _note_context(text)
    in_section = any(a <= allergy.span[0] < b for a, b in allergy_secs) or bool(
        _ALLERGY_HEADING.search(text, max(0, allergy.span[0] - 160), allergy.span[0]))
    # (re-review) an avoidance cue counts only when its grammar binds it to this drug
    # ("chlorthalidone i don't take it because it gives me a stomachache": ``_AVOID_IT``).
    # A cue anywhere in the sentence took the drug off the medication list when its object
    # was a dose time or another thing ("Metoprolol makes her dizzy, so she was switched
    # to the morning dose", "Metformin causes diarrhea, so she avoids large meals"); that
    # sentence-wide reading is taken back.
    if not in_section and (nka or not (_AVOID_IT.match(text, allergy.span[1])
                                       or _avoided(text, allergy, end))):
        return None
    if _kept_on(text, allergy.span[1], end, allergy.substance):
        return None
    if _taken_elsewhere(text, names, allergy, _statement(text, allergy.span)):
        return None
    return False


def _statement(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The sentence holding an allergy's span (its mentions there are the statement's)."""
    return _sentence_span(text, span[0])[0], _sentence_span(text, span[1])[1]
