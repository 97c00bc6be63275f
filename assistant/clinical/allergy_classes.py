"""Intolerances told as what the patient cannot take, and a drug class's own intolerance
(split out of ``allergies``; code moved unchanged).

``_cannot_take`` / ``_cannot_prose``: "cannot take aspirin because of stomach upset", "is
unable to tolerate morphine, which causes itching" (the drug an allergen, the reason its
reaction; an illness or no oral intake as the reason is none). ``_class_intolerances``: a
drug of a class (WHO ATC groups: statins, ACE inhibitors, NSAIDs, heparins) told as having
caused, or been stopped for, that class's own reaction ("statin-induced myalgia",
"lisinopril was discontinued due to cough"), unless a risk, a doubt or the drug given again.
Read by the prose statements and ``find_prose_allergies``.
"""

from __future__ import annotations

import re

from assistant.clinical.allergy_names import (
    _clean_reaction,
    known_allergen,
    substance_name,
)
from assistant.clinical.allergy_words import (
    _REACTION_TERM,
    _SUBJECT,
    _TAKEN_ANYWAY,
    _someone_else,
)
from assistant.schema import Allergy

#: An intolerance written as what the patient cannot take, in an allergy section ("HE SAID HE
#: CANNOT TAKE ASPIRIN BECAUSE OF INTOLERANCE FOR HIS STOMACH AND STOMACH UPSET").
_CANNOT = re.compile(
    rf"^\W*(?:{_SUBJECT}(?:said|says|states|reports)\s+(?:that\s+)?)?{_SUBJECT}?"
    r"(?:cannot|can\s*not|can't|could\s+not|is\s+unable\s+to|was\s+unable\s+to|does\s+not|"
    r"did\s+not)\s+(?:take|tolerate)\s+(?P<d>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s+"
    r"(?:because\s+of|due\s+to|secondary\s+to|as\s+it\s+causes|since\s+it\s+causes)\s+"
    r"(?P<r>[^,.;\n]+)", re.IGNORECASE)


def _cannot_take(sentence: str, offset: int) -> list[Allergy]:
    """The drug of a "cannot take X because of Y" sentence, with the reaction Y names."""
    m = _CANNOT.match(sentence)
    if m is None or not known_allergen(m.group("d")):
        return []
    terms = list(_REACTION_TERM.finditer(m.group("r")))
    reaction = terms[-1].group(0) if terms else m.group("r")
    return [Allergy(substance=substance_name(m.group("d")), reaction=_clean_reaction(reaction),
                    span=(offset + m.start("d"), offset + m.end("d")))]


#: (allergy9) The same in prose anywhere ("She cannot take penicillin because of hives", "He
#: is unable to tolerate morphine, which causes itching"): an allergy or intolerance only when
#: the reason names a reaction ("cannot take metformin due to renal failure", "cannot take
#: oral medications because of vomiting" are contraindications, no allergen).
_CANNOT_PROSE = re.compile(
    r"(?<![\w'])(?:cannot|can\s*not|can't|could\s+not|couldn't|(?:is|was)\s+unable\s+to|"
    # (allergy10) an adverb between: "could not really tolerate penicillin due to allergy"
    r"unable\s+to)(?:\s+(?:really|ever|safely|always|reliably))?\s+(?P<v>take|tolerate)\s+(?P<d>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s*,?\s+"
    r"(?:(?P<why>because\s+of|due\s+to|secondary\s+to)|"
    r"(?:as|since|because|which|that)\s+(?:it\s+)?(?:causes|caused|gives|gave|makes|made)"
    r"(?:\s+(?:her|him|them|me))?)\s+(?P<r>[^,.;\n]+)", re.IGNORECASE)
#: (alg9fix) A reason that is an illness of the patient's, no reaction to the drug ("due to
#: nausea and vomiting from her bowel obstruction", "because of her upset stomach from the
#: flu"): a possessive, or "from"/"with" and then no reaction term.
_ILLNESS_REASON = re.compile(r"\b(?:her|his|their)\b|\b(?:from|with)\s+(?!(?:an?\s+|the\s+)?"
                             r"(?:hives|rash|itch\w*|swelling|anaphyla\w*|wheez\w*)\b)",
                             re.IGNORECASE)
#: (allergy10) Where on the body a reaction was ("due to swelling of his lips", "because of a
#: rash on her arms"): a possessive there names the site of the reaction (FHIR
#: AllergyIntolerance.reaction.manifestation with its body site), no illness of the patient's;
#: blanked before ``_ILLNESS_REASON`` when the reason names a reaction term.
_BODY_SITE = re.compile(r"\b(?:of|on|in|over|around|to|across)\s+(?:her|his|their)\s+"
                        r"(?:(?:upper|lower|whole|entire|both)\s+)?(?:lips?|face|tongue|throat|"
                        r"mouth|eyes?|eyelids?|skin|arms?|legs?|hands?|feet|foot|body|chest|"
                        r"back|neck|trunk|torso|extremities|cheeks?|airways?)\b", re.IGNORECASE)
#: (alg9fix) Only nausea, vomiting or an upset stomach after "because of / due to": the
#: patient could not take it by mouth, no reaction told ("unable to take metformin due to
#: vomiting"); "which causes nausea" stays an intolerance.
_ORAL_ONLY_REASON = re.compile(r"(?:\s|,|and|or|/|persistent|severe|ongoing|intractable|"
                               r"nausea|vomiting|emesis|n/v|upset\s+stomach|stomach\s+upset)+",
                               re.IGNORECASE)
#: A reason that tells an allergy or intolerance, besides a reaction term.
_INTOLERANCE_REASON = re.compile(r"\b(?:intoleran\w*|allerg\w*|side\s+effects?|adverse|"
                                 r"reactions?|upset)\b", re.IGNORECASE)


def _cannot_prose(text: str) -> dict[int, Allergy]:
    """(allergy9) The allergies of ``_CANNOT_PROSE`` statements, by where the drug starts."""
    out: dict[int, Allergy] = {}
    if "take" not in text.lower() and "tolerate" not in text.lower():
        return out
    for m in _CANNOT_PROSE.finditer(text):
        words = m.group("d").split()
        known = next((w for w in (" ".join(words[:k]) for k in range(len(words), 0, -1))
                      if known_allergen(w)), None)
        terms = list(_REACTION_TERM.finditer(m.group("r")))
        if known is None or not (terms or _INTOLERANCE_REASON.search(m.group("r"))) \
                or _someone_else(text, m.start()):
            continue
        if m.group("why") and (_ILLNESS_REASON.search(_BODY_SITE.sub(" ", m.group("r"))
                                                      if terms else m.group("r"))
                               # (ext14b) "cannot take" only: "cannot tolerate codeine
                               # due to nausea" tells the drug's intolerance, no oral intake
                               or (m.group("v").lower() == "take"
                                   and _ORAL_ONLY_REASON.fullmatch(m.group("r").strip()))):
            # (alg9fix) an illness, or no oral intake: no reaction to the drug (a "which
            # causes / it makes <reaction>" form tells the drug's own effect and stays)
            continue
        reaction = _clean_reaction(terms[-1].group(0)) if terms else None
        start = m.start("d")
        out[start] = Allergy(substance=substance_name(known), reaction=reaction,
                             span=(start, start + len(known)))
    return out


#: (allergy10) A drug class's own intolerance told in prose: a statin with muscle symptoms, an
#: ACE inhibitor with cough or angioedema, an NSAID with a GI bleed or ulcer, heparin with
#: thrombocytopenia (HIT). FHIR AllergyIntolerance records intolerances as well as allergies
#: (its ``type``: allergy | intolerance), and the gold labels list intolerances as allergies
#: ("ACE INHIBITOR MAY HAVE CAUSED A COUGH", "Heparin causing thrombocytopenia", statins with
#: myalgias). Classes by their WHO ATC groups: C10AA HMG CoA reductase inhibitors, C09AA ACE
#: inhibitors, M01A non-steroidal anti-inflammatory products (aspirin, B01AC06 / N02BA01, is
#: none: a bleed on aspirin is the antiplatelet effect), B01AB heparin group. Each reaction
#: counts only with its own class: a bleed or bruising on warfarin or aspirin, a cough on a
#: beta blocker are a drug's effect while taken, no intolerance record.
_CLASS_MEMBERS = {
    "statin": {"statins", "atorvastatin", "simvastatin", "pravastatin", "rosuvastatin",
               "lovastatin", "fluvastatin", "pitavastatin", "ezetimibe/simvastatin"},
    "ace": {"ace inhibitors", "lisinopril", "enalapril", "ramipril", "captopril", "benazepril",
            "quinapril", "fosinopril", "perindopril", "trandolapril", "moexipril"},
    "nsaid": {"nsaids", "ibuprofen", "naproxen", "diclofenac", "ketorolac", "meloxicam",
              "indomethacin", "celecoxib", "etodolac", "nabumetone", "piroxicam", "sulindac",
              "ketoprofen", "flurbiprofen", "oxaprozin", "diflunisal", "valdecoxib",
              "rofecoxib"},
    "heparin": {"heparin", "enoxaparin", "dalteparin", "tinzaparin"},
}
_CLASS_REACTIONS = {
    "statin": r"myalgias?|myopathy|myositis|rhabdomyolysis|muscle\s+(?:aches?|pains?|cramps?|"
              r"weakness|soreness)",
    "ace": r"(?:dry\s+|chronic\s+|persistent\s+|nagging\s+)?cough(?:ing)?|angioedema",
    "nsaid": r"(?:upper\s+|lower\s+)?(?:gi|gastrointestinal)\s+(?:bleed(?:ing)?|hemorrhage)|"
             r"(?:peptic|gastric|duodenal|stomach)\s+ulcers?|ulcers?|gastritis",
    "heparin": r"thrombocytopenia|low\s+platelets",
}
_ANY_CLASS_REACTION = "|".join(f"(?:{r})" for r in _CLASS_REACTIONS.values())
# (speed) a drug starts a word: the same leftmost matches, but ``finditer`` no longer tries
# every letter of every word (eval.bench extract had fallen from 60.6 to 48.6 notes/s)
_DRUG_WORDS = r"(?<![\w/])(?P<d>[A-Za-z][\w/]*(?:[ \t]+[A-Za-z][\w/]*)?)"
#: "statin-induced myalgia", "ACE inhibitor induced cough", "NSAID-induced GI bleed"
_INDUCED = re.compile(rf"{_DRUG_WORDS}(?:-|[ \t]+)induced[ \t]+(?P<r>{_ANY_CLASS_REACTION})\b",
                      re.IGNORECASE)
#: "Lisinopril was discontinued due to cough", "simvastatin was stopped because of myalgias"
_STOPPED_FOR = re.compile(
    rf"{_DRUG_WORDS}[ \t]+(?:was|were|has\s+been|had\s+been)[ \t]+(?:\w+[ \t]+)?"
    r"(?:discontinued|stopped|d/c'?d)[ \t]+(?:because\s+of|due\s+to|secondary\s+to|for)[ \t]+"
    r"(?:(?:an?|the|his|her|their|severe|significant|intolerable|persistent|possible)[ \t]+)*"
    rf"(?P<r>{_ANY_CLASS_REACTION})\b", re.IGNORECASE)
#: "He gets myalgias from statins", "had a cough with lisinopril" (not "on": a drug taken)
_GETS_FROM = re.compile(
    r"\b(?:gets?|got|develop(?:s|ed)?|had|has|experienc(?:es|ed)|suffered)[ \t]+"
    r"(?:(?:an?|some|severe|significant|intolerable|bad)[ \t]+)*"
    rf"(?P<r>{_ANY_CLASS_REACTION})[ \t]+(?:with|from|after|due\s+to)[ \t]+"
    r"(?:(?:taking|using|the)[ \t]+)?" + _DRUG_WORDS, re.IGNORECASE)
#: "developed myalgias on simvastatin, which was stopped", "had a cough while taking
#: lisinopril and was switched to losartan": "on" a drug is read only with the stop or switch
#: told right after it (a drug taken with a symptom is no intolerance)
_ON_THEN_STOPPED = re.compile(
    r"\b(?:develop(?:s|ed)?|had|experienc(?:es|ed)|got|suffered)[ \t]+"
    r"(?:(?:an?|some|severe|significant|intolerable|bad)[ \t]+)*"
    rf"(?P<r>{_ANY_CLASS_REACTION})[ \t]+(?:on|while[ \t]+on|while[ \t]+taking|taking)[ \t]+"
    r"(?P<d>[A-Za-z][\w/]*(?:[ \t]+(?!(?:and|which|that|so)\b)[A-Za-z][\w/]*)?)[ \t]*,?[ \t]*"
    r"(?:(?:which|that|it)[ \t]+(?:was|were|has\s+been|had\s+been)|and[ \t]+(?:was|it\s+was|"
    r"(?:she|he)\s+was|(?:she|he)))[ \t]+(?:then[ \t]+|subsequently[ \t]+|therefore[ \t]+)?"
    r"(?:stopped|discontinued|d/c'?d|switched|changed|taken\s+off)\b", re.IGNORECASE)
#: "switched from lisinopril to losartan due to cough": the drug switched from
_SWITCHED_FROM = re.compile(
    r"\b(?:switched|changed)[ \t]+(?:(?:him|her|them|the\s+patient)[ \t]+)?from[ \t]+"
    r"(?P<d>[A-Za-z][\w/]*(?:[ \t]+(?!to\b)[A-Za-z][\w/]*)?)[ \t]+to[ \t]+[^.;\n]{1,40}?"
    r"[ \t]+(?:because\s+of|due\s+to|secondary\s+to|for|after)[ \t]+"
    r"(?:(?:an?|the|his|her|their|severe|significant|intolerable|persistent)[ \t]+)*"
    rf"(?P<r>{_ANY_CLASS_REACTION})\b", re.IGNORECASE)
#: the sentence before says it is a risk, a prevention or a question ("prophylaxis against
#: NSAID-induced ulcers", "risk of statin-induced myopathy", "no ACE inhibitor-induced
#: cough", "to rule out heparin-induced thrombocytopenia"); a hedge of a past event ("possible
#: statin-induced myalgia") is no such word: a questioned allergy is one (issue 16 (f))
_CLASS_UNREAL = re.compile(
    r"\b(?:no|not|denies|denied|without|never|risk|risks|prevent\w*|prophyla\w*|protect\w*|"
    r"avoid\w*|reduce|monitor\w*|watch\w*|concern\w*|may|might|could|would|if|"
    r"rule\s+out|r/o|evaluat\w*|versus|vs\.?|assess\w*|screen\w*|check\w*|"
    # (a10fix) "Negative for / free of / absence of heparin-induced thrombocytopenia"
    r"negative|free\s+of|absence|absent)\b[^.;\n]*$",
    re.IGNORECASE)
#: (a10fix) The rest of the sentence says the event was excluded, is doubted, is over, is one
#: of a differential or is a relative's ("... was ruled out", "... is unlikely", "... resolved
#: after dose reduction", "... versus H. pylori", "... runs in the family"), or names another
#: cause ("stopped for cough and hypotension in the setting of sepsis", "attributed to sepsis")
_CLASS_UNREAL_AFTER = re.compile(
    r"\b(?:excluded|ruled\s+out|unlikely|resolved|not\s+(?:been\s+)?confirmed|"
    r"not\s+suspected|absent|versus|vs\b|considered|possibly|in\s+the\s+family|runs\s+in|"
    # "discontinued for low platelets pending HIT panel": a work-up, no finding yet
    r"pending|awaiting|until\s+(?:the\s+)?(?:results?|panel|assay)|"
    r"in\s+the\s+setting\s+of|attributed\s+to|thought\s+(?:to\s+be\s+)?(?:due|secondary)|"
    r"(?:due|secondary)\s+to\s+(?:\w+\s+){0,2}(?:sepsis|infection|illness|surgery|procedure|"
    r"dic|bleeding|dilution))", re.IGNORECASE)
#: (a10fix) The drug given again or still, the drug its object right after ("continue
#: enoxaparin", "now tolerating pravastatin", "she remains on heparin drip"). (a10fix2) Only
#: these explicit words: a dose of the drug elsewhere in the note (an old list, an order held,
#: "do not give heparin 5000 units") is no sign it is tolerated.
_CLASS_GIVEN_AGAIN = re.compile(
    r"\b(?:continue[sd]?|continuing|resum(?:e|es|ed|ing)|restart(?:s|ed|ing)?|re-started|"
    r"re-?challenged|tolerating|tolerates|remains?\s+on|still\s+on)\b",
    re.IGNORECASE)
#: (a10fix2) The same told in the passive after the drug ("lisinopril was restarted")
_CLASS_GIVEN_AGAIN_PASSIVE = (r"(?:[ \t]+[\w.]+){0,3}?[ \t]+(?:was|were|is|has[ \t]+been|"
                              r"had[ \t]+been)[ \t]+(?:then[ \t]+|later[ \t]+)?"
                              r"(?:continued|resumed|restarted|re-started|re-?challenged)\b")


def _class_of(words: str) -> tuple[str, str] | None:
    """The (class, written) of the longest run of ``words`` (one or two words) that names a
    drug of a class of ``_CLASS_MEMBERS`` ("ACE inhibitor", "Zocor", "lisinopril" of
    "lisinopril and")."""
    parts = words.split()
    # every run of the words, longest first ("ACE inhibitor"; "lisinopril" of "lisinopril and")
    runs = sorted(((i, j) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)),
                  key=lambda r: r[0] - r[1])
    for i, j in runs:
        written = " ".join(parts[i:j])
        if not known_allergen(written):
            continue
        name = substance_name(written)
        for cls, members in _CLASS_MEMBERS.items():
            if name in members:
                return cls, written
    return None


def _class_given_again(text: str, cls: str, name: str, m: re.Match[str], stop: int) -> bool:
    """(a10fix) Whether the drug ``name`` of a class intolerance ``m`` (a class name: any
    member of ``cls``) is continued, resumed, restarted, rechallenged or tolerated in the same
    or the next sentence: the drug the object of such a word (within three words after it) or
    the subject of its passive ("lisinopril was restarted"). (a10fix2) Only the same named
    drug (heparin-induced thrombocytopenia: heparin, never another heparin-group member), never
    a drug word inside the intolerance's own match ("Atorvastatin was stopped due to
    myalgias, now on rosuvastatin": atorvastatin is no object of "now on"), never a dose of
    the drug elsewhere in the note."""
    names = {name} if name in _CLASS_MEMBERS[cls] and not name.endswith("s") \
        else _CLASS_MEMBERS[cls]
    words = {n[:-1] if n.endswith("s") else n for n in names}  # "\w*" takes the plural
    drug = r"\b(?:" + "|".join(sorted((re.escape(w) for w in words), key=len,
                                       reverse=True)) + r")\w*"
    # the same and the next sentence (up to the second stop after the match)
    nxt = min([k for k in (text.find(c, stop + 1) for c in ".;\n") if k >= 0] or [len(text)])
    sent_start = max(text.rfind(c, 0, m.start()) for c in ".;\n") + 1
    after_cue = re.compile(r"(?:[ \t]+(?:the|her|his|their|a|an|him|them|with|on|at|to|patient|pt|"
                           r"home|prior|oral|iv|low-dose|low|dose|full-dose)){0,3}?[ \t]+(?P<d>"
                           + drug + ")", re.IGNORECASE)
    for g in _CLASS_GIVEN_AGAIN.finditer(text, sent_start, nxt + 1):
        d = after_cue.match(text, g.end(), nxt + 1)
        if d and not (m.start() <= d.start("d") < m.end()):
            return True
    for d in re.finditer(drug + _CLASS_GIVEN_AGAIN_PASSIVE, text[:nxt + 1], re.IGNORECASE):
        if d.start() >= sent_start and not (m.start() <= d.start() < m.end()):
            return True
    return False


#: each class reader with the words it cannot match without (lower case)
_CLASS_READERS = (
    (_INDUCED, ("induced",)),
    (_STOPPED_FOR, ("discontinued", "stopped", "d/c")),
    (_GETS_FROM, ("with", "from", "after", "due to")),
    (_ON_THEN_STOPPED, ("stopped", "discontinued", "d/c", "switched", "changed", "taken off")),
    (_SWITCHED_FROM, ("switched", "changed")),
)


def _class_intolerances(text: str) -> dict[int, Allergy]:
    """(allergy10) The intolerances of ``_INDUCED`` / ``_STOPPED_FOR`` / ``_GETS_FROM`` /
    ``_ON_THEN_STOPPED`` / ``_SWITCHED_FROM`` statements whose reaction is the drug class's
    own, by where the drug starts."""
    out: dict[int, Allergy] = {}
    low = text.lower()
    if not any(w in low for w in ("induced", "discontinued", "stopped", "d/c", "from", "with",
                                  "after", "due to", "switched", "changed", "taken off")):
        return out
    for rx, cues in _CLASS_READERS:
        # (speed) a reader runs only when its own cue word is in the note
        if not any(c in low for c in cues):
            continue
        for m in rx.finditer(text):
            found = _class_of(m.group("d"))
            if found is None:
                continue
            cls, written = found
            if not re.fullmatch(_CLASS_REACTIONS[cls], m.group("r"), re.IGNORECASE):
                continue  # a reaction of another class ("warfarin-induced bleed": none)
            sentence = text[max(text.rfind(c, 0, m.start()) for c in ".;\n") + 1:m.start()]
            if _CLASS_UNREAL.search(sentence) or _someone_else(text, m.start()):
                continue
            inner = m.group("d")
            start = m.start("d") + inner.rfind(written)
            # (a10fix) the cue words up to the drug's own start (the two-word drug group had
            # swallowed "without" of "without heparin-induced ..."), the rest of the sentence
            # after the match, the drug given again
            sentence = text[max(text.rfind(c, 0, start) for c in ".;\n") + 1:start]
            if _CLASS_UNREAL.search(sentence):
                continue
            stop = min([k for k in (text.find(c, m.end()) for c in ".;\n") if k >= 0]
                       or [len(text)])
            if _CLASS_UNREAL_AFTER.search(text, m.end(), stop):
                continue
            if _class_given_again(text, cls, substance_name(written), m, stop):
                continue
            if rx is _GETS_FROM and _TAKEN_ANYWAY.search(text[m.end():m.end() + 60]
                                                         .split(".")[0]):
                continue  # "gets myalgias from statins but continues them": taken
            out.setdefault(start, Allergy(substance=substance_name(written),
                                          reaction=_clean_reaction(m.group("r")),
                                          span=(start, start + len(written))))
    return out
