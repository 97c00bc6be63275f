"""Assertion status of clinical findings with medspaCy ConText (negation, uncertainty, history,
family, hypothetical), run only on the sentences that hold candidate findings.

A full medspaCy pipeline runs ~3-4 notes/s; tokenising just the candidate sentences with a blank
spaCy tokenizer and running ConText on them keeps the rules path at tens of notes/s.

The default medspaCy English rules are extended (``EXTRA_RULES``) with pseudo-negations
("not only", "no increase", "gram negative"...), more negation triggers and scope terminators
that stop a trigger from running past a clause boundary ("but", "which", "although"...).

The module also holds the clause-level NegEx (``clause_negated``, ``find_affirmed``) that the
triage red flags and complaint categories use. Two engines remain on purpose: ConText reads
a whole note's findings and their six statuses; triage needs only "is this trigger phrase
negated" on a short presentation, must start in well under a second (loading spaCy and
medspaCy adds ~2 s to the triage CLI's cold start) and feeds a model trained on exactly
these negation decisions.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

log = logging.getLogger(__name__)

Status = Literal["present", "absent", "possible", "historical", "family", "hypothetical"]


def _silence_loguru() -> None:
    """medSpaCy's PyRuSH logs at DEBUG through loguru on import: keep stderr clean."""
    try:
        import sys

        from loguru import logger

        logger.remove()
        logger.add(sys.stderr, level="WARNING")
    except ImportError:  # loguru is optional for medspaCy's ConText
        pass


#: Default rules dropped in the extended set: ": no" (backward) outranks the forward "no" in
#: "Skin: No rashes." and flips it to affirmed; a stricter ": no." replaces it.
#: "never had" is replaced by the extended "never been diagnosed with" rule (its scope stops).
_DROPPED_DEFAULTS = {": no", "evaluate for", "never had"}


#: p17b: an adverb that softens "cannot exclude" ("Cannot entirely exclude appendicitis",
#: "cannot be completely excluded"): still a diagnosis left open
_HEDGE_ADV = {"LOWER": {"IN": ["entirely", "completely", "definitely", "fully", "totally",
                               "reliably", "absolutely", "definitively", "confidently"]},
              "OP": "?"}
#: "can"/"could" and the tokenizer's "ca" of "can't"; then the negation ("cannot" is split
#: into "can" + "not" by spaCy; "CANNOT" stays one token, matched on its own)
_CAN = {"LOWER": {"IN": ["can", "could", "ca"]}}
_NOT = {"LOWER": {"IN": ["not", "n't"]}}
#: Words that end "cannot exclude X"'s forward reach: the patient's background after the
#: open diagnosis ("... in a patient with known pneumonia", "... and history of diabetes")
_OPEN_DX_STOP = re.compile(r"\b(?:in\s+(?:a|this|the)\s+(?:patient|man|woman|child)\s+with|"
                           r"known|and\s+(?:a\s+)?history\s+of)\b", re.I)


def _open_dx_scope(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of "cannot exclude": not past the patient's background
    (``_OPEN_DX_STOP``)."""
    return not _OPEN_DX_STOP.search(span_between.text)


#: extfix13c: the people a study or a protocol excludes ("We must exclude patients with active
#: bleeding"): the object of "exclude" is a group of people (an eligibility criterion, as in
#: CONSORT/ICH-GCP "exclusion criteria"), not a diagnosis still open in this patient
_EXCLUDED_PEOPLE = frozenset({"patients", "patient", "subjects", "participants", "individuals",
                              "people", "persons", "anyone", "those", "candidates"})
_EXCLUDED_PEOPLE_LEAD = frozenset({"all", "any", "the", "such"})
#: what ties the group to its condition ("patients with", "those who have"); "the patient's
#: pneumonia" is this patient's, still open
_EXCLUDED_PEOPLE_TIE = frozenset({"with", "who", "having", "that", "whose"})


def _open_dx_not_people(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of "must exclude" (forward): as :func:`_open_dx_scope`, and not
    when what is excluded is a group of people (:data:`_EXCLUDED_PEOPLE`) with a condition."""
    words = [t.lower_ for t in span_between]
    k = 0
    while k < len(words) and words[k] in _EXCLUDED_PEOPLE_LEAD:
        k += 1
    if k + 1 < len(words) and words[k] in _EXCLUDED_PEOPLE and \
            words[k + 1] in _EXCLUDED_PEOPLE_TIE:
        return False
    return _open_dx_scope(target, modifier, span_between)


def _not_across_clause(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of "not excluded" (backward): not across "and", a comma or a
    semicolon (another item of the sentence, stated as such)."""
    return not any(t.lower_ in ("and", ",", ";") for t in span_between)


#: Words allowed between "was ruled out for" and the one diagnosis it rules out (p19fix2
#: lead decision: its direct object only, "ruled out for an acute MI"; never anything after
#: it: "ruled out for MI and pneumonia was diagnosed", "... while hypotension persisted")
_RULED_OUT_OBJECT_LEAD = frozenset({"a", "an", "the", "any", "acute"})


def _ruled_out_for_scope(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of "was ruled out for" (p19fix2): only the concept directly
    after the cue (its direct object; an article or "acute" may stand between), and not "being
    ruled out for" (the work-up still open)."""
    doc = modifier.doc
    if modifier.start > 0 and doc[modifier.start - 1].lower_ == "being":
        return False
    return all(t.lower_ in _RULED_OUT_OBJECT_LEAD for t in span_between)


#: Nouns before "sounds" that make it the exam's noun ("breath sounds like", "bowel sounds")
#: (p19fix2: the lungs' own, "Lungs: right base sounds like rales", "Chest sounds like
#: rhonchi", "Breathing sounds like wheezing": the exam's finding, not a hedge)
_SOUND_NOUNS = frozenset({"breath", "bowel", "heart", "lung", "lungs", "chest", "breathing",
                          "base", "bases"})
#: Words after "sounds like" that open a clause ("it sounds like she has chest pain")
_CLAUSE_SUBJECTS = frozenset({"she", "he", "it", "they", "we", "you", "i", "there"})


def _sounds_like_scope(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of "sounds like" (p19fix review): the likened thing only, not
    past ",", "with", "and", "which"; not when a clause follows ("sounds like she has ..."),
    nor after an exam-sound noun ("breath sounds like")."""
    doc = modifier.doc
    if modifier.start > 0 and doc[modifier.start - 1].lower_ in _SOUND_NOUNS:
        return False
    if modifier.end < len(doc) and doc[modifier.end].lower_ in _CLAUSE_SUBJECTS:
        return False
    # (a comma right after "like" opens an aside: "complained of, what sounded like, amaurosis
    # fugax")
    words = [t.lower_ for t in span_between]
    if words[:1] == [","]:
        words = words[1:]
    return not any(w in (",", "with", "and", "which", ";") for w in words)


def _not_after_and(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of "no residual": not across an "and" (a new list item)."""
    return not any(t.lower_ == "and" for t in span_between)


#: Words that end a "never ..." cue's scope: a new clause of the same sentence ("never been
#: diagnosed with asthma, and now has wheezing", "... despite polyuria", "... but has COPD").
_NEVER_STOP = frozenset({"now", "but", "despite", "yet", "until", ";", "currently", "today"})
#: Words after the finding that make "never" a first episode, not an absence: "never had chest
#: pain like this before", "never had a seizure until today" (review 3).
_NEVER_FIRST = frozenset({"like", "before", "until", "such", "prior"})


def _never_in_scope(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of the "never been diagnosed with" cue: not past a new clause
    (``_NEVER_STOP``, ", and"), and not when the words right after the finding (up to the
    clause's end) tell a first episode (``_NEVER_FIRST``): then the finding is present now."""
    words = [t.lower_ for t in span_between]
    if any(w in _NEVER_STOP for w in words) or any(
            a == "," and b == "and" for a, b in zip(words, words[1:], strict=False)):
        return False
    doc = target.doc
    for tok in doc[target.end:min(len(doc), target.end + 8)]:
        if tok.lower_ in {";", ".", "but", "and"}:
            break
        if tok.lower_ in _NEVER_FIRST:
            return False
    return True


#: Words that open an affirmed clause after a "nor" list: "No chest pain nor shortness of
#: breath, has had palpitations", "No fever nor chills with productive cough" (review 2).
_NOR_AFFIRM = frozenset({"with", "has", "had", "have", "reports", "reported", "endorses",
                         "complains", "presents", "notes"})


def _not_past_nor_clause(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of forward negations: a "nor" list ends at a clause that affirms.

    "nor" keeps the earlier "no" in scope over the whole list ("no fever nor chills, cough or
    vomiting"); a "with"/"has had"/"reports" after the "nor" opens an affirmed clause, so the
    negation (the "no" before or the "nor" itself) does not reach a finding past it.
    """
    words = [t.lower_ for t in span_between]
    if modifier[0].lower_ == "nor":
        return not any(w in _NOR_AFFIRM for w in words)
    if "nor" not in words:
        return True
    last = len(words) - 1 - words[::-1].index("nor")
    return not any(w in _NOR_AFFIRM for w in words[last + 1:])


#: Nouns for people: "no one who has ...", "no family members who had ..." keep the negation
#: over the relative clause (the "who" is not the patient)
_PERSONS = frozenset({"one", "body", "anyone", "someone", "anybody", "member", "members",
                      "relative", "relatives", "sibling", "siblings", "children", "child",
                      "people", "persons", "patients", "contacts", "family", "friends",
                      "kids", "sons", "daughters", "brothers", "sisters", "parents",
                      "coworkers", "partners", "individuals", "nobody",
                      # review of negfix: "No cancer in his father who had heart disease" (the
                      # relative's clause stays in the negation, as before the "who" stop)
                      "father", "mother", "wife", "husband", "son", "daughter", "brother",
                      "sister", "friend", "roommate", "partner", "grandfather", "grandmother",
                      "aunt", "uncle", "cousin", "parent", "grandparent", "boyfriend",
                      "girlfriend", "spouse"})


def _not_past_who_clause(target: Any, modifier: Any, span_between: Any) -> bool:
    """Issue 16 (negfix, MTSamples corpus check): a "who" clause after a negated non-person
    noun is about the patient and affirms: "a 35-year-old male with no significant past medical
    history who called EMS with shortness of breath and chest pain", "no prenatal care, who
    came in complaining of contractions", "no history of skin disease, who has predominant
    fullness ...". The negation does not reach past the "who" (it still does after a person:
    "no family members who had cancer")."""
    words = [t.lower_ for t in span_between]
    for i, w in enumerate(words):
        if w != "who" or i == 0:
            continue
        before = words[i - 2] if words[i - 1] == "," and i > 1 else words[i - 1]
        if before not in _PERSONS:
            return False
    return True


def _forward_negation_scope(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of forward negations without their own: the "nor"-list stop
    and the "who"-clause stop."""
    return _not_past_nor_clause(target, modifier, span_between) and \
        _not_past_who_clause(target, modifier, span_between)


#: ext14a: the words of an operation (a repair, a removal, the "-ectomy" family: the surgical
#: suffixes of medical terminology, as ``findings._NOT_PATIENT_AFTER``).
_OPERATION_WORD = re.compile(
    r"(?:repair|repaired|excision|resection|removal|drainage|release|reduction|fixation|"
    r"ligation|closure|reconstruction|replacement|transplant|transplantation|bypass|cabg|"
    r"graft|grafting|stent|stenting|ablation|implantation|placement|surgery|amputation|"
    r"[a-z]+ectomy|[a-z]+otomy|[a-z]+ostomy|[a-z]+plasty|[a-z]+pexy)", re.I)


def _status_post_item(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of "s/p" / "status post" (ext14a): where the cue's own list
    item is another condition's operation ("s/p ASD repair, pulmonary hypertension": a
    condition, then an operation word), the next comma or semicolon ends the item, and a
    condition after it keeps its own status. An item with no condition repaired goes on
    ("s/p MI, stroke"; "status post CABG in 1991, radical prostate cancer, status post
    radical prostatectomy", mts-1797), and so does an operated target's own item ("s/p
    ASD repair, hernia repair")."""
    base = span_between.start
    for i, tok in enumerate(span_between):
        if tok.text not in (",", ";"):
            continue
        repaired = any(base <= ent.start and ent.end <= base + i and any(
            _OPERATION_WORD.fullmatch(t.lower_) for t in span_between[ent.end - base:i])
            for ent in target.doc.ents)
        if not repaired:
            return True
        doc = target.doc
        after = doc[target.end] if target.end < len(doc) else None
        return after is not None and bool(_OPERATION_WORD.fullmatch(after.lower_))
    return True


#: extfix14a: words that may stand before a population noun of a general statement ("All
#: patients with", "Most adult patients with", "the patients with")
_POPULATION_LEAD = frozenset({"all", "most", "many", "some", "the", "these", "those", "such",
                              "any", "adult", "adults", "older", "elderly", "pediatric",
                              "young", "high-risk", "symptomatic", "asymptomatic"})
#: extfix14a: what opens a general statement before the population noun: the sentence's or a
#: clause's start, "in" / "among" ("In patients with renal failure, dose should be reduced"),
#: an exclusion ("exclude patients with sepsis")
_POPULATION_OPENERS = frozenset({"", ",", ";", ":", "(", "-", "in", "among", "exclude",
                                 "excluded", "excludes", "excluding", "exclusion", "that",
                                 "because", "since", "as"})
#: extfix14a: a carer's verbs before the population ("cares for", "works with", "treats")
_CARE_VERBS = frozenset({"care", "cares", "cared", "caring", "work", "works", "worked",
                         "working", "treat", "treats", "treated", "treating", "nurses",
                         "nursed", "nursing", "serves", "served", "looks", "looked", "looking"})
#: extfix14a: guideline or protocol verbs after the population's condition ("... should have
#: annual eye exams", "... must be excluded", "... are at risk of", "... may benefit")
#: rerev14e: the note's own subject ("he", "she", "the patient", "pt")
_PATIENT_SUBJECTS = frozenset({"he", "she", "patient", "pt", "pt."})
_GUIDELINE_VERBS = frozenset({"should", "must", "shall", "benefit", "recommended", "advised",
                              "require", "requires", "risk"})


def _population_noun(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of "patients with" (ext14a): the population's own condition
    only, with no comma between ("Patients with sepsis must be excluded"; not a later list
    item of the sentence). (extfix14a) Only a general statement: the population noun opens
    the sentence or clause (after "all / most / the ..."), follows "in" / "among" / an
    exclusion, or a guideline verb follows in the sentence ("should", "must", "are at risk");
    never after "for / of / like (other) / one of", where the patient belongs to the
    population ("He attends our clinic for patients with heart failure", "a home for people
    with intellectual disability", "Like other patients with CHF, he has edema": the
    patient's own diagnosis)."""
    if any(t.text in (",", ";") for t in span_between):
        return False
    doc = modifier.doc
    sent_start = modifier.sent.start if doc.has_annotation("SENT_START") else 0
    i = modifier.start - 1
    while i >= sent_start and doc[i].lower_ in _POPULATION_LEAD:
        i -= 1
    prev = doc[i].lower_ if i >= sent_start else ""
    end = modifier.sent.end if doc.has_annotation("SENT_START") else len(doc)
    # rerev14e: the patient as the subject later in the same sentence makes it about him
    # ("Among patients with CHF, he is NYHA III", "Patients with diabetes: he has diabetes")
    patient_after = any(t.lower_ in _PATIENT_SUBJECTS for t in doc[target.end:end])
    if prev in _POPULATION_OPENERS:
        return not patient_after
    # the note's subject looks after the population ("She is a nurse who cares for patients
    # with COVID", "works with people with autism", "treats patients with HIV")
    prev2 = doc[i - 1].lower_ if i - 1 >= sent_start else ""
    if prev in _CARE_VERBS or (prev in ("for", "with", "after") and prev2 in _CARE_VERBS):
        return True
    if prev in {"for", "of", "like", "other", "one", "to", "at", "with", "than", "from", "into",
                "on", "by"}:
        return False
    return not patient_after and any(t.lower_ in _GUIDELINE_VERBS for t in doc[target.end:end])


#: extfix14a: what ends the scope of "family history of" / "FH of" in a sentence about the
#: patient: the patient's own presentation or history ("now with", "who has / presents / is",
#: "presents", "personal history", "patient with")
_FH_STOP_WORDS = frozenset({"now", "presents", "presented", "presenting", "presentation",
                            "currently", "today"})
_FH_RELATIVES = frozenset({"mother", "father", "mom", "dad", "parent", "parents", "sister",
                           "sisters", "brother", "brothers", "sibling", "siblings", "son", "sons",
                           "daughter", "daughters", "aunt", "uncle", "grandmother",
                           "grandfather", "cousin", "wife", "husband", "relative",
                           "relatives"})
_FH_WHO_VERBS = frozenset({"has", "have", "had", "is", "was", "presents", "presented",
                           "complains", "complained", "now", "reports", "developed", "came",
                           "comes", "also", "herself", "himself"})


def _closed_relatives_list(doc: Any, cue_start: int, cue_end: int) -> bool:
    """Whether the words after "family history of" are one closed list of the relatives'
    conditions: "X, Y, and Z" ending the sentence ("a 31-year-old female with a family
    history of mood disorder, suicide, alcoholism, and possible psychosis.", mts-1775), the
    cue itself no item of another list (", FH of CAD, and obesity") and no patient's clause
    in it (``_FH_STOP_WORDS``, "who", "patient")."""
    if cue_start > 0 and doc[cue_start - 1].lower_ in (",", ";", "and", "or"):
        return False
    if any(t.lower_ in ("risk", "risks") for t in doc[max(0, cue_start - 8):cue_start]):
        return False  # a list of the patient's risk factors ("Risk factors: FH of CAD, ...")
    end = cue_end
    while end < len(doc) and doc[end].text not in (".", ";", "!", "?", "\n"):
        end += 1
    rest = doc[cue_end:end]
    if any(t.lower_ in _FH_STOP_WORDS or t.lower_ in ("who", "patient", "pt", "personal")
           for t in rest):
        return False
    commas = [i for i, t in enumerate(rest) if t.text == ","]
    if not commas:
        return False
    tail = [t.lower_ for t in rest[commas[-1] + 1:]]
    return bool(tail) and tail[0] in ("and", "or") and len(tail) <= 6


def _family_history_scope(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of the family triggers (extfix14a). For "family history of"
    and "FH of" / "FHx of" only (a relative's word, "mother with diabetes, hypertension", is
    left as it was): the scope ends at the patient's own clause ("60 yo female with FH of
    stroke who has new right-sided weakness", "FH of colon cancer, now with rectal bleeding",
    "FH of diabetes, patient with obesity", "... personal history of ...") and, after "of",
    at a comma or semicolon ("Risk factors: FH of CAD, hypertension, diabetes, smoking": a
    list after "FH of" is ambiguous, and a patient's problem hidden as a relative's is the
    worse error; "FH of CAD and DM" keeps both the relatives'), unless the words after it
    are one closed "X, Y, and Z" list ending the sentence (``_closed_relatives_list``)."""
    doc = modifier.doc
    words = [t.lower_ for t in doc[modifier.start:min(len(doc), modifier.end + 2)]]
    if words and words[0] in ("fh", "fhx"):
        cue_end = modifier.start + 1
    elif len(words) >= 2 and words[0] == "family" and words[1] in ("history", "hx"):
        cue_end = modifier.start + 2
    else:
        return True
    of_form = cue_end < len(doc) and doc[cue_end].lower_ == "of"
    if of_form and _closed_relatives_list(doc, modifier.start, cue_end):
        of_form = False  # "with a family history of mood disorder, suicide, and psychosis."
    toks = list(doc[cue_end:target.start])
    for j, tok in enumerate(toks):
        low = tok.lower_
        nxt = toks[j + 1].lower_ if j + 1 < len(toks) else (
            doc[target.start].lower_ if target.start < len(doc) else "")
        if of_form and tok.text in (",", ";"):
            return False
        if low in _FH_STOP_WORDS:
            return False
        if low in ("who", "whom") and nxt in _FH_WHO_VERBS:
            k = j - 1 if j and toks[j - 1].text != "," else j - 2
            if k < 0 or toks[k].lower_ not in _FH_RELATIVES:
                return False  # (not a relative's own clause: "in her mother who complains")
        if low == "personal" and nxt in ("history", "hx"):
            return False
        if low in ("patient", "pt") and nxt in ("with", "has", "had", "is", "presents"):
            return False
    return True


#: Words that say a condition is established, so a hedge before it ("assess for control of
#: her diabetes", "probably due to known heart failure") does not make it possible (review 2).
_KNOWN = frozenset({"known", "established", "documented", "his", "her", "their", "control",
                    "response", "history", "chronic"})


def _not_known(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of the "evaluate for"/"probably due to" hedges: not over a
    condition stated as known ("known X", "his X", "control of X", "response of X")."""
    return not any(t.lower_ in _KNOWN for t in span_between)


def _adjacent(target: Any, modifier: Any, span_between: Any) -> bool:
    """ConText ``on_modifies`` of the backward "should be considered" / "is in the
    differential" hedges (probe23): only the condition right before the hedge (medspaCy
    hands a backward rule its own words as ``span_between``, so the gap is counted here)."""
    return target.end == modifier.start


#: (extfix12) words between a screened condition and its negative result ("with PHQ-9
#: negative", "was negative", "by PHQ-2: negative"): the instrument, never a score value
_SCREEN_BETWEEN = frozenset({"with", "by", "using", "on", "was", "were", "is", "came", "back",
                             "the", "a", "result", "results", "screen", "screening", "test",
                             "tool", "questionnaire", "phq", "phq-9", "phq-2", "phq9", "phq2",
                             "gad-7", "gad7", "epds", "-", ":", ",", "9", "2", "7",
                             # ext13b: the screening test named before its result ("Screening
                             # for colon cancer: colonoscopy negative"; USPSTF screening tests)
                             "colonoscopy", "sigmoidoscopy", "mammogram", "mammography",
                             "pap", "smear", "fit", "fobt", "gfobt", "hemoccult", "cologuard",
                             "stool", "dna", "ldct", "ct", "scan", "colonography",
                             "ultrasound", "psa", "cytology", "hpv", "exam", "examination",
                             "study", "are"})
#: (ext13b) what a negative screen may be negative for, still the screened condition's
#: result ("colonoscopy negative for malignancy"; not "negative for suicidal ideation")
_SCREEN_NEG_FOR = frozenset({"malignancy", "cancer", "carcinoma", "neoplasia", "neoplasm",
                             "malignant", "polyps", "dysplasia", "tumor", "tumour"})


def _screen_negative(target: Any, modifier: Any, span_between: Any) -> bool:
    """(extfix12) "screening for" negates only the condition right after it, and only when
    the screen's negative result follows it in the same clause (``_SCREEN_BETWEEN`` words,
    then "negative" / "neg" / "normal" ending the clause). A score value or a bracket
    stops it (rr12: "PHQ-9 15 (normal 0-4)", "PHQ-9 15, negative for suicidal
    ideation" and "A1c 9.1, normal kidney function" are no negative screens), and so does a
    result word that belongs to a later noun ("negative for X", "normal kidney function")."""
    if target.start != modifier.end:
        return False
    doc = target.doc
    for i in range(target.end, min(len(doc), target.end + 10)):
        t = doc[i]
        if t.is_sent_start:
            return False
        if t.lower_ in ("negative", "neg", "normal", "unremarkable"):
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if nxt is not None and nxt.lower_ == "for" and i + 2 < len(doc):
                return doc[i + 2].lower_ in _SCREEN_NEG_FOR  # ext13b
            return nxt is None or nxt.is_sent_start or nxt.text in (".", ";", "!", ",")
        if t.lower_ not in _SCREEN_BETWEEN:
            return False
    return False


#: (ext13b) "must / should / need(s) to / has to" before "(be) exclude(d)": still to be done
_MUST = ({"LOWER": {"IN": ["must", "should", "need", "needs", "has", "have", "ought"]}},
         {"LOWER": "to", "OP": "?"})
#: (ext13b) what ends an earlier state in the same sentence: a general word, or a state
#: word that ends only its own finding (``_ENDS_OWN``)
#: (extfix13b) the lower-cased tokens of ``_RESOLVED_LATER``'s words: a text without any
#: has no "initially ... resolved" to find (speed: those rules' modifiers are not built;
#: medspaCy pairs every modifier with every finding of a sentence)
_RESOLUTION_WORDS = ("resolved", "cleared", "longer", "afebrile", "normotensive", "lucid",
                     "asymptomatic", "symptom-free", "free", "normalized", "normalised")
_RESOLVED_LATER = re.compile(
    r"(?:\b(?:now|since|later|subsequently|then|eventually|gradually|currently|today|but|"
    r"and|which|that)\b|,)(?P<mid>[^.;]{0,40}?)\b(?P<w>resolved|cleared|no\s+longer|"
    r"afebrile|normotensive|lucid|asymptomatic|symptom-free|normali[sz]ed)\b", re.I)
#: (extfix13b) "normalized" ends only a measured state (a vital sign or a lab value out of
#: range), never a diagnosis ("pneumonia and his white count normalized")
_MEASURED = re.compile(r"tachy|brady|tensi|hypox|natr|kal|calc|glyc|leuk|cytos|penia|febr|"
                       r"fever|pyrex|lact|acidos|alkalos|tropon|enzym", re.I)
_ENDS_OWN = {"afebrile": re.compile(r"febr|fever|pyrex|temperature", re.I),
             "normotensive": re.compile(r"tensi", re.I),
             "lucid": re.compile(r"confus|disorient|delir|altered|letharg", re.I),
             "normalized": _MEASURED, "normalised": _MEASURED}
_NOT_ENDED = re.compile(r"\b(?:not|n't|never|still|persist\w*|worse\w*|again|recur\w*)\b",
                        re.I)
#: (extfix13b) a resolution told of another subject: a possessive or article before a noun
#: ("and his white count normalized", "and her blood pressure normalized"), or a vital sign
#: or lab named between the finding and the resolution word (the measurements of a vital
#: signs / basic laboratory panel: temperature, pulse, blood pressure, saturation, CBC, BMP,
#: cardiac enzymes)
_OTHER_SUBJECT = re.compile(
    r"\b(?:his|her|their|its|the|a|an|patient's)\s+(?!symptoms?\b|episode\b|condition\b|"
    r"problem\b|issue\b)[a-z]|\b(?:fever|temperature|temp|white\s+(?:blood\s+)?(?:cell\s+)?"
    r"count|wbc|blood\s+pressure|bp|pressures?|troponins?|enzymes|heart\s+rate|pulse|hr|"
    r"sodium|potassium|calcium|creatinine|lactate|h(?:a)?emoglobin|hgb|labs?|saturations?|"
    r"sats?|oxygen|vitals?|counts?|levels?|glucose|sugars?|inr|platelets?|rate|rhythm)\b",
    re.I)
#: (extfix13b) ... or after it: "then cleared his fever", "resolved the bleeding"
_OBJECT_AFTER = re.compile(r"\s+(?:his|her|their|its|the|a|an)\b", re.I)
#: (extfix13b) "still" / "persistent" / "ongoing" after a general resolution word: the
#: episode goes on ("... cleared but still has cough"): the rest of the clause is read
_GOES_ON = re.compile(r"\b(?:still|persist\w*|ongoing|continu\w*|remains?|worse\w*|"
                      r"recur\w*|again)\b", re.I)
#: (extfix13b) "no longer" + what the finding itself would be called ("no longer febrile"
#: ends the fever only); these words say it of the finding itself
_NO_LONGER_GENERAL = frozenset({"present", "evident", "apparent", "seen", "noted", "there",
                                "active", "an", "a"})
#: (extfix13b) the search for the state's end: the finding's own sentence, this many
#: characters at most (speed: the whole rest of the document was searched for each finding)
_RESOLVED_WINDOW = 150
_SENT_STOP = re.compile(r"[.;!?](?:\s|$)|\n\s*\n")


#: (extfix13d) a resolution denied just before the word ("has not resolved", "hasn't
#: resolved", "never resolved", "not yet resolved", "not completely resolved")
_RESOLVED_DENIED = frozenset({"not", "n't", "never", "nor", "incompletely", "partially"})
#: (extfix13d) ... or undone after it, in the same sentence: the state came back
#: (not "back" alone: "resolved and her bowels are back to normal", mts-1447)
_CAME_BACK = re.compile(r"\b(?:returned|returns|recurred|recurs|recurrent|relapsed|"
                        r"(?:came|comes|is|was|has\s+been)\s+back|again|still|persist\w*|"
                        r"ongoing|worse\w*|re-?appeared)\b", re.I)


def _resolved_now(target: Any, modifier: Any, span_between: Any) -> bool:
    """(extfix13d, safety review) ConText ``on_modifies`` of "X resolved": the finding ended
    only where the word is neither denied ("The pain has not resolved") nor "resolving" (a
    current problem getting better: "Acute kidney injury, resolving") and nothing in the
    rest of its sentence says it came back ("Her fever initially resolved but returned
    yesterday", "resolved initially, then recurred this morning")."""
    doc = modifier.doc
    if modifier[0].lower_ == "resolving":
        return False
    before = [doc[k].lower_ for k in range(max(0, modifier.start - 3), modifier.start)]
    if any(w in _RESOLVED_DENIED for w in before):
        return False
    rest = doc[modifier.end:min(len(doc), modifier.end + 20)].text
    stop = _SENT_STOP.search(rest)
    if stop is not None:
        rest = rest[:stop.start()]
    # ("... and has not returned", "never came back": it stayed away)
    return not any(re.search(r"\b(?:not|n't|never|no)\s+(?:\w+\s+)?$", rest[:m.start()])
                   is None for m in _CAME_BACK.finditer(rest))


def _initially_then_resolved(target: Any, modifier: Any, span_between: Any) -> bool:
    """(ext13b) ConText ``on_modifies`` of "initially" / "on admission": only where the same
    sentence tells the state's end after the finding ("Initially febrile, now afebrile",
    "confused on admission, which cleared", "hypotensive on arrival, now normotensive"),
    with no "not" / "still" / "persistent" between ("confusion initially, which has not
    cleared", "initially hypotensive and still hypotensive" stay present); a state word
    ends only its own finding ("afebrile" the fever, not "chest pain and fever").
    (extfix13b) The end must be told of the finding itself: no other subject between ("On
    admission she had pneumonia and her white count normalized"), no object after a
    general word ("then cleared his fever"), no "still" after it ("cleared but still has
    cough"), no other finding between a general word and it ("had pneumonia and fever,
    which resolved" ends the fever), "no longer X" only for X the finding; searched in the
    finding's sentence within ``_RESOLVED_WINDOW`` characters."""
    doc = target.doc
    start = max(target.end, modifier.end)
    if start >= len(doc):
        return False
    base = doc[start].idx
    # (``doc.text`` builds the whole text: a span of the window's tokens only)
    rest = doc[start:min(len(doc), start + _RESOLVED_WINDOW // 2)].text[:_RESOLVED_WINDOW]
    stop = _SENT_STOP.search(rest)
    if stop is not None:
        rest = rest[:stop.start()]
    m = _RESOLVED_LATER.search(rest)
    if m is None or _NOT_ENDED.search(rest[:m.start("w")]):
        return False
    # (a finding told after the resolution is another one: "... now afebrile, has a cough"
    # has no resolution after it)
    w = re.sub(r"\s+", " ", m.group("w").lower())
    if w == "no longer":
        nxt = re.match(r"\s*([A-Za-z'-]+)", rest[m.end("w"):])
        word = nxt.group(1).lower() if nxt else ""
        if word in _NO_LONGER_GENERAL or not word:
            w = "resolved"
        else:
            own_no = _ENDS_OWN.get("a" + word) if word.startswith("febr") else None
            return bool(own_no.search(target.text)) if own_no is not None else \
                len(word) >= 5 and word[:5] in target.text.lower()
    own = _ENDS_OWN.get(w)
    if own is not None:
        return bool(own.search(target.text)) and \
            not _OTHER_SUBJECT.search(rest[:m.start("w")]) if w.startswith("normali") \
            else bool(own.search(target.text))
    if _OTHER_SUBJECT.search(rest[:m.start("w")]) or \
            _OBJECT_AFTER.match(rest, m.end("w")) or _GOES_ON.search(rest, m.end("w")):
        return False
    # another finding between: a general word ends the nearer one
    w_char = base + m.start("w")
    for tok in doc[start:]:
        if tok.idx >= w_char:
            break
        if tok.ent_iob_ == "B" and tok.i >= target.end:
            return False
    return True


#: (extfix12) the words of the "should be considered" hedge before what follows it
_CONSIDERED = ({"LOWER": {"IN": ["should", "could", "may", "might", "must"]}},
               {"LOWER": "also", "OP": "?"}, {"LOWER": "be"}, {"LOWER": "considered"})
#: (extfix12) words that state a condition as the patient's own or established: a condition
#: so told is not one to consider ("Her renal failure should be considered in dosing")
_OWNED = frozenset({"her", "his", "their", "my", "your", "known", "chronic", "established",
                    "existing", "underlying", "baseline", "preexisting", "pre-existing"})


#: (ext13b) "should be considered in this patient / in this case": the person or case the
#: diagnosis is weighed for (a hedge), not a use of a known condition ("in dosing")
#: (not "in the setting / context of": the circumstances a condition is weighed in, pinned
#: present by extfix12's review: "Pneumonia should be considered in the setting of fever")
_CONSIDERED_FOR = frozenset({"patient", "case", "child", "man", "woman", "gentleman", "lady",
                             "boy", "girl", "infant"})


#: (extfix13b) a use of a condition the patient has, after "in this patient": "when / while
#: dosing", "before / prior to giving contrast", "during anesthesia", "in choosing / dosing"
_IN_USE = re.compile(r"(?:when|whenever|while|before|prior|during|in\s+\w+ing|for\s+\w+ing)\b",
                     re.I)


def _in_differential_unowned(target: Any, modifier: Any, span_between: Any) -> bool:
    """(extfix12) ``_adjacent_unowned`` for "should be considered in" followed by "the
    differential" ("in dosing of antibiotics" is no hedge); (ext13b) or by "this / the / a
    patient | case | setting ..." ending there ("Sepsis should be considered in this
    patient"; not "in this patient's dosing", "in the patient's management")."""
    doc = target.doc
    e = modifier.end
    if e + 1 >= len(doc) or not _adjacent_unowned(target, modifier, span_between):
        return False
    if doc[e].lower_ == "the" and doc[e + 1].lower_ == "differential":
        return True
    if doc[e].lower_ in ("this", "the", "a", "our", "any", "such") and \
            doc[e + 1].lower_ in _CONSIDERED_FOR:
        nxt = doc[e + 2] if e + 2 < len(doc) else None
        if nxt is not None and _IN_USE.match(doc[e + 2:e + 4].text):
            return False  # (extfix13b) "... in this patient when dosing vancomycin"
        return nxt is None or nxt.lower_ not in ("'s", "’s", "'")
    return False


def _adjacent_unowned(target: Any, modifier: Any, span_between: Any) -> bool:
    """(extfix12) ``_adjacent``, and the condition not stated as the patient's own or
    established (its first word or the word before it in ``_OWNED``)."""
    if not _adjacent(target, modifier, span_between):
        return False
    doc = target.doc
    words = [doc[target.start].lower_]
    if target.start > 0:
        words.append(doc[target.start - 1].lower_)
    return not any(w in _OWNED for w in words)


#: Where a "(-)" marker opens an item (review): after a label or a list break, not a word
#: ("ER (-), HER2 (-) carcinoma", "Rh (-) with preeclampsia": the word's result)
_ITEM_OPENERS = frozenset({":", ",", ";", ")", "."})
#: Words that change the clause after a "(-)" item ("(-) headache but has had blurred
#: vision", "(-) chest pain, has palpitations"): the marker does not reach past them
_MARKER_STOPS = frozenset({"but", "however", "has", "have", "had", "reports", "reported",
                           "positive", "with", ";", "+", "(+"})


def _marker_opens_item(doc: Any, start: int) -> bool:
    """Whether the "(" at token ``start`` begins a list item (text or sentence start, or
    after ":", ",", ";", ")", ".")."""
    return start == 0 or doc[start].is_sent_start or doc[start - 1].text in _ITEM_OPENERS


def _no_plus_marker(target: Any, modifier: Any, span_between: Any) -> bool:
    """A "(-)" review-of-systems marker negates only from an item's start (review: or after
    an earlier marker of the same sentence that opened one: "(-) back pain (-) decreased
    ROM"), and does not reach past a "(+)" marker or a clause change."""
    if "(+)" in span_between.text.replace(" ", ""):
        return False
    if any(t.lower_ in _MARKER_STOPS for t in span_between):
        return False
    doc = modifier.doc
    if _marker_opens_item(doc, modifier.start):
        return True
    sent_start = doc[modifier.start].sent.start
    return any(doc[i].text == "(" and doc[i + 1].text in ("-", "-)", "+", "+)")
               and _marker_opens_item(doc, i)
               for i in range(sent_start, modifier.start - 1))


#: What may follow a "(-)" written after its item: a list break or the text's end
_ITEM_CLOSERS = frozenset({",", ";", ".", ":"})


def _minus_marker(target: Any, modifier: Any, span_between: Any) -> bool:
    """A "(-)" marker before its item (``_no_plus_marker``) or right after it, ending the item
    ("ROS: Fever (-), cough (+), chills (-)"; issue 16 negfix). Not after a word that is no
    item of a list ("(-) back pain (-) decreased ROM": the second marker opens the next)."""
    if target.start >= modifier.end:
        return _no_plus_marker(target, modifier, span_between)
    doc = modifier.doc
    return target.end == modifier.start and (
        modifier.end == len(doc) or doc[modifier.end].text in _ITEM_CLOSERS)


#: Words between a listed finding and a backward ": no." that answer another item first
#: ("Fever, chills: yes, night sweats: no."; "Pain: 5/10, nausea: no.")
_OTHER_ANSWER = frozenset({":", "yes", "positive", "present", "+", "(+)", "+)"})


#: p21fix (review): words that may stand between a test's concept and "came back negative"
#: ("C. diff toxin came back negative", "HIV test came back negative")
_TEST_WORDS = frozenset({"toxin", "toxins", "test", "tests", "testing", "assay", "pcr",
                         "antigen", "antibody", "antibodies", "ab", "ag", "culture", "cultures",
                         "screen", "screening", "swab", "panel", "titer", "titers", "titre",
                         "serology", "serologies", "study", "studies", "result", "results",
                         "level", "levels", "stool", "rapid", "probe", "naat", "eia", "igm",
                         "igg"})


def _own_test_before(target: Any, modifier: Any, span_between: Any) -> bool:
    """"came back negative" negates only the concept its test names, right before it ("C.
    diff came back negative", "C. diff toxin came back negative", "Stool for C. diff came
    back negative"): not the patient's condition before a comma, "with", "whose", "that",
    "and" ("He has diarrhea, C. diff came back negative", "Chest pain with troponin that came
    back negative"), nor a lesion sampled ("Biopsy of the breast mass came back negative"),
    nor "came back negative for X" (the "negative for" rule's)."""
    doc = target.doc
    if modifier.end < len(doc) and doc[modifier.end].lower_ in ("for", "as"):
        return False
    if not all(doc[i].lower_ in _TEST_WORDS for i in range(target.end, modifier.start)):
        return False
    return not (target.start > 0 and doc[target.start - 1].lower_ in ("of", "the") and any(
        t.lower_ in ("of",) for t in doc[max(0, target.start - 2):target.start]))


def _own_item_before(target: Any, modifier: Any, span_between: Any) -> bool:
    """A backward item answer ("Fever: no.", "fever - no,") negates its item and the items
    listed with it ("Fever, chills, night sweats: no.": all three, as medspaCy's rule did),
    but not past another item's answer ("cough - yes, fever - no", "Fever, chills: yes,
    night sweats: no.": not the cough, fever or chills; review of negfix)."""
    doc = target.doc
    for i in range(target.end, modifier.start):
        t = doc[i]
        if t.lower_ in _OTHER_ANSWER:
            return False
        # a spaced dash answers an item ("cough - yes"); not a hyphen inside a word
        if t.text == "-" and i > 0 and doc[i - 1].whitespace_:
            return False
    return True


def _plus_marked(target: Any) -> bool:
    """Whether a "+" / "(+)" marker opening a list item stands right before ``target``
    ("negative for fever, chills, +cough, vomiting", "fever,(+)cough", "and (+) for
    cough"): only that item is marked present (review of negfix: the items after it stay
    negated). Only after a list break: a grade ("1+ pulses") or a result ("HBsAg (+)") opens
    no item; "+/-" is no marker (its "/-" token sits between)."""
    doc = target.doc
    i = target.start
    if i > 0 and doc[i - 1].lower_ == "for":
        i -= 1
    texts = [doc[k].text for k in range(max(0, i - 3), i)]
    if texts[-1:] == ["+"]:
        j = i - 1
    elif texts[-2:] == ["(", "+)"]:
        j = i - 2
    elif texts[-3:] == ["(", "+", ")"]:
        j = i - 3
    else:
        return _plus_marked_by_and(target)
    return j > 0 and doc[j - 1].lower_ in (",", ";", ":", "and")


def _plus_marked_by_and(target: Any) -> bool:
    """An item joined by "and" to a "+"-marked one, within the marked item's list break
    ("Denies fever or chills, + nausea and vomiting": the vomiting too; nf3): the mark
    reaches back over "and" up to the previous comma/semicolon."""
    doc = target.doc
    k = target.start - 1
    seen_and = False
    while k >= 0 and doc[k].text not in (",", ";", ".", ":"):
        if doc[k].lower_ == "and":
            seen_and = True
        elif seen_and and doc[k].text in ("+", "+)") and k + 1 < target.start:
            # the "+" opens the segment: "(+)" / "+" right after the list break
            j = k - 1 if doc[k].text == "+)" and k > 0 and doc[k - 1].text == "(" else k
            if j > 0 and doc[j - 1].text == "(" and doc[k].text == "+":
                j -= 1
            return j > 0 and doc[j - 1].text in (",", ";", ":")
        k -= 1
    return False


#: An item's own grade or severity ("No clubbing, cyanosis, 1+ pitting edema", "Negative for
#: ketones, protein, bacteria 2+", "no aspiration, no pooling, minimal premature spillage"):
#: no one grades a finding that is absent
_ITEM_GRADE_WORDS = frozenset({"mild", "mildly", "moderate", "moderately", "severe",
                               "severely", "minimal", "slight", "marked", "trace"})
_ITEM_GRADE = re.compile(r"^(?:\d(?:\.\d)?\+|\+\d|\d+(?:\.\d+)?(?:cm|mm))$", re.I)
_ITEM_SIZE_UNITS = frozenset({"cm", "mm"})
#: Words that keep an item in the negated list ("No rash, edema, or cyanosis present": the
#: list's own "present"), or negate it themselves
_ITEM_LISTED = frozenset({"or", "nor", "and", "not", "no", "without", "negative", "neg",
                          "absent", "free", "denies", "denied", "neither", "none"})


def _item_bounds(target: Any, modifier: Any) -> tuple[int, int, int] | None:
    """(item start, item end, commas before it) of a forward negation's target that lies in
    a later comma item of the negated list (None: in the first item, or not after the cue)."""
    doc = target.doc
    if target.start < modifier.end:
        return None
    k = target.start - 1
    while k >= modifier.end and doc[k].text not in (",", ";"):
        k -= 1
    if k < modifier.end or doc[k].text == ";":
        return None
    commas = sum(1 for t in doc[modifier.end:k + 1] if t.text == ",")
    sent_end = doc[target.start].sent.end
    end = target.end
    while end < sent_end and doc[end].text not in (",", ";", "."):
        end += 1
    return k + 1, end, commas


def _affirmed_own_item(target: Any, modifier: Any) -> bool:
    """negscope (issue 16, MTSamples check): a negation at a comma list's head does not reach
    a later item whose own words affirm it: the item's own grade or size
    ("No clubbing, cyanosis, 1+ pitting edema", "bacteria 2+") or, in a two-item list, its
    severity ("without change, mild pulmonary vascular congestion"), an existential "there
    is" opening it ("No prior PET scans for comparison, there is a large lesion identified").
    Not another study naming the item after "negative for" ("CTA negative for PE, DVT on
    ultrasound" reads both ruled out as often as not: taken back after review), and never when
    the item is joined by "or"/"nor"/"and" or negates itself ("No rash, edema, or cyanosis
    present", "No murmurs, rubs, gallops noted": the list's own verb)."""
    bounds = _item_bounds(target, modifier)
    if bounds is None:
        return False
    doc = target.doc
    start, end, commas = bounds
    item = [t.lower_ for t in doc[start:end]]
    if any(w in _ITEM_LISTED for w in item):
        return False
    before = [t.lower_ for t in doc[start:target.start]]
    if before[:2] in (["there", "is"], ["there", "are"], ["there", "was"], ["there", "were"]):
        return True
    # a severity word in a longer list, or one that goes on with "or", is the denied item's
    # own ("No fever, chills, severe headache", "No fever, severe headache, or neck
    # stiffness"); a number grades a finding found, wherever it stands
    listed_on = commas > 1 or any(t.lower_ in ("or", "nor") and doc[t.i - 1].text == ","
                                  for t in doc[end:doc[target.start].sent.end] if t.i > 0)
    if not listed_on and any(w in _ITEM_GRADE_WORDS for w in item) and \
            not any(w in _ITEM_CHANGE for w in item):
        return True
    return any(_own_grade(doc, i, end) for i in range(start, end))


#: A severity word that grades a change, not the finding ("No chest pain, marked improvement
#: in dyspnea": review, 2026-12-06)
_ITEM_CHANGE = frozenset({"improvement", "improved", "improving", "change", "changes",
                          "decrease", "decreased", "reduction", "reduced", "relief", "resolution",
                          "response", "increase", "increased"})
#: A size after a comparative is the denial's cut-off ("No axillary lymphadenopathy greater than
#: 1 cm": RECIST 1.1 calls a node pathological from 10 mm), not the finding's own size
_SIZE_CUTOFF = frozenset({"greater", "larger", "bigger", "less", "smaller", "than", ">", "<",
                          ">=", "<=", "\u2265", "\u2264", "over", "exceeding", "above", "under",
                          "up"})
#: A grade that belongs to the next noun when a dictated comma is missing ("No clubbing,
#: cyanosis, edema 2+ pulses bilaterally", "No JVD, bruits 2+ carotids": review, 2026-12-06)
_GRADED_NEXT = frozenset({"pulse", "pulses", "dtr", "dtrs", "reflex", "reflexes", "carotid",
                          "carotids", "radial", "radials", "femoral", "femorals", "dp", "pt",
                          "pedal", "dorsalis", "posterior", "tibial", "brachial", "popliteal"})


def _own_grade(doc: Any, i: int, end: int) -> bool:
    """Whether token ``i`` of an item starts a grade ("1+", "+2", "2 +") or a size ("3 cm")
    of the item's own finding: not a zero size, not a cut-off after a comparative, and not a
    grade whose next two tokens name a pulse or reflex (the next, comma-less item's)."""
    tok = doc[i]
    nxt = doc[i + 1] if i + 1 < end else None
    if _ITEM_GRADE.match(tok.text) and not re.search(r"(?:cm|mm)$", tok.text, re.I):
        width = 1
    elif tok.text in ("0", "1", "2", "3", "4") and nxt is not None and nxt.text == "+":
        width = 2
    elif tok.like_num and nxt is not None and nxt.lower_ in _ITEM_SIZE_UNITS or \
            re.fullmatch(r"\d+(?:\.\d+)?(?:cm|mm)", tok.text, re.I):
        # a size: never 0, never a threshold
        return not (re.match(r"0+(?:\.0+)?(?:cm|mm)?$", tok.text, re.I)
                    or any(t.lower_ in _SIZE_CUTOFF for t in doc[max(0, i - 2):i]))
    else:
        return False
    return not any(t.lower_ in _GRADED_NEXT for t in doc[i + width:min(end, i + width + 2)])


#: midneg (issue 16, MTSamples check): words that open a later comma item with its own
#: statement after a negation in the MIDDLE of a list (an affirmed item before the cue): a
#: laterality (SNOMED CT laterality qualifiers right / left / bilateral: "GEN EXAM: Bilateral
#: Carotid Bruits, No lymphadenopathy, right inguinal hernia, rhonchi and inspiratory wheeze",
#: mts-1571; "migraine headaches without aura, left ear sensorineural deafness", "no erythema,
#: negative Homans' sign bilaterally, left thigh swollen"), a course (SNOMED CT clinical course
#: qualifiers improving / worsening: "nocturia times one, no incontinence, improving stress
#: urinary incontinence"), "active" ("no history of diabetes mellitus, active smoker") or a
#: ConText possibility cue (medspaCy POSSIBLE_EXISTENCE: "questionable history of coronary
#: artery disease"). Every such item the corpus holds after a "no"/"without"/"negative for"
#: was stated, or named no finding (a site: "No evidence of metastatic carcinoma, right pelvic
#: obturator lymph node", a cue at the list head, not read as mid-list)
_LATERALITY = frozenset({"right", "left", "bilateral"})
_STATED_OPENERS = _LATERALITY | {"improving", "worsening", "questionable", "possible",
                                 "probable", "suspected"}
#: midnegfix (review 4): "active" opens a stated item only before a habit ("active smoker",
#: mts-4501); "no melena, active bleeding" is the denied list's item
_ACTIVE_HABITS = frozenset({"smoker", "smoking", "tobacco", "drinker", "drinking", "drug",
                            "drugs", "alcohol", "alcoholic"})
_MID_CUES = frozenset({"no", "without", "negative"})
#: midnegfix (review 8): a negation word before the mid-list cue in its segment ("No fever, no
#: chills, right ear pain", "Denies chest pain, no dyspnea, left arm pain", "guaiac
#: negative, no melena, ..."): the list is a denied one from its start, no affirmed item before
_NEGATED_BEFORE = frozenset({"no", "not", "n't", "without", "negative", "neg", "denies",
                             "denied", "deny", "denying", "never", "nor", "neither", "none",
                             "absent", "free"})


def _opens_stated(doc: Any, j: int, end: int) -> bool:
    """Whether the comma item at ``j`` opens with a ``_STATED_OPENERS`` word (or "active"
    before a habit)."""
    w = doc[j].lower_
    if w == "active":
        return j + 1 < end and doc[j + 1].lower_ in _ACTIVE_HABITS
    return w in _STATED_OPENERS


def _after_stated_item(target: Any, modifier: Any) -> bool:
    """midneg: a mid-list "no"/"without"/"negative for" does not reach a later comma item
    opened by ``_STATED_OPENERS``, nor the items after it (a denied list does not go on past
    a stated item; the probe's two such lists, mts-1571 and mts-4501, go on stating).
    Only after an affirmed item: the cue opens a comma item (or "without" inside one:
    "migraine headaches without aura") and no negation word comes before it in its sentence
    or colon segment ("No evidence of X, right Y"; "No fever, no chills, right ear pain").
    Not when the stated item negates itself ("right leg without swelling"), nor when an
    item after the opener closes the list with "or"/"nor" ("no nausea, vomiting, worsening
    abdominal pain, or diarrhea": a denied list's closing form; the scan stops at a new
    "no"/"without" item), nor an item opened by ", and" ("no rashes, lesions, and left
    forearm ecchymosis")."""
    if modifier[0].lower_ not in _MID_CUES:
        return False
    bounds = _item_bounds(target, modifier)
    if bounds is None:
        return False
    doc = target.doc
    start = bounds[0]
    sent = doc[target.start].sent
    seg = sent.start
    for i in range(sent.start, modifier.start):
        if doc[i].text == ":":
            seg = i + 1
    if not any(doc[i].is_alpha for i in range(seg, modifier.start)):
        return False  # the cue heads its segment: no affirmed item before it
    # some comma item before the cue must be affirmed (no negation word in it): "Neck: supple,
    # no JVD, trachea midline, no thyromegaly, right carotid bruit" has "supple" (re-review,
    # 2026-12-06: any earlier negation word switched the rule off); "No fever, no chills,
    # right ear pain" and "There is no X, Y, right Z" have none
    items: list[list[Any]] = [[]]
    for t in doc[seg:modifier.start]:
        if t.text in (",", ";"):
            items.append([])
        else:
            items[-1].append(t)
    if not any(any(t.is_alpha for t in it) and not any(t.lower_ in _NEGATED_BEFORE for t in it)
               for it in items):
        return False
    prev = doc[modifier.start - 1]
    if prev.lower_ in ("and", "but") and modifier[0].lower_ != "without":
        prev = doc[modifier.start - 2] if modifier.start - 2 >= seg else prev
        if prev.text != ",":
            # "Neck: supple and no JVD, right carotid bruit": "and" joins the cue to an
            # affirmed item (re-review, 2026-12-06)
            prev = doc[modifier.start - 1]
    if prev.text != "," and prev.lower_ not in ("and", "but") and \
            modifier[0].lower_ != "without":
        return False  # "There is no X, Y, right Z": no affirmed item, the cue heads the list
    if prev.text == ",":
        k = modifier.start - 2
        while k >= seg and doc[k].text not in (",", ";"):
            k -= 1
        if not any(t.is_alpha for t in doc[k + 1:modifier.start - 1]):
            return False
    for c in range(modifier.end, start):
        if doc[c].text != ",":
            continue
        j = c + 1
        if j >= sent.end or not _opens_stated(doc, j, sent.end):
            continue
        e = j
        while e < sent.end and doc[e].text not in (",", ";", "."):
            e += 1
        if any(t.lower_ in _ITEM_LISTED and t.lower_ != "and" for t in doc[j:e]):
            continue
        closed = False
        for i in range(j, sent.end):
            if doc[i].lower_ in ("or", "nor"):
                closed = True
                break
            if doc[i].text in (",", ";") and i + 1 < sent.end and \
                    doc[i + 1].lower_ in _MID_CUES:
                break  # a new denied list: its "or" is its own
        if closed:
            continue
        return True
    return False


def _not_plus_marked(rule_check: Any) -> Any:
    """A negation's ``on_modifies`` that also leaves a "+"-marked item alone
    (``_plus_marked``) and a later list item affirmed by its own words
    (``_affirmed_own_item``) or one after a stated item of a mid-list negation
    (``_after_stated_item``), then asks the rule's own check (if any)."""
    def check(target: Any, modifier: Any, span_between: Any) -> bool:
        if _plus_marked(target) or _affirmed_own_item(target, modifier) or \
                _after_stated_item(target, modifier):
            return False
        return rule_check is None or rule_check(target, modifier, span_between)
    return check


#: What "absent" after it says is missing, not a finding ruled out ("bowel sounds absent",
#: "pulses absent", "reflexes absent" are abnormal findings)
_ABSENT_NORMAL_THING = re.compile(r"(?:sounds?|pulses?|reflex(?:es)?|breath|movements?|"
                                  r"function|sensation|responses?|tone)$", re.I)


def _absent_after_finding(target: Any, modifier: Any, span_between: Any) -> bool:
    """probe13: "varicosities absent" (a template's finding, then "absent" straight after it)
    negates the finding; not a normal structure or function said to be absent."""
    # the words from the target's end to the trigger's start (medspaCy's span_between of a
    # backward trigger runs to the trigger's end, so it is not used)
    between = target.doc[target.end:modifier.start].text.strip(" ,")
    return not between and not _ABSENT_NORMAL_THING.search(target.text)


def _relative_right_after(target: Any, modifier: Any, span_between: Any) -> bool:
    """Review of probe13: "in her mother" makes only the condition right before it the
    relative's ("breast cancer in her mother"; not "depression following the diagnosis of
    ... in her mother"), and never before a possessive ("in her mother's home")."""
    doc = modifier.doc
    return target.end == modifier.start and not (
        modifier.end < len(doc) and doc[modifier.end].lower_ in ("'s", "’s", "s"))


#: Relatives whose "who has ..." clause tells their own condition (probe18)
_RELATIVES_WHO = frozenset({"mother", "father", "mom", "dad", "parent", "parents", "sister",
                            "brother", "sisters", "brothers", "sibling", "siblings", "son",
                            "sons", "daughter", "daughters", "aunt", "uncle", "cousin",
                            "grandmother", "grandfather", "grandparent", "grandparents",
                            "husband", "wife", "spouse", "stepfather", "stepmother", "twin"})


#: p18fix2: irregular past participles after "who has/had" (the relative's doing, not a
#: condition: "who has been with her", "who had seen a rash")
_PARTICIPLES = frozenset({"been", "seen", "taken", "given", "brought", "found", "told", "said",
                          "gone", "come", "become", "done", "made", "known", "heard", "felt",
                          "kept", "left", "driven", "written", "undergone", "gotten", "got"})
#: p18fix2: where a relative's "who has" clause ends (safety review: a comma, "and", or the
#: relative's reporting verb, after which the findings are the patient's)
_WHO_CLAUSE_STOPS = frozenset({";", ".", ",", "and", "she", "he", "patient", "but", "reports",
                               "reported", "states", "stated", "noted", "notes", "says", "said",
                               "noticed", "notices", "brought", "brings", "describes",
                               "described", "tells", "told"})


def _after_relative(target: Any, modifier: Any, span_between: Any) -> bool:
    """Probe18: a "who has" clause is the relative's only right after a relative's word
    ("her mother who has schizophrenia", "her father, who had a stroke"; not "a 40-year-old
    who has asthma"), and only up to the clause's end."""
    doc = modifier.doc
    i = modifier.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0 or doc[i].lower_ not in _RELATIVES_WHO:
        return False
    # p18fix2 (safety review): "who has been caring for her noticed jaundice", "who had
    # noticed a rash": has/had + a past participle is something the relative did, no condition
    nxt = doc[modifier.end] if modifier.end < len(doc) else None
    if nxt is not None and (nxt.lower_ in _PARTICIPLES or (
            nxt.lower_.endswith("ed") and nxt.i < target.start
            and nxt.i + 1 != target.start)):
        return False
    # the clause ends at a comma, "and" or the relative's report ("her mother who has
    # diabetes reports cough": the cough is the patient's)
    return not any(t.lower_ in _WHO_CLAUSE_STOPS for t in span_between)


#: extfix13d: the patient after a relative's verb ("who presents with him", "who presents
#: with the child", "who complains that she ..."): the relative came along, the finding is
#: the patient's
_PATIENT_WORDS = frozenset({"him", "her", "he", "she", "them", "they", "patient", "child",
                            "baby", "infant", "son", "daughter"})
#: extfix13d: the relative's report or a new subject ends the relative's own clause ("his
#: mother, who complains of back pain, says he has a cough": the cough is the patient's)
_OWN_VERB_STOPS = frozenset({"he", "she", "patient", "reports", "reported", "states", "stated",
                             "says", "said", "notes", "noted", "noticed", "tells", "told",
                             "describes", "described"})


def _relative_own_verb(target: Any, modifier: Any, span_between: Any) -> bool:
    """Extfix13d (safety review): a relative's own verb ("her mother, who complains of
    headaches", "a brother who presented with a stroke") makes the finding the relative's,
    but not where the relative came with the patient ("his mother, who presents with him,
    says he has been coughing") or the patient follows ("who complains that she ..."),
    and only up to the relative's report or a new subject."""
    doc = modifier.doc
    j = modifier.end
    if j < len(doc) and doc[j].lower_ in ("with", "that"):
        j += 1
    if j < len(doc) and doc[j].lower_ in ("the", "his", "her", "their", "this"):
        # "with her" (the patient) vs "with her headaches" (the relative's): a possessive
        # before a noun is no patient
        if doc[j].lower_ in ("his", "her", "their") and j + 1 < len(doc) and (
                doc[j + 1].is_alpha and doc[j + 1].lower_ not in _PATIENT_WORDS):
            j = -1
        else:
            j += 1
    if 0 <= j < len(doc) and doc[j].lower_ in _PATIENT_WORDS:
        return False
    return not any(t.lower_ in _OWN_VERB_STOPS for t in span_between)


#: A past date after "in": a year ("1992", "2003"), a month/year ("5/92", "05/1992") or a month
#: name and year ("May 1992", "March of 2005"); probe18
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
           "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
_DATE_TOKENS: list[dict] = [
    {"LOWER": {"IN": _MONTHS}, "OP": "?"}, {"LOWER": "of", "OP": "?"},
    {"TEXT": {"REGEX": r"^(?:(?:19|20)\d\d|\d{1,2}/(?:\d{2}|(?:19|20)\d\d))$"}}]


#: p18fix2 (safety review): words that tell a dated sentence's finding goes on now ("In June
#: 2024 she developed shortness of breath that has progressively worsened", "... with residual
#: weakness", "... and is on tamoxifen"): anywhere in the sentence, the date dates no finding
_LASTING = re.compile(r"^(?:worse|worsen\w*|progress\w*|continues?|continu\w*|ongoing|"
                      r"persist\w*|residual|still|now|currently|remains?|remained)$")


def _dated_episode(target: Any, modifier: Any, span_between: Any) -> bool:
    """Probe18: a date reaches forward only where it opens its sentence ("In 5/92 she ...";
    not "seen in 2003 and now has chest pain"), never past ";"/"today"/"but", and never in a
    sentence that tells a finding as lasting (``_LASTING``, "to this day", "is on"). Only a
    one-off event stays historical (the caller re-reads the rest present: its "dated" cue)."""
    doc = modifier.doc
    words = [t.lower_ for t in doc]
    if any(t.lower_ in {";", "today", "presently", "but"} for t in span_between) or any(
            _LASTING.match(w) or w == "since" for w in words) or any(
            (a, b) in {("this", "day"), ("is", "on"), ("are", "on")}
            for a, b in zip(words, words[1:], strict=False)):
        return False
    return all(t.is_punct or t.is_space for t in doc[:modifier.start])


def _hedged_suggestion(target: Any, modifier: Any, span_between: Any) -> bool:
    """probe25: "suggestion of X" hedges X unless a negation or "the" stands right before it
    ("no suggestion of", "without suggestion of", "at the suggestion of her doctor")."""
    doc = modifier.doc
    before = doc[modifier.start - 1].lower_ if modifier.start > 0 else ""
    return before not in {"no", "without", "the", "any", "not"}


def _right_after(target: Any, modifier: Any, span_between: Any) -> bool:
    """A forward trigger that reaches only the words straight after it."""
    return target.start == modifier.end


#: gaps16: what makes a sentence a watch or a return precaution ("Monitor for fever",
#: "Return if you develop redness", "call for", "seek care"), read before its explanation.
#: (extfix12, safety review) only an imperative or a condition opening the clause (or the
#: patient told to do one): the words anywhere in the sentence ("She reports jaundice, which
#: is a sign of liver disease", "He should continue lasix for edema, which ...") had hidden
#: the condition explained
_WATCH_CUE = re.compile(
    r"\s*(?:(?:and|then|please|also|otherwise|plan)\s+)*"
    r"(?:(?:(?:patient|pt|she|he|they|family|mother|parents?)\s+)?(?:was\s+|were\s+|is\s+)?"
    r"(?:told|instructed|advised|asked|educated|counseled)\s+to\s+)?"
    r"(?:monitor(?:ing)?|watch(?:ing)?|look\s+out|observe\s+for|return|call|seek|"
    r"come\s+back|go\s+(?:back\s+)?to|report|contact|notify|if)\b", re.I)
#: (extfix12) a return-precaution heading before the clause ("Return precautions: worsening
#: pain, which can be a sign of an abscess")
_WATCH_HEADING = re.compile(r"\b(?:warning\s+signs?|precautions?)\s*:\s*$", re.I)
#: gaps16: an explanation of a watched sign right before a finding (", which is a sign of
#: infection", ", which may indicate infection", ", which could be signs of an abscess"):
#: what the sign may mean, not a condition the note says is present
_SIGN_EXPLAINED = re.compile(
    r",?\s*\b(?:which|that)\s+(?:(?:is|are|may|might|can|could|would)\s+)?(?:be\s+)?"
    r"(?:(?:a|an|the)\s+)?(?:(?:early|possible|warning|common|serious)\s+)?"
    r"(?:signs?|symptoms?|indicators?|indications?|markers?)\s+of\s+(?:(?:a|an|the)\s+)?$|"
    r",?\s*\b(?:which|that)\s+(?:(?:may|might|can|could|would)\s+)?(?:indicates?|means?|"
    r"suggests?|signals?|signif(?:y|ies))\s+(?:(?:a|an|the)\s+)?(?:possible\s+)?$", re.I)


def _watched_explanation(text: str, start: int) -> bool:
    """gaps16: whether the finding at ``start`` of the sentence ``text`` is the condition a
    watched sign may mean (``_SIGN_EXPLAINED`` right before it, a ``_WATCH_CUE`` before that):
    "Monitor for fever, which is a sign of infection" (infection hypothetical, as the watched
    fever is); "She has fever, which is a sign of infection" has no cue and is left alone."""
    m = _SIGN_EXPLAINED.search(text, max(0, start - 80), start)
    if m is None or m.end() != start:
        return False
    # (extfix12) the cue opens the explained sign's clause (after a sentence break, a
    # semicolon or a colon), or a precaution heading ends right before that clause
    clause_at = max(text.rfind(c, 0, m.start()) for c in ".;:!?\n") + 1
    if _WATCH_CUE.match(text, clause_at):
        return True
    return text[clause_at - 1:clause_at] == ":" and bool(
        _WATCH_HEADING.search(text, 0, clause_at))


def _default_rules_revised() -> list:
    from medspacy.context import ConTextRule

    rules = ConTextRule.from_json(_default_rules_path())
    rules = [x for x in rules if x.literal not in _DROPPED_DEFAULTS]
    for x in rules:  # extfix14a: "family history of" ends at the patient's own clause
        if x.category == "FAMILY" and x.on_modifies is None:
            x.on_modifies = _family_history_scope
    return rules


def _stop_nor_lists(rules: list) -> list:
    """Give every forward negation without a callback the "nor"-list and "who"-clause stops
    (in place)."""
    for x in rules:
        if (x.category == "NEGATED_EXISTENCE" and x.direction.upper() in ("FORWARD",
                                                                          "BIDIRECTIONAL")
                and x.on_modifies is None):
            x.on_modifies = _forward_negation_scope
    # review of negfix: a "+"-marked list item is not negated; the items after it are
    for x in rules:
        if x.category == "NEGATED_EXISTENCE":
            x.on_modifies = _not_plus_marked(x.on_modifies)
    return rules


def _default_rules_path() -> str:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("medspacy")
    assert spec is not None and spec.origin is not None
    site = Path(spec.origin).parent.parent
    return str(site / "resources" / "en" / "context_rules.json")


def _extra_rules() -> list:
    from medspacy.context import ConTextRule

    def r(literal: str, category: str, direction: str = "FORWARD",
          pattern: list | None = None, **kw) -> ConTextRule:
        return ConTextRule(literal, category, direction=direction, pattern=pattern, **kw)

    neg, pseudo, term, hist = "NEGATED_EXISTENCE", "PSEUDO", "TERMINATE", "HISTORICAL"
    back = {"max_scope": 6}  # "X resolved", "X was negative": only the words just before
    rules = [
        # Pseudo-negations: phrases that contain a trigger but do not negate what follows.
        r("not only", pseudo, "PSEUDO"), r("no increase", pseudo, "PSEUDO"),
        r("no change", pseudo, "PSEUDO"), r("no significant change", pseudo, "PSEUDO"),
        r("not necessarily", pseudo, "PSEUDO"), r("not certain whether", pseudo, "PSEUDO"),
        r("without difficulty", pseudo, "PSEUDO"), r("gram negative", pseudo, "PSEUDO"),
        r("not drain", pseudo, "PSEUDO"), r("not extend", pseudo, "PSEUDO"),
        # issue 16 (negfix, MTSamples corpus check): "disruptive behavior disorder, not
        # otherwise specified, and possibly oppositional defiant disorder" (NOS names a
        # diagnosis, it negates nothing); "Not long after the patient returned from Mexico,
        # the patient started having progressive shortness of breath" (a time, not a denial)
        r("not otherwise specified", pseudo, "PSEUDO"),
        # issue 16 probe18: the clinician's puzzlement is no denial: "I really do not
        # understand why this young man continues to develop ingrown nails and infections",
        # "not sure why", "unclear why" (the finding after "why" is affirmed)
        r("not understand why", pseudo, "PSEUDO", pattern=[
            {"LOWER": {"IN": ["not", "n't", "never"]}}, {"LOWER": "really", "OP": "?"},
            {"LOWER": {"IN": ["understand", "know", "sure", "certain", "clear"]}},
            {"LOWER": {"IN": ["why", "how"]}}]),
        # issue 16 probe18: "There was no reported weakness, numbness, ... or lightheadedness"
        # (the "reported" terminator cut the "no" before its list: every item read present);
        # one trigger over both words, longer than the terminator, so it wins
        r("no reported", neg, "FORWARD", pattern=[
            {"LOWER": "no"}, {"LOWER": {"IN": ["reported", "noted", "documented", "observed",
                                               "witnessed", "described"]}}],
          on_modifies=_forward_negation_scope),
        # p18fix2 (safety review): "No noted change in the size of the breast mass", "no
        # reported worsening of his dyspnea": a change denied, not the finding (as the
        # "no change"/"no increase" pseudo-negations above; longer than "no reported", so it
        # wins over it)
        r("no reported change", pseudo, "PSEUDO", pattern=[
            {"LOWER": "no"}, {"LOWER": {"IN": ["reported", "noted", "documented", "observed",
                                               "witnessed", "described"]}},
            {"LOWER": {"IN": ["change", "changes", "increase", "decrease", "improvement",
                              "worsening", "resolution", "relief", "difficulty"]}}]),
        # issue 16 (negfix): a negated denial affirms ("does not deny chest pain", "no longer
        # denies suicidal ideation"; NegEx pseudo-negation, as the triage NegEx's _HEDGE)
        # (nf3: "no" only in "no longer denies"; "Alcohol: No Denies chest pain" is a "no"
        # answer then a denial, the chest pain absent)
        r("not deny", pseudo, "PSEUDO", pattern=[
            {"LOWER": {"IN": ["not", "n't", "never", "cannot"]}},
            {"LOWER": "longer", "OP": "?"},
            {"LOWER": {"IN": ["deny", "denies", "denied", "denying"]}}]),
        r("no longer deny", pseudo, "PSEUDO", pattern=[
            {"LOWER": "no"}, {"LOWER": "longer"},
            {"LOWER": {"IN": ["deny", "denies", "denied", "denying"]}}]),
        r("not long after", pseudo, "PSEUDO", pattern=[
            {"LOWER": "not"}, {"LOWER": "long"},
            {"LOWER": {"IN": ["after", "before", "afterwards", "afterward", "ago"]}}]),
        r("without contrast", pseudo, "PSEUDO"), r("with and without", pseudo, "PSEUDO"),
        r("no interval change", pseudo, "PSEUDO"), r("not been able", pseudo, "PSEUDO"),
        # probe7: "free fluid" / "free air" is an imaging finding, not the backward "free"
        # negation ("pain free"), whose trigger also cut a list's "no" scope ("no free fluid or
        # adenopathy" left adenopathy present)
        r("free fluid", pseudo, "PSEUDO", pattern=[
            {"LOWER": "free"}, {"LOWER": {"IN": ["fluid", "air", "intraperitoneal"]}}]),
        r("unable to rule out", "POSSIBLE_EXISTENCE", "FORWARD"),
        r("cannot be ruled out", "POSSIBLE_EXISTENCE", "BACKWARD", max_scope=8),
        r("could not be ruled out", "POSSIBLE_EXISTENCE", "BACKWARD", max_scope=8),
        r("cannot rule out", "POSSIBLE_EXISTENCE", "FORWARD"),
        # p17fix (review): "IMPRESSION: Cannot exclude appendicitis", "meningitis unlikely but
        # not excluded": a diagnosis left open, as "cannot rule out" (not the "excluded" verdict)
        # p17b (re-review): the tokenizer's "ca"+"n't" / "could"+"n't" ("Can't exclude",
        # "Couldn't exclude") and an adverb before the verb ("Cannot entirely exclude");
        # a "not" is required ("We can exclude myocardial infarction" is the verdict). The
        # forward reach stops at the patient's background ("Cannot exclude a small effusion
        # in a patient with known pneumonia": the pneumonia is stated, not in doubt)
        r("cannot exclude", "POSSIBLE_EXISTENCE", "FORWARD", on_modifies=_open_dx_scope,
          pattern=[_CAN, _NOT, _HEDGE_ADV, {"LOWER": "exclude"}]),
        r("cannot exclude", "POSSIBLE_EXISTENCE", "FORWARD", on_modifies=_open_dx_scope,
          pattern=[{"LOWER": "cannot"}, _HEDGE_ADV, {"LOWER": "exclude"}]),
        r("unable to exclude", "POSSIBLE_EXISTENCE", "FORWARD", on_modifies=_open_dx_scope,
          pattern=[{"LOWER": "unable"}, {"LOWER": "to"}, _HEDGE_ADV, {"LOWER": "exclude"}]),
        r("cannot rule out", "POSSIBLE_EXISTENCE", "FORWARD", on_modifies=_open_dx_scope,
          pattern=[_CAN, _NOT, _HEDGE_ADV, {"LOWER": "rule"}, {"LOWER": "out"}]),
        r("cannot rule out", "POSSIBLE_EXISTENCE", "FORWARD", on_modifies=_open_dx_scope,
          pattern=[{"LOWER": "cannot"}, _HEDGE_ADV, {"LOWER": "rule"}, {"LOWER": "out"}]),
        # "Appendicitis can't be ruled out", "cannot be entirely ruled out"
        r("cannot be ruled out", "POSSIBLE_EXISTENCE", "BACKWARD", max_scope=8, pattern=[
              _CAN, _NOT, {"LOWER": "be"}, _HEDGE_ADV, {"LOWER": "ruled"}, {"LOWER": "out"}]),
        # (a short backward reach: "consistent with lymphoma, though toxoplasmosis could not
        # be excluded" leaves lymphoma as stated; p17b: not across "and", a comma or a
        # semicolon: "He has diabetes and stroke is not excluded" leaves the diabetes stated)
        r("not excluded", "POSSIBLE_EXISTENCE", "BACKWARD", max_scope=3,
          on_modifies=_not_across_clause, pattern=[
            {"LOWER": {"IN": ["unlikely", "less"]}, "OP": "?"},
            {"LOWER": {"IN": ["but", "likely", "though"]}, "OP": "?"},
            {"LOWER": {"IN": ["is", "was", "are", "were", "has", "have", "ca", "can", "could"]},
             "OP": "?"},
            {"LOWER": {"IN": ["cannot", "not", "n't"]}}, {"LOWER": {"IN": ["be", "been"]}, "OP": "?"},
            _HEDGE_ADV, {"LOWER": "excluded"}]),
        r("versus", "POSSIBLE_EXISTENCE", "BIDIRECTIONAL", max_scope=4),
        r("vs", "POSSIBLE_EXISTENCE", "BIDIRECTIONAL", max_scope=4),
        r("likely", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=6),
        r("probable", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=4),
        # Extra negation triggers seen in discharge summaries and ED notes.
        # issue 16 (negfix): "Neg for fever; pos for cough" (abbreviated review of systems;
        # "neg for" is medspaCy's "negative for" rule)
        r("pos for", term, "TERMINATE", pattern=[{"LOWER": {"IN": ["pos", "pos.", "+ve"]}},
                                                 {"LOWER": "for"}]),
        r("-ve for", neg), r("no signs of", neg), r("no symptoms of", neg),
        r("no further episodes of", neg), r("no further signs", neg),
        r("denied", neg), r("denies", neg), r("denying", neg),
        # "nor" continues a negated list ("-ve for change in bowel habit, bleeding (occult nor
        # overt), change in weight, anemia"; "no fever nor chills, cough or vomiting"): as a
        # trigger of the same category it would cut the scope of the earlier "no"/"-ve for"
        # (medspaCy limits a modifier's scope at the next one of its category) and negate only
        # its next words. A different excluded-types set (no target has that label) keeps it
        # from limiting the list's trigger (issue 16 NegEx round 7).
        r("nor", neg, max_scope=4, excluded_types={"_LIST_CONTINUATION"}),
        # "neither fever nor chills": the first item is negated too
        r("neither", neg, max_scope=6),
        # "CVA with no residual hemiparesis and uterine cancer": the residual deficit of the
        # event just named is negated, not the next item of the list after "and"; an "or"
        # list stays negated ("no residual right-sided hemiparesis or aphasia")
        r("no residual", neg, "FORWARD", pattern=[
            {"LOWER": "with", "OP": "?"}, {"LOWER": {"IN": ["no", "without"]}},
            {"LOWER": "residual"}], max_scope=10, on_modifies=_not_after_and),
        # "X resolved": negated for ConText (the NegEx convention); the extraction pipeline
        # reads a finding negated only by it as historical (classify_detail's cue).
        # (extfix13d, safety review) not where it is denied ("has not resolved"), told of
        # the finding's first episode that came back ("initially resolved but returned
        # yesterday", "resolved, then recurred"), nor "resolving" (still there: "Acute
        # kidney injury, resolving", "resolving but still present"): see ``_resolved_now``
        r("resolved", neg, "BACKWARD", pattern=[{"LOWER": {"IN": ["resolved", "resolving"]}}],
          max_scope=12, on_modifies=_resolved_now),
        # "Suspected mastoiditis ruled out": the final word is that it is absent.
        r("ruled out", neg, "BACKWARD", pattern=[
            {"LOWER": {"IN": ["was", "were", "is", "been"]}, "OP": "?"},
            {"LOWER": "ruled"}, {"LOWER": "out"}], max_scope=6),
        # probe19: "He was ruled out for myocardial infarction with troponin x2": the verdict
        # before its diagnosis (the same "ruled out" cue, so the pipeline's ruled-out reading
        # holds); "admitted to rule out MI" stays a hedge ("to rule out")
        # (p19fix2: its direct object only, "ruled out for MI and pneumonia was diagnosed"
        # keeps pneumonia; not "being ruled out", still open)
        r("ruled out", neg, "FORWARD", pattern=[
            {"LOWER": {"IN": ["was", "were", "is", "been"]}, "OP": "?"},
            {"LOWER": "ruled"}, {"LOWER": "out"}, {"LOWER": "for"}], max_scope=4,
          on_modifies=_ruled_out_for_scope),
        # probe19: "complained of, what sounded like, amaurosis fugax", "this sounds like a viral
        # syndrome": the clinician's impression of a story, a hedge (possible)
        # (p19fix review: the likened thing only, "a cough that sounds like a seal bark, with
        # stridor"; not a clause, "it sounds like she has chest pain"; not "breath sounds")
        r("sounds like", "POSSIBLE_EXISTENCE", "FORWARD", pattern=[
            {"LOWER": {"IN": ["sounds", "sounded", "sounding"]}}, {"LOWER": "like"}],
          max_scope=3, on_modifies=_sounds_like_scope),
        # "Troponin negative x2, myocardial infarction excluded", "PE was excluded by CT":
        # a considered diagnosis settled as absent (review 2: a ruled-out differential)
        r("excluded", neg, "BACKWARD", pattern=[
            {"LOWER": {"IN": ["was", "were", "is", "been", "being"]}, "OP": "?"},
            {"LOWER": "excluded"}], max_scope=6),
        # ext13b: a diagnosis that still has to be excluded is open, not settled ("Sepsis
        # must be excluded", "PE needs to be excluded", "should exclude meningitis"): longer
        # than "excluded" / medspaCy's "to exclude", so it wins; "was excluded", "We can
        # exclude MI" stay the verdict
        r("must be excluded", "POSSIBLE_EXISTENCE", "BACKWARD", max_scope=6, pattern=[
            *_MUST, {"LOWER": "be"}, {"LOWER": "excluded"}], on_modifies=_not_across_clause),
        r("must exclude", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=8, pattern=[
            *_MUST, {"LOWER": "exclude"}], on_modifies=_open_dx_not_people),
        # "X 18 years ago", "in the past": a past event (historical).
        r("ago", hist, "BACKWARD", pattern=[{"LOWER": {"IN": ["ago", "earlier"]}}], max_scope=8),
        # probe13: "in the past several months has had some leg pain", "in the past 2 weeks":
        # a period reaching to now, not a past event (days, weeks, months; a year or more
        # stays open to past events)
        r("in the past few weeks", pseudo, "PSEUDO", pattern=[
            {"LOWER": {"IN": ["in", "over", "during", "for"]}}, {"LOWER": "the"},
            {"LOWER": {"IN": ["past", "last"]}},
            {"LOWER": {"REGEX": r"^(?:\d+|several|few|couple|one|two|three|four|five|six|"
                                r"seven|eight|nine|ten|many)$"}, "OP": "?"},
            {"LOWER": "of", "OP": "?"},
            {"LOWER": {"IN": ["hours", "day", "days", "week", "weeks", "month", "months"]}}]),
        r("in the past", hist, "BIDIRECTIONAL", max_scope=6, pattern=[
            {"LOWER": "in"}, {"LOWER": "the"},
            {"LOWER": {"IN": ["distant", "remote", "recent", "far"]}, "OP": "?"},
            {"LOWER": "past"}]),
        # "X-ray is negative for osteomyelitis": the finding after "for" is negated (the
        # backward "is negative" rule would otherwise take "negative" and miss it)
        r("is negative for", neg, "FORWARD", pattern=[
            {"LOWER": {"IN": ["is", "was", "were", "are", "be"]}},
            {"LOWER": {"IN": ["negative", "neg"]}}, {"LOWER": "for"}]),
        # p21fix: "cytology came back negative for malignancy" (the finding after "for", as
        # "is negative for"; longer than the backward "came back negative", so it wins)
        r("came back negative for", neg, "FORWARD", pattern=[
            {"LOWER": {"IN": ["came", "comes", "come", "returned", "returns"]}},
            {"LOWER": "back", "OP": "?"}, {"LOWER": {"IN": ["negative", "neg"]}},
            {"LOWER": "for"}]),
        # "ROS: Negative as far as sore throat, earache, or cough" (issue 16 problem probe)
        r("negative as far as", neg, "FORWARD", pattern=[
            {"LOWER": "negative"}, {"LOWER": "as"}, {"LOWER": "far"}, {"LOWER": "as"}]),
        r("not consistent with", neg, "FORWARD", pattern=[
            {"LOWER": {"IN": ["not", "nothing", "never"]}}, {"LOWER": "consistent"},
            {"LOWER": "with"}]),
        # "has never been diagnosed with hypertension", "has never had asthma", "has never
        # experienced seizures" (medspaCy's "never had/developed" names two verbs only; it is
        # dropped for this one). Not a bare "never" ("never smoked, but has COPD") and not a
        # verb of care or telling: "never been treated for her hypertension", "never told
        # anyone about his depression", "never reported/noticed X until today" keep X present
        # (review 3); the scope stops at a new clause or a first episode (_never_in_scope).
        r("never been diagnosed with", neg, "FORWARD", max_scope=8, pattern=[
            {"LOWER": "never"}, {"LOWER": {"IN": ["been", "ever"]}, "OP": "?"},
            {"LOWER": {"IN": ["diagnosed", "experienced", "suffered", "had", "developed"]}},
            {"LOWER": {"IN": ["with", "of", "from"]}, "OP": "?"}],
          on_modifies=_never_in_scope),
        # probe18: a sentence opened by a past date tells a past episode ("In 5/92 she was
        # involved in a motor vehicle accident and suffered a ... scalp laceration"):
        # historical, as "X 18 years ago" (chronic conditions are re-read present by the
        # caller, as after "ago"). Forward only: a year after an item dates that item or
        # another noun ("knee replacement in April 2004", "CT in 2005 was normal", probe13),
        # and never a finding told as lasting ("... and it is still painful", probe13 review)
        # (p18fix: its own target type, so that a mid-sentence date it does not apply to
        # leaves an earlier "status post" its scope: medspaCy limits a modifier's scope at a
        # later one of the same category unless their types differ; "status post CABG in
        # 1991, radical prostate cancer" read prostate cancer present)
        r("In 1992,", hist, "FORWARD", pattern=[{"LOWER": "in"}, *_DATE_TOKENS],
          max_scope=24, on_modifies=_dated_episode, excluded_types={"_DATED_EPISODE"}),
        r("previously", hist, "FORWARD", max_scope=4),
        r("last year", hist, "BACKWARD", pattern=[{"LOWER": {"IN": ["last", "this"]}},
                                                  {"LOWER": {"IN": ["year", "fall", "spring",
                                                                    "summer", "winter", "week",
                                                                    "month"]}}],
          max_scope=8),
        # "..., which has since resolved": longer than the "which" terminator, so it wins
        # (ext13b: not widened to "which resolved / cleared" without "has": an episode told in
        # the history, "awoke with left hemiplegia and dysarthria which cleared within 15
        # minutes" (mts-1589), would then replace the chief complaint's present reading;
        # the stay's own wording is read by the "initially" / "on admission" rule below)
        r("which has resolved", neg, "BACKWARD", pattern=[
            {"LOWER": {"IN": ["which", "that"]}}, {"LOWER": {"IN": ["has", "have", "had"]}},
            {"LOWER": {"IN": ["since", "now", "completely", "all"]}, "OP": "?"},
            {"LOWER": {"IN": ["resolved", "cleared"]}}], max_scope=12),
        # ext13b: a state told at first and its end in the same sentence ("Initially
        # febrile, now afebrile", "He was confused initially but this cleared"): a past
        # episode, read as "resolved" (historical); see ``_initially_then_resolved`` (its
        # own target type, so that it neither cuts nor is cut by another negation's scope:
        # "Hypotension on admission, resolved with fluids" keeps the "resolved" reading)
        r("resolved", neg, "BIDIRECTIONAL", max_scope=10, pattern=[
            {"LOWER": {"IN": ["initially", "originally"]}}],
          on_modifies=_initially_then_resolved, excluded_types={"_INITIALLY"},
          metadata={"needs": _RESOLUTION_WORDS}),
        r("resolved", neg, "BIDIRECTIONAL", max_scope=10, pattern=[
            {"LOWER": {"IN": ["on", "at", "upon"]}},
            {"LOWER": {"IN": ["admission", "arrival", "presentation", "first"]}}],
          on_modifies=_initially_then_resolved, excluded_types={"_INITIALLY"},
          metadata={"needs": _RESOLUTION_WORDS}),
        # Hedges: the working diagnosis, what the clinician suspects, what is to be ruled out.
        r("working diagnosis", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=8),
        r("suspect", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=10, pattern=[
            {"LOWER": {"IN": ["suspect", "suspects", "suspected", "suspicion", "presumed",
                              "presumptive", "questionable", "query", "?"]}}]),
        r("concern for", "POSSIBLE_EXISTENCE", "FORWARD", pattern=[
            {"LOWER": {"IN": ["concern", "concerning", "concerned"]}},
            {"LOWER": {"IN": ["for", "about"]}}], max_scope=8),
        r("thinks he has", "POSSIBLE_EXISTENCE", "FORWARD", pattern=[
            {"LOWER": {"IN": ["thinks", "think", "thought", "believes", "feels"]}},
            {"LOWER": {"IN": ["he", "she", "they", "it", "this", "that"]}, "OP": "?"},
            {"LOWER": {"IN": ["has", "had", "have", "is", "was", "may", "might"]}}],
          max_scope=6),
        r("suggested that", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=8),
        # probe25 (mts-1580): "with suggestion of some minimal overlying chondromalacia": an
        # imaging finding named as suggested (pyConText's "suggest" hedge); not "no suggestion
        # of" (a negation) nor "at the suggestion of her doctor" (someone's advice)
        r("suggestion of", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=6, pattern=[
            {"LOWER": {"IN": ["suggestion", "suggestions"]}}, {"LOWER": "of"}],
          on_modifies=_hedged_suggestion),
        r("to rule out", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=8),
        # "Dopplers to evaluate for DVT", "echo to evaluate for endocarditis": what a test is
        # for is suspected, not ruled out (medspaCy's default reads "evaluate for" as a
        # negation; dropped above). Not "was evaluated for chest pain": seen for it (present).
        # Issue 16 NegEx round 7.
        r("evaluate for", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=8, pattern=[
            {"LOWER": {"IN": ["evaluate", "evaluating", "assess"]}},
            {"LOWER": "for"}], on_modifies=_not_known),
        # probe13 (corpus check): "Varicosities are not observed", "Edema is not present":
        # a finding, then its verb negated ("not" alone negates forward only)
        r("is not present", neg, "BACKWARD", pattern=[
            {"LOWER": {"IN": ["is", "are", "was", "were"]}}, {"LOWER": "not"},
            {"LOWER": {"IN": ["present", "seen", "observed", "noted", "appreciated",
                              "identified", "detected", "found", "visualized", "evident"]}}],
          max_scope=3, on_modifies=_absent_after_finding),
        r("absent", neg, "BACKWARD", pattern=[
            {"LOWER": {"IN": ["is", "are", "was", "were"]}, "OP": "?"}, {"LOWER": "absent"}],
          max_scope=2, on_modifies=_absent_after_finding),
        # probe13 (corpus check): "venous engorgement with question varicosities": "question"
        # as the adjective right before the finding is a hedge (questionable)
        r("question", "POSSIBLE_EXISTENCE", "FORWARD", pattern=[{"LOWER": "question"}],
          max_scope=2, on_modifies=_right_after),
        # probe13: "an overnight sleep study to evaluate obstructive sleep apnea syndrome": a
        # test's target without "for" is suspected too (a test word right before "to")
        # review of probe13: only the sleep-study form (a test ordered "to evaluate" a
        # symptom the patient has, "Colonoscopy to evaluate the rectal bleeding", "Labs to
        # assess anemia. Hemoglobin 7.2", hedged a present finding)
        r("study to evaluate", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=8, pattern=[
            {"LOWER": "sleep"}, {"LOWER": {"IN": ["study", "studies"]}},
            {"LOWER": "to"}, {"LOWER": {"IN": ["evaluate", "assess", "exclude"]}}],
          on_modifies=_not_known),
        r("polysomnogram to evaluate", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=8, pattern=[
            {"LOWER": {"IN": ["polysomnogram", "polysomnography"]}},
            {"LOWER": "to"}, {"LOWER": {"IN": ["evaluate", "assess", "exclude"]}}],
          on_modifies=_not_known),
        # "probably due to a viral infection", "likely consistent with cellulitis": the hedge
        # reaches over "due to" / "consistent with" (both end a trigger's scope otherwise);
        # the longer modifier wins over the terminator it contains. Issue 16 NegEx round 7.
        r("probably due to", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=6, pattern=[
            {"LOWER": "most", "OP": "?"},
            {"LOWER": {"IN": ["probably", "likely", "possibly", "presumably", "perhaps"]}},
            {"LOWER": {"IN": ["is", "was", "are", "were", "be"]}, "OP": "?"},
            {"LOWER": {"IN": ["due", "secondary", "related", "attributable", "consistent",
                              "from"]}},
            {"LOWER": {"IN": ["to", "with"]}, "OP": "?"}], on_modifies=_not_known),
        r("may have", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=6),
        # probe17: "enlargement of the main pulmonary artery as can be seen with pulmonary
        # arterial hypertension": an imaging finding's differential, named as a possibility
        r("as can be seen with", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=6, pattern=[
            {"LOWER": "as", "OP": "?"}, {"LOWER": {"IN": ["can", "may", "might", "could"]}},
            {"LOWER": "be"}, {"LOWER": {"IN": ["seen", "found", "observed"]}},
            {"LOWER": {"IN": ["with", "in"]}}], on_modifies=_not_known),
        # probe17: "The lungs are clear of any abnormal airspace consolidation, pleural
        # effusion, or pneumothorax": "clear of" negates its list as "free of" does
        r("clear of", neg, "FORWARD", pattern=[
            {"LOWER": "clear"}, {"LOWER": "of"}, {"LOWER": "any", "OP": "?"}]),
        r("differential", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=10),
        # probe23 (mts-1568): "Hemangioma should be considered in the differential diagnosis",
        # "Lymphoma is in the differential": a diagnosis named as one to consider comes before
        # its hedge; only the condition right before it ("Pneumonia and admission should be
        # considered" keeps pneumonia), and "considered" followed by "in" / "as" / the
        # sentence's end ("Diabetes should be considered controlled" is no hedge)
        # (extfix12, safety review) only "in the differential (diagnosis)", "as a (possible)
        # cause / diagnosis / etiology" or the sentence's end: "Her renal failure should be
        # considered in dosing of antibiotics" is a known condition weighed in a plan; and
        # never over a condition stated as the patient's (``_adjacent_unowned``)
        # ("in" ends the match, "the differential" checked after it: the forward
        # "differential" rule keeps reading what follows, "... in the differential for the
        # rash")
        r("should be considered", "POSSIBLE_EXISTENCE", "BACKWARD", max_scope=3, pattern=[
            *_CONSIDERED, {"LOWER": "in"}], on_modifies=_in_differential_unowned),
        r("should be considered", "POSSIBLE_EXISTENCE", "BACKWARD", max_scope=3, pattern=[
            *_CONSIDERED, {"LOWER": "as"}, {"LOWER": {"IN": ["a", "an", "the"]}, "OP": "?"},
            {"LOWER": {"IN": ["possible", "potential", "likely", "probable"]}, "OP": "?"},
            {"LOWER": {"IN": ["cause", "diagnosis", "etiology", "aetiology", "source"]}}],
          on_modifies=_adjacent_unowned),
        r("should be considered", "POSSIBLE_EXISTENCE", "BACKWARD", max_scope=3, pattern=[
            *_CONSIDERED, {"LOWER": {"IN": [".", ";"]}}], on_modifies=_adjacent_unowned),
        # (extfix12, review of probe23) "Screening for mood disorder with PHQ-9 negative":
        # the screen's negative result (only a result word right after the screened
        # condition and its instrument: "Screening for X." alone is left as it was)
        r("screening for", neg, "FORWARD", max_scope=4, pattern=[
            {"LOWER": {"IN": ["screening", "screened", "screen"]}}, {"LOWER": "for"}],
          on_modifies=_screen_negative),
        r("is in the differential", "POSSIBLE_EXISTENCE", "BACKWARD", max_scope=3, pattern=[
            {"LOWER": {"IN": ["is", "are", "remains", "remain"]}},
            {"LOWER": "also", "OP": "?"}, {"LOWER": {"IN": ["in", "on"]}},
            {"LOWER": "the"}, {"LOWER": "differential"}], on_modifies=_adjacent),
        r("is negative", neg, "BACKWARD", pattern=[{"LOWER": {"IN": ["is", "was", "were",
                                                                    "are"]}},
                                                    {"LOWER": "negative"}], **back),
        # probe21 (corpus, mts-3399): "A C. diff toxin was sent and came back negative": a
        # test result returned negative (the test's own words only, "back" scope)
        r("came back negative", neg, "BACKWARD", pattern=[
            {"LOWER": {"IN": ["came", "comes", "come", "returned", "returns"]}},
            {"LOWER": "back", "OP": "?"}, {"LOWER": {"IN": ["negative", "neg"]}},
            # not "came back negative for X" (the "negative for" rule negates X)
            {"LOWER": {"NOT_IN": ["for", "as"]}, "OP": "?"}], on_modifies=_own_test_before,
          **back),
        # issue 16 (negfix): "fever - no, cough - yes" as "Fever: no." (not "Extremities - no
        # edema": the "no" must end the item); only its own item ("cough - yes, fever - no")
        r(": no.", neg, "BACKWARD", pattern=[{"TEXT": {"IN": [":", "-"]}}, {"LOWER": "no"},
                                             {"IS_PUNCT": True}],
          on_modifies=_own_item_before, **back),
        r("none", neg, "BACKWARD", pattern=[{"TEXT": {"IN": ["-", ":"]}},
                                            {"LOWER": "none"}],
          **back),
        # "brought in by his father", "per mother": a relative as informant, not as patient
        r("brought by", pseudo, "PSEUDO", pattern=[
            {"LOWER": {"IN": ["brought", "accompanied", "seen", "here"]}},
            {"LOWER": "in", "OP": "?"}, {"LOWER": {"IN": ["by", "with"]}},
            {"LOWER": {"IN": ["his", "her", "their", "the"]}, "OP": "?"},
            {"LOWER": {"IN": ["mother", "father", "mom", "dad", "parents", "parent", "son",
                              "daughter", "wife", "husband", "family", "sister", "brother"]}}]),
        # extfix13d (corpus check, mts-70): the relative the clinician spoke to ("I talked to
        # the mother and told her that ... the swelling that is present", "I spoke with his
        # mother about the cough"): the relative as addressee, not a relative's condition
        r("talked to the mother", pseudo, "PSEUDO", pattern=[
            {"LOWER": {"IN": ["talked", "spoke", "spoken", "speaking", "discussed", "explained",
                              "counseled", "counselled", "reassured", "informed", "advised",
                              "instructed", "updated", "called", "told"]}},
            {"LOWER": {"IN": ["to", "with"]}, "OP": "?"},
            {"LOWER": {"IN": ["his", "her", "their", "the"]}, "OP": "?"},
            {"LOWER": {"IN": ["patient", "patient's", "'s"]}, "OP": "*"},
            {"LOWER": {"IN": ["mother", "father", "mom", "dad", "parents", "parent", "son",
                              "daughter", "wife", "husband", "family", "sister", "brother"]}}]),
        # p17fix (review, corpus 738): "this event triggered her family to bring her to the
        # emergency room": the relative as the one who brought the patient, not a relative's
        # condition
        r("family to bring", pseudo, "PSEUDO", pattern=[
            {"LOWER": {"IN": ["mother", "father", "mom", "dad", "parents", "parent", "son",
                              "daughter", "wife", "husband", "family", "sister", "brother"]}},
            {"LOWER": "to"}, {"LOWER": {"IN": ["bring", "take", "call", "drive", "seek"]}}]),
        # probe24: a hospital named for children ("admitted to Children's Hospital for
        # asthma", "Dr. X of Children's Hospital ... diagnosed as a conversion disorder") is a
        # place, not a relative: the children's word is no family trigger there. Only the
        # name as written, capitalised ("her children's hospital stays" stays the children's)
        r("children's hospital", pseudo, "PSEUDO", pattern=[
            {"TEXT": {"IN": ["Children", "Childrens", "Children's", "CHILDREN", "CHILDRENS",
                             "CHILDREN'S"]}},
            {"LOWER": {"IN": ["'s", "\u2019s"]}, "OP": "?"},
            {"LOWER": {"IN": ["hospital", "hospitals", "medical", "clinic", "clinics",
                              "center", "centre", "healthcare", "health", "mercy"]},
             "IS_LOWER": False}]),
        # "his mother has described ...", "mom reports ...": the relative as informant
        r("mother reports", pseudo, "PSEUDO", pattern=[
            {"LOWER": {"IN": ["mother", "father", "mom", "dad", "parents", "parent", "wife",
                              "husband", "daughter", "son", "family", "grandmother"]}},
            {"LOWER": {"IN": ["has", "had", "have", "also"]}, "OP": "?"},
            {"LOWER": {"IN": ["reports", "reported", "states", "stated", "describes",
                              "described", "notes", "noted", "noticed", "says", "said",
                              "feels", "felt", "thinks", "thought",
                              "is", "was", "brings", "brought", "gives", "gave"]}}]),
        # "the patient's daughter denied delusions": an informant's denial negates (one
        # trigger over the relative's word, so no family reading either)
        r("mother denies", neg, "FORWARD", pattern=[
            {"LOWER": {"IN": ["mother", "father", "mom", "dad", "parents", "parent", "wife",
                              "husband", "daughter", "son", "family", "grandmother"]}},
            {"LOWER": {"IN": ["has", "had", "also"]}, "OP": "?"},
            {"LOWER": {"IN": ["denies", "denied"]}}]),
        # probe6: a relative as companion or as the one told ("presents with her mother for
        # evaluation of headache", "Parents were made aware ... child did have a murmur")
        r("with her mother for", pseudo, "PSEUDO", pattern=[
            {"LOWER": "with"}, {"LOWER": {"IN": ["his", "her", "their", "the"]}, "OP": "?"},
            {"LOWER": {"IN": ["mother", "father", "mom", "dad", "parents", "parent"]}},
            {"LOWER": {"IN": ["for", "to"]}}]),
        r("parents were told", pseudo, "PSEUDO", pattern=[
            {"LOWER": {"IN": ["mother", "father", "mom", "dad", "parents", "parent", "family"]}},
            {"LOWER": {"IN": ["was", "were"]}},
            {"LOWER": {"IN": ["made", "told", "informed", "advised", "counseled", "updated",
                              "kept", "reassured"]}}]),
        # "There is a question if there is mild fluid overload": a hedge, not a condition
        # (probe6; one trigger over "if", so no hypothetical reading)
        r("question if", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=8, pattern=[
            {"LOWER": "question"}, {"LOWER": {"IN": ["if", "whether", "of"]}}]),
        # probe8: "It was not clear if this represents a healing ulcer or neoplasm", "unclear
        # whether ...": a hedge, not the negation of what follows
        r("not clear if", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=10, pattern=[
            {"LOWER": "not"}, {"LOWER": {"IN": ["clear", "certain", "sure", "known"]}},
            {"LOWER": {"IN": ["if", "whether"]}}]),
        r("unclear if", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=10, pattern=[
            {"LOWER": {"IN": ["unclear", "uncertain", "unknown"]}},
            {"LOWER": {"IN": ["if", "whether"]}}]),
        # "it was thought the patient was septic": a hedge (probe6)
        r("it was thought", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=8, pattern=[
            {"LOWER": "it"}, {"LOWER": {"IN": ["was", "is"]}},
            {"LOWER": {"IN": ["thought", "felt", "suspected"]}}]),
        # probe7: imaging and consult hedges ("may represent hemorrhage or calcification",
        # "could be due to either radiation injury and/or metastasis", "may have been related
        # to recent episode of viral infection"): an explanation offered, not a finding
        r("may represent", "POSSIBLE_EXISTENCE", "FORWARD", max_scope=8, pattern=[
            {"LOWER": {"IN": ["may", "might", "could"]}},
            {"LOWER": {"IN": ["have", "be"]}, "OP": "?"}, {"LOWER": "been", "OP": "?"},
            {"LOWER": {"IN": ["represent", "reflect", "indicate", "related", "due",
                              "secondary", "attributable", "caused"]}},
            {"LOWER": {"IN": ["to", "by"]}, "OP": "?"}, {"LOWER": "either", "OP": "?"}]),
        # probe7: a past episode told as the story of the first visit ("I initially saw him
        # for thrombocytopenia", "She presented initially with a left frontal orbital
        # swelling", "was found to have X at that time"); "initially presented" stays unread
        # (often the current admission's first complaint)
        r("initially saw", hist, "FORWARD", max_scope=8, pattern=[
            {"LOWER": {"IN": ["initially", "originally", "first"]}},
            {"LOWER": {"IN": ["saw", "seen", "evaluated", "consulted"]}}]),
        r("presented initially", hist, "FORWARD", max_scope=8, pattern=[
            {"LOWER": {"IN": ["presented", "presenting"]}},
            {"LOWER": {"IN": ["initially", "originally", "first"]}}]),
        r("at that time", hist, "BACKWARD", max_scope=8, pattern=[
            {"LOWER": "at"}, {"LOWER": "that"}, {"LOWER": "time"}, {"IS_PUNCT": True}]),
        # probe7: a relative as the one who found or saw the patient ("her husband awoke ...
        # he found her unresponsive"): the patient's finding, no family history
        r("husband found", pseudo, "PSEUDO", pattern=[
            {"LOWER": {"IN": ["mother", "father", "mom", "dad", "parents", "parent", "wife",
                              "husband", "daughter", "son", "family", "sister", "brother",
                              "grandmother", "spouse", "partner", "boyfriend", "girlfriend"]}},
            {"LOWER": {"IN": ["found", "noticed", "discovered", "awoke", "woke", "witnessed",
                              "saw", "heard", "called"]}}]),
        # probe22fix (safety review, mts-1769): a relative told something ("Her friends
        # report to the parents that she is suicidal", "told the mother that she was"): the
        # relative receives the report, is not the subject
        # (re-review, 2026-12-06) whatever the pronoun after "that": in a child's note "told
        # the mother that she has bronchiolitis" is the patient's (a gendered reading made
        # paediatric diagnoses family); "told the mother that she has mastitis" then reads as
        # the patient's, the lesser error
        r("report to the parents that", pseudo, "PSEUDO", pattern=[
            {"LOWER": {"IN": ["report", "reports", "reported", "told", "tell", "tells",
                              "informed", "inform", "informs", "notified", "explained",
                              "said", "says", "confided"]}},
            {"LOWER": "to", "OP": "?"},
            {"LOWER": {"IN": ["his", "her", "their", "the"]}, "OP": "?"},
            {"LOWER": {"IN": ["mother", "father", "mom", "dad", "parents", "parent", "family",
                              "wife", "husband", "sister", "brother", "grandmother",
                              "grandfather", "grandparents", "aunt", "uncle"]}},
            {"LOWER": "that"}]),
        # probe22fix: a bare "Child is irritable" opening the sentence: the patient
        r("child is", pseudo, "PSEUDO", pattern=[
            {"IS_SENT_START": True,
             "LOWER": {"IN": ["child", "baby", "infant", "newborn", "toddler"]}},
            {"LOWER": {"IN": ["is", "was", "has", "had", "appears", "seems", "remains"]}}]),
        # in a child's note "the child"/"the baby" is the patient, not a relative
        r("the child", pseudo, "PSEUDO", pattern=[
            {"LOWER": {"IN": ["the", "this", "a", "that"]}},
            {"LOWER": {"IN": ["child", "baby", "infant", "newborn", "boy", "girl", "toddler"]}}]),
        r("per mother", pseudo, "PSEUDO", pattern=[
            {"LOWER": {"IN": ["per", "according"]}}, {"LOWER": "to", "OP": "?"},
            {"LOWER": {"IN": ["his", "her", "the"]}, "OP": "?"},
            {"LOWER": {"IN": ["mother", "father", "mom", "dad", "parents", "wife", "husband",
                              "daughter", "son", "family"]}}]),
        # probe13: review-of-systems templates mark each item "(+)" or "(-)" ("Neurological:
        # (-) numbness Musculoskeletal: (-) back pain (-) decreased ROM"): "(-)" negates the
        # words after it up to the next "(+)" (checked on the words between, not by a
        # TERMINATE rule: medspaCy's overlap test misses a terminator whose sentence-wide
        # scope contains this trigger's max-scope-limited one)
        # issue 16 (negfix): also after its item ("Fever (-), cough (+), chills (-)"): the
        # word right before it, the marker then ending the item (_minus_marker)
        r("(-)", neg, "BIDIRECTIONAL", pattern=[{"ORTH": "("}, {"ORTH": "-"}, {"ORTH": ")"}],
          max_scope=6, on_modifies=_minus_marker),
        # review: "(-)breathing difficulties" (glued; the tokenizer splits "(", "-)", word)
        r("(-)glued", neg, pattern=[{"ORTH": "("}, {"ORTH": "-)"}], max_scope=6,
          on_modifies=_no_plus_marker),
        # probe13: a relative named after the condition ("a history of gallstone pancreatitis
        # in the patient's sister", "diabetes in his brother"): the relative's, backward
        # (its own excluded-types set: a trigger of the same category would otherwise cut the
        # scope of an earlier "family history of" before the relative, as "nor" above)
        r("in his sister", "FAMILY", "BACKWARD", excluded_types={"_RELATIVE_AFTER"}, pattern=[
            {"LOWER": "in"}, {"LOWER": {"IN": ["his", "her", "their", "the", "patient", "a"]}},
            {"LOWER": {"IN": ["patient", "'s", "patient's"]}, "OP": "*"},
            {"LOWER": {"IN": ["mother", "father", "sister", "sisters", "brother", "brothers",
                              "son", "sons", "daughter", "daughters", "aunt", "uncle",
                              "grandmother", "grandfather", "cousin", "siblings", "parents",
                              "maternal", "paternal"]}}], max_scope=8,
          on_modifies=_relative_right_after),
        # probe18: a relative's condition told in a relative clause after the relative ("brought
        # in by her mother who has schizophrenia", "lives with her father, who had a stroke"):
        # the relative's, even where the relative is the informant or companion (the "brought
        # by" pseudo-trigger covers the relative's word, so its own family trigger is gone)
        r("mother who has", "FAMILY", "FORWARD", excluded_types={"_RELATIVE_WHO"}, pattern=[
            {"LOWER": {"IN": ["who", "whom"]}},
            {"LOWER": {"IN": ["also", "herself", "himself", "now"]}, "OP": "?"},
            # p18fix2 (safety review): only has/had ("her mother, who is a nurse, reports
            # chest pain": is/was tells who the relative is, not the relative's condition)
            {"LOWER": {"IN": ["has", "had", "have"]}}], max_scope=8,
          on_modifies=_after_relative),
        # ext14a: the abbreviation "FH" / "FHx" (family history; the list of medical
        # abbreviations' "FH: family history") before what it names: "FH of colon cancer,
        # presents for colonoscopy" (colon cancer read the patient's); as "family history of",
        # a presentation verb ends the scope. Only with its preposition or "significant /
        # positive / notable for" ("FH: ..." is a section title, read by the sections)
        r("fh of", "FAMILY", "FORWARD", pattern=[
            {"LOWER": {"IN": ["fh", "fhx"]}},
            {"LOWER": {"IN": ["of", "significant", "positive", "notable", "remarkable", "+"]}}],
          on_modifies=_family_history_scope),
        # ext14a: a statement about a population ("Patients with sepsis must be excluded",
        # "In patients with renal failure, dose should be reduced", "Patients who have
        # diabetes should have annual eye exams"): guideline or protocol language, not this
        # patient's problem. Only the plural noun ("the patient with sepsis", "this patient
        # with COPD" are the patient's) and only the words right after it
        r("patients with", "HYPOTHETICAL", "FORWARD", max_scope=5, pattern=[
            {"LOWER": {"IN": ["patients", "subjects", "individuals", "persons", "people"]}},
            {"LOWER": {"IN": ["with", "who"]}},
            {"LOWER": {"IN": ["have", "had", "are", "develop", "suffer"]}, "OP": "?"},
            {"LOWER": {"IN": ["from", "with"]}, "OP": "?"}],
          on_modifies=_population_noun),
        # probe13: "this is her third child": the patient's own obstetric count, no relative's
        # finding ("... with one miscarriage" is hers)
        r("third child", pseudo, "PSEUDO", pattern=[
            {"LOWER": {"IN": ["first", "second", "third", "fourth", "fifth", "sixth", "1st",
                              "2nd", "3rd", "4th", "5th"]}},
            {"LOWER": {"IN": ["child", "baby", "pregnancy", "delivery"]}}]),
        # History of a past event (chronic conditions are re-read as present by the caller).
        r("hx of", hist, max_scope=6), r("prior", hist, max_scope=4), r("previous", hist, max_scope=4),
        r("remote", hist, max_scope=4),
        r("s/p", hist, max_scope=8, on_modifies=_status_post_item),
        r("status post", hist, max_scope=8, on_modifies=_status_post_item),
        # "negative for fever and (+) for cough, vomiting": "(+) for" is "positive for" (its
        # terminator), so the items after it are not negated (review of negfix)
        r("(+) for", term, "TERMINATE", pattern=[
            {"ORTH": "(", "OP": "?"}, {"ORTH": {"IN": ["+", "+)"]}}, {"ORTH": ")", "OP": "?"},
            {"LOWER": "for"}]),
        # Clause boundaries end a trigger's scope.
        r("however", term, "TERMINATE"), r("although", term, "TERMINATE"),
        r("though", term, "TERMINATE"), r("which", term, "TERMINATE"),
        r("except", term, "TERMINATE"), r("positive for", term, "TERMINATE"),
r("due to", term, "TERMINATE"),
        r("cause of", term, "TERMINATE"), r("etiology of", term, "TERMINATE"),
        r("presenting with", term, "TERMINATE"), r("presents with", term, "TERMINATE"),
        r("consistent with", term, "TERMINATE"), r("still", term, "TERMINATE"),
        # issue 16 (negfix, corpus check): "He denies any weakness per se, just clumsiness
        # and decreased sensation", "no pain, only pressure": what the patient does have
        r(", just", term, "TERMINATE", pattern=[{"ORTH": {"IN": [",", ";"]}}, {"LOWER": {
            "IN": ["just", "only", "merely", "simply"]}}]),
        # (review of negfix: no "compatible with" stop: "Findings are not compatible with
        # appendicitis", "This may be compatible with early appendicitis" keep their cue)
        # issue 16 (negfix): "Her cervix was not ripe, so she was given a dose of Cytotec ...
        # she was having frequent contractions": a consequence clause of a new subject
        r("so she", term, "TERMINATE", pattern=[{"LOWER": "so"}, {"LOWER": {"IN": [
            "he", "she", "they", "we", "i"]}}]),
        r("states", term, "TERMINATE", pattern=[{"LOWER": {"IN": [
            "states", "stated", "reports", "reported", "says", "said", "notes", "noted",
            "noticed"]}}]),
        # a new subject after "and" opens a new clause, possessives too: "was not started on
        # any antibiotics and his fever resolved" (the fever is not negated by the "not")
        r("and he", term, "TERMINATE", pattern=[{"LOWER": "and"}, {"LOWER": "the", "OP": "?"},
                                                {"LOWER": {"IN": ["he", "she", "they",
                                                                  "patient", "his", "her",
                                                                  "their"]}}]),
        # a conclusion opens a new clause: "we could not obtain blood ..., and therefore, we
        # decided that the chance of cure of hyperparathyroidism ..." (not negated)
        r("therefore", term, "TERMINATE", pattern=[{"LOWER": {"IN": [
            "therefore", "thus", "hence", "consequently", "decided"]}}]),
        # a second verb of the same subject after "and" opens a new clause: "has not vomited
        # and has some photophobia"
        r("and has", term, "TERMINATE", pattern=[{"LOWER": "and"}, {"LOWER": {"IN": [
            "has", "had", "have"]}}]),
        r("with the exception of", term, "TERMINATE"), r("other than", term, "TERMINATE"),
        # probe21: the admission opens the presentation, as "presents with" does: "a man with
        # no previous history of heart disease, was admitted to rule out MI" (the MI is
        # hedged, not denied)
        r("was admitted", term, "TERMINATE", pattern=[{"LOWER": {"IN": [
            "was", "is", "were", "being", "got"]}}, {"LOWER": "admitted"}]),
        # a study's own verb opens a new finding clause: "CT of the abdomen revealed no
        # metastasis, a CT of the chest revealed possible lung metastasis"
        r("revealed", term, "TERMINATE", pattern=[{"LOWER": {"IN": [
            "revealed", "reveals", "showed", "shows", "demonstrated", "demonstrates"]}}]),
        # ext13d (probe24, mts-2496): the patient's own verb of presentation opens the
        # presenting clause and ends an earlier cue's scope ("This 32-year-old with family
        # history of premature CAD came in for evaluation of recurrent chest pain", "a man
        # with a family history of CAD presented with chest pain", "... is here for
        # fatigue", "... complains of headache"); "presents with" and "reports" are above
        r("came in", term, "TERMINATE", pattern=[
            {"LOWER": {"IN": ["came", "comes", "come", "coming"]}},
            {"LOWER": {"IN": ["in", "into", "to", "for", "today", "back"]}}]),
        r("presented", term, "TERMINATE", pattern=[
            {"LOWER": {"IN": ["presents", "presented", "presenting", "presentation"]}},
            {"LOWER": {"IN": ["with", "to", "for", "today", "in", "at", "on", "after",
                              "complaining", "because"]}}]),
        r("is here", term, "TERMINATE", pattern=[
            {"LOWER": {"IN": ["is", "was", "are", "were"]}}, {"LOWER": "here"}]),
        r("complains", term, "TERMINATE", pattern=[
            {"LOWER": {"IN": ["complains", "complained", "complaining", "c/o"]}}]),
        # ... but not a denied complaint ("He may have reflux symptoms, without complaining
        # of heartburn", "is not complaining of pain": the negation goes on, mts-882) ...
        r("without complaining of", neg, pattern=[
            {"LOWER": {"IN": ["without", "not", "never", "nor"]}},
            {"LOWER": {"IN": ["complaining", "complained", "complains"]}},
            {"LOWER": {"IN": ["of", "about"]}, "OP": "?"}]),
        # ... and a relative's own verb keeps the relative's scope ("her mother, who
        # complains of headaches", "a brother who presented with a stroke at 50"): a family
        # trigger over the relative's word and the verb; only right after the relative's word
        # ("a woman with a family history of CAD who presents with an acute MI" is the
        # patient's, mts-1114)
        r("mother who complains", "FAMILY", "FORWARD", max_scope=10, pattern=[
            {"LOWER": {"IN": ["mother", "father", "mom", "dad", "parent", "parents", "sister",
                              "brother", "sibling", "siblings", "son", "daughter", "aunt",
                              "uncle", "grandmother", "grandfather", "cousin", "wife",
                              "husband"]}},
            {"ORTH": ",", "OP": "?"},
            {"LOWER": {"IN": ["who", "whom"]}},
            {"LOWER": {"IN": ["also", "now", "has", "had", "recently"]}, "OP": "?"},
            # extfix13d (safety review): no "reports"/"came"/"comes": those tell who brought
            # or told ("History obtained from his wife, who reports he has had chest pain",
            # "her daughter, who came with her, says she fell": the patient's)
            {"LOWER": {"IN": ["complains", "complained", "presents", "presented"]}}],
          on_modifies=_relative_own_verb),
    ]
    return [x for x in rules if x is not None]


@dataclass
class AssertionEngine:
    """ConText over short texts (one sentence each) with target character spans."""

    extended: bool = True

    def __post_init__(self) -> None:
        _silence_loguru()
        import spacy
        from medspacy.context import ConText

        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        if self.extended:
            # review of probe13: "(-)breathing difficulties": "-)" glued to a word is split
            # off (the "(-)glued" rule), so the finding's words are tokens of their own
            from spacy.util import compile_infix_regex, compile_prefix_regex

            # (and "(+)cough": its marker must stop a "(-)" before it, review of probe14)
            prefixes = [r"[-+]\)(?=[A-Za-z])", *self.nlp.Defaults.prefixes]
            self.nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
            # "fever,(+)cough": a comma glued to the next marker splits too
            # ("fever,(+)cough,(-)dyspnea": "(" and "+)" / "-)" each their own token, as the
            # glued rule and the "(+)" stop expect)
            # issue 16 (negfix): "no fever,+cough" splits the same way ("," and "+" each a
            # token, so the "+" item marker is seen: _plus_marked)
            infixes = [r"(?<=[A-Za-z0-9]),(?=\()", r"(?<=,)\((?=[-+]\)[A-Za-z])",
                       r"(?<=,\()[-+]\)(?=[A-Za-z])", r"(?<=[A-Za-z0-9]),(?=\+[A-Za-z])",
                       r"(?<=,)\+(?=[A-Za-z])", *self.nlp.Defaults.infixes]
            self.nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        # prune_on_target_overlap: a trigger inside the finding's own words ("extremities
        # without edema" as one finding) must not negate that finding.
        # extended=False is medspaCy's ConText exactly as shipped (the baseline in reports).
        self.context = ConText(self.nlp, rules="default" if not self.extended else None,
                               prune_on_target_overlap=self.extended)
        rules = (_stop_nor_lists(_default_rules_revised() + _extra_rules())
                 if self.extended else None)
        if rules is not None:
            self.context.add(rules)
        # Many sentences with a finding hold no ConText trigger at all, and the rule matcher
        # (~1 ms a sentence) then finds nothing: every finding keeps ConText's defaults. The
        # words each rule needs let those sentences skip the matcher (None: run always).
        self._needs = _rule_needs(rules, self.nlp) if rules is not None else None
        self._rules = rules
        # ConText over only the rules a sentence's words let match (see ``_run_context``)
        self._subset_contexts: dict[tuple[int, ...], Any] = {}

    def classify(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Status]:
        """Assertion status of each ``[start, end)`` span of ``text`` (``classify_detail``
        without the trigger detail)."""
        return [status for status, _ in self.classify_detail(text, spans)]

    def classify_detail(self, text: str, spans: Sequence[tuple[int, int]]
                        ) -> list[tuple[Status, str]]:
        """(status, cue) of each ``[start, end)`` span of ``text`` (same order).

        ``cue`` says which kind of trigger set the status, where the caller may read it
        differently: ``"history"`` when it is historical only because of a generic
        "history (of)" trigger (a condition listed in the history may well be current, unlike
        one with a timed cue: "ago", "previous", "s/p"); ``"resolved"`` when it is negated only
        by "resolved"/"resolving" (a past episode); ``"ruled_out"`` when negated only by "ruled
        out"/"excluded" after it (a considered diagnosis settled); ``"dated"`` when it is
        historical only because a past date opens its sentence ("In 2019 she ..."); else ``""``.

        ``text`` should be one sentence (ConText scope is the sentence). Runs of whitespace are
        collapsed first when ``extended`` (spaCy keeps them as tokens, which breaks multi-word
        triggers); spans
        are widened to whole tokens; overlapping spans are classified in separate passes.
        """
        if self.extended:
            norm, index = _collapse_ws(text)
        else:
            norm, index = text, list(range(len(text) + 1))
        mapped = [(index[s], index[max(s, e - 1)] + 1) for s, e in spans]
        result: dict[int, tuple[Status, str]] = {}
        pending = list(range(len(mapped)))
        # gaps16: a watched sign's explanation (``_watched_explanation``), read only where
        # its words may be
        lowered = norm.lower()
        explained = self.extended and ("which" in lowered or "that" in lowered)
        while pending:
            doc = self.nlp(norm)
            batch, rest = [], []
            # the spans come in start order, so a span overlaps a taken one exactly when it
            # starts before the furthest taken end (speed: one comparison, not a scan of all
            # taken spans, which was quadratic in a sentence with thousands of findings)
            taken_end = -1
            for i in sorted(pending, key=lambda i: mapped[i]):
                ent = doc.char_span(*mapped[i], label="FINDING", alignment_mode="expand")
                if ent is None:
                    result[i] = ("present", "")
                elif ent.start < taken_end:
                    rest.append(i)
                else:
                    taken_end = max(taken_end, ent.end)
                    batch.append((i, ent))
            doc.ents = [ent for _, ent in batch]
            self._run_context(doc)
            by_start = {ent.start: ent for ent in doc.ents}
            for i, ent in batch:
                ent = by_start[ent.start]
                result[i] = (_status(ent), _cue(ent))
                if explained and result[i][0] in ("present", "possible") and \
                        _watched_explanation(norm, mapped[i][0]):
                    result[i] = ("hypothetical", "")
            pending = rest
        return [result.get(i, ("present", "")) for i in range(len(spans))]


    def _run_context(self, doc: Any) -> None:
        """ConText over ``doc``, run with only the rules whose needed words are all in it.

        Speed: the token matcher costs ~1 ms a sentence with all ~200 rules and a fraction of
        that with the two or three a sentence's words allow. A rule whose words are absent
        cannot match, so leaving it out changes no match: the modifiers, their order and so
        the statuses are those of the full ConText (kept in the rules' order). With no such
        rule the matcher is skipped: the findings keep ConText's defaults.
        """
        if self._needs is None or self._rules is None:
            self.context(doc)
            return
        rules = _matchable(self._needs, doc)
        if not rules:
            return
        context = self._subset_contexts.get(rules)
        if context is None:
            from medspacy.context import ConText

            if len(self._subset_contexts) >= _SUBSET_CONTEXTS:
                self._subset_contexts.clear()
            context = ConText(self.nlp, rules=None, prune_on_target_overlap=self.extended)
            _skip_pattern_validation(context)
            context.add([self._rules[i] for i in rules])
            self._subset_contexts[rules] = context
        context(doc)


#: Most rule-subset ConText objects an engine keeps (~1 ms to build, ~11 KB each).
_SUBSET_CONTEXTS = 2048


def _skip_pattern_validation(context: Any) -> None:
    """Turn off spaCy's schema check of token patterns in ``context``'s token matcher.

    Speed (issue 16): a subset ConText is built for about one sentence in ten of MTSamples
    (~one per note; the rule subsets rarely repeat), and spaCy's pydantic check of each token
    pattern was two thirds of a build (~2 ms). Every subset rule was checked already when the
    engine's full rule set was added (``AssertionEngine.__post_init__``), and the check only
    raises on a malformed pattern, so no match changes. medspaCy keeps the matcher private:
    where its attributes are not found (another medspaCy version) nothing is changed (the
    check runs, same matches)."""
    medspacy_matcher = getattr(context, "_ConText__matcher", None)
    token_matcher = getattr(medspacy_matcher, "_MedspacyMatcher__matcher", None)
    if token_matcher is not None and hasattr(token_matcher, "validate"):
        token_matcher.validate = False

#: Token keys whose string value(s) a token must equal for a pattern token to match.
_WORD_KEYS = ("LOWER", "TEXT", "ORTH")

#: Per rule, the word sets of its required tokens: a rule can match a sentence only when
#: the sentence holds a word of every set.
Needs = tuple[tuple[frozenset[str], ...], ...]


def _rule_needs(rules: list, nlp: Any) -> Needs | None:
    """The lower-cased words each of ``rules`` needs (see ``Needs``): a literal's words
    (PhraseMatcher on LOWER); in a token pattern, each non-optional token constrained to
    given words. None when some rule needs no word (it could match any sentence)."""
    needs = []
    for rule in rules:
        if rule.pattern is None:
            sets = [frozenset({t.lower_}) for t in nlp.make_doc(rule.literal.lower())]
        elif isinstance(rule.pattern, list):
            sets = []
            for spec in rule.pattern:
                if spec.get("OP") not in (None, "+"):  # "?", "*", "!", "{n,m}": may be absent
                    continue
                key = next((k for k in _WORD_KEYS if k in spec), None)
                value = spec.get(key) if key else None
                if isinstance(value, str):
                    sets.append(frozenset({value.lower()}))
                elif isinstance(value, dict) and set(value) == {"IN"}:
                    sets.append(frozenset(str(v).lower() for v in value["IN"]))
        else:
            sets = []  # a regular expression: no word to require
        # (extfix13b) words a rule's ``on_modifies`` needs beyond its pattern (the
        # "initially" rule's resolution words): without them it can modify nothing
        extra = (getattr(rule, "metadata", None) or {}).get("needs")
        if extra and sets:
            sets.append(frozenset(extra))
        if not sets:
            return None
        needs.append(tuple(sets))
    return tuple(needs)


class _NeedIndex:
    """``Needs`` as spaCy string hashes, with each rule filed under the words of its smallest
    word set (speed: a sentence's words are read as hashes by one C call, ``Doc.count_by``,
    not as a Python string per token; and only the rules one of whose needed words is in the
    sentence are checked, not all ~200 of them)."""

    def __init__(self, needs: Needs) -> None:
        # get_string_id, not hash_string: a word that is a spaCy symbol ("neg", "poss") has
        # its symbol's small id as its LOWER value, not the string's hash, so hashing it
        # filed "neg for fever" (medspaCy's "negative for" rule) under a key no sentence has
        # and the rule never ran there (issue 16 negfix: "Neg for fever" read present)
        from spacy.strings import get_string_id

        self.sets = [tuple(frozenset(get_string_id(w) for w in s) for s in need)
                     for need in needs]
        self.by_word: dict[int, list[int]] = {}
        for i, sets in enumerate(self.sets):
            for h in min(sets, key=len):
                self.by_word.setdefault(h, []).append(i)


#: id(needs) -> (needs, its index): the needs object is kept so its id is not reused
_NEED_INDEXES: dict[int, tuple[Needs, _NeedIndex]] = {}


def _need_index(needs: Needs) -> _NeedIndex:
    got = _NEED_INDEXES.get(id(needs))
    if got is None or got[0] is not needs:
        got = _NEED_INDEXES[id(needs)] = (needs, _NeedIndex(needs))
    return got[1]


def _may_match(needs: Needs, doc: Any) -> bool:
    """False when no rule of ``needs`` can match in ``doc`` (a word set it needs is absent)."""
    return bool(_matchable(needs, doc))


def _matchable(needs: Needs, doc: Any) -> tuple[int, ...]:
    """The indices (ascending) of the rules of ``needs`` whose every word set has a word in
    ``doc``: the only rules that can match there."""
    from spacy.attrs import LOWER

    index = _need_index(needs)
    words = set(doc.count_by(LOWER))  # the hashes of the tokens' lower-case forms
    candidates: set[int] = set()
    for h in words:
        rules = index.by_word.get(h)
        if rules is not None:
            candidates.update(rules)
    # a rule can match only if a word of its smallest set is present: the candidates
    return tuple(sorted(i for i in candidates
                        if all(not s.isdisjoint(words) for s in index.sets[i])))


#: A whitespace character that ``_collapse_ws`` changes: one after another, or one that is not
#: a plain space (``\s`` is ``str.isspace``: both read the interpreter's whitespace table)
_WS_TO_COLLAPSE = re.compile(r"\s\s|[^\S ]")


def _collapse_ws(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs made one space, and each original char's new index."""
    if _WS_TO_COLLAPSE.search(text) is None:
        # (speed, issue 16) most sentences have only single plain spaces: nothing to collapse,
        # every character keeps its index (what the loop below gives, without the loop)
        return text, list(range(len(text) + 1))
    out: list[str] = []
    index: list[int] = []
    prev_space = False
    for ch in text:
        if ch.isspace():
            index.append(len(out) - 1 if prev_space else len(out))
            if not prev_space:
                out.append(" ")
            prev_space = True
        else:
            index.append(len(out))
            out.append(ch)
            prev_space = False
    index.append(len(out))
    return "".join(out), index


def _status(ent) -> Status:
    # Negation first: "no family history of X" says X is absent, not a relative's finding.
    if ent._.is_negated:
        return "absent"
    if ent._.is_family:
        return "family"
    if ent._.is_hypothetical:
        return "hypothetical"
    if ent._.is_uncertain:
        return "possible"
    if ent._.is_historical:
        return "historical"
    return "present"


#: medspaCy's generic history triggers: what follows is in the history, not necessarily past.
_GENERIC_HISTORY = {"history", "h/o", "past history", "presentation", "comes in with", "hx of"}


def _cue(ent) -> str:
    """"history" / "dated" / "resolved" / "ruled_out" / "" (see ``AssertionEngine.classify_detail``)."""
    def lits(category: str) -> list[str]:
        return [m.rule.literal.lower() for m in ent._.modifiers if m.category == category]

    if ent._.is_negated:
        neg = lits("NEGATED_EXISTENCE")
        if neg and all(x in ("resolved", "which has resolved") for x in neg):
            return "resolved"
        return "ruled_out" if neg and all(x in ("ruled out", "excluded") for x in neg) else ""
    if ent._.is_historical:
        hist = lits("HISTORICAL")
        if hist and all(x == "in 1992," for x in hist):
            return "dated"  # p18fix2: only a past date opening the sentence
        return "history" if hist and all(x in _GENERIC_HISTORY for x in hist) else ""
    return ""


@lru_cache(maxsize=2)
def get_engine(extended: bool = True) -> AssertionEngine:
    """One shared engine per process (building the ConText matchers takes ~0.3 s)."""
    return AssertionEngine(extended=extended)


# ------------------------------------------------------------------ clause-level NegEx (triage)
# NegEx-style cues (Chapman et al. 2001), checked within the clause before the phrase.
_PRE_NEG = re.compile(
    r"\b(?:no|not|denies|denied|denying|without|negative for|free of|absence of|"
    r"no evidence of|no signs? of|no history of|nor|never had|resolved|ruled out|"
    r"neither|non)\b[^.;:!?]*$", re.I)
# A colon answer negates only when it ends the item ("Chest pain: none.", "Fever: no, cough:
# yes", "Chest pain: none reported"): "I've got chest pain: no idea why, it's crushing" and
# "Chest pain: no radiation" are no denials (review, issue 21: the first was routine).
_POST_NEG = re.compile(r"^\s*(?::\s*(?:none|no|absent|negative|denied)\b"
                       r"(?=\s*(?:[.,;:!?)/\n]|$|(?:and|but|or|currently|at present|at this time|today|"
                       r"now|reported|noted|endorsed|per)\b|[A-Za-z/]+\s*:))|"
                       r"(?:is|was|were)?\s*(?:absent|denied|ruled out|resolved)\b)", re.I)
# A clause ends at sentence punctuation or a contrastive conjunction.
# A finite verb that opens the presentation ends the scope of a negated history: "a man with
# no history of heart disease has crushing chest pain", "no prior illness, presents with a
# rash" (the NegEx termination idea, as ConText's "presents with"). A cue after the verb still
# negates ("has no chest pain", "presents without fever", "has not had a fever").
_CLAUSE_BREAK = re.compile(r"[.;!?\n]|\bbut\b|\bhowever\b|\balthough\b|\bthough\b|"
                           r"\bexcept\b|\bnow\b|\bthen\b|\bapart from\b|\bhas\b|"
                           r"\bpresent(?:s|ed|ing)\b", re.I)
# A reply that opens with "No," / "Nope," answers a question; it negates nothing after it
# ("No, looking for the right antibiotics": the request is affirmed). Written for lay chat
# text; clause_negated serves triage only (extraction negates with ConText), where reading a
# finding as affirmed is the safe side.
_ANSWER_NO = re.compile(r"^\s*(?:no|nope|nah)\s*[,!]\s*", re.I)
# Hedges that contain a cue word but negate nothing (pseudo-negation, as NegEx's "not
# certain if"): "not sure if it is chest pain or heartburn", "no idea if this is a sore
# throat", "not too bad, just a runny nose". The finding stays affirmed (possible).
# "In no acute distress" negates only the distress (the exam's general appearance): without
# this, its "no" reached the rest of the clause ("..., pain also in the jaw on exertion").
# A negated denial affirms ("no longer denies suicidal ideation", "does not deny thoughts of
# harming others", "can't deny"): NegEx pseudo-negation (Chapman et al. 2001), read as affirmed
# in triage (review, issue 21: "no longer denies suicidal ideation" was routine).
_HEDGE = re.compile(r"\b(?:not (?:sure|certain|too|so)|no idea|no doubt|"
                    r"no (?:acute |apparent |obvious )?(?:respiratory )?distress|"
                    r"(?:no longer|not|never|(?:does|do|did|can|could|would|will)(?:n't|n\u2019t| not)|"
                    r"cannot|won't|won\u2019t) den(?:y|ies|ied|ying))\b", re.I)
NEG_WINDOW = 60  # characters before the phrase searched for a cue
_POST_WINDOW = 25  # characters after the phrase searched for "...: none", "... resolved"


def clause_negated(text: str, start: int, end: int) -> bool:
    """True when the phrase ``text[start:end]`` is negated within its clause (NegEx rules).

    A cue ("no", "denies", "without", ...) in the same clause within ``NEG_WINDOW``
    characters before the phrase, or a post-cue just after it ("chest pain: none",
    "fever resolved"), negates it. Regex only: no model to load.
    """
    before = text[max(0, start - NEG_WINDOW):start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    if breaks or start <= NEG_WINDOW:  # ``before`` starts its clause: drop an answer "No,"
        before = _ANSWER_NO.sub("", before, count=1)
    before = _HEDGE.sub(" ", before)
    if _PRE_NEG.search(before):
        return True
    return bool(_POST_NEG.match(text[end:end + _POST_WINDOW]))


def find_affirmed(pattern: re.Pattern[str], text: str,
                  view: str | None = None) -> re.Match[str] | None:
    """First match of ``pattern`` in ``text`` that ``clause_negated`` does not negate; the
    negation is read on ``view`` (a same-length rewrite of ``text``, e.g. the triage
    knowledge base's ``negation_view``) when one is given."""
    neg = text if view is None else view
    for m in pattern.finditer(text):
        if not clause_negated(neg, m.start(), m.end()):
            return m
    return None
