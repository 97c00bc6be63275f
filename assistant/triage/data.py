"""The one reader of KTAS triage CSVs (Moon et al. 2019, PLOS ONE; ``data/ktas/``).

A KTAS row becomes a CONTRACT triage case built only from what is known at triage time
(chief complaint, age, sex, arrival mode, injury, AVPU, pain score, vitals) and the experts'
gold acuity (``KTAS_expert``). The triage model's training (``finetune.classifiers.triage``),
its evaluation (``eval.triage``) and the SFT data (``finetune.data``) all read KTAS files
through this module, so that they see the same cases.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import InputError

# Triage-time columns (the model's inputs) and the gold label; everything else in the file
# is the answer itself or comes after triage (see finetune.classifiers.triage.EXCLUDED).
USED_COLUMNS = ("Sex", "Age", "Arrival mode", "Injury", "Chief_complain", "Mental", "Pain",
                "NRS_pain", "SBP", "DBP", "HR", "RR", "BT", "Saturation")
LABEL = "KTAS_expert"
ARRIVAL_CODES = {"1": "walk-in", "2": "public ambulance", "3": "private vehicle",
                 "4": "private ambulance"}
AVPU_CODES = {"1": "A", "2": "V", "3": "P", "4": "U"}
SEX_CODES = {"1": "F", "2": "M"}
ACUITIES = (1, 2, 3, 4, 5)


def parse_number(raw: str | None) -> float | None:
    """'36,5' -> 36.5; '??', '#BOÞ!' and blanks (lost in the source encoding) -> None."""
    if raw is None:
        return None
    try:
        return float(raw.strip().replace(",", "."))
    except ValueError:
        return None


def read_ktas(path: Path) -> list[dict[str, str]]:
    """Rows of a KTAS CSV: ',' or ';' separated, UTF-8 or latin-1 (the Kaggle original).

    Raises InputError when the file is missing or lacks the triage-time or label columns.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"KTAS file {path} not found; pass the path of a KTAS CSV "
                         "(e.g. data/ktas/ktas_dev.csv)")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    missing = [c for c in (*USED_COLUMNS, LABEL) if rows and c not in rows[0]]
    if not rows or missing:
        raise InputError(f"{path} is not a KTAS CSV (missing columns {missing})")
    return rows


def gold_acuity(row: dict[str, str]) -> int | None:
    """The experts' KTAS level 1-5 of a row, or None when it is missing or invalid."""
    label = parse_number(row.get(LABEL))
    if label is None or int(label) not in ACUITIES:
        return None
    return int(label)


def row_to_case(row: dict[str, str], index: int) -> dict[str, Any]:
    """A CONTRACT triage input built from the triage-time columns of one KTAS row."""
    vitals: dict[str, Any] = {}
    for col, name in (("SBP", "systolic_bp"), ("DBP", "diastolic_bp"), ("HR", "heart_rate"),
                      ("RR", "respiratory_rate"), ("BT", "temperature"), ("Saturation", "spo2")):
        value = parse_number(row.get(col))
        if value is not None:
            vitals[name] = value
    vitals["avpu"] = AVPU_CODES.get((row.get("Mental") or "").strip(), "A")
    pain_flag = (row.get("Pain") or "").strip()
    nrs = parse_number(row.get("NRS_pain"))
    if pain_flag == "0":
        vitals["pain"] = 0
    elif nrs is not None:
        vitals["pain"] = nrs
    age = parse_number(row.get("Age"))
    return {
        "id": f"ktas-{index}",
        "text": (row.get("Chief_complain") or "").strip() or "?",
        "age": age,
        "sex": SEX_CODES.get((row.get("Sex") or "").strip()),
        "arrival": ARRIVAL_CODES.get((row.get("Arrival mode") or "").strip(), "other"),
        "injury": (row.get("Injury") or "").strip() == "2",
        "vitals": vitals,
    }


def labelled_rows(path: Path) -> list[tuple[int, dict[str, str], int]]:
    """(row index, row, gold acuity) for every row of a KTAS CSV with a valid expert label."""
    out = []
    for i, row in enumerate(read_ktas(path)):
        acuity = gold_acuity(row)
        if acuity is not None:
            out.append((i, row, acuity))
    return out


def load_dataset(path: Path) -> tuple[list[dict[str, Any]], np.ndarray]:
    """Cases and gold expert acuity for every row with a valid label."""
    rows = labelled_rows(path)
    return [row_to_case(row, i) for i, row, _ in rows], np.asarray([a for _, _, a in rows])
