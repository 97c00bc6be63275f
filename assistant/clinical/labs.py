"""Laboratory results: name, value, unit and flag, from "K 4.1", "Troponin I 0.45 ng/mL (H)",
"BNP on admission was 1840 pg/mL", "Plt 96 K (L)", "troponin T <0.01".

The flag is the note's own marker ("(H)", "(L)", "high", "low", "critical") when present,
else it follows from an adult reference range for the commonest labs (``high``/``low``),
else it is left empty.
"""

from __future__ import annotations

import math
import re

from assistant.clinical.vocabulary import load_lexicon
from assistant.fold_re import folded
from assistant.schema import Lab

# Lab names, reference ranges and aliases: data/labs.tsv (load_lexicon("labs")).

_UNITS = (r"(?i:k/mm3|k/cumm)|mg/dL|g/dL|(?-i:g/dl)|ng/mL|ng/dL|pg/mL|mmol/L|mEq/L|U/L|IU/L|mcg/mL|mcg/dL|ug/dL|ug/mL|"
          r"uIU/mL|mIU/L|mg/g|mg/L|cells/uL|cells/mm3|K/uL|x\s?10\^?9/L|x\s?10\^?3/uL|"
          r"mm/hr|sec|seconds|(?i:mg%|gm%|g%)|%|K\b")
# Words allowed between a lab name and its value: "BNP on admission was 1840".
#: case-blind (issue 16 metamorphic test: an all-capitals note, "POTASSIUM ON A HEEL STICK WAS
#: 6.3", lost the value the same note in mixed case gives)
_GAP = (r"(?i:\s*(?:[:=]|-(?=\s)|\b(?:was|is|of|on|admission|level|levels|peaked|at|low|high|"
        r"elevated|today|count|measured|now|initially|value|ran up to|rose to|up to|"
        r"reached|increased to|decreased to|down to|fell to)\b|"
        # "potassium on a heel stick was 6.3": how it was taken, then the verb
        r"\s+(?:on|by|from|via|per)\s+(?:an?\s+|the\s+)?[a-z\-]+(?:\s+[a-z\-]+)?"
        r"(?=\s+(?:was|is|of|at)\b))){0,4}\s*")
_VALUE = r"([<>]\s*)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)"
_DOSE_AFTER = re.compile(r"\s*(?:mg|mcg|g|IU|units?|tabs?|tablets?|mEq|puffs?|mL)\b(?![/%])",
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
    for name, lo, hi, aliases in load_lexicon("labs").rows:
        ref = (name, float(lo) if lo else None, float(hi) if hi else None)
        for alias in aliases.split(";"):
            exact = alias.startswith("=")
            a = alias[1:] if exact else alias
            alias_to[a.lower()] = ref
            esc = re.escape(a).replace(r"\ ", r"\s+")
            parts.append((len(a), esc if exact else f"(?i:{esc})"))
    parts.sort(key=lambda p: -p[0])
    alt = "|".join(p for _, p in parts)
    # a value may follow its name without a space ("Hct29%", "WBC17.4k/mm3")
    pattern = re.compile(rf"(?<![\w/-])(?P<name>{alt})(?![A-Za-z/])" + _GAP + _VALUE
                         + rf"(?:\s*(?P<unit>{_UNITS}))?")
    return pattern, alias_to


_PATTERN, _ALIASES = _parse()
# (speed, issue 16) the long name alternation is scanned over the lower-cased note (fold_re,
# ~0.25 ms a note): the same matches as the pattern's own scan
_PATTERN = folded(_PATTERN)
_ALIAS_ALT = "|".join(sorted((re.escape(a) for a in _ALIASES), key=len, reverse=True))
# "hemoglobin and hematocrit are 14 and 41", "H/H 10.2/30": two names, then two values.
_PAIR = re.compile(
    rf"(?<![\w/-])(?P<n1>{_ALIAS_ALT})\s+(?:and|&)\s+(?P<n2>{_ALIAS_ALT})\s+"
    r"(?:are|were|of|at)\s+(?P<v1>\d+(?:\.\d+)?)\s*(?:and|/|,)\s*(?P<v2>\d+(?:\.\d+)?)",
    re.IGNORECASE)
# "ABG: 7.28/48/46", "ABG 7.31/55/62/27": pH / pCO2 / pO2 (/ bicarbonate).
_GAS = re.compile(
    r"\b(?:ABGs?|VBG|arterial\s+blood\s+gas(?:es)?|blood\s+gas(?:es)?)\b[^0-9\n]{0,25}?"
    r"(?<![\d.])(?P<ph>[67]\.\d{1,2})\s*/\s*(?P<co2>\d{2,3})\s*/\s*(?P<o2>\d{2,3})"
    r"(?:\s*/\s*(?P<hco3>\d{1,2}))?", re.IGNORECASE)

# necessary substrings of _PAIR and _GAS matches (cheap pre-checks in _pairs_and_gases)
#: "H&H 37.4/12.1", "H&H was 32.3/11.3": hemoglobin and hematocrit, in either order (notes
#: write both); the hematocrit is the larger number (about three times the hemoglobin)
_HH = re.compile(r"\b(?:H\s*&\s*H|H/H)\b(?:\s*(?:[:=]|was|were|is|are|of)){0,2}\s*"
                 r"(?P<v1>\d{1,2}(?:\.\d+)?)\s*/\s*(?P<v2>\d{1,2}(?:\.\d+)?)(?![\d/])")
_PAIR_TAIL = re.compile(r"\s(?:are|were|of|at)\s+\d+(?:\.\d+)?\s*(?:and|/|,)\s*\d", re.I)
_GAS_TAIL = re.compile(r"[67]\.\d{1,2}\s*/\s*\d{2,3}\s*/\s*\d{2,3}")


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
        if flag is None and not m.group(2):
            flag = _range_flag(value, lo, hi)
        raw = text[m.start():end]
        out.append(Lab(name=name, value=value, unit=unit, flag=flag, raw=raw,
                       span=(m.start(), end)))
    out.extend(_pairs_and_gases(text, [lab.span for lab in out]))
    out.sort(key=lambda lab: lab.span[0])
    return out


def _range_flag(value: float, lo: float | None, hi: float | None) -> str | None:
    """high/low against the reference range; counts written in full ("platelets 184,000")
    are compared in thousands, as the range is."""
    if lo is None or hi is None:
        return None
    if lo > 0 and value >= 100 * hi and value >= 1000 * lo:  # 184,000/uL vs 150-400 K/uL
        value = value / 1000.0
    return "high" if value > hi else "low" if value < lo else None


def _lab(alias: str, value_text: str, text: str, start: int, end: int) -> Lab:
    name, lo, hi = _ALIASES.get(alias.lower(), (alias.lower(), None, None))
    value = float(value_text)
    return Lab(name=name, value=value, unit=None, flag=_range_flag(value, lo, hi),
               raw=text[start:end], span=(start, end))


def _pairs_and_gases(text: str, taken: list[tuple[int, int]]) -> list[Lab]:
    """Labs written as a pair ("hemoglobin and hematocrit are 14 and 41") or as a blood gas
    triple ("ABG: 7.28/48/46"); each value gets the span of its own number."""
    out: list[Lab] = []

    def free(s: int) -> bool:
        return not any(a <= s < b for a, b in taken)

    # each pattern's fixed tail ("... were 14 and 41", "7.28/48/46") is searched first: the
    # long name alternation at every position of a note costs ~1 ms, and most notes have
    # neither (a match of the full pattern always contains the tail, so nothing is lost)
    for m in _PAIR.finditer(text) if _PAIR_TAIL.search(text) else ():
        if free(m.start("v1")) and free(m.start("v2")):
            # each span runs from its own name to its own value
            for n, v in (("n1", "v1"), ("n2", "v2")):
                out.append(_lab(" ".join(m.group(n).split()), m.group(v), text,
                                m.start(n), m.end(v)))
    for m in _HH.finditer(text) if "&" in text or "H/H" in text else ():
        if free(m.start("v1")) and free(m.start("v2")):
            v1, v2 = float(m.group("v1")), float(m.group("v2"))
            hgb, hct = ("v1", "v2") if v1 < v2 else ("v2", "v1")
            out.append(_lab("hemoglobin", m.group(hgb), text, m.start(), m.end(hgb)))
            out.append(_lab("hematocrit", m.group(hct), text, m.start(), m.end(hct)))
    for m in _GAS.finditer(text) if _GAS_TAIL.search(text) else ():
        # the spans run from the gas label to each value ("ABG: 7.28/48" for the pCO2)
        for key, alias in (("ph", "pH"), ("co2", "pCO2"), ("o2", "pO2"), ("hco3", "HCO3")):
            if m.group(key) and free(m.start(key)):
                out.append(_lab(alias, m.group(key), text, m.start(), m.end(key)))
    return out
