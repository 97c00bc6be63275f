"""Synthetic clinical notes whose gold extraction labels are exact by construction.

A note is assembled piece by piece; every labelled mention is appended through
``_NoteBuilder.item`` which records its ``[start, end)`` offsets at the moment the text is
written, so the gold span always points at the text that supports the item. Nothing is
found again by searching afterwards.

Variation (seeded, deterministic): section order and header styles, abbreviations (HTN, DM2,
AFib, q8h, PO ...), negation cues (denies, no, negative for, without, ruled out), uncertainty
cues (possible, r/o, concern for), family and past history, medication dose/route/frequency
written in several forms and normalised in the gold, vitals in imperial and metric units
converted to the CONTRACT's canonical units, labs with flags from reference ranges, typos in
connecting text, and note lengths from a few lines to a full H&P.

Label conventions (also in finetune/DATA_CARD.md):
- problems: ``text`` is the exact surface string; status ``present`` (HPI, assessment, and
  chronic conditions in the past medical history: "history of HTN" is still HTN),
  ``absent`` (negated), ``possible`` (uncertain), ``historical`` (resolved past events such
  as a prior DVT), ``family`` (family history). One item per concept (ICD-10 code), keeping
  the most assertive status (present > historical > possible > absent), as the extraction
  pipeline and the project's gold notes do.
- medications: one item per drug, from its latest mention (so "Hold X" after the list says
  held), as the extraction pipeline does.
- medications: ``name`` lower-case generic name (appears in the span); dose ``"<n> <unit>"``;
  route one of PO, IV, SC, IM, SL, INH, TOP, PR; frequency one of daily, BID, TID, QID, qHS,
  q4h, q6h, q8h, q12h, PRN, once, weekly; status active | new | discontinued | held | given.
- vitals: canonical units and names as in ``assistant.clinical.vitals``; ``raw`` = span text.
- labs: canonical lower-case name, value, unit when written (else null), flag from the
  reference range.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

# (surface variants, icd10). The first variant is the plain name.
PROBLEMS: list[tuple[list[str], str]] = [
    (["hypertension", "HTN", "high blood pressure"], "I10"),
    (["type 2 diabetes mellitus", "DM2", "T2DM", "type 2 diabetes"], "E11.9"),
    (["hyperlipidemia", "HLD"], "E78.5"),
    (["COPD", "chronic obstructive pulmonary disease"], "J44.9"),
    (["asthma"], "J45.909"),
    (["coronary artery disease", "CAD"], "I25.10"),
    (["atrial fibrillation", "AFib", "a-fib"], "I48.91"),
    (["congestive heart failure", "CHF", "heart failure"], "I50.9"),
    (["chronic kidney disease", "CKD"], "N18.9"),
    (["hypothyroidism"], "E03.9"),
    (["GERD", "gastroesophageal reflux disease"], "K21.9"),
    (["depression"], "F32.A"),
    (["osteoarthritis", "OA"], "M19.90"),
    (["obstructive sleep apnea", "OSA"], "G47.33"),
    (["generalized anxiety disorder", "anxiety"], "F41.1"),
    (["obesity"], "E66.9"),
    (["anemia"], "D64.9"),
    (["migraine"], "G43.909"),
]
# Acute findings: presenting complaints, ROS negations, assessment items.
SYMPTOMS: list[tuple[list[str], str]] = [
    (["chest pain", "CP"], "R07.9"),
    (["shortness of breath", "SOB", "dyspnea"], "R06.02"),
    (["fever", "fevers"], "R50.9"),
    (["cough"], "R05.9"),
    (["nausea"], "R11.0"),
    (["headache"], "R51.9"),
    (["abdominal pain"], "R10.9"),
    (["dizziness"], "R42"),
    (["syncope"], "R55"),
    (["low back pain"], "M54.50"),
    (["constipation"], "K59.00"),
    (["fatigue"], "R53.83"),
    (["palpitations"], "R00.2"),
]
DIAGNOSES: list[tuple[list[str], str]] = [
    (["pneumonia", "PNA"], "J18.9"),
    (["urinary tract infection", "UTI"], "N39.0"),
    (["pulmonary embolism", "PE"], "I26.99"),
    (["deep vein thrombosis", "DVT"], "I82.409"),
    (["cellulitis"], "L03.90"),
    (["sepsis"], "A41.9"),
    (["stroke", "CVA"], "I63.9"),
    (["acute kidney injury", "AKI"], "N17.9"),
    (["hyponatremia"], "E87.1"),
    (["hyperkalemia"], "E87.5"),
]

# Resolved past events (not chronic): "historical" when listed in the past history.
PAST_EVENTS = [d for d in DIAGNOSES if d[1] in ("J18.9", "I26.99", "I82.409", "L03.90", "I63.9",
                                                 "N39.0")]

# name -> (dose choices (value, unit), routes, frequencies)
MEDICATIONS: dict[str, tuple[list[tuple[str, str]], list[str], list[str]]] = {
    "metformin": ([("500", "mg"), ("850", "mg"), ("1000", "mg")], ["PO"], ["daily", "BID"]),
    "lisinopril": ([("5", "mg"), ("10", "mg"), ("20", "mg"), ("40", "mg")], ["PO"], ["daily"]),
    "amlodipine": ([("2.5", "mg"), ("5", "mg"), ("10", "mg")], ["PO"], ["daily"]),
    "atorvastatin": ([("10", "mg"), ("20", "mg"), ("40", "mg"), ("80", "mg")], ["PO"],
                     ["daily", "qHS"]),
    "metoprolol": ([("25", "mg"), ("50", "mg"), ("100", "mg")], ["PO"], ["daily", "BID"]),
    "aspirin": ([("81", "mg"), ("325", "mg")], ["PO"], ["daily"]),
    "furosemide": ([("20", "mg"), ("40", "mg")], ["PO", "IV"], ["daily", "BID"]),
    "levothyroxine": ([("50", "mcg"), ("75", "mcg"), ("100", "mcg")], ["PO"], ["daily"]),
    "omeprazole": ([("20", "mg"), ("40", "mg")], ["PO"], ["daily", "BID"]),
    "sertraline": ([("50", "mg"), ("100", "mg")], ["PO"], ["daily"]),
    "apixaban": ([("2.5", "mg"), ("5", "mg")], ["PO"], ["BID"]),
    "warfarin": ([("2", "mg"), ("5", "mg")], ["PO"], ["daily"]),
    "insulin glargine": ([("10", "units"), ("20", "units"), ("30", "units")], ["SC"],
                         ["qHS", "daily"]),
    "heparin": ([("5000", "units")], ["SC"], ["q8h", "q12h"]),
    "ceftriaxone": ([("1", "g"), ("2", "g")], ["IV"], ["daily", "once"]),
    "vancomycin": ([("1", "g"), ("1.25", "g")], ["IV"], ["q12h"]),
    "ondansetron": ([("4", "mg"), ("8", "mg")], ["IV", "PO"], ["q8h", "PRN"]),
    "acetaminophen": ([("500", "mg"), ("650", "mg"), ("1000", "mg")], ["PO"],
                      ["q6h", "PRN", "q4h"]),
    "albuterol": ([("2", "puffs"), ("2.5", "mg")], ["INH"], ["q4h", "q6h", "PRN"]),
    "prednisone": ([("10", "mg"), ("20", "mg"), ("40", "mg")], ["PO"], ["daily"]),
    "nitroglycerin": ([("0.4", "mg")], ["SL"], ["PRN", "once"]),
    "morphine": ([("2", "mg"), ("4", "mg")], ["IV"], ["q4h", "once"]),
    "gabapentin": ([("100", "mg"), ("300", "mg")], ["PO"], ["TID", "qHS"]),
    "enoxaparin": ([("40", "mg")], ["SC"], ["daily"]),
}
# Surface forms per canonical value; the gold keeps the canonical value.
ROUTE_FORMS = {"PO": ["PO", "po", "by mouth", "orally", "p.o."],
               "IV": ["IV", "intravenously", "i.v."],
               "SC": ["SC", "subcut", "subcutaneously", "SQ"], "IM": ["IM"],
               "SL": ["SL", "sublingual"], "INH": ["inhaled", "via inhaler", "INH"],
               "TOP": ["topically"], "PR": ["PR"]}
FREQ_FORMS = {"daily": ["daily", "once daily", "qd", "QD", "every day"],
              "BID": ["BID", "bid", "twice daily", "b.i.d.", "twice a day"],
              "TID": ["TID", "tid", "three times daily"], "QID": ["QID", "four times daily"],
              "qHS": ["qHS", "at bedtime", "nightly", "qhs"],
              "q4h": ["q4h", "every 4 hours", "q4 hours"], "q6h": ["q6h", "every 6 hours"],
              "q8h": ["q8h", "every 8 hours"], "q12h": ["q12h", "every 12 hours"],
              "PRN": ["PRN", "prn", "as needed"], "once": ["once", "x1", "one dose"],
              "weekly": ["weekly"]}

ALLERGENS = ["penicillin", "sulfa", "codeine", "amoxicillin", "latex", "shellfish", "morphine",
             "iodine contrast", "peanuts", "aspirin", "ibuprofen", "cephalexin"]
REACTIONS = ["hives", "rash", "anaphylaxis", "nausea", "swelling", "itching", "wheezing",
             "angioedema", "GI upset"]

# lab: (canonical name, surface forms, unit, decimals, reference (lo, hi), sample range)
LABS: list[tuple[str, list[str], str, int, tuple[float, float], tuple[float, float]]] = [
    ("sodium", ["Na", "sodium", "Sodium"], "mmol/L", 0, (135, 145), (122, 150)),
    ("potassium", ["K", "potassium"], "mmol/L", 1, (3.5, 5.1), (2.8, 6.4)),
    ("creatinine", ["Cr", "creatinine", "Creat"], "mg/dL", 1, (0.6, 1.3), (0.5, 4.2)),
    ("glucose", ["glucose", "Glucose", "BG"], "mg/dL", 0, (70, 140), (55, 420)),
    ("hemoglobin", ["Hgb", "hemoglobin", "Hb"], "g/dL", 1, (12.0, 17.5), (6.5, 16.5)),
    ("white blood cell count", ["WBC", "white count"], "K/uL", 1, (4.0, 11.0), (2.1, 24.0)),
    ("platelets", ["Plt", "platelets"], "K/uL", 0, (150, 400), (40, 520)),
    ("troponin I", ["troponin I", "TnI", "trop I"], "ng/mL", 2, (0.0, 0.04), (0.01, 2.5)),
    ("lactate", ["lactate", "lactic acid"], "mmol/L", 1, (0.5, 2.0), (0.6, 6.5)),
    ("BUN", ["BUN"], "mg/dL", 0, (7, 20), (5, 88)),
    ("INR", ["INR"], "", 1, (0.8, 1.2), (0.9, 4.5)),
    ("hemoglobin A1c", ["HbA1c", "A1c", "hemoglobin A1c"], "%", 1, (4.0, 5.6), (5.0, 12.5)),
]

FILLER = [
    "Patient was seen and examined at bedside.",
    "History was obtained from the patient and her daughter.",
    "He lives with his wife and is independent with ADLs.",
    "She works as a school teacher.",
    "Patient ambulates without assistance.",
    "Discussed the plan with the patient, who agrees.",
    "Records from the outside hospital were reviewed.",
    "The patient is accompanied by family.",
    "Follow up with primary care in two weeks.",
    "All questions were answered.",
    "Patient is alert and oriented times three.",
    "Code status: full code.",
]

SECTION_HEADERS: dict[str, list[str]] = {
    "cc": ["CHIEF COMPLAINT:", "CC:", "Chief Complaint:"],
    "hpi": ["HISTORY OF PRESENT ILLNESS:", "HPI:", "History of Present Illness:"],
    "pmh": ["PAST MEDICAL HISTORY:", "PMH:", "Past Medical History:", "PMHx:"],
    "meds": ["MEDICATIONS:", "Home Medications:", "MEDS:", "Current Medications:"],
    "allergies": ["ALLERGIES:", "Allergies:", "ALL:"],
    "fh": ["FAMILY HISTORY:", "FHx:", "Family History:"],
    "ros": ["REVIEW OF SYSTEMS:", "ROS:", "Review of Systems:"],
    "vitals": ["VITAL SIGNS:", "Vitals:", "VS:", "PHYSICAL EXAM: Vitals:"],
    "labs": ["LABS:", "Laboratory data:", "Labs:"],
    "ap": ["ASSESSMENT AND PLAN:", "A/P:", "Assessment/Plan:", "IMPRESSION AND PLAN:"],
}


@dataclass
class SynthNote:
    """One generated note and its exact gold labels (CONTRACT ExtractionRecord shape)."""

    note_id: str
    text: str
    gold: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)


def _typo(rng: random.Random, word: str) -> str:
    """One keyboard-style error: swap, drop or double a letter (only in words of 5+ letters)."""
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


class _NoteBuilder:
    """Appends text and records gold items with the offsets of the text just written."""

    def __init__(self, rng: random.Random, typo_rate: float) -> None:
        self.rng = rng
        self.typo_rate = typo_rate
        self.parts: list[str] = []
        self.length = 0
        self.n_typos = 0
        self.surface: dict[int, dict[str, str | None]] = {}
        self.gold: dict[str, list[dict[str, Any]]] = {
            "problems": [], "medications": [], "allergies": [], "vitals": [], "labs": []}

    def text(self, s: str, *, typos: bool = True) -> None:
        """Unlabelled connecting text; may receive typos (labels are never touched)."""
        if typos and self.typo_rate > 0:
            words = s.split(" ")
            for j, w in enumerate(words):
                if self.rng.random() < self.typo_rate:
                    new = _typo(self.rng, w)
                    self.n_typos += new != w
                    words[j] = new
            s = " ".join(words)
        self.parts.append(s)
        self.length += len(s)

    def item(self, s: str, category: str, fields: dict[str, Any]) -> None:
        """Labelled text: the item's span is exactly the text written here."""
        start = self.length
        self.parts.append(s)
        self.length += len(s)
        self.gold[category].append({**fields, "span": [start, self.length]})

    def problem(self, entry: tuple[list[str], str], status: str, section: str) -> None:
        variants, icd = entry
        surface = self.rng.choice(variants)
        self.item(surface, "problems",
                  {"text": surface, "status": status, "icd10": icd, "section": section})

    def note(self) -> str:
        return "".join(self.parts)


def _join_list(b: _NoteBuilder, writers: list, sep: str = ", ", last: str = " and ") -> None:
    for i, write in enumerate(writers):
        if i:
            b.text(last if i == len(writers) - 1 else sep, typos=False)
        write()


def _dose_text(rng: random.Random, value: str, unit: str) -> str:
    v = value
    if value == "1000" and rng.random() < 0.3:
        v = "1,000"
    space = "" if unit in ("mg", "mcg", "g") and rng.random() < 0.4 else " "
    return f"{v}{space}{unit}"


def _medication(b: _NoteBuilder, name: str, status: str) -> None:
    rng = b.rng
    doses, routes, freqs = MEDICATIONS[name]
    value, unit = rng.choice(doses)
    route = rng.choice(routes)
    freq = rng.choice(freqs)
    surface_name = name.capitalize() if rng.random() < 0.3 else name
    parts = [surface_name, _dose_text(rng, value, unit)]
    has_route = rng.random() < 0.8
    has_freq = rng.random() < 0.85
    if has_route:
        parts.append(rng.choice(ROUTE_FORMS[route]))
    if has_freq:
        parts.append(rng.choice(FREQ_FORMS[freq]))
    start = b.length
    b.item(" ".join(parts), "medications",
           {"name": name, "dose": f"{value} {unit}", "route": route if has_route else None,
            "frequency": freq if has_freq else None, "status": status})
    # What the text says, for prompts that ask the model to copy attributes as written.
    b.surface[start] = {"name": surface_name, "dose": parts[1],
                        "route": parts[2] if has_route else None,
                        "frequency": parts[-1] if has_freq else None}


def _vitals(b: _NoteBuilder) -> None:
    rng = b.rng
    writers = []
    sbp, dbp = rng.randint(88, 188), rng.randint(48, 110)
    if rng.random() < 0.9:
        label = rng.choice(["BP", "BP:", "Blood pressure"])
        mmhg = rng.choice(["", " mmHg"])
        raw = f"{label} {sbp}/{dbp}{mmhg}"

        def bp(raw: str = raw) -> None:
            start = b.length
            b.item(raw, "vitals", {"name": "systolic_bp", "value": float(sbp), "unit": "mmHg",
                                   "raw": raw})
            b.gold["vitals"].append({"name": "diastolic_bp", "value": float(dbp),
                                     "unit": "mmHg", "raw": raw, "span": [start, b.length]})
        writers.append(bp)
    simple = [("heart_rate", ["HR", "Pulse", "HR:", "P"], (48, 142), "bpm", ["", " bpm"]),
              ("respiratory_rate", ["RR", "Resp", "RR:"], (10, 34), "breaths/min", [""]),
              ("spo2", ["SpO2", "O2 sat", "SpO2:", "Sat"], (84, 100), "%", ["%"])]
    for name, labels, (lo, hi), unit, suffixes in simple:
        if rng.random() < 0.85:
            val = rng.randint(lo, hi)
            raw = f"{rng.choice(labels)} {val}{rng.choice(suffixes)}"
            writers.append(lambda raw=raw, name=name, val=val, unit=unit: b.item(
                raw, "vitals", {"name": name, "value": float(val), "unit": unit, "raw": raw}))
    if rng.random() < 0.85:
        if rng.random() < 0.5:
            c = round(rng.uniform(35.8, 40.2), 1)
            raw = f"{rng.choice(['T', 'Temp', 'Temp:'])} {c} C"
        else:
            f = round(rng.uniform(96.5, 104.2), 1)
            c = round((f - 32) * 5 / 9, 1)
            raw = f"{rng.choice(['T', 'Temp', 'Tmax'])} {f}{rng.choice([' F', 'F'])}"
        writers.append(lambda raw=raw, c=c: b.item(
            raw, "vitals", {"name": "temperature", "value": c, "unit": "C", "raw": raw}))
    if rng.random() < 0.4:
        if rng.random() < 0.5:
            kg = rng.randint(45, 130)
            raw = f"{rng.choice(['Wt', 'Weight'])} {kg} kg"
        else:
            lb = rng.randint(100, 290)
            kg = round(lb * 0.45359237, 1)
            raw = f"{rng.choice(['Wt', 'Weight'])} {lb} lb"
        writers.append(lambda raw=raw, kg=kg: b.item(
            raw, "vitals", {"name": "weight", "value": float(kg), "unit": "kg", "raw": raw}))
    rng.shuffle(writers)
    _join_list(b, writers, sep=rng.choice([", ", "; ", "  "]), last=rng.choice([", ", "; "]))
    b.text(".", typos=False)


def _lab(b: _NoteBuilder, entry: tuple) -> None:
    name, forms, unit, decimals, (lo, hi), (smin, smax) = entry
    rng = b.rng
    value = round(rng.uniform(smin, smax), decimals)
    if decimals == 0:
        value = float(int(value))
    flag = "high" if value > hi else ("low" if value < lo else "normal")
    shown = f"{value:.{decimals}f}"
    sep = rng.choice([" ", ": ", " of "])
    # The unit is labelled only when written: the gold never asserts what the text omits.
    written = bool(unit) and rng.random() < 0.7
    raw = f"{rng.choice(forms)}{sep}{shown}" + (f" {unit}" if written else "")
    b.item(raw, "labs", {"name": name, "value": value, "unit": unit if written else None,
                         "flag": flag, "raw": raw})


_RANK = {"present": 0, "historical": 1, "possible": 2, "absent": 3, "family": 0}


def consolidate(mentions: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Per-mention labels -> one item per concept/drug/vital, in text order.

    problems: per (ICD-10 code, family or not) the most assertive status, first such mention;
    medications: the latest mention of each drug; allergies, vitals, labs: first per name.
    """
    def by_span(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(items, key=lambda it: tuple(it["span"]))

    best: dict[tuple, dict[str, Any]] = {}
    for p in by_span(mentions["problems"]):
        key = (p["icd10"], p["status"] == "family")
        if key not in best or _RANK[p["status"]] < _RANK[best[key]["status"]]:
            best[key] = p
    meds: dict[str, dict[str, Any]] = {}
    for m in by_span(mentions["medications"]):
        meds[m["name"]] = m
    out: dict[str, list[dict[str, Any]]] = {"problems": by_span(list(best.values())),
                                            "medications": by_span(list(meds.values()))}
    for cat, key in (("allergies", "substance"), ("vitals", "name"), ("labs", "name")):
        first: dict[str, dict[str, Any]] = {}
        for it in by_span(mentions[cat]):
            first.setdefault(it[key], it)
        out[cat] = by_span(list(first.values()))
    return out


def generate_note(rng: random.Random, note_id: str, *, typo_rate: float | None = None) -> SynthNote:
    """One note with exact gold labels; every choice comes from ``rng`` (deterministic)."""
    if typo_rate is None:
        typo_rate = rng.choice([0.0, 0.03, 0.08, 0.12])
    b = _NoteBuilder(rng, typo_rate)
    size = rng.choice(["short", "medium", "long"])
    n_sections = {"short": (2, 4), "medium": (4, 6), "long": (6, 9)}[size]
    chronic = rng.sample(PROBLEMS, k=rng.randint(1, 4))
    symptoms = rng.sample(SYMPTOMS, k=rng.randint(2, 5))
    complaint, negated = symptoms[0], symptoms[1:]
    dx = rng.choice(DIAGNOSES)
    past = rng.choice([d for d in PAST_EVENTS if d != dx]) if rng.random() < 0.5 else None
    age = rng.randint(19, 94)
    sex = rng.choice(["male", "female", "M", "F"])
    order = ["cc", "hpi", "pmh", "meds", "allergies", "fh", "ros", "vitals", "labs", "ap"]
    chosen = set(rng.sample(order, k=rng.randint(*n_sections)))
    chosen.add(rng.choice(["hpi", "ap"]))
    sections = [s for s in order if s in chosen]
    if rng.random() < 0.2:  # some notes put the plan or vitals out of the usual order
        rng.shuffle(sections)
    newline = rng.choice(["\n", "\n\n"])
    med_names = rng.sample(sorted(MEDICATIONS), k=rng.randint(1, 5))

    def header(key: str) -> None:
        if b.parts:
            b.text(newline, typos=False)
        b.text(rng.choice(SECTION_HEADERS[key]) + rng.choice([" ", "\n"]), typos=False)

    for sec in sections:
        header(sec)
        if sec == "cc":
            b.problem(complaint, "present", "chief_complaint")
            b.text(rng.choice(["", f" x {rng.randint(1, 5)} days"]), typos=False)
            b.text(".", typos=False)
        elif sec == "hpi":
            b.text(f"{age} yo {sex} " if rng.random() < 0.5 else f"{age}-year-old {sex} ")
            if "pmh" not in chosen:
                b.text(rng.choice(["with a history of ", "with PMH of ", "with h/o "]),
                       typos=False)
                _join_list(b, [lambda e=e: b.problem(e, "present", "hpi") for e in chronic])
                b.text(" ", typos=False)
            b.text(rng.choice(["who presents with ", "presenting with ", "c/o "]), typos=False)
            b.problem(complaint, "present", "hpi")
            b.text(f" for {rng.randint(1, 10)} days. ", typos=True)
            if rng.random() < 0.5:
                b.text(rng.choice(FILLER) + " ")
            cue, tail = rng.choice([("Denies ", "."), ("No ", "."), ("Negative for ", "."),
                                    ("She denies any ", "."), ("Pt denies ", ".")])
            b.text(cue, typos=False)
            _join_list(b, [lambda e=e: b.problem(e, "absent", "hpi") for e in negated[:2]],
                       last=rng.choice([" or ", ", "]))
            b.text(tail, typos=False)
            if rng.random() < 0.4:
                b.text(" Concern for ", typos=False)
                b.problem(dx, "possible", "hpi")
                b.text(".", typos=False)
            if size == "long":
                b.text(" " + " ".join(rng.sample(FILLER, k=3)))
        elif sec == "pmh":
            style = rng.randrange(3)
            writers = [lambda e=e: b.problem(e, "present", "past_medical_history")
                       for e in chronic]
            if past is not None:  # a resolved past event is history, not a current problem
                writers.insert(rng.randrange(len(writers) + 1), lambda: b.problem(
                    past, "historical", "past_medical_history"))
            if style == 0:
                for i, w in enumerate(writers):
                    b.text(f"{i + 1}. " if i == 0 else f"\n{i + 1}. ", typos=False)
                    w()
            elif style == 1:
                for i, w in enumerate(writers):
                    b.text("- " if i == 0 else "\n- ", typos=False)
                    w()
            else:
                _join_list(b, writers)
                b.text(".", typos=False)
        elif sec == "meds":
            active = med_names[:max(1, len(med_names) - 1)]
            for i, name in enumerate(active):
                b.text(("" if i == 0 else "\n") + rng.choice(["", "- ", f"{i + 1}) "]),
                       typos=False)
                _medication(b, name, "active")
        elif sec == "allergies":
            style = rng.randrange(4)
            if style == 0:
                b.text(rng.choice(["NKDA.", "No known drug allergies.", "None known."]),
                       typos=False)
            else:
                picks = rng.sample(ALLERGENS, k=rng.randint(1, 2))
                for i, sub in enumerate(picks):
                    if i:
                        b.text("; ", typos=False)
                    if rng.random() < 0.7:
                        reaction = rng.choice(REACTIONS)
                        form = rng.choice(["{s} ({r})", "{s} - {r}", "{s} causes {r}"])
                        b.item(form.format(s=sub, r=reaction), "allergies",
                               {"substance": sub, "reaction": reaction})
                    else:
                        b.item(sub, "allergies", {"substance": sub, "reaction": None})
                b.text(".", typos=False)
        elif sec == "fh":
            rel = rng.sample(["Mother", "Father", "Brother", "Sister"], k=rng.randint(1, 2))
            for i, r in enumerate(rel):
                if i:
                    b.text(" ", typos=False)
                b.text(f"{r} {rng.choice(['with', 'had', 'has', '-'])} ", typos=False)
                b.problem(rng.choice(PROBLEMS + [DIAGNOSES[6]]), "family", "family_history")
                b.text(".", typos=False)
        elif sec == "ros":
            b.text(rng.choice(["Positive for ", "(+) "]), typos=False)
            b.problem(complaint, "present", "review_of_systems")
            b.text(rng.choice([". Negative for ", ". Denies ", ". (-) "]), typos=False)
            _join_list(b, [lambda e=e: b.problem(e, "absent", "review_of_systems")
                           for e in negated])
            b.text(". Otherwise negative.", typos=False)
        elif sec == "vitals":
            _vitals(b)
        elif sec == "labs":
            picks = rng.sample(LABS, k=rng.randint(1, 5))
            _join_list(b, [lambda e=e: _lab(b, e) for e in picks],
                       sep=rng.choice([", ", "; "]), last=rng.choice([", ", "; "]))
            b.text(".", typos=False)
        elif sec == "ap":
            b.text(rng.choice(["1. ", "# ", ""]), typos=False)
            b.problem(dx, "present", "assessment_plan")
            b.text(rng.choice([" - ", ": ", ". "]), typos=False)
            new = [n for n in MEDICATIONS if n not in med_names]
            b.text(rng.choice(["Start ", "Started on ", "Will start "]), typos=False)
            _medication(b, rng.choice(new), "new")
            b.text(". ", typos=False)
            if rng.random() < 0.5:
                b.text(rng.choice(["Received ", "Given ", "s/p "]), typos=False)
                _medication(b, rng.choice(new), "given")
                b.text(" in the ED. ", typos=False)
            if len(med_names) > 1 and rng.random() < 0.6:
                verb, after = rng.choice([("Hold ", " for now."), ("Discontinue ", "."),
                                          ("Stopped ", " due to side effects.")])
                b.text(verb, typos=False)
                _medication(b, med_names[-1], "held" if verb.startswith("Hold")
                            else "discontinued")
                b.text(after, typos=False)
            if rng.random() < 0.4:
                b.text(" " + rng.choice(["R/o ", "Possible ", "Cannot exclude "]),
                       typos=False)
                b.problem(rng.choice([d for d in DIAGNOSES if d != dx]), "possible",
                          "assessment_plan")
                b.text(".", typos=False)
            if size != "short":
                b.text(" " + rng.choice(FILLER))
    text = b.note()
    gold = {"note_id": note_id, **consolidate(b.gold), "error": None}
    meta = {"size": size, "sections": sections, "typos": b.n_typos, "chars": len(text),
            "mentions": sum(len(v) for v in b.gold.values()),
            "med_surface": {str(k): v for k, v in b.surface.items()}}
    return SynthNote(note_id=note_id, text=text, gold=gold, meta=meta)


def generate_notes(n: int, seed: int = 0, *, prefix: str = "synth") -> list[SynthNote]:
    """``n`` notes, identical for the same ``seed`` on every machine (uses only ``random``)."""
    rng = random.Random(seed)
    return [generate_note(rng, f"{prefix}-{seed}-{i:05d}") for i in range(n)]
