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
from assistant.schema import Lab

# Lab names, reference ranges and aliases: data/labs.tsv (load_lexicon("labs")).

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
