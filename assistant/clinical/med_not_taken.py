"""(ext13a, issue 16) Drug mentions that name no medication of the patient's, read by the
medication reader (``medications.find_medication_mentions`` skips them):

* a relative's drug: the relative is the subject of the verb of taking, or of the clause a
  participle or a pronoun of the same gender hangs on ("His mother gets hives when she takes
  penicillin", "Her father is on warfarin", "His mother had hives after taking penicillin");
  the schema has no family-history field for an allergy or a medication, so it is neither
  the patient's allergy (``allergy_words._someone_else``, ``allergy_told._RELATIVE``) nor
  the patient's medication. A relative who only reports ("His mother says he gets hives
  when he takes penicillin") or gives the drug ("Mom gives him Tylenol") is no subject of it.
* a hypothetical administration in an instruction: the drug is taken or given only in a
  condition whose consequence is an order to watch or act ("If she takes penicillin, monitor
  for hives", "if he is given codeine, watch for itching", "Should she receive morphine,
  observe for respiratory depression"). Not an allergy either (the allergy readers read no
  reaction told there). A drug the patient already takes in such a condition ("If she takes
  her metformin, ...", "If he is still taking warfarin, check his INR") is kept.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

_FEMALE = ("mother", "mom", "sister", "daughter", "wife", "grandmother", "grandma", "aunt",
           "niece", "stepmother", "stepdaughter")
_MALE = ("father", "dad", "brother", "son", "husband", "grandfather", "grandpa", "uncle",
         "nephew", "stepfather", "stepson")
_PLURAL = ("parents", "sisters", "brothers", "sons", "daughters", "siblings", "grandparents")
_REL_WORD = r"(?:" + "|".join(sorted(_FEMALE + _MALE + _PLURAL, key=len, reverse=True)) + r")"
#: a relative as a subject: possessed ("his mother", "the patient's father") or opening the
#: sentence / clause ("Mom gets hives ...", "When mother takes ...")
_RELATIVE_NP = (r"(?:(?:his|her|their|my|the[ \t]+patient'?s|patient'?s|pt'?s)[ \t]+"
                r"(?:(?:older|younger|biological|maternal|paternal|step)[ \t]+)?"
                r"|(?<![A-Za-z'][ \t])(?<![A-Za-z'])(?:the[ \t]+)?)"
                r"(?P<rel>" + _REL_WORD + r")\b")
_ADVERBS = r"(?:(?:also|still|now|currently|only|regularly|usually|always|often|sometimes)[ \t]+)*"
#: the verb of taking right before the drug
#: (extfix13a) only taking, being on or being prescribed: a relative who tries, uses or gives
#: a drug ("Mother tried Tylenol at home", "Mom has been using albuterol nebs", "His wife has
#: been using his Lovenox injections on him") is giving it to the patient
#: (receiving or being given it: the relative its recipient, "Mother received ampicillin 2 g
#: 4 hours prior to delivery" in a newborn's note)
_TAKE_VERB = (r"(?:takes|take|took|receives|received|"
              r"(?:is|are)[ \t]+(?:taking|on|prescribed)|"
              r"(?:was|were)[ \t]+(?:taking|on|prescribed|given)|"
              r"(?:has|have|had)[ \t]+been[ \t]+(?:taking|on|prescribed|given))")
_DET = r"(?:(?:her|his|their|the|some|a|an)[ \t]+)?"
#: "his mother takes penicillin", "When her father took codeine ..."
_RELATIVE_TAKES = re.compile(_RELATIVE_NP + r"[ \t]+" + _ADVERBS + _TAKE_VERB + r"[ \t]+" + _DET
                             + r"$", _I)
#: a subordinate clause with a pronoun as its subject: "... when she takes penicillin"
_PRONOUN_TAKES = re.compile(
    r"\b(?:when|whenever|if|after|before|once|while|because|since|every[ \t]+time|"
    r"each[ \t]+time|any[ \t]*time)[ \t]+(?P<pr>she|he|they)[ \t]+(?:ever[ \t]+)?" + _ADVERBS
    + _TAKE_VERB + r"[ \t]+" + _DET + r"$", _I)
#: a participle with no subject of its own: "... had hives after taking penicillin"
_PARTICIPLE_TAKES = re.compile(
    r"\b(?:after|when|while|since|from|with|upon|on)[ \t]+(?:taking|using|receiving|"
    r"being[ \t]+given|getting)[ \t]+" + _DET + r"$", _I)
#: the persons a sentence names, in order (a possessed relative first: "his mother")
#: (extfix13a) "her" as an object ("Her mother found her unresponsive"): the patient
_PERSON = re.compile(_RELATIVE_NP + r"|\b(?P<pt>he|she|they|patient|pt|child|baby|infant|boy|"
                     r"girl|i|him|her)\b", _I)
#: the relative only reports or acts on the patient: the words right after the relative
_REPORTS = re.compile(r"[ \t]+(?:(?:also|further|now)[ \t]+)?(?:says|said|states|stated|reports|"
                      r"reported|notes|noted|tells|told|mentions|mentioned|thinks|believes|"
                      r"feels|recalls|remembers|is[ \t]+(?:worried|concerned)|gives|gave|"
                      r"has[ \t]+(?:him|her|them)|brought|brings|"
                      # (extfix13a) one who watched or helps ("His mother noticed a rash after
                      # taking amoxicillin", "Her daughter helps her with her pills")
                      r"notices|noticed|found|finds|helps|helped|saw|sees|observed|observes|"
                      r"witnessed|heard|watched|gave|assists|assisted)\b", _I)


def _sentence_before(text: str, start: int) -> str:
    """The words of the drug's sentence before it (at most 200 characters)."""
    lo = max(0, start - 200)
    cut = max(text.rfind(c, lo, start) for c in ".;!?\n")
    return text[cut + 1 if cut >= 0 else lo:start]


def _agrees(rel: str, pronoun: str) -> bool:
    rel, pronoun = rel.lower(), pronoun.lower()
    if pronoun == "she":
        return rel in _FEMALE
    if pronoun == "he":
        return rel in _MALE
    return rel in _PLURAL


def _subject_relative(before: str, pronoun: str | None) -> bool:
    """Whether the clause ``before`` a subordinate clause or participle is a relative's: the
    sentence's first person is a relative who does not merely report ("His mother says he
    ...", "Mother reports she ...") and every later person is a pronoun agreeing with it
    ("She lives with her mother and when she takes ..." is the patient's)."""
    persons = list(_PERSON.finditer(before))
    if not persons or persons[0].group("rel") is None:
        return False
    rel = persons[0].group("rel")
    if _REPORTS.match(before, persons[0].end()):
        return False
    if pronoun is not None and not _agrees(rel, pronoun):
        return False
    return all(p.group("pt") is not None and _agrees(rel, p.group("pt")) for p in persons[1:])


#: (extfix13a) the relative coordinated with the patient ("She and her husband take aspirin")
_WITH_PATIENT = re.compile(r"\b(?:she|he|they|i|patient|pt)[ \t]+(?:and|&)[ \t]+$|"
                           r"\b(?:and|&|with)[ \t]+$", _I)


def relatives_drug(text: str, start: int) -> bool:
    """Whether the drug at ``start`` is a relative's: the relative is the subject of the verb
    of taking right before it, or of the clause its subject-less participle or its agreeing
    pronoun hangs on (see the module docstring)."""
    before = _sentence_before(text, start)
    if not re.search(_REL_WORD, before, _I):
        return False
    rel = _RELATIVE_TAKES.search(before)
    if rel and not _WITH_PATIENT.search(before[:rel.start()]):
        return True
    pron = _PRONOUN_TAKES.search(before)
    if pron:
        return _subject_relative(before[:pron.start()], pron.group("pr"))
    part = _PARTICIPLE_TAKES.search(before)
    return part is not None and _subject_relative(before[:part.start()], None)


# ----- a hypothetical administration in an instruction
_COND_WORD = r"(?:if|should|in[ \t]+case|in[ \t]+the[ \t]+event[ \t]+(?:that[ \t]+)?)"
_SUBJ = r"(?:(?:she|he|they|the[ \t]+patient|patient|pt|the[ \t]+child|child)[ \t]+)?"
#: the condition before the drug: "if she takes", "if he is given", "should she receive",
#: "if given", "in case he needs" (no possessive, no "still": a drug already taken)
_COND_BEFORE = re.compile(
    r"\b" + _COND_WORD + r"[ \t]+" + _SUBJ + r"(?:ever[ \t]+)?"
    r"(?:takes?|took|receives?|received|gets?|uses?|needs?|requires?|"
    r"(?:is|are|was|were|gets?|be)[ \t]+(?:given|started[ \t]+on|placed[ \t]+on|put[ \t]+on|"
    r"treated[ \t]+with|prescribed|administered)|given|started[ \t]+on|placed[ \t]+on|"
    r"treated[ \t]+with|prescribed)[ \t]+"
    r"(?:(?:the|any|some|a|an|more|another[ \t]+dose[ \t]+of|a[ \t]+dose[ \t]+of)[ \t]+)?$", _I)
#: the drug first: "if penicillin is given", "should codeine be needed"
_COND_DRUG_FIRST = re.compile(r"\b" + _COND_WORD + r"[ \t]+(?:(?:the|any)[ \t]+)?$", _I)
_PASSIVE_AFTER = re.compile(r"[ \t]+(?:is|are|be|gets|were)[ \t]+(?:given|administered|used|"
                            r"needed|required|started|prescribed|taken|restarted)\b", _I)
#: the consequence is an order to watch for a reaction, right after the condition's comma
#: (extfix13a: only monitor / watch / observe for a reaction; "call the office", "check INR
#: weekly", "call 911" follow a standing or as-needed drug the patient has)
_INSTRUCTION = re.compile(
    r"(?P<cond>[^.;!?\n]{0,60}?),[ \t]*(?:then[ \t]+)?(?:please[ \t]+)?"
    r"(?:closely[ \t]+|carefully[ \t]+)?"
    r"(?:monitor|watch|observe|look[ \t]+out)(?:[ \t]+(?:him|her|them|the[ \t]+patient))?"
    r"(?:[ \t]+(?:closely|carefully))?[ \t]+for[ \t]+"
    r"(?:(?:any|signs?|symptoms?|of|an?|possible|new|worsening|increased|further)[ \t]+)*",
    _I)
#: a reaction or adverse effect the consequence watches for (beyond ``_REACTION_TERM``)
_WATCHED = re.compile(r"(?:reactions?|side[ \t]+effects?|adverse|allerg\w*|"
                      r"sedation|respiratory[ \t]+depression)\b", _I)
#: the condition tells a standing or as-needed use: no hypothetical administration
_STANDING = re.compile(r"\b(?:more[ \t]+than|times|daily|weekly|twice|as[ \t]+needed|prn|"
                       r"as[ \t]+prescribed|as[ \t]+directed|every|per[ \t]+(?:day|week)|"
                       r"regularly|routinely)\b", _I)
#: (extfix13a) drugs coordinated before this one in the condition ("if she takes aspirin and
#: clopidogrel": clopidogrel alike aspirin)
_COORD_BEFORE = tuple(re.compile(r"(?<![\w-])" + words + r"[ \t]*(?:,[ \t]*(?:and[ \t]+|or[ \t]+)?|"
                                 r"[ \t]+(?:and|or|plus)[ \t]+)$", _I)
                      for words in (r"[A-Za-z][\w-]*", r"[A-Za-z][\w-]*[ \t]+[A-Za-z][\w-]*"))


def hypothetical_instruction(text: str, start: int, end: int) -> bool:
    """Whether the drug at ``text[start:end]`` is taken or given only in a condition whose
    consequence is an instruction (see the module docstring)."""
    window = _sentence_before(text, start)[-80:]
    cond = _COND_BEFORE.search(window) or (
        _COND_DRUG_FIRST.search(window) if _PASSIVE_AFTER.match(text, end) else None)
    for _ in range(3):
        if cond is not None:
            break
        # the drug before: one word, else two
        coord = next((c for c in (r.search(window) for r in _COORD_BEFORE) if c), None)
        if coord is None:
            break
        window = window[:coord.start()]
        cond = _COND_BEFORE.search(window)
    if cond is None:
        return False
    inst = _INSTRUCTION.match(text, end)
    if inst is None or _STANDING.search(inst.group("cond")):
        return False
    from assistant.clinical.allergy_words import _REACTION_TERM  # noqa: PLC0415

    return bool(_WATCHED.match(text, inst.end()) or _REACTION_TERM.match(text, inst.end()))
