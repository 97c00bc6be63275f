"""Write gold/<id>.json for every note of the real-text set from labels.txt (the hand labels).

    python eval/data/extraction/real/make_gold.py

labels.txt holds one block per note (format in its header); this script checks every label
(statuses, vital names, numbers, one block per manifest id) and writes the gold JSON in the
format of eval/data/extraction/gold/*.json plus ``no_known_allergies``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROBLEM_STATUS = {"present", "absent", "possible", "historical", "family"}
MED_STATUS = {"active", "new", "discontinued", "held", "given"}
VITALS = {"systolic_bp", "diastolic_bp", "heart_rate", "respiratory_rate", "temperature",
          "spo2", "weight", "height", "bmi"}
VITAL_UNITS = {"systolic_bp": "mmHg", "diastolic_bp": "mmHg", "heart_rate": "bpm",
               "respiratory_rate": "/min", "temperature": "C", "spo2": "%", "weight": "kg",
               "height": "cm", "bmi": "kg/m2"}
FLAGS = {"high", "low", "critical_high", "critical_low", "abnormal"}


def _opt(s: str) -> str | None:
    s = s.strip()
    return None if s in ("-", "") else s


def _number(s: str, where: str) -> float | int:
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


def parse(text: str) -> dict[str, dict[str, Any]]:
    """Note id -> gold dict; raises ValueError naming the line on any malformed label."""
    out: dict[str, dict[str, Any]] = {}
    cur: dict[str, Any] | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"labels.txt:{n}"
        if line.startswith("== "):
            nid = line[3:].strip()
            if nid in out:
                raise ValueError(f"{where}: duplicate block {nid}")
            cur = out[nid] = {"problems": [], "medications": [], "allergies": [], "vitals": [],
                              "labs": [], "no_known_allergies": None}
            continue
        if cur is None:
            raise ValueError(f"{where}: label before the first '== id' line")
        kind, _, rest = line.partition(" ")
        parts = [p.strip() for p in rest.split("|")]
        if kind == "P" and len(parts) == 2 and parts[1] in PROBLEM_STATUS:
            cur["problems"].append({"text": parts[0], "status": parts[1]})
        elif kind == "M" and len(parts) == 5 and parts[4] in MED_STATUS:
            cur["medications"].append({"name": parts[0], "dose": _opt(parts[1]),
                                       "route": _opt(parts[2]), "frequency": _opt(parts[3]),
                                       "status": parts[4]})
        elif kind == "A" and len(parts) == 2:
            cur["allergies"].append({"substance": parts[0], "reaction": _opt(parts[1])})
        elif kind == "V" and len(parts) == 2 and parts[0] in VITALS:
            cur["vitals"].append({"name": parts[0], "value": _number(parts[1], where),
                                  "unit": VITAL_UNITS[parts[0]]})
        elif kind == "L" and len(parts) == 4 and (_opt(parts[3]) is None or parts[3] in FLAGS):
            cur["labs"].append({"name": parts[0], "value": _number(parts[1], where),
                                "unit": _opt(parts[2]), "flag": _opt(parts[3])})
        elif kind == "NKA" and rest.strip() in ("true", "false"):
            cur["no_known_allergies"] = rest.strip() == "true"
        else:
            raise ValueError(f"{where}: malformed label {line!r}")
    return out


def main() -> int:
    """Parse labels.txt, check it covers the manifest exactly, write gold/<id>.json."""
    gold = parse((HERE / "labels.txt").read_text(encoding="utf-8"))
    ids = [json.loads(x)["id"] for x in
           (HERE / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    missing, extra = sorted(set(ids) - set(gold)), sorted(set(gold) - set(ids))
    if missing or extra:
        print(f"labels.txt does not match the manifest: missing {missing}, extra {extra}",
              file=sys.stderr)
        return 1
    out_dir = HERE / "gold"
    out_dir.mkdir(exist_ok=True)
    for nid in ids:
        (out_dir / f"{nid}.json").write_text(json.dumps(gold[nid], indent=1) + "\n",
                                             encoding="utf-8")
    print(f"wrote {len(ids)} gold files to {out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
