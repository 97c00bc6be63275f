"""Eponymous signs ("Murphy's sign negative", "Babinski upgoing") (split out of
``assistant.clinical.findings``; behaviour unchanged)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from assistant.clinical.findings_base import ExamFinding
from assistant.clinical.vocabulary import Concept

#: "Babinski is negative", "Romberg is positive to the left", "her Babinski is hyperactive,
#: upgoing toes", "negative Murphy's sign": an eponymous exam sign stated with its result
#: (issue 16 problem probe). The eponyms come from the HPO names "<name> sign" /
#: "positive <name> sign" (``sign_eponyms``); the concept is "<name> sign".
_SIGN_RESULT = (r"positive|negative|present|absent|upgoing|downgoing|equivocal|"
                r"hyperactive|normal")


#: (ext12) Named examination tests, read as signs with their result ("negative Tinel's" ->
#: tinel sign absent, "Straight leg raise is positive on the left" -> present). Sources: HPO
#: where it names the test (positive carpal Tinel sign HP:0033672, positive Phalen test
#: HP:0033673, positive anterior drawer test HP:6001342: names with a site word or "test" that
#: ``sign_eponyms``' "<name> sign" form does not take); the others have no HPO or ICD-10-CM
#: entry and are the named tests of the NICE Clinical Knowledge Summaries: "Knee pain -
#: assessment" (Lachman, McMurray; anterior drawer), "Neck pain - cervical radiculopathy"
#: (Spurling), "Sciatica (lumbar radiculopathy)" (straight leg raise), "Developmental
#: dysplasia of the hip" (Barlow, Ortolani). Lower case is read for these too (no surname
#: reading: "anterior drawer negative").
#: probe20: Kernig's and Brudzinski's signs, the meningeal signs of NICE CG102 "Meningitis
#: (bacterial) and meningococcal septicaemia in under 16s" (symptoms and signs table).
EXAM_TESTS = frozenset({"tinel", "phalen", "drawer", "lachman", "mcmurray", "spurling",
                        "straight leg raise", "barlow", "ortolani", "kernig", "brudzinski"})
#: How each test may be written; the concept is "<key> sign".
_TEST_FORMS = {"straight leg raise": r"straight[\s-]+leg[\s-]+rais(?:e|ing)|slr"}


def sign_eponyms(hpo_names: Iterable[str]) -> frozenset[str]:
    """Eponyms of HPO sign names: "babinski sign", "positive romberg sign" -> babinski,
    romberg; and the named examination tests (``EXAM_TESTS``)."""
    out = set(EXAM_TESTS)
    for name in hpo_names:
        m = re.fullmatch(r"(?:positive\s+)?([a-z]{4,})(?:'s)?\s+sign", name)
        if m:
            out.add(m.group(1))
    return frozenset(out)


def _alt(eponyms: frozenset[str]) -> str:
    return "|".join(_TEST_FORMS.get(e, re.escape(e))
                    for e in sorted(eponyms, key=len, reverse=True))


def _test_key(word: str) -> str:
    """The eponym a written name stands for ("Straight-leg raising", "SLR" -> straight leg
    raise)."""
    w = word.lower()
    for key, form in _TEST_FORMS.items():
        if re.fullmatch(form, w):
            return key
    return w


#: A sign's own noun after its name ("Tinel's sign", "Phalen's test", "Lachman maneuver").
_NOUN = r"(?:'s)?(?:\s+(?:signs?|tests?|maneuvers?|manoeuvres?))?"
#: The site word some tests are written with ("anterior drawer", "carpal Tinel").
_TEST_SITE = r"(?:(?:anterior|posterior|carpal|reverse)\s+)?"


@lru_cache(maxsize=4)
def _coordinated(eponyms: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(ext12) Signs joined to the one read: after a result-first one ("Negative Barlow and
    Ortolani", "positive Tinel's and Phalen's signs") and before a result-last one ("Tinel and
    Phalen tests are negative")."""
    alt = _alt(eponyms - _COMMON_WORD_EPONYMS)
    join = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*/\s*)"
    after = re.compile(rf"{_NOUN}{join}{_TEST_SITE}(?P<c>{alt}){_NOUN}\b", re.I)
    before = re.compile(rf"\b(?P<c>{alt}){_NOUN}{join}{_TEST_SITE}$", re.I)
    return after, before


#: (extfix, review 2) A joined name's own result: right after it ("Negative Tinel, Phalen
#: positive at the wrist": Phalen's positive) or right before it ("negative Tinel, Phalen
#: positive": Tinel's negative): such a name is not joined to the sign read.
_OWN_RESULT_AFTER = re.compile(
    rf"{_NOUN}\s*(?:[:-]\s*)?(?:(?:is|was|are|were)\s+(?:not\s+)?)?(?:{_SIGN_RESULT})\b", re.I)
#: (extfix2) a joined name said not done ("Negative Tinel, Phalen not tested / deferred"):
#: no result, so it is not joined to the sign read (not reported)
_NOT_DONE_AFTER = re.compile(
    rf"{_NOUN}\s*(?:[:-]\s*)?(?:(?:is|was|are|were)\s+)?(?:not\s+(?:tested|done|performed|"
    r"assessed|checked|attempted)|deferred|untested)\b", re.I)
_OWN_RESULT_BEFORE = re.compile(rf"\b(?:{_SIGN_RESULT})\s+{_TEST_SITE}$", re.I)


@lru_cache(maxsize=4)
def _sign_pattern(eponyms: frozenset[str]) -> re.Pattern[str]:
    alt = _alt(eponyms)
    # a common-word eponym only with "sign" written (it must not take the result of the
    # next sign: "Thumb: positive Finkelstein"); checked by `sign_findings`, which then
    # searches on from the name (a lookahead here ran at every word of every note)
    return re.compile(
        # probe18: "Station: no Romberg sign" (a "no" before the sign's name, with "sign")
        rf"\b(?P<pre>{_SIGN_RESULT}|no)\s+{_TEST_SITE}(?P<a>{alt}){_NOUN}\b|"
        rf"\b(?P<b>{alt}){_NOUN}(?:\s+(?:is|was|were|are)(?P<verb>)\s+(?:(?P<fill>\w+)\s+)"
        rf"{{0,1}}?|"
        # probe11: the result right after the name, as exam templates write it ("Babinski
        # negative", "Babinski sign: negative"); on the same line only (review7: "Dr. Wilson\n
        # Positive for ..." is no sign)
        rf"[ \t]*[:-]?[ \t]*)(?P<post>{_SIGN_RESULT})\b"
        # review4: "Murphy: negative for pain", "Wrist - negative for tenderness": the result
        # of a list of findings after it, not of a sign. Only in that template form
        # (review7): "Murphy's sign was positive for cholecystitis" still reads the sign.
        rf"(?(verb)|(?!\s+for\b))", re.I)


#: Eponyms that are also common words ("Wrist - negative", "Thumb: positive Finkelstein",
#: "lemon", "battle"): a sign only with "sign" written (review4); hand-picked from the
#: ``sign_eponyms`` of the HPO names.
_COMMON_WORD_EPONYMS = frozenset({
    "atoll", "battle", "collier", "holster", "lemon", "popeye", "rope", "shawl", "silhouette",
    "thumb", "wrist"})


#: The plantar response read from the toes (probe11): "downgoing toes", "toes are
#: downgoing", "plantar responses flexor", "upgoing plantars" -> babinski sign (HPO
#: HP:0003487 Babinski sign: an upgoing great toe; a flexor, downgoing response is normal).
#: Anchored on its keywords (toe, plantar).
_PLANTAR_RESULT = r"down-?going|up-?going|flexor|extensor"
_PLANTAR = re.compile(
    rf"\b(?P<pre>{_PLANTAR_RESULT})\s+(?:great\s+)?(?:toes?|plantars?(?:\s+(?:responses?|"
    rf"reflex(?:es)?))?)\b|"
    rf"\b(?:(?:great\s+)?toes?|plantars?(?:\s+(?:responses?|reflex(?:es)?))?)\s+(?:(?:is|are|"
    rf"was|were)\s+)?(?:(?:bilaterally|both|both\s+sides)\s+)?(?P<post>{_PLANTAR_RESULT})\b"
    # "great toe extensor strength", "toe flexor tendon": a muscle, not the plantar response
    rf"(?!\s+(?:tendons?|muscles?|strength|weakness|power|hallucis|digitorum|mechanism|lag|"
    rf"contractures?|release|function)\b)"
    # review7: a motor grade, not the plantar response ("Great toe extensor 4/5", "toe flexor
    # and toe extensor are 5/5", "great toe extensor and flexor 5-/5")
    rf"(?!(?:\s*(?:,|/|and)\s*(?:(?:great\s+)?toes?\s+)?(?:flexors?|extensors?))*\s*"
    rf"(?:(?:is|are|was|were)\s+)?(?:(?:strength|power)\s+)?[0-5][+-]?\s*(?:/\s*5|out\s+of\s+5)\b)",
    re.I)


#: The other side's result that is not normal ("Babinski negative on the right, positive on the
#: left", "flexor on the right, withdrawal on the left" (MTSamples 1728)): no "absent" item.
_OTHER_SIDE = re.compile(r"\b(?:up-?going|extensor|equivocal|mute|positive|withdrawal|"
                         r"indeterminate)\b", re.I)
#: A negation just before a plantar response ("No upgoing toes", "Negative for upgoing toes",
#: "Without upgoing toes"): the exam finding keeps its own status, so it reads it here.
_NEG_BEFORE = re.compile(r"\b(?:no|not|without|negative\s+for|absent|denies|nor)\s+"
                         r"(?:(?:bilateral(?:ly)?|great|the|an?)\s+)?$", re.I)


@lru_cache(maxsize=4)
def _eponym_word(eponyms: frozenset[str]) -> re.Pattern[str]:
    """Any eponym but the common-word ones: where another sign's statement begins."""
    names = sorted(map(re.escape, eponyms - _COMMON_WORD_EPONYMS), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(names) or '(?!)'})\b", re.I)


def _other_side(text: str, start: int, end: int, eponyms: frozenset[str] = frozenset(),
                stops: str = r"[.;\n]") -> bool:
    """Whether a not-normal result of the other side is written near ``[start, end)``: in a
    window that ends at ``stops`` or at another eponym (review7: "Babinski is negative
    bilaterally; Hoffmann positive on the right" is Hoffmann's result, not Babinski's)."""
    cut = re.compile(rf"{stops}|{_eponym_word(eponyms).pattern}", re.I)
    before = text[max(0, start - 60):start]
    cuts = list(cut.finditer(before))
    if cuts:
        before = before[cuts[-1].end():]
        if cuts[-1].group(0)[:1].isalpha():
            # (extfix, review 2) "Tinel positive, Phalen negative": the result right after
            # the previous sign's name is that sign's, not this one's other side
            own = _OWN_RESULT_AFTER.match(before)
            before = before[own.end():] if own else before
    after = text[end:min(len(text), end + 60)]
    first = cut.search(after)
    if first is not None:
        # (ext12) "negative Tinel's at the elbow, positive Phalen": a result written before
        # the next sign's name is that sign's
        after = re.sub(rf"\b(?:{_SIGN_RESULT})\s+{_TEST_SITE}$", "", after[:first.start()],
                       flags=re.I)
    return bool(_OTHER_SIDE.search(before) or _OTHER_SIDE.search(after))


def sign_findings(text: str, eponyms: frozenset[str],
                  lookup: Callable[[str], Concept | None] | None = None) -> list[ExamFinding]:
    """Eponymous signs with a stated result; "normal" / "negative" / "absent" /
    "downgoing" -> absent, the rest present. ``lookup`` (the problem vocabulary's) gives the
    sign's other codes ("babinski sign" -> HP:0003487) when it knows the name."""
    if not eponyms:
        return []
    out: list[ExamFinding] = []

    def concept(name: str) -> Concept:
        known = lookup(name) if lookup is not None else None
        return Concept(name, None, known.codes) if known is not None and \
            known.name == name else Concept(name, None)
    pattern, pos = _sign_pattern(eponyms), 0
    while (m := pattern.search(text, pos)) is not None:
        pos = m.end()
        word = m.group("a") or m.group("b")
        name, result = _test_key(word), (m.group("pre") or m.group("post")).lower()
        key = "a" if m.group("a") else "b"
        if name in _COMMON_WORD_EPONYMS and not re.match(r"(?:'s)?\s+sign\b", text[m.end(key):],
                                                         re.I):
            # "Wrist - negative", "Thumb: positive Finkelstein": no sign, and the result may
            # belong to the next one, so search on from the name
            pos = m.end(key)
            continue
        if not re.search(r"\b(?:signs?|tests?|maneuvers?|manoeuvres?)\b", m.group(0), re.I) \
                and ((not word[0].isupper() and name not in EXAM_TESTS)
                     or result in ("normal", "present", "absent", "no")):
            continue  # the bare name only as a capitalised surname with a sign's result
        if result == "equivocal":
            continue  # "Babinski: equivocal": neither present nor absent (review4)
        neg = result in ("negative", "absent", "downgoing", "normal", "no")
        if (m.group("fill") or "").lower() in ("not", "never"):
            if neg:
                continue  # "is not negative": no statement
            neg = True  # "Babinski sign is not present"
        if neg and _other_side(text, m.start(), m.end(), eponyms):
            continue  # "Babinski negative on the right, positive on the left" (review4)
        status = "absent" if neg else "present"
        out.append(ExamFinding(concept(f"{name} sign"), m.start(), m.end(), status))
        after, before = _coordinated(eponyms)
        if m.group("a"):  # "Negative Barlow and Ortolani": each joined name has the result
            end = m.end()
            while (c := after.match(text, end)) is not None:
                if _OWN_RESULT_AFTER.match(text, c.end()) or _NOT_DONE_AFTER.match(text, c.end()):
                    break  # "Negative Tinel, Phalen positive": Phalen has its own result
                end = pos = c.end()
                out.append(ExamFinding(concept(f"{_test_key(c.group('c'))} sign"), m.start(),
                                       end, status))
        else:  # "Tinel and Phalen tests are negative": the names before it have it too
            start = m.start()
            while (c := before.search(text, max(0, start - 40), start)) is not None:
                if _OWN_RESULT_BEFORE.search(text, max(0, c.start() - 30), c.start()):
                    break  # "negative Tinel, Phalen positive": Tinel has its own result
                start = c.start()
                out.append(ExamFinding(concept(f"{_test_key(c.group('c'))} sign"), start,
                                       m.end(), status))
    if "babinski" in eponyms and ("toe" in text.lower() or "plantar" in text.lower()):
        for m in _PLANTAR.finditer(text):
            if any(f.start < m.end() and m.start() < f.end for f in out):
                continue  # "Babinski downgoing toes": read once, by the sign above
            result = (m.group("pre") or m.group("post")).lower().replace("-", "")
            neg = result in ("downgoing", "flexor")
            if _NEG_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
                if neg:
                    continue  # "no downgoing toes": not a statement of either result
                neg = True  # "No upgoing toes": no Babinski sign (review4)
            elif neg and _other_side(text, m.start(), m.end(), eponyms, r"[.\n]"):
                # "Right plantar downgoing; Left plantar equivocal": the other side's result
                # is not normal, so "no Babinski sign" is not what the note says
                continue
            out.append(ExamFinding(concept("babinski sign"), m.start(), m.end(),
                                   "absent" if neg else "present"))
    return out


def sign_supports(span_text: str, name: str) -> bool:
    """Whether a ``sign_findings`` span grounds ``name``."""
    words = re.findall(r"[a-z]+", span_text.lower())
    if name == "babinski sign" and _PLANTAR.fullmatch(span_text.strip()):
        return True
    if name == "straight leg raise sign" and "slr" in words:
        words.append("straight")
    return name.endswith(" sign") and name.split()[0] in words and bool(
        re.search(rf"\b(?:{_SIGN_RESULT}|no)\b", span_text, re.I))
