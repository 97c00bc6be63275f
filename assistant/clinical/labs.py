"""Laboratory results: name, value, unit and flag, from "K 4.1", "Troponin I 0.45 ng/mL (H)",
"BNP on admission was 1840 pg/mL", "Plt 96 K (L)", "troponin T <0.01".

The flag is the note's own marker ("(H)", "(L)", "high", "low", "critical") when present,
else it follows from an adult reference range for the commonest labs (``high``/``low``),
else it is left empty.
"""

from __future__ import annotations

import math
import re

from assistant.schema import Lab

# canonical | reference low | reference high | aliases (";"; "=" prefix: case-sensitive)
_LABS = """
WBC|4.0|11.0|=WBC;white blood cell count;white count;white blood cells;leukocytes
hemoglobin|12.0|17.5|=Hgb;=Hb;=HGB;hemoglobin;haemoglobin
hematocrit|36|52|=Hct;=HCT;hematocrit
platelets|150|400|=Plt;=PLT;=Plts;platelets;platelet count;platelet
sodium|135|145|=Na;sodium;serum sodium
potassium|3.5|5.0|=K;potassium;serum potassium
chloride|98|107|=Cl;chloride
bicarbonate|22|29|=HCO3;=CO2;bicarbonate;bicarb;serum bicarbonate
BUN|7|20|=BUN;blood urea nitrogen
creatinine|0.5|1.2|=Cr;=Creat;creatinine;serum creatinine
glucose|70|99|glucose;blood glucose;blood sugar;=BG;fingerstick glucose;=POC glucose;=FSBG
hemoglobin A1c|4.0|5.6|hemoglobin a1c;=HbA1c;=A1c;=A1C;=HgbA1c;glycated hemoglobin
LDL|||=LDL;ldl cholesterol;=LDL-C
HDL|||=HDL;hdl cholesterol
triglycerides|||triglycerides;=TG
total cholesterol|||total cholesterol
troponin I|0|0.04|troponin i;=TnI;troponin-i
troponin T|0|0.01|troponin t;=TnT;troponin-t;hs troponin t
troponin|||troponin
BNP|0|100|=BNP;brain natriuretic peptide
NT-proBNP|||=NT-proBNP;nt-probnp;=proBNP
INR|0.8|1.2|=INR
PT|11|13.5|=PT;prothrombin time
PTT|25|35|=PTT;=aPTT
lactate|0.5|2.0|lactate;lactic acid
procalcitonin|0|0.5|procalcitonin
CRP|||=CRP;c-reactive protein
ESR|||=ESR;sedimentation rate
AST|10|40|=AST;=SGOT
ALT|7|56|=ALT;=SGPT
alkaline phosphatase|44|147|alkaline phosphatase;alk phos;=ALP;=Alk Phos
total bilirubin|0.1|1.2|total bilirubin;=T bili;=Tbili;bilirubin;=T. bili
albumin|3.5|5.0|albumin
lipase|0|160|lipase
amylase|||amylase
TSH|0.4|4.0|=TSH
free T4|||free t4;=FT4
magnesium|1.7|2.2|magnesium;=Mg
phosphorus|2.5|4.5|phosphorus;=Phos;phosphate
calcium|8.5|10.5|calcium;=Ca
anion gap|3|12|anion gap;=AG
beta-hydroxybutyrate|0|0.4|beta-hydroxybutyrate;beta hydroxybutyrate;=BHB
pH|7.35|7.45|venous ph;arterial ph;=pH;serum ph
pCO2|||=pCO2;=PCO2;=PaCO2
pO2|||=pO2;=PO2;=PaO2
uric acid|||uric acid
vitamin D|30|100|vitamin d;25-oh vitamin d;25-hydroxyvitamin d
vitamin B12|||vitamin b12;=B12
ferritin|||ferritin
iron|||serum iron
lead|||lead level;lead
eosinophils|0|500|=Eos;eosinophils;eosinophil count;absolute eosinophils
ethanol|||blood alcohol;=EtOH;ethanol level;serum ethanol;blood alcohol level
vancomycin trough|||vancomycin trough;vanco trough
urine protein/creatinine ratio|||urine protein/creatinine ratio;=UPCR;protein/creatinine ratio
urine albumin/creatinine ratio|||urine microalbumin/creatinine;urine albumin/creatinine ratio;=UACR;microalbumin/creatinine ratio;urine microalbumin
glucose challenge|||glucose challenge;1 hr glucose challenge;1 hour glucose challenge;glucose challenge test;=GCT
D-dimer|||d-dimer;d dimer
CK|||=CK;=CPK;creatine kinase
hCG|||=hCG;=beta-hCG;beta hcg
"""

_UNITS = (r"mg/dL|g/dL|ng/mL|ng/dL|pg/mL|mmol/L|mEq/L|U/L|IU/L|mcg/mL|mcg/dL|ug/dL|ug/mL|"
          r"uIU/mL|mIU/L|mg/g|mg/L|cells/uL|cells/mm3|K/uL|x\s?10\^?9/L|x\s?10\^?3/uL|"
          r"mm/hr|sec|seconds|%|K\b")
# Words allowed between a lab name and its value: "BNP on admission was 1840".
_GAP = (r"(?:\s*(?:[:=]|-(?=\s)|\b(?:was|is|of|on|admission|level|levels|peaked|at|low|high|"
        r"elevated|today|count|measured|now|initially|value|ran up to|rose to|up to|"
        r"reached|increased to|decreased to|down to|fell to)\b)){0,4}\s*")
_VALUE = r"([<>]\s*)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)"
_DOSE_AFTER = re.compile(r"\s*(?:mg|mcg|g|IU|units?|tabs?|tablets?|mEq|puffs?|mL)\b(?!/)",
                         re.IGNORECASE)
_TARGET_BEFORE = re.compile(r"\b(?:keep|goal|target|to|until|if|maintain|above|below)\s*$|"
                            r"\b(?:keep|goal|target|to|until|if|maintain)\b[^.;]*\band\s*$",
                            re.IGNORECASE)
_FLAG = re.compile(
    r"\s*(?:\((HH|LL|H|L|high|low|critical|abnormal|crit)\)|\b(HH|LL|H|L)\b(?![/\d])|"
    r"\b(critical(?:ly)?\s+(?:high|low)|high|low|elevated|abnormal)\b)",
    re.IGNORECASE)


def _parse() -> tuple[re.Pattern[str], dict[str, tuple[str, float | None, float | None]]]:
    alias_to: dict[str, tuple[str, float | None, float | None]] = {}
    parts: list[tuple[int, str]] = []
    for line in _LABS.strip().splitlines():
        name, lo, hi, aliases = line.split("|")
        ref = (name, float(lo) if lo else None, float(hi) if hi else None)
        for alias in aliases.split(";"):
            exact = alias.startswith("=")
            a = alias[1:] if exact else alias
            alias_to[a.lower()] = ref
            esc = re.escape(a).replace(r"\ ", r"\s+")
            parts.append((len(a), esc if exact else f"(?i:{esc})"))
    parts.sort(key=lambda p: -p[0])
    alt = "|".join(p for _, p in parts)
    pattern = re.compile(rf"(?<![\w/-])(?P<name>{alt})(?![\w/])" + _GAP + _VALUE
                         + rf"(?:\s*(?P<unit>{_UNITS}))?")
    return pattern, alias_to


_PATTERN, _ALIASES = _parse()


def canonical_lab_name(name: str) -> str:
    """Canonical lab name for an alias ("Hgb" -> "hemoglobin"); unknown names lower-cased."""
    key = " ".join(name.split()).lower()
    hit = _ALIASES.get(key)
    return hit[0] if hit else key


def _flag_from_text(raw: str, word: str | None) -> str | None:
    w = (raw or word or "").lower()
    if not w:
        return None
    if w in ("hh",) or w.startswith("critical") and "low" not in w:
        return "critical_high"
    if w in ("ll",) or w.startswith("critical") and "low" in w:
        return "critical_low"
    if w in ("h", "high", "elevated"):
        return "high"
    if w in ("l", "low"):
        return "low"
    return "abnormal"


def find_labs(text: str) -> list[Lab]:
    """All lab results in ``text`` in text order (one per mention)."""
    out: list[Lab] = []
    for m in _PATTERN.finditer(text):
        if _DOSE_AFTER.match(text, m.end(3)):
            continue  # "vitamin D 400 IU" is a dose, not a result
        if m.group(2) and _TARGET_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            continue  # "keep K > 4", "transfuse to Hgb > 7": a goal, not a result
        alias = " ".join(m.group("name").split())
        name, lo, hi = _ALIASES.get(alias.lower(), (alias.lower(), None, None))
        value = float(m.group(3).replace(",", ""))
        if not math.isfinite(value) or re.match(r"[eE][+-]?\d", text[m.end(3):m.end(3) + 3]):
            continue  # 400 digits overflow to inf; "1e309" is not "1": never read either
        unit = m.group("unit")
        if unit is not None:
            unit = " ".join(unit.split())
        end = m.end()
        flag: str | None = None
        gap_text = text[m.end("name"):m.start(3)].lower()
        fm = _FLAG.match(text, end)
        if fm:
            flag = _flag_from_text(fm.group(1) or fm.group(2), fm.group(3))
            end = fm.end()
        elif re.search(r"\b(low)\b", gap_text):
            flag = "low"
        elif re.search(r"\b(high|elevated)\b", gap_text):
            flag = "high"
        if flag is None and lo is not None and hi is not None and not m.group(2):
            flag = "high" if value > hi else "low" if value < lo else None
        raw = text[m.start():end]
        out.append(Lab(name=name, value=value, unit=unit, flag=flag, raw=raw,
                       span=(m.start(), end)))
    return out
