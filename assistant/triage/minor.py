"""A general minor-illness rule for the front door: self-care when no condition pattern fits.

Why a rule and not more knowledge-base entries: on the lay self-care set the misses of the
per-condition entries were cases that *no* entry matched (a child's fever "for half a day", a
bruised arm, a sinus infection), and the front door then fell back to ``routine``
(``setting.FRONT_DOOR_DEFAULT``). Each new entry fitted one dev wording and did not carry to
the held-out third. NHS 111 and the NHS self-care guidance do not work per condition for minor
illness either: they ask which *kind* of complaint it is (a cold, cough, sore throat, fever,
a rash or itch, diarrhoea or vomiting), how long it has lasted, and whether any "see a GP /
call 111 if ..." feature is present; with none, the advice is home care or a pharmacist, with
safety-netting.

The rule (:func:`minor_illness`) fires only when **all** hold:

1. a minor complaint category is affirmed in the text (:data:`MINOR_CATEGORIES`, from the
   chief-complaint taxonomy ``complaints.CATEGORIES``: cold/cough/sore throat, fever,
   rash/itch, diarrhoea/vomiting/nausea);
2. no category outside the minor ones is affirmed (:data:`BLOCKING_CATEGORIES`: chest pain,
   breathlessness, neurological deficit, confusion, seizure, faint, bleeding, abdominal pain,
   headache, dizziness, palpitations, urinary, obstetric, psychiatric, metabolic, weakness,
   injury): those are not minor illness whatever else is said;
3. the person asks what to do or take (``knowledge.SELF_CARE_QUESTION`` or
   :data:`LAY_QUESTION`: "what can I take", "can I just ride it out", "do I need to see a
   doctor"), the situation NHS 111 and a pharmacist answer (as for the named entries); a
   clinician's note of the same complaint without that question keeps the routine default
   (the project's written vignettes pin it: an itchy rash or a child's earache with fever
   written up by a clinician is routine review);
4. the course is not long: no stated duration over :data:`MAX_DAYS` days (hours, "since
   yesterday", "half a day", "since Tuesday" and "a couple of days" are read; a duration
   "ago" is not the course);
5. no worrying course or feature (:data:`WORRYING`): weeks or months, "won't go away",
   persistent, recurring, getting worse, not improving, severe, can't eat/drink/swallow,
   blood, dehydration, a reaction after starting a medicine ...;
6. no injury or swelling, and no infant: a baby, newborn or an age under one year (NICE NG143: fever under 3 months is
   red; self-care for infants only through an infant-specific entry);
7. the self-care safety net of the knowledge base holds (``knowledge.self_care_blockers``:
   no red flag or vital-sign floor, age 1-74, vitals in range for age, pain <= 6, not
   pregnant or immunosuppressed, no unexplained systemic feature).

It is applied only when no knowledge-base entry fired (a specific pattern, of any level, is
preferred) and no self-care entry was blocked (the safety net already said no), and only in
the non-ED settings. It never lowers a floor: the triager takes the most urgent of this and
the floors, and condition 6 requires that there is no floor at all.

Sources: NHS 111 online / NHS "Pharmacy First" and NHS condition pages (Common cold, Cough,
Sore throat, High temperature (fever) in adults and in children, Diarrhoea and vomiting,
Rashes in babies and children, Itchy skin): "you can usually treat it yourself at home /
a pharmacist can help", each with its "see a GP / call 111 if" list; NICE NG143 (fever in
under 5s: traffic-light system); NHS England "Conditions for which over the counter items
should not routinely be prescribed in primary care" (2018).
"""

from __future__ import annotations

import re

from assistant.clinical.context import find_affirmed
from assistant.triage.complaints import complaint_categories
from assistant.triage.knowledge import (
    SELF_CARE_MAX_PAIN,
    SELF_CARE_QUESTION,
    Condition,
    Match,
    blocker_affirmed,
    blocker_negated,
    is_negated,
    self_care_blockers,
)
from assistant.triage.parse import Presentation
from assistant.triage.scores import ScoreResult

# A clinician's note lists the past history before the complaint ("a 26-year-old with a past
# medical history significant for epilepsy and depression who presents with elbow pain";
# "She has a history of atopic eczema and takes a steroid cream for it"). A span opened by a
# history cue runs to the end of its sentence or to the verb that opens the presentation.
_HISTORY_SPAN = re.compile(
    r"\b(?:(?:past |prior )?(?:medical |surgical |psychiatric )?history (?:is |was )?"
    r"(?:significant|notable|positive|remarkable|pertinent) (?:only )?for|"
    r"(?:has|had|with|reports|gives) a (?:past |prior |long |known )?(?:medical )?history of|"
    r"(?:past )?medical history of|\bpmh\b:?|\bh/o\b)"
    r"(?:(?!\b(?:who|presents?|presented|presenting|comes?|came|is here|reports|states|now)\b)"
    r"[^.;])*", re.I)


def history_only(text: str, phrase: str) -> bool:
    """Whether every occurrence of ``phrase`` in ``text`` lies in a past-history span."""
    spans = [m.span() for m in _HISTORY_SPAN.finditer(text)]
    found = [m.start() for m in re.finditer(re.escape(phrase), text, re.I)]
    return bool(found) and bool(spans) and all(
        any(a <= i < b for a, b in spans) for i in found)


def without_history(text: str) -> str:
    """``text`` with its past-history spans blanked (same length): what the complaint-kind
    checks of the general rules read (a past seizure or depression is not this complaint;
    the safety net still reads the whole text, risk factors included)."""
    return _HISTORY_SPAN.sub(lambda m: " " * len(m.group(0)), text)


MINOR_CATEGORIES: tuple[str, ...] = ("cough_uri", "fever", "skin", "gi_other")
# The taxonomy's ``skin`` also holds swelling, oedema and lesions; a minor illness is a rash or
# an itch, so only those words of the category count.
_SKIN_MINOR = re.compile(r"\b(?:rash\w*|itch\w*|urticari\w*|hives|eczema|prurit\w*)\b", re.I)
BLOCKING_CATEGORIES: tuple[str, ...] = (
    "chest_pain", "dyspnoea", "neuro_deficit", "altered_mental", "seizure", "syncope",
    "gi_bleed", "haemorrhage_other", "abdominal_pain", "headache", "dizziness", "urinary",
    "obstetric_gyn", "psychiatric", "palpitation", "metabolic", "general_weakness", "injury")
# Lay words for the minor categories that the KTAS-oriented taxonomy (written for triage-desk
# complaints) lacks; ``complaints.CATEGORIES`` itself is left as is (it is a feature of the
# learned ED model). From the wording of the NHS condition pages and 111 online questions.
LAY_MINOR: dict[str, re.Pattern[str]] = {
    "cough_uri": re.compile(
        r"\b(?:sniffl\w*|sneez\w*|(?:stuffy|blocked|bunged[- ]up|congested|streaming) nose|"
        r"nose is (?:stuffy|blocked|running|streaming)|congest\w*|(?:a|the|my|bad|head) cold|"
        r"(?:scratchy|tickly|itchy|raw|sore) throat|throat (?:is |feels )?(?:sore|scratchy|raw|"
        r"killing me|hurts|hurting)|hoarse\w*|lost (?:my |his |her )?voice|laryngitis|"
        r"chesty cough|tickly cough|(?:the )?flu(?:-like)?|flu[- ]like|post-?nasal drip)\b",
        re.I),
    "fever": re.compile(
        # (a bare "temperature" is a measurement in a clinician's note: "her temperature is
        # 36.7 C"; a measured temperature is judged by its value, in ``minor_illness``)
        r"\b(?:(?:a |high |slight |low[- ]grade |mild )temperature|temp of|running a temp|"
        r"feels? (?:hot|warm) to (?:the )?touch|feverish|burning up)\b", re.I),
    "gi_other": re.compile(
        r"\b(?:throw(?:ing|n)? up|threw up|being sick|been sick|upset stomach|tummy bug|"
        r"stomach bug|(?:the )?runs|loose (?:stools?|poo)|runny poo|food poisoning|"
        r"gastro(?:enteritis)?|queasy)\b", re.I),
    "skin": re.compile(
        r"\b(?:spots|bumps|itchy|itching|dry skin|chapped|pimples?|acne|prickly heat|"
        r"heat rash)\b", re.I),
}
# Phrases that would trip a blocking category but belong to a minor illness ("stomach bug"
# is not abdominal pain; a mild headache is one of the NHS symptoms of a cold or flu).
_MASK = re.compile(r"\b(?:scratchy throat|upset stomach|tummy bug|stomach bug|stomach flu|(?:mild|slight|"
                   r"little|bit of a|small) headache)\b", re.I)
# A sore throat in any wording ("my throat is really sore"; the ENT category of the taxonomy
# does not count as a minor kind on its own), read only to refuse a rash with one.
_THROAT = re.compile(r"\b(?:(?:sore|scratchy|raw|painful|swollen) (?:throat|tonsils|glands)|"
                     r"throat (?:\w+ ){0,3}(?:sore|hurts|hurting|raw|painful|swollen)|tonsil\w*)\b",
                     re.I)
MAX_DAYS = 7  # NHS: a cold or sore throat usually lasts about a week; see a GP if longer

_NUM = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
        "fourteen": 14, "few": 3, "a few": 3, "couple": 2, "a couple": 2, "couple of": 2,
        "a couple of": 2, "several": 4, "half a": 0.5}
_DAYS_WORD = "|".join(sorted((re.escape(k) for k in _NUM), key=len, reverse=True))
# "2 days", "a couple of days", "half a day", "48 hours", "3 nights", "a fortnight", "3 wks",
# "2 and a half weeks", "a week and a half" (issue 21 selfgen: the number words past seven,
# "fortnight", the abbreviations and the halves were no duration, so a sore throat or
# diarrhoea "for a fortnight" or "for 3 wks" read as a short course)
_DURATION = re.compile(rf"\b(?P<n>\d+(?:\.\d+)?|{_DAYS_WORD})(?P<half1>\s+and a half)?[\s-]*"
                       r"(?P<unit>hours?|hrs?|days?|nights?|weeks?|wks?|fortnights?|months?|"
                       r"mths?|mos|years?|yrs?)\b(?P<half2>\s+and a half\b)?(?![- ]old)", re.I)
# UK clinical shorthand for a duration: "x 3/52" (3 weeks), "for 2/7" (2 days), "3/12" (months),
# only after a word that introduces a duration (a bare "3/7" may be a date)
_SHORTHAND = re.compile(r"\b(?:for|x|over|past|last|of|since)\s+(?P<n>\d{1,2})/(?P<per>52|12|7)\b",
                        re.I)
_SHORT_PHRASE = re.compile(
    r"\b(?:since (?:yesterday|this morning|last night|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|the weekend)|overnight|a day or two|for a day|"
    r"(?<!presents )(?<!presented )(?<!seen )(?<!here )(?<!clinic )(?:yesterday|last night|"
    r"this morning|today|tonight))\b", re.I)
# Lay ways of asking whether home care will do (beyond ``knowledge.SELF_CARE_QUESTION``).
LAY_QUESTION = re.compile(
    r"\b(?:(?:can|should|could) (?:i|we) (?:just )?(?:treat|manage|rest|wait|ride|give|take|"
    r"use)|(?:treat|manage|look after) (?:it|this|him|her|them) at home|wait (?:it|this) out|"
    r"ride (?:it|this) out|should i (?:give|take|use|be worried|worry)|is it (?:ok|okay|safe|"
    r"fine|alright|normal) (?:if|to)|do (?:i|we) need (?:to see|a doctor|a gp|antibiotics)|"
    r"need to see (?:a|the) (?:doctor|gp|pediatrician|paediatrician)|is (?:it|this) serious|"
    r"what (?:can|should) (?:i|we) (?:give|do)|"
    # asking for a recommendation ("any lozenges you'd recommend?", "what would you suggest?")
    r"(?:would|do|could|can) you (?:recommend|suggest)|you'?d (?:recommend|suggest)|"
    r"any (?:good )?(?:recommendations?|suggestions?|tips))\b", re.I)
_FOR_A_WHILE = re.compile(r"\bfor (?:a while|ages|a long time|weeks|months|years)\b", re.I)
_BLOOD = (r"blood\w*(?!\s*(?:pressures?|sugars?|glucose|tests?|work|counts?|results?|levels?|"
          r"draw\w*|type|donor|donation|cultures? (?:was|were|are) (?:negative|normal))\b)")
# "See a GP / call 111 if ...": features a self-limiting minor illness does not have.
WORRYING = re.compile(
    r"\b(?:persist\w*|won'?t go away|not going away|doesn'?t go away|keeps? (?:coming back|"
    r"happening|getting)|recurr\w*|recurrent|again and again|every (?:day|night|week|month)|"
    r"all the time|chronic\w*|(?:getting|got|gets|becoming|became) worse|worsen\w*|"
    r"not (?:getting )?better|no better|not improv\w*|spreading|"
    # the same in other words (issue 21 selfgen: "not getting any better", "isn't improving",
    # "hasn't got any better", "no improvement": NHS pages' "if your symptoms do not improve")
    r"(?:not|\w+n't) (?:\w+ )?(?:getting|got|gotten|get|gone|going) (?:any |much |a lot )?better|"
    r"\w+n't (?:\w+ )?(?:improv\w*|settl\w*|clear\w*|gone away|go away|going away)|"
    r"no (?:real |sign of |signs of )?improvement|severe\w*|very (?:bad|high|"
    r"painful|sore|unwell|ill)|worst|unbearable|excruciating|can'?t (?:eat|drink|swallow|"
    r"breathe|keep \w+ down|stop)|cannot (?:eat|drink|swallow|breathe|keep)|unable to|"
    # (dehydration, no wet nappies, not drinking, a non-blanching rash: the safety net's,
    # knowledge._SELF_CARE_DANGER, which this rule also applies)
    # (blood seen, not a measurement: "blood pressure 122/78" is an observation of a note)
    r"not eating|" + _BLOOD + r"|bloody|"
    r"ulcer\w*|wound|purulent|abscess\w*|non-healing|stiff neck|purple|pus|swollen (?:face|lips|tongue|eyes?)|"
    r"(?:lips|tongue|face) (?:is |are )?swollen|high (?:fever|temperature)|"
    r"(?:after|since) (?:i |he |she |they )?(?:start\w*|began|taking|took) (?:a |an |the |"
    r"my |his |her |new )*(?:\w+ )?(?:antibiotic|medication|medicine|drug|tablets?|pills?)|"
    r"travel\w* (?:abroad|to)|returned from|diabet\w*|cancer|kidney disease|heart disease|"
    # loin pain or tenderness is a kidney infection, not a minor illness (NHS Kidney infection;
    # NHS audit round 8: nausea with costovertebral angle tenderness reached the rule)
    r"costovertebral|cva tenderness|loin|flank|renal angle|"
    # jaundice, dark urine or pale stools (NHS Jaundice: see a GP urgently), sickle cell disease,
    # a recent operation or intubation, antibiotics (C. difficile: NHS Diarrhoea and vomiting),
    # mouth blisters, right-sided tenderness (appendicitis / gallbladder), no spleen (NHS: asplenia
    # infections are urgent): not a minor illness (issue 21 selfix safety review)
    r"yellow (?:eyes|skin)|(?:eyes|skin) (?:\w+ ){0,2}yellow|jaundic\w*|dark (?:wee|pee|urine)|pale (?:poo|stools?)|sickle|"
    r"operation|surgery|intubat\w*|clindamycin|antibiotics?|mouth (?:has )?blisters|"
    r"tender on the right|spleen|splenectomy|"
    r"copd|asthma)(?!\w)", re.I)
_INFANT = re.compile(r"\b(?:baby|babies|infant|newborn|neonate|\d+[- ](?:weeks?|months?)"
                     r"[- ]old|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven)"
                     r"[- ](?:weeks?|months?)[- ]old)\b", re.I)
# Injuries and swellings are not minor illness (the taxonomy's ``injury`` misses lay words).
_INJURY = re.compile(r"\b(?:twist\w*|sprain\w*|rolled (?:my|his|her) \w+|fell|fall|knocked|"
                     r"banged|swelling|swollen|lump\w*|bruis\w*)\b", re.I)

RULE = Condition(
    id="minor_illness_general",
    condition="minor self-limiting illness (general rule: complaint kind, short course, "
              "no warning feature)",
    disposition="self_care",
    why="a minor complaint (cold, cough, sore throat, fever, rash or itch, diarrhoea or "
        "vomiting) of short duration with no red flag, no abnormal vital sign, no high-risk "
        "group and no worrying course",
    source="NHS 111 / NHS Pharmacy First and NHS condition pages (Common cold, Cough, Sore "
           "throat, High temperature in adults and children, Diarrhoea and vomiting, Itchy "
           "skin); NICE NG143; NHS England OTC prescribing guidance 2018",
    all=(),
    example="I've had a runny nose and a sore throat since Tuesday, what can I take?",
    near_miss="I've had a sore throat for three weeks and it won't go away.")


FEVER_C = 38.0  # NICE NG143 / NHS: a high temperature is 38 C or more
FEVER_MAX_DAYS = 5  # NICE NG143 amber / NHS: a fever lasting 5 days or more needs a clinician
_ONSET_BEFORE = re.compile(r"\b(?:began|begun|started|onset|since|developed|noticed)\b", re.I)


def _onset_ago(text: str, m: re.Match[str]) -> bool:
    """Whether a duration "ago" dates the onset of the complaint ("the pain started 2 weeks
    ago"), not a past event ("a cold two weeks ago")."""
    start = max(text.rfind(".", 0, m.start()), 0)
    return bool(_ONSET_BEFORE.search(text[start:m.start()]))


def _days(m: re.Match[str]) -> float:
    if m.re is _SHORTHAND:
        return float(m.group("n")) * {"52": 7, "12": 30, "7": 1}[m.group("per")]
    n_raw, unit = m.group("n").lower(), m.group("unit").lower()
    n = float(n_raw) if n_raw[0].isdigit() else float(_NUM.get(n_raw, 3))
    if m.group("half1") or m.group("half2"):
        n += 0.5
    scale = {"h": 1 / 24, "d": 1, "n": 1, "w": 7, "f": 14, "m": 30, "y": 365}[unit[0]]
    return n * scale


def _longest_duration(text: str) -> tuple[float, str] | None:
    """(days, words) of the longest affirmed duration in ``text``; "N ago" counts only when
    the sentence says the complaint began then (:func:`_onset_ago`)."""
    longest: tuple[float, str] | None = None
    for m in [*_DURATION.finditer(text), *_SHORTHAND.finditer(text)]:
        if re.match(r"\s*ago\b", text[m.end():m.end() + 6], re.I) and not _onset_ago(text, m):
            continue
        # (blocker negation: "no fever, for 5 weeks now" keeps its course; a long course blocks)
        if blocker_negated(text, m.start(), m.end()):
            continue
        d = _days(m)
        if longest is None or d > longest[0]:
            longest = (d, m.group(0))
    return longest


def course(text: str) -> tuple[str, str | None]:
    """("short" | "long" | "unknown", evidence): the longest affirmed current duration.

    Durations placed in the past ("two weeks ago", "a couple weeks ago") do not count as the
    course of this complaint, but "for 3 weeks" does."""
    longest = _longest_duration(text)
    if longest is not None:
        return ("short" if longest[0] <= MAX_DAYS else "long"), longest[1]
    m2 = _FOR_A_WHILE.search(text)
    if m2:
        return "long", m2.group(0)
    m3 = _SHORT_PHRASE.search(text)
    if m3:
        return "short", m3.group(0)
    return "unknown", None


# A clinician's note that documents the reassuring findings NHS 111 asks about (a well
# appearance, normal observations) stands in for the self-care question: the note answers
# the "is it serious" question that a lay person asks. (NICE NG143 green features; NEWS2 0.)
_WELL = re.compile(
    r"\b(?:(?:otherwise )?(?:well|healthy)[- ]appearing|appears? (?:otherwise )?(?:well|healthy|"
    r"comfortable)|(?:is |looks |seems )?otherwise well|in no (?:acute |apparent )?distress|"
    r"(?:eating|feeding) and drinking (?:normally|well)|active and playful|alert and playful|"
    r"vital signs (?:are |were )?(?:within normal limits|normal|unremarkable|stable))\b", re.I)
_VISIT = re.compile(r"\b(?:comes?|came|presents?|presented|brought|is seen|seen)\b", re.I)


def clinical_reassurance(p: Presentation, scores: ScoreResult) -> str | None:
    """The reassuring finding of a clinician's note, or None.

    Either a stated well appearance (:data:`_WELL`) or measured observations that are all in
    range (at least three NEWS2 parameters, every one scoring 0; a child's against the
    ranges for age, via the safety net)."""
    if not _VISIT.search(p.text):
        return None
    m = find_affirmed(_WELL, p.text)
    if m is not None:
        return m.group(0)
    if (scores.news2 is not None and scores.news2 == 0 and scores.news2_params >= 3
            and (p.age is None or p.age >= 16)):
        return f"observations in range (NEWS2 0 from {scores.news2_params} parameters)"
    return None


def minor_illness(p: Presentation, floor_acuity: int, scores: ScoreResult
                  ) -> tuple[Match | None, list[str]]:
    """(the general rule's match, []) when it fires on ``p``; else (None, why not).

    "Why not" is empty when the case is not a minor complaint at all (the rule does not
    apply) and lists the reasons when it is one but a condition fails."""
    current = without_history(p.text)  # a past eczema is not this complaint
    cats = complaint_categories(current)
    minor = [c for c in MINOR_CATEGORIES
             if (cats.get(c) if c != "skin" else find_affirmed(_SKIN_MINOR, current))
             or (c in LAY_MINOR and find_affirmed(LAY_MINOR[c], current))]
    t_measured = p.vitals.temperature
    if "fever" in minor and t_measured is not None and t_measured < FEVER_C and len(minor) == 1 \
            and not cats.get("fever"):
        minor = []  # a normal measured temperature is not a fever complaint
    if not minor:
        return None, []
    why: list[str] = []
    limb = next((m for m in MSK_COMPLAINT.finditer(current)
                 if "muscle" not in m.group(0).lower()
                 and not blocker_negated(current, m.start(), m.end())), None)
    if limb is not None:
        why.append(f"a limb or joint pain (\"{limb.group(0)}\"; the limb-pain rule's)")
    masked = complaint_categories(_MASK.sub(" ", without_history(p.text)))
    other = [c for c in BLOCKING_CATEGORIES if masked.get(c)]
    if other:
        why.append(f"not only a minor complaint ({', '.join(other)})")
    kind, dur = course(p.text)
    # the question read with the matcher's negation ("no fever, is it ok to ...": the comma
    # opens a new clause, so the "no" does not reach the question)
    q = next((m for rx in (SELF_CARE_QUESTION, LAY_QUESTION) for m in rx.finditer(p.text)
              if not is_negated(p.text, m.start(), m.end())), None)
    if kind == "long":
        why.append(f"course \"{dur}\" longer than {MAX_DAYS} days")
    elif "fever" in minor and (lng := _longest_duration(p.text)) is not None \
            and lng[0] >= FEVER_MAX_DAYS:
        # NICE NG143 (amber): a fever for 5 days or more; NHS High temperature (fever) in
        # children: call 111 / see a GP if it lasts 5 days or more
        why.append(f"a fever with a course of \"{lng[1]}\" ({FEVER_MAX_DAYS} days or more)")
    # (a rash in a clinician's note is left to the clinician: exam vignettes of a rash with
    # normal observations are often systemic disease; the lay question path still applies)
    # (a fever with a rash neither: NHS "Rashes in babies and children" / measles, meningitis)
    reassured = clinical_reassurance(p, scores) if "skin" not in minor else None
    if q is None and reassured is None:
        why.append("no self-care question (the person does not ask what to do or take) and "
                   "no documented reassuring findings")
    # (read with the blocker negation: "no fever, blood in it" is not negated past the comma)
    m = next((w for w in WORRYING.finditer(p.text)
              if not blocker_negated(p.text, w.start(), w.end())), None)
    if m is not None:
        why.append(f"worrying course or feature (\"{m.group(0)}\")")
    inj = blocker_affirmed(_INJURY, p.text)
    if inj is not None:
        why.append(f"an injury or swelling (\"{inj.group(0)}\")")
    # a rash with a sore throat, cold or fever is not a minor illness of one kind: scarlet
    # fever, glandular fever, measles (NHS Rashes in babies and children; Scarlet fever:
    # "see a GP if ... a rash and a high temperature / sore throat")
    if "skin" in minor and ("fever" in minor or "cough_uri" in minor
                            or blocker_affirmed(_THROAT, current) is not None):
        why.append("a rash or itch with a sore throat, cold or fever")
    inf = _INFANT.search(p.text)
    if inf is not None:
        why.append(f"an infant (\"{inf.group(0)}\")")
    why.extend(self_care_blockers(p, RULE, floor_acuity, scores))
    if why:
        return None, why
    evidence = [f"{', '.join(minor)}"]
    evidence.append(f"duration {dur}" if dur else f"asks \"{q.group(0) if q else ''}\"")
    return Match(RULE, evidence), []


# ---- the minor musculoskeletal rule (issue 21, round 5) ----
#
# Why: on clinician-worded notes (ACI-bench HPIs: "presents to the clinic today for the
# evaluation of right knee pain ... twisted her knee ... ice and ibuprofen") a sprain, strain or
# overuse pain matched no entry (the named ``sprain`` entry needs a second finding such as
# "can bear weight"), so the routine default stood; the minor-illness rule above excludes
# injuries. NHS condition pages (Sprains and strains; Knee pain; Shoulder pain; Elbow pain and
# Tennis elbow; Wrist pain; Foot pain; Hip pain; Bursitis; Bruises) treat a short, low-energy or
# overuse pain of one limb region the same way: rest, ice, painkillers, a pharmacist; "see a GP
# if" it has not improved after 2 weeks, stops normal activities, keeps coming back, or there is
# numbness, tingling or weakness; "go to an urgent treatment centre / A&E if" there was a snap,
# pop or crack, it cannot bear weight or move, it has changed shape, the pain is severe, it is
# hot, red or very swollen or there is a fever, or after a serious accident.
MSK_MAX_DAYS = 14  # NHS: see a GP if not improved after 2 weeks of treating it at home
MSK_MIN_AGE = 16.0  # children: growth-plate injuries, a slipped upper femoral epiphysis
# presenting as knee pain, a pulled elbow (left to a clinician; NICE NG59 starts at 16 too)
MSK_MAX_AGE = 65.0  # older people: fragility fractures after a fall (NICE CG161 falls)
_REGION = (r"(?:knees?|shoulders?|elbows?|ankles?|wrists?|hips?|heels?|foot|feet|hands?|"
           r"fingers?|thumbs?|toes?|calf|calves|thighs?|hamstrings?|quad\w*|shins?|forearms?|"
           r"upper arm|arm|legs?|muscles?)")
_PAIN = r"(?:pain\w*|aches?|aching|achy|sore\w*|stiff\w*|hurts?|hurting|tender\w*|strain\w*|sprain\w*)"
# "right knee pain", "pain in her left elbow", "her elbow has been bothering her", "twisted her knee"
MSK_COMPLAINT = re.compile(
    rf"\b(?:(?:right|left|bilateral|both)\s+)?{_REGION}\s+(?:joint\s+)?{_PAIN}|"
    rf"\b{_PAIN}\s+(?:in|of|on|to|at|around)\s+(?:the\s+|his\s+|her\s+|my\s+|their\s+|both\s+)?"
    rf"(?:(?:right|left|bilateral|inner|outer|inside|medial|lateral)\s+)*(?:aspect of (?:the |his |her |my )?)?{_REGION}\b|"
    rf"\b(?:twist\w*|sprain\w*|strain\w*|hyperextend\w*|rolled|pulled|jarred|banged|bumped|hit|"
    rf"invert\w*|evert\w*|(?:went|gone|going|goes) over on)\s+"
    rf"(?:his|her|my|their|the|a)\s+(?:(?:right|left)\s+)?{_REGION}\b|"
    rf"\b{_REGION}\s+(?:has|have)\s+(?:really\s+)?been\s+(?:bothering|hurting)|"
    rf"\b{_PAIN}\s+(?:with|on)\s+(?:\w+\s+){{0,4}}(?:of|in)\s+(?:the|his|her|my)\s+"
    rf"(?:(?:right|left)\s+)?{_REGION}\b|"
    rf"\bevaluation of (?:the |his |her |a )?(?:(?:right|left)\s+)?{_REGION}\b|"
    rf"\b{_PAIN}\s+(?:(?:right|left)\s+)?{_REGION}\b", re.I)
# A low-energy or overuse cause, or none stated ("no specific injury"): what the NHS pages
# treat at home. (A high-energy mechanism is a blocker below.)
MSK_CAUSE = re.compile(
    r"\b(?:twist\w*|sprain\w*|strain\w*|pulled|invert\w*|inversion|(?:went|gone|going) over on|overuse\w*|over-?use|repetitive|repeated|"
    r"workouts?|exercis\w*|training|gym\w*|sports?|playing|played|running|jogging|runs?|ran|"
    r"marathon|race|hik(?:e|ed|ing)|dancing|climbing|kneeling|painting|"
    r"lift\w*|moving (?:boxes|furniture)|carrying|gardening|yard work|stairs|pottery|typing|"
    r"desk|computer|tennis|golf\w*|football|soccer|basketball|volleyball|bowling|skiing|"
    r"hiking|cycling|bike|stumbl\w*|tripped|bumped|banged|hit (?:his|her|my|their) |"
    r"ran into|no (?:specific |known )?(?:injury|trauma)|"
    r"(?:denies|without) (?:any )?(?:specific |known )?(?:injury|trauma))", re.I)
# NHS "see a GP / urgent treatment centre / A&E if" features of a limb pain (affirmed).
MSK_BLOCK = re.compile(
    r"\b(?:pop(?:ped|ping)?|snap\w*|crack\w*|clunk|"
    r"(?:can'?t|cannot|can not|unable to|not able to|could not|couldn'?t|difficulty|trouble)"
    r" (?:\w+ ){0,2}(?:bear|put|take|walk|weight|move|lift|straighten|bend|continue|ambulat\w*|"
    r"participate|play|carry on|use)|(?:required|needed|with) (?:\w+ ){0,2}help (?:to )?(?:get|walk|off)|"
    r"carried off|crush\w*|fall\w* on(?:to)? (?:the patient's |his |her |my )(?:foot|hand|toes?|fingers?)|"
    r"dropped (?:\w+ ){0,3}on|stepped on|"
    r"non[- ]?weight[- ]?bearing|limp\w*|favou?ring|crutch\w*|deform\w*|changed shape|out of place|"
    r"dislocat\w*|fractur\w*|broken|numb\w*|tingl\w*|pins and needles|weak\w*|lock\w*|"
    r"giv\w* way|gave way|instab\w*|unstable|buckl\w*|very swollen|(?:large|significant|marked|"
    r"massive) swelling|swelled up|effusion|hot|warm|red|redness|reddened|erythema\w*|fever\w*|chills|"
    r"severe\w*|excruciating|unbearable|intense|very (?:painful|sore|tender)|"
    r"(?:stops?|stopping|interfer\w*|affect\w*|limit\w*|prevent\w*) (?:\w+ ){0,6}"
    r"(?:activities|daily living|work(?:ing)?|sleep\w*)|activities of daily living|"
    r"(?:motor vehicle|car|road traffic|bike|bicycle|motorcycle) (?:accident|crash|collision)|"
    r"\bmva\b|rear-ended|fell (?:off|from|down)|from (?:a |the )?(?:height|ladder|roof)|tackl\w*|"
    r"bite|bitten|wound|laceration|puncture|(?<!peptic )(?<!duodenal )(?<!gastric )ulcer\w*|"
    r"recurr\w*|keeps? (?:coming back|happening)|persist\w*|chronic\w*|for (?:weeks|months|years)|"
    r"(?:getting|got|gets|becoming|became|grown|much|even) worse|worse and worse|worsen\w*|progressiv\w*|"
    r"(?:prior|previous|history of) (?:\w+ ){0,3}(?:problems?|injur\w*|replacement|arthroplasty)|"
    r"bleed\w*|" + _BLOOD + r"|not (?:getting )?better|no better|"
    # metalwork or an operation on the same limb (NHS Foot pain / Knee pain: see a GP after surgery
    # on it; issue 21 selfgen: "she had surgery on it, and she has plates and screws")
    r"plates? and screws|screws|metalwork|hardware|surgery on (?:it|that|this|the|her|his|my)|"
    r"replacement|arthroplasty|arthritis|gout|lupus|rheumat\w*|psoria\w*|cancer|"
    r"diabet\w* (?:foot|feet)|calf (?:swelling|tender\w*)|swollen calf|tender\w* calf|"
    r"chest|shortness of breath|breathless\w*|jaw|sweat\w*|diaphore\w*|nause\w*|vomit\w*|"
    r"dizz\w*|faint\w*|light-?headed\w*|abdom\w*|stomach|"
    # Ottawa rules / scaphoid: bony tenderness, a fall onto the hand (NHS: Broken wrist)
    r"bony tenderness|point tenderness|tender\w* (?:over|at|on) (?:the )?(?:bone|\w+ bone|"
    r"malleol\w*|metatarsal\w*|navicular|scaphoid|snuffbox|patella|fibula|tibia)|snuffbox|"
    r"outstretched|foosh|(?:fell|landed|fall\w*) (?:on|onto) (?:his |her |my |their |an? )?"
    r"(?:hands?|wrists?|outstretched)|"
    # clot risks with a painful or swollen leg (NICE NG158 Wells score items)
    r"(?:recent|after|since) (?:\w+ ){0,2}(?:surgery|operation)|immobil\w*|bed-?bound|"
    r"long[- ](?:haul )?flight|plaster cast|"
    # a swollen or painful joint on an anticoagulant may be a bleed into it (haemarthrosis)
    r"warfarin|anticoagula\w*|blood[- ]thinn\w*|apixaban|rivaroxaban|dabigatran|edoxaban|"
    r"heparin|enoxaparin|haemophilia|hemophilia)(?!\w)", re.I)

RULE_MSK = Condition(
    id="minor_musculoskeletal_general",
    condition="sprain, strain or overuse pain of a limb (general rule: one region, "
              "low-energy or overuse cause, short course, no warning feature)",
    disposition="self_care",
    why="limb or joint pain from a twist, knock or overuse, under 2 weeks, with no pop, no "
        "weight-bearing or movement problem, no deformity, numbness, weakness, heat, redness "
        "or fever, no severe pain and no high-risk group",
    source="NHS condition pages: Sprains and strains; Knee pain; Shoulder pain; Elbow pain and "
           "Tennis elbow; Wrist pain; Foot pain; Hip pain; Bursitis; Bruises (treat at home, "
           "a pharmacist can help; see a GP if not better after 2 weeks; urgent treatment "
           "centre or A&E features); NICE CG161 (falls in older people)",
    all=(),
    example="33-year-old presents for evaluation of right elbow pain for 4 days after more use "
            "of a pottery wheel, no injury, no numbness.",
    near_miss="33-year-old with right knee pain after a pop while playing basketball, swelled "
              "up and cannot bear weight.")


_SEVERE_SCORE = re.compile(r"\b(?:[7-9]|1[01])\s*(?:/|out of)\s*10\b", re.I)
_MANY_JOINTS = re.compile(r"\b(?:joints|polyarthr\w*|arthralgi\w*|all over|several|multiple|many|"
                          r"hands and feet|small joints)\b", re.I)


def msk_course(text: str) -> tuple[float, str] | None:
    """(days, evidence) of the longest affirmed duration of the complaint, or None.

    As :func:`course`, but a duration "ago" counts when the sentence says the pain began then
    ("the onset of his pain began a few weeks ago"); "for a while" / "for weeks" is long."""
    longest = _longest_duration(text)
    m2 = _FOR_A_WHILE.search(text)
    if m2 and (longest is None or longest[0] <= MSK_MAX_DAYS):
        return 30.0, m2.group(0)
    return longest


def minor_musculoskeletal(p: Presentation, floor_acuity: int, scores: ScoreResult
                          ) -> tuple[Match | None, list[str]]:
    """(the minor musculoskeletal rule's match, []) when it fires on ``p``; else (None, why not).

    Fires only when all hold: a limb or joint pain is the complaint (:data:`MSK_COMPLAINT`,
    affirmed); a low-energy or overuse cause, or none (:data:`MSK_CAUSE`); no other complaint
    kind (``BLOCKING_CATEGORIES`` less injury; a minor illness is the other rule's); the
    course is not over :data:`MSK_MAX_DAYS` days (:func:`msk_course`); no NHS "see a GP /
    urgent care" feature (:data:`MSK_BLOCK`, affirmed); age :data:`MSK_MIN_AGE` to under
    :data:`MSK_MAX_AGE` when stated; and the knowledge base's self-care safety net holds
    (``knowledge.self_care_blockers``: no floor, pain <= 6, not pregnant or immunosuppressed,
    no unexplained systemic feature). "Why not" is empty when the case is not a limb pain."""
    region = find_affirmed(MSK_COMPLAINT, p.text)
    if region is None:
        return None, []
    why: list[str] = []
    cause = find_affirmed(MSK_CAUSE, p.text)
    if cause is None and not re.search(r"\b(?:no|denies|without) (?:\w+ ){0,2}(?:injury|trauma)",
                                       p.text, re.I):
        why.append("no low-energy or overuse cause stated")
    masked = complaint_categories(_MASK.sub(" ", without_history(p.text)))
    other = [c for c in BLOCKING_CATEGORIES if c != "injury" and masked.get(c)]
    if other:
        why.append(f"not only a limb pain ({', '.join(other)})")
    longest = msk_course(p.text)
    if longest is not None and longest[0] > MSK_MAX_DAYS:
        why.append(f"course \"{longest[1]}\" longer than {MSK_MAX_DAYS} days")
    # (blocker negation: "no swelling, can't put any weight on it" is not negated past the comma)
    m = next((w for w in MSK_BLOCK.finditer(p.text)
              if not blocker_negated(p.text, w.start(), w.end())), None)
    if m is not None:
        why.append(f"a see-a-GP or urgent-care feature (\"{m.group(0)}\")")
    # a measured fever with a limb or joint pain may be septic arthritis or osteomyelitis
    # (NHS Septic arthritis: "a high temperature" -> urgent); the net's own limit is 39
    if p.vitals.temperature is not None and p.vitals.temperature >= FEVER_C:
        why.append(f"temperature {p.vitals.temperature:g} with a limb pain")
    # a pain score is a reading, never negated ("without medication it is 7-8/10")
    score = _SEVERE_SCORE.search(p.text)
    if score is not None:
        why.append(f"pain \"{score.group(0)}\" (over {SELF_CARE_MAX_PAIN}/10, the safety net's limit)")
    if p.age is not None and not (MSK_MIN_AGE <= p.age < MSK_MAX_AGE):
        why.append(f"age {p.age:g} (outside {MSK_MIN_AGE:g}-{MSK_MAX_AGE:g})")
    # the safety net's "joint pain" (an unexplained systemic feature) is this rule's own
    # complaint when the note places it in a limb region and names no spread to many joints
    many = _MANY_JOINTS.search(p.text)
    why.extend(w for w in self_care_blockers(p, RULE_MSK, floor_acuity, scores)
               if many or not re.search(r"\"joint (?:pain|ache)s?\"", w, re.I))
    if why:
        return None, why
    ev = [f"limb pain \"{region.group(0)}\""]
    if cause is not None:
        ev.append(f"cause \"{cause.group(0)}\"")
    return Match(RULE_MSK, ev), []
