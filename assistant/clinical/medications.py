"""Medication grammar: drug name, dose, route, frequency and status, from lists and prose.

``find_medication_mentions(text)`` reads every drug mention with the attributes written after
it ("metformin 1000 mg PO BID", "Ibuprofen 10 mg/kg PO q6h PRN fever",
"albuterol MDI 90 mcg/actuation 2 puffs q4h PRN") and the status cue around it ("start",
"hold", "discontinue", "was given", "(NEW)"). The pipeline merges mentions per drug.
Drug names come from a curated generic + brand list and, when a dose follows, from common
generic-name stems (-pril, -sartan, -olol, ...).

The parts live in their own modules, re-exported here: ``drug_names`` (lexicon, dictionary,
``find_names``), ``med_grammar`` (dose, route, frequency), ``med_status`` (status cues and
not-a-medication filters); this module reads the mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.clinical.allergy_taken import allergen_alike_before
from assistant.clinical.drug_names import (
    DrugName,
    comes_in_form,
    drug_codes,
    find_names,
    is_drug_name,
)
from assistant.clinical.med_exclusions import not_a_medication
from assistant.clinical.med_grammar import (
    _BARE_STRENGTH,
    _COUNT_WORDS,
    _DOSE,
    _DOSE_BEFORE,
    _FREQ_RE,
    _PCT_BEFORE,
    _PRN,
    _ROUTE_BEFORE,
    _ROUTE_RE,
    _SECOND_STRENGTH,
    _UNIT_CANON,
    _WORD_COUNT,
    DOSE_AMOUNT,
    DOSE_PER,
    DOSE_UNIT,
    _first_frequency,
    _frequency,
    _norm_dose,
    _route,
)
from assistant.clinical.med_not_taken import hypothetical_instruction, relatives_drug
from assistant.clinical.med_status import (
    _CLASS_NAMES,
    _NOT_A_MED_AFTER,
    _NOT_A_MED_BEFORE,
    _NOT_TO_GIVE,
    _PAST_EPISODE,
    _RECREATIONAL,
    _clause_start,
    _comma_status,
    _coordinated_tail,
    _status_cue,
    anaphor_drugs,
    anaphoric_cues,
    conditional_start,
)

__all__ = ["DOSE_AMOUNT", "DOSE_PER", "DOSE_UNIT", "DrugName", "MedMention", "attributes_at",
           "drug_codes", "find_medication_mentions", "find_names", "is_drug_name"]


@dataclass
class MedMention:
    """One drug mention with what the grammar read around it."""

    name: str
    start: int
    end: int
    dose: str | None = None
    route: str | None = None
    frequency: str | None = None
    cue: str | None = None     # explicit status cue, when one was read
    #: where a route/frequency written once for a list lies, when it is not next to this
    #: drug's own words (its span then never covers another drug's dose; review 6)
    sig_span: tuple[int, int] | None = None
    prn: bool = False          # "p.r.n." read with it: a shared fixed sig is not its own
    #: p16fix: the "given" cue was read in a comma part after it ("Coumadin 5 mg p.o., was
    #: administered on 02/19"): in a current-medications list the drug is still taken
    comma_given: bool = False
    #: ms2: the stop was read only from "failed X" / "a course of X" / "had been": a weak stop
    #: that any other mention of the drug overrides (a current list entry with a dose)
    weak_stop: bool = False

#: (extfix13a) an allergy word earlier in the drug's line
_ALLERGY_CUE = re.compile(r"\ballerg|\bintoleran", re.IGNORECASE)
#: the subject-less comma clause of taking that ends an allergy statement (ext13a,
#: ``allergy_words._CLAUSE_END``): the path the check above is for ("Allergic to sulfa, takes
#: Bactrim"); other forms keep their readings ("Sulfa allergy gives her a rash and she is on
#: Bactrim DS": review a8b)
_COMMA_TAKEN = re.compile(
    r",\s*(?:(?:and|but|so|then)\s+)?(?:(?:instead|now|still|only|currently|also|just|"
    r"usually|therefore)\s+)*(?:takes|uses|is\s+(?:(?:also|currently|still|now|only)\s+)?"
    r"(?:taking|using|on))\s+(?:(?:her|his|their|the|some|plain|regular)\s+)?$", re.IGNORECASE)
#: a strength right after a drug's name
_STRENGTH_AFTER = re.compile(r"[ \t]*\d+(?:\.\d+)?[ \t]*(?:mg|mcg|g|units?|ml)\b", re.IGNORECASE)


def find_medication_mentions(text: str) -> list[MedMention]:
    """Every medication mention in ``text`` with the attributes the grammar could read."""
    from assistant.clinical.allergies import allergen_spans

    names = find_names(text)
    # every drug an allergy statement names ("She is allergic to Keflex and codeine"), not
    # only the first after "allergic to": an allergen, not a medication taken
    # (review 5) and a relative's allergy: "Her mother's only allergy is to penicillin"
    allergic = allergen_spans(text)
    out: list[MedMention] = []
    # (issue 16, medstat) an allergen's mention whose own cue says nothing of a stop or hold:
    # dropped, but kept here so that a pronoun may still stand for it ("Allopurinol gives
    # her a rash; she takes it anyway")
    allergen_only: list[MedMention] = []
    prev_end = 0  # end of what the previous mention read (its dose, route, frequency)
    for k, (start, end, name, _stem) in enumerate(names):
        after = text[end:end + 40]
        before = text[max(0, start - 40):start]
        if _NOT_A_MED_AFTER.match(after) or _NOT_A_MED_BEFORE.search(before):
            continue
        if not_a_medication(name, before, after):
            # probe17: contrast, radiotracer (any, not only a study "done": p16fix's
            # tracer_study is folded in), "without X", skin prep, thyroid organ
            continue
        in_allergy = any(s <= start < e for s, e in allergic)
        if not in_allergy and allergic and _COMMA_TAKEN.search(text, max(0, start - 80), start) \
                and _ALLERGY_CUE.search(
                text, max(text.rfind("\n", 0, start) + 1, start - 160), start) \
                and not _STRENGTH_AFTER.match(text, end) and allergen_alike_before(text, start):
            # (extfix13a, safety) "Allergic to Coumadin, takes warfarin instead", "Allergic to
            # sulfa, takes Bactrim": the drug taken is the allergen (a brand, synonym,
            # combination or class member of it): never an active medication. One written
            # with its strength is kept ("intolerant to atorvastatin at high doses, currently
            # takes atorvastatin 10 mg": allergy7), as ``pipeline._not_allergens`` keeps it
            in_allergy = True
        if conditional_start(text, start):
            continue  # "would need to start ibuprofen if ...": an option, not a drug taken
        if relatives_drug(text, start) or hypothetical_instruction(text, start, end):
            # (ext13a) "His mother gets hives when she takes penicillin": the relative's;
            # "If she takes penicillin, monitor for hives": taken only in a condition
            continue
        if name in _RECREATIONAL and not _DOSE.match(text, end + 1):
            continue
        if name in _CLASS_NAMES:
            continue
        if name.endswith(" vaccine") and _PAST_EPISODE.search(_sentence(text, start, end)):
            continue  # an immunization history ("pneumococcal vaccination three years ago")
        if k > 0 and names[k - 1].name == name and re.fullmatch(
                r"\s*\(\s*", text[names[k - 1].end:start]):
            continue  # "TriCor (fenofibrate)": the generic in brackets is the same mention
        # attribute window: to the next drug, the end of the line/sentence, or 110 chars
        limit = names[k + 1][0] if k + 1 < len(names) else len(text)
        limit = min(limit, end + 110)
        # a comma followed by words ends the attributes: "azithromycin, and nebulized ..."
        # ". " ends the attributes only before a capital or a list number: a dotted
        # abbreviation goes on ("12.5 mg p.o. b.i.d.", "q.4h. p.r.n.")
        # ", take one tablet by mouth every six hours": the sig goes on after ", take"
        stop = re.search(r"\n|\.\s+(?=[A-Z]|\d+\.\s)|;|\.$|\bthen\b|"
                         r",\s*(?!(?:take|apply|inject|instill|inhale|use|dispense|disp|"
                         r"one|two|half|which)\b)(?=[A-Za-z])",
                         text[end:limit])
        wend = end + stop.start() if stop else limit
        window = text[end:wend]
        mention = MedMention(name=name, start=start, end=end)
        last = end
        dm = _DOSE.search(window)
        if dm and re.match(r"\s+of\b", window[dm.end():]):
            dm = None  # "and 10 cc of viscous lidocaine": the next drug's dose
        if dm and dm.start() < 45:
            mention.dose = _norm_dose(dm.group(1), dm.group(2))
            last = max(last, end + dm.end())
            second = _SECOND_STRENGTH.match(window, dm.end())
            if second:  # a combination's strengths: "Bactrim DS 800 mg/160 mg"
                mention.dose += "/" + _norm_dose(second.group(1), second.group(2))
                last = max(last, end + second.end())
        if mention.dose is None:  # "0.25% Marcaine", "1% lidocaine": a strength in front
            pre = _PCT_BEFORE.search(text, max(0, start - 16), start)
            if pre:
                mention.dose = f"{pre.group(1)}%"
                mention.start = pre.start()
        if mention.dose is None:  # "5 mg p.o. Valium", "30 units of insulin"
            floor = max(prev_end, _line_start(text, start), start - 30)
            pre = _DOSE_BEFORE.search(text, floor, start)
            if pre:
                mention.dose = _norm_dose(pre.group(1), pre.group(2))
                mention.start = pre.start()
                if pre.group(3) or pre.group(4):
                    mention.route = _route(pre.group(3) or pre.group(4))
        if mention.dose is None:  # "Cozaar 50 daily": a bare strength, as written
            bare = _BARE_STRENGTH.match(window)
            if bare:
                mention.dose = bare.group(1)
                last = max(last, end + bare.end())
        if mention.dose is None:  # "one pill a day", "two puffs daily": a count in words
            wc = _WORD_COUNT.search(window)
            if wc and wc.start() < 30:
                form = wc.group(2).lower()
                form = "tab" if form.startswith(("pill", "tab")) else form
                unit = _UNIT_CANON.get(form, form)
                count = _COUNT_WORDS.get(wc.group(1).lower(), wc.group(1))
                unit = {"sprays": "spray", "drops": "drop", "patches": "patch"}.get(unit, unit)
                if count != "1" and unit in ("spray", "drop", "patch"):
                    unit += "es" if unit == "patch" else "s"  # "2 sprays", "1 drop"
                mention.dose = f"{count} {unit}"
                last = max(last, end + wc.end())
        # "given isosorbide mononitrate and IV steroids": a route after "and" is the next item's
        route_win = re.split(r"\s(?:and|or)\s+(?=(?:IV|I\.V\.|PO|IM|SQ|oral|topical|nebulized|"
                             r"inhaled|intravenous)\b)", window, maxsplit=1)[0]
        # the route after the name, one read in front of it, or the dosage form inside the
        # name itself ("nicotine patch", "fentanyl patch")
        mention.route = _route(route_win) or mention.route or _route(text[start:end])
        if mention.route is None:
            # a route written in front of the name, in the same clause: "IV Unasyn",
            # "oral Cipro", "nebulized albuterol", "subcutaneous heparin"
            pre = _ROUTE_BEFORE.search(text, _clause_start(text, start, max(0, start - 30)),
                                       start)
            if pre:
                mention.route = _route(pre.group(1))
        mention.frequency = _frequency(window)
        for rx, _name in _ROUTE_RE + _FREQ_RE:  # extend the span over what was read
            # (a route after "and" is the next drug's: "IV heparin and IV Coumadin")
            m = rx.search(route_win if (rx, _name) in _ROUTE_RE else window)
            if m:
                last = max(last, end + m.end())
        pm = _PRN.search(window)
        if pm:
            last = max(last, end + pm.end())
            mention.prn = True
        mention.end = last
        mention.cue = _status_cue(text, start, end, window, _coordinated_tail(text, names, k))
        if mention.cue == "failed":
            mention.cue, mention.weak_stop = "discontinued", True
        elif mention.cue == "not-given":
            # p20fix: an order not to give. (re-review) A hold as strong as any other cue, not
            # a weak one: a weak hold lost to a bare dose line or a history mention ("Do not
            # give heparin. Platelets fell after heparin exposure." read heparin active); the
            # conditional and partial orders it was meant for ("do not give heparin bolus")
            # are no hold at all (``med_status._NOT_TO_GIVE_LIMITED``)
            mention.cue = "held"
        mention.comma_given = mention.cue == "given" and _comma_status(
            text, end + len(window), name) == "given"
        if mention.cue is None and name.endswith(" vaccine"):
            mention.cue = "given"  # a vaccine is administered, not taken on
        if in_allergy:
            # an allergen named in its allergy statement is no medication taken: kept aside,
            # only to end the drug's other mentions when it says the drug was stopped or held
            # (see ``_apply_anaphora``)
            allergen_only.append(mention)
            continue
        if mention.cue == "held" and _NOT_TO_GIVE.search(
                text, _clause_start(text, start, max(0, start - 120)), start) \
                and _allergen_named(text, (name, text[start:end])):
            continue  # probe20: "Do not give morphine" with a morphine allergy: the allergy
        out.append(mention)
        _share_plural_form(text, out, window, end)
        if mention.frequency is None and (stop is not None and stop.group(0).startswith(",")
                                          or (stop is None and window.rstrip().endswith(","))):
            _share_list_sig(text, mention, end + (stop.end() if stop else len(window)))
        prev_end = last
    _share_quantified_sig(text, out)
    _share_route_for_list(text, out)
    _apply_anaphora(text, out, allergen_only)
    return _fold_bare_insulin(out)


def _apply_anaphora(text: str, out: list[MedMention], allergen_only: list[MedMention]) -> None:
    """(issue 16, medstat) A status said of a drug through a pronoun ("so it was stopped", "we
    will avoid it", "she takes it anyway") becomes the cue of the drug's latest mention before
    the pronoun (``med_status.anaphor_drugs``: one drug named before it in its sentence or the
    one before). An allergen's mention (``allergen_only``) comes back as a medication only for
    a stop or hold, or when the note says the drug is taken all the same ("takes it anyway")."""
    pool = sorted(out + allergen_only, key=lambda m: m.start)
    spans = [(m.start, m.end, m.name) for m in pool]
    anyway: set[int] = set()  # mentions bound by "takes it anyway" (msfix U5)
    for cue, pos, status, plural in anaphoric_cues(text):
        for i in anaphor_drugs(text, cue, pos, plural, status, spans):
            pool[i].cue = "active" if status == "anyway" else status
            pool[i].weak_stop = False
            if status == "anyway":
                anyway.add(id(pool[i]))
            else:
                anyway.discard(id(pool[i]))
    # an allergen's own statement ends the drug's other mentions when it says the drug was
    # stopped or held ("She is on metoprolol and lisinopril. Lisinopril was discontinued
    # because of cough": lisinopril discontinued, never active); with no other mention it
    # stays no medication (the allergy says it), unless the note says it is taken all the same
    named = {m.name for m in out}
    kept = [m for m in allergen_only if (m.cue in ("discontinued", "held") and m.name in named)
            or id(m) in anyway]
    if kept:
        out.extend(kept)
        out.sort(key=lambda m: m.start)


_SIG_END = re.compile(r"\n|\.\s+(?=[A-Z]|\d+\.\s)|;|\.$")


_ALLERGY_WORD = re.compile(r"\ballerg\w*", re.I)


def _allergen_named(text: str, names: tuple[str, ...]) -> bool:
    """Whether an allergy statement of ``text`` names the drug: one of ``names`` within the
    line or sentence after an allergy word ("ALLERGIES: Morphine (itching)", "allergic to
    codeine and morphine") or just before it ("morphine allergy")."""
    low = text.lower()
    for m in _ALLERGY_WORD.finditer(low):
        stop = re.compile(r"\n\s*\n|\n(?=[A-Za-z ]{2,40}:)|\.\s").search(low, m.end())
        after = low[m.end():stop.start() if stop else min(len(low), m.end() + 200)]
        before = low[max(0, m.start() - 30):m.start()]
        for n in names:
            w = re.compile(r"\b" + re.escape(n.lower()) + r"\b")
            if w.search(after) or w.search(before):
                return True
    return False


def _share_list_sig(text: str, mention: MedMention, pos: int) -> None:
    """A sig written once after a comma list of drugs without "and" ("Add Aristocort cream
    0.25%, Polysporin ointment, Aquaphor b.i.d. and p.r.n. itch"): each drug of the list
    without its own dose or sig takes it. "Vicodin, Motrin, and Macrodantin at bedtime" keeps
    the sig with the last drug (an "and" closes the list), and a list item with its own
    dose ("Avapro, lisinopril 10 mg daily") keeps its sig to itself."""
    if mention.dose is not None and not mention.dose.endswith("%"):
        return
    stop = _SIG_END.search(text, pos, min(len(text), pos + 120))
    tail = text[pos:stop.start() if stop else min(len(text), pos + 120)]
    first = _first_frequency(tail)
    if first is None:
        return
    head = tail[:first[0]]
    if (re.search(r"\b(?:and|or|with|for|then|to)\b", head, re.I) or len(head.split()) > 10
            or any(not d.group(2).startswith("%") for d in _DOSE.finditer(head))
            or not head.strip()
            # list items, not prose: "..., reporting improvement of pain at night" is no list
            or any(len(item.split()) > 3 for item in head.split(","))
            or re.search(r"\b\w+(?:ing|ed)\b", head)):
        return
    names = [n for n in find_names(head) if n.end <= first[0]]
    # an item between with its own route or a "p.r.n." is a list of its own: the sig stops
    # there ("Lasix, albuterol inhaled p.r.n., Zestril daily"; review 6)
    if _PRN.search(head) or (names and _route(head[:names[-1].start])):
        return
    mention.frequency = _frequency(tail, first)
    sig_start = pos + first[0]
    if mention.route is None and names:
        # "Lasix, digoxin, Zestril p.o. daily": a route written with the shared sig, after the
        # list's last drug name, is shared too (one before that name is that drug's own)
        mention.route = _route(head[names[-1].end:])
        if mention.route is not None:
            gap = head[names[-1].end:]
            sig_start = pos + names[-1].end + len(gap) - len(gap.lstrip())
    # the shared sig is this item's source too, but the list's other drugs stand between:
    # it is its own span, never one over the other drugs' words (review 6)
    sig_end = pos + first[1]
    prn = _PRN.search(tail, first[1]) if "PRN" in (mention.frequency or "") else None
    if prn is not None:  # "b.i.d. and p.r.n. itch": the PRN read is in the shared words
        sig_end = pos + prn.end()
    mention.sig_span = (sig_start, sig_end)


#: A dosage form written in the plural right after a drug's name ("albuterol and Atrovent
#: nebulizers q.4h", "Timoptic and Xalatan eye drops"): the plural names the form of both
#: drugs of the pair, as "both" would
#: (not "patches", "sprays", "injections": one drug's are written plural too, "enoxaparin,
#: Fentanyl patches"), with the route each form is given by
_PLURAL_FORM = re.compile(r"[ \t]+(?:(nebulizers|nebs|inhalers|MDIs)|(eye[ \t]+drops)|"
                          r"(ear[ \t]+drops)|(creams|ointments))\b", re.I)
_PLURAL_ROUTES = ("inhaled", "ophthalmic", "otic", "topical")
#: the join right before the drug with the plural form: "and"/"or" (a comma alone joins
#: list items, each with its own form)
_PAIR_JOIN = re.compile(r"[ \t]*,?[ \t]*(?:and|or|&)[ \t]+", re.I)


def _share_plural_form(text: str, out: list[MedMention], window: str, name_end: int) -> None:
    """The last mention of ``out`` (name ending at ``name_end``, attribute ``window``) starts
    with a plural dosage form and is joined to the drug right before it by "and"/"or": that
    one drug, when it has no dose, route or frequency of its own and is made in that form
    (``comes_in_form``), takes its route and frequency, the shared words a ``sig_span`` of
    their own. Only the pair: never back through a comma list before it ("Coumadin, aspirin
    and albuterol nebulizers"), never to a drug without that form ("Hold metoprolol and
    albuterol nebs"; review 3), never to a drug with a dose (a span over another drug's dose
    would ground a dose that is not the drug's own; review 6)."""
    last = out[-1]
    form = _PLURAL_FORM.match(window)
    if (form is None or len(out) < 2 or last.dose is not None
            or (last.route is None and last.frequency is None)):
        return
    route = _PLURAL_ROUTES[form.lastindex - 1] if form.lastindex else None
    g = out[-2]
    if (route is None or not _PAIR_JOIN.fullmatch(text, g.end, last.start)
            or g.dose or g.route or g.frequency or g.prn or not comes_in_form(g.name, route)):
        return
    sig = (name_end + form.start() + len(form.group(0)) - len(form.group(0).lstrip()), last.end)
    g.route, g.frequency, g.sig_span = last.route, last.frequency, sig


#: "..., all by mouth daily", "both p.o. b.i.d.", "each taken once daily": a sig written once
#: with a word that says it governs the whole list before it
_ALL_SIG = re.compile(r"\s*,?\s*(?:all|both|each)(?:\s+(?:of\s+(?:them|which)|are|were|to\s+be|"
                      r"taken|given))*\s+", re.I)
#: what may stand between two drugs of one list: a comma, "and", "or", "as well as"
#: (never a line break: the next line is another list or sentence; review 6)
_LIST_JOIN = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t](?:and|or|as[ \t]+well"
                        r"[ \t]+as)[ \t]+)[ \t]*", re.I)


def _share_quantified_sig(text: str, mentions: list[MedMention]) -> None:
    """A route and frequency written once for a list of drugs with "all", "both" or "each"
    ("aspirin 81 mg, metoprolol 25 mg and lisinopril 10 mg, all by mouth daily"): each drug
    of the list takes what it lacks, and its span reaches the shared words. The list is the
    run of drugs joined only by commas / "and" / "or" right before the words (never across a
    sentence, line or list-item boundary)."""
    for k, m in enumerate(mentions):
        q = _ALL_SIG.match(text, m.end)
        if q is None:
            continue
        stop = _SIG_END.search(text, q.end(), min(len(text), q.end() + 60))
        tail = text[q.end():stop.start() if stop else min(len(text), q.end() + 60)]
        first = _first_frequency(tail)
        route = _route(tail)
        rspan = min(((x.start(), x.end()) for rx, name in _ROUTE_RE if name == route
                     for x in [rx.search(tail)] if x), default=None)
        # the shared words come right after the quantifier: "all by mouth daily"
        starts = [x[0] for x in (first, rspan) if x is not None]
        if not starts or min(starts) > 12:
            continue
        end = q.end() + max(x[1] for x in (first, rspan) if x is not None)
        lead = q.group(0)
        sig = (q.start() + len(lead) - len(lead.lstrip(" \t,")), end)
        freq = _frequency(tail[:first[1]], first) if first else None
        if m.prn or m.route or m.frequency:
            continue  # the item before the words has its own sig: the list is not theirs
        m.route, m.frequency, m.end = route, freq, max(m.end, end)
        # the earlier drugs of the list, back to an item with its own route, frequency or
        # "p.r.n." (a list of its own); their span is their own words, the shared words a
        # span of their own (never one over the other drugs' doses; review 6)
        j = k
        while j > 0 and _LIST_JOIN.fullmatch(text, mentions[j - 1].end, mentions[j].start):
            j -= 1
            g = mentions[j]
            if g.prn or g.route or g.frequency:
                break
            g.route, g.frequency, g.sig_span = route, freq, sig


#: "the following IV: ...", "these p.o.: ...": a route said, in so many words, to govern the
#: list after it (a bare leading route, "IV heparin, aspirin", is its own drug's only)
_ROUTE_FOR_LIST = re.compile(r"\b(?:following|these|all|both)\s+(?:medications?\s+|drugs?\s+)?"
                             r"(IV|I\.V\.|intravenous|PO|p\.o\.|orally|IM|SQ|subcutaneous)"
                             r"(?:\s+(?:medications?|drugs?))?\s*:", re.I)


def _share_route_for_list(text: str, mentions: list[MedMention]) -> None:
    """A route that governs a list by its own words ("given the following IV: Zofran 4 mg,
    morphine 4 mg"): each drug of that line without a route of its own takes it, the route
    words a span of their own. A route merely written in front of the first drug ("IV heparin,
    aspirin, and Coumadin"; "IV Lasix 40 mg and potassium chloride") is that drug's only
    (review 6: sharing it made aspirin, warfarin and KCl intravenous)."""
    if ":" not in text:
        return
    for r in _ROUTE_FOR_LIST.finditer(text):
        line_end = text.find("\n", r.end())
        stop = _SIG_END.search(text, r.end(), len(text) if line_end < 0 else line_end + 1)
        hi = stop.start() if stop else len(text)
        for m in mentions:
            if r.end() <= m.start < hi and m.route is None:
                m.route = _route(r.group(1))
                m.sig_span = (r.start(1), r.end(1))


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding ``text[start:end]``."""
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [e for e in (text.find(". ", end), text.find("\n", end)) if e >= 0]
    return text[lo:min(ends, default=len(text))]


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1

#: how far (characters) a bare "insulin" may stand from its product's name to be folded in
_FOLD_INSULIN_SPAN = 300


def _fold_bare_insulin(mentions: list[MedMention]) -> list[MedMention]:
    """"NovoLog ... about 30 units of insulin daily": a bare "insulin" in a note naming exactly
    one insulin product is that product: its dose and sig go to the product's nearest earlier
    mention (whose span names the product), and the bare mention is dropped."""
    products = {m.name for m in mentions if m.name.startswith("insulin ")}
    if len(products) > 1:  # "Lantus insulin 50 units ..., Novolin R": the bare word right
        # after a product's name is that product
        out_: list[MedMention] = []
        for m in mentions:
            if m.name == "insulin" and out_ and out_[-1].name.startswith("insulin ") and \
                    m.start - out_[-1].end <= 1:
                prev = out_[-1]
                prev.dose, prev.route = prev.dose or m.dose, prev.route or m.route
                prev.frequency, prev.cue = prev.frequency or m.frequency, prev.cue or m.cue
                prev.end = max(prev.end, m.end)
                continue
            out_.append(m)
        return out_
    if len(products) != 1:
        return mentions
    out: list[MedMention] = []
    for m in mentions:
        target = next((p for p in reversed(out) if p.name in products), None)
        if m.name != "insulin" or target is None:
            out.append(m)
            continue
        if m.start - target.end > _FOLD_INSULIN_SPAN:
            # too far for one span to ground the values: the bare mention stays its own item
            out.append(m)
            continue
        target.dose = target.dose or m.dose
        target.route = target.route or m.route
        target.frequency = target.frequency or m.frequency
        target.cue = target.cue or m.cue
        target.end = max(target.end, m.end)  # the dose and sig read there are in the span
    return out

def attributes_at(text: str, span: tuple[int, int]) -> MedMention:
    """Dose, route, frequency and status cue read around a drug name at ``span`` of ``text``.

    For a name found by other means (a language-model proposal grounded in the note): the
    attributes are read from the rest of the name's line (up to 110 characters after it, the
    dose within the first 45, as ``find_medication_mentions`` does), the cue from its clause.
    The mention's ``name`` is left empty; ``end`` is extended over a dose when one is read.
    """
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = text.find("\n", span[1])
    line_end = len(text) if line_end < 0 else line_end
    sub = text[line_start:line_end]
    rel_end = span[1] - line_start
    window = sub[rel_end:rel_end + 110]
    dm = _DOSE.search(window)
    mention = MedMention(name="", start=span[0], end=span[1])
    if dm and dm.start() < 45:
        mention.dose = _norm_dose(dm.group(1), dm.group(2))
        mention.end = span[1] + dm.end()
    mention.route = _route(window)
    mention.frequency = _frequency(window)
    mention.cue = _status_cue(text, span[0], span[1], window)
    if mention.cue == "failed":
        mention.cue, mention.weak_stop = "discontinued", True
    elif mention.cue == "not-given":
        mention.cue = "held"  # (re-review) a strong hold, as in find_medication_mentions
    return mention
