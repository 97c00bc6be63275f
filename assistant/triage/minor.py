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

from assistant.clinical.context import clause_negated, find_affirmed
from assistant.triage.complaints import complaint_categories
from assistant.triage.knowledge import (
    SELF_CARE_QUESTION,
    Condition,
    Match,
    is_negated,
    self_care_blockers,
)
from assistant.triage.parse import Presentation
from assistant.triage.scores import ScoreResult

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
        r"\b(?:(?:a |high |slight |low[- ]grade |mild )?temperature|temp of|running a temp|"
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
MAX_DAYS = 7  # NHS: a cold or sore throat usually lasts about a week; see a GP if longer

_NUM = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "few": 3, "a few": 3, "couple": 2, "a couple": 2, "couple of": 2,
        "a couple of": 2, "several": 4, "half a": 0.5}
_DAYS_WORD = "|".join(sorted((re.escape(k) for k in _NUM), key=len, reverse=True))
# "2 days", "a couple of days", "half a day", "48 hours", "3 nights"
_DURATION = re.compile(rf"\b(\d+|{_DAYS_WORD})[\s-]*(hours?|hrs?|days?|nights?|weeks?|months?|"
                       r"years?)\b(?![- ]old)", re.I)
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
    r"what (?:can|should) (?:i|we) (?:give|do))\b", re.I)
_FOR_A_WHILE = re.compile(r"\bfor (?:a while|ages|a long time|weeks|months|years)\b", re.I)
# "See a GP / call 111 if ...": features a self-limiting minor illness does not have.
WORRYING = re.compile(
    r"\b(?:persist\w*|won'?t go away|not going away|doesn'?t go away|keeps? (?:coming back|"
    r"happening|getting)|recurr\w*|recurrent|again and again|every (?:day|night|week|month)|"
    r"all the time|chronic\w*|(?:getting|got|gets|becoming|became) worse|worsen\w*|"
    r"not (?:getting )?better|no better|not improv\w*|spreading|severe\w*|very (?:bad|high|"
    r"painful|sore|unwell|ill)|worst|unbearable|excruciating|can'?t (?:eat|drink|swallow|"
    r"breathe|keep \w+ down|stop)|cannot (?:eat|drink|swallow|breathe|keep)|unable to|"
    # (dehydration, no wet nappies, not drinking, a non-blanching rash: the safety net's,
    # knowledge._SELF_CARE_DANGER, which this rule also applies)
    r"not eating|blood\w*|bloody|"
    r"ulcer\w*|wound|purulent|abscess\w*|non-healing|stiff neck|purple|pus|swollen (?:face|lips|tongue|eyes?)|"
    r"(?:lips|tongue|face) (?:is |are )?swollen|high (?:fever|temperature)|"
    r"(?:after|since) (?:i |he |she |they )?(?:start\w*|began|taking|took) (?:a |an |the |"
    r"my |his |her |new )*(?:\w+ )?(?:antibiotic|medication|medicine|drug|tablets?|pills?)|"
    r"travel\w* (?:abroad|to)|returned from|diabet\w*|cancer|kidney disease|heart disease|"
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


def _days(m: re.Match[str]) -> float:
    n_raw, unit = m.group(1).lower(), m.group(2).lower()
    n = float(n_raw) if n_raw.isdigit() else float(_NUM.get(n_raw, 3))
    scale = {"h": 1 / 24, "d": 1, "n": 1, "w": 7, "m": 30, "y": 365}[unit[0]]
    return n * scale


def course(text: str) -> tuple[str, str | None]:
    """("short" | "long" | "unknown", evidence): the longest affirmed current duration.

    Durations placed in the past ("two weeks ago", "a couple weeks ago") do not count as the
    course of this complaint, but "for 3 weeks" does."""
    longest: tuple[float, str] | None = None
    for m in _DURATION.finditer(text):
        if re.match(r"\s*ago\b", text[m.end():m.end() + 6], re.I):
            continue
        if clause_negated(text, m.start(), m.end()):
            continue
        d = _days(m)
        if longest is None or d > longest[0]:
            longest = (d, m.group(0))
    if longest is not None:
        return ("short" if longest[0] <= MAX_DAYS else "long"), longest[1]
    m2 = _FOR_A_WHILE.search(text)
    if m2:
        return "long", m2.group(0)
    m3 = _SHORT_PHRASE.search(text)
    if m3:
        return "short", m3.group(0)
    return "unknown", None


def minor_illness(p: Presentation, floor_acuity: int, scores: ScoreResult
                  ) -> tuple[Match | None, list[str]]:
    """(the general rule's match, []) when it fires on ``p``; else (None, why not).

    "Why not" is empty when the case is not a minor complaint at all (the rule does not
    apply) and lists the reasons when it is one but a condition fails."""
    cats = complaint_categories(p.text)
    minor = [c for c in MINOR_CATEGORIES
             if (cats.get(c) if c != "skin" else find_affirmed(_SKIN_MINOR, p.text))
             or (c in LAY_MINOR and find_affirmed(LAY_MINOR[c], p.text))]
    if not minor:
        return None, []
    why: list[str] = []
    masked = complaint_categories(_MASK.sub(" ", p.text))
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
    if q is None:
        why.append("no self-care question (the person does not ask what to do or take)")
    m = next((w for w in WORRYING.finditer(p.text)
              if not clause_negated(p.text, w.start(), w.end())), None)
    if m is not None:
        why.append(f"worrying course or feature (\"{m.group(0)}\")")
    inj = find_affirmed(_INJURY, p.text)
    if inj is not None:
        why.append(f"an injury or swelling (\"{inj.group(0)}\")")
    inf = _INFANT.search(p.text)
    if inf is not None:
        why.append(f"an infant (\"{inf.group(0)}\")")
    why.extend(self_care_blockers(p, RULE, floor_acuity, scores))
    if why:
        return None, why
    evidence = [f"{', '.join(minor)}"]
    evidence.append(f"duration {dur}" if dur else f"asks \"{q.group(0) if q else ''}\"")
    return Match(RULE, evidence), []
