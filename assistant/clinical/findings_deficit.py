"""Exam functions stated reduced or lost -> the deficit finding the normal-exam table names
(issue 16, negation status: double negatives on exam findings).

"Decreased sensation", "loss of sensation", "diminished pedal pulses", "decreased grip
strength" name a deficit of a normal function: sensory deficit, diminished pulses, weakness
(the concepts ``findings_normal`` rules out from "sensation intact", "2+ pulses", "strength
5/5"; the labelling guideline's names). The reading carries no status of its own, so the
context rules decide it from the cue before the wording: "No decreased sensation", "without
diminished pulses", "denies any loss of sensation" are the deficit absent (the negated term is
the finding named after the cue), "Decreased sensation in the left foot" present.
Review of negfix: a cue before a list break does not reach a new deficit item after it ("No
edema, decreased sensation in both feet": present), and an exception after the wording ("No
decreased sensation except in the right foot") states the deficit: never absent
(``_wording_status``).

A cue before the bare function is not read: the negated term there is the function, not a
finding. "She had no perirectal sensation", "no sensation in the left foot" name the function
lost (the deficit present), but "The patient had no back sensation" during a neuromodulator's
test stimulation names no deficit at all (MTSamples 83), so no reading is made rather than a
wrong one; above all the deficit is never read absent from it.
"""

from __future__ import annotations

import re

from assistant.clinical.findings_base import ExamFinding, _sentence_before
from assistant.clinical.vocabulary import Concept

SENSORY_DEFICIT = Concept("sensory deficit", "R20.9")
DIMINISHED_PULSES = Concept("diminished pulses", None)
#: "weak pulse(s)": the vocabulary's concept and code it had before this reader (ICD-10-CM
#: R09.89, data/icd10cm_short.json "weak pulse"; review of negfix)
WEAK_PULSE = Concept("weak pulse", "R09.89")
WEAKNESS = Concept("weakness", "R53.1")

#: Words of reduction or loss before the function's noun
_REDUCED = (r"(?:decreased|diminished|reduced|impaired|absent|weak|weakened|poor|"
            r"loss\s+of|lack\s+of|decrease\s+in|reduction\s+in|diminution\s+of)")
#: At most two qualifiers between the reduction and the noun ("decreased light touch
#: sensation", "absent dorsalis pedis pulses", "decreased grip strength"); a conjunction,
#: preposition or article ends the wording ("decreased swelling and sensation intact")
_QUALIFIER = r"(?:(?!(?:and|or|but|with|in|of|to|the|a|an|is|are|was|were|not|no)\b)[a-z][a-z-]*\s+)"
#: Arteries a single pulse is named by ("weak ulnar artery pulse", "absent pedal pulse")
_PULSE_SITE = (r"(?:artery|arterial|pedal|radial|femoral|pedis|tibial|popliteal|ulnar|"
               r"brachial|carotid|distal|peripheral)")
_WORDING = re.compile(
    rf"\b{_REDUCED}\s+{_QUALIFIER}{{0,2}}?(?:(?P<sens>sensations?)|(?P<puls>pulses|"
    rf"{_PULSE_SITE}\s+pulse)|(?P<str>strength))\b"
    # "decreased sensation of pressure" is a feeling, not the exam's sensation
    r"(?!\s+of\b)", re.I)
#: "<function> is/are (markedly) decreased": the predicate form; "... is not decreased" is
#: the deficit absent (the cue is inside the wording, so it is read here)
_PREDICATE = re.compile(
    r"\b(?:(?P<sens>sensation)|(?P<puls>pulses)|(?P<str>strength))\s+(?:is|are|was|were)\s+"
    r"(?P<neg>not\s+)?(?:(?:markedly|mildly|slightly|significantly|severely|moderately|"
    r"somewhat|greatly)\s+)?(?:decreased|diminished|reduced|impaired|absent|weak|weakened)\b",
    re.I)
_KEY = re.compile(r"sensation|pulse|strength", re.I)
#: A word right before the wording that narrows it to a focal deficit: "diffusely weak but no
#: lateralizing loss of strength" (MTSamples 2562) denies a focal weakness only, so the
#: wording is not read (its negation would deny the weakness the note states)
_NARROWED = re.compile(r"\b(?:lateraliz(?:ing|ed)|focal(?:ly)?|new|further|additional|"
                       r"asymmetric(?:al)?|unilateral)\s+$", re.I)
#: Words that narrow a wording to a total loss (nf3): "Decreased sensation in the left foot
#: but no complete loss of sensation" (MTSamples 2851: "a decrease in sensation below this
#: level but not complete loss of sensation"), "Decreased pulses bilaterally but no absent
#: pulses": a negated total loss is no deficit absent, so a negated one is not read (stated,
#: "complete loss of sensation below T10", it is the deficit present)
_TOTAL = re.compile(r"\b(?:complete(?:ly)?|total(?:ly)?|full|entire)\s+$", re.I)
_TOTAL_WORD = re.compile(r"^(?:absent|complete|total)\b|\babsent\b", re.I)


#: An exception after the wording, in its clause: "No decreased sensation except in the
#: right foot", "no loss of strength other than in the right hand" state the deficit there
#: (present), never absent (review of negfix)
#: (nf3: not past a comma/semicolon, "No decreased sensation, reflexes symmetric except
#: absent ankle jerks", but right after one: "No decreased sensation, except in the foot")
_EXCEPT_AFTER = re.compile(r"^[^.;:,\n]*?(?:,\s*)?\b(?:except|excepting|other\s+than|apart\s+from|"
                           r"aside\s+from|save\s+for|besides)\b", re.I)
#: "but" right after it, before any list break: "No decreased sensation but in the right
#: foot" may state the deficit or contrast another finding ("no loss of sensation but
#: tingling"): not read at all
_BUT_AFTER = re.compile(r"^[^.;:,\n]*?\bbut\b", re.I)
#: Negation cues (NegEx's, as the context rules)
_NEG_CUE = re.compile(r"\b(?:no|not|without|den(?:y|ies|ied|ying)|negative|neg|absence|"
                      r"never|neither|nor|none|free\s+of|n't)\b|\(-\)", re.I)
#: The text between a list break and the wording: only "or"/"nor"/"and" (the list's last
#: item, "denies numbness, tingling, or loss of sensation", "Denies numbness, tingling and
#: loss of sensation"; nf3: "and" too) keeps the list's cue, after at most two item words
_LIST_TAIL = re.compile(r"^\s*(?:[a-z-]+\s+){0,2}?(?:or|nor|and)\s+$", re.I)
#: The list going on to its "or"/"nor"/"and" item after the wording: the wording is a
#: middle item of the cue's list ("Denies numbness, tingling, decreased sensation, or
#: weakness", "..., decreased sensation, and weakness"), so the cue's reading stands
_LIST_GOES_ON = re.compile(r"^\s*(?:or|nor|and)\b|^[^.;:\n]*?,\s*(?:or|nor|and)\b", re.I)


def _concept(m: re.Match[str]) -> Concept:
    # "Weak pulses", "Pedal pulses are weak" (nf3: the predicate form too)
    if m.group("puls") and re.search(r"\bweak\b", m.group(0), re.I):
        return WEAK_PULSE
    return SENSORY_DEFICIT if m.group("sens") else DIMINISHED_PULSES if m.group("puls") \
        else WEAKNESS


def _wording_status(text: str, m: re.Match[str]) -> str | None:
    """The status the text around a reduction wording fixes, "" to leave it to the context
    rules, None for no reading. Review of negfix: a negation cue negates the deficit only
    when it stands before it with no list break between ("No decreased sensation",
    "denies any loss of sensation"); a cue further back negates the list items before the
    break, not a new one ("No edema, decreased sensation in both feet", "No clubbing,
    cyanosis, or edema, diminished dorsalis pedis pulses": present)."""
    after = text[m.end():m.end() + 120]
    if _EXCEPT_AFTER.search(after):
        return "present"
    before = _sentence_before(text, m.start())
    if _BUT_AFTER.search(after) and _NEG_CUE.search(before):
        # (nf3: only after a cue; "Decreased sensation in the left foot but no complete loss
        # of sensation" states it)
        return None
    cut = max(before.rfind(","), before.rfind(";"))
    if cut < 0 or not _NEG_CUE.search(before[:cut]):
        return ""  # no cue before a list break: the context rules read it
    segment = before[cut + 1:]
    if _NEG_CUE.search(segment) or _LIST_TAIL.match(segment) or _LIST_GOES_ON.search(after):
        return ""
    return "present"


def _negated_total(text: str, m: re.Match[str], status: str) -> bool:
    """Whether the wording is a total loss ("complete loss of sensation", "absent pulses")
    after a negation cue in its sentence: not read (``_TOTAL``; nf3)."""
    if status == "present":
        return False
    total = _TOTAL.search(text, max(0, m.start() - 20), m.start()) or \
        _TOTAL_WORD.search(m.group(0))
    return bool(total) and bool(_NEG_CUE.search(_sentence_before(text, m.start())))


def _family(c: Concept) -> str:
    return DIMINISHED_PULSES.name if c is WEAK_PULSE else c.name


def _drop_contradicted(text: str, found: list[ExamFinding]) -> list[ExamFinding]:
    """A wording after a negation cue is dropped when its sentence states the same deficit
    with no cue before it ("Decreased pulses bilaterally but no absent pulses": the negated
    one is no deficit absent; nf3): the reading is the deficit present, never absent."""
    def sent(f: ExamFinding) -> int:
        return f.start - len(_sentence_before(text, f.start))

    def negated(f: ExamFinding) -> bool:
        return f.status != "present" and bool(_NEG_CUE.search(_sentence_before(text, f.start)))

    stated = {(sent(f), _family(f.concept)) for f in found if not negated(f)}
    return [f for f in found if not (negated(f) and (sent(f), _family(f.concept)) in stated)]


def deficit_findings(text: str) -> list[ExamFinding]:
    """Reduced or lost exam functions -> their deficit (module docstring): the reduction
    wording with no status of its own (the context rules read the cue before it) and the
    predicate form ("not" read here)."""
    if not _KEY.search(text):
        return []
    out = []
    for m in _WORDING.finditer(text):
        status = _wording_status(text, m)
        if status is not None and not _NARROWED.search(text, max(0, m.start() - 20),
                                                       m.start()) and not _negated_total(
                                                           text, m, status):
            out.append(ExamFinding(_concept(m), m.start(), m.end(), status))
    for m in _PREDICATE.finditer(text):
        status = "absent" if m.group("neg") else _wording_status(text, m)
        if status == "absent" and _TOTAL_WORD.search(m.group(0)):
            continue  # "pulses are not absent": a total loss denied (nf3)
        if status is not None:
            out.append(ExamFinding(_concept(m), m.start(), m.end(), status))
    out = _drop_contradicted(text, out)
    out.sort(key=lambda f: (f.start, -f.end))
    kept: list[ExamFinding] = []
    for f in out:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept
