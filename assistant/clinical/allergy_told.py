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
* a relative's reaction ("her mother says penicillin gives her hives");
* a rash the drug treats or improves ("Benadryl makes her itching better").

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


def _after_ok(text: str, end: int) -> bool:
    """Whether nothing after a reaction ending at ``end`` takes the told event back (see
    ``_CONTINUED``, ``_TREATED``)."""
    stop = _SENTENCE_END.search(text, end)
    rest = text[end:stop.start() + 1 if stop else len(text)]
    if _TREATED.match(rest) or _POPULATION.match(rest):
        return False
    if stop and _NEXT_CONTINUED.match(text, stop.end()):
        return False
    return not any(not _DENIED_BEFORE.search(rest[:c.start()]) and not _other_drug(rest, c)
                   for c in _CONTINUED.finditer(rest))


def _other_drug(rest: str, c: re.Match[str]) -> bool:
    """Whether a verb of taking in ``rest`` has another drug as its object ("so he takes
    Tylenol instead"): no continuation of the drug told with the reaction."""
    if not re.match(r"(?:she|he|they|i|patient|pt)\b", c.group(0), _I):
        return False
    after = rest[c.end():c.end() + 40]
    return bool(_OTHER_DRUG.match(after) or find_names(after))


_SENTENCE_END = re.compile(r"[.;!?\n]")


def _clause_before(text: str, start: int) -> str:
    """The words of the drug's clause before it (from a sentence end or a contrast word)."""
    window = text[max(0, start - 160):start]
    m = _CLAUSE_START.search(window)
    return window[m.end():] if m else window


def _sentence_before(text: str, start: int) -> str:
    window = text[max(0, start - 200):start]
    cut = max(window.rfind(c) for c in ".;!?\n")
    return window[cut + 1:]


def _patient_told(text: str, start: int, end: int) -> bool:
    """Whether the reaction told of the drug at ``start`` (the statement ending at ``end``)
    is the patient's and told as a fact: no denial, hypothetical, counselling or question in
    the clause before the drug, no relative in the sentence before it, nothing after the
    reaction saying the drug is continued or the reaction treated, doubted or asked about."""
    if _NOT_TOLD.search(_clause_before(text, start)):
        return False
    if _RELATIVE.search(_sentence_before(text, start)):
        return False
    return _after_ok(text, end)


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
    statement ``stmt``): a dose or sig after it or a verb of continuing / giving before it."""
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


def told_allergies(text: str) -> list[Allergy]:
    """Every drug of ``text`` told with a reaction the patient had (module docstring), in
    text order, one per drug mention."""
    return list(_told(text))


@lru_cache(maxsize=64)
def _told(text: str) -> tuple[Allergy, ...]:
    names = [n for n in find_names(text) if not n.from_stem]
    out: list[Allergy] = []
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
        if m and _patient_told(text, first.start, m.end()):
            out.append(_allergy(n.name, written, m.group("r"), (n.start, n.end)))
            continue
        before = text[max(0, n.start - 80):n.start]
        b = _BROKE_OUT.search(before)
        if b and _patient_told(text, n.start - len(before) + b.start(), n.end):
            r = b.group("r") or f"{b.group('v').lower()} out"
            out.append(_allergy(n.name, written, r, (n.start, n.end)))
            continue
        s = _SIDE_EFFECTS.search(before)
        if s and _patient_told(text, n.start - len(before) + s.start(), n.end):
            such = _SUCH_AS.match(text, n.end)
            after_end = such.end() if such else n.end
            if _after_ok(text, after_end):
                out.append(_allergy(n.name, written, such.group("r") if such else None,
                                    (n.start, n.end)))
                continue
        i = _INDUCED_AFTER.match(text, n.end)
        if i and _INDUCED.search(before) and _patient_told(
                text, n.start - len(before) + _INDUCED.search(before).start(), i.end()):
            out.append(_allergy(n.name, written, i.group("r"), (n.start, n.end)))
            continue
        a = _AVOID_IT.match(text, n.end)
        if a and (idx + 1 >= len(names) or names[idx + 1].start >= a.end()) \
                and _patient_told(text, n.start, a.end()):
            out.append(_allergy(n.name, written, a.group("r"), (n.start, n.end)))
    for m in _INDUCED_WORD.finditer(text) if "induced" in text.lower() else ():
        drug = find_names(m.group("d"))
        if not drug or drug[0].start != 0 or drug[0].end != len(m.group("d")) \
                or any(a.span[0] == m.start("d") for a in out):
            continue
        before = text[max(0, m.start() - 80):m.start()]
        e = _INDUCED.search(before)
        if e and _patient_told(text, m.start() - len(before) + e.start(), m.end()):
            out.append(_allergy(drug[0].name, m.group("d"), m.group("r"), m.span("d")))
    out.sort(key=lambda a: a.span[0])
    return tuple(a for a in out if not _taken_elsewhere(text, names, a, _statement(text, a.span)))


def _statement(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The sentence holding an allergy's span (its mentions there are the statement's)."""
    a = max(text.rfind(c, 0, span[0]) for c in ".;!?\n") + 1
    stop = _SENTENCE_END.search(text, span[1])
    return a, stop.start() if stop else len(text)


def told_reaction_after(after: str) -> bool:
    """Whether the words right after a drug mention tell a reaction it caused ("Percocet| was
    causing nausea", "penicillin| gives her hives"): the mention is no medication taken. Only
    the verb form; the guards after the reaction (continued, treated, a question) hold."""
    m = _CAUSED.match(after)
    return m is not None and _after_ok(after, m.end())
